"""Every layer in every export: events, statements and claimed numbers in STIX (a new SDO and
notes, still valid for the OASIS validator and re-importable), FollowTheMoney (Event and Note
entities), CSV, Neo4j and, behind --with-events, GraphML and GEXF; all read through the one
event reader `export.base.read_events`."""

from __future__ import annotations

import csv
import json

import networkx as nx
import pytest
import stix2
from click.testing import CliRunner
from export_helpers import FILTERS, build_store, expected_entities, expected_layers
from stix2validator import ValidationOptions, validate_string

from proxyatlas import api
from proxyatlas.cli import main
from proxyatlas.errors import ProxyatlasError
from proxyatlas.export import base
from proxyatlas.export.stix import EVENT_EXTENSION_ID, EVENT_TYPE, EXTENSION_ID
from proxyatlas.store import open_store, queries


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    return build_store(tmp_path_factory.mktemp("layers"))


@pytest.fixture(scope="module")
def layers(db):
    """What the store holds: the events the exports read, statements and quantities."""
    return expected_layers(db)


def _rows(path):
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _cell(value):
    return "" if value is None else str(value)


def test_the_store_has_every_layer(layers):
    events = {e["type"]: e for e in layers["events"]}
    assert events["killing"]["place"] == "beirut" and events["killing"]["targets"] == ["hassan-nasrallah"]
    assert [(q["subject"], q["value"], q["unit"], q["attributed_to"]) for q in layers["quantities"]] == \
        [("hezbollah", 20000, "fighters", "israel")]
    assert {s["speaker"] for s in layers["statements"]} >= {"reuters", "united-states"}


# -- STIX ------------------------------------------------------------------------------------
def _bundle(db, tmp_path, **filters):
    out = tmp_path / "bundle.json"
    api.export("stix", db=db, out=out, **filters)
    text = out.read_text(encoding="utf-8")
    return out, text, json.loads(text)["objects"]


def test_stix_events_are_an_extension_defined_sdo_tied_to_their_actors(db, tmp_path, layers):
    _, text, objects = _bundle(db, tmp_path)
    results = validate_string(text, ValidationOptions(version="2.1"))
    assert results.is_valid, [str(e) for e in results.errors]
    stix2.parse(text)  # the event SDO is registered: no custom content to allow
    by_id = {o["id"]: o for o in objects}
    definition = by_id[EVENT_EXTENSION_ID]
    assert definition["type"] == "extension-definition" and definition["extension_types"] == ["new-sdo"]
    events = {o["x_proxyatlas_event_id"]: o for o in objects if o["type"] == EVENT_TYPE}
    assert set(events) == {e["id"] for e in layers["events"]}
    actor_of = {}  # STIX id -> proxyatlas entity id
    for obj in objects:
        ext = obj.get("extensions", {}).get(EXTENSION_ID, {})
        if "entity_id" in ext:
            actor_of[obj["id"]] = ext["entity_id"]
    for ev in layers["events"]:
        obj = events[ev["id"]]
        assert obj["extensions"] == {EVENT_EXTENSION_ID: {"extension_type": "new-sdo"}}
        assert (obj["x_proxyatlas_type"], obj.get("x_proxyatlas_date"), obj["x_proxyatlas_hedge"]) == \
            (ev["type"], ev["date"], ev["hedge"])
        assert (obj.get("x_proxyatlas_agents", []), obj.get("x_proxyatlas_targets", []),
                obj.get("x_proxyatlas_place")) == (ev["agents"], ev["targets"], ev["place"])
        assert (obj["x_proxyatlas_sources"], obj["x_proxyatlas_documents"]) == (ev["sources"], ev["documents"])
        for span in obj["x_proxyatlas_evidence"]:
            assert api.document(span["document"], db=db)["text"][span["start"]:span["end"]] == span["text"]
        links = {(o["relationship_type"], actor_of[o["source_ref"]] if o["target_ref"] == obj["id"]
                  else actor_of[o["target_ref"]]) for o in objects
                 if o["type"] == "relationship" and obj["id"] in (o["source_ref"], o["target_ref"])}
        want = {("x-proxyatlas-agent-of", a) for a in ev["agents"]} | \
            {("x-proxyatlas-target-of", t) for t in ev["targets"]} | \
            ({("located-at", ev["place"])} if ev["place"] else set())
        assert links == want
        located = [o for o in objects if o["type"] == "relationship" and o["relationship_type"] == "located-at"
                   and o["source_ref"] == obj["id"]]
        assert all(by_id[o["target_ref"]]["type"] == "location" for o in located)
        report = next(o for o in objects if o["type"] == "report"
                      and o["extensions"][EXTENSION_ID]["document_id"] == ev["evidence"][0]["document"])
        assert obj["id"] in report["object_refs"]


def test_stix_statements_and_numbers_are_notes_on_the_actor_and_the_report(db, tmp_path, layers):
    _, _, objects = _bundle(db, tmp_path)
    by_id = {o["id"]: o for o in objects}
    notes = {}
    for obj in objects:
        ext = obj.get("extensions", {}).get(EXTENSION_ID, {})
        if obj["type"] == "note" and ext.get("layer"):
            notes[ext.get("statement_id") or ext["quantity_id"]] = (obj, ext)
    for kind, about in (("statements", "speaker"), ("quantities", "subject")):
        for item in layers[kind]:
            note, ext = notes[item["id"]]
            actor, report = (by_id[ref] for ref in note["object_refs"])
            assert actor["extensions"][EXTENSION_ID]["entity_id"] == item[about]
            assert report["type"] == "report" and report["extensions"][EXTENSION_ID]["document_id"] == item["document"]
            assert note["id"] in report["object_refs"]
            text = report["extensions"][EXTENSION_ID]["text"]
            assert text[ext["start"]:ext["end"]] == ext["sentence"] == item["evidence"][0]["text"]
    quantity = layers["quantities"][0]
    note, ext = notes[quantity["id"]]
    assert (ext["value"], ext["unit"], ext["approximate"], ext["attributed_to"]) == (20000, "fighters", True, "israel")
    assert note["content"] == "Hezbollah: about 20,000 fighters" and "claimed by Israel" in note["abstract"]


def test_stix_export_imports_back_with_every_layer(db, tmp_path, layers):
    bundle, _, _ = _bundle(db, tmp_path)
    copy = tmp_path / "copy.db"
    result = api.import_stix(bundle, db=copy)
    assert (result["documents"], result["skipped"]) == (3, {})
    with open_store(copy) as store:
        assert base.read_events(store) == layers["events"]
        assert queries.statements(store) == layers["statements"]
        assert queries.quantities(store) == layers["quantities"]


def _layer_ext(obj):
    return obj["extensions"][EXTENSION_ID]


def _past_the_text(spans):
    return [{**spans[0], "end": 10**9}]


def _start_as_text(spans):
    return [{**spans[0], "start": str(spans[0]["start"])}]


# (layer, field, new value or a function of the old one, the problem the one-line error names);
# stix2 itself refuses some values (an "invalid STIX 2.1 bundle"), the importer checks the rest.
@pytest.mark.parametrize("kind, field, value, problem", [
    ("event", "x_proxyatlas_type", "picnic", "event type 'picnic' is not one of"),
    ("event", "x_proxyatlas_hedge", 3, "hedge '3' is not one of"),
    ("event", "x_proxyatlas_evidence", _start_as_text, "'start' must be a int"),
    ("event", "x_proxyatlas_evidence", _past_the_text, "event evidence: start and end are not offsets"),
    ("event", "x_proxyatlas_evidence", {"document": "d"}, "invalid STIX 2.1 bundle"),
    ("quantity", "value", "many", "invalid STIX 2.1 bundle"),
    ("quantity", "subject", None, "'subject' must be a str"),
    ("statement", "end", 10**9, "statement evidence: start and end are not offsets"),
])
def test_a_malformed_layer_object_is_refused_in_one_line_and_stores_nothing(db, tmp_path, kind, field, value,
                                                                           problem):
    _, text, objects = _bundle(db, tmp_path)
    if kind == "event":
        target = next(o for o in objects if o["type"] == EVENT_TYPE)
    else:
        target = _layer_ext(next(o for o in objects if o["type"] == "note"
                                 and _layer_ext(o).get("layer") == kind))
    target[field] = value(target[field]) if callable(value) else value
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({**json.loads(text), "objects": objects}), encoding="utf-8")
    copy = tmp_path / "copy.db"
    with pytest.raises(ProxyatlasError) as raised:
        api.import_stix(bad, db=copy)
    message = str(raised.value)
    assert problem in message and str(bad) in message and "\n" not in message
    assert not copy.exists() or not _documents_in(copy)


def _documents_in(db):
    with open_store(db) as store:
        return store.conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0]


# -- FollowTheMoney --------------------------------------------------------------------------
def test_ftm_events_and_notes_load_in_followthemoney(db, tmp_path, layers):
    pytest.importorskip("followthemoney", reason="followthemoney is not installed: pip install -e '.[ftm]'")
    from followthemoney import model

    out = tmp_path / "entities.ftm.json"
    api.export("ftm", db=db, out=out)
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    proxies = {row["id"]: model.get_proxy(row, cleaned=False) for row in rows}
    for row in rows:
        model.get_proxy(row).schema.validate(row)
    events = {p.id: p for p in proxies.values() if p.schema.name == "Event"}
    assert set(events) == {f"pa-event-{e['id']}" for e in layers["events"]}
    for ev in layers["events"]:
        proxy = events[f"pa-event-{ev['id']}"]
        assert set(proxy.get("involved")) == {f"pa-entity-{i}" for i in ev["agents"] + ev["targets"]}
        assert all(proxies[ref].schema.is_a("LegalEntity") for ref in proxy.get("involved"))
        assert proxy.get("proof") == [f"pa-document-{span['document']}" for span in ev["evidence"]]
        assert all(proxies[ref].schema.name == "Article" for ref in proxy.get("proof"))
        assert proxy.get("date") == ([ev["date"]] if ev["date"] else [])
        assert proxy.first("summary") == proxy.first("name") and ev["type"] in proxy.first("summary")
        if ev["place"]:
            assert proxy.get("addressEntity") == [f"pa-entity-{ev['place']}"]
            assert proxy.get("location") == [ev["names"][ev["place"]]]
    notes = {p.id: p for p in proxies.values() if p.schema.name == "Note"}
    for kind, about in (("statement", "speaker"), ("quantity", "subject")):
        for item in layers[{"statement": "statements", "quantity": "quantities"}[kind]]:
            note = notes[f"pa-{kind}-{item['id']}"]
            assert note.get("entity") == [f"pa-entity-{item[about]}"]
            assert note.get("proof") == [f"pa-document-{item['document']}"]
            assert item["evidence"][0]["text"] in note.first("description")


# -- CSV and Neo4j ---------------------------------------------------------------------------
def test_csv_tables_carry_events_statements_and_quantities(db, tmp_path, layers):
    folder = tmp_path / "csv"
    api.export("csv", db=db, out=folder)
    events = {row["id"]: row for row in _rows(folder / "events.csv")}
    assert set(events) == {e["id"] for e in layers["events"]}
    for ev in layers["events"]:
        row = events[ev["id"]]
        assert (row["type"], row["date"], row["place"], row["hedge"], row["agents"], row["targets"]) == \
            (ev["type"], _cell(ev["date"]), _cell(ev["place"]), ev["hedge"], "; ".join(ev["agents"]),
             "; ".join(ev["targets"]))
        assert (int(row["documents"]), int(row["sources"])) == (ev["documents"], ev["sources"])
    actors = sorted((r["event"], r["entity"], r["role"]) for r in _rows(folder / "event_actors.csv"))
    assert actors == sorted((e["id"], eid, role) for e in layers["events"] for role, eid in base.event_roles(e))
    spans = sorted((r["event"], r["document"], int(r["start"]), r["text"]) for r in _rows(folder / "event_evidence.csv"))
    assert spans == sorted((e["id"], s["document"], s["start"], s["text"]) for e in layers["events"]
                           for s in e["evidence"])
    statements = {row["id"]: row for row in _rows(folder / "statements.csv")}
    assert {k: (r["speaker"], r["text"], r["document"]) for k, r in statements.items()} == \
        {s["id"]: (s["speaker"], s["text"], s["document"]) for s in layers["statements"]}
    [quantity] = _rows(folder / "quantities.csv")
    assert (quantity["subject"], quantity["subject_name"], float(quantity["value"]), quantity["unit"],
            quantity["approximate"], quantity["attributed_to"], quantity["summary"]) == \
        ("hezbollah", "Hezbollah", 20000.0, "fighters", "True", "israel", "about 20,000 fighters")
    documents = {row["id"] for row in _rows(folder / "documents.csv")}
    assert {row["document"] for row in (*statements.values(), quantity)} <= documents


def test_neo4j_has_event_statement_quantity_nodes_and_their_relationships(db, tmp_path, layers):
    folder = tmp_path / "neo4j"
    api.export("neo4j", db=db, out=folder)
    ids = {label: {r[f"id:ID({label})"] for r in _rows(folder / name)} for label, name in (
        ("Entity", "entities.csv"), ("Document", "documents.csv"), ("Event", "events.csv"),
        ("Statement", "statements.csv"), ("Quantity", "quantities.csv"))}
    assert ids["Event"] == {e["id"] for e in layers["events"]}
    assert ids["Statement"] == {s["id"] for s in layers["statements"]}
    assert ids["Quantity"] == {q["id"] for q in layers["quantities"]}
    roles = {"agent": "AGENT_OF", "target": "TARGET_OF", "place": "PLACE_OF"}
    assert sorted((r[":START_ID(Entity)"], r[":END_ID(Event)"], r[":TYPE"]) for r in _rows(folder / "event_actors.csv")) \
        == sorted((eid, e["id"], roles[role]) for e in layers["events"] for role, eid in base.event_roles(e))
    said = {(r[":START_ID(Entity)"], r[":END_ID(Statement)"], r[":TYPE"]) for r in _rows(folder / "said.csv")}
    assert said == {(s["speaker"], s["id"], "SAID") for s in layers["statements"]}
    about = {(r[":START_ID(Quantity)"], r[":END_ID(Entity)"], r[":TYPE"]) for r in _rows(folder / "about.csv")}
    assert about == {(q["id"], q["subject"], "ABOUT") for q in layers["quantities"]}
    for name, label in (("event_documents.csv", "Event"), ("statement_documents.csv", "Statement"),
                        ("quantity_documents.csv", "Quantity")):
        rows = _rows(folder / name)
        assert {r[f":START_ID({label})"] for r in rows} == ids[label]
        assert {r[":END_ID(Document)"] for r in rows} <= ids["Document"] and {r[":TYPE"] for r in rows} == {"IN_DOCUMENT"}
    entity_ends = {r[":START_ID(Entity)"] for n in ("event_actors.csv", "said.csv") for r in _rows(folder / n)}
    assert entity_ends | {r[":END_ID(Entity)"] for r in _rows(folder / "about.csv")} <= ids["Entity"]
    script = (folder / "load.cypher").read_text(encoding="utf-8")
    for rtype in ("AGENT_OF", "TARGET_OF", "PLACE_OF", "SAID", "ABOUT"):
        assert f"-[:{rtype}]->" in script
    command = (folder / "import.sh").read_text(encoding="utf-8")
    assert all(f"={p.name}" in command for p in folder.glob("*.csv"))


# -- GraphML and GEXF ------------------------------------------------------------------------
@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_graph_formats_draw_events_only_with_events(db, tmp_path, layers, fmt):
    def read(path):
        return nx.read_graphml(path, force_multigraph=True) if fmt == "graphml" else nx.read_gexf(path)

    plain, with_events = tmp_path / f"plain.{fmt}", tmp_path / f"events.{fmt}"
    api.export(fmt, db=db, out=plain)
    result = CliRunner().invoke(main, ["export", "--format", fmt, "--db", str(db), "--out", str(with_events),
                                       "--with-events"])
    assert result.exit_code == 0, result.output
    assert "3 events" in result.output
    without, graph = read(plain), read(with_events)
    assert not [n for n, d in without.nodes(data=True) if d.get("type") == "event"]
    events = {n: d for n, d in graph.nodes(data=True) if d.get("type") == "event"}
    assert set(events) == {e["id"] for e in layers["events"]}
    type_key = "type" if fmt == "graphml" else "relation_type"
    for ev in layers["events"]:
        assert events[ev["id"]]["event_type"] == ev["type"]
        edges = {(a, d[type_key]) for a, b, d in graph.in_edges(ev["id"], data=True)}
        assert edges == {(eid, f"{role}_of") for role, eid in base.event_roles(ev)}
    assert set(without.nodes) == set(graph.nodes) - set(events)


def test_with_events_is_refused_where_events_are_always_exported(db, tmp_path):
    with pytest.raises(ProxyatlasError, match="--with-events applies to graphml, gexf only"):
        api.export("stix", db=db, out=tmp_path / "b.json", with_events=True)
    result = CliRunner().invoke(main, ["export", "--format", "csv", "--db", str(db), "--out", str(tmp_path / "c"),
                                       "--with-events"])
    assert result.exit_code == 1 and "the csv export always carries events" in result.output
    assert not (tmp_path / "c").exists()


# -- filters ---------------------------------------------------------------------------------
# The export filters, and two that keep a claimed number (2024-10-01) or drop it by date.
LAYER_FILTERS = [*FILTERS, {"as_of": "2024-12-01"}, {"type": ["supports", "leads"], "as_of": "2024-09-01"}]


@pytest.mark.parametrize("filters", LAYER_FILTERS, ids=str)
def test_filtered_exports_keep_the_layers_of_their_entities(db, tmp_path, filters):
    folder = tmp_path / "csv"
    result = api.export("csv", db=db, out=folder, **filters)
    want = expected_layers(db, **filters)
    assert (result["events"], result["statements"], result["quantities"]) == \
        (len(want["events"]), len(want["statements"]), len(want["quantities"]))
    for kind in ("events", "statements", "quantities"):
        assert {r["id"] for r in _rows(folder / f"{kind}.csv")} == {item["id"] for item in want[kind]}, kind
    assert {r["id"] for r in _rows(folder / "nodes.csv")} == expected_entities(db, **filters)
    documents = {r["id"] for r in _rows(folder / "documents.csv")}
    assert {r["document"] for n in ("statements.csv", "quantities.csv", "event_evidence.csv")
            for r in _rows(folder / n)} <= documents


def test_the_filters_select_layers(db):
    kept = {str(f): expected_layers(db, **f) for f in LAYER_FILTERS}
    assert [len(kept[str(FILTERS[3])][k]) for k in ("events", "quantities")] == [1, 1]  # Nasrallah's killing
    assert len(kept[str(LAYER_FILTERS[4])]["quantities"]) == 1
    assert not kept[str(LAYER_FILTERS[5])]["quantities"]  # claimed after the as-of date


# -- one event reader ------------------------------------------------------------------------
def test_every_export_reads_events_through_read_events(db, tmp_path, layers, monkeypatch):
    """A happening reported by two documents from two outlets (what cross-document events will
    give): one event with both reports, in every format, and back from STIX into both documents."""
    meeting = next(e for e in layers["events"] if e["date"] == "2019-05-27")
    other = next(e for e in layers["events"] if e["type"] == "meeting" and e is not meeting)  # another outlet's report
    merged = {**meeting, "id": "resolved-meeting", "documents": 2, "sources": 2,
              "evidence": other["evidence"] + meeting["evidence"]}
    monkeypatch.setattr(base, "read_events", lambda store: [merged])
    _, _, objects = _bundle(db, tmp_path)
    [event] = [o for o in objects if o["type"] == EVENT_TYPE]
    assert (event["x_proxyatlas_event_id"], event["x_proxyatlas_sources"], len(event["x_proxyatlas_evidence"])) == \
        ("resolved-meeting", 2, 2)
    reports = [o for o in objects if o["type"] == "report" and event["id"] in o["object_refs"]]
    assert len(reports) == 2
    api.export("neo4j", db=db, out=tmp_path / "neo4j")
    assert len(_rows(tmp_path / "neo4j" / "event_documents.csv")) == 2
    api.export("csv", db=db, out=tmp_path / "csv")
    assert [r["sources"] for r in _rows(tmp_path / "csv" / "events.csv")] == ["2"]
    assert len(_rows(tmp_path / "csv" / "event_evidence.csv")) == 2
    monkeypatch.undo()
    copy = tmp_path / "copy.db"
    api.import_stix(tmp_path / "bundle.json", db=copy)
    with open_store(copy) as store:
        back = base.read_events(store)
    assert sorted(s["document"] for e in back for s in e["evidence"]) == \
        sorted(s["document"] for s in merged["evidence"])
