"""Who imposes a measure: the government a cue's clause names (its owner, its subject or
an agent after it), read with what the article says about its actors (who works for
which government, where agencies are based, countries written twice as one)."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import cached_property

from minegraph.loaders.gazetteer import vocabulary
from minegraph.loaders.measures.vocabulary import EXPORT_KINDS, measure_vocabulary
from minegraph.loaders.mentions import Mention, SentenceMentions
from minegraph.loaders.relations.context import DocContext, Rel
from minegraph.loaders.sentences import Sentence

#: a country named as what a measure is aimed at or where something happens, not who imposes it
_OBJECT_BEFORE = re.compile(r"\b(?:to|from|on|against|into|towards|toward|with|over|about|in|at|for|by|than|like)\s+"
                            r"(?:the\s+)?$", re.I)
#: a demonym that names a government ("the Chinese government", "Congolese regulators")
_GOVERNMENT_AFTER = re.compile(
    r"^[’']?s?\s*(?:[a-z-]+\s+)?(?:government|administration|authorities|regulators?|officials|cabinet|state|"
    r"ministry|ministers?|parliament|congress|senate|president|prime\s+minister|leader|lawmakers|junta|regime|"
    r"military|treasurer|treasury)\b", re.I)
#: a country named as a whole; what follows is not something the country owns or buys
NOT_IMPOSER_AFTER = re.compile(
    r"^[’']?s?\s*(?:[\w-]+\s+){0,2}?(?:imports?(?!\s+(?:dut|tariff|tax|lev|ban|quota|control|licen|restriction|curb|"
    r"permit))|goods|firms?|companies|company|investors?|miners?|producers?|"
    r"buyers?|consumers?|markets?|supply\s+chains?|[a-z]*-controlled|industry|industries|exporters|importers|"
    r"customers|demand|dominance|share|output|production|reserves|deposits)\b", re.I)
#: an organisation named as a source or a party spoken to, not as who acts
_SOURCE_BEFORE = re.compile(r"\b(?:according\s+to|to|from|with|against|than|like|on|into)\s+(?:the\s+)?$", re.I)
#: "Ruritania (RU)": what stands between a country's name and its code in brackets
_OPEN_BRACKET = re.compile(r"\s*\(\s*")
_GOVERNMENT_KINDS_EXTRA = frozenset({"intergovernmental", "parliament", "cabinet"})


@dataclass
class _ArticleReading:
    """What :class:`ArticleFacts` reads off the whole article (see there)."""

    employer: dict[str, list[str]]
    based: dict[str, str]
    same: dict[str, str]
    main_mineral: str | None
    topic_mineral: str | None


class ArticleFacts:
    """What the cues of one article need beyond their sentence: who works for whom, where
    agencies are based (from the relationships read already), countries written as one
    ("Ruritania (RU)"), and the mineral the article is about. These are read when a cue first
    asks for one, all at once (most articles state no measure: their sentences hold no cue), and
    before anything a cue adds to the article (a country it places a measure in)."""

    def __init__(self, ctx: DocContext, rels: list[Rel], published: str = "") -> None:
        self.ctx = ctx
        self.published = published  # the article's date (YYYY-MM-DD, "" when unknown)
        self._rels = rels
        self._governments: dict[int, list[Mention]] = {}
        #: sentence text -> its mentions (made once, for the first BASED_IN read)
        self._by_text: dict[str, SentenceMentions] | None = None
        self.government = vocabulary().government_kinds | _GOVERNMENT_KINDS_EXTRA

    @property
    def employer(self) -> dict[str, list[str]]:
        return self._reading.employer

    @property
    def based(self) -> dict[str, str]:
        return self._reading.based

    @property
    def same(self) -> dict[str, str]:
        return self._reading.same

    @property
    def main_mineral(self) -> str | None:
        return self._reading.main_mineral

    @property
    def topic_mineral(self) -> str | None:
        return self._reading.topic_mineral

    @cached_property
    def _reading(self) -> _ArticleReading:
        ctx = self.ctx
        employer: dict[str, list[str]] = {}
        based: dict[str, str] = {}
        for r in self._rels:
            target = ctx.entity(r.target)
            if target is None:
                continue
            if r.type == "WORKS_FOR":
                # a person's government is taken only when a sentence stating it names it
                if not any(form in sentence for sentence in r.evidence for form in target.forms()):
                    continue
                employer.setdefault(r.source, []).append(r.target)
            elif r.type == "BASED_IN" and self._states_base(r):
                based.setdefault(r.source, r.target)
        same: dict[str, str] = {}
        minerals: Counter[str] = Counter()
        for sent, sm in zip(ctx.sentences, ctx.found, strict=True):
            ms = [m for m in sm.mentions if not m.inner and m.entity]
            for a, b in zip(ms, ms[1:], strict=False):
                if (a.label == b.label == "Country" and a.entity != b.entity
                        and _OPEN_BRACKET.fullmatch(sent.text[a.end:b.start])
                        and sent.text.startswith(")", b.end)):
                    same[a.entity] = b.entity  # "Ruritania (RU)": one country, named twice
            if not sent.heading:
                minerals.update(m.entity for m in ms if m.label == "Mineral")
        ranked = minerals.most_common(2)  # ties in the order first named
        # the mineral the article is about: named at least twice, and more often than any other;
        # the mineral an operation the article reports on is about: the most named, else the first
        top = ranked[0][0] if ranked else None
        main = top if ranked and ranked[0][1] >= 2 and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]) else None
        return _ArticleReading(employer, based, same, main, top)

    def _states_base(self, rel: Rel) -> bool:
        """Whether a sentence behind a BASED_IN names the country for the organisation (by
        name, or by a possessive or adjective right before it), not a country that only
        describes something else ("... reliance on Ruritanian supply chains")."""
        if self._by_text is None:
            self._by_text = {sent.text: sm for sent, sm in zip(self.ctx.sentences, self.ctx.found, strict=True)}
        by_text = self._by_text
        named_apart = False
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
                named_apart = True
        # a base read from elsewhere (another name of the organisation) stands; one read off
        # a demonym that describes something else does not
        return not named_apart

    def governments_in(self, index: int) -> list[Mention]:
        """The mentions of sentence ``index`` that may be a government imposing a measure."""
        found = self._governments.get(index)
        if found is None:
            sent, sm = self.ctx.sentences[index], self.ctx.found[index]
            found = self._governments[index] = candidates(self, sm, sent.text)
        return found

    def is_government(self, key: str) -> bool:
        e = self.ctx.entity(key)
        if e is None:
            return False
        if e.label == "Country":
            return True
        if e.label != "Agency":
            return False
        return e.props.get("kind") in self.government or self.is_union(key)

    def is_union(self, key: str) -> bool:
        """Whether ``key`` is a body that imposes measures for several countries (the EU)."""
        e = self.ctx.entity(key)
        v = measure_vocabulary()
        return e is not None and any(v.imposing_bodies.match(form) for form in e.forms())

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
#: what joins a country to the one before it in a list: ", ", " and ", ", or the "
_AND_OR = re.compile(r"\s*(?:,|,?\s*(?:and|or))\s*(?:the\s+)?")
#: "A's new", "A ": a possessor right before a cue, a few words apart at most
_POSS_WORDS = re.compile(r"(?:[’']s)?\s+(?:[\w-]+\s+){0,2}")
_BRACKETS = re.compile(r"\([^()]*\)|[()]")
_LIST_JOIN = re.compile(r"\s*(?:,|and|,\s*and)\s*(?:the\s+)?")
_RELATIVE = re.compile(r"\s*(?:which|that)\b")
#: "imposed by the", "which the": the agent of a cue named after it
_AGENT_BEFORE = re.compile(r"\b(?:by|that|which)\s+(?:the\s+)?$")
_NOT_IMPOSER_OWNED = re.compile(
    r"^[’']s?\s+(?:[\w-]+\s+){0,2}?(?:imports?|goods|firms?|companies|company|investors?|miners?|buyers?|"
    r"consumers?|customers|exporters|importers)\b", re.I)


def candidates(reader: ArticleFacts, sm: SentenceMentions, text: str) -> list[Mention]:
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
            follows_excluded = excluded is not None and _AND_OR.fullmatch(text[excluded.end:m.start]) is not None
            if (m.kind == "venue" or follows_excluded
                    or (not m.possessive and _OBJECT_BEFORE.search(text[max(0, m.start - 30):m.start]))
                    or (m.kind == "demonym" and not m.possessive and not _GOVERNMENT_AFTER.match(after))
                    or (_NOT_IMPOSER_OWNED if m.possessive else NOT_IMPOSER_AFTER).match(after)):
                excluded = m
                continue
            out.append(m)
        elif m.label in ("Agency", "Person") and reader.imposers_of(m.entity) and (
                m.possessive or not _SOURCE_BEFORE.search(text[max(0, m.start - 30):m.start])):
            out.append(m)
    return out


def _possessor(cands: list[Mention], text: str, start: int, end: int, kind: str = "") -> Mention | None:
    """'China's export controls', 'the EU's list of critical raw materials', 'US tariffs on',
    'minerals identified in the UK's critical minerals strategy' (not the bidder in 'blocked
    Ruritania's bid')."""
    inside = [m for m in cands if start <= m.start and m.end <= end and m.possessive
              and kind != "investment_screening"]
    if inside:
        return inside[-1]
    for m in reversed(cands):
        if m.end > start:
            continue
        gap = text[m.end:start]
        if _POSS_WORDS.fullmatch(gap) and (m.possessive or m.label == "Country"):
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
        gap = _BRACKETS.sub(" ", text[m.end:chosen[0].start])
        if _LIST_JOIN.fullmatch(gap):
            chosen.insert(0, m)
        else:
            break
    return chosen


def imposers_of_cue(reader: ArticleFacts, sent: Sentence, cands: list[Mention], cue: tuple[int, int],
                    clause: tuple[int, int], previous: list[str], kind: str = "") -> list[str]:
    """The government that imposes the measure of a cue: the owner of the cue ("China's
    controls"), else the subject before it in its clause (of the clause before, for a
    "..., which will ban"), else an agent after it ("... imposed by Ruritania", "bans that
    Ruritania imposed"), else the government of the measure read before, else the
    nearest country."""
    text = sent.text
    start, end = cue
    chosen = _named_imposers(reader, sent, cands, cue, clause, kind)
    if chosen is None:
        return []  # "Acme Mining halted exports": a company's decision is not a measure
    keys: list[str] = []
    for m in chosen:
        keys += reader.imposers_of(m.entity)
    _add_speakers(reader, cands, text, end, keys)
    if keys:
        return _with_its_country(reader, sent, start, keys, previous)
    return _unnamed_government(reader, sent, cands, start, clause, previous)


def _named_imposers(reader: ArticleFacts, sent: Sentence, cands: list[Mention], cue: tuple[int, int],
                    clause: tuple[int, int], kind: str) -> list[Mention] | None:
    """The governments the sentence names imposing the cue's measure: its owner ("China's controls",
    "a ban on Ruritanian ore exports"), else the subject before it (coordinated; for "..., which will
    prohibit" the antecedent), else an agent after it (:func:`_agent_after`); none for a company's
    own decision ("Acme Mining halted exports")."""
    text = sent.text
    start, end = cue
    found = reader.ctx.found[sent.index].mentions
    owner = _possessor(cands, text, start, end, kind)
    if owner is None and kind in EXPORT_KINDS:  # "a ban on Ruritanian ore exports": the exporter's own measure
        owner = next((m for m in found if m.label == "Country" and m.entity
                      and not m.inner and m.kind != "venue" and start <= m.start < end
                      and _EXPORTER_AFTER.match(text, m.end)), None)
    if owner is not None:
        return [owner]
    before = [m for m in cands if clause[0] <= m.start and m.end <= start]
    subject = next((m for m in reversed(found) if clause[0] <= m.start
                    and m.end <= start and not m.inner and m.label in ("Country", "Agency", "Company")
                    and m.entity), None)
    if subject is not None and subject.label == "Company" and not reader.is_government(subject.entity) and (
            not before or before[-1].end <= subject.start) and not subject.possessive and not (
            _OBJECT_BEFORE.search(text, max(0, subject.start - 30), subject.start)):
        return None
    if not before and _RELATIVE.match(text[clause[0]:clause[0] + 8]):
        before = [m for m in cands if m.end <= clause[0]]  # "..., which will prohibit": its antecedent
    if before:
        return _coordinated(cands, text, before[-1])
    return _agent_after(reader, sent, cands, end)


def _agent_after(reader: ArticleFacts, sent: Sentence, cands: list[Mention], end: int) -> list[Mention]:
    """The agent after a cue ("... imposed by Ruritania", "bans that Ruritania imposed"), else who
    grants what it needs ("exports will need approval from the commerce ministry"; "approval from
    Ruritania's Ministry of Commerce": the ministry too); none."""
    text = sent.text
    found = reader.ctx.found[sent.index].mentions
    agent = next((m for m in cands if m.start >= end
                  and _AGENT_BEFORE.search(text[max(0, m.start - 12):m.start])
                  and m.start - end < 40), None)
    if agent is not None:
        return [agent]
    agent = next((m for m in found if m.entity and not m.inner
                  and m.label in ("Country", "Agency") and m.start >= end and m.start - end < 60
                  and _GRANTOR_BEFORE.search(text, max(0, m.start - 40), m.start)
                  and reader.imposers_of(m.entity)), None)
    if agent is None:
        return []
    chosen = [agent]
    # "approval from Ruritania's Ministry of Commerce": the ministry the country's name describes
    after = next((m for m in found if m.start >= agent.end
                  and m.entity and not m.inner and m.label == "Agency"), None)
    if after is not None and agent.possessive and not text[agent.end:after.start].strip(" ’'s"):
        chosen.append(after)
    return chosen


def _add_speakers(reader: ArticleFacts, cands: list[Mention], text: str, end: int, keys: list[str]) -> None:
    """'..., the mining regulator (RMRA) said': the agency that speaks for the measure imposes it
    too, when it is a ministry of the measure's own government (or of no country the article says,
    beside a government it does say), never an intergovernmental body. Appends to ``keys``."""
    speakers = [m.entity for m in cands if m.start >= end and m.label == "Agency" and _SAID_AFTER.match(text, m.end)
                and not reader.is_union(m.entity)]
    countries = {reader.country_of(k) for k in keys} - {None}
    for speaker in speakers:
        agency = reader.ctx.entity(speaker) if speaker else None
        if agency is None:
            continue  # a mention with no entity behind it speaks for no one
        home = reader.country_of(speaker)
        national = agency.props.get("kind") not in _GOVERNMENT_KINDS_EXTRA
        if (home in countries) or (home is None and countries and national) or (home is not None and not countries):
            keys += [k for k in reader.imposers_of(speaker) if k not in keys]


def _with_its_country(reader: ArticleFacts, sent: Sentence, start: int, keys: list[str],
                      previous: list[str]) -> list[str]:
    """The imposers ``keys``, their country first: the one among them, else for a national agency
    whose country the article does not say, the government read before, else the one the passage
    is about."""
    where = next((k for k in keys if reader.ctx.label(k) == "Country"), None)
    if where is None and not any(reader.is_union(k) for k in keys):
        where = next((k for k in previous if k.startswith("country:")), None) or passage_government(
            reader, sent, start)
        if where is not None:
            where = reader.same.get(where, where)
            reader.ctx.ensure_country(where)
    return [k for k in dict.fromkeys([where, *keys]) if k]


def _unnamed_government(reader: ArticleFacts, sent: Sentence, cands: list[Mention], start: int,
                        clause: tuple[int, int], previous: list[str]) -> list[str]:
    """A measure no one is named imposing: the government read before, else the one the passage names
    (this sentence, the two before, the headline, the dateline), else the nearest country, else the
    one the article is most about; never a country the clause names as what the measure is aimed at
    ("tariffs on Chinese imports")."""
    text = sent.text
    aimed_at = {reader.same.get(m.entity, m.entity) for m in reader.ctx.found[sent.index].mentions
                if m.label == "Country" and m.entity and clause[0] <= m.start < clause[1] and m not in cands
                and m.kind != "venue" and (_AIMED_BEFORE.search(text, max(0, m.start - 30), m.start)
                                           or _AIMED_AFTER.match(text, m.end))}
    if previous and not aimed_at & set(previous):
        return list(previous)
    options = [passage_government(reader, sent, start, aimed_at), reader.ctx.nearest_country(sent.index, start),
               *[k for i in (sent.index + 1,) if i < len(reader.ctx.sentences) for m in reader.governments_in(i)
                 for k in reader.imposers_of(m.entity)[:1]], *reader.ctx.focal]
    where = next((reader.same.get(k, k) for k in options if k and reader.same.get(k, k) not in aimed_at), None)
    if where is None:
        return []
    reader.ctx.ensure_country(where)
    return [where]


#: a country named as the one whose exports a measure is on
_EXPORTER_AFTER = re.compile(r"[’']?s?\s+(?:[\w-]+\s+){0,2}?(?:exports|shipments)\b", re.I)
#: a country a measure is aimed at: "tariffs on China", "exports to Japan", "Chinese imports"
_AIMED_BEFORE = re.compile(r"\b(?:to|from|on|against|towards?)\s+(?:the\s+)?$", re.I)
_AIMED_AFTER = re.compile(r"[’']?s?\s+(?:[\w-]+\s+)?(?:imports?(?!\s+(?:dut|tariff|tax|lev|ban|quota|control|licen))|"
                          r"goods|products|firms?|company|companies|investors?|buyers?|bidders?|acquirers?|groups?|"
                          r"consumers|customers|importers)\b(?:['’]s)?", re.I)
#: an agency speaking for the measure: "..., the mining regulator (MRA) said"
_SAID_AFTER = re.compile(r"(?:\s+(?:of|for|on)\s+[^,;.()]{0,60}?)?\s*(?:\([^()]{1,40}\)\s*)?"
                         r"(?:said|says|announced|stated|confirmed|added)\b")
#: a government named as the one that grants a licence or an approval
_GRANTOR_BEFORE = re.compile(r"\b(?:approval|licen[cs]es?|permits?|permission|authori[sz]ation|clearance|consent)\s+"
                             r"(?:\w+\s+){0,2}?(?:from|by|of)\s+(?:the\s+)?(?:[\w’'-]+\s+){0,2}?$", re.I)


def passage_government(reader: ArticleFacts, sent: Sentence, pos: int, but: set[str] | None = None) -> str | None:
    """The country of the government the passage around a point names: earlier in its
    sentence (the nearest), else in the two sentences before (the first named, a sentence's
    subject), else in the headline, else the dateline's; never one of ``but``."""
    here = [m for m in reader.governments_in(sent.index) if m.end <= pos]
    order = ([here[-1]] if here else []) + [m for i in (sent.index - 1, sent.index - 2) if i >= 0
                                            and not reader.ctx.sentences[i].heading
                                            for m in reader.governments_in(i)[:1]]
    order += [m for i, s in enumerate(reader.ctx.sentences[:3]) if s.heading for m in reader.governments_in(i)[:1]]
    for m in order:
        country = next((k for k in reader.imposers_of(m.entity) if reader.ctx.label(k) == "Country"), None)
        if country is not None and country not in (but or ()):
            return country
    return reader.ctx.dateline

