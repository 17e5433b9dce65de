"""STIX 2.1 bundle, built and serialised by the `stix2` library (see README "Exports").

People are `identity` (individual); armed groups `threat-actor`; other organisations
`identity` (organization); a country is both an `identity` (the state as actor) and a
`location` (the state as place), linked by `located-at`; places are `location`. Relations are
`relationship` objects whose type is `located-at` for `operates_in` and a custom
`x-proxyatlas-*` type otherwise; `confidence` comes from hedge and independent sources by the
ICD 203 table in `base.LIKELIHOOD`. Every evidence sentence is a `note`, every source document
a `report`. The proxyatlas property extension (`extension-definition`) keeps what STIX has no
property for: ids, hedges, EDTF dates, character spans and the document text, so that
`stix_import` rebuilds the same store. Ids are deterministic: the same store exports the same ids.

Events are `proxyatlas-event` objects, a new SDO defined by a second extension definition in the
bundle, with `x_proxyatlas_*` properties (type, date, agents, targets, place, hedge, sources,
evidence) and relationships from their agents (`x-proxyatlas-agent-of`) and targets
(`x-proxyatlas-target-of`) and to their place (`located-at`). Statements and claimed numbers
are `note` objects on the speaker or the counted actor and the report they come from.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from collections import defaultdict
from typing import Any, BinaryIO

import stix2
from stix2.properties import (
    BooleanProperty,
    DictionaryProperty,
    FloatProperty,
    IntegerProperty,
    ListProperty,
    StringProperty,
)

from ..store.keys import bounds
from .base import (
    GraphSlice,
    confidence,
    event_roles,
    event_summary,
    evidence_id,
    first_span,
    likelihood,
    quantity_summary,
)

EXTENSION_ID = "extension-definition--3f0c6a52-9d4e-4b8a-a1f7-6f2b0c9e5d11"
EVENT_EXTENSION_ID = "extension-definition--8d2b4e7a-6c1f-4f3e-b5a9-1e0d7c3b2a64"
# No x- prefix: it marks STIX's deprecated custom objects, and stix2 rejects references to
# x- types unless all custom content is allowed.
EVENT_TYPE = "proxyatlas-event"
EVENT_ROLES = {"agent": "x-proxyatlas-agent-of", "target": "x-proxyatlas-target-of"}  # actor -> event
PRODUCER_ID = "identity--0d6c3a8e-5b1f-4c2a-9e7d-2a4b6c8d0e1f"
EPOCH = "1970-01-01T00:00:00Z"
RELATIONSHIP_TYPES = {t: f"x-proxyatlas-{t.replace('_', '-')}" for t in
                      ("leads", "member_of", "part_of", "supports", "created", "trains", "operates_in", "opposes",
                       "allied_with")}
LOCATED_AT = "located-at"  # operates_in from an actor to a location: the STIX vocabulary's own term
REGIONS = {"africa", "eastern-africa", "middle-africa", "northern-africa", "southern-africa", "western-africa",
           "americas", "caribbean", "central-america", "latin-america-caribbean", "northern-america",
           "south-america", "asia", "central-asia", "eastern-asia", "southern-asia", "south-eastern-asia",
           "western-asia", "europe", "eastern-europe", "northern-europe", "southern-europe", "western-europe",
           "oceania", "antarctica", "australia-new-zealand", "melanesia", "micronesia",
           "polynesia"}  # the STIX region-ov vocabulary
SECTORS = {"state_body": ["government-national"], "country": ["government-national"]}
EXTENSION_SCHEMA = """proxyatlas provenance property extension (JSON object inside `extensions`):
  extension_type: "property-extension"
  on identity, threat-actor, location: entity_id, entity_type (person|organization|country|place),
    category, aliases [string], country (ISO 3166 alpha-3), wikidata
  on relationship: relation_id, relation_type (proxyatlas ontology), hedge
    (asserted|reported|alleged|speculative|denied), documents, sources (independent), valid_from,
    valid_to, first_seen, last_seen (EDTF), likelihood (ICD 203), evidence [{id, document, source,
    published, hedge, attributed_to, start, end, text}] with start/end character offsets into the
    document text
  on note: evidence_id, relation_id, document, start, end, hedge, attributed_to
  on note for a statement: layer "statement", statement_id, speaker, via (entity ids), date (EDTF),
    direct (a quotation), document, start, end, sentence
  on note for a claimed number: layer "quantity", quantity_id, subject, attributed_to (entity ids),
    value, value_max, unit, approximate, date (EDTF), document, start, end, sentence
  on report: document_id (sha256 of text), title, source, author, published (EDTF), text,
    mentions [{entity, start, end}]"""


@stix2.v21.CustomExtension(EXTENSION_ID, [
    ("extension_type", StringProperty(required=True)),
    ("entity_id", StringProperty()), ("entity_type", StringProperty()), ("category", StringProperty()),
    ("aliases", ListProperty(StringProperty)), ("country", StringProperty()), ("wikidata", StringProperty()),
    ("relation_id", StringProperty()), ("relation_type", StringProperty()), ("hedge", StringProperty()),
    ("documents", IntegerProperty()), ("sources", IntegerProperty()), ("valid_from", StringProperty()),
    ("valid_to", StringProperty()), ("first_seen", StringProperty()), ("last_seen", StringProperty()),
    ("likelihood", StringProperty()), ("evidence", ListProperty(DictionaryProperty())),
    ("evidence_id", StringProperty()), ("document", StringProperty()), ("start", IntegerProperty()),
    ("end", IntegerProperty()), ("attributed_to", StringProperty()),
    ("document_id", StringProperty()), ("title", StringProperty()), ("source", StringProperty()),
    ("author", StringProperty()), ("published", StringProperty()), ("text", StringProperty()),
    ("mentions", ListProperty(DictionaryProperty())),
    ("layer", StringProperty()), ("statement_id", StringProperty()), ("speaker", StringProperty()),
    ("via", StringProperty()), ("date", StringProperty()), ("direct", BooleanProperty()),
    ("sentence", StringProperty()), ("quantity_id", StringProperty()), ("subject", StringProperty()),
    ("value", FloatProperty()), ("value_max", FloatProperty()), ("unit", StringProperty()),
    ("approximate", BooleanProperty()),
])
class ProxyatlasExtension:
    """The proxyatlas property extension (registered with stix2 so parsing checks its properties)."""


EVENT_SCHEMA = f"""proxyatlas event: a new SDO of type {EVENT_TYPE}
  name, description: a one-line summary; confidence: from hedge and independent sources (ICD 203)
  x_proxyatlas_event_id: the store's event id
  x_proxyatlas_type: attack, killing, meeting, ... (the proxyatlas event types)
  x_proxyatlas_date: EDTF; x_proxyatlas_hedge: asserted|reported|alleged|speculative|denied
  x_proxyatlas_agents, x_proxyatlas_targets [entity id]; x_proxyatlas_place, x_proxyatlas_attributed_to: entity id
  x_proxyatlas_documents, x_proxyatlas_sources (independent): counts
  x_proxyatlas_evidence [{{document, source, published, start, end, text}}]: each report's sentence, with
    start/end character offsets into the document text
  relationships: actor x-proxyatlas-agent-of / x-proxyatlas-target-of the event; the event located-at its place"""


class _Event:
    """An event (attack, killing, meeting, ...) as the extension-defined SDO `proxyatlas-event`."""


# Registered with stix2 (so parsing checks it); typed Any as stix2 has no type hints for its properties.
ProxyatlasEvent: Any = stix2.v21.CustomObject(EVENT_TYPE, [
    ("name", StringProperty(required=True)), ("description", StringProperty()),
    ("x_proxyatlas_event_id", StringProperty(required=True)), ("x_proxyatlas_type", StringProperty(required=True)),
    ("x_proxyatlas_date", StringProperty()), ("x_proxyatlas_hedge", StringProperty(required=True)),
    ("x_proxyatlas_agents", ListProperty(StringProperty)), ("x_proxyatlas_targets", ListProperty(StringProperty)),
    ("x_proxyatlas_place", StringProperty()), ("x_proxyatlas_attributed_to", StringProperty()),
    ("x_proxyatlas_documents", IntegerProperty()), ("x_proxyatlas_sources", IntegerProperty()),
    ("x_proxyatlas_evidence", ListProperty(DictionaryProperty())),
], extension_name=EVENT_EXTENSION_ID)(_Event)


def stix_id(kind: str, key: str) -> str:
    """A deterministic id: a hash of the proxyatlas key, shaped as the UUIDv4 STIX asks for."""
    digest = hashlib.sha256(f"proxyatlas:{kind}:{key}".encode()).digest()[:16]
    return f"{kind}--{uuid.UUID(bytes=digest, version=4)}"


def _ext(**props: Any) -> dict[str, Any]:
    data = {k: v for k, v in props.items() if v is not None and v != []}
    return {EXTENSION_ID: {"extension_type": "property-extension", **data}}


def _timestamp(value: str | None, last: bool = False, default: str = EPOCH) -> str:
    """An ISO timestamp from an EDTF date (its first day, or last second of its last day) or an ISO time."""
    if value and "T" in value:
        return value.replace("+00:00", "Z")
    day = bounds(value)[1 if last else 0]
    if day is None:
        return default
    return f"{day}T23:59:59Z" if last else f"{day}T00:00:00Z"


def iso2(iso3: str | None) -> str | None:
    """ISO 3166 alpha-2 for an alpha-3 code, from babel's territory data when it is installed."""
    if not iso3:
        return None
    try:
        from babel.core import get_global
    except ImportError:  # pragma: no cover - babel comes with trafilatura
        return None
    codes = get_global("territory_aliases").get(iso3.upper()) or []
    return codes[0] if len(codes) == 1 and len(codes[0]) == 2 else None


class _Builder:
    def __init__(self, graph: GraphSlice) -> None:
        self.graph = graph
        ingested = [d["ingested"] for d in graph.documents if d.get("ingested")]
        self.created = _timestamp(max(ingested)) if ingested else EPOCH
        self.objects: list[Any] = []
        self.actor: dict[str, str] = {}  # entity id -> identity / threat-actor id
        self.place: dict[str, str] = {}  # entity id -> location id
        self.doc_refs: dict[str, list[str]] = defaultdict(list)
        self.names = {e["id"]: e["name"] for e in graph.entities}

    def common(self, **extra: Any) -> dict[str, Any]:
        return {"created": self.created, "modified": self.created, "created_by_ref": PRODUCER_ID, **extra}

    def header(self) -> None:
        self.objects.append(stix2.v21.Identity(
            id=PRODUCER_ID, name="proxyatlas", identity_class="system", created=EPOCH, modified=EPOCH,
            description="Knowledge graphs of state-sponsored armed-group networks extracted from news reports."))
        self.objects.append(stix2.v21.ExtensionDefinition(
            id=EXTENSION_ID, created_by_ref=PRODUCER_ID, created=EPOCH, modified=EPOCH,
            name="proxyatlas provenance", version="1.0.0", extension_types=["property-extension"],
            description="Entity and relation ids, hedges, EDTF dates and character-offset evidence spans "
                        "of proxyatlas claims.", schema=EXTENSION_SCHEMA))
        self.objects.append(stix2.v21.ExtensionDefinition(
            id=EVENT_EXTENSION_ID, created_by_ref=PRODUCER_ID, created=EPOCH, modified=EPOCH,
            name="proxyatlas event", version="1.0.0", extension_types=["new-sdo"],
            description="Events (attacks, killings, meetings, ...) reported in the news, with their agents, "
                        "targets, place, date, hedge and sources.", schema=EVENT_SCHEMA))

    def entity(self, ent: dict[str, Any]) -> None:
        eid, etype, category = ent["id"], ent["type"], ent.get("category")
        ext = _ext(entity_id=eid, entity_type=etype, category=category, aliases=ent.get("aliases") or [],
                   country=ent.get("country"), wikidata=ent.get("wikidata"))
        refs = [{"source_name": "wikidata", "external_id": ent["wikidata"]}] if ent.get("wikidata") else None
        base = self.common(name=ent["name"], extensions=ext, external_references=refs,
                           labels=[category.replace("_", "-")] if category else [etype])
        if etype == "organization" and category == "armed_group":
            obj: Any = stix2.v21.ThreatActor(id=stix_id("threat-actor", eid), threat_actor_types=["unknown"],
                                             aliases=ent.get("aliases") or None, **base)
        elif etype in ("person", "organization", "country"):
            obj = stix2.v21.Identity(id=stix_id("identity", eid),
                                     identity_class="individual" if etype == "person" else "organization",
                                     sectors=SECTORS.get(category or etype), **base)
        else:
            obj = None
        if obj is not None:
            self.objects.append(obj)
            self.actor[eid] = obj.id
        if etype in ("country", "place"):
            self.location(ent, base)

    def location(self, ent: dict[str, Any], base: dict[str, Any]) -> None:
        eid = ent["id"]
        where: dict[str, Any] = {}
        if eid in self.graph.coords:
            where["latitude"], where["longitude"] = self.graph.coords[eid]
        code = iso2(ent.get("country"))
        if code:
            where["country"] = code
        region = ent["name"].casefold().replace(" ", "-")
        if region in REGIONS:
            where["region"] = region
        elif not where:
            where["region"] = "unknown"  # STIX needs a region, a country or coordinates
        loc = stix2.v21.Location(id=stix_id("location", eid), **base, **where)
        self.objects.append(loc)
        self.place[eid] = loc.id
        if eid in self.actor:  # the state as actor sits in the state as place
            self.objects.append(stix2.v21.Relationship(
                id=stix_id("relationship", f"{eid}/located-at"), relationship_type=LOCATED_AT,
                source_ref=self.actor[eid], target_ref=loc.id, **self.common()))

    def relation(self, rel: dict[str, Any]) -> None:
        src = self.actor.get(rel["source"]) or self.place.get(rel["source"])
        if rel["type"] == "operates_in":
            dst = self.place.get(rel["target"]) or self.actor.get(rel["target"])
        else:
            dst = self.actor.get(rel["target"]) or self.place.get(rel["target"])
        if src is None or dst is None:
            return
        kind = RELATIONSHIP_TYPES.get(rel["type"], f"x-proxyatlas-{rel['type'].replace('_', '-')}")
        if rel["type"] == "operates_in" and src.split("--")[0] != "location" and dst.startswith("location--"):
            kind = LOCATED_AT
        degree = likelihood(rel["hedge"], rel["sources"])
        evidence = [{"id": evidence_id(rel["id"], ev), **{k: ev[k] for k in (
            "document", "source", "published", "hedge", "attributed_to", "start", "end", "text") if ev[k] is not None}}
            for ev in rel["evidence"]]
        times: dict[str, str] = {}
        if rel["valid_from"] and bounds(rel["valid_from"])[0]:
            times["start_time"] = _timestamp(rel["valid_from"])
        if rel["valid_to"] and bounds(rel["valid_to"])[1]:
            stop = _timestamp(rel["valid_to"], last=True)
            if "start_time" not in times or stop > times["start_time"]:
                times["stop_time"] = stop
        obj = stix2.v21.Relationship(
            id=stix_id("relationship", rel["id"]), relationship_type=kind, source_ref=src, target_ref=dst,
            description=f"{rel['source_name']} {rel['type'].replace('_', ' ')} {rel['target_name']} "
                        f"({rel['hedge']}; {rel['sources']} independent source(s), {rel['documents']} document(s))",
            confidence=confidence(rel["hedge"], rel["sources"]),
            labels=[f'estimative-language:likelihood-probability="{degree}"', f"hedge:{rel['hedge']}"],
            extensions=_ext(relation_id=rel["id"], relation_type=rel["type"], hedge=rel["hedge"],
                            documents=rel["documents"], sources=rel["sources"], valid_from=rel["valid_from"],
                            valid_to=rel["valid_to"], first_seen=rel["first_seen"], last_seen=rel["last_seen"],
                            likelihood=degree, evidence=evidence),
            **times, **self.common())
        self.objects.append(obj)
        for ev in evidence:
            self.doc_refs[ev["document"]].append(obj.id)
            note = stix2.v21.Note(
                id=stix_id("note", ev["id"]), content=ev["text"], object_refs=[obj.id],
                abstract=f"{ev.get('source') or 'unknown source'}, {ev.get('published') or 'undated'}: "
                         f"{rel['type'].replace('_', ' ')} ({ev['hedge']})",
                authors=[ev["source"]] if ev.get("source") else None,
                extensions=_ext(evidence_id=ev["id"], relation_id=rel["id"], document=ev["document"],
                                start=ev["start"], end=ev["end"], hedge=ev["hedge"],
                                attributed_to=ev.get("attributed_to")),
                **self.common())
            self.objects.append(note)
            self.doc_refs[ev["document"]].append(note.id)

    def ref(self, eid: str | None) -> str | None:
        """The STIX object standing for an entity: its actor, else its location."""
        return (self.actor.get(eid) or self.place.get(eid)) if eid else None

    def event(self, ev: dict[str, Any]) -> None:
        obj = ProxyatlasEvent(
            id=stix_id(EVENT_TYPE, ev["id"]), name=event_summary(ev),
            description=f"{event_summary(ev)} ({ev['hedge']}; {ev['sources']} independent source(s), "
                        f"{ev['documents']} document(s))",
            confidence=confidence(ev["hedge"], ev["sources"]), x_proxyatlas_event_id=ev["id"],
            x_proxyatlas_type=ev["type"], x_proxyatlas_date=ev["date"], x_proxyatlas_hedge=ev["hedge"],
            x_proxyatlas_agents=ev["agents"] or None, x_proxyatlas_targets=ev["targets"] or None,
            x_proxyatlas_place=ev["place"], x_proxyatlas_attributed_to=ev["attributed_to"],
            x_proxyatlas_documents=ev["documents"], x_proxyatlas_sources=ev["sources"],
            x_proxyatlas_evidence=[{k: v for k, v in span.items() if v is not None} for span in ev["evidence"]],
            **self.common())
        made = [obj]
        for role, eid in event_roles(ev):
            other = self.place.get(eid) if role == "place" else self.ref(eid)
            if other is None:
                continue
            kind = LOCATED_AT if role == "place" else EVENT_ROLES[role]
            src, dst = (obj.id, other) if role == "place" else (other, obj.id)
            made.append(stix2.v21.Relationship(id=stix_id("relationship", f"{ev['id']}/{role}/{eid}"),
                                               relationship_type=kind, source_ref=src, target_ref=dst,
                                               **self.common()))
        self.objects += made
        for doc in dict.fromkeys(span["document"] for span in ev["evidence"]):
            self.doc_refs[doc] += [o.id for o in made]

    def claim_note(self, item: dict[str, Any], about: str, content: str, abstract: str, **ext: Any) -> None:
        """A statement or claimed number as a note on the actor it is about and the report it comes from."""
        span = first_span(item)
        note = stix2.v21.Note(
            id=stix_id("note", f"{ext['layer']}/{item['id']}"), content=content, abstract=abstract,
            object_refs=[ref for ref in (self.ref(about), stix_id("report", item["document"])) if ref],
            extensions=_ext(document=item["document"], date=item["date"], start=span.get("start"),
                            end=span.get("end"), sentence=span.get("text"), **ext),
            **self.common())
        self.objects.append(note)
        self.doc_refs[item["document"]].append(note.id)

    def statement(self, st: dict[str, Any]) -> None:
        self.claim_note(st, st["speaker"], st["text"],
                        f"{st['speaker_name']} ({'quoted' if st['direct'] else 'reported'}), "
                        f"{st['source'] or 'unknown source'}, {st['date'] or 'undated'}",
                        layer="statement", statement_id=st["id"], speaker=st["speaker"], via=st["via"],
                        direct=st["direct"])

    def quantity(self, qt: dict[str, Any]) -> None:
        subject = self.names.get(qt["subject"], qt["subject"])
        claimant = self.names.get(qt["attributed_to"] or "") or qt["source"] or "the report"
        self.claim_note(qt, qt["subject"], f"{subject}: {quantity_summary(qt)}",
                        f"{quantity_summary(qt)} (claimed by {claimant}, {qt['date'] or 'undated'})",
                        layer="quantity", quantity_id=qt["id"], subject=qt["subject"],
                        attributed_to=qt["attributed_to"], value=qt["value"], value_max=qt["value_max"],
                        unit=qt["unit"], approximate=qt["approximate"])

    def report(self, doc: dict[str, Any]) -> None:
        full = self.graph.document(doc["id"])
        kept = {e["id"] for e in self.graph.entities}
        entity_refs = [ref for eid in full["entity_ids"] if eid in kept
                       for ref in (self.actor.get(eid), self.place.get(eid)) if ref]
        refs = list(dict.fromkeys(entity_refs + self.doc_refs.get(doc["id"], [])))
        if not refs:
            return
        mentions = [{"entity": m["entity"], "start": m["start"], "end": m["end"]} for m in full["mentions"]
                    if m["entity"] in kept]
        created = _timestamp(doc.get("ingested"), default=self.created)
        self.objects.append(stix2.v21.Report(
            id=stix_id("report", doc["id"]), name=doc.get("title") or doc.get("source") or doc["id"][:12],
            published=_timestamp(doc.get("published"), default=created), report_types=["threat-report"],
            object_refs=refs, created=created, modified=created, created_by_ref=PRODUCER_ID,
            external_references=[{"source_name": doc.get("source") or "unknown source",
                                  "description": doc.get("title") or "", "external_id": doc["id"]}],
            extensions=_ext(document_id=doc["id"], title=doc.get("title"), source=doc.get("source"),
                            author=doc.get("author"), published=doc.get("published"), text=full["text"],
                            mentions=mentions)))


def bundle(graph: GraphSlice) -> stix2.v21.Bundle:
    builder = _Builder(graph)
    builder.header()
    for ent in graph.entities:
        builder.entity(ent)
    for rel in graph.relations:
        builder.relation(rel)
    for ev in graph.events:
        builder.event(ev)
    for st in graph.statements:
        builder.statement(st)
    for qt in graph.quantities:
        builder.quantity(qt)
    for doc in graph.documents:
        builder.report(doc)
    digest = hashlib.sha256(json.dumps([o.id for o in builder.objects]).encode()).hexdigest()
    return stix2.v21.Bundle(objects=builder.objects, id=stix_id("bundle", digest))


def write(graph: GraphSlice, out: BinaryIO) -> list[str]:
    # stix2's pretty printer reorders every object's keys and is quadratic on large bundles;
    # the compact serialisation, re-indented by json, is the same JSON.
    compact = bundle(graph).serialize(pretty=False, ensure_ascii=False)
    out.write(json.dumps(json.loads(compact), indent=1, ensure_ascii=False).encode("utf-8"))
    out.write(b"\n")
    return ["bundle.json"]
