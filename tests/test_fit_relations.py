"""The fitting script's labels of agreement frames and its guard for refits (bench/fit_relations.py)."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from minegraph.loaders.documents import Document
from minegraph.loaders.extract import document_context
from minegraph.loaders.relations import extract_relations
from minegraph.loaders.relations.candidates import Candidate

ROOT = Path(__file__).resolve().parents[1]
TRAIN = ROOT.parent / "shared" / "eval" / "train"
SHIPPED = ROOT / "loaders" / "relations" / "relation_model.json"

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


def _compare(old: Path, new: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "bench.fit_relations", str(TRAIN), "--compare", str(old), "--out", str(new)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )


def test_the_refit_guard_flags_a_group_whose_weights_are_zeroed(tmp_path):
    model = json.loads(SHIPPED.read_text())
    same = _compare(SHIPPED, SHIPPED)
    assert same.returncode == 0, same.stdout + same.stderr
    # columns: group, positives, mean p old, new, kept old, new, lost, gained, weights alone: old, new, lost
    rows = {line.split()[0]: line.split() for line in same.stdout.splitlines()[2:-1]}
    assert all(rows[g][6] == rows[g][7] == rows[g][10] == "0" for g in model["groups"])  # nothing lost or gained
    # the employers' weights zeroed (and their intercept pushed down): every link the rules do not state is dropped
    g = model["groups"]["works"]
    g["coef"], g["init"] = [0.0] * len(g["coef"]), -10.0
    zeroed = tmp_path / "zeroed.json"
    zeroed.write_text(json.dumps(model))
    got = _compare(SHIPPED, zeroed)
    assert got.returncode == 1, got.stdout + got.stderr
    assert "FAIL" in got.stdout and "works" in got.stdout.splitlines()[-1]
    row = next(line.split() for line in got.stdout.splitlines() if line.startswith("works "))
    assert int(row[6]) > 2 and int(row[10]) > 2 and int(row[9]) == 0 and float(row[3]) < 0.01
    others = [line.split() for line in got.stdout.splitlines()[2:-1] if not line.startswith("works ")]
    assert others and all(r[6] == r[10] == "0" for r in others)


def _rows(pos: int, neg: int) -> list:
    """Invented fitting rows: ``pos`` right and ``neg`` wrong candidates that share one feature,
    and as many wrong ones without it."""
    one = {"shared_word": 1.0}
    return [(one, 1.0, "x1", False, False)] * pos + [(one, 0.0, "x1", False, False)] * neg + [
        ({"other_word": 1.0}, 0.0, "x2", False, False)
    ] * (pos + neg)


def _p_shared(group: str) -> float:
    from bench.fit_relations import fit_group

    got = fit_group(_rows(5, 15), group=group)
    assert got is not None
    est, names, _ = got
    x = [[1.0 if n == "shared_word" else 0.0 for n in names]]
    return float(est.predict_proba(x)[0, 1])


def test_a_balanced_group_weighs_its_few_positives_as_its_many_negatives(monkeypatch):
    from bench import fit_relations as fr

    monkeypatch.setitem(fr.SETTINGS, "balanced", ("covers",))
    monkeypatch.setitem(fr.SETTINGS, "group_c", {})
    # the party group is fitted as the rows fall: a quarter of the shared feature's rows are right
    assert _p_shared("party") < 0.4
    # the covers group weighs its positives up to its negatives' count: the same rows score higher
    assert _p_shared("covers") > _p_shared("party") + 0.2


def test_a_group_of_its_own_regularisation_is_fitted_with_it(monkeypatch):
    from bench import fit_relations as fr

    monkeypatch.setitem(fr.SETTINGS, "group_c", {"covers": 100.0, "party": 0.001})
    monkeypatch.setitem(fr.SETTINGS, "balanced", ())
    # held near the intercept by a strong penalty, against the rows' own quarter nearly free
    assert abs(_p_shared("party") - _p_shared("covers")) > 0.1
    assert abs(_p_shared("covers") - 0.25) < 0.05


def test_the_command_line_defaults_are_what_main_ships():
    from bench import fit_relations as fr

    assert fr.overridden(fr.FIXED_THRESHOLDS, [], "cv") == fr.FIXED_THRESHOLDS
    assert fr.overridden(fr.GROUP_C, [], "default") == {"covers": 0.03}
    assert fr.BALANCED == ("covers",) and fr.FIXED_THRESHOLDS["covers"] == 0.45
    assert fr.SETTINGS["group_c"] == fr.GROUP_C and fr.SETTINGS["balanced"] == fr.BALANCED


def test_group_overrides_on_the_command_line():
    from bench import fit_relations as fr

    got = fr.overridden({"covers": 0.03, "party": 0.3}, ["covers=default", "event=1.5"], "default")
    assert got == {"party": 0.3, "event": 1.5}
    assert fr.groups_named(["covers", "event"]) == ("covers", "event")
    for bad in (["cover=0.1"], ["covers"], ["covers=lots"]):
        with pytest.raises(ValueError):
            fr.overridden({}, bad, "default")
    with pytest.raises(ValueError):
        fr.groups_named(["cover"])
