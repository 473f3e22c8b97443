"""Reference data for extraction: countries, minerals, organisation and event vocabulary.

Everything here is general knowledge loaded from ``loaders/reference/*.json`` (each file
names its sources) plus pycountry for ISO 3166.  Lookups use a few combined regular
expressions compiled once, so scanning a sentence costs one regex pass per gazetteer
rather than one per entry.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path

REFERENCE_DIR = Path(__file__).resolve().parent / "reference"


def load_reference(name: str) -> dict:
    """One reference JSON file from ``loaders/reference``."""
    return json.loads((REFERENCE_DIR / name).read_text(encoding="utf-8"))


#: letters NFKD does not decompose
_TRANSLIT = str.maketrans({"ø": "o", "æ": "ae", "ß": "ss", "ł": "l", "đ": "d", "œ": "oe", "þ": "th", "ı": "i"})


_NOT_SLUG = re.compile(r"[^a-z0-9]+")


@lru_cache(maxsize=65536)
def slug(text: str) -> str:
    """ASCII lowercase slug: 'Samsung C&T' -> 'samsung-c-t'."""
    if text.isascii():  # nothing to decompose or transliterate
        text = text.lower()
    else:
        text = unicodedata.normalize("NFKD", text)
        text = "".join(c for c in text if not unicodedata.combining(c)).lower().translate(_TRANSLIT)
    text = text.replace("&", " and ").replace("’", "").replace("'", "")
    return _NOT_SLUG.sub("-", text).strip("-")


_NOT_WORD = re.compile(r"[^\w\s]")
_SPACES = re.compile(r"\s+")
_LEADING_THE = re.compile(r"^the ")


@lru_cache(maxsize=65536)
def norm_key(text: str) -> str:
    """Loose comparison key (case, accents, punctuation, leading 'the')."""
    if text.isascii():  # nothing to decompose, and casefold() is lower() (a build keys 100,000s of names)
        text = text.lower()
    else:
        text = unicodedata.normalize("NFKD", text)
        text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    text = text.replace("&", " and ").replace("’", "'")
    text = _NOT_WORD.sub(" ", text)
    text = _SPACES.sub(" ", text).strip()
    return _LEADING_THE.sub("", text)


def alternation(words, ignorecase: bool = False, space: str = "") -> str:
    """A regex alternation of literal words in which the longest form wins.

    Written as a trie ("Nig(?:er(?:ia)?)?") rather than a flat list longest first: the
    engine then tests each character once instead of trying every word at every position
    (the country list has ~900 forms).  It matches exactly what the flat list would: at
    each node the longer continuations come before stopping there, and no two children
    of a node match the same character, so the candidates are tried longest first.
    ``ignorecase``: the pattern is compiled with ``re.IGNORECASE``; where two children
    differ only in case the flat list is kept (the reference lists are lowercase there).
    ``space``: the pattern a space of the words is written as ("\\s+": "battery maker" also
    matches across a line break), for words whose spaces stand single between other characters
    (no other child of a node then matches a space, nor does a word end where one may follow)."""
    words = set(words)
    trie: dict = {}
    for w in words:
        node = trie
        for c in w:
            node = node.setdefault(c, {})
        node[""] = {}  # the end of a word
    if ignorecase and _case_twins(trie):
        flat = (re.escape(w) for w in sorted(words, key=lambda w: (-len(w), w)))
        return "|".join(f.replace(r"\ ", space) if space else f for f in flat)
    return _trie_regex(trie, space)


def leading_alternation(words, not_after: str, first: str) -> str:
    """``(?<!NOT_AFTER)(?=FIRST)(?:`` :func:`alternation` ``)``, written so that a search skips
    in C to the letters a word starts with before trying the words: each branch opens with its
    first letter and then checks the character before it (``(?<!NOT_AFTER X)``). It matches
    exactly what that pattern would (``words``: non-empty; ``not_after`` and ``first``:
    one-character classes); a leading look-behind or look-ahead made the engine try every
    position in turn."""
    firsts = re.compile(first)
    by_initial: dict[str, list[str]] = {}
    for w in words:
        if w and firsts.fullmatch(w[0]):
            by_initial.setdefault(w[0], []).append(w[1:])
    if not by_initial:
        return "(?!)"  # no word can start there: nothing matches
    return (
        "(?:"
        + "|".join(
            f"{re.escape(c)}(?<!{not_after}{re.escape(c)}){alternation(rest)}" for c, rest in sorted(by_initial.items())
        )
        + ")"
    )


def word_led(branches: str, not_after: str = r"\w") -> str:
    """``(?<!NOT_AFTER)(?:BRANCHES)`` (``\\b(?:BRANCHES)`` with ``\\w``) for regex branches that each
    open with a letter or a class of letters, written as :func:`leading_alternation` writes words:
    each branch opens with that letter and then looks behind it (``c(?<!NOT_AFTER c)rest``), so a
    search skips in C to the letters the branches open with instead of entering the pattern at
    every character (a leading ``\\b`` or look-behind costs some hundred instructions a character
    of every sentence scanned). A branch opening with a class of letters ("[Tt]he") becomes one
    branch for each letter. Not for patterns compiled with ``re.IGNORECASE``: the engine
    skips only to uncased characters there. ``branches``: the body of an alternation, split at
    its top-level bars; ``not_after``: a class of one character."""
    out = []
    for branch in (one for b in _top_level_branches(branches) for one in _distributed(b)):
        if branch[:1] == "[":
            close = branch.index("]", 2)
            first, rest = branch[: close + 1], branch[close + 1 :]
        else:
            first, rest = branch[:1], branch[1:]
        if not first.replace("-", "").strip("[]").isalpha() or rest[:1] in ("?", "*", "+", "{"):
            raise ValueError(f"a branch that opens with no single letter: {branch!r}")
        # a class of letters as one branch a letter ("[Tt]he": "The", "the"): the engine skips
        # to a branch's first letter only, not to a class
        for c in [first] if first.isalpha() or "-" in first else first[1:-1]:
            out.append(f"{c}(?<!{not_after}{c}){rest}")
    return "(?:" + "|".join(out) + ")"


def word_led_ci(branches: str, not_after: str = r"\w") -> str:
    """:func:`word_led` for branches matched ignoring case: the pattern to compile without
    ``re.IGNORECASE``, matching what ``\\b(?:BRANCHES)`` with the flag matches (which the engine
    enters at every character). Each branch becomes one branch for each character its first
    letter matches ignoring case ("T", "t"; "k" also the Kelvin sign), going on in ``(?i:...)``;
    where a branch opens with no letter, or the pattern would be written over three times as long,
    the whole as written (``(?i:\\b(?:BRANCHES))``)."""
    out: list[str] = []
    try:
        for branch in _top_level_branches(branches):
            led = word_led(branch, not_after)[3:-1]  # "c(?<!NOT_AFTER c)rest", each letter of a class
            for one in _top_level_branches(led):
                if one[0] == "[":
                    raise ValueError(f"a class of a range opens a branch: {one!r}")
                c, rest = one[0], one[len(f"{one[0]}(?<!{not_after}{one[0]})") :]
                for form in _case_forms(c):  # (a branch a character: the engine skips to literals only)
                    one_form = f"{form}(?<!{not_after}{form})(?i:{rest})"
                    if one_form not in out:  # "[Tt]he": "T" and "t" once each
                        out.append(one_form)
    except ValueError:
        out = []
    led = "(?:" + "|".join(out) + ")"
    if out and len(led) <= 3 * len(branches) + 100:
        return led
    # each case of a first letter repeats its branch: where that makes the pattern much longer,
    # compiling it (once a process, some milliseconds a pattern) costs more than the search saves
    lead = r"\b" if not_after == r"\w" else f"(?<!{not_after})"
    plain = f"(?i:{lead}(?:{branches}))"
    try:
        dispatched = dispatched_ci(branches, not_after)
    except ValueError:
        return plain
    PLAIN_FORMS[dispatched] = plain
    return dispatched


#: what :func:`word_led_ci` wrote dispatched -> the plain form it matches as ("(?i:\\b(?:BRANCHES))"),
#: which reads as written (tests generate the text a pattern matches from it)
PLAIN_FORMS: dict[str, str] = {}


def plain_form(pattern: str) -> str:
    """``pattern`` with a dispatched alternation it opens with (:func:`word_led_ci`) written
    plainly: the same matches, in the form a reader (or a generator of examples) follows."""
    for dispatched, plain in PLAIN_FORMS.items():
        if pattern.startswith(dispatched):
            return plain + pattern[len(dispatched) :]
    return pattern


def dispatched_ci(branches: str, not_after: str = r"\w") -> str:
    """``(?i:\\b(?:BRANCHES))`` (``(?<!NOT_AFTER)`` for ``\\b``) written to open with a class of
    the characters its first letters match ignoring case, which a search skips to in C, then
    the look-behind, then each branch after a look-behind at its own first letter:
    "[AaBb](?<!\\w.)(?:(?<=(?i:a))(?i:rest of the a's)|(?<=(?i:b))(?i:rest of the b's))".
    Unlike :func:`word_led_ci` each branch is written once (a group a branch opens with is
    dispatched in place, the rest after it kept once), so the pattern compiles about as fast
    as the plain form. A branch may open with a letter, a class of letters, a group of such
    branches (optional or not) and a look-behind at one character before them ("(?<!-)ban");
    anything else raises ValueError. Same matches, from every position and in every window."""
    items = [_after_first_letter(b) for b in _top_level_branches(branches)]
    every = _latin1_class(frozenset(c for forms, _, _ in items for c in forms))
    return f"{every}(?<!{not_after}.)" + _dispatch(items, _CAPTURING.search(branches) is None)


@lru_cache(maxsize=256)
def _latin1_class(chars: frozenset[str]) -> str:
    """A class of ``chars`` and of every character past Latin-1, written as the Latin-1
    characters it leaves out ("[^\\x00-@...]"): a class naming one character past Latin-1 (the
    Kelvin sign "k" matches ignoring case) compiles to a table of all 65,536, some
    milliseconds a pattern, where the look-behinds after it test the first letter anyway."""
    out = [i for i in range(256) if chr(i) not in chars]
    runs: list[tuple[int, int]] = []
    for i in out:
        if runs and runs[-1][1] == i - 1:
            runs[-1] = (runs[-1][0], i)
        else:
            runs.append((i, i))
    return "[^" + "".join(f"\\x{a:02x}" if a == b else f"\\x{a:02x}-\\x{b:02x}" for a, b in runs) + "]"


#: a look-behind at one character or class ("(?<!-)", "(?<![\\w-])")
_ONE_BEHIND = re.compile(r"\(\?<!(\\.|[^\\()\[\]]|\[(?:\\.|[^\\\]])+\])\)")


def _after_first_letter(branch: str) -> tuple[frozenset[str], str, str]:
    """(the characters a branch's first character matches ignoring case, a look-behind at that
    character, a pattern matching what the branch matches after it once it is consumed); for a
    branch opening with a group, no look-behind: the rest holds one for each of its branches."""
    behind = _ONE_BEHIND.match(branch)
    if behind:  # "(?<!-)ban": the character before the first letter, looked at from after it
        branch = branch[behind.end() :]
    lead = f"(?<!{behind.group(1)}.)" if behind else ""
    if branch.startswith("(?:"):
        close = _group_close(branch)
        inner, tail = branch[3:close], branch[close + 1 :]
        optional = tail[:1] == "?" and tail[1:2] not in ("?", "+")
        if optional:
            tail = tail[1:]
        if tail[:1] in ("?", "*", "+", "{"):
            raise ValueError(f"a repeated group opens a branch: {branch!r}")
        subs = [_after_first_letter(b) for b in _top_level_branches(inner)]
        if optional:  # "(?:a )?b": "a b" tried before "b"
            subs = [(forms, guard, rest + (f"(?i:{tail})" if tail else "")) for forms, guard, rest in subs]
            subs.append(_after_first_letter(tail))
            tail = ""
        forms = frozenset(c for f, _, _ in subs for c in f)
        reorder = _CAPTURING.search(inner) is None
        return forms, "", lead + _dispatch(subs, reorder) + (f"(?i:{tail})" if tail else "")
    if branch[:1] == "[":
        close = branch.index("]", 2)
        first, rest = branch[: close + 1], branch[close + 1 :]
        letters = first[1:-1]
    else:
        first = letters = branch[:1]
        rest = branch[1:]
    if not letters.isalpha() or rest[:1] in ("?", "*", "+", "{"):
        raise ValueError(f"a branch that opens with no single letter: {branch!r}")
    forms = frozenset(f for c in letters for f in _case_forms(c))
    # a class of the letters' forms where all are Latin-1 (it compiles three times faster), else
    # the letter ignoring case (a class with a character past Latin-1 compiles to a table of all)
    guard = f"[{''.join(sorted(forms))}]" if max(forms) < "\u0100" else f"(?i:{first})"
    return forms, f"(?<={guard})", lead + (f"(?i:{rest})" if rest else "")


def _dispatch(items: list[tuple[frozenset[str], str, str]], reorder: bool) -> str:
    """The alternation of the branches' rests (see :func:`_after_first_letter`), those of one
    first letter written together after one look-behind at it: side by side in their order,
    or, where no capturing group's number would change (``reorder``) and no two letters match
    one character, all of a letter's together (only one letter's branches can match anywhere)."""
    keys = list(dict.fromkeys(forms for forms, _, _ in items))
    together = reorder and len(frozenset().union(*keys)) == sum(map(len, keys))
    groups: list[tuple[frozenset[str], str, list[str]]] = []
    for forms, guard, rest in items:
        if not guard:  # a group's branches, each after its own look-behind
            same = []
        elif together:
            same = [g for g in groups if g[0] == forms and g[1]]
        else:
            same = groups[-1:] if groups and groups[-1][0] == forms and groups[-1][1] else []
        if not same:
            groups.append((forms, guard, [rest]))
        elif rest not in same[0][2] or _CAPTURING.search(rest):  # "[Tt]he": once after T and t
            same[0][2].append(rest)
    return "(?:" + "|".join(guard + _alternatives(rests) for _, guard, rests in groups) + ")"


def _alternatives(rests: list[str]) -> str:
    """The rests as one group (one case-free group where each is one)."""
    if len(rests) == 1:
        return rests[0]
    if all(r.startswith("(?i:") and _group_close(r) == len(r) - 1 for r in rests):
        return "(?i:" + "|".join(r[4:-1] for r in rests) + ")"
    return "(?:" + "|".join(rests) + ")"


def _group_close(branch: str) -> int:
    """Where the group ``branch`` opens with closes (classes and escapes read as
    :func:`_top_level_branches` reads them)."""
    for c, i, depth in _structure(branch):
        if c == ")" and depth == 0:
            return i
    raise ValueError(f"an unclosed group: {branch!r}")


@cache
def _case_forms(letter: str) -> tuple[str, ...]:
    """The characters a letter matches ignoring case ("k": "K", "k" and the Kelvin sign)."""
    forms = {letter.lower(), letter.upper(), "\u0130", "\u0131", "\u017f", "\u212a"}
    return tuple(sorted(f for f in forms if re.fullmatch(re.escape(letter), f, re.IGNORECASE)))


def _distributed(branch: str) -> list[str]:
    """A branch opening with a group written as one branch for each of the group's ("(?:a|b)c":
    "ac", "bc"; "(?:a)?c": "ac", "c"), which a search tries in the same order; the group's
    branches distributed in turn. A group with a capturing group in what would be written twice
    is left as it is (its number would change)."""
    if not branch.startswith("(?:"):
        return [branch]
    depth, close = 0, -1
    i = 0
    while i < len(branch):
        c = branch[i]
        if c == "\\":
            i += 2
            continue
        if c == "[":
            i = branch.index("]", i + 2 if branch[i + 1 : i + 2] == "]" else i + 1)
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
            if depth == 0:
                close = i
                break
        i += 1
    inner, after = branch[3:close], branch[close + 1 :]
    if after[:1] == "?" and after[1:2] not in ("?", "+"):
        subs, rest = _top_level_branches(inner), after[1:]
        parts = [sub + rest for sub in subs] + [rest]
    elif after[:1] not in ("?", "*", "+", "{"):
        subs, rest = _top_level_branches(inner), after
        parts = [sub + rest for sub in subs]
    else:
        return [branch]
    if len(parts) > 1 and _CAPTURING.search(rest):
        return [branch]
    return [one for part in parts if part for one in _distributed(part)]


#: an opening bracket of a capturing group (not escaped, not "(?:", "(?=", ...; "(?P<name>" is one)
_CAPTURING = re.compile(r"(?<!\\)\((?!\?)|\(\?P<")


#: what :func:`_top_level_branches` and :func:`_group_close` look at: an escape, a bracket, a bar
_SYNTAX = re.compile(r"\\(?s:.)?|[\[\]()|]")


def _structure(body: str) -> Iterator[tuple[str, int, int]]:
    """The group and bar characters of ``body`` outside classes and escapes, each with its
    place and the depth of groups after it (the syntax characters only, not a loop over every one)."""
    depth, in_class, literal_close = 0, False, -1
    for m in _SYNTAX.finditer(body):
        c, i = m.group(), m.start()
        if c[0] == "\\":
            continue
        if in_class:
            in_class = c != "]" or i == literal_close
        elif c == "[":
            in_class = True
            literal_close = i + 1  # "[]...]": a bracket right after the opening one is a character
        elif c in "()|":
            depth += {"(": 1, ")": -1, "|": 0}[c]
            yield c, i, depth


def _top_level_branches(body: str) -> list[str]:
    """``body`` split at the bars outside groups and classes."""
    parts, start = [], 0
    for c, i, depth in _structure(body):
        if c == "|" and depth == 0:
            parts.append(body[start:i])
            start = i + 1
    parts.append(body[start:])
    return parts


def _trie_regex(node: dict, space: str = "") -> str:
    alts = [
        (space if space and c == " " else re.escape(c)) + _trie_regex(child, space)
        for c, child in sorted(node.items())
        if c
    ]
    if not alts:
        return ""
    if "" in node:  # a word ends here: try the longer words first, then stop
        return "(?:" + "|".join(alts) + ")?"
    return alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"


def _case_twins(node: dict) -> bool:
    """Some node has two children that one character matches when case is ignored."""
    seen: set[str] = set()
    for c in node:
        if not c:
            continue
        forms = {c, c.lower(), c.upper(), c.casefold()}
        if forms & seen:
            return True
        seen |= forms
    return any(_case_twins(child) for child in node.values())


# --- countries --------------------------------------------------------------------------


@dataclass(frozen=True)
class Country:
    iso2: str
    iso3: str
    name: str

    @property
    def id(self) -> str:
        return f"country:{self.iso2.lower()}"


@dataclass
class CountryGazetteer:
    countries: dict[str, Country]
    #: surface form -> (iso2, kind) with kind one of name, demonym, city
    surfaces: dict[str, tuple[str, str]]
    pattern: re.Pattern
    words: frozenset[str] = field(default_factory=frozenset)
    #: iso2 -> the word official English names put before a national body's name: the first
    #: demonym, or the override of ``countries.json`` ("United States", not "American")
    attributives: dict[str, str] = field(default_factory=dict)
    #: the city forms that are a seat of their national government and so may stand for it
    #: ("Washington said"); other cities and territories only locate things in their country
    seats: frozenset[str] = field(default_factory=frozenset)

    def lookup(self, surface: str) -> tuple[str, str] | None:
        return self.surfaces.get(surface)


@lru_cache(maxsize=1)
def countries() -> CountryGazetteer:
    """All ISO 3166 countries with names, aliases, demonyms and cities."""
    import pycountry

    ref = load_reference("countries.json")
    table: dict[str, Country] = {}
    surfaces: dict[str, tuple[str, str]] = {}
    for c in pycountry.countries:
        name = ref["names"].get(c.alpha_2) or getattr(c, "common_name", None) or c.name
        table[c.alpha_2] = Country(c.alpha_2, c.alpha_3, name)
        forms = {name, getattr(c, "official_name", None) or name}
        if "," not in c.name and "(" not in c.name:
            forms.add(c.name)
        for form in forms:
            surfaces.setdefault(form, (c.alpha_2, "name"))
    for iso2, forms in ref["aliases"].items():
        for form in forms:
            surfaces[form] = (iso2, "name")
    for iso2, forms in ref["demonyms"].items():
        for form in forms:
            surfaces.setdefault(form, (iso2, "demonym"))
    for iso2, forms in ref["cities"].items():
        for form in forms:
            surfaces.setdefault(form, (iso2, "city"))
    for iso2, forms in ref.get("combining", {}).items():
        for form in forms:  # "Anglo-", "Sino-": a country only as the first part of a compound
            surfaces.setdefault(form, (iso2, "combining"))
    # a territory's name places things in the state it belongs to, as a city's does
    territories = {k: v for k, v in ref["territories"].items() if not k.startswith("_")}
    surfaces = {
        form: (territories[iso2], "city") if iso2 in territories and kind == "name" else (iso2, kind)
        for form, (iso2, kind) in surfaces.items()
    }
    # the leading "the" of "the Netherlands" / "the States" is matched by the context
    surfaces = {k[4:] if k.startswith("the ") else k: v for k, v in surfaces.items()}
    # the lookahead lets the engine skip lowercase positions before trying ~900 alternatives
    # each branch opens with its capital: the engine skips to those before trying ~900 alternatives
    pattern = re.compile(leading_alternation(surfaces, r"[\w.]", "[A-ZÀ-Þ]") + r"(?![\w])")
    words = frozenset(w for s in surfaces for w in re.findall(r"[A-Za-z]+", s))
    attributives = {iso2: forms[0] for iso2, forms in ref["demonyms"].items() if forms}
    attributives.update({k: v for k, v in ref["attributive"].items() if not k.startswith("_")})
    not_seats = {form for forms in ref["not_seats"].values() for form in forms}
    seats = frozenset(form for forms in ref["cities"].values() for form in forms if form not in not_seats)
    return CountryGazetteer(table, surfaces, pattern, words, attributives, seats)


# --- minerals ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Mineral:
    name: str
    symbol: str | None
    group: str | None
    ambiguous: bool
    of: tuple[str, ...] = ()  # an ore's or an intermediate's own minerals ("spodumene": lithium)

    @property
    def id(self) -> str:
        return f"mineral:{slug(self.name)}"


#: a text of ASCII and punctuation with no case (curly quotes, dashes, a no-break space, an ellipsis):
#: its lower case (``str.lower``) has the same length, and a pattern of ASCII words matched ignoring
#: case matches in it what the pattern matching case matches in its lower case (ignoring case folds
#: only non-ASCII letters such as the Kelvin sign or a dotless i onto ASCII ones)
CASELESS_PUNCTUATED = re.compile(r"[\x00-\x7f\u00a0\u2013\u2014\u2018\u2019\u201c\u201d\u2026]*")


@dataclass
class MineralGazetteer:
    minerals: dict[str, Mineral]
    surfaces: dict[str, str]  # lowercased surface (or exact acronym) -> canonical name
    pattern: re.Pattern
    acronym_pattern: re.Pattern
    chemical_suffix: re.Pattern
    context: frozenset[str]
    #: product word after an element ("carbonate", "ore"): group 1 is the word
    product_after: re.Pattern | None = None
    #: the acronyms anywhere (a cheap scan before ``acronym_pattern``)
    acronym_cue: re.Pattern = re.compile(r"(?!)")
    #: ``pattern`` matching case, for a text in lower case with a space put before it (see
    #: :meth:`spans`): the character before a word, which ``pattern`` looks behind at, is matched
    #: and the word is group 1
    lower_pattern: re.Pattern | None = None

    def spans(self, text: str) -> list[tuple[int, int]]:
        """(start, end) of each match of ``pattern`` in ``text``. A text of ASCII and uncased
        punctuation (most sentences) is matched in lower case by ``lower_pattern``: the same
        matches (ignoring case folds nothing else to an ASCII letter), at under half the cost
        of matching ignoring case. The search there skips in C to the characters a word may follow
        (a space, punctuation) instead of entering the pattern at every character to look behind:
        a third fewer instructions."""
        if self.lower_pattern is not None and CASELESS_PUNCTUATED.fullmatch(text):
            return [(m.start(1) - 1, m.end(1) - 1) for m in self.lower_pattern.finditer(" " + text.lower())]
        return [m.span() for m in self.pattern.finditer(text)]

    def lookup(self, surface: str) -> Mineral | None:
        name = self.surfaces.get(surface) or self.surfaces.get(surface.lower())
        return self.minerals.get(name) if name else None


#: a word character ending a mineral's name (see :func:`minerals`)
_WORD_END = re.compile(r"\w$")


@lru_cache(maxsize=1)
def minerals() -> MineralGazetteer:
    ref = load_reference("minerals.json")
    table: dict[str, Mineral] = {}
    surfaces: dict[str, str] = {}
    acronyms: dict[str, str] = {}
    for m in ref["minerals"]:
        table[m["name"]] = Mineral(m["name"], m.get("symbol"), m.get("group"), bool(m.get("ambiguous")),
                                   tuple(m.get("of", ())))
        for form in [m["name"], *m.get("aliases", [])]:
            if form.isupper() or form[:-1].isupper():
                acronyms[form] = m["name"]
            else:
                surfaces[form.lower()] = m["name"]
                # plurals of element names ("rare earths" is listed; "nickels" is not English)
    initials = "".join(sorted({c for s in surfaces for c in (s[0].lower(), s[0].upper())}))
    words = alternation(surfaces, ignorecase=True)
    source = r"(?<![\w-])(?=[" + re.escape(initials) + r"])(?:" + words + r")(?![\w])"
    pattern = re.compile(source, re.IGNORECASE)
    # the same matches as ``source`` on the lowercased text as group 1, the character before each
    # (or the space put first) matched: as every word ends with a word character, no match starts
    # where the one before ended, so the character before is never one a match took
    lower = re.compile(r"[^\w-]((?:" + words + r")(?![\w]))") if all(_WORD_END.search(s) for s in surfaces) else None
    acronym_pattern = re.compile(r"(?<![\w-])(?:" + alternation(acronyms) + r")(?![\w])")
    chemical = re.compile(r"\s+(?:" + alternation(ref["chemical_suffixes"], ignorecase=True) + r")\b", re.IGNORECASE)
    # "lithium carbonate", "nickel ore": a product of an element, a commodity of its own
    products = ref.get("products", [])
    product = re.compile(r"\s+(" + alternation(products) + r")s?\b(?![-\w])") if products else None
    for m in list(table.values()):
        if m.symbol and not m.group:
            for word in products:
                name = f"{m.name} {'sulfate' if word == 'sulphate' else word}"
                table.setdefault(name, Mineral(name, None, None, False))
    return MineralGazetteer(
        table,
        {**surfaces, **acronyms},
        pattern,
        acronym_pattern,
        chemical,
        frozenset(ref["context_words"]),
        product,
        re.compile(alternation(acronyms)),
        lower,
    )


@lru_cache(maxsize=1)
def _families() -> dict[str, frozenset[str]]:
    table = minerals().minerals
    by_id = {m.id: m for m in table.values()}

    def of(m: Mineral) -> frozenset[str]:
        if m.group:  # "neodymium", "rare earths": the rare earth elements
            return frozenset({slug(m.group)})
        if m.of:  # "spodumene": lithium
            return frozenset(f for name in m.of for f in of(table[name]))
        head = next((e for e in table.values() if e.symbol and m.name.startswith(e.name + " ")), None)
        return of(head) if head is not None else frozenset({slug(m.name)})  # "lithium hydroxide": lithium

    return {mineral_id: of(m) for mineral_id, m in by_id.items()}


def mineral_families(mineral_id: str) -> frozenset[str]:
    """The families a mineral belongs to, as slugs: an element's own, an element group's
    ("neodymium" and "rare earths" are both "rare-earth-elements"), an ore's or a product's
    element ("spodumene" and "lithium hydroxide" are "lithium"; "mixed hydroxide precipitate" is
    nickel and cobalt). Two mentions of minerals are of one family when these meet."""
    found = _families().get(mineral_id)
    if found is not None:
        return found
    base = mineral_id.split(":", 1)[-1]
    return _families().get(f"mineral:{base.split('-')[0]}", frozenset({base}))


# --- vocabulary -------------------------------------------------------------------------


@dataclass
class Vocabulary:
    agency_heads: dict[str, str]
    complement_heads: frozenset[str]
    company_strong: frozenset[str]
    company_weak: frozenset[str]
    company_cues: frozenset[str]
    company_list_cues: frozenset[str]
    agency_cues: frozenset[str]
    government_kinds: frozenset[str]
    short_forms: dict[str, str]
    bodies: list[dict]
    metonyms: dict[str, str]
    agreement_kinds: dict[str, str]
    agreement_name_heads: dict[str, str]
    agreement_lower_heads: frozenset[str]
    agreement_appositive: frozenset[str]
    event_heads: dict[str, str]
    event_lower_heads: frozenset[str]
    event_anaphors: dict[str, str]
    event_context_anaphors: tuple[str, ...]
    titles: frozenset[str]
    title_words_lower: frozenset[str]
    person_stopwords: frozenset[str]
    group_event_heads: tuple[str, ...] = ()
    group_event_modifiers: tuple[str, ...] = ()
    portfolio_words: frozenset[str] = frozenset()
    agency_field_words: frozenset[str] = frozenset()
    export_finance_tails: frozenset[str] = frozenset()
    corporate_organs: frozenset[str] = frozenset()
    company_prefix_forms: frozenset[str] = frozenset()
    agency_prefix_forms: frozenset[str] = frozenset()
    body_group_words: frozenset[str] = frozenset()


@lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    orgs = load_reference("organisations.json")
    kw = load_reference("keywords.json")
    return Vocabulary(
        agency_heads=orgs["agency_heads"],
        complement_heads=frozenset(orgs["complement_heads"]),
        company_strong=frozenset(orgs["company_heads_strong"]),
        company_weak=frozenset(orgs["company_heads_weak"]),
        company_cues=frozenset(orgs["company_cues"]),
        company_list_cues=frozenset(orgs["company_list_cues"]),
        agency_cues=frozenset(orgs["agency_cues"]),
        government_kinds=frozenset(orgs["government_body_kinds"]),
        short_forms={k: v for k, v in orgs["short_forms"].items() if not k.startswith("_")},
        bodies=orgs["intergovernmental"],
        metonyms={k: v for k, v in orgs.get("metonyms", {}).items() if not k.startswith("_")},
        agreement_kinds=kw["agreement_kinds"],
        agreement_name_heads=kw["agreement_name_heads"],
        agreement_lower_heads=frozenset(kw["agreement_lower_heads"]),
        agreement_appositive=frozenset(kw["agreement_appositive_cues"]),
        event_heads=kw["event_heads"],
        event_lower_heads=frozenset(kw["event_lower_heads"]),
        event_anaphors=kw["event_anaphors"],
        event_context_anaphors=tuple(kw["event_context_anaphors"]),
        titles=frozenset(kw["titles"]),
        title_words_lower=frozenset(kw["title_words_lower"]),
        person_stopwords=frozenset(kw["person_stopwords"]),
        group_event_heads=tuple(kw["group_event_heads"]["heads"]),
        group_event_modifiers=tuple(kw["group_event_heads"]["modifiers"]),
        portfolio_words=frozenset(kw["portfolio_words"]),
        agency_field_words=frozenset(orgs.get("agency_field_words", [])),
        export_finance_tails=frozenset(orgs.get("export_finance_tails", [])),
        corporate_organs=frozenset(orgs.get("corporate_organs", [])),
        company_prefix_forms=frozenset(orgs.get("company_prefix_forms", [])),
        agency_prefix_forms=frozenset(orgs.get("agency_prefix_forms", [])),
        body_group_words=frozenset(orgs.get("body_group_words", [])),
    )


# --- first-level subdivisions -----------------------------------------------------------


@dataclass(frozen=True)
class PlaceWords:
    """Words of places and mineral assets (``places.json``)."""

    #: pycountry subdivision types that are regions a reader names ("Salta province", "Ontario")
    subdivision_types: frozenset[str]
    #: the word after a region's name that makes it a region ("Salta province")
    subdivision_words: tuple[str, ...]
    #: compass and landscape words: a subdivision named by these alone is not matched
    generic_words: frozenset[str]
    #: landforms and water bodies after a name ("the Atacama salt flat")
    feature_words: tuple[str, ...]
    #: mineral assets after a name ("the Acme Lithium project")
    asset_words: tuple[str, ...]


@lru_cache(maxsize=1)
def place_words() -> PlaceWords:
    ref = load_reference("places.json")
    return PlaceWords(
        frozenset(ref["subdivision_types"]),
        tuple(ref["subdivision_words"]),
        frozenset(ref["generic_place_words"]),
        tuple(ref["feature_words"]),
        tuple(ref["asset_words"]),
    )


@dataclass
class SubdivisionGazetteer:
    surfaces: dict[str, str]  # name -> iso2 of its country
    pattern: re.Pattern


@lru_cache(maxsize=1)
def subdivisions() -> SubdivisionGazetteer:
    """First-level administrative regions of every country (ISO 3166-2 via pycountry), keeping
    names that are unambiguous: one country only, not a country's own name or city, not
    made of compass and landscape words alone."""
    import pycountry

    gaz = countries()
    words_ref = place_words()
    owners: dict[str, set[str]] = {}
    for sub in pycountry.subdivisions:
        if sub.parent_code is not None or sub.type not in words_ref.subdivision_types:
            continue
        name = re.sub(r"\s*\[.*?\]|\s*\(.*?\)", "", sub.name).strip()
        forms = {name}
        ascii_form = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
        if ascii_form and len(ascii_form) == len(name):
            forms.add(ascii_form)
        for form in forms:
            owners.setdefault(form, set()).add(sub.country_code)
    surfaces: dict[str, str] = {}
    for form, isos in owners.items():
        words = re.findall(r"[\w-]+", form.lower())
        if (
            len(isos) != 1
            or len(form) < 4
            or not form[:1].isupper()
            or form in gaz.surfaces
            or all(w in words_ref.generic_words for w in words)
            or not re.fullmatch(r"[\w'’ -]+", form)
        ):
            continue
        surfaces[form] = next(iter(isos))
    pattern = re.compile(leading_alternation(surfaces, r"[\w-]", "[A-ZÀ-Þ]") + r"(?![\w])")
    return SubdivisionGazetteer(surfaces, pattern)


# --- known organisations ----------------------------------------------------------------


@dataclass(frozen=True)
class KnownOrg:
    """An organisation from the general reference list (``companies.json``)."""

    name: str
    label: str  # "Company" or "Agency"
    state_owned: bool
    country: str | None


#: words of an organisation's name as the mention tokenizer splits them ("Mitsui & Co." -> mitsui, &, co)
_ORG_WORD = re.compile(r"[^\W_][\w&]*(?:[’'\-.][\w&]+)*|&")


def org_words_key(words) -> str:
    """Lookup key of a name from its words: casefolded, a final dot dropped, punctuation other
    than "&" left out ("Rio Tinto plc" -> "rio tinto plc")."""
    return " ".join(w.casefold().rstrip(".") for w in words if w[:1].isalnum() or w == "&")


def _strip_accents(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


_ANY_SPACE = re.compile(r"\s")


@dataclass
class KnownOrgGazetteer:
    #: one-word forms, case-sensitive ("BHP", "Glencore")
    words: dict[str, KnownOrg]
    #: forms of several words by :func:`org_words_key`, with and without accents
    phrases: dict[str, KnownOrg]
    #: casefolded first word of every phrase (a cheap filter before trying n-grams)
    first_words: frozenset[str]
    max_tokens: int

    def lookup(self, surface: str) -> KnownOrg | None:
        surface = surface.strip()
        if _ANY_SPACE.search(surface):
            return self.phrases.get(org_words_key(_ORG_WORD.findall(surface)))
        return self.words.get(surface)

    def lookup_words(self, words: list[str]) -> KnownOrg | None:
        key = org_words_key(words)
        hit = self.phrases.get(key)
        if hit is None and not key.isascii():
            hit = self.phrases.get(_strip_accents(key))
        return hit


@lru_cache(maxsize=1)
def known_organisations() -> KnownOrgGazetteer:
    """Larger companies, exchanges and public lenders named bare in the news ("Glencore",
    "the London Metal Exchange"), each with its label; looked up by dict, not by regex."""
    ref = load_reference("companies.json")
    words: dict[str, KnownOrg] = {}
    phrases: dict[str, KnownOrg] = {}
    max_tokens = 1
    for entry in ref["entries"]:
        both = entry["label"] == "both"
        org = KnownOrg(entry["name"], "Company" if both else entry["label"], both, entry.get("country"))
        for form in [entry["name"], *entry.get("aliases", [])]:
            form = re.sub(r"^(?:The|La|Le|El)\s+", "", form)  # the article before a name is not matched
            if re.search(r"\s", form):
                parts = _ORG_WORD.findall(form)
                for key in {org_words_key(parts), _strip_accents(org_words_key(parts))}:
                    phrases.setdefault(key, org)
                max_tokens = max(max_tokens, len(re.findall(r"\w+|[^\w\s]", form)))
            else:
                words.setdefault(form, org)
    first = frozenset(k.split()[0] for k in phrases)
    return KnownOrgGazetteer(words, phrases, first, max_tokens + 2)
