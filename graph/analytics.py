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
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

import networkx as nx

from minegraph.graph.lookup import find_entity
from minegraph.graph.model import ACTOR_LABELS, Graph

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
    "partner_network", "actor_centrality",
    "focus_partners", "own_actors", "domestic_actors", "centrality_scores", "score_nodes", "MEASURES",
    "exact_betweenness", "sampled_betweenness",
]


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
        EntityLookupError: ``mineral`` names no Mineral, or several (see :mod:`minegraph.graph.lookup`).

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
        target = find_entity(graph, mineral, ("Mineral",))
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


@dataclass
class PartnerArrays:
    """What the partner network is made of, as compact arrays: the actors (positions
    into ``ids``, ``labels``, ``names``), each actor's link to a hub (an agreement or an
    event, by position) with its evidence, and the stated cooperation between two
    actors with its evidence.  :func:`minegraph.graph.selection.read_partner_arrays`
    reads it from a store, :func:`partner_arrays` from a graph in memory."""

    ids: list[str]
    labels: list[str]
    names: list[str]
    member_actor: Any  # numpy int arrays, parallel
    member_hub: Any
    member_evidence: Any
    pair_a: Any
    pair_b: Any
    pair_evidence: Any


def partner_arrays(graph: Graph, mineral: str | None = None) -> PartnerArrays:
    """:class:`PartnerArrays` of a graph in memory (``mineral`` as in :func:`partner_network`)."""
    import numpy as np

    members, cooperation = _memberships(graph, mineral)
    actors = sorted({a for evidence in members.values() for a in evidence} | {a for pair, _ in cooperation
                                                                              for a in pair})
    index = {node_id: i for i, node_id in enumerate(actors)}
    rows = [(index[actor], hub, weight) for hub, (_, evidence) in enumerate(members.items())
            for actor, weight in evidence.items()]
    return PartnerArrays(
        actors, [graph.nodes[a].label for a in actors], [graph.nodes[a].name for a in actors],
        np.array([r[0] for r in rows], dtype=np.int64), np.array([r[1] for r in rows], dtype=np.int64),
        np.array([r[2] for r in rows], dtype=np.int64),
        np.array([index[a] for (a, _), _ in cooperation], dtype=np.int64),
        np.array([index[b] for (_, b), _ in cooperation], dtype=np.int64),
        np.array([m for _, m in cooperation], dtype=np.int64))


@dataclass
class CompactNetwork:
    """The weighted partner network as a symmetric sparse matrix: node ``i`` is the actor
    ``ids[i]``, in the order a networkx graph built from the ties would list it."""

    ids: list[str]
    labels: list[str]
    names: list[str]
    weights: Any  # scipy CSR, symmetric, no diagonal

    def __len__(self) -> int:
        return len(self.ids)


def compact_network(arrays: PartnerArrays) -> CompactNetwork:
    """The ties and weights of :func:`partner_network` without ``via``, summed by sparse
    matrix products instead of a Python loop over each hub's pairs (10,000 generated
    articles: 184,000 ties), in arrays (no Python object per tie).

    The weight of a tie through hub h is e[a,h] + e[b,h] for members a and b: over all
    hubs that is (E·Bᵀ + B·Eᵀ)[a,b], with E the actors x hubs evidence and B its
    pattern; stated cooperation adds its evidence.  Nodes are the actors with a tie,
    ordered by their first tie (ties sorted by actor position), as networkx would list them.
    """
    import numpy as np
    from scipy import sparse

    n = len(arrays.ids)
    hubs = int(arrays.member_hub.max()) + 1 if len(arrays.member_hub) else 1
    evidence = sparse.csr_matrix((arrays.member_evidence, (arrays.member_actor, arrays.member_hub)),
                                 shape=(n, hubs), dtype=np.int64)
    pattern = evidence.copy()
    pattern.data[:] = 1
    through = evidence @ pattern.T
    weights = sparse.triu(through + through.T, k=1).tocsr()
    if len(arrays.pair_a):
        low = np.minimum(arrays.pair_a, arrays.pair_b)
        high = np.maximum(arrays.pair_a, arrays.pair_b)
        keep = low != high
        weights = weights + sparse.csr_matrix((arrays.pair_evidence[keep], (low[keep], high[keep])), shape=(n, n))
    upper = weights.tocoo()
    upper.eliminate_zeros()
    order = np.lexsort((upper.col, upper.row))
    rows, cols = upper.row[order], upper.col[order]
    first_seen = np.stack([rows, cols], axis=1).ravel()
    _, first = np.unique(first_seen, return_index=True)
    nodes = first_seen[np.sort(first)]  # actors in the order of their first tie
    position = np.full(n, -1, dtype=np.int64)
    position[nodes] = np.arange(len(nodes))
    a, b, w = position[rows], position[cols], upper.data[order].astype(float)
    matrix = sparse.csr_matrix((np.concatenate([w, w]), (np.concatenate([a, b]), np.concatenate([b, a]))),
                               shape=(len(nodes), len(nodes)))
    matrix.sort_indices()
    picked = nodes.tolist()
    return CompactNetwork([arrays.ids[i] for i in picked], [arrays.labels[i] for i in picked],
                          [arrays.names[i] for i in picked], matrix)


def _compact(network: nx.Graph) -> CompactNetwork:
    """A networkx graph's nodes and edge weights as a :class:`CompactNetwork`."""
    from scipy import sparse

    nodes = list(network)
    matrix = nx.to_scipy_sparse_array(network, nodelist=nodes, weight="weight", dtype=float) if nodes else \
        sparse.csr_matrix((0, 0))
    matrix = sparse.csr_matrix(matrix)
    matrix.setdiag(0)
    matrix.eliminate_zeros()
    return CompactNetwork(nodes, [str(network.nodes[n].get("label", "")) for n in nodes],
                          [str(network.nodes[n].get("name", "")) for n in nodes], matrix)


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


def _eigenvector(net: CompactNetwork) -> Any:
    """Weighted eigenvector centrality that works on any graph (an array by position).

    Power iteration on the whole graph first.  If it does not converge (it can stall
    when two components have almost the same leading eigenvalue), each connected
    component is solved exactly with a dense/sparse symmetric eigensolver and its vector
    is scaled by ``sqrt(len(component) / n)`` so the whole vector keeps unit length.
    """
    import numpy as np
    from scipy.sparse.csgraph import connected_components

    n = len(net)
    if n == 0:
        return np.zeros(0)
    try:
        return _power_iteration(net.weights)
    except ArithmeticError:
        pass
    scores = np.zeros(n)
    count, component_of = connected_components(net.weights, directed=False)
    for component in range(count):
        members = np.flatnonzero(component_of == component)
        scale = (len(members) / n) ** 0.5
        if len(members) == 1:
            scores[members] = scale
            continue
        scores[members] = scale * _leading_eigenvector(net.weights[members][:, members])
    return scores


def _power_iteration(matrix: Any, max_iter: int = 1000, tol: float = 1e-9) -> Any:
    """``networkx.eigenvector_centrality`` (weighted, the same iteration of A + I from a
    uniform start and the same tolerance) on a sparse matrix: the same numbers, as an
    array.  Raises ArithmeticError when it does not converge."""
    import numpy as np

    n = matrix.shape[0]
    x = np.full(n, 1.0 / n)
    for _ in range(max_iter):
        last = x
        x = last + matrix @ last
        norm = float(np.sqrt(np.dot(x, x))) or 1.0
        x = x / norm
        if float(np.abs(x - last).sum()) < n * tol:
            return x
    raise ArithmeticError("no convergence")


def _leading_eigenvector(matrix: Any) -> Any:
    import numpy as np

    if matrix.shape[0] > 2000:
        from scipy.sparse.linalg import eigsh

        _values, vectors = eigsh(matrix.astype(float), k=1, which="LA")
        vector = vectors[:, 0]
    else:
        _values, vectors = np.linalg.eigh(matrix.toarray())
        vector = vectors[:, -1]
    vector = np.abs(vector)
    return vector / (np.linalg.norm(vector) or 1.0)


def _pagerank(matrix: Any, alpha: float = 0.85, max_iter: int = 100, tol: float = 1.0e-6) -> Any:
    """``networkx.pagerank`` (weighted, its scipy power iteration step by step) on a
    sparse matrix: the same numbers, as an array."""
    import numpy as np
    from scipy import sparse

    n = matrix.shape[0]
    out = np.asarray(matrix.sum(axis=1)).ravel()
    inverse = np.zeros(n)
    inverse[out != 0] = 1.0 / out[out != 0]
    walk = sparse.diags(inverse) @ matrix
    x = np.repeat(1.0 / n, n)
    p = np.repeat(1.0 / n, n)
    dangling = np.flatnonzero(out == 0)
    for _ in range(max_iter):
        last = x
        x = alpha * (x @ walk + sum(x[dangling]) * p) + (1 - alpha) * p
        if np.absolute(x - last).sum() < n * tol:
            return x
    raise nx.PowerIterationFailedConvergence(max_iter)


def exact_betweenness(network: nx.Graph) -> dict[Any, float]:
    """Normalised betweenness on hop counts, the same numbers as
    ``networkx.betweenness_centrality(network)``, computed by igraph (compiled: on the
    partner network of 1,000 generated articles, 2,759 actors, 1.0 s against 2.2 s for
    rustworkx and 59 s for networkx, see ``bench/betweenness.py``).

    >>> exact_betweenness(nx.path_graph(3))
    {0: 0.0, 1: 1.0, 2: 0.0}
    """
    net = _compact(network)
    return dict(zip(net.ids, _betweenness_of(net, None).tolist(), strict=True))


def sampled_betweenness(network: nx.Graph, k: int, seed: int = SEED) -> dict[Any, float]:
    """``networkx.betweenness_centrality(network, k=k, seed=seed)`` computed by igraph:
    the same sample of ``k`` source nodes (``random.Random(seed).sample``), the same
    rescaling, the same numbers (to rounding), but compiled: 500 sources on the 12,570
    actors of 10,000 generated articles take about 2 s instead of two minutes.

    >>> star = nx.star_graph(4)
    >>> sampled_betweenness(star, 2) == nx.betweenness_centrality(star, k=2, seed=SEED)
    True
    """
    net = _compact(network)
    if k >= len(net):
        return exact_betweenness(network)
    sources = random.Random(seed).sample(range(len(net)), k)
    return dict(zip(net.ids, _betweenness_of(net, sources).tolist(), strict=True))


def _betweenness_of(net: CompactNetwork, sources: list[int] | None) -> Any:
    """Betweenness of every node from ``sources`` (positions; every node when None),
    rescaled as networkx rescales it (normalised, endpoints left out), by igraph."""
    import igraph as ig
    import numpy as np
    from scipy import sparse

    n = len(net)
    if n <= 2:
        return np.zeros(n)
    upper = sparse.triu(net.weights, k=1).tocoo()
    compiled = ig.Graph(n=n, edges=np.stack([upper.row, upper.col], axis=1).tolist())
    if sources is None:
        # igraph counts each unordered pair once: networkx divides by (n-1)(n-2)/2
        return np.array(compiled.betweenness(directed=False)) * (2 / ((n - 1) * (n - 2)))
    # from a sample networkx adds each source's dependencies (igraph halves them on an
    # undirected graph, hence 2x) and divides by k(n-2), or (k-1)(n-2) on a sampled node
    k = len(sources)
    raw = np.array(compiled.betweenness(directed=False, sources=sources))
    scale = np.full(n, 2 / (k * (n - 2)))
    scale[sources] = 2 / ((k - 1) * (n - 2)) if k > 1 else math.nan
    return raw * scale


def _sampled_sources(net: CompactNetwork, sample_above: int) -> list[int] | None:
    """The sources betweenness is estimated from (None: exact): ``BETWEENNESS_SAMPLES``
    positions drawn with the fixed ``SEED`` above ``sample_above`` nodes."""
    n = len(net)
    if n > sample_above and min(n, BETWEENNESS_SAMPLES) < n:
        return random.Random(SEED).sample(range(n), min(n, BETWEENNESS_SAMPLES))
    return None


def compact_scores(net: CompactNetwork, *, sample_above: int = EXACT_BETWEENNESS_MAX_NODES) -> list[dict[str, Any]]:
    """Degree, weighted degree, betweenness, eigenvector and PageRank of every node of
    ``net``, by position (``"approximate": True`` when betweenness was sampled)."""
    import numpy as np

    n = len(net)
    if n == 0:
        return []
    sources = _sampled_sources(net, sample_above)
    approximate = n > sample_above
    betweenness = _betweenness_of(net, sources)
    eigenvector = _eigenvector(net)
    pagerank = _pagerank(net.weights) if net.weights.nnz else np.full(n, 1.0 / n)
    degree = np.diff(net.weights.indptr)
    strength = np.asarray(net.weights.sum(axis=1)).ravel()
    rows = []
    for i in range(n):
        row: dict[str, Any] = {
            "degree": int(degree[i]),
            "weighted_degree": _number(strength[i]),
            "betweenness": round(float(betweenness[i]), DIGITS),
            "eigenvector": round(float(eigenvector[i]), DIGITS),
            "pagerank": round(float(pagerank[i]), DIGITS),
        }
        if approximate:
            row["approximate"] = True
        rows.append(row)
    return rows


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
    net = _compact(network)
    return dict(zip(net.ids, compact_scores(net, sample_above=sample_above), strict=True))


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
        net = _compact(network)
        values = dict(zip(net.ids, _betweenness_of(net, _sampled_sources(net, sample_above)).tolist(), strict=True))
    elif network.number_of_edges():
        values = nx.pagerank(network, weight="weight")
    else:
        values = {node: 1.0 / network.number_of_nodes() for node in network}
    return {node: round(float(values[node]), DIGITS) for node in network}


def _number(value: Any) -> int | float:
    """An int when the value is integral (evidence counts), else a rounded float."""
    value = float(value)
    return int(value) if value.is_integer() else round(value, DIGITS)


def actor_centrality(graph: Graph | PartnerArrays, mineral: str | None = None, top: int | None = None, *,
                     sample_above: int = EXACT_BETWEENNESS_MAX_NODES) -> list[dict[str, Any]]:
    """Rank the actors of the partner network by PageRank (ties: by name).

    Each row is ``{"id", "name", "label", "degree", "weighted_degree", "betweenness",
    "eigenvector", "pagerank"}``: degree counts partners, weighted degree sums tie
    weights (evidence), betweenness is normalised and counts hops, eigenvector and
    PageRank use the tie weights.  When the network has more than ``sample_above``
    actors betweenness is estimated from a fixed-seed sample and every row also has
    ``"approximate": True``.  Actors without any tie are left out.

    Args:
        graph: the property graph, or the partner network's arrays as a store gives them
            (:func:`minegraph.graph.selection.read_partner_arrays`, already for ``mineral``).
        mineral: restrict to ties through agreements covering this mineral.
        top: keep only the first ``top`` rows.

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
    arrays = graph if isinstance(graph, PartnerArrays) else partner_arrays(graph, mineral)
    net = compact_network(arrays)
    scores = compact_scores(net, sample_above=sample_above)
    rows = [{"id": node, "name": name, "label": label, **row}
            for node, name, label, row in zip(net.ids, net.names, net.labels, scores, strict=True)]
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
        EntityLookupError: ``focus`` names no actor or several, or ``mineral`` no Mineral or several.
    """
    node = find_entity(graph, focus, ACTOR_LABELS)
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
        EntityLookupError: ``focus`` names no actor or several, or ``mineral`` no Mineral or several.

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
    node = find_entity(graph, focus, ACTOR_LABELS)
    network = _ties_of(graph, node.id, mineral)
    if node.id not in network:
        return []
    own = domestic_actors(graph, node.id)
    rows = _tie_rows(graph, network, node.id, lambda partner: include_domestic or partner not in own)
    if include_domestic:
        for row in rows:
            row["domestic"] = row["id"] in own
    return rows[:top] if top is not None else rows
