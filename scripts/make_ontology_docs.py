#!/usr/bin/env python3
"""Generate the HTML documentation of the kg ontology with pyLODE.

    python scripts/make_ontology_docs.py            # ontology/kg.ttl -> ontology/docs/index.html
    python scripts/make_ontology_docs.py --check    # exit 1 if the committed page is out of date

Needs pyLODE (the `docs` extra: pip install -e '.[docs]'). pyLODE 3.4.1 cannot be
imported from a wheel (it reads a pyproject.toml that the wheel does not ship), so
pin 3.3.x.

pyLODE's OntPub profile documents classes and properties only, shows every label
of a term run together, treats any skos:ConceptScheme as the ontology itself, and
lists owl:FunctionalProperty terms twice. So the page is generated from a
presentation copy of kg.ttl, derived mechanically and never written back:

- each term's labels (en, zh-Hans, zh-Hant) become one title "en · 简 · 繁";
- facts pyLODE does not show become notes: property chains, the Data Cube role of
  each component, code lists, skos:closeMatch / relatedMatch alignments, functional
  properties, the flow individuals, the data set and its structure;
- each kg:derivationQuery is shown as an example (preformatted SPARQL);
- the flow concept scheme loses its skos:ConceptScheme type, and properties of other
  vocabularies that kg.ttl only declares are left out.
"""

from __future__ import annotations

import argparse
import logging
import sys
import tempfile
from pathlib import Path

from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS

ROOT = Path(__file__).resolve().parents[1]
ONTOLOGY = ROOT / "ontology" / "kg.ttl"
OUTPUT = ROOT / "ontology" / "docs" / "index.html"

KG = Namespace("https://w3id.org/cn-trade-kg/ontology#")
ONT = URIRef("https://w3id.org/cn-trade-kg/ontology")
QB = Namespace("http://purl.org/linked-data/cube#")
ONTDOC = Namespace("https://w3id.org/profile/ontdoc/")

LANGUAGES = ("en", "zh-Hans", "zh-Hant")
LABELS = (RDFS.label, SKOS.prefLabel, DCTERMS.title)
PROPERTY_KINDS = (OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)


def curie(g: Graph, iri: URIRef) -> str:
    try:
        return g.namespace_manager.curie(iri, generate=False)
    except (KeyError, ValueError):
        return str(iri)


def link(g: Graph, iri: URIRef) -> str:
    """A Markdown link to an IRI, shown as a CURIE."""
    return f"[{curie(g, iri)}]({iri})"


def labels_by_language(g: Graph, subject: URIRef) -> dict[str, str]:
    found: dict[str, str] = {}
    for predicate in LABELS:
        for label in g.objects(subject, predicate):
            if isinstance(label, Literal):
                found.setdefault(label.language or "", str(label))
    return found


def one_title(labels: dict[str, str]) -> str:
    parts: list[str] = []
    for lang in (*LANGUAGES, ""):
        text = labels.get(lang)
        if text and text not in parts:
            parts.append(text)
    return " · ".join(parts)


def english(g: Graph, subject: URIRef, predicate: URIRef) -> str | None:
    for value in g.objects(subject, predicate):
        if isinstance(value, Literal) and value.language == "en":
            return str(value)
    return None


def presentation_graph(source: Graph) -> Graph:
    g = Graph(bind_namespaces="core")
    for prefix, namespace in source.namespace_manager.namespaces():
        g.bind(prefix, namespace, override=True)
    for triple in source:
        g.add(triple)

    defined_here = set(g.subjects(RDFS.isDefinedBy, ONT)) | {ONT}
    notes: dict[URIRef, list[str]] = {}

    def note(subject: URIRef, text: str) -> None:
        notes.setdefault(subject, []).append(text)

    # Properties of other vocabularies are declared in kg.ttl but not documented there.
    for kind in (*PROPERTY_KINDS, OWL.FunctionalProperty):
        for subject in list(g.subjects(RDF.type, kind)):
            if subject not in defined_here:
                g.remove((subject, RDF.type, kind))

    # Alignments.
    for predicate, name in ((SKOS.closeMatch, "Close match"), (SKOS.relatedMatch, "Related match")):
        for subject in sorted(defined_here):
            targets = sorted(g.objects(subject, predicate))
            if targets:
                note(subject, f"{name}: " + ", ".join(link(g, t) for t in targets) + ".")

    # Functional properties (listed once, in their own section, by pyLODE otherwise).
    for subject in sorted(set(g.subjects(RDF.type, OWL.FunctionalProperty))):
        g.remove((subject, RDF.type, OWL.FunctionalProperty))
        note(subject, "Functional: at most one value per subject.")

    # Property chains.
    for subject, chain in list(g.subject_objects(OWL.propertyChainAxiom)):
        steps = []
        for step in Collection(g, chain):
            inverse = g.value(step, OWL.inverseOf) if isinstance(step, BNode) else None
            steps.append(f"inverse({link(g, inverse)})" if inverse is not None else link(g, step))
        note(subject, "Property chain: " + " ∘ ".join(steps) + ".")

    # Enumerations (owl:equivalentClass [ owl:oneOf (...) ]).
    for subject, equivalent in list(g.subject_objects(OWL.equivalentClass)):
        members = g.value(equivalent, OWL.oneOf) if isinstance(equivalent, BNode) else None
        if members is not None:
            note(subject, "Equivalent to the enumeration {" + ", ".join(link(g, m) for m in Collection(g, members)) + "}.")
            g.remove((subject, OWL.equivalentClass, equivalent))

    # Data Cube: the data set, its structure, and each component's role.
    roles = {QB.dimension: "dimension", QB.measure: "measure", QB.attribute: "attribute"}
    for dataset in sorted(g.subjects(RDF.type, QB.DataSet)):
        for structure in g.objects(dataset, QB.structure):
            components: dict[str, list[tuple[int, URIRef]]] = {role: [] for role in roles.values()}
            for spec in g.objects(structure, QB.component):
                order = g.value(spec, QB.order)
                for predicate, role in roles.items():
                    for component in g.objects(spec, predicate):
                        components[role].append((int(order) if order is not None else 0, component))
                        note(component, f"Data Cube {role} of {link(g, structure)}.")
            for component in g.subjects(RDF.type, QB.DimensionProperty):
                for code_list in g.objects(component, QB.codeList):
                    note(component, f"Code list: {link(g, code_list)}.")
            listing = "; ".join(
                f"{role}s " + ", ".join(link(g, c) for _, c in sorted(items)) for role, items in components.items() if items
            )
            text = english(g, structure, SKOS.definition) or ""
            note(
                ONT,
                f"Observations belong to the qb:DataSet <{dataset}> (qb:dataSet), structured by "
                f"{link(g, structure)} — {listing}. {text}",
            )

    # Individuals of kg classes (the flows), listed on their class.
    for cls in sorted(s for s in g.subjects(RDF.type, OWL.Class) if s in defined_here):
        for individual in sorted(g.subjects(RDF.type, cls)):
            g.add((cls, ONTDOC.hasInstance, individual))
            title = one_title(labels_by_language(g, individual))
            definition = english(g, individual, SKOS.definition) or ""
            note(cls, f"Individual <{individual}> ({title}): {definition}")
    for scheme in list(g.subjects(RDF.type, SKOS.ConceptScheme)):
        g.remove((scheme, RDF.type, SKOS.ConceptScheme))

    # Derivation queries, shown as preformatted examples.
    for subject, query in list(g.subject_objects(KG.derivationQuery)):
        g.add((subject, SKOS.example, Literal(str(query))))

    # One title per term.
    for subject in sorted(defined_here):
        labels = labels_by_language(g, subject)
        if not labels:
            continue
        for predicate in LABELS:
            g.remove((subject, predicate, None))
        g.add((subject, DCTERMS.title, Literal(one_title(labels))))

    for subject, texts in notes.items():
        for text in texts:
            g.add((subject, SKOS.note, Literal(text)))
    return g


def render(ontology: Path) -> str:
    try:
        from pylode import OntPub
    except ImportError as error:  # pragma: no cover - depends on the environment
        sys.exit(f"make_ontology_docs: pyLODE is not importable ({error}); pip install -e '.[docs]'")
    logging.getLogger().setLevel(logging.WARNING)  # pyLODE sets the root logger to DEBUG
    graph = presentation_graph(Graph().parse(ontology, format="turtle"))
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "index.html"
        OntPub(ontology=graph, sort_subjects=True).make_html(destination=out)
        return out.read_text(encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ontology", type=Path, default=ONTOLOGY)
    parser.add_argument("--output", type=Path, default=OUTPUT)
    parser.add_argument("--check", action="store_true", help="do not write; exit 1 if the output is out of date")
    args = parser.parse_args(argv)

    html = render(args.ontology)
    if args.check:
        current = args.output.read_text(encoding="utf-8") if args.output.exists() else None
        if current != html:
            print(f"{args.output} is out of date: run scripts/make_ontology_docs.py", file=sys.stderr)
            return 1
        return 0
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(html, encoding="utf-8")
    print(f"wrote {args.output} ({len(html.encode('utf-8'))} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
