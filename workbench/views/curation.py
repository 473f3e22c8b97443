"""The curation view: the decisions with whether each still applies (``/api/curation``)
and making or undoing one (``POST /api/curate/{merge,reject,rename,undo}``, only when
the workbench was started with ``--curate``).  Names are found as ``minegraph curate``
finds them (:func:`minegraph.graph.lookup.find_entity`); after a decision the articles
it touches are read again with the pipeline's ``reapply`` the workbench was given."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from minegraph.graph.curation import Curation, Decision
from minegraph.graph.lookup import find_entity
from minegraph.graph.store import GraphStore
from minegraph.workbench import state
from minegraph.workbench.guards import guarded, int_param, json_body, text_field

WHO_CHARS = 100


@guarded
async def decisions(request: Request) -> Response:
    bench = state.of(request)
    if bench.db_dir is None:
        return JSONResponse({"enabled": False, "decisions": []})
    curation = Curation.load(bench.db_dir)
    with bench.lock:
        rows = curation.status(bench.store)
    return JSONResponse({"enabled": bench.curate, "path": str(curation.path), "decisions": rows})


@guarded
async def curate(request: Request) -> Response:
    bench = state.of(request)
    body = await json_body(request)
    if not bench.curate or bench.db_dir is None:
        raise PermissionError("curation is off (start the workbench with --curate)")
    action = request.path_params["action"]
    who = str(body.get("who") or "workbench")[:WHO_CHARS]
    with bench.lock:
        curation = Curation.load(bench.db_dir)
        if action == "undo":
            decision = curation.undo(int_param(str(body.get("n", ""))) or 0)
        else:
            decision = decide(curation, bench.store, action, body, who)
        curation.save()
        if bench.reapply is None:
            raise PermissionError("this workbench cannot re-read articles (no pipeline was given to it)")
        report = bench.reapply(bench.store, curation, decision.node_ids)
    verb = "Undid" if action == "undo" else "Decision"
    return JSONResponse({"decision": decision.to_json(), "message": f"{verb} {decision.n}: {decision.describe()}",
                         "rebuilt": len(report.rebuilt),
                         "missing": [*report.missing, *(str(item) for item in getattr(report, "unreadable", []))]})


def decide(curation: Curation, store: GraphStore, action: str, body: dict, who: str) -> Decision:
    """Record the merge, reject or rename ``body`` asks for (names or ids)."""
    if action == "merge":
        return curation.merge(find_entity(store, text_field(body, "keep")),
                              find_entity(store, text_field(body, "drop")), who)
    if action == "reject":
        return curation.reject(find_entity(store, text_field(body, "source")),
                               find_entity(store, text_field(body, "target")), who,
                               str(body["type"]) if body.get("type") else None)
    if action == "rename":
        return curation.rename(find_entity(store, text_field(body, "node")), text_field(body, "name"), who)
    raise KeyError(action)


ROUTES = [
    Route("/api/curation", decisions),
    Route("/api/curate/{action:str}", curate, methods=["POST"]),
]
