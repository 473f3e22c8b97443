"""Meetings: who took part (PARTICIPATED_IN), organised (ORGANIZED) or chaired (LEADS) them,
and where they were held (HELD_IN)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from minegraph.loaders.entities import Entity, EntityRegistry
from minegraph.loaders.gazetteer import alternation, countries, subdivisions, vocabulary, word_led
from minegraph.loaders.mentions import Mention, SentenceMentions
from minegraph.loaders.relations import patterns as P
from minegraph.loaders.relations.context import (
    ACTORS,
    MARKET_MOVE,
    PART_WORDS,
    DocContext,
    Out,
    actors_of,
    is_descriptor,
    is_occasion,
    part_of_named,
    step,
)
from minegraph.loaders.relations.patterns import ends_with
from minegraph.loaders.sentences import Sentence


def _event_refs(ctx: DocContext, sent: Sentence, sm: SentenceMentions) -> list[tuple[int, int, str, bool]]:
    """(start, end, event key, explicit) for events named or referred to in a sentence."""
    refs = [
        (m.start, m.end, m.entity, True)
        for m in sm.mentions
        if m.label == "Event" and m.entity and m.entity not in ctx.meeting_parts
    ]
    anaphors, contexts = P.event_words(sent.text)
    named_at = {s for s, _e, _k, _x in refs}
    for m in anaphors:
        if any(s <= m.start() < e for s, e, _, _ in refs) or part_of_named(sent.text, m, named_at):
            continue
        key = ctx.resolve_event_anaphor(m.group(1), sent.index, m.start(), agreements=True)
        if key:
            refs.append((m.start(), m.end(), key, False))
    for m in contexts:
        if m.group().lower() in PART_WORDS:  # "the plenary": of the meeting named last
            if part_of_named(sent.text, m, named_at):
                continue
            key = ctx.last_meeting(sent.index, m.start())
            if key:
                refs.append((m.start(), m.end(), key, False))
        elif ctx.main_event:
            refs.append((m.start(), m.end(), ctx.main_event, False))
    for start, end, key in ctx.own_head_refs(sent.text):  # "the Indaba" after "the Mining Indaba"
        if not any(s <= start < e for s, e, _, _ in refs):
            refs.append((start, end, key, False))
    return sorted(refs)


#: a word of a headline's name: capitalised, a year or an ordinal ("2031", "3rd")
_TITLE_WORD = re.compile(r"[A-Z0-9][\w’'&.]*(?:[-–][A-Z0-9][\w’'&.]*)*")
#: a year or an ordinal that opens a meeting's name ("2031 Tin Summit", "Third Tin Dialogue")
_NAME_LEAD = re.compile(
    r"(?:(?:19|20)\d\d|\d+(?:st|nd|rd|th)|First|Second|Third|Fourth|Fifth|Inaugural|Annual)\s+", re.I
)


def headline_events(sentences: list[Sentence], found: list[SentenceMentions], registry: EntityRegistry) -> None:
    """A meeting the headline names and the body only refers back to: "Ruritania Lithium
    Partnership Roundtable Opens" over a body that says "the roundtable" or "the meeting"
    and names no meeting of its own (or none with the head word it refers to). Headlines
    are not read for new names (their every word is capitalised), so the name is taken only
    where the words before the event head name something the body names (an organisation,
    an initiative, a country, or several joined by hyphens), or start with an edition ("Third
    ...", "2031 ...")."""
    if not any(s.heading for s in sentences[:3]):
        return  # no headline: the body's every sentence need not be read for what it refers to
    body = [(s, sm) for s, sm in zip(sentences, found, strict=True) if not s.heading]
    referred = {w.group(1).lower() for s, _ in body for w in P.event_words(s.text)[0]}
    if not referred:
        return  # the body never refers to a meeting
    named = [
        registry.entities[m.entity].name.lower()
        for s, sm in body
        for m in sm.mentions
        if m.label == "Event" and m.entity in registry.entities and not is_occasion(s.text, m.start)
    ]
    heads = vocabulary().event_heads
    head_rx = _event_head_pattern()
    for sent, sm in zip(sentences[:3], found[:3], strict=False):
        if not sent.heading:
            continue
        text = sent.text
        for hm in head_rx.finditer(text):
            head = hm.group(1).lower()
            if named and (head not in referred or any(head in n for n in named)):
                continue  # the body names its meetings, and "the <head>" it refers to is one of them
            start = _known_run_before(text, hm.start(), registry)
            if start is None or any(m.start < hm.end() and start < m.end for m in sm.mentions if m.label == "Event"):
                continue
            name = text[start : hm.end()]
            e = registry.add("Event", name, sent.index)
            men = Mention("Event", name, start, hm.end(), kind=heads[hm.group(1)], entity=e.key)
            sm.mentions.append(men)
            sm.mentions.sort(key=lambda m: m.start)
            return


@lru_cache(maxsize=1)
def _event_head_pattern() -> re.Pattern:
    """An event's head word standing alone ("Forum", "Summit"): built once, not per article."""
    return re.compile(r"(?<![\w-])(" + alternation(vocabulary().event_heads) + r")(?![\w-])")


#: the capitalised word that ends a text right before a head word (searched backwards word by word)
_TITLE_WORD_AT_END = re.compile(r"(" + _TITLE_WORD.pattern + r")\s+$")


_DASH_JOIN = re.compile(r"\s*[-–]\s*")


def _known_run_before(text: str, end: int, registry: EntityRegistry) -> int | None:
    """Where the longest run of capitalised words right before ``end`` starts, if it names (after
    an optional year or ordinal) what the article names elsewhere."""
    starts: list[int] = []
    pos = end
    while True:
        m = _TITLE_WORD_AT_END.search(text[:pos])
        if m is None:
            break
        starts.append(m.start(1))
        pos = m.start(1)
    gaz = countries()
    for s in reversed(starts):  # longest first
        lead = _NAME_LEAD.match(text, s)
        core = text[lead.end() if lead else s : end].strip()
        if lead and lead.group().strip().lower() not in ("first", "annual", "inaugural") and core:
            return s  # "Third Lithium Forum", "2031 Tin Summit": an edition of a meeting by its name
        parts = [p.strip() for p in _DASH_JOIN.split(core) if p.strip()]
        if core and all(
            gaz.lookup(p) or any(registry.find(lbl, p) for lbl in ("Agency", "Company", "Agreement")) for p in parts
        ):
            return s
    return None


_IN_OR_AT_NEAR_END = re.compile(r"\b(?:in|at)\s+(?:\S+\s+){0,3}$")
_SEMICOLON = re.compile(r"[;]")


def _location_after(ctx: DocContext, sm: SentenceMentions, text: str, end: int) -> str | None:
    ms = [m for m in sm.mentions if m.start >= end and m.start - end <= 70]
    for m in ms:
        gap = text[end : m.start]
        if m.label == "Event":
            return None  # "the talks were held on the sidelines of the X summit in <City>": X's place
        if not _IN_OR_AT_NEAR_END.search(gap):
            continue
        if _SEMICOLON.search(gap) or _ANOTHER_MEETING.search(gap):
            return None  # "the talks follow a similar meeting in Lima": that meeting's place
        if m.label == "Country" and m.entity and (m.kind in ("name", "city", "venue") or m.inner):
            return m.entity
        if m.label in ("Agency", "Company") and m.entity:
            e = ctx.entity(m.entity)
            if e is not None and e.name_countries:
                return f"country:{e.name_countries[0].lower()}"
        if m.label in ("Event",):
            return None
    return None


#: a group's meeting named by the group alone ("the G7 summit"): each year's is another meeting
_GROUP_MEETING = re.compile(r"([A-Z][A-Z0-9+]*[0-9A-Z])\s+(summit|meeting|ministerial|conference)", re.I)
#: where the text says such a meeting took place: "the G7 summit held in Kananaskis"
_HELD_IN_PLACE = re.compile(
    r",?\s+(?:(?:which|that)\s+(?:was|is)\s+)?(?:held|hosted|taking\s+place|that\s+took\s+place)\s+in\s+"
    r"([A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+)?)\b"
)


def _name_by_place(e: Entity | None, text: str, end: int) -> None:
    """Name a group's meeting after its place, as the conventions name a recurring meeting
    ("the G7 summit held in Kananaskis" -> "G7 Kananaskis Summit"): "G7 summit" alone would
    make every year's summit one event across articles."""
    if e is None:
        return
    g = _GROUP_MEETING.fullmatch(e.name)
    h = _HELD_IN_PLACE.match(text, end)
    if g is None or h is None:
        return
    place = h.group(1)
    known = countries().lookup(place)
    if known is not None and known[1] != "city":
        return  # "held in Canada": the country, not a place the meeting is known by
    e.name = f"{g.group(1)} {place} {g.group(2).title()}"


#: "flew to <City>, <Country> to attend the summit": the country is where the meeting is
_TO_CITY = re.compile(r"\b(?:in|to|for|at)\s+[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+)?,\s+$")
_TO_ATTEND = re.compile(r"\s+(?:to\s+(?:attend|join|take\s+part\s+in)|for)\s+(?:the\s+)?$")


def _travelled_to(sm: SentenceMentions, text: str, start: int) -> str | None:
    """The country of "<City>, <Country>" written right before a meeting a trip is for."""
    for o in sm.mentions:
        if (
            o.label == "Country"
            and o.entity
            and o.end <= start
            and _TO_ATTEND.fullmatch(text, o.end, start)
            and ends_with(_TO_CITY, text, o.start, 60)
        ):
            return o.entity
    return None


def _city_in_name(name: str) -> str | None:
    """The country of a city or region written in an event's name ("Lima Mining Week")."""
    gaz = countries()
    for m in gaz.pattern.finditer(name):
        iso, kind = gaz.surfaces[m.group()]
        if kind == "city":
            return f"country:{iso.lower()}"
    sub = subdivisions().pattern.search(name)
    return f"country:{subdivisions().surfaces[sub.group()].lower()}" if sub else None


@dataclass
class Meeting:
    """What one sentence says about the meetings it names or refers to: the references (start,
    end, key, whether named), the participation cue, and who the fillers read as a place or
    an organiser (neither is a participant)."""

    ctx: DocContext
    index: int
    text: str
    sm: SentenceMentions
    out: Out
    refs: list[tuple[int, int, str, bool]]
    cue: re.Match | None
    locations: set[str] = field(default_factory=set)
    organizers: set[str] = field(default_factory=set)
    #: the sentence does not mention the meeting (a participation cue or a signing it continues):
    #: nothing in it places the meeting
    implied: bool = False
    #: the sentence is the list of who came that the sentence before opened ("... attended by
    #: delegations from the following states:" then "A; B; and C."): everyone named in it came
    listed_whole: bool = False

    @property
    def events(self) -> list[tuple[int, int, str, bool]]:
        return [r for r in self.refs if self.ctx.label(r[2]) == "Event"]


# --- role fillers, in the order of MEETING_FILLERS (each reads what the ones before it wrote) -----


@step(writes=("HELD_IN", "meeting:places"))
def meeting_place(m: Meeting) -> None:
    """'the summit in Nairobi', 'the Nairobi summit': where a meeting was held."""
    ctx = m.ctx
    if m.implied:
        return  # "officials visited a mine in Ruritania": that place is not the meeting's
    for _start, end, key, explicit in m.events:
        loc = _location_after(ctx, m.sm, m.text, end)
        if loc is None and explicit:
            loc = _travelled_to(m.sm, m.text, _start)
        if loc is None and explicit:
            loc = _city_in_name(ctx.entity(key).name)
        if loc and explicit:
            _name_by_place(ctx.entity(key), m.text, end)
        if loc:
            m.out.add(key, "HELD_IN", loc, 0.8, m.text)
            m.locations.add(loc)
            if loc not in ctx.registry.entities:
                ctx.ensure_country(loc)


@step(writes=("ORGANIZED:named", "PARTICIPATED_IN:named"))
def named_in_the_meeting(m: Meeting) -> None:
    """The group that names its meeting organises it ("the <ACRONYM> ministerial meeting"); the
    countries and bodies written in the name take part in it ("Korea-Africa summit", "the
    Union-Asia Summit")."""
    ctx = m.ctx
    for start, end, key, explicit in m.events:
        if not explicit:
            continue
        for o in m.sm.mentions:
            if start <= o.start < end and o.label == "Agency" and o.entity and not o.inner:
                m.out.add(o.entity, "ORGANIZED", key, 0.7, m.text)
            elif start <= o.start < end and o.label == "Agency" and o.entity:
                # a body written inside the name ("G20 Summit", "Union-Asia Summit") meets there
                m.out.add(o.entity, "PARTICIPATED_IN", key, 0.6, m.text)
        for iso in ctx.entity(key).name_countries:
            m.out.add(f"country:{iso.lower()}", "PARTICIPATED_IN", key, 0.6, m.text)
            ctx.ensure_country(f"country:{iso.lower()}")


@step(writes=("ORGANIZED:host", "meeting:organisers"))
def hosts(m: Meeting) -> None:
    """'X held/hosts the forum': the subject that hosts the meeting named after it."""
    events, ms, text = m.events, m.sm.mentions, m.text
    for hm in P.finds(P.ORGANIZER, text):
        later_event = next((r for r in events if r[0] >= hm.end()), None)
        if later_event is None or hm.group().lower() == "in collaboration with":
            continue
        if _HELD_OTHER.search(text, hm.end(), later_event[0]):
            continue  # "A and B held talks on the sidelines of X": they met there, X is not theirs
        subjects = [
            o
            for o in actors_of(ms)
            if o.end <= hm.start() and not is_descriptor(o, ms, text) and not ends_with(_ACCORDING, text, o.start)
        ]
        for o in subjects:
            if m.ctx.label(o.entity) in ("Country", "Agency"):
                m.out.add(o.entity, "ORGANIZED", later_event[2], 0.75, text)
                m.organizers.add(o.entity)


@step(reads=("meeting:organisers",), writes=("ORGANIZED:hosted_by", "meeting:organisers:hosted_by"))
def hosted_by(m: Meeting) -> None:
    """'the forum hosted by X', 'under the auspices of X'."""
    events, ms, text = m.events, m.sm.mentions, m.text
    for pm in _HOSTED_BY.finditer(text):
        if not any(r[1] <= pm.start() for r in events):
            continue
        cands = [o for o in actors_of(ms) if o.start >= pm.end() and o.start - pm.end() <= 60]
        cands = [o for o in cands if not is_descriptor(o, ms, text)]
        if cands and m.ctx.label(cands[0].entity) in ("Country", "Agency"):
            hosts = [cands[0]]
            for o in cands[1:]:  # "co-hosted by A and B"
                if not _AND_NEXT.fullmatch(text, hosts[-1].end, o.start) or m.ctx.label(o.entity) not in ACTORS:
                    break
                hosts.append(o)
            for o in hosts:
                m.out.add(o.entity, "ORGANIZED", events[0][2], 0.7, text)
                m.organizers.add(o.entity)
            m.organizers.update(o.entity for o in actors_of(ms) if pm.end() <= o.end <= cands[0].start)


@step(reads=("meeting:organisers:hosted_by",), writes=("LEADS:event", "meeting:organisers:chair"))
def chaired_by(m: Meeting) -> None:
    """'the meeting was chaired by <person> and co-hosted by <agency>'."""
    events, ms, text = m.events, m.sm.mentions, m.text
    for lm in _CHAIRED_BY.finditer(text):
        if not any(r[1] <= lm.start() for r in events) and not _event_subject(text, lm.start()):
            continue
        if _DELEGATION_LED.search(text, max(0, lm.start() - 100), lm.start()):
            continue  # "delegations were led by A; B": each led their own delegation, who came
        leader = next(
            (
                o
                for o in ms
                if o.start >= lm.end()
                and o.start - lm.end() <= 60
                and o.entity
                and not o.inner
                and o.label in ("Person", "Country", "Agency")
                and not o.possessive  # "chaired by Ruritania's minister, B": B chaired it
                and not is_descriptor(o, ms, text)
            ),
            None,
        )
        target = next((r for r in reversed(events) if r[1] <= lm.start()), events[0])[2]
        if leader is not None:
            m.out.add(leader.entity, "LEADS", target, 0.7, text)
            m.organizers.add(leader.entity)


@step(
    reads=("WORKS_FOR", "meeting:places", "meeting:organisers:chair"),
    writes=("PARTICIPATED_IN", "meeting:attendees", "meeting:left_out"),
)
def attendees(m: Meeting) -> None:
    """Who took part: the first person named (and those joined to them, and in a signing the
    counterpart "with" them), and every actor that is not the place, an organiser, an
    organisation employing a person named there, a describer or a source (a person's country
    takes part through them)."""
    ctx, ms, text, refs = m.ctx, m.sm.mentions, m.text, m.refs
    chosen = _attended(m)
    if chosen is None:
        _everyone_out(m.sm, m.out, {r[2] for r in m.events}, "elsewhere")
        return  # "the meeting, held on the margins of X": X is where another meeting took place
    attended, own_clause = chosen
    # ("A and B held talks on the sidelines of X", naming no other meeting: they were at X)
    main_key = attended[0][2]
    cue = m.cue
    if cue is not None and len({r[2] for r in attended}) > 1:  # "Unlike X, the Y forum drew A and B": Y's
        main_key = min(attended, key=lambda r: min(abs(r[0] - cue.end()), abs(r[1] - cue.start())))[2]
    quoted = _quote_spans(text)
    sources = [(a.start(), a.end()) for a in _SOURCE.finditer(text)]
    works = m.out.in_sentence(text, "WORKS_FOR")
    employers = {r.target for r in works}
    countries_of = _countries_of(ctx, works)
    first_person = True
    signing = bool(_SIGNED.search(text) or _MET_WITH.search(text))
    last_participant: int | None = None  # end of the last person read as a participant
    listed = [(0, len(text))] if m.listed_whole else _attendance_lists(text)
    about_quoted = all(any(a <= r[0] < b for a, b in quoted) for r in attended)  # the meeting is named in a quote
    content = _what_was_said(m, attended)
    for o in ms:
        if o.entity and not o.inner and o.kind == "venue":
            m.out.leave_out(o.entity, main_key, "place")  # "in New York": where, not who
        if not o.entity or o.inner or o.kind == "venue":
            continue
        passed = _passed_over(text, o, sources, own_clause, about_quoted)
        if passed:  # a source, or someone outside the meeting's own clause: who came is not told of them
            m.out.leave_out(o.entity, main_key, passed)
            first_person = first_person and (o.label != "Person" or passed == "elsewhere")
            continue
        if o.label == "Person":
            joined = last_participant is not None and _PERSON_JOIN.fullmatch(text, last_participant, o.start)
            counterpart = signing and not first_person and ends_with(_WITH_COUNTERPART, text, o.start)
            in_list = any(a <= o.start < b for a, b in listed)
            if (first_person or joined or counterpart or in_list) and not o.possessive:
                m.out.add(o.entity, "PARTICIPATED_IN", main_key, 0.6, text)
                last_participant = o.end
                for c in countries_of.get(o.entity, ()):  # "the Kenyan president B": Kenya takes part through B
                    if c not in m.locations:
                        m.out.add(c, "PARTICIPATED_IN", main_key, 0.55, text)
            first_person = False
            continue
        why = _why_not(m, o, employers, quoted, content, listed) if o.label in ACTORS else ""
        if why is None:
            m.out.add(o.entity, "PARTICIPATED_IN", main_key, 0.6, text)
        elif why:
            m.out.leave_out(o.entity, main_key, why)
    if cue is not None and len({r[2] for r in attended}) > 1:
        for r in attended:
            _others_out(m, main_key, r[2])  # "Unlike X, the Y forum drew A and B": not at X
    if P.holds(P.TWO_COUNTRIES, text) and (m.cue or refs):
        for c in ctx.focal[:2]:
            m.out.add(c, "PARTICIPATED_IN", main_key, 0.55, text)


def _attended(m: Meeting) -> tuple[list[tuple[int, int, str, bool]], tuple[int, int] | None] | None:
    """The references to the meeting(s) the sentence's people came to, and the span of a clause of
    the meeting's own that alone says who came (None: the sentence tells no one at a meeting)."""
    text, events = m.text, m.events
    if _FOLLOW_UP.match(text[: events[0][0]]) and not m.cue:
        return None  # "As a follow-up to the summit, A and B signed ...": a later act, not the meeting
    attended = [r for r in events if not (r[3] and is_occasion(text, r[0]) and _A_MEETING.search(text, 0, r[0]))]
    # "welcomed the summit's outcome": a reaction to the meeting, not a part in it
    attended = [
        r for r in attended if not (ends_with(_REACTED_BEFORE, text, r[0], 40) or _RESULT_AFTER.match(text, r[1]))
    ]
    if _SPEAKING_ELSEWHERE.search(text) and not m.cue:
        return None  # "A, speaking in Washington, welcomed the summit": A was not there
    own_clause: tuple[int, int] | None = None
    if not m.cue:  # "A signed a deal with B last week, ahead of the summit": before it, not at it
        placed = attended
        attended = [r for r in attended if not ends_with(_BEFORE_AFTER, text, r[0], 60)]
        own = next((r for r in placed if _OWN_LIST.match(text, r[1])), None) if not attended else None
        if own is not None:
            # "..., a day after the X meeting in Lima, co-chaired by A and B": the meeting's own
            # clause says who came to it (only they did)
            attended = [own]
            start = _OWN_LIST.match(text, own[1]).end()  # type: ignore[union-attr]
            stop = _LIST_STOP.search(text, start)
            own_clause = (start, stop.start() if stop else len(text))
    return (attended, own_clause) if attended else None


def _what_was_said(m: Meeting, attended: list[tuple[int, int, str, bool]]) -> int:
    """Where what a speaker told the meeting begins ("A told delegates that B would ...": B is what
    A said there, not who came), unless what was said names the meeting ("A said that B signed it
    at the summit"); the sentence's end when nothing was told."""
    said = _REPORTED.search(m.text)
    told_at = said is not None and not m.listed_whole and all(r[1] <= said.end() for r in attended)
    return said.end() if said is not None and told_at else len(m.text)


@step(writes=("PARTICIPATED_IN:referred_back", "meeting:left_out"))
def referred_back(m: Meeting) -> None:
    """People named in the sentence before, when this one's subject refers back to them and says
    they came: "A and B flew in on Sunday. The two ministers opened the summit", "She was in
    Lima for the forum" (their countries take part through them, as anywhere)."""
    back = _BACK_SUBJECT.match(m.text)
    if back is None or m.index == 0 or not m.events or m.ctx.sentences[m.index - 1].heading:
        return
    # the reference back decides which of those named before came: when it does not fit, none did
    before = m.ctx.found[m.index - 1]
    after = [r for r in m.events if r[0] >= back.end()]
    if not after or not _BACK_GAP.fullmatch(m.text, back.end(), after[0][0]):
        _everyone_out(before, m.out, {r[2] for r in m.events}, "not_referred")
        return  # "They took part in talks that led to the summit": the meeting must be what they came to
    key = after[0]
    named = [o for o in before.mentions if o.label in ("Person", "Name") and not o.inner]
    want = _BACK_COUNT.get((back.group("n") or back.group("both") or "").lower())
    if back.group("one"):
        named = named[:1]  # "she": the sentence's first person, its subject
    elif want is not None and len({o.start for o in named}) != want:
        _everyone_out(before, m.out, {key[2]}, "not_referred")
        return  # "The two ministers ..." after a sentence that names three people: not them
    people = list(dict.fromkeys(o.entity for o in named if o.label == "Person" and o.entity and not o.possessive))
    for person in people:
        m.out.add(person, "PARTICIPATED_IN", key[2], 0.55, m.text)


#: a sentence's subject that refers back to people named before it, then a verb that says they came
_BACK_SUBJECT = re.compile(
    r"\s*(?:(?P<one>he|she)|they|(?P<both>both)(?:\s+(?:men|women|leaders|ministers|officials|presidents|sides))?"
    r"|the\s+(?P<n>two|three|four|five)\s+(?:[a-z-]+\s+)?(?:men|women|leaders|ministers|officials|presidents"
    r"|premiers|envoys|executives|chiefs|heads\s+of\s+state))"
    r"\s+(?:(?:also|later|then|jointly|together|both)\s+)?"
    r"(?:attended|opened|addressed|co-?chaired|(?:was|were)\s+in\s+[A-Z][\w-]+\s+(?:for|to\s+attend)"
    r"|(?:took\s+part|participated|spoke|met)\s+(?:in|at|on|during)|(?:was|were)\s+(?:at|on))\b",
    re.I,
)
_BACK_COUNT = {"two": 2, "three": 3, "four": 4, "five": 5, "both": 2}
#: what may stand between the verb and the meeting: "attended the opening session of the X summit"
_BACK_GAP = re.compile(
    r"\s*(?:(?:the|this|a|an|its|their|year's|last\s+week's|annual|opening|closing|first|second|third)\s+)*"
    r"(?:(?:session|sessions|day|ceremony|round|plenary|sidelines|margins|fringes)\s+(?:of|at)\s+(?:the\s+)?)?",
    re.I,
)


#: words after which the people named are who came: "attended by A and B", "speakers included A,
#: Director of X, and B", "also in attendance were A and B", "joined by A"
_LIST_AFTER = re.compile(
    r"\b(?:(?:attended|joined|accompanied)\s+by|in\s+attendance\s+(?:were|was)|(?:were|was)\s+(?:also\s+)?present"
    r"|(?:attendees|participants|speakers|panell?ists|delegates|guests|dignitaries)\s+(?:also\s+)?(?:included|were)"
    r"|among\s+(?:the\s+)?(?:attendees|participants|speakers|panell?ists|delegates|guests|dignitaries)\s+(?:were|was)"
    # "brought together A, Minister of X; B, ...", "Attending were ...", "Delegations were led by ...",
    # "Among the leaders who spoke in favour were ..."
    r"|(?:brought|bringing)\s+together"
    # "Delegations were led by ...", "while the Ruritanian delegation was led by B": who led a
    # delegation came (not who made one up: "the delegation included A, B" may be of talks of its own)
    r"|delegations?(?:\s+(?:were|was|is|are))?\s+(?:led|headed)\s+by"
    # "Attending from the business side were A and B", "Around the table were A, B and C"
    r"|(?:attending|present)(?:\s+(?:from|for|on\s+behalf\s+of)\s+[^,;:.]{1,40}?)?\s+(?:were|was)"
    r"|" + P.AROUND_THE_TABLE
    + r"|(?:is|are|was|were)\s+represented\s+by"  # "A was represented by B, C by D and E by F"
    r"|(?:co-?)?chaired\s+(?:jointly\s+)?by|(?:officially\s+)?opened\s+by"  # the chairs came too
    r"|in\s+the\s+presence\s+of|witnessed\s+by"  # "signed in the presence of A": A was there
    r"|sen[dt]s?\s+(?:its|their|his|her|a|an)\b"  # "Germany sent its state secretary, B"
    r"|among\s+them\s+(?:were|was)|(?:those\s+attending|attendees|participants)\s+(?:were|was|included)"
    # "the deal was signed by A and the chief executive of B, C": each signer came to sign
    r"|(?:(?:was|were)\s+|,\s+)(?:jointly\s+)?signed\s+(?:on\s+behalf\s+of\s+[^,;:]{1,60}?\s+)?by"
    r"|among\s+(?:the\s+)?(?:leaders|ministers|officials|heads\s+of\s+(?:state|government)|delegations)"
    r"(?:\s+who\s+[^,;.]{1,40}?)?\s+(?:were|was))"
    r"\b\s*:?",
    re.I,
)
#: an attending verb after the people who came: "A, Minister of X, and B attended the forum"
_LIST_BEFORE = re.compile(
    r"\b(?:(?:also\s+)?(?:attended|participated\s+in|took\s+part\s+in|spoke\s+at|addressed)"
    r"|(?:were|was)\s+(?:also\s+)?(?:present|among\s+(?:the\s+)?(?:attendees|participants|speakers|delegates|guests)))\b",
    re.I,
)
_LIST_WORDS = (
    "attend", "joined", "accompanied", "present", "particip", "speakers", "panel", "delegates", "guests",
    "dignitaries", "took part", "spoke at", "addressed", "together", "delegation", "among", "represented", "signed",
    "presence", "witnessed", "chaired", "opened", "sent", "sends", "table",
)
#: where a list of who came ends: another clause, a speaker's verb, a relative clause (a semicolon
#: before the next name only separates the items: "attended by A, Minister of X; and B, CEO of Y")
_LIST_STOP = re.compile(
    r":|;(?!\s*(?:and\s+)?(?:the\s+)?(?-i:[A-Z]))|\b(?:said|says|told|who|which|whose|while|whereas|but|according)\b",
    re.I,
)


def _attendance_lists(text: str) -> list[tuple[int, int]]:
    """The spans of a sentence that list who came: after "attended by", "speakers included" up
    to the end of the list, and before "attended", "took part in" back to the clause's start
    (the people named there came, not only the first of them)."""
    low = P.lowered(text)
    if not P.holds_any(low, _LIST_WORDS):
        return []
    spans: list[tuple[int, int]] = []
    for m in _LIST_AFTER.finditer(text):
        stop = _LIST_STOP.search(text, m.end())
        spans.append((m.end(), stop.start() if stop else len(text)))
    for m in _LIST_BEFORE.finditer(text):
        start = max((s.end() for s in _LIST_STOP.finditer(text, 0, m.start())), default=0)
        spans.append((start, m.start()))
    return spans


#: a list entry's head sending its delegate: "the X Bank, represented by its Director, B"
_SENT_BY = re.compile(r",?\s+(?:represented|led)\s+by\b")


#: the reasons the rules leave an actor out of a meeting on purpose (not its place, organiser or an
#: employer of someone who came, which the weights may weigh): absent or left out of who came, a
#: source or what was said or discussed, another meeting's or occasion's, the news's background,
#: what a participation word says they joined is another thing ("joined the X Partnership")
ON_PURPOSE = frozenset(
    {
        "absent", "source", "quoted", "said", "topic", "part_of", "background", "another_meeting", "elsewhere",
        "to_come", "own_occasion", "not_referred", "employer", "place", "joined_other",
    }
)


def _everyone_out(sm: SentenceMentions, out: Out, keys: set[str], why: str) -> None:
    """Leave every person and actor named in a sentence out of the meetings ``keys``."""
    for o in sm.mentions:
        if o.entity and not o.inner and (o.label == "Person" or o.label in ACTORS):
            for key in keys - {""}:
                out.leave_out(o.entity, key, why)


def _others_out(m: Meeting, main_key: str, other: str) -> None:
    """Leave who the sentence reads taking part in ``main_key`` out of the ``other`` meeting it names."""
    if other != main_key:
        for r in m.out.in_sentence(m.text, "PARTICIPATED_IN"):
            if r.target == main_key:
                m.out.leave_out(r.source, other, "another_meeting")


def _countries_of(ctx: DocContext, works: list) -> dict[str, list[str]]:
    """The countries each person of a sentence works for, as the sentence reads it."""
    got: dict[str, list[str]] = {}
    for r in works:
        if ctx.label(r.target) == "Country":
            got.setdefault(r.source, []).append(r.target)
    return got


def _passed_over(
    text: str, o: Mention, sources: list[tuple[int, int]], own_clause: tuple[int, int] | None, about_quoted: bool
) -> str | None:
    """Why a meeting's sentence tells nothing of ``o`` coming: "source" ("according to the
    ambassador to Ruritania, B"; "'The summit shows ...', said A, an analyst at B": a voice on the
    meeting, not at it), "elsewhere" (outside the meeting's own clause that says who came)."""
    if any(a <= o.start < b for a, b in sources):
        return "source"
    if own_clause is not None and not own_clause[0] <= o.start < own_clause[1]:
        return "elsewhere"
    if o.label == "Person" and about_quoted and _COMMENTATOR.match(text, o.end):
        return "source"
    return None


def _why_not(
    m: Meeting,
    o: Mention,
    employers: set[str],
    quoted: list[tuple[int, int]],
    content: int,
    listed: list[tuple[int, int]],
) -> str | None:
    """Why an actor named in a meeting's sentence did not take part in it (None: it may have):
    what a speaker said ("said"), named in a quote ("quoted"), or a reason of :func:`_left_out`."""
    in_list = any(a <= o.start < b for a, b in listed)
    if o.start >= content and not in_list:
        return "said"
    if any(a <= o.start < b for a, b in quoted):
        return "quoted"
    # a body that sends someone, in a list of who came ("- the X Bank, represented by its
    # Director, B;"), is a delegation: employing B does not keep it out, as it does elsewhere
    if in_list and _SENT_BY.match(m.text, o.end):
        employers = employers - {o.entity}
    return _left_out(m, o, employers)


def _left_out(m: Meeting, o: Mention, employers: set[str]) -> str | None:
    """Why an actor named in a meeting's sentence did not take part (None: it may have): its place,
    an organiser, an organisation employing a person named there, a describer, a source, a place
    "in" which something is, what was discussed, the news's background or the meeting's name."""
    text, ms = m.text, m.sm.mentions
    if o.entity in m.organizers or o.entity in m.locations:
        return "organiser"
    if o.entity in employers and o.label != "Country":
        return "employer"
    if is_descriptor(o, ms, text):
        return "descriptor"
    if ends_with(P.ACCORDING_TO, text, o.start):
        return "source"
    if o.label == "Country" and ends_with(_IN_AT, text, o.start) and o.kind != "name":
        return "place"
    if ends_with(_TOPIC, text, o.start, 20) and not o.possessive:
        return "topic"  # "deliberations over Ruritania": what was discussed, not who came
    if ends_with(_PARENT_BEFORE, text, o.start, 60):
        return "part_of"  # "A, part of B,", "held by A, a subsidiary of B": what A belongs to, not who came
    if _BACKGROUND.search(text, 0, o.start):
        return "background"  # "the summit comes as demand from A grows": the news's background
    if _EXCEPT.search(text, max(0, o.start - 60), o.start):
        return "absent"  # "every producer other than A and B attended": not them
    if _NOT_CAME.match(text, o.end):
        return "absent"  # "the summit, which A and B did not attend"
    if any(r[1] <= o.start and _ANOTHER_MEETING.search(text, r[1], o.start) for r in m.refs):
        return "another_meeting"  # "the talks follow a similar meeting last year attended by A": that one's
    return "name" if any(r[0] <= o.start < r[1] for r in m.refs) else None


#: the role fillers of a meeting, in the order they run
MEETING_FILLERS = (meeting_place, named_in_the_meeting, hosts, hosted_by, chaired_by, attendees, referred_back)

_ACCORDING = re.compile(r"\baccording to\s+$")
#: a reporting verb and its "that": what follows is what was said ("told delegates that B will ...")
_REPORTED = re.compile(
    word_led("said|says|told|noted|stressed|added|announced|warned|argued|insisted") + r"(?:\s+[\w-]+){0,5}?\s+that\b"
)
#: what a hosting verb holds when it is not the meeting named after it
_HELD_OTHER = re.compile(
    r"\b(?:talks|meetings?|discussions?|consultations?|negotiations?|a\s+(?:\w+\s+)?(?:session|call|dinner))\b"
    r"|\b(?:on|in|at)\s+the\s+(?:sidelines?|margins?|fringes?)\b",
    re.I,
)
_IN_AT = re.compile(r"\b(?:in|at)\s+$")
_BEFORE_AFTER = re.compile(
    r"\b(?:ahead\s+of|before|after|following|prior\s+to|in\s+the\s+run-up\s+to|since)\s+"
    r"(?:the\s+|this\s+|last\s+|next\s+|a\s+)?(?:[\w-]+\s+){0,2}$",
    re.I,
)
#: a participation word denied: "did not send delegations", "declined to attend", "was not represented"
_DENIED = re.compile(
    r"\b(?:did\s+not|didn['’]t|does\s+not|will\s+not|won['’]t|was\s+not|were\s+not|never|declined\s+to"
    r"|refused\s+to|chose\s+not\s+to|failed\s+to)\s+(?:\w+\s+)?$",
    re.I,
)
#: "other than A and B", "except B": the actors a list of who came leaves out
_EXCEPT = re.compile(
    r"\b(?:other\s+than|except(?:\s+for)?|apart\s+from|excluding|with\s+the\s+exception\s+of)\s+"
    r"(?:(?:the\s+)?[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*)*(?:,\s+|\s+and\s+|,\s+and\s+))*(?:the\s+)?$"
)
#: words that open the background of the news: who is named after them did not come
_BACKGROUND = re.compile(
    r"\b(?:amid|amidst|despite|(?:comes?|came)\s+as|against\s+(?:the\s+|a\s+)?backdrop\s+of|in\s+the\s+face\s+of"
    r"|in\s+light\s+of)\b"
    # "..., as China tightens its grip on refining": a clause of what goes on around the meeting
    r"|,\s+as\s+(?!well\s+as\b|part\s+of\b|(?:a|an|one|host|chair|co-?chair|observers?|guests?|members?)\b)",
    re.I,
)
#: after an actor (and those listed with it): it did not come ("A and B did not attend")
_NOT_CAME = re.compile(
    r"(?:\s*(?:,|and)\s*(?:the\s+)?[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*)*)*\s+(?:did\s+not|didn['’]t|declined\s+to"
    r"|refused\s+to|chose\s+not\s+to|failed\s+to|(?:was|were)\s+(?:absent|not\s+(?:present|represented))"
    r"|stayed\s+away|boycotted|skipped)\b"
)
#: another meeting named without a name between the meeting and an actor: "... follow a similar
#: meeting in Lima last year that was attended by A": A came to that one
_ANOTHER_MEETING = re.compile(
    r"\b(?:a|an|another|one|a\s+similar|an\s+earlier|a\s+previous|a\s+separate|last\s+year['’]s|the\s+previous"
    r"|the\s+last|the\s+first)\s+(?:[\w-]+\s+){0,2}?(?:meeting|summit|forum|conference|gathering|session|round"
    r"|edition|ministerial|dialogue|roundtable)s?\b",
    re.I,
)
#: right after a person: who comments on a meeting from outside ("A, an analyst at B", "A, a professor")
_COMMENTATOR = re.compile(
    r",\s+(?:an?|the|one)\s+(?:[\w-]+\s+){0,3}?(?:analyst|economist|researcher|expert|professor|consultant"
    r"|strategist|commentator|fellow|observer|lecturer)s?\b"
)
#: a reaction to a meeting from afar: "welcomed the summit's outcome", "praised the forum"
_REACTED_BEFORE = re.compile(
    r"\b(?:welcomed|welcomes|praised|praises|hailed|critici[sz]ed|condemned|dismissed|questioned|commented\s+on"
    r"|reacted\s+to)\s+(?:the\s+)?(?:[\w-]+\s+){0,2}$"
)
_RESULT_AFTER = re.compile(
    r"['’]s?\s+(?:[\w-]+\s+)?(?:outcomes?|declarations?|results?|communiqu[eé]s?|statements?|conclusions?"
    r"|decisions?)\b"
)
#: "speaking in Washington", "speaking from Canberra": a voice from another place than the meeting
_SPEAKING_ELSEWHERE = re.compile(word_led(r"speaking|said|told\s+reporters") + r"\s+(?:in|from)\s+[A-Z]")
#: a meeting of its own before "on the margins of X": "the meeting, held ...", "a bilateral session"
_A_MEETING = re.compile(
    r"\b(?:the|a|an|this|their|its)\s+(?:[\w-]+\s+){0,2}?(?:meeting|summit|forum|talks|ministerial|conference"
    r"|session|dialogue|round\s?table|gathering|convening|workshop|symposium|congress|event)s?\b",
    re.I,
)
_AND_NEXT = re.compile(r"\s*(?:,\s*(?:and\s+)?|and\s+)(?:the\s+)?")
#: "according to the ambassador to Ruritania, B,": the source of what the sentence says
_SOURCE = re.compile(r"\baccording\s+to\s+[^,;.]{0,80}", re.I)
#: an apposition that names what an organisation belongs to: "A, part of the", "A, a subsidiary of"
_PARENT_BEFORE = re.compile(
    r",\s+(?:(?:a|an|the)\s+)?(?:(?:wholly[- ]owned|state-owned|majority-owned|[\w-]+)\s+)?"
    r"(?:part|subsidiary|unit|division|arm|affiliate)\s+of\s+(?:the\s+)?(?:state-owned\s+|state-run\s+)?$"
)
_TOPIC = re.compile(r"\b(?:over|about|regarding|concerning|on)\s+(?:the\s+)?$")
_HOSTED_BY = re.compile(
    word_led(
        "|".join(rf"{v}\s+by\s+" for v in "hosted organi[sz]ed co-hosted co-organi[sz]ed convened sponsored".split())
        + r"|under\s+(?:the\s+)?(?=[A-Z])"
    )
)
#: the words before "led by" that make it a delegation's head, not the meeting's chair
_DELEGATION_LED = re.compile(
    r"\b(?:delegations?|missions?|teams?)\s+(?:(?:was|were|is|are)\s+(?:each\s+)?)?$"
    r"|\bdelegations?\s+(?:to|at|for)\s+[^,;]{1,70}?\s+(?:was|were|is|are)\s+$",
    re.I,
)  # "a delegation led by A", "Japan's delegation to the summit was led by A": A led the delegation
_CHAIRED_BY = re.compile(
    word_led("chaired|co-chaired|presided(?: over)?|led|headed") + r"\s+(?:jointly\s+)?by\s+(?:the\s+)?"
)


@step(reads=("meeting:attendees",), writes=("meetings", "meeting:left_out", "PARTICIPATED_IN:part"))
def events(ctx: DocContext, sent: Sentence, sm: SentenceMentions, out: Out) -> None:
    """The meetings a sentence names or refers to ("the forum", "on the sidelines"), or the
    article's main one when it only says someone attended, with their roles filled."""
    if not ctx.has_events:
        return  # every link this rule writes is to a meeting
    text = sent.text
    refs = _event_refs(ctx, sent, sm)
    if refs:
        kept = [r for r in refs if not _forthcoming(ctx, text, r)]
        _everyone_out(sm, out, {r[2] for r in refs} - {r[2] for r in kept}, "to_come")
        if not kept:
            return  # "A will report to the Second Ministerial Meeting, which B will host in 2032": not held yet
        refs = kept
    if not refs and not ctx.main_event and not _SIGNED.search(text):
        return  # nothing to attach a participation cue to
    if not refs:
        _part_speakers(ctx, sent, sm, out)
    cue = P.holds(P.PARTICIPATION, text)
    if cue is not None and _DENIED.search(text, max(0, cue.start() - 30), cue.start()):
        _everyone_out(sm, out, {r[2] for r in refs} or {ctx.main_event or ""}, "absent")
        return  # "B and C did not send delegations", "A declined to attend": who did not come
    if not refs and _SIGNED.search(text):
        refs = _signing_continued(ctx, sent)
    listed_whole = False
    if not refs and sent.index > 0 and (opener := _list_opened_before(ctx, sent.index)) >= 0:
        refs = _list_continued(ctx, opener, _LIST_OPENS)
        listed_whole = bool(refs)
    elif not refs and ctx.main_event and _LABEL_LIST.match(text):
        refs, listed_whole = [(0, 0, ctx.main_event, False)], True  # "Participants: A, B and C."
    elif not refs and sent.index > 0 and _AMONG_THEM.match(text):
        refs = _list_continued(ctx, sent.index - 1, _DREW_PEOPLE)  # "The summit drew ministers. Among them were A"
    if not refs and not (cue and ctx.main_event):
        return
    implied = not refs or refs[0][:2] == (0, 0)
    if not refs:
        assert cue is not None and ctx.main_event is not None
        if _cue_has_other_object(sm, text, cue):
            # "A joined the X partnership": what A joined is another thing, not the article's meeting
            _everyone_out(sm, out, {ctx.main_event}, "joined_other")
            return
        if not _ATTENDED.search(text):
            return  # "A presented its results": not said to be at the article's meeting
        if _OTHER_OCCURRENCE.search(text) or _earlier_year(ctx, text):
            _everyone_out(sm, out, {ctx.main_event}, "another_meeting")
            return  # "last year's edition drew officials from ...": another meeting of the series
        if _OWN_OCCASION.search(text, 0, cue.start()) and not _signed_at(ctx, sent.index, ctx.main_event):
            _everyone_out(sm, out, {ctx.main_event}, "own_occasion")
            return  # "The signing ceremony was attended by ...": an occasion of its own, not the meeting
        told_before = _meeting_told_before(ctx, sent.index)
        refs = [(cue.start(), cue.end(), told_before or ctx.main_event, False)]
    m = Meeting(ctx, sent.index, text, sm, out, refs, cue, implied=implied, listed_whole=listed_whole)
    if not m.events:
        return
    for filler in MEETING_FILLERS:
        filler(m)


def _meeting_told_before(ctx: DocContext, index: int) -> str | None:
    """The meeting the sentence before ``index`` tells of, in the same paragraph, when it is another
    than the article's main one ("The lunch was hosted by A." then "Around the table were B and C":
    the lunch's list, not the main summit's); None when it tells of none, of several, or of one
    held at another time or not where the act took place."""
    before = index - 1
    if before < 0 or ctx.sentences[before].heading or ctx.paragraphs[before] != ctx.paragraphs[index]:
        return None
    prev = ctx.sentences[before]
    refs = [r for r in _event_refs(ctx, prev, ctx.found[before]) if ctx.label(r[2]) == "Event"]
    keys = {r[2] for r in refs}
    if len(keys) != 1 or ctx.main_event in keys:
        return None
    start, _end, key, _explicit = refs[-1]
    if _OTHER_OCCURRENCE.search(prev.text) or _earlier_year(ctx, prev.text) or before_or_after(prev.text, start):
        return None  # "last year's lunch drew B": not the meeting the next sentence lists
    if any(_forthcoming(ctx, prev.text, r) for r in refs):
        return None
    return key


#: before the part's word, up to two words that are no solar, dispute, arbitration or expert panel's
_PART_OF = r"(?:the|a|an|this|that|its|their|same)\s+(?:(?!solar\b|dispute\b|arbitration\b|expert\b)[\w'’-]+\s+){0,2}?"
#: after "opened the day" or "closed the session", no market's move: that is no meeting's part
_NO_MARKET = "(?!" + MARKET_MOVE + ")"
#: a part of a meeting someone spoke at, moderated or opened: "chaired the final session", "speaking
#: on the same panel", "Opening the day, A said", "The afternoon's financing panel featured A and B"
#: (a day only opened or closed: "Speaking on the same day, A said" may be anywhere)
_MEETING_PART = re.compile(
    r"\b(?:(?:moderat|chair|open|clos)(?:ed|ing|es|s|e)?\s+(?:one\s+of\s+)?" + _PART_OF
    + r"(?:panels?|sessions?|plenary|day)\b" + _NO_MARKET
    + r"|(?:speaking|spoke|sitting|sat)\s+(?:on|at|in|during)\s+" + _PART_OF + r"(?:panels?|sessions?|plenary)\b)"
    r"|\b(?P<list>(?<!solar\s)(?<!dispute\s)(?<!arbitration\s)(?<!expert\s)"
    r"(?:panel|session|plenary)\s+(?:featured|included|heard\s+from)\b)",
    re.I,
)


#: the words one of which every alternative needs: a sentence without any is not scanned
P.NEEDS[_MEETING_PART] = ("panel", "session", "plenary", "day")


#: between a person and the part of a meeting they spoke at, a clause of another subject ("A said
#: that B, who chaired the session, ..." stops at "said"; "A, who moderated a panel" does not)
_PART_STOP = re.compile(r"[;:]|\b(?:said|says|told|which|while|whereas|but|and)\b")


def _part_speakers(ctx: DocContext, sent: Sentence, sm: SentenceMentions, out: Out) -> None:
    """Who spoke at, moderated or opened a part of the meeting told just before, in a sentence that
    names no meeting: the person named right before the part ("A, speaking on the same panel, said"),
    else right after it ("Opening the session, A said"), or everyone a part's list names ("The
    afternoon's panel featured A and B"). The meeting is the last one named in the sentence or the
    two before it, else the article's main one (:meth:`DocContext.last_meeting`)."""
    text = sent.text
    part = P.holds(_MEETING_PART, text)
    if part is None:
        return
    key = ctx.last_meeting(sent.index, len(text))
    if key is None:
        return
    people = [o for o in sm.mentions if o.label == "Person" and o.entity and not o.inner and not o.possessive]
    quoted = _quote_spans(text)
    people = [o for o in people if not any(a <= o.start < b for a, b in quoted)]
    if part.group("list"):
        stop = _LIST_STOP.search(text, part.end())
        end = stop.start() if stop else len(text)
        chosen = [o for o in people if part.end() <= o.start < end]
    else:
        before = [o for o in people if o.end <= part.start() and not _PART_STOP.search(text, o.end, part.start())]
        after = [o for o in people if o.start >= part.end()]
        chosen = before[-1:] or after[:1]
    for o in chosen:
        out.add(o.entity, "PARTICIPATED_IN", key, 0.55, text)  # type: ignore[arg-type]


#: an earlier meeting of a series, told in passing ("the previous edition", "last year's
#: forum", "the second edition in 2024"): who came to it did not come to the article's meeting
_OTHER_OCCURRENCE = re.compile(
    r"\b(?:previous|last|earlier|past|prior)\s+(?:edition|session|meeting|round|summit|forum|conference)s?\b"
    r"|\blast\s+year['’]s\b|\b(?:a|one|two|three)\s+years?\s+(?:ago|earlier|before)\b"
    r"|\bedition\s+in\s+(?:19|20)\d\d\b",
    re.I,
)


_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
#: after a meeting's name, words that place it in the future: "..., which will be hosted by A",
#: "..., proposed last year, should take place in B", "due in London next month"
_FUTURE_AFTER = re.compile(
    r"[^.;:]{0,60}?\b(?:will\s+be\s+(?:held|hosted|convened|organi[sz]ed)|(?:is|are)\s+(?:due|scheduled|set)\s+to"
    r"|should\s+take\s+place|will\s+take\s+place|to\s+be\s+(?:held|hosted)|(?:due|scheduled|planned)\s+(?:in|for))\b"
)


def _forthcoming(ctx: DocContext, text: str, ref: tuple[int, int, str, bool]) -> bool:
    """Whether a reference is to another meeting than the article's main one, still to come (the
    words after its name say so, or name a later year than the article's): who is named with it
    did not take part in it."""
    start, end, key, _ = ref
    if key == ctx.main_event or ctx.label(key) != "Event" or start == end:
        return False
    if _FUTURE_AFTER.match(text, end):
        return True
    return ctx.year is not None and any(int(y.group()) > ctx.year for y in _YEAR.finditer(text, end, end + 80))


def _earlier_year(ctx: DocContext, text: str) -> bool:
    """Whether a sentence names a year before the article's ("signed a partnership with A in 2022,
    and A has since hosted delegations from B"): it tells of another time than the meeting's."""
    return ctx.year is not None and any(int(y.group()) < ctx.year for y in _YEAR.finditer(text))


def _signed_at(ctx: DocContext, before: int, key: str) -> bool:
    """Whether a sentence before ``before`` says something was signed at the meeting ``key`` ("...
    signed a memorandum during the X Summit"): a ceremony told later is that meeting's."""
    for i in range(before):
        prev = ctx.sentences[i]
        if prev.heading or not _SIGNED.search(prev.text):
            continue
        for start, _end, k, _explicit in _event_refs(ctx, prev, ctx.found[i]):
            at = ends_with(_AT_MEETING, prev.text, start, 30) or ends_with(_AT_SIDELINES, prev.text, start)
            if k == key and at:
                return True
    return False


#: an occasion of its own that a sentence says someone came to: "the signing ceremony", "a dinner"
_OWN_OCCASION = re.compile(
    r"\b(?:the|a|an|this|that)\s+(?:[\w-]+\s+){0,2}?(?:ceremony|reception|dinner|luncheon|banquet|briefing"
    r"|press\s+conference|phone\s+call|video\s+call|state\s+visit|official\s+visit|visit|trip|tour)\b",
    re.I,
)
#: a cue that says someone came, without naming where: the article's meeting is meant
_ATTENDED = re.compile(
    r"\b(?:attended|attending|attendees|participat\w+|among\s+the\s+participants|in\s+attendance|took\s+part"
    r"|" + P.AMONG_ATTENDEES
    + r"|speak(?:s|ing)?\s+on\s+the\s+(?:opening|closing|first|second|last|final)\s+day"
    r"|(?:speaking|spoke)\s+to\s+delegates"
    r"|delegations?|delegates|(?:officials|representatives|experts|ministers|leaders|executives)\s+(?:from|of)"
    r"|" + P.SENT_DELEGATES + r"|" + P.SPEAKERS_LISTED + r"|" + P.REPRESENTED_BY + r"|" + P.AROUND_THE_TABLE
    + r"|(?:leaders|heads\s+of\s+(?:state|government)|dignitaries)\s+"
    r"(?:who\s+(?:travell?ed|came|flew)\s+to|included|were))\b",
    re.I,
)


_JOIN_CUE = re.compile(r"join|particip|took part|attend", re.I)
_COMMA_OR_SEMI = re.compile(r"[,;]")


def _cue_has_other_object(sm: SentenceMentions, text: str, cue: re.Match) -> bool:
    """Whether the cue's object is a named thing that is not a meeting ("joined the X
    partnership", "participation in the Y project")."""
    if not _JOIN_CUE.match(cue.group()) or _WHO_CAME.match(cue.group()):
        return False  # "represented by X", "ministers from X", "participants included X": X is who came
    for o in sm.mentions:
        if o.start >= cue.end() and o.start - cue.end() <= 40 and not _COMMA_OR_SEMI.search(text[cue.end() : o.start]):
            return o.label in ("Agreement", "Company") or (o.label == "Agency" and not o.inner)
    return False


#: a cue that names the people who came, not what they joined
_WHO_CAME = re.compile(r"(?:participants|attendees)\b", re.I)
#: "... as the X Forum came to a close": the act took place at the meeting's end (or start)
_AS_MEETING = re.compile(r"\bas\s+(?:the\s+)?$", re.I)
_MEETING_ENDS = re.compile(
    r"\s+(?:came\s+to\s+(?:a\s+)?close|closed|ended|wrapped\s+up|drew\s+to\s+a\s+close|opened|got\s+under\s?way)\b"
)
#: a signing verb: who signs at a meeting takes part in it, the counterpart too
_SIGNED = re.compile(word_led("signed|signs|inked") + r"\b")
#: a text's coming into being at a meeting, signed or adopted: "A and B adopted the X Declaration at the
#: close of the Y Summit" places the signing the next sentence tells ("The declaration was signed by ...")
_SIGNED_OR_ADOPTED = re.compile(word_led("signed|signs|inked|adopted|adopts|endorsed|endorses") + r"\b")
#: a meeting named as where the sentence's act took place: "at the X Forum", "during the X Summit"
_AT_MEETING = re.compile(r"\b(?:at|during)\s+(?:the\s+)?(?:(?:[a-z]+|\d+(?:st|nd|rd|th))\s+)?$")  # "at the fifth X"
#: a meeting of two: "met (with) B", "held talks with B"
_MET_WITH = re.compile(word_led(r"met\b|meets\b|meetings?\s+(?:[\w,]+\s+){0,8}?with\b|talks\s+with\b"))
#: a signing's or a meeting's counterpart: "signed X with (the) <title> <Person>", "met (with) <Person>"
_WITH_COUNTERPART = re.compile(r"\b(?:with|met|meets)\s+(?:the\s+)?(?:(?:[^;.]|\.(?=\s)){0,70}?[,\s])?$")


#: who came only to watch a meeting: "A and B attended as observers", "C, which sent an observer, ..."
_OBSERVED = re.compile(r"\b(?:as\s+(?:an?\s+)?observers?|sen[dt]s?\s+(?:[\w-]+\s+){0,2}?observers?)\b", re.I)
#: between the last observer named (and its acronym) and the observer words: a few words ("attended
#: the meeting"), or a relative clause's opening (", which attended")
_TO_OBSERVED = re.compile(r"\)?(?:\s*\([A-Z][\w&-]{1,9}\))?(?:,\s*which\s+|\s+)(?:[\w-]+\s+){0,3}")
#: between two observers of one list: "A, B and the C"
_OBSERVER_JOIN = re.compile(r"(?:,\s*(?:and\s+)?|\s+and\s+)(?:the\s+)?")


def observers(ctx: DocContext) -> dict[str, set[str]]:
    """The countries and bodies an article says only observed a meeting, by meeting: the list named
    right before the observer words ("A and B sent only observers", "C, which sent an observer",
    "delegations from D and E, which attended as observers"). They took part, but are not the sides
    of what that meeting issued. The meeting is the one the sentence names or refers to, else the
    one named last before it (the article's main one when none is)."""
    by_meeting: dict[str, set[str]] = {}
    for sent, sm in zip(ctx.sentences, ctx.found, strict=True):
        if "observer" not in sent.text.lower():
            continue
        refs = {k for _s, _e, k, _x in _event_refs(ctx, sent, sm) if ctx.label(k) == "Event"}
        if not refs and (last := ctx.last_meeting(sent.index, 0)) is not None:
            refs = {last}
        got: set[str] = set()
        text = sent.text
        actors = [o for o in sm.mentions if o.entity and not o.inner and o.label in ACTORS]
        for ob in _OBSERVED.finditer(text):
            before = [o for o in actors if o.end <= ob.start()]
            if not before or not _TO_OBSERVED.fullmatch(text, before[-1].end, ob.start()):
                continue
            cur = before[-1]
            got.add(cur.entity)  # type: ignore[arg-type]
            for prev in reversed(before[:-1]):
                if prev.entity != cur.entity:  # (a name and its acronym are one)
                    if not _OBSERVER_JOIN.fullmatch(text, prev.end, cur.start):
                        break
                    got.add(prev.entity)  # type: ignore[arg-type]
                cur = prev
        for key in refs if got else ():
            by_meeting.setdefault(key, set()).update(got)
    return by_meeting


def _signing_continued(ctx: DocContext, sent: Sentence) -> list[tuple[int, int, str, bool]]:
    """A signing told after the sentence that placed signings at a meeting ("At the X Forum, A
    signed three memoranda.", "A signed a declaration at the X Summit.", "A signed three memoranda
    on the sidelines of the X Summit.", "A signed three memoranda as the X Forum came to a
    close." then "Minister B signed the first with ..."): the same meeting, as if the sentence
    named it. The sentence right after may go on with any signing; one further on (up to
    :data:`_SIGNING_BACK` sentences back) must refer back to what was signed ("The memorandum
    with B was signed by ...", "The agreements were signed by ...")."""
    for back in range(1, _SIGNING_BACK + 1):
        i = sent.index - back
        if i < 0 or ctx.sentences[i].heading:
            return []
        if back > 1 and not _SIGNED_BACK.match(sent.text):
            return []
        prev, pm = ctx.sentences[i], ctx.found[i]
        for start, end, key, explicit in _event_refs(ctx, prev, pm):
            if ctx.label(key) != "Event":
                continue
            if (
                ends_with(_AT_MEETING, prev.text, start, 30)
                or (explicit and ends_with(_AT_SIDELINES, prev.text, start))
            ) and _SIGNED_OR_ADOPTED.search(prev.text) or (
                explicit and ends_with(_AS_MEETING, prev.text, start, 12) and _MEETING_ENDS.match(prev.text, end)
                and _SIGNED_OR_ADOPTED.search(prev.text, 0, start)
            ):
                return [(0, 0, key, False)]
    return []


#: "on the sidelines of the (third) X Forum", "at the opening of the X": the meeting an act took place at
_AT_SIDELINES = re.compile(
    r"\b(?:on|in|at|during)\s+the\s+(?:sidelines?|margins?|fringes?|opening|close|closing|start|end)\s+"
    r"(?:(?:session|day|ceremony)\s+)?of\s+(?:the\s+)?(?:[\w-]+\s+){0,2}$",
    re.I,
)


def _list_continued(ctx: DocContext, opener: int, opens: re.Pattern) -> list[tuple[int, int, str, bool]]:
    """The meeting whose list of who came the sentence ``opener`` opens (``opens``) and leaves to the
    sentences after it ("The forum was attended by ministers from the following countries:" then
    "A; B; and C.", "The summit drew ministers from thirty countries." then "Among them were A and
    B."), as if each of them named it."""
    prev = ctx.sentences[opener]
    if prev.heading or not opens.search(prev.text):
        return []
    refs = [r for r in _event_refs(ctx, prev, ctx.found[opener]) if ctx.label(r[2]) == "Event"]
    if not refs and opener > 0 and _WHO_CAME_OPENS.match(prev.text):
        # "The summit drew 900 participants. Delegations included:": the list's meeting is the one
        # the sentence before names, in the same paragraph
        before = opener - 1
        if ctx.paragraphs[before] == ctx.paragraphs[opener]:
            found = ctx.found[before]
            refs = [r for r in _event_refs(ctx, ctx.sentences[before], found) if ctx.label(r[2]) == "Event"]
    return [(0, 0, refs[0][2], False)] if refs else []


#: a short line that opens a list of who came and names no meeting: "Delegations included:",
#: "Participants were:", "Those present included:"
_WHO_CAME_OPENS = re.compile(
    r"\s*(?:The\s+)?(?:[\w-]+\s+)?(?:delegations|delegates|participants|attendees|speakers|those\s+(?:present|attending))"
    r"\s+(?:included|were|comprised)(?:\s+the\s+following)?\s*:$",
    re.I,
)


#: a line that is an entry of a list: a bullet before it ("- A, led by B")
_ITEM_BULLET = re.compile(r"\s*[-•*–·]\s")
#: how many lines of a list a sentence ending with ":" may open
_LIST_LINES = 30


def _list_opened_before(ctx: DocContext, index: int) -> int:
    """The sentence ending with ":" that opens the list sentence ``index`` is an entry of: the one
    right before it, or the one before the entries above it when each entry is a line of its own
    that ends with ";" or "," or opens with a bullet ("Delegations included:" then "A, led by B;",
    "C, led by D;", "E, led by F."); -1 when there is none."""
    if not _own_line(ctx, index):
        return index - 1 if ctx.sentences[index - 1].text.endswith(":") else -1
    j = index - 1
    while j >= 0 and index - j <= _LIST_LINES:
        text = ctx.sentences[j].text
        if text.endswith(":"):
            return j
        if not (_own_line(ctx, j) and (text.endswith((";", ",")) or _ITEM_BULLET.match(text))):
            return -1
        j -= 1
    return -1


def _own_line(ctx: DocContext, index: int) -> bool:
    """Whether sentence ``index`` is a line of its own (a paragraph of one sentence)."""
    para = ctx.paragraphs[index]
    return (index == 0 or ctx.paragraphs[index - 1] != para) and (
        index + 1 >= len(ctx.paragraphs) or ctx.paragraphs[index + 1] != para
    )


#: the end of a sentence that opens a list of who came: "attended by delegations of the following
#: states:", "Participants included:", "the following ministers took part:"
_LIST_OPENS = re.compile(
    r"\b(?:attended\s+by|attendees|participants|delegations|following|present|took\s+part|represented)\b[^.;:]*:$",
    re.I,
)
#: right after a meeting's name, a clause of its own that lists who came: "(in Lima,) co-chaired by",
#: ", attended by"
_OWN_LIST = re.compile(
    r"(?:\s+(?:in|at)\s+[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)?)?,?\s+(?:which\s+was\s+)?"
    r"(?:(?:co-?)?chaired|attended|opened|led)\s+(?:jointly\s+)?by\b"
)
#: a communiqué's line that lists who came under a label: "Participants: A, B and C."
_LABEL_LIST = re.compile(
    r"\s*(?:Participants|Attendees|Delegations(?:\s+present)?|Participating\s+(?:countries|states|delegations)"
    r"|In\s+attendance)\s*:"
)
#: a sentence that names some of the people the sentence before said came: "Among them were A and B"
_AMONG_THEM = re.compile(r"\s*(?:Among\s+them|Those\s+attending|Attendees|Participants)\s+(?:were|was|included)\b")
#: a sentence that says people came without naming them: "The summit drew ministers from ...", "was
#: attended by officials of thirty countries"
_DREW_PEOPLE = re.compile(
    r"\b(?:drew|attracted|brought\s+together|gathered|attended\s+by|welcomed|hosted)\s+(?:[\w-]+\s+){0,5}?"
    r"(?:ministers|officials|delegates|delegations|leaders|participants|executives|representatives|investors)\b"
)
#: how many sentences back a signing may be told after the one that placed it at a meeting
_SIGNING_BACK = 4
#: a sentence that refers back to what was signed: "The memorandum with B ...", "Both agreements ..."
_SIGNED_BACK = re.compile(
    r"\s*(?:The|These|Those|Both|All|Each|A\s+(?:second|third|separate|further))\s+(?:[\w-]+\s+){0,3}?"
    r"(?:memorand\w*|agreements?|deals?|accords?|MoUs?|MOUs?|contracts?|letters?|documents?|pacts?|instruments?)\b"
)


#: a leading clause that places the sentence after or before a meeting ("Following the summit, ...",
#: "Ahead of the summit, ...")
_FOLLOW_UP = re.compile(
    r"\s*(?:As\s+(?:a\s+)?(?:direct\s+)?follow[- ]?up\s+(?:to|of)|Following(?:\s+up\s+on)?|Building\s+on|"
    r"In\s+the\s+wake\s+of|Ahead\s+of|In\s+the\s+run[- ]up\s+to|Prior\s+to)\s+(?:the\s+)?[^,;]*$"
)

#: between two people who took part together: "A and President of the Commission B", "A, B"
_PERSON_JOIN = re.compile(
    r"[\s,]*(?:and\s+(?:[a-z]+\s+){0,2}?)?(?:(?:[A-Z][\w.’'-]*|of|the|for|and|&|to|in"
    # a lowercase title between the two ("and Chile's ambassador to Peru, B")
    r"|ambassador|minister|secretary|envoy|president|governor|director|chair(?:man|woman|person)?|deputy|vice"
    r"|chief|executive|head)[\s,]+)*"
)  # "A and host nation Ruritania's Foreign Minister B": up to two plain words after "and"


_MEETING_WORD = re.compile(r"\b(?:meeting|summit|forum|talks|ministerial|conference|session|dialogue)\b", re.I)


def _event_subject(text: str, pos: int) -> bool:
    """Whether the clause before ``pos`` is about a meeting ("The talks were ...")."""
    return bool(
        _MEETING_WORD.search(text[:pos])
    )


_QUOTED = re.compile(r"“[^”]*(?:”|$)|\"[^\"]*(?:\"|$)")


def _quote_spans(text: str) -> list[tuple[int, int]]:
    """Spans of quoted speech: what a speaker says is not who attended."""
    spans = [(m.start(), m.end()) for m in _QUOTED.finditer(text)]
    if text.rstrip().endswith(("”", '"')) and not any(b >= len(text.rstrip()) for _, b in spans if _ == 0):
        close = text.rstrip()
        spans.append((0, len(close)))  # a quote closing here opened in an earlier sentence
    return spans


def _countries_and_places(ctx: DocContext, out: Out) -> tuple[dict[str, list[str]], set[tuple[str, str]]]:
    """The countries each person works for, and each meeting's place (event, place)."""
    works = {p: [t for t in ts if ctx.label(t) == "Country"] for p, ts in out.works_for().items()}
    places = {(r.source, r.target) for r in out.rels.values() if r.type == "HELD_IN"}
    return works, places


@step(reads=("PARTICIPATED_IN", "WORKS_FOR", "HELD_IN"), writes=("PARTICIPATED_IN:through_people",))
def countries_through_people(ctx: DocContext, out: Out) -> None:
    """A person who took part in a meeting brings the country they work for ("the Kenyan
    president B attended": Kenya took part), however far from the meeting's sentence the
    article says where they work (not the country of a body they work for: the body may have
    come on its own)."""
    works, places = _countries_and_places(ctx, out)
    for r in list(out.rels.values()):
        if r.type != "PARTICIPATED_IN" or ctx.label(r.source) != "Person" or ctx.label(r.target) != "Event":
            continue
        for country in works.get(r.source, ()):
            if (r.target, country) not in places:  # as in the meeting's sentence: the host is read as its place
                out.add(country, "PARTICIPATED_IN", r.target, 0.55, r.evidence[0])


@step(reads=("candidates:event", "WORKS_FOR", "HELD_IN"), writes=("decided:PARTICIPATED_IN:through_people",))
def countries_of_weighed_people(ctx: DocContext, kept: list, out: Out, final: Out) -> None:
    """A person the weights (not a rule) found at a meeting brings the country they work for, as
    :func:`countries_through_people` does for the people the rules found."""
    works, places = _countries_and_places(ctx, out)
    for c in kept:
        if c.group != "event" or c.rule or c.type != "PARTICIPATED_IN" or ctx.label(c.source) != "Person":
            continue
        for country in works.get(c.source, ()):
            if (c.target, country) not in places:
                final.add(country, "PARTICIPATED_IN", c.target, round(c.feats.get("_p", 0.5), 3), c.evidence)


#: what the meeting candidates read too: an occasion of its own a sentence tells
OWN_OCCASION = _OWN_OCCASION


def before_or_after(text: str, start: int) -> bool:
    """Whether a sentence names the meeting at ``start`` as what its act came before or after ("As
    a follow-up to the X summit, ...", "..., ahead of the X summit"): not where the act took place."""
    return bool(_FOLLOW_UP.match(text[:start]) or ends_with(_BEFORE_AFTER, text, start, 60))
