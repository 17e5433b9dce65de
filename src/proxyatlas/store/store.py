"""`Store`: one knowledge store, the single interface the API, the exporters and the web UI use.

Writes go through `add_extraction` (one document, one transaction) and the correction
methods; reads through `iter_*`, `evidence` and the query functions in `queries`. A Store
caches the name index of its entities and reloads it whenever another connection has
committed in the meantime, so several processes can share one database file.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from typing import Any, Self

from .. import __version__
from ..model import Extraction
from ..registry import Registry, load_registry
from . import dedup
from .db import connect, data_version, db_path, display_name, transaction
from .ledger import Ledger, derive
from .schema import current_version, migrate

EXTRACTOR = f"proxyatlas {__version__}"


class Store:
    def __init__(self, conn: sqlite3.Connection, path: str) -> None:
        self.conn = conn
        self.path = path
        self._ledger: Ledger | None = None
        self._seen_version = -1

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def schema_version(self) -> int:
        return current_version(self.conn)

    # -- writing -------------------------------------------------------------------------------
    def ledger(self, registry: Registry) -> Ledger:
        """The cached ledger; call inside a write transaction (it may reload from the database)."""
        version = data_version(self.conn)
        if self._ledger is None or version != self._seen_version or self._ledger.registry is not registry:
            self._ledger = Ledger(self.conn, registry)
            self._seen_version = version
        return self._ledger

    def forget_cache(self) -> None:
        self._ledger = None

    def has_document(self, doc_id: str) -> bool:
        return self.conn.execute("SELECT 1 FROM documents WHERE id = ?", (doc_id,)).fetchone() is not None

    def add_extraction(self, extraction: Extraction, registry: Registry | None = None,
                       extractor: str = EXTRACTOR) -> tuple[bool, int, int]:
        """Store one extracted document in one transaction: (added, new entities, new relations).
        A text already stored is not added again; a new text at a stored path is its next version."""
        registry = registry or load_registry()
        doc = extraction.document
        data = extraction.to_json()
        try:
            with transaction(self.conn):
                if self.has_document(doc.id):
                    return False, 0, 0
                ledger = self.ledger(registry)
                previous = None
                if doc.path:
                    previous = self.conn.execute("SELECT id, version FROM documents WHERE path = ? AND current = 1",
                                                 (doc.path,)).fetchone()
                sig = dedup.signature(doc.text)
                seq = int(self.conn.execute("SELECT COALESCE(MAX(seq), 0) + 1 FROM documents").fetchone()[0])
                self.conn.execute(
                    "INSERT INTO documents (id, seq, path, version, current, title, source, author, published, "
                    "text, extractor, ingested, signature, cluster) VALUES (?, ?, ?, ?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (doc.id, seq, doc.path, previous[1] + 1 if previous else 1, doc.title, doc.source, doc.author,
                     doc.published, doc.text, extractor, datetime.now(UTC).isoformat(timespec="seconds"),
                     dedup.encode(sig), self._cluster(doc.id, sig)))
                self.conn.executemany("INSERT INTO document_bands (band, document) VALUES (?, ?) "
                                      "ON CONFLICT (band, document) DO NOTHING",
                                      [(band, doc.id) for band in dedup.bands(sig)])
                self.conn.execute("INSERT INTO extractions (document, extractor, data) VALUES (?, ?, ?)",
                                  (doc.id, extractor, json.dumps(data, ensure_ascii=False)))
                if previous is None:
                    entities, relations = ledger.apply_document(doc.id, data, extractor)
                else:
                    self.conn.execute("UPDATE documents SET current = 0 WHERE id = ?", (previous[0],))
                    entities, relations = self._rederive(registry)
        except BaseException:
            self._ledger = None  # its in-memory index may hold rolled-back names
            raise
        return True, entities, relations

    def _cluster(self, doc_id: str, sig: list[int]) -> str:
        """The near-duplicate cluster of a new text: that of the earliest similar stored text, or its own."""
        bands = dedup.bands(sig)
        marks = ",".join("?" * len(bands))
        rows = self.conn.execute(
            f"SELECT DISTINCT d.seq, d.cluster, d.signature FROM document_bands b JOIN documents d ON d.id = b.document "
            f"WHERE b.band IN ({marks}) ORDER BY d.seq", bands).fetchall()
        for _, cluster, signature in rows:
            if dedup.similarity(sig, dedup.decode(signature)) >= dedup.THRESHOLD:
                return str(cluster)
        return doc_id

    def _rederive(self, registry: Registry) -> tuple[int, int]:
        before = self._counts()
        derive(self.conn, registry)
        self._ledger = None
        after = self._counts()
        return max(0, after[0] - before[0]), max(0, after[1] - before[1])

    def _counts(self) -> tuple[int, int]:
        row = self.conn.execute("SELECT (SELECT COUNT(*) FROM entities), (SELECT COUNT(*) FROM relations)").fetchone()
        return int(row[0]), int(row[1])

    def rederive(self, registry: Registry | None = None) -> None:
        """Re-derive every derived table from the stored extractions, replaying corrections."""
        with transaction(self.conn):
            self._rederive(registry or load_registry())

    # -- reading (the exporters' interface) ----------------------------------------------------
    def iter_entities(self) -> Iterator[dict[str, Any]]:
        from .queries import entities

        yield from entities(self)

    def iter_relations(self, as_of: str | None = None, min_sources: int | None = None,
                       types: Iterable[str] | None = None) -> Iterator[dict[str, Any]]:
        from .queries import relations

        wanted = set(types) if types else None
        for rel in relations(self, min_sources=min_sources, as_of=as_of):
            if wanted is None or rel["type"] in wanted:
                yield rel

    def iter_events(self, **filters: Any) -> Iterator[dict[str, Any]]:
        """Events resolved across documents (queries.events: id, type, date, agents, targets, place,
        hedge, fatalities, documents, sources, evidence, details), in date order."""
        from .queries import events

        yield from events(self, **filters)

    def evidence(self, relation_id: str) -> list[dict[str, Any]]:
        from .queries import evidence_for

        return evidence_for(self, [relation_id]).get(relation_id, [])

    def iter_documents(self) -> Iterator[dict[str, Any]]:
        from .queries import documents

        yield from documents(self)


def open_store(db: str | os.PathLike[str] | None = None) -> Store:
    """Open (creating and migrating as needed) the store at `db`, $PROXYATLAS_DB or ./proxyatlas.db."""
    path = db_path(db)
    conn = connect(path)
    migrate(conn)
    return Store(conn, display_name(path))
