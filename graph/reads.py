"""Targeted reads for a change: what one batch of articles touches, never the whole graph.

A build keeps an outline of the nodes (id, label, name, aliases: what resolution needs);
per batch it reads only the running totals of the nodes it touches and never reads a
link it adds to (see :func:`minegraph.graph.ledger.claim_changes`), so the cost of adding or
removing an article follows the article, not the store.
Everything here goes through :meth:`GraphStore.query` with Cypher from
:mod:`minegraph.graph.statements`, so both backends run it unchanged.
"""

from __future__ import annotations

from typing import Any

from minegraph.graph import statements
from minegraph.graph.model import BUILD_LABEL, ENTITY_LABELS, Graph, Node, Relationship
from minegraph.graph.store import GraphStore


def rows(store: GraphStore, cypher: str, params: dict[str, Any] | None = None, *, write: bool = False
         ) -> list[list[Any]]:
    """The rows of one query, with no time limit (the targeted reads and writes of a
    build, a remove or a reader)."""
    return store.query(cypher, params or {}, timeout=None, write=write).rows


def read_outline(store: GraphStore) -> tuple[Graph, list[dict[str, Any]]]:
    """Every node as id, label, name and aliases (no claims, no links), and the stored
    documents' ``id``, ``path`` and ``sha256``."""
    graph = Graph.outline()
    documents = []
    for label in ENTITY_LABELS:
        for node_id, name, aliases in rows(store, statements.read_outline_nodes(label)):
            graph.nodes[node_id] = Node(node_id, label, name or "", list(aliases or []))
    for node_id, name, path, sha256 in rows(store, statements.READ_DOCUMENTS):
        graph.nodes[node_id] = Node(node_id, "Document", name or "")
        documents.append({"id": node_id, "path": path, "sha256": sha256})
    return graph, documents


#: what the partner network is made of (see :mod:`minegraph.graph.analytics`)
PARTNER_LABELS = ("Country", "Agency", "Company", "Agreement", "Event", "Mineral")
PARTNER_TYPES = ("PARTY_TO", "LEADS", "PARTICIPATED_IN", "ORGANIZED", "COOPERATES_WITH", "COVERS",
                 "BASED_IN", "PART_OF")  # the last two: a country's own actors are not its partners


def read_partner_outline(store: GraphStore) -> Graph:
    """Just what partner analytics need, selected on the server: actors, agreements,
    events and minerals as id, name and aliases, and the links between them with their
    ``mentions`` (no sentences, no claims, no documents or people)."""
    graph = Graph()
    for label in PARTNER_LABELS:
        for node_id, name, aliases in rows(store, statements.read_outline_nodes(label)):
            graph.nodes[node_id] = Node(node_id, label, name or "", list(aliases or []))
    for rel_type in PARTNER_TYPES:
        for source, target, mentions in rows(store, statements.read_links_outline(rel_type)):
            rel = Relationship(source, rel_type, target, {"mentions": mentions} if mentions is not None else {})
            graph.relationships[rel.key] = rel
    return graph


def read_signatures(store: GraphStore) -> list[tuple[str, str]]:
    """``(doc id, minhash)`` of the stored articles with a near-duplicate signature."""
    return [(doc_id, signature) for doc_id, signature in rows(store, statements.READ_SIGNATURES)]


def find_document(store: GraphStore, doc_id: str, path: str) -> str | None:
    """The id of the stored document with this id, else with this path."""
    ids = [r[0] for r in rows(store, statements.FIND_DOCUMENT, {"id": doc_id, "path": path})]
    return doc_id if doc_id in ids else (ids[0] if ids else None)


def count_graph(store: GraphStore) -> tuple[int, int]:
    """How many nodes and relationships the store holds."""
    nodes = sum(n for label, n in rows(store, statements.COUNT_LABELS) if label != BUILD_LABEL)
    rels = sum(n for [n] in rows(store, statements.COUNT_RELATIONSHIPS))
    return nodes, rels
