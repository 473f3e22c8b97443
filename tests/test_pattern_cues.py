"""The cues that let a sentence skip a people pattern, and the words before some of them: a
word list must never hide a cue the pattern would find (invented text)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from minegraph.loaders.mentions.people import find_people
from minegraph.loaders.mentions.table import CUE_WORDS, holds_cue, pattern_cues, patterns

TEXT = st.lists(
    st.sampled_from(
        [
            "said", "Said", "says", "sai", "according", "to", "According", "Ana", "Ruiz", "the", "embassy",
            "Embassy", "office", "offices", "secretariat", "consulate", "of", "Ruritania", ",", "\n", "  ", "said,",
        ]
    ),
    max_size=12,
).map(" ".join)


@settings(max_examples=300, deadline=None)
@given(TEXT)
def test_a_cue_s_words_never_hide_it(text):
    for key in CUE_WORDS:
        assert holds_cue(key, text) == (pattern_cues()[key].search(text) is not None)


TITLED = st.lists(
    st.sampled_from(
        [
            "Minister", "minister", "Secretary", "of", "for", "to", "the", "The", "Trade", "Lars", "Eide", "Élise",
            "and", ",", "\n", "  ", "Deputy", "chief", "executive",
        ]
    ),
    max_size=12,
).map(" ".join)


@settings(max_examples=300, deadline=None)
@given(TITLED)
def test_the_titled_complement_cue_is_in_every_sentence_the_pattern_matches(text):
    if patterns().titled_of.search(text) is not None:
        assert holds_cue("titled_of", text)


def test_a_person_after_a_title_and_its_complement_is_found():
    got = find_people("The Minister of Trade and Tourism Lars Eide said the talks went well.")
    assert [n for _, _, n in got] == ["Lars Eide"]
    assert not holds_cue("titled_of", "The minister said the talks went well.")


def test_without_its_words_a_sentence_holds_no_cue():
    assert not holds_cue("said_by", "The deal was signed on Monday by Ana Ruiz.")
    assert holds_cue("said_by", "The deal is done, said Ana Ruiz.")
    assert holds_cue("secretariat", "The embassy of Ruritania in Lisbon confirmed it.")


def test_a_person_named_after_said_is_found():
    assert [n for _, _, n in find_people("The deal is done, said Lena Berg, a trade analyst.")] == ["Lena Berg"]
