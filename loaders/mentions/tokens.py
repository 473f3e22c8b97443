"""Tokens of a sentence and the character classes and word sets names are built from.

A token keeps its offsets and whether a possessive "'s" followed it (the "'s" itself is
not a token), so the steps can say "Ruritania's ministry" without re-reading the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from minegraph.loaders.gazetteer import vocabulary

#: a possessive "'s" (or a bare apostrophe) opening a text: the plain form, kept as the tests'
#: reference for :func:`possessive_at`, which the mention steps use
POSS = re.compile(r"^(?:['’]s|['’])(?!\w)")
#: the same read at an offset of a text (``POSS_AT.match(text, i)`` is ``POSS.match(text[i:])``: no
#: look-behind, and what follows is the same text), which opens with an apostrophe
POSS_AT = re.compile(r"(?:['’]s|['’])(?!\w)")


def possessive_at(text: str, i: int) -> bool:
    """Whether a possessive "'s" (or a bare apostrophe) stands at ``i`` of ``text``, as
    ``POSS.match(text[i:])`` says: a character test first, as most words are followed by none."""
    return text[i : i + 1] in ("'", "’") and POSS_AT.match(text, i) is not None


#: a group named with a plus ("C5+1", "ASEAN+3", "BRICS+") is one token, and so is a currency
#: before an amount ("A$150", "US$5": not the end of the name before it)
TOKEN_PLAIN = (
    r"[A-Z]{1,3}\$(?=\d)|(?:[A-Z]\.){2,}|(?:[A-Z][A-Za-z]*\d+|[A-Z]{2,})\+\d*(?![\w+])|[^\W_][\w&]*(?:[’'\-.][\w&]+)*\.?|[^\w\s]"
)
#: the same without the branch for a plus, for a text without one (the branch never matches there,
#: and trying it read every capitalised word twice)
TOKEN_NO_PLUS_PLAIN = r"[A-Z]{1,3}\$(?=\d)|(?:[A-Z]\.){2,}|[^\W_][\w&]*(?:[’'\-.][\w&]+)*\.?|[^\w\s]"
#: both as compiled: every branch opens with one character that is neither a space nor "_" (the union of
#: the branches' first classes), so that character is read first, once, and each branch goes on after
#: it with a look-behind at it for its own first class ("[A-Z]{1,3}" is "[A-Z]" then "[A-Z]{0,2}",
#: "(?:[A-Z]\.){2,}" is "[A-Z]" then "\.(?:[A-Z]\.)+"): the same branches tried in the same order at the
#: same places, while a search skips in C over the spaces (a leading alternation of classes tried
#: every branch at every space); tests/test_relation_patterns.py compares them with the plain forms
_TOKEN = re.compile(
    r"[^\s_](?:(?<=[A-Z])[A-Z]{0,2}\$(?=\d)|(?<=[A-Z])\.(?:[A-Z]\.)+|(?<=[A-Z])(?:[A-Za-z]*\d+|[A-Z]+)\+\d*(?![\w+])"
    r"|(?<=[^\W_])[\w&]*(?:[’'\-.][\w&]+)*\.?|(?<=[^\w\s]))"
)
_TOKEN_NO_PLUS = re.compile(
    r"[^\s_](?:(?<=[A-Z])[A-Z]{0,2}\$(?=\d)|(?<=[A-Z])\.(?:[A-Z]\.)+|(?<=[^\W_])[\w&]*(?:[’'\-.][\w&]+)*\.?"
    r"|(?<=[^\w\s]))"
)


_KEEP_DOT = frozenset(
    {"corp", "co", "inc", "ltd", "jr", "st", "mt", "dr", "mr", "ms", "mrs", "prof", "sr", "bhd", "pty", "s.a", "n.v"}
)


@lru_cache(maxsize=1)
def _keep_dot() -> frozenset[str]:
    """Words whose final dot is theirs, not a full stop: the abbreviations above and every legal
    form of the reference list written with one ("S.p.A.", "Ltda.", "S.A.C.")."""
    forms = vocabulary().company_strong
    return _KEEP_DOT | {f[:-1].lower() for f in forms if f.endswith(".")}


#: connectors of Romance-language names: "Compañía Minera del Sur", "Société des Mines du Nord",
#: "Litio para Ruritania", "Cassa Depositi e Prestiti"
#: (and the Arabic "es" of "Dar es Salaam", written between two capitalised words as these are)
ROMANCE = frozenset(
    {"de", "du", "des", "del", "della", "di", "do", "dos", "da", "das", "para", "por", "y", "e", "et", "es"}
)


CONNECTORS = frozenset({"of", "and", "for", "on", "&", ","}) | ROMANCE


YEAR = re.compile(r"(?:19|20)\d\d")


#: a year or an ordinal: part of an event's name when next to it ("the 2nd ... Dialogue", "2031 Summit")
NUMBER_IN_NAME = re.compile(r"(?:19|20)\d\d|\d{1,2}(?:st|nd|rd|th)")
def number_in_name(word: str) -> bool:
    """Whether ``word`` is a year or an ordinal (:data:`NUMBER_IN_NAME`); most words do not
    start with a digit, which is tested first."""
    return word[:1].isdigit() and NUMBER_IN_NAME.fullmatch(word) is not None


#: an ordinal: "the 3rd", "the 80th"
ORDINAL = re.compile(r"\d{1,3}(?:st|nd|rd|th)")


#: letters for name patterns: Latin-1 and Latin Extended-A ("Jörg", "Martín", "Łukasz")
UP = "[A-ZÀ-ÖØ-ÞĀĂĄĆČĎĐĒĖĘĚĞĢĪĮİĶĹĻĽŁŃŅŇŌŐŒŔŘŚŞŠŢŤŪŮŰŲŹŻŽƠƯẠ-Ỹ]"


#: lowercase letters of Latin-1, Latin Extended-A/B and Extended Additional ("ư", "ở", "ễ")
LOW = "[a-zß-öø-ÿā-žſ-ɏḁ-ỿ]"


TIME_WORDS = frozenset(
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June "
    "July August September October November December Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec".split()
)


@dataclass(slots=True)
class Token:
    text: str
    start: int
    end: int
    possessive: bool = False

    @property
    def cap(self) -> bool:
        return self.text[:1].isupper()


_INITIALS = re.compile(r"(?:[A-Z]\.)+")


def tokenize(text: str) -> list[Token]:
    """The sentence's tokens. The words are found all at once (``findall``) and each placed by a
    search from the end of the one before: what lies between two tokens is spaces and underscores
    only (every other character starts a token), which no token starts with, so the search finds
    the token itself (a tenth cheaper than a match object a token)."""
    out: list[Token] = []
    append = out.append
    find = text.find
    pos = 0
    for word in (_TOKEN if "+" in text else _TOKEN_NO_PLUS).findall(text):
        start = find(word, pos)
        end = pos = start + len(word)
        last = word[-1]
        if last == "." and len(word) > 1 and not _INITIALS.fullmatch(word) and word[:-1].lower() not in _keep_dot():
            word, end = word[:-1], end - 1
            append(Token(word, start, end))
            append(Token(".", end, end + 1))
            continue
        if last == "s" and len(word) > 2 and word.endswith(("'s", "’s")):
            append(Token(word[:-2], start, end - 2, possessive=True))
            continue
        if (word == "'" or word == "’") and out and out[-1].end == start and out[-1].text.endswith("s"):
            out[-1].possessive = True
            continue
        append(Token(word, start, end))
    return out
