"""bench.agreement_copies: an article's agreement readings with alike parties, by class and by
what the scorer makes of them (an invented graph, matched by a stand-in scorer by name)."""

from __future__ import annotations

import inspect
import json
from types import SimpleNamespace

from bench.agreement_copies import copies, described


def _load_graph(path):
    data = json.loads(path.read_text())
    return {n["id"]: {"label": n["label"], "name": n["name"]} for n in data["nodes"]}, data["edges"]


def _load_gold(gold_dir, docs):
    return json.loads((gold_dir / "gold.json").read_text()), {}


def _match(nodes, edges, gold):
    return {nid: gold.get(n["name"]) for nid, n in nodes.items()}


_SCORER = SimpleNamespace(load_graph=_load_graph, load_gold=_load_gold, match_entities=_match)


def _party(source, target, doc="d1"):
    return {"source": source, "target": target, "type": "PARTY_TO", "doc_ids": [doc]}


def test_a_name_of_parties_and_kind_is_no_name_of_its_own():
    assert described({"id": "agreement:mou-aa-bb-2031", "name": "Aa–Bb MOU (2031)", "kind": "mou"})
    assert described({"id": "agreement:joint-venture-aa-bb", "name": "Aa–Bb joint venture", "kind": "joint_venture"})
    assert not described({"id": "agreement:tin-compact", "name": "Tin Compact", "kind": "agreement"})


def test_pairs_are_classed_by_parties_names_kinds_and_what_tells_them_apart(tmp_path):
    nodes = [
        {"id": "agreement:mou-aa-bb-2031", "label": "Agreement", "name": "Aa–Bb MOU (2031)", "kind": "mou",
         "status": "signed", "year": 2031},
        {"id": "agreement:deal-aa", "label": "Agreement", "name": "Aa deal", "kind": "deal", "status": "signed"},
        {"id": "agreement:offtake-aa-bb", "label": "Agreement", "name": "Aa–Bb offtake", "kind": "offtake",
         "status": "proposed"},
        {"id": "agreement:tin-compact", "label": "Agreement", "name": "Tin Compact", "kind": "agreement",
         "status": "launched"},
        {"id": "aa", "label": "Country", "name": "Aa"},
        {"id": "bb", "label": "Country", "name": "Bb"},
        {"id": "cc", "label": "Country", "name": "Cc"},
    ]
    edges = [
        _party("aa", "agreement:mou-aa-bb-2031"), _party("bb", "agreement:mou-aa-bb-2031"),
        _party("aa", "agreement:deal-aa"),
        _party("aa", "agreement:offtake-aa-bb"), _party("bb", "agreement:offtake-aa-bb"),
        _party("cc", "agreement:tin-compact"),  # no party in common: never paired
        _party("bb", "agreement:deal-aa", doc="d2"),  # another article's link does not count in this one
    ]
    (tmp_path / "g.json").write_text(json.dumps({"nodes": nodes, "edges": edges}))
    (tmp_path / "gold.json").write_text(json.dumps({"Aa–Bb MOU (2031)": "mou", "Aa deal": "mou",
                                                    "Aa–Bb offtake": "offtake"}))
    res = copies(_SCORER, tmp_path / "g.json", tmp_path, ["d1"])
    assert {(cls, outcome) for cls, outcome, *_ in res.pairs} == {
        (("within", "0", "general", "-"), "one gold"),  # the deal with Aa alone: the MoU read again
        (("within", "0", "general", "status"), "two golds"),
        (("same", "0", "other", "status"), "two golds"),  # an MoU signed, an offtake talked of
    }
    assert res.outcomes[("same", "0", "other", "status")]["two golds"] == 1


#: the stand-in scorer above as a score.py of its own, for the command to load
_SCORER_FILE = "import json\n\n" + "\n".join(inspect.getsource(f) for f in (_load_graph, _load_gold, _match)) + (
    "load_graph, load_gold, match_entities = _load_graph, _load_gold, _match\n"
)


def test_the_command_reads_the_scorer_two_folders_above_the_gold_and_lists_pairs_with_v(tmp_path, capsys):
    from bench.agreement_copies import main

    gold = tmp_path / "eval" / "train" / "gold"
    gold.mkdir(parents=True)
    (tmp_path / "eval" / "score.py").write_text(_SCORER_FILE)
    nodes = [
        {"id": "agreement:mou-aa-bb", "label": "Agreement", "name": "Aa–Bb MOU", "kind": "mou", "status": "signed"},
        {"id": "agreement:deal-aa", "label": "Agreement", "name": "Aa deal", "kind": "deal", "status": "signed"},
        {"id": "aa", "label": "Country", "name": "Aa"},
        {"id": "bb", "label": "Country", "name": "Bb"},
    ]
    mou = "agreement:mou-aa-bb"
    edges = [_party("aa", mou), _party("bb", mou), _party("aa", "agreement:deal-aa")]
    (tmp_path / "g.json").write_text(json.dumps({"nodes": nodes, "edges": edges}))
    (gold / "gold.json").write_text(json.dumps({"Aa–Bb MOU": "mou", "Aa deal": "mou"}))
    assert main([str(tmp_path / "g.json"), str(gold), "d1"]) == 0
    quiet = capsys.readouterr().out
    assert main([str(tmp_path / "g.json"), str(gold), "d1", "-v"]) == 0
    listed = capsys.readouterr().out
    pair = "within 0 general - | one gold | d1"
    assert pair not in quiet and pair in listed
