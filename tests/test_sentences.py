"""Sentence splitting: headlines stand alone and carry names only (invented lines)."""

from __future__ import annotations

from minegraph.loaders.sentences import split_sentences


def test_question_headline_is_a_heading():
    (s,) = split_sentences("Why Is Ruritania Cancelling Borealis Lithium's Licences?")
    assert s.heading


def test_question_in_running_text_is_not_a_heading():
    (s,) = split_sentences("Why would the ministry cancel the licences of a lithium miner?")
    assert not s.heading


def test_abbreviations_do_not_end_a_sentence():
    out = split_sentences("Acme Corp. signed with the U.S. government. Talks ended.")
    assert [s.text for s in out] == ["Acme Corp. signed with the U.S. government.", "Talks ended."]


def test_mount_abbreviation_does_not_end_a_sentence():
    out = split_sentences("Ore comes from the Mt. Kestrel mine. Output rose.")
    assert [s.text for s in out] == ["Ore comes from the Mt. Kestrel mine.", "Output rose."]
