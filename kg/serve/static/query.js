// The query page: an editor that runs its query on /sparql (Ctrl+Enter or Run) and draws the answer,
// and a picker of the saved queries that opens their form pages.

import { ACCEPT, resultsSection, showFailure, showResponse, showRunning } from "./results.js";

const INDENT = "  ";
const form = document.getElementById("query-form");
const editor = document.getElementById("query");
const { section, config } = resultsSection();
let running = null;   // the AbortController of the request in flight
let tabMovesFocus = false;

/** A link to the query's answer in one format, as the endpoint's GET binding. */
function sparqlUrl(query, format) {
  const url = new URL(form.action, location.href);
  url.search = new URLSearchParams({ query, format }).toString();
  return url.pathname + url.search;
}

async function run() {
  const query = editor.value;
  running?.abort();
  running = new AbortController();
  showRunning(section);
  history.replaceState(null, "", "?" + new URLSearchParams({ query }).toString());
  try {
    const response = await fetch(form.action, {
      method: "POST",
      headers: { Accept: ACCEPT, "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ query }),
      signal: running.signal,
    });
    await showResponse(section, config, response, (format) => sparqlUrl(query, format));
  } catch (error) {
    if (error.name !== "AbortError") showFailure(section, `The query could not be run: ${error.message}`);
  }
}

/** Tab indents in the editor (Esc first lets it move focus on, so the keyboard is never trapped). */
function indent(event) {
  if (tabMovesFocus || event.shiftKey) return;
  event.preventDefault();
  if (!document.execCommand("insertText", false, INDENT)) {   // keeps the edit undoable where supported
    editor.setRangeText(INDENT, editor.selectionStart, editor.selectionEnd, "end");
  }
}

editor.addEventListener("keydown", (event) => {
  if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
    event.preventDefault();
    form.requestSubmit();
  } else if (event.key === "Tab") {
    indent(event);
  }
  tabMovesFocus = event.key === "Escape";
});

form.addEventListener("submit", (event) => {
  event.preventDefault();
  run();
});

/** Fill the saved-query picker from the JSON list of saved queries; it stays hidden when there are none. */
async function loadSavedQueries() {
  const picker = document.getElementById("saved-picker");
  const select = document.getElementById("saved-select");
  const open = document.getElementById("saved-open");
  const summary = document.getElementById("saved-summary");
  let entries;
  try {
    const response = await fetch(picker.dataset.source, { headers: { Accept: "application/json" } });
    if (!response.ok) return;   // without the list the editor still works alone
    entries = await response.json();
  } catch {
    return;
  }
  for (const entry of entries) {
    const option = document.createElement("option");
    option.value = entry.name;
    option.textContent = entry.summary ? `${entry.name} — ${entry.summary}` : entry.name;
    select.append(option);
  }
  select.addEventListener("change", () => {
    const entry = entries.find((e) => e.name === select.value);
    open.hidden = !entry;
    summary.textContent = entry?.description ?? "";
    if (entry) open.href = entry.url;
  });
  picker.hidden = entries.length === 0;
}

loadSavedQueries();
