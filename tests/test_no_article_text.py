"""Third-party article text stays in ../shared: no run of twelve words from an evaluation
article may appear in the project's code, reference data, tests, docs or notebooks.

Words are compared without case or punctuation, so a sentence split over two string
literals, or re-quoted, is still found. The sample corpus in ``data/articles`` (with its
own ``SOURCES.md``) and benchmark results are the project's data, not copies."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EVAL = ROOT.parent / "shared" / "eval"
RUN = 12
WORD = re.compile(r"[a-z0-9]+")
SUFFIXES = {".py", ".json", ".md", ".txt", ".cypher", ".js", ".html", ".css", ".ipynb", ".toml", ".cfg", ".sh"}
SKIP = ({".venv", ".git", "node_modules", "__pycache__", ".mypy_cache", ".ruff_cache", ".pytest_cache"},
        (("data", "articles"), ("bench", "results")))


def runs(text: str) -> set[tuple[str, ...]]:
    words = WORD.findall(text.lower())
    return {tuple(words[i:i + RUN]) for i in range(len(words) - RUN + 1)}


def project_files() -> list[Path]:
    """The files the project is made of: those git tracks (a build's map or store in the
    checkout is output, not the project), or every file outside the skipped folders."""
    names, prefixes = SKIP
    out = []
    try:
        listed = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True).stdout
        candidates = [ROOT / name for name in listed.decode("utf-8", "surrogateescape").split("\0") if name]
    except (OSError, subprocess.CalledProcessError):
        candidates = list(ROOT.rglob("*"))
    for path in candidates:
        rel = path.relative_to(ROOT).parts
        if path.suffix not in SUFFIXES or not path.is_file() or names & set(rel):
            continue
        if any(rel[:len(p)] == p for p in prefixes):
            continue
        out.append(path)
    return out


def test_runs_find_a_sentence_split_over_string_literals():
    """The check itself: a sentence re-quoted over two literals still matches."""
    article = "Officials of Ruritania and Freedonia signed a memorandum on cobalt refining in the port city last week."
    code = ('TEXT = ("Officials of Ruritania and Freedonia signed a memorandum "\n'
            '        "on cobalt refining in the port city")')
    assert runs(article) & runs(code)
    assert not runs(article) & runs("Ruritania signed a memorandum on copper with Freedonia in the capital city.")


def test_no_evaluation_article_text_is_copied_into_the_project():
    docs = sorted(EVAL.glob("*/docs/*"))
    if not docs:
        pytest.skip(f"shared evaluation set not found at {EVAL} (it lives beside the repo)")
    article_runs: dict[tuple[str, ...], str] = {}
    for doc in docs:
        for run in runs(doc.read_text(encoding="utf-8", errors="ignore")):
            article_runs.setdefault(run, doc.name)
    copied = []
    for path in project_files():
        found = runs(path.read_text(encoding="utf-8", errors="ignore")) & article_runs.keys()
        if found:
            run = min(found)
            copied.append(f"{path.relative_to(ROOT)}: '{' '.join(run)}' (from {article_runs[run]})")
    assert not copied, "article text copied into the project:\n" + "\n".join(copied)
