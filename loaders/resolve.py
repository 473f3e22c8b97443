"""Entity resolution across articles: map a document's nodes onto nodes already known.

Extraction already gives canonical ids (ISO codes for countries, slugs of full names for
organisations), so most matches are exact.  What is left is naming variation between
articles: an acronym in one article and the full name in another, "Corp." against
"Corporation", "the State Department" against "the United States Department of State",
or a near-identical spelling.  :func:`resolve_against` rewrites the document's ids to
the known ones when they are the same real entity.

The alias index over ``known`` is cached per graph object and extended incrementally,
so resolving a document costs time proportional to the document, not the corpus.
"""

from __future__ import annotations

import re
import weakref
from collections.abc import Iterable
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from minegraph.graph.model import Graph, Node, Relationship
from minegraph.loaders.entities import org_core, portfolio_name
from minegraph.loaders.gazetteer import countries, norm_key
from minegraph.loaders.measures import dated_name, parse_measure_key
from minegraph.loaders.measures.dates import Date, date_key, dates_fit, parse_date_key

#: labels that may name the same real thing (a state corporation is read as either)
_GROUPS = {"Agency": "org", "Company": "org", "Event": "event", "Agreement": "event", "Person": "person"}
_COUNTRY_SUFFIX = re.compile(r"-([a-z]{2})$")
FUZZY_THRESHOLD = 92


@dataclass
class _Index:
    """Name lookups over ``known``, one dict per label group: a normalised name or an
    organisation's order-free core gives a node id; a first word gives the names (and
    ids, in a parallel list) of the multi-word organisations it starts, for the fuzzy
    comparison.  (Keys used to be ``(group, key)`` tuples and the fuzzy lists tuples of
    ``(key, id)``: one small object more per entry, for nothing.)  Adding a name twice
    changes nothing (resolution re-adds the nodes of every article it resolves), so the
    index keeps no set of the nodes it has seen."""

    graph: weakref.ref[Graph]
    logged: int | None = None  # how much of ``Graph.created`` is indexed
    forms: dict[str, dict[str, str]] = field(default_factory=dict)
    cores: dict[str, dict[str, str]] = field(default_factory=dict)
    by_first: dict[str, dict[str, tuple[list[str], list[str]]]] = field(default_factory=dict)
    #: a government and kind of measure -> the measures known for it, with their mineral families
    #: and when they were imposed (their own date, else that of a dated statement joined to them)
    measures: dict[str, dict[str, tuple[frozenset[str], Date | None]]] = field(default_factory=dict)

    def add(self, node_id: str, label: str, names: list[str], date: str | None = None) -> None:
        """Index a node's names (and a measure's date: see :func:`_match_measure`)."""
        if label == "Measure" and (parsed := parse_measure_key(node_id)) is not None:
            known = self.measures.setdefault(parsed.group, {})
            families, dated = known.get(node_id, (parsed.families, parsed.date))
            if dated is None and date:
                dated = parse_date_key(date)  # an undated measure a dated statement joined is dated from then on
            known[node_id] = (families, dated)
        group = _GROUPS.get(label)
        if group is None:
            return
        forms = self.forms.setdefault(group, {})
        for name in names:
            key = norm_key(name)
            if not key:
                continue
            if group == "person":
                self.cores.setdefault(group, {}).setdefault(person_core(name), node_id)
            if label == "Event" and _YEAR.search(name):
                self.cores.setdefault("edition", {}).setdefault(edition_key(name, None), node_id)
            if label == "Event" and session_key(name):
                self.cores.setdefault("session", {}).setdefault(session_key(name), node_id)
            new = key not in forms
            owner = forms.setdefault(key, node_id)
            if group == "org":
                self.cores.setdefault(group, {}).setdefault(org_core(name), node_id)
                if " " in key:
                    keys, ids = self.by_first.setdefault(group, {}).setdefault(key.split()[0], ([], []))
                    # a pair is listed once (a new name, or a name another node owns, was
                    # listed when first added); the fuzzy scan takes the first listed anyway
                    if new or owner != node_id and not any(
                            k == key and i == node_id for k, i in zip(keys, ids, strict=True)):
                        keys.append(key)
                        ids.append(node_id)

    def update(self, known: Graph) -> None:
        """Index the nodes ``known`` gained since the last call: all of them the first
        time, then only those its log of created nodes lists (so each article costs its
        own size, not the graph's)."""
        if self.logged is None:
            fresh: Iterable[str] = list(known.nodes)
        else:
            fresh = known.created[self.logged:]
        self.logged = len(known.created)
        for node_id in fresh:
            node = known.nodes.get(node_id)
            if node is not None:
                self.add(node_id, node.label, [node.name, *node.aliases], node.props.get("date"))


#: a patronymic ("bin Ibrahim", "ibn Saud") or an initial ("K.") between a given name and a family name
_PATRONYMIC = re.compile(r"\b(?:(?:bin|ibn|bint|binti|ben|ould|wad)\s+\w+|(?:\w\.)+)\s+", re.IGNORECASE)


_YEAR = re.compile(r"\b(?:19|20)\d\d\b")


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
    words = norm_key(name).split()
    if len(words) < 3:
        return " ".join(words)
    middle = " ".join(name.split()[1:-1]) + " "
    return f"{words[0]} {words[-1]}" if not _PATRONYMIC.sub("", middle).strip() else " ".join(words)


_CACHE: list[_Index] = []


def _index_for(known: Graph) -> _Index:
    """The index of ``known``; a weak reference (not ``id()``, which Python reuses after
    a graph is freed) tells whether the cached one belongs to this very graph."""
    if not _CACHE or _CACHE[0].graph() is not known:
        _CACHE[:] = [_Index(weakref.ref(known))]  # one corpus at a time
    index = _CACHE[0]
    index.update(known)
    return index


def _compatible(doc_id: str, known_id: str, known: Graph, doc_node: Node) -> bool:
    """Never merge bodies of different countries ("Ministry of Foreign Affairs" of two states)."""
    a, b = _COUNTRY_SUFFIX.search(doc_id), _COUNTRY_SUFFIX.search(known_id)
    if a and b and a.group(1) != b.group(1):
        return False
    other = known.nodes.get(known_id)
    if other is None:
        return False
    if _GROUPS.get(other.label) != _GROUPS.get(doc_node.label):
        return False
    if _GROUPS.get(doc_node.label) == "org":
        # "Ruritanian Ministry of Mines" and "Freedonia's Ministry of Mines", "Ruritania Investment
        # Authority" and "Freedonia Investment Authority": the countries their names carry tell them
        # apart even when neither id does
        mine, theirs = _named_countries(doc_node), _named_countries(other)
        if mine and theirs and not mine & theirs:
            return False
        # a ministry named with its country does not join a known "Ministry of Mines" whose article
        # left its country open: that one may be another state's (and removing its article would
        # leave the country's ministry under the open one's id)
        if doc_node.label == other.label == "Agency" and (mine or a) and not (theirs or b):
            if portfolio_name(other.name):
                return False
    return True


def _named_countries(node: Node) -> set[str]:
    """ISO codes of the countries written in a node's name and aliases."""
    gaz = countries()
    return {gaz.surfaces[m.group()][0] for form in [node.name, *node.aliases] for m in gaz.pattern.finditer(form)}


def _match_measure(node: Node, index: _Index) -> str | None:
    """A known measure of the same government and kind whose minerals overlap and whose
    date fits (the one sharing most minerals, then the same date, then the latest, then the
    first known): "export controls on gallium" is the measure known as "export controls on
    gallium and germanium", but "controls on rare earths in October" is not the one known
    as imposed in April: it keeps an id of its own, dated (see :func:`measure_key`)."""
    parsed = parse_measure_key(node.id)
    if parsed is None:
        return None
    date = parse_date_key(node.props.get("date", "")) or parsed.date
    known = index.measures.get(parsed.group, {})
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


def _other_edition(node: Node, known: Graph) -> str | None:
    """'the Lithium Forum' of an article of 2031 is not the 'Lithium Forum' another article held in
    2029, though their names (and so their ids) are the same: the id of this year's edition."""
    other = known.nodes.get(node.id)
    year = node.props.get("year")
    if node.label != "Event" or other is None or not year or _YEAR.search(node.name):
        return None
    if other.props.get("year") in (None, year):
        return None
    return f"{node.id}-{year}"


def _match(node: Node, known: Graph, index: _Index) -> str | None:
    edition = _other_edition(node, known)
    if edition is not None:
        return edition
    if node.label == "Measure":
        return _match_measure(node, index)
    if node.id in known.nodes or node.label in ("Country", "Mineral"):
        return None
    group = _GROUPS.get(node.label)
    if group is None:
        return None
    names = [node.name, *node.aliases]
    forms = index.forms.get(group, {})
    for name in names:
        hit = forms.get(norm_key(name))
        if hit and _compatible(node.id, hit, known, node):
            return hit
    if node.label == "Event" and not _YEAR.search(node.name) and node.props.get("year"):
        # "the Lithium Forum" in an article of 2031 is the "Lithium Forum 2031" another article names
        hit = index.cores.get("edition", {}).get(edition_key(node.name, node.props["year"]))
        if hit and _compatible(node.id, hit, known, node):
            return hit
    if node.label == "Event" and session_key(node.name):
        hit = index.cores.get("session", {}).get(session_key(node.name))
        if hit and _compatible(node.id, hit, known, node):
            return hit
    if group == "person":
        core = person_core(node.name)
        hit = index.cores.get(group, {}).get(core)
        if hit and " " in core and _compatible(node.id, hit, known, node):
            return hit
    if group == "org":
        cores = index.cores.get(group, {})
        for name in names:
            core = org_core(name)
            hit = cores.get(core)
            if hit and len(core) > 6 and _compatible(node.id, hit, known, node):
                return hit
        key = norm_key(node.name)
        if " " in key:
            keys, ids = index.by_first.get(group, {}).get(key.split()[0], ((), ()))
            # the first name in index order that is close enough (and compatible) wins
            close = process.extract(key, keys, scorer=fuzz.ratio, score_cutoff=FUZZY_THRESHOLD, limit=None)
            for _, _, position in sorted(close, key=lambda hit: hit[2]):
                if _compatible(node.id, ids[position], known, node):
                    return ids[position]
    return None


def resolve_against(doc_graph: Graph, known: Graph) -> Graph:
    """A copy of ``doc_graph`` whose node ids point at ``known`` nodes for the same entities."""
    index = _index_for(known)
    mapping: dict[str, str] = {}
    for node in doc_graph.nodes.values():
        hit = _match(node, known, index)
        if hit is not None:
            mapping[node.id] = hit
    out = Graph()
    for node in doc_graph.nodes.values():
        new_id = mapping.get(node.id, node.id)
        label = known.nodes[new_id].label if new_id in known.nodes else node.label
        name = node.name
        if label == "Measure" and new_id.startswith(node.id + ":"):  # told apart from a known one by its date
            name = dated_name(name, parse_date_key(node.props.get("date", "")))
        out.add_node(Node(new_id, label, name, list(node.aliases), dict(node.props)))
        # the next document may use this node's forms before the store is re-read
        index.add(new_id, label, [node.name, *node.aliases], node.props.get("date"))
    for rel in doc_graph.relationships.values():
        out.add_relationship(
            Relationship(
                mapping.get(rel.source, rel.source), rel.type, mapping.get(rel.target, rel.target), dict(rel.props)
            )
        )
    return out
