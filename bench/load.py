"""Load test of `proxyatlas serve` on loopback: N concurrent clients for T seconds on the JSON API.

    .venv/bin/python bench/load.py                         # 50 clients, 30 s, the example articles
    .venv/bin/python bench/load.py --db archive.db --clients 20 --seconds 10

Starts `proxyatlas serve` (its defaults: 127.0.0.1, read-only) as a subprocess on a free port,
requests each endpoint once (warming its caches), then runs `clients` asyncio clients, each with its own keep-alive connection, that request
the API endpoints the pages use, in turn, as fast as answers come, until `seconds` have
passed. Traffic goes to 127.0.0.1 only. Prints a table: per endpoint the requests, errors
(any status but 200, or a failed connection), median, 95th percentile and slowest latency;
then the totals and the throughput. Without --db the example articles are ingested into a
temporary store first. `run_load` and `serve` are what tests/test_load.py drives.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import socket
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from statistics import quantiles
from urllib.parse import quote

import httpx

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples" / "articles"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextlib.contextmanager
def serve(db: str | Path, timeout: float = 60) -> Iterator[str]:
    """`proxyatlas serve --db DB --port P` with its default host; yields its base URL."""
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "proxyatlas.cli", "serve", "--db", str(db), "--port", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + timeout
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"serve exited: {proc.stderr.read() if proc.stderr else ''}")
            try:
                if httpx.get(url + "/api/config", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError("serve did not answer in time")
            time.sleep(0.1)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def endpoints(url: str) -> list[tuple[str, str]]:
    """(label, path) of the API calls the pages make, on real ids from the store."""
    ents = httpx.get(url + "/api/entities?limit=20", timeout=30).json()
    docs = httpx.get(url + "/api/documents?limit=5", timeout=30).json()["documents"]
    a, b = (ents[0]["id"], ents[1]["id"]) if len(ents) > 1 else ("iran", "hezbollah")
    calls = [("config", "/api/config"), ("home", "/api/home"), ("search", "/api/search?q=hez"),
             ("entities", "/api/entities?limit=50"), ("entity", f"/api/entity/{quote(a)}"),
             ("relations", "/api/relations?type=supports&limit=100"),
             ("neighbourhood", f"/api/neighbourhood?entity={quote(a)}"), ("path", f"/api/path?a={quote(a)}&b={quote(b)}"),
             ("timeline", "/api/timeline?limit=200"), ("sources", "/api/sources"), ("graph_stats", "/api/graph_stats"),
             ("documents", "/api/documents?limit=50")]
    if docs:
        calls.append(("document", f"/api/document/{docs[0]['id']}"))
    return calls


async def _client(url: str, calls: list[tuple[str, str]], start: int, deadline: float,
                  results: list[tuple[str, float, bool]]) -> None:
    async with httpx.AsyncClient(base_url=url, timeout=60) as client:
        i = start
        while time.monotonic() < deadline:
            label, path = calls[i % len(calls)]
            i += 1
            began = time.perf_counter()
            try:
                ok = (await client.get(path)).status_code == 200
            except httpx.HTTPError:
                ok = False
            results.append((label, time.perf_counter() - began, ok))


def run_load(url: str, clients: int = 50, seconds: float = 30) -> dict:
    """Run the load; returns totals and per-endpoint figures (latencies in milliseconds)."""
    if not url.startswith(("http://127.0.0.1:", "http://localhost:", "http://[::1]:")):
        raise ValueError("the load test only talks to a server on this machine")
    calls = endpoints(url)
    for _, path in calls:  # warm the server's caches: the figures are for a server in use
        httpx.get(url + path, timeout=120)
    results: list[tuple[str, float, bool]] = []

    async def main() -> float:
        began = time.monotonic()
        deadline = began + seconds
        await asyncio.gather(*(_client(url, calls, n, deadline, results) for n in range(clients)))
        return time.monotonic() - began

    elapsed = asyncio.run(main())
    by: dict[str, list[tuple[float, bool]]] = defaultdict(list)
    for label, latency, ok in results:
        by[label].append((latency, ok))
    rows = {label: _figures(items) for label, items in by.items()}
    total = _figures([(lat, ok) for _, lat, ok in results])
    return {"clients": clients, "seconds": round(elapsed, 1), "requests": total["requests"],
            "errors": total["errors"], "throughput": round(total["requests"] / elapsed, 1),
            "p50_ms": total["p50_ms"], "p95_ms": total["p95_ms"], "max_ms": total["max_ms"], "endpoints": rows}


def _figures(items: list[tuple[float, bool]]) -> dict:
    latencies = sorted(lat * 1000 for lat, _ in items)
    cuts = quantiles(latencies, n=100, method="inclusive") if len(latencies) > 1 else latencies * 99
    return {"requests": len(items), "errors": sum(not ok for _, ok in items), "p50_ms": round(cuts[49], 1),
            "p95_ms": round(cuts[94], 1), "max_ms": round(latencies[-1], 1) if latencies else 0.0}


def table(result: dict) -> str:
    lines = [f"{'endpoint':<14} {'requests':>9} {'errors':>7} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}"]
    for label, row in sorted(result["endpoints"].items()):
        lines.append(f"{label:<14} {row['requests']:>9} {row['errors']:>7} {row['p50_ms']:>8} {row['p95_ms']:>8} "
                     f"{row['max_ms']:>8}")
    lines.append(f"{'all':<14} {result['requests']:>9} {result['errors']:>7} {result['p50_ms']:>8} "
                 f"{result['p95_ms']:>8} {result['max_ms']:>8}")
    lines.append(f"{result['clients']} clients, {result['seconds']} s: {result['throughput']} requests/s, "
                 f"{result['errors']} errors")
    return "\n".join(lines)


def example_store(folder: Path) -> Path:
    from proxyatlas import api

    db = folder / "load.db"
    api.ingest([EXAMPLES], db=db)
    return db


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", help="the store to serve (default: the example articles in a temporary store)")
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=30)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="proxyatlas-load-") as folder:
        db = args.db or example_store(Path(folder))
        with serve(db) as url:
            result = run_load(url, clients=args.clients, seconds=args.seconds)
    print(table(result))
    sys.exit(1 if result["errors"] else 0)


if __name__ == "__main__":
    main()
