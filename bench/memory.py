"""Peak memory of a command's process tree: ``/proc/PID/smaps_rollup`` parsing, the
sampler that tells the processes apart by pid and parentage, and ``run_measured``,
which runs a command under it."""

from __future__ import annotations

import os
import signal
import subprocess
import threading
import time
from pathlib import Path
from typing import Any

from bench import ROOT

ROLES = ("main", "workers", "server", "server_fork")


def parse_smaps_rollup(text: str) -> dict[str, int]:
    """The ``Name: N kB`` lines of ``/proc/PID/smaps_rollup`` as a dict of kB values.

    PSS (proportional set size) charges each page to the processes mapping it in equal
    parts: a child forked from a parent shares its pages copy-on-write, so its RSS counts
    them a second time but the two PSS figures add up to the memory really used."""
    out: dict[str, int] = {}
    for line in text.splitlines():
        name, sep, rest = line.partition(":")
        parts = rest.split()
        if sep and len(parts) == 2 and parts[1] == "kB" and parts[0].isdigit():
            out[name.strip()] = int(parts[0])
    return out


def process_memory(pid: int) -> dict[str, int] | None:
    """RSS and PSS of process ``pid`` in kB (None when it is gone or unreadable)."""
    try:
        with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as fh:
            values = parse_smaps_rollup(fh.read())
    except (OSError, ValueError):
        return None
    return values if "Rss" in values and "Pss" in values else None


class TreeSampler:
    """Polls the memory of a process and all its descendants every ``interval`` seconds.

    Processes are told apart by id and parentage, never by name: ``main`` is the
    process started, ``server`` the process whose pid the data directory's ``redis.pid``
    gives (the embedded FalkorDB: the command's child, or a shared server it uses),
    ``server_fork`` the server's own children (its append-only-file rewrite),
    ``workers`` every other descendant of main (extraction workers).  Each process is
    read from ``/proc/PID/smaps_rollup``: its RSS and its PSS.

    ``peak`` keeps, in MB, for each role the peak of its summed RSS (``<role>_rss_mb``)
    and of its summed PSS (``<role>_pss_mb``), and for the whole tree the peak at one
    instant of the summed PSS (``total_mb``, the memory the command really used: a
    forked child's copy-on-write pages are counted once) and of the summed RSS
    (``tree_rss_mb``, which counts them once per process).  The older keys
    (``tree_mb``, ``python_mb``, ``python_main_mb``, ``python_workers_mb``,
    ``server_mb``, ``server_fork_mb``) stay, as RSS.
    """

    def __init__(self, pid: int, interval: float = 0.05, db: Path | None = None) -> None:
        import psutil

        self.root = psutil.Process(pid)
        self.db = db
        self.interval = interval
        self.peak: dict[str, float] = {"total_mb": 0.0, "tree_rss_mb": 0.0}
        for role in ROLES:
            self.peak[f"{role}_rss_mb"] = self.peak[f"{role}_pss_mb"] = 0.0
        self.peak.update(tree_mb=0.0, python_mb=0.0, python_main_mb=0.0, python_workers_mb=0.0, server_mb=0.0,
                         server_fork_mb=0.0)
        #: the processes seen, by pid: role, parent pid and their own peak RSS / PSS in MB
        self.processes: dict[int, dict[str, Any]] = {}
        self.samples = 0
        self.busy_s = 0.0  # time spent sampling (the sampler's own cost, not the command's)
        self.max_processes = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> TreeSampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _server_pid(self) -> int | None:
        try:
            return int((self.db / "redis.pid").read_text().strip()) if self.db else None
        except (OSError, ValueError):
            return None

    def role(self, pid: int, parent: int, server_pid: int | None) -> str:
        if pid == self.root.pid:
            return "main"
        if pid == server_pid:
            return "server"
        if server_pid is not None and parent == server_pid:
            return "server_fork"
        return "workers"

    def sample(self) -> bool:
        """One sample of the tree; False once the root process is gone."""
        import psutil

        try:
            procs = [self.root, *self.root.children(recursive=True)]
        except psutil.Error:
            return False
        server_pid = self._server_pid()
        if server_pid is not None and all(p.pid != server_pid for p in procs):
            # a shared server (minegraph store start) the command uses: not its child,
            # but its memory is what the command's reads and writes cost
            try:
                shared = psutil.Process(server_pid)
                procs += [shared, *shared.children()]
            except psutil.Error:
                pass
        rss = dict.fromkeys(ROLES, 0)
        pss = dict.fromkeys(ROLES, 0)
        for proc in procs:
            try:
                parent = proc.ppid()
            except psutil.Error:
                continue
            memory = process_memory(proc.pid)
            if memory is None:
                continue
            role = self.role(proc.pid, parent, server_pid)
            rss[role] += memory["Rss"]
            pss[role] += memory["Pss"]
            seen = self.processes.setdefault(proc.pid, {"role": role, "ppid": parent, "rss_mb": 0.0, "pss_mb": 0.0})
            seen["role"] = role  # the server's pid file appears after the server starts
            seen["rss_mb"] = max(seen["rss_mb"], round(memory["Rss"] / 1024, 1))
            seen["pss_mb"] = max(seen["pss_mb"], round(memory["Pss"] / 1024, 1))
        values = {"total_mb": sum(pss.values()), "tree_rss_mb": sum(rss.values()),
                  "tree_mb": sum(rss.values()), "python_mb": rss["main"] + rss["workers"],
                  "python_main_mb": rss["main"], "python_workers_mb": rss["workers"], "server_mb": rss["server"],
                  "server_fork_mb": rss["server_fork"]}
        for role in ROLES:
            values[f"{role}_rss_mb"] = rss[role]
            values[f"{role}_pss_mb"] = pss[role]
        for key, value in values.items():
            self.peak[key] = max(self.peak[key], round(value / 1024, 1))
        self.samples += 1
        self.max_processes = max(self.max_processes, len(procs))
        return True

    def _run(self) -> None:
        # reading smaps_rollup walks a process's page tables: tens of ms for a server of
        # gigabytes, so the sampler waits nine times as long as a sample took (at most a
        # tenth of a core; it took 0.45 of one, beside the command, at 100,000 articles)
        while not self._stop.is_set():
            started = time.perf_counter()
            if not self.sample():
                return
            took = time.perf_counter() - started
            self.busy_s += took
            self._stop.wait(max(self.interval, 9 * took))


def peak_summary(peak: dict[str, float]) -> str:
    """``total PSS MB (main / workers / server / server fork)``, and the summed RSS."""
    if "total_mb" not in peak:  # a result from before PSS was sampled
        return f"{peak['tree_mb']:.0f} MB RSS (main {peak['python_main_mb']:.0f}, server {peak['server_mb']:.0f})"
    roles = " / ".join(f"{peak[f'{role}_pss_mb']:.0f}" for role in ROLES)
    return f"{peak['total_mb']:.0f} MB PSS ({roles}); summed RSS {peak['tree_rss_mb']:.0f} MB"


def run_measured(args: list[str], timeout: float | None = None, db: Path | None = None) -> dict[str, Any]:
    """Run ``args`` (from the repository root), sampling the RSS of its process tree.

    Past ``timeout`` seconds the command gets SIGINT (minegraph then stops its server
    cleanly, keeping every completed batch), then SIGKILL 60 s later; the result says
    ``timed_out``.
    """
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT) + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    start = time.perf_counter()
    proc = subprocess.Popen(args, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    timed_out = False
    with TreeSampler(proc.pid, db=db) as sampler:
        try:
            stdout, stderr = proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            timed_out = True
            proc.send_signal(signal.SIGINT)
            try:
                stdout, stderr = proc.communicate(timeout=60)
            except subprocess.TimeoutExpired:
                proc.kill()
                stdout, stderr = proc.communicate()
    seconds = time.perf_counter() - start
    if proc.returncode and not timed_out:
        raise RuntimeError(f"{' '.join(args)} exited {proc.returncode}: {stderr.strip()[-2000:]}")
    return {"seconds": round(seconds, 2), "timed_out": timed_out, "peak": sampler.peak, "samples": sampler.samples,
            "sampler_s": round(sampler.busy_s, 2),
            "max_processes": sampler.max_processes, "processes": {str(k): v for k, v in sampler.processes.items()},
            "stdout": stdout.strip()[-3000:],
            "stderr": stderr.strip()[-1000:] if timed_out else ""}
