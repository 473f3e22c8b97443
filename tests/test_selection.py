"""Selecting on the server (graph/selection.py) gives the same rankings and the same map
as reading the whole graph, on a store of invented sentences (both stores) and on the
sample corpus, and never fetches the per-document claims."""

from __future__ import annotations

import json
from contextlib import contextmanager
from dataclasses import replace

import pytest
from click.testing import CliRunner

from minegraph.cli.main import cli
from minegraph.graph import selection
from minegraph.graph.analytics import (
    actor_centrality,
    focus_partners,
    own_actors,
    partner_network,
)
from minegraph.graph.lookup import UnknownEntityError, find_entity
from minegraph.graph.model import SOURCES_PROPERTY, Graph, Node, Relationship
from minegraph.graph.store import Changes, open_store
from minegraph.graph.viz import PROPERTY_CAPTIONS, choose_map, render_map, select_subgraph
from tests.conftest import SAMPLE

SAID = "Officials of both sides said so on Tuesday."


def invented() -> Graph:
    """Invented actors: Korland (with its ministry, an office part of it, a port agency
    part of the office and a steel maker based in it), Australis, Nordmark and a company
    named like an alias of Korland; two accords, one on lithium; a summit and a forum;
    cooperation stated both ways; a person who leads an accord."""
    g = Graph()
    for node_id, label, name, aliases, props in [
        ("kr", "Country", "Korland", ["Republic of Korland", "KRL"], {"iso2": "KR"}),
        ("au", "Country", "Australis", [], {"iso2": "AU"}),
        ("nm", "Country", "Nordmark", ["The Northern Mark"], {}),
        ("ministry", "Agency", "Ministry of Korland Industry", ["MKI"], {"acronym": "MKI", "kind": "ministry"}),
        ("office", "Agency", "Korland Minerals Office", [], {}),
        ("ports", "Agency", "Korland Ports Agency", [], {}),
        ("ksteel", "Company", "Korland Steel", [], {"state_owned": True}),
        ("krl-co", "Company", "KRL", ["KRL Holdings"], {}),
        ("amining", "Company", "Austral Mining", [], {}),
        ("accord", "Agreement", "Korland-Australis lithium accord", [], {"year": 2023, "status": "signed"}),
        ("pact", "Agreement", "Nordmark pact", [], {"year": 2019, "status": "planned"}),
        ("summit", "Event", "Battery Metals Summit", [], {"year": 2024}),
        ("forum", "Event", "Old Ore Forum", [], {}),
        ("li", "Mineral", "lithium", ["Li"], {"symbol": "Li"}),
        ("co", "Mineral", "cobalt", [], {"symbol": "Co"}),
        ("envoy", "Person", "Ada Envoy", [], {"title": "envoy"}),
        ("doc-1", "Document", "Accord signed", [], {"title": "Accord signed", "path": "/tmp/a.txt",
                                                    "publisher": "Invented Wire", "published": "2024-01-02"}),
        ("doc-2", "Document", "Summit held", [], {"title": "Summit held", "path": "/tmp/b.txt"}),
    ]:
        g.nodes[node_id] = Node(node_id, label, name, aliases, props)
    links = [
        ("kr", "PARTY_TO", "accord", 3), ("au", "PARTY_TO", "accord", 2), ("ministry", "LEADS", "accord", 1),
        ("ministry", "PARTY_TO", "accord", 1), ("envoy", "LEADS", "accord", 2), ("accord", "COVERS", "li", 1),
        ("kr", "PARTY_TO", "pact", 1), ("nm", "PARTY_TO", "pact", 4), ("krl-co", "PARTY_TO", "pact", 1),
        ("pact", "COVERS", "co", 1),
        ("kr", "ORGANIZED", "summit", 2), ("ksteel", "PARTICIPATED_IN", "summit", 1),
        ("amining", "PARTICIPATED_IN", "summit", 1), ("ministry", "LEADS", "summit", 1),
        ("au", "PARTICIPATED_IN", "forum", 1), ("nm", "PARTICIPATED_IN", "forum", 1),
        ("kr", "COOPERATES_WITH", "au", 2), ("nm", "COOPERATES_WITH", "kr", 1), ("office", "COOPERATES_WITH", "kr", 3),
        ("ministry", "BASED_IN", "kr", 1), ("ksteel", "BASED_IN", "kr", 1), ("office", "PART_OF", "ministry", 1),
        ("ports", "PART_OF", "office", 1), ("amining", "BASED_IN", "au", 1),
        ("kr", "HAS_RESOURCE", "li", 1), ("summit", "HELD_IN", "au", 1), ("envoy", "WORKS_FOR", "ministry", 1),
    ]
    for index, (source, rel_type, target, mentions) in enumerate(links):
        doc = "doc-1" if index % 2 else "doc-2"
        evidence = [f"{SAID} ({rel_type} {i})" for i in range(mentions + (6 if source == "kr" else 0))]
        g.relationships[(source, rel_type, target)] = Relationship(source, rel_type, target, {
            "mentions": mentions, "evidence": evidence, "evidence_doc_ids": [doc] * len(evidence),
            "doc_ids": [doc], "confidence": 0.75})
    for entity in ("kr", "au", "accord", "summit"):
        rel = Relationship("doc-1", "MENTIONS", entity, {"mentions": 1, "doc_ids": ["doc-1"], "confidence": 1.0})
        g.relationships[rel.key] = rel
    return g


@pytest.fixture
def invented_store(stores):
    g = invented()
    with open_store(stores("db")) as store:
        store.apply(Changes.between(g, set(g.nodes), set(g.relationships), {}))
        yield store


@pytest.fixture(scope="module")
def sample_store(tmp_path_factory):
    from minegraph.loaders.pipeline import build_paths

    db = tmp_path_factory.mktemp("selection") / "db"
    with open_store(db) as store:
        build_paths(store, [SAMPLE])
    with open_store(db) as store:
        yield store


def whole(store) -> Graph:
    return store.read_graph(provenance=False)


def same_focus(store, graph: Graph, focus: str, mineral: str | None = None) -> None:
    """The server-selected focus path gives what the whole graph gives."""
    actor = find_entity(store, focus, ("Country", "Agency", "Company"))
    assert actor.id == find_entity(graph, focus, ("Country", "Agency", "Company")).id
    mineral_id = find_entity(store, mineral, ("Mineral",)).id if mineral else None
    around = selection.read_focus_graph(store, actor, mineral_id)
    for include in (False, True):
        expected = focus_partners(graph, focus, mineral=mineral, include_domestic=include)
        assert focus_partners(around, actor.id, mineral=mineral_id, include_domestic=include) == expected
    assert own_actors(around, actor.id, mineral=mineral_id) == own_actors(graph, focus, mineral=mineral)
    # only the neighbourhood was read
    assert len(around.relationships) < len(graph.relationships)


@pytest.mark.parametrize("focus", ["Korland", "the Republic of Korland's", "KRL", "australis", "Nordmark",
                                   "Ministry of Korland Industry", "Korland Steel", "office", "ports"])
def test_focus_selected_on_the_server_is_the_whole_graph_answer(invented_store, focus):
    graph = whole(invented_store)
    same_focus(invented_store, graph, focus)
    same_focus(invented_store, graph, focus, mineral="Li")
    assert focus_partners(graph, "Korland")  # the cases are not empty


def test_ranking_selected_on_the_server_is_the_whole_graph_answer(invented_store):
    graph = whole(invented_store)
    ranking = selection.read_partner_arrays(invented_store)
    assert actor_centrality(ranking) == actor_centrality(graph)
    assert set(ranking.labels) <= {"Country", "Agency", "Company"}
    # the graph the rankings by year read: no people, articles only by their dates
    by_year = selection.read_ranking_graph(invented_store)
    assert actor_centrality(by_year) == actor_centrality(graph)
    assert not any(n.label == "Person" for n in by_year.nodes.values())
    assert all(set(n.props) <= {"first_seen"} for n in by_year.nodes.values() if n.label == "Document")
    lithium = find_entity(invented_store, "Li", ("Mineral",)).id
    assert actor_centrality(selection.read_partner_arrays(invented_store, lithium)) == \
        actor_centrality(graph, mineral="lithium")
    assert partner_network(graph).number_of_edges() > 3


@pytest.mark.parametrize("name, labels, expected", [
    ("KRL", None, "krl-co"),  # a name beats kr's alias
    ("KRL", ("Country",), "kr"),
    ("krl holdings", None, "krl-co"),
    ("Northern Mark", None, "nm"),
    ("doc-1", None, None),  # documents are not entities
    ("country:kr", None, None),
    ("kr", None, "kr"),
    ("li", ("Mineral",), "li"),
    ("Ada Envoy", None, "envoy"),
    ("Ada Envoy", ("Country", "Agency", "Company"), None),
    ("ÄDA ENVOY", None, None),
])
def test_find_entity_in_a_store_follows_the_rules_in_a_graph(invented_store, name, labels, expected):
    graph = whole(invented_store)
    if expected is None:
        with pytest.raises(UnknownEntityError) as error:
            find_entity(invented_store, name, labels)
        with pytest.raises(UnknownEntityError) as reference:
            find_entity(graph, name, labels)
        assert str(error.value) == str(reference.value)
    else:
        assert find_entity(invented_store, name, labels).id == expected == find_entity(graph, name, labels).id


MAP_OPTIONS = [{}, {"max_nodes": 6}, {"focus": "Korland", "depth": 1}, {"focus": "KRL", "depth": 2, "max_nodes": 4},
               {"since": 2020, "size_by": "degree"}, {"until": 2020, "size_by": "betweenness", "max_nodes": 5}]


def map_from_selection(store, **options):
    focus = find_entity(store, options["focus"]) if options.get("focus") is not None else None
    if focus is not None:
        options["focus"] = focus.id
    choice = selection.choose_map(store, **{**options, "focus": focus})
    details = selection.read_map_details(store, choice.nodes, [link.key for link in choice.links])
    return choice, details, render_map(details, choice=choice, **options)


def reference_map(graph: Graph, **options):
    """What the map draws, from the whole graph: as :func:`choose_map` chooses when the
    nodes fit or a focus is given; else the ``max_nodes`` nodes with the most evidence
    on their links (ties by id), sized within the map."""
    max_nodes = options.get("max_nodes", 1000)
    nodes, _rels, _focus = select_subgraph(graph, since=options.get("since"), until=options.get("until"))
    if options.get("focus") is not None or len(nodes) <= max_nodes:
        return choose_map(graph, **options)
    evidence = {n.id: 0 for n in nodes}
    for rel in graph.relationships.values():
        for end in (rel.source, rel.target):
            if end in evidence and rel.type != "MENTIONS":
                evidence[end] += rel.props.get("mentions") or 1
    linked = {end for rel in graph.relationships.values() if rel.type != "MENTIONS" for end in (rel.source, rel.target)}
    ranked = sorted(nodes, key=lambda n: (n.id not in linked, -evidence[n.id], n.id))[:max_nodes]
    kept = {n.id for n in ranked}
    drawn = Graph({i: graph.nodes[i] for i in kept},
                  {k: r for k, r in graph.relationships.items() if r.source in kept and r.target in kept})
    rest = {k: v for k, v in options.items() if k not in ("since", "until")}
    return replace(choose_map(drawn, **rest), total=len(nodes))


@pytest.mark.parametrize("options", MAP_OPTIONS, ids=repr)
def test_map_chosen_on_the_server_is_the_whole_graph_map(invented_store, options):
    graph = whole(invented_store)
    choice, details, page = map_from_selection(invented_store, **options)
    reference = reference_map(graph, **options)
    assert [n.id for n in choice.nodes] == [n.id for n in reference.nodes]
    assert [r.key for r in choice.links] == [r.key for r in reference.links]
    assert (choice.total, choice.scores) == (reference.total, reference.scores)
    if reference.total <= options.get("max_nodes", 1000) or options.get("focus"):
        assert page == render_map(graph, **options)
    # only what is drawn was read, with at most five sentences a link
    assert set(details.relationships) == {r.key for r in choice.links}
    assert all(len(r.props.get("evidence", [])) <= 5 for r in details.relationships.values())
    assert {n.id for n in details.nodes.values() if n.label != "Document"} == {n.id for n in choice.nodes}


def test_map_of_the_invented_store_shows_its_evidence(invented_store):
    _choice, details, (page, summary) = map_from_selection(invented_store, focus="Korland")
    shown = json.dumps(json.loads(page.split('id="mg-data">')[1].split("</script>")[0]), ensure_ascii=False)
    assert summary[0] > 3 and "Invented Wire" in shown and "… and" in shown
    assert "ISO code: KR" in shown  # a node property in a tooltip


@pytest.mark.parametrize("options", [{}, {"max_nodes": 15}, {"focus": "South Korea", "depth": 2},
                                     {"since": 2023, "size_by": "degree"}], ids=repr)
def test_sample_corpus_map_is_the_whole_graph_map(sample_store, options):
    choice, _details, page = map_from_selection(sample_store, **options)
    reference = reference_map(whole(sample_store), **options)
    assert [n.id for n in choice.nodes] == [n.id for n in reference.nodes] and choice.total == reference.total
    if reference.total <= options.get("max_nodes", 1000) or options.get("focus"):
        assert page == render_map(whole(sample_store), **options)


def test_sample_corpus_rankings_are_the_whole_graph_answer(sample_store):
    from tests.test_analytics import tie_weight_ranking

    graph = whole(sample_store)
    ranking = actor_centrality(selection.read_partner_arrays(sample_store))
    assert ranking == actor_centrality(graph) == tie_weight_ranking(graph)
    early = earlier_half(selection.read_document_dates(sample_store))
    assert actor_centrality(selection.read_partner_arrays(sample_store), documents=early) == \
        tie_weight_ranking(graph, documents=early)
    for focus in ("South Korea", "Australia", "Uzbekistan"):
        same_focus(sample_store, graph, focus)


def earlier_half(dates: dict[str, str | None]) -> set[str]:
    """The articles dated up to the median date: a window of dates."""
    ordered = sorted((date, doc) for doc, date in dates.items() if date)
    assert ordered
    return {doc for date, doc in ordered if date <= ordered[len(ordered) // 2][0]}


def test_readers_never_fetch_the_claims(invented_store):
    """Every query the selection sends names its properties: no claims come back."""
    sent = []
    query = invented_store.query

    def spy(cypher, params=None, **kwargs):
        result = query(cypher, params, **kwargs)
        sent.append((cypher, result.rows))
        return result

    invented_store.query = spy
    try:
        actor = find_entity(invented_store, "Korland", ("Country",))
        selection.read_focus_graph(invented_store, actor)
        selection.read_partner_arrays(invented_store)
        map_from_selection(invented_store, max_nodes=8)
    finally:
        del invented_store.query
    assert sent
    for cypher, rows in sent:
        assert "properties(" not in cypher and "keys(" not in cypher, cypher
        assert SOURCES_PROPERTY not in repr(rows)


def test_node_properties_cover_the_tooltip_captions():
    assert {key for key, _caption in PROPERTY_CAPTIONS} <= set(selection.NODE_PROPERTIES)


def test_cli_map_and_centrality_on_the_invented_store(tmp_path):
    g = invented()
    db = tmp_path / "db"
    with open_store(db) as store:
        store.apply(Changes.between(g, set(g.nodes), set(g.relationships), {}))
    runner = CliRunner()
    out = runner.invoke(cli, ["map", "--db", str(db), "-o", str(tmp_path / "m.html"), "--focus", "korland"])
    assert out.exit_code == 0, out.output
    assert "Korland" in (tmp_path / "m.html").read_text(encoding="utf-8")
    out = runner.invoke(cli, ["map", "--db", str(db), "-o", str(tmp_path / "m.html"), "--focus", "Korlnd"])
    assert out.exit_code == 1 and "did you mean 'Korland'" in out.output
    out = runner.invoke(cli, ["centrality", "--db", str(db), "--focus", "lithium"])
    assert out.exit_code == 1 and "is a Mineral" in out.output
    out = runner.invoke(cli, ["centrality", "--db", str(db), "--focus", "Korland", "--mineral", "Li"])
    assert out.exit_code == 0 and "Australis" in out.output


def test_centrality_from_the_partner_outline_is_the_same(sample_store):
    """``reads.read_partner_outline`` (what bench/betweenness.py ranks) gives the whole graph's ranking."""
    from minegraph.graph.reads import read_partner_outline

    outline = read_partner_outline(sample_store)
    full = sample_store.read_graph(provenance=False, evidence=False)
    assert not any(n.label in ("Document", "Person") for n in outline.nodes.values())
    assert actor_centrality(outline) == actor_centrality(full)
    assert focus_partners(outline, "South Korea") == focus_partners(full, "South Korea")


def _named_partners(store, country: str) -> dict[str, list[str]]:
    from minegraph.cypher import load_query

    rows = store.query(load_query("partners_of_country").text, {"country": country}).records()
    return {row["partner"]: sorted(row["carried_by"]) for row in rows}


@pytest.mark.parametrize("country", ["Korland", "KR", "Australis", "Nordmark"])
def test_the_named_query_lists_the_rankings_partners(invented_store, country):
    """partners_of_country takes centrality's meaning of a partner: own actors never,
    the ties of own actors rolled up, each with the own actors that carry it."""
    graph = whole(invented_store)
    rows = focus_partners(graph, country)
    named = _named_partners(invented_store, country)
    assert named == {row["name"]: sorted(c["name"] for c in row["carried_by"]) for row in rows}
    assert rows  # the cases are not empty


def test_the_named_query_on_the_sample_corpus(sample_store):
    graph = whole(sample_store)
    for country in ("South Korea", "Mongolia", "Australia", "Uzbekistan"):
        rows = focus_partners(graph, country)
        assert set(_named_partners(sample_store, country)) == {row["name"] for row in rows}, country
        own = {graph.nodes[i].name for i in own_ids(graph, country)}
        assert not own & set(_named_partners(sample_store, country))


def own_ids(graph: Graph, country: str) -> set[str]:
    from minegraph.graph.analytics import domestic_actors

    return domestic_actors(graph, find_entity(graph, country, ("Country",)).id)


@contextmanager
def training_store(stores):
    """The training articles built into the ``train`` store: the store, its whole graph and the
    earlier half of its articles' dates (skips without the training articles)."""
    from minegraph.loaders.pipeline import build_paths
    from tests.test_resolution_store import TRAIN

    if not TRAIN.is_dir():
        pytest.skip(f"no training articles at {TRAIN}")
    with open_store(stores("train")) as store:
        build_paths(store, [TRAIN])
        yield store, whole(store), earlier_half(selection.read_document_dates(store))


def test_the_training_articles_rank_by_the_tie_weights_on_both_stores(stores):
    """On the training articles, the ranking read as arrays from the store gives the
    numbers the tie weights give computed the plain way on the whole graph (issue 22's
    weights through issue 23's arrays), for the whole network, a window of dates and a
    mineral."""
    from tests.test_analytics import tie_weight_ranking

    with training_store(stores) as (store, graph, window):
        lithium = find_entity(store, "lithium", ("Mineral",)).id
        arrays, by_mineral = selection.read_partner_arrays(store), selection.read_partner_arrays(store, lithium)
    expected = tie_weight_ranking(graph)
    assert len(expected) > 50
    assert actor_centrality(arrays) == expected
    assert actor_centrality(arrays, documents=window) == tie_weight_ranking(graph, documents=window)
    assert actor_centrality(by_mineral) == tie_weight_ranking(graph, "lithium")


def same_focus_everywhere(store, graph: Graph, focus: str, window: set[str]) -> int:
    """Every way ``centrality --focus`` asks (rolled up or not, own actors ranked or apart,
    the top rows, a window of dates, each with its own actors' table) gives on the
    neighbourhood read from the store what it gives on the whole graph; the number of
    partners compared."""
    actor = find_entity(store, focus, ("Country", "Agency", "Company"))
    around = selection.read_focus_graph(store, actor)
    compared = 0
    for documents in (None, window):
        for roll_up in (True, False):
            for include in (False, True):
                expected = focus_partners(graph, focus, include_domestic=include, roll_up=roll_up, documents=documents)
                assert focus_partners(around, actor.id, include_domestic=include, roll_up=roll_up,
                                      documents=documents) == expected
                assert focus_partners(around, actor.id, top=3, include_domestic=include, roll_up=roll_up,
                                      documents=documents) == expected[:3]
                compared += len(expected)
            assert own_actors(around, actor.id, roll_up=roll_up, documents=documents) == \
                own_actors(graph, focus, roll_up=roll_up, documents=documents)
    return compared


def test_the_training_articles_focus_on_both_stores(stores):
    """On the training articles, the partners of the countries with the most own actors
    (the roll-up's case) and of a company, read around the focus from the store, are
    what the tie weights give on the whole graph, on both stores; and the CLI prints
    them."""
    from minegraph.graph.analytics import domestic_actors

    with training_store(stores) as (store, graph, window):
        countries = sorted((n for n in graph.nodes.values() if n.label == "Country"),
                           key=lambda n: (-len(domestic_actors(graph, n.id)), n.id))[:3]
        assert domestic_actors(graph, countries[0].id)  # the roll-up is exercised
        company = next(n for n in sorted(graph.nodes.values(), key=lambda n: n.id) if n.label == "Company"
                       and focus_partners(graph, n.id))
        compared = sum(same_focus_everywhere(store, graph, node.id, window) for node in [*countries, company])
    assert compared > 20
    result = CliRunner().invoke(cli, ["centrality", "--focus", countries[0].id, "--json", "--top", "0",
                                      *stores.cli_args("train")])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == focus_partners(graph, countries[0].id)
