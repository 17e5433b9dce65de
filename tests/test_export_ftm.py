"""FollowTheMoney export: every line is an entity that followthemoney's model validates, and
the references between them resolve. followthemoney is the optional extra `ftm` (`make test`
installs it); without it these tests are skipped."""

from __future__ import annotations

import json

import pytest
from export_helpers import FILTERS, build_store, expected_ids

pytest.importorskip("followthemoney", reason="followthemoney is not installed: pip install -e '.[ftm]' "
                                              "(make test installs it)")
from followthemoney import model

from proxyatlas import api


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    return build_store(tmp_path_factory.mktemp("ftm"))


def _lines(db, tmp_path, **filters):
    out = tmp_path / "entities.ftm.json"
    api.export("ftm", db=db, out=out, **filters)
    return [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]


def test_every_entity_validates_and_every_reference_resolves(db, tmp_path):
    rows = _lines(db, tmp_path)
    proxies = {row["id"]: model.get_proxy(row, cleaned=False) for row in rows}
    assert len(proxies) == len(rows)
    for row, proxy in zip(rows, proxies.values(), strict=True):
        proxy.schema.validate(row)  # raises InvalidData on a bad value or a missing required property
        for prop, value in proxy.itervalues():
            if prop.type.name == "entity":
                assert value in proxies, (row["id"], prop.name, value)
                assert proxies[value].schema.is_a(prop.range), (row["id"], prop.name, proxies[value].schema)
    schemas = {row["id"]: row["schema"] for row in rows}
    assert schemas["pa-entity-qasem-soleimani"] == "Person" and schemas["pa-entity-iran"] == "PublicBody"
    assert schemas["pa-entity-houthis"] == "Organization" and schemas["pa-entity-beirut"] == "Address"
    links = [p for p in proxies.values() if p.schema.is_a("Interval") and p.has("recordId")]
    assert {p.first("recordId") for p in links} == expected_ids(db)
    assert {p.schema.name for p in links} >= {"Directorship", "UnknownLink"}
    leads = next(p for p in links if p.first("role") == "leads" and p.first("director") == "pa-entity-qasem-soleimani")
    assert leads.schema.name == "Directorship" and leads.first("organization") == "pa-entity-irgc-quds-force"
    notes = [p for p in proxies.values() if p.schema.name == "Documentation"]
    assert len(notes) == sum(len(r["evidence"]) for r in api.relations(db=db))
    assert all(p.first("summary") and p.first("document").startswith("pa-document-") for p in notes)


@pytest.mark.parametrize("filters", FILTERS, ids=str)
def test_ftm_honours_the_filters(db, tmp_path, filters):
    rows = _lines(db, tmp_path, **filters)
    got = {r["properties"]["recordId"][0] for r in rows if r["schema"] != "Documentation"
           and "recordId" in r["properties"]}
    assert got == expected_ids(db, **filters)
