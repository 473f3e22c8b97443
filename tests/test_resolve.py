"""Cross-article resolution: the same real entity keeps one id."""

from __future__ import annotations

from graph.model import Graph, Node, Relationship
from loaders.documents import Document
from loaders.pipeline import build_graph
from loaders.resolve import _index_for, resolve_against


def doc(text: str, doc_id: str) -> Document:
    return Document(id=doc_id, path=f"{doc_id}.txt", text=text, sha256=doc_id, published="2024-01-01")


def graph_of(*nodes: Node, rels: tuple[Relationship, ...] = ()) -> Graph:
    g = Graph()
    for n in nodes:
        g.add_node(n)
    for r in rels:
        g.add_relationship(r)
    return g


def test_acronym_maps_to_full_name():
    known = graph_of(
        Node(
            "agency:japan-organization-for-metals-and-energy-security",
            "Agency",
            "Japan Organization for Metals and Energy Security",
            ["JOGMEC"],
        )
    )
    doc_graph = graph_of(
        Node("agency:jogmec", "Agency", "JOGMEC"),
        Node("country:jp", "Country", "Japan"),
        rels=(Relationship("agency:jogmec", "BASED_IN", "country:jp"),),
    )
    out = resolve_against(doc_graph, known)
    assert set(out.nodes) == {"agency:japan-organization-for-metals-and-energy-security", "country:jp"}
    assert set(out.relationships) == {
        ("agency:japan-organization-for-metals-and-energy-security", "BASED_IN", "country:jp")
    }


def test_corp_matches_corporation_across_company_and_agency():
    known = graph_of(Node("company:sojitz-corporation", "Company", "Sojitz Corporation"))
    out = resolve_against(graph_of(Node("agency:sojitz-corp", "Agency", "Sojitz Corp.")), known)
    assert list(out.nodes) == ["company:sojitz-corporation"]
    assert out.nodes["company:sojitz-corporation"].label == "Company"


def test_inverted_org_name():
    known = graph_of(Node("agency:united-states-department-of-state", "Agency", "United States Department of State"))
    out = resolve_against(graph_of(Node("agency:state-department", "Agency", "State Department")), known)
    assert list(out.nodes) == ["agency:united-states-department-of-state"]


def test_fuzzy_near_identical_name():
    known = graph_of(Node("company:pilbara-minerals-limited", "Company", "Pilbara Minerals Limited"))
    out = resolve_against(
        graph_of(Node("company:pilbara-mineral-limited", "Company", "Pilbara Mineral Limited")), known
    )
    assert list(out.nodes) == ["company:pilbara-minerals-limited"]


def test_different_countries_ministries_stay_apart():
    known = graph_of(Node("agency:ministry-of-mines-cl", "Agency", "Ministry of Mines"))
    out = resolve_against(graph_of(Node("agency:ministry-of-mines-pe", "Agency", "Ministry of Mines")), known)
    assert list(out.nodes) == ["agency:ministry-of-mines-pe"]


def test_unrelated_names_and_labels_stay_apart():
    known = graph_of(Node("company:vale", "Company", "Vale"), Node("event:lithium-forum", "Event", "Lithium Forum"))
    out = resolve_against(
        graph_of(
            Node("company:vale-base-metals", "Company", "Vale Base Metals"),
            Node("person:lithium-forum", "Person", "Lithium Forum"),
        ),
        known,
    )
    assert set(out.nodes) == {"company:vale-base-metals", "person:lithium-forum"}


def test_pipeline_merges_short_and_full_forms_across_articles():
    a = doc("The Japan Organization for Metals and Energy Security (JOGMEC) signed a deal.", "a")
    b = doc("Japan's JOGMEC will fund a nickel project in the Philippines.", "b")
    graph = build_graph([a, b])
    agencies = [n for n in graph.by_label("Agency")]
    assert [n.id for n in agencies] == ["agency:japan-organization-for-metals-and-energy-security"]
    assert agencies[0].aliases == ["JOGMEC"]


def test_resolution_reindexes_only_new_nodes():
    """Resolving a document against a big graph reuses the index built for it: nothing
    is re-indexed unless the graph gained nodes (speed itself is measured in bench/)."""
    known = Graph()
    for i in range(2000):
        known.add_node(Node(f"company:firm-{i}", "Company", f"Firm Number {i} Holdings"))
    small = graph_of(Node("company:firm-number-7-holdings", "Company", "Firm Number 7 Holdings"))
    resolve_against(small, known)  # builds the index once
    index = _index_for(known)
    forms = dict(index.forms)
    for _ in range(20):
        out = resolve_against(small, known)
    assert _index_for(known) is index
    assert index.logged == len(known.created)
    assert index.forms == forms
    assert list(out.nodes) == ["company:firm-7"]
