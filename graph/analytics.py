"""Partner analytics over the property graph: the partner network, centrality of actors
and the ranked partners of one actor (names are found by :mod:`minegraph.graph.lookup`).

Everything here is a pure function of a :class:`~minegraph.graph.model.Graph` (no store, no
printing).  Results are plain dicts and lists of Python ``int``/``float``/``str``, never
numpy scalars, so they can go straight to ``json.dumps``.

The partner network
-------------------
Actors (Country, Agency, Company) are linked when

* both are ``PARTY_TO`` or ``LEADS`` the same Agreement,
* both ``PARTICIPATED_IN``, ``ORGANIZED`` or ``LEADS`` the same Event, or
* one is stated to ``COOPERATES_WITH`` the other.

The **weight** of a tie says what the tie means (:mod:`minegraph.graph.ties`): a shared
frame weighs less the more parties it has (``1/(n-1)`` per supporting article, half
that for an event), stated cooperation and bilateral agreements weigh most, and repeated
evidence across articles adds with diminishing returns.  A country's partners roll up
the ties of its own agencies and companies (each partner says which own actor carries
the tie); its own actors are never its partners.  Given ``documents`` (a window of
dates, the store as it was), every fact counts only through those articles.
Weights and centrality scores are floats rounded to 6 decimals so that equal scores
compare equal and rankings are stable.
"""

from __future__ import annotations

import math
import random
from collections.abc import Collection
from typing import Any

import networkx as nx

from minegraph.graph.lookup import find_entity
from minegraph.graph.model import ACTOR_LABELS, Graph
from minegraph.graph.ties import (
    AGREEMENT_LINKS,
    COOPERATION,
    EVENT_LINKS,
    Tie,
    bloc_ties,
    pair_ties,
    pair_weights,
    read_facts,
)

#: above this many nodes betweenness is estimated from a sample of source nodes: exact
#: betweenness is compiled (igraph) but still O(nodes x ties); on the 12,500 actors
#: and 180,000 ties of 10,000 generated articles it took minutes of CPU
EXACT_BETWEENNESS_MAX_NODES = 5000
BETWEENNESS_SAMPLES = 500
#: fixed seed so that sampled betweenness is repeatable
SEED = 42
DIGITS = 6

__all__ = [
    "partner_network", "actor_centrality",
    "focus_partners", "own_actors", "domestic_actors", "centrality_scores", "score_nodes", "MEASURES",
    "exact_betweenness", "sampled_betweenness", "AGREEMENT_LINKS", "EVENT_LINKS", "COOPERATION",
]


# --- the partner network -----------------------------------------------------------------


def _mineral_id(graph: Graph, mineral: str | None) -> str | None:
    return find_entity(graph, mineral, ("Mineral",)).id if mineral is not None else None


def partner_network(graph: Graph, mineral: str | None = None, documents: Collection[str] | None = None) -> nx.Graph:
    """The undirected partner network of actors (see the module docstring).

    Nodes are the actors that have at least one tie, with attributes ``label`` and
    ``name``.  Each edge has ``weight`` (a float), ``via`` (the sorted ids of the
    agreements and events behind the tie, plus ``"COOPERATES_WITH"`` when the tie is
    also stated directly), ``via_weight`` (what each of those contributes) and
    ``breakdown`` (the weight by agreement, event and stated cooperation).

    Args:
        graph: the property graph.
        mineral: when given (a Mineral's id, name or alias), keep only ties through
            agreements that ``COVERS`` that mineral; events and direct cooperation
            statements then do not count.
        documents: when given, only the facts these articles support.

    Raises:
        EntityLookupError: ``mineral`` names no Mineral, or several (see :mod:`minegraph.graph.lookup`).

    >>> from minegraph.graph.model import Node, Relationship
    >>> g = Graph()
    >>> for i, name in [("kr", "South Korea"), ("uz", "Uzbekistan")]:
    ...     _ = g.add_node(Node(i, "Country", name))
    >>> _ = g.add_node(Node("mou", "Agreement", "Korea-Uzbekistan MOU"))
    >>> _ = g.add_relationship(Relationship("kr", "PARTY_TO", "mou", {"doc_ids": ["a1", "a2"]}))
    >>> _ = g.add_relationship(Relationship("uz", "PARTY_TO", "mou", {"doc_ids": ["a1"]}))
    >>> edge = partner_network(g)["kr"]["uz"]
    >>> edge["weight"], edge["via"], edge["breakdown"]["agreement"]
    (1.5, ['mou'], 1.5)
    """
    facts = read_facts(graph, _mineral_id(graph, mineral), documents)
    network = nx.Graph()
    for (a, b), tie in pair_ties(facts).items():
        for node_id in (a, b):
            if node_id not in network:
                node = graph.nodes[node_id]
                network.add_node(node_id, label=node.label, name=node.name)
        via = {part.id: part.weight for part in tie.parts}
        network.add_edge(a, b, weight=tie.weight, via=sorted(via), via_weight={k: via[k] for k in sorted(via)},
                         breakdown=tie.breakdown())
    return network


def _weighted_network(graph: Graph, mineral: str | None = None,
                      documents: Collection[str] | None = None) -> nx.Graph:
    """:func:`partner_network` with only each tie's ``weight`` (the same nodes, ties and
    weights, added in the same order, so every score is the same): what a ranking of the
    whole network needs, without building each tie's parts."""
    facts = read_facts(graph, _mineral_id(graph, mineral), documents)
    network = nx.Graph()
    for (a, b), weight in pair_weights(facts).items():
        for node_id in (a, b):
            if node_id not in network:
                node = graph.nodes[node_id]
                network.add_node(node_id, label=node.label, name=node.name)
        network.add_edge(a, b, weight=weight)
    return network


# --- centrality ----------------------------------------------------------------------------


def _eigenvector(network: nx.Graph) -> dict[str, float]:
    """Weighted eigenvector centrality that works on any graph.

    Power iteration on the whole graph first.  If it does not converge (it can stall
    when two components have almost the same leading eigenvalue), each connected
    component is solved exactly with a dense/sparse symmetric eigensolver and its vector
    is scaled by ``sqrt(len(component) / n)`` so the whole vector keeps unit length.
    """
    if network.number_of_nodes() == 0:
        return {}
    try:
        return _power_iteration(network)
    except ArithmeticError:
        pass
    scores: dict[str, float] = {}
    total = network.number_of_nodes()
    for component in nx.connected_components(network):
        sub = network.subgraph(component)
        scale = (len(component) / total) ** 0.5
        if len(component) == 1:
            scores.update({node: scale for node in component})
            continue
        vector = _leading_eigenvector(sub)
        scores.update({node: scale * value for node, value in vector.items()})
    return scores


def _power_iteration(network: nx.Graph) -> dict[Any, float]:
    """``networkx.eigenvector_centrality`` (weighted, same iteration and tolerance),
    compiled by rustworkx: the same numbers about 50x faster.  Raises ArithmeticError
    when it does not converge."""
    try:
        import rustworkx as rx
    except ImportError:  # pragma: no cover - rustworkx is a dependency
        try:
            return dict(nx.eigenvector_centrality(network, weight="weight", max_iter=1000, tol=1e-9))
        except nx.PowerIterationFailedConvergence:
            raise ArithmeticError("no convergence") from None
    nodes = list(network)
    index = {node: i for i, node in enumerate(nodes)}
    compiled = rx.PyGraph(multigraph=False)
    compiled.add_nodes_from(range(len(nodes)))
    compiled.add_edges_from([(index[a], index[b], float(w)) for a, b, w in network.edges(data="weight", default=1)])
    try:
        scores = rx.eigenvector_centrality(compiled, weight_fn=float, max_iter=1000, tol=1e-9)
    except rx.FailedToConverge:
        raise ArithmeticError("no convergence") from None
    return {node: float(scores[i]) for i, node in enumerate(nodes)}


def _leading_eigenvector(network: nx.Graph) -> dict[str, float]:
    import numpy as np

    nodes = list(network)
    if len(nodes) > 2000:
        from scipy.sparse.linalg import eigsh

        matrix = nx.to_scipy_sparse_array(network, nodelist=nodes, weight="weight", dtype=float)
        _values, vectors = eigsh(matrix, k=1, which="LA")
        vector = vectors[:, 0]
    else:
        matrix = nx.to_numpy_array(network, nodelist=nodes, weight="weight")
        _values, vectors = np.linalg.eigh(matrix)
        vector = vectors[:, -1]
    vector = np.abs(vector)
    vector = vector / (np.linalg.norm(vector) or 1.0)
    return {node: float(value) for node, value in zip(nodes, vector, strict=True)}


def exact_betweenness(network: nx.Graph) -> dict[Any, float]:
    """Normalised betweenness on hop counts, the same numbers as
    ``networkx.betweenness_centrality(network)``, computed by igraph (compiled: on the
    partner network of 1,000 generated articles, 2,759 actors, 1.0 s against 2.2 s for
    rustworkx and 59 s for networkx, see ``bench/betweenness.py``).

    >>> exact_betweenness(nx.path_graph(3))
    {0: 0.0, 1: 1.0, 2: 0.0}
    """
    return _igraph_betweenness(network, None)


def sampled_betweenness(network: nx.Graph, k: int, seed: int = SEED) -> dict[Any, float]:
    """``networkx.betweenness_centrality(network, k=k, seed=seed)`` computed by igraph:
    the same sample of ``k`` source nodes (``random.Random(seed).sample``), the same
    rescaling, the same numbers (to rounding), but compiled: 500 sources on the 12,570
    actors of 10,000 generated articles take about 2 s instead of two minutes.

    >>> star = nx.star_graph(4)
    >>> sampled_betweenness(star, 2) == nx.betweenness_centrality(star, k=2, seed=SEED)
    True
    """
    nodes = list(network)
    if k >= len(nodes):
        return exact_betweenness(network)
    return _igraph_betweenness(network, random.Random(seed).sample(nodes, k))


def _igraph_betweenness(network: nx.Graph, sources: list[Any] | None) -> dict[Any, float]:
    """Betweenness of every node from ``sources`` (every node when None), rescaled as
    networkx rescales it (normalised, endpoints left out)."""
    import igraph as ig

    nodes = list(network)
    n = len(nodes)
    if n <= 2:
        return dict.fromkeys(nodes, 0.0)
    index = {node: i for i, node in enumerate(nodes)}
    compiled = ig.Graph(n=n, edges=[(index[a], index[b]) for a, b in network.edges() if a != b])
    if sources is None:
        # igraph counts each unordered pair once: networkx divides by (n-1)(n-2)/2
        raw = compiled.betweenness(directed=False)
        scale = 2 / ((n - 1) * (n - 2))
        return {node: float(value) * scale for node, value in zip(nodes, raw, strict=True)}
    # from a sample networkx adds each source's dependencies (igraph halves them on an
    # undirected graph, hence 2x) and divides by k(n-2), or (k-1)(n-2) on a sampled node
    k = len(sources)
    raw = compiled.betweenness(directed=False, sources=[index[s] for s in sources])
    sampled = set(sources)
    on_source = 2 / ((k - 1) * (n - 2)) if k > 1 else math.nan
    elsewhere = 2 / (k * (n - 2))
    return {node: float(value) * (on_source if node in sampled else elsewhere)
            for node, value in zip(nodes, raw, strict=True)}


def _betweenness(network: nx.Graph, sample_above: int) -> tuple[dict[str, float], bool]:
    """Betweenness on hop counts (weights are strengths, not distances).

    Exact up to ``sample_above`` nodes; above it estimated from ``BETWEENNESS_SAMPLES``
    source nodes drawn with the fixed ``SEED``.  Returns the scores and whether they
    are approximate.
    """
    n = network.number_of_nodes()
    if n > sample_above:
        k = min(n, BETWEENNESS_SAMPLES)
        return sampled_betweenness(network, k, SEED), True
    return exact_betweenness(network), False


def centrality_scores(network: nx.Graph, *, sample_above: int = EXACT_BETWEENNESS_MAX_NODES
                      ) -> dict[str, dict[str, Any]]:
    """Degree, weighted degree, betweenness, eigenvector and PageRank of every node.

    Works on any undirected ``networkx`` graph whose edges may carry ``weight``.
    Returns ``{node: {"degree", "weighted_degree", "betweenness", "eigenvector",
    "pagerank"}}`` plus ``"approximate": True`` when betweenness was sampled.

    >>> star = nx.star_graph(3)
    >>> centrality_scores(star)[0]["betweenness"], centrality_scores(star)[1]["degree"]
    (1.0, 1)
    """
    if network.number_of_nodes() == 0:
        return {}
    betweenness, approximate = _betweenness(network, sample_above)
    eigenvector = _eigenvector(network)
    pagerank = nx.pagerank(network, weight="weight") if network.number_of_edges() else {
        node: 1.0 / network.number_of_nodes() for node in network}
    scores: dict[str, dict[str, Any]] = {}
    for node in network:
        row: dict[str, Any] = {
            "degree": int(network.degree(node)),
            "weighted_degree": _number(network.degree(node, weight="weight")),
            "betweenness": round(float(betweenness[node]), DIGITS),
            "eigenvector": round(float(eigenvector.get(node, 0.0)), DIGITS),
            "pagerank": round(float(pagerank[node]), DIGITS),
        }
        if approximate:
            row["approximate"] = True
        scores[node] = row
    return scores


#: the measures :func:`score_nodes` can compute
MEASURES = ("pagerank", "degree", "betweenness")


def score_nodes(network: nx.Graph, by: str = "pagerank", *,
                sample_above: int = EXACT_BETWEENNESS_MAX_NODES) -> dict[str, float]:
    """One centrality measure for every node of an undirected graph, as floats.

    ``pagerank`` uses edge ``weight``; ``degree`` counts neighbours; ``betweenness`` is
    normalised, counts hops and is sampled above ``sample_above`` nodes (fixed seed).

    >>> score_nodes(nx.path_graph(3), "degree")
    {0: 1.0, 1: 2.0, 2: 1.0}
    """
    if by not in MEASURES:
        raise ValueError(f"unknown measure {by!r}; choose one of {', '.join(MEASURES)}")
    if network.number_of_nodes() == 0:
        return {}
    if by == "degree":
        return {node: float(network.degree(node)) for node in network}
    if by == "betweenness":
        values, _approximate = _betweenness(network, sample_above)
    elif network.number_of_edges():
        values = nx.pagerank(network, weight="weight")
    else:
        values = {node: 1.0 / network.number_of_nodes() for node in network}
    return {node: round(float(values[node]), DIGITS) for node in network}


def _number(value: Any) -> int | float:
    """An int when the value is integral (evidence counts), else a rounded float."""
    value = float(value)
    return int(value) if value.is_integer() else round(value, DIGITS)


def actor_centrality(graph: Graph, mineral: str | None = None, top: int | None = None, *,
                     sample_above: int = EXACT_BETWEENNESS_MAX_NODES,
                     documents: Collection[str] | None = None) -> list[dict[str, Any]]:
    """Rank the actors of the partner network by PageRank (ties: by name).

    Each row is ``{"id", "name", "label", "degree", "weighted_degree", "betweenness",
    "eigenvector", "pagerank"}``: degree counts partners, weighted degree sums tie
    weights (:mod:`minegraph.graph.ties`), betweenness is normalised and counts hops, eigenvector and
    PageRank use the tie weights.  When the network has more than ``sample_above``
    actors betweenness is estimated from a fixed-seed sample and every row also has
    ``"approximate": True``.  Actors without any tie are left out.

    Args:
        graph: the property graph.
        mineral: restrict to ties through agreements covering this mineral.
        top: keep only the first ``top`` rows.
        documents: when given, only the facts these articles support.

    Raises:
        EntityLookupError: ``mineral`` names no Mineral, or several (see :mod:`minegraph.graph.lookup`).

    >>> from minegraph.graph.model import Node, Relationship
    >>> g = Graph()
    >>> for i in "abc":
    ...     _ = g.add_node(Node(i, "Country", i.upper()))
    >>> _ = g.add_relationship(Relationship("a", "COOPERATES_WITH", "b"))
    >>> _ = g.add_relationship(Relationship("a", "COOPERATES_WITH", "c"))
    >>> [(row["name"], row["degree"], row["betweenness"]) for row in actor_centrality(g)]
    [('A', 2, 1.0), ('B', 1, 0.0), ('C', 1, 0.0)]
    """
    network = _weighted_network(graph, mineral, documents)
    scores = centrality_scores(network, sample_above=sample_above)
    rows = [{"id": node, "name": network.nodes[node]["name"], "label": network.nodes[node]["label"],
             **scores[node]} for node in network]
    rows.sort(key=lambda row: (-row["pagerank"], row["name"].casefold(), row["id"]))
    return rows[:top] if top is not None else rows


def domestic_actors(graph: Graph, country_id: str) -> set[str]:
    """The ids of the actors of a country: those ``BASED_IN`` it, and the agencies that
    are ``PART_OF`` one of them (at any depth).  Empty for an id that is not a Country.

    >>> from minegraph.graph.model import Node, Relationship
    >>> g = Graph()
    >>> for i, label in [("kr", "Country"), ("min", "Agency"), ("office", "Agency"), ("au", "Country")]:
    ...     _ = g.add_node(Node(i, label, i))
    >>> _ = g.add_relationship(Relationship("min", "BASED_IN", "kr"))
    >>> _ = g.add_relationship(Relationship("office", "PART_OF", "min"))
    >>> sorted(domestic_actors(g, "kr"))
    ['min', 'office']
    """
    node = graph.nodes.get(country_id)
    if node is None or node.label != "Country":
        return set()
    own = {r.source for r in graph.edges("BASED_IN") if r.target == country_id}
    part_of = [(r.source, r.target) for r in graph.edges("PART_OF")]
    grew = True
    while grew:  # PART_OF chains are short; a fixpoint is simplest
        grew = False
        for part, whole in part_of:
            if whole in own and part not in own and part != country_id:
                own.add(part)
                grew = True
    return own


def _dates(graph: Graph, docs: Collection[str]) -> list[str]:
    return sorted(d for doc in docs if (node := graph.nodes.get(doc)) is not None
                  and (d := node.props.get("first_seen")))


def _row(graph: Graph, partner: str, tie: Tie) -> dict[str, Any]:
    """A partner's row: its tie's weight, breakdown, articles and dates, and each part."""
    def name(node_id: str) -> dict[str, str]:
        node = graph.nodes[node_id]
        return {"id": node.id, "name": node.name, "label": node.label}

    via = []
    for part in tie.parts:
        item: dict[str, Any] = ({"id": COOPERATION, "name": "stated cooperation", "label": COOPERATION}
                                if part.id == COOPERATION else dict(name(part.id)))
        item.update(kind=part.kind, weight=part.weight, articles=len(part.articles),
                    carried_by=[graph.nodes[a].name for a in part.carried_by], direct=part.direct)
        if part.parties is not None:
            item["parties"] = part.parties
        via.append(item)
    via.sort(key=lambda item: (-item["weight"], item["name"].casefold(), item["id"]))
    dates = _dates(graph, tie.articles)
    carriers = sorted({a for part in tie.parts for a in part.carried_by})
    row = {**name(partner), "weight": tie.weight, "direct": any(p.id == COOPERATION for p in tie.parts),
           "breakdown": tie.breakdown(), "articles": len(tie.articles),
           "carried_by": [name(a) for a in carriers], "via": via}
    if dates:
        row.update(first_seen=dates[0], last_seen=dates[-1])
    return row


def _ranked(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    rows.sort(key=lambda row: (-row["weight"], row["name"].casefold(), row["id"]))
    return rows


def _bloc(graph: Graph, node_id: str, roll_up: bool) -> tuple[set[str], set[str]]:
    """The country's own actors, and the actors taken as one party with it."""
    own = domestic_actors(graph, node_id)
    return own, ({node_id} | own) if roll_up else {node_id}


def own_actors(graph: Graph, focus: str, mineral: str | None = None, *, roll_up: bool = True,
               documents: Collection[str] | None = None) -> list[dict[str, Any]]:
    """The country's own actors (see :func:`domestic_actors`), each as a partner row of
    :func:`focus_partners` for its own tie with the country (``weight`` 0 and no ``via``
    when it has none), with ``carries``: the partners whose ties it carries in the
    country's ranking (rolled up).  Strongest tie first, then by name; empty when
    ``focus`` is not a Country.

    Raises:
        EntityLookupError: ``focus`` names no actor or several, or ``mineral`` no Mineral or several.
    """
    node = find_entity(graph, focus, ACTOR_LABELS)
    own = domestic_actors(graph, node.id)
    if not own:
        return []
    facts = read_facts(graph, _mineral_id(graph, mineral), documents)
    direct = bloc_ties(facts, {node.id}, node.id)
    carries: dict[str, list[tuple[float, str]]] = {a: [] for a in own}
    if roll_up:
        for partner, tie in bloc_ties(facts, {node.id} | own, node.id).items():
            for carrier in {a for part in tie.parts for a in part.carried_by}:
                carries[carrier].append((tie.weight, partner))
    rows = []
    for actor in own:
        row = _row(graph, actor, direct[actor]) if actor in direct else {
            "id": actor, "name": graph.nodes[actor].name, "label": graph.nodes[actor].label, "weight": 0.0,
            "direct": False, "breakdown": Tie().breakdown(), "articles": 0, "carried_by": [], "via": []}
        row["carries"] = [graph.nodes[p].name for _, p in sorted(carries[actor], key=lambda x: (-x[0], x[1]))]
        rows.append(row)
    return _ranked(rows)


def focus_partners(graph: Graph, focus: str, mineral: str | None = None,
                   top: int | None = None, *, include_domestic: bool = False, roll_up: bool = True,
                   documents: Collection[str] | None = None) -> list[dict[str, Any]]:
    """The partners of one actor, strongest tie first (ties: by name).

    The partners of a country leave out its own actors (those ``BASED_IN`` it and the
    agencies ``PART_OF`` them: see :func:`own_actors`) and, with ``roll_up``, take in
    the ties those own actors have (the country and its own actors count as one party);
    ``include_domestic`` ranks the own actors among the partners instead (no roll-up).
    Foreign agencies and companies remain partners.

    Each row is ``{"id", "name", "label", "weight", "direct", "breakdown", "articles",
    "first_seen", "last_seen", "carried_by", "via"}``: ``weight`` is the tie's weight
    (:mod:`minegraph.graph.ties`), ``breakdown`` that weight by ``agreement``,
    ``event`` and ``cooperation``, ``direct`` whether the two are stated to cooperate,
    ``articles`` how many articles support the tie (first and last seen: their dates,
    when known), ``carried_by`` the own actors of the country that carry part of it, and
    ``via`` what links them, strongest first: ``{"id", "name", "label", "kind",
    "weight", "articles", "parties", "carried_by", "direct"}`` for each agreement or
    event, and ``{"id": "COOPERATES_WITH", "name": "stated cooperation", ...}`` for
    direct statements.

    Args:
        graph: the property graph.
        focus: id, name or alias of a Country, Agency or Company.
        mineral: restrict to ties through agreements covering this mineral.
        top: keep only the first ``top`` partners.
        include_domestic: also rank the country's own actors.
        roll_up: count a country's own actors' ties as the country's.
        documents: when given, only the facts these articles support.

    Raises:
        EntityLookupError: ``focus`` names no actor or several, or ``mineral`` no Mineral or several.

    >>> from minegraph.graph.model import Node, Relationship
    >>> g = Graph()
    >>> for i, name in [("kr", "South Korea"), ("uz", "Uzbekistan"), ("au", "Australia")]:
    ...     _ = g.add_node(Node(i, "Country", name))
    >>> _ = g.add_node(Node("mou", "Agreement", "Critical minerals MOU"))
    >>> for i in ("kr", "uz"):
    ...     _ = g.add_relationship(Relationship(i, "PARTY_TO", "mou", {"doc_ids": ["a1"]}))
    >>> _ = g.add_relationship(Relationship("kr", "COOPERATES_WITH", "au", {"doc_ids": ["a2"]}))
    >>> _ = g.add_relationship(Relationship("au", "COOPERATES_WITH", "kr", {"doc_ids": ["a3"]}))
    >>> [(p["name"], p["weight"], [v["name"] for v in p["via"]]) for p in focus_partners(g, "South Korea")]
    [('Australia', 1.5, ['stated cooperation']), ('Uzbekistan', 1.0, ['Critical minerals MOU'])]
    """
    node = find_entity(graph, focus, ACTOR_LABELS)
    own, bloc = _bloc(graph, node.id, roll_up and not include_domestic)
    facts = read_facts(graph, _mineral_id(graph, mineral), documents)
    rows = []
    for partner, tie in bloc_ties(facts, bloc, node.id).items():
        if partner in own and not include_domestic:
            continue
        row = _row(graph, partner, tie)
        if include_domestic:
            row["domestic"] = partner in own
        rows.append(row)
    rows = _ranked(rows)
    return rows[:top] if top is not None else rows
