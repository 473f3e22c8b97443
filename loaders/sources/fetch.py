"""Fetching pages over HTTP(S) politely, with a cache in the data directory.

A :class:`Fetcher` waits ``delay`` seconds between two requests to the same host, gives
up after ``timeout`` seconds without an answer, retries connection errors and
429/5xx answers ``retries`` times with exponential backoff, follows at most
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
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

USER_AGENT = "minegraph/0.1 (news-to-graph builder; fetches one page at a time)"
DEFAULT_TIMEOUT = 20.0
DEFAULT_RETRIES = 2
DEFAULT_DELAY = 1.0
DEFAULT_MAX_BYTES = 10_000_000


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


class Fetcher:
    """Fetches URLs with the settings given; use one per build (it keeps a session)."""

    def __init__(self, cache_dir: str | Path | None, *, timeout: float = DEFAULT_TIMEOUT,
                 retries: int = DEFAULT_RETRIES, backoff: float = 0.5, delay: float = DEFAULT_DELAY,
                 max_bytes: int = DEFAULT_MAX_BYTES, max_redirects: int = 5, user_agent: str = USER_AGENT,
                 refresh: bool = False, offline: bool = False) -> None:
        import requests
        from requests.adapters import HTTPAdapter
        from urllib3.util.retry import Retry

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
        retry = Retry(total=retries, connect=retries, read=retries, status=retries, redirect=None,
                      backoff_factor=backoff, status_forcelist=(429, 500, 502, 503, 504),
                      allowed_methods=("GET",), raise_on_status=False, respect_retry_after_header=True)
        adapter = HTTPAdapter(max_retries=retry)
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
        except requests.TooManyRedirects:
            raise FetchError(f"{url}: too many redirects (a redirect loop?)") from None
        except requests.Timeout:
            raise FetchError(f"{url}: no answer within {self.timeout:g} s") from None
        except requests.exceptions.RetryError as exc:
            raise FetchError(f"{url}: gave up after retries ({_reason(exc)})") from None
        except requests.ConnectionError as exc:
            if "timed out" in str(exc).lower():  # a read timeout that outlived the retries
                raise FetchError(f"{url}: no answer within {self.timeout:g} s") from None
            raise FetchError(f"{url}: cannot connect ({_reason(exc)})") from None
        except requests.RequestException as exc:
            raise FetchError(f"{url}: {type(exc).__name__}: {exc}") from None
        finally:
            self._last[host] = time.monotonic()
        self._store(fetched)
        return fetched


def _reason(exc: Exception) -> str:
    inner = exc.args[0] if exc.args else exc
    reason = getattr(inner, "reason", None) or inner
    text = str(reason)
    return text.split(": ", 1)[-1][:160] if text else type(exc).__name__
