"""Analysts' corrections beyond merge and split: confirm, reject with a reason, retype, rehedge,
recategorise, alias and undo; each one a record replayed on re-derive and on `proxyatlas rebuild`.

Every test runs on SQLite and on PostgreSQL (the `store_db` fixture of conftest)."""

from __future__ import annotations

import csv
import json

import pytest
from click.testing import CliRunner
from store_helpers import dump, write
from test_store import two  # noqa: F401  (the two-article store fixture)

from proxyatlas import api
from proxyatlas.cli import main
from proxyatlas.errors import NotFoundError, ProxyatlasError


def graph(db) -> tuple[dict, dict]:
    """What a reader sees: every relation (hedge, checker, sources, evidence) and entity (kind, aliases)."""
    rels = {(r["type"], r["source"], r["target"]): (r["hedge"], r["confirmed_by"], r["sources"],
                                                    sorted(e["text"] for e in r["evidence"]))
            for r in api.relations(db=db)}
    ents = {e["id"]: (e["type"], e["category"], sorted(e["aliases"])) for e in api.entities(db=db)}
    return rels, ents


def supports(db) -> dict:
    [rel] = api.relations(db=db, type="supports", source="Iran", target="Houthis")
    return rel


def test_confirm_marks_sorts_first_and_exports_confidence_100(two, tmp_path):  # noqa: F811
    db, _ = two
    last = api.relations(db=db)[-1]
    assert last["sources"] == 1 and not last["confirmed"]
    record = api.confirm(last["id"][:10], db=db, author="ann", reason="read both articles")
    assert (record["kind"], record["author"], record["reason"], record["relation"]) == \
        ("confirm", "ann", "read both articles", last["id"])
    rels = api.relations(db=db)
    assert rels[0]["id"] == last["id"] and rels[0]["confirmed_by"] == "ann" and rels[0]["confirmed_at"]
    assert not any(r["confirmed"] for r in rels[1:])
    assert "checked by ann" in CliRunner().invoke(main, ["show", last["source"], "--db", str(db)]).output
    with pytest.raises(ProxyatlasError, match="already confirmed by ann"):
        api.confirm(last["id"], db=db, author="bob")

    api.export("csv", db=db, out=tmp_path / "csv")
    edges = {row["id"]: row for row in csv.DictReader((tmp_path / "csv" / "edges.csv").open(encoding="utf-8"))}
    assert (edges[last["id"]]["confidence"], edges[last["id"]]["confirmed"], edges[last["id"]]["confirmed_by"]) == \
        ("100", "True", "ann")
    assert all(int(row["confidence"]) < 100 and row["confirmed"] == "False" for i, row in edges.items()
               if i != last["id"])
    api.export("stix", db=db, out=tmp_path / "b.json")
    bundle = json.loads((tmp_path / "b.json").read_text(encoding="utf-8"))
    confirmed = [o for o in bundle["objects"] if o["type"] == "relationship" and o.get("confidence") == 100]
    [ext] = [next(iter(o["extensions"].values())) for o in confirmed]
    assert (ext["relation_id"], ext["confirmed"], ext["confirmed_by"]) == (last["id"], True, "ann")


def test_retype_moves_the_evidence_and_rehedge_overrides_the_texts(two):  # noqa: F811
    db, _ = two
    rel = supports(db)
    with pytest.raises(ProxyatlasError, match="not one of"):
        api.retype(rel["id"], "funds", db=db)
    with pytest.raises(ProxyatlasError, match="cannot join iran"):
        api.retype(rel["id"], "member_of", db=db)  # only a person is a member
    with pytest.raises(ProxyatlasError, match="already has relation type supports"):
        api.retype(rel["id"], "supports", db=db)
    api.retype(rel["id"], "trains", db=db, author="ann", reason="the article says trains")
    assert api.relations(db=db, type="supports") == []
    [moved] = api.relations(db=db, type="trains", source="Iran", target="Houthis")
    assert moved["id"] != rel["id"]
    assert (moved["documents"], moved["sources"], moved["hedge"]) == (rel["documents"], rel["sources"], rel["hedge"])
    assert [e["text"] for e in moved["evidence"]] == [e["text"] for e in rel["evidence"]]

    api.rehedge(moved["id"], "alleged", db=db, author="ann")
    [hedged] = api.relations(db=db, type="trains")
    assert hedged["hedge"] == "alleged" and api.relations(db=db, hedge="alleged") == [hedged]
    assert [e["hedge"] for e in hedged["evidence"]] == [e["hedge"] for e in rel["evidence"]]  # the texts' own
    with pytest.raises(ProxyatlasError, match="already has hedge alleged"):
        api.rehedge(moved["id"], "alleged", db=db)
    with pytest.raises(ProxyatlasError, match="not one of"):
        api.rehedge(moved["id"], "certain", db=db)


def test_reject_keeps_its_reason_and_a_rejected_relation_takes_no_other_decision(two):  # noqa: F811
    db, _ = two
    rel = supports(db)
    record = api.reject(rel["id"], db=db, author="ann", reason="misread")
    assert record["reason"] == "misread" and api.relations(db=db, type="supports") == []
    for action in (lambda: api.confirm(rel["id"], db=db), lambda: api.rehedge(rel["id"], "alleged", db=db),
                   lambda: api.reject(rel["id"], db=db)):
        with pytest.raises(ProxyatlasError, match="is rejected; undo the rejection first"):
            action()
    for missing in ("ffffffffff", ""):
        with pytest.raises(NotFoundError, match="no relation"):
            api.confirm(missing, db=db)


def test_recategorise_and_alias(two, tmp_path):  # noqa: F811
    db, _ = two
    api.recategorise("Houthis", category="political", db=db, author="ann")
    houthis = api.show("Houthis", db=db)["entity"]
    assert (houthis["type"], houthis["category"]) == ("organization", "political")
    with pytest.raises(ProxyatlasError, match="already a organization \\(political\\)"):
        api.recategorise("Houthis", category="political", db=db)
    with pytest.raises(ProxyatlasError, match="for organizations only"):
        api.recategorise("qasem-soleimani", category="armed_group", db=db)
    with pytest.raises(ProxyatlasError, match="not one of"):
        api.recategorise("Houthis", type="militia", db=db)
    with pytest.raises(NotFoundError, match="no entity named"):
        api.recategorise("Nobody At All", type="person", db=db)

    # a retyped entity keeps the documents that still write it with its old type
    api.recategorise("ahmad-farrokhzadeh", type="organization", db=db, author="ann")
    write(tmp_path / "more", "c.txt", "Advisers meet\n\nAhmad Farrokhzadeh, a senior adviser to the militia, "
          "met Iraqi officials in Baghdad on Tuesday, the agency said.\n", source="Outlet C", published="2019-07-01")
    assert api.ingest([tmp_path / "more"], db=str(db)).added == 1
    [adviser] = [e for e in api.entities(db=db) if "Farrokhzadeh" in e["name"]]
    assert (adviser["id"], adviser["type"], adviser["category"], adviser["documents"]) == \
        ("ahmad-farrokhzadeh", "organization", "other", 3)

    api.alias("Houthis", "Yemeni Ansar", db=db, author="ann")
    assert "Yemeni Ansar" in api.show("houthis", db=db)["entity"]["aliases"]
    assert api.show("yemeni ansar", db=db)["entity"]["id"] == "houthis"
    with pytest.raises(ProxyatlasError, match="already an alias of houthis"):
        api.alias("Houthis", "Ansarallah", db=db)
    with pytest.raises(ProxyatlasError, match="already names iran; merge the entities instead"):
        api.alias("Houthis", "Tehran", db=db)


def test_undo_restores_the_earlier_state_for_every_action(two):  # noqa: F811
    db, _ = two
    before = graph(db)
    rel = supports(db)
    actions = [lambda: api.merge("Houthis", "Iran", db=db), lambda: api.split("iran", "Tehran", db=db),
               lambda: api.reject(rel["id"], db=db, reason="no"), lambda: api.confirm(rel["id"], db=db),
               lambda: api.retype(rel["id"], "trains", db=db), lambda: api.rehedge(rel["id"], "denied", db=db),
               lambda: api.recategorise("Houthis", category="state_body", db=db),
               lambda: api.alias("Houthis", "Yemeni Ansar", db=db)]
    for act in actions:
        record = act()
        assert graph(db) != before, record["kind"]
        undone = api.undo(record["id"], db=db, author="ann", reason="changed my mind")
        assert graph(db) == before, record["kind"]
        assert undone["correction"] == record["id"] and undone["kind"] == "undo"
    listing = api.corrections(db=db)
    assert [c["kind"] for c in listing[:2]] == ["undo", "alias"]  # newest first
    assert all(c["undone_by"] for c in listing if c["kind"] != "undo")
    with pytest.raises(ProxyatlasError, match="already undone"):
        api.undo(listing[1]["id"], db=db)
    with pytest.raises(ProxyatlasError, match="is an undo"):
        api.undo(listing[0]["id"], db=db)
    with pytest.raises(NotFoundError, match="no correction"):
        api.undo("0123456789", db=db)
    again = api.confirm(rel["id"], db=db, author="ann")  # the same decision after its undo is a new record
    assert again["id"] not in {c["id"] for c in listing} and supports(db)["confirmed_by"] == "ann"


def test_corrections_survive_rebuild(two):  # noqa: F811
    db, _ = two
    rel = supports(db)
    api.retype(rel["id"], "trains", db=db, author="ann")
    [trains] = api.relations(db=db, type="trains")
    api.rehedge(trains["id"], "alleged", db=db, author="ann")
    api.confirm(trains["id"], db=db, author="ann")
    [leads] = api.relations(db=db, type="leads")
    api.reject(leads["id"], db=db, author="ann", reason="he was dead by then")
    api.recategorise("Houthis", category="political", db=db, author="ann")
    api.alias("Houthis", "Yemeni Ansar", db=db, author="ann")
    undone = api.alias("iran", "Persia", db=db, author="ann")
    api.undo(undone["id"], db=db, author="ann")
    expected = graph(db)
    assert expected[0][("trains", "iran", "houthis")][:2] == ("alleged", "ann")
    result = CliRunner().invoke(main, ["rebuild", "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert graph(db) == expected
    assert "Persia" not in api.show("iran", db=db)["entity"]["aliases"]


def test_cli_corrections_and_bad_input(two):  # noqa: F811
    db, _ = two
    run = CliRunner().invoke
    rel = supports(db)
    result = run(main, ["confirm", rel["id"][:8], "--author", "jd", "--reason", "two outlets", "--db", str(db),
                        "--format", "json"])
    assert result.exit_code == 0, result.output
    record = json.loads(result.output)
    assert (record["kind"], record["author"], record["reason"]) == ("confirm", "jd", "two outlets")
    listing = run(main, ["corrections", "--db", str(db), "--format", "csv"]).output.splitlines()
    assert listing[0].startswith("id,kind,author") and record["id"] in listing[1]
    queue = json.loads(run(main, ["review", "--db", str(db), "--format", "json"]).output)
    assert queue and rel["id"] not in {r["id"] for r in queue}
    before = dump(db) if not str(db).startswith("postgresql://") else None
    for args, message in ((["confirm", "ffffff"], "no relation with id 'ffffff'"),
                          (["retype", rel["id"], "member_of"], "cannot join"),
                          (["rehedge", rel["id"], rel["hedge"]], f"already has hedge {rel['hedge']}"),
                          (["recategorise", "Nobody At All", "--type", "person"], "no entity named"),
                          (["undo", "nope"], "no correction with id 'nope'")):
        result = run(main, [*args, "--db", str(db)])
        assert result.exit_code == 1 and message in result.output, (args, result.output)
        assert len(result.output.strip().splitlines()) == 1
    if before is not None:
        assert dump(db) == before
