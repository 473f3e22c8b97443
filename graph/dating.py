"""Dating a store written before nodes and links carried dates, once.

A store written by an earlier version has no ``first_seen``/``last_seen``: its
Documents have no date of their own (see :mod:`minegraph.graph.dates`), its links no
``doc_dates`` beside their ``doc_ids`` and its nodes' claims no ``seen`` date.
:func:`date_store` adds them, batch by batch (each batch in one transaction, so an
interrupted conversion resumes at the next command): Documents first (an undated one
counts by the day of the conversion, and says so), then each link's dates from its
documents, then each entity's claims on its MENTIONS links and its running totals.
Afterwards ``remove`` and changed articles keep every date exact, as a build does.
"""

from __future__ import annotations

import json
from typing import Any

from minegraph.graph import reads
from minegraph.graph.dates import document_dates, today
from minegraph.graph.model import (
    CLAIM_PROPERTY,
    DATES_PROPERTY,
    ENTITY_LABELS,
    RELATIONSHIP_TYPES,
    SEEN,
    TALLY_PROPERTY,
    Node,
    Tally,
    check_label,
    check_type,
    parse_claim,
)
from minegraph.graph.store import Changes, GraphStore

_BATCH = 2000

#: a Document without a date marks a store written before dates (Documents are few)
UNDATED = "MATCH (d:Document) WHERE d.first_seen IS NULL RETURN d.id LIMIT 1"
READ_DOCUMENTS = "MATCH (d:Document) RETURN d.id, d.published, d.built, d.first_seen"
WRITE_DOCUMENTS = "UNWIND $rows AS row MATCH (d:Document {id: row.id}) SET d += row.props"


def _undated_links(rel_type: str) -> str:
    return (f"MATCH (a)-[r:{check_type(rel_type)}]->(b) WHERE r.{DATES_PROPERTY} IS NULL AND size(r.doc_ids) > 0 "
            "RETURN a.id, labels(a)[0], b.id, labels(b)[0], r.doc_ids LIMIT $limit")


def _date_links(rel_type: str, source_label: str, target_label: str) -> str:
    return (f"UNWIND $rows AS row MATCH (a:{check_label(source_label)} {{id: row.source}})"
            f"-[r:{check_type(rel_type)}]->(b:{check_label(target_label)} {{id: row.target}}) "
            f"SET r.{DATES_PROPERTY} = row.dates, r.first_seen = row.first, r.last_seen = row.last, "
            "r.articles = size(r.doc_ids)")


def _undated_nodes(label: str) -> str:
    return (f"MATCH (n:{check_label(label)}) WHERE n.{TALLY_PROPERTY} IS NOT NULL "
            f"AND NOT n.{TALLY_PROPERTY} CONTAINS '\"{SEEN}\"' RETURN n.id LIMIT $limit")


def _claims_of(label: str) -> str:
    return (f"UNWIND $ids AS id MATCH (d:Document)-[m:MENTIONS]->(n:{check_label(label)} {{id: id}}) "
            "RETURN n.id, d.id, properties(m)")


def date_store(store: GraphStore) -> int:
    """Date a store written before dates (see the module docstring); returns how many
    entity nodes it dated (0: the store needed nothing)."""
    if not reads.rows(store, UNDATED):
        return 0
    dates = _date_documents(store)
    for rel_type in RELATIONSHIP_TYPES:
        if rel_type != "MENTIONS":
            _date_links_of(store, rel_type, dates)
    dated = 0
    for label in ENTITY_LABELS:
        while ids := [node_id for [node_id] in reads.rows(store, _undated_nodes(label), {"limit": _BATCH // 4})]:
            store.apply(_dated_nodes(store, label, ids, dates))
            dated += len(ids)
    return dated


def _date_documents(store: GraphStore) -> dict[str, str]:
    """Give every Document its date; returns each Document's date."""
    dates: dict[str, str] = {}
    rows = []
    built = today()
    for doc_id, published, was_built, first_seen in reads.rows(store, READ_DOCUMENTS):
        if first_seen:
            dates[doc_id] = first_seen
            continue
        props = document_dates({"published": published, "built": was_built}, built)
        dates[doc_id] = props["first_seen"]
        rows.append({"id": doc_id, "props": props})
    for start in range(0, len(rows), _BATCH):
        store.query(WRITE_DOCUMENTS, {"rows": rows[start:start + _BATCH]}, write=True, timeout=None)
    return dates


def _date_links_of(store: GraphStore, rel_type: str, dates: dict[str, str]) -> None:
    fallback = today()  # a document id no Document holds (should not happen) still gets a date
    while found := reads.rows(store, _undated_links(rel_type), {"limit": _BATCH}):
        grouped: dict[tuple[str, str], list[dict[str, Any]]] = {}
        for source, source_label, target, target_label, doc_ids in found:
            link_dates = [dates.get(doc, fallback) for doc in doc_ids]
            grouped.setdefault((source_label, target_label), []).append(
                {"source": source, "target": target, "dates": link_dates, "first": min(link_dates),
                 "last": max(link_dates)})
        for (source_label, target_label), rows in sorted(grouped.items()):
            store.query(_date_links(rel_type, source_label, target_label), {"rows": rows}, write=True, timeout=None)


def _dated_nodes(store: GraphStore, label: str, ids: list[str], dates: dict[str, str]) -> Changes:
    """The nodes ``ids`` with their claims dated: each MENTIONS link's claim gains its
    document's date, the running totals are counted again from the dated claims."""
    claims: dict[str, dict[str, dict[str, Any]]] = {node_id: {} for node_id in ids}
    changes = Changes()
    fallback = today()
    for node_id, doc_id, props in reads.rows(store, _claims_of(label), {"ids": ids}):
        props = dict(props)
        seen = dates.get(doc_id, fallback)
        claim = parse_claim(props.get(CLAIM_PROPERTY), f"relationship ({doc_id!r})-[:MENTIONS]->({node_id!r})")
        claim[SEEN] = seen
        claims[node_id][doc_id] = claim
        props.update({CLAIM_PROPERTY: json.dumps(claim, sort_keys=True, ensure_ascii=False),
                      "first_seen": seen, "last_seen": seen, "articles": 1})
        changes.mentions.append((label, {"source": doc_id, "target": node_id, "props": props}))
    unclaimed = [node_id for node_id in ids if not claims[node_id]]
    for node_id, raw in reads.rows(store, _tally_of(label), {"ids": unclaimed}) if unclaimed else []:
        # no claim to date it by (not written by a build): dated by the conversion, as an undated article
        tally = Tally.from_json(raw, f"{label} node {node_id!r}")
        tally.seen[fallback] = tally.docs
        name, aliases, props = tally.visible()
        changes.nodes.append(Node(node_id, label, name, aliases, props, _tally=tally))
    for node_id in ids:
        if claims[node_id]:
            tally = Tally.of(claims[node_id])
            name, aliases, props = tally.visible()
            changes.nodes.append(Node(node_id, label, name, aliases, props, _tally=tally))
    return changes


def _tally_of(label: str) -> str:
    return f"UNWIND $ids AS id MATCH (n:{check_label(label)} {{id: id}}) RETURN n.id, n.{TALLY_PROPERTY}"
