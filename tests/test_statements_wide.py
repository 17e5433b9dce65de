"""Statements: who speaks and when, on constructions from outside reporting (sentences written
for these tests, not taken from any evaluation text)."""

import pytest


def speakers(run, text, published="2024-05-17", **kwargs):
    return [(s.speaker, s.date) for s in run(text, published=published, **kwargs).statements]


def who(run, text, **kwargs):
    return {speaker for speaker, _ in speakers(run, text, **kwargs)}


# --- who speaks ------------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Hezbollah fighters are said to have crossed the border.",
    "Hezbollah is reported to have moved rockets south.",
    "The Houthis are stated to have seized a second ship.",
])
def test_a_passive_report_is_no_statement_by_its_subject(run, text):
    assert who(run, text) == set()


def test_a_negated_saying_is_no_statement(run):
    assert who(run, "Hezbollah has not commented on the strike.") == set()


def test_a_relative_pronoun_speaks_for_its_antecedent(run):
    text = "Naim Qassem, who told reporters that the war would go on, met the envoy in Beirut."
    assert who(run, text) == {"naim-qassem"}


@pytest.mark.parametrize("text, speaker", [
    ("The Houthis condemned the raid on Sanaa.", "houthis"),
    ("Hezbollah denounced the strike as a crime.", "hezbollah"),
    ("Israel blamed Hezbollah for the rocket attack.", "israel"),
    ("The Houthis promised on Monday to keep attacking ships.", "houthis"),
])
def test_verbs_of_condemning_blaming_and_promising_are_statements(run, text, speaker):
    assert speaker in who(run, text)


def test_an_estimate_put_at_a_figure_is_a_statement(run):
    assert who(run, "Reuters puts the strength of Hezbollah at 40,000 fighters.") == {"reuters"}


def test_put_without_an_estimate_is_no_statement(run):
    assert who(run, "Hezbollah put its fighters on alert.") == set()


def test_calling_something_something_is_a_statement(run):
    assert who(run, "Naim Qassem called the strike a declaration of war.") == {"naim-qassem"}


def test_dismissing_a_person_is_no_statement(run):
    assert who(run, "Abd-Rabbu Mansour Hadi dismissed him as governor of Aden.") == set()


def test_the_author_of_a_report_speaks(run):
    text = "The latest report of Human Rights Watch describes Hezbollah as the strongest militia."
    assert who(run, text) == {"human-rights-watch"}


def test_a_country_owning_a_group_noun_does_not_speak(run):
    assert who(run, "Iraq's armed factions deny any role in the attack.") == set()
