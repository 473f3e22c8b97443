"""Extraction speed of this checkout against another commit, on the same articles, in one run.

    python -m bench.extract_speed ../shared/eval/train/docs              # against main
    python -m bench.extract_speed ../shared/eval/train/docs --base HEAD~3 --rounds 4

The base commit is checked out into a temporary ``git worktree`` and imported from there
(a ``minegraph`` package of symbolic links to its folders); each round runs one worker
process per side, alternating, and each worker reports the CPU seconds
(``resource.getrusage``) of ``extract_graph`` over every article, imports and reading
excluded. Prints articles per CPU-second for both sides and their ratio.

``--stages`` also times each stage of extraction on both sides (sentences, mentions, names,
descriptions, each relation rule, the frames, candidates and weights, measures, the graph) and
prints them side by side, the largest growth first: where a slower checkout spends the extra
CPU (the timers cost both sides alike, a few per cent). Each worker runs ``gc.freeze()`` after
the warm-up article, as the build's workers do (``loaders/workers.py``): the garbage collector
then no longer walks what was loaded, and a full collection falling inside one side's pass
weighs less in its figure; ``--no-freeze`` leaves the collector walking everything (as the
bench did before).
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("cli", "cypher", "graph", "loaders", "workbench")

WORKER = r"""
import gc, json, resource, sys, time
from pathlib import Path
import minegraph.loaders.extract as X
from minegraph.loaders.reader import read_article
stages = {}
if "stages" in sys.argv[2:]:
    import importlib
    def timed(f, name):
        def w(*a, **k):
            t = time.process_time()
            try:
                return f(*a, **k)
            finally:
                stages[name] = stages.get(name, 0.0) + time.process_time() - t
        return w
    for mod, names in STAGES:
        try:
            m = importlib.import_module("minegraph.loaders." + mod)
        except ImportError:
            continue
        for name in names:
            owner, _, attr = name.rpartition(".")
            target = getattr(m, owner, None) if owner else m
            f = getattr(target, attr, None)
            if f is not None:
                w = timed(f, f"{mod}.{name}".removeprefix("extract."))
                setattr(target, attr, staticmethod(w) if isinstance(vars(target).get(attr), classmethod) else w)
    R = importlib.import_module("minegraph.loaders.relations")
    for tup in ("DOCUMENT_RULES", "SENTENCE_RULES", "CLOSING_RULES"):
        rules = getattr(R, tup, ())
        setattr(R, tup, tuple(timed(f, f"rule {f.__module__.rsplit('.', 1)[-1]}.{f.__name__}") for f in rules))
docs = [read_article(p) for p in sorted(Path(sys.argv[1]).glob("*.txt"))]
X.extract_graph(docs[0])
if "freeze" in sys.argv[2:]:
    gc.collect()
    gc.freeze()
stages.clear()
def cpu():
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime
t = cpu()
for d in docs:
    X.extract_graph(d)
print(json.dumps({"docs": len(docs), "cpu": cpu() - t, "stages": stages}))
"""

#: (module under ``minegraph.loaders``, the names in it timed as stages with ``--stages``); a name
#: a side does not have is left out of its figures (an older commit has fewer steps)
STAGES: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "extract",
        (
            "split_sentences",
            "bounded_sentences",
            "find_mentions",
            "_register",
            "_resolve_names",
            "headline_events",
            "resolve_descriptions",
            "DocContext.build",
            "extract_measures",
            "fold_duplicate_agreements",
            "_to_graph",
        ),
    ),
    (
        "relations",
        (
            "sentence_facts",
            "agreement_frames",
            "agreement_candidates",
            "event_frames",
            "event_candidates",
            "pair_candidates",
            "RelationModel.decide",
        ),
    ),
    ("relations.agreements", ("realise", "meeting_declarations", "own_bodies")),
    ("relations.cooperation", ("decided_partners",)),
    ("relations.events", ("countries_of_weighed_people",)),
)


def package_tree(source: Path, into: Path) -> Path:
    """A folder holding ``minegraph/`` as symbolic links to ``source``'s package folders."""
    pkg = into / "minegraph"
    pkg.mkdir(parents=True)
    (pkg / "__init__.py").write_text("")
    for name in PACKAGES:
        if (source / name).is_dir():
            (pkg / name).symlink_to(source / name)
    return into


def run(path: Path, docs: Path, flags: tuple[str, ...] = ()) -> dict:
    out = subprocess.run(
        [sys.executable, "-c", f"STAGES = {STAGES!r}\n" + WORKER, str(docs), *flags],
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(path), "PATH": "/usr/bin:/bin"},
        cwd=path,
    )
    if out.returncode != 0:
        raise SystemExit(f"the worker in {path} failed:\n{out.stderr}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("docs", type=Path, help="a folder of .txt articles")
    ap.add_argument("--base", default="main", help="the commit to compare against (default: main)")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--stages", action="store_true", help="also time each stage on both sides")
    ap.add_argument(
        "--freeze",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="gc.freeze() after the warm-up, as the build's workers (the default; --no-freeze: not)",
    )
    a = ap.parse_args(argv)
    flags = tuple(f for f, on in (("stages", a.stages), ("freeze", a.freeze)) if on)
    docs = a.docs.resolve()
    with tempfile.TemporaryDirectory() as tmp:
        tmpdir = Path(tmp)
        tree = tmpdir / "base-tree"
        subprocess.run(
            ["git", "worktree", "add", "--detach", str(tree), a.base], cwd=ROOT, check=True, capture_output=True
        )
        try:
            sides = {"base": package_tree(tree, tmpdir / "base"), "this": package_tree(ROOT, tmpdir / "this")}
            cpu = {k: 0.0 for k in sides}
            n = {k: 0 for k in sides}
            stages: dict[str, dict[str, float]] = {k: {} for k in sides}
            per_round: list[float] = []  # each round's ratio: how far the load moved the two sides apart
            for _ in range(a.rounds):
                this_round = {}
                for k, path in sides.items():
                    got = run(path, docs, flags)
                    cpu[k] += got["cpu"]
                    n[k] += got["docs"]
                    this_round[k] = got["cpu"]
                    for name, v in got.get("stages", {}).items():
                        stages[k][name] = stages[k].get(name, 0.0) + v
                per_round.append(this_round["base"] / this_round["this"])
        finally:
            subprocess.run(["git", "worktree", "remove", "--force", str(tree)], cwd=ROOT, capture_output=True)
    rate = {k: n[k] / cpu[k] for k in sides}
    base_commit = subprocess.run(["git", "rev-parse", "--short", a.base], cwd=ROOT, capture_output=True, text=True)
    print(f"base {a.base} ({base_commit.stdout.strip()}): {rate['base']:.1f} articles per CPU-second")
    print(f"this checkout: {rate['this']:.1f} articles per CPU-second")
    print(
        f"ratio this/base: {rate['this'] / rate['base']:.3f} ({a.rounds} alternating rounds of {n['this'] // a.rounds})"
        + (" [gc.freeze() after the warm-up]" if a.freeze else " [no gc.freeze()]")
    )
    print(
        f"per round: median {statistics.median(per_round):.3f}, from {min(per_round):.3f} to {max(per_round):.3f}"
        " (a wide spread: a busy machine; run more rounds)"
    )
    if a.stages:
        print(stage_table(stages, cpu, a.rounds))
    return 0


def stage_table(stages: dict[str, dict[str, float]], cpu: dict[str, float], rounds: int) -> str:
    """CPU milliseconds per pass of each stage on both sides, the largest growth first, and the
    speed of this side's stage against the base's (base time / this time, as the total's ratio);
    "rest" is what no stage holds (the steps not listed, the garbage collector, the timers)."""
    rows = []
    for k in ("base", "this"):
        stages[k]["rest"] = cpu[k] - sum(stages[k].values())
    names = sorted(set(stages["base"]) | set(stages["this"]))
    for name in names:
        b, t = (stages[k].get(name, 0.0) * 1000 / rounds for k in ("base", "this"))
        rows.append((t - b, name, b, t))
    rows.sort(key=lambda r: (-r[0], r[1]))
    lines = [f"{'stage (CPU ms per pass)':<44} {'base':>9} {'this':>9} {'this-base':>10} {'speed':>7}"]
    for diff, name, b, t in rows:
        ratio = f"{b / t:.2f}" if t > 0 and b > 0 else "-"
        lines.append(f"{name:<44} {b:9.1f} {t:9.1f} {diff:+10.1f} {ratio:>7}")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
