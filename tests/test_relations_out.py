"""The relationships read so far (:class:`Out`): the employer maps it keeps for the whole
article stay true to the links as they are read and forgotten."""

from minegraph.loaders.relations import patterns as P
from minegraph.loaders.relations.context import Out

S1 = "Mines Minister Jane Roe of Ruritania spoke on Monday."
S2 = "Jane Roe, who also advises Acme Lithium, signed the deal."


def test_the_employers_of_each_person_follow_what_is_read():
    out = Out()
    out.add("person:jane-roe", "WORKS_FOR", "country:rr", 0.8, S1)
    assert out.works_for() == {"person:jane-roe": ["country:rr"]}
    # another employer read later, another link type alongside: the map is the one read so far
    out.add("company:acme", "BASED_IN", "country:rr", 0.8, S2)
    out.add("person:jane-roe", "WORKS_FOR", "company:acme", 0.8, S2)
    out.add("person:john-doe", "WORKS_FOR", "country:fr", 0.8, S2)
    assert out.works_for() == {"person:jane-roe": ["country:rr", "company:acme"], "person:john-doe": ["country:fr"]}
    out.discard(("person:jane-roe", "WORKS_FOR", "country:rr"))
    assert out.works_for() == {"person:jane-roe": ["company:acme"], "person:john-doe": ["country:fr"]}
    out.discard(("company:acme", "BASED_IN", "country:rr"))  # not an employer: nothing changes
    assert out.works_for()["person:jane-roe"] == ["company:acme"]


def test_the_employers_read_in_each_sentence_follow_what_is_read():
    out = Out()
    out.add("person:jane-roe", "WORKS_FOR", "country:rr", 0.8, S1)
    assert out.employers_by_sentence() == {S1: {"country:rr"}}
    out.add("person:jane-roe", "WORKS_FOR", "country:rr", 0.8, S2)  # the same link, told again
    out.add("person:jane-roe", "WORKS_FOR", "company:acme", 0.8, S2)
    assert out.employers_by_sentence() == {S1: {"country:rr"}, S2: {"country:rr", "company:acme"}}
    out.discard(("person:jane-roe", "WORKS_FOR", "country:rr"))
    assert out.employers_by_sentence() == {S2: {"company:acme"}}


def test_two_agreement_words_joined_by_a_space_or_hyphen_are_one_agreement():
    text = "They signed a framework agreement, a partnership agreement, a deal and a loan and a pact."
    words = [(m.group(), m.start(), m.end()) for m in P.agreement_words(text)]
    pairs = [(a, b) for (a, _, e), (b, s, _) in zip(words, words[1:], strict=False) if P.one_agreement(text, e, s)]
    assert pairs == [("framework", "agreement"), ("partnership", "agreement")]
    assert P.one_agreement("a supply-deal", 8, 9)  # a hyphen joins them too
    assert not P.one_agreement("a loan, a deal", 6, 8)
