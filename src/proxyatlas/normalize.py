"""Name keys: how two spellings of one name are recognised as the same.

`exact_key` folds case, diacritics, apostrophes, hyphens and Arabic article variants
(al-/el-/ad-/ash-...), so "al-Hashd al-Sha'bi" and "Al Hashd al Shabi" share a key.
`fold_key` also folds transliteration: vowels become one class and doubled letters one
letter, so Qasem/Qassem/Ghasem, Quds/Qods and Hezbollah/Hizballah share a key. Folding is
only safe for capitalised names (it would make "homes" look like "Hamas"), which is the
caller's rule to apply.
"""

from __future__ import annotations

import re
import unicodedata

_APOSTROPHES = re.compile(r"[’'`ʼʿʾ‘]")
_SEPARATORS = re.compile(r"[-‐‑‒–—_/.]")
_NON_WORD = re.compile(r"[^\w\s]")
_SPACES = re.compile(r"\s+")
# Sun-letter assimilations of the Arabic article, written as separate hyphenated words.
_ARTICLES = {"al", "el", "ad", "ar", "as", "ash", "at", "az", "an", "ath", "adh"}
_DIGRAPHS = (("gh", "q"), ("kh", "k"), ("ph", "f"), ("ou", "u"), ("ee", "i"), ("oo", "u"))
_VOWELS = re.compile(r"[aeiou]+")
_DOUBLES = re.compile(r"([^\d])\1+")  # "Unit 400" and "Unit 4400" stay apart


def strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def words(name: str) -> list[str]:
    """Casefolded words of a name with punctuation and the Arabic article removed."""
    s = strip_accents(name).casefold()
    s = _APOSTROPHES.sub("", s)
    # "U.S." and "I.S.I.S." are acronyms, not separate letters.
    if re.fullmatch(r"(?:\w\.){2,}", s):
        s = s.replace(".", "")
    s = _SEPARATORS.sub(" ", s)
    s = _NON_WORD.sub(" ", s)
    tokens = _SPACES.sub(" ", s).strip().split(" ")
    tokens = [t for t in tokens if t]
    if tokens and tokens[0] == "the":
        tokens = tokens[1:]
    return [t for t in tokens if t not in _ARTICLES] or tokens


def exact_key(name: str) -> str:
    return " ".join(words(name))


def fold_word(word: str) -> str:
    for digraph, single in _DIGRAPHS:
        word = word.replace(digraph, single)
    word = _DOUBLES.sub(r"\1", word)
    return _VOWELS.sub("a", word)


def fold_key(name: str) -> str:
    return " ".join(fold_word(w) for w in words(name))


def slugify(name: str) -> str:
    s = strip_accents(name).casefold()
    s = _APOSTROPHES.sub("", s)
    s = re.sub(r"[^\w]+", "-", s).strip("-")
    return s or "unnamed"


def is_acronym(name: str) -> bool:
    """An all-capitals alias such as IS, US, NDF or U.S. must match case-sensitively."""
    letters = [c for c in name if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters) and len(letters) <= 6
