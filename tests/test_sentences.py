"""Sentence splitting: headlines stand alone and carry names only (invented lines)."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from minegraph.loaders.mentions.tokens import UP
from minegraph.loaders.sentences import _END, split_sentences


def test_question_headline_is_a_heading():
    (s,) = split_sentences("Why Is Ruritania Cancelling Borealis Lithium's Licences?")
    assert s.heading


def test_question_in_running_text_is_not_a_heading():
    (s,) = split_sentences("Why would the ministry cancel the licences of a lithium miner?")
    assert not s.heading


def test_an_entry_of_a_list_ending_with_a_semicolon_is_not_a_heading():
    # capitalised nearly throughout, but a list's entry, whose people and links are read
    lines = split_sentences("Delegations included:\nRuritania, led by Deputy Minister of Mines Hon. Ana Ruiz Vega;\n")
    assert [s.heading for s in lines if s.text.endswith(";")] == [False]


def test_abbreviations_do_not_end_a_sentence():
    out = split_sentences("Acme Corp. signed with the U.S. government. Talks ended.")
    assert [s.text for s in out] == ["Acme Corp. signed with the U.S. government.", "Talks ended."]


def test_mount_abbreviation_does_not_end_a_sentence():
    out = split_sentences("Ore comes from the Mt. Kestrel mine. Output rose.")
    assert [s.text for s in out] == ["Ore comes from the Mt. Kestrel mine.", "Output rose."]


def test_a_legal_form_or_country_abbreviation_ends_a_sentence_before_a_word_that_opens_one():
    out = split_sentences(
        "Ruritania signed with Acme Trading Corp. The deal covers tin. It sold to the U.S. Under the plan, more."
    )
    assert [s.text for s in out] == [
        "Ruritania signed with Acme Trading Corp.",
        "The deal covers tin.",
        "It sold to the U.S.",
        "Under the plan, more.",
    ]
    # a title or a name after the abbreviation goes on the sentence
    out = split_sentences("Acme Corp. Chairman Ana Ruiz spoke. Dr. Ana Ruiz left. The U.S. Under Secretary came.")
    assert [s.text for s in out] == [
        "Acme Corp. Chairman Ana Ruiz spoke.",
        "Dr. Ana Ruiz left.",
        "The U.S. Under Secretary came.",
    ]


def test_a_firms_legal_form_ends_a_sentence_before_a_subject_and_its_verb():
    out = split_sentences("Orvo bought a stake in Acme Ltd. Kestrel Minerals said on Monday it would sell.")
    assert [s.text for s in out] == ["Orvo bought a stake in Acme Ltd.",
                                     "Kestrel Minerals said on Monday it would sell."]
    # not when the subject holds an office's title or a legal form, nor after a country's abbreviation
    for text in ("Acme Corp. Vice President Ana Ruiz said so.", "The deal with Acme Co. Ltd. was signed.",
                 "The U.S. Trade Representative Ruiz said so."):
        assert [s.text for s in split_sentences(text)] == [text]


def test_a_sentence_opening_with_an_accented_capital_is_a_sentence_of_its_own():
    out = split_sentences("Talks ended on Monday. Ömer Kaya, the trade minister, said so. Élise Roux agreed.")
    assert [s.text for s in out] == [
        "Talks ended on Monday.",
        "Ömer Kaya, the trade minister, said so.",
        "Élise Roux agreed.",
    ]


def test_paragraphs_run_together_without_a_space_are_two_sentences():
    # a saved page whose markup ended a paragraph with no space after the full stop
    out = split_sentences('The licence was approved.The minister welcomed it.”Prices will rise,” she said.')
    assert [s.text for s in out] == [
        "The licence was approved.",
        "The minister welcomed it.”",
        "Prices will rise,” she said.",
    ]
    out = split_sentences('Output rose.“It is a record,” he said.')
    assert [s.text for s in out] == ["Output rose.", "“It is a record,” he said."]


def test_a_full_stop_inside_a_word_or_an_abbreviation_ends_nothing():
    for text in (
        "Read more at www.Mining.com today.",
        "Shares of Acme Corp.The firm rose.",
        "They met at 9 a.m.The talks ended.",
        "It shipped 3.5 tonnes of ore.",
    ):
        assert [s.text for s in split_sentences(text)] == [text]


def test_engineer_and_honourable_titles_do_not_end_a_sentence():
    text = "The memorandum was signed by Eng. Karim Haddad and by Hon. Mary Atieno on Monday."
    assert len(split_sentences(text)) == 1


def test_a_mixed_case_dateline_names_the_articles_own_country():
    from minegraph.loaders.relations.context import dateline

    assert dateline("Lima, May 3, 2026, Agency -- The ministry said ...") == "country:pe"
    assert dateline("Chile, Peru and Bolivia signed a pact.") is None


def test_forms_of_address_with_a_stop_do_not_end_a_sentence():
    text = "It was signed by the Permanent Secretary, Eng. Amani Kisanga, and the Minister, Hon. Rosa Vega, on Monday."
    assert len(split_sentences(text)) == 1


def test_ma_abbreviates_maria_but_a_family_name_ma_may_close_a_sentence():
    assert len(split_sentences("It was signed by Secretary Ma. Luisa Cruz on Monday.")) == 1
    assert len(split_sentences("The deal was praised by Vice Premier Ma. The plant opens in May.")) == 2


# the sentence end as first written, a branch opening with a look-behind; the shipped pattern
# writes the stop once before both branches (a faster search) and must find the same ends
_PLAIN_END = re.compile(
    r"[.!?]+[\"”’')\]]*(?=\s+[\"“‘(]?(?:[A-Z0-9]|" + UP + "))"
    r"|(?<=[a-z]{2})[.!?][”’)]*(?=[\"“]?(?:[A-Z]|" + UP + r")[a-z]+[\s,])"
)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab AZ.!?\"”’')]“‘(0Éé,\n", max_size=40))
def test_sentence_ends_are_those_of_the_plain_pattern(text):
    assert [m.span() for m in _END.finditer(text)] == [m.span() for m in _PLAIN_END.finditer(text)]
    for pos in range(len(text)):
        a, b = _END.match(text, pos), _PLAIN_END.match(text, pos)
        assert (a and a.span()) == (b and b.span())


def test_a_stop_glued_to_a_capitalised_word_and_a_run_of_stops_end_sentences():
    out = split_sentences("The permit was approved.The minister said so!! Then talks ended.")
    assert [s.text for s in out] == ["The permit was approved.", "The minister said so!!", "Then talks ended."]


def test_a_numbered_paragraph_s_number_is_not_a_sentence_of_its_own():
    out = split_sentences("1. The ministers met in Lima. They agreed.\n(2) The parties signed.\n3. Tin Week Opens")
    want = ["The ministers met in Lima.", "They agreed.", "The parties signed.", "Tin Week Opens"]
    assert [s.text for s in out] == want
    assert out[0].start == 3  # offsets still point into the text
    # a figure closing a sentence, and a year opening a line, are not paragraph numbers
    out = split_sentences("Output rose by 2. The rest fell.\n2026 was a good year.")
    assert [s.text for s in out] == ["Output rose by 2.", "The rest fell.", "2026 was a good year."]


def test_a_line_ending_with_a_semicolon_or_comma_is_a_list_entry_not_a_headline():
    out = split_sentences("Delegations included:\nRuritania, led by Minister Ana Rojas;\nFreedonia Tin Week Opens")
    assert [s.heading for s in out] == [False, False, True]


def test_a_delegation_lists_dash_entries_are_sentences_not_headings():
    lines = split_sentences(
        "Republic of Kenya - Kiprono Mwangi Baraza, Cabinet Secretary for Mining\n"
        "Borealis Metals plc – Hyun-woo Tanaka-Brandt, CEO\n"
        "Norway - Fjord Talks Stall, Sources Say\n"
    )
    assert [s.heading for s in lines] == [False, False, True]


def test_a_delegation_lists_dash_entry_with_a_known_given_name_and_no_title_is_a_sentence():
    lines = split_sentences(
        "Delegations:\nRepublic of Kenya - Kiprono Mwangi, Nairobi\nNorway - Fjord Talks Stall, Sources Say\n"
    )
    assert [s.heading for s in lines] == [False, False, True]
