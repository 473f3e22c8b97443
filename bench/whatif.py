"""What-if: an in-process build with the corpus-wide scans of a fresh build patched out.

    python -m bench.whatif CORPUS_DIR [--patch retract,document_id,index] [--jobs 1] [-n N]

Runs ``loaders.pipeline.build_paths`` in this process against a fresh embedded store and
prints the time of every 1,000 articles, so the growth of the per-article cost is
visible.  ``--patch`` applies monkeypatches (in this process only; no project file is
changed) that show what a fix would buy:

* ``retract``: ``Graph.absorb`` calls ``Graph.retract(doc_id)``, which scans every node
  and relationship of the graph even when the document was never absorbed.  Patched:
  skip it for a document id the graph has not absorbed (what a per-document index of
  claims would do).
* ``document_id``: ``loaders.pipeline.document_id`` lists every Document node (a scan of all
  nodes) for each article.  Patched: the same answer from a dict of ids.
* ``index``: ``loaders.resolve._Index.update`` computes ``known.nodes.keys() - seen``
  (a set difference over all nodes) for each article.  Patched: skipped when no node
  was added since the last call.

Evidence for bench/README.md and the issue; not part of the suite's table.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path


def apply_patches(names: set[str]) -> None:
    from minegraph.graph import build as build_module
    from minegraph.graph.model import Graph

    if "retract" in names:
        original_retract, original_absorb = Graph.retract, Graph.absorb

        def retract(self: Graph, doc_id: str):  # type: ignore[no-untyped-def]
            if doc_id not in self.__dict__.setdefault("_absorbed", set()):
                return set(), set()
            return original_retract(self, doc_id)

        def absorb(self: Graph, doc_id: str, doc_graph: Graph):  # type: ignore[no-untyped-def]
            result = original_absorb(self, doc_id, doc_graph)
            self.__dict__.setdefault("_absorbed", set()).add(doc_id)
            return result

        Graph.retract, Graph.absorb = retract, absorb  # type: ignore[method-assign]
    if "document_id" in names:
        original_document_id = build_module.document_id
        ids: dict[int, set[str]] = {}

        def document_id(doc, graph):  # type: ignore[no-untyped-def]
            taken = ids.setdefault(id(graph), {n.id for n in graph.by_label("Document")})
            base = doc.id
            if base not in taken and base not in graph.nodes:
                taken.add(base)
                return base
            result = original_document_id(doc, graph)
            taken.add(result)
            return result

        build_module.document_id = document_id
    if "index" in names:
        from minegraph.loaders import resolve

        original_update = resolve._Index.update

        def update(self, known):  # type: ignore[no-untyped-def]
            size = len(known.nodes)
            if getattr(self, "_size", None) == size and len(self.seen) >= size:
                return
            original_update(self, known)
            self._size = size

        resolve._Index.update = update


def main(argv: list[str] | None = None) -> int:
    import psutil

    from minegraph.graph.store import open_store
    from minegraph.loaders.pipeline import build_paths

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus")
    parser.add_argument("--patch", default="", help="comma-separated: retract,document_id,index")
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument("-n", type=int, help="only the first N articles")
    parser.add_argument("--db", help="build into this data directory and keep it (default: a temporary one)")
    args = parser.parse_args(argv)
    patches = {p.strip() for p in args.patch.split(",") if p.strip()}
    apply_patches(patches)
    files = sorted(Path(args.corpus).glob("*.txt"))[: args.n]
    db = Path(args.db) if args.db else Path(tempfile.mkdtemp(prefix="minegraph-whatif-"))
    me = psutil.Process()
    marks: list[dict[str, float]] = []
    peak = {"python_mb": 0.0, "server_mb": 0.0}
    start = last = time.perf_counter()
    count = 0

    def sample() -> None:
        peak["python_mb"] = max(peak["python_mb"], me.memory_info().rss / 2**20)
        for child in me.children(recursive=True):
            try:
                if "redis" in child.name():
                    peak["server_mb"] = max(peak["server_mb"], child.memory_info().rss / 2**20)
            except psutil.Error:
                pass

    def progress(event: str, path: str) -> None:
        nonlocal count, last
        count += 1
        if count % 100 == 0:
            sample()
        if count % 1000 == 0:
            now = time.perf_counter()
            marks.append({"articles": count, "seconds": round(now - last, 1), "elapsed": round(now - start, 1)})
            print(json.dumps(marks[-1]), file=sys.stderr, flush=True)
            last = now

    try:
        with open_store(db) as store:
            report = build_paths(store, files, jobs=args.jobs, progress=progress)
            sample()
    finally:
        if not args.db:
            shutil.rmtree(db, ignore_errors=True)
    result = {"patches": sorted(patches), "articles": len(files), "jobs": args.jobs,
              "seconds": round(time.perf_counter() - start, 1), "nodes": report.nodes,
              "relationships": report.relationships, "per_1000": marks,
              "peak": {k: round(v, 1) for k, v in peak.items()}}
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
