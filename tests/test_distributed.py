"""Extraction leaves the machine: a Dask cluster maps the pure article -> claims file
function, and ``load`` writes the claims as a build would have."""

from __future__ import annotations

from pathlib import Path

import pytest

from minegraph.graph.store import open_store
from minegraph.loaders.pipeline import build_paths, extract_to_claims, load_claims
from tests.conftest import SAMPLE

distributed = pytest.importorskip("distributed")


@pytest.mark.slow
def test_extraction_on_a_dask_cluster_then_load_equals_build(tmp_path):
    claims = tmp_path / "claims"
    claims.mkdir()
    articles = sorted(str(p) for p in SAMPLE.glob("*.txt"))
    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None)
    with cluster, distributed.Client(cluster) as client:
        results = client.gather(client.map(extract_to_claims, articles, out_dir=str(claims)))
    assert all("claims" in r for r in results)
    assert sorted(Path(r["claims"]).parent for r in results) == [claims] * len(articles)
    with open_store(tmp_path / "loaded") as store:
        report = load_claims(store, claims)
        loaded = store.read_graph()
    assert len(report.loaded) == len(articles)
    with open_store(tmp_path / "built") as store:
        build_paths(store, articles)
        built = store.read_graph()
    assert loaded == built
