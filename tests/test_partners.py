"""A country's partners leave out its own actors (BASED_IN it, or PART_OF one that is),
library and CLI, on a small hand-made graph whose rankings are worked out by hand."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from minegraph.cli.main import cli
from minegraph.graph.analytics import domestic_actors, focus_partners, own_actors
from minegraph.graph.model import Graph, Node, Relationship
from minegraph.graph.store import Changes, open_store


def korland() -> Graph:
    """Invented actors, each link with the articles (d1..d5) that state it.

    deal1: Korland (d1, d2), its ministry (d1), Australis (d1)
    deal2: Korland, Australis, Australis' survey office (d3)
    forum: organised by Korland; Korland Steel and Austral Mining take part (d4)
    deal3: Korland Minerals Office (part of the ministry) and Austral Mining (d5)
    Korland Minerals Office is stated to cooperate with Korland in three articles (d1-d3).
    Every agency and company is based in Korland or Australis, so each frame has two parties.
    """
    g = Graph()
    for node_id, label, name in [
        ("kr", "Country", "Korland"), ("au", "Country", "Australis"),
        ("ministry", "Agency", "Ministry of Korland Industry"), ("office", "Agency", "Korland Minerals Office"),
        ("ports", "Agency", "Korland Ports Agency"), ("ksteel", "Company", "Korland Steel"),
        ("amining", "Company", "Austral Mining"), ("survey", "Agency", "Australis Geoscience Office"),
        ("deal1", "Agreement", "Korland-Australis accord"), ("deal2", "Agreement", "Survey pact"),
        ("deal3", "Agreement", "Office-Austral survey contract"), ("forum", "Event", "Ore forum"),
    ]:
        g.add_node(Node(node_id, label, name))
    links = [("kr", "PARTY_TO", "deal1", "d1 d2"), ("ministry", "PARTY_TO", "deal1", "d1"),
             ("au", "PARTY_TO", "deal1", "d1"),
             ("kr", "PARTY_TO", "deal2", "d3"), ("au", "PARTY_TO", "deal2", "d3"),
             ("survey", "PARTY_TO", "deal2", "d3"),
             ("kr", "ORGANIZED", "forum", "d4"), ("ksteel", "PARTICIPATED_IN", "forum", "d4"),
             ("amining", "PARTICIPATED_IN", "forum", "d4"),
             ("office", "PARTY_TO", "deal3", "d5"), ("amining", "PARTY_TO", "deal3", "d5"),
             ("office", "COOPERATES_WITH", "kr", "d1 d2 d3"),
             ("ministry", "BASED_IN", "kr", "d1"), ("office", "PART_OF", "ministry", "d1"),
             ("ports", "BASED_IN", "kr", "d1"), ("ksteel", "BASED_IN", "kr", "d4"),
             ("amining", "BASED_IN", "au", "d4"),
             ("survey", "BASED_IN", "au", "d3")]
    for src, rel_type, dst, docs in links:
        assert g.add_relationship(Relationship(src, rel_type, dst, {"doc_ids": docs.split(), "mentions": 1}))
    return g


def ranked(rows):
    return [(row["name"], row["weight"]) for row in rows]


def test_domestic_actors_follow_based_in_and_part_of_chains():
    assert domestic_actors(korland(), "kr") == {"ministry", "office", "ports", "ksteel"}
    assert domestic_actors(korland(), "au") == {"amining", "survey"}
    assert domestic_actors(korland(), "ministry") == set()  # only countries have own actors


def test_a_countrys_partners_roll_up_its_own_actors_ties():
    g = korland()
    # Australis: deal1 (two articles: 1 + 1/2) and deal2 (1); Austral Mining: the forum (an
    # event: 0.5, carried by Korland Steel) and deal3 (1, carried by the minerals office)
    rows = focus_partners(g, "Korland")
    assert ranked(rows) == [("Australis", 2.5), ("Austral Mining", 1.5), ("Australis Geoscience Office", 1.0)]
    mining = rows[1]
    assert mining["breakdown"] == {"agreement": 1.0, "event": 0.5, "cooperation": 0.0}
    assert [(v["name"], v["weight"], v["carried_by"], v["direct"]) for v in mining["via"]] == [
        ("Office-Austral survey contract", 1.0, ["Korland Minerals Office"], False),
        ("Ore forum", 0.5, ["Korland Steel"], True)]
    assert [c["name"] for c in mining["carried_by"]] == ["Korland Steel", "Korland Minerals Office"]
    assert rows[0]["via"][0] == {"id": "deal1", "name": "Korland-Australis accord", "label": "Agreement",
                                 "kind": "agreement", "weight": 1.5, "articles": 2, "parties": 2,
                                 "carried_by": ["Ministry of Korland Industry"], "direct": True}
    # kept apart, Korland's own ties only
    assert ranked(focus_partners(g, "Korland", roll_up=False)) == [
        ("Australis", 2.5), ("Australis Geoscience Office", 1.0), ("Austral Mining", 0.5)]


def test_own_actors_are_listed_apart_with_the_ties_they_carry():
    g = korland()
    rows = own_actors(g, "Korland")
    # the office's three statements: 1 + 1/2 + 1/3
    assert ranked(rows) == [("Korland Minerals Office", 1.833333), ("Ministry of Korland Industry", 1.5),
                            ("Korland Steel", 0.5), ("Korland Ports Agency", 0.0)]
    assert {row["name"]: row["carries"] for row in rows} == {
        "Korland Minerals Office": ["Austral Mining"], "Ministry of Korland Industry": ["Australis"],
        "Korland Steel": ["Austral Mining"], "Korland Ports Agency": []}
    # foreign agencies are partners: Korland's ministry and office are Australis'
    assert ranked(focus_partners(g, "Australis")) == [
        ("Korland", 3.0), ("Korland Minerals Office", 1.0), ("Ministry of Korland Industry", 1.0),
        ("Korland Steel", 0.5)]
    assert ranked(own_actors(g, "Australis")) == [("Australis Geoscience Office", 1.0), ("Austral Mining", 0.0)]


def test_include_domestic_puts_them_back_and_marks_them():
    rows = focus_partners(korland(), "kr", include_domestic=True)
    assert ranked(rows) == [("Australis", 2.5), ("Korland Minerals Office", 1.833333),
                            ("Ministry of Korland Industry", 1.5), ("Australis Geoscience Office", 1.0),
                            ("Austral Mining", 0.5), ("Korland Steel", 0.5)]
    assert [row["id"] for row in rows if row["domestic"]] == ["office", "ministry", "ksteel"]
    assert focus_partners(korland(), "kr", top=1) == focus_partners(korland(), "kr")[:1]


def test_an_agency_focus_keeps_every_partner():
    # deal1 for the ministry: Korland's two articles (1.5), Australis' one (1)
    assert ranked(focus_partners(korland(), "Ministry of Korland Industry")) == [("Korland", 1.5), ("Australis", 1.0)]


def test_a_window_of_articles_keeps_only_their_facts():
    rows = focus_partners(korland(), "Korland", documents={"d1", "d4"})
    assert ranked(rows) == [("Australis", 1.0), ("Austral Mining", 0.5)]


@pytest.fixture
def korland_db(tmp_path):
    g = korland()
    with open_store(tmp_path / "db") as store:
        store.apply(Changes.between(g, set(g.nodes), set(g.relationships), {}))
    return str(tmp_path / "db")


def run(*args: str):
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.stdout


def test_cli_lists_partners_and_own_actors_apart(korland_db):
    rows = json.loads(run("centrality", "--db", korland_db, "--focus", "Korland", "--json"))
    assert ranked(rows) == [("Australis", 2.5), ("Austral Mining", 1.5), ("Australis Geoscience Office", 1.0)]
    apart = json.loads(run("centrality", "--db", korland_db, "--focus", "Korland", "--json", "--no-roll-up"))
    assert ranked(apart) == [("Australis", 2.5), ("Australis Geoscience Office", 1.0), ("Austral Mining", 0.5)]
    table = run("centrality", "--db", korland_db, "--focus", "Korland")
    partners, own = table.split("Own actors of Korland")
    assert "Australis" in partners and "Korland Steel" in partners  # as the actor that carries a tie
    assert "Korland Steel" not in partners.split("Austral Mining")[0]
    assert all(name in own for name in ("Korland Minerals Office", "Korland Steel", "Korland Ports Agency"))
    both = json.loads(run("centrality", "--db", korland_db, "--focus", "Korland", "--json", "--include-domestic"))
    assert len(both) == 6 and sum(row["domestic"] for row in both) == 3
    assert "Own actors" not in run("centrality", "--db", korland_db, "--focus", "Korland", "--include-domestic")


def test_cli_shows_as_many_own_actors_as_top_and_says_how_many_are_left_out(korland_db):
    order = [row["name"] for row in own_actors(korland(), "Korland")]
    assert len(order) == 4
    result = CliRunner().invoke(cli, ["centrality", "--db", korland_db, "--focus", "Korland", "--top", "2"],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    own = result.stdout.split("Own actors of Korland")[1]
    assert [name for name in order if name in own] == order[:2]
    assert "Showing 2 of Korland's 4 own actors (--top 0 shows all)." in result.stderr
    every = run("centrality", "--db", korland_db, "--focus", "Korland", "--top", "0").split("Own actors of Korland")[1]
    assert all(name in every for name in order)


def test_cli_explains_each_weight(korland_db):
    out = run("centrality", "--db", korland_db, "--focus", "Korland", "--explain")
    explained = out.split("How each weight is made")[1]
    block = explained.split("Austral Mining (Company)")[1].split("Australis Geoscience Office")[0]
    assert block.startswith(": 1.5 = agreements 1 + events 0.5 + cooperation 0; 2 articles")
    assert "Office-Austral survey contract (agreement, 2 parties, 1 article): 1, carried by Korland Minerals Office\n" \
        in block
    assert "Ore forum (event, 2 parties, 1 article): 0.5, carried by Korland Steel and Korland itself" in block
