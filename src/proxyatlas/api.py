"""The Python API: the one entry point the CLI, the web UI and the tests all drive.

Example::

    import proxyatlas
    result = proxyatlas.extract("Hezbollah, the Lebanese group backed by Iran, ...", published="2024-01-30")
    result.to_json()["relations"]
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable, Iterator
from pathlib import Path

from .errors import ProxyatlasWarning
from .model import Document, Extraction
from .nlp.dates import parse_published
from .nlp.extractor import extract_document, extract_documents
from .readers import check_text, read_document
from .readers.language import english_only
from .registry import load_registry


def _override(document: Document, published: str | None, source: str | None, title: str | None,
              author: str | None) -> Document:
    if published is not None:
        document.published = parse_published(published)
    if source is not None:
        document.source = source
    if title is not None:
        document.title = title
    if author is not None:
        document.author = author
    return document


def _checked(extraction: Extraction, name: str) -> Extraction:
    """Entities only, with a ProxyatlasWarning, for a text that does not look like English."""
    extraction, warning = english_only(extraction)
    if warning:
        warnings.warn(f"{name}: {warning}", ProxyatlasWarning, stacklevel=3)
    return extraction


def extract(text: str, *, published: str | None = None, source: str | None = None, title: str | None = None,
            author: str | None = None, registry: Iterable[str | Path] = ()) -> Extraction:
    """Extract entities, relations, events, statements and quantities from a text (at most
    `limits.MAX_TEXT_CHARS` characters, valid Unicode: InputError otherwise). A text that is not
    English gives its entities only, with a ProxyatlasWarning."""
    check_text("<text>", text)
    document = _override(Document(text=text), published, source, title, author)
    return _checked(extract_document(document, load_registry(registry)), "<text>")


def extract_file(path: str | Path, *, published: str | None = None, source: str | None = None,
                 title: str | None = None, author: str | None = None,
                 registry: Iterable[str | Path] = ()) -> Extraction:
    """Read a .txt/.md/.html/.pdf file (metadata from the file, overridden by the arguments) and extract.
    Bad input raises InputError("PATH: problem"); a text that is not English warns, as `extract`."""
    document = _override(read_document(path), published, source, title, author)
    return _checked(extract_document(document, load_registry(registry)), str(path))


def extract_many(texts_or_documents: Iterable[str | Document], *, jobs: int = 1, batch_size: int = 32,
                 registry: Iterable[str | Path] = ()) -> Iterator[Extraction]:
    """Extract many texts (or `Document`s, which carry their own metadata), yielding one
    Extraction per input in input order. spaCy parses in `jobs` processes, `batch_size` texts
    at a time; the input is consumed lazily, so a generator of any length runs in flat memory.

    Example::

        for result in proxyatlas.extract_many(texts, jobs=2):
            print(result.document.id, len(result.relations))
    """
    documents = (item if isinstance(item, Document) else Document(text=item) for item in texts_or_documents)
    results = extract_documents(documents, load_registry(registry), jobs=jobs, batch_size=batch_size)
    return (_checked(result, result.document.path or "<text>") for result in results)


# -- the knowledge store ---------------------------------------------------------------------
# `db` is a path, or None for $PROXYATLAS_DB or ./proxyatlas.db. Every function opens the store,
# does one thing and closes it; `proxyatlas.store.open_store` gives a long-lived handle.

from collections.abc import Callable
from contextlib import contextmanager
from typing import Any

from .store import Store, open_store
from .store.ingest import IngestReport

PathLike = str | Path


@contextmanager
def _opened(db: PathLike | None) -> Iterator[Store]:
    store = open_store(db)
    try:
        yield store
    finally:
        store.close()


def ingest(paths: PathLike | Iterable[PathLike], *, db: PathLike | None = None, published: str | None = None,
           source: str | None = None, registry: Iterable[PathLike] = (), jobs: int = 1,
           progress: Callable[[int, int, str], None] | None = None, dask: str | None = None) -> IngestReport:
    """Read, extract and store documents (files, folders, globs); one transaction per document.
    `published`/`source` override sidecar `NAME.meta.json` metadata, which overrides the document's own.
    `dask`: extract on the Dask scheduler at this address, or "local" for a LocalCluster of `jobs`
    workers (one per core when jobs is 1); this process stays the one writer."""
    from .store.ingest import ingest_paths

    items = [paths] if isinstance(paths, (str, Path)) else list(paths)
    if dask:
        from .scale.dask_ingest import ingest_dask

        with _opened(db) as store:
            return ingest_dask(store, items, scheduler=dask, published=published, source=source, registry=registry,
                               workers=jobs if jobs > 1 else None, progress=progress)
    with _opened(db) as store:
        return ingest_paths(store, items, published=published, source=source, registry=registry, jobs=jobs,
                            progress=progress)


def entities(*, db: PathLike | None = None, type: str | None = None, category: str | None = None,
             name: str | None = None) -> list[dict[str, Any]]:
    """Stored entities, most documented first: {id, name, type, category, aliases, documents}."""
    from .store import queries

    with _opened(db) as store:
        return queries.entities(store, type=type, category=category, name=name)


def show(entity: str, *, db: PathLike | None = None) -> dict[str, Any]:
    """One entity (by id or any alias): relations out and in, statements, events, quantities, corrections."""
    from .store import queries

    with _opened(db) as store:
        return queries.show(store, entity)


def relations(*, db: PathLike | None = None, type: str | None = None, source: str | None = None,
              target: str | None = None, min_sources: int | None = None, hedge: str | None = None,
              as_of: str | None = None) -> list[dict[str, Any]]:
    """Relations with their aggregates and every evidence row, best corroborated first."""
    from .store import queries

    with _opened(db) as store:
        return queries.relations(store, type=type, source=source, target=target, min_sources=min_sources,
                                 hedge=hedge, as_of=as_of)


def path(a: str, b: str, *, db: PathLike | None = None, max_hops: int = 4) -> list[list[dict[str, Any]]]:
    """Shortest paths between two entities; each hop is a relation with its evidence."""
    from .graph import shortest_paths

    with _opened(db) as store:
        return shortest_paths(store, a, b, max_hops=max_hops)


def events(*, db: PathLike | None = None, type: str | None = None, actor: str | None = None,
           place: str | None = None, date_from: str | None = None, date_to: str | None = None,
           min_sources: int | None = None) -> list[dict[str, Any]]:
    """Events resolved across documents, in date order: {id, type, date, agents, targets, place,
    hedge, fatalities, documents, sources, evidence, details (every value the reports give, with
    its sources)}. `actor`: an agent or target; `place`: there or inside that country;
    `date_from`/`date_to`: EDTF dates the event's date overlaps."""
    from .store import queries

    with _opened(db) as store:
        return queries.events(store, type=type, actor=actor, place=place, date_from=date_from, date_to=date_to,
                              min_sources=min_sources)


def numbers(actor: str, *, db: PathLike | None = None, unit: str | None = None) -> list[dict[str, Any]]:
    """Every number claimed about an actor, grouped by what it counts (personnel, fatalities, a
    currency, ...), in date order within each group, with claimant, outlet, approximate flag and range."""
    from .store.numbers import numbers as _numbers

    with _opened(db) as store:
        return _numbers(store, actor, unit=unit)


def timeline(entity: str | None = None, *, db: PathLike | None = None) -> list[dict[str, Any]]:
    """Events (resolved across documents) and statements (of one entity, or all) in EDTF-aware date order."""
    from .store import queries

    with _opened(db) as store:
        return queries.timeline(store, entity)


AS_OF_PAGE = 100  # relations in one as-of answer: with their evidence, ~20 ms on 10,000 documents


def as_of(date: str, *, db: PathLike | None = None, limit: int | None = AS_OF_PAGE, offset: int = 0
          ) -> dict[str, Any]:
    """The graph of one day, a page at a time: {"date", "total", "offset", "relations"}, where
    `total` relations are valid on `date` (an EDTF date; see README: validity, else first reported
    on or before it) and `relations` holds `limit` of them (None: all) from `offset` on, best
    corroborated first (confirmed ones first), each with its evidence as `relations` gives it."""
    from .store import queries

    with _opened(db) as store:
        day = queries.as_of_day(date)
        if limit is None:
            found = queries.relations(store, as_of=day)
            page = {"total": len(found), "relations": found[offset:]}
        else:
            page = queries.relations_page(store, limit, offset, as_of=day)
        return {"date": day, "offset": offset, **page}


def sources(*, db: PathLike | None = None) -> list[dict[str, Any]]:
    """Outlets: {source, documents, claims, corroborated}."""
    from .store.claims import sources as _sources

    with _opened(db) as store:
        return _sources(store)


def conflicts(*, db: PathLike | None = None) -> list[dict[str, Any]]:
    """Relations claimed by one source and denied by another; offices with two holders at once."""
    from .store.claims import conflicts as _conflicts

    with _opened(db) as store:
        return _conflicts(store)


def documents(*, db: PathLike | None = None) -> list[dict[str, Any]]:
    """Stored documents (current versions) with their numbers of entities and relations."""
    from .store import queries

    with _opened(db) as store:
        return queries.documents(store)


def document(doc_id: str, *, db: PathLike | None = None) -> dict[str, Any]:
    """One document (id or unique id prefix): text, mentions and every extracted layer."""
    from .store import queries

    with _opened(db) as store:
        return queries.document(store, doc_id)


def merge(a: str, b: str, *, db: PathLike | None = None, author: str | None = None,
          reason: str | None = None) -> dict[str, Any]:
    """Record that b is the same actor as a (a's id and name are kept); replayed on every rebuild."""
    from .store import actions

    with _opened(db) as store:
        return actions.merge(store, a, b, author, reason)


def split(entity: str, alias: str, *, db: PathLike | None = None, author: str | None = None,
          reason: str | None = None) -> dict[str, Any]:
    """Record that `alias` names another actor than `entity`; replayed on every rebuild."""
    from .store import actions

    with _opened(db) as store:
        return actions.split(store, entity, alias, author, reason)


def recategorise(entity: str, *, type: str | None = None, category: str | None = None, db: PathLike | None = None,
                 author: str | None = None, reason: str | None = None) -> dict[str, Any]:
    """Record an entity's right type and/or organisation category; replayed on every rebuild."""
    from .store import actions

    with _opened(db) as store:
        return actions.recategorise(store, entity, type, category, author, reason)


def alias(entity: str, name: str, *, db: PathLike | None = None, author: str | None = None,
          reason: str | None = None) -> dict[str, Any]:
    """Record another name of an entity; documents that write it so resolve to it."""
    from .store import actions

    with _opened(db) as store:
        return actions.alias(store, entity, name, author, reason)


def reject(relation_id: str, *, db: PathLike | None = None, author: str | None = None,
           reason: str | None = None) -> dict[str, Any]:
    """Record that a relation is wrong: it disappears from queries and exports; replayed on rebuild."""
    from .store import actions

    with _opened(db) as store:
        return actions.reject(store, relation_id, author, reason)


def confirm(relation_id: str, *, db: PathLike | None = None, author: str | None = None,
            reason: str | None = None) -> dict[str, Any]:
    """Record that a person checked a relation: it sorts first and exports with confidence 100."""
    from .store import actions

    with _opened(db) as store:
        return actions.confirm(store, relation_id, author, reason)


def retype(relation_id: str, type: str, *, db: PathLike | None = None, author: str | None = None,
           reason: str | None = None) -> dict[str, Any]:
    """Record a relation's right type (its id changes with it); replayed on rebuild."""
    from .store import actions

    with _opened(db) as store:
        return actions.retype(store, relation_id, type, author, reason)


def rehedge(relation_id: str, hedge: str, *, db: PathLike | None = None, author: str | None = None,
            reason: str | None = None) -> dict[str, Any]:
    """Record how sure a relation's claim is, whatever its texts say; replayed on rebuild."""
    from .store import actions

    with _opened(db) as store:
        return actions.rehedge(store, relation_id, hedge, author, reason)


def undo(correction_id: str, *, db: PathLike | None = None, author: str | None = None,
         reason: str | None = None) -> dict[str, Any]:
    """Withdraw a correction (not an undo): the store becomes what the others make it."""
    from .store import actions

    with _opened(db) as store:
        return actions.undo(store, correction_id, author, reason)


def corrections(*, db: PathLike | None = None) -> list[dict[str, Any]]:
    """Every correction, newest first, each undone one naming its undo in `undone_by`."""
    from .store import curation

    with _opened(db) as store:
        return curation.listing(store.conn)


def review_queue(*, db: PathLike | None = None, limit: int = 50, offset: int = 0) -> dict[str, Any]:
    """Relations waiting for a decision, those whose decision changes the picture most first:
    {"total", "items": [relation + score, reasons, evidence]}."""
    from .store.review import queue

    with _opened(db) as store:
        return queue(store, limit=limit, offset=offset)


def merge_events(a: str, b: str, *, db: PathLike | None = None, author: str | None = None,
                 reason: str | None = None) -> dict[str, Any]:
    """Record that events a and b (ids or unique prefixes) are one happening; replayed on every rebuild."""
    from .store import actions

    with _opened(db) as store:
        return actions.merge_events(store, a, b, author, reason)


def split_event(event: str, document: str, *, db: PathLike | None = None, author: str | None = None,
                reason: str | None = None) -> dict[str, Any]:
    """Record that what `document` reports is another happening than `event`; replayed on every rebuild."""
    from .store import actions

    with _opened(db) as store:
        return actions.split_event(store, event, document, author, reason)


def reject_event(event: str, *, reason: str, db: PathLike | None = None, author: str | None = None
                 ) -> dict[str, Any]:
    """Record that an event (id or unique prefix) is no happening, and why: it disappears from
    queries, timelines and exports; replayed on every rebuild."""
    from .store import actions

    with _opened(db) as store:
        return actions.reject_event(store, event, author, reason)


def rebuild(*, db: PathLike | None = None, registry: Iterable[PathLike] = (),
            progress: Callable[[int, int, str], None] | None = None) -> dict[str, int]:
    """Re-extract every stored text with this version's pipeline and replay all corrections."""
    from .store.ingest import rebuild as _rebuild

    with _opened(db) as store:
        count = _rebuild(store, registry, progress)
        entity_count, relation_count = store._counts()
    return {"documents": count, "entities": entity_count, "relations": relation_count}


def graph_stats(*, db: PathLike | None = None) -> dict[str, Any]:
    """Graph analytics: sizes, most central actors, backer trees, communities."""
    from .graph import graph_stats as _graph_stats

    with _opened(db) as store:
        return _graph_stats(store)


def profile(entity: str, *, db: PathLike | None = None, as_of: str | None = None, min_sources: int | None = None,
            format: str | None = None, language: str = "en") -> Any:
    """The dossier of one actor (id or any alias): with `format` None, the data (sections of
    sentences, each with numbered notes citing stored documents); "md" or "html" give text,
    "pdf" bytes. `as_of` keeps what was valid (relations) or known (the rest) on that date;
    `min_sources` keeps relations with at least that many independent sources.

    Example::

        open("hezbollah.pdf", "wb").write(proxyatlas.api.profile("Hezbollah", format="pdf"))
    """
    from .profile import build_profile, render

    with _opened(db) as store:
        data = build_profile(store, entity, as_of=as_of, min_sources=min_sources, language=language)
    return data if format is None else render(data, format)


# -- exports and imports ---------------------------------------------------------------------
def export(fmt: str, *, db: PathLike | None = None, out: Any = None, type: str | Iterable[str] | None = None,
           min_sources: int | None = None, as_of: str | None = None, with_events: bool = False) -> dict[str, Any]:
    """Write the stored graph as stix, ftm, graphml, gexf (one file: a path, '-'/None for stdout,
    or a binary stream) or csv, neo4j (a folder), keeping only relations of `type` (one or
    several), with at least `min_sources` independent sources, valid on `as_of`, and the events,
    statements and quantities of their entities; `with_events` draws events as nodes in graphml
    and gexf. Returns {format, files, entities, relations, documents, events, statements, quantities}.

    Example::

        proxyatlas.export("stix", out="network.stix.json", min_sources=2)
    """
    from .export import export_store

    types = [type] if isinstance(type, str) else list(type or [])
    with _opened(db) as store:
        return export_store(store, fmt, out, types=types, min_sources=min_sources, as_of=as_of,
                            with_events=with_events)


def import_stix(path: PathLike, *, db: PathLike | None = None) -> dict[str, Any]:
    """Read a STIX 2.1 bundle (exported here, or another tool's) into the store:
    {documents, unchanged, entities, relations, skipped}."""
    from .export.stix_import import import_bundle

    with _opened(db) as store:
        return import_bundle(store, path)
