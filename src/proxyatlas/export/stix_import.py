"""Read a STIX 2.1 bundle into the store: `proxyatlas import --format stix FILE`.

A bundle exported by proxyatlas comes back as it left: each `report` carrying the proxyatlas
extension is its document again (same text, so the same id), with its entities, mentions,
relations, events, statements and claimed numbers and their evidence spans, so the store
rebuilds the same layers. An event reported by several documents comes back as one report per
document, each with its own sentence. The relationships between events and their actors are
read from the event objects themselves.

Any other bundle (OpenCTI, MISP, MITRE ATT&CK style) becomes one synthetic document, a line per
object: `identity`, `threat-actor`, `intrusion-set` and `location` objects are entities with
stable ids (the registry actor of that name, else the slug of the name); `relationship`s whose
type maps to the ontology (`located-at` -> operates_in, `x-proxyatlas-*`) are relations whose
evidence is their line; other relationship types are counted as skipped.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

from ..errors import ProxyatlasError
from ..model import (
    HEDGES,
    Document,
    Entity,
    Event,
    Evidence,
    Extraction,
    Mention,
    Quantity,
    Relation,
    Statement,
)
from ..normalize import slugify
from ..registry import Registry, load_registry
from ..store import Store
from .stix import EVENT_TYPE, EXTENSION_ID, LOCATED_AT, RELATIONSHIP_TYPES

ENTITY_OBJECTS = ("identity", "threat-actor", "intrusion-set", "location")
RELATION_TYPES = {v: k for k, v in RELATIONSHIP_TYPES.items()} | {LOCATED_AT: "operates_in"}


def read_bundle(path: str | Path) -> dict[str, Any]:
    """The bundle in `path`, checked by the stix2 library (custom content allowed)."""
    import stix2

    try:
        text = Path(path).read_text(encoding="utf-8")
        data = json.loads(text)
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ProxyatlasError(f"{path}: cannot read a STIX bundle ({exc})") from None
    if not isinstance(data, dict) or data.get("type") != "bundle":
        raise ProxyatlasError(f"{path}: not a STIX 2.1 bundle (a JSON object with \"type\": \"bundle\")")
    try:
        stix2.parse(data, allow_custom=True)
    except Exception as exc:  # noqa: BLE001 - stix2 raises many kinds; all mean an invalid bundle
        raise ProxyatlasError(f"{path}: invalid STIX 2.1 bundle ({type(exc).__name__}: {exc})") from None
    return data


def _ext(obj: dict[str, Any]) -> dict[str, Any] | None:
    return (obj.get("extensions") or {}).get(EXTENSION_ID)


def _foreign_entity(obj: dict[str, Any], registry: Registry) -> dict[str, Any] | None:
    kind, name = obj["type"], (obj.get("name") or "").strip()
    if kind == "location":
        name = name or obj.get("city") or obj.get("administrative_area") or obj.get("country") or obj.get("region", "")
        local = bool(obj.get("city") or obj.get("administrative_area") or obj.get("street_address"))
        etype, category = ("country" if obj.get("country") and not local else "place"), None
    elif kind == "identity":
        if obj.get("identity_class") == "system":
            return None
        etype = "person" if obj.get("identity_class") == "individual" else "organization"
        government = any(s.startswith("government") for s in obj.get("sectors", []))
        category = None if etype == "person" else "state_body" if government else "other"
    elif kind == "threat-actor":
        types = set(obj.get("threat_actor_types", []))
        etype = "organization"
        category = "state_body" if "nation-state" in types else \
            "armed_group" if types <= {"terrorist", "unknown"} else "other"
    else:  # intrusion-set
        etype, category = "organization", "other"
    if not name:
        return None
    actor = registry.lookup(name)
    if actor is not None:
        return {"id": actor.id, "name": actor.name, "type": actor.type, "category": actor.category,
                "aliases": list(obj.get("aliases", []))}
    return {"id": slugify(name), "name": name, "type": etype, "category": category,
            "aliases": [a for a in obj.get("aliases", []) if a != name]}


def _hedge(conf: int | None) -> str:
    if conf is None or 40 <= conf < 60:
        return "reported"
    return "asserted" if conf >= 60 else "alleged" if conf >= 20 else "speculative"


class _Import:
    def __init__(self, store: Store, bundle: dict[str, Any], name: str, registry: Registry) -> None:
        self.store, self.registry, self.name = store, registry, name
        self.objects = [o for o in bundle.get("objects", []) if isinstance(o, dict) and "type" in o]
        self.entity: dict[str, dict[str, Any]] = {}  # STIX id -> entity record
        self.skipped: Counter[str] = Counter()
        self.report = {"documents": 0, "unchanged": 0, "entities": 0, "relations": 0}
        for obj in self.objects:
            if obj["type"] in ENTITY_OBJECTS:
                ext = _ext(obj)
                record = {"id": ext["entity_id"], "name": obj["name"], "type": ext["entity_type"],
                          "category": ext.get("category"), "aliases": ext.get("aliases", []),
                          "country": ext.get("country"), "wikidata": ext.get("wikidata"), "ours": True} \
                    if ext and ext.get("entity_id") else _foreign_entity(obj, registry)
                if record is not None:
                    self.entity[obj["id"]] = record

    def _entity(self, record: dict[str, Any], mentions: list[Mention]) -> Entity:
        return Entity(record["id"], record["name"], record["type"], record.get("category"),
                      list(record.get("aliases", [])), mentions, record.get("country"), record.get("wikidata"))

    def _store(self, extraction: Extraction) -> None:
        added, entities, relations = self.store.add_extraction(extraction, self.registry)
        self.report["documents" if added else "unchanged"] += 1
        self.report["entities"] += entities
        self.report["relations"] += relations

    def run(self) -> dict[str, Any]:
        ours: list[tuple[dict[str, Any], dict[str, Any]]] = []  # (relationship, its extension)
        foreign: list[tuple[dict[str, Any], str]] = []  # (relationship, ontology type)
        for obj in self.objects:
            if obj["type"] != "relationship":
                continue
            if EVENT_TYPE in (obj["source_ref"].split("--")[0], obj["target_ref"].split("--")[0]):
                continue  # an event's agent, target or place: the event object names them
            src, dst, ext = self.entity.get(obj["source_ref"]), self.entity.get(obj["target_ref"]), _ext(obj)
            if src is not None and dst is not None and src["id"] == dst["id"]:
                continue  # a country's identity located at its own location: one entity here
            if src is None or dst is None:
                self.skipped["relationship between objects that are not two entities"] += 1
            elif ext and ext.get("relation_type"):
                ours.append((obj, ext))
            elif obj["relationship_type"] in RELATION_TYPES:
                foreign.append((obj, RELATION_TYPES[obj["relationship_type"]]))
            else:
                self.skipped[f"relationship type {obj['relationship_type']}"] += 1
        placed = self._reports(ours)
        rest = [o for o in self.objects if o["type"] in ENTITY_OBJECTS and o["id"] in self.entity
                and self.entity[o["id"]]["id"] not in placed]
        if rest or foreign:
            self._synthetic(rest, foreign)
        return {**self.report, "skipped": dict(self.skipped)}

    def _reports(self, ours: list[tuple[dict[str, Any], dict[str, Any]]]) -> set[str]:
        """Every proxyatlas report back into its document; returns the entity ids placed in one."""
        by_doc: dict[str, list[tuple[dict[str, Any], dict[str, Any], list[dict[str, Any]]]]] = defaultdict(list)
        for obj, ext in ours:
            rows: dict[str, list[dict[str, Any]]] = defaultdict(list)
            for ev in ext.get("evidence", []):
                rows[ev["document"]].append(ev)
            for doc, evs in rows.items():
                by_doc[doc].append((obj, ext, evs))
        layers = self._layers()
        by_entity_id = {rec["id"]: rec for rec in self.entity.values()}
        placed: set[str] = set()
        for report in (o for o in self.objects if o["type"] == "report"):
            rext = _ext(report)
            if not rext or not rext.get("text"):
                self.skipped["report without the proxyatlas text"] += 1
                continue
            document = Document(rext["text"], rext.get("title"), rext.get("source"), rext.get("author"),
                                rext.get("published"))
            if document.id != rext.get("document_id", document.id):
                raise ProxyatlasError(f"{self.name}: report {report['id']}: its text does not hash to its document_id")
            records = {self.entity[r]["id"]: self.entity[r] for r in report.get("object_refs", [])
                       if r in self.entity}
            relations = []
            for obj, ext, evs in by_doc.pop(document.id, []):
                src, dst = self.entity[obj["source_ref"]], self.entity[obj["target_ref"]]
                records.setdefault(src["id"], src)
                records.setdefault(dst["id"], dst)
                hedge = min((ev["hedge"] for ev in evs), key=HEDGES.index)
                attributed = next((ev["attributed_to"] for ev in evs if ev.get("attributed_to")), None)
                relations.append(Relation(ext["relation_type"], src["id"], dst["id"], hedge, attributed,
                                          ext.get("valid_from"), ext.get("valid_to"),
                                          [Evidence(ev["start"], ev["end"], ev["text"]) for ev in evs]))
            found: dict[str, list[Any]] = {"event": [], "statement": [], "quantity": []}
            for kind, item, named in layers.pop(document.id, []):
                if not set(named) <= set(by_entity_id):
                    self.skipped[f"{kind} naming an entity the bundle lacks"] += 1
                    continue
                for eid in named:
                    records.setdefault(eid, by_entity_id[eid])
                found[kind].append(item)
            mentions: dict[str, list[Mention]] = defaultdict(list)
            for m in rext.get("mentions", []):
                if m["entity"] in records:
                    mentions[m["entity"]].append(Mention(document.text[m["start"]:m["end"]], m["start"], m["end"]))
            entities = [self._entity(rec, mentions.get(eid, [])) for eid, rec in records.items()]
            placed |= set(records)
            self._store(Extraction(document, entities, relations, found["event"], found["statement"],
                                   found["quantity"]))
        for left in by_doc.values():
            self.skipped["relation evidence from a document the bundle lacks"] += len(left)
        for items in layers.values():
            for kind, _, _ in items:
                self.skipped[f"{kind} from a document the bundle lacks"] += 1
        return placed

    def _layers(self) -> dict[str, list[tuple[str, Any, list[str]]]]:
        """Events, statements and claimed numbers by document id: (kind, model object, entity ids named)."""
        out: dict[str, list[tuple[str, Any, list[str]]]] = defaultdict(list)
        for obj in self.objects:
            if obj["type"] == EVENT_TYPE:
                agents, targets = obj.get("x_proxyatlas_agents", []), obj.get("x_proxyatlas_targets", [])
                place, attributed = obj.get("x_proxyatlas_place"), obj.get("x_proxyatlas_attributed_to")
                named = [*agents, *targets, *(x for x in (place, attributed) if x)]
                spans: dict[str, list[Evidence]] = defaultdict(list)
                for span in obj.get("x_proxyatlas_evidence", []):
                    spans[span["document"]].append(Evidence(span["start"], span["end"], span["text"]))
                for doc, evidence in spans.items():
                    out[doc].append(("event", Event(obj["x_proxyatlas_type"], obj.get("x_proxyatlas_date"), agents,
                                                    targets, place, obj["x_proxyatlas_hedge"], attributed,
                                                    evidence), named))
            ext = _ext(obj) if obj["type"] == "note" else None
            if not ext or ext.get("layer") not in ("statement", "quantity"):
                continue
            evidence = [Evidence(ext["start"], ext["end"], ext["sentence"])] if "sentence" in ext else []
            if ext["layer"] == "statement":
                named = [ext["speaker"], *([ext["via"]] if ext.get("via") else [])]
                item: Any = Statement(ext["speaker"], ext.get("date"), obj["content"], ext.get("direct", False),
                                      ext.get("via"), evidence)
            else:
                named = [ext["subject"], *([ext["attributed_to"]] if ext.get("attributed_to") else [])]
                item = Quantity(ext["subject"], ext["value"], ext["unit"], ext.get("value_max"),
                                ext.get("approximate", False), ext.get("attributed_to"), ext.get("date"), evidence)
            out[ext["document"]].append((ext["layer"], item, named))
        return out

    def _synthetic(self, entities: list[dict[str, Any]], relations: list[tuple[dict[str, Any], str]]) -> None:
        """Objects without proxyatlas provenance: one document, a line per object, as their evidence."""
        producers = {o["id"]: o.get("name") for o in self.objects if o["type"] == "identity"}
        source = next((producers.get(o.get("created_by_ref")) for o in self.objects
                       if producers.get(o.get("created_by_ref"))), None) or "STIX import"
        text = f"STIX bundle {self.name}\n\n"
        mentions: dict[str, list[Mention]] = defaultdict(list)
        records: dict[str, dict[str, Any]] = {}

        def name_at(record: dict[str, Any], at: int) -> None:
            records.setdefault(record["id"], record)
            mentions[record["id"]].append(Mention(record["name"], at, at + len(record["name"])))

        for obj in entities:
            record = self.entity[obj["id"]]
            name_at(record, len(text))
            text += f"{record['name']} ({obj['type']}).\n"
        rels = []
        for obj, rtype in relations:
            src, dst = self.entity[obj["source_ref"]], self.entity[obj["target_ref"]]
            start = len(text)
            name_at(src, start)
            line = f"{src['name']} {obj['relationship_type']} "
            name_at(dst, start + len(line))
            line += f"{dst['name']}."
            text += line + "\n"
            rels.append(Relation(rtype, src["id"], dst["id"], _hedge(obj.get("confidence")),
                                 evidence=[Evidence(start, start + len(line), line)]))
        entities_out = [self._entity(rec, mentions[eid]) for eid, rec in records.items()]
        self._store(Extraction(Document(text, f"STIX bundle {self.name}", source), entities_out, rels))


def import_bundle(store: Store, path: str | Path, registry: Registry | None = None) -> dict[str, Any]:
    """Import the STIX 2.1 bundle at `path`: {documents, unchanged, entities, relations, skipped}."""
    bundle = read_bundle(path)
    return _Import(store, bundle, Path(path).name, registry or load_registry()).run()
