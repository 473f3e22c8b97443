"""The hard limit on a hung test (tests/hang_guard.py): a test whose clean-up blocks again
after pytest-timeout's alarm ends the run with its stack instead of hanging it."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

STUCK = '''
import time


def test_passes():
    time.sleep(0.1)


def test_stuck():
    try:
        time.sleep(120)  # pytest-timeout's alarm interrupts this
    finally:
        time.sleep(120)  # and nothing this clean-up, as the store's close on a stuck server once did
'''


def test_a_test_that_blocks_after_the_alarm_ends_the_run(tmp_path):
    (tmp_path / "test_stuck.py").write_text(STUCK)
    (tmp_path / "pytest.ini").write_text("[pytest]\ntimeout = 2\nhang_guard_grace = 3\n")
    began = time.monotonic()
    result = subprocess.run([sys.executable, "-m", "pytest", "-p", "tests.hang_guard", "-p", "no:cacheprovider",
                             "-c", str(tmp_path / "pytest.ini"), "-v", str(tmp_path / "test_stuck.py")],
                            cwd=REPO, capture_output=True, text=True, timeout=200)
    took = time.monotonic() - began
    assert result.returncode == 1, result.stdout + result.stderr
    assert "test_passes PASSED" in result.stdout, "the tests before it ran and passed"
    assert "Timeout (0:00:05)!" in result.stderr and "test_stuck" in result.stderr, result.stderr
    assert took < 60, f"the run ended after {took:.0f} s, not at the hard limit"
