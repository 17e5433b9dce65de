"""proxyatlas: provenance-backed knowledge graphs of state-sponsored armed-group networks.

The public API lives in `proxyatlas.api` and is re-exported here (loaded on first use, so
that `import proxyatlas` and the query commands do not load spaCy). `proxyatlas.profile` is the
dossier package; its API function is `proxyatlas.api.profile`.
"""

from __future__ import annotations

from typing import Any

__version__ = "0.1.0"

__all__ = ["__version__", "as_of", "conflicts", "document", "documents", "entities", "extract", "extract_file", "extract_many",
           "graph_stats", "ingest", "merge", "path", "rebuild", "reject", "relations", "show", "sources", "split",
           "timeline"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from . import api

        return getattr(api, name)
    raise AttributeError(f"module 'proxyatlas' has no attribute {name!r}")
