"""A part of the article's meeting named by a common word ("the plenary", "a panel", "on stage")
places the sentence at that meeting: who is named there is a candidate for taking part, however
far from the meeting's name (sentences written for these tests)."""

from __future__ import annotations

import pytest

from minegraph.loaders.documents import Document
from minegraph.loaders.extract import extract_graph
from minegraph.loaders.relations.scorer import model_from_json

FILLER = (
    "Copper prices rose by a tenth over the summer. Smelters in the region ran below capacity. "
    "Freight rates on the lake fell for a third month. Analysts expect demand to stay firm. "
)


def _eager():
    # keeps every candidate of a meeting (log(1 + anchors) >= 0.69): what is tested is which are made
    group = {"features": ["anchors"], "init": -2.0, "coef": [6.0], "threshold": 0.5, "rule_threshold": 0.0}
    return model_from_json({"groups": {"event": group}})


def _took_part(text: str) -> set[tuple[str, str]]:
    graph = extract_graph(Document("t", "t.txt", text, "0" * 64), _eager())
    return {(r.source, r.target) for r in graph.relationships.values() if r.type == "PARTICIPATED_IN"}


@pytest.mark.parametrize(
    "sentence",
    [
        "Opening the plenary, Kenyan Mining Minister Ana Rojas said licences would be issued faster.",
        "The afternoon panel featured Ana Rojas, a director at the Lakeland Development Bank.",
        "Ana Rojas, chief executive of Rift Metals, signed a supply deal on stage with a Korean refiner.",
    ],
)
def test_a_part_of_the_meeting_places_the_person_at_it(sentence):
    text = "The second Lakeland Minerals Forum opened in Kampala on Monday. " + FILLER + sentence
    got = _took_part(text)
    assert any(src.startswith("person:") and "rojas" in src for src, _ in got), got


def test_without_such_a_word_the_far_sentence_is_not_read():
    text = (
        "The second Lakeland Minerals Forum opened in Kampala on Monday. " + FILLER
        + "Kenyan Mining Minister Ana Rojas said licences would be issued faster."
    )
    assert not any("rojas" in src for src, _ in _took_part(text))
