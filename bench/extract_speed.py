"""Extraction speed of this checkout against another commit, on the same articles, in one run.

    python -m bench.extract_speed ../shared/eval/train/docs              # against main
    python -m bench.extract_speed ../shared/eval/train/docs --base HEAD~3 --rounds 4

The base commit is checked out into a temporary ``git worktree`` and imported from there
(a ``minegraph`` package of symbolic links to its folders); each round runs one worker
process per side, alternating, and each worker reports the CPU seconds
(``resource.getrusage``) of ``extract_graph`` over every article, imports and reading
excluded. Prints articles per CPU-second for both sides and their ratio.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("cli", "cypher", "graph", "loaders", "workbench")

WORKER = r"""
import json, resource, sys
from pathlib import Path
from minegraph.loaders.extract import extract_graph
from minegraph.loaders.reader import read_article
docs = [read_article(p) for p in sorted(Path(sys.argv[1]).glob("*.txt"))]
extract_graph(docs[0])
def cpu():
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime
t = cpu()
for d in docs:
    extract_graph(d)
print(json.dumps({"docs": len(docs), "cpu": cpu() - t}))
"""


def package_tree(source: Path, into: Path) -> Path:
    """A folder holding ``minegraph/`` as symbolic links to ``source``'s package folders."""
    pkg = into / "minegraph"
    pkg.mkdir(parents=True)
    (pkg / "__init__.py").write_text("")
    for name in PACKAGES:
        if (source / name).is_dir():
            (pkg / name).symlink_to(source / name)
    return into


def run(path: Path, docs: Path) -> dict:
    out = subprocess.run(
        [sys.executable, "-c", WORKER, str(docs)],
        capture_output=True,
        text=True,
        check=True,
        env={"PYTHONPATH": str(path), "PATH": "/usr/bin:/bin"},
        cwd=path,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("docs", type=Path, help="a folder of .txt articles")
    ap.add_argument("--base", default="main", help="the commit to compare against (default: main)")
    ap.add_argument("--rounds", type=int, default=3)
    a = ap.parse_args(argv)
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
            for _ in range(a.rounds):
                for k, path in sides.items():
                    got = run(path, docs)
                    cpu[k] += got["cpu"]
                    n[k] += got["docs"]
        finally:
            subprocess.run(["git", "worktree", "remove", "--force", str(tree)], cwd=ROOT, capture_output=True)
    rate = {k: n[k] / cpu[k] for k in sides}
    base_commit = subprocess.run(["git", "rev-parse", "--short", a.base], cwd=ROOT, capture_output=True, text=True)
    print(f"base {a.base} ({base_commit.stdout.strip()}): {rate['base']:.1f} articles per CPU-second")
    print(f"this checkout: {rate['this']:.1f} articles per CPU-second")
    print(
        f"ratio this/base: {rate['this'] / rate['base']:.3f} ({a.rounds} alternating rounds of {n['this'] // a.rounds})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
