"""Scale figures of issues 13 and 23: a build, the weekly update, a remove, and the readers,
with the store closed (each command starts its own server) and open (``minegraph store
start``: every command uses the running server).

    python -m bench.scale --sizes 1000,10000 --workdir /tmp/scale

For each size N (generated articles, ``bench.generate``), as subprocesses of the real CLI
with peak memory sampled by process id and parentage (``bench.memory.TreeSampler``: main,
extraction workers, the FalkorDB server (the command's own, or the shared one it uses),
the server's rewrite fork; the total is the peak of the summed PSS at one instant, the
summed RSS is given beside it):

* ``build DIR --jobs 2`` into an empty store, then ``centrality`` (the default table),
  ``centrality --focus`` on the most central actor, and ``map`` (at most 1,000 nodes);
* the weekly update: ``build`` of 20 new articles into a copy of that store, against
  the same 20 into an empty store (start-up included in both), and ``remove`` of one
  article from the copy;
* the readers, the update and the remove again with the store open (``*_open``).

A step whose time or memory lands within 15% of its target (:data:`TARGETS`; either
side of it) runs three times, and the table gives the median and the spread
(min-max); a step that takes longer than ``--repeat-max-s`` (a 100,000-article build)
runs once.  Load averages are recorded beside every figure (the machine is shared).
Results go to ``bench/results/scale-<timestamp>.json`` and ``.md``, written after every
step, so a run cut short (a session that ends in a 100,000-article step) keeps what it
measured; ``--resume scale-<timestamp>.json`` carries it on in the same work directory,
skipping the steps recorded (it reuses the stores they built).  Nothing asserts a time.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from bench import RESULTS, log
from bench.generate import generate_corpus
from bench.memory import run_measured
from bench.sections import minegraph_command

UPDATE_ARTICLES = 20
#: (step, size) -> {"seconds": limit, "mb": limit of the summed PSS, "main_mb": limit of the command's own}
TARGETS: dict[tuple[str, int], dict[str, float]] = {
    ("build", 10000): {"seconds": 240.0, "mb": 1024.0},
    ("build", 100000): {"mb": 4096.0},
    ("centrality", 10000): {"seconds": 30.0},
    ("centrality", 100000): {"seconds": 60.0, "main_mb": 1536.0},
    **{("focus", n): {"seconds": 2.0} for n in (1000, 10000, 100000)},
    ("focus_open", 10000): {"seconds": 0.5},
    ("focus_open", 100000): {"seconds": 2.0},
    ("map", 10000): {"seconds": 15.0, "mb": 1024.0},
    ("map", 100000): {"seconds": 30.0, "main_mb": 1536.0},
    **{("remove", n): {"seconds": 2.0} for n in (1000, 10000, 100000)},
    ("remove_open", 10000): {"seconds": 0.5},
    ("remove_open", 100000): {"seconds": 2.0},
}
#: a figure within this share of its target is measured three times
NEAR = 0.15
#: adding 20 articles to the store may take this many times what it takes on an empty one
UPDATE_RATIO = 3.0
READERS = ("centrality", "focus", "map")


def _load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def measured(args: list[str], db: Path, timeout: float | None = None) -> dict[str, Any]:
    """Wall time, peak RSS by role, and CPU seconds of the whole process tree (every
    process the command started is waited for, so its CPU time is counted): on a
    shared machine the wall time follows the load, the CPU time much less.  A shared
    server's CPU time is not the command's (it is not its child)."""
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


def near_target(step: str, n: int, out: dict[str, Any]) -> bool:
    """Whether a figure of this step lands within :data:`NEAR` of its target."""
    target = TARGETS.get((step, n), {})
    figures = {"seconds": out["seconds"], "mb": out["peak"]["total_mb"], "main_mb": out["peak"]["main_pss_mb"]}
    return any(abs(figures[key] - limit) <= NEAR * limit for key, limit in target.items())


def summarised(runs: list[dict[str, Any]]) -> dict[str, Any]:
    """The first run's record with ``runs`` (every run's figures) and the ``median``
    and ``spread`` (min, max) of the wall time and the peaks."""
    first = runs[0]
    first["runs"] = [{"seconds": r["seconds"], "cpu_s": r.get("cpu_s"), "total_mb": r["peak"]["total_mb"],
                      "main_mb": r["peak"]["main_pss_mb"], "load_after": r["load_after"]} for r in runs]
    for key in ("seconds", "total_mb", "main_mb"):
        values = [r[key] for r in first["runs"]]
        first.setdefault("median", {})[key] = statistics.median(values)
        first.setdefault("spread", {})[key] = [min(values), max(values)]
    return first


def repeated(step: str, n: int, run: Any, repeat_max_s: float) -> dict[str, Any]:
    """Run ``run()`` (one measurement) once, and twice more when it lands near its target."""
    runs = [run()]
    if near_target(step, n, runs[0]) and runs[0]["seconds"] <= repeat_max_s:
        runs += [run(), run()]
    return summarised(runs)


def top_actor(stdout: str) -> str | None:
    rows = json.loads(stdout)
    return rows[0]["name"] if rows else None


def _copy(db: Path, to: Path) -> Path:
    shutil.rmtree(to, ignore_errors=True)
    shutil.copytree(db, to, ignore=shutil.ignore_patterns("run", "*.lock", "*.sock", "server.json"))
    return to


def _store(action: str, db: Path) -> None:
    subprocess.run([*minegraph_command(), "store", action, "--db", str(db)], check=True, capture_output=True,
                   text=True)


def _readers(out: dict[str, Any], n: int, db: Path, work: Path, timeout: float | None, repeat_max_s: float,
             suffix: str) -> None:
    out[f"centrality{suffix}"] = repeated(f"centrality{suffix}", n, lambda: measured(
        ["centrality", "--db", str(db), "--top", "10", "--json"], db, timeout), repeat_max_s)
    actor = out.get("focus_actor") or top_actor(out[f"centrality{suffix}"]["stdout"])
    if actor:
        out["focus_actor"] = actor
        out[f"focus{suffix}"] = repeated(f"focus{suffix}", n, lambda: measured(
            ["centrality", "--db", str(db), "--focus", actor, "--top", "10"], db, timeout), repeat_max_s)
    out[f"map{suffix}"] = repeated(f"map{suffix}", n, lambda: measured(
        ["map", "--db", str(db), "-o", str(work / f"map-{n}.html"), "--max-nodes", "1000"], db, timeout),
        repeat_max_s)


def _update_and_remove(out: dict[str, Any], n: int, db: Path, work: Path, extra: Path, timeout: float | None,
                       suffix: str) -> None:
    """The weekly update into a copy of the store and the remove of one of its articles
    (the store open: ``suffix`` "_open", a server started on the copy first); three
    times when the remove or the update's ratio to an empty store lands near its target."""
    victim = sorted(extra.iterdir())[0]
    copy = work / f"db-{n}-update"

    def update() -> dict[str, Any]:
        _copy(db, copy)
        if suffix:
            _store("start", copy)
        try:
            result = measured(["build", str(extra), "--db", str(copy)], copy, timeout)
            result["remove"] = measured(["remove", str(victim), "--db", str(copy)], copy, timeout)
        finally:
            if suffix:
                _store("stop", copy)
        return result

    runs = [update()]
    ratio = runs[0]["seconds"] / out["update_empty"]["median"]["seconds"]
    if near_target(f"remove{suffix}", n, runs[0]["remove"]) or abs(ratio - UPDATE_RATIO) <= NEAR * UPDATE_RATIO:
        runs += [update(), update()]
    removes = [r.pop("remove") for r in runs]
    out[f"update_store{suffix}"] = summarised(runs)
    out[f"remove{suffix}"] = summarised(removes)


def bench_size(n: int, work: Path, jobs: int, timeout: float | None, repeat_max_s: float,
               out: dict[str, Any] | None = None, save: Callable[[], None] = lambda: None) -> dict[str, Any]:
    """Every step of one size into ``out`` (a resumed run's record of this size: its
    recorded steps are skipped), calling ``save`` after each step."""
    corpus = work / f"corpus-{n}"
    if not corpus.exists():
        generate_corpus(corpus, n)
    extra = work / "update-20"
    if not extra.exists():
        generate_corpus(extra, UPDATE_ARTICLES, seed=424242)
    db = work / f"db-{n}"
    out = out if out is not None else {"articles": n, "jobs": jobs}

    def todo(*names: str) -> bool:
        return not all(name in out for name in names)

    def build() -> dict[str, Any]:
        shutil.rmtree(db, ignore_errors=True)
        return measured(["build", str(corpus), "--db", str(db), "--jobs", str(jobs)], db, timeout)

    if todo("build"):
        out["build"] = repeated("build", n, build, repeat_max_s)
        match = re.search(r"holds (\d+) nodes and (\d+) relationships", out["build"]["stdout"])
        out["nodes"], out["relationships"] = (int(match.group(1)), int(match.group(2))) if match else (None, None)
        save()
    if todo(*READERS):
        _readers(out, n, db, work, timeout, repeat_max_s, "")
        save()
    empty = work / "db-empty-update"

    def update_empty() -> dict[str, Any]:
        shutil.rmtree(empty, ignore_errors=True)
        return measured(["build", str(extra), "--db", str(empty)], empty, timeout)

    if todo("update_empty"):
        out["update_empty"] = repeated("update_empty", n, update_empty, repeat_max_s)
        save()
    if todo("update_store", "remove"):
        _update_and_remove(out, n, db, work, extra, timeout, "")
        save()
    if todo(*(f"{reader}_open" for reader in READERS)):
        _store("start", db)
        try:
            _readers(out, n, db, work, timeout, repeat_max_s, "_open")
        finally:
            _store("stop", db)
        save()
    if todo("update_store_open", "remove_open"):
        _update_and_remove(out, n, db, work, extra, timeout, "_open")
    for suffix in ("", "_open"):
        store = out[f"update_store{suffix}"]
        out[f"update_ratio{suffix}"] = round(store["median"]["seconds"] / out["update_empty"]["median"]["seconds"], 2)
    out["update_cpu_ratio"] = round(out["update_store"]["cpu_s"] / max(out["update_empty"]["cpu_s"], 0.01), 2)
    out["db_mb"] = round(sum(f.stat().st_size for f in db.rglob("*") if f.is_file()) / 1024 / 1024, 1)
    save()
    return out


STEPS = ("build", "centrality", "focus", "map", "update_empty", "update_store", "remove",
         "centrality_open", "focus_open", "map_open", "update_store_open", "remove_open")


def _mb(value: float | None) -> str:
    """A peak in MB, or "n/r" where the run did not record it."""
    return "n/r" if value is None else f"{value:.0f}"


def _median(m: dict[str, Any]) -> str:
    runs = m.get("runs") or [m]
    if len(runs) < 2:
        return ""
    lo, hi = m["spread"]["seconds"]
    return f"{m['median']['seconds']} ({lo}–{hi}; {m['median']['total_mb']:.0f} MB)"


def markdown(results: dict[str, Any]) -> str:
    lines = [f"# Scale figures ({results['started']}, `python -m bench.scale --sizes {results['sizes']}`)", "",
             f"Machine: {results['cpus']} cores; load averages (1, 5, 15 min) after each step are given beside it.",
             "Memory: peak at one instant of the processes' summed PSS (proportional set size: a page shared by a "
             "forked child and its parent is counted once), by role (main / extraction workers / FalkorDB server "
             "/ the server's rewrite fork, each its own peak, told apart by pid and parentage); beside it the peak "
             "of the summed RSS, which counts shared pages once per process.  `_open` steps run with the store "
             "open (`minegraph store start`): the server is the shared one, counted with the command.  A step "
             f"within {NEAR:.0%} of its target ran three times: median wall s (min–max; median peak PSS).", "",
             "| size | step | wall s | CPU s (all processes) | peak MB: total PSS (main / workers / server / "
             "server fork) | peak MB: summed RSS (main / workers / server / server fork) | three runs: median "
             "(spread) | load |",
             "|---|---|---|---|---|---|---|---|"]
    roles = ("main", "workers", "server", "server_fork")
    for size in results["runs"]:
        n = f"{size['articles']:,}"
        for step in STEPS:
            if step not in size:
                continue
            m = size[step]
            p = m["peak"]
            pss = " / ".join(_mb(p.get(f"{role}_pss_mb")) for role in roles)
            rss = " / ".join(_mb(p.get(f"{role}_rss_mb")) for role in roles)
            lines.append(f"| {n} | {step} | {m['seconds']} | {m.get('cpu_s', '')} | {p['total_mb']:.0f} ({pss}) | "
                         f"{p['tree_rss_mb']:.0f} ({rss}) | {_median(m)} | {m['load_after']} |")
        if "update_cpu_ratio" not in size:
            continue
        lines.append(f"| {n} | store | {size['nodes']} nodes, {size['relationships']} rels, {size['db_mb']} MB on "
                     f"disk; weekly update ratio {size['update_ratio']}× closed, "
                     f"{size.get('update_ratio_open', '')}× open (wall, medians), "
                     f"{size['update_cpu_ratio']}× (CPU, closed) | | | | | |")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--workdir")
    parser.add_argument("--timeout", type=float, default=3600.0)
    parser.add_argument("--repeat-max-s", type=float, default=300.0,
                        help="a step longer than this runs once even near its target")
    parser.add_argument("--resume", metavar="JSON",
                        help="carry on a run from its results file (same --workdir), skipping its recorded steps")
    args = parser.parse_args(argv)
    work = Path(args.workdir) if args.workdir else Path(tempfile.mkdtemp(prefix="mg-scale-"))
    work.mkdir(parents=True, exist_ok=True)
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip()
    if args.resume:
        results: dict[str, Any] = json.loads(Path(args.resume).read_text())
        results.setdefault("resumed", []).append({"at": datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ"),
                                                  "commit": commit})
    else:
        results = {"started": datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ"), "sizes": args.sizes,
                   "cpus": os.cpu_count(), "runs": [], "commit": commit}
    stamp = results["started"]

    def save() -> None:
        RESULTS.mkdir(exist_ok=True)
        (RESULTS / f"scale-{stamp}.json").write_text(json.dumps(results, indent=1))
        (RESULTS / f"scale-{stamp}.md").write_text(markdown(results))

    for n in (int(x) for x in results["sizes"].split(",")):
        out = next((size for size in results["runs"] if size["articles"] == n), None)
        if out is None:
            out = {"articles": n, "jobs": args.jobs}
            results["runs"].append(out)
        bench_size(n, work, out["jobs"], args.timeout, args.repeat_max_s, out, save)
    sys.stdout.write(markdown(results))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
