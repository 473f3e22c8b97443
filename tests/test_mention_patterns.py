"""Each named mention pattern: what it matches and what it must not (invented text)."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from minegraph.loaders.mentions import patterns

# pattern name -> (texts it finds, with the group it captures or None for the whole match; texts it must not find)
CASES = {
    "lower_head": (['" initiative', " summit"], [" new initiative"]),
    "korean": (["Cho Tae-yul"], ["Cho Tae Yul", "cho Tae-yul"]),
    "titled": (["Foreign Minister Ana Ruiz"], ["foreign minister ana ruiz"]),
    "appositive": (["Ana Ruiz, the minister of mines"], ["Public Works, Energy, and Mines"]),
    "reverse_appositive": (
        [", Ana Ruiz, said", ", Ana Ruiz said", ", Liam O'Brady Jr.", ", Shri K. Arvind Rao,"],
        [", ana ruiz,", ", and", ", Regional Relations and Foresight"],
    ),
    "honorific": (["Mr. Ruiz", "Ms. RUIZ", "Mr. RUIZ Ana", "Dr. Ruiz-Soto"], ["Mr. Ana Ruiz", "Mr. U.S.", "Mrs"]),
    "addressed": (
        ["and Mines Dr. Ana Lucia Ruiz;", "Minister Shri Anil Singh Rao", "Eng. Tom Vega Ode"],
        ["Dr. Ruiz said", "Eng Hen Ruiz"],
    ),
    "titled_of": (["Minister of Mines", "ambassador to Peru"], ["minister said"]),
    "name_tail": (["Mines Ana Ruiz", "Mines Ana K. Ruiz"], ["Ana"]),
    "person_title_before": (["Ana Ruiz, Partner, ", "Ian Ode, Vice President Exploration at "], ["Ana Ruiz said "]),
    "title_before": (["the president of the Metals Agency (MA)"], ["the company of Acme"]),
    "lower_titled": (["mining minister Ana Ruiz"], ["mining Ana Ruiz"]),
    "said": (["Ana Ruiz said"], ["Ana Ruiz signed"]),
    "said_by": (["according to Ana Ruiz"], ["according to reports"]),
    "given_named": (["backed by Ana Ruiz.", "with Maria de la Cruz"], ["backed by Ana alone", "by the firm"]),
    "from_org": (["Ana Ruiz of the Ministry"], ["Ana Ruiz of Acme"]),
    "bodies": (["the European Union", "ASEAN"], ["Europeans", "EUR"]),
    "bodies_inside": (["EU-Asia Summit", "the G20 Summit"], ["Europeans", "EUR-"]),
    "body_continues": ([" Economic Commission"], [" summit"]),
    "body_event": ([" Summit", " Kyoto Summit", " 2031 Summit"], [" summit", " Commission"]),
    "venue_words": (["Convention Centre"], ["Research Centre"]),
    "at_the": (["at the "], ["of the "]),
    "acronym_def": ([" (JOGMEC)", " (Sursa)"], [" (the agency)", " (2024)"]),
    "quoted_lower": (['"Clean Supply" initiative'], ['"Clean Supply" report']),
    "group_event": (["G7 leaders' summit", "APEC ministerial meeting"], ["G7 leaders"]),
    "group_event_titled": (["G7 Leaders' Summit", "ABC Foreign Ministers’ Meeting"], ["G7 Summit", "G7 Leaders"]),
    "named_event_tail": ([" meeting", " (ABC) inaugural gathering", " leaders' summit"], [" met", " (ABC) said"]),
    "acronym_year_event": (["ABC 2031", "Minexpo 2031", "COP31"], ["Abc Def 2031", "ABC", "G7"]),
    "event_context_before": (["on the sidelines of "], ["the sidelines "]),
    "secretariat": (["secretariat of the Minerals Forum"], ["secretariat said"]),
}


#: patterns applied with ``match`` at the end of a name (the rest are searched)
ANCHORED = {"lower_head", "body_continues", "body_event", "acronym_def", "acronym_year_event"}


@pytest.mark.parametrize("name", sorted(CASES))
def test_pattern(name):
    pat = getattr(patterns(), name)
    find = pat.match if name in ANCHORED else pat.search
    good, bad = CASES[name]
    for text in good:
        assert find(text), f"{name} should match {text!r}"
    for text in bad:
        assert not find(text), f"{name} must not match {text!r}"


def test_every_pattern_has_a_case():
    fields = {f for f in patterns().__dataclass_fields__ if f not in ("bodies_map", "cap_run", "body_start")}
    assert fields <= set(CASES)


def test_cap_run_and_body_start():
    assert patterns().cap_run.match("Trade and Tourism").group() == "Trade "
    assert patterns().body_start.match("European Union Delegation")
    assert not patterns().body_start.match("Europeans ")


def test_classify_answers_once_for_each_sequence_of_words(monkeypatch):
    """A name's class is worked out once for its words, wherever they stand, and is what the
    uncached reading gives."""
    from minegraph.loaders.mentions import names
    from minegraph.loaders.mentions.tokens import tokenize

    # names that share their first words are told apart by the rest ("... Corporation", "... Summit")
    texts = [
        "Kestrel Lithium Corporation", "Kestrel Lithium Summit", "the Ministry of Mines",
        "Lakeland Minerals Working Group", "Lakeland Minerals Forum", "Vega Ruiz",
    ]
    expected = [names._classify(tokenize(t)) for t in texts]
    assert expected[:2] == [("Company", "company"), ("Event", "summit")]
    assert expected[3] != expected[4]
    calls = []
    real = names._classify
    monkeypatch.setattr(names, "_classify", lambda tokens: calls.append(1) or real(tokens))
    monkeypatch.setattr(names, "_CLASSIFIED", {})
    for t, want in zip(texts, expected, strict=True):
        assert names.classify(tokenize(t), t) == want
        shifted = "Then " + t  # the same words at other offsets
        assert names.classify(tokenize(shifted)[1:], shifted) == want
    assert len(calls) == len(texts)


def test_possessive_at_reads_as_the_anchored_pattern_on_the_rest():
    """``possessive_at(text, i)`` says what ``POSS.match(text[i:])`` says, at every offset."""
    from minegraph.loaders.mentions.tokens import POSS, possessive_at

    for text in ["Ruritania's ministry", "the firms' deal", "Acme’s unit", "O'Neil said", "'sa", "s'", "x’"]:
        for i in range(len(text) + 2):
            assert possessive_at(text, i) == bool(POSS.match(text[i:])), (text, i)
    assert possessive_at("Ruritania's ministry", 9) and not possessive_at("O'Neil said", 1)


def test_scan_free_is_no_overlap_with_a_taken_span():
    from minegraph.loaders.mentions.scan import Scan

    scan = Scan("x" * 40, False, [], taken=[(5, 10), (20, 25)])
    for s in range(0, 30):
        for e in range(s + 1, 31):
            assert scan.free(s, e) == all(e <= a or s >= b for a, b in scan.taken), (s, e)
    assert scan.free(10, 20) and not scan.free(9, 11)


#: pieces of people's names and what stands around them: initials, particles, suffixes, a
#: patronymic marker, letters after a name, and the punctuation a name may follow or end with
_NAME_PIECES = [
    "Ana", "Ruiz", "Lena", "Berg", "K.", "J.R.", "Jr.", "III", "de", "la", "oglu", "MP", "MacLeod", "O'Brady",
    "Ch.", "Ma.", "Élise", "AB", "x", ".", "-", " ", ", ", "(", "’s", "\n", "by", "Vega",
]


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(_NAME_PIECES), max_size=10).map("".join))
def test_given_named_spans_are_the_names_the_look_behind_finds(text):
    """The names given_named_spans reads (the character before each matched) are those the pattern
    with a look-behind before the name finds, at the start of the text and names run together."""
    from minegraph.loaders.mentions.table import _POST_NOMINAL, _name_parts, given_named_spans
    from minegraph.loaders.mentions.tokens import UP

    name = _name_parts()[1]
    behind = re.compile(rf"(?<![\w.-])(?={UP})({name})(?![\w-]|\s+(?!{_POST_NOMINAL}){UP})")
    assert given_named_spans(text) == [(m.start(1), m.end(1), m.group(1)) for m in behind.finditer(text)]


def test_given_named_spans_read_a_name_opening_the_text_and_after_punctuation():
    from minegraph.loaders.mentions.table import given_named_spans

    text = "Ana Ruiz met (Lena Berg) and K. Vega.x-Tom Ode"
    assert [n for _, _, n in given_named_spans(text)] == ["Ana Ruiz", "Lena Berg", "K. Vega"]
    assert [text[s:e] for s, e, _ in given_named_spans(text)] == ["Ana Ruiz", "Lena Berg", "K. Vega"]
