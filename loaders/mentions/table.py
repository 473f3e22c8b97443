"""The pattern table: every named regular expression mention finding uses, compiled once
from the vocabulary (titles, heads, intergovernmental bodies), with the cheap cues that let
a sentence skip a pattern it cannot match.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from minegraph.loaders.gazetteer import Vocabulary, alternation, leading_alternation, vocabulary, word_led
from minegraph.loaders.mentions.tokens import LOW, UP

#: generational suffixes after a surname ("Jr.", "III"): part of the name
_SUFFIX = r"(?:,?\s(?:Jr|Sr)\.?|\s(?:II|III|IV))"


#: lowercase particles inside personal names ("Pieter van Aalst", "Ursula von der Leyen"), and the
#: patronymic markers written as a word of their own between the father's name and the surname:
#: Azerbaijani "oğlu"/"qızı" ("son"/"daughter of"), Kyrgyz "uulu"/"kyzy" ("Ali Vali oglu Rzayev")
_PATRONYMIC_MARKERS = "oglu|oğlu|ogly|qizi|qızı|gizi|kizi|uulu|kyzy"
PARTICLES = (
    "van|von|der|den|dela|de|da|das|do|dos|del|della|di|du|la|le|ter|ten|bin|bint|binti|ibn|al|el"
    "|" + _PATRONYMIC_MARKERS
)

#: post-nominal letters after a name that are no part of it ("Ana Ruiz MP", "Tom Vega KC")
_POST_NOMINAL = r"(?:MP|KC|QC)\b"


#: words in the title list that only modify a title ("Energy Minister", "Acting Director")
TITLE_MODIFIERS = frozenset(
    "Second First Deputy Vice Senior General Special Acting Interim Former Executive Assistant Associate Principal "
    "Lead Trade Foreign Energy Industry Mining Mines Finance Economy".split()
)


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
    #: an honorific and a family name alone ('Mr. Ruiz'), or in capitals as press releases write
    #: it ('Mr. RUIZ', 'Ms. RUIZ Ana'): groups single, upper and given
    honorific: re.Pattern
    #: a form of address and a whole name ('Dr. Ana Lucia Ruiz', 'Shri Anil Kumar Rao'); group 1
    addressed: re.Pattern
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
    #: a personal name standing alone (group 1), kept when its first word is a given name, and
    #: the character before it (read with :func:`given_named_spans`)
    given_named: re.Pattern
    #: a name after 'said' / 'according to'; group 1
    said_by: re.Pattern
    #: a name before 'of the' / 'from the' and a capitalised body; group 1
    from_org: re.Pattern
    #: intergovernmental bodies by their fixed names and acronyms
    bodies: re.Pattern
    #: intergovernmental bodies inside a longer name, where a hyphen may join them ("Union-Asia Summit")
    bodies_inside: re.Pattern
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
    #: an event named by a group ('<ACRONYM> ministerial meeting', "<group>'s summit", 'C5+1 summit')
    group_event: re.Pattern
    #: the same capitalised ("<ACRONYM> Leaders' Summit"), or a meeting of a series named by its
    #: own head ("<Name> Dialogue Foreign Ministers' Meeting"; group 'series')
    group_event_titled: re.Pattern
    #: a lowercase meeting word after a body's or a partnership's name, its short form between
    #: ('... Council meeting', '... Partnership (ABC) inaugural gathering'); group 'head'
    named_event_tail: re.Pattern
    #: a meeting named by acronym or one word and year ('ABC 2031', 'Minexpo 2031'), or a numbered
    #: session's code ('COP31')
    acronym_year_event: re.Pattern
    #: words before an event ('at the', 'on the sidelines of')
    event_context_before: re.Pattern
    #: 'the secretariat/embassy/office of <Name>'; groups 1 and 2
    secretariat: re.Pattern


#: forms of address before a name: English, and the Indian "Shri" / "Smt." (Government of India usage)
_HONORIFICS = (
    r"Honourable|Honorable|Hon\.|His Excellency|Her Excellency|H\.E\.|Shri|Sri|Smt\.|Shrimati"
    # and the everyday ones, "Eng." / "Engr." as engineers are addressed in Arab, East African and Philippine usage
    r"|Mrs?\.?|Ms\.?|Dr\.?|Prof\.?|Eng\.|Engr\.|Sir|Sheikh"
)


#: forms of address that only ever stand before a person's name: abbreviations with their stop
#: ("Hon." and "Eng." without it are also name words: "Ng Eng Hen"), the everyday ones, the Indian
#: "Shri"/"Smt." and the Swahili "Dkt." (Daktari, doctor) of East African official usage
_ADDRESS_BEFORE_NAME = (
    r"(?:Mr|Mrs|Ms|Mme|Dr|Prof)\.?|Hon\.|Eng\.|Engr\.?|Dkt\.|H\.\s?E\.|Shri|Smt\.?|Shrimati"
)


#: lowercase titles right before a name ("mining minister Ana Ruiz")
LOWER_TITLES = (
    r"(?:minister|secretary|president|ambassador|envoy|commissioner|chairman|chairwoman|"
    r"governor|premier|spokesperson|spokesman|spokeswoman|director-general|chief\s+executive(?:\s+officer)?|"
    r"managing\s+director|executive\s+director|general\s+manager|chief\s+financial\s+officer|"
    r"chief\s+operating\s+officer|analyst|geologist|economist|founder|counterpart)"
)


#: a word each of :data:`LOWER_TITLES` holds: a sentence without any has no lowercase title
LOWER_TITLE_WORDS = (
    "minister", "secretary", "president", "ambassador", "envoy", "commissioner", "chair", "governor", "premier",
    "spokes", "chief", "managing", "executive", "general", "analyst", "geologist", "economist", "founder",
    "counterpart",
)


@dataclass(frozen=True)
class _Titles:
    """The alternations of titles the patterns share, as pattern source: every capitalised title,
    the lowercase title words, and a title after a comma (capitalised modifiers, then a title that
    is not a bare portfolio word or modifier: "..., Energy, and ..." is a list)."""

    titles: str
    lower: str
    appositive: str


def _titles(v: Vocabulary) -> _Titles:
    """The title alternations of the vocabulary ``v``."""
    modifiers = alternation(TITLE_MODIFIERS)
    plain_titles = alternation(t for t in v.titles if t[0].isupper() and t not in TITLE_MODIFIERS)
    return _Titles(
        titles=alternation(t for t in v.titles if t[0].isupper()),
        lower=alternation(v.title_words_lower),
        appositive=rf"(?:(?:{modifiers})\s+)*(?:{plain_titles})",
    )


def _appositive_title(tw: _Titles | None = None) -> str:
    """', the minister of ...', ', a senior analyst': what follows the name in ``appositive``."""
    tw = tw if tw is not None else _titles(vocabulary())
    return (
        # ", Ruritania's mining minister", ", the U.S. commerce secretary", ", EU trade commissioner"
        rf",\s+(?:the\s+|a\s+|an\s+|former\s+)?(?:[A-Z][\w.’'-]*(?:\s[A-Z][\w.’'-]*)*(?:['’]s)?\s+)?(?:[a-z][a-z-]+\s+){{0,2}}"
        rf"(?:{tw.lower}|{tw.appositive})\b"
    )


def _branches(group: str) -> str:
    """The body of a pattern written as one group ("(?:a|b)" -> "a|b"), for :func:`word_led`; a
    pattern of one branch as it is."""
    if group.startswith("(?:") and group.endswith(")"):
        depth = 0
        for i, c in enumerate(group):
            depth += (c == "(" and group[i - 1 : i] != "\\") - (c == ")" and group[i - 1 : i] != "\\")
            if depth == 0:
                return group[3:-1] if i == len(group) - 1 else group
    return group


def _title_case(words: str) -> str:
    """'heads of state' -> 'Heads of State': how a name writes a lowercase phrase."""
    return " ".join(w if w in ("of", "and") else w[:1].upper() + w[1:] for w in words.split())


def _name_parts() -> tuple[str, str]:
    """A word of a personal name and a whole name (two to four words, particles between, a
    patronymic marker or suffix after), as pattern source."""
    # a word of a personal name; an initial ("Ana K. Ruiz", "G. Ana Ruiz") only before another word
    name_tok = (
        # a glottal stop written as an apostrophe inside a Polynesian name ("Mata'afa"), not a possessive
        rf"(?:(?!(?:Jr|Sr)\b)(?:Ma?c(?={UP}))?{UP}{LOW}+(?:['’](?!s\b){LOW}+)?(?:-[A-Za-zÀ-ÖØ-Þ]{LOW}+)?"
        rf"|[A-Z]['’]{UP}{LOW}+(?:-{UP}{LOW}+)?"
        rf"|(?!{_POST_NOMINAL})[A-Z]{{2}}|(?:[A-Z]\.){{2}}"
        rf"|[A-Z]\.(?=\s{UP})"
        # a Mongolian patronymic's initial written with a digraph ("Ch. Bat", "Ts. Oyun")
        rf"|(?:Ch|Sh|Ts|Kh|Zh)\.(?=\s{UP})"
        # "Ma." for María in Philippine names ("Ma. Luisa Cruz")
        rf"|Ma\.(?=\s{UP}{LOW}))"
    )
    # inside a name, the Arabic article capitalised ("Salim bin Nasser Al Aufi Al Harthy") joins like a particle
    # a patronymic marker may also end the name, with no surname after it ("Aidai Bakyt kyzy")
    name = (
        rf"{name_tok}(?:(?:\s(?:{PARTICLES}|Al|El)){{0,2}}\s{name_tok}){{1,3}}"
        rf"(?:\s(?:{_PATRONYMIC_MARKERS})(?![\w-]))?{_SUFFIX}?"
    )
    return name_tok, name


def _body_forms(v: Vocabulary) -> dict[str, str]:
    """Each surface form of an intergovernmental body (its name, and the aliases that need no
    definition in the text) -> its canonical name."""
    bodies = {}
    for body in v.bodies:
        for form in [body["name"], *body["aliases"]]:
            if not body.get("acronym_needs_definition") or form == body["name"]:
                bodies[form] = body["name"]
    return bodies


def _person_patterns(v: Vocabulary, tw: _Titles) -> dict[str, re.Pattern]:
    """The patterns that find people: a name after titles, forms of address or before a reporting
    verb, titles with a comma or complement, and the pieces of capitalised runs."""
    name_tok, name = _name_parts()
    titles, title_lower, appositive_titles = tw.titles, tw.lower, tw.appositive
    return dict(
        # "(?:T\s+)+" as "T\s+(?:T\s+)*", the first title opening with its capital (a faster search)
        titled=re.compile(
            leading_alternation((t for t in v.titles if t[0].isupper()), r"[\w-]", UP)
            + rf"\s+(?:(?:{titles})\s+)*({name})(?![\w-])"
        ),
        appositive=re.compile(rf"(?<![\w-])(?={UP})({name}){_appositive_title(tw)}"),
        # anchored on the commas (cheap); the title before them is checked in find_people
        reverse_appositive=re.compile(
            rf",\s+(?:the\s+)?(?:(?:{_HONORIFICS})\s+)?"
            rf"({name})(?=\s*[,.;:)]|\s+(?!and\s+{UP})[a-z]|$)"
        ),
        honorific=re.compile(
            rf"(?<![\w.])(?:Mr|Mrs|Ms|Mme|Dr|Prof)\.?\s+(?:(?P<upper>[A-Z][A-Z’'-]{{2,}})(?:\s(?P<given>{UP}{LOW}+))?"
            rf"|(?P<single>(?:(?:{PARTICLES})\s+){{0,2}}{UP}{LOW}+(?:-{UP}{LOW}+)?))(?![\w-]|\s+{UP}|\s+[A-Z]\.)"
        ),
        # "... and Mines Dr. Ana Lucia Ruiz;": the form of address opens the name, whatever words stand before
        addressed=re.compile(rf"(?<![\w.])(?:{_ADDRESS_BEFORE_NAME})\s+({name})(?![\w-])"),
        # "Minister of Energy and Mines Rosa Quispe": a title with a complement
        titled_of=re.compile(
            word_led(_branches(titles) + "|" + _branches(title_lower), r"[\w-]")
            + rf"\s+(?:of|for|to)\s+(?:the\s+)?(?={UP})"
        ),
        cap_run=re.compile(rf"(?:(?:[A-Z]\.)+|{UP}[\w’'-]*|{PARTICLES}|and|&|of|for|the|,)(?=[\s,.;:)!?]|$)\s*"),
        name_tail=re.compile(rf"{name_tok}(?:\s(?:[A-Z]\.)+)?(?:\s(?:{PARTICLES})){{0,2}}\s{name_tok}$"),
        # "Ana Ruiz, Partner," / "Ian Ode, Vice President Exploration at": a person's title before an organisation
        person_title_before=re.compile(
            rf"({name}),\s+(?:the\s+|a\s+)?(?:[A-Z][\w-]*\s+|and\s+|&\s+){{0,4}}(?:{appositive_titles}|\b(?:{title_lower}))"
            rf"(?:\s+[A-Z][\w-]*){{0,2}}\s*(?:,|\bat\b)\s*(?:the\s+)?$"
        ),
        title_before=re.compile(rf"(?:{titles}|\b(?:{title_lower}))\b(?:[^,;()]|\([^,;()]{{1,20}}\)){{0,160}}$"),
        # "Peruvian mining minister Ana Quispe": a lowercase title right before the name
        lower_titled=re.compile(word_led(_branches(LOWER_TITLES), r"[\w-]") + rf"\s+(?={UP})({name})(?![\w-])"),
        said=re.compile(
            rf"(?<![\w-])(?={UP})({name})\s+(?:said|says|told|added|stated|noted|emphasi[sz]ed|highlighted|explained|urged|announced|stressed)\b"
        ),
        # the character before the name matched (see given_named_spans)
        given_named=re.compile(rf"[^\w.-](?={UP})({name})(?![\w-]|\s+(?!{_POST_NOMINAL}){UP})"),
        said_by=re.compile(word_led("said|says|according to") + rf"\s+({name})(?![\w-])"),
        from_org=re.compile(rf"(?<![\w-])(?={UP})({name})\s+(?:from|of)\s+the\s+[A-Z]"),
    )


def _body_patterns(v: Vocabulary, bodies: dict[str, str]) -> dict[str, re.Pattern]:
    """The patterns of intergovernmental bodies (``bodies``: each surface form and its canonical
    name): by name alone or inside a longer one, and what continues a body's name into another."""
    return dict(
        bodies=re.compile(leading_alternation(bodies, r"[\w.-]", "[A-Z]") + r"(?![\w-])"),
        bodies_inside=re.compile(leading_alternation(bodies, r"[\w.]", "[A-Z]") + r"(?!\w)"),
        body_start=re.compile(r"(?:" + alternation(bodies) + r")\s"),
        body_continues=re.compile(r"\s+(?:[A-Z][\w-]*\s+){0,3}(?:" + alternation(v.agency_heads) + r")(?![\w-])"),
        # "G20 Summit", "G7 Hiroshima Summit": an event named after the group, not the group
        body_event=re.compile(
            r"\s+(?:(?:19|20)\d\d\s+)?(?:[A-Z][\w-]*\s+)?(?:" + alternation(v.event_heads) + r")(?![\w-])"
        ),
    )


def _event_patterns(v: Vocabulary, bodies: dict[str, str]) -> dict[str, re.Pattern]:
    """The patterns of meetings and agreements named by a lowercase head, a quoted title, a group
    or a series, an acronym and year, and the words that stand before a meeting's name."""
    return dict(
        lower_head=re.compile(r"[\"”’]?\s+(" + alternation(v.event_lower_heads | v.agreement_lower_heads) + r")\b"),
        # 'the "Minerals for Tomorrow" seminar': a quoted title and a lowercase head after it
        quoted_lower=re.compile(
            r"[\"“]([A-Z][^\"“”]{1,150}?)[\"”]\s+("
            + alternation(v.agreement_lower_heads | v.event_lower_heads)
            + r")\b"
        ),
        # "<ACRONYM> ministerial meeting", "the <group>'s ministerial", "<group> leaders' summit"
        group_event=re.compile(
            r"(?<![\w-])(?=[A-Z])(?:(?P<acr>G-?\d{1,2}\+?|[A-Z][A-Z0-9]{0,9}\+\d{1,2}|[A-Z][A-Z0-9&]{1,9}|"
            + alternation(bodies)
            + r")(?P<poss1>['’]s)?"
            + r"|(?P<cap>(?!The\s)[A-Z][\w&-]*(?:\s(?:of|for|on|and|&|[A-Z][\w&-]*)){0,6})(?P<poss2>['’]s))"
            + r"(?:\s(?P<year>(?:19|20)\d\d))?\s(?P<mods>(?:(?:"
            + "|".join(re.escape(m) + ("['’]?" if m.endswith("s") else "") for m in v.group_event_modifiers)
            + r")\s){0,2})(?P<head>"
            + alternation(v.group_event_heads)
            + r")(?![\w-])"
        ),
        # "<group> Leaders' Summit", "the <ACRONYM> Foreign Ministers' Meeting": the same, capitalised,
        # with at least one of the people who meet (a capitalised head alone is the name step's)
        group_event_titled=re.compile(
            r"(?<![\w-])(?=[A-Z])(?P<acr>G-?\d{1,2}\+?|[A-Z][A-Z0-9]{0,9}\+\d{1,2}|[A-Z][A-Z0-9&]{1,9}|"
            + alternation(bodies)
            # a meeting series named by its own head ("the Kestrel Dialogue Foreign Ministers' Meeting")
            + r"|(?P<series>(?!The\s)(?:[A-Z][\w.+’'-]*\s){1,5}(?:"
            + alternation(v.event_heads)
            + r")))(?:\s(?P<year>(?:19|20)\d\d))?\s(?P<mods>(?:(?:"
            + "|".join(re.escape(_title_case(m)) + "['’]" for m in v.group_event_modifiers if m.endswith("s"))
            + r")\s){1,2})(?P<head>"
            + alternation(_title_case(h) for h in v.group_event_heads)
            + r")(?![\w-])"
        ),
        named_event_tail=re.compile(
            r"(?:\s*\([A-Z][A-Za-z0-9&-]{1,9}\))?\s(?P<mods>(?:(?:"
            + "|".join(re.escape(m) + ("['’]?" if m.endswith("s") else "") for m in v.group_event_modifiers)
            + r")\s){0,2})(?P<head>"
            + alternation(v.group_event_heads)
            + r")(?![\w-])"
        ),
        # "at <ACRONYM> 2025", "on the sidelines of <ACRONYM> 2025": a meeting named by acronym and year
        acronym_year_event=re.compile(
            r"^(?:[A-Z][A-Z0-9&]{1,9}|[A-Z][a-z]{3,}[A-Za-z]*)\s(?:19|20)\d\d$|^[A-Z]{3,}-?\d{1,2}$"
        ),
        event_context_before=re.compile(
            r"\b(?:at|during|within|sidelines\s+of|ahead\s+of|attend\w*|opening\s+of|edition\s+of)\s+"
            r"(?:the\s+|this\s+year['’]s\s+)?$",
            re.I,
        ),
    )


def _place_and_alias_patterns() -> dict[str, re.Pattern]:
    """The other patterns: a Korean name, a venue's words, "at the", a short form in brackets and
    "the office of <Name>"."""
    return dict(
        # the look-behind after the first letter: a search skips to the capitals in C
        korean=re.compile(r"[A-Z](?<![\w-][A-Z])[a-z]{1,5} [A-Z][a-z]+-[a-z]+(?![\w-])"),
        # "at the X Convention Centre": a venue, not an organisation
        venue_words=re.compile(r"\b(?:Convention|Conference|Exhibition|Expo|Congress|Events?|Trade|Hall)\b"),
        at_the=re.compile(r"\bat\s+(?:the\s+)?$"),
        # "(RUMEC)", "(FRAMCO-X)", and a short form in brackets: "(Sursa)", "(Ba'ra)"; a quoted one
        # may go on as a press release writes it: '("KGI"; Quebec, Canada)', '("KGI" or the "Company")'
        acronym_def=re.compile(
            r"^\s*\(\s*[\"“]?([A-Z][A-Za-z0-9&-]*[A-Z0-9](?:\s(?:19|20)\d\d)?|[A-Z][a-z]*['’]?[a-z]+)"
            r"(?:[\"”]\s*(?:[;,]|\s+or\b)[^()]{0,80}|[\"”]?\s*)\)"
        ),
        secretariat=re.compile(
            r"\b(secretariat|embassy|consulate|office)\s+of\s+(?:the\s+)?((?:[A-Z][\w’'&.-]*)(?:\s+(?:of|and|for|on|&|the)?\s*[A-Z][\w’'&.-]*)*)"
        ),
    )


@lru_cache(maxsize=1)
def patterns() -> MentionPatterns:
    """The pattern table, compiled once from the vocabulary: people's, bodies', meetings' and the
    other patterns."""
    v = vocabulary()
    bodies = _body_forms(v)
    return MentionPatterns(
        bodies_map=bodies,
        **_person_patterns(v, _titles(v)),
        **_body_patterns(v, bodies),
        **_event_patterns(v, bodies),
        **_place_and_alias_patterns(),
    )


#: for some cues, words one of which every match holds: a sentence with none is not scanned with
#: the cue (a substring test each costs a fraction of a scan, and most sentences hold none)
CUE_WORDS: dict[str, tuple[str, ...]] = {
    "said_by": ("said", "says", "according to"),
    "secretariat": ("secretariat", "embassy", "consulate", "office"),
}


def given_named_spans(text: str) -> list[tuple[int, int, str]]:
    """(start, end, name) of each personal name ``given_named`` finds in ``text``, as the name after
    ``(?<![\\w.-])(?=UP)`` would be found: the pattern matches the character before the name (a space
    put first for a name that opens the text), so the search skips in C to the characters a name
    may follow instead of entering the pattern at every character to look behind (a fifth fewer
    instructions). A name ends with a word character or a full stop, which no name follows, so no
    name starts where the match before ended (``tests/test_mention_patterns.py`` compares the two)."""
    return [(m.start(1) - 1, m.end(1) - 1, m.group(1)) for m in patterns().given_named.finditer(" " + text)]


def holds_cue(key: str, text: str) -> bool:
    """Whether ``text`` holds the cue :func:`pattern_cues` keys (its words first, where listed)."""
    words = CUE_WORDS.get(key)
    if words is not None:
        for w in words:  # (a plain loop: a generator under any() cost more than the tests)
            if w in text:
                break
        else:
            return False
    return pattern_cues()[key].search(text) is not None


@lru_cache(maxsize=1)
def pattern_cues() -> dict[str, re.Pattern]:
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
        # the complement of ``titled_of``: its title's first letters (most of the alphabet) are no
        # cheaper to look for than the whole pattern, its "of"/"for"/"to" and the capital after are
        "titled_of": re.compile(rf"\s(?:of|for|to)\s+(?:the\s+)?{UP}"),
    }
