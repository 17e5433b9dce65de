"""Analyst corrections, stored as records with author, time and reason, replayed on rebuild.

Corrections never edit derived rows in place: they are judgements that `derive` replays on
every ingest, re-ingest and rebuild. Entities: `merge(a, b)` makes b one entity with a (a's id
and name survive); `split(e, alias)` moves every document-level entity that was written with
that alias out of e into a new entity; `recategorise` sets an entity's type and category;
`alias` gives it another name. Relations (named by their type and ends, so a decision follows
them through merges): `reject` hides one (its evidence stays), `confirm` marks it checked by a
person, `retype` changes its type, `rehedge` its hedge. `undo` withdraws any earlier record
but an undo: the records are replayed as if the withdrawn one had never been made. Events are
merged and split the same way (`merge_events`, `split_event`) and rejected (`reject_event`: it is
no happening); their records name the reports on each side, whose ids stay the same on every
rebuild, unlike an event's id. An event with a rejected report is hidden, so reports of the same
non-happening that later documents add stay hidden with it.
"""

from __future__ import annotations

import getpass
import json
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cached_property
from typing import Any

from ..ontology import load_ontology
from .keys import record_id

# the fields of a record's `data` that are shown with it (the rest are replay bookkeeping)
SHOWN = ("new_id", "type", "source", "target", "to_type", "hedge", "to_category", "from_type", "from_category",
         "reason", "correction")
RelationKey = tuple[str, str, str]


@dataclass(frozen=True)
class Split:
    entity: str
    name_key: str
    new_id: str
    alias: str
    type: str
    category: str | None


@dataclass
class Corrections:
    """All corrections of a store, in the order they were made, ready to replay."""

    parent: dict[str, str] = field(default_factory=dict)
    splits: list[Split] = field(default_factory=list)
    rejected: set[RelationKey] = field(default_factory=set)
    confirmed: dict[RelationKey, tuple[str, str]] = field(default_factory=dict)  # -> (author, created)
    retyped: dict[RelationKey, str] = field(default_factory=dict)
    rehedged: dict[RelationKey, str] = field(default_factory=dict)
    recategorised: list[tuple[str, str, str | None, str]] = field(default_factory=list)  # (entity, type, cat., from)
    aliases: list[tuple[str, str]] = field(default_factory=list)  # (entity, alias)
    # Events: report ids an analyst made one event (each list), and reports kept out of each
    # other's event. A later correction overrides an earlier one about the same reports.
    event_merges: list[list[str]] = field(default_factory=list)
    apart: dict[str, set[str]] = field(default_factory=dict)
    rejected_reports: set[str] = field(default_factory=set)

    def is_event_rejected(self, reports: Iterable[str]) -> bool:
        return any(r in self.rejected_reports for r in reports)

    def reports_apart(self, report: str) -> set[str]:
        return self.apart.get(report, set())

    def _merge_events(self, keep: list[str], other: list[str]) -> None:
        for a in keep:
            for b in other:
                self.apart.get(a, set()).discard(b)
                self.apart.get(b, set()).discard(a)
        self.event_merges.append(keep + other)

    def _split_event(self, moved: list[str], kept: list[str]) -> None:
        gone = set(moved)
        self.event_merges = [[r for r in group if r not in gone] for group in self.event_merges]
        for a in moved:
            for b in kept:
                self.apart.setdefault(a, set()).add(b)
                self.apart.setdefault(b, set()).add(a)

    def canon(self, entity: str) -> str:
        seen = set()
        while entity in self.parent and entity not in seen:
            seen.add(entity)
            entity = self.parent[entity]
        return entity

    def split_target(self, entity: str, name_keys: set[str]) -> str:
        """The entity a document-level entity written with `name_keys` belongs to, after splits."""
        for _ in range(len(self.splits) + 1):
            moved = next((s.new_id for s in self.splits
                          if s.name_key in name_keys and self.canon(s.entity) == entity), None)
            if moved is None or self.canon(moved) == entity:
                return entity
            entity = self.canon(moved)
        return entity

    def split_keys(self, entity: str) -> set[str]:
        """Alias keys split away from this entity: they are no longer its aliases."""
        return {s.name_key for s in self.splits if self.canon(s.entity) == entity}

    def relation_key(self, rtype: str, source: str, target: str) -> tuple[str, str, str]:
        source, target = self.canon(source), self.canon(target)
        if load_ontology().relation_types[rtype].symmetric and target < source:
            source, target = target, source
        return rtype, source, target

    def _by_relation(self, keyed: dict[RelationKey, Any] | set[RelationKey]) -> dict[RelationKey, Any]:
        """Decisions keyed by the relations' current (merged) keys; later decisions win."""
        items = keyed.items() if isinstance(keyed, dict) else ((k, True) for k in keyed)
        return {self.relation_key(*k): v for k, v in items}

    # computed once per loaded set of corrections: `derive` asks for every relation of the store
    @cached_property
    def _rejected(self) -> dict[RelationKey, Any]:
        return self._by_relation(self.rejected)

    @cached_property
    def _retyped(self) -> dict[RelationKey, str]:
        return self._by_relation(self.retyped)

    @cached_property
    def _rehedged(self) -> dict[RelationKey, str]:
        return self._by_relation(self.rehedged)

    def is_rejected(self, rtype: str, source: str, target: str) -> bool:
        return self.relation_key(rtype, source, target) in self._rejected

    @cached_property
    def _confirmed(self) -> dict[RelationKey, tuple[str, str]]:
        return self._by_relation(self.confirmed)

    def confirmations(self) -> dict[RelationKey, tuple[str, str]]:
        """(author, created) of every confirmed relation, by its current key (shared: read only)."""
        return self._confirmed

    def hedge(self, key: RelationKey) -> str | None:
        """The hedge an analyst set for this relation, if any."""
        return self._rehedged.get(key)

    def retype(self, key: RelationKey) -> RelationKey:
        """The key of a relation after the analysts' changes of type (followed in order)."""
        for _ in range(len(self._retyped)):
            if key not in self._retyped:
                break
            key = self.relation_key(self._retyped[key], key[1], key[2])
        return key

    def entity_kind(self, entity: str) -> tuple[str, str | None] | None:
        """The (type, category) an analyst set for this entity, if any."""
        found = [(etype, category) for e, etype, category, _ in self.recategorised if self.canon(e) == entity]
        return found[-1] if found else None

    def former_types(self, entity: str) -> set[str]:
        """Types the entity was extracted as before an analyst changed it: documents that write
        it with such a type still resolve to it."""
        return {former for e, _, _, former in self.recategorised if self.canon(e) == entity}

    def added_aliases(self, entity: str) -> list[str]:
        return [alias for e, alias in self.aliases if self.canon(e) == entity]


def load(conn: sqlite3.Connection) -> Corrections:
    """Every correction in force (not undone), in the order made."""
    out = Corrections()
    rows = conn.execute("SELECT id, kind, author, created, entity, other, alias, data FROM corrections "
                        "ORDER BY seq").fetchall()
    undone = {json.loads(r[7])["correction"] for r in rows if r[1] == "undo"}
    for cid, kind, author, created, entity, other, alias, data in rows:
        if cid in undone:
            continue
        extra = json.loads(data)
        key = (extra.get("type"), extra.get("source"), extra.get("target"))
        if kind == "merge":
            out.parent[other] = entity
        elif kind == "split":
            out.splits.append(Split(entity, extra["name_key"], extra["new_id"], alias, extra["type"],
                                    extra.get("category")))
        elif kind == "reject":
            out.rejected.add(key)
        elif kind == "confirm":
            out.confirmed[key] = (author, created)
        elif kind == "retype":
            out.retyped[key] = extra["to_type"]
        elif kind == "rehedge":
            out.rehedged[key] = extra["hedge"]
        elif kind == "recategorise":
            out.recategorised.append((entity, extra["to_type"], extra.get("to_category"), extra["from_type"]))
        elif kind == "alias":
            out.aliases.append((entity, alias))
        elif kind == "merge_events":
            out._merge_events(extra["keep"], extra["other"])
        elif kind == "split_event":
            out._split_event(extra["moved"], extra["kept"])
        elif kind == "reject_event":
            out.rejected_reports.update(extra["reports"])
    return out


# Loaded records by a fingerprint of the table. Records are only ever added (an undo is one
# more), so their number, last seq and greatest id change with every record and tell one store's
# records from another's.
_LOADED: dict[tuple[Any, ...], Corrections] = {}
_LOADED_KEPT = 8


def load_cached(conn: sqlite3.Connection) -> Corrections:
    """`load`, read again only when a record was added since: for queries, which ask on every call
    (a store with 2,000 records takes 45 ms to read). Shared between callers: read only."""
    stamp = tuple(conn.execute("SELECT COUNT(*), MAX(seq), MAX(id) FROM corrections").fetchone())
    found = _LOADED.get(stamp)
    if found is None:
        if len(_LOADED) >= _LOADED_KEPT:
            _LOADED.clear()
        found = _LOADED[stamp] = load(conn)
    return found


def record(conn: sqlite3.Connection, kind: str, *, author: str | None, entity: str | None = None,
           other: str | None = None, alias: str | None = None, relation: str | None = None,
           data: dict[str, Any] | None = None) -> dict[str, Any]:
    """Store one correction (inside the caller's transaction) and return it as a dict."""
    author = author or _default_author()
    created = datetime.now(UTC).isoformat(timespec="seconds")
    seq = int(conn.execute("SELECT COALESCE(MAX(seq), 0) + 1 FROM corrections").fetchone()[0])
    payload = json.dumps(data or {}, sort_keys=True)
    # seq in the id: the same decision made again after an undo, within a second, is a new record
    cid = record_id(kind, entity, other, alias, relation, author, created, seq, payload)
    conn.execute("INSERT INTO corrections (id, seq, kind, author, created, entity, other, alias, relation, data) "
                 "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING",
                 (cid, seq, kind, author, created, entity, other, alias, relation, payload))
    return as_dict((cid, kind, author, created, entity, other, alias, relation, payload))


def as_dict(row: tuple) -> dict[str, Any]:
    cid, kind, author, created, entity, other, alias, relation, data = row
    out = {"id": cid, "kind": kind, "author": author, "created": created, "entity": entity, "other": other,
           "alias": alias, "relation": relation}
    out.update({k: v for k, v in json.loads(data).items() if k in SHOWN})
    return out


_COLUMNS = "id, kind, author, created, entity, other, alias, relation, data"


def listing(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    """Every correction, newest first; one that was undone names the undo in `undone_by`."""
    items = [as_dict(row) for row in conn.execute(f"SELECT {_COLUMNS} FROM corrections ORDER BY seq DESC")]
    undone = {c["correction"]: c["id"] for c in items if c["kind"] == "undo"}
    for item in items:
        item["undone_by"] = undone.get(item["id"])
    return items


def get(conn: sqlite3.Connection, cid: str) -> dict[str, Any] | None:
    """One correction by id (with `undone_by`), or None."""
    return next((c for c in listing(conn) if c["id"] == cid), None)


def for_entity(conn: sqlite3.Connection, entity: str) -> list[dict[str, Any]]:
    rows = conn.execute(f"SELECT {_COLUMNS} FROM corrections ORDER BY seq").fetchall()
    out = []
    for row in rows:
        item = as_dict(row)
        if entity in (item["entity"], item["other"], item.get("new_id"), item.get("source"), item.get("target")):
            out.append(item)
    return out


def _default_author() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # pragma: no cover - no user database in some containers
        return "unknown"
