"""Extraction leaves the machine: a Dask cluster maps the pure article -> claims file
function, and ``load`` writes the claims as a build would have.  Runs in CI
(``tests/run.sh`` installs the ``dask`` extra); each test starts a small local cluster."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from minegraph.cli.main import cli
from minegraph.graph.store import open_store
from minegraph.loaders.pipeline import build_paths, extract_to_claims, load_claims
from tests.conftest import SAMPLE

distributed = pytest.importorskip("distributed")


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The sample corpus built directly, as the reference."""
    with open_store(tmp_path_factory.mktemp("built") / "db") as store:
        build_paths(store, sorted(SAMPLE.glob("*.txt")))
        return store.read_graph()


def test_extract_on_a_cluster_from_the_cli_then_load_equals_build(tmp_path, built):
    """``minegraph extract --dask ADDRESS`` on a running scheduler, then ``minegraph load``."""
    articles = sorted(SAMPLE.glob("*.txt"))
    claims = tmp_path / "claims"
    db = tmp_path / "db"
    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None)
    with cluster:
        result = CliRunner().invoke(cli, ["extract", *map(str, articles), "-o", str(claims),
                                          "--dask", cluster.scheduler_address])
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == f"{len(articles)} extracted, 0 skipped; claims in {claims.resolve()}"
    assert len(list(claims.glob("*.claims.jsonl"))) == len(articles)
    loaded = CliRunner().invoke(cli, ["load", str(claims), "--db", str(db)])
    assert loaded.exit_code == 0, loaded.output
    with open_store(db) as store:
        assert store.read_graph() == built


def test_a_local_cluster_and_the_library_function(tmp_path, built):
    """``--dask local:N`` starts (and stops) its own cluster; ``extract_to_claims`` is
    what any engine maps over the articles."""
    articles = sorted(str(p) for p in SAMPLE.glob("*.txt"))
    result = CliRunner().invoke(cli, ["extract", *articles, "-o", str(tmp_path / "cli"), "--dask", "local:1"])
    assert result.exit_code == 0, result.output
    with distributed.Client(processes=False, n_workers=1, threads_per_worker=1, dashboard_address=None) as client:
        results = client.gather(client.map(extract_to_claims, articles, out_dir=str(tmp_path / "lib")))
    assert all("claims" in r for r in results)
    assert sorted(Path(r["claims"]).parent for r in results) == [tmp_path / "lib"] * len(articles)
    assert sorted(p.name for p in (tmp_path / "lib").iterdir()) == sorted(p.name for p in (tmp_path / "cli").iterdir())
    with open_store(tmp_path / "loaded") as store:
        report = load_claims(store, tmp_path / "lib")
        assert len(report.loaded) == len(articles)
        assert store.read_graph() == built


def test_a_bad_cluster_address_is_one_error_line(tmp_path):
    result = CliRunner().invoke(cli, ["extract", str(SAMPLE), "-o", str(tmp_path / "c"), "--dask", "local:zero"])
    assert result.exit_code == 2 and "give local:N" in result.output
    result = CliRunner().invoke(cli, ["extract", str(SAMPLE), "-o", str(tmp_path / "c"), "--dask",
                                      "nosuch://127.0.0.1:9"])
    assert result.exit_code == 1
    assert result.output.strip().splitlines()[-1].startswith(
        "Error: cannot reach the Dask scheduler at nosuch://127.0.0.1:9: unknown address scheme")
