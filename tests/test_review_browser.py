"""Analyst review in a real browser (Debian's chromium driven by playwright), on a private copy
of the web test store served with a token: reject a relation on the actor page and see it leave
the page, the network and the CSV export; merge two actors and undo it; confirm from the review
queue with the keyboard; split, reject and merge events on the timeline; and, without signing
in, no write control at all. The page fixture of
test_web_browser checks every test for requests off 127.0.0.1, dialogs and console errors."""

from __future__ import annotations

import csv

import httpx
import pytest
from click.testing import CliRunner
from event_reports import OTHER_STRIKE, PUBLISHED, STRIKE_OWN, STRIKE_WIRE
from store_helpers import write
from test_web_browser import browser, page, pytestmark, shoot  # noqa: F401  (shared fixtures and skip)
from web_helpers import Server, store_copy, web_store

from proxyatlas import api
from proxyatlas.cli import main

TOKEN = "browser-review-token"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    db = store_copy(web_store(tmp_path_factory.mktemp("web")), tmp_path_factory.mktemp("review"))
    server = Server(db, token=TOKEN)
    server.db = db
    yield server
    server.stop()


def sign_in(page, server, name="Ann Analyst") -> None:  # noqa: F811
    page.goto(f"{server.url}/")
    page.locator("#sign-open").click()
    page.locator("#sign-token").fill(TOKEN)
    page.locator("#sign-name").fill(name)
    page.locator("#sign-token").press("Enter")
    page.locator("#sign-out").wait_for()


def network_edges(page, server, entity: str) -> list[str]:  # noqa: F811
    page.goto(f"{server.url}/network?entity={entity}")
    page.wait_for_selector("body[data-rendered='1']")
    return page.evaluate("() => window.PA_NETWORK.body.data.edges.getIds()")


def csv_edges(server, tmp_path) -> set[str]:
    result = CliRunner().invoke(main, ["export", "--format", "csv", "--db", str(server.db), "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    return {row["id"] for row in csv.DictReader((tmp_path / "edges.csv").open(encoding="utf-8"))}


def test_without_a_token_no_write_control_is_drawn(page, server):  # noqa: F811
    page.goto(f"{server.url}/entity/hezbollah")
    page.wait_for_selector(".relation .evidence-text mark")
    page.locator("#sign-open").wait_for()
    assert page.locator(".review-actions, #entity-edit, button.confirm").count() == 0
    page.goto(f"{server.url}/review")
    page.wait_for_selector(".review-item")
    assert page.locator(".review-actions").count() == 0
    page.keyboard.press("c")
    page.locator("#review-status.error", has_text="Sign in").wait_for()
    page.goto(f"{server.url}/corrections")
    page.wait_for_selector("#corrections tbody tr")
    assert page.locator("button.undo").count() == 0
    rel = api.relations(db=server.db)[0]
    response = httpx.post(f"{server.url}/api/corrections", json={"action": "confirm", "relation": rel["id"],
                                                                 "author": "Mallory"})
    assert response.status_code == 401
    assert api.corrections(db=server.db) == [] and not api.relations(db=server.db)[0]["confirmed"]


def test_reject_on_the_entity_page_hides_it_everywhere_and_undo_restores_it(page, server, tmp_path):  # noqa: F811
    rel = api.relations(db=server.db, source="hezbollah")[0]
    assert rel["id"] in network_edges(page, server, "hezbollah") and rel["id"] in csv_edges(server, tmp_path / "a")
    sign_in(page, server)
    page.goto(f"{server.url}/entity/hezbollah")
    item = page.locator(f"li.relation[data-relation='{rel['id']}']")
    item.locator("button.reject").click()
    item.locator(".reject-reason").fill("the article says the opposite")
    item.locator(".reject-reason").press("Enter")
    page.locator("#flash", has_text="Rejected").wait_for()
    page.wait_for_selector(".relation .evidence-text mark")
    assert page.locator(f"li.relation[data-relation='{rel['id']}']").count() == 0
    assert rel["id"] not in network_edges(page, server, "hezbollah")
    assert rel["id"] not in csv_edges(server, tmp_path / "b")
    [record] = api.corrections(db=server.db)
    assert (record["kind"], record["author"], record["reason"]) == ("reject", "Ann Analyst",
                                                                    "the article says the opposite")

    page.goto(f"{server.url}/corrections")
    row = page.locator(f"#corrections tr[data-correction='{record['id']}']")
    row.locator("button.undo").click()
    page.locator("#flash", has_text="Undid the reject").wait_for()
    page.locator(f"#corrections tr.undone[data-correction='{record['id']}']").wait_for()
    page.goto(f"{server.url}/entity/hezbollah")
    page.locator(f"li.relation[data-relation='{rel['id']}']").wait_for()
    assert rel["id"] in csv_edges(server, tmp_path / "c")


def test_merge_two_entities_then_undo(page, server):  # noqa: F811
    keep, gone = api.show("houthis", db=server.db)["entity"], api.show("hezbollah", db=server.db)["entity"]
    sign_in(page, server)
    page.goto(f"{server.url}/entity/houthis")
    page.locator("#merge-input").fill("Hezbollah")
    option = page.locator("#entity-edit .suggestions.open li", has_text="Hezbollah").first
    option.wait_for()
    option.click()
    page.locator("#merge-button").click()
    page.locator("#flash", has_text="Merged Hezbollah into Houthis").wait_for()
    aliases = page.locator(".aliases").text_content()
    assert all(a in aliases for a in keep["aliases"] + gone["aliases"])
    ids = {e["id"] for e in api.entities(db=server.db)}
    assert "houthis" in ids and "hezbollah" not in ids

    page.locator("#flash-undo").click()
    page.locator("#flash", has_text="Undone").wait_for()
    page.wait_for_selector(".aliases")
    assert "Hizballah" not in page.locator(".aliases").text_content()
    assert {e["id"] for e in api.entities(db=server.db)} >= {"houthis", "hezbollah"}
    assert sorted(api.show("hezbollah", db=server.db)["entity"]["aliases"]) == sorted(gone["aliases"])


def test_review_queue_confirms_with_the_keyboard(page, server):  # noqa: F811
    sign_in(page, server)
    page.goto(f"{server.url}/review")
    page.wait_for_selector(".review-item.active .review-actions")
    second = page.locator(".review-item").nth(1).get_attribute("data-relation")
    page.keyboard.press("j")
    page.locator(f".review-item.active[data-relation='{second}']").wait_for()
    page.wait_for_timeout(300)  # let the scroll settle for the screenshot
    shoot(page, "review")
    page.keyboard.press("c")
    page.locator("#review-status.done", has_text="Confirmed").wait_for()
    assert page.locator(f".review-item[data-relation='{second}']").count() == 0
    [confirmed] = [r for r in api.relations(db=server.db) if r["id"] == second]
    assert confirmed["confirmed_by"] == "Ann Analyst" and api.relations(db=server.db)[0]["id"] == second

    page.goto(f"{server.url}/entity/{confirmed['source']}")
    page.locator(f"li.relation[data-relation='{second}'] .checked", has_text="checked by Ann Analyst").wait_for()
    page.goto(f"{server.url}/review")
    page.wait_for_selector(".review-item.active")
    page.keyboard.press("u")
    page.locator("#review-status", has_text="Nothing to undo").wait_for()  # the undo stack is this page's

    page.keyboard.press("r")  # reject the active one, with a reason, from the keyboard
    active = page.locator(".review-item.active")
    target = active.get_attribute("data-relation")
    page.keyboard.type("duplicate of a better-sourced claim")
    page.keyboard.press("Enter")
    page.locator("#review-status.done", has_text="Rejected").wait_for()
    assert target not in {r["id"] for r in api.relations(db=server.db)}
    page.keyboard.press("u")
    page.locator("#review-status.done", has_text="Undone").wait_for()
    assert target in {r["id"] for r in api.relations(db=server.db)}
    page.locator(f".review-item[data-relation='{target}']").wait_for()


@pytest.fixture(scope="module")
def strikes_server(tmp_path_factory):
    """A store of three reports (tests/event_reports.py): two of one strike in Nabatieh, one of
    a strike in Tyre, served with the token."""
    folder = tmp_path_factory.mktemp("strikes")
    write(folder / "news", "wire.txt", STRIKE_WIRE, source="Reuters", published=PUBLISHED)
    write(folder / "news", "own.txt", STRIKE_OWN, source="Associated Press", published=PUBLISHED)
    write(folder / "news", "tyre.txt", OTHER_STRIKE, source="L'Orient Today", published=PUBLISHED)
    db = folder / "strikes.db"
    assert api.ingest([folder / "news"], db=db).added == 3
    server = Server(db, token=TOKEN)
    server.db = db
    yield server
    server.stop()


def open_event(page, server, event_id: str):  # noqa: F811
    """The timeline page with one event selected: its details, with the event controls."""
    page.goto(f"{server.url}/timeline")
    page.locator(f".vis-item [data-item='{event_id}']").click()
    controls = page.locator(f"#timeline-detail .event-actions[data-event='{event_id}']")
    controls.wait_for()
    return controls


def test_split_reject_and_merge_events_on_the_timeline(page, strikes_server):  # noqa: F811
    server = strikes_server
    events = {e["place"]: e for e in api.events(db=server.db)}
    strike, tyre = events["nabatieh"], events["tyre"]
    own = next(ev["document"] for ev in strike["evidence"] if ev["outlet"] == "Associated Press")
    page.goto(f"{server.url}/timeline")
    page.locator(f".vis-item [data-item='{strike['id']}']").click()
    page.locator("#timeline-detail h3").wait_for()
    assert page.locator(".event-actions").count() == 0  # not signed in: no control
    sign_in(page, server)

    # split the Associated Press report off the Nabatieh strike
    controls = open_event(page, server, strike["id"])
    controls.locator(".split-document").select_option(own)
    controls.locator(".split-event-button").click()
    page.locator("#flash", has_text="Split Associated Press").wait_for()
    assert sorted(e["documents"] for e in api.events(db=server.db)) == [1, 1, 1]

    # reject the Tyre strike, with a reason: it leaves the page and /api/events
    controls = open_event(page, server, tyre["id"])
    controls.locator("button.reject").click()
    controls.locator(".reject-reason").fill("a drill, not a strike")
    controls.locator(".reject-reason").press("Enter")
    page.locator("#flash", has_text="Rejected the attack").wait_for()
    page.locator(f".vis-item [data-item='{strike['id']}']").wait_for()
    assert page.locator(f".vis-item [data-item='{tyre['id']}']").count() == 0
    listed = httpx.get(f"{server.url}/api/events").json()["events"]
    assert tyre["id"] not in {e["id"] for e in listed} and len(listed) == 2
    record = api.corrections(db=server.db)[0]
    assert (record["kind"], record["author"], record["reason"]) == ("reject_event", "Ann Analyst",
                                                                    "a drill, not a strike")

    # merge the split-off report back: one event of two documents again
    alone = next(e for e in listed if e["id"] != strike["id"])
    controls = open_event(page, server, strike["id"])
    controls.locator(".merge-filter").fill("Nabatieh")
    controls.locator(".merge-event").select_option(alone["id"])
    controls.locator(".merge-event-button").click()
    page.locator("#flash", has_text="Merged").wait_for()
    page.locator(f".vis-item [data-item='{strike['id']}']").wait_for()
    assert page.locator(".vis-item.tl-event [data-item]").count() == 1
    [merged] = httpx.get(f"{server.url}/api/events").json()["events"]
    assert (merged["id"], merged["documents"]) == (strike["id"], 2)
    assert [c["kind"] for c in api.corrections(db=server.db)] == ["merge_events", "reject_event", "split_event"]

    # the corrections page names the events, and its undo brings the Tyre strike back
    page.goto(f"{server.url}/corrections")
    row = page.locator(f"#corrections tr[data-correction='{record['id']}']")
    assert f"event {tyre['id'][:10]}" in row.text_content()
    row.locator("button.undo").click()
    page.locator("#flash", has_text="Undid the reject_event").wait_for()
    assert tyre["id"] in {e["id"] for e in httpx.get(f"{server.url}/api/events").json()["events"]}
