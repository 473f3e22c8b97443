"""Per-document entity registry: mentions of the same thing become one entity.

An article names an organisation several ways ("the United States Department of State",
"the State Department", "the U.S. State Department"), defines acronyms, and refers to a
person by surname after the first mention.  :class:`EntityRegistry` folds those surface
forms into one :class:`Entity` with a canonical name and a stable id.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from rapidfuzz import fuzz

from minegraph.loaders.gazetteer import countries, norm_key, slug, vocabulary

_CORP = re.compile(r"\bCorp\b\.?")


@dataclass
class Entity:
    key: str
    label: str
    name: str
    aliases: set[str] = field(default_factory=set)
    props: dict = field(default_factory=dict)
    #: iso2 of countries written inside the name ("Korea Institute of ...")
    name_countries: list[str] = field(default_factory=list)
    first: int = 10**9  # first sentence index
    count: int = 0
    #: named from what the text says of it ("Ruritania–Freedonia MOU (2024)"): its key is its id
    described: bool = False

    def forms(self) -> set[str]:
        return {self.name, *self.aliases}


#: "the Foreign Ministry": a short form before a ministry's head (patterns below are compiled once:
#: these run for every organisation named)
_SHORT_MINISTRY = re.compile(r"(?:the\s+)?([A-Z][\w-]*(?:\s+[A-Z][\w-]*)?)\s+(Ministry|Department)")


def canonical_org_name(name: str) -> str:
    """Expand 'Corp.' and turn 'Foreign Ministry' into 'Ministry of Foreign Affairs'."""
    name = _CORP.sub("Corporation", name).strip()
    vocab = vocabulary()
    m = _SHORT_MINISTRY.fullmatch(name)
    if m and m.group(1) in vocab.short_forms:
        return f"{m.group(2)} of {vocab.short_forms[m.group(1)]}"
    return name


def strip_country_words(name: str) -> str:
    """'U.S. State Department' -> 'State Department'; 'Korean Foreign Ministry' -> 'Foreign Ministry'."""
    gaz = countries()
    out = name
    m = gaz.pattern.match(out)
    while m and m.end() < len(out) and out[m.end()] in " -":
        rest = out[m.end() :].lstrip(" -")
        if len(rest.split()) < 2:  # "Korea Foundation" is not just "Foundation"
            break
        out = rest
        m = gaz.pattern.match(out)
    return out


@lru_cache(maxsize=1)
def _legal_forms() -> frozenset[str]:
    """Legal-form words (ISO 20275: "Ltd", "Inc.", "Co.,", "PLC"), normalised, and the words
    for a firm's group or holding company ("Group", "Holdings"): news names "Acme Metals Group"
    and its listed "Acme Metals" interchangeably, and the annotation conventions read them as
    one firm (a one-word core is kept whole, so "Acme Group" and "Acme" stay apart).  Words
    that describe what the firm is ("Industries", "Enterprises") stay part of the name."""
    descriptive = {"enterprises", "industries", "conglomerate"}
    return frozenset(norm_key(w) for w in vocabulary().company_strong) - descriptive - {""}


def strip_legal_form(words: list[str]) -> list[str]:
    """Normalised words of a name without its trailing legal form: "acme metals co ltd" -> "acme metals"."""
    forms = _legal_forms()
    end = len(words)
    while end > 2 and words[end - 1] in forms:  # a one-word core would match too widely
        end -= 1
    return words[:end]


_OF_NAME = re.compile(r"(\w+) (?:of|for) (.+)")


@lru_cache(maxsize=65536)
def org_core(name: str) -> str:
    """Order-free key for org names: 'Department of State' == 'State Department', and
    'Acme Metals Co., Ltd.' == 'Acme Metals'."""
    name = strip_country_words(canonical_org_name(name))
    words = strip_legal_form(norm_key(name).split())
    m = _OF_NAME.fullmatch(" ".join(words))
    if m:
        return f"{m.group(1)}|{m.group(2)}"
    if len(words) >= 2:
        return f"{words[-1]}|{' '.join(words[:-1])}"
    return " ".join(words)


_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_SPACE_OR_HYPHEN = re.compile(r"[\s-]")
_MINISTRY_OF = re.compile(r"\b(?:Ministry|Department) of\b")
_OF_WORD = re.compile(r"\bof\b")


class EntityRegistry:
    """Entities of one document, keyed by a local key, with alias lookup."""

    def __init__(self) -> None:
        self.entities: dict[str, Entity] = {}
        self._by_form: dict[tuple[str, str], str] = {}
        self._by_core: dict[tuple[str, str], str] = {}
        self.acronyms: dict[str, str] = {}
        self._by_first_word: dict[str, list[str]] = {}

    # lookup ------------------------------------------------------------------------
    def find(self, label: str, surface: str) -> Entity | None:
        key = self._by_form.get((label, norm_key(surface)))
        if key is None and label in ("Agency", "Company"):
            key = self._by_core.get(("org", org_core(surface)))
        return self.entities.get(key) if key else None

    def find_acronym(self, acronym: str) -> Entity | None:
        key = self.acronyms.get(acronym)
        return self.entities.get(key) if key else None

    # registering -------------------------------------------------------------------
    def add(
        self,
        label: str,
        surface: str,
        sent: int,
        props: dict | None = None,
        name_countries: list[str] | None = None,
        acronym: str = "",
    ) -> Entity:
        """Register a mention; ``acronym`` is the short form written with it ("(ABC)"): an
        organisation the article already gave that short form is the same one."""
        surface = surface.strip()
        if label in ("Agency", "Company"):
            name = canonical_org_name(surface)
            entity = self.find("Agency", surface) or self.find("Company", surface)
            if entity is None and acronym:
                known = self.find_acronym(acronym) or self.find("Company", acronym) or self.find("Agency", acronym)
                entity = known if known is not None and known.label in ("Agency", "Company") else None
            if entity is None and " " not in surface:
                entity = self._first_word_of(surface)
            if entity is None and label == "Agency" and surface in vocabulary().agency_heads:
                entity = self._head_anaphor(surface)
                if entity is None:
                    label = "Name"  # "the Ministry" with no one ministry before it: a word, not a name
            if entity is None:
                entity = self._match_org_prefix(surface) or self._without_designators(surface)
            if entity is None and label == "Company":
                entity = self._short_form_before(surface)
        elif label == "Event":
            name = surface
            entity = self.find(label, surface) or self._match_event(surface) or self._event_by_acronym(surface)
        elif label == "Person":
            name = surface
            entity = self.find(label, surface) or self._match_person(surface)
        else:
            name = surface
            entity = self.find(label, surface)
        if entity is None:
            key = f"{label}:{slug(name)}"
            while key in self.entities:
                key += "_"
            entity = self.entities[key] = Entity(key, label, name)
        elif self._better_name(entity, name):
            entity.aliases.add(entity.name)
            entity.name = name
        if surface != entity.name:
            entity.aliases.add(surface)
        if label == "Company" and entity.label == "Agency" and (props or {}).get("kind") is None:
            pass  # an agency designator outranks a company cue seen elsewhere
        elif label == "Agency" and entity.label == "Company" and "kind" in (props or {}):
            entity.label = "Agency"
        for k, v in (props or {}).items():
            entity.props.setdefault(k, v)
        for iso in name_countries or []:
            if iso not in entity.name_countries:
                entity.name_countries.append(iso)
        entity.first = min(entity.first, sent)
        entity.count += 1
        self._index(entity)
        return entity

    def add_country(self, iso2: str, sent: int, surface: str | None = None) -> Entity | None:
        """The country ``iso2`` (keyed by its id, ``country:<iso2>``), written ``surface``."""
        country = countries().countries.get(iso2.upper())
        if country is None:
            return None
        entity = self.entities.get(country.id)
        if entity is None or surface is not None:
            entity = self.add("Country", country.name, sent)
            self.rekey(entity, country.id)
            entity.props.update({"iso2": country.iso2, "iso3": country.iso3})
        if surface is not None and surface != country.name:
            entity.aliases.add(surface)
        return entity

    def add_described(self, label: str, key: str, name: str, sent: int) -> Entity:
        """An entity the text describes without naming it, under the key built from that
        description (an agreement named after its parties); met again, the same one."""
        entity = self.entities.get(key)
        if entity is None:
            entity = self.entities[key] = Entity(key, label, name, first=sent, count=1, described=True)
        return entity

    def rekey(self, entity: Entity, new_key: str) -> None:
        """Countries and minerals use their canonical id as the local key."""
        if entity.key == new_key:
            return
        existing = self.entities.get(new_key)
        old = entity.key
        if existing is not None and existing is not entity:
            existing.count += entity.count
            existing.first = min(existing.first, entity.first)
            existing.aliases |= entity.aliases
            del self.entities[old]
            for k, v in list(self._by_form.items()):
                if v == old:
                    self._by_form[k] = new_key
            entity.key = new_key
            return
        del self.entities[old]
        entity.key = new_key
        self.entities[new_key] = entity
        for k, v in list(self._by_form.items()):
            if v == old:
                self._by_form[k] = new_key

    def add_acronym(self, entity: Entity, acronym: str) -> None:
        self.acronyms.setdefault(acronym, entity.key)
        entity.aliases.add(acronym)
        if entity.label == "Agency":
            entity.props.setdefault("acronym", acronym)
        self._index(entity)

    def add_alias(self, entity: Entity, alias: str) -> None:
        """Another form of the entity's name the text gives ("the 80th session of the Union
        Assembly" beside "the Union Assembly"): it finds the entity from then on."""
        if alias and alias != entity.name:
            entity.aliases.add(alias)
            self._index(entity)

    def starting_with(self, word: str) -> list[Entity]:
        """Entities whose name starts with the word ``word``, in the order they were added."""
        return [self.entities[k] for k in self._by_first_word.get(word, ()) if k in self.entities]

    def _index(self, entity: Entity) -> None:
        if entity.name.split():
            keys = self._by_first_word.setdefault(entity.name.split()[0], [])
            if entity.key not in keys:
                keys.append(entity.key)
        for form in entity.forms():
            self._by_form.setdefault((entity.label, norm_key(form)), entity.key)
            if entity.label in ("Agency", "Company"):
                self._by_core.setdefault(("org", org_core(form)), entity.key)

    @staticmethod
    def _better_name(entity: Entity, name: str) -> bool:
        """Prefer full forms: more words, an 'of' phrase, no possessive or country prefix."""
        if entity.label == "Person":
            # "Ruiz" (after "Ms. RUIZ") named in full later: "Ana Ruiz"
            return " " not in entity.name and name.split()[-1].casefold() == entity.name.casefold()
        old, new = entity.name, name
        if entity.label in ("Agency", "Company"):
            if _MINISTRY_OF.search(old) and not _OF_WORD.search(new):
                return False
        return len(new.split()) > len(old.split())

    def _head_anaphor(self, head: str) -> Entity | None:
        """'the Commission' after 'the European Commission': the one agency with that head."""
        cands = [e for e in self.entities.values() if e.label == "Agency" and _head_word(e.name) == head]
        return cands[0] if len(cands) == 1 else None

    def _without_designators(self, surface: str) -> Entity | None:
        """'Acme Kobalt' after 'Acme Kobalt Minerals Ltd': a short form of several words that
        leaves out only the designators at the end of the one organisation of the article
        named so (a one-word form is :meth:`_first_word_of`'s)."""
        words = surface.split()
        v = vocabulary()
        designators = v.company_strong | v.company_weak
        if len(words) < 2 or all(w in designators for w in words):
            return None
        cands = []
        for e in self.starting_with(words[0]):
            full = e.name.split()
            rest = full[len(words) :]
            if e.label in ("Agency", "Company") and full[: len(words)] == words and rest:
                if all(w.strip(",") in designators for w in rest):
                    cands.append(e)
                elif e.label == "Company" and rest[0] in ("&", "and") and _designators_only(rest[1:]):
                    cands.append(e)  # "Acme Alloys" for "Acme Alloys & Metals Ltd"
        return cands[0] if len(cands) == 1 else None

    def _short_form_before(self, surface: str) -> Entity | None:
        """'Acme Kobalt Minerals Ltd' after 'Acme Kobalt' (a headline's short form, or "Acme
        Kobalt's" before the name in full): the one firm of the article named by the full name's
        leading words, the rest of the full name ending in a firm's designator."""
        words = surface.split()
        designators = vocabulary().company_strong | vocabulary().company_weak
        if len(words) < 2 or words[-1].strip(",.") not in designators:
            return None
        cands = [
            e
            for e in self.starting_with(words[0])
            if e.label == "Company"
            and len(e.name.split()) < len(words)
            and words[: len(e.name.split())] == e.name.split()
            and not all(w in designators for w in e.name.split())
            and _designators_only([w for w in words[len(e.name.split()) :] if w not in ("&", "and")])
            and _own_firm_rest(e.name.split(), words[len(e.name.split()) :])
        ]
        return cands[0] if len(cands) == 1 else None

    def _match_org_prefix(self, surface: str) -> Entity | None:
        """'Water Survey Department' continues 'Ruritania Water Survey Department'."""
        return self.entities.get(self._by_core.get(("org", org_core(surface)), ""))

    def _match_event(self, surface: str) -> Entity | None:
        years = set(_YEAR.findall(surface))
        words = set(norm_key(_YEAR.sub(" ", surface)).split()) - {"the", "first", "inaugural"}
        head = norm_key(surface).split()[-1] if surface.split() else ""
        for entity in self.entities.values():
            if entity.label != "Event":
                continue
            for form in entity.forms():
                fyears = set(_YEAR.findall(form))
                if years and fyears and years != fyears:
                    continue
                fwords = set(norm_key(_YEAR.sub(" ", form)).split()) - {"the", "first", "inaugural"}
                if not words or not fwords:
                    continue
                if words == fwords:
                    return entity
                overlap = len(words & fwords) / max(len(words | fwords), 1)
                if overlap >= 0.6 and (head in fwords) and years and fyears:
                    return entity
                # "the APEC meeting" and "the APEC ministerial meeting": same group, same head word
                fhead = norm_key(form).split()[-1]
                first, ffirst = norm_key(surface).split()[0], norm_key(form).split()[0]
                if (
                    head == fhead
                    and first == ffirst
                    and first not in ("the", "first", "inaugural", "annual", "second")
                    and (words <= fwords or fwords <= words)
                    and len(words ^ fwords) <= 2
                ):
                    return entity
        return self._event_suffix(surface)

    def _event_suffix(self, surface: str) -> Entity | None:
        """'the Lithium Forum' (in a headline) and 'the Andean Lithium Forum' (in the body): a name of
        two words or more that ends the one event of the article named so (or is ended by it), or of
        three words or more all written in its name ('High-Level Raw Materials Dialogue' and 'A-B
        High-Level Dialogue on Critical Raw Materials')."""
        words = norm_key(surface).split()
        cands = set()
        for entity in self.entities.values():
            if entity.label != "Event":
                continue
            for form in entity.forms():
                fwords = norm_key(form).split()
                short, long = sorted((words, fwords), key=len)
                if len(long) > len(short) and (
                    (len(short) >= 2 and long[-len(short) :] == short) or (len(short) >= 3 and set(short) <= set(long))
                ):
                    cands.add(entity.key)
        return self.entities[cands.pop()] if len(cands) == 1 else None

    def _event_by_acronym(self, surface: str) -> Entity | None:
        """'the ABC talks' after 'the Acme Bilateral Conference (ABC)' (or its name alone, whose
        initials ABC are): the event that short form names, with lowercase meeting words after it;
        'the 2031 roundtable' after 'the Second Roundtable on Tin': the one event of that head."""
        words = surface.split()
        if len(words) < 2 or not all(w.islower() or YEAR_RE.fullmatch(w) for w in words[1:]):
            return None
        events = [e for e in self.entities.values() if e.label == "Event"]
        if YEAR_RE.fullmatch(words[0]) and len(words) == 2:
            same_head = [e for e in events if _head_word(e.name).casefold() == words[1]]
            return same_head[0] if len(same_head) == 1 else None
        known = self.find_acronym(words[0])
        if known is not None:
            return known if known.label == "Event" else None
        spelt = [e for e in events if _initials(e.name) == words[0]]
        return spelt[0] if len(spelt) == 1 else None

    def _first_word_of(self, word: str) -> Entity | None:
        """'Acme' after 'Acme Tinto Holdings': a one-word short form of the one organisation
        of the article whose name starts with it."""
        v = vocabulary()
        if not word[:1].isupper() or word in v.person_stopwords or word in v.titles or countries().lookup(word):
            return None
        cands = [e for e in self.starting_with(word) if e.label in ("Agency", "Company") and " " in e.name]
        if len(cands) != 1:
            return None
        heads = set(v.agency_heads) | v.company_strong | v.company_weak  # only when there is a name to test
        # "Acme Energy Co." may be a unit of a firm called "Acme": only a name whose other words are
        # not designators ("Acme Tinto") is shortened to its first word
        rest = [w.strip(",.") for w in cands[0].name.split()[1:]]
        return cands[0] if any(w and w not in heads for w in rest) else None

    def _match_person(self, surface: str) -> Entity | None:
        parts = surface.split()
        tail = [p.casefold() for p in parts]
        for entity in self.entities.values():
            if entity.label != "Person":
                continue
            other = entity.name.split()
            # "Lello Ivacevich" and "Al Rumhy" after "Ana Lello Ivacevich" and "Omar bin Ali al Rumhy":
            # the family name alone, a particle's case aside
            if 1 <= len(parts) < len(other) and [o.casefold() for o in other[-len(parts) :]] == tail:
                return entity
            if len(other) == 1 < len(parts) and other[0].casefold() == tail[-1]:
                return entity  # the family name alone came first ("Mr. Ruiz ... Ana Ruiz")
            if (
                len(parts) == 2
                and len(other) >= 2
                and _INITIAL.fullmatch(parts[0])
                and other[0].startswith(parts[0][:-1])
                and other[-1].casefold() == tail[-1]
            ):
                return entity  # "A. Ruiz" after "Ana Maria Ruiz": the first name's initial and the family name
            if parts[0] != other[0] or len(parts) < 2 or len(other) < 2:
                continue
            rest_a = _SPACE_OR_HYPHEN.sub("", " ".join(parts[1:]).lower())
            rest_b = _SPACE_OR_HYPHEN.sub("", " ".join(other[1:]).lower())
            if fuzz.ratio(rest_a, rest_b) >= 75:
                return entity
        return None


def _designators_only(words: list[str]) -> bool:
    """Words that only say a name is a firm's ("Metals Ltd", "Corp"), none of its own."""
    designators = vocabulary().company_strong | vocabulary().company_weak
    return bool(words) and all(w.strip(",.") in designators for w in words)


def _own_firm_rest(short: list[str], rest: list[str]) -> bool:
    """The words a full firm name adds to its short form name the same firm: not a country
    ("Acme Namibia (Pty) Ltd" is Acme's subsidiary there) and, after a one-word short form, not
    only a group's word ("Acme Holdings" is Acme's parent, as the legal forms' note reads it)."""
    if any(countries().lookup(w.strip("(),.")) for w in rest):
        return False
    group = {"Group", "Holdings", "Holding"}
    return not (len(short) == 1 and any(w.strip(",.") in group for w in rest))


YEAR_RE = re.compile(r"(?:19|20)\d\d")
#: a given name's initial, or its first two letters as Mongolian and Kazakh names write it ("Ch.")
_INITIAL = re.compile(r"[A-Z][a-z]?\.")


def _initials(name: str) -> str:
    """The initials of a name's capitalised words: 'Acme Bilateral Conference on Tin' -> 'ABCT'."""
    return "".join(w[0] for w in name.split() if w[:1].isupper() and not YEAR_RE.fullmatch(w))


def _head_word(name: str) -> str:
    """The word a name is headed by: 'Ministry' in 'Ministry of Mines', 'Commission' in
    'European Commission'."""
    words = name.split()
    for i, w in enumerate(words[1:], 1):
        if w in ("of", "for", "on"):
            return words[i - 1]
    return words[-1] if words else ""


#: country names written with "the" in running text ("the Philippines", "the United States"); the
#: EU Interinstitutional Style Guide's list of country names follows the same rule
_WITH_ARTICLE = re.compile(
    r"\b(?:Republic|United|Kingdom|Islands|Emirates|Federation|Union|States)\b"
    r"|^(?:Philippines|Netherlands|Bahamas|Gambia|Maldives|Comoros|Seychelles|Vatican City)$"
)


def national_names(name: str, iso2: str) -> tuple[str, str] | None:
    """A body any state has ("Ministry of Mines"), named with its state: the country's
    adjective before the name ("Ruritanian Ministry of Mines", "United States Department of
    Energy"), and the name followed by the country
    ("Ministry of Mines of Ruritania", the form official English names take)."""
    country = countries().countries.get(iso2.upper())
    if country is None:
        return None
    prefix = countries().attributives.get(country.iso2, country.name)
    article = "the " if _WITH_ARTICLE.search(country.name) else ""
    return f"{prefix} {name}", f"{name} of {article}{country.name}"


#: a national body's name that any state's body could bear: a ministry or department named by
#: its portfolio alone ("Ministry of Mines", "Foreign Ministry", "Department of Trade and Industry")
_PORTFOLIO_BODY = re.compile(
    # one way to split the words only: "(?:[\w,-]+\s*)+" could cut a word anywhere, and a
    # long name that does not match took exponential time to refuse
    r"(?:Ministry|Department)\s+(?:of|for)\s+(?!of\b)[\w,-]+(?:\s+(?!of\b)[\w,-]+)*\s*"
    r"|(?:[A-Z][\w,-]*\s+(?:and\s+)?){1,4}(?:Ministry|Department)"
)


def portfolio_name(name: str) -> bool:
    """A ministry's or department's name of its portfolio alone, without a country."""
    return _PORTFOLIO_BODY.fullmatch(name) is not None and not countries().pattern.search(name)


def is_portfolio_body(entity: Entity) -> bool:
    """A ministry or department named by its portfolio alone, its country not written in the
    name (it may come from a list's adjective: "Ruritanian ministries, including Mines")."""
    return (
        entity.label == "Agency"
        and entity.props.get("kind") in ("ministry", "department")
        and _PORTFOLIO_BODY.fullmatch(entity.name) is not None
        and not countries().pattern.search(entity.name)
    )


@lru_cache(maxsize=1)
def _generic_portfolio_name() -> re.Pattern:
    """A ministry or department of one usual portfolio (the reference list's), compiled once."""
    portfolios = "|".join(re.escape(p) for p in vocabulary().short_forms.values())
    return re.compile(rf"(?:Ministry|Department)\s+of\s+(?:{portfolios})")


def _generic_portfolio(form: str) -> bool:
    """A name every state's body bears: one usual portfolio ("Ministry of Finance", "Foreign
    Ministry"), where "Ministry of Mines and Energy" is one state's own combination."""
    capitalised = " ".join(w if w in ("of", "and", "the") else w[:1].upper() + w[1:] for w in form.split())
    canonical = canonical_org_name(capitalised)
    return _generic_portfolio_name().fullmatch(canonical) is not None


def name_with_country(entity: Entity, iso2: str) -> None:
    """Name a portfolio body with the country it belongs to. A bare name only this state's body
    bears ("Ministry of Mines and Energy") stays an alias; one every state's body bears
    ("Foreign Ministry") is written with the country ("Ruritanian Foreign Ministry", "Ruritania's
    Foreign Ministry"), as a generic name is no alias of one body."""
    names = national_names(entity.name, iso2)
    if names is None or entity.props.get("_national"):
        return
    bare = {entity.name, *(a for a in entity.aliases if not countries().pattern.search(a))}
    generic = {f for f in bare if _generic_portfolio(f)}
    adjective = names[0][: -len(entity.name)]
    owner = f"{countries().countries[iso2.upper()].name}'s "
    qualified = {q + f for f in generic for q in (adjective, owner)}
    entity.aliases = (entity.aliases - generic) | (bare - generic) | qualified | {names[0]}
    entity.props["_national"] = f"{slug(entity.name)}-{iso2.lower()}"  # its id, as before it was named so
    entity.name = names[1]
    if iso2.upper() not in entity.name_countries:
        entity.name_countries.append(iso2.upper())


def entity_id(entity: Entity, based_in: str | None) -> str:
    """Stable id: same real entity in two articles -> same id."""
    if entity.label == "Country":
        return entity.key  # already country:<iso2>
    if entity.label == "Mineral":
        return f"mineral:{slug(entity.name)}"
    if entity.props.get("_national"):
        return f"{entity.label.lower()}:{entity.props['_national']}"
    base = f"{entity.label.lower()}:{slug(entity.name)}"
    if (
        entity.label == "Agency"
        and based_in
        and not entity.name_countries
        and entity.props.get("kind") in vocabulary().government_kinds
    ):
        # "Ministry of Foreign Affairs" exists in every country: keep them apart
        return f"{base}-{based_in.lower()}"
    return base
