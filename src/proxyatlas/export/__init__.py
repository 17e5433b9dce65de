"""Exports of the stored graph, one module per format behind one interface.

Every format module has ``write(graph: GraphSlice, out) -> list[str]``: ``out`` is a binary
stream for single-file formats and a folder (a ``Path``) for multi-file ones; it returns the
names it wrote. ``FORMATS`` registers them by name; modules load on first use, so an optional
library (followthemoney) is needed only by the format that uses it. Every format carries every
layer (entities, relations, events, statements, quantities); the graph formats (GraphML, GEXF)
draw events as nodes only when asked (`with_events`), since most graph tools expect actors only.

    from proxyatlas.store import open_store
    from proxyatlas.export import export_store
    with open_store("proxyatlas.db") as store:
        export_store(store, "graphml", "graph.graphml", min_sources=2)
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from ..errors import ProxyatlasError
from ..store import Store
from .base import GraphSlice, load_slice

__all__ = ["FORMATS", "Format", "GraphSlice", "export_store", "load_slice"]


@dataclass(frozen=True)
class Format:
    name: str
    module: str
    directory: bool  # writes a folder of files rather than one file
    description: str
    extra: str | None = None  # the pip extra its library comes from, when optional
    event_nodes_optional: bool = False  # takes `with_events` (events as graph nodes); others always carry events

    def writer(self) -> Callable[[GraphSlice, Any], list[str]]:
        try:
            module = importlib.import_module(f"{__name__}.{self.module}")
        except ImportError as exc:
            hint = f"pip install 'proxyatlas[{self.extra}]'" if self.extra else "reinstall proxyatlas"
            raise ProxyatlasError(f"the {self.name} export needs {exc.name or 'a library'}: {hint}") from exc
        return module.write  # type: ignore[no-any-return]


FORMATS: dict[str, Format] = {f.name: f for f in (
    Format("stix", "stix", False, "STIX 2.1 bundle (OpenCTI, MISP)"),
    Format("ftm", "ftm", False, "FollowTheMoney entities, JSON lines (Aleph, OpenSanctions)", extra="ftm"),
    Format("graphml", "graphml", False, "GraphML (Gephi, yEd, networkx)", event_nodes_optional=True),
    Format("gexf", "gexf", False, "GEXF (Gephi)", event_nodes_optional=True),
    Format("csv", "csv", True, "nodes, edges, evidence, documents, events, statements and quantities tables"),
    Format("neo4j", "neo4j", True, "neo4j-admin import CSVs plus a LOAD CSV Cypher script"),
)}


def export_store(store: Store, fmt: str, out: str | Path | BinaryIO | None = None, *,
                 types: Iterable[str] | None = None, min_sources: int | None = None,
                 as_of: str | None = None, with_events: bool = False) -> dict[str, Any]:
    """Write the (filtered) stored graph in format `fmt` to `out`: a file path, '-' or None for
    stdout, a binary stream, or a folder for the multi-file formats (csv, neo4j). `with_events`
    adds event nodes to the graph formats (graphml, gexf)."""
    if fmt not in FORMATS:
        raise ProxyatlasError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    spec = FORMATS[fmt]
    if with_events and not spec.event_nodes_optional:
        optional = ", ".join(f.name for f in FORMATS.values() if f.event_nodes_optional)
        raise ProxyatlasError(f"--with-events applies to {optional} only; the {fmt} export always carries events")
    write = spec.writer()
    graph = load_slice(store, types=types, min_sources=min_sources, as_of=as_of, event_nodes=with_events)
    if spec.directory:
        if out is None or out == "-" or not isinstance(out, (str, Path)):
            raise ProxyatlasError(f"the {fmt} export writes several files: give a folder with --out DIR")
        folder = Path(out)
        if folder.exists() and not folder.is_dir():
            raise ProxyatlasError(f"{folder}: not a folder; the {fmt} export writes several files into one")
        folder.mkdir(parents=True, exist_ok=True)
        files = [str(folder / name) for name in write(graph, folder)]
    elif out is None or out == "-":
        write(graph, sys.stdout.buffer)
        sys.stdout.buffer.flush()
        files = ["-"]
    elif isinstance(out, (str, Path)):
        with open(out, "wb") as stream:
            write(graph, stream)
        files = [str(out)]
    else:
        write(graph, out)
        files = ["<stream>"]
    return {"format": fmt, "files": files, "entities": len(graph.entities), "relations": len(graph.relations),
            "documents": len(graph.documents), "events": len(graph.events), "statements": len(graph.statements),
            "quantities": len(graph.quantities)}
