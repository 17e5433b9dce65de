"""The claims ledger: one document's extraction becomes stored entities, evidence and claims.

`apply_document` resolves the document's entities against the store, writes its mentions,
one evidence row per relation sentence, its events, statements and quantities, and
re-aggregates every relation it touched: documents, independent sources, surest hedge,
validity, first and last seen. `derive` empties the derived tables and applies every current
document again in ingest order: that is how corrections are replayed.
"""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from ..model import HEDGES
from ..normalize import exact_key
from ..registry import Registry
from . import curation
from .events import EventResolver, Report, casualties
from .keys import bounds, earliest, latest, record_id, sort_key
from .resolve import EntityIndex, new_entity_id, resolve_entity
from .schema import DERIVED


class Ledger:
    """What applying documents needs: the name index, the corrections and the registry."""

    def __init__(self, conn: sqlite3.Connection, registry: Registry) -> None:
        self.conn = conn
        self.registry = registry
        self.corrections = curation.load(conn)
        self.index = EntityIndex.load(conn)
        self.events = EventResolver(conn, self.corrections)

    def _create(self, entity: str, local: dict[str, Any]) -> None:
        split = next((s for s in self.corrections.splits if s.new_id == entity), None)
        if split is not None:
            row = (entity, split.alias, split.type, split.category, None, None)
        else:
            row = (entity, local["name"], local["type"], local.get("category"), local.get("country"),
                   local.get("wikidata"))
        self.conn.execute("INSERT INTO entities (id, name, type, category, country, wikidata) "
                          "VALUES (?, ?, ?, ?, ?, ?)", row)
        self.index.add_entity(entity, row[2])

    def _add_aliases(self, entity: str, local: dict[str, Any]) -> None:
        excluded = self.corrections.split_keys(entity)
        etype = self.index.types[entity]
        names = [local["name"], *local.get("aliases", []), *(m["text"] for m in local.get("mentions", []))]
        for alias in dict.fromkeys(n.strip() for n in names):
            key = exact_key(alias)
            if not key or key in excluded:
                continue
            cursor = self.conn.execute(
                "INSERT INTO aliases (entity, alias, name_key, fold_key) VALUES (?, ?, ?, ?) "
                "ON CONFLICT (entity, alias) DO NOTHING", (entity, alias, key, _fold(alias)))
            if cursor.rowcount:
                self.index.add_alias(entity, etype, alias)

    def resolve(self, doc_id: str, entities: list[dict[str, Any]]) -> tuple[dict[str, str], int]:
        mapping: dict[str, str] = {}
        created = 0
        for local in entities:
            entity = resolve_entity(local, self.index, self.registry, self.corrections)
            if entity is None:
                entity = self.corrections.canon(new_entity_id(local, self.index))
            if entity not in self.index.types:
                self._create(entity, local)
                created += 1
            self._add_aliases(entity, local)
            mapping[local["id"]] = entity
            self.conn.execute("INSERT INTO entity_map (document, local_id, entity) VALUES (?, ?, ?)",
                              (doc_id, local["id"], entity))
            for m in local.get("mentions", []):
                self.conn.execute("INSERT INTO mentions (document, start_char, end_char, text, entity) "
                                  "VALUES (?, ?, ?, ?, ?) ON CONFLICT (document, start_char, end_char) DO NOTHING",
                                  (doc_id, m["start"], m["end"], m["text"], entity))
        return mapping, created

    def apply_document(self, doc_id: str, data: dict[str, Any], extractor: str) -> tuple[int, int]:
        """Store one document's layers; returns (new entities, new relations)."""
        mapping, created = self.resolve(doc_id, data["entities"])

        def g(local: str | None) -> str | None:
            return None if local is None else mapping.get(local, local)

        touched: dict[str, tuple[str, str, str]] = {}
        for rel in data["relations"]:
            key = self.corrections.relation_key(rel["type"], g(rel["source"]) or "", g(rel["target"]) or "")
            if key[1] == key[2]:
                continue  # a merge made both ends one entity
            rid = record_id("relation", *key)
            touched[rid] = key
            for ev in rel["evidence"]:
                self.conn.execute(
                    "INSERT INTO evidence (id, relation, document, hedge, attributed_to, valid_from, valid_to, "
                    "text, start_char, end_char, extractor) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                    "ON CONFLICT (id) DO NOTHING",
                    (record_id("evidence", rid, doc_id, ev["start"], ev["end"]), rid, doc_id, rel["hedge"],
                     g(rel.get("attributed_to")), rel.get("valid_from"), rel.get("valid_to"), ev["text"],
                     ev["start"], ev["end"], extractor))
        new_relations = sum(self.aggregate(rid, key) for rid, key in touched.items())
        quantities = [{**q, "subject": g(q["subject"]), "attributed_to": g(q.get("attributed_to"))}
                      for q in data.get("quantities", [])]
        self._events(doc_id, data, quantities, g)
        self._statements(doc_id, data.get("statements", []), g)
        self._quantities(doc_id, data.get("quantities", []), g)
        return created, new_relations

    def aggregate(self, rid: str, key: tuple[str, str, str]) -> bool:
        """Recompute one relation's aggregates from its evidence; True if the relation is new."""
        rows = self.conn.execute(
            "SELECT e.document, e.hedge, e.valid_from, e.valid_to, d.source, d.published, d.cluster "
            "FROM evidence e JOIN documents d ON d.id = e.document WHERE e.relation = ?", (rid,)).fetchall()
        existed = self.conn.execute("DELETE FROM relations WHERE id = ?", (rid,)).rowcount > 0
        if not rows:
            return False
        hedge = min((r[1] for r in rows), key=HEDGES.index)
        published = sorted({r[5] for r in rows if r[5]}, key=sort_key)
        valid_from, valid_to = earliest([r[2] for r in rows]), latest([r[3] for r in rows])
        first_seen = published[0] if published else None
        # the days as-of compares with (queries.valid_on says what they mean), kept for SQL
        self.conn.execute(
            "INSERT INTO relations (id, type, source, target, hedge, documents, sources, valid_from, valid_to, "
            "first_seen, last_seen, rejected, valid_start, valid_end, seen_start) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (rid, *key, hedge, len({r[0] for r in rows}), independent_sources([(r[0], r[4], r[6]) for r in rows]),
             valid_from, valid_to, first_seen, published[-1] if published else None,
             int(self.corrections.is_rejected(*key)), bounds(valid_from)[0], bounds(valid_to)[1],
             bounds(first_seen)[0]))
        return not existed

    def _events(self, doc_id: str, data: dict[str, Any], quantities: list[dict[str, Any]], g: Any) -> None:
        places = [(m["start"], m["end"], g(ent["id"])) for ent in data["entities"] if ent["type"] == "place"
                  for m in ent.get("mentions", [])]
        reports = []
        for ev in data.get("events", []):
            first = ev["evidence"][0] if ev["evidence"] else {"start": None}
            agents = [g(a) for a in ev["agents"]]
            report = Report(record_id("event", doc_id, ev["type"], ev.get("date"), first["start"], ",".join(sorted(agents))),
                            doc_id, ev["type"], ev.get("date"), g(ev.get("place")), ev.get("hedge", "asserted"),
                            g(ev.get("attributed_to")), list(dict.fromkeys(agents)),
                            list(dict.fromkeys(g(t) for t in ev["targets"])), ev["evidence"],
                            sentences={(e["start"], e["end"]) for e in ev["evidence"]})
            report.named_places = sorted({p for start, end, p in places for e in ev["evidence"]
                                          if e["start"] <= start and end <= e["end"]} - {report.place})
            report.fatalities, report.fatalities_by = casualties(report, quantities, self.events.rules)
            reports.append(report)
        self.events.add(doc_id, reports)

    def _statements(self, doc_id: str, statements: list[dict[str, Any]], g: Any) -> None:
        for st in statements:
            first = st["evidence"][0] if st["evidence"] else {"start": None}
            self.conn.execute(
                "INSERT INTO statements (id, document, speaker, date, text, direct, via, evidence) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING",
                (record_id("statement", doc_id, g(st["speaker"]), first["start"], st["text"]), doc_id,
                 g(st["speaker"]), st.get("date"), st["text"], int(bool(st.get("direct"))), g(st.get("via")),
                 json.dumps(st["evidence"], ensure_ascii=False)))

    def _quantities(self, doc_id: str, quantities: list[dict[str, Any]], g: Any) -> None:
        for q in quantities:
            first = q["evidence"][0] if q["evidence"] else {"start": None}
            self.conn.execute(
                "INSERT INTO quantities (id, document, subject, value, value_max, unit, approximate, "
                "attributed_to, date, evidence) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING",
                (record_id("quantity", doc_id, g(q["subject"]), q["value"], q["unit"], first["start"]), doc_id,
                 g(q["subject"]), q["value"], q.get("value_max"), q["unit"], int(bool(q.get("approximate"))),
                 g(q.get("attributed_to")), q.get("date"), json.dumps(q["evidence"], ensure_ascii=False)))


def independent_sources(docs: list[tuple[str, str | None, str]]) -> int:
    """How many independent sources (document, outlet, near-duplicate cluster) rows come from:
    documents of one outlet are one source, near-duplicate copies are one source, and a
    document with no known outlet is a source of its own."""
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for doc, outlet, cluster in docs:
        find(f"doc:{doc}")
        parent[find(f"doc:{doc}")] = find(f"cluster:{cluster}")
        if outlet and exact_key(outlet):
            parent[find(f"cluster:{cluster}")] = find(f"outlet:{exact_key(outlet)}")
    return len({find(f"doc:{doc}") for doc, _, _ in docs})


def derive(conn: sqlite3.Connection, registry: Registry) -> None:
    """Rebuild every derived table from the stored extractions, replaying all corrections
    (inside the caller's transaction)."""
    for table in DERIVED:
        conn.execute(f"DELETE FROM {table}")
    ledger = Ledger(conn, registry)
    rows = conn.execute("SELECT d.id, x.data, x.extractor FROM documents d JOIN extractions x ON x.document = d.id "
                        "WHERE d.current = 1 ORDER BY d.seq")
    for doc_id, data, extractor in rows.fetchall():
        ledger.apply_document(doc_id, json.loads(data), extractor)


def _fold(alias: str) -> str:
    from ..normalize import fold_key

    return fold_key(alias)
