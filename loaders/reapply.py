"""Re-reading the articles a curation decision touches, so the store shows it at once.

A decision (see :mod:`minegraph.graph.curation`) changes what articles say about some nodes.  The
articles that mention them are taken out of the store and built again from their files
with the current decisions, so resolution starts afresh for them: an undone merge
brings the second node back, an undone rejection brings the link back.  An article
whose file is gone cannot be read again; it is left as it is and reported.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from minegraph.graph.curation import Curation, documents_mentioning
from minegraph.graph.store import GraphStore
from minegraph.loaders.pipeline import BuildReport, build_paths, remove_document


@dataclass
class ReapplyReport:
    """Which articles were built again, and which could not be (their file is gone)."""

    rebuilt: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    build: BuildReport | None = None


def reapply(store: GraphStore, curation: Curation, node_ids: Iterable[str]) -> ReapplyReport:
    """Build again, with ``curation``, every stored article that mentions ``node_ids``."""
    report = ReapplyReport()
    for doc_id, path in documents_mentioning(store, node_ids):
        if path and Path(path).is_file():
            report.rebuilt.append(path)
        else:
            report.missing.append(path or doc_id)
    if not report.rebuilt:
        return report
    for path in report.rebuilt:
        remove_document(store, path)
    report.build = build_paths(store, report.rebuilt, curation=curation)
    return report
