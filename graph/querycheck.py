"""Checks every store runs before a query reaches the engine, the same for both backends.

* A read-only query must not reach the network or the server's files: ``LOAD CSV`` (and
  the APOC procedures that load or import data) is refused unless the caller allows
  writes or explicitly allows loading.

The query text is lexed just enough to tell code from string literals, comments and
quoted names, so text inside a string never trips a check and a comment never hides one.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from graph.store import QueryError

LOAD_MESSAGE = ("the query loads external data ({what}); a read-only query may not reach the network or files "
                "unless --allow-load-csv (or --write) is given")

_LOADS = (
    (re.compile(r"\bload\s+csv\b", re.IGNORECASE), "LOAD CSV"),
    (re.compile(r"\bapoc\s*\.\s*(?:load|import)\b", re.IGNORECASE), "an apoc.load/apoc.import procedure"),
)


def check_query(cypher: str, params: dict[str, Any] | None, *, write: bool, allow_load: bool = False) -> None:
    """Raise :class:`QueryError` when ``cypher`` with ``params`` must not be sent."""
    code = code_of(cypher)
    if not (write or allow_load):
        for pattern, what in _LOADS:
            if pattern.search(code):
                raise QueryError(LOAD_MESSAGE.format(what=what))


def code_of(cypher: str) -> str:
    """``cypher`` with string literals emptied, comments blanked and quoted names as one word."""
    return "".join(_pieces(cypher))


def _pieces(text: str) -> Iterator[str]:
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c in "'\"":
            j = i + 1
            while j < n and text[j] != c:
                j += 2 if text[j] == "\\" else 1
            yield " '' "
            i = j + 1
        elif c == "`":
            j = i + 1
            name = []
            while j < n:
                if text[j] == "`":
                    if j + 1 < n and text[j + 1] == "`":  # an escaped backtick inside the name
                        name.append("`")
                        j += 2
                        continue
                    break
                name.append(text[j])
                j += 1
            yield re.sub(r"\W", "_", "".join(name))  # one word, as the engine reads it
            i = j + 1
        elif text.startswith("//", i):
            j = text.find("\n", i)
            yield " "
            i = n if j < 0 else j
        elif text.startswith("/*", i):
            j = text.find("*/", i + 2)
            yield " "
            i = n if j < 0 else j + 2
        else:
            j = i
            while j < n and text[j] not in "'\"`/":
                j += 1
            if j == i:  # a lone slash (division)
                j = i + 1
            yield text[i:j]
            i = j
