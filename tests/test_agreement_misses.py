"""bench.agreement_misses: the class of the step that lost a gold agreement (invented articles)."""

from __future__ import annotations

import json
import re
from types import SimpleNamespace

from bench.agreement_misses import classify

_SCORER = SimpleNamespace(norm=lambda s: re.sub(r"\s+", " ", re.sub(r"[^\w\s]", " ", s.casefold())).strip())


def _article(tmp_path, text: str, parties: list[str]):
    (tmp_path / "a.txt").write_text(text)
    names = {"cl": "Chile", "pe": "Peru", "gh": "Ghana"}
    gold = {
        "entities": [
            {"id": "deal", "labels": ["Agreement"], "name": "Chile–Peru lithium memorandum", "parties": parties},
            *({"id": p, "labels": ["Country"], "name": names[p]} for p in parties),
        ],
        "relations": [{"source": p, "target": "deal", "type": "PARTY_TO"} for p in parties],
    }
    (tmp_path / "a.json").write_text(json.dumps(gold))
    return tmp_path / "a.txt", tmp_path / "a.json"


def test_each_lost_agreement_gets_the_class_of_the_step_that_lost_it(tmp_path):
    text = "Chile and Peru signed a memorandum of understanding on lithium on Monday.\n"
    doc, gold = _article(tmp_path, text, ["cl", "pe"])
    assert classify(_SCORER, doc, gold, {"deal"}) == [("kept", "Chile–Peru lithium memorandum", 2)]
    assert classify(_SCORER, doc, gold, set()) == []  # matched: nothing to tell
    doc, gold = _article(tmp_path, "Chile and Peru said on Monday that lithium prices had fallen.\n", ["cl", "pe"])
    assert [c for c, _n, _l in classify(_SCORER, doc, gold, {"deal"})] == ["no frame"]
    doc, gold = _article(tmp_path, text, ["cl", "gh"])  # Ghana is never named
    assert [c for c, _n, _l in classify(_SCORER, doc, gold, {"deal"})] == ["party missing"]



def test_a_frame_whose_parties_the_weights_drop_or_never_gather_is_told_apart(tmp_path, monkeypatch):
    # the frame stays, its party candidates are dropped (not kept) or never made (not candidates)
    import bench.agreement_misses as misses

    frames_of = misses._frames_of

    def dropped(ctx):
        frames, cands, keep = frames_of(ctx)
        return frames, cands, [False] * len(keep)

    def never_made(ctx):
        return frames_of(ctx)[0], [], []

    doc, gold = _article(tmp_path, "Chile and Peru signed a memorandum of understanding on lithium on Monday.\n",
                         ["cl", "pe"])
    monkeypatch.setattr(misses, "_frames_of", dropped)
    assert [c for c, _n, _l in classify(_SCORER, doc, gold, {"deal"})] == ["not kept"]
    monkeypatch.setattr(misses, "_frames_of", never_made)
    assert [c for c, _n, _l in classify(_SCORER, doc, gold, {"deal"})] == ["not candidates"]
