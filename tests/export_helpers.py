"""A small store for the export tests: three short articles from three outlets, with a
corroborated relation, dated ones, a validity end, an attribution, an armed group, a country
and a place, and the other layers: events (a dated killing in a place, two meetings),
statements and a claimed number."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from store_helpers import ARTICLE_A, ARTICLE_B, write

from proxyatlas import api
from proxyatlas.export.base import event_entities, quantity_entities, read_events, statement_entities
from proxyatlas.store import open_store, queries

ARTICLE_C = """Hezbollah's reach

Hezbollah fighters in Syria fought alongside government forces, Reuters reported. Hassan Nasrallah, the late \
leader of Hezbollah, was killed in Beirut on 27 September 2024. Iran allegedly trains Kata'ib Hezbollah fighters, \
according to US officials. Hezbollah has some 20,000 fighters, Israeli officials said.
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


def expected_layers(db: Path, **filters: Any) -> dict[str, list[dict[str, Any]]]:
    """The events, statements and quantities an export with these filters must hold: all of them
    unfiltered; else those about the entities of its relations (an event's agent or target, a
    speaker, a counted actor) reported by the as-of date, events with min_sources sources."""
    with open_store(db) as store:
        layers = {"events": read_events(store), "statements": queries.statements(store),
                  "quantities": queries.quantities(store)}
    if not any(filters.values()):
        return layers
    rels = expected(db, **filters)
    about = {r[k] for r in rels for k in ("source", "target")} | \
        {e["attributed_to"] for r in rels for e in r["evidence"] if e["attributed_to"]}
    day = filters.get("as_of") or "9999"

    def reported(item: dict[str, Any]) -> bool:  # the fixture's dates are ISO days
        return (item["date"] or item.get("published") or item["evidence"][0]["published"]) <= day

    return {"events": [e for e in layers["events"] if about & {*e["agents"], *e["targets"]} and reported(e)
                       and e["sources"] >= (filters.get("min_sources") or 1)],
            "statements": [s for s in layers["statements"] if s["speaker"] in about and reported(s)],
            "quantities": [q for q in layers["quantities"] if q["subject"] in about and reported(q)]}


def expected_entities(db: Path, **filters: Any) -> set[str]:
    """The entities an export with these filters must hold: every one unfiltered; else the ends
    of its relations, the entities their evidence is attributed to and those its layers name."""
    if not any(filters.values()):
        return {e["id"] for e in api.entities(db=db)}
    rels = expected(db, **filters)
    layers = expected_layers(db, **filters)
    return {r[k] for r in rels for k in ("source", "target")} | \
        {e["attributed_to"] for r in rels for e in r["evidence"] if e["attributed_to"]} | \
        {i for e in layers["events"] for i in event_entities(e)} | \
        {i for s in layers["statements"] for i in statement_entities(s)} | \
        {i for q in layers["quantities"] for i in quantity_entities(q)}
