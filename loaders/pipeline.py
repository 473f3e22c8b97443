"""Documents -> one merged graph: extract each article, resolve it against what is known,
and fold it in as that article's claims (with a Document node and MENTIONS links)."""

from __future__ import annotations

from collections.abc import Iterable

from graph.model import Graph, Node, Relationship
from loaders.documents import Document
from loaders.extract import extract_graph
from loaders.resolve import resolve_against


def add_document_links(graph: Graph, doc: Document) -> Graph:
    """Add the article's Document node and a MENTIONS link to every entity in ``graph``."""
    entity_ids = sorted(graph.nodes)
    graph.add_node(Node(doc.id, "Document", doc.title or doc.id, [], doc.metadata()))
    for node_id in entity_ids:
        graph.add_relationship(Relationship(doc.id, "MENTIONS", node_id, {"confidence": 1.0}))
    return graph


def document_graph(doc: Document, known: Graph) -> Graph:
    """The graph one article supports, its entities mapped onto ``known`` ones."""
    return add_document_links(resolve_against(extract_graph(doc), known), doc)


def build_graph(documents: Iterable[Document], base: Graph | None = None) -> Graph:
    """Fold ``documents`` one by one into ``base`` (or a new graph) and return it."""
    graph = base if base is not None else Graph()
    for doc in documents:
        graph.absorb(doc.id, document_graph(doc, graph))
    return graph
