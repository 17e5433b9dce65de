"""Which ends each relation type may join (data/ontology.yaml `allow`): validated when the ontology
loads, enforced once on every extracted relation."""

from importlib import resources

import pytest
import yaml
from conftest import relation_set

from proxyatlas.errors import DataError
from proxyatlas.ontology import load_ontology, parse_ontology

ONTOLOGY = resources.files("proxyatlas") / "data" / "ontology.yaml"


def _raw() -> dict:
    return yaml.safe_load(ONTOLOGY.read_text(encoding="utf-8"))


def test_shipped_ontology_loads_with_end_constraints():
    leads = load_ontology().relation_types["leads"]
    assert leads.admits(("person", None), ("organization", "armed_group"))
    assert leads.admits(("organization", "armed_group"), ("country", None))  # a group ruling a state
    assert not leads.admits(("organization", "state_body"), ("country", None))  # a committee does not
    assert not leads.admits(("person", None), ("place", None))


def test_operates_in_needs_an_acting_organization_or_a_state_abroad():
    operates_in = load_ontology().relation_types["operates_in"]
    assert operates_in.admits(("organization", "armed_group"), ("place", None))
    assert operates_in.admits(("country", None), ("country", None))  # "US troops in Iraq"
    assert not operates_in.admits(("person", None), ("country", None))
    assert not operates_in.admits(("organization", "media"), ("country", None))
    assert not operates_in.admits(("organization", "armed_group"), ("organization", "armed_group"))


@pytest.mark.parametrize("rtype, source, target", [
    ("leads", ("organization", "state_body"), ("organization", "armed_group")),  # "an IRGC-led militia"
    ("leads", ("country", None), ("organization", "state_body")),  # "a Saudi-led coalition"
    ("member_of", ("person", None), ("organization", "research")),  # "an analyst at the institute"
    ("part_of", ("country", None), ("organization", "other")),  # a state in a task force
    ("part_of", ("organization", "armed_group"), ("organization", "political")),  # a bloc of parties
    ("supports", ("organization", "other"), ("person", None)),  # a company financing a warlord
    ("created", ("person", None), ("organization", "political")),
    ("trains", ("country", None), ("organization", "armed_group")),
    ("operates_in", ("organization", "other"), ("place", None)),  # "a car dealer based in Istanbul"
    ("operates_in", ("country", None), ("place", None)),  # "Turkish troops in Afrin"
    ("opposes", ("organization", "state_body"), ("person", None)),  # sanctions on a person
    ("allied_with", ("person", None), ("organization", "armed_group")),
])
def test_relations_the_annotation_rules_call_for_are_admitted(rtype, source, target):
    assert load_ontology().relation_types[rtype].admits(source, target)


def test_symmetric_types_admit_either_order():
    allied = load_ontology().relation_types["allied_with"]
    assert allied.admits(("country", None), ("person", None))
    assert allied.admits(("person", None), ("country", None))


def test_unknown_category_is_refused_with_the_relation_named():
    raw = _raw()
    raw["relation_types"]["operates_in"]["allow"][0]["source"].append("militia")
    with pytest.raises(DataError) as error:
        parse_ontology(raw, "ontology.yaml")
    message = str(error.value)
    assert "'operates_in'" in message and "'militia'" in message
    assert "armed_group" in message  # the valid names are listed


def test_unknown_entity_type_and_missing_allow_are_refused():
    raw = _raw()
    raw["relation_types"]["leads"]["allow"][0]["target"] = ["organisation"]
    with pytest.raises(DataError, match="'organisation' is neither an entity type"):
        parse_ontology(raw, "ontology.yaml")
    raw = _raw()
    del raw["relation_types"]["supports"]["allow"]
    with pytest.raises(DataError, match="'supports'.*'symmetric' and 'allow'"):
        parse_ontology(raw, "ontology.yaml")
    raw = _raw()
    raw["relation_types"]["trains"]["allow"] = [{"source": ["person"]}]
    with pytest.raises(DataError, match="exactly 'source' and 'target'"):
        parse_ontology(raw, "ontology.yaml")


def test_relation_breaking_a_constraint_is_dropped(run):
    # "controls" gives leads; a ministry (state_body) may lead a unit but not rule a country.
    result = run("Iran's Ministry of Intelligence controls the Quds Force. "
                 "The Ministry of Intelligence also controls Iraq, a lawmaker in Baghdad claimed.")
    relations = relation_set(result)
    assert not any(r[0] == "leads" and r[2] == "iraq" for r in relations), relations


def test_person_does_not_operate_in_a_place(run):
    result = run("Hezbollah operates in Lebanon. Ali Reza Tavakoli operates in Syria.")
    relations = relation_set(result)
    assert ("operates_in", "hezbollah", "lebanon") in relations
    assert not any(r[0] == "operates_in" and r[1] != "hezbollah" for r in relations), relations
