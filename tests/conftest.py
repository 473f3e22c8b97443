"""Shared fixtures: a real embedded FalkorDB store under tmp_path and small graphs."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.model import Graph, Node, Relationship
from graph.store import open_store

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "data" / "articles"


def claim_graph() -> Graph:
    """A small document graph written for the tests (not extracted)."""
    g = Graph()
    g.add_node(Node("country:cl", "Country", "Chile", ["Chilean"], {"iso2": "CL", "iso3": "CHL"}))
    g.add_node(Node("country:de", "Country", "Germany", [], {"iso2": "DE", "iso3": "DEU"}))
    g.add_node(Node("agency:andes-institute", "Agency", "Andes Mining Institute", ["AMI"], {"kind": "institute"}))
    g.add_node(
        Node(
            "agreement:cl-de-lithium",
            "Agreement",
            "Chile-Germany lithium MOU",
            [],
            {"kind": "mou", "status": "signed", "year": 2023},
        )
    )
    g.add_node(Node("mineral:lithium", "Mineral", "lithium", [], {"symbol": "Li"}))
    for src, rel_type, dst, sentence in [
        ("country:cl", "PARTY_TO", "agreement:cl-de-lithium", "Chile and Germany signed an MOU on lithium in 2023."),
        ("country:de", "PARTY_TO", "agreement:cl-de-lithium", "Chile and Germany signed an MOU on lithium in 2023."),
        ("agreement:cl-de-lithium", "COVERS", "mineral:lithium", "Chile and Germany signed an MOU on lithium in 2023."),
        ("agency:andes-institute", "BASED_IN", "country:cl", "The Andes Mining Institute (AMI) of Chile said so."),
        ("country:cl", "HAS_RESOURCE", "mineral:lithium", "Chile holds vast lithium reserves."),
    ]:
        g.add_relationship(Relationship(src, rel_type, dst, {"evidence": [sentence], "confidence": 0.8}))
    return g


@pytest.fixture
def small_graph() -> Graph:
    graph = Graph()
    graph.absorb("doc-a", claim_graph())
    return graph


@pytest.fixture
def db_dir(tmp_path: Path) -> Path:
    return tmp_path / "db"


@pytest.fixture
def store(db_dir: Path):
    with open_store(db_dir) as s:
        yield s
