"""The knowledge store: cross-document resolution, idempotent ingest, the claims ledger and queries.

Every test that takes `store_db` or `new_db` runs twice: on SQLite and on PostgreSQL (conftest)."""

from __future__ import annotations

import pytest
from store_helpers import ARTICLE_A, ARTICLE_B, dump, write

from proxyatlas import api
from proxyatlas.errors import ProxyatlasError
from proxyatlas.store import SCHEMA_VERSION, open_store
from proxyatlas.store.queries import valid_on


@pytest.fixture()
def two(tmp_path, store_db):
    """Two articles from two outlets naming the same actors in different spellings."""
    folder = tmp_path / "news"
    write(folder, "a.txt", ARTICLE_A, source="Outlet A", published="2019-05-01")
    write(folder, "b.txt", ARTICLE_B, source="Outlet B", published="2019-06-01")
    db = store_db
    report = api.ingest([folder], db=str(db))
    assert (report.added, report.unchanged, report.failed) == (2, 0, [])
    return db, folder


def test_one_entity_per_actor_across_documents(two):
    db, _ = two
    soleimani = [e for e in api.entities(db=db, type="person") if "Soleimani" in e["name"]]
    assert len(soleimani) == 1 and soleimani[0]["id"] == "qasem-soleimani"
    assert soleimani[0]["documents"] == 2
    assert {"Qassem Soleimani"} <= set(soleimani[0]["aliases"]) and soleimani[0]["name"] == "Qasem Soleimani"
    for name in ("al-Hashd al-Shabi", "Popular Mobilization Unit", "popular mobilization units", "PMF"):
        assert api.show(name, db=db)["entity"]["id"] == "popular-mobilization-forces"
    assert api.show("al-Hashd al-Shabi", db=db)["entity"]["documents"] == 2


def test_fuzzy_spellings_of_an_unknown_person_are_one_entity(two):
    db, _ = two
    advisers = api.entities(db=db, name="Farrokhzadeh") + api.entities(db=db, name="Farokhzade")
    assert {e["id"] for e in advisers} == {"ahmad-farrokhzadeh"}
    assert "Ahmad Farokhzade" in advisers[0]["aliases"] and advisers[0]["documents"] == 2


def test_supports_counts_documents_and_independent_sources(two):
    db, _ = two
    [rel] = api.relations(db=db, type="supports", source="Iran", target="Houthis")
    assert (rel["documents"], rel["sources"]) == (2, 2)
    assert rel["first_seen"] == "2019-05-01" and rel["last_seen"] == "2019-06-01"
    assert {e["source"] for e in rel["evidence"]} == {"Outlet A", "Outlet B"}
    ev = rel["evidence"][0]
    assert set(ev) >= {"document", "source", "published", "hedge", "attributed_to", "text", "start", "end"}
    doc = api.document(ev["document"], db=db)
    assert doc["text"][ev["start"] : ev["end"]] == ev["text"]
    assert api.relations(db=db, min_sources=2, type="supports")[0]["id"] == rel["id"]


def test_reingest_reports_unchanged_and_changes_no_row(two):
    db, folder = two
    before = dump(db)
    report = api.ingest([folder / "*.txt"], db=str(db))
    assert (report.added, report.unchanged, report.failed, report.new_entities) == (0, 2, [], 0)
    assert dump(db) == before


def test_ids_are_hashes_of_key_fields(two, new_db):
    db, folder = two
    other = new_db("other")
    api.ingest([folder / "b.txt", folder / "a.txt"], db=str(other))
    ids = {r["id"] for r in api.relations(db=db)}
    assert ids and {r["id"] for r in api.relations(db=other)} == ids


def test_a_bad_file_is_reported_and_the_batch_goes_on(tmp_path, store_db):
    folder = tmp_path / "in"
    write(folder, "good.txt", "Iran backs Hezbollah in Lebanon, officials said.\n")
    write(folder, "empty.txt", "   \n")
    (folder / "bad.md").write_bytes(b"\xff\xfe\x00bad")
    report = api.ingest([folder, tmp_path / "missing.txt"], db=store_db)
    assert report.added == 1
    reasons = dict(report.failed)
    assert set(reasons) == {str(folder / "bad.md"), str(folder / "empty.txt"), str(tmp_path / "missing.txt")}
    assert reasons[str(tmp_path / "missing.txt")] == "file not found"
    assert all("\n" not in r for r in reasons.values())


def test_metadata_precedence_flags_then_sidecar_then_document(tmp_path, store_db):
    folder = tmp_path / "in"
    write(folder, "a.txt", "Headline here\n\nIran backs Hezbollah.\n", source="Sidecar", title="Sidecar title")
    db = store_db
    api.ingest([folder], db=db, published="2021-03-04")
    [doc] = api.documents(db=db)
    assert (doc["source"], doc["title"], doc["published"]) == ("Sidecar", "Sidecar title", "2021-03-04")
    write(folder, "b.txt", "Another headline\n\nIran backs the Houthis.\n", source="Sidecar")
    api.ingest([folder / "b.txt"], db=db, source="Flag")
    assert {d["source"] for d in api.documents(db=db)} == {"Sidecar", "Flag"}


def test_a_changed_text_at_the_same_path_is_a_new_version(tmp_path, store_db):
    folder = tmp_path / "in"
    path = write(folder, "a.txt", "Iran backs Hezbollah in Lebanon, officials said.\n", source="X")
    db = store_db
    api.ingest([path], db=db)
    path.write_text("Iran backs Hezbollah in Lebanon, officials said on Monday.\n")
    report = api.ingest([path], db=db)
    assert report.added == 1
    [doc] = api.documents(db=db)
    assert doc["version"] == 2
    [rel] = api.relations(db=db, type="supports")
    assert rel["documents"] == 1 and all(e["document"] == doc["id"] for e in rel["evidence"])


def test_syndicated_copies_from_two_outlets_are_one_source(tmp_path, store_db):
    body = ("Iran backs the Houthis in Yemen with missiles and drones, officials said on Tuesday. The shipments "
            "travelled by sea through the Gulf of Aden and were seized twice by coalition navies, according to "
            "a statement that listed the cargo in detail, including rocket engines and guidance kits.\n")
    folder = tmp_path / "in"
    write(folder, "wire1.txt", "Iran arms Yemen rebels\n\n" + body + "\n(Wire report)\n", source="Daily One")
    write(folder, "wire2.txt", "Shipments seized at sea\n\n" + body, source="Gazette Two")
    db = store_db
    api.ingest([folder], db=db)
    [rel] = api.relations(db=db, type="supports", source="Iran", target="Houthis")
    assert (rel["documents"], rel["sources"]) == (2, 1)
    write(folder, "own.txt", "Yemen\n\nIran supports the Houthis, a separate investigation found.\n", source="Third")
    api.ingest([folder / "own.txt"], db=db)
    [rel] = api.relations(db=db, type="supports", source="Iran", target="Houthis")
    assert (rel["documents"], rel["sources"]) == (3, 2)
    # Without an outlet, each document is its own source, but copies still count once.
    assert api.document(api.documents(db=db)[1]["id"], db=db)["duplicate_of"] == api.documents(db=db)[0]["id"]


LEADERS = """Soleimani's end

Qasem Soleimani, the late head of the IRGC Quds Force, was killed on January 3, 2020. The Quds Force is now \
under the command of Esmail Qaani.
"""


def test_as_of_gives_the_leader_on_each_date(tmp_path, store_db):
    db = store_db
    api.ingest([write(tmp_path, "lead.txt", LEADERS, source="CBN", published="2020-01-09")], db=db)

    def leaders(date: str) -> set[str]:
        return {r["source"] for r in api.as_of(date, db=db)["relations"]
                if r["type"] == "leads" and r["target"] == "irgc-quds-force"}

    assert leaders("2019-06-01") == {"qasem-soleimani"}
    assert leaders("2020-06-01") == {"esmail-qaani"}
    for bad in ("someday", ""):
        with pytest.raises(ProxyatlasError, match="as-of date"):
            api.as_of(bad, db=db)
    # as-of filters in SQL: the same relations as the rule in Python (queries.valid_on), any day
    api.ingest([write(tmp_path / "more", "a.txt", ARTICLE_A, source="Outlet A", published="2019-05-01")], db=db)
    everything = api.relations(db=db)
    for day in ("1999-01-01", "2019-04-30", "2019-05-01", "2019-12-31", "2020-01-03", "2020-01-04", "2030-01-01"):
        assert [r["id"] for r in api.as_of(day, db=db)["relations"]] == \
            [r["id"] for r in everything if valid_on(r, day)]


def test_as_of_pages_keep_the_order_of_the_whole_answer_confirmed_first(two, tmp_path):
    db, _ = two
    api.ingest([write(tmp_path / "more", "lead.txt", LEADERS, source="CBN", published="2019-09-01")], db=db)
    whole = api.as_of("2019-12-31", db=db, limit=None)
    assert whole["date"] == "2019-12-31" and whole["total"] == len(whole["relations"]) == 4
    assert all(r["evidence"] for r in whole["relations"])
    api.confirm(whole["relations"][-2]["id"], db=db, author="ann")  # a weakly sourced one moves to the front
    api.confirm(whole["relations"][-1]["id"], db=db, author="ann")
    whole = api.as_of("2019-12-31", db=db, limit=None)
    assert [r["confirmed_by"] for r in whole["relations"][:3]] == ["ann", "ann", None]
    for limit in (1, 2, 3, 100):
        pages = [api.as_of("2019-12-31", db=db, limit=limit, offset=offset) for offset in range(0, whole["total"], limit)]
        assert {p["total"] for p in pages} == {whole["total"]} and [p["offset"] for p in pages] == \
            list(range(0, whole["total"], limit))
        assert [r for p in pages for r in p["relations"]] == whole["relations"]
    past_the_end = api.as_of("2019-12-31", db=db, limit=5, offset=whole["total"])
    assert (past_the_end["total"], past_the_end["relations"]) == (whole["total"], [])
    assert api.as_of("2019-12-31", db=db, limit=None, offset=2)["relations"] == whole["relations"][2:]
    assert api.as_of("2019-12", db=db, limit=1)["date"] == "2019-12-01"  # an EDTF month: from its first day


def test_conflicts_finds_asserted_against_denied_and_double_offices(tmp_path, store_db):
    folder = tmp_path / "in"
    write(folder, "a.txt", "Yemen\n\nIran backs the Houthis in Yemen, officials said.\n", source="Outlet A",
          published="2021-02-01")
    write(folder, "b.txt", "Denial\n\nIran denied arming the Houthis.\n", source="Outlet B", published="2021-02-02")
    write(folder, "c.txt", "Speech\n\nHassan Nasrallah, the leader of Hezbollah, spoke on Monday.\n",
          source="Outlet A", published="2021-02-03")
    write(folder, "d.txt", "Speech\n\nNaim Qassem, the leader of Hezbollah, spoke on Tuesday.\n", source="Outlet B",
          published="2021-02-03")
    db = store_db
    api.ingest([folder], db=db)
    found = api.conflicts(db=db)
    [denied] = [c for c in found if c["kind"] == "denied"]
    assert (denied["relation"]["source"], denied["relation"]["target"]) == ("iran", "houthis")
    assert denied["claimed_by"] == ["Outlet A"] and denied["denied_by"] == ["iran"]
    [office] = [c for c in found if c["kind"] == "office"]
    assert office["office"] == "hezbollah"
    assert {h["source"] for h in office["holders"]} == {"hassan-nasrallah", "naim-qassem"}


def test_corrections_are_records_and_survive_rebuild(two):
    db, folder = two
    merged = api.merge("Iraq", "Baghdad", db=db, author="analyst")
    assert merged["kind"] == "merge" and merged["author"] == "analyst"
    split = api.split("qasem-soleimani", "Qassem Soleimani", db=db, author="analyst")
    [rel] = api.relations(db=db, type="supports", source="Iran", target="Houthis")
    rejected = api.reject(rel["id"][:10], db=db, author="analyst")
    assert rejected["relation"] == rel["id"]

    def state() -> tuple:
        iraq = api.show("Baghdad", db=db)
        return (iraq["entity"]["id"], "Baghdad" in iraq["entity"]["aliases"],
                "Qassem Soleimani" in api.show("qasem-soleimani", db=db)["entity"]["aliases"],
                api.show("Qassem Soleimani", db=db)["entity"]["id"],
                len(api.relations(db=db, type="supports", source="Iran", target="Houthis")),
                len(api.show("qasem-soleimani", db=db)["corrections"]))

    expected = ("iraq", True, False, split["new_id"], 0, 1)
    assert split["new_id"] == "qassem-soleimani"
    assert state() == expected
    assert [c["kind"] for c in api.show("iraq", db=db)["corrections"]] == ["merge"]
    assert api.rebuild(db=db)["documents"] == 2
    assert state() == expected
    api.ingest([folder], db=str(db))  # re-ingest replays them too
    assert state() == expected
    with pytest.raises(ProxyatlasError, match="already one entity"):
        api.merge("Iraq", "Baghdad", db=db)
    with pytest.raises(ProxyatlasError, match="not an alias"):
        api.split("iraq", "Houthis", db=db)


def test_show_rejects_unknown_names_clearly(two):
    db, _ = two
    with pytest.raises(ProxyatlasError, match="no entity named 'Nobody Atall'"):
        api.show("Nobody Atall", db=db)


def test_path_timeline_sources_and_graph_stats(two):
    db, _ = two
    [hops] = api.path("Quds Force", "PMF", db=db, max_hops=4)
    assert [(h["type"], h["source"], h["target"]) for h in hops] == [
        ("leads", "qasem-soleimani", "irgc-quds-force"), ("created", "qasem-soleimani", "popular-mobilization-forces")]
    assert all(hop["evidence"] for hop in hops)
    assert api.path("Quds Force", "PMF", db=db, max_hops=1) == []
    items = api.timeline(db=db)
    assert {i["kind"] for i in items} <= {"event", "statement"} and items
    dated = [i["date"] is not None for i in items]
    assert dated == sorted(dated, reverse=True)  # undated ones last
    assert api.timeline("Ahmad Farrokhzadeh", db=db) == [i for i in items if "ahmad-farrokhzadeh" in i.get("agents", [])]
    assert {s["source"]: s["documents"] for s in api.sources(db=db)} == {"Outlet A": 1, "Outlet B": 1}
    assert all(s["corroborated"] >= 1 for s in api.sources(db=db))
    stats = api.graph_stats(db=db)
    assert stats["relations"] >= 3 and stats["central"][0]["degree"] >= 2
    roots = {t["id"]: t for t in stats["backer_trees"]}
    assert "houthis" in {c["id"] for c in roots["iran"]["children"]}


def test_parallel_ingest_gives_the_same_store(two, new_db):
    db, folder = two
    other = new_db("parallel")
    report = api.ingest([folder], db=str(other), jobs=2)
    assert (report.added, report.failed) == (2, [])
    for query in (api.entities, api.relations, api.timeline):
        assert query(db=str(other)) == query(db=db)


def test_the_store_interface_exporters_use(two):
    db, _ = two
    with open_store(db) as store:
        assert store.schema_version == SCHEMA_VERSION
        assert store.conn.execute("SELECT version, name FROM migrations ORDER BY version").fetchall() == \
            [(1, "initial"), (2, "resolved_events"), (3, "rejected_events"), (4, "reported_events")]
        [rel] = store.iter_relations(min_sources=2, types=["supports"])
        assert (rel["source"], rel["target"]) == ("iran", "houthis")
        assert store.evidence(rel["id"]) == rel["evidence"] and len(rel["evidence"]) == 2
        assert [r["id"] for r in store.iter_relations(as_of="2019-05-15", types=["supports"])] == [rel["id"]]
        assert list(store.iter_relations(as_of="2019-04-01", types=["supports"])) == []  # not yet reported
        assert len(list(store.iter_documents())) == 2
        assert {e["id"] for e in store.iter_entities()} == {e["id"] for e in api.entities(db=db)}
