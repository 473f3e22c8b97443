"""Store comparison: the same generated articles in embedded FalkorDB and in a live Neo4j.

    python -m bench.stores                 # 1,000 articles; starts tests/neo4j/server.sh
    python -m bench.stores -n 200 --repeat 3

For each store: the end-to-end ``build_paths`` time of the corpus, rows/s of the batched
writer (``store.apply`` of the whole in-memory graph into an empty store) against the
naive writer (one ``MERGE`` query per node and per relationship, ``bench.baselines``;
timed on the first ``--naive-rows`` nodes and relationships, its rate for the whole
graph computed from those two rates),
and the median latency of every named query (``cypher/*.cypher``).  The Neo4j server
comes from NEO4J_URI / NEO4J_USERNAME / NEO4J_PASSWORD when they are set, else one is
started for the run with ``tests/neo4j/server.sh`` (java and mvn needed) and stopped
after; its database is emptied before each measurement.  Nothing is asserted.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench import log
from bench.baselines import naive_write
from bench.generate import DEFAULT_SEED, generate_corpus

ROOT = Path(__file__).resolve().parent.parent
SERVER_SH = ROOT / "tests" / "neo4j" / "server.sh"


def neo4j_config(work: Path) -> tuple[Any, Path | None]:
    from minegraph.graph.store import Neo4jConfig

    if os.environ.get("NEO4J_URI"):
        return Neo4jConfig(os.environ["NEO4J_URI"], os.environ.get("NEO4J_USERNAME", "neo4j"),
                           os.environ.get("NEO4J_PASSWORD", ""), os.environ.get("NEO4J_DATABASE") or None), None
    server_dir = work / "neo4j"
    log("starting the Neo4j test server")
    out = subprocess.run(["bash", str(SERVER_SH), "start", str(server_dir)], capture_output=True, text=True,
                         check=True)
    env = dict(line.split("=", 1) for line in out.stdout.split())
    return Neo4jConfig(env["NEO4J_URI"], env["NEO4J_USERNAME"], env["NEO4J_PASSWORD"]), server_dir


def named_params(store: Any) -> dict[str, Any]:
    """Parameters that find something: the most linked country, a partner of it, the most linked mineral."""
    top = store.query("MATCH (c:Country)-[r]-() WHERE type(r) <> 'MENTIONS' "
                      "RETURN c.name AS name, count(r) AS n ORDER BY n DESC, name LIMIT 1").rows
    country = top[0][0] if top else "Chile"
    partner = store.query("MATCH (c:Country {name: $c})-[r]-(x) WHERE type(r) <> 'MENTIONS' "
                          "RETURN x.name ORDER BY x.name LIMIT 1", {"c": country}).rows
    mineral = store.query("MATCH (m:Mineral)-[r]-() WHERE type(r) <> 'MENTIONS' "
                          "RETURN m.name AS name, count(r) AS n ORDER BY n DESC, name LIMIT 1").rows
    return {"country": country, "a": country, "b": partner[0][0] if partner else country,
            "status": "signed", "since": 2000, "mineral": mineral[0][0] if mineral else "lithium"}


def query_latency(store: Any, repeat: int) -> dict[str, dict[str, float]]:
    from minegraph.cypher import list_queries

    params = named_params(store)
    out = {}
    for named in list_queries():
        args = {p: params[p] for p in named.params}
        times, rows = [], 0
        for _ in range(repeat):
            start = time.perf_counter()
            rows = len(store.query(named.text, args, timeout=None).rows)
            times.append(time.perf_counter() - start)
        out[named.name] = {"median_ms": round(statistics.median(times) * 1000, 1), "rows": rows}
    return out


def measure(name: str, config: Any, files: list[Path], graph: Any, repeat: int, naive_rows: int) -> dict[str, Any]:
    from minegraph.graph.build import build_paths
    from minegraph.graph.store import Changes, open_store

    nodes = list(graph.nodes.values())
    rels = [(r, graph.nodes[r.source].label, graph.nodes[r.target].label) for r in graph.relationships.values()]
    rows = len(nodes) + len(rels)
    out: dict[str, Any] = {"rows": rows}
    with open_store(config) as store:
        store.clear()
        log(f"{name}: build of {len(files)} articles")
        start = time.perf_counter()
        report = build_paths(store, files)
        out["build_s"] = round(time.perf_counter() - start, 2)
        out["built"] = [report.nodes, report.relationships]
        log(f"{name}: named queries x{repeat}")
        out["queries"] = query_latency(store, repeat)

        store.clear()
        log(f"{name}: batched writer, {rows} rows")
        start = time.perf_counter()
        store.apply(Changes(nodes=nodes, relationships=rels))
        seconds = time.perf_counter() - start
        out["batched"] = {"seconds": round(seconds, 2), "rows_per_s": round(rows / seconds)}

        # the naive writer on up to ``naive_rows`` nodes, then as many relationships
        # (their endpoints written beforehand, untimed); its time for the whole graph is
        # extrapolated from the two rates
        store.clear()
        some_nodes, some_rels = nodes[:naive_rows], rels[:naive_rows]
        log(f"{name}: naive writer, {len(some_nodes)} node and {len(some_rels)} relationship queries")
        start = time.perf_counter()
        naive_write(store, some_nodes, [])
        node_rate = len(some_nodes) / (time.perf_counter() - start)
        store.clear()
        store.apply(Changes(nodes=nodes))
        start = time.perf_counter()
        naive_write(store, [], some_rels)
        rel_rate = len(some_rels) / (time.perf_counter() - start)
        seconds = len(nodes) / node_rate + len(rels) / rel_rate
        out["naive"] = {"seconds": round(seconds, 2), "rows_per_s": round(rows / seconds),
                        "node_rows_per_s": round(node_rate), "relationship_rows_per_s": round(rel_rate),
                        "measured_rows": len(some_nodes) + len(some_rels)}
        out["ratio"] = round(out["batched"]["rows_per_s"] / out["naive"]["rows_per_s"], 1)
        store.clear()
    return out


def table(results: dict[str, dict[str, Any]], n: int) -> str:
    names = list(results)
    lines = [f"| {n:,} generated articles | " + " | ".join(names) + " |",
             "|---|" + "---:|" * len(names)]

    def row(label: str, values: list[str]) -> None:
        lines.append(f"| {label} | " + " | ".join(values) + " |")

    first = results[names[0]]
    row("rows written (nodes + relationships)", [f"{results[s]['rows']:,}" for s in names])
    row("build_paths (extract + resolve + write), s", [f"{results[s]['build_s']}" for s in names])
    row("batched writer, rows/s", [f"{results[s]['batched']['rows_per_s']:,}" for s in names])
    row("naive writer (one MERGE per row), rows/s", [f"{results[s]['naive']['rows_per_s']:,}" for s in names])
    row("  of which nodes / relationships, rows/s",
        [f"{results[s]['naive']['node_rows_per_s']:,} / {results[s]['naive']['relationship_rows_per_s']:,}"
         for s in names])
    row("batched / naive", [f"{results[s]['ratio']}x" for s in names])
    for query in first["queries"]:
        row(f"query `{query}`, median ms (rows)",
            [f"{results[s]['queries'][query]['median_ms']} ({results[s]['queries'][query]['rows']})" for s in names])
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-n", type=int, default=1000, help="generated articles (default 1000)")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--repeat", type=int, default=5, help="runs of each named query (median reported)")
    parser.add_argument("--naive-rows", type=int, default=3000,
                        help="nodes and relationships the naive writer writes (its rate is extrapolated)")
    parser.add_argument("--out", type=Path, help="also write the figures as JSON here")
    args = parser.parse_args(argv)

    from bench.corpus import read_corpus
    from minegraph.graph.store import StoreConfig
    from minegraph.loaders.pipeline import build_graph

    with tempfile.TemporaryDirectory(prefix="minegraph-stores-") as tmp:
        work = Path(tmp)
        corpus = work / "corpus"
        log(f"generating {args.n} articles")
        generate_corpus(corpus, args.n, seed=args.seed)
        files = sorted(corpus.glob("*.txt"))
        log("in-memory graph for the writers")
        graph = build_graph(read_corpus(corpus))
        config, server_dir = neo4j_config(work)
        try:
            results = {
                "embedded FalkorDB": measure("falkordb", StoreConfig(work / "falkordb"), files, graph, args.repeat,
                                             args.naive_rows),
                "Neo4j 5.26 (Bolt, loopback)": measure("neo4j", StoreConfig(neo4j=config), files, graph,
                                                       args.repeat, args.naive_rows),
            }
        finally:
            if server_dir is not None:
                subprocess.run(["bash", str(SERVER_SH), "stop", str(server_dir)], check=False)
    text = table(results, args.n)
    print(text)
    print(f"\nload average after the run: {' '.join(f'{x:.1f}' for x in os.getloadavg())} "
          f"on {os.cpu_count()} cores")
    if args.out:
        args.out.write_text(json.dumps({"n": args.n, "seed": args.seed, "results": results}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
