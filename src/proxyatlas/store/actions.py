"""The analyst's corrections as operations: check, record (with author, time and reason), replay.

Every operation checks its arguments against the store (ProxyatlasError, NotFoundError for
what does not exist, the store unchanged), stores one `curation` record and brings the derived
tables up to date: a rejection or a new hedge changes one relation (or event) row, a confirmation none
(queries read it from the records), and everything else re-derives the store from its
extractions (no NLP), so that what a rebuild would show is what the analyst sees at once.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable
from typing import Any

from ..errors import NotFoundError, ProxyatlasError
from ..normalize import exact_key, slugify
from ..ontology import load_ontology
from ..registry import load_registry
from . import curation
from .db import transaction
from .ledger import derive
from .queries import find_entity
from .store import Store


def _record(store: Store, kind: str, update: Callable[[sqlite3.Connection], Any], reason: str | None = None,
            **fields: Any) -> dict[str, Any]:
    """Store one correction and bring the derived tables up to date with `update`, in one transaction."""
    if reason and reason.strip():
        fields["data"] = {**fields.get("data", {}), "reason": reason.strip()}
    with transaction(store.conn):
        record = curation.record(store.conn, kind, **fields)
        update(store.conn)
    store.forget_cache()
    return record


def _rederive(conn: sqlite3.Connection) -> None:
    derive(conn, load_registry())


def _nothing(conn: sqlite3.Connection) -> None:
    """A confirmation changes no derived row: queries read it from the records."""


# -- entities ----------------------------------------------------------------------------------
def merge(store: Store, a: str, b: str, author: str | None = None, reason: str | None = None) -> dict[str, Any]:
    """Make b one entity with a (a's id and name are kept)."""
    keep, gone = find_entity(store, a), find_entity(store, b)
    if keep == gone:
        raise ProxyatlasError(f"{a!r} and {b!r} are already one entity ({keep})")
    return _record(store, "merge", _rederive, reason=reason, author=author, entity=keep, other=gone)


def _aliases(store: Store, eid: str) -> list[str]:
    return [r[0] for r in store.conn.execute("SELECT alias FROM aliases WHERE entity = ? ORDER BY alias", (eid,))]


def split(store: Store, entity: str, alias: str, author: str | None = None, reason: str | None = None
          ) -> dict[str, Any]:
    """Move what the documents wrote as `alias` out of `entity` into a new entity."""
    eid = find_entity(store, entity)
    name, etype, category = store.conn.execute("SELECT name, type, category FROM entities WHERE id = ?",
                                               (eid,)).fetchone()
    key = exact_key(alias)
    aliases = _aliases(store, eid)
    if key not in {exact_key(a) for a in aliases}:
        raise ProxyatlasError(f"{alias!r} is not an alias of {eid}; its aliases are: {', '.join(aliases)}")
    if key == exact_key(name):
        raise ProxyatlasError(f"{alias!r} is the name of {eid}; split off its other aliases instead")
    taken = {r[0] for r in store.conn.execute("SELECT id FROM entities")}
    taken |= {s.new_id for s in curation.load(store.conn).splits}
    new_id, n = slugify(alias), 2
    while new_id in taken:
        new_id, n = f"{slugify(alias)}-{n}", n + 1
    return _record(store, "split", _rederive, reason=reason, author=author, entity=eid, alias=alias,
                   data={"name_key": key, "new_id": new_id, "type": etype, "category": category})


def recategorise(store: Store, entity: str, type: str | None = None, category: str | None = None,
                 author: str | None = None, reason: str | None = None) -> dict[str, Any]:
    """Set an entity's type and/or organisation category (a category only for an organization)."""
    eid = find_entity(store, entity)
    old_type, old_category = store.conn.execute("SELECT type, category FROM entities WHERE id = ?",
                                                (eid,)).fetchone()
    onto = load_ontology()
    new_type = type or old_type
    if new_type not in onto.entity_types:
        raise ProxyatlasError(f"type {new_type!r} is not one of {', '.join(onto.entity_types)}")
    if new_type != "organization" and category:
        raise ProxyatlasError(f"category {category!r} is for organizations only, not a {new_type}")
    new_category = None if new_type != "organization" else (category or old_category or "other")
    if new_category is not None and new_category not in onto.categories:
        raise ProxyatlasError(f"category {new_category!r} is not one of {', '.join(onto.categories)}")
    if (new_type, new_category) == (old_type, old_category):
        raise ProxyatlasError(f"{eid} is already a {new_type}{f' ({new_category})' if new_category else ''}")
    return _record(store, "recategorise", _rederive, reason=reason, author=author, entity=eid,
                   data={"to_type": new_type, "to_category": new_category, "from_type": old_type,
                         "from_category": old_category})


def alias(store: Store, entity: str, name: str, author: str | None = None, reason: str | None = None
          ) -> dict[str, Any]:
    """Give an entity another name: documents that write it so resolve to this entity from now on."""
    eid = find_entity(store, entity)
    key = exact_key(name)
    if not key:
        raise ProxyatlasError(f"alias {name!r} has no letters or digits")
    if key in {exact_key(a) for a in _aliases(store, eid)}:
        raise ProxyatlasError(f"{name.strip()!r} is already an alias of {eid}")
    others = sorted({r[0] for r in store.conn.execute("SELECT entity FROM aliases WHERE name_key = ?", (key,))})
    if others:
        raise ProxyatlasError(f"{name.strip()!r} already names {', '.join(others)}; merge the entities instead")
    return _record(store, "alias", _rederive, reason=reason, author=author, entity=eid, alias=name.strip())


# -- relations ---------------------------------------------------------------------------------
def _one_by_id(store: Store, table: str, columns: str, given: str, noun: str) -> tuple[Any, ...]:
    """The one row of `table` (relations, events) whose id is `given` or starts with it."""
    rows = store.conn.execute(f"SELECT {columns} FROM {table} WHERE id LIKE ?",
                              (given.strip().lower() + "%",)).fetchall() if given.strip() else []
    if len(rows) != 1:
        error = NotFoundError if not rows else ProxyatlasError
        problem = f"no {noun}" if not rows else f"{len(rows)} {noun}s"
        raise error(f"{problem} with id {given!r} in {store.path}; find ids with `proxyatlas {noun}s --format json`")
    return tuple(rows[0])


def find_relation(store: Store, relation_id: str) -> tuple[str, str, str, str, str, bool]:
    """(id, type, source, target, hedge, rejected) of the relation with this id or unique id prefix."""
    rid, rtype, source, target, hedge, rejected = _one_by_id(
        store, "relations", "id, type, source, target, hedge, rejected", relation_id, "relation")
    return rid, rtype, source, target, hedge, bool(rejected)


def _live_relation(store: Store, relation_id: str) -> tuple[str, dict[str, str], str]:
    """(id, {type, source, target}, hedge) of a relation that is not rejected: what a decision records."""
    rid, rtype, source, target, hedge, rejected = find_relation(store, relation_id)
    if rejected:
        raise ProxyatlasError(f"relation {rid} is rejected; undo the rejection first")
    return rid, {"type": rtype, "source": source, "target": target}, hedge


def _check_change(rid: str, what: str, value: str, allowed: Iterable[str], current: str) -> None:
    allowed = list(allowed)
    if value not in allowed:
        raise ProxyatlasError(f"{what} {value!r} is not one of {', '.join(allowed)}")
    if value == current:
        raise ProxyatlasError(f"relation {rid} already has {what} {value}")


def reject(store: Store, relation_id: str, author: str | None = None, reason: str | None = None) -> dict[str, Any]:
    """Hide a relation from every query and export (its evidence stays in the ledger)."""
    rid, ends, _ = _live_relation(store, relation_id)
    return _record(store, "reject", lambda conn: conn.execute("UPDATE relations SET rejected = 1 WHERE id = ?",
                                                              (rid,)),
                   reason=reason, author=author, relation=rid, data=ends)


def confirm(store: Store, relation_id: str, author: str | None = None, reason: str | None = None) -> dict[str, Any]:
    """Mark a relation checked by a person: it sorts first and exports with confidence 100."""
    rid, ends, _ = _live_relation(store, relation_id)
    done = curation.load(store.conn).confirmations().get((ends["type"], ends["source"], ends["target"]))
    if done:
        raise ProxyatlasError(f"relation {rid} is already confirmed by {done[0]} ({done[1]})")
    return _record(store, "confirm", _nothing, reason=reason, author=author, relation=rid, data=ends)


def retype(store: Store, relation_id: str, type: str, author: str | None = None, reason: str | None = None
           ) -> dict[str, Any]:
    """Give a relation another type (its evidence moves with it; its id changes with its type)."""
    rid, ends, _ = _live_relation(store, relation_id)
    relation_types = load_ontology().relation_types
    _check_change(rid, "relation type", type, relation_types, ends["type"])
    source, target = ends["source"], ends["target"]
    rows = store.conn.execute("SELECT id, type, category FROM entities WHERE id IN (?, ?)", (source, target))
    kinds = {eid: (etype, category) for eid, etype, category in rows}
    if not relation_types[type].admits(kinds[source], kinds[target]):
        raise ProxyatlasError(f"a {type} relation cannot join {source} ({kinds[source][0]}) to {target} "
                              f"({kinds[target][0]}); see the ontology's allowed ends")
    return _record(store, "retype", _rederive, reason=reason, author=author, relation=rid,
                   data={**ends, "to_type": type})


def rehedge(store: Store, relation_id: str, hedge: str, author: str | None = None, reason: str | None = None
            ) -> dict[str, Any]:
    """Set how sure the claim is (asserted, reported, alleged, speculative, denied), whatever the texts say."""
    rid, ends, old = _live_relation(store, relation_id)
    _check_change(rid, "hedge", hedge, load_ontology().hedges, old)
    return _record(store, "rehedge", lambda conn: conn.execute("UPDATE relations SET hedge = ? WHERE id = ?",
                                                               (hedge, rid)),
                   reason=reason, author=author, relation=rid, data={**ends, "hedge": hedge})


# -- events ------------------------------------------------------------------------------------
def _event(store: Store, event_id: str) -> tuple[str, list[tuple[str, str]]]:
    """A stored event that is not rejected (id or unique id prefix) and its reports as (report, document)."""
    eid, rejected = _one_by_id(store, "events", "id, rejected", event_id, "event")
    if rejected:
        raise ProxyatlasError(f"event {eid} is rejected; undo the rejection first")
    reports = store.conn.execute("SELECT id, document FROM event_reports WHERE event = ? ORDER BY id", (eid,))
    return eid, [(r[0], r[1]) for r in reports.fetchall()]


def merge_events(store: Store, a: str, b: str, author: str | None = None, reason: str | None = None
                 ) -> dict[str, Any]:
    """Make events a and b one event (reports of one happening the resolver kept apart)."""
    (keep, kept), (gone, other) = _event(store, a), _event(store, b)
    if keep == gone:
        raise ProxyatlasError(f"{a!r} and {b!r} are already one event ({keep})")
    return _record(store, "merge_events", _rederive, reason=reason, author=author, entity=keep, other=gone,
                   data={"keep": [r for r, _ in kept], "other": [r for r, _ in other]})


def split_event(store: Store, event: str, document: str, author: str | None = None, reason: str | None = None
                ) -> dict[str, Any]:
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
    return _record(store, "split_event", _rederive, reason=reason, author=author, entity=eid, other=wanted[0],
                   data={"moved": moved, "kept": [r for r, d in reports if d != wanted[0]]})


def reject_event(store: Store, event: str, author: str | None = None, reason: str | None = None
                 ) -> dict[str, Any]:
    """Hide an event that is no happening from every query and export (its reports stay in the
    ledger; reports later documents add to it stay hidden with it). A reason is required."""
    eid, reports = _event(store, event)
    if not (reason and reason.strip()):
        raise ProxyatlasError(f"give the reason event {eid} is wrong (--reason); it is kept with the rejection")
    return _record(store, "reject_event", lambda conn: conn.execute("UPDATE events SET rejected = 1 WHERE id = ?",
                                                                    (eid,)),
                   reason=reason, author=author, entity=eid, data={"reports": [r for r, _ in reports]})


# -- undo --------------------------------------------------------------------------------------
def undo(store: Store, correction_id: str, author: str | None = None, reason: str | None = None) -> dict[str, Any]:
    """Withdraw an earlier correction: the store becomes what the other corrections make it."""
    target = curation.get(store.conn, correction_id.strip())
    if target is None:
        raise NotFoundError(f"no correction with id {correction_id!r} in {store.path}; "
                            "list them with `proxyatlas corrections`")
    if target["kind"] == "undo":
        raise ProxyatlasError(f"correction {target['id']} is an undo; make the undone correction again instead")
    if target["undone_by"]:
        raise ProxyatlasError(f"correction {target['id']} was already undone by {target['undone_by']}")
    return _record(store, "undo", _rederive, reason=reason, author=author, entity=target["entity"],
                   relation=target["relation"], data={"correction": target["id"]})
