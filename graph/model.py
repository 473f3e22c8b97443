"""The property graph: ontology and plain dataclasses, no database code.

A :class:`Graph` holds nodes keyed by id and relationships keyed by
``(source, type, target)``.  Everything a document claims is kept per document in
``sources`` (``{doc_id: claim}``) and the visible properties (``name``, ``aliases``,
``evidence``, ``doc_ids``, ``confidence``, ``mentions``...) are computed from those
claims by :meth:`Node.refresh` / :meth:`Relationship.refresh`.  That makes merging
order-independent: building A then B gives the same graph as building A and B
together, and removing a document is deleting its claims and recomputing.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from minegraph.graph import evidence

# --- ontology ---------------------------------------------------------------------------

ACTOR_LABELS = ("Country", "Agency", "Company")
LABELS = ("Country", "Agency", "Company", "Mineral", "Agreement", "Person", "Event", "Measure", "Document")
ENTITY_LABELS = tuple(label for label in LABELS if label != "Document")
#: the label of the build log's nodes (:mod:`minegraph.graph.buildlog`): kept in the store
#: beside the graph, never a fact of it (readers, exports and counts leave them out)
BUILD_LABEL = "Build"

_ACTORS = frozenset(ACTOR_LABELS)
#: relationship type -> (allowed source labels, allowed target labels)
RELATIONSHIP_TYPES: dict[str, tuple[frozenset[str], frozenset[str]]] = {
    "BASED_IN": (frozenset({"Agency", "Company"}), frozenset({"Country"})),
    # a unit of a body, a subsidiary or a joint venture of its parents (the gold conventions' stated owners)
    "PART_OF": (frozenset({"Agency", "Company"}), frozenset({"Agency", "Company"})),
    "PARTY_TO": (_ACTORS, frozenset({"Agreement"})),
    "LEADS": (frozenset({"Country", "Agency", "Person"}), frozenset({"Agreement", "Event", "Agency"})),
    "COVERS": (frozenset({"Agreement"}), frozenset({"Mineral"})),
    "HAS_RESOURCE": (frozenset({"Country"}), frozenset({"Mineral"})),
    "COOPERATES_WITH": (_ACTORS, _ACTORS),
    "PARTICIPATED_IN": (_ACTORS | {"Person"}, frozenset({"Event"})),
    "ORGANIZED": (frozenset({"Country", "Agency"}), frozenset({"Event"})),
    "HELD_IN": (frozenset({"Event"}), frozenset({"Country"})),
    "WORKS_FOR": (frozenset({"Person"}), frozenset({"Agency", "Company", "Country"})),
    "IMPOSED_BY": (frozenset({"Measure"}), frozenset({"Country", "Agency"})),
    "TARGETS": (frozenset({"Measure"}), frozenset({"Mineral"})),
    "AFFECTS": (frozenset({"Measure"}), frozenset({"Company"})),
    "MENTIONS": (frozenset({"Document"}), frozenset(ENTITY_LABELS)),
}
#: a Measure is a government's unilateral act on minerals: what kind of act it is
MEASURE_KINDS = ("export_ban", "export_control", "export_quota", "export_tax", "import_tariff", "royalty",
                 "nationalisation", "licence_revocation", "investment_screening", "processing_requirement",
                 "critical_list", "stockpile")
#: and where it stands
MEASURE_STATUSES = ("in_force", "announced", "planned", "proposed", "lifted", "suspended", "extended")
#: a node property that is not shown but says when its document stated the claim (an ISO date, "" when
#: unknown): a claim that carries it has its :data:`LATEST_STATED` properties voted by the latest
#: statement instead of the most documents (a measure announced in March and lifted in May is lifted)
STATED_PROPERTY = "stated"
LATEST_STATED = ("status",)

#: the property in which stores written before running totals kept each document's
#: claims (JSON text); read only to convert such a store
SOURCES_PROPERTY = "provenance"
#: a node's running totals over its claims (JSON text, see :class:`Tally`)
TALLY_PROPERTY = "tally"
#: a MENTIONS link's copy of what its document claims about the node (JSON text)
CLAIM_PROPERTY = "claim"
#: a link's confidence per document, parallel to its ``doc_ids``
CONFIDENCES_PROPERTY = "doc_confidences"
#: the keys a node is found by when a build resolves a name (computed by the build from
#: the node's names, indexed by the store; never shown or exported)
NAME_KEYS_PROPERTY = "name_keys"
#: a link's article dates (see :mod:`minegraph.graph.dates`), parallel to its ``doc_ids``
DATES_PROPERTY = "doc_dates"
#: every stored property that only builds need (readers of the graph leave them out)
CLAIM_PROPERTIES = (SOURCES_PROPERTY, TALLY_PROPERTY, CLAIM_PROPERTY, CONFIDENCES_PROPERTY, DATES_PROPERTY,
                    NAME_KEYS_PROPERTY)
#: the key of a claim that holds its article's date (YYYY-MM-DD)
SEEN = "seen"
#: what a node or link shows of when it was seen: the earliest and latest date of the
#: articles that support it, and their number (computed from the claims' dates)
WHEN_PROPERTIES = ("first_seen", "last_seen", "articles")
#: an agreement's statuses in the order they were first stated, and the date of each
STATUS_HISTORY = ("status_history", "status_dates")
#: properties a Document gets outside its claim (near-duplicate copies of its story)
DOCUMENT_EXTRA = ("source_urls", "source_outlets", "source_dates", "copies")
#: names a claim's properties may not take: what the store, the exports and the
#: ledger keep under them themselves
RESERVED_PROPERTIES = frozenset({
    *CLAIM_PROPERTIES, *DOCUMENT_EXTRA, "id", "name", "aliases", "label", "labels", "type", "node_type", "rel_type",
    "weight", "evidence", "evidence_doc_ids", "doc_ids", "mentions", "confidence", "derived", "minhash",
    *evidence.RECORD_PROPERTIES,
})
#: supporting sentences kept per relationship and document (a long document repeating a
#: fact a thousand times should not carry a thousand sentences)
EVIDENCE_PER_DOCUMENT = 20


#: visible properties computed from the claims, never part of one
_COMPUTED = frozenset(WHEN_PROPERTIES + STATUS_HISTORY)


class OntologyError(ValueError):
    """A label or relationship type outside the ontology, or a disallowed endpoint."""


class ProvenanceError(ValueError):
    """A stored node or link whose claims are not minegraph's (edited by a query?)."""


def _stored_claims(props: dict[str, Any], what: str, compact: bool = False) -> dict[str, Any]:
    """The per-document claims kept in ``props``; raises :class:`ProvenanceError` naming
    ``what`` when they are not a JSON object of objects (so nothing is written from them)."""
    raw = props.pop(SOURCES_PROPERTY, None)
    if raw is None or raw == "":
        return {}
    try:
        claims = json.loads(raw) if isinstance(raw, str) else None
    except json.JSONDecodeError:
        claims = None
    kinds = (dict, int, float) if compact else (dict,)
    if not isinstance(claims, dict) or not all(
            isinstance(c, kinds) and not isinstance(c, bool) for c in claims.values()):
        raise ProvenanceError(
            f"{what} has a {SOURCES_PROPERTY!r} property that is not minegraph's claims (changed by a "
            f"--write query?); restore it or remove the property with a query, then build again")
    return claims


def check_label(label: str) -> str:
    """Return ``label`` if it is in the ontology; labels reach Cypher text only this way."""
    if label not in LABELS:
        raise OntologyError(f"unknown node label {label!r}")
    return label


def check_type(rel_type: str) -> str:
    """Return ``rel_type`` if it is in the ontology; types reach Cypher text only this way."""
    if rel_type not in RELATIONSHIP_TYPES:
        raise OntologyError(f"unknown relationship type {rel_type!r}")
    return rel_type


def allowed(rel_type: str, source_label: str, target_label: str) -> bool:
    """Whether the ontology allows ``source_label -[rel_type]-> target_label``."""
    sources, targets = RELATIONSHIP_TYPES[check_type(rel_type)]
    return source_label in sources and target_label in targets


# --- nodes and relationships ------------------------------------------------------------


def _freeze(value: Any) -> Any:
    """A hashable stand-in for a property value, for counting votes."""
    if isinstance(value, list):
        return tuple(_freeze(v) for v in value)
    if isinstance(value, dict):
        return tuple(sorted((k, _freeze(v)) for k, v in value.items()))
    return value


def _thaw(value: Any) -> Any:
    return [_thaw(v) for v in value] if isinstance(value, tuple) else value


class _Claims:
    """Per-document claims (``sources``: doc id -> what that document says)."""

    __slots__ = ()
    sources: dict[str, dict[str, Any]]

    def set_claim(self, doc_id: str, claim: dict[str, Any]) -> None:
        self.sources[doc_id] = claim

    def drop_claim(self, doc_id: str) -> None:
        del self.sources[doc_id]


def _clean(props: dict[str, Any]) -> dict[str, Any]:
    """Drop empty values: graph stores cannot hold null properties."""
    return {k: v for k, v in props.items() if v is not None and v != [] and v != ""}


class Tally:
    """Running totals over a node's claims, small enough to read and rewrite per batch:
    how many documents claim the node, how many use each name and surface form, and per
    property each value's number of documents and latest (highest id) document, for a
    dated claim (:data:`STATED_PROPERTY`) its latest statement, and the dates of the
    claims' articles (``seen``): how many articles of each date, and per ``status`` value
    the same, so when each status was first stated stays known.

    One document's claim can be added or taken back without the others; only when the
    document taken back was a value's latest supporter and others still give the value
    do the totals not say which is now latest (:meth:`subtract` returns False: count
    again from the claims).
    """

    __slots__ = ("docs", "names", "forms", "votes", "seen", "status_seen")

    def __init__(self) -> None:
        self.docs = 0
        self.names: Counter[str] = Counter()
        self.forms: Counter[str] = Counter()
        #: key -> frozen value -> [count, latest doc, latest (stated date, doc) or None]
        self.votes: dict[str, dict[Any, list[Any]]] = {}
        self.seen: Counter[str] = Counter()  # article date -> number of claims of that date
        self.status_seen: dict[Any, Counter[str]] = {}  # frozen status -> article date -> claims

    @classmethod
    def of(cls, claims: dict[str, dict[str, Any]]) -> Tally:
        tally = cls()
        for doc_id, claim in claims.items():
            tally.add(doc_id, claim)
        return tally

    def add(self, doc_id: str, claim: dict[str, Any]) -> None:
        self.docs += 1
        self.names[claim.get("name", "")] += 1
        self.forms.update(claim.get("aliases", ()))
        stated = claim.get(STATED_PROPERTY)
        for key, value in claim.get("props", {}).items():
            entry = self.votes.setdefault(key, {}).setdefault(_freeze(value), [0, doc_id, None])
            entry[0] += 1
            entry[1] = max(entry[1], doc_id)
            if stated is not None and key in LATEST_STATED:
                mark = (str(stated), doc_id)
                entry[2] = mark if entry[2] is None else max(entry[2], mark)
        seen = claim.get(SEEN)
        if seen:
            self.seen[seen] += 1
            status = claim.get("props", {}).get("status")
            if status is not None:
                self.status_seen.setdefault(_freeze(status), Counter())[seen] += 1

    def subtract(self, doc_id: str, claim: dict[str, Any]) -> bool:
        """Take ``doc_id``'s claim back; False when the totals can no longer tell a
        value's latest document (recount from the claims then)."""
        exact = True
        self.docs -= 1
        self.names[claim.get("name", "")] -= 1
        self.forms.subtract(claim.get("aliases", ()))
        self.names, self.forms = +self.names, +self.forms  # drop counts at zero
        seen = claim.get(SEEN)
        if seen:
            self.seen[seen] -= 1
            self.seen = +self.seen
            status = claim.get("props", {}).get("status")
            dates = self.status_seen.get(_freeze(status)) if status is not None else None
            if dates is not None:
                dates[seen] -= 1
                dates = +dates
                if dates:
                    self.status_seen[_freeze(status)] = dates
                else:
                    del self.status_seen[_freeze(status)]
        for key, value in claim.get("props", {}).items():
            values = self.votes.get(key, {})
            entry = values.get(_freeze(value))
            if entry is None:
                return False
            entry[0] -= 1
            if entry[0] <= 0:
                del values[_freeze(value)]
                if not values:
                    del self.votes[key]
            elif entry[1] == doc_id or (entry[2] is not None and entry[2][1] == doc_id):
                exact = False
        return exact

    def visible(self) -> tuple[str, list[str], dict[str, Any]]:
        """Name, aliases and props, by the rules of :meth:`Node.refresh`, with when the
        node was seen (:data:`WHEN_PROPERTIES`) and an agreement's status history
        (:data:`STATUS_HISTORY`)."""
        names = self.names
        name = sorted(names, key=lambda n: (-names[n], -len(n), n))[0]
        aliases = sorted((set(self.forms) | set(names)) - {name})
        props: dict[str, Any] = {}
        for key, values in self.votes.items():
            stated = [(mark, v) for v, (_, _, mark) in values.items() if mark is not None]
            if stated:  # the latest statement wins (see STATED_PROPERTY)
                props[key] = _thaw(max(stated)[1])
                continue
            top = max(n for n, _, _ in values.values())
            winners = [v for v, (n, _, _) in values.items() if n == top]
            latest = max(values.items(), key=lambda item: item[1][1])[0]
            props[key] = _thaw(latest if latest in winners else min(winners, key=repr))
        return name, aliases, {**props, **self.when()}

    def when(self) -> dict[str, Any]:
        """``first_seen``, ``last_seen`` (when the claims are dated) and ``articles``;
        with dated statuses, each status in the order it was first stated
        (``status_history``) and that first date (``status_dates``)."""
        when: dict[str, Any] = {"articles": self.docs}
        if self.seen:
            when.update(first_seen=min(self.seen), last_seen=max(self.seen))
        if self.status_seen:
            firsts = sorted((min(dates), repr(_thaw(status)), _thaw(status))
                            for status, dates in self.status_seen.items())
            when.update(status_history=[status for _, _, status in firsts],
                        status_dates=[date for date, _, _ in firsts])
        return when

    def to_json(self) -> str:
        votes = {key: sorted([_thaw(v), n, doc, *([list(mark)] if mark else [])]
                             for v, (n, doc, mark) in values.items())
                 for key, values in sorted(self.votes.items())}
        data: dict[str, Any] = {"docs": self.docs, "names": dict(sorted(self.names.items())),
                                "forms": dict(sorted(self.forms.items())), "votes": votes}
        if self.seen:
            data[SEEN] = dict(sorted(self.seen.items()))
        if self.status_seen:
            data["status_seen"] = sorted([_thaw(status), dict(sorted(dates.items()))]
                                         for status, dates in self.status_seen.items())
        return json.dumps(data, ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_json(cls, raw: Any, what: str) -> Tally:
        """The totals stored as ``raw``; raises :class:`ProvenanceError` naming ``what``
        when they are not minegraph's (so nothing is written from them).  Totals written
        before claims were dated have no dates."""
        tally = cls()
        try:
            data = json.loads(raw)
            tally.docs = int(data["docs"])
            tally.names = Counter({str(k): int(v) for k, v in data["names"].items()})
            tally.forms = Counter({str(k): int(v) for k, v in data["forms"].items()})
            for key, entries in data["votes"].items():
                tally.votes[str(key)] = {
                    _freeze(v): [int(n), str(doc), (str(mark[0][0]), str(mark[0][1])) if mark else None]
                    for v, n, doc, *mark in entries}
            tally.seen = Counter({str(k): int(v) for k, v in data.get(SEEN, {}).items()})
            for status, dates in data.get("status_seen", []):
                tally.status_seen[_freeze(status)] = Counter({str(k): int(v) for k, v in dates.items()})
            if tally.docs < 1 or not tally.names:
                raise ValueError
        except (TypeError, ValueError, KeyError, AttributeError):
            raise ProvenanceError(
                f"{what} has a {TALLY_PROPERTY!r} property that is not minegraph's (changed by a --write "
                f"query?); remove the node with a query and build its articles again") from None
        return tally

    def dated(self) -> bool:
        """Whether the totals know their claims' dates (not so in a store written before)."""
        return sum(self.seen.values()) == self.docs


def _claim_json(claim: dict[str, Any]) -> str:
    return json.dumps(claim, sort_keys=True, ensure_ascii=False)


def parse_claim(raw: Any, what: str) -> dict[str, Any]:
    """A claim stored as JSON text (a MENTIONS link's); :class:`ProvenanceError` when not one."""
    try:
        claim = json.loads(raw) if isinstance(raw, str) else None
    except json.JSONDecodeError:
        claim = None
    if not isinstance(claim, dict):
        raise ProvenanceError(
            f"{what} has a {CLAIM_PROPERTY!r} property that is not minegraph's (changed by a --write "
            f"query?); remove its document and build it again")
    return claim


@dataclass(slots=True)
class Node(_Claims):
    """An entity.  ``props`` are label-specific properties (``iso2``, ``status``, ...)."""

    id: str
    label: str
    name: str
    aliases: list[str] = field(default_factory=list)
    props: dict[str, Any] = field(default_factory=dict)
    sources: dict[str, dict[str, Any]] = field(default_factory=dict)
    _tally: Tally | None = field(default=None, compare=False, repr=False)

    def __post_init__(self) -> None:
        check_label(self.label)

    def claim(self) -> dict[str, Any]:
        """What a single document says about this node (with when it said it, for a node
        whose extraction dated it: see :data:`STATED_PROPERTY`; not when it was seen: that
        follows from the claims' dates)."""
        props = {k: v for k, v in self.props.items() if k not in _COMPUTED}
        stated = props.pop(STATED_PROPERTY, None)
        claim = _clean({"name": self.name, "aliases": sorted(set(self.aliases)), "props": _clean(props)})
        if stated is not None:
            claim[STATED_PROPERTY] = str(stated)
        return claim

    def set_claim(self, doc_id: str, claim: dict[str, Any]) -> None:
        if doc_id in self.sources:
            self._tally = None  # a replaced claim: count afresh at the next refresh
        _Claims.set_claim(self, doc_id, claim)
        if self._tally is not None:
            self._tally.add(doc_id, claim)

    def drop_claim(self, doc_id: str) -> None:
        _Claims.drop_claim(self, doc_id)
        self._tally = None

    def refresh(self) -> None:
        """Recompute name, aliases and props from the per-document claims.

        The name is the one most documents use (ties: the longest, then alphabetical);
        aliases are every other surface form; a property takes the value most documents
        give (ties: the value from the latest document id, else the first in sort order).
        The counts are kept as claims arrive, so a node that thousands of articles
        mention is not recounted after every batch.
        """
        if not self.sources:
            return
        if self._tally is None:
            self._tally = Tally.of(self.sources)
        self.name, self.aliases, self.props = self._tally.visible()

    def properties(self) -> dict[str, Any]:
        """All stored properties, ready for a ``SET n = $props``: the visible ones and,
        for an entity, the running totals of its claims (each claim itself is stored on
        its document's MENTIONS link, see :meth:`Graph.stored_properties`)."""
        props = {**self.props, "id": self.id, "name": self.name, "aliases": list(self.aliases)}
        if self.label != "Document" and (self.sources or self._tally is not None):
            props[TALLY_PROPERTY] = (self._tally or Tally.of(self.sources)).to_json()
        return props


@dataclass(slots=True)
class Relationship(_Claims):
    """A typed link between two node ids with its provenance.

    ``props`` carry ``evidence`` (supporting sentences), ``evidence_doc_ids`` (the
    document of each sentence), ``doc_ids``, ``confidence`` and ``mentions``; a link
    computed rather than read has ``derived: True``.
    """

    source: str
    type: str
    target: str
    props: dict[str, Any] = field(default_factory=dict)
    sources: dict[str, dict[str, Any]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        check_type(self.type)

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.source, self.type, self.target)

    def claim(self) -> dict[str, Any]:
        """What a single document says about this link: its sentences and confidence."""
        evidence = list(dict.fromkeys(self.props.get("evidence", [])))[:EVIDENCE_PER_DOCUMENT]
        return {"evidence": evidence, "confidence": float(self.props.get("confidence", 0.5))}

    def refresh(self) -> None:
        """Recompute evidence, doc ids, mentions and confidence from the claims.

        Confidence combines independent documents: ``1 - prod(1 - c)``.
        """
        if not self.sources:
            return
        evidence: list[str] = []
        evidence_docs: list[str] = []
        doubt = 1.0
        for doc_id in sorted(self.sources):
            claim = self.sources[doc_id]
            for sentence in claim.get("evidence", []):
                evidence.append(sentence)
                evidence_docs.append(doc_id)
            doubt *= 1.0 - float(claim.get("confidence", 0.5))
        extra = {k: v for k, v in self.props.items()
                 if k not in {"evidence", "evidence_doc_ids", "doc_ids", "confidence", "mentions", *WHEN_PROPERTIES}}
        self.props = {
            **extra,
            "evidence": evidence,
            "evidence_doc_ids": evidence_docs,
            "doc_ids": sorted(self.sources),
            "mentions": max(len(evidence), len(self.sources)),
            "confidence": round(1.0 - doubt, 4),
            "articles": len(self.sources),
        }
        dates = [claim[SEEN] for claim in self.sources.values() if claim.get(SEEN)]
        if dates:
            self.props.update(first_seen=min(dates), last_seen=max(dates))

    def properties(self) -> dict[str, Any]:
        """All stored properties.  Each document's sentences are in ``evidence`` /
        ``evidence_doc_ids`` already, so its claim needs only its confidence, kept in
        ``doc_confidences`` parallel to ``doc_ids`` (so one article can be appended or
        taken back on the server); a MENTIONS link keeps instead its document's claim on
        the node (see :meth:`Graph.stored_properties`)."""
        props = dict(self.props)
        if self.sources and self.type != "MENTIONS":
            props[CONFIDENCES_PROPERTY] = [float(self.sources[doc].get("confidence", 0.5))
                                           for doc in sorted(self.sources)]
            if all(claim.get(SEEN) for claim in self.sources.values()):
                props[DATES_PROPERTY] = [self.sources[doc][SEEN] for doc in sorted(self.sources)]
        return _clean(props) | ({"derived": True} if props.get("derived") else {})

    @classmethod
    def from_lists(cls, source: str, rel_type: str, target: str, props: dict[str, Any], what: str) -> Relationship:
        """A link as stored with ``doc_confidences`` (removed from ``props``), its claims
        rebuilt from the parallel lists and its visible properties recomputed, so they
        come out in canonical order (by document id) whatever order articles came in."""
        confidences = props.pop(CONFIDENCES_PROPERTY)
        dates = props.pop(DATES_PROPERTY, None)
        docs = props.get("doc_ids") or []
        if (not isinstance(confidences, list) or not isinstance(docs, list) or len(confidences) != len(docs)
                or not all(isinstance(c, (int, float)) and not isinstance(c, bool) for c in confidences)):
            raise ProvenanceError(
                f"{what} has a {CONFIDENCES_PROPERTY!r} property that is not minegraph's (changed by a --write "
                f"query?); remove the link with a query and build its articles again")
        if dates is not None and (not isinstance(dates, list) or len(dates) != len(docs)
                                  or not all(isinstance(d, str) for d in dates)):
            raise ProvenanceError(
                f"{what} has a {DATES_PROPERTY!r} property that is not minegraph's (changed by a --write "
                f"query?); remove the link with a query and build its articles again")
        sentences: dict[str, list[str]] = {}
        for sentence, doc in zip(props.get("evidence") or [], props.get("evidence_doc_ids") or [], strict=False):
            sentences.setdefault(doc, []).append(sentence)
        sources = {doc: {"evidence": sentences.get(doc, []), "confidence": float(c)}
                   for doc, c in zip(docs, confidences, strict=True)}
        for doc, date in zip(docs, dates or [], strict=False):
            sources[doc][SEEN] = date
        rel = cls(source, rel_type, target, props, sources)
        rel.refresh()
        rel.props = _clean(rel.props)
        return rel

    @staticmethod
    def stored_claims(rel_type: str, props: dict[str, Any], what: str) -> dict[str, dict[str, Any]]:
        """The claims :meth:`properties` stored, back from ``props`` (``provenance`` is
        removed from them).  Claims written in full by earlier versions read as they are."""
        if rel_type == "MENTIONS" and SOURCES_PROPERTY not in props:
            return {doc: {"evidence": [], "confidence": 1.0} for doc in props.get("doc_ids", [])}
        claims = _stored_claims(props, what, compact=True)
        if claims and not isinstance(next(iter(claims.values())), dict):
            sentences: dict[str, list[str]] = {}
            for sentence, doc in zip(props.get("evidence", []), props.get("evidence_doc_ids", []), strict=False):
                sentences.setdefault(doc, []).append(sentence)
            claims = {doc: {"evidence": sentences.get(doc, []), "confidence": float(confidence)}
                      for doc, confidence in claims.items()}
        return claims


def _canonical_lists(props: dict[str, Any]) -> dict[str, Any]:
    """A link's visible lists in canonical order, as :meth:`Relationship.refresh` makes
    them: ``doc_ids`` sorted, each sentence with its document, by document (in its
    article's order).  A store appends in build order, so after a ``remove`` and a
    rebuild the stored order differs from a clean build's; a reader sees the same."""
    docs, evidence, evidence_docs = props.get("doc_ids"), props.get("evidence"), props.get("evidence_doc_ids")
    if isinstance(docs, list) and all(isinstance(d, str) for d in docs):
        props["doc_ids"] = sorted(docs)
    if (isinstance(evidence, list) and isinstance(evidence_docs, list) and len(evidence) == len(evidence_docs)
            and all(isinstance(d, str) for d in evidence_docs)):
        order = sorted(range(len(evidence)), key=lambda i: evidence_docs[i])
        props["evidence"] = [evidence[i] for i in order]
        props["evidence_doc_ids"] = [evidence_docs[i] for i in order]
    return props


@dataclass
class Graph:
    """Nodes by id and relationships by ``(source, type, target)``."""

    nodes: dict[str, Node] = field(default_factory=dict)
    relationships: dict[tuple[str, str, str], Relationship] = field(default_factory=dict)
    #: labels of nodes :meth:`retract` deleted, so a store can delete them too
    removed_labels: dict[str, str] = field(default_factory=dict, compare=False, repr=False)
    #: doc id -> the node ids and relationship keys it has claims on (built on first use)
    _claims: dict[str, tuple[set[str], set[tuple[str, str, str]]]] | None = field(
        default=None, compare=False, repr=False)
    _unsettled: tuple[set[str], set[tuple[str, str, str]]] = field(
        default_factory=lambda: (set(), set()), compare=False, repr=False)
    #: ids of nodes :meth:`absorb` created, in order (indexes follow it incrementally)
    created: list[str] = field(default_factory=list, compare=False, repr=False)

    def _claims_of(self, doc_id: str) -> tuple[set[str], set[tuple[str, str, str]]]:
        """What ``doc_id`` claims, from an index kept up to date by absorb and retract, so
        neither walks the whole graph (that would make a build quadratic)."""
        if self._claims is None:
            self._claims = {}
            for node_id, node in self.nodes.items():
                for doc in node.sources:
                    self._claims.setdefault(doc, (set(), set()))[0].add(node_id)
            for key, rel in self.relationships.items():
                for doc in rel.sources:
                    self._claims.setdefault(doc, (set(), set()))[1].add(key)
        return self._claims.setdefault(doc_id, (set(), set()))

    # part of a stored graph in memory --------------------------------------------------
    @classmethod
    def outline(cls) -> Graph:
        """An empty graph meant to hold the outline of a stored one (nodes without
        claims): its index of claims starts empty instead of being built from them."""
        return cls(_claims={})

    # building -----------------------------------------------------------------------
    def add_node(self, node: Node) -> Node:
        """Add ``node``, or fold its name and aliases into the node already there."""
        existing = self.nodes.get(node.id)
        if existing is None:
            self.nodes[node.id] = node
            return node
        existing.aliases = sorted(set(existing.aliases) | set(node.aliases) | {node.name} - {existing.name})
        for key, value in node.props.items():
            existing.props.setdefault(key, value)
        return existing

    def add_relationship(self, rel: Relationship) -> Relationship | None:
        """Add ``rel`` if the ontology allows it; repeated links gain evidence.

        Returns the stored relationship, or None when it was refused (unknown endpoint,
        disallowed endpoint labels, or a self-loop).
        """
        src, dst = self.nodes.get(rel.source), self.nodes.get(rel.target)
        if src is None or dst is None or rel.source == rel.target:
            return None
        if not allowed(rel.type, src.label, dst.label):
            return None
        existing = self.relationships.get(rel.key)
        if existing is None:
            self.relationships[rel.key] = rel
            return rel
        sentences = existing.props.setdefault("evidence", [])
        for sentence in rel.props.get("evidence", []):
            if len(sentences) >= EVIDENCE_PER_DOCUMENT:
                break
            if sentence not in sentences:
                sentences.append(sentence)
        existing.props["confidence"] = max(float(existing.props.get("confidence", 0.0)),
                                           float(rel.props.get("confidence", 0.0)))
        return existing

    # per-document claims --------------------------------------------------------------
    def absorb(self, doc_id: str, doc_graph: Graph, *, settle: bool = True
               ) -> tuple[set[str], set[tuple[str, str, str]]]:
        """Merge one document's extracted graph as the claims of ``doc_id``.

        Any earlier claims of ``doc_id`` are replaced.  Returns the ids of nodes and the
        keys of relationships that changed, so a store can write only those.  With
        ``settle=False`` the visible properties are recomputed only at the next
        :meth:`settle` (a build settles once per batch: a node a thousand articles
        mention is then not recomputed a thousand times).
        """
        touched_nodes, touched_rels = self.retract(doc_id, settle=False)
        claimed_nodes, claimed_rels = self._claims_of(doc_id)
        for node in doc_graph.nodes.values():
            mine = self.nodes.get(node.id)
            if mine is None:
                mine = self.nodes[node.id] = Node(node.id, node.label, node.name)
                self.created.append(node.id)
            mine.set_claim(doc_id, node.claim())
            touched_nodes.add(node.id)
            claimed_nodes.add(node.id)
        for key, rel in doc_graph.relationships.items():
            mine_rel = self.relationships.get(key)
            if mine_rel is None:
                extra = {k: v for k, v in rel.props.items() if k not in ("evidence", "confidence")}
                mine_rel = self.relationships[key] = Relationship(rel.source, rel.type, rel.target, extra)
            mine_rel.set_claim(doc_id, rel.claim())
            touched_rels.add(key)
            claimed_rels.add(key)
        self._unsettled[0].update(touched_nodes)
        self._unsettled[1].update(touched_rels)
        if settle:
            self.settle()
        return touched_nodes, touched_rels

    def retract(self, doc_id: str, *, settle: bool = True) -> tuple[set[str], set[tuple[str, str, str]]]:
        """Remove everything only ``doc_id`` supported; returns what changed.

        Nodes and relationships that no document supports any more are deleted (so they
        appear in the returned sets but no longer in the graph).
        """
        claimed_nodes, claimed_rels = self._claims_of(doc_id)
        touched_rels: set[tuple[str, str, str]] = set()
        touched_nodes: set[str] = set()
        for key in claimed_rels:
            rel = self.relationships.get(key)
            if rel is None or doc_id not in rel.sources:
                continue
            rel.drop_claim(doc_id)
            touched_rels.add(key)
            if not rel.sources:
                del self.relationships[key]
        for node_id in claimed_nodes:
            node = self.nodes.get(node_id)
            if node is None or doc_id not in node.sources:
                continue
            node.drop_claim(doc_id)
            touched_nodes.add(node_id)
            if not node.sources:
                del self.nodes[node_id]
                self.removed_labels[node_id] = node.label
        # a link another document still supports never outlives its endpoints, since that
        # document claims both; this guards graphs read from elsewhere
        for key in [k for k in claimed_rels if k in self.relationships
                    and (k[0] not in self.nodes or k[2] not in self.nodes)]:
            del self.relationships[key]
            touched_rels.add(key)
        claimed_nodes.clear()
        claimed_rels.clear()
        self._unsettled[0].update(touched_nodes)
        self._unsettled[1].update(touched_rels)
        if settle:
            self.settle()
        return touched_nodes, touched_rels

    def settle(self) -> None:
        """Recompute the visible properties of everything claimed since the last settle."""
        node_ids, rel_keys = self._unsettled
        for node_id in node_ids:
            node = self.nodes.get(node_id)
            if node is not None:
                node.refresh()
        for key in rel_keys:
            rel = self.relationships.get(key)
            if rel is not None:
                rel.refresh()
        node_ids.clear()
        rel_keys.clear()

    # reading --------------------------------------------------------------------------
    def by_label(self, label: str) -> list[Node]:
        return [n for n in self.nodes.values() if n.label == label]

    def edges(self, rel_type: str | None = None) -> Iterable[Relationship]:
        return (r for r in self.relationships.values() if rel_type is None or r.type == rel_type)

    def to_networkx(self, include_documents: bool = True):  # -> nx.MultiDiGraph
        """The graph as a ``networkx.MultiDiGraph`` (node attrs: label, name, aliases, props)."""
        import networkx as nx

        g = nx.MultiDiGraph()
        for node in self.nodes.values():
            if node.label == "Document" and not include_documents:
                continue
            g.add_node(node.id, label=node.label, name=node.name, aliases=list(node.aliases), **node.props)
        for rel in self.relationships.values():
            if rel.source in g and rel.target in g:
                g.add_edge(rel.source, rel.target, key=rel.type, type=rel.type, **rel.props)
        return g

    def stored_properties(self, rel: Relationship) -> dict[str, Any]:
        """``rel.properties()`` plus, on a MENTIONS link, its document's claim on the node
        (the per-document record of a node's claims)."""
        props = rel.properties()
        if rel.type == "MENTIONS":
            target = self.nodes.get(rel.target)
            claim = target.sources.get(rel.source) if target is not None else None
            if claim is not None:
                props[CLAIM_PROPERTY] = _claim_json(claim)
        return props

    @classmethod
    def from_records(cls, nodes: Iterable[tuple[str, dict[str, Any]]],
                     relationships: Iterable[tuple[str, str, str, dict[str, Any]]],
                     overflow: evidence.Overflow | None = None) -> Graph:
        """Rebuild a graph from stored records: ``(label, props)`` and ``(src, type, dst, props)``.

        Each link gets back every sentence: its sample and what its articles keep (read
        from the MENTIONS links among ``relationships``, or given as ``overflow`` when
        those were read without it; see :mod:`minegraph.graph.evidence`).

        Each node's claims come from its MENTIONS links (``claim``), each link's from its
        parallel lists; stores written before running totals (``provenance`` JSON) read
        as they are.  The running totals (``tally``) are left out: they follow from the
        claims."""
        graph = cls()
        saw_claims = False
        for label, props in nodes:
            props = dict(props)
            props.pop(NAME_KEYS_PROPERTY, None)
            what = f"{label} node {props.get('id')!r}"
            sources = _stored_claims(props, what)
            tally = Tally.from_json(props.pop(TALLY_PROPERTY), what) if TALLY_PROPERTY in props else None
            saw_claims = saw_claims or tally is not None
            node = Node(props.pop("id"), label, props.pop("name", ""), list(props.pop("aliases", []) or []),
                        props, sources, _tally=tally)  # the totals, for a node no MENTIONS link claims
            graph.nodes[node.id] = node
        claims: list[tuple[str, str, dict[str, Any]]] = []
        relationships = [(src, rel_type, dst, dict(props)) for src, rel_type, dst, props in relationships]
        overflow = dict(overflow or {})  # the sentences articles keep, beside each link's sample
        for src, rel_type, dst, props in relationships:
            if rel_type == "MENTIONS":
                props.pop(evidence.LINKS_PROPERTY, None)
                overflow.update(evidence.overflow_of(src, dst, props.pop(evidence.MORE_PROPERTY, None)))
        for src, rel_type, dst, props in relationships:
            what = f"relationship ({src!r})-[:{rel_type}]->({dst!r})"
            if rel_type != "MENTIONS":
                props = evidence.complete(src, rel_type, dst, props, overflow)
            if rel_type == "MENTIONS" and CLAIM_PROPERTY in props:
                claims.append((src, dst, parse_claim(props.pop(CLAIM_PROPERTY), what)))
                saw_claims = True
            if CONFIDENCES_PROPERTY in props:
                rel = Relationship.from_lists(src, rel_type, dst, props, what)
                saw_claims = True
            else:
                sources = Relationship.stored_claims(rel_type, props, what)
                rel = Relationship(src, rel_type, dst, _canonical_lists(props), sources)
            graph.relationships[rel.key] = rel
        for doc, node_id, claim in sorted(claims):
            claimed = graph.nodes.get(node_id)
            if claimed is not None:
                claimed.sources[doc] = claim
                claimed._tally = None  # follows from the claims
        if saw_claims:  # a Document's claim is what it shows
            for node in graph.nodes.values():
                if node.label == "Document" and not node.sources:
                    shown = {k: v for k, v in node.props.items() if k not in DOCUMENT_EXTRA}
                    node.sources[node.id] = Node(node.id, "Document", node.name, node.aliases, shown).claim()
        return graph
