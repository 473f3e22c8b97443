"""Which country holds, mines, produces or exports which mineral: HAS_RESOURCE."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from minegraph.loaders.gazetteer import minerals, subdivisions, word_led
from minegraph.loaders.mentions import Mention, SentenceMentions
from minegraph.loaders.relations import patterns as P
from minegraph.loaders.relations.context import (
    ACTORS,
    DocContext,
    Out,
    Rel,
    actors_of,
    clauses,
    coordinated,
    is_descriptor,
    step,
)
from minegraph.loaders.sentences import Sentence

#: the clause has no subject of its own: "..., and is the top producer of X worldwide"
_SUBJECTLESS = re.compile(
    r"^\s*(?:(?:and|but)\s+)?(?:also\s+|now\s+|still\s+)?(?:is|was|has|had|holds|produces|produced|mines|exports"
    r"|ranks|remains|accounts|boasts|controls|hosts|sits)\b"
)
#: "A holds tin reserves, as well as zinc deposits": the clause goes on after ", as"
_AS_WELL = re.compile(r"^\s*well\s+as\b")
#: an opening participle phrase whose subject comes after it: "Despite holding ...", "With vast ..."
_OPENER = re.compile(r"^\s*(?:Despite|With|Having|Holding|Home\s+to|As\s+(?:one|the|a)\b)")
#: a country followed by its verb: the subject of the main clause
_SUBJECT_VERB = re.compile(r"\s+(?:has|have|had|is|was|remains|will|would|could|also|still|now|[a-z]+ed|[a-z]+s)\b")
#: "the country", "the Southwest African country", "the kingdom" standing for a country
_COUNTRY_ANAPHOR = re.compile(
    r"\b[Tt]he\s+(?:[A-Z][\w-]*\s+|[a-z][\w-]*\s+){0,3}?([Kk]ingdom|country|nation|[Rr]epublic|[Ss]ultanate"
    r"|[Ee]mirate|[Pp]rincipality|[Ff]ederation)\b"
)
#: a speaker between the country and the cue: "Britain said the deal would support mining of X"
_REPORTED = re.compile(
    r"\b(?:said|says|stated|noted|added|announced|believes|hopes)\s+(?:(?!it\b|its\b)[\w-]+\s+){0,3}?(?:would|will|could|should|may)\b"
)
#: "A and B court the region for its deposits of X": "its" takes the nearer singular noun
#: phrase, which holds the mineral, not the countries before it
_ITS_OTHER_HOLDER = re.compile(
    r"\bthe\s+(?:[a-z][\w-]*\s+){0,2}?[a-z][\w-]*[^s\W]\s+(?:for|of|with|in|on)\s+its\s+(?:[a-z][\w-]*\s+){0,3}$"
)
#: "Ruritania's tin output", "Ruritania's iron ore supply"
_OWNED_MINERAL_TAIL = re.compile(
    r"\s+(?:supply|supplies|output|production|reserves|deposits?|resources|mines?|exports|industry|sector|producers"
    r"|miners|mining|wealth|potential|belt|fields?|basins?)\b"
)
#: "lithium-rich Ruritania", "the cobalt-rich southern Freedonia"
_RICH_BEFORE = re.compile(r"-rich\s+(?:[a-z][\w-]*\s+){0,2}")


#: "..., following Freedonia", "behind Freedonia": another country ranked for the same mineral
_RANKED_AFTER = re.compile(r"(?:,\s*|\s)(?:following|behind|after|trailing|only to|than)\s+(?:the\s+)?$")


#: a country named as the buyer or backer of something: "UK support for mining of X", "US demand for X"
_ATTRIBUTIVE = re.compile(
    r"\s+(?:support|investments?|funding|financing|demand|imports?|buyers|consumers|customers|market|aid|backing"
    r"|interests?|needs|purchases|tariffs|sanctions)\b"
)


def _country_like(ms: list[Mention], text: str) -> list[Mention]:
    """Countries that can hold a mineral: named ones, and "the Chilean government"."""
    return [
        m
        for m in ms
        if m.label == "Country"
        and m.entity
        and not m.inner
        and (
            m.kind == "name"
            or (m.kind == "demonym" and P.DEMONYM_ACTOR.match(text[m.end :]) is not None)
            or (m.kind == "city" and m.possessive)  # "Beijing's export controls": the capital for its government
        )
        and not _ATTRIBUTIVE.match(text, m.end)
        # "Ruritania's Acme Mining will produce X", "a deal with US battery maker Acme for X"
        and not ((m.possessive or m.kind == "name") and is_descriptor(m, ms, text))
    ]


def _anaphor_country(ctx: DocContext, word: str, sent_index: int = -1, pos: int = 0) -> str | None:
    """The article's country a 'the country' / 'the kingdom' stands for: a country named
    earlier in the same sentence ("A said ... the country has"), for "the kingdom" the kingdom
    named last before it (ISO 3166 official names), else the article's most-named one."""
    word = word.lower()
    generic = word in ("country", "nation")
    cands = ctx.focal if generic else [k for k in ctx.focal if _styled(k, word)]
    if len(cands) > 1 and 0 <= sent_index < len(ctx.found):
        # the sentence itself, then (for a styled word only) the sentences before it
        for idx in range(sent_index, -1 if not generic else sent_index - 1, -1):
            if ctx.sentences[idx].heading:
                continue
            named = [
                m.entity
                for m in ctx.found[idx].mentions
                if m.label == "Country"
                and m.entity in cands
                and (idx < sent_index or m.end <= pos)
                and (m.kind == "name" or (m.kind == "demonym" and not generic))  # "the Chinese-owned firm"
            ]
            if named:
                return named[-1]
    return cands[0] if cands else None


#: what may open a sentence before its subject: nothing, or a short phrase and its comma ("Besides
#: tin, A produces ...", "In 2024, A exported ...")
_BEFORE_SUBJECT = re.compile(
    r"[\s,]*|\s*[A-Z][\w-]*(?:\s+[\w-]+){0,3},\s*"
    # "The minister said that A holds ...": the subject of what is reported
    r"|[^;]*?\b(?:said|says|noted|recalled|stated|added|explained|stressed)\s+that\s+(?:the\s+)?"
)
#: "the country, which ...", "his country, which ...": a country named by a common noun before a relative clause
_ANAPHOR_BEFORE_WHICH = re.compile(
    r"\b(?:[Tt]he|[Hh]is|[Hh]er|[Oo]ur|[Tt]heir)\s+(?:[a-z][\w-]*\s+){0,2}?(country|nation|[Kk]ingdom|[Rr]epublic)"
    r"\s*,\s*$"
)
#: "minerals, which are mined ...": a clause that describes what the sentence named before it
_WHICH = re.compile(r"\s*which\b")
_COMMAS = re.compile(r"[\s,]*")
#: "It is also the top zinc producer": a pronoun standing for the subject country
_PRONOUN_SUBJECT = re.compile(
    r"(?:^\s*(?:that\s+)?|[,;]\s+(?:and\s+|but\s+)?(?:that\s+)?|\b(?:and|but)\s+(?:that\s+)?)(?:[Ii]t|[Tt]he\s+country)\s+"
    r"(?:also\s+|now\s+|still\s+)?"
    r"(?:is|was|has|had|remains|ranks|holds|produces|produced|accounts|boasts|controls|hosts|mines|refines"
    r"|exports)\b"
)
_IN_THE_COUNTRY = re.compile(r"\bin\s+the\s+(country|nation)\b")
#: between a mineral and its cue: a word at most ("tin ore deposits"), or a hyphen ("tin-producing")
_ONE_WORD_GAP = re.compile(r"-|\s*(?:[\w-]+\s+){0,1}")
_IN_END = re.compile(r"\bin\s+(?:the\s+)?$")
#: "tin is (also) mined in A": a mineral, the subject of a passive cue
_PASSIVE_GAP = re.compile(r"\s+(?:is|are|was|were)\s+(?:(?:also|still|now|mainly|mostly|largely|chiefly)\s+)?")
_WORKS_DEPOSITS = re.compile(r"\b(?:explor\w+|develop\w+|mining|invest\w+)\b", re.I)


@dataclass
class Holding:
    """One sentence read for who holds which mineral: what the role fillers of :func:`resources` share."""

    ctx: DocContext
    sent: Sentence
    sm: SentenceMentions
    out: Out

    @property
    def text(self) -> str:
        return self.sent.text


@step(reads=(), writes=("HAS_RESOURCE", "COOPERATES_WITH:explores"))
def resources(ctx: DocContext, sent: Sentence, sm: SentenceMentions, out: Out) -> None:
    """Who holds which mineral in the sentence: each role filler of :data:`RESOURCE_FILLERS` in
    turn (a sentence that names no mineral has nothing to hold)."""
    sm = _with_metal_anaphors(ctx, sent, sm)
    if not any(m.label == "Mineral" and m.entity for m in sm.mentions):
        return  # nothing to hold
    h = Holding(ctx, sent, sm, out)
    before = len(out.rels)
    for filler in RESOURCE_FILLERS:
        filler(h)
    _raw_forms_hold_their_metal(h, list(out.rels.values())[before:])


#: the raw forms a mine ships: a country that holds "tungsten ore" or "tin concentrate" holds the metal
_RAW_FORM = re.compile(r"(.+) (?:ore|ores|concentrate|concentrates)")


def _raw_forms_hold_their_metal(h: Holding, new: list[Rel]) -> None:
    """'Ruritania mines tungsten ore', 'exports tin concentrate': the country holds the metal of the
    raw form as well (the mineral before "ore" / "concentrate"), where the article names that metal."""
    table = minerals().minerals
    for rel in new:
        if rel.type != "HAS_RESOURCE":
            continue
        e = h.ctx.entity(rel.target)
        mineral = table.get(e.name) if e is not None else None
        if mineral is None:
            continue
        raw = _RAW_FORM.fullmatch(mineral.name)
        if raw is None or raw.group(1) == "iron":
            continue  # (an ore mineral's own metals, "bauxite": aluminium, are not said to be held)
        m = table.get(raw.group(1))
        if m is not None and h.ctx.entity(m.id) is not None:
            h.out.add(rel.source, "HAS_RESOURCE", m.id, rel.confidence, h.text)


#: "the largest supplier of the metal": a mineral named before, by a common noun
_METAL_ANAPHOR = re.compile(r"\bthe\s+(?:same\s+)?(?:metal|mineral|commodity)\b(?![’'-])")


def _with_metal_anaphors(ctx: DocContext, sent: Sentence, sm: SentenceMentions) -> SentenceMentions:
    """The sentence's mentions with each "the metal" read as the one mineral it stands for: the
    mineral named before it in the sentence, else in the nearest sentence before that names any
    (within two), when that names only one ("Ruritania, the largest supplier of the metal")."""
    text = sent.text
    if "the m" not in text and "the c" not in text and "the s" not in text:
        return sm
    added: list[Mention] = []
    for ana in _METAL_ANAPHOR.finditer(text):
        if any(m.start < ana.end() and ana.start() < m.end for m in sm.mentions):
            continue
        keys = {m.entity for m in sm.mentions if m.label == "Mineral" and m.entity and m.end <= ana.start()}
        idx = sent.index - 1
        while not keys and idx >= max(0, sent.index - 2):
            if not ctx.sentences[idx].heading:
                keys = {m.entity for m in ctx.found[idx].mentions if m.label == "Mineral" and m.entity}
            idx -= 1
        if len(keys) == 1:
            added.append(Mention("Mineral", ana.group(), ana.start(), ana.end(), entity=next(iter(keys))))
    if not added:
        return sm
    return SentenceMentions(sorted([*sm.mentions, *added], key=lambda m: (m.start, -m.end)), sm.titles, sm.tokens)


# --- the clauses of a sentence, one by one (the last role filler) ----------------------------------


@dataclass
class _Walk:
    """The clauses of a sentence still to read, and what the ones read leave to the next."""

    #: a stack: "A mines tin and B mines zinc" puts B's part back on it
    spans: list[tuple[int, int]]
    #: the country the sentence is about, for subjectless clauses
    subject: Mention | None = None
    #: whether the clause before said a mineral is held
    held: bool = False
    #: the countries the clause before gave the last mineral of its list, and that mineral's end
    given: tuple[list[str], int] = field(default_factory=lambda: ([], -1))
    #: the holder of a clause that ends on its cue, for the list a "which include" clause gives next
    pending: list[str] = field(default_factory=list)


@dataclass
class _Clause:
    """A clause whose cue says a mineral is held: its span, text, the mentions that start in it,
    the cue, where the cue starts in the sentence (``p``) and the minerals it is about."""

    start: int
    end: int
    text: str
    ms: list[Mention]
    cue: re.Match
    p: int
    mins: list[Mention]


@dataclass
class _Held:
    """What a clause says is held: by ``country`` (one of the countries ``before`` the cue, or
    ``in_after`` it: "a mine in A"), the ``chosen`` minerals; ``owner`` the adjective's country
    that holds the minerals right before the cue ("Ruritanian tin deposits")."""

    country: Mention
    chosen: list[Mention]
    owner: Mention | None
    before: list[Mention]
    in_after: list[Mention]


@step(writes=("HAS_RESOURCE:clause", "COOPERATES_WITH:explores"))
def held_in_clauses(h: Holding) -> None:
    """'A mines tin and B mines zinc', 'A, which refines cobalt, ...': clause by clause, a cue word
    that says a mineral is held, the minerals it is about and the countries that hold them."""
    spans = [part for span in clauses(h.text) for part in _that_clauses(h.text, *span)]
    spans.reverse()
    walk = _Walk(spans)
    while walk.spans:
        cs, ce = walk.spans.pop()
        _read_clause(h, walk, cs, ce)


#: ", that B is ...": the next of a list of reported clauses ("noting that A holds tin, that B mines
#: zinc, and that C ..."), each with its own subject
_THAT_NEXT = re.compile(r",\s+(?=that\s+(?!is\b|are\b|was\b|were\b|has\b|have\b|had\b|will\b|would\b))")


def _that_clauses(text: str, cs: int, ce: int) -> list[tuple[int, int]]:
    """A clause split where the next of a list of reported clauses opens (:data:`_THAT_NEXT`)."""
    if "that" not in text[cs:ce]:
        return [(cs, ce)]
    parts, pos = [], cs
    for m in _THAT_NEXT.finditer(text, cs, ce):
        parts.append((pos, m.start()))
        pos = m.end()
    parts.append((pos, ce))
    return parts


def _read_clause(h: Holding, walk: _Walk, cs: int, ce: int) -> None:
    """One clause: a list carried on from the clause before, else its cue, minerals and countries.
    Reads and updates ``walk``; writes HAS_RESOURCE (and COOPERATES_WITH for an explorer)."""
    text = h.text
    clause = text[cs:ce]
    ms = [m for m in h.sm.mentions if cs <= m.start < ce]
    last_given, walk.given = walk.given, ([], -1)
    if _list_goes_on(h, last_given, ms):
        return
    pending, walk.pending = walk.pending, []
    if pending and _included_list(h, pending, cs, ms):
        return
    ctry_all = _country_like(ms, text)
    if walk.subject is None and ctry_all and _BEFORE_SUBJECT.fullmatch(text, cs, ctry_all[0].start):
        walk.subject = ctry_all[0]
    cue = _cue(clause, cs, ms)
    if cue is None and walk.held:
        # "A holds tin deposits, as well as zinc and copper": the list goes on in a clause of its own
        cue = _AS_WELL.match(clause)
    held_before, walk.held = walk.held, cue is not None
    if not cue:
        return
    c = _Clause(cs, ce, clause, ms, cue, cs + cue.start(), _clause_minerals(h, ms, clause, cs))
    ctry = _clause_countries(h, walk, c, ctry_all, held_before) or _regions_after_cue(h, c)
    if not c.mins and ctry and not text[c.p + len(cue.group()) : ce].strip():
        # "Ruritania's known mineral resources, which include tin and ...": the list comes next
        owners = [x for x in ctry if x.end <= c.p]
        walk.pending = [owners[-1].entity] if owners else []
    if not c.mins or not ctry:
        return
    if c.mins[0].start < cs:
        _described_minerals(h, c, ctry)
        return
    _hold(h, walk, c, ctry)


def _list_goes_on(h: Holding, given: tuple[list[str], int], ms: list[Mention]) -> bool:
    """'A exports tin, zinc, and lead': the list's last item split off as a clause of its own is
    held by the countries the clause before gave its list (``given``). Writes HAS_RESOURCE; returns
    whether the clause was such an item."""
    text = h.text
    if not (given[0] and ms and ms[0].label == "Mineral" and ms[0].entity):
        return False
    if not _LIST_END.fullmatch(text, given[1], ms[0].start):
        return False
    for mn in _listed_after_minerals(ms, ms[0], text):
        for k in given[0]:
            h.out.add(k, "HAS_RESOURCE", mn.entity, 0.7, text)
    return True


#: a relative clause that lists what the noun before it holds: "which include", "which range from"
_WHICH_INCLUDE = re.compile(
    r"\s*which\s+(?:mainly\s+|notably\s+|also\s+)?(?:include|includes|included|comprise|comprises|range\s+from"
    r"|consist\s+of|consists\s+of)\s+(?:[a-z][\w-]*\s+){0,3}?$"
)


def _included_list(h: Holding, holders: list[str], cs: int, ms: list[Mention]) -> bool:
    """'..., which include tin, zinc and gold': the list the clause opens with is held by the holder of
    the clause before, which ended on its cue ("the Kingdom's mineral resources"). Writes HAS_RESOURCE;
    returns whether the clause was such a list."""
    first = next((m for m in ms if m.label == "Mineral" and m.entity), None)
    if first is None or not _WHICH_INCLUDE.fullmatch(h.text, cs, first.start):
        return False
    for mn in _listed_after_minerals(ms, first, h.text):
        for k in holders:
            h.out.add(k, "HAS_RESOURCE", mn.entity, 0.7, h.text)
    return True


def _clause_minerals(h: Holding, ms: list[Mention], clause: str, cs: int) -> list[Mention]:
    """The minerals a clause names; for "lithium and cobalt, which are mined in the country" that
    names none, the ones right before it that it describes."""
    mins = [m for m in ms if m.label == "Mineral" and m.entity]
    if not mins and _WHICH.match(clause):
        mins = [m for m in h.sm.mentions if m.label == "Mineral" and m.entity and cs - 60 <= m.end <= cs]
    return mins


def _clause_countries(h: Holding, walk: _Walk, c: _Clause, ctry: list[Mention], held_before: bool) -> list[Mention]:
    """The countries a clause is about: those it names (``ctry``), with the country a "which"
    clause describes, the sentence's subject for a clause without one, or else a country a
    pronoun, "the country" or an opening phrase stands for. Reads ``walk.subject``."""
    cs, p = c.start, c.p
    if _WHICH.match(c.text) and cs > 0 and not any(x.start < p for x in ctry):
        # (countries named after the cue are another matter: "A, which mines tin, trades with B")
        ctry = [*_before_which(h, cs), *ctry]
    goes_on = _SUBJECTLESS.match(c.text) or (held_before and _AS_WELL.match(c.text))
    subject = walk.subject
    if subject is not None and goes_on and not any(x.start < p for x in ctry):
        # "A has tin deposits, and exports copper to B": the subject exports, not B
        ctry = [Mention("Country", subject.text, cs, cs, kind="name", entity=subject.entity), *ctry]
    if not ctry:
        ctry = _pronoun_country(h, c)
    if not ctry and h.ctx.focal:
        ctry = _anaphor_in_clause(h, c)
    if not ctry and cs == 0 and _OPENER.match(c.text):
        # "Despite holding the world's largest lithium reserves, Ruritania has ...": the main clause's subject
        text = h.text
        later = [m for m in _country_like(h.sm.mentions, text) if m.start >= c.end and _SUBJECT_VERB.match(text, m.end)]
        if later:
            ctry = [Mention("Country", later[0].text, cs, cs, kind="name", entity=later[0].entity)]
    return ctry


#: a word that makes what is "in" a region a plant, not a deposit ("lithium carbonate from a plant in Salta")
_FACILITY = re.compile(r"\b(?:plants?|refiner(?:y|ies)|smelters?|factor(?:y|ies)|facilit(?:y|ies)|hubs?|ports?)\b")


_CLAUSE_BREAK = re.compile(r"[,;]")


def _regions_after_cue(h: Holding, c: _Clause) -> list[Mention]:
    """'a graphite mine in Quebec', 'tin deposits in Salta province': a clause that names no country
    but a province or state (ISO 3166-2 first level) after the cue and "in" is about the province's
    country; not what is supplied from a plant there ("lithium carbonate from a plant in Salta")."""
    if c.cue.group().lower().startswith(("suppl", "provid", "export", "miner")):
        return []  # (a "miner" is a firm: "bought tin from a Kyrgyz miner until a pit of its own opens in Idaho")
    text = h.text
    return [
        m
        for m in c.ms
        if m.label == "Country"
        and m.kind == "venue"
        and m.entity
        and m.start > c.p
        and m.text in subdivisions().surfaces
        and _IN_END.search(text, max(0, m.start - 10), m.start)
        and not _FACILITY.search(text, c.p, m.start)
        and not _CLAUSE_BREAK.search(text[_last_mineral_end(c, m.start) : m.start])
    ][:1]


def _last_mineral_end(c: _Clause, before: int) -> int:
    """Where the clause's last mineral after its cue and before ``before`` ends (the cue if none)."""
    ends = [mn.end for mn in c.mins if c.p <= mn.start and mn.end <= before]
    return max(ends) if ends else c.p


def _before_which(h: Holding, cs: int) -> list[Mention]:
    """The country a "which" clause starting at ``cs`` describes: "..., Ruritania, which refines
    about 60% of the world's cobalt", or the one "his country, which ..." stands for; or none."""
    text = h.text
    prev = [m for m in _country_like(h.sm.mentions, text) if m.end <= cs]
    if prev and _COMMAS.fullmatch(text[prev[-1].end : cs]):
        return [prev[-1]]
    if h.ctx.focal and (ana := _ANAPHOR_BEFORE_WHICH.search(text, max(0, cs - 60), cs)) is not None:
        # "the minister said his country, which exports tin, wants ...": the country it stands for
        key = _anaphor_country(h.ctx, ana.group(1), h.sent.index, ana.start())
        if key is not None:
            return [Mention("Country", ana.group(), ana.start(), ana.end(1), kind="name", entity=key)]
    return []


#: a speaker's "we" as the subject of a holding verb: "we mine copper", "We are the largest producer of tin"
_WE_SUBJECT = re.compile(
    r"(?:^\s*[“\"]?\s*|[,;]\s+(?:and\s+|but\s+)?|\b(?:and|but)\s+)[Ww]e\s+(?:also\s+|now\s+|still\s+|already\s+)?"
    r"(?:are|have|hold|mine|produce|export|possess)\b"
)
#: who speaks for a country: its ministers, head of state or government, ambassadors
_OFFICIAL = re.compile(r"\b(?:[Mm]inister|[Pp]resident|[Aa]mbassador|[Ss]ecretary|[Gg]overnor)\b")


def _speakers_country(h: Holding) -> str | None:
    """The country an official's "we" speaks for: the article's most-named country (named more often
    than any other), where this sentence or the one before names a minister, president or ambassador
    and the sentence no firm (a firm's "we" is not a country)."""
    ctx, idx = h.ctx, h.sent.index
    if not ctx.focal:
        return None
    near = [h.text] + ([ctx.sentences[idx - 1].text] if idx > 0 else [])
    if not any(_OFFICIAL.search(t) for t in near):
        return None
    if any(m.label == "Company" for m in h.sm.mentions):
        return None
    return _leading_country(ctx)


def _leading_country(ctx: DocContext) -> str | None:
    """The article's most-named country, when it is named more often than any other (a tie says nothing)."""
    counts: dict[str, int] = {}
    for sm in ctx.found:
        for m in sm.mentions:
            if m.label == "Country" and m.entity and m.kind != "venue" and not m.inner:
                counts[m.entity] = counts.get(m.entity, 0) + 1
    ranked = sorted(counts.values(), reverse=True)
    if not ranked or (len(ranked) > 1 and ranked[0] == ranked[1]):
        return None
    return max(counts, key=lambda k: counts[k])


def _pronoun_country(h: Holding, c: _Clause) -> list[Mention]:
    """'It is also the top zinc producer', '"We mine tin," the minister said': the subject country the
    pronoun before the cue stands for ("A noted that B is ... and that it holds ...", "A is a big tin
    producer, and we also mine zinc": the subject named last before it); or none."""
    pron = _PRONOUN_SUBJECT.search(c.text[: c.cue.end()])
    we = _WE_SUBJECT.search(c.text[: c.cue.end()]) if pron is None else None
    got = pron or we
    if got is None:
        return []
    cs, text = c.start, h.text
    at = cs + got.start()
    named = [x for x in _country_like(h.sm.mentions, text) if x.end <= at and _SUBJECT_VERB.match(text, x.end)]
    if named:
        subj_key: str | None = named[-1].entity
    elif we is not None:
        subj_key = _speakers_country(h)  # an official's "we": the country they speak for
    else:
        subj_key = _subject_country(h.ctx, h.sent.index, cs)
    if subj_key is None:
        return []
    return [Mention("Country", "it", at, min(cs + got.end(), c.p), kind="name", entity=subj_key)]


def _anaphor_in_clause(h: Holding, c: _Clause) -> list[Mention]:
    """'The landlocked country has ...' before the cue, or "minerals which are mined in the
    country" after it: the article's country the words stand for; or none."""
    ctx, cs, cue = h.ctx, c.start, c.cue
    ana = _COUNTRY_ANAPHOR.search(c.text[: cue.start()])
    key = _anaphor_country(ctx, ana.group(1), h.sent.index, cs + ana.start()) if ana else None
    if ana and key:
        return [Mention("Country", ana.group(), cs + ana.start(), cs + ana.end(), kind="name", entity=key)]
    after = _IN_THE_COUNTRY.search(c.text[cue.end() :])
    key = _anaphor_country(ctx, after.group(1), h.sent.index, cs + cue.end() + after.start()) if after else None
    if after and key:
        a0 = cs + cue.end() + after.start()
        return [Mention("Country", after.group(), a0 + 3, cs + cue.end() + after.end(), kind="name", entity=key)]
    return []


def _described_minerals(h: Holding, c: _Clause, ctry: list[Mention]) -> None:
    """'tin and zinc, which are mined in A': the minerals named before the clause are held by the
    first country after its cue. Writes HAS_RESOURCE."""
    in_after = [x for x in ctry if x.start > c.p]
    if in_after:
        for mn in [mn for mn in c.mins if mn.start < c.start]:
            h.out.add(in_after[0].entity, "HAS_RESOURCE", mn.entity, 0.65, h.text)


def _hold(h: Holding, walk: _Walk, c: _Clause, ctry: list[Mention]) -> None:
    """Who of the clause's countries holds which of its minerals: the subject before the cue, or
    the country after "in" ("a graphite mine in Ruritania"). Writes HAS_RESOURCE and COOPERATES_WITH
    (through :func:`_write_held`); may put a second subject's part of the clause on ``walk.spans``."""
    text, p = h.text, c.p
    near = _near_cue(text, c)
    before = [x for x in ctry if x.end <= p]
    in_after = [
        x
        for x in ctry
        if x.start > p
        and _IN_END.search(text[max(0, x.start - 10) : x.start])
        and not text.startswith(("-", "–"), x.end)  # "in the Ruritania-Freedonia trade war": no place
    ]
    if in_after and any(mn.start < in_after[0].start for mn in c.mins) and not before:
        country = in_after[0]
        # "a graphite mine in Ruritania": the mineral right before the cue counts too
        chosen = [mn for mn in c.mins if p <= mn.start < country.start or mn in near]
        if chosen and P.BUYER_GAP.search(text, max(chosen[-1].end, country.start - 60), country.start):
            return  # "nickel for battery makers in Ruritania": the buyers' country
        held = _Held(country, chosen, None, before, in_after)
    elif before:
        got = _held_by_subject(h, walk, c, ctry, before, near)
        if got is None:
            return
        held = _Held(*got, before, in_after)
    else:
        return
    _write_held(h, walk, c, ctry, held)


def _near_cue(text: str, c: _Clause) -> list[Mention]:
    """'nickel, cobalt and copper deposits', 'gallium is also produced in A': the minerals right
    before the cue (every one of their list), not a product ("nickel cathodes produced in A")."""
    p = c.p
    passive = c.cue.group().lower() in ("mined", "produced")
    near = [
        mn
        for mn in c.mins
        if mn.end <= p
        and (
            # "nickel cathodes produced in A": the product, not the mineral, is produced there
            (_ONE_WORD_GAP.fullmatch(text, mn.end, p) and (not passive or c.cue.group() == "mined" or mn.end == p - 1))
            # "gallium is also produced in A"
            or (passive and _PASSIVE_GAP.fullmatch(text, mn.end, p))
        )
    ]
    return _listed_before(c.mins, near[-1], text) if near else near


def _held_by_subject(
    h: Holding, walk: _Walk, c: _Clause, ctry: list[Mention], before: list[Mention], near: list[Mention]
) -> tuple[Mention, list[Mention], Mention | None] | None:
    """The subject before the cue and the minerals it holds, with the adjective's country that holds
    the ones right before the cue ("investment in Ruritanian tin deposits": written here); none when
    the cue is another's ("Britain said the deal would support mining of X"). Puts a second subject's
    part of the clause ("A mines lithium and B mines nickel") on ``walk.spans``."""
    text, p = h.text, c.p
    country = before[-1]
    if _APPOSITION_CLOSE.search(text, country.end, p):
        # "A, landlocked between B and C, has tin deposits": the country before the aside
        opened = [x for x in before if x.end < country.start and text.startswith(",", x.end)]
        if opened:
            country = opened[-1]
    if _REPORTED.search(text, country.end, p) or _ITS_OTHER_HOLDER.search(text, country.end, p):
        return None
    owner = _owner_before(h.sm.mentions, near[0], text) if near else None
    if owner is not None and owner.entity != country.entity:
        for mn in near:
            h.out.add(owner.entity, "HAS_RESOURCE", mn.entity, 0.7, text)
        near = []
    if near and owner is None and _WORKED.search(text, country.end, near[0].start) and not _HOLDING.search(
        text, country.end, near[0].start
    ):
        # "A agreed to map lithium deposits", "the development of nickel resources": the
        # deposits are worked, not said to be the country's
        near = []
    # "A mines lithium and B mines nickel": B's clause starts where B and its verb do
    nxt = next(
        (
            x.start
            for x in ctry
            if x.start > p
            and _SUBJECT_VERB.match(text, x.end)
            and (P.NEXT_CLAUSE.search(text, 0, x.start) or _COMMA_END.search(text, 0, x.start))
        ),
        len(text),
    )
    if nxt < c.end:
        walk.spans.append((nxt, c.end))  # B's part is a clause of its own, with its own cue
    chosen = [mn for mn in c.mins if p < mn.start < nxt or (mn in near and mn.start > country.end)]
    # "A and B have no nickel refining": what the country lacks
    chosen = [mn for mn in chosen if not P.denied(text, country.end, mn.start)]
    # "A is building stockpiles of tin and zinc": stored, bought in, not its own
    chosen = [mn for mn in chosen if not _STOCKPILE.search(text, p, mn.start)]
    return country, chosen, owner


def _write_held(h: Holding, walk: _Walk, c: _Clause, ctry: list[Mention], held: _Held) -> None:
    """Writes HAS_RESOURCE for each holder of each chosen mineral (with the country a ranking is
    measured against, or ranked after), sets ``walk.given`` for a list that goes on in the next
    clause, and COOPERATES_WITH for a foreign actor working a country's deposits."""
    text, out, country, chosen = h.text, h.out, held.country, held.chosen
    holders = _holders(h, ctry, held)
    # "Ruritania ranks second only to Freedonia in tin output": the subject holds it as well
    first = None
    if held.before and chosen and _COMPARED.search(text[: country.start]):
        first = next((x for x in held.before if x is not country and x.end <= country.start), None)
    for mn in chosen:
        if first is not None and not _compared_over(text, country, mn):
            continue  # "... only to B among tin producers and first among zinc producers": A's zinc alone
        for x in holders:
            out.add(x.entity, "HAS_RESOURCE", mn.entity, 0.7, text)
    if chosen and first is None:
        walk.given = ([x.entity for x in holders], max(mn.end for mn in chosen))
    if first is not None:
        for mn in chosen:
            out.add(first.entity, "HAS_RESOURCE", mn.entity, 0.65, text)
    # "Ruritania ranks second in tin reserves, following Freedonia", "..., behind A, B and C"
    if held.before and chosen:
        for first_after in ctry:
            if first_after.start <= c.p or first_after is country:
                continue
            if not _RANKED_AFTER.search(text, max(0, first_after.start - 20), first_after.start):
                continue
            for x in _listed_after(ctry, first_after, text):
                for mn in chosen:
                    if _compared_over(text, x, mn):
                        out.add(x.entity, "HAS_RESOURCE", mn.entity, 0.65, text)
    # "Freedonia's geological institute is exploring lithium in Ruritania": a foreign actor working a country's deposits
    if held.in_after and _WORKS_DEPOSITS.search(c.text[c.cue.start() : c.cue.end() + 5]):
        subj = [o for o in actors_of(c.ms) if o.end <= c.p and o.label in ("Agency", "Company")]
        for s in subj[-1:]:
            out.add(s.entity, "COOPERATES_WITH", country.entity, 0.6, text)


def _holders(h: Holding, ctry: list[Mention], held: _Held) -> list[Mention]:
    """The countries that hold what the clause names: the country, or every country of its list
    ("gallium is also produced in A, B and C", "A, B and C are key suppliers of X")."""
    country, holders = held.country, [held.country]
    if country in held.in_after:
        holders = _listed_after(ctry, country, h.text)
    if country in held.before and country in actors_of(h.sm.mentions) and held.owner is None:
        holders = [x for x in coordinated(h.sm.mentions, country, h.text) if x.label == "Country" and x.entity]
    return holders


#: what ends the comparison a country is named in: "... after B and also mines Y", "..., while ..."
_COMPARISON_ENDS = re.compile(r",|;|\band\b|\bbut\b|\bwhile\b")


def _compared_over(text: str, country: Mention, mineral: Mention) -> bool:
    """Whether the country a ranking is measured against ("second after B", "only to B") ranks for
    this mineral: one named before it, or after it in the same phrase ("only to B among tin
    producers"), not after the comparison ends ("after B and also mines zinc")."""
    if mineral.start < country.start:
        return True
    return _COMPARISON_ENDS.search(text, country.end, mineral.start) is None


#: what joins the minerals of a list: ", ", " and ", ", and ", " or ", " as well as "
_MINERAL_JOIN = re.compile(r"\s*(?:,|,?\s+(?:and|or|as\s+well\s+as))\s+")


#: an aside closes and the subject's verb follows: "A, landlocked between B and C, has ..."
_APPOSITION_CLOSE = re.compile(
    r",\s+(?:also\s+|still\s+)?(?:has|have|had|holds|is|was|produces|mines|exports|remains|boasts|ranks|hosts)\b"
)
#: what is done to deposits that are not (said to be) one's own: mapped, surveyed, developed, bought
_WORKED = re.compile(
    r"\b(?:map\w*|survey\w*|develop\w*|explor\w*|invest\w*|cooperat\w*|collaborat\w*|process\w*|purchas\w*"
    r"|buy\w*|acqui\w*|financ\w*)\b"
)
#: but the country's own: "A is developing its lithium resources", "A, which has ..."
_HOLDING = re.compile(
    r"\b(?:(?:has|have|had)(?!\s+(?:[a-z]+ly\s+)?(?:[a-z]+ed|[a-z]+en|been)\b)|holds?|possess\w*|boasts?|its|own"
    r"|home\s+to|the\s+(?:country|nation)['’]s)\b"
)


_OPT_POSSESSIVE_GAP = re.compile(r"(?:[’']s?)?\s+")


def _owner_before(ms: list[Mention], first: Mention, text: str) -> Mention | None:
    """The country named right before a list of minerals: "Ruritanian tin", "Ruritania's tin"."""
    return next(
        (
            o
            for o in ms
            if o.label == "Country"
            and o.entity
            and not o.inner
            and _OPT_POSSESSIVE_GAP.fullmatch(text[o.end : first.start])
        ),
        None,
    )


_STOCKPILE = re.compile(r"\bstockpil\w*", re.I)
#: where a list of minerals goes on past a clause break: ", and "
_LIST_END = re.compile(r",\s+and\s+")


def _listed_after_minerals(ms: list[Mention], first: Mention, text: str) -> list[Mention]:
    """The minerals of the list that starts with ``first``: "tin, zinc and lead"."""
    got = [first]
    for m in ms:
        if m.start <= got[-1].start or m.label != "Mineral" or not m.entity:
            continue
        if not _MINERAL_JOIN.fullmatch(text, got[-1].end, m.start):
            break
        got.append(m)
    return got


def _listed_after(ctry: list[Mention], first: Mention, text: str) -> list[Mention]:
    """The countries of the list that starts with ``first``: "in A, B and C"."""
    got = [first]
    for c in ctry:
        if c.start <= got[-1].start:
            continue
        if not P.ACTORS_JOIN.fullmatch(text, got[-1].end, c.start):
            break
        got.append(c)
    return got


def _listed_before(mins: list[Mention], last: Mention, text: str) -> list[Mention]:
    """The minerals of the list that ends with ``last``: "lithium, cobalt and nickel"."""
    got = [last]
    for mn in reversed([m for m in mins if m.end <= last.start]):
        if not _MINERAL_JOIN.fullmatch(text, mn.end, got[0].start):
            break
        got.insert(0, mn)
    return got


#: "..., all of which the country produces", "..., of which Ruritania has large reserves": the
#: minerals listed before are held by the subject after "of which"
_OF_WHICH = re.compile(
    r",\s+(?:(?:all|most|some|both|each|many|several|much)\s+)?of\s+which\s+"
    r"(?:(?P<it>it)|(?P<ana>the\s+(?:[a-z]+\s+)?(?P<word>country|nation|[Kk]ingdom|[Rr]epublic|[Ss]ultanate|[Ee]mirate"
    r"|[Pp]rincipality|[Ff]ederation))|(?P<name>[A-Z]))"
)
_LIST_TAIL = re.compile(r"(?:\s*(?:,|,?\s+(?:and|or))\s+[a-z][\w-]*(?:\s+[a-z][\w-]*)?){0,3}\s*")
#: what the subject does with the minerals: holds them (a cue word), produces or exports them
_HOLDS_AFTER = re.compile(
    r"[^,;.]{0,60}?\b(?:has|have|holds?|possess(?:es)?)\b[^,;.]{0,40}?\b(?:reserves|deposits|resources|quantities)\b"
    r"|\s*(?:[a-z]+ly\s+|also\s+|still\s+|already\s+)?(?:produces|mines|exports|is\s+a\s+(?:[a-z]+\s+){0,2}producer"
    r"|ranks)\b"
)


@step(writes=("HAS_RESOURCE:of_which",))
def of_which(h: Holding) -> None:
    """'copper, gold and nickel, all of which it already produces', 'tin and tungsten, of which
    the country has large reserves': the subject holds every mineral of the list before."""
    ctx, sent, sm, out, text = h.ctx, h.sent, h.sm, h.out, h.text
    if "which" not in text:
        return
    ms = sm.mentions
    mins = [m for m in ms if m.label == "Mineral" and m.entity]
    for ow in _OF_WHICH.finditer(text):
        # (the list may end with things that are not minerals: "copper, tin, gypsum and limestone, of which")
        last = next(
            (m for m in reversed(mins) if m.end <= ow.start() and _LIST_TAIL.fullmatch(text, m.end, ow.start())), None
        )
        if last is None:
            continue
        subj_at = ow.start("name") if ow.group("name") else ow.end()
        country: str | None = None
        if ow.group("name"):
            c = next((m for m in _country_like(ms, text) if m.start == subj_at), None)
            country = c.entity if c is not None else None
            subj_at = c.end if c is not None else subj_at
        elif ow.group("ana"):
            country = _anaphor_country(ctx, ow.group("word"), sent.index, ow.start("ana")) if ctx.focal else None
        else:
            # "it": the country named last before the list in this sentence, else the sentence's subject
            named = [m for m in _country_like(ms, text) if m.end <= last.start]
            country = named[-1].entity if named else _subject_country(ctx, sent.index, ow.start())
        if country is None or not _HOLDS_AFTER.match(text, subj_at):
            continue
        for mn in _listed_before(mins, last, text):
            out.add(country, "HAS_RESOURCE", mn.entity, 0.7, text)


#: a bare "has" before a list of minerals: "Ruritania has tin, zinc and gold", "A holds large tin"
_BARE_HAS = re.compile(
    r"\b(?:has|have|holds?|possess(?:es)?)\s+(?:also\s+)?(?:(?:large|significant|vast|abundant|rich|major|known"
    r"|untapped|considerable|sizeable|huge|plentiful)\s+)?$"
)
#: "A has tin, B has zinc": a comma before the next clause's subject
_COMMA_END = re.compile(r",\s*$")
#: what may follow such a list for it to be what is held (not "has tin smelters", "has nickel plans")
_HELD_LIST_END = re.compile(r"\s*(?:[.,;:)]|$)|\s+(?:and|but|while|whereas|which|that|in|at|too|among)\b")


def _bare_has(clause: str, cs: int, ms: list[Mention]) -> re.Match | None:
    """"has" right before a list of minerals that ends the phrase: the list is held."""
    mins = [m for m in ms if m.label == "Mineral" and m.entity and m.start >= cs]
    for k, m in enumerate(mins):
        got = _BARE_HAS.search(clause, max(0, m.start - cs - 40), m.start - cs)
        if got is None:
            continue
        last = m
        for nxt in mins[k + 1 :]:
            if not _MINERAL_JOIN.fullmatch(clause, last.end - cs, nxt.start - cs):
                break
            last = nxt
        if _HELD_LIST_END.match(clause, last.end - cs):
            return got
    return None


#: before "supply": what a buyer does with it ("seeking stable supplies of", "an arrangement for tin supply")
_DEMAND_BEFORE = re.compile(
    r"\b(?:seek\w*|sought|interested\s+in|secur\w*|access\s+to|arrangements?\s+for|needs?\s+for|demand\s+for"
    r"|import\w*|buy\w*|ensur\w*|guarantee\w*|diversif\w*|stable|reliable|long-term|steady|alternative)\b[^,;.]{0,40}$",
    re.I,
)


def _cue(clause: str, cs: int, ms: list[Mention]) -> re.Match | None:
    """The clause's first word that says a mineral is held, outside the names in it: the "Mining"
    of "the Astana Mining Congress" or "Acme Mining Ltd" says nothing of who holds what. A bare
    "resources" counts only right after a mineral ("lithium resources", not "natural resources")."""
    names = [(m.start - cs, m.end - cs) for m in ms if m.label in ("Event", "Agency", "Company", "Agreement")]
    for c in P.finds(P.RESOURCE, clause):
        if any(a <= c.start() < b for a, b in names):
            continue
        if (
            c.group()[:1].isupper()
            and clause.endswith(("of ", "and "), 0, c.start())
            and not (
                any(m.label == "Mineral" and m.entity and m.start - cs > c.start() for m in ms)
                and any(
                    m.label == "Country" and m.possessive and 0 <= c.start() - (m.end - cs) <= 50
                    and "," not in clause[m.end - cs : c.start()]
                    for m in ms
                )
            )
        ):
            # '"We have tin," Minister of Mines X said': a portfolio's name is no cue, but where a country's
            # own portfolio comes before minerals ("Ruritania's Minister of Mines said tin ...") it
            # speaks for the country's
            continue
        if c.group().lower().startswith("suppl") and _DEMAND_BEFORE.search(clause, max(0, c.start() - 60), c.start()):
            continue  # "A is seeking long-term uranium supplies": the buyer's supply, not its own
        if c.group() == "resources" and not clause.startswith(" of", c.end()):
            at = cs + c.start()
            if not any(
                m.label == "Mineral" and m.entity and _ONE_WORD_GAP.fullmatch(clause, m.end - cs, c.start())
                for m in ms
                if m.end <= at
            ):
                continue
        return c
    return _bare_has(clause, cs, ms) if "ha" in clause or "ho" in clause or "poss" in clause else None


_OWNED_GAP = re.compile(r"[’']s?\s+(?:[\w-]+\s+){0,2}?")


@step(writes=("HAS_RESOURCE:owned",))
def owned_minerals(h: Holding) -> None:
    """'Ruritania's iron ore supply', 'Ruritania's tin output', 'lithium-rich Ruritania': the
    country holds the mineral."""
    ms, text, out = h.sm.mentions, h.text, h.out
    for i, c in enumerate(ms):
        if c.label != "Country" or not c.possessive or not c.entity or c.inner or c.kind != "name":
            continue
        nxt = next((o for o in ms[i + 1 : i + 3] if o.label == "Mineral" and o.entity), None)
        if nxt is None or not _OWNED_GAP.fullmatch(text[c.end : nxt.start]):
            continue
        if _OWNED_MINERAL_TAIL.match(text, nxt.end):
            out.add(c.entity, "HAS_RESOURCE", nxt.entity, 0.7, text)
    for i, c in enumerate(ms):
        if c.label != "Country" or not c.entity or c.inner or c.kind != "name" or i == 0:
            continue
        prev = ms[i - 1]
        if prev.label == "Mineral" and prev.entity and _RICH_BEFORE.fullmatch(text, prev.end, c.start):
            out.add(c.entity, "HAS_RESOURCE", prev.entity, 0.7, text)  # "lithium-rich Ruritania"


#: a mineral's origin right before a country: "tin, most of which comes from Ruritania"
_SOURCED_FROM = re.compile(
    r"\b(?:comes?|came|coming|sourced|imported|exported|shipped|mined|extracted)\s+(?:[a-z]+\s+){0,2}?"
    r"(?:from|out\s+of)\s+(?:the\s+)?$"
)


_HOLDER_LIST_GAP = re.compile(r"\s*(?:,|and|,\s*and)\s*(?:the\s+)?")
_SEMI_OR_STOP = re.compile(r"[;.]")


@step(writes=("HAS_RESOURCE:sourced",))
def sourced_from(h: Holding) -> None:
    """'Tin, 70% of which comes from Ruritania', 'copper imported from A and B', 'zinc concentrate, the
    main product exported from A', 'tin comes out of A': the countries
    the mineral comes from hold it (the mineral named shortly before, in the same clause)."""
    ms, text, out = h.sm.mentions, h.text, h.out
    for i, c in enumerate(ms):
        if c.label != "Country" or not c.entity or c.inner or c.kind != "name":
            continue
        if not _SOURCED_FROM.search(text, max(0, c.start - 40), c.start):
            continue
        mineral = next(
            (
                o
                for o in reversed(ms[:i])
                if o.label == "Mineral"
                and o.entity
                and c.start - o.end <= 60
                and not _SEMI_OR_STOP.search(text[o.end : c.start])
            ),
            None,
        )
        if mineral is None:
            continue
        holders = [c]
        for o in ms[i + 1 :]:  # "from A, B and C"
            if o.inner:
                continue
            if (
                o.label != "Country"
                or not o.entity
                or not _HOLDER_LIST_GAP.fullmatch(text[holders[-1].end : o.start])
            ):
                break
            holders.append(o)
        for holder in holders:
            out.add(holder.entity, "HAS_RESOURCE", mineral.entity, 0.65, text)


#: a country's share of a market: "meets 70% of", "accounted for about a third of", "supplies 40% of"
_SHARE = re.compile(
    word_led(r"meets?|met|covers?|covered|supplies|supplied|provides?|provided|accounts?\s+for|accounted\s+for")
    + r"\s+"
    r"(?:(?:about|around|nearly|almost|over|some|roughly|more\s+than)\s+)?"
    r"(?:\d[\d.,]*\s*(?:%|per\s*cent|percent)|(?:a|one|two)[\s-]+(?:third|quarter|half|fifth)s?|half)\s+of\s+"
)
#: between a country and its verb: nothing, ", which", an adverb or two
_SUBJECT_GAP = re.compile(r"\s*(?:,\s*which\s+)?(?:[a-z]+ly\s+|alone\s+|now\s+|still\s+)?")


_CLAUSE_STOP = re.compile(r"[,;.]")


@step(writes=("HAS_RESOURCE:share",))
def supply_share(h: Holding) -> None:
    """'Ruritania meets 70% of Freedonia's tin needs', 'Ruritania, which supplied a third of the
    world's tin': the subject of the share holds the mineral the share is of."""
    ms, text, out = h.sm.mentions, h.text, h.out
    if "of" not in text:
        return
    for share in _SHARE.finditer(text):
        subj = next(
            (o for o in reversed(ms) if o.end <= share.start() and not o.inner and o.entity and o.label != "Mineral"),
            None,
        )
        if (
            subj is None
            or subj.label != "Country"
            or subj.kind != "name"
            or not _SUBJECT_GAP.fullmatch(text, subj.end, share.start())
        ):
            continue
        mineral = next(
            (
                o
                for o in ms
                if o.label == "Mineral"
                and o.entity
                and share.end() <= o.start <= share.end() + 40
                and not _CLAUSE_STOP.search(text[share.end() : o.start])
            ),
            None,
        )
        if mineral is not None:
            out.add(subj.entity, "HAS_RESOURCE", mineral.entity, 0.65, text)


@lru_cache(maxsize=512)
def _styled(country_key: str, word: str) -> bool:
    """Whether a country's ISO 3166 official name styles it a kingdom / republic."""
    import pycountry

    c = pycountry.countries.get(alpha_2=country_key.split(":", 1)[-1].upper())
    return c is not None and word in (getattr(c, "official_name", None) or c.name).lower()


_COMPARED = re.compile(r"\b(?:second only to|only to|behind|trailing|after|than)\s+(?:the\s+)?$")


_SENTENCE_OPENER = re.compile(r"(?:(?:The|However|Meanwhile|Today|Now)[, ]\s*)?")


def _subject_country(ctx: DocContext, sent_index: int, before: int) -> str | None:
    """The country that is the subject of this sentence (before ``before``) or of the previous one."""
    for idx, limit in ((sent_index, before), (sent_index - 1, None)):
        if idx < 0 or ctx.sentences[idx].heading:
            continue
        text = ctx.sentences[idx].text
        first = next(
            (m for m in ctx.found[idx].mentions if m.label in ACTORS + ("Person",) and not m.inner and m.entity),
            None,
        )
        if first is None or (limit is not None and first.end > limit):
            ana = _COUNTRY_ANAPHOR.match(text)
            if limit is None and ana and ctx.focal:  # "The landlocked country has ... It is also ..."
                return _anaphor_country(ctx, ana.group(1), idx, 0)
            continue
        if (
            first.label == "Country"
            and first.kind == "name"
            and _SENTENCE_OPENER.fullmatch(text[: first.start])
        ):
            return first.entity
        if idx == sent_index:
            return None
    return None


#: what opens a clause of its own about other countries: ", while A, B and C ...", ", with A and B ...", "; A ..."
_ELIDED_OPEN = re.compile(r"(?:,\s*(?:while|whereas|with|and)|;)\s+(?:the\s+)?")
#: after the countries, a supply noun with no mineral of its own: "account for most global output",
#: "emerging as key suppliers" (not "output of tin", "supply chains")
_BARE_SUPPLY = re.compile(
    r"\s+(?:[a-z][\w-]*\s+){1,5}?(?:output|production|suppliers|producers|exporters|miners|supply|supplies)\b"
    r"(?!\s+(?:of|chains?|deals?|agreements?|security|routes?|lines?)\b)"
)


@step(writes=("HAS_RESOURCE:elided",))
def elided_mineral(h: Holding) -> None:
    """Countries of a clause that names their output but not the mineral hold the one mineral the
    sentence named before ("A is one of the few producers of tin, while B and C account for most
    global output"; "... tin imports come from A, with B and C emerging as key suppliers")."""
    sm, text, out = h.sm, h.text, h.out
    if not _ELIDED_OPEN.search(text):
        return
    countries = [m for m in _country_like(sm.mentions, text) if m.kind == "name" and not m.possessive]
    for cue in _ELIDED_OPEN.finditer(text):
        group = [c for c in countries if c.start == cue.end()][:1]
        for c in countries:
            if group and c.start > group[-1].end and P.ACTORS_JOIN.fullmatch(text, group[-1].end, c.start):
                group.append(c)
        if not group:
            continue
        tail = _BARE_SUPPLY.match(text, group[-1].end)
        if tail is None or any(group[-1].end <= m.start < tail.end() for m in sm.mentions):
            continue
        before = {m.entity for m in sm.mentions if m.label == "Mineral" and m.entity and m.end <= cue.start()}
        if len(before) != 1:
            continue  # which of several the output is, the sentence does not say
        mineral = next(iter(before))
        for c in group:
            out.add(c.entity, "HAS_RESOURCE", mineral, 0.6, text)


#: the role fillers of :func:`resources`, in the order they run (each writes its own reading of the sentence)
RESOURCE_FILLERS = (owned_minerals, sourced_from, supply_share, of_which, elided_mineral, held_in_clauses)
