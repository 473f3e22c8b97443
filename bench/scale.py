"""Scale figures of issue 13: a build, the weekly update, a remove, and the readers.

    python -m bench.scale --sizes 1000,10000 --workdir /tmp/scale

For each size N (generated articles, ``bench.generate``), as subprocesses of the real CLI
with peak memory sampled by process id and parentage (``bench.memory.TreeSampler``: main,
extraction workers, the FalkorDB server, the server's rewrite fork; the total is the peak
of the summed PSS at one instant, the summed RSS is given beside it):

* ``build DIR --jobs 2`` into an empty store, then ``centrality`` (the default table),
  ``centrality --focus`` on the most central actor, and ``map`` (at most 1,000 nodes);
* the weekly update: ``build`` of 20 new articles into a copy of that store, against
  the same 20 into an empty store (start-up included in both), and ``remove`` of one
  article from the copy.

Load averages are recorded beside every figure (the machine is shared).  Results go to
``bench/results/scale-<timestamp>.json`` and ``.md``; nothing asserts a time.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import shutil
import sys
import tempfile
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from bench import RESULTS, log
from bench.generate import generate_corpus
from bench.memory import run_measured
from bench.sections import minegraph_command

UPDATE_ARTICLES = 20


def _load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def measured(args: list[str], db: Path, timeout: float | None = None) -> dict[str, Any]:
    """Wall time, peak RSS by role, and CPU seconds of the whole process tree (every
    process the command started is waited for, so its CPU time is counted): on a
    shared machine the wall time follows the load, the CPU time much less."""
    before = _load()
    cpu = _children_cpu()
    out = run_measured([*minegraph_command(), *args], timeout, db=db)
    out["cpu_s"] = round(_children_cpu() - cpu, 2)
    out["load_before"] = before
    out["load_after"] = _load()
    log(f"{' '.join(args[:2])}: {out['seconds']} s ({out['cpu_s']} CPU-s), peak {out['peak']['total_mb']} MB PSS "
        f"({out['peak']['tree_rss_mb']} MB summed RSS) "
        f"(load {out['load_after']})")
    return out


def top_actor(stdout: str) -> str | None:
    rows = json.loads(stdout)
    return rows[0]["name"] if rows else None


def bench_size(n: int, work: Path, jobs: int, timeout: float | None) -> dict[str, Any]:
    corpus = work / f"corpus-{n}"
    if not corpus.exists():
        generate_corpus(corpus, n)
    extra = work / "update-20"
    if not extra.exists():
        generate_corpus(extra, UPDATE_ARTICLES, seed=424242)
    db = work / f"db-{n}"
    shutil.rmtree(db, ignore_errors=True)
    out: dict[str, Any] = {"articles": n, "jobs": jobs}
    out["build"] = measured(["build", str(corpus), "--db", str(db), "--jobs", str(jobs)], db, timeout)
    match = re.search(r"holds (\d+) nodes and (\d+) relationships", out["build"]["stdout"])
    out["nodes"], out["relationships"] = (int(match.group(1)), int(match.group(2))) if match else (None, None)
    out["centrality"] = measured(["centrality", "--db", str(db), "--top", "10", "--json"], db, timeout)
    actor = top_actor(out["centrality"]["stdout"])
    if actor:
        out["focus"] = measured(["centrality", "--db", str(db), "--focus", actor, "--top", "10"], db, timeout)
        out["focus_actor"] = actor
    out["map"] = measured(["map", "--db", str(db), "-o", str(work / f"map-{n}.html"), "--max-nodes", "1000"], db,
                          timeout)
    copy = work / f"db-{n}-update"
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(db, copy, ignore=shutil.ignore_patterns("run", "*.lock", "*.sock"))
    empty = work / "db-empty-update"
    shutil.rmtree(empty, ignore_errors=True)
    out["update_empty"] = measured(["build", str(extra), "--db", str(empty)], empty, timeout)
    out["update_store"] = measured(["build", str(extra), "--db", str(copy)], copy, timeout)
    out["update_ratio"] = round(out["update_store"]["seconds"] / out["update_empty"]["seconds"], 2)
    out["update_cpu_ratio"] = round(out["update_store"]["cpu_s"] / max(out["update_empty"]["cpu_s"], 0.01), 2)
    victim = sorted(extra.iterdir())[0]
    out["remove"] = measured(["remove", str(victim), "--db", str(copy)], copy, timeout)
    out["db_mb"] = round(sum(f.stat().st_size for f in db.rglob("*") if f.is_file()) / 1024 / 1024, 1)
    return out


def markdown(results: dict[str, Any]) -> str:
    lines = [f"# Scale figures ({results['started']}, `python -m bench.scale --sizes {results['sizes']}`)", "",
             f"Machine: {results['cpus']} cores; load averages (1, 5, 15 min) after each step are given beside it.",
             "Memory: peak at one instant of the processes' summed PSS (proportional set size: a page shared by a "
             "forked child and its parent is counted once), by role (main / extraction workers / FalkorDB server "
             "/ the server's rewrite fork, each its own peak, told apart by pid and parentage); beside it the peak "
             "of the summed RSS, which counts shared pages once per process.", "",
             "| size | step | wall s | CPU s (all processes) | peak MB: total PSS (main / workers / server / "
             "server fork) | peak MB: summed RSS (main / workers / server / server fork) | load |",
             "|---|---|---|---|---|---|---|"]
    roles = ("main", "workers", "server", "server_fork")
    for size in results["runs"]:
        n = f"{size['articles']:,}"
        for step in ("build", "centrality", "focus", "map", "update_empty", "update_store", "remove"):
            if step not in size:
                continue
            m = size[step]
            p = m["peak"]
            pss = " / ".join(f"{p[f'{role}_pss_mb']:.0f}" for role in roles)
            rss = " / ".join(f"{p[f'{role}_rss_mb']:.0f}" for role in roles)
            lines.append(f"| {n} | {step} | {m['seconds']} | {m.get('cpu_s', '')} | {p['total_mb']:.0f} ({pss}) | "
                         f"{p['tree_rss_mb']:.0f} ({rss}) | {m['load_after']} |")
        lines.append(f"| {n} | store | {size['nodes']} nodes, {size['relationships']} rels, {size['db_mb']} MB on "
                     f"disk; weekly update ratio {size['update_ratio']}× (wall), "
                     f"{size['update_cpu_ratio']}× (CPU) | | | | |")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--workdir")
    parser.add_argument("--timeout", type=float, default=3600.0)
    args = parser.parse_args(argv)
    work = Path(args.workdir) if args.workdir else Path(tempfile.mkdtemp(prefix="mg-scale-"))
    work.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    results: dict[str, Any] = {"started": stamp, "sizes": args.sizes, "cpus": os.cpu_count(), "runs": []}
    for n in (int(x) for x in args.sizes.split(",")):
        results["runs"].append(bench_size(n, work, args.jobs, args.timeout))
        RESULTS.mkdir(exist_ok=True)
        (RESULTS / f"scale-{stamp}.json").write_text(json.dumps(results, indent=1))
        (RESULTS / f"scale-{stamp}.md").write_text(markdown(results))
    sys.stdout.write(markdown(results))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
