"""Cue lexicons (lexicon.py): word lists read as words, and mistakes in them refused in one line."""

import pytest

from proxyatlas.errors import DataError
from proxyatlas.lexicon import load_lexicon, read_lexicon


def test_words_yaml_would_read_as_booleans_stay_words():
    data = read_lexicon("version: 1\npreps: [in, on, off, no, yes]\nflag: true\n", "mine.yaml")
    assert data["preps"] == ["in", "on", "off", "no", "yes"]
    assert data["flag"] is True


def test_a_key_given_twice_is_refused_in_one_line_naming_the_file():
    with pytest.raises(DataError) as raised:
        read_lexicon("version: 1\nnouns: [a]\nverbs: [b]\nnouns: [c]\n", "mine.yaml")
    message = str(raised.value)
    assert "mine.yaml" in message and "duplicate key 'nouns'" in message and "line 4" in message
    assert "\n" not in message


def test_a_lexicon_without_a_version_is_refused():
    with pytest.raises(DataError, match="integer 'version'"):
        read_lexicon("nouns: [a]\n", "mine.yaml")


@pytest.mark.parametrize("name", ["attribution", "coref", "dates", "events", "hedges", "metonyms",
                                  "organizations", "quantities", "relations", "titles", "given_names"])
def test_every_shipped_lexicon_loads(name):
    assert isinstance(load_lexicon(name)["version"], int)
