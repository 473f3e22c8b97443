"""The measures view (``/api/measures``): the governments' measures on minerals (export
bans, controls, quotas, tariffs, royalties, nationalisations, revoked licences,
investment orders, critical-minerals lists, stockpiles), filtered by mineral, kind,
government and year, each with its status, who imposes it, what it targets, whom it
affects and the sentences behind it with their articles.

Selected on the server (:func:`minegraph.graph.measures.read_measures`); the values
each filter can take come with every answer, so the page's pickers follow the store.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from minegraph.graph.measures import measure_facets, read_measures
from minegraph.graph.model import MEASURE_KINDS
from minegraph.graph.store import GraphStore
from minegraph.workbench import state
from minegraph.workbench.guards import BadRequest, guarded, int_param


@guarded
async def measures(request: Request) -> Response:
    bench = state.of(request)
    q = request.query_params
    kind = q.get("kind") or None
    if kind is not None and kind not in MEASURE_KINDS:
        raise BadRequest(f"unknown kind of measure {kind!r}; one of {', '.join(MEASURE_KINDS)}")
    year = int_param(q.get("year"))
    with bench.lock:
        payload = measures_of(bench.store, mineral=q.get("mineral") or None, kind=kind,
                              government=q.get("government") or None, year=year)
    return JSONResponse(payload)


def measures_of(store: GraphStore, *, mineral: str | None = None, kind: str | None = None,
                government: str | None = None, year: int | None = None) -> dict[str, Any]:
    """The measures matching the filters (ids of a Mineral and of a Country or Agency,
    a kind, a year) and what every filter can take."""
    rows = read_measures(store, mineral=mineral, kind=kind, government=government, year=year)
    return {"measures": [asdict(row) for row in rows], "facets": measure_facets(store),
            "filters": {"mineral": mineral, "kind": kind, "government": government, "year": year}}


ROUTES = [Route("/api/measures", measures)]
