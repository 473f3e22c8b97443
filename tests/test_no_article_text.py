"""Third-party article text stays in ../shared: no run of nine words from an evaluation
article may appear in the project's code, reference data, tests, docs or notebooks.

Words are compared without case or punctuation, so a sentence split over two string
literals, or re-quoted, is still found. Two kinds of run are not text of one article: a
name (most of its words capitalised where the article has it, as in "the Office of Mines,
Quarries and Geological Survey of the Republic of Ruritania"), and a stock phrase that two
or more evaluation articles share word for word. Below nine words, stock phrasing ("ranks
among the leading producers of") is found in the invented corpora more often than any copy,
so the check stops there. The sample corpus in ``data/articles`` (with its own
``SOURCES.md``) and benchmark results are the project's data, not copies."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EVAL = ROOT.parent / "shared" / "eval"
RUN = 9
WORD = re.compile(r"[a-z0-9]+")
#: a word and its ASCII pieces, as WORD splits the lower-cased text ("Générale" -> "g", "n", "rale")
UNICODE_WORD = re.compile(r"[^\W_]+")
#: words a name may hold in lower case ("Bank of ... and ...", "Générale des ... et des ...")
LINKING = {"of", "and", "the", "for", "on", "in", "to", "a", "an", "at", "by", "with", "de", "du", "des", "la",
           "le", "les", "et", "y", "del", "da", "do", "dos", "das", "van", "von", "s"}
SUFFIXES = {".py", ".json", ".md", ".txt", ".cypher", ".js", ".html", ".css", ".ipynb", ".toml", ".cfg", ".sh"}
SKIP = ({".venv", ".git", "node_modules", "__pycache__", ".mypy_cache", ".ruff_cache", ".pytest_cache"},
        (("data", "articles"), ("bench", "results")))


def runs(text: str) -> set[tuple[str, ...]]:
    words = WORD.findall(text.lower())
    return {tuple(words[i:i + RUN]) for i in range(len(words) - RUN + 1)}


def article_runs(text: str) -> dict[tuple[str, ...], bool]:
    """Each run of an article, and whether it reads as a name: at least half of the words it
    holds (linking words aside; a word WORD splits counts once) are capitalised there."""
    pieces: list[tuple[str, int, bool]] = []  # (piece, index of its word, word is capitalised)
    for wi, m in enumerate(UNICODE_WORD.finditer(text)):
        word = m.group()
        for piece in WORD.findall(word.lower()):
            pieces.append((piece, wi, word[0].isupper() or word[0].isdigit()))
    out: dict[tuple[str, ...], bool] = {}
    for i in range(len(pieces) - RUN + 1):
        window = pieces[i:i + RUN]
        words = {wi: (cap, piece) for piece, wi, cap in window}
        held = [cap for cap, piece in words.values() if piece not in LINKING]
        run = tuple(piece for piece, _, _ in window)
        out[run] = out.get(run, True) and (not held or 2 * sum(held) >= len(held))
    return out


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


def test_a_name_is_not_article_text_but_a_sentence_is():
    """The allowance: a run that is an institution's name reads as a name; a run of the
    same length from a sentence does not."""
    article = ("The Ministère des Mines et de la Géologie of the Federal Republic of Ruritania said the "
               "delegation would study cobalt refining near the old river port next spring.")
    got = article_runs(article)
    name = tuple(WORD.findall("ministère des mines et de la géologie of the federal"))[:RUN]
    sentence = tuple(WORD.findall("delegation would study cobalt refining near the old river"))
    assert len(name) == len(sentence) == RUN
    assert got[name] is True
    assert got[sentence] is False


def text_runs(articles: dict[str, str]) -> dict[tuple[str, ...], str]:
    """The runs of the articles (name -> text) that are one article's text, with that article:
    a run that reads as a name, or that two articles share (a stock phrase), is left out."""
    source: dict[tuple[str, ...], str] = {}
    shared: set[tuple[str, ...]] = set()  # stock phrases: in two or more articles
    names: set[tuple[str, ...]] = set()
    for name, text in articles.items():
        for run, is_name in article_runs(text).items():
            if source.setdefault(run, name) != name:
                shared.add(run)
            if is_name:
                names.add(run)
    return {run: doc for run, doc in source.items() if run not in shared and run not in names}


def copied_runs(files: dict[str, str], article_text: dict[tuple[str, ...], str]) -> list[str]:
    """Each file (name -> text) holding a run of ``article_text``, with the first such run."""
    copied = []
    for name, text in files.items():
        found = runs(text) & article_text.keys()
        if found:
            run = min(found)
            copied.append(f"{name}: '{' '.join(run)}' (from {article_text[run]})")
    return copied


def test_a_copied_nine_word_sentence_is_found_but_names_and_stock_phrases_are_not():
    """The whole check on invented articles: nine words of one article's sentence in a file are
    a copy; a name of nine words, or nine words two articles share, are not; eight are too few."""
    articles = {
        "a1.txt": "The Office of Mines, Quarries and Geological Survey of the Republic of Ruritania said "
                  "its inspectors would visit every tin smelter along the northern railway before winter. "
                  "The province ranks among the leading producers of tin ore in the whole wide region today.",
        "a2.txt": "Freedonia said exports fell. The country ranks among the leading producers of tin ore "
                  "in the whole wide region today, officials added.",
    }
    article_text = text_runs(articles)
    files = {
        "sentence.py": '"""Would visit every tin smelter along the northern railway."""',  # nine words
        "eight.py": "# would visit every tin smelter along the northern",
        "name.py": "# the Office of Mines, Quarries and Geological Survey of the Republic of Ruritania",
        "stock.py": "# ranks among the leading producers of tin ore in the whole wide region today",
    }
    copied = copied_runs(files, article_text)
    assert [c.split(":")[0] for c in copied] == ["sentence.py"]
    assert copied[0].endswith("(from a1.txt)")


def test_no_evaluation_article_text_is_copied_into_the_project():
    docs = sorted(EVAL.glob("*/docs/*"))
    if not docs:
        pytest.skip(f"shared evaluation set not found at {EVAL} (it lives beside the repo)")
    article_text = text_runs({doc.name: doc.read_text(encoding="utf-8", errors="ignore") for doc in docs})
    files = {str(p.relative_to(ROOT)): p.read_text(encoding="utf-8", errors="ignore") for p in project_files()}
    copied = copied_runs(files, article_text)
    assert not copied, "article text copied into the project:\n" + "\n".join(copied)
