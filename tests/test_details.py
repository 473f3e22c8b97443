"""The targeted reads of graph/details.py give, on both stores, what the whole graph holds
for one node, one link, one article and the links among some nodes."""

from __future__ import annotations

import pytest

from minegraph.graph import details
from minegraph.graph.store import Changes, open_store
from tests.test_selection import invented


@pytest.fixture
def stored(stores):
    graph = invented()
    with open_store(stores("db")) as store:
        store.apply(Changes.between(graph, set(graph.nodes), set(graph.relationships), {}))
        yield store, store.read_graph(provenance=False)


def test_a_node_with_its_properties_documents_and_links(stored):
    store, whole = stored
    for node_id, node in whole.nodes.items():
        view = details.read_node(store, node_id)
        if node.label == "Document":
            assert view is None  # not an entity
            continue
        assert (view.node.label, view.node.name, view.node.aliases, view.node.props) == \
            (node.label, node.name, node.aliases, node.props)
        mentioning = sorted(r.source for r in whole.edges("MENTIONS") if r.target == node_id)
        assert [d.id for d in view.documents] == mentioning
        assert sorted((r.key, other) for r, other in view.links) == sorted(
            (r.key, whole.nodes[r.target if r.source == node_id else r.source].name)
            for r in whole.relationships.values() if r.type != "MENTIONS" and node_id in (r.source, r.target))
    assert details.read_node(store, "nobody") is None
    assert [d.props["publisher"] for d in details.read_node(store, "kr").documents] == ["Invented Wire"]


def test_a_link_with_every_sentence_and_its_documents(stored):
    store, whole = stored
    for key, rel in whole.relationships.items():
        if rel.type == "MENTIONS":
            continue
        read = details.read_link(store, key)
        assert read.relationships[key].props["evidence"] == rel.props["evidence"]  # all, not the map's first five
        assert {d for d in rel.props["evidence_doc_ids"]} <= set(read.nodes)
    for missing in [("kr", "PARTY_TO", "summit"), ("kr", "NO_SUCH", "au"), ("nobody", "PARTY_TO", "accord"),
                    ("doc-1", "MENTIONS", "kr")]:
        assert details.read_link(store, missing).relationships == {}


def test_an_article_with_its_entities_and_its_own_facts(stored):
    store, whole = stored
    article = details.read_article(store, "doc-1")
    assert article.nodes["doc-1"].props["title"] == "Accord signed"
    mentioned = {r.target for r in whole.edges("MENTIONS") if r.source == "doc-1"}
    assert {n for n in article.nodes if n != "doc-1"} == mentioned
    expected = {key: [s for s, d in zip(r.props["evidence"], r.props["evidence_doc_ids"], strict=True) if d == "doc-1"]
                for key, r in whole.relationships.items()
                if r.type != "MENTIONS" and "doc-1" in r.props["doc_ids"] and {r.source, r.target} <= mentioned}
    assert expected and {key: r.props["evidence"] for key, r in article.relationships.items()
                         if r.type != "MENTIONS"} == expected
    assert details.read_article(store, "nothing").nodes == {}


def test_names_documents_and_the_links_among_some_nodes(stored):
    store, whole = stored
    assert sorted(n.id for n in details.read_names(store, ("Country",))) == ["au", "kr", "nm"]
    assert {d.id: d.props.get("title") for d in details.read_documents(store)} == \
        {"doc-1": "Accord signed", "doc-2": "Summit held"}
    nodes = {"kr": "Country", "au": "Country", "accord": "Agreement", "ministry": "Agency"}
    found = {r.key for r in details.read_links_among(store, nodes, {"PARTY_TO", "COOPERATES_WITH", "NOT_A_TYPE"})}
    assert found == {k for k, r in whole.relationships.items()
                     if r.type in ("PARTY_TO", "COOPERATES_WITH") and k[0] in nodes and k[2] in nodes}
    assert found >= {("kr", "PARTY_TO", "accord"), ("kr", "COOPERATES_WITH", "au")}
