"""The issue's own check on the development articles, where this checkout can see them
(they live outside the repository, in ../shared/eval/dev, and are never copied into it)."""

from __future__ import annotations

from pathlib import Path

import pytest
from store_helpers import dump

from proxyatlas import api

DEV = Path(__file__).resolve().parents[2] / "shared" / "eval" / "dev"
pytestmark = pytest.mark.skipif(not DEV.is_dir(), reason=f"the development articles are not at {DEV}")


def test_both_dev_articles_make_one_graph(store_db):
    db = store_db
    report = api.ingest([DEV], db=db)
    assert (report.added, report.failed) == (2, [])
    people = [e for e in api.entities(db=db, name="Soleimani") if e["type"] == "person"]
    assert [e["id"] for e in people] == ["qasem-soleimani"] and people[0]["documents"] == 2
    assert {"Qassem Soleimani"} <= set(people[0]["aliases"])
    assert [e["id"] for e in api.entities(db=db, name="Quds Force")] == ["irgc-quds-force"]
    for name in ("al-Hashd al-Shabi", "Popular Mobilization Unit"):
        assert api.show(name, db=db)["entity"]["id"] == "popular-mobilization-forces"
    [rel] = api.relations(db=db, type="supports", source="Iran", target="Houthis")
    assert (rel["documents"], rel["sources"]) == (2, 2)
    before = dump(db)
    again = api.ingest([DEV], db=db)
    assert (again.added, again.unchanged) == (0, 2) and dump(db) == before
