"""Regexes of the extraction path are compiled once, at module level: no function of the
extraction package calls ``re.search(r"...", ...)`` (or ``match``, ``sub`` ...) with a pattern
written as a string. ``re`` keeps 512 compiled patterns and the package's module-level ones fill
that cache at import, so each process compiled such a pattern again inside its first pass, and
every call paid the cache's look-up. The functions named here run once a process (reading the
reference data, a page or the claims file), not once a sentence."""

from __future__ import annotations

import ast
from pathlib import Path

import minegraph.loaders

_ROOT = Path(minegraph.loaders.__path__[0])
_FUNCS = {"search", "match", "fullmatch", "sub", "subn", "split", "findall", "finditer"}

#: (file under loaders/, function) that may: each runs once a process or once a file read
_ONCE = {
    ("claims.py", "_props"),
    ("documents.py", "find_title"),
    ("gazetteer.py", "countries"),
    ("gazetteer.py", "subdivisions"),
    ("gazetteer.py", "known_organisations"),
    ("measures/vocabulary.py", "_stems"),
    ("measures/vocabulary.py", "_lead"),
    ("pipeline.py", "load_claims"),
    ("sources/__init__.py", "_doc_id"),
    ("sources/web.py", "read_page"),
}


def _string_patterns(source: str) -> list[tuple[str, int]]:
    """(function, line) of each ``re.FUNC("literal", ...)`` call inside a function of ``source``."""
    got = []
    for fn in ast.walk(ast.parse(source)):
        if not isinstance(fn, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        for node in ast.walk(fn):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and isinstance(node.func.value, ast.Name)
                and node.func.value.id == "re"
                and node.func.attr in _FUNCS
                and node.args
                and isinstance(node.args[0], ast.Constant)
            ):
                got.append((fn.name, node.lineno))
    return got


def test_the_scan_finds_a_string_pattern():
    src = 'import re\n\ndef f(text):\n    return re.search(r"\\bquarry\\b", text)\n'
    assert _string_patterns(src) == [("f", 4)]
    assert _string_patterns('import re\n_Q = re.compile(r"q")\n\ndef f(text):\n    return _Q.search(text)\n') == []


def test_no_string_pattern_in_the_extraction_path():
    found = {}
    for path in sorted(_ROOT.rglob("*.py")):
        rel = path.relative_to(_ROOT).as_posix()
        for name, line in _string_patterns(path.read_text(encoding="utf-8")):
            if (rel, name) not in _ONCE:
                found[f"{rel}:{line}"] = name
    assert not found, found
