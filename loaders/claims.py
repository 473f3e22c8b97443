"""The claims file: one article's document metadata and extracted graph as JSON lines.

``minegraph extract`` writes one file per article and ``minegraph load`` reads them, so
extraction (the costly, pure part) can run anywhere, on any number of machines, and the
load into a store happens later.  Format, version 1 (``NAME.claims.jsonl``, UTF-8):

* line 1, the header: ``{"minegraph_claims": 1, "document": {...}, "notes": [...]}``
  where ``document`` holds ``id`` (the file stem), ``path`` (absolute), ``sha256``,
  ``encoding`` and, when found, ``title``, ``publisher``, ``published`` (YYYY-MM-DD);
  ``notes`` are remarks for the user (e.g. the text does not look like English);
* then one line per entity: ``{"node": {"id", "label", "name", "aliases", "props"}}``;
* then one line per relationship: ``{"rel": {"source", "type", "target", "props"}}``
  with ``props.evidence`` (sentences) and ``props.confidence``.

Ids are the extractor's, before resolution against a store; a reader of another major
version refuses the file.  A file is written to a temporary name and renamed, so a
claims directory never holds half a file.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import re
import tempfile
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field, fields
from datetime import date
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import urlsplit

from minegraph.graph.model import ENTITY_LABELS, RELATIONSHIP_TYPES, RESERVED_PROPERTIES, Graph, Node, Relationship
from minegraph.graph.querycheck import value_problem
from minegraph.loaders.documents import Document, DocumentError

FORMAT_VERSION = 1
SUFFIX = ".claims.jsonl"


@dataclass
class Extracted:
    """One article after extraction: its metadata (no text), its graph, and notes."""

    doc: Document
    graph: Graph
    notes: list[str] = field(default_factory=list)


def claims_name(doc: Document) -> str:
    """The file name of an article's claims: its stem plus a digest of its path, so two
    articles with the same file name in different folders do not collide."""
    digest = hashlib.sha1(doc.path.encode()).hexdigest()[:10]
    stem = "".join(c if c.isalnum() or c in "-_." else "_" for c in doc.id)[:80]
    return f"{stem}-{digest}{SUFFIX}"


def claims_lines(item: Extracted) -> Iterator[str]:
    """The lines of ``item``'s claims file (without line ends)."""
    document = {k: v for k, v in asdict(item.doc).items() if k != "text" and v is not None}
    yield json.dumps({"minegraph_claims": FORMAT_VERSION, "document": document, "notes": item.notes},
                     ensure_ascii=False, sort_keys=True)
    for node in item.graph.nodes.values():
        yield json.dumps({"node": {"id": node.id, "label": node.label, "name": node.name,
                                   "aliases": list(node.aliases), "props": node.props}},
                         ensure_ascii=False, sort_keys=True)
    for rel in item.graph.relationships.values():
        yield json.dumps({"rel": {"source": rel.source, "type": rel.type, "target": rel.target,
                                  "props": rel.props}}, ensure_ascii=False, sort_keys=True)


def write_claims(item: Extracted, out_dir: str | os.PathLike[str]) -> Path:
    """Write ``item`` as a claims file in ``out_dir`` (atomically) and return its path."""
    out = Path(out_dir)
    target = out / claims_name(item.doc)
    fd, tmp = tempfile.mkstemp(dir=out, prefix=".claims-", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            for line in claims_lines(item):
                fh.write(line + "\n")
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return target


def _header(path: Path, line: str) -> dict[str, Any]:
    try:
        header = json.loads(line)
    except (json.JSONDecodeError, RecursionError):
        header = None
    except ValueError:  # an integer Python will not hold
        header = None
    if not isinstance(header, dict) or "minegraph_claims" not in header:
        raise DocumentError(f"{path}: not a minegraph claims file (no header line)")
    if header["minegraph_claims"] != FORMAT_VERSION:
        raise DocumentError(f"{path}: claims format version {header['minegraph_claims']!r:.40}, "
                            f"this minegraph reads version {FORMAT_VERSION}")
    return header


def claims_path_key(path: Path) -> str:
    """The article path a claims file records (load order follows it, as build's does);
    "" when the header names none (the file is refused when it is read)."""
    with path.open(encoding="utf-8", errors="replace") as fh:
        document = _header(path, fh.readline()).get("document")
    return str(document.get("path", "")) if isinstance(document, dict) else ""


class ClaimsError(ValueError):
    """A record of a claims file that is not what the format says (the message says what)."""


_DOCUMENT_FIELDS = {f.name for f in fields(Document)} - {"text"}
_TEXT_FIELDS = ("title", "publisher", "url", "author", "encoding")
_SHA256 = re.compile(r"[0-9a-f]{64}\Z")
_EXPORT_ROW = re.compile(r"(?P<file>.+)#[1-9]\d*\Z", re.DOTALL)
#: a year an agreement or event can have
YEARS = range(1000, 10000)


def _text(value: Any, what: str, *, empty: bool = False) -> str:
    if not isinstance(value, str) or (not empty and not value.strip()):
        raise ClaimsError(f"{what} must be {'' if empty else 'non-empty '}text, not {_shown(value)}")
    if problem := value_problem(value):
        raise ClaimsError(f"{what}{problem}")
    return value


def _shown(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=True, default=str)
    return f"{type(value).__name__} {text[:60]}"


def check_document_path(path: str) -> str:
    """An article path a claims file may name: an absolute, normalised file path (or
    ``FILE#ROW`` of one) or an http(s) URL.  A relative path, ``..``, a NUL or another
    scheme could make a later reader (the workbench, a curation re-read) open a file
    the build never read; what is read is decided by the folders that were built, and
    this keeps the path itself honest."""
    if "://" in path:
        parts = urlsplit(path)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise ClaimsError(f"document path {path[:80]!r} is not a file path or an http(s) URL")
        return path
    file = (row["file"] if (row := _EXPORT_ROW.fullmatch(path)) else path)
    pure = PurePosixPath(file)
    if not pure.is_absolute() or ".." in pure.parts or str(pure) != file or file.startswith("//"):
        raise ClaimsError(f"document path {path[:80]!r} is not an absolute, normalised path")
    return path


def _document(raw: Any) -> Document:
    if not isinstance(raw, dict):
        raise ClaimsError(f"the header's document must be an object, not {_shown(raw)}")
    unknown = sorted(set(raw) - _DOCUMENT_FIELDS)
    if unknown:
        raise ClaimsError(f"the header's document has unknown fields {unknown}")
    for key in ("id", "path", "sha256"):
        _text(raw.get(key), f"document {key}")
    for key in _TEXT_FIELDS:
        if raw.get(key) is not None:
            _text(raw[key], f"document {key}", empty=True)
    check_document_path(raw["path"])
    if not _SHA256.match(raw["sha256"]):
        raise ClaimsError(f"document sha256 {raw['sha256'][:70]!r} is not 64 hexadecimal digits")
    published = raw.get("published")
    if published is not None:
        try:
            if not isinstance(published, str) or len(published) != 10:
                raise ValueError
            date.fromisoformat(published)
        except ValueError:
            raise ClaimsError(f"document published {_shown(published)} is not a date YYYY-MM-DD") from None
    fingerprint = raw.get("fingerprint")
    if fingerprint is not None and not (
            isinstance(fingerprint, list) and fingerprint
            and all(type(v) is int and 0 <= v <= 0xFFFFFFFF for v in fingerprint)):
        raise ClaimsError("document fingerprint must be a list of 32-bit whole numbers")
    doc = Document(text="", **raw)
    return doc if fingerprint is None else Document(text="", **{**raw, "fingerprint": tuple(fingerprint)})


def _props(raw: Any, what: str) -> dict[str, Any]:
    """A claim's own properties: plain names that are not reserved, each a value every
    store holds exactly (a scalar, or a list of one scalar type)."""
    if not isinstance(raw, dict):
        raise ClaimsError(f"{what} props must be an object, not {_shown(raw)}")
    for key, value in raw.items():
        if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", key):
            raise ClaimsError(f"{what} property name {key[:40]!r} is not a plain name (letters, digits and _)")
        if key in RESERVED_PROPERTIES:
            raise ClaimsError(f"{what} property {key!r} is a name minegraph keeps for itself")
        items = value if isinstance(value, list) else [value]
        kinds = {type(v) for v in items}
        if len(kinds) > 1 or kinds - {str, int, float, bool, type(None)} or (isinstance(value, list) and None in
                                                                            items):
            raise ClaimsError(f"{what} property {key!r} must be a scalar or a list of one scalar type, "
                              f"not {_shown(value)}")
        if problem := value_problem(value):
            raise ClaimsError(f"{what} property {key!r}{problem}")
        if key == "year" and value is not None and (type(value) is not int or value not in YEARS):
            raise ClaimsError(f"{what} year {_shown(value)} is not a year ({YEARS.start}-{YEARS.stop - 1})")
    return dict(raw)


def _node(raw: Any) -> Node:
    if not isinstance(raw, dict):
        raise ClaimsError(f"a node must be an object, not {_shown(raw)}")
    node_id = _text(raw.get("id"), "node id")
    what = f"node {node_id[:60]!r}"
    label = raw.get("label")
    if label not in ENTITY_LABELS:
        raise ClaimsError(f"{what} label {_shown(label)} is not one of {', '.join(ENTITY_LABELS)}")
    name = _text(raw.get("name"), f"{what} name")
    aliases = raw.get("aliases", [])
    if not isinstance(aliases, list):
        raise ClaimsError(f"{what} aliases must be a list of names, not {_shown(aliases)}")
    for alias in aliases:
        _text(alias, f"{what} alias")
    return Node(node_id, label, name, list(aliases), _props(raw.get("props", {}), what))


def _rel(raw: Any) -> Relationship:
    if not isinstance(raw, dict):
        raise ClaimsError(f"a rel must be an object, not {_shown(raw)}")
    source, target = _text(raw.get("source"), "rel source"), _text(raw.get("target"), "rel target")
    rel_type = raw.get("type")
    if rel_type not in RELATIONSHIP_TYPES or rel_type == "MENTIONS":
        raise ClaimsError(f"rel type {_shown(rel_type)} is not a relationship type of the ontology")
    what = f"rel ({source[:40]!r})-[:{rel_type}]->({target[:40]!r})"
    props = raw.get("props", {})
    if not isinstance(props, dict):
        raise ClaimsError(f"{what} props must be an object, not {_shown(props)}")
    props = dict(props)
    evidence = props.pop("evidence", [])
    if not isinstance(evidence, list):
        raise ClaimsError(f"{what} evidence must be a list of sentences, not {_shown(evidence)}")
    for sentence in evidence:
        _text(sentence, f"{what} evidence sentence")
    confidence = props.pop("confidence", 0.5)
    if (type(confidence) not in (int, float) or not math.isfinite(confidence)
            or not 0 <= confidence <= 1):
        raise ClaimsError(f"{what} confidence {_shown(confidence)} is not a number from 0 to 1")
    extra = _props(props, what)
    return Relationship(source, rel_type, target, {**extra, "evidence": evidence, "confidence": float(confidence)})


def read_claims(path: str | os.PathLike[str]) -> Extracted:
    """Read one claims file; raises :class:`DocumentError` naming it (and the line) when
    it is not one: every record is checked against the format, so a value no store can
    hold, a reserved or unplain property name, a path that is not absolute or a
    malformed date or fingerprint never reaches a build."""
    path = Path(path)
    graph = Graph()
    number = 1
    try:
        with path.open(encoding="utf-8") as fh:
            header = _header(path, fh.readline())
            doc = _document(header.get("document"))
            notes = header.get("notes", [])
            if not isinstance(notes, list) or not all(isinstance(n, str) for n in notes):
                raise ClaimsError("the header's notes must be a list of text")
            for number, line in enumerate(fh, start=2):  # noqa: B007 - the error names the line
                if not line.strip():
                    continue
                record = json.loads(line)
                if isinstance(record, dict) and "node" in record:
                    node = _node(record["node"])
                    graph.nodes[node.id] = node
                elif isinstance(record, dict) and "rel" in record:
                    rel = _rel(record["rel"])
                    graph.relationships[rel.key] = rel
                else:
                    raise ClaimsError("neither a node nor a rel record")
    except ClaimsError as exc:
        raise DocumentError(f"{path}:{number}: {exc}") from None
    except json.JSONDecodeError as exc:
        raise DocumentError(f"{path}:{number}: not JSON ({exc.msg} at column {exc.colno})") from None
    except RecursionError:
        raise DocumentError(f"{path}:{number}: not a readable record (nested too deeply)") from None
    except UnicodeDecodeError:
        raise DocumentError(f"{path}: not UTF-8 text") from None
    except ValueError as exc:  # an integer Python will not hold
        raise DocumentError(f"{path}:{number}: not a readable record ({str(exc).split(':', 1)[0]})") from None
    except OSError as exc:
        raise DocumentError(f"{path}: cannot read ({exc.strerror or exc})") from None
    return Extracted(doc, graph, list(notes))


def find_claims(claims_dir: str | os.PathLike[str]) -> list[Path]:
    """The claims files in ``claims_dir``, in the order of the articles' paths."""
    folder = Path(claims_dir)
    if not folder.is_dir():
        raise DocumentError(f"{folder}: no such directory")
    files = sorted(folder.glob("*" + SUFFIX))
    return sorted(files, key=lambda p: (claims_path_key(p), p.name))
