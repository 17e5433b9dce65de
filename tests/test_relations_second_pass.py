"""Relations, second pass: hedges and constructions on sentences written for these tests."""

from conftest import rel, relation_set


def test_no_on_the_relation_noun_denies(run):
    result = run("Hezbollah has no links to the Wagner Group.")
    assert rel(result, "allied_with", "hezbollah", "wagner-group").hedge == "denied"


def test_ties_without_no_stay_asserted(run):
    result = run("Hezbollah has close ties to the Wagner Group.")
    assert rel(result, "allied_with", "hezbollah", "wagner-group").hedge == "asserted"


def test_no_on_the_object_denies_presence(run):
    result = run("Russia has no fighters in Sudan.")
    assert rel(result, "operates_in", "russia", "sudan").hedge == "denied"


def test_object_without_no_is_asserted(run):
    result = run("Iran has fighters in Sudan.")
    assert rel(result, "operates_in", "iran", "sudan").hedge == "asserted"


def test_refusal_denies_the_verb_it_governs(run):
    result = run("Iran refused to back the Houthis.")
    assert rel(result, "supports", "iran", "houthis").hedge == "denied"
    result = run("Turkey declined to support the Syrian National Army.")
    assert rel(result, "supports", "turkey", "syrian-national-army").hedge == "denied"


def test_refusal_elsewhere_does_not_deny(run):
    result = run("Iran backs the Houthis, who refused to negotiate with the government.")
    assert rel(result, "supports", "iran", "houthis").hedge == "asserted"


def test_condition_reaches_a_fact_inside_its_noun_phrase(run):
    result = run("Analysts say that if the militia becomes the main recipient of Turkish military aid to Libya, "
                 "Ankara would gain leverage.")
    assert rel(result, "supports", "turkey", "libya").hedge == "speculative"


def test_denial_does_not_reach_a_presupposed_noun_phrase(run):
    result = run("The militia was not the main recipient of Turkish military aid to Libya.")
    assert rel(result, "supports", "turkey", "libya").hedge == "asserted"


def test_counted_designation_opposes_the_listed_items(run):
    result = run("On 3 May 2021 the Treasury designated two companies and one individual. "
                 "(1) Northwind Minerals SARL (Chad). A gold trader. "
                 "(2) Ivan Petrov (Russian national). A logistics manager.")
    rel(result, "opposes", "northwind-minerals-sarl", "us-department-of-the-treasury")
    rel(result, "opposes", "ivan-petrov", "us-department-of-the-treasury")


def test_passive_heading_names_the_designator(run):
    result = run("Persons designated by the Treasury:\n(a) Ivan Petrov, a logistics manager.")
    rel(result, "opposes", "ivan-petrov", "us-department-of-the-treasury")


def test_possessed_office_is_the_designator(run):
    result = run("The U.S. Department of the Treasury's Office of Foreign Assets Control (OFAC) designated "
                 "three companies. (a) Northwind Minerals SARL. A gold trader.")
    rel(result, "opposes", "northwind-minerals-sarl", "ofac")


def test_list_without_counted_designation_is_no_target(run):
    result = run("The Treasury designated Ivan Petrov in 2021. The report covers three firms. "
                 "(1) Northwind Minerals SARL (Chad). A gold trader.")
    assert ("opposes", "northwind-minerals-sarl", "us-department-of-the-treasury") not in relation_set(result)


def test_bracketed_letter_inside_a_sentence_is_no_list_item(run):
    result = run("The Treasury designated two companies under section (b) Northwind Minerals rules.")
    assert not any(r.type == "opposes" for r in result.relations)


def test_negated_counted_designation_lists_no_target(run):
    result = run("The Treasury did not designate two companies. (1) Northwind Minerals SARL (Chad). A gold trader.")
    assert ("opposes", "northwind-minerals-sarl", "us-department-of-the-treasury") not in relation_set(result)


def test_role_noun_without_article_after_copula(run):
    result = run("Hamid Karimi was emir of the Northern Front.")
    assert rel(result, "leads", "hamid-karimi", "northern-front").hedge == "asserted"
    result = run("Hamid Karimi became emir of the Northern Front in 2014.")
    rel(result, "leads", "hamid-karimi", "northern-front")


def test_bare_role_noun_is_hedged_with_its_verb(run):
    result = run("Hamid Karimi is not emir of the Northern Front.")
    assert rel(result, "leads", "hamid-karimi", "northern-front").hedge == "denied"
    result = run("Hamid Karimi could become emir of the Northern Front.")
    assert rel(result, "leads", "hamid-karimi", "northern-front").hedge == "speculative"


def test_adjective_complement_is_no_role(run):
    result = run("Hamid Karimi is close to the Northern Front.")
    assert not any(r.type in {"leads", "member_of"} for r in result.relations)


def test_denial_after_a_semicolon_does_not_reach_the_clause_before(run):
    result = run("The Treasury sanctioned Hezbollah in 2019, accusing it of arming the Houthis; "
                 "Hezbollah consistently denied the charge.")
    assert rel(result, "opposes", "hezbollah", "us-department-of-the-treasury").hedge == "asserted"


def test_denial_before_a_semicolon_still_denies_its_own_clause(run):
    result = run("Iran denied that it arms the Houthis; officials repeated the denial on Monday.")
    assert rel(result, "supports", "iran", "houthis").hedge == "denied"


def test_restricted_negation_denies_only_exclusiveness(run):
    result = run("The Houthis do not rely solely on Iran.")
    assert rel(result, "supports", "iran", "houthis").hedge == "asserted"
    result = run("Haftar has never relied on Russia alone.")
    assert rel(result, "supports", "russia", "khalifa-haftar").hedge == "asserted"


def test_plain_negation_still_denies(run):
    result = run("Iran does not arm the Houthis.")
    assert rel(result, "supports", "iran", "houthis").hedge == "denied"
