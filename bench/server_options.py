"""What the embedded FalkorDB server's start-up options cost during a build (issue 13).

    python -m bench.server_options --corpus /work/scale/corpus-1000 --configs baseline,aof400

Each configuration builds the same corpus (``build --jobs 2``) into an empty store with
``graph.server.SERVER_TUNING`` / ``MODULE_TUNING`` replaced, sampled by
``bench.memory.TreeSampler`` (peak PSS and RSS by role), and reads the server's log: how
many append-only-file rewrites ran and the copy-on-write memory each fork reported
("Fork CoW for AOF rewrite: current X MB, peak Y MB").  Nothing asserts a time.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

from bench import RESULTS, log
from bench.memory import run_measured

#: minegraph's own: redis never rewrites by itself, minegraph does between two writes
BASE = ("--auto-aof-rewrite-percentage", "0")
#: name -> (redis options, FalkorDB module arguments)
CONFIGS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "baseline": (BASE, ()),
    # redis's own rewrites, while the build writes (before issue 23)
    "redis_rewrites": (("--auto-aof-rewrite-min-size", "16mb"), ()),
    "aof400": (("--auto-aof-rewrite-min-size", "16mb", "--auto-aof-rewrite-percentage", "400"), ()),
    "aof64mb": (("--auto-aof-rewrite-min-size", "64mb"), ()),
    "threads1": (BASE, ("THREAD_COUNT", "1", "OMP_THREAD_COUNT", "1")),
    "cache1": (BASE, ("CACHE_SIZE", "1")),
    "nodebuf1k": (BASE, ("NODE_CREATION_BUFFER", "1024")),
    "defrag": ((*BASE, "--activedefrag", "yes"), ()),
    "hz1": ((*BASE, "--hz", "1"), ()),
    "noinfo": (BASE, ("CMD_INFO", "no")),
    "lean": (BASE, ("THREAD_COUNT", "1", "NODE_CREATION_BUFFER", "1024", "CMD_INFO", "no")),
    "info_nodebuf": (BASE, ("NODE_CREATION_BUFFER", "1024", "CMD_INFO", "no")),
}

_WRAPPER = ("import sys, minegraph.graph.server as fb; fb.SERVER_TUNING = tuple(sys.argv[1].split()); "
            "fb.MODULE_TUNING = tuple(sys.argv[2].split()); sys.argv = ['minegraph', *sys.argv[3:]]; "
            "from minegraph.cli.main import main; main()")
_COW = re.compile(r"Fork CoW for AOF rewrite: current (\d+) MB, peak (\d+) MB")


def measure(name: str, corpus: Path, work: Path, jobs: int) -> dict[str, Any]:
    server, module = CONFIGS[name]
    db = work / f"db-{name}"
    shutil.rmtree(db, ignore_errors=True)
    args = [sys.executable, "-c", _WRAPPER, " ".join(server), " ".join(module), "build", str(corpus), "--db",
            str(db), "--jobs", str(jobs)]
    out = run_measured(args, db=db)
    text = (db / "falkordb.log").read_text(errors="replace")
    cow = [int(m.group(2)) for m in _COW.finditer(text)]
    result = {"config": name, "server": server, "module": module, "seconds": out["seconds"], "peak": out["peak"],
              "rewrites": text.count("Background append only file rewriting started"), "cow_peak_mb": cow,
              "db_mb": round(sum(f.stat().st_size for f in db.rglob("*") if f.is_file()) / 2**20, 1)}
    p = out["peak"]
    log(f"{name}: {out['seconds']} s, total PSS {p['total_mb']} MB (main {p['main_pss_mb']} / workers "
        f"{p['workers_pss_mb']} / server {p['server_pss_mb']} / fork {p['server_fork_pss_mb']}), summed RSS "
        f"{p['tree_rss_mb']} MB (server {p['server_rss_mb']}, fork {p['server_fork_rss_mb']}); "
        f"{result['rewrites']} rewrites, CoW peaks {cow} MB")
    return result


def markdown(corpus: Path, results: list[dict[str, Any]]) -> str:
    lines = [f"# Server options during `build {corpus.name} --jobs 2`", "",
             "| config | options | wall s | total PSS MB | server PSS / RSS MB | fork PSS / RSS MB | rewrites | "
             "fork CoW peaks MB | store MB |", "|---|---|---|---|---|---|---|---|---|"]
    for r in results:
        p = r["peak"]
        lines.append(f"| {r['config']} | `{' '.join(r['server'] + r['module'])}` | {r['seconds']} | "
                     f"{p['total_mb']:.0f} | {p['server_pss_mb']:.0f} / {p['server_rss_mb']:.0f} | "
                     f"{p['server_fork_pss_mb']:.0f} / {p['server_fork_rss_mb']:.0f} | {r['rewrites']} | "
                     f"{', '.join(map(str, r['cow_peak_mb']))} | {r['db_mb']} |")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", required=True, type=Path)
    parser.add_argument("--configs", default=",".join(CONFIGS))
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--workdir", type=Path)
    args = parser.parse_args(argv)
    work = args.workdir or Path(tempfile.mkdtemp(prefix="mg-server-"))
    work.mkdir(parents=True, exist_ok=True)
    results = [measure(name, args.corpus, work, args.jobs) for name in args.configs.split(",")]
    RESULTS.mkdir(exist_ok=True)
    stem = RESULTS / f"server-options-{args.corpus.name}"
    stem.with_suffix(".json").write_text(json.dumps(results, indent=1))
    stem.with_suffix(".md").write_text(markdown(args.corpus, results))
    sys.stdout.write(markdown(args.corpus, results))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
