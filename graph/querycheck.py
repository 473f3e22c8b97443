"""Checks every store runs before a query reaches the engine, the same for both backends.

* A read-only query must not reach the network or the server's files: ``LOAD CSV`` (and
  the APOC procedures that load or import data) is refused unless the caller allows
  writes or explicitly allows loading.
* Every ``$parameter`` the query uses must be given, and every value must be one the
  engines represent exactly: finite floats, 64-bit integers, text without NUL
  characters, and lists and maps of those.  (An engine would otherwise turn ``1e400``
  into a syntax error or clamp a large integer to 9223372036854775807 without a word.)

The query text is lexed just enough to tell code from string literals, comments and
quoted names, so text inside a string never trips a check and a comment never hides one.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from typing import Any

from minegraph.graph.store import QueryError

LOAD_MESSAGE = ("the query loads external data ({what}); a read-only query may not reach the network or files "
                "unless --allow-load-csv (or --write) is given")
INT64_MIN, INT64_MAX = -(2**63), 2**63 - 1

_LOADS = (
    (re.compile(r"\bload\s+csv\b", re.IGNORECASE), "LOAD CSV"),
    (re.compile(r"\bapoc\s*\.\s*(?:load|import)\b", re.IGNORECASE), "an apoc.load/apoc.import procedure"),
)
_PARAMETER = re.compile(r"\$\s*([A-Za-z_]\w*|\d+)")


def check_query(cypher: str, params: dict[str, Any] | None, *, write: bool, allow_load: bool = False) -> None:
    """Raise :class:`QueryError` when ``cypher`` with ``params`` must not be sent."""
    code = code_of(cypher)
    if not (write or allow_load):
        for pattern, what in _LOADS:
            if pattern.search(code):
                raise QueryError(LOAD_MESSAGE.format(what=what))
    params = params or {}
    missing = sorted({m.group(1) for m in _PARAMETER.finditer(code)} - set(params))
    if missing:
        names = ", ".join(f"${name}" for name in missing)
        raise QueryError(f"the query uses {names} but no value was given (--param {missing[0]}=...)")
    for name, value in params.items():
        problem = value_problem(value)
        if problem:
            raise QueryError(f"parameter ${name}{problem}")


def value_problem(value: Any, where: str = "") -> str | None:
    """Why ``value`` cannot be sent as a parameter (``where`` locates it inside), or None."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, int):
        if INT64_MIN <= value <= INT64_MAX:
            return None
        return f"{where}: {value} is beyond the 64-bit integer range"
    if isinstance(value, float):
        if math.isnan(value):
            return f"{where}: NaN is not a number the database can store"
        if math.isinf(value):
            return f"{where}: the number is too large to represent ({value})"
        return None
    if isinstance(value, str):
        if "\x00" in value:
            return f"{where}: text contains a NUL character"
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            return f"{where}: text is not valid Unicode"
        return None
    if isinstance(value, (list, tuple)):
        return next((p for i, item in enumerate(value) if (p := value_problem(item, f"{where}[{i}]"))), None)
    if isinstance(value, dict):
        for key, item in value.items():
            if not isinstance(key, str) or "\x00" in key:
                return f"{where}: map key {key!r} is not plain text"
            problem = value_problem(item, f"{where}.{key}")
            if problem:
                return problem
        return None
    return f"{where}: a {type(value).__name__} cannot be sent"


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
