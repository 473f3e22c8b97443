"""The benchmarks' reader: a corpus folder read through the product's one reader
(:func:`minegraph.loaders.reader.read_articles`), so a figure measures the text a build
reads."""

from __future__ import annotations

from pathlib import Path

from minegraph.loaders.documents import Document
from minegraph.loaders.reader import read_articles


def read_corpus(corpus: str | Path, limit: int | None = None) -> list[Document]:
    """The first ``limit`` articles of ``corpus`` (all when None), in file-name order;
    a file that cannot be read is an error here, not a smaller corpus."""
    docs = []
    for item in read_articles([corpus]):
        if not isinstance(item, Document):
            raise ValueError(f"bench corpus: cannot read {item}")
        docs.append(item)
        if limit is not None and len(docs) >= limit:
            break
    return docs
