"""The partner outline (selected on the server) ranks as the whole graph does."""

from __future__ import annotations

import pytest

from graph.analytics import actor_centrality, focus_partners
from graph.reads import read_partner_outline
from graph.store import open_store
from loaders.pipeline import build_paths
from tests.conftest import SAMPLE


@pytest.fixture(scope="module")
def sample_store(tmp_path_factory):
    db = tmp_path_factory.mktemp("reads") / "db"
    with open_store(db) as store:
        build_paths(store, [SAMPLE])
    with open_store(db) as store:
        yield store


def test_centrality_from_the_partner_outline_is_the_same(sample_store):
    whole = sample_store.read_graph(provenance=False, evidence=False)
    outline = read_partner_outline(sample_store)
    assert not any(n.label in ("Document", "Person") for n in outline.nodes.values())
    assert actor_centrality(outline) == actor_centrality(whole)
    assert focus_partners(outline, "South Korea") == focus_partners(whole, "South Korea")
