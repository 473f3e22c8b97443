"""The extraction quality bar: the shared dev and train sets, built through the real
pipeline and scored with the project's scorer (checked against the shared one in
tests/test_scorer.py).  The floors are the issue targets for these sets; the figures
reached are in the README, so a drop below a floor is a regression, not noise."""

from __future__ import annotations

from pathlib import Path

import pytest

from minegraph.graph.evaluate import report_lines, score
from minegraph.graph.export import to_node_link
from minegraph.loaders.documents import Document
from minegraph.loaders.pipeline import build_graph
from minegraph.loaders.reader import read_articles

EVAL = Path(__file__).resolve().parents[2] / "shared" / "eval"

FLOORS = {  # set: (entity F1, relation F1)
    "dev": (0.99, 0.99),
    "train": (0.93, 0.84),
}


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_extraction_score_holds(name):
    folder = EVAL / name
    if not (folder / "docs").is_dir() or not (folder / "gold").is_dir():
        pytest.skip(f"shared evaluation set not found at {folder} (it lives beside the repo)")
    docs = [d for d in read_articles([folder / "docs"]) if isinstance(d, Document)]
    report = score(to_node_link(build_graph(docs)), folder / "gold")
    summary = "\n".join(report_lines(report, verbose=True))
    entity_floor, relation_floor = FLOORS[name]
    assert report["entities"]["core"]["f1"] >= entity_floor, summary
    assert report["relations"]["f1"] >= relation_floor, summary


#: the invented probe set (bench/probes, issue 20): written without reading the rules, so it measures
#: extraction on news nobody wrote rules for; a ratchet, at most the figures reached. p41-p60 were
#: added blind after round 7; all 60 on main: 0.919 / 0.813 (p01-p40 alone had reached 0.919 / 0.821);
#: h-agree9's agreement detection, partly steered by their misses: 0.939 / 0.838. p61-p80 (full-length
#: pages shaped like real wire and official news) were added blind at the start of round 8: all 80 at
#: 911a491 0.881 / 0.741, at the end of round 8 0.891 / 0.756. p81-p100 (other page kinds: releases, exchange
#: announcements, live blogs, hearings, interviews) were added blind at the start of round 9: all 100 0.866 / 0.727,
#: at the end of round 9 0.891 / 0.797 (p61-p80, read by the round, 0.929 / 0.836; p81-p100, blind, 0.852 / 0.676);
#: the figure moves with the hash seed (0.889-0.892 / 0.794-0.797 over four seeds), so the floor sits under the lowest
PROBE_FLOORS = (0.88, 0.78)
PROBES = Path(__file__).resolve().parents[1] / "bench" / "probes"


def test_probe_score_holds():
    docs = [d for d in read_articles([PROBES / "docs"]) if isinstance(d, Document)]
    assert len(docs) == len(list((PROBES / "docs").glob("*.txt"))) >= 40
    report = score(to_node_link(build_graph(docs)), PROBES / "gold")
    summary = report_lines(report)[-1]  # the figures only: tune on train, not on the probes' misses
    entity_floor, relation_floor = PROBE_FLOORS
    assert report["entities"]["core"]["f1"] >= entity_floor, summary
    assert report["relations"]["f1"] >= relation_floor, summary


#: measure floors per set (measure F1, kind accuracy, measure link F1): a ratchet, at most the figures reached
MEASURE_FLOORS = {"train": (0.88, 0.99, 0.84)}


@pytest.mark.parametrize("name", ["dev", "train"])
def test_measure_score_holds(name):
    from minegraph.graph.measure_scoring import measure_report_lines, score_measures

    folder = EVAL / name
    if not (folder / "docs").is_dir() or not (folder / "measures").is_dir():
        pytest.skip(f"shared measure set not found at {folder} (it lives beside the repo)")
    docs = [d for d in read_articles([folder / "docs"]) if isinstance(d, Document)]
    report = score_measures(to_node_link(build_graph(docs)), folder / "measures", folder / "gold")
    summary = measure_report_lines(report)[-1]  # the figures only: the set's misses are not printed
    if name == "dev":  # both gold measures are optional: nothing may be invented
        assert report["spurious"] == [] and report["measures"]["precision"] == 1.0, summary
        return
    f1, kind, links = MEASURE_FLOORS[name]
    assert report["measures"]["f1"] >= f1 and report["kind_accuracy"] >= kind, summary
    assert report["links"]["f1"] >= links, summary


#: twenty-four sets of eight invented articles (bench/blind), each by another writer who read neither the rules
#: nor any score. a-e (round 10: government readouts, business press, policy and round-ups, meetings,
#: mixed wire) were blind in round 10, f-j (government readouts and press releases, conferences and forums,
#: company deals, policy measures, mixed newsletters) in round 11; both were steer sets in rounds 12-13. k-o
#: (round 12: wire and market reports, regional and translated press, company announcements, policy and
#: parliament, multilateral meetings and profiles) were blind in round 12; q, r, s, u, v (round 13: African,
#: Latin American, European and North American press, mining trade press, explainers and newsletters) were
#: scored by the lead only, figures only, at the start of round 13 (b453a34) and at its end; k-o were steer
#: sets in round 14. w, x, y, z (round 14: Asian press, Gulf and Eurasian readouts, wire and market reports,
#: Western government and parliamentary material) were scored by the lead only, figures only, at the start of
#: round 14 (7b40ac7) and at its end. Each is built alone. A ratchet a point under the end figures.
BLIND_FLOORS = {
    "a": (0.94, 0.85),
    "b": (0.91, 0.83),
    "c": (0.92, 0.78),
    "d": (0.89, 0.80),
    "e": (0.90, 0.79),
    "f": (0.87, 0.77),
    "g": (0.92, 0.88),
    "h": (0.90, 0.78),
    "i": (0.88, 0.83),
    "j": (0.93, 0.81),
    "k": (0.92, 0.87),
    "l": (0.79, 0.66),
    "m": (0.92, 0.86),
    "n": (0.93, 0.84),
    "o": (0.88, 0.76),
    "q": (0.91, 0.81),
    "r": (0.88, 0.76),
    "s": (0.88, 0.69),
    "u": (0.87, 0.72),
    "v": (0.88, 0.80),
    "w": (0.90, 0.74),
    "x": (0.88, 0.70),
    "y": (0.89, 0.79),
    "z": (0.89, 0.78),
}
BLIND = Path(__file__).resolve().parents[1] / "bench" / "blind"


@pytest.mark.parametrize("name", sorted(BLIND_FLOORS))
def test_blind_set_score_holds(name):
    folder = BLIND / name
    docs = [d for d in read_articles([folder / "docs"]) if isinstance(d, Document)]
    assert len(docs) == len(list((folder / "gold").glob("*.json"))) == 8
    report = score(to_node_link(build_graph(docs)), folder / "gold")
    summary = report_lines(report)[-1]  # the figures only: these sets measure, they are not for steering
    entity_floor, relation_floor = BLIND_FLOORS[name]
    assert report["entities"]["core"]["f1"] >= entity_floor, summary
    assert report["relations"]["f1"] >= relation_floor, summary
