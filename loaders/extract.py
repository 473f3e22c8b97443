"""Article text -> the graph of what it states (entities and relationships).

:func:`extract_graph` is a pure function of the document: rules over English news
phrasing plus general reference data (``loaders/reference``), no models, no network.
The work is split in three steps:

1. :mod:`minegraph.loaders.mentions` finds mentions sentence by sentence;
2. :class:`minegraph.loaders.entities.EntityRegistry` folds mentions into entities (acronyms, short
   forms, surnames) and :func:`_resolve_names` settles names whose type depends on context
   (a list after "companies including ...");
3. :mod:`minegraph.loaders.relations` reads relationships off each sentence.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from minegraph.graph.model import Graph, Node, Relationship
from minegraph.loaders.descriptions import resolve_descriptions
from minegraph.loaders.documents import Document
from minegraph.loaders.duplicates import PARTY_TYPES, fold_duplicate_agreements
from minegraph.loaders.entities import Entity, EntityRegistry, entity_id
from minegraph.loaders.gazetteer import (
    CountryGazetteer,
    countries,
    load_reference,
    minerals,
    slug,
    subdivisions,
    vocabulary,
    word_led_ci,
)
from minegraph.loaders.measures import extract_measures
from minegraph.loaders.mentions import Mention, SentenceMentions, find_mentions
from minegraph.loaders.relations import DocContext, extract_relations
from minegraph.loaders.relations.candidates import Candidate
from minegraph.loaders.relations.events import headline_events
from minegraph.loaders.relations.patterns import LOOKBEHIND, ends_with, generic_agreement_name, is_generic_agreement
from minegraph.loaders.relations.scorer import RelationModel
from minegraph.loaders.sentences import Sentence, split_sentences


@lru_cache(maxsize=1)
def _appositive_agreement() -> re.Pattern:
    """'an initiative known as ...', 'a platform dubbed ...': what follows names an agreement
    (the head words are the reference list ``agreement_appositive_cues``, plus programmes)."""
    heads = "|".join(sorted(vocabulary().agreement_appositive | {"programme", "program"}, key=len, reverse=True))
    return re.compile(rf"\b(?:{heads}),?\s+(?:known as|called|dubbed|named|titled)\s+(?:the\s+)?$", re.IGNORECASE)


#: what a capital standing for its government does: a reporting, signing, agreeing or talks verb,
#: a modal ("Beijing could retaliate", "Hanoi can keep the measure") or any past form
_METONYM_VERB = (
    r"(?:said|says|announced|has|have|had|is|was|are|were|will|would|can|could|may|might|must|should|shall"
    r"|insists?|stated|added|wants|plans|hopes|signed|signs|agreed|agrees|welcomed|urged|warned|seeks"
    r"|negotiates?|rejects|backs|\w+ed\b(?!\s+(?:by|in|at)\b))\b"
)
_METONYM_AFTER = re.compile(
    # "Beijing's controls"; "Beijing and Canberra agreed", "Tokyo, Manila and Ulaanbaatar signed"
    rf"^(?:['’]s\b|(?:,\s+[A-Z][\w.-]*(?:\s[A-Z][\w.-]*)?)*,?\s+and\s+[A-Z][\w.-]*(?:\s[A-Z][\w.-]*)?\s+{_METONYM_VERB}"
    rf"|\s+{_METONYM_VERB})"
)
_METONYM_BEFORE = re.compile(
    r"\b(?:[Aa]ccording to|between)\s+$|\bbetween\s+[A-Z][\w.-]*(?:\s[A-Z][\w.-]*)?\s+and\s+$"
    # the other side of an agreement: "signed a minerals accord with Canberra", "a deal with Lima"
    r"|\b(?:deal|agreement|accord|pact|MoU|MOU|memorandum|partnership|treaty|arrangement)s?\s+with\s+$"
)
#: a capital after a place preposition is the place, whatever follows: "officials in Lisbon said",
#: "the forum in Quito was", "envoys in Oslo and Rome said", "flights from Lima to Quito"
_PLACE_BEFORE = re.compile(
    r"(?<!ccording )\b(?:[Ii]n|[Aa]t|[Ff]rom|to|[Nn]ear|[Oo]utside|[Ii]nside|[Vv]ia|[Aa]cross|[Tt]hroughout)\s+"
    r"(?:[A-Z][\w-]*(?:\s[A-Z][\w-]*)?(?:,\s+[A-Z][\w-]*(?:\s[A-Z][\w-]*)?)*,?\s+and\s+)?$"
)


def _capital_acts(text: str, start: int, end: int) -> bool:
    """A capital read as its government ("Washington said", "Beijing's controls", "a pact with
    Canberra"), never the place an event or a speaker is in ("officials in Lisbon said")."""
    if ends_with(_PLACE_BEFORE, text, start) or text.startswith("-", end) and text[end + 1 : end + 2].islower():
        return False  # "in Lisbon"; "a deal with Lisbon-listed Acme": a place or a compound's first part
    return bool(_METONYM_AFTER.match(text[end:]) or ends_with(_METONYM_BEFORE, text, start))


def extract_graph(doc: Document, model: RelationModel | None = None, collect: list[Candidate] | None = None) -> Graph:
    """Entities and relationships one article states, each link with its evidence.

    ``model`` replaces the shipped relation weights and ``collect`` receives every scored
    candidate (both for fitting, ``bench/fit_relations.py``)."""
    ctx = document_context(doc)
    rels = extract_relations(ctx, model, collect)
    rels += extract_measures(ctx, rels, doc.published or "")
    rels = fold_duplicate_agreements(ctx.registry, rels, ctx.year, ctx.dateline)
    return _to_graph(ctx.registry, rels, ctx)


def document_context(doc: Document) -> DocContext:
    """The article's sentences, mentions and entities: what the relation rules read."""
    sentences = bounded_sentences(split_sentences(doc.text))
    found = [find_mentions(_lead_cased(s.text), s.heading) for s in sentences]
    registry = EntityRegistry()
    _register(sentences, found, registry)
    _resolve_names(sentences, found, registry)
    headline_events(sentences, found, registry)
    resolve_descriptions(sentences, found, registry, doc.text)
    return DocContext.build(sentences, found, registry, doc.year, doc.text)


#: a sentence's first word in capitals before a capitalised or lowercase word: newspapers open a story
#: so ("ZAMBIA has signed ...", "PAPUA New Guinea and ...")
_CAPS_LEAD = re.compile(r"[A-Z]{3,}(?=['’]s\b|\s+[A-Za-z])")


def _lead_cased(text: str) -> str:
    """The sentence with a first word in capitals written as a name ("Zambia", "Papua"), when a
    country's name or adjective starts there so written (of the same length: offsets hold); an
    acronym ("BHP said") stays as it is."""
    m = _CAPS_LEAD.match(text)
    if m is None:
        return text
    cased = m.group().capitalize() + text[m.end() :]
    hit = countries().pattern.match(cased)
    return cased if hit is not None and hit.end() >= m.end() else text


#: the longest sentence the rules read whole; news sentences are far shorter (a long one is
#: about 500 characters), longer "sentences" are flattened tables, tag clouds or junk
MAX_SENTENCE_CHARS = 1200
_BREAK = re.compile(r"[;,:]\s+|\s+[—–]\s+|\s+")


def bounded_sentences(sentences: list[Sentence], limit: int = MAX_SENTENCE_CHARS) -> list[Sentence]:
    """Sentences cut into pieces of at most ``limit`` characters, at the last clause break
    (else the last space) before the limit: every rule then does bounded work per piece,
    so extraction stays linear in the length of a line without full stops."""
    if all(len(s.text) <= limit for s in sentences):
        return sentences
    out: list[Sentence] = []
    for s in sentences:
        text, base = s.text, s.start
        while text:
            if len(text) <= limit:
                cut = len(text)
            else:
                breaks = [m for m in _BREAK.finditer(text, limit // 2, limit)]
                clause = [m for m in breaks if not m.group().isspace()]
                # a semicolon, colon or dash before a comma: a list's items ("Ana Ruiz, Minister of
                # Mines; Lena Berg, ...") keep each name with its title
                strong = [m for m in clause if not m.group().startswith(",")]
                best = strong[-1] if strong else clause[-1] if clause else breaks[-1] if breaks else None
                cut = best.end() if best is not None else limit
            piece = text[:cut].rstrip()
            if piece.strip():
                lead = len(piece) - len(piece.lstrip())
                out.append(Sentence(len(out), base + lead, base + len(piece), piece.strip(), s.heading))
            base += cut
            text = text[cut:]
    return out


# --- entities ---------------------------------------------------------------------------


def _register(sentences: list[Sentence], found: list[SentenceMentions], registry: EntityRegistry) -> None:
    gaz = countries()
    for sent, sm in zip(sentences, found, strict=True):
        generic: list[Mention] = []
        _register_sentence(sent, sm, registry, gaz, generic)
        if generic:
            sm.mentions[:] = [m for m in sm.mentions if not any(m is g for g in generic)]


def _register_sentence(
    sent: Sentence, sm: SentenceMentions, registry: EntityRegistry, gaz: CountryGazetteer, generic: list[Mention]
) -> None:
    for m in sm.mentions:
        if m.label == "Name":
            continue
        if m.label == "Country":
            country = gaz.countries.get(m.iso2)
            if country is None or sent.text.startswith("$", m.end):  # "US$565 million", "A$20": a currency
                continue
            if (
                m.kind == "city"
                and m.text in vocabulary().metonyms
                and _capital_acts(sent.text, m.start, m.end)
            ):
                body = vocabulary().metonyms[m.text]
                e = registry.add("Agency", body, sent.index, {"kind": "intergovernmental"})
                e.aliases.add(m.text)
                m.label, m.entity = "Agency", e.key
                continue
            if m.kind == "region":  # a province or state locates things in its country
                m.kind = "venue"
                m.entity = country.id
                continue
            # only a seat of government stands for it: "Shanghai said" is a city's voice, not China's
            if m.kind == "city" and not (m.text in gaz.seats and _capital_acts(sent.text, m.start, m.end)):
                m.kind = "venue"  # locates an event; the country node appears only if used
                m.entity = country.id
                continue
            registry.add_country(country.iso2, sent.index, m.text)
            m.entity = country.id
            continue
        if m.label == "Mineral":
            mineral = minerals().minerals[m.text]
            e = registry.add("Mineral", mineral.name, sent.index)
            registry.rekey(e, mineral.id)
            surface = sent.text[m.start : m.end]
            if surface.lower() != mineral.name:
                e.aliases.add(surface)
            if mineral.symbol:
                e.props["symbol"] = mineral.symbol
            if mineral.group:
                e.props["group"] = mineral.group
            m.entity = e.key
            continue
        label = m.label
        if label == "Event" and ends_with(_appositive_agreement(), sent.text, m.start):
            label = m.label = "Agreement"
        if label == "Agreement" and is_generic_agreement(m.text):
            generic.append(m)  # "a Memorandum of Understanding": read as an unnamed agreement
            continue
        props: dict = {}
        if label == "Agency":
            props["kind"] = m.kind
        elif label == "Agreement":
            props["kind"] = m.kind
        e = registry.add(label, m.text, sent.index, props, m.name_countries, m.acronym)
        if e.label != label and label == "Agreement":
            e.label = "Agreement"
        m.entity = e.key
        if m.props.get("state_owned"):
            e.props["state_owned"] = True  # a reference-list firm known to be state-owned
        if m.acronym:
            registry.add_acronym(e, m.acronym)
        for alias in m.props.get("aliases", ()):
            registry.add_alias(e, alias)
        if label == "Agreement" and e.label == "Agreement":
            _own_instrument(registry, e, sent.text, m.start, gaz)
        if label == "Event":
            edition = _EDITION_BEFORE.search(sent.text, max(0, m.start - 16), m.start)
            if edition:  # "the second Ruritania-Freedonia Summit": the edition is part of the meeting's name
                e.aliases.add(f"{edition.group(1)} {m.text}")
        if label == "Agency" and m.kind in vocabulary().government_kinds:
            # "Ruritania's Foreign Ministry": the body named with its country is a usual form of its name
            owner = _OWNER_BEFORE.search(sent.text, max(0, m.start - 60), m.start)
            if owner:
                who = owner.group(1) if gaz.lookup(owner.group(1)) else owner.group(1).split()[-1]
                if gaz.lookup(who) is not None:
                    e.aliases.add(f"{who}'s {sent.text[m.start : m.end]}")


#: a possessor right before an agreement's name: "Ruritania's ", "the Freedonian Government's new "
_POSSESSOR_BEFORE = re.compile(
    r"\b([A-Z][\w.-]*(?: [A-Z][\w.-]*){0,2})(['’])s\s+(?:(?:new|own|national|latest|first|draft|updated)\s+)?$"
)
_LEADING_THE = re.compile(r"^The\s+")


def _own_instrument(registry: EntityRegistry, e: Entity, text: str, start: int, gaz: CountryGazetteer) -> None:
    """A generic name written with its owner ("Ruritania's Critical Minerals Strategy") names that
    state's instrument: one node per owner (its id carries the country), named as the article
    owns it, so that another article's "Freedonia's Critical Minerals Strategy" stays apart while
    the same state's strategy told in two articles is one. The bare name stays an alias."""
    if e.props.get("_national") or e.name_countries or not generic_agreement_name(e.name, e.aliases):
        return
    owner = _POSSESSOR_BEFORE.search(text, max(0, start - 60), start)
    if owner is None:
        return
    who = _LEADING_THE.sub("", owner.group(1))
    iso = next((hit[0] for w in (who, *who.split()) if (hit := gaz.lookup(w))), None)
    if iso is None:
        return
    bare = e.name
    e.props["_national"] = f"{slug(bare)}-{iso.lower()}"
    e.name = f"{who} {bare}"
    e.name_countries.append(iso)
    registry.add_alias(e, bare)
    registry.add_alias(e, f"{who}{owner.group(2)}s {bare}")


#: an edition written in lower case right before a meeting's name: "the second ", "the 2031 "
_EDITION_BEFORE = re.compile(
    r"\b(?:the|its|this\s+year['’]s)\s+(first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|inaugural"
    r"|\d{1,3}(?:st|nd|rd|th)|(?:19|20)\d\d)\s+$"
)
#: "<Country>'s " right before a name
_OWNER_BEFORE = re.compile(r"\b([A-Z][\w-]*(?: [A-Z][\w-]*)?)['’]s $")

_STATE_OWNED = re.compile(
    word_led_ci(r"state[- ](?:owned|run|controlled|miner|mining|company|firm|producer|holding|enterprise)")
    + r"\b(?i:[^,.;()]{0,40}$)"
)


#: what ``list_cue`` opens its list with (each match holds one, in lower case)
_LIST_OPENERS = ("including", "such as", "like", "namely", "among them")


@lru_cache(maxsize=1)
def _single_cues() -> frozenset[str]:
    """The words right before a firm's name that say it is one ("miner", "state-owned")."""
    return frozenset(vocabulary().company_cues | {"state-owned", "state-run", "state"})


@lru_cache(maxsize=1)
def _cue_patterns() -> tuple[re.Pattern, re.Pattern, re.Pattern, re.Pattern]:
    """'companies, including ...', '<cue> NAME', 'NAME, a ... <cue>' and '<agency cue> NAME' patterns."""
    v = vocabulary()
    lists = "|".join(sorted(v.company_list_cues, key=len, reverse=True))
    single = "|".join(sorted(_single_cues(), key=len, reverse=True))
    agency = "|".join(sorted(v.agency_cues, key=len, reverse=True))
    return (
        re.compile(rf"\b(?:{lists})\b[’']?,?\s+(?:{'|'.join(_LIST_OPENERS)})\s+", re.IGNORECASE),
        re.compile(rf"\b(?:{single}),?\s+$", re.IGNORECASE),
        re.compile(rf"^(?:\s*\([^()]{{1,30}}\))?,\s+(?:a|an|the)\s+(?:[\w-]+\s+){{0,4}}(?:{single})\b", re.IGNORECASE),
        re.compile(rf"\b(?:{agency})\s+$"),
    )


def _list_spans(text: str, list_cue: re.Pattern) -> list[tuple[int, int]]:
    """The spans of the lists of firms a sentence opens with 'companies, including': none
    unless it holds both a list word and an opener (two substring tests, not a scan)."""
    low = text.lower()
    if not any(w in low for w in _LIST_OPENERS) or not any(w in low for w in vocabulary().company_list_cues):
        return []
    return [(lc.end(), _list_end(text, lc.end())) for lc in list_cue.finditer(text)]


@lru_cache(maxsize=1)
def _single_cue_ends() -> tuple[str, ...]:
    return tuple(c.lower() for c in _single_cues())


def _ends_before(text: str, pos: int, words: tuple[str, ...]) -> bool:
    """Whether the text right before ``pos`` is one of ``words`` and spaces: a string test before
    a pattern whose every match ends so is looked for (most names follow none of them)."""
    head = text[max(0, pos - LOOKBEHIND) : pos]
    tail = head.rstrip()
    return len(tail) < len(head) and tail.endswith(words)


#: the words :data:`_PARTY_BEFORE` and :data:`_LEADER_OF` end with before the name (and spaces)
_PARTY_ENDS = ("with", "the", "between", "and")
_LEADER_ENDS = ("of", "the")


@lru_cache(maxsize=1)
def _agency_ends() -> tuple[str, ...]:
    """The agency cues, one of which (and spaces) ends every match of the agency pattern."""
    return tuple(vocabulary().agency_cues)


def _cue_before(before_cue: re.Pattern, text: str, pos: int, end: int) -> re.Match | None:
    """``before_cue`` right before ``pos`` ("the miner Kestrel"), or the name set off by commas
    after the cue, an appositive ("the state lithium firm, Kestrel, said"): only where the text
    before ``pos`` is a cue word, a comma and spaces (a string test; most names follow no cue)."""
    head = text[max(0, pos - LOOKBEHIND) : pos]
    tail = head.rstrip()
    if len(tail) == len(head):
        return None
    if tail.endswith(","):
        if not _APPOSITIVE_END.match(text, end):
            return None  # "for the company, Kestrel Lake ...": a list or a clause, not the firm's name
        tail = tail[:-1]
    if not tail.lower().endswith(_single_cue_ends()):
        return None
    return ends_with(before_cue, text, pos)


#: what closes an appositive name: a comma, the sentence's end or a closing bracket
_APPOSITIVE_END = re.compile(r"\s*(?:[,;)]|\.?\s*$)")


@lru_cache(maxsize=1)
def _company_heads() -> frozenset[str]:
    """Words that end a firm's name ("Metals", "Group"): one set for every name resolved."""
    v = vocabulary()
    return frozenset(v.company_strong | v.company_weak)


#: the company a short form names: "Kestrel" for "Kestrel Battery Metals", "Kestrel Gold" for "Kestrel Gold Group"
def _short_company_form(registry: EntityRegistry, word: str) -> Entity | None:
    heads = _company_heads()
    first = word.split()[0] if word.split() else ""
    for e in registry.starting_with(first):
        if e.label != "Company":
            continue
        parts, words = e.name.split(), word.split()
        n = len(words)
        if (
            len(parts) > n
            and parts[:n] == words
            and parts[-1] in heads
            and (n == 1 or all(p in heads for p in parts[n:]))  # "Kestrel Battery" is not "Kestrel Battery Metals"
            and all(p[:1].isupper() for p in parts)
        ):
            return e
    return None


@lru_cache(maxsize=8192)
def _folded(text: str) -> str:
    """Lower case without accents: "Générale" -> "generale"."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)).lower()


_LETTERS = re.compile(r"[^\W\d_]+")


@lru_cache(maxsize=4096)
def _name_parts(name: str) -> tuple[tuple[str, bool], ...]:
    """A name's words folded, each with whether it is written in lower case ("des", "of")."""
    return tuple((_folded(p), p[:1].islower()) for p in _LETTERS.findall(name))


def _contracts(word: str, name: str) -> bool:
    """``word`` is written from the heads of two or more of ``name``'s words, in order: "Eximbank"
    for "Export-Import Bank of Freedonia" (Ex-Im-Bank), "Gemetaux" for "Générale des Métaux de
    Ruritanie". It opens with the name's first word; each piece is two letters or more and the last
    three or more; a lowercase word ("des") may be passed over, and the words after the last
    piece ("of Freedonia") are left."""
    w = _folded(word)
    parts = _name_parts(name)
    if len(w) < 5 or len(parts) < 2 or not w.isalpha() or w[:2] != parts[0][0][:2]:
        return False

    def read(i: int, j: int, used: int) -> bool:
        if i == len(w):
            return used >= 2
        if j >= len(parts):
            return False
        part, lower = parts[j]
        if used and lower and read(i, j + 1, used):
            return True
        k = 2
        while k <= len(part) and i + k <= len(w) and w[i : i + k] == part[:k]:
            if (i + k < len(w) or k >= 3) and read(i + k, j + 1, used + 1):
                return True
            k += 1
        return False

    return read(0, 0, 0)


def _contracted_form(registry: EntityRegistry, word: str) -> Entity | None:
    """The one organisation of the article whose name ``word`` contracts ("Eximbank" after the
    "Export-Import Bank of Freedonia"), else None."""
    w = _folded(word)
    if len(w) < 5 or not w.isalpha():  # what _contracts asks first, before the scan of every name
        return None
    found = [
        e for e in registry.entities.values() if e.label in ("Agency", "Company") and _contracts(word, e.name)
    ]
    return found[0] if len(found) == 1 else None


def _resolve_names(sentences: list[Sentence], found: list[SentenceMentions], registry: EntityRegistry) -> None:
    """Give headless capitalised names a label when the text says what they are."""
    people: dict[str, Entity] = {}  # each word of a person's name -> the first person named so
    for e in registry.entities.values():
        if e.label == "Person":
            # a hyphenated surname is written whole too ("Asante-Mensah said"), as well as by its parts
            for w in (*e.name.replace("-", " ").split(), *(w for w in e.name.split()[1:] if "-" in w)):
                people.setdefault(w, e)
    surnames = {
        w
        for e in registry.entities.values()
        if e.label == "Person"
        for w in (*e.name.replace("-", " ").split()[1:], *(w for w in e.name.split()[1:] if "-" in w))
    }
    for _pass in range(2):  # the second pass links names met before their definition
        if _pass and not any(m.label == "Name" for sm in found for m in sm.mentions):
            break  # every name was resolved in the first
        _resolve_pass(sentences, found, registry, surnames, people)


_OWNED_NOT_AFTER = re.compile(
    r"^\s+(?:valley|region|province|mine|mines|project|deposit|river|basin|desert|port|field|plant|lake|district|"
    r"state|city|county|belt|corridor|reserve|island|islands|coast|area|zone|highway|railway|line)\b"
)


_POSSESSIVE_GAP = re.compile(r"[’']s?\s+")


def _resolve_pass(
    sentences: list[Sentence],
    found: list[SentenceMentions],
    registry: EntityRegistry,
    surnames: set[str],
    people: dict[str, Entity],
) -> None:
    list_cue, before_cue, after_cue, agency_cue = _cue_patterns()
    gaz = countries()
    for sent, sm in zip(sentences, found, strict=True):
        text = sent.text
        list_spans: list[tuple[int, int]] | None = None  # read when a sentence has a name to resolve
        for i, m in enumerate(sm.mentions):
            if m.label != "Name":
                continue
            if list_spans is None:
                list_spans = _list_spans(text, list_cue)
            acr = registry.find_acronym(m.text)
            if acr is not None:
                m.label, m.entity = acr.label, acr.key
                acr.count += 1
                continue
            single = len(m.text.split()) == 1
            known = None
            for lbl in ("Agency", "Company", "Event", "Agreement"):
                known = registry.find(lbl, m.text)
                if known is not None:
                    break
            # "Peru's Buenaventura", "Finland's Outokumpu": a one-word name owned by a country
            prev = sm.mentions[i - 1] if i > 0 else None
            owned = (
                single
                and prev is not None
                and prev.label == "Country"
                and prev.possessive
                and not prev.inner
                and _POSSESSIVE_GAP.fullmatch(text[prev.end : m.start]) is not None
                and m.text not in surnames
                and m.text not in vocabulary().titles
                and not _OWNED_NOT_AFTER.match(text[m.end :])
            )
            if known is None and m.text not in surnames and not owned:
                known = _short_company_form(registry, m.text)
            contracted = None
            if known is None and single and m.text not in surnames and not owned:
                contracted = known = _contracted_form(registry, m.text)
            # a single word is linked only to an organisation known by exactly that word, or one
            # its letters contract
            if known is not None and (
                not single or m.text in known.forms() or known.name.split()[0] == m.text or contracted is not None
            ):
                m.label, m.entity = known.label, known.key
                known.count += 1
                _add_acronym(registry, known, m)
                continue
            # a surname alone refers back to a person named in full
            if single:
                person = people.get(m.text)
                if person is not None:
                    m.label, m.entity = "Person", person.key
                    continue
            else:
                person = _titled_person(m.text, people)
                if person is not None:  # "President Ruiz", "Vega Ruiz": a person named in full elsewhere
                    m.label, m.entity = "Person", person.key
                    continue
            in_list = any(a <= m.start < b for a, b in list_spans)
            cue = (
                _cue_before(before_cue, text, m.start, m.end)
                or after_cue.match(text[m.end :])
                or (
                    _ends_before(text, m.start, _PARTY_ENDS)
                    and ends_with(_PARTY_BEFORE, text, m.start)
                    and m.text not in subdivisions().surfaces
                )
            )
            if not cue and not single and m.text not in subdivisions().surfaces:
                cue = _employs_person(text, sm.mentions, i) or (
                    _ends_before(text, m.start, _LEADER_ENDS) and ends_with(_LEADER_OF, text, m.start)
                )
            if not cue and _ends_before(text, m.start, _ROLE_AT_ENDS):
                cue = ends_with(_ROLE_AT, text, m.start)
            label = None
            if (
                _ends_before(text, m.start, _agency_ends())
                and ends_with(agency_cue, text, m.start)
                and not gaz.lookup(m.text)
            ):
                label = "Agency"
            elif (in_list or cue or owned or _defines_short_form(m)) and not gaz.lookup(m.text):
                label = "Company"
            if label is None:
                continue
            props: dict[str, object] = {}
            if label == "Company" and ends_with(_STATE_OWNED, text, m.start):
                props["state_owned"] = True
            if label == "Agency":
                props["kind"] = "agency"
            e = registry.add(label, m.text, sent.index, props, m.name_countries, m.acronym)
            m.label, m.entity = e.label, e.key
            _add_acronym(registry, e, m)
        for m in sm.mentions:
            if m.label == "Company" and ends_with(_STATE_OWNED, text, m.start):
                registry.entities[m.entity].props["state_owned"] = True


#: a deal's other party right after it: "a supply deal with Kestrel", "signed an offtake agreement with Kestrel"
_DEAL_WORDS = (
    r"\b(?:deal|deals|agreement|agreements|contract|contracts|offtake|joint\s+venture|partnership|memorandum|"
    r"MoU|MOU|pact|tie-up|merger)"
)
#: ... or between the parties: "a joint venture between Kestrel and Quorra Lithium"
_PARTY_BEFORE = re.compile(
    rf"{_DEAL_WORDS}\s+(?:with\s+(?:the\s+)?|(?:signed\s+|struck\s+|reached\s+)?between\s+(?:the\s+)?"
    r"(?:[A-Z][\w.&’'-]*(?:\s+[A-Z][\w.&’'-]*){0,3}\s+and\s+(?:the\s+)?)?)$"
)


#: "the chairman of Rosa Brothers", "the chief executive of the Rosa Group": an organisation
#: the title leads (a "director of" or "head of" may head a unit or a region)
_LEADER_OF = re.compile(
    r"\b(?:chairman|chairwoman|chairperson|president|ceo|chief\s+executive|founder|co-founder|owner)\s+of\s+"
    r"(?:the\s+)?$"
)


#: a professional's role and "at" before the firm she works for: "an analyst at Kestrel Metals
#: Research", "a principal at Rosa Partners", "head of research at Rosa Securities", also with
#: where the firm sits between them ("an analyst at Lusaka-based Rosa Securities")
_ROLE_AT = re.compile(
    r"\b(?:analysts?|principal|partner|economist|strategist|consultant|adviser|advisor|researcher|banker|"
    r"lawyer|associate|specialist|head\s+of\s+[a-z][a-z -]{1,30}?)\s+at\s+(?:the\s+)?"
    r"(?:[A-Z][\w.'’]*(?:\s+[A-Z][\w.'’]*)?-based\s+)?$",
    re.IGNORECASE,
)
_ROLE_AT_ENDS = ("at", "the", "-based")


def _employs_person(text: str, mentions: list[Mention], i: int) -> bool:
    """The name's possessive opens a person's name ("Rosa Media's Ana Ruiz"): where she works."""
    m = mentions[i]
    nxt = mentions[i + 1] if i + 1 < len(mentions) else None
    return (
        nxt is not None
        and nxt.label == "Person"
        and _POSSESSIVE_GAP.fullmatch(text[m.end : nxt.start]) is not None
    )


def _defines_short_form(m: Mention) -> bool:
    """A name of several words that the text gives a capitalised short form ("Kestrel Hydro
    Lacustre (KESHYDRO)") names an organisation even without a head word: news defines short
    forms for bodies and firms, and agreements, events, people and places were read before."""
    words = m.text.split()
    return (
        len(words) >= 2
        and _SHORT_FORM.fullmatch(m.acronym) is not None
        and words[-1].lower() not in _thing_heads()
    )


_SHORT_FORM = re.compile(r"[A-Z][A-Z0-9&-]{2,11}")

#: the last word of a law's, a policy's or a stock's name ("the Clean Metals Act (CMA)", "the
#: Ruritanian Mining Vision (RMV)", "the National Tin Stockpile (NTS)"): a thing, not a body
_INSTRUMENT_HEADS = frozenset(
    {"act", "law", "bill", "code", "decree", "regulation", "regulations", "directive", "vision", "agenda",
     "programme", "program", "policy", "stockpile", "zone", "area", "corridor"}
)


@lru_cache(maxsize=1)
def _thing_heads() -> frozenset[str]:
    """Lowercase last words that name a thing rather than an organisation: laws and policies,
    agreements' and meetings' heads, and the place, landform and mine words of ``places.json``."""
    v = vocabulary()
    places = load_reference("places.json")
    return (
        _INSTRUMENT_HEADS
        | {w.lower() for w in (*v.agreement_name_heads, *v.event_heads)}
        | {w for w in (*places["feature_words"], *places["asset_words"], *places["subdivision_words"]) if " " not in w}
    )


def _titled_person(name: str, people: dict[str, Entity]) -> Entity | None:
    """The person a title and part of a name refer to ("President Ruiz", "Minister Ana Ruiz",
    "Vega Ruiz" for "Ana Vega Ruiz"): every word left after the titles belongs to one person
    named in full, and the last is the last word of that person's name."""
    v = vocabulary()
    words = name.split()
    k = 0
    while k < len(words) - 1 and (words[k] in v.titles or words[k].lower() in v.title_words_lower):
        k += 1
    rest = words[k:]
    owners = {id(people.get(w)): people.get(w) for w in rest}
    if len(owners) != 1:
        return None
    person = next(iter(owners.values()))
    if person is None or person.name.replace("-", " ").split()[-1] != rest[-1].replace("-", " ").split()[-1]:
        return None
    return person


def _add_acronym(registry: EntityRegistry, entity: Entity, m: Mention) -> None:
    if m.acronym:
        registry.add_acronym(entity, m.acronym)
        m.acronym = ""


_LIST_END = re.compile(
    r"[;:!?]|\.(?=\s+[A-Z]|\s*$)|,\s+(?!and\b)[a-z]|\s(?:were|was|are|is|have|has|will|signed|said)\b"
)


def _list_end(text: str, start: int) -> int:
    """Where a list of names that starts at ``start`` ends (a clause break)."""
    m = _LIST_END.search(text[start:])
    return start + m.start() if m else len(text)


# --- graph ------------------------------------------------------------------------------


def _to_graph(registry: EntityRegistry, rels, ctx: DocContext) -> Graph:
    graph = Graph()
    used = {k for r in rels for k in (r.source, r.target)}
    based = {r.source: r.target for r in rels if r.type == "BASED_IN"}
    ids: dict[str, str] = {}
    for key, e in registry.entities.items():
        if e.label == "Name":
            continue
        if e.label == "Country" and e.count == 0 and key not in used:
            continue
        iso = (
            registry.entities[based[key]].props.get("iso2")
            if key in based and based[key] in registry.entities
            else None
        )
        # countries and unnamed agreements already carry their canonical id as key
        ids[key] = e.key if e.label == "Country" or e.described else entity_id(e, iso)
    _scope_generic_agreements(registry, rels, ids)
    covered: dict[str, set[str]] = {}
    for r in rels:
        if r.type == "COVERS" and r.source in ids and r.target in ids:
            covered.setdefault(r.source, set()).add(ids[r.target])
    for key, e in registry.entities.items():
        if key not in ids:
            continue
        props = _node_props(e, ctx)
        if e.described and e.label == "Agreement" and key in covered:
            # what an unnamed agreement covers is part of which one it is: another article's
            # "MOU between A and B" on other minerals is another instrument (loaders.resolve)
            props["minerals"] = sorted(covered[key])
        aliases = sorted(a for a in e.aliases if a != e.name)
        graph.add_node(Node(ids[key], e.label, e.name, aliases, props))
    for r in rels:
        if r.source not in ids or r.target not in ids:
            continue
        graph.add_relationship(
            Relationship(
                ids[r.source],
                r.type,
                ids[r.target],
                {"evidence": list(dict.fromkeys(r.evidence)), "confidence": r.confidence},
            )
        )
    return graph


#: kinds of instrument one government makes for itself: a generic name of one of these with one
#: country as its party is that country's ("the Critical Minerals Strategy" the article gives to Ruritania)
_OWN_KINDS = frozenset({"strategy", "plan", "action_plan", "roadmap", "policy"})


def _scope_generic_agreements(registry: EntityRegistry, rels, ids: dict[str, str]) -> None:
    """An agreement named by a kind word alone ("the Framework", "Plan") is known by its parties
    (see ``is_generic_agreement``), and a government's own instrument under a generic name ("the
    Critical Minerals Strategy") by the one country the article gives it: the id carries them
    ("agreement:framework-xx-yy", "agreement:critical-minerals-strategy-xx", as if the article
    had written the owner), so that another article's "Framework" of other parties, or another
    government's strategy, is not joined to it by the id the bare name would share. A generic name
    of a partnership or alliance with many members ("the Lakeland Minerals Partnership") stays as it is:
    articles list its members differently."""
    parties: dict[str, set[str]] = {}
    for r in rels:
        if r.type in PARTY_TYPES and r.source in ids and r.target in ids:
            parties.setdefault(r.target, set()).add(ids[r.source])
    for key, e in registry.entities.items():
        if key not in ids or key not in parties or e.label != "Agreement" or e.described or e.props.get("_national"):
            continue
        mine = sorted(parties[key])
        if is_generic_agreement(e.name):
            ids[key] = "-".join([ids[key], *(p.split(":", 1)[1] for p in mine)])
        elif e.props.get("kind") in _OWN_KINDS and generic_agreement_name(e.name, e.aliases):
            owner = _one_government(mine)
            if owner is not None:
                ids[key] = f"{ids[key]}-{owner}"


def _one_government(parties: list[str]) -> str | None:
    """The code of the one country these party ids belong to: the country itself and its own
    bodies (whose ids end with its code, "agency:ministry-of-mines-xx"), else None."""
    states = [p.split(":", 1)[1] for p in parties if p.startswith("country:")]
    if len(states) != 1:
        return None
    iso = states[0]
    others = [p for p in parties if not p.startswith("country:")]
    return iso if all(p.startswith("agency:") and p.endswith(f"-{iso}") for p in others) else None


_YEAR_GROUP = re.compile(r"\b((?:19|20)\d\d)\b")


def _node_props(e: Entity, ctx: DocContext) -> dict:
    props = {k: v for k, v in e.props.items() if v is not None and v != "" and not k.startswith("_")}
    if e.label == "Agreement":
        props.setdefault("kind", "agreement")
        props.setdefault("status", "launched")
        if props.get("year") is None:
            props.pop("year", None)
    if e.label == "Event":
        year = _YEAR_GROUP.search(" ".join([e.name, *e.aliases]))
        if year:
            props["year"] = int(year.group(1))
        elif ctx.year:
            props["year"] = ctx.year
        props.pop("kind", None)
    if e.label == "Company":
        props.pop("kind", None)
    return props


__all__ = ["extract_graph", "Mention"]
