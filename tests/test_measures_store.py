"""Measures in the stores, on each real store (embedded FalkorDB, live Neo4j): repeatable and
incremental loads, the latest stated status, ``remove``, curation, every export, and the
named measure queries.  The articles (tests/fixtures/measures) are written for the tests."""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner

from minegraph.cli.main import cli
from minegraph.graph.export import write_export
from minegraph.graph.model import Graph
from minegraph.graph.store import open_store
from minegraph.loaders.pipeline import build_paths, remove_document
from tests.conftest import REPO

FIXTURES = REPO / "tests" / "fixtures" / "measures"
LIFTED = FIXTURES / "peru_lifts_ban.txt"
EARLIER = sorted(p for p in FIXTURES.glob("*.txt") if p != LIFTED)
BAN = "measure:pe:export_ban:lithium"


def run(*args: str) -> str:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.stdout


def graph_after(config, *builds: list[Path]) -> Graph:
    with open_store(config) as store:
        for paths in builds:
            build_paths(store, paths)
        return store.read_graph()


def measure_ends(graph: Graph, node_id: str) -> dict[str, list[str]]:
    ends: dict[str, list[str]] = {}
    for rel in graph.relationships.values():
        if rel.source == node_id and rel.type != "MENTIONS":
            ends.setdefault(rel.type, []).append(rel.target)
    return {k: sorted(v) for k, v in sorted(ends.items())}


def query(target: list[str], name: str, **params: str) -> list[dict]:
    rows = json.loads(run("query", "--name", name, *target, "--json",
                          *[f"--param={k}={json.dumps(v)}" for k, v in params.items()]))
    for row in rows:  # collected lists come back in no fixed order
        for key, value in row.items():
            if isinstance(value, list):
                row[key] = sorted(value)
    return rows


def test_measures_are_stored_with_their_links(stores):
    graph = graph_after(stores("db"), EARLIER)
    assert sorted(n.id for n in graph.by_label("Measure")) == [
        "measure:cl:royalty:copper", "measure:jp:critical_list:gallium+lithium",
        "measure:jp:investment_screening:*", "measure:jp:stockpile:cobalt+nickel", BAN]
    ban = graph.nodes[BAN]
    assert (ban.name, ban.props["kind"], ban.props["status"], ban.props["year"]) == (
        "Peru export ban on lithium, lithium ore and lithium concentrate", "export_ban", "announced", 2025)
    assert "stated" not in ban.props  # when a claim was stated stays in the claims
    # "the mines ministry said" of an article datelined LIMA: Peru's ministry speaks for the ban
    assert measure_ends(graph, BAN) == {"IMPOSED_BY": ["agency:ministry-of-mines-pe", "country:pe"],
                                        "TARGETS": ["mineral:lithium", "mineral:lithium-concentrate",
                                                    "mineral:lithium-ore"]}
    assert measure_ends(graph, "measure:jp:investment_screening:*")["AFFECTS"] == [
        "company:harbor-crest-capital", "company:kisaragi-mining"]
    [imposed] = [r for r in graph.edges("IMPOSED_BY") if r.source == BAN and r.target == "country:pe"]
    assert imposed.props["doc_ids"] == ["peru_lithium_ban"] and imposed.props["evidence"]


def test_the_latest_statement_sets_the_status_in_any_build_order(stores):
    later_first = graph_after(stores("a"), [LIFTED], EARLIER)
    assert later_first.nodes[BAN].props["status"] == "lifted"
    together = graph_after(stores("b"), EARLIER + [LIFTED])
    assert together == later_first
    assert sorted(together.nodes[BAN].sources) == ["peru_lifts_ban", "peru_lithium_ban"]


def test_building_twice_changes_nothing(stores):
    once = graph_after(stores("a"), EARLIER)
    assert graph_after(stores("b"), EARLIER, EARLIER) == once


def test_removing_the_later_article_brings_the_earlier_status_back(stores):
    graph_after(stores("db"), EARLIER + [LIFTED])
    with open_store(stores("db")) as store:
        assert remove_document(store, str(LIFTED)) == "peru_lifts_ban"
        after = store.read_graph()
    assert after.nodes[BAN].props["status"] == "announced"
    assert after == graph_after(stores("fresh"), EARLIER)
    with open_store(stores("fresh")) as store:
        remove_document(store, str(FIXTURES / "peru_lithium_ban.txt"))
        assert BAN not in store.read_graph().nodes


def test_curation_renames_and_rejects_measure_links_for_good(stores, tmp_path, monkeypatch):
    monkeypatch.setenv("MINEGRAPH_DB", str(tmp_path / "decisions"))  # where Neo4j's decisions are kept
    target = stores.cli_args("db")
    run("build", *map(str, EARLIER), *target)
    run("curate", "rename", BAN, "Peru raw lithium export ban", *target)
    run("curate", "reject", BAN, "mineral:lithium-ore", "--type", "TARGETS", *target)
    run("build", str(LIFTED), *target)  # a new article on the measure keeps the decisions
    rows = json.loads(run("query", "MATCH (x:Measure {id: $id})-[:TARGETS]->(m) RETURN x.name AS name, "
                                   "x.status AS status, m.id AS mineral", "--param", f"id={BAN}", *target, "--json"))
    assert sorted(rows, key=lambda r: r["mineral"]) == [
        {"name": "Peru raw lithium export ban", "status": "lifted", "mineral": "mineral:lithium"},
        {"name": "Peru raw lithium export ban", "status": "lifted", "mineral": "mineral:lithium-concentrate"}]


@pytest.mark.parametrize("fmt", ["json", "graphml", "gexf", "csv", "cypher"])
def test_every_export_carries_the_measures(stores, tmp_path, fmt):
    graph = graph_after(stores("db"), EARLIER)
    files = write_export(graph, tmp_path / ("out" if fmt == "csv" else f"graph.{fmt}"), fmt)
    if fmt == "json":
        data = json.loads(files[0].read_text())
        ban = next(n for n in data["nodes"] if n["id"] == BAN)
        assert (ban["label"], ban["kind"], ban["status"]) == ("Measure", "export_ban", "announced")
        assert {e["type"] for e in data["edges"] if e["source"] == BAN} == {"IMPOSED_BY", "TARGETS"}
    elif fmt in ("graphml", "gexf"):
        read = nx.read_graphml if fmt == "graphml" else nx.read_gexf
        loaded = read(files[0])
        assert loaded.nodes[BAN]["node_type"] == "Measure" and loaded.nodes[BAN]["kind"] == "export_ban"
        assert {d["rel_type"] for _, _, d in loaded.out_edges(BAN, data=True)} == {"IMPOSED_BY", "TARGETS"}
    elif fmt == "csv":
        names = {f.name for f in files}
        assert {"nodes_Measure.csv", "relationships_IMPOSED_BY.csv", "relationships_TARGETS.csv",
                "relationships_AFFECTS.csv"} <= names
        assert BAN in (tmp_path / "out" / "nodes_Measure.csv").read_text()
    else:
        text = files[0].read_text()
        assert "CREATE CONSTRAINT minegraph_measure_id" in text
        assert f"MERGE (n:Measure {{id: '{BAN}'}})" in text and "[r:IMPOSED_BY]" in text


# --- the named queries ---------------------------------------------------------------------------


def test_measures_on_a_mineral(stores):
    target = stores.cli_args("db")
    run("build", *map(str, EARLIER), *target)
    assert query(target, "measures_on_mineral", mineral="Lithium") == [
        {"measure": "Japan critical minerals list: lithium and gallium", "imposed_by": ["Japan"],
         "kind": "critical_list", "status": "in_force", "since": None, "in_force": True},
        {"measure": "Peru export ban on lithium, lithium ore and lithium concentrate",
         "imposed_by": ["Ministry of Mines of Peru", "Peru"],
         "kind": "export_ban", "status": "announced", "since": 2025, "in_force": False},
    ]


def test_measures_by_country(stores):
    target = stores.cli_args("db")
    run("build", *map(str, EARLIER), *target)
    assert query(target, "measures_by_country", country="JP") == [
        {"measure": "Japan critical minerals list: lithium and gallium", "kind": "critical_list",
         "status": "in_force", "year": None, "minerals": ["gallium", "lithium"], "affects": []},
        {"measure": "Japan investment screening: Harbor Crest Capital, Kisaragi Mining",
         "kind": "investment_screening", "status": "in_force", "year": None, "minerals": [],
         "affects": ["Harbor Crest Capital", "Kisaragi Mining"]},
        {"measure": "Japan stockpile of cobalt and nickel", "kind": "stockpile", "status": "announced",
         "year": None, "minerals": ["cobalt", "nickel"], "affects": []},
    ]


def test_supply_options_leave_out_partners_that_restrict_exports_until_they_lift_it(stores):
    target = stores.cli_args("db")
    run("build", *map(str, EARLIER), *target)
    options = query(target, "supply_options", country="Japan", mineral="lithium")
    assert [(row["partner"], row["mineral"], row["ties"]) for row in options] == [("Chile", "lithium", 3)]
    assert "cooperation" in options[0]["through"]
    run("build", str(LIFTED), *target)
    after = query(target, "supply_options", country="Japan", mineral="lithium")
    assert [(row["partner"], row["ties"]) for row in after] == [("Chile", 3), ("Peru", 2)]
    assert query(target, "supply_options", country="Japan", mineral="cobalt") == []


def test_a_restriction_on_a_form_of_a_mineral_restricts_the_mineral(stores, tmp_path):
    target = stores.cli_args("db")
    run("build", *map(str, EARLIER), *target)
    assert [row["partner"] for row in query(target, "supply_options", country="Japan", mineral="copper")] == ["Chile"]
    article = tmp_path / "chile_concentrate.txt"
    article.write_text("Chile bans concentrate exports\nPublished: 2025-01-08\n\n"
                       "Chile banned exports of copper concentrate on Wednesday to favour its smelters.\n",
                       encoding="utf-8")
    run("build", str(article), *target)
    assert query(target, "supply_options", country="Japan", mineral="copper") == []


# --- what the workbench's measure list reads --------------------------------------------------


def test_read_measures_filters_on_the_server_and_cites_the_articles(store):
    from minegraph.graph.measures import measure_facets, read_measures

    build_paths(store, EARLIER + [LIFTED])
    every = read_measures(store)
    assert [(m.id, m.year) for m in every] == [
        ("measure:cl:royalty:copper", 2025), (BAN, 2025), ("measure:jp:critical_list:gallium+lithium", None),
        ("measure:jp:investment_screening:*", None), ("measure:jp:stockpile:cobalt+nickel", None)]
    ban = every[1]
    assert (ban.name, ban.kind, ban.status) == ("Peru export ban on lithium, lithium ore and lithium concentrate",
                                                "export_ban", "lifted")
    assert ban.imposed_by == [{"id": "country:pe", "name": "Peru", "label": "Country"},
                              {"id": "agency:ministry-of-mines-pe", "name": "Ministry of Mines of Peru",
                               "label": "Agency"}]
    assert [t["name"] for t in ban.targets] == ["lithium", "lithium concentrate", "lithium ore"]
    assert [c["document"]["published"] for c in ban.evidence] == ["2025-06-02"] * 2 + ["2024-05-20"] * 3
    assert ban.evidence[1] == {"sentence": "LIMA — Peru lifted its ban on exports of lithium ore on Monday after "
                                           "talks with mining companies.",
                               "document": {"id": "peru_lifts_ban", "title": "Peru lifts lithium export ban",
                                            "published": "2025-06-02", "publisher": None}}
    ids = lambda **f: [m.id for m in read_measures(store, **f)]  # noqa: E731
    assert ids(mineral="mineral:lithium") == [BAN, "measure:jp:critical_list:gallium+lithium"]
    assert ids(government="country:jp") == ["measure:jp:critical_list:gallium+lithium",
                                            "measure:jp:investment_screening:*", "measure:jp:stockpile:cobalt+nickel"]
    assert ids(mineral="mineral:lithium", government="country:jp") == ["measure:jp:critical_list:gallium+lithium"]
    assert ids(kind="export_ban", year=2025) == [BAN]
    assert ids(kind="royalty", mineral="mineral:lithium") == [] and ids(government="country:zz") == []
    facets = measure_facets(store)
    assert [(f["id"], f["count"]) for f in facets["governments"]] == [("country:cl", 1), ("country:jp", 3),
                                                                       ("country:pe", 1)]
    assert [f["id"] for f in facets["kinds"]] == ["critical_list", "export_ban", "investment_screening", "royalty",
                                                  "stockpile"]
    assert facets["years"] == [{"id": 2025, "count": 2}]
    assert {"id": "mineral:lithium", "name": "lithium", "count": 2} in facets["minerals"]


def test_extract_then_load_keeps_when_each_claim_was_stated(stores, tmp_path):
    claims = tmp_path / "claims"
    run("extract", str(LIFTED), *map(str, EARLIER), "-o", str(claims))
    target = stores.cli_args("db")
    run("load", str(claims), *target)
    with open_store(stores("db")) as store:
        loaded = store.read_graph()
    assert loaded.nodes[BAN].props["status"] == "lifted"
    assert loaded == graph_after(stores("built"), EARLIER + [LIFTED])
