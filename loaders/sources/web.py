"""Saved and fetched web pages: the article's main text and its metadata.

The one HTML test (:func:`looks_like_html`: a page whatever its file is called) and the
one hidden-content stripper (:func:`strip_hidden`) of the project live here; every
reader of a page goes through :func:`read_page`.

Content a reader never sees is removed first, so it can never become a fact: scripts and
styles, ``<template>``, elements with the ``hidden`` attribute or ``aria-hidden="true"``,
inline ``display:none``/``visibility:hidden``, ``<noscript>`` and the fallback text
inside frames, ``<iframe>``, ``<object>`` and ``<embed>``.  Boilerplate (menus, cookie
banners, footers, "related stories") is then left out by trafilatura; the publication
date comes from htmldate (through trafilatura).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

#: elements whose content a reader never sees: scripts, templates, fallbacks for
#: browsers without scripts or frames, embedded objects
_INVISIBLE_TAGS = frozenset(("template", "noscript", "iframe", "object", "embed", "frameset", "frame", "noframes",
                             "script", "style"))
_HIDDEN_STYLE = re.compile(r"(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden)\s*(?:!important\s*)?(?:;|$)",
                           re.IGNORECASE)
_XML_DECLARATION = re.compile(r"\A\ufeff?\s*<\?xml[^>]*>")
_HTML_START = re.compile(r"\A\ufeff?\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b",
                         re.IGNORECASE | re.DOTALL)


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


def looks_like_html(text: str) -> bool:
    """Whether decoded text is an HTML page whatever its file is called (a page saved as
    .txt, a server that says text/plain): it starts, after an XML declaration and
    comments, with a doctype or an html, head or body tag.

    >>> looks_like_html("<!-- saved -->\\n<!DOCTYPE html><p>Chile mines copper.</p>")
    True
    >>> looks_like_html("Chile mines copper. <b>Bold</b> claims follow.")
    False
    """
    return bool(_HTML_START.match(text[:10_000]))


def strip_hidden(html: str) -> str:
    """The page's markup without anything a reader never sees (see the module docstring).

    >>> "Ghostonia" in strip_hidden('<p>Chile mines copper.</p><p aria-hidden="true">Ghostonia</p>')
    False
    """
    import lxml.html
    from lxml.etree import ParserError

    html = _XML_DECLARATION.sub("", html)  # lxml refuses text that declares its encoding
    try:
        root = lxml.html.document_fromstring(html)
    except (ParserError, ValueError):  # nothing an HTML parser could use: no page, no hidden part
        return html
    for element in list(root.iter()):
        if not isinstance(element.tag, str):
            continue  # comments, processing instructions
        tag = element.tag.lower()
        hidden = (tag in _INVISIBLE_TAGS or element.get("hidden") is not None
                  or (element.get("aria-hidden") or "").strip().lower() == "true"
                  or _HIDDEN_STYLE.search(element.get("style") or ""))
        if hidden and tag not in ("html", "head", "body"):
            parent = element.getparent()
            if parent is not None:
                _drop(element, parent)
    return lxml.html.tostring(root, encoding="unicode")


def _drop(element: Any, parent: Any) -> None:
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
