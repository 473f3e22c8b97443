"""Issue 24, hardening round 3: a hostile row, a hostile query, a hostile server, and
curation that can lose articles.  Each numbered failure of the issue has its tests
here, for real (both stores where a store is involved; a loopback HTTP server for
fetching; subprocesses under a memory limit for runaway queries).  Every sentence is
written for these tests."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from cli_helpers import error_line, run

from minegraph.graph import statements
from minegraph.graph.model import Node
from minegraph.graph.store import Changes, StoreError, StoreUnavailableError, open_store

STORY = ("Chile and Japan signed a memorandum of understanding on lithium supply in Santiago, "
         "the two governments said on Tuesday. The agreement covers lithium and copper. {extra}\n")




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
        orphans = store.query("MATCH (n) WHERE NOT n:Document AND NOT n:Build AND NOT ()-[:MENTIONS]->(n) "
                             "RETURN count(n)").rows
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


# --- 6: no traceback aborts a build: one Skipped or Error line naming the row, file or argument ---


def skipped_lines(result) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.startswith("Skipped ")]


def test_a_csv_row_with_an_extra_field_is_one_skipped_line(stores, tmp_path):
    export = tmp_path / "news.csv"
    export.write_text("title,text\n"
                      f'"First headline","{STORY.format(extra="First row.").strip()}"\n'
                      f'"Second headline","{STORY.format(extra="Second row.").strip()}",surplus\n', encoding="utf-8")
    result = run("build", str(export), *stores.cli_args("db"))
    assert result.exit_code == 0, result.output
    assert skipped_lines(result) == [f"Skipped {export.resolve()}#2: row has 3 fields, the header names 2"]
    assert result.stdout.startswith("1 loaded")


@pytest.mark.parametrize(("line", "reason"), [
    ('{"title": "Bad \\ud800 title", "text": "%s"}', "no Unicode character"),
    ('{"text": "%s", "extra": ' + "[" * 100_000 + "]" * 100_000 + "}", "nested too deeply"),
    ('{"text": "%s", "n": ' + "7" * 5000 + "}", "not a readable JSON object"),  # h-reader's case, kept
])
def test_a_jsonl_row_python_or_a_store_cannot_hold_is_one_skipped_line(tmp_path, line, reason):
    export = tmp_path / "news.jsonl"
    good = json.dumps({"title": "Good headline", "text": STORY.format(extra="Good row.")})
    export.write_text(good + "\n" + line.replace("%s", STORY.format(extra="Bad row.").strip()) + "\n",
                      encoding="utf-8")
    result = run("build", str(export), "--db", str(tmp_path / "db"))
    assert result.exit_code == 0, result.output
    [skipped] = skipped_lines(result)
    assert skipped.startswith(f"Skipped {export.resolve()}#2: ") and reason in skipped


@pytest.fixture
def claims_dir(tmp_path) -> Path:
    """Two claims files from two articles written for the test."""
    corpus = articles(tmp_path / "corpus", 2)
    out = tmp_path / "claims"
    assert run("extract", *map(str, corpus), "-o", str(out)).exit_code == 0
    return out


def _edit(path: Path, change) -> None:
    lines = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    change(lines)
    path.write_text("".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines), encoding="utf-8")


def _first(kind: str):
    return lambda lines: next(line[kind] for line in lines if kind in line)


def _raw(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


CLAIMS_DAMAGE = {
    "a surrogate": (lambda p: _raw(p, '"name": "Chile"', '"name": "Chile \\ud800"'), "not valid Unicode"),
    "a backtick key": (lambda p: _edit(p, lambda ls: _first("node")(ls)["props"].update({"a`b": 1})),
                       "not a plain name"),
    "a nested property": (lambda p: _edit(p, lambda ls: _first("node")(ls)["props"].update({"kind": {"x": 1}})),
                          "must be a scalar"),
    "an integer name": (lambda p: _edit(p, lambda ls: _first("node")(ls).update({"name": 5})), "name must be"),
    "a string document": (lambda p: _edit(p, lambda ls: ls[0].update({"document": "x"})), "must be an object"),
    "a string confidence": (lambda p: _edit(p, lambda ls: _first("rel")(ls)["props"].update({"confidence": "high"})),
                            "not a number from 0 to 1"),
    "a bad fingerprint": (lambda p: _edit(p, lambda ls: ls[0]["document"].update({"fingerprint": [1, "x"]})),
                          "fingerprint"),
    "a bad date": (lambda p: _edit(p, lambda ls: ls[0]["document"].update({"published": "2023-13-45"})),
                   "not a date"),
    "a NaN confidence": (lambda p: _raw(p, '"confidence": 0', '"confidence": NaN, "x": 0'), "not a number from 0"),
    "a year of 1e30": (lambda p: _edit(p, lambda ls: _first("node")(ls)["props"].update({"year": 1e30})),
                       "is not a year"),
    "an integer beyond 64 bits": (lambda p: _edit(p, lambda ls: _first("node")(ls)["props"].update(
        {"count": 10**30})), "64-bit"),
    "a property named provenance": (lambda p: _edit(p, lambda ls: _first("node")(ls)["props"].update(
        {"provenance": "{}"})), "minegraph keeps for itself"),
    "deep nesting": (lambda p: _raw(p, '{"node": ', '{"x": ' + "[" * 100_000 + "]" * 100_000 + ', "node": '),
                     "nested too deeply"),
}


@pytest.mark.parametrize("damage", sorted(CLAIMS_DAMAGE))
def test_a_malformed_claims_file_is_one_skipped_line_and_the_rest_loads(claims_dir, stores, damage):
    change, reason = CLAIMS_DAMAGE[damage]
    files = sorted(claims_dir.glob("*.claims.jsonl"))
    change(files[0])
    result = run("load", str(claims_dir), *stores.cli_args("db"))
    assert result.exit_code == 0, result.output
    [skipped] = skipped_lines(result)
    assert skipped.startswith(f"Skipped {files[0]}") and reason in skipped, skipped
    assert result.stdout.startswith("1 loaded")
    assert "Traceback" not in result.output


@pytest.mark.parametrize(("line", "reason"), [
    ('{"n": Infinity, "action": "rename", "who": "x", "when": "", "name": "B", '
     '"node": {"id": "country:cl", "label": "Country", "name": "Chile"}}', "number n"),
    ('{"n": 1, "action": "rename", "who": "x", "when": "", "name": "B", "node": {"id": "country:cl", "name": "C"}}',
     "needs a label"),
    ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
])
def test_a_damaged_curation_file_is_one_error_line_for_build_and_list(tmp_path, line, reason):
    db = tmp_path / "db"
    db.mkdir()
    (db / "curation.jsonl").write_text(line + "\n", encoding="utf-8")
    [article] = articles(tmp_path / "corpus", 1)
    for args in (["build", str(article)], ["curate", "list"]):
        message = error_line(run(*args, "--db", str(db)))
        assert message.startswith(f"Error: {db / 'curation.jsonl'}:1: not a curation decision") and reason in message


def test_a_feeds_seen_file_holding_a_list_is_one_error_line(tmp_path):
    db = tmp_path / "db"
    (db / "sources").mkdir(parents=True)
    (db / "sources" / "feeds-seen.json").write_text('["http://127.0.0.1:9/feed.xml"]', encoding="utf-8")
    message = error_line(run("build", "--feed", "http://127.0.0.1:9/feed.xml", "--db", str(db)))
    assert message.startswith(f"Error: {db / 'sources' / 'feeds-seen.json'}: not a list of seen feed entries")


@pytest.mark.parametrize("args", [[b"build", b"story-\xff.txt"], [b"query", b"RETURN '\xfe'"],
                                  [b"stats", b"--db", b"db-\xff"]])
def test_an_argument_that_is_not_utf8_is_one_error_line(tmp_path, args):
    import subprocess
    import sys

    result = subprocess.run([sys.executable.encode(), b"-m", b"minegraph.cli", *args], cwd=tmp_path,
                            capture_output=True, timeout=120, check=False)
    assert result.returncode == 1
    lines = result.stderr.decode().strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: argument ") and "is not valid UTF-8" in lines[0], lines
    assert not (tmp_path / "minegraph-data").exists()


# --- 2: a hostile query cannot kill the database; a server that died is started again ---------

RUNAWAY = "UNWIND range(1, 2000000000) AS x RETURN count(x)"
#: address space for a command and its server (python, redis-server and FalkorDB map
#: far more than they use; a 2e9-value range() needs 32 GB)
ADDRESS_SPACE = 3 << 30


def _limited() -> None:  # runs in the child before exec
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (ADDRESS_SPACE, ADDRESS_SPACE))


def test_a_runaway_range_is_refused_before_it_runs_under_a_memory_limit(tmp_path):
    import subprocess
    import sys

    db = tmp_path / "db"
    for query in (RUNAWAY, "UNWIND [2000000000] AS n UNWIND range(1, n) AS x RETURN count(x)"):
        result = subprocess.run([sys.executable, "-m", "minegraph.cli", "query", query, "--db", str(db)],
                                capture_output=True, text=True, timeout=120, preexec_fn=_limited, check=False)
        assert result.returncode == 1, result.stderr
        [line] = result.stderr.strip().splitlines()
        assert line.startswith("Error: range(1, ") and "at most 10,000,000 values" in line
    ok = subprocess.run([sys.executable, "-m", "minegraph.cli", "query", "UNWIND range(1, 1000) AS x RETURN count(x)",
                         "--json", "--db", str(db)], capture_output=True, text=True, timeout=120,
                        preexec_fn=_limited, check=False)
    assert ok.returncode == 0 and json.loads(ok.stdout) == [{"count(x)": 1000}], ok.stderr


def test_the_workbench_console_refuses_a_runaway_range_under_a_memory_limit(tmp_path):
    import subprocess
    import sys

    script = f"""
import json, sys
from pathlib import Path
from starlette.testclient import TestClient
from minegraph.graph.store import open_store
from minegraph.workbench.app import create_app
from minegraph.workbench.state import Workbench
with open_store(Path({str(tmp_path / 'db')!r})) as store:
    client = TestClient(create_app(Workbench(store)), base_url="http://127.0.0.1")
    answer = client.post("/api/query", json={{"cypher": {RUNAWAY!r}}}, headers={{"Origin": "http://127.0.0.1"}})
    print(json.dumps([answer.status_code, answer.json()]))
"""
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120,
                            preexec_fn=_limited, check=False)
    assert result.returncode == 0, result.stderr
    status, body = json.loads(result.stdout)
    assert status == 400 and "at most 10,000,000 values" in body["error"]


def test_the_embedded_server_refuses_writes_at_its_memory_ceiling_and_stays_up(tmp_path):
    from minegraph.graph.store import QueryError, StoreConfig

    with open_store(StoreConfig(tmp_path / "db", server_memory_mb=40)) as store:
        names = "x" * 400
        with pytest.raises(QueryError, match=r"memory ceiling \(40 MB\)"):
            for round_number in range(200):
                store.query("UNWIND range(1, 20000) AS i CREATE (:Country {id: $r + '-' + toString(i), name: $n})",
                            {"r": str(round_number), "n": names}, write=True, timeout=None)
        with pytest.raises(StoreError, match="memory ceiling"):
            store.apply(Changes(nodes=[Node("country:zz", "Country", "Zedland")]))
        assert store.query("MATCH (n:Country) RETURN count(n) > 0").rows == [[True]]  # reads still answer
        assert store._server.process.poll() is None


def _wait_logged(db_dir, name: str) -> None:
    """Wait until the server's log holds a write naming ``name``: what a kill leaves is what the
    log has, and ``appendfsync everysec`` lets the log trail the answers by a second or two
    (longer on a loaded machine), so a kill right after an answer may rightly drop that write."""
    import time

    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if any(name.encode() in p.read_bytes() for p in (db_dir / "appendonlydir").glob("*.incr.aof")):
            return
        time.sleep(0.05)
    raise AssertionError(f"the write naming {name} never reached the server's log")


def _kill_server(store) -> None:
    import signal

    store._server.process.send_signal(signal.SIGKILL)
    store._server.process.wait()


def test_a_store_whose_server_died_starts_it_again_and_says_so(tmp_path):
    with open_store(tmp_path / "db") as store:
        store.apply(Changes(nodes=[Node("country:cl", "Country", "Chile")]))
        _wait_logged(tmp_path / "db", "Chile")
        _kill_server(store)  # as the kernel's out-of-memory killer would
        with pytest.raises(StoreUnavailableError, match=r"server stopped while running a query \(it was killed"
                                                        r".*started it again"):
            store.query("MATCH (n) RETURN n.name")
        assert store.query("MATCH (n) RETURN n.name").rows == [["Chile"]]
        _kill_server(store)
        with pytest.raises(StoreUnavailableError, match="started it again"):
            store.apply(Changes(nodes=[Node("country:de", "Country", "Germany")]))
        store.apply(Changes(nodes=[Node("country:de", "Country", "Germany")]))
        assert sorted(r[0] for r in store.query("MATCH (n) RETURN n.name").rows) == ["Chile", "Germany"]


def test_the_workbench_recovers_when_its_server_died(tmp_path):
    from starlette.testclient import TestClient

    from minegraph.workbench.app import create_app
    from minegraph.workbench.state import Workbench

    with open_store(tmp_path / "db") as store:
        store.apply(Changes(nodes=[Node("country:cl", "Country", "Chile")]))
        client = TestClient(create_app(Workbench(store)), base_url="http://127.0.0.1")
        ask = {"json": {"cypher": "MATCH (n) RETURN n.name AS name"}, "headers": {"Origin": "http://127.0.0.1"}}
        _wait_logged(tmp_path / "db", "Chile")
        _kill_server(store)
        answer = client.post("/api/query", **ask)
        assert answer.status_code == 400 and "started it again" in answer.json()["error"]
        answer = client.post("/api/query", **ask)
        assert answer.status_code == 200 and answer.json()["rows"] == [["Chile"]]


# --- 3: article text only from what a build read ----------------------------------------------

SECRET = "Peru signed a tin accord with Bolivia in Cusco, a secret memo said. Nobody else may read it.\n"


def _claims_naming(tmp_path: Path, target: Path) -> Path:
    """A claims folder with one article whose Document path is ``target``."""
    [story] = articles(tmp_path / "elsewhere", 1, start=50)
    out = tmp_path / "claims"
    assert run("extract", str(story), "-o", str(out)).exit_code == 0
    [claims] = out.glob("*.claims.jsonl")
    _edit(claims, lambda lines: lines[0]["document"].update({"path": str(target)}))
    return out


def test_a_claims_file_naming_a_file_that_was_not_built_is_never_served_nor_re_read(tmp_path, stores, monkeypatch):
    from starlette.testclient import TestClient

    from minegraph.cli.main import compose_workbench
    from minegraph.workbench.app import create_app

    monkeypatch.chdir(tmp_path)  # Neo4j keeps the curation file and the built folders in ./minegraph-data
    db = tmp_path / "db" if stores.backend == "falkordb" else tmp_path / "minegraph-data"
    secret = tmp_path / "private" / "passwd.txt"
    secret.parent.mkdir()
    secret.write_text(SECRET)
    target = stores.cli_args("db")
    articles(tmp_path / "corpus", 1)
    assert run("build", str(tmp_path / "corpus"), *target).exit_code == 0
    result = run("load", str(_claims_naming(tmp_path, secret)), *target)
    assert result.exit_code == 0, result.output
    with open_store(stores("db")) as store:
        [[doc_id]] = store.query("MATCH (d:Document {path: $p}) RETURN d.id", {"p": str(secret)}).rows
        client = TestClient(create_app(compose_workbench(store, db)), base_url="http://127.0.0.1")
        answer = client.get("/api/article", params={"id": doc_id}).json()
    assert answer["text"] is None and "not inside a folder that was built" in answer["note"]
    result = run("curate", "rename", "Japan", "Nippon", *target)
    assert result.exit_code == 0, result.output
    assert f"Not re-read (the file is gone or was not built; the decision applies when it is built again): " \
           f"{secret}" in result.stderr
    assert "1 article re-read" in result.stdout  # the built one
    with open_store(stores("db")) as store:
        assert store.query("MATCH (n) WHERE n.name IN ['Peru', 'Bolivia'] RETURN count(n)").rows == [[0]]


@pytest.mark.parametrize("path", ["../etc/passwd", "relative/story.txt", "/srv/../etc/passwd", "file:///etc/passwd"])
def test_load_refuses_a_document_path_that_is_not_absolute_and_plain(tmp_path, path):
    result = run("load", str(_claims_naming(tmp_path, Path("/tmp/x"))), "--db", str(tmp_path / "db"))
    assert result.exit_code == 0  # an absolute path loads (it is only read again inside built folders)
    [claims] = (tmp_path / "claims").glob("*.claims.jsonl")
    _edit(claims, lambda lines: lines[0]["document"].update({"path": path}))
    result = run("load", str(tmp_path / "claims"), "--db", str(tmp_path / "db2"))
    assert result.exit_code == 1
    assert result.stderr.strip().splitlines()[-1].startswith("Error: no article could be loaded")
    [skipped] = skipped_lines(result)
    assert "is not" in skipped and "path" in skipped


def test_the_workbench_serves_a_built_article_and_not_one_behind_a_link_out_of_its_folder(tmp_path):
    from starlette.testclient import TestClient

    from minegraph.cli.main import compose_workbench
    from minegraph.workbench.app import create_app

    corpus = tmp_path / "corpus"
    [story] = articles(corpus, 1)
    db = tmp_path / "db"
    assert run("build", str(corpus), "--db", str(db)).exit_code == 0
    with open_store(db) as store:
        client = TestClient(create_app(compose_workbench(store, db)), base_url="http://127.0.0.1")
        [[doc_id]] = store.query("MATCH (d:Document) RETURN d.id").rows
        assert client.get("/api/article", params={"id": doc_id}).json()["text"].startswith("Chile and Japan")
        secret = tmp_path / "private.txt"
        secret.write_text(SECRET)
        story.unlink()
        story.symlink_to(secret)  # the built file now points out of the folder
        answer = client.get("/api/article", params={"id": doc_id}).json()
    assert answer["text"] is None and "not inside a folder that was built" in answer["note"]


# --- 5: a curation re-read replaces each article atomically, and keeps what it cannot read ----

MENTIONS_PER_DOCUMENT = "MATCH (d:Document) OPTIONAL MATCH (d)-[m:MENTIONS]->() RETURN d.id, count(m) ORDER BY d.id"


def _mentions(config) -> list:
    with open_store(config) as store:
        return store.query(MENTIONS_PER_DOCUMENT, timeout=None).rows


def test_an_article_whose_file_became_unreadable_keeps_what_the_store_has(tmp_path, stores, monkeypatch):
    monkeypatch.chdir(tmp_path)
    corpus = articles(tmp_path / "corpus", 3)
    target = [*stores.cli_args("db"), "--near-duplicate", "0"]
    assert run("build", str(tmp_path / "corpus"), *target).exit_code == 0
    before = _mentions(stores("db"))
    corpus[1].write_bytes(b"\x00\x01\x02 not text any more \x00" * 20)
    result = run("curate", "rename", "Japan", "Nippon", *target[:-2])
    assert result.exit_code == 0, result.output
    assert "2 articles re-read" in result.stdout
    assert f"Not re-read (cannot be read now; the store keeps it as it was): {corpus[1]}" in result.stderr
    assert _mentions(stores("db")) == before


def _watch(stores, db: Path, proc, wanted: int, log_offset: int) -> None:
    """Return as soon as the re-read run ``proc`` has changed the store (an article gone,
    or one re-read under the new name) or has ended."""
    import time

    query = ("MATCH (d:Document) WITH count(d) AS docs OPTIONAL MATCH ()-[m:MENTIONS]->() "
             "WHERE m.claim CONTAINS 'Nippon' RETURN docs, count(m)")
    deadline = time.monotonic() + 300
    if stores.backend == "neo4j":
        with open_store(stores("db")) as store:
            while proc.poll() is None and time.monotonic() < deadline:
                docs, renamed = store.query(query).rows[0]
                if docs < wanted or renamed:
                    return
        return
    from falkordb import FalkorDB
    from redis.exceptions import ResponseError

    from minegraph.graph.falkordb_backend import GRAPH_NAME
    from tests.test_incremental import server_socket

    log = db / "falkordb.log"
    while proc.poll() is None and b"Ready to accept connections" not in log.read_bytes()[log_offset:]:
        time.sleep(0.005)
    if proc.poll() is not None:
        return
    client = FalkorDB(unix_socket_path=str(server_socket(db)))
    try:
        graph = client.select_graph(GRAPH_NAME)
        while proc.poll() is None and time.monotonic() < deadline:
            try:
                docs, renamed = graph.ro_query(query).result_set[0]
            except ResponseError as exc:  # the run's own per-query memory cap, set on the server for a moment
                if "mem consumption" not in str(exc):
                    raise
                continue
            if docs < wanted or renamed:
                return
    finally:
        client.connection.close()


def test_a_curation_re_read_killed_half_way_loses_no_article(tmp_path, stores, monkeypatch):
    """``curate rename`` re-reads 30 articles; it is SIGKILLed as soon as a second client
    sees the store change (an article taken out, or one written under the new name):
    every article must still be there with all its mentions."""
    import signal
    import subprocess
    import sys

    monkeypatch.chdir(tmp_path)
    articles(tmp_path / "corpus", 30)
    target = stores.cli_args("db")
    assert run("build", str(tmp_path / "corpus"), *target, "--near-duplicate", "0").exit_code == 0
    before = _mentions(stores("db"))
    db = tmp_path / "db"
    log_offset = (db / "falkordb.log").stat().st_size if (db / "falkordb.log").exists() else 0
    proc = subprocess.Popen([sys.executable, "-m", "minegraph.cli", "curate", "rename", "Japan", "Nippon", *target],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        _watch(stores, db, proc, len(before), log_offset)
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    assert _mentions(stores("db")) == before


# --- 4: --fetch-timeout bounds the whole answer; Retry-After only up to a cap ---------------


@pytest.fixture
def site():
    from tests.sources_site import Site

    with Site() as served:
        yield served


def _page(headline: str) -> str:
    from tests.sources_site import page

    return page(headline, STORY.format(extra=f"This is the page {headline.lower()}."))


def test_a_server_trickling_its_answer_is_cut_off_at_the_fetch_timeout(site, tmp_path):
    body = _page("Slow page").encode()[:4000]
    url = site.add("/trickle.html", body)
    site.trickle["/trickle.html"] = 0.5  # each byte well inside a 2 s read timeout
    result = run("build", url, "--fetch-timeout", "2", "--db", str(tmp_path / "db"))
    assert result.exit_code == 1
    assert f"Skipped {url}: no complete answer within 2 s" in result.stderr
    assert site.sent["/trickle.html"] < 12  # about 2 s worth, not the 4,000 bytes (33 minutes)


@pytest.mark.parametrize(("wait", "loaded"), [("100000", False), ("1", True)])
def test_retry_after_is_honoured_only_up_to_a_minute(site, tmp_path, wait, loaded):
    url = site.add("/busy.html", _page("Busy page"))
    site.flaky["/busy.html"], site.retry_after["/busy.html"] = 1, wait
    result = run("build", url, "--db", str(tmp_path / "db"))
    if loaded:
        assert result.exit_code == 0, result.output
        assert site.hits["/busy.html"] == 2
    else:
        # (urllib3 reads a Retry-After as at most six hours)
        assert re.search(rf"Skipped {re.escape(url)}: the server asks to wait \d+ s before trying again, more "
                         r"than the 60 s minegraph waits", result.stderr), result.stderr
        assert site.hits["/busy.html"] == 1


# --- 7: exports and terminals --------------------------------------------------------------


def _hostile_export(tmp_path: Path) -> Path:
    return jsonl(tmp_path / "hostile.jsonl", [
        {"title": "=HYPERLINK(\"http://example.invalid\",\"x\")", "text": STORY.format(extra="Formula row.")},
        {"title": "@SUM(1+1)*cmd|' /C calc'!A0", "text": STORY.format(extra="At row.")},
    ])


def test_the_workbench_csv_download_escapes_formulas(tmp_path):
    import csv

    from starlette.testclient import TestClient

    from minegraph.workbench.app import create_app
    from minegraph.workbench.state import Workbench

    db = tmp_path / "db"
    assert run("build", str(_hostile_export(tmp_path)), "--db", str(db), "--near-duplicate", "0").exit_code == 0
    with open_store(db) as store:
        client = TestClient(create_app(Workbench(store)), base_url="http://127.0.0.1")
        answer = client.post("/api/query", json={"cypher": "MATCH (d:Document) RETURN d.title AS t, -1 AS n",
                                                 "format": "csv"}, headers={"Origin": "http://127.0.0.1"})
    rows = list(csv.reader(answer.text.splitlines()))
    assert sorted(rows[1:]) == [["'=HYPERLINK(\"http://example.invalid\",\"x\")", "-1"],
                                ["'@SUM(1+1)*cmd|' /C calc'!A0", "-1"]]  # numbers stay numbers


def test_control_characters_in_titles_keep_graphml_and_gexf_valid_xml(tmp_path):
    from xml.etree import ElementTree

    import networkx as nx

    db = tmp_path / "db"
    export = jsonl(tmp_path / "ctl.jsonl", [{"title": "Bell\u0007 and form\u000cfeed", "text": STORY.format(extra="")}])
    with open_store(db) as store:  # a title stored with its control characters (say, by a --write query)
        pass
    assert run("build", str(export), "--db", str(db)).exit_code == 0
    with open_store(db) as store:
        store.query("MATCH (d:Document) SET d.title = $t, d.name = $t", {"t": "Bell\u0007 and form\u000cfeed"},
                    write=True)
    for fmt in ("graphml", "gexf"):
        out = tmp_path / f"g.{fmt}"
        result = run("export", "--format", fmt, "-o", str(out), "--db", str(db))
        assert result.exit_code == 0, result.output
        ElementTree.parse(out)  # well-formed XML
        read = nx.read_graphml(out) if fmt == "graphml" else nx.read_gexf(out)
        assert "Bell\ufffd and form\ufffdfeed" in {data.get("name") for _, data in read.nodes(data=True)}


def test_escape_sequences_in_titles_and_file_names_never_reach_the_terminal(tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "story\x1b]0;owned\x07.txt").write_text("\x1b[2J" + STORY.format(extra="Escapes."))
    (folder / "bin\x1b[31m.txt").write_bytes(b"\x00\x01\x02" * 100)  # unreadable: named in a Skipped line
    db = tmp_path / "db"
    outputs = [run("build", str(folder), "--db", str(db))]
    with open_store(db) as store:
        store.query("MATCH (d:Document) SET d.title = $t", {"t": "Deal \x1b]0;owned\x07 \x9b31m [/x] signed"},
                    write=True)
    outputs += [run("query", "MATCH (d:Document) RETURN d.title, d.id", "--db", str(db)),
                run("query", "MATCH (d:Document) RETURN d.title", "--json", "--db", str(db)),
                run("remove", "story\x1b]0;owned\x07", "--db", str(db)),
                run("remove", "no\x1b[31msuch", "--db", str(db))]
    for result in outputs:
        assert "Traceback" not in result.output
        for raw in ("\x1b", "\x07", "\x9b"):
            assert raw not in result.stdout and raw not in result.stderr, (result.stdout, result.stderr)
    assert "\\x1b]0;owned\\x07" in outputs[1].stdout and "[/x]" in outputs[1].stdout


# --- 8: smaller ones ---------------------------------------------------------------------------


def test_workbench_bodies_nested_deeply_or_with_lone_surrogates_are_400_and_leave_no_temporary_file(tmp_path):
    from starlette.testclient import TestClient

    from minegraph.cli.main import compose_workbench
    from minegraph.workbench.app import create_app

    db = tmp_path / "db"
    articles(tmp_path / "corpus", 1)
    assert run("build", str(tmp_path / "corpus"), "--db", str(db)).exit_code == 0
    with open_store(db) as store:
        client = TestClient(create_app(compose_workbench(store, db, curate=True)), base_url="http://127.0.0.1")
        headers = {"Origin": "http://127.0.0.1", "Content-Type": "application/json"}
        for path, body in [("/api/query", '{"cypher": ' + "[" * 10_000 + "]" * 10_000 + "}"),
                           ("/api/query", '{"cypher": "RETURN \'\\ud800\'"}'),
                           ("/api/curate/rename", '{"node": "Japan", "name": "N\\udfff", "who": "\\ud800"}')]:
            answer = client.post(path, content=body.encode(), headers=headers)
            assert answer.status_code == 400, (path, answer.text)
    assert not list(db.glob(".curation-*.tmp"))


def test_curation_save_that_fails_leaves_no_temporary_file(tmp_path):
    from minegraph.graph.curation import Curation, CurationError

    curation = Curation(tmp_path / "curation.jsonl")
    curation.rename(Node("country:jp", "Country", "Japan"), "Nippon \ud800", "ana")
    with pytest.raises(CurationError, match="not valid Unicode"):
        curation.save()
    assert list(tmp_path.iterdir()) == []


def test_exports_after_remove_and_rebuild_list_documents_and_evidence_as_a_clean_build(stores, tmp_path):
    corpus = articles(tmp_path / "corpus", 3)
    target = [*stores.cli_args("again"), "--near-duplicate", "0"]
    for path in corpus:  # one by one, then the middle one out and back
        assert run("build", str(path), *target).exit_code == 0
    assert run("remove", str(corpus[1]), *target[:-2]).exit_code == 0
    assert run("build", str(corpus[1]), *target).exit_code == 0

    def exported(name: str, args: list[str]) -> dict[str, str]:
        files = {}
        for fmt in ("json", "graphml"):
            out = tmp_path / f"{name}.{fmt}"
            assert run("export", "--format", fmt, "-o", str(out), *args).exit_code == 0
            files[fmt] = out.read_text(encoding="utf-8")
        return files

    again = exported("again", stores.cli_args("again"))
    assert run("build", str(tmp_path / "corpus"), *stores.cli_args("clean"), "--near-duplicate", "0").exit_code == 0
    assert exported("clean", stores.cli_args("clean")) == again


def test_a_feed_of_many_entries_is_built_a_batch_at_a_time(site, tmp_path):
    from tests.sources_site import feed

    entries = [(f"/news/{i}.html", f"Story {i}", "Tue, 05 Mar 2024 08:00:00 GMT") for i in range(30)]
    for path, title, _ in entries[:5]:
        site.add(path, _page(title))
    url = site.add("/feed.xml", feed(site.base, entries), "application/rss+xml")
    result = run("build", "--feed", url, "--max-entries", "5", "--fetch-delay", "0", "--near-duplicate", "0",
                 "--db", str(tmp_path / "db"))
    assert result.exit_code == 0, result.output
    assert f"Skipped {url}: 25 of its 30 new entries are left for the next build (--max-entries 5)" in result.stderr
    assert sum(site.hits[path] for path, _, _ in entries) == 5


# --- 9: a feed with nothing new is success -----------------------------------------------------


def test_building_a_feed_again_with_nothing_new_says_so_and_exits_0(site, tmp_path):
    from tests.sources_site import feed

    entries = [(f"/news/{i}.html", f"Story {i}", "Tue, 05 Mar 2024 08:00:00 GMT") for i in range(2)]
    for path, title, _ in entries:
        site.add(path, _page(title))
    url = site.add("/feed.xml", feed(site.base, entries), "application/rss+xml")
    args = ["build", "--feed", url, "--fetch-delay", "0", "--near-duplicate", "0", "--db", str(tmp_path / "db")]
    assert run(*args).exit_code == 0
    again = run(*args)
    assert again.exit_code == 0, again.output
    assert again.stderr == ""
    assert again.stdout.startswith("Nothing new: the 2 entries of the feed were built before")
