"""The knowledge store: many documents, one graph, every claim with its provenance.

    store = open_store("proxyatlas.db")
    for relation in store.iter_relations(min_sources=2):
        print(relation["type"], relation["source_name"], relation["target_name"], relation["sources"])
"""

from .db import db_path
from .schema import SCHEMA_VERSION
from .store import EXTRACTOR, Store, open_store

__all__ = ["EXTRACTOR", "SCHEMA_VERSION", "Store", "db_path", "open_store"]
