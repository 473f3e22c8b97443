"""The monoliths split along their roles stay split: no function of the extraction package
(``minegraph.loaders``, every module) grows past 60 lines (issue 20), but for the ones not split
yet, named here by module."""

from __future__ import annotations

import ast
import importlib
import inspect
import pkgutil

import pytest

import minegraph.loaders

#: the functions still to split, by module (a split one leaves this list; no new one joins it)
_NOT_YET_SPLIT = {
    "minegraph.loaders.extract": {"_register_sentence", "_resolve_pass"},
    "minegraph.loaders.mentions.names": {"segments", "split_names", "_classify"},
    "minegraph.loaders.mentions.people": {"_titled_complement_people"},
    "minegraph.loaders.relations": {"extract_relations"},
    "minegraph.loaders.relations.agreements": {"named_agreements", "deal_in_clause"},
    "minegraph.loaders.relations.attendance": {"role_feats"},
    "minegraph.loaders.relations.candidates": {"agreement_candidates", "_party_feats"},
    "minegraph.loaders.relations.events": {"attendees"},
    "minegraph.loaders.relations.frames": {"agreement_frames"},
}

#: every module of the extraction package
_MODULES = sorted(
    {minegraph.loaders.__name__}
    | {m.name for m in pkgutil.walk_packages(minegraph.loaders.__path__, minegraph.loaders.__name__ + ".")}
)


def _long_functions(source: str, limit: int = 60) -> dict[str, int]:
    """Each function of ``source`` longer than ``limit`` lines (decorators included) -> its length."""
    got = {}
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            start = min([d.lineno for d in node.decorator_list] + [node.lineno])
            length = (node.end_lineno or node.lineno) - start + 1
            if length > limit:
                got[node.name] = length
    return got


@pytest.mark.parametrize("name", _MODULES)
def test_no_function_of_the_extraction_package_grows_past_60_lines(name):
    allowed = _NOT_YET_SPLIT.get(name, set())
    long = _long_functions(inspect.getsource(importlib.import_module(name)))
    assert set(long) <= allowed, {k: n for k, n in long.items() if k not in allowed}


def test_the_not_yet_split_list_names_only_long_functions():
    # a function split since leaves the list, so that it cannot grow back under its cover
    for name, allowed in _NOT_YET_SPLIT.items():
        assert allowed <= set(_long_functions(inspect.getsource(importlib.import_module(name)))), name


def test_the_size_check_sees_a_long_function():
    body = "".join(f"    x{i} = {i}\n" for i in range(61))
    assert _long_functions(f"@step()\ndef grown():\n{body}") == {"grown": 63}
    assert _long_functions(f"def short():\n{body[:200]}") == {}
