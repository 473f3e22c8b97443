"""Re-reading the articles a curation decision touches, so the store shows it at once.

A decision (see :mod:`minegraph.graph.curation`) changes what articles say about some
nodes.  The articles that mention them are read again from their files and built with
the current decisions, resolved as if their old claims were gone, so an undone merge
brings the second node back and an undone rejection brings the link back.  Each
article is one atomic replacement: its old claims are taken back in the transaction
that writes its new ones, so a process killed half way loses no article.

An article is read again only from a file a build read (``readable``, see
:mod:`minegraph.loaders.built`: a path a claims file named is never opened); one whose
file is gone or cannot be read now is left as the store has it, and reported.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from minegraph.graph.curation import Curation, documents_mentioning
from minegraph.graph.store import GraphStore
from minegraph.loaders.claims import Extracted
from minegraph.loaders.documents import DocumentError, Skipped
from minegraph.loaders.pipeline import BuildReport, Loader, extract_file
from minegraph.loaders.reader import read_article

_EXPORT_ROW = re.compile(r".+\.(?:csv|jsonl|ndjson)#[1-9]\d*\Z", re.IGNORECASE | re.DOTALL)


@dataclass
class ReapplyReport:
    """Which articles were built again, and which were kept as stored: their file is
    gone or outside the built folders (``missing``), or cannot be read now (``unreadable``)."""

    rebuilt: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    unreadable: list[Skipped] = field(default_factory=list)
    build: BuildReport | None = None


def reapply(store: GraphStore, curation: Curation, node_ids: Iterable[str], *,
            readable: Callable[[str], bool] | None = None) -> ReapplyReport:
    """Build again, with ``curation``, every stored article that mentions ``node_ids``
    and whose path ``readable`` allows (None: every file)."""
    report = ReapplyReport()
    items: list[tuple[str, Extracted]] = []
    for doc_id, path in documents_mentioning(store, node_ids):
        if not path or "://" in path or (readable is not None and not readable(path)):
            report.missing.append(path or doc_id)
            continue
        if _EXPORT_ROW.fullmatch(path) and not Path(path).exists():
            try:
                item = extract_file(read_article(path))
            except DocumentError as exc:
                item = Skipped(path, str(exc).removeprefix(f"{path}: "))
        elif Path(path).is_file():
            item = extract_file(Path(path))
        else:
            report.missing.append(path)
            continue
        if isinstance(item, Skipped):  # the store keeps what it has
            report.unreadable.append(item)
        else:
            items.append((doc_id, item))
    if not items:
        return report
    loader = Loader(store, curation=curation, log="curate")  # logged as re-read, not as new
    loader.reread(doc_id for doc_id, _ in items)
    for _, item in items:
        loader.add(item)
    report.build = loader.finish()
    report.rebuilt = [*report.build.replaced, *report.build.loaded]
    return report
