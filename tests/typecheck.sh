#!/usr/bin/env bash
# mypy over the installed namespace, minegraph.*.  The repository keeps the packages in
# top-level folders (graph/, loaders/, ...) that pyproject's package-dir maps under
# minegraph.; mypy cannot follow that mapping through an editable install, so it checks
# a temporary tree of symlinks, minegraph/<name> -> the folder, built from the same
# mapping.  The cache stays in the repository's .mypy_cache, so a second run is quick.
# Extra arguments go to mypy.  Uses $PYTHON, else the repository's .venv.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
python="${PYTHON:-$repo/.venv/bin/python}"
tree="$(mktemp -d "${TMPDIR:-/tmp}/minegraph-typecheck.XXXXXX")"
trap 'rm -rf "$tree"' EXIT
"$python" - "$repo" "$tree" <<'EOF'
import sys
from pathlib import Path

try:
    import tomllib
except ImportError:  # Python 3.10: mypy brings tomli
    import tomli as tomllib

repo, tree = Path(sys.argv[1]), Path(sys.argv[2])
mapping = tomllib.loads((repo / "pyproject.toml").read_text())["tool"]["setuptools"]["package-dir"]
(tree / "minegraph").mkdir()
for package, folder in mapping.items():
    top, _, name = package.partition(".")
    if top != "minegraph" or not name or "." in name:
        sys.exit(f"Error: typecheck.sh expects package-dir entries minegraph.<name>, not {package!r}")
    (tree / "minegraph" / name).symlink_to(repo / folder, target_is_directory=True)
EOF
cd "$tree"
"$python" -m mypy --config-file "$repo/pyproject.toml" --cache-dir "$repo/.mypy_cache" -p minegraph "$@"
