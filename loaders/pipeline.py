"""The one pipeline from articles to a store: extract -> resolve -> document links -> write.

Its two halves can run apart: :func:`extract_paths` writes each article's claims file
(see :mod:`minegraph.loaders.claims`) and :func:`load_claims` resolves and writes them;
:func:`build_paths` streams one into the other.  Extraction (:func:`extract_file`) is a
pure function of one file, so it runs in worker processes or on another engine.

Each article is resolved against everything already known (an outline of the stored
nodes), given its Document and MENTIONS links and the curation decisions, and handed
to the store as that article's claims: :mod:`minegraph.graph.ledger` turns a batch of
them into deltas written in one transaction, so an interrupted build leaves the store
as it was before a batch or after it, never with part of an article.  This module only
orchestrates: reading (:mod:`minegraph.loaders.reader`, exports expanded into rows), worker
processes (:mod:`minegraph.loaders.workers`), near-duplicate copies
(:mod:`minegraph.loaders.sources.dedup`) and the store's semantics live elsewhere.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path
from typing import Any

from minegraph.graph import buildlog, dates, dating, ledger, reads
from minegraph.graph.curation import Curation
from minegraph.graph.model import Graph, Node, Relationship
from minegraph.graph.store import GraphStore
from minegraph.loaders.claims import Extracted, find_claims, read_claims, write_claims
from minegraph.loaders.documents import CHUNK_BYTES, Document, DocumentError, Skipped, check_size, clean_field
from minegraph.loaders.extract import extract_graph
from minegraph.loaders.reader import list_articles, read_article, read_in_chunks
from minegraph.loaders.resolve import KEYED_LABELS, BatchNames, batch_keys, resolve_against, resolve_with, stored_keys
from minegraph.loaders.sources.dedup import NearDuplicates, decode_signature, encode_signature, fingerprint
from minegraph.loaders.workers import map_in_workers

DEFAULT_BATCH = 500
DEFAULT_MAX_BYTES = 200_000_000


@dataclass
class BuildReport:
    """What a build (or a load) did."""

    loaded: list[str] = field(default_factory=list)       # paths newly loaded
    replaced: list[str] = field(default_factory=list)     # paths whose content changed
    unchanged: list[str] = field(default_factory=list)    # paths already in the store as they are
    duplicates: list[Skipped] = field(default_factory=list)  # same text as another article
    skipped: list[Skipped] = field(default_factory=list)
    notes: list[Skipped] = field(default_factory=list)    # loaded, with a remark (path, note)
    nodes: int = 0
    relationships: int = 0
    converted: int = 0  # nodes of a store in the earlier claims format, converted first
    keyed: int = 0  # nodes of a store written before name keys, given theirs first
    build: int | None = None  # the number of this build in the store's log (None: it changed nothing)
    dated: int = 0  # nodes of a store written before dates, dated first

    @property
    def ok(self) -> bool:
        """True when at least one document is now in the store (new, changed, unchanged or a duplicate)."""
        return bool(self.loaded or self.replaced or self.unchanged or self.duplicates)


Progress = Callable[[str, str], None]  # (event, path): "loaded", "replaced", "unchanged", "duplicate", "skipped"


# --- extraction (pure, runs in any process) -----------------------------------------------

_ENGLISH = frozenset("the and of to in a is for on with that by as at from was were has have are its".split())
_WORD = re.compile(r"[^\W\d_]+")


def language_note(text: str) -> str | None:
    """A note when ``text`` does not read as English (the extractor only reads English).

    English prose has about one word in four among its commonest function words; a
    text where fewer than one in thirty are is another language (or a list).
    """
    words = _WORD.findall(text[:20_000].lower())
    if len(words) < 20:
        return None
    if sum(w in _ENGLISH for w in words) / len(words) >= 1 / 30:
        return None
    return "the text does not look like English; minegraph extracts facts from English articles only"


def extract_file(path: Path | Document, max_bytes: int | None = DEFAULT_MAX_BYTES, *,
                 chunk_bytes: int = CHUNK_BYTES) -> Extracted | Skipped:
    """Read one file and extract its graph (pure, so it runs in any process).

    A plain-text file above ``chunk_bytes`` is streamed: extracted piece by piece into
    one graph, so memory stays bounded by the piece size and the graph, not the file.
    A Document already read (a fetched page, an export row) is extracted as it is.
    """
    notes: list[str] = []
    if isinstance(path, Document):  # read already (a fetched page, an export row)
        return _extract_document(path)
    try:
        if check_size(path, max_bytes) > chunk_bytes and path.suffix.lower() not in (".html", ".htm", ".pdf"):
            doc, pieces = read_in_chunks(path, chunk_bytes, max_bytes)
            if doc.encoding != "utf-16":
                graph = Graph()
                for number, piece in enumerate(pieces):
                    if number == 0 and (note := language_note(piece)):
                        notes.append(note)
                    part = extract_graph(replace(doc, text=piece))
                    for node in part.nodes.values():
                        graph.add_node(node)
                    for rel in part.relationships.values():
                        graph.add_relationship(rel)
                return Extracted(replace(doc, path=str(Path(doc.path).resolve())), graph, notes)
        doc = read_article(path, max_bytes=max_bytes)
    except DocumentError as exc:
        return Skipped(str(path), str(exc).split(": ", 1)[-1])
    except OSError as exc:
        return Skipped(str(path), f"cannot read ({exc.strerror or exc})")
    return _extract_document(doc)


def _extract_document(doc: Document) -> Extracted:
    if doc.fingerprint is None:
        doc = replace(doc, fingerprint=fingerprint(doc.text))
    notes = [note] if (note := language_note(doc.text)) else []
    graph = extract_graph(doc)
    return Extracted(replace(doc, text="", path=source_path(doc.path)), graph, notes)


def source_path(path: str) -> str:
    """An article's path as stored: a file's absolute path, a URL as it is."""
    return path if "://" in path else str(Path(path).resolve())


def extract_files(files: list[Path | Document], jobs: int = 1, max_bytes: int | None = DEFAULT_MAX_BYTES
                  ) -> Iterator[Extracted | Skipped]:
    """:func:`extract_file` over ``files`` in order, in ``jobs`` worker processes
    (:mod:`minegraph.loaders.workers`)."""
    if jobs <= 1 or len(files) < 4:
        return (extract_file(path, max_bytes) for path in files)
    return map_in_workers(partial(extract_file, max_bytes=max_bytes), files, jobs, prepare=warm_extraction)


#: an invented article that reads every kind of reference data extraction loads
_WARM_TEXT = (
    "Ruritania and Freedonia signed a memorandum of understanding on lithium and cobalt supply.\n\n"
    "Jane Doe, minister of mines of Ruritania, attended the Critical Minerals Summit 2030 in Zenda."
)


def warm_extraction() -> None:
    """Load what extraction reads (reference data, patterns, the relation weights) by
    extracting one short invented article (a worker's first step, before it is frozen)."""
    extract_graph(Document("warm", "warm", _WARM_TEXT, ""))


def _list_files(paths: Iterable[str | Path], report: BuildReport, progress: Progress | None,
                documents: Iterable[Document | Skipped] = (), columns: dict[str, str] | None = None,
                max_bytes: int | None = None) -> list[Path | Document]:
    """The files to read, export files expanded into their rows, then ``documents``."""
    files: list[Path | Document] = []

    def skip(item: Skipped) -> None:
        report.skipped.append(item)
        if progress:
            progress("skipped", item.path)

    # raises on a missing path before any work
    for item in list_articles(paths, columns=columns, max_bytes=max_bytes):
        skip(item) if isinstance(item, Skipped) else files.append(item)
    for doc in documents:
        skip(doc) if isinstance(doc, Skipped) else files.append(doc)
    return files


# --- resolution and document links ----------------------------------------------------------


def add_document_links(graph: Graph, doc: Document) -> Graph:
    """Add the article's Document node and a MENTIONS link to every entity in ``graph``."""
    entity_ids = sorted(graph.nodes)
    graph.add_node(Node(doc.id, "Document", clean_field(doc.title) or doc.id, [], doc.metadata()))
    for node_id in entity_ids:
        graph.add_relationship(Relationship(doc.id, "MENTIONS", node_id, {"confidence": 1.0}))
    return graph


def document_graph(doc: Document, known: Graph) -> Graph:
    """The graph one article supports, its entities mapped onto ``known`` ones."""
    return add_document_links(resolve_against(extract_graph(doc), known), doc)


def build_graph(documents: Iterable[Document], base: Graph | None = None) -> Graph:
    """Fold ``documents`` one by one into ``base`` (or a new graph) and return it (no store)."""
    graph = base if base is not None else Graph()
    for doc in documents:
        graph.absorb(doc.id, document_graph(doc, graph))
    return graph


def document_id(doc: Document, taken: Callable[[str], bool]) -> str:
    """A stable id for a new document: its file name without suffix, unless another
    article (or node) already uses that id (``taken``)."""
    if not taken(doc.id):
        return doc.id
    return f"{doc.id}-{hashlib.sha1(doc.path.encode()).hexdigest()[:8]}"


# --- loading into a store -------------------------------------------------------------------


class Loader:
    """Folds extracted articles into a store, one transaction per ``batch`` articles.

    It keeps the stored documents' ids, paths, hashes (and near-duplicate signatures);
    a batch's articles are resolved when the batch is written, against the names the
    store keeps on its nodes, looked up once for the whole batch
    (:class:`minegraph.loaders.resolve.BatchNames`), and what they add; the flush reads
    only the running totals of the nodes the batch touches and writes deltas
    (:func:`minegraph.graph.ledger.write_claims`).  So memory and time follow the
    articles of a batch, not the size of the store.
    """

    def __init__(self, store: GraphStore, batch: int = DEFAULT_BATCH, progress: Progress | None = None,
                 near_duplicate: float | None = None, curation: Curation | None = None,
                 log: str | None = "build") -> None:
        self.store = store
        self.curation = curation  # a person's corrections, applied to every article (graph.curation)
        # near-duplicate copies of one story: the first is loaded, the others become its sources
        self.copies = NearDuplicates(near_duplicate) if near_duplicate else None
        self._copy_sources: dict[str, list[tuple[str, str, str]]] = {}  # doc id -> copies this batch
        self.batch = batch
        self.progress = progress
        self.report = BuildReport()
        self.report.converted = ledger.convert_store(store)
        self.report.keyed = ledger.add_name_keys(store, stored_keys, KEYED_LABELS)
        self.report.dated = dating.date_store(store)
        documents = reads.read_documents(store, signatures=self.copies is not None)
        self.by_path = {d["path"]: d["id"] for d in documents}
        self.by_hash = {d["sha256"]: d["id"] for d in documents}
        self.path_of = {d["id"]: d["path"] for d in documents}
        if self.copies is not None:  # stored articles' signatures: a copy next week still merges
            self.copies.add_many((d["id"], decode_signature(d["minhash"])) for d in documents
                                 if d["minhash"] is not None)
        del documents
        #: this batch's articles (doc id -> the article and its extracted graph), resolved when written
        self._queue: dict[str, tuple[Document, Graph]] = {}
        # the build log's entry (graph.buildlog): "curate" re-reads articles, which stay as old as they were
        self.built = dates.today()  # the day undated articles count by
        self.entry = buildlog.begin(store, log, self.built) if log else None
        self.report.build = self.entry.number if self.entry else None
        self._retract: list[str] = []  # stored articles built again: their claims go first
        self._again: set[str] = set()  # stored articles to replace even when unchanged (see reread)
        #: what resolution must not see of the stored nodes those articles claim (see reread)
        self._forgotten: dict[str, tuple[str, list[str]] | None] = {}

    def reread(self, doc_ids: Iterable[str]) -> None:
        """Have these stored articles replaced when they are added, even unchanged, and
        resolved as if their claims were gone (so an undone merge brings back the node
        it had merged): look-ups forget what only they claimed.  Each one's old claims
        are taken back in the transaction that writes its new ones, so nothing is lost
        if the process dies in between."""
        self._again.update(doc_ids)
        self._forget()

    def _forget(self) -> None:
        """The stored nodes as if the claims of the articles still to be read again were
        gone: id -> (label, names) or None (reads only)."""
        self._forgotten = {}
        if self._again:
            _, outcome = ledger.claim_changes(self.store, {}, retracted=sorted(self._again))
            self._forgotten = {node_id: None if node is None else (node.label, [node.name, *node.aliases])
                               for node_id, node in outcome.items()}

    def _event(self, event: str, path: str) -> None:
        if self.progress:
            self.progress(event, path)

    def skip(self, item: Skipped) -> None:
        self.report.skipped.append(item)
        self._event("skipped", item.path)

    def add(self, item: Extracted | Skipped) -> None:
        """Fold one article in (or record why not); writes when a batch is full."""
        if isinstance(item, Skipped):
            self.skip(item)
            return
        doc = item.doc
        path = source_path(doc.path)
        doc = replace(doc, path=path)
        old_id = self.by_path.get(path)
        same = self.by_hash.get(doc.sha256)
        if same is not None and old_id == same and old_id not in self._again:
            self.report.unchanged.append(path)
            self._event("unchanged", path)
            self._remember_copy(same, doc)
            return
        if same is not None and old_id is None:
            self.report.duplicates.append(Skipped(path, f"duplicate of {self.path_of.get(same, same)}"))
            self._event("duplicate", path)
            return
        if old_id is None and self._near_copy(doc):
            return
        doc_id = old_id or document_id(doc, self.path_of.__contains__)
        doc = replace(doc, id=doc_id)
        if problem := self._unwritable(doc, item.graph):  # refused alone, before it joins a batch
            self.skip(Skipped(path, f"not written: {problem}"))
            return
        if old_id is not None:  # same path, new content (or read again): its old claims go first
            self._again.discard(old_id)
            if self._queue.pop(old_id, None) is None and old_id not in self._retract:
                self._retract.append(old_id)
            self.report.replaced.append(path)
        else:
            self.report.loaded.append(path)
        for note in item.notes:
            self.report.notes.append(Skipped(path, note))
        self._queue[doc_id] = (doc, item.graph)
        self.by_path[path] = doc_id
        self.by_hash[doc.sha256] = doc_id
        self.path_of[doc_id] = path
        self._remember_copy(doc_id, doc)
        self._event("replaced" if old_id else "loaded", path)
        if len(self._queue) >= self.batch:
            self.flush()

    @staticmethod
    def _unwritable(doc: Document, graph: Graph) -> str | None:
        """Why an article cannot be written (a value no store holds exactly), before it
        joins a batch: its graph with its Document and MENTIONS links (resolution only
        maps its ids onto stored ones)."""
        probe = add_document_links(Graph(dict(graph.nodes), dict(graph.relationships)), doc)
        if doc.fingerprint:
            probe.nodes[doc.id].props["minhash"] = encode_signature(doc.fingerprint)
        return ledger.unwritable(probe)

    def _near_copy(self, doc: Document) -> bool:
        """Record ``doc`` as a source of the story it copies, if it is a near-duplicate."""
        found = self.copies.match(doc.fingerprint) if self.copies else None
        if found is None:
            return False
        doc_id, score = found
        self._copy_sources.setdefault(doc_id, []).append(_source_of(doc))
        self.report.duplicates.append(Skipped(doc.path, f"near-duplicate of {self.path_of.get(doc_id, doc_id)} "
                                                        f"(similarity {score:.2f}); listed as one of its sources"))
        self._event("duplicate", doc.path)
        return True

    def _remember_copy(self, doc_id: str, doc: Document) -> None:
        if self.copies is not None:
            self.copies.add(doc_id, doc.fingerprint)

    def _resolved(self) -> dict[str, Graph]:
        """The batch's articles resolved in order, each against the store and the
        articles before it, with their Documents and MENTIONS links and the curation."""
        ids, keys = batch_keys(graph for _, graph in self._queue.values())
        names = BatchNames(ids | set(self._queue), keys,
                           lambda i, k: reads.find_names(self.store, i, k, KEYED_LABELS), forget=self._forgotten)
        resolved: dict[str, Graph] = {}
        for doc_id, (doc, graph) in self._queue.items():
            if names.known(doc_id) is not None:  # a node has the article's id: the article gets another
                doc_id = document_id(doc, lambda taken: taken in self.path_of or names.known(taken) is not None)
                doc = replace(doc, id=doc_id)
                self.by_hash[doc.sha256] = self.by_path[doc.path] = doc_id
                self.path_of[doc_id] = doc.path
            doc_graph = add_document_links(resolve_with(graph, names), doc)
            if self.curation:
                doc_graph = self.curation.apply(doc_graph)
            if doc.fingerprint:  # kept so that later builds find copies of this story
                doc_graph.nodes[doc_id].props["minhash"] = encode_signature(doc.fingerprint)
            doc_graph.nodes[doc_id].props["built"] = self.built  # the date of an undated article
            resolved[doc_id] = doc_graph
        return resolved

    def flush(self) -> None:
        """Resolve and write what changed since the last flush, in one transaction."""
        if self._queue or self._retract:
            # what the articles taken back mention, so the log can name the entities they leave behind
            mentioned = sorted({m for doc_id in self._retract for m in buildlog.before_removal(self.store, doc_id)[1]}
                               ) if self.entry is not None else []
            resolved = self._resolved()
            ledger.write_claims(self.store, resolved, self._retract, name_keys=stored_keys)
            self._log(resolved, mentioned)
            if self._again:  # articles still to be read again keep resolving afresh
                self._forget()
        ledger.add_copy_sources(self.store, self._copy_sources)
        self._copy_sources.clear()
        self._queue.clear()
        self._retract.clear()

    def _log(self, resolved: dict[str, Graph], mentioned: list[tuple[str, str, str]]) -> None:
        """Add what this batch wrote to the build log: its articles, and the entities
        the articles it took back ``mentioned`` that are no longer stored."""
        if self.entry is None:
            return
        for doc_id in sorted(resolved):
            if self.entry.command == "curate":
                self.entry.reread.append(doc_id)
            else:
                (self.entry.replaced if doc_id in self._retract else self.entry.added).append(doc_id)
        if mentioned:
            self.entry.gone.extend(buildlog.gone_after(self.store, mentioned))
        buildlog.record(self.store, self.entry)

    def finish(self) -> BuildReport:
        self.flush()
        if self.entry is not None:
            buildlog.record(self.store, self.entry, finished=True)
            self.report.build = self.entry.number if self.entry.changed() else None
        self.report.nodes, self.report.relationships = reads.count_graph(self.store)
        return self.report


def _source_of(doc: Document) -> tuple[str, str, str]:
    """(URL or path, outlet, date) of an article, "" where unknown."""
    return doc.url or doc.path, doc.publisher or "", doc.published or ""


def build_paths(store: GraphStore, paths: Iterable[str | Path], *, jobs: int = 1, batch: int = DEFAULT_BATCH,
                max_bytes: int | None = DEFAULT_MAX_BYTES, progress: Progress | None = None,
                documents: Iterable[Document | Skipped] = (), columns: dict[str, str] | None = None,
                near_duplicate: float | None = None, curation: Curation | None = None,
                log: str | None = "build") -> BuildReport:
    """Read, extract and write every article under ``paths`` (extract and load, streamed).

    Articles already stored with the same content are left alone; an article whose file
    changed replaces the facts it used to support; a file with the same text as another
    article is reported as its duplicate, and a near-duplicate copy (similarity at least
    ``near_duplicate``, e.g. :data:`minegraph.loaders.sources.dedup.DEFAULT_THRESHOLD`; None, the
    default, keeps every copy) becomes one of its sources.  ``documents``
    (fetched pages, feed entries) are built after the files; export files are expanded
    into their rows, with ``columns`` mapping their column names.  Raises
    :class:`minegraph.loaders.documents.DocumentError`
    before writing anything when a path does not exist.  What changed is logged in the
    store as a build (:mod:`minegraph.graph.buildlog`) named ``log`` (None: not logged).
    """
    skipped = BuildReport()
    files = _list_files(paths, skipped, progress, documents, columns, max_bytes)
    loader = Loader(store, batch, progress, near_duplicate, curation, log=log)
    loader.report.skipped.extend(skipped.skipped)
    for item in extract_files(files, jobs, max_bytes):
        loader.add(item)
    return loader.finish()


def load_claims(store: GraphStore, claims_dir: str | Path, *, batch: int = DEFAULT_BATCH,
                progress: Progress | None = None, curation: Curation | None = None,
                log: str | None = "load") -> BuildReport:
    """Resolve and write the claims files in ``claims_dir`` (see :mod:`minegraph.loaders.claims`),
    in the order of their articles' paths, as :func:`build_paths` would."""
    files = find_claims(claims_dir)  # raises on a missing folder or a foreign file before any work
    loader = Loader(store, batch, progress, curation=curation, log=log)
    for path in files:
        try:
            item: Extracted | Skipped = read_claims(path)
        except DocumentError as exc:  # one malformed file is one Skipped line; the others load
            rest = str(exc).removeprefix(str(path))
            line = re.match(r":(\d+): ", rest)
            item = (Skipped(f"{path}:{line[1]}", rest[line.end():]) if line
                    else Skipped(str(path), rest.removeprefix(": ")))
        loader.add(item)
    return loader.finish()


@dataclass
class ExtractReport:
    """What :func:`extract_paths` wrote."""

    written: list[Path] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    notes: list[Skipped] = field(default_factory=list)


def extract_paths(paths: Iterable[str | Path], out_dir: str | Path, *, jobs: int = 1,
                  max_bytes: int | None = DEFAULT_MAX_BYTES, progress: Progress | None = None) -> ExtractReport:
    """Extract every article under ``paths`` into a claims file in ``out_dir`` (no store)."""
    report = ExtractReport()
    listing = BuildReport()
    files = _list_files(paths, listing, progress)
    report.skipped.extend(listing.skipped)
    out = Path(out_dir)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise DocumentError(f"{out}: cannot create the folder ({exc.strerror or exc})") from None
    for item in extract_files(files, jobs, max_bytes):
        if isinstance(item, Skipped):
            report.skipped.append(item)
            if progress:
                progress("skipped", item.path)
            continue
        report.written.append(write_claims(item, out))
        report.notes.extend(Skipped(item.doc.path, note) for note in item.notes)
        if progress:
            progress("extracted", item.doc.path)
    return report


def extract_to_claims(path: str | Path | Document, out_dir: str | Path,
                      max_bytes: int | None = DEFAULT_MAX_BYTES) -> dict[str, Any]:
    """One article (a file, or a Document read already: an export's row) to its claims
    file: a pure function of the article, for any engine that maps a function over many
    inputs (Dask, Spark, a batch queue).  Returns ``{"claims": path, "notes": [...]}`` or
    ``{"skipped": path, "reason": why}`` (plain values, so the result travels between
    processes and machines)."""
    item = extract_file(path if isinstance(path, Document) else Path(path), max_bytes)
    if isinstance(item, Skipped):
        return {"skipped": item.path, "reason": item.reason}
    Path(out_dir).mkdir(parents=True, exist_ok=True)
    return {"claims": str(write_claims(item, out_dir)), "path": item.doc.path, "notes": list(item.notes)}


def extract_on_cluster(paths: Iterable[str | Path], out_dir: str | Path, client: Any, *,
                       max_bytes: int | None = DEFAULT_MAX_BYTES, progress: Progress | None = None) -> ExtractReport:
    """:func:`extract_paths` with the articles mapped over a Dask cluster (``client``, a
    ``distributed.Client``): each worker writes its articles' claims files into
    ``out_dir``, which the workers must reach (a shared folder).  The report lists them
    in the order of the articles, as :func:`extract_paths` does."""
    from distributed import as_completed

    report = ExtractReport()
    listing = BuildReport()
    files = _list_files(paths, listing, progress)
    report.skipped.extend(listing.skipped)
    out = Path(out_dir).resolve()
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise DocumentError(f"{out}: cannot create the folder ({exc.strerror or exc})") from None
    futures = client.map(extract_to_claims, files, out_dir=str(out), max_bytes=max_bytes, pure=False)
    for future in as_completed(futures):
        if progress:
            done = future.result()
            progress("skipped" if "skipped" in done else "extracted", done.get("path") or done.get("skipped", ""))
    for done in client.gather(futures):
        if "skipped" in done:
            report.skipped.append(Skipped(done["skipped"], done["reason"]))
            continue
        report.written.append(Path(done["claims"]))
        report.notes.extend(Skipped(done["path"], note) for note in done["notes"])
    return report


def remove_document(store: GraphStore, path_or_id: str, *, log: bool = True) -> str:
    """Remove an article (by its path or document id) and every fact only it supported;
    returns its document id (see :func:`minegraph.graph.ledger.remove_document`).  The
    removal is logged as a build (``log``), with the entities it left without an article.

    Raises:
        minegraph.graph.ledger.UnknownDocumentError: no such article is stored.
    """
    found = reads.find_document(store, path_or_id, source_path(path_or_id)) if log else None
    title, mentioned = buildlog.before_removal(store, found) if found else ("", [])
    doc_id = ledger.remove_document(store, path_or_id, source_path(path_or_id), name_keys=stored_keys)
    if log:
        entry = buildlog.begin(store, "remove", dates.today())
        entry.removed, entry.removed_titles = [doc_id], [title or doc_id]
        entry.gone = buildlog.gone_after(store, mentioned)
        buildlog.record(store, entry, finished=True)
    return doc_id
