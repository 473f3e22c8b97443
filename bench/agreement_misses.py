"""Why gold agreements are never matched: each required gold Agreement that no node of an
exported graph matches (by ``score.py``'s matching), put in the class of the step that lost it.

    python -m bench.agreement_misses GRAPH.json DOCS GOLD IDS [--eval DIR] [-v]

GRAPH is the export of a build of the articles IDS (comma-separated) of DOCS, scored against
the gold files of GOLD with ``score.py`` of the evaluation directory (``--eval``, by default
the one above GOLD). Each article with such an agreement is extracted again to see its frames
and their party candidates. An agreement needs min(2, parties) of its gold parties on one node
to be matched; the classes, tried in this order:

* ``party missing``: fewer than that many of its parties are entities of the article;
* ``no frame``: no agreement frame has an anchor in a sentence that names that many of them
  (the agreement is never detected, or told apart from its parties' sentences);
* ``not candidates``: a frame there has, but those parties are not its party candidates;
* ``not kept``: they are candidates, and the weights keep fewer than that many;
* ``kept``: the frame keeps them, yet no node matches (its node went to another gold agreement
  of the same parties, two agreements merged in one key, or a named frame took them).

Each lost agreement is counted with its required links (PARTY_TO, COVERS ...), which are lost
with it. The counts tell which component to mend: detection, the frame's party gathering, the
weights, or agreement identity.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

from bench.fit_relations import load_scorer
from bench.participation_misses import gold_entity_keys, misses_arguments
from minegraph.loaders.extract import document_context
from minegraph.loaders.reader import read_article
from minegraph.loaders.relations import agreements, extract_relations

CLASSES = ("party missing", "no frame", "not candidates", "not kept", "kept")


def unmatched_agreements(scorer, graph: Path, gold_dir: Path, ids: set[str]) -> set[str]:
    """The required gold agreements no node of the graph matches."""
    gold, _ = scorer.load_gold(gold_dir, ids)
    nodes, edges = scorer.load_graph(graph)
    found = {g for g in scorer.match_entities(nodes, edges, gold).values() if g}
    return {k for k, e in gold.items() if "Agreement" in e["labels"] and not e["optional"] and k not in found}


def _frames_of(ctx) -> tuple[list, list, list]:
    """The article's agreement frames, their candidates and the decisions (as :func:`realise` got them)."""
    got: dict[str, tuple] = {}
    realise = agreements.realise

    def keep_args(ctx_, frames, cands, keep, out):
        got["v"] = (frames, cands, keep)
        return realise(ctx_, frames, cands, keep, out)

    agreements.realise = keep_args
    try:
        extract_relations(ctx)
    finally:
        agreements.realise = realise
    return got.get("v", ([], [], []))


def classify(scorer, doc: Path, gold_file: Path, unmatched: set[str]) -> list[tuple[str, str, int]]:
    """(class, agreement name, required links) for every agreement of ``unmatched`` in one article."""
    g = json.loads(gold_file.read_text())
    ents = {e["id"]: e for e in g["entities"]}
    lost = [e for e in g["entities"] if e["id"] in unmatched and "Agreement" in e["labels"]]
    if not lost:
        return []
    ctx = document_context(read_article(doc))
    frames, cands, keep = _frames_of(ctx)

    def keys_of(gid: str) -> set[str]:
        return gold_entity_keys(scorer.norm, ctx, ents[gid]) if gid in ents else set()

    out = []
    for e in lost:
        links = sum(
            1
            for r in g["relations"]
            if not r.get("optional") and e["id"] in (r["source"], r["target"]) and r["source"] in ents
        )
        parties = {p: keys_of(p) for p in e.get("parties", [])}
        need = min(2, len(parties))
        if sum(bool(k) for k in parties.values()) < max(need, 1):
            out.append(("party missing", e["name"], links))
            continue
        best = None  # (kept, candidates) of the frame that does best with these parties
        for fi, fr in enumerate(frames):
            sents = {a.sent for a in fr.anchors}
            named = {p for p, ks in parties.items() for si in sents for m in ctx.found[si].mentions if m.entity in ks}
            if len(named) < need:
                continue
            roles = [
                (c.source, k) for c, k in zip(cands, keep, strict=False) if c.frame_index == fi and c.group == "party"
            ]
            cand = {p for p, ks in parties.items() if any(s in ks for s, _k in roles)}
            kept = {p for p, ks in parties.items() if any(s in ks and k for s, k in roles)}
            if best is None or (len(kept), len(cand)) > best:
                best = (len(kept), len(cand))
        if best is None:
            cls = "no frame"
        elif best[0] >= need:
            cls = "kept"
        elif best[1] >= need:
            cls = "not kept"
        else:
            cls = "not candidates"
        out.append((cls, e["name"], links))
    return out


def main(argv=None) -> int:
    a = misses_arguments(__doc__, "list every agreement lost, with its class", argv)
    scorer = load_scorer(a.eval or a.gold.parent.parent)
    ids = [i for i in a.ids.split(",") if i]
    unmatched = unmatched_agreements(scorer, a.graph, a.gold, set(ids))
    counts: Counter[str] = Counter()
    links: Counter[str] = Counter()
    for i in ids:
        for cls, name, n in classify(scorer, a.docs / f"{i}.txt", a.gold / f"{i}.json", unmatched):
            counts[cls] += 1
            links[cls] += n
            if a.verbose:
                print(f"{i}\t{cls}\t{n}\t{name}")
    print(
        f"agreements never matched {sum(counts.values())} (required links {sum(links.values())}): "
        + ", ".join(f"{c} {counts[c]} ({links[c]})" for c in CLASSES if counts[c])
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
