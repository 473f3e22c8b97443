"""The Neo4j store, through the official ``neo4j`` driver.

It sends the same statements as the embedded store (:mod:`minegraph.graph.statements`); only the
index DDL differs.  Read-only queries run in READ access mode, so the server refuses a
write clause.  The password is never part of a message, and neither is a user name and
password written into the URI (``bolt://user:pw@host``).
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import Any
from urllib.parse import unquote, urlsplit, urlunsplit

from minegraph.graph import statements
from minegraph.graph.model import ENTITY_LABELS, LABELS, NAME_KEYS_PROPERTY, Graph, check_label
from minegraph.graph.querycheck import check_query
from minegraph.graph.store import (
    DEFAULT_TIMEOUT,
    READ_ONLY_MESSAGE,
    READ_ONLY_STORE,
    Changes,
    Neo4jConfig,
    QueryError,
    QueryResult,
    StoreError,
    StoreUnavailableError,
)

NAME_KEYS_INDEX = "minegraph_name_keys"
SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")
TIMEOUT_MESSAGE = "the query timed out (raise --timeout to allow longer)"


def split_credentials(uri: str) -> tuple[str, str | None, str | None]:
    """``uri`` without a ``user:password@`` part, and that user and password (or None).

    Raises :class:`StoreUnavailableError` (naming only the scheme and host) when the URI
    is not one the driver's Bolt protocol serves.
    """
    try:
        parts = urlsplit(uri.strip())
        host, port = parts.hostname, parts.port
    except ValueError:
        raise StoreUnavailableError("the Neo4j URI is not a valid URI (expected bolt://HOST:PORT)") from None
    user = unquote(parts.username) if parts.username is not None else None
    password = unquote(parts.password) if parts.password is not None else None
    netloc = (f"[{host}]" if host and ":" in host else host or "") + (f":{port}" if port else "")
    clean = urlunsplit((parts.scheme, netloc, parts.path, parts.query, ""))
    if parts.scheme.lower() not in SCHEMES:
        raise StoreUnavailableError(
            f"the Neo4j URI {clean!r} has an unsupported scheme: use one of {', '.join(s + '://' for s in SCHEMES)}")
    if not host:
        raise StoreUnavailableError(f"the Neo4j URI {clean!r} names no host")
    return clean, user, password


def one_line(message: str) -> str:
    """A server message on one line (Neo4j adds the query and a caret under it)."""
    lines = [ln.strip() for ln in message.splitlines() if ln.strip() and set(ln.strip()) != {"^"}]
    return " ".join(" ".join(lines).split())


class Neo4jStore:
    """GraphStore on a Neo4j server (``bolt://`` or ``neo4j://`` URI)."""

    def __init__(self, config: Neo4jConfig, *, driver: Any = None, write: bool = True) -> None:
        import neo4j
        from neo4j.exceptions import AuthError, ConfigurationError, DriverError, Neo4jError, ServiceUnavailable

        uri, uri_user, uri_password = split_credentials(config.uri)
        user = uri_user if uri_user is not None else config.user
        password = uri_password if uri_password is not None else config.password
        self.description = f"Neo4j at {uri}" + (f" (database {config.database})" if config.database else "")
        self.database = config.database
        self.write = write  # False: every write is refused (a reader's store)
        self._writable = write
        self._driver = None
        try:
            self._driver = driver or neo4j.GraphDatabase.driver(
                uri, auth=(user, password), notifications_min_severity="OFF", user_agent="minegraph")
            self._driver.verify_connectivity()
        except AuthError:
            self.close()
            raise StoreUnavailableError(f"Neo4j at {uri} refused the credentials of user {user!r}") from None
        except (ServiceUnavailable, ConfigurationError, DriverError, ValueError, OSError) as exc:
            self.close()
            raise StoreUnavailableError(f"cannot reach Neo4j at {uri}: {type(exc).__name__}") from None
        except Neo4jError as exc:
            self.close()
            reason = one_line(exc.message or "")
            raise StoreUnavailableError(f"Neo4j at {uri} refused the connection: {reason}") from None
        try:
            self.ensure_schema()
        except StoreError:
            self.close()
            raise

    def _session(self, write: bool = True) -> Any:
        import neo4j

        if self._driver is None:  # used after close(): a StoreError, not an AttributeError
            raise StoreUnavailableError(f"{self.description} is closed")
        mode = neo4j.WRITE_ACCESS if write else neo4j.READ_ACCESS
        return self._driver.session(database=self.database, default_access_mode=mode)

    def ensure_schema(self) -> None:
        from neo4j.exceptions import DriverError, Neo4jError

        try:
            with self._session() as session:
                for label in LABELS:
                    session.run(f"CREATE CONSTRAINT IF NOT EXISTS FOR (n:{check_label(label)}) "
                                "REQUIRE n.id IS UNIQUE").consume()
                # a range index does not index a list's items: the name keys are found
                # through a full-text index that keeps each item as one token
                labels = "|".join(check_label(label) for label in ENTITY_LABELS)
                session.run(f"CREATE FULLTEXT INDEX {NAME_KEYS_INDEX} IF NOT EXISTS FOR (n:{labels}) "
                            f"ON EACH [n.{NAME_KEYS_PROPERTY}] "
                            "OPTIONS {indexConfig: {`fulltext.analyzer`: 'keyword'}}").consume()
                session.run(f"CALL db.awaitIndex('{NAME_KEYS_INDEX}', 300)").consume()
        except Neo4jError as exc:
            raise StoreUnavailableError(f"cannot prepare {self.description}: {one_line(exc.message or '')}") from None
        except DriverError as exc:
            raise StoreUnavailableError(f"lost the connection to {self.description}: {type(exc).__name__}") from None

    @contextlib.contextmanager
    def writing(self) -> Iterator[None]:
        """Allow writes inside, on a store opened for reading (the server needs no lock)."""
        before, self._writable = self._writable, True
        try:
            yield
        finally:
            self._writable = before

    def apply(self, changes: Changes) -> None:
        """All statements in one explicit transaction."""
        if not changes:
            return
        if not self._writable:
            raise StoreError(READ_ONLY_STORE)
        from neo4j.exceptions import DriverError, Neo4jError

        try:
            written = statements.write_statements(changes)
        except ValueError as exc:  # checked before anything is sent, as the embedded store does
            raise StoreError(f"refused to write to {self.description}: {exc}") from None
        try:
            with self._session() as session, session.begin_transaction() as tx:
                for text, params in written:
                    tx.run(text, params).consume()
                tx.commit()
        except Neo4jError as exc:
            raise StoreError(f"writing to {self.description} failed: {one_line(exc.message or '')}") from None
        except DriverError as exc:
            raise StoreUnavailableError(f"lost the connection to {self.description}: {type(exc).__name__}") from None

    def clear(self) -> None:
        if not self._writable:
            raise StoreError(READ_ONLY_STORE)
        self.query(statements.CLEAR, write=True, timeout=None)

    def query(self, cypher: str, params: dict[str, Any] | None = None, *, write: bool = False,
              timeout: float | None = DEFAULT_TIMEOUT, allow_load: bool = False) -> QueryResult:
        """Run ``cypher`` in a managed transaction (READ access mode unless ``write``),
        which the server stops after ``timeout`` seconds."""
        check_query(cypher, params, write=write, allow_load=allow_load)
        if write and not self._writable:
            raise QueryError(READ_ONLY_MESSAGE)
        from neo4j import unit_of_work
        from neo4j.exceptions import DriverError, Neo4jError

        @unit_of_work(timeout=timeout)
        def work(tx: Any) -> QueryResult:
            result = tx.run(cypher, params or {})
            keys = list(result.keys())
            return QueryResult(keys, [[plain(v) for v in record.values()] for record in result])

        try:
            with self._session(write) as session:
                return session.execute_write(work) if write else session.execute_read(work)
        except Neo4jError as exc:
            code = exc.code or ""
            message = exc.message or ""
            if not write and ("AccessMode" in code or "ForbiddenDueToTransactionType" in code
                              or "read access mode" in message.lower()):
                raise QueryError(READ_ONLY_MESSAGE) from None
            if "TransactionTimedOut" in code or "timed out" in message.lower() or "TransactionTerminated" in code:
                raise QueryError(TIMEOUT_MESSAGE) from None
            raise QueryError(one_line(message) or code) from None
        except DriverError as exc:
            raise StoreUnavailableError(f"lost the connection to {self.description}: {type(exc).__name__}") from None
        except (TypeError, ValueError, OverflowError) as exc:  # a parameter the driver cannot send
            raise QueryError(f"a query parameter cannot be sent to Neo4j: {exc}") from None

    def find_name_keys(self, keys: list[str], labels: tuple[str, ...]) -> list[list[Any]]:
        """Each key as a Lucene phrase (the keyword analyser keeps it one term), so only
        an item equal to it matches."""
        cypher = (f"UNWIND $queries AS q CALL db.index.fulltext.queryNodes('{NAME_KEYS_INDEX}', q[1]) YIELD node "
                  "WITH q, node WHERE labels(node)[0] IN $labels "
                  "RETURN q[0], node.id, labels(node)[0], node.name, node.aliases, node.date, "
                  "node.year, node.minerals")
        found = []
        for start in range(0, len(keys), 2000):
            queries = [[key, _phrase(key)] for key in keys[start:start + 2000]]
            found += self.query(cypher, {"queries": queries, "labels": list(labels)}, timeout=None).rows
        return found

    def read_graph(self, provenance: bool = True, evidence: bool = True) -> Graph:
        return statements.read_graph(lambda cypher: self.query(cypher, timeout=None).rows, provenance, evidence)

    def close(self) -> None:
        driver, self._driver = self._driver, None
        if driver is not None:
            driver.close()

    def __enter__(self) -> Neo4jStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _phrase(text: str) -> str:
    """``text`` as a Lucene phrase query."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def plain(value: Any) -> Any:
    """Driver values as plain Python (nodes and relationships become dicts)."""
    from neo4j.graph import Node, Path, Relationship

    if isinstance(value, Node):
        return {"labels": sorted(value.labels), **{k: plain(v) for k, v in value.items()}}
    if isinstance(value, Relationship):
        return {"type": value.type, **{k: plain(v) for k, v in value.items()}}
    if isinstance(value, Path):
        return {"nodes": [plain(n) for n in value.nodes], "relationships": [plain(r) for r in value.relationships]}
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    if hasattr(value, "iso_format"):  # neo4j.time values
        return value.iso_format()
    return value
