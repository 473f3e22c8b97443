"""Property-based tests: arbitrary text never crashes extraction, and what it returns
always fits the ontology."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from minegraph.graph.model import Graph, allowed
from minegraph.loaders.documents import Document, normalise_text
from minegraph.loaders.pipeline import build_graph

# words that steer the extractor into its rules, mixed with arbitrary Unicode
CUES = ["Chile", "Germany's", "Ministry of Mines", "signed", "an MOU", "(ABC)", "ABC", "lithium", "rare earths",
        "Corp.", "forum", "in Seoul", "Minister", "Jane Doe", "said", "companies including", ",", "and", ".", "\n",
        "the", "U.S.", "Korea", "2024", "joint venture", "summit", "held", "with", "'s", "“", "”", "—"]
texts = st.lists(st.one_of(st.sampled_from(CUES), st.text(max_size=12)), max_size=80).map(" ".join)


def check(graph: Graph) -> None:
    for rel in graph.relationships.values():
        src, dst = graph.nodes[rel.source], graph.nodes[rel.target]
        assert allowed(rel.type, src.label, dst.label)
        assert rel.type == "MENTIONS" or rel.props.get("evidence")
    for node in graph.nodes.values():
        assert node.name and node.name.strip() == node.name


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(texts, min_size=1, max_size=3))
def test_extraction_of_arbitrary_text_never_crashes(bodies):
    docs = [Document(f"d{i}", f"d{i}.txt", normalise_text(body), str(i)) for i, body in enumerate(bodies)]
    check(build_graph(docs))


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=3000))
def test_extraction_of_arbitrary_unicode_never_crashes(body):
    check(build_graph([Document("d", "d.txt", normalise_text(body), "0")]))
