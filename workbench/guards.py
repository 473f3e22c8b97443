"""What every route shares: the request guards, the errors and the security headers.

* :func:`guarded` wraps a view: a refused request (:class:`PermissionError`) is a 403, a
  malformed one (:class:`BadRequest`) a 400, a name that picks out no entity or a
  missing record a 404, a name that picks out several or a store's refusal a 400;
  each as ``{"error": message}``.
* :func:`json_body` is the only way a view reads a body: it must come from the page
  itself (same ``Origin``, or ``Sec-Fetch-Site: same-origin``) and be a JSON object.
* :class:`BodyLimit` refuses bodies over :data:`MAX_BODY` bytes (413), declared or
  streamed; :class:`SecurityHeaders` adds the Content-Security-Policy (scripts from
  this server only), ``nosniff``, ``no-referrer`` and ``no-store`` to every response.

With a loopback host the app also answers only loopback ``Host`` names
(:data:`LOOPBACK_HOSTS`, Starlette's ``TrustedHostMiddleware``: no DNS rebinding).
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Awaitable, Callable
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from minegraph.cypher import NamedQueryError
from minegraph.graph.lookup import AmbiguousNameError, UnknownEntityError
from minegraph.graph.model import OntologyError
from minegraph.graph.store import StoreError

MAX_BODY = 64 * 1024
LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1", "[::1]")
CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; "
       "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")

View = Callable[[Request], Awaitable[Response]]


class BadRequest(Exception):
    """A request the page should not have sent (the message says what is wrong)."""


def error(message: str, status: int = 400) -> JSONResponse:
    return JSONResponse({"error": message}, status_code=status)


def guarded(view: View) -> View:
    """``view`` with the errors a person can cause turned into JSON error responses."""

    @functools.wraps(view)
    async def endpoint(request: Request) -> Response:
        try:
            return await view(request)
        except PermissionError as exc:
            return error(str(exc), 403)
        except (BadRequest, AmbiguousNameError, OntologyError) as exc:
            return error(str(exc))
        except (UnknownEntityError, NamedQueryError) as exc:
            return error(str(exc).strip("'\""), 404)
        except KeyError as exc:
            return error(f"not found: {exc.args[0]}", 404)
        except StoreError as exc:
            return error(str(exc))

    return endpoint


def int_param(value: str | None) -> int | None:
    """A whole number from a query parameter (None when absent or empty)."""
    if value in (None, ""):
        return None
    try:
        return int(value)
    except ValueError:
        raise BadRequest(f"not a whole number: {value!r}") from None


def same_origin(request: Request) -> bool:
    """The request comes from a page this server served (its Origin is this server)."""
    origin = request.headers.get("origin")
    if origin is None:
        return request.headers.get("sec-fetch-site") == "same-origin"
    return origin == f"{request.url.scheme}://{request.headers.get('host', '')}"


async def json_body(request: Request) -> dict[str, Any]:
    """The request's JSON object, from the page itself only."""
    if not same_origin(request):
        raise PermissionError("cross-origin request refused")
    if request.headers.get("content-type", "").split(";")[0].strip() != "application/json":
        raise BadRequest("send JSON (Content-Type: application/json)")
    try:
        body = json.loads(await request.body())
    except (json.JSONDecodeError, UnicodeDecodeError):
        raise BadRequest("the body is not JSON") from None
    except RecursionError:
        raise BadRequest("the body is nested too deeply") from None
    except ValueError:  # an integer of thousands of digits
        raise BadRequest("the body holds a number too long to read") from None
    if not isinstance(body, dict):
        raise BadRequest("the body must be a JSON object")
    if _SURROGATE.search(json.dumps(body, ensure_ascii=False)):
        raise BadRequest("the body holds an escape such as \\ud800 that is no Unicode character")
    return body


_SURROGATE = re.compile("[\ud800-\udfff]")


def text_field(body: dict[str, Any], key: str) -> str:
    """A non-empty text field of a JSON body, stripped."""
    value = body.get(key)
    if not isinstance(value, str) or not value.strip():
        raise BadRequest(f"missing {key!r}")
    return value.strip()


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


class SecurityHeaders:
    """The Content-Security-Policy and the other headers every response carries."""

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
