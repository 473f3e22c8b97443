"""The workbench web application (Starlette): the views of
:mod:`minegraph.workbench.views` over one :class:`~minegraph.workbench.state.Workbench`,
and the page with its own scripts and vis-network, all served from this package (no CDN).

Safety (:mod:`minegraph.workbench.guards`): everything article-derived leaves as JSON
and the page inserts it with ``textContent``; a Content-Security-Policy allows scripts
from this server only; requests that change anything (every POST) must come from the
page itself (same ``Origin``, JSON body) and bodies are limited to :data:`MAX_BODY`
bytes; with a loopback host, only loopback ``Host`` headers are answered (no DNS
rebinding).  Queries from the console are read-only, with the CLI's timeout and row limit.
"""

from __future__ import annotations

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware

from minegraph.workbench.guards import MAX_BODY, BodyLimit, SecurityHeaders
from minegraph.workbench.state import Workbench
from minegraph.workbench.views import articles, console, curation, measures, page, partners, timeline
from minegraph.workbench.views import map as map_view

__all__ = ["MAX_BODY", "Workbench", "create_app"]

#: every view's routes, in the order they are matched
ROUTES = [*page.ROUTES, *map_view.ROUTES, *partners.ROUTES, *measures.ROUTES, *articles.ROUTES, *console.ROUTES,
          *curation.ROUTES, *timeline.ROUTES]


def create_app(bench: Workbench, *, allowed_hosts: list[str] | None = None) -> Starlette:
    """The ASGI application over ``bench``; ``allowed_hosts`` limits the ``Host`` header."""
    middleware = [Middleware(BodyLimit, limit=MAX_BODY), Middleware(SecurityHeaders)]
    if allowed_hosts:
        middleware.insert(0, Middleware(TrustedHostMiddleware, allowed_hosts=allowed_hosts))
    app = Starlette(routes=ROUTES, middleware=middleware)
    app.state.workbench = bench
    return app
