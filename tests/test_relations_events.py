"""Event participation (sentences written for these tests)."""

from __future__ import annotations

from minegraph.loaders.documents import Document
from minegraph.loaders.extract import extract_graph


def _participants(text: str) -> set[str]:
    graph = extract_graph(Document("t", "t.txt", text, "0" * 64))
    return {r.source for r in graph.relationships.values() if r.type == "PARTICIPATED_IN"}


def test_both_signatories_on_the_sidelines_of_a_summit():
    got = _participants(
        "The text was signed by Prime Minister of Chile Ana Rojas and President of the "
        "European Commission Lena Berg on the sidelines of the Lima Minerals Summit."
    )
    assert {"person:ana-rojas", "person:lena-berg"} <= got


def test_a_person_named_later_in_the_sentence_is_not_a_participant():
    got = _participants(
        "Prime Minister Ana Rojas spoke at the Lima Minerals Summit, a forum that critics such as Lena Berg dislike."
    )
    assert "person:ana-rojas" in got and "person:lena-berg" not in got


def test_signatories_after_a_follow_up_clause_did_not_take_part_in_that_meeting():
    got = _participants(
        "As a follow-up to the Lima Minerals Summit held in March, Chile, Peru and the Andean "
        "Development Bank signed a memorandum of understanding on copper."
    )
    assert not {"country:cl", "country:pe"} & got
    got = _participants("At the Lima Minerals Summit in March, Chile and Peru signed a memorandum on copper.")
    assert "country:pe" in got  # the same list after "At the ..." does take part


def test_a_meeting_held_on_the_margins_of_another_leaves_the_other_without_its_participants():
    graph = extract_graph(
        Document(
            "t",
            "t.txt",
            "Chile gathered its mining partners to discuss supply chains.\n"
            "Minister Ana Rojas opened the meeting, held in Lima on the margins of the Lima Minerals Week.\n"
            "Partners taking part in the meeting included Kenya, Peru and Ghana.",
            "0" * 64,
        )
    )
    week = [n.id for n in graph.nodes.values() if n.label == "Event"]
    assert week == ["event:lima-minerals-week"]
    assert not [r for r in graph.relationships.values() if r.type == "PARTICIPATED_IN" and r.target == week[0]]


def test_a_list_of_the_leaders_who_came_names_the_article_s_meeting_s_participants():
    got = _participants(
        "Leaders met in Nairobi for the Lithium Summit 2031 on Monday.\n"
        "Among those who came to Nairobi, the leaders included Germany's Chancellor Ana Rojas and"
        " Poland's Prime Minister Lena Berg."
    )
    assert {"person:ana-rojas", "person:lena-berg"} <= got


def test_who_represented_a_party_at_the_article_s_meeting_took_part_in_it():
    got = _participants(
        "The Lithium Summit 2031 was held in Nairobi on Monday.\n"
        "Chile was represented by Foreign Minister Ana Rojas and Deputy Minister Lena Berg."
    )
    assert {"person:ana-rojas", "person:lena-berg"} <= got


def test_the_person_who_presided_a_meeting_took_part_in_it():
    graph = extract_graph(
        Document(
            "t",
            "t.txt",
            "Minister Ana Rojas attended the Lithium Summit 2031 in Nairobi, a meeting presided by Lena Berg"
            " of the host government.",
            "0" * 64,
        )
    )
    linked = {r.source for r in graph.relationships.values() if r.target == "event:lithium-summit-2031"}
    assert {"person:ana-rojas", "person:lena-berg"} <= linked


def test_ministers_from_several_countries_took_part_in_the_article_s_meeting():
    got = _participants(
        "The Lithium Summit 2031 opened in Nairobi on Monday.\n"
        "Ministers from Chile, Peru and Ghana discussed supply chains."
    )
    assert {"country:cl", "country:pe", "country:gh"} <= got


def _events(text: str) -> tuple[list[str], set[tuple[str, str]]]:
    graph = extract_graph(Document("t", "t.txt", text, "0" * 64))
    events = sorted(n.name for n in graph.nodes.values() if n.label == "Event")
    links = {(r.source, r.target) for r in graph.relationships.values() if r.type == "PARTICIPATED_IN"}
    return events, links


def test_a_meeting_named_only_in_the_headline_is_the_one_the_body_refers_back_to():
    events, links = _events(
        "Andean Lithium Partnership Roundtable Backs Refinery Plans\n"
        "The Andean Lithium Partnership is an initiative launched by Peru in 2029 to develop lithium supply chains.\n"
        "Minister Ana Rojas opened the meeting, held in Lima.\n"
        "Partners taking part in the meeting included Kenya, Chile and Ghana."
    )
    assert events == ["Andean Lithium Partnership Roundtable"]
    key = "event:andean-lithium-partnership-roundtable"
    assert {("person:ana-rojas", key), ("country:ke", key), ("country:cl", key), ("country:gh", key)} <= links


def test_a_headline_event_needs_a_name_the_body_knows_and_a_body_that_refers_to_a_meeting():
    events, _ = _events(
        "Ministers Hail Copper Summit Outcome\n"
        "Minister Ana Rojas opened the meeting, held in Lima.\n"
        "Partners taking part in the meeting included Kenya, Chile and Ghana."
    )
    assert events == []  # "Ministers Hail Copper" names nothing the article names
    events, _ = _events(
        "Andean Lithium Partnership Roundtable Backs Refinery Plans\n"
        "The Andean Lithium Partnership is an initiative launched by Peru in 2029 to develop lithium supply chains.\n"
        "Kenya, Chile and Ghana want to join it."
    )
    assert events == []  # no meeting in the body: the headline's word is not read as one


def test_the_bodies_written_in_a_summit_s_name_take_part_in_it():
    _, links = _events("Leaders from both continents met at the EU-African Union Summit in Nairobi on Monday.")
    key = next(t for _, t in links)
    assert {("agency:european-union", key), ("agency:african-union", key)} <= links


def test_who_signs_at_a_meeting_and_their_counterpart_and_countries_take_part_in_it():
    events, links = _events(
        "Today, at the Lima Minerals Forum taking place in Lima, Chile signed two memoranda with partners.\n"
        "Foreign Minister Ana Rojas signed a memorandum on copper with the Kenyan Minister of Mines, Lena Berg,"
        " and one on lithium with Ghana's Minister of Finance, Kofi Mensah."
    )
    key = "event:lima-minerals-forum"
    assert events == ["Lima Minerals Forum"]
    assert {("person:ana-rojas", key), ("person:lena-berg", key), ("person:kofi-mensah", key)} <= links
    assert {("country:ke", key), ("country:gh", key)} <= links
    _, links = _events(
        "Chile hosted the Lima Minerals Forum last year.\n"
        "Foreign Minister Ana Rojas signed a memorandum on copper with the Kenyan Minister of Mines, Lena Berg."
    )
    assert ("person:lena-berg", key) not in links  # a signing not placed at the forum


def _held_in(text: str) -> dict[str, str]:
    graph = extract_graph(Document("t", "t.txt", text, "0" * 64))
    names = {n.id: n.name for n in graph.nodes.values()}
    return {names[r.source]: r.target for r in graph.relationships.values() if r.type == "HELD_IN"}


def test_a_group_s_summit_is_named_after_the_place_it_was_held_in():
    assert _held_in("The leaders announced the plan during the G9 summit held in Ruritown, Chile.") == {
        "G9 Ruritown Summit": "country:cl"
    }
    # a country is not the place a summit is known by
    assert _held_in("The leaders announced the plan during the G9 summit held in Chile.") == {"G9 summit": "country:cl"}


def test_the_country_a_trip_to_a_meeting_goes_to_is_where_it_is_held_not_a_participant():
    text = "Minister Ana Rojas will then depart for Ruritown, Japan to attend the G9 summit on May 19."
    assert _held_in(text) == {"G9 summit": "country:jp"}
    _, links = _events(text)
    assert ("person:ana-rojas", "event:g9-summit") in links and ("country:jp", "event:g9-summit") not in links


def test_presented_by_is_not_a_participation_cue():
    _, links = _events(
        "Leaders met in Nairobi for the Lithium Summit 2031 on Monday.\n"
        "New opportunities presented by Korea's demand led Chile and Peru to sign a memorandum."
    )
    assert not {t for s, t in links if s == "country:kr"}


def test_who_gave_the_closing_remarks_took_part_in_the_article_s_meeting():
    _, links = _events(
        "Leaders met in Nairobi for the Lithium Summit 2031 on Monday.\n"
        "“Trade must grow,” Council President Ana Rojas said in her closing remarks."
    )
    assert ("person:ana-rojas", "event:lithium-summit-2031") in links


def test_a_list_of_leaders_joins_a_person_after_plain_words_like_host_nation():
    _, links = _events(
        "Among the leaders who travelled to the Lithium Summit 2031 were Chile’s President Ana Rojas"
        " and host nation Kenya’s Foreign Minister Lena Berg."
    )
    key = "event:lithium-summit-2031"
    assert {("person:ana-rojas", key), ("person:lena-berg", key)} <= links


def test_what_a_meeting_discussed_and_who_is_quoted_as_a_source_did_not_take_part():
    _, links = _events(
        "The Lithium Summit 2031 in Nairobi was overshadowed by deliberations over Ukraine, Chile and Peru said."
    )
    assert ("country:ua", "event:lithium-summit-2031") not in links
    _, links = _events(
        "According to the EU Ambassador to Namibia Lena Berg, work is progressing on a memorandum that came out of"
        " the Lithium Summit 2031."
    )
    assert not {s for s, _ in links} & {"person:lena-berg", "country:na"}


def test_a_signing_ahead_of_a_meeting_is_not_attendance():
    _, links = _events("Ahead of the Lithium Summit 2031 in Nairobi, Chile and Peru reached an agreement on copper.")
    assert not {s for s, _ in links} & {"country:cl", "country:pe"}


def test_who_met_with_whom_at_a_meeting_both_took_part():
    _, links = _events(
        "Chilean President Ana Rojas met with Kenyan President Lena Berg at the Nairobi Minerals Summit on Monday."
    )
    key = "event:nairobi-minerals-summit"
    assert {("person:ana-rojas", key), ("person:lena-berg", key)} <= links


def test_talks_held_on_the_sidelines_of_a_meeting_place_their_parties_at_it_not_as_its_hosts():
    graph = extract_graph(
        Document("t", "t.txt", "Peru and Chile held talks on the sidelines of the Lima Mining Congress.", "0" * 64)
    )
    got = {(r.source, r.type) for r in graph.relationships.values() if r.target == "event:lima-mining-congress"}
    assert ("country:cl", "PARTICIPATED_IN") in got and ("country:cl", "ORGANIZED") not in got


def test_a_headline_names_an_edition_of_a_meeting_by_its_ordinal():
    events, links = _events(
        "Kenya Hosts Third Africa Lithium Forum\n"
        "Kenya hosted the forum in Nairobi on Monday. Ghana, Zambia and Chile were among the participants."
    )
    key = "event:third-africa-lithium-forum"
    assert events == ["Third Africa Lithium Forum"]
    assert {("country:gh", key), ("country:zm", key), ("country:cl", key)} <= links


def test_every_co_host_organised_the_meeting():
    graph = extract_graph(
        Document("t", "t.txt", "The Andean Lithium Summit was co-hosted by Chile and Peru in Lima.", "0" * 64)
    )
    got = {r.source for r in graph.relationships.values() if r.type == "ORGANIZED"}
    assert got == {"country:cl", "country:pe"}


def test_the_news_s_background_names_no_participant():
    _, links = _events(
        "The Nairobi Minerals Summit opened on Monday. The summit comes as demand from China and India grows."
    )
    assert not {s for s, _ in links} & {"country:cn", "country:in"}


def test_a_participation_verb_goes_to_the_meeting_it_is_said_of():
    _, links = _events(
        "The Nairobi Minerals Summit opened on Monday. Unlike the summit, the Lima Mining Congress drew Chile and Peru."
    )
    assert ("country:cl", "event:lima-mining-congress") in links
    assert ("country:cl", "event:nairobi-minerals-summit") not in links


def test_a_headline_meeting_beside_another_the_body_names_when_the_body_refers_to_its_head():
    events, links = _events(
        "Andean Lithium Partnership Roundtable Backs Refinery Plans\n"
        "The Andean Lithium Partnership is an initiative launched by Peru in 2029 to develop lithium supply chains.\n"
        "The roundtable met a week after the Lima Mining Congress ended.\n"
        "Kenya, Chile and Ghana took part in the roundtable."
    )
    assert events == ["Andean Lithium Partnership Roundtable", "Lima Mining Congress"]
    key = "event:andean-lithium-partnership-roundtable"
    assert {("country:ke", key), ("country:cl", key), ("country:gh", key)} <= links


def test_a_participant_s_country_takes_part_through_them():
    _, links = _events("Kenyan President Ana Rojas attended the 2031 Mining Indaba in Cape Town.")
    key = "event:2031-mining-indaba"
    assert {("person:ana-rojas", key), ("country:ke", key)} <= links


def test_a_cue_without_the_meeting_is_read_for_the_article_s_meeting_only_when_it_says_who_came():
    text = "The Nairobi Minerals Summit opened on Monday. Ghana attended. "
    _, links = _events(text + "Separately, Chile joined the Andean Lithium Partnership in 2029.")
    assert ("country:gh", "event:nairobi-minerals-summit") in links
    assert ("country:cl", "event:nairobi-minerals-summit") not in links  # joined a partnership
    _, links = _events(text + "Acme Mining presented its results in Toronto.")
    assert ("company:acme-mining", "event:nairobi-minerals-summit") not in links
    assert _held_in(text + "Peru's delegates toured a copper mine in Chile last year.") == {
        "Nairobi Minerals Summit": "country:ke"
    }  # a sentence that does not mention the meeting does not place it


def test_what_happened_ahead_of_a_meeting_was_not_at_it():
    _, links = _events("Chile signed a lithium deal with Peru last week, ahead of the Nairobi Minerals Summit.")
    assert not {s for s, _ in links} & {"country:cl", "country:pe"}


def test_everyone_a_sentence_lists_after_attended_by_took_part():
    got = _participants(
        "Prime Minister Ana Rojas opened the Lima Minerals Summit, which was also attended by Freedonian "
        "President Tomas Oberg and Ghana's Minister of Lands Kofi Mensah."
    )
    assert {"person:ana-rojas", "person:tomas-oberg", "person:kofi-mensah"} <= got
    assert {"country:gh"} <= got  # a person's country takes part through them


def test_speakers_listed_with_their_titles_took_part_in_the_article_s_meeting():
    got = _participants(
        "The Lima Minerals Summit opened on Monday. Speakers included Dr. Ana Rojas, Director of the Lakeland "
        "Geological Institute, and Mr. Tomas Oberg, chief executive of Oberg Metals AG."
    )
    assert {"person:ana-rojas", "person:tomas-oberg"} <= got


def test_the_people_before_an_attending_verb_took_part_but_not_who_they_spoke_about():
    got = _participants(
        "Ana Rojas, Chile's mining minister, and Tomas Oberg, Sweden's trade minister, attended the Lima "
        "Minerals Summit, where they praised Lena Berg."
    )
    assert {"person:ana-rojas", "person:tomas-oberg"} <= got and "person:lena-berg" not in got


def test_a_meeting_referred_to_with_its_length_is_the_named_one():
    events, links = _events(
        "Freedonia hosted the Freedonia Mining and Energy Conference in May. The three-day conference was attended "
        "by Oberg Metals AG and Acme Lithium Corp."
    )
    assert events == ["Freedonia Mining and Energy Conference"]
    assert ("company:oberg-metals-ag", "event:freedonia-mining-and-energy-conference") in links


def test_a_participant_s_country_named_in_another_sentence_takes_part_through_them():
    text = (
        "Kofi Mensah attended the Lima Minerals Summit on Monday. Ghana's lands minister Kofi Mensah said "
        "output would rise."
    )
    graph = extract_graph(Document("t", "t.txt", text, "0" * 64))
    rels = {(r.source, r.type, r.target) for r in graph.relationships.values()}
    assert ("person:kofi-mensah", "WORKS_FOR", "country:gh") in rels
    assert ("country:gh", "PARTICIPATED_IN", "event:lima-minerals-summit") in rels


def test_who_a_participant_met_at_a_meeting_took_part_in_it_too():
    got = _participants(
        "Chile's Mining Minister Ana Rojas met Peruvian Energy Minister Carlos Vera in Lima for the second "
        "Andes Copper Dialogue."
    )
    assert {"person:ana-rojas", "person:carlos-vera"} <= got


def test_a_subject_that_refers_back_brings_the_people_named_before_it():
    # "the two ministers", "both", "she": the people of the sentence before came, with their countries
    got = _participants(
        "Kenyan Mining Minister Ana Rojas and Ghanaian Trade Minister Kofi Mensah flew to Lima on Sunday.\n"
        "The two ministers opened the Lima Minerals Summit on Monday."
    )
    assert {"person:ana-rojas", "person:kofi-mensah", "country:ke", "country:gh"} <= got
    got = _participants(
        "Kenyan Mining Minister Ana Rojas met Ghanaian Trade Minister Kofi Mensah on Sunday.\n"
        "Both later addressed the Lima Minerals Summit."
    )
    assert {"person:ana-rojas", "person:kofi-mensah"} <= got
    got = _participants(
        "Kenyan Mining Minister Ana Rojas spoke at length about smelters.\n"
        "She was in Lima for the Lima Minerals Summit."
    )
    assert {"person:ana-rojas", "country:ke"} <= got


def test_a_reference_back_that_does_not_fit_brings_no_one():
    # three people named, "the two ministers": not known which two
    assert not _participants(
        "Ana Rojas, Kofi Mensah and Luis Soto flew to Lima on Sunday.\n"
        "The two ministers opened the Lima Minerals Summit on Monday."
    )
    # what they took part in led to the summit; saying something of it is not coming to it
    assert not _participants(
        "Kenyan Mining Minister Ana Rojas and Kofi Mensah flew to Lima on Sunday.\n"
        "They took part in talks that led to the Lima Minerals Summit."
    )
    assert not _participants("Minister Ana Rojas criticised the plan.\nShe said the Lima Minerals Summit had failed.")


def test_a_list_of_who_came_goes_on_past_semicolons_between_its_items():
    got = _participants(
        "The Lima Minerals Summit was attended by Ana Rojas, Minister of Mines of Kenya; Kofi Mensah, chief "
        "executive of Volta Metals; and Luis Soto, Director of the Andean Development Bank."
    )
    assert {"person:ana-rojas", "person:kofi-mensah", "person:luis-soto", "country:ke"} <= got


def test_participants_included_names_who_came_to_the_article_s_meeting():
    got = _participants(
        "The Lima Minerals Summit ended on Friday.\n"
        "Participants included the World Bank, the African Union and the governments of Kenya and Ghana."
    )
    assert {"agency:world-bank", "agency:african-union", "country:ke", "country:gh"} <= got


def test_a_country_that_sent_its_ministers_took_part():
    got = _participants(
        "The Nairobi Critical Minerals Dialogue gathered 12 African governments.\n"
        "Ghana, Zambia and Kenya sent their mining ministers."
    )
    assert {"country:gh", "country:zm", "country:ke"} <= got


def _links(text: str) -> dict[str, set[str]]:
    """Event name -> the keys of who took part in it."""
    graph = extract_graph(Document("t", "t.txt", text, "0" * 64))
    names = {k: n.name for k, n in graph.nodes.items()}
    out: dict[str, set[str]] = {}
    for r in graph.relationships.values():
        if r.type == "PARTICIPATED_IN":
            out.setdefault(names[r.target], set()).add(r.source)
    return out


def test_signers_listed_after_semicolons_and_in_a_later_sentence_took_part():
    got = _links(
        "Ghana and Kenya signed two memoranda on the sidelines of the second Lakeland Minerals Forum in Accra.\n"
        "Ghana's Minister of Mines, Kofi Mensah, opened the forum on Monday.\n"
        "The memorandum on lithium was signed on behalf of Ghana by the Deputy Minister of Mines, Dr. Ama Owusu, "
        "and on behalf of Kenya by the Cabinet Secretary for Mining, Eng. Peter Kamau.\n"
    )["Lakeland Minerals Forum"]
    assert {"person:ama-owusu", "person:peter-kamau"} <= got


def test_everyone_in_an_attendance_list_split_by_semicolons_took_part():
    got = _links(
        "The Lakeland Minerals Forum was attended by officials including the Permanent Secretary of Mines, "
        "Ms Ama Owusu; the Director of the Geological Survey, Mr Kofi Boateng; and the Ambassador of Kenya, "
        "Mr Peter Kamau."
    )["Lakeland Minerals Forum"]
    assert {"person:ama-owusu", "person:kofi-boateng", "person:peter-kamau"} <= got


def test_a_list_of_countries_after_a_colon_continues_on_the_next_line():
    got = _links(
        "The Lakeland Minerals Forum was held in Accra, and was attended by ministers from the following states:\n"
        "Angola; Malawi; Lesotho; and Zambia.\n"
    )["Lakeland Minerals Forum"]
    assert {"country:ao", "country:mw", "country:ls", "country:zm"} <= got


def test_a_meeting_named_with_who_meets_keeps_its_whole_name():
    got = _links(
        "The Extraordinary Meeting of the East African Community (EAC) Ministers Responsible for Mining was "
        "attended by Kenya and Uganda."
    )
    assert {"country:ke", "country:ug"} <= got["Extraordinary Meeting of the East African Community (EAC) "
                                                "Ministers Responsible for Mining"]


def test_the_co_chairs_in_a_meeting_s_own_clause_took_part_though_the_act_came_after():
    got = _links(
        "The deal came a day after the third meeting of the Chile-Peru Joint Working Group on Copper in Lima, "
        "co-chaired by Chile's Under-Secretary of Mining, Ana Rojas, and Peru's Vice Minister of Mines, Piet Varga."
    )["third meeting of the Chile-Peru Joint Working Group on Copper"]
    assert {"person:ana-rojas", "person:piet-varga"} <= got


def test_the_head_of_a_delegation_does_not_lead_the_meeting():
    graph = extract_graph(Document("t", "t.txt", (
        "Chile and Peru agree to expand copper ties at Lakeland Minerals Forum\n"
        "The third Lakeland Minerals Forum opened in Vienna on Monday with ministers from twelve countries.\n"
        "A delegation led by Peru's Minister of Mines, Ana Rojas, arrived on Sunday.\n"
    ), "0" * 64))
    links = {(r.source, r.type) for r in graph.relationships.values()}
    assert ("person:ana-rojas", "PARTICIPATED_IN") in links
    assert not {("person:ana-rojas", "LEADS"), ("country:pe", "LEADS")} & links


def test_who_was_present_and_a_surname_with_a_hyphen_refer_to_the_meeting():
    got = _links(
        "Minister Ana Rojas-Vidal signed the roadmap at the close of the Lakeland Minerals Forum in the presence "
        "of provincial governor Piet Varga.\nRojas-Vidal also held separate meetings with delegations from Chile at "
        "the forum.\n"
    )["Lakeland Minerals Forum"]
    assert {"person:ana-rojas-vidal", "person:piet-varga"} <= got


def test_among_them_names_who_the_summit_drew():
    got = _links(
        "The Lakeland Minerals Summit drew ministers from more than twenty countries. Among them were Ghana's "
        "Minister of Mines, Kofi Mensah, and Kenya's Cabinet Secretary for Mining, Peter Kamau."
    )["Lakeland Minerals Summit"]
    assert {"person:kofi-mensah", "person:peter-kamau"} <= got


def test_what_a_speaker_told_a_meeting_does_not_take_part_in_it():
    got = _links(
        "Ministers from Ghana and Kenya attended the Lakeland Minerals Forum in Vienna on Monday.\n"
        "Ghana's Minister of Mines, Kofi Mensah, told delegates that Ghana would sign a lithium deal with Japan "
        "next year.\n"
    )["Lakeland Minerals Forum"]
    assert {"country:gh", "country:ke", "person:kofi-mensah"} <= got and "country:jp" not in got


def test_a_compass_word_opens_a_meeting_s_name():
    assert "South Atlantic Lithium Forum" in _links(
        "Chile and Peru signed a memorandum at the first South Atlantic Lithium Forum in Lima."
    )


def test_the_same_event_and_a_counterpart_with_a_lowercase_title_refer_to_the_meeting():
    got = _links(
        "Chile's Minister of Mines Ana Rojas signed the memoranda at the Lakeland Minerals Forum with Peru's Vice "
        "Minister of Mines Piet Varga and Ghana's ambassador to Chile, Kofi Mensah.\n"
        "The Andes Export Credit Agency said at the same event that it would guarantee a "
        "loan.\n"
    )["Lakeland Minerals Forum"]
    assert {"person:piet-varga", "person:kofi-mensah"} <= got
    assert any(k.startswith("agency:andes-export-credit-agency") for k in got)


def test_a_headline_s_short_name_of_a_meeting_is_the_body_s_full_one():
    events, links = _events(
        "Chile and Peru sign pact at Lithium Forum\n"
        "Chile and Peru signed an agreement at the Andean Lithium Forum in Lima on Tuesday.\n"
    )
    assert events == ["Andean Lithium Forum"]
    assert {("country:cl", "event:andean-lithium-forum"), ("country:pe", "event:andean-lithium-forum")} <= links


def test_two_meetings_ending_alike_keep_a_short_name_apart():
    events, _ = _events(
        "Ministers met at the Kestrel Lithium Forum in Lima and later at the Osprey Lithium Forum in Accra.\n"
        "The Lithium Forum series began in 2020.\n"
    )
    assert events == ["Kestrel Lithium Forum", "Lithium Forum", "Osprey Lithium Forum"]  # the short name is neither


def test_the_capitalised_head_of_a_meeting_s_name_refers_back_to_it():
    got = _links(
        "Ministers from Chile and Peru opened the Kestrel Mining Week in Lima on Monday.\n"
        "Ghana's Minister of Mines, Kofi Mensah, also visited the Week, where he met Peru's Minister of Energy "
        "and Mines, Ana Rojas.\n"
    )["Kestrel Mining Week"]
    assert {"person:kofi-mensah", "country:gh"} <= got


def test_a_communique_s_participants_label_lists_who_came():
    got = _links(
        "Joint Statement of the Second Kestrel Minerals Dialogue\n"
        "The Second Kestrel Minerals Dialogue was held in Oslo on 12 May.\n"
        "Participants: Australia, Canada, Japan, and the United Kingdom.\n"
    )["Second Kestrel Minerals Dialogue"]
    assert {"country:au", "country:ca", "country:jp", "country:gb"} <= got


def test_background_absent_countries_another_meeting_and_remote_reactions_do_not_take_part():
    text = (
        "Ministers seek battery metals pact at Kestrel Minerals Summit\n"
        "Ministers from Chile, Argentina and Bolivia met at the Kestrel Minerals Summit in Santiago on Monday, as "
        "China tightens its grip on refining and Indonesia expands nickel output.\n"
        "The summit, which Australia and Canada did not attend, ended with a declaration on lithium pricing.\n"
        "The talks follow a similar meeting in Buenos Aires last year that was attended by Brazil and Peru.\n"
        "US Secretary of State Marco Rubio, speaking in Washington, welcomed the summit's outcome.\n"
    )
    got = _links(text)["Kestrel Minerals Summit"]
    assert {"country:ar", "country:bo"} <= got
    assert not {"country:cn", "country:id", "country:au", "country:ca", "country:br", "country:pe"} & got
    assert not {"country:us", "person:marco-rubio"} & got
    graph = extract_graph(Document("t", "t.txt", text, "0" * 64))
    assert {r.target for r in graph.relationships.values() if r.type == "HELD_IN"} == {"country:cl"}


def test_who_represented_their_governments_at_the_article_s_meeting_took_part():
    got = _links(
        "Peru's Minister of Energy and Mines Jorge Montero hosted the Andean Lithium Roundtable in Lima.\n"
        "Bolivian Vice Minister Carla Rocha and Chilean Undersecretary of Mining Ana Vidal represented their "
        "governments.\n"
    )["Andean Lithium Roundtable"]
    assert {"person:carla-rocha", "person:ana-vidal", "country:bo", "country:cl"} <= got


def test_a_delegation_s_head_and_who_a_country_sent_came_but_an_analyst_of_the_meeting_did_not():
    text = (
        "Lithium producers meet at Andean Lithium Summit\n"
        "Japan's delegation to the Andean Lithium Summit in Lima was led by Vice Minister Kenji Sato, while Germany "
        "sent its economy state secretary, Anna Weber.\n"
        "\u201cThe summit shows that buyers are nervous,\u201d said Maria Lopez, an analyst at Kestrel Research in "
        "London.\n"
    )
    got = _links(text)["Andean Lithium Summit"]
    assert {"person:kenji-sato", "person:anna-weber", "country:jp", "country:de"} <= got
    assert "person:maria-lopez" not in got
    graph = extract_graph(Document("t", "t.txt", text, "0" * 64))
    assert not [r for r in graph.relationships.values() if r.type == "LEADS"]


def test_a_headline_s_reordered_name_of_a_meeting_is_the_body_s_one():
    events, _ = _events(
        "Chile and Peru hold first High-Level Lithium Dialogue\n"
        "Chile and Peru held the first Chile-Peru High-Level Dialogue on Lithium in Lima on Monday.\n"
    )
    assert events == ["Chile-Peru High-Level Dialogue on Lithium"]


def test_who_attended_a_signing_ceremony_of_its_own_did_not_attend_the_article_s_meeting():
    got = _links(
        "Earlier in the week, President Ana Rojas addressed the Kestrel Business Summit in Dallas.\n"
        "The signing ceremony, held at the State Department, was attended by Secretary of State Piet Varga and "
        "Qatar's Minister of State Kofi Mensah.\n"
    )["Kestrel Business Summit"]
    assert "person:ana-rojas" in got
    assert not {"person:piet-varga", "person:kofi-mensah"} & got


def test_a_signing_ceremony_at_the_article_s_meeting_is_that_meeting():
    got = _links(
        "Chile and Peru signed a memorandum during the Kestrel Minerals Summit held in Lima.\n"
        "The signing ceremony at the palace was attended by President Ana Rojas and Ambassador Piet Varga.\n"
    )["Kestrel Minerals Summit"]
    assert {"person:ana-rojas", "person:piet-varga"} <= got


def _meeting_of(text: str, person: str) -> set[str]:
    graph = extract_graph(Document("t", "t.txt", text, "0" * 64))
    return {r.target for r in graph.relationships.values() if r.type == "PARTICIPATED_IN" and r.source == person}


def test_the_meeting_a_headline_names_is_the_article_s_even_when_the_body_names_the_next_one_more():
    text = (
        "First Ministerial Meeting of the Ruritania-Freedonia Dialogue on Tin\n\n"
        "The First Ministerial Meeting of the Ruritania-Freedonia Dialogue on Tin was held in Lima on Monday.\n"
        "Ruritania and Freedonia agreed to sign a tin charter before the Second Ministerial Meeting.\n"
        "The officials will report to the Second Ministerial Meeting, which Freedonia will host in 2031.\n"
        "The meeting was attended by Minister of Mines Ana Rojas."
    )
    got = _meeting_of(text, "person:ana-rojas")
    assert got and all("first-ministerial-meeting" in k for k in got)


def test_the_capitalised_head_before_of_in_a_meeting_s_name_refers_back_to_it():
    text = (
        "Tin Week Opens In Lima\n\n"
        "The Third Meeting of the Ruritania-Freedonia Tin Council opened in Lima on Monday.\n"
        "Freedonia will host the Lima Tin Meeting in 2031.\n"
        "The Meeting was chaired by Minister of Mines Ana Rojas."
    )
    got = _meeting_of(text, "person:ana-rojas")
    assert got and all("third-meeting" in k for k in got)


def test_a_numbered_paragraph_refers_back_to_the_paragraph_before_it():
    text = (
        "1. Minister of Mines Ana Rojas and Minister of Trade Lena Berg flew in on Sunday.\n"
        "2. The two ministers opened the Lima Tin Summit on Monday.\n"
    )
    got = {p for p in ("person:ana-rojas", "person:lena-berg") if _meeting_of(text, p)}
    assert got == {"person:ana-rojas", "person:lena-berg"}


def test_each_line_of_a_list_of_delegations_took_part_in_the_meeting_named_before_it():
    text = (
        "The Lima Tin Summit, organised by the Ruritania Mines Board, drew 600 participants. Delegations included:\n"
        "Peru, led by Minister of Mines Ana Rojas;\n"
        "Chile, led by Deputy Minister of Trade Lena Berg;\n"
        "- the Andean Development Bank, represented by its Director, Ms. Carla Vidal;\n"
        "Bolivia, led by Minister of State for Mining Hon. Tomas Kral.\n"
        "\n"
        "The ministers adopted a declaration on tin smelting."
    )
    got = _participants(text)
    assert {"country:pe", "country:cl", "country:bo", "agency:andean-development-bank"} <= got
    assert {"person:ana-rojas", "person:lena-berg", "person:carla-vidal", "person:tomas-kral"} <= got


def test_a_list_whose_opening_line_names_no_meeting_attached_to_none_in_another_paragraph():
    text = (
        "The Lima Tin Summit closed on Friday.\n\n"
        "Delegations included:\n"
        "Ruritania, led by Minister of Mines Ana Rojas;\n"
        "Freedonia, led by Deputy Minister of Trade Lena Berg."
    )
    assert "person:lena-berg" not in _participants(text)


def test_who_came_in_an_earlier_year_did_not_take_part_in_the_article_s_meeting():
    def came(text: str) -> set[str]:
        graph = extract_graph(Document("t", "t.txt", text, "0" * 64, published="2031-05-12"))
        return {r.source for r in graph.relationships.values() if r.type == "PARTICIPATED_IN"}

    opening = "The Lithium Summit 2031 opened in Nairobi on Monday.\n"
    assert "country:cl" not in came(opening + "Kenya signed a deal in 2028 and has since hosted delegates from Chile.")
    assert "country:cl" in came(opening + "The summit was attended by delegations from Chile and Peru.")
    assert "country:cl" in came(opening + "Ministers from Chile, Peru and Ghana discussed supply chains in 2031.")


def test_the_conclave_refers_back_to_a_conclave_named_before():
    graph = extract_graph(
        Document(
            "t",
            "t.txt",
            "The Lima Tin Conclave 2031 opened on Monday.\n"
            "The two-day conclave, organised by the Ruritania Mines Board, drew 400 delegates.",
            "0" * 64,
        )
    )
    got = {(r.source, r.type) for r in graph.relationships.values() if r.target.startswith("event:")}
    assert ("agency:ruritania-mines-board", "ORGANIZED") in got


def test_what_an_organisation_belongs_to_did_not_take_part_with_it():
    got = _participants(
        "On the margins of the Lima Tin Summit, the Andean Tin Agency, part of the Ruritania Mines Board, signed "
        "a letter with Peru, and Kestrel Metals, a subsidiary of the state-owned Borduria Mining Holding, "
        "signed an offtake."
    )
    assert "company:kestrel-metals" in got and any(k.startswith("agency:andean-tin-agency") for k in got)
    assert not any(k.startswith(("agency:ruritania-mines-board", "company:borduria-mining")) for k in got)


def test_who_is_named_with_a_meeting_still_to_come_did_not_take_part_in_it():
    def links(text: str) -> set[tuple[str, str]]:
        graph = extract_graph(Document("t", "t.txt", text, "0" * 64, published="2031-05-12"))
        return {(r.source, r.target) for r in graph.relationships.values() if r.type == "PARTICIPATED_IN"}

    opening = "The First Lima Tin Dialogue was held in Lima on Monday, attended by Chile and Peru.\n"
    later = links(opening + "Minister Ana Rojas said the Second Lima Tin Dialogue will be held in Quito in 2032.")
    assert not any(t.startswith("event:second") for _, t in later)
    later = links(opening + "Ana Rojas said the Lagos Tin Forum, proposed last year, should take place in 2032.")
    assert not any(t.startswith("event:lagos") for _, t in later)
    past = links(opening + "Minister Ana Rojas spoke at the Lagos Tin Forum in March.")
    assert ("person:ana-rojas", "event:lagos-tin-forum") in past


def test_a_meeting_referred_back_to_by_the_end_of_its_name_takes_that_sentence_s_participants():
    text = (
        "Ministers opened the third session of the Kenya-Ruritania Joint Permanent Commission in Nairobi on Monday.\n"
        "The Joint Permanent Commission was also attended by officials of the Kenya Investment Authority."
    )
    got = _participants(text)
    assert any("kenya-investment-authority" in k for k in got), got


def test_the_end_of_a_meeting_s_name_inside_another_name_does_not_refer_back_to_it():
    got = _participants(
        "Ministers opened the first Kenya-Ruritania Dialogue on Critical Raw Materials in Nairobi on Monday.\n"
        "Kenya has partnerships with Chile and Peru under the Critical Raw Materials Act of the Union."
    )
    assert not {"country:cl", "country:pe"} & got


def test_a_part_of_a_meeting_named_first_is_not_the_article_s_meeting():
    from minegraph.loaders.extract import document_context

    ctx = document_context(
        Document(
            "t",
            "t.txt",
            "Minister Ana Rojas spoke at the Ministerial Session of the Velmora Minerals Forum 2031 on Monday.\n"
            "Delegations from Arcadia and Lakeland attended.",
            "0" * 64,
        )
    )
    assert ctx.main_event == "Event:velmora-minerals-forum-2031"


def test_who_came_to_a_part_of_a_meeting_is_linked_to_the_whole_only():
    events, links = _events(
        "Minister Ana Rojas spoke at the Ministerial Session of the Velmora Minerals Forum 2031 on Monday."
    )
    assert "Ministerial Session" in events
    assert ("person:ana-rojas", "event:velmora-minerals-forum-2031") in links
    assert not any(target == "event:ministerial-session" for _, target in links)


#: an article's meeting, and sentences that keep what follows out of its window of nearby sentences
_FORUM = (
    "LIMA, May 3 - Ministers met on Tuesday at the Velmora Copper Forum to discuss refining.\n"
    "Copper prices rose by a tenth this year.\nSmelting capacity remains short.\nPower costs keep rising.\n"
)


def test_countries_that_sent_observers_took_part():
    got = _participants(
        _FORUM + "Sweden and Norway sent only observers.\nBolivia, which sent an observer, did not sign the text."
    )
    assert {"country:se", "country:no", "country:bo"} <= got, got


def test_who_sat_around_the_table_took_part():
    got = _participants(
        _FORUM + "Around the table were Peru's Minister of Energy Tomas Arvel, Japan's State Minister for Trade "
        "Kenji Orwa and Canada's Deputy Minister of Natural Resources Marie Dulac."
    )
    assert {"person:tomas-arvel", "person:kenji-orwa", "person:marie-dulac"} <= got, got


def test_signers_of_a_text_adopted_at_the_close_of_a_summit_took_part_in_it():
    text = (
        "LIMA, May 3 - Leaders of four Andean countries on Saturday adopted the Velmora Declaration on Copper "
        "Refining at the close of the first Andean Copper Summit.\n"
        "The declaration was signed by Chile, Peru, Bolivia and Ecuador."
    )
    assert {"country:cl", "country:pe", "country:bo", "country:ec"} <= _participants(text)
    # welcoming a text is no act at the meeting: who signed it later is not told to have come
    assert not _participants(text.replace("adopted", "welcomed")) & {"country:bo", "country:ec"}


def test_who_the_plenary_heard_took_part_in_the_article_s_meeting():
    got = _participants(_FORUM + "The plenary heard from Chile's Minister of Mining Lena Orvik.")
    assert "person:lena-orvik" in got, got


def test_observers_took_part_but_are_no_sides_of_the_meeting_s_declaration():
    graph = extract_graph(
        Document(
            "t",
            "t.txt",
            "LIMA, May 3 - Leaders of Chile, Peru and Bolivia met on Tuesday at the Velmora Copper Summit.\n"
            "The summit adopted a joint declaration on copper refining.\nSweden and Norway sent only observers.",
            "0" * 64,
        )
    )
    links = {(r.source, r.type) for r in graph.relationships.values()}
    assert {("country:se", "PARTICIPATED_IN"), ("country:cl", "PARTY_TO"), ("country:bo", "PARTY_TO")} <= links
    assert ("country:se", "PARTY_TO") not in links and ("country:no", "PARTY_TO") not in links


def test_observers_are_the_list_named_right_before_the_observer_words():
    from minegraph.loaders.extract import document_context
    from minegraph.loaders.relations.events import observers

    def watched(sentence: str) -> set[str]:
        doc = Document("t", "t.txt", "Ministers met at the Velmora Copper Summit.\n" + sentence, "0" * 64)
        ctx = document_context(doc)
        return observers(ctx).get(ctx.main_event or "", set())

    # a host named earlier in the sentence is not one of them
    assert watched(
        "The summit, hosted by Chile, drew ministers from the member countries as well as delegations from "
        "Sweden, Norway and the European Union, which attended as observers."
    ) == {"country:se", "country:no", "Agency:european-union"}
    assert watched("Bolivia, which sent an observer, did not sign.") == {"country:bo"}
    oecd = "Organisation for Economic Co-operation and Development"
    assert watched(f"Mexico and the {oecd} (OECD) attended as observers.") == {
        "country:mx",
        "Agency:organisation-for-economic-co-operation-and-development",
    }


def _meeting_links(text: str) -> set[tuple[str, str]]:
    graph = extract_graph(Document("t", "t.txt", text, "0" * 64))
    return {(r.source, r.target) for r in graph.relationships.values() if r.type == "PARTICIPATED_IN"}


def test_a_list_with_no_meeting_named_belongs_to_the_meeting_of_the_sentence_before():
    lunch = "event:andean-copper-ministers-working-lunch"
    side = (
        "Chile's Minister of Mining Rosa Quell hosted the Andean Copper Ministers' Working Lunch on Wednesday.{sep}"
        "Around the table were Peru's Minister of Energy Tomas Arvel, Japan's State Minister for Trade "
        "Kenji Orwa and Canada's Deputy Minister of Natural Resources Marie Dulac."
    )
    got = _meeting_links(_FORUM + side.format(sep=" "))
    people = {"person:tomas-arvel", "person:kenji-orwa", "person:marie-dulac"}
    assert {(p, lunch) for p in people} <= got, got
    assert not {(p, "event:velmora-copper-forum") for p in people} & got, got  # the lunch's table, not the forum's
    # told in a paragraph of its own, the list is not read as the lunch's by the rule: the article's meeting
    got = _meeting_links(_FORUM + side.format(sep="\n"))
    assert {(p, "event:velmora-copper-forum") for p in people} <= got, got


def test_who_led_a_second_delegation_or_represented_a_country_took_part():
    got = _participants(
        _FORUM + "The Chilean delegation to the forum was led by Minister of Mining Rosa Quell, while the "
        "Bolivian delegation was led by Vice Minister of Mines Tomas Arvel."
    )
    assert {"person:rosa-quell", "person:tomas-arvel"} <= got, got
    got = _participants(
        _FORUM + "Sweden's Minister for Trade Kenji Orwa leads the Swedish delegation at the forum, and Norway "
        "is represented by its Ambassador, Marie Dulac."
    )
    assert {"person:kenji-orwa", "person:marie-dulac"} <= got, got


def test_who_spoke_at_a_part_of_the_meeting_took_part_in_it():
    got = _participants(
        _FORUM + "The afternoon's financing panel featured Rosa Quell, a director at the Andean Bank, and "
        "Tomas Arvel, a partner at Lima firm Orva Capital.\n"
        "Opening the second day, Vice Minister of Trade Kenji Orwa said exports had doubled.\n"
        "Marie Dulac of the Andean Bank, speaking on the same panel, said loans would follow."
    )
    assert {"person:rosa-quell", "person:tomas-arvel", "person:kenji-orwa", "person:marie-dulac"} <= got, got


def test_a_solar_panel_or_a_dispute_panel_is_no_part_of_the_meeting():
    got = _participants(
        _FORUM + "The dispute panel included Rosa Quell.\nTomas Arvel opened the solar panel plant near Cusco."
    )
    assert not {"person:rosa-quell", "person:tomas-arvel"} & got, got


def test_a_delegation_headed_by_someone_or_led_by_them_with_no_verb_came():
    got = _participants(
        _FORUM + "The Chilean delegation to the forum was led by Minister of Mining Rosa Quell, while the "
        "Bolivian delegation was headed by Vice Minister of Mines Tomas Arvel."
    )
    assert "person:tomas-arvel" in got, got
    got = _participants(
        _FORUM + "The Chilean delegation to the forum was led by Minister of Mining Rosa Quell, while a "
        "Bolivian delegation led by Vice Minister of Mines Tomas Arvel arrived late."
    )
    assert "person:tomas-arvel" in got, got


def test_a_person_of_another_clause_before_a_part_of_the_meeting_is_not_its_speaker():
    got = _participants(_FORUM + (
        "Rosa Quell, a director at the Andean Bank, runs a bank in Quito, while the ministers would open a "
        "session on tailings."
    ))
    assert "person:rosa-quell" not in got, got


def test_who_speaks_on_the_same_day_elsewhere_took_no_part():
    got = _participants(
        _FORUM + "Speaking on the same day in Quito, Marie Dulac of the Andean Bank said rates would hold."
    )
    assert "person:marie-dulac" not in got, got


def test_an_arbitration_or_solar_panel_listing_people_is_no_part_of_the_meeting():
    got = _participants(
        _FORUM + "The arbitration panel included Rosa Quell.\nThe solar panel featured a frame built by Tomas Arvel."
    )
    assert not {"person:rosa-quell", "person:tomas-arvel"} & got, got


def test_a_body_named_conference_on_something_is_no_meeting_of_the_article():
    graph = extract_graph(
        Document(
            "t",
            "t.txt",
            "LA PAZ, May 3 - Ministers from four countries met on Tuesday at the first Andean Tin Summit.\n"
            "Bolivia hosted the summit with support from the International Conference on Mine Safety "
            "(ICMS), whose executive secretary, Rosa Quell, gave the opening speech.\n"
            "Tin prices rose by a tenth this year.\n"
            "Chile was represented by Minister of Mining Tomas Arvel, and Peru by Vice Minister Kenji Orwa.",
            "0" * 64,
        )
    )
    labels = {n.name: n.label for n in graph.nodes.values()}
    assert labels.get("International Conference on Mine Safety") == "Agency", labels
    meetings = {r.target for r in graph.relationships.values() if r.type == "PARTICIPATED_IN"}
    assert meetings == {"event:andean-tin-summit"}, meetings
    # a meeting is represented by no one: a body is
    graph = extract_graph(
        Document(
            "t",
            "t.txt",
            "LA PAZ, May 3 - Ministers from four countries met on Tuesday at the first Andean Tin Summit.\n"
            "Also present was the International Conference on Mine Safety (ICMS), represented by Executive "
            "Secretary Rosa Quell.",
            "0" * 64,
        )
    )
    labels = {n.name: n.label for n in graph.nodes.values()}
    assert labels.get("International Conference on Mine Safety") == "Agency", labels


def test_the_session_is_of_the_meeting_named_last_not_the_main_one():
    got = _meeting_links(
        _FORUM + "On Wednesday the Andes Battery Workshop was held in Cusco with bankers and engineers.\n"
        "Opening the session, Vice Minister Kenji Orwa said exports had doubled.\n"
        "At the opening session of the Velmora Copper Forum, Tomas Arvel said plants would follow."
    )
    assert ("person:kenji-orwa", "event:andes-battery-workshop") in got, got
    assert ("person:kenji-orwa", "event:velmora-copper-forum") not in got, got
    assert ("person:tomas-arvel", "event:velmora-copper-forum") in got, got  # the session of a meeting named
    assert ("person:tomas-arvel", "event:andes-battery-workshop") not in got, got
    # a meeting named in passing several sentences back is not the one whose sessions are told
    got = _meeting_links(
        "Chile and five Andean nations held their first Copper Refining Dialogue on Monday in Lima.\n"
        "The dialogue was held alongside the Andes Mining Week, a trade fair that draws miners and investors.\n"
        "Officials discussed smelter permits and power prices.\nCopper prices rose by a tenth this year.\n"
        "Smelting capacity remains short.\n"
        "In the second session, the Peruvian Geological Institute presented survey results."
    )
    assert ("agency:peruvian-geological-institute", "event:copper-refining-dialogue") in got, got
    assert ("agency:peruvian-geological-institute", "event:andes-mining-week") not in got, got


def test_observers_of_one_meeting_are_sides_of_another_meeting_s_declaration():
    graph = extract_graph(
        Document(
            "t",
            "t.txt",
            "LIMA, May 3 - Ministers met on Tuesday at the Velmora Copper Summit.\n"
            "Sweden and Norway sent only observers to the summit.\n"
            "Copper prices rose by a tenth this year.\n"
            "On Thursday the Andes Smelting Dialogue was attended by Sweden, Chile and Peru.\n"
            "The dialogue adopted a joint declaration on smelter emissions.",
            "0" * 64,
        )
    )
    links = {(r.source, r.type, r.target) for r in graph.relationships.values()}
    parties = {s for s, t, _k in links if t == "PARTY_TO"}
    assert {"country:cl", "country:pe", "country:se"} <= parties, links  # Sweden observed the summit only
    assert "country:no" not in parties, links


def test_a_market_that_opened_the_session_or_closed_the_day_is_no_meeting_s_part():
    got = _participants(
        _FORUM + "In London, copper closed the day 2% higher after central bank governor Tomas Arvel cut rates.\n"
        "The Lima index opened the session lower, trader Rosa Quell noted.\n"
        "Marie Dulac opened the session up to questions from the floor."
    )
    assert not {"person:tomas-arvel", "person:rosa-quell"} & got, got
    assert "person:marie-dulac" in got, got  # the meeting's session


def test_a_pair_s_meeting_written_with_a_spaced_dash_is_one_meeting():
    graph = extract_graph(
        Document(
            "t",
            "t.txt",
            "Chile - Peru Boost Copper Ties\n"
            "LIMA, May 3 - Chile and Peru on Tuesday agreed to deepen copper ties at the 4th Chile - Peru Mining "
            "Working Group held in Lima.\n"
            "Minister Rosa Quell of Chile and Minister Tomas Arvel of Peru attended the meeting.",
            "0" * 64,
        )
    )
    events = [n.name for n in graph.nodes.values() if n.label == "Event"]
    assert events == ["4th Chile - Peru Mining Working Group"], events
    got = {r.source for r in graph.relationships.values() if r.type == "PARTICIPATED_IN"}
    assert {"country:cl", "country:pe", "person:rosa-quell", "person:tomas-arvel"} <= got, got


def test_a_pair_s_named_consultations_are_a_meeting():
    got = _meeting_links(
        "LIMA, May 3 - Chile and Peru held the 3rd Chile-Peru Strategic Consultations in Lima on Tuesday, led by "
        "Vice Minister Rosa Quell and Vice Minister Tomas Arvel.\nThe consultations covered copper and lithium."
    )
    meeting = "event:3rd-chile-peru-strategic-consultations"
    assert {("person:rosa-quell", meeting), ("country:pe", meeting)} <= got, got


def test_a_panel_speaker_is_of_the_main_meeting_when_another_was_named_only_in_passing_far_back():
    got = _meeting_links(
        "Chile and five Andean nations held their first Copper Refining Dialogue on Monday in Lima.\n"
        "The dialogue was held alongside the Andes Mining Week, a trade fair that draws miners and investors.\n"
        "Officials discussed smelter permits and power prices.\nCopper prices rose by a tenth this year.\n"
        "Smelting capacity remains short.\n"
        "Marie Dulac of the Andean Bank, speaking on the same panel, said loans would follow."
    )
    assert ("person:marie-dulac", "event:copper-refining-dialogue") in got, got
    assert ("person:marie-dulac", "event:andes-mining-week") not in got, got
