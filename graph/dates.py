"""When a fact was seen: the date of each article, and windows of dates.

Every article counts by one date, its ``seen`` date: the publication date when the
article states one (``published``), else the date it was built (``built``), and its
Document says which (``date_source``: ``"published"`` or ``"built"``).  A node's or a
link's ``first_seen`` and ``last_seen`` are the earliest and latest ``seen`` dates of
the articles that support it (computed from the claims, see
:class:`minegraph.graph.model.Tally` and :meth:`minegraph.graph.model.Relationship.refresh`).

Dates are ISO text, ``YYYY-MM-DD``, so that they compare as text on both stores.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

#: ``date_source`` of an article dated by its publication date / by the day it was built
PUBLISHED = "published"
BUILT = "built"

_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


def today() -> str:
    """Today's date (local time) as ``YYYY-MM-DD``."""
    return _dt.date.today().isoformat()


def normalise_date(value: Any) -> str | None:
    """``value`` as ``YYYY-MM-DD`` (a year alone is its first day, a month its first
    day), or None when it is not a date.

    >>> normalise_date("2024-06-25T08:00:00Z"), normalise_date("2023"), normalise_date("2021-07")
    ('2024-06-25', '2023-01-01', '2021-07-01')
    >>> normalise_date("June 2024") is None, normalise_date("2024-13-01") is None
    (True, True)
    """
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        return None
    found = _DATE.match(value.strip())
    if not found:
        return None
    year, month, day = int(found[1]), int(found[2] or 1), int(found[3] or 1)
    try:
        return _dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def article_date(props: Mapping[str, Any], built: str | None = None) -> tuple[str, str]:
    """The date an article counts by and where it comes from: its ``published`` date,
    else its ``built`` date (from ``props``, else ``built``, else today).

    >>> article_date({"published": "2024-06-25"})
    ('2024-06-25', 'published')
    >>> article_date({"title": "undated"}, built="2026-01-05")
    ('2026-01-05', 'built')
    """
    published = normalise_date(props.get("published"))
    if published:
        return published, PUBLISHED
    return normalise_date(props.get("built")) or normalise_date(built) or today(), BUILT


def document_dates(props: Mapping[str, Any], built: str | None = None) -> dict[str, Any]:
    """The date properties a Document carries: ``first_seen`` = ``last_seen`` (its
    date), ``date_source`` and the day it was ``built``."""
    date, source = article_date(props, built)
    return {"first_seen": date, "last_seen": date, "date_source": source,
            "built": normalise_date(props.get("built")) or normalise_date(built) or today()}


def parse_bound(text: str, *, end: bool = False) -> str:
    """A window's bound typed by a person: a year (``2023``), a month (``2023-06``) or a
    date; a year or month as ``until`` (``end``) means its last day.  Raises ValueError.

    >>> parse_bound("2023"), parse_bound("2023", end=True), parse_bound("2024-02", end=True)
    ('2023-01-01', '2023-12-31', '2024-02-29')
    """
    text = str(text).strip()
    date = normalise_date(text)
    if date is None or not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", text):
        raise ValueError(f"{text!r} is not a year, a month (YYYY-MM) or a date (YYYY-MM-DD)")
    if end and len(text) == 4:
        return f"{text}-12-31"
    if end and len(text) == 7:
        first = _dt.date.fromisoformat(date)
        following = first.replace(year=first.year + (first.month == 12), month=first.month % 12 + 1)
        return (following - _dt.timedelta(days=1)).isoformat()
    return date


@dataclass(frozen=True)
class Window:
    """Dates from ``since`` to ``until`` (each ``YYYY-MM-DD``, inclusive; None: open)."""

    since: str | None = None
    until: str | None = None

    def __contains__(self, date: object) -> bool:
        if not isinstance(date, str) or not date:
            return self.since is None and self.until is None
        return (self.since is None or date >= self.since) and (self.until is None or date <= self.until)

    @property
    def open(self) -> bool:
        return self.since is None and self.until is None

    def describe(self) -> str:
        if self.open:
            return "all dates"
        return f"{self.since or '…'} to {self.until or '…'}"

    @classmethod
    def year(cls, year: int) -> Window:
        return cls(f"{year:04d}-01-01", f"{year:04d}-12-31")


def year_of(date: str | None) -> int | None:
    """The year of a ``YYYY-MM-DD`` date (None for none)."""
    return int(date[:4]) if date and len(date) >= 4 and date[:4].isdigit() else None


def documents_in(dates: Mapping[str, str | None], window: Window) -> set[str]:
    """The documents (id -> date) whose date is in ``window``."""
    return {doc for doc, date in dates.items() if date in window}


def years_of(dates: Iterable[str | None]) -> list[int]:
    """Every year from the earliest to the latest of ``dates`` (none: empty)."""
    years = [y for d in dates if (y := year_of(d)) is not None]
    return list(range(min(years), max(years) + 1)) if years else []
