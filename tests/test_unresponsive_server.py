"""An embedded FalkorDB server that stops answering (stuck, or stopped with SIGSTOP here):
the command says so in one ``Error:`` line and exits 1 instead of waiting for ever, the
store is as it was, a server of the command's own is stopped and replaced, a shared one
(``minegraph store start``) is reported and left running."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest

from minegraph.graph.model import Node
from minegraph.graph.server import answer_timeout, read_info
from minegraph.graph.store import Changes, ServerSilentError, StoreConfig, open_store

#: sentences written for this test
ARTICLES = {
    "first.txt": "Chile and Germany signed a memorandum of understanding on lithium in March 2023. "
                 "The Chilean mining minister said the agreement also covers copper.\n",
    "second.txt": "Peru and Japan agreed in May 2024 to cooperate on the supply of zinc and tin.\n",
}


def minegraph(*args: str, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "minegraph.cli", *args], capture_output=True, text=True,
                          timeout=120, env={**os.environ, "MINEGRAPH_LOCK_TIMEOUT": "2", **env})


def alive(pid: int) -> bool:
    return psutil.pid_exists(pid) and psutil.Process(pid).status() != psutil.STATUS_ZOMBIE


def export(db: Path, out: Path) -> str:
    result = minegraph("export", "--format", "json", "-o", str(out), "--db", str(db))
    assert result.returncode == 0, result.stderr
    return out.read_text()


def logged(db: Path, text: bytes) -> bool:
    return any(text in part.read_bytes() for part in (db / "appendonlydir").glob("*.aof"))


def wait_logged(db: Path, text: bytes) -> None:
    """Until the server has written ``text`` to its log: redis writes the log within
    about a second of its answer (appendfsync everysec), and only a logged write
    survives a SIGKILL of the server."""
    deadline = time.monotonic() + 10
    while not logged(db, text):
        assert time.monotonic() < deadline, "the write never reached the server's log"
        time.sleep(0.05)


def test_answer_timeout_is_the_longest_query_and_a_margin():
    assert answer_timeout(None) > 600, "the default covers a 100,000-article store's longest query"
    assert answer_timeout(1) == 2.0 and answer_timeout(100) == 110.0


def test_a_stopped_shared_server_gives_one_error_line_and_is_left_running(tmp_path):
    db, folder = tmp_path / "db", tmp_path / "articles"
    folder.mkdir()
    (folder / "first.txt").write_text(ARTICLES["first.txt"])
    started = minegraph("store", "start", "--db", str(db))
    assert started.returncode == 0, started.stderr
    info = read_info(db)
    assert info is not None
    try:
        built = minegraph("build", str(folder), "--db", str(db))
        assert built.returncode == 0, built.stderr
        before = export(db, tmp_path / "before.json")
        (folder / "second.txt").write_text(ARTICLES["second.txt"])
        os.kill(info.pid, signal.SIGSTOP)
        for command in (["stats"], ["build", str(folder)], ["query", "MATCH (n) RETURN count(n)", "--timeout", "0.5"],
                        ["store", "status"], ["store", "stop"]):
            waited = time.monotonic()
            result = minegraph(*command, "--db", str(db), MINEGRAPH_QUERY_TIMEOUT="1")
            waited = time.monotonic() - waited
            assert result.returncode == 1, (command, result.stdout, result.stderr)
            lines = result.stderr.strip().splitlines()
            assert len(lines) == 1 and "Traceback" not in result.stderr, (command, result.stderr)
            assert lines[0].startswith("Error: the FalkorDB server did not answer within 2 s while "), lines[0]
            assert f"process {info.pid}, left as it is" in lines[0], lines[0]
            assert waited < 60, f"{command} gave up after {waited:.0f} s"
            assert psutil.Process(info.pid).status() == psutil.STATUS_STOPPED, "a shared server is never killed"
            assert read_info(db) == info
    finally:
        os.kill(info.pid, signal.SIGCONT)
    # the store as it was, and usable: the same export, then the build that failed runs
    assert export(db, tmp_path / "after.json") == before
    again = minegraph("build", str(folder), "--db", str(db))
    assert again.returncode == 0, again.stderr
    assert "Peru" in export(db, tmp_path / "built.json")
    stopped = minegraph("store", "stop", "--db", str(db))
    assert stopped.returncode == 0, stopped.stderr
    assert not alive(info.pid)


def test_a_stuck_private_server_is_stopped_and_replaced(tmp_path):
    db = tmp_path / "db"
    chile, germany = Node("country:cl", "Country", "Chile"), Node("country:de", "Country", "Germany")
    with open_store(StoreConfig(db, query_timeout=1)) as store:
        store.apply(Changes(nodes=[chile]))
        wait_logged(db, b"Chile")
        stuck = store._server.process.pid
        os.kill(stuck, signal.SIGSTOP)
        with pytest.raises(ServerSilentError, match=rf"^the FalkorDB server did not answer within 2 s while writing: "
                                                    rf"minegraph stopped it \(process {stuck}\) and started it again"):
            store.apply(Changes(nodes=[germany]))
        assert not alive(stuck)
        assert store._server.process.pid != stuck
        assert store.query("MATCH (n) RETURN n.name").rows == [["Chile"]], "the write it never read is not done"
        store.apply(Changes(nodes=[germany]))
    with open_store(db) as store:
        assert sorted(store.query("MATCH (n) RETURN n.name").rows) == [["Chile"], ["Germany"]]


def test_closing_a_store_whose_server_got_stuck_does_not_wait_for_it(tmp_path):
    """A command interrupted while it waited (Ctrl-C, a test's time limit) closes its
    store: its own server, stuck, is killed after a bounded wait instead of holding the
    close for ever (the hang of a test that pytest-timeout could not end)."""
    db = tmp_path / "db"
    store = open_store(StoreConfig(db, query_timeout=1))
    store.apply(Changes(nodes=[Node("country:cl", "Country", "Chile")]))
    wait_logged(db, b"Chile")
    stuck = store._server.process.pid
    os.kill(stuck, signal.SIGSTOP)
    waited = time.monotonic()
    store.close()
    waited = time.monotonic() - waited
    assert not alive(stuck)
    assert waited < answer_timeout(1) + 10, f"the close waited {waited:.0f} s"
    with open_store(db) as again:
        assert again.query("MATCH (n) RETURN n.name").rows == [["Chile"]]


def test_the_query_timeout_must_be_a_number_of_seconds(tmp_path):
    result = minegraph("stats", "--db", str(tmp_path / "db"), MINEGRAPH_QUERY_TIMEOUT="soon")
    assert result.returncode == 1
    assert result.stderr.strip() == "Error: MINEGRAPH_QUERY_TIMEOUT must be a number of seconds (above 0), not 'soon'"
    with pytest.raises(ValueError, match="query_timeout"):
        open_store(StoreConfig(tmp_path / "db", query_timeout=0))


def distinct_articles(folder: Path, count: int) -> None:
    """Articles different enough that none is a near-duplicate of another: each is a write
    of its own (near-duplicates of one article can all be over before the server stops)."""
    countries = ["Chile", "Japan", "Peru", "Kenya", "Norway", "Canada", "Ghana", "India", "Brazil", "Egypt", "Spain",
                 "Laos", "Mexico"]
    minerals = ["lithium", "cobalt", "copper", "nickel", "graphite", "zinc", "tin"]
    verbs = ["signed a memorandum on", "agreed a supply deal for", "opened talks about", "launched a partnership on"]
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(count):
        a, b = countries[i % len(countries)], countries[(i * 5 + 3) % len(countries)]
        m, n = minerals[i % len(minerals)], minerals[(i + 3) % len(minerals)]
        (folder / f"story{i:02d}.txt").write_text(
            f"{a} and {b} {verbs[i % len(verbs)]} {m} in {2010 + i}. Refiners in {a} expect more {n} ore "
            f"from {b} within {i + 2} years. The Ministry of Mines of {b} will report on progress in {1990 + i * 2}.\n")


def test_a_build_whose_own_server_gets_stuck_stops_it_and_the_next_build_starts_cleanly(tmp_path):
    db, folder = tmp_path / "db", tmp_path / "articles"
    distinct_articles(folder, 12)
    # 5 s: far beyond what a write of one of these articles takes, even on a loaded machine
    proc = subprocess.Popen([sys.executable, "-m", "minegraph.cli", "build", str(folder), "--batch", "1",
                             "--db", str(db)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, "MINEGRAPH_QUERY_TIMEOUT": "5"})
    try:
        deadline = time.monotonic() + 120
        while not ((db / "appendonlydir").exists() and logged(db, b"story00") and (db / "redis.pid").exists()):
            assert proc.poll() is None and time.monotonic() < deadline, proc.stderr.read() if proc.stderr else ""
            time.sleep(0.01)  # until the first article's batch is written: the server then stops mid-build
        stuck = int((db / "redis.pid").read_text())
        os.kill(stuck, signal.SIGSTOP)
        out, err = proc.communicate(timeout=120)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode == 1, (out, err)
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: the FalkorDB server did not answer within 6 s while "), err
    assert f"minegraph stopped it (process {stuck}) and started it again" in lines[0]
    assert not alive(stuck)
    # the next command starts its own server on what was logged, and ends as a build in one go does
    again = minegraph("build", str(folder), "--db", str(db))
    assert again.returncode == 0, again.stderr
    fresh = minegraph("build", str(folder), "--db", str(tmp_path / "fresh"))
    assert fresh.returncode == 0, fresh.stderr
    assert export(db, tmp_path / "resumed.json") == export(tmp_path / "fresh", tmp_path / "fresh.json")
