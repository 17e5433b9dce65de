"""The profile page in Debian's chromium (the fixtures of test_web_browser: every request stays
on 127.0.0.1, no dialog, no console error, so no CSP violation): sections, interactive map,
notes that open the evidence sentence in its document, and download buttons that give files."""

from __future__ import annotations

import re

from test_web_browser import browser, page, pytestmark, server, shoot  # noqa: F401  (fixtures and skip mark)


def test_profile_page_notes_map_and_downloads(page, server):  # noqa: F811
    response = page.goto(f"{server.url}/entity/houthis/profile")
    assert "script-src 'self'" in response.headers["content-security-policy"]
    page.wait_for_selector("body[data-rendered='1']")
    assert page.locator("h1").first.text_content().startswith("Houthis")
    ids = page.locator("#sections > section").evaluate_all("(nodes) => nodes.map((n) => n.id)")
    assert ids[0] == "summary" and ids[-1] == "sources" and {"backing", "areas", "timeline"} <= set(ids)
    assert page.locator("#areas .leaflet-container path").count() > 50  # the world-atlas countries are drawn
    assert page.locator("#contents li").count() == len(ids) + 1  # and the notes
    claim = page.locator("#backing li", has_text="Allegedly, Iran backs Houthis")
    assert "(unlikely, 1 independent source)" in claim.text_content()
    links = page.locator("#downloads a")
    assert links.evaluate_all("(ns) => ns.map((n) => n.dataset.format)") == ["md", "html", "pdf"]
    pdf = page.request.get(server.url + links.nth(2).get_attribute("href"))
    assert pdf.headers["content-type"] == "application/pdf" and pdf.body().startswith(b"%PDF")
    page.wait_for_timeout(300)  # let the map settle for the screenshot
    shoot(page, "profile")

    ref = claim.locator("a.note-ref").first
    assert re.fullmatch(r"/document/[0-9a-f]{64}\?hl=\d+-\d+", ref.get_attribute("href"))
    note = page.locator(f"#fn-{ref.get_attribute('data-note')} a.doc-link")
    assert re.fullmatch(r"/document/[0-9a-f]{64}", note.get_attribute("href"))
    assert note.get_attribute("href") in ref.get_attribute("href")
    ref.click()
    page.wait_for_url("**/document/**")
    page.wait_for_selector("mark.hl")
    marked = "".join(page.locator("mark.hl").all_text_contents())  # mention links split the mark
    assert marked.startswith("Washington has repeatedly accused Tehran")


def test_profile_page_as_of(page, server):  # noqa: F811
    page.goto(f"{server.url}/entity/houthis/profile?as_of=2024-01-01")
    page.wait_for_selector("body[data-rendered='1']")
    assert page.locator("#as-of").input_value() == "2024-01-01"
    assert page.locator("#sections > section").evaluate_all("(ns) => ns.map((n) => n.id)") == \
        ["summary", "timeline", "sources"]
    assert "as_of=2024-01-01" in page.locator("#downloads a").first.get_attribute("href")
