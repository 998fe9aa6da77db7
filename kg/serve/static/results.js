// Drawing an answer of the endpoint in a results section: its status line (row count, truncation),
// the server's message for a refused query, download links in every format of its kind, a chart
// when it pairs a label with a number, and the table. Shared by the query page and the saved-query
// form pages; the section carries its configuration (see kg/serve/templates/results.html).

import { drawChart } from "./chart.js";
import { parseNTriples } from "./ntriples.js";
import { termCell } from "./terms.js";

/** What a results request asks for: solutions in JSON, and graphs in N-Triples to read them line by line. */
export const ACCEPT = "application/sparql-results+json, application/n-triples;q=0.9";
const TRIPLE_VARS = ["subject", "predicate", "object"];
const EXTENSIONS = { rdfxml: "rdf" };  // file names for downloads whose format name is no extension

/** The results section of the page and its configuration (IRI base, prefixes, formats by kind). */
export function resultsSection(id = "results") {
  const section = document.getElementById(id);
  return { section, config: JSON.parse(section.dataset.config) };
}

function node(name, className, text) {
  const el = document.createElement(name);
  if (className) el.className = className;
  if (text !== undefined) el.textContent = text;
  return el;
}

/** Replace what the section shows with `children`. */
function show(section, ...children) {
  section.replaceChildren(...children);
}

export function showRunning(section) {
  show(section, node("p", "status muted", "Running…"));
}

/** A refusal or failure: the server's own message, shown as text. */
export function showFailure(section, message, status) {
  const box = node("div", "error", message.trim());
  box.setAttribute("role", "alert");
  if (status) box.dataset.status = String(status);
  show(section, box);
}

function downloads(kind, config, urlFor) {
  const p = node("p", "downloads", "Download: ");
  for (const name of config.formats[kind] ?? []) {
    const a = node("a", null, name);
    a.href = urlFor(name);
    a.dataset.format = name;
    a.setAttribute("download", `results.${EXTENSIONS[name] ?? name}`);
    p.append(a, " ");
  }
  return p;
}

function table(vars, rows, config) {
  const t = node("table", "results-table");
  const head = t.createTHead().insertRow();
  for (const v of vars) head.append(node("th", null, v));
  const body = t.createTBody();
  const fragment = document.createDocumentFragment();
  for (const row of rows) {
    const tr = document.createElement("tr");
    for (const v of vars) tr.append(termCell(row[v], config));
    fragment.append(tr);
  }
  body.append(fragment);
  const wrap = node("div", "table-wrap");   // wide answers scroll inside the page instead of widening it
  wrap.append(t);
  return wrap;
}

function statusLine(count, noun, response) {
  const p = node("p", "status", `${count} ${noun}${count === 1 ? "" : "s"}`);
  if (response.headers.get("X-Result-Truncated") === "true") {
    const cap = response.headers.get("X-Result-Row-Cap");
    p.append(" ", node("strong", "truncated",
      `— truncated: the endpoint returns at most ${cap} rows, so there are more than shown (narrow the query, or page with LIMIT and OFFSET).`));
  }
  return p;
}

/** Read `response` (to /sparql or a saved query) and draw it; `urlFor(format)` links a download. */
export async function showResponse(section, config, response, urlFor) {
  const body = await response.text();
  if (!response.ok) {
    showFailure(section, body || `${response.status} ${response.statusText}`, response.status);
    return;
  }
  const type = (response.headers.get("Content-Type") || "").split(";")[0].trim();
  if (type === "application/n-triples") {
    const triples = parseNTriples(body);
    show(section, statusLine(triples.length, "triple", response), downloads("CONSTRUCT/DESCRIBE", config, urlFor),
      table(TRIPLE_VARS, triples, config));
    return;
  }
  if (type !== "application/sparql-results+json" && type !== "application/json") {
    showFailure(section, `The answer came as ${type}, which this page cannot draw.`);
    return;
  }
  const answer = JSON.parse(body);
  if ("boolean" in answer) {
    show(section, node("p", "status boolean", String(answer.boolean)), downloads("ASK", config, urlFor));
    return;
  }
  const vars = answer.head.vars;
  const rows = answer.results.bindings;
  const parts = [statusLine(rows.length, "row", response), downloads("SELECT", config, urlFor)];
  const chart = drawChart(vars, rows, config.prefixes);
  if (chart) parts.push(chart);
  parts.push(table(vars, rows, config));
  show(section, ...parts);
}
