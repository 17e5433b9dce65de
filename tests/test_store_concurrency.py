"""The store under stress: a SIGKILL in the middle of an ingest, and readers beside a writer (WAL).

SQLite only: these check the file itself (PRAGMA integrity_check, WAL readers). Their
PostgreSQL counterparts are in test_store_postgres.py."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from store_helpers import write

from proxyatlas import api

ACTORS = ["Hezbollah", "the Houthis", "Kata'ib Hezbollah", "Hamas", "the Fatehin Brigade"]


def many(folder: Path, n: int) -> Path:
    for i in range(n):
        actor = ACTORS[i % len(ACTORS)]
        write(folder, f"doc{i:03d}.txt",
              f"Bulletin {i}\n\nIran backs {actor}, officials said in statement number {i}. "
              f"Saudi Arabia opposes {actor}.\n", source=f"Outlet {i % 3}", published=f"2021-03-{1 + i % 28:02d}")
    return folder


def count(db: Path) -> int:
    if not db.exists():
        return 0
    conn = sqlite3.connect(db, timeout=30)
    try:
        return int(conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0])
    except sqlite3.OperationalError:  # the schema is not there yet
        return 0
    finally:
        conn.close()


def ingest_process(folder: Path, db: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "proxyatlas.cli", "ingest", str(folder), "--db", str(db)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def test_sigkill_midway_leaves_whole_documents_and_a_rerun_completes(tmp_path):
    n = 30
    folder = many(tmp_path / "many", n)
    db = tmp_path / "killed.db"
    proc = ingest_process(folder, db)
    deadline = time.monotonic() + 120
    while count(db) < 3 and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.01)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    stored = count(db)
    assert 3 <= stored < n, "the ingest should have been killed midway"

    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    docs = conn.execute("SELECT d.id, x.data FROM documents d JOIN extractions x ON x.document = d.id").fetchall()
    assert len(docs) == stored
    for doc_id, data in docs:  # every stored document is whole: all its derived rows are there
        layers = json.loads(data)
        spans = {(m["start"], m["end"]) for e in layers["entities"] for m in e["mentions"]}
        assert conn.execute("SELECT COUNT(*) FROM entity_map WHERE document = ?", (doc_id,)).fetchone()[0] \
            == len(layers["entities"])
        assert conn.execute("SELECT COUNT(*) FROM mentions WHERE document = ?", (doc_id,)).fetchone()[0] == len(spans)
        evidence = {(r["type"], e["start"]) for r in layers["relations"] for e in r["evidence"]}
        assert conn.execute("SELECT COUNT(*) FROM evidence WHERE document = ?", (doc_id,)).fetchone()[0] \
            == len(evidence)
    conn.close()

    report = api.ingest([folder], db=str(db))
    assert (report.added, report.unchanged, report.failed) == (n - stored, stored, [])
    clean = tmp_path / "clean.db"
    api.ingest([folder], db=str(clean))
    for query in (api.entities, api.relations, api.sources):
        assert query(db=str(db)) == query(db=str(clean))


READER = """
import json, sys, time
from pathlib import Path
from proxyatlas.store import open_store
from proxyatlas.store.queries import documents, relations
db, done, n = sys.argv[1], Path(sys.argv[2]), int(sys.argv[3])
seen, errors, reads = [], [], 0
deadline = time.monotonic() + 120
while time.monotonic() < deadline:
    try:
        with open_store(db) as store:
            docs = documents(store)
            rels = relations(store)
            assert all(r["evidence"] for r in rels), "a relation without evidence"
        seen.append(len(docs))
        reads += 1
    except Exception as exc:
        errors.append(repr(exc))
    if done.exists() and seen and seen[-1] == n:
        break
    time.sleep(0.05)
print(json.dumps({"errors": errors, "reads": reads, "seen": seen}))
"""


def test_two_readers_while_a_third_process_ingests(tmp_path):
    n = 20
    folder = many(tmp_path / "many", n)
    db, done = tmp_path / "shared.db", tmp_path / "done"
    api.documents(db=str(db))  # create the store, so that all three open an existing file
    readers = [subprocess.Popen([sys.executable, "-c", READER, str(db), str(done), str(n)], stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True) for _ in range(2)]
    writer = ingest_process(folder, db)
    assert writer.wait(timeout=180) == 0, writer.stderr.read() if writer.stderr else ""
    done.touch()
    for reader in readers:
        out, err = reader.communicate(timeout=180)
        assert reader.returncode == 0, err
        result = json.loads(out)
        assert result["errors"] == []
        assert result["reads"] >= 3
        assert result["seen"] == sorted(result["seen"]) and result["seen"][-1] == n  # nothing lost, never backwards
    assert count(db) == n
