// A small SVG chart for an answer that pairs a label with a number: horizontal bars, or a line
// when the labels are periods or dates. Labels reach the SVG only as text nodes.

import { isNumeric, labelOf } from "./terms.js";

const SVG = "http://www.w3.org/2000/svg";
const MAX_POINTS = 100;          // more bars than this are unreadable: draw no chart
const WIDTH = 720;
const BAR = 18;
const GAP = 6;
const PERIOD = /^\d{4}(-(\d{2}|H[12]|Q[1-4]|M\d{2}))?(-\d{2})?(\.\.\d{4}(-\d{2})?)?$/;
const TIME_TYPES = new Set(["date", "dateTime", "gYear", "gYearMonth"].map((t) => "http://www.w3.org/2001/XMLSchema#" + t));
const formatNumber = new Intl.NumberFormat("en", { notation: "compact", maximumFractionDigits: 2 });

/** Which columns to chart: the first numeric column bound in every row, and a column that names
 * every row (bound and different in each) to label it with; null when the answer has no such pair. */
export function chartColumns(vars, rows) {
  if (rows.length < 1 || rows.length > MAX_POINTS) return null;
  const full = vars.filter((v) => rows.every((row) => row[v]));
  const value = full.find((v) => rows.every((row) => isNumeric(row[v])));
  if (!value) return null;
  const names = full.filter((v) => v !== value && !rows.every((row) => isNumeric(row[v]))
    && new Set(rows.map((row) => row[v].value)).size === rows.length);
  // Names read better than IRIs: prefer a column of literals to label the bars with.
  const label = names.find((v) => rows.every((row) => row[v].type === "literal")) ?? names[0];
  return label ? { label, value } : null;
}

/** Whether the labels are periods (2023-H1, 2021-M06, 2025) or dates: a line then reads best. */
function isTimeline(terms) {
  return terms.every((t) => t.type === "literal" && (TIME_TYPES.has(t.datatype) || PERIOD.test(t.value)));
}

function el(name, attrs = {}, text = null) {
  const node = document.createElementNS(SVG, name);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  if (text !== null) node.textContent = text;
  return node;
}

function svgRoot(kind, height, caption) {
  const svg = el("svg", { class: `chart ${kind}`, viewBox: `0 0 ${WIDTH} ${height}`, role: "img" });
  svg.append(el("title", {}, caption));
  return svg;
}

function barChart(points, caption) {
  const longest = Math.max(...points.map((p) => p.label.length));
  const left = Math.min(260, Math.max(60, longest * 7 + 12));
  const right = 70;
  const lo = Math.min(0, ...points.map((p) => p.value));
  const hi = Math.max(0, ...points.map((p) => p.value));
  const x = (v) => left + ((v - lo) / ((hi - lo) || 1)) * (WIDTH - left - right);
  const svg = svgRoot("bars", points.length * (BAR + GAP) + GAP, caption);
  points.forEach((p, i) => {
    const y = GAP + i * (BAR + GAP);
    const [x0, x1] = [x(Math.min(0, p.value)), x(Math.max(0, p.value))];
    svg.append(el("text", { x: left - 6, y: y + BAR - 5, "text-anchor": "end", class: "label" }, p.label));
    const bar = el("rect", { class: "bar", x: x0, y, width: Math.max(1, x1 - x0), height: BAR });
    bar.append(el("title", {}, `${p.label}: ${p.raw}`));
    svg.append(bar, el("text", { x: x1 + 4, y: y + BAR - 5, class: "value" }, formatNumber.format(p.value)));
  });
  return svg;
}

function lineChart(points, caption) {
  const [top, bottom, left, right] = [12, 56, 64, 16];
  const height = 260;
  const lo = Math.min(0, ...points.map((p) => p.value));
  const hi = Math.max(0, ...points.map((p) => p.value));
  const step = (WIDTH - left - right) / Math.max(1, points.length - 1);
  const x = (i) => (points.length === 1 ? (WIDTH + left - right) / 2 : left + i * step);
  const y = (v) => top + (1 - (v - lo) / ((hi - lo) || 1)) * (height - top - bottom);
  const every = Math.ceil(points.length / 12);  // label at most a dozen points so labels never overlap
  const svg = svgRoot("line", height, caption);
  svg.append(el("line", { class: "axis", x1: left, x2: WIDTH - right, y1: y(0), y2: y(0) }));
  for (const v of [lo, hi].filter((v, i, all) => all.indexOf(v) === i)) {
    svg.append(el("text", { x: left - 6, y: y(v) + 4, "text-anchor": "end", class: "value" }, formatNumber.format(v)));
  }
  svg.append(el("polyline", { class: "series", points: points.map((p, i) => `${x(i)},${y(p.value)}`).join(" ") }));
  points.forEach((p, i) => {
    const dot = el("circle", { class: "point", cx: x(i), cy: y(p.value), r: 4 });
    dot.append(el("title", {}, `${p.label}: ${p.raw}`));
    svg.append(dot);
    if (i % every === 0) svg.append(el("text", { x: x(i), y: height - bottom + 16, "text-anchor": "middle", class: "label" }, p.label));
  });
  return svg;
}

/** An SVG chart of the answer, or null when it pairs no label with a number. */
export function drawChart(vars, rows, prefixes) {
  const columns = chartColumns(vars, rows);
  if (!columns) return null;
  const points = rows.map((row) => ({
    label: labelOf(row[columns.label], prefixes),
    value: Number(row[columns.value].value),
    raw: row[columns.value].value,
  }));
  if (points.some((p) => !Number.isFinite(p.value))) return null;
  const caption = `?${columns.value} by ?${columns.label}`;
  if (isTimeline(rows.map((row) => row[columns.label]))) {
    const order = points.map((p, i) => i).sort((a, b) => points[a].label.localeCompare(points[b].label) || a - b);
    return lineChart(order.map((i) => points[i]), caption);
  }
  return barChart(points, caption);
}
