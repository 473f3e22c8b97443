"""The project's own scorer (graph/evaluate.py) and `minegraph eval` without ../shared."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from minegraph.cli.main import cli
from minegraph.graph.evaluate import normalise, report_lines, score
from minegraph.graph.export import to_node_link
from minegraph.loaders.documents import Document
from minegraph.loaders.pipeline import build_graph
from minegraph.loaders.reader import read_articles

SHARED_EVAL = Path(__file__).resolve().parents[2] / "shared" / "eval"

# An invented gold set: two articles about made-up parties, written for this test.
GOLD = {
    "a.json": {"doc": "a.txt", "source": {}, "entities": [
        {"id": "pe", "labels": ["Country"], "name": "Peru", "aliases": ["Republic of Peru"]},
        {"id": "jp", "labels": ["Country"], "name": "Japan", "aliases": []},
        {"id": "cu", "labels": ["Mineral"], "name": "copper", "aliases": []},
        {"id": "andina", "labels": ["Agency", "Company"], "name": "Andina Mining & Metals", "aliases": ["AMM"]},
        {"id": "pe-jp-cu", "labels": ["Agreement"], "name": "Peru–Japan copper MOU", "aliases": [],
         "parties": ["pe", "jp"], "minerals": ["cu"], "year": 2024, "status": "signed"},
        {"id": "gazette", "labels": ["Company"], "name": "Lima Gazette", "aliases": [], "optional": True},
    ], "relations": [
        {"source": "pe", "target": "pe-jp-cu", "type": "PARTY_TO"},
        {"source": "jp", "target": "pe-jp-cu", "type": "PARTY_TO"},
        {"source": "pe-jp-cu", "target": "cu", "type": "COVERS"},
        {"source": "andina", "target": "pe", "type": "BASED_IN"},
        {"source": "gazette", "target": "pe", "type": "BASED_IN"},
    ]},
    "b.json": {"doc": "b.txt", "source": {}, "entities": [
        {"id": "pe", "labels": ["Country"], "name": "Peru", "aliases": ["the Peruvian government"]},
        {"id": "cl", "labels": ["Country"], "name": "Chile", "aliases": []},
    ], "relations": [{"source": "pe", "target": "cl", "type": "COOPERATES_WITH"}]},
}


def node(node_id, label, name, aliases=(), **props):
    return {"id": node_id, "label": label, "name": name, "aliases": list(aliases), **props}


def edge(source, target, rel_type, **props):
    return {"source": source, "target": target, "type": rel_type, **props}


GRAPH = {
    "nodes": [
        node("country:pe", "Country", "PERU"),
        node("country:pe2", "Country", "Peruvian Government", ["The Peruvian government"]),  # a duplicate
        node("country:jp", "Country", "Japan"),
        node("mineral:cu", "Mineral", "Copper"),
        node("agency:amm", "Agency", "Andina Mining and Metals"),
        node("agreement:x", "Agreement", "copper memorandum", year=2024),  # matched by its parties
        node("company:gazette", "Company", "The Lima Gazette"),  # optional: neither right nor wrong
        node("company:ghost", "Company", "Nowhere Holdings"),  # spurious
        node("document:a", "Document", "a"),  # not scored
    ],
    "links": [
        edge("country:pe", "agreement:x", "PARTY_TO"),
        edge("country:jp", "agreement:x", "PARTY_TO"),
        edge("agreement:x", "mineral:cu", "COVERS"),
        edge("agency:amm", "country:pe", "PART_OF"),  # right pair, wrong type
        edge("company:ghost", "country:jp", "BASED_IN"),  # an unmatched end
        edge("country:jp", "country:pe", "COOPERATES_WITH", derived=True),  # not scored
        edge("document:a", "country:pe", "MENTIONS"),
    ],
}


@pytest.fixture
def gold_dir(tmp_path):
    gold = tmp_path / "gold"
    gold.mkdir()
    for name, data in GOLD.items():
        (gold / name).write_text(json.dumps(data, ensure_ascii=False))
    return gold


def test_normalise():
    assert normalise("The Ministry of Mines & Energy’s") == "ministry of mines and energy s"
    assert normalise("  Côte  d'Ivoire ") == "cote d ivoire"


def test_the_definitions_on_an_invented_gold_set(gold_dir):
    report = score(GRAPH, gold_dir)
    entities = report["entities"]
    assert entities["Country"] == {"precision": 0.667, "recall": 0.667, "f1": 0.667, "predicted": 3, "gold": 3,
                                   "duplicates": 1}
    assert entities["Agreement"] == {"precision": 1.0, "recall": 1.0, "f1": 1.0, "predicted": 1, "gold": 1,
                                     "duplicates": 0}
    assert entities["Company"]["predicted"] == 2 and entities["Company"]["precision"] == 0.5
    assert entities["Agency"]["recall"] == 1.0  # a state-linked firm found as an Agency
    assert report["missed"]["Country"] == ["Chile"]
    assert report["spurious"]["Company"] == ["Nowhere Holdings"]
    assert report["duplicates"]["Country"] == ["Peru"]
    assert report["relations"] == {"precision": 0.8, "recall": 0.8, "f1": 0.8, "predicted": 5, "gold": 5}
    assert report["relations_typed"] == {"precision": 0.6, "recall": 0.6, "f1": 0.6}
    assert report["relations_missed"] == ["Chile -- Peru"]
    assert report["relations_spurious"] == ["Nowhere Holdings -BASED_IN-> Japan"]
    assert report_lines(report)[-1] == ("SCORE entity_f1=0.789 entity_p=0.75 entity_r=0.833 "
                                        "relation_f1=0.8 relation_p=0.8 relation_r=0.8")


def test_eval_runs_from_a_fresh_clone_with_only_a_gold_dir(tmp_path, gold_dir):
    """No ../shared scorer is needed: the articles sit beside the gold as docs/."""
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.txt").write_text("Peru and Japan signed a memorandum of understanding on copper in 2024.\n")
    result = CliRunner().invoke(cli, ["eval", str(gold_dir), "-v"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0].split() == ["label", "P", "R", "F1", "pred", "gold", "dup"]
    assert result.stdout.strip().splitlines()[-1].startswith("SCORE entity_f1=")


@pytest.mark.parametrize("split", ["dev", "train"])
def test_same_figures_as_the_shared_scorer(tmp_path, split):
    here = SHARED_EVAL / split
    if not (SHARED_EVAL / "score.py").exists() or not (here / "gold").is_dir():
        pytest.skip(f"the shared evaluation set is not at {here}")
    documents = [d for d in read_articles([here / "docs"]) if isinstance(d, Document)]
    data = to_node_link(build_graph(documents))
    exported = tmp_path / "graph.json"
    exported.write_text(json.dumps(data, default=str))
    # where one node matches two gold entities equally well, both scorers take the first
    # of a set: the same hash seed in both processes makes "first" the same
    seeded = {**os.environ, "PYTHONHASHSEED": "0"}
    shared = subprocess.run([sys.executable, str(SHARED_EVAL / "score.py"), str(exported), str(here / "gold"), "-v"],
                            capture_output=True, text=True, check=True, env=seeded).stdout
    ours = subprocess.run([sys.executable, "-c", OUR_SCORER, str(exported), str(here / "gold")],
                          capture_output=True, text=True, check=True, env=seeded).stdout
    assert ours.strip().splitlines() == shared.strip().splitlines()


OUR_SCORER = """
import json, sys
from pathlib import Path
from minegraph.graph.evaluate import report_lines, score
print("\\n".join(report_lines(score(json.loads(Path(sys.argv[1]).read_text()), Path(sys.argv[2])), verbose=True)))
"""
