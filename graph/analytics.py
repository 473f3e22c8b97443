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
from dataclasses import dataclass
from typing import Any

import networkx as nx

from minegraph.graph.lookup import find_entity
from minegraph.graph.model import ACTOR_LABELS, Graph
from minegraph.graph.ties import (
    AGREEMENT_LINKS,
    COOPERATION,
    EVENT_LINKS,
    Facts,
    Tie,
    bloc_ties,
    frame_weight,
    pair_ties,
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


@dataclass
class PartnerArrays:
    """What the partner network is made of, as compact arrays (no Python object per
    link or article): the actors sorted by id (``ids``, ``labels``, ``names``) and the
    party each counts as (``homes``: equal codes for an agency, a company and the
    country they belong to, see :func:`minegraph.graph.ties.homes`); the frames
    (``hub_event``: True for an Event, False for an Agreement, hubs by position in the
    order of their ids); one row per actor, frame and supporting article
    (``member_actor``, ``member_hub``, ``member_doc``); one row per cooperating pair
    and article with its value ``1/k`` (``pair_a``, ``pair_b``, ``pair_doc``,
    ``pair_value``); the articles by position (``documents``).
    :func:`minegraph.graph.selection.read_partner_arrays` reads it from a store,
    :func:`partner_arrays` from a graph in memory."""

    ids: list[str]
    labels: list[str]
    names: list[str]
    homes: Any  # numpy arrays from here on
    hub_event: Any
    member_actor: Any
    member_hub: Any
    member_doc: Any
    pair_a: Any
    pair_b: Any
    pair_doc: Any
    pair_value: Any
    documents: list[str]


def partner_arrays(graph: Graph, mineral: str | None = None) -> PartnerArrays:
    """:class:`PartnerArrays` of a graph in memory (``mineral`` as in :func:`partner_network`):
    the facts :func:`minegraph.graph.ties.read_facts` reads, as arrays."""
    import numpy as np

    facts = read_facts(graph, _mineral_id(graph, mineral))
    actors = sorted(n.id for n in graph.nodes.values() if n.label in ACTOR_LABELS)
    index = {node_id: i for i, node_id in enumerate(actors)}
    docs: dict[str, int] = {}
    members = [(index[actor], hub, docs.setdefault(doc, len(docs)))
               for hub, (_, by_actor) in enumerate(sorted(facts.frames.items()))
               for actor, supported in by_actor.items() for doc in sorted(supported)]
    pairs = [(index[a], index[b], docs.setdefault(doc, len(docs)), value)
             for (a, b), values in facts.cooperation.items() for doc, value in values.items()]
    homes: dict[str, int] = {}
    return PartnerArrays(
        actors, [graph.nodes[a].label for a in actors], [graph.nodes[a].name for a in actors],
        np.array([homes.setdefault(facts.homes.get(a, a), len(homes)) for a in actors], dtype=np.int64),
        np.array([facts.labels[hub] == "Event" for hub in sorted(facts.frames)], dtype=bool),
        member_actor=np.array([m[0] for m in members], dtype=np.int64),
        member_hub=np.array([m[1] for m in members], dtype=np.int64),
        member_doc=np.array([m[2] for m in members], dtype=np.int64),
        pair_a=np.array([p[0] for p in pairs], dtype=np.int64), pair_b=np.array([p[1] for p in pairs], dtype=np.int64),
        pair_doc=np.array([p[2] for p in pairs], dtype=np.int64),
        pair_value=np.array([p[3] for p in pairs], dtype=float), documents=list(docs))


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


def _unique_rows(*columns: Any) -> tuple[Any, ...]:
    """The distinct rows of parallel int arrays, sorted by the first column, then the next..."""
    import numpy as np

    if not len(columns[0]):
        return columns
    order = np.lexsort(columns[::-1])
    sorted_columns = [c[order] for c in columns]
    keep = np.ones(len(order), dtype=bool)
    keep[1:] = np.any([c[1:] != c[:-1] for c in sorted_columns], axis=0)
    return tuple(c[keep] for c in sorted_columns)


def _group_pairs(group: Any) -> tuple[Any, Any]:
    """Every pair ``i < j`` of row positions within each run of equal values of the
    sorted array ``group``: one product per run size instead of a loop per run."""
    import numpy as np

    if not len(group):
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    starts = np.flatnonzero(np.r_[True, group[1:] != group[:-1]])
    sizes = np.diff(np.r_[starts, len(group)])
    firsts, seconds = [np.zeros(0, dtype=np.int64)], [np.zeros(0, dtype=np.int64)]
    for size in np.unique(sizes[sizes > 1]):
        low, high = np.triu_indices(int(size), 1)
        at = starts[sizes == size][:, None]
        firsts.append((at + low).ravel())
        seconds.append((at + high).ravel())
    return np.concatenate(firsts), np.concatenate(seconds)


def pair_weight_arrays(arrays: PartnerArrays, documents: Collection[str] | None = None) -> tuple[Any, Any, Any]:
    """The weight of every tie, as :func:`minegraph.graph.ties.pair_weights` gives it
    (the same numbers), computed on the arrays: ``(a, b, weight)`` with ``a < b`` actor
    positions, sorted.  With ``documents``, only the facts those articles support.

    A frame's part of a tie is ``frame_weight(label, parties, |docs(a) ∪ docs(b)|)``:
    the union's size is ``|docs(a)| + |docs(b)| - |docs(a) ∩ docs(b)|``, the
    intersections counted by pairing the members that one article supports in one frame.
    """
    import numpy as np

    actor, hub, doc = arrays.member_actor, arrays.member_hub, arrays.member_doc
    coop_a, coop_b, coop_doc, coop_value = arrays.pair_a, arrays.pair_b, arrays.pair_doc, arrays.pair_value
    if documents is not None:
        allowed = np.array([d in documents for d in arrays.documents], dtype=bool)
        keep, keep_coop = allowed[doc] if len(doc) else doc.astype(bool), \
            allowed[coop_doc] if len(coop_doc) else coop_doc.astype(bool)
        actor, hub, doc = actor[keep], hub[keep], doc[keep]
        coop_a, coop_b, coop_doc, coop_value = coop_a[keep_coop], coop_b[keep_coop], coop_doc[keep_coop], \
            coop_value[keep_coop]
    hub, actor, doc = _unique_rows(hub, actor, doc)
    # members: one row per (hub, actor), with its number of articles
    new_member = np.r_[True, (hub[1:] != hub[:-1]) | (actor[1:] != actor[:-1])] if len(hub) else \
        np.zeros(0, dtype=bool)
    member_of_row = np.cumsum(new_member) - 1
    member_hub, member_actor = hub[new_member], actor[new_member]
    member_docs = np.bincount(member_of_row, minlength=len(member_hub))
    # parties: the members of each frame counted by home
    party_hub, _ = _unique_rows(member_hub, arrays.homes[member_actor]) if len(member_hub) else (member_hub, None)
    parties = np.bincount(party_hub, minlength=len(arrays.hub_event))
    first, second = _group_pairs(member_hub)  # member positions, same hub, first's actor < second's
    # articles both members of a pair share in its frame
    by_doc = np.lexsort((member_of_row, doc, hub))
    shared_first, shared_second = _group_pairs(hub[by_doc] * (int(doc.max()) + 1 if len(doc) else 1) + doc[by_doc])
    members = len(member_hub)
    shared_keys, shared_counts = np.unique(member_of_row[by_doc][shared_first] * members
                                           + member_of_row[by_doc][shared_second], return_counts=True)
    pair_keys = first * members + second
    at = np.searchsorted(shared_keys, pair_keys)
    found = (at < len(shared_keys)) & (shared_keys[np.minimum(at, max(len(shared_keys) - 1, 0))] == pair_keys) \
        if len(shared_keys) else np.zeros(len(pair_keys), dtype=bool)
    shared = np.where(found, shared_counts[np.minimum(at, max(len(shared_counts) - 1, 0))]
                      if len(shared_counts) else 0, 0)
    union = member_docs[first] + member_docs[second] - shared
    frame = member_hub[first]
    combos, inverse = np.unique(np.stack([arrays.hub_event[frame].astype(np.int64), parties[frame], union]), axis=1,
                                return_inverse=True) if len(frame) else (np.zeros((3, 0), dtype=np.int64),
                                                                         np.zeros(0, dtype=np.int64))
    table = np.array([frame_weight("Event" if event else "Agreement", int(n), int(k))
                      for event, n, k in combos.T], dtype=float)
    part_a, part_b = member_actor[first], member_actor[second]
    part_weight = table[np.ravel(inverse)] if len(frame) else np.zeros(0)
    part_order = frame  # a tie's frame parts add in the order of the frames' ids, then cooperation
    # stated cooperation: per pair and article its best value, then diminishing returns
    if len(coop_a):
        low, high = np.minimum(coop_a, coop_b), np.maximum(coop_a, coop_b)
        order = np.lexsort((-coop_value, coop_doc, high, low))
        low, high, coop_doc, coop_value = low[order], high[order], coop_doc[order], coop_value[order]
        best = np.r_[True, (low[1:] != low[:-1]) | (high[1:] != high[:-1]) | (coop_doc[1:] != coop_doc[:-1])]
        low, high, values = low[best], high[best], coop_value[best]
        order = np.lexsort((-values, high, low))
        low, high, values = low[order], high[order], values[order]
        starts = np.flatnonzero(np.r_[True, (low[1:] != low[:-1]) | (high[1:] != high[:-1])])
        rank = np.arange(len(low)) - np.repeat(starts, np.diff(np.r_[starts, len(low)])) + 1
        stated = np.round(np.add.reduceat(values / rank, starts), DIGITS)
        part_a, part_b = np.r_[part_a, low[starts]], np.r_[part_b, high[starts]]
        part_weight = np.r_[part_weight, stated]
        part_order = np.r_[part_order, np.full(len(starts), len(arrays.hub_event))]
    if not len(part_a):
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, np.zeros(0)
    order = np.lexsort((part_order, part_b, part_a))
    part_a, part_b, part_weight = part_a[order], part_b[order], part_weight[order]
    starts = np.flatnonzero(np.r_[True, (part_a[1:] != part_a[:-1]) | (part_b[1:] != part_b[:-1])])
    return part_a[starts], part_b[starts], np.round(np.add.reduceat(part_weight, starts), DIGITS)


def compact_network(arrays: PartnerArrays, documents: Collection[str] | None = None) -> CompactNetwork:
    """The ties and weights of :func:`partner_network` (without their parts) as a sparse
    matrix, from arrays (10,000 generated articles: 184,000 ties, no Python object per
    tie).  Nodes are the actors with a tie, ordered by their first tie (ties sorted by
    actor position), as networkx lists them when the ties are added in that order."""
    import numpy as np
    from scipy import sparse

    rows, cols, w = pair_weight_arrays(arrays, documents)
    n = len(arrays.ids)
    first_seen = np.stack([rows, cols], axis=1).ravel()
    _, first = np.unique(first_seen, return_index=True)
    nodes = first_seen[np.sort(first)]  # actors in the order of their first tie
    position = np.full(n, -1, dtype=np.int64)
    position[nodes] = np.arange(len(nodes))
    a, b = position[rows], position[cols]
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
        graph: the property graph, or the partner network's arrays as a store gives them
            (:func:`minegraph.graph.selection.read_partner_arrays`, already for ``mineral``).
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
    arrays = graph if isinstance(graph, PartnerArrays) else partner_arrays(graph, mineral)
    net = compact_network(arrays, documents)
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


def _dates(graph: Graph, docs: Collection[str]) -> list[str]:
    return sorted(d for doc in docs if (node := graph.nodes.get(doc)) is not None
                  and (d := node.props.get("first_seen")))


def _row(graph: Graph, partner: str, tie: Tie, carriers_named: dict[tuple[str, ...], list[str]] | None = None
         ) -> dict[str, Any]:
    """A partner's row: its tie's weight, breakdown, articles and dates, and each part.
    ``carriers_named`` keeps the names of each part's carriers across the rows of one
    ranking (a frame's carriers are the same for every partner in it: a country with
    hundreds of own actors names them once a frame, not once a partner)."""
    def name(node_id: str) -> dict[str, str]:
        node = graph.nodes[node_id]
        return {"id": node.id, "name": node.name, "label": node.label}

    via = []
    for part in tie.parts:
        item: dict[str, Any] = ({"id": COOPERATION, "name": "stated cooperation", "label": COOPERATION}
                                if part.id == COOPERATION else dict(name(part.id)))
        named = carriers_named.get(part.carried_by) if carriers_named is not None else None
        if named is None:
            named = [graph.nodes[a].name for a in part.carried_by]
            if carriers_named is not None:
                carriers_named[part.carried_by] = named
        item.update(kind=part.kind, weight=part.weight, articles=len(part.articles), carried_by=list(named),
                    direct=part.direct)
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
               documents: Collection[str] | None = None, facts: Facts | None = None) -> list[dict[str, Any]]:
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
    if facts is None:
        facts = read_facts(graph, _mineral_id(graph, mineral), documents)
    direct = bloc_ties(facts, {node.id}, node.id)
    carries: dict[str, list[tuple[float, str]]] = {a: [] for a in own}
    if roll_up:
        for partner, tie in bloc_ties(facts, {node.id} | own, node.id).items():
            # the weight sums every part: once a partner, not once for each of its carriers
            # (a country's tie with a big partner has thousands of parts and hundreds of carriers)
            weight = tie.weight
            for carrier in {a for part in tie.parts for a in part.carried_by}:
                carries[carrier].append((weight, partner))
    rows = []
    carriers_named: dict[tuple[str, ...], list[str]] = {}
    for actor in own:
        row = _row(graph, actor, direct[actor], carriers_named) if actor in direct else {
            "id": actor, "name": graph.nodes[actor].name, "label": graph.nodes[actor].label, "weight": 0.0,
            "direct": False, "breakdown": Tie().breakdown(), "articles": 0, "carried_by": [], "via": []}
        row["carries"] = [graph.nodes[p].name for _, p in sorted(carries[actor], key=lambda x: (-x[0], x[1]))]
        rows.append(row)
    return _ranked(rows)


def focus_partners(graph: Graph, focus: str, mineral: str | None = None,
                   top: int | None = None, *, include_domestic: bool = False, roll_up: bool = True,
                   documents: Collection[str] | None = None, facts: Facts | None = None) -> list[dict[str, Any]]:
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
        facts: :func:`minegraph.graph.ties.read_facts` of ``graph`` for ``mineral`` and
            ``documents``, when read already (a caller that also asks :func:`own_actors`).

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
    if facts is None:
        facts = read_facts(graph, _mineral_id(graph, mineral), documents)
    # ranked on the ties' weights and the partners' names first, so that only the rows
    # shown are made (a country with a thousand companies has thousands of partners)
    ties = [(partner, tie, tie.weight) for partner, tie in bloc_ties(facts, bloc, node.id).items()
            if include_domestic or partner not in own]
    ties.sort(key=lambda item: (-item[2], graph.nodes[item[0]].name.casefold(), item[0]))
    rows = []
    carriers_named: dict[tuple[str, ...], list[str]] = {}
    for partner, tie, _ in ties[:top] if top is not None else ties:
        row = _row(graph, partner, tie, carriers_named)
        if include_domestic:
            row["domestic"] = partner in own
        rows.append(row)
    return rows
