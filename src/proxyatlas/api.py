"""The Python API: the one entry point the CLI, the web UI and the tests all drive.

Example::

    import proxyatlas
    result = proxyatlas.extract("Hezbollah, the Lebanese group backed by Iran, ...", published="2024-01-30")
    result.to_json()["relations"]
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from .model import Document, Extraction
from .nlp.dates import parse_published
from .nlp.extractor import extract_document, extract_documents
from .readers import read_document
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


def extract(text: str, *, published: str | None = None, source: str | None = None, title: str | None = None,
            author: str | None = None, registry: Iterable[str | Path] = ()) -> Extraction:
    """Extract entities, relations, events, statements and quantities from a text."""
    document = _override(Document(text=text), published, source, title, author)
    return extract_document(document, load_registry(registry))


def extract_file(path: str | Path, *, published: str | None = None, source: str | None = None,
                 title: str | None = None, author: str | None = None,
                 registry: Iterable[str | Path] = ()) -> Extraction:
    """Read a .txt/.md/.html/.pdf file (metadata from the file, overridden by the arguments) and extract."""
    document = _override(read_document(path), published, source, title, author)
    return extract_document(document, load_registry(registry))


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
    return extract_documents(documents, load_registry(registry), jobs=jobs, batch_size=batch_size)
