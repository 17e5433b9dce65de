"""Events (SPEC "Events"): triggers, participants, place, date, hedge; on sentences written for
these tests. The publication date is Thursday 2020-01-09 unless a test says otherwise."""

from __future__ import annotations

import pytest

from proxyatlas.lexicon import load_lexicon
from proxyatlas.model import Document, Event
from proxyatlas.nlp.attribution import find_quotes
from proxyatlas.nlp.events import find_events
from proxyatlas.nlp.mentions import find_mentions
from proxyatlas.nlp.pipeline import parse
from proxyatlas.nlp.resolve import Resolved, resolve
from proxyatlas.nlp.statements import find_statements
from proxyatlas.registry import load_registry

PUBLISHED = "2020-01-09"  # a Thursday


def _extract(text: str, published: str | None = PUBLISHED) -> tuple[list[Event], Resolved]:
    registry = load_registry()
    doc = parse(text)
    resolved = resolve(doc, find_mentions(doc, registry), registry)
    statements = find_statements(doc, resolved, Document(text, published=published))
    return find_events(doc, resolved, find_quotes(doc), statements, published), resolved


def _id(resolved: Resolved, name: str) -> str:
    """The id of the entity called `name` in this document (ids are the registry's business)."""
    wanted = name.casefold()
    for eid, ent in resolved.entities.items():
        names = {ent.name, *ent.aliases, *(m.text for m in ent.mentions)}
        if wanted in {n.casefold() for n in names}:
            return eid
    raise AssertionError(f"no entity {name!r} in {sorted(resolved.entities)}")


def _only(events: list[Event], etype: str) -> Event:
    found = [e for e in events if e.type == etype]
    assert len(found) == 1, events
    return found[0]


def test_lexicon_is_versioned():
    assert isinstance(load_lexicon("events")["version"], int)


# --------------------------------------------------------------------------- killing


def test_passive_killing_with_by_agent_and_weekday_date():
    events, r = _extract("Qasem Soleimani was killed on Monday by the United States.")
    event = _only(events, "killing")
    assert event.agents == [_id(r, "United States")]
    assert event.targets == [_id(r, "Qasem Soleimani")]
    assert event.date == "2020-01-06"  # the Monday before the Thursday of publication
    assert event.hedge == "asserted" and event.attributed_to is None
    assert event.evidence[0].text == "Qasem Soleimani was killed on Monday by the United States."


def test_active_killing_with_date():
    events, r = _extract("The United States killed Qasem Soleimani on Friday.")
    event = _only(events, "killing")
    assert event.agents == [_id(r, "United States")]
    assert event.targets == [_id(r, "Qasem Soleimani")]
    assert event.date == "2020-01-03"


def test_last_week_is_the_previous_iso_week():
    events, r = _extract("Qasem Soleimani was assassinated last week by the U.S. government.")
    event = _only(events, "killing")
    assert event.date == "2019-12-30/2020-01-05"
    assert event.targets == [_id(r, "Qasem Soleimani")]


def test_no_date_is_invented():
    events, _ = _extract("The United States killed Qasem Soleimani.")
    assert _only(events, "killing").date is None


def test_relative_date_without_publication_date_is_null():
    events, _ = _extract("The United States killed Qasem Soleimani on Friday.", published=None)
    assert _only(events, "killing").date is None


def test_demonym_names_the_target_and_near_gives_the_place():
    events, r = _extract("Kataib Hezbollah killed an American contractor near Kirkuk.")
    event = _only(events, "killing")
    assert event.agents == [_id(r, "Kataib Hezbollah")]
    assert event.targets == [_id(r, "United States")]
    assert event.place == _id(r, "Kirkuk")


def test_possessor_of_a_killing_noun_is_the_victim():
    events, r = _extract("Qasem Soleimani's assassination angered Iran.")
    event = _only(events, "killing")
    assert event.targets == [_id(r, "Qasem Soleimani")] and event.agents == []


def test_pronoun_subject_is_the_previous_person():
    text = "Qasem Soleimani led the Quds Force. He was killed on Friday by the United States."
    events, r = _extract(text)
    event = _only(events, "killing")
    assert event.targets == [_id(r, "Qasem Soleimani")]
    assert event.agents == [_id(r, "United States")]


# --------------------------------------------------------------------------- attack


def test_drone_attack_on_a_us_base_in_jordan():
    events, r = _extract("Iranian-backed militias launched a drone attack on a US base in Jordan.")
    event = _only(events, "attack")
    assert event.targets == [_id(r, "United States")]
    assert event.place == _id(r, "Jordan")
    # The backer of the militias is named as supporter, not as the doer of the attack.
    assert _id(r, "Iranian") not in event.agents


def test_strike_on_two_us_bases_on_wednesday():
    events, r = _extract("Iran carried out a strike on two US bases on Wednesday.")
    event = _only(events, "attack")
    assert event.agents == [_id(r, "Iran")]
    assert event.targets == [_id(r, "United States")]
    assert event.date == "2020-01-08"


def test_verb_and_noun_of_one_attack_are_one_event():
    events, r = _extract("Iran fired missiles in a strike on two US bases in Iraq on Wednesday.")
    event = _only(events, "attack")
    assert event.agents == [_id(r, "Iran")]
    assert event.targets == [_id(r, "United States")]
    assert event.place == _id(r, "Iraq")
    assert event.date == "2020-01-08"


def test_attack_inside_an_if_clause_is_not_asserted():
    events, _ = _extract("If Iran attacked US bases in Iraq, the war would spread.")
    assert not [e for e in events if e.type == "attack" and e.hedge == "asserted"]


@pytest.mark.parametrize("text", [
    "Iran could attack US bases in Iraq.",
    "Iran vowed to strike American targets in the region.",
    "The threat of Iranian attacks on US forces remains high.",
])
def test_attacks_that_did_not_happen_are_not_events(text):
    events, _ = _extract(text)
    assert not [e for e in events if e.type == "attack" and e.hedge == "asserted"]


def test_attack_according_to_a_source_is_reported():
    text = "Kataib Hezbollah fired rockets at the US embassy in Baghdad, according to the Pentagon."
    events, r = _extract(text)
    event = _only(events, "attack")
    assert event.agents == [_id(r, "Kataib Hezbollah")]
    assert event.targets == [_id(r, "United States")]
    assert event.place == _id(r, "Baghdad")
    assert event.hedge == "reported"
    assert event.attributed_to == _id(r, "Pentagon")


def test_demonym_modifier_of_an_attack_noun_is_the_doer():
    events, r = _extract("Israeli airstrikes on Hezbollah positions killed five fighters.")
    event = _only(events, "attack")
    assert event.agents == [_id(r, "Israel")]
    assert event.targets == [_id(r, "Hezbollah")]


# --------------------------------------------------------------------------- appointment, meeting


def test_appointment_passive():
    events, r = _extract("Esmail Qaani was appointed commander of the Quds Force.")
    event = _only(events, "appointment")
    assert event.targets[0] == _id(r, "Esmail Qaani")
    assert _id(r, "Quds Force") in event.targets


def test_a_group_named_x_is_not_an_appointment():
    events, _ = _extract("A militia named Kataib Hezbollah operates in Iraq.")
    assert not [e for e in events if e.type == "appointment"]


def test_meeting_with_place():
    events, r = _extract("Esmail Qaani met Hassan Nasrallah in Beirut.")
    event = _only(events, "meeting")
    assert event.agents == [_id(r, "Esmail Qaani")]
    assert event.targets == [_id(r, "Hassan Nasrallah")]
    assert event.place == _id(r, "Beirut")


def test_talks_between_two_parties():
    events, r = _extract("Talks between Iran and Saudi Arabia were held in Baghdad on Tuesday.")
    event = _only(events, "meeting")
    assert set(event.agents) == {_id(r, "Iran"), _id(r, "Saudi Arabia")}
    assert event.place == _id(r, "Baghdad")
    assert event.date == "2020-01-07"


# --------------------------------------------------------------------------- no event


@pytest.mark.parametrize("text", [
    "Gunmen attacked a checkpoint on Tuesday.",
    "The militia killed a contractor near the border.",
    "Iran struck a deal with Russia.",
])
def test_no_event_without_an_entity_participant_or_trigger(text):
    events, _ = _extract(text)
    assert events == []


def test_what_someone_said_is_not_an_event():
    events, _ = _extract("Hassan Nasrallah said the resistance is strong.")
    assert events == []


# Rules added with the relative-clause, instrument and aim cases (sentences written for these tests).

def _run_events(text: str, published: str | None = None):
    from proxyatlas.api import extract

    return extract(text, published=published).events


def test_relative_clause_on_the_target_belongs_to_the_attack():
    events = _run_events("A drone attack on a Turkish outpost in Syria that killed a Turkish soldier "
                         "was blamed on the PKK.")
    assert [e.type for e in events] == ["attack"]
    assert "turkey" in events[0].targets


def test_an_instrument_of_an_act_happened_and_takes_its_date():
    events = _run_events("Israel closed the round of fighting with a strike on Hezbollah positions on Friday.",
                         published="2024-03-06")
    attack = next(e for e in events if e.type == "attack")
    assert "hezbollah" in attack.targets and attack.date == "2024-03-01"


def test_an_event_noun_that_defines_an_aim_is_no_event():
    events = _run_events("The group's goal is the destruction of Israel and the expulsion of the United States.")
    assert events == []
