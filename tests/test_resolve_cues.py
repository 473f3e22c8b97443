"""The names the text calls firms or agencies by the words right before them ("a supply deal
with Kestrel", "the chairman of Quorra", "the regulator Orvane"): a string test of the words
that end each cue comes first, and must never hide a cue the pattern would find (invented text)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from minegraph.loaders.documents import Document
from minegraph.loaders.extract import (
    _LEADER_ENDS,
    _LEADER_OF,
    _PARTY_BEFORE,
    _PARTY_ENDS,
    _agency_ends,
    _cue_patterns,
    _ends_before,
    document_context,
)
from minegraph.loaders.relations.patterns import ends_with

TEXT = st.lists(
    st.sampled_from(
        [
            "a", "supply", "deal", "with", "the", "joint", "venture", "between", "Kestrel", "and", "signed",
            "chairman", "CEO", "ceo", "of", "regulator", "think-tank", "think", "tank", "Quorra", "Lena", "Berg",
            ",", "\n", "\u00a0", "  ", "MoU", "wealth", "fund", "sovereign", "forthwith", "then",
        ]
    ),
    max_size=14,
).map(" ".join)


@settings(max_examples=400, deadline=None)
@given(TEXT)
def test_the_words_ending_a_cue_are_tested_before_it_never_hiding_one(text):
    cues = ((_PARTY_BEFORE, _PARTY_ENDS), (_LEADER_OF, _LEADER_ENDS), (_cue_patterns()[3], _agency_ends()))
    for pattern, words in cues:
        for pos in range(len(text) + 1):
            if ends_with(pattern, text, pos):
                assert _ends_before(text, pos, words)


def test_names_after_cues_are_read_as_firms_and_agencies():
    ctx = document_context(
        Document(
            "t",
            "t.txt",
            "Ruritania signed a supply deal with Kestrel on Monday, and the regulator Orvane approved it. "
            "Lena Berg is the chairman of Quorra Vale.",
            "0" * 64,
        )
    )
    labels = {e.name: e.label for e in ctx.registry.entities.values()}
    assert labels.get("Kestrel") == "Company"
    assert labels.get("Orvane") == "Agency"
    assert labels.get("Quorra Vale") == "Company"
    assert not _ends_before("a supply deal for Kestrel", 18, _PARTY_ENDS)
