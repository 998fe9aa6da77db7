// A saved query's form page: Run sends the form's values to /queries/<name>?…&format=json and draws
// the answer with the same results module as the query page. Without JavaScript the form is an
// ordinary GET, which downloads the answer in the format chosen in it.

import { resultsSection, showFailure, showResponse, showRunning } from "./results.js";

const form = document.getElementById("saved-form");
const { section, config } = resultsSection();
const route = new URL(form.action, location.href).pathname;
let running = null;

/** The form's parameter values (every field but the format). */
function parameters() {
  const params = new URLSearchParams(new FormData(form));
  params.delete("format");
  return params;
}

function urlFor(params, format) {
  const withFormat = new URLSearchParams(params);
  withFormat.set("format", format);
  return `${route}?${withFormat}`;
}

async function run() {
  const params = parameters();
  running?.abort();
  running = new AbortController();
  showRunning(section);
  history.replaceState(null, "", `${route}?${params}`);   // the address reopens this form with these values
  try {
    const response = await fetch(urlFor(params, "json"), { signal: running.signal });
    await showResponse(section, config, response, (format) => urlFor(params, format));
  } catch (error) {
    if (error.name !== "AbortError") showFailure(section, `The query could not be run: ${error.message}`);
  }
}

form.addEventListener("submit", (event) => {
  event.preventDefault();
  run();
});

if (new URLSearchParams(location.search).size > 0 && form.checkValidity()) run();   // a shared link shows its answer
