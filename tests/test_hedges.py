"""Hedge and attribution cue families (nlp/hedges.py) on sentences written for these tests."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from proxyatlas.model import Document
from proxyatlas.nlp.attribution import find_quotes
from proxyatlas.nlp.hedges import hedge_for, surest
from proxyatlas.nlp.mentions import find_mentions
from proxyatlas.nlp.pipeline import parse
from proxyatlas.nlp.resolve import resolve
from proxyatlas.nlp.statements import find_statements
from proxyatlas.registry import load_registry

# Actors the sentences below need; any the bundled registry lacks go into a test registry file.
NEEDED = [
    {"id": "iran", "name": "Iran", "type": "country", "demonyms": ["Iranian", "Iranians"]},
    {"id": "hezbollah", "name": "Hezbollah", "type": "organization", "category": "armed_group"},
    {"id": "houthis", "name": "Houthis", "type": "organization", "category": "armed_group",
     "aliases": ["Houthi", "Ansar Allah"]},
    {"id": "saudi-arabia", "name": "Saudi Arabia", "type": "country", "demonyms": ["Saudi"]},
    {"id": "united-states", "name": "United States", "type": "country", "aliases": ["US", "U.S."],
     "demonyms": ["American"]},
    {"id": "reuters", "name": "Reuters", "type": "organization", "category": "media"},
    {"id": "daniel-marlow", "name": "Daniel Marlow", "type": "person"},
    {"id": "miriam-okafor", "name": "Miriam Okafor", "type": "person"},
]


def registry_with(needed: list[dict], folder: Path):
    """The bundled registry plus a file holding whichever needed actors it lacks."""
    bundled = load_registry()
    missing = [a for a in needed if bundled.get(a["id"]) is None]
    if not missing:
        return bundled
    path = folder / "test-actors.yaml"
    path.write_text(yaml.safe_dump({"schema": 1, "actors": missing}), encoding="utf-8")
    return load_registry([path])


@pytest.fixture(scope="module")
def registry(tmp_path_factory):
    return registry_with(NEEDED, tmp_path_factory.mktemp("registry"))


@pytest.fixture(scope="module")
def hedge(registry):
    """hedge_for on a text, the anchor given as the words of the fact (first occurrence each)."""

    def _hedge(text: str, *words: str) -> tuple[str, str | None]:
        doc = parse(text)
        resolved = resolve(doc, find_mentions(doc, registry), registry)
        quotes = find_quotes(doc)
        statements = find_statements(doc, resolved, Document(text, published="2024-03-05"))
        anchor = [next(t for t in doc if t.text == w) for w in words]
        return hedge_for(anchor, resolved, quotes, statements)

    return _hedge


def test_plain_statement_is_asserted(hedge):
    assert hedge("Iran supports Hezbollah with money and weapons.", "Iran", "supports", "Hezbollah") \
        == ("asserted", None)


def test_reportedly_is_reported_without_source(hedge):
    assert hedge("Iran reportedly arms the Houthis.", "Iran", "arms", "Houthis") == ("reported", None)


def test_according_to_names_the_source(hedge):
    assert hedge("According to Reuters, Iran arms the Houthis.", "Iran", "arms", "Houthis") \
        == ("reported", "reuters")


def test_verb_of_saying_attributes_to_speaker(hedge):
    assert hedge("Daniel Marlow said that Iran arms the Houthis.", "Iran", "arms", "Houthis") \
        == ("reported", "daniel-marlow")


def test_trailing_he_said_attributes_to_antecedent(hedge):
    text = "Daniel Marlow spoke at length. Iran also has relations with the Houthis, he said."
    assert hedge(text, "Iran", "relations", "Houthis") == ("reported", "daniel-marlow")


def test_quotation_is_reported_by_the_quoted_speaker(hedge):
    text = 'Miriam Okafor told reporters: "Iran arms the Houthis and pays their commanders."'
    assert hedge(text, "Iran", "arms", "Houthis") == ("reported", "miriam-okafor")


def test_quotation_before_its_speaker(hedge):
    text = '"Iran arms the Houthis and pays their commanders," Miriam Okafor said.'
    assert hedge(text, "Iran", "arms", "Houthis") == ("reported", "miriam-okafor")


def test_allegedly_is_alleged(hedge):
    assert hedge("Iran allegedly arms the Houthis.", "Iran", "arms", "Houthis") == ("alleged", None)


def test_claims_that_is_alleged_by_the_claimant(hedge):
    assert hedge("Saudi Arabia claims that Iran arms the Houthis.", "Iran", "arms", "Houthis") \
        == ("alleged", "saudi-arabia")


def test_accused_of_is_alleged(hedge):
    assert hedge("The United States accused Iran of arming the Houthis.", "Iran", "arming", "Houthis") \
        == ("alleged", "united-states")


def test_passive_accusation_has_no_speaker(hedge):
    assert hedge("Iran was accused of arming the Houthis.", "Iran", "arming", "Houthis") == ("alleged", None)


@pytest.mark.parametrize("modal", ["could", "might", "may", "would"])
def test_modal_is_speculative(hedge, modal):
    assert hedge(f"Iran {modal} arm the Houthis.", "Iran", "arm", "Houthis") == ("speculative", None)


def test_likely_is_speculative(hedge):
    assert hedge("Iran is likely to arm the Houthis.", "Iran", "arm", "Houthis")[0] == "speculative"


def test_if_clause_is_speculative_and_not_attributed(hedge):
    # "respond" is a verb of saying, but the condition is not what it says.
    text = "If Iran arms the Houthis, Saudi Arabia will respond."
    assert hedge(text, "Iran", "arms", "Houthis") == ("speculative", None)


def test_denied_by_the_denier(hedge):
    assert hedge("Saudi Arabia denied that it supports the Houthis.", "it", "supports", "Houthis") \
        == ("denied", "saudi-arabia")


def test_denied_with_shared_subject(hedge):
    assert hedge("Iran denied arming the Houthis.", "Iran", "arming", "Houthis") == ("denied", "iran")


def test_no_evidence_is_denied(hedge):
    assert hedge("There is no evidence that Iran arms the Houthis.", "Iran", "arms", "Houthis")[0] == "denied"


@pytest.mark.parametrize("text", ["Iran did not arm the Houthis.", "Iran never armed the Houthis."])
def test_negation_is_denied(hedge, text):
    verb = text.split()[2].rstrip(".")
    assert hedge(text, "Iran", verb, "Houthis") == ("denied", None)


def test_not_only_does_not_negate(hedge):
    assert hedge("Iran not only arms the Houthis but also pays them.", "Iran", "arms", "Houthis")[0] == "asserted"


def test_modal_inside_quote_keeps_speculative_and_speaker(hedge):
    text = '"Iran could demand more help from Hezbollah in the coming years," Daniel Marlow said.'
    assert hedge(text, "Iran", "demand", "Hezbollah") == ("speculative", "daniel-marlow")


def test_modal_on_main_clause_does_not_reach_a_modifier(hedge):
    # The backing is stated; only the attack is a possibility.
    text = "Iranian-backed militias could attack the Houthis."
    assert hedge(text, "Iranian", "backed", "militias") == ("asserted", None)


def test_modal_of_light_verb_reaches_its_noun(hedge):
    text = "Iran would hold leverage over Hezbollah, Reuters reported."
    assert hedge(text, "Iran", "leverage", "Hezbollah") == ("speculative", "reuters")


def test_conjoined_finite_clause_keeps_its_own_hedge(hedge):
    text = "Iran could arm the Houthis and supports Hezbollah."
    assert hedge(text, "Iran", "supports", "Hezbollah") == ("asserted", None)


def test_surest():
    assert surest(["denied", "reported", "speculative"]) == "reported"
    assert surest(["alleged", "asserted"]) == "asserted"
    assert surest([]) == "asserted"


def test_what_a_speaker_describes_itself_as_is_reported(run):
    result = run("The Houthis describe themselves as part of the axis of resistance, an Iran-aligned alliance.")
    part = next(r for r in result.relations if r.type == "part_of")
    assert (part.source, part.hedge, part.attributed_to) == ("houthis", "reported", "houthis")
    served = run("Ali Dhere has long served as spokesman of al-Shabaab.").relations
    assert [r.hedge for r in served if r.type == "member_of"] == ["asserted"]


@pytest.mark.parametrize("text", [
    "Iran rejected US accusations that it arms the Houthis.",
    "Iran denied US claims that it arms the Houthis.",
])
def test_a_rejected_accusation_keeps_the_accuser_s_claim(run, text):
    backing = next(r for r in run(text).relations if r.type == "supports")
    assert (backing.hedge, backing.attributed_to) == ("alleged", "united-states")


def test_a_bare_denial_stays_denied(run):
    backing = next(r for r in run("Iran denied arming the Houthis.").relations if r.type == "supports")
    assert backing.hedge == "denied"


def test_a_leader_s_possessive_name_is_a_description_even_in_a_report(run):
    text = "CNN reported that Khalifa Haftar's Libyan National Army had flown missiles to Sudan."
    leads = next(r for r in run(text).relations if r.type == "leads")
    assert (leads.source, leads.target, leads.hedge) == ("khalifa-haftar", "libyan-national-army", "asserted")
