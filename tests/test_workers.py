"""Worker processes run their ``prepare`` step once, before their first item, and freeze what
it loaded out of the garbage collector's reach."""

from __future__ import annotations

import gc
import os

from minegraph.loaders.workers import map_in_workers

#: set in a worker by its prepare step (the parent never sets it)
_PREPARED: list[int] = []


def _prepare() -> None:
    _PREPARED.append(os.getpid())


def _report(item: int) -> tuple[int, int, list[int], int]:
    return item, os.getpid(), list(_PREPARED), gc.get_freeze_count()


def test_each_worker_prepares_once_and_freezes_what_it_loaded():
    got = list(map_in_workers(_report, range(12), 2, prepare=_prepare))
    assert [g[0] for g in got] == list(range(12)), "results come in the items' order"
    for _, pid, prepared, frozen in got:
        assert pid != os.getpid(), "the items ran in worker processes"
        assert prepared == [pid], "the worker ran prepare once, itself, before its items"
        assert frozen > 0, "what the worker held after prepare is frozen"
    assert not _PREPARED, "prepare runs in the workers, not the parent"


def test_without_prepare_nothing_is_frozen():
    got = list(map_in_workers(_report, range(4), 2))
    assert all(prepared == [] for _, _, prepared, _ in got)
    assert all(frozen == 0 for *_, frozen in got)
