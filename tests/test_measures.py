"""Measures read off articles (loaders/measures): each kind and status, the year, who imposes
a measure and what it targets, the cases that are no measure, and one node per measure
across articles.  Every sentence is written for the test."""

from __future__ import annotations

import hashlib

import pytest

from minegraph.graph.model import MEASURE_KINDS, MEASURE_STATUSES, Graph
from minegraph.loaders.documents import Document
from minegraph.loaders.extract import extract_graph
from minegraph.loaders.measures import measure_key, parse_measure_key
from minegraph.loaders.pipeline import build_graph


def document(text: str, doc_id: str = "doc", published: str | None = None) -> Document:
    return Document(doc_id, f"{doc_id}.txt", text, hashlib.sha256(text.encode()).hexdigest(), published=published)


def measures(graph: Graph) -> list[dict]:
    """Each Measure of ``graph`` with its kind, status, year and the names at its ends."""
    out = []
    for node in sorted(graph.by_label("Measure"), key=lambda n: n.id):
        ends = {"IMPOSED_BY": [], "TARGETS": [], "AFFECTS": []}
        for rel in graph.relationships.values():
            if rel.source == node.id and rel.type in ends:
                ends[rel.type].append(graph.nodes[rel.target].name)
        out.append({"kind": node.props["kind"], "status": node.props["status"], "year": node.props.get("year"),
                    "imposed_by": sorted(ends["IMPOSED_BY"]), "targets": sorted(ends["TARGETS"]),
                    "affects": sorted(ends["AFFECTS"]), "name": node.name, "id": node.id})
    return out


def read(text: str, published: str | None = None) -> list[dict]:
    return measures(extract_graph(document(text, published=published)))


def summary(found: dict) -> tuple:
    return found["kind"], found["status"], found["year"], found["imposed_by"], found["targets"], found["affects"]


# --- each kind and status, one sentence each --------------------------------------------------

CASES = [
    ("Peru banned exports of raw tin ore in 2021 to encourage local smelting.",
     ("export_ban", "in_force", 2021, ["Peru"], ["tin ore"], [])),
    ("The government of Ghana said on Tuesday it will ban the export of unprocessed cobalt from next January.",
     ("export_ban", "announced", None, ["Ghana"], ["cobalt"], [])),
    ("Kenya's trade ministry will require export licences for graphite and antimony products from December 1.",
     ("export_control", "announced", None, ["Kenya", "Ministry of Trade of Kenya"], ["antimony", "graphite"], [])),
    ("Vietnam imposed quotas on exports of rare earths last year.",
     ("export_quota", "in_force", None, ["Vietnam"], ["rare earth elements"], [])),
    ("Chile's parliament is debating a bill that proposes a 10% export tax on copper concentrate.",
     ("export_tax", "proposed", None, ["Chile"], ["copper concentrate"], [])),
    ("India announced 25% tariffs on imports of lithium and aluminium from Canada.",
     ("import_tariff", "announced", None, ["India"], ["aluminum", "lithium"], [])),
    ("Tanzania will raise the royalty on gold and copper exports to 8% from July.",
     ("royalty", "announced", None, ["Tanzania"], ["copper", "gold"], [])),
    ("Bolivia nationalised its lithium industry in 2023.",
     ("nationalisation", "in_force", 2023, ["Bolivia"], ["lithium"], [])),
    ("Ecuador's mines ministry revoked the exploration licence of Northwind Metals for its lithium project.",
     ("licence_revocation", "in_force", None, ["Ecuador", "Ministry of Mines of Ecuador"], ["lithium"],
      ["Northwind Metals"])),
    ("Australia's government ordered Kestrel Holdings to divest its stake in a domestic graphite miner on "
     "national security grounds.",
     ("investment_screening", "in_force", None, ["Australia"], ["graphite"], ["Kestrel Holdings"])),
    ("Zambia now requires all copper to be processed locally before export.",
     ("processing_requirement", "in_force", None, ["Zambia"], ["copper"], [])),
    ("The European Union added bauxite and lithium to its list of critical raw materials.",
     ("critical_list", "in_force", None, ["European Union"], ["bauxite", "lithium"], [])),
    ("The government of Japan will build a strategic stockpile of cobalt and tungsten.",
     ("stockpile", "announced", None, ["Japan"], ["cobalt", "tungsten"], [])),
    ("Indonesia plans to impose an export duty on nickel pig iron next year.",
     ("export_tax", "planned", None, ["Indonesia"], ["nickel pig iron"], [])),
    ("Guinea lifted its ban on bauxite exports in March 2024.",
     ("export_ban", "lifted", 2024, ["Guinea"], ["bauxite"], [])),
    ("The Philippines has suspended its export ban on nickel ore for six months.",
     ("export_ban", "suspended", None, ["Philippines"], ["nickel ore"], [])),
    ("Zimbabwe extended its lithium export quota until the end of 2026.",
     ("export_quota", "extended", 2026, ["Zimbabwe"], ["lithium"], [])),
]


@pytest.mark.parametrize(("sentence", "expected"), CASES, ids=[c[1][0] + "-" + c[1][1] for c in CASES])
def test_one_sentence_states_one_measure(sentence, expected):
    [found] = read(sentence)
    assert summary(found) == expected


MORE_WAYS = [
    ("Zimbabwe outlawed the export of raw lithium ore in December 2022.",
     ("export_ban", "in_force", 2022, ["Zimbabwe"], ["lithium ore"], [])),
    ("China requires exporters of rare earth magnets to apply for licences since April.",
     ("export_control", "in_force", None, ["China"], ["rare earth elements"], [])),
    ("Chile will cap lithium exports from state-controlled projects.",
     ("export_quota", "announced", None, ["Chile"], ["lithium"], [])),
    ("Tanzania increased the export levy on raw minerals to 10%.",
     ("export_tax", "in_force", None, ["Tanzania"], [], [])),
    ("The United States imposed a 93.5% anti-dumping duty on Chinese graphite.",
     ("import_tariff", "in_force", None, ["United States"], ["graphite"], [])),
    ("Mexico declared lithium a strategic mineral reserved for the state in 2022.",
     ("nationalisation", "in_force", 2022, ["Mexico"], ["lithium"], [])),
    ("Canada's government told Chinese state-owned companies to exit their investments in Canadian lithium miners.",
     ("investment_screening", "in_force", None, ["Canada"], ["lithium"], [])),
    ("Japan designated lithium, nickel and cobalt as specified critical materials.",
     ("critical_list", "in_force", None, ["Japan"], ["cobalt", "lithium", "nickel"], [])),
    ("The EU's Critical Raw Materials Act lists 34 critical raw materials, including copper and nickel.",
     ("critical_list", "in_force", None, ["European Union"], ["copper", "nickel"], [])),
    ("Since 2020, Indonesia has prohibited exports of nickel ore.",
     ("export_ban", "in_force", 2020, ["Indonesia"], ["nickel ore"], [])),
    ("Guinea's government stripped Emirates Global Aluminium of its bauxite concession last month.",
     ("licence_revocation", "in_force", None, ["Guinea"], ["bauxite"], ["Emirates Global Aluminium"])),
    ("Ghana stopped exporting raw bauxite in 2024.", ("export_ban", "in_force", 2024, ["Ghana"], ["bauxite"], [])),
    ("China introduced licensing requirements for exports of graphite in December.",
     ("export_control", "in_force", None, ["China"], ["graphite"], [])),
    ("Chile approved a royalty hike on copper miners in 2023.",
     ("royalty", "in_force", 2023, ["Chile"], ["copper"], [])),
    ("Mali's government took control of the Loulo mine and its lithium assets.",
     ("nationalisation", "in_force", None, ["Mali"], ["lithium"], [])),
    ("South Korea will build a strategic minerals reserve of lithium and rare earths.",
     ("stockpile", "announced", None, ["South Korea"], ["lithium", "rare earth elements"], [])),
]


@pytest.mark.parametrize(("sentence", "expected"), MORE_WAYS, ids=[c[0][:40] for c in MORE_WAYS])
def test_other_ways_of_stating_a_measure(sentence, expected):
    [found] = read(sentence)
    assert summary(found) == expected


def test_the_cases_cover_every_kind_and_status():
    assert {c[1][0] for c in CASES} == set(MEASURE_KINDS)
    assert {c[1][1] for c in CASES} == set(MEASURE_STATUSES)


@pytest.mark.parametrize("sentence", [
    # a company's decision
    "Acme Mining decided to halt exports of copper concentrate from its Zambian mine.",
    "Albemarle halted shipments of lithium from its Chilean plant.",
    # a statement of intent, a wish, a guess
    "Namibia hopes to ban exports of raw lithium one day.",
    "Officials want to stop exports of raw lithium.",
    "Malaysia is considering a ban on rare earth exports.",
    "Analysts said China could restrict exports of gallium in retaliation.",
    # an agreement between parties
    "Brazil and Argentina signed an agreement to remove tariffs on cobalt.",
    "Under the deal, Japan will lift tariffs on Australian lithium.",
    "The partnership also grants Kestrel Motors exclusive rights to the mine's lithium output.",
    # no measure on minerals, or no measure at all
    "The United States will restrict exports of advanced chips to Chinese firms.",
    "Canada raised tariffs on Chinese electric vehicles.",
    "Peru is the world's largest exporter of tin.",
    "China's exports of gallium fell 20% last year.",
    "Export controls on chips hurt China's tech sector.",
    "A ban would hurt miners, the chamber of mines said.",
])
def test_no_measure_is_invented(sentence):
    assert read(sentence) == []


# --- who, what and when -------------------------------------------------------------------------


def test_an_agency_imposes_with_its_country():
    [found] = read("China's commerce ministry said exporters of tungsten must obtain a licence from May.")
    imposed_by = ["China", "Ministry of Commerce of China"]  # a ministry named by its portfolio carries its country
    assert summary(found) == ("export_control", "announced", None, imposed_by, ["tungsten"], [])


def test_an_official_speaks_for_the_ministry_they_work_for():
    text = ("Ghana said on Monday it will stop bauxite exports from Jan. 1, 2026.\n"
            "Kofi Mensah, the director of mines at the Ministry of Lands and Natural Resources, said the ban "
            "will apply to all bauxite grades.")
    [found] = read(text)
    assert found["imposed_by"] == ["Ghana", "Ministry of Lands and Natural Resources of Ghana"]
    assert (found["kind"], found["status"], found["year"], found["targets"]) == ("export_ban", "announced", 2026,
                                                                                 ["bauxite"])


def test_the_country_named_after_the_measure_imposes_it():
    [found] = read("Importers suffered under the export bans which China imposed on the United States in December, "
                   "which included gallium and germanium.")
    assert summary(found) == ("export_ban", "in_force", None, ["China"], ["gallium", "germanium"], [])


def test_each_mineral_with_its_own_year_is_its_own_measure():
    found = read("The draft follows Indonesia, which in 2020 stopped the exportation of "
                 "its nickel ore, and bauxite in 2022.")
    assert [(m["targets"], m["year"]) for m in found] == [(["bauxite"], 2022), (["nickel ore"], 2020)]


def test_two_measures_of_one_kind_on_different_minerals_stay_apart():
    text = ("Vietnam will restrict exports of antimony from September 15, the trade ministry said.\n"
            "Vietnam imposed export curbs last year on tungsten and tin.")
    found = read(text)
    assert [(m["targets"], m["status"]) for m in found] == [(["antimony"], "announced"), (["tin", "tungsten"],
                                                                                           "in_force")]


def test_a_word_referring_back_joins_the_measure_and_adds_no_minerals():
    text = ("Zimbabwe has banned the export of raw lithium ore, the mines minister said.\n"
            "Traders said the ban will hurt copper buyers in South Africa.")
    [found] = read(text)
    assert found["targets"] == ["lithium ore"] and found["imposed_by"] == ["Zimbabwe"]


def test_a_bare_word_referring_to_nothing_is_no_measure():
    assert read("Traders said the ban will hurt copper buyers in South Africa.") == []


def test_the_verb_before_a_measure_sets_its_status():
    [found] = read("Separately, China imposed export controls on gallium and germanium, a move analysts said "
                   "would not affect the talks.")
    assert (found["status"], found["targets"]) == ("in_force", ["gallium", "germanium"])
    [blocked] = read("Exports of cobalt were blocked entirely by Congo for months before quotas replaced "
                     "the ban.")
    assert (blocked["kind"], blocked["status"]) == ("export_ban", "lifted")


def test_a_measure_from_a_later_year_than_the_article_is_not_in_force_yet():
    text = "Zimbabwe's cabinet approved a ban on the export of lithium concentrates from 2027."
    [found] = read(text, published="2025-03-01")
    assert (found["status"], found["year"]) == ("announced", 2027)


def test_a_restriction_on_raw_ore_is_a_ban():
    [found] = read("Namibia's cabinet approved a restriction on exporting unprocessed lithium ore.")
    assert found["kind"] == "export_ban"


def test_a_measure_on_raw_minerals_in_general_targets_none():
    [found] = read("Nigeria banned the export of unprocessed minerals last year.")
    assert (found["kind"], found["imposed_by"], found["targets"]) == ("export_ban", ["Nigeria"], [])
    assert found["id"] == "measure:ng:export_ban:*"


def test_a_named_stockpile_is_its_own_measure():
    text = ("The defence ministry of Japan manages the National Minerals Stockpile and stockpiles rare metals "
            "for security.\n"
            "Japan will also build a new stockpile of lithium for battery makers.")
    found = read(text)
    assert sorted(m["name"] for m in found) == ["Japan National Minerals Stockpile", "Japan stockpile of lithium"]


def test_a_headline_and_a_body_sentence_state_one_measure():
    text = ("Kazakhstan bans tungsten exports\n"
            "Kazakhstan banned exports of tungsten and molybdenum on Friday, the industry ministry said.")
    [found] = read(text)
    assert found["targets"] == ["molybdenum", "tungsten"]


# --- one node per measure across articles -------------------------------------------------------

ANNOUNCED = ("Peru to ban raw lithium exports\nPublished: 2024-05-20\n\n"
             "Peru said on Tuesday it will ban exports of unprocessed lithium ore from January 2025.")
LIFTED = ("Peru lifts lithium export ban\nPublished: 2025-06-02\n\n"
          "Peru lifted its ban on exports of lithium ore on Monday after talks with miners.")


def built(*articles: tuple[str, str]) -> Graph:
    from minegraph.loaders.documents import find_published

    return build_graph([document(text, doc_id, find_published(text)) for doc_id, text in articles])


@pytest.mark.parametrize("order", [("a", "b"), ("b", "a")])
def test_the_same_measure_in_two_articles_is_one_node_with_the_latest_status(order):
    texts = {"a": ANNOUNCED, "b": LIFTED}
    graph = built(*[(f"art-{name}", texts[name]) for name in order])
    [found] = measures(graph)
    assert (found["kind"], found["status"], found["imposed_by"]) == ("export_ban", "lifted", ["Peru"])
    assert "lithium ore" in found["targets"]
    node = graph.nodes[found["id"]]
    assert sorted(node.sources) == ["art-a", "art-b"]
    graph.retract("art-b")  # the later statement taken back: the earlier one stands again
    assert graph.nodes[found["id"]].props["status"] == "announced"


def test_a_measure_on_some_of_a_known_measures_minerals_is_that_measure():
    first = "China imposed export controls on gallium and germanium in 2023."
    second = "China's export controls on gallium have cut shipments to Japan."
    graph = built(("one", first), ("two", second))
    [found] = measures(graph)
    assert found["id"] == "measure:cn:export_control:gallium+germanium"
    assert sorted(graph.nodes[found["id"]].sources) == ["one", "two"]


def test_measure_ids_name_government_kind_and_mineral_families():
    key = measure_key("country:id", "export_ban", ["mineral:nickel-ore", "mineral:nickel"])
    assert key == "measure:id:export_ban:nickel"
    assert parse_measure_key(key) == ("id:export_ban", frozenset({"nickel"}), None, False)
    dated = measure_key("country:cn", "export_control", ["mineral:rare-earth-elements"], when=(2025, 10))
    assert dated == "measure:cn:export_control:rare-earth-elements:2025-10"
    assert parse_measure_key(dated) == ("cn:export_control", frozenset({"rare-earth-elements"}), (2025, 10), False)
    assert parse_measure_key(measure_key("country:cn", "export_control", [], unnamed=True)).unnamed
    assert parse_measure_key(measure_key("country:us", "stockpile", [], named="National Stockpile")) is None
    assert parse_measure_key("agreement:x") is None


def test_a_mineral_named_beside_a_technology_stays_a_target():
    [found] = read("On Friday Beijing announced export controls on rare earths and the technologies around them.")
    assert (found["kind"], found["targets"]) == ("export_control", ["rare earth elements"])


@pytest.mark.parametrize("sentence", [
    "Traders are stockpiling cobalt ahead of the ban.",
    "Japan and Canada will cooperate on minerals that appear on both critical minerals lists.",
    "Nickel prices rose. Export controls are increasingly used as a weapon, analysts said.",
    "US tariffs on Chinese goods hit lithium battery makers in Nevada.",
    "China banned exports of rare earth processing technology in 2023.",
    "Chile holds strategic reserves of lithium.",
    "Geologists estimate the national reserves of lithium at 9 million tonnes.",
])
def test_no_measure_from_words_around_one(sentence):
    assert read(sentence) == []


def test_every_cue_pattern_names_one_of_its_kinds_words():
    """A kind's patterns run only on sentences holding one of its words (measures.json
    ``cue_words``), so each pattern must spell one."""
    from minegraph.loaders.measures import measure_vocabulary

    vocabulary = measure_vocabulary()
    assert set(vocabulary.cue_words) == set(MEASURE_KINDS)
    for kind, source in vocabulary.cue_sources:
        # as written in measures.json (compiled, each branch's first letter is split from the rest:
        # gazetteer.word_led_ci)
        source = source.replace("\\", "").lower()
        assert any(word in source for word in vocabulary.cue_words[kind]), (kind, source)


def test_the_article_facts_of_the_cues_are_read_only_when_a_cue_asks(monkeypatch):
    """The reader of an article's cues works out who works where, countries named twice and the main
    mineral only when a cue first needs them: an article stating no measure never reads them."""
    from minegraph.loaders.extract import document_context
    from minegraph.loaders.measures import imposers
    from minegraph.loaders.relations import extract_relations

    ctx = document_context(document("Chile (CL) mines copper. Copper output rose, and lithium output fell."))
    reader = imposers.ArticleFacts(ctx, extract_relations(ctx))
    assert "_reading" not in vars(reader)
    assert reader.main_mineral == "mineral:copper" and reader.topic_mineral == "mineral:copper"
    assert "_reading" in vars(reader)
    made = []
    init = imposers.ArticleFacts.__init__

    def recorded(self, *args):
        init(self, *args)
        made.append(self)

    monkeypatch.setattr(imposers.ArticleFacts, "__init__", recorded)
    extract_graph(document("Copper output rose in Chile. The mine employs 900 people."))
    assert made and all("_reading" not in vars(r) for r in made)
    extract_graph(document("Chile banned exports of copper ore in 2025."))
    assert "_reading" in vars(made[-1])


def test_held_words_are_the_words_a_sentence_holds(monkeypatch):
    """The cue words and gate stems a lowercased sentence holds, as a substring test of each would
    say, whether its runs of letters were met before or not."""
    from minegraph.loaders.measures import cues

    words = set(cues._word_scan()[1])
    texts = [
        "ruritania imposed an export ban on raw nickel ore in 2031.",
        "the ministry said the quota on cobalt exports would be lifted, and a tariff imposed.",
        "no measure here at all",
        "",
        "export-licensing rules; restrictions—and re-exports",
    ]
    monkeypatch.setattr(cues, "_RUN_HELD", {})
    for _ in range(2):  # first with every run unseen, then with every run met before
        for text in texts:
            assert cues._held_words(text) == {w for w in words if w in text}
    assert cues._held_words(texts[0])  # the test reads words that are there
