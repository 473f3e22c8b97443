"""Finding entity mentions in one sentence: countries, minerals, people and named
organisations, events and agreements.

Names are found the way an English reader finds them: runs of capitalised words, split
and joined by what the head word allows ("Ministry of Trade, Industry and Energy" is one
name because *Ministry* takes an "of" complement; "South Korea and Uzbekistan" is two).
The head word decides the label (Ministry -> Agency, Corp. -> Company, Forum -> Event,
Partnership -> Agreement).  People are found only in contexts that mark a person (a title,
an appositive, a reporting verb), which keeps precision high.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from minegraph.loaders.gazetteer import (
    alternation,
    countries,
    known_organisations,
    minerals,
    norm_key,
    subdivisions,
    vocabulary,
)

_POSS = re.compile(r"^(?:['’]s|['’])(?!\w)")
_TOKEN = re.compile(r"(?:[A-Z]\.){2,}|[^\W_][\w&]*(?:[’'\-.][\w&]+)*\.?|[^\w\s]")
_KEEP_DOT = frozenset(
    {"corp", "co", "inc", "ltd", "jr", "st", "dr", "mr", "ms", "mrs", "prof", "sr", "bhd", "pty", "s.a", "n.v"}
)
#: connectors of Romance-language names: "Compañía Minera del Sur", "Société des Mines du Nord"
_ROMANCE = frozenset({"de", "du", "des", "del", "della", "do", "dos", "da", "das"})
_CONNECTORS = frozenset({"of", "and", "for", "on", "&", ","}) | _ROMANCE
_YEAR = re.compile(r"(?:19|20)\d\d")
#: a year or an ordinal: part of an event's name when next to it ("the 2nd ... Dialogue", "2031 Summit")
_NUMBER_IN_NAME = re.compile(r"(?:19|20)\d\d|\d{1,2}(?:st|nd|rd|th)")
_PUBLIC_FINANCE = re.compile(r"\b(?:Development Finance|Export-Import|Export Credit|Export Finance)\b")
#: letters for name patterns: Latin-1 and Latin Extended-A ("Jörg", "Martín", "Łukasz")
_UP = "[A-ZÀ-ÖØ-ÞĀĂĄĆČĎĐĒĖĘĚĞĢĪĮİĶĹĻĽŁŃŅŇŌŐŒŔŘŚŞŠŢŤŪŮŰŲŹŻŽƠƯẠ-Ỹ]"
#: lowercase letters of Latin-1, Latin Extended-A/B and Extended Additional ("ư", "ở", "ễ")
_LOW = "[a-zß-öø-ÿā-žſ-ɏḁ-ỿ]"
#: generational suffixes after a surname ("Jr.", "III"): part of the name
_SUFFIX = r"(?:,?\s(?:Jr|Sr)\.?|\s(?:II|III|IV))"
#: lowercase particles inside personal names ("Pieter van Aalst", "Ursula von der Leyen")
_PARTICLES = "van|von|der|den|de|da|das|do|dos|del|della|di|du|la|le|ter|ten|bin|ibn|al|el"
#: titles that are also common surnames ("Madeleine King")
_SURNAME_TITLES = frozenset({"King", "Prince", "Chancellor", "Head", "Lead"})
#: words in the title list that only modify a title ("Energy Minister", "Acting Director")
_TITLE_MODIFIERS = frozenset(
    "Second First Deputy Vice Senior General Special Acting Interim Former Executive Assistant Associate Principal "
    "Lead Trade Foreign Energy Industry Mining Mines Finance Economy".split()
)
#: month names that are also given names ("Jan Berg", "June Park") when a surname follows
_GIVEN_NAME_MONTHS = frozenset({"Jan", "May", "June", "April", "August"})
_TIME_WORDS = frozenset(
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June "
    "July August September October November December Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec".split()
)
_GENERIC_FIRST = frozenset(
    "critical key global rare strategic mineral minerals green clean new national international "
    "energy battery mining resources the our their its african asian european first second".split()
)


@dataclass(slots=True)
class Mention:
    label: str
    text: str
    start: int
    end: int
    kind: str = ""  # country: name/demonym/city; org: head kind; agreement/event kind
    possessive: bool = False
    inner: bool = False  # written inside another name (a country in an org name)
    iso2: str = ""
    props: dict = field(default_factory=dict)
    name_countries: list[str] = field(default_factory=list)
    acronym: str = ""
    entity: str = ""  # registry key, filled by the extractor


@dataclass(slots=True)
class Token:
    text: str
    start: int
    end: int
    possessive: bool = False

    @property
    def cap(self) -> bool:
        return self.text[:1].isupper()


_INITIALS = re.compile(r"(?:[A-Z]\.)+")


def tokenize(text: str) -> list[Token]:
    out: list[Token] = []
    append = out.append
    for m in _TOKEN.finditer(text):
        word = m.group()
        start, end = m.span()
        last = word[-1]
        if last == "." and len(word) > 1 and not _INITIALS.fullmatch(word) and word[:-1].lower() not in _KEEP_DOT:
            word, end = word[:-1], end - 1
            append(Token(word, start, end))
            append(Token(".", end, end + 1))
            continue
        if last == "s" and len(word) > 2 and word.endswith(("'s", "’s")):
            append(Token(word[:-2], start, end - 2, possessive=True))
            continue
        if (word == "'" or word == "’") and out and out[-1].end == start and out[-1].text.endswith("s"):
            out[-1].possessive = True
            continue
        append(Token(word, start, end))
    return out


@dataclass(frozen=True)
class MentionPatterns:
    """The named patterns mention finding uses, compiled once from the vocabulary (titles,
    heads, bodies); tests/test_mention_patterns.py shows what each matches and must not."""

    #: a lowercase event or agreement word right after a name ('... Corridor-linked" initiative')
    lower_head: re.Pattern
    #: a Korean name: family name and a hyphenated given name ('Cho Tae-yul')
    korean: re.Pattern
    #: a name after capitalised titles ('Foreign Minister Ana Ruiz'); group 1 is the name
    titled: re.Pattern
    #: a name, a comma and a title ('Ana Ruiz, the minister of ...'); group 1
    appositive: re.Pattern
    #: a title clause, a comma and a name ('Minister of Mines, Ana Ruiz, said'); group 1
    reverse_appositive: re.Pattern
    #: a title with an of/for/to complement, up to the first capital of the complement
    titled_of: re.Pattern
    #: one word of a capitalised run with its connectors
    cap_run: re.Pattern
    #: a personal name at the end of a capitalised run
    name_tail: re.Pattern
    #: '<Person>, <title>,' or '... at' right before an organisation; group 1 is the person
    person_title_before: re.Pattern
    #: a title somewhere in the clause before a name
    title_before: re.Pattern
    #: a name after a lowercase title ('mining minister Ana Ruiz'); group 1
    lower_titled: re.Pattern
    #: a name before a reporting verb ('Ana Ruiz said'); group 1
    said: re.Pattern
    #: a name after 'said' / 'according to'; group 1
    said_by: re.Pattern
    #: a name before 'of the' / 'from the' and a capitalised body; group 1
    from_org: re.Pattern
    #: intergovernmental bodies by their fixed names and acronyms
    bodies: re.Pattern
    #: surface form of an intergovernmental body -> its canonical name
    bodies_map: dict[str, str]
    #: a name that starts with an intergovernmental body
    body_start: re.Pattern
    #: an agency head after a body's name: the longer name is its own body
    body_continues: re.Pattern
    #: an event head after a body's name ('G20 Summit', 'G7 Kyoto Summit')
    body_event: re.Pattern
    #: words that make a 'Centre' a venue
    venue_words: re.Pattern
    #: 'at the' right before a name
    at_the: re.Pattern
    #: an acronym or short form in brackets after a name; group 1
    acronym_def: re.Pattern
    #: a quoted title and a lowercase event/agreement head after it; groups 1 and 2
    quoted_lower: re.Pattern
    #: an event named by a group ('<ACRONYM> ministerial meeting', "<group>'s summit")
    group_event: re.Pattern
    #: a meeting named by acronym and year ('ABC 2031')
    acronym_year_event: re.Pattern
    #: words before an event ('at the', 'on the sidelines of')
    event_context_before: re.Pattern
    #: 'the secretariat/embassy/office of <Name>'; groups 1 and 2
    secretariat: re.Pattern


#: lowercase titles right before a name ("mining minister Ana Ruiz")
_LOWER_TITLES = (
    r"(?:minister|secretary|president|ambassador|envoy|commissioner|chairman|chairwoman|"
    r"governor|premier|spokesperson|spokesman|spokeswoman|director-general|chief\s+executive(?:\s+officer)?|"
    r"managing\s+director|executive\s+director|general\s+manager|chief\s+financial\s+officer|"
    r"chief\s+operating\s+officer|analyst|geologist|economist|founder)"
)


def _appositive_title() -> str:
    """', the minister of ...', ', a senior analyst': what follows the name in ``appositive``."""
    v = vocabulary()
    # a title after a comma: not a bare portfolio word or modifier ("..., Energy, and ..." is a list)
    modifiers = alternation(_TITLE_MODIFIERS)
    plain_titles = alternation(t for t in v.titles if t[0].isupper() and t not in _TITLE_MODIFIERS)
    appositive_titles = rf"(?:(?:{modifiers})\s+)*(?:{plain_titles})"
    title_lower = alternation(v.title_words_lower)
    return (
        rf",\s+(?:the\s+|a\s+|an\s+|former\s+)?(?:[A-Z][\w.’'-]*(?:\s[A-Z][\w.’'-]*)*['’]s\s+)?(?:[a-z][a-z-]+\s+){{0,2}}"
        rf"(?:{title_lower}|{appositive_titles})\b"
    )


@lru_cache(maxsize=1)
def patterns() -> MentionPatterns:
    v = vocabulary()
    name_tok = (
        rf"(?:(?!(?:Jr|Sr)\b){_UP}{_LOW}+(?:-[A-Za-zÀ-ÖØ-Þ]{_LOW}+)?|[A-Z]['’]{_UP}{_LOW}+|[A-Z]{{2}}|(?:[A-Z]\.){{2}})"
    )
    name = rf"{name_tok}(?:(?:\s(?:{_PARTICLES})){{0,2}}\s{name_tok}){{1,3}}{_SUFFIX}?"
    # a title after a comma: not a bare portfolio word or modifier ("..., Energy, and ..." is a list)
    modifiers = alternation(_TITLE_MODIFIERS)
    plain_titles = alternation(t for t in v.titles if t[0].isupper() and t not in _TITLE_MODIFIERS)
    appositive_titles = rf"(?:(?:{modifiers})\s+)*(?:{plain_titles})"
    titles = alternation(t for t in v.titles if t[0].isupper())
    title_lower = alternation(v.title_words_lower)
    bodies = {}
    for body in v.bodies:
        for form in [body["name"], *body["aliases"]]:
            if not body.get("acronym_needs_definition") or form == body["name"]:
                bodies[form] = body["name"]
    return MentionPatterns(
        lower_head=re.compile(r"[\"”’]?\s+(" + alternation(v.event_lower_heads | v.agreement_lower_heads) + r")\b"),
        korean=re.compile(r"(?<![\w-])[A-Z][a-z]{1,5} [A-Z][a-z]+-[a-z]+(?![\w-])"),
        titled=re.compile(rf"(?<![\w-])(?={_UP})(?:(?:{titles})\s+)+({name})(?![\w-])"),
        appositive=re.compile(rf"(?<![\w-])(?={_UP})({name}){_appositive_title()}"),
        # anchored on the commas (cheap); the title before them is checked in find_people
        reverse_appositive=re.compile(
            rf",\s+(?:the\s+)?(?:(?:Honourable|Honorable|Hon\.|His Excellency|Her Excellency|H\.E\.)\s+)?"
            rf"({name})(?=\s*[,.;:)]|\s+[a-z]|$)"
        ),
        # "Minister of Energy and Mines Rosa Quispe": a title with a complement
        titled_of=re.compile(rf"(?<![\w-])(?:{titles}|(?:{title_lower}))\s+(?:of|for|to)\s+(?:the\s+)?(?={_UP})"),
        cap_run=re.compile(rf"(?:{_UP}[\w’'-]*|{_PARTICLES}|and|&|of|for|the|,)(?=[\s,.;:)!?]|$)\s*"),
        name_tail=re.compile(rf"{name_tok}(?:\s(?:{_PARTICLES})){{0,2}}\s{name_tok}$"),
        # "Ana Ruiz, Partner," / "Ian Ode, Vice President Exploration at": a person's title before an organisation
        person_title_before=re.compile(
            rf"({name}),\s+(?:the\s+|a\s+)?(?:[A-Z][\w-]*\s+|and\s+|&\s+){{0,4}}(?:{appositive_titles}|\b(?:{title_lower}))"
            rf"(?:\s+[A-Z][\w-]*){{0,2}}\s*(?:,|\bat\b)\s*(?:the\s+)?$"
        ),
        title_before=re.compile(rf"(?:{titles}|\b(?:{title_lower}))\b(?:[^,;()]|\([^,;()]{{1,20}}\)){{0,90}}$"),
        # "Peruvian mining minister Ana Quispe": a lowercase title right before the name
        lower_titled=re.compile(rf"(?<![\w-]){_LOWER_TITLES}\s+(?={_UP})({name})(?![\w-])"),
        said=re.compile(
            rf"(?<![\w-])(?={_UP})({name})\s+(?:said|says|told|added|stated|noted|emphasi[sz]ed|highlighted|explained|urged|announced|stressed)\b"
        ),
        said_by=re.compile(rf"\b(?:said|says|according to)\s+({name})(?![\w-])"),
        from_org=re.compile(rf"(?<![\w-])(?={_UP})({name})\s+(?:from|of)\s+the\s+[A-Z]"),
        bodies=re.compile(r"(?<![\w.-])(?=[A-Z])(?:" + alternation(bodies) + r")(?![\w-])"),
        bodies_map=bodies,
        body_start=re.compile(r"(?:" + alternation(bodies) + r")\s"),
        body_continues=re.compile(r"\s+(?:[A-Z][\w-]*\s+){0,3}(?:" + alternation(v.agency_heads) + r")(?![\w-])"),
        # "G20 Summit", "G7 Hiroshima Summit": an event named after the group, not the group
        body_event=re.compile(
            r"\s+(?:(?:19|20)\d\d\s+)?(?:[A-Z][\w-]*\s+)?(?:" + alternation(v.event_heads) + r")(?![\w-])"
        ),
        # "at the X Convention Centre": a venue, not an organisation
        venue_words=re.compile(r"\b(?:Convention|Conference|Exhibition|Expo|Congress|Events?|Trade|Hall)\b"),
        at_the=re.compile(r"\bat\s+(?:the\s+)?$"),
        # "(JOGMEC)", "(KOMIR-X)", and a short form in brackets: "(Sursa)", "(Ba'ra)"
        acronym_def=re.compile(
            r"^\s*\(\s*([A-Z][A-Za-z0-9&-]*[A-Z0-9](?:\s(?:19|20)\d\d)?|[A-Z][a-z]*['’]?[a-z]+)\s*\)"
        ),
        # 'the "Minerals for Tomorrow" seminar': a quoted title and a lowercase head after it
        quoted_lower=re.compile(
            r"[\"“]([A-Z][^\"“”]{1,150}?)[\"”]\s+("
            + alternation(v.agreement_lower_heads | v.event_lower_heads)
            + r")\b"
        ),
        # "<ACRONYM> ministerial meeting", "the <group>'s ministerial", "<group> leaders' summit"
        group_event=re.compile(
            r"(?<![\w-])(?=[A-Z])(?:(?P<acr>G-?\d{1,2}\+?|[A-Z][A-Z0-9&]{1,9}|"
            + alternation(bodies)
            + r")(?P<poss1>['’]s)?"
            + r"|(?P<cap>(?!The\s)[A-Z][\w&-]*(?:\s(?:of|for|on|and|&|[A-Z][\w&-]*)){0,6})(?P<poss2>['’]s))"
            + r"(?:\s(?P<year>(?:19|20)\d\d))?\s(?P<mods>(?:(?:"
            + "|".join(re.escape(m) + ("['’]?" if m.endswith("s") else "") for m in v.group_event_modifiers)
            + r")\s){0,2})(?P<head>"
            + alternation(v.group_event_heads)
            + r")(?![\w-])"
        ),
        # "at <ACRONYM> 2025", "on the sidelines of <ACRONYM> 2025": a meeting named by acronym and year
        acronym_year_event=re.compile(r"^[A-Z][A-Z0-9&]{1,9}\s(?:19|20)\d\d$"),
        event_context_before=re.compile(
            r"\b(?:at|during|sidelines\s+of|ahead\s+of|attend\w*|opening\s+of|edition\s+of)\s+(?:the\s+|this\s+year['’]s\s+)?$",
            re.I,
        ),
        secretariat=re.compile(
            r"\b(secretariat|embassy|consulate|office)\s+of\s+(?:the\s+)?((?:[A-Z][\w’'&.-]*)(?:\s+(?:of|and|for|on|&|the)?\s*[A-Z][\w’'&.-]*)*)"
        ),
    )


@lru_cache(maxsize=1)
def _cues() -> dict[str, re.Pattern]:
    """For some named patterns, the part every match contains and that is cheap to look for
    (a word, a comma and a title): a sentence without it is not scanned with the whole
    pattern.  Each cue is the pattern's own tail, so it never hides a match."""
    v = vocabulary()
    titles = alternation(t for t in v.titles if t[0].isupper())
    return {
        "korean": re.compile("-"),
        "titled": re.compile(rf"(?:{titles})\s"),
        "said_by": re.compile(r"(?:said|says|according to)\s"),
        "appositive": re.compile(_appositive_title()),
        "said": re.compile(
            r"\s(?:said|says|told|added|stated|noted|emphasi[sz]ed|highlighted|explained|urged|announced|stressed)\b"
        ),
        "from_org": re.compile(r"\s(?:from|of)\s+the\s+[A-Z]"),
        "group_event": re.compile(r"\s(?:" + alternation(v.group_event_heads) + r")(?![\w-])"),
        "secretariat": re.compile(r"(?:secretariat|embassy|consulate|office)\s+of\s"),
    }


def valid_person(name: str) -> bool:
    v = vocabulary()
    gaz = countries()
    parts = name.split()
    if len(parts) < 2:
        return False
    heads = set(v.agency_heads) | v.company_strong | v.company_weak | set(v.event_heads) | set(v.agreement_name_heads)
    for i, p in enumerate(parts):
        if "-" in p and any(x in v.titles for x in p.split("-")):
            return False
        if (
            (p in v.person_stopwords and not (i == 0 and p in _GIVEN_NAME_MONTHS))
            or (p in v.titles and p not in _SURNAME_TITLES)
            or p in heads
            or gaz.lookup(p)
            or p.lower() in v.title_words_lower
        ):
            return False
    if gaz.pattern.search(name):
        return False
    return any(c.islower() for c in name)


def find_people(text: str, places: list[tuple[int, int]] | None = None) -> list[tuple[int, int, str]]:
    """(start, end, name) of people named in a marked context (``places``: country spans)."""
    pats = patterns()
    found: dict[tuple[int, int], str] = {}
    if places is None:
        places = [(m.start(), m.end()) for m in countries().pattern.finditer(text)]
    cues = _cues()
    for key in ("korean", "titled", "appositive", "reverse_appositive", "lower_titled", "said", "said_by", "from_org"):
        if key in cues and cues[key].search(text) is None:
            continue
        for m in getattr(pats, key).finditer(text):
            g = 0 if key == "korean" else 1
            start, end, name = m.start(g), m.end(g), m.group(g)
            if key == "reverse_appositive":
                head = text[max(0, m.start() - 90) : m.start()]
                if not pats.title_before.search(head[head.rfind(",") + 1 :]):
                    continue
                if _after_person_title(text[: m.start(1)], found):
                    continue  # "Ana Ruiz, Partner, Acme Legal": the organisation of her title
            # a titled match may swallow a trailing capitalised word ("Cho Hyun Attended")
            if any(s < end and start < e for s, e in places):
                continue
            if valid_person(name):
                if any(s <= start < e or start <= s < end for s, e in found):
                    continue
                found[(start, end)] = name
            elif key != "korean" and len(name.split()) == 3:
                # "... Resources Bandar Alkhorayef said": keep the two words that read as a name
                first, last = " ".join(name.split()[:2]), " ".join(name.split()[1:])
                if key == "said" and valid_person(last):
                    start = end - len(last)
                    name = last
                elif valid_person(first):
                    end = start + len(first)
                    name = first
                else:
                    continue
                if not any(s < end and start < e for s, e in found):
                    found[(start, end)] = name
    for s, e, name in _titled_complement_people(text):
        if any(a < e and s < b for a, b in places) or any(a < e and s < b for a, b in found):
            continue
        found[(s, e)] = name
    return sorted((s, e, n) for (s, e), n in found.items())


def _after_person_title(before: str, people: Iterable[tuple[int, int]]) -> bool:
    """``before`` ends with "<Person Name>, <title>" (then a comma or "at") where the name
    is one of ``people`` (spans): what follows is the organisation the title belongs to."""
    spans = set(people)
    if not spans:
        return False  # no person named before: no need to scan for one with a title
    m = patterns().person_title_before.search(before)
    return bool(m and (m.start(1), m.end(1)) in spans)


def _titled_complement_people(text: str) -> list[tuple[int, int, str]]:
    """People after a title with an "of"/"for" complement: the complement is a run of
    capitalised words, the name is the end of the first coordinated part long enough to
    hold both ("Minister of Trade and Tourism Lars Eide")."""
    pats = patterns()
    out: list[tuple[int, int, str]] = []
    for m in pats.titled_of.finditer(text):
        pos = m.end()
        parts: list[list[tuple[int, int]]] = [[]]
        while True:
            tok = pats.cap_run.match(text, pos)
            if tok is None or tok.end() == pos:
                break
            word = tok.group().strip()
            if word in ("and", "&", ","):
                parts.append([])
            elif word not in ("of", "for", "the"):
                parts[-1].append((tok.start(), tok.start() + len(word)))
            pos = tok.end()
        for part in parts:
            caps = [(a, b) for a, b in part if text[a].isupper()]
            if len(caps) < 3:
                continue
            seg = text[part[0][0] : part[-1][1]]
            tail = pats.name_tail.search(seg)
            if tail is None or tail.start() == 0:
                break
            name = tail.group()
            if valid_person(name):
                start = part[0][0] + tail.start()
                out.append((start, start + len(name), name))
            break
    return out


# --- capitalised names ------------------------------------------------------------------


def _is_country(text: str) -> bool:
    m = countries().pattern.fullmatch(text)
    return bool(m)


def _segments(tokens: list[Token], text: str, blocked: list[tuple[int, int]]) -> list[list[Token]]:
    """Runs of capitalised tokens (with connectors) not crossing people or punctuation."""

    def is_blocked(t: Token) -> bool:
        return any(s <= t.start < e for s, e in blocked)

    chunks: list[list[Token]] = []
    cur: list[Token] = []
    for t in tokens:
        word = t.text
        first = word[:1]
        # a number in a name starts with a digit: the regex only runs on those
        number = first.isdigit() and _NUMBER_IN_NAME.fullmatch(word) is not None
        capish = (
            (first.isupper() or number)
            and not is_blocked(t)
            and word not in ("(", ")")
            and word not in _TIME_WORDS
            and (first.isalpha() or number)
        )
        if cur:
            last = cur[-1]
            if (
                (capish or word in _CONNECTORS or (word == "the" and last.text in ("of", "for", "on")))
                and not last.possessive
                and text[last.end : t.start].strip() == ""
            ):
                cur.append(t)
                continue
            chunks.append(cur)
            cur = []
        if capish:
            cur = [t]
    if cur:
        chunks.append(cur)
    out = []
    for chunk in chunks:
        while chunk and (
            chunk[-1].text in _CONNECTORS
            or chunk[-1].text == "the"
            or (_NUMBER_IN_NAME.fullmatch(chunk[-1].text) and not _YEAR.fullmatch(chunk[-1].text))
        ):
            chunk = chunk[:-1]  # an ordinal opens a name ("the 2nd ... Dialogue"), never closes one
        # a year alone is not a name; a year only attaches to a neighbour
        if chunk and not all(_NUMBER_IN_NAME.fullmatch(t.text) for t in chunk):
            out.append(chunk)
    return out


def _head_of(tokens: list[Token]) -> Token | None:
    words = [t for t in tokens if not _NUMBER_IN_NAME.fullmatch(t.text)]
    return words[-1] if words else None


def _has_head(tokens: list[Token], weak: bool = True) -> bool:
    v = vocabulary()
    head = _head_of(tokens)
    if head is None:
        return False
    return (
        head.text in v.agency_heads
        or head.text in v.company_strong
        or head.text in v.event_heads
        or head.text in v.agreement_name_heads
        or (weak and head.text in v.company_weak)
    )


@lru_cache(maxsize=1)
def _complement_heads() -> frozenset[str]:
    return vocabulary().complement_heads | {"Minister", "Secretary", "Ministers"}


def split_names(chunk: list[Token]) -> list[list[Token]]:
    """Split a capitalised run into names, joining across connectors only where a head allows."""
    complement = _complement_heads()
    segs: list[list[Token]] = [[]]
    seps: list[list[Token]] = []
    for t in chunk:
        if t.text in _CONNECTORS or t.text == "the":
            if segs[-1]:
                seps.append([t])
                segs.append([])
            elif seps:
                seps[-1].append(t)
        else:
            segs[-1].append(t)
    segs = [s for s in segs if s]
    seps = seps[: max(len(segs) - 1, 0)]
    names: list[list[Token]] = []
    cur = segs[0]
    in_complement = False
    for i, (sep, seg) in enumerate(zip(seps, segs[1:], strict=True)):
        word = sep[0].text
        join = False
        if word in ("of", "for", "on") or word in _ROMANCE:
            head = _head_of(cur)
            if seg[0].text in _TIME_WORDS:
                pass
            elif word in _ROMANCE:
                join = True
            elif head is not None and head.text in complement and not head.possessive and not cur[-1].possessive:
                join, in_complement = True, True
        elif word in ("and", "&", ","):
            later = [s[0].text for s in seps[i:]]
            if cur[-1].possessive:
                join = False
            elif in_complement and not _has_head(seg, weak=False) and not _is_country(" ".join(t.text for t in seg)):
                join = word != "," or "and" in later or "&" in later
            elif (
                word != ","
                and not _has_head(cur, weak=word == "and")
                and _has_head(seg, weak=False)  # "Nexa and Andes Lithium Resources" are two names
                and not _is_country(" ".join(t.text for t in cur))
            ):
                join = True
            elif word == "and" and _portfolio_pair(cur, seg):
                join = True  # "Mines and Energy Ministry": one ministry of two portfolios
        if join:
            cur = cur + sep + seg
        else:
            names.append(cur)
            cur = seg
            in_complement = False
    names.append(cur)
    return names


def _portfolio_pair(cur: list[Token], seg: list[Token]) -> bool:
    v = vocabulary()
    return (
        len(cur) == 1
        and cur[0].text in v.short_forms
        and len(seg) >= 2
        and seg[-1].text in ("Ministry", "Department")
        and all(t.text in v.short_forms or t.text in v.agency_field_words for t in seg[:-1])
    )


def classify(tokens: list[Token], text: str) -> tuple[str, str] | None:
    """(label, kind) for a name by its head word, or None for a headless name."""
    v = vocabulary()
    gaz = countries()
    first_of = next((i for i, t in enumerate(tokens) if t.text in ("of", "for", "on") and i > 0), None)
    head = tokens[first_of - 1] if first_of else _head_of(tokens)
    if head is None:
        return None
    h = head.text
    if h in ("Minister", "Secretary", "Ministers"):
        return ("Title", "minister")
    if h in v.event_heads:
        return ("Event", v.event_heads[h])
    if h in v.agreement_name_heads:
        return ("Agreement", v.agreement_name_heads[h])
    if h in v.agency_heads:
        if h == "Union" and len(tokens) < 2:
            return None
        return ("Agency", v.agency_heads[h])
    if h in v.company_strong:
        if len(tokens) >= 2 and _PUBLIC_FINANCE.search(" ".join(t.text for t in tokens)):
            return ("Agency", "agency")  # "International Development Finance Corporation" is a state lender
        return ("Company", "company") if len(tokens) >= 2 else None
    words = [t.text for t in tokens]
    if (
        h in v.company_weak
        and len(words) >= 2
        and words[0] not in v.titles  # "Vice President Exploration" is a title
        and words[0].lower() not in _GENERIC_FIRST
        and not gaz.pattern.match(words[0])
        and words[0] not in v.person_stopwords
    ):
        return ("Company", "company")
    national = _national_body(words)
    if national is not None:
        return national
    # "Geoscience Australia": a field word plus a country names a national body
    last = tokens[-1].text
    if (
        len(tokens) == 2
        and not _is_country(" ".join(t.text for t in tokens))
        and gaz.surfaces.get(last, ("", ""))[1] == "name"
        and tokens[0].text not in v.person_stopwords
        and tokens[0].text not in v.titles
        and not gaz.lookup(tokens[0].text)
        and tokens[0].text.lower() not in _GENERIC_FIRST
        and tokens[0].text[1:].islower()
    ):
        return ("Agency", "agency")
    return None


def _national_body(words: list[str]) -> tuple[str, str] | None:
    """'Natural Resources Norway', 'Export Development Ruritania' (field words, then a country)
    and 'Ruritania Export Finance' (a country, then an export-credit designation) name a
    national public body."""
    v = vocabulary()
    gaz = countries()
    n = len(words)
    for k in (1, 2, 3):
        if n - k < 1:
            break
        if gaz.surfaces.get(" ".join(words[n - k :]), ("", ""))[1] == "name":
            field_words = words[: n - k]
            if (
                1 <= len(field_words) <= 3
                and (len(field_words) >= 2 or field_words[0] in ("Geoscience", "Geology", "Invest"))
                and all(w in v.agency_field_words for w in field_words)
                and any(w not in v.company_weak for w in field_words)
            ):
                return ("Agency", "agency")
        if gaz.surfaces.get(" ".join(words[:k]), ("", ""))[1] in ("name", "demonym"):
            if " ".join(words[k:]) in v.export_finance_tails:
                return ("Agency", "agency")
    return None


def trim_name(tokens: list[Token]) -> list[Token]:
    """Drop leading function words, titles and ordinals that are not part of a name."""
    v = vocabulary()
    while (
        tokens
        and (
            tokens[0].text in v.person_stopwords
            and tokens[0].text not in v.agency_heads
            and not countries().lookup(tokens[0].text)
        )
        and len(tokens) > 1
        and tokens[0].text not in _TRIM_KEEP
    ):
        tokens = tokens[1:]
    while (
        tokens
        and (
            tokens[0].text.lower() in ("state-owned", "state-run", "state-controlled", "government-owned")
            or _LED_BY.search(tokens[0].text)
        )
        and len(tokens) > 1
    ):
        tokens = tokens[1:]
    while (
        tokens
        and tokens[0].text in ("The", "the", "Courtesy", "According", "In", "At", "With", "From", "By", "For", "On")
        and len(tokens) > 1
    ):
        tokens = tokens[1:]
    return tokens


#: first words that stay part of a name although they are person stopwords
_TRIM_KEEP = frozenset(
    "International Africa Asia Europe America National Global Critical African Asian European Central "
    "Mineral Minerals Energy Trade Industry Investment Development Security Supply Cooperation Strategy State "
    "Korea China Western Eastern Northern Southern Middle Pacific Latin Gulf".split()
)
_LED_BY = re.compile(r"-(?:led|backed|funded|financed|based|owned)$")


@dataclass
class SentenceMentions:
    mentions: list[Mention]
    titles: list[Mention]  # "Vice Minister of Trade, Industry and Energy": points at a ministry
    tokens: list[Token]


@dataclass
class _Scan:
    """What the steps of :func:`find_mentions` share: the sentence, its tokens, the
    mentions found so far and the spans they take (a later step never overlaps them)."""

    text: str
    heading: bool
    tokens: list[Token]
    mentions: list[Mention] = field(default_factory=list)
    titles: list[Mention] = field(default_factory=list)
    taken: list[tuple[int, int]] = field(default_factory=list)
    country_matches: list[re.Match] = field(default_factory=list)
    #: where a stock listing starts ("Acme Lithium (ASX: ACM)"): the name ending there is a company
    listed_before: set[int] = field(default_factory=set)

    def free(self, s: int, e: int) -> bool:
        return all(e <= a or s >= b for a, b in self.taken)

    def possessive_at(self, end: int) -> bool:
        return bool(_POSS.match(self.text[end:]))

    def add(self, mention: Mention, take: bool = True) -> Mention:
        self.mentions.append(mention)
        if take:
            self.taken.append((mention.start, mention.end))
        return mention

    def add_inner_countries(self, inner: list[tuple[int, int, str]]) -> None:
        for a, b, iso in inner:
            self.mentions.append(Mention("Country", self.text[a:b], a, b, kind="name", inner=True, iso2=iso))


def find_mentions(text: str, heading: bool = False) -> SentenceMentions:
    """All entity mentions in one sentence (offsets relative to ``text``).

    The steps run in a fixed order; each one skips spans an earlier one took, so fixed
    names (intergovernmental bodies) win over people, people over capitalised runs, and
    named things over the countries and minerals written inside them."""
    scan = _Scan(text, heading, tokenize(text))
    scan.country_matches = list(countries().pattern.finditer(text))
    _step_bodies(scan)
    _step_tickers(scan)
    _step_known_organisations(scan)
    if not heading:
        _step_quoted_names(scan)
    _step_people(scan)
    _step_group_events(scan)
    if not heading:
        _step_secretariats(scan)
        _step_ministries(scan)
        _step_names(scan)
        _step_company_lists(scan)
    _step_countries(scan)
    if not heading:
        _step_regions(scan)
    _step_minerals(scan)
    scan.mentions.sort(key=lambda m: m.start)
    return SentenceMentions(scan.mentions, scan.titles, scan.tokens)


def _step_bodies(scan: _Scan) -> None:
    """Intergovernmental bodies by their fixed names ("the European Union", "ASEAN")."""
    pats = patterns()
    text = scan.text
    for m in pats.bodies.finditer(text):
        if not _POSS.match(text[m.end() :]) and pats.body_continues.match(text, m.end()):
            continue  # "United Nations Economic Commission for Europe" is a body of its own
        if not _POSS.match(text[m.end() :]) and pats.body_event.match(text, m.end()):
            continue  # "G20 Summit" names an event
        name = pats.bodies_map[m.group()]
        men = scan.add(
            Mention(
                "Agency", name, m.start(), m.end(), kind="intergovernmental", possessive=scan.possessive_at(m.end())
            )
        )
        if m.group() != name:
            men.acronym = m.group()


#: a stock listing after a name: "(ASX: ABC)", "(TSX-V: XYZ; OTCQX: XYZF)", "(NYSE American: ABC)"
TICKER = re.compile(
    r"\(\s*(?:(?:ASX|TSX|TSX-V|TSXV|NYSE|NYSE American|NASDAQ|Nasdaq|LSE|AIM|JSE|HKEX|HKSE|SGX|IDX|OTC|OTCQX|OTCQB|"
    r"FSE|ETR|SIX|KRX|KOSDAQ|SSE|SZSE|NSE|BSE|TSE|B3|BMV|BVL|Euronext|XETRA|SEHK)\s*:\s*[A-Z0-9][A-Z0-9.]*"
    r"(?:\s*[;,/|]\s*(?:[A-Z][A-Za-z -]*\s*:\s*)?[A-Z0-9][A-Z0-9.]*)*)\s*\)"
)


def _step_tickers(scan: _Scan) -> None:
    """A stock listing in brackets is not a name of its own; it marks the name before it
    as a listed company."""
    for m in TICKER.finditer(scan.text):
        scan.taken.append((m.start(), m.end()))
        scan.listed_before.add(len(scan.text[: m.start()].rstrip()))


#: geographic features after a name: the name is a place ("the Atacama salt flat", "Kivu basin")
_FEATURE_AFTER = re.compile(
    r"\s+(?:salt\s+flats?|salar|desert|basin|valley|river|lake|mountains?|range|island|islands|peninsula|coast|"
    r"plateau|belt|region|province|district|county|prefecture|highlands)\b"
)

#: words after a name that make it a place or an asset rather than the firm ("the X mine")
_ASSET_AFTER = re.compile(
    r"\s+(?:mine|mines|project|projects|deposit|deposits|prospect|operation|operations|concession|concessions|"
    r"site|field|smelter|refinery|plant|basin|tenement|tenements)\b"
)


def _step_known_organisations(scan: _Scan) -> None:
    """Larger companies and public lenders named bare ("Glencore", "the London Metal
    Exchange"), from the reference list: a dict lookup on the token n-grams that start at a
    capitalised word, longest first.  A match must be a whole name (no capitalised word
    joined to either side), so "Ford" in "Gerald Ford" is not the carmaker."""
    ref = known_organisations()
    tokens = scan.tokens
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        first = tok.text[0]
        if not (first.isupper() or first.isdigit()):  # most tokens: one cheap test
            i += 1
            continue
        hit = None
        if tok.text.casefold() in ref.first_words:
            # a name runs over capitalised words and a few connectors, never over other lowercase words
            end = i + 1
            while end < min(len(tokens), i + ref.max_tokens) and (
                tokens[end].cap or tokens[end].text in _ORG_CONNECTORS or not tokens[end].text[:1].isalpha()
            ):
                if tokens[end - 1].possessive or tokens[end].text in "();:":
                    break
                end += 1
            for j in range(end - 1, i, -1):
                if not tokens[j].text[:1].isalnum():
                    continue
                org = ref.lookup_words([t.text for t in tokens[i : j + 1]])
                if org is not None:
                    hit = (j, org)
                    break
        if hit is None and tok.text in ref.words:
            hit = (i, ref.words[tok.text])
        if hit is not None:
            hit = (_legal_form_end(scan, hit[0]), hit[1])  # "PT Acme Tbk", "Acme Mining Ltd."
        if hit is None or not _whole_name(scan, i, hit[0]):
            i += 1
            continue
        j, org = hit
        s, e = tok.start, tokens[j].end
        if scan.free(s, e):
            _known_org_mention(scan, org, s, e)
        i = j + 1


#: lowercase words inside organisation names ("Bank of China", "Générale des Carrières et des Mines")
_ORG_CONNECTORS = frozenset(
    {"of", "for", "and", "on", "the", "de", "des", "du", "del", "la", "et", "e", "y", "&", "plc"}
)


def _legal_form_end(scan: _Scan, j: int) -> int:
    """The last token of a name at ``j`` followed by legal-form words ("Ltd", "Tbk", "plc")."""
    strong = vocabulary().company_strong
    tokens = scan.tokens
    while (
        j + 1 < len(tokens)
        and not tokens[j].possessive
        and tokens[j + 1].text in strong
        and scan.text[tokens[j].end : tokens[j + 1].start].strip(" ,") == ""
    ):
        j += 1
    return j


def _whole_name(scan: _Scan, i: int, j: int) -> bool:
    """Tokens i..j are a name of their own: no capitalised word joined before or after
    (the sentence-initial "The", a possessive or a title may touch it)."""
    v = vocabulary()
    tokens, text = scan.tokens, scan.text
    if scan.heading:
        return True  # a title-case line capitalises every word
    if i > 0:
        prev = tokens[i - 1]
        joined = text[prev.end : tokens[i].start].strip() == ""
        if prev.text == "(" and i == j:
            return False  # an acronym being defined, or a ticker
        if (
            joined
            and prev.cap
            and not prev.possessive
            and prev.text not in v.person_stopwords
            and not countries().lookup(prev.text)
        ):
            return False
    if j + 1 < len(tokens) and not tokens[j].possessive:
        nxt = tokens[j + 1]
        joined = text[tokens[j].end : nxt.start].strip() == ""
        if joined and nxt.cap and nxt.text not in v.titles and nxt.text not in _TIME_WORDS and nxt.text[:1].isalpha():
            return False
    if re.search(r"\bthe\s+$", text[: tokens[i].start], re.I) and _ASSET_AFTER.match(text[tokens[j].end :]):
        return False
    return True


def _known_org_mention(scan: _Scan, org, s: int, e: int) -> None:
    """Every mention of a listed organisation carries its reference name, so "Acme Group"
    and a later "Acme" are one entity; the text's own form is kept as an alias (an agency
    keeps a longer form as written: its alias slot is for acronyms)."""
    text = scan.text
    surface = text[s:e]
    kind = "company"
    if org.label == "Agency":
        cls = classify(tokenize(org.name), org.name)
        kind = cls[1] if cls is not None and cls[0] == "Agency" else ("agency" if org.country else "intergovernmental")
    acronym_form = surface.isupper() and " " not in surface
    name = org.name if org.label == "Company" or acronym_form else surface
    inner = _inner_countries(surface, s, ("name", "demonym"))
    men = scan.add(
        Mention(
            org.label,
            name,
            s,
            e,
            kind=kind,
            possessive=scan.possessive_at(e),
            name_countries=[iso for _, _, iso in inner],
            props={"state_owned": True} if org.state_owned else {},
        )
    )
    acr = patterns().acronym_def.match(text[e:])
    if acr and acr.group(1) not in vocabulary().agreement_kinds and norm_key(acr.group(1)) != norm_key(surface):
        men.acronym = acr.group(1)
    elif surface != name:
        men.acronym = surface
    scan.add_inner_countries(inner)


#: "the ministries of Mines, Finance and Budget", "Ruritanian ministries, including Trade and Industry, Mines,
#: and Finance": each portfolio in the list is a ministry of its own
MINISTRY_LIST = re.compile(
    r"(?:\b(?P<country>[A-Z][\w’'-]*?)(?:['’]s)?\s+)?\bministries\s*,?\s+(?:of|for|including|such\s+as|namely|like)\s+"
    r"(?:the\s+)?(?P<items>[A-Z][\w’'-]*(?:(?:,?\s+and\s+|,\s+|\s+&\s+|\s+)[A-Z][\w’'-]*)*)"
)
#: a ministry named in lowercase by its portfolio: "the economy ministry", "Ruritania's mining ministry"
LOWER_MINISTRY = re.compile(
    r"(?<![\w-])(foreign|economy|finance|trade|industry|energy|mines|mining|commerce|environment|defen[cs]e|"
    r"interior|justice|health|education|agriculture|budget|infrastructure|transport|planning|labou?r)\s+ministry\b"
)


def ministry_list_items(items: str) -> list[tuple[int, int]]:
    """(start, end) of each portfolio in a list: commas separate items; "and" separates
    the last two only when the list has no serial comma ("Mines, Finance and Budget")."""
    parts: list[tuple[int, int]] = []
    pos = 0
    for m in re.finditer(r",\s+(?:and\s+)?|$", items):
        parts.append((pos, m.start()))
        pos = m.end()
    parts = [(a, b) for a, b in parts if b > a]
    if parts and not re.search(r",\s+and\s", items):
        a, b = parts[-1]
        last = re.search(r"\s+and\s+", items[a:b])
        if last and len(parts) > 1:
            parts[-1:] = [(a, a + last.start()), (a + last.end(), b)]
    return parts


def _step_ministries(scan: _Scan) -> None:
    """Ministries listed by portfolio after "ministries", and ministries named in lowercase."""
    gaz = countries()
    text = scan.text
    if "ministr" not in text:
        return  # the common case: a plain substring test before any regex
    for m in MINISTRY_LIST.finditer(text):
        where = gaz.lookup(m.group("country") or "")
        base = m.start("items")
        for a, b in ministry_list_items(m.group("items")):
            s, e = base + a, base + b
            if scan.free(s, e):
                scan.add(
                    Mention(
                        "Agency",
                        f"Ministry of {text[s:e]}",
                        s,
                        e,
                        kind="ministry",
                        name_countries=[where[0]] if where else [],
                    )
                )
    for m in LOWER_MINISTRY.finditer(text):
        # only with its country marked: "Ruritania's / the country's / the Ruritanian economy ministry"
        before = re.search(r"(?:([A-Z][\w-]*)|['’]s)\s+$", text[: m.start()])
        marked = before is not None and (before.group(1) is None or gaz.lookup(before.group(1)) is not None)
        if marked and scan.free(m.start(), m.end()):
            scan.add(Mention("Agency", f"{m.group(1).capitalize()} Ministry", m.start(), m.end(), kind="ministry"))


def _step_people(scan: _Scan) -> None:
    if scan.heading:
        return
    for s, e, name in find_people(scan.text, [(m.start(), m.end()) for m in scan.country_matches]):
        if scan.free(s, e):
            scan.add(Mention("Person", name, s, e, possessive=scan.possessive_at(e)))


def _step_group_events(scan: _Scan) -> None:
    """Events named by a group: "<ACRONYM> ministerial meeting", "<group> leaders' summit"."""
    v = vocabulary()
    gaz = countries()
    text = scan.text
    if _cues()["group_event"].search(text) is None:
        return
    for m in patterns().group_event.finditer(text):
        group_end = m.end("acr") if m.group("acr") else m.end("cap")
        group = m.group("acr") or m.group("cap")
        if group.startswith(("The ", "the ")):
            group = group[4:]
        if not group or gaz.lookup(group) or group in v.titles or group.upper() in ("CEO", "CFO", "COO"):
            continue
        if not scan.free(group_end, m.end()):
            continue
        if m.group("cap") and not classify(tokenize(group), group):
            continue  # "<headless name>'s summit": not a group's meeting
        tail = text[group_end : m.end()]
        tail = re.sub(r"^['’]s", "", tail)
        name = re.sub(r"\s+", " ", group + tail).strip()
        start = m.start("acr") if m.group("acr") else m.start("cap") + (len(m.group("cap")) - len(group))
        head = m.group("head").split()[-1]
        scan.mentions.append(Mention("Event", name, start, m.end(), kind=v.event_anaphors.get(head, head)))
        scan.taken.append((group_end, m.end()))


def _step_quoted_names(scan: _Scan) -> None:
    """A quoted title before a lowercase event or agreement word: 'the "Minerals for
    Tomorrow" seminar', 'the "Clean Supply" initiative'."""
    v = vocabulary()
    text = scan.text
    if '"' not in text and "“" not in text:
        return
    for m in patterns().quoted_lower.finditer(text):
        if not scan.free(m.start(), m.end()):
            continue
        head = m.group(2)
        label = "Event" if head in v.event_lower_heads else "Agreement"
        name = re.sub(r"\s+", " ", f"{m.group(1).strip()} {head}")
        scan.add(Mention(label, name, m.start(), m.end(), kind=v.event_anaphors.get(head, head)))


def _step_secretariats(scan: _Scan) -> None:
    """ "the secretariat of the X Forum" names a body after the thing it serves."""
    text = scan.text
    if _cues()["secretariat"].search(text) is None:
        return
    for m in patterns().secretariat.finditer(text):
        if scan.free(m.start(2), m.end(2)):
            article = "the " if text[m.start(2) - 4 : m.start(2)] == "the " else ""
            name = f"{m.group(1).capitalize()} of {article}{m.group(2)}"
            scan.add(Mention("Agency", name, m.start(), m.end(), kind=m.group(1).lower()))


def _step_names(scan: _Scan) -> None:
    """Capitalised names: runs of capitalised tokens split into names, each labelled by
    its head word, by a lowercase head after it, or kept as a headless ``Name``."""
    for chunk in _segments(scan.tokens, scan.text, scan.taken):
        for name_tokens in split_names(chunk):
            name_tokens = trim_name(name_tokens)
            if name_tokens and _opening_participle(scan, name_tokens[0]):
                name_tokens = name_tokens[1:]  # "Highlighting Ruritania's role, ...": a verb, then a name
            if name_tokens and scan.free(name_tokens[0].start, name_tokens[-1].end):
                _name_mention(scan, name_tokens)


#: after a name: ", the world's largest producer of ...", ", a Perth-listed miner", ", one of the top makers"
COMPANY_APPOSITIVE = re.compile(
    r",\s+(?:(?:the|a|an|one\s+of\s+the)\s+)(?:world['’]s\s+|country['’]s\s+|[A-Z][\w.-]*['’]s\s+)?"
    r"(?:[\w-]+\s+){0,3}(?:producer|producers|miner|miners|maker|makers|manufacturer|manufacturers|supplier|suppliers|"
    r"refiner|refiners|smelter|trader|traders|carmaker|automaker|developer|explorer|firm|company|companies|"
    r"conglomerate|group|consortium|subsidiary|unit|operator)\b"
)
#: after a name: the subject of a business verb ("Acme will acquire", "Acme has invested", "Acme supplies")
BUSINESS_VERB_AFTER = re.compile(
    r"\s+(?:(?:has|have|had|will|would|is\s+set\s+to|plans\s+to|agreed\s+to|is\s+to)\s+)?"
    r"(?:acquire[sd]?|acquiring|bought|buys|invest(?:s|ed)?|suppl(?:y|ies|ied)|sold|sells|produces|produced|"
    r"operates|owns|listed|shipped|ships|mines|mined|refines|refined|raised|posted|reported\s+(?:a\s+)?(?:net|profit|loss))\b"
)


def _acts_as_company(scan: _Scan, s: int, e: int) -> bool:
    """A bare name the sentence describes as a firm (an appositive) or makes the subject
    of a business verb (not a person: people were found before)."""
    after = scan.text[e:]
    if scan.possessive_at(e):
        return False
    return bool(COMPANY_APPOSITIVE.match(after) or BUSINESS_VERB_AFTER.match(after))


#: "Invest" run together with a country's name: the usual name of a national investment agency
INVEST_AGENCY = re.compile(r"Invest([A-Z][a-z]+)")


def _invest_agency(word: str) -> bool:
    m = INVEST_AGENCY.fullmatch(word)
    return m is not None and countries().surfaces.get(m.group(1), ("", ""))[1] == "name"


def _opening_participle(scan: _Scan, tok: Token) -> bool:
    """The sentence opens with an -ing verb ("Highlighting", "Canceling"): capitalised only
    because it comes first.  Place names ending in -ing ("Nanjing", "Liaoning") are kept."""
    word = tok.text
    if tok is not scan.tokens[0] and scan.text[: tok.start].strip() not in ('"', "“", "‘", "'", "("):
        return False
    return (
        len(word) >= 8
        and word.endswith("ing")
        and word[-4] not in "jqxJQX"
        and word not in vocabulary().company_weak
        and countries().lookup(word) is None
        and word not in subdivisions().surfaces
    )


def _name_mention(scan: _Scan, name_tokens: list[Token]) -> None:
    v = vocabulary()
    text = scan.text
    s, e = name_tokens[0].start, name_tokens[-1].end
    surface = text[s:e]
    cls = classify(name_tokens, text)
    if cls is not None and cls[0] == "Event" and len([t for t in name_tokens if not _YEAR.fullmatch(t.text)]) < 2:
        cls = None  # "Meeting the demand ..." is not an event
    if cls is None or _weak_reading(cls, name_tokens, surface):
        lowered = _lower_head_name(scan, name_tokens)
        if lowered is not None:
            cls, surface, e = lowered
    if (
        cls is not None
        and cls[0] == "Company"
        and name_tokens[-1].text in v.company_weak
        and _ASSET_AFTER.match(text, e)
    ):
        cls = None  # "the Acme Lithium project": an asset, named after it
    if cls is None and _acronym_year_event(scan, surface, s):
        cls = ("Event", "conference")  # "at MINEXPO 2030", "on the sidelines of ABC 2031"
    if cls is None and len(name_tokens) == 1 and _invest_agency(surface):
        cls = ("Agency", "agency")  # "InvestRuritania": a national investment-promotion agency
    if cls is None and e in scan.listed_before and not countries().lookup(surface):
        cls = ("Company", "company")  # "Acme Lithium (ASX: ACM)"
    if cls is None:
        _headless_name(scan, name_tokens)
        return
    label, kind = cls
    if label == "Agency" and kind == "centre" and _is_venue(surface, text, s):
        scan.taken.append((s, e))
        return
    if label == "Agency" and patterns().body_start.match(surface):
        kind = "intergovernmental"
    inner = _inner_countries(surface, s, ("name", "demonym"))
    men = Mention(
        label, surface, s, e, kind=kind, possessive=scan.possessive_at(e), name_countries=[iso for _, _, iso in inner]
    )
    if label == "Title":
        scan.titles.append(men)
        return
    acr = patterns().acronym_def.match(text[e:])
    if acr and acr.group(1) not in v.agreement_kinds:
        men.acronym = acr.group(1)
    scan.add(men)
    scan.add_inner_countries(inner)


def _weak_reading(cls: tuple[str, str], name_tokens: list[Token], surface: str) -> bool:
    """A head-word reading that a lowercase head after the name overrides: a weak company
    head ("Battery Minerals event") or two bodies joined by a hyphen ("Union-Asian Union summit")."""
    v = vocabulary()
    if cls[0] == "Company" and name_tokens[-1].text in v.company_weak:
        return True
    return cls[0] in ("Agency", "Company") and re.search(r"[a-z]-[A-Z]", surface) is not None


def _inner_countries(surface: str, offset: int, kinds: tuple[str, ...]) -> list[tuple[int, int, str]]:
    """Countries written inside a name: (start, end, iso2) in sentence offsets."""
    gaz = countries()
    return [
        (c.start() + offset, c.end() + offset, gaz.surfaces[c.group()][0])
        for c in gaz.pattern.finditer(surface)
        if gaz.surfaces[c.group()][1] in kinds
    ]


def _lower_head_name(scan: _Scan, name_tokens: list[Token]) -> tuple[tuple[str, str], str, int] | None:
    """'the Lobito Corridor-linked "X" initiative', 'the Franco-German summit': a name
    whose head is a lowercase event or agreement word right after it."""
    v = vocabulary()
    gaz = countries()
    text = scan.text
    s, e = name_tokens[0].start, name_tokens[-1].end
    surface = text[s:e]
    lower_head = patterns().lower_head.match(text[e:])
    if not (
        lower_head
        and not _only_countries(surface)
        and not all(t.text in v.person_stopwords for t in name_tokens)
        and (
            "-" in surface
            or _YEAR.search(surface)
            or gaz.pattern.search(surface)
            or '"' in text[max(0, s - 1) : s]
            or "“" in text[max(0, s - 1) : s]
        )
    ):
        return None
    word = lower_head.group(1)
    label = "Event" if word in v.event_lower_heads else "Agreement"
    e2 = e + lower_head.end()
    surface = re.sub(r"\s+", " ", text[s:e2].replace("”", "").replace('"', ""))
    return (label, word), surface, e2


def _acronym_year_event(scan: _Scan, surface: str, s: int) -> bool:
    pats = patterns()
    return bool(
        pats.acronym_year_event.match(surface)
        and pats.event_context_before.search(scan.text[:s])
        and not countries().lookup(surface.split()[0])
    )


def _headless_name(scan: _Scan, name_tokens: list[Token]) -> None:
    """A name without a head word: kept as ``Name`` for list and cue contexts
    ("companies including A, B and C"), resolved by the extractor."""
    v = vocabulary()
    gaz = countries()
    text = scan.text
    # "Acme CEO" before a name: the title is not part of the organisation's name
    while len(name_tokens) > 1 and name_tokens[-1].text in v.titles:
        name_tokens = name_tokens[:-1]
    s, e = name_tokens[0].start, name_tokens[-1].end
    surface = text[s:e]
    if all(t.text in v.titles or t.text in _TITLE_MODIFIERS for t in name_tokens):
        return  # "President", "Interim": a title, not a name
    if len(name_tokens) == 1 and (name_tokens[0].text in v.agency_heads or name_tokens[0].text in v.event_heads):
        return  # "Congress", "Parliament": a common noun capitalised, not a name
    if _FEATURE_AFTER.match(text, e):
        return  # "the Atacama salt flat", "the Kivu basin": a place
    if (
        all(t.text in v.person_stopwords or _NUMBER_IN_NAME.fullmatch(t.text) for t in name_tokens)
        or _only_countries(surface)
        or gaz.lookup(surface)
    ):
        return
    people = [(p.start, p.end) for p in scan.mentions if p.label == "Person"]
    if _after_person_title(text[:s], people) and not _only_countries(surface):
        # "Ian Ode, Vice President Exploration at Acme": the organisation of a person's title
        scan.add(Mention("Company", surface, s, e, kind="company", possessive=scan.possessive_at(e)))
        return
    if _acts_as_company(scan, s, e) and not _only_countries(surface) and surface not in subdivisions().surfaces:
        scan.add(Mention("Company", surface, s, e, kind="company", possessive=scan.possessive_at(e)))
        return
    name_men = Mention("Name", surface, s, e, possessive=scan.possessive_at(e))
    acr = patterns().acronym_def.match(text[e:])
    if acr and acr.group(1) not in v.agreement_kinds and not gaz.lookup(acr.group(1)):
        name_men.acronym = acr.group(1)
    # a country inside a longer name ("PT Andalan Nikel Indonesia") belongs to the name
    inner_n = _inner_countries(surface, s, ("name",))
    if inner_n and len(name_tokens) >= 3 and not any(t.text in v.titles for t in name_tokens):
        name_men.name_countries = [iso for _, _, iso in inner_n]
        scan.taken.append((s, e))
        scan.add_inner_countries(inner_n)
    scan.mentions.append(name_men)


#: the gap between two items of a list: ", ", " and ", ", and ", " & ", " or "
_LIST_GAP = re.compile(r"\s*(?:,\s*(?:and\s+|or\s+)?|\s+(?:and|or|&)\s+)")


def _step_company_lists(scan: _Scan) -> None:
    """In a list of names where at least two are companies ("A Lithium, Borealis, C Metals
    and D Resources"), the bare names are companies too."""
    items = sorted((m for m in scan.mentions if m.label in ("Company", "Name")), key=lambda m: m.start)
    runs: list[list[Mention]] = []
    for m in items:
        prev = runs[-1][-1] if runs else None
        if prev is not None and not prev.possessive and _LIST_GAP.fullmatch(scan.text, prev.end, m.start):
            runs[-1].append(m)
        else:
            runs.append([m])
    for run in runs:
        if sum(m.label == "Company" for m in run) >= 2 and len(run) >= 3:
            for m in run:
                if m.label == "Name" and not _only_countries(m.text) and m.text not in subdivisions().surfaces:
                    m.label, m.kind = "Company", "company"
                    scan.taken.append((m.start, m.end))


def _step_countries(scan: _Scan) -> None:
    gaz = countries()
    text = scan.text
    for m in scan.country_matches:
        surface = m.group()
        iso, kind = gaz.surfaces[surface]
        if not scan.free(m.start(), m.end()):
            continue
        before = text[max(0, m.start() - 8) : m.start()]
        if surface in ("American", "America") and re.search(r"\b(?:Latin|Central|North|South)\s$", before):
            continue
        scan.add(
            Mention("Country", surface, m.start(), m.end(), kind=kind, iso2=iso, possessive=scan.possessive_at(m.end()))
        )


def _step_regions(scan: _Scan) -> None:
    """Regions in a place context: "in Kolwezi, Lualaba", "Salta province", "an Ontario-based firm"."""
    subs = subdivisions()
    text = scan.text
    if subs.pattern.search(text) is None:
        return  # most sentences name no region: one scan instead of the cue and tail scans
    sub_hits: dict[int, re.Match] = {}
    for cue in _PLACE_CUE.finditer(text):  # match the long alternation only where a place may start
        sub_hit = subs.pattern.match(text, cue.end())
        if sub_hit:
            sub_hits[sub_hit.start()] = sub_hit
    for place_tail in _PLACE_TAIL.finditer(text):
        sub_hit = subs.pattern.search(text, place_tail.start(), place_tail.end())
        if sub_hit:
            sub_hits[sub_hit.start()] = sub_hit
    for _pos, m in sorted(sub_hits.items()):
        if not scan.free(m.start(), m.end()):
            continue
        before, after = text[: m.start()], text[m.end() :]
        if not (_PLACE_BEFORE.search(before) or _PLACE_AFTER.match(after)):
            continue
        scan.mentions[:] = [
            n
            for n in scan.mentions
            if not (
                n.label == "Name"
                and n.start <= m.start()
                and m.end() <= n.end
                and _REGION_WORDS.fullmatch(text[n.start : m.start()] + text[m.end() : n.end])
            )
        ]
        scan.add(Mention("Country", m.group(), m.start(), m.end(), kind="region", iso2=subs.surfaces[m.group()]))


#: the word after a hyphen: "-gold" in "copper-gold"
_HYPHEN_WORD = re.compile(r"-([a-z]+)\b(?!-)")


def _step_minerals(scan: _Scan) -> None:
    """Minerals, not inside names ("Pilbara Minerals", "Korea Zinc") nor as the second
    word of a chemical name ("lithium aluminum silicate")."""
    mins = minerals()
    text = scan.text
    found = []
    acronyms = list(mins.acronym_pattern.finditer(text)) if mins.acronym_cue.search(text) else []
    for m in list(mins.pattern.finditer(text)) + acronyms:
        if not scan.free(m.start(), m.end()):
            continue
        mineral = mins.lookup(m.group())
        if mineral is None:
            continue
        if m.group()[0].isupper() and mineral.ambiguous:
            continue
        # "Lynas Rare Earths", "Ganfeng Lithium": a capitalised mineral word inside a longer name
        if m.group()[0].isupper() and any(
            n.start <= m.start() and m.end() <= n.end and n.end - n.start > m.end() - m.start()
            for n in scan.mentions
            if n.label == "Name"
        ):
            continue
        found.append((m.start(), m.end(), mineral))
        # the second half of a hyphenated pair ("copper-gold project", "nickel-cobalt deposit")
        pair = _HYPHEN_WORD.match(text, m.end())
        if pair is not None and (second := mins.lookup(pair.group(1))) is not None:
            found.append((pair.start(1), pair.end(1), second))
    found.sort(key=lambda x: x[0])
    for i, (s, e, mineral) in enumerate(found):
        follows = i > 0 and re.fullmatch(r"\s+", text[found[i - 1][1] : s]) is not None
        if (
            follows
            and mins.chemical_suffix.match(text[e:]) is None
            and i + 1 < len(found)
            and re.fullmatch(r"\s+", text[e : found[i + 1][0]])
        ):
            continue
        if follows and mins.chemical_suffix.match(text[e:]):
            continue
        if mineral.ambiguous and not _mineral_context(text, s, e, found):
            continue
        product = mins.product_after.match(text, e) if mins.product_after and mineral.symbol else None
        if product is not None and not mineral.group:
            word = "sulfate" if product.group(1).lower() == "sulphate" else product.group(1).lower()
            name = f"{mineral.name} {word}"
            if name in mins.minerals and scan.free(s, product.end()):
                scan.add(Mention("Mineral", name, s, product.end()))
                continue
        scan.add(Mention("Mineral", mineral.name, s, e, kind=mineral.group or ""))


_PLACE_BEFORE = re.compile(
    r"\b(?:in|at|near|from|across|to|outside)\s+(?:the\s+)?(?:(?:[A-Z][\w’'-]*\s+){0,3}[A-Z][\w’'-]*,\s+)?$"
    r"|\b[A-Z][\w-]*['’]s\s+$"
    r"|\b[A-Z][\w’'-]*,\s+$"
)
_PLACE_AFTER = re.compile(
    r"\s+(?:[Pp]rovince|[Ss]tate|[Rr]egion|[Dd]epartment|[Tt]erritory|[Pp]refecture|[Oo]blast|[Gg]overnorate)\b|-based\b"
)
_PLACE_CUE = re.compile(
    r"\b(?:in|at|near|from|across|to|outside)\s+(?:the\s+)?(?=[A-ZÀ-Þ])|,\s+(?=[A-ZÀ-Þ])|\w['’]s\s+(?=[A-ZÀ-Þ])"
)
_PLACE_TAIL = re.compile(
    r"(?:[A-ZÀ-Þ][\w’'-]*\s+){1,3}(?:[Pp]rovince|[Ss]tate|[Rr]egion|[Dd]epartment|[Tt]erritory|[Pp]refecture|"
    r"[Oo]blast|[Gg]overnorate)\b|[A-ZÀ-Þ][\w’']*(?:[\s-][A-ZÀ-Þ][\w’']*){0,2}-based\b"
)
_REGION_WORDS = re.compile(r"\s*(?:(?:[Pp]rovince|[Ss]tate|[Rr]egion|[Dd]epartment|[Tt]erritory)\s*)?")


def _is_venue(surface: str, text: str, start: int) -> bool:
    """'the King Fahd Conference Centre', 'at the Harbour Centre in Perth' (not 'a researcher at the X Centre')."""
    pats = patterns()
    if pats.venue_words.search(surface):
        return True
    before = text[max(0, start - 60) : start]
    if not pats.at_the.search(before):
        return False
    clause = re.split(r"[,;]", before)[-1].lower()
    v = vocabulary()
    return not any(w in v.title_words_lower for w in re.findall(r"[a-z-]+", clause))


def _only_countries(surface: str) -> bool:
    rest = countries().pattern.sub("", surface)
    return not _SPACE_OR_DASH.sub("", rest)


_SPACE_OR_DASH = re.compile(r"[\s\-–]")


def _mineral_context(text: str, s: int, e: int, found) -> bool:
    words = re.findall(r"[a-z]+", text[e : e + 30].lower())[:2]
    if any(w in minerals().context for w in words):
        return True
    for a, b, other in found:
        if other.ambiguous or (a, b) == (s, e):
            continue
        gap = text[b:s] if b <= s else text[e:a]
        if re.fullmatch(r"\s*(?:,|and|,\s*and|or|&|-)\s*", gap):
            return True
    return False
