"""The workbench's Timeline view in real headless Chromium, served by `minegraph serve`
over a store built in two batches from the articles of tests/test_timeline.py."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest_browser import PageWatch, browser_missing, chromium

from minegraph.graph.store import open_store
from tests.test_timeline import EARLIER, later_as_files, run, write
from tests.test_workbench_browser import READY, serving

pytestmark = pytest.mark.skipif(browser_missing() is not None, reason=browser_missing() or "")


@pytest.fixture(scope="module")
def two_batches(tmp_path_factory) -> tuple[Path, dict]:
    """The store, and what the page should show read from it before the server holds it:
    Chile's agreements and events per year and kind, and its ranking by year."""
    root = tmp_path_factory.mktemp("timeline-browser")
    db = root / "db"
    run("build", *write(root / "earlier", EARLIER), "--db", db)
    run("build", *later_as_files(root / "later"), "--db", db)
    frames: dict[tuple[str, str], int] = {}
    with open_store(db) as store:
        for label, year, first_seen, _hub in store.query(
                "MATCH (c:Country {name: 'Chile'})-[:PARTY_TO|LEADS|PARTICIPATED_IN|ORGANIZED]->(h) "
                "RETURN DISTINCT labels(h)[0], h.year, h.first_seen, h.id").rows:
            key = (str(year if year is not None else int(first_seen[:4])), label.lower())
            frames[key] = frames.get(key, 0) + 1
    by_year = json.loads(run("centrality", "--focus", "Chile", "--by-year", "--top", "0", "--json",
                             "--db", db).output)
    return db, {"frames": frames, "by_year": by_year}


@pytest.fixture(scope="module")
def page(two_batches):
    with serving(two_batches[0]) as (url, _proc), chromium() as browser:
        context = browser.new_context(viewport={"width": 1400, "height": 900})
        page = context.new_page()
        watch = PageWatch(page)
        page.goto(url)
        page.wait_for_function(READY, timeout=60_000)
        page.goto(url + "#timeline")
        yield page, watch, url
        context.close()


def _show(page, actor: str) -> None:
    shown = page.evaluate("window.workbench.timelineShown || 0")
    page.fill("#timeline-actor", actor)
    page.click("#timeline-form button[type=submit]")
    page.wait_for_function(f"() => (window.workbench.timelineShown || 0) > {shown} && "
                           f"(window.workbench.newsShown || 0) > 0")


def test_the_timeline_draws_frames_and_partner_weights_by_year(page, two_batches):
    page, watch, url = page
    _show(page, "Chile")
    status = page.text_content("#timeline-status")
    assert status.startswith("Chile (Country):") and "2021–2025" in status
    # agreements and events per year: one bar per year and kind, as the store has them
    bars = page.eval_on_selector_all("#frames-chart rect.frame-bar", "rs => rs.map(r => [r.dataset.year, "
                                     "r.dataset.kind, Number(r.dataset.count)])")
    assert {(y, k): n for y, k, n in bars} == two_batches[1]["frames"] != {}
    # the partners' weight by year: a line per partner, a point per year, from the ranking by year
    lines = page.eval_on_selector_all("#weights-chart polyline.weight-line", "ls => ls.map(l => l.dataset.partner)")
    assert {"Germany", "Japan", "Australia"} <= set(lines)
    points = page.eval_on_selector_all("#weights-chart circle.weight-point",
                                       "cs => cs.map(c => [c.dataset.partner, c.dataset.year, "
                                       "Number(c.dataset.weight)])")
    by_year = two_batches[1]["by_year"]
    expected = {(row["name"], str(entry["year"])): row["weight"] for entry in by_year["years"]
                for row in entry["partners"]}
    for partner, year, weight in points:
        assert weight == expected.get((partner, year), 0.0), (partner, year)
    assert len(points) == len(lines) * 5  # 2021 to 2025
    legend = page.text_content("#weights-legend")
    assert "Germany" in legend
    assert watch.console_errors == [] and watch.failed_requests == []
    assert [u for u in watch.requests if not u.startswith(url)] == []


def test_whats_new_lists_the_later_batch_with_links_to_the_evidence(page):
    page, watch, url = page
    _show(page, "Chile")
    shown = page.evaluate("window.workbench.newsShown")
    page.select_option("#news-build", "1")
    page.click("#news-form button[type=submit]")
    page.wait_for_function(f"() => window.workbench.newsShown > {shown}")
    assert page.text_content("#news-status").endswith("in build 2, against the store after build 1")
    lines = page.eval_on_selector_all("#news li", "ls => ls.map(l => [l.dataset.kind, "
                                      "l.querySelector('strong').textContent])")
    lines = [tuple(line) for line in lines]
    assert ("status_changed", "Chile–Japan MOU") in lines
    assert ("new_partner", "Australia") in lines and ("tie_grew", "Germany") in lines
    evidence = page.eval_on_selector_all("#news li blockquote", "qs => qs.map(q => q.textContent)")
    assert "Chile and Australia signed a lithium agreement in Canberra." in evidence
    # each line links to its article: follow one to the Articles view with its evidence highlighted
    link = page.locator("#news li[data-kind=status_changed] a").first
    assert link.get_attribute("href").startswith("#article/")
    link.click()
    page.wait_for_function("() => document.getElementById('article-title').textContent === "
                           "'Copper diplomacy in Asia'")
    marks = page.eval_on_selector_all("#article-text mark.evidence", "ms => ms.map(m => m.textContent).join('')")
    assert "Chile and Japan will sign a memorandum of understanding on copper supply." in marks
    # a date instead of a build: everything built since then
    page.goto(url + "#timeline")
    shown = page.evaluate("window.workbench.newsShown")
    page.fill("#news-since", "2000-01-01")
    page.click("#news-form button[type=submit]")
    page.wait_for_function(f"() => window.workbench.newsShown > {shown}")
    assert "in builds 1, 2" in page.text_content("#news-status")
    page.fill("#news-since", "")
    assert watch.console_errors == [] and watch.dialogs == []


def test_an_older_answer_arriving_late_does_not_replace_a_newer_one(page):
    """The page asks for what is new when it opens; if the analyst asks for a date before that
    answer arrives, the late answer to the first question is not shown over the second's."""
    first, _watch, url = page
    late = first.context.new_page()
    held = []

    def hold_the_first(route):
        if held:
            route.continue_()
        else:
            held.append(route)

    late.route("**/api/changes*", hold_the_first)
    try:
        late.goto(url + "#timeline")
        late.wait_for_function(READY, timeout=60_000)
        late.wait_for_function("() => document.getElementById('news-since') !== null")
        assert held, "the page asked nothing on opening"
        late.fill("#news-since", "2000-01-01")
        late.click("#news-form button[type=submit]")
        late.wait_for_function("() => (window.workbench.newsShown || 0) > 0")
        assert "in builds 1, 2" in late.text_content("#news-status")
        held[0].continue_()
        late.wait_for_function("() => window.workbench.newsAnswered === 2")
        assert "in builds 1, 2" in late.text_content("#news-status")
        assert late.evaluate("window.workbench.newsShown") == 1
    finally:
        late.close()


def test_an_unknown_actor_is_one_error_line(page):
    page, watch, _ = page
    page.fill("#timeline-actor", "Atlantis")
    page.click("#timeline-form button[type=submit]")
    page.wait_for_selector("#timeline-status.error")
    assert "Atlantis" in page.text_content("#timeline-status")
