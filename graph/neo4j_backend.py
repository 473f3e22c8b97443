"""The Neo4j store, through the official ``neo4j`` driver.

It sends the same statements as the embedded store (:mod:`graph.statements`); only the
index DDL differs.  Read-only queries run in READ access mode, so the server refuses a
write clause.  The password is never part of a message.
"""

from __future__ import annotations

from typing import Any

from graph import statements
from graph.model import LABELS, Graph, check_label
from graph.querycheck import check_query
from graph.store import (
    DEFAULT_TIMEOUT,
    READ_ONLY_MESSAGE,
    Changes,
    QueryError,
    QueryResult,
    StoreError,
    StoreUnavailableError,
)


class Neo4jStore:
    """GraphStore on a Neo4j server (``bolt://`` or ``neo4j://`` URI)."""

    def __init__(self, uri: str, *, user: str = "neo4j", password: str = "", database: str | None = None,
                 driver: Any = None) -> None:
        import neo4j
        from neo4j.exceptions import AuthError, ConfigurationError, ServiceUnavailable

        self.description = f"Neo4j at {uri}" + (f" (database {database})" if database else "")
        self.database = database
        try:
            self._driver = driver or neo4j.GraphDatabase.driver(uri, auth=(user, password))
            self._driver.verify_connectivity()
        except AuthError:
            raise StoreUnavailableError(f"Neo4j at {uri} refused the credentials of user {user!r}") from None
        except (ServiceUnavailable, ConfigurationError, ValueError, OSError) as exc:
            raise StoreUnavailableError(f"cannot reach Neo4j at {uri}: {type(exc).__name__}") from None
        self.ensure_schema()

    def _session(self, write: bool = True) -> Any:
        import neo4j

        mode = neo4j.WRITE_ACCESS if write else neo4j.READ_ACCESS
        return self._driver.session(database=self.database, default_access_mode=mode)

    def ensure_schema(self) -> None:
        with self._session() as session:
            for label in LABELS:
                session.run(f"CREATE CONSTRAINT IF NOT EXISTS FOR (n:{check_label(label)}) REQUIRE n.id IS UNIQUE")

    def apply(self, changes: Changes) -> None:
        """All statements in one explicit transaction."""
        if not changes:
            return
        from neo4j.exceptions import Neo4jError

        try:
            with self._session() as session, session.begin_transaction() as tx:
                for text, params in statements.write_statements(changes):
                    tx.run(text, params).consume()
                tx.commit()
        except Neo4jError as exc:
            raise StoreError(f"writing to {self.description} failed: {exc.message}") from None

    def clear(self) -> None:
        self.query(statements.CLEAR, write=True, timeout=None)

    def query(self, cypher: str, params: dict[str, Any] | None = None, *, write: bool = False,
              timeout: float | None = DEFAULT_TIMEOUT, allow_load: bool = False) -> QueryResult:
        check_query(cypher, params, write=write, allow_load=allow_load)
        import neo4j
        from neo4j.exceptions import ClientError, Neo4jError, ServiceUnavailable

        def work(tx: Any) -> QueryResult:
            result = tx.run(neo4j.Query(cypher, timeout=timeout), params or {})
            keys = list(result.keys())
            return QueryResult(keys, [[plain(v) for v in record.values()] for record in result])

        try:
            with self._session(write) as session:
                return session.execute_write(work) if write else session.execute_read(work)
        except ClientError as exc:
            if "AccessMode" in (exc.code or "") or "read access mode" in (exc.message or ""):
                raise QueryError(READ_ONLY_MESSAGE) from None
            raise QueryError(exc.message or str(exc)) from None
        except ServiceUnavailable as exc:
            raise StoreUnavailableError(f"lost the connection to {self.description}: {exc}") from None
        except Neo4jError as exc:
            raise QueryError(exc.message or str(exc)) from None

    def read_graph(self, provenance: bool = True, evidence: bool = True) -> Graph:
        node_query, rel_query = statements.read_queries(provenance, evidence)
        nodes = self.query(node_query, timeout=None).rows
        rels = self.query(rel_query, timeout=None).rows
        return Graph.from_records(*statements.as_records(nodes, rels))

    def close(self) -> None:
        self._driver.close()

    def __enter__(self) -> Neo4jStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


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
    return value
