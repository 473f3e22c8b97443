"""The partners view (``/api/partners``): an actor's ranked partners with the agreements
and events behind each tie and each weight's breakdown, by mineral and years, and a
country's own actors apart.

Selected on the server as ``minegraph centrality --focus`` selects them, with the same
meaning of a partner (a country's ranking rolls up the ties of its own actors unless
``roll_up`` is off; its own actors are never its partners) and the same windows (the
facts of articles dated in those years): the actor and the mineral are found with
:func:`minegraph.graph.lookup.find_entity`, then only the partner network around the
actor is read (:func:`minegraph.graph.selection.read_focus_graph`).
"""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from minegraph.graph.analytics import domestic_actors, focus_partners, own_actors
from minegraph.graph.dates import Window, documents_in
from minegraph.graph.lookup import find_entity
from minegraph.graph.model import ACTOR_LABELS
from minegraph.graph.selection import read_focus_graph
from minegraph.graph.store import GraphStore
from minegraph.graph.timeline import document_dates
from minegraph.workbench import state
from minegraph.workbench.guards import guarded, int_param

_ON = ("1", "true", "on")


@guarded
async def partners(request: Request) -> Response:
    bench = state.of(request)
    q = request.query_params
    since, until = int_param(q.get("since")), int_param(q.get("until"))
    with bench.lock:
        payload = partners_of(bench.store, q.get("actor", ""), mineral=q.get("mineral") or None, since=since,
                              until=until, include_domestic=q.get("include_domestic") in _ON,
                              roll_up=q.get("roll_up", "1") in _ON)
    return JSONResponse(payload)


def year_window(since: int | None, until: int | None) -> Window:
    """The window of the years ``since`` to ``until`` (either open)."""
    return Window(f"{since:04d}-01-01" if since is not None else None,
                  f"{until:04d}-12-31" if until is not None else None)


def partners_of(store: GraphStore, actor: str, *, mineral: str | None = None, since: int | None = None,
                until: int | None = None, include_domestic: bool = False, roll_up: bool = True) -> dict[str, Any]:
    """Ranked partners of ``actor`` (a name, alias or id) and a country's own actors
    apart, with the agreements and events behind each tie; with ``mineral`` only ties
    through agreements covering it, with ``since``/``until`` only the facts of articles
    dated in those years.

    Raises:
        EntityLookupError: ``actor`` names no actor or several, or ``mineral`` no
            Mineral or several.
    """
    node = find_entity(store, actor, ACTOR_LABELS)
    mineral_id = find_entity(store, mineral, ("Mineral",)).id if mineral else None
    around = read_focus_graph(store, node, mineral_id)
    window = year_window(since, until)
    documents = None if window.open else documents_in(document_dates(around), window)
    rows = focus_partners(around, node.id, mineral=mineral_id, include_domestic=include_domestic, roll_up=roll_up,
                          documents=documents)
    own = [] if include_domestic else own_actors(around, node.id, mineral=mineral_id, roll_up=roll_up,
                                                 documents=documents)
    return {"actor": {"id": node.id, "name": node.name, "label": node.label}, "partners": rows, "own_actors": own,
            "domestic_ids": sorted(domestic_actors(around, node.id)), "window": window.describe()}


ROUTES = [Route("/api/partners", partners)]
