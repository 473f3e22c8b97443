"""Article exports from news databases: CSV or JSON lines, one article per row.

Columns are found by their usual names (``text``/``body``/``content``, ``title``/
``headline``, ``url``/``link``, ``published``/``date``, ``source``/``publisher``/
``outlet``, ``author``); ``columns`` maps a field to another column name, tried first.  Every row is
a :class:`~minegraph.loaders.documents.Document` whose path is ``FILE#ROW`` (row numbers from 1);
a row without text, or a line that is not JSON, is a :class:`~minegraph.loaders.documents.Skipped`
naming that row.
"""

from __future__ import annotations

import csv
import email.utils
import hashlib
import io
import json
import re
from collections.abc import Iterator, Mapping
from datetime import datetime
from pathlib import Path
from typing import Any

from minegraph.loaders.documents import (
    Document,
    DocumentError,
    Skipped,
    decode_bytes,
    find_published,
    find_title,
    normalise_text,
    read_bytes,
)

EXPORT_SUFFIXES = (".csv", ".jsonl", ".ndjson")
FIELDS = {
    "text": ("text", "body", "content", "article", "full_text"),
    "title": ("title", "headline"),
    "url": ("url", "link", "canonical_url"),
    "published": ("published", "date", "published_at", "publication_date", "pubdate"),
    "publisher": ("source", "publisher", "outlet", "site", "sitename"),
    "author": ("author", "byline", "authors"),
}


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


def parse_columns(spec: str | None) -> dict[str, str]:
    """``"text=story,title=head"`` -> ``{"text": "story", "title": "head"}``; raises ValueError."""
    mapping: dict[str, str] = {}
    for part in (spec or "").split(","):
        if not part.strip():
            continue
        field, sep, column = part.partition("=")
        field = field.strip().lower()
        if not sep or not column.strip() or field not in FIELDS:
            raise ValueError(f"column mapping {part.strip()!r}: use FIELD=COLUMN with FIELD one of "
                             f"{', '.join(FIELDS)}")
        mapping[field] = column.strip()
    return mapping


def read_export(path: str | Path, columns: Mapping[str, str] | None = None,
                max_bytes: int | None = None) -> Iterator[Document | Skipped]:
    """Every row of an export file as a Document (or a Skipped row); raises
    :class:`DocumentError` when the file itself cannot be read."""
    path = Path(path).resolve()
    for number, row in _rows(path, _read_text(path, max_bytes)):
        yield _row_document(path, number, row, dict(columns or {}))


def read_row(path: str | Path, number: int, columns: Mapping[str, str] | None = None,
             max_bytes: int | None = None) -> Document:
    """Row ``number`` (from 1) of an export file; raises :class:`DocumentError` naming the
    row when it is not an article or not there."""
    path = Path(path).resolve()
    for at, row in _rows(path, _read_text(path, max_bytes)):
        if at == number:
            doc = _row_document(path, at, row, dict(columns or {}))
            if isinstance(doc, Skipped):
                raise DocumentError(str(doc))
            return doc
    raise DocumentError(f"{path}#{number}: the file has no row {number}")


def _read_text(path: Path, max_bytes: int | None) -> str:
    return decode_bytes(read_bytes(path, max_bytes), str(path))[0]


def _row_document(path: Path, number: int, row: dict[str, Any] | str, columns: dict[str, str]) -> Document | Skipped:
    """One row as a Document, or Skipped naming the row (``FILE#ROW``) and why."""
    where = f"{path}#{number}"
    if isinstance(row, str):
        return Skipped(where, row)
    extra: Any = row.get(None)  # type: ignore[call-overload]  # csv.DictReader keeps surplus fields under None
    if extra is not None:
        return Skipped(where, f"row has {len(row) - 1 + len(extra)} fields, the header names {len(row) - 1}")
    lowered = {str(k).strip().lower(): v for k, v in row.items() if k is not None}

    def get(field: str) -> str | None:
        names = (columns[field].lower(), *FIELDS[field]) if field in columns else FIELDS[field]
        for name in names:
            value = lowered.get(name)
            if isinstance(value, list):
                value = ", ".join(str(v) for v in value)
            if value is not None and str(value).strip():
                return " ".join(str(value).split()) if field != "text" else str(value)
        return None

    body = get("text")
    if body is None or not body.strip():
        return Skipped(where, "row has no text" + (f" (column {columns['text']!r})" if "text" in columns else ""))
    body = normalise_text(body)
    title = get("title")
    raw = json.dumps(row, sort_keys=True, ensure_ascii=False, default=str).encode()
    return Document(
        id=f"{path.stem}-{number}",
        path=where,
        text=f"{title}\n\n{body}" if title and not body.lstrip().startswith(title) else body,
        sha256=hashlib.sha256(raw).hexdigest(),
        title=title or find_title(body),
        publisher=get("publisher"),
        published=iso_date(get("published")),
        url=get("url"),
        author=get("author"),
    )


def _rows(path: Path, text: str) -> Iterator[tuple[int, dict[str, Any] | str]]:
    """(row number, row or the reason it is not one)."""
    if path.suffix.lower() == ".csv":
        csv.field_size_limit(2**31 - 1)
        try:
            for number, row in enumerate(csv.DictReader(io.StringIO(text, newline="")), start=1):
                yield number, row
        except csv.Error as exc:
            raise DocumentError(f"{path}: not a readable CSV file ({exc})") from None
        return
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            yield number, f"not a JSON object ({exc.msg} at column {exc.colno})"
            continue
        except ValueError as exc:  # valid JSON Python will not hold: an integer of more than 4,300 digits
            yield number, f"not a readable JSON object ({str(exc).split(':', 1)[0]})"
            continue
        except RecursionError:
            yield number, "not a readable JSON object (nested too deeply)"
            continue
        if not isinstance(row, dict):
            yield number, f"not a JSON object (a {type(row).__name__})"
        elif _SURROGATE.search(json.dumps(row, ensure_ascii=False)):
            yield number, "holds an escape such as \\ud800 that is no Unicode character"
        else:
            yield number, row


_SURROGATE = re.compile("[\ud800-\udfff]")
