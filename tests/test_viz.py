"""The map page as HTML: self-contained, legend, safe serialisation, scope and trimming."""

from __future__ import annotations

import json
from html.parser import HTMLParser

import pytest
from conftest_browser import IMG_NAME, SCRIPT_NAME, hand_made_graph, star_graph

from minegraph.graph.lookup import UnknownEntityError
from minegraph.graph.model import Graph, Node, Relationship
from minegraph.graph.viz import MapSummary, edge_tooltip, node_tooltip, render_map, script_json, write_map


class Page(HTMLParser):
    """The tags, external references and the JSON data of a map page."""

    def __init__(self, html: str):
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[str] = []
        self._in_script = False
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag == "script":
            self._in_script = True
            self.scripts.append("")

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.scripts[-1] += data

    def count(self, tag: str) -> int:
        return sum(1 for t, _ in self.tags if t == tag)

    def references(self) -> list[str]:
        return [attrs.get(name) or "" for tag, attrs in self.tags for name in ("src", "href")
                if name in attrs and tag in ("script", "link", "img", "iframe")]

    def data(self) -> dict:
        ids = [attrs.get("id") for tag, attrs in self.tags if tag == "script"]
        return json.loads(self.scripts[ids.index("mg-data")])


def render(graph: Graph, **options) -> tuple[Page, str]:
    html, _summary = render_map(graph, **options)
    return Page(html), html


def test_page_is_self_contained(tmp_path):
    summary = write_map(hand_made_graph(), tmp_path / "map.html")
    html = summary.path.read_text(encoding="utf-8")
    page = Page(html)
    assert page.references() == []  # no <script src>, no <link href>: everything is inline
    assert not any(ref.startswith(("http://", "https://")) for ref in page.references())
    assert page.count("script") == 3 and page.count("link") == 0
    assert "jsdelivr" not in html and "cdnjs" not in html and "bootstrap.min" not in html
    assert "vis-network" in html and "DataView" in html  # the inlined vis bundle
    assert [p.name for p in tmp_path.iterdir()] == ["map.html"]  # no temporary file left over


def test_summary_and_documents_left_out(tmp_path):
    graph = hand_made_graph()
    summary = write_map(graph, tmp_path / "map.html")
    assert summary == MapSummary(tmp_path / "map.html", nodes=12, edges=15, trimmed=False, total_nodes=12)
    data = Page(summary.path.read_text(encoding="utf-8")).data()
    assert "doc1" not in {n["id"] for n in data["nodes"]}
    assert all(e["rtype"] != "MENTIONS" for e in data["edges"])


def test_legend_lists_labels_and_types_with_filters():
    page, html = render(hand_made_graph())
    boxes = [(attrs["class"], attrs["value"]) for tag, attrs in page.tags
             if tag == "input" and attrs.get("class", "").startswith("mg-filter")]
    assert [v for c, v in boxes if c == "mg-filter-label"] == [
        "Country", "Agency", "Company", "Mineral", "Agreement", "Person", "Event"]
    assert [v for c, v in boxes if c == "mg-filter-type"] == [
        "BASED_IN", "COOPERATES_WITH", "COVERS", "HAS_RESOURCE", "LEADS", "ORGANIZED", "PARTICIPATED_IN",
        "PARTY_TO", "WORKS_FOR"]
    assert 'id="mg-legend"' in html and 'id="mg-search-input"' in html


def test_styles_sizes_and_widths():
    data = render(hand_made_graph(), size_by="degree")[0].data()
    nodes = {n["id"]: n for n in data["nodes"]}
    assert (nodes["kr"]["group"], nodes["kr"]["shape"]) == ("Country", "dot")
    assert (nodes["mou"]["group"], nodes["mou"]["shape"]) == ("Agreement", "star")
    assert nodes["kr"]["value"] == 6.0  # mou, old, forum, au, motie, posco: documents left out
    assert data["options"]["groups"]["Mineral"]["shape"] == "diamond"
    edges = {(e["from"], e["rtype"], e["to"]): e for e in data["edges"]}
    assert edges[("kr", "COOPERATES_WITH", "au")]["value"] == 3  # width by mentions
    assert edges[("kr", "COOPERATES_WITH", "au")]["color"] != edges[("kr", "PARTY_TO", "mou")]["color"]
    physics = data["options"]["physics"]
    assert physics["enabled"] and physics["stabilization"]["enabled"]


@pytest.mark.parametrize("size_by", ["pagerank", "degree", "betweenness"])
def test_every_size_measure_ranks_korea_first(size_by):
    nodes = render(hand_made_graph(), size_by=size_by)[0].data()["nodes"]
    assert max(nodes, key=lambda n: n["value"])["id"] == "kr"


def test_tooltips_are_plain_text_with_properties_and_evidence():
    graph = hand_made_graph()
    text = node_tooltip(graph.nodes["kr"])
    assert text.splitlines()[:4] == ["South Korea", "Country", "ISO code: KR", "ISO alpha-3: KOR"]
    assert "Also known as: Republic of Korea, Korea" in text
    assert "Status: signed" in node_tooltip(graph.nodes["mou"]) and "Year: 2024" in node_tooltip(graph.nodes["mou"])
    assert "Acronym: MOTIE" in node_tooltip(graph.nodes["motie"])
    edge = edge_tooltip(graph, graph.relationships[("kr", "PARTY_TO", "mou")])
    assert edge.splitlines() == [
        "PARTY_TO", "South Korea → Korea-Uzbekistan critical minerals MOU", "2 mentions · confidence 0.90", "",
        "“Korea and Uzbekistan signed an MOU on lithium.”",
        "  — Korea signs MOU with Uzbekistan, Example News, 2024-06-14"]


def test_an_agreements_minerals_read_as_words_in_its_tooltip():
    mou = Node("mou2", "Agreement", "Kenya–Peru MOU (2031)", [],
               {"kind": "mou", "date": "2031-03", "minerals": ["mineral:rare-earth-elements", "mineral:lithium"]})
    text = node_tooltip(mou)
    assert "Date: 2031-03" in text and "Minerals: rare earth elements, lithium" in text


def test_hostile_text_cannot_break_out_of_the_data_block():
    graph = hand_made_graph(hostile=True)
    graph.add_node(Node("odd", "Agency", "odd <!-- comment \u2028 line & </SCRIPT >", []))
    page, html = render(graph)
    assert SCRIPT_NAME not in html and IMG_NAME not in html
    assert "<!--" not in html.split('id="mg-data">')[1].split("</script>")[0]
    assert "\u2028" not in html
    assert page.count("script") == 3 and page.count("img") == 0
    names = {n["id"]: n["name"] for n in page.data()["nodes"]}
    assert names["motie"] == f"Ministry {SCRIPT_NAME}"  # JSON.parse gives the exact text back
    assert names["posco"] == f"Acme {IMG_NAME} Mining"
    assert names["odd"] == "odd <!-- comment \u2028 line & </SCRIPT >"


def test_hostile_title_is_escaped():
    page, html = render(hand_made_graph(), title=f"Map {SCRIPT_NAME}")
    assert SCRIPT_NAME not in html and "&lt;/script&gt;&lt;script&gt;alert(1)" in html
    assert page.count("script") == 3


def test_script_json_escapes_markup_and_line_separators():
    text = script_json({"a": "</script>&<!--\u2028\u2029"})
    assert not set("<>&\u2028\u2029") & set(text)
    assert json.loads(text) == {"a": "</script>&<!--\u2028\u2029"}
    names = {"a": "Côte d’Ivoire … 中国 \U0001f600"}  # kept in ASCII: one byte a character in memory
    assert script_json(names).isascii() and json.loads(script_json(names)) == names


def test_focus_and_depth_make_an_ego_map():
    graph = hand_made_graph()
    ids = lambda **kw: {n["id"] for n in render(graph, **kw)[0].data()["nodes"]}  # noqa: E731
    assert ids(focus="Mongolia") == {"mn", "forum"}
    assert ids(focus="Mongolia", depth=2) == {"mn", "forum", "kr", "posco"}
    assert ids(focus="mongolia", depth=0) == {"mn"}
    assert render(graph, focus="Mongolia")[0].data()["focus"] == "mn"
    with pytest.raises(UnknownEntityError, match="did you mean 'Mongolia'"):
        render(graph, focus="Mongolai")


def test_since_and_until_restrict_agreements_and_events():
    graph = hand_made_graph()
    graph.add_node(Node("undated", "Agreement", "Undated framework"))
    ids = lambda **kw: {n["id"] for n in render(graph, **kw)[0].data()["nodes"]}  # noqa: E731
    everything = ids()
    assert everything - ids(since=2020) == {"old"}
    assert everything - ids(until=2020) == {"mou", "forum"}
    assert everything - ids(since=2020, until=2023) == {"old", "mou", "forum"}
    assert "undated" in ids(since=2020, until=2023)
    html = render(graph, since=2020)[1]
    assert "agreements and events 2020–…" in html


def test_trimming_keeps_the_most_central_and_says_so(tmp_path):
    summary = write_map(star_graph(40), tmp_path / "map.html", max_nodes=10)
    assert (summary.nodes, summary.trimmed, summary.total_nodes) == (10, True, 41)
    page = Page(summary.path.read_text(encoding="utf-8"))
    kept = {n["id"] for n in page.data()["nodes"]}
    assert "hub" in kept
    assert summary.edges == 9
    assert "Showing the 10 most central of 41 nodes (by pagerank)" in summary.path.read_text(encoding="utf-8")
    # spokes with the most evidence (mentions 3) are the most central after the hub
    assert all(int(i[1:]) % 3 == 2 for i in kept - {"hub"})


def test_trimming_always_keeps_the_focus(tmp_path):
    summary = write_map(star_graph(5), tmp_path / "map.html", focus="Company 0001", max_nodes=1)
    assert (summary.nodes, summary.trimmed, summary.total_nodes) == (1, True, 2)
    assert [n["id"] for n in Page(summary.path.read_text(encoding="utf-8")).data()["nodes"]] == ["c0001"]


def test_untrimmed_map_has_no_note():
    assert 'id="mg-note"' not in render(star_graph(3))[1]


def test_empty_graph_renders():
    page, _html = render(Graph())
    assert page.data()["nodes"] == [] and page.data()["edges"] == []


def test_derived_links_are_dashed():
    graph = hand_made_graph()
    graph.add_relationship(Relationship("uz", "COOPERATES_WITH", "kr", {"derived": True, "mentions": 1}))
    edges = {(e["from"], e["to"]): e for e in render(graph)[0].data()["edges"]}
    assert edges[("uz", "kr")]["dashes"] is True and edges[("kr", "au")]["dashes"] is False


@pytest.mark.parametrize("options", [{"size_by": "closeness"}, {"depth": -1}, {"max_nodes": 0}])
def test_bad_options(options):
    with pytest.raises(ValueError):
        render(hand_made_graph(), **options)


def test_untitled_documents_are_named_by_their_file():
    graph = hand_made_graph()
    graph.nodes["doc1"].props = {"path": "data/articles/000_abc.txt", "published": "2025-12-12"}
    edge = edge_tooltip(graph, graph.relationships[("kr", "PARTY_TO", "mou")])
    assert edge.splitlines()[-1] == "  — 000_abc.txt, 2025-12-12"
