"""Relations, second pass: hedges and constructions on sentences written for these tests."""

from conftest import relation_set


def rel(result, rtype, source, target):
    for r in result.relations:
        if (r.type, r.source, r.target) == (rtype, source, target):
            return r
    raise AssertionError(f"no {rtype}({source}, {target}) in {sorted(relation_set(result))}")


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
