"""Entity resolution across articles: map a document's nodes onto nodes already known.

Extraction already gives canonical ids (ISO codes for countries, slugs of full names for
organisations), so most matches are exact.  What is left is naming variation between
articles: an acronym in one article and the full name in another, "Corp." against
"Corporation", "the State Department" against "the United States Department of State",
or a near-identical spelling.  :func:`resolve_with` rewrites the document's ids to the
known ones when they are the same real entity.

Every rule asks one question of what is known: which nodes carry a *name key*
(:func:`name_keys`: a normalised surface form, an organisation's order-free core, a
person's name without middle parts, an event's name without its year, an
organisation's first word for the near-identical spellings).  Where several nodes carry
the key they are tried in the order of their ids and the first compatible one wins, so
the answer does not depend on the order nodes became known.  Two things answer it:

* :class:`GraphNames` over a graph in memory (``eval``, :func:`resolve_against`),
  indexing the nodes the graph gains as it grows;
* :class:`BatchNames` over a store: the keys of a batch of articles looked up at once
  in the keys the store keeps on its nodes (``name_keys``, indexed), with what the
  batch's own articles add kept beside them until they are written.

Both give the same answers (``tests/test_resolution_store.py`` checks it on the
training articles, on both stores).
"""

from __future__ import annotations

import re
import weakref
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from rapidfuzz import fuzz, process

from minegraph.graph.model import Graph, Node, Relationship
from minegraph.loaders.entities import org_core, portfolio_name
from minegraph.loaders.gazetteer import countries, mineral_families, norm_key
from minegraph.loaders.measures import dated_name, parse_measure_key
from minegraph.loaders.measures.dates import Date, date_key, date_words, dates_fit, parse_date_key
from minegraph.loaders.relations.patterns import generic_agreement_name

#: labels that may name the same real thing (a state corporation is read as either)
_GROUPS = {"Agency": "org", "Company": "org", "Event": "event", "Agreement": "event", "Person": "person"}
#: the labels whose nodes carry name keys (a Measure's come from its id: its government
#: and kind)
KEYED_LABELS = (*_GROUPS, "Measure")
#: the labels whose ``date`` resolution reads: a measure's (when imposed), an unnamed agreement's (when signed)
_DATED_LABELS = ("Measure", "Agreement")
_COUNTRY_SUFFIX = re.compile(r"-([a-z]{2})$")
FUZZY_THRESHOLD = 92
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
#: the year an unnamed agreement's name ends with: "Kenya–Peru MOU (2031)"
_NAME_YEAR = re.compile(r" \(((?:19|20)\d\d)\)$")
#: a patronymic ("bin Ibrahim", "ibn Saud") or an initial ("K.") between a given name and a family name
_PATRONYMIC = re.compile(r"\b(?:(?:bin|ibn|bint|binti|ben|ould|wad)\s+\w+|(?:\w\.)+)\s+", re.IGNORECASE)


def edition_key(name: str, year: int | str | None) -> str:
    """An event's name without its year, and the year (written in it, or ``year``)."""
    written = _YEAR.search(name)
    return f"{norm_key(_YEAR.sub(' ', name))}|{written.group() if written else year}"


_SESSION = re.compile(r"([a-z]{2,}) ?(\d{1,3})(?: (?:summit|conference|meeting|session|talks))?")


def session_key(name: str) -> str:
    """A numbered session named by its code, with or without a meeting word: "COP31",
    "COP 31", "COP31 Summit" are one event."""
    m = _SESSION.fullmatch(norm_key(name))
    return f"{m.group(1)}{m.group(2)}" if m else ""


def person_core(name: str) -> str:
    """A person's name without a patronymic or initials in the middle: "Omar bin Ali Haddad" and
    "Omar Haddad", "Ana K. Ruiz" and "Ana Ruiz" are one person across articles."""
    parts = name.split()  # by spaces: a hyphenated surname is one part ("Ana Asante-Mensah")
    if len(parts) < 3:
        return norm_key(name)
    middle = " ".join(parts[1:-1]) + " "
    if _PATRONYMIC.sub("", middle).strip():
        return norm_key(name)
    return f"{norm_key(parts[0])} {norm_key(parts[-1])}"


def form_key(group: str, key: str) -> str:
    return f"form\t{group}\t{key}"


def core_key(group: str, core: str) -> str:
    return f"core\t{group}\t{core}"


def first_key(group: str, word: str) -> str:
    return f"first\t{group}\t{word}"


def edition(key: str) -> str:
    return f"edition\t{key}"


def session(key: str) -> str:
    return f"session\t{key}"


def measure_key(government_and_kind: str) -> str:
    return f"measure\t{government_and_kind}"


def name_keys(label: str, forms: Iterable[str], node_id: str = "") -> list[str]:
    """The keys a node of ``label`` with these surface forms (and, for a Measure, this
    id) is found by (none for a label resolution never matches by name), sorted."""
    if label == "Measure":
        parsed = parse_measure_key(node_id)
        return [measure_key(parsed[0])] if parsed is not None else []
    group = _GROUPS.get(label)
    if group is None:
        return []
    keys: set[str] = set()
    for name in forms:
        key = norm_key(name)
        if not key:
            continue
        keys.add(form_key(group, key))
        if group == "person":
            keys.add(core_key(group, person_core(name)))
        if label == "Event" and _YEAR.search(name):
            keys.add(edition(edition_key(name, None)))
        if label == "Event" and (numbered := session_key(name)):
            keys.add(session(numbered))
        if group == "org":
            keys.add(core_key(group, org_core(name)))
            if " " in key:
                keys.add(first_key(group, key.split()[0]))
    return sorted(keys)


def stored_keys(node_id: str, label: str, forms: list[str]) -> list[str] | None:
    """The name keys a store keeps on a node (None: its label has none): what
    :func:`minegraph.graph.ledger.write_claims` is given."""
    return name_keys(label, forms, node_id) if label in KEYED_LABELS else None


@dataclass(frozen=True)
class Known:
    """What resolution needs of a known node: its label, every surface form and (a
    measure's) ``date`` property, the date a dated statement joined to it gave; an unnamed
    agreement's signing ``date`` and ``minerals`` (what tells two of one name apart)."""

    id: str
    label: str
    forms: frozenset[str]
    date: str | None = None
    name: str = ""  # its name as the graph shows it
    year: Any = None  # an event's year
    minerals: frozenset[str] = frozenset()  # an unnamed agreement's


class Names:
    """What is known, asked by id and by name key (see the module docstring)."""

    def known(self, node_id: str) -> Known | None:  # pragma: no cover - an interface
        raise NotImplementedError

    def owners(self, key: str) -> list[Known]:  # pragma: no cover - an interface
        """Every known node carrying ``key``, in the order of their ids."""
        raise NotImplementedError

    def add(self, node_id: str, label: str, forms: Iterable[str], date: str | None = None,
            year: Any = None, minerals: Iterable[str] = ()) -> None:  # pragma: no cover - an interface
        """A resolved article's node: later articles find it under these forms (and an
        undated one by this ``date``, an event without a year by this ``year``, an agreement
        without minerals by these ``minerals``, from then on)."""
        raise NotImplementedError

    def spellings(self, group: str, first: str) -> tuple[list[str], list[str]]:
        """The normalised multi-word forms starting with the word ``first`` of the known
        nodes of ``group``, and beside each the id of its node (what :func:`_fuzzy`
        compares a name with)."""
        return _spellings(self.owners(first_key(group, first)), first)


def _spellings(owners: Iterable[Known], first: str) -> tuple[list[str], list[str]]:
    keys: list[str] = []
    ids: list[str] = []
    for other in owners:
        for other_key in _multiword(other.forms, first):
            keys.append(other_key)
            ids.append(other.id)
    return keys, ids


def _multiword(forms: Iterable[str], first: str) -> list[str]:
    """The normalised forms among ``forms`` of more than one word starting with ``first``."""
    return sorted({k for k in map(norm_key, forms) if " " in k and k.split(" ", 1)[0] == first})


# --- what a graph in memory knows -------------------------------------------------------------


@dataclass
class _Index:
    """Name keys -> node ids over a graph, extended as the graph grows: all its nodes the
    first time, then the nodes its log of created nodes adds (so each article costs its
    own size, not the graph's), and the forms resolved articles add."""

    graph: weakref.ref[Graph]
    logged: int | None = None  # how much of ``Graph.created`` is indexed
    #: key -> the id of its one node, or the set of its ids (most keys have one node)
    keys: dict[str, str | set[str]] = field(default_factory=dict)
    forms: dict[str, set[str]] = field(default_factory=dict)  # forms resolution added beside the graph's own
    #: the first date a node was indexed with (an undated measure a dated statement joined is dated from then on)
    dates: dict[str, str] = field(default_factory=dict)
    #: the first minerals an agreement was indexed with
    minerals: dict[str, frozenset[str]] = field(default_factory=dict)

    def add(self, node_id: str, label: str, names: Iterable[str], resolved: bool = True,
            date: str | None = None, minerals: Iterable[str] = ()) -> None:
        names = [n for n in names if n]
        keys = self.keys
        for key in name_keys(label, names, node_id):
            had = keys.get(key)
            if had is None:
                keys[key] = node_id
            elif isinstance(had, set):
                had.add(node_id)
            elif had != node_id:
                keys[key] = {had, node_id}
        if resolved:  # a graph node's own forms are its name and aliases already
            self.forms.setdefault(node_id, set()).update(names)
        if date and label in _DATED_LABELS:
            self.dates.setdefault(node_id, date)
        if minerals and label == "Agreement":
            self.minerals.setdefault(node_id, frozenset(minerals))

    def ids(self, key: str) -> list[str]:
        had = self.keys.get(key)
        return [] if had is None else [had] if isinstance(had, str) else sorted(had)

    def update(self, known: Graph) -> None:
        fresh: Iterable[str] = list(known.nodes) if self.logged is None else known.created[self.logged:]
        self.logged = len(known.created)
        for node_id in fresh:
            node = known.nodes.get(node_id)
            if node is not None:
                self.add(node_id, node.label, [node.name, *node.aliases], resolved=False, date=node.props.get("date"),
                         minerals=node.props.get("minerals") or ())


_CACHE: list[_Index] = []


def _index_for(known: Graph) -> _Index:
    """The index of ``known``; a weak reference (not ``id()``, which Python reuses after
    a graph is freed) tells whether the cached one belongs to this very graph."""
    if not _CACHE or _CACHE[0].graph() is not known:
        _CACHE[:] = [_Index(weakref.ref(known))]  # one corpus at a time
    index = _CACHE[0]
    index.update(known)
    return index


class GraphNames(Names):
    """What a graph in memory knows (its nodes, and the forms resolved articles add)."""

    def __init__(self, known: Graph) -> None:
        self.graph = known
        self.index = _index_for(known)

    def known(self, node_id: str) -> Known | None:
        node = self.graph.nodes.get(node_id)
        if node is None:
            return None
        forms = {node.name, *node.aliases} | self.index.forms.get(node_id, set())
        return Known(node_id, node.label, frozenset(f for f in forms if f),
                     self.index.dates.get(node_id) or node.props.get("date"), node.name, node.props.get("year"),
                     self.index.minerals.get(node_id) or frozenset(node.props.get("minerals") or ()))

    def owners(self, key: str) -> list[Known]:
        found = (self.known(node_id) for node_id in self.index.ids(key))
        return [k for k in found if k is not None]

    def add(self, node_id: str, label: str, forms: Iterable[str], date: str | None = None,
            year: Any = None, minerals: Iterable[str] = ()) -> None:
        # the graph gains the node when the article is merged: its name and year are the graph's
        self.index.add(node_id, label, forms, date=date, minerals=minerals)


# --- what a store knows, for one batch of articles --------------------------------------------

#: rows of a store's look-up: (key or id, node id, label, name, aliases, date, year, minerals)
LookupRow = tuple[str, str, str, str, list[str], str | None, Any, list[str]]
Lookup = Callable[[list[str], list[str]], tuple[list[LookupRow], list[LookupRow]]]


class BatchNames(Names):
    """What a store knows, looked up once for a batch of articles, and what the batch's
    articles add (kept here until they are written; then the store knows it)."""

    def __init__(self, ids: Iterable[str], keys: Iterable[str], lookup: Lookup,
                 forget: dict[str, tuple[str, list[str]] | None] | None = None) -> None:
        """``forget``: stored nodes to see otherwise, as if some articles' claims were
        gone (id -> their label and names then, or None: not there at all)."""
        by_id, by_key = lookup(sorted(set(ids)), sorted(set(keys)))
        forget = forget or {}
        self._nodes: dict[str, Known] = {}
        self._keys: dict[str, set[str]] = {}
        #: first key -> (forms, ids, the (form, id) pairs in them): built once per batch
        #: when first asked and extended as the batch's articles add forms (at 100,000
        #: articles "ministry" starts thousands of names; rebuilding that list for every
        #: organisation of every article made resolution the build's bottleneck)
        self._spelled: dict[str, tuple[list[str], list[str], set[tuple[str, str]]]] = {}

        def seen(node_id: str, label: str, forms: list[str]) -> tuple[str, list[str]] | None:
            return forget[node_id] if node_id in forget else (label, forms)

        for node_id, _, label, name, aliases, date, year, minerals in by_id:
            if (known := seen(node_id, label, [name, *aliases])) is not None:
                self._remember(node_id, *known, date, known[1][0] if known[1] else name, year, minerals)
        for key, node_id, label, name, aliases, date, year, minerals in by_key:
            known = seen(node_id, label, [name, *aliases])
            if known is None or (node_id in forget and key not in name_keys(known[0], known[1], node_id)):
                continue
            self._remember(node_id, *known, date, known[1][0] if known[1] else name, year, minerals)
            self._keys.setdefault(key, set()).add(node_id)

    def _remember(self, node_id: str, label: str, forms: Iterable[str], date: str | None = None,
                  name: str = "", year: Any = None, minerals: Iterable[str] | None = ()) -> None:
        had = self._nodes.get(node_id)
        forms = [f for f in forms if f]
        merged = frozenset(forms) | (had.forms if had else frozenset())
        dated = (had.date if had else None) or (date if label in _DATED_LABELS else None)
        covers = (had.minerals if had else frozenset()) or frozenset(minerals or () if label == "Agreement" else ())
        self._nodes[node_id] = Known(node_id, had.label if had else label, merged, dated or None,
                                     (had.name if had else "") or name or (forms[0] if forms else ""),
                                     had.year if had and had.year is not None else year, covers)

    def known(self, node_id: str) -> Known | None:
        return self._nodes.get(node_id)

    def owners(self, key: str) -> list[Known]:
        return [self._nodes[node_id] for node_id in sorted(self._keys.get(key, ()))]

    def add(self, node_id: str, label: str, forms: Iterable[str], date: str | None = None,
            year: Any = None, minerals: Iterable[str] = ()) -> None:
        forms = [f for f in forms if f]
        self._remember(node_id, label, forms, date, year=year, minerals=minerals)
        known = self._nodes[node_id]
        for key in name_keys(known.label, forms, node_id):
            self._keys.setdefault(key, set()).add(node_id)
            if (spelled := self._spelled.get(key)) is not None:
                keys, ids, seen = spelled
                for other_key in _multiword(known.forms, key.rsplit("\t", 1)[1]):
                    if (other_key, node_id) not in seen:
                        seen.add((other_key, node_id))
                        keys.append(other_key)
                        ids.append(node_id)

    def spellings(self, group: str, first: str) -> tuple[list[str], list[str]]:
        key = first_key(group, first)
        if (spelled := self._spelled.get(key)) is None:
            keys, ids = _spellings(self.owners(key), first)
            spelled = self._spelled[key] = (keys, ids, set(zip(keys, ids, strict=True)))
        return spelled[0], spelled[1]


def batch_keys(graphs: Iterable[Graph]) -> tuple[set[str], set[str]]:
    """The ids and name keys resolving these articles' graphs may ask a store about."""
    ids: set[str] = set()
    keys: set[str] = set()
    for graph in graphs:
        for node in graph.nodes.values():
            ids.add(node.id)
            if node.label == "Agreement":
                ids.update(_own_ids(node))
            if node.label not in KEYED_LABELS:
                continue
            keys.update(name_keys(node.label, [node.name, *node.aliases], node.id))
            if node.label == "Event" and not _YEAR.search(node.name) and node.props.get("year"):
                keys.add(edition(edition_key(node.name, node.props["year"])))
    return ids, keys


# --- the rules ---------------------------------------------------------------------------------


def _compatible(doc_id: str, other: Known, doc_node: Node) -> bool:
    """Never merge bodies of different countries ("Ministry of Foreign Affairs" of two states)."""
    a, b = _COUNTRY_SUFFIX.search(doc_id), _COUNTRY_SUFFIX.search(other.id)
    if a and b and a.group(1) != b.group(1):
        return False
    if _GROUPS.get(other.label) != _GROUPS.get(doc_node.label):
        return False
    if _GROUPS.get(doc_node.label) == "org":
        # "Ruritanian Ministry of Mines" and "Freedonia's Ministry of Mines", "Ruritania Investment
        # Authority" and "Freedonia Investment Authority": the countries their names carry tell them
        # apart even when neither id does
        mine, theirs = _named_countries([doc_node.name, *doc_node.aliases]), _named_countries(other.forms)
        if mine and theirs and not mine & theirs:
            return False
        # a ministry named with its country does not join a known "Ministry of Mines" whose article
        # left its country open: that one may be another state's (and removing its article would
        # leave the country's ministry under the open one's id)
        if doc_node.label == other.label == "Agency" and (mine or a) and not (theirs or b):
            if portfolio_name(other.name):
                return False
    return True


def _named_countries(forms: Iterable[str]) -> set[str]:
    """ISO codes of the countries written in a node's names."""
    gaz = countries()
    return {gaz.surfaces[m.group()][0] for form in forms for m in gaz.pattern.finditer(form)}


def _first_compatible(node: Node, candidates: Iterable[Known]) -> str | None:
    for other in candidates:
        if _compatible(node.id, other, node):
            return other.id
    return None


def _match_measure(node: Node, names: Names) -> str | None:
    """A known measure of the same government and kind whose minerals overlap and whose
    date fits (the one sharing most minerals, then the same date, then the latest, then the
    first id): "export controls on gallium" is the measure known as "export controls on
    gallium and germanium", but "controls on rare earths in October" is not the one known
    as imposed in April: it keeps an id of its own, dated (see :func:`measure_key`)."""
    parsed = parse_measure_key(node.id)
    if parsed is None:
        return None
    date = parse_date_key(node.props.get("date", "")) or parsed.date
    known: dict[str, tuple[frozenset[str], Date | None]] = {}
    for other in names.owners(measure_key(parsed.group)):
        theirs = parse_measure_key(other.id)
        if theirs is not None:
            known[other.id] = (theirs.families, theirs.date or parse_date_key(other.date or ""))
    if parsed.unnamed:  # "restrictions on some metals": the government's measure of that kind known, if any
        named = [(dated == date and date is not None, _order(dated), -order, known_id)
                 for order, (known_id, (families, dated)) in enumerate(known.items())
                 if known_id != node.id and families and dates_fit(date, dated)]
        return max(named)[-1] if named else None
    if node.id in known and dates_fit(date, known[node.id][1]):
        return None  # the very measure
    overlaps = [(len(families & parsed.families), dated == date and date is not None, _order(dated), -order,
                 known_id)
                for order, (known_id, (families, dated)) in enumerate(known.items()) if dates_fit(date, dated)]
    best = max(overlaps, default=None)
    if best is not None and best[0] > 0:
        return best[-1]
    if node.id in known:  # a measure of the same id known with another date: this one is another
        return _dated_id(node.id, date)
    return None


def _dated_id(node_id: str, date: Date | None) -> str:
    dated = date_key(date)
    return f"{node_id}:{dated}" if dated and parse_measure_key(node_id + ":" + dated) is not None else node_id


def _order(date: Date | None) -> tuple[int, int]:
    """Later dates first; an undated measure last."""
    return (date[0] or 0, date[1] or 0) if date else (-1, -1)


def _differ(a: Date | None, b: Date | None) -> bool:
    """Two signing dates that cannot be one: a different year or month where both have one."""
    if a is None or b is None:
        return False
    return (a[0] is not None and b[0] is not None and a[0] != b[0]) or (
        a[1] is not None and b[1] is not None and a[1] != b[1])


def _families(minerals: Iterable[str]) -> frozenset[str]:
    """The mineral families an agreement covers ("neodymium" and "rare earths" are one, "spodumene"
    and "lithium hydroxide" are lithium: :func:`minegraph.loaders.gazetteer.mineral_families`)."""
    return frozenset(f for m in minerals for f in mineral_families(m))


def _own_ids(node: Node) -> list[str]:
    """The ids an unnamed agreement takes when it is told apart from another of its id: its signing
    month's, then its minerals' (a function of its own facts, whichever article came first)."""
    own = []
    if (date := date_key(parse_date_key(node.props.get("date", "")))):
        own.append(f"{node.id}:{date}")
    if (families := _families(node.props.get("minerals") or ())):
        own.append(f"{node.id}:{'+'.join(sorted(families))}")
    return own


def _other_instrument(node: Node, known: Known) -> str | None:
    """An unnamed agreement ("an MOU between A and B (2031)") whose id a known one has, but which
    the two articles tell as another instrument: signed in another month, or on minerals none of
    which the known one covers. It keeps an id of its own, with its date (else its mineral
    families) after the shared one, as a measure of another date does (:func:`_dated_id`); a
    follow-up report that states nothing to the contrary (no date, or the same; minerals in
    common) is the known one. Only a contradiction splits: the article's own date is never a
    signing date.

    Which copy has which id: the instrument first stored under the shared id keeps it; every other
    one takes the id of its own facts (:func:`_own_ids`), so two told apart never swap ids when
    their articles are read again, in any order, and one keeps its id after the articles of the
    first are removed (:func:`match` asks for it before the shared one). A store built afresh
    gives the shared id to the instrument of the article it reads first."""
    date = parse_date_key(node.props.get("date", ""))
    own = _own_ids(node)
    if _differ(date, parse_date_key(known.date or "")):
        return own[0]
    mine = _families(node.props.get("minerals") or ())
    theirs = _families(known.minerals)
    if mine and theirs and not mine & theirs:
        return own[-1]
    return None


def _instrument_name(name: str, node_id: str, new_id: str) -> str:
    """The name of an agreement told apart by :func:`_other_instrument`: "A–B MOU (March 2031)",
    "A–B MOU (2031, cobalt)"."""
    told = new_id[len(node_id) + 1:]
    date = parse_date_key(told)
    words = date_words(date) if date is not None else told.replace("+", ", ").replace("-", " ")
    year = _NAME_YEAR.search(name)
    if year is None:
        return f"{name} ({words})"
    if date is not None and date[0] is not None:
        return f"{name[:year.start()]} ({words})"
    return f"{name[:year.start()]} ({year.group(1)}, {words})"


def _other_edition(node: Node, names: Names) -> str | None:
    """'the Lithium Forum' of an article of 2031 is not the 'Lithium Forum' another article held in
    2029, though their names (and so their ids) are the same: the id of this year's edition."""
    year = node.props.get("year")
    if node.label != "Event" or not year or _YEAR.search(node.name):
        return None
    other = names.known(node.id)
    if other is None or other.year in (None, year):
        return None
    return f"{node.id}-{year}"


def match(node: Node, names: Names) -> str | None:
    """The id of the known node that ``node`` (of one article) is, if any."""
    if (other_edition := _other_edition(node, names)) is not None:
        return other_edition
    if node.label == "Measure":
        return _match_measure(node, names)
    if node.label == "Agreement":
        # an unnamed agreement already told apart from another of its id by these facts is that one,
        # whether or not the one first known under the id is still stored (its articles removed)
        for own in _own_ids(node):
            if names.known(own) is not None:
                return own
        if (same_id := names.known(node.id)) is not None:
            return _other_instrument(node, same_id)
    if names.known(node.id) is not None or node.label in ("Country", "Mineral"):
        return None
    group = _GROUPS.get(node.label)
    if group is None:
        return None
    forms = [node.name, *node.aliases]
    # a generic agreement name ("Critical Minerals Strategy") is every government's: only the id
    # (its owner's, when the article wrote one) joins it to another article's
    named = [f for f in forms if not generic_agreement_name(f, node.aliases)] if node.label == "Agreement" else forms
    if node.label == "Event":
        # "third ministerial meeting", the words an article calls its body's meeting by, names no
        # meeting of its own: another article's "third ministerial meeting" is another body's
        named = [f for f in named if any(c.isupper() for c in f)]
    for name in named:
        key = norm_key(name)
        if key and (hit := _first_compatible(node, names.owners(form_key(group, key)))):
            return hit
    if node.label == "Event" and not _YEAR.search(node.name) and node.props.get("year"):
        # "the Lithium Forum" in an article of 2031 is the "Lithium Forum 2031" another article names
        hit = _first_compatible(node, names.owners(edition(edition_key(node.name, node.props["year"]))))
        if hit:
            return hit
    if node.label == "Event" and (numbered := session_key(node.name)):
        hit = _first_compatible(node, names.owners(session(numbered)))
        if hit:
            return hit
    if group == "person":
        core = person_core(node.name)
        if " " in core and (hit := _first_compatible(node, names.owners(core_key(group, core)))):
            return hit
    if group == "org":
        for name in forms:
            core = org_core(name)
            if len(core) > 6 and (hit := _first_compatible(node, names.owners(core_key(group, core)))):
                return hit
        key = norm_key(node.name)
        if " " in key:
            return _fuzzy(node, key, names, group)
    return None


def _fuzzy(node: Node, key: str, names: Names, group: str) -> str | None:
    """The closest multi-word name starting with the same word, if close enough (best
    score first, then the name, then the id) and compatible."""
    keys, ids = names.spellings(group, key.split(" ", 1)[0])
    close = process.extract(key, keys, scorer=fuzz.ratio, score_cutoff=FUZZY_THRESHOLD, limit=None)
    for _, _, position in sorted(close, key=lambda hit: (-hit[1], keys[hit[2]], ids[hit[2]])):
        other = names.known(ids[position])
        if other is not None and _compatible(node.id, other, node):
            return other.id
    return None


def resolve_with(doc_graph: Graph, names: Names) -> Graph:
    """A copy of ``doc_graph`` whose node ids point at known nodes for the same entities;
    its nodes' forms are added to ``names`` for the articles that follow."""
    mapping: dict[str, str] = {}
    for node in doc_graph.nodes.values():
        hit = match(node, names)
        if hit is not None:
            mapping[node.id] = hit
    out = Graph()
    for node in doc_graph.nodes.values():
        new_id = mapping.get(node.id, node.id)
        known = names.known(new_id)
        label = known.label if known is not None else node.label
        name = node.name
        if label == "Measure" and new_id.startswith(node.id + ":"):  # told apart from a known one by its date
            name = dated_name(name, parse_date_key(node.props.get("date", "")))
        if label == "Agreement" and new_id.startswith(node.id + ":"):  # another instrument of a known one's id
            name = _instrument_name(name, node.id, new_id)
        out.add_node(Node(new_id, label, name, list(node.aliases), dict(node.props)))
    for node in doc_graph.nodes.values():  # the next document may use these forms before they are stored
        new_id = mapping.get(node.id, node.id)
        names.add(new_id, out.nodes[new_id].label, [node.name, *node.aliases], node.props.get("date"),
                  node.props.get("year"), node.props.get("minerals") or ())
    for rel in doc_graph.relationships.values():
        out.add_relationship(
            Relationship(
                mapping.get(rel.source, rel.source), rel.type, mapping.get(rel.target, rel.target), dict(rel.props)
            )
        )
    return out


def resolve_against(doc_graph: Graph, known: Graph) -> Graph:
    """A copy of ``doc_graph`` whose node ids point at ``known`` nodes for the same entities."""
    return resolve_with(doc_graph, GraphNames(known))
