"""Both stores for real (embedded FalkorDB, live Neo4j): writes, reads and safety; and the
embedded store's own server handling and directory lock."""

from __future__ import annotations

import os
import stat

import psutil
import pytest

from minegraph.graph import statements
from minegraph.graph.falkordb_backend import EmbeddedFalkorStore
from minegraph.graph.model import Graph, Node, Relationship
from minegraph.graph.store import Changes, QueryError, StoreBusyError, open_store

HOSTILE = ['"}) DETACH DELETE n //', "back`tick`) DELETE n", "line\nbreak \\ and 'quotes'", "Ünïcödé 北京"]


def write_all(store, graph: Graph) -> None:
    store.apply(Changes.between(graph, set(graph.nodes), set(graph.relationships), {}))


def documented_graph() -> Graph:
    """The small graph as one article's: each node's claim lives on its MENTIONS link."""
    from conftest import claim_graph

    graph = Graph()
    graph.absorb("doc-a", with_document(claim_graph(), "doc-a"))
    return stored(graph)


def test_roundtrip_is_exact(store):
    graph = documented_graph()
    write_all(store, graph)
    assert store.read_graph() == graph


def test_writing_twice_changes_nothing(store, small_graph):
    write_all(store, small_graph)
    write_all(store, small_graph)
    assert store.query(statements.COUNT_LABELS).rows == [["Agency", 1], ["Agreement", 1], ["Country", 2],
                                                         ["Mineral", 1]]
    assert sum(n for _, n in store.query(statements.COUNT_TYPES).rows) == 5


def test_every_label_has_an_id_index(store, backend):
    if backend == "neo4j":
        rows = store.query("SHOW INDEXES YIELD labelsOrTypes, properties WHERE properties IS NOT NULL "
                           "RETURN labelsOrTypes[0] AS label, properties").rows
    else:
        rows = store.query("CALL db.indexes() YIELD label, properties RETURN label, properties").rows
    assert {label for label, props in rows if "id" in props} >= {
        "Country", "Agency", "Company", "Mineral", "Agreement", "Person", "Event", "Document"}


@pytest.mark.parametrize("name", HOSTILE)
def test_hostile_names_are_plain_text(store, name):
    g = Graph()
    g.absorb("doc", _one_node_graph(name))
    stored(g)
    write_all(store, g)
    assert store.read_graph() == g
    found = store.query("MATCH (n:Agency) WHERE n.name = $name RETURN n.name", {"name": name}).rows
    assert found == [[name]]


def _one_node_graph(name: str) -> Graph:
    g = Graph()
    g.add_node(Node("agency:x", "Agency", name, [name[:3]], {}))
    g.add_node(Node("country:de", "Country", "Germany", [], {"iso2": "DE"}))
    g.add_relationship(Relationship("agency:x", "BASED_IN", "country:de", {"evidence": [name], "confidence": 0.5}))
    return with_document(g, "doc")


def with_document(doc: Graph, doc_id: str) -> Graph:
    """``doc`` with its Document node and MENTIONS links (where each node's claim is kept)."""
    entities = sorted(doc.nodes)
    doc.add_node(Node(doc_id, "Document", "Article", [], {"path": f"/articles/{doc_id}.txt"}))
    for node_id in entities:
        doc.add_relationship(Relationship(doc_id, "MENTIONS", node_id, {"confidence": 1.0}))
    return doc


def stored(graph: Graph) -> Graph:
    """``graph`` as a store keeps it: no empty lists."""
    for rel in graph.relationships.values():
        rel.props = {k: v for k, v in rel.props.items() if v != []}
    return graph


def test_data_survives_a_restart(db_dir):
    graph = documented_graph()
    with open_store(db_dir) as s:
        write_all(s, graph)
    with open_store(db_dir) as s:
        assert s.read_graph() == graph


def test_read_only_by_default(store, small_graph):
    write_all(store, small_graph)
    with pytest.raises(QueryError, match="read-only unless --write"):
        store.query("MATCH (n) DETACH DELETE n")
    assert len(store.read_graph().nodes) == len(small_graph.nodes)
    store.query("CREATE (:Mineral {id: $id, name: $id})", {"id": "mineral:tin"}, write=True)
    assert "mineral:tin" in store.read_graph().nodes


def test_bad_cypher_reports_the_engine_message_and_position(store, backend):
    with pytest.raises(QueryError) as info:
        store.query("MATCH (n RETURN n")
    assert "Invalid input" in str(info.value)
    where = "column 10 (offset: 9)" if backend == "neo4j" else "column: 10, offset: 9 in: MATCH (n RETURN n"
    assert where in str(info.value)
    assert "\n" not in str(info.value)


def test_timeout_stops_a_long_query(store):
    with pytest.raises(QueryError, match="timed out"):
        store.query("UNWIND range(1, 20000) AS a UNWIND range(1, 20000) AS b WITH a, b WHERE (a * b) % 7 = 0 "
                    "RETURN count(*)", timeout=0.05)
    assert store.query("RETURN 1 AS one").rows == [[1]]  # the store still answers


def test_second_process_waits_then_reports_busy(db_dir):
    with open_store(db_dir):
        with pytest.raises(StoreBusyError, match="busy"):
            EmbeddedFalkorStore(db_dir, lock_timeout=0.3)
    with open_store(db_dir, lock_timeout=0.3) as again:  # free once the first closed
        assert again.read_graph() == Graph()


def test_server_has_no_tcp_port_and_a_private_socket(db_dir):
    with open_store(db_dir) as store:
        _check_private_socket(store._server.process.pid, db_dir)


def _check_private_socket(pid: int, db_dir) -> None:
    assert psutil.Process(pid).net_connections(kind="inet") == []
    sockets = [c for c in psutil.Process(pid).net_connections(kind="unix") if c.laddr]
    assert {os.path.basename(c.laddr) for c in sockets} == {"redis.sock"}
    run_dir = os.path.dirname(sockets[0].laddr)
    assert stat.S_IMODE(os.stat(run_dir).st_mode) == 0o700
    assert stat.S_IMODE(os.stat(db_dir).st_mode) == 0o700


def test_server_stops_on_close(db_dir):
    s = open_store(db_dir)
    pid = s._server.process.pid
    s.close()
    assert not psutil.pid_exists(pid) or psutil.Process(pid).status() == psutil.STATUS_ZOMBIE


def test_clear_empties_the_graph(store, small_graph):
    write_all(store, small_graph)
    store.clear()
    assert store.read_graph() == Graph()


def test_reopening_a_store_written_in_many_transactions(db_dir):
    """Redis replays each MULTI/EXEC of the append-only file on start; a client that
    talks to it meanwhile used to crash it, and the replay was slow.  Many transactions
    make a long log."""
    from minegraph.graph.model import Node

    with open_store(db_dir) as s:
        for i in range(1500):
            g = Graph()
            for j in range(20):
                g.add_node(Node(f"company:c{i}-{j}", "Company", f"Company {i} {j}", ["x" * 200], {"rank": i}))
            s.apply(Changes.between(g, set(g.nodes), set(), {}))
    # closing rewrote the long log as a snapshot, which loads in moments
    logged = sum(p.stat().st_size for p in (db_dir / "appendonlydir").glob("*.incr.aof"))
    assert logged < 100_000
    for _ in range(3):
        with open_store(db_dir) as s:
            assert s.query("MATCH (c:Company) RETURN count(c)").rows == [[30000]]


def test_reading_without_provenance_leaves_only_the_claims_out(store, small_graph):
    write_all(store, small_graph)
    public = store.read_graph(provenance=False)
    assert set(public.nodes) == set(small_graph.nodes)
    assert set(public.relationships) == set(small_graph.relationships)
    for node_id, node in small_graph.nodes.items():
        assert (public.nodes[node_id].name, public.nodes[node_id].props) == (node.name, node.props)
        assert public.nodes[node_id].sources == {} and node.sources
    for key, rel in small_graph.relationships.items():
        assert public.relationships[key].props == rel.props


def test_outline_read_keeps_links_and_counts_without_sentences(store, small_graph):
    write_all(store, small_graph)
    outline = store.read_graph(provenance=False, evidence=False)
    assert set(outline.relationships) == {k for k in small_graph.relationships if k[1] != "MENTIONS"}
    for key, rel in outline.relationships.items():
        full = small_graph.relationships[key].props
        assert rel.props == {k: v for k, v in full.items() if k in ("mentions", "confidence", "articles")}


def test_every_named_query_runs_on_the_store(store, small_graph):
    from minegraph.cypher import list_queries

    write_all(store, small_graph)
    params = {"country": "Chile", "a": "Chile", "b": "Germany", "status": "signed", "since": 2000, "mineral": "lithium"}
    for named in list_queries():
        store.query(named.text, {p: params[p] for p in named.params})


def test_writes_through_query_need_write_and_are_atomic(store):
    graph = documented_graph()
    write_all(store, graph)
    with pytest.raises(QueryError):
        store.query("MATCH (c:Country {id: 'country:cl'}) SET c.name = 'X' WITH c RETURN 1 / 0", write=True)
    assert store.read_graph() == graph


def test_wrong_neo4j_password_is_refused_without_showing_it(neo4j_server):
    from dataclasses import replace

    from minegraph.graph.store import StoreConfig, StoreUnavailableError

    wrong = replace(neo4j_server.config, password="not-the-password-xyz")
    with pytest.raises(StoreUnavailableError, match="refused the credentials") as info:
        open_store(StoreConfig(neo4j=wrong))
    assert "not-the-password-xyz" not in str(info.value)
    assert "not-the-password-xyz" not in repr(wrong)


def test_a_closed_neo4j_store_says_so(neo4j_server):
    from minegraph.graph.store import StoreConfig, StoreUnavailableError

    store = open_store(StoreConfig(neo4j=neo4j_server.config))
    store.close()
    with pytest.raises(StoreUnavailableError, match="is closed"):
        store.query("RETURN 1")


def test_unreachable_neo4j_is_a_clear_error():
    from minegraph.graph.store import Neo4jConfig, StoreConfig, StoreUnavailableError

    with pytest.raises(StoreUnavailableError, match="cannot reach Neo4j at bolt://127.0.0.1:9") as info:
        open_store(StoreConfig(neo4j=Neo4jConfig("bolt://127.0.0.1:9", password="s3cret-pw")))
    assert "s3cret-pw" not in str(info.value)


def test_a_server_stuck_while_starting_is_stopped_and_started_again(db_dir, monkeypatch):
    """A starting server that neither uses CPU nor logs is stuck (FalkorDB sometimes
    deadlocks while it replays its append-only file): it is killed and started again.
    Here the real server is frozen with SIGSTOP as soon as it has written its pid."""
    import signal
    import threading
    import time

    from minegraph.graph import server

    monkeypatch.setattr(server, "START_STALL", 1.0)
    graph = documented_graph()
    with EmbeddedFalkorStore(db_dir) as store:  # something to replay
        write_all(store, graph)
    pidfile = db_dir / "redis.pid"

    def freeze_the_next_server(frozen: list[int]) -> None:
        stale = pidfile.read_text().strip() if pidfile.exists() else None
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            try:
                pid = pidfile.read_text().strip()
            except OSError:
                pid = ""
            if pid.isdigit() and pid != stale:
                os.kill(int(pid), signal.SIGSTOP)
                frozen.append(int(pid))
                return
            time.sleep(0.0005)

    for _ in range(5):  # the freeze may land after the server was ready: then try again
        frozen: list[int] = []
        watcher = threading.Thread(target=freeze_the_next_server, args=(frozen,))
        watcher.start()
        with EmbeddedFalkorStore(db_dir) as store:
            watcher.join()
            assert frozen, "no server pid was seen"
            assert store._server is not None and store._server.process is not None
            if frozen[0] != store._server.process.pid:
                assert not psutil.pid_exists(frozen[0]) or psutil.Process(frozen[0]).status() == "zombie"
                assert store.read_graph() == graph
                return
            os.kill(frozen[0], signal.SIGCONT)
    pytest.fail("the server was ready before it could be frozen, five times")
