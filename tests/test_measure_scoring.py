"""The project's measure scorer (graph/measure_scoring.py): its definitions on an invented
gold set, the same figures as the shared measure scorer, and `minegraph eval` reporting it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from minegraph.cli.main import cli
from minegraph.graph.export import to_node_link
from minegraph.graph.measure_scoring import measure_report_lines, score_measures
from minegraph.loaders.documents import Document
from minegraph.loaders.pipeline import build_graph
from minegraph.loaders.reader import read_articles

SHARED_EVAL = Path(__file__).resolve().parents[2] / "shared" / "eval"

# An invented set of two articles, written for this test.
GOLD = {
    "a": {"doc": "a.txt", "source": {}, "entities": [
        {"id": "pe", "labels": ["Country"], "name": "Peru", "aliases": []},
        {"id": "cl", "labels": ["Country"], "name": "Chile", "aliases": ["Chilean"]},
        {"id": "li", "labels": ["Mineral"], "name": "lithium", "aliases": []},
        {"id": "cu", "labels": ["Mineral"], "name": "copper", "aliases": []},
        {"id": "mines", "labels": ["Agency"], "name": "Ministry of Mines", "aliases": []},
    ], "relations": []},
    "b": {"doc": "b.txt", "source": {}, "entities": [
        {"id": "pe", "labels": ["Country"], "name": "Peru", "aliases": ["Republic of Peru"]},
        {"id": "li", "labels": ["Mineral"], "name": "lithium", "aliases": []},
        {"id": "bo", "labels": ["Country"], "name": "Bolivia", "aliases": []},
    ], "relations": []},
}
MEASURES = {
    "a": {"doc": "a.txt", "measures": [
        {"id": "pe-li-ban", "name": "Peru lithium export ban", "kind": "export_ban", "imposed_by": ["pe", "mines"],
         "targets": ["li"], "affects": [], "status": "announced", "year": 2025},
        {"id": "cl-cu-royalty", "name": "Chile copper royalty", "kind": "royalty", "imposed_by": ["cl"],
         "targets": ["cu"], "affects": [], "status": "in_force", "year": None},
        {"id": "cl-list", "name": "Chile critical minerals list", "kind": "critical_list", "imposed_by": ["cl"],
         "targets": [], "affects": [], "status": "in_force", "year": None, "optional": True},
    ], "extra_entities": []},
    "b": {"doc": "b.txt", "measures": [
        {"id": "pe-li-ban", "name": "Peru lithium export ban", "kind": "export_ban", "imposed_by": ["pe"],
         "targets": ["li"], "affects": [], "status": "lifted", "year": None},
        {"id": "bo-nat", "name": "Bolivia lithium nationalisation", "kind": "nationalisation",
         "imposed_by": ["bo"], "targets": ["li"], "affects": [], "status": "in_force", "year": None},
        {"id": "sa-ban", "name": "Sylvania export ban", "kind": "export_ban", "imposed_by": ["sylvania"],
         "targets": [], "affects": [], "status": "in_force", "year": None},
    ], "extra_entities": [{"id": "sylvania", "labels": ["Country"], "name": "Sylvania", "aliases": []}]},
}


def node(node_id, label, name, aliases=(), **props):
    return {"id": node_id, "label": label, "name": name, "aliases": list(aliases), **props}


def edge(source, target, rel_type):
    return {"source": source, "target": target, "type": rel_type}


GRAPH = {
    "nodes": [
        node("country:pe", "Country", "Republic of Peru"),
        node("country:cl", "Country", "Chilean Republic", ["Chilean"]),
        node("country:sy", "Country", "Sylvania"),
        node("mineral:li", "Mineral", "Lithium"),
        node("mineral:cu", "Mineral", "copper"),
        node("m:ban", "Measure", "Peru export ban on lithium", kind="export_ban"),
        node("m:royalty", "Measure", "Chile copper tax", kind="export_tax"),  # matched, the wrong kind
        node("m:list", "Measure", "Chile list", kind="critical_list"),  # matches an optional one only
        node("m:sy", "Measure", "Sylvania ban", kind="export_ban"),
        node("m:ghost", "Measure", "Chile ban on tin", kind="export_ban"),  # no gold measure: spurious
    ],
    "edges": [
        edge("m:ban", "country:pe", "IMPOSED_BY"), edge("m:ban", "mineral:li", "TARGETS"),
        edge("country:cl", "m:royalty", "IMPOSED_BY"),  # the direction is not checked
        edge("m:royalty", "mineral:cu", "TARGETS"), edge("m:royalty", "mineral:li", "TARGETS"),
        edge("m:list", "country:cl", "IMPOSED_BY"),
        edge("m:sy", "country:sy", "IMPOSED_BY"),
        edge("m:ghost", "country:cl", "IMPOSED_BY"), edge("m:ghost", "mineral:cu", "TARGETS"),
    ],
}


@pytest.fixture
def eval_set(tmp_path) -> Path:
    for folder, files in (("gold", GOLD), ("measures", MEASURES)):
        (tmp_path / folder).mkdir()
        for stem, data in files.items():
            (tmp_path / folder / f"{stem}.json").write_text(json.dumps(data), encoding="utf-8")
    return tmp_path


def test_the_definitions_on_an_invented_gold_set(eval_set):
    report = score_measures(GRAPH, eval_set / "measures", eval_set / "gold")
    # gold: the ban (one id in two articles), the royalty, the nationalisation, Sylvania's ban;
    # found: the ban, the royalty (wrong kind), Sylvania's ban; the list matches an optional one
    assert report["measures"] == {"precision": 0.75, "recall": 0.75, "f1": 0.75, "predicted": 5, "gold": 4}
    assert report["kind_accuracy"] == 0.75  # 3 of the 4 pairs (the optional one counts here)
    # links: gold pe, mines, li (ban), cl, cu (royalty), bo, li (nationalisation), sylvania = 8;
    # found pe, li, cl, cu, sylvania = 5; the scored measures carry 2 + 3 + 1 + 2 = 8 links
    assert report["links"] == {"precision": 0.625, "recall": 0.625, "f1": 0.625}
    assert report["missed"] == ["b: Bolivia lithium nationalisation"]
    assert report["spurious"] == ["Chile ban on tin"]
    assert report["wrong_kind"] == ["Chile copper tax: export_tax (gold royalty)"]
    assert measure_report_lines(report)[-1] == (
        "SCORE measure_f1=0.75 measure_p=0.75 measure_r=0.75 kind_acc=0.75 measure_link_f1=0.625")


def shared_lines(graph_file: Path, set_dir: Path) -> list[str]:
    out = subprocess.run([sys.executable, str(SHARED_EVAL / "score_measures.py"), str(graph_file), str(set_dir),
                          "-v"], capture_output=True, text=True, check=True).stdout
    return out.strip().splitlines()


def first_difference(ours: list[str], theirs: list[str]) -> int | None:
    """Where two reports part (None: they agree); only the place is reported, so a failure
    shows no line of a set whose misses must not be read."""
    for index, (a, b) in enumerate(zip(ours, theirs, strict=False)):
        if a != b:
            return index
    return None if len(ours) == len(theirs) else min(len(ours), len(theirs))


def test_same_figures_as_the_shared_scorer_on_the_invented_set(eval_set, tmp_path):
    if not (SHARED_EVAL / "score_measures.py").exists():
        pytest.skip(f"the shared measure scorer is not at {SHARED_EVAL}")
    exported = tmp_path / "graph.json"
    exported.write_text(json.dumps(GRAPH))
    ours = measure_report_lines(score_measures(GRAPH, eval_set / "measures", eval_set / "gold"), verbose=True)
    assert ours == shared_lines(exported, eval_set)


@pytest.mark.parametrize("split", ["dev", "train"])
def test_same_figures_as_the_shared_scorer(tmp_path, split):
    here = SHARED_EVAL / split
    if not (SHARED_EVAL / "score_measures.py").exists() or not (here / "measures").is_dir():
        pytest.skip(f"the shared measure set is not at {here}")
    documents = [d for d in read_articles([here / "docs"]) if isinstance(d, Document)]
    exported = tmp_path / "graph.json"
    exported.write_text(json.dumps(to_node_link(build_graph(documents)), default=str))
    ours = measure_report_lines(score_measures(json.loads(exported.read_text()), here / "measures", here / "gold"),
                                verbose=True)
    assert first_difference(ours, shared_lines(exported, here)) is None


def test_eval_reports_measures_before_the_entity_summary(eval_set):
    docs = eval_set / "docs"
    docs.mkdir()
    (docs / "a.txt").write_text("Peru said it will ban exports of lithium from 2025.\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["eval", str(eval_set / "gold")], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    lines = result.stdout.strip().splitlines()
    assert lines[-1].startswith("SCORE entity_f1=")
    assert lines[-2] == "SCORE measure_f1=0.4 measure_p=1.0 measure_r=0.25 kind_acc=1.0 measure_link_f1=0.4"
