"""operates_in families (nlp/relations/places.py) on sentences written for these tests."""

import pytest
from conftest import relation_set


def located(result) -> dict[tuple[str, str], str]:
    """(organisation, place) -> hedge of every operates_in found."""
    return {(r.source, r.target): r.hedge for r in result.relations if r.type == "operates_in"}


# --- homes: demonyms and descriptions -------------------------------------------------------------

@pytest.mark.parametrize("text, pair", [
    ("Hezbollah, the Lebanese movement, mourned its commander.", ("hezbollah", "lebanon")),
    ("Kataib Hezbollah, an Iraqi militia, claimed the attack.", ("kataib-hezbollah", "iraq")),
    ("Iraqi militias such as Kataib Hezbollah attacked the base.", ("kataib-hezbollah", "iraq")),
    ("Harakat al-Nujaba, a militia based in Iraq, was designated.", ("harakat-hezbollah-al-nujaba", "iraq")),
    ("Hamza Division, an SNA faction operating in Afrin, was sanctioned.", ("hamza-division", "afrin")),
    ("Liwa Fatemiyoun, an Afghan militia from Herat, fought in Syria.", ("fatemiyoun-brigade", "herat")),
])
def test_home_of_a_described_group(run, text, pair):
    assert located(run(text)).get(pair) == "asserted"


def test_an_indefinite_description_is_the_named_group_s_not_its_modifier_s(run):
    result = located(run("Hamza Division, an SNA faction operating in Afrin, was sanctioned."))
    assert ("syrian-national-army", "afrin") not in result


def test_state_forces_and_hyphenated_pairs_give_no_home(run):
    assert not located(run("Iraqi forces attacked Kataib Hezbollah."))  # the state's forces, not KH's home
    assert not located(run("The Saudi-Houthi talks stalled."))  # a pair of sides, not a demonym


# --- holdings: who seizes, holds or runs a place --------------------------------------------------

@pytest.mark.parametrize("text, pair, hedge", [
    ("The Houthis seized Hodeidah in 2015.", ("houthis", "hodeidah"), "asserted"),
    ("Aleppo was captured by Hayat Tahrir al-Sham in December.", ("hayat-tahrir-al-sham", "aleppo"), "asserted"),
    ("Western Mosul, now held by the Islamic State, was shelled.", ("isis", "mosul"), "asserted"),
    ("Hamas-run Gaza was hit again.", ("hamas", "gaza-strip"), "asserted"),
    ("Troops entered the Houthi-held city of Hodeidah.", ("houthis", "hodeidah"), "asserted"),
    ("The Houthis may seize Marib next year.", ("houthis", "marib"), "speculative"),
    ("Al-Shabaab did not seize Mogadishu.", ("al-shabaab", "mogadishu"), "denied"),
])
def test_holding_a_place(run, text, pair, hedge):
    assert located(run(text)).get(pair) == hedge


def test_holding_someone_responsible_is_no_place(run):
    assert not located(run("The Houthis hold Iran responsible for the blockade."))


# --- deployments, movements and forces ------------------------------------------------------------

@pytest.mark.parametrize("text, pair, hedge", [
    ("The Wagner Group has deployed 1,500 fighters to Mali.", ("wagner-group", "mali"), "asserted"),
    ("Russia may deploy troops to Libya.", ("russia", "libya"), "speculative"),
    ("Al-Shabaab fighters crossed into Kenya last week.", ("al-shabaab", "kenya"), "asserted"),
    ("Turkey, which keeps troops in northern Syria, denied the report.", ("turkey", "syria"), "asserted"),
    ("Some 2,500 U.S. troops in Iraq train local forces.", ("united-states", "iraq"), "asserted"),
    ("The Zainabiyoun has fought around Damascus.", ("zainabiyoun-brigade", "damascus"), "asserted"),
    ("The PKK, which has fought an insurgency inside Turkey since 1984, is banned.", ("pkk", "turkey"), "asserted"),
    ("Iraqi units of the Popular Mobilization Forces crossed over from al-Qaim.",
     ("popular-mobilization-forces", "al-qaim"), "asserted"),
])
def test_forces_sent_or_kept_somewhere(run, text, pair, hedge):
    assert located(run(text)).get(pair) == hedge


def test_sending_verb_shares_the_subject_of_a_passive_clause(run):
    result = run("Harakat al-Nujaba was founded in 2013 by Akram al-Kaabi and sent fighters to Syria.")
    assert located(result).get(("harakat-hezbollah-al-nujaba", "syria")) == "asserted"


def test_sent_fighters_belong_to_their_group_not_the_sender(run):
    result = located(run("Khalifa Haftar sent LNA fighters to Sudan."))
    assert result == {("libyan-national-army", "sudan"): "asserted"}


def test_a_state_operates_only_through_its_forces(run):
    assert not located(run("Iran has many advisers in Iraq."))
    assert not located(run("Iran sent weapons to Yemen."))  # supplies, not forces
    assert not located(run("Russia has deployed advisers to Libya."))


def test_presence_reported_and_denied(run):
    assert located(run("Hezbollah denied that its fighters are in Yemen.")) == {("hezbollah", "yemen"): "denied"}
    assert located(run("Iranian officials said Hezbollah fighters are in Yemen.")) \
        == {("hezbollah", "yemen"): "reported"}


# --- activities ----------------------------------------------------------------------------------

@pytest.mark.parametrize("text, pair", [
    ("Hezbollah's Syrian campaign cost it dearly.", ("hezbollah", "syria")),
    ("Wagner's operations in Mali expanded last year.", ("wagner-group", "mali")),
    ("Qatar has hosted Hamas's political office since 2012.", ("hamas", "qatar")),
    ("Qatar has hosted Hamas's political leadership since 2012.", ("hamas", "qatar")),
])
def test_activities_of_a_named_group(run, text, pair):
    assert pair in located(run(text))


def test_its_operations_after_an_agency_are_not_the_agency_s(run):
    result = run("The Treasury sanctioned the gold firm, which funds the Wagner Group. "
                 "The money paid for its operations in Sudan.")
    assert not any(r[0] == "operates_in" and r[1] != "wagner-group" for r in relation_set(result))


def test_a_named_operation_does_not_own_the_camps_it_pounds(run):
    result = located(run("Ugandan forces launched an offensive, Operation Lightning Thunder, pounding ADF camps in Ituri."))
    assert ("allied-democratic-forces", "ituri") in result
    assert all(org == "allied-democratic-forces" for org, _ in result), result


def test_a_description_in_passing_is_the_author_s_even_inside_a_report(run):
    result = located(run("Ankara accuses the YPG of being an offshoot of the PKK, which has fought an insurgency "
                         "inside Turkey since 1984."))
    assert result.get(("pkk", "turkey")) == "asserted"
    result = located(run("Iraqi officials said Kataib Hezbollah, a militia based in Iraq, fired rockets."))
    assert result.get(("kataib-hezbollah", "iraq")) == "asserted"


def test_a_negated_or_reported_claim_keeps_its_hedge(run):
    assert located(run("Ankara said the PKK, which has not fought inside Iraq, is weak.")) \
        == {("pkk", "iraq"): "denied"}
    assert located(run("Iraqi officials said Kataib Hezbollah operates in Syria.")) \
        == {("kataib-hezbollah", "syria"): "reported"}


def test_designation_lists_describe_the_name_before_the_colon(run):
    result = located(run("Entities designated. (a) KATAIB HEZBOLLAH (a.k.a. KH): a militia based in Iraq."))
    assert result == {("kataib-hezbollah", "iraq"): "asserted"}
    assert not located(run("Note: a militia based in Iraq is not named here."))


def test_a_clause_after_a_participial_one_shares_its_subject(run):
    result = run("The M23, led by Sultani Makenga, first took up arms in 2012 and briefly captured Goma.")
    assert ("m23", "goma") in located(result)


@pytest.mark.parametrize("text, part, owner, place", [
    ("JNIM, al-Qaeda's branch in the Sahel, claimed the attack.", "jnim", "al-qaeda", "sahel"),
    ("Islamic State Khorasan Province, the Islamic State's Afghan branch, claimed the bombing.",
     "islamic-state-khorasan-province", "isis", "afghanistan"),
    ("Khamenei met Ziyad al-Nakhalah, head of Palestinian Islamic Jihad, whose armed wing, the al-Quds Brigades, "
     "fights alongside Hamas in Gaza.", "al-quds-brigades", "palestinian-islamic-jihad", "gaza-strip"),
])
def test_a_branch_or_wing_operates_there_not_its_owner(run, text, part, owner, place):
    result = located(run(text))
    assert (part, place) in result
    assert (owner, place) not in result


def test_a_state_s_own_forces_stay_the_state_s(run):
    assert ("iran", "syria") in located(run("Iran's forces in Syria were struck."))
