"""Measures: what governments do to minerals on their own (export bans, controls and quotas,
tariffs, royalties, nationalisations, revoked licences, investment orders, critical-minerals
lists, stockpiles), read off the sentences of one article.

A measure is stated by a *cue* ("banned exports of", "export controls on", "revoked ...
licences", "added X to its list of critical raw materials"; the vocabulary is
``loaders/reference/measures.json``).  Each cue is read with what its clause says: who
imposes it (a government, never a company), which minerals it is on, which companies it
is aimed at, its status from the verbs and tense, and the year when one is stated.  No
cue, no measure: a word alone ("ban", "quota") is only read as a measure when it refers
back to one the article has stated; a guess ("could restrict"), a wish ("hopes to ban"),
a deal between parties and a company's own decision are not measures.

The cues of an article are then grouped: the same government, a compatible kind and
overlapping minerals make one measure, whose status and year are the first the article
states (its news comes first).  Each measure gets an id from its government, kind and
minerals, so the same measure read in another article is the same node
(:mod:`minegraph.loaders.resolve` also joins a measure whose minerals overlap a known one's).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from minegraph.graph.model import STATED_PROPERTY
from minegraph.loaders.gazetteer import load_reference, slug, vocabulary
from minegraph.loaders.gazetteer import minerals as mineral_gazetteer
from minegraph.loaders.mentions import Mention, SentenceMentions
from minegraph.loaders.relations.context import DocContext, Rel
from minegraph.loaders.sentences import Sentence

#: export kinds a generic "restriction on exports" may turn out to be
EXPORT_KINDS = ("export_ban", "export_control", "export_quota", "export_tax")
#: kinds about one operation or company, whose minerals may be named in an earlier sentence
PROJECT_KINDS = ("licence_revocation", "nationalisation", "investment_screening")
#: the minerals part of the id of a measure on minerals in general ("raw minerals")
ANY_MINERAL = "*"
#: how each kind reads in a measure's name
KIND_WORDS = {
    "export_ban": "export ban on", "export_control": "export controls on", "export_quota": "export quotas on",
    "export_tax": "export tax on", "import_tariff": "import tariffs on", "royalty": "royalty on",
    "nationalisation": "nationalisation of", "licence_revocation": "licence revocation:",
    "investment_screening": "investment order:", "processing_requirement": "local processing requirement for",
    "critical_list": "critical minerals list:", "stockpile": "stockpile of",
}


@dataclass(frozen=True)
class MeasureVocabulary:
    """The compiled patterns of ``loaders/reference/measures.json``."""

    cues: tuple[tuple[str, re.Pattern], ...]
    generic: frozenset[str]
    anaphor: re.Pattern
    anaphor_kinds: dict[str, str]
    status: tuple[tuple[str, re.Pattern, bool], ...]  # (status, pattern, weak)
    speculation: re.Pattern
    intent: re.Pattern
    agreement: re.Pattern
    mineral_words: re.Pattern
    vague_minerals: re.Pattern
    raw_words: re.Pattern
    requires_mineral: frozenset[str]
    imposing_bodies: re.Pattern


@lru_cache(maxsize=1)
def measure_vocabulary() -> MeasureVocabulary:
    data = load_reference("measures.json")
    cues = tuple((kind, re.compile(r"\b(?:" + rx + r")", re.I)) for kind, patterns in data["cues"].items()
                 for rx in patterns)
    anaphors = data["anaphors"]
    words = "|".join(sorted((re.escape(w) for w in anaphors), key=len, reverse=True))
    return MeasureVocabulary(
        cues=cues,
        generic=frozenset(data["generic"]),
        anaphor=re.compile(rf"\b(?:the|this|these|that|those|such|its|their)\s+(?:(?!an?\s)[a-z-]+\s+)?({words})\b",
                           re.I),
        anaphor_kinds={k.lower(): v for k, v in anaphors.items()},
        status=tuple((status, re.compile(r"\b(?:" + rx + r")", re.I), "weak" in rest)
                     for status, rx, *rest in data["status"]),
        speculation=re.compile(data["speculation"], re.I),
        intent=re.compile(data["intent"], re.I),
        agreement=re.compile(data["agreement"], re.I),
        mineral_words=re.compile(data["mineral_words"], re.I),
        vague_minerals=re.compile(data["vague_minerals"], re.I),
        raw_words=re.compile(data["raw_words"], re.I),
        requires_mineral=frozenset(data["requires_mineral"]),
        imposing_bodies=re.compile(data["imposing_bodies"]),
    )


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
    imposers: list[str] = field(default_factory=list)  # registry keys: the country first, then agencies
    minerals: list[str] = field(default_factory=list)
    mineral_words: bool = False  # "raw minerals", "critical metals": minerals in general
    companies: list[str] = field(default_factory=list)
    named: str = ""  # a measure with a name of its own ("National Defense Stockpile")
    evidence: str = ""


@dataclass
class Measure:
    """The cues of one article that state the same measure."""

    kind: str
    cues: list[Cue]
    generic: bool = True

    @property
    def country(self) -> str:
        """The country imposing it ("" when the article names only an agency)."""
        return next((k for c in self.cues for k in c.imposers if k.startswith("country:")), "")

    @property
    def owner(self) -> str:
        """The country imposing it, else the agency."""
        return self.country or next((k for c in self.cues for k in c.imposers), "")

    def minerals(self) -> list[str]:
        return list(dict.fromkeys(m for c in self.cues for m in c.minerals))

    def imposers(self) -> list[str]:
        return list(dict.fromkeys(k for c in self.cues for k in c.imposers))


# --- reading one sentence -----------------------------------------------------------------

#: where a clause of a measure ends: the measure's object does not run past these
_CLAUSE_END = re.compile(r";\s+|,\s+(?=(?:which|who|while|whereas|but|although|though|as|after|amid|because|when|"
                         r"according|triggering|escalating|making|saying|citing|stating|adding)\b)|\s+[—–]\s+|:\s+")
#: a year stated with a measure; "by 2050" is a target, not when the measure applies
_YEAR = re.compile(r"(?<!\bby\s)(?<!\buntil\s)(?<!\bthrough\s)\b((?:19|20)\d\d)\b")
_RELATIVE_YEAR = re.compile(r"\b(last|this|next)\s+year\b|\bearlier\s+this\s+year\b", re.I)
_ITEM_YEAR = re.compile(r"^\s*(?:in|from|since)\s+((?:19|20)\d\d)\b")
#: a country named as what a measure is aimed at or where something happens, not who imposes it
_OBJECT_BEFORE = re.compile(r"\b(?:to|from|on|against|into|towards|toward|with|over|about|in|at|for|by|than|like)\s+"
                            r"(?:the\s+)?$", re.I)
#: a demonym that names a government ("the Chinese government", "Congolese regulators")
_GOVERNMENT_AFTER = re.compile(
    r"^[’']?s?\s*(?:[a-z-]+\s+)?(?:government|administration|authorities|regulators?|officials|cabinet|state|"
    r"ministry|ministers?|parliament|congress|senate|president|prime\s+minister|leader|lawmakers)\b", re.I)
#: a country named as a whole; what follows is not something the country owns or buys
_NOT_IMPOSER_AFTER = re.compile(
    r"^[’']?s?\s*(?:[\w-]+\s+){0,2}?(?:imports?|goods|firms?|companies|company|investors?|miners?|producers?|"
    r"buyers?|consumers?|markets?|supply\s+chains?|[a-z]*-controlled|industry|industries|exporters|importers|"
    r"customers|demand|dominance|share|output|production|reserves|deposits)\b", re.I)
#: an organisation named as a source or a party spoken to, not as who acts
_SOURCE_BEFORE = re.compile(r"\b(?:according\s+to|to|from|with|against|than|like|on|into)\s+(?:the\s+)?$", re.I)
_COMPANY_ANAPHOR = re.compile(r"\bthe\s+(?:[a-z-]+\s+)?(?:company|miner|firm|group|developer|producer)\b", re.I)
_COUNTED_COMPANIES = re.compile(r"\b(?:two|three|four|five|six|several|some)\s+(?:[A-Z]?[a-z-]+\s+)?"
                                r"(?:companies|firms|investors|miners)\b")
_GOVERNMENT_KINDS_EXTRA = frozenset({"intergovernmental", "parliament", "cabinet"})


def _region(cues: list[tuple[int, int, str]], i: int, clause: tuple[int, int]) -> tuple[int, int]:
    """The stretch of the clause that belongs to cue ``i``: from the end of the cue before
    it to the start of the next one."""
    start = max([clause[0]] + [e for s, e, _ in cues[:i] if e <= cues[i][0]])
    end = min([clause[1]] + [s for s, _, _ in cues[i + 1:] if s >= cues[i][1]])
    return start, end


def _clauses(text: str) -> list[tuple[int, int]]:
    spans, pos = [], 0
    for m in _CLAUSE_END.finditer(text):
        spans.append((pos, m.start()))
        pos = m.end()
    spans.append((pos, len(text)))
    return spans


def _clause_of(spans: list[tuple[int, int]], pos: int) -> tuple[int, int]:
    return next(((a, b) for a, b in spans if a <= pos < b), (0, 0))


def _find_cues(text: str) -> list[tuple[int, int, str]]:
    """Non-overlapping cue matches ``(start, end, kind)``: the longest wins an overlap,
    a kind named outright wins over a generic restriction."""
    v = measure_vocabulary()
    found = []
    for kind, pattern in v.cues:
        for m in pattern.finditer(text):
            generic = m.group().split()[0].lower() in v.generic
            found.append((m.start(), m.end(), kind, generic))
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


class _Reader:
    """What the cues of one article need beyond their sentence: who works for whom, where
    agencies are based (from the relationships read already), countries written as one
    ("Ruritania (RU)"), and the mineral the article is about."""

    def __init__(self, ctx: DocContext, rels: list[Rel]) -> None:
        self.ctx = ctx
        self.employer: dict[str, list[str]] = {}
        self.based: dict[str, str] = {}
        for r in rels:
            target = ctx.entity(r.target)
            if target is None:
                continue
            if r.type == "WORKS_FOR":
                # a person's government is taken only when a sentence stating it names it
                if not any(form in sentence for sentence in r.evidence for form in target.forms()):
                    continue
                self.employer.setdefault(r.source, []).append(r.target)
            elif r.type == "BASED_IN" and self._states_base(r):
                self.based.setdefault(r.source, r.target)
        self.government = vocabulary().government_kinds | _GOVERNMENT_KINDS_EXTRA
        self.same: dict[str, str] = {}
        minerals: Counter[str] = Counter()
        for sent, sm in zip(ctx.sentences, ctx.found, strict=True):
            ms = [m for m in sm.mentions if not m.inner and m.entity]
            for a, b in zip(ms, ms[1:], strict=False):
                if (a.label == b.label == "Country" and a.entity != b.entity
                        and re.fullmatch(r"\s*\(\s*", sent.text[a.end:b.start])
                        and sent.text.startswith(")", b.end)):
                    self.same[a.entity] = b.entity  # "Ruritania (RU)": one country, named twice
            if not sent.heading:
                minerals.update(m.entity for m in ms if m.label == "Mineral")
        ranked = minerals.most_common(2)  # ties in the order first named
        #: the mineral the article is about: named at least twice, and more often than any other
        self.main_mineral = ranked[0][0] if ranked and ranked[0][1] >= 2 and (
            len(ranked) == 1 or ranked[0][1] > ranked[1][1]) else None
        #: the mineral an operation the article reports on is about: the most named, else the first
        self.topic_mineral = ranked[0][0] if ranked else None

    def _states_base(self, rel: Rel) -> bool:
        """Whether a sentence behind a BASED_IN names the country for the organisation (by
        name, or by a possessive or adjective right before it), not a country that only
        describes something else ("... reliance on Ruritanian supply chains")."""
        by_text = {sent.text: sm for sent, sm in zip(self.ctx.sentences, self.ctx.found, strict=True)}
        for sentence in rel.evidence:
            sm = by_text.get(sentence)
            if sm is None:
                return True  # a sentence this reader cannot see: trust the rule that read it
            orgs = [m for m in sm.mentions if m.entity == rel.source]
            for m in sm.mentions:
                if m.label != "Country" or m.entity != rel.target:
                    continue
                if m.kind == "name" or m.possessive or m.inner or any(
                        0 <= o.start - m.end <= 25 for o in orgs):
                    return True
        return False

    def is_government(self, key: str) -> bool:
        e = self.ctx.entity(key)
        if e is None:
            return False
        if e.label == "Country":
            return True
        if e.label != "Agency":
            return False
        if e.props.get("kind") in self.government:
            return True
        v = measure_vocabulary()
        return any(v.imposing_bodies.match(form) for form in e.forms())

    def country_of(self, key: str) -> str | None:
        e = self.ctx.entity(key)
        if e is None:
            return None
        if e.label == "Country":
            return self.same.get(key, key)
        target = self.based.get(key)
        if target and self.ctx.label(target) == "Country":
            return self.same.get(target, target)
        if e.name_countries:
            country = f"country:{e.name_countries[0].lower()}"
            self.ctx.ensure_country(country)
            return self.same.get(country, country)
        return None

    def imposers_of(self, key: str) -> list[str]:
        """A government actor and its country; a person stands for the government they work for."""
        label = self.ctx.label(key)
        if label == "Person":
            for employer in self.employer.get(key, []):
                if self.is_government(employer):
                    return self.imposers_of(employer)
            return []
        if not self.is_government(key):
            return []
        country = self.country_of(key)
        return [k for k in dict.fromkeys([country, key if label != "Country" else None]) if k]


#: what a country's possessive may own without being the government that acts
_NOT_IMPOSER_OWNED = re.compile(
    r"^[’']s?\s+(?:[\w-]+\s+){0,2}?(?:imports?|goods|firms?|companies|company|investors?|miners?|buyers?|"
    r"consumers?|customers|exporters|importers)\b", re.I)


def _candidates(reader: _Reader, sm: SentenceMentions, text: str) -> list[Mention]:
    """Mentions that may be the government imposing a measure: not a country a measure
    is aimed at ("exports to Ruritania", "Ruritanian imports"), nor one in a list after
    such a preposition ("from Ruritania, Freedonia or Sylvania")."""
    out = []
    excluded: Mention | None = None
    for m in sm.mentions:
        if not m.entity or m.inner:
            continue
        if m.label == "Country":
            after = text[m.end:m.end + 40]
            follows_excluded = excluded is not None and re.fullmatch(
                r"\s*(?:,|,?\s*(?:and|or))\s*(?:the\s+)?", text[excluded.end:m.start]) is not None
            if (m.kind == "venue" or follows_excluded
                    or (not m.possessive and _OBJECT_BEFORE.search(text[max(0, m.start - 30):m.start]))
                    or (m.kind == "demonym" and not m.possessive and not _GOVERNMENT_AFTER.match(after))
                    or (_NOT_IMPOSER_OWNED if m.possessive else _NOT_IMPOSER_AFTER).match(after)):
                excluded = m
                continue
            out.append(m)
        elif m.label in ("Agency", "Person") and reader.imposers_of(m.entity) and (
                m.possessive or not _SOURCE_BEFORE.search(text[max(0, m.start - 30):m.start])):
            out.append(m)
    return out


def _possessor(cands: list[Mention], text: str, start: int, end: int) -> Mention | None:
    """'China's export controls', 'the EU's list of critical raw materials', 'US tariffs on',
    'minerals identified in the UK's critical minerals strategy'."""
    inside = [m for m in cands if start <= m.start and m.end <= end and m.possessive]
    if inside:
        return inside[-1]
    for m in reversed(cands):
        if m.end > start:
            continue
        gap = text[m.end:start]
        if re.fullmatch(r"(?:[’']s)?\s+(?:[\w-]+\s+){0,2}", gap) and (m.possessive or m.label == "Country"):
            return m
        break
    return None


def _coordinated(cands: list[Mention], text: str, last: Mention) -> list[Mention]:
    """'A (AA), B and C executed ...': every member of a list of governments."""
    chosen = [last]
    for m in reversed(cands[:cands.index(last)]):
        if m.entity == chosen[0].entity:
            chosen[0] = m  # an acronym repeating the name before it
            continue
        gap = re.sub(r"\([^()]*\)", " ", text[m.end:chosen[0].start])
        if re.fullmatch(r"\s*(?:,|and|,\s*and)\s*(?:the\s+)?", gap):
            chosen.insert(0, m)
        else:
            break
    return chosen


def _imposers(reader: _Reader, sent: Sentence, cands: list[Mention], cue: tuple[int, int],
              clause: tuple[int, int], previous: list[str]) -> list[str]:
    """The government that imposes the measure of a cue: the owner of the cue ("China's
    controls"), else the subject before it in its clause (of the clause before, for a
    "..., which will ban"), else an agent after it ("... imposed by Ruritania", "bans that
    Ruritania imposed"), else the government of the measure read before, else the
    nearest country."""
    text = sent.text
    start, end = cue
    owner = _possessor(cands, text, start, end)
    chosen: list[Mention] = []
    if owner is not None:
        chosen = [owner]
    else:
        before = [m for m in cands if clause[0] <= m.start and m.end <= start]
        subject = next((m for m in reversed(reader.ctx.found[sent.index].mentions) if clause[0] <= m.start
                        and m.end <= start and not m.inner and m.label in ("Country", "Agency", "Company")
                        and m.entity), None)
        if subject is not None and subject.label == "Company" and not reader.is_government(subject.entity) and (
                not before or before[-1].end <= subject.start):
            return []  # "Acme Mining halted exports": a company's decision is not a measure
        if not before and re.match(r"\s*(?:which|that)\b", text[clause[0]:clause[0] + 8]):
            before = [m for m in cands if m.end <= clause[0]]  # "..., which will prohibit": its antecedent
        if before:
            chosen = _coordinated(cands, text, before[-1])
        else:
            agent = next((m for m in cands if m.start >= end and re.search(
                r"\b(?:by|that|which)\s+(?:the\s+)?$", text[max(0, m.start - 12):m.start])
                and m.start - end < 40), None)
            if agent is not None:
                chosen = [agent]
    keys: list[str] = []
    for m in chosen:
        keys += reader.imposers_of(m.entity)
    where: str | None
    if keys:
        where = next((k for k in keys if reader.ctx.label(k) == "Country"), None)
        if where is None and previous:  # an agency whose country the article does not say
            where = next((k for k in previous if k.startswith("country:")), None)
        return [k for k in dict.fromkeys([where, *keys]) if k]
    if previous:
        return list(previous)
    where = reader.ctx.nearest_country(sent.index, start) or (reader.ctx.focal[0] if reader.ctx.focal else None)
    return [reader.same.get(where, where)] if where else []


def _minerals(sm: SentenceMentions, lo: int, hi: int) -> list[Mention]:
    return [m for m in sm.mentions if m.label == "Mineral" and m.entity and lo <= m.start and m.end <= hi]


def _modifiers(sm: SentenceMentions, text: str, lo: int, start: int) -> list[Mention]:
    """Minerals that name what a cue is on from right before it: 'nickel ore export ban',
    'lithium and cobalt exports'."""
    run: list[Mention] = []
    edge = start
    for m in reversed(_minerals(sm, lo, start)):
        gap = text[m.end:edge]
        if re.fullmatch(r"\s*(?:[\w-]+\s+)?" if edge == start else r"\s*(?:,|and|,\s*and|or)\s*", gap) and not (
                edge == start and re.search(r"\b(?:is|are|was|were|has|have|had|of|and|or|the|to|said|says)\b", gap)):
            run.insert(0, m)
            edge = m.start
        else:
            break
    return run


def _split_by_year(text: str, minerals: list[Mention], hi: int) -> dict[int | None, list[Mention]]:
    """'nickel ore in 2020, and bauxite in 2022': each mineral with the year written after it."""
    out: dict[int | None, list[Mention]] = {}
    for i, m in enumerate(minerals):
        stop = minerals[i + 1].start if i + 1 < len(minerals) else hi
        year = _ITEM_YEAR.match(text[m.end:stop])
        out.setdefault(int(year.group(1)) if year else None, []).append(m)
    return out


def _companies(ctx: DocContext, sent: Sentence, sm: SentenceMentions, lo: int, hi: int) -> list[str]:
    text = sent.text
    found = [m.entity for m in sm.mentions if m.label == "Company" and m.entity and not m.inner
             and lo <= m.start < hi and not _NOT_IMPOSER_AFTER.match(text[m.end:m.end + 30])]
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
_OBJECT_AFTER = re.compile(r"\s+(?:of|on|to)\s+(?:the\s+)?[\w-]+")
#: after a cue's object, the minerals a relative clause lists still belong to it
_LISTING = re.compile(r"^,?\s*(?:which|that)\s+(?:include[sd]?|cover(?:s|ed)?)\b|^,?\s*(?:including|such\s+as)\b",
                      re.I)


def read_cues(reader: _Reader, sent: Sentence, sm: SentenceMentions, previous: list[str]) -> list[Cue]:
    """The measures one sentence states, each read with its clause."""
    v = measure_vocabulary()
    ctx = reader.ctx
    text = sent.text
    spans = _clauses(text)
    found = _find_cues(text)
    anaphors = [(m.start(1), m.end(1), v.anaphor_kinds[m.group(1).lower()]) for m in v.anaphor.finditer(text)
                if all(m.end(1) <= s or m.start(1) >= e for s, e, _ in found)]
    found = sorted(found + anaphors)
    cands = _candidates(reader, sm, text)
    out: list[Cue] = []
    for i, (start, end, kind) in enumerate(found):
        anaphor = (start, end, kind) in anaphors
        clause = _clause_of(spans, start)
        head = text[clause[0]:start]
        if v.speculation.search(head) or v.intent.search(head):
            continue  # "could restrict exports", "hopes to ban": no measure stated
        if kind in EXPORT_KINDS + ("import_tariff", "nationalisation") and v.agreement.search(head):
            continue  # a deal between parties is not a unilateral measure
        lo, hi = _region(found, i, clause)
        imposers = _imposers(reader, sent, cands, (start, end), clause, previous)
        # the object of the cue ends where another government starts a clause of its own
        other = next((m for m in cands if end < m.start < hi and re.search(
            r"\b(?:what|when|where|while|as|like|than|that|which)\s+(?:the\s+)?$", text[max(0, m.start - 12):m.start])
            and reader.imposers_of(m.entity)[:1] != imposers[:1]), None)
        if other is not None:
            hi = other.start
        listing = _LISTING.match(text[clause[1]:])
        if listing and clause[1] == hi:  # "bans that X imposed, which included A and B"
            hi = next((b for a, b in spans if a > clause[1]), len(text))
        cue = Cue(sent.index, start, end, kind, anaphor=anaphor, evidence=text)
        cue.generic = text[start:end].split()[0].lower() in v.generic
        modifiers = _modifiers(sm, text, lo, start)
        scope_lo = modifiers[0].start if modifiers else start
        # a word referring back ("the ban will affect ore buyers") adds no minerals to its measure
        minerals = _minerals(sm, scope_lo, hi) if not anaphor else []
        if kind in ("critical_list", "stockpile") and not minerals:
            minerals = _minerals(sm, clause[0], clause[1])  # "X and Y, both placed on the EU's list"
        words = [m.group().strip() for m in v.mineral_words.finditer(text, max(lo, start - 60), hi)]
        cue.mineral_words = any(not v.vague_minerals.match(w) for w in words)
        if not minerals and not cue.mineral_words and not anaphor:
            # "restricted exports of some minerals", "carry over their export quotas": the minerals
            # the sentence names, else (for one government's act on an operation or on exports)
            # the mineral the article is about
            minerals = _minerals(sm, 0, len(text))
            named_object = _OBJECT_AFTER.match(text, end, hi)  # "restrict exports of components"
            fallback = reader.topic_mineral if kind in PROJECT_KINDS else reader.main_mineral
            if not minerals and not named_object and kind in PROJECT_KINDS + EXPORT_KINDS and fallback:
                cue.minerals = [fallback]
        if kind in EXPORT_KINDS and kind != "export_quota" and v.raw_words.search(text[max(lo, start - 30):hi]):
            cue.kind, cue.generic = "export_ban", False  # restricting exports of raw ore bans them
        region = text[lo:hi]
        cue.status, cue.weak_status = _status(text[lo:min(hi, end + 60)])
        if cue.weak_status and out and out[-1].status and not out[-1].weak_status:
            # "announced waiving duty on A and also cut the tariff on B": the verb before governs both
            cue.status, cue.weak_status = out[-1].status, False
        cue.year = _year(ctx, region, start - lo)
        cue.imposers = imposers
        if kind in PROJECT_KINDS:
            cue.companies = _companies(ctx, sent, sm, clause[0], clause[1])
        if kind == "stockpile":  # "the National Defense Stockpile": a measure with a name of its own
            named = next((m for m in sm.mentions if m.start <= start and end <= m.end and m.label in (
                "Name", "Event", "Agreement", "Agency") and m.text[:1].isupper() and len(m.text.split()) > 1), None)
            cue.named = named.text if named is not None else ""
        by_year = _split_by_year(text, minerals, hi) if len(minerals) > 1 else {None: minerals}
        for year, group in sorted(by_year.items(), key=lambda kv: kv[1][0].start if kv[1] else 0):
            part = Cue(**{**cue.__dict__, "minerals": list(dict.fromkeys(m.entity for m in group)) or cue.minerals})
            if year is not None:
                part.year = year
            out.append(part)
        if cue.imposers and not anaphor:
            previous = cue.imposers
    return out


# --- grouping the cues of an article into measures --------------------------------------------


def _family(key: str) -> str:
    """A mineral and its ores and products are one family: 'nickel ore' is nickel."""
    base = key.split(":", 1)[-1]
    head = base.split("-")[0]
    return head if head in _mineral_ids() else base


@lru_cache(maxsize=1)
def _mineral_ids() -> frozenset[str]:
    return frozenset(m.id.split(":", 1)[-1] for m in mineral_gazetteer().minerals.values())


def _overlap(a: list[str], b: list[str]) -> bool:
    return bool({_family(k) for k in a} & {_family(k) for k in b})


def _compatible_kind(a: Measure, cue: Cue) -> bool:
    if a.kind == cue.kind:
        return True
    if cue.generic and a.kind in EXPORT_KINDS and cue.kind in EXPORT_KINDS:
        return True
    return a.generic and cue.kind in EXPORT_KINDS and a.kind in EXPORT_KINDS


def group_cues(reader: _Reader, cues: list[Cue]) -> list[Measure]:
    """One measure per government, kind and set of minerals; a cue without minerals joins
    the latest measure it fits, and a bare "the ban" only refers back."""
    v = measure_vocabulary()
    measures: list[Measure] = []
    for cue in cues:
        country = next((k for k in cue.imposers if k.startswith("country:")), "")
        fits = [m for m in measures if _compatible_kind(m, cue)
                and (not country or not m.country or m.country == country or cue.anaphor)
                and (not cue.minerals or not m.minerals() or _overlap(cue.minerals, m.minerals()))
                and (not m.cues[0].named or not cue.named or m.cues[0].named == cue.named)
                and (not (m.cues[0].named or cue.named) or any(c.sent == cue.sent for c in m.cues)
                     or m.cues[0].named == cue.named)]
        if fits:
            home = fits[-1]
            if cue.anaphor:  # a referring word adds sentences and the agencies of the same government
                cue.imposers = [k for k in cue.imposers if reader.country_of(k) == home.country]
            home.cues.append(cue)
            if home.generic and not cue.generic:
                home.kind, home.generic = cue.kind, False
            continue
        if cue.anaphor or not cue.imposers:
            continue
        if not cue.minerals and not cue.mineral_words and not cue.named and not (
                cue.kind in PROJECT_KINDS and cue.companies):
            continue  # "restrictions on exports of semiconductor technology": not about minerals
        if cue.kind in v.requires_mineral and not cue.minerals:
            continue
        measures.append(Measure(cue.kind, [cue], cue.generic))
    return measures


# --- the measures of an article --------------------------------------------------------------


def _name(ctx: DocContext, measure: Measure) -> str:
    imposer = ctx.entity(measure.owner)
    who = imposer.name if imposer is not None else "Government"
    named = next((c.named for c in measure.cues if c.named), "")
    if named:
        return f"{who} {named}" if not named.startswith(who) else named
    minerals = [ctx.entity(k).name for k in measure.minerals() if ctx.entity(k) is not None]  # type: ignore[union-attr]
    if measure.kind in ("licence_revocation", "investment_screening"):
        companies = [ctx.entity(k).name for c in measure.cues for k in c.companies  # type: ignore[union-attr]
                     if ctx.entity(k) is not None]
        what = ", ".join(dict.fromkeys(companies)) or "mining rights"
        if minerals:
            what += f" ({', '.join(minerals)})"
        return f"{who} {KIND_WORDS[measure.kind]} {what}"
    if minerals:
        listed = minerals[0] if len(minerals) == 1 else ", ".join(minerals[:-1]) + " and " + minerals[-1]
    else:
        listed = "minerals"
    return f"{who} {KIND_WORDS[measure.kind]} {listed}"


def measure_key(owner: str, kind: str, minerals: list[str], named: str = "") -> str:
    """The id of a measure: ``measure:<government>:<kind>:<mineral families joined by +>``
    (``=<name>`` instead of minerals for a measure with a name of its own), so the same
    measure read in two articles has the same id (see :func:`parse_measure_key`)."""
    who = slug(owner.split(":", 1)[-1])
    what = f"={slug(named)}" if named else "+".join(sorted({_family(k) for k in minerals})) or ANY_MINERAL
    return f"measure:{who}:{kind}:{what}"


def parse_measure_key(node_id: str) -> tuple[str, frozenset[str]] | None:
    """``(government and kind, mineral families)`` of an id made by :func:`measure_key`;
    None for another id or a measure with a name of its own."""
    parts = node_id.split(":")
    if len(parts) != 4 or parts[0] != "measure" or parts[3].startswith("="):
        return None
    return f"{parts[1]}:{parts[2]}", frozenset(parts[3].split("+")) - {ANY_MINERAL}


def extract_measures(ctx: DocContext, rels: list[Rel], stated: str = "") -> list[Rel]:
    """Register the article's measures in ``ctx.registry`` and return their links
    (IMPOSED_BY, TARGETS, AFFECTS), each with the sentences that state it.  ``stated``
    is the article's publication date: a measure's status is the latest stated."""
    reader = _Reader(ctx, rels)
    cues: list[Cue] = []
    previous: list[str] = []
    for sent, sm in zip(ctx.sentences, ctx.found, strict=True):
        if sent.heading:
            continue
        found = read_cues(reader, sent, sm, previous)
        cues += found
        for cue in found:
            if cue.imposers and not cue.anaphor:
                previous = cue.imposers
    out: list[Rel] = []
    counts: Counter[str] = Counter()
    for measure in group_cues(reader, cues):
        named = next((c.named for c in measure.cues if c.named), "")
        key = measure_key(measure.owner, measure.kind, measure.minerals(), named)
        status = next((c.status for c in measure.cues if c.status and not c.weak_status),
                      next((c.status for c in measure.cues if c.status), None)) or "in_force"
        year = next((c.year for c in measure.cues if c.year), None)
        entity = ctx.registry.add_described("Measure", key, _name(ctx, measure), measure.cues[0].sent)
        counts[key] += 1
        entity.props.setdefault("kind", measure.kind)
        entity.props.setdefault("status", status)
        if year is not None:
            entity.props.setdefault("year", year)
        entity.props[STATED_PROPERTY] = stated
        for cue in measure.cues:
            for imposer in cue.imposers:
                out.append(Rel(key, "IMPOSED_BY", imposer, 0.7, [cue.evidence]))
            for mineral in cue.minerals:
                out.append(Rel(key, "TARGETS", mineral, 0.7, [cue.evidence]))
            for company in cue.companies:
                out.append(Rel(key, "AFFECTS", company, 0.6, [cue.evidence]))
    return out


__all__ = ["Cue", "Measure", "extract_measures", "measure_key", "measure_vocabulary", "parse_measure_key", "read_cues"]
