"""The workbench's routes through Starlette's test client, over a real embedded store
built from articles written for these tests."""

from __future__ import annotations

import datetime
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from starlette.testclient import TestClient

from minegraph.cli.main import cli, compose_workbench
from minegraph.graph.store import open_store
from minegraph.workbench.app import MAX_BODY, create_app
from minegraph.workbench.server import allowed_hosts, is_loopback
from tests.test_curation import ARTICLES

HOSTILE = ("hostile.txt", "Chile and Peru sign copper accord\n\n"
                          "Chile and Peru signed a copper accord <script>window.pwned = 1</script> in Lima. "
                          "<img src=x onerror=\"window.pwned = 2\"> Officials praised it.\n")
#: a country's tie with its own company, stated as such (the ranking with --include-domestic shows it)
DOMESTIC = ("domestic.txt", "Chile backs its lithium firm\n\n"
                            "The government of Chile signed a royalty agreement with Pampa Resources in Santiago.\n")
ORIGIN = "http://testserver"


def build_corpus(folder: Path, db: Path, extra: tuple[tuple[str, str], ...] = ()) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in [*ARTICLES.items(), HOSTILE, *extra]:
        (folder / name).write_text(text, encoding="utf-8")
    result = CliRunner().invoke(cli, ["build", str(folder), "--db", str(db)], catch_exceptions=False)
    assert result.exit_code == 0, result.output


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("workbench")
    build_corpus(root / "articles", root / "db")
    return root / "db"


@pytest.fixture(scope="module")
def client(corpus):
    with open_store(corpus) as store:
        app = create_app(compose_workbench(store, corpus), allowed_hosts=["testserver", *allowed_hosts("127.0.0.1")])
        with TestClient(app) as test_client:
            yield test_client


def post(client, path: str, body, **headers):
    return client.post(path, content=json.dumps(body), headers={"Content-Type": "application/json",
                                                                 "Origin": ORIGIN, **headers})


def test_the_page_and_its_assets_come_from_the_server(client):
    page = client.get("/")
    assert page.status_code == 200 and "/static/app.js" in page.text
    assert "script-src 'self'" in page.headers["content-security-policy"]
    assert "http" not in page.text.replace("http-equiv", "")  # no CDN, no remote anything
    assert client.get("/static/vis-network.min.js").headers["content-type"].startswith("text/javascript")
    assert client.get("/static/app.css").status_code == 200
    for bad in ("/static/nothing.js", "/static/..%2Fapp.py", "/static/.hidden"):
        assert client.get(bad).status_code == 404, bad


def test_config_lists_actors_minerals_documents_and_years(client):
    config = client.get("/api/config").json()
    assert {"Chile", "Argentina", "Pampa Resources"} <= {a["name"] for a in config["actors"]}
    assert [m["name"] for m in config["minerals"]] == ["copper", "lithium"]
    assert len(config["documents"]) == 5 and config["years"] == [2023, 2024]
    assert config["curate"] is False and config["row_limit"] == 100


def test_graph_focus_and_unknown_focus(client):
    whole = client.get("/api/graph").json()
    assert "country:cl" in {n["id"] for n in whole["nodes"]} and whole["edges"]
    assert not any(n["group"] == "Document" for n in whole["nodes"])
    assert {2023, 2024} <= {n["year"] for n in whole["nodes"] if n["group"] == "Agreement"}
    around = client.get("/api/graph", params={"focus": "Argentina", "depth": 1}).json()
    assert around["focus"] == "country:ar" and {n["id"] for n in around["nodes"]} == {"country:ar", "country:cl"}
    missing = client.get("/api/graph", params={"focus": "Chlie"})
    assert missing.status_code == 404 and "did you mean 'Chile'" in missing.json()["error"]


def test_node_details_partners_and_articles(client):
    chile = client.get("/api/node", params={"id": "country:cl"}).json()
    assert chile["name"] == "Chile" and chile["props"]["iso2"] == "CL"
    assert [p["name"] for p in chile["partners"]][:1] == ["Germany"]
    assert "Pampa Resources" in {p["name"] for p in chile["own_actors"]}
    assert "Pampa Resources" not in {p["name"] for p in chile["partners"]}
    assert "Chile and Germany sign lithium pact" in {d["title"] for d in chile["documents"]}
    assert client.get("/api/node", params={"id": "nope"}).status_code == 404


def test_edge_evidence_names_its_article(client):
    graph = client.get("/api/graph").json()
    edge = next(e for e in graph["edges"] if (e["from"], e["rtype"], e["to"]) == ("country:ar", "COOPERATES_WITH",
                                                                                  "country:cl"))
    evidence = client.get("/api/edge", params={"source": edge["from"], "type": edge["rtype"],
                                               "target": edge["to"]}).json()
    assert evidence["evidence"] and all(item["document"]["title"] for item in evidence["evidence"])
    assert any("Argentina" in item["sentence"] for item in evidence["evidence"])


def test_partners_with_years_and_domestic(client):
    chile = client.get("/api/partners", params={"actor": "Chile"}).json()
    assert chile["partners"][0]["name"] == "Germany" and chile["partners"][0]["via"]
    assert "Pampa Resources" in {p["name"] for p in chile["own_actors"]}
    both = client.get("/api/partners", params={"actor": "Chile", "include_domestic": "1"}).json()
    assert {p["name"] for p in both["partners"]} > {p["name"] for p in chile["partners"]} or both["own_actors"] == []
    # the facts of the 2023 article only: the lithium MOU with Germany, not the 2024 supply deal nor Argentina
    early = client.get("/api/partners", params={"actor": "Chile", "until": 2023}).json()
    assert [p["name"] for p in early["partners"]] == ["Germany"] and early["window"] == "… to 2023-12-31"
    assert early["partners"][0]["last_seen"] == "2023-04-02"
    assert early["partners"][0]["weight"] < chile["partners"][0]["weight"]  # the 2024 deal adds to the tie
    later = client.get("/api/partners", params={"actor": "Chile", "since": 2024}).json()
    assert "Argentina" in {p["name"] for p in later["partners"]}
    assert all(p["first_seen"] >= "2024-01-01" for p in later["partners"])
    apart = client.get("/api/partners", params={"actor": "Chile", "roll_up": "0"}).json()
    assert {p["name"] for p in apart["partners"]} <= {p["name"] for p in chile["partners"]}
    assert client.get("/api/partners", params={"actor": "Chile", "since": "soon"}).status_code == 400


def test_read_query_rows_graph_and_csv(client):
    result = post(client, "/api/query", {"cypher": "MATCH (c:Country) RETURN c.name AS name ORDER BY name"}).json()
    assert result["columns"] == ["name"] and ["Chile"] in result["rows"] and result["graph"] is None
    nodes = post(client, "/api/query", {"cypher": "MATCH (c:Country)-[r]->(a:Agreement) RETURN c, r, a"}).json()
    assert {n["group"] for n in nodes["graph"]["nodes"]} == {"Country", "Agreement"}
    assert {e["rtype"] for e in nodes["graph"]["edges"]} == {"PARTY_TO"}
    csv = post(client, "/api/query", {"cypher": "MATCH (c:Country) RETURN c.name AS name ORDER BY name",
                                      "format": "csv"})
    assert csv.headers["content-type"].startswith("text/csv") and csv.text.splitlines()[:2] == ["name", "Argentina"]
    named = post(client, "/api/query", {"name": "partners_of_country", "params": {"country": "Chile"}}).json()
    assert named["rows"]
    assert "needs $country" in post(client, "/api/query", {"name": "partners_of_country"}).json()["error"]
    assert post(client, "/api/query", {"name": "no_such"}).status_code == 404


def test_write_queries_are_refused_and_change_nothing(client):
    count = "MATCH (n) RETURN count(n) AS n"
    before = post(client, "/api/query", {"cypher": count}).json()["rows"]
    refused = post(client, "/api/query", {"cypher": "CREATE (:Country {id: 'x', name: 'X'})"})
    assert refused.status_code == 400 and refused.json()["error"].startswith("refused: the query writes")
    assert post(client, "/api/query", {"cypher": count}).json()["rows"] == before


def test_write_requests_need_the_same_origin_json_and_a_small_body(client):
    query = {"cypher": "MATCH (n) RETURN count(n)"}
    assert post(client, "/api/query", query, Origin="http://evil.example").status_code == 403
    no_origin = client.post("/api/query", content=json.dumps(query), headers={"Content-Type": "application/json"})
    assert no_origin.status_code == 403
    form = client.post("/api/query", content="cypher=x", headers={"Origin": ORIGIN,
                                                                  "Content-Type": "application/x-www-form-urlencoded"})
    assert form.status_code == 400
    big = post(client, "/api/query", {"cypher": "RETURN 1", "pad": "x" * MAX_BODY})
    assert big.status_code == 413


def test_only_loopback_host_headers_are_answered(client):
    assert client.get("/api/config", headers={"Host": "evil.example"}).status_code == 400
    assert client.get("/api/config", headers={"Host": "127.0.0.1:8765"}).status_code == 200
    assert is_loopback("127.0.0.1") and is_loopback("::1") and not is_loopback("0.0.0.0")
    assert allowed_hosts("0.0.0.0") is None


def test_article_text_spans_and_facts(client):
    config = client.get("/api/config").json()
    doc = next(d for d in config["documents"] if d["title"] == "Chile and Peru sign copper accord")
    article = client.get("/api/article", params={"id": doc["id"]}).json()
    assert "<script>window.pwned = 1</script>" in article["text"]  # the text as it is; the page shows it as text
    evidence = [article["text"][s:e] for s, e, kind, _ in article["spans"] if kind == "evidence"]
    assert any(piece.startswith("Chile and Peru signed a copper accord") for piece in evidence)
    entities = {article["text"][s:e] for s, e, kind, _ in article["spans"] if kind == "entity"}
    assert {"Chile", "Peru"} <= entities
    assert any(f["type"] == "COOPERATES_WITH" or f["type"] == "PARTY_TO" for f in article["facts"])


def test_curation_is_refused_without_curate(client):
    refused = post(client, "/api/curate/merge", {"keep": "Chile", "drop": "Peru"})
    assert refused.status_code == 403 and "--curate" in refused.json()["error"]
    assert client.get("/api/curation").json()["enabled"] is False


def test_curation_routes_merge_and_undo(tmp_path):
    db = tmp_path / "db"
    build_corpus(tmp_path / "articles", db)
    with open_store(db) as store:
        app = create_app(compose_workbench(store, db, curate=True))
        with TestClient(app) as client:
            ambiguous = post(client, "/api/curate/rename", {"node": "Chlie", "name": "X"})
            assert ambiguous.status_code == 404 and "did you mean 'Chile'" in ambiguous.json()["error"]
            done = post(client, "/api/curate/merge", {"keep": "Pampa Resources", "drop": "Pampa Lithium"}).json()
            assert done["message"].startswith("Decision 1: merge 'Pampa Lithium'") and done["rebuilt"] == 2
            ids = {n["id"] for n in client.get("/api/graph").json()["nodes"]}
            assert "company:pampa-lithium" not in ids and "company:pampa-resources" in ids
            listed = client.get("/api/curation").json()
            assert listed["enabled"] and [d["stale"] for d in listed["decisions"]] == [False]
            post(client, "/api/curate/undo", {"n": 1})
            assert "company:pampa-lithium" in {n["id"] for n in client.get("/api/graph").json()["nodes"]}


def test_serve_warns_off_loopback_and_a_busy_port_is_one_error_line(tmp_path):
    import socket

    corpus = tmp_path / "db"  # an empty store of its own (the module's store is held open by `client`)
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen(1)
        port = str(busy.getsockname()[1])
        result = CliRunner().invoke(cli, ["serve", "--db", str(corpus), "--port", port])
    assert result.exit_code == 1 and result.output.strip().splitlines()[-1] == "Error: Address already in use"
    elsewhere = CliRunner().invoke(cli, ["serve", "--db", str(corpus), "--host", "192.0.2.1", "--port", "0"])
    assert elsewhere.exit_code == 1
    assert elsewhere.output.startswith("Warning: listening on 192.0.2.1: anyone who can reach this machine")


def test_views_read_what_they_show_and_partners_are_the_whole_graph_answer(tmp_path):
    """No view reads the whole graph; the partners a view selects on the server are those
    the whole graph gives (as `centrality --focus` selects them)."""
    from minegraph.graph.analytics import focus_partners, own_actors

    db = tmp_path / "db"
    build_corpus(tmp_path / "articles", db)
    with open_store(db) as store:
        whole = store.read_graph(provenance=False)

        def refuse(*args, **kwargs):
            raise AssertionError("a view read the whole graph")

        store.read_graph = refuse
        with TestClient(create_app(compose_workbench(store, db))) as client:
            config = client.get("/api/config").json()
            drawn = client.get("/api/graph").json()
            assert client.get("/api/graph", params={"focus": "Chile"}).json()["focus"] == "country:cl"
            for node in drawn["nodes"]:
                assert client.get("/api/node", params={"id": node["id"]}).json()["name"] == whole.nodes[node["id"]].name
            for edge in drawn["edges"]:
                shown = client.get("/api/edge", params={"source": edge["from"], "type": edge["rtype"],
                                                        "target": edge["to"]}).json()
                assert [e["sentence"] for e in shown["evidence"]] == \
                    whole.relationships[(edge["from"], edge["rtype"], edge["to"])].props.get("evidence", [])
            for doc in config["documents"]:
                facts = client.get("/api/article", params={"id": doc["id"]}).json()["facts"]
                assert {(f["source"], f["type"], f["target"]) for f in facts} == {
                    key for key, rel in whole.relationships.items()
                    if rel.type != "MENTIONS" and doc["id"] in rel.props.get("doc_ids", [])} != set()
            for actor in config["actors"]:
                for mineral in (None, "lithium"):
                    params = {"actor": actor["name"], **({"mineral": mineral} if mineral else {})}
                    view = client.get("/api/partners", params=params).json()
                    assert view["partners"] == focus_partners(whole, actor["id"], mineral=mineral), params
                    assert view["own_actors"] == own_actors(whole, actor["id"], mineral=mineral), params
            result = post(client, "/api/query", {"cypher": "MATCH (c:Country)-[r]->(a:Agreement) RETURN c, r, a"})
            assert result.json()["graph"]["edges"]


def test_timeline_and_changes(client):
    chile = client.get("/api/timeline", params={"actor": "Chile"}).json()
    # the hostile article has no date: it counts by the day it was built
    assert chile["actor"]["name"] == "Chile" and chile["years"] == list(range(2023, datetime.date.today().year + 1))
    germany = next(s for s in chile["series"] if s["name"] == "Germany")
    assert len(germany["weights"]) == len(chile["years"]) and germany["weights"][0] > 0  # the 2023 pact
    assert {item["name"] for item in chile["frames"]["items"]} and chile["frames"]["agreements"]
    news = client.get("/api/changes", params={"since_build": 0}).json()
    assert [b["number"] for b in news["builds"]] == [1] and news["log"][0]["number"] == 1
    assert {"new_agreement", "new_actor"} <= {c["kind"] for c in news["changes"]}
    assert all(c["article"]["id"] for c in news["changes"] if c["kind"] != "removed")
    assert client.get("/api/changes", params={"since": "soon"}).status_code == 400
    assert "no build 9" in client.get("/api/changes", params={"since_build": 9}).json()["error"]
    assert client.get("/api/timeline", params={"actor": "Atlantis"}).status_code == 404
