"""The articles view (``/api/article``): an article's text, read again from its file with
the reader a build uses (given to the workbench by its caller), with its entities and
evidence sentences to highlight and the facts taken from it.  Only that article's
Document, entities and links are read (:func:`minegraph.graph.details.read_article`)."""

from __future__ import annotations

import re
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from minegraph.graph.details import read_article
from minegraph.graph.model import Graph
from minegraph.workbench import state
from minegraph.workbench.guards import guarded
from minegraph.workbench.state import Workbench
from minegraph.workbench.views import document_ref


@guarded
async def article_view(request: Request) -> Response:
    bench = state.of(request)
    doc_id = request.query_params.get("id", "")
    with bench.lock:
        graph = read_article(bench.store, doc_id)
    doc = graph.nodes.get(doc_id)
    if doc is None or doc.label != "Document":
        raise KeyError(doc_id)
    text, note = article_text(bench, str(doc.props.get("path") or ""))
    return JSONResponse({**article(graph, doc_id, text), "note": note})


def article_text(bench: Workbench, path: str) -> tuple[str | None, str | None]:
    """The article's text read again from its file, or None and why not."""
    if not path:
        return None, "the store does not say where this article's file is"
    if bench.read_article is None:
        return None, "this workbench was started without an article reader"
    try:
        return bench.read_article(path), None
    except (ValueError, OSError) as exc:
        return None, f"the article's file cannot be read now ({exc})"


def _pattern(text: str, whole_words: bool) -> re.Pattern[str] | None:
    words = text.split()
    if not words:
        return None
    body = r"\s+".join(re.escape(w) for w in words)
    return re.compile(rf"(?<!\w){body}(?!\w)" if whole_words else body, re.IGNORECASE)


def article(graph: Graph, doc_id: str, text: str | None) -> dict[str, Any]:
    """An article's text with spans to highlight (``[start, end, kind, id]``: its
    entities' names and its evidence sentences) and the facts taken from it, from
    ``graph`` holding its Document, the entities it MENTIONS and the links it supports."""
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
    return {**document_ref(doc, doc_id), "path": doc.props.get("path"), "text": text,
            "entities": [{"id": i, "name": graph.nodes[i].name, "label": graph.nodes[i].label} for i in entity_ids],
            "spans": spans, "facts": facts}


ROUTES = [Route("/api/article", article_view)]
