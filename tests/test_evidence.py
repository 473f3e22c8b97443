"""A popular link keeps a bounded sample of its sentences; its articles keep the rest
(issue 23).  On both stores: the sample stays bounded while every article's id and count
is kept, the whole evidence comes back exactly (export, one link, one article), and
removing or rebuilding articles gives what building without them gives.  The articles
are sentences written for these tests."""

from __future__ import annotations

import json
from pathlib import Path

from minegraph.graph.details import read_article, read_link
from minegraph.graph.evidence import EVIDENCE_LATEST, EVIDENCE_SAMPLE, complete, split
from minegraph.graph.model import Graph
from minegraph.graph.store import Changes, open_store
from minegraph.loaders.pipeline import build_graph, build_paths, remove_document
from minegraph.loaders.reader import read_articles

LINK = ("country:cl", "COOPERATES_WITH", "country:jp")
ARTICLE = ("Chile and Japan agreed to cooperate on lithium refining, officials said in briefing {i}.\n"
           "Chile and Japan signed a cooperation pact on copper smelting, the note {i} added.\n")


def articles(folder: Path, numbers: range) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in numbers:
        path = folder / f"b{i:03d}.txt"
        path.write_text(ARTICLE.format(i=i))
        paths.append(path)
    return paths


def in_memory(paths: list[Path]) -> Graph:
    return build_graph(d for d in read_articles(paths) if not hasattr(d, "reason"))


def test_split_fills_the_sample_in_order_and_keeps_the_rest_per_article():
    sample, docs, rest = split(3, [("a", ["a1", "a2"]), ("b", ["b1", "b2"]), ("c", ["c1"])])
    assert (sample, docs, rest) == (["a1", "a2", "b1"], ["a", "a", "b"], {"b": ["b2"], "c": ["c1"]})
    assert split(-2, [("a", ["a1"])]) == ([], [], {"a": ["a1"]})


def test_complete_puts_every_sentence_back_in_the_order_of_the_articles():
    props = {"doc_ids": ["b", "a"], "doc_sentences": [2, 1], "evidence": ["b1", "a1"],
             "evidence_doc_ids": ["b", "a"], "evidence_latest": ["a1"], "evidence_latest_doc": "a", "mentions": 3}
    whole = complete("x", "LEADS", "y", props, {("b", "x", "LEADS", "y"): ["b2"]})
    assert whole == {"doc_ids": ["b", "a"], "evidence": ["b1", "b2", "a1"], "evidence_doc_ids": ["b", "b", "a"],
                     "mentions": 3}
    old = {"doc_ids": ["a"], "evidence": ["a1"], "evidence_doc_ids": ["a"]}  # written before samples
    assert complete("x", "LEADS", "y", old, {}) == old


def test_a_popular_link_keeps_a_sample_and_every_sentence_comes_back(stores, tmp_path):
    paths = articles(tmp_path / "a", range(24))
    memory = in_memory(paths).relationships[LINK]
    with open_store(stores()) as store:
        build_paths(store, paths[:9], batch=4)
        build_paths(store, paths[9:], batch=7)
        [[docs, sample, sample_docs, counts, latest, latest_doc, mentions]] = store.query(
            "MATCH (:Country {id: 'country:cl'})-[r:COOPERATES_WITH]->(:Country {id: 'country:jp'}) "
            "RETURN r.doc_ids, r.evidence, r.evidence_doc_ids, r.doc_sentences, r.evidence_latest, "
            "r.evidence_latest_doc, r.mentions").rows
        assert docs == [p.stem for p in paths] and counts == [2] * 24 and mentions == 48
        assert len(sample) == EVIDENCE_SAMPLE and sample_docs == [p.stem for p in paths[:5] for _ in (1, 2)]
        assert latest_doc == "b023" and latest == memory.sources["b023"]["evidence"][:EVIDENCE_LATEST]
        whole = store.read_graph()
        public = store.read_graph(provenance=False)
        link = read_link(store, LINK)
        one = read_article(store, "b017")
    assert whole.relationships[LINK].props["evidence"] == memory.props["evidence"]
    # the store's claims also keep each article's date (an in-memory build dates none)
    stored = whole.relationships[LINK].sources
    assert all(claim["seen"] for claim in stored.values())
    assert {doc: {k: v for k, v in claim.items() if k != "seen"} for doc, claim in stored.items()} == memory.sources
    # an export lists them in the order the articles were added, as when links kept them all
    in_order = [s for p in paths for s in memory.sources[p.stem]["evidence"]]
    assert public.relationships[LINK].props["evidence"] == in_order
    assert "doc_sentences" not in public.relationships[LINK].props
    assert link.relationships[LINK].props["evidence"] == public.relationships[LINK].props["evidence"]
    assert link.relationships[LINK].props["evidence_total"] == 48
    assert one.relationships[LINK].props["evidence"] == memory.sources["b017"]["evidence"]


def test_removing_and_rebuilding_articles_of_a_popular_link_is_exact(stores, tmp_path):
    paths = articles(tmp_path / "a", range(16))
    keep = [p for p in paths if p.stem not in ("b002", "b013")]
    with open_store(stores("without")) as store:
        build_paths(store, keep)
        expected = store.read_graph()
        expected_public = store.read_graph(provenance=False)
    with open_store(stores("removed")) as store:
        build_paths(store, paths, batch=5)
        remove_document(store, "b002")  # its sentences are in the sample
        remove_document(store, "b013")  # its sentences are kept by the article
        assert store.read_graph() == expected
        public = store.read_graph(provenance=False)
        paths[5].write_text(ARTICLE.format(i=5) + "Chile and Japan signed a cooperation accord in Osaka.\n")
        build_paths(store, paths)
        remove_document(store, "b002")
        remove_document(store, "b013")
        edited = store.read_graph()
    assert sorted(public.relationships[LINK].props["evidence"]) == \
        sorted(expected_public.relationships[LINK].props["evidence"])
    with open_store(stores("edited-fresh")) as store:
        build_paths(store, keep)
        assert store.read_graph() == edited


def test_a_link_written_with_every_sentence_takes_new_articles(stores, tmp_path):
    """A store written before samples (every sentence on the link, no counts) is appended
    to and taken from as it is, without a conversion."""
    paths = articles(tmp_path / "a", range(14))
    old = in_memory(paths[:12])
    for rel in old.relationships.values():
        rel.props = {k: v for k, v in rel.props.items() if v != []}
    with open_store(stores()) as store:
        store.apply(Changes.between(old, set(old.nodes), set(old.relationships), {}))
        assert store.query("MATCH ()-[r:COOPERATES_WITH]->() RETURN size(r.evidence), r.doc_sentences").rows == \
            [[24, None]]
        build_paths(store, paths[12:])
        remove_document(store, "b004")
        got = store.read_graph()
    memory = in_memory([p for p in paths if p.stem != "b004"])
    assert got.relationships[LINK].props["evidence"] == memory.relationships[LINK].props["evidence"]
    assert got.relationships[LINK].props["mentions"] == 26


def test_an_export_of_a_popular_link_holds_every_sentence(stores, tmp_path):
    from click.testing import CliRunner

    from minegraph.cli.main import cli

    paths = articles(tmp_path / "a", range(13))
    target = stores.cli_args()
    built = CliRunner().invoke(cli, ["build", str(tmp_path / "a"), "--near-duplicate", "0", *target])
    assert built.exit_code == 0, built.output
    out = tmp_path / "g.json"
    result = CliRunner().invoke(cli, ["export", "-o", str(out), *target])
    assert result.exit_code == 0, result.output
    edges = json.loads(out.read_text())["edges"]
    [edge] = [e for e in edges if (e["source"], e["type"], e["target"]) == LINK]
    assert len(edge["evidence"]) == 26 and edge["evidence_doc_ids"] == [p.stem for p in paths for _ in (1, 2)]
    assert not any(key in edge for key in ("doc_sentences", "evidence_latest", "evidence_latest_doc"))


def test_a_link_whose_sentences_fit_its_sample_keeps_nothing_twice(stores, tmp_path):
    with open_store(stores()) as store:
        build_paths(store, articles(tmp_path / "a", range(3)))
        rows = store.query("MATCH ()-[r:COOPERATES_WITH]->() RETURN size(r.evidence), r.evidence_latest, "
                           "r.evidence_latest_doc").rows
        more = store.query("MATCH ()-[m:MENTIONS]->() WHERE m.evidence_more IS NOT NULL RETURN count(m)").rows
    assert rows == [[6, None, None]] and more == [[0]]
