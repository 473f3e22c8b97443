"""Issue 24, hardening round 3: a hostile row, a hostile query, a hostile server, and
curation that can lose articles.  Each numbered failure of the issue has its tests
here, for real (both stores where a store is involved; a loopback HTTP server for
fetching; subprocesses under a memory limit for runaway queries).  Every sentence is
written for these tests."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from minegraph.cli.main import cli
from minegraph.graph import statements
from minegraph.graph.model import Node
from minegraph.graph.store import Changes, StoreError, StoreUnavailableError, open_store

STORY = ("Chile and Japan signed a memorandum of understanding on lithium supply in Santiago, "
         "the two governments said on Tuesday. The agreement covers lithium and copper. {extra}\n")


def run(*args: str, env: dict[str, str] | None = None):
    return CliRunner().invoke(cli, list(args), env=env, catch_exceptions=False)


def error_line(result) -> str:
    """The one ``Error:`` line of a failed command (and nothing else on stderr)."""
    assert result.exit_code == 1, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("Error: "), result.stderr
    return lines[0]


def articles(folder: Path, count: int, start: int = 0) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(start, start + count):
        path = folder / f"story{i:02d}.txt"
        path.write_text(STORY.format(extra=f"Officials met for round {i} of the talks."))
        paths.append(path)
    return paths


def jsonl(path: Path, rows: list[dict]) -> Path:
    path.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    return path


def snapshot(config) -> list:
    """Every node and relationship with all its stored properties, in a fixed order (raw,
    so a store changed by hand reads too)."""
    with open_store(config) as store:
        rows = store.query(statements.READ_NODES, timeout=None).rows + store.query(
            statements.READ_RELATIONSHIPS, timeout=None).rows
    return sorted(json.dumps(row, sort_keys=True) for row in rows)


# --- 1: one hostile value never half-writes the store -------------------------------------


@pytest.mark.parametrize(("value", "why"), [
    ("a\x00b", "NUL"), ("a\ud800b", "not valid Unicode"), (float("nan"), "NaN"), (float("inf"), "too large"),
    (2**70, "64-bit"), (["a", 1], "one scalar type"), ({"deep": 1}, "unsupported type"),
])
def test_a_value_no_store_holds_is_refused_before_anything_is_written(stores, value, why):
    good = Node("country:cl", "Country", "Chile", [], {"iso2": "CL"})
    bad = Node("mineral:li", "Mineral", "lithium", [], {"note": value})
    with open_store(stores("db")) as store:
        with pytest.raises(StoreError, match=why):
            store.apply(Changes(nodes=[good, bad]))
        assert store.query("MATCH (n) RETURN count(n)").rows == [[0]]


def test_a_title_with_nul_and_escapes_is_cleaned_and_every_article_is_whole(stores, tmp_path):
    export = jsonl(tmp_path / "news.jsonl", [
        {"title": "Plain headline", "text": STORY.format(extra="First row.")},
        {"title": "a\u0000b \u001b[31mred", "text": STORY.format(extra="Second row.")},
        {"title": "Third headline", "text": STORY.format(extra="Third row.")},
    ])
    target = stores.cli_args("db")
    for _ in range(2):  # the second build finds every article stored: nothing doubles
        result = run("build", str(export), *target, "--near-duplicate", "0")
        assert result.exit_code == 0, result.output
    with open_store(stores("db")) as store:
        titles = sorted(r[0] for r in store.query("MATCH (d:Document) RETURN d.title").rows)
        orphans = store.query("MATCH (n) WHERE NOT n:Document AND NOT ()-[:MENTIONS]->(n) RETURN count(n)").rows
    assert titles == ["Plain headline", "Third headline", "ab [31mred"]
    assert orphans == [[0]]
    with open_store(stores("db")) as store:
        graph = store.read_graph()
    for rel in graph.relationships.values():
        assert len(rel.props["doc_ids"]) == len(set(rel.props["doc_ids"]))


def test_a_batch_the_server_fails_half_way_leaves_the_store_as_it_was(stores, tmp_path):
    """A stored link changed by hand (its ``doc_ids`` made a number) makes the server fail
    the batch that takes that article back, after other statements of the batch ran:
    nothing of the batch may stay, on either store."""
    corpus = tmp_path / "corpus"
    first, second = articles(corpus, 2)
    target = stores.cli_args("db")
    assert run("build", str(first), *target).exit_code == 0
    target += ["--near-duplicate", "0"]  # the stories are near-duplicates by design
    with open_store(stores("db")) as store:
        store.query("MATCH (:Document)-[:MENTIONS]->()-[r]->() WITH r LIMIT 1 SET r.doc_ids = 5", write=True)
    before = snapshot(stores("db"))
    first.write_text(STORY.format(extra="The first story, corrected."))  # taken back, then written again
    result = run("build", str(first), str(second), *target)  # one batch: the new article and the changed one
    line = error_line(result)
    assert "nothing was written" in line or "Type mismatch" in line or "type" in line.lower()
    assert snapshot(stores("db")) == before


def test_a_closed_embedded_store_says_it_is_closed(tmp_path):
    store = open_store(tmp_path / "db")
    store.close()
    for call in (lambda: store.query("RETURN 1"), lambda: store.read_graph(), lambda: store.apply(
            Changes(nodes=[Node("country:cl", "Country", "Chile")]))):
        with pytest.raises(StoreUnavailableError, match="is closed"):
            call()
