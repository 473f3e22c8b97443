"""The two stores agree, and the exports meant for Neo4j load into a live Neo4j.

The sample corpus (and the shared train articles, when ``../shared`` is there) is built
into the embedded FalkorDB store and into the Neo4j test server; ``export --format json``
and ``centrality --focus`` must give the same output from both.  The ``cypher`` export
is run statement by statement on the server and the ``csv`` export is loaded with
``LOAD CSV`` over loopback HTTP (``neo4j-admin database import`` would need a second,
stopped server); each must recreate the graph it came from.
"""

from __future__ import annotations

import functools
import http.server
import json
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner

from minegraph.cli.main import cli
from minegraph.graph.export import ARRAY_DELIMITER, write_export
from minegraph.graph.model import Graph
from minegraph.graph.store import StoreConfig, open_store
from tests.conftest import REPO, SAMPLE

TRAIN = REPO.parent / "shared" / "eval" / "train" / "docs"


def run(*args: str) -> str:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.stdout


def corpus() -> list[str]:
    measures = REPO / "tests" / "fixtures" / "measures"  # the sample states no measures
    return [str(SAMPLE), str(measures)] + ([str(TRAIN)] if TRAIN.is_dir() else [])


@pytest.fixture(scope="module")
def embedded(tmp_path_factory) -> list[str]:
    target = ["--db", str(tmp_path_factory.mktemp("parity") / "db")]
    run("build", *corpus(), *target)
    return target


@pytest.fixture
def neo4j(neo4j_server) -> list[str]:
    if neo4j_server.holds != "parity":
        neo4j_server.clear()
        run("build", *corpus(), *neo4j_server.cli_args())
        neo4j_server.holds = "parity"
    return neo4j_server.cli_args()


def sorted_export(target: list[str], tmp_path: Path) -> dict:
    out = tmp_path / f"export-{len(list(tmp_path.iterdir()))}.json"
    run("export", "--format", "json", "-o", str(out), *target)
    data = json.loads(out.read_text())
    data["nodes"] = sorted(data["nodes"], key=lambda n: n["id"])
    data["edges"] = sorted(data["edges"], key=lambda e: (e["source"], e["type"], e["target"]))
    return data


def test_json_export_is_identical_from_both_stores(embedded, neo4j, tmp_path):
    from_falkordb = sorted_export(embedded, tmp_path)
    from_neo4j = sorted_export(neo4j, tmp_path)
    assert len(from_falkordb["nodes"]) > 50 and len(from_falkordb["edges"]) > 100
    assert from_neo4j == from_falkordb


def test_focus_ranking_is_identical_from_both_stores(embedded, neo4j):
    top = json.loads(run("centrality", "--json", "--top", "3", *embedded))
    assert top == json.loads(run("centrality", "--json", "--top", "3", *neo4j))
    for actor in top:
        ranking = json.loads(run("centrality", "--json", "--top", "0", "--focus", actor["name"], *embedded))
        assert ranking, actor["name"]
        assert json.loads(run("centrality", "--json", "--top", "0", "--focus", actor["name"], *neo4j)) == ranking


def test_both_stores_hold_the_shared_train_articles_when_present(embedded, neo4j):
    if not TRAIN.is_dir():
        pytest.skip(f"no shared train articles at {TRAIN}")
    docs = json.loads(run("query", "--json", "MATCH (d:Document) RETURN count(d) AS n", *neo4j))[0]["n"]
    fixtures = len(list((REPO / "tests" / "fixtures" / "measures").glob("*.txt")))
    assert docs == len(list(SAMPLE.glob("*.txt"))) + fixtures + len([p for p in TRAIN.iterdir() if p.is_file()])


# --- exports loaded into the live server ------------------------------------------------


@pytest.fixture
def source_graph(embedded) -> Graph:
    with open_store(Path(embedded[1])) as store:
        return store.read_graph()


def test_cypher_export_recreates_the_graph_on_neo4j(source_graph, neo4j_server, tmp_path):
    [script] = write_export(source_graph, tmp_path / "graph.cypher", "cypher")
    neo4j_server.clear()
    with open_store(StoreConfig(neo4j=neo4j_server.config)) as store:
        for statement in script.read_text(encoding="utf-8").splitlines():
            if statement.strip():
                store.query(statement, write=True, timeout=None)
        assert store.read_graph() == source_graph


def _without_empty(graph: Graph) -> tuple[dict, dict]:
    """Nodes and relationships as plain dicts, leaving out empty lists: a csv field
    cannot tell an empty list from a missing value."""
    def clean(props: dict) -> dict:
        return {k: v for k, v in props.items() if v not in ([], None, "")}

    return ({i: (n.label, clean(n.properties())) for i, n in graph.nodes.items()},
            {k: clean(r.properties()) for k, r in graph.relationships.items()})


def _csv_setter(variable: str, column: str) -> str:
    """``SET`` items for one neo4j-admin header column (``name:type``)."""
    key, _, kind = column.partition(":")
    raw = f"row[{json.dumps(column)}]"
    convert = {"long": "toInteger(v)", "double": "toFloat(v)", "boolean": "toBoolean(v)"}
    if kind.endswith("[]"):
        inner = convert.get(kind[:-2], "v").replace("v", "x")
        value = f"[x IN split({raw}, $delimiter) | {inner}]"
    else:
        value = convert.get(kind, "v").replace("v", raw)
    return f"{variable}.`{key}` = CASE WHEN {raw} IS NULL THEN null ELSE {value} END"


@pytest.fixture
def served(tmp_path):
    """A loopback HTTP server for the csv files (LOAD CSV reads them from it)."""
    folder = tmp_path / "csv"
    folder.mkdir()
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(folder))
    handler.log_message = lambda *a: None  # type: ignore[attr-defined]
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield folder, f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_csv_export_loads_into_neo4j(source_graph, neo4j_server, served):
    import csv

    folder, base = served
    files = write_export(source_graph, folder, "csv")
    neo4j_server.clear()
    with open_store(StoreConfig(neo4j=neo4j_server.config)) as store:
        for file in [f for f in files if f.name.startswith("nodes_")]:
            header = next(csv.reader(file.open(encoding="utf-8")))
            label = file.stem.removeprefix("nodes_")
            columns = [c for c in header if c not in ("id:ID", ":LABEL")]
            store.query(f"LOAD CSV WITH HEADERS FROM $url AS row CREATE (n:{label} {{id: row.`id:ID`}}) "
                        + ("SET " + ", ".join(_csv_setter("n", c) for c in columns) if columns else ""),
                        {"url": f"{base}/{file.name}", "delimiter": ARRAY_DELIMITER}, write=True, timeout=None)
        for file in [f for f in files if f.name.startswith("relationships_")]:
            header = next(csv.reader(file.open(encoding="utf-8")))
            rel_type = file.stem.removeprefix("relationships_")
            columns = [c for c in header if c not in (":START_ID", ":END_ID", ":TYPE")]
            store.query("LOAD CSV WITH HEADERS FROM $url AS row MATCH (a {id: row.`:START_ID`}) "
                        f"MATCH (b {{id: row.`:END_ID`}}) CREATE (a)-[r:{rel_type}]->(b) "
                        + ("SET " + ", ".join(_csv_setter("r", c) for c in columns) if columns else ""),
                        {"url": f"{base}/{file.name}", "delimiter": ARRAY_DELIMITER}, write=True, timeout=None)
        loaded = store.read_graph()
    assert _without_empty(loaded) == _without_empty(source_graph)
