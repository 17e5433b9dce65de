"""Analyst corrections: merge, split and reject, stored as records with author and time.

Corrections never edit derived rows in place: they are judgements that `derive` replays on
every ingest, re-ingest and rebuild. `merge(a, b)` makes b one entity with a (a's id and name
survive); `split(e, alias)` moves every document-level entity that was written with that
alias out of e into a new entity; `reject(relation)` hides a relation (its evidence stays).
Events are merged and split the same way (`merge_events`, `split_event`); their records name
the reports on each side, whose ids stay the same on every rebuild, unlike an event's id.
"""

from __future__ import annotations

import getpass
import json
import sqlite3
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from ..ontology import load_ontology
from .keys import record_id


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
    rejected: set[tuple[str, str, str]] = field(default_factory=set)
    # Events: report ids an analyst made one event (each list), and reports kept out of each
    # other's event. A later correction overrides an earlier one about the same reports.
    event_merges: list[list[str]] = field(default_factory=list)
    apart: dict[str, set[str]] = field(default_factory=dict)

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

    def is_rejected(self, rtype: str, source: str, target: str) -> bool:
        return self.relation_key(rtype, source, target) in {self.relation_key(*k) for k in self.rejected}


def load(conn: sqlite3.Connection) -> Corrections:
    out = Corrections()
    rows = conn.execute("SELECT kind, entity, other, alias, data FROM corrections ORDER BY seq").fetchall()
    for kind, entity, other, alias, data in rows:
        extra = json.loads(data)
        if kind == "merge":
            out.parent[other] = entity
        elif kind == "split":
            out.splits.append(Split(entity, extra["name_key"], extra["new_id"], alias, extra["type"],
                                    extra.get("category")))
        elif kind == "reject":
            out.rejected.add((extra["type"], extra["source"], extra["target"]))
        elif kind == "merge_events":
            out._merge_events(extra["keep"], extra["other"])
        elif kind == "split_event":
            out._split_event(extra["moved"], extra["kept"])
    return out


def record(conn: sqlite3.Connection, kind: str, *, author: str | None, entity: str | None = None,
           other: str | None = None, alias: str | None = None, relation: str | None = None,
           data: dict[str, Any] | None = None) -> dict[str, Any]:
    """Store one correction (inside the caller's transaction) and return it as a dict."""
    author = author or _default_author()
    created = datetime.now(UTC).isoformat(timespec="seconds")
    cid = record_id(kind, entity, other, alias, relation, author, created)
    seq = int(conn.execute("SELECT COALESCE(MAX(seq), 0) + 1 FROM corrections").fetchone()[0])
    payload = json.dumps(data or {}, sort_keys=True)
    conn.execute("INSERT INTO corrections (id, seq, kind, author, created, entity, other, alias, relation, data) "
                 "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING",
                 (cid, seq, kind, author, created, entity, other, alias, relation, payload))
    return as_dict((cid, kind, author, created, entity, other, alias, relation, payload))


def as_dict(row: tuple) -> dict[str, Any]:
    cid, kind, author, created, entity, other, alias, relation, data = row
    out = {"id": cid, "kind": kind, "author": author, "created": created, "entity": entity, "other": other,
           "alias": alias, "relation": relation}
    out.update({k: v for k, v in json.loads(data).items() if k in ("new_id", "type", "source", "target")})
    return out


def for_entity(conn: sqlite3.Connection, entity: str) -> list[dict[str, Any]]:
    rows = conn.execute("SELECT id, kind, author, created, entity, other, alias, relation, data FROM corrections "
                        "ORDER BY seq").fetchall()
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
