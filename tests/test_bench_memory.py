"""bench's memory figures on real processes: /proc/PID/smaps_rollup parsing, PSS against
RSS for a forked child that shares its parent's pages, and the roles of a process tree
told apart by pid and parentage (no mocks: real processes, real /proc)."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from bench.memory import TreeSampler, parse_smaps_rollup, process_memory

pytestmark = pytest.mark.skipif(not Path("/proc/self/smaps_rollup").exists(), reason="needs Linux smaps_rollup")

SHARED_MB = 96

# a parent that fills SHARED_MB of its own memory, then forks a child that keeps the pages
# (copy-on-write, never written again); each prints its pid, and waits for stdin to close.
# With ``server_pid_file`` the child writes its pid there and forks a grandchild of its own,
# as the embedded FalkorDB server and its rewrite fork do.
TREE = textwrap.dedent("""
    import os, sys, time
    block = bytearray(os.urandom(1024 * 1024)) * {mb}
    pid_file = {pid_file!r}
    child = os.fork()
    if child == 0:
        if pid_file:
            with open(pid_file + ".tmp", "w") as fh:
                fh.write(str(os.getpid()))
            os.replace(pid_file + ".tmp", pid_file)
            grandchild = os.fork()
            if grandchild == 0:
                sys.stdin.read()
                os._exit(0)
        sys.stdin.read()
        os._exit(0)
    print(child, flush=True)
    sys.stdin.read()
    os.waitpid(child, 0)
""")


def start_tree(pid_file: Path | None = None) -> tuple[subprocess.Popen[str], int]:
    proc = subprocess.Popen([sys.executable, "-c", TREE.format(mb=SHARED_MB, pid_file=str(pid_file or ""))],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    child = int(proc.stdout.readline())
    return proc, child


def stop_tree(proc: subprocess.Popen[str]) -> None:
    assert proc.stdin is not None
    proc.stdin.close()
    proc.wait(timeout=30)


def test_parse_smaps_rollup_of_this_process() -> None:
    text = Path(f"/proc/{os.getpid()}/smaps_rollup").read_text()
    values = parse_smaps_rollup(text)
    assert {"Rss", "Pss", "Private_Dirty", "Shared_Clean"} <= values.keys()
    assert 0 < values["Pss"] <= values["Rss"]
    # RSS is the sum of the shared and private pages
    parts = values["Shared_Clean"] + values["Shared_Dirty"] + values["Private_Clean"] + values["Private_Dirty"]
    assert abs(parts - values["Rss"]) <= 64
    # the header line (the address range) is not a figure
    assert all(isinstance(v, int) for v in values.values())
    assert process_memory(os.getpid()) is not None


def test_gone_process_has_no_memory() -> None:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    assert process_memory(proc.pid) is None


def test_forked_child_pss_counts_shared_pages_once() -> None:
    proc, child = start_tree()
    try:
        parent, kid = process_memory(proc.pid), process_memory(child)
        assert parent is not None and kid is not None
        mb = 1024
        # both processes map the block: each RSS counts it whole ...
        assert parent["Rss"] > SHARED_MB * mb and kid["Rss"] > SHARED_MB * mb
        # ... their PSS split it between them, so the two PSS figures add up to about one copy
        assert kid["Pss"] < kid["Rss"] - SHARED_MB * mb * 0.4
        assert parent["Pss"] + kid["Pss"] < parent["Rss"] + kid["Rss"] - SHARED_MB * mb * 0.8
        assert parent["Pss"] + kid["Pss"] > SHARED_MB * mb
    finally:
        stop_tree(proc)


def test_tree_sampler_total_is_summed_pss_and_roles_follow_parentage(tmp_path: Path) -> None:
    proc, server = start_tree(tmp_path / "redis.pid")
    try:
        deadline = time.monotonic() + 30
        sampler = TreeSampler(proc.pid, db=tmp_path)
        # wait until the "server" has forked its own child and written its pid file
        while not ((tmp_path / "redis.pid").exists() and len(sampler.processes) >= 3):
            assert time.monotonic() < deadline
            sampler.processes.clear()
            sampler.sample()
            time.sleep(0.05)
        assert sampler.sample()
    finally:
        stop_tree(proc)
    roles = {pid: seen["role"] for pid, seen in sampler.processes.items()}
    assert roles[proc.pid] == "main"
    assert roles[server] == "server"
    assert sorted(roles.values()) == ["main", "server", "server_fork"]
    peak = sampler.peak
    # three processes share one block: summed RSS counts it three times, summed PSS once
    assert peak["tree_rss_mb"] > 2.5 * SHARED_MB
    assert SHARED_MB < peak["total_mb"] < peak["tree_rss_mb"] - 1.5 * SHARED_MB
    assert peak["server_fork_rss_mb"] > SHARED_MB > peak["server_fork_pss_mb"]
    assert peak["tree_mb"] == peak["tree_rss_mb"]  # the older key, as RSS
    assert not sampler.sample()  # the root is gone
