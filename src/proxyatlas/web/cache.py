"""Results of whole-store computations (graph analytics, the document list), kept until the
store changes: the stamp is the size and modification time of the database and its WAL file,
which every committed write changes, whichever process made it (on PostgreSQL, the store's
change counter: `proxyatlas.store.db.change_stamp`).
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from typing import Any

from ..store import db_path
from ..store.db import change_stamp

_LOCK = threading.Lock()
_CACHE: dict[tuple[str, str], tuple[tuple[int, ...], Any]] = {}


def stamp(db: str | None) -> tuple[int, ...]:
    return change_stamp(db)


def cached(db: str | None, name: str, compute: Callable[[], Any]) -> Any:
    key = (os.path.abspath(db_path(db)), name)
    now = stamp(db)
    with _LOCK:
        hit = _CACHE.get(key)
    if hit and hit[0] == now:
        return hit[1]
    value = compute()
    with _LOCK:
        _CACHE[key] = (now, value)
    return value
