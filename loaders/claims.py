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
import os
import tempfile
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from minegraph.graph.model import Graph, Node, OntologyError, Relationship
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
    except json.JSONDecodeError:
        header = None
    if not isinstance(header, dict) or "minegraph_claims" not in header:
        raise DocumentError(f"{path}: not a minegraph claims file (no header line)")
    if header["minegraph_claims"] != FORMAT_VERSION:
        raise DocumentError(f"{path}: claims format version {header['minegraph_claims']!r}, "
                            f"this minegraph reads version {FORMAT_VERSION}")
    return header


def claims_path_key(path: Path) -> str:
    """The article path a claims file records (load order follows it, as build's does)."""
    with path.open(encoding="utf-8") as fh:
        return str(_header(path, fh.readline())["document"].get("path", ""))


def read_claims(path: str | os.PathLike[str]) -> Extracted:
    """Read one claims file; raises :class:`DocumentError` naming it when it is not one."""
    path = Path(path)
    graph = Graph()
    try:
        with path.open(encoding="utf-8") as fh:
            header = _header(path, fh.readline())
            doc = Document(text="", **header["document"])
            for number, line in enumerate(fh, start=2):
                if not line.strip():
                    continue
                record = json.loads(line)
                if "node" in record:
                    n = record["node"]
                    graph.nodes[n["id"]] = Node(n["id"], n["label"], n["name"], list(n.get("aliases", [])),
                                                dict(n.get("props", {})))
                elif "rel" in record:
                    r = record["rel"]
                    rel = Relationship(r["source"], r["type"], r["target"], dict(r.get("props", {})))
                    graph.relationships[rel.key] = rel
                else:
                    raise DocumentError(f"{path}:{number}: neither a node nor a rel record")
    except (json.JSONDecodeError, KeyError, TypeError, OntologyError, UnicodeDecodeError) as exc:
        raise DocumentError(f"{path}: not a valid claims file ({type(exc).__name__}: {exc})") from None
    except OSError as exc:
        raise DocumentError(f"{path}: cannot read ({exc.strerror or exc})") from None
    return Extracted(doc, graph, list(header.get("notes", [])))


def find_claims(claims_dir: str | os.PathLike[str]) -> list[Path]:
    """The claims files in ``claims_dir``, in the order of the articles' paths."""
    folder = Path(claims_dir)
    if not folder.is_dir():
        raise DocumentError(f"{folder}: no such directory")
    files = sorted(folder.glob("*" + SUFFIX))
    return sorted(files, key=lambda p: (claims_path_key(p), p.name))
