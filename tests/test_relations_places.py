"""operates_in families (nlp/relations/places.py) on sentences written for these tests."""

import pytest
from conftest import relation_set


def located(result) -> dict[tuple[str, str], str]:
    """(organisation, place) -> hedge of every operates_in found."""
    return {(r.source, r.target): r.hedge for r in result.relations if r.type == "operates_in"}


# --- homes: demonyms and descriptions -------------------------------------------------------------

@pytest.mark.parametrize("text, pair", [
    ("Hezbollah, the Lebanese party, mourned its commander.", ("hezbollah", "lebanon")),
    ("Kataib Hezbollah, an Iraqi militia, claimed the attack.", ("kataib-hezbollah", "iraq")),
    ("Iraqi militias such as Kataib Hezbollah attacked the base.", ("kataib-hezbollah", "iraq")),
    ("Asaib Ahl al-Haq, a militia based in Baghdad, was designated.", ("asaib-ahl-al-haq", "baghdad")),
    ("Asaib Ahl al-Haq, a Shia faction operating in Diyala, denied the report.", ("asaib-ahl-al-haq", "diyala")),
    ("Liwa Zainabiyoun, a Pakistani militia from Parachinar, fought in Syria.", ("zainabiyoun-brigade", "parachinar")),
])
def test_home_of_a_described_group(run, text, pair):
    assert located(run(text)).get(pair) == "asserted"


def test_an_indefinite_description_is_the_named_group_s_not_its_modifier_s(run):
    result = located(run("Kataib Hezbollah, a PMF faction operating in Diyala, was named."))
    assert ("popular-mobilization-forces", "diyala") not in result


def test_state_forces_and_hyphenated_pairs_give_no_home(run):
    assert not located(run("Iraqi forces attacked Kataib Hezbollah."))  # the state's forces, not KH's home
    assert not located(run("The Saudi-Houthi talks stalled."))  # a pair of sides, not a demonym


def test_designation_lists_describe_the_name_before_the_colon(run):
    result = located(run("Entities designated. (a) KATAIB HEZBOLLAH (a.k.a. KH): a militia based in Iraq."))
    assert result == {("kataib-hezbollah", "iraq"): "asserted"}
    assert not located(run("Note: a militia based in Iraq is not named here."))


@pytest.mark.parametrize("text, part, owner, place", [
    ("AQAP, al-Qaeda's branch in Yemen, claimed the raid.", "aqap", "al-qaeda", "yemen"),
    ("ISWAP, the Islamic State's Nigerian branch, claimed the ambush.", "iswap", "isis", "nigeria"),
    ("Officials met Ismail Haniyeh of Hamas, whose armed wing, the Qassam Brigades, operates in Gaza.",
     "izz-ad-din-al-qassam-brigades", "hamas", "gaza-strip"),
])
def test_a_branch_or_wing_operates_there_not_its_owner(run, text, part, owner, place):
    result = located(run(text))
    assert (part, place) in result
    assert (owner, place) not in result


# --- holdings: who seizes, holds or runs a place --------------------------------------------------

@pytest.mark.parametrize("text, pair, hedge", [
    ("The Taliban seized Kunduz in 2015.", ("taliban", "kunduz"), "asserted"),
    ("Kabul was captured by the Taliban in August.", ("taliban", "afghanistan"), "asserted"),
    ("Raqqa, then held by the Islamic State, was bombed.", ("isis", "raqqa"), "asserted"),
    ("Strikes hit Houthi-run Sanaa again.", ("houthis", "sanaa"), "asserted"),
    ("Troops entered the Houthi-held city of Hodeidah.", ("houthis", "hodeidah"), "asserted"),
    ("The Taliban may seize Kunduz next year.", ("taliban", "kunduz"), "speculative"),
    ("Al-Shabaab did not seize Kismayo.", ("al-shabaab", "kismayo"), "denied"),
])
def test_holding_a_place(run, text, pair, hedge):
    assert located(run(text)).get(pair) == hedge


def test_holding_someone_responsible_is_no_place(run):
    assert not located(run("The Houthis hold Iran responsible for the blockade."))


def test_a_clause_after_a_participial_one_shares_its_subject(run):
    result = run("The M23, backed by Rwanda, first appeared in 2012 and soon captured Bunagana.")
    assert ("m23", "bunagana") in located(result)


# --- deployments, movements and forces ------------------------------------------------------------

@pytest.mark.parametrize("text, pair, hedge", [
    ("The Wagner Group has deployed 1,500 fighters to Libya.", ("wagner-group", "libya"), "asserted"),
    ("Russia may deploy troops to Libya.", ("russia", "libya"), "speculative"),
    ("Al-Shabaab fighters crossed into Kenya last week.", ("al-shabaab", "kenya"), "asserted"),
    ("Fighters of the Zainabiyoun Brigade crossed over from Palmyra.", ("zainabiyoun-brigade", "palmyra"), "asserted"),
    ("The United States, which keeps troops in eastern Syria, rejected the claim.", ("united-states", "syria"),
     "asserted"),
    ("About 900 French troops in Niger left last year.", ("france", "niger"), "asserted"),
    ("The Fatemiyoun has fought around Palmyra.", ("fatemiyoun-brigade", "palmyra"), "asserted"),
    ("The ADF has fought a guerrilla campaign inside Uganda for decades.", ("allied-democratic-forces", "uganda"),
     "asserted"),
])
def test_forces_sent_kept_or_fighting_somewhere(run, text, pair, hedge):
    assert located(run(text)).get(pair) == hedge


def test_sending_verb_shares_the_subject_of_a_passive_clause(run):
    result = run("Asaib Ahl al-Haq was formed in 2006 by Qais al-Khazali and sent fighters to Syria.")
    assert located(result).get(("asaib-ahl-al-haq", "syria")) == "asserted"


def test_sent_fighters_belong_to_their_group_not_the_sender(run):
    assert located(run("Yevgeny Prigozhin sent Wagner fighters to Sudan.")) == {("wagner-group", "sudan"): "asserted"}


def test_a_state_operates_only_through_its_forces(run):
    assert not located(run("Iran has many advisers in Iraq."))
    assert not located(run("Iran sent weapons to Yemen."))  # supplies, not forces
    assert not located(run("Russia has deployed advisers to Libya."))
    assert ("iran", "syria") in located(run("Iran's forces in Syria were struck."))


def test_presence_reported_and_denied(run):
    assert located(run("Hezbollah denied that its fighters are in Yemen.")) == {("hezbollah", "yemen"): "denied"}
    assert located(run("Iranian officials said Hezbollah fighters are in Yemen.")) \
        == {("hezbollah", "yemen"): "reported"}


# --- hedges of descriptions in passing ------------------------------------------------------------

def test_a_description_in_passing_is_the_author_s_even_inside_a_report(run):
    result = located(run("Riyadh accuses Tehran of arming the Houthis, which have fought a long war inside Yemen."))
    assert result.get(("houthis", "yemen")) == "asserted"
    result = located(run("Iraqi officials said Kataib Hezbollah, a militia based in Iraq, fired rockets."))
    assert result.get(("kataib-hezbollah", "iraq")) == "asserted"


def test_a_negated_or_reported_claim_keeps_its_hedge(run):
    assert located(run("Ankara said the PKK, which has not fought inside Iraq, is weak.")) \
        == {("pkk", "iraq"): "denied"}
    assert located(run("Iraqi officials said Kataib Hezbollah operates in Syria.")) \
        == {("kataib-hezbollah", "syria"): "reported"}


# --- activities ----------------------------------------------------------------------------------

@pytest.mark.parametrize("text, pair", [
    ("Hezbollah's Iraqi campaign cost it dearly.", ("hezbollah", "iraq")),
    ("The Wagner Group's operations in Libya grew last year.", ("wagner-group", "libya")),
    ("Turkey has hosted a Hamas office since 2011.", ("hamas", "turkey")),
    ("Lebanon has hosted Hamas's leadership since 2020.", ("hamas", "lebanon")),
    ("Lashkar-e-Taiba carried out attacks in Kashmir in 2001.", ("lashkar-e-taiba", "kashmir")),
    ("Missiles were flown from bases in eastern Libya controlled by the Libyan National Army.",
     ("libyan-national-army", "libya")),
])
def test_activities_of_a_named_group(run, text, pair):
    assert pair in located(run(text))


def test_its_operations_after_an_agency_are_not_the_agency_s(run):
    result = run("The Treasury sanctioned the gold firm, which funds the Wagner Group. "
                 "The money paid for its operations in Sudan.")
    assert not any(r[0] == "operates_in" and r[1] != "wagner-group" for r in relation_set(result))


def test_a_named_operation_does_not_own_the_camps_it_pounds(run):
    result = located(run("Ugandan forces launched an offensive, Operation Lightning Thunder, pounding ADF camps in "
                         "Ituri."))
    assert ("allied-democratic-forces", "ituri") in result
    assert all(org == "allied-democratic-forces" for org, _ in result), result


def test_places_alone_in_brackets_after_a_name(run):
    assert located(run("Hezbollah (Lebanon) and the Houthis (Ansar Allah) were named.")) \
        == {("hezbollah", "lebanon"): "asserted"}


def test_a_possible_attack_is_speculative(run):
    assert located(run("The Islamic State may launch attacks in Iraq.")) == {("isis", "iraq"): "speculative"}


@pytest.mark.parametrize("text, pair", [
    ("France withdrew its troops from Mali in 2022.", ("france", "mali")),
    ("The Wagner Group pulled out of Libya.", ("wagner-group", "libya")),
    ("Hezbollah fighters will leave Syria once the war ends.", ("hezbollah", "syria")),
])
def test_forces_leave_where_they_were(run, text, pair):
    assert pair in located(run(text))


def test_leaving_a_deal_or_recalling_diplomats_is_no_presence(run):
    assert not located(run("The United States withdrew from the nuclear deal."))
    assert not located(run("Russia pulled its diplomats out of Sudan."))


# --- activities: launching grounds and wars fought in ---------------------------------------------

@pytest.mark.parametrize("text, pair, hedge", [
    ("HTS launched its offensive against the Syrian army on Wednesday from Idlib province.",
     ("hayat-tahrir-al-sham", "idlib"), "asserted"),
    ("The Taliban could launch raids from Kunar.", ("taliban", "kunar"), "speculative"),
    ("Hezbollah fought in the Syrian war.", ("hezbollah", "syria"), "asserted"),
    ("Hamas fighters have fought in successive Gaza wars.", ("hamas", "gaza-strip"), "asserted"),
    ("Hezbollah did not launch attacks from Syria.", ("hezbollah", "syria"), "denied"),
])
def test_launching_ground_and_war_fought_in(run, text, pair, hedge):
    assert located(run(text)).get(pair) == hedge


@pytest.mark.parametrize("text", [
    "Hezbollah condemned the Syrian war.",  # the war is not fought by the one who names it
    "Hezbollah fought in the war against Israel.",  # a war with no place
    "Hezbollah received drones from Syria.",  # goods from a place, no operation launched
])
def test_no_launching_ground_or_war_place(run, text):
    assert not located(run(text))


# --- where a group was founded --------------------------------------------------------------------

@pytest.mark.parametrize("text, pair, hedge", [
    ("Hamas was founded in Gaza in 1987.", ("hamas", "gaza-strip"), "asserted"),
    ("Hamas was set up in Gaza by Ahmed Yassin.", ("hamas", "gaza-strip"), "asserted"),
    ("Ahmed Yassin founded Hamas in Gaza.", ("hamas", "gaza-strip"), "asserted"),
    ("Kataib Hezbollah, a militia formed in Basra, fired rockets.", ("kataib-hezbollah", "basra"), "asserted"),
    ("Hamas may have been founded in Gaza.", ("hamas", "gaza-strip"), "speculative"),
    ("Hamas was not founded in Lebanon.", ("hamas", "lebanon"), "denied"),
])
def test_founded_in_a_place(run, text, pair, hedge):
    assert located(run(text)).get(pair) == hedge


@pytest.mark.parametrize("text, pair", [
    ("Hamas's founder Ahmed Yassin was born in Gaza.", ("hamas", "gaza-strip")),  # a person's birthplace
    ("Hamas set fires in Gaza.", ("hamas", "gaza-strip")),  # 'set' without 'up' founds nothing
    ("Originally formed in Tehran, the Fatehin unit of the IRGC fought in Syria.", ("irgc", "tehran")),
])
def test_no_founding_place(run, text, pair):
    assert pair not in located(run(text))


# --- bases kept in a place ------------------------------------------------------------------------

@pytest.mark.parametrize("text, pair, hedge", [
    ("Jaish-e-Mohammed still runs its headquarters openly in Bahawalpur.", ("jaish-e-mohammed", "bahawalpur"),
     "asserted"),
    ("Hezbollah keeps its bases in Syria.", ("hezbollah", "syria"), "asserted"),
    ("Hezbollah does not keep its bases in Syria.", ("hezbollah", "syria"), "denied"),
])
def test_bases_kept_in_a_place(run, text, pair, hedge):
    assert located(run(text)).get(pair) == hedge


def test_things_run_that_are_not_bases_place_no_one(run):
    assert not located(run("Hezbollah runs schools in Beirut."))


# --- a demonym a group's name takes on ------------------------------------------------------------

@pytest.mark.parametrize("text, pair", [
    ("Afghanistan's neighbours worry. The Afghan Taliban hosted the delegation.", ("taliban", "afghanistan")),
    ("Lebanon held elections, and Lebanese Hezbollah won seats.", ("hezbollah", "lebanon")),
])
def test_a_demonym_before_a_group_s_name_is_its_home(run, text, pair):
    assert located(run(text)).get(pair) == "asserted"


@pytest.mark.parametrize("text, pair", [
    # The demonym opens the group's own full name: no claim about where it acts.
    ("Syria's war goes on. The Syrian Democratic Forces held talks.", ("syrian-democratic-forces", "syria")),
    # A state body named with its demonym is the state's, not based there.
    ("Lebanon votes. The Lebanese army deployed.", ("lebanese-armed-forces", "lebanon")),
])
def test_a_demonym_that_is_part_of_the_name_gives_no_home(run, text, pair):
    assert pair not in located(run(text))


# --- wider places and acronyms in brackets ----------------------------------------------------------

def test_a_named_place_s_wider_place_is_also_where_the_group_acts(run):
    result = located(run("In 2019 the M23 seized Goma, the capital of North Kivu."))
    assert {("m23", "goma"), ("m23", "north-kivu")} <= set(result)


def test_an_acronym_in_brackets_does_not_hide_the_group_before_a_place(run):
    result = located(run("The report said operations by the Allied Democratic Forces (ADF) in Ituri were brutal."))
    assert ("allied-democratic-forces", "ituri") in result


def test_a_different_name_in_brackets_is_not_an_acronym(run):
    # "(Reuters)" names another organisation: the group before the bracket is not located by it.
    result = located(run("Hamas (Reuters) in Gaza said nothing."))
    assert ("hamas", "gaza-strip") not in result


# --- holders described by a copula; misparsed clauses after a held place ---------------------------

def test_what_the_subject_is_said_to_be_holds_the_place(run):
    result = located(run("The Houthis are rebels who have held most of Yemen's north since 2014."))
    assert result.get(("houthis", "yemen")) == "asserted"


def test_a_clause_hung_on_the_held_place_does_not_hide_the_holder(run):
    result = located(run("Al-Shabaab controls much of rural southern and eastern Somalia and taxes goods far beyond it."))
    assert result.get(("al-shabaab", "somalia")) == "asserted"


@pytest.mark.parametrize("text", [
    "Hezbollah holds that Israel is weak.",  # 'hold' as belief: no place held
    "The Houthis are rebels who have never held Riyadh.",
])
def test_holding_a_view_or_a_denied_holding_is_no_plain_holding(run, text):
    assert all(hedge == "denied" for hedge in located(run(text)).values())


# --- companions: "alongside Y" ---------------------------------------------------------------------

@pytest.mark.parametrize("text, pair, hedge", [
    ("Hezbollah fighters entered Idlib alongside the Fatemiyoun Division.", ("fatemiyoun-brigade", "idlib"),
     "asserted"),
    ("The Houthis said Kataib Hezbollah fought alongside them in Hodeidah.", ("houthis", "hodeidah"), "reported"),
    ("Tehran denied that the Quds Force was fighting alongside Hamas in Gaza.", ("irgc-quds-force", "gaza-strip"),
     "denied"),
])
def test_a_companion_is_where_the_operator_is(run, text, pair, hedge):
    assert located(run(text)).get(pair) == hedge


def test_a_companion_of_an_act_that_places_no_one_is_nowhere(run):
    # Mourning is no operation: neither the mourners nor their companions are placed.
    assert not located(run("Hezbollah mourned the commander alongside Hamas in a statement."))


# --- counted forces, expulsions, operations by a group, joined offensives ----------------------------

@pytest.mark.parametrize("text, pair", [
    ("Some 300 of Hezbollah's fighters crossed into Syria.", ("hezbollah", "syria")),
    ("The Houthis drove government troops out of Marib.", ("houthis", "marib")),
    ("The M23 expelled the army from Bunagana.", ("m23", "bunagana")),
    ("The report blamed operations by the Wagner Group in Libya.", ("wagner-group", "libya")),
    ("Kataib Hezbollah, an Iraqi militia that joined the Mosul offensive, buried its dead.",
     ("kataib-hezbollah", "mosul")),
])
def test_counted_forces_expulsions_and_joined_operations(run, text, pair):
    assert pair in located(run(text))


@pytest.mark.parametrize("text, pair", [
    ("The Houthis were driven out of Aden.", ("houthis", "aden")),  # the driven are left out
    ("The Houthis drove government troops out of Marib.", ("yemeni-armed-forces", "marib")),
    ("Hezbollah did not join the Mosul offensive.", ("hezbollah", "mosul")),
])
def test_the_driven_and_denied_joining_are_not_plain_operations(run, text, pair):
    assert located(run(text)).get(pair) in {None, "denied"}


def test_a_country_hung_on_the_adjective_of_a_description_is_the_home(run):
    result = located(run("Wagner trained the Movement for Central African Liberation (MLCJ), a CAR armed group, in 2021."))
    assert result == {("movement-for-central-african-liberation", "central-african-republic"): "asserted"}


def test_a_state_named_on_the_adjective_of_its_own_forces_is_no_home(run):
    assert not located(run("Hezbollah fought Israel-armed soldiers."))


# --- a profile's own subject after a heading; a place's possessor -------------------------------------

PROFILE = ("Profile: Al-Shabaab\n\nAl-Shabaab is a jihadist insurgency. Al-Shabaab was founded in 2006. "
           "Al-Shabaab pledged allegiance to al-Qaeda.\n\nHistory\n\nAttacks\n\nPeople\n\nAreas\n\n"
           "In 2022 its fighters crossed into Ethiopia's Somali region.")


def test_its_after_a_heading_is_the_profile_s_subject(run):
    result = located(run(PROFILE))
    assert {("al-shabaab", "somali-region"), ("al-shabaab", "ethiopia")} <= set(result)


def test_its_with_a_group_named_just_before_is_that_group(run):
    result = located(run("Hezbollah spoke first. Al-Shabaab said its fighters crossed into Ethiopia's Somali region."))
    assert ("hezbollah", "somali-region") not in result


# --- bases a group has; acts it claims ------------------------------------------------------------------

@pytest.mark.parametrize("text, pair, hedge", [
    ("Hezbollah has several bases in Syria.", ("hezbollah", "syria"), "asserted"),
    ("The ADF maintains camps near Beni.", ("allied-democratic-forces", "beni"), "asserted"),
    ("Hezbollah may have bases in Venezuela.", ("hezbollah", "venezuela"), "speculative"),
    ("Hezbollah has no bases in Iraq.", ("hezbollah", "iraq"), "denied"),
    ("The Pakistani Taliban claimed the bombing in Peshawar.", ("tehrik-i-taliban-pakistan", "peshawar"), None),
    ("Al-Shabaab claimed responsibility for the attack in Mogadishu.", ("al-shabaab", "mogadishu"), None),
])
def test_bases_had_and_acts_claimed_place_the_group(run, text, pair, hedge):
    result = located(run(text))
    assert pair in result and (hedge is None or result[pair] == hedge)


def test_a_claim_about_something_else_places_no_one(run):
    assert not located(run("Hezbollah claimed victory in the election in Lebanon's south."))


def test_forces_known_as_a_name_operate_as_that_organisation(run):
    result = located(run("Prigozhin's men, known as the Wagner Group, fought in Bakhmut."))
    assert ("wagner-group", "bakhmut") in result


# --- ground assaults and falling back -------------------------------------------------------------

@pytest.mark.parametrize("text, pair", [
    ("Hezbollah fighters spearheaded the assault on Qusair.", ("hezbollah", "qusayr")),
    ("Hezbollah's assault on Qusair began in May.", ("hezbollah", "qusayr")),
    ("Kataib Hezbollah led the battle for Mosul.", ("kataib-hezbollah", "mosul")),
    ("Wagner fighters fell back to Sirte.", ("wagner-group", "sirte")),
    ("The Houthis withdrew to Saada.", ("houthis", "saada")),
])
def test_a_ground_assault_or_a_retreat_places_the_group(run, text, pair):
    assert located(run(text)).get(pair) == "asserted"


def test_an_assault_on_a_country_or_a_fall_of_prices_places_no_one(run):
    assert not located(run("Hamas's assault on Israel killed hundreds."))  # where in Israel the text does not say
    assert not located(run("Prices in Sirte fell back to normal."))
    assert not located(run("Hezbollah fell back."))


def test_a_country_coordinated_with_forces_is_a_place_not_their_state():
    # the bundled example, whose parse coordinates "Syria" with "American forces in Iraq"
    from pathlib import Path

    from proxyatlas.api import extract_file
    example = Path(__file__).resolve().parent.parent / "examples" / "articles" / "tower22-jordan-drone-attack.txt"
    found = located(extract_file(example))
    assert ("syria", "iraq") not in found and ("united-states", "iraq") in found
