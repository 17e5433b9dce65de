"""Partition functions that fail on purpose, for the Dask tests. They live in an importable
module (the workers import it by name; tests/ is on their sys.path)."""

from __future__ import annotations

import os

from proxyatlas.scale.dask_ingest import extract_partition


def crash_once(documents, token, marker):
    """The first call anywhere kills its worker process outright (as an OOM kill would); the
    rest extract as usual."""
    try:
        os.close(os.open(marker, os.O_CREAT | os.O_EXCL | os.O_WRONLY))
    except FileExistsError:
        return extract_partition(documents, token)
    os._exit(1)


def fail_when(documents, token, text):
    """Raise on every attempt at a partition holding a document that contains `text`."""
    if any(text in d.text for d in documents):
        raise RuntimeError(f"poisoned partition ({len(documents)} documents)")
    return extract_partition(documents, token)
