"""`proxyatlas import --format stix`: an exported bundle rebuilds the same store; another
tool's bundle becomes entities and relations with stable ids."""

from __future__ import annotations

import json

import pytest
import stix2
from click.testing import CliRunner
from export_helpers import FILTERS, build_store, expected_ids

from proxyatlas import api
from proxyatlas.cli import main
from proxyatlas.errors import ProxyatlasError


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    return build_store(tmp_path_factory.mktemp("stix-import"))


def _entities(db):
    return sorted(({k: v for k, v in e.items()} for e in api.entities(db=db)), key=lambda e: e["id"])


def _relations(db, **filters):
    out = []
    for rel in api.relations(db=db, **filters):
        rel["evidence"] = [{k: v for k, v in ev.items() if k != "extractor"} for ev in rel["evidence"]]
        out.append(rel)
    return sorted(out, key=lambda r: r["id"])


def _documents(db):
    keep = ("id", "title", "source", "author", "published", "entities", "relations")
    return sorted(({k: d[k] for k in keep} for d in api.documents(db=db)), key=lambda d: d["id"])


def test_export_then_import_into_an_empty_store_gives_the_same_graph(db, tmp_path):
    bundle = tmp_path / "bundle.json"
    api.export("stix", db=db, out=bundle)
    copy = tmp_path / "copy.db"
    result = api.import_stix(bundle, db=copy)
    assert (result["documents"], result["skipped"]) == (3, {})
    assert _entities(copy) == _entities(db)
    assert _relations(copy) == _relations(db)
    assert _documents(copy) == _documents(db)
    for doc in api.documents(db=db):
        assert api.document(doc["id"], db=copy)["mentions"] == api.document(doc["id"], db=db)["mentions"]
    again = api.import_stix(bundle, db=copy)  # the same documents: nothing changes
    assert (again["documents"], again["unchanged"], again["relations"]) == (0, 3, 0)


@pytest.mark.parametrize("filters", FILTERS[1:], ids=str)
def test_a_filtered_export_imports_just_its_relations(db, tmp_path, filters):
    bundle = tmp_path / "bundle.json"
    api.export("stix", db=db, out=bundle, **filters)
    copy = tmp_path / "copy.db"
    api.import_stix(bundle, db=copy)
    assert {r["id"] for r in api.relations(db=copy)} == expected_ids(db, **filters)


def _foreign_bundle():
    """A bundle as OpenCTI or MITRE ATT&CK write them: no proxyatlas extension, custom objects."""
    author = stix2.v21.Identity(name="Example CTI vendor", identity_class="organization")
    group = stix2.v21.ThreatActor(name="Hizballah", threat_actor_types=["terrorist"], created_by_ref=author.id)
    state = stix2.v21.Identity(name="Islamic Republic of Iran", identity_class="organization",
                               sectors=["government-national"], created_by_ref=author.id)
    unit = stix2.v21.IntrusionSet(name="Cedar Unit 7", aliases=["CU7"], created_by_ref=author.id)
    where = stix2.v21.Location(name="Lebanon", country="LB", created_by_ref=author.id)
    tool = stix2.v21.Malware(name="Explosive", is_family=True, created_by_ref=author.id)
    objects = [author, group, state, unit, where, tool,
               stix2.v21.Relationship(group, "located-at", where, created_by_ref=author.id),
               stix2.v21.Relationship(state, "x-proxyatlas-supports", group, confidence=85, created_by_ref=author.id),
               stix2.v21.Relationship(unit, "uses", tool, created_by_ref=author.id),
               {"type": "x-mitre-tactic", "spec_version": "2.1", "id": "x-mitre-tactic--4ca45d45-df4d-4613-8980-bac22d278fa5",
                "created": "2020-01-01T00:00:00.000Z", "modified": "2020-01-01T00:00:00.000Z", "name": "Execution",
                "x_mitre_shortname": "execution"}]
    return stix2.v21.Bundle(objects=objects, allow_custom=True).serialize()


def test_a_foreign_bundle_becomes_entities_and_relations_with_stable_ids(tmp_path):
    path = tmp_path / "vendor.json"
    path.write_text(_foreign_bundle(), encoding="utf-8")
    db = tmp_path / "vendor.db"
    result = CliRunner().invoke(main, ["import", "--format", "stix", str(path), "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert "skipped 1: relationship between objects that are not two entities" in result.output  # uses -> malware
    ids = {e["id"]: e for e in api.entities(db=db)}
    assert {"hezbollah", "iran", "lebanon", "cedar-unit-7", "example-cti-vendor"} <= set(ids)  # registry ids first
    assert ids["cedar-unit-7"]["type"] == "organization" and "CU7" in ids["cedar-unit-7"]["aliases"]
    rels = {(r["type"], r["source"], r["target"]): r for r in api.relations(db=db)}
    assert set(rels) == {("operates_in", "hezbollah", "lebanon"), ("supports", "iran", "hezbollah")}
    supports = rels[("supports", "iran", "hezbollah")]
    assert supports["hedge"] == "asserted" and supports["evidence"][0]["source"] == "Example CTI vendor"
    ev = supports["evidence"][0]
    assert api.document(ev["document"], db=db)["text"][ev["start"]:ev["end"]] == ev["text"]
    assert api.import_stix(path, db=db)["unchanged"] == 1  # the same bundle again changes nothing


def test_a_bad_bundle_is_one_clear_error(tmp_path):
    path = tmp_path / "bad.json"
    path.write_text("not json", encoding="utf-8")
    with pytest.raises(ProxyatlasError, match="bad.json: line 1, column 1: invalid JSON in the STIX bundle"):
        api.import_stix(path, db=tmp_path / "x.db")
    path.write_text(json.dumps({"type": "bundle", "id": "bundle--4ca45d45-df4d-4613-8980-bac22d278fa5",
                                "objects": [{"type": "relationship", "id": "relationship--x"}]}), encoding="utf-8")
    with pytest.raises(ProxyatlasError, match="bad.json: invalid STIX 2.1 bundle"):
        api.import_stix(path, db=tmp_path / "x.db")
    path.write_text("[]", encoding="utf-8")
    result = CliRunner().invoke(main, ["import", str(path), "--db", str(tmp_path / "x.db")])
    assert result.exit_code == 1 and "not a STIX 2.1 bundle" in result.output
