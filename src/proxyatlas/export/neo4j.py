"""Neo4j: CSV files in the header format `neo4j-admin database import full` reads, plus
`load.cypher`, which loads the same files with LOAD CSV into a running database, and
`import.sh`, the neo4j-admin command line.

Nodes: entities (`:Entity` plus `:Person`/`:Organization`/`:Country`/`:Place`), documents
(`:Document`) and evidence sentences (`:Evidence`). Relationships: one per relation, typed by
the ontology in upper case (`SUPPORTS`, `LEADS`, ...), and `IN_DOCUMENT` from each evidence
node to its document. An evidence node's `relation` property is the id of the relation it supports.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from ..ontology import load_ontology
from .base import GraphSlice, confidence, evidence_id, likelihood

ENTITY = ("id:ID(Entity)", "name", "type", "category", "aliases:string[]", "documents:int", "country", "wikidata",
          "latitude:float", "longitude:float", ":LABEL")
DOCUMENT = ("id:ID(Document)", "title", "source", "author", "published", ":LABEL")
EVIDENCE = ("id:ID(Evidence)", "relation", "source", "published", "hedge", "attributed_to", "start:int", "end:int",
            "text", ":LABEL")
RELATION = (":START_ID(Entity)", ":END_ID(Entity)", ":TYPE", "id", "hedge", "documents:int", "sources:int",
            "confidence:int", "likelihood", "valid_from", "valid_to", "first_seen", "last_seen")
IN_DOCUMENT = (":START_ID(Evidence)", ":END_ID(Document)", ":TYPE")
FILES = {"entities.csv": ENTITY, "documents.csv": DOCUMENT, "evidence.csv": EVIDENCE, "relations.csv": RELATION,
         "in_document.csv": IN_DOCUMENT}


def _name(column: str) -> str:
    return column.split(":")[0]


def _write(path: Path, header: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        for row in rows:
            writer.writerow(["" if v is None else v for v in row])


def _cypher(types: Iterable[str]) -> str:
    def props(var: str, header: Sequence[str], skip: int) -> str:
        conv = {"int": "toInteger({})", "float": "toFloat({})", "string[]": "split({}, ';')"}
        sets = []
        for column in header[skip:]:
            if not _name(column):
                continue
            kind = column.split(":")[1] if ":" in column else ""
            value = conv.get(kind, "{}").format(f"row.`{column}`")
            sets.append(f"{var}.{_name(column)} = {value}")
        return ", ".join(sets)

    lines = ["// Load the proxyatlas CSVs into a running Neo4j: put them in its import folder, then run",
             "// cypher-shell -f load.cypher", "CREATE CONSTRAINT entity_id IF NOT EXISTS FOR (n:Entity) REQUIRE n.id IS UNIQUE;",
             "CREATE CONSTRAINT document_id IF NOT EXISTS FOR (n:Document) REQUIRE n.id IS UNIQUE;",
             "CREATE CONSTRAINT evidence_id IF NOT EXISTS FOR (n:Evidence) REQUIRE n.id IS UNIQUE;",
             "LOAD CSV WITH HEADERS FROM 'file:///entities.csv' AS row",
             f"MERGE (n:Entity {{id: row.`{ENTITY[0]}`}}) SET {props('n', ENTITY[:-1], 1)}"]
    for label in ("Person", "Organization", "Country", "Place"):
        lines.append(f"FOREACH (_ IN CASE WHEN row.type = '{label.lower()}' THEN [1] ELSE [] END | SET n:{label})")
    lines[-1] += ";"
    lines += ["LOAD CSV WITH HEADERS FROM 'file:///documents.csv' AS row",
              f"MERGE (n:Document {{id: row.`{DOCUMENT[0]}`}}) SET {props('n', DOCUMENT[:-1], 1)};",
              "LOAD CSV WITH HEADERS FROM 'file:///evidence.csv' AS row",
              f"MERGE (n:Evidence {{id: row.`{EVIDENCE[0]}`}}) SET {props('n', EVIDENCE[:-1], 1)};",
              "LOAD CSV WITH HEADERS FROM 'file:///in_document.csv' AS row",
              f"MATCH (a:Evidence {{id: row.`{IN_DOCUMENT[0]}`}}), (b:Document {{id: row.`{IN_DOCUMENT[1]}`}})",
              "MERGE (a)-[:IN_DOCUMENT]->(b);"]
    for rtype in types:  # plain Cypher cannot take a relationship type from a column: one load per type
        lines += ["LOAD CSV WITH HEADERS FROM 'file:///relations.csv' AS row",
                  f"WITH row WHERE row.`:TYPE` = '{rtype}'",
                  f"MATCH (a:Entity {{id: row.`{RELATION[0]}`}}), (b:Entity {{id: row.`{RELATION[1]}`}})",
                  f"MERGE (a)-[r:{rtype} {{id: row.id}}]->(b) SET {props('r', RELATION, 4)};"]
    return "\n".join(lines) + "\n"


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
         confidence(r["hedge"], r["sources"], r["confirmed"]), likelihood(r["hedge"], r["sources"]), r["valid_from"],
         r["valid_to"], r["first_seen"], r["last_seen"]] for r in graph.relations))
    types = [t.upper() for t in load_ontology().relation_types]
    (folder / "load.cypher").write_text(_cypher(types), encoding="utf-8")
    (folder / "import.sh").write_text(
        "#!/bin/sh\n# Build a new Neo4j database from these files (the database must not exist yet).\n"
        'cd "$(dirname "$0")" && neo4j-admin database import full "${1:-neo4j}" \\\n'
        "  --nodes=entities.csv --nodes=documents.csv --nodes=evidence.csv \\\n"
        "  --relationships=relations.csv --relationships=in_document.csv --array-delimiter=';'\n",
        encoding="utf-8")
    return [*FILES, "load.cypher", "import.sh"]
