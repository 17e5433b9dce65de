"""Is a text English? A cheap heuristic, and what extraction does when it is not.

The relation, event, statement and quantity patterns are English cue words and English
syntax; on another language they find nothing or, worse, nonsense. The registry gazetteer and
the statistical NER still find names in Latin-script text, so a text that is not English keeps
its entities and loses the pattern layers, with a warning.

The test is the share of words that are English stop words (spaCy's list): English news prose
has 30-50 % ("the", "of", "said", "by", ...), French, Spanish, German or Arabic text under 5 %.
Texts under `MIN_WORDS` words are too short to tell and count as English. No language-
identification model is needed, and it never fails.
"""

from __future__ import annotations

import re
from dataclasses import replace

from spacy.lang.en.stop_words import STOP_WORDS

from ..model import Extraction

MIN_WORDS = 20  # fewer words than this: too short to tell
MIN_ENGLISH_SHARE = 0.12  # English prose has 0.3-0.5; other languages under 0.05
SAMPLE_CHARS = 20_000  # the start of a long text is enough
_WORD = re.compile(r"[^\W\d_]+")


def english_share(text: str) -> tuple[int, float]:
    """(number of words, share of them that are English stop words) in the text's first characters."""
    words = _WORD.findall(text[:SAMPLE_CHARS].casefold())
    if not words:
        return 0, 0.0
    return len(words), sum(w in STOP_WORDS for w in words) / len(words)


def looks_english(text: str) -> bool:
    words, share = english_share(text)
    return words < MIN_WORDS or share >= MIN_ENGLISH_SHARE


def english_only(extraction: Extraction) -> tuple[Extraction, str | None]:
    """The extraction as it is for English text; for other text its entities only, and the warning to show."""
    words, share = english_share(extraction.document.text)
    if words < MIN_WORDS or share >= MIN_ENGLISH_SHARE:
        return extraction, None
    warning = (f"the text does not look like English ({share:.0%} English stop words, English prose has 30-50%); "
               "entities only: relation, event, statement and quantity patterns were skipped")
    return replace(extraction, relations=[], events=[], statements=[], quantities=[]), warning
