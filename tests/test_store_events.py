"""Events resolved across documents: reports of one happening are one event, with every report
as evidence and their disagreements side by side; analysts' merges, splits and rejections are replayed.

Every test that takes `store_db` runs on SQLite and on PostgreSQL (conftest)."""

from __future__ import annotations

import pytest
from event_reports import OTHER_STRIKE, PUBLISHED, STRIKE_COPY, STRIKE_OWN, STRIKE_WIRE
from store_helpers import dump, write

from proxyatlas import api
from proxyatlas.errors import DataError, NotFoundError, ProxyatlasError
from proxyatlas.store import open_store
from proxyatlas.store.rules import load_rules, parse


@pytest.fixture()
def strikes(tmp_path, store_db):
    folder = tmp_path / "news"
    write(folder, "wire.txt", STRIKE_WIRE, source="Reuters", published=PUBLISHED)
    write(folder, "copy.txt", STRIKE_COPY, source="Gulf Daily", published=PUBLISHED)
    write(folder, "own.txt", STRIKE_OWN, source="Associated Press", published=PUBLISHED)
    write(folder, "tyre.txt", OTHER_STRIKE, source="L'Orient Today", published=PUBLISHED)
    report = api.ingest([folder], db=store_db)
    assert (report.added, report.failed) == (4, [])
    return store_db


def _by_place(db: str) -> dict[str, dict]:
    return {e["place"]: e for e in api.events(db=db, actor="Israel")}


def test_three_reports_of_one_strike_are_one_event(strikes):
    events = _by_place(strikes)
    assert set(events) == {"nabatieh", "tyre"}  # the Tyre strike, same day and actors, stays apart
    strike = events["nabatieh"]
    assert (strike["type"], strike["date"], strike["agents"], strike["targets"]) == \
        ("attack", "2024-03-10", ["israel"], ["hezbollah"])
    # three documents; the partner paper's copy of the wire story is not an independent source
    assert (strike["documents"], strike["sources"]) == (3, 2)
    assert {ev["outlet"] for ev in strike["evidence"]} == {"Reuters", "Gulf Daily", "Associated Press"}
    ev = next(e for e in strike["evidence"] if "late on Sunday" in e["sentence"])
    assert set(ev) >= {"document", "outlet", "date", "sentence"} and ev["date"] == PUBLISHED
    assert api.document(ev["document"], db=strikes)["text"][ev["start"] : ev["end"]] == ev["sentence"]
    # both death tolls, each with its sources; the wire's figure has more documents behind it
    tolls = {v["value"]: v for v in strike["details"]["fatalities"]}
    assert set(tolls) == {3, 4} and strike["fatalities"] == 3
    assert tolls[3]["outlets"] == ["Gulf Daily", "Reuters"] and (tolls[3]["documents"], tolls[3]["sources"]) == (2, 1)
    assert tolls[4]["outlets"] == ["Associated Press"] and tolls[4]["claimants"] == ["hezbollah"]
    # a place the reports disagree on is shown with its sources too
    places = {v["value"]: v["outlets"] for v in strike["details"]["place"]}
    assert places["nabatieh"] == ["Associated Press", "Reuters"] and "lebanon" in places
    assert (events["tyre"]["documents"], events["tyre"]["sources"]) == (1, 1)


def test_event_filters(strikes):
    ids = lambda **kw: {e["place"] for e in api.events(db=strikes, **kw)}
    assert ids(min_sources=2) == {"nabatieh"}
    assert ids(place="Lebanon", type="attack") == {"nabatieh", "tyre"}  # places inside the country
    assert ids(place="Tyre") == {"tyre"}
    assert ids(date_from="2024-03-10", date_to="2024-03-10") >= {"nabatieh", "tyre"}
    assert ids(date_from="2024-03-11") == set()
    assert ids(actor="Hezbollah") >= {"nabatieh", "tyre"}
    with pytest.raises(ProxyatlasError, match="'last week' is not an EDTF date"):
        api.events(db=strikes, date_from="last week")


def test_timeline_shows_the_resolved_event_once(strikes):
    items = [i for i in api.timeline("Israel", db=strikes) if i["kind"] == "event"]
    assert sorted(i["place"] for i in items) == ["nabatieh", "tyre"]


def test_merge_and_split_are_replayed_on_rebuild(strikes):
    events = _by_place(strikes)
    strike, tyre = events["nabatieh"], events["tyre"]
    own = next(e["document"] for e in strike["evidence"] if e["outlet"] == "Associated Press")
    api.split_event(strike["id"][:10], own[:10], db=strikes, author="jd")
    after = {e["id"]: e for e in api.events(db=strikes, actor="Israel")}
    assert sorted(e["documents"] for e in after.values()) == [1, 1, 2]
    alone = next(e for e in after.values() if e["document"] == own)
    assert alone["documents"] == 1 and alone["fatalities"] == 4
    api.merge_events(strike["id"], tyre["id"], db=strikes, author="jd")
    merged = api.events(db=strikes, actor="Israel")
    assert sorted(e["documents"] for e in merged) == [1, 3]
    assert {e["outlet"] for e in max(merged, key=lambda e: e["documents"])["evidence"]} == \
        {"Reuters", "Gulf Daily", "L'Orient Today"}
    before = dump(strikes)
    api.rebuild(db=strikes)
    assert dump(strikes)["events"] == before["events"]
    assert dump(strikes)["event_reports"] == before["event_reports"]


def test_bad_event_corrections_change_nothing(strikes):
    strike = _by_place(strikes)["nabatieh"]
    before = dump(strikes)
    with pytest.raises(ProxyatlasError, match="no event with id 'ffffff'"):
        api.merge_events(strike["id"], "ffffff", db=strikes)
    with pytest.raises(ProxyatlasError, match="are already one event"):
        api.merge_events(strike["id"], strike["id"][:8], db=strikes)
    with pytest.raises(ProxyatlasError, match="is not one of the 3 documents of event"):
        api.split_event(strike["id"], "0000", db=strikes)
    assert dump(strikes) == before


def _rejected_rows(db: str) -> list[tuple[str, int]]:
    with open_store(db) as store:
        return [tuple(r) for r in store.conn.execute("SELECT place, documents FROM events WHERE rejected = 1")]


def test_a_rejected_event_leaves_every_read_stays_rejected_and_undo_restores_it(strikes, tmp_path):
    events = _by_place(strikes)
    strike, tyre = events["nabatieh"], events["tyre"]
    tyre_doc = tyre["document"]
    record = api.reject_event(tyre["id"][:10], db=strikes, author="jd", reason="a drill, not a strike")
    assert (record["kind"], record["entity"], record["author"], record["reason"]) == \
        ("reject_event", tyre["id"], "jd", "a drill, not a strike")
    assert set(_by_place(strikes)) == {"nabatieh"}
    assert [i["place"] for i in api.timeline("Israel", db=strikes) if i["kind"] == "event"] == ["nabatieh"]
    assert api.document(tyre_doc, db=strikes)["events"] == [] and api.show("Tyre", db=strikes)["events"] == []
    exported = api.export("csv", db=strikes, out=tmp_path / "csv")
    assert exported["events"] == 1 and "Tyre" not in (tmp_path / "csv" / "events.csv").read_text(encoding="utf-8")
    with pytest.raises(ProxyatlasError, match=f"event {tyre['id']} is rejected; undo the rejection first"):
        api.merge_events(strike["id"], tyre["id"], db=strikes)

    before = dump(strikes)
    api.rebuild(db=strikes)
    assert dump(strikes)["events"] == before["events"] and set(_by_place(strikes)) == {"nabatieh"}
    # another outlet's report of the same non-happening joins the rejected event, hidden with it
    write(tmp_path / "more", "tyre2.txt", OTHER_STRIKE.replace("a security source said", "witnesses said"),
          source="Al Mayadeen", published=PUBLISHED)
    api.ingest([tmp_path / "more"], db=strikes)
    assert _rejected_rows(strikes) == [("tyre", 2)] and set(_by_place(strikes)) == {"nabatieh"}

    api.undo(record["id"], db=strikes, author="jd")
    assert _rejected_rows(strikes) == [] and _by_place(strikes)["tyre"]["documents"] == 2


def test_bad_event_rejections_change_nothing(strikes):
    strike = _by_place(strikes)["nabatieh"]
    before = dump(strikes)
    with pytest.raises(NotFoundError, match="no event with id 'ffffff'"):
        api.reject_event("ffffff", db=strikes, reason="wrong")
    with pytest.raises(ProxyatlasError, match=f"give the reason event {strike['id']} is wrong"):
        api.reject_event(strike["id"], db=strikes, reason="  ")
    assert dump(strikes) == before
    api.reject_event(strike["id"], db=strikes, reason="wrong")
    with pytest.raises(ProxyatlasError, match="is rejected; undo the rejection first"):
        api.reject_event(strike["id"], db=strikes, reason="twice")


def test_undated_reports_stay_apart_across_documents(tmp_path):
    db = str(tmp_path / "s.db")
    folder = tmp_path / "news"
    text = "Israeli jets struck Hezbollah positions near Nabatieh, the army said.\n"
    write(folder, "a.txt", text, source="Outlet A")
    write(folder, "b.txt", text.replace("jets", "warplanes"), source="Outlet B")
    api.ingest([folder], db=db)
    with open_store(db) as store:
        assert store.conn.execute("SELECT COUNT(*) FROM event_reports WHERE date IS NULL").fetchone()[0] >= 2
    assert all(e["documents"] == 1 for e in api.events(db=db))


def test_event_rules_are_checked_on_load():
    rules = load_rules()
    assert rules.family("killing") == "attack" and rules.group("Fighters") == "personnel"
    assert rules.group("USD") == "USD" and rules.group("tanks") == "tanks"
    with pytest.raises(DataError, match="'window_days' must be a whole number"):
        parse({"version": 1, "window_days": -1})
    with pytest.raises(DataError, match="report type 'killing' is in two families"):
        parse({"version": 1, "window_days": 1, "families": {"a": ["killing"], "b": ["killing"]}})
    with pytest.raises(DataError, match="'casualty_groups' names groups that 'unit_groups' lacks: dead"):
        parse({"version": 1, "window_days": 1, "casualty_groups": ["dead"]})


def test_a_schema_1_store_gets_its_events_resolved_when_opened(tmp_path):
    """A store made before events were resolved (schema 1) is re-derived once when first opened."""
    import sqlite3

    from proxyatlas.errors import ProxyatlasWarning
    from proxyatlas.store import schema

    new = str(tmp_path / "new.db")
    folder = tmp_path / "news"
    write(folder, "wire.txt", STRIKE_WIRE, source="Reuters", published=PUBLISHED)
    write(folder, "own.txt", STRIKE_OWN, source="Associated Press", published=PUBLISHED)
    api.ingest([folder], db=new)
    old = tmp_path / "old.db"
    conn = sqlite3.connect(old, isolation_level=None)
    schema.current_version(conn)
    schema.initial(conn)
    conn.execute("INSERT INTO migrations VALUES (1, 'initial', '2024-01-01')")
    conn.execute("ATTACH DATABASE ? AS new", (new,))
    for table in ("documents", "document_bands", "extractions", "corrections"):
        conn.execute(f"INSERT INTO main.{table} SELECT * FROM new.{table}")
    conn.close()
    with pytest.warns(ProxyatlasWarning, match=f"migrated from schema version 1 to {schema.SCHEMA_VERSION}"):
        migrated = api.events(db=str(old))
    assert [(e["id"], e["documents"], e["sources"]) for e in migrated] == \
        [(e["id"], e["documents"], e["sources"]) for e in api.events(db=new)]
    assert any(e["documents"] == 2 for e in migrated)
    assert api.relations(db=str(old)) == api.relations(db=new)


def test_a_schema_2_store_keeps_its_events_when_it_gains_rejections(tmp_path):
    """Schema 3 adds `events.rejected`: a store made before it keeps every event, none rejected."""
    import sqlite3

    from proxyatlas.errors import ProxyatlasWarning
    from proxyatlas.store import schema

    db = tmp_path / "s.db"
    folder = tmp_path / "news"
    write(folder, "wire.txt", STRIKE_WIRE, source="Reuters", published=PUBLISHED)
    write(folder, "tyre.txt", OTHER_STRIKE, source="L'Orient Today", published=PUBLISHED)
    api.ingest([folder], db=db)
    events = api.events(db=db)
    conn = sqlite3.connect(db, isolation_level=None)
    for column in ("rejected", "reported"):  # the store as schema 2 left it
        conn.execute(f"ALTER TABLE events DROP COLUMN {column}")
    conn.execute("DELETE FROM migrations WHERE version > 2")
    conn.close()
    with pytest.warns(ProxyatlasWarning, match=f"migrated from schema version 2 to {schema.SCHEMA_VERSION}"):
        assert api.events(db=db) == events and len(events) == 2
    api.reject_event(events[0]["id"], db=db, reason="a drill")
    assert api.events(db=db) == events[1:]


def test_a_schema_3_store_gets_what_its_events_reports_give_stored_when_opened(tmp_path):
    """Schema 4 keeps with each event what reads show of its reports; a schema 3 store gets it
    worked out from its reports when first opened, the same as a store derived by this version."""
    import shutil
    import sqlite3

    from proxyatlas.errors import ProxyatlasWarning

    new = tmp_path / "new.db"
    folder = tmp_path / "news"
    for name, text, outlet in (("wire.txt", STRIKE_WIRE, "Reuters"), ("copy.txt", STRIKE_COPY, "Gulf Daily"),
                               ("own.txt", STRIKE_OWN, "Associated Press")):
        write(folder, name, text, source=outlet, published=PUBLISHED)
    api.ingest([folder], db=new)
    old = tmp_path / "old.db"
    shutil.copy(new, old)
    conn = sqlite3.connect(old, isolation_level=None)
    conn.execute("ALTER TABLE events DROP COLUMN reported")
    conn.execute("DELETE FROM migrations WHERE version = 4")
    conn.close()
    with pytest.warns(ProxyatlasWarning, match="migrated from schema version 3 to 4"):
        migrated = api.events(db=old)
    assert migrated == api.events(db=new)
    [strike] = [e for e in migrated if e["documents"] == 3]
    assert len(strike["details"]["fatalities"]) > 1 and len({s["outlet"] for s in strike["evidence"]}) == 3
    assert {"israel", "hezbollah"} <= set(strike["names"])


def test_blows_exchanged_in_one_sentence_stay_two_events(tmp_path, store_db):
    folder = tmp_path / "news"
    write(folder, "hit.txt", "Drone attack on U.S. outpost in Jordan kills three soldiers; Washington strikes back "
                             "in Iraq and Syria\n\nThe United States blamed Kataib Hezbollah for the attack on Sunday.",
          source="Reuters", published=PUBLISHED)
    api.ingest([folder], db=store_db)
    attacks = [e for e in api.events(db=store_db, type="attack")]
    assert attacks and not any(set(e["agents"]) & set(e["targets"]) for e in attacks)
