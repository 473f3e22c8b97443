"""A small news site on loopback for the ingestion tests: pages with heavy furniture,
a feed, a PDF, redirects, and slow and failing answers.  Every text is written for the
tests (invented outlets and events)."""

from __future__ import annotations

import io
import threading
import time
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

# --- article texts -------------------------------------------------------------------------

STORY = ("South Korea signed a lithium supply agreement with Australia on Tuesday, the trade "
         "ministry in Seoul said. Under the agreement Posco will invest in a lithium refinery in "
         "Western Australia, and Korean battery makers will buy a share of its output for ten years. "
         "Officials said the deal also covers joint research on recycling and a working group that "
         "will meet twice a year. Australia has sought buyers for its processed lithium as prices "
         "fell, and Korea wants supplies outside China for its electric vehicle industry.")
# the same wire story as another outlet ran it: new headline, one sentence trimmed, one added
STORY_COPY = ("South Korea signed a lithium supply agreement with Australia on Tuesday, the trade "
              "ministry in Seoul said. Under the agreement Posco will invest in a lithium refinery in "
              "Western Australia, and Korean battery makers will buy a share of its output for ten years. "
              "Officials said the deal also covers joint research on recycling and a working group that "
              "will meet twice a year. Australia has sought buyers for its processed lithium as prices "
              "fell. Shares of Posco rose two percent in Seoul after the announcement.")
# another story about the same deal, written separately
OTHER_STORY = ("Analysts in Sydney questioned whether the refinery that Posco plans in Western Australia "
               "can compete on cost. The lithium deal between Australia and South Korea gives the plant a "
               "buyer, but power prices in the state remain high, one consultant said, and construction "
               "workers are scarce. The Korean company did not say when building would start. Mining "
               "groups welcomed the agreement and asked Canberra for faster environmental approvals.")

FURNITURE_NAV = ("Home | Markets | Chile | Peru | Indonesia | Japan | Opinion | Subscribe")
FURNITURE_COOKIE = ("We use cookies. Our partners in Brazil and Canada process data for advertising. Accept all")
FURNITURE_RELATED = ["Argentina signs cobalt pact with Germany",
                     "Zambia and Saudi Arabia agree copper deal",
                     "Glencore expands nickel output in Indonesia"]
FURNITURE_FOOTER = ("Copyright 2024 Ore Wire Media. Offices in Toronto, Johannesburg and Santiago. "
                    "Ore Wire is owned by Bluestone Holdings of Singapore.")


def page(headline: str, body: str, *, site: str = "Daily Ore", date: str = "2024-03-05",
         author: str = "Jane Roe", canonical: str | None = None, hidden: bool = False) -> str:
    """A news page with heavy furniture around the article (and optionally hidden content)."""
    paragraphs = "".join(f"<p>{s.strip()}.</p>" for s in body.rstrip(".").split(". "))
    related = "".join(f'<li><a href="/r{i}">{t}</a></li>' for i, t in enumerate(FURNITURE_RELATED))
    secret = ('<template><p>Chile signed a copper agreement with Japan in Lima.</p></template>'
              '<p hidden>Peru signed a tin agreement with China in Cusco.</p>'
              '<noscript><p>Bolivia signed a lithium agreement with India in Sucre.</p></noscript>'
              '<iframe src="/ad">Ghana signed a gold agreement with Zambia in Accra.</iframe>'
              '<div style="display: none">Kenya signed a cobalt agreement with Egypt in Nairobi.</div>'
              if hidden else "")
    link = f'<link rel="canonical" href="{canonical}">' if canonical else ""
    menu = "".join(f"<li><a href='/s/{w}'>{w}</a></li>" for w in FURNITURE_NAV.split(" | "))
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{headline} | {site}</title>
<meta property="og:site_name" content="{site}"><meta property="og:title" content="{headline}">
<meta name="author" content="{author}"><meta property="article:published_time" content="{date}T08:00:00Z">
{link}</head>
<body>
<div class="cookie-banner" id="cookie-consent"><p>{FURNITURE_COOKIE}</p><button>Accept</button></div>
<header><nav class="menu"><ul>{menu}</ul></nav></header>
<main><article>
<h1>{headline}</h1>
<p class="byline">By {author}, {date}</p>
{paragraphs}
{secret}
</article>
<aside class="related"><h2>Related stories</h2><ul>{related}</ul></aside>
</main>
<footer class="site-footer"><p>{FURNITURE_FOOTER}</p>
<p><a href="/privacy">Privacy</a> | <a href="/terms">Terms</a></p></footer>
</body></html>"""


def feed(base: str, entries: list[tuple[str, str, str]], title: str = "Ore Wire: Minerals") -> str:
    """RSS 2.0 with (path, title, RFC 822 date) entries."""
    items = "".join(f"<item><title>{t}</title><link>{base}{p}</link><guid>{base}{p}</guid>"
                    f"<pubDate>{d}</pubDate></item>" for p, t, d in entries)
    return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>{title}</title>'
            f"<link>{base}/</link><description>x</description>{items}</channel></rss>")


def pdf_bytes(paragraphs: list[str], *, title: str = "Joint statement", author: str = "Ministry of Trade",
              pages: int = 2, password: str | None = None) -> bytes:
    """A PDF press release with a running header and footer and page numbers (reportlab)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    c = canvas.Canvas(out, pagesize=A4, encrypt=password)
    c.setTitle(title)
    c.setAuthor(author)
    width, height = A4
    per_page = max(1, -(-len(paragraphs) // pages))
    for number in range(pages):
        c.setFont("Helvetica", 9)
        c.drawString(60, height - 40, "MINISTRY OF TRADE - PRESS OFFICE")
        c.drawString(60, 30, f"Page {number + 1} of {pages}")
        c.setFont("Helvetica", 11)
        y = height - 90
        for para in paragraphs[number * per_page:(number + 1) * per_page]:
            for line in _wrap(para, 80):
                c.drawString(60, y, line)
                y -= 15
            y -= 12
        c.showPage()
    c.save()
    return out.getvalue()


def _wrap(text: str, width: int) -> list[str]:
    """Lines of at most ``width`` characters, a long word broken with a hyphen like a typesetter."""
    lines, line = [], ""
    for word in text.split():
        if len(line) + 1 + len(word) <= width:
            line = f"{line} {word}".strip()
        elif len(word) > 8 and width - len(line) > 6:
            cut = width - len(line) - 2
            lines.append(f"{line} {word[:cut]}-")
            line = word[cut:]
        else:
            lines.append(line)
            line = word
    return lines + [line] if line else lines


# --- the server ----------------------------------------------------------------------------


class Site:
    """Routes -> (status, content type, body); ``hits`` counts requests per path."""

    def __init__(self) -> None:
        self.routes: dict[str, tuple[int, str, bytes]] = {}
        self.hits: Counter[str] = Counter()
        self.agents: list[str] = []
        self.times: list[tuple[str, float]] = []  # (path, monotonic time) of each request
        self.flaky: dict[str, int] = {}  # path -> number of 503s before the page
        self.retry_after: dict[str, str] = {}  # path -> the Retry-After of its 503s (with flaky)
        self.trickle: dict[str, float] = {}  # path -> seconds between the bytes of its body
        self.sent: Counter[str] = Counter()  # path -> body bytes a trickled answer got out
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.server.daemon_threads = True
        self.base = f"http://127.0.0.1:{self.server.server_port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def add(self, path: str, body: str | bytes, content_type: str = "text/html; charset=utf-8",
            status: int = 200) -> str:
        self.routes[path] = (status, content_type, body.encode() if isinstance(body, str) else body)
        return self.base + path

    def _handler(self):  # type: ignore[no-untyped-def]
        site = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def do_GET(self) -> None:  # noqa: N802 - http.server's name
                path = self.path
                site.hits[path] += 1
                site.agents.append(self.headers.get("User-Agent", ""))
                site.times.append((path, time.monotonic()))
                if path.startswith("/slow"):
                    time.sleep(2.0)
                if path == "/loop" or path.startswith("/redirect-to"):
                    target = "/loop" if path == "/loop" else path.removeprefix("/redirect-to")
                    self.send_response(302)
                    self.send_header("Location", target)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                if site.flaky.get(path, 0) > 0:
                    site.flaky[path] -= 1
                    self.send_response(503)
                    if path in site.retry_after:
                        self.send_header("Retry-After", site.retry_after[path])
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                status, content_type, body = site.routes.get(path, (404, "text/plain", b"not found"))
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", content_type)
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    if path not in site.trickle:
                        self.wfile.write(body)
                        return
                    for i in range(len(body)):  # a slow-loris answer: one byte at a time
                        self.wfile.write(body[i:i + 1])
                        self.wfile.flush()
                        site.sent[path] += 1
                        time.sleep(site.trickle[path])
                except (BrokenPipeError, ConnectionResetError):
                    pass

        return Handler

    def __enter__(self) -> Site:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()
