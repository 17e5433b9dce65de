"""A small store for the export tests: three short articles from three outlets, with a
corroborated relation, dated ones, a validity end, an attribution, an armed group, a country
and a place."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from store_helpers import ARTICLE_A, ARTICLE_B, write

from proxyatlas import api

ARTICLE_C = """Hezbollah's reach

Hezbollah fighters in Syria fought alongside government forces, Reuters reported. Hassan Nasrallah, the late \
leader of Hezbollah, was killed in Beirut on 27 September 2024. Iran allegedly trains Kata'ib Hezbollah fighters, \
according to US officials.
"""

# Every filter the exports take, as API keyword arguments.
FILTERS: list[dict[str, Any]] = [{}, {"min_sources": 2}, {"as_of": "2019-05-15"}, {"type": ["supports", "leads"]}]


def build_store(folder: Path) -> Path:
    news = folder / "news"
    write(news, "a.txt", ARTICLE_A, source="Outlet A", published="2019-05-01")
    write(news, "b.txt", ARTICLE_B, source="Outlet B", published="2019-06-01")
    write(news, "c.txt", ARTICLE_C, source="Outlet C", published="2024-10-01")
    db = folder / "store.db"
    report = api.ingest([news], db=db)
    assert report.added == 3 and not report.failed
    return db


def expected(db: Path, **filters: Any) -> list[dict[str, Any]]:
    """The relations an export with these filters must hold: what the query API returns."""
    types = filters.get("type") or [None]
    out = [r for t in types for r in api.relations(db=db, type=t, min_sources=filters.get("min_sources"),
                                                   as_of=filters.get("as_of"))]
    return sorted(out, key=lambda r: r["id"])


def expected_ids(db: Path, **filters: Any) -> set[str]:
    return {r["id"] for r in expected(db, **filters)}
