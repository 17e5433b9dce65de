"""How fast the network page draws one actor's two-hop neighbourhood on a big store.

    python bench/web_render.py [--db bench/.cache/query-store-10000/store.db] [--runs 5] [--entity ID]

Serves the store on a free 127.0.0.1 port, then for the best-connected actor (or --entity)
and for an actor of median degree: times GET /api/neighbourhood (first call and median of
--runs), and loads /network?entity=ID in Debian's chromium (playwright), timing navigation
start to the first drawn frame of the graph (the page's `graph-drawn` performance mark),
median of --runs fresh page loads. Read-only: the store is not changed.
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import statistics
import sys
import time
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))

from web_helpers import Server

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--disable-quic", "--no-first-run"]


def actors(db: Path) -> tuple[str, str, dict[str, int]]:
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        degree = dict(conn.execute(
            "SELECT e, COUNT(*) FROM (SELECT source AS e FROM relations WHERE rejected = 0 UNION ALL "
            "SELECT target FROM relations WHERE rejected = 0) GROUP BY e ORDER BY COUNT(*) DESC").fetchall())
        sizes = {"documents": conn.execute("SELECT COUNT(*) FROM documents WHERE current = 1").fetchone()[0],
                 "entities": conn.execute("SELECT COUNT(*) FROM entities").fetchone()[0],
                 "relations": conn.execute("SELECT COUNT(*) FROM relations").fetchone()[0]}
    finally:
        conn.close()
    ranked = list(degree)
    return ranked[0], ranked[len(ranked) // 2], {**sizes, "top_degree": degree[ranked[0]],
                                                  "median_degree": degree[ranked[len(ranked) // 2]]}


def endpoint(url: str, runs: int) -> dict[str, float | int]:
    times, data = [], {}
    for _ in range(runs + 1):
        start = time.perf_counter()
        with urllib.request.urlopen(url) as response:
            data = json.loads(response.read())
        times.append(time.perf_counter() - start)
    return {"first_ms": round(times[0] * 1000, 1), "median_ms": round(statistics.median(times[1:]) * 1000, 1),
            "nodes": len(data["nodes"]), "edges": len(data["edges"]), "truncated": data["truncated"]}


def render(browser, url: str, runs: int) -> dict[str, float]:
    times = []
    for _ in range(runs):
        page = browser.new_page(viewport={"width": 1360, "height": 860})
        page.goto(url)
        page.wait_for_selector("body[data-rendered='1']", timeout=30_000)
        times.append(page.evaluate("() => performance.getEntriesByName('graph-drawn')[0].startTime"))
        page.close()
    return {"median_ms": round(statistics.median(times), 1), "max_ms": round(max(times), 1)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", type=Path, default=HERE / ".cache" / "query-store-10000" / "store.db")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--entity", help="actor id (default: the best connected and one of median degree)")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    top, median, sizes = actors(args.db)
    wanted = [args.entity] if args.entity else [top, median]
    server = Server(args.db)
    out: dict[str, object] = {"store": sizes, "actors": {}}
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=FLAGS)
            for entity in wanted:
                api = endpoint(f"{server.url}/api/neighbourhood?entity={entity}&hops=2", args.runs)
                page = render(browser, f"{server.url}/network?entity={entity}", args.runs)
                out["actors"][entity] = {"endpoint": api, "page": page}  # type: ignore[index]
            browser.close()
    finally:
        server.stop()
    print(json.dumps(out, indent=1))


if __name__ == "__main__":
    main()
