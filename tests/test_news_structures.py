"""Common ways news tells who met and who signed, in sentences written for these tests: each
passage's participants (PARTICIPATED_IN, ORGANIZED, LEADS) or parties (PARTY_TO) exactly. Rules
written phrase by phrase on the training articles fit those articles; these passages hold the
general structures (lists, coordination, titles, a later sentence referring back) to what they
read, so a change that fits one article's wording and breaks a general case fails here."""

from __future__ import annotations

import pytest

from minegraph.loaders.documents import Document
from minegraph.loaders.extract import extract_graph


def _sources(text: str, types: tuple[str, ...]) -> set[str]:
    graph = extract_graph(Document("t", "t.txt", text, "0" * 64))
    return {r.source for r in graph.relationships.values() if r.type in types}


MEETINGS = [
    (
        # an earlier meeting of the series, told in passing: who came to it is not counted
        "Ministers from Kenya and Ghana opened the Lima Minerals Summit on Monday. Peru hosted the "
        "previous edition, which brought together officials from Chile and Bolivia.",
        ["country:gh", "country:ke"],
    ),
    (
        "More than 30 countries sent ministers to the Lima Minerals Summit, including Kenya, Ghana "
        "and Chile.",
        ["country:cl", "country:gh", "country:ke"],
    ),
    (
        "The Lima Minerals Summit brought together ministers from Kenya, Ghana and Chile.",
        ["country:cl", "country:gh", "country:ke"],
    ),
    (
        "Kenya, Ghana and Chile were represented at the Lima Minerals Summit.",
        ["country:cl", "country:gh", "country:ke"],
    ),
    (
        "Speaking at the Lima Minerals Summit, Kenyan Mining Minister Ana Rojas called for new "
        "smelters.",
        ["country:ke", "person:ana-rojas"],
    ),
    (
        "Kenyan Mining Minister Ana Rojas told the Lima Minerals Summit that copper demand would "
        "double.",
        ["country:ke", "person:ana-rojas"],
    ),
    (
        "Kenyan Mining Minister Ana Rojas used her address to the Lima Minerals Summit to call for "
        "new smelters.",
        ["country:ke", "person:ana-rojas"],
    ),
    (
        "Kenyan Mining Minister Ana Rojas led her country's delegation to the Lima Minerals Summit.",
        ["country:ke", "person:ana-rojas"],
    ),
    (
        "Delegates from Kenya and Ghana met on the sidelines of the Lima Minerals Summit.",
        ["country:gh", "country:ke"],
    ),
    (
        "The Lima Minerals Summit, which Kenya and Ghana attended, ended on Friday.",
        ["country:gh", "country:ke"],
    ),
    (
        "At the Lima Minerals Summit, Kenya and Ghana agreed to cooperate on cobalt.",
        ["country:gh", "country:ke"],
    ),
    (
        "On the margins of the Lima Minerals Summit, Kenyan Mining Minister Ana Rojas held talks "
        "with Ghanaian Trade Minister Kofi Mensah.",
        ["country:gh", "country:ke", "person:ana-rojas", "person:kofi-mensah"],
    ),
    (
        "The Lima Minerals Summit drew leaders from Kenya, Ghana and Chile.",
        ["country:cl", "country:gh", "country:ke"],
    ),
    (
        "Kenyan Mining Minister Ana Rojas was one of several ministers at the Lima Minerals Summit.",
        ["country:ke", "person:ana-rojas"],
    ),
    (
        "Kenyan Mining Minister Ana Rojas joined counterparts from Ghana and Chile at the Lima "
        "Minerals Summit.",
        ["country:cl", "country:gh", "country:ke", "person:ana-rojas"],
    ),
    (
        "Representatives of Kenya, Ghana and Chile gathered in Lima for the Lima Minerals Summit on"
        " Monday.",
        ["country:cl", "country:gh", "country:ke"],
    ),
    (
        "In a speech at the Lima Minerals Summit on Monday, Kenyan Mining Minister Ana Rojas said "
        "copper demand would double.",
        ["country:ke", "person:ana-rojas"],
    ),
    (
        "The Lima Minerals Summit, attended by Kenya, Ghana and Chile, ended on Friday.",
        ["country:cl", "country:gh", "country:ke"],
    ),
    (
        "Kenya's delegation to the Lima Minerals Summit was led by Mining Minister Ana Rojas.",
        ["country:ke", "person:ana-rojas"],
    ),
    (
        "The Lima Minerals Summit was attended by Ana Rojas, Minister of Mines of Kenya; Kofi "
        "Mensah, chief executive of Volta Metals; and Luis Soto, Director of the Andean Development"
        " Bank.",
        ["country:ke", "person:ana-rojas", "person:kofi-mensah", "person:luis-soto"],
    ),
    (
        "Executives from Volta Metals, Andes Copper and Kivu Mining attended the Lima Minerals "
        "Summit.",
        ["company:andes-copper", "company:kivu-mining", "company:volta-metals"],
    ),
    (
        "The third Kenya-Ghana Business Forum took place in Nairobi on Tuesday.\n"
        "Officials from both governments and more than 200 companies attended.",
        ["country:gh", "country:ke"],
    ),
    (
        "The Lima Minerals Summit 2026 ended on Friday.\n"
        "Participants included the World Bank, the African Union and the governments of Kenya and "
        "Ghana.",
        ["agency:african-union", "agency:world-bank", "country:gh", "country:ke"],
    ),
    (
        "The 5th Annual Battery Metals Conference opened in Perth.\n"
        "Australian Resources Minister Ana Rojas delivered the keynote address.",
        ["country:au", "person:ana-rojas"],
    ),
    (
        "The Lima Minerals Summit ended on Friday.\n"
        "The event featured speeches by Kenyan Mining Minister Ana Rojas and Ghanaian Trade "
        "Minister Kofi Mensah.",
        ["country:gh", "country:ke", "person:ana-rojas", "person:kofi-mensah"],
    ),
    (
        "Kenya hosted the Nairobi Critical Minerals Dialogue on Tuesday, with delegations from "
        "Ghana, Zambia and Chile.",
        ["country:cl", "country:gh", "country:ke", "country:zm"],
    ),
    (
        "Ghana and Zambia joined the Nairobi Critical Minerals Dialogue for the first time this "
        "year.",
        ["country:gh", "country:zm"],
    ),
    (
        "The Nairobi Critical Minerals Dialogue, now in its fourth year, gathered 12 African "
        "governments.\n"
        "Ghana, Zambia and Kenya sent their mining ministers.",
        ["country:gh", "country:ke", "country:zm"],
    ),
    (
        "Ghanaian President Kofi Mensah arrived in Lima for the Lima Minerals Summit on Sunday.",
        ["country:gh", "person:kofi-mensah"],
    ),
    (
        "Ahead of the Lima Minerals Summit, Ghanaian President Kofi Mensah met Kenyan Mining "
        "Minister Ana Rojas in Accra.",
        [],
    ),
    (
        "The Lima Minerals Summit will be held next year; Ghana has said it will attend.",
        ["country:gh"],
    ),
    (
        "Volta Metals and Andes Copper signed supply deals at the Lima Minerals Summit on Tuesday.",
        ["company:andes-copper", "company:volta-metals"],
    ),
    (
        "At FMF 2026 in Riyadh, Kenyan Mining Minister Ana Rojas announced a lithium tender.",
        ["country:ke", "person:ana-rojas"],
    ),
    (
        "Kenyan Mining Minister Ana Rojas announced a lithium tender at COP31.",
        ["country:ke", "person:ana-rojas"],
    ),
    (
        "The Lima Minerals Summit drew more than 2,000 delegates.\n"
        "Among the speakers were Kenyan Mining Minister Ana Rojas and Volta Metals chief executive "
        "Kofi Mensah.",
        ["country:ke", "person:ana-rojas", "person:kofi-mensah"],
    ),
    (
        "The Lima Minerals Summit drew more than 2,000 delegates.\n"
        "\"We need smelters,\" Kenyan Mining Minister Ana Rojas told the gathering.",
        ["country:ke", "person:ana-rojas"],
    ),
    (
        "The Lima Minerals Summit drew more than 2,000 delegates.\n"
        "In her keynote, Kenyan Mining Minister Ana Rojas called for new smelters.",
        ["country:ke", "person:ana-rojas"],
    ),
    (
        "The World Bank and the African Development Bank took part in the Lima Minerals Summit.",
        ["agency:african-development-bank", "agency:world-bank"],
    ),
    (
        "The Lima Minerals Summit was co-organised by Kenya and the African Union.",
        ["agency:african-union", "country:ke"],
    ),
    (
        "Kenyan Mining Minister Ana Rojas told reporters at the Lima Minerals Summit that copper "
        "demand would double.",
        ["country:ke", "person:ana-rojas"],
    ),
    (
        "Speaking to reporters on the sidelines of the Lima Minerals Summit, Ghana's trade minister"
        " Kofi Mensah said talks were going well.",
        ["country:gh", "person:kofi-mensah"],
    ),
    (
        "The Lima Minerals Summit drew more than 2,000 delegates.\n"
        "Kenyan Mining Minister Ana Rojas, speaking on the opening day, called for new smelters.",
        ["country:ke", "person:ana-rojas"],
    ),
    (
        "Ana Rojas, speaking at a news conference in Nairobi, said copper demand would double.\n"
        "She will travel to the Lima Minerals Summit next month.",
        [],
    ),
    (
        "Ministers met in Santiago for the Andes Lithium Forum on Monday.\n"
        "The forum brought together Chile's Mining Minister, Ana Rojas; Peru's Energy Minister, "
        "Luis Soto; and Bolivia's Deputy Minister of Mines, Pedro Mamani.",
        ["country:bo", "country:cl", "country:pe", "person:ana-rojas", "person:luis-soto", "person:pedro-mamani"],
    ),
    (
        "The Andes Lithium Forum opened in Santiago on Monday.\n"
        "Attending were Chile's Mining Minister, Ana Rojas; Peru's Energy Minister, Luis Soto; and "
        "Bolivia's Deputy Minister of Mines, Pedro Mamani.",
        ["country:bo", "country:cl", "country:pe", "person:ana-rojas", "person:luis-soto", "person:pedro-mamani"],
    ),
    (
        "The Andes Lithium Forum opened in Santiago on Monday.\n"
        "Among the ministers who backed the plan were Peru's Energy Minister Luis Soto and "
        "Bolivia's Deputy Minister of Mines Pedro Mamani.",
        ["country:bo", "country:pe", "person:luis-soto", "person:pedro-mamani"],
    ),
    (
        "The Andes Lithium Forum opened in Santiago on Monday.\n"
        "Delegations were led by Peru's Energy Minister Luis Soto and Bolivia's Deputy Minister of "
        "Mines Pedro Mamani.",
        ["country:bo", "country:pe", "person:luis-soto", "person:pedro-mamani"],
    ),
    (
        "Chile signed two memoranda on lithium as the Andes Lithium Forum came to a close.\n"
        "The memoranda were signed by Chile's Mining Minister, Ana Rojas, with Peru's Energy "
        "Minister, Luis Soto, and Bolivia's Deputy Minister of Mines, Pedro Mamani.",
        ["country:bo", "country:cl", "country:pe", "person:ana-rojas", "person:luis-soto", "person:pedro-mamani"],
    ),
    (
        "Chile signed a lithium declaration with Peru at the Andes Lithium Forum.\n"
        "The declaration was signed by Chile's Mining Minister, Ana Rojas, and Peru's Energy "
        "Minister, Luis Soto.",
        ["country:cl", "country:pe", "person:ana-rojas", "person:luis-soto"],
    ),
    ("The Andes Lithium Forum opened in Santiago on Monday.\nBolivia and Peru did not send delegations.", []),
    (
        "Every major producer other than Bolivia and Peru attended the Andes Lithium Forum.",
        [],
    ),
    (
        "Ministers met in Santiago for the Andes Lithium Forum.\nChile was represented by Mining Minister Ana "
        "Rojas, Peru by Energy Minister Luis Soto and Bolivia by Deputy Minister Pedro Mamani.",
        ["country:bo", "country:cl", "country:pe", "person:ana-rojas", "person:luis-soto", "person:pedro-mamani"],
    ),
]

AGREEMENTS = [
    (
        "Kenya and Ghana signed a memorandum of understanding on cobalt processing on Monday.",
        ["country:gh", "country:ke"],
    ),
    (
        "Kenya signed a memorandum of understanding with Ghana on cobalt processing on Monday.",
        ["country:gh", "country:ke"],
    ),
    (
        "A memorandum of understanding between Kenya and Ghana on cobalt processing was signed on "
        "Monday.",
        ["country:gh", "country:ke"],
    ),
    (
        "Volta Metals has agreed to supply lithium to Andes Copper under a five-year offtake "
        "agreement.",
        ["company:andes-copper", "company:volta-metals"],
    ),
    (
        "Volta Metals and Andes Copper signed a joint venture agreement to develop a lithium mine "
        "in Chile.",
        ["company:andes-copper", "company:volta-metals"],
    ),
    (
        "Kenya, Ghana and Zambia signed a trilateral agreement on battery minerals.",
        ["country:gh", "country:ke", "country:zm"],
    ),
    (
        "Kenya has signed critical minerals agreements with Ghana and Zambia.",
        ["country:gh", "country:ke", "country:zm"],
    ),
    (
        "The two countries signed a memorandum of understanding on lithium.\n"
        "Kenya and Ghana have been talking for a year.",
        ["country:gh", "country:ke"],
    ),
    (
        "Kenya signed separate memoranda of understanding with Ghana and Zambia on lithium.",
        ["country:gh", "country:ke", "country:zm"],
    ),
    (
        "Kenya and the European Union signed a strategic partnership on raw materials.",
        ["agency:european-union", "country:ke"],
    ),
    (
        "The Kenya-Ghana Cobalt Agreement was signed in Nairobi.",
        ["country:gh", "country:ke"],
    ),
    (
        "Kenya inked a lithium supply pact with Ghana on Tuesday.",
        ["country:gh", "country:ke"],
    ),
    (
        "Ghana became the latest country to join the Minerals Security Partnership.",
        ["country:gh"],
    ),
    (
        "Kenya and Ghana are negotiating a free trade agreement that would cover cobalt.",
        ["country:gh", "country:ke"],
    ),
    (
        "Volta Metals will buy a 30% stake in Andes Copper's lithium project under a deal announced"
        " on Monday.",
        ["company:andes-copper", "company:volta-metals"],
    ),
    (
        "Kenyan miner Volta Metals signed a ten-year offtake with Ghana's Andes Copper for 5,000 tonnes of "
        "cobalt a year.",
        ["company:andes-copper", "company:volta-metals"],
    ),
    (
        "Zambian copper producer Kivu Mining agreed to sell copper cathode to British cable maker Severn Wire "
        "for five years.",
        ["company:kivu-mining", "company:severn-wire"],
    ),
    ("Kivu Mining said its offtake of 20,000 tonnes a year would rise.", []),
    ("Kivu Mining holds offtake rights to the Andes Copper mine.", []),
    (
        "Attending were Kenya's Mining Minister, Ana Rojas; Ghana's Trade Minister, Kofi Mensah; and "
        "Zambia's Deputy Minister of Mines, Luis Soto.\nThe three ministers signed a joint communique on cobalt.",
        ["country:gh", "country:ke", "country:zm"],
    ),
    (
        "Kenya and Ghana held talks in Accra on Monday.\n"
        "The two governments signed a joint declaration on cobalt refining.",
        ["country:gh", "country:ke"],
    ),
    (  # the ministers were named two sentences before
        "Attending were Kenya's Mining Minister, Ana Rojas; Ghana's Trade Minister, Kofi Mensah; and "
        "Zambia's Deputy Minister of Mines, Luis Soto.\nThe forum was organised by the Lusaka Chamber of Mines.\n"
        "The three ministers signed a joint communique on cobalt.",
        ["country:gh", "country:ke", "country:zm"],
    ),
    (  # four ministers, three named: not known who signed
        "Attending were Kenya's Mining Minister, Ana Rojas; Ghana's Trade Minister, Kofi Mensah; and "
        "Zambia's Deputy Minister of Mines, Luis Soto.\nThe four ministers signed a joint communique on cobalt.",
        [],
    ),
    ("Officials of Kenya and Ghana today signed an arrangement on cobalt processing.", ["country:gh", "country:ke"]),
    (
        "Kenya and Ghana adopted a roadmap on cobalt refining on Monday.\n"
        "The roadmap was endorsed by Zambia's Mining Minister, Luis Soto.",
        ["country:gh", "country:ke", "country:zm"],
    ),
]


@pytest.mark.parametrize(("text", "want"), MEETINGS)
def test_who_took_part_in_a_meeting(text: str, want: list[str]) -> None:
    assert _sources(text, ("PARTICIPATED_IN", "ORGANIZED", "LEADS")) == set(want)


@pytest.mark.parametrize(("text", "want"), AGREEMENTS)
def test_who_is_party_to_an_agreement(text: str, want: list[str]) -> None:
    assert _sources(text, ("PARTY_TO",)) == set(want)


def test_each_part_of_a_sentence_gives_minerals_to_the_agreement_it_names_by_a_party() -> None:
    graph = extract_graph(
        Document(
            "t",
            "t.txt",
            "Kenya signed memoranda with Ghana and Zambia on Friday.\n"
            "The Ghanaian memorandum covers cobalt and gold, while the Zambian one covers copper.",
            "0" * 64,
        )
    )
    covers: dict[str, set[str]] = {}
    parties: dict[str, set[str]] = {}
    for r in graph.relationships.values():
        if r.type == "COVERS":
            covers.setdefault(r.source, set()).add(r.target)
        elif r.type == "PARTY_TO":
            parties.setdefault(r.target, set()).add(r.source)
    by_party = {frozenset(p): covers.get(k, set()) for k, p in parties.items()}
    assert by_party[frozenset({"country:ke", "country:gh"})] == {"mineral:cobalt", "mineral:gold"}
    assert by_party[frozenset({"country:ke", "country:zm"})] == {"mineral:copper"}



@pytest.mark.parametrize(
    ("text", "want"),
    [
        (
            "Zambia mines copper and Peru mines zinc.",
            {("country:zm", "mineral:copper"), ("country:pe", "mineral:zinc")},
        ),
        (
            "Gabon refines manganese while Rwanda mines tin and tungsten.",
            {("country:ga", "mineral:manganese"), ("country:rw", "mineral:tin"), ("country:rw", "mineral:tungsten")},
        ),
        ("Kenya and Ghana have no nickel refining capacity.", set()),
        ("Chile does not mine cobalt, but it refines copper.", {("country:cl", "mineral:copper")}),
    ],
)
def test_which_country_holds_which_mineral(text: str, want: set[tuple[str, str]]) -> None:
    graph = extract_graph(Document("t", "t.txt", text, "0" * 64))
    assert {(r.source, r.target) for r in graph.relationships.values() if r.type == "HAS_RESOURCE"} == want


@pytest.mark.parametrize(
    "text",
    [
        "Volta Metals, the Ghanaian company that owns the Kumasi mine, signed the deal.",
        "Volta Metals, a miner based in Ghana, signed the deal.",
        "Volta Metals, Ghana's largest lithium producer, signed the deal.",
    ],
)
def test_a_firm_s_country_told_after_its_name(text: str) -> None:
    graph = extract_graph(Document("t", "t.txt", text, "0" * 64))
    assert {(r.source, r.target) for r in graph.relationships.values() if r.type == "BASED_IN"} == {
        ("company:volta-metals", "country:gh")
    }
