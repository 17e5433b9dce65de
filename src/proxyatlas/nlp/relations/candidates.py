"""What every relation pattern family yields, and the context it reads."""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Token

from ...model import Event
from ..phrases import PhraseContext

UNIT_CATEGORIES = {"armed_group", "state_body"}


@dataclass
class Candidate:
    type: str
    source: str
    target: str
    anchor: list[Token]
    descriptive: bool = False  # an identifying description ("Hezbollah in Lebanon"): asserted
    valid_from: str | None = None
    valid_to: str | None = None


@dataclass
class RelationContext(PhraseContext):
    published: str | None
    events: list[Event] = field(default_factory=list)
    # "the IRGC (IRGC) Quds Force": parent organisation -> the unit named right after it.
    unit_after: dict[str, str] = field(default_factory=dict)
