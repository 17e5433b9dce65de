"""The command line: JSON shape, table output, flags, and one-line errors for bad input."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "articles"


def cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "proxyatlas.cli", *args], capture_output=True, text=True)


def test_extract_json_has_the_six_layers(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("Militias back home\n\nIran backs Hezbollah in Lebanon, officials said on Monday.\n")
    run = cli("extract", str(article), "--published", "2024-03-06", "--source", "Example Desk")
    assert run.returncode == 0, run.stderr
    data = json.loads(run.stdout)
    assert list(data) == ["document", "entities", "relations", "events", "statements", "quantities"]
    assert data["document"]["published"] == "2024-03-06"
    assert data["document"]["source"] == "Example Desk"
    assert data["document"]["title"] == "Militias back home"
    assert len(data["document"]["id"]) == 64
    assert {"iran", "hezbollah", "lebanon"} <= {e["id"] for e in data["entities"]}


def test_published_flag_accepts_a_dateline_date_and_rejects_nonsense(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("Iran backs Hezbollah.\n")
    assert json.loads(cli("extract", str(article), "--published", "09.01.2020").stdout)["document"][
        "published"] == "2020-01-09"
    bad = cli("extract", str(article), "--published", "someday")
    assert bad.returncode != 0 and "--published" in bad.stderr


def test_table_format_shows_every_layer():
    run = cli("extract", str(EXAMPLES / "tower22-jordan-drone-attack.txt"), "--format", "table")
    assert run.returncode == 0, run.stderr
    for heading in ("Entities", "Relations", "Events", "Statements", "Quantities"):
        assert heading in run.stdout


def _bad(tmp_path: Path, name: str, content: bytes | None) -> Path:
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    return path


@pytest.mark.parametrize("name, content, problem", [
    ("missing.txt", None, "file not found"),
    ("empty.txt", b"   \n\n", "empty document"),
    ("binary.txt", b"\x00\x01\x02binary\x00", "binary file"),
    ("latin1.txt", "Caf\xe9 militia".encode("latin-1"), "not valid UTF-8"),
    ("notes.docx", b"PK\x03\x04", "unsupported file type"),
])
def test_bad_input_gives_one_line_naming_the_file(tmp_path, name, content, problem):
    path = _bad(tmp_path, name, content)
    run = cli("extract", str(path))
    assert run.returncode != 0
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1, run.stderr
    assert str(path) in lines[0] and problem in lines[0]
    assert run.stdout == ""


def test_malformed_user_registry_names_file_and_entry(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("Iran backs Hezbollah.\n")
    registry = tmp_path / "mine.yaml"
    registry.write_text("schema: 1\nactors:\n  - {id: my-group, name: My Group, type: organization}\n")
    run = cli("extract", str(article), "--registry", str(registry))
    assert run.returncode != 0
    assert str(registry) in run.stderr and "my-group" in run.stderr and "category" in run.stderr
