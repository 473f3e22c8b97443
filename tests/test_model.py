"""The model: ontology checks and order-independent merging of document claims."""

from __future__ import annotations

import pytest

from minegraph.graph.model import Graph, Node, OntologyError, Relationship, allowed, check_label, check_type
from tests.conftest import claim_graph


def test_ontology_allow_list():
    assert check_label("Country") == "Country"
    assert check_type("PARTY_TO") == "PARTY_TO"
    with pytest.raises(OntologyError):
        check_label("Country) DETACH DELETE (n")
    with pytest.raises(OntologyError):
        check_type("X`]->() DELETE n //")
    assert allowed("BASED_IN", "Company", "Country")
    assert not allowed("BASED_IN", "Country", "Company")


def test_disallowed_and_dangling_links_are_refused():
    g = claim_graph()
    assert g.add_relationship(Relationship("mineral:lithium", "BASED_IN", "country:cl")) is None
    assert g.add_relationship(Relationship("country:cl", "PARTY_TO", "agreement:missing")) is None
    assert ("mineral:lithium", "BASED_IN", "country:cl") not in g.relationships


def two_doc_graphs() -> tuple[Graph, Graph]:
    a = claim_graph()
    b = Graph()
    b.add_node(Node("country:cl", "Country", "Chile", ["Republic of Chile"], {"iso2": "CL", "iso3": "CHL"}))
    b.add_node(Node("mineral:lithium", "Mineral", "lithium", [], {"symbol": "Li"}))
    b.add_node(Node("mineral:copper", "Mineral", "copper", [], {"symbol": "Cu"}))
    for mineral, sentence in (("lithium", "Chile is rich in lithium."), ("copper", "Chile mines copper.")):
        b.add_relationship(Relationship("country:cl", "HAS_RESOURCE", f"mineral:{mineral}",
                                        {"evidence": [sentence], "confidence": 0.5}))
    return a, b


def test_repeated_fact_gains_evidence_not_a_duplicate():
    a, b = two_doc_graphs()
    g = Graph()
    g.absorb("doc-a", a)
    g.absorb("doc-b", b)
    rels = [r for r in g.relationships.values() if r.key == ("country:cl", "HAS_RESOURCE", "mineral:lithium")]
    assert len(rels) == 1
    assert rels[0].props["evidence"] == ["Chile holds vast lithium reserves.", "Chile is rich in lithium."]
    assert rels[0].props["evidence_doc_ids"] == ["doc-a", "doc-b"]
    assert rels[0].props["doc_ids"] == ["doc-a", "doc-b"]
    assert rels[0].props["mentions"] == 2
    assert rels[0].props["confidence"] == pytest.approx(1 - 0.2 * 0.5)
    assert g.nodes["country:cl"].aliases == ["Chilean", "Republic of Chile"]


def test_merge_is_order_independent_and_idempotent():
    a, b = two_doc_graphs()
    one, two = Graph(), Graph()
    one.absorb("doc-a", a)
    one.absorb("doc-b", b)
    two.absorb("doc-b", b)
    two.absorb("doc-a", a)
    two.absorb("doc-a", a)  # again: replaces its own claims
    assert one == two


def test_retract_removes_only_what_the_document_alone_supported():
    a, b = two_doc_graphs()
    g = Graph()
    g.absorb("doc-a", a)
    g.absorb("doc-b", b)
    g.retract("doc-b")
    only_a = Graph()
    only_a.absorb("doc-a", a)
    assert g == only_a
    assert "mineral:copper" not in g.nodes
    assert g.removed_labels == {"mineral:copper": "Mineral"}
