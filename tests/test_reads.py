"""Readers fetch an outline, choose on it, and fetch evidence only for what they show:
the results are the same as from the whole graph."""

from __future__ import annotations

import pytest

from graph.analytics import actor_centrality, focus_partners
from graph.reads import read_map_graph, read_partner_outline
from graph.store import open_store
from graph.viz import drawn_links, render_map
from loaders.pipeline import build_paths
from tests.conftest import SAMPLE


@pytest.fixture(scope="module")
def sample_store(tmp_path_factory):
    db = tmp_path_factory.mktemp("reads") / "db"
    with open_store(db) as store:
        build_paths(store, [SAMPLE])
    with open_store(db) as store:
        yield store


@pytest.mark.parametrize("options", [{}, {"max_nodes": 15}, {"focus": "South Korea", "depth": 2},
                                     {"since": 2023, "size_by": "degree"}], ids=repr)
def test_map_from_outline_and_chosen_evidence_is_the_same_page(sample_store, options):
    whole = sample_store.read_graph(provenance=False)
    chosen = []
    graph = read_map_graph(sample_store, lambda outline: chosen.extend(drawn_links(outline, **options)) or chosen)
    assert render_map(graph, **options) == render_map(whole, **options)
    # only the drawn links carry their sentences
    with_evidence = {k for k, r in graph.relationships.items() if r.props.get("evidence")}
    assert with_evidence <= set(chosen)
    if options.get("max_nodes"):
        assert len(with_evidence) < len([r for r in whole.relationships.values()
                                         if r.props.get("evidence") and r.type != "MENTIONS"])


def test_centrality_from_the_partner_outline_is_the_same(sample_store):
    whole = sample_store.read_graph(provenance=False, evidence=False)
    outline = read_partner_outline(sample_store)
    assert not any(n.label in ("Document", "Person") for n in outline.nodes.values())
    assert actor_centrality(outline) == actor_centrality(whole)
    assert focus_partners(outline, "South Korea") == focus_partners(whole, "South Korea")
