"""Data flows one way: ``graph/`` never imports ``loaders/``; only the CLI imports both."""

from __future__ import annotations

import ast
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def imported_packages(path: Path) -> set[str]:
    """Top-level packages a module imports anywhere (also inside functions)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            found.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module.split(".")[0])
    return found


def test_graph_does_not_import_loaders_except_the_cli():
    offenders = sorted(p.name for p in (REPO / "graph").glob("*.py")
                       if p.name != "cli.py" and "loaders" in imported_packages(p))
    assert offenders == []


def test_the_cli_is_the_composition_root():
    assert {"graph", "loaders"} <= imported_packages(REPO / "graph" / "cli.py")


def test_one_orchestrator():
    """extract -> resolve -> document links -> write lives in one module."""
    modules = [p for folder in ("graph", "loaders") for p in (REPO / folder).glob("*.py")]
    users = sorted(p.relative_to(REPO).as_posix() for p in modules
                   if "resolve_against" in p.read_text() and p.name != "resolve.py")
    assert users == ["loaders/pipeline.py"]
