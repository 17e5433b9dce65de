"""CSV tables in a folder: nodes.csv, edges.csv, evidence.csv, documents.csv.

Ids are the store's own (entity slugs, relation and evidence hashes, document sha256), so two
exports of one store join and diff row by row. Lists are joined with '; '; empty cells are None.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from .base import GraphSlice, confidence, evidence_id, likelihood

NODES = ("id", "name", "type", "category", "aliases", "documents", "country", "wikidata", "latitude", "longitude")
EDGES = ("id", "source", "target", "type", "hedge", "documents", "sources", "confidence", "likelihood",
         "confirmed", "confirmed_by", "valid_from", "valid_to", "first_seen", "last_seen", "source_name",
         "target_name")
EVIDENCE = ("id", "relation", "document", "source", "published", "hedge", "attributed_to", "start", "end", "text")
DOCUMENTS = ("id", "title", "source", "author", "published", "path")


def _write(path: Path, columns: tuple[str, ...], rows: Iterable[dict[str, Any]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, columns)
        writer.writeheader()
        for row in rows:
            writer.writerow({k: "; ".join(row[k]) if isinstance(row.get(k), list) else row.get(k) for k in columns})


def write(graph: GraphSlice, folder: Path) -> list[str]:
    _write(folder / "nodes.csv", NODES, (
        {**e, "latitude": graph.coords.get(e["id"], (None, None))[0],
         "longitude": graph.coords.get(e["id"], (None, None))[1]} for e in graph.entities))
    _write(folder / "edges.csv", EDGES, (
        {**r, "confidence": confidence(r["hedge"], r["sources"], r["confirmed"]),
         "likelihood": likelihood(r["hedge"], r["sources"])}
        for r in graph.relations))
    _write(folder / "evidence.csv", EVIDENCE, (
        {**ev, "id": evidence_id(r["id"], ev), "relation": r["id"]} for r in graph.relations for ev in r["evidence"]))
    _write(folder / "documents.csv", DOCUMENTS, graph.documents)
    return ["nodes.csv", "edges.csv", "evidence.csv", "documents.csv"]
