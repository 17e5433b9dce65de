"""Resolved events and numbers on the web: /api/events, /api/numbers, the timeline's event detail
and the entity page's charts (the last two in Debian's chromium, as tests/test_web_browser.py)."""

from __future__ import annotations

import os

import pytest
from event_reports import OTHER_STRIKE, PUBLISHED, STRIKE_COPY, STRIKE_OWN, STRIKE_WIRE
from fastapi.testclient import TestClient
from store_helpers import write
from test_web_browser import CHROMIUM, browser, page  # noqa: F401 - the browser fixtures
from web_helpers import Server

from proxyatlas import api
from proxyatlas.web import create_app


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    folder = tmp_path_factory.mktemp("web-events") / "in"
    write(folder, "wire.txt", STRIKE_WIRE, source="Reuters", published=PUBLISHED)
    write(folder, "copy.txt", STRIKE_COPY, source="Gulf Daily", published=PUBLISHED)
    write(folder, "own.txt", STRIKE_OWN, source="Associated Press", published=PUBLISHED)
    write(folder, "tyre.txt", OTHER_STRIKE, source="L'Orient Today", published=PUBLISHED)
    write(folder, "speech.txt", "Hezbollah has 100,000 fighters, its leader Hassan Nasrallah said in a speech.\n",
          source="Al-Manar", published="2021-10-18")
    write(folder, "estimate.txt", "Israeli officials estimate that Hezbollah has between 40,000 and 50,000 troops.\n",
          source="Haaretz", published="2022-01-05")
    path = folder.parent / "store.db"
    assert api.ingest([folder], db=path).added == 6
    return path


def test_events_and_numbers_endpoints(db):
    client = TestClient(create_app(db))
    found = client.get("/api/events", params={"actor": "Israel", "min_sources": 2}).json()
    assert found["total"] == 1 and found["events"][0]["documents"] == 3
    assert client.get("/api/events", params={"from": "2025-01-01"}).json()["total"] == 0
    bad = client.get("/api/events", params={"from": "whenever"})
    assert bad.status_code == 404 and "not an EDTF date" in bad.json()["detail"]
    numbers = client.get("/api/numbers/hezbollah", params={"unit": "fighters"}).json()
    assert [n["value"] for n in numbers[:2]] == [100000, 40000]


@pytest.fixture(scope="module")
def server(db):
    server = Server(db)
    yield server
    server.stop()


@pytest.mark.skipif(not os.path.exists(CHROMIUM) and not os.environ.get("CI"), reason=f"{CHROMIUM} is absent")
def test_entity_page_plots_numbers_by_claimant(page, server):  # noqa: F811
    page.goto(f"{server.url}/entity/hezbollah")
    charts = page.locator(".numbers-chart")
    charts.first.locator("svg circle, svg rect.vis-point, svg .vis-point").first.wait_for()
    groups = [charts.nth(i).get_attribute("data-group") for i in range(charts.count())]
    assert sorted(groups) == ["fatalities", "personnel"]
    personnel = page.locator('.numbers-chart[data-group="personnel"]')
    legend = {line.strip() for text in personnel.locator(".vis-legend-text").all_inner_texts()
              for line in text.splitlines()}
    assert {"Hassan Nasrallah", "Israel"} <= legend
    points = personnel.locator(".vis-point")  # the plotted points and the legend's
    colours = {points.nth(i).get_attribute("style") for i in range(points.count())}
    assert points.count() >= 3 + 2 and len(colours) >= 3  # a colour per claimant


@pytest.mark.skipif(not os.path.exists(CHROMIUM) and not os.environ.get("CI"), reason=f"{CHROMIUM} is absent")
def test_timeline_event_shows_every_report_and_disagreements(page, server):  # noqa: F811
    page.goto(f"{server.url}/timeline?entity=israel")
    page.locator(".vis-item.tl-event").first.wait_for()
    for i in range(page.locator(".vis-item.tl-event").count()):
        page.locator(".vis-item.tl-event").nth(i).click()
        if "3 documents" in page.locator("#timeline-detail").inner_text():
            break
    detail = page.locator("#timeline-detail")
    assert "2 independent sources" in detail.inner_text()
    outlets = set(detail.locator(".evidence .source").all_inner_texts())
    assert outlets == {"Reuters", "Gulf Daily", "Associated Press"}
    toll = detail.locator('.disagreement[data-detail="fatalities"]').inner_text()
    assert "3 (Gulf Daily, Reuters)" in toll and "4 (Associated Press)" in toll
