"""Checks every store runs before a query reaches the engine, the same for both backends.

* A read-only query must not reach the network or the server's files: ``LOAD CSV`` (and
  the APOC procedures that load or import data) is refused unless the caller allows
  writes or explicitly allows loading.
* A list the engine would build at once must be small enough: ``range()`` allocates
  its whole list before the per-query memory cap or the timeout can act (one
  ``range(1, 2000000000)`` grew the embedded server past 20 GB), so its length is
  worked out from its bounds (numbers, ``$parameters``, ``size()`` of a stored list)
  and refused above :data:`MAX_LIST`; a bound that cannot be worked out is refused.
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
#: the longest list a query may ask ``range()`` for (about 160 MB in FalkorDB)
MAX_LIST = 10_000_000
RANGE_MESSAGE = ("range({args}) {why}; a query may ask for at most {limit:,} values at once (the engine builds "
                 "the whole list before any limit applies)")

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
    for args, why in _range_problems(code, params):
        raise QueryError(RANGE_MESSAGE.format(args=" ".join(args.split())[:80], why=why, limit=MAX_LIST))


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


# --- how long a list range() builds ---------------------------------------------------------

_RANGE = re.compile(r"\brange\s*\(", re.IGNORECASE)
_SIZE = re.compile(r"(?:size|length)\s*\(", re.IGNORECASE)
_TOKEN = re.compile(r"\s*(?:(\d+)|\$\s*([A-Za-z_]\w*|\d+)|(size|length)\s*\(|([-+*/%()]))", re.IGNORECASE)
Interval = tuple[int, int]


def _range_problems(code: str, params: dict[str, Any]) -> Iterator[tuple[str, str]]:
    """(arguments, why) of each ``range()`` call whose list could exceed :data:`MAX_LIST`."""
    for match in _RANGE.finditer(code):
        args = _arguments(code, match.end())
        if args is None:
            continue  # unbalanced: the engine refuses the syntax itself
        try:
            bounds = [_Bound(arg, params).interval() for arg in args]
        except ValueError:
            yield ", ".join(args), "has a bound that is not a number, a $parameter or size() of a list"
            continue
        if len(bounds) not in (2, 3):
            continue  # the engine refuses the call itself
        (start_lo, start_hi), (end_lo, end_hi) = bounds[0], bounds[1]
        step = bounds[2] if len(bounds) == 3 else (1, 1)
        count = 0
        if step[1] > 0:  # counting up, by at least the smallest positive step
            count = max(count, (end_hi - start_lo) // (step[0] if step[0] > 0 else 1) + 1)
        if step[0] < 0:  # counting down
            count = max(count, (start_hi - end_lo) // (-step[1] if step[1] < 0 else 1) + 1)
        if count > MAX_LIST:
            yield ", ".join(args), f"could build a list of {count:,} values"


def _arguments(code: str, start: int) -> list[str] | None:
    """The comma-separated arguments of the call whose ``(`` ends before ``start``."""
    depth, args, begin = 0, [], start
    for i in range(start, len(code)):
        c = code[i]
        if c in "([{":
            depth += 1
        elif c in ")]}":
            if depth == 0:
                args.append(code[begin:i])
                return args
            depth -= 1
        elif c == "," and depth == 0:
            args.append(code[begin:i])
            begin = i + 1
    return None


class _Bound:
    """An integer expression of numbers, ``$parameters``, ``size(...)`` (0 to
    :data:`MAX_LIST`: a list a query already holds) and ``+ - * / %``, as the interval
    of values it can take; ValueError for anything else."""

    def __init__(self, text: str, params: dict[str, Any]) -> None:
        self.text, self.params, self.at = text, params, 0

    def interval(self) -> Interval:
        value = self._sum()
        if self.text[self.at:].strip():
            raise ValueError(self.text)
        return value

    def _token(self) -> re.Match[str] | None:
        match = _TOKEN.match(self.text, self.at)
        return match

    def _sum(self) -> Interval:
        lo, hi = self._product()
        while (match := self._token()) and match[4] in ("+", "-"):
            self.at = match.end()
            other = self._product()
            lo, hi = (lo + other[0], hi + other[1]) if match[4] == "+" else (lo - other[1], hi - other[0])
        return lo, hi

    def _product(self) -> Interval:
        value = self._unary()
        while (match := self._token()) and match[4] in ("*", "/", "%"):
            self.at = match.end()
            other = self._unary()
            if match[4] == "*":
                corners = [a * b for a in value for b in other]
                value = (min(corners), max(corners))
            else:  # dividing or taking a remainder never grows the magnitude
                top = max(abs(value[0]), abs(value[1]))
                value = (-top, top)
        return value

    def _unary(self) -> Interval:
        match = self._token()
        if match and match[4] == "-":
            self.at = match.end()
            lo, hi = self._unary()
            return -hi, -lo
        if match and match[4] == "+":
            self.at = match.end()
            return self._unary()
        return self._atom()

    def _atom(self) -> Interval:
        match = self._token()
        if match is None:
            raise ValueError(self.text)
        self.at = match.end()
        if match[1] is not None:
            return int(match[1]), int(match[1])
        if match[2] is not None:
            value = self.params.get(match[2])
            if type(value) is not int:
                raise ValueError(self.text)
            return value, value
        if match[3] is not None:  # size(...) of something the query holds: skip to its ")"
            args = _arguments(self.text, self.at)
            if args is None:
                raise ValueError(self.text)
            self.at += sum(len(a) for a in args) + len(args)
            return 0, MAX_LIST
        if match[4] == "(":
            value = self._sum()
            close = self._token()
            if close is None or close[4] != ")":
                raise ValueError(self.text)
            self.at = close.end()
            return value
        raise ValueError(self.text)
