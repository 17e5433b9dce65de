"""Mentions to entities on sentences written for these tests."""

from conftest import entity_named


def test_transliterations_resolve_to_one_registry_entity(run):
    result = run("Ghasem Suleimani met Hizballah leaders. Later Qassem Soleimani flew to Beirut to see "
                 "Hezbollah commanders and officers of the Qods Force.")
    soleimani = entity_named(result, "Ghasem Suleimani")
    assert soleimani is entity_named(result, "Qassem Soleimani")
    assert soleimani.id == "qasem-soleimani" and soleimani.type == "person"
    assert entity_named(result, "Hizballah") is entity_named(result, "Hezbollah")
    assert entity_named(result, "Qods Force").id == "irgc-quds-force"


def test_arabic_article_variants(run):
    result = run("Fighters of al-Hashd al-Sha'bi and the Popular Mobilization Forces patrolled Mosul.")
    pmf = entity_named(result, "al-Hashd al-Sha'bi")
    assert pmf is entity_named(result, "Popular Mobilization Forces")
    assert pmf.category == "armed_group"


def test_titles_are_stripped_and_surnames_resolve(run):
    result = run("Brig. Gen. Karim Farhadi, an officer nobody has profiled before, arrived on Monday. "
                 "Farhadi said little.")
    farhadi = entity_named(result, "Karim Farhadi")
    assert farhadi.name == "Karim Farhadi" and farhadi.type == "person"
    assert len(farhadi.mentions) == 2
    assert all("Brig" not in m.text for m in farhadi.mentions)


def test_demonyms_and_metonyms_stand_for_countries(run):
    result = run("Saudi authorities accused the Iranian-backed militia of the attack. "
                 "Tehran would gain leverage over Damascus, analysts said.")
    assert entity_named(result, "Saudi").id == "saudi-arabia"
    iran = entity_named(result, "Iranian")
    assert iran.type == "country" and "Tehran" in {m.text for m in iran.mentions}


def test_acronym_in_brackets_names_the_same_entity(run):
    result = run("The Northern Valley Defence Brigade (NVDB) was formed in 2015. The NVDB later "
                 "moved its fighters south.")
    brigade = entity_named(result, "Northern Valley Defence Brigade")
    assert entity_named(result, "NVDB") is brigade
    assert brigade.type == "organization"


def test_unknown_organisations_get_a_category_from_cue_words(run):
    result = run("The Levant Policy Institute published a study, and the Gulf Daily News reported it.")
    assert entity_named(result, "Levant Policy Institute").category == "research"
    assert entity_named(result, "Gulf Daily News").category == "media"


def test_acronyms_match_case_sensitively(run):
    result = run("The IS fighters left. It is true that the US is involved, and they told us so.")
    names = {m.text for e in result.entities for m in e.mentions}
    assert "IS" in names and "US" in names
    assert "us" not in names and "is" not in names


def test_one_entity_per_actor_with_every_mention(run):
    result = run("Iran backs Hezbollah. Iran also funds the Houthis, Iranian officials said.")
    iran = entity_named(result, "Iran")
    assert [m.text for m in iran.mentions] == ["Iran", "Iran", "Iranian"]
    text = result.document.text
    for mention in iran.mentions:
        assert text[mention.start : mention.end] == mention.text


def test_a_registry_surname_inside_another_name_is_not_that_person(run):
    result = run("Hadi Farhadi, an analyst in Beirut, said so.")
    assert entity_named(result, "Hadi Farhadi").id == "hadi-farhadi"
    assert all(e.id != "abd-rabbuh-mansur-hadi" for e in result.entities)


def test_a_name_described_by_a_person_role_is_a_person(run):
    result = run("Karim Nazary, a spokesman for the Popular Mobilization Forces, spoke to reporters.")
    assert entity_named(result, "Karim Nazary").type == "person"


def test_a_demonym_inside_a_persons_name_is_not_a_country(run):
    result = run("The U.N. human rights chief, Volker Türk, said the findings were disturbing.")
    assert entity_named(result, "Volker Türk").type == "person"
    assert all(e.id != "turkey" for e in result.entities)


def test_a_description_ending_in_a_participle_is_no_name(run):
    result = run("The convoy was ambushed by Tuareg-led rebels near the border.")
    assert all(not e.name.endswith("-led") for e in result.entities)


def test_a_name_after_town_of_is_a_place(run):
    result = run("Soldiers and foreign fighters killed at least 500 people in the central town of Moura.")
    assert entity_named(result, "Moura").type == "place"


def test_a_the_name_without_its_article_after_a_capitalised_word_ends_another_name(run):
    found = {e.id for e in run("A naval coalition, Operation Prosperity Guardian, has escorted ships.").entities}
    assert "the-guardian" not in found
    assert "the-guardian" in {e.id for e in run("According to the Guardian, Hezbollah fired rockets.").entities}


def test_a_group_name_modifying_a_noun_after_a_person_of_that_surname_is_the_group(run):
    text = ("Abdul-Malik al-Houthi spoke on Tuesday. A Houthi anti-ship ballistic missile struck the bulk "
            "carrier True Confidence on Wednesday.")
    attack = next(e for e in run(text, published="2024-03-08").events if e.type == "attack")
    assert attack.agents == ["houthis"]
