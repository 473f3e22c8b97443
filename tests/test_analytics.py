"""Partner network and centrality on small hand-made graphs whose answers are known."""

from __future__ import annotations

import json
import math

import networkx as nx
import pytest

from minegraph.graph import analytics
from minegraph.graph.analytics import (
    COOPERATION,
    actor_centrality,
    domestic_actors,
    focus_partners,
    partner_network,
)
from minegraph.graph.lookup import UnknownEntityError, find_entity
from minegraph.graph.model import Graph, Node, Relationship


def make_graph(actors: dict[str, str], ties: list[tuple[str, str]] = (), label: str = "Country") -> Graph:
    """Actors by id -> name, tied by COOPERATES_WITH statements (one mention each)."""
    graph = Graph()
    for node_id, name in actors.items():
        graph.add_node(Node(node_id, label, name))
    for a, b in ties:
        assert graph.add_relationship(Relationship(a, "COOPERATES_WITH", b, {"mentions": 1}))
    return graph


def link(graph: Graph, source: str, rel_type: str, target: str, mentions: int = 1) -> None:
    assert graph.add_relationship(Relationship(source, rel_type, target, {"mentions": mentions}))


def plain(value) -> bool:
    """Only JSON-native Python types (no numpy scalars) anywhere inside ``value``."""
    if isinstance(value, dict):
        return all(isinstance(k, str) and plain(v) for k, v in value.items())
    if isinstance(value, list):
        return all(plain(v) for v in value)
    return type(value) in (str, int, float, bool)


@pytest.fixture
def star() -> Graph:
    return make_graph({"c": "Centre", "x": "Xeno", "y": "Yara", "z": "Zeta"},
                      [("c", "x"), ("y", "c"), ("c", "z")])


@pytest.fixture
def path() -> Graph:
    return make_graph({"a": "A", "b": "B", "c": "C", "d": "D"}, [("a", "b"), ("b", "c"), ("c", "d")])


@pytest.fixture
def bridged_triangles() -> Graph:
    names = {i: i.upper() for i in "abcdef"}
    return make_graph(names, [("a", "b"), ("b", "c"), ("a", "c"), ("d", "e"), ("e", "f"), ("d", "f"),
                              ("c", "d")])


@pytest.fixture
def diplomacy() -> Graph:
    """Korea signs a lithium MOU with Uzbekistan, a cobalt deal with Australia, and meets
    Mongolia and a company at a forum."""
    graph = Graph()
    for node in [Node("kr", "Country", "South Korea", ["Republic of Korea", "Korea"]),
                 Node("uz", "Country", "Uzbekistan"),
                 Node("au", "Country", "Australia"),
                 Node("mn", "Country", "Mongolia"),
                 Node("kores", "Agency", "Korea Resources Corporation", ["KOMIR"], {"acronym": "KOMIR"}),
                 Node("posco", "Company", "POSCO Holdings"),
                 Node("li", "Mineral", "Lithium", ["Li"]),
                 Node("co", "Mineral", "Cobalt"),
                 Node("mou", "Agreement", "Korea-Uzbekistan lithium MOU", [], {"year": 2024}),
                 Node("deal", "Agreement", "Korea-Australia cobalt partnership", [], {"year": 2023}),
                 Node("forum", "Event", "Critical Minerals Forum", [], {"year": 2024})]:
        graph.add_node(node)
    link(graph, "kr", "PARTY_TO", "mou", 2)
    link(graph, "uz", "PARTY_TO", "mou", 1)
    link(graph, "kores", "LEADS", "mou", 1)
    link(graph, "mou", "COVERS", "li")
    link(graph, "kr", "PARTY_TO", "deal", 1)
    link(graph, "au", "PARTY_TO", "deal", 1)
    link(graph, "deal", "COVERS", "co")
    link(graph, "kr", "ORGANIZED", "forum", 1)
    link(graph, "mn", "PARTICIPATED_IN", "forum", 1)
    link(graph, "posco", "PARTICIPATED_IN", "forum", 1)
    link(graph, "kr", "COOPERATES_WITH", "au", 3)
    link(graph, "kores", "BASED_IN", "kr")  # not a partner tie
    return graph


# --- partner network ------------------------------------------------------------------------


def test_partner_network_ties_weights_and_via(diplomacy):
    network = partner_network(diplomacy)
    assert sorted(network) == ["au", "kores", "kr", "mn", "posco", "uz"]
    assert sorted(tuple(sorted(e)) for e in network.edges) == [
        ("au", "kr"), ("kores", "kr"), ("kores", "uz"), ("kr", "mn"), ("kr", "posco"), ("kr", "uz"),
        ("mn", "posco")]
    # a bilateral MOU (kores counts with kr: two parties) read in 2 + 1 articles: 1 + 1/2 + 1/3
    assert network["kr"]["uz"] == {"weight": 1.833333, "via": ["mou"], "via_weight": {"mou": 1.833333},
                                   "breakdown": {"agreement": 1.833333, "event": 0.0, "cooperation": 0.0}}
    # shared deal (two articles: 1.5) and a stated cooperation read 3 times (1.833333)
    assert network["kr"]["au"] == {"weight": 3.333333, "via": [COOPERATION, "deal"],
                                   "via_weight": {COOPERATION: 1.833333, "deal": 1.5},
                                   "breakdown": {"agreement": 1.5, "event": 0.0, "cooperation": 1.833333}}
    # the forum has three parties (kr, mn, posco): an event weighs 0.5 / (3 - 1) per article
    assert network["mn"]["posco"]["weight"] == 0.375
    assert network["mn"]["posco"]["via"] == ["forum"]
    assert network.nodes["kores"] == {"label": "Agency", "name": "Korea Resources Corporation"}


def test_partner_network_for_a_mineral_keeps_only_agreements_covering_it(diplomacy):
    network = partner_network(diplomacy, mineral="lithium")
    assert sorted(tuple(sorted(e)) for e in network.edges) == [("kores", "kr"), ("kores", "uz"), ("kr", "uz")]
    cobalt = partner_network(diplomacy, mineral="Cobalt")
    assert list(cobalt.edges(data=True)) == [("au", "kr", {"weight": 1.5, "via": ["deal"], "via_weight": {"deal": 1.5},
                                                           "breakdown": {"agreement": 1.5, "event": 0.0,
                                                                         "cooperation": 0.0}})]
    with pytest.raises(UnknownEntityError, match="did you mean 'Lithium'"):
        partner_network(diplomacy, mineral="Lithum")


def test_partner_network_of_an_empty_graph():
    assert partner_network(Graph()).number_of_nodes() == 0
    assert actor_centrality(Graph()) == []


# --- centrality --------------------------------------------------------------------------------


def test_star_centre_ranks_first(star):
    rows = actor_centrality(star)
    assert [row["name"] for row in rows] == ["Centre", "Xeno", "Yara", "Zeta"]  # leaves tie -> by name
    centre, leaf = rows[0], rows[1]
    assert (centre["degree"], centre["weighted_degree"], centre["betweenness"]) == (3, 3, 1.0)
    assert (leaf["degree"], leaf["weighted_degree"], leaf["betweenness"]) == (1, 1, 0.0)
    assert rows[1]["pagerank"] == rows[2]["pagerank"] == rows[3]["pagerank"] < centre["pagerank"]
    assert math.isclose(sum(row["pagerank"] for row in rows), 1.0, abs_tol=1e-5)
    # star K1,3: leading eigenvector is (sqrt(3), 1, 1, 1) / sqrt(6)
    assert centre["eigenvector"] == pytest.approx(math.sqrt(3 / 6), abs=1e-5)
    assert leaf["eigenvector"] == pytest.approx(math.sqrt(1 / 6), abs=1e-5)


def test_path_middle_nodes_broker(path):
    rows = {row["id"]: row for row in actor_centrality(path)}
    assert rows["b"]["betweenness"] == rows["c"]["betweenness"] == pytest.approx(2 / 3, abs=1e-6)
    assert rows["a"]["betweenness"] == rows["d"]["betweenness"] == 0.0
    phi = (1 + math.sqrt(5)) / 2  # P4's leading eigenvector is (1, phi, phi, 1) normalised
    norm = math.sqrt(2 + 2 * phi * phi)
    assert rows["b"]["eigenvector"] == pytest.approx(phi / norm, abs=1e-5)
    assert rows["a"]["eigenvector"] == pytest.approx(1 / norm, abs=1e-5)
    assert [row["id"] for row in actor_centrality(path)] == ["b", "c", "a", "d"]


def test_bridge_nodes_of_two_triangles(bridged_triangles):
    rows = actor_centrality(bridged_triangles)
    by_id = {row["id"]: row for row in rows}
    # c and d each sit between {a, b, c} and {d, e, f}: 6 of the 10 pairs of other nodes
    assert by_id["c"]["betweenness"] == by_id["d"]["betweenness"] == 0.6
    assert all(by_id[i]["betweenness"] == 0.0 for i in "abef")
    assert [row["id"] for row in rows[:2]] == ["c", "d"]
    assert by_id["c"]["degree"] == 3 and by_id["a"]["degree"] == 2
    assert by_id["a"]["pagerank"] == by_id["b"]["pagerank"] == by_id["e"]["pagerank"]


def test_weights_drive_weighted_degree_and_pagerank(diplomacy):
    rows = actor_centrality(diplomacy)
    assert rows[0]["name"] == "South Korea"
    by_id = {row["id"]: row for row in rows}
    # kr: uz 1.833333 + au 3.333333 + kores 1.833333 + forum ties mn 0.375 and posco 0.375
    assert by_id["kr"]["weighted_degree"] == pytest.approx(7.75, abs=1e-5)
    assert by_id["kr"]["degree"] == 5
    assert by_id["au"]["pagerank"] > by_id["mn"]["pagerank"]  # stronger tie, same degree
    assert set(rows[0]) == {"id", "name", "label", "degree", "weighted_degree", "betweenness",
                            "eigenvector", "pagerank"}
    assert plain(rows)
    json.dumps(rows)


def test_top_and_mineral(diplomacy):
    assert [row["id"] for row in actor_centrality(diplomacy, top=2)] == ["kr", "kores"]
    # kores (ties of 3 and 2) outranks au (one tie of 5): two partners spread the walk
    lithium = actor_centrality(diplomacy, mineral="Li")
    assert {row["id"] for row in lithium} == {"kr", "uz", "kores"}


def test_eigenvector_falls_back_per_component_when_iteration_fails(monkeypatch):
    graph = make_graph({i: i for i in "abcde"}, [("a", "b"), ("c", "d"), ("d", "e")])

    def fails(*args, **kwargs):
        raise ArithmeticError("no convergence")

    monkeypatch.setattr(analytics, "_power_iteration", fails)
    rows = {row["id"]: row for row in actor_centrality(graph)}
    # each component solved exactly and scaled by sqrt(size / 5) so the vector has unit length
    assert rows["a"]["eigenvector"] == pytest.approx(math.sqrt(2 / 5) / math.sqrt(2), abs=1e-5)
    assert rows["d"]["eigenvector"] == pytest.approx(math.sqrt(3 / 5) * math.sqrt(2) / 2, abs=1e-5)
    assert rows["c"]["eigenvector"] == pytest.approx(math.sqrt(3 / 5) * 0.5, abs=1e-5)
    assert math.isclose(sum(row["eigenvector"] ** 2 for row in rows.values()), 1.0, abs_tol=1e-5)
    assert plain(list(rows.values()))


def test_disconnected_graph_does_not_crash():
    graph = make_graph({i: i for i in "abcdefg"}, [("a", "b"), ("c", "d"), ("d", "e"), ("e", "c"), ("f", "g")])
    rows = actor_centrality(graph)
    assert len(rows) == 7 and plain(rows)


def test_large_networks_sample_betweenness(path):
    rows = actor_centrality(path, sample_above=3)
    assert all(row["approximate"] is True for row in rows)
    exact = {row["id"]: row["betweenness"] for row in actor_centrality(path)}
    assert {row["id"]: row["betweenness"] for row in rows} == exact  # k = n here: same answer
    assert "approximate" not in actor_centrality(path)[0]


# --- focus ---------------------------------------------------------------------------------------


def test_focus_partners_ranked_by_evidence_with_via(diplomacy):
    rows = focus_partners(diplomacy, "Republic of Korea")  # its own agency (BASED_IN it) is no partner
    # Uzbekistan: the MOU through Korea (2 articles) and its agency KOMIR (1, rolled up) and its own (1)
    assert [(row["name"], row["weight"], row["direct"]) for row in rows] == [
        ("Australia", 3.333333, True), ("Uzbekistan", 2.083333, False), ("Mongolia", 0.375, False),
        ("POSCO Holdings", 0.375, False)]
    assert [(v["id"], v["name"], v["label"], v["kind"], v["weight"], v["articles"]) for v in rows[0]["via"]] == [
        (COOPERATION, "stated cooperation", COOPERATION, "cooperation", 1.833333, 3),
        ("deal", "Korea-Australia cobalt partnership", "Agreement", "agreement", 1.5, 2)]
    assert rows[1]["via"][0]["carried_by"] == ["Korea Resources Corporation"]
    assert [c["id"] for c in rows[1]["carried_by"]] == ["kores"]
    assert [(v["name"], v["parties"], v["weight"]) for v in rows[2]["via"]] == [("Critical Minerals Forum", 3, 0.375)]
    assert rows[0]["label"] == "Country" and rows[3]["label"] == "Company"
    assert [row["id"] for row in focus_partners(diplomacy, "kr", include_domestic=True)][:2] == ["au", "kores"]
    assert plain(rows)


def test_focus_partners_top_mineral_and_errors(diplomacy):
    assert [row["id"] for row in focus_partners(diplomacy, "kr", top=1)] == ["au"]
    assert [row["id"] for row in focus_partners(diplomacy, "South Korea", mineral="lithium")] == ["uz"]
    assert focus_partners(diplomacy, "Mongolia", mineral="lithium") == []
    with pytest.raises(UnknownEntityError, match="did you mean 'Mongolia'"):
        focus_partners(diplomacy, "Mongolai")
    with pytest.raises(UnknownEntityError):
        focus_partners(diplomacy, "Lithium")  # a mineral is not an actor


def test_south_korea_partners_in_the_sample_corpus():
    from conftest_browser import ROOT, extractor_missing

    if extractor_missing():
        pytest.skip(extractor_missing())
    from minegraph.loaders.documents import Document
    from minegraph.loaders.pipeline import build_graph
    from minegraph.loaders.reader import read_articles

    graph = build_graph(d for d in read_articles([ROOT / "data"]) if isinstance(d, Document))
    rows = focus_partners(graph, "South Korea")
    partners = {row["name"]: row for row in rows}
    for name in ("Uzbekistan", "Australia", "Mongolia"):
        assert name in partners, sorted(partners)
        assert partners[name]["via"], name  # each tie says which agreements/events are behind it
    assert plain(list(partners.values()))
    assert actor_centrality(graph, top=1)[0]["name"] == "South Korea"
    # the bilateral partners outrank every country whose ties are all multilateral frames
    bilateral = ["Mongolia", "Uzbekistan", "Tanzania", "Nigeria", "Australia"]
    multilateral_only = [row for row in rows if row["label"] == "Country"
                         and all(v.get("parties", 2) > 2 for v in row["via"])]
    assert len(multilateral_only) >= 8, [row["name"] for row in rows]
    weakest_bilateral = min(partners[name]["weight"] for name in bilateral)
    assert all(row["weight"] < weakest_bilateral for row in multilateral_only)
    assert [row["name"] for row in rows[:10] if row["name"] in bilateral] == sorted(
        bilateral, key=lambda name: [r["name"] for r in rows].index(name))  # all five in the top ten
    # China is mentioned beside Korea without a tie of its own: out, or at most a party to a
    # multilateral frame an article names it beside (an extraction slip weighs little)
    assert any(n.name == "China" for n in graph.by_label("Country"))
    assert "China" not in partners or partners["China"] in multilateral_only
    own = domestic_actors(graph, find_entity(graph, "South Korea").id)
    assert own and not own & {row["id"] for row in rows}  # own bodies stay apart


@pytest.mark.parametrize("seed", [1, 2])
def test_compiled_eigenvector_gives_networkx_numbers(seed):
    network = nx.gnm_random_graph(200, 600, seed=seed)
    for a, b in network.edges():
        network[a][b]["weight"] = (a + 2 * b) % 4 + 1
    expected = nx.eigenvector_centrality(network, weight="weight", max_iter=1000, tol=1e-9)
    got = analytics._power_iteration(nx.to_scipy_sparse_array(network, nodelist=list(network), weight="weight"))
    assert all(got[i] == pytest.approx(expected[n], abs=1e-12) for i, n in enumerate(network))


@pytest.mark.parametrize("seed", [1, 2])
def test_compact_pagerank_gives_networkx_numbers(seed):
    network = nx.gnm_random_graph(200, 500, seed=seed)
    network.add_node("isolated")
    for a, b in network.edges():
        network[a][b]["weight"] = (a + 2 * b) % 4 + 1
    expected = nx.pagerank(network, weight="weight")
    got = analytics._pagerank(nx.to_scipy_sparse_array(network, nodelist=list(network), weight="weight"))
    assert all(got[i] == pytest.approx(expected[n], abs=1e-12) for i, n in enumerate(network))


def test_the_compact_network_is_the_partner_network(diplomacy):
    """The arrays give the nodes, ties and weights :func:`partner_network` gives, in its order."""
    net = analytics.compact_network(analytics.partner_arrays(diplomacy))
    network = partner_network(diplomacy)
    assert net.ids == list(network)
    ties = {(net.ids[i], net.ids[j]): w for i, j, w in zip(*net.weights.nonzero(), net.weights.data, strict=True)}
    assert ties == {**{(a, b): d["weight"] for a, b, d in network.edges(data=True)},
                    **{(b, a): d["weight"] for a, b, d in network.edges(data=True)}}


@pytest.mark.parametrize("seed", [1, 2])
def test_compiled_betweenness_gives_networkx_numbers(seed):
    from minegraph.graph.analytics import exact_betweenness

    network = nx.gnm_random_graph(200, 600, seed=seed)
    network.add_node("isolated")
    expected = nx.betweenness_centrality(network)
    got = exact_betweenness(network)
    assert set(got) == set(expected)
    assert all(got[n] == pytest.approx(expected[n], abs=1e-12) for n in network)


@pytest.mark.parametrize("seed", [1, 2])
def test_sampled_betweenness_gives_networkx_numbers(seed):
    from minegraph.graph.analytics import SEED, sampled_betweenness

    network = nx.gnm_random_graph(300, 900, seed=seed)
    network.add_edges_from([("x", "y"), ("y", "z")])  # a second component
    expected = nx.betweenness_centrality(network, k=40, seed=SEED)
    got = sampled_betweenness(network, 40)
    assert set(got) == set(expected)
    assert all(got[n] == pytest.approx(expected[n], abs=1e-12) for n in network)
    assert any(value > 0 for value in got.values())


def tie_weight_ranking(graph: Graph, mineral: str | None = None, documents=None) -> list[dict]:
    """The ranking as the tie weights define it, computed the plain way: a networkx graph
    of :func:`minegraph.graph.ties.pair_weights`, its ties added in their sorted order,
    scored by :func:`analytics.centrality_scores` (what ``actor_centrality`` gave before
    it read arrays)."""
    from minegraph.graph.ties import pair_weights, read_facts

    mineral_id = find_entity(graph, mineral, ("Mineral",)).id if mineral else None
    network = nx.Graph()
    for (a, b), weight in pair_weights(read_facts(graph, mineral_id, documents)).items():
        for node_id in (a, b):
            if node_id not in network:
                network.add_node(node_id, label=graph.nodes[node_id].label, name=graph.nodes[node_id].name)
        network.add_edge(a, b, weight=weight)
    scores = analytics.centrality_scores(network)
    rows = [{"id": n, "name": network.nodes[n]["name"], "label": network.nodes[n]["label"], **scores[n]}
            for n in network]
    rows.sort(key=lambda row: (-row["pagerank"], row["name"].casefold(), row["id"]))
    return rows


def random_diplomacy(seed: int) -> Graph:
    """Countries with agencies and companies (based in them, or part of an agency), shared
    agreements and events with links supported by overlapping sets of articles, links
    read without their articles, and cooperation stated by sentences that name several
    partners at once (statement shares)."""
    import random

    rng = random.Random(seed)
    g = Graph()
    countries = [f"c{i}" for i in range(8)]
    for c in countries:
        g.add_node(Node(c, "Country", c.upper()))
    actors = list(countries)
    for i in range(10):
        kind = rng.choice(["Agency", "Company"])
        g.add_node(Node(f"a{i}", kind, f"A{i}"))
        if i and rng.random() < 0.3:
            link_props(g, f"a{i}", "PART_OF", f"a{rng.randrange(i)}", {})
        elif rng.random() < 0.8:
            link_props(g, f"a{i}", "BASED_IN", rng.choice(countries), {})
        actors.append(f"a{i}")
    g.add_node(Node("li", "Mineral", "lithium"))
    docs = [f"d{i}" for i in range(12)]
    for h in range(14):
        label = rng.choice(["Agreement", "Event"])
        hub = f"h{h:02d}"
        g.add_node(Node(hub, label, hub))
        if label == "Agreement" and rng.random() < 0.5:
            link_props(g, hub, "COVERS", "li", {})
        types = ("PARTY_TO", "LEADS") if label == "Agreement" else ("PARTICIPATED_IN", "ORGANIZED")
        for actor in rng.sample(actors, rng.randint(1, 7)):
            props = {"doc_ids": rng.sample(docs, rng.randint(1, 4))} if rng.random() < 0.9 else \
                {"mentions": rng.randint(1, 3)}
            link_props(g, actor, rng.choice(types), hub, props)
    for _ in range(12):
        a, b = rng.sample(actors, 2)
        doc = rng.choice(docs)
        others = rng.sample([x for x in actors if x not in (a, b)], rng.randint(0, 3))
        said = f"{a} and {' '.join(others)} cooperate with {b}."
        for x in [a, *others]:
            key = (x, "COOPERATES_WITH", b)
            rel = g.relationships.get(key)
            if rel is None:
                link_props(g, x, "COOPERATES_WITH", b, {"doc_ids": [doc], "evidence": [said],
                                                        "evidence_doc_ids": [doc]})
            else:
                rel.props["doc_ids"] = sorted({*rel.props["doc_ids"], doc})
                rel.props["evidence"] = [*rel.props["evidence"], said]
                rel.props["evidence_doc_ids"] = [*rel.props["evidence_doc_ids"], doc]
    return g


def link_props(graph: Graph, source: str, rel_type: str, target: str, props: dict) -> None:
    """Add the link when the ontology allows it between the two labels (else nothing)."""
    from minegraph.graph.model import allowed

    if allowed(rel_type, graph.nodes[source].label, graph.nodes[target].label):
        assert graph.add_relationship(Relationship(source, rel_type, target, props))


@pytest.mark.parametrize("seed", range(6))
def test_the_arrays_give_the_tie_weights(seed):
    """The arrays' ties and weights are ties.pair_weights' exactly (frames by party
    count, articles as unions with diminishing returns, cooperation shares), for the
    whole network, a window of articles and a mineral; the ranking is the one the tie
    weights give when computed the plain way."""
    from minegraph.graph.ties import pair_weights, read_facts

    graph = random_diplomacy(seed)
    for mineral, documents in [(None, None), (None, {"d1", "d2", "d3", "d5", "d8"}), ("lithium", None),
                               ("lithium", {"d0", "d4", "d6"})]:
        mineral_id = "li" if mineral else None
        expected = pair_weights(read_facts(graph, mineral_id, documents))
        a, b, w = analytics.pair_weight_arrays(analytics.partner_arrays(graph, mineral), documents)
        ids = analytics.partner_arrays(graph, mineral).ids
        got = {(ids[i], ids[j]): float(x) for i, j, x in zip(a.tolist(), b.tolist(), w.tolist(), strict=True)}
        assert got == expected
        assert actor_centrality(graph, mineral, documents=documents) == \
            tie_weight_ranking(graph, mineral, documents)


def test_the_ranking_network_has_the_partner_networks_weights(diplomacy):
    full = partner_network(diplomacy)
    net = analytics.compact_network(analytics.partner_arrays(diplomacy))
    assert net.ids == list(full)
    assert {frozenset((net.ids[i], net.ids[j])): float(net.weights[i, j])
            for i, j in zip(*net.weights.nonzero(), strict=True)} == \
        {frozenset((a, b)): w for a, b, w in full.edges(data="weight")}
    assert actor_centrality(diplomacy) == tie_weight_ranking(diplomacy)
