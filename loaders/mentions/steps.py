""":func:`find_mentions`: the steps that find the mentions of one sentence, in order, and
the small steps for fixed names (intergovernmental bodies, tickers, quoted titles, groups'
meetings, secretariats, people).
"""

from __future__ import annotations

import re
from functools import lru_cache

from minegraph.loaders.gazetteer import alternation, countries, vocabulary
from minegraph.loaders.mentions.minerals import step_minerals
from minegraph.loaders.mentions.named import step_company_lists, step_names, step_person_lists
from minegraph.loaders.mentions.names import classify
from minegraph.loaders.mentions.organisations import step_known_organisations, step_ministries, step_quoted_firms
from minegraph.loaders.mentions.people import credit_spans, find_people, given_names
from minegraph.loaders.mentions.places import step_countries, step_regions
from minegraph.loaders.mentions.scan import Mention, Scan, SentenceMentions, inner_countries
from minegraph.loaders.mentions.table import holds_cue, pattern_cues, patterns
from minegraph.loaders.mentions.tokens import possessive_at, tokenize

#: an en dash between two words, with no space either side
_JOINING_DASH = re.compile(r"(?<=\w)\u2013(?=\w)")


def find_mentions(text: str, heading: bool = False) -> SentenceMentions:
    """All entity mentions in one sentence (offsets relative to ``text``).

    The steps run in a fixed order; each one skips spans an earlier one took, so fixed
    names (intergovernmental bodies) win over people, people over capitalised runs, and
    named things over the countries and minerals written inside them."""
    if "\u2013" in text:
        # "the Nordic\u2013Japan Roundtable" joins two names as a hyphen does: read it as one (one
        # character for one, so every offset still points into the sentence as written)
        text = _JOINING_DASH.sub("-", text)
    scan = Scan(text, heading, tokenize(text))
    scan.country_matches = list(countries().pattern.finditer(text))
    _step_bodies(scan)
    _step_tickers(scan)
    step_known_organisations(scan)
    step_quoted_firms(scan)
    if not heading:
        _step_quoted_names(scan)
    _step_people(scan)
    _step_group_events(scan)
    if not heading:
        _step_secretariats(scan)
        step_ministries(scan)
        step_names(scan)
        _step_ministers_meeting(scan)
        step_company_lists(scan)
        step_person_lists(scan)
    step_countries(scan)
    if not heading:
        step_regions(scan)
    step_minerals(scan)
    scan.mentions.sort(key=lambda m: m.start)
    return SentenceMentions(scan.mentions, scan.titles, scan.tokens)


def _step_bodies(scan: Scan) -> None:
    """Intergovernmental bodies by their fixed names ("the European Union", "ASEAN")."""
    pats = patterns()
    text = scan.text
    for m in pats.bodies.finditer(text):
        if not possessive_at(text, m.end()) and pats.body_continues.match(text, m.end()):
            continue  # "United Nations Economic Commission for Europe" is a body of its own
        if not possessive_at(text, m.end()) and pats.body_event.match(text, m.end()):
            continue  # "G20 Summit" names an event
        if _EDITION_BEFORE.search(text, max(0, m.start() - 14), m.start()) and _long_body_event().match(text, m.end()):
            continue  # "the 3rd EU Battery Metals Forum": an edition of a meeting named after the body
        name = pats.bodies_map[m.group()]
        if _SIDELINES.search(text, max(0, m.start() - 40), m.start()) and not possessive_at(text, m.end()):
            _sidelines_meeting(scan, m, name)
            continue
        men = scan.add(
            Mention(
                "Agency", name, m.start(), m.end(), kind="intergovernmental", possessive=scan.possessive_at(m.end())
            )
        )
        if m.group() != name:
            men.acronym = m.group()


#: an edition right before a body's name: "the 3rd ", "the 2031 ", "the Third "
_EDITION_BEFORE = re.compile(
    r"(?<![\w-])(?:\d{1,3}(?:st|nd|rd|th)|(?:19|20)\d\d|First|Second|Third|Fourth|Fifth|Sixth|Seventh|Eighth|Ninth"
    r"|Tenth)\s+$"
)


@lru_cache(maxsize=1)
def _long_body_event() -> re.Pattern:
    """Up to three capitalised words and a meeting's head after a body's name ("EU Battery Metals
    Partnerships Forum"): after an edition, the body opens the meeting's name."""
    return re.compile(r"\s+(?:[A-Z][\w-]*\s+){0,3}(?:" + alternation(vocabulary().event_heads) + r")(?![\w-])")


#: "on the sidelines of the", "on the margins of": what follows is a meeting, even named by its body alone
_SIDELINES = re.compile(r"\b(?:sidelines|margins)\s+of\s+(?:the\s+|this\s+year['’]s\s+|last\s+year['’]s\s+)?$")


def _sidelines_meeting(scan: Scan, m: re.Match, name: str) -> None:
    """ "On the sidelines of the G20": a body written for its meeting, a summit of a group named by
    its short form ("G20 summit"), else a meeting ("Kestrel Council meeting"); the body is named
    inside it, as in "the G20 Summit"."""
    surface = m.group()
    head = "summit" if surface.replace("-", "").replace("+", "").isalnum() and surface[:2].isupper() else "meeting"
    event = scan.add(Mention("Event", f"{surface} {head}", m.start(), m.end(), kind=head))
    event.props["aliases"] = [f"{name} {head}"] if name != surface else []
    body = Mention("Agency", name, m.start(), m.end(), kind="intergovernmental", inner=True)
    if surface != name:
        body.acronym = surface
    scan.add(body, take=False)


#: right before a body's name: its ministers ("energy ministers of the", "Ministers from the")
_MINISTERS_OF = re.compile(r"\b[Mm]inisters\s+(?:of|from)\s+(?:the\s+)?$")
#: right after a body's name: its ministers ("... Group trade ministers", "... Council's ministers")
_MINISTERS_AFTER = re.compile(
    r"(?:['’]s?)?(?:\s+(?!(?:said|says|told|and|or|with|whose|that|which|as|urged|asked)\b)[a-z]+"
    r"(?:\s+and\s+[a-z]+)?)?\s+[Mm]inisters\b"
)
#: a ministerial meeting the text does not name: "a two-day ministerial meeting", "their third
#: ministerial meeting" (not one to come: "the next ministerial meeting", "an annual ministerial meeting")
_MINISTERIAL_MEETING = re.compile(
    r"\b(?:a|an|the|their|its)\s+(?:(?:\w+-day|closed-door|informal|extraordinary)\s+)?"
    r"(?P<m>(?:(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|inaugural|\d{1,3}(?:st|nd|rd|th))\s+)?"
    r"ministerial\s+meeting)\b(?!\s+of\b)"
)
_SPACES = re.compile(r"\s+")


def _step_ministers_meeting(scan: Scan) -> None:
    """ "Ministers of the Kestrel Group agreed ... when they closed a two-day ministerial meeting": a
    meeting told only by a common noun, whose owner is the body the sentence's ministers are of. It
    is that body's meeting ("Kestrel Group ministerial meeting"), also called by the text's words
    ("ministerial meeting"); with no body's ministers in the sentence it is no meeting of its own."""
    text = scan.text
    if "ministerial" not in text:  # the pattern's own word: most sentences have none
        return
    meeting = next((m for m in _MINISTERIAL_MEETING.finditer(text) if scan.free(m.start("m"), m.end("m"))), None)
    if meeting is None:
        return
    bodies = [
        b
        for b in scan.mentions
        if b.label in ("Agency", "Agreement")
        and not b.inner
        and b.end <= meeting.start()
        and (_MINISTERS_OF.search(text, max(0, b.start - 40), b.start) or _MINISTERS_AFTER.match(text, b.end))
    ]
    if not bodies:
        return
    body = bodies[0]
    words = _SPACES.sub(" ", meeting.group("m"))
    ed = words[: -len("ministerial meeting")].strip()
    owner = text[body.start : body.end]  # as written: "G7 ministerial meeting"
    name = f"{ed} ministerial meeting of the {owner}" if ed else f"{owner} ministerial meeting"
    event = Mention("Event", name, meeting.start("m"), meeting.end("m"), kind="meeting")
    event.props["aliases"] = [words]
    scan.add(event)


#: a stock listing after a name: "(ASX: ABC)", "(TSX-V: XYZ; OTCQX: XYZF)", "(NYSE American: ABC)"
TICKER = re.compile(
    r"\(\s*(?:(?:ASX|TSX|TSX-V|TSXV|NYSE|NYSE American|NASDAQ|Nasdaq|LSE|AIM|JSE|HKEX|HKSE|SGX|IDX|OTC|OTCQX|OTCQB|"
    r"FSE|ETR|SIX|KRX|KOSDAQ|SSE|SZSE|NSE|BSE|TSE|B3|BMV|BVL|Euronext|XETRA|SEHK)\s*:\s*[A-Z0-9][A-Z0-9.]*"
    r"(?:\s*[;,/|]\s*(?:[A-Z][A-Za-z -]*\s*:\s*)?[A-Z0-9][A-Z0-9.]*)*)\s*\)"
)


def _step_tickers(scan: Scan) -> None:
    """A stock listing in brackets is not a name of its own; it marks the name before it
    as a listed company."""
    for m in TICKER.finditer(scan.text):
        scan.taken.append((m.start(), m.end()))
        scan.listed_before.add(len(scan.text[: m.start()].rstrip()))


#: what closes a name on a title-case line: a comma, a bracket, a bar or a dash ("Ana Ruiz, Deputy
#: Minister"), or the line's end after a title ("Deputy Minister Ana Ruiz")
_HEADING_NAME_END = re.compile(r"\s*(?P<mark>[,(|–—])|\s*$")
#: a capitalised title right before a name (its last word)
_TITLE_WORD_BEFORE = re.compile(r"([A-Z][\w.-]*)\s+$")


def _step_people(scan: Scan) -> None:
    if scan.heading:
        _heading_people(scan)
        return
    credits = credit_spans(scan.text)
    scan.taken.extend(credits)  # "Reporting by Ana Ruiz": no person of the story, nor a name
    for s, e, name in find_people(scan.text, [(m.start(), m.end()) for m in scan.country_matches]):
        if scan.free(s, e):
            scan.add(Mention("Person", name, s, e, possessive=scan.possessive_at(e)))


def _heading_people(scan: Scan) -> None:
    """People on a title-case line (a caption, an entry of a list of speakers: "Ana Ruiz, Deputy
    Minister of Mines"), where every word is capitalised and a title may run into the words
    after a name: only a name that opens with a listed given name and that a comma, a bracket or
    the line's end after a title closes."""
    if credit_spans(scan.text):
        return  # "Photo by Ana Ruiz": a credit, no person of the story
    titles = vocabulary().titles
    for s, e, name in find_people(scan.text, [(m.start(), m.end()) for m in scan.country_matches]):
        end = _HEADING_NAME_END.match(scan.text, e)
        before = _TITLE_WORD_BEFORE.search(scan.text, max(0, s - 40), s)
        closed = end is not None and (end.group("mark") or (before is not None and before.group(1) in titles))
        if name.split()[0] in given_names() and len(name.split()) <= 3 and closed and scan.free(s, e):
            scan.add(Mention("Person", name, s, e, possessive=scan.possessive_at(e)))


_LEADING_POSSESSIVE = re.compile(r"^['’]s")


def _step_group_events(scan: Scan) -> None:
    """Events named by a group: "<ACRONYM> ministerial meeting", "<group> leaders' summit"."""
    v = vocabulary()
    gaz = countries()
    text = scan.text
    _titled_group_events(scan)
    if pattern_cues()["group_event"].search(text) is None:
        return
    for m in patterns().group_event.finditer(text):
        group_end = m.end("acr") if m.group("acr") else m.end("cap")
        group = m.group("acr") or m.group("cap")
        if group.startswith(("The ", "the ")):
            group = group[4:]
        if not group or gaz.lookup(group) or group in v.titles or group.upper() in ("CEO", "CFO", "COO"):
            continue
        if not scan.free(group_end, m.end()):
            continue
        if m.group("cap") and not classify(tokenize(group), group):
            continue  # "<headless name>'s summit": not a group's meeting
        tail = text[group_end : m.end()]
        tail = _LEADING_POSSESSIVE.sub("", tail)
        name = _SPACES.sub(" ", group + tail).strip()
        start = m.start("acr") if m.group("acr") else m.start("cap") + (len(m.group("cap")) - len(group))
        head = m.group("head").split()[-1]
        scan.mentions.append(Mention("Event", name, start, m.end(), kind=v.event_anaphors.get(head, head)))
        scan.taken.append((group_end, m.end()))


def _titled_group_events(scan: Scan) -> None:
    """ "the G20 Leaders' Summit", "the ABC Foreign Ministers' Meeting": a group's meeting named
    by who meets, capitalised; the group stays a body of its own."""
    text = scan.text
    if "' " not in text and "’ " not in text:
        return  # every match holds a plural possessive: a substring test instead of a scan
    v = vocabulary()
    for m in patterns().group_event_titled.finditer(text):
        series = m.group("series") is not None
        start = m.start("acr")
        if countries().lookup(m.group("acr")) or not scan.free(start if series else m.end("acr"), m.end()):
            continue
        name = _SPACES.sub(" ", m.group())
        head = m.group("head").split()[-1].lower()
        scan.mentions.append(Mention("Event", name, m.start(), m.end(), kind=v.event_anaphors.get(head, head)))
        if series:  # one meeting of the series: the whole name is the event's, the countries in it named there
            scan.taken.append((start, m.end()))
            scan.add_inner_countries(inner_countries(name, start, ("name", "demonym")))
        else:
            scan.taken.append((m.end("acr"), m.end()))


def _step_quoted_names(scan: Scan) -> None:
    """A quoted title before a lowercase event or agreement word: 'the "Minerals for
    Tomorrow" seminar', 'the "Clean Supply" initiative'."""
    v = vocabulary()
    text = scan.text
    if '"' not in text and "“" not in text:
        return
    for m in patterns().quoted_lower.finditer(text):
        if not scan.free(m.start(), m.end()):
            continue
        head = m.group(2)
        label = "Event" if head in v.event_lower_heads else "Agreement"
        name = _SPACES.sub(" ", f"{m.group(1).strip()} {head}")
        scan.add(Mention(label, name, m.start(), m.end(), kind=v.event_anaphors.get(head, head)))


def _step_secretariats(scan: Scan) -> None:
    """ "the secretariat of the X Forum" names a body after the thing it serves."""
    text = scan.text
    if not holds_cue("secretariat", text):
        return
    for m in patterns().secretariat.finditer(text):
        if scan.free(m.start(2), m.end(2)):
            article = "the " if text[m.start(2) - 4 : m.start(2)] == "the " else ""
            name = f"{m.group(1).capitalize()} of {article}{m.group(2)}"
            scan.add(Mention("Agency", name, m.start(), m.end(), kind=m.group(1).lower()))
