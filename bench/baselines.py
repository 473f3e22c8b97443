"""What minegraph is measured against, in the same run and on the same input: a naive
regex NER for extraction, one ``MERGE`` query per row for loading."""

from __future__ import annotations

import re
from collections import Counter
from itertools import combinations
from typing import Any

_SENTENCE = re.compile(r"(?<=[.!?])\s+|\n+")
_CAPITALISED = re.compile(r"[A-Z][\w&'.-]*(?:\s+(?:of|and|the|for|de|&)?\s*[A-Z][\w&'.-]*)*")


def naive_ner(text: str) -> Counter[tuple[str, str]]:
    """The baseline: split sentences with one regex, take maximal capitalised n-grams
    (allowing "of"/"and"/"the" inside) as entities, and count co-occurring pairs per
    sentence.  A naive NER + relation stand-in: no types, no resolution, no rules."""
    pairs: Counter[tuple[str, str]] = Counter()
    for sentence in _SENTENCE.split(text):
        names = sorted(set(_CAPITALISED.findall(sentence)))
        pairs.update(combinations(names, 2))
    return pairs


def naive_write(store: Any, nodes: list[Any], rels: list[tuple[Any, str, str]]) -> None:
    """The baseline writer: one parameterised MERGE per node and per relationship."""
    from minegraph.graph.model import check_label, check_type
    from minegraph.graph.statements import _storable

    for node in nodes:
        store.query(f"MERGE (n:{check_label(node.label)} {{id: $id}}) SET n = $props",
                    {"id": node.id, "props": _storable(node.properties())}, write=True)
    for rel, src_label, dst_label in rels:
        store.query(f"MATCH (a:{check_label(src_label)} {{id: $source}}) "
                    f"MATCH (b:{check_label(dst_label)} {{id: $target}}) "
                    f"MERGE (a)-[r:{check_type(rel.type)}]->(b) SET r = $props",
                    {"source": rel.source, "target": rel.target, "props": _storable(rel.properties())}, write=True)
