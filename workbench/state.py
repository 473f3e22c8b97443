"""The workbench's state: the open store and what it was given.

One :class:`Workbench` serves every request; the app keeps it in ``app.state`` and each
view takes it with :func:`of`.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from starlette.requests import Request

from minegraph.graph.curation import Curation
from minegraph.graph.store import DEFAULT_TIMEOUT, GraphStore


@dataclass
class Workbench:
    """The open store and (with ``curate``) the curation file in ``db_dir``.  Every view
    reads just what it shows from the store (the map chooses its nodes on the server), so
    a change made elsewhere (a build on the shared server) shows at the next request.

    What it needs of the pipeline is passed in by its caller, so this package has none of
    its own: ``reapply`` re-reads the articles a decision touches
    (``minegraph.loaders.reapply.reapply``), ``read_article`` gives an article's text from
    its stored path as a build reads it (raising ``ValueError`` or ``OSError`` when it
    cannot be read).
    """

    store: GraphStore
    db_dir: Path | None = None
    curate: bool = False
    reapply: Callable[[GraphStore, Curation, list[str]], Any] | None = None
    read_article: Callable[[str], str] | None = None
    timeout: float = DEFAULT_TIMEOUT
    lock: threading.RLock = field(default_factory=threading.RLock)


def of(request: Request) -> Workbench:
    """The workbench the app serving ``request`` was built over."""
    bench: Workbench = request.app.state.workbench
    return bench
