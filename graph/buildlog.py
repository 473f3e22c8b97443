"""The build log: every change to a store's articles, numbered, kept in the store.

Each ``build``, ``load``, ``remove`` (and each re-reading after a curation decision)
that changes the store's articles is one :class:`BuildEntry`, stored as a node
labelled ``Build`` (:data:`minegraph.graph.model.BUILD_LABEL`; not part of the graph of
facts: readers of the graph, exports and counts leave it out) with its number, when it
started and finished, the day it counts undated articles by, and the documents it
added, replaced, removed or re-read, with the entities it left without any article.
A build that changed nothing is not logged.

``minegraph changes`` (:mod:`minegraph.graph.changes`) compares the store with the
store as it was before chosen builds using this log.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from typing import Any

from minegraph.graph import reads
from minegraph.graph.model import BUILD_LABEL, ENTITY_LABELS, check_label
from minegraph.graph.store import GraphStore

#: what a log entry's documents are: lists of document ids on the Build node
DOCUMENT_LISTS = ("added", "replaced", "removed", "reread")

_NEXT = f"MATCH (b:{BUILD_LABEL}) RETURN max(b.number)"
_WRITE = f"MERGE (b:{BUILD_LABEL} {{id: $id}}) SET b = $props"
_READ = (f"MATCH (b:{BUILD_LABEL}) RETURN b.number, b.command, b.started, b.finished, b.date, b.added, "
         "b.replaced, b.removed, b.reread, b.removed_titles, b.gone_ids, b.gone_labels, b.gone_names "
         "ORDER BY b.number")


def now() -> str:
    """The current time, UTC, to the second (ISO 8601 with ``Z``)."""
    return _dt.datetime.now(_dt.timezone.utc).replace(microsecond=0).isoformat().replace("+00:00", "Z")


@dataclass
class BuildEntry:
    """One logged build: ``number``, ``command`` (build, load, remove, curate), when it
    ``started`` and ``finished`` (UTC, ISO 8601; ``finished`` None while it runs or when
    it was interrupted), the ``date`` undated articles count by, the document ids it
    ``added``, ``replaced``, ``removed`` (with their titles) or ``reread``, and the
    entities it left without any article (``gone``: id, label, name)."""

    number: int
    command: str
    started: str
    date: str
    finished: str | None = None
    added: list[str] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    reread: list[str] = field(default_factory=list)
    removed_titles: list[str] = field(default_factory=list)
    gone: list[tuple[str, str, str]] = field(default_factory=list)

    @property
    def id(self) -> str:
        return f"build:{self.number}"

    @property
    def documents(self) -> list[str]:
        """The documents whose current text this build wrote (added or replaced)."""
        return [*self.added, *self.replaced]

    def changed(self) -> bool:
        return any(getattr(self, name) for name in DOCUMENT_LISTS)

    def properties(self) -> dict[str, Any]:
        props: dict[str, Any] = {
            "id": self.id, "name": f"Build {self.number}", "number": self.number, "command": self.command,
            "started": self.started, "date": self.date, "finished": self.finished,
            **{name: list(getattr(self, name)) for name in DOCUMENT_LISTS},
            "removed_titles": list(self.removed_titles),
            "gone_ids": [g[0] for g in self.gone], "gone_labels": [g[1] for g in self.gone],
            "gone_names": [g[2] for g in self.gone],
        }
        return {k: v for k, v in props.items() if v is not None and v != []}

    def summary(self) -> str:
        counts = [f"{len(getattr(self, name))} {name}" for name in DOCUMENT_LISTS if getattr(self, name)]
        when = self.finished or f"{self.started} (did not finish)"
        return f"build {self.number} ({self.command}, {when}): {', '.join(counts) or 'nothing'}"


def next_number(store: GraphStore) -> int:
    """The number the next build gets (1 for a store never logged)."""
    [[last]] = reads.rows(store, _NEXT)
    return int(last or 0) + 1


def begin(store: GraphStore, command: str, date: str) -> BuildEntry:
    """A new entry for a build that starts now (written at its first :func:`record`)."""
    return BuildEntry(next_number(store), command, now(), date)


def record(store: GraphStore, entry: BuildEntry, *, finished: bool = False) -> None:
    """Write ``entry`` as it stands (and, with ``finished``, mark it done), when it
    changed anything."""
    if finished:
        entry.finished = now()
    if entry.changed():
        store.query(_WRITE, {"id": entry.id, "props": entry.properties()}, write=True, timeout=None)


def read_builds(store: GraphStore) -> list[BuildEntry]:
    """Every logged build, oldest first."""
    entries = []
    for (number, command, started, finished, date, added, replaced, removed, reread, titles, gone_ids, gone_labels,
         gone_names) in reads.rows(store, _READ):
        gone = list(zip(gone_ids or [], gone_labels or [], gone_names or [], strict=False))
        entries.append(BuildEntry(int(number), command or "build", started or "", date or "", finished,
                                  list(added or []), list(replaced or []), list(removed or []), list(reread or []),
                                  list(titles or []), gone))
    return entries


# --- what a removal takes away ------------------------------------------------------------

_MENTIONED = ("MATCH (d:Document {id: $id}) OPTIONAL MATCH (d)-[:MENTIONS]->(n) "
              "RETURN coalesce(d.title, d.name) AS title, n.id AS id, labels(n)[0] AS label, n.name AS name")


def still_there(label: str) -> str:
    """Which of ``$ids`` are stored nodes of ``label`` (through its id index)."""
    return f"UNWIND $ids AS id MATCH (n:{check_label(label)} {{id: id}}) RETURN n.id"


def before_removal(store: GraphStore, doc_id: str) -> tuple[str, list[tuple[str, str, str]]]:
    """The title of the stored article ``doc_id`` and what it mentions (id, label, name),
    read before it is removed so its log entry can name them."""
    title, mentioned = doc_id, []
    for found_title, node_id, label, name in reads.rows(store, _MENTIONED, {"id": doc_id}):
        title = found_title or doc_id
        if node_id is not None:
            mentioned.append((node_id, label or "", name or ""))
    return title, mentioned


def gone_after(store: GraphStore, mentioned: list[tuple[str, str, str]]) -> list[tuple[str, str, str]]:
    """Those of ``mentioned`` that are no longer stored."""
    by_label: dict[str, list[str]] = {}
    for node_id, label, _name in mentioned:
        by_label.setdefault(label, []).append(node_id)
    there = {node_id for label, ids in sorted(by_label.items()) if label in ENTITY_LABELS
             for [node_id] in reads.rows(store, still_there(label), {"ids": ids})}
    return sorted(m for m in mentioned if m[0] not in there)
