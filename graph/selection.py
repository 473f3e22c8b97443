"""Reads that select on the server what a ranking or a map shows.

``centrality`` and ``map`` used to read the whole graph and pick what they needed in
Python.  Here each asks only for what it uses (an entity named by a person is found
first with :func:`minegraph.graph.lookup.find_entity`, also selected on the server):

* :func:`read_partner_arrays` reads the partner network as arrays (actors with their
  names, their links to agreements and events and their cooperation links, with
  ``mentions``; no hub names, no domestic links, no Python object per link);
* :func:`read_focus_graph` reads just the partner network around one actor: its
  agreements and events with every actor's link to them, its cooperation links, and
  for a country its own actors;
* :func:`read_map_outline` reads ids, labels, years and link counts (no names, no
  sentences); the map chooses what to draw on it and :func:`read_map_details` reads
  the drawn nodes' properties and the first sentences of the drawn links.

Labels and relationship types reach the Cypher text only through the ontology's
allow-lists (:func:`minegraph.graph.model.check_label` / :func:`~minegraph.graph.model.check_type`), every
value is a ``$parameter``, and the text is the same for FalkorDB and Neo4j.  Properties
are named one by one: the per-document claims a build keeps are never fetched.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from typing import Any

from minegraph.graph import evidence
from minegraph.graph.analytics import PartnerArrays
from minegraph.graph.model import (
    ACTOR_LABELS,
    ENTITY_LABELS,
    Graph,
    Node,
    Relationship,
    allowed,
    check_label,
    check_type,
)
from minegraph.graph.reads import rows as _rows
from minegraph.graph.store import GraphStore
from minegraph.graph.ties import COOPERATION, HUB_LINKS, SHARES, homes
from minegraph.graph.viz import EVIDENCE_IN_TOOLTIP, EVIDENCE_TOTAL, MapChoice, check_map_options
from minegraph.graph.viz import choose_map as viz_choose_map

#: node properties a map shows (tooltips: see graph.viz.PROPERTY_CAPTIONS)
NODE_PROPERTIES = ("iso2", "iso3", "acronym", "kind", "status", "year", "date", "minerals", "state_owned",
                   "symbol", "group", "title", "first_seen", "last_seen", "articles", "status_history", "status_dates")
#: document properties a map's link tooltips cite
DOCUMENT_PROPERTIES = ("title", "path", "publisher", "published")
#: sentences of a drawn link fetched for its tooltip (the tooltip shows 5 and counts the rest)
EVIDENCE_SHOWN = EVIDENCE_IN_TOOLTIP
_CHUNK = 2000


def _chunks(items: list[Any]) -> Iterable[list[Any]]:
    for start in range(0, len(items), _CHUNK):
        yield items[start:start + _CHUNK]


def _types(types: Iterable[str]) -> str:
    return "|".join(check_type(t) for t in types)


def _number(value: Any) -> dict[str, Any]:
    return {} if value is None else {"mentions": value}


def _link(graph: Graph, source: str, rel_type: str, target: str, props: dict[str, Any]) -> None:
    rel = Relationship(source, rel_type, target, props)
    graph.relationships[rel.key] = rel


def _node(graph: Graph, node_id: str, label: str, name: str | None, props: dict[str, Any] | None = None) -> None:
    if node_id not in graph.nodes and label in ENTITY_LABELS:
        graph.nodes[node_id] = Node(node_id, label, name or "", [], props or {})


# --- the partner network -----------------------------------------------------------------------

#: a link's articles and, for a link read without them, its count
_LINK_COLUMNS = "r.doc_ids AS docs, r.mentions AS mentions"
#: the statement shares of cooperation links (see :func:`minegraph.graph.ties.statement_shares`),
#: computed on the server: per sentence the partners each end has in it, the larger of the
#: two, the least over an article's sentences; only the pairs and articles where it is above 1
_SHARES = (
    f"{{match}}-[r:{check_type(COOPERATION)}]-(b) "
    "WITH a, b, coalesce(r.evidence, []) AS ev, coalesce(r.evidence_doc_ids, []) AS ed "
    "UNWIND range(0, size(ev) - 1) AS i "
    "WITH a, ed[i] AS doc, ev[i] AS sentence, collect(DISTINCT b.id) AS others "
    "UNWIND others AS other "
    "WITH doc, sentence, CASE WHEN a.id < other THEN a.id ELSE other END AS lo, "
    "CASE WHEN a.id < other THEN other ELSE a.id END AS hi, max(size(others)) AS shared "
    "WITH lo, hi, doc, min(shared) AS shared WHERE shared > 1 "
    "RETURN lo, hi, doc, shared"
)
ALL_SHARES = _SHARES.format(match="MATCH (a)")
#: the same among the links of the actors ``$ids`` (the store's internal ids: a seek each,
#: where a list of ids in ``a.id IN $ids`` is scanned once per cooperation link)
SHARES_AMONG = _SHARES.format(match="UNWIND $ids AS i MATCH (a) WHERE id(a) = i MATCH (a)")
DOCUMENT_DATES = "MATCH (d:Document) RETURN d.id AS id, d.first_seen AS date"
DOCUMENT_DATES_OF = "UNWIND $ids AS id MATCH (d:Document {id: id}) RETURN d.id AS id, d.first_seen AS date"


def _facts(docs: Any, mentions: Any) -> dict[str, Any]:
    """A link's props as the ranking reads them: its articles, else its count."""
    return {"doc_ids": list(docs)} if docs is not None else _number(mentions)


def _either(found: Any) -> dict[str, Any]:
    """A link's props from ``coalesce(r.doc_ids, r.mentions)``: its articles, else its count."""
    return {"doc_ids": list(found)} if isinstance(found, list) else _number(found)


def read_partner_arrays(store: GraphStore, mineral: str | None = None) -> PartnerArrays:
    """What :func:`minegraph.graph.analytics.actor_centrality` needs, selected on the server
    and kept as arrays (no Python object per link or article): the actors (id, label,
    name) and the party each counts as (its country through ``BASED_IN`` and
    ``PART_OF``), each actor's links to agreements and events with their articles, and
    the stated cooperation between actors with the statement shares; with ``mineral``
    (a Mineral's id) only agreements covering it.  Nodes travel as the store's internal
    ids and articles as positions, so no id string is kept per link."""
    import numpy as np

    actors: dict[int, tuple[str, str, str]] = {}
    for label in ACTOR_LABELS:
        for internal, node_id, name in _rows(store, f"MATCH (n:{check_label(label)}) RETURN id(n), n.id, n.name"):
            actors[internal] = (node_id, label, name or "")
    ordered = sorted(actors, key=lambda internal: actors[internal][0])
    position = {internal: i for i, internal in enumerate(ordered)}
    docs: dict[str, int] = {}

    def articles(found: Any, mentions: Any, link: str) -> list[int]:
        # a link without its articles counts as ``mentions`` of its own (ties.link_documents)
        names = found if found is not None else [f"{link}#{i}" for i in range(max(1, int(mentions or 1)))]
        return [docs.setdefault(doc, len(docs)) for doc in names]

    hub_ids: dict[int, tuple[str, bool]] = {}
    member_actor: list[int] = []
    member_hub: list[int] = []
    member_doc: list[int] = []
    covering = "-[:COVERS]->(:Mineral {id: $mineral})" if mineral is not None else ""
    for hub_label, types in ({"Agreement": HUB_LINKS["Agreement"]} if mineral is not None else HUB_LINKS).items():
        for internal, hub_id in _rows(store, f"MATCH (h:{check_label(hub_label)}){covering} RETURN id(h), h.id",
                                      {"mineral": mineral}):
            hub_ids[internal] = (hub_id, hub_label == "Event")
        for actor_label in ACTOR_LABELS:
            for rel_type in (t for t in types if allowed(t, actor_label, hub_label)):
                cypher = (f"MATCH (a:{check_label(actor_label)})-[r:{check_type(rel_type)}]->"
                          f"(h:{check_label(hub_label)}){covering} RETURN id(a), id(h), r.doc_ids, r.mentions")
                for actor, hub, found, mentions in _rows(store, cypher, {"mineral": mineral}):
                    link = f"{actors[actor][0]}|{rel_type}|{hub_ids[hub][0]}"
                    for doc in articles(found, mentions, link):
                        member_actor.append(position[actor])
                        member_hub.append(hub)
                        member_doc.append(doc)
    hub_order = sorted(hub_ids, key=lambda internal: hub_ids[internal][0])
    hub_position = {internal: i for i, internal in enumerate(hub_order)}
    pairs: list[tuple[int, int, int, float]] = []
    if mineral is None:
        shares: dict[tuple[str, str, str], int] = {(lo, hi, doc): int(shared)
                                                   for lo, hi, doc, shared in _rows(store, ALL_SHARES)}
        cypher = f"MATCH (a)-[r:{check_type(COOPERATION)}]->(b) RETURN id(a), id(b), r.doc_ids, r.mentions"
        for a, b, found, mentions in _rows(store, cypher):
            if a == b or a not in position or b not in position:
                continue
            ends = sorted((actors[a][0], actors[b][0]))
            link = f"{actors[a][0]}|{COOPERATION}|{actors[b][0]}"
            names = found if found is not None else [f"{link}#{i}" for i in range(max(1, int(mentions or 1)))]
            for doc, at in zip(names, articles(found, mentions, link), strict=True):
                pairs.append((position[a], position[b], at, 1.0 / max(1, shares.get((*ends, doc), 1))))
    home_links = Graph()
    for rel_type in ("BASED_IN", "PART_OF"):
        for source, target in _rows(store, f"MATCH (a)-[:{check_type(rel_type)}]->(b) RETURN a.id, b.id"):
            _link(home_links, source, rel_type, target, {})
    home_of = homes(home_links)
    codes: dict[str, int] = {}
    ids = [actors[i][0] for i in ordered]
    return PartnerArrays(
        ids, [actors[i][1] for i in ordered], [actors[i][2] for i in ordered],
        np.array([codes.setdefault(home_of.get(a, a), len(codes)) for a in ids], dtype=np.int64),
        np.array([hub_ids[i][1] for i in hub_order], dtype=bool),
        np.array(member_actor, dtype=np.int64), np.array([hub_position[h] for h in member_hub], dtype=np.int64),
        np.array(member_doc, dtype=np.int64),
        pair_a=np.array([p[0] for p in pairs], dtype=np.int64), pair_b=np.array([p[1] for p in pairs], dtype=np.int64),
        pair_doc=np.array([p[2] for p in pairs], dtype=np.int64),
        pair_value=np.array([p[3] for p in pairs], dtype=float), documents=list(docs))


def read_ranking_graph(store: GraphStore, mineral: str | None = None) -> Graph:
    """What :func:`minegraph.graph.analytics.actor_centrality` needs, selected on the server: the
    actors (id, label, name), their links to agreements and events (with their
    articles; the hubs as bare ids with their label), their cooperation links with the
    statement shares, the ``BASED_IN`` and ``PART_OF`` links (a party is counted by its
    country), and every Document with its date; with ``mineral`` (a Mineral's id) only
    agreements, and the ``COVERS`` links from them to that mineral."""
    graph = Graph()
    for label in ACTOR_LABELS:
        for node_id, name in _rows(store, f"MATCH (n:{check_label(label)}) RETURN n.id AS id, n.name AS name"):
            graph.nodes[node_id] = Node(node_id, label, name or "")
    hubs = {"Agreement": HUB_LINKS["Agreement"]} if mineral is not None else HUB_LINKS
    for hub_label, types in hubs.items():
        for actor_label in ACTOR_LABELS:
            for rel_type in (t for t in types if allowed(t, actor_label, hub_label)):
                cypher = (f"MATCH (a:{check_label(actor_label)})-[r:{check_type(rel_type)}]->"
                          f"(h:{check_label(hub_label)}) RETURN a.id AS source, h.id AS target, {_LINK_COLUMNS}")
                for source, target, docs, mentions in _rows(store, cypher):
                    _node(graph, target, hub_label, "")
                    _link(graph, source, rel_type, target, _facts(docs, mentions))
    for rel_type in ("BASED_IN", "PART_OF"):
        for source, target in _rows(store, f"MATCH (a)-[:{check_type(rel_type)}]->(b) RETURN a.id, b.id"):
            _link(graph, source, rel_type, target, {})
    if mineral is None:
        cypher = (f"MATCH (a)-[r:{check_type(COOPERATION)}]->(b) "
                  f"RETURN a.id AS source, b.id AS target, {_LINK_COLUMNS}")
        for source, target, docs, mentions in _rows(store, cypher):
            _link(graph, source, COOPERATION, target, _facts(docs, mentions))
        _add_shares(graph, _rows(store, ALL_SHARES))
    else:
        _add_mineral(store, graph, mineral, "MATCH (h:Agreement)-[:COVERS]->(m:Mineral {id: $mineral}) "
                                            "RETURN DISTINCT h.id AS hub", {})
    for doc_id, date in _rows(store, DOCUMENT_DATES):
        graph.nodes[doc_id] = Node(doc_id, "Document", doc_id, [], {"first_seen": date} if date else {})
    return graph


def _add_shares(graph: Graph, found: Iterable[list[Any]]) -> None:
    """Set the statement shares read on the server on the graph's cooperation links."""
    shares: dict[tuple[str, str], dict[str, int]] = {}
    for lo, hi, doc, shared in found:
        shares.setdefault((lo, hi), {})[doc] = int(shared)
    for rel in graph.edges(COOPERATION):
        rel.props[SHARES] = shares.get((min(rel.source, rel.target), max(rel.source, rel.target)), {})


def _add_mineral(store: GraphStore, graph: Graph, mineral: str, cypher: str, params: dict[str, Any]) -> None:
    rows = _rows(store, "MATCH (m:Mineral {id: $mineral}) RETURN m.id AS id, m.name AS name", {"mineral": mineral})
    for node_id, name in rows:
        graph.nodes[node_id] = Node(node_id, "Mineral", name or "")
    for (hub,) in _rows(store, cypher, {"mineral": mineral, **params}):
        _node(graph, hub, "Agreement", "")
        _link(graph, hub, "COVERS", mineral, {})


def read_focus_graph(store: GraphStore, focus: Node, mineral: str | None = None) -> Graph:
    """The partner network around ``focus`` (an actor found by :func:`minegraph.graph.lookup.find_entity`):
    enough for :func:`minegraph.graph.analytics.focus_partners` and
    :func:`~minegraph.graph.analytics.own_actors` to give, for ``focus``, what they give on the
    whole graph, rolled up or not.

    It holds ``focus`` and, for a country, the ``BASED_IN`` links to it and the
    ``PART_OF`` links into those actors, at any depth (its own actors); each agreement
    and event the focus or an own actor takes part in (id, name, ``year``,
    ``first_seen``, ``status``) with every
    actor's link to it (with its articles) and where those actors are based; their
    cooperation links both ways with the statement shares; the Documents of those
    articles with their dates; with ``mineral`` (a Mineral's id) that mineral and the
    ``COVERS`` links from those agreements to it.
    """
    graph = Graph()
    graph.nodes[focus.id] = Node(focus.id, focus.label, focus.name, list(focus.aliases))
    if focus.label == "Country":
        _add_own_actors(store, graph, focus.id)
    bloc: dict[str, list[str]] = {}
    for node in list(graph.nodes.values()):
        if node.label in ACTOR_LABELS:
            bloc.setdefault(node.label, []).append(node.id)
    hubs = {"Agreement": HUB_LINKS["Agreement"]} if mineral is not None else HUB_LINKS
    member_types = _types(sorted({t for types in hubs.values() for t in types}))
    for hub_label, types in hubs.items():
        _add_frames(store, graph, bloc, hub_label, types)
    if mineral is not None:
        for label, ids in sorted(bloc.items()):
            _add_mineral(store, graph, mineral,
                         f"UNWIND $ids AS id MATCH (f:{check_label(label)} {{id: id}})-[:{member_types}]->"
                         "(h:Agreement)-[:COVERS]->(m:Mineral {id: $mineral}) RETURN DISTINCT h.id AS hub",
                         {"ids": sorted(ids)})
    else:
        ends: set[int] = set()
        for label, ids in sorted(bloc.items()):
            # each end's id once, its first label only and a link's articles and count in
            # one column: fewer values for the client to parse on each of the links
            cypher = (f"UNWIND $ids AS id MATCH (f:{check_label(label)} {{id: id}})-[r:{check_type(COOPERATION)}]->(b) "
                      "RETURN true AS out, f.id AS member, b.id AS other, labels(b)[0] AS label, b.name AS name, "
                      "coalesce(r.doc_ids, r.mentions) AS found, id(f) AS ends, id(b) AS other_end "
                      f"UNION ALL UNWIND $ids AS id MATCH (b)-[r:{check_type(COOPERATION)}]->(f:{check_label(label)} "
                      "{id: id}) RETURN false AS out, f.id AS member, b.id AS other, labels(b)[0] AS label, "
                      "b.name AS name, coalesce(r.doc_ids, r.mentions) AS found, id(f) AS ends, id(b) AS other_end")
            for out, member, other, other_label, name, found, end, other_end in _rows(
                    store, cypher, {"ids": sorted(ids)}):
                if other_label:
                    _node(graph, other, other_label, name)
                source, target = (member, other) if out else (other, member)
                _link(graph, source, COOPERATION, target, _either(found))
                ends.update((end, other_end))
        _add_shares(graph, _rows(store, SHARES_AMONG, {"ids": sorted(ends)}) if ends else [])
    _add_homes(store, graph)
    _add_documents(store, graph)
    return graph


def _add_frames(store: GraphStore, graph: Graph, bloc: dict[str, list[str]], hub_label: str,
                types: tuple[str, ...]) -> None:
    """The frames of ``hub_label`` the ``bloc`` takes part in, with every actor's link
    to them (its articles).  The links travel as the store's internal ids (a frame's
    and an actor's names, labels and dates would otherwise repeat on each of its
    links: for a country with a thousand companies, most of the reply); the frames'
    and the members' own properties are read once each, afterwards."""
    hub = check_label(hub_label)
    found: set[int] = set()
    for label, ids in sorted(bloc.items()):
        cypher = (f"UNWIND $ids AS id MATCH (f:{check_label(label)} {{id: id}})-[:{_types(types)}]->(h:{hub}) "
                  "RETURN DISTINCT id(h)")
        for chunk in _chunks(sorted(ids)):
            found.update(internal for (internal,) in _rows(store, cypher, {"ids": chunk}))
    # one query per link type, and a link's articles and count in one column (its count
    # only when it has no articles): each value in the reply costs the client a parse,
    # and a frame's 150,000 member links made most of a country's read
    links: list[tuple[int, int, str, Any]] = []
    for rel_type in types:
        cypher = (f"UNWIND $ids AS i MATCH (h:{hub}) WHERE id(h) = i MATCH (a)-[r:{check_type(rel_type)}]->(h) "
                  "RETURN i, id(a), coalesce(r.doc_ids, r.mentions)")
        for chunk in _chunks(sorted(found)):
            links += [(internal_hub, internal_actor, rel_type, facts)
                      for internal_hub, internal_actor, facts in _rows(store, cypher, {"ids": chunk})]
    frames: dict[int, str] = {}
    cypher = (f"UNWIND $ids AS i MATCH (h:{hub}) WHERE id(h) = i "
              "RETURN i, h.id, h.name, h.year, h.first_seen, h.status")
    for chunk in _chunks(sorted({link[0] for link in links})):
        for internal, hub_id, hub_name, year, first_seen, status in _rows(store, cypher, {"ids": chunk}):
            shown = {"year": year, "first_seen": first_seen, "status": status}
            _node(graph, hub_id, hub_label, hub_name, {k: v for k, v in shown.items() if v is not None})
            frames[internal] = hub_id
    actors: dict[int, str] = {}
    cypher = "UNWIND $ids AS i MATCH (a) WHERE id(a) = i RETURN i, a.id, labels(a), a.name"
    for chunk in _chunks(sorted({link[1] for link in links})):
        for internal, actor, labels, name in _rows(store, cypher, {"ids": chunk}):
            if labels and labels[0] in ACTOR_LABELS:
                _node(graph, actor, labels[0], name)
                actors[internal] = actor
    for internal_hub, internal_actor, rel_type, facts in links:
        if internal_actor in actors and internal_hub in frames:
            _link(graph, actors[internal_actor], rel_type, frames[internal_hub], _either(facts))


def _add_homes(store: GraphStore, graph: Graph) -> None:
    """Where the graph's agencies and companies are based: their ``BASED_IN`` links and
    the ``PART_OF`` links up from them (and from the agencies those lead to)."""
    done: set[str] = set()
    frontier = {n.id: n.label for n in graph.nodes.values() if n.label in ("Agency", "Company")}
    while frontier:
        grown: dict[str, str] = {}
        by_label: dict[str, list[str]] = {}
        for node_id, label in frontier.items():
            by_label.setdefault(label, []).append(node_id)
        done.update(frontier)
        for label, ids in sorted(by_label.items()):
            cypher = (f"UNWIND $ids AS id MATCH (a:{check_label(label)} {{id: id}})-[r:BASED_IN|PART_OF]->(b) "
                      "RETURN a.id, type(r), b.id, labels(b)")
            for chunk in _chunks(sorted(ids)):
                for source, rel_type, target, labels in _rows(store, cypher, {"ids": chunk}):
                    label_b = labels[0] if labels else ""
                    _node(graph, target, label_b, None)
                    _link(graph, source, rel_type, target, {})
                    if rel_type == "PART_OF" and target not in done:
                        grown[target] = label_b
        frontier = grown


def _add_documents(store: GraphStore, graph: Graph) -> None:
    """The Documents behind the graph's links, with their dates."""
    docs = sorted({d for rel in graph.relationships.values() for d in rel.props.get("doc_ids", ())})
    for chunk in _chunks(docs):
        for doc_id, date in _rows(store, DOCUMENT_DATES_OF, {"ids": chunk}):
            graph.nodes[doc_id] = Node(doc_id, "Document", doc_id, [], {"first_seen": date} if date else {})


def read_document_dates(store: GraphStore) -> dict[str, str | None]:
    """Every stored article's date (see :mod:`minegraph.graph.dates`)."""
    return {doc_id: date for doc_id, date in _rows(store, DOCUMENT_DATES)}


def _add_own_actors(store: GraphStore, graph: Graph, country: str) -> None:
    """The BASED_IN links to ``country`` and the PART_OF links into its actors (the
    closure :func:`minegraph.graph.analytics.domestic_actors` computes), with their sources."""
    cypher = ("MATCH (x)-[:BASED_IN]->(c:Country {id: $id}) "
              "RETURN x.id AS id, labels(x) AS labels, x.name AS name")
    frontier = []
    for node_id, labels, name in _rows(store, cypher, {"id": country}):
        _node(graph, node_id, labels[0] if labels else "", name)
        _link(graph, node_id, "BASED_IN", country, {})
        frontier.append(node_id)
    seen = set(frontier) | {country}
    cypher = ("UNWIND $ids AS id MATCH (p)-[:PART_OF]->(w:Agency {id: id}) "
              "RETURN p.id AS part, labels(p) AS labels, p.name AS name, w.id AS whole")
    while frontier:
        grown = []
        for chunk in _chunks(sorted(frontier)):
            for part, labels, name, whole in _rows(store, cypher, {"ids": chunk}):
                _node(graph, part, labels[0] if labels else "", name)
                _link(graph, part, "PART_OF", whole, {})
                if part not in seen:
                    seen.add(part)
                    grown.append(part)
        frontier = grown


# --- the map -------------------------------------------------------------------------------------


def read_map_outline(store: GraphStore) -> Graph:
    """Every entity node as id and label (Agreements and Events with their ``year``;
    no names) and every link between entities with its ``mentions`` (and ``derived``
    when set): what the map chooses its nodes and links on (see
    :func:`minegraph.graph.viz.choose_map`)."""
    graph = Graph()
    for label in ENTITY_LABELS:
        dated = label in ("Agreement", "Event")
        year = "n.year" if dated else "null"
        for node_id, value in _rows(store, f"MATCH (n:{check_label(label)}) RETURN n.id AS id, {year} AS year"):
            graph.nodes[node_id] = Node(node_id, label, "", [], {"year": value} if value is not None else {})
    for rel_type in _MAP_TYPES:
        cypher = (f"MATCH (a)-[r:{check_type(rel_type)}]->(b) "
                  "RETURN a.id AS source, b.id AS target, r.mentions AS mentions, r.derived AS derived")
        for source, target, mentions, derived in _rows(store, cypher):
            # the nodes' own id strings, not the reply's copies (about 50 MB at 10,000 articles)
            source = graph.nodes[source].id if source in graph.nodes else source
            target = graph.nodes[target].id if target in graph.nodes else target
            _link(graph, source, rel_type, target, {**_number(mentions), **({"derived": True} if derived else {})})
    return graph


#: an Agreement's or Event's year as the map reads it (the first four characters, as a number)
_YEAR_OF = "toInteger(left(toString(n.year), 4))"
_DATED = ("Agreement", "Event")


def _in_years(label: str, since: int | None, until: int | None) -> str:
    """A WHERE condition on ``n`` keeping the nodes a map with these years draws (an
    Agreement or Event without a readable year, and every other node, stay)."""
    if label not in _DATED or (since is None and until is None):
        return "true"
    bounds = [f"y >= {int(since)}"] if since is not None else []
    bounds += [f"y <= {int(until)}"] if until is not None else []
    return f"(y IS NULL OR ({' AND '.join(bounds)}))"


def _candidates(store: GraphStore, label: str, since: int | None, until: int | None, *,
                count: bool = False, ids: list[str] | None = None) -> list[list[Any]]:
    """The nodes of ``label`` a map with these years may draw (among ``ids`` when given):
    their id and year, or (``count``) how many there are."""
    year = _YEAR_OF if label in _DATED else "null"
    where = _in_years(label, since, until)
    match = (f"UNWIND $ids AS id MATCH (n:{check_label(label)} {{id: id}})" if ids is not None
             else f"MATCH (n:{check_label(label)})")
    tail = "RETURN count(n)" if count else f"RETURN n.id, {'n.year' if label in _DATED else 'null'}"
    return _rows(store, f"{match} WITH n, {year} AS y WHERE {where} {tail}", {"ids": ids})


def _top_by_evidence(store: GraphStore, since: int | None, until: int | None, limit: int) -> list[tuple[str, str]]:
    """The ``limit`` candidate nodes with the most evidence on their links (the sum of
    their links' ``mentions``; ties by id), ranked on the server: ``(id, label)``."""
    types = "|".join(check_type(t) for t in _MAP_TYPES)
    ranked: list[tuple[int, str, str]] = []
    for label in ENTITY_LABELS:
        year = _YEAR_OF if label in _DATED else "null"
        cypher = (f"MATCH (n:{check_label(label)}) WITH n, {year} AS y WHERE {_in_years(label, since, until)} "
                  f"MATCH (n)-[r:{types}]-() WITH n, sum(coalesce(r.mentions, 1)) AS w "
                  "RETURN n.id, w ORDER BY w DESC, n.id LIMIT $limit")
        ranked += [(-int(w), node_id, label) for node_id, w in _rows(store, cypher, {"limit": limit})]
    ranked.sort()
    if len(ranked) < limit:  # nodes without links come last, by id
        chosen = {node_id for _, node_id, _ in ranked}
        for label in ENTITY_LABELS:
            for node_id, _ in _candidates(store, label, since, until):
                if node_id not in chosen:
                    ranked.append((0, node_id, label))
        ranked.sort()
    return [(node_id, label) for _, node_id, label in ranked[:limit]]


def _map_outline(store: GraphStore, nodes: dict[str, str]) -> Graph:
    """The map's outline of ``nodes`` (id -> label): their labels and years, and the
    links among them with ``mentions`` (and ``derived``), read from their sources
    through the id index (a link's other end is checked here: a long list in a query's
    ``IN`` is scanned once per row)."""
    graph = Graph()
    by_label: dict[str, list[str]] = {}
    for node_id, label in nodes.items():
        by_label.setdefault(label, []).append(node_id)
    for label, ids in sorted(by_label.items()):
        for chunk in _chunks(sorted(ids)):
            for node_id, value in _candidates(store, label, None, None, ids=chunk):
                graph.nodes[node_id] = Node(node_id, label, "", [], {"year": value} if value is not None else {})
    for label, ids in sorted(by_label.items()):
        for rel_type in _MAP_TYPES:
            if not any(allowed(rel_type, label, other) for other in by_label):
                continue
            cypher = (f"UNWIND $ids AS id MATCH (a:{check_label(label)} {{id: id}})-[r:{check_type(rel_type)}]->(b) "
                      "RETURN a.id, b.id, r.mentions, r.derived")
            for chunk in _chunks(sorted(ids)):
                for source, target, mentions, derived in _rows(store, cypher, {"ids": chunk}):
                    if target in graph.nodes:
                        _link(graph, graph.nodes[source].id, rel_type, graph.nodes[target].id,
                              {**_number(mentions), **({"derived": True} if derived else {})})
    return graph


def _neighbourhood(store: GraphStore, focus: Node, depth: int, since: int | None, until: int | None
                   ) -> dict[str, str]:
    """The nodes within ``depth`` links of ``focus`` (either direction, through nodes a
    map with these years draws), the focus always: id -> label."""
    found = {focus.id: focus.label}
    frontier = {focus.id: focus.label}
    for _ in range(depth):
        grown: dict[str, str] = {}
        by_label: dict[str, list[str]] = {}
        for node_id, label in frontier.items():
            by_label.setdefault(label, []).append(node_id)
        for label, ids in sorted(by_label.items()):
            cypher = (f"UNWIND $ids AS id MATCH (a:{check_label(label)} {{id: id}})-[r]-(n) "
                      "WHERE type(r) <> 'MENTIONS' RETURN DISTINCT n.id, labels(n)[0]")
            for chunk in _chunks(sorted(ids)):
                for node_id, other in _rows(store, cypher, {"ids": chunk}):
                    if other in ENTITY_LABELS and node_id not in found:
                        grown[node_id] = other
        kept: dict[str, str] = {}
        for label in sorted(set(grown.values())):
            ids = sorted(i for i, lab in grown.items() if lab == label)
            for chunk in _chunks(ids):
                kept.update((node_id, label) for node_id, _ in _candidates(store, label, since, until, ids=chunk))
        found.update(kept)
        frontier = kept
    return found


def read_years(store: GraphStore) -> tuple[int, int] | None:
    """The first and last year of the stored agreements and events (None: no year)."""
    found = [row for label in _DATED for row in _rows(
        store, f"MATCH (n:{check_label(label)}) WITH {_YEAR_OF} AS y WHERE y IS NOT NULL RETURN min(y), max(y)")
        if row[0] is not None]
    return (min(r[0] for r in found), max(r[1] for r in found)) if found else None


def choose_map(store: GraphStore, *, focus: Node | None = None, depth: int = 1, since: int | None = None,
               until: int | None = None, size_by: str = "pagerank", max_nodes: int = 1000) -> MapChoice:
    """What a map draws (see :func:`minegraph.graph.viz.write_map`), chosen on the server.

    With ``focus`` (an entity found by :func:`minegraph.graph.lookup.find_entity`) the
    nodes within ``depth`` links of it are read, then chosen among as on the whole
    graph.  Without, when more nodes than ``max_nodes`` could be drawn, the server
    ranks them by the evidence on their links and the ``max_nodes`` first are drawn;
    ``size_by`` then sizes them within the map (the whole graph is never read).
    """
    check_map_options(size_by=size_by, depth=depth, max_nodes=max_nodes)
    if focus is not None:
        outline = _map_outline(store, _neighbourhood(store, focus, depth, since, until))
        return viz_choose_map(outline, focus=focus.id, depth=depth, since=since, until=until, size_by=size_by,
                              max_nodes=max_nodes)
    total = sum(_candidates(store, label, since, until, count=True)[0][0] for label in ENTITY_LABELS)
    if total <= max_nodes:
        nodes = {node_id: label for label in ENTITY_LABELS for node_id, _ in _candidates(store, label, since, until)}
    else:
        nodes = dict(_top_by_evidence(store, since, until, max_nodes))
    choice = viz_choose_map(_map_outline(store, nodes), since=since, until=until, size_by=size_by,
                            max_nodes=max_nodes)
    return replace(choice, total=total)


def _map_types() -> tuple[str, ...]:
    from minegraph.graph.model import RELATIONSHIP_TYPES

    return tuple(t for t in RELATIONSHIP_TYPES if t != "MENTIONS")


_MAP_TYPES = _map_types()


def _overflow(store: GraphStore, label: str, node_id: str, docs: list[str]) -> evidence.Overflow:
    """The sentences the articles ``docs`` keep for their links from ``node_id``."""
    cypher = (f"UNWIND $docs AS doc MATCH (d:Document {{id: doc}})-[m:MENTIONS]->(n:{check_label(label)} {{id: $id}}) "
              f"WHERE m.{evidence.MORE_PROPERTY} IS NOT NULL RETURN d.id, m.{evidence.MORE_PROPERTY}")
    overflow: evidence.Overflow = {}
    for chunk in _chunks(docs):
        for doc, raw in _rows(store, cypher, {"docs": chunk, "id": node_id}):
            overflow.update(evidence.overflow_of(doc, node_id, raw))
    return overflow


def read_map_details(store: GraphStore, nodes: Iterable[Node], keys: Iterable[tuple[str, str, str]], *,
                     sentences: int | None = EVIDENCE_SHOWN) -> Graph:
    """The drawn nodes with the properties a map shows (name, aliases and
    :data:`NODE_PROPERTIES`), the drawn links ``keys`` with ``mentions``,
    ``confidence``, ``derived``, their first ``sentences`` sentences (None: all) with
    their documents and the number of sentences (:data:`EVIDENCE_TOTAL`), and the
    documents those sentences come from (name, :data:`DOCUMENT_PROPERTIES`)."""
    graph = Graph()
    by_label: dict[str, list[str]] = {}
    for node in nodes:
        by_label.setdefault(node.label, []).append(node.id)
    columns = ", ".join(f"n.{key} AS {key}" for key in NODE_PROPERTIES)
    for label, ids in sorted(by_label.items()):
        cypher = (f"UNWIND $ids AS id MATCH (n:{check_label(label)} {{id: id}}) "
                  f"RETURN n.id AS id, n.name AS name, n.aliases AS aliases, {columns}")
        for chunk in _chunks(sorted(ids)):
            for node_id, name, aliases, *values in _rows(store, cypher, {"ids": chunk}):
                props = {k: v for k, v in zip(NODE_PROPERTIES, values, strict=True) if v is not None}
                graph.nodes[node_id] = Node(node_id, label, name or "", list(aliases or []), props)
    grouped: dict[tuple[str, str, str], list[dict[str, str]]] = {}
    for source, rel_type, target in keys:
        pair = (rel_type, graph.nodes[source].label, graph.nodes[target].label)
        grouped.setdefault(pair, []).append({"source": source, "target": target})
    documents: set[str] = set()
    shown = "" if sentences is None else "[0..$shown]"
    counts = evidence.COUNTS_PROPERTY
    for (rel_type, source_label, target_label), pairs in sorted(grouped.items()):
        cypher = (f"UNWIND $rows AS row MATCH (a:{check_label(source_label)} {{id: row.source}})"
                  f"-[r:{check_type(rel_type)}]->(b:{check_label(target_label)} {{id: row.target}}) "
                  "RETURN a.id AS source, b.id AS target, r.mentions AS mentions, r.confidence AS confidence, "
                  "r.first_seen AS first_seen, r.last_seen AS last_seen, r.articles AS articles, "
                  f"r.derived AS derived, r.evidence{shown} AS evidence, "
                  f"r.evidence_doc_ids{shown} AS evidence_doc_ids, "
                  f"coalesce(reduce(t = 0, c IN r.{counts} | t + c), size(r.evidence)) AS total, "
                  f"r.doc_ids{'' if sentences is None else '[0..2]'} AS doc_ids, r.{counts} AS counts")
        for chunk in _chunks(pairs):
            for source, target, *values in _rows(store, cypher, {"rows": chunk, "shown": sentences}):
                mentions, confidence, first_seen, last_seen, articles, derived, said, said_docs, total, doc_ids, \
                    doc_counts = values
                props = {"mentions": mentions, "confidence": confidence, "derived": derived, "articles": articles,
                         "first_seen": first_seen, "last_seen": last_seen,
                         "evidence": said, "evidence_doc_ids": said_docs, "doc_ids": doc_ids,
                         EVIDENCE_TOTAL: total}
                props = {k: v for k, v in props.items() if v is not None}
                if sentences is None:  # every sentence: the sample and what the articles keep
                    props = evidence.complete(source, rel_type, target, {**props, counts: doc_counts},
                                              _overflow(store, source_label, source, doc_ids or []))
                    props["doc_ids"] = (doc_ids or [])[:2]
                _link(graph, source, rel_type, target, props)
                said_docs = props.get("evidence_doc_ids")
                documents.update(said_docs or ())
                if not said_docs and len(doc_ids or ()) == 1:
                    documents.update(doc_ids)
    columns = ", ".join(f"d.{key} AS {key}" for key in DOCUMENT_PROPERTIES)
    cypher = f"UNWIND $ids AS id MATCH (d:Document {{id: id}}) RETURN d.id AS id, d.name AS name, {columns}"
    for chunk in _chunks(sorted(documents)):
        for doc_id, name, *values in _rows(store, cypher, {"ids": chunk}):
            props = {k: v for k, v in zip(DOCUMENT_PROPERTIES, values, strict=True) if v is not None}
            graph.nodes[doc_id] = Node(doc_id, "Document", name or "", [], props)
    return graph
