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

A bundle is written by strangers: it is bounded (`limits.MAX_STIX_BYTES`, `MAX_STIX_OBJECTS`,
`MAX_NESTING_DEPTH`), read through the objects stix2 parsed (their properties have the declared
types), and every value the import uses beyond those is checked before the first write, so a
rejected bundle leaves the store as it was.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ..errors import InputError, ProxyatlasError
from ..limits import MAX_STIX_BYTES, MAX_STIX_OBJECTS, check_size, load_json
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
from ..ontology import load_ontology
from ..registry import Registry, load_registry
from ..store import Store
from .stix import EVENT_TYPE, EXTENSION_ID, LOCATED_AT, RELATIONSHIP_TYPES

ENTITY_OBJECTS = ("identity", "threat-actor", "intrusion-set", "location")
RELATION_TYPES = {v: k for k, v in RELATIONSHIP_TYPES.items()} | {LOCATED_AT: "operates_in"}


def read_bundle(path: str | Path) -> Mapping[str, Any]:
    """The bundle in `path` as parsed by the stix2 library (custom content allowed), within the limits."""
    import stix2

    try:
        check_size(path, Path(path).stat().st_size, MAX_STIX_BYTES, "STIX bundle")
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ProxyatlasError(f"{path}: cannot read a STIX bundle ({exc})") from None
    data = load_json(path, text, "STIX bundle")
    if not isinstance(data, dict) or data.get("type") != "bundle":
        raise ProxyatlasError(f"{path}: not a STIX 2.1 bundle (a JSON object with \"type\": \"bundle\")")
    objects = data.get("objects")
    if isinstance(objects, list) and len(objects) > MAX_STIX_OBJECTS:
        raise InputError(path, f"STIX bundle of {len(objects):,} objects; the limit is {MAX_STIX_OBJECTS:,}: "
                               "import it in parts")
    try:
        return stix2.parse(data, allow_custom=True)  # type: ignore[no-any-return]
    except Exception as exc:  # noqa: BLE001 - stix2 raises many kinds; all mean an invalid bundle
        message = " ".join(str(exc).split())  # one line, whatever stix2 wrote
        raise ProxyatlasError(f"{path}: invalid STIX 2.1 bundle ({type(exc).__name__}: {message})") from None


def _ext(obj: Mapping[str, Any]) -> Mapping[str, Any] | None:
    return (obj.get("extensions") or {}).get(EXTENSION_ID)


class _Malformed(ProxyatlasError):
    """A value the stix2 library does not check is wrong: names the file, the object and the field."""

    def __init__(self, path: str, obj: Mapping[str, Any], problem: str) -> None:
        super().__init__(f"{path}: {obj.get('id', obj.get('type'))}: {problem}")


def _string_list(path: str, obj: Mapping[str, Any], key: str) -> list[str]:
    value = obj.get(key) or []
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise _Malformed(path, obj, f"'{key}' must be a list of strings")
    return list(value)


def _span(path: str, obj: Mapping[str, Any], item: Any, fields: dict[str, type], text_length: int | None) -> None:
    """An evidence or mention row of the extension: a JSON object with these fields, offsets in the text."""
    where = f"proxyatlas extension: {'evidence' if 'text' in fields else 'mention'} {item!r:.80}"
    if not isinstance(item, Mapping):
        raise _Malformed(path, obj, f"{where}: not a JSON object")
    for key, kind in fields.items():
        if not isinstance(item.get(key), kind) or isinstance(item.get(key), bool):
            raise _Malformed(path, obj, f"{where}: '{key}' must be a {kind.__name__}")
    if not 0 <= item["start"] <= item["end"] <= (text_length if text_length is not None else item["end"]):
        raise _Malformed(path, obj, f"{where}: start and end are not offsets into the document text")
    if "hedge" in fields and item["hedge"] not in HEDGES:
        raise _Malformed(path, obj, f"{where}: hedge {item['hedge']!r} is not one of {list(HEDGES)}")
    if item.get("attributed_to") is not None and not isinstance(item["attributed_to"], str):
        raise _Malformed(path, obj, f"{where}: 'attributed_to' must be a string")


def _value(path: str, obj: Mapping[str, Any], source: Mapping[str, Any], key: str, kind: type | tuple[type, ...],
           required: bool = True) -> Any:
    """A field of one of our objects, of the kind it must have (None when optional and absent)."""
    value = source.get(key)
    if value is None and not required:
        return None
    if not isinstance(value, kind) or (isinstance(value, bool) and kind is not bool):
        names = " or ".join(k.__name__ for k in (kind if isinstance(kind, tuple) else (kind,)))
        raise _Malformed(path, obj, f"'{key}' must be a {names}")
    return value


_EVIDENCE = {"document": str, "start": int, "end": int, "text": str, "hedge": str}
_EVENT_SPAN = {"document": str, "start": int, "end": int, "text": str}
_LAYER_SPAN = {"start": int, "end": int, "text": str}
_MENTION = {"entity": str, "start": int, "end": int}


def _our_entity(path: str, obj: Mapping[str, Any], ext: Mapping[str, Any]) -> dict[str, Any]:
    """An entity exported by proxyatlas, its type and category checked against the ontology."""
    ontology = load_ontology()
    if ext.get("entity_type") not in ontology.entity_types:
        raise _Malformed(path, obj, f"proxyatlas extension: entity_type {ext.get('entity_type')!r} is not one of "
                                    f"{list(ontology.entity_types)}")
    if ext.get("category") not in (None, *ontology.categories):
        raise _Malformed(path, obj, f"proxyatlas extension: category {ext.get('category')!r} is not one of "
                                    f"{list(ontology.categories)}")
    if not (obj.get("name") or "").strip():
        raise _Malformed(path, obj, "an entity needs a name")
    return {"id": ext["entity_id"], "name": obj["name"], "type": ext["entity_type"], "category": ext.get("category"),
            "aliases": list(ext.get("aliases", [])), "country": ext.get("country"), "wikidata": ext.get("wikidata"),
            "ours": True}


def _foreign_entity(path: str, obj: Mapping[str, Any], registry: Registry) -> dict[str, Any] | None:
    kind, name = obj["type"], (obj.get("name") or "").strip()
    if kind == "location":
        name = name or obj.get("city") or obj.get("administrative_area") or obj.get("country") or obj.get("region", "")
        local = bool(obj.get("city") or obj.get("administrative_area") or obj.get("street_address"))
        etype, category = ("country" if obj.get("country") and not local else "place"), None
    elif kind == "identity":
        if obj.get("identity_class") == "system":
            return None
        etype = "person" if obj.get("identity_class") == "individual" else "organization"
        government = any(s.startswith("government") for s in _string_list(path, obj, "sectors"))
        category = None if etype == "person" else "state_body" if government else "other"
    elif kind == "threat-actor":
        types = set(_string_list(path, obj, "threat_actor_types"))
        etype = "organization"
        category = "state_body" if "nation-state" in types else \
            "armed_group" if types <= {"terrorist", "unknown"} else "other"
    else:  # intrusion-set
        etype, category = "organization", "other"
    if not name:
        return None
    aliases = _string_list(path, obj, "aliases")  # a custom property on identity and location: any JSON
    actor = registry.lookup(name)
    if actor is not None:
        return {"id": actor.id, "name": actor.name, "type": actor.type, "category": actor.category,
                "aliases": aliases}
    return {"id": slugify(name), "name": name, "type": etype, "category": category,
            "aliases": [a for a in aliases if a != name]}


def _hedge(conf: int | None) -> str:
    if conf is None or 40 <= conf < 60:
        return "reported"
    return "asserted" if conf >= 60 else "alleged" if conf >= 20 else "speculative"


class _Import:
    def __init__(self, store: Store, bundle: Mapping[str, Any], path: str, registry: Registry) -> None:
        self.store, self.registry, self.path, self.name = store, registry, path, Path(path).name
        # objects of types stix2 does not know stay plain JSON: only their type is read
        self.objects = [o for o in bundle.get("objects", []) if isinstance(o, Mapping) and isinstance(o.get("type"), str)]
        self.entity: dict[str, dict[str, Any]] = {}  # STIX id -> entity record
        self.skipped: Counter[str] = Counter()
        self.report = {"documents": 0, "unchanged": 0, "entities": 0, "relations": 0}
        self.extractions: list[Extraction] = []  # all built and checked before the first is stored
        for obj in self.objects:
            if obj["type"] in ENTITY_OBJECTS:
                ext = _ext(obj)
                record = _our_entity(path, obj, ext) if ext and ext.get("entity_id") else \
                    _foreign_entity(path, obj, registry)
                if record is not None:
                    self.entity[obj["id"]] = record

    def _entity(self, record: dict[str, Any], mentions: list[Mention]) -> Entity:
        return Entity(record["id"], record["name"], record["type"], record.get("category"),
                      list(record.get("aliases", [])), mentions, record.get("country"), record.get("wikidata"))

    def _store(self) -> None:
        for extraction in self.extractions:
            added, entities, relations = self.store.add_extraction(extraction, self.registry)
            self.report["documents" if added else "unchanged"] += 1
            self.report["entities"] += entities
            self.report["relations"] += relations

    def run(self) -> dict[str, Any]:
        ours: list[tuple[Mapping[str, Any], Mapping[str, Any]]] = []  # (relationship, its extension)
        foreign: list[tuple[Mapping[str, Any], str]] = []  # (relationship, ontology type)
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
                if ext["relation_type"] not in load_ontology().relation_types:
                    raise _Malformed(self.path, obj, f"proxyatlas extension: relation_type {ext['relation_type']!r} "
                                                     "is not a relation type of the ontology")
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
        self._store()
        return {**self.report, "skipped": dict(self.skipped)}

    def _reports(self, ours: list[tuple[Mapping[str, Any], Mapping[str, Any]]]) -> set[str]:
        """Every proxyatlas report back into its document; returns the entity ids placed in one."""
        by_doc: dict[str, list[tuple[Mapping[str, Any], Mapping[str, Any], list[Any]]]] = defaultdict(list)
        for obj, ext in ours:
            rows: dict[str, list[Any]] = defaultdict(list)
            for ev in ext.get("evidence", []):
                _span(self.path, obj, ev, _EVIDENCE, None)
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
                raise _Malformed(self.path, report, "its text does not hash to its document_id")
            records = {self.entity[r]["id"]: self.entity[r] for r in report.get("object_refs", [])
                       if r in self.entity}
            relations = []
            for obj, ext, evs in by_doc.pop(document.id, []):
                for ev in evs:
                    _span(self.path, obj, ev, _EVIDENCE, len(document.text))
                src, dst = self.entity[obj["source_ref"]], self.entity[obj["target_ref"]]
                records.setdefault(src["id"], src)
                records.setdefault(dst["id"], dst)
                hedge = min((ev["hedge"] for ev in evs), key=HEDGES.index)
                attributed = next((ev["attributed_to"] for ev in evs if ev.get("attributed_to")), None)
                relations.append(Relation(ext["relation_type"], src["id"], dst["id"], hedge, attributed,
                                          ext.get("valid_from"), ext.get("valid_to"),
                                          [Evidence(ev["start"], ev["end"], ev["text"]) for ev in evs]))
            found: dict[str, list[Any]] = {"event": [], "statement": [], "quantity": []}
            for kind, item, named, source in layers.pop(document.id, []):
                if not set(named) <= set(by_entity_id):
                    self.skipped[f"{kind} naming an entity the bundle lacks"] += 1
                    continue
                if any(e.end > len(document.text) for e in item.evidence):
                    raise _Malformed(self.path, source, f"{kind} evidence: start and end are not offsets into "
                                                        "the document text")
                for eid in named:
                    records.setdefault(eid, by_entity_id[eid])
                found[kind].append(item)
            mentions: dict[str, list[Mention]] = defaultdict(list)
            for m in rext.get("mentions", []):
                _span(self.path, report, m, _MENTION, len(document.text))
                if m["entity"] in records:
                    mentions[m["entity"]].append(Mention(document.text[m["start"]:m["end"]], m["start"], m["end"]))
            entities = [self._entity(rec, mentions.get(eid, [])) for eid, rec in records.items()]
            placed |= set(records)
            self.extractions.append(Extraction(document, entities, relations, found["event"], found["statement"],
                                               found["quantity"]))
        for left in by_doc.values():
            self.skipped["relation evidence from a document the bundle lacks"] += len(left)
        for items in layers.values():
            for kind, _, _, _ in items:
                self.skipped[f"{kind} from a document the bundle lacks"] += 1
        return placed

    def _layers(self) -> dict[str, list[tuple[str, Any, list[str], Mapping[str, Any]]]]:
        """Events, statements and claimed numbers by document id: (kind, model object, entity ids
        named, the STIX object), every field checked (stix2 does not know our properties)."""
        out: dict[str, list[tuple[str, Any, list[str], Mapping[str, Any]]]] = defaultdict(list)
        for obj in self.objects:
            if obj["type"] == EVENT_TYPE:
                for doc, event, named in self._event(obj):
                    out[doc].append(("event", event, named, obj))
            ext = _ext(obj) if obj["type"] == "note" else None
            if not ext or ext.get("layer") not in ("statement", "quantity"):
                continue
            doc = _value(self.path, obj, ext, "document", str)
            evidence = []
            if "sentence" in ext:
                span = {"start": ext.get("start"), "end": ext.get("end"), "text": ext.get("sentence")}
                _span(self.path, obj, span, _LAYER_SPAN, None)
                evidence = [Evidence(span["start"], span["end"], span["text"])]
            optional = {key: _value(self.path, obj, ext, key, str, required=False)
                        for key in ("date", "via", "attributed_to")}
            if ext["layer"] == "statement":
                speaker = _value(self.path, obj, ext, "speaker", str)
                named = [speaker, *([optional["via"]] if optional["via"] else [])]
                item: Any = Statement(speaker, optional["date"], _value(self.path, obj, obj, "content", str),
                                      bool(_value(self.path, obj, ext, "direct", bool, required=False)),
                                      optional["via"], evidence)
            else:
                subject = _value(self.path, obj, ext, "subject", str)
                named = [subject, *([optional["attributed_to"]] if optional["attributed_to"] else [])]
                item = Quantity(subject, _value(self.path, obj, ext, "value", (int, float)),
                                _value(self.path, obj, ext, "unit", str),
                                _value(self.path, obj, ext, "value_max", (int, float), required=False),
                                bool(_value(self.path, obj, ext, "approximate", bool, required=False)),
                                optional["attributed_to"], optional["date"], evidence)
            out[doc].append((ext["layer"], item, named, obj))
        return out

    def _event(self, obj: Mapping[str, Any]) -> list[tuple[str, Event, list[str]]]:
        """A proxyatlas event object as one Event per reporting document."""
        agents = _string_list(self.path, obj, "x_proxyatlas_agents")
        targets = _string_list(self.path, obj, "x_proxyatlas_targets")
        place, attributed, date = (_value(self.path, obj, obj, f"x_proxyatlas_{key}", str, required=False)
                                   for key in ("place", "attributed_to", "date"))
        etype = _value(self.path, obj, obj, "x_proxyatlas_type", str)
        if etype not in load_ontology().event_types:
            raise _Malformed(self.path, obj, f"event type {etype!r} is not one of {list(load_ontology().event_types)}")
        hedge = _value(self.path, obj, obj, "x_proxyatlas_hedge", str)
        if hedge not in HEDGES:
            raise _Malformed(self.path, obj, f"hedge {hedge!r} is not one of {list(HEDGES)}")
        spans = obj.get("x_proxyatlas_evidence", [])
        if not isinstance(spans, list):
            raise _Malformed(self.path, obj, "'x_proxyatlas_evidence' must be a list")
        by_doc: dict[str, list[Evidence]] = defaultdict(list)
        for span in spans:
            _span(self.path, obj, span, _EVENT_SPAN, None)
            by_doc[span["document"]].append(Evidence(span["start"], span["end"], span["text"]))
        named = [*agents, *targets, *(x for x in (place, attributed) if x)]
        return [(doc, Event(etype, date, agents, targets, place, hedge, attributed, evidence), named)
                for doc, evidence in by_doc.items()]

    def _synthetic(self, entities: list[Mapping[str, Any]], relations: list[tuple[Mapping[str, Any], str]]) -> None:
        """Objects without proxyatlas provenance: one document, a line per object, as their evidence."""
        producers = {o["id"]: o.get("name") for o in self.objects if o["type"] == "identity"}
        made_by = (o.get("created_by_ref") for o in self.objects)  # any JSON on a type stix2 does not know
        source = next((producers[ref] for ref in made_by if isinstance(ref, str) and producers.get(ref)),
                      None) or "STIX import"
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
        self.extractions.append(Extraction(Document(text, f"STIX bundle {self.name}", source), entities_out, rels))


def import_bundle(store: Store, path: str | Path, registry: Registry | None = None) -> dict[str, Any]:
    """Import the STIX 2.1 bundle at `path`: {documents, unchanged, entities, relations, skipped}."""
    bundle = read_bundle(path)
    return _Import(store, bundle, str(path), registry or load_registry()).run()
