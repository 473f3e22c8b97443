"""Descriptions that stand for a name: "the Australian miner", "the conglomerate", "the Gulf state".

News names a firm or a country once and then describes it. A definite description whose
head is a word for a firm or a country (``keywords.json``: ``description_heads``), whose
modifiers all describe rather than pick out another one, is resolved to the entity of that
kind its modifiers agree with (a nationality: a firm named with that country or described by
it; a region: a country of that region, ``regions.json``; "state-owned": a firm said to be so)
named in this sentence (a firm there only when it speaks of itself) or the one before, though it
open the paragraph before. Two equally recent ones, or none, leave it alone. "the venture" is the
firm the article named as the venture ("a joint venture, Kestrel Nickel,"). A resolved description becomes
a mention of the entity at its span, so every relation rule reads it as it reads the name.
The build resolves firms (:data:`KINDS`); countries when asked for.

Runs after entities are registered and names resolved, before the relation rules."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from minegraph.loaders.entities import Entity, EntityRegistry
from minegraph.loaders.gazetteer import alternation, countries, dispatched_ci, load_reference, minerals
from minegraph.loaders.mentions import Mention, SentenceMentions
from minegraph.loaders.sentences import Sentence

#: how many sentences before the description its entity may be named in: the one before (a
#: description further on more often follows a change of topic; cross-validated, 1 beats 2 and 3)
WINDOW = 1
#: the kinds the build resolves: firms. Countries ("the Gulf state", "the kingdom") are read the
#: same way when asked for; cross-validated on the training articles, firms alone keep the figure
#: (0.839), countries alone lift it (0.840) and both together lower it (0.838): too few cases to
#: tell, so the build takes the kind the rules missed most (a firm's deals and officers)
KINDS: tuple[str, ...] = ("company",)

#: a reporting verb between a firm and "the company" in one sentence: the firm speaks of itself
_REPORTING = re.compile(r"\b(?:said|says|added|adds|noted|stated|announced|told|expects|expected)\b")
#: the description names what follows it ("the miner Rosa Vale", "the company, Kestrel,"): an introduction
_NAME_AFTER = re.compile(r"(?:,\s*)?(?:[A-Z][\w&.-]*|\"|“)")
#: part of a longer name or a phrase about something else: "the Republic of", "the state of"
_OF_AFTER = re.compile(r"\s+of\b")
#: up to three lower-case words between an adjective and the firm it describes
_LOWER_WORDS = re.compile(r"\s+(?:[a-z][\w-]*\s+){0,3}")


@dataclass(frozen=True)
class _Lexicon:
    heads: re.Pattern  # group 1: the head, group 2: a possessive
    kind: dict[str, str]  # head (lower case) -> "company" or "country"
    modifiers: dict[str, frozenset[str]]  # kind -> modifier phrases (lower case)
    bare_not: frozenset[str]
    regions: dict[str, frozenset[str]]  # region adjective -> iso2 codes
    #: kind -> words (lower case) one of which every match of its heads holds: each head's first
    #: word, leaving out any that holds another ("carmaker" holds "maker")
    needs: dict[str, tuple[str, ...]]


#: the characters outside ASCII that a case-blind pattern matches to an ASCII letter ("ſ" to "s",
#: the Kelvin sign to "k", dotted and dotless I to "i"): with one of them, a lower-cased sentence
#: may not show a head word the pattern would find
_FOLDS_TO_ASCII = ("\u0130", "\u0131", "\u017f", "\u212a")


def _may_describe(text: str, kinds: tuple[str, ...], lex: _Lexicon) -> bool:
    """Whether the sentence may hold a head of ``kinds`` (most hold none, and a few substring
    tests cost a fraction of the case-blind scan)."""
    low = text.lower()
    for k in kinds:
        for w in lex.needs.get(k, ()):
            if w in low:
                return True
    return any(c in text for c in _FOLDS_TO_ASCII)


def _needs(heads: list[str]) -> tuple[str, ...]:
    first = {h.lower().split()[0] for h in heads}
    return tuple(sorted(w for w in first if not any(o != w and o in w for o in first)))


@lru_cache(maxsize=1)
def _lexicon() -> _Lexicon:
    kw = load_reference("keywords.json")
    kind = {h.lower(): k for k, hs in kw["description_heads"].items() for h in hs}
    # a trie of the heads (a space in one matches any run of spaces), not a flat list: a case-blind
    # pattern has no first letters for the engine to skip to, and each position tried every head
    alt = alternation(kind, ignorecase=True, space=r"\s+")
    regions = {r: frozenset(cs) for r, cs in load_reference("regions.json")["regions"].items()}
    try:
        # opening with a class of the heads' first letters, for a search to skip to (dispatched_ci)
        heads = re.compile(rf"({dispatched_ci(alt)})(?i:(?![\w-])([’']s\b)?)")
    except ValueError:  # a head that opens with no letter
        heads = re.compile(rf"\b({alt})(?![\w-])([’']s\b)?", re.I)
    return _Lexicon(
        heads,
        kind,
        {k: frozenset(w.lower() for w in ws) for k, ws in kw["description_modifiers"].items()},
        frozenset(kw["description_bare_not"]),
        regions,
        {k: _needs(hs) for k, hs in kw["description_heads"].items()},
    )


@dataclass
class _Description:
    kind: str  # "company" or "country"
    start: int  # first modifier (after "the")
    end: int  # end of the head
    possessive: bool
    head: str
    #: countries a firm must be named with; countries a country must be one of
    countries: frozenset[str] | None = None
    state_owned: bool = False


#: patterns read for every description head, compiled once: a run of spaces; "the" right before a
#: capitalised head; what opens the next sentence or clause after a name; a place word's suffix
_SPACE_RUN = re.compile(r"\s+")
_THE_BEFORE = re.compile(r"\b[Tt]he\s+$")
_NEW_CLAUSE_AFTER = re.compile(r"\s*(?:,\s*)?(?:[A-Z][a-z]*ly|The|It|Its|In|On|At|Last|This)\b")
_PLACE_SUFFIX = re.compile(r"-(?:based|listed|headquartered)$")


def _country_of_word(word: str) -> str | None:
    """The country a demonym, a country's or a city's name stands for ("Australian", "Perth-based")."""
    word = _PLACE_SUFFIX.sub("", word)
    hit = countries().lookup(word)
    return hit[0] if hit else None


def _modifiers(words: list[str], kind: str, lex: _Lexicon) -> tuple[set[str], bool, bool] | None:
    """Read the words between "the" and the head: (countries they name, state-owned, region
    named), or None when a word picks out something else ("the two", "the other", "the largest")."""
    out: set[str] = set()
    state_owned = region = False
    i = 0
    while i < len(words):
        for n in (3, 2, 1):  # the longest phrase first: "South Korean", "rare earth"
            if i + n > len(words):
                continue
            phrase = " ".join(words[i : i + n])
            low = phrase.lower()
            if kind == "country" and phrase in lex.regions:
                out |= lex.regions[phrase]
                region = True
            elif low in lex.modifiers[kind]:
                state_owned = state_owned or low.startswith("state-")
            elif kind == "company" and minerals().lookup(low) is not None and phrase.islower():
                pass  # "the lithium miner"
            elif kind == "company" and phrase[:1].isupper():
                # "Italian-French": either country will do
                parts = [_country_of_word(p) for p in phrase.split("-")] if "-" in phrase else []
                if not parts or not all(parts):
                    parts = [_country_of_word(phrase)]
                if not all(parts):
                    continue
                out |= {p for p in parts if p}
            else:
                continue
            i += n
            break
        else:
            return None
    return out, state_owned, region


def _descriptions(text: str, sm: SentenceMentions, kinds: tuple[str, ...]) -> list[_Description]:
    lex = _lexicon()
    found: list[_Description] = []
    if not _may_describe(text, kinds, lex):
        return found
    for h in lex.heads.finditer(text):
        head = _SPACE_RUN.sub(" ", h.group(1)).lower()
        kind = lex.kind[head]
        if kind not in kinds:
            continue
        if h.group(1)[:1].isupper() and not _THE_BEFORE.search(text[: h.start()]) and h.start() > 0:
            continue  # "Kestrel Mining Group", "the Gulf Cooperation Council State": a name's part
        after = text[h.end() :]
        if not h.group(2) and (_NAME_AFTER.match(after.lstrip(" ")) and after[:1] in " ," or _OF_AFTER.match(after)):
            if not _NEW_CLAUSE_AFTER.match(after):
                continue  # "the miner Rosa Vale", "the state of Ruritania"
        words = text[: h.start()].split()
        back: list[str] = []
        while words and words[-1] not in ("the", "The") and len(back) < 4:
            back.insert(0, words.pop())
        if not words or words[-1] not in ("the", "The"):
            continue
        if kind == "country" and h.group(2):
            # "the country's miners", "the kingdom's fund": the country's own people and things, which
            # the rules read off "the country's" already (a body's country), not the country acting
            continue
        if not back and head in lex.bare_not:
            continue  # "the state", "the group": a government, a group of anything
        mods = _modifiers(back, kind, lex)
        if mods is None:
            continue
        ctrs, state_owned, region = mods
        if kind == "country" and back and not region and head in lex.bare_not:
            continue  # "the small state": a state of a federation as likely as a country
        start = text.rfind(back[0], 0, h.start()) if back else h.start()
        if any(
            m.start < h.end() and start < m.end and not (m.label in ("Country", "Mineral") and m.start >= start)
            for m in sm.mentions
        ):
            continue  # part of a name the scan read ("the Kestrel Mining Group")
        if kind == "country" and head == "kingdom":
            if not region:
                ctrs, region = {c for c in countries().countries if _styled(c, "kingdom")}, True
        agree = frozenset(ctrs) if ctrs or region else None
        found.append(_Description(kind, start, h.end(1), bool(h.group(2)), head, agree, state_owned))
    return found


@lru_cache(maxsize=512)
def _styled(iso2: str, word: str) -> bool:
    """Whether a country's ISO 3166 official name styles it a kingdom."""
    import pycountry

    c = pycountry.countries.get(alpha_2=iso2)
    return c is not None and word in (getattr(c, "official_name", None) or c.name).lower()


_FIRM_BASED_GAP = re.compile(r"(?:[’']s)?(?:-based)?\s+(?:[a-z][\w-]*\s+){0,3}")
_FIRM_IS_A = re.compile(r"(?:,|\s+(?:is|was))\s+(?:an?|the)\s+(?:[a-z][\w-]*\s+){0,2}")


def _firm_countries(
    sentences: list[Sentence], found: list[SentenceMentions], registry: EntityRegistry
) -> dict[str, set[str]]:
    """The countries each firm is named with: in its name, or right before it ("Australian
    lithium miner Kestrel", "Australia's Kestrel", "Perth-based Kestrel"), or right after it
    ("Kestrel, an Australian miner", "Kestrel is an Australian miner")."""
    out: dict[str, set[str]] = {}
    for e in registry.entities.values():
        if e.label == "Company" and e.name_countries:
            out.setdefault(e.key, set()).update(c.upper() for c in e.name_countries)
    for sent, sm in zip(sentences, found, strict=True):
        text = sent.text
        ms = sm.mentions
        for i, m in enumerate(ms):
            if m.label != "Company" or not m.entity:
                continue
            if i > 0 and ms[i - 1].label == "Country" and ms[i - 1].iso2:
                gap = text[ms[i - 1].end : m.start]
                if _FIRM_BASED_GAP.fullmatch(gap):
                    out.setdefault(m.entity, set()).add(ms[i - 1].iso2)
            if i + 1 < len(ms) and ms[i + 1].label == "Country" and ms[i + 1].iso2:
                gap = text[m.end : ms[i + 1].start]
                if _FIRM_IS_A.fullmatch(gap):
                    out.setdefault(m.entity, set()).add(ms[i + 1].iso2)
    return out


def _names_country(m: Mention, nxt: Mention | None, text: str) -> bool:
    """Whether a country mention speaks of the country: its name, or an adjective that does not
    describe a firm ("the Saudi ministry", not "Australian miner Kestrel", "the Australian miner")."""
    if m.label != "Country" or m.inner or m.kind not in ("name", "demonym"):
        return False
    if m.kind == "name":
        return True
    if nxt is not None and nxt.label == "Company" and _LOWER_WORDS.fullmatch(text, m.end, nxt.start):
        return False
    firm = _lexicon().heads.match(text, m.end + 1) if text[m.end : m.end + 1] == " " else None
    return not (firm and _lexicon().kind[_SPACE_RUN.sub(" ", firm.group(1)).lower()] == "company")


def _compatible(d: _Description, m: Mention, e: Entity, firm_countries: dict[str, set[str]]) -> bool:
    if d.kind == "country":
        return m.label == "Country" and (d.countries is None or m.iso2 in d.countries)
    if m.label != "Company":
        return False
    if d.state_owned and not e.props.get("state_owned"):
        return False
    return d.countries is None or bool(d.countries & firm_countries.get(e.key, set()))


def _antecedent(
    d: _Description,
    index: int,
    sentences: list[Sentence],
    found: list[SentenceMentions],
    registry: EntityRegistry,
    firm_countries: dict[str, set[str]],
    topic: str | None,
    text: str = "",
) -> str | None:
    """The one entity of the latest sentence (this one first) that names one the description
    agrees with; None when none does or two do. The sentence before may open the paragraph before
    (news writes a paragraph or two a sentence long), unless this sentence names, before the
    description, something the scan could not read: a firm's short name, perhaps, that is nearer."""
    for j in range(index, max(-1, index - WINDOW - 1), -1):
        if sentences[j].heading:
            continue
        if j < index and "\n" in text[sentences[j].end : sentences[index].start] and any(
            m.label == "Name" and m.end <= d.start for m in found[index].mentions
        ):
            return None  # "Kestrel's chief said the company" with "Kestrel" unread: that firm, not one before
        keys: list[str] = []
        last_end = 0
        ms = found[j].mentions
        for k, m in enumerate(ms):
            if j == index and m.end > d.start:
                break
            if d.kind == "country" and not _names_country(m, ms[k + 1] if k + 1 < len(ms) else None, sentences[j].text):
                continue
            e = registry.entities.get(m.entity) if m.entity else None
            if e is not None and _compatible(d, m, e, firm_countries) and m.entity not in keys:
                keys.append(m.entity)
                last_end = m.end
        if not keys:
            continue
        if len(keys) > 1:
            return None  # two equally recent: leave it
        if j == index and not _REPORTING.search(sentences[j].text, last_end, d.start):
            return None  # "Kestrel signed with the miner": another firm, unless Kestrel speaks of itself
        if d.kind == "country" and d.countries is None and keys[0] != topic:
            return None  # a bare "the country" stands for the article's country, not any one named last
        return keys[0]
    return None


#: a term a release defines in the bracket after a firm's name: 'Acme Metals Limited (ASX: AML) ("Acme"
#: or "the Company")', 'Acme Corp. (the "Company")'
_DEFINED = re.compile(
    r"[\"“]\s*(?:the\s+)?(Company|Group|Corporation|Issuer)\s*[\"”]|\bthe\s+[\"“](Company|Group)[\"”]"
)
#: the brackets after a name (a ticker's, then the defined terms')
_BRACKET = re.compile(r"(?:\s*\([^()]{1,200}\)){1,2}")


def _defined_terms(sentences: list[Sentence], found: list[SentenceMentions]) -> dict[str, str]:
    """The terms ("company", "group") a release defines for a firm in the bracket after its name,
    each the first firm it is defined for."""
    out: dict[str, str] = {}
    for sent, sm in zip(sentences, found, strict=True):
        if "(" not in sent.text:
            continue
        for m in sm.mentions:
            if m.label != "Company" or not m.entity:
                continue
            bracket = _BRACKET.match(sent.text, m.end)
            if bracket is None:
                continue
            for term in _DEFINED.finditer(bracket.group()):
                out.setdefault((term.group(1) or term.group(2)).lower(), m.entity)
    return out


#: a defined term where it is used: "the Company", "the Company's"
_TERM_USED = re.compile(r"\b[Tt]he\s+(Company|Group|Corporation|Issuer)(['’]s)?\b")


def _resolve_defined_terms(sentences: list[Sentence], found: list[SentenceMentions], registry: EntityRegistry) -> None:
    """"the Company" of a release that defined the term for a firm is that firm, wherever it stands."""
    defined = _defined_terms(sentences, found)
    if not defined:
        return
    for sent, sm in zip(sentences, found, strict=True):
        for used in _TERM_USED.finditer(sent.text):
            key = defined.get(used.group(1).lower())
            start, end = used.start(1), used.end(1)
            if key is None or any(m.start < end and start < m.end and m.label != "Name" for m in sm.mentions):
                continue  # a name's part ("the Company of Mines"), or read already
            if sent.text[used.start() - 2 : used.start()].endswith(("“", '"')):
                continue  # the definition itself: ("the Company")
            registry.entities[key].count += 1
            mention = Mention("Company", sent.text[start:end], start, end, kind="company",
                              possessive=bool(used.group(2)), entity=key)
            sm.mentions[:] = sorted(
                [m for m in sm.mentions if not (m.start < end and start < m.end)] + [mention], key=lambda m: m.start
            )


#: a venture named where it is introduced: "a joint venture, Kestrel Nickel,", "the venture company, Kestrel
#: Nickel,", "The venture, Kestrel Nickel, will": what follows the comma is the firm the venture is
_VENTURE_NAMED = re.compile(r"\b(?:joint\s+)?venture(?:\s+company)?,\s*$", re.I)
#: the venture where it is used: "the venture", "the joint venture's"
_VENTURE_USED = re.compile(r"\b[Tt]he\s+((?:joint\s+)?venture)(['’]s)?\b(?!\s+(?:company|partner|agreement|deal)s?\b)")


def _resolve_venture(sentences: list[Sentence], found: list[SentenceMentions], registry: EntityRegistry) -> None:
    """"the venture" of an article that named one firm as the venture ("a joint venture, Kestrel Nickel,")
    is that firm, after it is named; an article naming two leaves it alone."""
    named: dict[str, tuple[int, int]] = {}  # firm -> (sentence, end of its name) where named the venture
    for sent, sm in zip(sentences, found, strict=True):
        for m in sm.mentions:
            if m.label == "Company" and m.entity and _VENTURE_NAMED.search(sent.text, 0, m.start):
                named.setdefault(m.entity, (sent.index, m.end))
    if len(named) != 1:
        return
    ((key, (at, after)),) = named.items()
    for sent, sm in zip(sentences, found, strict=True):
        if sent.index < at or sent.heading:
            continue
        for used in _VENTURE_USED.finditer(sent.text):
            start, end = used.start(1), used.end(1)
            if sent.index == at and start < after:
                continue  # the introduction itself
            if any(m.start < end and start < m.end for m in sm.mentions):
                continue
            registry.entities[key].count += 1
            mention = Mention("Company", sent.text[start:end], start, end, kind="company",
                              possessive=bool(used.group(2)), entity=key)
            sm.mentions[:] = sorted(sm.mentions + [mention], key=lambda m: m.start)


def _topic_country(found: list[SentenceMentions]) -> str | None:
    """The country the article names most (a name counts twice, a name inside a name once, as
    :class:`~minegraph.loaders.relations.context.DocContext` counts them); None on a tie."""
    counts: Counter[str] = Counter()
    for sm in found:
        for m in sm.mentions:
            if m.label == "Country" and m.entity and m.kind != "venue":
                counts[m.entity] += 1 if m.inner else 2
    top = counts.most_common(2)
    if not top or (len(top) > 1 and top[0][1] == top[1][1]):
        return None
    return top[0][0]


def resolve_descriptions(
    sentences: list[Sentence],
    found: list[SentenceMentions],
    registry: EntityRegistry,
    text: str = "",
    kinds: tuple[str, ...] = KINDS,
) -> None:
    """Add a mention of the entity each resolvable description of ``kinds`` stands for, at its
    span: a country's description whole, a firm's from its head or the words after the last
    country or mineral word inside it ("the Chinese company": "Chinese" stays, as in "Chinese
    miner Kestrel", so the rules read where the firm is from). ``text``: the article, whose line
    breaks end a paragraph (a description reaches back across one only when its sentence names
    nothing unread before it)."""
    firm_countries: dict[str, set[str]] | None = None
    topic: str | None = None
    if "company" in kinds and "(" in text:
        _resolve_defined_terms(sentences, found, registry)
    if "company" in kinds and "venture" in text:
        _resolve_venture(sentences, found, registry)
    for sent, sm in zip(sentences, found, strict=True):
        if sent.heading:
            continue
        for d in _descriptions(sent.text, sm, kinds):
            if firm_countries is None:
                firm_countries = _firm_countries(sentences, found, registry)
                topic = _topic_country(found)
            key = _antecedent(d, sent.index, sentences, found, registry, firm_countries, topic, text)
            if key is None:
                continue
            e = registry.entities[key]
            e.count += 1
            iso2 = e.props.get("iso2", "") if d.kind == "country" else ""
            label = "Country" if d.kind == "country" else e.label
            start = d.start
            if d.kind == "company":
                # "the Chinese company": the adjective stays a mention before the firm's, as in
                # "Chinese miner Kestrel", so the rules read where the firm is from
                start = max([m.end for m in sm.mentions if d.start <= m.start and m.end <= d.end], default=start)
                while sent.text[start : start + 1].isspace():
                    start += 1
            mention = Mention(
                label,
                sent.text[start : d.end],
                start,
                d.end,
                kind="name" if d.kind == "country" else "company",
                possessive=d.possessive,
                iso2=iso2,
                entity=key,
            )
            sm.mentions[:] = sorted(
                [m for m in sm.mentions if not (start <= m.start and m.end <= d.end)] + [mention],
                key=lambda m: m.start,
            )
