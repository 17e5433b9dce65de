"""Relations a profile's fact sheet states about the profiled actor ("Leader: X", "Base: Aden",
"Main foreign backer: Y"; nlp/fact_sheet.py reads the sheet). Which label gives which relation,
and in which direction, is data: `field_labels` in data/cues/relations.yaml."""

from __future__ import annotations

from collections.abc import Iterator

from ..fact_sheet import read_fact_sheet
from ..phrases import cues, entity
from .candidates import Candidate, RelationContext


def fact_sheets(ctx: RelationContext) -> Iterator[Candidate]:
    sheet = read_fact_sheet(ctx.doc, ctx.resolved)
    if sheet is None:
        return
    for rtype, ends in cues()["field_labels"].items():
        for direction, labels in ends.items():
            for field in sheet.values(set(labels)):
                anchor = [field.value[0]]
                for value in dict.fromkeys(e for t in field.value if (e := entity(ctx, t)) and e != sheet.subject):
                    source, target = (value, sheet.subject) if direction == "of_subject" else (sheet.subject, value)
                    yield Candidate(rtype, source, target, anchor, descriptive=True)
