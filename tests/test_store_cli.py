"""The store's commands: thin, documented, the same --db/--format on each, non-zero exit on failure."""

from __future__ import annotations

import csv
import io
import json

import pytest
from click.testing import CliRunner
from store_helpers import ARTICLE_A, ARTICLE_B, write

from proxyatlas.cli import main

STORE_COMMANDS = ["ingest", "entities", "show", "relations", "path", "timeline", "as-of", "sources", "conflicts",
                  "documents", "merge", "split", "reject", "rebuild", "graph-stats", "events", "numbers", "merge-events",
                  "split-event", "reject-event"]


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def db(request, tmp_path_factory):
    """The two articles ingested through the CLI, into a SQLite file and into PostgreSQL."""
    folder = tmp_path_factory.mktemp("cli")
    write(folder / "in", "a.txt", ARTICLE_A, source="Outlet A", published="2019-05-01")
    write(folder / "in", "b.txt", ARTICLE_B, source="Outlet B", published="2019-06-01")
    path = request.getfixturevalue("pg_server").new_database() if request.param == "postgresql" \
        else str(folder / "store.db")
    result = CliRunner().invoke(main, ["ingest", str(folder / "in"), "--db", path])
    assert result.exit_code == 0, result.output
    assert "added 2, unchanged 0, failed 0" in result.output
    return path


def invoke(*args: str) -> str:
    result = CliRunner().invoke(main, list(args))
    assert result.exit_code == 0, result.output
    return result.output


@pytest.mark.parametrize("command", STORE_COMMANDS)
def test_every_store_command_has_an_example_and_the_shared_options(command):
    text = invoke(command, "--help")
    assert "Example: proxyatlas " + command in " ".join(text.split())
    assert "--db" in text and "--format [table|json|csv]" in text


def test_formats_json_csv_table(db):
    entities = json.loads(invoke("entities", "--db", db, "--format", "json"))
    assert {"qasem-soleimani", "popular-mobilization-forces", "iran"} <= {e["id"] for e in entities}
    rows = list(csv.DictReader(io.StringIO(invoke("relations", "--db", db, "--format", "csv", "--type", "supports"))))
    assert rows[0]["source"] == "Iran" and rows[0]["target"] == "Houthis" and rows[0]["sources"] == "2"
    table = invoke("show", "al-Hashd al-Shabi", "--db", db)
    assert table.startswith("Popular Mobilization Forces  (popular-mobilization-forces")
    shown = json.loads(invoke("show", "Popular Mobilization Unit", "--db", db, "--format", "json"))
    assert shown["entity"]["id"] == "popular-mobilization-forces"
    for command in ("timeline", "sources", "conflicts", "documents", "graph-stats"):
        json.loads(invoke(command, "--db", db, "--format", "json"))
        invoke(command, "--db", db)
    page = json.loads(invoke("as-of", "2019-05-15", "--db", db, "--format", "json", "--limit", "1"))
    assert page["total"] > 1 and len(page["relations"]) == 1 and page["relations"][0]["evidence"]
    assert invoke("as-of", "2019-05-15", "--db", db, "--limit", "1").rstrip().endswith(
        f"1-1 of {page['total']} relations valid on 2019-05-15, best corroborated first; --offset N for another "
        "page, --all for every one")
    every = json.loads(invoke("as-of", "2019-05-15", "--db", db, "--format", "json", "--all"))
    assert every["relations"][0] == page["relations"][0] and len(every["relations"]) == page["total"]
    assert json.loads(invoke("path", "Quds Force", "PMF", "--db", db, "--format", "json"))


def test_db_from_the_environment(db, monkeypatch):
    monkeypatch.setenv("PROXYATLAS_DB", db)
    assert "qasem-soleimani" in invoke("entities", "--type", "person")


def test_unknown_entity_is_one_line_and_exit_1(db):
    result = CliRunner().invoke(main, ["show", "Nobody Atall", "--db", db])
    assert result.exit_code == 1
    assert result.output.startswith("proxyatlas: error: no entity named 'Nobody Atall'")


def test_ingest_exits_non_zero_and_names_each_failure(tmp_path, store_db):
    write(tmp_path / "in", "good.txt", "Iran backs Hezbollah.\n")
    write(tmp_path / "in", "empty.txt", " \n")
    result = CliRunner().invoke(main, ["ingest", str(tmp_path / "in"), "--db", store_db])
    assert result.exit_code == 1
    assert "added 1, unchanged 0, failed 1" in result.output
    assert f"failed: {tmp_path / 'in' / 'empty.txt'}: empty document" in result.output
    bad = CliRunner().invoke(main, ["ingest", str(tmp_path / "in"), "--db", store_db,
                                    "--published", "someday"])
    assert bad.exit_code == 2 and "--published" in bad.output
