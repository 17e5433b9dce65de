"""Ingest: files, folders and globs become stored documents, one transaction per document.

Each document is read (metadata precedence: arguments > a sidecar `NAME.meta.json` > what
the document says about itself), skipped if its text is already stored, extracted (in
`jobs` worker processes when asked; each loads the spaCy pipeline once), and written by the
one writer, this process. A file that fails is reported and the batch goes on; so are a folder
with no documents and a glob that matches none. A text that is not English is stored with its
entities only, and a warning. A failure of the store itself (disk full, read-only file) stops
the batch with one clear error: the document being written is rolled back, the ones before it
stay, and running the same ingest again stores the rest.
"""

from __future__ import annotations

import glob
import json
import multiprocessing
import os
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputError, ProxyatlasError
from ..limits import MAX_FILE_BYTES, check_size, load_json
from ..model import Document, Extraction
from ..nlp.dates import parse_published
from ..nlp.extractor import extract_document
from ..readers import SUPPORTED, read_document
from ..readers.language import english_only
from ..registry import load_registry
from .store import Store

Progress = Callable[[int, int, str], None]
_GLOB = set("*?[")
_BATCH_PER_JOB = 8
_META_KEYS = ("title", "source", "author", "published")


@dataclass
class IngestReport:
    added: int = 0
    unchanged: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)
    new_entities: int = 0
    new_relations: int = 0
    documents: list[str] = field(default_factory=list)
    warnings: list[tuple[str, str]] = field(default_factory=list)


def expand(paths: Iterable[str | Path], problems: list[tuple[str, str]] | None = None) -> list[str]:
    """Files as given; folders recursively (supported extensions only; links to folders are not
    followed); globs expanded. A file reached twice (through a link or two arguments) is listed
    once. A folder without documents and a glob that matches none go to `problems`."""
    out: list[str] = []
    for raw in paths:
        text = str(raw)
        path = Path(text)
        found: list[str] | None = None
        if path.is_dir():
            # A dangling or looping link is kept, so that reading it reports the problem.
            found = sorted(str(p) for p in path.rglob("*")
                           if (p.is_file() or (p.is_symlink() and not p.exists())) and _wanted(p))
            problem = f"no documents in this folder ({' '.join(SUPPORTED)})"
        elif not path.exists() and not path.is_symlink() and _GLOB & set(text):
            found = []
            for hit in sorted(glob.glob(text, recursive=True)):
                found += expand([hit]) if Path(hit).is_dir() else [hit] if _wanted(Path(hit)) else []
            problem = f"no documents match this pattern ({' '.join(SUPPORTED)})"
        else:
            out.append(text)
        if found is not None:
            out += found
            if not found and problems is not None:
                problems.append((text, problem))
    seen: set[str] = set()
    unique = []
    for name in out:
        real = os.path.realpath(name)
        if real not in seen:
            seen.add(real)
            unique.append(name)
    return unique


def _wanted(path: Path) -> bool:
    return path.suffix.lower() in SUPPORTED and not path.name.startswith(".")


def sidecar(path: str) -> dict[str, str]:
    """Metadata from `NAME.meta.json` (or `NAME.EXT.meta.json`) beside the document, if there is one."""
    p = Path(path)
    for candidate in (p.with_suffix(".meta.json"), p.with_name(p.name + ".meta.json")):
        if candidate.is_file():
            try:
                check_size(candidate, candidate.stat().st_size, MAX_FILE_BYTES, "metadata sidecar")
                text = candidate.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError) as exc:
                raise InputError(candidate, f"unreadable metadata sidecar ({exc})") from None
            raw = load_json(candidate, text, "metadata sidecar")
            if not isinstance(raw, dict):
                raise InputError(candidate, "a metadata sidecar is a JSON object with title/source/author/published")
            meta = {k: str(raw[k]).strip() for k in _META_KEYS if raw.get(k)}
            if "published" in meta:
                try:
                    meta["published"] = parse_published(meta["published"])
                except ValueError as exc:
                    raise InputError(candidate, f"bad 'published': {exc}") from None
            return meta
    return {}


def read(path: str, published: str | None = None, source: str | None = None) -> Document:
    document = read_document(path)
    meta = sidecar(path)
    if published:
        meta["published"] = published
    if source:
        meta["source"] = source
    for key, value in meta.items():
        setattr(document, key, value)
    document.path = str(Path(path).resolve())
    return document


# -- extraction, in this process or in workers ------------------------------------------------
_worker_registry: tuple[str, ...] = ()


def _init_worker(registry: tuple[str, ...]) -> None:
    global _worker_registry
    _worker_registry = registry
    from ..nlp.pipeline import load_nlp

    load_nlp()


def _extract(document: Document) -> Extraction | str:
    try:
        return extract_document(document, load_registry(_worker_registry))
    except Exception as exc:  # noqa: BLE001 - one bad document must not stop the batch
        return f"extraction failed: {type(exc).__name__}: {exc}"


@contextmanager
def _extractor(jobs: int, registry: tuple[str, ...]) -> Iterator[Callable[[list[Document]], Iterator[Extraction | str]]]:
    if jobs <= 1:
        _init_worker(registry)
        yield lambda docs: map(_extract, docs)
        return
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    with context.Pool(jobs, initializer=_init_worker, initargs=(registry,)) as pool:
        yield lambda docs: pool.imap(_extract, docs)


def ingest_paths(store: Store, paths: Iterable[str | Path], *, published: str | None = None,
                 source: str | None = None, registry: Iterable[str | Path] = (), jobs: int = 1,
                 progress: Progress | None = None) -> IngestReport:
    published = parse_published(published) if published else None
    registry_paths = tuple(str(p) for p in registry)
    reg = load_registry(registry_paths)
    report = IngestReport()
    files = expand(paths, report.failed)
    tick = ticker(len(files), progress)
    batch = max(1, jobs) * _BATCH_PER_JOB
    with _extractor(jobs, registry_paths) as extract_many:
        # batches keep memory flat: never all texts at once
        for pending in batched(to_extract(store, files, published, source, report, tick), batch):
            for document, result in zip(pending, extract_many(pending), strict=True):
                _write(store, document, result, reg, report)
                tick(document.path or "")
    return report


def ticker(total: int, progress: Progress | None) -> Callable[[str], None]:
    """A callback that counts finished files and reports (done, total, path) to `progress`."""
    done = 0

    def tick(path: str) -> None:
        nonlocal done
        done += 1
        if progress:
            progress(done, total, path)

    return tick


def to_extract(store: Store, files: list[str], published: str | None, source: str | None,
               report: IngestReport, tick: Callable[[str], None]) -> Iterator[Document]:
    """The documents that need extraction, read in input order; unreadable and already stored
    files are reported here (shared by local and Dask ingest)."""
    for path in files:
        try:
            document = read(path, published, source)
        except ProxyatlasError as exc:
            # the problem alone, or the whole message when it names another file (a sidecar)
            same = getattr(exc, "path", path) == path
            report.failed.append((path, getattr(exc, "problem", str(exc)) if same else str(exc)))
            tick(path)
            continue
        if store.has_document(document.id):
            report.unchanged += 1
            report.documents.append(document.id)
            tick(path)
            continue
        yield document


def batched(items: Iterable[Document], size: int) -> Iterator[list[Document]]:
    """Consecutive lists of at most `size` items (itertools.batched arrives with Python 3.12)."""
    chunk: list[Document] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


# SQLite's messages for a store that cannot be written at all: no point trying the next document.
_STORE_FAILURES = ("disk is full", "readonly database", "disk i/o error", "unable to open database",
                   "read-only", "no space left")


def _write(store: Store, document: Document, result: Extraction | str, reg: object, report: IngestReport) -> None:
    path = document.path or ""
    if isinstance(result, str):
        report.failed.append((path, result))
        return
    result, warning = english_only(result)
    if warning:
        report.warnings.append((path, warning))
    try:
        added, entities, relations = store.add_extraction(result, reg)  # type: ignore[arg-type]
    except (sqlite3.OperationalError, OSError) as exc:
        if not any(s in str(exc).lower() for s in _STORE_FAILURES):
            report.failed.append((path, f"could not store: {type(exc).__name__}: {exc}"))
            return
        raise StoreWriteError(store.path, exc, report) from exc
    except Exception as exc:  # noqa: BLE001 - report it and go on with the next document
        report.failed.append((path, f"could not store: {type(exc).__name__}: {exc}"))
        return
    report.documents.append(document.id)
    if added:
        report.added += 1
        report.new_entities += entities
        report.new_relations += relations
    else:
        report.unchanged += 1


class StoreWriteError(ProxyatlasError):
    """The store cannot be written (disk full, read-only): the batch stops, nothing half-written stays."""

    def __init__(self, db: str, exc: BaseException, report: IngestReport) -> None:
        self.report = report
        super().__init__(
            f"{db}: cannot write to the store ({exc}); the document being written was rolled back, "
            f"{report.added} added before it are kept, the rest were not ingested: free disk space or make "
            "the store writable, then run the same ingest again (stored documents are skipped)")


def rebuild(store: Store, registry: Iterable[str | Path] = (), progress: Progress | None = None) -> int:
    """Re-extract every stored text with the current pipeline (one transaction per document),
    then re-derive everything and replay the corrections (one transaction). Returns the number
    of documents."""
    from .db import transaction
    from .ledger import derive
    from .store import EXTRACTOR

    reg = load_registry(tuple(str(p) for p in registry))
    ids = [r[0] for r in store.conn.execute("SELECT id FROM documents ORDER BY seq").fetchall()]
    for n, did in enumerate(ids, 1):
        text, title, source, author, published, path = store.conn.execute(
            "SELECT text, title, source, author, published, path FROM documents WHERE id = ?", (did,)).fetchone()
        extraction, _ = english_only(extract_document(Document(text, title, source, author, published, path), reg))
        data = extraction.to_json()
        with transaction(store.conn):  # derived tables stay as they were until `derive` below
            store.conn.execute("UPDATE extractions SET data = ?, extractor = ? WHERE document = ?",
                               (json.dumps(data, ensure_ascii=False), EXTRACTOR, did))
            store.conn.execute("UPDATE documents SET extractor = ? WHERE id = ?", (EXTRACTOR, did))
        if progress:
            progress(n, len(ids), path or did)
    with transaction(store.conn):
        derive(store.conn, reg)
    store.forget_cache()
    return len(ids)
