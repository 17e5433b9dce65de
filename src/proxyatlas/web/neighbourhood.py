"""One actor's neighbourhood: the relations within `hops` of it, for the network page.

It reads only the relations that touch the frontier of each hop (by the indexed `source` and
`target` columns), never the whole graph, and keeps at most `max_nodes` actors, the best
corroborated first, and, beyond the relations that reach them, at most `max_edges` relations
among them, so a store of any size answers in milliseconds and the page stays readable.

    neighbourhood(store, "Hezbollah", hops=2, min_sources=2, as_of="2020-01-01")
    -> {"center", "nodes": [{id, name, type, category}], "edges": [...], "dates": [...], "truncated"}
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ..store import Store
from ..store.keys import bounds
from ..store.queries import as_of_day, find_entity, mark_confirmed, valid_on

_CHUNK = 400
_EDGE_KEYS = ("id", "type", "source", "target", "hedge", "documents", "sources", "valid_from", "valid_to",
              "first_seen", "last_seen")
_EDGE_SQL = ("SELECT id, type, source, target, hedge, documents, sources, valid_from, valid_to, first_seen, "
             "last_seen FROM relations WHERE rejected = 0")


def _chunks(items: list[str]) -> Iterable[list[str]]:
    for i in range(0, len(items), _CHUNK):
        yield items[i : i + _CHUNK]


def _marks(items: list[str]) -> str:
    return ",".join("?" * len(items))


def _touching(store: Store, ids: list[str], filters: tuple[str, list[Any]]) -> list[dict[str, Any]]:
    """Relations with an end in `ids` that pass the filters, best corroborated first."""
    where, args = filters
    out: dict[str, dict[str, Any]] = {}
    for part in _chunks(ids):
        marks = _marks(part)
        sql = f"{_EDGE_SQL}{where} AND (source IN ({marks}) OR target IN ({marks}))"
        for row in store.conn.execute(sql, [*args, *part, *part]):
            out[row[0]] = dict(zip(_EDGE_KEYS, row, strict=True))
    return sorted(out.values(), key=lambda r: (-r["sources"], -r["documents"], r["id"]))


def entities_by_id(store: Store, ids: Iterable[str]) -> dict[str, dict[str, Any]]:
    """{id: {id, name, type, category}} of the given entity ids (unknown ids are left out)."""
    wanted = sorted(set(ids))
    out: dict[str, dict[str, Any]] = {}
    for part in _chunks(wanted):
        for eid, name, etype, category in store.conn.execute(
                f"SELECT id, name, type, category FROM entities WHERE id IN ({_marks(part)})", part):
            out[eid] = {"id": eid, "name": name, "type": etype, "category": category}
    return out


def _filters(type: str | None, hedge: str | None, min_sources: int | None) -> tuple[str, list[Any]]:
    where = ""
    args: list[Any] = []
    if type:
        where += " AND type = ?"
        args.append(type)
    if hedge:
        where += " AND hedge = ?"
        args.append(hedge)
    if min_sources:
        where += " AND sources >= ?"
        args.append(min_sources)
    return where, args


def _dates(edges: Iterable[dict[str, Any]]) -> list[str]:
    """The days on which the as-of view can change: starts of validity or first reports, ends of validity."""
    days: set[str] = set()
    for rel in edges:
        start = bounds(rel["valid_from"])[0] or (None if rel["valid_to"] else bounds(rel["first_seen"])[0])
        end = bounds(rel["valid_to"])[1]
        days.update(d for d in (start, end) if d)
    return sorted(days)


def neighbourhood(store: Store, entity: str, *, hops: int = 2, type: str | None = None, hedge: str | None = None,
                  min_sources: int | None = None, category: str | None = None, as_of: str | None = None,
                  max_nodes: int = 150, max_edges: int = 400) -> dict[str, Any]:
    center = find_entity(store, entity)
    day = as_of_day(as_of) if as_of else None
    filters = _filters(type, hedge, min_sources)
    info = entities_by_id(store, [center])
    kept, frontier, truncated = {center}, [center], False
    edges: dict[str, dict[str, Any]] = {}
    seen: list[dict[str, Any]] = []
    for hop in range(hops):
        budget = max_nodes if hop == hops - 1 else max(1, (max_nodes * 2) // 3)
        rows = _touching(store, frontier, filters)
        seen += rows
        rows = [r for r in rows if day is None or valid_on(r, day)]
        info.update(entities_by_id(store, [e for r in rows for e in (r["source"], r["target"]) if e not in info]))
        frontier = []
        for rel in rows:
            ends = (rel["source"], rel["target"])
            new = [e for e in ends if e not in kept]
            if any(not _in_category(info[e], category) for e in new):
                continue
            if (new and len(kept) + len(new) > budget) or (not new and len(edges) >= max_edges):
                truncated = True
                continue
            kept.update(new)
            frontier += new
            edges[rel["id"]] = rel
        if not frontier:
            break
    if len(kept) > 1:  # edges between two actors of the outer ring complete the picture, best first
        for rel in _touching(store, frontier, filters):
            if rel["id"] in edges or rel["source"] not in kept or rel["target"] not in kept:
                continue
            if day is not None and not valid_on(rel, day):
                continue
            if len(edges) >= max_edges:
                truncated = True
                break
            edges[rel["id"]] = rel
    return {"center": center, "nodes": [info[e] for e in sorted(kept)],
            "edges": mark_confirmed(store, list(edges.values())),
            "dates": _dates(seen), "truncated": truncated}


def _in_category(entity: dict[str, Any], category: str | None) -> bool:
    """An entity matches a category filter by its organisation category or, for the rest, its type."""
    return not category or category in (entity["category"], entity["type"])
