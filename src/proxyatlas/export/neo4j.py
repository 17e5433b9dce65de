"""Neo4j: CSV files in the header format `neo4j-admin database import full` reads, plus
`load.cypher`, which loads the same files with LOAD CSV into a running database, and
`import.sh`, the neo4j-admin command line.

Nodes: entities (`:Entity` plus `:Person`/`:Organization`/`:Country`/`:Place`), documents
(`:Document`), evidence sentences (`:Evidence`), events (`:Event`), statements (`:Statement`)
and claimed numbers (`:Quantity`). Relationships: one per relation, typed by the ontology in
upper case (`SUPPORTS`, `LEADS`, ...); `AGENT_OF`, `TARGET_OF` and `PLACE_OF` from an entity to
an event; `SAID` from a speaker to a statement; `ABOUT` from a quantity to what it counts;
`IN_DOCUMENT` from each evidence node, event, statement and quantity to the documents reporting
it. An evidence node's `relation` property is the id of the relation it supports.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from ..ontology import load_ontology
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

ENTITY = ("id:ID(Entity)", "name", "type", "category", "aliases:string[]", "documents:int", "country", "wikidata",
          "latitude:float", "longitude:float", ":LABEL")
DOCUMENT = ("id:ID(Document)", "title", "source", "author", "published", ":LABEL")
EVIDENCE = ("id:ID(Evidence)", "relation", "source", "published", "hedge", "attributed_to", "start:int", "end:int",
            "text", ":LABEL")
RELATION = (":START_ID(Entity)", ":END_ID(Entity)", ":TYPE", "id", "hedge", "documents:int", "sources:int",
            "confidence:int", "likelihood", "valid_from", "valid_to", "first_seen", "last_seen")
IN_DOCUMENT = (":START_ID(Evidence)", ":END_ID(Document)", ":TYPE")
EVENT = ("id:ID(Event)", "type", "date", "summary", "place", "hedge", "attributed_to", "documents:int",
         "sources:int", ":LABEL")
STATEMENT = ("id:ID(Statement)", "speaker", "date", "text", "direct:boolean", "via", "document", "start:int",
             "end:int", "sentence", ":LABEL")
QUANTITY = ("id:ID(Quantity)", "subject", "value:float", "value_max:float", "unit", "approximate:boolean",
            "summary", "attributed_to", "date", "document", "start:int", "end:int", "sentence", ":LABEL")
EVENT_ACTOR = (":START_ID(Entity)", ":END_ID(Event)", ":TYPE")
SAID = (":START_ID(Entity)", ":END_ID(Statement)", ":TYPE")
ABOUT = (":START_ID(Quantity)", ":END_ID(Entity)", ":TYPE")
EVENT_DOCUMENT = (":START_ID(Event)", ":END_ID(Document)", ":TYPE")
STATEMENT_DOCUMENT = (":START_ID(Statement)", ":END_ID(Document)", ":TYPE")
QUANTITY_DOCUMENT = (":START_ID(Quantity)", ":END_ID(Document)", ":TYPE")
NODE_FILES = {"entities.csv": ENTITY, "documents.csv": DOCUMENT, "evidence.csv": EVIDENCE, "events.csv": EVENT,
              "statements.csv": STATEMENT, "quantities.csv": QUANTITY}
# Relationship files with one fixed type, loaded the same way: (file, header, type).
LINK_FILES = (("in_document.csv", IN_DOCUMENT, "IN_DOCUMENT"), ("said.csv", SAID, "SAID"),
              ("about.csv", ABOUT, "ABOUT"), ("event_documents.csv", EVENT_DOCUMENT, "IN_DOCUMENT"),
              ("statement_documents.csv", STATEMENT_DOCUMENT, "IN_DOCUMENT"),
              ("quantity_documents.csv", QUANTITY_DOCUMENT, "IN_DOCUMENT"))
EVENT_ROLES = {"agent": "AGENT_OF", "target": "TARGET_OF", "place": "PLACE_OF"}
FILES = {**NODE_FILES, "relations.csv": RELATION, "event_actors.csv": EVENT_ACTOR,
         **{name: header for name, header, _ in LINK_FILES}}


def _name(column: str) -> str:
    return column.split(":")[0]


def _write(path: Path, header: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        for row in rows:
            writer.writerow(["" if v is None else v for v in row])


def _label(column: str) -> str:
    """The node label of an id column: 'Entity' for ':START_ID(Entity)'."""
    return column[column.index("(") + 1:-1]


def _props(var: str, header: Sequence[str], skip: int) -> str:
    conv = {"int": "toInteger({})", "float": "toFloat({})", "boolean": "toBoolean({})", "string[]": "split({}, ';')"}
    sets = []
    for column in header[skip:]:
        if not _name(column):
            continue
        kind = column.split(":")[1] if ":" in column else ""
        value = conv.get(kind, "{}").format(f"row.`{column}`")
        sets.append(f"{var}.{_name(column)} = {value}")
    return ", ".join(sets)


def _match(header: Sequence[str]) -> str:
    return (f"MATCH (a:{_label(header[0])} {{id: row.`{header[0]}`}}), "
            f"(b:{_label(header[1])} {{id: row.`{header[1]}`}})")


def _cypher(types: Iterable[str]) -> str:
    lines = ["// Load the proxyatlas CSVs into a running Neo4j: put them in its import folder, then run",
             "// cypher-shell -f load.cypher"]
    for header in NODE_FILES.values():
        label = _label(header[0])
        lines.append(f"CREATE CONSTRAINT {label.lower()}_id IF NOT EXISTS FOR (n:{label}) REQUIRE n.id IS UNIQUE;")
    lines += ["LOAD CSV WITH HEADERS FROM 'file:///entities.csv' AS row",
              f"MERGE (n:Entity {{id: row.`{ENTITY[0]}`}}) SET {_props('n', ENTITY[:-1], 1)}"]
    for label in ("Person", "Organization", "Country", "Place"):
        lines.append(f"FOREACH (_ IN CASE WHEN row.type = '{label.lower()}' THEN [1] ELSE [] END | SET n:{label})")
    lines[-1] += ";"
    for name, header in NODE_FILES.items():
        if header is not ENTITY:
            lines += [f"LOAD CSV WITH HEADERS FROM 'file:///{name}' AS row",
                      f"MERGE (n:{_label(header[0])} {{id: row.`{header[0]}`}}) SET {_props('n', header[:-1], 1)};"]
    for name, header, rtype in LINK_FILES:
        lines += [f"LOAD CSV WITH HEADERS FROM 'file:///{name}' AS row", _match(header), f"MERGE (a)-[:{rtype}]->(b);"]
    # plain Cypher cannot take a relationship type from a column: one load per type
    for rtype in EVENT_ROLES.values():
        lines += ["LOAD CSV WITH HEADERS FROM 'file:///event_actors.csv' AS row",
                  f"WITH row WHERE row.`:TYPE` = '{rtype}'", _match(EVENT_ACTOR), f"MERGE (a)-[:{rtype}]->(b);"]
    for rtype in types:
        lines += ["LOAD CSV WITH HEADERS FROM 'file:///relations.csv' AS row",
                  f"WITH row WHERE row.`:TYPE` = '{rtype}'", _match(RELATION),
                  f"MERGE (a)-[r:{rtype} {{id: row.id}}]->(b) SET {_props('r', RELATION, 4)};"]
    return "\n".join(lines) + "\n"


def _span(item: dict[str, Any]) -> list[Any]:
    """A statement's or quantity's document and first evidence span: document, start, end, sentence."""
    span = first_span(item)
    return [item["document"], span.get("start"), span.get("end"), span.get("text")]


def _layers(graph: GraphSlice, folder: Path) -> None:
    """Events, statements and quantities with their links to entities and documents."""
    _write(folder / "events.csv", EVENT, (
        [ev["id"], ev["type"], ev["date"], event_summary(ev), ev["place"], ev["hedge"], ev["attributed_to"],
         ev["documents"], ev["sources"], "Event"] for ev in graph.events))
    _write(folder / "event_actors.csv", EVENT_ACTOR, (
        [eid, ev["id"], EVENT_ROLES[role]] for ev in graph.events for role, eid in event_roles(ev)))
    _write(folder / "event_documents.csv", EVENT_DOCUMENT, (
        [ev["id"], doc, "IN_DOCUMENT"] for ev in graph.events
        for doc in dict.fromkeys(span["document"] for span in ev["evidence"])))
    _write(folder / "statements.csv", STATEMENT, (
        [st["id"], st["speaker"], st["date"], st["text"], str(st["direct"]).lower(), st["via"], *_span(st),
         "Statement"] for st in graph.statements))
    _write(folder / "said.csv", SAID, ([st["speaker"], st["id"], "SAID"] for st in graph.statements))
    _write(folder / "statement_documents.csv", STATEMENT_DOCUMENT, (
        [st["id"], st["document"], "IN_DOCUMENT"] for st in graph.statements))
    _write(folder / "quantities.csv", QUANTITY, (
        [qt["id"], qt["subject"], qt["value"], qt["value_max"], qt["unit"], str(qt["approximate"]).lower(),
         quantity_summary(qt), qt["attributed_to"], qt["date"], *_span(qt), "Quantity"] for qt in graph.quantities))
    _write(folder / "about.csv", ABOUT, ([qt["id"], qt["subject"], "ABOUT"] for qt in graph.quantities))
    _write(folder / "quantity_documents.csv", QUANTITY_DOCUMENT, (
        [qt["id"], qt["document"], "IN_DOCUMENT"] for qt in graph.quantities))


def write(graph: GraphSlice, folder: Path) -> list[str]:
    _write(folder / "entities.csv", ENTITY, (
        [e["id"], e["name"], e["type"], e.get("category"), ";".join(a.replace(";", ",") for a in e.get("aliases", [])),
         e.get("documents"), e.get("country"), e.get("wikidata"), *graph.coords.get(e["id"], (None, None)),
         f"Entity;{e['type'].capitalize()}"] for e in graph.entities))
    _write(folder / "documents.csv", DOCUMENT, (
        [d["id"], d.get("title"), d.get("source"), d.get("author"), d.get("published"), "Document"]
        for d in graph.documents))
    rows = [(r, ev) for r in graph.relations for ev in r["evidence"]]
    _write(folder / "evidence.csv", EVIDENCE, (
        [evidence_id(r["id"], ev), r["id"], ev["source"], ev["published"], ev["hedge"], ev["attributed_to"],
         ev["start"], ev["end"], ev["text"], "Evidence"] for r, ev in rows))
    _write(folder / "in_document.csv", IN_DOCUMENT, ([evidence_id(r["id"], ev), ev["document"], "IN_DOCUMENT"]
                                                     for r, ev in rows))
    _write(folder / "relations.csv", RELATION, (
        [r["source"], r["target"], r["type"].upper(), r["id"], r["hedge"], r["documents"], r["sources"],
         confidence(r["hedge"], r["sources"]), likelihood(r["hedge"], r["sources"]), r["valid_from"],
         r["valid_to"], r["first_seen"], r["last_seen"]] for r in graph.relations))
    _layers(graph, folder)
    types = [t.upper() for t in load_ontology().relation_types]
    (folder / "load.cypher").write_text(_cypher(types), encoding="utf-8")
    nodes = " ".join(f"--nodes={name}" for name in NODE_FILES)
    links = " ".join(f"--relationships={name}" for name in FILES if name not in NODE_FILES)
    (folder / "import.sh").write_text(
        "#!/bin/sh\n# Build a new Neo4j database from these files (the database must not exist yet).\n"
        f'cd "$(dirname "$0")" && neo4j-admin database import full "${{1:-neo4j}}" \\\n'
        f"  {nodes} \\\n  {links} \\\n  --array-delimiter=';'\n", encoding="utf-8")
    return [*FILES, "load.cypher", "import.sh"]
