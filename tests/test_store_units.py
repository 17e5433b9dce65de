"""The store's small parts on their own: EDTF ordering, near-duplicates, sources, name matching."""

from __future__ import annotations

from proxyatlas.store import dedup
from proxyatlas.store.keys import bounds, record_id, sort_key
from proxyatlas.store.ledger import independent_sources
from proxyatlas.store.resolve import EntityIndex


def test_edtf_bounds_and_timeline_order():
    assert bounds("2019-12") == ("2019-12-01", "2019-12-31")
    assert bounds("2020") == ("2020-01-01", "2020-12-31")
    assert bounds("2019-12-30/2020-01-05") == ("2019-12-30", "2020-01-05")
    assert bounds("../2020-01-03") == (None, "2020-01-03")
    assert bounds("2020-02") == ("2020-02-01", "2020-02-29")
    assert bounds("XXXX-11-21") == (None, None) and bounds(None) == (None, None)
    dates = [None, "XXXX-11-21", "2020-01-08", "2019-12-30/2020-01-05", "XXXX-02-01", "2019", "2020-01"]
    assert sorted(dates, key=sort_key) == ["2019", "2019-12-30/2020-01-05", "2020-01", "2020-01-08", "XXXX-02-01",
                                           "XXXX-11-21", None]


def test_record_ids_are_stable_hashes_of_key_fields():
    assert record_id("relation", "supports", "iran", "houthis") == record_id("relation", "supports", "iran", "houthis")
    assert record_id("a", "bc") != record_id("ab", "c")


def test_minhash_finds_near_duplicates_and_keeps_different_texts_apart():
    body = " ".join(f"word{i} and the militia number {i} moved north" for i in range(40))
    a, b = dedup.signature("Headline one\n" + body), dedup.signature("Another headline\n" + body + " (AP)")
    c = dedup.signature(" ".join(f"other{i} text about something else {i}" for i in range(40)))
    assert dedup.similarity(a, b) >= dedup.THRESHOLD > dedup.similarity(a, c)
    assert set(dedup.bands(a)) & set(dedup.bands(b))
    assert dedup.decode(dedup.encode(a)) == a


def test_independent_sources_count_outlets_clusters_and_outletless_documents():
    assert independent_sources([("d1", "CBN", "d1"), ("d2", "cbn", "d2")]) == 1           # one outlet
    assert independent_sources([("d1", "A", "d1"), ("d2", "B", "d1")]) == 1               # syndicated copy
    assert independent_sources([("d1", None, "d1"), ("d2", None, "d2")]) == 2             # no outlet: own source
    assert independent_sources([("d1", None, "d1"), ("d2", None, "d1"), ("d3", "C", "d3")]) == 2


def test_index_matching_rules():
    index = EntityIndex()
    for eid, etype, alias in [("jonathan-spyer", "person", "Jonathan Spyer"), ("hezbollah", "organization", "Hezbollah"),
                              ("ali-hosseini", "person", "Ali Hosseini"), ("reza-hosseini", "person", "Reza Hosseini")]:
        index.add_entity(eid, etype)
        index.add_alias(eid, etype, alias)
    assert index.match(["jonathan spyer"], "person") == "jonathan-spyer"        # normalised name
    assert index.match(["Hizballah"], "organization") == "hezbollah"            # transliteration fold
    assert index.match(["Jonathon Spyer"], "person") == "jonathan-spyer"        # fuzzy, long enough
    assert index.match(["Hezbollah"], "person") is None                         # types must agree
    assert index.match(["Bo"], "organization") is None                          # too short for fuzzy
    assert index.match(["Spyer"], "person") == "jonathan-spyer"                 # unambiguous surname
    assert index.match(["Hosseini"], "person") is None                          # ambiguous surname
    assert index.match(["Ali Reza Hosseini"], "person") is None                 # persons: same word count
