"""The store's connection: SQLite (the default) or PostgreSQL, behind one small interface.

The rest of the store speaks one portable SQL (`?` placeholders, `ON CONFLICT ... DO
NOTHING`, no rowid, TEXT/INTEGER/REAL) to a connection with `execute`, `executemany` and
`close`; this module is the only place that knows which database it talks to.

SQLite: WAL, a busy timeout, and one writer at a time: every write happens inside
`transaction(conn)`, which takes the write lock up front (`BEGIN IMMEDIATE`), so concurrent
ingests queue instead of failing half-way, and readers in other processes keep reading the
last committed state.

PostgreSQL (`--db postgresql://user:pass@host/dbname`, through psycopg 3): `PgConnection`
rewrites the SQL (`?` -> `%s`; in CREATE TABLE, TEXT -> TEXT COLLATE "C" so text sorts by
code point as in SQLite, INTEGER -> BIGINT and REAL -> DOUBLE PRECISION for SQLite's 64-bit
numbers; LIKE -> ILIKE ... ESCAPE '' for SQLite's ASCII-case-insensitive LIKE without an
escape character). A write transaction takes a transaction-scoped advisory lock first (the
`BEGIN IMMEDIATE` of PostgreSQL: one writer per database, however many `ingest` and `serve`
processes share it), and bumps a counter in the `store_changes` table, which stands in for
SQLite's `PRAGMA data_version` (see `data_version`). Readers run in autocommit, each
statement on the last committed state.
"""

from __future__ import annotations

import os
import re
import sqlite3
import threading
import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from ..errors import ProxyatlasError

BUSY_TIMEOUT_MS = 60_000
DEFAULT_DB = "proxyatlas.db"
PG_SCHEMES = ("postgresql://", "postgres://")
# The advisory lock that serialises writers on a PostgreSQL store (any constant bigint; "pxat").
PG_WRITE_LOCK = 0x70786174
CHANGES_TABLE = "store_changes"


def db_path(db: str | os.PathLike[str] | None) -> str:
    """`db` itself, else $PROXYATLAS_DB, else ./proxyatlas.db."""
    if db is not None:
        return os.fspath(db)
    return os.environ.get("PROXYATLAS_DB") or DEFAULT_DB


def is_postgres(db: str | os.PathLike[str] | None) -> bool:
    return db_path(db).startswith(PG_SCHEMES)


def display_name(db: str | os.PathLike[str] | None) -> str:
    """The store's name for messages: a PostgreSQL URL without its password."""
    path = db_path(db)
    if not is_postgres(path):
        return path
    parts = urlsplit(path)
    if parts.password is None:
        return path
    netloc = f"{parts.username}:***@{parts.hostname}" + (f":{parts.port}" if parts.port else "")
    return urlunsplit(parts._replace(netloc=netloc))


def connect(db: str | os.PathLike[str] | None = None) -> Any:
    """A connection to the store at `db`: a sqlite3.Connection, or a PgConnection for a
    postgresql:// URL. Both take the store's SQL unchanged."""
    path = db_path(db)
    if is_postgres(path):
        return PgConnection(path)
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
def transaction(conn: Any) -> Iterator[Any]:
    """One atomic unit of work holding the write lock: all of it is committed or none."""
    if isinstance(conn, PgConnection):
        with conn.write_transaction():
            yield conn
        return
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
        conn.execute("COMMIT")  # can fail too (disk full while writing the WAL): then roll back
    except BaseException:
        if conn.in_transaction:  # SQLite has already rolled back after some errors (SQLITE_FULL)
            conn.execute("ROLLBACK")
        raise


def data_version(conn: Any) -> int:
    """Changes whenever another connection commits: tells a cache that it is stale."""
    if isinstance(conn, PgConnection):
        return conn.data_version()
    return int(conn.execute("PRAGMA data_version").fetchone()[0])


# -- PostgreSQL ------------------------------------------------------------------------------
_QUOTED = re.compile(r"('(?:[^']|'')*')")


@lru_cache(maxsize=1024)
def pg_sql(sql: str, with_params: bool = True) -> str:
    """The store's SQL in PostgreSQL's dialect (string literals are left alone)."""
    parts = _QUOTED.split(sql)
    ddl = sql.lstrip().upper().startswith("CREATE TABLE")
    for i in range(0, len(parts), 2):  # even parts lie outside quotes
        part = parts[i]
        if with_params:
            part = part.replace("%", "%%").replace("?", "%s")
        if ddl:
            part = re.sub(r"\bTEXT\b", 'TEXT COLLATE "C"', part)
            part = re.sub(r"\bINTEGER\b", "BIGINT", part)
            part = re.sub(r"\bREAL\b", "DOUBLE PRECISION", part)
        part = re.sub(r"\bLIKE\s+(%s|\?)", r"ILIKE \1 ESCAPE ''", part)
        parts[i] = part
    return "".join(parts)


class PgConnection:
    """A psycopg 3 connection that takes the store's SQLite-flavoured SQL (see the module doc)."""

    dialect = "postgresql"

    def __init__(self, url: str) -> None:
        try:
            import psycopg
        except ImportError as exc:  # pragma: no cover - depends on the install
            raise ProxyatlasError("a postgresql:// store needs psycopg: pip install 'proxyatlas[postgresql]'") from exc
        self.url = url
        try:
            self.raw = psycopg.connect(url, autocommit=True, connect_timeout=30)
        except psycopg.Error as exc:
            raise ProxyatlasError(f"{display_name(url)}: cannot connect to PostgreSQL "
                                  f"({str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__})"
                                  ) from None
        self._own_commits = 0
        self._lock = threading.RLock()
        self._bootstrap()

    def _bootstrap(self) -> None:
        """The tables the connection itself needs (the change counter; the migrations table), made
        once under the write lock so that two first connections do not race to create them."""
        row = self.raw.execute(f"SELECT to_regclass('{CHANGES_TABLE}')").fetchone()
        if row is not None and row[0] is not None:
            return
        with self.raw.transaction():
            self.raw.execute("SELECT pg_advisory_xact_lock(%s)", (PG_WRITE_LOCK,))
            self.raw.execute(f"CREATE TABLE IF NOT EXISTS {CHANGES_TABLE} (id BIGINT PRIMARY KEY, "
                             "n BIGINT NOT NULL)")
            self.raw.execute(f"INSERT INTO {CHANGES_TABLE} (id, n) VALUES (1, 0) ON CONFLICT (id) DO NOTHING")
            self.raw.execute(pg_sql("CREATE TABLE IF NOT EXISTS migrations (version INTEGER PRIMARY KEY, "
                                    "name TEXT NOT NULL, applied TEXT NOT NULL)", False))

    # -- the sqlite3-like surface the store uses -------------------------------------------------
    def execute(self, sql: str, params: Sequence[Any] | None = ()) -> Any:
        if params:
            return self.raw.execute(pg_sql(sql, True), tuple(params))
        return self.raw.execute(pg_sql(sql, False))

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> Any:
        cursor = self.raw.cursor()
        cursor.executemany(pg_sql(sql, True), [tuple(r) for r in rows])
        return cursor

    def close(self) -> None:
        self.raw.close()

    # -- transactions and change detection -------------------------------------------------------
    @contextmanager
    def write_transaction(self) -> Iterator[None]:
        with self._lock, self.raw.transaction():
            self.raw.execute("SELECT pg_advisory_xact_lock(%s)", (PG_WRITE_LOCK,))
            yield
            self.raw.execute(f"UPDATE {CHANGES_TABLE} SET n = n + 1 WHERE id = 1")
        self._own_commits += 1

    def data_version(self) -> int:
        """The number of write transactions other connections have committed: writers are
        serialised, so the counter grows by one per commit, and ours are subtracted; like
        SQLite's data_version, it changes only when another connection commits."""
        row = self.raw.execute(f"SELECT n FROM {CHANGES_TABLE} WHERE id = 1").fetchone()
        return (int(row[0]) if row else 0) - self._own_commits


_STAMP_CONNS: dict[str, Any] = {}
_STAMP_LOCK = threading.Lock()


def change_stamp(db: str | os.PathLike[str] | None) -> tuple[int, ...]:
    """Something that changes whenever anyone commits a write to the store, for caches of whole-
    store results: for SQLite, the size and modification time of the file and its WAL; for
    PostgreSQL, the change counter (read over one kept connection per store)."""
    path = db_path(db)
    if is_postgres(path):
        import psycopg

        with _STAMP_LOCK:
            for _ in range(2):
                conn = _STAMP_CONNS.get(path)
                try:
                    if conn is None or conn.closed:
                        conn = _STAMP_CONNS[path] = psycopg.connect(path, autocommit=True, connect_timeout=30)
                    row = conn.execute(f"SELECT n FROM {CHANGES_TABLE} WHERE id = 1").fetchone()
                    return (int(row[0]) if row else 0,)
                except psycopg.Error:
                    _STAMP_CONNS.pop(path, None)
        return (-time.monotonic_ns(),)  # unknown: a stamp no other call gives, so nothing is served stale
    out: list[int] = []
    for name in (path, path + "-wal"):
        try:
            info = os.stat(name)
        except OSError:
            out += [0, 0]
        else:
            out += [info.st_mtime_ns, info.st_size]
    return tuple(out)
