"""POST/GET /api/corrections, /api/review and /api/auth through FastAPI's TestClient, on a private
copy of the web test store: every action, the token (401 before the body is read, 403 on a
read-only server), malformed bodies (422 naming the field), unknown ids (404), refusals (422)."""

from __future__ import annotations

import pytest
from event_reports import OTHER_STRIKE, PUBLISHED, STRIKE_OWN, STRIKE_WIRE
from fastapi.testclient import TestClient
from store_helpers import write
from web_helpers import store_copy, web_store

from proxyatlas import api
from proxyatlas.web import create_app

TOKEN = "review-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}


@pytest.fixture()
def db(tmp_path_factory, tmp_path):
    return store_copy(web_store(tmp_path_factory.mktemp("web")), tmp_path)


@pytest.fixture()
def client(db):
    return TestClient(create_app(db, TOKEN))


def post(client, body, status=201, headers=AUTH):
    response = client.post("/api/corrections", json=body, headers=headers)
    assert response.status_code == status, (body, response.text)
    return response.json()


def relation(db, **filters):
    return api.relations(db=db, **filters)[0]


def test_every_action_answers_the_stored_record_and_changes_the_store(client, db):
    rel = relation(db, source="Iran", target="Houthis", type="supports")
    done = post(client, {"action": "confirm", "relation": rel["id"], "author": "Ann", "reason": "two outlets"})
    assert (done["kind"], done["author"], done["reason"], done["relation"]) == ("confirm", "Ann", "two outlets", rel["id"])
    assert relation(db, source="Iran", target="Houthis", type="supports")["confirmed_by"] == "Ann"

    other = relation(db, type="operates_in", source="hezbollah")
    post(client, {"action": "rehedge", "relation": other["id"], "hedge": "alleged", "author": "Ann"})
    assert api.relations(db=db, type="operates_in", source="hezbollah", hedge="alleged")[0]["id"] == other["id"]
    post(client, {"action": "retype", "relation": other["id"], "type": "opposes", "author": "Ann"})
    assert other["id"] not in {r["id"] for r in api.relations(db=db)}
    assert api.relations(db=db, type="opposes", source="hezbollah", target=other["target"])

    rejected = post(client, {"action": "reject", "relation": rel["id"], "author": "Ann", "reason": "misread"})
    assert rel["id"] not in {r["id"] for r in api.relations(db=db)}

    post(client, {"action": "merge", "entity": "houthis", "other": "hezbollah", "author": "Ann"})
    merged = api.show("houthis", db=db)["entity"]
    assert {"Ansarallah", "Hizballah"} <= set(merged["aliases"])
    assert "hezbollah" not in {e["id"] for e in api.entities(db=db)}
    split = post(client, {"action": "split", "entity": "houthis", "alias": "Houthi movement", "author": "Ann"})
    assert api.entities(db=db, name="Houthi movement")[0]["id"] == split["new_id"] == "houthi-movement"
    post(client, {"action": "recategorise", "entity": "houthis", "category": "political", "author": "Ann"})
    assert api.show("houthis", db=db)["entity"]["category"] == "political"
    post(client, {"action": "alias", "entity": "houthis", "alias": "Yemeni Ansar", "author": "Ann"})
    assert "Yemeni Ansar" in api.show("houthis", db=db)["entity"]["aliases"]

    undo = post(client, {"action": "undo", "correction": rejected["id"], "author": "Ann"})
    assert undo["correction"] == rejected["id"] and rel["id"] in {r["id"] for r in api.relations(db=db)}

    listing = client.get("/api/corrections").json()
    assert [c["kind"] for c in listing] == ["undo", "alias", "recategorise", "split", "merge", "reject", "retype",
                                            "rehedge", "confirm"]
    assert listing[5]["undone_by"] == undo["id"] and listing[5]["reason"] == "misread"
    assert [c["id"] for c in client.get("/api/corrections?limit=2").json()] == [c["id"] for c in listing[:2]]


def test_without_a_valid_token_nothing_changes(client, db, tmp_path):
    rel = relation(db)
    body = {"action": "confirm", "relation": rel["id"], "author": "Mallory"}
    for headers in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": TOKEN}, {"X-Token": TOKEN}):
        response = client.post("/api/corrections", json=body, headers=headers)
        assert response.status_code == 401 and response.headers["www-authenticate"] == "Bearer", headers
    assert client.post("/api/corrections", json={"action": "bogus"}).status_code == 401  # before the body is read
    assert client.get("/api/auth").status_code == 401 and client.get("/api/auth", headers=AUTH).json() == {"ok": True}
    read_only = TestClient(create_app(db))
    assert read_only.post("/api/corrections", json=body, headers=AUTH).status_code == 403
    assert read_only.get("/api/config").json()["corrections"] is False
    assert client.get("/api/config").json()["corrections"] is True
    assert client.get("/api/corrections").json() == [] and not relation(db)["confirmed"]


@pytest.mark.parametrize(("body", "field"), [
    ({"action": "confirm", "author": "Ann"}, ["body", "confirm", "relation"]),
    ({"action": "confirm", "relation": "x"}, ["body", "confirm", "author"]),
    ({"action": "confirm", "relation": "x", "author": ""}, ["body", "confirm", "author"]),
    ({"action": "reject", "relation": "x", "author": "Ann"}, ["body", "reject", "reason"]),
    ({"action": "retype", "relation": "x", "type": "funds", "author": "Ann"}, ["body", "retype", "type"]),
    ({"action": "rehedge", "relation": "x", "hedge": "sure", "author": "Ann"}, ["body", "rehedge", "hedge"]),
    ({"action": "merge", "entity": "houthis", "author": "Ann"}, ["body", "merge", "other"]),
    ({"action": "split", "entity": "houthis", "author": "Ann"}, ["body", "split", "alias"]),
    ({"action": "recategorise", "entity": "houthis", "author": "Ann"}, ["body", "recategorise"]),
    ({"action": "recategorise", "entity": "houthis", "category": "gang", "author": "Ann"},
     ["body", "recategorise", "category"]),
    ({"action": "alias", "entity": "houthis", "author": "Ann"}, ["body", "alias", "alias"]),
    ({"action": "undo", "author": "Ann"}, ["body", "undo", "correction"]),
    ({"action": "merge_events", "event": "x", "author": "Ann"}, ["body", "merge_events", "other"]),
    ({"action": "merge_events", "event": "x", "other": "y", "entity": "z", "author": "Ann"},
     ["body", "merge_events", "entity"]),
    ({"action": "split_event", "event": "x", "author": "Ann"}, ["body", "split_event", "document"]),
    ({"action": "reject_event", "event": "x", "author": "Ann"}, ["body", "reject_event", "reason"]),
    ({"action": "reject_event", "event": "x", "reason": "", "author": "Ann"}, ["body", "reject_event", "reason"]),
    ({"action": "confirm", "relation": "x", "author": "Ann", "relaton": "typo"}, ["body", "confirm", "relaton"]),
    ({"action": "delete", "author": "Ann"}, ["body"]),
    ({"author": "Ann"}, ["body"]),
])
def test_malformed_bodies_are_422_naming_the_field(client, db, body, field):
    detail = post(client, body, status=422)["detail"]
    assert [d["loc"] for d in detail] == [field]
    assert client.get("/api/corrections").json() == []


def test_unknown_ids_are_404_and_refusals_422(client, db):
    for body in ({"action": "confirm", "relation": "ffffffffffff", "author": "Ann"},
                 {"action": "merge", "entity": "houthis", "other": "No Such Actor Anywhere", "author": "Ann"},
                 {"action": "alias", "entity": "no-such-actor-anywhere", "alias": "X", "author": "Ann"},
                 {"action": "undo", "correction": "0123456789", "author": "Ann"},
                 {"action": "merge_events", "event": "ffffffffffff", "other": "eeeeeeeeeeee", "author": "Ann"},
                 {"action": "split_event", "event": "ffffffffffff", "document": "eeee", "author": "Ann"},
                 {"action": "reject_event", "event": "ffffffffffff", "reason": "a drill", "author": "Ann"}):
        assert "no " in post(client, body, status=404)["detail"], body
    rel = relation(db)
    post(client, {"action": "confirm", "relation": rel["id"], "author": "Ann"})
    assert "already confirmed by Ann" in post(client, {"action": "confirm", "relation": rel["id"], "author": "Bob"},
                                              status=422)["detail"]
    assert "already one entity" in post(client, {"action": "merge", "entity": "houthis", "other": "Ansarallah",
                                                 "author": "Ann"}, status=422)["detail"]
    response = client.post("/api/corrections", content=b"{not json", headers={**AUTH, "Content-Type": "application/json"})
    assert response.status_code == 422
    assert len(client.get("/api/corrections").json()) == 1


@pytest.fixture(scope="module")
def strikes_store(tmp_path_factory):
    """Two reports of one strike in Nabatieh and one of a strike in Tyre (tests/event_reports.py)."""
    folder = tmp_path_factory.mktemp("strikes")
    write(folder / "news", "wire.txt", STRIKE_WIRE, source="Reuters", published=PUBLISHED)
    write(folder / "news", "own.txt", STRIKE_OWN, source="Associated Press", published=PUBLISHED)
    write(folder / "news", "tyre.txt", OTHER_STRIKE, source="L'Orient Today", published=PUBLISHED)
    assert api.ingest([folder / "news"], db=folder / "strikes.db").added == 3
    return folder / "strikes.db"


def events_by_place(client) -> dict[str, dict]:
    return {e["place"]: e for e in client.get("/api/events").json()["events"]}


def test_event_actions_merge_split_reject_survive_rebuild_and_undo(strikes_store, tmp_path):
    db = store_copy(strikes_store, tmp_path)
    client = TestClient(create_app(db, TOKEN))
    strike, tyre = events_by_place(client)["nabatieh"], events_by_place(client)["tyre"]
    body = {"action": "reject_event", "event": tyre["id"], "reason": "a drill", "author": "Mallory"}
    assert client.post("/api/corrections", json=body).status_code == 401 and len(events_by_place(client)) == 2

    merged = post(client, {"action": "merge_events", "event": strike["id"], "other": tyre["id"][:10],
                           "author": "Ann", "reason": "one raid"})
    assert (merged["kind"], merged["entity"], merged["other"], merged["reason"]) == \
        ("merge_events", strike["id"], tyre["id"], "one raid")
    [one] = client.get("/api/events").json()["events"]
    assert one["documents"] == 3

    split = post(client, {"action": "split_event", "event": one["id"], "document": tyre["document"][:10],
                          "author": "Ann"})
    assert (split["kind"], split["other"]) == ("split_event", tyre["document"])
    apart = events_by_place(client)
    assert (apart["nabatieh"]["documents"], apart["tyre"]["documents"]) == (2, 1)
    assert "already one event" in post(client, {"action": "merge_events", "event": strike["id"],
                                                "other": strike["id"], "author": "Ann"}, status=422)["detail"]
    assert "not one of the 2 documents" in post(client, {"action": "split_event", "event": strike["id"],
                                                         "document": "0000", "author": "Ann"}, status=422)["detail"]

    rejected = post(client, {**body, "event": apart["tyre"]["id"], "author": "Ann"})
    assert (rejected["kind"], rejected["author"], rejected["reason"]) == ("reject_event", "Ann", "a drill")
    assert set(events_by_place(client)) == {"nabatieh"}
    timeline = client.get("/api/timeline").json()["items"]
    assert [i["place"] for i in timeline if i["kind"] == "event"] == ["nabatieh"]
    assert "is rejected" in post(client, {**body, "event": apart["tyre"]["id"], "author": "Ann"}, status=422)["detail"]

    api.rebuild(db=db)
    assert set(events_by_place(client)) == {"nabatieh"} and events_by_place(client)["nabatieh"]["documents"] == 2
    post(client, {"action": "undo", "correction": rejected["id"], "author": "Ann"})
    assert events_by_place(client)["tyre"]["documents"] == 1
    listing = client.get("/api/corrections").json()
    assert [c["kind"] for c in listing] == ["undo", "reject_event", "split_event", "merge_events"]
    assert listing[1]["undone_by"] == listing[0]["id"]


def test_review_queue_orders_by_score_with_reasons_and_evidence(client, db):
    queue = client.get("/api/review?limit=500").json()
    items = queue["items"]
    assert queue["total"] == len(items) == len(api.relations(db=db))
    assert [i["score"] for i in items] == sorted((i["score"] for i in items), reverse=True)
    assert all(i["evidence"] and i["evidence_total"] >= len(i["evidence"]) for i in items)
    codes = {r["code"] for i in items for r in i["reasons"]}
    assert {"central", "single_source", "not_asserted"} <= codes
    single = [i for i in items if i["sources"] == 1]
    assert all("single_source" in {r["code"] for r in i["reasons"]} for i in single)
    for item in items:  # a relation in `conflicts` is marked so
        assert ("conflict" in {r["code"] for r in item["reasons"]}) == (item["id"] in _conflicting(db))
    top = items[0]
    post(client, {"action": "confirm", "relation": top["id"], "author": "Ann"})
    after = client.get("/api/review?limit=500").json()
    assert after["total"] == queue["total"] - 1 and top["id"] not in {i["id"] for i in after["items"]}
    assert client.get("/api/review?limit=2&offset=1").json()["items"] == after["items"][1:3]


def _conflicting(db) -> set[str]:
    out = set()
    for c in api.conflicts(db=db):
        out |= {c["relation"]["id"]} if c["kind"] == "denied" else {h["id"] for h in c["holders"]}
    return out
