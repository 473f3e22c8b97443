"""A :class:`~minegraph.graph.changes.ChangeReport` for people: a Markdown digest, an Atom
feed, table rows.

Article text (names, sentences, titles) is escaped for each format: Markdown's special
characters are backslash-escaped (so a name cannot open a link or an HTML tag), and the
Atom feed is written by :mod:`xml.etree.ElementTree`, which escapes what it writes.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

from minegraph.graph.buildlog import BuildEntry, now
from minegraph.graph.changes import KINDS, Change, ChangeReport, Cited

ATOM = "http://www.w3.org/2005/Atom"
#: what could make article text markup inside a list item: emphasis, code, links, HTML, tables
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|~])")


def escape_markdown(text: str) -> str:
    """``text`` with Markdown's special characters escaped and line breaks flattened.

    >>> print(escape_markdown("A [link](x) <b>*bold*</b> under_discussion"))
    A \\[link\\](x) \\<b\\>\\*bold\\*\\</b\\> under\\_discussion
    """
    return _MD_SPECIAL.sub(r"\\\1", " ".join(str(text).split()))


def _builds_line(report: ChangeReport) -> str:
    if not report.builds:
        return "No build to report."
    return "; ".join(entry.summary() for entry in report.builds) + "."


def _title(report: ChangeReport) -> str:
    numbers = [entry.number for entry in report.builds]
    what = (f"build {numbers[0]}" if len(numbers) == 1 else f"builds {numbers[0]}–{numbers[-1]}") if numbers \
        else "no build"
    about = [x["name"] for x in (report.focus, report.mineral) if x]
    return f"What changed: {what}" + (f" ({', '.join(about)})" if about else "")


def _cite(article: Cited | None) -> str:
    if article is None:
        return ""
    date = article.date or "undated"
    if article.date_source == "built":
        date += " (undated article; date it was built)"
    link = article.url or (Path(article.path).as_uri() if article.path and Path(article.path).is_absolute() else None)
    title = escape_markdown(article.title)
    return f"[{title}](<{link}>), {date}" if link else f"{title}, {date}"


def render_markdown(report: ChangeReport) -> str:
    """The digest of ``report`` as Markdown: a heading, the builds, one section per kind
    of change, each item with its evidence sentence and article."""
    lines = [f"# {escape_markdown(_title(report))}", "", escape_markdown(_builds_line(report))]
    if report.baseline:
        lines.append(f"Compared with the store after build {report.baseline}.")
    grouped = report.by_kind()
    if not grouped:
        lines += ["", "Nothing changed."]
    for kind, items in grouped.items():
        lines += ["", f"## {KINDS[kind]} ({len(items)})", ""]
        for change in items:
            line = f"- **{escape_markdown(change.name)}**"
            if change.label not in ("Document",):
                line += f" ({change.label})"
            if change.detail:
                line += f": {escape_markdown(change.detail)}"
            if change.sentence:
                line += f"  \n  “{escape_markdown(change.sentence)}”"
            if change.article is not None:
                line += f"  \n  — {_cite(change.article)}"
            lines.append(line)
    return "\n".join(lines) + "\n"


def table_rows(report: ChangeReport) -> list[list[Any]]:
    """One row per change: kind, name, label, detail, evidence, article (title, date)."""
    return [[KINDS[c.kind], c.name, c.label, c.detail, c.sentence or "",
             f"{c.article.title} ({c.article.date or 'undated'})" if c.article else ""] for c in report.changes]


def _finished(entries: list[BuildEntry], number: int | None) -> str:
    for entry in entries:
        if entry.number == number:
            return entry.finished or entry.started
    return entries[-1].finished or entries[-1].started if entries else now()


def render_atom(report: ChangeReport, *, feed_id: str, title: str | None = None) -> str:
    """The changes as an Atom 1.0 feed (RFC 4287): one entry per change, dated by the
    build that made it, linking to its article when it has a URL."""
    ElementTree.register_namespace("", ATOM)
    feed = ElementTree.Element(f"{{{ATOM}}}feed")

    def sub(parent: ElementTree.Element, tag: str, text: str | None = None, **attrs: str) -> ElementTree.Element:
        node = ElementTree.SubElement(parent, f"{{{ATOM}}}{tag}", attrs)
        if text is not None:
            node.text = text
        return node

    sub(feed, "id", feed_id)
    sub(feed, "title", title or _title(report))
    sub(feed, "updated", _finished(report.builds, report.builds[-1].number) if report.builds else now())
    author = sub(feed, "author")
    sub(author, "name", "minegraph")
    sub(feed, "generator", "minegraph")
    sub(feed, "subtitle", _builds_line(report))
    for change in report.changes:
        entry = sub(feed, "entry")
        sub(entry, "id", f"{feed_id}:{change.key()}")
        sub(entry, "title", f"{KINDS[change.kind]}: {change.name}")
        sub(entry, "updated", _finished(report.builds, change.build))
        sub(entry, "category", term=change.kind, label=KINDS[change.kind])
        summary = change.detail
        if change.sentence:
            summary += f" — “{change.sentence}”"
        if change.article is not None:
            summary += f" — {change.article.title}, {change.article.date or 'undated'}"
        sub(entry, "summary", summary.strip(" —"))
        if change.article is not None and change.article.url:
            sub(entry, "link", href=change.article.url, rel="alternate")
    body = ElementTree.tostring(feed, encoding="unicode")
    return '<?xml version="1.0" encoding="utf-8"?>\n' + body + "\n"


def feed_id(description: str, focus: str | None = None, mineral: str | None = None) -> str:
    """A stable id for the feed of one store, focus and mineral."""
    raw = "|".join([description, focus or "", mineral or ""])
    return "urn:minegraph:changes:" + hashlib.sha1(raw.encode("utf-8")).hexdigest()[:20]


__all__ = ["escape_markdown", "render_atom", "render_markdown", "table_rows", "feed_id", "Change"]
