"""The store's schema as versioned migrations: decorated functions, applied in order, tracked
in the `migrations` table.

Source tables hold what was read and extracted (`documents`, `document_bands`,
`extractions`) and what analysts decided (`corrections`); every other table is derived from
them by `ledger.derive` and can be rebuilt at any time. Column names avoid SQL keywords and
the SQL is portable (TEXT/INTEGER/REAL, no rowid), so another backend can run it unchanged.

Before a store made by an older version is migrated, a SQLite store is copied whole (SQLite's
online backup) to `FILE.schema-vN.bak`, N being its old version: a migration that goes wrong
never costs the analyst's work. The copy is announced with a ProxyatlasWarning.
"""

from __future__ import annotations

import os
import sqlite3
import warnings
from collections.abc import Callable
from datetime import UTC, datetime

from ..errors import ProxyatlasError, ProxyatlasWarning

Migration = Callable[[sqlite3.Connection], None]
MIGRATIONS: dict[int, tuple[str, Migration]] = {}
# Versions that change derived tables: after them the derived tables are refilled, once, by the
# installed `derive`, which writes the newest schema (so never inside an older migration).
REDERIVE: set[int] = set()

# Tables that `derive` empties and refills; everything else is source data.
DERIVED = ("entities", "aliases", "entity_map", "mentions", "relations", "evidence", "event_reports",
           "report_actors", "events", "event_actors", "statements", "quantities")


def migration(version: int, rederive: bool = False) -> Callable[[Migration], Migration]:
    def register(func: Migration) -> Migration:
        if version in MIGRATIONS:
            raise ValueError(f"migration {version} is defined twice")
        MIGRATIONS[version] = (func.__name__, func)
        if rederive:
            REDERIVE.add(version)
        return func
    return register


def _run(conn: sqlite3.Connection, script: str) -> None:
    for statement in script.split(";"):
        if statement.strip():
            conn.execute(statement)


@migration(1)
def initial(conn: sqlite3.Connection) -> None:
    _run(conn, """
    CREATE TABLE documents (
        id TEXT PRIMARY KEY, seq INTEGER NOT NULL UNIQUE, path TEXT, version INTEGER NOT NULL,
        current INTEGER NOT NULL, title TEXT, source TEXT, author TEXT, published TEXT,
        text TEXT NOT NULL, extractor TEXT NOT NULL, ingested TEXT NOT NULL,
        signature TEXT NOT NULL, cluster TEXT NOT NULL);
    CREATE INDEX documents_path ON documents (path);
    CREATE INDEX documents_source ON documents (source);
    CREATE TABLE document_bands (
        band TEXT NOT NULL, document TEXT NOT NULL REFERENCES documents (id), PRIMARY KEY (band, document));
    CREATE TABLE extractions (
        document TEXT PRIMARY KEY REFERENCES documents (id), extractor TEXT NOT NULL, data TEXT NOT NULL);
    CREATE TABLE corrections (
        id TEXT PRIMARY KEY, seq INTEGER NOT NULL UNIQUE, kind TEXT NOT NULL, author TEXT,
        created TEXT NOT NULL, entity TEXT, other TEXT, alias TEXT, relation TEXT, data TEXT NOT NULL);

    CREATE TABLE entities (
        id TEXT PRIMARY KEY, name TEXT NOT NULL, type TEXT NOT NULL, category TEXT, country TEXT,
        wikidata TEXT);
    CREATE INDEX entities_type ON entities (type);
    CREATE TABLE aliases (
        entity TEXT NOT NULL, alias TEXT NOT NULL, name_key TEXT NOT NULL, fold_key TEXT NOT NULL,
        PRIMARY KEY (entity, alias));
    CREATE INDEX aliases_name_key ON aliases (name_key);
    CREATE INDEX aliases_fold_key ON aliases (fold_key);
    CREATE TABLE entity_map (
        document TEXT NOT NULL, local_id TEXT NOT NULL, entity TEXT NOT NULL, PRIMARY KEY (document, local_id));
    CREATE INDEX entity_map_entity ON entity_map (entity);
    CREATE TABLE mentions (
        document TEXT NOT NULL, start_char INTEGER NOT NULL, end_char INTEGER NOT NULL, text TEXT NOT NULL,
        entity TEXT NOT NULL, PRIMARY KEY (document, start_char, end_char));
    CREATE INDEX mentions_entity ON mentions (entity);
    CREATE TABLE relations (
        id TEXT PRIMARY KEY, type TEXT NOT NULL, source TEXT NOT NULL, target TEXT NOT NULL,
        hedge TEXT NOT NULL, documents INTEGER NOT NULL, sources INTEGER NOT NULL, valid_from TEXT,
        valid_to TEXT, first_seen TEXT, last_seen TEXT, rejected INTEGER NOT NULL);
    CREATE INDEX relations_source ON relations (source);
    CREATE INDEX relations_target ON relations (target);
    CREATE INDEX relations_type ON relations (type);
    CREATE TABLE evidence (
        id TEXT PRIMARY KEY, relation TEXT NOT NULL, document TEXT NOT NULL, hedge TEXT NOT NULL,
        attributed_to TEXT, valid_from TEXT, valid_to TEXT, text TEXT NOT NULL, start_char INTEGER NOT NULL,
        end_char INTEGER NOT NULL, extractor TEXT NOT NULL);
    CREATE INDEX evidence_relation ON evidence (relation);
    CREATE INDEX evidence_document ON evidence (document);
    CREATE TABLE events (
        id TEXT PRIMARY KEY, document TEXT NOT NULL, type TEXT NOT NULL, date TEXT, place TEXT,
        hedge TEXT NOT NULL, attributed_to TEXT, evidence TEXT NOT NULL);
    CREATE INDEX events_document ON events (document);
    CREATE TABLE event_actors (
        event TEXT NOT NULL, entity TEXT NOT NULL, role TEXT NOT NULL, PRIMARY KEY (event, entity, role));
    CREATE INDEX event_actors_entity ON event_actors (entity);
    CREATE TABLE statements (
        id TEXT PRIMARY KEY, document TEXT NOT NULL, speaker TEXT NOT NULL, date TEXT, text TEXT NOT NULL,
        direct INTEGER NOT NULL, via TEXT, evidence TEXT NOT NULL);
    CREATE INDEX statements_speaker ON statements (speaker);
    CREATE INDEX statements_document ON statements (document);
    CREATE TABLE quantities (
        id TEXT PRIMARY KEY, document TEXT NOT NULL, subject TEXT NOT NULL, value REAL NOT NULL,
        value_max REAL, unit TEXT NOT NULL, approximate INTEGER NOT NULL, attributed_to TEXT, date TEXT,
        evidence TEXT NOT NULL);
    CREATE INDEX quantities_subject ON quantities (subject);
    CREATE INDEX quantities_document ON quantities (document)
    """)


@migration(2, rederive=True)
def resolved_events(conn: sqlite3.Connection) -> None:
    """Events resolved across documents (each document's reports of a happening point to one
    event), and relations with the first and last days of their validity, so that as-of
    filters in SQL. Every derived table is then refilled from the stored extractions."""
    _run(conn, """
    DROP TABLE events;
    DROP TABLE event_actors;
    DROP TABLE relations;
    CREATE TABLE relations (
        id TEXT PRIMARY KEY, type TEXT NOT NULL, source TEXT NOT NULL, target TEXT NOT NULL,
        hedge TEXT NOT NULL, documents INTEGER NOT NULL, sources INTEGER NOT NULL, valid_from TEXT,
        valid_to TEXT, first_seen TEXT, last_seen TEXT, rejected INTEGER NOT NULL, valid_start TEXT,
        valid_end TEXT, seen_start TEXT);
    CREATE INDEX relations_source ON relations (source);
    CREATE INDEX relations_target ON relations (target);
    CREATE INDEX relations_type ON relations (type);
    CREATE INDEX relations_valid_start ON relations (valid_start);
    CREATE TABLE event_reports (
        id TEXT PRIMARY KEY, document TEXT NOT NULL, type TEXT NOT NULL, date TEXT, place TEXT,
        hedge TEXT NOT NULL, attributed_to TEXT, evidence TEXT NOT NULL, fatalities REAL,
        fatalities_by TEXT, event TEXT NOT NULL);
    CREATE INDEX event_reports_document ON event_reports (document);
    CREATE INDEX event_reports_event ON event_reports (event);
    CREATE TABLE report_actors (
        report TEXT NOT NULL, entity TEXT NOT NULL, role TEXT NOT NULL, PRIMARY KEY (report, entity, role));
    CREATE INDEX report_actors_entity ON report_actors (entity);
    CREATE TABLE events (
        id TEXT PRIMARY KEY, type TEXT NOT NULL, family TEXT NOT NULL, date TEXT, date_start TEXT,
        date_end TEXT, span_start TEXT, span_end TEXT, place TEXT, hedge TEXT NOT NULL, fatalities REAL,
        documents INTEGER NOT NULL, sources INTEGER NOT NULL, first_seen TEXT, last_seen TEXT);
    CREATE INDEX events_family_span ON events (family, span_start);
    CREATE INDEX events_date_start ON events (date_start);
    CREATE TABLE event_actors (
        event TEXT NOT NULL, entity TEXT NOT NULL, role TEXT NOT NULL, PRIMARY KEY (event, entity, role));
    CREATE INDEX event_actors_entity ON event_actors (entity)
    """)


@migration(3)
def rejected_events(conn: sqlite3.Connection) -> None:
    """Events an analyst rejected stay in the table (later reports of the same non-happening
    join them there) but every read skips them. No older store holds an event rejection, so
    every event it has is kept."""
    conn.execute("ALTER TABLE events ADD COLUMN rejected INTEGER NOT NULL DEFAULT 0")


@migration(4)
def reported_events(conn: sqlite3.Connection) -> None:
    """Each event keeps what reads show of its reports (`reported`: details, sentences, entities
    named), worked out when it is derived rather than on every read; those of the stored events
    are worked out now."""
    from .events import store_reported

    conn.execute("ALTER TABLE events ADD COLUMN reported TEXT")
    store_reported(conn)


SCHEMA_VERSION = max(MIGRATIONS)


def current_version(conn: sqlite3.Connection) -> int:
    conn.execute("CREATE TABLE IF NOT EXISTS migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
                 "applied TEXT NOT NULL)")
    row = conn.execute("SELECT MAX(version) FROM migrations").fetchone()
    return int(row[0] or 0)


def migrate(conn: sqlite3.Connection) -> int:
    """Apply the migrations this store lacks and refill the derived tables if one of them asks
    for it, all in one transaction (a store is never left half-way); returns the version."""
    from .db import transaction

    if current_version(conn) == SCHEMA_VERSION:
        return SCHEMA_VERSION  # the common case takes no write lock, so readers never wait here
    old = current_version(conn)
    if old > SCHEMA_VERSION:
        raise ProxyatlasError(f"this store has schema version {old}, newer than this "
                              f"proxyatlas ({SCHEMA_VERSION}); upgrade proxyatlas")
    saved = backup(conn, old) if old > 0 else None
    with transaction(conn):
        # read under the write lock: another process may have migrated the store meanwhile
        pending = [v for v in sorted(MIGRATIONS) if v > current_version(conn)]
        for version in pending:
            name, func = MIGRATIONS[version]
            func(conn)
            conn.execute("INSERT INTO migrations (version, name, applied) VALUES (?, ?, ?)",
                         (version, name, datetime.now(UTC).isoformat(timespec="seconds")))
        if REDERIVE & set(pending) and conn.execute("SELECT 1 FROM documents LIMIT 1").fetchone():
            from ..registry import load_registry
            from .ledger import derive

            derive(conn, load_registry())
    if saved:
        warnings.warn(f"the store was migrated from schema version {old} to {SCHEMA_VERSION}; the old store "
                      f"is kept as {saved}", ProxyatlasWarning, stacklevel=2)
    return current_version(conn)


def backup(conn: sqlite3.Connection, version: int) -> str | None:
    """Copy a SQLite store file to FILE.schema-vVERSION.bak (FILE.schema-vVERSION.2.bak, ... when
    taken); None for a store with no file (in memory, or another backend)."""
    if not isinstance(conn, sqlite3.Connection):
        return None
    file = next((row[2] for row in conn.execute("PRAGMA database_list") if row[1] == "main"), "")
    if not file:
        return None
    target, n = f"{file}.schema-v{version}.bak", 1
    while os.path.exists(target):
        n += 1
        target = f"{file}.schema-v{version}.{n}.bak"
    try:
        copy = sqlite3.connect(target)
        try:
            conn.backup(copy)
        finally:
            copy.close()
    except (sqlite3.Error, OSError) as exc:
        raise ProxyatlasError(f"{file}: cannot copy the store to {target} before migrating it ({exc}); nothing "
                              "was changed: free disk space and try again") from exc
    return target
