"""Actor profiles (`proxyatlas profile`, `/api/profile`) on the store of the example articles:
each section its data supports, every sentence footnoted to a stored evidence span, hedges
worded as claims, --as-of, errors, templates as validated data, and the Markdown/HTML/PDF files."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from importlib import resources

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient
from web_helpers import XSS_TITLE, web_store

from proxyatlas import api
from proxyatlas.cli import main
from proxyatlas.errors import DataError
from proxyatlas.export.base import likelihood
from proxyatlas.profile import render
from proxyatlas.profile.compose import compose
from proxyatlas.profile.facts import gather
from proxyatlas.profile.templates import load_templates
from proxyatlas.store import open_store
from proxyatlas.web import create_app

# section -> the relation types it tells (both directions)
RELATION_SECTIONS = {"leadership": {"leads"}, "backing": {"supports", "trains", "created"},
                     "structure": {"part_of", "member_of"}, "areas": {"operates_in"},
                     "alignment": {"opposes", "allied_with"}}
FRAMES = {"reported": "Reportedly, ", "alleged": "Allegedly, ", "speculative": "Possibly, "}


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    return web_store(tmp_path_factory.mktemp("profile"))


@pytest.fixture(scope="module")
def actors(db):
    """Every actor with at least one relation, statement, event or number."""
    found = set()
    for rel in api.relations(db=db):
        found |= {rel["source"], rel["target"]}
    return sorted(found)


def expected_sections(db, eid: str) -> set[str]:
    shown = api.show(eid, db=db)
    types = {r["type"] for r in shown["relations_out"] + shown["relations_in"]}
    leaders = {r["source"] for r in shown["relations_in"] if r["type"] == "leads"}
    said = shown["statements"] + [s for leader in leaders for s in api.show(leader, db=db)["statements"]]
    wanted = {"summary", "sources"} | {section for section, kinds in RELATION_SECTIONS.items() if types & kinds}
    wanted |= {"timeline"} if shown["events"] else set()
    wanted |= {"statements"} if said else set()
    wanted |= {"numbers"} if shown["quantities"] else set()
    if any(c["kind"] == "denied" and eid in (c["relation"]["source"], c["relation"]["target"])
           or c["kind"] == "office" and (c["office"] == eid or eid in {h["source"] for h in c["holders"]})
           for c in api.conflicts(db=db)):
        wanted.add("contested")
    return wanted


def test_each_section_its_data_supports_and_no_other(db, actors):
    assert len(actors) >= 20
    for eid in actors:
        profile = api.profile(eid, db=db)
        assert {s["id"] for s in profile["sections"]} == expected_sections(db, eid), eid
    houthis = {s["id"] for s in api.profile("Ansarallah", db=db)["sections"]}  # any alias names the actor
    assert {"summary", "leadership", "backing", "areas", "timeline", "statements", "numbers", "sources"} <= houthis


def test_every_sentence_has_a_note_naming_a_stored_document_and_links_its_evidence(db, actors):
    texts: dict[str, str] = {}
    for eid in actors:
        profile = api.profile(eid, db=db)
        notes = {n["n"]: n for n in profile["footnotes"]}
        assert sorted(notes) == list(range(1, len(notes) + 1))
        for note in notes.values():
            stored = api.document(note["document"], db=db)
            texts[note["document"]] = stored["text"]
            assert note["href"] == f"/document/{note['document']}"
            outlet = stored["source"] or "unknown outlet"
            assert note["text"] == f"{outlet}, {stored['published']}, “{' '.join(stored['title'].split())}”"
        for section in profile["sections"]:
            for sentence in section["sentences"]:
                assert sentence["notes"] and sentence["notes"] == [r["n"] for r in sentence["refs"]], sentence
                for ref in sentence["refs"]:
                    assert notes[ref["n"]]["document"] == ref["document"]
                    if ref["start"] is None:
                        assert section["id"] in ("summary", "sources") and ref["href"] == f"/document/{ref['document']}"
                        continue
                    span = " ".join(texts[ref["document"]][ref["start"]:ref["end"]].split())
                    assert ref["quote"] == span and span
                    assert ref["href"] == f"/document/{ref['document']}?hl={ref['start']}-{ref['end']}"


def test_relation_sentences_cite_every_document_of_their_evidence(db):
    profile = api.profile("kataib-hezbollah", db=db)
    rels = {r["id"]: r for r in api.relations(db=db)}
    told = [s for section in profile["sections"] for s in section["sentences"] if s.get("relation")]
    assert len(told) == len([r for r in rels.values() if "kataib-hezbollah" in (r["source"], r["target"])])
    for sentence in told:
        evidence = rels[sentence["relation"]]["evidence"]
        assert {r["document"] for r in sentence["refs"]} == {e["document"] for e in evidence}
        firsts = {e["document"]: (e["start"], e["end"]) for e in reversed(evidence)}
        assert all((r["start"], r["end"]) == firsts[r["document"]] for r in sentence["refs"])


def test_hedged_claims_are_worded_as_claims_with_the_likelihood_of_the_confidence_table(db, actors):
    t = load_templates()
    seen = set()
    for eid in actors:
        for section in api.profile(eid, db=db)["sections"]:
            for sentence in section["sentences"]:
                hedge = sentence.get("hedge")
                if not hedge:
                    continue
                seen.add(hedge)
                if hedge in FRAMES:
                    assert sentence["text"].startswith(FRAMES[hedge]), sentence["text"]
                if hedge == "denied":
                    assert " deny that " in sentence["text"]
                assert f"({t.common['likelihoods'][sentence['likelihood']]}, " in sentence["text"]
    assert {"asserted", "reported", "alleged"} <= seen
    backing = next(s for s in api.profile("houthis", db=db)["sections"] if s["id"] == "backing")
    iran = next(s for s in backing["sentences"] if s["text"].startswith("Allegedly, Iran backs Houthis"))
    assert "as claimed by United States" in iran["text"]
    assert iran["likelihood"] == likelihood("alleged", 1) == "unlikely" and "(unlikely, 1 independent source)" in iran["text"]


def test_as_of_drops_what_was_not_yet_valid_or_reported(db):
    full = api.profile("houthis", db=db)
    early = api.profile("houthis", db=db, as_of="2024-01-01")
    relation_sentences = [s for sec in full["sections"] for s in sec["sentences"] if s.get("relation")]
    assert relation_sentences and all(  # every relation of the Houthis was first reported on 2024-03-08
        r["first_seen"] == "2024-03-08" for r in api.relations(db=db) if "houthis" in (r["source"], r["target"]))
    assert not [s for sec in early["sections"] for s in sec["sentences"] if s.get("relation")]
    timeline = next(s for s in early["sections"] if s["id"] == "timeline")["sentences"]
    assert [s["text"][:14] for s in timeline] == ["On 2023-11-19,"]  # dated before the day: kept
    assert {s["id"] for s in early["sections"]} == {"summary", "timeline", "sources"}
    assert "as of 2024-01-01" in early["subtitle"]
    on_the_day = api.profile("houthis", db=db, as_of="2024-03-08")
    assert len([s for sec in on_the_day["sections"] for s in sec["sentences"] if s.get("relation")]) == \
        len(relation_sentences)


def test_min_sources_keeps_only_corroborated_relations(db):
    profile = api.profile("irgc-quds-force", db=db, min_sources=2)
    assert not [s for sec in profile["sections"] for s in sec["sentences"] if s.get("relation")]
    assert "at least 2 independent sources" in profile["subtitle"]


def test_unknown_actor_and_bad_date_are_one_line_errors(db):
    result = CliRunner().invoke(main, ["profile", "Nobody In Particular", "--db", str(db)])
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("proxyatlas: error: ") and "'Nobody In Particular'" in lines[0]
    result = CliRunner().invoke(main, ["profile", "houthis", "--as-of", "soon", "--db", str(db)])
    assert result.exit_code == 1 and "'soon'" in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_cli_writes_markdown_with_footnotes_contents_and_map(db, tmp_path):
    out = tmp_path / "houthis.md"
    result = CliRunner().invoke(main, ["profile", "Houthis", "--db", str(db), "--out", str(out)])
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    refs = set(re.findall(r"\[\^(\d+)\](?!:)", text))
    defined = set(re.findall(r"^\[\^(\d+)\]:", text, re.MULTILINE))
    assert refs and refs == defined
    assert re.search(r"\(evidence: \[\d+\]\(/document/[0-9a-f]{64}\?hl=\d+-\d+\)\)", text)
    assert "## Contents" in text and "- [Areas of operation](#areas-of-operation)" in text
    assert "![Map of Houthis's areas of operation](data:image/svg+xml;base64," in text


def test_html_escapes_document_text_and_links_evidence(db):
    html = render(api.profile("hezbollah", db=db), "html")
    assert "<script" not in html and "onerror=" not in html.replace("onerror=&quot;", "")
    assert XSS_TITLE.replace("<", "&lt;").replace(">", "&gt;").replace("'", "&#x27;") in html  # shown, as text
    assert re.search(r'<sup>\[<a href="/document/[0-9a-f]{64}\?hl=\d+-\d+" title="[^"]+">\d+</a>', html)
    assert '<nav class="contents">' in html and "target-counter" in html


def test_pdf_opens_with_name_notes_page_numbers_on_a4(db, tmp_path):
    pytest.importorskip("weasyprint")
    if not shutil.which("pdftotext") and not os.environ.get("CI"):  # in CI a missing poppler fails
        pytest.skip("pdftotext is absent: `make poppler` installs it (apt-get install poppler-utils)")
    out = tmp_path / "houthis.pdf"
    result = CliRunner().invoke(main, ["profile", "houthis", "--format", "pdf", "--db", str(db), "--out", str(out)])
    assert result.exit_code == 0, result.output
    text = subprocess.run(["pdftotext", "-layout", str(out), "-"], capture_output=True, text=True, check=True).stdout
    assert "Houthis" in text and "Contents" in text and "Notes" in text
    assert re.search(r"\[1\]", text) and "proxyatlas example desk, 2024-03-08" in text  # a note and what it cites
    assert re.search(r"^\s*1 ?/ ?\d+\s*$", text, re.MULTILINE)  # page numbers
    info = subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"Page size:\s+595\.\d* x 841\.\d* pts \(A4\)", info), info


def test_templates_are_data_that_change_the_wording(db, tmp_path):
    root = tmp_path / "profile"
    shutil.copytree(resources.files("proxyatlas") / "data" / "profile", root)
    path = root / "en" / "backing.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace('"{source} backs {target}"', '"{source} funds {target}"'),
                    encoding="utf-8")
    with open_store(db) as store:
        profile = compose(gather(store, "houthis"), load_templates("en", root))
    backing = next(s for s in profile["sections"] if s["id"] == "backing")
    assert backing["sentences"][0]["text"].startswith("Allegedly, Iran funds Houthis")


@pytest.mark.parametrize(("file", "old", "new", "problem"), [
    ("backing.yaml", "{source} backs {target}", "{source} backs {targte}", "unknown placeholder(s) {targte}"),
    ("common.yaml", "  denied: ", "  refuted: ", "missing key(s) denied"),
    ("summary.yaml", "title:", "titel:", "missing key(s) title"),
    ("numbers.yaml", "schema: 1", "schema: 2", "schema: 1"),
    ("timeline.yaml", 'dated: "on {date}, {clause}"', "dated: [on]", "must be a string"),
])
def test_templates_are_validated_on_load(tmp_path, file, old, new, problem):
    root = tmp_path / "profile"
    shutil.copytree(resources.files("proxyatlas") / "data" / "profile", root)
    path = root / "en" / file
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")
    with pytest.raises(DataError) as err:
        load_templates("en", root)
    assert file in str(err.value) and problem in str(err.value)


def test_web_endpoints_give_the_profile_and_its_files(db):
    client = TestClient(create_app(db))
    data = client.get("/api/profile/houthis", params={"as_of": "2024-01-01"}).json()
    assert data["entity"]["id"] == "houthis" and data["as_of"] == "2024-01-01"
    for fmt, media, magic in (("md", "text/markdown", b"# Houthis"), ("html", "text/html", b"<!doctype html>"),
                              ("pdf", "application/pdf", b"%PDF")):
        response = client.get("/api/profile/Ansarallah/download", params={"format": fmt})
        assert response.status_code == 200, response.text
        assert response.headers["content-type"].startswith(media) and response.content.startswith(magic)
        assert response.headers["content-disposition"] == f'attachment; filename="houthis-profile.{fmt}"'
    missing = client.get("/api/profile/nobody-at-all")
    assert missing.status_code == 404 and "'nobody-at-all'" in missing.json()["detail"]
    page = client.get("/entity/houthis/profile")
    assert page.status_code == 200 and "/static/js/profile.js" in page.text
