"""Agreement readings of one article that may be copies of one instrument: each pair of an
article's Agreement nodes whose parties in that article are the same set, or one set within
the other, put in a class by what tells them apart, with what ``score.py`` makes of them.

    python -m bench.agreement_copies GRAPH.json GOLD IDS [--eval DIR] [-v]

GRAPH is the export of a build of the articles IDS (comma-separated), matched against the gold
files of GOLD with ``score.py`` of the evaluation directory (``--eval``, by default two above
GOLD). A pair's class is

* ``parties``: ``same`` (one set of parties) or ``within`` (one reading's parties are some of the
  other's, "the MoU" read once with A and B and once with A alone);
* ``names``: how many of the two have a name of their own (0, 1 or 2; a node named after its
  parties and kind, "A–B MOU (2026)", has none);
* ``kinds``: ``same``, ``general`` (one is "agreement", "deal", ...) or ``other``;
* ``apart``: what tells them apart: ``status`` (one only talked of, one made), ``year`` (two
  years), or ``-``.

and its outcome: ``one gold`` (both match one gold agreement: folding them would remove a
duplicate), ``two golds`` (folding would lose one), ``unmatched`` (one or both match none).
Counted over several sets, the outcomes say whether a class is worth folding: a class whose
pairs are mostly ``two golds`` holds different instruments between the same parties.
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from bench.fit_relations import graph_gold_args
from minegraph.loaders.duplicates import GENERAL_KINDS, PARTY_TYPES

_TALKED = frozenset({"proposed", "under_discussion"})
_MADE = frozenset({"signed", "launched"})
#: the kind words a name made of parties and kind ends with, where they are not the kind itself
_KIND_LABELS = {"mou": "MOU", "joint_research": "joint research agreement", "joint_project": "joint project"}


@dataclass
class Copies:
    """Pairs of one article's agreement readings by class, and the outcome of each class."""

    outcomes: dict[tuple[str, ...], Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    pairs: list[tuple[tuple[str, ...], str, str, str, str]] = field(default_factory=list)


def described(node: dict) -> bool:
    """Whether a node is named after its parties and kind ("A–B MOU (2026)"), not by a name of
    its own: its id is its kind and parties ("agreement:mou-aa-bb-2026")."""
    kind = str(node.get("kind") or "agreement")
    label = _KIND_LABELS.get(kind, kind.replace("_", " "))
    own_words = re.fullmatch(rf".+ {re.escape(label)}(?: \((?:19|20)\d\d\))?", node.get("name") or "")
    return node["id"].startswith(f"agreement:{kind.replace('_', '-')}-") and own_words is not None


def pair_class(a: dict, b: dict, parties_a: set[str], parties_b: set[str]) -> tuple[str, ...]:
    """The class of two readings (see the module docstring)."""
    ka, kb = a.get("kind") or "", b.get("kind") or ""
    kinds = "same" if ka == kb else "general" if ka in GENERAL_KINDS or kb in GENERAL_KINDS else "other"
    stages = {("told" if n.get("status") in _TALKED else "done" if n.get("status") in _MADE else "") for n in (a, b)}
    years = {a.get("year"), b.get("year")} - {None}
    apart = "status" if stages == {"told", "done"} else "year" if len(years) > 1 else "-"
    names = str(sum(not described(n) for n in (a, b)))
    return ("same" if parties_a == parties_b else "within", names, kinds, apart)


def copies(scorer, graph: Path, gold_dir: Path, ids: list[str]) -> Copies:
    """Every pair of readings of each article whose parties are alike, with its outcome."""
    gold, _ = scorer.load_gold(gold_dir, set(ids))
    nodes, edges = scorer.load_graph(graph)
    raw = {n["id"]: n for n in json.loads(graph.read_text())["nodes"]}
    mapping = scorer.match_entities(nodes, edges, gold)
    out = Copies()
    for doc in ids:
        parties: dict[str, set[str]] = defaultdict(set)
        for e in edges:
            target = raw.get(e["target"])
            mine = doc in (e.get("doc_ids") or []) and e["type"] in PARTY_TYPES
            if mine and target is not None and target["label"] == "Agreement":
                parties[e["target"]].add(e["source"])
        readings = sorted(parties)
        for i, a in enumerate(readings):
            for b in readings[i + 1 :]:
                if not (parties[a] <= parties[b] or parties[b] <= parties[a]):
                    continue
                cls = pair_class(raw[a], raw[b], parties[a], parties[b])
                ga, gb = mapping.get(a), mapping.get(b)
                outcome = "unmatched" if ga is None or gb is None else "one gold" if ga == gb else "two golds"
                out.outcomes[cls][outcome] += 1
                out.pairs.append((cls, outcome, doc, a, b))
    return out


def main(argv: list[str] | None = None) -> int:
    a, scorer = graph_gold_args(__doc__, "list each pair", argv)
    res = copies(scorer, a.graph, a.gold, a.ids.split(","))
    if a.verbose:
        for cls, outcome, doc, x, y in res.pairs:
            print(" ".join(cls), "|", outcome, "|", doc, x, y)
    print("parties names kinds apart: one gold / two golds / unmatched")
    for cls, counts in sorted(res.outcomes.items()):
        print(f"{' '.join(cls):<24} {counts['one gold']:3} {counts['two golds']:3} {counts['unmatched']:3}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
