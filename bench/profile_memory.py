"""Where the main process of a build holds its memory (issue 13).

    python -m bench.profile_memory CLAIMS_DIR --db /tmp/db [--trace] [--out report.txt]

Loads the claims files ``minegraph extract`` wrote the way ``build`` does (one process,
batches of 500, near-duplicate index on), and after each flush prints the process's RSS
before and after the write and its peak.  With ``--trace``, tracemalloc (one frame) also
reports the largest allocation sites held before the last flush and inside the biggest
write (a snapshot as the write's redis pipeline is sent).  tracemalloc roughly doubles
the time and the RSS: compare RSS figures from runs without it.
"""

from __future__ import annotations

import argparse
import linecache
import resource
import shutil
import sys
import time
import tracemalloc
from pathlib import Path
from typing import Any


def _rss_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as fh:
        for line in fh:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def _top(snapshot: tracemalloc.Snapshot, count: int) -> list[str]:
    lines = []
    for stat in snapshot.statistics("lineno")[:count]:
        frame = stat.traceback[0]
        where = frame.filename.split("site-packages/")[-1]
        code = linecache.getline(frame.filename, frame.lineno).strip()[:80]
        lines.append(f"  {stat.size / 2**20:8.1f} MB {stat.count:9d}  {where}:{frame.lineno}  {code}")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("claims", type=Path)
    parser.add_argument("--db", type=Path, required=True, help="a data directory to create (emptied first)")
    parser.add_argument("--trace", action="store_true")
    parser.add_argument("--out", type=Path)
    args = parser.parse_args(argv)
    out = args.out.open("w", encoding="utf-8") if args.out else sys.stdout

    def say(line: str) -> None:
        print(line, file=out, flush=True)

    from minegraph.graph.store import open_store
    from minegraph.loaders import pipeline
    from minegraph.loaders.claims import find_claims, read_claims
    from minegraph.loaders.sources.dedup import DEFAULT_THRESHOLD

    snapshot_filter = [tracemalloc.Filter(False, tracemalloc.__file__)]
    biggest: dict[str, Any] = {"mb": 0.0, "snapshot": None}
    if args.trace:
        import redis.client

        tracemalloc.start(1)
        execute = redis.client.Pipeline.execute

        def traced_execute(self: Any, *a: Any, **k: Any) -> Any:
            current = tracemalloc.get_traced_memory()[0] / 2**20
            if len(self.command_stack) > 1 and current > biggest["mb"]:
                biggest.update(mb=current, snapshot=tracemalloc.take_snapshot().filter_traces(snapshot_filter))
            return execute(self, *a, **k)

        redis.client.Pipeline.execute = traced_execute
    shutil.rmtree(args.db, ignore_errors=True)
    start = time.monotonic()
    with open_store(args.db) as store:
        loader = pipeline.Loader(store, pipeline.DEFAULT_BATCH, None, DEFAULT_THRESHOLD)
        flush = loader.flush
        flushes = 0

        def measured_flush() -> None:
            nonlocal flushes
            before = _rss_mb()
            flush()
            flushes += 1
            line = (f"flush {flushes}: {len(loader.by_path)} articles, {time.monotonic() - start:.0f} s, "
                    f"RSS {before:.0f} MB before the write, {_rss_mb():.0f} MB after, peak "
                    f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")
            if args.trace:
                current, peak = tracemalloc.get_traced_memory()
                line += f"; traced {current / 2**20:.1f} MB, traced peak {peak / 2**20:.1f} MB"
                tracemalloc.reset_peak()
            say(line)

        loader.flush = measured_flush  # type: ignore[method-assign]
        for path in find_claims(args.claims):
            loader.add(read_claims(path))
        if args.trace:
            say("held before the last flush:")
            for line in _top(tracemalloc.take_snapshot().filter_traces(snapshot_filter), 30):
                say(line)
        report = loader.finish()
        say(f"done: {len(report.loaded)} loaded, {len(report.duplicates)} duplicates, "
            f"{time.monotonic() - start:.0f} s")
    if biggest["snapshot"] is not None:
        say(f"inside the biggest write ({biggest['mb']:.0f} MB traced as it was sent):")
        for line in _top(biggest["snapshot"], 25):
            say(line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
