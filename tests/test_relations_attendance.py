"""Participant candidates of a meeting: the structural features the learned weights read
(sentences written for these tests)."""

from __future__ import annotations

from minegraph.loaders.documents import Document
from minegraph.loaders.extract import document_context
from minegraph.loaders.relations import Out
from minegraph.loaders.relations.candidates import event_candidates
from minegraph.loaders.relations.facts import sentence_facts
from minegraph.loaders.relations.frames import event_frames


def _candidates(text: str, out: Out | None = None) -> dict[str, dict[str, float]]:
    ctx = document_context(Document("t", "t.txt", text, "0" * 64))
    cands = event_candidates(ctx, event_frames(ctx), out or Out(), sentence_facts(ctx))
    return {c.source: c.feats for c in cands}


def test_the_subjects_of_an_attending_verb_are_listed_together():
    got = _candidates("Kenya, Peru and Ghana attended the Lima Minerals Summit on Monday.")
    for k in ("country:ke", "country:pe", "country:gh"):
        assert got[k].get("listed") and got[k].get("subject_attend") and got[k].get("same_sent")
    assert got["country:gh"].get("subject_attend_next")  # the verb right after the list's last name
    got = _candidates("Chile said Kenya would attend the Lima Minerals Summit, which Peru criticised.")
    assert not got["country:pe"].get("subject_attend") and not got["country:pe"].get("listed")


def test_who_is_named_in_the_next_sentence_is_a_candidate_with_its_distance():
    got = _candidates(
        "The Lima Minerals Summit opened on Monday.\n"
        "Mining companies presented their plans.\n"
        "Foreign Minister Ana Rojas met with Lena Berg of Peru.\n"
        "Three sentences on, Ghana is too far away.\n"
        "Kenya does not count at all."
    )
    assert got["Person:ana-rojas"]["near_sent"] == 1 / 3 and got["Person:ana-rojas"].get("next_sent")
    assert got["Person:ana-rojas"].get("title_before") and not got["Person:ana-rojas"].get("same_sent")
    assert got["Person:lena-berg"].get("counterpart")
    assert "country:gh" not in got and "country:ke" not in got


def test_a_delegation_and_a_body_represented_by_its_official():
    got = _candidates(
        "A delegation from Kenya joined the Lima Minerals Summit, where Peru was represented by the "
        "President of the Andean Development Bank."
    )
    assert got["country:ke"].get("delegation") and not got["country:pe"].get("delegation")
    [bank] = [k for k in got if "andean" in k]
    assert got[bank].get("represented_by") and not got["country:ke"].get("represented_by")
    assert got[bank].get("official_of") and not got["country:pe"].get("official_of")


def test_a_country_takes_part_through_its_official_a_body_only_as_a_feature_of_its_own():
    from minegraph.loaders.relations.context import Out as RuleOut

    text = "Minister Ana Rojas of Kenya and Lena Berg of the Andean Development Bank attended the Lima Minerals Summit."
    ctx = document_context(Document("t", "t.txt", text, "0" * 64))
    out = RuleOut()
    [bank] = [k for k in ctx.registry.entities if "andean" in k]
    out.add("Person:ana-rojas", "WORKS_FOR", "country:ke", 0.8, text)
    out.add("Person:lena-berg", "WORKS_FOR", bank, 0.8, text)
    [summit] = [k for k in ctx.registry.entities if k.startswith("Event:")]
    out.add("Person:ana-rojas", "PARTICIPATED_IN", summit, 0.6, text)
    out.add("Person:lena-berg", "PARTICIPATED_IN", summit, 0.6, text)
    got = {c.source: c.feats for c in event_candidates(ctx, event_frames(ctx), out, sentence_facts(ctx))}
    assert got["country:ke"].get("employs_participant") and not got["country:ke"].get("body_of_participant")
    assert got[bank].get("body_of_participant") and not got[bank].get("employs_participant")
    assert got["Person:ana-rojas"].get("works_country") and got["Person:lena-berg"].get("works_known")
    assert not got["Person:lena-berg"].get("works_country")


def test_the_fitting_keeps_the_rules_out_of_the_meeting_weights():
    from bench.fit_relations import weighed

    assert not weighed("event", "rule_PARTICIPATED_IN") and not weighed("event", "far")
    assert weighed("event", "subject_attend") and weighed("party", "rule_party")
    assert not weighed("party", "_unfiltered")


def _meeting_model():
    from minegraph.loaders.relations.scorer import model_from_json

    # a person named in the sentence after a meeting's mention: sigmoid(-3 + 2 + 2) = 0.73; a
    # country there: sigmoid(-3 + 2) = 0.27
    group = {"features": ["next_sent", "lab_Person"], "init": -3.0, "coef": [2.0, 2.0], "threshold": 0.5}
    return model_from_json({"groups": {"event": {**group, "rule_threshold": 0.0}}})


def _links(text: str, model) -> set[tuple[str, str]]:
    from minegraph.loaders.extract import extract_graph

    graph = extract_graph(Document("t", "t.txt", text, "0" * 64), model)
    return {(r.source, r.target) for r in graph.relationships.values() if r.type == "PARTICIPATED_IN"}


def test_the_weights_fill_a_meeting_the_rules_read_no_one_at_with_each_person_s_country():
    text = (
        "Mining ministers gathered for the Lima Minerals Summit on Monday.\n"
        "Kenyan Foreign Minister Ana Rojas and Lena Berg signed a pact on copper."
    )
    from minegraph.loaders.relations.scorer import RelationModel

    assert not _links(text, RelationModel({}))  # the rules alone read no one there
    got = _links(text, _meeting_model())
    assert ("person:ana-rojas", "event:lima-minerals-summit") in got
    assert ("country:ke", "event:lima-minerals-summit") in got  # through her title


def test_in_a_sentence_where_the_rules_read_who_came_the_weights_add_no_one():
    text = (
        "Kenya and Ghana attended the Lima Minerals Summit on Monday.\n"
        "Minister Ana Rojas attended as well, while Lena Berg stayed in Nairobi."
    )
    got = _links(text, _meeting_model())
    assert ("person:ana-rojas", "event:lima-minerals-summit") in got  # the rules read her there
    assert not any(s == "person:lena-berg" for s, _ in got)  # weighed 0.73, but the sentence is the rules'


def test_measured_alone_the_weights_may_add_in_a_sentence_the_rules_read():
    from minegraph.loaders.relations.scorer import model_from_json

    text = (
        "Kenya and Ghana attended the Lima Minerals Summit on Monday.\n"
        "Minister Ana Rojas attended as well, while Lena Berg stayed in Nairobi."
    )
    group = {"features": ["next_sent", "lab_Person"], "init": -3.0, "coef": [2.0, 2.0], "threshold": 0.5}
    alone = model_from_json({"groups": {"event": {**group, "rule_threshold": 0.5}}})
    got = _links(text, alone)
    assert ("person:lena-berg", "event:lima-minerals-summit") in got  # weighed 0.73, no sentence is the rules'
    assert ("country:ke", "event:lima-minerals-summit") not in got  # a rule's link the weights score 0.05


def test_would_be_held_places_a_meeting_at_another_time_as_will_be_held_does():
    from minegraph.loaders.relations.candidates import _another_time

    ctx = document_context(Document("t", "t.txt", "Ministers met in Arcadia on Monday.", "0" * 64))
    for verb in ("will", "would"):
        assert _another_time(ctx, f"The next Velmora Battery Metals Forum {verb} be held in Lima.")
    assert not _another_time(ctx, "The Velmora Battery Metals Forum was held in Lima.")
