"""bench.party_errors: the cause of each wrong PARTY_TO link (an invented one-article build,
matched by a stand-in scorer that matches by name)."""

from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace

import pytest

from bench.party_errors import classify


def _load_graph(path):
    data = json.loads(path.read_text())
    return {n["id"]: {"label": n["label"], "name": n["name"]} for n in data["nodes"]}, data["edges"]


def _load_gold(gold_dir, docs):
    ents, rels = {}, {}
    for doc in sorted(docs):
        g = json.loads((gold_dir / f"{doc}.json").read_text())
        ents.update({e["id"]: e for e in g["entities"]})
        rels.update({(r["source"], r["target"], r["type"]): r for r in g["relations"]})
    return ents, rels


def _match(nodes, edges, gold):
    by_name = {e["name"]: gid for gid, e in gold.items()}
    return {nid: by_name.get(n["name"]) for nid, n in nodes.items()}


_SCORER = SimpleNamespace(load_graph=_load_graph, load_gold=_load_gold, match_entities=_match)

#: one invented article: Ruritania and Freedonia sign a tin MoU; Acme and Beta (a Sylvanian firm)
#: sign a supply deal at a forum held in Osterlich
_GOLD = {
    "entities": [
        {"id": "ru", "labels": ["Country"], "name": "Ruritania"},
        {"id": "fr", "labels": ["Country"], "name": "Freedonia"},
        {"id": "acme", "labels": ["Company"], "name": "Acme"},
        {"id": "beta", "labels": ["Company"], "name": "Beta"},
        {"id": "forum", "labels": ["Event"], "name": "Tin Forum"},
        {"id": "board", "labels": ["Agency"], "name": "Mining Board"},
        {"id": "sy", "labels": ["Country"], "name": "Sylvania"},
        {"id": "os", "labels": ["Country"], "name": "Osterlich"},
        {"id": "tin-mou", "labels": ["Agreement"], "name": "Tin MoU", "parties": ["ru", "fr"]},
        {"id": "supply", "labels": ["Agreement"], "name": "Supply deal", "parties": ["acme", "beta"]},
    ],
    "relations": [
        {"source": "ru", "target": "tin-mou", "type": "PARTY_TO"},
        {"source": "fr", "target": "tin-mou", "type": "PARTY_TO"},
        {"source": "acme", "target": "supply", "type": "PARTY_TO"},
        {"source": "beta", "target": "supply", "type": "PARTY_TO"},
        {"source": "beta", "target": "sy", "type": "BASED_IN"},
        {"source": "forum", "target": "os", "type": "HELD_IN"},
    ],
}


def _node(nid, label, name):
    return {"id": nid, "label": label, "name": name}


def _party(src, dst, conf=0.5, evidence="A sentence."):
    return {
        "source": src,
        "target": dst,
        "type": "PARTY_TO",
        "doc_ids": ["d1"],
        "confidence": conf,
        "evidence": [evidence],
    }


_NODES = [
    _node("n-ru", "Country", "Ruritania"),
    _node("n-fr", "Country", "Freedonia"),
    _node("n-acme", "Company", "Acme"),
    _node("n-beta", "Company", "Beta"),
    _node("n-board", "Agency", "Mining Board"),
    _node("n-sy", "Country", "Sylvania"),
    _node("n-os", "Country", "Osterlich"),
    _node("n-mou", "Agreement", "Tin MoU"),
    _node("n-supply", "Agreement", "Supply deal"),
]


def _classes(tmp_path, extra_nodes, edges, without=()):
    nodes = [n for n in _NODES if n["id"] not in without] + extra_nodes
    (tmp_path / "g.json").write_text(json.dumps({"nodes": nodes, "edges": edges}))
    (tmp_path / "d1.json").write_text(json.dumps(_GOLD))
    return {(r[2], r[3]): r[0] for r in classify(_SCORER, tmp_path / "g.json", tmp_path, ["d1"])}


def test_right_links_and_a_party_of_the_neighbouring_agreement(tmp_path):
    got = _classes(tmp_path, [], [_party("n-ru", "n-mou"), _party("n-beta", "n-mou"), _party("n-acme", "n-supply")])
    assert got[("Ruritania", "Tin MoU")] == "right"
    assert got[("Acme", "Supply deal")] == "right"
    assert got[("Beta", "Tin MoU")] == "neighbour's party"


def test_a_firms_home_country_made_a_party_of_its_deal(tmp_path):
    got = _classes(tmp_path, [], [_party("n-sy", "n-supply")])
    assert got[("Sylvania", "Supply deal")] == "home country"


def test_a_host_made_a_party(tmp_path):
    got = _classes(tmp_path, [], [_party("n-os", "n-supply")])
    assert got[("Osterlich", "Supply deal")] == "onlooker"


def test_agreement_nodes_that_match_no_gold_agreement(tmp_path):
    extra = [_node("n-copy", "Agreement", "Ruritania-Freedonia pact"), _node("n-x", "Agreement", "Board plan")]
    got = _classes(tmp_path, extra, [_party("n-ru", "n-copy"), _party("n-board", "n-x")])
    assert got[("Ruritania", "Ruritania-Freedonia pact")] == "agreement copy"  # its MoU is found as n-mou
    assert got[("Mining Board", "Board plan")] == "agreement spurious"  # the board signs nothing
    # the supply deal found by no node of its own: its party's link to a new node is the deal unmatched
    unmatched = _classes(
        tmp_path, [_node("n-loan", "Agreement", "Beta loan")], [_party("n-beta", "n-loan")], without=("n-supply",)
    )
    assert unmatched[("Beta", "Beta loan")] == "agreement unmatched"


def test_a_party_the_gold_does_not_name(tmp_path):
    got = _classes(tmp_path, [_node("n-ghost", "Company", "Ghost")], [_party("n-ghost", "n-mou")])
    assert got[("Ghost", "Tin MoU")] == "party unknown"


_EVAL = Path(__file__).resolve().parents[1].parent / "shared" / "eval"


@pytest.mark.skipif(not (_EVAL / "score.py").is_file(), reason="needs ../shared/eval/score.py")
def test_classes_with_the_real_scorers_matching(tmp_path):
    from bench.fit_relations import load_scorer

    nodes = [*_NODES, _node("n-ghost", "Company", "Ghost")]
    edges = [_party("n-ru", "n-mou"), _party("n-fr", "n-mou"), _party("n-beta", "n-mou"), _party("n-ghost", "n-supply")]
    (tmp_path / "g.json").write_text(json.dumps({"nodes": nodes, "edges": edges}))
    (tmp_path / "d1.json").write_text(json.dumps(_GOLD))
    got = {(r[2], r[3]): r[0] for r in classify(load_scorer(_EVAL), tmp_path / "g.json", tmp_path, ["d1"])}
    assert got[("Ruritania", "Tin MoU")] == "right"
    assert got[("Beta", "Tin MoU")] == "neighbour's party"
    assert got[("Ghost", "Supply deal")] == "party unknown"
