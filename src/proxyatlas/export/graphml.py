"""GraphML through networkx (opens in Gephi, yEd, Cytoscape); attributes as in `nxgraph`."""

from __future__ import annotations

from typing import BinaryIO

import networkx as nx

from .base import GraphSlice
from .nxgraph import build


def write(graph: GraphSlice, out: BinaryIO) -> list[str]:
    nx.write_graphml(build(graph), out, encoding="utf-8", prettyprint=True, named_key_ids=True)
    return ["graph.graphml"]
