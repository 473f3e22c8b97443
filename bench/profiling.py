"""cProfile of in-process builds at two sizes: where the time goes, and which functions
grow faster than the corpus."""

from __future__ import annotations

import cProfile
import io
import pstats
import shutil
import time
from pathlib import Path
from typing import Any

from bench import ROOT, log


def _profile_once(corpus: Path, n: int, db: Path) -> tuple[float, pstats.Stats]:
    from minegraph.graph.store import open_store
    from minegraph.loaders.pipeline import build_paths

    files = sorted(corpus.glob("*.txt"))[:n]
    shutil.rmtree(db, ignore_errors=True)
    profiler = cProfile.Profile()
    with open_store(db) as store:
        start = time.perf_counter()
        profiler.enable()
        build_paths(store, files, jobs=1)
        profiler.disable()
        seconds = time.perf_counter() - start
    shutil.rmtree(db, ignore_errors=True)
    return seconds, pstats.Stats(profiler)


def _project_functions(stats: pstats.Stats) -> dict[str, float]:
    """Cumulative seconds of every function defined in graph/ or loaders/."""
    out: dict[str, float] = {}
    for (filename, line, func), (_cc, _nc, _tt, ct, _callers) in stats.stats.items():  # type: ignore[attr-defined]
        path = Path(filename)
        if path.parent.name in ("graph", "loaders") and str(ROOT) in filename:
            out[f"{path.parent.name}/{path.name}:{line}({func})"] = ct
    return out


def profile_build(corpus: Path, n: int, work: Path, out_path: Path, top: int = 16) -> dict[str, Any]:
    """cProfile in-process builds (``build_paths(store, files, jobs=1)``) of ``n // 2`` and
    ``n`` articles: where the time goes, and which functions grow faster than the corpus
    (a linear function doubles, a quadratic one quadruples)."""
    half = max(1, n // 2)
    log(f"profile: in-process build of {half} articles, jobs=1")
    t_half, s_half = _profile_once(corpus, half, work / "db-profile")
    log(f"profile: in-process build of {n} articles, jobs=1")
    t_full, s_full = _profile_once(corpus, n, work / "db-profile")
    stream = io.StringIO()
    s_full.stream = stream  # type: ignore[attr-defined]
    s_full.sort_stats("cumulative").print_stats(40)
    s_full.sort_stats("tottime").print_stats(40)
    out_path.write_text(stream.getvalue(), encoding="utf-8")
    f_half, f_full = _project_functions(s_half), _project_functions(s_full)
    total = s_full.total_tt  # type: ignore[attr-defined]
    rows = []
    for name, seconds in sorted(f_full.items(), key=lambda kv: -kv[1])[:top]:
        before = f_half.get(name, 0.0)
        rows.append({"function": name, "seconds_half": round(before, 2), "seconds": round(seconds, 2),
                     "growth": round(seconds / before, 2) if before else None,
                     "percent": round(100 * seconds / total, 1)})
    shown = str(out_path.relative_to(ROOT)) if out_path.is_relative_to(ROOT) else str(out_path)
    return {"articles": [half, n], "seconds": [round(t_half, 2), round(t_full, 2)],
            "growth": round(t_full / t_half, 2), "file": shown, "functions": rows}
