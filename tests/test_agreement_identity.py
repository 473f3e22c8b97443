"""bench.agreement_identity: agreement nodes shared across articles, right, wrong and missed
(an invented two-article build, matched by a stand-in scorer that matches by name)."""

from __future__ import annotations

import json
from types import SimpleNamespace

from bench.agreement_identity import identity


def _load_graph(path):
    data = json.loads(path.read_text())
    return {n["id"]: {"label": n["label"], "name": n["name"]} for n in data["nodes"]}, data["edges"]


def _load_gold(gold_dir, docs):
    (doc,) = docs
    return {e["id"]: e for e in json.loads((gold_dir / f"{doc}.json").read_text())["entities"]}, {}


def _match(nodes, edges, gold):
    by_name = {e["name"]: gid for gid, e in gold.items()}
    return {nid: by_name.get(n["name"]) for nid, n in nodes.items()}


_SCORER = SimpleNamespace(load_graph=_load_graph, load_gold=_load_gold, match_entities=_match)


def _build(tmp_path, nodes, edges, golds):
    (tmp_path / "g.json").write_text(json.dumps({"nodes": nodes, "edges": edges}))
    for doc, entities in golds.items():
        (tmp_path / f"{doc}.json").write_text(json.dumps({"entities": entities, "relations": []}))
    return tmp_path / "g.json"


def _agreement(nid, name):
    return {"id": nid, "label": "Agreement", "name": name}


def test_one_node_for_two_gold_agreements_is_a_wrong_merge(tmp_path):
    graph = _build(
        tmp_path,
        [_agreement("agreement:mou-aa-bb-2031", "Ruritania-Freedonia MOU"),
         {"id": "aa", "label": "Country", "name": "A"}],
        [{"source": "aa", "target": "agreement:mou-aa-bb-2031", "type": "PARTY_TO", "doc_ids": ["d1", "d2"]}],
        {"d1": [{"id": "tin-mou", "name": "Ruritania-Freedonia MOU"}],
         "d2": [{"id": "tin-mou", "name": "other"}, {"id": "zinc-mou", "name": "Ruritania-Freedonia MOU"}]},
    )
    res = identity(_SCORER, graph, tmp_path, ["d1", "d2"])
    assert list(res.wrong) == ["agreement:mou-aa-bb-2031"] and not res.right


def test_one_gold_agreement_in_one_node_is_right_and_in_two_is_missed(tmp_path):
    nodes = [_agreement("n1", "Tin pact"), _agreement("n2", "Tin accord"), _agreement("n3", "Zinc pact")]
    edges = [
        {"source": "n1", "target": "n3", "type": "X", "doc_ids": ["d1"]},
        {"source": "n2", "target": "n3", "type": "X", "doc_ids": ["d2"]},
    ]
    golds = {"d1": [{"id": "tin", "name": "Tin pact"}, {"id": "zinc", "name": "Zinc pact"}],
             "d2": [{"id": "tin", "name": "Tin accord"}, {"id": "zinc", "name": "Zinc pact"}]}
    res = identity(_SCORER, _build(tmp_path, nodes, edges, golds), tmp_path, ["d1", "d2"])
    assert list(res.right) == ["n3"]
    assert list(res.missed) == ["tin"]
    assert not res.wrong
