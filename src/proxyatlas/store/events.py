"""Cross-document events: every document's reports of one happening become one stored event.

A report (one event as one document's extraction gives it) joins a stored event when
  - it is the same happening in the same document: a report of the same family (data/store/
    events.yaml: a killing in the sentence of an attack) sharing an evidence sentence, or
  - the reports are of the same family, their dates lie within `window_days` of the event's
    dates, they share a participant (agent or target) or a place, and no place of the report
    conflicts with a place of the event (two places conflict unless one is the other or a
    country holding it; a report's places are its own and those its sentences name),
and no analyst's split keeps them apart, and the report's doers are not the event's targets nor
its targets the event's doers (blows exchanged are two happenings). An undated report joins only within its document.
Analysts' merges are replayed as soon as the reports they name are stored; an event holding a
report an analyst rejected is stored with `rejected` set, and no query shows it.

An event's own values (type, date, place, agents, targets, hedge, death toll) are the variant
the most and best sources give: more independent sources first, then the surer hedge, then
more documents, then the earlier report; `details` keeps every variant with its sources, for
showing disagreements side by side. What reads show of the reports (details, sentences,
entities named) is kept with the event (`reported`), so that reads need not load the reports. `documents` and `sources` count as for relations
(`ledger.independent_sources`: an outlet once, syndicated copies once).
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from ..model import HEDGES
from .curation import Corrections
from .keys import bounds, record_id, sort_key
from .rules import EventRules, load_rules

DETAIL_FIELDS = ("date", "place", "agents", "targets", "hedge", "fatalities")
_CHUNK = 500


@dataclass
class Report:
    """One document's report of an event, with its participants as stored entity ids."""

    id: str
    document: str
    type: str
    date: str | None
    place: str | None
    hedge: str
    attributed_to: str | None
    agents: list[str]
    targets: list[str]
    evidence: list[dict[str, Any]]
    fatalities: float | None = None
    fatalities_by: str | None = None
    sentences: set[tuple[int, int]] = field(default_factory=set)
    named_places: list[str] = field(default_factory=list)  # other places its sentences name

    @property
    def participants(self) -> set[str]:
        return set(self.agents) | set(self.targets)


def _opposed(report: Report, agents: set[str], targets: set[str]) -> bool:
    """"An attack on a US outpost ... Washington strikes back": the report's doers are the other's
    targets (or the other way round), so the two are blows exchanged, not one happening."""
    return bool(set(report.agents) & targets or set(report.targets) & agents)


def _shift(day: str | None, days: int) -> str | None:
    if day is None:
        return None
    try:
        return (date.fromisoformat(day) + timedelta(days=days)).isoformat()
    except ValueError:  # years beyond datetime's range: no window
        return day


class EventResolver:
    """Places reports into events inside the ledger's transaction and keeps events aggregated."""

    def __init__(self, conn: Any, corrections: Corrections, rules: EventRules | None = None) -> None:
        self.conn = conn
        self.corrections = corrections
        self.rules = rules or load_rules()
        self._places: dict[str, tuple[str, str | None]] = {}

    # -- placing reports -------------------------------------------------------------------------
    def add(self, doc_id: str, reports: list[Report]) -> None:
        placed: list[tuple[Report, str]] = []
        for report in reports:
            event = self._match(report, placed) or record_id("event", report.id)
            self.conn.execute(
                "INSERT INTO event_reports (id, document, type, date, place, hedge, attributed_to, evidence, "
                "fatalities, fatalities_by, event) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING",
                (report.id, doc_id, report.type, report.date, report.place, report.hedge, report.attributed_to,
                 json.dumps(report.evidence, ensure_ascii=False), report.fatalities, report.fatalities_by, event))
            for role, ids in (("agent", report.agents), ("target", report.targets), ("place", [report.place]),
                              ("named_place", report.named_places)):
                for entity in ids:
                    if entity:
                        self.conn.execute("INSERT INTO report_actors (report, entity, role) VALUES (?, ?, ?) "
                                          "ON CONFLICT (report, entity, role) DO NOTHING", (report.id, entity, role))
            placed.append((report, event))
            self.aggregate(event)
        self._replay_merges({r.id for r, _ in placed})

    def _match(self, report: Report, placed: list[tuple[Report, str]]) -> str | None:
        family = self.rules.family(report.type)
        for other, event in placed:  # the same happening told twice in one sentence
            if self.rules.family(other.type) == family and report.sentences & other.sentences \
                    and self._allowed(report, event) and not _opposed(report, set(other.agents), set(other.targets)):
                return event
        lo, hi = bounds(report.date)
        if lo is None or hi is None:
            return None
        window = self.rules.window_days
        rows = self.conn.execute(
            "SELECT id FROM events WHERE family = ? AND span_start <= ? AND span_end >= ? ORDER BY span_start, id",
            (family, _shift(hi, window), _shift(lo, -window))).fetchall()
        best: tuple[int, str] | None = None
        mine = {p for p in (report.place, *report.named_places) if p}
        for (event,) in rows:
            roles = self._event_actors(event)
            places = roles["place"] | roles["named_place"]
            participants = roles["agent"] | roles["target"]
            if any(not self._compatible(a, b) for a in mine for b in places) or not self._allowed(report, event) \
                    or _opposed(report, roles["agent"], roles["target"]):
                continue
            shared = len(report.participants & participants) + len(mine & places)
            if shared and (best is None or shared > best[0]):
                best = (shared, event)
        return best[1] if best else None

    def _event_actors(self, event: str) -> dict[str, set[str]]:
        """The entities of an event's reports by role (agent, target, place, named_place)."""
        roles: dict[str, set[str]] = {"agent": set(), "target": set(), "place": set(), "named_place": set()}
        for entity, role in self.conn.execute(
                "SELECT a.entity, a.role FROM report_actors a JOIN event_reports r ON r.id = a.report "
                "WHERE r.event = ?", (event,)):
            roles[role].add(entity)
        return roles

    def _allowed(self, report: Report, event: str) -> bool:
        apart = self.corrections.reports_apart(report.id)
        if not apart:
            return True
        members = {r[0] for r in self.conn.execute("SELECT id FROM event_reports WHERE event = ?", (event,))}
        return not (apart & members)

    def _compatible(self, a: str | None, b: str | None) -> bool:
        """Two places of one happening: the same, or a country and a place inside it."""
        if a is None or b is None or a == b:
            return True
        (type_a, country_a), (type_b, country_b) = self._place(a), self._place(b)
        return bool(country_a and country_a == country_b and "country" in (type_a, type_b))

    def _place(self, entity: str) -> tuple[str, str | None]:
        if entity not in self._places:
            row = self.conn.execute("SELECT type, country FROM entities WHERE id = ?", (entity,)).fetchone()
            self._places[entity] = (row[0], row[1]) if row else ("", None)
        return self._places[entity]

    def _replay_merges(self, new_reports: set[str]) -> None:
        """Analysts' event merges whose reports this document completes: one event again."""
        for group in self.corrections.event_merges:
            if not new_reports & set(group):
                continue
            events: list[str] = []
            for part in _chunks(list(group)):
                found = dict(self.conn.execute(f"SELECT id, event FROM event_reports WHERE id IN ({_marks(part)})",
                                               part).fetchall())
                events += [found[r] for r in part if r in found]
            events = list(dict.fromkeys(events))
            if len(events) < 2:
                continue
            keep, others = events[0], events[1:]
            self.conn.execute(f"UPDATE event_reports SET event = ? WHERE event IN ({_marks(others)})", [keep, *others])
            for event in [keep, *others]:
                self.aggregate(event)

    # -- aggregates ------------------------------------------------------------------------------
    def aggregate(self, event: str) -> None:
        """Recompute one event's own values from its reports (or delete it when none is left)."""
        self.conn.execute("DELETE FROM events WHERE id = ?", (event,))
        self.conn.execute("DELETE FROM event_actors WHERE event = ?", (event,))
        reports = load_reports(self.conn, [event]).get(event, [])
        if not reports:
            return
        values = resolve(reports, self.rules)
        spans = [bounds(r["date"]) for r in reports]
        starts = [lo for lo, _ in spans if lo]
        ends = [hi for _, hi in spans if hi]
        date_start, date_end = bounds(values["date"])
        published = sorted({r["published"] for r in reports if r["published"]}, key=sort_key)
        self.conn.execute(
            "INSERT INTO events (id, type, family, date, date_start, date_end, span_start, span_end, place, hedge, "
            "fatalities, documents, sources, first_seen, last_seen, rejected, reported) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (event, values["type"], self.rules.family(values["type"]), values["date"], date_start, date_end,
             min(starts) if starts else None, max(ends) if ends else None, values["place"], values["hedge"],
             values["fatalities"], values["documents"], values["sources"],
             published[0] if published else None, published[-1] if published else None,
             int(self.corrections.is_event_rejected(r["id"] for r in reports)),
             json.dumps(reported(reports, values["details"]), ensure_ascii=False)))
        for role, ids in (("agent", values["agents"]), ("target", values["targets"]), ("place", [values["place"]])):
            for entity in ids:
                if entity:
                    self.conn.execute("INSERT INTO event_actors (event, entity, role) VALUES (?, ?, ?) "
                                      "ON CONFLICT (event, entity, role) DO NOTHING", (event, entity, role))


# -- reading reports and resolving their values (shared by the ledger and the queries) ---------
def _chunks(items: list[str]) -> Iterable[list[str]]:
    for i in range(0, len(items), _CHUNK):
        yield items[i : i + _CHUNK]


def _marks(items: list[Any]) -> str:
    return ",".join("?" * len(items))


def load_reports(conn: Any, events: list[str]) -> dict[str, list[dict[str, Any]]]:
    """The reports of these events with their documents' outlet, date and near-duplicate cluster."""
    out: dict[str, list[dict[str, Any]]] = {}
    for part in _chunks(sorted(set(events))):
        rows = conn.execute(
            "SELECT r.event, r.id, r.document, r.type, r.date, r.place, r.hedge, r.attributed_to, r.evidence, "
            "r.fatalities, r.fatalities_by, d.source, d.published, d.cluster, d.seq FROM event_reports r "
            f"JOIN documents d ON d.id = r.document WHERE r.event IN ({_marks(part)}) ORDER BY d.seq, r.id",
            part).fetchall()
        actors: dict[str, dict[str, list[str]]] = {}
        ids = [r[1] for r in rows]
        for chunk in _chunks(ids):
            for report, entity, role in conn.execute(
                    f"SELECT report, entity, role FROM report_actors WHERE report IN ({_marks(chunk)}) "
                    "ORDER BY report, role, entity", chunk):
                actors.setdefault(report, {}).setdefault(role, []).append(entity)
        keys = ("event", "id", "document", "type", "date", "place", "hedge", "attributed_to", "evidence",
                "fatalities", "fatalities_by", "source", "published", "cluster", "seq")
        for row in rows:
            item = dict(zip(keys, row, strict=True))
            item["evidence"] = json.loads(item["evidence"])
            item["agents"] = actors.get(item["id"], {}).get("agent", [])
            item["targets"] = actors.get(item["id"], {}).get("target", [])
            item["fatalities"] = _number(item["fatalities"])
            out.setdefault(item.pop("event"), []).append(item)
    return out


def reported(reports: list[dict[str, Any]], found: dict[str, list[dict[str, Any]]]) -> dict[str, Any]:
    """What reads of an event take from its reports (kept with the event when it is derived, so
    that reads need not load them): `details` (`found`, as `details` gives them), `evidence` (every
    sentence that reports it, once, with its document's outlet and date), the first report's
    `document`, `source` and `published`, and every entity the reports name (`involved`)."""
    seen: set[tuple[str, int]] = set()
    evidence = []
    for r in reports:
        for ev in r["evidence"]:
            if (r["document"], ev["start"]) in seen:
                continue
            seen.add((r["document"], ev["start"]))
            evidence.append({"document": r["document"], "outlet": r["source"], "date": r["published"],
                             "sentence": ev["text"], "start": ev["start"], "end": ev["end"], "hedge": r["hedge"],
                             "attributed_to": r["attributed_to"]})
    involved = {i for r in reports for i in (*r["agents"], *r["targets"], r["place"], r["attributed_to"],
                                             r["fatalities_by"]) if i}
    first = reports[0]
    return {"details": found, "evidence": evidence, "document": first["document"], "source": first["source"],
            "published": first["published"], "involved": sorted(involved)}


def store_reported(conn: Any) -> None:
    """Work out and store what every stored event's reports give its reads (as `aggregate` does
    for each event it writes)."""
    ids = [row[0] for row in conn.execute("SELECT id FROM events").fetchall()]
    for part in _chunks(ids):
        found = load_reports(conn, part)
        conn.executemany("UPDATE events SET reported = ? WHERE id = ?",
                         [(json.dumps(reported(found[event], details(found[event])), ensure_ascii=False), event)
                          for event in part])


def _number(value: float | None) -> float | int | None:
    return int(value) if isinstance(value, float) and value.is_integer() else value


def _value(name: str) -> Callable[[dict[str, Any]], Any]:
    if name in ("agents", "targets"):
        return lambda r: tuple(sorted(r[name])) or None
    return lambda r: r[name]


def details(reports: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """Every value the reports give for each detail, best supported first: {value, documents,
    sources, outlets, claimants}. A report that gives no value is no variant."""
    from .ledger import independent_sources

    out: dict[str, list[dict[str, Any]]] = {}
    for name in DETAIL_FIELDS:
        get = _value(name)
        groups: dict[Any, list[dict[str, Any]]] = {}
        for report in reports:
            value = get(report)
            if value is not None:
                groups.setdefault(value, []).append(report)
        variants = []
        for value, rows in groups.items():
            claimant = "fatalities_by" if name == "fatalities" else "attributed_to"
            variants.append({
                "value": list(value) if isinstance(value, tuple) else value,
                "documents": len({r["document"] for r in rows}),
                "sources": independent_sources([(r["document"], r["source"], r["cluster"]) for r in rows]),
                "outlets": sorted({r["source"] for r in rows if r["source"]}),
                "claimants": sorted({r[claimant] for r in rows if r[claimant]}),
                "_rank": (min(HEDGES.index(r["hedge"]) for r in rows), min(r["seq"] for r in rows))})
        variants.sort(key=lambda v: (-v["sources"], v["_rank"][0], -v["documents"], v["_rank"][1]))
        for v in variants:
            del v["_rank"]
        out[name] = variants
    return out


def resolve(reports: list[dict[str, Any]], rules: EventRules | None = None) -> dict[str, Any]:
    """An event's own values from its reports (see the module doc)."""
    from .ledger import independent_sources

    rules = rules or load_rules()
    found = details(reports)
    values: dict[str, Any] = {name: (found[name][0]["value"] if found[name] else None) for name in DETAIL_FIELDS}
    values["agents"] = values["agents"] or []
    values["targets"] = values["targets"] or []
    values["hedge"] = values["hedge"] or "asserted"
    types = Counter(r["type"] for r in reports)
    family = rules.family_types.get(rules.family(reports[0]["type"]), ())
    values["type"] = next((t for t in family if t in types), None) or types.most_common(1)[0][0]
    values["documents"] = len({r["document"] for r in reports})
    values["sources"] = independent_sources([(r["document"], r["source"], r["cluster"]) for r in reports])
    values["details"] = found
    return values


def casualties(report: Report, quantities: list[dict[str, Any]], rules: EventRules) -> tuple[float | None, str | None]:
    """The death toll a report's own sentences give, and who claims it: a number of dead or of
    personnel (of a target, for personnel) in one of its evidence sentences."""
    if report.type not in rules.casualty_types:
        return None, None
    for q in quantities:
        group = rules.group(q["unit"])
        if group not in rules.casualty_groups:
            continue
        if group != "fatalities" and q["subject"] not in report.targets:
            continue
        if any((ev["start"], ev["end"]) in report.sentences for ev in q["evidence"]):
            return q["value"], q.get("attributed_to") or report.attributed_to
    return None, None
