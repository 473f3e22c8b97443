"""The one way an article is read, whoever reads it: build, extract, eval, the workbench
and the benchmarks all come through here, so each sees the same text.

:func:`read_article` turns one source into a :class:`~minegraph.loaders.documents.Document`:

* an http(s) URL: fetched (or taken from the cache) by a
  :class:`~minegraph.loaders.sources.fetch.Fetcher`, a web page or a PDF;
* ``FILE#ROW``: row ``ROW`` of a CSV or JSON-lines export (the path a build stores for it);
* a file: a PDF, an HTML page (by its suffix, or a page saved under any other name) or
  plain text.

:func:`read_articles` walks files and folders and yields a Document or a
:class:`~minegraph.loaders.documents.Skipped` per article (an export file gives one per
row), for callers that want documents without a store (``minegraph eval``, the
benchmarks, tests).  :func:`list_articles` is the same walk with the files left unread
(the pipeline reads them in its worker processes); :func:`read_in_chunks` hands out a
huge plain-text file in pieces; :func:`fetch_documents` reads a list of URLs.

The parts live below: :mod:`minegraph.loaders.documents` (the types, regular files only,
size caps, decoding, title/date/publisher) and :mod:`minegraph.loaders.sources` (one
module per kind; the one HTML test and hidden-content stripper are in
:mod:`minegraph.loaders.sources.web`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import replace
from pathlib import Path

from minegraph.loaders.documents import (
    CHUNK_BYTES,
    Document,
    DocumentError,
    Skipped,
    check_read,
    decode_bytes,
    file_sha256,
    find_files,
    find_published,
    find_publisher,
    find_title,
    normalise_text,
    open_regular,
    printable,
    read_bytes,
)
from minegraph.loaders.sources import fetched_document, file_document
from minegraph.loaders.sources.exports import EXPORT_SUFFIXES, read_export, read_row
from minegraph.loaders.sources.fetch import Fetcher, FetchError, is_url
from minegraph.loaders.sources.web import looks_like_html

__all__ = ["read_article", "read_articles", "list_articles", "read_in_chunks", "fetch_documents"]

_EXPORT_ROW = re.compile(r"(?P<file>.+\.(?:csv|jsonl|ndjson))#(?P<row>[1-9]\d*)", re.IGNORECASE | re.DOTALL)


def read_article(source: str | Path, *, max_bytes: int | None = None, fetcher: Fetcher | None = None,
                 columns: Mapping[str, str] | None = None) -> Document:
    """One article from a URL, an export row (``FILE#ROW``) or a file (see the module
    docstring).  ``fetcher`` reads URLs, ``columns`` names an export's columns (see
    :func:`~minegraph.loaders.sources.exports.parse_columns`).  Raises
    :class:`~minegraph.loaders.documents.DocumentError` naming the source."""
    text = str(source)
    if is_url(text):
        if fetcher is None:
            raise DocumentError(f"{text}: a URL is read through a fetcher, and none was given")
        try:
            return fetched_document(fetcher.fetch(text))
        except FetchError as exc:
            raise DocumentError(str(exc)) from None
    path = Path(source)
    if (row := _EXPORT_ROW.fullmatch(text)) and not path.exists():
        return read_row(row["file"], int(row["row"]), columns, max_bytes)
    if path.suffix.lower() in EXPORT_SUFFIXES:
        raise DocumentError(f"{path}: an export file holds many articles (read one as FILE#ROW)")
    return file_document(read_bytes(path, max_bytes), str(path))


def list_articles(paths: Iterable[str | Path], *, columns: Mapping[str, str] | None = None,
                  max_bytes: int | None = None) -> Iterator[Path | Document | Skipped]:
    """The articles under ``paths`` (files and folders, recursively, sorted), unread: a
    file to read, the rows of an export file already read, or why a file is no article.

    A path that does not exist at all raises :class:`DocumentError` before anything is
    yielded, so a typo never turns into a partial load.
    """
    paths = list(paths)
    for raw in paths:
        if not Path(raw).exists():
            raise DocumentError(f"{printable(raw)}: no such file or directory")
    for item in find_files(paths):
        if isinstance(item, Path) and item.suffix.lower() in EXPORT_SUFFIXES:
            try:
                yield from read_export(item, columns, max_bytes)
            except DocumentError as exc:
                yield Skipped(str(item), _reason(exc))
        else:
            yield item


def read_articles(paths: Iterable[str | Path], *, max_bytes: int | None = None,
                  columns: Mapping[str, str] | None = None) -> Iterator[Document | Skipped]:
    """Every article under ``paths`` read by :func:`read_article`; an unreadable one comes
    back as :class:`Skipped` and the rest are read.  Raises like :func:`list_articles`."""
    for item in list_articles(paths, columns=columns, max_bytes=max_bytes):
        if not isinstance(item, Path):
            yield item
            continue
        try:
            yield read_article(item, max_bytes=max_bytes)
        except DocumentError as exc:
            yield Skipped(str(item), _reason(exc))


def fetch_documents(urls: Iterable[str], fetcher: Fetcher) -> Iterator[Document | Skipped]:
    """Every URL read by :func:`read_article` (fetched or from the cache), in order;
    failures are Skipped."""
    for url in urls:
        try:
            yield read_article(url, fetcher=fetcher)
        except DocumentError as exc:
            yield Skipped(url, str(exc).removeprefix(f"{url}: "))


def _reason(exc: DocumentError) -> str:
    return str(exc).split(": ", 1)[-1]


def read_in_chunks(path: str | Path, chunk_bytes: int = CHUNK_BYTES,
                   max_bytes: int | None = None) -> tuple[Document, Iterator[str]]:
    """A large article as metadata plus an iterator over its text in pieces.

    A plain-text file is streamed: pieces end at a line break, so no sentence is cut
    unless a single line is longer than ``chunk_bytes``, and only one piece is in memory
    at a time.  The returned Document has the metadata (from the first piece) and an
    empty ``text``.  A PDF or an HTML page (whatever its name) is read whole by
    :func:`read_article`, the same text any other reader gets, and handed out in pieces.
    Reading stops with :class:`DocumentError` once more than ``max_bytes`` were read.
    """
    path = Path(path)
    try:
        with open_regular(path, max_bytes) as fh:
            head = fh.read(chunk_bytes)
    except OSError as exc:
        raise DocumentError(f"{path}: cannot read ({exc.strerror or exc})") from None
    if head.startswith(b"%PDF"):
        return _in_pieces(read_article(path, max_bytes=max_bytes), chunk_bytes)
    first, encoding = decode_bytes(head[: head.rfind(b"\n") + 1] or head, str(path))
    if looks_like_html(first):  # a saved page: its markup and scripts are no article text
        return _in_pieces(read_article(path, max_bytes=max_bytes), chunk_bytes)
    first = normalise_text(first)
    doc = Document(path.stem, str(path), "", file_sha256(path, max_bytes), find_title(first),
                   find_publisher(first), find_published(first), encoding)

    def pieces() -> Iterator[str]:
        with open_regular(path, max_bytes) as fh:
            rest = b""
            total = 0
            while True:
                block = fh.read(chunk_bytes)
                total += len(block)
                check_read(path, total, max_bytes)
                data = rest + block
                if not block:
                    if data:
                        yield normalise_text(data.decode(encoding, errors="replace"))
                    return
                cut = data.rfind(b"\n") + 1 or len(data)
                piece, rest = data[:cut], data[cut:]
                yield normalise_text(piece.decode(encoding, errors="replace"))

    return doc, pieces()


def _in_pieces(doc: Document, chunk_bytes: int) -> tuple[Document, Iterator[str]]:
    """An article read whole, its text handed out in pieces ending at line breaks."""
    text = doc.text

    def pieces() -> Iterator[str]:
        start = 0
        while start < len(text):
            end = min(len(text), start + chunk_bytes)
            if end < len(text):
                end = text.rfind("\n", start, end) + 1 or end
            yield text[start:end]
            start = end

    return replace(doc, text=""), pieces()
