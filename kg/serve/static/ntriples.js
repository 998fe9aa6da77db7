// N-Triples (the form a CONSTRUCT or DESCRIBE answer is fetched in) read into the term objects of
// SPARQL JSON results, so a graph is shown by the same table code as solutions.

const TERM = /\s*(?:<([^>]*)>|_:(\S+)|"((?:[^"\\]|\\.)*)"(?:@([A-Za-z]+(?:-[A-Za-z0-9]+)*)|\^\^<([^>]*)>)?)/y;
const ESCAPE = /\\(?:u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8})|(.))/g;
const CHARS = { t: "\t", b: "\b", n: "\n", r: "\r", f: "\f", '"': '"', "'": "'", "\\": "\\" };

function unescape(text) {
  return text.replace(ESCAPE, (_, u4, u8, c) => (u4 || u8 ? String.fromCodePoint(parseInt(u4 || u8, 16)) : CHARS[c] ?? c));
}

function readTerm(line, at) {
  TERM.lastIndex = at;
  const m = TERM.exec(line);
  if (!m) throw new SyntaxError(`cannot read an N-Triples term at column ${at + 1}: ${line}`);
  const [, iri, bnode, literal, lang, datatype] = m;
  let term;
  if (iri !== undefined) term = { type: "uri", value: unescape(iri) };
  else if (bnode !== undefined) term = { type: "bnode", value: bnode };
  else {
    term = { type: "literal", value: unescape(literal) };
    if (lang) term["xml:lang"] = lang;
    if (datatype) term.datatype = unescape(datatype);
  }
  return [term, TERM.lastIndex];
}

/** The triples of an N-Triples document, each as {subject, predicate, object} terms. */
export function parseNTriples(text) {
  const triples = [];
  for (const raw of text.split("\n")) {
    const line = raw.trim();
    if (!line || line.startsWith("#")) continue;
    let at = 0;
    const terms = [];
    for (let i = 0; i < 3; i++) {
      const [term, next] = readTerm(line, at);
      terms.push(term);
      at = next;
    }
    triples.push({ subject: terms[0], predicate: terms[1], object: terms[2] });
  }
  return triples;
}
