"""Relation pattern families on sentences written for these tests (never the dev texts)."""

import pytest
from conftest import rel


def test_role_apposition_and_late_head(run):
    result = run("Hassan Nasrallah, the late leader of Hezbollah, was killed in an Israeli strike in Beirut "
                 "on September 27, 2024.", published="2024-10-01")
    leads = rel(result, "leads", "hassan-nasrallah", "hezbollah")
    assert leads.hedge == "asserted"
    assert leads.valid_to == "2024-09-27"  # "the late leader": the office ends at the killing
    assert leads.evidence[0].text.startswith("Hassan Nasrallah")


def test_org_chief_title_name(run):
    result = run("Hezbollah chief Sheikh Naim Qassem spoke on television.")
    rel(result, "leads", "naim-qassem", "hezbollah")


def test_member_of_from_apposition(run):
    result = run("Michael Knights, a fellow at the Washington Institute, wrote the report.")
    r = next(r for r in result.relations if r.type == "member_of" and r.source == "michael-knights")
    assert "Washington Institute" in next(e.name for e in result.entities if e.id == r.target)


def test_hyphenated_backing_with_apposition(run):
    result = run("The attack was claimed by an Iranian-backed militia, Kata'ib Hezbollah.")
    rel(result, "supports", "iran", "kataib-hezbollah")


def test_hyphenated_created_and_based(run):
    result = run("Analysts describe the IRGC-created militia, the Fatemiyoun Brigade, as battle-hardened. "
                 "The Yemen-based Houthis fired again.")
    rel(result, "created", "irgc", "fatemiyoun-brigade")
    rel(result, "operates_in", "houthis", "yemen")


def test_possessive_unit(run):
    result = run("Commanders of the IRGC's Quds Force met in Damascus.")
    rel(result, "part_of", "irgc-quds-force", "irgc")


def test_verbal_active_and_passive(run):
    active = run("Iran funds Hamas.")
    rel(active, "supports", "iran", "hamas")
    passive = run("Hamas is financed by Qatar, officials said.")
    r = rel(passive, "supports", "qatar", "hamas")
    assert r.hedge == "reported"


def test_provides_assistance_to(run):
    result = run("Russia provides military assistance to the Syrian Arab Army.")
    rel(result, "supports", "russia", "syrian-arab-army")


def test_coordination_gives_every_pair(run):
    result = run("The Taliban and al-Qaeda are active in Afghanistan and Pakistan.")
    pairs = {(r.source, r.target) for r in result.relations if r.type == "operates_in"}
    assert {("taliban", "afghanistan"), ("taliban", "pakistan"), ("al-qaeda", "afghanistan"),
            ("al-qaeda", "pakistan")} <= pairs


def test_location_phrases_are_read_per_group(run):
    result = run("Other groups are backed by Iran – Kata'ib Hezbollah in Iraq and the Houthis in Yemen.")
    pairs = {(r.source, r.target) for r in result.relations if r.type == "operates_in"}
    assert ("kataib-hezbollah", "iraq") in pairs and ("houthis", "yemen") in pairs
    assert ("kataib-hezbollah", "yemen") not in pairs and ("houthis", "iraq") not in pairs
    rel(result, "supports", "iran", "kataib-hezbollah")
    rel(result, "supports", "iran", "houthis")


def test_trains_fighters_recruited_for(run):
    result = run("Hezbollah trains fighters recruited for the Zainabiyoun Brigade.")
    rel(result, "trains", "hezbollah", "zainabiyoun-brigade")


def test_allied_with_relations_is_symmetric(run):
    result = run("Russia has close relations with Iran.")
    types = {(r.type, frozenset((r.source, r.target))) for r in result.relations}
    assert ("allied_with", frozenset(("russia", "iran"))) in types


@pytest.mark.parametrize("sentence, hedge", [
    ("Iran reportedly supports the Houthis.", "reported"),
    ("Iran allegedly supports the Houthis.", "alleged"),
    ("Saudi Arabia claims that Iran supports the Houthis.", "alleged"),
    ("Iran could support the Houthis.", "speculative"),
    ("If the talks fail, Iran would support the Houthis.", "speculative"),
    ("Iran denied that it supports the Houthis.", "denied"),
    ("There is no evidence that Iran supports the Houthis.", "denied"),
    ("Iran does not support the Houthis.", "denied"),
])
def test_hedged_verbal_relations_are_never_asserted(run, sentence, hedge):
    result = run(sentence)
    assert rel(result, "supports", "iran", "houthis").hedge == hedge


def test_quoted_relation_is_reported_by_the_speaker(run):
    result = run("“Iran supports the Houthis with missiles and money,” said John Kirby.")
    r = rel(result, "supports", "iran", "houthis")
    assert r.hedge == "reported" and r.attributed_to == "john-kirby"


def test_one_relation_many_evidence_with_surest_hedge(run):
    result = run("Iran reportedly funds Hezbollah. Iran funds Hezbollah, the report shows.")
    r = rel(result, "supports", "iran", "hezbollah")
    assert len(r.evidence) == 2 and r.hedge == "asserted"
    text = result.document.text
    for ev in r.evidence:
        assert text[ev.start : ev.end] == ev.text


def test_coordinated_passive_verbs_share_their_agent(run):
    result = run("Western officials say the brigade, Kata'ib Sayyid al-Shuhada, is armed, funded and "
                 "trained by the Quds Force.")
    for rtype in ("supports", "trains"):
        assert rel(result, rtype, "irgc-quds-force", "kataib-sayyid-al-shuhada").hedge == "reported"


def test_person_of_organisation_and_unit_of_parent(run):
    result = run("Colonel Ahmed Karimi of the Syrian Arab Army met officers from the Quds Force of the "
                 "Islamic Revolutionary Guard Corps.")
    assert any(r.type == "member_of" and r.target == "syrian-arab-army" for r in result.relations)
    assert rel(result, "part_of", "irgc-quds-force", "irgc").hedge == "asserted"


def test_anaphoric_group_possessive_and_hyphenated_role(run):
    result = run("Harakat Hezbollah al-Nujaba fired rockets on Monday. The group's secretary-general, "
                 "Akram al-Kaabi, praised the attack.")
    rel(result, "leads", "akram-al-kaabi", "harakat-hezbollah-al-nujaba")


def test_an_indefinite_commander_is_a_member_not_the_head(run):
    result = run("The strike killed Wissam al-Tawil, a senior Hezbollah commander.")
    assert not any(r.type == "leads" for r in result.relations)
    assert any(r.type == "member_of" and r.target == "hezbollah" for r in result.relations)


def test_country_modifier_of_a_militia_is_not_its_identity(run):
    result = run("Iran-aligned Iraqi militias claimed the attack, while Iranian advisers supported the Houthis.")
    assert not any(r.type == "supports" and r.target == "iraq" for r in result.relations)
    rel(result, "supports", "iran", "houthis")


def test_partners_listed_with_their_places(run):
    result = run("Russia maintains ties with the Wagner Group in Mali and the Rapid Support Forces in Sudan.")
    pairs = {frozenset((r.source, r.target)) for r in result.relations if r.type == "allied_with"}
    assert frozenset(("russia", "wagner-group")) in pairs
    assert frozenset(("russia", "rapid-support-forces")) in pairs


def test_accused_of_makes_the_accused_the_actor(run):
    result = run("Washington has accused Tehran of supplying the Houthis with drones.")
    r = rel(result, "supports", "iran", "houthis")
    assert r.hedge == "alleged" and r.attributed_to == "united-states"
    assert not any(r.source == "united-states" and r.type == "supports" for r in result.relations)


def test_founder_role_and_linked_is_alliance(run):
    result = run("Yevgeny Prigozhin, the founder of the Wagner Group, died in 2023. The al-Qaeda-linked "
                 "group JNIM has grown.")
    rel(result, "created", "yevgeny-prigozhin", "wagner-group")
    assert not any(r.type == "supports" for r in result.relations)
    assert any(r.type == "allied_with" and "al-qaeda" in (r.source, r.target) for r in result.relations)


def test_relative_object_and_category_examples(run):
    result = run("Hezbollah, the Lebanese group that Iran founded, worked with paramilitary formations such "
                 "as the National Defense Forces.")
    rel(result, "created", "iran", "hezbollah")
    pairs = {frozenset((r.source, r.target)) for r in result.relations if r.type == "allied_with"}
    assert frozenset(("hezbollah", "national-defense-forces")) in pairs


def test_ally_in_apposition(run):
    result = run("Russia, Bashar al-Assad's other main ally, condemned the strike.")
    pairs = {frozenset((r.source, r.target)) for r in result.relations if r.type == "allied_with"}
    assert frozenset(("russia", "bashar-al-assad")) in pairs


def test_a_dateline_is_not_the_speaker(run):
    result = run("BAMAKO, Mali — The Wagner Group said Russia backs the Africa Corps.")
    r = rel(result, "supports", "russia", "africa-corps")
    assert r.attributed_to == "wagner-group"


def test_according_to_an_unnamed_source_is_reported(run):
    r = rel(run("Iran supports the Houthis, according to analysts."), "supports", "iran", "houthis")
    assert r.hedge == "reported" and r.attributed_to is None


def test_answer_to_and_quantified_subjects(run):
    result = run("Several of the brigades, including Kata'ib Hezbollah and Harakat Hezbollah al-Nujaba, "
                 "answer to the Quds Force.")
    rel(result, "leads", "irgc-quds-force", "kataib-hezbollah")
    rel(result, "leads", "irgc-quds-force", "harakat-hezbollah-al-nujaba")


def test_pronoun_it_and_head_of_government_title(run):
    result = run("The Badr Organization fought in Diyala. It was founded by the Islamic Supreme Council. "
                 "Iraqi Prime Minister Mohammed Shia al-Sudani visited Tehran.")
    rel(result, "created", "islamic-supreme-council", "badr-organization")
    rel(result, "leads", "mohammed-shia-al-sudani", "iraq")


def test_deployments_wars_and_own_agents(run):
    result = run("The Rapid Support Forces have been at war with the Sudanese Armed Forces since 2023. "
                 "The Syrian Democratic Forces are led by Mazloum Abdi and dominated by the YPG. "
                 "Russia's Africa Corps has deployed about 2,000 troops to Mali and Niger.")
    assert any(r.type == "opposes" and {r.source, r.target} == {"rapid-support-forces", "sudanese-armed-forces"}
               for r in result.relations)
    rel(result, "leads", "mazloum-abdi", "syrian-democratic-forces")
    assert not any(r.type == "leads" and r.source == "ypg" for r in result.relations)
    rel(result, "operates_in", "africa-corps", "mali")
    rel(result, "operates_in", "africa-corps", "niger")


def test_headline_accused_of(run):
    result = run("UAE accused of arming Sudan's RSF\n\nFighting goes on.")
    r = rel(result, "supports", "united-arab-emirates", "rapid-support-forces")
    assert r.hedge == "alleged"


def test_a_dated_dateline_is_not_the_subject(run):
    result = run("KHARTOUM, June 3, 2024 (AP) — The United Arab Emirates has supplied weapons to the Rapid "
                 "Support Forces, a United Nations panel said.")
    assert not any(r.source == "sudan" for r in result.relations)
    rel(result, "supports", "united-arab-emirates", "rapid-support-forces")


def test_now_under_the_command_of_opens_an_office(run):
    result = run("The Quds Force is now under the command of Esmail Qaani.", published="2020-01-09")
    assert rel(result, "leads", "esmail-qaani", "irgc-quds-force").valid_from == "2020-01-09"


def test_named_to_an_office_and_helping_someone_do_something(run):
    result = run("Naim Qassem was named secretary-general of Hezbollah on Tuesday. Iran appointed "
                 "Esmail Qaani as commander of the Quds Force. The Quds Force is helping Hezbollah rebuild.")
    rel(result, "leads", "naim-qassem", "hezbollah")
    rel(result, "leads", "esmail-qaani", "irgc-quds-force")
    rel(result, "supports", "irgc-quds-force", "hezbollah")


def test_armed_wing_in_apposition_and_hyphen_scope(run):
    result = run("Hamas's armed wing, the Izz ad-Din al-Qassam Brigades, claimed the rocket fire. The "
                 "IRGC-backed Kataib Hezbollah and the Nujaba movement operate in Iraq.")
    rel(result, "part_of", "izz-ad-din-al-qassam-brigades", "hamas")
    rel(result, "supports", "irgc", "kataib-hezbollah")
    assert not any(r.type == "supports" and r.target == "harakat-hezbollah-al-nujaba" for r in result.relations)
