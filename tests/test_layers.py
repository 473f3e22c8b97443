"""Data flows one way, and the installed namespace holds every package.

The layers, bottom up: ``cypher`` and ``graph`` (model, stores, analytics, map) know no
documents; ``loaders`` (reading, extraction, resolution, the pipeline) uses the graph;
``workbench`` serves a store and receives what it needs of the pipeline from its caller;
``cli`` is the composition root.  A module may import only the packages below it, not
even lazily inside a function.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

try:
    import tomllib
except ImportError:  # Python 3.10
    import tomli as tomllib

REPO = Path(__file__).resolve().parents[1]

ALLOWED = {  # package -> the minegraph packages it may import (besides itself)
    "cypher": set(),
    "graph": set(),
    "loaders": {"graph"},
    "workbench": {"graph", "cypher"},
    "cli": {"graph", "loaders", "cypher", "workbench"},
}


def imported_packages(path: Path) -> set[str]:
    """minegraph packages a module imports anywhere (also inside functions)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        names = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module]
        for name in names:
            parts = name.split(".")
            if parts[0] == "minegraph" and len(parts) > 1:
                found.add(parts[1])
            elif parts[0] in ALLOWED:  # a bare top-level name: the repository folder, never installed
                found.add(f"bare {parts[0]}")
    return found


def modules(package: str) -> list[Path]:
    return sorted((REPO / package).rglob("*.py"))


@pytest.mark.parametrize("package", sorted(ALLOWED))
def test_no_upward_import(package):
    offenders = {}
    for path in modules(package):
        wrong = imported_packages(path) - ALLOWED[package] - {package}
        if wrong:
            offenders[path.relative_to(REPO).as_posix()] = sorted(wrong)
    assert offenders == {}


def test_the_cli_is_the_composition_root():
    used = set().union(*(imported_packages(p) for p in modules("cli")))
    assert {"graph", "loaders", "workbench", "cypher"} <= used


def test_one_orchestrator():
    """extract -> resolve -> document links -> write lives in one module."""
    users = sorted(p.relative_to(REPO).as_posix() for package in ALLOWED for p in modules(package)
                   if "resolve_against" in p.read_text() and p.name != "resolve.py")
    assert users == ["loaders/pipeline.py"]


def test_the_pipeline_leaves_the_store_to_graph():
    """Store semantics (what is written, read, converted) live in graph/: the loaders hand
    resolved graphs to graph.ledger and read through graph.reads, and send no Cypher."""
    for path in modules("loaders"):
        source = path.read_text()
        found = [word for word in ("graph.statements", "import statements", ".query(", "store.apply(")
                 if word in source]
        assert found == [], path.relative_to(REPO).as_posix()


def test_every_package_is_installed_under_the_namespace():
    setuptools = tomllib.loads((REPO / "pyproject.toml").read_text())["tool"]["setuptools"]
    folders = {f"minegraph.{init.parent.relative_to(REPO).as_posix().replace('/', '.')}"
               for package in ALLOWED for init in (REPO / package).rglob("__init__.py")}
    assert folders == set(setuptools["packages"])
    assert setuptools["package-dir"] == {f"minegraph.{package}": package for package in ALLOWED}
