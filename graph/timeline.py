"""Rankings over time: the partner network of a window of dates, one ranking per year,
and who rose and fell.

A window keeps the facts its articles support (each article counts by its date, see
:mod:`minegraph.graph.dates`): a tie of 2021 and 2024 articles is in both years, with
the weight each year's articles give it.  Pure functions of a
:class:`~minegraph.graph.model.Graph` and the articles' dates.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from typing import Any

from minegraph.graph.analytics import actor_centrality, domestic_actors, focus_partners
from minegraph.graph.dates import Window, documents_in, year_of, years_of
from minegraph.graph.lookup import find_entity
from minegraph.graph.model import ACTOR_LABELS, Graph
from minegraph.graph.ties import HUB_LINKS

#: how a row compares with the year before
NEW, RISING, FALLING, STEADY, GONE = "new", "rising", "falling", "steady", "gone"
_EPSILON = 1e-9


def document_dates(graph: Graph) -> dict[str, str | None]:
    """The date of every Document in ``graph`` (its ``first_seen``)."""
    return {n.id: n.props.get("first_seen") for n in graph.nodes.values() if n.label == "Document"}


def years_between(dates: Mapping[str, str | None], window: Window | None = None) -> list[int]:
    """The years from the first to the last article dated in ``window`` (None: any)."""
    window = window or Window()
    return years_of(date for date in dates.values() if date in window)


def _trend(before: float | None, now: float) -> str:
    if before is None:
        return NEW
    if now > before + _EPSILON:
        return RISING
    if now < before - _EPSILON:
        return FALLING
    return STEADY


def partners_by_year(graph: Graph, focus: str, dates: Mapping[str, str | None], years: list[int], *,
                     mineral: str | None = None, roll_up: bool = True, top: int | None = None
                     ) -> list[dict[str, Any]]:
    """One ranking of ``focus``'s partners per year (:func:`focus_partners` on the facts
    of that year's articles).  Each partner row gains ``change`` (its weight minus last
    year's) and ``trend``: ``new`` (no tie last year), ``rising``, ``falling`` or
    ``steady`` (the first year is compared with the year before it too); partners of last
    year without a tie this year are listed in ``gone``.

    Returns ``[{"year", "window", "partners": [...], "gone": [...]}]``.
    """
    first = years[0] - 1 if years else None
    previous = {row["id"]: row for row in focus_partners(
        graph, focus, mineral=mineral, roll_up=roll_up, documents=documents_in(dates, Window.year(first)))
    } if first is not None else {}
    result = []
    for year in years:
        rows = focus_partners(graph, focus, mineral=mineral, roll_up=roll_up,
                              documents=documents_in(dates, Window.year(year)))
        for row in rows:
            before = previous.get(row["id"])
            row["change"] = round(row["weight"] - (before["weight"] if before else 0.0), 6)
            row["trend"] = _trend(before["weight"] if before else None, row["weight"])
        now = {row["id"] for row in rows}
        gone = [{"id": row["id"], "name": row["name"], "label": row["label"], "weight": 0.0,
                 "change": -row["weight"], "trend": GONE} for row in previous.values() if row["id"] not in now]
        result.append({"year": year, "partners": rows[:top] if top else rows,
                       "gone": sorted(gone, key=lambda row: (row["change"], row["name"].casefold()))})
        previous = {row["id"]: row for row in rows}
    return result


def ranking_by_year(graph: Graph, dates: Mapping[str, str | None], years: list[int], *,
                    mineral: str | None = None, top: int | None = None) -> list[dict[str, Any]]:
    """One :func:`actor_centrality` ranking per year; each row gains ``rank`` and
    ``trend`` against the year before (``rising``: a better rank, ``falling``: a worse
    one, ``new``: not ranked then), and actors ranked last year but not now are ``gone``.
    """
    first = years[0] - 1 if years else None
    previous = _ranks(actor_centrality(graph, mineral=mineral, documents=documents_in(dates, Window.year(first)))
                      ) if first is not None else {}
    result = []
    for year in years:
        rows = actor_centrality(graph, mineral=mineral, documents=documents_in(dates, Window.year(year)))
        ranks = _ranks(rows)
        for row in rows:
            row["rank"] = ranks[row["id"]]
            before = previous.get(row["id"])
            row["trend"] = NEW if before is None else (
                RISING if ranks[row["id"]] < before else FALLING if ranks[row["id"]] > before else STEADY)
        gone = [{"id": node_id, "name": graph.nodes[node_id].name, "label": graph.nodes[node_id].label,
                 "trend": GONE} for node_id in previous if node_id not in ranks]
        result.append({"year": year, "actors": rows[:top] if top else rows,
                       "gone": sorted(gone, key=lambda row: row["name"].casefold())})
        previous = ranks
    return result


def _ranks(rows: list[dict[str, Any]]) -> dict[str, int]:
    return {row["id"]: rank for rank, row in enumerate(rows, start=1)}


def frames_by_year(graph: Graph, focus: str, *, roll_up: bool = True) -> dict[str, Any]:
    """How many agreements and events ``focus`` (with its own actors, rolled up) takes
    part in, per year: an agreement's or event's own ``year`` when the articles give it,
    else the year it was first seen.

    Returns ``{"years": [...], "agreements": {year: n}, "events": {year: n}, "items":
    [{"id", "name", "label", "year", "dated_by", "first_seen", "status"}]}``.
    """
    node = find_entity(graph, focus, ACTOR_LABELS)
    members = {node.id} | (domestic_actors(graph, node.id) if roll_up else set())
    counts: dict[str, Counter[int]] = {"Agreement": Counter(), "Event": Counter()}
    items: list[dict[str, Any]] = []
    for rel in graph.relationships.values():
        hub = graph.nodes.get(rel.target)
        if rel.source not in members or hub is None or rel.type not in HUB_LINKS.get(hub.label, ()):
            continue
        if any(item["id"] == hub.id for item in items):
            continue
        own_year = hub.props.get("year")
        year = own_year if isinstance(own_year, int) else year_of(hub.props.get("first_seen"))
        items.append({"id": hub.id, "name": hub.name, "label": hub.label, "year": year,
                      "dated_by": "year" if isinstance(own_year, int) else "first_seen",
                      "first_seen": hub.props.get("first_seen"), "status": hub.props.get("status")})
        if year is not None:
            counts[hub.label][year] += 1
    years = sorted(set(counts["Agreement"]) | set(counts["Event"]))
    span = list(range(years[0], years[-1] + 1)) if years else []
    items.sort(key=lambda item: (item["year"] or 0, str(item["label"]), str(item["name"]).casefold()))
    return {"years": span, "agreements": {y: counts["Agreement"][y] for y in span},
            "events": {y: counts["Event"][y] for y in span}, "items": items}
