"""The Cypher both backends send, in one place.

Labels and relationship types are spliced into the text only after passing the
ontology's allow-list (:func:`graph.model.check_label` / :func:`check_type`); every
value travels as a ``$parameter``.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from graph.model import SOURCES_PROPERTY, Relationship, check_label, check_type
from graph.store import Changes

Statement = tuple[str, dict[str, Any]]

READ_NODES = "MATCH (n) RETURN labels(n) AS labels, properties(n) AS props"
READ_RELATIONSHIPS = (
    "MATCH (a)-[r]->(b) RETURN a.id AS source, type(r) AS type, b.id AS target, properties(r) AS props"
)
# the same without the per-document claims, which only a build needs: on a large graph
# they are most of the bytes
_PUBLIC = f"[k IN keys(x) WHERE k <> '{SOURCES_PROPERTY}' | [k, x[k]]] AS props"
READ_NODES_PUBLIC = "MATCH (x) RETURN labels(x) AS labels, " + _PUBLIC
READ_RELATIONSHIPS_PUBLIC = "MATCH (a)-[x]->(b) RETURN a.id AS source, type(x) AS type, b.id AS target, " + _PUBLIC
# and the outline analytics need: links between entities with their counts, no sentences
_OUTLINE = (f"[k IN keys(x) WHERE NOT k IN ['{SOURCES_PROPERTY}', 'evidence', 'evidence_doc_ids', 'doc_ids']"
            " | [k, x[k]]] AS props")
READ_RELATIONSHIPS_OUTLINE = ("MATCH (a)-[x]->(b) WHERE type(x) <> 'MENTIONS' "
                              "RETURN a.id AS source, type(x) AS type, b.id AS target, " + _OUTLINE)
COUNT_LABELS = "MATCH (n) RETURN labels(n)[0] AS label, count(n) AS count ORDER BY label"
COUNT_TYPES = "MATCH ()-[r]->() RETURN type(r) AS type, count(r) AS count ORDER BY type"
CLEAR = "MATCH (n) DETACH DELETE n"

# targeted reads of a build or a remove (graph.reads)
READ_DOCUMENTS = "MATCH (d:Document) RETURN d.id AS id, d.name AS name, d.path AS path, d.sha256 AS sha256"
FIND_DOCUMENT = "MATCH (d:Document) WHERE d.id = $id OR d.path = $path RETURN d.id AS id ORDER BY id"
READ_DOCUMENT_NODES = (
    "MATCH (d:Document {id: $id}) RETURN labels(d) AS labels, properties(d) AS props "
    "UNION ALL MATCH (:Document {id: $id})-[:MENTIONS]->(n) RETURN labels(n) AS labels, properties(n) AS props"
)
READ_DOCUMENT_MENTIONS = (
    "MATCH (d:Document {id: $id})-[r:MENTIONS]->(b) "
    "RETURN d.id AS source, type(r) AS type, b.id AS target, properties(r) AS props"
)
# a link an article supports joins two entities it mentions
READ_DOCUMENT_LINKS = (
    "MATCH (:Document {id: $id})-[:MENTIONS]->(a)-[r]->(b) WHERE $id IN r.doc_ids "
    "RETURN a.id AS source, type(r) AS type, b.id AS target, properties(r) AS props"
)


def read_outline_nodes(label: str) -> str:
    return f"MATCH (n:{check_label(label)}) RETURN n.id AS id, n.name AS name, n.aliases AS aliases"


def read_links_outline(rel_type: str) -> str:
    return (f"MATCH (a)-[r:{check_type(rel_type)}]->(b) "
            "RETURN a.id AS source, b.id AS target, r.mentions AS mentions")


def read_nodes_by_id(label: str) -> str:
    return f"UNWIND $ids AS id MATCH (n:{check_label(label)} {{id: id}}) RETURN properties(n) AS props"


def read_relationships_by_key(rel_type: str, source_label: str, target_label: str) -> str:
    return (
        f"UNWIND $rows AS row "
        f"MATCH (a:{check_label(source_label)} {{id: row.source}})"
        f"-[r:{check_type(rel_type)}]->(b:{check_label(target_label)} {{id: row.target}}) "
        f"RETURN a.id AS source, type(r) AS type, b.id AS target, properties(r) AS props"
    )


def upsert_nodes(label: str) -> str:
    return f"UNWIND $rows AS row MERGE (n:{check_label(label)} {{id: row.id}}) SET n = row.props"


def upsert_relationships(rel_type: str, source_label: str, target_label: str) -> str:
    return (
        f"UNWIND $rows AS row "
        f"MATCH (a:{check_label(source_label)} {{id: row.source}}) "
        f"MATCH (b:{check_label(target_label)} {{id: row.target}}) "
        f"MERGE (a)-[r:{check_type(rel_type)}]->(b) SET r = row.props"
    )


def delete_relationships(rel_type: str, source_label: str, target_label: str) -> str:
    return (
        f"UNWIND $rows AS row "
        f"MATCH (a:{check_label(source_label)} {{id: row.source}})"
        f"-[r:{check_type(rel_type)}]->(b:{check_label(target_label)} {{id: row.target}}) DELETE r"
    )


def delete_nodes(label: str) -> str:
    return f"UNWIND $ids AS id MATCH (n:{check_label(label)} {{id: id}}) DETACH DELETE n"


def _batches(rows: list[Any], size: int) -> Iterator[list[Any]]:
    for start in range(0, len(rows), size):
        yield rows[start:start + size]


def write_statements(changes: Changes, batch_size: int = 5000) -> list[Statement]:
    """One batched ``UNWIND`` statement per label / type (and endpoint labels).

    Order: relationship deletes, node deletes, node upserts, relationship upserts, so
    every MATCH finds the nodes it needs.
    """
    statements: list[Statement] = []

    def grouped_rels(items: list[tuple[Relationship, str, str]]) -> dict[tuple[str, str, str], list[dict[str, Any]]]:
        groups: dict[tuple[str, str, str], list[dict[str, Any]]] = {}
        for rel, src_label, dst_label in items:
            row = {"source": rel.source, "target": rel.target, "props": rel.properties()}
            groups.setdefault((rel.type, src_label, dst_label), []).append(row)
        return groups

    for (rel_type, src, dst), rows in sorted(grouped_rels(changes.deleted_relationships).items()):
        for batch in _batches(rows, batch_size):
            statements.append((delete_relationships(rel_type, src, dst), {"rows": batch}))
    deleted: dict[str, list[str]] = {}
    for label, node_id in changes.deleted_nodes:
        deleted.setdefault(label, []).append(node_id)
    for label, ids in sorted(deleted.items()):
        for batch in _batches(ids, batch_size):
            statements.append((delete_nodes(label), {"ids": batch}))
    nodes: dict[str, list[dict[str, Any]]] = {}
    for node in changes.nodes:
        nodes.setdefault(node.label, []).append({"id": node.id, "props": _storable(node.properties())})
    for label, rows in sorted(nodes.items()):
        for batch in _batches(rows, batch_size):
            statements.append((upsert_nodes(label), {"rows": batch}))
    for (rel_type, src, dst), rows in sorted(grouped_rels(changes.relationships).items()):
        for row in rows:
            row["props"] = _storable(row["props"])
        for batch in _batches(rows, batch_size):
            statements.append((upsert_relationships(rel_type, src, dst), {"rows": batch}))
    return statements


def _storable(props: dict[str, Any]) -> dict[str, Any]:
    """Check that every value is one both engines store: a scalar or a list of one type.

    Raises ValueError before anything is sent, because a FalkorDB transaction does not
    roll back a statement that fails half way through.
    """
    out: dict[str, Any] = {}
    for key, value in props.items():
        if value is None:
            continue
        if isinstance(value, (list, tuple)):
            value = list(value)
            kinds = {type(v) for v in value}
            if len(kinds) > 1 or kinds - {str, int, float, bool}:
                found = sorted(k.__name__ for k in kinds)
                raise ValueError(f"property {key!r} must be a list of one scalar type, got {found}")
        elif not isinstance(value, (str, int, float, bool)):
            raise ValueError(f"property {key!r} has unsupported type {type(value).__name__}")
        out[key] = value
    return out


def as_records(nodes: list[list[Any]], relationships: list[list[Any]]) -> tuple[
        list[tuple[str, dict[str, Any]]], list[tuple[str, str, str, dict[str, Any]]]]:
    """Rows of READ_NODES / READ_RELATIONSHIPS as records for :meth:`Graph.from_records`."""
    node_records = [(labels[0], dict(props)) for labels, props in nodes if labels]
    rel_records = [(src, rel_type, dst, dict(props)) for src, rel_type, dst, props in relationships]
    return node_records, rel_records


def read_queries(provenance: bool, evidence: bool = True) -> tuple[str, str]:
    """The node and relationship queries of :meth:`GraphStore.read_graph`."""
    if provenance:
        return READ_NODES, READ_RELATIONSHIPS
    return READ_NODES_PUBLIC, READ_RELATIONSHIPS_PUBLIC if evidence else READ_RELATIONSHIPS_OUTLINE
