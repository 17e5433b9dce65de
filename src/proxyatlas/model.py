"""The records extraction produces; `Extraction.to_json()` is the object SPEC.md defines."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

EntityType = Literal["person", "organization", "country", "place"]
Hedge = Literal["asserted", "reported", "alleged", "speculative", "denied"]
# Surest first: a relation seen several times keeps the surest hedge.
HEDGES: tuple[str, ...] = ("asserted", "reported", "alleged", "speculative", "denied")


@dataclass
class Document:
    text: str
    title: str | None = None
    source: str | None = None
    author: str | None = None
    published: str | None = None  # EDTF
    path: str | None = None

    @property
    def id(self) -> str:
        import hashlib

        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()


@dataclass
class Evidence:
    start: int
    end: int
    text: str


@dataclass
class Mention:
    text: str
    start: int
    end: int


@dataclass
class Entity:
    id: str
    name: str
    type: str
    category: str | None = None
    aliases: list[str] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    country: str | None = None
    wikidata: str | None = None


@dataclass
class Relation:
    type: str
    source: str
    target: str
    hedge: str = "asserted"
    attributed_to: str | None = None
    valid_from: str | None = None
    valid_to: str | None = None
    evidence: list[Evidence] = field(default_factory=list)


@dataclass
class Event:
    type: str
    date: str | None
    agents: list[str]
    targets: list[str]
    place: str | None = None
    hedge: str = "asserted"
    attributed_to: str | None = None
    evidence: list[Evidence] = field(default_factory=list)


@dataclass
class Statement:
    speaker: str
    date: str | None
    text: str
    direct: bool
    via: str | None = None
    evidence: list[Evidence] = field(default_factory=list)


@dataclass
class Quantity:
    subject: str
    value: float
    unit: str
    value_max: float | None = None
    approximate: bool = False
    attributed_to: str | None = None
    date: str | None = None
    evidence: list[Evidence] = field(default_factory=list)


@dataclass
class Extraction:
    document: Document
    entities: list[Entity] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    statements: list[Statement] = field(default_factory=list)
    quantities: list[Quantity] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        doc = self.document
        entities = []
        for ent in self.entities:
            data = asdict(ent)
            for key in ("country", "wikidata"):
                if data[key] is None:
                    del data[key]
            entities.append(data)
        return {
            "document": {
                "id": doc.id,
                "title": doc.title,
                "source": doc.source,
                "author": doc.author,
                "published": doc.published,
            },
            "entities": entities,
            "relations": [asdict(r) for r in self.relations],
            "events": [asdict(e) for e in self.events],
            "statements": [asdict(s) for s in self.statements],
            "quantities": [_number_clean(asdict(q)) for q in self.quantities],
        }


def _number_clean(data: dict[str, Any]) -> dict[str, Any]:
    """Whole numbers print as ints (200000, not 200000.0)."""
    for key in ("value", "value_max"):
        value = data.get(key)
        if isinstance(value, float) and value.is_integer():
            data[key] = int(value)
    return data
