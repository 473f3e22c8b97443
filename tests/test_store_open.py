"""Opening the embedded store: the indexes are read and only the missing ones created,
and a server that does not answer while they are created is given up on after a short
wait (graph/server.py OPEN_TIMEOUT), not the 900 s a query may take.

FalkorDB was seen, twice under load, never answering the first CREATE INDEX of a server
it had just started.  Here the real server is made to hold a CREATE INDEX without an
answer with redis's own ``CLIENT PAUSE ... WRITE``: it keeps answering pings and reads
(``db.indexes()``) and holds every write command, GRAPH.QUERY included, until the pause
ends."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import psutil
import pytest

from minegraph.graph import server as servers
from minegraph.graph.falkordb_backend import EmbeddedFalkorStore
from minegraph.graph.model import Node
from minegraph.graph.store import Changes, ServerSilentError, StoreConfig, open_store

#: a sentence written for this test
ARTICLE = "Chile and Germany signed a memorandum of understanding on lithium in March 2023.\n"
#: widens FalkorDB's start-up race (loaded into the server with LD_PRELOAD)
RACE_SHIM = Path(__file__).parent / "fixtures" / "startup_race.c"
#: the index the tests drop, so that opening the store has to create it again
DROPPED = "DROP INDEX FOR (n:Person) ON (n.name_keys)"


def minegraph(*args: str, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "minegraph.cli", *args], capture_output=True, text=True,
                          timeout=120, env={**os.environ, "MINEGRAPH_LOCK_TIMEOUT": "2", **env})


def alive(pid: int) -> bool:
    return psutil.pid_exists(pid) and psutil.Process(pid).status() != psutil.STATUS_ZOMBIE


def indexes(client: Any) -> dict[str, tuple[set[str], bool]]:
    return servers.read_indexes(client.select_graph(servers.GRAPH_NAME))


def indexed(client: Any, expected: dict[str, set[str]]) -> dict[str, set[str]]:
    """The indexed properties of each label, read until they are ``expected`` (for up to
    30 s: a property added to an existing index is listed once the index is filled)."""
    deadline = time.monotonic() + 30
    while True:
        found = {label: keys for label, (keys, _) in indexes(client).items()}
        if found == expected or time.monotonic() > deadline:
            return found
        time.sleep(0.02)


#: every index a store has
ALL = {label: set(keys) for label, keys in servers.wanted_indexes().items()}


def graph_writes(client: Any) -> int:
    """How many GRAPH.QUERY commands (writes and index creations) the server has run."""
    stats = client.connection.info("commandstats")
    return int(stats.get("cmdstat_graph.QUERY", {}).get("calls", 0))


def hold_writes(client: Any) -> None:
    """Drop one index, then hold every write command of the server (for up to 60 s)."""
    client.connection.execute_command("GRAPH.QUERY", servers.GRAPH_NAME, DROPPED)
    # the listing can lag the drop on a loaded machine, as it lags a property added (see ``indexed``)
    deadline = time.monotonic() + 30
    while "name_keys" in indexes(client)["Person"][0] and time.monotonic() < deadline:
        time.sleep(0.02)
    assert "name_keys" not in indexes(client)["Person"][0]
    client.connection.execute_command("CLIENT", "PAUSE", "60000", "WRITE")


def test_every_index_is_made_and_a_store_that_has_them_opens_without_a_write(tmp_path):
    db = tmp_path / "db"
    info = servers.start_shared(db)
    client = servers.connect(info.socket, 10)
    try:
        made = indexed(client, ALL)
        assert made == ALL
        assert made["Country"] == {"id", "name_keys"} and made["Document"] == {"id"}
        before = graph_writes(client)
        with open_store(StoreConfig(db, write=False)) as store:
            assert store.query("MATCH (n) RETURN count(n)").rows == [[0]]
        assert graph_writes(client) == before, "opening a store that has its indexes wrote to it"
        client.connection.execute_command("GRAPH.QUERY", servers.GRAPH_NAME, DROPPED)
        with open_store(StoreConfig(db, write=False)):
            pass
        assert graph_writes(client) == before + 2, "the dropped index, and only it, is made again"
        assert indexed(client, made) == made
    finally:
        client.connection.close()
        servers.stop_shared(db)


def test_a_private_server_silent_while_making_the_indexes_is_replaced(tmp_path):
    db = tmp_path / "db"
    with EmbeddedFalkorStore(db, open_timeout=1) as store:  # queries keep their 900 s
        store.apply(Changes(nodes=[Node("country:cl", "Country", "Chile")]))
        silent = store._server.process.pid
        hold_writes(store._db)
        # the held CREATE INDEX is given up on and a new server makes it; had the store waited for the
        # answer instead, the pause (60 s) would have ended and the silent server would still be serving
        store.ensure_schema()
        assert not alive(silent)
        assert store._server.process.pid != silent
        assert indexed(store._db, ALL) == ALL
        assert store.query("MATCH (n) RETURN n.name").rows == [["Chile"]]


def test_a_private_server_silent_at_every_attempt_gives_one_clear_error_and_the_next_open_is_clean(tmp_path):
    db = tmp_path / "db"
    store = EmbeddedFalkorStore(db, open_timeout=1)
    try:
        store.apply(Changes(nodes=[Node("country:cl", "Country", "Chile")]))
        silent = store._server.process.pid
        hold_writes(store._db)
        with pytest.raises(ServerSilentError) as raised:
            store.ensure_schema(attempts=1)
    finally:
        store.close()
    assert str(raised.value) == (f"the FalkorDB server did not answer within 2 s while creating the indexes on "
                                 f"{db.absolute()}: minegraph stopped it (process {silent}); the store is as it was; "
                                 "try again")
    assert not alive(silent)
    with open_store(db) as again:  # the next command starts its own server and makes the index
        assert again.query("MATCH (n) RETURN n.name").rows == [["Chile"]]
        assert indexed(again._db, ALL) == ALL


def test_a_shared_server_silent_while_making_the_indexes_gives_one_error_line_and_is_left_running(tmp_path):
    db, folder = tmp_path / "db", tmp_path / "articles"
    folder.mkdir()
    (folder / "first.txt").write_text(ARTICLE)
    started = minegraph("store", "start", "--db", str(db))
    assert started.returncode == 0, started.stderr
    info = servers.read_info(db)
    assert info is not None
    client = servers.connect(info.socket, 10)
    try:
        built = minegraph("build", str(folder), "--db", str(db))
        assert built.returncode == 0, built.stderr
        hold_writes(client)
        # had the command waited for the answer, the pause (60 s) would have ended and it would have succeeded
        result = minegraph("stats", "--db", str(db), MINEGRAPH_QUERY_TIMEOUT="1")
        assert result.returncode == 1, (result.stdout, result.stderr)
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and "Traceback" not in result.stderr, result.stderr
        assert re.match(r"Error: the FalkorDB server did not answer within 2 s while creating the indexes: it is "
                        rf"the one `minegraph store start` left running on .*, process {info.pid}, left as it is",
                        lines[0]), lines[0]
        assert alive(info.pid) and servers.read_info(db) == info, "a shared server is never killed"
        client.connection.execute_command("CLIENT", "UNPAUSE")
        again = minegraph("stats", "--db", str(db), MINEGRAPH_QUERY_TIMEOUT="1")
        assert again.returncode == 0, again.stderr
        assert "Chile" in minegraph("query", "MATCH (c:Country) RETURN c.name", "--db", str(db)).stdout
        assert indexed(client, ALL) == ALL
    finally:
        client.connection.execute_command("CLIENT", "UNPAUSE")
        client.connection.close()
        stopped = minegraph("store", "stop", "--db", str(db))
    assert stopped.returncode == 0, stopped.stderr
    assert not alive(info.pid)


def test_the_opening_waits_at_most_its_own_timeout(tmp_path):
    assert servers.open_timeout() == servers.OPEN_TIMEOUT < servers.answer_timeout(None) / 10
    with open_store(StoreConfig(Path(tmp_path / "db"), query_timeout=3)) as store:
        assert store.open_timeout == 3 and store.open_wait == 4.0


def test_the_server_keeps_no_query_statistics(tmp_path):
    """CMD_INFO off: FalkorDB's statistics task raced the module's own start-up and could
    leave the server unable to create its first graph (graph/server.py MODULE_TUNING)."""
    with open_store(StoreConfig(tmp_path / "db", write=False)) as store:
        assert store._db.connection.execute_command("GRAPH.CONFIG", "GET", "CMD_INFO") == ["CMD_INFO", 0]
    assert "Query backlog size" not in (tmp_path / "db" / "falkordb.log").read_text()


def test_the_start_up_race_cannot_block_the_first_graph(tmp_path, monkeypatch):
    """The race itself, made to happen every time: FalkorDB's statistics task read-locks
    the module's global lock before the module initialises it and unlocks it after
    (a shim holds every early read lock 300 ms and delays the initialisation 100 ms).
    With that task on, the server never answered the first CREATE INDEX; off, it must."""
    compiler = shutil.which("cc") or shutil.which("gcc")
    if compiler is None:
        pytest.skip("no C compiler to build the shim")
    shim, log = tmp_path / "startup_race.so", tmp_path / "race.log"
    subprocess.run([compiler, "-shared", "-fPIC", "-O2", "-o", str(shim), str(RACE_SHIM), "-ldl"], check=True)
    monkeypatch.setenv("LD_PRELOAD", str(shim))
    monkeypatch.setenv("STARTUP_RACE_LOG", str(log))
    db = tmp_path / "db"
    servers.prepare_directory(db)
    server = servers.Server(db, 256)
    socket = server.launch()
    monkeypatch.delenv("LD_PRELOAD")
    try:
        assert "initialised a lock late" in log.read_text(), "the shim did not widen the race"
        client = servers.connect(socket, 5)  # before CMD_INFO no: this never answered
        try:
            servers.ensure_indexes(client.select_graph(servers.GRAPH_NAME))
            assert set(indexes(client)) == set(servers.wanted_indexes())
        finally:
            client.connection.close()
    finally:
        assert server.process is not None
        server.process.kill()
        server.wait()


def test_queries_after_the_opening_wait_a_query_s_time(tmp_path):
    """The short wait is the opening's only: a write held 3 s by the server (longer than
    the opening's 2 s) is waited for and done."""
    with EmbeddedFalkorStore(tmp_path / "db", open_timeout=1, query_timeout=30) as store:
        store._db.connection.execute_command("CLIENT", "PAUSE", "3000", "WRITE")
        store.apply(Changes(nodes=[Node("country:cl", "Country", "Chile")]))
        assert store.query("MATCH (n) RETURN n.name").rows == [["Chile"]]
