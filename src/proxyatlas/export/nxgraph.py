"""The slice as a networkx MultiDiGraph with scalar attributes, for the GraphML and GEXF writers.

Nodes are entities (name, type, category, aliases, documents, country, wikidata, latitude,
longitude); edges are relations keyed by relation id (type, hedge, documents, sources,
confidence, likelihood, valid_from/to, first/last seen, evidence count). Lists are joined with
'; ' and missing values dropped: GraphML has no null and no list type.

With `event_nodes` (`--with-events`), each event is a node too (type `event`, its own type as
`event_type`, date, hedge, documents, sources) with an edge from each agent (`agent_of`),
target (`target_of`) and its place (`place_of`); those edges are keyed `EVENT/ROLE/ENTITY`.
"""

from __future__ import annotations

import networkx as nx

from .base import GraphSlice, confidence, event_roles, event_summary, flat, likelihood


def build(graph: GraphSlice) -> nx.MultiDiGraph:
    out = nx.MultiDiGraph(name="proxyatlas", **flat({k: v for k, v in graph.filters.items()}))
    for ent in graph.entities:
        lat, lon = graph.coords.get(ent["id"], (None, None))
        out.add_node(ent["id"], **flat({
            "label": ent["name"], "name": ent["name"], "type": ent["type"], "category": ent.get("category"),
            "aliases": ent.get("aliases"), "documents": ent.get("documents"), "country": ent.get("country"),
            "wikidata": ent.get("wikidata"), "latitude": lat, "longitude": lon}))
    for rel in graph.relations:
        out.add_edge(rel["source"], rel["target"], key=rel["id"], **flat({
            "id": rel["id"], "label": rel["type"], "type": rel["type"], "hedge": rel["hedge"],
            "documents": rel["documents"], "sources": rel["sources"],
            "confidence": confidence(rel["hedge"], rel["sources"]),
            "likelihood": likelihood(rel["hedge"], rel["sources"]), "valid_from": rel["valid_from"],
            "valid_to": rel["valid_to"], "first_seen": rel["first_seen"], "last_seen": rel["last_seen"],
            "evidence": len(rel["evidence"])}))
    if graph.event_nodes:
        _events(graph, out)
    return out


def _events(graph: GraphSlice, out: nx.MultiDiGraph) -> None:
    for ev in graph.events:
        out.add_node(ev["id"], **flat({
            "label": event_summary(ev), "name": event_summary(ev), "type": "event", "event_type": ev["type"],
            "date": ev["date"], "hedge": ev["hedge"], "attributed_to": ev["attributed_to"],
            "documents": ev["documents"], "sources": ev["sources"]}))
        for role, eid in event_roles(ev):
            key = f"{ev['id']}/{role}/{eid}"
            out.add_edge(eid, ev["id"], key=key, id=key, label=f"{role}_of", type=f"{role}_of")
