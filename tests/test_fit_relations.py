"""The fitting script's labels of agreement frames (bench/fit_relations.py)."""

import json
from pathlib import Path

import pytest

from minegraph.loaders.documents import Document
from minegraph.loaders.extract import document_context
from minegraph.loaders.relations import extract_relations
from minegraph.loaders.relations.candidates import Candidate

ROOT = Path(__file__).resolve().parents[1]
TRAIN = ROOT.parent / "shared" / "eval" / "train"

pytestmark = pytest.mark.skipif(not TRAIN.is_dir(), reason="needs ../shared/eval (its score.py, its train corpus)")


def _country(i: str, name: str) -> dict:
    return {"id": i, "labels": ["Country"], "name": name}


def _mou(i: str, parties: list[str]) -> dict:
    return {"id": i, "labels": ["Agreement"], "name": f"{i} lithium MoU", "parties": parties, "minerals": ["li"]}


def _labels(tmp_path, text: str, agreements: list[dict]) -> dict[str, dict[tuple[str, str], float | None]]:
    """how -> (group, entity key) -> label of every frame candidate of ``text``."""
    from bench.fit_relations import Gold, label, load_scorer

    relations = [{"source": p, "target": a["id"], "type": "PARTY_TO"} for a in agreements for p in a["parties"]]
    relations += [{"source": a["id"], "target": "li", "type": "COVERS"} for a in agreements]
    countries = [_country("gh", "Ghana"), _country("pe", "Peru"), _country("cl", "Chile")]
    gold = {"entities": [*countries, {"id": "li", "labels": ["Mineral"], "name": "lithium"}, *agreements]}
    gold["relations"] = relations
    path = tmp_path / "gold.json"
    path.write_text(json.dumps(gold))
    ctx = document_context(Document("t", "t.txt", text, "0" * 64))
    cands: list[Candidate] = []
    extract_relations(ctx, None, cands)
    g = Gold(path, load_scorer(TRAIN.parent).norm)
    out: dict[str, dict] = {}
    for how in ("near", "any", "sure"):
        ys = label(cands, ctx, g, how)
        out[how] = {
            (c.group, c.source or c.target): y for c, y in zip(cands, ys, strict=True) if c.group in ("party", "covers")
        }
    return out


def test_a_frame_whose_parties_are_told_in_the_sentence_before_is_labelled_by_its_agreement(tmp_path):
    got = _labels(
        tmp_path,
        "Ghana and Peru held talks in Accra on Monday. The memorandum of understanding covers lithium, officials"
        " said. Chile has also mined lithium for decades.",
        [_mou("gh-pe", ["gh", "pe"])],
    )
    # as shipped: only the actors of the frame's own sentence tell its agreement, here none
    assert set(got["near"].values()) == {0.0}
    # at any distance: the agreement whose parties are named nearest, and its parties and mineral are right
    anyd = got["any"]
    assert anyd["party", "country:gh"] == anyd["party", "country:pe"] == anyd["covers", "mineral:lithium"] == 1.0
    assert anyd["party", "country:cl"] == 0.0
    # sure: a frame whose own sentences do not name two of its parties has every candidate wrong
    assert got["sure"] == got["near"]


def test_a_frame_two_agreements_fit_alike_is_left_out_where_they_disagree(tmp_path):
    got = _labels(
        tmp_path,
        "Ghana held talks with Peru and Chile in Accra on Monday. The memorandum of understanding covers lithium,"
        " officials said.",
        [_mou("gh-pe", ["gh", "pe"]), _mou("gh-cl", ["gh", "cl"])],
    )["any"]
    # a party of both is right whichever it is; one of either is not known
    assert got["party", "country:gh"] == 1.0 and got["covers", "mineral:lithium"] == 1.0
    assert got["party", "country:pe"] is None and got["party", "country:cl"] is None
