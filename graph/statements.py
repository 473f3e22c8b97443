"""The Cypher both backends send, in one place.

Labels and relationship types are spliced into the text only after passing the
ontology's allow-list (:func:`minegraph.graph.model.check_label` / :func:`check_type`); every
value travels as a ``$parameter``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

from minegraph.graph import evidence
from minegraph.graph.model import (
    BUILD_LABEL,
    CLAIM_PROPERTIES,
    CONFIDENCES_PROPERTY,
    DATES_PROPERTY,
    ENTITY_LABELS,
    NAME_KEYS_PROPERTY,
    TALLY_PROPERTY,
    Graph,
    Relationship,
    check_label,
    check_type,
)
from minegraph.graph.querycheck import value_problem
from minegraph.graph.store import Changes

Statement = tuple[str, dict[str, Any]]

READ_NODES = "MATCH (n) RETURN labels(n) AS labels, properties(n) AS props"
READ_RELATIONSHIPS = (
    "MATCH (a)-[r]->(b) RETURN a.id AS source, type(r) AS type, b.id AS target, properties(r) AS props"
)
# the same without the claims and running totals, which only a build needs, and the
# records of how sentences are kept (graph.evidence)
_CLAIMS = ", ".join(f"'{k}'" for k in (*CLAIM_PROPERTIES, *evidence.RECORD_PROPERTIES))
_PUBLIC = f"[k IN keys(x) WHERE NOT k IN [{_CLAIMS}] | [k, x[k]]] AS props"
READ_NODES_PUBLIC = "MATCH (x) RETURN labels(x) AS labels, " + _PUBLIC
#: the public properties of ``x`` as [key, value] pairs, for a RETURN clause
PUBLIC_PROPERTIES = _PUBLIC
# a link's public properties and its per-article counts, to put its sentences back together
_WITH_COUNTS = (f"[k IN keys(x) WHERE NOT k IN [{_CLAIMS}] OR k = '{evidence.COUNTS_PROPERTY}' "
                "| [k, x[k]]] AS props")
READ_RELATIONSHIPS_PUBLIC = ("MATCH (a)-[x]->(b) RETURN a.id AS source, type(x) AS type, b.id AS target, "
                             + _WITH_COUNTS)
#: the sentences articles keep beside the links' samples
READ_OVERFLOW = (f"MATCH (d:Document)-[m:MENTIONS]->(a) WHERE m.{evidence.MORE_PROPERTY} IS NOT NULL "
                 f"RETURN d.id, a.id, m.{evidence.MORE_PROPERTY}")
# and the outline analytics need: links between entities with their counts, no sentences
_OUTLINE = (f"[k IN keys(x) WHERE NOT k IN [{_CLAIMS}, 'evidence', 'evidence_doc_ids', 'doc_ids']"
            " | [k, x[k]]] AS props")
READ_RELATIONSHIPS_OUTLINE = ("MATCH (a)-[x]->(b) WHERE type(x) <> 'MENTIONS' "
                              "RETURN a.id AS source, type(x) AS type, b.id AS target, " + _OUTLINE)
COUNT_LABELS = "MATCH (n) RETURN labels(n)[0] AS label, count(n) AS count ORDER BY label"
COUNT_TYPES = "MATCH ()-[r]->() RETURN type(r) AS type, count(r) AS count ORDER BY type"
CLEAR = "MATCH (n) DETACH DELETE n"
# one count per type reads the engine's own count (FalkorDB: 0.02 s against 0.8 s for
# COUNT_TYPES on a 3,000-article store)
COUNT_RELATIONSHIPS = "MATCH ()-[r]->() RETURN count(r) AS count"

# targeted reads of a build or a remove (graph.reads)
def read_documents(signatures: bool) -> str:
    return ("MATCH (d:Document) RETURN d.id AS id, d.path AS path, d.sha256 AS sha256, "
            + ("d.minhash" if signatures else "null") + " AS minhash")


#: the stored entities among $ids, with their labels, names, aliases and what tells entities of
#: one name apart (a measure's or an agreement's date, an event's year, an agreement's minerals)
FIND_IDS = " UNION ALL ".join(
    f"UNWIND $ids AS id MATCH (n:{check_label(label)} {{id: id}}) "
    f"RETURN n.id AS id, '{label}' AS label, n.name AS name, n.aliases AS aliases, n.date AS date, "
    "n.year AS year, n.minerals AS minerals"
    for label in ENTITY_LABELS)


def find_name_keys(label: str) -> str:
    """The nodes of one label carrying any of ``$keys`` (the embedded store's look-up,
    through its index of the keys; Neo4j asks its full-text index, see graph.neo4j_backend)."""
    return (f"UNWIND $keys AS k MATCH (n:{check_label(label)}) WHERE k IN n.{NAME_KEYS_PROPERTY} "
            "RETURN k, n.id, n.name, n.aliases, n.date, n.year, n.minerals")


# a store written before name keys: the nodes of a label still without them, and theirs set
def missing_name_keys(label: str) -> str:
    return (f"MATCH (n:{check_label(label)}) WHERE n.{NAME_KEYS_PROPERTY} IS NULL "
            "RETURN n.id, n.name, n.aliases LIMIT $limit")


def set_name_keys(label: str) -> str:
    return f"UNWIND $rows AS row MATCH (n:{check_label(label)} {{id: row.id}}) SET n.{NAME_KEYS_PROPERTY} = row.keys"
FIND_DOCUMENT = "MATCH (d:Document) WHERE d.id = $id OR d.path = $path RETURN d.id AS id ORDER BY id"


# the claims of a build or a remove: a document's own claims on nodes (its MENTIONS
# links), a node's claims (all its MENTIONS), and nodes' running totals
READ_MENTION_CLAIMS = (
    "MATCH (:Document {id: $id})-[m:MENTIONS]->(n) RETURN n.id AS id, labels(n)[0] AS label, m.claim AS claim, "
    f"m.{evidence.LINKS_PROPERTY} AS links"
)

# near-duplicate copies of a story: the stored signatures, and the sources listed on a Document
READ_SOURCES = ("MATCH (d:Document) WHERE d.id IN $ids RETURN d.id, d.url, d.path, d.publisher, d.published, "
                "d.source_urls, d.source_outlets, d.source_dates")
WRITE_SOURCES = ("UNWIND $rows AS row MATCH (d:Document {id: row.id}) SET d.source_urls = row.urls, "
                 "d.source_outlets = row.outlets, d.source_dates = row.dates, d.copies = row.copies")
# a store written before running totals keeps its claims in 'provenance', on every
# Document among others; Documents and Countries are few, so this costs no scan of the
# whole graph (which takes seconds at 10,000 articles)
OLD_FORMAT = ("MATCH (n:Document) WHERE n.provenance IS NOT NULL RETURN n.id AS hit LIMIT 1 UNION ALL "
              "MATCH (n:Country) WHERE n.provenance IS NOT NULL RETURN n.id AS hit LIMIT 1")


# converting such a store, batch by batch (see graph.ledger.convert_store)
CONVERT_DOCUMENTS = ("MATCH (n:Document) WHERE n.provenance IS NOT NULL WITH n LIMIT $limit "
                     "SET n.provenance = null RETURN count(n)")


def old_links(rel_type: str) -> str:
    return (f"MATCH (a)-[r:{check_type(rel_type)}]->(b) WHERE r.provenance IS NOT NULL "
            "RETURN a.id, labels(a)[0], b.id, labels(b)[0], properties(r) LIMIT $limit")


def old_nodes(label: str) -> str:
    return f"MATCH (n:{check_label(label)}) WHERE n.provenance IS NOT NULL RETURN properties(n) LIMIT $limit"


def read_node_claims(label: str) -> str:
    return (f"MATCH (d:Document)-[m:MENTIONS]->(n:{check_label(label)} {{id: $id}}) "
            "RETURN d.id AS doc, m.claim AS claim")


def read_tallies(label: str) -> str:
    return f"UNWIND $ids AS id MATCH (n:{check_label(label)} {{id: id}}) RETURN n.id AS id, n.{TALLY_PROPERTY} AS tally"


def _none_if_empty(name: str) -> str:
    return f"CASE WHEN size({name}) = 0 THEN null ELSE {name} END"


# the visible counts of a link from its lists (a SET sees only values from before it).
# mentions = max(sentences, documents); confidence = round(1 - prod(1 - c), 4) exactly
# as Python rounds (the exact decimal value, ties to even): x * 10000 and its rounding
# error e (Dekker's split of x), so a product like 1 - 0.3 * 0.25 * 0.25 rounds to
# 0.9812 on both stores, as in memory.  ``keep`` names what else a statement carries.
_COUNTS = evidence.COUNTS_PROPERTY
# first_seen / last_seen: the least and greatest of the articles' dates (ISO text)
_FIRST = "reduce(m = null, d IN dates | CASE WHEN m IS NULL OR d < m THEN d ELSE m END)"
_LAST = "reduce(m = null, d IN dates | CASE WHEN m IS NULL OR d > m THEN d ELSE m END)"
_LATEST = evidence.LATEST_PROPERTY
_LATEST_DOC = evidence.LATEST_DOC_PROPERTY


def _set_lists(keep: str, latest: str, latest_doc: str) -> str:
    """The SET of a link's lists and the counts that follow from them; ``latest`` and
    ``latest_doc`` are the expressions of its latest article's sentences and id."""
    v = f"r, ev, ev_docs, docs, confs, counts, dates{keep}"
    return (
        f"WITH {v}, 1.0 - reduce(d = 1.0, c IN confs | d * (1.0 - c)) AS x, "
        "reduce(t = 0, c IN counts | t + c) AS total "
        f"WITH {v}, total, x, x * 10000.0 AS p, 134217729.0 * x AS s "
        f"WITH {v}, total, x, p, s - (s - x) AS xh "
        f"WITH {v}, total, p, floor(p) AS f, (xh * 10000.0 - p) + (x - xh) * 10000.0 AS e "
        f"SET r.evidence = {_none_if_empty('ev')}, r.evidence_doc_ids = {_none_if_empty('ev_docs')}, "
        f"r.doc_ids = docs, r.{CONFIDENCES_PROPERTY} = confs, r.{_COUNTS} = counts, "
        f"r.{_LATEST} = {latest}, r.{_LATEST_DOC} = {latest_doc}, "
        f"r.{DATES_PROPERTY} = {_none_if_empty('dates')}, r.first_seen = {_FIRST}, r.last_seen = {_LAST}, "
        "r.articles = size(docs), "
        "r.mentions = CASE WHEN total > size(docs) THEN total ELSE size(docs) END, "
        "r.confidence = (CASE WHEN p - f > 0.5 THEN f + 1.0 WHEN p - f < 0.5 THEN f WHEN e > 0.0 THEN f + 1.0 "
        "WHEN e < 0.0 THEN f WHEN f - 2.0 * floor(f / 2.0) = 0.0 THEN f ELSE f + 1.0 END) / 10000.0"
    )


# a link's sentences per article; a link written before they were kept (all its
# sentences on it) counts them from its lists
_STORED_COUNTS = (f"coalesce(r.{_COUNTS}, [d IN coalesce(r.doc_ids, []) | "
                  "size([x IN coalesce(r.evidence_doc_ids, []) WHERE x = d])])")


def _retract(match: str) -> str:
    """A document's claims taken back from the links ``match`` finds (as ``r``): the
    links only it supports go, the others lose its entries (and its latest sentences)."""
    return (
        f"{match} WHERE $doc IN r.doc_ids "
        f"WITH r, [i IN range(0, size(r.doc_ids) - 1) WHERE r.doc_ids[i] <> $doc] AS keep, {_STORED_COUNTS} AS n0, "
        "coalesce(r.evidence, []) AS ev0, coalesce(r.evidence_doc_ids, []) AS ed0, "
        f"coalesce(r.{DATES_PROPERTY}, []) AS da0, r.{_LATEST_DOC} = $doc AS was_latest "
        "WITH r, was_latest, [i IN keep | r.doc_ids[i]] AS docs, "
        f"[i IN keep | r.{CONFIDENCES_PROPERTY}[i]] AS confs, [i IN keep | n0[i]] AS counts, "
        "[i IN keep WHERE i < size(da0) | da0[i]] AS dates, "
        "[i IN range(0, size(ed0) - 1) WHERE ed0[i] <> $doc | ev0[i]] AS ev, "
        "[d IN ed0 WHERE d <> $doc] AS ev_docs "
        + _set_lists(", was_latest", f"CASE WHEN was_latest THEN null ELSE r.{_LATEST} END",
                     f"CASE WHEN was_latest THEN null ELSE r.{_LATEST_DOC} END")
    )


# a document's claims taken back from every link between entities it mentions (a store
# written before its MENTIONS links listed the links it supports: see retract_links)
RETRACT_SOLE_LINKS = ("MATCH (:Document {id: $doc})-[:MENTIONS]->()-[r]->() "
                      "WHERE size(r.doc_ids) = 1 AND $doc IN r.doc_ids DELETE r")
RETRACT_LINKS = _retract("MATCH (:Document {id: $doc})-[:MENTIONS]->()-[r]->()")
RETRACT_MENTIONS = "MATCH (:Document {id: $doc})-[m:MENTIONS]->() DELETE m"
REMOVE_DOCUMENT = "MATCH (d:Document {id: $doc}) DETACH DELETE d"


def _link_rows(rel_type: str, source_label: str, target_label: str) -> str:
    return (f"UNWIND $rows AS row MATCH (a:{check_label(source_label)} {{id: row.source}})"
            f"-[r:{check_type(rel_type)}]->(b:{check_label(target_label)} {{id: row.target}})")


def retract_sole_links(rel_type: str, source_label: str, target_label: str) -> str:
    """Delete the links of ``$rows`` (source, target) that only ``$doc`` supports."""
    return (_link_rows(rel_type, source_label, target_label)
            + " WHERE size(r.doc_ids) = 1 AND $doc IN r.doc_ids DELETE r")


def retract_links(rel_type: str, source_label: str, target_label: str) -> str:
    """Take ``$doc``'s entries out of the links of ``$rows``, found by their ends."""
    return _retract(_link_rows(rel_type, source_label, target_label))


def read_samples(rel_type: str, source_label: str, target_label: str) -> str:
    """How many sentences the sample of each link of ``$rows`` holds, leaving out those
    of the documents ``$gone`` (taken back in the same write)."""
    return (_link_rows(rel_type, source_label, target_label)
            + " RETURN row.source, row.target, size([d IN coalesce(r.evidence_doc_ids, []) WHERE NOT d IN $gone])")


def append_links(rel_type: str, source_label: str, target_label: str) -> str:
    """Add each row's documents to its link (created if new), without reading it: one
    row per link (a second row for the same link would not see the first's SET).  The
    row's sentences are those that go into the link's sample (see graph.evidence)."""
    return (
        f"UNWIND $rows AS row "
        f"MATCH (a:{check_label(source_label)} {{id: row.source}}) "
        f"MATCH (b:{check_label(target_label)} {{id: row.target}}) "
        f"MERGE (a)-[r:{check_type(rel_type)}]->(b) ON CREATE SET r += row.extra "
        "WITH r, row, coalesce(r.evidence, []) + row.evidence AS ev, "
        "coalesce(r.evidence_doc_ids, []) + row.evidence_doc_ids AS ev_docs, "
        "coalesce(r.doc_ids, []) + row.doc_ids AS docs, "
        f"coalesce(r.{CONFIDENCES_PROPERTY}, []) + row.confidences AS confs, "
        f"{_STORED_COUNTS} + row.counts AS counts, "
        f"coalesce(r.{DATES_PROPERTY}, []) + coalesce(row.doc_dates, []) AS dates "
        + _set_lists(", row", "row.latest", "row.latest_doc")
    )


def read_outline_nodes(label: str) -> str:
    return f"MATCH (n:{check_label(label)}) RETURN n.id AS id, n.name AS name, n.aliases AS aliases"


def read_links_outline(rel_type: str) -> str:
    return (f"MATCH (a)-[r:{check_type(rel_type)}]->(b) "
            "RETURN a.id AS source, b.id AS target, r.mentions AS mentions")


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
    _check_text(changes.retracted + changes.removed, "document id")
    _check_text([node_id for _, node_id in changes.deleted_nodes], "node id")
    _check_text([node.id for node in changes.nodes], "node id")
    for doc in changes.retracted + changes.removed:
        known = changes.supported.get(doc)
        if known is None:  # no record of its links: look at every link of what it mentions
            statements += [(RETRACT_SOLE_LINKS, {"doc": doc}), (RETRACT_LINKS, {"doc": doc})]
        for (rel_type, src, dst), pairs in sorted(known.items() if known else ()):
            ends = [{"source": a, "target": b} for a, b in sorted(pairs)]
            for batch in _batches(ends, batch_size):
                statements += [(retract_sole_links(rel_type, src, dst), {"doc": doc, "rows": batch}),
                               (retract_links(rel_type, src, dst), {"doc": doc, "rows": batch})]
        statements.append((REMOVE_DOCUMENT if doc in changes.removed else RETRACT_MENTIONS, {"doc": doc}))

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
    mentions: dict[str, list[dict[str, Any]]] = {}
    for label, row in changes.mentions:
        _check_text([row["source"], row["target"]], "node id")
        mentions.setdefault(label, []).append({**row, "props": _storable(row["props"])})
    for label, rows in sorted(mentions.items()):
        for batch in _batches(rows, batch_size):
            statements.append((upsert_relationships("MENTIONS", "Document", label), {"rows": batch}))
    appends: dict[tuple[str, str, str], list[dict[str, Any]]] = {}
    for rel_type, src, dst, row in changes.appends:
        if not all(isinstance(x, str) for x in row["evidence"] + row["evidence_doc_ids"] + row["doc_ids"]
                   + (row.get("latest") or []) + [row.get("latest_doc") or ""] + row.get("doc_dates", [])) or \
                not all(type(c) is float for c in row["confidences"]) or \
                not all(type(c) is int for c in row["counts"]) or len(row["counts"]) != len(row["doc_ids"]):
            raise ValueError("a link's evidence and documents must be text, its confidences and counts numbers")
        _check_text([row["source"], row["target"], *row["evidence"], *row["evidence_doc_ids"], *row["doc_ids"],
                     *(row.get("latest") or [])], "a link's text")
        if any(value_problem(c) for c in row["confidences"]):
            raise ValueError(f"a link's confidences {row['confidences']!r} must be finite numbers")
        appends.setdefault((rel_type, src, dst), []).append({**row, "extra": _storable(row.get("extra", {}))})
    for (rel_type, src, dst), rows in sorted(appends.items()):
        for batch in _batches(rows, batch_size):
            statements.append((append_links(rel_type, src, dst), {"rows": batch}))
    return statements


#: a property name both engines, the exports and a Cypher script take as it is
PROPERTY_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")


def _storable(props: dict[str, Any]) -> dict[str, Any]:
    """Check that every value is one both engines store exactly: a scalar (text
    without NUL or lone surrogates, a finite float, a 64-bit integer) or a list of one
    scalar type, under a plain property name.

    Raises ValueError before anything is sent: a value an engine refuses half way
    through a write must never reach it.
    """
    out: dict[str, Any] = {}
    for key, value in props.items():
        if not isinstance(key, str) or not PROPERTY_NAME.match(key):
            raise ValueError(f"property name {key!r} is not a plain name (letters, digits and _)")
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
        problem = value_problem(value)
        if problem:
            raise ValueError(f"property {key!r}{problem}")
        out[key] = value
    return out


def _check_text(values: list[Any], what: str) -> None:
    """Ids and document lists: text a store takes (see :func:`_storable`)."""
    for value in values:
        problem = value_problem(value) if isinstance(value, str) else ": not text"
        if problem:
            raise ValueError(f"{what} {value!r} is not text a store can hold ({problem.lstrip(': ')})")


def unstorable(graph: Graph) -> str | None:
    """Why ``graph`` (one article's, ready to write) cannot be written, or None: what
    :func:`write_statements` would refuse, found before the article joins a batch."""
    try:
        for node in graph.nodes.values():
            _check_text([node.id], f"{node.label} id")
            _storable(node.properties())
        for rel in graph.relationships.values():
            _storable(graph.stored_properties(rel))
            said = rel.claim()
            _check_text(said["evidence"], "evidence sentence")
            if value_problem(said["confidence"]):
                raise ValueError(f"confidence {said['confidence']!r} is not a finite number")
    except (ValueError, TypeError) as exc:
        return str(exc)
    return None


def as_records(nodes: list[list[Any]], relationships: list[list[Any]]) -> tuple[
        list[tuple[str, dict[str, Any]]], list[tuple[str, str, str, dict[str, Any]]]]:
    """Rows of READ_NODES / READ_RELATIONSHIPS as records for :meth:`Graph.from_records`."""
    node_records = [(labels[0], dict(props)) for labels, props in nodes if labels and labels[0] != BUILD_LABEL]
    rel_records = [(src, rel_type, dst, dict(props)) for src, rel_type, dst, props in relationships]
    return node_records, rel_records


def read_graph(rows: Callable[[str], list[list[Any]]], provenance: bool, sentences: bool = True) -> Graph:
    """What :meth:`GraphStore.read_graph` returns, through ``rows`` (a query's rows).

    Without ``provenance`` the claims are left out; every link still gets all its
    sentences back (``sentences``: the outline leaves them out)."""
    if provenance:
        return Graph.from_records(*as_records(rows(READ_NODES), rows(READ_RELATIONSHIPS)))
    if not sentences:
        return Graph.from_records(*as_records(rows(READ_NODES_PUBLIC), rows(READ_RELATIONSHIPS_OUTLINE)))
    overflow: evidence.Overflow = {}
    for doc, source, raw in rows(READ_OVERFLOW):
        overflow.update(evidence.overflow_of(doc, source, raw))
    return Graph.from_records(*as_records(rows(READ_NODES_PUBLIC), rows(READ_RELATIONSHIPS_PUBLIC)), overflow)
