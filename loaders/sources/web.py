"""Saved and fetched web pages: the article's main text and its metadata.

Boilerplate (menus, cookie banners, footers, "related stories") is left out by
trafilatura; the publication date comes from htmldate (through trafilatura).  Content a
reader never sees is removed first, so it can never become a fact: ``<template>``,
elements with the ``hidden`` attribute or ``aria-hidden="true"``, inline
``display:none``/``visibility:hidden``, ``<noscript>`` and the fallback text inside
``<iframe>``, ``<object>`` and ``<embed>``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_INVISIBLE_TAGS = ("template", "noscript", "iframe", "object", "embed", "frameset", "frame", "script", "style")
_HIDDEN_STYLE = re.compile(r"(?i)(display\s*:\s*none|visibility\s*:\s*hidden)")
_HTML_START = re.compile(rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b",
                         re.I | re.S)


@dataclass(frozen=True)
class Page:
    """What a web page says, with the metadata it carries (None when absent)."""

    text: str
    title: str | None = None
    published: str | None = None  # YYYY-MM-DD
    publisher: str | None = None
    author: str | None = None
    url: str | None = None  # the canonical URL the page gives
    host: str | None = None  # the site's host name, from that URL


def looks_like_html(data: bytes) -> bool:
    """True when bytes start like an HTML document, whatever the file is called."""
    return bool(_HTML_START.match(data[:4096]))


def strip_hidden(html: str) -> str:
    """The page's markup without anything a reader never sees (see the module docstring)."""
    import lxml.html

    try:
        root = lxml.html.document_fromstring(html)
    except Exception:  # noqa: BLE001 - lxml raises several kinds on hopeless markup
        return html
    for element in list(root.iter()):
        if not isinstance(element.tag, str):
            continue  # comments, processing instructions
        hidden = (element.tag.lower() in _INVISIBLE_TAGS or element.get("hidden") is not None
                  or (element.get("aria-hidden") or "").lower() == "true"
                  or _HIDDEN_STYLE.search(element.get("style") or ""))
        if hidden and element.tag.lower() not in ("html", "head", "body"):
            parent = element.getparent()
            if parent is not None:
                _drop(element, parent)
    return lxml.html.tostring(root, encoding="unicode")


def _drop(element, parent) -> None:  # type: ignore[no-untyped-def]
    """Remove ``element`` but keep the text that follows it (its tail)."""
    tail = element.tail
    previous = element.getprevious()
    if tail:
        if previous is not None:
            previous.tail = (previous.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(element)


def read_page(html: str, url: str | None = None) -> Page:
    """Main text and metadata of an HTML page.

    Falls back to every visible paragraph when the extractor finds no main text (a very
    short page), so a short notice still reads; returns an empty text when there is none.
    """
    import trafilatura

    cleaned = strip_hidden(html)
    result = trafilatura.bare_extraction(cleaned, url=url, with_metadata=True, include_comments=False,
                                         include_tables=True, include_images=False, include_links=False,
                                         deduplicate=False)
    if result is None:
        result = trafilatura.bare_extraction(cleaned, url=url, with_metadata=True, include_comments=False,
                                             favor_recall=True)
    if result is None:
        return Page("")
    meta = result.as_dict() if hasattr(result, "as_dict") else dict(result)
    text = meta.get("text") or ""
    date = meta.get("date")
    sitename, host = _clean(meta.get("sitename")), _clean(meta.get("hostname")) or _host(url)
    return Page(
        text=text,
        title=_clean(meta.get("title")),
        published=date[:10] if isinstance(date, str) and re.match(r"\d{4}-\d\d-\d\d", date) else None,
        publisher=sitename if sitename != host else None,  # trafilatura's fallback is the host name
        host=host,
        author=_clean(meta.get("author")),
        url=_clean(meta.get("url")),
    )


def _host(url: str | None) -> str | None:
    from urllib.parse import urlsplit

    return urlsplit(url).netloc.lower() or None if url else None


def _clean(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    value = " ".join(value.split())
    return value or None
