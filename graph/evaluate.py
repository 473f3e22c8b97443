"""Scoring an extracted graph against gold annotations (one JSON file per article).

The gold format and the definitions are those of the evaluation set the project is
measured on (``eval/CONVENTIONS.md`` beside it):

* **Entities**, per label.  A graph node matches a gold entity when its label is one of
  the entity's labels and its name or an alias equals one of the entity's names after
  :func:`normalise`.  An Agreement that matches no name may match by its parties: it is
  linked to at least ``min(2, len(parties))`` of a gold agreement's parties.  A second
  node for the same gold entity is a duplicate and counts as wrong.
* **Relations**, untyped: the unordered pair of gold entities a relationship connects;
  a relationship with an unmatched end counts as wrong.  Typed figures (same pair and
  same type) are reported beside them.
* Entries marked ``optional`` (and relations touching an optional entity) are neither
  required nor penalised.  ``derived`` relationships and nodes of other labels
  (Document...) are left out.  "core" sums the Country, Agency, Company, Mineral and
  Agreement counts.

:func:`score` returns the report; :func:`report_lines` renders it, the summary last.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

SCORED = ("Country", "Agency", "Company", "Mineral", "Agreement", "Person", "Event")
CORE = ("Country", "Agency", "Company", "Mineral", "Agreement")


def normalise(text: object) -> str:
    """Case, accents and punctuation folded; "&" read as "and"; a leading "the" dropped.

    >>> normalise("The Ministry of Mines & Energy’s")
    'ministry of mines and energy s'
    """
    text = unicodedata.normalize("NFKD", str(text))
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    text = text.replace("&", " and ").replace("\u2019", "'")
    text = " ".join(re.sub(r"[^\w\s]", " ", text).split())
    return text[4:] if text.startswith("the ") else text


# --- gold ------------------------------------------------------------------------------


@dataclass
class GoldEntity:
    id: str
    name: str
    labels: list[str] = field(default_factory=list)
    names: list[str] = field(default_factory=list)  # name and aliases, from every file
    optional: bool = True  # optional only when every file says so
    parties: list[str] = field(default_factory=list)
    minerals: list[str] = field(default_factory=list)
    year: int | None = None

    @property
    def keys(self) -> set[str]:
        return {normalise(n) for n in self.names}


@dataclass
class GoldRelation:
    source: str
    target: str
    type: str
    optional: bool = True

    @property
    def pair(self) -> frozenset[str]:
        return frozenset((self.source, self.target))


def _extend(values: list[str], more: Iterable[str]) -> None:
    values.extend(v for v in more if v not in values)


def load_gold(gold_dir: str | Path, docs: set[str] | None = None) -> tuple[dict[str, GoldEntity],
                                                                           list[GoldRelation]]:
    """The union of the gold files in ``gold_dir`` (ids are shared across files);
    ``docs`` keeps only the files with those stems or ``doc`` names."""
    entities: dict[str, GoldEntity] = {}
    relations: dict[tuple[str, str, str], GoldRelation] = {}
    for path in sorted(Path(gold_dir).glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        if docs and path.stem not in docs and data.get("doc") not in docs:
            continue
        for item in data["entities"]:
            entity = entities.setdefault(item["id"], GoldEntity(item["id"], item["name"], year=item.get("year")))
            _extend(entity.labels, item["labels"])
            _extend(entity.names, [*item.get("aliases", []), item["name"]])
            entity.optional = entity.optional and bool(item.get("optional", False))
            _extend(entity.parties, item.get("parties", []))
            _extend(entity.minerals, item.get("minerals", []))
        for item in data["relations"]:
            key = (item["source"], item["target"], item["type"])
            relation = relations.setdefault(key, GoldRelation(*key))
            relation.optional = relation.optional and bool(item.get("optional", False))
    for relation in relations.values():  # a relation to an optional entity is optional
        ends = (entities.get(relation.source), entities.get(relation.target))
        if any(end is not None and end.optional for end in ends):
            relation.optional = True
    return entities, list(relations.values())


# --- the graph -------------------------------------------------------------------------


@dataclass
class GraphNode:
    label: str
    name: str | None
    keys: set[str]
    year: Any = None


def graph_nodes(data: dict[str, Any]) -> tuple[dict[Any, GraphNode], list[dict[str, Any]]]:
    """Scored nodes of node-link JSON (by id) and its edges (``edges`` or ``links``)."""
    nodes: dict[Any, GraphNode] = {}
    for node in data["nodes"]:
        label = next((x for x in node.get("labels") or [node.get("label")] if x in SCORED), None)
        if label is None:
            continue
        names = [node.get("name") or "", *(node.get("aliases") or [])]
        nodes[node["id"]] = GraphNode(label, node.get("name"), {normalise(n) for n in names if n}, node.get("year"))
    return nodes, list(data.get("edges", data.get("links", [])))


def match(nodes: dict[Any, GraphNode], edges: list[dict[str, Any]],
          gold: dict[str, GoldEntity]) -> dict[Any, str | None]:
    """Each graph node's gold entity, or None."""
    by_key: dict[str, list[str]] = defaultdict(list)
    for gold_id, entity in gold.items():
        for key in entity.keys:
            by_key[key].append(gold_id)
    found: dict[Any, str | None] = {}
    for node_id, node in nodes.items():
        candidates = [g for key in node.keys for g in by_key.get(key, []) if node.label in gold[g].labels]
        same_name = [g for g in candidates if normalise(gold[g].name) == normalise(node.name or "")]
        found[node_id] = next(iter(same_name or candidates), None)

    linked_to: dict[Any, set[Any]] = defaultdict(set)
    for edge in edges:
        ends = (edge["source"], edge["target"])
        if not edge.get("derived") and all(end in nodes for end in ends):
            linked_to[ends[0]].add(ends[1])
            linked_to[ends[1]].add(ends[0])
    agreements = [g for g, e in gold.items() if "Agreement" in e.labels and e.parties]
    by_parties: list[tuple[float, Any, str]] = []
    for node_id, node in nodes.items():
        if node.label != "Agreement" or found[node_id]:
            continue
        linked = {found.get(other) for other in linked_to[node_id]} - {None}
        for gold_id in agreements:
            entity = gold[gold_id]
            overlap = len(linked & set(entity.parties))
            if overlap < min(2, len(entity.parties)):
                continue
            weight = overlap + 0.5 * len(linked & set(entity.minerals))
            weight += 0.5 if node.year and node.year == entity.year else 0.0
            weight += 0.0 if entity.optional else 0.25  # a required agreement before an optional one
            by_parties.append((weight, node_id, gold_id))
    by_parties.sort(key=lambda c: -c[0])
    taken = set(found.values())
    for _, node_id, gold_id in by_parties:  # best pairs first, one node per agreement
        if found[node_id] is None and gold_id not in taken:
            found[node_id] = gold_id
            taken.add(gold_id)
    for _, node_id, gold_id in by_parties:  # the others are duplicates
        if found[node_id] is None:
            found[node_id] = gold_id
    return found


# --- figures ---------------------------------------------------------------------------


def prf(right_predicted: int, predicted: int, right_gold: int, gold: int) -> tuple[float, float, float]:
    """Precision, recall and F1 rounded to 3 places; nothing to find counts as perfect."""
    precision = right_predicted / predicted if predicted else (0.0 if gold else 1.0)
    recall = right_gold / gold if gold else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return round(precision, 3), round(recall, 3), round(f1, 3)


def score(graph: dict[str, Any], gold_dir: str | Path, docs: set[str] | None = None) -> dict[str, Any]:
    """Score node-link ``graph`` against the gold files in ``gold_dir``."""
    gold, gold_relations = load_gold(gold_dir, docs)
    nodes, edges = graph_nodes(graph)
    found = match(nodes, edges, gold)
    matched = set(found.values())

    report: dict[str, Any] = {"entities": {}, "missed": {}, "spurious": {}, "duplicates": {}}
    core = [0, 0, 0, 0]
    for label in SCORED:
        predicted = [n for n, node in nodes.items() if node.label == label]
        hits = Counter(g for n in predicted if (g := found[n]) is not None)
        required = {g for g, e in gold.items() if e.labels[0] == label and not e.optional}
        recalled = required & matched
        duplicates = sum(count - 1 for count in hits.values())
        right = sum(hits.values()) - duplicates
        p, r, f = prf(right, len(predicted), len(recalled), len(required))
        report["entities"][label] = {"precision": p, "recall": r, "f1": f, "predicted": len(predicted),
                                     "gold": len(required), "duplicates": duplicates}
        report["missed"][label] = sorted(gold[g].name for g in required - recalled)
        report["spurious"][label] = sorted(str(nodes[n].name) for n in predicted if not found[n])
        report["duplicates"][label] = sorted(gold[g].name for g, count in hits.items() if count > 1)
        if label in CORE:
            for i, count in enumerate((right, len(predicted), len(recalled), len(required))):
                core[i] += count
    report["entities"]["core"] = dict(zip(("precision", "recall", "f1"), prf(*core), strict=True))

    allowed = {r.pair for r in gold_relations}
    required_pairs = {r.pair for r in gold_relations if not r.optional}
    allowed_typed = {(r.pair, r.type) for r in gold_relations}
    required_typed = {(r.pair, r.type) for r in gold_relations if not r.optional}
    pairs: set[frozenset[str]] = set()
    typed: set[tuple[frozenset[str], Any]] = set()
    unmatched: list[str] = []
    for edge in edges:
        source, target = edge["source"], edge["target"]
        if edge.get("derived") or source not in nodes or target not in nodes:
            continue
        gold_source, gold_target = found[source], found[target]
        if gold_source is None or gold_target is None:
            unmatched.append(f"{nodes[source].name} -{edge.get('type')}-> {nodes[target].name}")
        elif gold_source != gold_target:
            pairs.add(frozenset((gold_source, gold_target)))
            typed.add((frozenset((gold_source, gold_target)), edge.get("type")))
    edges_predicted = len(pairs) + len(unmatched)
    p, r, f = prf(len(pairs & allowed), edges_predicted, len(pairs & required_pairs), len(required_pairs))
    report["relations"] = {"precision": p, "recall": r, "f1": f, "predicted": edges_predicted,
                           "gold": len(required_pairs)}
    p, r, f = prf(len(typed & allowed_typed), len(typed) + len(unmatched), len(typed & required_typed),
                  len(required_typed))
    report["relations_typed"] = {"precision": p, "recall": r, "f1": f}

    def names(pair: frozenset[str]) -> str:
        return " -- ".join(sorted(gold[g].name for g in pair))

    report["relations_missed"] = sorted(names(pair) for pair in required_pairs - pairs)
    report["relations_spurious"] = sorted(names(pair) for pair in pairs - allowed) + sorted(unmatched)
    return report


def report_lines(report: dict[str, Any], verbose: bool = False) -> list[str]:
    """The report as a table, what was missed and spurious when ``verbose``, and a
    one-line ``SCORE ...`` summary last."""
    lines = [f"{'label':<10} {'P':>6} {'R':>6} {'F1':>6} {'pred':>5} {'gold':>5} {'dup':>4}"]
    for label in SCORED:
        m = report["entities"][label]
        lines.append(f"{label:<10} {m['precision']:>6} {m['recall']:>6} {m['f1']:>6} {m['predicted']:>5} "
                     f"{m['gold']:>5} {m['duplicates']:>4}")
    rel, typed = report["relations"], report["relations_typed"]
    lines.append(f"{'relations':<10} {rel['precision']:>6} {rel['recall']:>6} {rel['f1']:>6} {rel['predicted']:>5} "
                 f"{rel['gold']:>5}")
    lines.append(f"{'typed':<10} {typed['precision']:>6} {typed['recall']:>6} {typed['f1']:>6}")
    if verbose:
        for kind in ("missed", "spurious", "duplicates"):
            lines += [f"{kind} {label}: {'; '.join(items)}" for label, items in report[kind].items() if items]
        for kind in ("relations_missed", "relations_spurious"):
            if report[kind]:
                lines.append(f"{kind}: " + "; ".join(report[kind]))
    core = report["entities"]["core"]
    lines.append(f"SCORE entity_f1={core['f1']} entity_p={core['precision']} entity_r={core['recall']} "
                 f"relation_f1={rel['f1']} relation_p={rel['precision']} relation_r={rel['recall']}")
    return lines
