"""The web app's JSON endpoints, pages and security, through FastAPI's TestClient."""

from __future__ import annotations

import re

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient
from web_helpers import XSS_TITLE, web_store

from proxyatlas.cli import main
from proxyatlas.errors import ProxyatlasError
from proxyatlas.web import check_bind, create_app
from proxyatlas.web.app import PAGE_ROUTES, PAGES, is_loopback

TOKEN = "s3cret-token"


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    return web_store(tmp_path_factory.mktemp("web"))


@pytest.fixture(scope="module")
def client(db):
    return TestClient(create_app(db))


def get(client: TestClient, url: str, status: int = 200):
    response = client.get(url)
    assert response.status_code == status, (url, response.text)
    return response.json()


def hostile_id(client: TestClient) -> str:
    docs = get(client, "/api/documents")["documents"]
    return next(d["id"] for d in docs if d["title"] == XSS_TITLE)


# -- every endpoint's JSON ---------------------------------------------------------------------
def test_config_and_home(client):
    assert get(client, "/api/config")["uploads"] is False
    home = get(client, "/api/home")
    assert home["counts"]["documents"] >= 4 and home["counts"]["relations"] > 0
    assert home["central"] and {"id", "name", "degree", "betweenness"} <= set(home["central"][0])
    assert home["latest"][0]["published"] >= home["latest"][-1]["published"]


def test_search_matches_aliases(client):
    found = get(client, "/api/search?q=Hizballah")
    assert found[0]["id"] == "hezbollah" and found[0]["match"] == "Hizballah"
    assert get(client, "/api/search?q=zzzzzz") == []
    get(client, "/api/search?q=", status=422)


def test_entities_and_entity(client):
    orgs = get(client, "/api/entities?category=armed_group&limit=5")
    assert 0 < len(orgs) <= 5 and all(o["category"] == "armed_group" for o in orgs)
    houthis = get(client, "/api/entity/Houthis")  # any name works, as in the CLI
    assert houthis["entity"]["id"] == "houthis"
    assert set(houthis) >= {"relations_out", "relations_in", "statements", "events", "quantities", "corrections",
                            "places"}
    yemen = next(p for p in houthis["places"] if p["id"] == "yemen")
    assert yemen["why"] == "operates_in" and len(yemen["coords"]) == 2
    rel = houthis["relations_out"][0]
    assert rel["evidence"] and rel["evidence_total"] >= len(rel["evidence"])
    assert "no entity named" in get(client, "/api/entity/Nobody%20At%20All", status=404)["detail"]


def test_relations_with_evidence(client):
    rels = get(client, "/api/relations?type=supports")
    assert rels and all(r["type"] == "supports" for r in rels)
    ev = rels[0]["evidence"][0]
    assert {"document", "source", "published", "hedge", "text", "start", "end"} <= set(ev)
    attributed = [e for r in get(client, "/api/relations") for e in r["evidence"] if e["attributed_to"]]
    assert attributed and all(e["attributed_name"] for e in attributed)
    get(client, "/api/relations?hedge=sure", status=422)


def test_neighbourhood_two_hops_and_as_of(client):
    data = get(client, "/api/neighbourhood?entity=Quds%20Force")
    assert data["center"] == "irgc-quds-force"
    ids = {n["id"] for n in data["nodes"]}
    assert "irgc-quds-force" in ids and data["edges"]
    assert all(e["source"] in ids and e["target"] in ids for e in data["edges"])
    one_hop = get(client, "/api/neighbourhood?entity=irgc-quds-force&hops=1")
    assert len(one_hop["nodes"]) < len(data["nodes"])  # Kata'ib Hezbollah's leaders are two hops away
    assert len(data["dates"]) >= 2
    early = get(client, f"/api/neighbourhood?entity=irgc-quds-force&as_of={data['dates'][0]}")
    assert 0 < len(early["edges"]) < len(data["edges"])
    only = get(client, "/api/neighbourhood?entity=irgc-quds-force&type=leads&min_sources=1")
    assert only["edges"] and {e["type"] for e in only["edges"]} == {"leads"}
    people = get(client, "/api/neighbourhood?entity=irgc-quds-force&category=person")
    assert {n["type"] for n in people["nodes"] if n["id"] != "irgc-quds-force"} == {"person"}
    small = get(client, "/api/neighbourhood?entity=irgc-quds-force&max_nodes=3")
    assert len(small["nodes"]) <= 3 and small["truncated"]
    sparse = get(client, "/api/neighbourhood?entity=irgc-quds-force&max_edges=1")
    assert len(sparse["edges"]) <= len(sparse["nodes"])  # the edges that reach each actor, and one more
    get(client, "/api/neighbourhood?entity=irgc-quds-force&as_of=someday", status=404)


def test_path_timeline_as_of_sources_conflicts(client):
    paths = get(client, "/api/path?a=Qasem%20Soleimani&b=Kata'ib%20Hezbollah")
    assert paths and paths[0][0]["evidence"]
    timeline = get(client, "/api/timeline")
    assert timeline["items"] and all(i["start"] for i in timeline["items"])
    assert {i["kind"] for i in timeline["items"]} == {"event", "statement"}
    assert get(client, "/api/timeline?entity=houthis")["total"] <= timeline["total"]
    page = get(client, "/api/as_of?date=2024-03-01&limit=1&offset=1")
    assert page["date"] == "2024-03-01" and page["offset"] == 1 and len(page["relations"]) == min(1, page["total"] - 1)
    sources = get(client, "/api/sources")
    assert sources and {"source", "documents", "claims", "corroborated"} <= set(sources[0])
    assert isinstance(get(client, "/api/conflicts"), list)
    stats = get(client, "/api/graph_stats")
    assert stats["relations"] > 0 and stats["central"]


def test_documents_document_and_context(client):
    docs = get(client, "/api/documents")
    assert docs["total"] >= 4
    source = next(d["source"] for d in docs["documents"] if d["source"])
    assert get(client, f"/api/documents?source={source.upper()}")["total"] >= 1
    longest = max(docs["documents"], key=lambda d: d["relations"])
    doc = get(client, f"/api/document/{longest['id'][:12]}")
    assert doc["text"] and doc["mentions"] and doc["entities"]
    m = doc["mentions"][0]
    assert doc["text"][m["start"]:m["end"]] == m["text"]
    rel = doc["relations"][0]
    ev = rel["evidence"][0]
    ctx = get(client, f"/api/document/{doc['id']}/context?start={ev['start']}&end={ev['end']}")
    assert ctx["text"] == doc["text"][ev["start"]:ev["end"]]
    assert (ctx["before"] + ctx["text"] + ctx["after"]).strip("…") in doc["text"]
    assert len(ctx["before"] + ctx["after"]) > 100
    get(client, "/api/document/ffffffffffff", status=404)


# -- pages, headers, escaping ------------------------------------------------------------------
def test_pages_have_csp_and_no_inline_script(client):
    for route in PAGE_ROUTES:
        url = route.replace("{eid}", "hezbollah").replace("{did}", "abc")
        response = client.get(url)
        assert response.status_code == 200 and response.headers["content-type"].startswith("text/html")
        csp = response.headers["content-security-policy"]
        script_src = re.search(r"script-src ([^;]*)", csp).group(1)
        assert script_src.strip() == "'self'"
        assert response.headers["x-content-type-options"] == "nosniff"
    for page in PAGES.glob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), page  # every script is a file
        assert not re.search(r"\son[a-z]+\s*=", html, re.IGNORECASE), page
        assert "http://" not in html and "https://" not in html, page  # no CDN
    assert client.get("/api/home").headers["content-security-policy"]
    assert "/api/neighbourhood" in get(client, "/openapi.json")["paths"]


def test_static_js_never_uses_markup_sinks():
    js = (PAGES.parent / "static" / "js")
    for path in js.glob("*.js"):
        code = path.read_text(encoding="utf-8")
        assert not re.search(r"innerHTML|outerHTML|insertAdjacentHTML|document\.write", code), path


def test_hostile_document_is_returned_as_text(client):
    doc = get(client, f"/api/document/{hostile_id(client)}")
    assert doc["title"] == XSS_TITLE
    assert "<script>alert('body')</script>" in doc["text"] and "onerror=" in doc["text"]
    response = client.get(f"/document/{doc['id']}")
    assert "alert(" not in response.text  # the page is a shell: text only ever arrives as JSON


@pytest.mark.parametrize("url", ["/static/../app.py", "/static/%2e%2e/app.py", "/static/..%2fapp.py",
                                 "/static/vendor/../../api.py", "/static/%2e%2e/%2e%2e/errors.py",
                                 "/static//etc/passwd"])
def test_static_files_cannot_escape(client, url):
    response = client.get(url)
    assert response.status_code == 404
    assert "import" not in response.text and "root:" not in response.text


def test_vendored_assets_are_served(client):
    for path in ("vendor/vis-network/vis-network.min.js", "vendor/leaflet/leaflet.css",
                 "vendor/leaflet/images/marker-icon.png", "vendor/world-atlas/countries-110m.json",
                 "vendor/swagger-ui/swagger-ui-bundle.js", "js/common.js", "app.css"):
        assert client.get(f"/static/{path}").status_code == 200, path


# -- uploads and binding -----------------------------------------------------------------------
def _upload(client, token=None, name="note.txt", body=b"Iran backs the Houthis in Yemen, officials said.\n"):
    headers = {"Authorization": f"Bearer {token}"} if token is not None else {}
    return client.post("/api/ingest", files={"files": (name, body, "text/plain")},
                       data={"source": "Upload Desk", "published": "2024-05-01"}, headers=headers)


def test_upload_needs_the_token(client, tmp_path):
    assert _upload(client, TOKEN).status_code == 403  # a server without a token is read-only
    secured = TestClient(create_app(tmp_path / "up.db", TOKEN, max_upload=2000))
    assert get(secured, "/api/config")["uploads"] is True
    assert _upload(secured).status_code == 401
    assert _upload(secured, "wrong").status_code == 401
    assert _upload(secured, TOKEN, body=b"x" * 5000).status_code == 413
    assert _upload(secured, TOKEN, name="../../evil.exe").status_code == 400
    response = _upload(secured, TOKEN, name="../nested/note.txt")
    assert response.status_code == 200, response.text
    assert response.json()["added"] == 1 and not response.json()["failed"]
    assert get(secured, "/api/documents")["documents"][0]["source"] == "Upload Desk"
    assert _upload(secured, TOKEN, name="note.txt").json()["unchanged"] == 1


def test_binding_beyond_loopback_needs_a_token():
    for host in ("127.0.0.1", "127.0.0.2", "localhost", "::1", "[::1]"):
        assert is_loopback(host)
        check_bind(host, None)
    for host in ("0.0.0.0", "192.168.1.5", "::", "example.org"):
        assert not is_loopback(host)
        with pytest.raises(ProxyatlasError, match="without a token"):
            check_bind(host, None)
        check_bind(host, TOKEN)
    result = CliRunner().invoke(main, ["serve", "--host", "0.0.0.0", "--port", "1"], env={"PROXYATLAS_TOKEN": ""})
    assert result.exit_code == 1 and "refusing to listen on 0.0.0.0 without a token" in result.output
