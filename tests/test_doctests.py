"""The ``>>>`` examples in the package's docstrings run, as the installed modules.

pytest's own ``--doctest-modules`` would import ``graph/analytics.py`` under its folder
name (``graph.analytics``), a second copy beside ``minegraph.graph.analytics`` whose
classes are not the installed ones; so each module is imported by its namespaced name
and its examples are run with :mod:`doctest`.
"""

from __future__ import annotations

import doctest
import importlib
import io
from pathlib import Path

import pytest

try:
    import tomllib
except ImportError:  # Python 3.10
    import tomli as tomllib

REPO = Path(__file__).resolve().parents[1]
PACKAGE_DIRS = tomllib.loads((REPO / "pyproject.toml").read_text())["tool"]["setuptools"]["package-dir"]


def module_name(package: str, folder: Path, path: Path) -> str:
    parts = list(path.relative_to(folder).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join([package, *parts])


#: every module of the namespace whose source holds an example
MODULES = sorted(
    module_name(package, REPO / folder, path)
    for package, folder in PACKAGE_DIRS.items()
    for path in (REPO / folder).rglob("*.py")
    if ">>>" in path.read_text(encoding="utf-8")
)


def test_the_examples_are_found():
    # a module list that came out empty would make the test below vanish without failing
    assert "minegraph.graph.analytics" in MODULES


@pytest.mark.parametrize("name", MODULES)
def test_doctests(name):
    module = importlib.import_module(name)
    tests = [t for t in doctest.DocTestFinder().find(module) if t.examples]
    assert tests, f"{name} has '>>>' in its source but no docstring example doctest can run"
    out = io.StringIO()
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    for test in tests:
        runner.run(test, out=out.write)
    result = runner.summarize(verbose=False)
    assert result.failed == 0, out.getvalue()
    assert result.attempted > 0
