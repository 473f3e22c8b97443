"""RSS and Atom feeds: every entry not built before, its page fetched.

Which entries were built is kept in a small JSON file (:class:`SeenEntries`) in the data
directory, written only after the build that loaded them, so a weekly run adds only
what is new and an entry whose page failed is tried again next time.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from minegraph.loaders.documents import Document, DocumentError, Skipped
from minegraph.loaders.sources import fetched_document
from minegraph.loaders.sources.fetch import Fetcher, FetchError


@dataclass(frozen=True)
class Entry:
    key: str           # the entry's id, else its link
    link: str
    title: str | None
    published: str | None
    publisher: str | None  # the feed's title


def parse_feed(data: bytes, url: str) -> list[Entry]:
    """The entries of a feed; raises :class:`DocumentError` naming ``url`` when it is not one."""
    import feedparser

    parsed = feedparser.parse(data)
    feed_title = (parsed.feed.get("title") or "").strip() or None
    entries = []
    for item in parsed.entries:
        link = item.get("link") or ""
        if not link:
            continue
        stamp = item.get("published_parsed") or item.get("updated_parsed")
        published = time.strftime("%Y-%m-%d", stamp) if stamp else None
        entries.append(Entry(item.get("id") or link, link, (item.get("title") or "").strip() or None,
                             published, feed_title))
    if not entries:
        why = parsed.get("bozo_exception") if parsed.get("bozo") else None
        reason = (f"not a readable RSS or Atom feed ({type(why).__name__}: {str(why)[:120]})" if why
                  else "the feed has no entries with a link")
        raise DocumentError(f"{url}: {reason}")
    return entries


class SeenEntries:
    """The feed entries already built, per feed URL, kept in ``path`` (JSON)."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        try:
            seen = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            seen = {}
        except (OSError, ValueError, RecursionError) as exc:
            reason = "nested too deeply" if isinstance(exc, RecursionError) else str(exc)[:120]
            raise DocumentError(f"{self.path}: cannot read the list of seen feed entries ({reason})") from None
        if not isinstance(seen, dict) or not all(
                isinstance(feed, str) and isinstance(keys, list) and all(isinstance(k, str) for k in keys)
                for feed, keys in seen.items()):
            raise DocumentError(f"{self.path}: not a list of seen feed entries (an object of feed URL -> entry "
                                "keys); fix or delete the file")
        self._seen: dict[str, list[str]] = seen

    def seen(self, feed: str, key: str) -> bool:
        return key in self._seen.get(feed, ())

    def add(self, feed: str, key: str) -> None:
        keys = self._seen.setdefault(feed, [])
        if key not in keys:
            keys.append(key)

    def save(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_suffix(".tmp")
        tmp.write_text(json.dumps(self._seen, indent=1, sort_keys=True), encoding="utf-8")
        os.replace(tmp, self.path)


#: new entries one build takes from one feed (the rest wait for the next build)
DEFAULT_MAX_ENTRIES = 200


@dataclass
class FeedTally:
    """What a build found in its feeds: entries listed, entries new."""

    listed: int = 0
    new: int = 0


def feed_documents(feed_url: str, fetcher: Fetcher, seen: SeenEntries,
                   built: dict[str, tuple[str, str]], max_entries: int = DEFAULT_MAX_ENTRIES,
                   tally: FeedTally | None = None) -> Iterator[Document | Skipped]:
    """Documents for the entries of ``feed_url`` not seen before, at most
    ``max_entries`` of them (in the feed's order; a feed of 10,000 entries is read over
    several builds, the ones left over named in one Skipped line).

    The feed itself is always fetched again (it changes); entry pages come from the
    cache.  ``built`` gets ``document path -> (feed, entry key)`` for each Document, so
    the caller marks as seen the entries whose Documents were loaded; ``tally`` counts
    what the feed listed and what was new.
    """
    tally = tally if tally is not None else FeedTally()
    try:
        fetched = _fresh(fetcher, feed_url)
        entries = parse_feed(fetched.body, feed_url)
    except (FetchError, DocumentError) as exc:
        yield Skipped(feed_url, str(exc).removeprefix(f"{feed_url}: "))
        return
    fresh = [entry for entry in entries if not seen.seen(feed_url, entry.key)]
    tally.listed += len(entries)
    tally.new += len(fresh)
    if len(fresh) > max_entries:
        yield Skipped(feed_url, f"{len(fresh) - max_entries} of its {len(fresh)} new entries are left for the next "
                                f"build (--max-entries {max_entries})")
    for entry in fresh[:max_entries]:
        try:
            hints = {"title": entry.title, "published": entry.published, "publisher": entry.publisher}
            doc = fetched_document(fetcher.fetch(entry.link), hints)
        except (FetchError, DocumentError) as exc:
            yield Skipped(entry.link, str(exc).removeprefix(f"{entry.link}: "))
            continue
        built[doc.path] = (feed_url, entry.key)
        yield doc


def _fresh(fetcher: Fetcher, url: str):  # type: ignore[no-untyped-def]
    """Fetch ``url`` past the cache (a feed is read anew each run) and cache it."""
    refresh, fetcher.refresh = fetcher.refresh, True
    try:
        return fetcher.fetch(url)
    finally:
        fetcher.refresh = refresh
