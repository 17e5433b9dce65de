"""Claims across sources: who says what, who corroborates whom, and where sources disagree.

`conflicts` lists (1) relations that one claimant asserts, reports or alleges and another
denies (a claimant is whoever the claim is attributed to, else the outlet, else the
document), and (2) offices held twice at once: two holders of a `leads` relation to the same
organisation or country whose periods overlap. A holder's period is its validity where the
text fixes it (an open end stays open); without any validity, the span of documents that
report it (first_seen..last_seen).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from itertools import combinations
from typing import Any

from ..normalize import exact_key
from .keys import bounds
from .queries import relations
from .store import Store

CLAIMING = ("asserted", "reported", "alleged")


def sources(store: Store) -> list[dict[str, Any]]:
    """Outlets (spellings that differ only in case or punctuation are one outlet) with their
    documents, the relations their documents claim, and how many of those another independent
    source also claims. Documents with no known outlet are listed together as source None."""
    outlet: dict[str, str | None] = {}
    spellings: dict[str | None, Counter[str]] = defaultdict(Counter)
    docs: Counter[str | None] = Counter()
    for doc_id, source in store.conn.execute("SELECT id, source FROM documents WHERE current = 1"):
        key = exact_key(source) if source and exact_key(source) else None
        outlet[doc_id] = key
        docs[key] += 1
        if key:
            spellings[key][source] += 1
    claims: dict[str | None, set[str]] = defaultdict(set)
    corroborated: dict[str | None, set[str]] = defaultdict(set)
    for doc_id, relation, count in store.conn.execute(
            "SELECT e.document, e.relation, r.sources FROM evidence e JOIN relations r ON r.id = e.relation "
            "WHERE r.rejected = 0"):
        if doc_id in outlet:
            claims[outlet[doc_id]].add(relation)
            if count >= 2:
                corroborated[outlet[doc_id]].add(relation)
    rows = [{"source": spellings[k].most_common(1)[0][0] if k else None, "documents": n,
             "claims": len(claims[k]), "corroborated": len(corroborated[k])} for k, n in docs.items()]
    return sorted(rows, key=lambda r: (-r["documents"], r["source"] is None, r["source"] or ""))


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
