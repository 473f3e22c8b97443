"""Curation decisions survive rebuilds: the CLI end to end on articles written for these
tests, with the real embedded store, plus :meth:`Curation.apply` on hand-made graphs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from minegraph.cli.main import cli
from minegraph.graph.curation import Curation, CurationError
from minegraph.graph.model import Graph, Node, Relationship
from minegraph.graph.store import Changes, open_store

ARTICLES = {
    "a1.txt": "Chile and Germany sign lithium pact\nDate: 2023-04-02\n\n"
              "Chile and Germany signed a memorandum of understanding on lithium supply in Santiago on Monday.\n"
              "The Chilean Mining Ministry and the German Raw Materials Agency will lead the work.\n",
    "a2.txt": "Andes Lithium expands\nDate: 2024-05-10\n\n"
              "Chile and Argentina also cooperate on lithium exploration, officials said.\n",
    "a3.txt": "Pampa deal signed in Berlin\nDate: 2024-09-01\n\n"
              "Pampa Resources, a Chilean company, signed a lithium supply agreement with Germany in Berlin.\n",
    "a4.txt": "Pampa Lithium plans\nDate: 2025-01-15\n\n"
              "Pampa Lithium, a Chilean mining company, will cooperate with Argentina on lithium brine projects.\n",
}
LATER = ("a5.txt", "More Pampa news today\nDate: 2025-03-03\n\n"
                   "Pampa Lithium, a Chilean company, opened an office in Germany. "
                   "Chile and Argentina cooperate on lithium again.\n")


def run(*args: str, ok: bool = True):
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    if ok:
        assert result.exit_code == 0, result.output
    return result


def write_articles(folder: Path, articles: dict[str, str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in articles.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


@pytest.fixture
def corpus(tmp_path) -> tuple[Path, str]:
    folder = write_articles(tmp_path / "articles", ARTICLES)
    db = str(tmp_path / "db")
    run("build", str(folder), "--db", db)
    return folder, db


def names(db: str) -> dict[str, str]:
    rows = json.loads(run("query", "MATCH (n) WHERE NOT n:Document RETURN n.id AS id, n.name AS name",
                          "--db", db, "--json").stdout)
    return {row["id"]: row["name"] for row in rows}


def links(db: str) -> set[tuple[str, str, str]]:
    rows = json.loads(run("query", "MATCH (a)-[r]->(b) WHERE NOT a:Document RETURN a.id AS a, type(r) AS t, "
                                   "b.id AS b", "--db", db, "--json").stdout)
    return {(row["a"], row["t"], row["b"]) for row in rows}


def rebuild_from_scratch(folder: Path, db: str) -> None:
    with open_store(db) as store:
        store.clear()
    run("build", str(folder), "--db", db)


def test_the_articles_give_two_pampa_companies_and_a_chile_argentina_link(corpus):
    _folder, db = corpus
    assert {"company:pampa-resources", "company:pampa-lithium"} <= set(names(db))
    assert ("country:ar", "COOPERATES_WITH", "country:cl") in links(db)


def test_merge_holds_after_a_rebuild_and_a_new_article_and_undo_restores(corpus):
    folder, db = corpus
    out = run("curate", "merge", "Pampa Resources", "pampa lithium", "--db", db, "--who", "ana").stdout
    assert out.startswith("Decision 1: merge 'Pampa Lithium' (Company company:pampa-lithium) into 'Pampa Resources'")
    assert "company:pampa-lithium" not in names(db)  # at once, without a build
    aliases = json.loads(run("query", "MATCH (n {id: 'company:pampa-resources'}) RETURN n.aliases AS a",
                             "--db", db, "--json").stdout)[0]["a"]
    assert "Pampa Lithium" in aliases
    record = json.loads((Path(db) / "curation.jsonl").read_text().splitlines()[0])
    assert record["who"] == "ana" and record["when"] and record["action"] == "merge"

    rebuild_from_scratch(folder, db)
    assert "company:pampa-lithium" not in names(db)
    write_articles(folder, dict([LATER]))
    run("build", str(folder), "--db", db)
    current = names(db)
    assert "company:pampa-lithium" not in current and current["company:pampa-resources"] == "Pampa Resources"

    assert run("curate", "undo", "1", "--db", db).stdout.startswith("Undid decision 1: merge")
    assert "company:pampa-lithium" in names(db)
    assert (Path(db) / "curation.jsonl").read_text() == ""


def test_reject_holds_after_a_changed_article_and_a_new_one_and_undo_restores(corpus):
    folder, db = corpus
    run("curate", "reject", "Argentina", "Chile", "--db", db)
    assert not {k for k in links(db) if {k[0], k[2]} == {"country:ar", "country:cl"}}
    (folder / "a2.txt").write_text(ARTICLES["a2.txt"] + "Chile and Argentina signed a copper accord.\n")
    write_articles(folder, dict([LATER]))
    report = run("build", str(folder), "--db", db).stdout
    assert "1 loaded, 1 replaced" in report
    assert not {k for k in links(db) if {k[0], k[2]} == {"country:ar", "country:cl"}}
    run("curate", "undo", "1", "--db", db)
    assert ("country:ar", "COOPERATES_WITH", "country:cl") in links(db)


def test_a_typed_reject_drops_only_that_type(corpus):
    _folder, db = corpus
    link = ("country:ar", "COOPERATES_WITH", "country:cl")
    run("curate", "reject", "Chile", "Argentina", "--type", "PARTY_TO", "--db", db)
    assert link in links(db)
    run("curate", "reject", "Chile", "Argentina", "--type", "cooperates_with", "--db", db)
    assert link not in links(db)
    assert run("curate", "reject", "Chile", "Argentina", "--type", "LIKES", "--db", db, ok=False).output.startswith(
        "Error: unknown relationship type 'LIKES'")


def test_rename_holds_after_a_rebuild_and_the_old_name_still_finds_it(corpus):
    folder, db = corpus
    run("curate", "rename", "Germany", "Federal Republic of Germany", "--db", db)
    assert names(db)["country:de"] == "Federal Republic of Germany"
    rebuild_from_scratch(folder, db)
    assert names(db)["country:de"] == "Federal Republic of Germany"
    rows = json.loads(run("centrality", "--focus", "Germany", "--json", "--db", db).stdout)
    assert "Chile" in {row["name"] for row in rows}


def test_list_marks_a_decision_whose_nodes_are_gone_as_stale(corpus):
    folder, db = corpus
    run("curate", "rename", "Pampa Lithium", "Pampa Lithium SpA", "--db", db)
    run("curate", "reject", "Chile", "Argentina", "--db", db)
    assert [r["stale"] for r in json.loads(run("curate", "list", "--json", "--db", db).stdout)] == [False, False]
    run("remove", str(folder / "a4.txt"), "--db", db)  # the only article naming Pampa Lithium
    rows = json.loads(run("curate", "list", "--json", "--db", db).stdout)
    assert [(r["n"], r["stale"], r["missing"]) for r in rows] == [(1, True, ["company:pampa-lithium"]), (2, False, [])]
    table = run("curate", "list", "--db", db).stdout
    assert "stale: company:pampa-lithium not stored" in table and "applied" in table


def test_ambiguous_and_unknown_names_are_one_error_line_and_change_nothing(tmp_path):
    g = Graph()
    g.add_node(Node("company:condor", "Company", "Condor"))
    g.add_node(Node("agency:condor", "Agency", "Condor"))
    g.add_node(Node("country:cl", "Country", "Chile"))
    db = str(tmp_path / "db")
    with open_store(db) as store:
        store.apply(Changes.between(g, set(g.nodes), set(), {}))
    result = run("curate", "merge", "Condor", "Chile", "--db", db, ok=False)
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == [
        "Error: 'Condor' names 2 nodes: Condor (Agency, id agency:condor); Condor (Company, id company:condor); "
        "give an id instead"]
    assert "did you mean 'Chile'" in run("curate", "rename", "Chlie", "X", "--db", db, ok=False).output
    assert run("curate", "undo", "7", "--db", db, ok=False).output.startswith("Error: no curation decision 7")
    assert not (Path(db) / "curation.jsonl").exists()
    run("curate", "rename", "company:condor", "Condor Metals", "--db", db)  # an id is never ambiguous
    assert len((Path(db) / "curation.jsonl").read_text().splitlines()) == 1


def test_a_damaged_curation_file_is_an_error_naming_the_line(tmp_path, corpus):
    folder, db = corpus
    (Path(db) / "curation.jsonl").write_text('{"n": 1, "action": "merge"}\n')
    result = run("build", str(folder), "--db", db, ok=False)
    assert result.exit_code == 1 and "curation.jsonl:1: not a curation decision" in result.output


# --- Curation.apply on hand-made graphs --------------------------------------------------------


def test_apply_merges_by_id_or_by_the_dropped_name_renames_and_rejects(tmp_path):
    curation = Curation(tmp_path / "curation.jsonl")
    keep, drop = Node("c:a", "Company", "Alpha Metals"), Node("c:b", "Company", "Alfa Metal Co", ["AMC"])
    cl, ar = Node("country:cl", "Country", "Chile"), Node("country:ar", "Country", "Argentina")
    curation.merge(keep, drop, "t")
    curation.reject(cl, ar, "t")
    curation.rename(cl, "Republic of Chile", "t")
    doc = Graph()
    for node in (Node("c:b2", "Company", "AMC"), Node("country:cl", "Country", "Chile"), ar):
        doc.add_node(node)
    doc.add_relationship(Relationship("c:b2", "BASED_IN", "country:cl"))
    doc.add_relationship(Relationship("country:cl", "COOPERATES_WITH", "country:ar"))
    out = curation.apply(doc)
    assert sorted(out.nodes) == ["c:a", "country:ar", "country:cl"]
    assert (out.nodes["c:a"].name, out.nodes["c:a"].aliases) == ("Alpha Metals", ["AMC"])
    assert (out.nodes["country:cl"].name, out.nodes["country:cl"].aliases) == ("Republic of Chile", ["Chile"])
    assert set(out.relationships) == {("c:a", "BASED_IN", "country:cl")}
    curation.save()
    assert [d.to_json() for d in Curation.load(tmp_path).decisions] == [d.to_json() for d in curation.decisions]
    with pytest.raises(CurationError, match="already one node"):
        curation.merge(keep, keep, "t")


def test_loading_claims_files_applies_the_decisions_too(corpus, tmp_path):
    folder, db = corpus
    run("curate", "merge", "Pampa Resources", "Pampa Lithium", "--db", db)
    run("extract", str(folder), "-o", str(tmp_path / "claims"))
    with open_store(db) as store:
        store.clear()
    run("load", str(tmp_path / "claims"), "--db", db)
    assert "company:pampa-lithium" not in names(db) and "company:pampa-resources" in names(db)
