"""Targeted reads of what a person inspects: one node, one link, one article, the names
a picker offers, the links among a query's nodes.

The workbench shows these without reading the whole graph: each function asks the
server for the few records it shows, by id through the per-label id indexes (a node
whose label is not known is looked up label by label).  The claims a build keeps are
never fetched.  Like :mod:`minegraph.graph.selection`, labels and relationship types
reach the Cypher text only through the ontology's allow-lists and every value is a
``$parameter``, so FalkorDB and Neo4j run the same text.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from minegraph.graph import evidence, statements
from minegraph.graph.model import (
    ENTITY_LABELS,
    LABELS,
    RELATIONSHIP_TYPES,
    Graph,
    Node,
    Relationship,
    allowed,
    check_label,
    check_type,
)
from minegraph.graph.reads import rows
from minegraph.graph.selection import DOCUMENT_PROPERTIES, read_map_details
from minegraph.graph.store import GraphStore

_CHUNK = 2000


@dataclass
class NodeView:
    """One stored node with every property a reader may see, the documents that mention
    it (Document nodes with :data:`DOCUMENT_PROPERTIES`) and its links to other
    entities, both directions, with the other end's name."""

    node: Node
    documents: list[Node]
    links: list[tuple[Relationship, str]]  # (link, name of the other end)


def read_node(store: GraphStore, node_id: str) -> NodeView | None:
    """The node ``node_id`` with its documents and links (None: no such entity)."""
    found = _find_label(store, node_id, ENTITY_LABELS)
    if found is None:
        return None
    label = check_label(found)
    params = {"id": node_id}
    [[name, aliases, props]] = rows(store, f"MATCH (x:{label} {{id: $id}}) RETURN x.name, x.aliases, "
                                           f"{statements.PUBLIC_PROPERTIES}", params)
    visible = {k: v for k, v in props if k not in ("id", "name", "aliases")}
    node = Node(node_id, found, name or "", list(aliases or []), visible)
    columns = ", ".join(f"d.{key} AS {key}" for key in DOCUMENT_PROPERTIES)
    documents = [_document(doc_id, doc_name, values) for doc_id, doc_name, *values in rows(
        store, f"MATCH (d:Document)-[:MENTIONS]->(:{label} {{id: $id}}) RETURN d.id, d.name, {columns} "
               "ORDER BY d.id", params)]
    links = []
    cypher = (f"MATCH (n:{label} {{id: $id}})-[r]->(o) "
              "RETURN n.id AS source, type(r) AS type, o.id AS target, o.name AS other "
              f"UNION ALL MATCH (o)-[r]->(n:{label} {{id: $id}}) WHERE type(r) <> 'MENTIONS' "
              "RETURN o.id AS source, type(r) AS type, n.id AS target, o.name AS other")
    for source, rel_type, target, other in rows(store, cypher, params):
        links.append((Relationship(source, rel_type, target), other or ""))
    return NodeView(node, documents, links)


def read_link(store: GraphStore, key: tuple[str, str, str]) -> Graph:
    """The link ``(source, type, target)`` with every sentence and the documents they come
    from, and its two ends (empty: no such link).  See
    :func:`minegraph.graph.selection.read_map_details`, which reads the same for a map."""
    source, rel_type, target = key
    if rel_type not in RELATIONSHIP_TYPES or rel_type == "MENTIONS":
        return Graph()
    ends = []
    for node_id in dict.fromkeys((source, target)):
        label = _find_label(store, node_id, ENTITY_LABELS)
        if label is None:
            return Graph()
        ends.append(Node(node_id, label, ""))
    if not allowed(rel_type, ends[0].label, ends[-1].label):
        return Graph()
    return read_map_details(store, ends, [key], sentences=None)


def read_article(store: GraphStore, doc_id: str) -> Graph:
    """One article as a small graph: its Document (with :data:`DOCUMENT_PROPERTIES`), the
    entities it mentions (name, aliases) with their MENTIONS links, and the links it
    supports with its own sentences only (``doc_ids`` just this article).  Empty when no
    such Document is stored."""
    graph = Graph()
    columns = ", ".join(f"d.{key} AS {key}" for key in DOCUMENT_PROPERTIES)
    for found, name, *values in rows(store, f"MATCH (d:Document {{id: $id}}) RETURN d.id, d.name, {columns}",
                                     {"id": doc_id}):
        graph.nodes[found] = _document(found, name, values)
    if doc_id not in graph.nodes:
        return graph
    cypher = ("MATCH (:Document {id: $id})-[m:MENTIONS]->(n) "
              f"RETURN n.id, labels(n)[0], n.name, n.aliases, m.{evidence.LINKS_PROPERTY}, "
              f"m.{evidence.MORE_PROPERTY}")
    supported: dict[tuple[str, str, str], list[dict[str, str]]] = {}
    overflow: evidence.Overflow = {}
    for node_id, label, name, aliases, keys, more in rows(store, cypher, {"id": doc_id}):
        if label in ENTITY_LABELS:
            graph.nodes[node_id] = Node(node_id, label, name or "", list(aliases or []))
            graph.relationships[(doc_id, "MENTIONS", node_id)] = Relationship(doc_id, "MENTIONS", node_id)
            for key in evidence.read_links(keys):
                rel_type, target_label, target = evidence.parse_key(key)
                if rel_type in RELATIONSHIP_TYPES and target_label in LABELS:
                    supported.setdefault((rel_type, label, target_label), []).append(
                        {"source": node_id, "target": target})
            overflow.update(evidence.overflow_of(doc_id, node_id, more))
    mine = ("WITH a, r, b, coalesce(r.evidence, []) AS ev, coalesce(r.evidence_doc_ids, []) AS ed "
            "RETURN a.id, type(r), b.id, [i IN range(0, size(ed) - 1) WHERE ed[i] = $id | ev[i]] AS mine")
    if supported:  # the links it supports, found by their ends
        found = []
        for (rel_type, source_label, target_label), pairs in sorted(supported.items()):
            cypher = (f"UNWIND $rows AS row MATCH (a:{check_label(source_label)} {{id: row.source}})"
                      f"-[r:{check_type(rel_type)}]->(b:{check_label(target_label)} {{id: row.target}}) " + mine)
            for start in range(0, len(pairs), _CHUNK):
                found += rows(store, cypher, {"id": doc_id, "rows": pairs[start:start + _CHUNK]})
    else:  # a store that did not record them: every link of what it mentions
        found = rows(store, "MATCH (:Document {id: $id})-[:MENTIONS]->(a)-[r]->(b) WHERE $id IN r.doc_ids " + mine,
                     {"id": doc_id})
    for source, rel_type, target, said in found:
        if source in graph.nodes and target in graph.nodes:
            said = list(said or []) + overflow.get((doc_id, source, rel_type, target), [])
            props = {"doc_ids": [doc_id], "evidence": said, "evidence_doc_ids": [doc_id] * len(said)}
            graph.relationships[(source, rel_type, target)] = Relationship(source, rel_type, target, props)
    return graph


def read_names(store: GraphStore, labels: Iterable[str]) -> list[Node]:
    """Every node of ``labels`` as id, label and name."""
    nodes = []
    for label in labels:
        for node_id, name in rows(store, f"MATCH (n:{check_label(label)}) RETURN n.id, n.name"):
            nodes.append(Node(node_id, label, name or ""))
    return nodes


def read_documents(store: GraphStore) -> list[Node]:
    """Every Document with :data:`DOCUMENT_PROPERTIES`."""
    columns = ", ".join(f"d.{key} AS {key}" for key in DOCUMENT_PROPERTIES)
    return [_document(doc_id, name, values)
            for doc_id, name, *values in rows(store, f"MATCH (d:Document) RETURN d.id, d.name, {columns}")]


def read_links_among(store: GraphStore, nodes: dict[str, str], types: Iterable[str]) -> list[Relationship]:
    """The links of ``types`` (those of the ontology; others are ignored) between the
    nodes ``nodes`` (id -> label), found from their sources through the id index."""
    by_label: dict[str, list[str]] = {}
    for node_id, label in nodes.items():
        if label in LABELS:
            by_label.setdefault(label, []).append(node_id)
    ids = sorted(nodes)
    found = []
    for rel_type in sorted(t for t in set(types) if t in RELATIONSHIP_TYPES):
        for label, sources in sorted(by_label.items()):
            if not any(allowed(rel_type, label, other) for other in by_label):
                continue
            cypher = (f"UNWIND $sources AS id MATCH (a:{check_label(label)} {{id: id}})-[:{check_type(rel_type)}]->(b) "
                      "WHERE b.id IN $ids RETURN a.id, b.id")
            for start in range(0, len(sources), _CHUNK):
                chunk = sorted(sources)[start:start + _CHUNK]
                for source, target in rows(store, cypher, {"sources": chunk, "ids": ids}):
                    found.append(Relationship(source, rel_type, target))
    return found


def _find_label(store: GraphStore, node_id: str, labels: Iterable[str]) -> str | None:
    """The label of the node ``node_id`` among ``labels``, through their id indexes."""
    cypher = " UNION ALL ".join(f"MATCH (n:{check_label(label)} {{id: $id}}) RETURN '{label}' AS label"
                                for label in labels)
    found = rows(store, cypher, {"id": node_id})
    return found[0][0] if found else None


def _document(doc_id: str, name: str | None, values: list[Any]) -> Node:
    props = {k: v for k, v in zip(DOCUMENT_PROPERTIES, values, strict=True) if v is not None}
    return Node(doc_id, "Document", name or "", [], props)
