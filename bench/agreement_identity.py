"""How agreements fare across articles in one build: an Agreement node that several articles
share is a right merge when each article's gold agreement it matches is the same one, a wrong
merge when two gold agreements end in it; a gold agreement that several articles tell and
that ends in two nodes is a missed merge.

    python -m bench.agreement_identity GRAPH.json GOLD IDS [--eval DIR] [-v]

GRAPH is the export of a build of the articles IDS (comma-separated) as one corpus; each
article is matched against its own gold file with ``score.py`` of the evaluation directory
(``--eval``, by default two above GOLD), on the edges that article supports. The counts
say whether the ids unnamed agreements get (kind, parties and year) merge too much or too
little; read them beside how the gold names agreements across articles (a gold that gives
each article's agreement its own id counts every cross-article merge as wrong).
"""

from __future__ import annotations

import json
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from bench.fit_relations import graph_gold_args


@dataclass
class Identity:
    """Agreement nodes several articles share, by outcome; gold agreements split across nodes."""

    right: dict[str, list[tuple[str, str | None]]] = field(default_factory=dict)
    wrong: dict[str, list[tuple[str, str | None]]] = field(default_factory=dict)
    missed: dict[str, list[tuple[str, str]]] = field(default_factory=dict)


def identity(scorer, graph: Path, gold_dir: Path, ids: list[str]) -> Identity:
    """Match each article's share of ``graph`` to its gold and compare across articles."""
    nodes, edges = scorer.load_graph(graph)
    by_node: dict[str, set[tuple[str, str | None]]] = defaultdict(set)
    by_gold: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for doc in ids:
        gold, _ = scorer.load_gold(gold_dir, {doc})
        own = [e for e in edges if doc in (e.get("doc_ids") or [])]
        touched = {x for e in own for x in (e["source"], e["target"])}
        mine = {k: v for k, v in nodes.items() if k in touched}
        for nid, gid in scorer.match_entities(mine, own, gold).items():
            if mine[nid]["label"] != "Agreement":
                continue
            by_node[nid].add((doc, gid))
            if gid:
                by_gold[gid].add((doc, nid))
    out = Identity()
    for nid, seen in sorted(by_node.items()):
        if len({doc for doc, _ in seen}) < 2:
            continue
        golds = {gid for _, gid in seen}
        outcome = out.right if len(golds) == 1 and None not in golds else out.wrong
        outcome[nid] = sorted(seen, key=str)
    for gid, seen_nodes in sorted(by_gold.items()):
        if len({doc for doc, _ in seen_nodes}) > 1 and len({nid for _, nid in seen_nodes}) > 1:
            out.missed[gid] = sorted(seen_nodes)
    return out


def main(argv: list[str] | None = None) -> int:
    a, scorer = graph_gold_args(__doc__, "list each merge", argv)
    res = identity(scorer, a.graph, a.gold, a.ids.split(","))
    if a.verbose:
        for name, outcome in (("right", res.right), ("wrong", res.wrong), ("missed", res.missed)):
            for key, seen in outcome.items():
                print(name, key, json.dumps(seen))
    print(f"agreements across articles: right {len(res.right)} wrong {len(res.wrong)} missed {len(res.missed)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
