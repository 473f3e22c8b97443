"""People: names found only in contexts that mark a person (a title before the name, an
appositive title after it, a reporting verb), which keeps precision high.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from functools import lru_cache

from minegraph.loaders.gazetteer import countries, load_reference, subdivisions, vocabulary
from minegraph.loaders.mentions.names import LED_BY, is_kind_word, org_heads
from minegraph.loaders.mentions.places import place_patterns
from minegraph.loaders.mentions.table import (
    CUE_WORDS,
    LOWER_TITLE_WORDS,
    LOWER_TITLES,
    PARTICLES,
    given_named_spans,
    holds_cue,
    pattern_cues,
    patterns,
)
from minegraph.loaders.mentions.tokens import TIME_WORDS

#: titles that are also common surnames ("Madeleine King")
_SURNAME_TITLES = frozenset({"King", "Prince", "Chancellor", "Head", "Lead"})


#: month names that are also given names ("Jan Berg", "June Park") when a surname follows
_GIVEN_NAME_MONTHS = frozenset({"Jan", "May", "June", "April", "August"})


#: "-listed", "-based": a compound adjective, never part of a personal name
_COMPOUND_ADJECTIVE = re.compile(
    r"-(?:led|backed|funded|financed|based|owned|controlled|listed|run|operated|headquartered|registered|made)$"
)


@lru_cache(maxsize=1)
def _name_heads() -> frozenset[str]:
    """Head words of bodies, firms, events and agreements, never in a person's name (one set,
    not a union of five built for every name tested)."""
    v = vocabulary()
    return frozenset(v.agency_heads) | v.company_strong | v.company_weak | set(v.event_heads) | set(
        v.agreement_name_heads
    )


#: last words of the names of laws, plans, zones and works, never of a person's name (surnames
#: that are also such words, "Park", "Hill", "Field", are left out)
_THING_LAST = frozenset(
    "Zone Zones Act Law Bill Decree Code Corridor Programme Program Policy Strategy Agenda Vision Stockpile "
    "Area District Province Region Valley Basin Belt Project Deposit Mine Refinery Smelter Port Railway "
    "Bay Harbour Harbor Island Islands Peninsula Gulf Strait Plateau Desert".split()
)


#: pronouns that are also Chinese surnames and given names ("Vice Premier He Lin", "Liu He"): a
#: name's word after its first, or its first right after a title; never a name opening a sentence
_PRONOUN_NAMES = frozenset({"He"})


#: the words of forms of address that are no part of a name ("Rt Hon.", "Engr."); "Hon" and "Eng" only
#: with their stop ("Hon.", "Eng."), as written they are also name words ("Ng Eng Hen", "Hon Lai Ming")
_ADDRESS_WORDS = frozenset({"Rt", "Rt.", "Engr", "Engr.", "Hon.", "Eng."})


def valid_person(name: str, titled: bool = False) -> bool:
    v = vocabulary()
    gaz = countries()
    parts = name.split()
    if len(parts) < 2:
        return False
    heads = _name_heads()
    if parts[0] in v.company_prefix_forms or parts[0] in v.agency_prefix_forms:
        return False  # "Sociedad Minera Acme said", "Cámara Minera de Acme": a firm or body by its head
    if is_kind_word(parts[0]):
        return False  # "Carmaker Acme said", "Drugmaker Acme": a noun that says what the firm is
    if _ADDRESS_WORDS.intersection(parts):
        return False  # "Rt Hon." before a name: a form of address, not the name
    if parts[-1] in _THING_LAST:
        return False  # "Special Economic Zone" after the title word "Special": a place or a law
    for i, p in enumerate(parts):
        if "-" in p and (any(x in v.titles for x in p.split("-")) or LED_BY.search(p)):
            return False
        if (
            (
                p in v.person_stopwords
                and not (i == 0 and p in _GIVEN_NAME_MONTHS)
                and not (p in _PRONOUN_NAMES and (i > 0 or titled))
            )
            or (p in v.titles and p not in _SURNAME_TITLES)
            or p in heads
            or (gaz.lookup(p) and not (i == 0 and _given_name_city(p)))
            or p.lower() in v.title_words_lower
        ):
            return False
    rest = " ".join(parts[1:]) if _given_name_city(parts[0]) else name
    if gaz.pattern.search(rest) or parts[0] in _portfolio_words():
        return False  # "Affairs Ana Ruiz" after "Minister of Foreign": the end of a portfolio
    return any(c.islower() for c in name)


@lru_cache(maxsize=1)
def _portfolio_words() -> frozenset[str]:
    """Words of ministers' portfolios ("Foreign Affairs", "Energy"), never a name's first word."""
    v = vocabulary()
    return frozenset(w for k, full in v.short_forms.items() for w in (k, *full.split())) | v.portfolio_words


def _titled_matches(pattern: re.Pattern, text: str) -> Iterator[re.Match]:
    """The titled pattern's matches; after one whose name is no person's ("Mining Chamber Chief
    Executive Tom" after the portfolio word "Mining") the search goes on inside it, where the
    person's own title may begin ("Chief Executive Tom Vega")."""
    pos = 0
    while (m := pattern.search(text, pos)) is not None:
        yield m
        pos = m.end() if valid_person(m.group(1), titled=True) else m.start(1)


def find_people(text: str, places: list[tuple[int, int]] | None = None) -> list[tuple[int, int, str]]:
    """(start, end, name) of people named in a marked context (``places``: country spans): after a
    title or before a reporting verb (:func:`_keyed_people`), after a title with a complement, a
    form of address or an honorific, then alone where a given name or what follows marks them
    (:func:`_given_named_people`)."""
    found: dict[tuple[int, int], str] = {}
    if places is None:
        places = [(m.start(), m.end()) for m in countries().pattern.finditer(text)]
    places = [p for p in places if not _given_name_opening(text, *p)]
    _keyed_people(text, places, found)
    for s, e, name, tail in _titled_complement_people(text):
        # judged from the two-word tail: "Tran Thi Thu Hang" found whole stays whole
        wider = [(a, b) for a, b in found if a < tail and b == e]
        if wider and all(
            w not in given_names() and _PLAIN_WORD.fullmatch(w) for a, _ in wider for w in text[a:tail].split()
        ):
            for k in wider:  # "Minister of Lands Ana Ruiz said": "Lands" ends the title, not opens the name
                del found[k]
        if any(a < e and s < b for a, b in places) or any(a < e and s < b for a, b in found):
            continue
        found[(s, e)] = name
    for s, e, name in _addressed_people(text):
        if any(a < e and s < b for a, b in places) or any(a < e and s < b and not s <= a < b <= e for a, b in found):
            continue
        for k in [k for k in found if s <= k[0] and k[1] <= e]:
            del found[k]  # "Shri Anil Singh Rao": the whole name after the form of address, not its tail
        found[(s, e)] = name
    for s, e, name in _honorific_people(text):
        if not any(a < e and s < b for a, b in found) and not any(a < e and s < b for a, b in places):
            found[(s, e)] = name
    _given_named_people(text, places, found)
    starts = {s for s, _ in found}
    for s, e in [k for k in found if text.startswith(("'s ", "’s "), k[1]) and k[1] + 3 in starts]:
        del found[(s, e)]  # "Rosa Media's Ana Ruiz": a person's possessive names where she works
    return sorted((s, e, n) for (s, e), n in found.items())


#: the patterns :func:`_keyed_people` reads people with, in order (each a field of the pattern table)
_PERSON_KEYS = ("korean", "titled", "appositive", "reverse_appositive", "lower_titled", "said", "said_by", "from_org")


def _holds_a_word(text: str, words) -> bool:
    """``any(w in text for w in words)`` as a plain loop (a generator under ``any`` costs more than
    the substring tests, asked for every sentence)."""
    for w in words:
        if w in text:
            return True
    return False


def _keyed_people(text: str, places: list[tuple[int, int]], found: dict[tuple[int, int], str]) -> None:
    """People each pattern of :data:`_PERSON_KEYS` marks (a title before, a comma and a title, a
    reporting verb ...), a sentence without a pattern's cue not scanned with it. Writes ``found``."""
    pats = patterns()
    cues = pattern_cues()
    for key in _PERSON_KEYS:
        # holds_cue(key, text), inlined: eight keys for every sentence
        cue = cues.get(key)
        if cue is not None:
            words = CUE_WORDS.get(key)
            if words is not None:
                for w in words:
                    if w in text:
                        break
                else:
                    continue
            if cue.search(text) is None:
                continue
        if key == "lower_titled" and not _holds_a_word(text, LOWER_TITLE_WORDS):
            continue  # no lowercase title: a few substring tests instead of a scan
        matches = _titled_matches(pats.titled, text) if key == "titled" else getattr(pats, key).finditer(text)
        for m in matches:
            _keyed_person(key, m, text, places, found)


def _keyed_person(
    key: str, m: re.Match, text: str, places: list[tuple[int, int]], found: dict[tuple[int, int], str]
) -> None:
    """One match of the pattern ``key``: the person it names, unless the words around make it
    something else (a title's organisation, what was said, a place), or of a three-word name the
    two words that read as one (:func:`_two_of_three`). Writes ``found``."""
    g = 0 if key == "korean" else 1
    start, end, name = m.start(g), m.end(g), m.group(g)
    if key == "reverse_appositive":
        head = text[max(0, m.start() - 160) : m.start()]
        if not patterns().title_before.search(head[head.rfind(",") + 1 :]):
            return
        if after_person_title(text[: m.start(1)], found):
            return  # "Ana Ruiz, Partner, Acme Legal": the organisation of her title
    if key == "said_by" and (_CLAUSE_VERB.match(text, end) or _POSSESSIVE_TITLE.match(text, end)):
        # "said Rosa Vale would ...": the subject of what was said, a mine or a firm as often as
        # a person; "said Rosa Metals' chief executive, Ana Ruiz": the firm whose title follows
        return
    # a titled match may swallow a trailing capitalised word ("Lee Dohan Attended")
    if any(s < end and start < e for s, e in places) or _NUMBERED.match(text, end):
        return
    if valid_person(name, titled=key in ("titled", "lower_titled")):
        if any(s <= start < e or start <= s < end for s, e in found):
            return
        if key in _UNTITLED and title_of_before().search(text, max(0, start - 40), start):
            return  # "the chairman of Rosa Brothers said": the organisation the title is of
        found[(start, end)] = name
    elif key != "korean" and len(name.split()) == 3 and name.split()[0] not in vocabulary().company_prefix_forms:
        two = _two_of_three(key, name, start, end)
        if two is None:
            return
        start, end, name = two
        if key in _UNTITLED and title_of_before().search(text, max(0, start - 40), start):
            return
        if not any(s < end and start < e for s, e in found):
            found[(start, end)] = name


def _two_of_three(key: str, name: str, start: int, end: int) -> tuple[int, int, str] | None:
    """'... Resources Karim Dalloul said': of a three-word match, the two words that read as a
    name (the last two before "said", else the first two unless the last is a firm's head word:
    "Osprey Nuclear Energy said" is a firm); none."""
    first, last = " ".join(name.split()[:2]), " ".join(name.split()[1:])
    if key == "said" and valid_person(last):
        return end - len(last), end, last
    if valid_person(first) and name.split()[-1] not in org_heads():
        return start, start + len(first), first
    return None


def _given_named_people(text: str, places: list[tuple[int, int]], found: dict[tuple[int, int], str]) -> None:
    """A personal name standing alone, kept when its first word is a given name (or, for one from no
    list, ", who ..." or an age follows) and the words around do not make it a mine, a firm or a
    title's organisation; a sentence's first words only when a person is listed with them. Writes
    ``found``."""
    opening: tuple[int, int, str] | None = None  # a sentence's first words, kept if a person is listed with them
    for s, e, name in given_named_spans(text):
        post = _POST_NOMINAL_AFTER.match(text, e)
        name_end = post.end() if post else e  # "Ana Ruiz MP, who ...": what follows the letters after the name
        if name.split()[0] not in given_names():
            if not _ONLY_A_PERSON_AFTER.match(text, name_end):
                continue  # a given name from no list: only ", who ..." or an age marks a person
        elif s == 0 and not _PERSON_ACTS.match(text, name_end):
            if _LISTED_NEXT.match(text, e) and valid_person(name):
                opening = (s, e, name)
            continue  # the first word of a sentence may be capitalised for that alone
        if _NOT_A_PERSON_BEFORE.search(text, max(0, s - 40), s) or _not_a_person_after(text, e):
            continue  # "the abandoned Rosa Mine", "Rosa Metals (RM)", "the Rosa deposit"
        if described_thing(text, s, e) or _NUMBERED.match(text, e):
            continue  # "the miner Rosa Vale Norte, which ...": a firm the words around describe
        if title_of_before().search(text, max(0, s - 40), s):
            continue  # "the chairman of Rosa Brothers": the organisation the title is of
        if any(a < e and s < b for a, b in places) or any(a < e and s < b for a, b in found):
            continue
        if after_person_title(text[:s], found):
            continue  # "Ana Ruiz, Partner, Vega Torres": the firm of her title
        if valid_person(name):
            found[(s, e)] = name
    if opening is not None and not any(a < opening[1] and opening[0] < b for a, b in found):
        nxt = _LISTED_NEXT.match(text, opening[1])
        after = {a: b for a, b in found}.get(nxt.end()) if nxt is not None else None
        # "Ana Ruiz and Lena Berg flew in", "Ana Ruiz, Lena Berg and ...": listed with a person
        # (not "Santa Clara, Lena Berg said, ...": a comma alone needs the list to go on)
        if nxt is not None and after is not None and ("and" in nxt.group() or _LISTED_NEXT.match(text, after)):
            found[opening[:2]] = opening[2]


#: a finite verb right after a name: the name opens a clause ("said Rosa Vale would ...")
_CLAUSE_VERB = re.compile(
    r"\s+(?:would|will|was|is|had|has|could|should|may|might|must|can|did|does|were|are)\b"
)
#: a possessive and a lowercase title after a name, then a comma: "Rosa Metals' founder and chief executive, "
_POSSESSIVE_TITLE = re.compile(r"['’]s?\s+(?:[a-z][\w-]*\s+){0,5}[a-z][\w-]*,\s")
#: what joins the next item of a list of people: "Ana Ruiz, Lena Berg and ...", "Ana Ruiz and Lena Berg"
_LISTED_NEXT = re.compile(r"\s*,\s*(?:and\s+)?|\s+and\s+")


#: a credit line's opening: who reported, edited or photographed the story is no person of it
_CREDIT = re.compile(
    r"(?:\b(?:Additional\s+reporting|Reporting|Editing|Writing|Compiled|Reported|Edited|Written|Photos?"
    r"|Photograph(?:s|ed)?|Illustration)|;\s*(?:additional\s+reporting|reporting|editing|writing))\s+by\s+[^;)\]]*"
)


def credit_spans(text: str) -> list[tuple[int, int]]:
    """Spans of a credit line's names ("Reporting by Ana Ruiz and Lena Berg; Editing by Tom
    Vega", "(Photo by Ana Ruiz)"), up to a semicolon or a closing bracket: the journalists of
    the article, not officials, executives or experts it is about."""
    if " by " not in text:
        return []
    return [(m.start(), m.end()) for m in _CREDIT.finditer(text)]


#: the word right before a name ("miner Rosa Vale"), read to see whether it describes a firm
_WORD_BEFORE = re.compile(r"([a-z][a-z-]+)\s+$")
#: what follows only a thing's name: "Rosa Vale, which ...", "Rosa Vale chairwoman Ana Ruiz" (the
#: organisation of the title after it)
_ONLY_A_THING_AFTER = re.compile(rf",\s+which\b|\s+{LOWER_TITLES}\s+[A-Z]")


def described_thing(text: str, start: int, end: int) -> bool:
    """A name a lowercase noun for a firm or body introduces ("the Portuguese miner Rosa Vale",
    "developer Ana Terra"), that ", which" follows (a person is "who") or a lowercase title and
    a name ("Rosa Vale chairwoman Ana Ruiz"): a given name opening it names a firm, not a person."""
    before = _WORD_BEFORE.search(text, max(0, start - 30), start)
    return bool(before and is_kind_word(before.group(1))) or bool(_ONLY_A_THING_AFTER.match(text, end))


#: "Order No. 18": a name followed by a number is a designation
_NUMBERED = re.compile(r"\.?\s*\d")
#: "the new Rosa Mine", "a Red Corps": an article and up to two lowercase words before a name
#: mark a thing (people are named without one), unless a title word stands there ("the minister");
#: "an analyst at Rosa Partners": where someone works or something happens, not a person
_NOT_A_PERSON_BEFORE = re.compile(
    r"\b(?:the|a|an)\s+(?:(?!minister|president|chief|director|secretary)[a-z]+\s+){0,2}$|\bat\s+$"
)


@lru_cache(maxsize=1)
def title_of_before() -> re.Pattern:
    """A lowercase title and "of" right before a name ("the president of", "head of the"): what
    follows is the organisation the title is of, not a person."""
    words = sorted(vocabulary().title_words_lower - _TITLE_MODIFIERS, key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(map(re.escape, words)) + r")\s+of\s+(?:the\s+)?$")


#: the contexts that mark a person without a title before the name
_UNTITLED = frozenset({"appositive", "said", "said_by", "from_org"})
#: words that modify a title rather than hold an office ("vice", "first")
_TITLE_MODIFIERS = frozenset({"first", "second", "senior", "interim", "honourable", "vice", "deputy", "prime"})


def _not_a_person_after(text: str, end: int) -> bool:
    """A short form defined in brackets ("Rosa Metals (RM)") or a place or asset word ("the Rosa
    Gold deposit") after a name."""
    return bool(patterns().acronym_def.match(text[end:]) or place_patterns().asset_after.match(text, end))


#: what every match of the honorific pattern opens with ("Mr" covers "Mrs")
_HONORIFIC_CUES = ("Mr", "Ms", "Mme", "Dr", "Prof")


#: what every match of the addressed pattern holds
_ADDRESS_CUES = ("Mr", "Ms", "Mme", "Dr", "Prof", "Hon.", "Eng", "Dkt.", "H.", "Shri", "Smt")
#: any of them, looked for in one scan (a third of the time of a substring test for each)
_ADDRESS_CUE = re.compile("|".join(map(re.escape, _ADDRESS_CUES)))


def _addressed_people(text: str) -> list[tuple[int, int, str]]:
    """A form of address and a whole name after it ("... and Mines Dr. Ana Lucia Ruiz;", "Union
    Minister Shri Anil Singh Rao"): the form marks where the name begins, however many words of a
    title or a portfolio stand before it."""
    if _ADDRESS_CUE.search(text) is None:
        return []  # no form of address: one scan for the cues instead of the whole pattern
    return [
        (m.start(1), m.end(1), m.group(1))
        for m in patterns().addressed.finditer(text)
        if valid_person(m.group(1), titled=True)
    ]


def _honorific_people(text: str) -> list[tuple[int, int, str]]:
    """'Mr. Ruiz', and press releases' capitalised family names: 'Ms. RUIZ' is Ruiz, 'Mr. RUIZ
    Ana' (family name first) is Ana Ruiz."""
    out: list[tuple[int, int, str]] = []
    if not _holds_a_word(text, _HONORIFIC_CUES):
        return out  # no form of address: a few substring tests instead of a scan
    for m in patterns().honorific.finditer(text):
        if m.group("single"):
            name = m.group("single")
            if name in vocabulary().person_stopwords or countries().lookup(name):
                continue
            out.append((m.start("single"), m.end("single"), name))
            continue
        family = m.group("upper")
        if countries().lookup(family) or family.replace("-", "").isupper() is False:
            continue
        family = "-".join(part.capitalize() for part in family.split("-"))
        given = m.group("given")
        if given:
            out.append((m.start("upper"), m.end("given"), f"{given} {family}"))
        else:
            out.append((m.start("upper"), m.end("upper"), family))
    return out


@lru_cache(maxsize=1)
def given_names() -> Mapping[str, None]:
    """Given names of many naming traditions (``reference/given_names.json``, from the Faker
    package's census name lists), less the words that also name a place, a body, a title or a
    particle, or open a sentence ("Paris", "General", "Al", "May").

    Only ever asked whether it holds a word: kept as the keys of a dict of strings, which the
    garbage collector does not track, not as a set of some 20,000 names that each of its full
    collections (and the first young ones after it is built) would walk name by name."""
    v = vocabulary()
    gaz = countries()
    particles = {p.capitalize() for p in PARTICLES.split("|")}  # "Al", "Van": particles before a family name
    blocked = v.titles | v.person_stopwords | set(v.agency_heads) | v.company_strong | v.company_weak | gaz.words
    blocked |= particles | TIME_WORDS | set(subdivisions().surfaces)
    return dict.fromkeys(n for n in _all_given_names() if n not in blocked)


def after_person_title(before: str, people: Iterable[tuple[int, int]]) -> bool:
    """``before`` ends with "<Person Name>, <title>" (then a comma or "at") where the name
    is one of ``people`` (spans): what follows is the organisation the title belongs to."""
    spans = set(people)
    if not spans:
        return False  # no person named before: no need to scan for one with a title
    if not before.rstrip().endswith((",", "at", "the")):
        return False  # every match ends with ", " or " at" (and "the"): no need to scan for one
    m = patterns().person_title_before.search(before)
    return bool(m and (m.start(1), m.end(1)) in spans)


#: what a person does right after their name opens a sentence ("Ana Ruiz, who attended ...",
#: "Ana Ruiz represented Ruritania at ...", "Ana Ruiz of Acme Metals said"): the given name there
#: is a name, not a capitalised word
_PERSON_ACTS = re.compile(
    r"(?:,\s+who\b|\s+(?:represented|delivered|attended|addressed|led|headed|opened|chaired|co-chaired|joined"
    r"|spoke|met|visited|told|urged|stressed|noted|added|praised|welcomed|thanked)\b"
    r"|\s+of\s+(?:the\s+)?[A-Z][\w&.-]*(?:\s+[A-Z][\w&.-]*)*\s+(?:said|says|told|added|noted|stressed)\b)"
)
#: post-nominal letters after a name, no part of it: a member of parliament, a King's or Queen's Counsel
_POST_NOMINAL_AFTER = re.compile(r"\s+(?:MP|KC|QC)\b")
#: what follows only a person's name: "Ana Ruiz, who chairs ...", "Ana Ruiz, 54, said", "Ana Ruiz,
#: aged 54" (a firm or a body is "which", and has no age)
_ONLY_A_PERSON_AFTER = re.compile(r",\s+(?:who\b|aged\s+\d|\d{2},)")
#: a capitalised word that is no initial ("Lands", not "K.")
_PLAIN_WORD = re.compile(r"[A-Z][a-z]{2,}")


def _given_names_before(seg: str, start: int, words: int) -> int:
    """Where a name found at ``start`` of ``seg`` really begins: the tail pattern holds two
    words, so "Minister of Mines and Geology Ana Lucia Vega" gives "Lucia Vega"; the given
    names right before it belong to the name (up to four words in all) when a single word of
    the complement is left before them ("Geology"); with more left ("Environment Tran Thi Thu
    Hang": is "Tran" a portfolio's word or a family name?) the two-word tail stays."""
    head = seg[:start].split()
    given = 0
    while (
        len(head) > 1
        and words < 4
        # a city's name that is also a given name ("Helena") is one here, between a portfolio and a name
        and (
            head[-1] in given_names()
            or _given_name_in_place_name(head[-1])
            # a word no portfolio has, with only portfolios' words before it ("Minister of Mines
            # and Energy Mwansa Chilufya Banda"): where else could it belong but the name?
            or (
                given == 0
                and _NAME_WORD.fullmatch(head[-1]) is not None
                and head[-1] not in _name_heads()
                and head[-1] not in vocabulary().person_stopwords
                and head[-1] not in vocabulary().titles
                and _only_portfolio(head[:-1])
            )
        )
        and head[-1] not in _portfolio_words()
    ):
        head.pop()
        given += 1
        words += 1
    if given == 0 or (
        len(head) != 1
        and not all(w in _portfolio_words() for w in head)
        # "President of the Council of Ministers Ana Lucia Vega": a body's name ends the complement
        and not (head[-1] in _name_heads() or head[-1].removesuffix("s") in vocabulary().titles)
    ):
        return start  # (several words left that may be a family name: "Environment Tran")
    lead = " ".join(head)
    return len(lead) + 1 if seg.startswith(lead + " ") else start


#: a capitalised word that may be a given name ("Do", "Mwansa", "Jean-Paul")
_NAME_WORD = re.compile(r"[A-Z][a-z]+(?:-[A-Z][a-z]+)?")


def _only_portfolio(words: list[str]) -> bool:
    """Words of portfolios alone, and the words joining them ("Mines and Minerals Development")."""
    return bool(words) and all(w in _portfolio_words() or w in ("and", "&", "of", "for") for w in words)


#: a preposition of place right before a word: "in", "to", "from", "at", "near"
_PLACE_PREPOSITION = re.compile(r"\b(?:in|to|from|at|near)\s+$")
#: a capitalised word of a name right after a place's word: "Santiago Rossi-Vega"
_NAME_WORD_AFTER = re.compile(r" ([A-Z][a-z]+(?:-[A-Z][a-z]+)?)\b(?! [A-Z])")


@lru_cache(maxsize=1)
def _all_given_names() -> Mapping[str, None]:
    """The given-name list as it stands, places' names included ("Santiago", "Victoria") (a
    dict of strings, for the reason :func:`given_names` gives)."""
    return dict.fromkeys(load_reference("given_names.json")["given_names"])


def _given_name_city(word: str) -> bool:
    """A city's one-word name that is also a given name ("Santiago"); a country's never is
    taken for one ("Jordan", "Chad")."""
    hit = countries().lookup(word)
    return bool(hit and hit[1] == "city" and word in _all_given_names())


def _given_name_in_place_name(word: str) -> bool:
    """A given name left out of :func:`given_names` only for being one word of a longer place's
    name ("Helena" of "Saint Helena"), no place by itself."""
    gaz = countries()
    return word in _all_given_names() and word in gaz.words and not gaz.lookup(word)


def _given_name_opening(text: str, start: int, end: int) -> bool:
    """A city's one-word name that is also a given name, followed by one more capitalised word
    that is no given name: a person's name ("Santiago Rossi-Vega"), not the place ("in Santiago
    Tuesday" is no name: a time word is no surname)."""
    word = text[start:end]
    if not _given_name_city(word) or _PLACE_PREPOSITION.search(text, max(0, start - 6), start):
        return False  # "talks in Santiago ...": where, not who
    nxt = _NAME_WORD_AFTER.match(text, end)
    return nxt is not None and nxt.group(1) not in _all_given_names() and valid_person(f"{word} {nxt.group(1)}")


def _next_entry(text: str, start: int) -> bool:
    """After a comma, a title or a country's adjective and a title ("Minister John Roe",
    "Australian Minister for Resources ...") opens the next entry of a list of people, not
    another portfolio of the title before."""
    word = text[start:].split(maxsplit=2)
    if not word:
        return False
    if word[0] in vocabulary().titles:
        return True
    place = countries().lookup(word[0])
    return place is not None and place[1] == "demonym" and len(word) > 1 and word[1] in vocabulary().titles


#: "of" or "of the" right before a country's name inside a complement
_OF_THE_END = re.compile(r"\bof\s+(?:the\s+)?$")
#: an initial and one name closing a complement ("... Foreign Affairs B. Oyun", "... Industry Ch. Bat")
_INITIAL_NAME = re.compile(r"(?<=\s)(?:[A-Z]|Ch|Sh|Ts|Kh|Zh)\.\s[A-Z][a-z]+(?:-[A-Z][a-z]+)?$")
#: forms of address that open a part of a title's complement ("Minister of X, Shri A B C")
_ADDRESS_LEAD = re.compile(r"(?:(?:Shri|Sri|Smt\.?|Hon\.|Mrs?\.?|Ms\.?|Dr\.?|Prof\.?|Eng\.|Engr\.|Sir|Sheikh)\s+)+")


def _titled_complement_people(text: str) -> list[tuple[int, int, str, int]]:
    """People after a title with an "of"/"for" complement: the complement is a run of
    capitalised words, the name is the end of the first coordinated part long enough to
    hold both ("Minister of Trade and Tourism Lars Eide"). Each is (start, end, name, where
    its two-word tail starts)."""
    pats = patterns()
    out: list[tuple[int, int, str, int]] = []
    if not holds_cue("titled_of", text):
        return out
    gaz = countries()
    for m in pats.titled_of.finditer(text):
        pos = m.end()
        parts: list[list[tuple[int, int]]] = [[]]
        seps: list[str] = []  # the separator after each part
        while True:
            tok = pats.cap_run.match(text, pos)
            if tok is None or tok.end() == pos:
                break
            word = tok.group().strip()
            if word == "the" and seps and seps[-1] == "," and not parts[-1]:
                parts.pop()
                seps.pop()
                break  # ", the Vice-President of ...": an appositive, the complement ended
            if word in ("and", "&", ","):
                parts.append([])
                seps.append(word)
            elif word not in ("of", "for", "the"):
                parts[-1].append((tok.start(), tok.start() + len(word)))
            pos = tok.end()
        for k, part in enumerate(parts):
            caps = [(a, b) for a, b in part if text[a].isupper()]
            if len(caps) < 3:
                continue
            if k < len(seps) and seps[k] == "," and k + 1 < len(parts) and parts[k + 1]:
                if not _next_entry(text, parts[k + 1][0][0]):
                    continue  # "for the Green Deal, Relations and Foresight": the portfolios go on
                # "Minister for Mines Ana Ruiz, Australian Minister ...": the next entry of a list
            seg = text[part[0][0] : part[-1][1]]
            # the country that ends the complement, at its start or after "of (the)" ("Minister of
            # Industry of the Republic of Ruritania Ana Maria Ruiz")
            country = gaz.pattern.match(seg) or next(
                (c for c in gaz.pattern.finditer(seg) if _OF_THE_END.search(seg, 0, c.start())), None
            )
            if country and seg[country.end() : country.end() + 1] == " ":
                # "Prime Minister of Ruritania Ana Maria Ruiz": all after the country is the name
                name = seg[country.end() + 1 :]
                if 2 <= len(name.split()) <= 4 and valid_person(name):
                    start = part[0][0] + country.end() + 1
                    out.append((start, start + len(name), name, start))
                    break
            address = _ADDRESS_LEAD.match(seg)
            if address and 2 <= len(seg[address.end() :].split()) <= 6 and valid_person(seg[address.end() :]):
                # "..., Shri Anil Kumar Rao": after a form of address, all of the part is the name
                start = part[0][0] + address.end()
                out.append((start, part[-1][1], seg[address.end() :], start))
                break
            words = seg.split()
            if (
                k > 0
                and seps[k - 1] == ","
                and 2 <= len(words) <= 4
                and not any(w in _portfolio_words() for w in words)
                and valid_person(seg)
            ):
                # "Minister of Mines, Rajendra Kumar Rao": after the complement's comma, no
                # portfolio word left: the part is the name, whole
                out.append((part[0][0], part[-1][1], seg, part[0][0]))
                break
            tail = pats.name_tail.search(seg)
            if tail is None or tail.start() == 0:
                break
            lead = _given_names_before(seg, tail.start(), len(tail.group().split()))
            name = seg[lead:tail.end()]
            initial = _INITIAL_NAME.search(seg)
            if not valid_person(name) and initial is not None and initial.start() > 0:
                # "Vice Minister of Foreign Affairs B. Oyun": the name opens with its initial
                lead, name = initial.start(), initial.group()
            if valid_person(name):
                start = part[0][0] + lead
                out.append((start, start + len(name), name, part[0][0] + tail.start()))
            break
    return out
