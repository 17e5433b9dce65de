"""Claims across sources: who says what, who corroborates whom, and where sources disagree.

`conflicts` lists (1) relations that one claimant asserts, reports or alleges and another
denies (a claimant is whoever the claim is attributed to, else the outlet, else the
document), and (2) offices held twice at once: two holders of a `leads` relation to the same
organisation or country whose periods overlap. A holder's period is its validity where the
text fixes it (an open end stays open); without any validity, the span of documents that
report it (first_seen..last_seen).
"""

from __future__ import annotations

from collections import defaultdict
from itertools import combinations
from typing import Any

from .keys import bounds
from .queries import relations
from .store import Store

CLAIMING = ("asserted", "reported", "alleged")


def sources(store: Store) -> list[dict[str, Any]]:
    """Outlets with their documents, the relations their documents claim, and how many of those
    another independent source also claims."""
    rows = store.conn.execute(
        "SELECT d.source, COUNT(*), "
        "(SELECT COUNT(DISTINCT e.relation) FROM evidence e JOIN documents d2 ON d2.id = e.document "
        " JOIN relations r ON r.id = e.relation WHERE r.rejected = 0 AND d2.current = 1 "
        " AND (d2.source = d.source OR (d2.source IS NULL AND d.source IS NULL))), "
        "(SELECT COUNT(DISTINCT e.relation) FROM evidence e JOIN documents d2 ON d2.id = e.document "
        " JOIN relations r ON r.id = e.relation WHERE r.rejected = 0 AND r.sources >= 2 AND d2.current = 1 "
        " AND (d2.source = d.source OR (d2.source IS NULL AND d.source IS NULL))) "
        "FROM documents d WHERE d.current = 1 GROUP BY d.source ORDER BY COUNT(*) DESC, d.source").fetchall()
    return [{"source": s, "documents": n, "claims": c, "corroborated": k} for s, n, c, k in rows]


def _claimant(ev: dict[str, Any]) -> str:
    return ev["attributed_to"] or ev["source"] or f"document {ev['document'][:12]}"


def _period(rel: dict[str, Any]) -> tuple[str | None, str | None]:
    if rel["valid_from"] or rel["valid_to"]:
        return bounds(rel["valid_from"])[0], bounds(rel["valid_to"])[1]
    return bounds(rel["first_seen"])[0], bounds(rel["last_seen"])[1]


def _overlap(a: tuple[str | None, str | None], b: tuple[str | None, str | None]) -> tuple[str | None, str | None] | None:
    start = max((x for x in (a[0], b[0]) if x), default=None)
    end = min((x for x in (a[1], b[1]) if x), default=None)
    if start and end and start > end:
        return None
    return start, end


def conflicts(store: Store) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    rels = relations(store)
    for rel in rels:
        claimed = {_claimant(e) for e in rel["evidence"] if e["hedge"] in CLAIMING}
        denied = {_claimant(e) for e in rel["evidence"] if e["hedge"] == "denied"}
        if claimed and denied and (claimed - denied) and (denied - claimed):
            out.append({"kind": "denied", "relation": rel, "claimed_by": sorted(claimed),
                        "denied_by": sorted(denied)})
    types = dict(store.conn.execute("SELECT id, type FROM entities").fetchall())
    offices: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for rel in rels:
        if rel["type"] == "leads" and types.get(rel["target"]) in ("organization", "country") \
                and any(e["hedge"] != "denied" for e in rel["evidence"]):
            offices[rel["target"]].append(rel)
    for target, holders in offices.items():
        for a, b in combinations(holders, 2):
            overlap = _overlap(_period(a), _period(b))
            if a["source"] != b["source"] and overlap is not None:
                out.append({"kind": "office", "office": target, "office_name": a["target_name"],
                            "holders": [a, b], "overlap": list(overlap)})
    return out
