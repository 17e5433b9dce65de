"""FollowTheMoney entities as JSON lines, built and validated by the `followthemoney` library
(optional extra: `pip install 'proxyatlas[ftm]'`).

Entities: person -> Person, state_body -> PublicBody, other organisations -> Organization
(armed groups with topic `mil`), country -> PublicBody (topic `gov.national`, the state as
actor), place -> Address. Relations: leads -> Directorship, member_of and part_of ->
Membership (a unit is a member of the whole: FtM's Ownership takes only assets, and
organisations are not assets), every other type -> UnknownLink; the role is the relation
type, `status` the hedge and `proof` the source articles. Where an end's schema does not fit
(a place, a person as organisation), the relation is an UnknownLink. Documents
are Article entities; each evidence sentence is a Documentation linking its article to the
relation's source entity, with the span and the relation id in `description`.

Events are `Event` entities: `involved` the agents and targets that are legal entities
(`organizer` the agents), `addressEntity` and `location` the place, `date`, `summary`, `proof`
the articles reporting it (no `sourceUrl`: the store keeps files, not web addresses), hedge,
sources and each report's sentence in `description`. Statements and claimed numbers are `Note`
entities on the speaker or the counted actor, with the sentence, its article as `proof` and
the claimant in `description`.
"""

from __future__ import annotations

import json
from typing import Any, BinaryIO

from followthemoney import model
from followthemoney.proxy import EntityProxy

from .base import GraphSlice, event_summary, evidence_id, first_span, iso_date, quantity_summary
from .stix import iso2

NAMESPACE = "pa"
TOPICS = {"state_body": "gov", "armed_group": "mil", "political": "pol.party", "country": "gov.national"}
LINKS = {"leads": ("Directorship", "director", "organization"), "member_of": ("Membership", "member", "organization"),
         "part_of": ("Membership", "member", "organization")}  # schema, property of the source, of the target


def _id(kind: str, key: str) -> str:
    return f"{NAMESPACE}-{kind}-{key}"


def _schema(ent: dict[str, Any]) -> str:
    return {"person": "Person", "country": "PublicBody", "place": "Address"}.get(
        ent["type"], "PublicBody" if ent.get("category") == "state_body" else "Organization")


def _entity(ent: dict[str, Any], coords: tuple[float, float] | None) -> EntityProxy:
    etype, category = ent["type"], ent.get("category")
    proxy = model.make_entity(_schema(ent))
    proxy.id = _id("entity", ent["id"])
    proxy.add("name", ent["name"])
    if proxy.schema.name == "Address":
        proxy.add("full", ent["name"])
        if coords:
            proxy.add("latitude", coords[0])
            proxy.add("longitude", coords[1])
    else:
        proxy.add("alias", ent.get("aliases") or [])
        proxy.add("topics", TOPICS.get(category or etype), quiet=True)
    proxy.add("country", iso2(ent.get("country")), quiet=True)
    proxy.add("wikidataId", ent.get("wikidata"), quiet=True)
    proxy.add("keywords", [v for v in (etype, category) if v])
    return proxy


def _link(rel: dict[str, Any], schemas: dict[str, str]) -> tuple[str, str, str]:
    """The relation's schema and end properties; UnknownLink where an end's schema does not fit."""
    schema, src_prop, dst_prop = LINKS.get(rel["type"], ("UnknownLink", "subject", "object"))
    link = model.schemata[schema]
    for end, prop in ((rel["source"], src_prop), (rel["target"], dst_prop)):
        if not model.schemata[schemas[end]].is_a(link.properties[prop].range):
            return "UnknownLink", "subject", "object"
    return schema, src_prop, dst_prop


def _relation(rel: dict[str, Any], schemas: dict[str, str]) -> EntityProxy:
    schema, src_prop, dst_prop = _link(rel, schemas)
    proxy = model.make_entity(schema)
    proxy.id = _id("relation", rel["id"])
    proxy.add(src_prop, _id("entity", rel["source"]))
    proxy.add(dst_prop, _id("entity", rel["target"]))
    proxy.add("role", rel["type"].replace("_", " "))
    proxy.add("status", rel["hedge"])
    proxy.add("startDate", iso_date(rel["valid_from"]), quiet=True)
    proxy.add("endDate", iso_date(rel["valid_to"]), quiet=True)
    proxy.add("recordId", rel["id"])
    proxy.add("summary", f"{rel['source_name']} {rel['type'].replace('_', ' ')} {rel['target_name']}")
    proxy.add("description", f"{rel['hedge']}; {rel['sources']} independent source(s), {rel['documents']} "
                             f"document(s); first seen {rel['first_seen'] or 'undated'}, last seen "
                             f"{rel['last_seen'] or 'undated'}")
    proxy.add("proof", sorted({_id("document", ev["document"]) for ev in rel["evidence"]}))
    return proxy


def _article(doc: dict[str, Any]) -> EntityProxy:
    article = model.make_entity("Article")
    article.id = _id("document", doc["id"])
    article.add("title", doc.get("title") or doc["id"][:12])
    article.add("publisher", doc.get("source"), quiet=True)
    article.add("author", doc.get("author"), quiet=True)
    article.add("publishedAt", iso_date(doc.get("published")), quiet=True)
    return article


def _evidence(rel: dict[str, Any], ev: dict[str, Any]) -> EntityProxy:
    note = model.make_entity("Documentation")
    note.id = _id("evidence", evidence_id(rel["id"], ev))
    note.add("document", _id("document", ev["document"]))
    note.add("entity", _id("entity", rel["source"]))
    note.add("role", f"evidence: {rel['type'].replace('_', ' ')}")
    note.add("summary", ev["text"])
    note.add("description", f"relation {rel['id']}; characters {ev['start']}-{ev['end']}; {ev['hedge']}"
                            + (f"; attributed to {ev['attributed_to']}" if ev["attributed_to"] else ""))
    note.add("date", iso_date(ev.get("published")), quiet=True)
    return note


def _event(ev: dict[str, Any], schemas: dict[str, str]) -> EntityProxy:
    proxy = model.make_entity("Event")
    proxy.id = _id("event", ev["id"])
    summary = event_summary(ev)
    proxy.add("name", summary)
    proxy.add("summary", summary)
    legal = model.schemata["LegalEntity"]
    for prop, ids in (("organizer", ev["agents"]), ("involved", ev["agents"] + ev["targets"])):
        proxy.add(prop, [_id("entity", i) for i in ids if model.schemata[schemas[i]].is_a(legal)])
    if ev["place"]:
        proxy.add("location", ev["names"].get(ev["place"], ev["place"]))
        if schemas[ev["place"]] == "Address":
            proxy.add("addressEntity", _id("entity", ev["place"]))
    proxy.add("date", iso_date(ev["date"]), quiet=True)
    proxy.add("keywords", ev["type"])
    proxy.add("description", f"{ev['hedge']}; {ev['sources']} independent source(s), {ev['documents']} document(s)"
                             + (f"; attributed to {ev['attributed_to']}" if ev["attributed_to"] else "")
                             + "".join(f"; {span['source'] or 'unknown source'}: {span['text']}"
                                       for span in ev["evidence"]))
    proxy.add("proof", list(dict.fromkeys(_id("document", span["document"]) for span in ev["evidence"])))
    return proxy


def _note(kind: str, item: dict[str, Any], about: str, summary: str, description: str) -> EntityProxy:
    """A statement or claimed number as a Note on the entity it is about, proved by its article."""
    note = model.make_entity("Note")
    note.id = _id(kind, item["id"])
    note.add("entity", _id("entity", about))
    note.add("summary", summary)
    note.add("description", description)
    note.add("proof", _id("document", item["document"]))
    note.add("keywords", kind)
    return note


def _statement(st: dict[str, Any]) -> EntityProxy:
    sentence = first_span(st).get("text", st["text"])
    return _note("statement", st, st["speaker"], st["text"],
                 f"{'quoted' if st['direct'] else 'reported'} statement of {st['speaker_name']}, "
                 f"{st['date'] or 'undated'}" + (f", via {st['via']}" if st["via"] else "") + f": {sentence}")


def _quantity(qt: dict[str, Any], names: dict[str, str]) -> EntityProxy:
    sentence = first_span(qt).get("text", "")
    claimant = names.get(qt["attributed_to"] or "") or qt["source"] or "the report"
    return _note("quantity", qt, qt["subject"], quantity_summary(qt),
                 f"claimed by {claimant}, {qt['date'] or 'undated'}: {sentence}")


def proxies(graph: GraphSlice) -> list[EntityProxy]:
    schemas = {e["id"]: _schema(e) for e in graph.entities}
    out = [_entity(e, graph.coords.get(e["id"])) for e in graph.entities]
    out += [_article(doc) for doc in graph.documents]
    for rel in graph.relations:
        out.append(_relation(rel, schemas))
        out += [_evidence(rel, ev) for ev in rel["evidence"]]
    out += [_event(ev, schemas) for ev in graph.events]
    out += [_statement(st) for st in graph.statements]
    names = {e["id"]: e["name"] for e in graph.entities}
    out += [_quantity(qt, names) for qt in graph.quantities]
    return out


def write(graph: GraphSlice, out: BinaryIO) -> list[str]:
    out.writelines(json.dumps(proxy.to_dict(), ensure_ascii=False, sort_keys=True).encode("utf-8") + b"\n" for proxy in proxies(graph))
    return ["entities.ftm.json"]
