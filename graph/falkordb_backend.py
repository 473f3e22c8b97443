"""The embedded default store: a FalkorDB server on a unix socket in the data directory.

The server itself (started, shared, found, stopped) and the data directory's locks are
:mod:`minegraph.graph.server`'s.  A store opened here uses the directory's shared server
when one runs (``minegraph store start``, the workbench's), and otherwise starts a
private one that it stops when it closes.  A store opened for writing holds the
directory's write lock, so two writers never interleave their batches; a reader holds
nothing and refuses every write.
"""

from __future__ import annotations

import contextlib
import os
import re
import signal
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from minegraph.graph import server as servers
from minegraph.graph import statements
from minegraph.graph.model import Graph
from minegraph.graph.querycheck import check_query
from minegraph.graph.server import (  # noqa: F401 - the names callers and tests use
    AOF_COMPACT_BYTES,
    DATA_ENTRIES,
    DEFAULT_LOCK_TIMEOUT,
    GRAPH_NAME,
    MODULE_TUNING,
    SERVER_MEMORY_SHARE,
    SERVER_TUNING,
    START_TIMEOUT,
    DirectoryLock,
    check_no_links,
    default_server_memory_mb,
)
from minegraph.graph.store import (
    DEFAULT_QUERY_TIMEOUT,
    DEFAULT_TIMEOUT,
    READ_ONLY_MESSAGE,
    READ_ONLY_STORE,
    Changes,
    QueryError,
    QueryResult,
    StoreError,
    StoreUnavailableError,
)

#: memory one query (``query``) may take in the server; a runaway collect() stops here
DEFAULT_QUERY_MEMORY_MB = 1024.0
_KEYS_PER_QUERY = 5000
_WRITER_BUSY = "another minegraph process is writing to it"


class EmbeddedFalkorStore:
    """GraphStore backed by the data directory's FalkorDB server (shared or its own).

    ``write``: hold the directory's write lock (a reader holds nothing and may not
    write); ``share``: when no server runs, start one that other commands may use
    while this store is open (the workbench's).
    """

    def __init__(self, db_dir: Path, lock_timeout: float | None = None,
                 query_memory_mb: float | None = DEFAULT_QUERY_MEMORY_MB,
                 server_memory_mb: float | None = None, *, write: bool = True, share: bool = False,
                 query_timeout: float | None = None, open_timeout: float | None = None) -> None:
        self.db_dir = Path(db_dir).absolute()
        self.description = f"embedded FalkorDB at {self.db_dir}"
        if lock_timeout is None:
            lock_timeout = DEFAULT_LOCK_TIMEOUT
        if not 0 <= lock_timeout < float("inf"):
            raise ValueError(f"lock_timeout must be a number of seconds, 0 or more (got {lock_timeout!r})")
        self.lock_timeout = lock_timeout
        if query_timeout is not None and not 0 < query_timeout < float("inf"):
            raise ValueError(f"query_timeout must be a number of seconds above 0 (got {query_timeout!r})")
        #: the longest one query may take; each answer of the server is waited for that and a margin
        self.query_timeout = DEFAULT_QUERY_TIMEOUT if query_timeout is None else query_timeout
        self.answer_timeout = servers.answer_timeout(self.query_timeout)
        if open_timeout is not None and not 0 < open_timeout < float("inf"):
            raise ValueError(f"open_timeout must be a number of seconds above 0 (got {open_timeout!r})")
        #: the longest each command of the opening (ping, indexes) may take, and its wait
        self.open_timeout = servers.open_timeout(self.query_timeout) if open_timeout is None else open_timeout
        self.open_wait = servers.answer_timeout(self.open_timeout)
        self._lock = DirectoryLock(self.db_dir / servers.SERVER_LOCK, lock_timeout)
        self._writer = DirectoryLock(self.db_dir / servers.WRITE_LOCK, lock_timeout, _WRITER_BUSY)
        self.query_memory_mb = query_memory_mb  # None or 0: no limit
        self.server_memory_mb = server_memory_mb if server_memory_mb is not None else default_server_memory_mb()
        self.write = write
        self.share = share
        #: whether this store uses a server it did not start (and so leaves running)
        self.shared = False
        self._server: servers.Server | None = None
        self._shared_info: servers.ServerInfo | None = None
        self._socket: Path | None = None
        self._db: Any = None
        self._graph: Any = None
        self._start()

    # lifecycle ----------------------------------------------------------------------
    def _start(self) -> None:
        servers.prepare_directory(self.db_dir)
        try:
            deadline = time.monotonic() + self.lock_timeout
            while True:
                if self._lock.try_acquire():
                    check_no_links(self.db_dir)  # again, now that no other minegraph can change it
                    self._launch()
                    break
                info = servers.read_info(self.db_dir)
                if info is not None:
                    self._db = servers.connect_shared(info, self.db_dir, self.query_timeout, self.open_timeout)
                    self._shared_info = info
                    self.shared = True
                    break
                if time.monotonic() >= deadline:
                    raise self._lock.busy_error()
                time.sleep(0.1)
            self._graph = self._db.select_graph(GRAPH_NAME)
            self.ensure_schema()
            if self.write:
                self._writer.acquire(max(0.0, deadline - time.monotonic()))
        except BaseException:
            self.close()
            raise

    def _launch(self) -> None:
        self._server = servers.Server(self.db_dir, self.server_memory_mb)
        socket = self._socket = self._server.launch()
        assert self._server.process is not None
        pid = self._server.process.pid
        try:
            self._db = servers.connect(socket, self.query_timeout, pid=pid, ping_timeout=self.open_timeout)
        except servers.ServerSilentError:  # started, and stuck at once: stopped, never left behind
            self._server.process.kill()
            self._server.wait()
            waited = min(self.open_wait, self.answer_timeout)
            raise servers.ServerSilentError(f"{servers.silent_message(waited, 'connecting')}: "
                                            f"minegraph stopped it (process {pid}) before it did anything; "
                                            "try again") from None
        if self.share:
            assert self._server.process is not None
            servers.write_info(self.db_dir, servers.ServerInfo(self._server.process.pid, str(socket), os.getpid()))

    def close(self) -> None:
        """Release the write lock; a server this store started is stopped (its log
        compacted first), a shared one is left running."""
        from redis.exceptions import RedisError

        self._writer.release()
        server, self._server = self._server, None
        if server is not None and server.process is not None:
            if self.share:
                servers.clear_info(self.db_dir, server.process.pid)
            if server.process.poll() is None and (self._socket is None
                                                  or not servers.stop_server(self._socket, self.db_dir,
                                                                             self.query_timeout)):
                server.process.kill()  # stuck: what it was writing is dropped whole (see _server_silent)
            server.wait()
        if self._db is not None:
            try:
                self._db.connection.close()
            except (RedisError, OSError):  # closing a connection to a stopped server
                pass
            self._db = None
        self._lock.release()

    @contextlib.contextmanager
    def writing(self) -> Iterator[None]:
        """Hold the write lock for the writes inside (a store opened for reading)."""
        if self.write or self._writer.held:
            yield
            return
        self._writer.acquire()
        try:
            yield
        finally:
            self._writer.release()

    def _check_writable(self) -> None:
        if not (self.write or self._writer.held):
            raise StoreError(READ_ONLY_STORE)

    def __enter__(self) -> EmbeddedFalkorStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __del__(self) -> None:  # a forgotten close must not leave a server running
        if getattr(self, "_server", None) is not None or getattr(self, "_db", None) is not None:
            self.close()

    # the connection, and the server going away ----------------------------------------
    def _open_graph(self) -> Any:
        """The graph handle; a closed store is a StoreUnavailableError, not an AttributeError."""
        if self._db is None or self._graph is None:
            raise StoreUnavailableError(f"{self.description} is closed")
        return self._graph

    def _server_gone(self, exc: Exception, doing: str) -> StoreUnavailableError:
        """The server stopped under us (the kernel's out-of-memory killer, a kill by
        hand).  One this store started is started again on the same files; what it had
        written before is in its append-only file, what it was doing is not done.  A
        shared server is left to whoever runs it."""
        server = self._server
        if server is None:  # the shared server of `minegraph store start` or the workbench
            return StoreUnavailableError(f"the shared FalkorDB server of {self.db_dir} stopped while {doing} "
                                         f"({exc}); start it again (minegraph store start) or run without it")
        process = server.process
        code = process.poll() if process is not None else None
        if process is not None and code is None:  # alive but unreachable: stop it for a clean start
            process.kill()
            code = process.wait()
        why = ("it was killed (out of memory?)" if code == -signal.SIGKILL
               else f"it exited with status {code}" if code is not None else f"the connection broke ({exc})")
        again = self._restart()
        if again is not None:
            return StoreUnavailableError(f"the embedded FalkorDB server stopped while {doing} ({why}) and could "
                                         f"not be started again: {again}")
        return StoreUnavailableError(f"the embedded FalkorDB server stopped while {doing} ({why}); minegraph "
                                     "started it again, and the store holds what was written before "
                                     "(this was not done: try again)")

    def _server_silent(self, doing: str) -> servers.ServerSilentError:
        """The server took a command and did not answer within :attr:`answer_timeout`
        (stuck, or stopped with SIGSTOP).  One this store started is killed and started
        again on the same files: a write it was doing is dropped whole (FalkorDB logs a
        write once it is done, and the log holds every write it answered).  A shared
        server is not this command's: it is reported and left running."""
        self._drop_connection()
        message = servers.silent_message(self.answer_timeout, doing)
        server = self._server
        if server is None and self._shared_info is not None:
            return servers.shared_silent(self._shared_info, self.db_dir, self.answer_timeout, doing)
        if server is None or server.process is None:
            return servers.ServerSilentError(message)
        pid = server.process.pid
        server.process.kill()
        server.process.wait()
        again = self._restart()
        restarted = (f"could not start it again: {again}" if again is not None else
                     "started it again, and the store holds what was written before (this was not done)")
        return servers.ServerSilentError(f"{message}: minegraph stopped it (process {pid}) and {restarted}; if the "
                                         f"work takes longer than {self.query_timeout:g} s, raise "
                                         "MINEGRAPH_QUERY_TIMEOUT")

    def _drop_connection(self) -> None:
        """Forget the connection without a word to the server (it may never answer)."""
        from redis.exceptions import RedisError

        if self._db is not None:
            try:
                self._db.connection.close()
            except (RedisError, OSError):  # the socket of a dead or stuck server
                pass
        self._db = self._graph = None

    def _restart(self) -> StoreError | None:
        """Start this store's own server again after it died or was stopped; the error
        when it cannot start."""
        assert self._server is not None
        self._drop_connection()
        self._server.process = None
        try:
            self._launch()
            self._graph = self._db.select_graph(GRAPH_NAME)
            self.ensure_schema(attempts=1)
        except StoreError as again:
            return again
        return None

    # schema and writes ----------------------------------------------------------------
    def ensure_schema(self, attempts: int = servers.OPEN_ATTEMPTS) -> None:
        """The indexes (:func:`minegraph.graph.server.ensure_indexes`), through a client of
        their own that waits :attr:`open_wait` for each answer.

        A server of this store's that does not answer is stopped and started again, up
        to ``attempts`` servers in all: what it was doing is dropped whole (the indexes
        are created again), what the store held before is kept.  A shared server that
        does not answer is reported and left running.

        Raises:
            ServerSilentError: no server answered (the last one is stopped; the store is closed).
        """
        from redis.exceptions import ConnectionError as RedisConnectionError
        from redis.exceptions import TimeoutError as RedisTimeoutError

        self._open_graph()
        stopped: list[int] = []
        while True:
            try:
                self._create_indexes()
                return
            except (RedisTimeoutError, servers.ServerSilentError):
                pass
            except RedisConnectionError as exc:
                raise StoreUnavailableError(f"lost the connection to {self.description}: {exc}") from None
            self._drop_connection()
            server = self._server
            if server is None or server.process is None:
                if self._shared_info is not None:
                    raise servers.shared_silent(self._shared_info, self.db_dir, self.open_wait, servers.SCHEMA_DOING)
                raise servers.ServerSilentError(servers.silent_message(self.open_wait, servers.SCHEMA_DOING))
            stopped.append(server.process.pid)
            server.process.kill()  # stuck: a SIGTERM would go unserved
            server.wait()
            if len(stopped) >= attempts:
                which = (f"it (process {stopped[0]}" if len(stopped) == 1 else
                         f"each of the {len(stopped)} it started in turn (processes "
                         + ", ".join(str(pid) for pid in stopped))
                raise servers.ServerSilentError(
                    f"{servers.silent_message(self.open_wait, servers.SCHEMA_DOING)} on {self.db_dir}: minegraph "
                    f"stopped {which}); the store is as it was; try again")
            self._launch()
            self._graph = self._db.select_graph(GRAPH_NAME)

    def _create_indexes(self) -> None:
        """:func:`minegraph.graph.server.ensure_indexes` through a client that waits
        :attr:`open_wait` for each answer (the store's own waits for a query's)."""
        from redis.exceptions import RedisError

        if self._server is not None and self._server.process is not None and self._socket is not None:
            socket, pid = self._socket, self._server.process.pid
        elif self._shared_info is not None:
            socket, pid = Path(self._shared_info.socket), self._shared_info.pid
        else:
            raise StoreUnavailableError(f"{self.description} is closed")
        client = servers.connect(socket, self.open_timeout, pid=pid)
        try:
            servers.ensure_indexes(client.select_graph(GRAPH_NAME))
        finally:
            try:
                client.connection.close()
            except (RedisError, OSError):  # the socket of a stuck server
                pass

    def apply(self, changes: Changes) -> None:
        """All statements as one query, which FalkorDB runs all or nothing.

        A redis MULTI/EXEC transaction does not roll back a command that fails inside
        it, so the statements are not sent as several commands: they are chained into
        one Cypher query (:func:`chain`), and a query that fails part way (a value the
        engine refuses, a stored property of the wrong type, the memory ceiling) is
        undone by the engine itself.  Values are checked before anything is sent.
        """
        if not changes:
            return
        self._check_writable()
        from redis.exceptions import ConnectionError as RedisConnectionError
        from redis.exceptions import RedisError
        from redis.exceptions import TimeoutError as RedisTimeoutError

        graph = self._open_graph()
        try:
            text, params = chain(statements.write_statements(changes))
        except ValueError as exc:
            raise StoreError(f"refused to write to {self.description}: {exc}") from None
        try:
            graph.query(text, params)
        except RedisTimeoutError:
            raise self._server_silent("writing") from None
        except RedisConnectionError as exc:
            raise self._server_gone(exc, "writing") from None
        except RedisError as exc:
            raise StoreError(f"writing to {self.description} failed, nothing was written: "
                             f"{_explain_write(str(exc), self.server_memory_mb)}") from None
        try:
            self._persist()
        except RedisTimeoutError:
            raise self._server_silent("rewriting its log (the write before is kept)") from None
        except RedisError as exc:  # the write is done; a late rewrite is an optimisation
            raise StoreError(f"rewriting the log of {self.description} failed (the write is kept): {exc}") from None

    def _persist(self) -> None:
        """Between two write transactions, rewrite a log that has grown past its snapshot
        (:func:`minegraph.graph.server.rewrite_due`) and wait for it: the rewrite's fork
        then shares every page with the server, since nothing writes meanwhile."""
        if servers.rewrite_due(self.db_dir):
            servers.rewrite(self._db.connection)

    def clear(self) -> None:
        self._check_writable()
        self.query(statements.CLEAR, write=True, timeout=None)

    # reads --------------------------------------------------------------------------
    def query(self, cypher: str, params: dict[str, Any] | None = None, *, write: bool = False,
              timeout: float | None = DEFAULT_TIMEOUT, allow_load: bool = False) -> QueryResult:
        from redis.exceptions import ConnectionError as RedisConnectionError
        from redis.exceptions import ResponseError
        from redis.exceptions import TimeoutError as RedisTimeoutError

        check_query(cypher, params, write=write, allow_load=allow_load)
        if write and not (self.write or self._writer.held):
            raise QueryError(READ_ONLY_MESSAGE)
        graph = self._open_graph()
        millis = int(timeout * 1000) if timeout else None
        # the cap is the server's (GRAPH.CONFIG), set for this query and lifted after it.
        # The store's own reads (no time limit) leave it alone: a change of the cap
        # while another client's query runs on a shared server can fail that query
        cap = int(self.query_memory_mb * 1_000_000) if self.query_memory_mb and timeout is not None else 0
        connection = self._db.connection
        try:
            if cap:
                connection.execute_command("GRAPH.CONFIG", "SET", "QUERY_MEM_CAPACITY", cap)
            try:
                run = graph.query if write else graph.ro_query
                result = run(cypher, params or {}, timeout=millis)
            except RedisTimeoutError:  # no more words to a server that does not answer
                raise
            except BaseException:
                if cap:
                    connection.execute_command("GRAPH.CONFIG", "SET", "QUERY_MEM_CAPACITY", 0)
                raise
            if cap:
                connection.execute_command("GRAPH.CONFIG", "SET", "QUERY_MEM_CAPACITY", 0)
        except RedisTimeoutError:
            raise self._server_silent("running a query") from None
        except ResponseError as exc:
            if "mem consumption exceeded capacity" in str(exc):
                raise QueryError(f"the query needed more memory than it may use ({self.query_memory_mb:g} MB); "
                                 "raise --max-memory to allow more") from None
            if "maxmemory" in str(exc):
                raise QueryError(_explain_write(str(exc), self.server_memory_mb)) from None
            raise QueryError(_explain(str(exc), write)) from None
        except RedisConnectionError as exc:
            raise self._server_gone(exc, "running a query") from None
        columns = [str(h[1]) for h in (result.header or [])]
        return QueryResult(columns, [[plain(v) for v in row] for row in result.result_set])

    def find_name_keys(self, keys: list[str], labels: tuple[str, ...]) -> list[list[Any]]:
        from redis.exceptions import ConnectionError as RedisConnectionError
        from redis.exceptions import TimeoutError as RedisTimeoutError

        graph = self._open_graph()
        found = []
        try:
            for label in labels:
                cypher = statements.find_name_keys(label)
                for start in range(0, len(keys), _KEYS_PER_QUERY):
                    rows = graph.ro_query(cypher, {"keys": keys[start:start + _KEYS_PER_QUERY]}).result_set
                    found += [[key, node_id, label, *values] for key, node_id, *values in rows]
        except RedisTimeoutError:
            raise self._server_silent("looking up names") from None
        except RedisConnectionError as exc:
            raise self._server_gone(exc, "looking up names") from None
        return found

    def read_graph(self, provenance: bool = True, evidence: bool = True) -> Graph:
        from redis.exceptions import ConnectionError as RedisConnectionError
        from redis.exceptions import TimeoutError as RedisTimeoutError

        graph = self._open_graph()
        try:
            return statements.read_graph(lambda cypher: graph.ro_query(cypher).result_set, provenance, evidence)
        except RedisTimeoutError:
            raise self._server_silent("reading the graph") from None
        except RedisConnectionError as exc:
            raise self._server_gone(exc, "reading the graph") from None


def chain(parts: list[statements.Statement]) -> statements.Statement:
    """Statements as one query: each one's parameters renamed apart (``$rows`` of the
    third becomes ``$s2_rows``) and each ended by ``WITH count(*)``, which also makes
    the next one start after the writes of this one are done.

    >>> chain([("MATCH (n {id: $id}) DELETE n", {"id": "a"}), ("CREATE (:X {id: $id})", {"id": "b"})])
    ('MATCH (n {id: $s0_id}) DELETE n WITH count(*) AS s0_done CREATE (:X {id: $s1_id})', {'s0_id': 'a', 's1_id': 'b'})
    """
    texts: list[str] = []
    params: dict[str, Any] = {}
    for number, (text, values) in enumerate(parts):
        prefix = f"s{number}_"
        texts.append(_PARAMETER.sub(lambda m, p=prefix: f"${p}{m.group(1)}", text))  # type: ignore[misc]
        params.update({prefix + name: value for name, value in values.items()})
    return " ".join(f"{text} WITH count(*) AS s{i}_done" if i < len(texts) - 1 else text
                    for i, text in enumerate(texts)), params


_PARAMETER = re.compile(r"\$(\w+)")


def _explain_write(message: str, memory_mb: float) -> str:
    if "maxmemory" in message:
        return (f"the database server is at its memory ceiling ({memory_mb:g} MB); it refuses to grow further "
                "(free memory or give it more)")
    return " ".join(message.split())


def _explain(message: str, write: bool) -> str:
    """The engine's message on one line, with a hint for the read-only refusal and a timeout."""
    if "read-only" in message and not write:
        return READ_ONLY_MESSAGE
    if "timed out" in message.lower():
        return "the query timed out (raise --timeout to allow longer)"
    message = message.replace("errMsg: ", "")
    message, _, context = message.partition(" errCtx: ")
    context = context.split(" errCtxOffset: ")[0].strip()
    return " ".join(message.split()) + (f" in: {' '.join(context.split())}" if context else "")


_SCALARS = frozenset({str, int, float, bool, type(None)})


def plain(value: Any) -> Any:
    """FalkorDB client values as plain Python (nodes and edges become dicts)."""
    if type(value) in _SCALARS:  # most values of a large read: return them before any import
        return value
    if type(value) is list:
        return [plain(v) for v in value]
    from falkordb.edge import Edge
    from falkordb.node import Node as FalkorNode
    from falkordb.path import Path as FalkorPath

    if isinstance(value, FalkorNode):
        return {"labels": list(value.labels or []), **{k: plain(v) for k, v in value.properties.items()}}
    if isinstance(value, Edge):
        return {"type": value.relation, **{k: plain(v) for k, v in value.properties.items()}}
    if isinstance(value, FalkorPath):
        return {"nodes": [plain(n) for n in value.nodes()], "relationships": [plain(e) for e in value.edges()]}
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value
