"""CSV tables in a folder: nodes.csv, edges.csv, evidence.csv, documents.csv, and the other
layers: events.csv (one row per event), event_actors.csv (event, entity, role: agent, target or
place), event_evidence.csv (each report of an event: document, span, sentence), statements.csv
and quantities.csv (one row per claim, with its document and sentence).

Ids are the store's own (entity slugs, relation and evidence hashes, document sha256), so two
exports of one store join and diff row by row. Lists are joined with '; '; empty cells are None.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from .base import (
    GraphSlice,
    confidence,
    event_roles,
    event_summary,
    evidence_id,
    first_span,
    likelihood,
    quantity_summary,
)

NODES = ("id", "name", "type", "category", "aliases", "documents", "country", "wikidata", "latitude", "longitude")
EDGES = ("id", "source", "target", "type", "hedge", "documents", "sources", "confidence", "likelihood",
         "valid_from", "valid_to", "first_seen", "last_seen", "source_name", "target_name")
EVIDENCE = ("id", "relation", "document", "source", "published", "hedge", "attributed_to", "start", "end", "text")
DOCUMENTS = ("id", "title", "source", "author", "published", "path")
EVENTS = ("id", "type", "date", "summary", "agents", "targets", "place", "hedge", "attributed_to", "documents",
          "sources")
EVENT_ACTORS = ("event", "entity", "name", "role")
EVENT_EVIDENCE = ("event", "document", "source", "published", "start", "end", "text")
STATEMENTS = ("id", "speaker", "speaker_name", "date", "text", "direct", "via", "document", "source", "published",
              "start", "end", "sentence")
QUANTITIES = ("id", "subject", "subject_name", "value", "value_max", "unit", "approximate", "summary",
              "attributed_to", "date", "document", "source", "published", "start", "end", "sentence")


def _write(path: Path, columns: tuple[str, ...], rows: Iterable[dict[str, Any]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, columns)
        writer.writeheader()
        for row in rows:
            writer.writerow({k: "; ".join(row[k]) if isinstance(row.get(k), list) else row.get(k) for k in columns})


def write(graph: GraphSlice, folder: Path) -> list[str]:
    _write(folder / "nodes.csv", NODES, (
        {**e, "latitude": graph.coords.get(e["id"], (None, None))[0],
         "longitude": graph.coords.get(e["id"], (None, None))[1]} for e in graph.entities))
    _write(folder / "edges.csv", EDGES, (
        {**r, "confidence": confidence(r["hedge"], r["sources"]), "likelihood": likelihood(r["hedge"], r["sources"])}
        for r in graph.relations))
    _write(folder / "evidence.csv", EVIDENCE, (
        {**ev, "id": evidence_id(r["id"], ev), "relation": r["id"]} for r in graph.relations for ev in r["evidence"]))
    _write(folder / "documents.csv", DOCUMENTS, graph.documents)
    _write(folder / "events.csv", EVENTS, ({**ev, "summary": event_summary(ev)} for ev in graph.events))
    _write(folder / "event_actors.csv", EVENT_ACTORS, (
        {"event": ev["id"], "entity": eid, "name": ev["names"].get(eid), "role": role} for ev in graph.events
        for role, eid in event_roles(ev)))
    _write(folder / "event_evidence.csv", EVENT_EVIDENCE, ({**span, "event": ev["id"]} for ev in graph.events
                                                           for span in ev["evidence"]))
    _write(folder / "statements.csv", STATEMENTS, ({**st, **_sentence(st)} for st in graph.statements))
    names = {e["id"]: e["name"] for e in graph.entities}
    _write(folder / "quantities.csv", QUANTITIES, (
        {**qt, **_sentence(qt), "subject_name": names.get(qt["subject"]), "summary": quantity_summary(qt)}
        for qt in graph.quantities))
    return ["nodes.csv", "edges.csv", "evidence.csv", "documents.csv", "events.csv", "event_actors.csv",
            "event_evidence.csv", "statements.csv", "quantities.csv"]


def _sentence(item: dict[str, Any]) -> dict[str, Any]:
    """A statement's or quantity's first evidence span: start, end and the sentence."""
    span = first_span(item)
    return {"start": span.get("start"), "end": span.get("end"), "sentence": span.get("text")}
