"""The workbench's views, one module each, with their routes (``ROUTES``):

* :mod:`~minegraph.workbench.views.page`: the page, its assets, and what its pickers offer;
* :mod:`~minegraph.workbench.views.map`: the map, a node's details, a link's evidence;
* :mod:`~minegraph.workbench.views.partners`: an actor's ranked partners;
* :mod:`~minegraph.workbench.views.measures`: the measures by mineral, kind, government and year;
* :mod:`~minegraph.workbench.views.articles`: an article's text with its highlights and facts;
* :mod:`~minegraph.workbench.views.console`: the Cypher console and the named queries;
* :mod:`~minegraph.workbench.views.curation`: the curation decisions;
* :mod:`~minegraph.workbench.views.timeline`: agreements, events and partners by year, and what changed.

Each view reads from the store just what it shows (:mod:`minegraph.graph.selection`,
:mod:`minegraph.graph.details`; only the map keeps an outline of the whole graph) and
answers with JSON the page inserts with ``textContent`` only.  The helpers below shape
what several views send.
"""

from __future__ import annotations

from typing import Any

from minegraph.graph.model import Node


def short(text: str, limit: int = 40) -> str:
    """``text`` cut to ``limit`` characters with an ellipsis (a node's caption)."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def document_ref(doc: Node | None, doc_id: str) -> dict[str, Any]:
    """How a view cites an article: id, title (else name, else id), date, publisher."""
    if doc is None:
        return {"id": doc_id, "title": doc_id, "published": None}
    return {"id": doc_id, "title": str(doc.props.get("title") or doc.name or doc_id),
            "published": doc.props.get("published"), "publisher": doc.props.get("publisher")}
