"""Shared helpers for the headless-Chromium map tests (not a pytest conftest: import it).

Uses Debian's ``/usr/bin/chromium`` through playwright's Python package; no browser is
downloaded.  Run this file directly to refresh the README screenshot::

    .venv/bin/python tests/conftest_browser.py            # writes docs/map.png
"""

from __future__ import annotations

import shutil
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
ROOT = Path(__file__).resolve().parent.parent


SCRIPT_NAME = "</script><script>alert(1)</script>"
IMG_NAME = "<img src=x onerror=alert(1)>"


def hand_made_graph(hostile: bool = False):
    """A small diplomacy graph with documents and evidence, built without a store.

    With ``hostile``, an agency and a company are named with markup that would run
    script if a page interpreted it, and the evidence and a document title carry more.
    """
    from minegraph.graph.model import Graph, Node, Relationship

    graph = Graph()
    agency = f"Ministry {SCRIPT_NAME}" if hostile else "Ministry of Trade, Industry and Energy"
    company = f"Acme {IMG_NAME} Mining" if hostile else "POSCO Holdings"
    for node in [
        Node("kr", "Country", "South Korea", ["Republic of Korea", "Korea"], {"iso2": "KR", "iso3": "KOR"}),
        Node("uz", "Country", "Uzbekistan", [], {"iso2": "UZ", "iso3": "UZB"}),
        Node("au", "Country", "Australia", [], {"iso2": "AU", "iso3": "AUS"}),
        Node("mn", "Country", "Mongolia", [], {"iso2": "MN", "iso3": "MNG"}),
        Node("motie", "Agency", agency, ["MOTIE"], {"acronym": "MOTIE", "kind": "ministry"}),
        Node("posco", "Company", company, [], {"state_owned": False}),
        Node("li", "Mineral", "Lithium", ["Li"], {"symbol": "Li"}),
        Node("w", "Mineral", "Tungsten", ["W"], {"symbol": "W"}),
        Node("mou", "Agreement", "Korea-Uzbekistan critical minerals MOU", [],
             {"kind": "MOU", "status": "signed", "year": 2024}),
        Node("old", "Agreement", "Korea-Australia supply chain partnership", [],
             {"kind": "partnership", "status": "launched", "year": 2019}),
        Node("forum", "Event", "Korea-Central Asia Critical Minerals Dialogue", [], {"year": 2024}),
        Node("kim", "Person", "Kim Example", [], {"title": "Minister"}),
        Node("doc1", "Document", "doc1", [], {"title": "Korea signs MOU <b>with</b> Uzbekistan" if hostile
                                                else "Korea signs MOU with Uzbekistan",
                                                "published": "2024-06-14", "publisher": "Example News"}),
    ]:
        graph.add_node(node)
    sentence = ("Korea and Uzbekistan signed an MOU on lithium" + (f" {SCRIPT_NAME} {IMG_NAME}" if hostile else "")
                + ".")
    for source, rel_type, target, mentions in [
        ("kr", "PARTY_TO", "mou", 2), ("uz", "PARTY_TO", "mou", 1), ("motie", "LEADS", "mou", 1),
        ("mou", "COVERS", "li", 1), ("mou", "COVERS", "w", 1), ("kr", "PARTY_TO", "old", 1),
        ("au", "PARTY_TO", "old", 1), ("kr", "ORGANIZED", "forum", 1), ("mn", "PARTICIPATED_IN", "forum", 1),
        ("posco", "PARTICIPATED_IN", "forum", 1), ("motie", "BASED_IN", "kr", 1), ("posco", "BASED_IN", "kr", 1),
        ("kr", "COOPERATES_WITH", "au", 3), ("kim", "WORKS_FOR", "motie", 1), ("au", "HAS_RESOURCE", "li", 1),
        ("doc1", "MENTIONS", "kr", 1),
    ]:
        props = {"mentions": mentions, "confidence": 0.9, "evidence": [sentence] * 1, "evidence_doc_ids": ["doc1"],
                 "doc_ids": ["doc1"]}
        assert graph.add_relationship(Relationship(source, rel_type, target, props)), (source, rel_type, target)
    return graph


def star_graph(spokes: int):
    """One country tied to ``spokes`` companies: node count ``spokes + 1``."""
    from minegraph.graph.model import Graph, Node, Relationship

    graph = Graph()
    graph.add_node(Node("hub", "Country", "Hubland"))
    for i in range(spokes):
        graph.add_node(Node(f"c{i:04d}", "Company", f"Company {i:04d}"))
        graph.add_relationship(Relationship(f"c{i:04d}", "COOPERATES_WITH", "hub", {"mentions": 1 + i % 3}))
    return graph


def extractor_missing() -> str | None:
    """Why the sample corpus cannot be built here (the extractor is not importable), or None."""
    try:
        import minegraph.loaders.pipeline  # noqa: F401  (imports loaders.extract)
    except ImportError as error:
        return f"the extractor is not importable yet: {error}"
    return None


def browser_missing() -> str | None:
    """Why the browser tests cannot run here, or None when they can."""
    if not CHROMIUM.exists() and not shutil.which("chromium"):
        return f"{CHROMIUM} not found (apt-get install chromium)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the playwright Python package is not installed (pip install playwright)"
    return None


@contextmanager
def chromium() -> Iterator[object]:
    """A headless Chromium browser (playwright ``Browser``)."""
    from playwright.sync_api import sync_playwright

    executable = str(CHROMIUM) if CHROMIUM.exists() else shutil.which("chromium")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


class PageWatch:
    """Records what a page did that a test should see: console errors, failed or
    remote requests, dialogs (which are dismissed)."""

    def __init__(self, page) -> None:
        self.page = page
        self.console_errors: list[str] = []
        self.failed_requests: list[str] = []
        self.requests: list[str] = []
        self.dialogs: list[str] = []
        page.on("console", lambda msg: msg.type == "error" and self.console_errors.append(msg.text))
        page.on("pageerror", lambda error: self.console_errors.append(str(error)))
        page.on("requestfailed", lambda request: self.failed_requests.append(request.url))
        page.on("request", lambda request: self.requests.append(request.url))
        page.on("dialog", self._dialog)

    def _dialog(self, dialog) -> None:
        self.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    @property
    def remote_requests(self) -> list[str]:
        return [url for url in self.requests if not url.startswith(("file:", "data:", "about:", "blob:"))]


def open_map(page, html: Path, timeout_ms: int = 60_000) -> None:
    """Load a map from file:// and wait until its layout has stabilised."""
    page.goto(html.resolve().as_uri())
    page.wait_for_function("window.minegraph && window.minegraph.stabilized === true", timeout=timeout_ms)


def screenshot_map(html: Path, png: Path, width: int = 1600, height: int = 1000, browser=None,
                   scale: float = 1) -> None:
    """Save a screenshot of a map page once its layout has settled.

    Pass ``browser`` when a playwright browser is already running (only one sync
    playwright can run at a time).
    """
    if browser is None:
        with chromium() as own:
            screenshot_map(html, png, width, height, own, scale)
        return
    context = browser.new_context(viewport={"width": width, "height": height}, device_scale_factor=scale)
    try:
        page = context.new_page()
        open_map(page, html)
        page.wait_for_timeout(300)
        page.screenshot(path=str(png))
    finally:
        context.close()


def write_readme_screenshot(png: Path = ROOT / "docs" / "map.png") -> Path:
    """Build the sample-corpus map and save its screenshot (``docs/map.png``)."""
    import tempfile

    from minegraph.graph.viz import write_map
    from minegraph.loaders.documents import Document
    from minegraph.loaders.pipeline import build_graph
    from minegraph.loaders.reader import read_articles

    # the quick start builds data/articles (not data/, whose SOURCES.md is no article)
    documents = [d for d in read_articles([ROOT / "data" / "articles"]) if isinstance(d, Document)]
    graph = build_graph(documents)
    png.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        html = Path(tmp) / "map.html"
        write_map(graph, html, title="minegraph: critical-minerals diplomacy (sample corpus)")
        screenshot_map(html, png, width=1400, height=900, scale=1.5)
    return png


if __name__ == "__main__":
    print(write_readme_screenshot(*(Path(a) for a in sys.argv[1:2])))
