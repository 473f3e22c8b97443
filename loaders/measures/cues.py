"""Reading one sentence: each cue of a measure with its kind, government, minerals,
companies, status and year (see :mod:`minegraph.loaders.measures`)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from minegraph.loaders.gazetteer import alternation
from minegraph.loaders.measures.dates import Date, date_of_cue
from minegraph.loaders.measures.imposers import NOT_IMPOSER_AFTER, ArticleFacts, candidates, imposers_of_cue
from minegraph.loaders.measures.vocabulary import EXPORT_KINDS, OPERATION_KINDS, PROJECT_KINDS, measure_vocabulary
from minegraph.loaders.mentions import Mention, SentenceMentions
from minegraph.loaders.relations.context import DocContext
from minegraph.loaders.sentences import Sentence


@dataclass
class Cue:
    """One statement of a measure in a sentence."""

    sent: int
    start: int
    end: int
    kind: str
    generic: bool = False
    anaphor: bool = False
    status: str | None = None
    weak_status: bool = True  # read from a past tense only
    year: int | None = None
    when: Date | None = None  # when the sentence says it was imposed (keeps measures of different dates apart)
    fresh: bool = False  # said to be new ("new controls", "further curbs"): another measure when dated otherwise
    imposers: list[str] = field(default_factory=list)  # registry keys: the country first, then agencies
    minerals: list[str] = field(default_factory=list)
    mineral_words: bool = False  # "raw minerals", "critical metals": minerals in general
    vague: bool = False  # "some metals", "two metals": minerals the text names elsewhere, if at all
    companies: list[str] = field(default_factory=list)
    named: str = ""  # a measure with a name of its own ("Ruritanian Strategic Metals Reserve")
    evidence: str = ""
    heading: bool = False  # read in a headline
    listed: list[str] = field(default_factory=list)  # minerals the next sentence names for it ("The curbs cover X")
    listed_evidence: str = ""


#: where a clause of a measure ends: the measure's object does not run past these
_CLAUSE_END = re.compile(r";\s+|,\s+(?=(?:which|who|while|whereas|but|although|though|as|after|amid|because|when|"
                         r"according|triggering|escalating|making|saying|citing|stating|adding)\b)|\s+[—–]\s+|:\s+")
#: the same without its dash branch, for a sentence without a dash (it never matches there, and
#: without it a search skips in C to the punctuation instead of trying every space)
_CLAUSE_END_NO_DASH = re.compile(_CLAUSE_END.pattern.replace(r"|\s+[—–]\s+", ""))
#: a year stated with a measure; "by 2050" is a target, not when the measure applies
_YEAR = re.compile(r"(?<!\bby\s)(?<!\buntil\s)(?<!\bthrough\s)\b((?:19|20)\d\d)\b")
_COMPANY_ANAPHOR = re.compile(r"\bthe\s+(?:[a-z-]+\s+)?(?:company|miner|firm|group|developer|producer)\b", re.I)
_COUNTED_COMPANIES = re.compile(r"\b(?:two|three|four|five|six|several|some)\s+(?:[A-Z]?[a-z-]+\s+)?"
                                r"(?:companies|firms|investors|miners)\b")
_RELATIVE_YEAR = re.compile(r"\b(last|this|next)\s+year\b|\bearlier\s+this\s+year\b", re.I)
#: "a ban ... would": a measure only imagined
_INDEFINITE = re.compile(r"\b(?:a|an|any)\s+(?:[\w-]+\s+){0,2}$", re.I)
_HYPOTHETICAL = re.compile(r"(?:(?!\b(?:that|which|who)\b)[^.;:])*?\b(?:would|could|might|may)\b", re.I)
#: words that may stand between a measure noun's "on" and the mineral it names
_MODIFIER_WORDS = re.compile(r"(?:(?!(?:of|to|in|for|from|by|with|that|which|on|at)\b)[\w-]+,?\s+){0,5}")
#: a cue in the passive ("exports were banned"), which names no government of its own
_PASSIVE = re.compile(r"\b(?:was|were|been|is|are|be|remains?|remained)\s+(?:\w+\s+)?\w+(?:ed|en)\b")
#: a measure said to be another one than those before it
_FRESH = re.compile(r"\b(?:new|additional|further|fresh|another|second|third|expanded|expand(?:s|ing)?|broader|"
                    r"broaden(?:s|ed|ing)?|wider|widen(?:s|ed|ing)?|latest|more|tighter|stricter|tougher|extra)\b",
                    re.I)
#: statuses whose date is that of the change, not of the measure
_CHANGES = ("lifted", "suspended", "extended")
_ITEM_YEAR = re.compile(r"^\s*(?:in|from|since)\s+((?:19|20)\d\d)\b")


def _region(cues: list[tuple[int, int, str]], i: int, clause: tuple[int, int]) -> tuple[int, int]:
    """The stretch of the clause that belongs to cue ``i``: from the end of the cue before
    it to the start of the next one."""
    start = max([clause[0]] + [e for s, e, _ in cues[:i] if e <= cues[i][0]])
    end = min([clause[1]] + [s for s, _, _ in cues[i + 1:] if s >= cues[i][1]])
    return start, end


def _clauses(text: str) -> list[tuple[int, int]]:
    spans, pos = [], 0
    ends = _CLAUSE_END if "—" in text or "–" in text else _CLAUSE_END_NO_DASH
    for m in ends.finditer(text):
        spans.append((pos, m.start()))
        pos = m.end()
    spans.append((pos, len(text)))
    return spans


def _clause_of(spans: list[tuple[int, int]], pos: int) -> tuple[int, int]:
    return next(((a, b) for a, b in spans if a <= pos < b), (0, 0))


@lru_cache(maxsize=1)
def _anaphor_heads() -> frozenset[str]:
    """The last word of each word that refers back to a measure ("ban" of "export ban"): a
    sentence holding none of them has no match of the anaphor pattern."""
    return frozenset(w.lower().split()[-1] for w in measure_vocabulary().anaphor_kinds)


@lru_cache(maxsize=1)
def _word_scan() -> tuple[re.Pattern, dict[str, frozenset[str]], re.Pattern]:
    """One pass that finds which of the cue words and gate stems a lowercased sentence holds:
    at each position the longest of them that starts there, whose shorter forms among them
    ("export" of "exports") start there too. Each word was a substring test of its own.
    Also the runs of the characters the words are written with: every word a sentence
    holds lies inside one such run."""
    v = measure_vocabulary()
    words = {w for ws in v.cue_words.values() for w in ws} | set(v.mineral_cue_words)
    words |= {stem for gates in v.gates for gate in gates for stem in gate}
    words |= _anaphor_heads()
    scan = re.compile("(?=(" + alternation(words) + "))")
    runs = re.compile("[" + re.escape("".join(sorted({c for w in words for c in w}))) + "]+")
    return scan, {w: frozenset(p for p in words if w.startswith(p)) for w in words}, runs


#: a run of a sentence's letters -> the words it holds (the same runs recur in every article)
_RUN_HELD: dict[str, frozenset[str]] = {}
_NO_WORDS: frozenset[str] = frozenset()


def _held_words(lowered: str) -> set[str]:
    """The cue words and gate stems that occur in ``lowered`` (as ``w in lowered`` would say):
    each distinct run of letters is scanned once, not each sentence whole."""
    scan, prefixes, runs = _word_scan()
    found = runs.findall(lowered)
    # the runs met before looked up all at once (the same runs recur: a miss is rare once warm)
    sets = set(map(_RUN_HELD.get, found))
    if None in sets:
        for run in set(found):
            if run in _RUN_HELD:
                continue
            if len(_RUN_HELD) > 200_000:
                _RUN_HELD.clear()  # a long-running process meets ever more words: start again
            got = frozenset(p for m in scan.finditer(run) for p in prefixes[m.group(1)])
            # most runs hold no word: one shared empty set, not a tracked object per run for the
            # garbage collector to walk (thousands an article set, each a full collection sooner)
            sets.add(_RUN_HELD.setdefault(run, got or _NO_WORDS))
    held: set[str] = set()
    return held.union(*filter(None, sets))


@lru_cache(maxsize=1)
def _cues_of_kind() -> dict[str, tuple[int, ...]]:
    """kind -> the indices of its cue patterns (and their gates) in the vocabulary's order."""
    got: dict[str, list[int]] = {}
    for i, (kind, _pattern) in enumerate(measure_vocabulary().cues):
        got.setdefault(kind, []).append(i)
    return {kind: tuple(ix) for kind, ix in got.items()}


def _lacks_a_gate(held: set[str], gates) -> bool:
    """Whether the sentence holds none of the words of one of a pattern's gates (a plain loop:
    asked for every pattern of every kind a sentence names, a generator cost more than its tests)."""
    for gate in gates:
        if held.isdisjoint(gate):
            return True
    return False


def _find_cues(text: str, minerals: list[Mention], held: set[str]) -> list[tuple[int, int, str]]:
    """Non-overlapping cue matches ``(start, end, kind)``: the longest wins an overlap,
    a kind named outright wins over a generic restriction (``held``: the sentence's
    :func:`_held_words`)."""
    v = measure_vocabulary()
    kinds = {kind for kind, words in v.cue_words.items() if not held.isdisjoint(words)}
    found = []
    # only the patterns of the kinds whose words the sentence holds (most hold none), in order
    of_kind = _cues_of_kind()
    gates = v.gates
    for i in sorted(i for kind in kinds for i in of_kind.get(kind, ())):
        if _lacks_a_gate(held, gates[i]):
            continue  # none of the words the pattern needs: it cannot match
        kind, pattern = v.cues[i]
        for m in pattern.finditer(text):
            generic = m.group().split()[0].lower() in v.generic
            found.append((m.start(), m.end(), kind, generic))
    if minerals and not held.isdisjoint(v.mineral_cue_words):
        # "curbs on gallium", "a ban on raw lithium": a measure noun whose object is a named mineral
        for kind, pattern in v.mineral_cues:
            for m in pattern.finditer(text):
                # the mineral right after it, or after a few words naming it ("seven heavy rare earths")
                mineral = next((x for x in minerals if x.start >= m.end() and _MODIFIER_WORDS.fullmatch(
                    text, m.end(), x.start)), None)
                if mineral is not None and not v.not_traded_after.match(text, mineral.end) and not (
                        v.not_minerals_after.match(text, mineral.end)):
                    found.append((m.start(), m.end(), kind, m.group().split()[0].lower() in v.generic))
    found.sort(key=lambda c: (c[3], -(c[1] - c[0]), c[0]))
    chosen: list[tuple[int, int, str]] = []
    for start, end, kind, _ in found:
        if all(end <= s or start >= e for s, e, _ in chosen):
            chosen.append((start, end, kind))
    return sorted(chosen)


#: "between 2017 and 2021": a period something else happened in
_YEAR_RANGE = re.compile(r"\bbetween\s+(?:19|20)\d\d\s+and\s+(?:19|20)\d\d\b"
                         r"|\b(?:19|20)\d\d\s*(?:-|–|to)\s*(?:19|20)?\d\d\b")


def _year(ctx: DocContext, region: str, cue_at: int) -> int | None:
    """The year stated nearest the cue in its region (a relative year from the article's)."""
    region = _YEAR_RANGE.sub(lambda m: " " * len(m.group()), region)
    best: tuple[int, int] | None = None
    for m in _YEAR.finditer(region):
        dist = abs(m.start() - cue_at)
        if best is None or dist < best[0]:
            best = (dist, int(m.group(1)))
    if best is not None:
        return best[1]
    rel = _RELATIVE_YEAR.search(region)
    if rel and ctx.year:
        word = (rel.group(1) or "this").lower()
        return ctx.year + {"last": -1, "this": 0, "next": 1}[word]
    return None


def _status(text: str) -> tuple[str | None, bool]:
    """The status the words around a cue state, and whether that reading is weak."""
    for status, pattern, weak in measure_vocabulary().status:
        if pattern.search(text):
            return status, weak
    return None, True



def _minerals(sm: SentenceMentions, lo: int, hi: int) -> list[Mention]:
    return [m for m in sm.mentions if m.label == "Mineral" and m.entity and lo <= m.start and m.end <= hi]


#: between a mineral and the cue right after it ("nickel ore export ban"), and between two such minerals
_ONE_WORD_BEFORE = re.compile(r"\s*(?:[\w-]+\s+)?")
_MINERAL_JOIN = re.compile(r"\s*(?:,|and|,\s*and|or)\s*")
#: a word of a clause's verb or a function word: the word between is no modifier
_CLAUSE_WORD = re.compile(r"\b(?:is|are|was|were|has|have|had|of|and|or|the|to|said|says)\b")


def _modifiers(sm: SentenceMentions, text: str, lo: int, start: int) -> list[Mention]:
    """Minerals that name what a cue is on from right before it: 'nickel ore export ban',
    'lithium and cobalt exports'."""
    run: list[Mention] = []
    edge = start
    for m in reversed(_minerals(sm, lo, start)):
        gap = text[m.end:edge]
        if (_ONE_WORD_BEFORE if edge == start else _MINERAL_JOIN).fullmatch(gap) and not (
                edge == start and _CLAUSE_WORD.search(gap)):
            run.insert(0, m)
            edge = m.start
        else:
            break
    return run


def _split_by_year(text: str, minerals: list[Mention], hi: int, year: int | None
                   ) -> dict[int | None, list[Mention]]:
    """'(in 2020) nickel ore, and bauxite in 2022': each mineral with the year written after
    it, else the cue's; one group when they all share one ('gallium and germanium in 2023')."""
    out: dict[int | None, list[Mention]] = {}
    for i, m in enumerate(minerals):
        stop = minerals[i + 1].start if i + 1 < len(minerals) else hi
        own = _ITEM_YEAR.match(text[m.end:stop])
        out.setdefault(int(own.group(1)) if own else year, []).append(m)
    return out


def _companies(ctx: DocContext, sent: Sentence, sm: SentenceMentions, lo: int, hi: int) -> list[str]:
    text = sent.text
    found = [m.entity for m in sm.mentions if m.label == "Company" and m.entity and not m.inner
             and lo <= m.start < hi and not NOT_IMPOSER_AFTER.match(text[m.end:m.end + 30])]
    if found:
        return list(dict.fromkeys(found))
    if _COMPANY_ANAPHOR.search(text[lo:hi]):  # "stripped the company of its permits"
        earlier = [m.entity for m in sm.mentions if m.label == "Company" and m.entity and m.start < lo]
        if earlier:
            return earlier[-1:]
    if _COUNTED_COMPANIES.search(text[lo:hi]) and sent.index + 1 < len(ctx.found):
        # "ordered three companies to divest ... The companies are A, B and C."
        nxt = ctx.found[sent.index + 1]
        return list(dict.fromkeys(m.entity for m in nxt.mentions if m.label == "Company" and m.entity
                                  and not m.inner))
    return []


#: a cue with an object of its own: what it is on is named, and it is not a mineral
_OBJECT_AFTER = re.compile(r"\s+(?:of|on|to)\s+(?:the\s+)?(?!\d)[\w-]+")
_NAMED_AFTER = re.compile(r"\s*(?:the\s+)?[\w-]+")  # after a cue that ends in its preposition
#: after a cue's object, the minerals a relative clause lists still belong to it
_LISTING = re.compile(r"^,?\s*(?:which|that)\s+(?:include[sd]?|cover(?:s|ed)?)\b|^,?\s*(?:including|such\s+as)\b",
                      re.I)


#: the agent of a passive cue: "were halted by a strike at the port"
_AGENT = re.compile(r"\s+by\s+(?:(?:a|an|the|its|their)\s+)?(?:[\w-]+\s+){0,2}?", re.I)


def _private(cands: list[Mention], text: str, head: str, lo: int, start: int, end: int, anaphor: bool) -> bool:
    """Whether a verb cue's subject, or a passive cue's agent, is no government but people or
    events ("protesters blocked", "floods halted", "halted by a strike")."""
    v = measure_vocabulary()
    if anaphor:
        return False
    if _PASSIVE.search(text, start, end):
        agent = _AGENT.match(text, end)
        return agent is not None and v.private_actors.match(text, agent.end()) is not None
    if not v.verbal.match(text, start):
        return False
    actors = list(v.private_actors.finditer(head))
    # the last actor named before the verb, unless a government is named after it
    return bool(actors) and not any(lo + actors[-1].end() <= m.start < start for m in cands)


#: "cooperate on minerals on both lists": a list shared, no one government's
_JOINT_WORD = re.compile(r"\b(?:cooperat\w*|collaborat\w*|partner\w*|agree\w*)\b", re.I)
#: "... than the X", "which the X": another government opening a clause of its own
_CLAUSE_OPENER_END = re.compile(r"\b(?:what|when|where|while|as|like|than|that|which)\s+(?:the\s+)?$")
#: "a ban on rare earth processing technology": the measure's object is no mineral
_EQUIPMENT = re.compile(r"\b(?:technolog\w*|equipment|machinery)\b", re.I)
_ON_OF_END = re.compile(r"\s(?:on|of)\s*$")


#: a cue or a word referring back to a measure: (start, end, kind)
_Found = tuple[int, int, str]


@dataclass
class _SentenceCues:
    """One sentence read for the measures it states: what the readings of its cues share, the
    cues read so far (``out``) and the governments the last one named (``previous``)."""

    reader: ArticleFacts
    sent: Sentence
    sm: SentenceMentions
    #: every cue and word referring back to a measure, in order
    found: list[_Found]
    anaphors: list[_Found]
    #: the sentence's clauses
    spans: list[tuple[int, int]]
    #: the governments and bodies that may impose a measure
    cands: list[Mention]
    previous: list[str]
    out: list[Cue] = field(default_factory=list)

    @property
    def text(self) -> str:
        return self.sent.text


@dataclass
class _CueAt:
    """One cue of the sentence: its place in ``found``, span, kind, whether a word refers back
    ("the ban"), its clause and the region it reads (``lo``, ``hi``: up to the next cue)."""

    i: int
    start: int
    end: int
    kind: str
    anaphor: bool
    clause: tuple[int, int]
    lo: int = 0
    hi: int = 0


def read_cues(reader: ArticleFacts, sent: Sentence, sm: SentenceMentions, previous: list[str]) -> list[Cue]:
    """The measures one sentence states, each read with its clause."""
    text = sent.text
    found, anaphors = _cues_and_anaphors(text, sm)
    if not found and not anaphors:
        return []  # no measure named or referred to: nothing below would read anything
    r = _SentenceCues(reader, sent, sm, sorted(found + anaphors), anaphors, _clauses(text),
                      candidates(reader, sm, text), previous)
    for i, (start, end, kind) in enumerate(r.found):
        _read_cue(r, _CueAt(i, start, end, kind, (start, end, kind) in anaphors, _clause_of(r.spans, start)))
    return r.out


def _cues_and_anaphors(text: str, sm: SentenceMentions) -> tuple[list[_Found], list[_Found]]:
    """The cues of measures in a sentence, and the words that refer back to one ("the ban") outside them."""
    v = measure_vocabulary()
    held = _held_words(text.lower())
    found = _find_cues(text, _minerals(sm, 0, len(text)), held)
    anaphors = [(m.start(1), m.end(1), v.anaphor_kinds[m.group(1).lower()]) for m in v.anaphor.finditer(text)
                if all(m.end(1) <= s or m.start(1) >= e for s, e, _ in found)] if not held.isdisjoint(
        _anaphor_heads()) else []
    return found, anaphors


def _read_cue(r: _SentenceCues, c: _CueAt) -> None:
    """One cue: unless it states no measure, its government, minerals, companies, status and date.
    Appends its measure to ``r.out`` (one a year where the minerals are dated apart) and sets
    ``r.previous`` to the governments it names."""
    v, text, start, end, kind = measure_vocabulary(), r.text, c.start, c.end, c.kind
    if _no_measure(r, c):
        return
    c.lo, c.hi = _region(r.found, c.i, c.clause)
    imposers = imposers_of_cue(r.reader, r.sent, r.cands, (start, end), c.clause, r.previous, kind)
    c.hi = _object_bound(r, c, imposers)
    # a government named in the clause (or a passive "exports were banned", which has none)
    explicit = (any(c.clause[0] <= m.start < c.clause[1] for m in r.cands)
                or v.government_nouns.search(text, c.clause[0], c.clause[1]) is not None
                or _PASSIVE.search(text, start, end) is not None)
    if kind in ("stockpile", "critical_list") and not explicit and not (
            v.state_stockpile.search(text, max(c.lo, start - 40), min(c.hi, end + 40))):
        return  # "traders are stockpiling cobalt", "minerals on both lists": no government's measure
    cue = Cue(r.sent.index, start, end, kind, anaphor=c.anaphor, evidence=text)
    cue.generic = text[start:end].split()[0].lower() in v.generic
    minerals = _cue_minerals(r, c, cue, explicit)
    if kind in ("export_ban", "export_control") and v.raw_words.search(text[max(c.lo, start - 30):c.hi]):
        cue.kind, cue.generic = "export_ban", False  # restricting exports of raw ore bans them
    _status_and_date(r, c, cue)
    cue.imposers = imposers
    if kind in PROJECT_KINDS:
        cue.companies = _companies(r.reader.ctx, r.sent, r.sm, c.clause[0], c.clause[1])
    if kind == "stockpile":  # "the Ruritanian Strategic Metals Reserve": a measure with a name of its own
        named = next((m for m in r.sm.mentions if m.start <= start and end <= m.end and m.label in (
            "Name", "Event", "Agreement", "Agency") and m.text[:1].isupper() and len(m.text.split()) > 1), None)
        cue.named = named.text if named is not None else ""
    by_year = _split_by_year(text, minerals, c.hi, cue.year) if len(minerals) > 1 else {cue.year: minerals}
    for year, group in sorted(by_year.items(), key=lambda kv: kv[1][0].start if kv[1] else 0):
        part = Cue(**{**cue.__dict__, "minerals": list(dict.fromkeys(m.entity for m in group)) or cue.minerals})
        if year != cue.year:  # "nickel ore in 2020, and bauxite in 2022": each its own date
            part.year, part.when = year, (year, None)
        r.out.append(part)
    if cue.imposers and not c.anaphor:
        r.previous = cue.imposers


def _no_measure(r: _SentenceCues, c: _CueAt) -> bool:
    """Whether the words before a cue in its clause say no measure is stated: speculation or
    intent, a private actor, what a measure would do, a deal between parties, two lists."""
    v, text, start, end, kind = measure_vocabulary(), r.text, c.start, c.end, c.kind
    head = text[c.clause[0]:start]
    if v.speculation.search(head) or v.intent.search(head):
        return True  # "could restrict exports", "hopes to ban": no measure stated
    if _private(r.cands, text, head, c.clause[0], start, end, c.anaphor):
        return True  # "protesters blocked shipments", "exports were halted by a strike": no government acts
    if _INDEFINITE.search(head) and _HYPOTHETICAL.match(text, end):
        return True  # "a ban on ore exports would hurt miners": what a measure would do, none imposed
    if kind in EXPORT_KINDS + ("import_tariff", "nationalisation") and v.agreement.search(head):
        return True  # a deal between parties is not a unilateral measure
    if kind == "critical_list" and (text[start:end].lower().endswith("lists") or _JOINT_WORD.search(head)):
        return True  # "cooperate on minerals on both lists": no one government's list
    return False


def _object_bound(r: _SentenceCues, c: _CueAt, imposers: list[str]) -> int:
    """Where the object of the cue ends: where another government starts a clause of its own, or
    past the clause for a list it goes on with ("bans that X imposed, which included A and B")."""
    text, hi = r.text, c.hi
    other = next((m for m in r.cands if c.end < m.start < hi
                  and _CLAUSE_OPENER_END.search(text[max(0, m.start - 12):m.start])
                  and r.reader.imposers_of(m.entity)[:1] != imposers[:1]), None)
    if other is not None:
        hi = other.start
    listing = _LISTING.match(text[c.clause[1]:])
    if listing and c.clause[1] == hi:
        hi = next((b for a, b in r.spans if a > c.clause[1]), len(text))
    return hi


def _cue_minerals(r: _SentenceCues, c: _CueAt, cue: Cue, explicit: bool) -> list[Mention]:
    """The minerals a cue is on: those in its scope, up to where its object ends (none for a word
    referring back), not a product of them. Sets whether the cue speaks of minerals in general
    (``cue.mineral_words``, ``cue.vague``) and, with none named, the article's (:func:`_fallback_minerals`)."""
    v, text, sm, start, end, kind = measure_vocabulary(), r.text, r.sm, c.start, c.end, c.kind
    modifiers = _modifiers(sm, text, c.lo, start)
    scope_lo = modifiers[0].start if modifiers else start
    # the object ends at the verb of what follows ("tariffs on imports hit copper buyers")
    stop = v.object_end.search(text, end, c.hi)
    object_hi = stop.start() if stop else c.hi
    # a word referring back ("the ban will affect ore buyers") adds no minerals to its measure
    minerals = _minerals(sm, scope_lo, object_hi) if not c.anaphor else []
    if kind in ("critical_list", "stockpile", "nationalisation") and not minerals:
        # "X and Y, both placed on the EU's list", "declared X a mineral reserved for the state"
        minerals = _minerals(sm, c.lo, object_hi)
    # "a ban on rare earth processing technology" is not on rare earths
    minerals = [m for m in minerals if not v.not_minerals_after.match(text, m.end) and not (
        m.start > end and _EQUIPMENT.search(text[end:m.start]))]
    words = [m.group().strip() for m in v.mineral_words.finditer(text, max(c.lo, start - 60), c.hi)]
    cue.mineral_words = any(not v.vague_minerals.match(w) for w in words)
    # "some metals", "two metals": minerals named elsewhere, never guessed from the article's subject
    cue.vague = not cue.mineral_words and bool(words)
    if not minerals and not cue.mineral_words and not c.anaphor:
        minerals = _fallback_minerals(r, c, cue, explicit)
    return minerals


def _fallback_minerals(r: _SentenceCues, c: _CueAt, cue: Cue, explicit: bool) -> list[Mention]:
    """'restricted exports of some minerals', 'carry over their export quotas': the minerals the
    sentence names (when no other measure there claims them), else (for one government's act on an
    operation or on exports) the mineral the article is about, set as ``cue.minerals``; none for an
    object of its own ("restrict exports of components")."""
    v, text, kind = measure_vocabulary(), r.text, c.kind
    named_object = (_NAMED_AFTER if _ON_OF_END.search(text[c.start:c.end]) else _OBJECT_AFTER
                    ).match(text, c.end, c.hi)
    named_object = named_object if named_object and not v.mineral_words.match(
        text, named_object.end() - len(named_object.group().split()[-1])) else None
    minerals = _minerals(r.sm, 0, len(text)) if len(r.found) == 1 and not named_object else []
    # a licence or a nationalisation is about the deposit the article reports on
    fallback = r.reader.topic_mineral if kind in OPERATION_KINDS else r.reader.main_mineral
    if (not minerals and not named_object and explicit and kind in OPERATION_KINDS + EXPORT_KINDS and fallback
            and not cue.vague):
        cue.minerals = [fallback]
    return minerals


def _status_and_date(r: _SentenceCues, c: _CueAt, cue: Cue) -> None:
    """A cue's status (the verbs up to it, else those after it; a weak one takes the verb that
    governed the cue before), its year and date, and whether it is said to be new. Writes ``cue``."""
    text, lo, hi, start, end = r.text, c.lo, c.hi, c.start, c.end
    region = text[lo:hi]
    # the verbs up to the cue govern it ("imposed controls on X, a move that would ..."); else those after it
    cue.status, cue.weak_status = _status(text[lo:end])
    if cue.status is None or cue.weak_status:
        after = _status(text[lo:min(hi, end + 60)])
        if after[0] is not None and (cue.status is None or not after[1]):
            cue.status, cue.weak_status = after
    out = r.out
    if cue.weak_status and out and out[-1].status and not out[-1].weak_status:
        # "announced waiving duty on A and also cut the tariff on B": the verb before governs both
        cue.status, cue.weak_status = out[-1].status, False
    ctx = r.reader.ctx
    cue.year = _year(ctx, region, start - lo)
    if cue.year and ctx.year and cue.year > ctx.year and cue.status in (None, "in_force"):
        cue.status, cue.weak_status = "announced", False  # "approved a ban from 2027": not in force yet
    if cue.status in _CHANGES:
        # "lifted in May the ban imposed in 2023": only a date naming the measure itself dates it
        cue.when = date_of_cue(text, max(lo, start - 30), start, start, end, r.reader.published)
    else:
        cue.when = date_of_cue(text, lo, hi, start, end, r.reader.published)
    cue.fresh = _FRESH.search(text, lo, end) is not None



#: a sentence that says what the measure before it covers: "The curbs cover gallium and germanium",
#: "The metals affected are X and Y", "They include X"
_COVERS = re.compile(
    r"^(?:(?:The|These|Those|Such|Its|Their|Both|The\s+new)\s+)(?:[\w’'-]+\s+){0,2}?"
    r"(?P<noun>curbs|controls|restrictions|rules|measures|ban|bans|quotas?|list|tariffs|duties|levy|levies|"
    r"requirements?|regulations|stockpile|royalty)\s+(?:\w+\s+)?"
    r"(?:cover|covers|covered|include|includes|included|apply\s+to|applies\s+to|applied\s+to|target|targets|targeted|"
    r"concern|concerns|span|spans|extend\s+to|extends\s+to|name|names|list|lists|affect|affects)\b"
    r"|^(?:The|These|Those)\s+(?:[\w-]+\s+){0,2}?(?:metals|minerals|elements|materials|commodities|products|items)\s+"
    r"(?:affected|covered|concerned|targeted|listed|in\s+question|subject\s+to\s+\w+)\s+(?:are|were|include|included)\b"
    r"|^(?:They|It)\s+(?:\w+\s+)?(?:cover|covers|covered|include|includes|included|apply\s+to|applies\s+to|target|targets)\b")
#: nouns that refer back to a measure of any kind
_ANY_MEASURE = frozenset({"rules", "measures", "requirements", "requirement", "regulations", "restrictions"})


def read_listing(reader: ArticleFacts, sent: Sentence, sm: SentenceMentions, before: list[Cue]) -> None:
    """A sentence naming what the measures of the sentence before it cover ("China imposed
    controls on two metals. The curbs cover gallium and germanium.") gives them its minerals."""
    v = measure_vocabulary()
    if not before:
        return
    m = _COVERS.match(sent.text)
    if m is None:
        return
    minerals = [x.entity for x in _minerals(sm, m.end(), len(sent.text))
                if not v.not_minerals_after.match(sent.text, x.end)]
    if not minerals:
        return
    noun = (m.group("noun") or "").lower()
    kind = v.anaphor_kinds.get(noun) if noun not in _ANY_MEASURE else None
    for cue in before:
        if cue.anaphor or kind and not (kind == cue.kind or kind in EXPORT_KINDS and cue.kind in EXPORT_KINDS):
            continue  # "The tariffs cover X" says nothing of the export ban read before
        if noun in ("list",) and cue.kind != "critical_list":
            continue
        cue.listed = [k for k in dict.fromkeys(minerals) if k not in cue.minerals]
        cue.minerals = cue.minerals + cue.listed
        cue.listed_evidence = sent.text
        cue.vague = False
