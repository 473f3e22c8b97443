"""Where organisations are based and which body is part of which: BASED_IN, PART_OF."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

from minegraph.loaders.entities import Entity, is_portfolio_body, name_with_country
from minegraph.loaders.gazetteer import alternation, countries, vocabulary, word_led
from minegraph.loaders.mentions import Mention, SentenceMentions
from minegraph.loaders.relations.context import ACTORS, DocContext, Out, Rel, is_descriptor, step
from minegraph.loaders.relations.patterns import vocab_patterns as vp
from minegraph.loaders.sentences import Sentence

#: the words that open the list of ``demonym_list`` ("Ruritanian firms, including ..."): one is in each match
_LIST_OPENERS = ("including", "such as", "like", "namely")


#: the patterns :func:`based_in` tries at every organisation (compiled once, not looked up per call)
_BASED_GAP = re.compile(r"-based\s+(?:[a-z][\w-]*\s+){0,3}$")
_PUNCT = re.compile(r"[,;.()]")
_COORD_GAP = re.compile(r"\s(?:and|or|with|between|to|from)\s")


#: "Ruritania's mining industry association, Acme": a lowercase appositive noun after a possessive
_POSS_APPOSITIVE = re.compile(r"[’']s\s+(?:[a-z][\w-]*\s+){1,4}?[a-z][\w-]*,\s+")
_LOWER_NEXT = re.compile(r"\s+[a-z]")
#: "Ruritania-based", "UK-incorporated", "Ruritania-registered": a firm's home joined to its country
_BASED_SUFFIX = re.compile(r"-(?:based|incorporated|registered|headquartered)\b")
_AND_WORDS = re.compile(r"\s+and\s+(?:[a-z][\w-]*\s+){1,3}")
_AND = re.compile(r"\s+and")
#: "X in Australia", "X of Kazakhstan", "X, headquartered in Chile"
_OF_GAP = re.compile(
    r"^\s+(?:[a-z][\w-]*\s+)?(?:unit|subsidiary|arm|branch|division|affiliate|office|partner)\s+of\s+(?:the\s+)?$"
)
_BASED_WORD = re.compile(r"\b(?:based|headquartered|registered|incorporated)\b")
_IN_COUNTRY_AFTER = re.compile(
    r"(?:\s+(?:in|of|based\s+in)|(?:,|\s+(?:is|was))\s+(?:also\s+|which\s+is\s+|an?\s+(?:[a-z][\w-]*\s+){1,3}?)?"
    r"(?:based|headquartered|registered|incorporated)\s+in"
    # "X, a company from Ruritania", "X, a state-owned company of Ruritania"
    r"|,\s+an?\s+(?:[a-z][\w-]*\s+){0,2}?(?:company|firm|group|miner|producer|developer|explorer|refiner|maker"
    r"|corporation|enterprise)\s+(?:from|of))"
    r"\s+(?:the\s+)?"
)
#: where a list after "<demonym> companies, including" ends
_DEMONYM_LIST_END = re.compile(
    r"[;:!?]|\.(?=\s+[A-Z]|\s*$)|,\s+(?!and\b)[a-z]|\s(?:were|was|are|is|have|has|will|signed|said)\b"
)
#: "Ruritania's Deputy Chairman of the", after a country's possessive
_POSS_TITLE_OF = re.compile(r"[’']s\s+(?:[A-Za-z-]+\s+){1,5}?(?:of|at)\s+(?:the\s+)?")


@dataclass
class Siting:
    """One sentence read for where its organisations are based: what the role fillers of
    :func:`based_in` share, with the countries each organisation's descriptor named (``placed``,
    by mention index: "Japanese refiner A and trading house B" gives B the descriptor of A)."""

    ctx: DocContext
    sent: Sentence
    sm: SentenceMentions
    out: Out
    placed: dict[int, list[Mention]] = field(default_factory=dict)

    @property
    def text(self) -> str:
        return self.sent.text

    @cached_property
    def lists(self) -> bool:
        """Whether the sentence can hold a list of a country's firms: every list match holds an opener."""
        return any(w in self.text for w in _LIST_OPENERS)


@step(reads=(), writes=("BASED_IN:stated",))
def based_in(ctx: DocContext, sent: Sentence, sm: SentenceMentions, out: Out) -> None:
    """Where the sentence's organisations are based: each role filler of :data:`BASED_IN_FILLERS` in turn."""
    for m in sm.mentions:  # every filler places an agency or firm of the sentence: none, nothing to read
        if m.entity and (m.label == "Agency" or m.label == "Company"):
            break
    else:
        return
    s = Siting(ctx, sent, sm, out)
    for filler in BASED_IN_FILLERS:
        filler(s)


@step(writes=("BASED_IN:described",))
def described_homes(s: Siting) -> None:
    """Each agency or firm of the sentence, based where the first of :data:`_HOME_READINGS` that
    reads its name, a word before it or what describes it after it says."""
    for i, m in enumerate(s.sm.mentions):
        if m.label not in ("Agency", "Company") or not m.entity:
            continue
        e = s.ctx.entity(m.entity)
        if e is None:
            continue
        for read in _HOME_READINGS:
            if read(s, i, m, e):
                break


# --- the readings of one organisation's home, in the order of _HOME_READINGS: each writes BASED_IN
# --- and returns whether it decided the organisation's home -------------------------------------


def _home_in_name(s: Siting, i: int, m: Mention, e: Entity) -> bool:
    """A country in the name ("the Ruritania Mining Agency"; "Namibia Lithium Inc. (Canada)": the
    bracket's country, not the name's; a body named after two countries is based in neither), or a
    place the name joins in (:func:`_place_in_name`)."""
    text, out = s.text, s.out
    if e.name_countries and e.props.get("kind") != "intergovernmental":
        bracketed = _bracket_country(s.sm.mentions, m, text)
        if bracketed is None and len(set(e.name_countries)) > 1:
            return True  # "the Ruritania-Freedonia Joint Committee" belongs to both: based in neither
        out.add(m.entity, "BASED_IN", bracketed or f"country:{e.name_countries[0].lower()}", 0.9, text)
        return True
    named = _place_in_name(e.name, e.props.get("kind") in vocabulary().government_kinds)
    if named:
        s.ctx.ensure_country(named)
        out.add(m.entity, "BASED_IN", named, 0.85, text)
        return True
    return False


def _home_of_the_country(s: Siting, i: int, m: Mention, e: Entity) -> bool:
    """"the country's X": the country named last before it."""
    if _COUNTRY_OWNER.search(s.text, max(0, m.start - 50), m.start):
        owner = _last_country(s.ctx, s.sent.index, m.start)
        if owner:
            s.out.add(m.entity, "BASED_IN", owner, 0.8, s.text)
            return True
    return False


def _home_before(s: Siting, i: int, m: Mention, e: Entity) -> bool:
    """"Korea's X", "Mongolia's state-owned X", "German firm X", "US firm X", "Lima-based X": the
    countries of the descriptor before the name (kept in ``s.placed``)."""
    ms, text = s.sm.mentions, s.text
    prev = [o for o in ms[:i] if o.label == "Country" and not o.inner and o.entity]
    if not prev or not _describes(prev[-1], m, ms, text):
        return False
    for c in _joined_countries(prev, text):
        s.ctx.ensure_country(c.entity)
        s.out.add(m.entity, "BASED_IN", c.entity, 0.85, text)
    s.placed[i] = _joined_countries(prev, text)
    return True


def _describes(p: Mention, m: Mention, ms: list[Mention], text: str) -> bool:
    """Whether the country ``p`` before the name ``m`` describes it: a possessive or demonym, a
    "-based", a name with a cue word or right before; a short gap with no punctuation, coordination,
    "unit of" or other actor between."""
    gap = text[p.end : m.start]
    based_gap = _BASED_GAP.match(gap) is not None
    # "Ruritania's mining industry association, Acmeb": a lowercase appositive noun, then the name
    described = p.possessive and _POSS_APPOSITIVE.fullmatch(gap)
    return bool(
        (
            ((p.possessive or p.kind == "demonym") and p.kind != "venue")
            or based_gap
            or (p.kind == "name" and vp().cue_gap.fullmatch(gap) is not None)
            or (p.kind == "name" and gap == " ")  # "the U.S. International Finance Agency"
        )
        and len(gap) <= 45
        and (described or not _PUNCT.search(gap.replace("’s", "").replace("'s", "")))
        # "the Ruritanian government and the Bureau": a coordination ends what the adjective describes
        and not _COORD_GAP.search(gap)
        # "the Ruritanian unit of Acme": the adjective is the unit's, not Acme's
        and not _OF_GAP.search(gap)
        and not any(
            o.start > p.end and o.end <= m.start and o.label in ACTORS + ("Person",) and not o.inner for o in ms
        )
    )


#: what opens a descriptor before a name set off by a comma: "a South Korean steelmaker, X", "its
#: 85%-owned Ruritanian subsidiary, X"
_DESCRIPTOR_OPENS = re.compile(r"(?:^|\s)(?:[Aa]n?|[Ii]ts|[Tt]heir)\s+(?:[\w%-]+\s+){0,2}?$")


@lru_cache(maxsize=1)
def _descriptor_then_name() -> re.Pattern:
    """The words from a country to a name after its descriptor: "steelmaker, " in "a Korean steelmaker, X"."""
    v = vocabulary()
    nouns = v.company_cues | v.agency_cues | {"subsidiary", "unit", "affiliate", "arm"}
    return re.compile(r"\s+(?:[a-z][\w-]*\s+){0,2}?(?:" + alternation(nouns) + r"),\s+")


@lru_cache(maxsize=1)
def _name_then_noun() -> re.Pattern:
    """After a country's name used as an adjective: an organisation's noun ("U.S. company")."""
    v = vocabulary()
    return re.compile(r"\s+(?:[a-z][\w-]*\s+){0,2}?(?:" + alternation(v.company_cues | v.agency_cues) + r")\b")


def _home_described_before(s: Siting, i: int, m: Mention, e: Entity) -> bool:
    """"a South Korean steelmaker, X", "its 85%-owned Ruritanian subsidiary, X", "a U.S. firm, X": the
    descriptor's country, its noun an organisation's, right before the name and a comma."""
    ms, text = s.sm.mentions, s.text
    if i == 0 or not text.startswith(",", m.start - 2):
        return False
    p = ms[i - 1]
    if p.label != "Country" or p.inner or not p.entity or p.possessive or p.kind not in ("demonym", "name"):
        return False
    if not _descriptor_then_name().fullmatch(text, p.end, m.start) or not _DESCRIPTOR_OPENS.search(text, 0, p.start):
        return False
    s.ctx.ensure_country(p.entity)
    s.out.add(m.entity, "BASED_IN", p.entity, 0.8, text)
    return True


def _home_in_bracket(s: Siting, i: int, m: Mention, e: Entity) -> bool:
    """A press release's bracket: "Acme Graphite Inc. ("AG"; Quebec, Canada)", "Acme Ltd (Perth, Australia)"."""
    home_key = _bracket_country(s.sm.mentions, m, s.text)
    if home_key:
        s.ctx.ensure_country(home_key)
        s.out.add(m.entity, "BASED_IN", home_key, 0.8, s.text)
        return True
    return False


def _home_in_appositive(s: Siting, i: int, m: Mention, e: Entity) -> bool:
    """"X, a Peruvian copper miner", "X, a Lima-based developer", "X ("XC"), a Peruvian miner",
    "X, a Swiss-Chilean explorer" (demonyms joined by hyphens, each a home)."""
    ms, text = s.sm.mentions, s.text
    alias = _ALIAS_BRACKET.match(text, m.end)
    told = alias.end() if alias else m.end  # where what describes the firm begins
    appos = _APPOSITIVE_ARTICLE.match(text[told:])
    if not appos:
        return False
    cm = next((o for o in ms if o.start == told + appos.end() and o.label == "Country" and o.entity), None)
    joined = [cm] if cm is not None else []
    while joined and joined[-1].kind == "demonym" and text[joined[-1].end : joined[-1].end + 1] == "-":
        nxt = next((o for o in ms if o.start == joined[-1].end + 1 and o.label == "Country" and o.entity), None)
        if nxt is None or nxt.kind != "demonym":
            break
        joined.append(nxt)
    last = joined[-1] if joined else None
    if last is not None and (
        (last.kind == "demonym" and _LOWER_NEXT.match(text[last.end :]))
        or _BASED_SUFFIX.match(text[last.end :])
        # "X, a privately held U.S. company": a country's name as the adjective of an organisation's noun
        or (last.kind == "name" and not last.possessive and _name_then_noun().match(text, last.end))
    ):
        for c in joined if last.kind == "demonym" else joined[-1:]:
            s.ctx.ensure_country(c.entity)
            s.out.add(m.entity, "BASED_IN", c.entity, 0.8, text)
        return True
    return False


def _home_owned_after(s: Siting, i: int, m: Mention, e: Entity) -> bool:
    """"X, Ruritania's largest lithium producer"."""
    text = s.text
    if text.startswith(", ", m.end):
        home = next((o for o in s.sm.mentions if o.start == m.end + 2 and o.label == "Country" and o.entity), None)
        if home is not None and home.possessive and _APPOSITIVE_OWNER.match(text, home.end):
            s.out.add(m.entity, "BASED_IN", home.entity, 0.8, text)
            return True
    return False


def _home_shared(s: Siting, i: int, m: Mention, e: Entity) -> bool:
    """"Japanese refiner A and trading house B": B shares A's descriptor (read from ``s.placed``)."""
    ms, text = s.sm.mentions, s.text
    j = i - 1
    while j >= 0 and ms[j].label not in ACTORS + ("Person",):
        j -= 1
    if j >= 0 and j in s.placed and ms[j].label == "Company" and m.label == "Company":
        link = text[ms[j].end : m.start]
        if _AND_WORDS.fullmatch(link) and vp().cue_gap.fullmatch(
            link[len(_AND.match(link).group()) :]  # type: ignore[union-attr]
        ):
            for c in s.placed[j]:
                s.out.add(m.entity, "BASED_IN", c.entity, 0.7, text)
            s.placed[i] = s.placed[j]
            return True
    return False


def _home_after(s: Siting, i: int, m: Mention, e: Entity) -> bool:
    """"X in Australia", "X of Kazakhstan", "X (TSX: XL), based in Vancouver" (after a bracket only
    "based in ...": "Acme (AC) in Peru" may be anything; "based in <city>": its country)."""
    text = s.text
    end = _after_bracket(text, m.end)
    after = _IN_COUNTRY_AFTER.match(text[end:])
    if after and end > m.end and not _BASED_WORD.search(after.group()):
        after = None
    if after:
        nxt = next((o for o in s.sm.mentions if o.start == end + after.end() and o.label == "Country"), None)
        based_there = _BASED_WORD.search(after.group()) is not None
        if nxt is not None and nxt.entity and (nxt.kind not in ("venue", "city") or based_there):
            s.ctx.ensure_country(nxt.entity)  # "based in <city>": the city stands for its country
            s.out.add(m.entity, "BASED_IN", nxt.entity, 0.8, text)
            return True
    return False


_HOME_READINGS: tuple[Callable[[Siting, int, Mention, Entity], bool], ...] = (
    _home_in_name,
    _home_of_the_country,
    _home_before,
    _home_described_before,
    _home_in_bracket,
    _home_in_appositive,
    _home_owned_after,
    _home_shared,
    _home_after,
)


@step(writes=("BASED_IN:country_list",))
def country_firm_lists(s: Siting) -> None:
    """A list after "<Country> critical minerals companies, including A and B" (a country's name
    used as an adjective): each listed firm is based there."""
    ms, text = s.sm.mentions, s.text
    for c in ms if s.lists else ():
        if c.label != "Country" or c.kind != "name" or c.inner or not c.entity:
            continue
        listed = _COUNTRY_FIRMS.match(text, c.end)
        if listed:
            for o in _list_after(ms, listed.end(), text):
                s.out.add(o.entity, "BASED_IN", c.entity, 0.8, text)


@step(writes=("BASED_IN:demonym_list",))
def demonym_firm_lists(s: Siting) -> None:
    """A list after "<demonym> companies, including A, B and C": each listed body is based there."""
    text = s.text
    if not s.lists:
        return
    gaz = countries()
    for dm in vp().demonym_list.finditer(text):
        iso = gaz.surfaces[dm.group(1)][0]
        end = len(text)
        stop = _DEMONYM_LIST_END.search(text[dm.end() :])
        if stop:
            end = dm.end() + stop.start()
        for o in s.sm.mentions:
            if dm.end() <= o.start < end and o.label in ("Company", "Agency") and o.entity:
                s.out.add(o.entity, "BASED_IN", f"country:{iso.lower()}", 0.8, text)


@step(writes=("BASED_IN:titled",))
def titled_bodies(s: Siting) -> None:
    """"Ruritania's Deputy Chairman of the Mining Committee": the body of a country's official
    (one whose name names no country) is based in that country."""
    ms, text, ctx = s.sm.mentions, s.text, s.ctx
    for p in ms:
        if p.label == "Country" and p.possessive and p.entity:
            window = text[p.end : p.end + 80]
            mm = _POSS_TITLE_OF.match(window)
            if mm and vp().title_word.search(mm.group()):
                org = next((o for o in ms if o.start == p.end + mm.end() and o.label in ("Agency", "Company")), None)
                if org is None or not org.entity:
                    continue
                body = ctx.entity(org.entity)
                if body is not None and not body.name_countries:  # no entity behind the mention: no home
                    s.out.add(org.entity, "BASED_IN", p.entity, 0.75, text)


#: the role fillers of :func:`based_in`, in the order they run
BASED_IN_FILLERS = (described_homes, country_firm_lists, demonym_firm_lists, titled_bodies)


#: a short name in brackets between a firm's name and what describes it: "X (XC), a ...", 'X ("XC"), a ...'
_ALIAS_BRACKET = re.compile(r"\s*\([^()]{1,40}\)(?=,)")
#: "X, a ...", "X is a ...": what describes the firm named before it
_APPOSITIVE_ARTICLE = re.compile(r"(?:,|,?\s+(?:is|was|will\s+be))\s+(?:a|an|the)\s+(?:(?!of\s)[a-z][\w-]*\s+){0,2}")
#: "X, Ruritania's largest lithium producer": a country's own firm or body, told after its name
_APPOSITIVE_OWNER = re.compile(
    r"[’']s\s+(?:[a-z][\w-]*\s+){0,3}?(?:company|firm|miner|producer|refiner|developer|maker|group|explorer"
    r"|operator|utility|bank|lender|fund|agency|regulator|corporation|exporter|supplier|trader|smelter)s?\b"
)
#: "the country's " right before a name
_COUNTRY_OWNER = re.compile(
    word_led("[Tt]he") + r"\s+(?:[A-Z][\w-]*\s+){0,3}(?:country|nation|kingdom|republic)[’']s\s+$"
)


def _last_country(ctx: DocContext, sent_index: int, pos: int) -> str | None:
    """The country named last before a point (this sentence or the two before), a place and a
    country describing another name ("Ruritania's Acme Mining") aside."""
    for i in range(sent_index, max(-1, sent_index - 3), -1):
        ms, text = ctx.found[i].mentions, ctx.sentences[i].text
        for m in reversed(ms):
            if (
                m.label == "Country"
                and m.entity
                and not m.inner
                and m.kind not in ("venue", "city")
                and (i < sent_index or m.end <= pos)
                and not is_descriptor(m, ms, text)
            ):
                return m.entity
    return None


_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")


def _place_in_name(name: str, government: bool) -> str | None:
    """The country a name places its bearer in without naming it as a word: a country joined
    into a compound ("InvestRuritania"), or for a government body a city in it ("Ruritown
    Port Authority"; a firm named after a city may be based anywhere)."""
    gaz = countries()
    for hit in gaz.pattern.finditer(name) if government else ():
        iso, kind = gaz.surfaces[hit.group()]
        if kind == "city":
            return f"country:{iso.lower()}"
    for word in name.split():
        parts = _CAMEL.split(word)
        for part in parts[1:] if len(parts) > 1 else ():
            found = gaz.lookup(part)
            if found and found[1] == "name":
                return f"country:{found[0].lower()}"
    return None


#: a bracket after a name that ends with its place: group 2 is the place part, group 1 ends before ")"
_PLACE_BRACKET = re.compile(r"\s*\((?:[^();]{0,30};\s*)?((?P<place>[A-Z][^();,]{0,30},\s*)?[A-Z][^();,]{1,40}?)\)")


def _bracket_country(ms: list[Mention], m: Mention, text: str) -> str | None:
    """The country of a press release's bracket after a firm's name: "Acme Graphite Inc. ("AG";
    Quebec, Canada)", "Acme Ltd (Perth, Australia)", "Acme Inc. (Canada)"."""
    bracket = _PLACE_BRACKET.match(text, m.end)
    if not bracket:
        return None
    home = next((o for o in ms if o.label == "Country" and o.end == bracket.end(1) and o.entity), None)
    return home.entity if home is not None and home.start >= bracket.start(2) else None


#: "<Country> critical minerals companies, including": the firms listed after it are based there
_COUNTRY_FIRMS = re.compile(
    r"\s+(?:[\w-]+\s+){0,3}?(?:companies|firms|corporations|miners|producers|developers|explorers)\b"
    r"[’']?,?\s+(?:including|such as|like|namely)\s+"
)


#: where a list of organisations ends
_LIST_END = re.compile(r"[;:!?]|\.(?=\s+[A-Z]|\s*$)|,\s+(?!and\b)[a-z]|\s(?:were|was|are|is|have|has|will|to)\b")
_JOINER = re.compile(r"\s*[-–/]\s*")
_ORG_LIST_END = re.compile(r"[;!?]|,\s+(?:which|who|while|but|and\s+(?:is|has|was|will))\b|\s(?:said|says|signed)\b")


def _list_after(ms: list[Mention], pos: int, text: str) -> list[Mention]:
    """The organisations of a list at ``pos`` up to the clause's end."""
    stop = _LIST_END.search(text[pos:])
    end = pos + stop.start() if stop else len(text)
    return [o for o in ms if pos <= o.start < end and o.label in ("Company", "Agency") and o.entity and not o.inner]


def _joined_countries(prev: list[Mention], text: str) -> list[Mention]:
    """The last country of ``prev`` with those hyphenated to it ("Swedish-German", "Polish/Czech")."""
    group = [prev[-1]]
    for o in reversed(prev[:-1]):
        if o.kind == "venue" or not _JOINER.fullmatch(text[o.end : group[0].start]):
            break
        group.insert(0, o)
    return group


_WITHIN = re.compile(
    # "X, which sits within the Ministry of Y", "X, an arm of the Y", "X, part of the Y", "X (a unit of Y)",
    # "X (XC), a wholly-owned subsidiary of Y", "X, a joint venture between Y and Z"
    r"(?:\s*\([^()]{1,15}\))?\s*[,(]\s*(?:(?:which|that)\s+(?:now\s+)?(?:sits|is|operates|falls|works|comes)\s+(?:with)?(?:in|under|inside)"
    r"|(?:which|that)\s+(?:is\s+)?(?:part\s+of|overseen\s+by|run\s+by|attached\s+to|reports\s+to|owned\s+by)"
    r"|(?:an?|the)\s+(?:[\w-]+\s+){0,2}?(?:arm|unit|division|branch|wing|body|office|bureau|agency|department|"
    r"directorate|institute|part|subsidiary|affiliate|section|member|(?P<jv>joint\s+venture))\s+(?:of|within|under|in|between)"
    r"|(?:part\s+of|under|within|attached\s+to|(?:wholly|majority|partly|\d+%)[\s-]owned\s+by|owned\s+by))\s+(?:[Tt]he\s+)?"
)
#: "X, a Y company" / "X, a Y subsidiary": the parent named before the noun
_A_COMPANY_OF = re.compile(r"(?:\s*\([^()]{1,15}\))?,\s+(?:an?|the)\s+$")
_COMPANY_NOUN = re.compile(r"\s+(?:Group\s+)?(?:[Cc]ompany|subsidiary|unit|affiliate|division|member)\b")
#: "X, the Y's executive arm": the parent named with a possessive inside the appositive
_ARM_AFTER = re.compile(
    r"['’]s?\s+(?:[\w-]+\s+){0,2}?(?:arm|unit|body|subsidiary|branch|agency|wing|division|affiliate)\b"
)
#: "its subsidiary X", "its wholly-owned unit X", "its X subsidiary"
_ITS_BEFORE = re.compile(word_led("its") + r"\s+(?:[\w-]+\s+)?(?:subsidiary|unit|affiliate|arm|division)\s+$")
_ITS_AROUND = re.compile(r"\bits\s+$")
_UNIT_AFTER = re.compile(r"\s+(?:subsidiary|unit|affiliate|arm|division)\b")
#: "X, which owns Y", "X, which controls Ruritania's top miner Y"
_OWNS = re.compile(r",?\s+(?:which|that)\s+(?:owns|controls|includes|comprises)\s+")
#: "X is owned by A, B and C"
_OWNED_BY = re.compile(
    r"\s+(?:is|are|was|were)\s+(?:(?:a|an)\s+[^,;.()]{1,60}?\s+(?:that|which)\s+is\s+)?"
    r"(?:(?:wholly|majority|partly|jointly|\d+%)[\s-])?(?:owned|controlled)\s+by\s+"
)
#: "Ruritania-listed " before a parent's name
_LISTED_BEFORE = re.compile(r"(?:[A-Z][\w.-]*\s+)*[\w.-]+-(?:listed|based|headquartered|registered)\s+")
_OWN_MINISTRY = re.compile(r"(?:his|her|its|their|the)\s+(ministry|department)\b")
_ORGS = ("Agency", "Company")


def _org_at(ms: list[Mention], pos: int, text: str) -> Mention | None:
    """The organisation named at ``pos``, past a place's compound adjective ("Ruritania-listed X")."""
    skip = _LISTED_BEFORE.match(text, pos)
    # "a subsidiary of Ruritanian group Acme", "a unit of Ruritania's Acme": past the parent's country
    home = next(
        (o for o in ms if o.start == pos and o.label == "Country" and (o.possessive or o.kind == "demonym")), None
    )
    noun = _DESCRIBED_ORG.match(text, home.end) if home is not None else None
    for start in (pos, skip.end() if skip else -1, noun.end() if noun else -1):
        o = next((o for o in ms if o.start == start and o.label in _ORGS and o.entity and not o.inner), None)
        if o is not None:
            return o
    return None


#: after a parent's country, the lowercase nouns before its name: "group", "state miner", "'s"
_DESCRIBED_ORG = re.compile(r"(?:['’]s)?\s+(?:[a-z][\w-]*\s+){0,2}")


def _listed_orgs(ms: list[Mention], pos: int, text: str) -> list[Mention]:
    """The organisations of a list that starts at ``pos`` ("A, the state's B and C"), up to the
    clause's end; a country or a person in it ends nothing, a sentence break does."""
    stop = _ORG_LIST_END.search(text[pos:])
    end = pos + stop.start() if stop else len(text)
    return [o for o in ms if pos <= o.start < end and o.label in _ORGS and o.entity and not o.inner]


_AGENCY_OF = re.compile(r"\s+(?:at|of|within|under)\s+(?:the\s+)?")


_COMMA_THE = re.compile(r",\s+(?:the\s+)?")
_COMPANY_END = re.compile(r"\s[Cc]ompany$")
_POSS_GAP = re.compile(r"['’]s?\s+")


@dataclass
class _Bodies:
    """One sentence read for which body is part of which: its organisations (not those written
    inside another's name), in order, and what the readings share."""

    ctx: DocContext
    sent: Sentence
    sm: SentenceMentions
    out: Out
    orgs: list[Mention]

    @property
    def text(self) -> str:
        return self.sent.text


@step(reads=(), writes=("PART_OF",))
def part_of(ctx: DocContext, sent: Sentence, sm: SentenceMentions, out: Out) -> None:
    """Which body of the sentence is part of which: first what is told after each organisation (the
    body in its name or after "of", "within", an appositive), then what is told around it (an
    owner's possessive, "its subsidiary", "which owns", "owned by")."""
    b = _Bodies(ctx, sent, sm, out, [m for m in sm.mentions if m.label in _ORGS and m.entity and not m.inner])
    for i, m in enumerate(b.orgs):
        if m.label == "Agency" and _agency_of(b, m):
            continue
        if _within(b, m):
            continue
        _parent_in_appositive(b, i, m)
    for i, m in enumerate(b.orgs):
        _owner_around(b, i, m)


def _agency_of(b: _Bodies, m: Mention) -> bool:
    """An agency and the body it belongs to: written in its name ("the Survey Department of the
    Ruritanian Ministry of Mines", read by the mention step as an inner agency), or named right
    after "of". Writes PART_OF; whether it found one."""
    ms, text = b.sm.mentions, b.text
    whole = next(
        (o for o in ms if o.inner and o.label == "Agency" and o.entity and m.start < o.start and o.end == m.end),
        None,
    )
    if whole is not None and whole.entity != m.entity:
        b.out.add(m.entity, "PART_OF", whole.entity, 0.75, text)
        return True
    after = _AGENCY_OF.match(text[m.end :])
    nxt = _org_at(ms, m.end + after.end(), text) if after else None
    if nxt is not None and nxt.label == "Agency" and nxt.entity != m.entity:
        b.out.add(m.entity, "PART_OF", nxt.entity, 0.75, text)
        return True
    return False


def _within(b: _Bodies, m: Mention) -> bool:
    """'X, which sits within the Ministry of Y', 'X, an arm of the Y', 'X, a joint venture between Y
    and Z': the body after the cue (for a joint venture, two of its list), or for "his ministry" the
    ministry :func:`_own_ministry` finds. Writes PART_OF; whether the cue decided the organisation."""
    ms, text = b.sm.mentions, b.text
    within = _WITHIN.match(text, m.end)
    if not within:
        return False
    parents = _listed_orgs(ms, within.end(), text)[:2] if within.group("jv") else []
    first = _org_at(ms, within.end(), text)
    parents = parents or ([first] if first is not None else [])
    for parent in parents:
        if parent.entity != m.entity:
            b.out.add(m.entity, "PART_OF", parent.entity, 0.7, text)
    if parents:
        return True
    own = _OWN_MINISTRY.match(text, within.end())
    if own and m.label == "Agency":
        parent_key = _own_ministry(b.ctx, b.sent.index, b.sm, b.out, own.group(1))
        if parent_key and parent_key != m.entity:
            b.out.add(m.entity, "PART_OF", parent_key, 0.6, text)
        return True
    return False


def _parent_in_appositive(b: _Bodies, i: int, m: Mention) -> None:
    """'X, the Y's executive arm', 'X, a Y company': the organisation named next. Writes PART_OF."""
    text, orgs = b.text, b.orgs
    nxt = orgs[i + 1] if i + 1 < len(orgs) else None
    if (
        nxt is not None
        and nxt.possessive
        and _COMMA_THE.fullmatch(text[m.end : nxt.start])
        and _ARM_AFTER.match(text, nxt.end)
    ):
        b.out.add(m.entity, "PART_OF", nxt.entity, 0.7, text)
        return
    if (
        nxt is not None
        and _A_COMPANY_OF.fullmatch(text, m.end, nxt.start)
        and (_COMPANY_NOUN.match(text, nxt.end) or _COMPANY_END.search(text[nxt.start : nxt.end]))
    ):
        b.out.add(m.entity, "PART_OF", nxt.entity, 0.7, text)


def _owner_around(b: _Bodies, i: int, m: Mention) -> None:
    """The owner told around an organisation: "the Y's X", "Y ... through its subsidiary X", "under
    its X subsidiary", "Y, which owns X" (X the first organisation after the verb), "X is owned by
    A, B and C". Writes PART_OF."""
    text, orgs, out = b.text, b.orgs, b.out
    prev = orgs[i - 1] if i else None
    if prev is not None and prev.possessive and _POSS_GAP.fullmatch(text[prev.end : m.start]):
        if prev.entity != m.entity:
            out.add(m.entity, "PART_OF", prev.entity, 0.7, text)
        return
    its = _ITS_BEFORE.search(text, max(0, m.start - 40), m.start)
    if its is None and _ITS_AROUND.search(text, max(0, m.start - 6), m.start) and _UNIT_AFTER.match(text, m.end):
        its = _ITS_AROUND.search(text, max(0, m.start - 6), m.start)
    if its is not None:
        owner = next((o for o in reversed(orgs[:i]) if o.end <= its.start() and o.entity != m.entity), None)
        if owner is not None and owner.entity != m.entity:
            out.add(m.entity, "PART_OF", owner.entity, 0.65, text)
        return
    owns = _OWNS.match(text, m.end) or _OWNS.match(text, _after_bracket(text, m.end))
    if owns:
        owned = next((o for o in orgs if o.start >= owns.end() and o.start - owns.end() <= 60), None)
        if owned is not None and owned.entity != m.entity:
            out.add(owned.entity, "PART_OF", m.entity, 0.65, text)
        return
    owned_by = _OWNED_BY.match(text, m.end)
    if owned_by:
        for parent in _listed_orgs(b.sm.mentions, owned_by.end(), text):
            if parent.entity != m.entity:
                out.add(m.entity, "PART_OF", parent.entity, 0.65, text)


_BRACKET = re.compile(r"\s*\([^()]{1,30}\)")


def _after_bracket(text: str, end: int) -> int:
    """The end of a bracket right after a name ("Acme Holdings (AH)" or "Acme Inc. (NYSE: AH)")."""
    m = _BRACKET.match(text[end:])
    return end + m.end() if m else end


def _own_ministry(ctx: DocContext, sent_index: int, sm: SentenceMentions, out: Out, kind: str) -> str | None:
    """'his ministry': the ministry of the person in the sentence, else the one named last."""
    people = {o.entity for o in sm.mentions if o.label == "Person" and o.entity}
    for r in out.rels.values():
        if r.type == "WORKS_FOR" and r.source in people and ctx.entity(r.target) is not None:
            if ctx.entity(r.target).props.get("kind") == kind:
                return r.target
    last: str | None = None
    for i in range(sent_index + 1):
        for o in ctx.found[i].mentions:
            e = ctx.entity(o.entity) if o.entity else None
            if o.label == "Agency" and e is not None and e.props.get("kind") == kind:
                last = o.entity
    return last


@step(reads=("PART_OF", "BASED_IN"), writes=("BASED_IN:inferred", "HELD_IN:dateline"))
def propagate_based_in(ctx: DocContext, out: Out) -> None:
    """BASED_IN through PART_OF, then the article's country for unplaced government bodies; the
    bodies of intergovernmental bodies, the names of portfolio ministries, and the dateline's
    country for the main event."""
    based = _based_through_parents(out)
    _government_bodies_placed(ctx, out, based)
    _bodies_of_bodies(ctx, out)
    _portfolio_names(ctx, out)
    # the dateline places the article's main event when the text does not
    main = ctx.main_event
    if ctx.dateline and main and not any(r.source == main and r.type == "HELD_IN" for r in out.rels.values()):
        ctx.ensure_country(ctx.dateline)
        out.add(main, "HELD_IN", ctx.dateline, 0.5, ctx.dateline_sentence)


def _based_through_parents(out: Out) -> dict[str, Rel]:
    """A body is based where its parents are (a joint venture of parents from two countries, or of
    one the article does not place, inherits none). Writes BASED_IN; returns each placed entity's
    first BASED_IN link."""
    based: dict[str, Rel] = {}
    for r in list(out.rels.values()):
        if r.type == "BASED_IN":
            based.setdefault(r.source, r)
    # the countries of each body's parents
    parents: dict[str, set[str]] = {}
    for r in out.rels.values():
        if r.type == "PART_OF":
            parents.setdefault(r.source, set()).add(based[r.target].target if r.target in based else "")
    for r in list(out.rels.values()):
        if r.type == "PART_OF" and r.source not in based and r.target in based and len(parents[r.source]) == 1:
            parent = based[r.target]
            out.add(r.source, "BASED_IN", parent.target, 0.6, (r.evidence + parent.evidence)[0])
            based[r.source] = out.rels[(r.source, "BASED_IN", parent.target)]
    return based


def _government_bodies_placed(ctx: DocContext, out: Out, based: dict[str, Rel]) -> None:
    """A government body or a state's firm named without its country (none in ``based``) belongs to
    the article's country (:func:`_stated_country`; for a firm, first the one country the sentence
    naming it names, :func:`_state_firm_country`). Writes BASED_IN."""
    for key, e in list(ctx.registry.entities.items()):
        if not ctx.focal:
            break
        if key in based or e.name_countries:
            continue
        government_body = e.label == "Agency" and e.props.get("kind") in vocabulary().government_kinds
        # (the firm test scans the article's mentions: only for an organisation still unplaced)
        state_firm = not government_body and _state_enterprise(ctx, key, e)
        if (government_body or state_firm) and not _union_body(ctx, key, e, out):
            sentence = next(
                (
                    s.text
                    for s, sm in zip(ctx.sentences, ctx.found, strict=True)
                    if any(m.entity == key for m in sm.mentions)
                ),
                "",
            )
            place = (_state_firm_country(ctx, key) if state_firm else None) or (
                _stated_country(ctx, key, out) if sentence else None
            )
            if place:
                ctx.ensure_country(place)
                out.add(key, "BASED_IN", place, 0.5, sentence)


#: "state-owned ", "the state mining company ", "provincial energy and mining company ", "the national
#: company " right before a firm's name: a firm its state owns
_STATE_FIRM_BEFORE = re.compile(
    r"\b(?i:state|national|provincial)(?:[\s-](?:owned|run|controlled))?\s+"
    r"(?:(?:[a-z][\w-]*\s+){0,4}?(?:company|firm|miner|enterprise|corporation|producer|holding|group)\s+)?$"
)


def _state_enterprise(ctx: DocContext, key: str, e: Entity) -> bool:
    """A firm its state owns ("state-owned Acme", "the national company Acme"): like a government
    body, based in the state the article is about when the text names no other."""
    if e.label != "Company":
        return False
    if e.props.get("state_owned"):
        return True
    return any(
        m.entity == key and _STATE_FIRM_BEFORE.search(sent.text, max(0, m.start - 60), m.start)
        for sent, sm in zip(ctx.sentences, ctx.found, strict=True)
        for m in sm.mentions
    )


#: after an adjective, the noun of the firms it describes: "Freedonian companies", "Freedonian battery maker",
#: "Freedonian and Ruritanian firms"
_FIRM_NOUN_AFTER = re.compile(
    r"(?:\s*(?:,|\s(?:and|or))\s+[A-Z][\w-]*)*\s+(?:[a-z][\w-]*\s+){0,2}?(?:compan(?:y|ies)|firms?|groups?|miners?|producers?|developers?|investors?"
    r"|refiners?|makers?|manufacturers?|corporations?|enterprises?|steelmakers?|partners?)\b"
)


def _union_body(ctx: DocContext, key: str, e: Entity, out: Out) -> bool:
    """A body of a union of states, which no one country holds: part of an intergovernmental body
    ("the Commission's Directorate-General for Trade"), or named after one ("the AU Commission", "the
    EU Delegation") or after Europe ("the European Parliament"). Reads PART_OF."""
    for r in out.rels.values():
        if r.type == "PART_OF" and r.source == key:
            parent = ctx.entity(r.target)
            if parent is not None and parent.props.get("kind") == "intergovernmental":
                return True
    first = e.name.split(" ", 1)[0]
    return first == "European" or first in _union_words()


@lru_cache(maxsize=1)
def _union_words() -> frozenset[str]:
    """The one-word names and short forms of intergovernmental bodies ("EU", "AU", "ASEAN")."""
    return frozenset(
        w for b in vocabulary().bodies for w in (b["name"], *b.get("aliases", ())) if " " not in w
    )


def _state_firm_country(ctx: DocContext, key: str) -> str | None:
    """The country of a state's firm from the sentences that name it, first to last: the country
    that describes it ("Ruritania's state lithium company Acme"), else the one country the sentence
    names ("Ruritanian officials and the state miner Acme"; an adjective of another firm, "Freedonian
    group B and state firm Acme", and a city aside); none when a sentence names two."""
    for sent, sm in zip(ctx.sentences, ctx.found, strict=True):
        ms, text = sm.mentions, sent.text
        firm = next((m for m in ms if m.entity == key), None)
        if sent.heading or firm is None:
            continue
        named: list[str] = []
        for c in ms:
            if c.label != "Country" or not c.entity or c.inner or c.kind not in ("name", "demonym"):
                continue
            following = next((o for o in ms if o.start >= c.end and not o.inner and o.label != "Mineral"), None)
            if following is not None and is_descriptor(c, ms, text, following):
                if following.entity == key:
                    return c.entity  # "Ruritania's state lithium company Acme"
                if following.label == "Company":
                    continue  # another firm's country
            if c.kind == "demonym" and _FIRM_NOUN_AFTER.match(text, c.end):
                continue  # "Freedonian companies", "the Freedonian company": other firms' country
            named.append(c.entity)
        if len(set(named)) == 1:
            return named[0]
        if named:
            return None
    return None


def _bodies_of_bodies(ctx: DocContext, out: Out) -> None:
    """'the United Nations Minerals Programme' is a body of the United Nations the article
    names: an intergovernmental body whose name opens with another's. Writes PART_OF."""
    bodies = {
        e.name: key
        for key, e in ctx.registry.entities.items()
        if e.label == "Agency" and e.props.get("kind") == "intergovernmental"
    }
    for key, e in ctx.registry.entities.items():
        if e.label != "Agency" or e.props.get("kind") != "intergovernmental":
            continue
        whole = next((k for name, k in bodies.items() if k != key and e.name.startswith(name + " ")), None)
        sentence = _first_sentence(ctx, key)
        if whole is not None and sentence:
            out.add(key, "PART_OF", whole, 0.6, sentence)


def _portfolio_names(ctx: DocContext, out: Out) -> None:
    """'Ministry of Mines' names every state's ministry: named with its country (the one in its name,
    else where it is based, most confidently), it is this one; a lowercase one of a country the text
    leaves open is a description. Renames the entities in ``ctx``'s registry."""
    for key, e in ctx.registry.entities.items():
        if is_portfolio_body(e):
            places = sorted(
                (r for r in out.rels.values() if r.type == "BASED_IN" and r.source == key),
                key=lambda r: -r.confidence,
            )
            country = ctx.entity(places[0].target) if places else None
            if e.name_countries:  # "Ruritanian ministries, including Mines"
                name_with_country(e, e.name_countries[0])
            elif country is not None and country.props.get("iso2"):
                name_with_country(e, country.props["iso2"])
            elif not _capitalised_somewhere(ctx, key):
                # "the energy ministry" of a country the text leaves open: a description, no name
                e.label = "Name"


def _first_sentence(ctx: DocContext, key: str) -> str:
    """The first sentence that names the entity ``key``."""
    for sent, sm in zip(ctx.sentences, ctx.found, strict=True):
        if any(m.entity == key for m in sm.mentions):
            return sent.text
    return ""


def _capitalised_somewhere(ctx: DocContext, key: str) -> bool:
    """The text writes the entity's name capitalised at least once."""
    return any(
        m.entity == key and sent.text[m.start : m.start + 1].isupper()
        for sent, sm in zip(ctx.sentences, ctx.found, strict=True)
        for m in sm.mentions
    )


def _stated_country(ctx: DocContext, key: str, out: Out) -> str | None:
    """The country of a government body the text names without it: the country of a person
    who works for it, else the country a minister's title gives its portfolio, else the one
    country of the sentence that names it, else the dateline's (for a body the text names with
    capitals), else the one country the article is about (named at least twice as often as any
    other); none when the text leaves it open."""
    staff = {r.source for r in out.rels.values() if r.type == "WORKS_FOR" and r.target == key}
    for r in out.rels.values():
        if r.type == "WORKS_FOR" and r.source in staff and ctx.label(r.target) == "Country":
            return r.target
    gaz = countries()
    for person in sorted(staff):
        # "Minister of Mines of the Republic of Ruritania"
        hit = gaz.pattern.search(str(ctx.entity(person).props.get("title", "")))
        if hit and gaz.surfaces[hit.group()][1] in ("name", "demonym"):
            return f"country:{gaz.surfaces[hit.group()][0].lower()}"
    for i, sm in enumerate(ctx.found):
        for p in sm.mentions:
            if p.label == "Person" and p.entity in staff:
                owner = _descriptor_before(sm.mentions, p, ctx.sentences[i].text)
                if owner:
                    return owner
    titled = _title_country(ctx, key)
    if titled:
        return titled
    alone = _sentence_country(ctx, key)
    if alone:
        return alone
    if ctx.dateline and _capitalised_somewhere(ctx, key):
        return ctx.dateline  # (not for "the industry ministry": a description the dateline would make a name)
    return _dominant_country(ctx)


_MINISTRY_PORTFOLIO = re.compile(r"(?:Ministry|Department)\s+(?:of|for)\s+(.+)")


def _title_country(ctx: DocContext, key: str) -> str | None:
    """'Minister of Mines and Energy of the Republic of Ruritania' anywhere in the article: the
    country of the 'Ministry of Mines and Energy'."""
    e = ctx.entity(key)
    m = _MINISTRY_PORTFOLIO.fullmatch(e.name) if e is not None else None
    if m is None:
        return None
    portfolio = m.group(1)
    title: re.Pattern | None = None
    for sent, sm in zip(ctx.sentences, ctx.found, strict=True):
        text = sent.text
        # the title holds the portfolio's words and "Minister" or "Secretary": substring tests first,
        # and the pattern compiled only for a sentence that has them
        if portfolio not in text or ("Minister" not in text and "Secretary" not in text):
            continue
        if title is None:
            title = re.compile(
                rf"\b(?:Minister|Secretary)\s+(?:of|for)\s+(?:the\s+)?{re.escape(portfolio)}\s+(?:of|in)\s+(?:the\s+)?"
            )
        for t in title.finditer(text):
            c = next((o for o in sm.mentions if o.start == t.end() and o.label == "Country" and o.entity), None)
            if c is not None:
                return c.entity
    return None


def _sentence_country(ctx: DocContext, key: str) -> str | None:
    """The one country the sentence naming the body names, in every way it does (an adjective,
    a city, an actor), when one of them is the country inside another organisation's name: "the
    Ruritania Institute, with the Ministry of Mines, held the forum in Ruritown"."""
    for sent, sm in zip(ctx.sentences, ctx.found, strict=True):
        if sent.heading or not any(m.entity == key for m in sm.mentions):
            continue
        named = [m for m in sm.mentions if m.label == "Country" and m.entity]
        gaz = countries()
        if len({m.entity for m in named}) == 1 and any(
            m.inner and (gaz.lookup(m.text) or ("", ""))[1] == "name" for m in named  # "Ruritania", not "Ruritanian"
        ):
            return named[0].entity
        return None
    return None


_CLAUSE_PUNCT = re.compile(r"[,;.()]")


def _descriptor_before(ms: list[Mention], p: Mention, text: str) -> str | None:
    """'Ruritanian Mines Minister <p>', "Ruritania's minister <p>": the country a title before a
    person names."""
    before = [o for o in ms if o.end <= p.start and not o.inner and o.entity]
    if not before or before[-1].label != "Country":
        return None
    c = before[-1]
    gap = text[c.end : p.start]
    plain = not _CLAUSE_PUNCT.search(gap.replace("’s", "").replace("'s", ""))
    return c.entity if (c.possessive or c.kind == "demonym") and len(gap) <= 60 and plain else None


def _dominant_country(ctx: DocContext) -> str | None:
    """The one country an article names, else the one it names as an actor at least twice, and
    twice as often as any other."""
    counts: dict[str, int] = {}
    named: set[str] = set()
    for sent, sm in zip(ctx.sentences, ctx.found, strict=True):
        if sent.heading:
            continue
        for m in sm.mentions:
            if m.label != "Country" or not m.entity:
                continue
            # an adjective counts only where it describes an actor ("Ruritanian firm X"), not a
            # thing ("Ruritanian supply chains"); a country inside a name counts half
            if m.kind == "demonym" and not is_descriptor(m, sm.mentions, sent.text):
                continue
            named.add(m.entity)
            if m.kind not in ("venue", "city"):
                counts[m.entity] = counts.get(m.entity, 0) + (1 if m.inner else 2)
    if len(named) == 1:
        return next(iter(named))  # the one country the article names
    ranked = sorted(counts.items(), key=lambda kv: -kv[1])
    if not ranked or ranked[0][1] < 3 or (len(ranked) > 1 and ranked[0][1] < 2 * ranked[1][1]):
        return None
    return ranked[0][0]
