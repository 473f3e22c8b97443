"""The map view: the drawn graph (``/api/graph``), a node's details (``/api/node``) and
a link's evidence (``/api/edge``).

The map chooses what to draw on the server, as ``minegraph map`` does
(:func:`minegraph.graph.selection.choose_map`), then reads the names of the drawn
nodes; a node's details and a link's sentences are read for that node or link alone
(:mod:`minegraph.graph.details`), its partners as ``centrality --focus`` selects them
(:func:`minegraph.graph.selection.read_focus_graph`).
"""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from minegraph.graph.analytics import focus_partners, own_actors
from minegraph.graph.details import NodeView, read_link, read_node
from minegraph.graph.lookup import find_entity
from minegraph.graph.model import ACTOR_LABELS, Graph
from minegraph.graph.selection import choose_map, read_focus_graph, read_map_details
from minegraph.graph.viz import LABEL_STYLES, TYPE_COLORS, MapChoice, _year
from minegraph.workbench import state
from minegraph.workbench.guards import guarded, int_param
from minegraph.workbench.views import document_ref, short

MAX_NODES = 1000
MAX_DEPTH = 6
#: partners and own actors a node's details list
DETAILS_PARTNERS = 20


@guarded
async def graph_view(request: Request) -> Response:
    bench = state.of(request)
    q = request.query_params
    depth = max(0, min(int_param(q.get("depth")) or 1, MAX_DEPTH))
    focus = q.get("focus") or None
    with bench.lock:
        found = find_entity(bench.store, focus) if focus else None
        choice = choose_map(bench.store, focus=found, depth=depth, max_nodes=MAX_NODES)
        named = read_map_details(bench.store, choice.nodes, [])
    return JSONResponse(map_payload(choice, named, MAX_NODES))


@guarded
async def node(request: Request) -> Response:
    bench = state.of(request)
    node_id = request.query_params.get("id", "")
    with bench.lock:
        view = read_node(bench.store, node_id)
        if view is None:
            raise KeyError(node_id)
        around = read_focus_graph(bench.store, view.node) if view.node.label in ACTOR_LABELS else None
    return JSONResponse(node_details(view, around))


@guarded
async def edge(request: Request) -> Response:
    bench = state.of(request)
    q = request.query_params
    key = (q.get("source", ""), q.get("type", ""), q.get("target", ""))
    with bench.lock:
        graph = read_link(bench.store, key)
    return JSONResponse(edge_evidence(graph, key))


def map_payload(choice: MapChoice, named: Graph, max_nodes: int) -> dict[str, Any]:
    """The map's nodes (with ``year`` for the year slider and their PageRank as
    ``value``) and links, Documents left out, as :func:`choose_map` chose them;
    ``named`` holds the drawn nodes' names and aliases."""
    nodes = []
    for chosen in choice.nodes:
        shown = named.nodes.get(chosen.id, chosen)
        nodes.append({"id": chosen.id, "label": short(shown.name), "name": shown.name, "group": chosen.label,
                      "aliases": shown.aliases,
                      "year": _year(chosen) if chosen.label in ("Agreement", "Event") else None,
                      "value": choice.scores.get(chosen.id, 0.0), "shape": LABEL_STYLES[chosen.label][1]})
    return {
        "nodes": nodes,
        "edges": [{"id": f"{r.source}|{r.type}|{r.target}", "from": r.source, "to": r.target, "rtype": r.type,
                   "value": max(1, int(r.props.get("mentions", 1) or 1)),
                   "color": TYPE_COLORS.get(r.type, "#888888"), "dashes": bool(r.props.get("derived"))}
                  for r in choice.links],
        "focus": choice.focus_id,
        "total_nodes": choice.total,
        "trimmed": choice.total > max_nodes,
    }


def node_details(view: NodeView, around: Graph | None) -> dict[str, Any]:
    """A node's properties, its partners and own actors (an actor's, from ``around``,
    the partner network around it), its links and the articles that mention it."""
    node = view.node
    details: dict[str, Any] = {
        "id": node.id, "label": node.label, "name": node.name, "aliases": node.aliases, "props": node.props,
        "documents": [document_ref(doc, doc.id) for doc in view.documents], "partners": [], "own_actors": [],
        "links": sorted([{"type": rel.type, "source": rel.source, "target": rel.target, "other": other}
                         for rel, other in view.links],
                        key=lambda link: (link["type"], link["other"], link["source"], link["target"])),
    }
    if around is not None:
        details["partners"] = focus_partners(around, node.id, top=DETAILS_PARTNERS)
        details["own_actors"] = own_actors(around, node.id)[:DETAILS_PARTNERS]
    return details


def edge_evidence(graph: Graph, key: tuple[str, str, str]) -> dict[str, Any]:
    """A link's evidence sentences, each with the title and date of its article."""
    rel = graph.relationships.get(key)
    if rel is None:
        raise KeyError(key)
    source, _, target = key
    evidence = list(rel.props.get("evidence") or [])
    doc_ids = list(rel.props.get("evidence_doc_ids") or [])
    if not doc_ids and len(rel.props.get("doc_ids") or []) == 1:
        doc_ids = list(rel.props["doc_ids"]) * len(evidence)

    def cited(i: int) -> dict[str, Any] | None:
        return document_ref(graph.nodes.get(doc_ids[i]), doc_ids[i]) if i < len(doc_ids) else None

    return {
        "type": rel.type, "source": {"id": source, "name": graph.nodes[source].name},
        "target": {"id": target, "name": graph.nodes[target].name},
        "mentions": rel.props.get("mentions"), "confidence": rel.props.get("confidence"),
        "derived": bool(rel.props.get("derived")),
        "evidence": [{"sentence": s, "document": cited(i)} for i, s in enumerate(evidence)],
    }


ROUTES = [
    Route("/api/graph", graph_view),
    Route("/api/node", node),
    Route("/api/edge", edge),
]
