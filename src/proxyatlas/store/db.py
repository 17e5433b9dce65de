"""The SQLite connection: WAL, a busy timeout, and one writer at a time.

Every write happens inside `transaction(conn)`, which takes the write lock up front
(`BEGIN IMMEDIATE`), so concurrent ingests queue instead of failing half-way, and readers in
other processes keep reading the last committed state (WAL). The SQL elsewhere in the store
is plain and portable (`?` placeholders, `ON CONFLICT`, no rowid); this module is the only
place that knows it talks to SQLite.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ..errors import ProxyatlasError

BUSY_TIMEOUT_MS = 60_000
DEFAULT_DB = "proxyatlas.db"


def db_path(db: str | os.PathLike[str] | None) -> str:
    """`db` itself, else $PROXYATLAS_DB, else ./proxyatlas.db."""
    if db is not None:
        return os.fspath(db)
    return os.environ.get("PROXYATLAS_DB") or DEFAULT_DB


def connect(db: str | os.PathLike[str] | None = None) -> sqlite3.Connection:
    path = db_path(db)
    if path != ":memory:" and not path.startswith("file:"):
        parent = Path(path).resolve().parent
        if not parent.is_dir():
            raise ProxyatlasError(f"{path}: the folder {parent} does not exist; create it or choose another --db")
    try:
        conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None,
                               check_same_thread=False, uri=path.startswith("file:"))
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        if path != ":memory:":
            conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")
        conn.execute("PRAGMA foreign_keys = ON")
    except sqlite3.DatabaseError as exc:
        raise ProxyatlasError(f"{path}: not a proxyatlas store ({exc}); choose another --db") from exc
    return conn


@contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """One atomic unit of work holding the write lock: all of it is committed or none."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
        conn.execute("COMMIT")  # can fail too (disk full while writing the WAL): then roll back
    except BaseException:
        if conn.in_transaction:  # SQLite has already rolled back after some errors (SQLITE_FULL)
            conn.execute("ROLLBACK")
        raise


def data_version(conn: sqlite3.Connection) -> int:
    """Changes whenever another connection commits: tells a cache that it is stale."""
    return int(conn.execute("PRAGMA data_version").fetchone()[0])
