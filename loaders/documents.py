"""Reading source documents: files and folders of .txt, .md and .html articles.

Reading is separate from extraction: :func:`read_documents` yields :class:`Document`
objects (text plus metadata) for the files it could read and :class:`Skipped` records
for the ones it could not, so a folder with a few broken files still loads the rest.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

SUPPORTED_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm",
                      ".pdf", ".csv", ".jsonl", ".ndjson")  # the last four: loaders.sources
#: plain-text files above this many bytes are streamed in pieces of about this size
CHUNK_BYTES = 2_000_000


class DocumentError(ValueError):
    """A path that cannot be read as an article; the message names the file."""


@dataclass(frozen=True)
class Document:
    """One source article."""

    id: str
    path: str
    text: str
    sha256: str
    title: str | None = None
    publisher: str | None = None
    published: str | None = None  # ISO date, YYYY-MM-DD
    encoding: str = "utf-8"
    # source fields (loaders.sources): where a fetched article came from, who wrote it,
    # and a MinHash of its text for finding near-duplicate copies
    url: str | None = None
    author: str | None = None
    fingerprint: tuple[int, ...] | None = None

    @property
    def year(self) -> int | None:
        return int(self.published[:4]) if self.published else None

    def metadata(self) -> dict[str, object]:
        """Properties for the Document node."""
        props = {"title": self.title, "publisher": self.publisher, "published": self.published,
                 "path": self.path, "sha256": self.sha256, "year": self.year,
                 "url": self.url, "author": self.author}
        return {k: v for k, v in props.items() if v is not None}


@dataclass(frozen=True)
class Skipped:
    """A file that was not loaded, and why."""

    path: str
    reason: str

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"


# --- finding files ---------------------------------------------------------------------


def find_files(paths: Iterable[str | Path]) -> Iterator[Path | Skipped]:
    """Expand files and folders (recursively, sorted) into article files.

    A missing path raises :class:`DocumentError`; a file with an unsupported suffix
    inside a folder is reported as :class:`Skipped`, and given directly it is tried as
    text.
    """
    for raw in paths:
        path = Path(raw)
        if not path.exists():
            raise DocumentError(f"{path}: no such file or directory")
        if path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file()):
                if any(part.startswith(".") for part in child.relative_to(path).parts):
                    continue
                if child.suffix.lower() in SUPPORTED_SUFFIXES:
                    yield child
                else:
                    yield Skipped(str(child), f"unsupported file type {child.suffix or '(none)'!r}")
        else:
            yield path


# --- decoding --------------------------------------------------------------------------


def decode_bytes(data: bytes, path: str) -> tuple[str, str]:
    """Decode article bytes; returns ``(text, encoding)``.

    UTF-8 (with or without BOM) and UTF-16 with a BOM are read as such; other text
    falls back to Windows-1252, the usual culprit for "oddly encoded" news exports.
    Binary data raises :class:`DocumentError`.
    """
    if not data.strip():
        raise DocumentError(f"{path}: file is empty")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            raise DocumentError(f"{path}: starts like UTF-16 text but is not valid UTF-16") from None
    if looks_binary(data):
        raise DocumentError(f"{path}: looks like a binary file, not text")
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        pass
    text = data.decode("cp1252", errors="replace")
    return text, "cp1252"


_BINARY_SIGNATURES = (b"\x89PNG", b"%PDF", b"PK\x03\x04", b"\xff\xd8\xff", b"GIF8", b"\x7fELF")


def looks_binary(data: bytes) -> bool:
    """NUL bytes, a known binary signature, or many control characters."""
    head = data[:8192]
    if head.startswith(_BINARY_SIGNATURES) or b"\x00" in head:
        return True
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    return controls > len(head) * 0.05


def html_to_text(html: str) -> str:
    """Visible text of an HTML page (scripts and styles dropped) via inscriptis."""
    from inscriptis import get_text
    from inscriptis.model.config import ParserConfig

    return get_text(html, ParserConfig(display_links=False, display_images=False))


# --- metadata --------------------------------------------------------------------------

_MONTHS = ("january february march april may june july august september october november december")
_MONTH_RE = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
_DATE_PATTERNS = (
    (re.compile(r"\b(20\d\d|19\d\d)-(\d\d)-(\d\d)\b"), "iso"),
    (re.compile(rf"\b({_MONTH_RE})\s+(\d{{1,2}}),?\s+((?:19|20)\d\d)\b"), "mdy"),
    (re.compile(rf"\b(\d{{1,2}})\s+({_MONTH_RE})\s+((?:19|20)\d\d)\b"), "dmy"),
)
_DATE_LABEL = re.compile(r"(?i)\b(published|posted|updated|date)\b")
_PUBLISHER_PATTERNS = (
    re.compile(r"\bwww\.([a-z0-9-]+(?:\.[a-z0-9-]+)+)"),
    re.compile(r"[(/]\s*(?:[A-Z][\w.]*\s){0,3}?/\s*(The [A-Z][\w]+(?: [A-Z][\w]+){0,3})\)"),
)


def _month(name: str) -> int:
    key = name.lower().rstrip(".")[:3]
    return [m[:3] for m in _MONTHS.split()].index(key) + 1


def find_published(text: str) -> str | None:
    """The article's date: a labelled date first ("Published Date: ..."), else the
    first date in the opening lines.  Returns ``YYYY-MM-DD`` or None."""
    lines = [ln for ln in text.splitlines() if ln.strip()]
    candidates = [ln for ln in lines if _DATE_LABEL.search(ln)] + lines[:6]
    for line in candidates:
        for pattern, kind in _DATE_PATTERNS:
            m = pattern.search(line)
            if not m:
                continue
            try:
                if kind == "iso":
                    y, mo, d = int(m[1]), int(m[2]), int(m[3])
                elif kind == "mdy":
                    y, mo, d = int(m[3]), _month(m[1]), int(m[2])
                else:
                    y, mo, d = int(m[3]), _month(m[2]), int(m[1])
                return datetime(y, mo, d).date().isoformat()
            except ValueError:
                continue
    return None


def find_title(text: str) -> str | None:
    """The first line that reads like a headline (short, not a caption or a date)."""
    for line in text.splitlines()[:12]:
        line = line.strip()
        words = line.split()
        if not (3 <= len(words) <= 20) or line.endswith((".", ":")) and len(words) > 12:
            continue
        if line.lower() in {"top news", "read next"} or find_published(line) and len(words) < 8:
            continue
        if line.startswith(("(", "[")) or line.count(".") > 2:
            continue
        return re.sub(r"\s+www\.\S+$", "", line)
    return None


def find_publisher(text: str) -> str | None:
    """A publisher the text names: a site address or a "(Photographer / The Paper)" credit."""
    for pattern in _PUBLISHER_PATTERNS:
        m = pattern.search(text[:3000])
        if m:
            return m[1]
    return None


# --- reading ---------------------------------------------------------------------------


def normalise_text(text: str) -> str:
    """NFC, no control characters except newlines and tabs, unified line ends."""
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    return "".join(c for c in text if c in "\n\t" or unicodedata.category(c)[0] != "C" or c == "\u200d")


def check_size(path: Path, max_bytes: int | None) -> int:
    """The file's size; raises :class:`DocumentError` when it is above ``max_bytes``."""
    size = path.stat().st_size
    if max_bytes is not None and size > max_bytes:
        raise DocumentError(f"{path}: file is {size / 1e6:.1f} MB, above the {max_bytes / 1e6:g} MB limit")
    return size


def read_document(path: str | Path, max_bytes: int | None = None) -> Document:
    """Read one article file; raises :class:`DocumentError` naming the file."""
    path = Path(path)
    try:
        check_size(path, max_bytes)
        data = path.read_bytes()
    except IsADirectoryError:
        raise DocumentError(f"{path}: is a directory") from None
    except PermissionError:
        raise DocumentError(f"{path}: permission denied") from None
    except OSError as exc:
        raise DocumentError(f"{path}: cannot read ({exc.strerror or exc})") from None
    text, encoding = decode_bytes(data, str(path))
    if path.suffix.lower() in (".html", ".htm") or text.lstrip()[:15].lower().startswith(("<!doctype html", "<html")):
        text = html_to_text(text)
    text = normalise_text(text)
    if not text.strip():
        raise DocumentError(f"{path}: no text in file")
    return Document(
        id=path.stem,
        path=str(path),
        text=text,
        sha256=hashlib.sha256(data).hexdigest(),
        title=find_title(text),
        publisher=find_publisher(text),
        published=find_published(text),
        encoding=encoding,
    )


def read_in_chunks(path: str | Path, chunk_bytes: int = CHUNK_BYTES) -> tuple[Document, Iterator[str]]:
    """A large plain-text article as metadata plus an iterator over its text in pieces.

    Pieces end at a line break, so no sentence is cut unless a single line is longer
    than ``chunk_bytes``.  Only one piece is in memory at a time.  The returned
    Document has the metadata (from the first piece) and an empty ``text``; its sha256
    is computed over the whole file as the pieces are read, so it is final only after
    the iterator is exhausted — use :func:`file_sha256` when it is needed first.
    """
    path = Path(path)
    try:
        with path.open("rb") as fh:
            head = fh.read(chunk_bytes)
    except OSError as exc:
        raise DocumentError(f"{path}: cannot read ({exc.strerror or exc})") from None
    first, encoding = decode_bytes(head[: head.rfind(b"\n") + 1] or head, str(path))
    first = normalise_text(first)
    doc = Document(path.stem, str(path), "", file_sha256(path), find_title(first), find_publisher(first),
                   find_published(first), encoding)

    def pieces() -> Iterator[str]:
        codec = "utf-8" if encoding == "utf-8" else encoding
        with path.open("rb") as fh:
            rest = b""
            while True:
                block = fh.read(chunk_bytes)
                data = rest + block
                if not block:
                    if data:
                        yield normalise_text(data.decode(codec, errors="replace"))
                    return
                cut = data.rfind(b"\n") + 1 or len(data)
                piece, rest = data[:cut], data[cut:]
                yield normalise_text(piece.decode(codec, errors="replace"))

    return doc, pieces()


def file_sha256(path: str | Path) -> str:
    """sha256 of a file, read in blocks."""
    digest = hashlib.sha256()
    with Path(path).open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def read_documents(paths: Iterable[str | Path], max_bytes: int | None = None) -> Iterator[Document | Skipped]:
    """Read every article under ``paths``; unreadable files come back as :class:`Skipped`.

    A path that does not exist at all raises :class:`DocumentError` before anything is
    read, so a typo never turns into a partial load.
    """
    paths = list(paths)
    for raw in paths:
        if not Path(raw).exists():
            raise DocumentError(f"{raw}: no such file or directory")
    for item in find_files(paths):
        if isinstance(item, Skipped):
            yield item
            continue
        try:
            yield read_document(item, max_bytes=max_bytes)
        except DocumentError as exc:
            yield Skipped(str(item), str(exc).split(": ", 1)[-1])
