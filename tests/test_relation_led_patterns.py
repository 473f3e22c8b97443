"""Relation patterns once written ``\\b(?:...)`` with ``re.IGNORECASE`` are now written with
:func:`gazetteer.word_led_ci` (a search skips in C to the letters a match may open with instead of
entering the pattern at every character). Each must match exactly what its plain form matched:
the same spans and groups from every position, in every window, on texts made of its own words in
any case, joined by the separators the plain form's boundaries turn on."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from minegraph.loaders.relations import agreements as AG
from minegraph.loaders.relations import attendance as AT
from minegraph.loaders.relations import candidates as CA
from minegraph.loaders.relations import cooperation as C
from minegraph.loaders.relations import patterns as P

#: (name, the pattern as it is now, the plain form it replaced, its flags)
CASES = [
    (
        "NEGATED_SIGNING",
        P.NEGATED_SIGNING,
        r"\b(?:not|never|n['’]t|no\s+longer|neither|nor|none\s+of\s+them|declined\s+to|refused\s+to|withdrew\s+from"
        r"|pulled\s+out\s+of)\s+"
        r"(?:[a-z]+\s+){0,2}?(?:sign|join|endorse|ratify|back|adopt|agree\s+to|be\s+part\s+of|be\s+party\s+to)\w*\s+"
        r"(?:[\w-]+\s+){0,3}$|\b(?:withdrew|pulled\s+out)\s+(?:from|of)\s+(?:[\w-]+\s+){0,3}$",
        re.I,
    ),
    (
        "_TOGETHER",
        C._TOGETHER,
        r"\b(?:partnered|teamed\s+up|joined\s+forces|work(?:s|ed|ing)?\s+(?:closely|together|jointly|hand\s+in\s+hand)"
        r"|jointly|partners\s+(?:in|on)|co-(?:develop|invest|financ|fund|own|produc)\w*|merg(?:e|es|ed|ing)\s+with"
        r"|(?:strengthen|deepen|expand|boost|enhance|bolster|upgrade|broaden)\w*\s+(?:[\w-]+\s+){0,2}?(?:ties|relations))\b",
        re.I,
    ),
    (
        "_SIDES_OF",
        C._SIDES_OF,
        r"\b(?:(?:joint\s+)?ventures?|co-?operation|collaboration|partnership|consortium)(?:\s+(?:agreement|deal|pact))?"
        r"\s+(?:between|among|of)\s+(?:the\s+)?"
        r"|\b(?:jointly\s+)?owned\s+(?:jointly\s+)?(?:" + C._SHARE + r")?by\s+(?:the\s+)?"
        r"|\b(?:shareholders|owners|partners|co-owners)\s+(?:are|were|include[sd]?|comprise[sd]?)\s+(?:the\s+)?",
        re.I,
    ),
    (
        "_STAKE_IN",
        C._STAKE_IN,
        r"\b(?:take|takes|took|taking|acquire[sd]?|acquiring|buy|buys|bought|buying|purchase[sd]?|purchasing"
        r"|subscribe[sd]?\s+(?:for|to))\s+(?:an?\s+|its\s+|their\s+)?(?:[\w.,%$-]+\s+){0,6}?"
        r"(?:stakes?|equity\s+interest|interest|shares|shareholding)\s+in\s+(?:the\s+)?",
        re.I,
    ),
    (
        "_BUY_SHARE_OF",
        C._BUY_SHARE_OF,
        r"\b(?:acquire[sd]?|acquiring|buy|buys|bought|buying|purchase[sd]?|purchasing)\s+(?:an?\s+|its\s+|their\s+)?"
        r"(?:[\w.,%$-]+\s+){0,4}?(?:(?:a\s+)?(?:majority|minority|controlling|"
        + C._SHARE
        + r")\s*(?:stake\s+|interest\s+)?of"
        r"|(?:the\s+)?(?:full\s+)?(?:ownership|control)\s+of)\s+(?:the\s+)?",
        re.I,
    ),
    (
        "PLURAL_AGREEMENT",
        P.PLURAL_AGREEMENT,
        r"\b(?:deals|agreements|MOUs|MoUs|contracts|memoranda|memorandums|accords|pacts|partnerships|letters|treaties"
        r"|arrangements|joint\s+ventures"
        r"|statements|declarations)\b"
        r"(?!\s+(?:of|on)\s+(?:the|a)\b)",
        re.I,
    ),
    (
        "_COVERS_CUE",
        CA._COVERS_CUE,
        r"\b(?:covers?|covering|includ\w+|focus\w* on|supply|supplies|offtake|production of|processing|refin\w+|"
        r"explor\w+|develop\w+|mining of)\b",
        re.I,
    ),
    (
        "_OUTCOME_OF_MEETING",
        CA._OUTCOME_OF_MEETING,
        r"\b(?:meeting|summit|conference|gathering|session|forum|ministerial|visit|trip)s?\b[^.;]{0,40}?"
        r"\b(?:led\s+to|leading\s+to|resulted\s+in|paved\s+the\s+way\s+for|gave\s+rise\s+to|culminated\s+in)"
        r"\s+(?:the\s+|a\s+|an\s+)?(?:[\w-]+\s+){0,2}$",
        re.I,
    ),
    (
        "_AFTER_TALKS",
        CA._AFTER_TALKS,
        r"\b(?:after|following|before|ahead\s+of|during)\s+(?:[\w-]+\s+){0,2}?(?:talks|meetings?|visits?|consultations"
        r"|discussions|negotiations)\s+(?:with|in|to)\s+(?:the\s+)?$",
        re.I,
    ),
    (
        "_ATTEND_VERB",
        AT._ATTEND_VERB,
        r"\b(?:attend(?:s|ed|ing)?|participat(?:es|ed|ing)|took\s+part|take\s+part|join(?:s|ed)|met|meets|visit(?:s|ed)"
        r"|travell?ed|flew|arrived|spoke|speaks|addressed|addresses|delivered|held\s+talks|hold\s+talks|led\s+(?:a|the)"
        r"\s+delegation|represented|gathered|convened\s+(?:in|at|for))\b",
        re.I,
    ),
    (
        "_COOPERATIVE",
        AG._COOPERATIVE,
        r"\b(?:co-?operat\w*|partner\w*|together|jointly|talks|framework|alliance)\b",
        re.I,
    ),
    (
        "_DEFINITE_BEFORE",
        AG._DEFINITE_BEFORE,
        r"\b(?:the|this|that|such|these|its|their)\s+(?:[\w-]+\s+){0,2}$",
        re.I,
    ),
    *(
        (f"STATUS {status}", rx, r"\b(?:" + plain + r")\b", re.I)
        for (status, rx), (_, plain) in zip(P.STATUS, P._STATUS_RX, strict=True)
    ),
    ("_ANY_STATUS", P._ANY_STATUS, "|".join(rf"(?:\b(?:{rx})\b)" for _, rx in P._STATUS_RX), re.I),
]

SEPARATORS = [" ", " ", " ", "  ", "\n", ", ", "-", "'", "’", ". ", "", "x", "_"]


def _text(words: list[str], plain: str, flags: int) -> st.SearchStrategy[str]:
    """Texts of pieces the pattern matches (drawn from its plain form without its boundaries),
    its words in any case and separators, run together in any order."""
    word = st.sampled_from(words + ["the", "a", "x", "12", "its", "s", "t", "n"])
    cased = st.tuples(word, st.sampled_from([str, str, str.upper, str.capitalize])).map(lambda wc: wc[1](wc[0]))
    match = st.from_regex(re.compile(plain.replace(r"\b", ""), flags), fullmatch=True)
    piece = st.one_of(match, cased, cased, st.sampled_from(SEPARATORS))
    return st.lists(piece, max_size=8).map("".join)


def _found(m: re.Match | None):
    return m and (m.span(), m.groups())


@pytest.mark.parametrize("name,pattern,plain,flags", CASES, ids=[c[0] for c in CASES])
def test_led_pattern_matches_its_plain_form(name, pattern, plain, flags):
    old = re.compile(plain, flags)
    assert pattern.pattern != old.pattern  # written led, not as before
    words = sorted(set(re.findall(r"[a-z]+", plain.replace(r"\s", " ").replace(r"\w", " ").replace(r"\b", " "))))

    @settings(max_examples=300, deadline=None)
    @given(_text(words, plain, flags))
    def check(text):
        assert [_found(m) for m in pattern.finditer(text)] == [_found(m) for m in old.finditer(text)]
        for pos in range(len(text) + 1):
            for window in ((pos,), (max(0, pos - 9), pos), (pos, min(len(text), pos + 12))):
                assert _found(pattern.search(text, *window)) == _found(old.search(text, *window)), (text, window)
            assert _found(pattern.match(text, pos)) == _found(old.match(text, pos)), (text, pos)

    check()
