"""The extraction pipeline: Document -> Extraction, one stage after another.

    parse -> mentions -> entities -> statements -> events -> relations -> quantities
Events come before relations because a killing closes the offices its victim held
("the late head of" ends a `leads` at the death).
"""

from __future__ import annotations

from ..model import Document, Extraction
from ..registry import Registry
from .attribution import find_quotes
from .events import find_events
from .mentions import find_mentions
from .pipeline import parse
from .quantities import find_quantities
from .relations import find_relations
from .resolve import resolve
from .statements import find_statements


def extract_document(document: Document, registry: Registry) -> Extraction:
    doc = parse(document.text)
    resolved = resolve(doc, find_mentions(doc, registry), registry)
    quotes = find_quotes(doc)
    statements = find_statements(doc, resolved, document)
    events = find_events(doc, resolved, quotes, statements, document.published)
    relations = find_relations(doc, resolved, quotes, statements, document.published, events)
    quantities = find_quantities(doc, resolved, quotes, statements, document.published)
    return Extraction(
        document=document,
        entities=list(resolved.entities.values()),
        relations=relations,
        events=events,
        statements=statements,
        quantities=quantities,
    )
