"""Events named with a place or a year, summits between two groups, seminars and named
sessions (invented sentences)."""

from __future__ import annotations

from minegraph.loaders.mentions import find_mentions, patterns


def found(text: str) -> list[tuple[str, str]]:
    ms = find_mentions(text).mentions
    return [(m.label, m.text) for m in ms if m.label != "Name" and not (m.inner and m.label == "Agency")]


def inside(text: str) -> list[tuple[str, str]]:
    return [(m.label, m.text) for m in find_mentions(text).mentions if m.inner and m.label == "Agency"]


def test_group_summit_with_year_or_place_is_an_event_not_the_group():
    assert found("Leaders met at the 2031 G7 Summit and later at the G7 Kyoto Summit.") == [
        ("Event", "2031 G7 Summit"),
        ("Event", "G7 Kyoto Summit"),
    ]
    assert found("It followed the G20 Summit in Lagos.") == [("Event", "G20 Summit"), ("Country", "Lagos")]


def test_the_group_itself_is_still_an_agency():
    assert found("The G20 agreed on a plan.") == [("Agency", "Group of Twenty")]


def test_summit_between_two_groups():
    assert found("It grew out of an African Union-European Union summit last year.") == [
        ("Event", "African Union-European Union summit")
    ]
    # the groups are named inside the event's name, as countries are
    assert inside("It grew out of an African Union-European Union summit last year.") == [
        ("Agency", "African Union"),
        ("Agency", "European Union"),
    ]


def test_quoted_seminar_title():
    text = "She spoke at the “Minerals and Sustainable Growth of the National Cobalt Plan” seminar."
    assert found(text) == [("Event", "Minerals and Sustainable Growth of the National Cobalt Plan seminar")]


def test_named_event_with_a_weak_company_head():
    assert found("The partners host a Mapping Low-Carbon Battery Minerals event next spring.") == [
        ("Event", "Mapping Low-Carbon Battery Minerals event")
    ]


def test_named_session():
    assert found("Ministers joined the Critical Minerals Plenary Session on Monday.") == [
        ("Event", "Critical Minerals Plenary Session")
    ]


def test_quoted_pattern_matches_and_must_not_match():
    pat = patterns().quoted_lower
    assert pat.search('the "Clean Supply" initiative').group(1) == "Clean Supply"
    assert pat.search("the “Battery Days” seminar").group(2) == "seminar"
    assert not pat.search('the "Clean Supply" report')
    assert not pat.search('he said "yes" seminar')  # a quote must start with a capital


def test_a_project_named_after_a_mineral_is_not_a_company():
    assert ("Company", "Sonora Lithium") not in found("One concession is the Sonora Lithium project.")


def test_an_ordinal_opens_an_event_name_but_never_closes_a_name():
    assert found("The 2nd Ruritania-Japan Minerals Dialogue will meet.") == [
        ("Event", "2nd Ruritania-Japan Minerals Dialogue"),
        ("Country", "Japan"),
    ]
    assert found("Acme Lithium 2nd quarter output rose.") == [("Company", "Acme Lithium")]


def test_a_meeting_named_after_a_body_or_a_partnership():
    assert found("It was on the agenda of the Council for Trade in Services meeting in May.") == [
        ("Agency", "Council for Trade in Services"),
        ("Event", "Council for Trade in Services meeting"),
    ]
    assert found("She attended the Kestrel Metals Partnership (KMP) inaugural gathering.") == [
        ("Agreement", "Kestrel Metals Partnership"),
        ("Event", "Kestrel Metals Partnership inaugural gathering"),
    ]
    assert found("It was a Peru-led gathering of miners.") == [("Country", "Peru")]


def test_a_roundtable_keeps_its_complement():
    assert found("The group held its Second High-Level Roundtable on Cobalt Supply on 2 May.") == [
        ("Event", "Second High-Level Roundtable on Cobalt Supply")
    ]


def test_names_with_a_plus_and_numbered_sessions():
    assert found("They met on the sidelines of the C7+1 Summit in May.") == [("Event", "C7+1 Summit")]
    assert found("The loan was signed at the UN Climate Change Conference COP31.") == [
        ("Agency", "United Nations"),
        ("Event", "Climate Change Conference COP31"),
    ]
    assert found("It was agreed at COP31 on Monday.") == [("Event", "COP31")]
    assert found("The minister opened the dialogue held within Minexpo 2031, the main mining fair.") == [
        ("Event", "Minexpo 2031")
    ]
    assert found("The A320 flew at MH17 speed.") == []


def _events(text: str) -> list[str]:
    from minegraph.loaders.documents import Document
    from minegraph.loaders.extract import extract_graph

    g = extract_graph(Document(id="e", path="e.txt", text=text, sha256="e", published="2031-05-02"))
    return sorted(n.name for n in g.by_label("Event"))


def test_a_short_form_or_a_year_and_head_refer_back_to_the_event():
    # the initials of the event's name, with a meeting word after them
    assert _events(
        "Ministers met at the ninth Lagos International Conference on Mining. The LICM talks began in 1990."
    ) == ["Lagos International Conference on Mining"]
    assert _events(
        "The group convened its Second Roundtable on Cobalt Supply in Lagos. The 2031 roundtable was a success."
    ) == ["Second Roundtable on Cobalt Supply"]


def test_a_meeting_of_two_fields_is_one_name():
    assert found("Officials met at the Freedonia Mining and Energy Conference on Monday.") == [
        ("Event", "Freedonia Mining and Energy Conference")
    ]


def test_the_place_a_meeting_with_a_complement_is_held_in_is_not_part_of_its_name():
    assert ("Event", "Summit of the Andes") in found("Ministers attended the Summit of the Andes in Quillabamba.")
    assert ("Event", "Forum for Lakeland Cooperation") in found(
        "Bankers attended the Forum for Lakeland Cooperation in Port Amber."
    )


def test_a_summit_named_after_a_continent_names_no_country_for_america():
    ms = [m for m in find_mentions("The Korea-Latin America Business Summit opened.").mentions if m.label == "Event"]
    assert ms and ms[0].name_countries == ["KR"]


def test_a_numbered_meeting_of_a_named_body_is_an_event_beside_the_body():
    got = found("The third meeting of the Kestrel Minerals Partnership was held on Monday.")
    assert ("Event", "third meeting of the Kestrel Minerals Partnership") in got
    assert ("Agreement", "Kestrel Minerals Partnership") in got
    assert not [
        m for m in find_mentions("A meeting of the Lakeland Mining Council is due.").mentions if m.label == "Event"
    ]


def test_a_workshop_named_after_an_initiative_is_an_event():
    assert ("Event", "Kestrel Mapping Initiative workshop") in found(
        "Officials took part in the Kestrel Mapping Initiative workshop."
    )


def test_an_en_dash_joins_the_names_in_an_event_s_name_as_a_hyphen_does():
    got = found("Ministers met at the Third Andes\u2013Pacific Lithium Roundtable in Lima.")
    assert ("Event", "Third Andes-Pacific Lithium Roundtable") in got
    got = found("Officials gathered for the Kenya\u2013Latin America Mining Conclave 2026 in Nairobi.")
    assert ("Event", "Kenya-Latin America Mining Conclave 2026") in got


def test_a_group_s_meeting_named_by_who_meets_capitalised_is_an_event_beside_the_group():
    assert found("The G20 Leaders' Summit in Rio adopted a statement.") == [
        ("Agency", "Group of Twenty"),
        ("Event", "G20 Leaders' Summit"),
    ]
    assert ("Event", "ASEAN Foreign Ministers’ Meeting") in found("The ASEAN Foreign Ministers’ Meeting ended.")
    # a capitalised head alone is left to the names: "the G20 Summit" is the event, not the group
    assert found("The G20 Summit adopted a statement.") == [("Event", "G20 Summit")]


def test_a_meeting_of_two_kinds_with_its_year_is_one_event():
    assert found("The Ruritania Minerals Conference & Expo 2031 opened in Lima.")[0] == (
        "Event",
        "Ruritania Minerals Conference & Expo 2031",
    )
    assert found("The Lithium Forum and Battery Summit ran side by side.") == [
        ("Event", "Lithium Forum"),
        ("Event", "Battery Summit"),
    ]


def test_a_meeting_named_with_the_people_or_the_body_it_is_of():
    assert ("Event", "Kestrel Leaders’ Summit") in found("The Kestrel Leaders’ Summit was held in Lima.")
    assert ("Event", "Mines and Money Conference") in found("He spoke at the Mines and Money Conference in Lima.")
    assert ("Event", "Investing in Andean Mining Indaba") in found(
        "Ministers met at the Investing in Andean Mining Indaba in Lima."
    )
    got = found("Leaders met at the 14th Summit of the Group of Twenty in Lima.")
    assert ("Event", "14th Summit of the Group of Twenty") in got
    assert inside("Leaders met at the 14th Summit of the Group of Twenty in Lima.") == [("Agency", "Group of Twenty")]


def test_an_ocean_or_polar_region_opens_a_meeting_s_name_as_pacific_does():
    assert ("Event", "Arctic Lithium Summit") in found("Officials met at the Arctic Lithium Summit in Oslo.")
    assert ("Event", "Atlantic Mining Forum") in found("Officials met at the Atlantic Mining Forum in Oslo.")


def test_days_is_a_meeting_s_head_word():
    assert ("Event", "Nordic Tin Days 2031") in found("The deal was signed at Nordic Tin Days 2031 in Oslo.")


def test_a_meeting_head_written_in_two_words():
    assert found("The envoy opened the Kestrel-Lakeland Tin Round Table in Velmora.")[0] == (
        "Event",
        "Kestrel-Lakeland Tin Round Table",
    )


def test_the_complement_of_a_meeting_goes_on_past_and_the():
    assert found("The Second Conference on Critical Minerals of Northern Arcadia and the Lakelands ended.") == [
        ("Event", "Second Conference on Critical Minerals of Northern Arcadia and the Lakelands")
    ]
    # a name of its own after "and the" is not part of the meeting's complement
    assert found("The Summit on Lithium and the Ministry of Mines agreed.") == [
        ("Event", "Summit on Lithium"),
        ("Agency", "Ministry of Mines"),
    ]
    assert found("The Summit of Leaders and the President attended.") == [("Event", "Summit of Leaders")]


def test_a_numbered_session_of_a_body_is_named_with_the_body():
    assert found("It reported the outcomes of the 1st Session of the Kestrel-Lakeland Ministerial Committee on Tin.")[
        0
    ] == ("Event", "1st Session of the Kestrel-Lakeland Ministerial Committee on Tin")
    assert found("The parties agreed that the 2nd Session of the Committee will be held next year.") == [
        ("Event", "2nd Session of the Committee")
    ]
    assert all("year" not in name for _, name in found("The 1st Session of the year opened."))


def test_an_edition_before_a_body_opens_the_meeting_named_after_it():
    assert found("They met at the 3rd EU Battery Metals Partnerships Forum in May.") == [
        ("Event", "3rd EU Battery Metals Partnerships Forum")
    ]
    assert inside("They met at the 3rd EU Battery Metals Partnerships Forum in May.") == [
        ("Agency", "European Union")
    ]
    # no edition: the body stays a body beside a meeting of its own name
    assert found("The EU Battery Metals Partnerships Forum met.")[0] == ("Agency", "European Union")
