"""Why the PARTY_TO links of a build are wrong: each predicted PARTY_TO link the gold does not
have (by ``score.py``'s matching) put in the class of its cause.

    python -m bench.party_errors GRAPH.json GOLD IDS [--eval DIR] [-v]

GRAPH is the export of a build of the articles IDS (comma-separated), scored against the gold
files of GOLD with ``score.py`` of the evaluation directory (``--eval``, by default two above
GOLD). A link is counted once per matched pair (as the scorer counts it), in the article of its
first evidence. The classes, tried in this order:

* ``party unknown``: the party matches no gold entity;
* ``agreement copy``: the agreement matches no gold agreement, and the article's gold agreement
  this party signs is matched by another node (the same deal found twice);
* ``agreement unmatched``: the agreement matches none, and the article's gold agreement this
  party signs is matched by no node (found, but named and linked too unlike it to match);
* ``agreement spurious``: the agreement matches none, and the party signs none in the gold;
* ``other article's agreement``: the node matches a gold agreement that is not in the link's
  article (the scorer matches an unnamed node by its linked entities, and a one-party agreement
  of any article is matched by one);
* ``neighbour's party``: the party signs another agreement of the article (a party given to the
  agreement told next to its own, or a node that joins two agreements);
* ``home country``: the gold places a party of the agreement in this country, or this body in a
  country that is a party (BASED_IN: a firm's country made a party, or the reverse);
* ``parent body``: the gold makes this body part of a party, or a party part of it (PART_OF);
* ``onlooker``: the party took part in, organised or hosted a meeting of the article, or the
  evidence tells who looked on ("in the presence of", "attended by", "witnessed");
* ``other``.

The counts say which component to mend: agreement identity (copies, unmatched, spurious and the
scorer's matching), which frame a party goes to, or the party decision itself.
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from pathlib import Path

from bench.fit_relations import graph_gold_args

CLASSES = (
    "right",
    "party unknown",
    "agreement copy",
    "agreement unmatched",
    "agreement spurious",
    "other article's agreement",
    "neighbour's party",
    "home country",
    "parent body",
    "onlooker",
    "other",
)

#: evidence that tells who looked on rather than signed
_ONLOOKER = re.compile(
    r"\b(?:in\s+the\s+presence\s+of|attended\s+by|witnessed|looked\s+on|looks\s+on|hosted\s+by|ceremony)\b", re.I
)


def _at_meeting(rels: list[dict], a: str) -> bool:
    """Whether the gold makes ``a`` a participant, organiser or host of a meeting."""
    return any(
        (r["type"] in ("PARTICIPATED_IN", "ORGANIZED") and r["source"] == a)
        or (r["type"] == "HELD_IN" and r["target"] == a)
        for r in rels
    )


def _linked(rels: list[dict], typ: str, a: str, others: set[str]) -> bool:
    """Whether a gold link of type ``typ`` joins ``a`` to one of ``others`` (either way)."""
    return any(
        r["type"] == typ
        and ((r["source"] == a and r["target"] in others) or (r["target"] == a and r["source"] in others))
        for r in rels
    )


def classify(scorer, graph: Path, gold_dir: Path, ids: list[str]) -> list[tuple[str, str, str, str, float, str]]:
    """(class, article, party, agreement, confidence, evidence) for every PARTY_TO link of ``graph``."""
    gold, gold_rel = scorer.load_gold(gold_dir, set(ids))
    nodes, edges = scorer.load_graph(graph)
    mapping = scorer.match_entities(nodes, edges, gold)
    ok = {frozenset((r["source"], r["target"])) for r in gold_rel.values()}
    matched = {g for g in mapping.values() if g}
    articles: dict[str, dict] = {}
    for i in ids:
        path = gold_dir / f"{i}.json"
        if path.exists():
            articles[i] = json.loads(path.read_text())
    rows = []
    seen: set[tuple] = set()
    for e in edges:
        if e.get("type") != "PARTY_TO" or e.get("derived") or e["source"] not in nodes or e["target"] not in nodes:
            continue
        s, t = e["source"], e["target"]
        gs, gt = mapping[s], mapping[t]
        if gs is not None and gs == gt:
            continue
        key = (gs or s, gt or t)
        if key in seen:
            continue
        seen.add(key)
        doc = next((d for d in e.get("evidence_doc_ids") or e.get("doc_ids") or [] if d in articles), "")
        art = articles.get(doc, {"entities": [], "relations": []})
        ents = {x["id"]: x for x in art["entities"]}
        rels = art["relations"]
        signs = [x for x in art["entities"] if "Agreement" in x["labels"] and gs in x.get("parties", [])]
        evidence = " | ".join(e.get("evidence") or [])
        if gs is not None and gt is not None and frozenset((gs, gt)) in ok:
            cls = "right"
        elif gs is None:
            cls = "party unknown"
        elif gt is None:
            if any(x["id"] in matched for x in signs):
                cls = "agreement copy"
            elif signs:
                cls = "agreement unmatched"
            else:
                cls = "agreement spurious"
        elif gt not in ents:
            cls = "other article's agreement"
        elif any(x["id"] != gt for x in signs):
            cls = "neighbour's party"
        else:
            parties = set(ents[gt].get("parties", []))
            if _linked(rels, "BASED_IN", gs, parties):
                cls = "home country"
            elif _linked(rels, "PART_OF", gs, parties):
                cls = "parent body"
            elif _ONLOOKER.search(evidence) or _at_meeting(rels, gs):
                cls = "onlooker"
            else:
                cls = "other"
        rows.append(
            (cls, doc, str(nodes[s]["name"]), str(nodes[t]["name"]), float(e.get("confidence") or 0.0), evidence)
        )
    return rows


def main(argv=None) -> int:
    a, scorer = graph_gold_args(__doc__, "list every wrong link", argv)
    rows = classify(scorer, a.graph, a.gold, [i for i in a.ids.split(",") if i])
    counts = Counter(r[0] for r in rows)
    wrong = len(rows) - counts["right"]
    print(f"PARTY_TO links {len(rows)}, right {counts['right']}, wrong {wrong}")
    for cls in CLASSES[1:]:
        # a link a rule states is written at 0.7 (the weights do not score it)
        ruled = sum(1 for r in rows if r[0] == cls and r[4] == 0.7)
        print(f"  {cls:<26} {counts[cls]:>4}  (stated by a rule {ruled})")
    if a.verbose:
        for r in sorted(x for x in rows if x[0] != "right"):
            print("\t".join((r[0], r[1], r[2], r[3], f"{r[4]:.3f}", r[5][:200])))
    return 0


if __name__ == "__main__":
    sys.exit(main())
