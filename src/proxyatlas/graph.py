"""The stored graph as networkx views, and the analytics an analyst asks of it: who is central,
who backs whom (transitively), which actors form communities, how two actors connect.

Edges are the relations the store holds, except rejected ones and those only ever denied.
A backer tree follows `supports` (backer -> backed) and `part_of` (whole -> unit) edges down
from actors that nobody in the graph backs.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import pairwise
from typing import Any

import networkx as nx

from .store import Store
from .store.queries import find_entity, relations

BACKING = {"supports": False, "part_of": True}  # relation type -> edge reversed (the whole owns its unit)
MAX_PATHS = 20


def build_graph(store: Store, as_of: str | None = None, min_sources: int | None = None) -> nx.MultiDiGraph:
    graph = nx.MultiDiGraph()
    for eid, name, etype, category in store.conn.execute("SELECT id, name, type, category FROM entities"):
        graph.add_node(eid, name=name, type=etype, category=category)
    for rel in relations(store, as_of=as_of, min_sources=min_sources, with_evidence=False):
        if rel["hedge"] != "denied":
            graph.add_edge(rel["source"], rel["target"], key=rel["id"], type=rel["type"], hedge=rel["hedge"],
                           sources=rel["sources"], documents=rel["documents"])
    return graph


def _simple(graph: nx.MultiDiGraph) -> nx.Graph:
    simple = nx.Graph()
    simple.add_nodes_from(n for n in graph.nodes if graph.degree(n))
    for a, b, data in graph.edges(data=True):
        weight = simple[a][b]["weight"] if simple.has_edge(a, b) else 0
        simple.add_edge(a, b, weight=weight + data["sources"])
    return simple


def centrality(graph: nx.MultiDiGraph, top: int = 10) -> list[dict[str, Any]]:
    simple = _simple(graph)
    if not simple:
        return []
    degree = nx.degree_centrality(simple)
    k = min(len(simple), 300) if len(simple) > 300 else None
    between = nx.betweenness_centrality(simple, k=k, seed=0)
    ranked = sorted(simple.nodes, key=lambda n: (-degree[n], -between[n], n))[:top]
    return [{"id": n, "name": graph.nodes[n]["name"], "degree": simple.degree(n),
             "degree_centrality": round(degree[n], 4), "betweenness": round(between[n], 4)} for n in ranked]


def backing_graph(graph: nx.MultiDiGraph) -> nx.DiGraph:
    backing = nx.DiGraph()
    for a, b, data in graph.edges(data=True):
        if data["type"] in BACKING:
            backer, backed = (b, a) if BACKING[data["type"]] else (a, b)
            backing.add_edge(backer, backed, type=data["type"])
    return backing


def backer_trees(graph: nx.MultiDiGraph) -> list[dict[str, Any]]:
    """Nested trees {id, name, via, children} from each root backer down (each actor once per tree)."""
    backing = backing_graph(graph)
    roots = [n for n in backing if backing.in_degree(n) == 0]
    for component in nx.weakly_connected_components(backing):  # a backing cycle has no root: take its hub
        if not any(n in component for n in roots):
            roots.append(max(sorted(component), key=backing.out_degree))

    def tree(node: str, via: str | None, seen: set[str]) -> dict[str, Any]:
        seen.add(node)
        children = [tree(child, backing[node][child]["type"], seen)
                    for child in sorted(backing.successors(node)) if child not in seen]
        return {"id": node, "name": graph.nodes[node]["name"], "via": via, "children": children}

    trees = [tree(root, None, set()) for root in roots]
    return sorted(trees, key=lambda t: (-_size(t), t["id"]))


def _size(tree: dict[str, Any]) -> int:
    return 1 + sum(_size(c) for c in tree["children"])


def communities(graph: nx.MultiDiGraph) -> list[list[str]]:
    simple = _simple(graph)
    if not simple.number_of_edges():
        return []
    found = nx.community.louvain_communities(simple, weight="weight", seed=0)
    return sorted((sorted(c) for c in found if len(c) > 1), key=lambda c: (-len(c), c))


def graph_stats(store: Store, top: int = 10) -> dict[str, Any]:
    graph = build_graph(store)
    simple = _simple(graph)
    types: dict[str, int] = {}
    for _, _, data in graph.edges(data=True):
        types[data["type"]] = types.get(data["type"], 0) + 1
    name = nx.get_node_attributes(graph, "name")
    return {
        "entities": graph.number_of_nodes(),
        "connected_entities": simple.number_of_nodes(),
        "relations": graph.number_of_edges(),
        "relation_types": dict(sorted(types.items())),
        "components": nx.number_connected_components(simple) if simple else 0,
        "density": round(nx.density(simple), 4) if len(simple) > 1 else 0.0,
        "central": centrality(graph, top),
        "backer_trees": backer_trees(graph),
        "communities": [{"size": len(c), "members": [{"id": n, "name": name[n]} for n in c]}
                        for c in communities(graph)],
    }


def shortest_paths(store: Store, a: str, b: str, max_hops: int = 4) -> list[list[dict[str, Any]]]:
    """Shortest paths between two actors (edges in either direction), at most MAX_PATHS of them,
    each hop the relation with the most sources between its two ends, with its evidence.

    A bidirectional breadth-first search that asks the database for the neighbours of one
    frontier at a time, so its cost follows the neighbourhoods it visits, not the store's size."""
    source, target = find_entity(store, a), find_entity(store, b)
    if source == target:
        return []
    best: dict[frozenset[str], tuple[int, int, str]] = {}
    sides = ({source: 0}, {target: 0})
    preds: tuple[dict[str, set[str]], dict[str, set[str]]] = ({source: set()}, {target: set()})
    frontiers = ([source], [target])
    meet: list[str] = []
    while not meet and frontiers[0] and frontiers[1]:
        if max(sides[0].values()) + max(sides[1].values()) >= max_hops:
            break
        side = 0 if len(frontiers[0]) <= len(frontiers[1]) else 1
        dist, pred, nxt = sides[side], preds[side], []
        for node, neighbour in _neighbours(store, frontiers[side], best):
            if neighbour not in dist:
                dist[neighbour] = dist[node] + 1
                pred[neighbour] = set()
                nxt.append(neighbour)
            if dist[neighbour] == dist[node] + 1:
                pred[neighbour].add(node)
        frontiers = (nxt, frontiers[1]) if side == 0 else (frontiers[0], nxt)
        both = [n for n in sides[0] if n in sides[1]]
        if both:
            shortest = min(sides[0][n] + sides[1][n] for n in both)
            meet = sorted(n for n in both if sides[0][n] + sides[1][n] == shortest)
    node_paths: list[list[str]] = []
    for node in meet:
        for head in _walk(node, preds[0]):
            for tail in _walk(node, preds[1]):
                node_paths.append(head[::-1] + tail[1:])
                if len(node_paths) >= MAX_PATHS:
                    break
    node_paths = sorted(node_paths)[:MAX_PATHS]
    wanted = sorted({best[frozenset(p)][2] for path in node_paths for p in pairwise(path)})
    by_id = {r["id"]: r for r in relations(store, ids=wanted)}
    return [[by_id[best[frozenset(p)][2]] for p in pairwise(path)] for path in node_paths]


def _neighbours(store: Store, nodes: list[str],
                best: dict[frozenset[str], tuple[int, int, str]]) -> list[tuple[str, str]]:
    """(node, neighbour) pairs over relations that are neither rejected nor only denied; records
    the best relation of each pair in `best`."""
    out = []
    wanted = set(nodes)
    for i in range(0, len(nodes), 400):
        part = nodes[i : i + 400]
        marks = ",".join("?" * len(part))
        rows = store.conn.execute(
            f"SELECT id, source, target, sources, documents FROM relations WHERE rejected = 0 AND hedge != 'denied' "
            f"AND (source IN ({marks}) OR target IN ({marks}))", part + part).fetchall()
        for rid, x, y, sources, documents in rows:
            pair = frozenset((x, y))
            best[pair] = max((sources, documents, rid), best.get(pair, (sources, documents, rid)))
            if x in wanted:
                out.append((x, y))
            if y in wanted:
                out.append((y, x))
    return sorted(set(out))


def _walk(node: str, pred: dict[str, set[str]]) -> Iterator[list[str]]:
    """Paths from `node` back to the search's start, following predecessors."""
    if not pred[node]:
        yield [node]
        return
    for previous in sorted(pred[node]):
        for rest in _walk(previous, pred):
            yield [node, *rest]
