"""The analyst's corrections as operations: check, record (with author and time), replay.

Merges and splits change which document-level entities make up a stored entity, so they
re-derive the store from its extractions (no NLP); a rejection only hides one relation.
"""

from __future__ import annotations

from typing import Any

from ..errors import ProxyatlasError
from ..normalize import exact_key, slugify
from ..registry import load_registry
from . import curation
from .db import transaction
from .ledger import derive
from .queries import find_entity
from .store import Store


def merge(store: Store, a: str, b: str, author: str | None = None) -> dict[str, Any]:
    """Make b one entity with a (a's id and name are kept)."""
    keep, gone = find_entity(store, a), find_entity(store, b)
    if keep == gone:
        raise ProxyatlasError(f"{a!r} and {b!r} are already one entity ({keep})")
    with transaction(store.conn):
        record = curation.record(store.conn, "merge", author=author, entity=keep, other=gone)
        derive(store.conn, load_registry())
    store.forget_cache()
    return record


def split(store: Store, entity: str, alias: str, author: str | None = None) -> dict[str, Any]:
    """Move what the documents wrote as `alias` out of `entity` into a new entity."""
    eid = find_entity(store, entity)
    name, etype, category = store.conn.execute("SELECT name, type, category FROM entities WHERE id = ?",
                                               (eid,)).fetchone()
    key = exact_key(alias)
    aliases = [r[0] for r in store.conn.execute("SELECT alias FROM aliases WHERE entity = ? ORDER BY alias", (eid,))]
    if key not in {exact_key(a) for a in aliases}:
        raise ProxyatlasError(f"{alias!r} is not an alias of {eid}; its aliases are: {', '.join(aliases)}")
    if key == exact_key(name):
        raise ProxyatlasError(f"{alias!r} is the name of {eid}; split off its other aliases instead")
    taken = {r[0] for r in store.conn.execute("SELECT id FROM entities")}
    taken |= {s.new_id for s in curation.load(store.conn).splits}
    new_id, n = slugify(alias), 2
    while new_id in taken:
        new_id, n = f"{slugify(alias)}-{n}", n + 1
    with transaction(store.conn):
        record = curation.record(store.conn, "split", author=author, entity=eid, alias=alias,
                                 data={"name_key": key, "new_id": new_id, "type": etype, "category": category})
        derive(store.conn, load_registry())
    store.forget_cache()
    return record


def reject(store: Store, relation_id: str, author: str | None = None) -> dict[str, Any]:
    """Hide a relation from every query and export (its evidence stays in the ledger)."""
    rows = store.conn.execute("SELECT id, type, source, target FROM relations WHERE id LIKE ?",
                              (relation_id.strip().lower() + "%",)).fetchall() if relation_id.strip() else []
    if len(rows) != 1:
        problem = "no relation" if not rows else f"{len(rows)} relations"
        raise ProxyatlasError(f"{problem} with id {relation_id!r} in {store.path}; "
                              "find ids with `proxyatlas relations --format json`")
    rid, rtype, source, target = rows[0]
    with transaction(store.conn):
        record = curation.record(store.conn, "reject", author=author, relation=rid,
                                 data={"type": rtype, "source": source, "target": target})
        store.conn.execute("UPDATE relations SET rejected = 1 WHERE id = ?", (rid,))
    store.forget_cache()
    return record


def _event(store: Store, event_id: str) -> tuple[str, list[tuple[str, str]]]:
    """A stored event (id or unique id prefix) and its reports as (report, document)."""
    rows = store.conn.execute("SELECT id FROM events WHERE id LIKE ?",
                              (event_id.strip().lower() + "%",)).fetchall() if event_id.strip() else []
    if len(rows) != 1:
        problem = "no event" if not rows else f"{len(rows)} events"
        raise ProxyatlasError(f"{problem} with id {event_id!r} in {store.path}; find ids with "
                              "`proxyatlas events --format json`")
    eid = rows[0][0]
    reports = store.conn.execute("SELECT id, document FROM event_reports WHERE event = ? ORDER BY id", (eid,))
    return eid, [(r[0], r[1]) for r in reports.fetchall()]


def merge_events(store: Store, a: str, b: str, author: str | None = None) -> dict[str, Any]:
    """Make events a and b one event (reports of one happening the resolver kept apart)."""
    (keep, kept), (gone, other) = _event(store, a), _event(store, b)
    if keep == gone:
        raise ProxyatlasError(f"{a!r} and {b!r} are already one event ({keep})")
    with transaction(store.conn):
        record = curation.record(store.conn, "merge_events", author=author, entity=keep, other=gone,
                                 data={"keep": [r for r, _ in kept], "other": [r for r, _ in other]})
        derive(store.conn, load_registry())
    store.forget_cache()
    return record


def split_event(store: Store, event: str, document: str, author: str | None = None) -> dict[str, Any]:
    """Move what `document` (id or unique prefix) reports out of `event` into an event of its own."""
    eid, reports = _event(store, event)
    docs = sorted({d for _, d in reports})
    wanted = [d for d in docs if d.startswith(document.strip().lower())] if document.strip() else []
    if len(wanted) != 1:
        raise ProxyatlasError(f"document {document!r} is not one of the {len(docs)} documents of event {eid} "
                              f"({', '.join(d[:12] for d in docs)})")
    if len(docs) == 1:
        raise ProxyatlasError(f"event {eid} has only one document; there is nothing to split it from")
    moved = [r for r, d in reports if d == wanted[0]]
    with transaction(store.conn):
        record = curation.record(store.conn, "split_event", author=author, entity=eid, other=wanted[0],
                                 data={"moved": moved, "kept": [r for r, d in reports if d != wanted[0]]})
        derive(store.conn, load_registry())
    store.forget_cache()
    return record
