"""Quantity claims (nlp/quantities.py) on sentences written for these tests."""

from __future__ import annotations

import pytest
from test_hedges import NEEDED, registry_with

from proxyatlas.model import Document, Quantity
from proxyatlas.nlp.attribution import find_quotes
from proxyatlas.nlp.mentions import find_mentions
from proxyatlas.nlp.pipeline import parse
from proxyatlas.nlp.quantities import find_quantities
from proxyatlas.nlp.resolve import resolve
from proxyatlas.nlp.statements import find_statements

PUBLISHED = "2024-03-05"


@pytest.fixture(scope="module")
def quantities(tmp_path_factory):
    registry = registry_with(NEEDED, tmp_path_factory.mktemp("registry"))

    def _quantities(text: str) -> list[Quantity]:
        doc = parse(text)
        resolved = resolve(doc, find_mentions(doc, registry), registry)
        statements = find_statements(doc, resolved, Document(text, published=PUBLISHED))
        return find_quantities(doc, resolved, find_quotes(doc), statements, PUBLISHED)

    return _quantities


def only(found: list[Quantity]) -> Quantity:
    assert len(found) == 1, found
    return found[0]


def test_plain_number(quantities):
    q = only(quantities("Hezbollah has 400 fighters in the south."))
    assert (q.subject, q.value, q.value_max, q.unit, q.approximate) == ("hezbollah", 400, None, "fighters", False)
    assert q.attributed_to is None and q.date == PUBLISHED
    assert q.evidence[0].text == "Hezbollah has 400 fighters in the south."


def test_comma_number_subject_of_verb_with_prepositional_object(quantities):
    q = only(quantities("The Iranians now have access to around 150,000 armed volunteers."))
    assert (q.subject, q.value, q.unit, q.approximate) == ("iran", 150000, "armed volunteers", True)


def test_actor_inside_the_counted_phrase(quantities):
    q = only(quantities("Some 12,000 Houthi fighters crossed the border."))
    assert (q.subject, q.value, q.unit, q.approximate) == ("houthis", 12000, "fighters", True)


def test_word_number(quantities):
    q = only(quantities("The Houthis launched two dozen drones last night."))
    assert (q.subject, q.value, q.unit) == ("houthis", 24, "drones")


def test_a_dozen(quantities):
    assert only(quantities("Hezbollah fired a dozen rockets.")).value == 12


def test_range_with_en_dash(quantities):
    q = only(quantities("Hezbollah has 8,000–9,000 rockets."))
    assert (q.value, q.value_max, q.unit) == (8000, 9000, "rockets")


def test_range_with_between(quantities):
    q = only(quantities("The Houthis have between 20,000 and 30,000 troops in the north."))
    assert (q.subject, q.value, q.value_max, q.unit) == ("houthis", 20000, 30000, "troops")


def test_range_with_to(quantities):
    q = only(quantities("Hezbollah has 8,000 to 9,000 rockets."))
    assert (q.value, q.value_max) == (8000, 9000)


@pytest.mark.parametrize("cue", ["about", "nearly", "up to", "more than", "at least", "roughly", "an estimated"])
def test_approximate_cues(quantities, cue):
    q = only(quantities(f"Hezbollah has {cue} 45,000 fighters."))
    assert q.value == 45000 and q.approximate is True


def test_money_given_is_about_the_giver(quantities):
    # The annotated sets count money handed over as the giver's ("Iranian aid ... $100 million").
    q = only(quantities("Iran gives Hezbollah $350 million a year."))
    assert (q.subject, q.value, q.unit) == ("iran", 350_000_000, "USD")


def test_money_in_words(quantities):
    q = only(quantities("Iran sends 90 million dollars to the Houthis every year."))
    assert (q.subject, q.value, q.unit) == ("iran", 90_000_000, "USD")


def test_casualties_are_about_the_side_that_suffered(quantities):
    q = only(quantities("The drone strike killed 4 US soldiers near the border."))
    assert (q.subject, q.value, q.unit) == ("united-states", 4, "soldiers")


def test_casualties_without_a_named_side_are_skipped(quantities):
    assert quantities("The drone strike killed 4 soldiers near the border.") == []


def test_plural_scale_words_are_not_values(quantities):
    assert quantities("Hezbollah has thousands of fighters and dozens of drones.") == []


def test_years_dates_percentages_and_names_are_skipped(quantities):
    text = ("In 2019, Hezbollah lost 10 percent of its budget on March 3 at Tower 22, "
            "and its 40-year-old commander was killed.")
    assert quantities(text) == []


def test_attribution_via_saying_verb(quantities):
    q = only(quantities("Hezbollah now has 60,000 fighters, Daniel Marlow said."))
    assert (q.subject, q.value, q.attributed_to) == ("hezbollah", 60000, "daniel-marlow")


def test_attribution_via_according_to(quantities):
    q = only(quantities("According to Reuters, the Houthis have 3,000 missiles."))
    assert (q.subject, q.attributed_to) == ("houthis", "reuters")


def test_negated_number_is_not_a_claim(quantities):
    assert quantities("Hezbollah does not have 100,000 fighters.") == []


def test_clause_date(quantities):
    q = only(quantities("In 2015, Hezbollah deployed 7,000 fighters to Syria."))
    assert q.date == "2015"


@pytest.mark.parametrize("sentence, subject, value, unit", [
    ("The Houthis command some 20,000 fighters.", "houthis", 20000, "fighters"),
    ("Hezbollah has an arsenal of about 150,000 rockets.", "hezbollah", 150000, "rockets"),
    ("The Popular Mobilization Forces have grown into an umbrella of some 238,000 fighters.",
     "popular-mobilization-forces", 238000, "fighters"),
])
def test_holders_of_objects_and_of_phrases(sentence, subject, value, unit):
    from proxyatlas.api import extract

    found = [(q.subject, q.value, q.unit) for q in extract(sentence).quantities]
    assert (subject, value, unit) in found


def test_holder_named_by_reference():
    from proxyatlas.api import extract

    result = extract("Hezbollah fired rockets on Monday. Analysts said the group still has between 40,000 "
                     "and 50,000 fighters.")
    assert [(q.subject, q.value, q.value_max, q.unit) for q in result.quantities] == [
        ("hezbollah", 40000, 50000, "fighters")]
