// RDF terms (as in SPARQL JSON results) shown to people: IRIs as links, literals as plain text.
// Everything goes into the page through textContent and attributes, never as markup.

const XSD = "http://www.w3.org/2001/XMLSchema#";
const NUMERIC = new Set(["integer", "decimal", "double", "float", "long", "int", "short", "byte",
  "nonNegativeInteger", "positiveInteger", "nonPositiveInteger", "negativeInteger",
  "unsignedLong", "unsignedInt", "unsignedShort", "unsignedByte"].map((t) => XSD + t));
const XSD_STRING = XSD + "string";

/** Whether a term is a literal of a numeric XSD type. */
export function isNumeric(term) {
  return Boolean(term) && term.type === "literal" && NUMERIC.has(term.datatype);
}

/** The IRI in prefixed form (place:CN-HN) when one of `prefixes` fits, else the IRI itself. */
export function compact(iri, prefixes) {
  let best = null;
  for (const [prefix, ns] of Object.entries(prefixes)) {
    if (iri.startsWith(ns) && (!best || ns.length > best[1].length)) best = [prefix, ns];
  }
  if (!best) return iri;
  const local = iri.slice(best[1].length);
  return /^[\w.-]*$/u.test(local) && !local.endsWith(".") ? `${best[0]}:${local}` : iri;
}

/** Where a link to `iri` goes: this server's own page for the graph's IRIs, the IRI for other
 * web IRIs, nowhere (null) for any other scheme (javascript:, data:, urn: …). */
export function hrefFor(iri, base) {
  if (iri.startsWith(base)) return "/" + iri.slice(base.length);
  return /^https?:\/\//i.test(iri) ? iri : null;
}

/** A short text naming a term, for chart labels. */
export function labelOf(term, prefixes) {
  if (!term) return "";
  if (term.type === "uri") return compact(term.value, prefixes);
  if (term.type === "bnode") return "_:" + term.value;
  return String(term.value);
}

/** A table cell showing `term` (an empty cell when it is unbound). */
export function termCell(term, config) {
  const td = document.createElement("td");
  if (!term) return td;
  if (term.type === "uri") {
    const href = hrefFor(term.value, config.base);
    const node = document.createElement(href ? "a" : "span");
    if (href) node.href = href;
    node.title = term.value;
    node.textContent = compact(term.value, config.prefixes);
    td.append(node);
  } else if (term.type === "bnode") {
    td.textContent = "_:" + term.value;
    td.className = "muted";
  } else if (term.type === "triple") {
    td.append("<< ", ...["subject", "predicate", "object"].flatMap((k) => [...termCell(term.value[k], config).childNodes, " "]), ">>");
  } else {
    const value = document.createElement("span");
    value.className = "value";
    value.textContent = term.value;
    td.append(value);
    const note = term["xml:lang"] ? "@" + term["xml:lang"]
      : term.datatype && term.datatype !== XSD_STRING && !isNumeric(term) ? "^^" + compact(term.datatype, config.prefixes) : "";
    if (note) {
      const small = document.createElement("small");
      small.className = "muted";
      small.textContent = " " + note;
      td.append(small);
    }
    if (isNumeric(term)) td.className = "num";
  }
  return td;
}
