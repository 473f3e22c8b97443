"""The CLI end to end on the sample corpus, on each real store (embedded FalkorDB, live Neo4j)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner

from minegraph.cli.main import cli
from minegraph.cypher import list_queries
from tests.conftest import SAMPLE

NAMED_PARAMS = {"country": "South Korea", "a": "South Korea", "b": "Mongolia", "status": "signed", "since": 2000}
#: the sample corpus states no measures: the measure queries run on articles written for them
MEASURE_ARTICLES = SAMPLE.parents[1] / "tests" / "fixtures" / "measures"
MEASURE_PARAMS = {"country": "Japan", "mineral": "lithium"}


def run(*args: str, ok: bool = True):
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    if ok:
        assert result.exit_code == 0, result.output
    return result


_BUILT_EMBEDDED: list[list[str]] = []


@pytest.fixture
def built(backend, tmp_path_factory, request) -> list[str]:
    """The store options of a store holding the sample corpus (built once per run and
    store; Neo4j rebuilds it when another test emptied the database meanwhile)."""
    if backend == "falkordb":
        if not _BUILT_EMBEDDED:
            db = tmp_path_factory.mktemp("cli") / "db"
            run("build", str(SAMPLE), "--db", str(db))
            _BUILT_EMBEDDED.append(["--db", str(db)])
        return _BUILT_EMBEDDED[0]
    server = request.getfixturevalue("neo4j_server")
    if server.holds != "cli-sample":
        server.clear()
        run("build", str(SAMPLE), *server.cli_args())
        server.holds = "cli-sample"
    return server.cli_args()


_BUILT_MEASURES: list[list[str]] = []


@pytest.fixture
def built_measures(backend, tmp_path_factory, request) -> list[str]:
    """The store options of a store holding the measure articles (tests/fixtures/measures)."""
    if backend == "falkordb":
        if not _BUILT_MEASURES:
            db = tmp_path_factory.mktemp("cli-measures") / "db"
            run("build", str(MEASURE_ARTICLES), "--db", str(db))
            _BUILT_MEASURES.append(["--db", str(db)])
        return _BUILT_MEASURES[0]
    server = request.getfixturevalue("neo4j_server")
    if server.holds != "cli-measures":
        server.clear()
        run("build", str(MEASURE_ARTICLES), *server.cli_args())
        server.holds = "cli-measures"
    return server.cli_args()


def stats_of(target: list[str]) -> dict:
    return json.loads(run("stats", *target, "--json").stdout)


@pytest.mark.parametrize("command", sorted(cli.commands))
def test_every_command_has_help_with_an_example(command):
    result = run(command, "--help")
    assert "Example" in result.output
    assert result.output.startswith(f"Usage: cli {command}") or "Usage:" in result.output


def test_build_reports_and_rebuild_is_a_no_op(built):
    before = stats_of(built)
    assert set(before["nodes"]) >= {"Country", "Agency", "Company", "Mineral", "Agreement", "Person", "Event",
                                    "Document"}
    assert before["nodes"]["Document"] == 5
    again = run("build", str(SAMPLE), *built)
    assert again.stdout.startswith("0 loaded, 0 replaced, 5 unchanged, 0 skipped;")
    assert stats_of(built) == before


def test_store_from_environment(built, backend, monkeypatch):
    if backend == "falkordb":
        monkeypatch.delenv("NEO4J_URI", raising=False)
        monkeypatch.setenv("MINEGRAPH_DB", built[1])
    else:
        monkeypatch.delenv("MINEGRAPH_DB", raising=False)
        monkeypatch.setenv("NEO4J_URI", built[1])
    assert json.loads(run("stats", "--json").stdout) == stats_of(built)


@pytest.mark.parametrize("named", list_queries(), ids=lambda q: q.name)
def test_each_named_query_returns_rows(backend, named, request):
    on_measures = ":Measure" in named.text
    target = request.getfixturevalue("built_measures" if on_measures else "built")
    values = {**NAMED_PARAMS, **MEASURE_PARAMS} if on_measures else NAMED_PARAMS
    params = [f"--param={p}={json.dumps(values[p])}" for p in named.params]
    rows = json.loads(run("query", "--name", named.name, *target, "--json", *params).stdout)
    assert rows, f"{named.name} returned no rows on the {'measure articles' if on_measures else 'sample graph'}"


def test_query_table_json_and_typed_params(built):
    result = run("query", "MATCH (c:Country) WHERE c.iso2 IN $codes RETURN c.name AS name ORDER BY name",
                 "--param", 'codes=["MN", "AU"]', *built, "--json")
    assert json.loads(result.stdout) == [{"name": "Australia"}, {"name": "Mongolia"}]
    table = run("query", "MATCH (c:Country) RETURN c.name AS name ORDER BY name", "--limit", "2", *built)
    assert "name" in table.stdout
    assert "Showing 2 of" in table.stderr


def test_query_needs_its_named_params(built):
    result = run("query", "--name", "partners_of_country", *built, ok=False)
    assert result.exit_code == 2
    assert "needs --param country=..." in result.output


def test_query_list_names_every_query():
    out = run("query", "--list").stdout
    assert [line.split(":")[0] for line in out.splitlines()] == [q.name for q in list_queries()]


def test_export_json_is_node_link(built, tmp_path):
    out = tmp_path / "g.json"
    run("export", *built, "--format", "json", "-o", str(out))
    data = json.loads(out.read_text())
    graph = nx.node_link_graph(data, edges="edges")
    labels = {d["label"] for _, d in graph.nodes(data=True)}
    assert "Country" in labels and "Document" in labels
    assert all("type" in d for _, _, d in graph.edges(data=True))
    assert all({"name", "aliases"} <= set(d) for _, d in graph.nodes(data=True))


def test_centrality_and_focus(built):
    rows = json.loads(run("centrality", *built, "--json", "--top", "3").stdout)
    assert len(rows) == 3 and rows[0]["name"] == "South Korea"
    focus = json.loads(run("centrality", *built, "--json", "--focus", "South Korea", "--top", "0").stdout)
    names = {r["name"] for r in focus}
    assert {"Uzbekistan", "Australia", "Mongolia"} <= names
    assert all(r["via"] for r in focus)
    table = run("centrality", *built, "--focus", "Korea")
    assert "Partners of Korea" in table.stdout


def test_map_is_written_and_says_where(built, tmp_path):
    out = tmp_path / "map.html"
    result = run("map", *built, "-o", str(out))
    assert str(out.resolve()) in result.stdout
    assert out.read_text().count("<html") == 1


# --- errors: one line, exit 1, store unchanged -------------------------------------------


def assert_clean_error(result, *fragments: str) -> None:
    assert result.exit_code == 1, result.output
    lines = [ln for ln in result.output.splitlines() if ln.strip()]
    assert lines[-1].startswith("Error: "), result.output
    assert "Traceback" not in result.output
    for fragment in fragments:
        assert fragment in lines[-1]


def test_build_missing_path_changes_nothing(built, tmp_path):
    before = stats_of(built)
    assert_clean_error(run("build", str(SAMPLE), str(tmp_path / "nope.txt"), *built, ok=False),
                       "nope.txt", "no such file")
    assert stats_of(built) == before


def test_build_of_only_bad_files_fails(tmp_path, stores):
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "a.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    (bad / "b.txt").write_bytes(b"")
    result = run("build", str(bad), *stores.cli_args(), ok=False)
    assert_clean_error(result, "no article could be loaded")
    assert "a.txt: looks like a binary file" in result.stderr
    assert "b.txt: file is empty" in result.stderr


def test_build_of_mixed_folder_loads_the_good_and_lists_the_rest(tmp_path, stores):
    folder = tmp_path / "mixed één"
    folder.mkdir()
    shutil.copy(SAMPLE / "003_5418c0232b8c90e6.txt", folder / "mongolia forum ü.txt")
    (folder / "broken.txt").write_bytes(b"\x00\x01\x02")
    (folder / "table.xlsx").write_bytes(b"PK\x03\x04")
    result = run("build", str(folder), *stores.cli_args())
    assert result.stdout.startswith("1 loaded, 0 replaced, 0 unchanged, 2 skipped;")
    assert "broken.txt" in result.stderr and "table.xlsx" in result.stderr


def test_bad_cypher_is_one_error_line_with_position(built):
    assert_clean_error(run("query", "MATCH (n RETURN n", *built, ok=False), "Invalid input")


def test_write_without_flag_is_refused_and_changes_nothing(built):
    before = stats_of(built)
    assert_clean_error(run("query", "MATCH (n) DETACH DELETE n", *built, ok=False), "read-only unless --write")
    assert stats_of(built) == before


def test_unknown_focus_suggests_names(built):
    assert_clean_error(run("centrality", "--focus", "Mongolai", *built, ok=False), "Mongolia")


def test_unknown_named_query(built):
    assert_clean_error(run("query", "--name", "nope", *built, ok=False), "no named query 'nope'")


def test_timeout_is_one_error_line(built):
    slow = ("UNWIND range(1, 20000) AS a UNWIND range(1, 20000) AS b WITH a, b WHERE (a * b) % 7 = 0 "
            "RETURN count(*)")
    assert_clean_error(run("query", slow, "--timeout", "0.2", *built, ok=False), "timed out")


# --- choosing and reaching the store ---------------------------------------------------


def minegraph_process(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    """The real command in a fresh process (so the driver's logging is as a user sees it)."""
    return subprocess.run([sys.executable, "-m", "minegraph.cli", *args], capture_output=True, text=True,
                          env={**os.environ, **env}, timeout=120, check=False)


def assert_one_error_line(result: subprocess.CompletedProcess, *fragments: str, secret: str = "") -> None:
    assert result.returncode == 1, result.stderr
    lines = [ln for ln in (result.stdout + result.stderr).splitlines() if ln.strip()]
    assert len(lines) == 1 and lines[0].startswith("Error: "), lines
    for fragment in fragments:
        assert fragment in lines[0]
    if secret:
        assert secret not in result.stdout + result.stderr


@pytest.mark.parametrize("uri", ["bolt://127.0.0.1:9", "neo4j://127.0.0.1:9"])
def test_unreachable_neo4j_is_one_error_line_without_the_password(uri):
    result = minegraph_process("stats", "--neo4j-uri", uri, env={"NEO4J_PASSWORD": "pw-that-must-not-show"})
    assert_one_error_line(result, f"cannot reach Neo4j at {uri}", secret="pw-that-must-not-show")


def test_password_inside_the_uri_is_never_printed():
    result = minegraph_process("stats", "--neo4j-uri", "bolt://analyst:pw-in-uri-xyz@127.0.0.1:9", env={})
    assert_one_error_line(result, "cannot reach Neo4j at bolt://127.0.0.1:9", secret="pw-in-uri-xyz")
    assert "analyst" not in result.stderr


@pytest.mark.parametrize("uri", ["http://127.0.0.1:9", "https://u:pw-xyz@127.0.0.1:9/db", "127.0.0.1:7687"])
def test_a_uri_neo4j_cannot_speak_bolt_to_is_one_error_line(uri):
    result = minegraph_process("stats", "--neo4j-uri", uri, env={"NEO4J_PASSWORD": "x"})
    assert_one_error_line(result, "unsupported scheme", secret="pw-xyz")


def test_db_and_neo4j_uri_together_is_a_usage_error(tmp_path):
    result = run("stats", "--db", str(tmp_path / "db"), "--neo4j-uri", "bolt://127.0.0.1:9", ok=False)
    assert result.exit_code == 2
    assert "--db and --neo4j-uri" in result.output
    assert not (tmp_path / "db").exists()


def test_explicit_db_wins_over_neo4j_uri_in_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("NEO4J_URI", "bolt://127.0.0.1:9")
    monkeypatch.setenv("NEO4J_PASSWORD", "x")
    result = run("stats", "--db", str(tmp_path / "db"), "--json")
    assert json.loads(result.stdout) == {"nodes": {}, "relationships": {}}


def test_wrong_password_is_one_error_line(neo4j_server):
    config = neo4j_server.config
    result = minegraph_process("stats", "--neo4j-uri", config.uri, env={"NEO4J_PASSWORD": "wrong-pw-123"})
    assert_one_error_line(result, "refused the credentials of user 'neo4j'", secret="wrong-pw-123")
    host = config.uri.split("://", 1)[1]
    in_uri = minegraph_process("stats", "--neo4j-uri", f"neo4j://neo4j:wrong-pw-456@{host}", env={})
    assert_one_error_line(in_uri, "refused the credentials", secret="wrong-pw-456")


def test_neo4j_scheme_with_credentials_in_the_uri_reaches_the_server(neo4j_server):
    config = neo4j_server.config
    host = config.uri.split("://", 1)[1]
    result = minegraph_process("stats", "--json", "--neo4j-uri", f"neo4j://{config.user}:{config.password}@{host}",
                               env={"NEO4J_PASSWORD": ""})
    assert result.returncode == 0, result.stderr
    assert set(json.loads(result.stdout)) == {"nodes", "relationships"}
    assert config.password not in result.stdout + result.stderr


def test_remove_unknown_document(built):
    assert_clean_error(run("remove", "no-such-doc", *built, ok=False), "no document 'no-such-doc'")


def test_unwritable_output_is_one_error_line(built, tmp_path):
    target = tmp_path / "no" / "such" / "dir" / "map.html"
    assert_clean_error(run("map", *built, "-o", str(target), ok=False), "No such file or directory")
    assert_clean_error(run("export", *built, "-o", str(tmp_path / "missing" / "g.json"), ok=False),
                       "No such file or directory")


def test_eval_prints_the_scorers_figures(tmp_path):
    shared = Path(__file__).resolve().parents[2] / "shared" / "eval"
    if not (shared / "score.py").exists():
        pytest.skip(f"no shared scorer at {shared}")
    result = run("eval", str(shared / "dev" / "gold"))
    last = result.stdout.strip().splitlines()[-1]
    assert last.startswith("SCORE entity_f1=")
    figures = dict(part.split("=") for part in last.split()[1:])
    assert float(figures["entity_f1"]) >= 0.92 and float(figures["relation_f1"]) >= 0.80


def test_unknown_neo4j_database_is_one_error_line(neo4j_server):
    result = minegraph_process("stats", "--neo4j-uri", neo4j_server.config.uri, "--neo4j-database", "nosuchdb",
                               env={"NEO4J_PASSWORD": neo4j_server.config.password})
    assert_one_error_line(result, "database nosuchdb", secret=neo4j_server.config.password)
