"""Claims as running totals (issue 13): a change costs what the change is, not the store.

Each test runs on both stores (embedded FalkorDB and Neo4j): a node keeps running totals,
each article's claim on a node lives on its MENTIONS link, links are appended to and
taken from on the server, and a store in the earlier ``provenance`` format converts.
The articles are sentences written for these tests.
"""

from __future__ import annotations

import json
import random
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from minegraph.graph import buildlog, dating, statements
from minegraph.graph.curation import Curation
from minegraph.graph.evidence import EVIDENCE_SAMPLE
from minegraph.graph.model import Graph, Node, ProvenanceError, Relationship, Tally
from minegraph.graph.store import Changes, open_store
from minegraph.loaders.pipeline import Loader, build_paths, extract_file, remove_document

SENTENCE = ("Chile and Japan signed a memorandum of understanding on lithium supply, "
            "the two governments said in statement number {i}.\n"
            "The agreement covers lithium and copper, officials added on day {i}.\n")


def write_articles(folder: Path, numbers: range) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in numbers:
        path = folder / f"a{i:03d}.txt"
        path.write_text(SENTENCE.format(i=i))
        paths.append(path)
    return paths


class Recorder:
    """A store that remembers the statements written to it and the queries read from it."""

    def __init__(self, store: Any) -> None:
        self.store = store
        self.writes: list[tuple[str, dict[str, Any]]] = []
        self.reads: list[str] = []

    def __getattr__(self, name: str) -> Any:
        return getattr(self.store, name)

    def apply(self, changes: Changes) -> None:
        self.writes += statements.write_statements(changes)
        self.store.apply(changes)

    def query(self, cypher: str, params: dict[str, Any] | None = None, **options: Any):
        self.reads.append(cypher)
        return self.store.query(cypher, params, **options)

    def write_bytes(self) -> int:
        return sum(len(json.dumps(params)) for _, params in self.writes)


def add_one(store: Any, path: Path) -> Recorder:
    recorder = Recorder(store)
    loader = Loader(recorder)
    loader.add(extract_file(path))
    loader.finish()
    return recorder


def test_adding_to_a_popular_node_sends_the_same_bytes_however_many_articles_mention_it(stores, tmp_path):
    new = write_articles(tmp_path / "new", range(900, 901))[0]
    sizes = {}
    for count in (12, 40):  # both past the sample a link keeps
        with open_store(stores(f"s{count}")) as store:
            build_paths(store, write_articles(tmp_path / f"old{count}", range(count)))
            recorder = add_one(store, new)
            sizes[count] = recorder.write_bytes()
            rows = store.query("MATCH (:Country {id: 'country:cl'})-[r:COOPERATES_WITH]->() "
                               "RETURN size(r.doc_ids), size(r.evidence), r.mentions").rows
            # every article's id and count; a bounded sample of the sentences on the link
            assert rows == [[count + 1, EVIDENCE_SAMPLE, count + 1]]
            link = store.read_graph().relationships[("country:cl", "COOPERATES_WITH", "country:jp")]
            assert len(link.props["evidence"]) == count + 1, "the rest come back from the articles"
    # the totals' counts grow by a digit; the claims and sentences of the earlier articles are not re-sent
    assert sizes[40] <= sizes[12] + 60, sizes


def test_a_link_is_appended_to_without_being_read(stores, tmp_path):
    with open_store(stores()) as store:
        build_paths(store, write_articles(tmp_path / "old", range(3)))
        recorder = add_one(store, write_articles(tmp_path / "new", range(7, 8))[0])
        link_reads = [q for q in recorder.reads if q not in (statements.OLD_FORMAT, statements.COUNT_RELATIONSHIPS)
                      and ("-[r" in q or "]->(b" in q)]
        # only how full each link's sample is: one number per link, none of its lists
        assert set(link_reads) == {statements.read_samples("COOPERATES_WITH", "Country", "Country"),
                                   statements.read_samples("PARTY_TO", "Country", "Agreement"),
                                   statements.read_samples("COVERS", "Agreement", "Mineral")}, link_reads
        # one statement per link type and label pair, one row per link
        assert all(len({(r["source"], r["target"]) for r in p["rows"]}) == len(p["rows"])
                   for text, p in recorder.writes if "coalesce(r.doc_ids" in text)
        graph = store.read_graph()
        link = graph.relationships[("country:cl", "COOPERATES_WITH", "country:jp")]
        assert link.props["doc_ids"] == ["a000", "a001", "a002", "a007"]
        assert sorted(link.sources) == link.props["doc_ids"]


def test_remove_reads_only_the_articles_own_records(stores, tmp_path):
    paths = write_articles(tmp_path / "a", range(5))
    with open_store(stores("after")) as store:
        build_paths(store, paths[:2] + paths[3:])
        expected = store.read_graph()
    with open_store(stores("removed")) as store:
        build_paths(store, paths)
        recorder = Recorder(store)
        assert remove_document(recorder, str(paths[2])) == "a002"
        log = {buildlog._NEXT, buildlog._WRITE, buildlog._MENTIONED,
               *(buildlog.still_there(label) for label in ("Country", "Mineral", "Agreement"))}
        allowed = {*log, statements.OLD_FORMAT, dating.UNDATED, statements.FIND_DOCUMENT,
                   statements.READ_MENTION_CLAIMS,
                   *(statements.read_tallies(label) for label in ("Country", "Mineral", "Agreement"))}
        assert set(recorder.reads) <= allowed, set(recorder.reads) - allowed
        assert store.read_graph() == expected


def test_a_replaced_article_is_taken_back_then_added_in_one_flush(stores, tmp_path):
    paths = write_articles(tmp_path / "a", range(3))
    with open_store(stores("edited")) as store:
        build_paths(store, paths)
        paths[1].write_text("Chile and Germany agreed to cooperate on copper mining, the ministers said.\n")
        report = build_paths(store, paths)
        assert report.replaced == [str(paths[1].resolve())]
        edited = store.read_graph()
    with open_store(stores("fresh")) as store:
        build_paths(store, paths)
        assert store.read_graph() == edited


def _hand_doc(doc_id: str, status: str, name: str) -> Graph:
    doc = Graph()
    doc.add_node(Node("agreement:x", "Agreement", name, [], {"status": status}))
    doc.add_node(Node("country:cl", "Country", "Chile", [], {"iso2": "CL"}))
    doc.add_relationship(Relationship("country:cl", "PARTY_TO", "agreement:x",
                                      {"evidence": [f"{doc_id} says so."], "confidence": 0.6}))
    doc.add_node(Node(doc_id, "Document", doc_id, [], {"path": f"/articles/{doc_id}.txt"}))
    for node_id in ("agreement:x", "country:cl"):
        doc.add_relationship(Relationship(doc_id, "MENTIONS", node_id, {"confidence": 1.0}))
    return doc


def test_removing_the_latest_supporter_of_a_tied_value_counts_again_from_the_claims(store):
    """d5 is the latest document saying 'signed', which others still say: the totals
    cannot tell the value's new latest document, so the node's claims are read from its
    MENTIONS links (a tie of two against two, where the latest, d4, decides)."""
    graph = Graph()
    for doc_id, status, name in [("d1", "signed", "Pact"), ("d2", "planned", "Pact"), ("d3", "signed", "Accord"),
                                 ("d4", "planned", "Accord"), ("d5", "signed", "Accord")]:
        graph.absorb(doc_id, _hand_doc(doc_id, status, name))
    for rel in graph.relationships.values():
        rel.props = {k: v for k, v in rel.props.items() if v != []}
    store.apply(Changes.between(graph, set(graph.nodes), set(graph.relationships), {}))
    assert store.read_graph() == graph
    assert store.read_graph().nodes["agreement:x"].props == {"status": "signed", "articles": 5}
    remove_document(store, "d5")
    graph.retract("d5")
    assert _undated(store.read_graph()).nodes["agreement:x"].props == {"status": "planned"}
    for doc_id in ("d2", "d4"):
        remove_document(store, doc_id)  # which dates the store written by hand, without dates
        graph.retract(doc_id)
        assert _undated(store.read_graph()) == _undated(graph)


def _undated(graph: Graph) -> Graph:
    """``graph`` without dates (see :mod:`minegraph.graph.dating`)."""
    for item in [*graph.nodes.values(), *graph.relationships.values()]:
        item.props = {k: v for k, v in item.props.items() if k not in UNDATED}
        item.sources = {doc: {k: ({p: x for p, x in v.items() if p not in UNDATED} if k == "props" else v)
                              for k, v in claim.items() if k != "seen"} for doc, claim in item.sources.items()}
    return graph


def _reference_visible(claims: dict[str, dict[str, Any]]) -> tuple[str, list[str], dict[str, Any]]:
    """Node.refresh's rules written out plainly, from all claims."""
    names = Counter(c.get("name", "") for c in claims.values())
    name = sorted(names, key=lambda n: (-names[n], -len(n), n))[0]
    forms = {f for c in claims.values() for f in c.get("aliases", ())}
    props = {}
    for key in {k for c in claims.values() for k in c.get("props", {})}:
        votes = Counter(json.dumps(c["props"][key]) for c in claims.values() if key in c.get("props", {}))
        top = max(votes.values())
        winners = [v for v, n in votes.items() if n == top]
        latest = json.dumps(claims[max(d for d, c in claims.items() if key in c.get("props", {}))]["props"][key])
        props[key] = json.loads(latest if latest in winners else min(winners, key=lambda v: repr(json.loads(v))))
    props["articles"] = len(claims)
    dated = {doc: c["seen"] for doc, c in claims.items() if c.get("seen")}
    if dated:
        props.update(first_seen=min(dated.values()), last_seen=max(dated.values()))
        firsts: dict[str, str] = {}
        for doc, date in dated.items():
            status = claims[doc].get("props", {}).get("status")
            if status is not None and (status not in firsts or date < firsts[status]):
                firsts[status] = date
        order = sorted(firsts, key=lambda status: (firsts[status], repr(status)))
        if order:
            props.update(status_history=order, status_dates=[firsts[status] for status in order])
    return name, sorted((forms | set(names)) - {name}), props


def test_running_totals_give_what_counting_all_claims_gives():
    rng = random.Random(7)
    claims = {f"d{i:02d}": {"name": rng.choice(["Ayla", "Bex", "Ayla Co"]),
                            "aliases": rng.sample(["A", "B", "C"], rng.randint(0, 2)),
                            "props": {"status": rng.choice(["signed", "planned", "launched"]),
                                      **({"year": rng.choice([2020, 2021])} if rng.random() < 0.6 else {})},
                            "seen": f"20{rng.randint(19, 24)}-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}"}
              for i in range(30)}
    tally = Tally.of(claims)
    assert tally.visible() == _reference_visible(claims)
    kept = dict(claims)
    for doc_id in rng.sample(sorted(claims), 25):
        if not tally.subtract(doc_id, kept.pop(doc_id)):
            tally = Tally.of(kept)
        tally = Tally.from_json(tally.to_json(), "a node")  # as stored and read back between batches
        assert tally.visible() == _reference_visible(kept)
        assert tally.docs == len(kept)


#: what a store written before dates did not hold
UNDATED = ("first_seen", "last_seen", "articles", "status_history", "status_dates", "date_source", "built")


def _downgrade(store: Any) -> None:
    """Rewrite the store as the version before running totals wrote it: node claims as
    ``provenance`` JSON, link claims as compact ``provenance``, nothing on MENTIONS."""
    graph = store.read_graph()
    for node in graph.nodes.values():  # written before dates, too
        node.props = {k: v for k, v in node.props.items() if k not in UNDATED}
        node.sources = {doc: {k: v for k, v in claim.items() if k != "seen"} for doc, claim in node.sources.items()}
        props = {**node.props, "id": node.id, "name": node.name, "aliases": list(node.aliases),
                 "provenance": json.dumps(node.sources, sort_keys=True, ensure_ascii=False)}
        store.query(f"MATCH (n:{node.label} {{id: $id}}) SET n = $props", {"id": node.id, "props": props},
                    write=True)
    for rel in graph.relationships.values():
        props = {k: v for k, v in rel.props.items() if v != [] and k not in UNDATED}
        if rel.type != "MENTIONS":
            props["provenance"] = json.dumps({d: c["confidence"] for d, c in sorted(rel.sources.items())})
        store.query(f"MATCH (a {{id: $a}})-[r:{rel.type}]->(b {{id: $b}}) SET r = $props",
                    {"a": rel.source, "b": rel.target, "props": props}, write=True)


def test_an_old_format_store_converts_once_and_keeps_its_curated_fixes(stores, tmp_path):
    paths = write_articles(tmp_path / "a", range(3))
    curation = Curation(tmp_path / "curation.json")
    curation.rename(Node("agreement:mou-cl-jp", "Agreement", "Chile–Japan MOU"), "Lithium Pact", "analyst")
    with open_store(stores("fresh")) as store:
        build_paths(store, paths, curation=curation)
        expected = store.read_graph()
    with open_store(stores("old")) as store:
        build_paths(store, paths[:2], curation=curation)
        _downgrade(store)
        assert store.query(statements.OLD_FORMAT).rows
        assert "tally" not in store.query("MATCH (n:Country) RETURN properties(n)").rows[0][0]
        loader = Loader(store, curation=curation)
        assert loader.report.converted > 0
        loader.add(extract_file(paths[2]))
        loader.finish()
        assert store.query(statements.OLD_FORMAT).rows == []
        assert store.read_graph() == expected
        assert expected.nodes["agreement:mou-cl-jp"].name == "Lithium Pact"
        assert Loader(store).report.converted == 0


def test_an_edited_tally_is_refused_naming_the_node_and_nothing_is_written(stores, tmp_path):
    paths = write_articles(tmp_path / "a", range(2))
    with open_store(stores()) as store:
        build_paths(store, paths[:1])
        store.query("MATCH (c:Country {id: 'country:jp'}) SET c.tally = '{\"docs\": \"many\"}'", write=True)
        before = store.query("MATCH (n) RETURN count(n)").rows, store.query("MATCH ()-[r]->() RETURN count(r)").rows
        with pytest.raises(ProvenanceError, match="Country node 'country:jp' has a 'tally' property"):
            build_paths(store, paths[1:])
        after = store.query("MATCH (n) RETURN count(n)").rows, store.query("MATCH ()-[r]->() RETURN count(r)").rows
        assert after == before
