"""PDF press releases and reports: text in reading order, furniture and hyphenation cleaned.

pypdf gives each page's text line by line in reading order.  Lines that repeat at the
top or bottom of most pages (running headers and footers, with their page numbers) and
lines that are only a page number are dropped; a word broken at a line end
("agree-" / "ment") is joined; the lines of a paragraph are joined into one line,
because the sentence splitter ends a sentence at every line break.
"""

from __future__ import annotations

import io
import re
from collections import Counter
from dataclasses import dataclass
from datetime import datetime

_PAGE_NUMBER = re.compile(r"(?i)^\s*(?:page\s+)?[-–—(]?\s*\d{1,4}\s*[-–—)]?(?:\s*(?:of|/)\s*\d{1,4})?\s*$")
_DIGITS = re.compile(r"\d+")
_END = re.compile(r"[.!?:;\"”’)]$")


class PdfError(ValueError):
    """A PDF that cannot be read (damaged, encrypted, or without text)."""


@dataclass(frozen=True)
class PdfText:
    text: str
    title: str | None = None
    author: str | None = None
    published: str | None = None  # YYYY-MM-DD, from the creation date


def read_pdf(data: bytes) -> PdfText:
    """Text and metadata of a PDF; raises :class:`PdfError` with a reason."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            try:
                if not reader.decrypt(""):
                    raise PdfError("the PDF is encrypted (it needs a password)")
            except (NotImplementedError, PdfReadError) as exc:
                raise PdfError(f"the PDF is encrypted ({exc})") from None
        pages = [page.extract_text() or "" for page in reader.pages]
        meta = reader.metadata
    except PdfError:
        raise
    except Exception as exc:  # noqa: BLE001 - pypdf raises many kinds on a damaged file
        raise PdfError(f"not a readable PDF ({type(exc).__name__}: {str(exc)[:120]})") from None
    text = clean_pages(pages)
    if not text.strip():
        raise PdfError("the PDF has no text layer (a scan?)")
    title = author = published = None
    if meta is not None:
        title = _clean(meta.get("/Title"))
        author = _clean(meta.get("/Author"))
        try:
            created = meta.creation_date
        except Exception:  # noqa: BLE001 - a malformed date string
            created = None
        if isinstance(created, datetime):
            published = created.date().isoformat()
    return PdfText(text, title, author, published)


def clean_pages(pages: list[str]) -> str:
    """Join page texts into paragraphs without running headers, footers and page numbers."""
    split = [[ln.strip() for ln in page.splitlines()] for page in pages]
    furniture = _furniture(split)
    lines: list[str] = []
    for page in split:
        body = [ln for ln in page if not _PAGE_NUMBER.match(ln) and _shape(ln) not in furniture]
        lines.extend(body)
        lines.append("")  # a page end may end a paragraph; _paragraphs decides
    return "\n".join(_paragraphs(lines))


def _shape(line: str) -> str:
    return _DIGITS.sub("#", line.lower()).strip()


def _furniture(pages: list[list[str]]) -> set[str]:
    """Lines (digits ignored) among the first or last three of at least half the pages."""
    if len(pages) < 2:
        return set()
    counts: Counter[str] = Counter()
    for page in pages:
        content = [ln for ln in page if ln]
        counts.update({_shape(ln) for ln in content[:3] + content[-3:]})
    need = max(2, (len(pages) + 1) // 2)
    return {shape for shape, n in counts.items() if n >= need and shape}


def _paragraphs(lines: list[str]) -> list[str]:
    """Join wrapped lines; a line clearly shorter than the usual width ends its paragraph
    (a heading, a dateline, the last line of a paragraph)."""
    widths = sorted(len(ln) for ln in lines if ln)
    usual = widths[len(widths) * 3 // 4] if widths else 0
    paragraphs: list[str] = []
    current = ""
    for line in lines:
        if not line:
            if current and _END.search(current):
                paragraphs.append(current)
                current = ""
            continue
        if current.endswith("-") and current[-2:-1].isalpha() and line[:1].islower():
            current = current[:-1] + line  # "agree-" + "ment"
        else:
            current = f"{current} {line}" if current else line
        if len(line) < usual * 0.7 and not line.endswith("-"):
            paragraphs.append(current)
            current = ""
    if current:
        paragraphs.append(current)
    return paragraphs


def _clean(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    value = " ".join(value.split())
    return value or None
