"""The timeline view: a country's agreements and events per year and its partners'
weight by year (``/api/timeline``), and what changed since a build or a date
(``/api/changes``), each change with its evidence sentence and article.

Read as ``minegraph centrality --focus ... --by-year`` and ``minegraph changes`` read
them: the partner network around the actor (:func:`minegraph.graph.selection.read_focus_graph`),
ranked per year on the facts of that year's articles (:mod:`minegraph.graph.timeline`),
and the store's build log (:mod:`minegraph.graph.changes`).
"""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from minegraph.graph.buildlog import read_builds
from minegraph.graph.changes import NoSuchBuildError, changes_since
from minegraph.graph.dates import normalise_date
from minegraph.graph.lookup import find_entity
from minegraph.graph.model import ACTOR_LABELS
from minegraph.graph.selection import read_focus_graph
from minegraph.graph.store import GraphStore
from minegraph.graph.timeline import document_dates, frames_by_year, partners_by_year, years_between
from minegraph.workbench import state
from minegraph.workbench.guards import BadRequest, guarded, int_param

#: partners drawn in the weight-by-year chart (the strongest over all years)
CHART_PARTNERS = 8
_ON = ("1", "true", "on")


@guarded
async def timeline(request: Request) -> Response:
    bench = state.of(request)
    q = request.query_params
    with bench.lock:
        payload = timeline_of(bench.store, q.get("actor", ""), roll_up=q.get("roll_up", "1") in _ON)
    return JSONResponse(payload)


@guarded
async def changes(request: Request) -> Response:
    bench = state.of(request)
    q = request.query_params
    since_build = int_param(q.get("since_build"))
    since = q.get("since") or None
    if since is not None and normalise_date(since) is None:
        raise BadRequest(f"not a date: {since!r}")
    with bench.lock:
        focus = find_entity(bench.store, q["actor"], ACTOR_LABELS) if q.get("actor") else None
        try:
            report = changes_since(bench.store, since=normalise_date(since) if since else None,
                                   since_build=since_build, focus=focus)
        except NoSuchBuildError as exc:
            raise BadRequest(str(exc)) from None
        builds = builds_of(bench.store)
    return JSONResponse({**report.to_json(), "log": builds})


def builds_of(store: GraphStore) -> list[dict[str, Any]]:
    """The build log, newest first, for the page's picker."""
    return [{"number": e.number, "command": e.command, "started": e.started, "finished": e.finished,
             "summary": e.summary()} for e in reversed(read_builds(store))]


def timeline_of(store: GraphStore, actor: str, *, roll_up: bool = True) -> dict[str, Any]:
    """For ``actor`` (a name, alias or id): its agreements and events per year, and the
    weight of its strongest partners in each year (``series``: one list of weights per
    partner, in the order of ``years``).

    Raises:
        EntityLookupError: ``actor`` names no actor or several.
    """
    node = find_entity(store, actor, ACTOR_LABELS)
    around = read_focus_graph(store, node)
    dates = document_dates(around)
    years = years_between(dates)
    ranked = partners_by_year(around, node.id, dates, years, roll_up=roll_up)
    totals: dict[str, float] = {}
    names: dict[str, tuple[str, str]] = {}
    for entry in ranked:
        for row in entry["partners"]:
            totals[row["id"]] = totals.get(row["id"], 0.0) + row["weight"]
            names[row["id"]] = (row["name"], row["label"])
    chosen = sorted(totals, key=lambda i: (-totals[i], names[i][0].casefold()))[:CHART_PARTNERS]
    series = []
    for partner in chosen:
        weights, trends = [], []
        for entry in ranked:
            row = next((r for r in entry["partners"] if r["id"] == partner), None)
            weights.append(row["weight"] if row else 0.0)
            trends.append(row["trend"] if row else ("gone" if any(g["id"] == partner for g in entry["gone"]) else ""))
        series.append({"id": partner, "name": names[partner][0], "label": names[partner][1], "weights": weights,
                       "trends": trends})
    frames = frames_by_year(around, node.id, roll_up=roll_up)
    return {"actor": {"id": node.id, "name": node.name, "label": node.label}, "years": years,
            "series": series, "frames": {**frames, "agreements": _listed(frames["agreements"]),
                                         "events": _listed(frames["events"])}}


def _listed(counts: dict[int, int]) -> list[list[int]]:
    return [[year, n] for year, n in counts.items()]


ROUTES = [Route("/api/timeline", timeline), Route("/api/changes", changes)]
