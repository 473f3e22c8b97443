"""Fetching pages over HTTP(S) politely, with a cache in the data directory.

A :class:`Fetcher` waits ``delay`` seconds between two requests to the same host, gives
up on an answer that is not complete ``timeout`` seconds after its request went out
(however slowly the server trickles it), retries connection errors and 429/5xx
answers ``retries`` times with exponential backoff (a ``Retry-After`` is honoured up
to :data:`MAX_RETRY_AFTER` seconds; a longer one skips the page), follows at most
``max_redirects`` redirects, stops reading a body above ``max_bytes`` and says who it
is in its User-Agent.  Each fetched page is kept under ``cache_dir`` (body plus a small
JSON record of the final URL and content type), so a rebuild reads the cache and does
not fetch again unless ``refresh`` is set; an ``offline`` fetcher only reads the cache (the
workbench shows a fetched article without going online).  Every failure is a :class:`FetchError`
whose message names the URL.
"""

from __future__ import annotations

import hashlib
import json
import os
import socket
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

USER_AGENT = "minegraph/0.1 (news-to-graph builder; fetches one page at a time)"
DEFAULT_TIMEOUT = 20.0
DEFAULT_RETRIES = 2
DEFAULT_DELAY = 1.0
DEFAULT_MAX_BYTES = 10_000_000
#: the longest Retry-After a fetch waits for; a server asking for more is skipped
MAX_RETRY_AFTER = 60.0


class FetchError(RuntimeError):
    """A page that could not be fetched; the message starts with its URL."""


@dataclass(frozen=True)
class Fetched:
    """A fetched (or cached) resource."""

    url: str            # as asked for
    final_url: str      # after redirects
    content_type: str   # media type only, lower case ("text/html")
    body: bytes


def is_url(text: str) -> bool:
    return urlsplit(text).scheme in ("http", "https") and bool(urlsplit(text).netloc)


class _Expired(Exception):
    """An attempt ran out of its time (raised where urllib3 would otherwise retry)."""


class _WaitTooLong(Exception):
    def __init__(self, seconds: float) -> None:
        super().__init__(seconds)
        self.seconds = seconds


class _Deadline:
    """Ends an attempt at a response ``seconds`` after its connection was handed out:
    a timer shuts the connection's socket, which wakes the read that waits on it.  A
    read timeout alone restarts with every byte, so a server sending one byte every
    2.9 s held a 3 s fetch for as long as it liked."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.expired = False
        self._lock = threading.Lock()
        self._timer: threading.Timer | None = None
        self._sock: socket.socket | None = None

    def arm(self, connection: Any) -> None:
        """A connection is handed out for an attempt: its time starts now."""
        with self._lock:
            if self.expired:  # no new attempt once the time is up
                raise _Expired
            if self._timer is not None:
                self._timer.cancel()
            self._sock = getattr(connection, "sock", None)  # a kept-alive connection's; a new one's comes later
            self._timer = threading.Timer(self.seconds, self._expire)
            self._timer.daemon = True
            self._timer.start()

    def watch(self, sock: socket.socket | None) -> None:
        """The socket a new connection opened (the response keeps reading from it even
        after the connection lets go of it)."""
        with self._lock:
            self._sock = sock

    def _expire(self) -> None:
        with self._lock:
            self.expired = True
            sock = self._sock
        if sock is not None:
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:  # closed already
                pass

    def reset(self) -> None:
        with self._lock:
            if self._timer is not None:
                self._timer.cancel()
            self._timer, self._sock, self.expired = None, None, False


def _pools(deadline: _Deadline) -> dict[str, type]:
    """urllib3 connection pools that arm ``deadline`` for every connection they hand out."""
    from urllib3.connection import HTTPConnection, HTTPSConnection
    from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool

    class Connection(HTTPConnection):
        def connect(self) -> None:
            super().connect()
            deadline.watch(self.sock)

    class ConnectionTLS(HTTPSConnection):
        def connect(self) -> None:
            super().connect()
            deadline.watch(self.sock)

    class Watched(HTTPConnectionPool):
        ConnectionCls = Connection

        def _get_conn(self, timeout: float | None = None) -> Any:
            connection = super()._get_conn(timeout)
            deadline.arm(connection)
            return connection

    class WatchedTLS(HTTPSConnectionPool):
        ConnectionCls = ConnectionTLS

        def _get_conn(self, timeout: float | None = None) -> Any:
            connection = super()._get_conn(timeout)
            deadline.arm(connection)
            return connection

    return {"http": Watched, "https": WatchedTLS}


def _capped_retry() -> type:
    from urllib3.util.retry import Retry

    class CappedRetry(Retry):
        """urllib3's retries, honouring ``Retry-After`` only up to :data:`MAX_RETRY_AFTER`."""

        def sleep_for_retry(self, response: Any) -> bool:
            wait = self.get_retry_after(response)
            if wait is not None and wait > MAX_RETRY_AFTER:
                raise _WaitTooLong(wait)
            return bool(super().sleep_for_retry(response))

    return CappedRetry


class Fetcher:
    """Fetches URLs with the settings given; use one per build (it keeps a session)."""

    def __init__(self, cache_dir: str | Path | None, *, timeout: float = DEFAULT_TIMEOUT,
                 retries: int = DEFAULT_RETRIES, backoff: float = 0.5, delay: float = DEFAULT_DELAY,
                 max_bytes: int = DEFAULT_MAX_BYTES, max_redirects: int = 5, user_agent: str = USER_AGENT,
                 refresh: bool = False, offline: bool = False) -> None:
        import requests
        from requests.adapters import HTTPAdapter

        self.cache_dir = Path(cache_dir) if cache_dir is not None else None
        self.timeout = timeout
        self.delay = delay
        self.max_bytes = max_bytes
        self.refresh = refresh
        self.offline = offline
        self._last: dict[str, float] = {}
        self.session = requests.Session()
        self.session.max_redirects = max_redirects
        self.session.headers["User-Agent"] = user_agent
        retry = _capped_retry()(total=retries, connect=retries, read=retries, status=retries, redirect=None,
                                backoff_factor=backoff, status_forcelist=(429, 500, 502, 503, 504),
                                allowed_methods=("GET",), raise_on_status=False, respect_retry_after_header=True)
        adapter = HTTPAdapter(max_retries=retry)
        self._deadline = _Deadline(timeout)
        adapter.poolmanager.pool_classes_by_scheme = _pools(self._deadline)
        self.session.mount("http://", adapter)
        self.session.mount("https://", adapter)

    def close(self) -> None:
        self.session.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # cache -------------------------------------------------------------------------
    def _cache_paths(self, url: str) -> tuple[Path, Path] | None:
        if self.cache_dir is None:
            return None
        key = hashlib.sha256(url.encode()).hexdigest()[:32]
        return self.cache_dir / f"{key}.body", self.cache_dir / f"{key}.json"

    def cached(self, url: str) -> Fetched | None:
        paths = self._cache_paths(url)
        if paths is None or not paths[0].exists() or not paths[1].exists():
            return None
        try:
            meta = json.loads(paths[1].read_text(encoding="utf-8"))
            return Fetched(url, meta["final_url"], meta["content_type"], paths[0].read_bytes())
        except (OSError, ValueError, KeyError):
            return None  # a damaged cache entry is fetched again

    def _store(self, fetched: Fetched) -> None:
        paths = self._cache_paths(fetched.url)
        if paths is None:
            return
        paths[0].parent.mkdir(parents=True, exist_ok=True)
        meta = {"url": fetched.url, "final_url": fetched.final_url, "content_type": fetched.content_type,
                "fetched": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())}
        for path, data in ((paths[0], fetched.body), (paths[1], json.dumps(meta).encode())):
            tmp = path.with_suffix(path.suffix + ".tmp")
            tmp.write_bytes(data)
            os.replace(tmp, path)  # a reader never sees half a page

    # fetching ----------------------------------------------------------------------
    def _wait_for(self, host: str) -> None:
        last = self._last.get(host)
        if last is not None:
            wait = self.delay - (time.monotonic() - last)
            if wait > 0:
                time.sleep(wait)

    def fetch(self, url: str) -> Fetched:
        """The resource at ``url``, from the cache unless ``refresh``; raises :class:`FetchError`."""
        import requests

        if not self.refresh and (hit := self.cached(url)) is not None:
            return hit
        if self.offline:
            raise FetchError(f"{url}: not among the fetched pages kept in the data directory")
        host = urlsplit(url).netloc.lower()
        self._wait_for(host)
        self._deadline.reset()
        try:
            with self.session.get(url, timeout=self.timeout, stream=True) as response:
                if response.status_code >= 400:
                    raise FetchError(f"{url}: HTTP {response.status_code} {response.reason or ''}".rstrip())
                length = response.headers.get("Content-Length")
                if length and length.isdigit() and int(length) > self.max_bytes:
                    raise FetchError(f"{url}: page is {int(length) / 1e6:.1f} MB, above the "
                                     f"{self.max_bytes / 1e6:g} MB limit")
                body = bytearray()
                for block in response.iter_content(65536):
                    body += block
                    if len(body) > self.max_bytes:
                        raise FetchError(f"{url}: page is above the {self.max_bytes / 1e6:g} MB limit")
                content_type = (response.headers.get("Content-Type") or "").split(";")[0].strip().lower()
                fetched = Fetched(url, response.url, content_type, bytes(body))
        except _WaitTooLong as exc:
            raise FetchError(f"{url}: the server asks to wait {exc.seconds:g} s before trying again, more than "
                             f"the {MAX_RETRY_AFTER:g} s minegraph waits") from None
        except (_Expired, requests.RequestException) as exc:
            if isinstance(exc, _Expired) or self._deadline.expired:
                raise FetchError(f"{url}: no complete answer within {self.timeout:g} s") from None
            raise self._failure(url, exc) from None
        finally:
            self._deadline.reset()
            self._last[host] = time.monotonic()
        self._store(fetched)
        return fetched

    def _failure(self, url: str, exc: Exception) -> FetchError:
        """The one-line message for a failed request."""
        import requests

        if isinstance(exc, requests.TooManyRedirects):
            return FetchError(f"{url}: too many redirects (a redirect loop?)")
        if isinstance(exc, requests.Timeout) or (isinstance(exc, requests.ConnectionError)
                                                 and "timed out" in str(exc).lower()):
            return FetchError(f"{url}: no answer within {self.timeout:g} s")  # a read timeout past the retries
        if isinstance(exc, requests.exceptions.RetryError):
            return FetchError(f"{url}: gave up after retries ({_reason(exc)})")
        if isinstance(exc, requests.ConnectionError):
            return FetchError(f"{url}: cannot connect ({_reason(exc)})")
        return FetchError(f"{url}: {type(exc).__name__}: {exc}")


def _reason(exc: Exception) -> str:
    inner = exc.args[0] if exc.args else exc
    reason = getattr(inner, "reason", None) or inner
    text = str(reason)
    return text.split(": ", 1)[-1][:160] if text else type(exc).__name__
