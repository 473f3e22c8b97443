"""The invented probe set (bench/probes) is data the project owns: its gold files must stay
well formed as they are edited. Each file is checked against its own article and the
ontology: every relation joins two entities of the file with labels the relationship type
allows, every agreement's parties and minerals are linked to it, and every required entity
other than an agreement (whose names are descriptive) is named in the article."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from minegraph.graph.model import RELATIONSHIP_TYPES

PROBES = Path(__file__).resolve().parents[1] / "bench" / "probes"
GOLD = sorted((PROBES / "gold").glob("*.json"))
SCORED = {"Country", "Agency", "Company", "Mineral", "Agreement", "Person", "Event"}
#: optional links the gold conventions (and the shared gold) use beyond the ontology: a chief
#: executive LEADS the company, a country is PART_OF the group it belongs to, a head of state
#: who convenes an event ORGANIZED it
CONVENTION_EXTRAS = {("Person", "LEADS", "Company"), ("Country", "PART_OF", "Agency"), ("Person", "ORGANIZED", "Event")}


def test_every_article_has_its_gold():
    docs = sorted(p.stem for p in (PROBES / "docs").glob("*.txt"))
    assert docs == [p.stem for p in GOLD] and len(docs) == 100


def named_in(text: str, forms: list[str]) -> bool:
    low = text.casefold()
    return any(re.search(r"(?<!\w)" + re.escape(form.casefold()) + r"(?!\w)", low) for form in forms)


@pytest.mark.parametrize("path", GOLD, ids=[p.stem for p in GOLD])
def test_gold_file_is_consistent(path):
    gold = json.loads(path.read_text())
    text = (PROBES / "docs" / gold["doc"]).read_text()
    # p01-p60 are short wire items; p61-p100 are full-length pages the way real news reads
    number = int(path.stem[1:])
    low, high = (120, 320) if number <= 60 else (350, 700) if number <= 80 else (450, 700)
    assert low <= len(text.split()) <= high
    entities = {e["id"]: e for e in gold["entities"]}
    assert len(entities) == len(gold["entities"]), "an id is used twice"
    for e in gold["entities"]:
        assert set(e["labels"]) <= SCORED, e
        if "Agreement" in e["labels"]:
            assert e["status"] in {"signed", "planned", "under_discussion", "launched", "proposed"}, e
            continue
        named = named_in(text, [e["name"], *e["aliases"]])
        assert e.get("optional") or named, f"{e['id']} is not named in {gold['doc']}"
    links = {(r["source"], r["target"], r["type"]) for r in gold["relations"]}
    for r in gold["relations"]:
        source, target = entities[r["source"]], entities[r["target"]]
        allowed_source, allowed_target = RELATIONSHIP_TYPES[r["type"]]
        fits = set(source["labels"]) & allowed_source and set(target["labels"]) & allowed_target
        labels = (source["labels"][0], r["type"], target["labels"][0])
        assert fits or (r.get("optional") and labels in CONVENTION_EXTRAS), r
    for e in gold["entities"]:
        for party in e.get("parties", []):
            assert (party, e["id"], "PARTY_TO") in links, (party, e["id"])
        for mineral in e.get("minerals", []):
            assert (e["id"], mineral, "COVERS") in links, (e["id"], mineral)
