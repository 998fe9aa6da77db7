"""The ontology (ontology/kg.ttl), its SHACL shapes, its JSON-LD context and its generated docs.

Checks that the files parse with rdflib and pyoxigraph, that every kg term is labelled and
defined in English and Chinese, that the shapes only use declared properties, that the
derivation queries of the derived edges materialise the expected edges, that a small
hand-built observation with its provenance conforms to the shapes while broken variants
fail on the right node, and that the JSON-LD context round-trips the same data.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pyoxigraph as ox
import pytest
from pyshacl import validate
from rdflib import BNode, Dataset, Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.compare import isomorphic
from rdflib.namespace import OWL, RDF, RDFS, SKOS
from rdflib.plugins.sparql import prepareQuery

from kg.emit.reference import place_quads
from kg.gazetteer import load_gazetteer

ROOT = Path(__file__).resolve().parents[1]
ONTOLOGY = ROOT / "ontology" / "kg.ttl"
SHAPES = ROOT / "ontology" / "shapes.ttl"
CONTEXT = ROOT / "ontology" / "context.jsonld"
DOCS = ROOT / "ontology" / "docs" / "index.html"

KG = Namespace("https://w3id.org/cn-trade-kg/ontology#")
ONT = URIRef("https://w3id.org/cn-trade-kg/ontology")
ID = "https://w3id.org/cn-trade-kg/id/"
SH = Namespace("http://www.w3.org/ns/shacl#")
QB = Namespace("http://purl.org/linked-data/cube#")
PROV = Namespace("http://www.w3.org/ns/prov#")
OA = Namespace("http://www.w3.org/ns/oa#")
SCHEMA = Namespace("https://schema.org/")
SDMX_DIM = Namespace("http://purl.org/linked-data/sdmx/2009/dimension#")
SDMX_MEASURE = Namespace("http://purl.org/linked-data/sdmx/2009/measure#")
XSD = Namespace("http://www.w3.org/2001/XMLSchema#")  # a plain Namespace: rdflib's XSD warns when pytest probes it

FLOWS = {name: URIRef(f"{ID}flow/{name}") for name in ("total", "export", "import", "balance")}
# pyshacl and rdflib's JSON-LD plugins call rdflib's deprecated Dataset/ConjunctiveGraph APIs
# tens of thousands of times; those warnings are theirs, not ours.
pytestmark = pytest.mark.filterwarnings("ignore:.*deprecated.*:DeprecationWarning")

PROPERTY_TYPES = (OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)

# The terms the RDF emitter relies on, by exact local name.
CLASSES = [
    "TradeObservation", "Place", "Country", "Province", "City", "CountyLevelCity", "CountryGroup",
    "Commodity", "TradeMode", "Flow", "Document", "Evidence", "ExtractionRun", "Software",
    "Finding", "AuditRun",
]
OBJECT_PROPERTIES = [
    "reporter", "partner", "flow", "commodity", "mode", "document",
    "memberOf", "hasMember", "parentRegion", "tradesWith", "exportsTo", "importsFrom", "concerns",
]
DATATYPE_PROPERTIES = {
    "periodStart": XSD.date, "periodEnd": XSD.date, "periodCode": XSD.string,
    "value": XSD.decimal, "currency": XSD.string, "valueAsWritten": XSD.string,
    "quantity": XSD.decimal, "unit": XSD.string, "yoyPct": XSD.decimal, "sharePct": XSD.decimal,
    "code": XSD.string, "gb2260": XSD.string, "text": XSD.string, "sha256": XSD.string,
    "script": XSD.string, "dateInferred": XSD.boolean, "sourcePath": XSD.string, "rank": XSD.string,
    "textSha256": XSD.string, "findingKind": XSD.string, "severity": XSD.string, "stale": XSD.boolean,
    "message": RDF.langString,
}

PREFIXES = """\
@prefix kg:       <https://w3id.org/cn-trade-kg/ontology#> .
@prefix place:    <https://w3id.org/cn-trade-kg/id/place/> .
@prefix flow:     <https://w3id.org/cn-trade-kg/id/flow/> .
@prefix commodity: <https://w3id.org/cn-trade-kg/id/commodity/> .
@prefix doc:      <https://w3id.org/cn-trade-kg/id/doc/> .
@prefix obs:      <https://w3id.org/cn-trade-kg/id/obs/> .
@prefix evidence: <https://w3id.org/cn-trade-kg/id/evidence/> .
@prefix run:      <https://w3id.org/cn-trade-kg/id/run/> .
@prefix software: <https://w3id.org/cn-trade-kg/id/software/> .
@prefix qb:       <http://purl.org/linked-data/cube#> .
@prefix prov:     <http://www.w3.org/ns/prov#> .
@prefix oa:       <http://www.w3.org/ns/oa#> .
@prefix skos:     <http://www.w3.org/2004/02/skos/core#> .
@prefix schema:   <https://schema.org/> .
@prefix dcterms:  <http://purl.org/dc/terms/> .
@prefix rdfs:     <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd:      <http://www.w3.org/2001/XMLSchema#> .
"""


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(ONTOLOGY, format="turtle")


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return Graph().parse(SHAPES, format="turtle")


@pytest.fixture(scope="module")
def context() -> dict:
    return json.loads(CONTEXT.read_text(encoding="utf-8"))


def kg_terms(g: Graph) -> set[URIRef]:
    """Every class and property the ontology defines in the kg namespace."""
    terms = set()
    for kind in (OWL.Class, *PROPERTY_TYPES):
        terms |= {s for s in g.subjects(RDF.type, kind) if isinstance(s, URIRef) and s.startswith(str(KG))}
    return terms


def literal_languages(g: Graph, subject: URIRef, *predicates: URIRef) -> set[str]:
    return {o.language for p in predicates for o in g.objects(subject, p) if isinstance(o, Literal) and o.language}


# --------------------------------------------------------------------------------------
# Parsing and the terms
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", [ONTOLOGY, SHAPES], ids=lambda p: p.name)
def test_parses_with_rdflib_and_pyoxigraph(path: Path):
    g = Graph().parse(path, format="turtle")
    store = ox.Store()
    store.load(path=str(path), format=ox.RdfFormat.TURTLE)
    assert len(g) > 100
    assert len(store) == len(g)


def test_ontology_header(ontology: Graph):
    assert (ONT, RDF.type, OWL.Ontology) in ontology
    assert (ONT, OWL.versionIRI, URIRef("https://w3id.org/cn-trade-kg/ontology/0.1.0")) in ontology
    assert (ONT, OWL.versionInfo, Literal("0.1.0")) in ontology


def test_required_terms_are_declared(ontology: Graph):
    for name in CLASSES:
        assert (KG[name], RDF.type, OWL.Class) in ontology, name
    for name in OBJECT_PROPERTIES:
        assert (KG[name], RDF.type, OWL.ObjectProperty) in ontology, name
    for name, datatype in DATATYPE_PROPERTIES.items():
        assert (KG[name], RDF.type, OWL.DatatypeProperty) in ontology, name
        assert (KG[name], RDFS.range, datatype) in ontology, name
    assert (KG.derivationQuery, RDF.type, OWL.AnnotationProperty) in ontology


def test_every_term_is_labelled_and_defined(ontology: Graph):
    terms = kg_terms(ontology)
    assert len(terms) >= len(CLASSES) + len(OBJECT_PROPERTIES) + len(DATATYPE_PROPERTIES) + 1
    for term in sorted(terms):
        labels = literal_languages(ontology, term, RDFS.label)
        assert {"en", "zh-Hans", "zh-Hant"} <= labels, (term, labels)
        definitions = literal_languages(ontology, term, SKOS.definition, RDFS.comment)
        assert {"en", "zh-Hans"} <= definitions, (term, definitions)
        assert (term, RDFS.isDefinedBy, ONT) in ontology, term


def test_alignments(ontology: Graph):
    def subclass(c, parent):
        return (KG[c], RDFS.subClassOf, parent) in ontology

    assert subclass("TradeObservation", QB.Observation) and subclass("TradeObservation", PROV.Entity)
    assert subclass("Place", SCHEMA.Place)
    for c in ("Country", "Province", "City", "CountyLevelCity", "CountryGroup"):
        assert subclass(c, KG.Place), c
    for c in ("Commodity", "TradeMode", "Flow"):
        assert subclass(c, SKOS.Concept), c
    assert subclass("Document", PROV.Entity) and subclass("Document", SCHEMA.Article)
    assert subclass("Evidence", OA.SpecificResource) and subclass("Evidence", PROV.Entity)
    assert subclass("ExtractionRun", PROV.Activity)
    assert subclass("Software", PROV.SoftwareAgent)
    assert (KG.reporter, RDFS.subPropertyOf, SDMX_DIM.refArea) in ontology
    assert (KG.value, RDFS.subPropertyOf, SDMX_MEASURE.obsValue) in ontology
    assert (KG.exportsTo, RDFS.subPropertyOf, KG.tradesWith) in ontology
    assert (KG.importsFrom, RDFS.subPropertyOf, KG.tradesWith) in ontology
    assert (KG.memberOf, OWL.inverseOf, KG.hasMember) in ontology


def test_trades_with_is_a_property_chain_and_not_symmetric(ontology: Graph):
    chains = list(ontology.objects(KG.tradesWith, OWL.propertyChainAxiom))
    assert len(chains) == 1
    first, second = Collection(ontology, chains[0])
    assert isinstance(first, BNode) and (first, OWL.inverseOf, KG.reporter) in ontology
    assert second == KG.partner
    for p in (KG.tradesWith, KG.exportsTo, KG.importsFrom):
        assert (p, RDF.type, OWL.SymmetricProperty) not in ontology


def test_flows_and_data_structure(ontology: Graph):
    scheme = URIRef(f"{ID}flow")
    assert (scheme, RDF.type, SKOS.ConceptScheme) in ontology
    for name, flow in FLOWS.items():
        assert (flow, RDF.type, KG.Flow) in ontology
        assert (flow, SKOS.inScheme, scheme) in ontology
        assert (flow, KG.code, Literal(name)) in ontology
        assert {"en", "zh-Hans", "zh-Hant"} <= literal_languages(ontology, flow, SKOS.prefLabel)

    dataset = URIRef(f"{ID}dataset/trade")
    assert (dataset, RDF.type, QB.DataSet) in ontology
    dsd = ontology.value(dataset, QB.structure)
    assert (dsd, RDF.type, QB.DataStructureDefinition) in ontology
    components: dict[URIRef, set[URIRef]] = {QB.dimension: set(), QB.measure: set(), QB.attribute: set()}
    for spec in ontology.objects(dsd, QB.component):
        assert (spec, RDF.type, QB.ComponentSpecification) in ontology
        for role, found in components.items():
            found.update(ontology.objects(spec, role))
    assert components[QB.dimension] == {
        KG.reporter, KG.partner, KG.flow, KG.commodity, KG.mode, KG.periodStart, KG.periodEnd
    }
    assert components[QB.measure] == {KG.value, KG.quantity, KG.yoyPct, KG.sharePct}
    assert components[QB.attribute] == {KG.currency, KG.unit}
    for dimension in components[QB.dimension]:
        assert (dimension, RDF.type, QB.DimensionProperty) in ontology
    for measure in components[QB.measure]:
        assert (measure, RDF.type, QB.MeasureProperty) in ontology
    for attribute in components[QB.attribute]:
        assert (attribute, RDF.type, QB.AttributeProperty) in ontology


def test_shapes_only_use_declared_terms(ontology: Graph, shapes: Graph):
    declared_properties = {s for kind in PROPERTY_TYPES for s in ontology.subjects(RDF.type, kind)}
    paths = set(shapes.objects(None, SH.path))
    assert paths, "no property shapes"
    for path in paths:
        assert isinstance(path, URIRef), f"unexpected complex path {path!r}"
        if path.startswith(str(RDFS)):
            continue
        assert path in declared_properties, f"{path} is used by a shape but not declared in kg.ttl"
    classes = set(shapes.objects(None, SH["class"])) | set(shapes.objects(None, SH.targetClass))
    for cls in classes:
        if cls.startswith(str(KG)):
            assert (cls, RDF.type, OWL.Class) in ontology, cls
    for node in shapes.objects(None, SH["in"]):
        for member in Collection(shapes, node):
            if isinstance(member, URIRef):
                assert (member, RDF.type, KG.Flow) in ontology, member


def test_pyshacl_accepts_the_shapes(shapes: Graph):
    """The shapes graph itself conforms to SHACL-SHACL (meta_shacl)."""
    conforms, _, text = validate(Graph(), shacl_graph=shapes, meta_shacl=True)
    assert conforms, text


# --------------------------------------------------------------------------------------
# Derived edges
# --------------------------------------------------------------------------------------


DERIVATION_DATA = PREFIXES + """
obs:o1 a kg:TradeObservation ;
    kg:reporter place:CN-HN ; kg:partner place:ASEAN ; kg:flow flow:total ;
    kg:periodStart "2021-01-01"^^xsd:date ; kg:periodEnd "2021-06-30"^^xsd:date ;
    kg:value 40620000000.0 ; kg:currency "CNY" .
obs:o2 a kg:TradeObservation ;
    kg:reporter place:CN-HN ; kg:partner place:US ; kg:flow flow:export ;
    kg:periodStart "2021-01-01"^^xsd:date ; kg:periodEnd "2021-06-30"^^xsd:date ;
    kg:yoyPct 12.5 .
"""


def derivation_queries(ontology: Graph) -> dict[str, str]:
    return {
        str(p).removeprefix(str(KG)): str(ontology.value(p, KG.derivationQuery))
        for p in (KG.tradesWith, KG.exportsTo, KG.importsFrom)
    }


def materialise(ontology: Graph, turtle: str) -> dict[str, set[tuple[str, str]]]:
    """Load `turtle` into a named graph of a pyoxigraph store and run every derivation query
    over the union of graphs, as the store does; the edges per property as (subject, object)."""
    store = ox.Store()
    store.load(turtle, format=ox.RdfFormat.TURTLE, to_graph=ox.NamedNode("https://w3id.org/cn-trade-kg/graph/doc-test"))
    edges = {}
    for name, query in derivation_queries(ontology).items():
        found = set()
        for triple in store.query(query, use_default_graph_as_union=True):
            assert triple.predicate == ox.NamedNode(str(KG[name]))
            found.add((triple.subject.value.removeprefix(ID + "place/"), triple.object.value.removeprefix(ID + "place/")))
        edges[name] = found
    return edges


def test_derivation_queries_parse(ontology: Graph):
    queries = derivation_queries(ontology)
    assert set(queries) == {"tradesWith", "exportsTo", "importsFrom"}
    for name, query in queries.items():
        assert query.lstrip().upper().startswith("PREFIX") and "CONSTRUCT" in query, name
        prepareQuery(query)  # rdflib's SPARQL 1.1 parser
        ox.Store().query(query)  # pyoxigraph's parser


def test_derivation_queries_materialise_the_edges(ontology: Graph):
    edges = materialise(ontology, DERIVATION_DATA)
    assert edges["tradesWith"] == {("CN-HN", "ASEAN"), ("CN-HN", "US")}
    assert edges["exportsTo"] == {("CN-HN", "US")}
    assert edges["importsFrom"] == set()


def test_owl_rl_reasoning_over_the_chain_agrees_with_the_query(ontology: Graph):
    """An OWL 2 RL reasoner (owlrl, installed with pyshacl) applies the property chain of
    kg:tradesWith and finds the same edges as its derivation query."""
    import owlrl

    g = Graph()
    for triple in ontology:
        g.add(triple)
    g.parse(data=DERIVATION_DATA, format="turtle")
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(g)
    place = ID + "place/"
    inferred = {(str(s).removeprefix(place), str(o).removeprefix(place)) for s, o in g.subject_objects(KG.tradesWith)}
    assert inferred == materialise(ontology, DERIVATION_DATA)["tradesWith"]


def test_derivation_skips_the_world_and_deprecated_figures_and_is_not_symmetric(ontology: Graph):
    extra = """
obs:o3 a kg:TradeObservation ; kg:reporter place:CN-HN ; kg:flow flow:import ; kg:value 1.0 ; kg:currency "CNY" .
obs:o4 a kg:TradeObservation ; kg:reporter place:CN-HN ; kg:partner place:DE ; kg:flow flow:import ; kg:rank "deprecated" .
obs:o5 a kg:TradeObservation ; kg:reporter place:CN-HN ; kg:partner place:DE ; kg:flow flow:export ; kg:rank "normal" .
obs:o6 a kg:TradeObservation ; kg:reporter place:CN-430100 ; kg:partner place:BR ; kg:flow flow:import ; kg:rank "preferred" .
"""
    edges = materialise(ontology, DERIVATION_DATA + extra)
    assert edges["tradesWith"] == {("CN-HN", "ASEAN"), ("CN-HN", "US"), ("CN-HN", "DE"), ("CN-430100", "BR")}
    assert edges["exportsTo"] == {("CN-HN", "US"), ("CN-HN", "DE")}
    assert edges["importsFrom"] == {("CN-430100", "BR")}
    assert ("ASEAN", "CN-HN") not in edges["tradesWith"]


# --------------------------------------------------------------------------------------
# SHACL: a valid observation with its provenance, and broken variants
# --------------------------------------------------------------------------------------

# A document whose text has a character outside the BMP (𠮷, U+20BB7) before the quotes:
# offsets count code points, so a UTF-16 count would be off by one.
TEXT = (
    "上半年湖南外贸稳中有进\n"
    "湖南日报记者 𠮷小明 报道\n"
    "今年上半年，湖南省对东盟进出口406.2亿元，增长20.8%。"
    "其中，长沙市出口电动汽车1.2万辆。"
)
QUOTE_1 = "今年上半年，湖南省对东盟进出口406.2亿元，增长20.8%。"
QUOTE_2 = "其中，长沙市出口电动汽车1.2万辆。"
START_1, START_2 = TEXT.index(QUOTE_1), TEXT.index(QUOTE_2)
END_1, END_2 = START_1 + len(QUOTE_1), START_2 + len(QUOTE_2)
SHA = "0123456789abcdef" * 4
TEXT_SHA = hashlib.sha256(TEXT.encode("utf-8")).hexdigest()
DOC = "doc:doc-0123456789abcdef"


def turtle_string(s: str) -> str:
    return json.dumps(s, ensure_ascii=False)  # a JSON string with raw characters is a valid Turtle string


VALID = PREFIXES + f"""
obs:o1 a kg:TradeObservation ;
    qb:dataSet <https://w3id.org/cn-trade-kg/id/dataset/trade> ;
    kg:reporter place:CN-HN ;
    kg:partner place:ASEAN ;
    kg:flow flow:total ;
    kg:periodStart "2021-01-01"^^xsd:date ;
    kg:periodEnd "2021-06-30"^^xsd:date ;
    kg:periodCode "2021-H1" ;
    kg:value 40620000000.0 ;
    kg:currency "CNY" ;
    kg:valueAsWritten "406.2亿元" ;
    kg:yoyPct 20.8 ;
    kg:document {DOC} ;
    prov:wasDerivedFrom evidence:e1 ;
    prov:wasGeneratedBy run:r1 .

obs:o2 a kg:TradeObservation ;
    qb:dataSet <https://w3id.org/cn-trade-kg/id/dataset/trade> ;
    kg:reporter place:CN-430100 ;
    kg:flow flow:export ;
    kg:commodity commodity:electric_vehicle ;
    kg:periodStart "2021-01-01"^^xsd:date ;
    kg:periodEnd "2021-06-30"^^xsd:date ;
    kg:periodCode "2021-H1" ;
    kg:quantity 12000.0 ;
    kg:unit "vehicle" ;
    kg:rank "preferred" ;
    kg:document {DOC} ;
    prov:wasDerivedFrom evidence:e2 ;
    prov:wasGeneratedBy run:r1 .

evidence:e1 a kg:Evidence ;
    oa:hasSource {DOC} ;
    oa:hasSelector evidence:e1-quote , evidence:e1-position .
evidence:e1-quote a oa:TextQuoteSelector ;
    oa:exact {turtle_string(QUOTE_1)} ;
    oa:prefix {turtle_string(TEXT[START_1 - 6:START_1])} ;
    oa:suffix {turtle_string(TEXT[END_1:END_1 + 6])} .
evidence:e1-position a oa:TextPositionSelector ;
    oa:start "{START_1}"^^xsd:integer ;
    oa:end "{END_1}"^^xsd:integer .

evidence:e2 a kg:Evidence ;
    oa:hasSource {DOC} ;
    oa:hasSelector evidence:e2-quote , evidence:e2-position .
evidence:e2-quote a oa:TextQuoteSelector ;
    oa:exact {turtle_string(QUOTE_2)} .
evidence:e2-position a oa:TextPositionSelector ;
    oa:start "{START_2}"^^xsd:integer ;
    oa:end "{END_2}"^^xsd:integer .

{DOC} a kg:Document ;
    kg:text {turtle_string(TEXT)} ;
    kg:sha256 "{SHA}" ;
    kg:textSha256 "{TEXT_SHA}" ;
    dcterms:identifier "doc-0123456789abcdef" ;
    dcterms:title "上半年湖南外贸稳中有进" ;
    dcterms:date "2021-07-20"^^xsd:date ;
    dcterms:publisher "湖南日报" ;
    dcterms:subject "外贸" ;
    kg:script "zh-Hans" ;
    kg:dateInferred false ;
    kg:sourcePath "seeds/hunan-2021-h1.html" .

run:r1 a kg:ExtractionRun ;
    prov:used {DOC} ;
    prov:wasAssociatedWith software:kg-0.1.0 ;
    prov:startedAtTime "2024-05-01T10:00:00Z"^^xsd:dateTime ;
    prov:endedAtTime "2024-05-01T10:00:05Z"^^xsd:dateTime .

software:kg-0.1.0 a kg:Software ;
    schema:softwareVersion "0.1.0" .

<https://w3id.org/cn-trade-kg/id/finding/f1> a kg:Finding ;
    kg:findingKind "conflict" ;
    kg:severity "warning" ;
    kg:concerns obs:o1 , {DOC} ;
    kg:message "Two documents give different figures for the same key."@en ;
    prov:wasGeneratedBy run:audit1 .

run:audit1 a kg:AuditRun ;
    prov:wasAssociatedWith software:kg-0.1.0 ;
    prov:startedAtTime "2024-05-02T08:00:00Z"^^xsd:dateTime ;
    prov:endedAtTime "2024-05-02T08:00:01Z"^^xsd:dateTime .

place:CN a kg:Country ; kg:code "CN" ; rdfs:label "China"@en , "中国"@zh-Hans .
place:MY a kg:Country ; kg:code "MY" ; rdfs:label "Malaysia"@en ; kg:memberOf place:ASEAN .
place:ASEAN a kg:CountryGroup ; kg:code "ASEAN" ; rdfs:label "ASEAN"@en , "东盟"@zh-Hans ;
    kg:hasMember place:MY .
place:CN-HN a kg:Province ; kg:code "CN-HN" ; kg:gb2260 "430000" ;
    rdfs:label "Hunan"@en , "湖南省"@zh-Hans , "湖南省"@zh-Hant ; kg:parentRegion place:CN .
place:CN-430100 a kg:City ; kg:code "CN-430100" ; kg:gb2260 "430100" ;
    rdfs:label "Changsha"@en , "长沙市"@zh-Hans ; kg:parentRegion place:CN-HN .

commodity:electric_vehicle a kg:Commodity ; kg:code "electric_vehicle" ;
    skos:prefLabel "Electric vehicles"@en , "电动汽车"@zh-Hans .
"""

OBS1 = URIRef(f"{ID}obs/o1")
OBS2 = URIRef(f"{ID}obs/o2")
EVIDENCE1 = URIRef(f"{ID}evidence/e1")
DOCUMENT = URIRef(f"{ID}doc/doc-0123456789abcdef")
RUN = URIRef(f"{ID}run/r1")
CITY = URIRef(f"{ID}place/CN-430100")
POSITION1 = URIRef(f"{ID}evidence/e1-position")
FINDING = URIRef(f"{ID}finding/f1")
AUDIT_RUN = URIRef(f"{ID}run/audit1")


def shacl_results(turtle: str, ontology: Graph | None = None) -> tuple[bool, list[dict]]:
    data = Graph().parse(data=turtle, format="turtle")
    conforms, report, _ = validate(data, shacl_graph=str(SHAPES), ont_graph=ontology, inference="none")
    results = []
    for result in report.objects(None, SH.result):
        results.append(
            {
                "focus": report.value(result, SH.focusNode),
                "path": report.value(result, SH.resultPath),
                "component": report.value(result, SH.sourceConstraintComponent),
                "message": " ".join(str(m) for m in report.objects(result, SH.resultMessage)),
            }
        )
    return conforms, results


def edit(turtle: str, old: str, new: str) -> str:
    assert turtle.count(old) == 1, f"{old!r} must occur once"
    return turtle.replace(old, new)


def test_the_valid_example_is_consistent():
    assert TEXT[START_1:END_1] == QUOTE_1 and TEXT[START_2:END_2] == QUOTE_2
    assert len(TEXT.encode("utf-16-le")) // 2 > len(TEXT)  # the text really has a non-BMP character


@pytest.mark.parametrize("with_ontology", [False, True], ids=["data-only", "with-ontology"])
def test_valid_observation_conforms(ontology: Graph, with_ontology: bool):
    conforms, results = shacl_results(VALID, ontology if with_ontology else None)
    assert conforms, results


def test_offsets_may_be_typed_non_negative_integer():
    """The valid example types offsets xsd:integer, as Oxigraph returns them (it stores integer
    types by value); xsd:nonNegativeInteger, as the Web Annotation model has them, conforms too."""
    conforms, results = shacl_results(VALID.replace('"^^xsd:integer', '"^^xsd:nonNegativeInteger'))
    assert conforms, results
    store = ox.Store()
    store.load(VALID.replace('"^^xsd:integer', '"^^xsd:nonNegativeInteger'), format=ox.RdfFormat.TURTLE)
    offsets = {q.object.datatype.value for q in store.quads_for_pattern(None, ox.NamedNode(str(OA.start)), None)}
    assert offsets == {str(XSD.integer)}


def test_data_read_back_from_oxigraph_conforms():
    """The store keeps literals by value (canonical decimals, integer offsets): what comes out
    of it still conforms."""
    store = ox.Store()
    store.load(VALID, format=ox.RdfFormat.TURTLE, to_graph=ox.NamedNode("https://w3id.org/cn-trade-kg/graph/doc-test"))
    dumped = store.dump(format=ox.RdfFormat.N_QUADS).decode("utf-8")
    data = Dataset()
    data.parse(data=dumped, format="nquads")
    union = Graph()
    for s, p, o, _ in data.quads():
        union.add((s, p, o))
    conforms, _, text = validate(union, shacl_graph=str(SHAPES), inference="none")
    assert conforms, text


# (name, old text, new text, focus node, constraint component, result path or None)
BROKEN = [
    ("no reporter", "    kg:reporter place:CN-HN ;\n", "", OBS1, SH.MinCountConstraintComponent, KG.reporter),
    (
        "quote not at its offsets",
        f'oa:start "{START_1}"^^xsd:integer ;\n    oa:end "{END_1}"^^xsd:integer',
        f'oa:start "{START_1 + 1}"^^xsd:integer ;\n    oa:end "{END_1 + 1}"^^xsd:integer',
        EVIDENCE1, SH.SPARQLConstraintComponent, None,
    ),
    (
        "quote past the end of the text",
        f'oa:end "{END_1}"^^xsd:integer',
        f'oa:end "{len(TEXT) + 5}"^^xsd:integer',
        EVIDENCE1, SH.SPARQLConstraintComponent, None,
    ),
    (
        "period start after period end",
        'kg:periodStart "2021-01-01"^^xsd:date ;\n    kg:periodEnd "2021-06-30"^^xsd:date ;\n    kg:periodCode "2021-H1" ;\n    kg:value',
        'kg:periodStart "2021-07-01"^^xsd:date ;\n    kg:periodEnd "2021-06-30"^^xsd:date ;\n    kg:periodCode "2021-H1" ;\n    kg:value',
        OBS1, SH.LessThanOrEqualsConstraintComponent, KG.periodStart,
    ),
    ("value without currency", '    kg:currency "CNY" ;\n', "", OBS1, SH.SPARQLConstraintComponent, None),
    ("currency without value", '    kg:quantity 12000.0 ;\n', '    kg:quantity 12000.0 ;\n    kg:currency "CNY" ;\n',
     OBS2, SH.SPARQLConstraintComponent, None),
    ("no measure", '    kg:quantity 12000.0 ;\n', "", OBS2, SH.OrConstraintComponent, None),
    ("value as integer", "kg:value 40620000000.0 ;", 'kg:value "40620000000"^^xsd:integer ;',
     OBS1, SH.DatatypeConstraintComponent, KG.value),
    ("unknown flow", "kg:flow flow:total ;", "kg:flow flow:reexport ;", OBS1, SH.InConstraintComponent, KG.flow),
    ("reporter is not a place", "kg:reporter place:CN-430100 ;", "kg:reporter commodity:electric_vehicle ;",
     OBS2, SH.NodeConstraintComponent, KG.reporter),
    ("share above 100", "kg:yoyPct 20.8 ;", "kg:yoyPct 20.8 ;\n    kg:sharePct 120.5 ;",
     OBS1, SH.MaxInclusiveConstraintComponent, KG.sharePct),
    ("no evidence", "    prov:wasDerivedFrom evidence:e1 ;\n", "", OBS1,
     SH.QualifiedMinCountConstraintComponent, PROV.wasDerivedFrom),
    ("bad sha256", f'kg:sha256 "{SHA}"', f'kg:sha256 "{SHA.upper()}"', DOCUMENT,
     SH.PatternConstraintComponent, KG.sha256),
    ("unknown script", 'kg:script "zh-Hans"', 'kg:script "zh"', DOCUMENT, SH.InConstraintComponent, KG.script),
    ("city without province", "kg:parentRegion place:CN-HN .", ".", CITY, SH.MinCountConstraintComponent,
     KG.parentRegion),
    ("run ends before it starts", '"2024-05-01T10:00:05Z"', '"2024-05-01T09:00:00Z"', RUN,
     SH.LessThanOrEqualsConstraintComponent, PROV.startedAtTime),
    ("negative offset", f'oa:start "{START_1}"^^xsd:integer', 'oa:start "-1"^^xsd:integer', POSITION1,
     SH.NodeConstraintComponent, OA.start),
    ("offset typed decimal", f'oa:end "{END_1}"^^xsd:integer', f'oa:end "{END_1}.0"^^xsd:decimal', POSITION1,
     SH.NodeConstraintComponent, OA.end),
    ("start not before end", f'oa:end "{END_1}"^^xsd:integer', f'oa:end "{START_1}"^^xsd:integer',
     POSITION1, SH.LessThanConstraintComponent, OA.start),
    ("no text hash", f'    kg:textSha256 "{TEXT_SHA}" ;\n', "", DOCUMENT, SH.MinCountConstraintComponent, KG.textSha256),
    ("unknown finding kind", 'kg:findingKind "conflict"', 'kg:findingKind "typo"', FINDING,
     SH.InConstraintComponent, KG.findingKind),
    ("finding concerns nothing", "    kg:concerns obs:o1 , doc:doc-0123456789abcdef ;\n", "", FINDING,
     SH.MinCountConstraintComponent, KG.concerns),
    ("message without language", 'for the same key."@en', 'for the same key."', FINDING,
     SH.DatatypeConstraintComponent, KG.message),
    ("audit run without end", '    prov:endedAtTime "2024-05-02T08:00:01Z"^^xsd:dateTime .', " .", AUDIT_RUN,
     SH.MinCountConstraintComponent, PROV.endedAtTime),
]


@pytest.mark.parametrize(
    "old, new, focus, component, path", [case[1:] for case in BROKEN], ids=[case[0] for case in BROKEN]
)
def test_broken_variants_fail_on_the_right_node(old, new, focus, component, path):
    conforms, results = shacl_results(edit(VALID, old, new))
    assert not conforms
    expected = [r for r in results if r["focus"] == focus and r["component"] == component]
    assert expected, results
    if path is not None:
        assert any(r["path"] == path for r in expected), results
    # The evidence check may also flag the evidence of a broken selector; nothing else may fail.
    assert all(r["focus"] in (focus, EVIDENCE1) for r in results), results


def test_messages_name_the_problem():
    _, results = shacl_results(edit(VALID, '    kg:currency "CNY" ;\n', ""))
    assert any("no kg:currency" in r["message"] for r in results), results
    _, results = shacl_results(edit(VALID, f'oa:start "{START_1}"', f'oa:start "{START_1 + 1}"'))
    assert any("is not the text of the document" in r["message"] for r in results), results


# --------------------------------------------------------------------------------------
# JSON-LD context
# --------------------------------------------------------------------------------------


def test_context_maps_every_term(context: dict, ontology: Graph):
    ctx = context["@context"]
    assert ctx["@version"] == 1.1
    assert ctx["kg"] == str(KG)

    def expand(value):
        iri = value["@id"] if isinstance(value, dict) else value
        prefix, _, local = iri.partition(":")
        return ctx[prefix] + local if prefix in ctx and isinstance(ctx[prefix], str) else iri

    mapped = {URIRef(expand(v)): k for k, v in ctx.items() if not k.startswith("@") and (isinstance(v, dict) or ":" in v)}
    for term in kg_terms(ontology):
        assert term in mapped, f"{term} has no term in context.jsonld"
    for name in OBJECT_PROPERTIES:
        assert ctx[name]["@type"] == "@id", name
    for name, datatype in DATATYPE_PROPERTIES.items():
        if datatype == RDF.langString:  # language-tagged: a language map, not a datatype
            assert ctx[name]["@container"] == "@language", name
        elif datatype != XSD.string:
            assert expand({"@id": ctx[name]["@type"]}) == str(datatype), name


def test_rdflib_parses_json_ld_with_the_context(context: dict):
    document = {
        "@context": context["@context"],
        "@graph": [
            {
                "@id": "kgid:obs/o1",
                "@type": "TradeObservation",
                "reporter": "kgid:place/CN-HN",
                "partner": "kgid:place/ASEAN",
                "flow": "kgid:flow/total",
                "periodStart": "2021-01-01",
                "periodEnd": "2021-06-30",
                "value": "40620000000",
                "currency": "CNY",
                "yoyPct": "20.8",
                "dataSet": "kgid:dataset/trade",
                "wasDerivedFrom": "kgid:evidence/e1",
            },
            {
                "@id": "kgid:evidence/e1",
                "@type": "Evidence",
                "hasSource": "kgid:doc/doc-0123456789abcdef",
                "hasSelector": [
                    {"@type": "TextQuoteSelector", "exact": QUOTE_1},
                    {"@type": "TextPositionSelector", "start": START_1, "end": END_1},
                ],
            },
            {
                "@id": "kgid:place/CN-HN",
                "@type": "Province",
                "code": "CN-HN",
                "label": {"en": "Hunan", "zh-Hans": "湖南省"},
            },
            {"@id": "kgid:doc/doc-0123456789abcdef", "@type": "Document", "dateInferred": True},
        ],
    }
    g = Graph().parse(data=json.dumps(document, ensure_ascii=False), format="json-ld")
    o1 = URIRef(f"{ID}obs/o1")
    assert (o1, RDF.type, KG.TradeObservation) in g
    assert (o1, KG.reporter, URIRef(f"{ID}place/CN-HN")) in g
    assert (o1, KG.flow, FLOWS["total"]) in g
    assert (o1, KG.periodStart, Literal("2021-01-01", datatype=XSD.date)) in g
    assert (o1, KG.value, Literal("40620000000", datatype=XSD.decimal)) in g
    assert (o1, KG.yoyPct, Literal("20.8", datatype=XSD.decimal)) in g
    assert (o1, KG.currency, Literal("CNY")) in g
    assert (o1, QB.dataSet, URIRef(f"{ID}dataset/trade")) in g
    assert (o1, PROV.wasDerivedFrom, URIRef(f"{ID}evidence/e1")) in g
    position = next(s for s in g.subjects(RDF.type, OA.TextPositionSelector))
    assert g.value(position, OA.start) == Literal(str(START_1), datatype=XSD.integer)
    assert (URIRef(f"{ID}place/CN-HN"), RDFS.label, Literal("湖南省", lang="zh-Hans")) in g
    assert (URIRef(f"{ID}doc/doc-0123456789abcdef"), KG.dateInferred, Literal(True)) in g


def test_pyoxigraph_parses_json_ld_with_the_context(context: dict):
    document = {
        "@context": context["@context"],
        "@id": "kgid:obs/o1",
        "@type": "TradeObservation",
        "reporter": "kgid:place/CN-HN",
        "periodEnd": "2021-06-30",
        "sharePct": "25.2",
        "label": {"zh-Hant": "湖南省"},
    }
    quads = set(ox.parse(json.dumps(document, ensure_ascii=False), format=ox.RdfFormat.JSON_LD))
    o1 = ox.NamedNode(f"{ID}obs/o1")
    graph = ox.DefaultGraph()
    assert ox.Quad(o1, ox.NamedNode(str(KG.reporter)), ox.NamedNode(f"{ID}place/CN-HN"), graph) in quads
    assert ox.Quad(o1, ox.NamedNode(str(KG.periodEnd)), ox.Literal("2021-06-30", datatype=ox.NamedNode(str(XSD.date))), graph) in quads
    assert ox.Quad(o1, ox.NamedNode(str(KG.sharePct)), ox.Literal("25.2", datatype=ox.NamedNode(str(XSD.decimal))), graph) in quads
    assert ox.Quad(o1, ox.NamedNode(str(RDFS.label)), ox.Literal("湖南省", language="zh-Hant"), graph) in quads


def test_json_ld_round_trip_with_the_context(context: dict):
    """What `kg export --format jsonld` would do: the valid example out as JSON-LD and back."""
    g = Graph().parse(data=VALID, format="turtle")
    out = g.serialize(format="json-ld", context=context["@context"], auto_compact=True)
    back = Graph().parse(data=out, format="json-ld")
    assert isomorphic(g, back)
    # the context is used: compact keys, not full IRIs
    assert '"reporter"' in out and '"periodStart"' in out and str(KG.reporter) not in out


def test_named_graphs_round_trip_as_json_ld(context: dict):
    ds = Dataset()
    ds.graph(URIRef("https://w3id.org/cn-trade-kg/graph/doc-0123456789abcdef")).parse(data=VALID, format="turtle")
    out = ds.serialize(format="json-ld", context=context["@context"])
    back = Dataset()
    back.parse(data=out, format="json-ld")
    assert len(back) == len(ds)


# --------------------------------------------------------------------------------------
# Generated documentation
# --------------------------------------------------------------------------------------


def test_generated_docs_cover_every_term(ontology: Graph):
    """ontology/docs/index.html is generated by scripts/make_ontology_docs.py; rerun it after
    changing kg.ttl."""
    html = DOCS.read_text(encoding="utf-8")
    for term in kg_terms(ontology):
        assert str(term) in html, f"{term} missing from the docs: run scripts/make_ontology_docs.py"


def test_generated_places_graph_conforms_and_types_county_level_cities():
    """The places graph as `kg build` writes it: every county-level city is a
    kg:CountyLevelCity under its prefecture (or its province), and the whole graph conforms."""
    store = ox.Store()
    store.extend(place_quads(load_gazetteer()))
    data = Dataset()
    data.parse(data=store.dump(format=ox.RdfFormat.N_QUADS).decode("utf-8"), format="nquads")
    union = Graph()
    for s, p, o, _ in data.quads():
        union.add((s, p, o))
    place = Namespace("https://w3id.org/cn-trade-kg/id/place/")
    assert (place["CN-330782"], RDF.type, KG.CountyLevelCity) in union
    assert (place["CN-330782"], KG.parentRegion, place["CN-330700"]) in union
    assert (place["CN-419001"], KG.parentRegion, place["CN-HA"]) in union
    assert len(set(union.subjects(RDF.type, KG.CountyLevelCity))) >= 380
    conforms, _, text = validate(union, shacl_graph=str(SHAPES), inference="none")
    assert conforms, text
