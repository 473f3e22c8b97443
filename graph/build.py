"""Building the store from documents, and removing a document from it.

Each document is extracted, resolved against everything already known, and folded into
the in-memory graph as that document's claims; the changed nodes and relationships are
then written in one transaction per batch of documents, so an interrupted build leaves
the store as it was before a batch or after it, never with part of an article.
"""

from __future__ import annotations

import hashlib
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path

from graph.model import Graph
from graph.store import Changes, GraphStore
from loaders.documents import (
    CHUNK_BYTES,
    Document,
    DocumentError,
    Skipped,
    check_size,
    find_files,
    read_document,
    read_in_chunks,
)
from loaders.extract import extract_graph
from loaders.pipeline import add_document_links
from loaders.resolve import resolve_against

DEFAULT_BATCH = 500
DEFAULT_MAX_BYTES = 200_000_000


@dataclass
class BuildReport:
    """What a build did."""

    loaded: list[str] = field(default_factory=list)       # paths newly loaded
    replaced: list[str] = field(default_factory=list)     # paths whose content changed
    unchanged: list[str] = field(default_factory=list)    # paths already in the store as they are
    skipped: list[Skipped] = field(default_factory=list)
    nodes: int = 0
    relationships: int = 0

    @property
    def ok(self) -> bool:
        """True when at least one document is now in the store (new, changed or unchanged)."""
        return bool(self.loaded or self.replaced or self.unchanged)


Progress = Callable[[str, str], None]  # (event, path): "loaded", "replaced", "unchanged", "skipped"


def _read_and_extract(path: Path, max_bytes: int | None) -> tuple[Document, Graph] | Skipped:
    """Worker: read one file and extract its graph (pure, so it runs in any process).

    A large plain-text file is streamed: extracted piece by piece into one graph, so
    memory stays bounded by the piece size and the graph, not the file.
    """
    try:
        if check_size(path, max_bytes) > CHUNK_BYTES and path.suffix.lower() not in (".html", ".htm"):
            doc, pieces = read_in_chunks(path)
            if doc.encoding != "utf-16":
                graph = Graph()
                for piece in pieces:
                    part = extract_graph(replace(doc, text=piece))
                    for node in part.nodes.values():
                        graph.add_node(node)
                    for rel in part.relationships.values():
                        graph.add_relationship(rel)
                return doc, graph
        doc = read_document(path, max_bytes=max_bytes)
    except DocumentError as exc:
        return Skipped(str(path), str(exc).split(": ", 1)[-1])
    except OSError as exc:
        return Skipped(str(path), f"cannot read ({exc.strerror or exc})")
    return replace(doc, text=""), extract_graph(doc)


def _extracted(files: list[Path], jobs: int, max_bytes: int | None) -> Iterator[tuple[Document, Graph] | Skipped]:
    if jobs <= 1 or len(files) < 4:
        for path in files:
            yield _read_and_extract(path, max_bytes)
        return
    # a bounded window of submitted files: results wait in memory only while the writer
    # catches up, and never more than the window's worth
    window = jobs * 8
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        pending: deque[Future[tuple[Document, Graph] | Skipped]] = deque()
        for path in files:
            pending.append(pool.submit(_read_and_extract, path, max_bytes))
            if len(pending) >= window:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()


def document_id(doc: Document, graph: Graph) -> str:
    """A stable id for a new document: its file name without suffix, unless another
    article already uses that id."""
    if doc.id not in graph.nodes:
        return doc.id
    return f"{doc.id}-{hashlib.sha1(doc.path.encode()).hexdigest()[:8]}"


def build_paths(store: GraphStore, paths: Iterable[str | Path], *, jobs: int = 1, batch: int = DEFAULT_BATCH,
                max_bytes: int | None = DEFAULT_MAX_BYTES, progress: Progress | None = None) -> BuildReport:
    """Read, extract and write every article under ``paths``.

    Articles already stored with the same content are left alone; an article whose file
    changed replaces the facts it used to support.  Raises
    :class:`loaders.documents.DocumentError` before writing anything when a path does
    not exist.
    """
    report = BuildReport()
    files: list[Path] = []
    for item in find_files(list(paths)):  # raises on a missing path before any work
        if isinstance(item, Skipped):
            report.skipped.append(item)
            if progress:
                progress("skipped", item.path)
        else:
            files.append(item)
    graph = store.read_graph()
    by_path = {n.props.get("path"): n.id for n in graph.by_label("Document")}
    by_hash = {n.props.get("sha256"): n.id for n in graph.by_label("Document")}
    pending: tuple[set[str], set[tuple[str, str, str]], dict[str, str]] = (set(), set(), {})

    def flush() -> None:
        node_ids, rel_keys, labels = pending
        graph.settle()
        if node_ids or rel_keys:
            store.apply(Changes.between(graph, node_ids, rel_keys, labels))
        node_ids.clear()
        rel_keys.clear()
        labels.clear()

    done_in_batch = 0
    for result in _extracted(files, jobs, max_bytes):
        if isinstance(result, Skipped):
            report.skipped.append(result)
            if progress:
                progress("skipped", result.path)
            continue
        doc, extracted = result
        path = str(Path(doc.path).resolve())
        doc = replace(doc, path=path)
        old_id = by_path.get(path)
        if by_hash.get(doc.sha256) is not None and (old_id is None or old_id == by_hash[doc.sha256]):
            report.unchanged.append(doc.path)
            if progress:
                progress("unchanged", doc.path)
            continue
        doc_id = old_id or document_id(doc, graph)
        doc = replace(doc, id=doc_id)
        if old_id is not None:  # same path, new content: its old claims go first
            _track(graph, pending, *graph.retract(old_id, settle=False))
            report.replaced.append(doc.path)
        else:
            report.loaded.append(doc.path)
        doc_graph = add_document_links(resolve_against(extracted, graph), doc)
        _track(graph, pending, *graph.absorb(doc_id, doc_graph, settle=False))
        by_path[path] = doc_id
        by_hash[doc.sha256] = doc_id
        if progress:
            progress("replaced" if old_id else "loaded", doc.path)
        done_in_batch += 1
        if done_in_batch >= batch:
            flush()
            done_in_batch = 0
    flush()
    report.nodes = len(graph.nodes)
    report.relationships = len(graph.relationships)
    return report


def _track(graph: Graph, pending: tuple[set[str], set[tuple[str, str, str]], dict[str, str]],
           node_ids: set[str], rel_keys: set[tuple[str, str, str]]) -> None:
    """Remember what changed, and the labels of removed nodes (needed to delete them)."""
    pending[0].update(node_ids)
    pending[1].update(rel_keys)
    pending[2].update(graph.removed_labels)
    graph.removed_labels.clear()


class UnknownDocumentError(LookupError):
    """``remove`` was given a path or id that is not in the store."""


def remove_document(store: GraphStore, path_or_id: str) -> str:
    """Remove an article and every fact only it supported; returns its document id."""
    graph = store.read_graph()
    docs = graph.by_label("Document")
    wanted = str(Path(path_or_id).resolve())
    match = next((n for n in docs if n.id == path_or_id), None) or next(
        (n for n in docs if n.props.get("path") == wanted), None)
    if match is None:
        raise UnknownDocumentError(f"no document {path_or_id!r} in the store (see: minegraph query --name documents)")
    node_ids, rel_keys = graph.retract(match.id)
    store.apply(Changes.between(graph, node_ids, rel_keys, dict(graph.removed_labels)))
    return match.id
