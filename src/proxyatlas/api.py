"""The Python API: the one entry point the CLI, the web UI and the tests all drive.

Example::

    import proxyatlas
    result = proxyatlas.extract("Hezbollah, the Lebanese group backed by Iran, ...", published="2024-01-30")
    result.to_json()["relations"]
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from .model import Document, Extraction
from .nlp.dates import parse_published
from .nlp.extractor import extract_document
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
