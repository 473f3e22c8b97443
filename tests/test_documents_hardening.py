"""Reading hostile inputs (issue 10): odd file names, special files, hidden HTML."""

from __future__ import annotations

import os
import resource
import subprocess
import sys
from pathlib import Path

import pytest

from minegraph.loaders.documents import CHUNK_BYTES, Document, DocumentError, Skipped
from minegraph.loaders.reader import read_article, read_articles, read_in_chunks

GOOD = "Peru and Japan signed a copper agreement in Lima on Monday.\n"


def minegraph(*args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """The real command in a child process, with memory capped so a runaway read fails fast."""

    def limit_memory() -> None:  # pragma: no cover - runs in the child
        resource.setrlimit(resource.RLIMIT_AS, (1536 * 1024**2, 1536 * 1024**2))

    return subprocess.run([sys.executable, "-m", "minegraph.cli", *args], capture_output=True, text=True,
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


def test_read_articles_reports_the_bad_name_and_reads_the_rest(tmp_path):
    (tmp_path / "good.txt").write_text(GOOD)
    with open(os.path.join(os.fsencode(tmp_path), b"caf\xe9.txt"), "wb") as fh:
        fh.write(GOOD.encode())
    items = list(read_articles([tmp_path]))
    assert [d.id for d in items if isinstance(d, Document)] == ["good"]
    assert [(Path(s.path).name, s.reason) for s in items if isinstance(s, Skipped)] == [
        ("caf\ufffd.txt", "the file name is not valid UTF-8 (rename the file)")]


# --- 7: only regular files, and the size cap while reading ------------------------------


def test_a_fifo_is_skipped_not_waited_on(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "good.txt").write_text(GOOD)
    os.mkfifo(corpus / "pipe.txt")
    os.mkfifo(tmp_path / "given.txt")
    result = minegraph("build", str(corpus), str(tmp_path / "given.txt"), "--db", str(tmp_path / "db"), timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("1 loaded, 0 replaced, 0 unchanged, 2 skipped;")
    assert sorted(result.stderr.strip().splitlines()) == [
        f"Skipped {corpus}/pipe.txt: not a regular file",
        f"Skipped {tmp_path}/given.txt: not a regular file",
    ]


def test_a_device_is_refused_and_never_read(tmp_path):
    result = minegraph("build", "/dev/zero", "--max-mb", "1", "--db", str(tmp_path / "db"), timeout=60)
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        "Skipped /dev/zero: not a regular file",
        "Error: no article could be loaded (0 loaded, 0 replaced, 0 unchanged, 1 skipped)"]


@pytest.mark.parametrize("path", ["/dev/zero", "/dev/null"])
def test_read_article_refuses_special_files(path):
    with pytest.raises(DocumentError, match="not a regular file"):
        read_article(path, max_bytes=1000)


def test_the_size_cap_holds_while_reading():
    """/proc files are regular files whose size reads as 0 whatever they hold."""
    assert Path("/proc/cpuinfo").stat().st_size == 0 and len(Path("/proc/cpuinfo").read_bytes()) > 500
    with pytest.raises(DocumentError, match="more than the 0.0005 MB limit"):
        read_article("/proc/cpuinfo", max_bytes=500)
    with pytest.raises(DocumentError, match="more than the 0.0005 MB limit"):
        read_in_chunks("/proc/cpuinfo", chunk_bytes=100, max_bytes=500)


# --- 8: hidden HTML content -------------------------------------------------------------

HIDDEN_PAGE = """<!DOCTYPE html><html><head><title>Copper news</title>
<noscript><p>Hiddenland and Ghostonia signed a cobalt pact.</p></noscript></head>
<body><h1>Peru and Japan talk copper</h1>
<p>Peru and Japan signed a copper agreement in Lima on Monday.</p>
<template><p>Templatia signed a nickel deal with Shadowvia.</p></template>
<div hidden><p>Secretia joined a lithium partnership.</p></div>
<p hidden="hidden">Cloakland mines tin.</p>
<iframe src="frame.html">Framelandia agreed a graphite deal.</iframe>
<div style="display: none">Invisibria exports zinc.</div>
<noscript>Enable JavaScript to read Scriptonia news.</noscript>
</body></html>"""
HIDDEN_WORDS = ["Hiddenland", "Templatia", "Secretia", "Cloakland", "Framelandia", "Invisibria", "Scriptonia"]


@pytest.mark.parametrize("name", ["page.html", "page.txt"])
def test_hidden_html_content_never_becomes_text(tmp_path, name):
    path = tmp_path / name
    path.write_text(HIDDEN_PAGE)
    text = read_article(path).text
    assert "Peru and Japan signed a copper agreement in Lima on Monday." in text
    assert [w for w in HIDDEN_WORDS if w in text] == []


def test_a_large_html_page_saved_as_txt_is_read_as_html(tmp_path):
    path = tmp_path / "saved page.txt"
    script = "<script>var news = 'Scriptland signed a uranium pact with Codeonia.';</script>\n"
    body = "<p>Peru and Japan signed a copper agreement in Lima on Monday.</p>\n"
    path.write_text("<!doctype html>\n<html><head><title>Copper</title>\n" + script * (CHUNK_BYTES // len(script) + 10)
                    + "</head><body>\n" + body * 10 + "</body></html>\n")
    assert path.stat().st_size > CHUNK_BYTES
    doc, pieces = read_in_chunks(path)
    text = "".join(pieces)
    assert "Peru and Japan signed a copper agreement in Lima on Monday." in text
    assert "Scriptland" not in text and "<" not in text
