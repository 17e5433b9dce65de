"""Numbers over time: every number claimed about an actor, grouped by what it counts, with its
claimant and outlet; and the `events` and `numbers` commands."""

from __future__ import annotations

import csv
import io
import json

import pytest
from click.testing import CliRunner
from event_reports import PUBLISHED, STRIKE_COPY, STRIKE_OWN, STRIKE_WIRE
from store_helpers import dump, write

from proxyatlas import api
from proxyatlas.cli import main


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    folder = tmp_path_factory.mktemp("numbers")
    write(folder / "in", "speech.txt", "Hezbollah has 100,000 fighters, its leader Hassan Nasrallah said in a speech.\n",
          source="Al-Manar", published="2021-10-18")
    write(folder / "in", "estimate.txt",
          "Israeli officials estimate that Hezbollah has between 40,000 and 50,000 troops.\n",
          source="Haaretz", published="2022-01-05")
    write(folder / "in", "wire.txt", STRIKE_WIRE, source="Reuters", published=PUBLISHED)
    write(folder / "in", "copy.txt", STRIKE_COPY, source="Gulf Daily", published=PUBLISHED)
    write(folder / "in", "own.txt", STRIKE_OWN, source="Associated Press", published=PUBLISHED)
    path = str(folder / "store.db")
    assert api.ingest([folder / "in"], db=path).added == 5
    return path


def test_numbers_are_grouped_by_what_they_count_in_date_order(db):
    found = api.numbers("Hezbollah", db=db, unit="fighters")  # fighters, troops, members, men: personnel
    assert [(n["date"], n["value"], n["value_max"], n["unit"]) for n in found[:2]] == \
        [("2021-10-18", 100000, None, "fighters"), ("2022-01-05", 40000, 50000, "troops")]
    assert [(n["claimant_name"], n["outlet"]) for n in found[:2]] == [("Hassan Nasrallah", "Al-Manar"),
                                                                     ("Israel", "Haaretz")]
    assert {n["group"] for n in found} == {"personnel"}
    assert [n["date"] for n in found] == sorted(n["date"] for n in found)
    # a strike's death toll counts the dead, whatever word it counts them in
    dead = api.numbers("Hezbollah", db=db, unit="killed")
    assert {n["group"] for n in dead} == {"fatalities"}
    assert {(n["value"], n["outlet"]) for n in dead} >= {(3, "Reuters"), (3, "Gulf Daily"), (4, "Associated Press")}
    everything = api.numbers("Hezbollah", db=db)
    assert {n["group"] for n in everything} == {"personnel", "fatalities"}
    assert api.numbers("Hezbollah", db=db, unit="tanks") == []


def _run(*args: str) -> str:
    result = CliRunner().invoke(main, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def test_events_and_numbers_commands(db):
    [event] = json.loads(_run("events", "--db", db, "--actor", "Israel", "--min-sources", "2", "--format", "json"))
    assert {"id", "type", "date", "agents", "targets", "place", "hedge", "documents", "sources", "evidence"} <= set(event)
    assert (event["documents"], event["sources"]) == (3, 2)
    rows = list(csv.DictReader(io.StringIO(_run("events", "--db", db, "--from", "2024-03-10", "--to", "2024-03-10",
                                               "--format", "csv"))))
    assert [(r["date"], r["place"], r["sources"]) for r in rows] == [("2024-03-10", "Nabatieh", "2")]
    assert _run("events", "--db", db, "--to", "2023").strip() == "(none)"
    table = _run("numbers", "Hezbollah", "--db", db, "--unit", "troops")
    assert "40000-50000" in table and "Haaretz" in table and "Reuters" not in table


@pytest.mark.parametrize("args, message", [
    (["events", "--from", "soon"], "date 'soon' is not an EDTF date"),
    (["events", "--actor", "Nobody Atall"], "no entity named 'Nobody Atall'"),
    (["numbers", "Nobody Atall"], "no entity named 'Nobody Atall'"),
    (["merge-events", "abc", "def"], "no event with id 'abc'"),
    (["split-event", "abc", "--document", "def"], "no event with id 'abc'"),
    (["reject-event", "abc", "--reason", "a drill"], "no event with id 'abc'"),
])
def test_bad_arguments_are_one_line_errors_and_change_nothing(db, args, message):
    before = dump(db)
    result = CliRunner().invoke(main, [*args, "--db", db])
    assert result.exit_code == 1 and message in result.output and len(result.output.strip().splitlines()) == 1
    assert dump(db) == before


def test_reject_event_without_a_reason_is_refused(db):
    event = api.events(db=db)[0]["id"]
    before = dump(db)
    result = CliRunner().invoke(main, ["reject-event", event[:8], "--db", db])
    assert result.exit_code == 1 and f"give the reason event {event} is wrong" in result.output
    assert len(result.output.strip().splitlines()) == 1 and dump(db) == before
