"""What every relation rule shares: the typed document context, the relationship being
built, and helpers over a sentence's mentions."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from minegraph.loaders.entities import EntityRegistry
from minegraph.loaders.gazetteer import countries, vocabulary
from minegraph.loaders.mentions import Mention, SentenceMentions
from minegraph.loaders.relations import patterns as P
from minegraph.loaders.relations.patterns import vocab_patterns as vp
from minegraph.loaders.sentences import Sentence

ACTORS = ("Country", "Agency", "Company")


@dataclass
class Rel:
    source: str
    type: str
    target: str
    confidence: float
    evidence: list[str] = field(default_factory=list)


#: "on the sidelines of", "in the margins of" right before a meeting's name: the occasion of
#: another meeting, not the one the sentence's actors attend
OCCASION = re.compile(r"\b(?:on|in|at)\s+the\s+(?:sidelines?|margins?|fringes?)\s+of\s+(?:the\s+)?$", re.I)


#: a word for a meeting: before "on the margins of X", the meeting X was the occasion of
_MEETING_NOUN = re.compile(
    r"\b(?:meeting|summit|forum|talks|ministerial|conference|session|dialogue|round\s?table|gathering|convening"
    r"|workshop|symposium|congress|event)s?\b",
    re.I,
)


def is_occasion(text: str, start: int) -> bool:
    """Whether a meeting named at ``start`` is only the occasion of another the sentence names
    before it ("the meeting, held on the margins of X"; not "they signed it on the sidelines of X",
    where X is the meeting they attended)."""
    m = OCCASION.search(text, max(0, start - 40), start)
    return m is not None and _MEETING_NOUN.search(text, 0, m.start()) is not None


#: between a part of a meeting and the meeting it is part of: "the Tin Round Table of the Kestrel Minerals Week"
_PART_OF = re.compile(r"\s+of\s+(?:the\s+)?")


def _parts_of_meetings(found: list[SentenceMentions], sentences: list[Sentence]) -> set[str]:
    """The meetings named as a part of another ("the Tin Round Table of the Kestrel Minerals Week",
    a session of a forum): the article is about the whole, not the part it names first."""
    parts: set[str] = set()
    for sent, sm in zip(sentences, found, strict=True):
        evs = [m for m in sm.mentions if m.label == "Event" and m.entity and not m.inner]
        for a, b in zip(evs, evs[1:], strict=False):
            gap = _PART_OF.fullmatch(sent.text, a.end, b.start)
            if gap is not None and a.entity != b.entity:
                parts.add(a.entity)  # type: ignore[arg-type]
    return parts


_CAPITAL_NEXT = re.compile(r"\s+[A-Z]")


#: the words for a part of a meeting ("the session", "the plenary", "the opening session"): a
#: part of the meeting named last, which need not be the article's main one
PART_WORDS = frozenset({"session", "plenary", "opening session"})


#: after a part's word, the meeting it is a part of: "the opening session of the X Forum"
_PART_OF_MEETING = re.compile(r"\s+(?:of|at)\s+(?:the\s+)?")


#: after "the day" or "the session", a market's move: "copper closed the day 2% higher", "the index
#: opened the session lower", "shares closed the day at $4.10" (a trading day, no meeting's part;
#: "opened the session up to questions" is one)
MARKET_MOVE = (
    r"\s+(?:(?:up\s+|down\s+)?[\d.,]+\s*(?:%|per\s*cent|percent|points?|cents?)\s+)?"
    r"(?:higher|lower|up(?!\s+(?:to|for)\b)|down|flat|steady|unchanged|firmer|weaker|stronger|mixed|in\s+(?:the\s+)?(?:red|green)"
    r"|at\s+(?:a\s+)?(?:[$€£¥]|record|[\w-]+\s+(?:high|low)))\b"
)
_MARKET_MOVE = re.compile(MARKET_MOVE, re.I)


def part_of_named(text: str, m: re.Match, named_at: set[int]) -> bool:
    """Whether a part's word ("the session", "the plenary") is followed by the meeting it belongs
    to, named (that name is the sentence's reference, not the meeting named last before), or by a
    market's move ("the index closed the session lower": a trading session, no meeting's)."""
    if m.group(m.lastindex or 0).lower() not in PART_WORDS:
        return False
    if _MARKET_MOVE.match(text, m.end()):
        return True
    of = _PART_OF_MEETING.match(text, m.end())
    return of is not None and of.end() in named_at


@dataclass
class DocContext:
    sentences: list[Sentence]
    found: list[SentenceMentions]
    registry: EntityRegistry
    year: int | None
    focal: list[str]  # country keys, most mentioned first
    main_event: str | None
    event_order: list[tuple[int, int, str]]  # (sentence, start, key) of explicit event-like mentions
    recent_agreements: list[tuple[int, str]] = field(default_factory=list)  # (sentence, key) as read
    #: country key of the place a dateline names ("CITY —", "Riyadh, November 18, 2026, SPA --"): the
    #: article's own country, whose an unqualified "the Ministry of Mines" is
    dateline: str | None = None
    dateline_sentence: str = ""
    paragraphs: list[int] = field(default_factory=list)  # paragraph (line) index of each sentence
    #: people whose employer a rule has already read (the first title names it)
    employer_done: set[str] = field(default_factory=set)
    #: (sentence, start of the agreement word) -> the agreements a rule read there
    agreement_anchors: dict[tuple[int, int], list[str]] = field(default_factory=dict)
    #: whether the article names a meeting (rules about meetings have nothing to do otherwise)
    has_events: bool = False
    #: the capitalised head word of a meeting's name ("Week" of "Lima Mining Week", "Summit" of "the
    #: Lima Summit": "the Summit" as a press release writes it) -> that meeting, when only one ends so
    own_heads: dict[str, str] = field(default_factory=dict)
    #: the meetings named as a part of another ("the Tin Round Table of the Kestrel Minerals Week"): who
    #: came is told of the whole, so no roles are read for the part
    meeting_parts: set[str] = field(default_factory=set)
    #: the first sentence with a mention of an agreement (-1: not yet looked for; the mentions are
    #: settled before the rules run, so it is looked for once)
    _first_agreement_mention: int = -1

    def first_agreement_mention(self) -> int:
        """The index of the first sentence that names an agreement (the number of sentences if none)."""
        if self._first_agreement_mention < 0:
            self._first_agreement_mention = next(
                (i for i, sm in enumerate(self.found) if any(m.label == "Agreement" for m in sm.mentions)),
                len(self.found),
            )
        return self._first_agreement_mention

    @classmethod
    def build(cls, sentences, found, registry, year, text: str = "") -> DocContext:
        counts: Counter[str] = Counter()
        events: Counter[str] = Counter()
        order = []
        for sent, sm in zip(sentences, found, strict=True):
            for m in sm.mentions:
                if m.label == "Country" and m.entity and m.kind != "venue":
                    counts[m.entity] += 2 if not m.inner else 1  # a name inside a name counts half
                if m.label in ("Event", "Agreement") and m.entity:
                    order.append((sent.index, m.start, m.entity))
                    if m.label == "Event" and not is_occasion(sent.text, m.start):
                        events[m.entity] += 1
        if events:
            # the meeting a headline names is the article's ("X Ministerial Meeting adopts a framework" over a
            # body that names it once and the next meeting twice): the headline counts as a mention of it
            # (headlines are not read for names, so it is looked for by its forms)
            heads = [s.text for s in sentences[:4] if s.heading]
            for k in list(events) if heads else ():
                e = registry.entities.get(k)
                if e is not None and any(f in h for f in e.forms() if len(f) > 3 for h in heads):
                    events[k] += 1
        first = {k: min(i for i, _, kk in order if kk == k) for k in events}
        parts = _parts_of_meetings(found, sentences)
        whole = {k: n for k, n in events.items() if k not in parts} or events
        main = max(whole, key=lambda k: (whole[k], -first[k])) if whole else None
        focal = [k for k, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]
        ctx = cls(sentences, found, registry, year, focal, main, order)
        ctx.meeting_parts = parts
        ctx.paragraphs = [text.count("\n", 0, s.start) if text else s.index for s in sentences]
        ctx.has_events = any(e.label == "Event" for e in registry.entities.values())
        if ctx.has_events:
            ctx.own_heads = _own_heads(registry, main)
        for sent in sentences[:8]:
            place = dateline(sent.text)
            if place:
                ctx.dateline, ctx.dateline_sentence = place, sent.text
                break
        return ctx

    def nearest_country(self, sent_index: int, pos: int) -> str | None:
        """The country named closest to a point in the same paragraph (a city counts for its
        country), else the dateline's country."""
        para = self.paragraphs[sent_index] if sent_index < len(self.paragraphs) else -1
        best: tuple[int, int, str] | None = None
        for i, sm in enumerate(self.found):
            if self.paragraphs[i] != para or self.sentences[i].heading:
                continue
            for m in sm.mentions:
                if m.label != "Country" or not m.entity or m.inner:
                    continue
                dist = (abs(i - sent_index), abs(m.start - pos) if i == sent_index else 0)
                if best is None or dist < best[:2]:
                    best = (*dist, m.entity)
        return best[2] if best else self.dateline

    def ensure_country(self, key: str) -> None:
        """Make sure the country ``country:<iso2>`` is an entity (a rule links to it)."""
        if key not in self.registry.entities:
            self.registry.add_country(key.split(":", 1)[1].upper(), 10**6)

    def label(self, key: str) -> str:
        e = self.registry.entities.get(key)
        return e.label if e else ""

    def entity(self, key: str):
        return self.registry.entities.get(key)

    def own_head_refs(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, meeting) of each "the Indaba", "the Week" in ``text`` that refers back to
        the one meeting of the article whose name ends with that capitalised head word, the head
        perhaps after other words of the name ("the Mining Indaba", "the Joint Commission")."""
        out = []
        for head, key in self.own_heads.items():
            if head in text:
                e = self.entity(key)
                name = f" {e.name} " if e is not None else ""
                for m in re.finditer(rf"\b[Tt]he\s+((?:[A-Z][\w’'-]*\s+){{0,3}}){re.escape(head)}\b", text):
                    # "the Joint Ministerial Commission" after "the second session of the Zambia-Ruritania
                    # Joint Ministerial Commission": the words before the head are the name's words right
                    # before it, and the name ends there ("the Critical Raw Materials Act" is not "the
                    # Dialogue on Critical Raw Materials")
                    words = m.group(1).split()
                    tail = f" {' '.join([*words, head])} "
                    if not words or (
                        tail in name and tail != name and not _CAPITAL_NEXT.match(text[m.end() :])
                    ):  # (the whole name is a mention of its own)
                        out.append((m.start(), m.end(), key))
        return out

    def last_meeting(self, sent_index: int, pos: int) -> str | None:
        """The meeting named last before this point, when named in this sentence or one of the two
        before it (not one named as a part of another), else the main one: "the session", "the
        plenary" are of the meeting the text tells of there. A meeting named further back is one
        told in passing ("held alongside the X Week" in the lead): the sessions are the main one's."""
        named = [
            (i, s, k)
            for i, s, k in self.event_order
            if (i, s) < (sent_index, pos) and self.label(k) == "Event" and k not in self.meeting_parts
        ]
        return max(named)[2] if named and max(named)[0] >= sent_index - 2 else self.main_event

    def resolve_event_anaphor(self, word: str, sent_index: int, pos: int, agreements: bool = False) -> str | None:
        """'the forum' -> the latest forum named before this point, else the main event."""
        v = vocabulary()
        if word.lower() in PART_WORDS:
            return self.last_meeting(sent_index, pos)
        typ = v.event_anaphors.get(word.lower(), "*")
        if typ != "*":
            # the word's head in a meeting's name ("forum" in "the Lithium Forum"): one pattern for
            # every meeting tried, not one built per meeting
            head = re.compile(rf"\b{re.escape(word.split()[0])}\b", re.I)
            cands = [
                (i, s, k)
                for i, s, k in self.event_order
                if (i, s) < (sent_index, pos)
                and (self.label(k) == "Event" or agreements)
                and head.search(self.entity(k).name)
            ]
            if cands:
                return max(cands)[2]
            later = [
                (i, s, k)
                for i, s, k in self.event_order
                if (self.label(k) == "Event" or agreements)
                and head.search(self.entity(k).name)
            ]
            if later:
                return min(later)[2]
        return self.main_event


def _own_heads(registry, main: str | None = None) -> dict[str, str]:
    """The capitalised head words of the article's meetings ("the Indaba", "the Week", "the Summit":
    the lowercase common words are read by :data:`patterns.event_words`), each to its meeting when
    only one has it, or to the main meeting when it is one of those that have it."""
    heads: dict[str, set[str]] = {}
    for e in registry.entities.values():
        words = e.name.split() if e.label == "Event" else []
        if len(words) >= 2 and words[-1][:1].isupper() and words[-1].isalpha():
            heads.setdefault(words[-1], set()).add(e.key)
        # a meeting named by what it is of: "First Ministerial Meeting of the X Dialogue" is "the
        # Meeting" as well as "the Dialogue" (the word before "of" is its head)
        of = words.index("of") if "of" in words[1:] else 0
        if of >= 1 and words[of - 1][:1].isupper() and words[of - 1].isalpha():
            heads.setdefault(words[of - 1], set()).add(e.key)
    own: dict[str, str] = {}
    for h, ks in heads.items():
        if len(ks) == 1:
            own[h] = next(iter(ks))
        elif main is not None and main in ks:
            # a head several meetings share is the article's main meeting's ("the Meeting" after "the
            # First Meeting of X" when "the Lima Tin Meeting" of next year is named too)
            own[h] = main
    return own


# --- what each step reads and writes ----------------------------------------------------------


def step(reads: tuple[str, ...] = (), writes: tuple[str, ...] = ()):
    """Declare what a rule or role filler reads and writes (relation types, ``agreements``,
    ``frames``, ``candidates``...): ``tests/test_relations_order.py`` checks each is run after
    every step that writes what it reads."""

    def mark(fn):
        fn.reads, fn.writes = frozenset(reads), frozenset(writes)
        return fn

    return mark


# --- helpers ----------------------------------------------------------------------------

#: a dateline's date: "May 3", "Nov. 18, 2026", "2 September 2026"
_DATE = r"(?:[A-Z][A-Za-z.]+\s+\d{1,2}(?:,\s+\d{4})?|\d{1,2}\s+[A-Z][a-z]{2,8}(?:\s+\d{4})?)"
#: a place in title case: "Riyadh", "Buenos Aires", "Dar es Salaam"
_TITLED = r"[A-Z][a-zà-ÿ]+(?:\s+(?:es\s+|al\s+|de\s+|del\s+|la\s+)?[A-Z][a-zà-ÿ]+){0,2}"
DATELINE = re.compile(
    # "BRASÍLIA, July 8", "LIMA, May 3", "AREQUIPA, Peru, Sept 24", or a place in title case with a
    # date: "Riyadh, November 18, 2026"
    r"^(?:(?P<caps>[A-ZÀ-Ý][A-ZÀ-Ý .'’-]{2,40}?)(?:,\s+(?P<in>" + _TITLED + r"))?"
    r"(?:,\s+(?:" + _DATE + r"|[A-Z][A-Z .-]+))?"
    r"|(?P<titled>" + _TITLED + r"),\s+" + _DATE
    # or before an agency's bracket: "Hanoi (VNA) -"
    + r"|(?P<bracketed>" + _TITLED + r")(?=\s*\([A-Z][\w ]{1,20}\)\s*(?:[—–:]|--?))"
    # or a city alone before a dash: "Muscat - The ministers"
    + r"|(?P<city>" + _TITLED + r")(?=\s+(?:--?|[—–])\s+[A-Z]))"
    # then the agency: ", SPA --", ", Xinhua --", "(Agency) -"; after an agency's name the dash may run into the
    # first word: "OSLO (Agency) -The minister"
    r"(?:,\s+[A-Z][A-Za-z.]{1,15})?\s*(?:\([^)]{1,30}\)\s*(?:[—–:]|--?)\s?|(?:[—–:]|--?)\s)"
)
#: a dateline on a line of its own: "Tashkent, 3 March 2026", "Gaborone, Republic of Ruritania,
#: 26 March 2026", "ULAANBAATAR, October 2 (Agency).", "Outlet | Buenos Aires | 9 April 2026", and
#: a byline's place: "Staff Reporter, Dar es Salaam"
_DATELINE_LINE = re.compile(
    r"^(?P<place>" + _TITLED + r"|[A-ZÀ-Ý][A-ZÀ-Ý .'’-]{2,40}?)(?:,\s+(?P<in>[A-Z][\w ]{2,40}?))?,\s+" + _DATE
    + r"\s*(?:\([^)]{1,30}\)|/[^/]{1,30}/)?\s*\.?$"
    r"|\|\s*(?P<piped>" + _TITLED + r")\s*\|\s*" + _DATE + r"\s*$"
    r"|\b(?:[Rr]eporter|[Cc]orrespondent|[Ww]riter|[Bb]ureau)s?,\s+(?P<byline>" + _TITLED + r")\s*$"
)


_INITIALS_WORD = re.compile(r"(?:[A-Z]\.)+")


def dateline(text: str) -> str | None:
    """'OSLO —', 'LIMA, May 3 (Agency) -', 'NAIROBI:', 'Tashkent, 3 March 2026' -> the country of the place."""
    m = DATELINE.match(text) or (_DATELINE_LINE.search(text) if len(text) < 120 else None)
    if not m:
        return None
    gaz = countries()
    got = {k: v.strip() for k, v in m.groupdict().items() if v}
    for key in ("caps", "titled", "bracketed", "city", "place", "piped", "byline", "in"):
        words = got.get(key)
        if not words:
            continue
        place = " ".join(w.capitalize() if not _INITIALS_WORD.fullmatch(w) else w for w in words.split())
        hit = gaz.lookup(place) or gaz.lookup(words)
        if hit and (key != "city" or hit[1] == "city"):  # "Muscat - The": only a known city
            return f"country:{hit[0].lower()}"
    return None


def actors_of(mentions: list[Mention]) -> list[Mention]:
    return [m for m in mentions if m.label in ACTORS and m.entity and not m.inner and m.kind != "venue"]


#: between a country and the organisation it places: "US-based miner X", "Ruritania-headquartered X"
_BASED_GAP = re.compile(r"-(?:based|headquartered|registered|listed|domiciled)\s+(?:[a-z][\w-]*\s+){0,3}")


#: between a country and a person it titles: nothing, or capitalised title words ("Prime Minister",
#: "Secretary of State")
_TITLE_GAP = re.compile(r"\s+(?:[A-Z][\w.-]*\s+(?:(?:of|for)\s+(?=[A-Z]))?){0,4}")


#: ``is_descriptor``'s default: look the next name up in ``mentions``
_LOOK_UP = Mention("", "", -1, -1)


def next_names(ms: list[Mention], ends: list[int]) -> list[Mention | None]:
    """For each position in ``ends``, the first of ``ms`` (in list order) that starts there or
    later and is neither inside another name nor a mineral: what :func:`is_descriptor` reads
    as the next name, for many mentions of one sentence at once (a long list of countries made
    that a scan of the list for each)."""
    named = sorted((o.start, k) for k, o in enumerate(ms) if not o.inner and o.label != "Mineral")
    starts = [s for s, _ in named]
    first = [k for _, k in named]  # the smallest list index from each sorted position on
    for i in range(len(first) - 2, -1, -1):
        first[i] = min(first[i], first[i + 1])
    out: list[Mention | None] = []
    for end in ends:
        i = bisect_left(starts, end)
        out.append(ms[first[i]] if i < len(first) else None)
    return out


_PUNCT = re.compile(r"[,;.()]")


def is_descriptor(m: Mention, mentions: list[Mention], text: str, following: Mention | None = _LOOK_UP) -> bool:
    """A possessive or adjectival country that only describes the next name
    ("Korea's Ministry ...", "South Korean President Yoon"); ``following``: that next name
    when the caller has it (see :func:`next_names`)."""
    if m.label != "Country":
        return False
    if following is _LOOK_UP:
        following = next((o for o in mentions if o.start >= m.end and not o.inner and o.label != "Mineral"), None)
    if not (m.possessive or m.kind == "demonym"):
        # "US company X", "Chinese state miner Y"
        nxt = following
        return (
            nxt is not None
            and nxt.label in ("Company", "Agency")
            and (
                vp().cue_gap.fullmatch(text[m.end : nxt.start]) is not None
                or _BASED_GAP.fullmatch(text, m.end, nxt.start) is not None  # "US-based X"
            )
        )
    if m.kind == "demonym" and P.DEMONYM_ACTOR.match(text[m.end :]):
        return False
    # a mineral word may stand between ("Korea's state resources group X")
    nxt = following
    if nxt is None or nxt.label not in ("Agency", "Company", "Person", "Name", "Title"):
        return False
    gap = text[m.end : nxt.start]
    return len(gap) <= 60 and not _PUNCT.search(gap.replace("’s", "").replace("'s", ""))


def titles_person(m: Mention, mentions: list[Mention], text: str) -> bool:
    """A country named right before a person's title ("Ruritania President Jane Doe"): it describes
    that person, as :func:`is_descriptor` reads a possessive or a demonym; kept apart from it,
    as the rules that read a bare country as an actor (a party, a member) must keep doing so."""
    if m.label != "Country" or m.possessive or m.kind == "demonym":
        return False
    nxt = next((o for o in mentions if o.start >= m.end and not o.inner and o.label != "Mineral"), None)
    if nxt is None or nxt.label not in ("Person", "Title"):
        return False
    gap = text[m.end : nxt.start]
    return _TITLE_GAP.fullmatch(gap) is not None and (nxt.label == "Title" or vp().title_word.search(gap) is not None)


@lru_cache(maxsize=4096)
def clauses(text: str) -> tuple[tuple[int, int], ...]:
    """The clauses of a sentence as character spans (each rule and feature asks for the same
    sentences: computed once each)."""
    spans, pos = [], 0
    for m in (P.CLAUSE_SPLIT if "that" in text else P.CLAUSE_SPLIT_NO_THAT).finditer(text):
        spans.append((pos, m.start()))
        pos = m.end()
    spans.append((pos, len(text)))
    return tuple(spans)


#: what joins two actors of a list: ", ", " and ", ", and the ", " & "
_LIST_JOIN = P.ACTORS_JOIN


def coordinated(ms: list[Mention], anchor: Mention, text: str) -> list[Mention]:
    """The actors coordinated with ``anchor`` ("A, B and C")."""
    group = [anchor]
    actors = actors_of(ms)
    i = actors.index(anchor)
    j = i - 1
    while j >= 0 and _LIST_JOIN.fullmatch(text[actors[j].end : group[0].start]):
        group.insert(0, actors[j])
        j -= 1
    return group


#: ", which relies on X for ...,": a relative clause inside a sentence
_RELATIVE = re.compile(r",\s+(?:which|who|whose|where)\b[^,;]*(?:,|$)")


def relative_spans(text: str) -> list[tuple[int, int]]:
    """Spans of relative clauses (", which ... ,"): what they name is not the clause's subject."""
    return [(m.start(), m.end()) for m in _RELATIVE.finditer(text)]


def inside(o: Mention, spans: list[tuple[int, int]]) -> bool:
    return any(a <= o.start < b for a, b in spans)


#: relationship types that read the same both ways
SYMMETRIC = frozenset({"COOPERATES_WITH"})


class Out:
    """The relationships read so far, each once, with every sentence that states it."""

    def __init__(self) -> None:
        self.rels: dict[tuple[str, str, str], Rel] = {}
        self._by_sentence: dict[str, list[Rel]] = {}
        # the WORKS_FOR links seen two ways, built on first use and dropped when one is read or
        # forgotten: the closing rules and the candidates of a whole article each ask for them
        self._works: dict[str, list[str]] | None = None
        self._employers: dict[str, set[str]] | None = None
        #: (actor, meeting) -> why the meeting rules leave the actor out of it on purpose ("absent",
        #: "source", ...): a filter the weights do not overrule
        self.left_out: dict[tuple[str, str], str] = {}

    def leave_out(self, entity: str | None, meeting: str, why: str) -> None:
        """Record that the rules leave ``entity`` out of ``meeting`` on purpose, and why."""
        if entity:
            self.left_out.setdefault((entity, meeting), why)

    def works_for(self) -> dict[str, list[str]]:
        """person -> whom the rules read them working for, in the order read."""
        if self._works is None:
            works: dict[str, list[str]] = {}
            for r in self.rels.values():
                if r.type == "WORKS_FOR":
                    works.setdefault(r.source, []).append(r.target)
            self._works = works
        return self._works

    def employers_by_sentence(self) -> dict[str, set[str]]:
        """sentence text -> the employers a rule read there (an official's organisation)."""
        if self._employers is None:
            got: dict[str, set[str]] = {}
            for r in self.rels.values():
                if r.type == "WORKS_FOR":
                    for ev in r.evidence:
                        got.setdefault(ev, set()).add(r.target)
            self._employers = got
        return self._employers

    def discard(self, key: tuple[str, str, str]) -> None:
        """Forget a relationship read (source, type, target), if it was."""
        rel = self.rels.pop(key, None)
        if rel is None:
            return
        if rel.type == "WORKS_FOR":
            self._works = self._employers = None
        for ev in rel.evidence:
            self._by_sentence[ev] = [r for r in self._by_sentence.get(ev, []) if r is not rel]

    def in_sentence(self, sentence: str, typ: str) -> list[Rel]:
        """The relationships of type ``typ`` that ``sentence`` is evidence for."""
        return [r for r in self._by_sentence.get(sentence, ()) if r.type == typ]

    def add(self, src: str, typ: str, dst: str, conf: float, sentence: str) -> None:
        if not src or not dst or src == dst:
            return
        if typ == "WORKS_FOR":
            self._works = self._employers = None
        key = (src, typ, dst)
        if typ in SYMMETRIC and (dst, typ, src) in self.rels:
            key = (dst, typ, src)  # one link however the two are written
            src, dst = dst, src
        rel = self.rels.get(key)
        if rel is None:
            rel = self.rels[key] = Rel(src, typ, dst, conf)
        rel.confidence = max(rel.confidence, conf)
        if sentence and sentence not in rel.evidence:  # no empty sentence as evidence (it cannot be told from none)
            rel.evidence.append(sentence)
            self._by_sentence.setdefault(sentence, []).append(rel)


# --- the rules --------------------------------------------------------------------------
