"""The review queue: relations waiting for an analyst's decision, those whose decision changes
the picture most first.

A relation no one has confirmed or rejected scores by the traits in `WEIGHTS`: how central its
two actors are (degree in the graph, log-scaled so that hubs do not swamp the rest), one
independent source only, a surest hedge weaker than asserted, a place in `conflicts`, and ends
the ontology does not expect for its type. Each item names the traits that placed it.
"""

from __future__ import annotations

import math
from collections import Counter
from typing import Any

from ..ontology import load_ontology
from .claims import conflicts
from .queries import evidence_for, relations
from .store import Store

# What each trait adds to a relation's score; `central` is scaled to 0..1 first.
WEIGHTS = {"central": 4.0, "single_source": 2.0, "not_asserted": 1.5, "conflict": 3.0, "unusual_ends": 2.5}
REASONS = {"central": "central actors", "single_source": "one independent source",
           "not_asserted": "not asserted", "conflict": "sources disagree", "unusual_ends": "unusual ends for its type"}


def _in_conflict(store: Store) -> set[str]:
    out: set[str] = set()
    for item in conflicts(store):
        out.update(r["id"] for r in ([item["relation"]] if item["kind"] == "denied" else item["holders"]))
    return out


def _score(rel: dict[str, Any], degree: Counter[str], top: float, kinds: dict[str, tuple[str, str | None]],
           disputed: set[str]) -> tuple[float, list[str]]:
    central = (math.log1p(degree[rel["source"]]) + math.log1p(degree[rel["target"]])) / top
    rtype = load_ontology().relation_types.get(rel["type"])
    traits = {
        "central": central >= 0.5,
        "single_source": rel["sources"] <= 1,
        "not_asserted": rel["hedge"] != "asserted",
        "conflict": rel["id"] in disputed,
        "unusual_ends": rtype is None or not rtype.admits(kinds[rel["source"]], kinds[rel["target"]]),
    }
    score = WEIGHTS["central"] * central + sum(WEIGHTS[t] for t, on in traits.items() if on and t != "central")
    return round(score, 3), [t for t, on in traits.items() if on]


def queue(store: Store, *, limit: int = 50, offset: int = 0, evidence: int = 3) -> dict[str, Any]:
    """{"total", "items"}: undecided relations, highest score first, each with `score`, `reasons`
    ([{code, text}]), its first `evidence` evidence rows and `evidence_total`."""
    rels = relations(store, with_evidence=False)
    degree: Counter[str] = Counter()
    for rel in rels:
        degree[rel["source"]] += 1
        degree[rel["target"]] += 1
    top = 2 * math.log1p(max(degree.values(), default=1)) or 1.0
    kinds = {eid: (etype, category) for eid, etype, category in store.conn.execute(
        "SELECT id, type, category FROM entities")}
    disputed = _in_conflict(store)
    pending = []
    for rel in rels:
        if rel["confirmed"]:
            continue
        score, traits = _score(rel, degree, top, kinds, disputed)
        pending.append({**rel, "score": score, "reasons": [{"code": t, "text": REASONS[t]} for t in traits],
                        "source_degree": degree[rel["source"]], "target_degree": degree[rel["target"]]})
    pending.sort(key=lambda r: (-r["score"], -(r["source_degree"] + r["target_degree"]), r["id"]))
    page = pending[offset : offset + limit]
    found = evidence_for(store, [r["id"] for r in page])
    for rel in page:
        rows = found.get(rel["id"], [])
        rel["evidence"], rel["evidence_total"] = rows[:evidence], len(rows)
    return {"total": len(pending), "items": page}
