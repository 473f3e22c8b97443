"""A hung test ends the run instead of hanging it (a pytest plugin; tests/conftest.py loads it).

pytest-timeout's default method raises an exception from SIGALRM in the main thread.
That ends a test blocked in a call which a signal interrupts (``recv`` included: Python
retries it after a handler that returns, PEP 475, but this handler raises).  The alarm
fires once, though: a clean-up that then blocks again (a ``with`` block's exit talking
to the same stuck server, as the store's close once did) waits for ever.  So each test
also gets a hard limit beyond pytest-timeout's, ``hang_guard_grace`` seconds later:
faulthandler prints every thread's stack and ends the process with status 1.  CI then
fails with the culprit's stack; the hard limit costs nothing while no test hangs.
"""

from __future__ import annotations

import faulthandler
import os
import sys
from collections.abc import Iterator
from typing import IO

import pytest

DEFAULT_GRACE = 60.0
#: the terminal's stderr, kept before pytest captures descriptor 2 during the tests (a
#: stack written to the capture would go with the process)
_stderr: IO[str] | None = None


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addini("hang_guard_grace", "seconds after pytest-timeout's limit at which a still running test "
                  f"ends the run (default {DEFAULT_GRACE:g})", default=str(DEFAULT_GRACE))


def pytest_configure(config: pytest.Config) -> None:
    global _stderr
    if _stderr is None:
        _stderr = os.fdopen(os.dup(sys.__stderr__.fileno() if sys.__stderr__ else 2), "w")


def _timeout(item: pytest.Item) -> float:
    """The test's pytest-timeout limit: its marker, else --timeout, else the ini's (0: none)."""
    marker = item.get_closest_marker("timeout")
    if marker is not None and marker.args:
        return float(marker.args[0] or 0)
    option = item.config.getoption("timeout", None)
    if option is not None:
        return float(option)
    try:
        return float(item.config.getini("timeout") or 0)
    except ValueError:  # no pytest-timeout, no ini value
        return 0.0


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_protocol(item: pytest.Item) -> Iterator[None]:
    limit = _timeout(item)
    if limit > 0:
        grace = float(item.config.getini("hang_guard_grace"))
        faulthandler.dump_traceback_later(limit + grace, exit=True, file=_stderr or sys.__stderr__)
    try:
        yield
    finally:
        if limit > 0:
            faulthandler.cancel_dump_traceback_later()
