"""Faults (issue 7, item 3): a full disk, a read-only store, two ingests at once, and a store made
by an older schema version. (A SIGKILL in the middle of an ingest: test_store_concurrency.py.)

A full disk is SQLite's own SQLITE_FULL, produced by capping the store's size with
`PRAGMA max_page_count` on the ingest's connection; a read-only store is opened read-only with
SQLite's `mode=ro` URI (root ignores file permissions, so a chmod would prove nothing here).
"""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from store_helpers import ARTICLE_A, ARTICLE_B, dump, write

from proxyatlas import api
from proxyatlas.cli import main
from proxyatlas.errors import ProxyatlasError, ProxyatlasWarning
from proxyatlas.store import open_store, schema
from proxyatlas.store import store as store_module
from proxyatlas.store.ingest import StoreWriteError

LONG_B = ARTICLE_B + "Iran backs the Houthis in Yemen, officials said on Monday. " * 150  # needs new pages


@pytest.fixture()
def one_stored(tmp_path):
    """A store holding ARTICLE_A, and a folder with a second, longer article."""
    folder = tmp_path / "in"
    write(folder, "a.txt", ARTICLE_A, source="Outlet A")
    write(folder, "b.txt", LONG_B, source="Outlet B")
    db = tmp_path / "s.db"
    assert api.ingest([folder / "a.txt"], db=db).added == 1
    return db, folder


def full_disk(monkeypatch):
    """Every store connection opened from now on cannot grow the file: SQLite reports a full disk."""
    real = store_module.connect

    def connect(path):  # type: ignore[no-untyped-def]
        conn = real(path)
        pages = conn.execute("PRAGMA page_count").fetchone()[0]
        conn.execute(f"PRAGMA max_page_count = {pages}")
        return conn

    monkeypatch.setattr(store_module, "connect", connect)


def test_disk_full_is_one_clear_error_and_the_store_is_unchanged(one_stored, monkeypatch):
    db, folder = one_stored
    before = dump(db)
    full_disk(monkeypatch)
    with pytest.raises(StoreWriteError, match="database or disk is full") as info:
        api.ingest([folder / "b.txt"], db=db)
    assert "rolled back" in str(info.value) and "run the same ingest again" in str(info.value)
    assert dump(db) == before
    result = CliRunner().invoke(main, ["ingest", str(folder), "--db", str(db)])
    assert result.exit_code == 1
    [line] = result.stderr.strip().splitlines()[-1:]
    assert line.startswith(f"proxyatlas: error: {db}: cannot write to the store (database or disk is full)")
    assert dump(db) == before
    assert sqlite3.connect(db).execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    monkeypatch.undo()  # space freed: the same ingest stores the rest
    report = api.ingest([folder], db=db)
    assert (report.added, report.unchanged, report.failed) == (1, 1, [])


def test_read_only_store_refuses_writes_and_still_answers_queries(one_stored):
    db, folder = one_stored
    before = dump(db)
    read_only = f"file:{db}?mode=ro"
    with pytest.raises(StoreWriteError, match="readonly database"):
        api.ingest([folder / "b.txt"], db=read_only)
    result = CliRunner().invoke(main, ["ingest", str(folder / "b.txt"), "--db", read_only])
    assert result.exit_code == 1 and "cannot write to the store" in result.stderr
    assert dump(db) == before
    assert len(api.documents(db=read_only)) == 1 and api.relations(db=read_only)


INGEST = [sys.executable, "-m", "proxyatlas.cli", "ingest", "--format", "json"]


def test_two_ingests_at_once_are_serialised_and_lose_nothing(tmp_path):
    actors = ["Hezbollah", "the Houthis", "Kata'ib Hezbollah", "Hamas"]
    texts = {f"doc{i}.txt": f"Iran backs {actors[i % 4]}, officials said in statement number {i}. "
             f"Saudi Arabia opposes {actors[(i + 1) % 4]}, report {i} said.\n" for i in range(12)}
    first, second = tmp_path / "first", tmp_path / "second"
    for i, (name, text) in enumerate(texts.items()):
        write(first if i < 8 else second, name, text)  # 8 and 4 documents ...
        if 4 <= i < 8:
            write(second, name, text)  # ... of which 4 in both folders
    db = tmp_path / "shared.db"
    procs = [subprocess.Popen([*INGEST, str(folder), "--db", str(db)], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True) for folder in (first, second)]
    outs = [p.communicate(timeout=300) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], outs
    reports = [json.loads(out) for out, _ in outs]
    assert sum(r["added"] for r in reports) == 12 and sum(r["unchanged"] for r in reports) == 4  # each once
    stored = api.documents(db=db)
    assert len(stored) == len(texts) == len({d["id"] for d in stored})
    sequential = tmp_path / "sequential.db"
    api.ingest([first, second], db=sequential)
    assert {d["id"] for d in stored} == {d["id"] for d in api.documents(db=sequential)}

    def claims(store):  # type: ignore[no-untyped-def]
        return sorted((r["type"], r["source"], r["target"], r["documents"], len(r["evidence"]))
                      for r in api.relations(db=store))

    assert claims(db) == claims(sequential)


def test_an_older_store_is_backed_up_then_migrated(tmp_path, monkeypatch):
    db = tmp_path / "old.db"
    write(tmp_path / "in", "a.txt", ARTICLE_A)
    api.ingest([tmp_path / "in"], db=db)  # made by this version
    now, nxt = schema.SCHEMA_VERSION, schema.SCHEMA_VERSION + 1
    documents = api.documents(db=db)

    def add_notes(conn):  # type: ignore[no-untyped-def]
        conn.execute("CREATE TABLE notes (id TEXT PRIMARY KEY, text TEXT NOT NULL)")

    monkeypatch.setitem(schema.MIGRATIONS, nxt, ("add_notes", add_notes))  # the next version of proxyatlas
    monkeypatch.setattr(schema, "SCHEMA_VERSION", nxt)
    warning = f"migrated from schema version {now} to {nxt}; the old store is kept as"
    with pytest.warns(ProxyatlasWarning, match=warning), open_store(db) as store:
        assert store.schema_version == nxt
    backup = Path(f"{db}.schema-v{now}.bak")
    assert backup.is_file()
    old = sqlite3.connect(backup)
    assert old.execute("SELECT MAX(version) FROM migrations").fetchone()[0] == now
    assert old.execute("SELECT COUNT(*) FROM documents").fetchone()[0] == 1
    assert not old.execute("SELECT 1 FROM sqlite_master WHERE name = 'notes'").fetchone()
    old.close()
    assert api.documents(db=db) == documents  # the data survived the migration
    with open_store(db):  # already migrated: no second backup
        pass
    assert not Path(f"{db}.schema-v{now}.2.bak").exists()


def test_a_newer_store_is_refused_untouched(tmp_path):
    db = tmp_path / "new.db"
    api.documents(db=db)
    conn = sqlite3.connect(db)
    conn.execute("INSERT INTO migrations VALUES (99, 'future', '2099-01-01')")
    conn.commit()
    conn.close()
    before = dump(db)
    with pytest.raises(ProxyatlasError, match="schema version 99, newer than this proxyatlas"):
        open_store(db)
    assert dump(db) == before
