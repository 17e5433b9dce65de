"""Name keys: spellings of one name share a key; different names do not."""

import pytest

from proxyatlas.normalize import exact_key, fold_key, is_acronym, slugify


@pytest.mark.parametrize("a, b", [
    ("Qasem Soleimani", "Qassem Soleimani"),
    ("Qasem Soleimani", "Ghasem Suleimani"),
    ("Quds Force", "Qods Force"),
    ("Hezbollah", "Hizballah"),
    ("Hezbollah", "Hizbullah"),
    ("al-Hashd al-Sha'bi", "Al Hashd al-Shabi"),
    ("Esmail Qaani", "Ismail Ghaani"),
    ("Mohammed bin Salman", "Muhammad bin Salman"),
    ("Sayyed Mahmoud", "Seyyed Mahmoud"),
])
def test_transliteration_variants_share_a_fold_key(a, b):
    assert fold_key(a) == fold_key(b)


@pytest.mark.parametrize("a, b", [
    ("Hamas", "Homs"),
    ("Iran", "Iraq"),
    ("Oman", "Yemen"),
])
def test_different_names_keep_different_keys(a, b):
    assert fold_key(a) != fold_key(b)


@pytest.mark.parametrize("a, b", [
    ("Bashar al-Assad", "Bashar Assad"),
    ("al-Hashd al-Shabi", "Hashd Shabi"),
    ("Ḥizb Allāh", "Hizb Allah"),
    ("U.S.", "US"),
    ("the Taliban", "Taliban"),
    ("IRGC-QF", "IRGC QF"),
])
def test_exact_key_folds_case_diacritics_articles_and_hyphens(a, b):
    assert exact_key(a) == exact_key(b)


def test_acronyms_and_slugs():
    assert is_acronym("NDF") and is_acronym("U.S.") and not is_acronym("Hamas")
    assert slugify("Kata'ib Hezbollah") == "kataib-hezbollah"
    assert slugify("Qasem Soleimani") == "qasem-soleimani"
