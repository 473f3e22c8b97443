"""Targeted reads for a change: what one batch of articles touches, never the whole graph.

A build keeps the stored documents' ids, paths, hashes and signatures (what a new
article is checked against); per batch it looks up the names its articles use
(:func:`find_names`, through the name keys the store indexes), reads the running totals
of the nodes it touches and how full the samples of the links it adds to are (see
:func:`minegraph.graph.ledger.claim_changes`), so the cost of adding or removing an
article follows the article, not the store.
Everything here goes through :meth:`GraphStore.query` with Cypher from
:mod:`minegraph.graph.statements`, so both backends run it unchanged.
"""

from __future__ import annotations

from typing import Any

from minegraph.graph import statements
from minegraph.graph.model import BUILD_LABEL, Graph, Node, Relationship
from minegraph.graph.store import GraphStore


def rows(store: GraphStore, cypher: str, params: dict[str, Any] | None = None, *, write: bool = False
         ) -> list[list[Any]]:
    """The rows of one query, with no time limit (the targeted reads and writes of a
    build, a remove or a reader)."""
    return store.query(cypher, params or {}, timeout=None, write=write).rows


def read_documents(store: GraphStore, signatures: bool = False) -> list[dict[str, Any]]:
    """Every stored document's ``id``, ``path``, ``sha256`` and (with ``signatures``) its
    near-duplicate signature ``minhash``: what a build checks a new article against."""
    return [{"id": doc_id, "path": path, "sha256": sha256, "minhash": minhash}
            for doc_id, path, sha256, minhash in rows(store, statements.read_documents(signatures))]


#: (id or key, node id, label, name, aliases, date, year, minerals)
NameRow = tuple[str, str, str, str, list[str], str | None, Any, list[str]]


def find_names(store: GraphStore, ids: list[str], keys: list[str], labels: tuple[str, ...]
               ) -> tuple[list[NameRow], list[NameRow]]:
    """The stored entities among ``ids`` (any entity label), and the nodes of ``labels``
    carrying any of the name ``keys`` (see :meth:`GraphStore.find_name_keys`), each with
    its label, name, aliases, ``date`` (a measure's, an unnamed agreement's), ``year`` (an
    event's) and ``minerals`` (an unnamed agreement's): what resolving a batch of articles asks."""
    by_id: list[NameRow] = []
    for start in range(0, len(ids), _CHUNK):
        for node_id, label, name, aliases, date, year, minerals in rows(store, statements.FIND_IDS,
                                                                        {"ids": ids[start:start + _CHUNK]}):
            by_id.append((node_id, node_id, label, name or "", list(aliases or []), _text(date), year,
                          list(minerals or [])))
    by_key = [(key, node_id, label, name or "", list(aliases or []), _text(date), year, list(minerals or []))
              for key, node_id, label, name, aliases, date, year, minerals in store.find_name_keys(keys, labels)
              ] if keys else []
    return by_id, by_key


_CHUNK = 5000


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None


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


def find_document(store: GraphStore, doc_id: str, path: str) -> str | None:
    """The id of the stored document with this id, else with this path."""
    ids = [r[0] for r in rows(store, statements.FIND_DOCUMENT, {"id": doc_id, "path": path})]
    return doc_id if doc_id in ids else (ids[0] if ids else None)


def count_graph(store: GraphStore) -> tuple[int, int]:
    """How many nodes and relationships the store holds."""
    nodes = sum(n for label, n in rows(store, statements.COUNT_LABELS) if label != BUILD_LABEL)
    rels = sum(n for [n] in rows(store, statements.COUNT_RELATIONSHIPS))
    return nodes, rels
