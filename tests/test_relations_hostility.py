"""Enmity and alliance (nlp/relations/hostility.py) on sentences written for these tests."""

from conftest import entity_named, rel, relation_set


def _ids(result, *names):
    return [entity_named(result, n).id for n in names]


def pair(result, rtype, a, b):
    """The symmetric relation between the entities named a and b, whichever way round it is stored."""
    a, b = _ids(result, a, b)
    for r in result.relations:
        if r.type == rtype and {r.source, r.target} == {a, b}:
            return r
    raise AssertionError(f"no {rtype}({a}, {b}) in {sorted(relation_set(result))}")


def no_pair(result, rtype, a, b):
    a, b = _ids(result, a, b)
    assert not any(r.type == rtype and {r.source, r.target} == {a, b} for r in result.relations), \
        sorted(relation_set(result))


# --- hostile verbs ----------------------------------------------------------------------------------

def test_attack_verb(run):
    assert pair(run("Hamas attacked Israel on Saturday."), "opposes", "Hamas", "Israel").hedge == "asserted"


def test_negated_attack_is_denied(run):
    r = pair(run("Hamas did not attack Israel on Saturday."), "opposes", "Hamas", "Israel")
    assert r.hedge == "denied"


def test_conditional_retaliation_is_speculative(run):
    result = run("Hezbollah would retaliate against Israel if the strikes continued.")
    r = pair(result, "opposes", "Hezbollah", "Israel")
    assert r.hedge == "speculative"


def test_reported_strike_is_the_speaker_claim_not_the_speaker_enmity(run):
    result = run("Iran said the Houthis had struck Saudi Arabia.")
    r = pair(result, "opposes", "Houthis", "Saudi Arabia")
    assert r.hedge == "reported" and r.attributed_to == entity_named(result, "Iran").id
    no_pair(result, "opposes", "Iran", "Saudi Arabia")


def test_relative_clause_subject(run):
    pair(run("The Taliban, which has fought the Islamic State for years, rejected the report."),
         "opposes", "Taliban", "Islamic State")


def test_strike_on_a_place_is_not_enmity_with_its_country(run):
    result = run("Israeli jets struck Beirut overnight.")
    assert not any(r.type == "opposes" for r in result.relations)


# --- killings: the killer's side against the victim's organisation -----------------------------------

def test_commander_killed_in_strike(run):
    result = run("Hezbollah commander Wissam Tawil was killed in an Israeli strike on Monday.")
    pair(result, "opposes", "Hezbollah", "Israel")
    no_pair(result, "opposes", "Wissam Tawil", "Israel")  # the person killed is a casualty, not a party


def test_strike_killing_fighters_of_a_group(run):
    pair(run("A US strike on Sunday killed five Kataib Hezbollah fighters."), "opposes", "United States",
         "Kataib Hezbollah")


# --- designations, blame and accusation ---------------------------------------------------------------

def test_designation_with_a_label(run):
    pair(run("Washington designated the Houthis a terrorist organisation in 2024."), "opposes",
         "United States", "Houthis")


def test_passive_designation(run):
    pair(run("Asaib Ahl al-Haq was designated by the United States in 2020."), "opposes", "United States",
         "Asaib Ahl al-Haq")


def test_listing_needs_a_hostile_label(run):
    pair(run("Canada listed Hezbollah as a terrorist entity."), "opposes", "Canada", "Hezbollah")
    result = run("The report listed Hezbollah as a partner of the government.")
    assert not any(r.type == "opposes" for r in result.relations)


def test_blame_and_accuse(run):
    pair(run("Israel blamed Hezbollah for the rocket attack."), "opposes", "Israel", "Hezbollah")
    pair(run("Pakistan accused India of shelling its border posts."), "opposes", "Pakistan", "India")


def test_accusation_of_backing_is_no_enmity_with_the_accused(run):
    # The charge is that the accused backs someone (a supports claim); the wide gold files never make
    # the accuser an enemy of the accused for it.
    result = run("Pakistan accused India of backing the Baloch Liberation Army.")
    no_pair(result, "opposes", "Pakistan", "India")
    assert pair(result, "supports", "India", "Baloch Liberation Army").hedge == "alleged"
    result = run("Kenya accuses Eritrea's army and its intelligence agency of arming al-Shabaab.")
    assert not any(r.type == "opposes" for r in result.relations), sorted(relation_set(result))


def test_spokesman_accuses_for_his_side(run):
    result = run("Ahmed Salem, a Hamas spokesman, accused Fatah of betraying the cause.")
    pair(result, "opposes", "Hamas", "Fatah")
    no_pair(result, "opposes", "Ahmed Salem", "Fatah")


def test_minister_without_a_named_side_is_no_party(run):
    result = run("Foreign Minister Ahmed Salem accused Egypt of aggression.")
    no_pair(result, "opposes", "Ahmed Salem", "Egypt")


def test_leader_accuses_in_his_own_name(run):
    result = run("Omar Haddad, who chairs the ruling council, accused Hamas of hiding among civilians.")
    pair(result, "opposes", "Omar Haddad", "Hamas")


def test_designated_along_with_others(run):
    result = run("The Treasury, which sanctioned Omar Nasser in May along with two other commanders, "
                 "Ali Kassem and Samir Haddad, said the three financed attacks.")
    for name in ("Omar Nasser", "Ali Kassem", "Samir Haddad"):
        pair(result, "opposes", "Treasury", name)


def test_along_with_before_the_verb_joins_the_attacker(run):
    result = run("Israel, along with Egypt, attacked Hamas.")
    pair(result, "opposes", "Egypt", "Hamas")
    no_pair(result, "opposes", "Egypt", "Israel")


def test_regarded_as_a_rival_but_not_as_a_mediator(run):
    pair(run("Hamas regards Fatah as a rival."), "opposes", "Hamas", "Fatah")
    assert not any(r.type == "opposes" for r in run("Hamas regards Qatar as a mediator.").relations)


# --- hostile nouns ------------------------------------------------------------------------------------

def test_strikes_on_a_group(run):
    pair(run("U.S. air strikes on Kataib Hezbollah drew protests in Baghdad."), "opposes", "United States",
         "Kataib Hezbollah")


def test_possessive_offensive_against(run):
    pair(run("Turkey's offensive against the YPG began in October."), "opposes", "Turkey", "YPG")


def test_light_verb_offensive_against(run):
    pair(run("Hayat Tahrir al-Sham launched an offensive against the Syrian army."), "opposes",
         "Hayat Tahrir al-Sham", "Syrian army")


def test_called_for_sanctions_against(run):
    pair(run("Saudi Arabia called for sanctions against Iran."), "opposes", "Iran", "Saudi Arabia")


def test_threatened_war_is_hostility(run):
    pair(run("Azerbaijan threatened war against Armenia."), "opposes", "Armenia", "Azerbaijan")


def test_clashes_between(run):
    pair(run("Clashes between Hezbollah and Amal erupted in Beirut."), "opposes", "Amal", "Hezbollah")


def test_agreement_between(run):
    pair(run("The agreement between Hamas and Fatah was signed in Cairo."), "allied_with", "Fatah", "Hamas")


# --- alliance -----------------------------------------------------------------------------------------

def test_allied_with_and_tied_to(run):
    pair(run("Kataib Hezbollah is allied with the Houthis."), "allied_with", "Houthis", "Kataib Hezbollah")
    pair(run("Kataib Hezbollah is closely tied to the Quds Force."), "allied_with", "Quds Force",
         "Kataib Hezbollah")


def test_close_to(run):
    pair(run("The Fars news agency, which is close to the IRGC, reported the strike."), "allied_with",
         "Fars", "IRGC")


def test_jointly(run):
    pair(run("Iran and Russia jointly proposed a ceasefire plan."), "allied_with", "Iran", "Russia")
    no_pair(run("Iran and Russia proposed different plans."), "allied_with", "Iran", "Russia")


def test_fought_alongside_against(run):
    result = run("Hezbollah fought alongside the Syrian army against the Islamic State.")
    pair(result, "allied_with", "Hezbollah", "Syrian army")
    pair(result, "opposes", "Hezbollah", "Islamic State")
    pair(result, "opposes", "Islamic State", "Syrian army")


def test_together_with_is_a_companion_not_a_target(run):
    result = run("Iraq fought the Islamic State together with the Popular Mobilization Forces.")
    pair(result, "opposes", "Iraq", "Islamic State")
    pair(result, "opposes", "Islamic State", "Popular Mobilization Forces")
    no_pair(result, "opposes", "Iraq", "Popular Mobilization Forces")


# --- stances ------------------------------------------------------------------------------------------

def test_hostile_to(run):
    pair(run("Kataib Hezbollah is openly hostile to the United States."), "opposes", "Kataib Hezbollah",
         "United States")


def test_anti_camp(run):
    pair(run("Bahrain sided with the anti-Iran camp."), "opposes", "Bahrain", "Iran")


# --- objects that name a side by their modifiers, labels, wars -----------------------------------------

def test_strikes_on_a_group_targets(run):
    result = run("American and British warships pounded Houthi targets on Friday.")
    pair(result, "opposes", "Houthis", "United States")
    pair(result, "opposes", "Houthis", "United Kingdom")


def test_designation_label_is_not_a_target(run):
    result = run("Washington designated the Houthis a terrorist organisation under the name "
                 "Ansar Allah-Yemen.")
    no_pair(result, "opposes", "United States", "Yemen")


def test_possessive_war_with(run):
    pair(run("Hezbollah lost hundreds of fighters in its 2006 war with Israel."), "opposes", "Hezbollah",
         "Israel")


def test_withdrawal_from_an_agreement_is_no_alliance(run):
    result = run("Hezbollah condemned the withdrawal of the United States from the nuclear agreement "
                 "with Iran.")
    no_pair(result, "allied_with", "Hezbollah", "Iran")


# --- doers found up the clause ---------------------------------------------------------------------

def test_weapon_subject_of_the_clause(run):
    result = run("An American drone fired two missiles at a car, killing al-Qaeda commander Hamza Rahimi.")
    pair(result, "opposes", "al-Qaeda", "United States")


def test_raised_to_fight(run):
    pair(run("The Popular Mobilization Forces were raised in 2014 to fight the Islamic State."), "opposes",
         "Popular Mobilization Forces", "Islamic State")


def test_relative_clause_on_a_predicate_noun(run):
    pair(run("Al-Shabaab is an insurgency that seeks to overthrow Somalia's government."), "opposes",
         "al-Shabaab", "Somalia")


def test_accused_is_the_doer_of_the_accusation_content(run):
    result = run("Israel accused Hamas of attacking Egypt.")
    pair(result, "opposes", "Israel", "Hamas")
    no_pair(result, "opposes", "Israel", "Egypt")


def test_relative_which_on_a_person_is_about_the_organisation(run):
    result = run("The Amal Movement, led by Nabih Berri, which is allied with Hezbollah, kept its seats.")
    pair(result, "allied_with", "Amal Movement", "Hezbollah")
    no_pair(result, "allied_with", "Nabih Berri", "Hezbollah")


def test_ally_apposition_after_a_relative_clause(run):
    result = run("Talks went through Nabih Berri, who leads the Amal movement, Hezbollah's closest partner.")
    pair(result, "allied_with", "Amal movement", "Hezbollah")


def test_strike_that_killed_a_commander(run):
    result = run("An Israeli strike that killed a Hezbollah commander hit a car near Tyre.")
    pair(result, "opposes", "Hezbollah", "Israel")


def test_killed_civilians_are_not_their_country(run):
    no_pair(run("The Hezbollah rocket killed two Israeli civilians."), "opposes", "Hezbollah", "Israel")
    no_pair(run("Al-Shabaab gunmen killed three Americans."), "opposes", "al-Shabaab", "United States")
    pair(run("Al-Shabaab killed ten Kenyan soldiers."), "opposes", "al-Shabaab", "Kenya")


def test_avenge_opposes_the_enemy_not_the_dead(run):
    result = run("Hamas vowed to avenge Ismail Haniyeh against Israel.")
    pair(result, "opposes", "Hamas", "Israel")
    no_pair(result, "opposes", "Hamas", "Ismail Haniyeh")


def test_joined_the_war_against(run):
    pair(run("Hezbollah joined the war against Israel in October."), "opposes", "Hezbollah", "Israel")


def test_allies_of_such_as(run):
    result = run("Allies of Iran such as Hezbollah condemned the strike.")
    pair(result, "allied_with", "Iran", "Hezbollah")


def test_sided_with(run):
    pair(run("Qatar sided with Turkey during the dispute."), "allied_with", "Qatar", "Turkey")


# --- the sides of attack events -----------------------------------------------------------------------

def test_attack_event_sides(run):
    pair(run("Hezbollah fighters fired rockets at Israeli army positions on Monday."), "opposes", "Hezbollah",
         "Israel")


def test_attack_event_person_victim_is_no_side(run):
    result = run("Israel killed Hamas official Saleh al-Arouri in a drone strike in Beirut.")
    pair(result, "opposes", "Hamas", "Israel")
    no_pair(result, "opposes", "Saleh al-Arouri", "Israel")


def test_attack_event_home_country_of_the_target_is_not_hit(run):
    result = run("Israel killed Ali Karaki, a senior commander of Lebanon's Hezbollah, in a strike on "
                 "Beirut.")
    pair(result, "opposes", "Hezbollah", "Israel")
    no_pair(result, "opposes", "Israel", "Lebanon")


# --- "alongside" any act, "reeling from a war with", an apposition misparsed as a clause -------------

def test_alongside_makes_partners_of_any_act(run):
    result = run("The Zainabiyoun Brigade reached the Syrian border alongside Hezbollah in May.")
    assert pair(result, "allied_with", "Zainabiyoun Brigade", "Hezbollah").hedge == "asserted"


def test_alongside_people_is_no_alliance(run):
    result = run("The Badr Organization honoured its dead alongside Syrians and Iranians.")
    assert not any(r.type == "allied_with" for r in result.relations), sorted(relation_set(result))


def test_alongside_with_pronoun_subject_is_left_alone(run):
    result = run("The Badr Organization is large. Its fighters reached the border alongside Hezbollah.")
    assert not any(r.type == "allied_with" for r in result.relations), sorted(relation_set(result))


def test_reeling_from_a_war_with(run):
    result = run("Hamas is still reeling from a three-week war with Israel.")
    assert pair(result, "opposes", "Hamas", "Israel")


def test_withdrawing_from_talks_is_no_alliance(run):
    result = run("Amal withdrew from talks with Hezbollah.")
    assert not any(r.type == "allied_with" for r in result.relations), sorted(relation_set(result))


def test_apposed_alliance_arrayed_against(run):
    result = run("Hamas is a member of the Coalition of Sorrow, a loose alliance arrayed against Egypt.")
    assert pair(result, "opposes", "Coalition of Sorrow", "Egypt")


def test_negated_apposed_alliance_is_denied(run):
    result = run("Hamas joined the Coalition of Sorrow, a loose alliance that was never arrayed against Egypt.")
    assert all(r.hedge == "denied" for r in result.relations if r.type == "opposes"), sorted(relation_set(result))


# --- ground taken from a side ----------------------------------------------------------------------

def test_ground_seized_from_a_group(run):
    result = run("The Badr Organization seized the town from the Peshmerga.")
    assert pair(result, "opposes", "Badr Organization", "Peshmerga").hedge == "asserted"


def test_ground_taken_from_a_group_in_the_passive(run):
    result = run("The town was taken from the Peshmerga by the Badr Organization in 2017.")
    assert pair(result, "opposes", "Badr Organization", "Peshmerga")


def test_negated_seizure_is_denied(run):
    result = run("The Badr Organization did not seize the town from the Peshmerga.")
    assert pair(result, "opposes", "Badr Organization", "Peshmerga").hedge == "denied"


def test_money_taken_from_a_state_is_no_enmity(run):
    result = run("The Badr Organization took money from Iran.")
    assert not any(r.type == "opposes" for r in result.relations), sorted(relation_set(result))


def test_apposed_alliance_formed_to_fight(run):
    result = run("The Badr Organization backs the Coalition of Sorrow, an alliance formed to fight Egypt.")
    assert pair(result, "opposes", "Coalition of Sorrow", "Egypt")
    no_pair(result, "opposes", "Badr Organization", "Egypt")


def test_ally_with_the_name_right_after_it(run):
    pair(run("Hezbollah opened fire in solidarity with its ally Hamas on Sunday."), "allied_with", "Hezbollah",
         "Hamas")
    result = run("Iran's allies Hezbollah and Hamas condemned the strike.")
    pair(result, "allied_with", "Iran", "Hezbollah")
    pair(result, "allied_with", "Iran", "Hamas")


def test_ally_followed_by_no_name(run):
    result = run("Iran's allies in Lebanon condemned the strike.")
    assert not any(r.type == "allied_with" for r in result.relations), sorted(relation_set(result))


# --- doers through weapons and "whose", soldiers killed, a designated "it" ------------------------------

def test_strike_named_by_its_weapon_modifier(run):
    result = run("A Houthi missile strike on a parade in Aden killed Omar Nasser, a senior Hezbollah commander.")
    pair(result, "opposes", "Houthi", "Hezbollah")


def test_whose_fighter_is_the_relative_clause_antecedent(run):
    result = run("ISKP, the Islamic State's Afghan branch, whose suicide bomber killed 13 US service members "
                 "at Kabul airport, denied it.")
    pair(result, "opposes", "ISKP", "US")


def test_killed_civilians_of_a_country_still_are_not_the_state(run):
    result = run("A Hamas bomber killed three Israeli civilians.")
    no_pair(result, "opposes", "Hamas", "Israel")


def test_designated_it(run):
    result = run("Hamas won the 2006 election. The United States designated it a terrorist organisation in 1997.")
    pair(result, "opposes", "United States", "Hamas")


def test_it_after_a_non_designation_verb_is_left_alone(run):
    result = run("Hamas won the 2006 election. Egypt praised it.")
    assert not any(r.type == "opposes" for r in result.relations), sorted(relation_set(result))


def test_killed_soldiers_and_civilians_only_the_soldiers_country(run):
    result = run("Hezbollah killed two Israeli soldiers and three Lebanese civilians.")
    pair(result, "opposes", "Hezbollah", "Israel")
    no_pair(result, "opposes", "Hezbollah", "Lebanese")


def test_alliance_described_after_a_quoted_lowercase_name(run):
    result = run('The Houthis call themselves part of the "axis of resistance", an Iran-aligned alliance arrayed '
                 "against Israel and the United States.")
    pair(result, "opposes", "axis of resistance", "Israel")
    pair(result, "opposes", "axis of resistance", "United States")


def test_noun_phrase_joined_by_and_is_no_description(run):
    result = run('The "axis of resistance" and an alliance arrayed against Israel met in Beirut.')
    no_pair(result, "opposes", "axis of resistance", "Israel")


def test_state_forces_fighting_alongside_rebels_back_them(run):
    result = run("Some 3,000 Rwandan soldiers are fighting alongside M23 rebels in eastern Congo.")
    assert rel(result, "supports", "rwanda", "m23").hedge == "asserted"
    no_pair(result, "allied_with", "Rwandan", "M23")


def test_state_working_with_rebels_stays_allied(run):
    result = run("Rwanda worked with the M23 for years.")
    pair(result, "allied_with", "Rwanda", "M23")


def test_designated_among_them_names_the_counted_objects(run):
    result = run("The TFTC designated nine individuals already sanctioned by the United States, "
                 "among them Talal Hamiyah, Adham Tabaja and Hashem Safieddine.")
    for name in ("Talal Hamiyah", "Adham Tabaja", "Hashem Safieddine"):
        assert pair(result, "opposes", "TFTC", name)
    # the sanctioning agent of the participle is not the designator
    no_pair(result, "opposes", "United States", "Talal Hamiyah")


def test_among_them_without_a_designation_is_not_a_designation(run):
    result = run("Nine commanders met in Beirut, among them Talal Hamiyah and Adham Tabaja.")
    assert not [r for r in result.relations if r.type == "opposes"]


def test_driving_out_or_falling_out_is_enmity(run):
    pair(run("Al-Shabaab seeks to drive out the African Union troops."), "opposes", "al-Shabaab", "African Union")
    pair(run("The Giants Brigades drove Houthi fighters out of Shabwa."), "opposes", "Giants Brigades", "Houthis")
    pair(run("Mali fell out with France in 2022."), "opposes", "Mali", "France")
    assert not [r for r in run("Hezbollah fighters drove out of Beirut in trucks.").relations if r.type == "opposes"]


def test_a_subordinate_clause_does_not_borrow_the_main_clause_s_subject(run):
    result = run("Wagner has been the main security partner of Mali since the junta fell out with France.")
    assert not [r for r in result.relations if r.type == "opposes" and "wagner-group" in (r.source, r.target)]
