"""Ingest with the extraction on a Dask cluster: `proxyatlas ingest PATH... --dask ADDRESS`.

This process reads the documents (workers need not see its files), skips the texts already
stored, and cuts the rest into partitions; each partition is one Dask task,
`extract_partition`, which runs on a worker with the spaCy pipeline and the registry loaded
once per worker process (`PipelineLoader`, a worker plugin; a restarted worker loads them
again). Results stream back (`as_completed`) to the one writer, this process, which stores
them in input order with the same one-transaction-per-document `add_extraction` as local
ingest: the store is exactly the one local ingest gives. A task that raises is retried
(`retries`); a worker that dies is replaced and its tasks rescheduled by Dask; a partition that
still fails is reported in the summary, one line per document, and none of it is written.

The worker functions live in this importable module on purpose: a function defined in
`__main__` is pickled by value and would reload the pipeline on every task.
"""

from __future__ import annotations

import hashlib
import logging
import os
import pickle
import uuid
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from ..errors import ProxyatlasError
from ..model import Document, Extraction
from ..registry import Registry, load_registry
from ..store.ingest import IngestReport, Progress, _write, batched, expand, ticker, to_extract
from ..store.store import Store

PARTITION_SIZE = 16
RETRIES = 2
_KEEP_REGISTRIES = 4

# -- on the workers --------------------------------------------------------------------------
_REGISTRIES: OrderedDict[str, Registry] = OrderedDict()


try:
    from distributed.diagnostics.plugin import WorkerPlugin as _PluginBase
except ImportError:  # pragma: no cover - without the `dask` extra only the error path below runs
    _PluginBase = object  # type: ignore[assignment,misc]


class PipelineLoader(_PluginBase):  # type: ignore[misc,valid-type]
    """Runs once in every worker process (and again in a replacement): keeps the registry under
    its token and loads the spaCy pipeline, so that no task pays for either."""

    def __init__(self, registry: Registry, token: str) -> None:
        self.registry = registry
        self.token = token

    def setup(self, worker: Any = None) -> None:
        from ..nlp.pipeline import load_nlp

        _REGISTRIES[self.token] = self.registry
        _REGISTRIES.move_to_end(self.token)
        while len(_REGISTRIES) > _KEEP_REGISTRIES:
            _REGISTRIES.popitem(last=False)
        load_nlp()


def extract_partition(documents: list[Document], token: str) -> list[Extraction | str]:
    """One Dask task: extract a partition of documents (spaCy's `pipe` over the partition, then
    the rule stages); a document that fails becomes its error message, as in local ingest."""
    from ..nlp.extractor import extract_document, extract_parsed
    from ..nlp.pipeline import load_nlp

    registry = _REGISTRIES.get(token)
    if registry is None:
        raise RuntimeError(f"worker {os.getpid()} has no registry {token[:12]}: the PipelineLoader plugin did not run")
    try:
        parsed: list[Any] = list(load_nlp().pipe([d.text for d in documents], batch_size=max(1, len(documents))))
    except Exception:  # noqa: BLE001 - fall back to one document at a time, which isolates the bad one
        parsed = [None] * len(documents)
    out: list[Extraction | str] = []
    for document, doc in zip(documents, parsed, strict=True):
        try:
            out.append(extract_document(document, registry) if doc is None else extract_parsed(document, doc, registry))
        except Exception as exc:  # noqa: BLE001 - one bad document must not stop the batch
            out.append(f"extraction failed: {type(exc).__name__}: {exc}")
    return out


# -- in the writer ---------------------------------------------------------------------------
Task = Callable[[list[Document], str], list[Any]]


@contextmanager
def dask_client(scheduler: str, workers: int | None = None) -> Iterator[Any]:
    """A Client of the scheduler at `scheduler` (tcp://host:8786), or of a LocalCluster on this
    machine for "local" (`workers` processes of one thread each, default one per core)."""
    try:
        from distributed import Client, LocalCluster
    except ImportError as exc:
        raise ProxyatlasError("--dask needs Dask: pip install 'proxyatlas[dask]'") from exc
    if scheduler == "local":
        n = workers or os.cpu_count() or 2
        # No dashboard; its HTTP server (health checks) on any free port, not a fixed 8787.
        with LocalCluster(n_workers=n, threads_per_worker=1, processes=True, dashboard_address=None,
                          scheduler_kwargs={"dashboard_address": ":0"}, silence_logs=logging.ERROR) as cluster, \
                Client(cluster) as client:
            yield client
        return
    try:
        client = Client(scheduler, timeout="30s")
    except OSError as exc:
        raise ProxyatlasError(f"cannot reach the Dask scheduler at {scheduler} ({exc})") from None
    with client:
        yield client


def registry_token(registry: Registry) -> str:
    return hashlib.sha256(pickle.dumps(registry)).hexdigest()


def ingest_dask(store: Store, paths: Iterable[str | Path], *, scheduler: str | None = None, client: Any = None,
                published: str | None = None, source: str | None = None, registry: Iterable[str | Path] = (),
                workers: int | None = None, partition_size: int = PARTITION_SIZE, retries: int = RETRIES,
                progress: Progress | None = None, task: Task | None = None) -> IngestReport:
    """Ingest `paths` with the extraction on Dask: a running `client`, else one for `scheduler`
    ("local" or an address). `task` replaces `extract_partition` (tests use it to fail on purpose)."""
    if client is None:
        if scheduler is None:
            raise ValueError("give a Dask scheduler address, 'local', or a client")
        with dask_client(scheduler, workers) as own:
            return ingest_dask(store, paths, client=own, published=published, source=source, registry=registry,
                               partition_size=partition_size, retries=retries, progress=progress, task=task)
    from distributed import as_completed

    from ..nlp.dates import parse_published

    published = parse_published(published) if published else None
    reg = load_registry(tuple(str(p) for p in registry))
    token = registry_token(reg)
    client.register_plugin(PipelineLoader(reg, token), name=f"proxyatlas-pipeline-{token[:16]}")
    report = IngestReport()
    files = expand(paths, report.failed)
    tick = ticker(len(files), progress)

    def partitions() -> Iterator[list[Document]]:
        """Read in this process, in input order; what is stored or unreadable never leaves it."""
        return batched(to_extract(store, files, published, source, report, tick), partition_size)

    run = uuid.uuid4().hex[:12]
    nworkers = max(1, len(client.scheduler_info().get("workers", {})))
    window = 2 * nworkers + 1  # partitions submitted or waiting to be written: memory stays flat
    source_parts = enumerate(partitions())
    submitted: dict[str, tuple[int, list[Document]]] = {}
    finished: dict[int, tuple[list[Document], list[Any] | BaseException]] = {}
    queue = as_completed()
    next_to_write = 0

    def submit_more() -> None:
        while len(submitted) + len(finished) < window:
            item = next(source_parts, None)
            if item is None:
                return
            index, docs = item
            future = client.submit(task or extract_partition, docs, token, key=f"proxyatlas-extract-{run}-{index}",
                                   retries=retries, pure=False)
            submitted[future.key] = (index, docs)
            queue.add(future)

    submit_more()
    for future in queue:
        index, docs = submitted.pop(future.key)
        if future.status == "finished":
            finished[index] = (docs, future.result())
        else:
            finished[index] = (docs, future.exception())
        future.release()
        while next_to_write in finished:  # write in input order, as local ingest does
            docs, results = finished.pop(next_to_write)
            next_to_write += 1
            if isinstance(results, BaseException):
                first = str(results).strip().splitlines()[0] if str(results).strip() else ""
                reason = f"Dask task failed (after up to {retries} retries): {type(results).__name__}" + \
                    (f": {first}" if first else "")
                for document in docs:
                    report.failed.append((document.path or "", reason))
                    tick(document.path or "")
                continue
            for document, result in zip(docs, results, strict=True):
                _write(store, document, result, reg, report)
                tick(document.path or "")
        submit_more()
    return report
