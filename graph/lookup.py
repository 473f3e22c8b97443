"""Finding an entity by what a person types: one set of rules, in a store or in a graph.

:func:`find_entity` is the one look-up behind ``centrality --focus``, ``map --focus``,
``curate`` and the workbench, and behind the analytics that take a name
(:mod:`minegraph.graph.analytics`).  Given a store it asks the server for the few nodes
that could match; given a :class:`~minegraph.graph.model.Graph` in memory it looks at
its nodes; either way the same rules (:func:`match_entity`) decide:

1. a node whose id is the text as typed;
2. else the nodes whose name or id is the text, compared after :func:`normalise_name`
   ("the Philippines'" is "Philippines");
3. else the nodes with the text among their aliases, or a Country whose ISO 3166 code
   (``iso2``/``iso3``) it is.

The first step that finds something decides: one node is the answer, several are an
:class:`AmbiguousNameError` listing them (give the id then), none at all an
:class:`UnknownEntityError` suggesting up to three close names ("did you mean").  Only
nodes with one of ``labels`` count (default: every entity label; a Document only when
asked for).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from typing import Any

from minegraph.graph.model import ENTITY_LABELS, Graph, Node, check_label
from minegraph.graph.reads import rows
from minegraph.graph.store import GraphStore

#: the properties that hold a Country's ISO 3166 codes
ISO_PROPERTIES = ("iso2", "iso3")
#: close names an unknown name's error suggests
SUGGESTIONS = 3

_POSSESSIVE = re.compile(r"['’]s?$")
_LEADING_THE = re.compile(r"^the\s+")
_SPACES = re.compile(r"\s+")
_ASCII_WORD = re.compile(r"[a-z0-9]+")


class EntityLookupError(LookupError):
    """A name that does not pick out one entity; the message says what to type instead."""


class UnknownEntityError(EntityLookupError):
    """No entity matches a name; the message suggests close names."""

    def __init__(self, name: str, suggestions: Iterable[str] = ()):
        self.name = name
        self.suggestions = list(suggestions)
        message = f"no entity named {name!r}"
        if self.suggestions:
            message += "; did you mean " + ", ".join(repr(s) for s in self.suggestions) + "?"
        super().__init__(message)


class AmbiguousNameError(EntityLookupError):
    """A name that more than one node answers to; the message lists them."""

    def __init__(self, name: str, candidates: list[Node]):
        self.name = name
        self.candidates = candidates
        listed = "; ".join(f"{n.name} ({n.label}, id {n.id})" for n in candidates)
        super().__init__(f"{name!r} names {len(candidates)} nodes: {listed}; give an id instead")


def normalise_name(text: str) -> str:
    """The form names are compared in: case-folded, without a leading "the" or a possessive.

    >>> normalise_name("  The Republic of Korea's ")
    'republic of korea'
    >>> normalise_name("KOREA  Zinc")
    'korea zinc'
    """
    text = unicodedata.normalize("NFKC", text).casefold().strip()
    text = _SPACES.sub(" ", text)
    text = _POSSESSIVE.sub("", _LEADING_THE.sub("", text)).strip()
    return text


def find_entity(where: GraphStore | Graph, name: str, labels: Iterable[str] | None = None) -> Node:
    """The entity ``name`` picks out in a store or a graph, by the rules of the module.

    From a store it comes back as id, label, name, aliases and (a Country) its ISO codes.

    Args:
        where: a store (the server selects the candidates) or a graph in memory.
        name: an id, a name, an alias or an ISO country code.
        labels: only nodes with one of these labels; default every entity label
            (Document nodes are found only when ``"Document"`` is asked for).

    Raises:
        AmbiguousNameError: several nodes answer to ``name`` (the message lists them).
        UnknownEntityError: none does (the message lists up to 3 close names).

    >>> g = Graph()
    >>> _ = g.add_node(Node("kr", "Country", "South Korea", ["Republic of Korea"], {"iso3": "KOR"}))
    >>> find_entity(g, "the republic of korea's").id, find_entity(g, "kor").id
    ('kr', 'kr')
    >>> find_entity(g, "Sout Korea")
    Traceback (most recent call last):
    ...
    minegraph.graph.lookup.UnknownEntityError: no entity named 'Sout Korea'; did you mean 'South Korea'?
    """
    wanted = tuple(labels) if labels is not None else ENTITY_LABELS
    if isinstance(where, Graph):
        node = where.nodes.get(name)
        if node is not None and node.label in wanted:
            return node
        return match_entity(where.nodes.values(), name, wanted)
    return _find_stored(where, name, wanted)


def match_entity(nodes: Iterable[Node], name: str, labels: Iterable[str] | None = None) -> Node:
    """The rules of the module applied to ``nodes`` (see :func:`find_entity`)."""
    wanted = tuple(labels) if labels is not None else ENTITY_LABELS
    candidates = [n for n in nodes if n.label in wanted]
    for node in candidates:
        if node.id == name:
            return node
    key = normalise_name(name)
    code = name.strip().upper()
    by_name = [n for n in candidates if normalise_name(n.name) == key or normalise_name(n.id) == key]
    by_alias = [n for n in candidates
                if any(normalise_name(alias) == key for alias in n.aliases)
                or (n.label == "Country" and code and any(n.props.get(p) == code for p in ISO_PROPERTIES))]
    order = {label: i for i, label in enumerate(wanted)}
    for hits in (by_name, by_alias):
        if len(hits) == 1:
            return hits[0]
        if hits:
            raise AmbiguousNameError(name, sorted(hits, key=lambda n: (order[n.label], n.id)))
    raise UnknownEntityError(name, suggestions(key, candidates))


def suggestions(key: str, candidates: list[Node], limit: int = SUGGESTIONS) -> list[str]:
    """Names of up to ``limit`` nodes whose name or alias is close to ``key`` (a
    normalised name), closest first."""
    from rapidfuzz import fuzz, process

    forms: dict[str, str] = {}  # normalised surface form -> node name
    for node in sorted(candidates, key=lambda n: n.id):
        for form in (node.name, *node.aliases):
            forms.setdefault(normalise_name(form), node.name)
    if not key or not forms:
        return []
    names: list[str] = []
    for form, _score, _ in process.extract(key, list(forms), scorer=fuzz.WRatio, limit=limit * 4,
                                           score_cutoff=60):
        if forms[form] not in names:
            names.append(forms[form])
    return names[:limit]


# --- in a store -------------------------------------------------------------------------------


def _find_stored(store: GraphStore, name: str, labels: tuple[str, ...]) -> Node:
    """The rules applied to the nodes the server picks: those whose id is ``name``,
    whose ISO code it is, or whose id, name or an alias holds the longest ASCII word of
    the normalised ``name`` (case-insensitively).  Every node the rules could match is
    among them, except for a name spelt with compatibility characters (full-width
    letters, ligatures); when they hold no match (or the name has no ASCII word) every
    node of ``labels`` is read and the rules applied to all, which also gives the
    suggestions of the error."""
    words = sorted(_ASCII_WORD.findall(normalise_name(name)), key=len, reverse=True)
    if words:
        where = ("n.id = $id OR n.iso2 = $code OR n.iso3 = $code OR toLower(n.id) CONTAINS $word "
                 "OR toLower(n.name) CONTAINS $word "
                 "OR any(a IN coalesce(n.aliases, []) WHERE toLower(a) CONTAINS $word)")
        params = {"id": name, "code": name.strip().upper(), "word": words[0]}
        try:
            return match_entity(_candidates(store, labels, where, params), name, labels)
        except UnknownEntityError:
            pass
    return match_entity(_candidates(store, labels, "true", {}), name, labels)


def _candidates(store: GraphStore, labels: tuple[str, ...], where: str, params: dict[str, Any]) -> list[Node]:
    cypher = " UNION ALL ".join(
        f"MATCH (n:{check_label(label)}) WHERE {where} RETURN n.id AS id, '{label}' AS label, n.name AS name, "
        "n.aliases AS aliases, n.iso2 AS iso2, n.iso3 AS iso3" for label in labels)
    nodes = []
    for node_id, label, node_name, aliases, *codes in rows(store, cypher, params):
        props = {key: value for key, value in zip(ISO_PROPERTIES, codes, strict=True) if value is not None}
        nodes.append(Node(node_id, label, node_name or "", list(aliases or []), props))
    return nodes
