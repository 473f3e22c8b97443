"""Partner analytics over the property graph: finding entities, the partner network,
centrality of actors and the ranked partners of one actor.

Everything here is a pure function of a :class:`~minegraph.graph.model.Graph` (no store, no
printing).  Results are plain dicts and lists of Python ``int``/``float``/``str``, never
numpy scalars, so they can go straight to ``json.dumps``.

The partner network
-------------------
Actors (Country, Agency, Company) are linked when

* both are ``PARTY_TO`` or ``LEADS`` the same Agreement,
* both ``PARTICIPATED_IN``, ``ORGANIZED`` or ``LEADS`` the same Event, or
* one is stated to ``COOPERATES_WITH`` the other.

The **weight** of a tie is how much evidence supports it: the sum of the ``mentions``
(number of supporting sentences/documents, at least 1) of every link behind it.  Two
actors who both signed one MOU, each link read once, have weight 2; a further article
confirming one of them raises it to 3; a sentence stating that they cooperate adds its
own ``mentions``.  Weights are integers (evidence counts); centrality scores are floats
rounded to 6 decimals so that equal scores compare equal and rankings are stable.
"""

from __future__ import annotations

import itertools
import math
import random
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

import networkx as nx

from minegraph.graph.model import ACTOR_LABELS, ENTITY_LABELS, Graph, Node

#: relationship types that tie an actor to an Agreement or an Event it takes part in
AGREEMENT_LINKS = ("PARTY_TO", "LEADS")
EVENT_LINKS = ("PARTICIPATED_IN", "ORGANIZED", "LEADS")
#: the ``via`` marker for ties read from a ``COOPERATES_WITH`` statement
COOPERATION = "COOPERATES_WITH"

#: above this many nodes betweenness is estimated from a sample of source nodes: exact
#: betweenness is compiled (igraph) but still O(nodes x ties); on the 12,500 actors
#: and 180,000 ties of 10,000 generated articles it took minutes of CPU
EXACT_BETWEENNESS_MAX_NODES = 5000
BETWEENNESS_SAMPLES = 500
#: fixed seed so that sampled betweenness is repeatable
SEED = 42
DIGITS = 6

__all__ = [
    "UnknownEntityError", "find_node", "normalise_name", "partner_network", "actor_centrality",
    "focus_partners", "own_actors", "domestic_actors", "centrality_scores", "score_nodes", "MEASURES",
    "exact_betweenness", "sampled_betweenness",
]


class UnknownEntityError(LookupError):
    """No entity matches a name; the message suggests close names."""

    def __init__(self, name: str, suggestions: Iterable[str] = ()):
        self.name = name
        self.suggestions = list(suggestions)
        message = f"no entity named {name!r}"
        if self.suggestions:
            message += "; did you mean " + ", ".join(repr(s) for s in self.suggestions) + "?"
        super().__init__(message)


# --- finding entities --------------------------------------------------------------------

_POSSESSIVE = re.compile(r"['’]s?$")
_LEADING_THE = re.compile(r"^the\s+")
_SPACES = re.compile(r"\s+")


def normalise_name(text: str) -> str:
    """The form names are compared in: case-folded, without a leading "the" or a possessive.

    >>> normalise_name("  The Republic of Korea's ")
    'republic of korea'
    >>> normalise_name("KOREA  Zinc")
    'korea zinc'
    """
    text = unicodedata.normalize("NFKC", text).casefold().strip()
    text = _SPACES.sub(" ", text)
    text = _POSSESSIVE.sub("", _LEADING_THE.sub("", text)).strip()
    return text


def find_node(graph: Graph, name: str, labels: tuple[str, ...] | None = None) -> Node:
    """The node whose id, name or alias is ``name`` (case-insensitive).

    Names are compared after :func:`normalise_name`, so "the Philippines" and
    "Philippines'" find "Philippines".  A match on the name wins over a match on an alias;
    remaining ties go to the first label in ontology order, then the smallest id.

    Args:
        graph: the graph to search.
        name: an id, a name or an alias.
        labels: only nodes with one of these labels; default every entity label
            (Document nodes are found only when ``"Document"`` is asked for).

    Raises:
        UnknownEntityError: nothing matches; the message lists up to 3 close names.

    >>> from minegraph.graph.model import Node
    >>> g = Graph()
    >>> _ = g.add_node(Node("kr", "Country", "South Korea", ["Republic of Korea", "Korea"]))
    >>> find_node(g, "the republic of korea's").id
    'kr'
    >>> find_node(g, "Sout Korea")
    Traceback (most recent call last):
    ...
    minegraph.graph.analytics.UnknownEntityError: no entity named 'Sout Korea'; did you mean 'South Korea'?
    """
    wanted = tuple(labels) if labels is not None else ENTITY_LABELS
    candidates = [n for n in graph.nodes.values() if n.label in wanted]
    if name in graph.nodes and graph.nodes[name].label in wanted:
        return graph.nodes[name]
    key = normalise_name(name)
    order = {label: i for i, label in enumerate(wanted)}
    hits: list[tuple[int, int, str, Node]] = []
    for node in candidates:
        if normalise_name(node.name) == key or normalise_name(node.id) == key:
            hits.append((0, order[node.label], node.id, node))
        elif any(normalise_name(alias) == key for alias in node.aliases):
            hits.append((1, order[node.label], node.id, node))
    if hits:
        return min(hits, key=lambda hit: hit[:3])[3]
    raise UnknownEntityError(name, _suggestions(key, candidates))


def _suggestions(key: str, candidates: list[Node], limit: int = 3) -> list[str]:
    """Names of up to ``limit`` nodes whose name or alias is close to ``key``."""
    from rapidfuzz import fuzz, process

    forms: dict[str, str] = {}  # normalised surface form -> node name
    for node in sorted(candidates, key=lambda n: n.id):
        for form in (node.name, *node.aliases):
            forms.setdefault(normalise_name(form), node.name)
    if not key or not forms:
        return []
    names: list[str] = []
    for form, _score, _ in process.extract(key, list(forms), scorer=fuzz.WRatio, limit=limit * 4,
                                           score_cutoff=60):
        if forms[form] not in names:
            names.append(forms[form])
    return names[:limit]


# --- the partner network -----------------------------------------------------------------


def _mentions(props: dict[str, Any]) -> int:
    return max(1, int(props.get("mentions", 1) or 1))


def partner_network(graph: Graph, mineral: str | None = None) -> nx.Graph:
    """The undirected partner network of actors (see the module docstring).

    Nodes are the actors that have at least one tie, with attributes ``label`` and
    ``name``.  Each edge has ``weight`` (evidence count, an int), ``via`` (the sorted ids
    of the agreements and events behind the tie, plus ``"COOPERATES_WITH"`` when the tie
    is also stated directly) and ``via_weight`` (the evidence each of those contributes).

    Args:
        graph: the property graph.
        mineral: when given (a Mineral's id, name or alias), keep only ties through
            agreements that ``COVERS`` that mineral; events and direct cooperation
            statements then do not count.

    Raises:
        UnknownEntityError: ``mineral`` names no Mineral.

    >>> from minegraph.graph.model import Node, Relationship
    >>> g = Graph()
    >>> for i, name in [("kr", "South Korea"), ("uz", "Uzbekistan")]:
    ...     _ = g.add_node(Node(i, "Country", name))
    >>> _ = g.add_node(Node("mou", "Agreement", "Korea-Uzbekistan MOU"))
    >>> _ = g.add_relationship(Relationship("kr", "PARTY_TO", "mou", {"mentions": 2}))
    >>> _ = g.add_relationship(Relationship("uz", "PARTY_TO", "mou", {"mentions": 1}))
    >>> dict(partner_network(g)["kr"]["uz"])
    {'weight': 3, 'via': ['mou'], 'via_weight': {'mou': 3}}
    """
    members, cooperation = _memberships(graph, mineral)
    # (a, b) with a < b -> via id -> evidence
    ties: dict[tuple[str, str], dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for hub_id, evidence in members.items():
        for a, b in itertools.combinations(sorted(evidence), 2):
            ties[(a, b)][hub_id] += evidence[a] + evidence[b]
    for pair, mentions in cooperation:
        ties[pair][COOPERATION] += mentions

    network = nx.Graph()
    for (a, b), via in sorted(ties.items()):
        for node_id in (a, b):
            if node_id not in network:
                node = graph.nodes[node_id]
                network.add_node(node_id, label=node.label, name=node.name)
        network.add_edge(a, b, weight=sum(via.values()), via=sorted(via),
                         via_weight={k: via[k] for k in sorted(via)})
    return network


def _memberships(graph: Graph, mineral: str | None
                 ) -> tuple[dict[str, dict[str, int]], list[tuple[tuple[str, str], int]]]:
    """What the partner network is made of: hub id -> actor id -> the evidence of that
    actor's links to the hub, and the cooperation statements as ``((a, b), mentions)``
    with ``a < b`` (none when ``mineral`` is given)."""
    actors = {n.id for n in graph.nodes.values() if n.label in ACTOR_LABELS}
    hub_links: dict[str, tuple[str, ...]] = {"Agreement": AGREEMENT_LINKS, "Event": EVENT_LINKS}
    allowed_hubs: set[str] | None = None
    if mineral is not None:
        target = find_node(graph, mineral, labels=("Mineral",))
        allowed_hubs = {r.source for r in graph.edges("COVERS") if r.target == target.id}
        hub_links = {"Agreement": AGREEMENT_LINKS}

    members: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for rel in graph.relationships.values():
        hub = graph.nodes.get(rel.target)
        if rel.source not in actors or hub is None or rel.type not in hub_links.get(hub.label, ()):
            continue
        if allowed_hubs is not None and hub.id not in allowed_hubs:
            continue
        members[hub.id][rel.source] += _mentions(rel.props)
    cooperation = []
    if mineral is None:
        for rel in graph.edges("COOPERATES_WITH"):
            if rel.source in actors and rel.target in actors and rel.source != rel.target:
                a, b = sorted((rel.source, rel.target))
                cooperation.append(((a, b), _mentions(rel.props)))
    return members, cooperation


def _weighted_network(graph: Graph, mineral: str | None = None) -> nx.Graph:
    """:func:`partner_network` without ``via``: the same nodes, ties and weights, added
    in the same order (so every score is the same), with the pairs summed by sparse
    matrix products instead of a Python loop over each hub's pairs (10,000 generated
    articles: 184,000 ties).

    The weight of a tie through hub h is e[a,h] + e[b,h] for members a and b: over all
    hubs that is (E·Bᵀ + B·Eᵀ)[a,b], with E the actors x hubs evidence and B its
    pattern.
    """
    import numpy as np
    from scipy import sparse

    members, cooperation = _memberships(graph, mineral)
    ids = sorted({a for evidence in members.values() for a in evidence} | {a for pair, _ in cooperation for a in pair})
    index = {node_id: i for i, node_id in enumerate(ids)}
    rows, cols, values = [], [], []
    for column, evidence in enumerate(members.values()):
        for actor, weight in evidence.items():
            rows.append(index[actor])
            cols.append(column)
            values.append(weight)
    shape = (len(ids), max(1, len(members)))
    evidence = sparse.csr_matrix((np.array(values, dtype=np.int64), (rows, cols)), shape=shape)
    pattern = evidence.copy()
    pattern.data[:] = 1
    through = evidence @ pattern.T
    weights = sparse.triu(through + through.T, k=1).tocsr()
    if cooperation:
        pairs = np.array([(index[a], index[b]) for (a, b), _ in cooperation], dtype=np.int64).reshape(-1, 2)
        stated = sparse.csr_matrix((np.array([m for _, m in cooperation], dtype=np.int64), (pairs[:, 0], pairs[:, 1])),
                                   shape=(len(ids), len(ids)))
        weights = weights + stated
    weights = weights.tocoo()
    order = np.lexsort((weights.col, weights.row))
    sources, targets = weights.row[order].tolist(), weights.col[order].tolist()
    tie_weights = weights.data[order].tolist()
    network = nx.Graph()
    first_seen = dict.fromkeys(itertools.chain.from_iterable(zip(sources, targets, strict=True)))
    network.add_nodes_from((ids[i], {"label": graph.nodes[ids[i]].label, "name": graph.nodes[ids[i]].name})
                           for i in first_seen)
    network.add_weighted_edges_from((ids[a], ids[b], w) for a, b, w in zip(sources, targets, tie_weights, strict=True))
    return network


def _ties_of(graph: Graph, node_id: str, mineral: str | None = None) -> nx.Graph:
    """The ties of one actor exactly as in :func:`partner_network` (same ``weight``,
    ``via`` and ``via_weight``), without the ties among its partners: a star around
    ``node_id`` (empty when it has no tie).  A country at the centre of thousands of
    agreements has millions of pairs among its partners; its own row needs none."""
    members, cooperation = _memberships(graph, mineral)
    ties: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for hub_id, evidence in members.items():
        if node_id in evidence:
            for partner, weight in evidence.items():
                if partner != node_id:
                    ties[partner][hub_id] += evidence[node_id] + weight
    for (a, b), mentions in cooperation:
        if node_id in (a, b):
            ties[b if a == node_id else a][COOPERATION] += mentions
    network = nx.Graph()
    for partner, via in sorted(ties.items()):
        for end in (node_id, partner):
            if end not in network:
                network.add_node(end, label=graph.nodes[end].label, name=graph.nodes[end].name)
        network.add_edge(node_id, partner, weight=sum(via.values()), via=sorted(via),
                         via_weight={k: via[k] for k in sorted(via)})
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
                     sample_above: int = EXACT_BETWEENNESS_MAX_NODES) -> list[dict[str, Any]]:
    """Rank the actors of the partner network by PageRank (ties: by name).

    Each row is ``{"id", "name", "label", "degree", "weighted_degree", "betweenness",
    "eigenvector", "pagerank"}``: degree counts partners, weighted degree sums tie
    weights (evidence), betweenness is normalised and counts hops, eigenvector and
    PageRank use the tie weights.  When the network has more than ``sample_above``
    actors betweenness is estimated from a fixed-seed sample and every row also has
    ``"approximate": True``.  Actors without any tie are left out.

    Args:
        graph: the property graph.
        mineral: restrict to ties through agreements covering this mineral.
        top: keep only the first ``top`` rows.

    Raises:
        UnknownEntityError: ``mineral`` names no Mineral.

    >>> from minegraph.graph.model import Node, Relationship
    >>> g = Graph()
    >>> for i in "abc":
    ...     _ = g.add_node(Node(i, "Country", i.upper()))
    >>> _ = g.add_relationship(Relationship("a", "COOPERATES_WITH", "b"))
    >>> _ = g.add_relationship(Relationship("a", "COOPERATES_WITH", "c"))
    >>> [(row["name"], row["degree"], row["betweenness"]) for row in actor_centrality(g)]
    [('A', 2, 1.0), ('B', 1, 0.0), ('C', 1, 0.0)]
    """
    network = _weighted_network(graph, mineral)
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


def _tie_rows(graph: Graph, network: nx.Graph, node_id: str, keep: Any) -> list[dict[str, Any]]:
    rows = []
    for partner, tie in network[node_id].items():
        if not keep(partner):
            continue
        via = []
        for via_id in tie["via"]:
            if via_id == COOPERATION:
                item = {"id": COOPERATION, "name": "stated cooperation", "label": COOPERATION}
            else:
                hub = graph.nodes[via_id]
                item = {"id": hub.id, "name": hub.name, "label": hub.label}
            via.append({**item, "weight": tie["via_weight"][via_id]})
        via.sort(key=lambda item: (-item["weight"], item["name"].casefold(), item["id"]))
        rows.append({"id": partner, "name": network.nodes[partner]["name"],
                     "label": network.nodes[partner]["label"], "weight": int(tie["weight"]),
                     "direct": COOPERATION in tie["via"], "via": via})
    rows.sort(key=lambda row: (-row["weight"], row["name"].casefold(), row["id"]))
    return rows


def own_actors(graph: Graph, focus: str, mineral: str | None = None) -> list[dict[str, Any]]:
    """The country's own actors (see :func:`domestic_actors`), each as a partner row of
    :func:`focus_partners` (``weight`` 0 and no ``via`` when it has no tie to the
    country), strongest tie first, then by name.  Empty when ``focus`` is not a Country.

    Raises:
        UnknownEntityError: ``focus`` names no actor, or ``mineral`` no Mineral.
    """
    node = find_node(graph, focus, labels=ACTOR_LABELS)
    own = domestic_actors(graph, node.id)
    network = _ties_of(graph, node.id, mineral)
    rows = _tie_rows(graph, network, node.id, own.__contains__) if node.id in network else []
    tied = {row["id"] for row in rows}
    rows += sorted(({"id": i, "name": graph.nodes[i].name, "label": graph.nodes[i].label, "weight": 0,
                     "direct": False, "via": []} for i in own - tied),
                   key=lambda row: (row["name"].casefold(), row["id"]))
    return rows


def focus_partners(graph: Graph, focus: str, mineral: str | None = None,
                   top: int | None = None, *, include_domestic: bool = False) -> list[dict[str, Any]]:
    """The partners of one actor, strongest tie first (ties: by name).

    The partners of a country leave out its own actors (those ``BASED_IN`` it and the
    agencies ``PART_OF`` them: see :func:`own_actors`) unless ``include_domestic``;
    foreign agencies and companies remain partners.

    Each row is ``{"id", "name", "label", "weight", "direct", "via"}`` where ``weight``
    is the evidence behind the tie, ``direct`` says whether the two are stated to
    cooperate, and ``via`` lists what links them, strongest first:
    ``{"id", "name", "label", "weight"}`` for each agreement or event, and
    ``{"id": "COOPERATES_WITH", "name": "stated cooperation", "label":
    "COOPERATES_WITH", "weight"}`` for direct statements.

    Args:
        graph: the property graph.
        focus: id, name or alias of a Country, Agency or Company.
        mineral: restrict to ties through agreements covering this mineral.
        top: keep only the first ``top`` partners.
        include_domestic: also rank the country's own actors.

    Raises:
        UnknownEntityError: ``focus`` names no actor, or ``mineral`` no Mineral.

    >>> from minegraph.graph.model import Node, Relationship
    >>> g = Graph()
    >>> for i, name in [("kr", "South Korea"), ("uz", "Uzbekistan"), ("au", "Australia")]:
    ...     _ = g.add_node(Node(i, "Country", name))
    >>> _ = g.add_node(Node("mou", "Agreement", "Critical minerals MOU"))
    >>> for i in ("kr", "uz"):
    ...     _ = g.add_relationship(Relationship(i, "PARTY_TO", "mou", {"mentions": 2}))
    >>> _ = g.add_relationship(Relationship("kr", "COOPERATES_WITH", "au", {"mentions": 1}))
    >>> [(p["name"], p["weight"], [v["name"] for v in p["via"]]) for p in focus_partners(g, "South Korea")]
    [('Uzbekistan', 4, ['Critical minerals MOU']), ('Australia', 1, ['stated cooperation'])]
    """
    node = find_node(graph, focus, labels=ACTOR_LABELS)
    network = _ties_of(graph, node.id, mineral)
    if node.id not in network:
        return []
    own = domestic_actors(graph, node.id)
    rows = _tie_rows(graph, network, node.id, lambda partner: include_domestic or partner not in own)
    if include_domestic:
        for row in rows:
            row["domestic"] = row["id"] in own
    return rows[:top] if top is not None else rows
