"""The Neo4j store against a live server: runs only when NEO4J_URI is set.

It sends the same statements (graph.statements) and named queries the FalkorDB tests
run, so the only Neo4j-specific code is the index DDL and the driver calls.
"""

from __future__ import annotations

import os

import pytest

from cypher import list_queries
from graph.model import Graph
from graph.store import Changes, QueryError, StoreUnavailableError, open_store

pytestmark = pytest.mark.skipif(not os.environ.get("NEO4J_URI"), reason="NEO4J_URI is not set: no Neo4j server to test")

PARAMS = {"country": "Chile", "a": "Chile", "b": "lithium", "status": "signed", "since": 2000}


@pytest.fixture
def neo4j_store():
    with open_store(neo4j_uri=os.environ["NEO4J_URI"]) as store:
        store.clear()
        yield store
        store.clear()


def test_roundtrip_and_named_queries(neo4j_store, small_graph: Graph):
    neo4j_store.apply(Changes.between(small_graph, set(small_graph.nodes), set(small_graph.relationships), {}))
    assert neo4j_store.read_graph() == small_graph
    for named in list_queries():
        neo4j_store.query(named.text, {p: PARAMS[p] for p in named.params})


def test_read_only_unless_write(neo4j_store, small_graph: Graph):
    neo4j_store.apply(Changes.between(small_graph, set(small_graph.nodes), set(small_graph.relationships), {}))
    with pytest.raises(QueryError, match="read-only"):
        neo4j_store.query("MATCH (n) DETACH DELETE n")
    assert len(neo4j_store.read_graph().nodes) == len(small_graph.nodes)


def test_wrong_password_is_reported_without_the_password():
    with pytest.raises(StoreUnavailableError) as info:
        open_store(neo4j_uri=os.environ["NEO4J_URI"], neo4j_password="not-the-password-xyz")
    assert "not-the-password-xyz" not in str(info.value)
