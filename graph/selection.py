"""Reads that select on the server what a ranking or a map shows.

``centrality`` and ``map`` used to read the whole graph and pick what they needed in
Python.  Here each asks only for what it uses (an entity named by a person is found
first with :func:`minegraph.graph.lookup.find_entity`, also selected on the server):

* :func:`read_ranking_graph` reads the partner network's outline (actors with their
  names, their links to agreements and events and their cooperation links, with
  ``mentions``; no hub names, no domestic links);
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
from typing import Any

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
from minegraph.graph.ties import COOPERATION, HUB_LINKS, SHARES
from minegraph.graph.viz import EVIDENCE_IN_TOOLTIP, EVIDENCE_TOTAL

#: node properties a map shows (tooltips: see graph.viz.PROPERTY_CAPTIONS)
NODE_PROPERTIES = ("iso2", "iso3", "acronym", "kind", "status", "year", "date", "state_owned", "symbol",
                   "group", "title", "first_seen", "last_seen", "articles", "status_history", "status_dates")
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
    f"MATCH (a)-[r:{check_type(COOPERATION)}]-(b) {{where}}"
    "WITH a, b, coalesce(r.evidence, []) AS ev, coalesce(r.evidence_doc_ids, []) AS ed "
    "UNWIND range(0, size(ev) - 1) AS i "
    "WITH a, ed[i] AS doc, ev[i] AS sentence, collect(DISTINCT b.id) AS others "
    "UNWIND others AS other "
    "WITH doc, sentence, CASE WHEN a.id < other THEN a.id ELSE other END AS lo, "
    "CASE WHEN a.id < other THEN other ELSE a.id END AS hi, max(size(others)) AS shared "
    "WITH lo, hi, doc, min(shared) AS shared WHERE shared > 1 "
    "RETURN lo, hi, doc, shared"
)
ALL_SHARES = _SHARES.format(where="")
SHARES_AMONG = _SHARES.format(where="WHERE a.id IN $ids ")
DOCUMENT_DATES = "MATCH (d:Document) RETURN d.id AS id, d.first_seen AS date"
DOCUMENT_DATES_OF = "UNWIND $ids AS id MATCH (d:Document {id: id}) RETURN d.id AS id, d.first_seen AS date"


def _facts(docs: Any, mentions: Any) -> dict[str, Any]:
    """A link's props as the ranking reads them: its articles, else its count."""
    return {"doc_ids": list(docs)} if docs is not None else _number(mentions)


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
        hub = check_label(hub_label)
        for label, ids in sorted(bloc.items()):
            cypher = (f"UNWIND $ids AS id MATCH (f:{check_label(label)} {{id: id}})-[:{_types(types)}]->(h:{hub}) "
                      f"WITH DISTINCT h MATCH (a)-[r:{_types(types)}]->(h) "
                      "RETURN h.id AS hub, h.name AS hub_name, h.year AS year, h.first_seen AS first_seen, "
                      "h.status AS status, a.id AS actor, labels(a) AS labels, "
                      f"a.name AS name, type(r) AS type, {_LINK_COLUMNS}")
            for hub_id, hub_name, year, first_seen, status, actor, labels, name, rel_type, docs, mentions in _rows(
                    store, cypher, {"ids": sorted(ids)}):
                shown = {"year": year, "first_seen": first_seen, "status": status}
                _node(graph, hub_id, hub_label, hub_name, {k: v for k, v in shown.items() if v is not None})
                if labels and labels[0] in ACTOR_LABELS:
                    _node(graph, actor, labels[0], name)
                    _link(graph, actor, rel_type, hub_id, _facts(docs, mentions))
    if mineral is not None:
        for label, ids in sorted(bloc.items()):
            _add_mineral(store, graph, mineral,
                         f"UNWIND $ids AS id MATCH (f:{check_label(label)} {{id: id}})-[:{member_types}]->"
                         "(h:Agreement)-[:COVERS]->(m:Mineral {id: $mineral}) RETURN DISTINCT h.id AS hub",
                         {"ids": sorted(ids)})
    else:
        ends: set[str] = set()
        for label, ids in sorted(bloc.items()):
            cypher = (f"UNWIND $ids AS id MATCH (f:{check_label(label)} {{id: id}})-[r:{check_type(COOPERATION)}]->(b) "
                      f"RETURN f.id AS source, b.id AS target, b.id AS other, labels(b) AS labels, b.name AS name, "
                      f"{_LINK_COLUMNS} "
                      f"UNION ALL UNWIND $ids AS id MATCH (b)-[r:{check_type(COOPERATION)}]->(f:{check_label(label)} "
                      "{id: id}) RETURN b.id AS source, f.id AS target, b.id AS other, labels(b) AS labels, "
                      f"b.name AS name, {_LINK_COLUMNS}")
            for source, target, other, labels, name, docs, mentions in _rows(store, cypher, {"ids": sorted(ids)}):
                if labels:
                    _node(graph, other, labels[0], name)
                _link(graph, source, COOPERATION, target, _facts(docs, mentions))
                ends.update((source, target))
        _add_shares(graph, _rows(store, SHARES_AMONG, {"ids": sorted(ends)}) if ends else [])
    _add_homes(store, graph)
    _add_documents(store, graph)
    return graph


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


def _map_types() -> tuple[str, ...]:
    from minegraph.graph.model import RELATIONSHIP_TYPES

    return tuple(t for t in RELATIONSHIP_TYPES if t != "MENTIONS")


_MAP_TYPES = _map_types()


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
    for (rel_type, source_label, target_label), pairs in sorted(grouped.items()):
        cypher = (f"UNWIND $rows AS row MATCH (a:{check_label(source_label)} {{id: row.source}})"
                  f"-[r:{check_type(rel_type)}]->(b:{check_label(target_label)} {{id: row.target}}) "
                  "RETURN a.id AS source, b.id AS target, r.mentions AS mentions, r.confidence AS confidence, "
                  "r.first_seen AS first_seen, r.last_seen AS last_seen, r.articles AS articles, "
                  f"r.derived AS derived, r.evidence{shown} AS evidence, "
                  f"r.evidence_doc_ids{shown} AS evidence_doc_ids, size(r.evidence) AS total, "
                  "r.doc_ids[0..2] AS doc_ids")
        for chunk in _chunks(pairs):
            for source, target, *values in _rows(store, cypher, {"rows": chunk, "shown": sentences}):
                mentions, confidence, first_seen, last_seen, articles, derived, evidence, evidence_docs, total, \
                    doc_ids = values
                props = {"mentions": mentions, "confidence": confidence, "derived": derived, "articles": articles,
                         "first_seen": first_seen, "last_seen": last_seen,
                         "evidence": evidence, "evidence_doc_ids": evidence_docs, "doc_ids": doc_ids,
                         EVIDENCE_TOTAL: total}
                props = {k: v for k, v in props.items() if v is not None}
                _link(graph, source, rel_type, target, props)
                documents.update(evidence_docs or ())
                if not evidence_docs and len(doc_ids or ()) == 1:
                    documents.update(doc_ids)
    columns = ", ".join(f"d.{key} AS {key}" for key in DOCUMENT_PROPERTIES)
    cypher = f"UNWIND $ids AS id MATCH (d:Document {{id: id}}) RETURN d.id AS id, d.name AS name, {columns}"
    for chunk in _chunks(sorted(documents)):
        for doc_id, name, *values in _rows(store, cypher, {"ids": chunk}):
            props = {k: v for k, v in zip(DOCUMENT_PROPERTIES, values, strict=True) if v is not None}
            graph.nodes[doc_id] = Node(doc_id, "Document", name or "", [], props)
    return graph
