"""Reading hostile inputs (issue 10): odd file names, special files, hidden HTML."""

from __future__ import annotations

import os
import resource
import subprocess
import sys
from pathlib import Path

from loaders.documents import (
    Document,
    Skipped,
    read_documents,
)

GOOD = "Peru and Japan signed a copper agreement in Lima on Monday.\n"


def minegraph(*args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """The real command in a child process, with memory capped so a runaway read fails fast."""

    def limit_memory() -> None:  # pragma: no cover - runs in the child
        resource.setrlimit(resource.RLIMIT_AS, (1536 * 1024**2, 1536 * 1024**2))

    return subprocess.run([sys.executable, "-m", "graph.cli", *args], capture_output=True, text=True,
                          timeout=timeout, preexec_fn=limit_memory, check=False)


# --- 6: a file name that is not valid UTF-8 ---------------------------------------------


def test_a_file_name_that_is_not_utf8_is_one_skipped_line(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "good.txt").write_text(GOOD)
    bad = os.path.join(os.fsencode(corpus), b"bad\xff name.txt")
    with open(bad, "wb") as fh:
        fh.write(b"Chile and Germany signed a lithium agreement.\n")
    result = minegraph("build", str(corpus), "--db", str(tmp_path / "db"))
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("1 loaded, 0 replaced, 0 unchanged, 1 skipped;")
    assert result.stderr.strip().splitlines() == [
        f"Skipped {corpus}/bad\ufffd name.txt: the file name is not valid UTF-8 (rename the file)"]


def test_read_documents_reports_the_bad_name_and_reads_the_rest(tmp_path):
    (tmp_path / "good.txt").write_text(GOOD)
    with open(os.path.join(os.fsencode(tmp_path), b"caf\xe9.txt"), "wb") as fh:
        fh.write(GOOD.encode())
    items = list(read_documents([tmp_path]))
    assert [d.id for d in items if isinstance(d, Document)] == ["good"]
    assert [(Path(s.path).name, s.reason) for s in items if isinstance(s, Skipped)] == [
        ("caf\ufffd.txt", "the file name is not valid UTF-8 (rename the file)")]
