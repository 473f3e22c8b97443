"""Where the participants of meetings are lost: each required PARTICIPATED_IN link of the gold
that an exported graph misses, put in the class of the step that lost it.

    python -m bench.participation_misses GRAPH.json DOCS GOLD IDS [--eval DIR] [-v]

GRAPH is the export of a build of the articles IDS (comma-separated) of DOCS, scored against
the gold files of GOLD with ``score.py`` of the evaluation directory (``--eval``, by default
the one above GOLD). Each article is extracted again to see its candidates. The classes:

* ``found``: the graph links the pair;
* ``event missing``: no entity the article's extraction names matches the gold meeting;
* ``actor missing``: none matches the gold participant;
* ``not a candidate``: both are named, but no meeting candidate pairs them (too far from every
  mention of the meeting, or in a sentence that refers to it in a way nothing reads);
* ``vetoed``: a candidate a filter vetoes (a describer, a quote, another meeting's occasion ...);
* ``candidate``: a candidate no rule stated and the weights did not keep (or do not decide).

The counts tell which component to mend (entity names, the sentences that refer back to a
meeting, the filters, the weights) before any rule is written for one sentence.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

from bench.fit_relations import load_scorer
from minegraph.loaders.extract import document_context
from minegraph.loaders.reader import read_article
from minegraph.loaders.relations import extract_relations
from minegraph.loaders.relations.candidates import Candidate

CLASSES = ("found", "event missing", "actor missing", "not a candidate", "vetoed", "candidate")


def gold_entity_keys(norm, ctx, entity: dict) -> set[str]:
    """The keys of the article's entities a gold entity is: one of its labels, and a form that is its
    name or an alias (compared as the scorer's ``norm`` writes them)."""
    forms = {norm(x) for x in [entity["name"], *entity.get("aliases", [])]}
    return {
        k
        for k, ent in ctx.registry.entities.items()
        if ent.label in entity["labels"] and any(norm(f) in forms for f in ent.forms())
    }


def misses_arguments(doc: str, verbose: str, argv=None) -> argparse.Namespace:
    """The arguments of a tool that classes what a built graph missed: GRAPH DOCS GOLD IDS [--eval] [-v]."""
    ap = argparse.ArgumentParser(description=doc.split("\n\n")[0])
    ap.add_argument("graph", type=Path)
    ap.add_argument("docs", type=Path)
    ap.add_argument("gold", type=Path)
    ap.add_argument("ids", help="article ids, comma-separated")
    ap.add_argument("--eval", type=Path, default=None, help="the directory of score.py (default: above GOLD)")
    ap.add_argument("-v", "--verbose", action="store_true", help=verbose)
    return ap.parse_args(argv)


def found_pairs(scorer, graph: Path, gold_dir: Path, ids: set[str]) -> set[frozenset]:
    """The gold entity pairs the graph links (any type)."""
    gold, _ = scorer.load_gold(gold_dir, ids)
    nodes, edges = scorer.load_graph(graph)
    mapping = scorer.match_entities(nodes, edges, gold)
    pairs = set()
    for e in edges:
        s, t = mapping.get(e["source"]), mapping.get(e["target"])
        if s and t and not e.get("derived"):
            pairs.add(frozenset((s, t)))
    return pairs


def classify(scorer, doc: Path, gold_file: Path, linked: set[frozenset]) -> list[tuple[str, str, str]]:
    """(class, participant, meeting) for every required PARTICIPATED_IN link of one article."""
    g = json.loads(gold_file.read_text())
    ents = {e["id"]: e for e in g["entities"]}
    rels = [
        r
        for r in g["relations"]
        if r["type"] == "PARTICIPATED_IN"
        and not r.get("optional")
        and not ents[r["source"]].get("optional")
        and not ents[r["target"]].get("optional")
    ]
    if not rels:
        return []
    ctx = document_context(read_article(doc))
    cands: list[Candidate] = []
    extract_relations(ctx, None, cands)

    def keys_of(gid: str) -> set[str]:
        return gold_entity_keys(scorer.norm, ctx, ents[gid])

    out = []
    for r in rels:
        src, dst = ents[r["source"]]["name"], ents[r["target"]]["name"]
        if frozenset((r["source"], r["target"])) in linked:
            out.append(("found", src, dst))
            continue
        meeting, actor = keys_of(r["target"]), keys_of(r["source"])
        if not meeting:
            out.append(("event missing", src, dst))
        elif not actor:
            out.append(("actor missing", src, dst))
        else:
            cs = [c for c in cands if c.group == "event" and c.source in actor and c.target in meeting]
            cls = "not a candidate" if not cs else "vetoed" if all(c.veto for c in cs) else "candidate"
            out.append((cls, src, dst))
    return out


def main(argv=None) -> int:
    a = misses_arguments(__doc__, "list every link lost, with its class", argv)
    scorer = load_scorer(a.eval or a.gold.parent.parent)
    ids = [i for i in a.ids.split(",") if i]
    linked = found_pairs(scorer, a.graph, a.gold, set(ids))
    counts: Counter[str] = Counter()
    for i in ids:
        for cls, src, dst in classify(scorer, a.docs / f"{i}.txt", a.gold / f"{i}.json", linked):
            counts[cls] += 1
            if a.verbose and cls != "found":
                print(f"{i}\t{cls}\t{src} -> {dst}")
    total = sum(counts.values())
    print(f"PARTICIPATED_IN links {total}: " + ", ".join(f"{c} {counts[c]}" for c in CLASSES if counts[c]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
