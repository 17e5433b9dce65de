"""Read queries over a store: entities, relations with their evidence, timelines, documents.

Every function takes a `Store` and returns plain dicts and lists (what the API returns, the
CLI prints and the web UI draws). Entities are named by id or any alias, case-insensitively;
a name that matches no alias exactly is tried transliteration-folded, then fuzzily.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from rapidfuzz import fuzz, process

from ..errors import NotFoundError, ProxyatlasError
from ..normalize import exact_key, fold_key
from . import curation
from .keys import bounds, record_id, sort_key
from .store import Store

_CHUNK = 500
_REL_COLUMNS = ("r.id, r.type, r.source, r.target, s.name, t.name, r.hedge, r.documents, r.sources, r.valid_from, "
                "r.valid_to, r.first_seen, r.last_seen")
_REL_FROM = "FROM relations r JOIN entities s ON s.id = r.source JOIN entities t ON t.id = r.target"


def _chunks(items: list[str]) -> Iterable[list[str]]:
    for i in range(0, len(items), _CHUNK):
        yield items[i : i + _CHUNK]


def _marks(items: list[Any]) -> str:
    return ",".join("?" * len(items))


# -- entities ----------------------------------------------------------------------------------
def find_entity(store: Store, name: str) -> str:
    """The id of the entity named `name` (an id or any alias); ProxyatlasError if none or ambiguous."""
    conn = store.conn
    if conn.execute("SELECT 1 FROM entities WHERE id = ?", (name.strip(),)).fetchone():
        return name.strip()
    for column, key in (("name_key", exact_key(name)), ("fold_key", fold_key(name))):
        ids = sorted({r[0] for r in conn.execute(f"SELECT entity FROM aliases WHERE {column} = ?", (key,))})
        if len(ids) == 1:
            return ids[0]
        if len(ids) > 1:
            raise ProxyatlasError(f"{name!r} names several entities ({', '.join(ids)}); use one of these ids")
    key = exact_key(name)
    if len(key) >= 6:
        rows = conn.execute("SELECT DISTINCT name_key, entity FROM aliases").fetchall()
        by_key: dict[str, set[str]] = defaultdict(set)
        for alias_key, entity in rows:
            by_key[alias_key].add(entity)
        hits = process.extract(key, list(by_key), scorer=fuzz.ratio, score_cutoff=90, limit=5)
        ids = sorted({e for choice, _, _ in hits for e in by_key[choice]})
        if len(ids) == 1:
            return ids[0]
        if ids:
            raise ProxyatlasError(f"{name!r} is close to several entities ({', '.join(ids)}); use one of these ids")
    raise NotFoundError(f"no entity named {name!r} in {store.path}; "
                          f"list candidates with `proxyatlas entities --name {name.split()[-1] if name.split() else name}`")


def entities(store: Store, type: str | None = None, category: str | None = None,
             name: str | None = None, ids: list[str] | None = None) -> list[dict[str, Any]]:
    where, args = [], []
    if type:
        where.append("e.type = ?")
        args.append(type)
    if category:
        where.append("e.category = ?")
        args.append(category)
    if name:
        where.append("(e.id IN (SELECT entity FROM aliases WHERE name_key LIKE ?) OR e.id LIKE ?)")
        args += [f"%{exact_key(name)}%", f"%{name.strip().casefold()}%"]
    if ids is not None:
        if not ids:
            return []
        where.append(f"e.id IN ({_marks(ids)})")
        args += ids
    sql = ("SELECT e.id, e.name, e.type, e.category, e.country, e.wikidata, "
           "(SELECT COUNT(DISTINCT m.document) FROM entity_map m WHERE m.entity = e.id) AS n FROM entities e"
           + (" WHERE " + " AND ".join(where) if where else "") + " ORDER BY n DESC, e.name, e.id")
    rows = store.conn.execute(sql, args).fetchall()
    aliases = _aliases(store, [r[0] for r in rows])
    out = []
    for eid, ename, etype, ecat, country, wikidata, n in rows:
        item: dict[str, Any] = {"id": eid, "name": ename, "type": etype, "category": ecat,
                                "aliases": [a for a in aliases.get(eid, []) if a != ename], "documents": n}
        if country:
            item["country"] = country
        if wikidata:
            item["wikidata"] = wikidata
        out.append(item)
    return out


def _aliases(store: Store, ids: list[str]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = defaultdict(list)
    for part in _chunks(ids):
        for entity, alias in store.conn.execute(
                f"SELECT entity, alias FROM aliases WHERE entity IN ({_marks(part)}) ORDER BY entity, alias", part):
            out[entity].append(alias)
    return out


def _names(store: Store, ids: Iterable[str | None]) -> dict[str, str]:
    wanted = sorted({i for i in ids if i})
    out: dict[str, str] = {}
    for part in _chunks(wanted):
        out.update(store.conn.execute(f"SELECT id, name FROM entities WHERE id IN ({_marks(part)})", part).fetchall())
    return out


# -- relations ---------------------------------------------------------------------------------
def evidence_for(store: Store, relation_ids: list[str]) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for part in _chunks(relation_ids):
        rows = store.conn.execute(
            "SELECT e.relation, e.document, d.source, d.published, e.hedge, e.attributed_to, e.text, e.start_char, "
            f"e.end_char, e.extractor FROM evidence e JOIN documents d ON d.id = e.document WHERE e.relation IN "
            f"({_marks(part)}) ORDER BY e.relation, d.seq, e.start_char", part).fetchall()
        for rel, doc, source, published, hedge, attributed, text, start, end, extractor in rows:
            out[rel].append({"document": doc, "source": source, "published": published, "hedge": hedge,
                             "attributed_to": attributed, "text": text, "start": start, "end": end,
                             "extractor": extractor})
    for items in out.values():
        items.sort(key=lambda e: sort_key(e["published"]))
    return out


def _relation(row: tuple) -> dict[str, Any]:
    keys = ("id", "type", "source", "target", "source_name", "target_name", "hedge", "documents", "sources",
            "valid_from", "valid_to", "first_seen", "last_seen")
    return dict(zip(keys, row, strict=True))


def mark_confirmed(store: Store, rels: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Set `confirmed`, `confirmed_by` and `confirmed_at` on each relation (from the analysts'
    records) and put the confirmed ones first, keeping the order otherwise."""
    checked = curation.load_cached(store.conn).confirmations()
    for rel in rels:
        author, created = checked.get((rel["type"], rel["source"], rel["target"]), (None, None))
        rel.update(confirmed=created is not None, confirmed_by=author, confirmed_at=created)
    rels.sort(key=lambda r: not r["confirmed"])
    return rels


def valid_on(rel: dict[str, Any], day: str) -> bool:
    """Valid on `day`: inside [valid_from, valid_to] with open ends open. A relation the text gives
    no validity holds from when it was first reported (first_seen) on; one never dated holds always."""
    if rel["valid_from"] or rel["valid_to"]:
        start, end = bounds(rel["valid_from"])[0], bounds(rel["valid_to"])[1]
        return (start is None or start <= day) and (end is None or day <= end)
    first = bounds(rel["first_seen"])[0]
    return first is None or first <= day


# `valid_on` in SQL, on the days the ledger keeps with each relation (valid_start, valid_end, seen_start)
_VALID_ON_SQL = ("(((r.valid_from IS NOT NULL OR r.valid_to IS NOT NULL) AND (r.valid_start IS NULL OR r.valid_start <= ?) "
                 "AND (r.valid_end IS NULL OR r.valid_end >= ?)) OR (r.valid_from IS NULL AND r.valid_to IS NULL "
                 "AND (r.seen_start IS NULL OR r.seen_start <= ?)))")


def as_of_day(date: str) -> str:
    day = bounds(date)[0]
    if day is None:
        raise ProxyatlasError(f"as-of date {date!r} is not an EDTF date such as 2020-06-01")
    return day


def _relation_filters(store: Store, type: str | None = None, source: str | None = None, target: str | None = None,
                      min_sources: int | None = None, hedge: str | None = None, as_of: str | None = None,
                      entity: str | None = None) -> tuple[list[str], list[Any]]:
    """The WHERE clauses (and their arguments) that keep the relations these filters name."""
    where: list[str] = ["r.rejected = 0"]
    args: list[Any] = []
    for column, value in (("r.type", type), ("r.hedge", hedge)):
        if value:
            where.append(f"{column} = ?")
            args.append(value)
    for column, value in (("r.source", source), ("r.target", target)):
        if value:
            where.append(f"{column} = ?")
            args.append(find_entity(store, value))
    if entity:
        where.append("(r.source = ? OR r.target = ?)")
        args += [entity, entity]
    if min_sources:
        where.append("r.sources >= ?")
        args.append(min_sources)
    if as_of:
        where.append(_VALID_ON_SQL)
        args += [as_of_day(as_of)] * 3
    return where, args


_REL_ORDER = "ORDER BY r.sources DESC, r.documents DESC, r.id"


def relations(store: Store, type: str | None = None, source: str | None = None,
              target: str | None = None, min_sources: int | None = None, hedge: str | None = None,
              as_of: str | None = None, ids: list[str] | None = None, entity: str | None = None,
              with_evidence: bool = True) -> list[dict[str, Any]]:
    where, args = _relation_filters(store, type, source, target, min_sources, hedge, as_of, entity)
    if ids is not None:
        if not ids:
            return []
        where.append(f"r.id IN ({_marks(ids)})")
        args += ids
    sql = f"SELECT {_REL_COLUMNS} {_REL_FROM} WHERE {' AND '.join(where)} {_REL_ORDER}"
    out = mark_confirmed(store, [_relation(row) for row in store.conn.execute(sql, args).fetchall()])
    if with_evidence:
        evidence = evidence_for(store, [r["id"] for r in out])
        for rel in out:
            rel["evidence"] = evidence.get(rel["id"], [])
    return out


def relations_page(store: Store, limit: int, offset: int = 0, with_evidence: bool = True,
                   **filters: Any) -> dict[str, Any]:
    """{"total", "relations"}: the relations `relations` gives for these filters (its keywords but
    `ids`), in its order, `limit` of them from `offset` on. Counting and ranking happen in SQL;
    only the page is read whole, with its evidence."""
    where, args = _relation_filters(store, **filters)
    cond = " AND ".join(where)
    total = int(store.conn.execute(f"SELECT COUNT(*) FROM relations r WHERE {cond}", args).fetchone()[0])
    # confirmed first, as mark_confirmed orders them (a relation's id is that of its type and ends)
    checked = {record_id("relation", *key) for key in curation.load_cached(store.conn).confirmations()}
    confirmed = []
    for part in _chunks(sorted(checked)):
        confirmed += store.conn.execute(f"SELECT r.sources, r.documents, r.id FROM relations r WHERE {cond} "
                                        f"AND r.id IN ({_marks(part)})", [*args, *part]).fetchall()
    page = [rid for _, _, rid in sorted(confirmed, key=lambda r: (-r[0], -r[1], r[2]))][offset : offset + limit]
    wanted = limit - len(page)
    if wanted > 0:  # then the others, best corroborated first
        skip = max(0, offset - len(confirmed))
        top = store.conn.execute(f"SELECT r.id FROM relations r WHERE {cond} {_REL_ORDER} LIMIT ?",
                                 [*args, skip + wanted + len(confirmed)]).fetchall()
        others = [rid for (rid,) in top if rid not in checked]
        page += others[skip : skip + wanted]
    return {"total": total, "relations": relations(store, ids=page, with_evidence=with_evidence)}


# -- events, statements, quantities ------------------------------------------------------------
def _doc_meta(store: Store, doc_ids: Iterable[str]) -> dict[str, tuple[str | None, str | None, str | None]]:
    wanted = sorted(set(doc_ids))
    out: dict[str, tuple[str | None, str | None, str | None]] = {}
    for part in _chunks(wanted):
        for did, source, published, title in store.conn.execute(
                f"SELECT id, source, published, title FROM documents WHERE id IN ({_marks(part)})", part):
            out[did] = (source, published, title)
    return out


def events(store: Store, type: str | None = None, actor: str | None = None, place: str | None = None,
           date_from: str | None = None, date_to: str | None = None, min_sources: int | None = None,
           entity: str | None = None, document: str | None = None) -> list[dict[str, Any]]:
    """Events resolved across documents (store/events.py), in date order: {id, type, date, agents,
    targets, place, hedge, fatalities, documents, sources, evidence: [{document, outlet, date,
    sentence, ...}], details: every value the reports give, with its sources}. `actor` is an
    agent or target; `place` also matches places inside a country; `date_from`/`date_to` keep
    events whose date overlaps them; `entity` has any role, `document` reports the event.
    Events an analyst rejected are never returned."""
    where: list[str] = ["e.rejected = 0"]
    args: list[Any] = []
    if type:
        where.append("e.type = ?")
        args.append(type)
    if actor:
        where.append("e.id IN (SELECT event FROM event_actors WHERE entity = ? AND role IN ('agent', 'target'))")
        args.append(find_entity(store, actor))
    if place:
        pid = find_entity(store, place)
        where.append("(e.place = ? OR e.place IN (SELECT p.id FROM entities p JOIN entities c ON c.country = p.country "
                     "WHERE c.id = ? AND c.type = 'country'))")
        args += [pid, pid]
    for value, clause, side in ((date_from, "e.date_end >= ?", 0), (date_to, "e.date_start <= ?", 1)):
        if value:
            day = bounds(value)[side]
            if day is None:
                raise ProxyatlasError(f"date {value!r} is not an EDTF date such as 2020-06-01")
            where.append(clause)
            args.append(day)
    if min_sources:
        where.append("e.sources >= ?")
        args.append(min_sources)
    if entity:
        where.append("e.id IN (SELECT event FROM event_actors WHERE entity = ?)")
        args.append(entity)
    if document:
        where.append("e.id IN (SELECT event FROM event_reports WHERE document = ?)")
        args.append(document)
    rows = store.conn.execute(
        "SELECT e.id, e.type, e.date, e.place, e.hedge, e.fatalities, e.documents, e.sources, e.first_seen, "
        "e.last_seen, e.reported FROM events e WHERE " + " AND ".join(where), args).fetchall()
    roles: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    ids = [r[0] for r in rows]
    for part in _chunks(ids):
        for event, ent, role in store.conn.execute(
                f"SELECT event, entity, role FROM event_actors WHERE event IN ({_marks(part)}) "
                "ORDER BY event, role, entity", part):
            roles[event][role].append(ent)
    out = []
    for eid, etype, date, eplace, hedge, fatalities, n_docs, n_sources, first_seen, last_seen, reported in rows:
        mine = json.loads(reported)
        out.append({"kind": "event", "id": eid, "type": etype, "date": date, "agents": roles[eid]["agent"],
                    "targets": roles[eid]["target"], "place": eplace, "hedge": hedge, "fatalities": _number(fatalities),
                    "documents": n_docs, "sources": n_sources, "first_seen": first_seen, "last_seen": last_seen,
                    "evidence": mine["evidence"], "details": mine["details"], "document": mine["document"],
                    "source": mine["source"], "published": mine["published"], "names": mine["involved"]})
    names = _names(store, [i for item in out for i in item["names"]])
    for item in out:
        item["names"] = {i: names[i] for i in item["names"] if i in names}
    return sorted(out, key=_date_order)


def statements(store: Store, speaker: str | None = None, document: str | None = None) -> list[dict[str, Any]]:
    sql = "SELECT id, document, speaker, date, text, direct, via, evidence FROM statements"
    args: list[str] = []
    if speaker:
        sql += " WHERE speaker = ?"
        args.append(speaker)
    elif document:
        sql += " WHERE document = ?"
        args.append(document)
    rows = store.conn.execute(sql, args).fetchall()
    meta = _doc_meta(store, [r[1] for r in rows])
    names = _names(store, [r[2] for r in rows] + [r[6] for r in rows])
    out = []
    for sid, doc, spk, date, text, direct, via, evidence in rows:
        source, published, _ = meta[doc]
        out.append({"kind": "statement", "id": sid, "speaker": spk, "speaker_name": names.get(spk, spk),
                    "date": date, "text": text, "direct": bool(direct), "via": via, "document": doc,
                    "source": source, "published": published, "evidence": json.loads(evidence)})
    return sorted(out, key=_date_order)


def quantities(store: Store, subject: str | None = None, document: str | None = None) -> list[dict[str, Any]]:
    sql = ("SELECT id, document, subject, value, value_max, unit, approximate, attributed_to, date, evidence "
           "FROM quantities")
    args: list[str] = []
    if subject:
        sql += " WHERE subject = ?"
        args.append(subject)
    elif document:
        sql += " WHERE document = ?"
        args.append(document)
    rows = store.conn.execute(sql, args).fetchall()
    meta = _doc_meta(store, [r[1] for r in rows])
    out = []
    for qid, doc, subj, value, vmax, unit, approx, attributed, date, evidence in rows:
        source, published, _ = meta[doc]
        out.append({"id": qid, "subject": subj, "value": _number(value), "value_max": _number(vmax), "unit": unit,
                    "approximate": bool(approx), "attributed_to": attributed, "date": date, "document": doc,
                    "source": source, "published": published, "evidence": json.loads(evidence)})
    return sorted(out, key=_date_order)


def _number(value: float | None) -> float | int | None:
    return int(value) if isinstance(value, float) and value.is_integer() else value


def _date_order(item: dict[str, Any]) -> tuple:
    start = item["evidence"][0]["start"] if item.get("evidence") else 0
    return (*sort_key(item.get("date")), sort_key(item.get("published")), item["document"], start)


def timeline(store: Store, entity: str | None = None) -> list[dict[str, Any]]:
    """Events and statements in date order: dated first (an interval by its start), then days
    of unknown year by month and day, then undated ones in publication order."""
    eid = find_entity(store, entity) if entity else None
    items = events(store, entity=eid) + statements(store, speaker=eid)
    return sorted(items, key=_date_order)


def show(store: Store, entity: str) -> dict[str, Any]:
    eid = find_entity(store, entity)
    rels = relations(store, entity=eid)
    return {
        "entity": entities(store, ids=[eid])[0],
        "relations_out": [r for r in rels if r["source"] == eid],
        "relations_in": [r for r in rels if r["target"] == eid],
        "statements": statements(store, speaker=eid),
        "events": events(store, entity=eid),
        "quantities": quantities(store, subject=eid),
        "corrections": curation.for_entity(store.conn, eid),
    }


# -- documents and sources ---------------------------------------------------------------------
_DOC_COLUMNS = ("d.id, d.title, d.source, d.author, d.published, d.path, d.version, d.ingested, "
                "(SELECT COUNT(DISTINCT m.entity) FROM entity_map m WHERE m.document = d.id), "
                "(SELECT COUNT(DISTINCT e.relation) FROM evidence e WHERE e.document = d.id)")


def _document(row: tuple) -> dict[str, Any]:
    keys = ("id", "title", "source", "author", "published", "path", "version", "ingested", "entities", "relations")
    return dict(zip(keys, row, strict=True))


def documents(store: Store) -> list[dict[str, Any]]:
    rows = store.conn.execute(f"SELECT {_DOC_COLUMNS} FROM documents d WHERE d.current = 1 ORDER BY d.seq")
    return [_document(r) for r in rows.fetchall()]


def document_content(store: Store, doc_id: str) -> dict[str, Any]:
    """A stored document's text, its mentions and the ids of the entities it names: what an
    export needs per document, without the full extraction `document` assembles."""
    row = store.conn.execute("SELECT text FROM documents WHERE id = ?", (doc_id,)).fetchone()
    if row is None:
        raise ProxyatlasError(f"no document with id {doc_id!r} in {store.path}")
    mentions = [{"entity": e, "start": s, "end": t, "text": x} for s, t, x, e in store.conn.execute(
        "SELECT start_char, end_char, text, entity FROM mentions WHERE document = ? ORDER BY start_char", (doc_id,))]
    entity_ids = [r[0] for r in store.conn.execute("SELECT DISTINCT entity FROM entity_map WHERE document = ?",
                                                   (doc_id,))]
    return {"text": row[0], "mentions": mentions, "entity_ids": entity_ids}


def document(store: Store, doc_id: str) -> dict[str, Any]:
    """One document: metadata, full text, mentions (stored entity ids) and every extracted layer."""
    ids = [r[0] for r in store.conn.execute("SELECT id FROM documents WHERE id LIKE ? ORDER BY seq",
                                            (doc_id.strip().lower() + "%",)).fetchall()] if doc_id.strip() else []
    if len(ids) != 1:
        problem = "no document" if not ids else f"{len(ids)} documents"
        raise ProxyatlasError(f"{problem} with id {doc_id!r} in {store.path}; list them with `proxyatlas documents`")
    did = ids[0]
    row = store.conn.execute(f"SELECT {_DOC_COLUMNS}, d.text, d.current, d.cluster FROM documents d WHERE d.id = ?",
                             (did,)).fetchone()
    out = _document(row[:10])
    out.update({"text": row[10], "current": bool(row[11]), "duplicate_of": None if row[12] == did else row[12]})
    out["mentions"] = [{"entity": e, "start": s, "end": t, "text": x} for s, t, x, e in store.conn.execute(
        "SELECT start_char, end_char, text, entity FROM mentions WHERE document = ? ORDER BY start_char", (did,))]
    entity_ids = [r[0] for r in store.conn.execute("SELECT DISTINCT entity FROM entity_map WHERE document = ?", (did,))]
    out["entities"] = entities(store, ids=entity_ids)
    rel_ids = [r[0] for r in store.conn.execute("SELECT DISTINCT relation FROM evidence WHERE document = ?", (did,))]
    rels = relations(store, ids=rel_ids)
    for rel in rels:
        rel["evidence"] = [e for e in rel["evidence"] if e["document"] == did]
    out["relations"] = rels
    out["events"] = events(store, document=did)
    for event in out["events"]:  # the sentences of this document; the event's counts stay whole
        event["evidence"] = [e for e in event["evidence"] if e["document"] == did]
    out["statements"] = statements(store, document=did)
    out["quantities"] = quantities(store, document=did)
    return out
