"""Quantities: constructions from outside reporting (sentences written for these tests, not taken
from any evaluation text), with the negative cases next to each family."""

import pytest

from proxyatlas.api import extract


def quantities(text, published="2024-05-17"):
    return [(q.subject, q.value, q.value_max) for q in extract(text, published=published).quantities]


# --- estimates: about what is estimated, never the estimator --------------------------------

@pytest.mark.parametrize("text, expected", [
    ("Reuters puts the Houthis' strength at about 20,000 fighters.", ("houthis", 20000, None)),
    ("Analysts estimated Iranian funding for Hezbollah at roughly $700 million a year.", ("iran", 700e6, None)),
    ("Western officials put the Qassam Brigades at between 15,000 and 18,000 fighters.",
     ("izz-ad-din-al-qassam-brigades", 15000, 18000)),
])
def test_an_estimate_is_about_what_is_estimated(text, expected):
    assert quantities(text) == [expected]


def test_an_estimators_own_pronoun_does_not_make_the_estimate_its_own():
    # Coreference may take "its" for the agency; the agency still holds nothing.
    assert all(subject != "tasnim-news-agency" for subject, _, _ in quantities(
        "The Zainabiyoun is smaller: Tasnim, a news agency, puts its size at about 5,000 men."))


def test_an_estimate_of_nobody_in_particular_is_no_quantity():
    assert quantities("Reuters put the number of fighters killed at no fewer than 30.") == []


# --- money -----------------------------------------------------------------------------------

def test_money_handed_over_is_the_givers():
    assert quantities("Qatar has paid Hamas about $30 million a month.") == [("qatar", 30e6, None)]


def test_money_with_no_named_giver_is_no_quantity():
    assert quantities("The junta agreed to pay $5 million a month for Wagner's services.") == []


@pytest.mark.parametrize("text", [
    "The United States offers up to $5 million for information on Naim Qassem.",
    "Naim Qassem spoke on Monday. The United States offers up to $5 million for him.",
    "Washington raised its reward for information on Naim Qassem to $5 million.",
])
def test_a_reward_is_about_the_person_it_is_offered_for(text):
    assert quantities(text) == [("naim-qassem", 5e6, None)]


def test_a_currency_range_with_the_symbol_repeated():
    assert quantities("Hezbollah raises $100 million to $150 million a year.") == [("hezbollah", 100e6, 150e6)]


def test_money_in_roubles():
    assert quantities("Russia paid Wagner some 86 billion roubles.") == [("russia", 86e9, None)]


# --- casualties and strikes ------------------------------------------------------------------

def test_victims_who_are_no_side_are_the_killers():
    assert quantities("Hezbollah killed more than 40 civilians in the raid.") == [("hezbollah", 40, None)]


def test_soldiers_killed_without_a_named_side_are_skipped():
    assert quantities("Hezbollah killed 4 soldiers near the border.") == []


def test_targets_struck_are_the_strikers():
    assert quantities("Israel struck more than 30 targets in Lebanon.") == [("israel", 30, None)]


def test_a_demonym_counts_the_states_people():
    assert quantities("The drone attack killed three Americans.") == [("united-states", 3, None)]


def test_losses_are_the_losers():
    assert ("hezbollah", 500, None) in quantities("Hezbollah lost 500 of its fighters in Syria.")


# --- levels, lists, ellipsis, compounds -----------------------------------------------------

def test_a_level_reached_by_an_owned_subject():
    assert quantities("Hezbollah's forces in Syria peaked at 8,000-10,000.") == [("hezbollah", 8000, 10000)]


def test_a_listed_count_shares_the_first_ones_clause():
    result = quantities("The Houthis fired 20 drones, three cruise missiles and a ballistic missile.")
    assert set(result) == {("houthis", 20, None), ("houthis", 3, None)}


def test_up_from_continues_the_last_quantity():
    result = quantities("Hezbollah now has 40,000 fighters, up from about 25,000 in 2015.")
    assert set(result) == {("hezbollah", 40000, None), ("hezbollah", 25000, None)}


def test_grew_from_to_is_two_values_not_a_range():
    result = quantities("Hezbollah's force grew from 20,000 to about 40,000 fighters.")
    assert ("hezbollah", 20000, 40000) not in result


def test_from_to_without_a_verb_of_change_is_a_range():
    result = quantities("Estimates of Hezbollah's strength run from about 20,000 to as many as 40,000 fighters.")
    assert result == [("hezbollah", 20000, 40000)]


def test_an_n_member_body_counts_its_members():
    assert quantities("Hezbollah set up an eight-member Jihad Council.") == [("jihad-council", 8, None)]


def test_a_range_spacy_tags_as_a_measure_is_still_a_count():
    assert quantities("Al-Shabaab has between 7,000 and 12,000 fighters.") == [("al-shabaab", 7000, 12000)]


@pytest.mark.parametrize("text", [
    "Hezbollah has hundreds of fighters near the border.",
    "Hezbollah fought for 34 days in 2006.",
    "Hezbollah's share rose to 12 percent.",
    "Hezbollah does not have 100,000 fighters.",
])
def test_not_quantities(text):
    assert quantities(text) == []


# --- who reports, counts or judges a number does not hold it ---------------------------------

@pytest.mark.parametrize("text", [
    "The Pentagon has counted at least 40 attacks on US troops since October.",
    "An Israeli court convicted two Hezbollah members of spying.",
    "Human Rights Watch reported that 12 fighters were killed.",
    "Washington blamed the militia for a volley of more than 30 rockets.",
])
def test_the_reporter_is_not_the_holder(text):
    assert all(subject not in {"us-department-of-defense", "israel", "human-rights-watch", "united-states"}
               for subject, _, _ in quantities(text))


def test_the_country_of_a_group_does_not_own_its_militias():
    text = "Iraq has many armed groups. Officials blamed two of the country's most powerful militias."
    assert quantities(text) == []


def test_a_pronoun_owner_of_a_partitive_is_the_group_in_focus():
    text = "Hezbollah fought near Qusair. The raids killed five of its fighters."
    assert quantities(text) == [("hezbollah", 5, None)]


def test_a_participle_after_a_group_counts_the_group():
    text = "The Houthis, estimated to number some 100,000 fighters, control the north."
    assert ("houthis", 100000, None) in quantities(text)


def test_a_small_range_tagged_as_a_date_before_a_unit_is_a_count():
    text = "Hezbollah's bloc slumped to between 12 and 15 seats in the vote, from 27 in 2018."
    assert set(quantities(text)) == {("hezbollah", 12, 15), ("hezbollah", 27, None)}


def test_a_year_range_is_no_count():
    assert quantities("Hezbollah fought in Syria between 2013 and 2018.") == []


# --- votes of a body; "N others" after a count -------------------------------------------------

def test_a_bodys_votes_and_abstentions_are_its_own():
    assert quantities("The UN Security Council passed the measure with 13 votes in favour and two abstentions.") == [
        ("un-security-council", 13, None), ("un-security-council", 2, None)]


def test_votes_of_nobody_named_are_no_quantity():
    assert quantities("The measure passed with 13 votes in favour and two abstentions.") == []


def test_others_count_more_of_the_last_number():
    assert quantities("An Israeli strike killed seven Hezbollah fighters and wounded nine others.") == [
        ("hezbollah", 7, None), ("hezbollah", 9, None)]


def test_others_without_a_count_before_them_are_no_quantity():
    assert quantities("An Israeli strike killed seven Hezbollah fighters. Nine others were unhurt, "
                      "a witness said, and two others fled.") == [("hezbollah", 7, None)]


# --- a count before coordinated names ("300 Hezbollah and Amal fighters") -----------------------

def test_a_count_before_coordinated_names_is_the_first_names():
    assert quantities("Officials said about 300 Hezbollah and Amal fighters crossed into Syria last month.") == [
        ("hezbollah", 300, None)]


@pytest.mark.parametrize("text", [
    "Officials said Hezbollah and Amal fighters crossed into Syria last month.",  # no count
    "About 300 Hezbollah and Amal officials met in Beirut.",  # officials are no unit of strength
])
def test_coordinated_names_without_a_counted_unit_are_no_quantity(text):
    assert quantities(text) == []


# --- strength in clauses that hang off a name ----------------------------------------------

@pytest.mark.parametrize("text, expected", [
    # The parser hangs the participle on the main verb: the name before the comma holds the number.
    ("Heavy fighting broke out between the army and the RSF, estimated to number some 90,000 fighters.",
     [("rapid-support-forces", 90000, None)]),
    # A singular relative clause after coordinated names is about the last of them.
    ("Talks failed between the army and the RSF, which is thought to have 80,000 fighters.",
     [("rapid-support-forces", 80000, None)]),
    # A plural one is about all of them together: no single actor's number.
    ("Hezbollah and Amal, which have 40,000 fighters between them, held a rally.", []),
    # The parser may make the participle the root, the clause before it its subject.
    ("Fighting between the army and the RSF, widely estimated to number some 70,000 fighters, went on.",
     [("rapid-support-forces", 70000, None)]),
    # A passive report after an aside is about the sentence's subject, not the aside's last name.
    ("Hezbollah, backed by Iran, is said to have 30,000 fighters.", [("hezbollah", 30000, None)]),
])
def test_a_clause_after_a_name_gives_its_strength(text, expected):
    assert quantities(text) == expected


def test_a_one_word_group_name_modifying_a_noun_is_the_group_not_a_persons_surname():
    text = ("Abdul-Malik al-Houthi gave a speech on Thursday. "
            "On Friday US helicopters sank four Houthi boats in the Red Sea.")
    assert quantities(text) == [("houthis", 4, None)]


# --- the dead of a participle clause: members of the organisation struck ---------------------

@pytest.mark.parametrize("text, expected", [
    ("Israeli jets struck Hezbollah positions near Tyre on Monday, killing four fighters.",
     [("hezbollah", 4, None)]),
    ("A bomber drove a truck into a convoy of the Central Reserve Police Force, killing 12 troopers.",
     [("central-reserve-police-force", 12, None)]),
    # A country struck is no organisation whose members died; and the attacker's dead are not counted.
    ("Israel struck Gaza City on Monday, killing 20 fighters.", []),
    ("Hamas gunmen attacked an Israeli border post, killing three soldiers.", []),
])
def test_the_dead_of_a_killing_clause_belong_to_the_organisation_struck(text, expected):
    assert quantities(text) == expected


# --- counts named through the company they keep -------------------------------------------------

def test_a_range_opened_by_between_counts_the_noun_after_it():
    assert quantities("Officials said between 600 and 900 Wagner personnel were still in the country.") == [
        ("wagner-group", 600, 900)]


def test_men_under_a_commander_are_his():
    assert quantities("A column of about 70 men under Igor Girkin entered the town.") == [("igor-girkin", 70, None)]


@pytest.mark.parametrize("text, expected", [
    ("The Pentagon blamed Kataib Hezbollah for a barrage of more than 20 rockets.", [("kataib-hezbollah", 20, None)]),
    ("Kyiv accused Moscow of launching at least 40 drones overnight.", [("russia", 40, None)]),
    # The dead of a deed pinned on someone are the other side's, not the blamed one's.
    ("Israel blamed Hamas for the deaths of 12 soldiers.", []),
])
def test_weapons_of_a_deed_pinned_on_someone_are_the_blamed_ones(text, expected):
    assert quantities(text) == expected


def test_a_bare_number_held_later_in_the_sentence_counts_the_same_unit():
    assert quantities("Hezbollah has 30,000 fighters, while Amal has 5,000.") == [
        ("hezbollah", 30000, None), ("amal-movement", 5000, None)]
    # Not across sentences: the unit of another sentence is no longer in view.
    assert quantities("Hezbollah has 30,000 fighters. Amal has 5,000.") == [("hezbollah", 30000, None)]


def test_a_death_toll_of_a_demonym_is_that_countrys():
    assert quantities("By March the Syrian death toll stood above 2,300.", "2024-03-30") == [("syria", 2300, None)]


# --- casualties a state's own body counts -----------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("Jordan's health ministry said four people, one of them a child, were killed and 19 wounded.",
     [("jordan", 4, None), ("jordan", 19, None)]),
    ("The Syrian health ministry said 12 civilians were killed on Monday.", [("syria", 12, None)]),
    # An army's statement of the dead, or anyone's who is no state body, names no side.
    ("Israel's military said three people were killed in the strike.", []),
    ("Witnesses said three people were killed in the strike.", []),
])
def test_dead_counted_by_a_states_ministry_are_that_states(text, expected):
    assert quantities(text) == expected


def test_a_number_before_a_multiword_name_counts_the_noun_after_the_name():
    assert quantities("Treasury sanctioned seven Kata'ib Hizballah affiliates on Friday.") == [
        ("kataib-hezbollah", 7, None)]


@pytest.mark.parametrize("text, expected", [
    ("Hezbollah said five fighters were killed in the strike.", [("hezbollah", 5, None)]),
    ("Israel said two soldiers were killed on Monday.", [("israel", 2, None)]),
    # The dead a side names as its enemies' are not its own.
    ("The Iraqi army said 20 militants were killed.", []),
    ("Hezbollah said two soldiers were killed.", []),
])
def test_a_side_reporting_dead_it_calls_its_own_reports_its_own(text, expected):
    assert quantities(text) == expected


def test_at_least_one_is_a_claim_but_one_of_is_not():
    assert quantities("Officials said Haftar sent at least one plane of arms to the RSF.") == [("khalifa-haftar", 1, None)]
    assert quantities("One of the militias, Kataib Hezbollah, fired a drone at the base.") == []


def test_members_of_an_unnamed_body_are_not_the_verbs_subjects():
    assert quantities("Kadyrov assembled some 9,000 members of Chechnya's security forces in Grozny.") == []
    assert quantities("Hezbollah sent 500 members of its elite unit to Syria.") == [("hezbollah", 500, None)]


def test_a_side_reporting_its_own_dead_as_the_object_of_its_report():
    assert ("hezbollah", 5.0, None) in {q[:3] for q in quantities("Hezbollah reported five fighters killed.")}
    found = quantities("The Malian Armed Forces reported two soldiers killed over the weekend.")
    assert ("malian-armed-forces", 2.0, None) in {q[:3] for q in found}


def test_a_side_reporting_its_enemies_dead_does_not_count_them_its_own():
    assert not [q for q in quantities("Israel reported five militants killed.") if q[0] == "israel"]


@pytest.mark.parametrize("text, expected", [
    ("The Southern Transitional Council's founding presidency had 26 or 27 members.",
     ("southern-transitional-council", 26.0, 27.0)),
    ("The Houthis fired two or three missiles at Eilat.", ("houthis", 2.0, 3.0)),
])
def test_two_numbers_joined_by_or_are_a_range(text, expected):
    assert expected in quantities(text)
