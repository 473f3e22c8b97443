"""What changed: the store now against the store before chosen builds.

The builds are chosen from the store's log (:mod:`minegraph.graph.buildlog`): those after
build N (``since_build``), those started on or after a date (``since``), or the last one.
The articles those builds added or replaced are the *new* articles; the others are the
store as it was (an article changed since then counts as new, its earlier text being
gone).  Compared over their claims:

* **new agreements and events**: those only new articles mention;
* **agreements whose status changed**: the status the earlier articles gave (counted
  from their claims) against the status now, with the date of the first new article that
  states it;
* **new partners of the focus, and ties that grew or weakened**: the focus's ranking
  (:func:`minegraph.graph.analytics.focus_partners`) on the earlier articles against
  the ranking now; a tie weakens when a frame gains parties, or loses articles;
* **new actors**: countries, agencies and companies only new articles mention;
* **removed** articles and the entities they left without any article (from the log).

Each item cites one evidence sentence from a new article (the earliest dated) with its
article.  With a focus, agreements, events and actors are those of its partner network;
with a mineral, only agreements covering it (and the actors party to them).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from typing import Any

from minegraph.graph import buildlog, evidence
from minegraph.graph.analytics import focus_partners
from minegraph.graph.buildlog import BuildEntry
from minegraph.graph.model import ACTOR_LABELS, ENTITY_LABELS, Node, Tally, check_label, parse_claim
from minegraph.graph.reads import rows
from minegraph.graph.selection import read_focus_graph, read_map_details
from minegraph.graph.store import GraphStore
from minegraph.graph.ties import COOPERATION, HUB_LINKS

#: the kinds of change, in the order a report lists them, with their headings
KINDS = {
    "new_agreement": "New agreements",
    "status_changed": "Agreements whose status changed",
    "new_event": "New events",
    "new_partner": "New partners",
    "tie_grew": "Ties that grew",
    "tie_weakened": "Ties that weakened",
    "new_actor": "New actors",
    "removed": "Removed articles",
    "gone": "No longer supported by any article",
}
_EPSILON = 1e-9
_CHUNK = 2000
#: the labels of nodes named by id (the ends of links whose sentences a change cites)
_LABELS = " UNION ALL ".join(f"UNWIND $ids AS id MATCH (n:{check_label(label)} {{id: id}}) "
                             f"RETURN n.id AS id, '{label}' AS label" for label in (*ACTOR_LABELS, *HUB_LINKS))

DOCUMENTS = ("MATCH (d:Document) RETURN d.id, d.name, d.title, d.path, d.url, d.publisher, d.published, "
             "d.first_seen, d.date_source")


def _fresh(label: str) -> str:
    """The nodes of ``label`` the articles ``$new`` mention and no other article does:
    all their MENTIONS links come from those articles (``$new`` holds each article once)."""
    return (f"UNWIND $new AS doc MATCH (d:Document {{id: doc}})-[:MENTIONS]->(n:{check_label(label)}) "
            "WITH n, count(d) AS fresh, collect(d.id) AS docs "
            "MATCH (:Document)-[m:MENTIONS]->(n) WITH n, fresh, docs, count(m) AS total WHERE total = fresh "
            "RETURN n.id, n.name, n.first_seen, n.status, n.kind, docs")


def _claims(label: str) -> str:
    """Every article's claim on the nodes ``$ids`` the articles ``$new`` mention."""
    return (f"UNWIND $ids AS id MATCH (d:Document)-[m:MENTIONS]->(n:{check_label(label)} {{id: id}}) "
            "RETURN n.id, n.name, n.status, d.id, m.claim")


def _mentioned(label: str) -> str:
    return (f"UNWIND $new AS doc MATCH (:Document {{id: doc}})-[:MENTIONS]->(n:{check_label(label)}) "
            "RETURN DISTINCT n.id")


def _sentences(label: str) -> str:
    """The sentences of the new articles ``$new`` on the links of the nodes ``$ids``,
    each with its article: a link's sample and its latest article's sentences (see
    :mod:`minegraph.graph.evidence`)."""
    latest, latest_doc = evidence.LATEST_PROPERTY, evidence.LATEST_DOC_PROPERTY
    return (f"UNWIND $ids AS id MATCH (n:{check_label(label)} {{id: id}})-[r]-(x) WHERE type(r) <> 'MENTIONS' "
            f"WITH n, coalesce(r.evidence, []) + coalesce(r.{latest}, []) AS ev, "
            f"coalesce(r.evidence_doc_ids, []) + [s IN coalesce(r.{latest}, []) | r.{latest_doc}] AS ed "
            "WITH n, [i IN range(0, size(ed) - 1) WHERE ed[i] IN $new] AS mine, ev, ed "
            "WHERE size(mine) > 0 RETURN n.id, [i IN mine | ev[i]], [i IN mine | ed[i]]")


def _covering(mineral: str) -> str:
    del mineral  # the mineral travels as $mineral
    return ("MATCH (a:Agreement)-[:COVERS]->(:Mineral {id: $mineral}) "
            "OPTIONAL MATCH (x)-[:PARTY_TO|LEADS]->(a) RETURN a.id, collect(DISTINCT x.id)")


@dataclass
class Cited:
    """An article as a change cites it."""

    id: str
    title: str
    date: str | None = None
    date_source: str | None = None
    publisher: str | None = None
    url: str | None = None
    path: str | None = None


@dataclass
class Change:
    """One change: its ``kind`` (see :data:`KINDS`), the node (or article) it is about,
    a ``detail`` for a person, ``before``/``after`` values where they apply, and its
    evidence sentence with the article it comes from."""

    kind: str
    id: str
    name: str
    label: str
    detail: str = ""
    before: Any = None
    after: Any = None
    sentence: str | None = None
    article: Cited | None = None
    build: int | None = None

    def key(self) -> str:
        """A stable id for the change (a feed's entry id)."""
        raw = f"{self.kind}|{self.id}|{self.build}|{self.after}"
        return hashlib.sha1(raw.encode("utf-8")).hexdigest()[:20]


@dataclass
class ChangeReport:
    """The builds compared (``builds``; ``baseline``: the build the store is compared
    with, 0 for an empty store), the focus and mineral, and the changes."""

    builds: list[BuildEntry]
    baseline: int
    focus: dict[str, str] | None = None
    mineral: dict[str, str] | None = None
    changes: list[Change] = field(default_factory=list)

    def by_kind(self) -> dict[str, list[Change]]:
        grouped: dict[str, list[Change]] = {kind: [] for kind in KINDS}
        for change in self.changes:
            grouped[change.kind].append(change)
        return {kind: items for kind, items in grouped.items() if items}

    def to_json(self) -> dict[str, Any]:
        return {"builds": [{**{k: v for k, v in asdict(b).items() if k != "gone"},
                            "gone": [list(g) for g in b.gone]} for b in self.builds],
                "baseline": self.baseline, "focus": self.focus, "mineral": self.mineral,
                "changes": [asdict(change) for change in self.changes]}


class NoSuchBuildError(LookupError):
    """``since_build`` names a build the log does not hold."""


def choose_builds(entries: list[BuildEntry], *, since: str | None = None, since_build: int | None = None,
                  last: bool = False) -> tuple[list[BuildEntry], int]:
    """The logged builds to report and the build they are compared with (default: the
    last build).  Raises :class:`NoSuchBuildError` for a build number the log lacks."""
    if since_build is not None:
        if since_build and since_build not in {e.number for e in entries}:
            known = ", ".join(str(e.number) for e in entries) or "none"
            raise NoSuchBuildError(f"no build {since_build} in the store's log (builds: {known})")
        return [e for e in entries if e.number > since_build], since_build
    if since is not None:
        chosen = [e for e in entries if e.started[:10] >= since]
        before = [e.number for e in entries if e.started[:10] < since]
        return chosen, max(before, default=0)
    del last  # the default
    return entries[-1:], (entries[-1].number - 1 if entries else 0)


def changes_since(store: GraphStore, *, since: str | None = None, since_build: int | None = None,
                  last: bool = False, focus: Node | None = None, mineral: Node | None = None) -> ChangeReport:
    """What the chosen builds changed (see the module docstring).

    Raises:
        NoSuchBuildError: ``since_build`` is not in the log.
    """
    entries = buildlog.read_builds(store)
    builds, baseline = choose_builds(entries, since=since, since_build=since_build, last=last)
    documents = _read_documents(store)
    built_by = {doc: entry.number for entry in builds for doc in entry.documents}
    new = sorted(doc for doc in built_by if doc in documents)
    report = ChangeReport(builds, baseline, _named(focus), _named(mineral))
    scope = _Scope(store, focus, mineral)
    if new:
        cite = _Citer(store, documents, set(new), built_by)
        report.changes += _fresh_nodes(store, new, scope, cite)
        report.changes += _status_changes(store, new, scope, cite, documents)
        if focus is not None:
            report.changes += _tie_changes(store, focus, mineral, new, documents, cite)
    for entry in builds:
        for doc, title in zip(entry.removed, entry.removed_titles or entry.removed, strict=False):
            report.changes.append(Change("removed", doc, title, "Document", f"removed by build {entry.number}",
                                         build=entry.number))
        for node_id, label, name in entry.gone:
            if scope.keeps(node_id, label):
                report.changes.append(Change("gone", node_id, name, label,
                                             f"no article supports it after build {entry.number}",
                                             build=entry.number))
    order = list(KINDS)
    report.changes.sort(key=lambda c: (order.index(c.kind), -(c.after if isinstance(c.after, float) else 0.0),
                                       c.name.casefold(), c.id))
    return report


def _named(node: Node | None) -> dict[str, str] | None:
    return None if node is None else {"id": node.id, "name": node.name, "label": node.label}


def _read_documents(store: GraphStore) -> dict[str, Cited]:
    found = {}
    for doc_id, name, title, path, url, publisher, published, first_seen, source in rows(store, DOCUMENTS):
        found[doc_id] = Cited(doc_id, title or name or doc_id, first_seen or published, source, publisher,
                              url or (path if path and "://" in path else None), path)
    return found


class _Scope:
    """Which nodes a report with a focus or a mineral keeps."""

    def __init__(self, store: GraphStore, focus: Node | None, mineral: Node | None) -> None:
        self.ids: set[str] | None = None
        if focus is not None:
            around = read_focus_graph(store, focus, mineral.id if mineral else None)
            self.ids = {n.id for n in around.nodes.values() if n.label != "Document"}
        self.agreements: set[str] | None = None
        self.parties: set[str] | None = None
        if mineral is not None:
            covering = rows(store, _covering(mineral.id), {"mineral": mineral.id})
            self.agreements = {a for a, _ in covering}
            self.parties = {x for _, xs in covering for x in xs if x}

    def keeps(self, node_id: str, label: str) -> bool:
        if self.ids is not None and node_id not in self.ids:
            return False
        if self.agreements is not None:
            if label == "Agreement":
                return node_id in self.agreements
            if label == "Event":
                return False
            if label in ACTOR_LABELS:
                return node_id in (self.parties or set())
        return True


class _Citer:
    """Finds the evidence sentence of a change: the earliest dated sentence of a new
    article on the links of the nodes it is about."""

    def __init__(self, store: GraphStore, documents: dict[str, Cited], new: set[str], built_by: dict[str, int]) -> None:
        self.store, self.documents, self.new, self.built_by = store, documents, new, built_by

    def best(self, said: Iterable[tuple[str, str]], doc: str | None = None
             ) -> tuple[str | None, Cited | None, int | None]:
        """The earliest ``(sentence, article)`` of ``said`` from a new article (from
        ``doc`` when given); else that article (or the earliest new one) alone."""
        candidates = [(self._date(d), d, s) for s, d in said if d in self.new and (doc is None or d == doc)]
        if candidates:
            _, chosen, sentence = min(candidates)
            return sentence, self.documents.get(chosen), self.built_by.get(chosen)
        if doc is not None:
            return None, self.documents.get(doc), self.built_by.get(doc)
        return None, None, None

    def date_of(self, doc: str) -> str:
        return self._date(doc)

    def _date(self, doc: str) -> str:
        cited = self.documents.get(doc)
        return (cited.date if cited else None) or "9999"

    def sentences_of(self, label: str, ids: list[str]) -> dict[str, list[tuple[str, str]]]:
        """Per node, the (sentence, article) pairs on its links."""
        said: dict[str, list[tuple[str, str]]] = {node_id: [] for node_id in ids}
        for start in range(0, len(ids), _CHUNK):
            for node_id, sentences, sentence_docs in rows(
                    self.store, _sentences(label), {"ids": ids[start:start + _CHUNK], "new": sorted(self.new)}):
                said[node_id] += list(zip(sentences or [], sentence_docs or [], strict=False))
        return said

    def links(self, keys: list[tuple[str, str, str]]) -> dict[tuple[str, str, str], list[tuple[str, str]]]:
        """The (sentence, article) pairs of each link ``keys`` names, read in batches."""
        if not keys:
            return {}
        labels = dict(rows(self.store, _LABELS, {"ids": sorted({end for key in keys for end in (key[0], key[2])})}))
        ends = [Node(node_id, label, "") for node_id, label in labels.items() if label in ENTITY_LABELS]
        graph = read_map_details(self.store, ends, [k for k in keys if k[0] in labels and k[2] in labels],
                                 sentences=None)
        return {key: list(zip(rel.props.get("evidence") or [], rel.props.get("evidence_doc_ids") or [],
                              strict=False)) for key, rel in graph.relationships.items()}


def _fresh_nodes(store: GraphStore, new: list[str], scope: _Scope, cite: _Citer) -> list[Change]:
    kinds = {"Agreement": "new_agreement", "Event": "new_event", **dict.fromkeys(ACTOR_LABELS, "new_actor")}
    found = []
    for label, kind in kinds.items():
        fresh = [row for row in rows(store, _fresh(label), {"new": new}) if scope.keeps(row[0], label)]
        said = cite.sentences_of(label, sorted(row[0] for row in fresh))
        for node_id, name, first_seen, status, node_kind, docs in sorted(fresh, key=lambda row: row[0]):
            sentence, article, build = cite.best(said[node_id])
            if article is None:  # named without a sentence about it (a headline): its first article
                sentence, article, build = cite.best([], min(docs, key=lambda d: (cite.date_of(d), d)))
            detail = ", ".join(str(x) for x in (node_kind, status) if x) + (f"; first seen {first_seen}"
                                                                          if first_seen else "")
            found.append(Change(kind, node_id, name or node_id, label, detail.strip("; "), None, status,
                                sentence, article, build))
    return found


def _status_changes(store: GraphStore, new: list[str], scope: _Scope, cite: _Citer,
                    documents: dict[str, Cited]) -> list[Change]:
    mentioned: set[str] = set()
    for start in range(0, len(new), _CHUNK):
        chunk = new[start:start + _CHUNK]
        mentioned.update(node_id for [node_id] in rows(store, _mentioned("Agreement"), {"new": chunk}))
    ids = sorted(node_id for node_id in mentioned if scope.keeps(node_id, "Agreement"))
    claims: dict[str, dict[str, dict[str, Any]]] = {}
    shown: dict[str, tuple[str, Any]] = {}
    for start in range(0, len(ids), _CHUNK):
        for node_id, name, status, doc, raw in rows(store, _claims("Agreement"), {"ids": ids[start:start + _CHUNK]}):
            shown[node_id] = (name or node_id, status)
            if raw is not None:
                claims.setdefault(node_id, {})[doc] = parse_claim(raw, f"the claim of {doc!r} on {node_id!r}")
    changed = []
    new_set = set(new)
    for node_id in sorted(claims):
        old = {doc: claim for doc, claim in claims[node_id].items() if doc not in new_set}
        if not old:
            continue  # a new agreement
        before = Tally.of(old).visible()[2].get("status")
        name, after = shown[node_id]
        if before == after or after is None:
            continue
        stating = sorted((documents[d].date or "9999", d) for d, c in claims[node_id].items()
                         if d in new_set and c.get("props", {}).get("status") == after and d in documents)
        doc = stating[0][1] if stating else None
        said = cite.sentences_of("Agreement", [node_id])[node_id]
        sentence, article, build = cite.best(said, doc)
        when = f" ({article.date})" if article is not None and article.date else ""
        changed.append(Change("status_changed", node_id, name, "Agreement", f"{before or 'no status'} → {after}{when}",
                              before, after, sentence, article, build))
    return changed


def _tie_changes(store: GraphStore, focus: Node, mineral: Node | None, new: list[str],
                 documents: dict[str, Cited], cite: _Citer) -> list[Change]:
    around = read_focus_graph(store, focus, mineral.id if mineral else None)
    stored = set(documents)
    old_docs = stored - set(new)
    mineral_id = mineral.id if mineral else None
    before = {row["id"]: row for row in focus_partners(around, focus.id, mineral=mineral_id, documents=old_docs)}
    after = {row["id"]: row for row in focus_partners(around, focus.id, mineral=mineral_id, documents=stored)}
    moved = []
    for partner in sorted(set(before) | set(after)):
        was = before[partner]["weight"] if partner in before else None
        now = after[partner]["weight"] if partner in after else 0.0
        if was is None or abs(now - was) > _EPSILON:
            moved.append((partner, was, now, after.get(partner) or before[partner]))
    # the links behind each moved tie's parts, strongest part first, read in one go
    index = _LinkIndex(around, cite.new)
    parts = {partner: index.parts(row) for partner, _, _, row in moved}
    said = cite.links(sorted({key for keys in parts.values() for part in keys for key in part}))
    changed = []
    for partner, was, now, row in moved:
        kind = "new_partner" if was is None else "tie_grew" if now > was else "tie_weakened"
        sentence, article, build = None, None, None
        for keys in parts[partner]:  # the strongest part with a new sentence
            sentence, article, build = cite.best([pair for key in keys for pair in said.get(key, [])])
            if sentence is not None:
                break
        through = ", ".join(v["name"] for v in row["via"][:3])
        detail = (f"weight {now:g} through {through}" if was is None
                  else f"weight {was:g} → {now:g} (through {through})")
        changed.append(Change(kind, partner, row["name"], row["label"], detail, was, now, sentence, article, build))
    return changed


class _LinkIndex:
    """The links of a partner network that a new article supports, by the frame they
    lead to and by the ends of cooperation links."""

    def __init__(self, around: Any, new: set[str]) -> None:
        self.frames: dict[str, list[tuple[str, str, str]]] = {}
        self.cooperation: dict[str, list[tuple[str, str, str]]] = {}
        for key, rel in around.relationships.items():
            if not set(rel.props.get("doc_ids", ())) & new:
                continue
            if rel.type == COOPERATION:
                for end in (rel.source, rel.target):
                    self.cooperation.setdefault(end, []).append(key)
            elif any(rel.type in types for types in HUB_LINKS.values()):
                self.frames.setdefault(rel.target, []).append(key)

    def parts(self, row: dict[str, Any]) -> list[list[tuple[str, str, str]]]:
        """Per part of a tie, strongest first, its links a new article supports: every
        party's link to the frame (a new party's too), or the cooperation links."""
        return [sorted(self.cooperation.get(row["id"], []) if via["id"] == COOPERATION
                       else self.frames.get(via["id"], [])) for via in row["via"]]
