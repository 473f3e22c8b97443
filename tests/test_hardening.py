"""Cases a hostile user found in the CLI and the embedded store (issue 10), each for real."""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from cli_helpers import error_line, run

from minegraph.cli.main import cli
from minegraph.graph.falkordb_backend import EmbeddedFalkorStore
from minegraph.graph.store import QueryError, StoreConfig, open_store

# --- 2: a copied or stale redis.pid -----------------------------------------------------


def test_a_copied_pid_file_never_stops_another_live_server(tmp_path):
    original, copy = tmp_path / "original", tmp_path / "copy"
    with open_store(original) as live:
        live.query("CREATE (:Mineral {id: 'mineral:tin', name: 'tin'})", write=True)
        copy.mkdir()
        shutil.copy(original / "redis.pid", copy / "redis.pid")  # a backup taken while it runs
        with open_store(copy) as other:
            assert other.query("MATCH (n) RETURN count(n)").rows == [[0]]
        assert live.query("MATCH (n:Mineral) RETURN n.name").rows == [["tin"]]


def test_a_stale_pid_of_an_unrelated_process_is_left_alone(tmp_path):
    import subprocess
    import sys

    bystander = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        db = tmp_path / "db"
        db.mkdir()
        (db / "redis.pid").write_text(str(bystander.pid))
        with open_store(db) as store:
            assert store.query("RETURN 1").rows == [[1]]
        assert bystander.poll() is None
    finally:
        bystander.kill()
        bystander.wait()


def test_the_server_a_killed_minegraph_left_on_this_directory_is_stopped(tmp_path):
    db = tmp_path / "db"
    first = open_store(db)
    left = first._server.process  # as if minegraph were killed: the locks go, the server stays
    first._server, first._db = None, None
    first._lock.release()
    first._writer.release()
    try:
        with open_store(db) as second:
            assert left.wait(timeout=10) == 0
            assert second.query("RETURN 1").rows == [[1]]
    finally:
        if left.poll() is None:
            left.kill()
            left.wait()


# --- 3: symlinks inside the data directory ----------------------------------------------


@pytest.mark.parametrize("name", ["minegraph.lock", "run", "falkordb.log", "redis.pid", "appendonlydir"])
def test_symlinks_inside_the_data_directory_are_refused(tmp_path, name):
    db = tmp_path / "db"
    db.mkdir()
    target = tmp_path / "elsewhere"
    if name in ("run", "appendonlydir"):
        target.mkdir(mode=0o755)
    else:
        target.write_text("precious")
    (db / name).symlink_to(target)
    result = run("stats", "--db", str(db))
    assert f"{name} is a symbolic link" in error_line(result)
    if target.is_dir():
        assert oct(target.stat().st_mode & 0o777) == "0o755"
        assert list(target.iterdir()) == []
    else:
        assert target.read_text() == "precious"


# --- 4: MINEGRAPH_LOCK_TIMEOUT ----------------------------------------------------------


@pytest.mark.parametrize("value", ["abc", "-1", "nan", "inf"])
def test_a_bad_lock_timeout_is_one_error_line(tmp_path, value):
    result = run("stats", "--db", str(tmp_path / "db"), env={"MINEGRAPH_LOCK_TIMEOUT": value})
    assert error_line(result) == (f"Error: MINEGRAPH_LOCK_TIMEOUT must be a number of seconds (0 or more), "
                                  f"not {value!r}")
    assert not (tmp_path / "db").exists()


def test_a_good_lock_timeout_is_used(tmp_path):
    result = run("stats", "--db", str(tmp_path / "db"), "--json", env={"MINEGRAPH_LOCK_TIMEOUT": "0.5"})
    assert result.exit_code == 0, result.output


def test_the_library_refuses_a_negative_lock_timeout(tmp_path):
    with pytest.raises(ValueError, match="lock_timeout"):
        EmbeddedFalkorStore(tmp_path / "db", lock_timeout=-1)


# --- 10: LOAD CSV in a read-only query ---------------------------------------------------


class Listener:
    """A loopback TCP port that records whether anything connected to it."""

    def __init__(self) -> None:
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.sock.settimeout(5)
        self.port = self.sock.getsockname()[1]
        self.connections = 0
        self.thread = threading.Thread(target=self._accept, daemon=True)
        self.thread.start()

    def _accept(self) -> None:
        try:
            conn, _ = self.sock.accept()
        except OSError:
            return
        self.connections += 1
        conn.close()

    def close(self) -> None:
        self.sock.close()
        self.thread.join(timeout=10)


@pytest.fixture
def listener():
    server = Listener()
    yield server
    server.close()


LOADS = [
    "LOAD CSV FROM 'https://127.0.0.1:{port}/rows.csv' AS row RETURN row",
    "MATCH (n) WITH collect(n.name) AS names load /* quiet */ csv WITH HEADERS FROM "
    "'https://127.0.0.1:{port}/?q=' + names[0] AS row RETURN count(row)",
]


@pytest.mark.parametrize("text", LOADS)
def test_load_csv_is_refused_in_a_read_only_query(tmp_path, listener, text):
    result = run("query", text.format(port=listener.port), "--db", str(tmp_path / "db"))
    assert error_line(result) == ("Error: the query loads external data (LOAD CSV); a read-only query may not reach "
                                  "the network or files unless --allow-load-csv (or --write) is given")
    listener.close()
    assert listener.connections == 0


def test_load_csv_runs_when_allowed(tmp_path, listener):
    result = run("query", LOADS[0].format(port=listener.port), "--allow-load-csv", "--db", str(tmp_path / "db"))
    assert result.exit_code in (0, 1), result.output  # the fetch itself fails: no TLS here
    listener.thread.join(timeout=10)
    assert listener.connections == 1


def test_every_store_refuses_load_csv_and_bad_parameters(store, listener):
    """Through the store itself (the fixture is whichever store the suite runs on)."""
    with pytest.raises(QueryError, match=r"loads external data \(LOAD CSV\)"):
        store.query(LOADS[0].format(port=listener.port))
    with pytest.raises(QueryError, match=r"parameter \$big: 36893488147419103232 is beyond the 64-bit"):
        store.query("RETURN $big", {"big": 2**65})
    with pytest.raises(QueryError, match=r"uses \$absent but no value"):
        store.query("RETURN $absent")
    listener.close()
    assert listener.connections == 0


@pytest.mark.parametrize("text", ["RETURN 'LOAD CSV FROM x' AS words", "RETURN 1 // load csv later",
                                  "MATCH (n:`load csv`) RETURN n"])
def test_load_csv_as_text_or_comment_is_no_load(store, text):
    store.query(text)


# --- 12: parameters that cannot be represented, and missing ones ------------------------


@pytest.mark.parametrize(("param", "message"), [
    ("x=1e400", "parameter $x: the number is too large to represent (inf)"),
    ("x=-1e400", "parameter $x: the number is too large to represent (-inf)"),
    ("x=NaN", "parameter $x: NaN is not a number the database can store"),
    ('x="a\\u0000b"', "parameter $x: text contains a NUL character"),
    ("x=18446744073709551616", "parameter $x: 18446744073709551616 is beyond the 64-bit integer range"),
    ("x=-9223372036854775809", "parameter $x: -9223372036854775809 is beyond the 64-bit integer range"),
    ('x=[1, {"deep": 1e999}]', "parameter $x[1].deep: the number is too large to represent (inf)"),
])
def test_unrepresentable_parameters_are_one_error_naming_them(tmp_path, param, message):
    result = run("query", "RETURN $x AS x", "--param", param, "--db", str(tmp_path / "db"))
    assert error_line(result) == f"Error: {message}"


def test_the_edges_of_the_integer_range_are_exact(store):
    assert store.query("RETURN $a, $b", {"a": 2**63 - 1, "b": -(2**63)}).rows == [[2**63 - 1, -(2**63)]]


def test_a_missing_parameter_is_named(tmp_path):
    result = run("query", "MATCH (c:Country) WHERE c.name = $country OR c.iso2 = $code RETURN c",
                 "--param", "code=CL", "--db", str(tmp_path / "db"))
    assert error_line(result) == "Error: the query uses $country but no value was given (--param country=...)"


def test_dollar_signs_in_text_are_no_parameters(store):
    assert store.query("RETURN 'costs $5' AS price // or $6").rows == [["costs $5"]]


# --- 11: a per-query memory cap on the embedded server ----------------------------------

HUNGRY = "UNWIND range(1, 9000000) AS x RETURN size(collect(x)) AS n"  # under the range() cap of issue 24


def test_a_query_over_the_memory_cap_is_one_error_line(tmp_path):
    result = run("query", HUNGRY, "--max-memory", "50", "--timeout", "60", "--db", str(tmp_path / "db"))
    assert error_line(result) == ("Error: the query needed more memory than it may use (50 MB); "
                                  "raise --max-memory to allow more")


def test_the_memory_cap_applies_to_queries_and_the_store_goes_on(tmp_path):
    with open_store(StoreConfig(tmp_path / "db", query_memory_mb=50)) as store:
        with pytest.raises(QueryError, match="more memory than it may use"):
            store.query(HUNGRY, timeout=60)
        assert store.query("UNWIND range(1, 1000) AS x RETURN size(collect(x))").rows == [[1000]]
        store.query("CREATE (:Mineral {id: 'mineral:tin', name: 'tin'})", write=True)
        assert len(store.read_graph().nodes) == 1


# --- 16: everyday friction --------------------------------------------------------------

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "articles"
REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    db = tmp_path_factory.mktemp("friction") / "db"
    result = run("build", str(FIXTURES), "--db", str(db))
    assert result.exit_code == 0, result.output
    return db, result


def test_a_build_writes_nothing_to_stderr_when_nothing_was_skipped(built):
    _, result = built
    assert result.stderr == ""


def test_focusing_a_mineral_says_what_can_be_focused(built):
    db, _ = built
    result = run("centrality", "--focus", "lithium", "--db", str(db))
    assert error_line(result) == ("Error: 'lithium' is a Mineral; only countries, agencies and companies can be "
                                  "focused (to rank ties through a mineral use --mineral)")


def test_focusing_an_unknown_name_still_suggests(built):
    db, _ = built
    assert error_line(run("centrality", "--focus", "Chilee", "--db", str(db))).startswith(
        "Error: no entity named 'Chilee'; did you mean 'Chile'")


def test_map_since_after_until_is_a_usage_error(built, tmp_path):
    db, _ = built
    result = run("map", "--since", "2030", "--until", "2020", "--db", str(db), "-o", str(tmp_path / "m.html"))
    assert result.exit_code == 2
    assert "Error: --since 2030 is after --until 2020" in result.stderr
    assert not (tmp_path / "m.html").exists()


def test_map_open_without_a_browser_says_so(built, tmp_path):
    db, _ = built
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "TERM", "BROWSER")}
    env["BROWSER"] = str(tmp_path / "no-such-browser")
    out = tmp_path / "m.html"
    result = subprocess.run([sys.executable, "-m", "minegraph.cli", "map", "--open", "--db", str(db), "-o", str(out)],
                            capture_output=True, text=True, env=env, timeout=120, check=False)
    assert result.returncode == 0, result.stderr
    assert out.exists()
    assert result.stderr.strip().splitlines() == [f"No web browser could be opened; open {out.resolve().as_uri()}"]


@pytest.mark.parametrize("command", sorted(cli.commands))
def test_help_examples_name_only_files_that_exist(command):
    result = run(command, "--help")
    for token in re.findall(r"(?<![\w/.-])((?:data|tests|cypher|docs)/[\w./-]+\.\w+)", result.stdout):
        if not re.search(r"[A-Z]{2,}", token):  # not a placeholder such as cypher/NAME.cypher
            assert (REPO / token).exists(), f"{command} --help names {token}, which does not exist"


def test_closing_while_the_server_rewrites_its_log_still_stops_it_cleanly(tmp_path, monkeypatch):
    """A rewrite of the append-only log already running when the store closes (the server
    starts one on its own as the log grows) must not skip the shutdown: the server is
    asked to stop and says so, instead of being killed after a long wait."""
    import minegraph.graph.server as server

    monkeypatch.setattr(server, "AOF_COMPACT_BYTES", 1)
    db = tmp_path / "db"
    store = EmbeddedFalkorStore(db)
    store.ensure_schema()
    store.query("UNWIND range(1, 20000) AS i CREATE (:Country {id: 'c' + toString(i), name: 'x'})", write=True)
    store._db.connection.bgrewriteaof()  # the server's own rewrite, in progress as close() begins
    store.close()
    log = (db / "falkordb.log").read_text(errors="replace")
    assert "User requested shutdown" in log
