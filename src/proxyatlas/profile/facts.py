"""What a profile says, read from the store: the actor, its relations, events, statements,
numbers, contested claims and documents, cut to what was valid on `as_of` and to relations
with at least `min_sources` independent sources.

Events and quantities are read through `read_events` and `read_quantities` only, so that
when the store gains cross-document events and numbers by unit those two functions are all
that changes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..registry import Registry, load_registry
from ..store import Store, queries
from ..store.claims import conflicts
from ..store.keys import bounds

RELATION_SECTIONS = {"leads": "leadership", "supports": "backing", "trains": "backing", "created": "backing",
                     "part_of": "structure", "member_of": "structure", "operates_in": "areas",
                     "opposes": "alignment", "allied_with": "alignment"}


@dataclass
class Facts:
    entity: dict[str, Any]
    as_of: str | None
    min_sources: int | None
    relations: list[dict[str, Any]]
    events: list[dict[str, Any]]
    statements: list[dict[str, Any]]
    quantities: list[dict[str, Any]]
    conflicts: list[dict[str, Any]]
    documents: list[dict[str, Any]]   # the documents that name the actor (by as_of): id, title, source, published
    first_document: str | None = None  # the first stored document that names it, whatever as_of
    names: dict[str, str] = field(default_factory=dict)   # entity id -> name, for every id cited
    doc_meta: dict[str, dict[str, Any]] = field(default_factory=dict)  # document id -> title, source, published
    places: list[dict[str, Any]] = field(default_factory=list)


def read_events(store: Store, entity_id: str) -> list[dict[str, Any]]:
    """Events the actor takes part in (the store's resolved events, one per happening), in the
    shape the profile words: date, agents, targets, place, hedge, the claimant and outlet of its
    first report, and every report's evidence span."""
    out = []
    for event in queries.events(store, entity=entity_id):
        first = event["evidence"][0] if event["evidence"] else {}
        out.append({**event, "attributed_to": first.get("attributed_to"), "source": first.get("outlet"),
                    "document": first.get("document"), "published": event["first_seen"],
                    "evidence": [{"document": e["document"], "start": e["start"], "end": e["end"],
                                  "text": e["sentence"]} for e in event["evidence"]]})
    return out


def read_quantities(store: Store, entity_id: str) -> list[dict[str, Any]]:
    """Numbers claimed about the actor, as the store holds them today (one per document)."""
    return queries.quantities(store, subject=entity_id)


def _known_by(item: dict[str, Any], day: str | None) -> bool:
    """An item dated (or, undated, published) on or before `day`; everything when no day."""
    if day is None:
        return True
    start = bounds(item.get("date"))[0] or bounds(item.get("published"))[0]
    return start is None or start <= day


def gather(store: Store, actor: str, *, as_of: str | None = None, min_sources: int | None = None) -> Facts:
    """Everything the profile of `actor` (an id or any alias) draws on. ProxyatlasError names an
    unknown actor or a bad date."""
    eid = queries.find_entity(store, actor)
    day = queries.as_of_day(as_of) if as_of else None
    entity = queries.entities(store, ids=[eid])[0]
    rels = queries.relations(store, entity=eid, as_of=day, min_sources=min_sources)
    leaders = {r["source"] for r in rels if r["type"] == "leads" and r["target"] == eid}
    said = [s for speaker in (eid, *sorted(leaders)) for s in queries.statements(store, speaker=speaker)]
    kept_ids = {r["id"] for r in rels}
    disputes = [c for c in conflicts(store) if _concerns(c, eid, kept_ids)]
    every_doc = _documents(store, eid)
    docs = [d for d in every_doc if _known_by(d, day)]
    facts = Facts(entity=entity, as_of=day, min_sources=min_sources, relations=rels,
                  events=[e for e in read_events(store, eid) if _known_by(e, day)],
                  statements=[s for s in said if _known_by(s, day)],
                  quantities=[q for q in read_quantities(store, eid) if _known_by(q, day)],
                  conflicts=disputes, documents=docs, first_document=every_doc[0]["id"] if every_doc else None)
    facts.names = _names(store, facts)
    facts.doc_meta = _doc_meta(store, facts)
    registry = load_registry()
    if entity.get("country"):
        entity["country_name"] = next((a.name for a in registry if a.type == "country" and a.country == entity["country"]),
                                      entity["country"])
    facts.places = places(entity, rels, facts.events, facts.names, registry)
    return facts


def _concerns(conflict: dict[str, Any], eid: str, kept: set[str]) -> bool:
    if conflict["kind"] == "denied":
        return conflict["relation"]["id"] in kept
    return conflict["office"] == eid or any(h["source"] == eid and h["id"] in kept for h in conflict["holders"])


def _documents(store: Store, eid: str) -> list[dict[str, Any]]:
    rows = store.conn.execute(
        "SELECT d.id, d.title, d.source, d.published FROM documents d WHERE d.current = 1 AND d.id IN "
        "(SELECT document FROM entity_map WHERE entity = ?) ORDER BY d.seq", (eid,)).fetchall()
    return [{"id": i, "title": t, "source": s, "published": p} for i, t, s, p in rows]


def _names(store: Store, facts: Facts) -> dict[str, str]:
    ids: set[str] = {facts.entity["id"]}
    for rel in facts.relations:
        ids |= {rel["source"], rel["target"], *(e["attributed_to"] for e in rel["evidence"] if e["attributed_to"])}
    for event in facts.events:
        ids |= set(event["agents"]) | set(event["targets"]) | {event["place"], event["attributed_to"]}
    for item in facts.statements:
        ids |= {item["speaker"], item["via"]}
    for item in facts.quantities:
        ids |= {item["subject"], item["attributed_to"]}
    for conflict in facts.conflicts:
        ids.add(conflict.get("office"))
    ids.discard(None)  # type: ignore[arg-type]
    return {e["id"]: e["name"] for e in queries.entities(store, ids=sorted(ids))}


def _doc_meta(store: Store, facts: Facts) -> dict[str, dict[str, Any]]:
    ids = {d["id"] for d in facts.documents} | ({facts.first_document} if facts.first_document else set())
    ids |= {e["document"] for rel in facts.relations for e in rel["evidence"]}
    ids |= {item["document"] for item in (*facts.events, *facts.statements, *facts.quantities)}
    ids |= {e["document"] for c in facts.conflicts for rel in c.get("holders", [c.get("relation")]) if rel
            for e in rel["evidence"]}
    wanted = sorted(ids)
    out: dict[str, dict[str, Any]] = {}
    for i in range(0, len(wanted), 500):
        part = wanted[i : i + 500]
        for did, title, source, published in store.conn.execute(
                f"SELECT id, title, source, published FROM documents WHERE id IN ({','.join('?' * len(part))})", part):
            out[did] = {"title": title, "source": source, "published": published}
    return out


def places(entity: dict[str, Any], rels: list[dict[str, Any]], events: list[dict[str, Any]],
           names: dict[str, str], registry: Registry | None = None) -> list[dict[str, Any]]:
    """Where the actor is (a place or country itself), operates, or took part in an event, with
    registry coordinates and names for the maps: [{id, name, why, coords, names, type}]."""
    registry = registry or load_registry()
    wanted: dict[str, tuple[str, str]] = {}
    if entity["type"] in ("place", "country"):
        wanted[entity["id"]] = (entity["name"], "self")
    for rel in rels:
        if rel["type"] == "operates_in" and rel["source"] == entity["id"]:
            wanted.setdefault(rel["target"], (rel["target_name"], "operates_in"))
    for event in events:
        if event["place"]:
            wanted.setdefault(event["place"], (names.get(event["place"], event["place"]), "event"))
    out = []
    for eid, (name, why) in wanted.items():
        actor = registry.get(eid)
        out.append({"id": eid, "name": name, "why": why, "coords": list(actor.coords) if actor and actor.coords else None,
                    "names": list(actor.names) if actor else [name], "type": actor.type if actor else None})
    return out
