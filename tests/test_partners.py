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
    """Invented actors.  Every link has one mention, so a tie through a shared hub weighs 2.

    deal1: Korland, its ministry, Australis      deal2: Korland, Australis, Australis' survey office
    forum: organised by Korland; Korland Steel and Austral Mining take part
    Korland Minerals Office (part of the ministry) is stated three times to cooperate with Korland.
    """
    g = Graph()
    for node_id, label, name in [
        ("kr", "Country", "Korland"), ("au", "Country", "Australis"),
        ("ministry", "Agency", "Ministry of Korland Industry"), ("office", "Agency", "Korland Minerals Office"),
        ("ports", "Agency", "Korland Ports Agency"), ("ksteel", "Company", "Korland Steel"),
        ("amining", "Company", "Austral Mining"), ("survey", "Agency", "Australis Geoscience Office"),
        ("deal1", "Agreement", "Korland-Australis accord"), ("deal2", "Agreement", "Survey pact"),
        ("forum", "Event", "Ore forum"),
    ]:
        g.add_node(Node(node_id, label, name))
    links = [("kr", "PARTY_TO", "deal1"), ("ministry", "PARTY_TO", "deal1"), ("au", "PARTY_TO", "deal1"),
             ("kr", "PARTY_TO", "deal2"), ("au", "PARTY_TO", "deal2"), ("survey", "PARTY_TO", "deal2"),
             ("kr", "ORGANIZED", "forum"), ("ksteel", "PARTICIPATED_IN", "forum"),
             ("amining", "PARTICIPATED_IN", "forum"),
             ("ministry", "BASED_IN", "kr"), ("office", "PART_OF", "ministry"), ("ports", "BASED_IN", "kr"),
             ("ksteel", "BASED_IN", "kr"), ("amining", "BASED_IN", "au"), ("survey", "BASED_IN", "au")]
    for src, rel_type, dst in links:
        assert g.add_relationship(Relationship(src, rel_type, dst, {"mentions": 1}))
    assert g.add_relationship(Relationship("office", "COOPERATES_WITH", "kr", {"mentions": 3}))
    return g


def ranked(rows):
    return [(row["name"], row["weight"]) for row in rows]


def test_domestic_actors_follow_based_in_and_part_of_chains():
    assert domestic_actors(korland(), "kr") == {"ministry", "office", "ports", "ksteel"}
    assert domestic_actors(korland(), "au") == {"amining", "survey"}
    assert domestic_actors(korland(), "ministry") == set()  # only countries have own actors


def test_partners_of_a_country_leave_out_its_own_actors():
    g = korland()
    assert ranked(focus_partners(g, "Korland")) == [
        ("Australis", 4), ("Austral Mining", 2), ("Australis Geoscience Office", 2)]
    assert ranked(own_actors(g, "Korland")) == [
        ("Korland Minerals Office", 3), ("Korland Steel", 2), ("Ministry of Korland Industry", 2),
        ("Korland Ports Agency", 0)]
    # foreign agencies are partners: Korland's ministry is one of Australis'
    assert ranked(focus_partners(g, "Australis")) == [("Korland", 4), ("Ministry of Korland Industry", 2)]
    assert ranked(own_actors(g, "Australis")) == [("Australis Geoscience Office", 2), ("Austral Mining", 0)]


def test_include_domestic_puts_them_back_and_marks_them():
    rows = focus_partners(korland(), "kr", include_domestic=True)
    assert ranked(rows) == [("Australis", 4), ("Korland Minerals Office", 3), ("Austral Mining", 2),
                            ("Australis Geoscience Office", 2), ("Korland Steel", 2),
                            ("Ministry of Korland Industry", 2)]
    assert [row["id"] for row in rows if row["domestic"]] == ["office", "ksteel", "ministry"]
    assert focus_partners(korland(), "kr", top=1) == focus_partners(korland(), "kr")[:1]


def test_an_agency_focus_keeps_every_partner():
    assert ranked(focus_partners(korland(), "Ministry of Korland Industry")) == [("Australis", 2), ("Korland", 2)]


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
    assert ranked(rows) == [("Australis", 4), ("Austral Mining", 2), ("Australis Geoscience Office", 2)]
    table = run("centrality", "--db", korland_db, "--focus", "Korland")
    partners, own = table.split("Own actors of Korland")
    assert "Australis" in partners and "Korland Steel" not in partners
    assert all(name in own for name in ("Korland Minerals Office", "Korland Steel", "Korland Ports Agency"))
    both = json.loads(run("centrality", "--db", korland_db, "--focus", "Korland", "--json", "--include-domestic"))
    assert len(both) == 6 and sum(row["domestic"] for row in both) == 3
    assert "Own actors" not in run("centrality", "--db", korland_db, "--focus", "Korland", "--include-domestic")
