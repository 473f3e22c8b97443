"""A data directory's server that stays open (``minegraph store start|stop|status``), the
workbench's shared server, and the locks: one writer at a time, readers beside it."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest

from minegraph.graph.falkordb_backend import EmbeddedFalkorStore
from minegraph.graph.model import Graph, Node
from minegraph.graph.server import read_info, server_status, start_shared, stop_shared
from minegraph.graph.store import Changes, QueryError, StoreBusyError, StoreConfig, StoreError, open_store


def minegraph(*args: str, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "minegraph.cli", *args], capture_output=True, text=True,
                          timeout=timeout, env={**os.environ, "MINEGRAPH_LOCK_TIMEOUT": "2"})


def alive(pid: int) -> bool:
    return psutil.pid_exists(pid) and psutil.Process(pid).status() != psutil.STATUS_ZOMBIE


@pytest.fixture
def shared(tmp_path):
    """A shared server on a fresh data directory, stopped after the test."""
    db = tmp_path / "db"
    info = start_shared(db)
    yield db, info
    stop_shared(db, lock_timeout=5)
    assert not alive(info.pid)


def test_store_start_leaves_a_server_every_command_uses_until_stop(tmp_path):
    db = tmp_path / "db"
    started = minegraph("store", "start", "--db", str(db))
    assert started.returncode == 0, started.stderr
    info = read_info(db)
    assert info is not None and alive(info.pid), "the server outlives the command that started it"
    assert f"Server {info.pid} runs on" in started.stdout
    wrote = minegraph("query", "CREATE (:Mineral {id: 'tin', name: 'tin'})", "--write", "--db", str(db))
    assert wrote.returncode == 0, wrote.stderr
    counted = minegraph("stats", "--json", "--db", str(db))
    assert json.loads(counted.stdout)["nodes"] == {"Mineral": 1}
    assert read_info(db) == info and alive(info.pid), "the commands used the server and left it running"
    status = minegraph("store", "status", "--json", "--db", str(db))
    assert json.loads(status.stdout) | {"uptime_s": 0, "memory_mb": 0} == {
        "running": True, "shared": True, "db": str(db.resolve()), "pid": info.pid, "socket": info.socket,
        "owner": None, "uptime_s": 0, "memory_mb": 0, "clients": 0, "writing": False}
    again = minegraph("store", "start", "--db", str(db))
    assert again.returncode == 1 and f"a server already runs on {db.resolve()} (pid {info.pid})" in again.stderr
    stopped = minegraph("store", "stop", "--db", str(db))
    assert stopped.returncode == 0 and f"Stopped server {info.pid}" in stopped.stdout
    assert not alive(info.pid) and read_info(db) is None
    # the next command starts (and stops) its own server on what the shared one saved
    after = minegraph("stats", "--json", "--db", str(db))
    assert json.loads(after.stdout)["nodes"] == {"Mineral": 1}
    assert minegraph("store", "status", "--db", str(db)).stdout.strip() == f"No server runs on {db.resolve()}"


def test_store_stop_without_a_server_says_so(tmp_path):
    result = minegraph("store", "stop", "--db", str(tmp_path / "db"))
    assert result.returncode == 0 and result.stderr.strip() == f"No server runs on {(tmp_path / 'db').resolve()}"


def test_store_commands_refuse_neo4j(tmp_path):
    result = minegraph("store", "start", "--neo4j-uri", "bolt://127.0.0.1:9")
    assert result.returncode == 1
    assert result.stderr.strip().splitlines()[-1].startswith("Error: bolt://127.0.0.1:9 is a Neo4j server, always open")


def test_readers_run_beside_the_one_writer_and_a_second_writer_waits(shared):
    db, info = shared
    with open_store(StoreConfig(db, lock_timeout=0.3)) as writer:
        assert writer.shared, "the writer uses the shared server"
        writer.apply(Changes(nodes=[Node("tin", "Mineral", "tin")]))
        with open_store(StoreConfig(db, lock_timeout=0.3, write=False)) as reader:
            assert reader.query("MATCH (n:Mineral) RETURN n.name").rows == [["tin"]]
        with pytest.raises(StoreBusyError, match="is busy: another minegraph process is writing to it"):
            open_store(StoreConfig(db, lock_timeout=0.3))
        assert server_status(db)["writing"] is True
    with open_store(StoreConfig(db, lock_timeout=0.3)) as second:  # the lock went with the first writer
        assert second.query("MATCH (n) RETURN count(n)").rows == [[1]]


def test_a_reader_refuses_every_write_until_it_takes_the_write_lock(shared):
    db, _ = shared
    with open_store(StoreConfig(db, write=False)) as reader:
        with pytest.raises(StoreError, match="opened for reading"):
            reader.apply(Changes(nodes=[Node("tin", "Mineral", "tin")]))
        with pytest.raises(QueryError, match="read-only unless --write"):
            reader.query("CREATE (:Mineral {id: 'x'})", write=True)
        with reader.writing():
            reader.apply(Changes(nodes=[Node("tin", "Mineral", "tin")]))
            with pytest.raises(StoreBusyError):
                open_store(StoreConfig(db, lock_timeout=0.2))
        assert reader.query("MATCH (n:Mineral) RETURN n.id").rows == [["tin"]]


def test_a_readers_private_server_refuses_writes_too(tmp_path):
    with open_store(StoreConfig(tmp_path / "db", write=False)) as reader:
        assert not reader.shared
        with pytest.raises(StoreError, match="opened for reading"):
            reader.apply(Changes(nodes=[Node("tin", "Mineral", "tin")]))


def test_the_workbenchs_server_is_shared_while_it_runs_and_stops_with_it(tmp_path):
    db = tmp_path / "db"
    owner = EmbeddedFalkorStore(db, write=False, share=True)
    try:
        assert not owner.shared and owner._server is not None
        pid = owner._server.process.pid
        assert read_info(db).owner == os.getpid()
        with open_store(db) as other:  # a build while the workbench runs
            assert other.shared
            other.apply(Changes(nodes=[Node("tin", "Mineral", "tin")]))
        assert owner.query("MATCH (n:Mineral) RETURN n.id").rows == [["tin"]]
    finally:
        owner.close()
    assert not alive(pid) and read_info(db) is None
    assert open_store(db).read_graph().nodes["tin"] == Node("tin", "Mineral", "tin", [], {})


def test_a_killed_shared_server_frees_the_directory(shared):
    db, info = shared
    os.kill(info.pid, signal.SIGKILL)
    deadline = time.monotonic() + 10
    while alive(info.pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    with open_store(StoreConfig(db, lock_timeout=2)) as store:  # the lock went with the server
        assert not store.shared
        assert store.read_graph() == Graph()
    start_shared(db)  # for the fixture to stop


def test_a_private_server_is_not_shared(tmp_path):
    db = tmp_path / "db"
    with open_store(db):
        assert read_info(db) is None
        assert server_status(db) == {"running": True, "shared": False, "db": str(db.resolve())}
        with pytest.raises(StoreBusyError, match="another minegraph process is using it"):
            open_store(StoreConfig(db, lock_timeout=0.3, write=False))


def test_a_stale_server_record_is_ignored(tmp_path):
    db = tmp_path / "db"
    db.mkdir(mode=0o700)
    (db / "server.json").write_text(json.dumps({"pid": os.getpid(), "socket": str(db / "run" / "redis.sock"),
                                                "owner": None}))
    with open_store(StoreConfig(db, lock_timeout=1)) as store:
        assert not store.shared
        assert store.query("RETURN 1").rows == [[1]]


def test_rewrites_wait_between_writes_and_replace_the_log(tmp_path, monkeypatch):
    """The server never rewrites its log by itself; a store rewrites it after a write
    transaction once it has outgrown its snapshot, and waits for the rewrite."""
    import minegraph.graph.server as server

    monkeypatch.setattr(server, "REWRITE_MIN_BYTES", 1)
    db = tmp_path / "db"
    with open_store(db) as store:
        store.apply(Changes(nodes=[Node(f"m{i}", "Mineral", f"mineral {i}") for i in range(200)]))
        info = store._db.connection.info("persistence")
        assert not info["aof_rewrite_in_progress"] and info["aof_rewrites"] >= 1
        assert server.logged_bytes(db) < server.snapshot_bytes(db)
    log = (db / "falkordb.log").read_text(errors="replace")
    assert "Background append only file rewriting started" in log
    assert int(Path(db / "redis.pid").exists()) == 0  # the server stopped with the store


def test_a_server_started_from_a_thread_outlives_that_thread(tmp_path):
    # the workbench answers in a pool of threads, and a server started again from one of them
    # was sent the parent-death signal when that thread ended
    import threading

    opened: list[EmbeddedFalkorStore] = []
    starter = threading.Thread(target=lambda: opened.append(EmbeddedFalkorStore(tmp_path / "db")))
    starter.start()
    starter.join()
    store = opened[0]
    try:
        assert store._server is not None and store._server.process is not None
        time.sleep(0.5)  # the signal, when sent, lands at once
        assert store._server.process.poll() is None
        store.apply(Changes(nodes=[Node("country:cl", "Country", "Chile")]))
        assert store.query("MATCH (n) RETURN n.name").rows == [["Chile"]]
    finally:
        store.close()
