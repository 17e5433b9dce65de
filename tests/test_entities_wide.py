"""Entity recognition on constructions met in outside reporting, on sentences written for these tests."""

from conftest import entity_named


def _ids(result) -> set[str]:
    return {e.id for e in result.entities}


# --- longest registry match; transliteration folding only for names ---------------------------

def test_a_registry_name_with_the_inside_is_matched_whole(run):
    result = run("Analysts say al-Qaeda in the Arabian Peninsula recruited in the south.")
    assert entity_named(result, "al-Qaeda in the Arabian Peninsula").id == "aqap"
    assert "arabian-peninsula" not in _ids(result) and "al-qaeda" not in _ids(result)


def test_acronyms_and_demonyms_are_not_folded_into_other_names(run):
    # "ADF" folds like "IDF", "Reasons" like "Russians": neither may match by folding.
    result = run("The ADF raided a village. Reasons for the raid were unclear.")
    assert "israel-defense-forces" not in _ids(result)
    assert "russia" not in _ids(result)


def test_a_folded_one_word_match_inside_a_longer_name_is_not_that_place(run):
    result = run("Karim Masood Nuri told the court he had never been to Lebanon.")
    assert "mossad" not in _ids(result)
    result = run("The strike hit a building in the Haret Hreik district.")
    assert "herat" not in _ids(result)


def test_an_exact_one_word_place_is_still_found_alone(run):
    result = run("The convoy reached Herat at dawn.")
    assert entity_named(result, "Herat").type == "place"


def test_a_town_inside_a_persons_name_is_not_that_town(run):
    result = run("Husayn al-Khalil, a political adviser, attended the meeting.")
    assert "hebron" not in _ids(result)


def test_a_registry_alias_with_a_possessive_is_matched(run):
    result = run("Russia's Defence Ministry announced new deployments on Friday.")
    assert entity_named(result, "Russia's Defence Ministry").id == "russian-ministry-of-defence"


def test_states_of_the_great_lakes_and_their_capitals_as_actors(run):
    result = run("Kigali has rejected the accusation, and Congolese officials said Uganda was neutral.")
    assert entity_named(result, "Kigali").id == "rwanda"
    assert entity_named(result, "Congolese").id == "dr-congo"
    assert entity_named(result, "Uganda").type == "country"
