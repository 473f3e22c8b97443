"""Curation: a person's corrections to what extraction got wrong, kept so that rebuilds
do not lose them.

Decisions live in ``curation.jsonl`` in the data directory, one JSON object per line
(a person can read, grep and diff it), each with its number ``n``, ``who`` made it and
``when``:

* **merge** ``keep`` ← ``drop``: the second node is the first (``drop``'s name becomes an
  alias of ``keep``);
* **reject** ``source`` – ``target`` [``type``]: the link between the two (either
  direction; every type unless one is given) was never stated;
* **rename** ``node`` → ``name``: the node's name, whatever the articles call it.

:meth:`Curation.apply` applies them to one article's graph after extraction and
resolution, before it is written: every build (full, incremental, a load of claims
files) calls it, so a merged pair stays merged and a rejected link stays gone when
articles are read again or added.  Nodes are recorded with their id, label and names,
so a decision still finds its node when a later article spells it the same way.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from minegraph.graph.lookup import normalise_name
from minegraph.graph.model import LABELS, RELATIONSHIP_TYPES, Graph, Node, Relationship
from minegraph.graph.store import GraphStore, StoreError

FILE_NAME = "curation.jsonl"

#: the documents that mention any of the given nodes (what a decision about them touches)
DOCUMENTS_MENTIONING = (
    "MATCH (d:Document)-[:MENTIONS]->(n) WHERE n.id IN $ids "
    "RETURN DISTINCT d.id AS id, d.path AS path ORDER BY id"
)
#: which of the given ids are stored entities
EXISTING_IDS = "MATCH (n) WHERE n.id IN $ids RETURN n.id AS id"


class CurationError(StoreError):
    """A decision that cannot be made or undone, or a damaged curation file."""


def _ref(node: Node) -> dict[str, Any]:
    return {"id": node.id, "label": node.label, "name": node.name, "aliases": sorted(set(node.aliases))}


@dataclass
class Decision:
    """One curation decision as stored (see the module docstring for the fields)."""

    n: int
    action: str
    who: str
    when: str
    nodes: dict[str, dict[str, Any]] = field(default_factory=dict)  # role -> {id, label, name, aliases}
    name: str | None = None  # rename: the new name
    type: str | None = None  # reject: only this relationship type

    def to_json(self) -> dict[str, Any]:
        data = {"n": self.n, "action": self.action, "who": self.who, "when": self.when, **self.nodes}
        if self.name is not None:
            data["name"] = self.name
        if self.type is not None:
            data["type"] = self.type
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Decision:
        """A decision from its JSON line; ValueError (or KeyError, TypeError) saying what
        is wrong when the line is not one, so a damaged file never breaks a build later."""
        if not isinstance(data, dict):
            raise ValueError("a decision is a JSON object")
        roles = {"merge": ("keep", "drop"), "reject": ("source", "target"), "rename": ("node",)}[data["action"]]
        number = data["n"]
        if type(number) is not int or number < 1:
            raise ValueError(f"its number n must be a whole number from 1, not {str(number)[:20]}")
        nodes = {role: dict(data[role]) for role in roles}
        for role, ref in nodes.items():
            if not isinstance(ref.get("id"), str) or not isinstance(ref.get("name"), str):
                raise ValueError(f"the {role} node needs an id and a name")
            if ref.get("label") not in LABELS:
                raise ValueError(f"the {role} node needs a label (one of {', '.join(LABELS)})")
            aliases = ref.setdefault("aliases", [])
            if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
                raise ValueError(f"the {role} node's aliases must be a list of names")
        rel_type = data.get("type")
        if rel_type is not None and rel_type not in RELATIONSHIP_TYPES:
            raise ValueError(f"unknown relationship type {rel_type!r}")
        name = data.get("name")
        if data["action"] == "rename" and not (isinstance(name, str) and name.strip()):
            raise ValueError("a rename needs a new name")
        return cls(number, data["action"], str(data.get("who", "")), str(data.get("when", "")), nodes,
                   name, rel_type)

    @property
    def node_ids(self) -> list[str]:
        return [ref["id"] for ref in self.nodes.values()]

    def describe(self) -> str:
        def show(role: str) -> str:
            ref = self.nodes[role]
            return f"{ref['name']!r} ({ref['label']} {ref['id']})"

        if self.action == "merge":
            return f"merge {show('drop')} into {show('keep')}"
        if self.action == "rename":
            return f"rename {show('node')} to {self.name!r}"
        return f"reject {self.type or 'every'} link between {show('source')} and {show('target')}"


class Curation:
    """The decisions of one data directory, and their application to an article's graph."""

    def __init__(self, path: str | os.PathLike[str], decisions: Iterable[Decision] = ()) -> None:
        self.path = Path(path)
        self.decisions = list(decisions)

    @classmethod
    def load(cls, db_dir: str | os.PathLike[str]) -> Curation:
        """The decisions in ``db_dir/curation.jsonl`` (none when there is no such file).

        Raises:
            CurationError: a line that is not a decision (names the file and line).
        """
        path = Path(db_dir) / FILE_NAME
        decisions = []
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except FileNotFoundError:
            lines = []
        except OSError as exc:
            raise CurationError(f"{path}: cannot read ({exc.strerror or exc})") from None
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            try:
                decisions.append(Decision.from_json(json.loads(line)))
            except RecursionError:
                raise CurationError(f"{path}:{number}: not a curation decision (nested too deeply); fix or delete "
                                    "the line") from None
            except (ValueError, KeyError, TypeError, AttributeError) as exc:
                raise CurationError(f"{path}:{number}: not a curation decision ({exc}); fix or delete the line") \
                    from None
        return cls(path, decisions)

    def save(self) -> None:
        """Write the file whole (through a temporary file, so it is never half written)."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        text = "".join(json.dumps(d.to_json(), ensure_ascii=False) + "\n" for d in self.decisions)
        try:
            data = text.encode("utf-8")
        except UnicodeEncodeError:
            raise CurationError("a decision holds text that is not valid Unicode; nothing was saved") from None
        fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=".curation-", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(data)
            os.replace(tmp, self.path)
        except BaseException:  # a full disk, an interruption: no .curation-*.tmp is left behind
            Path(tmp).unlink(missing_ok=True)
            raise

    def __bool__(self) -> bool:
        return bool(self.decisions)

    # making decisions ------------------------------------------------------------------
    def _new(self, action: str, who: str, nodes: dict[str, Node], **extra: Any) -> Decision:
        number = max((d.n for d in self.decisions), default=0) + 1
        when = datetime.now(timezone.utc).replace(microsecond=0).isoformat()
        decision = Decision(number, action, who, when, {role: _ref(node) for role, node in nodes.items()}, **extra)
        self.decisions.append(decision)
        return decision

    def merge(self, keep: Node, drop: Node, who: str) -> Decision:
        if keep.id == drop.id:
            raise CurationError(f"{keep.name!r} and {drop.name!r} are already one node ({keep.id})")
        return self._new("merge", who, {"keep": keep, "drop": drop})

    def reject(self, source: Node, target: Node, who: str, rel_type: str | None = None) -> Decision:
        if rel_type is not None and rel_type not in RELATIONSHIP_TYPES:
            raise CurationError(f"unknown relationship type {rel_type!r}; one of {', '.join(RELATIONSHIP_TYPES)}")
        return self._new("reject", who, {"source": source, "target": target}, type=rel_type)

    def rename(self, node: Node, name: str, who: str) -> Decision:
        if not name.strip():
            raise CurationError("the new name is empty")
        return self._new("rename", who, {"node": node}, name=name.strip())

    def undo(self, number: int) -> Decision:
        """Remove decision ``number`` and return it."""
        for i, decision in enumerate(self.decisions):
            if decision.n == number:
                return self.decisions.pop(i)
        raise CurationError(f"no curation decision {number} (see: minegraph curate list)")

    # applying them ---------------------------------------------------------------------
    def apply(self, doc_graph: Graph) -> Graph:
        """``doc_graph`` (one article's, resolved) with the decisions applied: merged
        nodes under the kept id, renamed nodes under their new name, rejected links gone."""
        if not self.decisions:
            return doc_graph
        merged: dict[str, str] = {}  # dropped id -> kept id
        forms: dict[tuple[str, str], str] = {}  # (label, normalised name) of a dropped node -> kept id
        names: dict[str, str] = {}  # id -> name it must carry
        labels: dict[str, str] = {}
        rejected: set[tuple[str, str | None, str]] = set()
        for d in self.decisions:
            if d.action == "merge":
                keep, drop = d.nodes["keep"], d.nodes["drop"]
                merged[drop["id"]] = keep["id"]
                for form in (drop["name"], *drop.get("aliases", ())):
                    forms[(drop["label"], normalise_name(form))] = keep["id"]
                names.setdefault(keep["id"], keep["name"])
                labels[keep["id"]] = keep["label"]
            elif d.action == "rename":
                names[d.nodes["node"]["id"]] = d.name or ""
            else:
                a, b = d.nodes["source"]["id"], d.nodes["target"]["id"]
                rejected.update({(a, d.type, b), (b, d.type, a)})

        def target(node_id: str) -> str:
            seen = set()
            while node_id in merged and node_id not in seen:  # chains: C into B, B into A
                seen.add(node_id)
                node_id = merged[node_id]
            return node_id

        mapping: dict[str, str] = {}
        for node in doc_graph.nodes.values():
            new_id = node.id if node.label == "Document" else target(node.id)
            if new_id == node.id and node.label != "Document":
                new_id = target(forms.get((node.label, normalise_name(node.name)), node.id))
            mapping[node.id] = new_id
        out = Graph()
        for node in doc_graph.nodes.values():
            new_id = mapping[node.id]
            # a renamed node, or one merged into another, carries the decided name (two
            # nodes merged into one then agree on it); what the article said stays an alias
            name = names.get(new_id, node.name)
            aliases = sorted((set(node.aliases) | {node.name}) - {name})
            out.add_node(Node(new_id, labels.get(new_id, node.label), name, aliases, dict(node.props)))
        for rel in doc_graph.relationships.values():
            src, dst = mapping.get(rel.source, rel.source), mapping.get(rel.target, rel.target)
            if (src, rel.type, dst) in rejected or (src, None, dst) in rejected:
                continue
            out.add_relationship(Relationship(src, rel.type, dst, dict(rel.props)))
        return out

    # reading the store -------------------------------------------------------------------
    def status(self, store: GraphStore) -> list[dict[str, Any]]:
        """Every decision as JSON with ``stale: True`` when a node it needs is no longer
        stored (a merge needs the kept node; the dropped one is gone by design)."""
        wanted = sorted({i for d in self.decisions for role, ref in d.nodes.items() if role != "drop"
                         for i in [ref["id"]]})
        present = {row[0] for row in store.query(EXISTING_IDS, {"ids": wanted}).rows} if wanted else set()
        rows = []
        for d in self.decisions:
            missing = [ref["id"] for role, ref in d.nodes.items() if role != "drop" and ref["id"] not in present]
            rows.append({**d.to_json(), "summary": d.describe(), "stale": bool(missing), "missing": missing})
        return rows


def documents_mentioning(store: GraphStore, node_ids: Iterable[str]) -> list[tuple[str, str]]:
    """``(doc id, path)`` of the stored articles that mention any of ``node_ids``."""
    ids = sorted(set(node_ids))
    if not ids:
        return []
    return [(row[0], row[1]) for row in store.query(DOCUMENTS_MENTIONING, {"ids": ids}, timeout=None).rows]
