"""The partners view (``/api/partners``): an actor's ranked partners with the agreements
and events behind each tie, by mineral and years, and a country's own actors apart.

Selected on the server as ``minegraph centrality --focus`` selects them: the actor and
the mineral are found with :func:`minegraph.graph.lookup.find_entity`, then only the
partner network around the actor is read
(:func:`minegraph.graph.selection.read_focus_graph`).
"""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from minegraph.graph.analytics import domestic_actors, focus_partners, own_actors
from minegraph.graph.lookup import find_entity
from minegraph.graph.model import ACTOR_LABELS, Graph, Node
from minegraph.graph.selection import read_focus_graph
from minegraph.graph.store import GraphStore
from minegraph.graph.viz import _year
from minegraph.workbench import state
from minegraph.workbench.guards import guarded, int_param


@guarded
async def partners(request: Request) -> Response:
    bench = state.of(request)
    q = request.query_params
    since, until = int_param(q.get("since")), int_param(q.get("until"))
    with bench.lock:
        payload = partners_of(bench.store, q.get("actor", ""), mineral=q.get("mineral") or None, since=since,
                              until=until, include_domestic=q.get("include_domestic") in ("1", "true", "on"))
    return JSONResponse(payload)


def partners_of(store: GraphStore, actor: str, *, mineral: str | None = None, since: int | None = None,
                until: int | None = None, include_domestic: bool = False) -> dict[str, Any]:
    """Ranked partners of ``actor`` (a name, alias or id) and a country's own actors
    apart, with the agreements and events behind each tie; with ``mineral`` only ties
    through agreements covering it, with ``since``/``until`` only agreements and events
    of those years (undated ones stay).

    Raises:
        EntityLookupError: ``actor`` names no actor or several, or ``mineral`` no
            Mineral or several.
    """
    node = find_entity(store, actor, ACTOR_LABELS)
    mineral_id = find_entity(store, mineral, ("Mineral",)).id if mineral else None
    around = read_focus_graph(store, node, mineral_id)
    scoped = in_years(around, since, until)
    rows = focus_partners(scoped, node.id, mineral=mineral_id, include_domestic=include_domestic)
    own = [] if include_domestic else own_actors(scoped, node.id, mineral=mineral_id)
    return {"actor": {"id": node.id, "name": node.name, "label": node.label}, "partners": rows, "own_actors": own,
            "domestic_ids": sorted(domestic_actors(around, node.id))}


def in_years(graph: Graph, since: int | None, until: int | None) -> Graph:
    """``graph`` without the Agreements and Events dated outside ``since..until``."""
    if since is None and until is None:
        return graph

    def outside(node: Node) -> bool:
        year = _year(node) if node.label in ("Agreement", "Event") else None
        return year is not None and ((since is not None and year < since) or (until is not None and year > until))

    dropped = {n.id for n in graph.nodes.values() if outside(n)}
    return Graph(nodes={k: v for k, v in graph.nodes.items() if k not in dropped},
                 relationships={k: v for k, v in graph.relationships.items()
                                if k[0] not in dropped and k[2] not in dropped})


ROUTES = [Route("/api/partners", partners)]
