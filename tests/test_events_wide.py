"""Events beyond the single sentence (SPEC "Events", ANNOTATION.md "Events"): one event per
happening across mentions, dates found near the trigger or told from an earlier date, taking
ground, deaths in strikes, designations, offices taken, blame, and what is not a happening. All
sentences are written for these tests. Publication date: Thursday 2020-01-09 unless stated."""

from __future__ import annotations

import pytest
from conftest import entity_named

from proxyatlas.model import Event
from proxyatlas.nlp.dates import anaphoric_date, is_anaphoric

PUBLISHED = "2020-01-09"  # a Thursday


def _events(run, text: str, etype: str | None = None, published: str | None = PUBLISHED) -> list[Event]:
    return [e for e in run(text, published=published).events if etype is None or e.type == etype]


def _one(run, text: str, etype: str, published: str | None = PUBLISHED) -> Event:
    found = _events(run, text, etype, published)
    assert len(found) == 1, found
    return found[0]


# --------------------------------------------------------------------------- one event per happening


def test_headline_and_body_mentions_are_one_event_dated_by_the_body(run):
    text = ("Israeli strike on Hezbollah depot near Tyre\n\n"
            "Israeli jets struck a Hezbollah weapons depot near Tyre on Tuesday, the army said.")
    attack = _one(run, text, "attack")
    assert attack.agents == ["israel"] and "hezbollah" in attack.targets
    assert attack.date == "2020-01-07"
    assert len(attack.evidence) == 2


def test_attacks_on_one_target_at_different_dates_stay_apart(run):
    text = ("Israel struck Hezbollah positions on Monday. "
            "Israel struck Hezbollah positions again on Wednesday.")
    dates = sorted(e.date for e in _events(run, text, "attack"))
    assert dates == ["2020-01-06", "2020-01-08"]


def test_attacks_by_different_named_agents_stay_apart(run):
    text = "Hamas fired rockets at Israel. Hezbollah fired rockets at Israel."
    agents = sorted(tuple(e.agents) for e in _events(run, text, "attack"))
    assert agents == [("hamas",), ("hezbollah",)]


def test_an_attack_by_an_unnamed_doer_is_not_merged_into_a_named_one(run):
    text = ("A militia's rocket attack on a US base in Iraq wounded four soldiers. "
            "Iran attacked US bases on Wednesday.")
    attacks = _events(run, text, "attack")
    assert len(attacks) == 2
    assert next(e for e in attacks if e.agents == ["iran"]).date == "2020-01-08"


def test_a_person_dies_once_whatever_the_dates(run):
    text = ("Qasem Soleimani was killed by the United States in January 2020. "
            "His killing on 3 January 2020 shocked Tehran.")
    assert len(_events(run, text, "killing")) == 1


# --------------------------------------------------------------------------- dates near the trigger


def test_date_from_the_sentence_before_when_the_sentence_has_none(run):
    text = ("US jets bombed Kataib Hezbollah depots in Iraq on Sunday. "
            "One of the raids hit the headquarters of Kataib Hezbollah near the border.")
    attack = _one(run, text, "attack")
    assert attack.date == "2020-01-05"


def test_a_date_of_saying_is_not_the_date_of_what_was_said(run):
    attack = _one(run, "Hezbollah said on Wednesday that an Israeli drone strike killed one of its commanders.",
                  "attack")
    assert attack.date is None


def test_a_dateline_date_is_not_an_event_date(run):
    text = "BEIRUT, Jan 9 (Levant Wire) - Israeli aircraft bombed Hezbollah positions in south Lebanon."
    assert _one(run, text, "attack").date is None


def test_a_date_held_by_another_clause_is_not_taken(run):
    text = ("Qasem Soleimani was killed last week after a militia's rocket attack on a US base in Iraq "
            "that wounded a contractor.")
    assert _one(run, text, "attack").date is None


def test_an_office_held_since_a_date_began_then(run):
    appointment = _one(run, "Hezbollah has been led since 1992 by Hassan Nasrallah, who took over after "
                            "his predecessor was killed.", "appointment")
    assert appointment.targets == ["hassan-nasrallah"] and appointment.date == "1992"


# --------------------------------------------------------------------------- anaphoric dates


@pytest.mark.parametrize("expression, previous, expected", [
    ("three days later", "2022-02-21", "2022-02-24"),
    ("The next day", "2023-08-22", "2023-08-23"),
    ("the day before", "2020-01-05", "2020-01-04"),
    ("two weeks later", "2021-11-16", "2021-11-30"),
    ("that November", "2019-08", "2019-11"),
    ("that year", "2018-05-03", "2018"),
    ("days later", "2019-08", "2019-08"),
    ("the following year", "2016", "2017"),
    ("a day later", "2019-08", None),  # a month is too coarse to count days from
    ("three days later", None, None),
])
def test_anaphoric_dates_count_from_the_previous_date(expression, previous, expected):
    assert is_anaphoric(expression)
    assert anaphoric_date(expression, previous) == expected


@pytest.mark.parametrize("expression", ["Sunday", "last week", "in March 2019", "two days ago"])
def test_dates_told_from_publication_are_not_anaphoric(expression):
    assert not is_anaphoric(expression)
    assert anaphoric_date(expression, "2019-03-01") is None


def test_event_dated_the_next_day_after_a_date_in_the_text(run):
    text = ("Hezbollah fired rockets at Israel on 12 July 2006. "
            "The next day, Israeli jets bombed Beirut airport.")
    israeli = [e for e in _events(run, text, "attack") if e.agents == ["israel"]]
    assert [e.date for e in israeli] == ["2006-07-13"]


def test_that_month_takes_the_year_of_the_previous_date(run):
    text = ("Houthi fighters attacked Aden in August 2019. "
            "Saudi Arabia brokered an agreement with the Houthis that November.")
    assert _one(run, text, "other").date == "2019-11"


# --------------------------------------------------------------------------- taking ground


def test_seizing_a_named_town_is_an_attack_there(run):
    text = "Hezbollah fighters seized the town of Qusair in June 2013."
    attack = _one(run, text, "attack")
    assert attack.agents == ["hezbollah"] and attack.targets == [] and attack.date == "2013-06"
    assert attack.place == entity_named(run(text, published=PUBLISHED), "Qusair").id


def test_taking_office_is_not_taking_ground(run):
    text = "Mustafa al-Kadhimi took office in May 2020."
    assert _events(run, text, "attack") == []
    appointment = _one(run, text, "appointment")
    assert appointment.targets == ["mustafa-al-kadhimi"] and appointment.date == "2020-05"


def test_seizing_people_is_not_an_attack(run):
    events = _events(run, "Hezbollah fighters seized two Israeli soldiers.")
    assert [e.type for e in events] == ["other"]


def test_a_struck_place_is_where_not_whom(run):
    attack = _one(run, "Israel struck Beirut on Tuesday.", "attack")
    assert attack.place == "beirut" and "beirut" not in attack.targets


# --------------------------------------------------------------------------- deaths and hits


def test_dying_in_a_strike_is_a_killing(run):
    killing = _one(run, "Fuad Shukr died in an Israeli strike on Tuesday.", "killing")
    assert killing.targets == ["fuad-shukr"] and killing.agents == ["israel"]


def test_dying_of_illness_is_not_a_killing(run):
    assert _events(run, "Jalaluddin Haqqani died of an illness in 2018.", "killing") == []


def test_a_participle_clause_shares_its_main_clause_doer_and_date(run):
    text = "On Sunday US Navy helicopters sank three Houthi boats, killing ten fighters."
    killing = _one(run, text, "killing")
    assert killing.agents == ["us-navy"] and killing.date == "2020-01-05"


def test_hitting_facilities_is_an_attack_but_hitting_an_economy_is_not(run):
    attack = _one(run, "US jets hit five Kataib Hezbollah facilities on Sunday.", "attack")
    assert attack.agents == ["united-states"]
    assert _events(run, "New sanctions hit Iran's economy hard.", "attack") == []


# --------------------------------------------------------------------------- designations


def test_designating_a_group_is_an_event_with_agent_and_target(run):
    other = _one(run, "The United States designated Hezbollah a terrorist organization in 1997.", "other")
    assert other.agents == ["united-states"] and other.targets == ["hezbollah"] and other.date == "1997"


def test_listing_needs_as_or_the_passive(run):
    assert _one(run, "The United States listed Kataib Hezbollah as a terrorist group in 2009.", "other").date == "2009"
    assert _events(run, "The groups listed below receive money from Iran.", "other") == []


def test_a_designation_that_names_nobody_designated_is_not_an_event(run):
    assert _events(run, "Persons designated by the Treasury:", "other") == []
    assert _events(run, "The Treasury designated four companies on Monday.", "other") == []


def test_deployed_to_a_country_is_where_not_whom(run):
    other = _one(run, "Hezbollah deployed to Syria in 2013.", "other")
    assert other.agents == ["hezbollah"] and other.place == "syria" and other.targets == []


# --------------------------------------------------------------------------- blame


def test_blamed_for_an_attack_is_its_alleged_doer(run):
    attack = _one(run, "Washington blamed Kataib Hezbollah for a rocket attack on a US base in Iraq.", "attack")
    assert "kataib-hezbollah" in attack.agents and attack.hedge == "alleged"


def test_accused_of_a_bombing_is_its_alleged_doer(run):
    attack = _one(run, "Afghan officials accused the Haqqani network of a truck bombing in Kabul.", "attack")
    assert attack.agents == ["haqqani-network"] and attack.hedge == "alleged"


# --------------------------------------------------------------------------- not happenings


@pytest.mark.parametrize("text", [
    "Kataib Hezbollah has denied firing on bases that host US troops.",
    "Hezbollah units are likely to spearhead attacks on Israel.",
    "Iran could demand that Hezbollah deploy fighters to Syria.",
    "Hezbollah may attack Israel if the talks fail.",
    "Hamas vowed to strike Israel.",
])
def test_denied_expected_demanded_or_possible_acts_are_not_events(run, text):
    assert _events(run, text) == []


def test_a_denied_role_does_not_undo_the_attack(run):
    attack = _one(run, "Kataib Hezbollah denied any role in the drone attack on Mustafa al-Kadhimi.", "attack")
    assert attack.targets == ["mustafa-al-kadhimi"]


# --------------------------------------------------------------------------- later additions


@pytest.mark.parametrize("expression, expected", [
    ("August 22 last year", "2019-08-22"),
    ("22 August last year", "2019-08-22"),
    ("September of last year", "2019-09"),
    ("March this year", "2020-03"),
])
def test_month_and_day_of_a_relative_year(expression, expected):
    from proxyatlas.nlp.dates import normalize_date
    assert normalize_date(expression, PUBLISHED) == expected


def test_a_clock_time_is_not_a_year(run):
    attack = _one(run, "Israeli jets struck Hezbollah at about 7:40 p.m. (1640 GMT) on Tuesday.", "attack")
    assert attack.date == "2020-01-07"


def test_a_killing_in_a_strike_takes_the_strike_date(run):
    text = ("Hezbollah commander Fuad Shukr was killed in an Israeli strike. "
            "Israeli jets struck Fuad Shukr on Tuesday.")
    killing = _one(run, text, "killing")
    assert killing.date == "2020-01-07"


def test_announcing_a_merger_makes_its_doers_but_announcing_a_death_does_not(run):
    other = _one(run, "In February 2012 al-Shabaab and al-Qaeda announced a formal merger.", "other")
    assert other.agents == ["al-shabaab", "al-qaeda"] and other.date == "2012-02"
    # a death announced without a violent cause is no killing at all (ANNOTATION "Events")
    assert _events(run, "The Taliban announced the death of Jalaluddin Haqqani.", "killing") == []
    killing = _one(run, "The Taliban announced the death of Jalaluddin Haqqani in a US strike.", "killing")
    assert killing.agents == ["united-states"]


def test_a_dated_raid_happened_whatever_is_said_of_approving_it(run):
    attack = _one(run, "He would never have approved the July 12 raid on Israel by Hezbollah.", "attack")
    assert attack.date == "2019-07-12" and attack.targets == ["israel"]
    assert _events(run, "Hezbollah would never approve a raid on Israel.", "attack") == []


def test_a_meeting_after_which_someone_acted_has_that_someone(run):
    meeting = _one(run, "After meeting Bashar al-Assad in Damascus, Abbas Araghchi flew home.", "meeting")
    assert meeting.agents == ["abbas-araghchi"] and meeting.targets == ["bashar-al-assad"]


def test_a_clause_before_a_denial_is_not_denied(run):
    text = "The UN Security Council sanctioned Eritrea in December 2009; Asmara denied the charge."
    other = _one(run, text, "other")
    assert other.targets == ["eritrea"] and other.date == "2009-12"


def test_the_attack_mentioned_again_is_the_same_attack(run):
    text = ("A drone attack struck the home of Mustafa al-Kadhimi on Sunday. "
            "Officials said Kataib Hezbollah had carried out the attack.")
    attack = _one(run, text, "attack")
    assert attack.agents == ["kataib-hezbollah"] and attack.targets == ["mustafa-al-kadhimi"]


def test_an_attack_with_its_own_target_is_not_a_mention_again(run):
    text = "Hezbollah attacked Israel on Monday. Hamas claimed the attack on Egypt on Tuesday."
    assert len(_events(run, text, "attack")) == 2


def test_a_label_for_an_act_is_not_another_act(run):
    assert _events(run, "The prime minister called the raids an unacceptable assault on Iraq's armed forces.") == []


def test_sending_weapons_or_fighters_is_an_event(run):
    other = _one(run, "Wagner supplied the Rapid Support Forces with surface-to-air missiles.", "other")
    assert other.agents == ["wagner-group"] and other.targets == ["rapid-support-forces"]
    assert _events(run, "Hezbollah sent a message to Israel.") == []


def test_entering_a_named_country_is_a_deployment_there(run):
    other = _one(run, "Eritrean troops entered Ethiopia in November 2020.", "other")
    assert other.agents == ["eritrea"] and other.place == "ethiopia" and other.date == "2020-11"
    assert _events(run, "Eritrean troops entered a new phase.") == []


def test_a_day_as_possessor_is_not_an_unnamed_doer(run):
    text = ("Sunday's drone attack on Mustafa al-Kadhimi shocked Baghdad. "
            "Officials blamed Kataib Hezbollah for the drone attack on Mustafa al-Kadhimi.")
    attack = _one(run, text, "attack")
    assert attack.agents == ["kataib-hezbollah"] and attack.date == "2020-01-05"


def test_killing_someone_in_a_strike_makes_the_killer_strike_them(run):
    attack = _one(run, "Israel killed Fuad Shukr in a strike on Tuesday.", "attack")
    assert attack.agents == ["israel"] and attack.targets == ["fuad-shukr"] and attack.date == "2020-01-07"
    died = _one(run, "Fuad Shukr died in an Israeli strike on Tuesday.", "attack")
    assert died.agents == ["israel"] and died.targets == ["fuad-shukr"]


def test_opening_or_setting_fire_is_an_attack(run):
    attack = _one(run, "Hezbollah opened fire on Israeli troops on Monday.", "attack")
    assert attack.agents == ["hezbollah"] and attack.targets == ["israel"] and attack.date == "2020-01-06"
    assert _events(run, "A fire broke out in the port of Beirut.") == []


def test_holding_an_office_since_a_date_is_an_appointment_then(run):
    appointment = _one(run, "Ahmed Diriye has been emir of al-Shabaab since September 2014.", "appointment")
    assert appointment.targets[0] == "ahmed-diriye" and appointment.date == "2014-09"
    assert _events(run, "Hezbollah has been a party since 1992.") == []
    assert _events(run, "Hassan Nasrallah was leader of Hezbollah in 2006.", "appointment") == []


# --------------------------------------------------------------------------- second pass


def test_a_main_subject_pronoun_continues_the_main_subject_before(run):
    text = ("Ali Nasser has led the brigade since 2015 and served under Omar Khan, who replaced Karim Said. "
            "Since May 2018 he has been the movement's acting defence minister.")
    office = [e for e in _events(run, text, "appointment") if e.date == "2018-05"]
    assert len(office) == 1 and "ali-nasser" in office[0].targets
    assert "karim-said" not in office[0].targets


def test_a_pronoun_in_a_subordinate_clause_is_the_person_just_named(run):
    text = ("Karim Said sat on the council. A cousin of Omar Khan, the brigade's chief until he was "
            "assassinated in a car bombing in March 2012, he ran the unit for years.")
    killing = _one(run, text, "killing")
    assert killing.targets == ["omar-khan"]


def test_an_act_after_a_dated_happening_takes_its_date(run):
    text = "Omar Khan succeeded Karim Said after an Israeli strike killed Said in May 2016."
    appointment = _one(run, text, "appointment")
    assert appointment.date == "2016-05"


def test_an_act_when_a_dated_attack_happened_takes_its_date(run):
    text = "When Hamas fighters attacked the base on June 3, 2019, the army struck Hamas positions."
    assert {e.date for e in _events(run, text, "attack")} == {"2019-06-03"}


@pytest.mark.parametrize("text", [
    "Omar Khan took command of the brigade after the army killed Karim Said.",  # nothing dated
    "The army struck Hamas positions after 2015.",  # the edge of a period, not a day
])
def test_no_date_from_an_undated_happening_or_a_period_edge(run, text):
    assert all(e.date is None for e in _events(run, text))


def test_unnamed_dead_of_an_attack_are_of_the_side_attacked(run):
    text = "On Monday navy helicopters of Israel sank three Hamas boats, killing 10 fighters."
    killing = _one(run, text, "killing")
    assert killing.targets == ["hamas"] and killing.date == "2020-01-06"


def test_a_person_killed_by_an_attack_is_its_target(run):
    attack = _one(run, "Israeli jets struck a Hamas compound on Monday, killing Ali Nasser.", "attack")
    assert set(attack.targets) == {"hamas", "ali-nasser"}


@pytest.mark.parametrize("text", [
    "Israeli jets struck Gaza City on Monday, killing 12 people.",  # a place is where, not whose dead
    "Israeli jets struck a Hamas compound on Monday, and gunmen killed 12 people in Jenin.",  # own doer
])
def test_dead_not_tied_to_the_side_attacked(run, text):
    assert all(not k.targets or "hamas" not in k.targets for k in _events(run, text, "killing"))


def test_an_attack_dated_only_nearby_takes_the_date_of_its_victims_death(run):
    text = ("The brigade was set up in 2007 by Ali Nasser, who led it until his death in January 2018, "
            "when a US drone strike killed him.")
    attack = _one(run, text, "attack")
    assert attack.date == "2018-01"


def test_an_attack_keeps_its_own_date_over_a_death_told_elsewhere(run):
    text = ("Ali Nasser died in March 2018 of his wounds. "
            "A US drone strike hit Ali Nasser's convoy on February 20, 2018.")
    attack = _one(run, text, "attack")
    assert attack.date == "2018-02-20"


def test_a_shift_beside_a_fixed_date_dates_the_next_clause(run):
    text = ("The rebels hold two provinces. Iran recognised both as independent states on 3 March 2019 "
            "and, two days later, attacked Iraq.")
    attack = _one(run, text, "attack")
    assert attack.date == "2019-03-05"


def test_a_shift_alone_on_a_clause_is_its_date(run):
    text = "Iran recognised the rebels on 3 March 2019. Two days later Iran attacked Iraq."
    assert _one(run, text, "attack").date == "2019-03-05"


@pytest.mark.parametrize("text", [
    "Kenya blamed al-Shabaab for twin bombings in Mombasa on November 16, 2019.",
    "Kenya accused al-Shabaab of a bombing in Mombasa on November 16, 2019.",
])
def test_a_date_after_the_act_blamed_dates_the_act(run, text):
    assert _one(run, text, "attack").date == "2019-11-16"


def test_a_date_before_the_blaming_dates_only_the_blaming(run):
    text = "Kenya on Monday blamed al-Shabaab for twin bombings in Mombasa."
    assert _one(run, text, "attack").date is None


# --------------------------------------------------------------------------- third pass


@pytest.mark.parametrize("text", [
    "Israeli jets on Tuesday hit three of Hezbollah's depots near Tyre.",
    "Israeli jets on Tuesday hit some of Hezbollah's depots near Tyre.",
])
def test_a_part_of_an_actors_facilities_is_that_actor(run, text):
    attack = _one(run, text, "attack")
    assert attack.agents == ["israel"] and attack.targets == ["hezbollah"]
    assert attack.date == "2020-01-07"


def test_a_count_of_victims_alone_names_nobody(run):
    text = "The gunmen killed three of the passengers on Tuesday."
    assert _events(run, text, "killing") == []


@pytest.mark.parametrize("text", [
    "Fighting between the Iraqi army and the Islamic State erupted in Mosul on Monday.",
    "Clashes between Hezbollah and the Amal Movement broke out on Monday.",
])
def test_fighting_between_two_sides_is_an_attack_by_both(run, text):
    attack = _one(run, text, "attack")
    assert len(attack.agents) == 2 and attack.date == "2020-01-06"


def test_threatened_fighting_is_not_an_attack(run):
    text = "Hezbollah warned that fighting between its fighters and Israel could resume."
    assert _events(run, text, "attack") == []


def test_a_trip_for_talks_makes_the_traveller_a_party_and_dates_the_talks(run):
    text = "Iranian Foreign Minister Hossein Amir-Abdollahian flew to Beirut on Monday for talks with Hassan Nasrallah."
    meeting = _one(run, text, "meeting")
    assert len(meeting.agents) == 1 and meeting.targets == ["hassan-nasrallah"]
    assert meeting.date == "2020-01-06"


def test_a_trip_for_talks_that_may_happen_is_no_meeting(run):
    text = "Hossein Amir-Abdollahian may fly to Beirut next week for talks with Hassan Nasrallah."
    assert _events(run, text, "meeting") == []


def test_its_in_a_reported_clause_is_the_reporters_own(run):
    text = "Israel's army said its jets struck on Tuesday."
    attack = _one(run, text, "attack")
    assert attack.agents == ["israel"] and attack.date == "2020-01-07"


def test_its_outside_a_reported_clause_is_left_to_coreference(run):
    text = "Its jets struck on Tuesday."
    assert _events(run, text, "attack") == []


def test_a_dated_exchange_of_fire_opened_by_an_actor_happened_even_in_a_fear(run):
    text = ("Analysts fear that the exchanges of fire that Hezbollah opened on October 8 could "
            "spiral into a war.")
    attack = _one(run, text, "attack")
    assert attack.agents == ["hezbollah"] and attack.date == "2019-10-08"


def test_an_undated_exchange_of_fire_in_a_fear_did_not_happen(run):
    text = "Analysts fear that exchanges of fire between Hezbollah and Israel could resume."
    assert _events(run, text, "attack") == []


def test_a_word_of_a_name_is_no_event(run):
    text = "Turkey backs the Government of National Accord in Tripoli."
    assert _events(run, text, "other") == []


def test_forces_entering_a_country_are_a_deployment(run):
    text = "About 200 Wagner Group troops entered Mali last month."
    deployment = _one(run, text, "other")
    assert deployment.date == "2019-12"


@pytest.mark.parametrize("text", [
    "Investigators say money reached Hezbollah through front companies in Ghana.",
    "Missile parts of Iranian origin reached Yemen after the embargo.",
])
def test_money_or_parts_reaching_a_place_are_no_deployment(run, text):
    assert _events(run, text, "other") == []


def test_a_death_without_violence_is_no_killing(run):
    text = "Hezbollah announced the death of Imad Haddad on Monday after a long illness."
    assert _events(run, text, "killing") == []


def test_a_death_in_a_blast_is_a_killing(run):
    text = "Imad Haddad led the unit until his death in a bomb blast in Tyre on 3 May 2018."
    killing = _one(run, text, "killing")
    assert killing.targets == ["imad-haddad"] and killing.date == "2018-05-03"
    attack = _one(run, text, "attack")  # who died in a blast is its target
    assert attack.targets == ["imad-haddad"] and attack.date == "2018-05-03"


def test_acting_in_breach_of_sanctions_imposes_none(run):
    text = "UN experts say the company traded with Hezbollah in breach of UN sanctions."
    assert _events(run, text, "other") == []


def test_a_present_tense_relative_clause_is_a_habit(run):
    text = "Pakistan said its jets hit hideouts of militants from the Taliban who kill its soldiers."
    assert _events(run, text, "killing") == []


def test_a_past_relative_clause_is_a_happening(run):
    text = "Pakistan said its jets hit hideouts of militants from the Taliban who killed its soldiers."
    assert len(_events(run, text, "killing")) == 1


def test_a_killing_told_in_a_relative_clause_of_a_dated_raid_takes_its_date(run):
    text = "Al-Shabaab staged a raid on a base near Lamu on January 5, 2019 that killed three Americans."
    killing = _one(run, text, "killing")
    assert killing.date == "2019-01-05"


def test_a_death_in_an_attack_mentioned_again_takes_its_date(run):
    text = ("Hezbollah fighters raided an Israeli border post on July 12, 2006. The group is backed by Iran. "
            "Eight Israeli soldiers died in that operation.")
    killing = _one(run, text, "killing")
    assert killing.date == "2006-07-12"


def test_a_death_in_a_new_undated_attack_takes_no_earlier_date(run):
    text = ("Hezbollah fighters raided an Israeli border post on July 12, 2006. The group is backed by Iran. "
            "Eight Syrian soldiers died in an ambush.")
    killing = _one(run, text, "killing")
    assert killing.date is None


def test_a_persons_name_before_strike_is_its_target(run):
    text = ("The Nasrallah strike shook Beirut. "
            "Israeli jets struck a building in Beirut on Friday, killing Hassan Nasrallah.")
    attack = _one(run, text, "attack")
    assert attack.agents == ["israel"] and "hassan-nasrallah" in attack.targets
    assert attack.date == "2020-01-03"


def test_a_groups_name_before_attack_is_its_doer(run):
    attack = _one(run, "A Hezbollah attack hit an Israeli post on Friday.", "attack")
    assert attack.agents == ["hezbollah"]


def test_a_month_of_that_year_is_told_from_the_last_year(run):
    text = "The M23 took up arms in 2012. The M23 captured Goma in November of that year."
    attack = _one(run, text, "attack")
    assert attack.date == "2012-11"


def test_a_successor_by_the_role_is_appointed(run):
    text = "In March 2019 Ali Nasser was succeeded as the brigade's chief of staff by Hadi al-Amiri."
    appointment = _one(run, text, "appointment")
    assert "hadi-al-amiri" in appointment.targets and appointment.date == "2019-03"


@pytest.mark.parametrize("text", [
    "After Ali Nasser was arrested in March 2015, command passed to Hadi al-Amiri.",
    "Ali Nasser handed command of the brigade to Hadi al-Amiri in March 2015.",
])
def test_an_office_handed_to_someone_appoints_them(run, text):
    appointment = _one(run, text, "appointment")
    assert "hadi-al-amiri" in appointment.targets and appointment.date == "2015-03"


@pytest.mark.parametrize("text", [
    "Hezbollah passed the message to Hamas in 2019.",
    "Iran handed weapons to the Houthis in 2019.",
])
def test_handing_anything_but_an_office_appoints_nobody(run, text):
    assert _events(run, text, "appointment") == []


def test_a_proclaimed_republic_is_an_event_on_its_date(run):
    text = "The Donetsk People's Republic was proclaimed on 7 April 2014 by activists in Donetsk."
    other = _one(run, text, "other")
    assert other.targets == ["donetsk-peoples-republic"] and other.date == "2014-04-07"


def test_declaring_a_town_liberated_is_no_event(run):
    assert _events(run, "Syria's government declared the town liberated on November 8.", "other") == []


def test_fighters_from_a_group_are_the_group(run):
    attack = _one(run, "Fighters from the Syrian National Army captured the town on Sunday.", "attack")
    assert attack.agents == ["syrian-national-army"] and attack.date == "2020-01-05"


def test_a_town_from_a_group_is_not_the_group(run):
    text = "Jets struck the town from the Syrian National Army on Sunday."
    assert all("syrian-national-army" not in e.targets for e in _events(run, text, "attack"))


def test_attacks_going_on_since_a_date_span_it_to_publication(run):
    text = "The Houthis have fired drones at ships since October."
    assert _one(run, text, "attack").date == "2019-10/2020-01-09"


def test_attacks_since_an_event_are_apart_from_it(run):
    text = "Since the Hamas attack on Israel on January 3, the Houthis have fired drones toward Israel."
    attacks = {tuple(e.agents): e.date for e in _events(run, text, "attack")}
    assert attacks == {("hamas",): "2020-01-03", ("houthis",): "2020-01-03/2020-01-09"}


def test_a_past_act_after_a_date_is_not_ongoing(run):
    text = "The Houthis fired drones at ships after October 3."
    assert _one(run, text, "attack").date is None


def test_on_the_same_date_dates_a_designation_from_the_date_before(run):
    text = ("The Treasury sanctioned Hezbollah on 3 March 2021.\n\n"
            "On the same date the Saudi government, a member of the centre since 2017, designated Kataib Hezbollah.")
    designation = next(e for e in _events(run, text, "other") if "kataib-hezbollah" in e.targets)
    assert designation.date == "2021-03-03"


def test_a_killing_clause_after_a_relative_clause_takes_the_main_verbs_date(run):
    text = "On Jan. 4, Israeli drones struck two Hezbollah cars that had tried to cross the border, killing three fighters."
    assert _one(run, text, "killing", published="2024-01-09").date == "2024-01-04"


# --------------------------------------------------------------------------- third pass


def test_a_victim_among_the_dead_refines_a_strike_told_by_month(run):
    text = ("The army said on Thursday that Mohammed Deif was killed in an air strike in Gaza last month. "
            "Israeli jets hit a compound in Khan Younis on December 13, and an assessment has since "
            "established that Deif was among the dead.")
    attack = _one(run, text, "attack")
    assert attack.date == "2019-12-13"
    assert attack.agents == ["israel"] and "mohammed-deif" in attack.targets
    assert _one(run, text, "killing").date == "2019-12-13"


def test_among_the_dead_needs_a_person_named_as_such(run):
    text = "Israeli jets hit a compound in Khan Younis on December 13; the building was among the targets."
    attack = _one(run, text, "attack")
    assert attack.targets == []


def test_strikes_in_two_towns_of_one_country_on_different_people_stay_apart(run):
    text = ("Israeli jets struck Mohammed Deif in Khan Younis in December. "
            "Israeli jets struck Marwan Issa in Rafah in December.")
    assert len(_events(run, text, "attack")) == 2


def test_a_condition_of_several_words_is_no_happening(run):
    text = ("The Houthis promised more action at sea for as long as Israel pressed its offensive in Gaza. "
            "Hezbollah said it would keep firing so long as Israel struck Lebanese villages.")
    assert _events(run, text, "attack") == []


def test_as_alone_is_no_condition(run):
    text = "As Israel pressed its offensive in Gaza on Monday, Hezbollah attacked Israeli positions."
    assert {tuple(e.agents) for e in _events(run, text, "attack")} == {("israel",), ("hezbollah",)}


def test_a_relative_clause_after_a_chain_of_places_is_dated_by_the_event_noun(run):
    text = ("He played a central role in the 1983 bombing of the U.S. Marine barracks in Beirut, "
            "which killed 241 American service members.")
    killing = _one(run, text, "killing")
    assert killing.date == "1983" and killing.targets == ["united-states"] and killing.agents == []
    assert _one(run, text, "attack").date == "1983"


def test_a_relative_clause_on_an_event_noun_has_the_event_as_its_subject(run):
    text = "An Israeli raid on a house in Gaza that killed a Hamas commander drew condemnation."
    attack = _one(run, text, "attack")
    assert attack.agents == ["israel"] and "hamas" in attack.targets


def test_a_later_blame_names_the_unnamed_doers_as_an_allegation(run):
    text = ("When gunmen attacked a school in Mpondwe on the night of June 16, they killed 42 people. "
            "Ugandan authorities blamed the Allied Democratic Forces.")
    events = _events(run, text, published="2023-06-23")
    by_type = {e.type: e for e in events}
    assert set(by_type) == {"attack", "killing"}
    for event in by_type.values():
        assert event.agents == ["allied-democratic-forces"]
        assert event.hedge == "alleged" and event.attributed_to == "uganda"
        assert event.date == "2023-06-16"


def test_a_blame_for_a_named_act_does_not_reach_back(run):
    text = ("Gunmen attacked Ugandan troops in Mpondwe on June 16. "
            "Uganda blamed the Allied Democratic Forces for a bombing in Kampala in 2021.")
    attacks = _events(run, text, "attack")
    troops = next(e for e in attacks if e.targets == ["uganda"])
    assert troops.agents == [] and troops.hedge == "asserted"


def test_a_named_doer_is_not_replaced_by_a_later_blame(run):
    text = "Hamas fired rockets at Israel on Monday. Israel blamed Iran."
    attack = _one(run, text, "attack")
    assert attack.agents == ["hamas"] and attack.hedge != "alleged"


def test_a_succession_does_not_take_the_date_of_the_death_told_before(run):
    text = ("Hussein al-Houthi was killed by Yemeni government forces in 2004. "
            "His younger brother, Abdul-Malik al-Houthi, succeeded him.")
    assert _one(run, text, "killing").date == "2004"
    assert _one(run, text, "appointment").date is None


@pytest.mark.parametrize("text", [
    "Hamas claimed the attack on Israeli troops.",
    "Hamas claimed responsibility for the attack on Israeli troops.",
])
def test_a_claimed_act_is_alleged_on_the_claimant_s_word(run, text):
    attack = _one(run, text, "attack")
    assert attack.agents == ["hamas"] and (attack.hedge, attack.attributed_to) == ("alleged", "hamas")


def test_an_act_told_as_a_fact_and_claimed_keeps_the_surer_hedge(run):
    text = "Hamas fighters attacked Israeli troops on Monday. Hamas claimed the attack on Israeli troops."
    assert _one(run, text, "attack").hedge == "asserted"


def test_a_participle_hung_on_the_object_s_relative_clause_kills_with_the_main_verb(run):
    text = ("On Dec. 31, US Navy helicopters sank three Houthi boats that had tried to board a "
            "container ship, killing 10 fighters.")
    killing = _one(run, text, "killing")
    assert killing.agents == ["us-navy"] and killing.targets == ["houthis"]


# --------------------------------------------------------------------------- measured from another happening


def test_an_act_n_days_before_the_main_clause_is_dated_back_from_it(run):
    text = ("Indian jets struck a Jaish-e-Mohammed camp in Balakot on Tuesday. The raid came 12 days after "
            "a Jaish-e-Mohammed suicide bomber drove into a convoy, killing 40 troopers in the deadliest "
            "attack on Indian forces in three decades.")
    events = _events(run, text, published="2019-02-26")
    assert {(e.type, e.date) for e in events if "jaish-e-mohammed" in e.agents} == {
        ("killing", "2019-02-14"), ("attack", "2019-02-14")}


@pytest.mark.parametrize("text, dates", [
    ("Hezbollah fired rockets at Israel on March 3, two days before Israeli jets struck Hezbollah positions.",
     {"hezbollah": "2020-03-03", "israel": "2020-03-05"}),
    ("Israeli jets struck Hezbollah positions a week after Hezbollah fired rockets at Israel on March 3.",
     {"hezbollah": "2020-03-03", "israel": "2020-03-10"}),
])
def test_a_distance_between_two_acts_dates_one_from_the_other(run, text, dates):
    assert {e.agents[0]: e.date for e in _events(run, text, "attack", published="2020-04-01")} == dates


def test_an_after_clause_without_a_distance_is_not_measured(run):
    text = "Israeli jets struck Hezbollah positions after Hezbollah fired rockets at Israel on March 3."
    israel = next(e for e in _events(run, text, "attack", published="2020-04-01") if e.agents == ["israel"])
    assert israel.date != "2020-03-10"


def test_both_groups_are_both_doers(run):
    text = "Kataib Hezbollah and Asaib Ahl al-Haq met in Baghdad. Both groups attacked US troops on Monday."
    attack = _one(run, text, "attack")
    assert set(attack.agents) == {"kataib-hezbollah", "asaib-ahl-al-haq"}


@pytest.mark.parametrize("text, agent", [
    ("A Jaish-e-Mohammed suicide bomber drove an explosives-laden car into a convoy of Indian troops.",
     "jaish-e-mohammed"),
    ("A Hamas suicide bomber detonated a car bomb near an Israeli checkpoint.", "hamas"),
])
def test_a_bomb_set_off_or_a_rigged_vehicle_driven_in_is_an_attack(run, text, agent):
    assert _one(run, text, "attack").agents == [agent]


@pytest.mark.parametrize("text", ["Hezbollah fighters drove into Qusair on Thursday.", "Hamas planted trees in Gaza."])
def test_driving_somewhere_or_planting_trees_is_no_attack(run, text):
    assert _events(run, text, "attack") == []


def test_a_weapon_s_targeting_participle_is_the_same_attack(run):
    attack = _one(run, "Hezbollah fighters planted a roadside bomb targeting an Israeli patrol.", "attack")
    assert attack.agents == ["hezbollah"] and attack.targets == ["israel"]


def test_the_attack_a_killing_participle_happened_in_is_the_main_verb_s(run):
    text = ("A Jaish-e-Mohammed suicide bomber drove an explosives-laden car into a convoy of India's Central "
            "Reserve Police Force, killing 40 troopers in the deadliest attack on Indian forces in decades.")
    attack = _one(run, text, "attack")
    assert attack.agents == ["jaish-e-mohammed"] and "india" in attack.targets


def test_troops_pulled_out_of_a_country_are_a_withdrawal(run):
    text = "Abu Dhabi says it pulled most of its own troops out of Yemen in 2019."
    assert _one(run, text, "other").agents == ["united-arab-emirates"]


def test_a_designee_followed_by_its_label_is_the_designated(run):
    text = "Abdul Rehman Makki leads Lashkar-e-Taiba. The United States has designated him a terrorist."
    designation = _one(run, text, "other")
    assert designation.agents == ["united-states"] and designation.targets == ["abdul-rehman-makki"]
    assert _events(run, "Iran gave Hamas weapons in 2020.", "other") == []


def test_a_hyphenated_leader_of_an_attack_is_its_doer(run):
    attack = _one(run, "Rockets flew after the Hamas-led attack on Israel on Oct. 7.", "attack")
    assert attack.agents == ["hamas"] and attack.targets == ["israel"]


def test_a_side_striking_back_is_not_the_attack_on_it(run):
    text = "Drone attack on U.S. outpost in Jordan kills three soldiers; Washington strikes back in Iraq and Syria"
    attacks = _events(run, text, "attack")
    assert not any(set(e.agents) & set(e.targets) for e in attacks)
    assert len(attacks) == 2


def test_the_accuser_is_not_a_doer_of_the_act_it_alleges(run):
    supply = _one(run, "Washington has repeatedly accused Tehran of supplying the Houthis with missiles.", "other")
    assert supply.agents == ["iran"] and (supply.hedge, supply.attributed_to) == ("alleged", "united-states")
