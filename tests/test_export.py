"""Exports: each format written from a small store and read back by its own library, with the
filters (--type, --min-sources, --as-of) honoured in every one."""

from __future__ import annotations

import csv
import json
import re

import networkx as nx
import pytest
import stix2
from click.testing import CliRunner
from export_helpers import FILTERS, build_store, expected, expected_entities, expected_ids
from stix2validator import ValidationOptions, validate_string

from proxyatlas import api
from proxyatlas.cli import main
from proxyatlas.errors import ProxyatlasError
from proxyatlas.export.base import LIKELIHOOD, confidence
from proxyatlas.export.stix import EXTENSION_ID


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    return build_store(tmp_path_factory.mktemp("export"))


def _export(db, tmp_path, fmt, **filters):
    out = tmp_path / f"out.{fmt}"
    result = api.export(fmt, db=db, out=out, **filters)
    assert result["relations"] == len(expected_ids(db, **filters))
    return out


def test_the_filters_select_proper_subsets(db):
    everything = expected_ids(db)
    assert len(everything) >= 5
    for filters in FILTERS[1:]:
        assert set() < expected_ids(db, **filters) < everything, filters


def test_confidence_table_follows_hedge_and_corroboration():
    assert [confidence("asserted", n) for n in (1, 2, 3, 9)] == [70, 85, 95, 95]
    assert confidence("reported", 1) == 50 and confidence("alleged", 1) == 30 and confidence("denied", 2) == 5
    for hedge in LIKELIHOOD:  # more independent sources never lower the confidence, except denials
        values = [confidence(hedge, n) for n in (1, 2, 3)]
        assert values == (sorted(values, reverse=True) if hedge == "denied" else sorted(values))


# -- STIX ------------------------------------------------------------------------------------
def _stix(db, tmp_path, **filters):
    text = _export(db, tmp_path, "stix", **filters).read_text(encoding="utf-8")
    return text, json.loads(text)["objects"]


def test_stix_bundle_parses_and_passes_the_oasis_validator(db, tmp_path):
    text, objects = _stix(db, tmp_path)
    bundle = stix2.parse(text, allow_custom=True)
    assert len(bundle.objects) == len(objects)
    stix2.parse(text)  # the proxyatlas extension is registered: no custom content to allow
    results = validate_string(text, ValidationOptions(version="2.1"))
    assert results.is_valid, [str(e) for e in results.errors]
    warnings = {re.search(r"\{(\d+)\}", str(w)).group(1) for w in results.warnings}
    assert warnings <= {"202", "223"}  # custom relationship types; a place with no known region


def test_stix_objects_map_the_ontology(db, tmp_path):
    _, objects = _stix(db, tmp_path)
    by_entity = {}
    for obj in objects:
        ext = obj.get("extensions", {}).get(EXTENSION_ID, {})
        if "entity_id" in ext:
            by_entity.setdefault(ext["entity_id"], {})[obj["type"]] = obj
    assert by_entity["hezbollah"]["threat-actor"]["threat_actor_types"] == ["unknown"]
    assert by_entity["qasem-soleimani"]["identity"]["identity_class"] == "individual"
    assert set(by_entity["iran"]) == {"identity", "location"} and by_entity["iran"]["location"]["country"] == "IR"
    beirut = by_entity["beirut"]["location"]
    assert (round(beirut["latitude"]), round(beirut["longitude"])) == (34, 36)
    rels = {o["extensions"][EXTENSION_ID]["relation_type"]: o for o in objects
            if o["type"] == "relationship" and EXTENSION_ID in o.get("extensions", {})}
    assert rels["operates_in"]["relationship_type"] == "located-at"
    assert rels["operates_in"]["target_ref"] == by_entity["syria"]["location"]["id"]
    assert rels["supports"]["relationship_type"] == "x-proxyatlas-supports"
    assert rels["supports"]["confidence"] == confidence("reported", 2) == 70
    assert 'estimative-language:likelihood-probability="likely"' in rels["supports"]["labels"]
    assert rels["leads"]["relationship_type"] == "x-proxyatlas-leads"


def test_stix_keeps_span_provenance_in_the_extension_notes_and_reports(db, tmp_path):
    _, objects = _stix(db, tmp_path)
    notes = [o for o in objects if o["type"] == "note" and "relation_id" in o["extensions"][EXTENSION_ID]]
    reports = {o["id"]: o for o in objects if o["type"] == "report"}
    evidence = [(r["id"], ev) for r in expected(db) for ev in r["evidence"]]
    assert len(notes) == len(evidence) and len(reports) == 3
    for note in notes:
        span = note["extensions"][EXTENSION_ID]
        text = api.document(span["document"], db=db)["text"]
        assert text[span["start"]:span["end"]] == note["content"]
        report = next(r for r in reports.values() if r["extensions"][EXTENSION_ID]["document_id"] == span["document"])
        assert note["id"] in report["object_refs"] and note["object_refs"][0] in report["object_refs"]
    for obj in objects:
        if obj["type"] == "relationship" and EXTENSION_ID in obj.get("extensions", {}):
            for ev in obj["extensions"][EXTENSION_ID]["evidence"]:
                assert api.document(ev["document"], db=db)["text"][ev["start"]:ev["end"]] == ev["text"]


def test_stix_ids_are_stable_across_exports(db, tmp_path):
    first = _export(db, tmp_path, "stix").read_text(encoding="utf-8")
    assert _export(db, tmp_path, "stix").read_text(encoding="utf-8") == first


@pytest.mark.parametrize("filters", FILTERS, ids=str)
def test_stix_honours_the_filters(db, tmp_path, filters):
    _, objects = _stix(db, tmp_path, **filters)
    got = {o["extensions"][EXTENSION_ID]["relation_id"] for o in objects
           if o["type"] == "relationship" and "relation_id" in o.get("extensions", {}).get(EXTENSION_ID, {})}
    assert got == expected_ids(db, **filters)


# -- GraphML and GEXF --------------------------------------------------------------------------
@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
@pytest.mark.parametrize("filters", FILTERS, ids=str)
def test_graph_formats_read_back_with_networkx(db, tmp_path, fmt, filters):
    out = _export(db, tmp_path, fmt, **filters)
    graph = nx.read_graphml(out, force_multigraph=True) if fmt == "graphml" else nx.read_gexf(out)
    rels = {r["id"]: r for r in expected(db, **filters)}
    edges = {data["id"]: (a, b, data) for a, b, data in graph.edges(data=True)}
    assert graph.number_of_edges() == len(edges)
    assert set(edges) == set(rels)
    type_key = "type" if fmt == "graphml" else "relation_type"
    for rid, (a, b, data) in edges.items():
        rel = rels[rid]
        assert (a, b, data[type_key], data["hedge"]) == (rel["source"], rel["target"], rel["type"], rel["hedge"])
        assert (int(data["sources"]), data.get("first_seen")) == (rel["sources"], rel["first_seen"])
    assert set(graph.nodes) == expected_entities(db, **filters)
    node = graph.nodes["houthis"]
    assert (node["type"], node["category"], node["name"]) == ("organization", "armed_group", "Houthis")
    assert "Ansar Allah" in node["aliases"].split("; ")


# -- CSV -------------------------------------------------------------------------------------
def _rows(path):
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _cell(value):
    return "" if value is None else str(value)


@pytest.mark.parametrize("filters", FILTERS, ids=str)
def test_csv_tables_round_trip(db, tmp_path, filters):
    folder = tmp_path / "csv"
    result = api.export("csv", db=db, out=folder, **filters)
    assert sorted(result["files"]) == sorted(str(folder / n) for n in (
        "nodes.csv", "edges.csv", "evidence.csv", "documents.csv", "events.csv", "event_actors.csv",
        "event_evidence.csv", "statements.csv", "quantities.csv"))
    rels = expected(db, **filters)
    edges = {row["id"]: row for row in _rows(folder / "edges.csv")}
    assert set(edges) == {r["id"] for r in rels}
    for rel in rels:
        for key in ("source", "target", "type", "hedge", "documents", "sources", "valid_from", "valid_to",
                    "first_seen", "last_seen"):
            assert edges[rel["id"]][key] == _cell(rel[key]), key
    evidence = _rows(folder / "evidence.csv")
    want = sorted((r["id"], e["document"], e["start"], e["end"], e["text"]) for r in rels for e in r["evidence"])
    assert sorted((e["relation"], e["document"], int(e["start"]), int(e["end"]), e["text"]) for e in evidence) == want
    assert len({e["id"] for e in evidence}) == len(evidence)
    nodes = {row["id"]: row for row in _rows(folder / "nodes.csv")}
    assert {r[k] for r in rels for k in ("source", "target")} <= set(nodes)
    entities = {e["id"]: e for e in api.entities(db=db)}
    for eid, row in nodes.items():
        assert (row["name"], row["type"], row["aliases"]) == (entities[eid]["name"], entities[eid]["type"],
                                                              "; ".join(entities[eid]["aliases"]))
    assert {d["id"] for d in _rows(folder / "documents.csv")} >= {e[1] for e in want}


# -- Neo4j -----------------------------------------------------------------------------------
_HEADER = re.compile(r"^(?:[A-Za-z_]\w*)?(?::(?:ID|START_ID|END_ID)\((?:\w+)\)|:TYPE|:LABEL|:(?:int|float|boolean|string\[\]))?$")


@pytest.mark.parametrize("filters", FILTERS, ids=str)
def test_neo4j_files_follow_the_admin_import_header_format(db, tmp_path, filters):
    folder = tmp_path / "neo4j"
    api.export("neo4j", db=db, out=folder, **filters)
    tables = {p.name: _rows(p) for p in folder.glob("*.csv")}
    for name in tables:
        header = next(csv.reader((folder / name).open(encoding="utf-8")))
        assert all(_HEADER.match(col) for col in header), (name, header)
    ids = {group: {row[f"id:ID({group})"] for row in tables[f"{table}.csv"]}
           for group, table in (("Entity", "entities"), ("Document", "documents"), ("Evidence", "evidence"))}
    rels = tables["relations.csv"]
    assert {r["id"] for r in rels} == expected_ids(db, **filters)
    assert all(r[":START_ID(Entity)"] in ids["Entity"] and r[":END_ID(Entity)"] in ids["Entity"] for r in rels)
    assert all(r[":TYPE"] == r[":TYPE"].upper() for r in rels)
    links = tables["in_document.csv"]
    assert {r[":START_ID(Evidence)"] for r in links} == ids["Evidence"]
    assert {r[":END_ID(Document)"] for r in links} <= ids["Document"]
    assert {r[":LABEL"].split(";")[0] for r in tables["entities.csv"]} == {"Entity"}
    script = (folder / "load.cypher").read_text(encoding="utf-8")
    for name in tables:
        assert f"file:///{name}" in script
    for rtype in {r[":TYPE"] for r in rels}:
        assert f"[r:{rtype} " in script
    assert "neo4j-admin database import full" in (folder / "import.sh").read_text(encoding="utf-8")


# -- CLI and errors --------------------------------------------------------------------------
def test_cli_export_to_a_file_and_to_stdout(db, tmp_path):
    runner = CliRunner()
    out = tmp_path / "g.graphml"
    result = runner.invoke(main, ["export", "--format", "graphml", "--db", str(db), "--out", str(out),
                                  "--min-sources", "2"])
    assert result.exit_code == 0, result.output
    assert {k for _, _, k in nx.read_graphml(out, force_multigraph=True).edges(keys=True)} == \
        expected_ids(db, min_sources=2)
    result = runner.invoke(main, ["export", "--format", "stix", "--db", str(db), "--type", "supports,leads",
                                  "--as-of", "2019-05-15"])
    assert result.exit_code == 0, result.output
    objects = json.loads(result.stdout)["objects"]
    assert {o["extensions"][EXTENSION_ID]["relation_type"] for o in objects if "relation_type" in
            o.get("extensions", {}).get(EXTENSION_ID, {})} <= {"supports", "leads"}


def test_folder_formats_need_a_folder_and_unknown_formats_are_named(db, tmp_path):
    with pytest.raises(ProxyatlasError, match="give a folder with --out DIR"):
        api.export("csv", db=db, out="-")
    with pytest.raises(ProxyatlasError, match="unknown export format 'xml'"):
        api.export("xml", db=db, out=tmp_path / "x")
    result = CliRunner().invoke(main, ["export", "--format", "neo4j", "--db", str(db)])
    assert result.exit_code == 1 and "give a folder" in result.output
