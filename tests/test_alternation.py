"""The gazetteer's word alternations are tries; they must match exactly what the plain
longest-first list matches (the extractor's output depends on which form wins)."""

from __future__ import annotations

import re
import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from minegraph.loaders.documents import normalise_text
from minegraph.loaders.gazetteer import (
    _top_level_branches,
    alternation,
    dispatched_ci,
    leading_alternation,
    word_led,
    word_led_ci,
)


def flat(words) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))


def spans(pattern: re.Pattern, text: str) -> list[tuple[tuple[int, int], str]]:
    return [(m.span(), m.group()) for m in pattern.finditer(text)]


WORDS = st.lists(st.text(alphabet="abAB -.é", min_size=1, max_size=6), min_size=1, max_size=12)
TEXT = st.text(alphabet="abAB -.éx,", max_size=60)
#: with the characters the letters match ignoring case too
FOLDED_TEXT = st.text(alphabet="abAB -.éx,\u0130\u0131\u017f", max_size=40)


@settings(max_examples=150, deadline=None)
@given(WORDS, TEXT)
def test_trie_matches_the_flat_list(words, text):
    for wrap, flags in (
        (r"(?:{})", 0),
        (r"(?<![\w-])(?:{})(?![\w])", 0),
        (r"(?:{})\s+a", 0),
        (r"(?:{})(?![\w])", re.IGNORECASE),
    ):
        trie = re.compile(wrap.format(alternation(words, ignorecase=bool(flags))), flags)
        plain = re.compile(wrap.format(flat(words)), flags)
        assert spans(trie, text) == spans(plain, text)
        for pos in range(len(text)):
            a, b = trie.match(text, pos), plain.match(text, pos)
            assert (a and a.span()) == (b and b.span())


#: words of one or more parts joined by single spaces (as the reference lists write phrases)
PHRASES = st.lists(
    st.lists(st.text(alphabet="abAB-é", min_size=1, max_size=4), min_size=1, max_size=3).map(" ".join),
    min_size=1,
    max_size=12,
)
SPACED = st.text(alphabet="abAB -é\nx,'’s", max_size=60)


@settings(max_examples=150, deadline=None)
@given(PHRASES, SPACED)
def test_trie_with_spaces_as_a_pattern_matches_the_flat_list(words, text):
    # "battery maker" also matches "battery  maker" and across a line break, as the flat list with
    # each space written "\s+" did
    for wrap, flags in ((r"\b({})(?![\w-])([’']s\b)?", re.IGNORECASE), (r"(?:{})", 0), (r"(?:{})(?![\w])", 0)):
        trie = re.compile(wrap.format(alternation(words, ignorecase=bool(flags), space=r"\s+")), flags)
        plain = re.compile(wrap.format(flat(words).replace(r"\ ", r"\s+")), flags)
        assert [(m.span(), m.groups()) for m in trie.finditer(text)] == [
            (m.span(), m.groups()) for m in plain.finditer(text)
        ]
        for pos in range(len(text)):
            a, b = trie.match(text, pos), plain.match(text, pos)
            assert (a and (a.span(), a.groups())) == (b and (b.span(), b.groups()))


def test_a_space_of_the_words_is_written_as_the_pattern_given():
    assert alternation(["island nation", "island state", "nation"], space=r"\s+") == (
        r"(?:island\s+(?:nation|state)|nation)"
    )


@settings(max_examples=150, deadline=None)
@given(WORDS, TEXT)
def test_leading_alternation_matches_the_lookaround_form(words, text):
    # each branch opens with its first letter and looks behind it: the same matches as a
    # look-behind and a look-ahead before the whole alternation, at every position
    for not_after, first in ((r"[\w.]", "[A-Zé]"), (r"[\w-]", "[a-z]")):
        lead = re.compile(leading_alternation(words, not_after, first) + r"(?![\w])")
        plain = re.compile(rf"(?<!{not_after})(?={first})(?:{flat(words)})(?![\w])")
        assert spans(lead, text) == spans(plain, text)
        assert lead.sub("", text) == plain.sub("", text)
        for pos in range(len(text)):
            a, b = lead.match(text, pos), plain.match(text, pos)
            assert (a and a.span()) == (b and b.span())


def test_leading_alternation_opens_each_branch_with_its_letter():
    assert leading_alternation(["Niger", "Nigeria", "Chad", "chad"], r"[\w.]", "[A-Z]") == (
        r"(?:C(?<![\w.]C)had|N(?<![\w.]N)iger(?:ia)?)"
    )


def test_longest_form_wins_and_shared_prefixes_are_factored():
    pattern = alternation(["Niger", "Nigeria", "Nigerian", "Chad"])
    assert pattern == "(?:Chad|Niger(?:ia(?:n)?)?)"
    rx = re.compile(rf"(?:{pattern})(?![\w])")
    assert [m.group() for m in rx.finditer("Niger, Nigeria and Nigerian firms; Nigerians")] == [
        "Niger",
        "Nigeria",
        "Nigerian",
    ]


def test_case_twins_keep_the_flat_list_when_case_is_ignored():
    # "Ab" and "ab" would be two branches that one character enters: kept as the flat list
    assert alternation(["Ab", "ab", "abc"], ignorecase=True) == flat(["Ab", "ab", "abc"])
    assert alternation(["ab", "abc"], ignorecase=True) == "ab(?:c)?"


def _old_normalise(text: str) -> str:
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    return "".join(c for c in text if c in "\n\t" or unicodedata.category(c)[0] != "C" or c == "\u200d")


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8") | st.sampled_from("\r\n\t\u200d\u200b\xad\ufeff\x00\x7f")))
def test_normalise_text_drops_the_same_characters(text):
    assert normalise_text(text) == _old_normalise(text)


#: regex branches opening with a letter or a class of letters, as the rules write them
BRANCHES = st.lists(
    st.sampled_from(
        ["ab", "a", "b\\s+a", "[Aa]b", "[Bb]", "ba(?:b|a)?", "a-b", "aa\\b", "b(?=a)", "[A-Z]b", "(?:a|b)a"]
        + ["(?:a\\s+)?b", "(?:(?:a|ba)|b)\\s", "(?:a|b)(a)", "(?:(a)|b)b"]
    ),
    min_size=1,
    max_size=5,
)


@settings(max_examples=200, deadline=None)
@given(BRANCHES, FOLDED_TEXT)
def test_word_led_matches_the_leading_boundary_form(branches, text):
    # each branch opens with its letter and looks behind it: the same matches as a leading
    # \b (or look-behind) before the whole alternation, from every position and in every window
    body = "|".join(branches)
    for not_after, plain_lead in ((r"\w", r"\b"), (r"[\w-]", r"(?<![\w-])")):
        plain = re.compile(rf"{plain_lead}(?:{body})(?:\s|$)")
        try:
            led = re.compile(word_led(body, not_after) + r"(?:\s|$)")
        except ValueError:  # a branch opening with a capturing group: word_led_ci keeps it as written
            led = plain
        folded = re.compile(word_led_ci(body, not_after) + r"(?:\s|$)")
        folded_plain = re.compile(rf"{plain_lead}(?:{body})(?:\s|$)", re.IGNORECASE)
        assert spans(led, text) == spans(plain, text)
        assert spans(folded, text) == spans(folded_plain, text)
        for pos in range(len(text) + 1):
            for one, other in ((led, plain), (folded, folded_plain)):
                a, b = one.search(text, pos), other.search(text, pos)
                assert (a and a.span() + a.groups()) == (b and b.span() + b.groups())
                a, b = one.search(text, max(0, pos - 5), pos), other.search(text, max(0, pos - 5), pos)
                assert (a and a.span() + a.groups()) == (b and b.span() + b.groups())


def test_word_led_lets_the_engine_skip_to_the_first_letters():
    # a letter (not a look-behind) opens each branch: the compiled pattern names the letters a
    # match can start with, which a search looks for in C before trying the pattern
    assert word_led("signed|[Ii]nked|set up") == r"(?:s(?<!\ws)igned|I(?<!\wI)nked|i(?<!\wi)nked|s(?<!\ws)et up)"
    assert word_led("a(?:b|c)|d", r"[\w-]") == r"(?:a(?<![\w-]a)(?:b|c)|d(?<![\w-]d))"
    # a branch opening with a group: one branch for each of the group's, tried in the same order
    assert word_led("(?:a|bc)d|(?:e )?f") == r"(?:a(?<!\wa)d|b(?<!\wb)cd|e(?<!\we) f|f(?<!\wf))"
    assert word_led_ci("ab") == r"(?:A(?<!\wA)(?i:b)|a(?<!\wa)(?i:b))"
    # every character a letter matches ignoring case opens a branch: "k" the Kelvin sign too
    assert word_led_ci("ki") == "(?:K(?<!\\wK)(?i:i)|k(?<!\\wk)(?i:i)|\u212a(?<!\\w\u212a)(?i:i))"
    assert word_led_ci("(a)b") == r"(?i:\b(?:(a)b))"  # no letter opens it: as written
    for bad in (r"\sa", "(?:a|b)*c", "a?b", ",b", "(a|b)c"):
        try:
            word_led(bad)
        except ValueError:
            continue
        raise AssertionError(f"{bad!r} was accepted")


#: branches :func:`dispatched_ci` takes: a letter, a class of letters, a group of such branches
#: (optional or not, with a capturing group or not) or a look-behind at one character before them
DISPATCHED = st.lists(
    st.sampled_from(
        ["ab", "a", "b\\s+a", "[Aa]b", "[Bb]", "ba(?:b|a)?", "a-b", "aa\\b", "b(?=a)", "(?:a|b)a", "k", "ki", "si"]
        + ["(?:a\\s+)?b", "(?:(?:a|ba)|b)\\s", "(?:a|b)(a)", "(?:(a)|b)b", "(?<!-)(?:a|b)b", "(?<!-)ab", "(?:b|ab)?a"]
        + ["i", "(?:s|k)(?:i|a)"]
    ),
    min_size=1,
    max_size=5,
)


@settings(max_examples=300, deadline=None)
@given(DISPATCHED, st.text(alphabet="abAB kKsSiI-_.\n\u0130\u0131\u017f\u212a", max_size=24))
def test_dispatched_matches_the_case_free_leading_boundary_form(branches, text):
    # a class to skip to, then a look-behind at each branch's first letter: the same matches as
    # \b (or a look-behind) before the alternation compiled ignoring case, from every position,
    # in every window, with the same groups
    body = "|".join(branches)
    for not_after, plain_lead in ((r"\w", r"\b"), (r"[\w-]", r"(?<![\w-])")):
        try:
            led = re.compile(dispatched_ci(body, not_after) + r"(?:\s|$)")
        except ValueError:  # a capturing group opens a branch: word_led_ci keeps it as written
            assert "(?:(a)" in body
            continue
        plain = re.compile(rf"(?i:{plain_lead}(?:{body}))(?:\s|$)")
        for pos in range(len(text) + 1):
            for window in ((pos,), (max(0, pos - 5), pos)):
                a, b = led.search(text, *window), plain.search(text, *window)
                assert (a and a.span() + a.groups()) == (b and b.span() + b.groups())
            a, b = led.match(text, pos), plain.match(text, pos)
            assert (a and a.span() + a.groups()) == (b and b.span() + b.groups())


def test_dispatched_lets_the_engine_skip_to_the_first_letters_and_writes_each_branch_once():
    led = dispatched_ci("(?:ban|bans|halt)\\s+exports|embargo")
    # a class of the first letters (and of everything past Latin-1, which the look-behinds sort
    # out): what a compiled pattern's search skips to in C
    assert led.startswith("[^") and re.compile(led).search("x" * 50 + " Embargo")
    assert re.match(r"\[\^[^\]]*\]", led) and not re.match(led[: led.index("]") + 1], "x")
    assert led.count("exports") == 1  # the rest after the group once, not once for each verb
    assert [m.group() for m in re.finditer(led, "BANS exports, a halt  Exports, unban exports; embargoes")] == [
        "BANS exports", "halt  Exports", "embargo"]
    for bad in (r"\sa", "(?:a|b)*c", "a?b", ",b", "(a|b)c", "[a-z]b", "\\wb"):
        try:
            dispatched_ci(bad)
        except ValueError:
            continue
        raise AssertionError(f"{bad!r} was accepted")


def test_word_led_ci_dispatches_where_a_branch_a_case_would_be_long():
    # one branch for each case of each first letter would write the long rest many times over:
    # written once after a class of first letters instead, same matches
    rest = r"\s+(?:on|of)\s+(?:(?:the|all|its)\s+)*(?:[\w'.%-]+\s+){0,4}?exports\b"
    body = "(?:ban|bans|curb|curbs|halt|limit|restrict|restrictions)" + rest
    led = word_led_ci(body)
    assert led.startswith("[^") and led.count(rest) == 1
    plain = re.compile(rf"(?i:\b(?:{body}))")
    text = "Ruritania BANS on all nickel exports; curbs of the raw ore exports, unlimit on exports"
    assert [m.span() for m in re.finditer(led, text)] == [m.span() for m in plain.finditer(text)] != []


def _plain_top_level_branches(body: str) -> list[str]:
    """_top_level_branches as it was written, a character at a time."""
    parts, depth, start, i, in_class = [], 0, 0, 0, False
    while i < len(body):
        c = body[i]
        if c == "\\":
            i += 2
            continue
        if in_class:
            in_class = c != "]"
        elif c == "[":
            in_class = True
            if body[i + 1 : i + 2] == "]":
                i += 1
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        elif c == "|" and depth == 0:
            parts.append(body[start:i])
            start = i + 1
        i += 1
    parts.append(body[start:])
    return parts


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="ab\\[]()|^\n", max_size=16))
def test_top_level_branches_splits_as_the_character_loop_did(body):
    # the syntax characters found by a scan, not a loop over every character: the same split
    assert _top_level_branches(body) == _plain_top_level_branches(body)


def test_plain_form_reads_a_dispatched_pattern_as_written():
    from minegraph.loaders.gazetteer import plain_form

    body = "(?:ban|bans|curb|curbs|halt|limit|restrict|restrictions)" + r"\s+(?:on|of)\s+(?:(?:the|all)\s+)*exports"
    led = word_led_ci(body)
    assert led.startswith("[^") and plain_form(led + r"\b") == rf"(?i:\b(?:{body}))\b"
    assert plain_form(r"\bban\b") == r"\bban\b"  # not one word_led_ci wrote: as it is
