"""Scoring the measures of an exported graph against gold measure annotations.

The gold format and the matching rules are those of the evaluation set's measure scorer
(``eval/score_measures.py`` beside the project): one JSON file per article in a
``measures/`` folder, ``{"doc", "measures": [...], "extra_entities": [...]}``, each measure
naming its imposers, targets and affected companies by the ids of the article's gold
entities (``gold/``) or of its ``extra_entities``.

* A graph ``Measure`` matches a gold measure when one of its imposers (``IMPOSED_BY``,
  either direction) has a name or alias of one of the gold imposers after
  :func:`~minegraph.graph.evaluate.normalise`, and, where the gold lists minerals, one of
  its targets (``TARGETS``) matches one of them.  The same gold id in several articles
  is one measure.  Pairs are taken greedily, most overlap first, then same kind; each
  gold measure is matched once; a measure matching only an optional gold measure is
  neither right nor wrong.
* Reported: precision, recall and F1 of measures, the share of matched measures whose
  ``kind`` is right, and the links (each matched measure's imposers and minerals, as
  pairs) with precision counted over every scored measure's links.

:func:`score_measures` returns the report; :func:`measure_report_lines` renders it, a
one-line ``SCORE measure_f1=...`` summary last.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from minegraph.graph.evaluate import normalise

ROLES = {"IMPOSED_BY": "imposers", "TARGETS": "targets", "AFFECTS": "affects"}


def load_gold_measures(measures_dir: str | Path, gold_dir: str | Path, docs: set[str] | None = None
                       ) -> tuple[dict[str, set[str]], list[dict[str, Any]]]:
    """The normalised names of every gold id (entities and extra entities) and the gold
    measures, one per id (the imposers and targets of all its articles together)."""
    names: dict[str, set[str]] = {}

    def add(entity: dict[str, Any]) -> None:
        names.setdefault(entity["id"], set()).update(
            normalise(n) for n in [entity["name"], *entity.get("aliases", [])])

    for path in sorted(Path(gold_dir).glob("*.json")):
        if docs and path.stem not in docs:
            continue
        for entity in json.loads(path.read_text(encoding="utf-8"))["entities"]:
            add(entity)
    merged: dict[str, dict[str, Any]] = {}
    for path in sorted(Path(measures_dir).glob("*.json")):
        if docs and path.stem not in docs:
            continue
        data = json.loads(path.read_text(encoding="utf-8"))
        for entity in data.get("extra_entities", []):
            add(entity)
        for item in data["measures"]:
            current = merged.get(item["id"])
            if current is None:
                merged[item["id"]] = {**item, "doc": path.stem, "imposed_by": list(item.get("imposed_by", [])),
                                      "targets": list(item.get("targets", []))}
                continue
            current["imposed_by"] = list(dict.fromkeys(current["imposed_by"] + item.get("imposed_by", [])))
            current["targets"] = list(dict.fromkeys(current["targets"] + item.get("targets", [])))
            current["optional"] = bool(current.get("optional")) and bool(item.get("optional"))
            current["doc"] += "," + path.stem
    return names, list(merged.values())


def graph_measures(graph: dict[str, Any]) -> list[dict[str, Any]]:
    """The ``Measure`` nodes of node-link JSON, in node order, each with the normalised
    names of its imposers, targets and affected companies."""
    nodes: dict[Any, tuple[set[str], dict[str, Any]]] = {}
    for node in graph["nodes"]:
        nodes[node["id"]] = ({normalise(n) for n in [node.get("name", ""), *(node.get("aliases") or [])]}, node)
    out: dict[Any, dict[str, Any]] = {}
    for node_id, (_, node) in nodes.items():
        if "Measure" in (node.get("labels") or [node.get("label")]):
            out[node_id] = {"id": node_id, "name": node.get("name"), "kind": node.get("kind"),
                            "imposers": [], "targets": [], "affects": []}
    for edge in graph.get("edges", graph.get("links", [])):
        role = ROLES.get(edge.get("type"))
        if not role:
            continue
        for a, b in ((edge["source"], edge["target"]), (edge["target"], edge["source"])):
            if a in out and b in nodes:
                out[a][role].append(nodes[b][0])
    return list(out.values())


def _named(keys: list[set[str]], gold_ids: list[str], names: dict[str, set[str]]) -> set[str]:
    """The gold ids among ``gold_ids`` that one of the graph entities (by their names) is."""
    return {g for g in gold_ids if any(names.get(g, set()) & k for k in keys)}


def score_measures(graph: dict[str, Any], measures_dir: str | Path, gold_dir: str | Path,
                   docs: set[str] | None = None) -> dict[str, Any]:
    """Score the measures of node-link ``graph`` against the gold measures in ``measures_dir``."""
    names, gold = load_gold_measures(measures_dir, gold_dir, docs)
    system = graph_measures(graph)
    candidates = []
    for i, s in enumerate(system):
        for j, g in enumerate(gold):
            imposers = _named(s["imposers"], g.get("imposed_by", []), names)
            if not imposers:
                continue
            targets = _named(s["targets"], g.get("targets", []), names)
            if g.get("targets") and not targets:
                continue
            candidates.append((-(len(imposers) + len(targets)), s["kind"] != g["kind"], i, j, imposers, targets))
    candidates.sort(key=lambda c: c[:4])
    used_system: set[int] = set()
    used_gold: set[int] = set()
    pairs = []
    for _, _, i, j, imposers, targets in candidates:
        if i in used_system or j in used_gold:
            continue
        used_system.add(i)
        used_gold.add(j)
        pairs.append((i, j, imposers, targets))

    required = [j for j, g in enumerate(gold) if not g.get("optional")]
    right = sum(1 for _, j, _, _ in pairs if not gold[j].get("optional"))
    wrong = sum(1 for i in range(len(system)) if i not in used_system)
    precision = right / (right + wrong) if right + wrong else 1.0
    recall = right / len(required) if required else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    kind_right = sum(1 for i, j, _, _ in pairs if system[i]["kind"] == gold[j]["kind"])

    gold_links = {(j, x) for j in required for x in gold[j].get("imposed_by", []) + gold[j].get("targets", [])}
    found_links = {(j, x) for _, j, imposers, targets in pairs if not gold[j].get("optional")
                   for x in imposers | targets}
    matched_to = {i: j for i, j, _, _ in pairs}
    scored = [i for i in range(len(system)) if i not in matched_to or not gold[matched_to[i]].get("optional")]
    link_count = sum(len(system[i]["imposers"]) + len(system[i]["targets"]) for i in scored)
    link_p = len(found_links) / link_count if link_count else 1.0
    link_r = len(found_links) / len(gold_links) if gold_links else 1.0
    link_f1 = 2 * link_p * link_r / (link_p + link_r) if link_p + link_r else 0.0
    return {
        "measures": {"precision": round(precision, 3), "recall": round(recall, 3), "f1": round(f1, 3),
                     "predicted": len(system), "gold": len(required)},
        "kind_accuracy": round(kind_right / len(pairs), 3) if pairs else 0.0,
        "links": {"precision": round(link_p, 3), "recall": round(link_r, 3), "f1": round(link_f1, 3)},
        "missed": [f"{gold[j]['doc']}: {gold[j]['name']}" for j in required if j not in used_gold],
        "spurious": [system[i]["name"] for i in range(len(system)) if i not in used_system],
        "wrong_kind": [f"{system[i]['name']}: {system[i]['kind']} (gold {gold[j]['kind']})"
                       for i, j, _, _ in pairs if system[i]["kind"] != gold[j]["kind"]],
    }


def measure_report_lines(report: dict[str, Any], verbose: bool = False) -> list[str]:
    """The report as the shared measure scorer prints it: what was missed, spurious and of
    the wrong kind when ``verbose``, then the ``SCORE measure_f1=...`` line."""
    lines: list[str] = []
    if verbose:
        for key in ("missed", "spurious", "wrong_kind"):
            lines.append(f"{key}:")
            lines += [f"  {item}" for item in report[key]]
    m, links = report["measures"], report["links"]
    lines.append(f"SCORE measure_f1={m['f1']} measure_p={m['precision']} measure_r={m['recall']} "
                 f"kind_acc={report['kind_accuracy']} measure_link_f1={links['f1']}")
    return lines
