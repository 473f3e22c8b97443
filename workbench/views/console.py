"""The Cypher console: the named queries of ``cypher/`` (``/api/queries``) and running
one or a typed query (``POST /api/query``), read-only with the CLI's timeout, as rows,
as a graph when they hold nodes (with the links among them read from the store), and
as CSV or JSON downloads."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from minegraph.cypher import list_queries, load_query
from minegraph.graph.details import read_links_among
from minegraph.graph.export import spreadsheet_safe
from minegraph.graph.model import Relationship
from minegraph.graph.store import READ_ONLY_MESSAGE, QueryError
from minegraph.graph.viz import LABEL_STYLES, TYPE_COLORS
from minegraph.workbench import state
from minegraph.workbench.guards import BadRequest, guarded, json_body
from minegraph.workbench.views import short

ROW_LIMIT = 100  # rows shown, as `minegraph query` shows
MAX_ROWS = 10_000  # rows a query returns to the page (and its downloads)


@guarded
async def queries(request: Request) -> Response:
    return JSONResponse([{"name": q.name, "summary": q.summary, "params": list(q.params), "text": q.text}
                         for q in list_queries()])


@guarded
async def query(request: Request) -> Response:
    bench = state.of(request)
    body = await json_body(request)
    params = body.get("params") or {}
    if not isinstance(params, dict):
        raise BadRequest("params must be an object")
    if body.get("name"):
        named = load_query(str(body["name"]))
        missing = [p for p in named.params if p not in params]
        if missing:
            raise BadRequest(f"query {named.name!r} needs " + ", ".join(f"${p}" for p in missing))
        cypher = named.text
    else:
        cypher = str(body.get("cypher") or "").strip()
        if not cypher:
            raise BadRequest("no query")
    with bench.lock:
        try:
            result = bench.store.query(cypher, params, write=False, timeout=bench.timeout)
        except QueryError as exc:
            if str(exc) == READ_ONLY_MESSAGE:
                raise BadRequest("refused: the query writes to the graph, and the workbench only reads "
                                 "(write with `minegraph query --write`)") from None
            raise
        rows = result.rows[:MAX_ROWS]
        if body.get("format") == "csv":
            return Response(to_csv(result.columns, rows), media_type="text/csv",
                            headers={"Content-Disposition": 'attachment; filename="minegraph-query.csv"'})
        safe_rows = json.loads(json.dumps(rows, default=str))
        nodes, types = returned(safe_rows)
        links = read_links_among(bench.store, {i: label_of(v) for i, v in nodes.items()}, types) if types else []
    return JSONResponse({"columns": result.columns, "rows": safe_rows, "total": len(result.rows),
                         "row_limit": ROW_LIMIT, "graph": result_graph(nodes, links)})


def returned(rows: list[list[Any]]) -> tuple[dict[str, dict[str, Any]], set[str]]:
    """The nodes a query returned (dicts with ``labels`` and an ``id``), by id, and the
    types of the relationships it returned."""
    nodes: dict[str, dict[str, Any]] = {}
    types: set[str] = set()

    def walk(value: Any) -> None:
        if isinstance(value, dict):
            if "labels" in value and isinstance(value.get("id"), str):
                nodes.setdefault(value["id"], value)
            elif isinstance(value.get("type"), str) and "labels" not in value:
                types.add(value["type"])
            for item in value.values():
                if isinstance(item, (list, dict)):
                    walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk(rows)
    return nodes, types


def label_of(node: dict[str, Any]) -> str:
    return str((node.get("labels") or ["?"])[0])


def result_graph(nodes: dict[str, dict[str, Any]], links: list[Relationship]) -> dict[str, Any] | None:
    """The returned ``nodes`` and the ``links`` among them, drawn as the map draws them;
    None when the result holds no nodes."""
    if not nodes:
        return None
    drawn = []
    for node_id, value in nodes.items():
        label = label_of(value)
        name = str(value.get("name") or node_id)
        drawn.append({"id": node_id, "label": short(name), "name": name, "group": label,
                      "shape": LABEL_STYLES.get(label, ("", "dot", ""))[1]})
    edges = [{"id": f"{r.source}|{r.type}|{r.target}", "from": r.source, "to": r.target, "rtype": r.type,
              "color": TYPE_COLORS.get(r.type, "#888888")} for r in sorted(links, key=lambda r: r.key)]
    return {"nodes": drawn, "edges": edges}


def to_csv(columns: list[str], rows: list[list[Any]]) -> str:
    """The rows as CSV for a spreadsheet: text cells that would read as a formula are
    escaped (:func:`minegraph.graph.export.spreadsheet_safe`)."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([spreadsheet_safe(c) for c in columns])
    for row in rows:
        writer.writerow(["" if v is None else v if isinstance(v, (int, float)) and not isinstance(v, bool) else
                         spreadsheet_safe(v if isinstance(v, str) else json.dumps(v, ensure_ascii=False))
                         for v in row])
    return out.getvalue()


ROUTES = [
    Route("/api/queries", queries),
    Route("/api/query", query, methods=["POST"]),
]
