"""Meetings: who took part (PARTICIPATED_IN), organised (ORGANIZED) or chaired (LEADS) them,
and where they were held (HELD_IN)."""

from __future__ import annotations

import re

from minegraph.loaders.gazetteer import countries, subdivisions
from minegraph.loaders.mentions import SentenceMentions
from minegraph.loaders.relations import patterns as P
from minegraph.loaders.relations.context import ACTORS, DocContext, Out, actors_of, is_descriptor, step
from minegraph.loaders.relations.patterns import ends_with
from minegraph.loaders.sentences import Sentence


def _event_refs(ctx: DocContext, sent: Sentence, sm: SentenceMentions) -> list[tuple[int, int, str, bool]]:
    """(start, end, event key, explicit) for events named or referred to in a sentence."""
    refs = [(m.start, m.end, m.entity, True) for m in sm.mentions if m.label == "Event" and m.entity]
    anaphors, contexts = P.event_words(sent.text)
    for m in anaphors:
        if any(s <= m.start() < e for s, e, _, _ in refs):
            continue
        key = ctx.resolve_event_anaphor(m.group(1), sent.index, m.start(), agreements=True)
        if key:
            refs.append((m.start(), m.end(), key, False))
    for m in contexts:
        if ctx.main_event:
            refs.append((m.start(), m.end(), ctx.main_event, False))
    return sorted(refs)


def _location_after(ctx: DocContext, sm: SentenceMentions, text: str, end: int) -> str | None:
    ms = [m for m in sm.mentions if m.start >= end and m.start - end <= 70]
    for m in ms:
        gap = text[end : m.start]
        if m.label == "Event":
            return None  # "the talks were held on the sidelines of the X summit in <City>": X's place
        if not re.search(r"\b(?:in|at)\s+(?:\S+\s+){0,3}$", gap):
            continue
        if re.search(r"[;]", gap):
            return None
        if m.label == "Country" and m.entity and (m.kind in ("name", "city", "venue") or m.inner):
            return m.entity
        if m.label in ("Agency", "Company") and m.entity:
            e = ctx.entity(m.entity)
            if e is not None and e.name_countries:
                return f"country:{e.name_countries[0].lower()}"
        if m.label in ("Event",):
            return None
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


@step(reads=("WORKS_FOR",), writes=("PARTICIPATED_IN", "ORGANIZED", "HELD_IN", "LEADS:event"))
def events(ctx: DocContext, sent: Sentence, sm: SentenceMentions, out: Out) -> None:
    if not ctx.has_events:
        return  # every link this rule writes is to a meeting
    text = sent.text
    refs = _event_refs(ctx, sent, sm)
    if not refs and not ctx.main_event:
        return  # nothing to attach a participation cue to
    cue = P.holds(P.PARTICIPATION, text)
    if not refs and not (cue and ctx.main_event):
        return
    if not refs:
        assert cue is not None and ctx.main_event is not None
        refs = [(cue.start(), cue.end(), ctx.main_event, False)]
    ms = sm.mentions
    locations: set[str] = set()
    for _start, end, key, explicit in refs:
        if ctx.label(key) != "Event":
            continue
        loc = _location_after(ctx, sm, text, end)
        if loc is None and explicit:
            loc = _city_in_name(ctx.entity(key).name)  # "the Nairobi summit"
        if loc:
            out.add(key, "HELD_IN", loc, 0.8, text)
            locations.add(loc)
            if loc not in ctx.registry.entities:
                ctx.ensure_country(loc)
        # the group that names its meeting organises it ("the <ACRONYM> ministerial meeting")
        if explicit:
            for o in sm.mentions:
                if _start <= o.start < end and o.label == "Agency" and o.entity and not o.inner:
                    out.add(o.entity, "ORGANIZED", key, 0.7, text)
        # countries written in the event's name take part in it ("Korea-Africa summit")
        if explicit:
            for iso in ctx.entity(key).name_countries:
                out.add(f"country:{iso.lower()}", "PARTICIPATED_IN", key, 0.6, text)
                ctx.ensure_country(f"country:{iso.lower()}")
    events = [r for r in refs if ctx.label(r[2]) == "Event"]
    if not events:
        return
    main_key = events[0][2]
    # organisers: "X held/hosts the forum", "the forum hosted by X", "in collaboration with X"
    organizers: set[str] = set()
    for m in P.finds(P.ORGANIZER, text):
        later_event = next((r for r in events if r[0] >= m.end()), None)
        if later_event is None:
            continue
        word = m.group().lower()
        if word in ("in collaboration with",):
            continue
        subjects = [
            o
            for o in actors_of(ms)
            if o.end <= m.start()
            and not is_descriptor(o, ms, text)
            and not re.search(r"\baccording to\s+$", text[: o.start])
        ]
        for o in subjects:
            if ctx.label(o.entity) in ("Country", "Agency"):
                out.add(o.entity, "ORGANIZED", later_event[2], 0.75, text)
                organizers.add(o.entity)
    for pm in re.finditer(
        r"\b(?:hosted|organi[sz]ed|co-hosted|convened|sponsored)\s+by\s+|\bunder\s+(?:the\s+)?(?=[A-Z])", text
    ):
        if not any(r[1] <= pm.start() for r in events):
            continue
        cands = [o for o in actors_of(ms) if o.start >= pm.end() and o.start - pm.end() <= 60]
        cands = [o for o in cands if not is_descriptor(o, ms, text)]
        if cands and ctx.label(cands[0].entity) in ("Country", "Agency"):
            out.add(cands[0].entity, "ORGANIZED", events[0][2], 0.7, text)
            organizers.add(cands[0].entity)
            organizers.update(o.entity for o in actors_of(ms) if pm.end() <= o.end <= cands[0].start)
    # "the meeting was chaired by <person> and co-hosted by <agency>"
    for lm in re.finditer(r"\b(?:chaired|co-chaired|presided over|led|headed)\s+(?:jointly\s+)?by\s+(?:the\s+)?", text):
        if not any(r[1] <= lm.start() for r in events) and not _event_subject(text, lm.start()):
            continue
        leader = next(
            (
                o
                for o in ms
                if o.start >= lm.end()
                and o.start - lm.end() <= 60
                and o.entity
                and not o.inner
                and o.label in ("Person", "Country", "Agency")
                and not is_descriptor(o, ms, text)
            ),
            None,
        )
        target = next((r for r in reversed(events) if r[1] <= lm.start()), events[0])[2]
        if leader is not None:
            out.add(leader.entity, "LEADS", target, 0.7, text)
            organizers.add(leader.entity)
    # participants
    if _FOLLOW_UP.match(text[: events[0][0]]) and not cue:
        return  # "As a follow-up to the summit, A and B signed ...": a later act, not the meeting
    quoted = _quote_spans(text)
    employers = {r.target for r in out.in_sentence(text, "WORKS_FOR")}
    first_person = True
    last_participant: int | None = None  # end of the last person read as a participant
    for o in ms:
        if not o.entity or o.inner or o.kind == "venue":
            continue
        if o.label == "Person":
            joined = last_participant is not None and _PERSON_JOIN.fullmatch(text, last_participant, o.start)
            if (first_person or joined) and not o.possessive:
                out.add(o.entity, "PARTICIPATED_IN", main_key, 0.6, text)
                last_participant = o.end
            first_person = False
            continue
        if any(a <= o.start < b for a, b in quoted):
            continue
        if o.label not in ACTORS or o.entity in organizers or o.entity in locations or o.entity in employers:
            continue
        if is_descriptor(o, ms, text) or ends_with(P.ACCORDING_TO, text, o.start):
            continue
        if o.label == "Country" and re.search(r"\b(?:in|at)\s+$", text[: o.start]) and o.kind != "name":
            continue
        if any(r[0] <= o.start < r[1] for r in refs):
            continue
        out.add(o.entity, "PARTICIPATED_IN", main_key, 0.6, text)
    if P.holds(P.TWO_COUNTRIES, text) and (cue or refs):
        for c in ctx.focal[:2]:
            out.add(c, "PARTICIPATED_IN", main_key, 0.55, text)


#: a leading clause that places the sentence after a meeting ("Following the summit, ...")
_FOLLOW_UP = re.compile(
    r"\s*(?:As\s+(?:a\s+)?(?:direct\s+)?follow[- ]?up\s+(?:to|of)|Following(?:\s+up\s+on)?|Building\s+on|"
    r"In\s+the\s+wake\s+of)\s+(?:the\s+)?[^,;]*$"
)

#: between two people who took part together: "A and President of the Commission B", "A, B"
_PERSON_JOIN = re.compile(r"[\s,]*(?:and\s+)?(?:(?:[A-Z][\w.’'-]*|of|the|for|and|&)[\s,]+)*")


def _event_subject(text: str, pos: int) -> bool:
    """Whether the clause before ``pos`` is about a meeting ("The talks were ...")."""
    return bool(
        re.search(r"\b(?:meeting|summit|forum|talks|ministerial|conference|session|dialogue)\b", text[:pos], re.I)
    )


def _quote_spans(text: str) -> list[tuple[int, int]]:
    """Spans of quoted speech: what a speaker says is not who attended."""
    spans = [(m.start(), m.end()) for m in re.finditer(r"“[^”]*(?:”|$)|\"[^\"]*(?:\"|$)", text)]
    if text.rstrip().endswith(("”", '"')) and not any(b >= len(text.rstrip()) for _, b in spans if _ == 0):
        close = text.rstrip()
        spans.append((0, len(close)))  # a quote closing here opened in an earlier sentence
    return spans
