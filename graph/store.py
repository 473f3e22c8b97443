"""The ``GraphStore`` protocol, its errors, and :func:`open_store`.

Two backends run the same Cypher (see :mod:`minegraph.graph.statements`): an embedded FalkorDB
(:mod:`minegraph.graph.falkordb_backend`, the default) and a Neo4j server
(:mod:`minegraph.graph.neo4j_backend`).  Writes go through :class:`Changes`, applied all or
nothing.
"""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

from minegraph.graph.model import Graph, Node, Relationship

DEFAULT_DB_DIR = "minegraph-data"
DEFAULT_TIMEOUT = 30.0
#: the longest one query of the store's own may legitimately take, in seconds.  The
#: longest are whole-store reads (``export`` reads every link in one query: 2.2 s at
#: 1,000 generated articles and 87,000 links on a loaded 2-core machine, so about 150 s
#: at 100,000 articles and 5.8 million links) and a build's write transaction (2.1 s a
#: batch of 500 at 1,000 articles); this leaves five times that.  A client that waits
#: longer for the embedded server's answer calls it stuck (graph/server.py answer_timeout)
DEFAULT_QUERY_TIMEOUT = 900.0
READ_ONLY_MESSAGE = "the query writes to the graph; queries are read-only unless --write is given"
#: what a store opened for reading says when asked to write
READ_ONLY_STORE = "the store was opened for reading; this command does not write"


class StoreError(Exception):
    """Base class for errors a user can cause or fix; the message is for them."""


class StoreUnavailableError(StoreError):
    """The database cannot be reached or started."""


class ServerSilentError(StoreUnavailableError):
    """The embedded server took a query and did not answer in time (stopped, or stuck)."""


class StoreBusyError(StoreError):
    """Another minegraph process holds the embedded database."""


class QueryError(StoreError):
    """The engine refused a query (syntax, read-only violation, timeout...)."""


@dataclass
class QueryResult:
    """Columns and rows of plain Python values (nodes and relationships become dicts)."""

    columns: list[str]
    rows: list[list[Any]]

    def records(self) -> list[dict[str, Any]]:
        return [dict(zip(self.columns, row, strict=True)) for row in self.rows]


@dataclass
class Changes:
    """What one atomic write does: upserts replace all properties; deletes go first.

    A build writes deltas: the documents whose claims are taken back (``retracted``;
    ``removed`` also deletes the Document), nodes with their new running totals, each
    new document's MENTIONS links with its claims (``mentions``), and the links it
    supports appended to on the server (``appends``), never read first.
    """

    nodes: list[Node] = field(default_factory=list)
    relationships: list[tuple[Relationship, str, str]] = field(default_factory=list)  # rel, src label, dst label
    deleted_nodes: list[tuple[str, str]] = field(default_factory=list)  # (label, id)
    deleted_relationships: list[tuple[Relationship, str, str]] = field(default_factory=list)
    retracted: list[str] = field(default_factory=list)  # doc ids: claims on links and MENTIONS taken back first
    removed: list[str] = field(default_factory=list)  # doc ids: as retracted, and the Document deleted
    #: (target label, {"source": doc id, "target": node id, "props": ...}): MENTIONS links set as they are
    mentions: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    #: (type, source label, target label, row): one row per link, see statements.append_links
    appends: list[tuple[str, str, str, dict[str, Any]]] = field(default_factory=list)
    #: doc id -> (type, source label, target label) -> its links' (source, target), as its
    #: MENTIONS links record them: taken back by their ends (else every link of what it
    #: mentions is looked at)
    supported: dict[str, dict[tuple[str, str, str], set[tuple[str, str]]]] = field(default_factory=dict)

    def __bool__(self) -> bool:
        return bool(self.nodes or self.relationships or self.deleted_nodes or self.deleted_relationships
                    or self.retracted or self.removed or self.mentions or self.appends)

    @classmethod
    def between(cls, graph: Graph, node_ids: set[str], rel_keys: set[tuple[str, str, str]],
                labels: dict[str, str]) -> Changes:
        """The writes that bring a store up to ``graph`` for the touched ids and keys.

        ``labels`` gives the label of nodes that were removed from ``graph``.
        """
        changes = cls()

        def label_of(node_id: str) -> str:
            node = graph.nodes.get(node_id)
            return node.label if node is not None else labels[node_id]

        for node_id in sorted(node_ids):
            node = graph.nodes.get(node_id)
            if node is None:
                changes.deleted_nodes.append((labels[node_id], node_id))
            else:
                changes.nodes.append(node)
        for key in sorted(rel_keys):
            rel = graph.relationships.get(key)
            if rel is not None and rel.type == "MENTIONS":  # with its document's claim on the node
                changes.mentions.append((label_of(rel.target), {"source": rel.source, "target": rel.target,
                                                                "props": graph.stored_properties(rel)}))
            elif rel is not None:
                changes.relationships.append((rel, label_of(rel.source), label_of(rel.target)))
            elif key[0] in graph.nodes and key[2] in graph.nodes:  # else DETACH DELETE took it
                gone = Relationship(*key)
                changes.deleted_relationships.append((gone, label_of(key[0]), label_of(key[2])))
        return changes


@runtime_checkable
class GraphStore(Protocol):
    """What minegraph needs from a graph database."""

    description: str

    def ensure_schema(self) -> None:
        """Create the id index of every label (idempotent)."""

    def apply(self, changes: Changes) -> None:
        """Apply ``changes`` atomically: all of them or none."""

    def query(self, cypher: str, params: dict[str, Any] | None = None, *, write: bool = False,
              timeout: float | None = DEFAULT_TIMEOUT, allow_load: bool = False) -> QueryResult:
        """Run Cypher; read-only unless ``write``, and without ``LOAD CSV`` unless
        ``write`` or ``allow_load`` (:mod:`minegraph.graph.querycheck`). Raises :class:`QueryError`.

        ``timeout`` None is the store's own targeted reads and writes: no time limit, and
        no cap on the query's memory (a person's queries always have a time limit)."""

    def find_name_keys(self, keys: list[str], labels: tuple[str, ...]) -> list[list[Any]]:
        """``[key, id, label, name, aliases, date, year, minerals]`` of every node of ``labels`` whose
        ``name_keys`` hold one of ``keys``, through the store's index of them."""

    def read_graph(self, provenance: bool = True, evidence: bool = True) -> Graph:
        """The whole stored graph.  Without ``provenance`` the per-document claims are
        left out (all a reader needs; a build needs them to merge); without ``evidence``
        also the sentences, document lists and MENTIONS links (the outline analytics
        need)."""

    def clear(self) -> None:
        """Delete every node and relationship."""

    def writing(self) -> contextlib.AbstractContextManager[None]:
        """Hold the right to write for the writes inside, on a store opened for reading
        (an embedded store's write lock; nothing to hold on Neo4j)."""

    def close(self) -> None:
        """Release connections (and stop an embedded server)."""

    def __enter__(self) -> GraphStore: ...

    def __exit__(self, *exc: object) -> None: ...


@dataclass(frozen=True)
class Neo4jConfig:
    """Where and as whom to reach a Neo4j server.  The password is never in its repr."""

    uri: str
    user: str = "neo4j"
    password: str = field(default="", repr=False)
    database: str | None = None


@dataclass(frozen=True)
class StoreConfig:
    """Which store to open: the Neo4j server of ``neo4j`` when given, else the embedded
    FalkorDB store in ``db_dir``.  Built by the caller (the CLI reads the environment;
    the library never does)."""

    db_dir: Path = Path(DEFAULT_DB_DIR)
    neo4j: Neo4jConfig | None = None
    lock_timeout: float | None = None
    query_memory_mb: float | None = None  # cap on one query's memory in the embedded server (None: default)
    server_memory_mb: float | None = None  # the embedded server's memory ceiling (None: half the machine's)
    #: False: a reader (no write lock, every write refused); see :mod:`minegraph.graph.server`
    write: bool = True
    #: start a server other commands may use while this store is open (the workbench's)
    share: bool = False
    #: the longest one query may take (None: :data:`DEFAULT_QUERY_TIMEOUT`); the client
    #: waits that and a margin for each answer of the embedded server, then gives up on it
    query_timeout: float | None = None


def open_store(target: StoreConfig | str | os.PathLike[str] | None = None, *,
               lock_timeout: float | None = None) -> GraphStore:
    """Open the store ``target`` names: a :class:`StoreConfig`, or the data directory of
    an embedded store (default ``./minegraph-data``).  Use it as a context manager."""
    if not isinstance(target, StoreConfig):
        target = StoreConfig(Path(target) if target is not None else Path(DEFAULT_DB_DIR), lock_timeout=lock_timeout)
    if target.neo4j is not None:
        from minegraph.graph.neo4j_backend import Neo4jStore

        return Neo4jStore(target.neo4j, write=target.write)
    from minegraph.graph.falkordb_backend import EmbeddedFalkorStore

    options = {} if target.query_memory_mb is None else {"query_memory_mb": target.query_memory_mb}
    return EmbeddedFalkorStore(Path(target.db_dir), lock_timeout=target.lock_timeout,
                               server_memory_mb=target.server_memory_mb, write=target.write, share=target.share,
                               query_timeout=target.query_timeout, **options)
