"""bench.participation_misses: the class of the step that lost a participant (an invented article)."""

from __future__ import annotations

import json
import re
from types import SimpleNamespace

from bench.participation_misses import classify

_SCORER = SimpleNamespace(norm=lambda s: re.sub(r"\s+", " ", re.sub(r"[^\w\s]", " ", s.casefold())).strip())


def _article(tmp_path, text: str, meeting: str):
    (tmp_path / "a.txt").write_text(text)
    gold = {
        "entities": [
            {"id": "m", "labels": ["Event"], "name": meeting},
            {"id": "cl", "labels": ["Country"], "name": "Chile"},
            {"id": "gh", "labels": ["Country"], "name": "Ghana"},
        ],
        "relations": [
            {"source": "cl", "target": "m", "type": "PARTICIPATED_IN"},
            {"source": "gh", "target": "m", "type": "PARTICIPATED_IN"},
        ],
    }
    (tmp_path / "a.json").write_text(json.dumps(gold))
    return tmp_path / "a.txt", tmp_path / "a.json"


def test_a_linked_pair_is_found_and_a_meeting_named_otherwise_is_missing(tmp_path):
    doc, gold = _article(tmp_path, "Chile attended the Lima Tin Summit on Monday.\n", "Lima Tin Summit")
    got = classify(_SCORER, doc, gold, {frozenset(("cl", "m"))})
    assert ("found", "Chile", "Lima Tin Summit") in got
    assert ("actor missing", "Ghana", "Lima Tin Summit") in got  # Ghana is not named
    doc, gold = _article(tmp_path, "Chile attended the Lima Tin Summit on Monday.\n", "Quito Copper Forum")
    assert {c for c, _, _ in classify(_SCORER, doc, gold, set())} == {"event missing"}
