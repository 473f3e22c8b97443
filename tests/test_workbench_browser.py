"""The workbench in real headless Chromium, served by a real `minegraph serve` process
over a store built from articles written for these tests."""

from __future__ import annotations

import json
import select
import signal
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest_browser import PageWatch, browser_missing, chromium

from minegraph.cli.main import cli
from minegraph.graph.store import open_store
from tests.test_workbench import DOMESTIC, build_corpus

pytestmark = pytest.mark.skipif(browser_missing() is not None, reason=browser_missing() or "")
READY = "() => window.workbench && window.workbench.ready === true"


@contextmanager
def serving(db: Path, *extra: str) -> Iterator[tuple[str, subprocess.Popen]]:
    """`minegraph serve` on a free loopback port; yields its URL and process, stops it with SIGINT."""
    proc = subprocess.Popen([sys.executable, "-m", "minegraph.cli", "serve", "--db", str(db), "--port", "0", *extra],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        ready, _, _ = select.select([proc.stdout], [], [], 60)
        line = proc.stdout.readline() if ready else ""
        assert line.startswith("Workbench at http://127.0.0.1:"), (line, proc.poll())
        yield line.split()[2], proc
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("bench-browser")
    build_corpus(root / "articles", root / "db", (DOMESTIC,))
    return root / "articles", root / "db"


@pytest.fixture(scope="module")
def server(corpus):
    with serving(corpus[1]) as (url, proc):
        yield url, proc


@pytest.fixture(scope="module")
def browser():
    with chromium() as b:
        yield b


@pytest.fixture
def page(browser, server):
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    watch = PageWatch(page)
    page.goto(server[0])
    page.wait_for_function(READY, timeout=60_000)
    yield page, watch, server[0]
    context.close()


def test_loads_with_no_failed_requests_console_errors_or_remote_requests(page):
    page, watch, url = page
    assert page.evaluate("window.workbench.shown().nodes") > 5
    assert watch.failed_requests == [] and watch.console_errors == [] and watch.dialogs == []
    assert [u for u in watch.requests if not u.startswith(url)] == []


def test_search_finds_a_node_and_shows_its_details(page):
    page, watch, _ = page
    page.fill("#search", "pampa resources")
    page.click("#search-form button")
    page.wait_for_selector("#details:not([hidden])")
    assert page.text_content("#search-result") == "Found Pampa Resources (Company)"
    assert page.evaluate("window.workbench.network.getSelectedNodes()") == ["company:pampa-resources"]
    assert page.text_content("#details-body h2") == "Pampa Resources"
    assert "Pampa deal signed in Berlin" in page.text_content("#details-body")  # the article that mentions it
    assert watch.console_errors == []


def test_a_label_filter_and_the_year_slider_change_what_is_drawn(page):
    page, _, _ = page
    shown = lambda: page.evaluate("window.workbench.shown()")  # noqa: E731
    everything = shown()
    agreements = page.evaluate("window.workbench.nodes.get().filter(n => n.group === 'Agreement').length")
    page.uncheck("#label-filters input[value=Agreement]")
    assert shown()["nodes"] == everything["nodes"] - agreements and shown()["edges"] < everything["edges"]
    page.check("#label-filters input[value=Agreement]")
    assert shown() == everything
    early = page.evaluate("window.workbench.nodes.get().filter(n => n.year !== null && n.year < 2024).length")
    assert early > 0
    page.eval_on_selector("#year-from", "el => { el.value = 2024; el.dispatchEvent(new Event('input')); }")
    assert page.text_content("#year-from-value") == "2024"
    assert shown()["nodes"] == everything["nodes"] - early
    assert "nodes and" in page.text_content("#map-status")


def test_a_read_query_shows_rows(page):
    page, watch, url = page
    page.goto(url + "#cypher")
    page.fill("#cypher", "MATCH (c:Country) RETURN c.name AS name ORDER BY name")
    page.click("#query-form button[type=submit]")
    page.wait_for_selector("#query-table td")
    cells = page.eval_on_selector_all("#query-table td", "tds => tds.map(td => td.textContent)")
    assert cells[:2] == ["Argentina", "Chile"] and "Peru" in cells
    assert page.text_content("#query-status") == f"{len(cells)} rows"
    assert page.text_content("#history li") == "MATCH (c:Country) RETURN c.name AS name ORDER BY name"
    with page.expect_download() as csv_download:
        page.click("#download-csv")
    assert Path(csv_download.value.path()).read_text().splitlines()[:3] == ["name", "Argentina", "Chile"]
    with page.expect_download() as json_download:
        page.click("#download-json")
    assert json.loads(Path(json_download.value.path()).read_text())[:2] == [{"name": "Argentina"}, {"name": "Chile"}]
    page.select_option("#named", "partners_of_country")  # a named query with a form for its parameter
    page.fill("#named-params input[data-param=country]", "Chile")
    page.click("#named-form button")
    page.wait_for_function("() => document.querySelector('#query-table th')?.textContent === 'partner'")
    assert "Germany" in page.eval_on_selector_all("#query-table td", "tds => tds.map(td => td.textContent)")
    assert watch.console_errors == []


def test_a_write_query_is_refused(page, corpus):
    page, _, url = page
    page.goto(url + "#cypher")
    page.fill("#cypher", "CREATE (:Country {id: 'country:zz', name: 'Zedland'})")
    page.click("#query-form button[type=submit]")
    page.wait_for_selector("#query-status.error")
    assert page.text_content("#query-status").startswith("refused: the query writes to the graph")
    assert page.eval_on_selector_all("#query-table td", "tds => tds.length") == 0
    page.fill("#cypher", "MATCH (c:Country {id: 'country:zz'}) RETURN c")
    page.click("#query-form button[type=submit]")
    page.wait_for_function("() => document.getElementById('query-status').textContent === '0 rows'")


def test_the_partners_of_a_country_are_foreign_and_its_own_actors_apart(page):
    page, _, url = page
    page.goto(url + "#partners")
    page.fill("#actor", "Chile")
    page.click("#partners-form button[type=submit]")
    page.wait_for_selector("#partners-table td")
    rows = page.eval_on_selector_all("#partners-table tr", "trs => trs.slice(1).map(tr => tr.cells[1].textContent)")
    assert rows[0] == "Germany" and {"Argentina", "Peru"} <= set(rows)
    assert not {"Pampa Resources", "Chilean Mining Ministry"} & set(rows)
    own = page.eval_on_selector_all("#own-table tr", "trs => trs.slice(1).map(tr => tr.cells[0].textContent)")
    assert {"Pampa Resources", "Chilean Mining Ministry"} <= set(own)
    assert page.eval_on_selector_all("#partners-chart .bar", "bars => bars.length") == len(rows)
    page.check("#include-domestic")
    page.click("#partners-form button[type=submit]")
    page.wait_for_function("() => document.getElementById('own-title').hidden")
    rows = page.eval_on_selector_all("#partners-table tr", "trs => trs.slice(1).map(tr => tr.cells[1].textContent)")
    assert "Pampa Resources" in rows


def _open_article(page, url: str, title: str) -> None:
    page.goto(url + "#article")
    page.click(f"#documents a:text-is('{title}')")
    page.wait_for_function(f"() => document.getElementById('article-title').textContent === {json.dumps(title)}")


def test_the_article_view_highlights_evidence_and_entities(page):
    page, watch, url = page
    _open_article(page, url, "Pampa deal signed in Berlin")
    marks = page.eval_on_selector_all("#article-text mark.evidence", "ms => ms.map(m => m.textContent).join('')")
    assert "Pampa Resources, a Chilean company, signed a lithium supply agreement with Germany in Berlin." in marks
    assert "Date: 2024-09-01" not in marks
    entities = page.eval_on_selector_all("#article-text .entity", "es => es.map(e => e.textContent)")
    assert {"Pampa Resources", "Germany", "lithium"} <= set(entities)
    facts = page.eval_on_selector_all("#article-facts tr", "trs => trs.slice(1).map(tr => tr.cells[1].textContent)")
    assert "BASED_IN" in facts
    assert watch.console_errors == []


def test_hostile_article_text_shows_as_text_and_runs_nothing(page):
    page, watch, url = page
    _open_article(page, url, "Chile and Peru sign copper accord")
    text = page.text_content("#article-text")
    assert "<script>window.pwned = 1</script>" in text and '<img src=x onerror="window.pwned = 2">' in text
    assert page.eval_on_selector_all("#article-text script, #article-text img", "els => els.length") == 0
    assert page.eval_on_selector_all("#article-facts script, #article-facts img", "els => els.length") == 0
    page.wait_for_timeout(300)
    assert page.evaluate("window.pwned") is None
    assert watch.dialogs == [] and watch.console_errors == []


def test_the_server_listens_on_loopback_only(server):
    import psutil

    _url, proc = server
    listening = [c.laddr for c in psutil.Process(proc.pid).net_connections(kind="inet")
                 if c.status == psutil.CONN_LISTEN]
    assert listening and all(addr.ip == "127.0.0.1" for addr in listening)


def test_a_curation_merge_in_the_page_holds_after_a_rebuild(browser, tmp_path):
    articles, db = tmp_path / "articles", tmp_path / "db"
    build_corpus(articles, db)
    with serving(db, "--curate") as (url, _proc):
        context = browser.new_context()
        page = context.new_page()
        watch = PageWatch(page)
        page.goto(url + "#curation")
        page.wait_for_function(READY, timeout=60_000)
        page.fill("#merge-keep", "Pampa Resources")
        page.fill("#merge-drop", "Pampa Lithium")
        page.click("#merge-form button")
        page.wait_for_function("() => document.getElementById('curation-status').textContent.startsWith('Decision')")
        assert "merge 'Pampa Lithium'" in page.text_content("#curation-status")
        page.wait_for_function(READY, timeout=60_000)
        ids = page.evaluate("window.workbench.nodes.getIds()")
        assert "company:pampa-resources" in ids and "company:pampa-lithium" not in ids
        assert "applied" in page.text_content("#curation-table")
        assert watch.console_errors == [] and watch.failed_requests == []
        context.close()
    with open_store(db) as store:
        store.clear()
    assert CliRunner().invoke(cli, ["build", str(articles), "--db", str(db)]).exit_code == 0
    rows = CliRunner().invoke(cli, ["query", "MATCH (c:Company) RETURN c.id AS id", "--db", str(db), "--json"])
    ids = {row["id"] for row in json.loads(rows.stdout)}
    assert "company:pampa-resources" in ids and "company:pampa-lithium" not in ids


def _click_canvas(page, point: dict) -> None:
    box = page.locator("#network canvas").bounding_box()
    page.mouse.click(box["x"] + point["x"], box["y"] + point["y"])


def test_clicking_a_node_and_a_link_shows_details_and_evidence(page):
    page, watch, _ = page
    page.evaluate("window.workbench.network.moveTo({position: {x: 0, y: 0}, scale: 1, animation: false})")
    point = page.evaluate("""() => { const n = window.workbench.network;
        return n.canvasToDOM(n.getPositions(['country:ar'])['country:ar']); }""")
    _click_canvas(page, point)
    page.wait_for_function("() => document.querySelector('#details-body h2')?.textContent === 'Argentina'")
    assert "Chile" in page.text_content("#details-body")  # a partner
    # a link: click the middle of the straight line between its ends (smooth curves off for this)
    page.evaluate("window.workbench.network.setOptions({edges: {smooth: false}})")
    point = page.evaluate("""() => { const n = window.workbench.network;
        const p = n.getPositions(['country:ar', 'country:cl']);
        return n.canvasToDOM({x: (p['country:ar'].x + p['country:cl'].x) / 2,
                              y: (p['country:ar'].y + p['country:cl'].y) / 2}); }""")
    _click_canvas(page, point)
    page.wait_for_function("() => document.querySelector('#details-body h2')?.textContent.includes('→')")
    quotes = page.eval_on_selector_all("#details-body blockquote", "qs => qs.map(q => q.textContent)")
    # Argentina and Chile are linked both ways (two articles); either link's evidence names its article and date
    assert any("Argentina" in q and ("Andes Lithium expands, 2024-05-10" in q or "Pampa Lithium plans, 2025-01-15" in q)
               for q in quotes), quotes
    assert watch.console_errors == []


def write_screenshot(png: Path) -> Path:
    """Build the sample corpus, serve it, and save the workbench's map (docs/workbench.png)."""
    import tempfile

    from conftest_browser import ROOT

    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "db"
        assert CliRunner().invoke(cli, ["build", str(ROOT / "data" / "articles"), "--db", str(db)]).exit_code == 0
        with serving(db) as (url, _proc), chromium() as browser:
            context = browser.new_context(viewport={"width": 1500, "height": 900}, device_scale_factor=1.25)
            page = context.new_page()
            page.goto(url)
            page.wait_for_function(READY, timeout=120_000)
            page.fill("#search", "South Korea")
            page.click("#search-form button")
            page.wait_for_selector("#details:not([hidden])")
            page.evaluate("window.workbench.network.fit({animation: false})")
            page.wait_for_timeout(500)
            png.parent.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(png))
            context.close()
    return png


if __name__ == "__main__":  # .venv/bin/python tests/test_workbench_browser.py  -> docs/workbench.png
    from conftest_browser import ROOT

    print(write_screenshot(ROOT / "docs" / "workbench.png"))
