"""A 50 MB article is streamed in pieces: it loads, and memory stays bounded.

    python -m bench.large_file [--mb 50]

The full-size check of ``tests/test_large_file.py`` (which runs the same logic at a
size that takes seconds): ``minegraph build`` of one generated article, peak RSS of the
process sampled every 50 ms, the stored sha256 checked against the file.  Takes many
minutes on a loaded machine; prints the figures and fails (exit 1) when a check does.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil

from minegraph.graph.store import open_store
from minegraph.loaders.documents import file_sha256

PARAGRAPH = ("Officials from Chile and Germany met in Berlin on day {i} to discuss lithium and copper supply. "
             "The ministry said talks on cobalt refining would continue next year.\n")


def check(tmp_path: Path, megabytes: float = 50) -> None:
    path = tmp_path / "huge article.txt"
    with path.open("w", encoding="utf-8") as fh:
        fh.write("Chile and Germany deepen minerals ties\nMarch 3, 2024\n\n")
        i = 0
        while fh.tell() < megabytes * 1_000_000:
            fh.write("".join(PARAGRAPH.format(i=i + k) for k in range(1000)))
            i += 1000
    db = tmp_path / "db"
    proc = subprocess.Popen([sys.executable, "-m", "minegraph.cli", "build", str(path), "--db", str(db)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    watcher = psutil.Process(proc.pid)
    peak = 0
    while proc.poll() is None:
        try:
            peak = max(peak, watcher.memory_info().rss)
        except psutil.NoSuchProcess:
            break
        time.sleep(0.05)
    out, err = proc.communicate()
    assert proc.returncode == 0, err
    assert out.startswith("1 loaded")
    # the file is 50 MB; reading it whole plus its sentences would take several times that
    print(f"{megabytes:g} MB article: peak RSS {peak / 1e6:.0f} MB")
    assert peak < 250_000_000, f"peak RSS {peak / 1e6:.0f} MB"
    with open_store(db) as store:
        graph = store.read_graph()
    (doc,) = graph.by_label("Document")
    assert doc.props["sha256"] == file_sha256(path)
    assert doc.name == "Chile and Germany deepen minerals ties"
    assert {"Chile", "Germany"} <= {n.name for n in graph.by_label("Country")}
    assert all(len(r.props.get("evidence", [])) <= 20 for r in graph.relationships.values())


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser(description="build one large generated article; check memory and sha256")
    parser.add_argument("--mb", type=float, default=50)
    with tempfile.TemporaryDirectory() as work:
        check(Path(work), parser.parse_args().mb)
