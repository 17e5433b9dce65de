"""part_of families (nlp/relations/structure.py) on sentences written for these tests."""

import pytest
from conftest import relation_set


def parts(result) -> dict[tuple[str, str], str]:
    """(part, whole) -> hedge of every part_of found."""
    return {(r.source, r.target): r.hedge for r in result.relations if r.type == "part_of"}


# --- a part that carries the whole: core, backbone -------------------------------------------------

@pytest.mark.parametrize("text, pair, hedge", [
    ("Observers describe the YPG, the Kurdish militia at the core of the SDF, as disciplined.", ("ypg", "syrian-democratic-forces"),
     "asserted"),
    ("The SDF, whose backbone is the YPG, took Raqqa.", ("ypg", "syrian-democratic-forces"), "asserted"),
    ("The Badr Organization forms the backbone of the Popular Mobilization Forces.",
     ("badr-organization", "popular-mobilization-forces"), "asserted"),
    ("Badr may become the nucleus of the Popular Mobilization Forces.",
     ("badr-organization", "popular-mobilization-forces"), "speculative"),
])
def test_a_core_part_is_part_of_the_whole(run, text, pair, hedge):
    assert parts(run(text)).get(pair) == hedge


def test_a_place_at_the_core_of_a_group_s_territory_is_no_part(run):
    # "at the core of" a place: only organisations are parts of organisations.
    assert not parts(run("Hezbollah fighters stood at the core of Lebanon's south."))


# --- a part word after an accusation or a coordinated copula -----------------------------------------

def test_an_accused_offshoot_is_alleged(run):
    result = parts(run("Turkey accuses the YPG of being an offshoot of the PKK."))
    assert result.get(("ypg", "pkk")) == "alleged"


def test_a_denied_offshoot_is_denied(run):
    result = parts(run("The YPG says it is not an offshoot of the PKK."))
    assert result.get(("ypg", "pkk")) in {None, "denied"}


# --- "one of the factions of Y" after another description ----------------------------------------------

def test_one_of_the_factions_coordinated_with_a_description(run):
    text = "The Hamza Division, a rebel faction founded in 2013 and one of the factions of the Syrian National Army, " \
           "denied the report."
    assert ("hamza-division", "syrian-national-army") in parts(run(text))


def test_one_of_the_factions_of_a_place_is_no_part(run):
    text = "The Hamza Division, a rebel faction founded in 2013 and one of the factions of Aleppo, denied the report."
    assert not parts(run(text))


# --- members listed after "includes" -------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "The Fatah Alliance, a bloc that includes Badr and Asaib Ahl al-Haq, won seats.",
    "The Fatah Alliance includes Badr and Kataib Hezbollah.",
])
def test_every_listed_member_of_an_including_alliance(run, text):
    result = parts(run(text))
    assert ("badr-organization", "fatah-alliance") in result


def test_allies_included_are_not_members(run):
    assert not parts(run("Hezbollah's allies include Badr and Asaib Ahl al-Haq."))


# --- folded, integrated, merged into a whole --------------------------------------------------------------

@pytest.mark.parametrize("text, pair, hedge", [
    ("The Fatemiyoun Division was folded into the IRGC in 2015.", ("fatemiyoun-brigade", "irgc"), "asserted"),
    ("Tehran integrated the Fatemiyoun Division into the IRGC.", ("fatemiyoun-brigade", "irgc"), "asserted"),
    ("The Fatemiyoun Division may be merged into the IRGC.", ("fatemiyoun-brigade", "irgc"), "speculative"),
    ("The Fatemiyoun Division was never absorbed into the IRGC.", ("fatemiyoun-brigade", "irgc"), "denied"),
])
def test_what_goes_into_a_whole_is_part_of_it(run, text, pair, hedge):
    assert parts(run(text)).get(pair) == hedge


def test_folding_into_a_place_or_an_idea_is_no_part(run):
    assert not parts(run("Hezbollah folded its fighters into Syria's war effort."))


# --- a noun phrase named by "known as" ---------------------------------------------------------------------

def test_forces_known_as_a_name_are_that_organisation(run):
    text = "Nasrallah's fighters, known as the Radwan Force, are a unit of Hezbollah."
    result = run(text)
    assert any(r.type == "part_of" and r.target == "hezbollah" and r.source != "hassan-nasrallah"
               for r in result.relations)


def test_a_person_s_forces_without_a_name_are_no_part(run):
    assert not parts(run("Nasrallah's fighters are a unit of Hezbollah."))



def test_a_coordinated_denial_borrows_the_subject_of_a_passive_first_clause(run):
    result = run("The Amal Movement is allied with Hezbollah but does not form part of Hezbollah.")
    assert parts(result).get(("amal-movement", "hezbollah")) == "denied"


def test_a_possessive_hung_on_a_later_noun_owns_the_name_after_it(run):
    text = "The experts say the IRGC's Quds Force, Lebanon's Hezbollah and Iraqi technicians supplied materiel."
    assert ("operates_in", "hezbollah", "lebanon") in relation_set(run(text))
    assert ("operates_in", "hezbollah", "lebanon") not in relation_set(run("Lebanon's technicians met Hezbollah."))
