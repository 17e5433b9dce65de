"""What every export format reads: a slice of the stored graph, plus the shared mappings.

`load_slice` takes the relations that pass the filters (relation types, independent sources,
validity on a date) with their evidence, the entities at their ends (and those their evidence
is attributed to) and the documents the evidence comes from. Without filters the slice is the
whole store: every entity and every current document, related or not.

The other layers follow the entities: a filtered slice keeps the events with an agent or a
target among its entities, the statements of its entities and the numbers claimed about them,
dated (or, undated, published) on or before the as-of date; events also need `min_sources`
independent sources. The entities these name (a target, a place, a claimant) and the
documents they come from join the slice, as the entities evidence is attributed to do.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from ..registry import load_registry
from ..store import Store, queries
from ..store.keys import bounds, record_id

# Hedge x independent sources -> degree of likelihood on the ICD 203 scale (the MISP taxonomy
# `estimative-language:likelihood-probability`) and the STIX 2.1 confidence value the STIX
# spec's "DNI scale" appendix gives each degree. Columns: 1 source, 2 sources, 3 or more.
LIKELIHOOD: dict[str, tuple[str, str, str]] = {
    "asserted": ("likely", "very-likely", "almost-certain"),
    "reported": ("roughly-even-chance", "likely", "very-likely"),
    "alleged": ("unlikely", "roughly-even-chance", "likely"),
    "speculative": ("unlikely", "roughly-even-chance", "roughly-even-chance"),
    "denied": ("very-unlikely", "almost-no-chance", "almost-no-chance"),
}
CONFIDENCE: dict[str, int] = {"almost-no-chance": 5, "very-unlikely": 15, "unlikely": 30,
                              "roughly-even-chance": 50, "likely": 70, "very-likely": 85, "almost-certain": 95}
_ISO_DAY = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def likelihood(hedge: str, sources: int) -> str:
    """The ICD 203 degree of likelihood of a relation with this hedge and number of independent sources."""
    return LIKELIHOOD.get(hedge, LIKELIHOOD["reported"])[min(max(sources, 1), 3) - 1]


def confidence(hedge: str, sources: int) -> int:
    """STIX `confidence` (0-100) of a relation: see LIKELIHOOD."""
    return CONFIDENCE[likelihood(hedge, sources)]


def iso_date(edtf: str | None) -> str | None:
    """An EDTF value that is a plain ISO date prefix (2020, 2020-01, 2020-01-08), else None."""
    return edtf if edtf and _ISO_DAY.match(edtf) else None


def evidence_id(relation_id: str, ev: dict[str, Any]) -> str:
    """The store's own id of an evidence row: stable across exports and rebuilds."""
    return record_id("evidence", relation_id, ev["document"], ev["start"], ev["end"])


def flat(attrs: dict[str, Any]) -> dict[str, Any]:
    """Attributes for formats with scalar values only: Nones dropped, lists joined with '; '."""
    return {k: "; ".join(map(str, v)) if isinstance(v, (list, tuple)) else v for k, v in attrs.items()
            if v is not None and v != [] and v != ()}


def read_events(store: Store) -> list[dict[str, Any]]:
    """Every stored event (one per happening, resolved across documents), in the one shape all
    exports write: id, type, date, agents, targets, place, hedge, attributed_to, names ({entity
    id: name}), documents and independent sources (counts) and evidence [{document, source,
    published, start, end, text}], one item per report. The exports read events only here."""
    out = []
    for ev in queries.events(store):
        evidence = [{"document": s["document"], "source": s["outlet"], "published": s["date"], "start": s["start"],
                     "end": s["end"], "text": s["sentence"]} for s in ev["evidence"]]
        attributed = next((s["attributed_to"] for s in ev["evidence"] if s["attributed_to"]), None)
        out.append({**{k: ev[k] for k in ("id", "type", "date", "agents", "targets", "place", "hedge", "names",
                                          "documents", "sources")},
                    "attributed_to": attributed, "evidence": evidence})
    return out


def first_span(item: dict[str, Any]) -> dict[str, Any]:
    """The first evidence span of an event, statement or quantity ({} when it has none):
    document (events), start, end, text."""
    return item["evidence"][0] if item["evidence"] else {}


def event_roles(ev: dict[str, Any]) -> list[tuple[str, str]]:
    """(role, entity id) for each agent, target and the place of an event."""
    return [*(("agent", a) for a in ev["agents"]), *(("target", t) for t in ev["targets"]),
            *([("place", ev["place"])] if ev["place"] else [])]


def event_entities(ev: dict[str, Any]) -> list[str]:
    """The entities an event names: agents, targets, place and the one it is attributed to."""
    return [eid for _, eid in event_roles(ev)] + ([ev["attributed_to"]] if ev["attributed_to"] else [])


def statement_entities(st: dict[str, Any]) -> list[str]:
    return [st["speaker"], *([st["via"]] if st["via"] else [])]


def quantity_entities(qt: dict[str, Any]) -> list[str]:
    return [qt["subject"], *([qt["attributed_to"]] if qt["attributed_to"] else [])]


def event_summary(ev: dict[str, Any]) -> str:
    """One line naming an event: 'attack by Houthis (target: Saudi Aramco) in Abqaiq, 2019-09-14'."""
    def names(ids: list[str]) -> str:
        return ", ".join(ev["names"].get(i, i) for i in ids)

    text = ev["type"].replace("_", " ")
    if ev["agents"]:
        text += f" by {names(ev['agents'])}"
    if ev["targets"]:
        text += f" (target: {names(ev['targets'])})"
    if ev["place"]:
        text += f" in {names([ev['place']])}"
    return f"{text}, {ev['date'] or 'undated'}"


def quantity_summary(qt: dict[str, Any]) -> str:
    """'about 20,000-30,000 fighters': the claimed number as the report gives it."""
    value = f"{qt['value']:,}" + (f"-{qt['value_max']:,}" if qt["value_max"] is not None else "")
    return f"{'about ' if qt['approximate'] else ''}{value} {qt['unit']}"


@dataclass
class GraphSlice:
    store: Store
    entities: list[dict[str, Any]]
    relations: list[dict[str, Any]]
    documents: list[dict[str, Any]]
    filters: dict[str, Any] = field(default_factory=dict)
    coords: dict[str, tuple[float, float]] = field(default_factory=dict)
    events: list[dict[str, Any]] = field(default_factory=list)
    statements: list[dict[str, Any]] = field(default_factory=list)
    quantities: list[dict[str, Any]] = field(default_factory=list)
    event_nodes: bool = False  # graph formats: events as nodes too (`--with-events`)

    @property
    def by_id(self) -> dict[str, dict[str, Any]]:
        return {e["id"]: e for e in self.entities}

    def document(self, doc_id: str) -> dict[str, Any]:
        """One document's text, mentions and entity ids (read on demand, one at a time)."""
        from ..store.queries import document_content

        return document_content(self.store, doc_id)


def _reported_by(item: dict[str, Any], day: str) -> bool:
    """Dated on or before `day` (an interval by its start), or undated and published by then;
    an item with neither date is kept."""
    start = bounds(item["date"])[0] or bounds(item.get("published", first_span(item).get("published")))[0]
    return start is None or start <= day


def load_slice(store: Store, *, types: Iterable[str] | None = None, min_sources: int | None = None,
               as_of: str | None = None, event_nodes: bool = False) -> GraphSlice:
    types = [t for t in (types or []) if t]
    relations = list(store.iter_relations(as_of=as_of, min_sources=min_sources, types=types or None))
    filtered = bool(types or min_sources or as_of)
    entities = list(store.iter_entities())
    documents = list(store.iter_documents())
    events, statements, quantities = read_events(store), queries.statements(store), queries.quantities(store)
    if filtered:
        wanted = {r[k] for r in relations for k in ("source", "target")}
        wanted |= {ev["attributed_to"] for r in relations for ev in r["evidence"] if ev["attributed_to"]}
        day = queries.as_of_day(as_of) if as_of else None

        def kept(item: dict[str, Any], about: list[str]) -> bool:
            return bool(wanted.intersection(about)) and (day is None or _reported_by(item, day))

        events = [e for e in events if kept(e, e["agents"] + e["targets"]) and e["sources"] >= (min_sources or 0)]
        statements = [s for s in statements if kept(s, [s["speaker"]])]
        quantities = [q for q in quantities if kept(q, [q["subject"]])]
        wanted |= {i for e in events for i in event_entities(e)} | {i for s in statements for i in statement_entities(s)}
        wanted |= {i for q in quantities for i in quantity_entities(q)}
        entities = [e for e in entities if e["id"] in wanted]
        cited = {ev["document"] for r in relations for ev in r["evidence"]}
        cited |= {span["document"] for e in events for span in e["evidence"]}
        cited |= {item["document"] for item in (*statements, *quantities)}
        documents = [d for d in documents if d["id"] in cited]
    registry = load_registry()
    coords = {e["id"]: actor.coords for e in entities
              if (actor := registry.get(e["id"])) is not None and actor.coords}
    return GraphSlice(store, entities, relations, documents,
                      {"types": types or None, "min_sources": min_sources, "as_of": as_of}, coords,
                      events, statements, quantities, event_nodes)
