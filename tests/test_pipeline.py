"""The pipeline's two halves (extract to claims files, load them), and what a build tells
the user about duplicates, foreign-language articles and a damaged store."""

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
from click.testing import CliRunner

from minegraph.cli.main import cli
from minegraph.graph.store import open_store
from minegraph.loaders.claims import FORMAT_VERSION, SUFFIX, read_claims
from tests.conftest import SAMPLE

ARTICLES = sorted(SAMPLE.glob("*.txt"))

ENGLISH = ("Chile and Germany signed a memorandum of understanding on lithium supply in Berlin on "
           "3 March 2024. The Chilean mining ministry said the agreement covers refining and research.\n")
SPANISH = ("Chile y Alemania firmaron un memorando de entendimiento sobre el suministro de litio en "
           "Berlín el 3 de marzo de 2024. El ministerio de minería chileno dijo que el acuerdo cubre "
           "la refinación y la investigación de nuevas tecnologías para las baterías del futuro.\n")


def run(*args: str, ok: bool = True):
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    if ok:
        assert result.exit_code == 0, result.output
    return result


def stored(db: Path):
    with open_store(db) as store:
        return store.read_graph()


def test_extract_then_load_equals_build(tmp_path):
    claims = tmp_path / "claims"
    out = run("extract", str(SAMPLE), "-o", str(claims)).stdout
    assert out.startswith(f"{len(ARTICLES)} extracted, 0 skipped;")
    files = sorted(claims.glob("*" + SUFFIX))
    assert len(files) == len(ARTICLES)
    header = json.loads(files[0].read_text().splitlines()[0])
    assert header["minegraph_claims"] == FORMAT_VERSION
    assert {"id", "path", "sha256"} <= set(header["document"])
    assert "text" not in header["document"]
    loaded = run("load", str(claims), "--db", str(tmp_path / "loaded")).stdout
    assert loaded.startswith(f"{len(ARTICLES)} loaded, 0 replaced, 0 unchanged, 0 skipped;")
    run("build", str(SAMPLE), "--db", str(tmp_path / "built"))
    assert stored(tmp_path / "loaded") == stored(tmp_path / "built")
    again = run("load", str(claims), "--db", str(tmp_path / "loaded")).stdout
    assert again.startswith(f"0 loaded, 0 replaced, {len(ARTICLES)} unchanged")


def test_load_refuses_a_file_of_another_format_version(tmp_path):
    claims = tmp_path / "claims"
    run("extract", str(ARTICLES[0]), "-o", str(claims))
    (path,) = claims.glob("*" + SUFFIX)
    lines = path.read_text().splitlines()
    header = json.loads(lines[0])
    header["minegraph_claims"] = FORMAT_VERSION + 1
    path.write_text("\n".join([json.dumps(header), *lines[1:]]) + "\n")
    result = run("load", str(claims), "--db", str(tmp_path / "db"), ok=False)
    assert result.exit_code == 1
    assert result.output.strip().splitlines()[-1] == (
        f"Error: {path}: claims format version {FORMAT_VERSION + 1}, this minegraph reads version {FORMAT_VERSION}")


def test_claims_files_keep_the_extracted_graph(tmp_path):
    run("extract", str(ARTICLES[0]), "-o", str(tmp_path))
    (path,) = tmp_path.glob("*" + SUFFIX)
    item = read_claims(path)
    assert item.doc.path == str(ARTICLES[0].resolve())
    assert item.graph.nodes and item.graph.relationships
    assert all(r.props.get("evidence") for r in item.graph.relationships.values())


def test_first_build_names_duplicates(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(ENGLISH)
    (corpus / "b.txt").write_text(ENGLISH)
    result = run("build", str(corpus), "--db", str(tmp_path / "db"))
    assert result.stdout.startswith("1 loaded, 0 replaced, 0 unchanged, 0 skipped, 1 duplicate;")
    assert f"Not loaded again {corpus / 'b.txt'}: duplicate of {corpus / 'a.txt'}" in result.stderr
    again = run("build", str(corpus), "--db", str(tmp_path / "db"))
    assert again.stdout.startswith("0 loaded, 0 replaced, 1 unchanged, 0 skipped, 1 duplicate;")


def test_an_article_in_another_language_gets_a_note(tmp_path):
    (tmp_path / "es.txt").write_text(SPANISH)
    (tmp_path / "en.txt").write_text(ENGLISH)
    result = run("build", str(tmp_path / "es.txt"), str(tmp_path / "en.txt"), "--db", str(tmp_path / "db"))
    assert result.stdout.startswith("2 loaded")
    notes = [line for line in result.stderr.splitlines() if line.startswith("Note:")]
    assert notes == [f"Note: {tmp_path / 'es.txt'}: the text does not look like English; "
                     "minegraph extracts facts from English articles only"]


@pytest.mark.parametrize("prop", ["tally", "provenance"])  # the totals; the claims of an older store
def test_edited_provenance_gives_one_error_line_and_leaves_the_store(tmp_path, prop):
    db = tmp_path / "db"
    run("build", str(ARTICLES[0]), "--db", str(db))
    # every country's claims replaced by a query: the next article mentions one of them
    run("query", f"MATCH (c:Country) SET c.{prop} = 'oops' RETURN count(c)", "--write", "--db", str(db))
    countries = json.loads(run("query", "MATCH (c:Country) RETURN c.id AS id", "--json", "--db", str(db)).stdout)
    before = run("stats", "--json", "--db", str(db)).stdout
    result = run("build", str(ARTICLES[1]), "--db", str(db), ok=False)
    assert result.exit_code == 1
    last = result.output.strip().splitlines()[-1]
    assert any(last.startswith(f"Error: Country node {c['id']!r} has a {prop!r} property that is not "
                               "minegraph's") for c in countries), last
    assert "Traceback" not in result.output
    assert run("stats", "--json", "--db", str(db)).stdout == before


# --- a killed build takes its workers with it ------------------------------------------


def corpus_of(folder: Path, copies: int) -> Path:
    folder.mkdir()
    for i in range(copies):
        for source in ARTICLES:
            (folder / f"{i:03d}_{source.name}").write_text(source.read_text() + f"\nEdition {i}.\n")
    return folder


def start_build(corpus: Path, db: Path) -> tuple[subprocess.Popen, list[psutil.Process]]:
    proc = subprocess.Popen([sys.executable, "-m", "minegraph.cli", "build", str(corpus), "--db", str(db),
                             "--jobs", "2"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    workers: list[psutil.Process] = []
    while time.monotonic() < deadline and len(workers) < 2:
        workers = [p for p in psutil.Process(proc.pid).children() if "python" in p.name().lower()]
        time.sleep(0.05)
    assert len(workers) == 2, "the build started two extraction workers"
    return proc, workers


def gone(workers: list[psutil.Process], timeout: float = 10) -> bool:
    _, alive = psutil.wait_procs(workers, timeout=timeout)
    return not alive


@pytest.mark.parametrize("signum", [signal.SIGKILL, signal.SIGTERM], ids=["SIGKILL", "SIGTERM"])
def test_killed_build_takes_its_workers_along(tmp_path, signum):
    corpus = corpus_of(tmp_path / "corpus", copies=40)
    db = tmp_path / "db"
    proc, workers = start_build(corpus, db)
    try:
        proc.send_signal(signum)
        out, err = proc.communicate(timeout=60)  # returns only once no worker holds the pipes
        assert gone(workers), "workers outlived the build"
        if signum == signal.SIGTERM:
            assert proc.returncode == 1
            assert err.strip().splitlines()[-1] == "Error: interrupted; the store keeps every completed write"
        after = subprocess.run([sys.executable, "-m", "minegraph.cli", "stats", "--db", str(db), "--json"],
                               capture_output=True, text=True, timeout=120,
                               env={**os.environ, "MINEGRAPH_LOCK_TIMEOUT": "5"})
        assert after.returncode == 0, after.stderr
    finally:
        for worker in workers:
            if worker.is_running():
                worker.kill()
        if proc.poll() is None:
            proc.kill()
