"""Resolution by look-ups (issue 23): a build resolves new names against the name keys
its store keeps on the nodes, and gives what the in-memory resolver ``eval`` uses gives,
on the training articles and on both stores; the keys follow merges and renames, stay
out of exports, and a store written before them gets them once."""

from __future__ import annotations

from pathlib import Path

import pytest

from minegraph.graph.curation import Curation
from minegraph.graph.model import NAME_KEYS_PROPERTY, Graph, Node
from minegraph.graph.store import open_store
from minegraph.loaders.documents import Document
from minegraph.loaders.pipeline import Loader, build_graph, build_paths, extract_file
from minegraph.loaders.reader import read_articles
from minegraph.loaders.resolve import KEYED_LABELS, name_keys

TRAIN = Path(__file__).resolve().parents[2] / "shared" / "eval" / "train" / "docs"


def resolution(graph: Graph) -> tuple[dict[str, tuple[str, str, list[str]]], set[tuple[str, str, str]]]:
    """What resolution decided: every entity with its label and names, every link between entities."""
    nodes = {n.id: (n.label, n.name, sorted(n.aliases)) for n in graph.nodes.values() if n.label != "Document"}
    links = {key for key, rel in graph.relationships.items() if rel.type != "MENTIONS"}
    return nodes, links


@pytest.fixture(scope="module")
def in_memory():
    if not TRAIN.is_dir():
        pytest.skip(f"no training articles at {TRAIN}")
    documents = [d for d in read_articles([TRAIN]) if isinstance(d, Document)]
    return resolution(build_graph(documents)), len(documents)


@pytest.mark.parametrize("batch", [3, 500])
def test_a_build_resolves_the_training_articles_as_eval_does(stores, in_memory, batch):
    expected, count = in_memory
    with open_store(stores()) as store:
        report = build_paths(store, [TRAIN], batch=batch)
        assert len(report.loaded) == count
        got = resolution(store.read_graph())
    assert got[0] == expected[0]
    assert got[1] == expected[1]


def test_keys_follow_merges_renames_and_removals_and_stay_out_of_exports(stores, tmp_path):
    from minegraph.loaders.pipeline import remove_document
    from minegraph.loaders.reapply import reapply

    articles = {}
    for name, text in [("first", "The Andes Lithium Institute signed an agreement with Chile on lithium research."),
                       ("second", "The Cordillera Brine Research Centre and Chile agreed to cooperate on brine."),
                       ("third", "The Cordillera Brine Research Centre opened a laboratory in Chile.")]:
        articles[name] = tmp_path / f"{name}.txt"
        articles[name].write_text(text + "\n")
    curation = Curation(tmp_path / "curation.jsonl")
    with open_store(stores()) as store:
        build_paths(store, [articles["first"], articles["second"]], curation=curation)

        def keys_of(node_id: str) -> list[str]:
            [[keys]] = store.query(f"MATCH (n {{id: $id}}) RETURN n.{NAME_KEYS_PROPERTY}", {"id": node_id}).rows
            return sorted(keys)

        nodes = {n.name: n for n in store.read_graph().nodes.values() if n.label in KEYED_LABELS}
        for node in nodes.values():
            assert keys_of(node.id) == name_keys(node.label, [node.name, *node.aliases])
        keep, drop = nodes["Andes Lithium Institute"], nodes["Cordillera Brine Research Centre"]
        curation.merge(keep, drop, "analyst")
        curation.rename(keep, "Andes Lithium and Brine Institute", "analyst")
        reapply(store, curation, [keep.id, drop.id])
        merged = store.read_graph().nodes[keep.id]
        assert merged.name == "Andes Lithium and Brine Institute"
        assert keys_of(keep.id) == name_keys("Agency", [merged.name, *merged.aliases])
        assert "form\torg\tcordillera brine research centre" in keys_of(keep.id)
        assert store.query("MATCH (n {id: $id}) RETURN n", {"id": drop.id}).rows == []
        # an article taken back takes its names with it
        remove_document(store, "second")
        assert "form\torg\tcordillera brine research centre" not in keys_of(keep.id)
        # a later article naming the dropped body finds the kept one (by the decision)
        build_paths(store, [articles["third"]], curation=curation)
        graph = store.read_graph()
        assert drop.id not in graph.nodes and "Cordillera Brine Research Centre" in graph.nodes[keep.id].aliases
        assert "form\torg\tcordillera brine research centre" in keys_of(keep.id)
        assert not any(NAME_KEYS_PROPERTY in n.props for n in graph.nodes.values())
        assert not any(NAME_KEYS_PROPERTY in n.props for n in store.read_graph(provenance=False).nodes.values())


def test_a_store_written_before_name_keys_gets_them_once(stores, tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("The Andes Lithium Institute signed an agreement with Chile on lithium research.\n")
    later = tmp_path / "b.txt"
    later.write_text("The Andes Lithium Institute opened a laboratory in Chile.\n")
    with open_store(stores()) as store:
        build_paths(store, [article])
        store.query(f"MATCH (n) SET n.{NAME_KEYS_PROPERTY} = null", write=True)
        loader = Loader(store)
        assert loader.report.keyed == 2  # the institute and the agreement; countries have none
        loader.add(extract_file(later))
        loader.finish()
        institutes = [n for n in store.read_graph().nodes.values() if n.name == "Andes Lithium Institute"]
        assert len(institutes) == 1, "the later article found it by its keys"
        assert Loader(store).report.keyed == 0


def test_name_keys_of_a_node():
    keys = name_keys("Agency", ["Ministry of Mines", "the Ministry of Mines of Peru"])
    assert "form\torg\tministry of mines" in keys and "first\torg\tministry" in keys
    assert any(k.startswith("core\torg\t") for k in keys)
    assert name_keys("Country", ["Chile"]) == []
    assert "edition\tlithium forum|2031" in name_keys("Event", ["Lithium Forum 2031"])
    assert Node("x", "Person", "Ana K. Ruiz") and "core\tperson\tana ruiz" in name_keys("Person", ["Ana K. Ruiz"])
