"""People whose names no list is written for: office titles the vocabulary had missed, names
listed beside a person, and the names around them that are no person (a firm a title is of, a credit line, a firm a noun
introduces). Invented sentences."""

from __future__ import annotations

from minegraph.loaders.mentions import find_mentions
from minegraph.loaders.sentences import split_sentences


def labels(text: str, label: str) -> list[str]:
    return [m.text for m in find_mentions(text).mentions if m.label == label]


def test_office_titles_before_a_name_are_not_part_of_it():
    assert labels("Mayor Ana Quiroga, who hosted the visit, spoke first.", "Person") == ["Ana Quiroga"]
    assert labels("Akim Bolat Serikov welcomed the investors.", "Person") == ["Bolat Serikov"]
    assert labels("Chief Technology Officer Tomas Lindqvist showed the plant.", "Person") == ["Tomas Lindqvist"]
    assert labels("Officials met Ervin Dosmukhamedov, Consul General of Ruritania, in Almaty.", "Person") == [
        "Ervin Dosmukhamedov"
    ]


def test_office_titles_after_a_name_mark_a_person_whose_given_name_no_list_holds():
    for title in ("Country Manager at Kestrel Metals", "co-founder of Kestrel Metals", "Akim of the region"):
        assert labels(f"Officials met Zhanbolotyr Kenzhebekov, {title}.", "Person") == ["Zhanbolotyr Kenzhebekov"]


def test_a_title_alone_is_no_name():
    found = [m.text for m in find_mentions("Chief Strategy Officer Tomas Lindqvist spoke.").mentions]
    assert "Chief Strategy Officer" not in found


def test_names_listed_with_a_person_are_people():
    text = "From left: Oskar Zhumabekov, Tomas Lindqvist and Lena Berg at the forum"
    assert labels(text, "Person") == ["Oskar Zhumabekov", "Tomas Lindqvist", "Lena Berg"]
    text = "Speakers included Nurbol Oskenov (Ministry of Energy) and Tomas Lindqvist (Kestrel Metals)."
    assert labels(text, "Person") == ["Nurbol Oskenov", "Tomas Lindqvist"]
    text = "The ministers, Tomas Lindqvist of Sweden and Batbold Sukhbaatar of Mongolia, signed."
    assert labels(text, "Person") == ["Tomas Lindqvist", "Batbold Sukhbaatar"]


def test_a_list_does_not_make_people_of_firms_or_places():
    text = "It was signed by Kestrel managing director Ana Ruiz and Falcon Ridge chairwoman Lena Berg."
    assert labels(text, "Person") == ["Ana Ruiz", "Lena Berg"]
    # two names and a comma alone are no list
    assert "Santa Clara" not in labels("In Santa Clara, Lena Berg said the plant would open.", "Person")


def test_a_credit_line_names_no_person_of_the_story():
    assert labels("Reporting by Anna Petrova and Mark Steele; Editing by Lisa Brown", "Person") == []
    assert labels("The plant will open in 2031, Ana Ruiz said. (Photo by Tomas Lindqvist)", "Person") == ["Ana Ruiz"]
    # a reporting verb inside a sentence is no credit line
    assert labels("The plan was approved, Ana Ruiz said, reporting by phone from Lima.", "Person") == ["Ana Ruiz"]


def test_a_firm_named_like_a_person_is_no_person():
    # "Minas", "Cordillera" are given names; a noun for a firm before, "which" or a number after
    assert labels("The Portuguese miner Minas Vale Norte, which owns the mine, agreed.", "Person") == []
    assert labels("Falcon Ridge will hold 49% and Cordillera Austral 51% of the venture.", "Person") == []
    # a street or a prize named after someone is no person either
    assert labels("The Rosa Martinez Prize was awarded in Lima.", "Person") == []
    assert labels("They walked down Nelson Mandela Avenue to the ministry.", "Person") == []


def test_a_title_case_line_names_a_person_only_where_the_name_is_closed():
    def heading_people(line: str) -> list[str]:
        return [m.text for m in find_mentions(line, heading=True).mentions if m.label == "Person"]

    assert heading_people("Deputy Minister Tomas Lindqvist") == ["Tomas Lindqvist"]
    assert heading_people("Lena Berg (Left) and Tomas Lindqvist at the Plant") == []  # no title, no comma after
    # a title-case verb may run into the name: nothing closes it, no person
    assert heading_people("President Ana Ruiz Visits Kestrel Mine") == []
    assert heading_people("Acme Offers Minority Stake in Expanded Loan Deal") == []  # "Loan" is a given name
    assert heading_people("Photo by Lena Berg, Kestrel Media") == []


def test_a_line_opening_with_a_name_and_a_comma_is_a_sentence_not_a_heading():
    (line,) = split_sentences("Lena Berg, Deputy Minister of Mines and Energy of Ruritania")
    assert not line.heading
    (headline,) = split_sentences("Lithium Prices Rise, Ruritania Minister Says")
    assert headline.heading
