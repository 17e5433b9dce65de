"""The extraction pipeline: Document -> Extraction, one stage after another.

    parse -> mentions -> entities -> references -> statements -> events -> relations -> quantities
References ("the group", "its", "he") map to the entity they refer to after entities are known,
so that every later stage reads them through `Resolved.entity_at`.
Events come before relations because a killing closes the offices its victim held
("the late head of" ends a `leads` at the death).

`extract_document` parses one text; `extract_documents` streams many through spaCy's
`nlp.pipe` (batched, optionally in several processes) and runs the same rule stages on each
parsed doc in this process, yielding results in input order without holding the corpus.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from spacy.tokens import Doc

from ..model import Document, Extraction
from ..registry import Registry
from .attribution import find_quotes
from .coref import resolve_references
from .events import find_events
from .mentions import find_mentions
from .pipeline import load_nlp, parse
from .quantities import find_quantities
from .relations import find_relations
from .resolve import resolve
from .statements import find_statements


def extract_document(document: Document, registry: Registry) -> Extraction:
    return extract_parsed(document, parse(document.text), registry)


def extract_documents(documents: Iterable[Document], registry: Registry, jobs: int = 1,
                      batch_size: int = 32) -> Iterator[Extraction]:
    """Extract many documents: spaCy parses them with `nlp.pipe(n_process=jobs)`, the rule
    stages run here. Lazy: documents are read from the iterable as the pipe needs them."""
    if jobs < 1:
        raise ValueError(f"jobs must be at least 1, not {jobs}")
    if batch_size < 1:
        raise ValueError(f"batch_size must be at least 1, not {batch_size}")
    pairs = ((document.text, document) for document in documents)
    for doc, document in load_nlp().pipe(pairs, as_tuples=True, n_process=jobs, batch_size=batch_size):
        yield extract_parsed(document, doc, registry)


def extract_parsed(document: Document, doc: Doc, registry: Registry) -> Extraction:
    """The rule stages on a document spaCy has already parsed (`doc` is `document.text`)."""
    resolved = resolve_references(doc, resolve(doc, find_mentions(doc, registry), registry))
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
