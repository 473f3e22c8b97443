"""Which library computes centrality behind ``graph.analytics``: a benchmark.

    python -m bench.betweenness --db /tmp/scale/db-1000      # the partner network of a store
    python -m bench.betweenness --nodes 3000 --edges 20000   # a random graph

Times exact normalised betweenness, and weighted eigenvector centrality, on the same
undirected graph with networkx (the reference), rustworkx and igraph (each when
installed; conversion from networkx included) and, for eigenvector, the power iteration
``graph.analytics`` runs on its sparse matrix; and the largest difference from
networkx's numbers.  igraph was kept, and is the one graph library minegraph depends
on: betweenness gives the same numbers after rescaling, about twice as fast as
rustworkx (1,000 generated articles: 1.22 s against 2.22 s; networkx 58.6 s), and only
igraph computes it from a sample of sources (the estimate above 5,000 actors).
Eigenvector centrality needs no library: networkx's iteration of A + I on a scipy
matrix took 0.003 s on that network, the same numbers as rustworkx (0.05 s with
conversion, within 4e-16), where igraph's ARPACK took 0.03 s, 5e-8 off, and warns on a
disconnected network.  So rustworkx was dropped (issue 23).
"""

from __future__ import annotations

import argparse
import os
import time
from typing import Any

import networkx as nx


def network_of(args: argparse.Namespace) -> nx.Graph:
    if args.db:
        from minegraph.graph import reads
        from minegraph.graph.analytics import partner_network
        from minegraph.graph.store import open_store

        with open_store(args.db) as store:
            return partner_network(reads.read_partner_outline(store))
    return nx.gnm_random_graph(args.nodes, args.edges, seed=1)


def timed(func: Any, *fargs: Any) -> tuple[float, Any]:
    start = time.perf_counter()
    out = func(*fargs)
    return time.perf_counter() - start, out


def with_rustworkx(network: nx.Graph) -> dict[Any, float]:
    import rustworkx as rx

    nodes = list(network)
    index = {node: i for i, node in enumerate(nodes)}
    compiled = rx.PyGraph(multigraph=False)
    compiled.add_nodes_from(range(len(nodes)))
    compiled.add_edges_from_no_data([(index[a], index[b]) for a, b in network.edges() if a != b])
    scores = rx.betweenness_centrality(compiled, normalized=True)
    return {node: float(scores[i]) for i, node in enumerate(nodes)}


def with_igraph(network: nx.Graph) -> dict[Any, float]:
    from minegraph.graph.analytics import exact_betweenness

    return exact_betweenness(network)


def eigenvector_rustworkx(network: nx.Graph) -> dict[Any, float]:
    import rustworkx as rx

    nodes = list(network)
    index = {node: i for i, node in enumerate(nodes)}
    compiled = rx.PyGraph(multigraph=False)
    compiled.add_nodes_from(range(len(nodes)))
    compiled.add_edges_from([(index[a], index[b], float(w)) for a, b, w in network.edges(data="weight", default=1)])
    scores = rx.eigenvector_centrality(compiled, weight_fn=float, max_iter=1000, tol=1e-9)
    return {node: float(scores[i]) for i, node in enumerate(nodes)}


def eigenvector_igraph(network: nx.Graph) -> dict[Any, float]:
    import igraph as ig
    import numpy as np

    nodes = list(network)
    index = {node: i for i, node in enumerate(nodes)}
    edges = [(index[a], index[b], float(w)) for a, b, w in network.edges(data="weight", default=1)]
    compiled = ig.Graph(n=len(nodes), edges=[(a, b) for a, b, _ in edges])
    compiled.es["weight"] = [w for _, _, w in edges]
    values = np.array(compiled.eigenvector_centrality(weights="weight", scale=False))
    values = values / (np.linalg.norm(values) or 1.0)
    return dict(zip(nodes, values.tolist(), strict=True))


def eigenvector_matrix(network: nx.Graph) -> dict[Any, float]:
    from minegraph.graph.analytics import _power_iteration

    nodes = list(network)
    values = _power_iteration(nx.to_scipy_sparse_array(network, nodelist=nodes, weight="weight", dtype=float))
    return dict(zip(nodes, values.tolist(), strict=True))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db")
    parser.add_argument("--nodes", type=int, default=3000)
    parser.add_argument("--edges", type=int, default=20000)
    parser.add_argument("--skip-networkx", action="store_true")
    args = parser.parse_args(argv)
    network = network_of(args)
    print(f"graph: {network.number_of_nodes()} nodes, {network.number_of_edges()} edges; "
          f"load {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    reference = None
    if not args.skip_networkx:
        seconds, reference = timed(nx.betweenness_centrality, network)
        print(f"networkx   {seconds:8.2f} s")
    for name, func in (("rustworkx", with_rustworkx), ("igraph", with_igraph)):
        try:
            seconds, scores = timed(func, network)
        except ImportError:
            print(f"{name:10s} not installed")
            continue
        diff = max((abs(scores[n] - reference[n]) for n in network), default=0.0) if reference else float("nan")
        print(f"{name:10s} {seconds:8.2f} s   max |difference| from networkx {diff:.2e}")
    seconds, reference = timed(lambda g: nx.eigenvector_centrality(g, weight="weight", max_iter=1000, tol=1e-9),
                               network)
    print(f"eigenvector: networkx {seconds:8.3f} s")
    for name, func in (("rustworkx", eigenvector_rustworkx), ("igraph", eigenvector_igraph),
                       ("matrix", eigenvector_matrix)):
        try:
            seconds, scores = timed(func, network)
        except ImportError:
            print(f"eigenvector: {name:10s} not installed")
            continue
        diff = max((abs(scores[n] - reference[n]) for n in network), default=0.0)
        print(f"eigenvector: {name:10s} {seconds:8.3f} s   max |difference| from networkx {diff:.2e}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
