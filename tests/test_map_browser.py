"""The map in a real headless Chromium: loads offline, holds the right nodes, search and
filters work, and hostile names are shown as text without running anything."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest_browser import (
    IMG_NAME,
    ROOT,
    SCRIPT_NAME,
    PageWatch,
    browser_missing,
    chromium,
    extractor_missing,
    hand_made_graph,
    open_map,
    star_graph,
)

from minegraph.graph.viz import write_map

pytestmark = pytest.mark.skipif(browser_missing() is not None, reason=str(browser_missing()))


@pytest.fixture(scope="module")
def browser():
    with chromium() as browser:
        yield browser


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    yield page
    context.close()


def visible_node_count(page) -> int:
    return page.evaluate("window.minegraph.network.body.nodeIndices.length")


def assert_clean(watch: PageWatch) -> None:
    assert watch.failed_requests == []
    assert watch.remote_requests == []
    assert watch.console_errors == []
    assert watch.dialogs == []


def test_map_loads_offline_with_all_nodes(page, tmp_path):
    summary = write_map(hand_made_graph(), tmp_path / "map.html")
    watch = PageWatch(page)
    open_map(page, summary.path)
    assert visible_node_count(page) == summary.nodes == 12  # 13 nodes less the document
    assert page.evaluate("window.minegraph.network.body.edgeIndices.length") == summary.edges == 15
    assert page.evaluate("window.minegraph.network.physics.physicsEnabled") is False  # stopped after layout
    assert page.locator("#mg-legend").is_visible()
    assert page.locator("#mg-legend-labels li").count() == 7
    assert page.locator("#mg-progress").is_hidden()
    page.screenshot(path=str(tmp_path / "map.png"))
    assert (tmp_path / "map.png").stat().st_size > 10_000
    assert_clean(watch)


def test_search_box_focuses_and_selects_a_node(page, tmp_path):
    summary = write_map(hand_made_graph(), tmp_path / "map.html")
    watch = PageWatch(page)
    open_map(page, summary.path)
    page.fill("#mg-search-input", "republic of korea")
    page.press("#mg-search-input", "Enter")
    assert page.evaluate("window.minegraph.network.getSelectedNodes()") == ["kr"]
    assert "ISO code: KR" in page.locator("#mg-info-text").text_content()
    page.fill("#mg-search-input", "Uzbek")  # partial names work too
    page.click("#mg-search button")
    assert page.evaluate("window.minegraph.network.getSelectedNodes()") == ["uz"]
    page.fill("#mg-search-input", "Atlantis")
    page.press("#mg-search-input", "Enter")
    assert page.locator("#mg-search-status").text_content() == "not found"
    assert_clean(watch)


def test_filters_hide_labels_and_relationship_types(page, tmp_path):
    summary = write_map(hand_made_graph(), tmp_path / "map.html")
    open_map(page, summary.path)
    page.uncheck(".mg-filter-label[value=Country]")
    assert visible_node_count(page) == 8
    page.check(".mg-filter-label[value=Country]")
    assert visible_node_count(page) == 12
    page.uncheck(".mg-filter-type[value=BASED_IN]")
    assert page.evaluate("window.minegraph.network.body.edgeIndices.length") == 13


def test_hostile_names_show_as_text_and_run_nothing(page, tmp_path):
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    summary = write_map(hand_made_graph(hostile=True), tmp_path / "map.html")
    watch = PageWatch(page)
    open_map(page, summary.path)
    assert visible_node_count(page) == 12
    # the search list, the info panel and the hover tooltip all carry the literal text
    page.fill("#mg-search-input", "alert")
    page.press("#mg-search-input", "Enter")
    info = page.locator("#mg-info-text").text_content()
    assert SCRIPT_NAME in info or IMG_NAME in info
    for node_id, name in [("motie", f"Ministry {SCRIPT_NAME}"), ("posco", f"Acme {IMG_NAME} Mining")]:
        page.evaluate("id => window.minegraph.focusNode(id)", node_id)
        assert page.locator("#mg-info-text").text_content().startswith(name)
        tooltip = page.locator("div.vis-tooltip")
        for _attempt in range(6):  # on a busy machine the focus animation may still be moving the view
            page.wait_for_timeout(700)
            point = page.evaluate("""id => {
                const net = window.minegraph.network;
                const p = net.canvasToDOM(net.getPosition(id));
                const box = document.getElementById('mg-network').getBoundingClientRect();
                return {x: p.x + box.left, y: p.y + box.top};
            }""", node_id)
            page.mouse.move(point["x"] - 3, point["y"] - 3)
            page.mouse.move(point["x"], point["y"], steps=3)
            try:
                tooltip.wait_for(state="visible", timeout=3000)
                break
            except PlaywrightTimeout:
                page.mouse.move(5, 5)
        assert tooltip.text_content().startswith(name)
        page.mouse.move(5, 5)
    # the evidence sentence with markup is shown on an edge as text
    edge_text = page.evaluate("window.minegraph.edges.get('e0').title.textContent")
    assert IMG_NAME in edge_text and "Korea signs MOU <b>with</b> Uzbekistan" in edge_text
    assert page.locator("img").count() == 0
    assert page.locator("script").count() == 3  # data, vis-network, map: nothing injected
    page.wait_for_timeout(300)
    assert_clean(watch)


def test_trimmed_map_says_so(page, tmp_path):
    summary = write_map(star_graph(40), tmp_path / "map.html", max_nodes=10)
    open_map(page, summary.path)
    assert visible_node_count(page) == 10
    note = page.locator("#mg-note")
    assert note.is_visible()
    assert note.text_content().startswith("Showing the 10 most central of 41 nodes")


def test_sample_corpus_map(page, tmp_path):
    if extractor_missing():
        pytest.skip(extractor_missing())
    from minegraph.loaders.documents import Document
    from minegraph.loaders.pipeline import build_graph
    from minegraph.loaders.reader import read_articles

    graph = build_graph(d for d in read_articles([ROOT / "data"]) if isinstance(d, Document))
    entities = [n for n in graph.nodes.values() if n.label != "Document"]
    summary = write_map(graph, tmp_path / "map.html", title="sample corpus")
    assert summary.nodes == len(entities) > 10
    watch = PageWatch(page)
    open_map(page, summary.path)
    assert visible_node_count(page) == summary.nodes
    page.fill("#mg-search-input", "South Korea")
    page.press("#mg-search-input", "Enter")
    korea = page.evaluate("window.minegraph.network.getSelectedNodes()")
    assert len(korea) == 1 and graph.nodes[korea[0]].name == "South Korea"
    page.screenshot(path=str(tmp_path / "sample.png"))
    assert_clean(watch)


def test_screenshot_helper_writes_png(browser, tmp_path):
    from conftest_browser import screenshot_map

    summary = write_map(hand_made_graph(), tmp_path / "map.html")
    screenshot_map(summary.path, tmp_path / "shot.png", width=800, height=600, browser=browser)
    assert (tmp_path / "shot.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_readme_screenshot_is_committed():
    assert (ROOT / "docs" / "map.png").exists(), "run: .venv/bin/python tests/conftest_browser.py"
    assert Path(ROOT / "docs" / "map.png").read_bytes()[:4] == b"\x89PNG"


def test_large_map_stabilises_and_stops(page, tmp_path):
    summary = write_map(star_graph(1500), tmp_path / "map.html")  # default max_nodes=1000
    assert (summary.nodes, summary.trimmed, summary.total_nodes) == (1000, True, 1501)
    watch = PageWatch(page)
    open_map(page, summary.path, timeout_ms=120_000)
    assert visible_node_count(page) == 1000
    assert page.evaluate("window.minegraph.network.physics.physicsEnabled") is False
    assert page.locator("#mg-note").is_visible()
    assert_clean(watch)


@pytest.mark.skipif(extractor_missing() is not None, reason=str(extractor_missing()))
def test_measures_have_their_own_shape_and_filters(page, tmp_path):
    from minegraph.loaders.documents import Document
    from minegraph.loaders.pipeline import build_graph
    from minegraph.loaders.reader import read_articles

    articles = ROOT / "tests" / "fixtures" / "measures"  # written for the tests
    graph = build_graph([d for d in read_articles([articles]) if isinstance(d, Document)])
    summary = write_map(graph, tmp_path / "map.html")
    watch = PageWatch(page)
    open_map(page, summary.path)
    measures = page.evaluate("window.minegraph.nodes.get({filter: n => n.group === 'Measure'})"
                             ".map(n => [n.id, n.shape, n.kind, n.in_force])")
    assert sorted(measures) == [
        ["measure:cl:royalty:copper", "box", "royalty", False],  # raised from next year: announced
        ["measure:jp:critical_list:gallium+lithium", "box", "critical_list", True],
        ["measure:jp:investment_screening:*", "box", "investment_screening", True],
        ["measure:jp:stockpile:cobalt+nickel", "box", "stockpile", False],
        ["measure:pe:export_ban:lithium", "box", "export_ban", False],
    ]
    kinds = page.locator(".mg-filter-kind")
    assert [kinds.nth(i).get_attribute("value") for i in range(kinds.count())] == [
        "critical_list", "export_ban", "investment_screening", "royalty", "stockpile"]

    def drawn() -> set[str]:
        return set(page.evaluate("window.minegraph.network.body.nodeIndices"))

    everything = drawn()
    assert {m[0] for m in measures} <= everything
    page.uncheck(".mg-filter-kind[value=export_ban]")  # one kind hidden
    assert everything - drawn() == {"measure:pe:export_ban:lithium"}
    page.check("#mg-in-force")  # and those not in force (the stockpile and the royalty are only announced)
    assert everything - drawn() == {"measure:pe:export_ban:lithium", "measure:jp:stockpile:cobalt+nickel",
                                    "measure:cl:royalty:copper"}
    page.fill("#mg-search-input", "Peru export ban")  # finding a hidden measure shows it again
    page.press("#mg-search-input", "Enter")
    assert "measure:pe:export_ban:lithium" in drawn()
    assert page.is_checked(".mg-filter-kind[value=export_ban]") and not page.is_checked("#mg-in-force")
    assert "Kind: export_ban" in page.locator("#mg-info-text").text_content()
    page.uncheck(".mg-filter-label[value=Measure]")  # the label filter hides them all
    assert not {m[0] for m in measures} & drawn()
    assert_clean(watch)
