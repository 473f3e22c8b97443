"""Agreement identity across articles: a generic name ("Critical Minerals Strategy") is every
government's, so the owner an article writes with it is part of its identity; a name of its own
("the Lobito Corridor") is one agreement wherever it is told."""

from __future__ import annotations

from minegraph.loaders.documents import Document
from minegraph.loaders.extract import extract_graph
from minegraph.loaders.pipeline import build_graph
from minegraph.loaders.relations.patterns import generic_agreement_name


def doc(text: str, doc_id: str) -> Document:
    return Document(id=doc_id, path=f"{doc_id}.txt", text=text, sha256=doc_id, published="2024-01-01")


def agreements(graph) -> dict[str, str]:
    return {n.id: n.name for n in graph.nodes.values() if n.label == "Agreement"}


def parties(graph, agreement: str) -> set[str]:
    return {r.source for r in graph.relationships.values() if r.type == "PARTY_TO" and r.target == agreement}


def test_generic_names_are_kind_topic_and_mineral_words_only():
    assert generic_agreement_name("Critical Minerals Strategy")
    assert generic_agreement_name("the National Cobalt Strategy")
    assert generic_agreement_name("Raw Materials Partnership")
    assert not generic_agreement_name("Lobito Corridor")  # a word of its own
    assert not generic_agreement_name("Kenya Critical Minerals Strategy")  # its country written in it
    assert not generic_agreement_name("Harbour Renewal Act")
    # a short form of its own makes it one partnership's name
    assert generic_agreement_name("Minerals Supply Partnership")
    assert not generic_agreement_name("Minerals Supply Partnership", ["MSP"])


def test_two_countries_strategies_of_one_generic_name_stay_two_nodes():
    graph = build_graph(
        [
            doc("The smelter fits the goals of Kenya's Critical Minerals Strategy, officials said on Monday.", "a1"),
            doc("Peru’s Critical Minerals Strategy names twelve metals, the ministry said in a statement.", "a2"),
        ]
    )
    found = agreements(graph)
    assert found == {
        "agreement:critical-minerals-strategy-ke": "Kenya Critical Minerals Strategy",
        "agreement:critical-minerals-strategy-pe": "Peru Critical Minerals Strategy",
    }
    assert parties(graph, "agreement:critical-minerals-strategy-ke") == {"country:ke"}
    assert parties(graph, "agreement:critical-minerals-strategy-pe") == {"country:pe"}


def test_one_owners_strategy_told_in_two_articles_is_one_node():
    graph = build_graph(
        [
            doc("Peru’s Critical Minerals Strategy names twelve metals, the ministry said in a statement.", "a2"),
            doc("Lima praised the plan. Officials said the Peruvian Government's new Critical Minerals Strategy "
                "would be reviewed next year.", "a3"),
        ]
    )
    assert list(agreements(graph)) == ["agreement:critical-minerals-strategy-pe"]
    node = graph.nodes["agreement:critical-minerals-strategy-pe"]
    assert "Critical Minerals Strategy" in node.aliases  # the bare name stays a form of it


def test_an_unowned_generic_name_does_not_join_an_owned_one():
    graph = build_graph(
        [
            doc("Peru’s Critical Minerals Strategy names twelve metals, the ministry said in a statement.", "a2"),
            doc("The Critical Minerals Strategy names twelve metals, officials said on Tuesday.", "a4"),
        ]
    )
    assert set(agreements(graph)) == {
        "agreement:critical-minerals-strategy-pe",
        "agreement:critical-minerals-strategy",
    }


def test_a_distinctive_name_merges_across_articles():
    graph = build_graph(
        [
            doc("Kenya joined the Lobito Corridor initiative in March, its foreign minister said.", "b1"),
            doc("Peru also backs the Lobito Corridor, officials said on Friday.", "b2"),
        ]
    )
    assert list(agreements(graph)) == ["agreement:lobito-corridor"]


def test_an_owned_strategy_is_not_folded_into_a_deal_of_its_owner():
    graph = extract_graph(
        doc(
            "Kenya and Peru signed a deal on copper exploration on Monday. Peru produces most of the metals "
            "named in Kenya's Critical Minerals Strategy, the minister said.",
            "c1",
        )
    )
    found = agreements(graph)
    assert "agreement:critical-minerals-strategy-ke" in found
    assert len(found) == 2


def test_an_unowned_strategy_is_the_one_country_the_article_gives_it():
    # before: one node "agreement:critical-minerals-strategy" with Chile and Ghana both its parties
    graph = build_graph(
        [
            doc("Chile launched the Critical Minerals Strategy on Monday, the mining ministry said.", "a1"),
            doc("Ghana launched the Critical Minerals Strategy on Tuesday, officials said.", "a2"),
        ]
    )
    assert set(agreements(graph)) == {
        "agreement:critical-minerals-strategy-cl",
        "agreement:critical-minerals-strategy-gh",
    }
    assert parties(graph, "agreement:critical-minerals-strategy-gh") == {"country:gh"}
    assert "country:cl" in parties(graph, "agreement:critical-minerals-strategy-cl")


def test_one_countrys_unowned_strategy_in_two_articles_is_one_node():
    graph = build_graph(
        [
            doc("Chile launched the Critical Minerals Strategy on Monday, the mining ministry said.", "a1"),
            doc("Chile launched the Critical Minerals Strategy last week, officials said on Friday.", "a2"),
        ]
    )
    assert set(agreements(graph)) == {"agreement:critical-minerals-strategy-cl"}


def test_an_agreement_named_by_a_kind_word_alone_is_known_by_its_parties():
    # before: one "agreement:plan" that Chile and Ghana were both parties to
    graph = build_graph(
        [
            doc("Chile adopted the Plan on Monday, the ministry said.", "a1"),
            doc("Ghana adopted the Plan on Tuesday, officials said.", "a2"),
        ]
    )
    assert set(agreements(graph)) == {"agreement:plan-cl", "agreement:plan-gh"}


def test_a_partnership_whose_members_articles_list_differently_stays_one_node():
    # a generic name of a partnership is not scoped by the members an article happens to list
    graph = build_graph(
        [
            doc("Chile and Peru joined the Raw Materials Partnership on Monday, officials said.", "a1"),
            doc("Ghana joined the Raw Materials Partnership on Tuesday, officials said.", "a2"),
        ]
    )
    assert set(agreements(graph)) == {"agreement:raw-materials-partnership"}
