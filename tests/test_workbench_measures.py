"""The workbench's measures list: ``/api/measures`` through Starlette's test client, and the
Measures tab in real headless Chromium served by a real `minegraph serve` process, over a
store built from the measure articles written for the tests (tests/fixtures/measures) and
one with markup in its text."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest_browser import PageWatch, browser_missing, chromium
from starlette.testclient import TestClient

from minegraph.cli.main import cli, compose_workbench
from minegraph.graph.store import open_store
from minegraph.workbench.app import create_app
from minegraph.workbench.server import allowed_hosts
from tests.conftest import REPO
from tests.test_workbench_browser import READY, serving

FIXTURES = REPO / "tests" / "fixtures" / "measures"
PERU = "Peru export ban on lithium, lithium ore and lithium concentrate"
HOSTILE = ("ghana_tin_ban.txt", "Ghana bans tin exports\nPublished: 2025-02-03\n\n"
                                "ACCRA — Ghana banned exports of tin ore <img src=x onerror=\"window.pwned = 1\"> "
                                "on Monday, the mines ministry said.\n")


def build_store(root: Path) -> Path:
    articles = root / "articles"
    shutil.copytree(FIXTURES, articles)
    (articles / HOSTILE[0]).write_text(HOSTILE[1], encoding="utf-8")
    result = CliRunner().invoke(cli, ["build", str(articles), "--db", str(root / "db")], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return root / "db"


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory) -> Path:
    return build_store(tmp_path_factory.mktemp("measures-bench"))


@pytest.fixture(scope="module")
def client(store_dir):
    with open_store(store_dir) as store:
        app = create_app(compose_workbench(store, store_dir), allowed_hosts=["testserver", *allowed_hosts("127.0.0.1")])
        with TestClient(app) as test_client:
            yield test_client


def test_every_measure_with_its_ends_evidence_and_the_filters_choices(client):
    data = client.get("/api/measures").json()
    assert [m["name"] for m in data["measures"]] == [  # dated ones first, the latest first, then by name
        "Chile royalty on copper", PERU, "Ghana export ban on tin and tin ore",
        "Japan critical minerals list: lithium and gallium", "Japan investment screening: Harbor Crest Capital, "
        "Kisaragi Mining", "Japan stockpile of cobalt and nickel"]
    ban = data["measures"][1]
    assert (ban["kind"], ban["status"], ban["year"]) == ("export_ban", "lifted", 2025)
    # "the mines ministry said" of an article datelined LIMA: Peru's ministry, speaking for the ban
    assert ban["imposed_by"] == [{"id": "country:pe", "name": "Peru", "label": "Country"},
                                 {"id": "agency:ministry-of-mines-pe", "name": "Ministry of Mines of Peru",
                                  "label": "Agency"}]
    assert ban["evidence"][0]["document"] == {"id": "peru_lifts_ban", "title": "Peru lifts lithium export ban",
                                              "published": "2025-06-02", "publisher": None}
    facets = data["facets"]
    assert [f["id"] for f in facets["kinds"]] == ["critical_list", "export_ban", "investment_screening", "royalty",
                                                  "stockpile"]
    assert [(f["name"], f["count"]) for f in facets["governments"]] == [("Chile", 1), ("Ghana", 1), ("Japan", 3),
                                                                         ("Peru", 1)]
    assert data["filters"] == {"mineral": None, "kind": None, "government": None, "year": None}


def test_filters_by_mineral_kind_country_and_year(client):
    def names(query: str) -> list[str]:
        response = client.get("/api/measures?" + query)
        assert response.status_code == 200, response.text
        return [m["name"] for m in response.json()["measures"]]

    assert names("mineral=mineral:lithium") == [PERU,
                                                "Japan critical minerals list: lithium and gallium"]
    assert names("kind=export_ban") == [PERU,
                                        "Ghana export ban on tin and tin ore"]
    assert names("government=country:jp&kind=stockpile") == ["Japan stockpile of cobalt and nickel"]
    assert names("year=2025&mineral=mineral:copper") == ["Chile royalty on copper"]
    assert names("mineral=mineral:unobtainium") == []


@pytest.mark.parametrize(("query", "message"), [("kind=embargo", "unknown kind of measure 'embargo'"),
                                                ("year=last", "not a whole number: 'last'")])
def test_a_bad_filter_is_one_error(client, query, message):
    response = client.get("/api/measures?" + query)
    assert response.status_code == 400
    assert response.json()["error"].startswith(message)


# --- in Chromium ----------------------------------------------------------------------------------

browser_only = pytest.mark.skipif(browser_missing() is not None, reason=browser_missing() or "")


@pytest.fixture(scope="module")
def page(tmp_path_factory):
    served = build_store(tmp_path_factory.mktemp("measures-served"))  # its own store: a server holds it
    with serving(served) as (url, _proc), chromium() as browser:
        context = browser.new_context(viewport={"width": 1400, "height": 900})
        page = context.new_page()
        watch = PageWatch(page)
        page.goto(url + "#measures")
        page.wait_for_function(READY, timeout=60_000)
        page.wait_for_function("() => window.workbench.measuresLoaded >= 1", timeout=30_000)
        yield page, watch, url
        context.close()


def cards(page) -> list[str]:
    return page.eval_on_selector_all("#measures-list .measure h3", "els => els.map(e => e.textContent)")


def settle(page, loads: int) -> None:
    page.wait_for_function(f"() => window.workbench.measuresLoaded >= {loads}", timeout=30_000)


@browser_only
def test_the_measures_tab_lists_and_filters_with_evidence(page, tmp_path_factory):
    page, watch, url = page
    assert cards(page)[:3] == ["Chile royalty on copper", PERU,
                               "Ghana export ban on tin and tin ore"] and len(cards(page)) == 6
    assert page.text_content("#measures-status") == "6 measures"
    peru = page.locator(".measure[data-id='measure:pe:export_ban:lithium']")
    assert peru.locator(".status").text_content() == "lifted"
    assert "Imposed by: Peru" in peru.text_content() and (
        "On: lithium, lithium concentrate, lithium ore" in peru.text_content())
    assert peru.locator("blockquote").count() == 5
    assert peru.locator("blockquote a").first.get_attribute("href") == "#article/peru_lifts_ban"
    options = page.eval_on_selector_all("#measure-kind option", "els => els.map(e => e.textContent)")
    assert options == ["any kind", "critical list (1)", "export ban (2)", "investment screening (1)", "royalty (1)",
                       "stockpile (1)"]
    loads = page.evaluate("window.workbench.measuresLoaded")
    page.select_option("#measure-kind", "export_ban")
    settle(page, loads + 1)
    assert cards(page) == [PERU, "Ghana export ban on tin and tin ore"]
    ghana = page.locator(".measure[data-id='measure:gh:export_ban:tin']")
    quotes = ghana.locator("blockquote").all_text_contents()  # the article's sentence and its headline
    assert any("<img src=x" in q for q in quotes)  # markup shown as text
    assert page.evaluate("window.pwned === undefined") and page.locator(".measure img").count() == 0
    page.select_option("#measure-mineral", "mineral:lithium")
    settle(page, loads + 2)
    assert cards(page) == [PERU]
    assert page.input_value("#measure-kind") == "export_ban"  # the choices are kept when the lists refill
    page.select_option("#measure-government", "country:jp")
    settle(page, loads + 3)
    assert cards(page) == [] and page.text_content("#measures-status") == "0 measures matching the filters"
    page.click("#measures-clear")
    settle(page, loads + 4)
    page.select_option("#measure-year", "2025")
    settle(page, loads + 5)
    assert cards(page) == ["Chile royalty on copper", PERU]
    page.click("#measures-clear")
    settle(page, loads + 6)
    shot = tmp_path_factory.mktemp("shots") / "measures.png"
    page.screenshot(path=str(shot), full_page=False)
    assert shot.stat().st_size > 20_000
    assert watch.console_errors == [] and watch.failed_requests == [] and watch.dialogs == []
    assert [u for u in watch.requests if not u.startswith(url)] == []
