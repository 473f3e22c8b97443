"""What each article claims, kept in a store: the writes that add and take back claims.

A store keeps every article's claims once: its claim on a node on its ``MENTIONS`` link
(``claim``, JSON), its claim on a link in the link's parallel lists (``doc_ids``,
``doc_confidences``, ``evidence``, ``evidence_doc_ids``), and on each node the running
totals of its claims (``tally``, see :class:`minegraph.graph.model.Tally`) from which
its visible name, aliases and properties follow.  This module turns "these articles
now claim this, those no longer claim anything" into one :class:`Changes` for
:meth:`GraphStore.apply`, reading only what the change touches:

* :func:`claim_changes` / :func:`write_claims`: add resolved articles' claims after
  taking back those of articles built again or removed;
* :func:`remove_document`: take one stored article out;
* :func:`add_copy_sources`: list near-duplicate copies of a story on its Document;
* :func:`convert_store`: rewrite a store written before running totals (claims in a
  ``provenance`` property) once, batch by batch.

Everything goes through :meth:`GraphStore.query` and :meth:`GraphStore.apply` with the
Cypher of :mod:`minegraph.graph.statements`, so both backends share this one
implementation.  Nothing here knows how articles are read or extracted: a caller passes
each article's graph, already resolved against the store (``minegraph.loaders.pipeline``).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from typing import Any

from minegraph.graph import evidence, reads, statements
from minegraph.graph.dates import article_date, document_dates
from minegraph.graph.dating import date_store
from minegraph.graph.model import (
    CLAIM_PROPERTY,
    ENTITY_LABELS,
    LABELS,
    NAME_KEYS_PROPERTY,
    RELATIONSHIP_TYPES,
    SEEN,
    Graph,
    Node,
    Tally,
    parse_claim,
)
from minegraph.graph.store import Changes, GraphStore

#: node ids per query when reading running totals
_TALLY_BATCH = 2000
#: links per transaction when converting an old store (nodes: a quarter of it)
_CONVERT_BATCH = 2000

Claims = dict[str, dict[str, Any]]  # id -> a claim


class UnknownDocumentError(LookupError):
    """``remove`` was given a path or id that is not in the store."""


# --- adding and taking back claims ----------------------------------------------------------


#: a node's name keys from its id, label and surface forms (None: its label has none);
#: resolution's rule, given by the caller (``minegraph.loaders.resolve.stored_keys``)
NameKeys = Callable[[str, str, list[str]], "list[str] | None"]


def claim_changes(store: GraphStore, added: dict[str, Graph], retracted: Iterable[str] = (),
                  removed: Iterable[str] = (), name_keys: NameKeys | None = None
                  ) -> tuple[Changes, dict[str, Node | None]]:
    """The writes that add each ``added`` article's claims (doc id -> its resolved graph,
    with its Document node and MENTIONS links) after taking back those of ``retracted``
    (stored articles built again) and ``removed`` ones, and the visible outline of every
    node they touch (None: deleted).

    Reads only the taken-back articles' own claims (their MENTIONS links) and the running
    totals of the nodes the change touches (one query per label); links are appended to
    or taken from on the server (only how full their samples are is read).  Each node
    written gets its ``name_keys`` (when given) from its names, so a merge, a rename or
    an article taken back keeps them current.  Raises
    :class:`~minegraph.graph.model.ProvenanceError` before anything is written when a
    stored claim or total is not minegraph's.
    """
    retracted, removed = list(retracted), list(removed)
    labels: dict[str, str] = {}
    supported: dict[str, dict[tuple[str, str, str], set[tuple[str, str]]]] = {}
    old = _stored_claims(store, retracted + removed, labels, supported)
    new: dict[str, Claims] = {}  # node id -> doc -> its claim
    for doc, graph in added.items():
        seen = _seen(graph, doc)
        for node in graph.nodes.values():
            if node.label != "Document":
                new.setdefault(node.id, {})[doc] = {**node.claim(), SEEN: seen}
                labels[node.id] = node.label
    touched = sorted(set(new) | {n for claims in old.values() for n in claims})
    stored = _stored_tallies(store, touched, labels)
    changes = Changes(retracted=retracted, removed=removed, supported=supported)
    outcome: dict[str, Node | None] = {}
    for node_id in touched:
        label = labels[node_id]
        tally = _taken_back(stored[node_id] if node_id in stored else Tally(), node_id, old)
        if tally is None:  # count again from the node's claims on its MENTIONS links
            tally = _recount(store, label, node_id, gone=set(old))
        for doc, claim in sorted(new.get(node_id, {}).items()):
            tally.add(doc, claim)
        if tally.docs <= 0:
            if node_id in stored:
                changes.deleted_nodes.append((label, node_id))
            outcome[node_id] = None
            continue
        name, aliases, props = tally.visible()
        keys = name_keys(node_id, label, [name, *aliases]) if name_keys is not None else None
        if keys is not None:
            props[NAME_KEYS_PROPERTY] = keys
        node = outcome[node_id] = Node(node_id, label, name, aliases, props, _tally=tally)
        changes.nodes.append(node)
    _add_documents(store, changes, added, new, gone=retracted + removed)
    return changes, outcome


def unwritable(graph: Graph) -> str | None:
    """Why one article's resolved graph cannot be written (a value no store holds
    exactly: NUL, a lone surrogate, NaN, an integer beyond 64 bits, a nested value, a
    name that is not plain), or None.  A caller checks each article before it joins a
    batch, so one hostile article is refused alone instead of failing the batch."""
    return statements.unstorable(graph)


def write_claims(store: GraphStore, added: dict[str, Graph], retracted: Iterable[str] = (),
                 removed: Iterable[str] = (), name_keys: NameKeys | None = None) -> dict[str, Node | None]:
    """Apply :func:`claim_changes` in one transaction; returns its outline of the nodes touched."""
    changes, outcome = claim_changes(store, added, retracted, removed, name_keys)
    store.apply(changes)
    return outcome


def _stored_claims(store: GraphStore, docs: list[str], labels: dict[str, str],
                   supported: dict[str, dict[tuple[str, str, str], set[tuple[str, str]]]]) -> dict[str, Claims]:
    """doc -> node id -> its stored claim on the node (``labels`` gets each node's label,
    ``supported`` each document's links as its MENTIONS links record them, when they do)."""
    old: dict[str, Claims] = {}
    for doc in docs:
        claims = old[doc] = {}
        links: dict[tuple[str, str, str], set[tuple[str, str]]] = {}
        for node_id, label, raw, keys in reads.rows(store, statements.READ_MENTION_CLAIMS, {"id": doc}):
            labels[node_id] = label
            if raw is not None:
                claims[node_id] = parse_claim(raw, f"relationship ({doc!r})-[:MENTIONS]->({node_id!r})")
            for key in evidence.read_links(keys):
                rel_type, target_label, target = evidence.parse_key(key)
                if rel_type in RELATIONSHIP_TYPES and target_label in LABELS:
                    links.setdefault((rel_type, label, target_label), set()).add((node_id, target))
        if links:
            supported[doc] = links
    return old


def _stored_tallies(store: GraphStore, node_ids: list[str], labels: dict[str, str]) -> dict[str, Tally | None]:
    """The running totals of the stored ones among ``node_ids`` (None: a node without)."""
    by_label: dict[str, list[str]] = {}
    for node_id in node_ids:
        by_label.setdefault(labels[node_id], []).append(node_id)
    stored: dict[str, Tally | None] = {}
    for label, ids in sorted(by_label.items()):
        for start in range(0, len(ids), _TALLY_BATCH):
            chunk = ids[start:start + _TALLY_BATCH]
            for node_id, raw in reads.rows(store, statements.read_tallies(label), {"ids": chunk}):
                stored[node_id] = None if raw is None else Tally.from_json(raw, f"{label} node {node_id!r}")
    return stored


def _taken_back(tally: Tally | None, node_id: str, old: dict[str, Claims]) -> Tally | None:
    """``tally`` without the claims of the ``old`` documents on ``node_id``; None when
    the totals cannot tell the result (or there were none) and the claims must be counted."""
    if tally is None:
        return None
    for doc, claims in old.items():
        if node_id in claims and not tally.subtract(doc, claims[node_id]):
            return None
    return tally


def _recount(store: GraphStore, label: str, node_id: str, gone: set[str]) -> Tally:
    """The totals of a node's stored claims, leaving out the documents ``gone``."""
    what = f"{label} node {node_id!r}"
    return Tally.of({doc: parse_claim(raw, what) for doc, raw in
                     reads.rows(store, statements.read_node_claims(label), {"id": node_id})
                     if doc not in gone and raw is not None})


def _add_documents(store: GraphStore, changes: Changes, added: dict[str, Graph], new: dict[str, Claims],
                   gone: list[str]) -> None:
    """Each added article's Document, its MENTIONS links with its claims on the nodes
    (and its record of the links it supports from each), and one append row per link
    (the rows of several articles on one link joined, since one statement cannot see
    another row's write).  A link's sample takes an article's sentences while it has
    room (:mod:`minegraph.graph.evidence`); the article keeps the rest."""
    said: dict[tuple[str, str, str], list[tuple[str, list[str], float]]] = {}  # link -> (doc, sentences, conf)
    extras: dict[tuple[str, str, str], dict[str, Any]] = {}
    ends: dict[tuple[str, str, str], tuple[str, str]] = {}
    for doc in sorted(added):
        graph = added[doc]
        for key, rel in graph.relationships.items():
            if rel.type == "MENTIONS":
                continue
            claim = rel.claim()
            said.setdefault(key, []).append((doc, list(claim["evidence"]), float(claim["confidence"])))
            if key not in extras:
                extra = {k: v for k, v in rel.props.items() if k not in ("evidence", "confidence")}
                extras[key] = {k: v for k, v in extra.items() if v is not None and v != []}
                ends[key] = (graph.nodes[rel.source].label, graph.nodes[rel.target].label)
    room = _sample_room(store, said, ends, gone)
    records: dict[tuple[str, str], tuple[list[str], dict[str, list[str]]]] = {}  # (doc, node) -> keys, rest
    for key in sorted(said):
        source, rel_type, target = key
        src, dst = ends[key]
        sample, sample_docs, rest = evidence.split(room.get(key, evidence.EVIDENCE_SAMPLE),
                                                   [(doc, sentences) for doc, sentences, _ in said[key]])
        # the latest article's sentences, when they do not all fit in the sample (else the
        # sample has them: nothing is kept twice)
        latest = next(((doc, sentences) for doc, sentences, _ in reversed(said[key]) if sentences), None)
        if latest is not None and latest[0] not in rest:
            latest = None
        changes.appends.append((rel_type, src, dst, {
            "source": source, "target": target, "evidence": sample, "evidence_doc_ids": sample_docs,
            "doc_ids": [doc for doc, _, _ in said[key]], "confidences": [conf for _, _, conf in said[key]],
            "counts": [len(sentences) for _, sentences, _ in said[key]],
            "doc_dates": [_seen(added[doc], doc) for doc, _, _ in said[key]],
            "latest": latest[1][:evidence.EVIDENCE_LATEST] if latest else None,
            "latest_doc": latest[0] if latest else None, "extra": extras[key]}))
        link = evidence.link_key(rel_type, dst, target)
        for doc, _, _ in said[key]:
            keys, more = records.setdefault((doc, source), ([], {}))
            keys.append(link)
            if doc in rest:
                more[link] = rest[doc]
    for doc in sorted(added):
        graph = added[doc]
        claim = graph.nodes[doc].claim()
        shown = claim.get("props", {})
        changes.nodes.append(Node(doc, "Document", claim.get("name", ""), claim.get("aliases", []),
                                  {**shown, **document_dates(shown)}))
        seen = _seen(graph, doc)
        for node in graph.nodes.values():
            if node.label == "Document":
                continue
            mention = graph.relationships.get((doc, "MENTIONS", node.id))
            sentences: list[str] = []
            confidence = 1.0
            if mention is not None:
                claimed = mention.claim()
                sentences, confidence = claimed["evidence"], float(claimed["confidence"])
            # what Relationship.refresh makes of one document's claim, and its claim on the node
            props: dict[str, Any] = {"doc_ids": [doc], "mentions": max(len(sentences), 1),
                                     "confidence": round(1.0 - (1.0 - confidence), 4),
                                     "first_seen": seen, "last_seen": seen, "articles": 1,
                                     CLAIM_PROPERTY: json.dumps(new[node.id][doc], sort_keys=True,
                                                                ensure_ascii=False)}
            if sentences:
                props.update(evidence=sentences, evidence_doc_ids=[doc] * len(sentences))
            keys, more = records.get((doc, node.id), ([], {}))
            if keys:
                props[evidence.LINKS_PROPERTY] = evidence.write_links(keys)
            if more:
                props[evidence.MORE_PROPERTY] = evidence.write_more(more)
            changes.mentions.append((node.label, {"source": doc, "target": node.id, "props": props}))


def _sample_room(store: GraphStore, said: dict[tuple[str, str, str], Any], ends: dict[tuple[str, str, str],
                 tuple[str, str]], gone: list[str]) -> dict[tuple[str, str, str], int]:
    """Places left in the sample of each stored link among ``said`` (one read per type
    and end labels; a link not stored yet has them all), once the documents ``gone``
    are taken back."""
    groups: dict[tuple[str, str, str], list[dict[str, str]]] = {}
    for (source, rel_type, target), (src, dst) in ends.items():
        groups.setdefault((rel_type, src, dst), []).append({"source": source, "target": target})
    room: dict[tuple[str, str, str], int] = {}
    for (rel_type, src, dst), pairs in sorted(groups.items()):
        for start in range(0, len(pairs), _TALLY_BATCH):
            chunk = pairs[start:start + _TALLY_BATCH]
            for source, target, size in reads.rows(store, statements.read_samples(rel_type, src, dst),
                                                   {"rows": chunk, "gone": gone}):
                room[(source, rel_type, target)] = evidence.EVIDENCE_SAMPLE - int(size)
    return room


def _seen(graph: Graph, doc: str) -> str:
    """The date an added article counts by (see :mod:`minegraph.graph.dates`)."""
    return article_date(graph.nodes[doc].props)[0]


# --- one article out -------------------------------------------------------------------------


def remove_document(store: GraphStore, doc_id: str, path: str | None = None,
                    name_keys: NameKeys | None = None) -> str:
    """Remove the stored article with id ``doc_id`` (else the one stored from ``path``)
    and every fact only it supported; returns its document id.

    Reads only the article's own claims and the running totals of what it mentions, so
    it costs the article's size.  A store in the earlier format is converted first.

    Raises:
        UnknownDocumentError: no such article is stored.
    """
    convert_store(store)
    date_store(store)
    found = reads.find_document(store, doc_id, path if path is not None else doc_id)
    if found is None:
        raise UnknownDocumentError(f"no document {doc_id!r} in the store (see: minegraph query --name documents)")
    write_claims(store, {}, removed=[found], name_keys=name_keys)
    return found


# --- copies of one story ---------------------------------------------------------------------


def add_copy_sources(store: GraphStore, copies: dict[str, list[tuple[str, str, str]]]) -> None:
    """Add near-duplicate copies to their stories' Documents: doc id -> the copies'
    ``(URL or path, outlet, date)``.  Each Document lists its sources in
    ``source_urls``, ``source_outlets`` and ``source_dates`` (its own first; a URL
    already listed is not listed again) and their number in ``copies``."""
    if not copies:
        return
    rows = []
    for doc_id, url, path, outlet, date, urls, outlets, dates in reads.rows(store, statements.READ_SOURCES,
                                                                               {"ids": sorted(copies)}):
        entries = (list(zip(urls, outlets, dates, strict=False)) if urls
                   else [(url or path or "", outlet or "", date or "")])
        for entry in copies[doc_id]:
            if entry[0] not in {e[0] for e in entries}:
                entries.append(entry)
        rows.append({"id": doc_id, "urls": [e[0] for e in entries], "outlets": [e[1] for e in entries],
                     "dates": [e[2] for e in entries], "copies": len(entries)})
    store.query(statements.WRITE_SOURCES, {"rows": rows}, write=True, timeout=None)


# --- the earlier formats --------------------------------------------------------------------


def add_name_keys(store: GraphStore, name_keys: NameKeys, labels: Iterable[str]) -> int:
    """Give the nodes of ``labels`` written before name keys theirs, batch by batch (an
    interrupted conversion resumes at the next command); returns how many it gave."""
    given = 0
    for label in labels:
        while found := reads.rows(store, statements.missing_name_keys(label), {"limit": _CONVERT_BATCH}):
            batch = [{"id": node_id, "keys": name_keys(node_id, label, [name or "", *(aliases or [])]) or []}
                     for node_id, name, aliases in found]
            store.query(statements.set_name_keys(label), {"rows": batch}, write=True, timeout=None)
            given += len(batch)
    return given



def convert_store(store: GraphStore) -> int:
    """Convert a store written before running totals (claims in ``provenance`` JSON) to
    the current encoding; returns how many nodes it rewrote (0: the store needed nothing).

    Batch by batch, each in one transaction, so memory follows the batch: the links get
    their ``doc_confidences``, then each entity node its totals and each of its MENTIONS
    links its document's claim (in the node's transaction), Documents last.  Converted
    records are skipped, so an interrupted conversion resumes at the next command.
    Curated names, merges and every claim are kept.
    """
    if not reads.rows(store, statements.OLD_FORMAT):
        return 0
    for rel_type in RELATIONSHIP_TYPES:
        if rel_type == "MENTIONS":
            continue
        while rows := reads.rows(store, statements.old_links(rel_type), {"limit": _CONVERT_BATCH}):
            graph = Graph.from_records([], [(s, rel_type, d, props) for s, _, d, _, props in rows])
            labels = {(s, d): (sl, dl) for s, sl, d, dl, _ in rows}
            store.apply(Changes(relationships=[(rel, *labels[(rel.source, rel.target)])
                                               for rel in graph.relationships.values()]))
    converted = 0
    for label in sorted(ENTITY_LABELS, key=lambda label: label == "Country"):  # Countries mark the format
        while rows := reads.rows(store, statements.old_nodes(label), {"limit": _CONVERT_BATCH // 4}):
            graph = Graph.from_records([(label, props) for [props] in rows], [])
            changes = Changes(nodes=list(graph.nodes.values()))
            for node in graph.nodes.values():
                for doc, claim in sorted(node.sources.items()):
                    props = {"doc_ids": [doc], "mentions": 1, "confidence": 1.0,
                             CLAIM_PROPERTY: json.dumps(claim, sort_keys=True, ensure_ascii=False)}
                    changes.mentions.append((label, {"source": doc, "target": node.id, "props": props}))
            store.apply(changes)
            converted += len(rows)
    while reads.rows(store, statements.CONVERT_DOCUMENTS, {"limit": _CONVERT_BATCH}, write=True)[0][0]:
        pass
    return converted
