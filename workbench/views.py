"""What the workbench shows, as plain JSON-ready dicts computed from a :class:`Graph`.

No web framework here: :mod:`minegraph.workbench.app` turns these into responses.  Article text
and names go out as JSON strings; the page puts them in with ``textContent`` only.
"""

from __future__ import annotations

import csv
import io
import re
from typing import Any

from minegraph.graph.analytics import domestic_actors, find_node, focus_partners, own_actors, score_nodes
from minegraph.graph.model import ACTOR_LABELS, Graph, Node
from minegraph.graph.viz import LABEL_STYLES, TYPE_COLORS, _undirected, _year, keep_top_nodes, select_subgraph

MAX_NODES = 1000


def _short(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def graph_payload(graph: Graph, *, focus: str | None = None, depth: int = 1,
                  max_nodes: int = MAX_NODES) -> dict[str, Any]:
    """The map's nodes and links (Documents left out), the most central ``max_nodes``
    when there are more.  Each node has ``year`` for the year slider.

    Raises:
        UnknownEntityError: ``focus`` names no entity.
    """
    nodes, rels, focus_id = select_subgraph(graph, focus=focus, depth=depth)
    scores = score_nodes(_undirected(nodes, rels), "pagerank")
    total = len(nodes)
    nodes, rels = keep_top_nodes(nodes, rels, scores, max_nodes, focus_id)
    return {
        "nodes": [{"id": n.id, "label": _short(n.name), "name": n.name, "group": n.label, "aliases": n.aliases,
                   "year": _year(n) if n.label in ("Agreement", "Event") else None,
                   "value": scores.get(n.id, 0.0), "shape": LABEL_STYLES[n.label][1]} for n in nodes],
        "edges": [{"id": f"{r.source}|{r.type}|{r.target}", "from": r.source, "to": r.target, "rtype": r.type,
                   "value": max(1, int(r.props.get("mentions", 1) or 1)),
                   "color": TYPE_COLORS.get(r.type, "#888888"), "dashes": bool(r.props.get("derived"))}
                  for r in rels],
        "focus": focus_id,
        "total_nodes": total,
        "trimmed": total > max_nodes,
    }


def document_ref(graph: Graph, doc_id: str) -> dict[str, Any]:
    doc = graph.nodes.get(doc_id)
    if doc is None:
        return {"id": doc_id, "title": doc_id, "published": None}
    return {"id": doc_id, "title": str(doc.props.get("title") or doc.name or doc_id),
            "published": doc.props.get("published"), "publisher": doc.props.get("publisher")}


def node_details(graph: Graph, node_id: str) -> dict[str, Any]:
    """A node's properties, its partners (actors), and the articles that mention it."""
    node = graph.nodes.get(node_id)
    if node is None:
        raise KeyError(node_id)
    docs = sorted({r.source for r in graph.edges("MENTIONS") if r.target == node_id})
    details: dict[str, Any] = {
        "id": node.id, "label": node.label, "name": node.name, "aliases": node.aliases, "props": node.props,
        "documents": [document_ref(graph, d) for d in docs], "partners": [], "own_actors": [],
        "links": sorted([{"type": r.type, "source": r.source, "target": r.target,
                          "other": graph.nodes[r.target if r.source == node_id else r.source].name}
                         for r in graph.relationships.values()
                         if r.type != "MENTIONS" and node_id in (r.source, r.target)],
                        key=lambda link: (link["type"], link["other"])),
    }
    if node.label in ACTOR_LABELS:
        details["partners"] = focus_partners(graph, node.id, top=20)
        details["own_actors"] = own_actors(graph, node.id)[:20]
    return details


def edge_evidence(graph: Graph, source: str, rel_type: str, target: str) -> dict[str, Any]:
    """A link's evidence sentences, each with the title and date of its article."""
    rel = graph.relationships.get((source, rel_type, target))
    if rel is None:
        raise KeyError((source, rel_type, target))
    evidence = list(rel.props.get("evidence") or [])
    doc_ids = list(rel.props.get("evidence_doc_ids") or [])
    if not doc_ids and len(rel.props.get("doc_ids") or []) == 1:
        doc_ids = list(rel.props["doc_ids"]) * len(evidence)
    return {
        "type": rel.type, "source": {"id": source, "name": graph.nodes[source].name},
        "target": {"id": target, "name": graph.nodes[target].name},
        "mentions": rel.props.get("mentions"), "confidence": rel.props.get("confidence"),
        "derived": bool(rel.props.get("derived")),
        "evidence": [{"sentence": s, "document": document_ref(graph, doc_ids[i]) if i < len(doc_ids) else None}
                     for i, s in enumerate(evidence)],
    }


def in_years(graph: Graph, since: int | None, until: int | None) -> Graph:
    """``graph`` without the Agreements and Events dated outside ``since..until``."""
    if since is None and until is None:
        return graph

    def outside(node: Node) -> bool:
        year = _year(node) if node.label in ("Agreement", "Event") else None
        return year is not None and ((since is not None and year < since) or (until is not None and year > until))

    dropped = {n.id for n in graph.nodes.values() if outside(n)}
    return Graph(nodes={k: v for k, v in graph.nodes.items() if k not in dropped},
                 relationships={k: v for k, v in graph.relationships.items()
                                if k[0] not in dropped and k[2] not in dropped})


def partners(graph: Graph, actor: str, *, mineral: str | None = None, since: int | None = None,
             until: int | None = None, include_domestic: bool = False) -> dict[str, Any]:
    """Ranked partners of an actor (and a country's own actors apart), with the
    agreements and events behind each tie.

    Raises:
        UnknownEntityError: ``actor`` names no actor, or ``mineral`` no Mineral.
    """
    node = find_node(graph, actor, labels=ACTOR_LABELS)
    scoped = in_years(graph, since, until)
    rows = focus_partners(scoped, node.id, mineral=mineral, include_domestic=include_domestic)
    own = [] if include_domestic else own_actors(scoped, node.id, mineral=mineral)
    return {"actor": {"id": node.id, "name": node.name, "label": node.label}, "partners": rows, "own_actors": own,
            "domestic_ids": sorted(domestic_actors(graph, node.id))}


def choices(graph: Graph) -> dict[str, Any]:
    """What the pickers offer: actors, minerals, documents, the year range, the legend."""
    def listed(labels: tuple[str, ...]) -> list[dict[str, str]]:
        return sorted(({"id": n.id, "name": n.name, "label": n.label} for n in graph.nodes.values()
                       if n.label in labels), key=lambda item: (item["name"].casefold(), item["id"]))

    years = [y for n in graph.nodes.values() if n.label in ("Agreement", "Event") and (y := _year(n)) is not None]
    docs = sorted((document_ref(graph, n.id) for n in graph.by_label("Document")),
                  key=lambda d: (str(d.get("published") or ""), d["title"]), reverse=True)
    return {"actors": listed(ACTOR_LABELS), "minerals": listed(("Mineral",)), "documents": docs,
            "years": [min(years), max(years)] if years else None,
            "labels": {label: {"color": colour, "shape": shape} for label, (colour, shape, _) in LABEL_STYLES.items()},
            "types": TYPE_COLORS}


# --- the article view ---------------------------------------------------------------------------


def _pattern(text: str, whole_words: bool) -> re.Pattern[str] | None:
    words = text.split()
    if not words:
        return None
    body = r"\s+".join(re.escape(w) for w in words)
    return re.compile(rf"(?<!\w){body}(?!\w)" if whole_words else body, re.IGNORECASE)


def article(graph: Graph, doc_id: str, text: str | None) -> dict[str, Any]:
    """An article's text with spans to highlight (``[start, end, kind, id]``: its
    entities' names and its evidence sentences) and the facts taken from it."""
    doc = graph.nodes.get(doc_id)
    if doc is None or doc.label != "Document":
        raise KeyError(doc_id)
    entity_ids = sorted({r.target for r in graph.edges("MENTIONS") if r.source == doc_id})
    facts, sentences = [], []
    for rel in graph.relationships.values():
        if rel.type == "MENTIONS" or doc_id not in (rel.props.get("doc_ids") or []):
            continue
        mine = [s for s, d in zip(rel.props.get("evidence") or [], rel.props.get("evidence_doc_ids") or [],
                                  strict=False) if d == doc_id]
        sentences += mine
        facts.append({"source": rel.source, "source_name": graph.nodes[rel.source].name, "type": rel.type,
                      "target": rel.target, "target_name": graph.nodes[rel.target].name, "evidence": mine})
    facts.sort(key=lambda f: (f["type"], f["source_name"], f["target_name"]))
    spans: list[list[Any]] = []
    if text:
        for sentence in dict.fromkeys(sentences):
            pattern = _pattern(sentence, whole_words=False)
            if pattern and (match := pattern.search(text)):
                spans.append([match.start(), match.end(), "evidence", None])
        for node_id in entity_ids:
            node = graph.nodes[node_id]
            for form in sorted({node.name, *node.aliases}, key=len, reverse=True):
                pattern = _pattern(form, whole_words=True) if len(form) > 1 else None
                for match in pattern.finditer(text) if pattern else ():
                    spans.append([match.start(), match.end(), "entity", node_id])
    spans.sort(key=lambda s: (s[0], -s[1]))
    return {**document_ref(graph, doc_id), "path": doc.props.get("path"), "text": text,
            "entities": [{"id": i, "name": graph.nodes[i].name, "label": graph.nodes[i].label} for i in entity_ids],
            "spans": spans, "facts": facts}


# --- query results ----------------------------------------------------------------------------


def result_graph(graph: Graph, rows: list[list[Any]]) -> dict[str, Any] | None:
    """The nodes a query returned (dicts with ``labels`` and an ``id``) and, when it
    returned relationships too, the links of those types among them; None when the
    result holds no nodes."""
    node_ids: dict[str, dict[str, Any]] = {}
    types: set[str] = set()

    def walk(value: Any) -> None:
        if isinstance(value, dict):
            if "labels" in value and isinstance(value.get("id"), str):
                node_ids.setdefault(value["id"], value)
            elif isinstance(value.get("type"), str) and "labels" not in value:
                types.add(value["type"])
            for item in value.values():
                if isinstance(item, (list, dict)):
                    walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk(rows)
    if not node_ids:
        return None
    nodes = []
    for node_id, value in node_ids.items():
        label = (value.get("labels") or ["?"])[0]
        name = str(value.get("name") or node_id)
        nodes.append({"id": node_id, "label": _short(name), "name": name, "group": label,
                      "shape": LABEL_STYLES.get(label, ("", "dot", ""))[1]})
    edges = [{"id": f"{r.source}|{r.type}|{r.target}", "from": r.source, "to": r.target, "rtype": r.type,
              "color": TYPE_COLORS.get(r.type, "#888888")}
             for r in graph.relationships.values()
             if r.type in types and r.source in node_ids and r.target in node_ids]
    return {"nodes": nodes, "edges": edges}


def to_csv(columns: list[str], rows: list[list[Any]]) -> str:
    import json

    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(columns)
    for row in rows:
        writer.writerow(["" if v is None else v if isinstance(v, (str, int, float)) else
                         json.dumps(v, ensure_ascii=False) for v in row])
    return out.getvalue()
