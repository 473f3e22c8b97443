"""Where articles come from besides text files: saved and fetched web pages, feeds,
PDFs and article exports; and near-duplicate copies of one story.

:func:`read_source` reads one file of any supported kind (a dispatch by kind of input:
HTML -> :mod:`.web`, PDF -> :mod:`.pdf`, anything else -> the plain-text reader), so
the pipeline calls it where it used to call ``read_document``.  Export files
(:mod:`.exports`) hold many articles and are expanded before extraction;
:func:`fetch_documents` and :func:`feed_documents` turn URLs into Documents.
"""

from __future__ import annotations

import email.utils
import hashlib
import re
from collections.abc import Iterable, Iterator
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from urllib.parse import urlsplit

from minegraph.loaders.documents import (
    Document,
    DocumentError,
    Skipped,
    check_size,
    decode_bytes,
    find_published,
    find_publisher,
    find_title,
    normalise_text,
    read_document,
)
from minegraph.loaders.sources.dedup import fingerprint
from minegraph.loaders.sources.exports import EXPORT_SUFFIXES
from minegraph.loaders.sources.fetch import Fetched, Fetcher, FetchError, is_url

__all__ = ["EXPORT_SUFFIXES", "FetchError", "Fetcher", "is_url", "read_source", "fetch_documents",
           "page_document", "iso_date"]

HTML_SUFFIXES = (".html", ".htm", ".xhtml")
HTML_TYPES = ("text/html", "application/xhtml+xml")


def iso_date(value: object) -> str | None:
    """``YYYY-MM-DD`` from an ISO date or timestamp, an RFC 822 date or a written date."""
    if value is None:
        return None
    text = str(value).strip()
    if not text:
        return None
    try:
        return datetime.fromisoformat(text[:10]).date().isoformat()
    except ValueError:
        pass
    try:
        return email.utils.parsedate_to_datetime(text).date().isoformat()
    except (TypeError, ValueError, IndexError):
        pass
    return find_published(text)


def read_source(path: str | Path, max_bytes: int | None = None) -> Document:
    """Read one article file of any kind (see the module docstring); raises
    :class:`DocumentError` naming the file.  The Document carries its text's fingerprint."""
    path = Path(path)
    suffix = path.suffix.lower()
    kind = suffix if suffix in (".pdf", *HTML_SUFFIXES) else _sniff(path)
    if kind == ".pdf":
        return _with_fingerprint(pdf_document(_read_bytes(path, max_bytes), str(path)))
    if kind in HTML_SUFFIXES:
        data = _read_bytes(path, max_bytes)
        text, _ = decode_bytes(data, str(path))
        return _with_fingerprint(page_document(text, str(path), hashlib.sha256(data).hexdigest()))
    return _with_fingerprint(read_document(path, max_bytes=max_bytes))


def _sniff(path: Path) -> str:
    """".pdf" or ".html" for a file whose first bytes say so whatever its name, else its suffix."""
    from minegraph.loaders.sources.web import looks_like_html

    if not path.is_file():  # a FIFO or device: the plain reader refuses it without blocking
        return path.suffix.lower()
    try:
        with path.open("rb") as fh:
            head = fh.read(4096)
    except OSError:
        return path.suffix.lower()  # the reader reports it
    if head.startswith(b"%PDF"):
        return ".pdf"
    return ".html" if looks_like_html(head) else path.suffix.lower()


def _with_fingerprint(doc: Document) -> Document:
    return replace(doc, fingerprint=fingerprint(doc.text))


def _read_bytes(path: Path, max_bytes: int | None) -> bytes:
    try:
        check_size(path, max_bytes)
        return path.read_bytes()
    except IsADirectoryError:
        raise DocumentError(f"{path}: is a directory") from None
    except PermissionError:
        raise DocumentError(f"{path}: permission denied") from None
    except OSError as exc:
        raise DocumentError(f"{path}: cannot read ({exc.strerror or exc})") from None


def page_document(html: str, path: str, sha256: str, url: str | None = None,
                  hints: dict[str, str | None] | None = None) -> Document:
    """A Document from an HTML page: main text and page metadata; where the page has
    none, the ``hints`` (``title``, ``published``, ``publisher``: a feed entry's), then
    what the text itself says."""
    from minegraph.loaders.sources.web import read_page

    page = read_page(html, url=url)
    hints = hints or {}
    text = normalise_text(page.text)
    if not text.strip():
        raise DocumentError(f"{path}: no article text on the page")
    return Document(
        id=_doc_id(path, url),
        path=path,
        text=text,
        sha256=sha256,
        title=page.title or hints.get("title") or find_title(text),
        publisher=page.publisher or hints.get("publisher") or find_publisher(text) or page.host,
        published=page.published or hints.get("published") or find_published(text),
        url=url or page.url,
        author=page.author,
    )


def pdf_document(data: bytes, path: str, url: str | None = None) -> Document:
    from minegraph.loaders.sources.pdf import PdfError, read_pdf

    try:
        pdf = read_pdf(data)
    except PdfError as exc:
        raise DocumentError(f"{path}: {exc}") from None
    text = normalise_text(pdf.text)
    return Document(id=_doc_id(path, url), path=path, text=text, sha256=hashlib.sha256(data).hexdigest(),
                    title=pdf.title or find_title(text), publisher=find_publisher(text),
                    published=find_published(text) or pdf.published, url=url, author=pdf.author)


def _doc_id(path: str, url: str | None) -> str:
    """The file name without suffix; for a URL its last path segment (or its host)."""
    if url or is_url(path):
        parts = urlsplit(url or path)
        segment = [s for s in parts.path.split("/") if s][-1:] or [parts.netloc]
        stem = re.sub(r"\.(html?|php|aspx?|pdf)$", "", segment[0], flags=re.I)
        return re.sub(r"[^\w.-]+", "-", stem).strip("-")[:80] or parts.netloc
    return Path(path).stem


def fetched_document(fetched: Fetched, hints: dict[str, str | None] | None = None) -> Document:
    """A Document from a fetched resource (HTML or PDF); raises :class:`DocumentError`."""
    url = fetched.url
    if fetched.content_type == "application/pdf" or fetched.body.startswith(b"%PDF"):
        return _with_fingerprint(pdf_document(fetched.body, url, url=url))
    from minegraph.loaders.sources.web import looks_like_html

    if fetched.content_type not in HTML_TYPES and not (fetched.content_type in ("", "text/plain")
                                                          and looks_like_html(fetched.body)):
        raise DocumentError(f"{url}: content type {fetched.content_type or '(none)'!r} is not a web page or PDF")
    text, _ = decode_bytes(fetched.body, url)
    doc = page_document(text, url, hashlib.sha256(fetched.body).hexdigest(), url=url, hints=hints)
    return _with_fingerprint(doc)


def fetch_documents(urls: Iterable[str], fetcher: Fetcher) -> Iterator[Document | Skipped]:
    """Fetch (or read from the cache) and read every URL, in order; failures are Skipped."""
    for url in urls:
        try:
            yield fetched_document(fetcher.fetch(url))
        except (FetchError, DocumentError) as exc:
            yield Skipped(url, str(exc).removeprefix(f"{url}: "))


def read_url_list(path: str | Path) -> list[str]:
    """URLs in a text file, one a line (blank lines and ``#`` comments ignored); raises
    :class:`DocumentError` on a line that is not an http(s) URL."""
    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise DocumentError(f"{path}: cannot read the URL list ({getattr(exc, 'strerror', None) or exc})") from None
    urls = []
    for number, line in enumerate(lines, start=1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if not is_url(line):
            raise DocumentError(f"{path}:{number}: not an http(s) URL: {line[:80]!r}")
        urls.append(line)
    return urls
