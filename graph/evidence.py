"""How a link's sentences are kept: a bounded sample on the link, the rest per article.

A link that 5,000 articles support keeps on itself every supporting article's id and
its confidence and number of sentences (``doc_ids``, ``doc_confidences``,
``doc_sentences``, parallel lists), but only a sample of the sentences: the first
:data:`EVIDENCE_SAMPLE` (``evidence``, with their articles in ``evidence_doc_ids``) and
the latest article's (``evidence_latest``, its article in ``evidence_latest_doc``; only
when they are not in the sample already, so nothing is kept twice).
Appending an article to it then rewrites lists of ids and numbers, never a list of
5,000 sentences, and the server's memory and its log follow the sample.

The rest of each article's sentences stay with the article: on its ``MENTIONS`` link to
the link's source node, ``evidence_more`` holds them as JSON (``{link key: [sentence,
...]}``), and ``links`` lists every link the article supports from that node (one text,
a key a line), so taking the article back finds its links by their ends instead of
scanning the node's links.
A link key is ``TYPE<tab>target label<tab>target id`` (:func:`link_key`).

Readers that show a few sentences read the sample; a reader that needs them all (an
export, one link's or one article's view) puts them back together with
:func:`complete`, in the order an article appended them, so a store's export is what it
was when links carried every sentence.  Links written before this (every sentence on
the link, no ``doc_sentences``) read as they are.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

#: sentences kept on a link (the first ones appended); a map's tooltip shows five
EVIDENCE_SAMPLE = 10
#: sentences of the latest supporting article kept on a link
EVIDENCE_LATEST = 5
#: a MENTIONS link's record of the links its article supports from the node, and the
#: sentences of theirs that are not in the link's sample
LINKS_PROPERTY = "links"
MORE_PROPERTY = "evidence_more"
#: a link's per-article counts and its latest article's sentences
COUNTS_PROPERTY = "doc_sentences"
LATEST_PROPERTY = "evidence_latest"
LATEST_DOC_PROPERTY = "evidence_latest_doc"
#: properties that only say how sentences are kept (never shown, never exported)
RECORD_PROPERTIES = (LINKS_PROPERTY, MORE_PROPERTY, COUNTS_PROPERTY, LATEST_PROPERTY, LATEST_DOC_PROPERTY)

Overflow = dict[tuple[str, str, str, str], list[str]]  # (doc, source, type, target) -> sentences


def link_key(rel_type: str, target_label: str, target: str) -> str:
    """How an article's MENTIONS link names a link from its node."""
    return f"{rel_type}\t{target_label}\t{target}"


def write_links(keys: list[str]) -> str:
    """A MENTIONS link's ``links``: the keys, one a line (one value, not a list of them)."""
    return "\n".join(keys)


def read_links(raw: Any) -> list[str]:
    """The keys a MENTIONS link's ``links`` holds (none when absent)."""
    return raw.split("\n") if isinstance(raw, str) and raw else []


def parse_key(key: str) -> tuple[str, str, str]:
    """``(type, target label, target id)`` of a :func:`link_key`."""
    rel_type, label, target = key.split("\t", 2)
    return rel_type, label, target


def split(room: int, sentences: Iterable[tuple[str, list[str]]]) -> tuple[list[str], list[str], dict[str, list[str]]]:
    """Articles' sentences appended to a link whose sample has ``room`` places left:
    the sentences and their articles that go into the sample, and per article the
    sentences that stay with it (in order: what fits, then the rest)."""
    sample: list[str] = []
    sample_docs: list[str] = []
    rest: dict[str, list[str]] = {}
    for doc, said in sentences:
        fits = max(0, min(room, len(said)))
        sample += said[:fits]
        sample_docs += [doc] * fits
        room -= fits
        if said[fits:]:
            rest[doc] = list(said[fits:])
    return sample, sample_docs, rest


def read_more(raw: Any) -> dict[str, list[str]]:
    """A MENTIONS link's ``evidence_more`` (empty when absent or not minegraph's)."""
    if not isinstance(raw, str):
        return {}
    try:
        data = json.loads(raw)
    except json.JSONDecodeError:
        return {}
    if not isinstance(data, dict):
        return {}
    return {str(k): [s for s in v if isinstance(s, str)] for k, v in data.items() if isinstance(v, list)}


def write_more(rest: dict[str, list[str]]) -> str:
    return json.dumps(dict(sorted(rest.items())), ensure_ascii=False)


def overflow_of(doc: str, source: str, raw: Any) -> Overflow:
    """The sentences a MENTIONS link's ``evidence_more`` keeps, by link."""
    out: Overflow = {}
    for key, sentences in read_more(raw).items():
        rel_type, _, target = parse_key(key)
        out[(doc, source, rel_type, target)] = sentences
    return out


def complete(source: str, rel_type: str, target: str, props: dict[str, Any], overflow: Overflow) -> dict[str, Any]:
    """A link's stored properties with every sentence back in ``evidence`` /
    ``evidence_doc_ids`` (each article's sample sentences, then the ones it kept), in
    the order of ``doc_ids``, and without the record properties."""
    props = dict(props)
    counts = props.pop(COUNTS_PROPERTY, None)
    for name in (LATEST_PROPERTY, LATEST_DOC_PROPERTY):
        props.pop(name, None)
    docs = props.get("doc_ids") or []
    if counts is None or not docs:
        return props
    mine: dict[str, list[str]] = {}
    for sentence, doc in zip(props.get("evidence") or [], props.get("evidence_doc_ids") or [], strict=False):
        mine.setdefault(doc, []).append(sentence)
    evidence: list[str] = []
    evidence_docs: list[str] = []
    for doc in docs:
        said = mine.get(doc, []) + overflow.get((doc, source, rel_type, target), [])
        evidence += said
        evidence_docs += [doc] * len(said)
    if evidence:
        props["evidence"], props["evidence_doc_ids"] = evidence, evidence_docs
    else:
        props.pop("evidence", None)
        props.pop("evidence_doc_ids", None)
    return props
