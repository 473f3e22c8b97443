"""The workbench web application (Starlette): JSON routes over one open store, and the
page with its own scripts and vis-network, all served from this package (no CDN).

Safety: everything article-derived leaves as JSON and the page inserts it with
``textContent``; a Content-Security-Policy allows scripts from this server only;
requests that change anything (every POST) must come from the page itself (same
``Origin``, JSON body) and bodies are limited to :data:`MAX_BODY` bytes; with a
loopback host, only loopback ``Host`` headers are answered (no DNS rebinding).
Queries from the console are read-only, with the CLI's timeout and row limit.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, PlainTextResponse, Response
from starlette.routing import Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from minegraph.cypher import NamedQueryError, list_queries, load_query
from minegraph.graph.analytics import UnknownEntityError
from minegraph.graph.curation import Curation, find_entity
from minegraph.graph.model import Graph
from minegraph.graph.store import DEFAULT_TIMEOUT, READ_ONLY_MESSAGE, GraphStore, QueryError, StoreError
from minegraph.workbench import views

MAX_BODY = 64 * 1024
ROW_LIMIT = 100  # rows shown, as `minegraph query` shows
MAX_ROWS = 10_000  # rows a query returns to the page (and its downloads)
LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1", "[::1]")
CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; "
       "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
STATIC = resources.files("minegraph.workbench").joinpath("static")


@dataclass
class Workbench:
    """The open store, a cached read of its graph, and (with ``curate``) the curation file.

    What it needs of the pipeline is passed in by its caller, so this package has none of
    its own: ``reapply`` re-reads the articles a decision touches
    (``minegraph.loaders.reapply.reapply``), ``read_article`` gives an article's text from
    its stored path as a build reads it (raising ``ValueError`` or ``OSError`` when it
    cannot be read).
    """

    store: GraphStore
    db_dir: Path | None = None
    curate: bool = False
    reapply: Callable[[GraphStore, Curation, list[str]], Any] | None = None
    read_article: Callable[[str], str] | None = None
    timeout: float = DEFAULT_TIMEOUT
    lock: threading.RLock = field(default_factory=threading.RLock)
    _graph: Graph | None = None

    def graph(self) -> Graph:
        with self.lock:
            if self._graph is None:
                self._graph = self.store.read_graph(provenance=False)
            return self._graph

    def changed(self) -> None:
        with self.lock:
            self._graph = None


class BodyLimit:
    """Refuse request bodies over ``limit`` bytes (413), declared or streamed."""

    def __init__(self, app: ASGIApp, limit: int = MAX_BODY) -> None:
        self.app, self.limit = app, limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > self.limit):
            await PlainTextResponse("request body too large", status_code=413)(scope, receive, send)
            return
        seen = 0

        async def limited() -> Message:
            nonlocal seen
            message = await receive()
            seen += len(message.get("body", b""))
            if seen > self.limit:
                raise _TooLarge
            return message

        try:
            await self.app(scope, limited, send)
        except _TooLarge:
            await PlainTextResponse("request body too large", status_code=413)(scope, receive, send)


class _TooLarge(Exception):
    pass


def _error(message: str, status: int = 400) -> JSONResponse:
    return JSONResponse({"error": message}, status_code=status)


def _int(value: str | None) -> int | None:
    if value in (None, ""):
        return None
    try:
        return int(value)
    except ValueError:
        raise _BadRequest(f"not a whole number: {value!r}") from None


class _BadRequest(Exception):
    pass


def same_origin(request: Request) -> bool:
    """The request comes from a page this server served (its Origin is this server)."""
    origin = request.headers.get("origin")
    if origin is None:
        return request.headers.get("sec-fetch-site") == "same-origin"
    return origin == f"{request.url.scheme}://{request.headers.get('host', '')}"


async def _json_body(request: Request) -> dict[str, Any]:
    if not same_origin(request):
        raise PermissionError("cross-origin request refused")
    if request.headers.get("content-type", "").split(";")[0].strip() != "application/json":
        raise _BadRequest("send JSON (Content-Type: application/json)")
    try:
        body = json.loads(await request.body())
    except (json.JSONDecodeError, UnicodeDecodeError):
        raise _BadRequest("the body is not JSON") from None
    if not isinstance(body, dict):
        raise _BadRequest("the body must be a JSON object")
    return body


def create_app(bench: Workbench, *, allowed_hosts: list[str] | None = None) -> Starlette:
    """The ASGI application over ``bench``; ``allowed_hosts`` limits the ``Host`` header."""

    def guarded(handler: Callable[[Request], Any]) -> Callable[[Request], Any]:
        async def endpoint(request: Request) -> Response:
            try:
                return await handler(request)
            except PermissionError as exc:
                return _error(str(exc), 403)
            except _BadRequest as exc:
                return _error(str(exc))
            except (UnknownEntityError, NamedQueryError) as exc:
                return _error(str(exc).strip("'\""), 404)
            except KeyError as exc:
                return _error(f"not found: {exc.args[0]}", 404)
            except StoreError as exc:
                return _error(str(exc))

        return endpoint

    async def index(request: Request) -> Response:
        return _static_file("index.html")

    async def static(request: Request) -> Response:
        return _static_file(request.path_params["name"])

    async def config(request: Request) -> Response:
        graph = bench.graph()
        return JSONResponse({"store": bench.store.description, "curate": bench.curate, "row_limit": ROW_LIMIT,
                             "timeout": bench.timeout, **views.choices(graph)})

    async def graph_view(request: Request) -> Response:
        q = request.query_params
        depth = _int(q.get("depth")) or 1
        return JSONResponse(views.graph_payload(bench.graph(), focus=q.get("focus") or None,
                                                depth=max(0, min(depth, 6))))

    async def node(request: Request) -> Response:
        return JSONResponse(views.node_details(bench.graph(), request.query_params.get("id", "")))

    async def edge(request: Request) -> Response:
        q = request.query_params
        return JSONResponse(views.edge_evidence(bench.graph(), q.get("source", ""), q.get("type", ""),
                                                q.get("target", "")))

    async def partners(request: Request) -> Response:
        q = request.query_params
        return JSONResponse(views.partners(bench.graph(), q.get("actor", ""), mineral=q.get("mineral") or None,
                                           since=_int(q.get("since")), until=_int(q.get("until")),
                                           include_domestic=q.get("include_domestic") in ("1", "true", "on")))

    async def article(request: Request) -> Response:
        graph = bench.graph()
        doc_id = request.query_params.get("id", "")
        doc = graph.nodes.get(doc_id)
        if doc is None or doc.label != "Document":
            raise KeyError(doc_id)
        text, note = _article_text(bench, str(doc.props.get("path") or ""))
        return JSONResponse({**views.article(graph, doc_id, text), "note": note})

    async def queries(request: Request) -> Response:
        return JSONResponse([{"name": q.name, "summary": q.summary, "params": list(q.params), "text": q.text}
                             for q in list_queries()])

    async def query(request: Request) -> Response:
        body = await _json_body(request)
        params = body.get("params") or {}
        if not isinstance(params, dict):
            raise _BadRequest("params must be an object")
        if body.get("name"):
            named = load_query(str(body["name"]))
            missing = [p for p in named.params if p not in params]
            if missing:
                raise _BadRequest(f"query {named.name!r} needs " + ", ".join(f"${p}" for p in missing))
            cypher = named.text
        else:
            cypher = str(body.get("cypher") or "").strip()
            if not cypher:
                raise _BadRequest("no query")
        with bench.lock:
            try:
                result = bench.store.query(cypher, params, write=False, timeout=bench.timeout)
            except QueryError as exc:
                if str(exc) == READ_ONLY_MESSAGE:
                    raise _BadRequest("refused: the query writes to the graph, and the workbench only reads "
                                      "(write with `minegraph query --write`)") from None
                raise
        rows = result.rows[:MAX_ROWS]
        if body.get("format") == "csv":
            return Response(views.to_csv(result.columns, rows), media_type="text/csv",
                            headers={"Content-Disposition": 'attachment; filename="minegraph-query.csv"'})
        safe_rows = json.loads(json.dumps(rows, default=str))
        return JSONResponse({"columns": result.columns, "rows": safe_rows, "total": len(result.rows),
                             "row_limit": ROW_LIMIT, "graph": views.result_graph(bench.graph(), safe_rows)})

    async def curation_list(request: Request) -> Response:
        if bench.db_dir is None:
            return JSONResponse({"enabled": False, "decisions": []})
        curation = Curation.load(bench.db_dir)
        with bench.lock:
            rows = curation.status(bench.store)
        return JSONResponse({"enabled": bench.curate, "path": str(curation.path), "decisions": rows})

    async def curate(request: Request) -> Response:
        body = await _json_body(request)
        if not bench.curate or bench.db_dir is None:
            raise PermissionError("curation is off (start the workbench with --curate)")
        action = request.path_params["action"]
        who = str(body.get("who") or "workbench")[:100]
        with bench.lock:
            curation = Curation.load(bench.db_dir)
            if action == "undo":
                decision = curation.undo(_int(str(body.get("n", ""))) or 0)
            elif action == "merge":
                decision = curation.merge(find_entity(bench.store, _text(body, "keep")),
                                          find_entity(bench.store, _text(body, "drop")), who)
            elif action == "reject":
                decision = curation.reject(find_entity(bench.store, _text(body, "source")),
                                           find_entity(bench.store, _text(body, "target")), who,
                                           str(body["type"]) if body.get("type") else None)
            elif action == "rename":
                decision = curation.rename(find_entity(bench.store, _text(body, "node")), _text(body, "name"), who)
            else:
                raise KeyError(action)
            curation.save()
            if bench.reapply is None:
                raise PermissionError("this workbench cannot re-read articles (no pipeline was given to it)")
            report = bench.reapply(bench.store, curation, decision.node_ids)
            bench.changed()
        verb = "Undid" if action == "undo" else "Decision"
        return JSONResponse({"decision": decision.to_json(),
                             "message": f"{verb} {decision.n}: {decision.describe()}",
                             "rebuilt": len(report.rebuilt), "missing": report.missing})

    routes = [
        Route("/", index),
        Route("/static/{name:str}", static),
        Route("/favicon.ico", lambda request: Response(status_code=204)),
        Route("/api/config", guarded(config)),
        Route("/api/graph", guarded(graph_view)),
        Route("/api/node", guarded(node)),
        Route("/api/edge", guarded(edge)),
        Route("/api/partners", guarded(partners)),
        Route("/api/article", guarded(article)),
        Route("/api/queries", guarded(queries)),
        Route("/api/query", guarded(query), methods=["POST"]),
        Route("/api/curation", guarded(curation_list)),
        Route("/api/curate/{action:str}", guarded(curate), methods=["POST"]),
    ]
    middleware = [Middleware(BodyLimit), Middleware(_SecurityHeaders)]
    if allowed_hosts:
        middleware.insert(0, Middleware(TrustedHostMiddleware, allowed_hosts=allowed_hosts))
    return Starlette(routes=routes, middleware=middleware)


def _text(body: dict[str, Any], key: str) -> str:
    value = body.get(key)
    if not isinstance(value, str) or not value.strip():
        raise _BadRequest(f"missing {key!r}")
    return value.strip()


class _SecurityHeaders:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message.setdefault("headers", [])
                message["headers"] += [(b"content-security-policy", CSP.encode()),
                                       (b"x-content-type-options", b"nosniff"),
                                       (b"referrer-policy", b"no-referrer"),
                                       (b"cache-control", b"no-store")]
            await send(message)

        await self.app(scope, receive, with_headers)


_VIS = {"vis-network.min.js": "vis-network.min.js", "vis-network.css": "vis-network.css"}
_TYPES = {".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8",
          ".css": "text/css; charset=utf-8", ".png": "image/png"}


def _static_file(name: str) -> Response:
    if name in _VIS:
        import pyvis

        path = Path(pyvis.__file__).parent / "templates" / "lib" / "vis-9.1.2" / _VIS[name]
    else:
        entry = STATIC.joinpath(name)
        if "/" in name or name.startswith(".") or not entry.is_file():
            return PlainTextResponse("not found", status_code=404)
        path = Path(str(entry))
    return FileResponse(path, media_type=_TYPES.get(path.suffix, "application/octet-stream"))


def _article_text(bench: Workbench, path: str) -> tuple[str | None, str | None]:
    """The article's text read again from its file, or None and why not."""
    if not path:
        return None, "the store does not say where this article's file is"
    if bench.read_article is None:
        return None, "this workbench was started without an article reader"
    try:
        return bench.read_article(path), None
    except (ValueError, OSError) as exc:
        return None, f"the article's file cannot be read now ({exc})"
