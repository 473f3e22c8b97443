"""Sentence splitting with character offsets, tuned for news text.

Abbreviations common in this domain ("U.S.", "Corp.", "Dec.", "Dr.") do not end a
sentence; a line break always does, because headlines, captions and bylines stand on
their own lines without final punctuation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from minegraph.loaders.gazetteer import vocabulary
from minegraph.loaders.mentions.people import given_names
from minegraph.loaders.mentions.tokens import UP

_ABBREVIATIONS = frozenset(
    "u.s u.k u.n e.u s.a n.v corp co inc ltd mr mrs ms dr prof st mt jr sr no vs dec jan feb mar apr jun jul "
    "aug sep sept oct nov gen gov sen rep dept est approx fig d.c a.m p.m j.d s "
    # forms of address before a name: "Hon.", "Eng." / "Engr." (engineers in Arab, East African and
    # Philippine usage), "Amb."
    "hon eng engr amb "
    # the Swahili "Dkt." (Daktari, doctor) of East African official usage
    "dkt "
    # Mongolian patronymic initials written with a digraph ("Ch. Bat")
    "ch sh ts kh zh "
    # "Ma." for María in Philippine names; it may also be a Chinese family name closing a sentence
    "ma".split()
)
#: abbreviations that may also close a sentence ("... a deal with Acme Corp. The deal ...");
#: titles ("Dr.", "Gen.") and months ("Dec. 5") always go on
_MAY_END = frozenset("u.s u.k u.n e.u s.a n.v corp co inc ltd plc jr sr est ma".split())
#: words that open a sentence and never go on a name: after one of :data:`_MAY_END` they start
#: the next sentence (closed-class English words: articles, pronouns, conjunctions, prepositions;
#: not the title "Under Secretary")
_OPENS_SENTENCE = re.compile(
    r"\s+[\"“‘(]?(?:The|A|An|It|Its|This|That|These|Those|He|She|They|We|I|His|Her|Their|Our|There|"
    r"But|And|Or|So|Yet|However|Meanwhile|Under(?![\s-]+Secretary)|In|On|At|As|After|Before|During|While|When|Since|"
    r"Although|Though|Despite|Following|According|If|Last|Earlier|Later|Shares|Both|Each|Such)\s"
)
#: after a firm's legal form, a subject of one to three capitalised words and a finite verb open the
#: next sentence too ("... a stake in Acme Ltd. Kestrel Minerals said on Monday ..."), unless a word of
#: the subject is an office's title or a legal form ("Acme Co. Chairman Kim said", "Acme Co. Ltd. was");
#: not after a country's ("the U.S. Trade Representative said")
_LEGAL_FORMS = frozenset("corp co inc ltd plc".split())
_SUBJECT_AND_VERB = re.compile(
    r"\s+(?P<subject>(?:(?:[A-Z]|" + UP + r")[\w'’.-]*\s+){1,3})"
    r"(?:said|says|added|adds|told|noted|announced|confirmed|declined|expects|expected|plans|planned|signed|agreed|is|was|are|were|will|would|has|had|could|can)\b"
)
#: a sentence's end: a full stop, then a capital or a digit (or, glued, a capitalised word); the
#: capitals of Latin-1 and Latin Extended ("Ömer", "Şimşek", "Élisabeth") open sentences as A to Z do.
#: Both branches open with the stop, written once before them: a search then skips in C to the next
#: stop (a branch opening with a look-behind made the engine try every position of every line)
_END = re.compile(
    r"[.!?](?:[.!?]*[\"”’')\]]*(?=\s+[\"“‘(]?(?:[A-Z0-9]|" + UP + "))"
    # a page's text run together where markup ended a paragraph ("was approved.The minister
    # said"): a full stop after a lower-case word and before a capitalised word, with no space
    r"|(?<=[a-z]{2}[.!?])[”’)]*(?=[\"“]?(?:[A-Z]|" + UP + r")[a-z]+[\s,]))"
)


@dataclass(frozen=True)
class Sentence:
    index: int
    start: int
    end: int
    text: str
    heading: bool  # a title-case line (headline, subheading): names only, no relations


_WORD = re.compile(r"[A-Za-z][\w'’-]*")


#: a line that opens with a name of two or three words and a comma: an entry of a list of people
#: or a caption ("Ana Ruiz, Deputy Minister of Mines of Ruritania"), read as a sentence
_NAME_ENTRY = re.compile(r"((?:" + UP + r"[\w'’-]+)(?:\s" + UP + r"[\w'’.-]+){1,2}),\s")
#: a line that names a country or a body, a spaced dash, then a person of two to four words and a
#: comma: a delegation list's entry ("Ruritania - Ana Ruiz Soto, Minister of Mines")
_DELEGATE_ENTRY = re.compile(
    r"(?:" + UP + r"[\w'’.&-]*)(?:\s+[\w'’.&()-]+){0,7}?\s+[-–—]\s+"
    r"((?:" + UP + r"[\w'’-]+)(?:\s" + UP + r"[\w'’.-]+){1,3}),\s"
)
#: an office's title word after such an entry's comma (a headline "Ruritania - Talks Stall, Sources Say" has none)
_TITLE_WORD = re.compile(
    r"\b(?:Minister|Secretary|Ambassador|Director|Director-General|Envoy|Commissioner|President|Chair\w*"
    r"|Head|Chief|Specialist|Adviser|Advisor|Officer|Governor|Representative|Manager|Delegate|CEO)\b"
)


def _is_heading(line: str) -> bool:
    # a headline may ask a question ("Why Is Ruritania Cancelling Its Licences?")
    if line.rstrip().endswith((".", "!", '"', "”", ";", ",")):
        return False  # (a paragraph, or an entry of a list that goes on below it: tested first, it is most lines)
    entry = _NAME_ENTRY.match(line)
    if entry is not None and entry.group(1).split()[0] in given_names():
        return False
    delegate = _DELEGATE_ENTRY.match(line)
    if delegate is not None and (
        delegate.group(1).split()[0] in given_names() or _TITLE_WORD.search(line, delegate.end())
    ):
        return False  # "Ruritania - Ana Ruiz, Minister of Mines": a delegation list's entry, as a line
    words = []
    for w in _WORD.finditer(line):
        words.append(w.group())
        if len(words) > 14:
            return False
    if len(words) < 2:
        return False
    content = [
        w
        for w in words
        if w.lower() not in {"a", "an", "the", "of", "and", "to", "in", "on", "for", "with", "at", "by", "as", "from"}
    ]
    caps = sum(1 for w in content if w[0].isupper())
    return bool(content) and caps / len(content) >= 0.75


_LINE = re.compile(r"[^\n]+")
#: a numbered paragraph's number ("1. The Ministers met ...", "12) The parties agreed ..."): a
#: communiqué's numbering, not a sentence of its own (it would push the paragraph's sentences a
#: sentence further from those before and after it)
_PARAGRAPH_NUMBER = re.compile(r"\s*\(?\d{1,2}[.)]\s+(?=[\"“‘(]?(?:[A-Z]|" + UP + r"))")
#: "e.g", "i.e", "p": lowercase letters with stops, an abbreviation's
_LOWER_INITIALS = re.compile(r"(?:[a-z]\.)*[a-z]")


def split_sentences(text: str) -> list[Sentence]:
    """Sentences of ``text`` with their offsets; empty lines are skipped."""
    out: list[Sentence] = []
    for line in _LINE.finditer(text):
        base = line.start()
        raw = line.group()
        heading = _is_heading(raw)
        number = _PARAGRAPH_NUMBER.match(raw)
        pos = number.end() if number is not None else 0
        for m in _END.finditer(raw, pos):
            before = _last_word(raw, pos, m.start() + 1)
            word = before.group(1).rstrip(".").lower() if before else ""
            if raw[m.start()] == "." and (word in _ABBREVIATIONS or _LOWER_INITIALS.fullmatch(word)):
                if word not in _MAY_END or not (
                    _OPENS_SENTENCE.match(raw, m.end()) or (word in _LEGAL_FORMS and _subject_follows(raw, m.end()))
                ):
                    continue
            _add(out, raw, base, pos, m.end(), heading)
            pos = m.end()
        _add(out, raw, base, pos, len(raw), heading)
    return out


def _subject_follows(raw: str, pos: int) -> bool:
    got = _SUBJECT_AND_VERB.match(raw, pos)
    if got is None:
        return False
    titles = vocabulary().titles
    return not any(w.rstrip(".").lower() in _ABBREVIATIONS or w in titles for w in got.group("subject").split())


_LAST_WORD = re.compile(r"([\w.]+)[.!?]*$")


def _last_word(raw: str, pos: int, end: int) -> re.Match | None:
    """The word before a sentence end (``raw[pos:end]``), read from a short window before it."""
    start = max(pos, end - 60)
    got = _LAST_WORD.search(raw, start, end)
    if got is not None and got.start() == start > pos and (raw[start - 1].isalnum() or raw[start - 1] in "._"):
        return _LAST_WORD.search(raw[pos:end])  # a word longer than the window: read it whole
    return got


def _add(out: list[Sentence], raw: str, base: int, start: int, end: int, heading: bool) -> None:
    chunk = raw[start:end]
    stripped = chunk.strip()
    if not stripped:
        return
    offset = start + (len(chunk) - len(chunk.lstrip()))
    out.append(Sentence(len(out), base + offset, base + offset + len(stripped), stripped, heading))
