"""The kinds of article a reader meets, each to a Document: plain text, web pages (saved or
fetched, :mod:`.web`), PDFs (:mod:`.pdf`), rows of news-database exports (:mod:`.exports`)
and feed entries (:mod:`.feeds`); pages are fetched politely and cached (:mod:`.fetch`);
near-duplicate copies of one story are found by :mod:`.dedup`.

These are the parts; the door is :mod:`minegraph.loaders.reader`, which picks the kind
for a file, a URL or an export row.  :func:`file_document` gives the kind of a file's
bytes (a PDF, an HTML page whatever its name, else plain text), :func:`fetched_document`
that of a fetched resource.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path
from urllib.parse import urlsplit

from minegraph.loaders.documents import (
    Document,
    DocumentError,
    decode_bytes,
    find_published,
    find_publisher,
    find_title,
    normalise_text,
)
from minegraph.loaders.sources.fetch import Fetched, is_url
from minegraph.loaders.sources.web import looks_like_html

__all__ = ["file_document", "text_document", "page_document", "pdf_document", "fetched_document",
           "read_url_list", "HTML_SUFFIXES"]

HTML_SUFFIXES = (".html", ".htm", ".xhtml")
HTML_TYPES = ("text/html", "application/xhtml+xml")


def file_document(data: bytes, path: str) -> Document:
    """A Document from a file's bytes, by kind: a PDF (by suffix or by its first bytes),
    an HTML page (by suffix, or a page saved under any other name), else plain text.
    Raises :class:`DocumentError` naming ``path``."""
    suffix = Path(path).suffix.lower()
    if suffix == ".pdf" or data.startswith(b"%PDF"):
        return pdf_document(data, path)
    text, encoding = decode_bytes(data, path)
    sha256 = hashlib.sha256(data).hexdigest()
    if suffix in HTML_SUFFIXES or looks_like_html(text):
        return page_document(text, path, sha256)
    return text_document(text, path, sha256, encoding)


def text_document(text: str, path: str, sha256: str, encoding: str = "utf-8") -> Document:
    """A Document from plain text: the title, date and publisher the text names."""
    text = normalise_text(text)
    if not text.strip():
        raise DocumentError(f"{path}: no text in file")
    return Document(id=Path(path).stem, path=path, text=text, sha256=sha256, title=find_title(text),
                    publisher=find_publisher(text), published=find_published(text), encoding=encoding)


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
    """A Document from a PDF's bytes: its text layer in reading order, page furniture out."""
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
    """A Document from a fetched resource (a web page or a PDF); raises :class:`DocumentError`."""
    url = fetched.url
    if fetched.content_type == "application/pdf" or fetched.body.startswith(b"%PDF"):
        return pdf_document(fetched.body, url, url=url)
    declared = fetched.content_type in HTML_TYPES
    refused = DocumentError(f"{url}: content type {fetched.content_type or '(none)'!r} is not a web page or PDF")
    if not declared and fetched.content_type not in ("", "text/plain"):
        raise refused
    text, _ = decode_bytes(fetched.body, url)
    if not declared and not looks_like_html(text):
        raise refused
    return page_document(text, url, hashlib.sha256(fetched.body).hexdigest(), url=url, hints=hints)


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
