"""A profile's fact sheet (nlp/fact_sheet.py, nlp/relations/fact_sheets.py) on texts written for these tests."""

from conftest import relation_set

_PROFILE = """Actor profile: Kataib Hezbollah (KH)

Type: Armed group
Base: Jurf al-Sakhar, Iraq
Leader: Abu Fadak al-Mohammadawi
Main foreign backer: Iran
Umbrella: Popular Mobilization Forces

Overview. Kataib Hezbollah is one of the most secretive armed factions in Iraq. It was formed in 2007 and
has fought US forces, the Islamic State and Iraqi protesters over the years, according to officials.
"""


def test_a_fact_sheet_states_relations_of_the_profiled_group(run):
    found = relation_set(run(_PROFILE))
    assert {("leads", "abu-fadak-al-mohammadawi", "kataib-hezbollah"),
            ("supports", "iran", "kataib-hezbollah"),
            ("operates_in", "kataib-hezbollah", "jurf-al-sakhar"),
            ("part_of", "kataib-hezbollah", "popular-mobilization-forces")} <= found


def test_a_colon_in_prose_or_under_a_title_without_a_group_is_no_fact_sheet(run):
    prose = ("Kataib Hezbollah said on Monday that its fighters would stay in Iraq for as long as needed.\n\n"
             "Leader: Abu Fadak al-Mohammadawi addressed the crowd.\nBackers: Iran and Syria, the group said.")
    found = relation_set(run(prose))
    assert ("leads", "abu-fadak-al-mohammadawi", "kataib-hezbollah") not in found
    assert ("supports", "iran", "kataib-hezbollah") not in found
    untitled = _PROFILE.replace("Actor profile: Kataib Hezbollah (KH)", "Actor profile: an armed group in Iraq")
    assert ("supports", "iran", "kataib-hezbollah") not in relation_set(run(untitled))


_GROUP_PROFILE = """Actor profile: Kataib Hezbollah (KH)

Leadership. Ahmad al-Hamidawi has been emir since 2014. Abu Fadak al-Mohammadawi, the deputy emir,
commands its fighters. President Mustafa al-Kadhimi, a former journalist, ordered raids on Monday.
"""


def test_a_profile_s_bare_offices_are_the_profiled_group_s(run):
    found = relation_set(run(_GROUP_PROFILE))
    assert ("leads", "ahmad-al-hamidawi", "kataib-hezbollah") in found
    assert ("member_of", "abu-fadak-al-mohammadawi", "kataib-hezbollah") in found
    # a title before a name, or an indefinite description, is nobody's office in the group
    assert not [r for r in found if r[1] == "mustafa-al-kadhimi" and r[2] == "kataib-hezbollah"]


def test_outside_a_profile_a_bare_office_names_no_group(run):
    text = _GROUP_PROFILE.replace("Actor profile: Kataib Hezbollah (KH)", "Kataib Hezbollah fighters parade in Baghdad")
    found = relation_set(run(text))
    assert ("leads", "ahmad-al-hamidawi", "kataib-hezbollah") not in found
