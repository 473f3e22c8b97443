"""Ministries in lists, by portfolio pairs and in lowercase with their country marked
(invented sentences)."""

from __future__ import annotations

from minegraph.loaders.mentions import LOWER_MINISTRY, MINISTRY_LIST, find_mentions, ministry_list_items


def agencies(text: str) -> list[tuple[str, list[str]]]:
    return [(m.text, m.name_countries) for m in find_mentions(text).mentions if m.label == "Agency"]


def test_list_with_serial_comma_keeps_and_inside_an_item():
    text = "Officials from Ruritanian ministries, including Ports and Railways, Mines, Planning, and Finance, came."
    assert agencies(text) == [
        ("Ministry of Ports and Railways", []),
        ("Ministry of Mines", []),
        ("Ministry of Planning", []),
        ("Ministry of Finance", []),
    ]


def test_list_of_a_named_country():
    assert agencies("The Congolese ministries of Mines, Finance and Budget signed.") == [
        ("Ministry of Mines", ["CD"]),
        ("Ministry of Finance", ["CD"]),
        ("Ministry of Budget", ["CD"]),
    ]


def test_list_items():
    items = "Mines, Finance and Budget"
    assert [items[a:b] for a, b in ministry_list_items(items)] == ["Mines", "Finance", "Budget"]
    items = "Trade and Industry, Mines, and Finance"
    assert [items[a:b] for a, b in ministry_list_items(items)] == ["Trade and Industry", "Mines", "Finance"]


def test_patterns_match_and_must_not_match():
    assert MINISTRY_LIST.search("the ministries of Mines and Energy")
    assert not MINISTRY_LIST.search("the ministries said on Monday")
    assert not MINISTRY_LIST.search("the Ministry of Mines")
    assert LOWER_MINISTRY.search("the economy ministry said")
    assert not LOWER_MINISTRY.search("the Economy Ministry said")
    assert not LOWER_MINISTRY.search("the ministry said")


def test_two_portfolios_before_ministry_are_one_ministry():
    assert agencies("Questions went to the Mines and Energy Ministry, which has not replied.") == [
        ("Mines and Energy Ministry", [])
    ]


def test_lowercase_ministry_with_its_country_marked_or_definite():
    assert agencies("The West African nation's economy ministry declined to comment.") == [("Economy Ministry", [])]
    assert agencies("Mali's mining ministry said so.") == [("Mining Ministry", [])]
    assert agencies("The foreign ministry said so.") == [("Foreign Ministry", [])]
    assert agencies("A foreign ministry official said so.") == []


def _extract(text: str):
    from minegraph.loaders.documents import Document
    from minegraph.loaders.extract import extract_graph

    return extract_graph(Document(id="m", path="m.txt", text=text, sha256="m", published="2024-05-02"))


def test_lowercase_ministry_of_an_open_country_is_no_entity():
    # two countries, neither the article's: whose foreign ministry is left open
    graph = _extract("Peru and Chile traded tin. The foreign ministry said talks went on.")
    assert [n.name for n in graph.by_label("Agency")] == []
    graph = _extract(
        "Peru exports tin. Peru also mines copper. Peru's output grew. The mines ministry said exports rose."
    )
    assert [(n.name, "Peruvian Ministry of Mines" in n.aliases) for n in graph.by_label("Agency")] == [
        ("Ministry of Mines of Peru", True)
    ]


def test_ministry_named_with_its_country_keeps_that_form_as_an_alias():
    from minegraph.loaders.documents import Document
    from minegraph.loaders.extract import extract_graph

    text = "The deal was welcomed by Chile’s Foreign Ministry in a statement on Monday."
    graph = extract_graph(Document(id="m", path="m.txt", text=text, sha256="m", published="2024-05-02"))
    ministry = next(n for n in graph.by_label("Agency") if "Foreign Affairs" in n.name)
    assert "Chile's Foreign Ministry" in ministry.aliases


def test_a_ministrys_name_runs_on_through_a_countrys_name_with_a_possessive():
    assert agencies("The Ministry of Trade of the People's Republic of China said so.") == [
        ("Ministry of Trade of the People's Republic of China", ["CN"]),
    ]
    assert agencies("The Ministry of Energy of the Lao People's Democratic Republic signed.") == [
        ("Ministry of Energy of the Lao People's Democratic Republic", ["LA"]),
    ]
    # a possessive that is not a country's ends the name
    assert [t for t, _ in agencies("The Ministry of Mines' Director spoke.")] == ["Ministry of Mines"]


def test_lowercase_ministry_takes_the_country_of_its_adjective():
    # "the Gabonese mines ministry" is Gabon's, so it is not one with another state's ministry of mines
    assert agencies("Delegates were welcomed by the Gabonese mines ministry on Monday.") == [
        ("Mines Ministry", ["GA"])
    ]
    # an article or "the country's" names no state: the ministry is the article's
    assert agencies("The talks were hosted by the mines ministry.") == [("Mines Ministry", [])]


def test_ministry_after_an_office_title_is_a_name_of_its_own():
    # "Deputy Minister for Geology of the Ministry of ...": the title, then the ministry it serves
    text = "The letter was initialled by the Deputy Minister for Geology of the Chilean Ministry of Lands and Mining."
    assert agencies(text) == [("Chilean Ministry of Lands and Mining", ["CL"])]
    # a minister "of the Republic" names a state, no body
    assert agencies("Ana Ruiz, Minister of Mines of the Republic of Ghana, spoke.") == []
