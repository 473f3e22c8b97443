"""What an article is, and the file primitives every reader uses.

:class:`Document` (text plus metadata), :class:`Skipped` (an article that was not read,
and why) and :class:`DocumentError`; finding article files in folders
(:func:`find_files`: sorted, hidden files left out, file names that are not UTF-8
reported); opening regular files only (:func:`open_regular`: FIFOs and devices are
refused without blocking on them) under a size cap that holds while reading
(:func:`read_capped`, :func:`file_sha256`); decoding (:func:`decode_bytes`: UTF-8,
UTF-16 with a BOM, else Windows-1252; binary data refused); and the title, date and
publisher a text names.

Reading itself has one door, :mod:`minegraph.loaders.reader`: a file, a URL or a row of
an export file to a Document, by kind (:mod:`minegraph.loaders.sources`).
"""

from __future__ import annotations

import errno
import hashlib
import os
import re
import stat
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import BinaryIO

SUPPORTED_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm",
                      ".pdf", ".csv", ".jsonl", ".ndjson")  # the last four: loaders.sources.pdf and .exports
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
        """Properties for the Document node; the text fields as :func:`clean_field` makes
        them (a NUL in a PDF's title or an export's column is no part of a name).  The
        path stays as it is: it names the file."""
        props = {"title": clean_field(self.title), "publisher": clean_field(self.publisher),
                 "published": self.published, "path": self.path, "sha256": self.sha256, "year": self.year,
                 "url": clean_field(self.url), "author": clean_field(self.author)}
        return {k: v for k, v in props.items() if v is not None and v != ""}


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
            raise DocumentError(f"{printable(path)}: no such file or directory")
        if path.is_dir():
            for child in sorted(p for p in path.rglob("*") if not p.is_dir()):  # FIFOs too: reported
                if any(part.startswith(".") for part in child.relative_to(path).parts):
                    continue
                if not utf8_name(child):
                    yield Skipped(printable(child), BAD_NAME)
                elif child.suffix.lower() in SUPPORTED_SUFFIXES:
                    yield child
                else:
                    yield Skipped(str(child), f"unsupported file type {child.suffix or '(none)'!r}")
        elif not utf8_name(path):
            yield Skipped(printable(path), BAD_NAME)
        else:
            yield path


BAD_NAME = "the file name is not valid UTF-8 (rename the file)"


def utf8_name(path: Path) -> bool:
    """Whether the path is valid UTF-8 (Python keeps other bytes as lone surrogates, which
    no store, JSON file or terminal can take)."""
    try:
        str(path).encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def printable(path: Path | str) -> str:
    """The path as text with each byte that is not UTF-8 shown as U+FFFD."""
    return os.fsencode(path).decode("utf-8", errors="replace")


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


# --- text and files --------------------------------------------------------------------


_SURROGATE = re.compile("[\ud800-\udfff]")


def clean_field(value: str | None) -> str | None:
    """A metadata value (a title, an author) as text every store and terminal takes:
    control and format characters out (NUL, escape sequences), lone surrogates (from
    a JSON ``"\\ud800"``) as U+FFFD, whitespace runs as one space."""
    if value is None:
        return None
    text = _SURROGATE.sub("\ufffd", str(value))
    if not text.isprintable():
        text = "".join(c if c.isprintable() or c.isspace() else "" for c in text)
    return " ".join(text.split())


def normalise_text(text: str) -> str:
    """NFC, no control characters except newlines and tabs, unified line ends."""
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    # test each distinct character once, not every character of the text
    drop = {c for c in set(text) if c not in "\n\t\u200d" and unicodedata.category(c)[0] == "C"}
    return text.translate(dict.fromkeys(map(ord, drop))) if drop else text


def check_size(path: Path, max_bytes: int | None) -> int:
    """The size of a regular file; raises :class:`DocumentError` when it is above
    ``max_bytes`` or not a regular file (a FIFO would block, a device never ends)."""
    return _checked(Path(path), path.stat(), max_bytes)


def _checked(path: Path, info: os.stat_result, max_bytes: int | None) -> int:
    if stat.S_ISDIR(info.st_mode):
        raise IsADirectoryError(errno.EISDIR, "is a directory", str(path))
    if not stat.S_ISREG(info.st_mode):
        raise DocumentError(f"{path}: not a regular file")
    if max_bytes is not None and info.st_size > max_bytes:
        raise DocumentError(f"{path}: file is {info.st_size / 1e6:.1f} MB, above the {max_bytes / 1e6:g} MB limit")
    return info.st_size


def open_regular(path: Path, max_bytes: int | None = None) -> BinaryIO:
    """Open a regular file for reading, refusing anything else without blocking on it."""
    _checked(path, path.stat(), max_bytes)  # before opening: a device is never opened
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY | os.O_CLOEXEC)
    fh = os.fdopen(fd, "rb")
    try:
        _checked(path, os.fstat(fd), max_bytes)  # the file that was opened, whatever the name points at now
    except BaseException:
        fh.close()
        raise
    return fh


def read_capped(path: Path, max_bytes: int | None) -> bytes:
    """A regular file's bytes, never more than ``max_bytes`` read (its size may be wrong
    or change while it is read)."""
    with open_regular(path, max_bytes) as fh:
        if max_bytes is None:
            return fh.read()
        data = fh.read(max_bytes + 1)
    check_read(path, len(data), max_bytes)
    return data


def check_read(path: Path, read: int, max_bytes: int | None) -> None:
    """Raise :class:`DocumentError` once more than ``max_bytes`` were read."""
    if max_bytes is not None and read > max_bytes:
        raise DocumentError(f"{path}: file is more than the {max_bytes / 1e6:g} MB limit")


def read_bytes(path: str | Path, max_bytes: int | None = None) -> bytes:
    """:func:`read_capped`, every failure a :class:`DocumentError` naming the file."""
    path = Path(path)
    try:
        return read_capped(path, max_bytes)
    except IsADirectoryError:
        raise DocumentError(f"{path}: is a directory") from None
    except PermissionError:
        raise DocumentError(f"{path}: permission denied") from None
    except FileNotFoundError:
        raise DocumentError(f"{printable(path)}: no such file or directory") from None
    except OSError as exc:
        raise DocumentError(f"{path}: cannot read ({exc.strerror or exc})") from None


def file_sha256(path: str | Path, max_bytes: int | None = None) -> str:
    """sha256 of a regular file, read in blocks (no more than ``max_bytes``)."""
    digest = hashlib.sha256()
    total = 0
    with open_regular(Path(path), max_bytes) as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            total += len(block)
            check_read(Path(path), total, max_bytes)
            digest.update(block)
    return digest.hexdigest()
