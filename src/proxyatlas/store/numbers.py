"""Numbers over time: every quantity claimed about one actor, grouped by what it counts.

Units are grouped by data/store/events.yaml (`unit_groups`): fighters, troops, members and men
are personnel; killed and dead are fatalities, and so is a number that is an event's death toll
("killing three fighters": store/events.py); money is grouped by its currency code; any other
unit is a group of its own. Within a group, claims are in date order: the date the text gives
the number, else its document's publication date.
"""

from __future__ import annotations

import json
from typing import Any

from .keys import sort_key
from .queries import find_entity, quantities
from .rules import load_rules
from .store import Store


def numbers(store: Store, actor: str, unit: str | None = None) -> list[dict[str, Any]]:
    """{group, unit, value, value_max, approximate, date, claimant, claimant_name, outlet, document,
    sentence} for each number claimed about `actor`; `unit` keeps the group that unit is counted in."""
    rules = load_rules()
    eid = find_entity(store, actor)
    wanted = rules.group(unit.strip()) if unit and unit.strip() else None
    rows = quantities(store, subject=eid)
    claimants = {q["attributed_to"] for q in rows if q["attributed_to"]}
    names = dict(store.conn.execute(f"SELECT id, name FROM entities WHERE id IN ({','.join('?' * len(claimants))})",
                                    sorted(claimants)).fetchall()) if claimants else {}
    tolls = _death_tolls(store, sorted({q["document"] for q in rows}))
    out = []
    for q in rows:
        starts = {ev["start"] for ev in q["evidence"]}
        is_toll = any((q["document"], float(q["value"]), s) in tolls for s in starts)
        group = "fatalities" if is_toll else rules.group(q["unit"])
        if wanted is not None and group != wanted:
            continue
        claimant = q["attributed_to"]
        out.append({"group": group, "unit": q["unit"], "value": q["value"], "value_max": q["value_max"],
                    "approximate": q["approximate"], "date": q["date"] or q["published"], "claimant": claimant,
                    "claimant_name": names.get(claimant, claimant) if claimant else None, "outlet": q["source"],
                    "document": q["document"], "sentence": q["evidence"][0]["text"] if q["evidence"] else ""})
    return sorted(out, key=lambda n: (n["group"], sort_key(n["date"]), n["document"]))


def _death_tolls(store: Store, documents: list[str]) -> set[tuple[str, float, int]]:
    """(document, number, sentence start) of every death toll an event report gives."""
    out: set[tuple[str, float, int]] = set()
    for i in range(0, len(documents), 500):
        part = documents[i : i + 500]
        for doc, value, evidence in store.conn.execute(
                "SELECT document, fatalities, evidence FROM event_reports WHERE fatalities IS NOT NULL AND "
                f"document IN ({','.join('?' * len(part))})", part):
            out |= {(doc, float(value), ev["start"]) for ev in json.loads(evidence)}
    return out
