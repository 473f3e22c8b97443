"""One reader for every entry point: an HTML page (with navigation, a footer, an
aria-hidden sponsored line and hidden elements), a PDF and a text file give the same text
to a build, to ``minegraph extract``, to ``minegraph eval``, to the workbench's article
view and to the benchmarks, and the hidden and navigation text reaches none of them.
Real files, a real embedded store, the real CLI and the workbench's real routes."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner
from starlette.testclient import TestClient

from bench.corpus import read_corpus
from minegraph.cli.main import cli, compose_workbench
from minegraph.graph.evaluate import SCORED
from minegraph.graph.store import open_store
from minegraph.loaders.claims import find_claims, read_claims
from minegraph.loaders.documents import Document, DocumentError, Skipped
from minegraph.loaders.extract import extract_graph
from minegraph.loaders.reader import read_article, read_articles
from minegraph.workbench.app import create_app
from minegraph.workbench.server import allowed_hosts
from tests.sources_site import Site, pdf_bytes

ARTICLE = [
    "Chile and Japan signed a memorandum of understanding on copper supply chains in Santiago on Tuesday.",
    "Under the memorandum, Chilean producers and Japanese smelters will study joint refining projects "
    "and share geological survey data for new mines in the Atacama region.",
    "Officials from both governments said the first projects could begin next year, and that talks on "
    "lithium processing would follow at a second meeting in Tokyo before the end of the year.",
]
#: where each name on the page lives; none of it is article text
NOT_ARTICLE = {
    "navigation": "Kenya and Egypt mining desk",
    "footer": "Norway signed a cobalt agreement with Brazil, our partner paper reports.",
    "sponsored (aria-hidden)": "Sponsored: Mongolia signed a uranium agreement with Canada.",
    "hidden attribute": "Peru signed a tin agreement with Ghana.",
    "display: none": "Zambia signed a nickel agreement with India.",
    "template": "Bolivia signed a lithium agreement with Egypt.",
    "noscript": "Kenya signed a graphite agreement with Norway.",
}
HIDDEN_WORDS = ["Kenya", "Egypt", "Norway", "Brazil", "Mongolia", "Canada", "Peru", "Ghana", "Zambia", "India",
                "Bolivia", "Sponsored", "Ore Ledger"]

PAGE = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Chile and Japan sign copper memorandum | Ore Ledger</title>
<meta property="og:site_name" content="Ore Ledger"></head>
<body>
<header><nav><ul><li><a href="/">Home</a></li><li><a href="/desk">{NOT_ARTICLE["navigation"]}</a></li>
<li><a href="/markets">Markets</a></li><li><a href="/subscribe">Subscribe</a></li></ul></nav></header>
<main><article>
<h1>Chile and Japan sign copper memorandum</h1>
<p>{ARTICLE[0]}</p>
<p aria-hidden="true">{NOT_ARTICLE["sponsored (aria-hidden)"]}</p>
<p>{ARTICLE[1]}</p>
<div hidden><p>{NOT_ARTICLE["hidden attribute"]}</p></div>
<p style="color: grey; display: none">{NOT_ARTICLE["display: none"]}</p>
<template><p>{NOT_ARTICLE["template"]}</p></template>
<noscript><p>{NOT_ARTICLE["noscript"]}</p></noscript>
<p>{ARTICLE[2]}</p>
</article></main>
<footer><p>{NOT_ARTICLE["footer"]}</p><p>Copyright 2024 Ore Ledger. All rights reserved.</p></footer>
</body></html>"""

STATEMENT = [
    "Australia and Indonesia signed an agreement on nickel processing in Jakarta on Monday, the trade "
    "ministry said in a statement released after the talks.",
    "Under the agreement, Australian engineering firms will help build a nickel refinery in Sulawesi, "
    "and both governments will share environmental-assessment methods for new plants.",
    "The ministers agreed to meet again next year to review progress on the refinery.",
]
NOTE = ("Argentina and Germany sign lithium accord\n\n"
        "Argentina and Germany signed a lithium supply agreement in Buenos Aires on Friday.\n"
        "German carmakers will buy part of the output of two new plants in the north of Argentina.\n")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("reader") / "articles"
    folder.mkdir()
    (folder / "page.html").write_text(PAGE, encoding="utf-8")
    (folder / "statement.pdf").write_bytes(pdf_bytes(STATEMENT, title="Nickel statement"))
    (folder / "note.txt").write_text(NOTE, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def built(corpus) -> Path:
    db = corpus.parent / "db"
    result = CliRunner().invoke(cli, ["build", str(corpus), "--db", str(db)], catch_exceptions=False)
    assert result.exit_code == 0 and result.output.startswith("3 loaded"), result.output
    return db


def texts_of(docs) -> dict[str, str]:
    return {Path(d.path).name: d.text for d in docs if isinstance(d, Document)}


def test_the_reader_drops_navigation_footer_and_hidden_content(corpus):
    text = read_article(corpus / "page.html").text
    for sentence in ARTICLE:
        assert sentence in text
    assert [w for w in HIDDEN_WORDS if w in text] == []
    pdf = read_article(corpus / "statement.pdf")
    assert "Australia and Indonesia signed an agreement on nickel processing in Jakarta" in pdf.text
    assert "PRESS OFFICE" not in pdf.text and "Page 1" not in pdf.text


def test_every_entry_point_reads_the_same_text(corpus, built):
    reference = {name: read_article(corpus / name).text for name in ("page.html", "statement.pdf", "note.txt")}

    # minegraph eval reads its articles with read_articles; the benchmarks with read_corpus
    assert texts_of(read_articles([corpus])) == reference
    assert texts_of(read_corpus(corpus)) == reference

    # the workbench's Articles view, through the reader the CLI gives it: the PDF too
    with open_store(built) as store:
        paths = dict(store.query("MATCH (d:Document) RETURN d.id, d.path").rows)
        app = create_app(compose_workbench(store, built), allowed_hosts=["testserver", *allowed_hosts("127.0.0.1")])
        with TestClient(app) as client:
            shown = {Path(path).name: client.get("/api/article", params={"id": doc_id}).json()
                     for doc_id, path in paths.items()}
    assert {name: article["text"] for name, article in shown.items()} == reference
    assert shown["statement.pdf"]["note"] is None
    assert any(kind == "evidence" for _, _, kind, _ in shown["statement.pdf"]["spans"])

    # what extraction sees: each claims file of `minegraph extract` is the graph of that text
    claims_dir = corpus.parent / "claims"
    result = CliRunner().invoke(cli, ["extract", str(corpus), "-o", str(claims_dir)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    for path in find_claims(claims_dir):
        extracted = read_claims(path)
        name = Path(extracted.doc.path).name
        expected = extract_graph(replace(extracted.doc, text=reference[name]))  # its metadata, this text
        assert _facts(extracted.graph) == _facts(expected), name
        assert _facts(expected), name  # every article says something

    # ... and what the build stored: no name and no evidence from outside the article
    with open_store(built) as store:
        graph = store.read_graph()
    stored = " ".join([n.name for n in graph.nodes.values()]
                      + [s for r in graph.relationships.values() for s in r.props.get("evidence", [])])
    names = {n.name for n in graph.nodes.values()}
    assert {"Chile", "Japan", "Australia", "Indonesia", "Argentina", "Germany"} <= names
    assert [w for w in HIDDEN_WORDS if w in stored] == []


def _facts(graph) -> tuple[set, set]:
    return ({(n.id, n.label, n.name) for n in graph.nodes.values()},
            {(r.source, r.type, r.target, tuple(r.props.get("evidence", []))) for r in graph.relationships.values()})


def test_eval_scores_what_the_build_built(corpus, built, tmp_path):
    """Gold made from the build's own export: `minegraph eval` over the same articles finds
    all of it and nothing else, so it read the text the build read."""
    export = tmp_path / "graph.json"
    assert CliRunner().invoke(cli, ["export", "--db", str(built), "--format", "json", "-o", str(export)]).exit_code == 0
    data = json.loads(export.read_text())
    scored = {n["id"]: n for n in data["nodes"] if n.get("label") in SCORED}
    gold = {"doc": "all", "entities": [{"id": i, "labels": [n["label"]], "name": n["name"],
                                        "aliases": n.get("aliases") or []} for i, n in scored.items()],
            "relations": [{"source": e["source"], "target": e["target"], "type": e["type"]} for e in data["edges"]
                          if e["source"] in scored and e["target"] in scored and not e.get("derived")]}
    assert len(gold["entities"]) >= 6 and gold["relations"]
    (tmp_path / "gold").mkdir()
    (tmp_path / "gold" / "all.json").write_text(json.dumps(gold), encoding="utf-8")
    result = CliRunner().invoke(cli, ["eval", str(tmp_path / "gold"), "--docs", str(corpus), "-v"],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    summary = result.output.strip().splitlines()[-1]
    assert summary.startswith("SCORE entity_f1=1.0 entity_p=1.0 entity_r=1.0 relation_f1=1.0"), result.output


# --- one function from a path, a URL or an export row ----------------------------------------


def test_an_export_row_is_read_by_its_stored_path(tmp_path):
    export = tmp_path / "wire.jsonl"
    rows = [{"title": "Peru and Japan talk copper", "body": "Peru and Japan signed a copper agreement in Lima."},
            {"title": "No body here"}]
    export.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    listed = list(read_articles([export]))
    assert isinstance(listed[0], Document) and isinstance(listed[1], Skipped)
    again = read_article(listed[0].path)
    assert again.path == listed[0].path == f"{export}#1" and again.text == listed[0].text
    assert "Peru and Japan signed a copper agreement in Lima." in again.text
    with pytest.raises(DocumentError, match=r"wire\.jsonl#2: row has no text"):
        read_article(f"{export}#2")
    with pytest.raises(DocumentError, match="has no row 7"):
        read_article(f"{export}#7")
    with pytest.raises(DocumentError, match="holds many articles"):
        read_article(export)


def test_a_fetched_article_is_shown_from_the_cache_without_fetching(tmp_path):
    saved = tmp_path / "saved.html"
    saved.write_text(PAGE, encoding="utf-8")
    db = tmp_path / "db"
    with Site() as site:
        url = site.add("/news/chile-japan.html", PAGE)
        result = CliRunner().invoke(cli, ["build", url, "--db", str(db), "--fetch-delay", "0"], catch_exceptions=False)
        assert result.exit_code == 0 and "1 loaded" in result.output, result.output
        with open_store(db) as store:
            doc_id = store.query("MATCH (d:Document) RETURN d.id").rows[0][0]
            app = create_app(compose_workbench(store, db), allowed_hosts=["testserver"])
            with TestClient(app) as client:
                shown = client.get("/api/article", params={"id": doc_id}).json()
                for kept in (db / "sources" / "pages").iterdir():
                    kept.unlink()
                gone = client.get("/api/article", params={"id": doc_id}).json()
        assert site.hits["/news/chile-japan.html"] == 1  # the build fetched it; the workbench never did
    assert shown["text"] == read_article(saved).text and shown["note"] is None
    assert gone["text"] is None and "not among the fetched pages" in gone["note"]


def test_a_url_is_not_fetched_without_a_fetcher():
    with pytest.raises(DocumentError, match="https://ore.example/a.html: a URL is read through a fetcher"):
        read_article("https://ore.example/a.html")
