"""Sentence boundaries the news pipeline (nlp/pipeline.py) adds: lines and datelines."""

import pytest

from proxyatlas.nlp.pipeline import parse


def first_sentence_after_dateline(text: str) -> str:
    return [s.text for s in parse(text).sents][1]


@pytest.mark.parametrize("dateline", [
    "KABUL, March 3 (Hindu Kush Wire) -",
    "ADEN/RIYADH, Feb 9 (Sea & Sand Newswire) -",
    "KINSHASA, Congo, June 4 (Central Africa Wire Service) -",
    "NEW DELHI —",
])
def test_a_dateline_is_its_own_sentence(dateline):
    text = f"{dateline} The coalition struck more than 40 targets overnight."
    assert first_sentence_after_dateline(text) == "The coalition struck more than 40 targets overnight."


def test_a_capitalised_opening_without_a_dash_is_not_cut():
    text = "NATO and the EU said on Monday - in a joint note - that talks would resume."
    assert len(list(parse(text).sents)) == 1
