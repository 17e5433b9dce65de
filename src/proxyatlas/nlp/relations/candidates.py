"""What every relation pattern family yields, and the context it reads."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from spacy.tokens import Token

from ...model import Event
from ..fact_sheet import profiled_organisation
from ..phrases import PhraseContext, cues

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

    @cached_property
    def profiled(self) -> str | None:
        """The organisation the document profiles ("Actor profile: X"), if it is a profile."""
        return profiled_organisation(self.doc, self.resolved, frozenset(cues()["profile_labels"]))
