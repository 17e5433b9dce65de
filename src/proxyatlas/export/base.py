"""What every export format reads: a slice of the stored graph, plus the shared mappings.

`load_slice` takes the relations that pass the filters (relation types, independent sources,
validity on a date) with their evidence, the entities at their ends (and those their evidence
is attributed to) and the documents the evidence comes from. Without filters the slice is the
whole store: every entity and every current document, related or not.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from ..registry import load_registry
from ..store import Store
from ..store.keys import record_id

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


CONFIRMED_CONFIDENCE = 100  # a relation an analyst checked: no longer an estimate


def confidence(hedge: str, sources: int, confirmed: bool = False) -> int:
    """STIX `confidence` (0-100) of a relation: see LIKELIHOOD; CONFIRMED_CONFIDENCE once an analyst
    confirmed it (its likelihood stays what its evidence gives)."""
    return CONFIRMED_CONFIDENCE if confirmed else CONFIDENCE[likelihood(hedge, sources)]


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


@dataclass
class GraphSlice:
    store: Store
    entities: list[dict[str, Any]]
    relations: list[dict[str, Any]]
    documents: list[dict[str, Any]]
    filters: dict[str, Any] = field(default_factory=dict)
    coords: dict[str, tuple[float, float]] = field(default_factory=dict)

    @property
    def by_id(self) -> dict[str, dict[str, Any]]:
        return {e["id"]: e for e in self.entities}

    def document(self, doc_id: str) -> dict[str, Any]:
        """One document's text, mentions and entity ids (read on demand, one at a time)."""
        from ..store.queries import document_content

        return document_content(self.store, doc_id)


def load_slice(store: Store, *, types: Iterable[str] | None = None, min_sources: int | None = None,
               as_of: str | None = None) -> GraphSlice:
    types = [t for t in (types or []) if t]
    relations = list(store.iter_relations(as_of=as_of, min_sources=min_sources, types=types or None))
    filtered = bool(types or min_sources or as_of)
    entities = list(store.iter_entities())
    documents = list(store.iter_documents())
    if filtered:
        wanted = {r[k] for r in relations for k in ("source", "target")}
        wanted |= {ev["attributed_to"] for r in relations for ev in r["evidence"] if ev["attributed_to"]}
        entities = [e for e in entities if e["id"] in wanted]
        cited = {ev["document"] for r in relations for ev in r["evidence"]}
        documents = [d for d in documents if d["id"] in cited]
    registry = load_registry()
    coords = {e["id"]: actor.coords for e in entities
              if (actor := registry.get(e["id"])) is not None and actor.coords}
    return GraphSlice(store, entities, relations, documents,
                      {"types": types or None, "min_sources": min_sources, "as_of": as_of}, coords)
