"""The page: its HTML, scripts and styles (vis-network from pyvis's copy, no CDN), and
``/api/config``, what its pickers offer (actors, minerals, articles, the year range,
the legend) with the workbench's settings."""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import Any

from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, PlainTextResponse, Response
from starlette.routing import Route

from minegraph.graph.details import read_documents, read_names
from minegraph.graph.model import ACTOR_LABELS, Node
from minegraph.graph.selection import read_years
from minegraph.graph.viz import LABEL_STYLES, TYPE_COLORS
from minegraph.workbench import state
from minegraph.workbench.guards import guarded
from minegraph.workbench.views import document_ref
from minegraph.workbench.views.console import ROW_LIMIT

STATIC = resources.files("minegraph.workbench").joinpath("static")
_VIS = {"vis-network.min.js": "vis-network.min.js", "vis-network.css": "vis-network.css"}
_TYPES = {".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8",
          ".css": "text/css; charset=utf-8", ".png": "image/png"}


async def index(request: Request) -> Response:
    return static_file("index.html")


async def static(request: Request) -> Response:
    return static_file(request.path_params["name"])


async def favicon(request: Request) -> Response:
    return Response(status_code=204)


@guarded
async def config(request: Request) -> Response:
    bench = state.of(request)
    with bench.lock:
        actors = read_names(bench.store, ACTOR_LABELS)
        minerals = read_names(bench.store, ("Mineral",))
        documents = read_documents(bench.store)
        years = read_years(bench.store)
    return JSONResponse({"store": bench.store.description, "curate": bench.curate, "row_limit": ROW_LIMIT,
                         "timeout": bench.timeout, **choices(actors, minerals, documents, years)})


def choices(actors: list[Node], minerals: list[Node], documents: list[Node],
            years: tuple[int, int] | None) -> dict[str, Any]:
    """What the pickers offer: actors, minerals, documents (latest first), the first and
    last years of the agreements and events, and the legend."""
    def listed(nodes: list[Node]) -> list[dict[str, str]]:
        return sorted(({"id": n.id, "name": n.name, "label": n.label} for n in nodes),
                      key=lambda item: (item["name"].casefold(), item["id"]))

    docs = sorted((document_ref(doc, doc.id) for doc in documents),
                  key=lambda d: (str(d.get("published") or ""), d["title"]), reverse=True)
    return {"actors": listed(actors), "minerals": listed(minerals), "documents": docs,
            "years": list(years) if years else None,
            "labels": {label: {"color": colour, "shape": shape} for label, (colour, shape, _) in LABEL_STYLES.items()},
            "types": TYPE_COLORS}


def static_file(name: str) -> Response:
    """A file of the page (``static/``, or vis-network from the pyvis package); 404 for
    any other name, a path or a hidden file."""
    if name in _VIS:
        import pyvis

        path = Path(pyvis.__file__).parent / "templates" / "lib" / "vis-9.1.2" / _VIS[name]
    else:
        entry = STATIC.joinpath(name)
        if "/" in name or name.startswith(".") or not entry.is_file():
            return PlainTextResponse("not found", status_code=404)
        path = Path(str(entry))
    return FileResponse(path, media_type=_TYPES.get(path.suffix, "application/octet-stream"))


ROUTES = [
    Route("/", index),
    Route("/static/{name:str}", static),
    Route("/favicon.ico", favicon),
    Route("/api/config", config),
]
