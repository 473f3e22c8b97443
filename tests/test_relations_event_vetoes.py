"""Who the meeting rules leave out on purpose, the weights do not take in (sentences written for
these tests). Each test weighs with a model that would keep every person, country and body named
around a meeting (0.89 or more), and checks one reason the rules give, or one act of its own a sentence
around the meeting tells, vetoes it; the last sentence of most texts names someone the weights
do take in, so that a test cannot pass through weights that take in no one."""

from __future__ import annotations

import pytest

from minegraph.loaders.documents import Document
from minegraph.loaders.extract import extract_graph
from minegraph.loaders.relations.scorer import RelationModel, model_from_json

#: a control sentence after the meeting's: its person is taken in by the weights alone
CONTROL = "\nKenyan Minister Ana Rojas spoke about copper smelting."


def _eager():
    # every person, country and body named around a meeting (log(1 + its mentions of the meeting) >=
    # 0.69): sigmoid(-2 + 6 * 0.69) >= 0.89
    group = {"features": ["anchors"], "init": -2.0, "coef": [6.0], "threshold": 0.5, "rule_threshold": 0.0}
    return model_from_json({"groups": {"event": group}})


def _took_part(text: str, model=None, published: str | None = None) -> set[tuple[str, str]]:
    doc = Document("t", "t.txt", text, "0" * 64, published=published)
    graph = extract_graph(doc, model if model is not None else _eager())
    return {(r.source, r.target) for r in graph.relationships.values() if r.type == "PARTICIPATED_IN"}


def _who(text: str, model=None, published: str | None = None) -> set[str]:
    return {s for s, _ in _took_part(text, model, published)}


def test_the_eager_weights_take_in_who_the_rules_read_no_one_near():
    text = "The Lima Copper Summit opened on Monday." + CONTROL
    assert "person:ana-rojas" not in _who(text, RelationModel({}))  # the rules alone: no one
    assert "person:ana-rojas" in _who(text)


@pytest.mark.parametrize(
    "sentence",
    [
        "The summit, which Ghana and Peru did not attend, adopted a declaration on copper.",
        "Every producer except Ghana and Peru attended the summit.",
        "Ghana and Peru declined to attend the summit.",
    ],
)
def test_actors_named_as_absent_did_not_take_part(sentence):
    got = _who("The Lima Copper Summit opened on Monday.\n" + sentence + CONTROL)
    assert not {"country:gh", "country:pe"} & got
    assert "person:ana-rojas" in got


def test_a_source_of_what_is_said_of_the_meeting_did_not_take_part():
    got = _who(
        "The Lima Copper Summit opened on Monday.\n"
        "According to the Ghanaian envoy to Peru Kofi Mensah, a copper memorandum came out of the summit." + CONTROL
    )
    assert "person:kofi-mensah" not in got and "person:ana-rojas" in got


def test_an_analyst_quoted_on_the_meeting_did_not_take_part():
    got = _who(
        "The Lima Copper Summit opened on Monday.\n"
        "\u201cThe summit shows buyers are worried,\u201d said Kofi Mensah, an analyst at Osprey Research." + CONTROL
    )
    assert "person:kofi-mensah" not in got and "person:ana-rojas" in got


def test_the_guests_of_another_meeting_the_sentence_names_did_not_take_part():
    got = _who(
        "The Lima Copper Summit opened on Monday.\n"
        "The summit follows a similar meeting in Quito last year that was attended by Ghana and Peru." + CONTROL
    )
    assert not {"country:gh", "country:pe"} & got and "person:ana-rojas" in got


def test_who_another_meeting_drew_did_not_come_to_the_one_it_is_set_against():
    links = _took_part(
        "The Lima Copper Summit opened on Monday. Unlike the summit, the Quito Tin Congress drew Ghana and Peru."
    )
    assert ("country:gh", "event:quito-tin-congress") in links
    assert ("country:gh", "event:lima-copper-summit") not in links


def test_the_background_of_the_news_names_no_participant():
    got = _who("The Lima Copper Summit opened on Monday, as Ghana expands its copper output." + CONTROL)
    assert "country:gh" not in got and "person:ana-rojas" in got


def test_who_is_named_with_a_meeting_still_to_come_did_not_take_part_in_it():
    links = _took_part(
        "The Lima Copper Summit opened on Monday.\n"
        "Minister Kofi Mensah said the Quito Tin Forum will be held in Ecuador in 2032." + CONTROL,
        published="2031-05-12",
    )
    assert not [s for s, t in links if t == "event:quito-tin-forum"]
    assert ("person:ana-rojas", "event:lima-copper-summit") in links


def test_an_occasion_of_its_own_a_sentence_says_people_came_to_is_not_the_meeting():
    got = _who(
        "Earlier in the week, Minister Lena Berg addressed the Lima Copper Summit.\n"
        "The signing dinner, held at the embassy, was attended by Kofi Mensah and Luis Soto." + CONTROL
    )
    assert "person:lena-berg" in got and not {"person:kofi-mensah", "person:luis-soto"} & got


def test_people_a_reference_back_does_not_fit_did_not_come():
    assert not _who(
        "Kofi Mensah, Lena Berg and Luis Soto flew to Lima on Sunday.\n"
        "The two ministers opened the Lima Copper Summit on Monday."
    )
    assert not _who(
        "Kofi Mensah and Lena Berg flew to Lima on Sunday.\nThey took part in talks that led to the Lima Copper Summit."
    )


def test_the_place_a_meeting_is_held_in_did_not_take_part():
    # (the place is the other meeting's: no rule says the summit was held there)
    got = _who(
        "The Lima Copper Summit, held on the margins of the Quito Mining Week, took place in a hotel in New York."
        + CONTROL
    )
    assert "country:us" not in got and "person:ana-rojas" in got


def test_the_body_that_employs_a_participant_did_not_take_part_though_named_again_nearby():
    got = _who(
        "Minister Lena Berg of the Andean Metals Council spoke at the Lima Copper Summit on Monday.\n"
        "The Andean Metals Council publishes copper prices every month." + CONTROL
    )
    assert "person:lena-berg" in got and "person:ana-rojas" in got
    assert not any("andean-metals-council" in k for k in got)


def test_a_sentence_around_a_meeting_that_names_another_is_the_other_s():
    got = _took_part(
        "The Lima Copper Summit opened on Monday.\n"
        "Kofi Mensah and Luis Soto spoke at the Quito Tin Forum on Tuesday." + CONTROL
    )
    assert ("person:kofi-mensah", "event:lima-copper-summit") not in got
    assert ("person:ana-rojas", "event:lima-copper-summit") in got


def test_a_call_or_ceremony_of_its_own_told_around_a_meeting_is_not_the_meeting():
    got = _who(
        "The Lima Copper Summit opened on Monday.\n"
        "Kofi Mensah held a phone call with Luis Soto on copper prices." + CONTROL
    )
    assert not {"person:kofi-mensah", "person:luis-soto"} & got and "person:ana-rojas" in got


@pytest.mark.parametrize(
    "opening",
    [
        "Peru hosted the Lima Copper Summit last year.",
        "Ahead of the Lima Copper Summit, ministers met in Quito.",
        "The Lima Copper Summit will be held in Peru next month.",
    ],
)
def test_who_is_told_around_a_meeting_of_another_time_is_the_news_s_not_the_meeting_s(opening):
    got = _took_part(opening + "\nMinister Kofi Mensah signed a memorandum on copper with Luis Soto.")
    assert not [s for s, t in got if t == "event:lima-copper-summit" and s.startswith("person:")]
    # the same signing after a meeting of the news's own time: the weights take them in
    got = _took_part(
        "The Lima Copper Summit opened on Monday.\nMinister Kofi Mensah signed a memorandum with Luis Soto."
    )
    assert ("person:kofi-mensah", "event:lima-copper-summit") in got


def test_what_a_meeting_discussed_did_not_take_part():
    got = _who("The Lima Copper Summit opened on Monday with talks over Ghana." + CONTROL)
    assert "country:gh" not in got and "person:ana-rojas" in got


def test_what_a_participant_belongs_to_did_not_take_part_though_named_again_nearby():
    got = _who(
        "The Lima Copper Summit was attended by Kestrel Metals, a subsidiary of Borduria Mining Holding.\n"
        "Borduria Mining Holding also runs a smelter." + CONTROL
    )
    assert "company:kestrel-metals" in got and "person:ana-rojas" in got
    assert "company:borduria-mining-holding" not in got
