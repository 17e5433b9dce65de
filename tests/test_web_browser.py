"""The web UI in a real browser: Debian's chromium driven by playwright (never a downloaded one).

They load the network page, move the as-of slider, open an edge's evidence, search an actor by
an alias, open its page and its evidence in context, and show a hostile document as text;
every request must stay on 127.0.0.1 and no dialog may open. Screenshots go to a temporary
folder; `PROXYATLAS_SCREENSHOTS=docs/screenshots make test` refreshes the ones the README shows.
In CI (CI=true) a missing chromium fails the tests instead of skipping them.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from urllib.parse import urlparse

import pytest
from web_helpers import XSS_TITLE, Server, web_store

CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--disable-quic", "--no-first-run"]
SHOTS = Path(os.environ.get("PROXYATLAS_SCREENSHOTS") or Path(tempfile.gettempdir()) / "proxyatlas-screenshots")

pytestmark = pytest.mark.skipif(not os.path.exists(CHROMIUM) and not os.environ.get("CI"),
                                reason=f"{CHROMIUM} is absent: `make test` installs it (apt-get install chromium)")


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    server = Server(web_store(tmp_path_factory.mktemp("web")))
    yield server
    server.stop()


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, server):
    """A page that records every request, dialog and console error; the test ends by checking them."""
    context = browser.new_context(viewport={"width": 1360, "height": 860})
    seen = {"requests": [], "dialogs": [], "errors": []}
    context.on("request", lambda r: seen["requests"].append(r.url))
    page = context.new_page()
    page.on("dialog", lambda d: (seen["dialogs"].append(d.message), d.dismiss()))
    page.on("console", lambda m: seen["errors"].append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: seen["errors"].append(str(e)))
    page.set_default_timeout(10_000)
    yield page
    context.close()
    hosts = {urlparse(u).hostname for u in seen["requests"] if urlparse(u).scheme in ("http", "https", "ws", "wss")}
    assert hosts <= {"127.0.0.1"}, f"requests left the machine: {sorted(hosts)}"
    assert not seen["dialogs"], seen["dialogs"]
    assert not seen["errors"], seen["errors"]


def shoot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"))


def counts(page) -> tuple[int, int]:
    graph = page.locator("#graph")
    return int(graph.get_attribute("data-nodes")), int(graph.get_attribute("data-edges"))


def test_network_slider_and_edge_evidence(page, server):
    page.goto(f"{server.url}/network?entity=irgc-quds-force")
    page.wait_for_selector("body[data-rendered='1']")
    page.locator("#status", has_text="IRGC Quds Force").wait_for()
    nodes, edges = counts(page)
    assert nodes >= 5 and edges >= 5
    page.wait_for_timeout(600)  # let the layout settle for the screenshot
    shoot(page, "network")

    page.locator("#asof").fill("0")  # the earliest day on which this neighbourhood changes
    page.wait_for_selector(f"#graph:not([data-edges='{edges}'])")  # (CSP forbids wait_for_function's eval)
    assert page.locator("#asof-label").text_content().startswith("20")
    assert "as of" in page.locator("#status").text_content()
    assert counts(page)[1] < edges
    page.locator("#asof").fill(page.locator("#asof").get_attribute("max"))
    page.wait_for_selector(f"#graph[data-edges='{edges}']")

    point = page.evaluate("""() => {
        const net = window.PA_NETWORK, box = document.getElementById('graph').getBoundingClientRect();
        for (const id of net.body.data.edges.getIds()) {
            const e = net.body.data.edges.get(id), pos = net.getPositions([e.from, e.to]);
            const a = net.canvasToDOM(pos[e.from]), b = net.canvasToDOM(pos[e.to]);
            for (let t = 0.35; t <= 0.65; t += 0.01) {
                const p = {x: a.x + (b.x - a.x) * t, y: a.y + (b.y - a.y) * t};
                if (net.getEdgeAt(p) === id && net.getNodeAt(p) === undefined) return {x: p.x + box.left, y: p.y + box.top};
            }
        }
        return null;
    }""")
    assert point, "no clickable edge found"
    page.mouse.click(point["x"], point["y"])
    page.wait_for_selector("#panel .evidence-text mark")
    assert page.locator("#panel h3").first.text_content() == "Evidence"
    shoot(page, "network-evidence")


def test_search_alias_entity_evidence_and_document(page, server):
    page.goto(f"{server.url}/")
    page.wait_for_selector("#central li")
    shoot(page, "home")
    page.locator("#search").fill("Ansarallah")  # an alias, not the name
    option = page.locator(".suggestions.open li").first
    option.wait_for()
    assert "Houthis" in option.text_content() and "Ansarallah" in option.text_content()
    page.locator("#search").press("Enter")
    page.wait_for_url("**/entity/houthis")
    page.wait_for_selector(".relation .evidence-text mark")
    assert page.locator("h1").first.text_content().startswith("Houthis")
    assert "Ansarallah" in page.locator(".aliases").text_content()
    first = page.locator(".relation").first
    first.locator("button", has_text="show context").first.click()
    first.locator(".evidence-text .context").first.wait_for(state="attached")
    assert len(first.locator(".evidence-text").first.text_content()) > len(first.locator(".evidence-text mark").first.text_content())
    page.wait_for_selector("#map path.leaflet-interactive", state="attached")  # the map drew its countries
    shoot(page, "entity")

    sentence = first.locator(".evidence-text mark").first.text_content()
    first.locator("a.doc-link").first.click()
    page.wait_for_url("**/document/**?hl=*")
    mark = page.locator(".doc-text mark.hl")
    mark.first.wait_for()
    assert "".join(mark.all_text_contents()) == sentence
    assert page.locator(".doc-text a.mention").count() > 3
    shoot(page, "document")

    page.goto(f"{server.url}/timeline")
    page.wait_for_selector(".vis-item")
    shoot(page, "timeline")


def test_hostile_document_is_shown_as_text(page, server):
    page.goto(f"{server.url}/sources")
    page.wait_for_selector("#sources tbody tr")
    page.goto(f"{server.url}/api/documents")
    doc_id = next(d["id"] for d in page.evaluate("() => JSON.parse(document.body.innerText)")["documents"]
                  if d["title"] == XSS_TITLE)
    page.goto(f"{server.url}/document/{doc_id}")
    page.wait_for_selector(".doc-text a.mention")
    assert page.locator("h1").text_content() == XSS_TITLE
    text = page.locator(".doc-text").text_content()
    assert "<script>alert('body')</script>" in text and 'onerror="alert(\'xss\')"' in text
    assert page.locator("main img, main script").count() == 0
    assert page.title().startswith(XSS_TITLE)
    page.wait_for_timeout(300)  # a dialog, had anything run, would be recorded by now
