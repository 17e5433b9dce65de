"""Coreference (nlp/coref.py) on sentences written for these tests (never the evaluation texts)."""

from __future__ import annotations

import pytest
from conftest import entity_named, relation_set

from proxyatlas.nlp.coref import resolve_references
from proxyatlas.nlp.mentions import find_mentions
from proxyatlas.nlp.pipeline import parse
from proxyatlas.nlp.resolve import resolve
from proxyatlas.registry import load_registry


def _resolved(text: str):
    registry = load_registry()
    doc = parse(text)
    return doc, resolve_references(doc, resolve(doc, find_mentions(doc, registry), registry))


def referent(text: str, word: str, nth: int = 0) -> str | None:
    """The entity the nth token spelled `word` refers to (None: unresolved)."""
    doc, resolved = _resolved(text)
    tokens = [t for t in doc if t.text == word]
    assert len(tokens) > nth, f"no {word!r} #{nth} in {text!r}"
    return resolved.reference_entity.get(tokens[nth].i)


# --- descriptions -----------------------------------------------------------------------------------

def test_the_group_refers_to_the_organisation_before():
    text = "Hezbollah fired rockets at northern Israel on Monday. The group said the barrage was a warning."
    assert referent(text, "group") == "hezbollah"


def test_demonym_picks_the_organisation_of_that_country():
    text = "Hezbollah and the Houthis held talks in Beirut on Sunday. The Yemeni movement then said its drones " \
           "would fly again."
    assert referent(text, "movement") == "houthis"


def test_demonym_of_another_country_refers_to_nothing():
    text = "Hezbollah leaders met in Beirut on Sunday. The Yemeni group then announced a new campaign."
    assert referent(text, "group") is None


def test_hyphenated_backer_on_a_reference_gives_the_relation(run):
    text = "Kataib Hezbollah claimed the rocket attack on the airport. The Tehran-funded faction has denied " \
           "targeting civilians."
    assert referent(text, "faction") == "kataib-hezbollah"
    assert ("supports", "iran", "kataib-hezbollah") in relation_set(run(text))


def test_country_and_kingdom_nouns():
    assert referent("Pakistan closed two border crossings on Friday. The country's army blamed militants.",
                    "country") == "pakistan"
    assert referent("Saudi Arabia hosted the envoys in Riyadh. The kingdom pledged new aid.",
                    "kingdom") == "saudi-arabia"


def test_a_description_is_not_the_subject_of_its_own_clause():
    # "the country" in a clause whose subject is Iran is another country: Syria.
    text = "Iran sent more advisers to Syria last year. Tehran denies destabilising the country."
    assert referent(text, "country") == "syria"


def test_apposition_names_the_description():
    text = "The raid was blamed on Asaib Ahl al-Haq, an Iraqi militia, by local officials."
    assert referent(text, "militia") == "asaib-ahl-al-haq"


def test_a_noun_that_heads_an_organisations_name():
    text = "Delegates founded the Northern Valley Defence Council (NVDC) in 2019. Two years later the council " \
           "split over money."
    council = referent(text, "council")
    assert council == "northern-valley-defence-council"


def test_a_name_head_with_a_possessive():
    text = "Delegates founded the Northern Valley Defence Council (NVDC) in 2019. Turkey is the council's " \
           "main patron."
    assert referent(text, "council") == "northern-valley-defence-council"


def test_an_apposed_noun_beyond_the_description_nouns():
    text = "The Giants Brigades, a largely tribal force, drove the rebels out of the valley."
    assert referent(text, "force") == "giants-brigades"


def test_a_section_opening_description_takes_the_topic():
    # Nothing in the window, but the profile has named Hezbollah far more than anything else.
    text = ("Hezbollah was founded in 1982. Hezbollah sits in parliament. Hezbollah runs schools.\n\n"
            "Finances\n\nIran pays for most of it, officials say. Donors abroad add more. Businesses help too. "
            "The group spends much of the money on fighters.")
    assert referent(text, "group") == "hezbollah"


def test_a_singular_description_of_a_plural_name_continues_as_it():
    text = "The Houthis seized the ship on Sunday. The movement said it would release the crew."
    assert referent(text, "movement") == "houthis"
    assert referent(text, "it") == "houthis"


def test_a_state_body_noun_does_not_refer_to_a_named_body():
    # "the army" may be any state's army, not the one named before.
    text = "The Libyan National Army shelled the port on Tuesday. Sudan said the army would respond."
    assert referent(text, "army") is None


# --- pronouns ---------------------------------------------------------------------------------------

def test_it_and_its_continue_a_named_subject():
    text = "Hamas rejected the ceasefire proposal on Sunday. It said its fighters would not disarm."
    assert referent(text, "It") == "hamas"
    assert referent(text, "its") == "hamas"


def test_they_and_their_continue_a_plural_named_group():
    text = "The Houthis launched drones at two tankers on Tuesday. They said their campaign would go on."
    assert referent(text, "They") == "houthis"
    assert referent(text, "their") == "houthis"


def test_he_and_his_continue_a_named_person():
    text = "Colonel Farid Karimov arrived in the city on Monday. He said his men were ready."
    assert referent(text, "He") == "farid-karimov"
    assert referent(text, "his") == "farid-karimov"


def test_an_event_agent_given_by_reference(run):
    result = run("Kataib Hezbollah is an Iraqi militia. On Monday the group attacked a US base in Syria.",
                 published="2024-02-01")
    attack = next(e for e in result.events if e.type == "attack")
    assert "kataib-hezbollah" in attack.agents


def test_references_stay_out_of_mentions(run):
    result = run("Hezbollah fired rockets at northern Israel on Monday. The group said it would fire again.")
    hezbollah = entity_named(result, "Hezbollah")
    assert {m.text for m in hezbollah.mentions} == {"Hezbollah"}
    assert "The group" not in hezbollah.aliases and "it" not in hezbollah.aliases


# --- what stays unresolved ------------------------------------------------------------------------

def test_two_equal_candidates_resolve_to_none():
    text = "Hamas and Hezbollah issued statements on Sunday. The group said talks had failed."
    assert referent(text, "group") is None


def test_expletive_it():
    text = "Hamas rejected the ceasefire proposal on Sunday. It is unclear whether talks will resume."
    assert referent(text, "It") is None


@pytest.mark.parametrize("text, word", [
    ("Hezbollah fired rockets on Monday. A group of residents fled south.", "group"),
    ("Hezbollah fired rockets on Monday. Other groups stayed silent.", "groups"),
    ("Hezbollah fired rockets on Monday. The other group stayed silent.", "group"),
    ("Hezbollah fired rockets on Monday. The largest group in the coalition stayed silent.", "group"),
])
def test_indefinite_plural_and_contrastive_descriptions(text, word):
    assert referent(text, word) is None


def test_a_pronoun_with_no_antecedent_of_its_kind():
    # "he" needs a person; only a country and an organisation came before.
    text = "Iran condemned the strike on Hezbollah on Monday. He said nothing more."
    assert referent(text, "He") is None


def test_an_unnamed_person_takes_he():
    # "a spokesman said he": the spokesman, not the commander named before.
    text = "Colonel Farid Karimov left the base on Monday. Later a spokesman for the army said he had resigned."
    assert referent(text, "he") is None


def test_pronouns_inside_quotes_are_left_alone():
    text = "Hamas rejected the proposal on Sunday. \"It will never disarm its brigades,\" an official said."
    assert referent(text, "It") is None


def test_a_thing_takes_it():
    # "the strike ... it": the strike is the subject before, not Israel.
    text = "Israel struck the depot on Monday. The strike destroyed two trucks and it set off fires."
    assert referent(text, "it") is None


# --- names resolve.py joins -------------------------------------------------------------------------

def test_transliterations_of_one_person_are_one_entity(run):
    result = run("The court sentenced Abdul Rehman Makki on Monday. Prosecutors said Abdul Rahman Makki had raised "
                 "funds for the network. Lawyers for Abdulrahman Maki denied it.")
    makki = entity_named(result, "Abdul Rehman Makki")
    assert entity_named(result, "Abdulrahman Maki") is makki
    assert entity_named(result, "Abdul Rahman Makki") is makki


def test_similar_names_of_two_people_stay_apart(run):
    result = run("Colonel Ali Hassan met Colonel Ali Hussein in Basra on Monday.")
    assert entity_named(result, "Ali Hassan") is not entity_named(result, "Ali Hussein")


def test_a_lone_given_name_after_the_full_name(run):
    result = run("Nuruddin Karimzai leads the network. In 2019 Nuruddin moved his family to Quetta.")
    karimzai = entity_named(result, "Nuruddin Karimzai")
    assert entity_named(result, "Nuruddin") is karimzai


# --- second pass: unnamed subjects, conjoined owners, pronoun speakers ------------------------------

def test_an_unnamed_subject_before_competes_with_a_frequent_name():
    # Hezbollah is named often, but "It" continues the study, the subject of the sentence before.
    text = "Hezbollah grew in 2006. Hezbollah recruited widely. Hezbollah also rearmed. " \
           "A new study did not spare Hezbollah. It said the movement had lost ground in the south."
    assert referent(text, "It") is None


def test_a_named_subject_before_still_takes_it():
    text = "Hezbollah issued a statement on Friday about the border. It said the shelling would continue."
    assert referent(text, "It") == "hezbollah"


def test_an_unnamed_plural_subject_before_blocks_they():
    text = "The Houthis expanded their arsenal. The Houthis also trained recruits. Analysts say Houthi " \
           "fighters were sent abroad. They estimate the force at 20,000 men."
    assert referent(text, "They") is None


def test_possessive_in_a_conjoined_phrase_takes_the_first_conjunct():
    text = "The minister said the attack was a crime and that Israel and its American ally were responsible."
    assert referent(text, "its") == "israel"


def test_possessive_in_a_conjoined_phrase_of_another_kind_is_not_taken():
    # "her" wants a person; Iran is a country, so the conjunct gives nothing.
    text = "The envoy said Iran and her own ministry disagreed."
    assert referent(text, "her") != "iran"


def test_it_said_gives_the_statement_to_the_resolved_actor(run):
    text = "Hezbollah fired rockets at a base in northern Israel on Monday. It said in a statement that " \
           "the attack answered an Israeli strike."
    speakers = {s.speaker for s in run(text).statements}
    assert "hezbollah" in speakers


def test_they_said_gives_the_statement_to_a_plural_organisation(run):
    text = "The Houthis launched drones at a tanker in the Red Sea on Tuesday. They said the ship was " \
           "linked to Israel."
    speakers = {s.speaker for s in run(text).statements}
    assert "houthis" in speakers


def test_it_said_after_an_unnamed_report_has_no_speaker(run):
    text = "Hezbollah grew in 2006. Hezbollah recruited widely. A new report did not spare Hezbollah. " \
           "It said the movement had smuggled rockets."
    assert all(s.speaker != "hezbollah" for s in run(text).statements)


def test_negated_it_said_is_no_statement(run):
    text = "Hezbollah fired rockets at a base in northern Israel on Monday. It did not say why."
    assert all(s.speaker != "hezbollah" for s in run(text).statements)


def test_a_singular_reference_takes_a_plural_name_head():
    text = "The Popular Mobilization Forces expanded in 2015. The force then answered to the prime minister."
    assert referent(text, "force") == "popular-mobilization-forces"


def test_a_name_head_shared_by_two_organisations_resolves_to_none():
    text = "The Quds Force and the Popular Mobilization Forces met in Baghdad. The force then left."
    assert referent(text, "force") is None


# --- counted plurals ------------------------------------------------------------------------------

def group_referents(text: str, word: str) -> tuple[str, ...]:
    """The entities the first token spelled `word` stands for as a counted plural (none: unresolved)."""
    doc, resolved = _resolved(text)
    token = next(t for t in doc if t.text == word)
    return resolved.group_at(token.i)


def test_both_groups_are_the_two_groups_named_just_before():
    text = ("Officials said Kataib Hezbollah and Asaib Ahl al-Haq carried out the attack. The sources said "
            "Tehran had not approved it. Both groups deny any role.")
    assert set(group_referents(text, "groups")) == {"kataib-hezbollah", "asaib-ahl-al-haq"}


def test_a_count_that_does_not_match_the_groups_named_resolves_to_none():
    text = "Kataib Hezbollah, Asaib Ahl al-Haq and Harakat al-Nujaba met on Monday. Both groups deny any role."
    assert group_referents(text, "groups") == ()
    text = "Kataib Hezbollah met Iraqi officials on Monday. The two militias deny any role."
    assert group_referents(text, "militias") == ()


def test_both_groups_carry_relations_to_each_group(run):
    found = relation_set(run("Officials said Kataib Hezbollah and Asaib Ahl al-Haq carried out the attack. "
                             "Both groups, which are backed by Iran, form part of the Popular Mobilization Forces."))
    for group in ("kataib-hezbollah", "asaib-ahl-al-haq"):
        assert ("supports", "iran", group) in found
        assert ("part_of", group, "popular-mobilization-forces") in found


def test_the_rebels_refer_to_the_one_armed_group_named_before():
    text = "The M23 captured Goma in 2012. Rwanda has armed the rebels since then, UN experts say."
    assert referent(text, "rebels") == "m23"


def test_the_rebels_with_two_groups_or_a_modifier_stay_unresolved():
    text = "The M23 and the ADF fought in North Kivu in 2012. Rwanda has armed the rebels since then."
    assert referent(text, "rebels") is None
    text = "The M23 captured Goma in 2012. Rwanda has armed the Hutu rebels since then."
    assert referent(text, "rebels") is None


def test_its_after_a_state_s_body_is_that_state_not_the_group_named_before():
    text = ("The strike hit a building of the Quds Force in Damascus. The Israeli military did not claim "
            "the attack, but its spokesman described the building as a facility.")
    assert referent(text, "its") == "israel"
