"""Small articles written for the store tests, and a way to compare whole stores."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

ARTICLE_A = """Iran's long arm in Iraq and Yemen

Qassem Soleimani, the commander of the Quds Force, met commanders of al-Hashd al-Shabi in Baghdad last month. \
Iran backs the Houthis in Yemen, officials said. Ahmad Farrokhzadeh, a senior adviser to the militia, met Iraqi \
officials, the agency said.
"""

ARTICLE_B = """Tehran's proxies

Qasem Soleimani built the Popular Mobilization Units into a force of tens of thousands. Iran supports the \
Houthis, the report said. Ahmad Farokhzade, a senior adviser to the militia, met Iraqi officials on Monday.
"""


def write(folder: Path, name: str, text: str, **meta: str) -> Path:
    """An article file, with a NAME.meta.json sidecar when metadata is given."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    if meta:
        path.with_suffix(".meta.json").write_text(json.dumps(meta), encoding="utf-8")
    return path


def dump(db: Path | str) -> dict[str, list[str]]:
    """Every row of every table, order-independent: two equal dumps are two equal stores
    (on PostgreSQL, every table but the change counter, which counts transactions)."""
    if str(db).startswith("postgresql://"):
        import psycopg

        with psycopg.connect(str(db)) as pg:
            tables = [r[0] for r in pg.execute("SELECT table_name FROM information_schema.tables WHERE "
                                               "table_schema = current_schema() AND table_name <> 'store_changes' "
                                               "ORDER BY table_name")]
            return {t: sorted(repr(row) for row in pg.execute(f"SELECT * FROM {t}")) for t in tables}
    conn = sqlite3.connect(db)
    try:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        return {t: sorted(repr(row) for row in conn.execute(f"SELECT * FROM {t}")) for t in tables}
    finally:
        conn.close()


VOLATILE = {"ingested", "applied"}  # when a document was stored, when a migration ran


def content(db: Path | str) -> dict[str, list[tuple]]:
    """Every row of every store table (the change counter aside) without the timestamps, sorted:
    equal on two stores built from the same corpus, whichever backend or extraction route."""
    if str(db).startswith("postgresql://"):
        import psycopg

        conn = psycopg.connect(str(db))
        tables = [r[0] for r in conn.execute("SELECT table_name FROM information_schema.tables WHERE "
                                             "table_schema = current_schema() AND table_name <> 'store_changes'")]
    else:
        conn = sqlite3.connect(db)
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    try:
        out = {}
        for table in sorted(tables):
            cursor = conn.execute(f"SELECT * FROM {table}")
            names = [d[0] for d in cursor.description]
            keep = [i for i, name in enumerate(names) if name not in VOLATILE]
            out[table] = sorted((tuple(row[i] for i in keep) for row in cursor.fetchall()), key=repr)
        return out
    finally:
        conn.close()
