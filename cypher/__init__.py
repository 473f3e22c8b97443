"""Named Cypher queries: one ``NAME.cypher`` file each, runnable on both stores.

Each file opens with ``//`` comment lines; the first says what the query answers.
Its parameters are the ``$names`` it uses.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import resources

_PARAM = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)")


class NamedQueryError(LookupError):
    """No query of that name."""


@dataclass(frozen=True)
class NamedQuery:
    name: str
    text: str
    summary: str
    params: tuple[str, ...]


def _parse(name: str, text: str) -> NamedQuery:
    comments = [ln.strip()[2:].strip() for ln in text.splitlines() if ln.strip().startswith("//")]
    body = "\n".join(ln for ln in text.splitlines() if not ln.strip().startswith("//"))
    return NamedQuery(name, text, comments[0] if comments else "", tuple(dict.fromkeys(_PARAM.findall(body))))


def list_queries() -> list[NamedQuery]:
    """Every named query, by name."""
    files = resources.files(__name__)
    return [_parse(f.name[: -len(".cypher")], f.read_text(encoding="utf-8"))
            for f in sorted(files.iterdir(), key=lambda f: f.name) if f.name.endswith(".cypher")]


def load_query(name: str) -> NamedQuery:
    """The query in ``NAME.cypher``; raises :class:`NamedQueryError` listing the names."""
    for query in list_queries():
        if query.name == name:
            return query
    names = ", ".join(q.name for q in list_queries())
    raise NamedQueryError(f"no named query {name!r}; choose one of: {names}")
