"""Meetings named in ways the event heads had missed: a meeting of a series named by its own
head, a group named with a plus, the American spelling "Dialog" and a roadshow (invented
sentences)."""

from __future__ import annotations

from minegraph.loaders.mentions import find_mentions


def events(text: str) -> list[str]:
    return [m.text for m in find_mentions(text).mentions if m.label == "Event"]


def test_a_meeting_of_a_dialogue_series_is_one_event():
    # the capitalised "Ministers" no longer makes the whole run a title
    text = "The Kestrel Dialogue Foreign Ministers' Meeting took place in Tokyo."
    assert events(text) == ["Kestrel Dialogue Foreign Ministers' Meeting"]
    found = find_mentions("The Ruritania-Japan Dialogue Trade Ministers' Meeting ended on Friday.").mentions
    assert [m.text for m in found if m.label == "Event"] == ["Ruritania-Japan Dialogue Trade Ministers' Meeting"]
    assert [m.iso2 for m in found if m.label == "Country"] == ["JP"]  # the country in its name


def test_a_group_named_with_a_plus_names_its_meetings():
    assert events("Leaders gathered for the C5+1 summit in New York on Thursday.") == ["C5+1 summit"]
    assert "ASEAN+3 Finance Ministers' Meeting" in events("The ASEAN+3 Finance Ministers' Meeting ended.")


def test_dialog_and_roadshow_head_events():
    assert events("She spoke at the Critical Minerals Dialog in Washington.") == ["Critical Minerals Dialog"]
    assert events("The Ruritania Mining Roadshow visited Perth in May.") == ["Ruritania Mining Roadshow"]


def test_a_title_after_an_organisation_is_still_a_title():
    # "Foreign Ministers" after a body, no meeting word: no event
    assert events("The Kestrel Council Foreign Ministers agreed on a plan.") == []


def test_a_group_on_whose_sidelines_people_meet_is_its_summit():
    found = find_mentions("Ana Ruiz met Tomas Lindqvist on the sidelines of the G20 in Rio de Janeiro.").mentions
    assert [m.text for m in found if m.label == "Event"] == ["G20 summit"]
    assert [m.text for m in found if m.label == "Agency"] == ["Group of Twenty"]  # the group named inside it
    # elsewhere the group is the group
    assert events("The G20 agreed on a plan.") == []


def test_two_governments_joint_body_is_the_event_of_its_meetings():
    def named(text: str) -> list[tuple[str, str, list]]:
        return [
            (m.label, m.text, m.props.get("aliases", []))
            for m in find_mentions(text).mentions
            if m.label in ("Agency", "Event")
        ]

    # its numbered meeting is the event, the body's own name an alias of it, no agency beside
    assert named("Officials met at the third meeting of the Ruritania-Freedonia Joint Working Group on Tin.") == [
        (
            "Event",
            "third meeting of the Ruritania-Freedonia Joint Working Group on Tin",
            ["Ruritania-Freedonia Joint Working Group on Tin"],
        )
    ]
    # named alone it is the event too
    assert named("The two sides will convene the Intergovernmental Commission on Trade next spring.") == [
        ("Event", "Intergovernmental Commission on Trade", [])
    ]
    # a body that is no joint format stays an agency
    assert named("The European Commission proposed the rules.")[0][0] == "Agency"


def _named(text: str) -> list[tuple[str, str]]:
    return [(m.label, m.text) for m in find_mentions(text).mentions if m.label in ("Agency", "Event")]


def test_a_body_that_met_for_its_numbered_session_names_that_session():
    # the edition told after the body's name is an event of its own, named with the body
    assert _named("The Ruritania-Freedonia Business Council met for its fifth session in Ruritania City.") == [
        ("Agency", "Ruritania-Freedonia Business Council"),
        ("Event", "fifth session of the Ruritania-Freedonia Business Council"),
    ]
    assert ("Event", "third meeting of the Lakeland Mining Council") in _named(
        "The Lakeland Mining Council held its third meeting on Monday."
    )
    # a body with no edition after it stays alone
    assert _named("The Lakeland Mining Council met on Monday.") == [("Agency", "Lakeland Mining Council")]


def test_a_numbered_session_of_their_joint_body_is_read_with_it():
    found = [
        (m.label, m.text, m.props.get("aliases", []))
        for m in find_mentions("The two states closed the fourth session of their Joint Commission on Trade.").mentions
        if m.label in ("Agency", "Event")
    ]
    assert found == [("Event", "fourth session of the Joint Commission on Trade", ["Joint Commission on Trade"])]


def test_a_subcommittee_is_a_body_whose_numbered_meeting_is_an_event():
    assert ("Agency", "Subcommittee on Tin") in _named("Officials from the Subcommittee on Tin met.")
    assert ("Event", "9th meeting of the Subcommittee on Tin") in _named(
        "They held the 9th meeting of the Subcommittee on Tin on Monday."
    )


def _named_aliases(text: str) -> list[tuple[str, str, list]]:
    return [
        (m.label, m.text, m.props.get("aliases", []))
        for m in find_mentions(text).mentions
        if m.label in ("Agency", "Agreement", "Event")
    ]


def test_a_body_that_met_somewhere_for_their_numbered_meeting_names_that_meeting():
    # places and days between the verb and the meeting, and "their" for the body's members
    found = _named_aliases(
        "Ministers of the Kestrel Minerals Partnership met at Port Vale on 12 March for their fourth "
        "ministerial meeting and set up a tin price panel."
    )
    assert (
        "Event",
        "fourth ministerial meeting of the Kestrel Minerals Partnership",
        ["fourth ministerial meeting"],  # the words the text calls it by
    ) in found
    assert ("Event", "third meeting of the Lakeland Mining Council", ["third meeting"]) in _named_aliases(
        "The Lakeland Mining Council met in Lusaka on Monday for its third meeting."
    )


def test_a_ministerial_meeting_of_the_body_whose_ministers_the_sentence_names():
    text = (
        "Trade ministers of the Kestrel Minerals Council agreed on Monday to share ore data when they closed "
        "a two-day ministerial meeting in Lakeland City."
    )
    assert ("Event", "Kestrel Minerals Council ministerial meeting", ["ministerial meeting"]) in _named_aliases(text)
    found = _named_aliases("Kestrel Minerals Council trade ministers held an informal ministerial meeting on tin.")
    assert ("Event", "Kestrel Minerals Council ministerial meeting", ["ministerial meeting"]) in found
    # no body's ministers in the sentence, or a meeting still to come: no meeting of its own
    said = _named_aliases("The Kestrel Minerals Council said ministers would hold a ministerial meeting.")
    assert [f for f in said if f[0] == "Event"] == []
    assert [f for f in _named_aliases("Officials prepared a two-day ministerial meeting.") if f[0] == "Event"] == []
    assert [
        f
        for f in _named_aliases("Ministers of the Kestrel Minerals Council will go to the next ministerial meeting.")
        if f[0] == "Event"
    ] == []


def test_who_meets_then_a_meeting_with_its_own_modifier_is_one_name():
    # "Ministers'" then a capitalised modifier before the head: one meeting, not "Working Lunch" alone
    assert events("Ruritania hosted the Kestrel Ministers' Working Lunch on Tuesday.") == [
        "Kestrel Ministers' Working Lunch"
    ]
    assert events("The Lakeland Leaders' Special Summit opened on Monday.") == ["Lakeland Leaders' Special Summit"]


def test_a_meal_named_as_a_meeting_format_is_an_event():
    assert events("Ministers met at the Kestrel Leaders' Dinner in Lakeland City.") == ["Kestrel Leaders' Dinner"]
    assert events("The Ruritania Minerals Breakfast drew forty investors.") == ["Ruritania Minerals Breakfast"]
