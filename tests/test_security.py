"""Article text never runs as code: hostile names through build, query and the map."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from minegraph.cli.main import cli
from minegraph.graph.store import open_store
from tests.conftest_browser import PageWatch, browser_missing, chromium, open_map

HOSTILE_ARTICLE = """Chile and Germany sign lithium pact
March 3, 2024

Chile's <script>alert(1)</script> Lithium Corporation and Germany's <img src=x onerror=alert(1)> Mining Group \
signed a memorandum of understanding on lithium in 2024.
The "}) DETACH DELETE n // Minerals Institute of Chile said the agreement covers lithium and copper.
Officials from Chile and Germany met in Santiago.
"""


@pytest.fixture
def hostile_db(tmp_path, stores):
    """CLI options of a store (each backend) that holds the hostile article."""
    article = tmp_path / "hostile.txt"
    article.write_text(HOSTILE_ARTICLE, encoding="utf-8")
    target = stores.cli_args("db")
    result = CliRunner().invoke(cli, ["build", str(article), *target])
    assert result.exit_code == 0, result.output
    return target


def test_injection_in_a_name_is_stored_as_text(hostile_db, stores):
    with open_store(stores("db")) as store:
        graph = store.read_graph()
        evidence = [s for r in graph.relationships.values() for s in r.props.get("evidence", [])]
        assert any("<script>alert(1)</script>" in s for s in evidence)
        assert any('"}) DETACH DELETE n //' in s for s in evidence)
        assert {"Chile", "Germany"} <= {n.name for n in graph.by_label("Country")}
        # the graph is intact: nothing was deleted by the name
        assert store.query("MATCH (n) WHERE NOT n:Build RETURN count(n)").rows[0][0] == len(graph.nodes)
    result = CliRunner().invoke(cli, ["query", *hostile_db, "--json",
                                      "MATCH ()-[r]->() WHERE any(s IN r.evidence WHERE s CONTAINS $x) "
                                      "RETURN count(r) AS n", "--param", 'x="DETACH DELETE"'])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)[0]["n"] >= 1


@pytest.mark.skipif(browser_missing() is not None, reason=str(browser_missing()))
def test_hostile_article_map_runs_no_script(hostile_db, tmp_path):
    out = tmp_path / "map.html"
    result = CliRunner().invoke(cli, ["map", *hostile_db, "-o", str(out)])
    assert result.exit_code == 0, result.output
    with chromium() as browser:
        page = browser.new_page()
        watch = PageWatch(page)
        open_map(page, out)
        titles = page.evaluate(
            "window.minegraph.edges.get().map(e => e.title ? e.title.textContent : '').join('\\n')")
        page.wait_for_timeout(300)
        assert watch.dialogs == []
        assert watch.console_errors == []
        assert "<script>alert(1)</script>" in titles and "<img src=x onerror=alert(1)>" in titles
        assert page.locator("img").count() == 0
