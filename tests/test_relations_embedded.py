"""Embedded clauses that tell another event, found from their structure (sentences written for these tests)."""

from __future__ import annotations

from minegraph.loaders.mentions import find_mentions
from minegraph.loaders.relations.embedded import about_actor_spans, apart, other_event_spans


def _spans(text: str, agreement_word: str = "") -> list[str]:
    at = [text.index(agreement_word)] if agreement_word else []
    return [text[a:b] for a, b in other_event_spans(text, find_mentions(text, False).mentions, at)]


def test_a_subordinate_clause_with_a_named_subject_and_its_own_verb():
    assert _spans("Peru signed it weeks after Chile tightened its controls on lithium.") == [
        "after Chile tightened its controls on lithium."
    ]
    assert _spans("While Chile banned exports, Peru and Canada signed a deal.") == ["While Chile banned exports"]
    assert _spans("Peru and Canada met as Chile's mines ministry imposed controls.") == [
        "as Chile's mines ministry imposed controls."
    ]


def test_a_relative_clause_with_its_own_subject():
    assert _spans("Peru bought copper, a metal which Chile dominates.") == ["which Chile dominates."]
    assert _spans("Peru signed a pact on the curbs that Chile imposed on tin.") == ["that Chile imposed on tin."]
    assert _spans("Peru signed the pact in Lima, where Chile announced a ban on tin.") == [
        "where Chile announced a ban on tin."
    ]
    # what the subject says of the agreement is about it
    assert _spans("Peru signed a pact that Chile says will help.") == []


def test_a_subject_that_is_a_country_s_official():
    for text in (
        "Peru signed a pact weeks after Chilean President Jane Doe visited Lima.",
        "Peru signed a pact weeks after Chile's Mines Minister Jane Doe visited Lima.",
    ):
        assert _spans(text) == [text[text.index("after") :]], text


def test_no_clause_without_a_verb_or_a_named_subject():
    assert _spans("It was signed after talks in Lima between Peru and Chile.") == []
    assert _spans("Peru, which signed the pact, said it would help.") == []
    assert _spans("Peru signed the pact after it met Chile.") == []
    assert _spans("Countries such as Chile signed the pact.") == []


def test_a_clause_that_joins_the_agreement_told_outside_it_is_no_boundary():
    assert _spans("Peru and Canada signed a pact, after Chile joined it.", "pact") == []
    # its own agreement word: a clause of its own, whose roles are its agreement's
    assert _spans("Peru and Canada signed a pact after Chile signed a deal with Peru.", "deal") == [
        "after Chile signed a deal with Peru."
    ]


def test_a_possessive_event_unless_other_actors_share_it():
    assert _spans("Peru signed a pact following Chile's curbs on exports.") == [
        "following Chile's curbs on exports."
    ]
    assert _spans("Peru signed a pact following Chile's talks with Canada.") == []


def test_apart():
    assert apart([(10, 20)], 5, 15) and apart([(10, 20)], 15, 25)
    assert not apart([(10, 20)], 12, 15) and not apart([(10, 20)], 2, 25)


def _about(text: str, agreement_word: str = "") -> list[str]:
    at = [text.index(agreement_word)] if agreement_word else []
    return [text[a:b].strip() for a, b in about_actor_spans(text, find_mentions(text, False).mentions, at)]


def test_a_relative_clause_that_describes_the_actor_before_it():
    assert _about("Peru signed a pact with Chile, which mines copper and tin.") == ["which mines copper and tin."]
    assert _about("Peru signed a pact with his country, which mines tin, on Monday.") == ["which mines tin"]
    # what an agreement does, or the agreement itself joined: about the agreement
    assert _about("Peru signed a pact with Chile, which covers copper and tin.") == []
    assert _about("Peru signed a pact with Chile, which joined it later.") == []


def test_a_relative_clause_that_tells_its_own_agreement_takes_the_actors_it_is_about():
    assert _about("Peru and Chile, which signed a pact with Bolivia, met again.", "pact") == [
        "Peru and Chile, which signed a pact with Bolivia"
    ]
