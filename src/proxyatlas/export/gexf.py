"""GEXF 1.2 through networkx (Gephi's own format); attributes as in `nxgraph`, except that an
edge's relation type is `relation_type` (and its `label`): GEXF reserves an edge's `type` for
directed/undirected."""

from __future__ import annotations

from typing import BinaryIO

import networkx as nx

from .base import GraphSlice
from .nxgraph import build


def write(graph: GraphSlice, out: BinaryIO) -> list[str]:
    g = build(graph)
    for _, _, data in g.edges(data=True):
        data["relation_type"] = data.pop("type")
    nx.write_gexf(g, out, encoding="utf-8", prettyprint=True, version="1.2draft")
    return ["graph.gexf"]
