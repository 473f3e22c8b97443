"""Which library computes exact betweenness behind ``graph.analytics``: a benchmark.

    python -m bench.betweenness --db /tmp/scale/db-1000      # the partner network of a store
    python -m bench.betweenness --nodes 3000 --edges 20000   # a random graph

Times exact normalised betweenness on the same undirected graph with networkx (the
reference), rustworkx and igraph (each when installed; conversion from networkx
included), and the largest difference from networkx's numbers.  igraph was chosen:
same numbers after rescaling, and about twice as fast as rustworkx here with conversion
(1,000 generated articles: 1.05 s against 2.17 s; networkx 58.6 s); it also computes
betweenness from a sample of sources (the estimate above 5,000 actors) compiled.
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
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
