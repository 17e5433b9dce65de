"""Properties of whole extractions (issue 7, item 2), checked with hypothesis.

- `extract` never raises on arbitrary Unicode text, with or without a publication date;
- every date it outputs (validity, event, statement and quantity dates) is valid EDTF or null
  (`normalize_date` alone is covered in test_dates.py);
- every evidence span of every relation, event, statement and quantity, and every mention,
  slices the document text to exactly its text: on news-like text mixing registry names,
  punctuation, quotes and newlines, and on the example and development articles.

The spaCy model and registry load once per session; example counts are modest so the suite stays fast.
"""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from proxyatlas.api import extract, extract_file, extract_many
from proxyatlas.model import Extraction
from proxyatlas.nlp.dates import is_valid_edtf
from proxyatlas.registry import load_registry

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = sorted(p for p in (ROOT / "examples" / "articles").iterdir() if p.suffix in {".txt", ".md", ".html"})
DEV = sorted((ROOT.parent / "shared" / "eval" / "dev").glob("*.txt"))

_SETTINGS = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
_PUBLISHED = st.one_of(
    st.none(),
    st.dates(min_value=datetime.date(1950, 1, 1), max_value=datetime.date(2050, 12, 31)).map(lambda d: d.isoformat()),
)


def _names() -> list[str]:
    names = sorted({name for actor in load_registry() for name in actor.names})
    demonyms = sorted({d for actor in load_registry() for d in actor.demonyms})
    return names + [f"{d}-backed" for d in demonyms[:40]]


_PHRASES = [
    "said", "told", "according to", "reportedly", "allegedly", "denied", "claimed", "could", "the commander of",
    "the head of", "backed by", "-backed militia", "a spokesman for", "founded", "trained", "attacked", "killed",
    "met", "in", "on Tuesday", "last week", "on Jan. 28", "in 2019", "about 2,000 fighters", "5,000–7,000",
    "two dozen rockets", "at least 14 people", "$700 million", "the late", "no evidence that", "and", "of", "the",
]
_PUNCT = [",", ".", ";", ":", "—", "–", "-", "…", "'s", "’s", '"', "“", "”", "‘", "’", "'", "(", ")", "!", "?"]
_SEPARATORS = st.sampled_from([" ", " ", " ", "", "\n", "\n\n", "  ", "\t", " \u00a0"])


@st.composite
def news_like(draw: st.DrawFn) -> str:
    """Registry names, cue phrases, punctuation, quotes, newlines and odd Unicode, glued together."""
    pieces = draw(st.lists(st.one_of(
        st.sampled_from(_names()), st.sampled_from(_PHRASES), st.sampled_from(_PHRASES),
        st.sampled_from(_PUNCT), st.text(max_size=8),
    ), min_size=1, max_size=40))
    out = []
    for piece in pieces:
        out.append(piece)
        out.append(draw(_SEPARATORS))
    return "".join(out)


def _spans(result: Extraction):
    """(what, start, end, text) of every mention and evidence span of an extraction."""
    for ent in result.entities:
        for m in ent.mentions:
            yield f"mention of {ent.id}", m.start, m.end, m.text
    for layer in ("relations", "events", "statements", "quantities"):
        for item in getattr(result, layer):
            for ev in item.evidence:
                yield f"{layer} evidence", ev.start, ev.end, ev.text


def assert_spans_exact(result: Extraction) -> None:
    text = result.document.text
    for what, start, end, quoted in _spans(result):
        assert 0 <= start <= end <= len(text), (what, start, end, len(text))
        assert text[start:end] == quoted, (what, start, end, text[start:end], quoted)


def assert_dates_valid(result: Extraction) -> None:
    dates = [d for r in result.relations for d in (r.valid_from, r.valid_to)]
    dates += [item.date for layer in ("events", "statements", "quantities") for item in getattr(result, layer)]
    for value in dates:
        assert value is None or is_valid_edtf(value), value


def _check(result: Extraction) -> None:
    assert_spans_exact(result)
    assert_dates_valid(result)
    ids = {e.id for e in result.entities}
    for r in result.relations:
        assert r.source in ids and r.target in ids, r


@_SETTINGS
@given(st.text(max_size=400), _PUBLISHED)
def test_extract_never_raises_on_arbitrary_unicode(text: str, published: str | None) -> None:
    _check(extract(text, published=published))


@_SETTINGS
@given(news_like(), _PUBLISHED)
def test_spans_and_dates_on_news_like_text(text: str, published: str | None) -> None:
    _check(extract(text, published=published))


@settings(max_examples=10, deadline=None)
@given(st.lists(news_like(), min_size=1, max_size=4))
def test_extract_many_matches_extract(texts: list[str]) -> None:
    assert [r.to_json() for r in extract_many(texts, batch_size=2)] == [extract(t).to_json() for t in texts]


@pytest.mark.parametrize("path", ARTICLES + DEV, ids=lambda p: p.name)
def test_spans_and_dates_on_articles(path: Path) -> None:
    result = extract_file(path)
    assert list(_spans(result)), "an article with no mentions at all"
    _check(result)


@pytest.mark.parametrize("path", ARTICLES[:2], ids=lambda p: p.name)
def test_spans_survive_reflowed_articles(path: Path) -> None:
    """The same article with CRLF-free reflowing: paragraphs joined into one line, lines doubled."""
    text = extract_file(path).document.text
    for variant in (text.replace("\n", " "), text.replace("\n", "\n\n"), "\u201c" + text.replace('"', "\u201d")):
        _check(extract(variant, published="2024-02-08"))
