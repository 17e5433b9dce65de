"""One PostgreSQL store shared by several processes: a SIGKILL in the middle of an ingest, two
ingests at once beside two readers (as several analysts' `serve` processes read). The SQLite
versions of these are in test_store_concurrency.py; the rest of the store suite runs on both
backends through the `store_db` fixture."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time

from test_store_concurrency import READER, many

from proxyatlas import api
from proxyatlas.registry import load_registry
from proxyatlas.store import open_store


def count(db: str) -> int:
    try:
        with open_store(db) as store:
            return int(store.conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0])
    except Exception:  # noqa: BLE001 - the schema may not be there yet
        return 0


def ingest_process(db: str, *paths: object) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "proxyatlas.cli", "ingest", *map(str, paths), "--db", db],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)


def test_sigkill_midway_leaves_whole_documents_and_a_rerun_completes(pg_server, tmp_path):
    n = 30
    folder = many(tmp_path / "many", n)
    db = pg_server.new_database()
    api.documents(db=db)  # create the schema first, so that counting never races the migration
    proc = ingest_process(db, folder)
    deadline = time.monotonic() + 120
    while count(db) < 3 and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.02)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    stored = count(db)
    assert 3 <= stored < n, "the ingest should have been killed midway"
    with open_store(db) as store:
        conn = store.conn
        docs = conn.execute("SELECT d.id, x.data FROM documents d JOIN extractions x ON x.document = d.id").fetchall()
        assert len(docs) == stored
        for doc_id, data in docs:  # every stored document is whole
            layers = json.loads(data)
            assert conn.execute("SELECT COUNT(*) FROM entity_map WHERE document = ?", (doc_id,)).fetchone()[0] \
                == len(layers["entities"])
            evidence = {(r["type"], e["start"]) for r in layers["relations"] for e in r["evidence"]}
            assert conn.execute("SELECT COUNT(*) FROM evidence WHERE document = ?", (doc_id,)).fetchone()[0] \
                == len(evidence)
    report = api.ingest([folder], db=db)
    assert (report.added, report.unchanged, report.failed) == (n - stored, stored, [])
    clean = str(tmp_path / "clean.db")
    api.ingest([folder], db=clean)
    for query in (api.entities, api.relations, api.sources):
        assert query(db=db) == query(db=clean)


def test_two_ingests_at_once_beside_two_readers(pg_server, tmp_path):
    n = 16
    folder = many(tmp_path / "many", n)
    files = sorted(folder.glob("*.txt"))
    db, done = pg_server.new_database(), tmp_path / "done"
    api.documents(db=db)
    readers = [subprocess.Popen([sys.executable, "-c", READER, db, str(done), str(n)], stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True) for _ in range(2)]
    # Two writers over overlapping halves: the middle third is offered to both.
    writers = [ingest_process(db, *files[: 2 * n // 3]), ingest_process(db, *files[n // 3 :])]
    for writer in writers:
        assert writer.wait(timeout=180) == 0, writer.stderr.read() if writer.stderr else ""
    done.touch()
    for reader in readers:
        out, err = reader.communicate(timeout=180)
        assert reader.returncode == 0, err
        result = json.loads(out)
        assert result["errors"] == [] and result["reads"] >= 2
        assert result["seen"] == sorted(result["seen"]) and result["seen"][-1] == n  # never backwards, none lost
    assert count(db) == n
    clean = str(tmp_path / "clean.db")
    api.ingest([folder], db=clean)
    expected = graph(clean)
    assert graph(db) == expected and len(expected[1]) >= 5


def graph(db: str) -> tuple:
    """The graph among registry actors (ids, aggregates, evidence). Interleaved writers store the
    documents in another order, and a name no registry knows ("Bulletin 6") takes its id from
    the first document that names it, so only registry actors have the same ids whatever the order."""
    known = {actor.id for actor in load_registry()}
    return ({e["id"] for e in api.entities(db=db)} & known,
            {(r["id"], r["documents"], r["sources"], len(r["evidence"])) for r in api.relations(db=db)
             if {r["source"], r["target"]} <= known})


def test_the_web_app_serves_a_postgresql_store_and_sees_other_writers(pg_server, tmp_path):
    from fastapi.testclient import TestClient
    from store_helpers import ARTICLE_A, ARTICLE_B, write

    from proxyatlas.web import create_app

    db = pg_server.new_database()
    api.ingest([write(tmp_path, "a.txt", ARTICLE_A, source="Outlet A")], db=db)
    client = TestClient(create_app(db))
    first = client.get("/api/home").json()["counts"]
    assert first["documents"] == 1 and first["entities"] > 0
    assert client.get("/api/home").json()["counts"] == first  # served from the cache
    ingest_process(db, write(tmp_path, "b.txt", ARTICLE_B, source="Outlet B")).wait(timeout=120)
    assert client.get("/api/home").json()["counts"]["documents"] == 2  # another process wrote: cache stale
    assert client.get("/api/entity/qasem-soleimani").json()["entity"]["documents"] == 2
