"""Store round-trips (issue 7, item 2), checked with hypothesis: what goes into the store comes out.

For generated documents (news-like text from registry names and cue phrases, or arbitrary
Unicode, with arbitrary metadata), after `add_extraction`:
- the text and metadata read back are exactly those stored, and the stored extraction JSON is
  exactly what `extract` printed;
- every stored mention and evidence row slices the stored text to exactly its text, and every
  evidence span of the extraction is in the ledger;
- adding the same extraction again adds nothing and changes no row.
Each example uses a fresh in-memory store.
"""

from __future__ import annotations

import datetime
import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_properties import news_like

from proxyatlas.api import extract
from proxyatlas.model import Extraction
from proxyatlas.registry import load_registry
from proxyatlas.store import open_store
from proxyatlas.store.queries import document

_SETTINGS = settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
_META = st.one_of(st.none(), st.text(min_size=1, max_size=30).filter(str.strip))
_PUBLISHED = st.one_of(st.none(), st.dates(min_value=datetime.date(1990, 1, 1),
                                           max_value=datetime.date(2040, 12, 31)).map(lambda d: d.isoformat()))


def _rows(conn):  # type: ignore[no-untyped-def]
    tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
    return {t: sorted(map(repr, conn.execute(f"SELECT * FROM {t}"))) for t in tables}


def assert_round_trip(result: Extraction) -> None:
    doc = result.document
    with open_store(":memory:") as store:
        registry = load_registry()
        added, _, _ = store.add_extraction(result, registry)
        assert added
        stored = document(store, doc.id)
        assert stored["text"] == doc.text
        assert (stored["title"], stored["source"], stored["author"], stored["published"]) == \
            (doc.title, doc.source, doc.author, doc.published)
        [data] = store.conn.execute("SELECT data FROM extractions WHERE document = ?", (doc.id,)).fetchone()
        assert json.loads(data) == result.to_json()

        for m in stored["mentions"]:
            assert doc.text[m["start"]:m["end"]] == m["text"], m
        assert {(m.start, m.end) for e in result.entities for m in e.mentions} == \
            {(m["start"], m["end"]) for m in stored["mentions"]}
        ledger = {(ev["start"], ev["end"], ev["text"]) for rel in stored["relations"] for ev in rel["evidence"]}
        for start, end, text in ledger:
            assert doc.text[start:end] == text
        assert {(ev.start, ev.end, ev.text) for rel in result.relations for ev in rel.evidence} == ledger

        before = _rows(store.conn)
        assert store.add_extraction(result, registry) == (False, 0, 0)
        assert _rows(store.conn) == before


@_SETTINGS
@given(news_like(), _META, _META, _META, _PUBLISHED)
def test_news_like_documents_round_trip(text, title, source, author, published):
    assert_round_trip(extract(text, title=title, source=source, author=author, published=published))


@_SETTINGS
@given(st.text(min_size=1, max_size=300))
def test_arbitrary_unicode_texts_round_trip(text):
    assert_round_trip(extract(text))
