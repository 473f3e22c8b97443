"""When a measure was imposed, as far as its sentence dates it: the date written with a
cue ("banned exports in April 2025", "the October controls", "since 2020"), which keeps
apart the same government's measures on the same minerals imposed at different times.

A date is a year and a month, either of which may be unknown: ``(2025, 4)``, ``(2025,
None)``, ``(None, 10)`` ("in October" in an article with no date of its own).  Two dates
*fit* when nothing they state differs: the same year where both have one, and months at
most two apart (an announcement and its entry into force are one measure).
"""

from __future__ import annotations

import re

Date = tuple[int | None, int | None]

_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
           "november", "december")
_MONTH_NAME = (r"(?:January|February|March|April|May|June|July|August|September|October|November|December|"
               r"Jan\.|Feb\.|Mar\.|Apr\.|Jun\.|Jul\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.)")
#: a date that says when something was done: after a preposition of time ("in April 2025", "since
#: 2020", "on Oct. 9", "last April", "effective January 1") or before a measure noun ("the 2023 ban")
_DATED = re.compile(
    r"\b(?i:in|since|from|on|as\s+of|effective|starting|beginning|last|earlier\s+in|"
    r"at\s+the\s+(?:start|end|beginning)\s+of)\s+(?i:(?:early|late|mid)[\s-]*)?"
    rf"(?:(?P<month>{_MONTH_NAME})(?:\s+\d{{1,2}}(?:st|nd|rd|th)?\b)?(?:,?\s+(?P<year>(?:19|20)\d\d))?"
    rf"|(?P<day>\d{{1,2}})\s+(?P<month2>{_MONTH_NAME})(?:,?\s+(?P<year2>(?:19|20)\d\d))?"
    r"|(?P<bare>(?:19|20)\d\d)\b(?!\s*(?:-|–|to)\s*(?:19|20)?\d\d))")
#: "the 2023 ban", "April's controls": a date naming the measure itself
_MODIFIER = re.compile(rf"\b(?:(?P<month>{_MONTH_NAME})(?:\s+(?P<myear>(?:19|20)\d\d))?|(?P<year>(?:19|20)\d\d))"
                       r"(?:['’]s)?\s+(?:[\w-]+\s+)?$")
_NEWS_DAY = re.compile(r"\b(?:(?i:on\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)|"
                       r"(?i:today|yesterday|this\s+week|this\s+month))\b")
_MODAL_MAY = re.compile(r"\bMay\s+(?:not\s+)?(?:be|have|also|still|well|impose|ban|restrict|require|take|apply)\b")


def _month(name: str) -> int:
    return next(i for i, m in enumerate(_MONTHS, 1) if m.startswith(name.lower().rstrip(".")[:3]))


_PUBLISHED_MONTH = re.compile(r"((?:19|20)\d\d)-(\d\d)")


def _published(published: str) -> Date:
    m = _PUBLISHED_MONTH.match(published or "")
    return (int(m.group(1)), int(m.group(2))) if m else (None, None)


def _with_year(month: int, year: int | None, published: str) -> Date:
    """A month without a year is the latest such month up to the article's date."""
    if year is not None:
        return year, month
    pub_year, pub_month = _published(published)
    if pub_year is None or pub_month is None:
        return None, month
    return (pub_year if month <= pub_month else pub_year - 1), month


def date_of_cue(text: str, lo: int, hi: int, start: int, end: int, published: str) -> Date | None:
    """The date nearest the cue ``text[start:end]`` within ``text[lo:hi]``, or None.  A
    news article's "on Thursday" or "this week" is its own month."""
    modifier = _MODIFIER.search(text, max(lo, start - 30), start)
    if modifier is not None:
        if modifier.group("month") and not _MODAL_MAY.match(text, modifier.start()):
            year = modifier.group("myear")
            return _with_year(_month(modifier.group("month")), int(year) if year else None, published)
        if modifier.group("year"):
            return int(modifier.group("year")), None
    best: tuple[int, Date] | None = None
    for m in _DATED.finditer(text, lo, hi):
        if m.group("bare"):
            date: Date = (int(m.group("bare")), None)
        else:
            name = m.group("month") or m.group("month2")
            year = m.group("year") or m.group("year2")
            if name == "May" and _MODAL_MAY.match(text, m.start("month") if m.group("month") else m.start("month2")):
                continue
            date = _with_year(_month(name), int(year) if year else None, published)
        dist = m.start() - end if m.start() >= end else start - m.end()
        if best is None or dist < best[0]:
            best = (max(dist, 0), date)
    if best is not None:
        return best[1]
    if _NEWS_DAY.search(text, lo, hi):
        year, month = _published(published)
        if year is not None:
            return year, month
    return None


#: a month written as a time ("in March 2025", "on 12 March", "last April", "in mid-March")
_MONTH_AT = (r"\b(?i:in|on|last|earlier\s+in|during)\s+(?i:(?:early|late|mid)[\s-]*)?"
             rf"(?:(?P<month>{_MONTH_NAME})(?:\s+\d{{1,2}}(?:st|nd|rd|th)?\b)?(?:,?\s+(?P<year>(?:19|20)\d\d))?"
             rf"|\d{{1,2}}\s+(?P<month2>{_MONTH_NAME})(?:,?\s+(?P<year2>(?:19|20)\d\d))?)")
#: the words of signing an instrument (a launch is how a partnership is signed)
_SIGNING = r"(?i:sign(?:s|ed|ing)?|signature|ink(?:s|ed)|seal(?:s|ed)|conclud(?:es|ed)|struck|penn?ed|" \
           r"initial(?:l)?ed|launch(?:es|ed)?)"
#: what may stand between a signing word and its month ("signed an MOU with B in March"): a few
#: words that open no other act: no relative clause, no other verb of time ("takes effect", "expires",
#: "runs from", "will be reviewed", "is due"), no start or end of a period
_NOT_SIGNING = (r"that|which|who|whose|where|when|while|will|would|shall|could|should|to|takes?|took|taken|taking|"
                r"enter\w*|effect\w*|force|expir\w*|ends?|ended|runs?|running|ran|from|until|till|through|by|"
                r"before|after|since|as|review\w*|due|schedul\w*|plan\w*|expect\w*|set|start\w*|begin\w*|"
                r"comes?|came|valid\w*|renew\w*|lapse\w*|deadline|announc\w*|said|says|told|but|although|"
                r"implement\w*|apply|applies|applied|come")
_GAP = rf"(?:(?!(?i:{_NOT_SIGNING})\b)(?:[\w’'&%/-]+|[A-Z][\w.]*\.),?\s+){{0,10}}?"  # "Co." yes, a sentence's end no
_SIGNED_AT = re.compile(rf"\b{_SIGNING}\b\s+{_GAP}(?<!\band )(?<!\bthen )(?:{_MONTH_AT})")
#: "October's signing", "the March 2031 signing", "the 3 May signature"
_MONTHS_SIGNING = re.compile(rf"\b(?:\d{{1,2}}\s+)?(?P<month>{_MONTH_NAME})(?:\s+(?P<year>(?:19|20)\d\d))?(?:['’]s)?"
                             r"\s+(?i:signing|signature)\b")
#: "In March(,) A and B signed": a month opening the clause, its act the signing after it
_AT_SIGNED = re.compile(rf"^\W*(?:{_MONTH_AT}),?\s+{_GAP}{_SIGNING}\b")


def signing_month(text: str) -> Date | None:
    """The month ``text`` writes an instrument was signed in, with the year written beside it
    ("signed in October 2031", "inked on 3 May", "October's signing", "In March, A and B signed"):
    only a month that belongs to the signing word, never one of another act of the clause ("an
    MOU that takes effect in October", "runs until June", "to be reviewed in May"), and never the
    article's own date, so two reports of one signing read the same month whenever they were
    published."""
    for rx in (_SIGNED_AT, _MONTHS_SIGNING, _AT_SIGNED):
        for m in rx.finditer(text):
            name = m.group("month") or (m.group("month2") if "month2" in rx.groupindex else None)
            if not name:
                continue
            at = m.start("month") if m.group("month") else m.start("month2")
            if name == "May" and _MODAL_MAY.match(text, at):
                continue
            year = m.group("year") or (m.group("year2") if "year2" in rx.groupindex else None)
            return (int(year) if year else None), _month(name)
    return None


def dates_fit(a: Date | None, b: Date | None) -> bool:
    """Whether two dates may be one measure's: nothing stated in both differs."""
    if a is None or b is None:
        return True
    if a[0] is not None and b[0] is not None and a[0] != b[0]:
        return False
    if a[1] is not None and b[1] is not None:
        return abs(a[1] - b[1]) <= 2
    return True


def date_key(date: Date | None) -> str:
    """A date as written in a measure id: ``2025-04``, ``2025``, ``--04`` (a month of no known
    year, as ISO 8601 writes it), "" for none."""
    if date is None or date == (None, None):
        return ""
    year, month = date
    if month is None:
        return str(year)
    return f"{year}-{month:02d}" if year is not None else f"--{month:02d}"


def date_words(date: Date | None) -> str:
    """A date as a measure's name shows it: "April 2025", "2025", "April"."""
    if date is None or date == (None, None):
        return ""
    year, month = date
    words = [_MONTHS[month - 1].capitalize() if month else "", str(year) if year else ""]
    return " ".join(w for w in words if w)


_DATE_KEY = re.compile(r"((?:19|20)\d\d)?(?:-?-(\d\d))?")


def parse_date_key(key: str) -> Date | None:
    m = _DATE_KEY.fullmatch(key)
    if not key or m is None:
        return None
    return (int(m.group(1)) if m.group(1) else None), (int(m.group(2)) if m.group(2) else None)
