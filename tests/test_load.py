"""The web surface (issue 7, item 4) where test_web_api.py does not reach: a short load test
against a real `proxyatlas serve` process on loopback (bench/load.py runs the long one), raw
path-traversal requests that no HTTP client would normalise, the default bind address, and
the token compared in constant time.
"""

from __future__ import annotations

import hmac
import socket
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient
from web_helpers import web_store

from proxyatlas.cli import main
from proxyatlas.web import api as web_api
from proxyatlas.web import create_app

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
from load import run_load, serve


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    with serve(web_store(tmp_path_factory.mktemp("load"))) as url:
        yield url


def test_short_load_sees_no_errors(server):
    result = run_load(server, clients=10, seconds=3)
    assert result["errors"] == 0, result
    assert result["requests"] >= 20 and len(result["endpoints"]) >= 12
    print(f"\nload smoke: {result['requests']} requests, {result['throughput']}/s, p95 {result['p95_ms']} ms")


def raw_get(url: str, path: str) -> tuple[int, bytes]:
    """GET with the path sent exactly as written (clients would collapse the dot segments)."""
    host, port = url.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=10) as sock:
        sock.sendall(f"GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n".encode())
        data = b""
        while chunk := sock.recv(65536):
            data += chunk
    return int(data.split(b" ", 2)[1]), data


@pytest.mark.parametrize("path", ["/static/../app.py", "/static/../../../../../../etc/passwd",
                                  "/static/%2e%2e/%2e%2e/errors.py", "/static/..%2f..%2fcli.py",
                                  "/static/.%2e/api.py", "/static/%2e%2e%5capp.py", "/static//etc/passwd",
                                  "/static/vendor/..%252f..%252fapp.py", "/../../etc/passwd"])
def test_no_path_leaves_the_static_folder(server, path):
    status, data = raw_get(server, path)
    assert status in (400, 404), (path, status)
    assert b"root:" not in data and b"import " not in data


def test_serve_binds_loopback_by_default(monkeypatch, tmp_path):
    import uvicorn

    bound = {}
    monkeypatch.setattr(uvicorn, "run", lambda app, host, port, **kw: bound.update(host=host, port=port))
    result = CliRunner().invoke(main, ["serve", "--db", str(tmp_path / "s.db"), "--port", "8123"],
                                env={"PROXYATLAS_TOKEN": ""})
    assert result.exit_code == 0, result.output
    assert bound == {"host": "127.0.0.1", "port": 8123}
    refused = CliRunner().invoke(main, ["serve", "--host", "192.168.1.5"], env={"PROXYATLAS_TOKEN": ""})
    assert refused.exit_code == 1 and "refusing to listen on 192.168.1.5 without a token" in refused.stderr
    assert "host" not in bound or bound["host"] == "127.0.0.1"


def test_token_is_compared_in_constant_time(monkeypatch, tmp_path):
    calls, real = [], hmac.compare_digest

    def compare(a, b):  # type: ignore[no-untyped-def]
        calls.append((a, b))
        return real(a, b)

    monkeypatch.setattr(web_api.hmac, "compare_digest", compare)
    client = TestClient(create_app(tmp_path / "s.db", token="right-token"))
    for given in ("wrong-token", "right-toke", "", "right-token-and-more"):
        response = client.post("/api/ingest", files={"files": ("a.txt", b"text", "text/plain")},
                               headers={"Authorization": f"Bearer {given}"})
        assert response.status_code == 401
    assert [b for _, b in calls] == [b"right-token"] * 4  # every refusal went through compare_digest
