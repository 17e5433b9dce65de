"""Bounds on outside input (issue 16): each named limit in `proxyatlas.limits` refuses in one line
naming the file, exactly past its bound; the 100,000-level nested STIX bundle is refused so; a
rejected input of each kind leaves the store's dump unchanged. The fuzzing itself is in tests/fuzz/.
"""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient
from store_helpers import dump

from proxyatlas import api, limits
from proxyatlas.cli import main
from proxyatlas.errors import InputError, ProxyatlasError
from proxyatlas.export import stix_import
from proxyatlas.readers import read_document
from proxyatlas.registry import parse_registry_file
from proxyatlas.web import create_app

SEEDS = Path(__file__).parent / "fuzz" / "seeds"
sys.path.insert(0, str(SEEDS.parent))
from fuzz_strategies import BASE_BUNDLE, SENTENCES, _base_pdfs

GOOD = "Militia news\n\nIran backs Hezbollah in Lebanon, officials said on Monday.\n"
PROSE = "<p>" + " ".join(SENTENCES) + "</p>"


def _nested_bundle(levels: int) -> str:
    """A valid bundle whose one custom object carries an array nested `levels` deep."""
    objects = json.dumps(BASE_BUNDLE["objects"])[:-1]
    return (f'{{"type": "bundle", "id": "{BASE_BUNDLE["id"]}", "objects": {objects}, '
            f'{{"type": "x-deep", "id": "x-deep--1", "v": {"[" * levels}{"]" * levels}}}]}}')


def test_a_bundle_nested_100000_levels_is_refused_in_one_line_naming_the_file(tmp_path):
    path = tmp_path / "deep.json"
    path.write_text(_nested_bundle(100_000), encoding="utf-8")
    result = CliRunner().invoke(main, ["import", "--format", "stix", str(path), "--db", str(tmp_path / "s.db")])
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr.splitlines() == [
        f"proxyatlas: error: {path}: STIX bundle nested 100,003 levels deep; the limit is {limits.MAX_NESTING_DEPTH}"]


def test_nesting_is_allowed_up_to_the_limit_and_refused_past_it(tmp_path):
    path = tmp_path / "b.json"
    inner = limits.MAX_NESTING_DEPTH - 3  # the bundle, its objects list and the object are three levels
    path.write_text(_nested_bundle(inner), encoding="utf-8")
    assert api.import_stix(path, db=tmp_path / "s.db")["relations"] == 1
    path.write_text(_nested_bundle(inner + 1), encoding="utf-8")
    with pytest.raises(InputError, match=f"nested {limits.MAX_NESTING_DEPTH + 1} levels deep"):
        api.import_stix(path, db=tmp_path / "s.db")


def test_nesting_ignores_brackets_inside_strings():
    assert limits.nesting_depth('{"a": "[[[[{{{{\\"]]]", "b": [[1]]}') == 3


def test_stix_object_count_and_size_limits(tmp_path, monkeypatch):
    path = tmp_path / "b.json"
    path.write_text(json.dumps(BASE_BUNDLE), encoding="utf-8")
    monkeypatch.setattr(stix_import, "MAX_STIX_OBJECTS", 2)
    with pytest.raises(InputError) as info:
        api.import_stix(path, db=tmp_path / "s.db")
    assert str(info.value) == f"{path}: STIX bundle of 3 objects; the limit is 2: import it in parts"
    monkeypatch.setattr(stix_import, "MAX_STIX_BYTES", 100)
    with pytest.raises(InputError, match=r"b\.json: STIX bundle too large \(0\.0 MiB; the limit is "):
        api.import_stix(path, db=tmp_path / "s.db")


def test_html_nesting_limit(tmp_path):
    path = tmp_path / "page.html"
    for depth, refused in ((limits.MAX_HTML_DEPTH - 10, False), (limits.MAX_HTML_DEPTH + 1, True)):
        path.write_text("<html><body>" + "<div>" * depth + PROSE * 3 + "</div>" * depth, encoding="utf-8")
        if refused:
            with pytest.raises(InputError) as info:
                read_document(path)
            assert str(info.value) == (f"{path}: HTML elements nested more than {limits.MAX_HTML_DEPTH} deep "
                                       "(the limit); not an article page")
        else:
            assert "Iran backs Hezbollah" in read_document(path).text


def test_pdf_page_limit(tmp_path):
    path = tmp_path / "long.pdf"
    path.write_bytes(_base_pdfs()[2])  # 501 pages
    with pytest.raises(InputError) as info:
        read_document(path)
    assert str(info.value) == f"{path}: PDF of 501 pages; the limit is {limits.MAX_PDF_PAGES}: split it into its articles"


def test_registry_size_and_nesting_limits(tmp_path, monkeypatch):
    path = tmp_path / "mine.yaml"
    path.write_text("schema: 1\nactors: " + "[" * 3000 + "\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"mine\.yaml: registry file nested 3,000 levels deep; the limit is 64"):
        parse_registry_file(path)
    monkeypatch.setattr("proxyatlas.registry.MAX_REGISTRY_BYTES", 10)
    with pytest.raises(InputError, match=r"mine\.yaml: registry file too large"):
        parse_registry_file(path)


def test_lone_surrogates_are_refused_where_text_comes_in(tmp_path):
    with pytest.raises(InputError) as info:
        api.extract("Iran backs Hezbollah \ud800 in Lebanon.")
    assert str(info.value) == "<text>: lone surrogate U+D800 at offset 21: not valid Unicode text"
    article = tmp_path / "a.txt"
    article.write_text(GOOD, encoding="utf-8")
    (tmp_path / "a.meta.json").write_text('{"title": "Militia \\udc00 news"}', encoding="utf-8")
    report = api.ingest([article], db=tmp_path / "s.db")
    problem = (f"{tmp_path / 'a.meta.json'}: the metadata sidecar holds a lone surrogate '\\udc00', not a "
               "character; fix its \\u escapes")
    assert report.failed == [(str(article), problem)]


# -- a rejected input of each kind leaves the store's dump unchanged -----------------------------
@pytest.fixture(scope="module")
def base_store(tmp_path_factory):
    """A store holding one extracted article."""
    folder = tmp_path_factory.mktemp("base")
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    db = folder / "base.db"
    assert api.ingest([folder / "good.txt"], db=db).added == 1
    return db


def _two_reports() -> bytes:
    """A proxyatlas report that imports, then one whose mention lies outside its text."""
    from proxyatlas.export.stix import EXTENSION_ID
    from proxyatlas.model import Document

    def report(n: int, text: str, end: int) -> dict:
        return {"type": "report", "spec_version": "2.1", "id": f"report--1c4f1a0e-8a5e-4b8e-9d4e-2f0e6a6b7c1{n}",
                "created": "2024-01-30T00:00:00.000Z", "modified": "2024-01-30T00:00:00.000Z", "name": f"r{n}",
                "published": "2024-01-30T00:00:00Z", "object_refs": [BASE_BUNDLE["objects"][0]["id"]],
                "extensions": {EXTENSION_ID: {"extension_type": "property-extension", "text": text,
                                              "document_id": Document(text).id,
                                              "mentions": [{"entity": "hezbollah", "start": 11, "end": end}]}}}

    entity = {**BASE_BUNDLE["objects"][0], "extensions": {EXTENSION_ID: {
        "extension_type": "property-extension", "entity_id": "hezbollah", "entity_type": "organization",
        "category": "armed_group"}}}
    bundle = {**BASE_BUNDLE, "objects": [entity, report(1, SENTENCES[0], 20), report(2, SENTENCES[4], 999)]}
    return json.dumps(bundle).encode()


def _seed(kind: str, name: str) -> bytes:
    return (SEEDS / kind / name).read_bytes()


def _ingest(name: str, data: bytes, sidecar: bytes | None = None, registry: bytes | None = None):
    def run(db: Path, work: Path) -> None:
        path = work / name
        path.write_bytes(data)
        if sidecar is not None:
            (work / "article.meta.json").write_bytes(sidecar)
        registries = []
        if registry is not None:
            registries = [work / "mine.yaml"]
            registries[0].write_bytes(registry)
        try:
            report = api.ingest([path], db=db, registry=registries)
        except ProxyatlasError:
            return  # a bad registry stops the batch before any document
        assert report.added == 0 and len(report.failed) == 1, report

    return run


def _import(data: bytes):
    def run(db: Path, work: Path) -> None:
        (work / "bundle.json").write_bytes(data)
        with pytest.raises(ProxyatlasError):
            api.import_stix(work / "bundle.json", db=db)

    return run


def _upload(name: str, data: bytes, token: str | None):
    def run(db: Path, work: Path) -> None:
        client = TestClient(create_app(db, token="t"))
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        response = client.post("/api/ingest", files=[("files", (name, data))], headers=headers)
        assert response.status_code != 200 or (response.json()["added"], len(response.json()["failed"])) == (0, 1)

    return run


REJECTED = {
    "txt: invalid UTF-8": _ingest("article.txt", _seed("txt", "latin1.txt")),
    "md: UTF-16": _ingest("article.md", _seed("md", "utf16.md")),
    "html: nested 300 deep": _ingest("article.html", _seed("html", "nested-300-levels.html")),
    "pdf: 501 pages": _ingest("article.pdf", _seed("pdf", "501-pages.pdf")),
    "sidecar: nested 5,000 deep": _ingest("article.txt", GOOD.replace("Monday", "Friday").encode(),
                                          sidecar=_seed("sidecar", "nested-5000-levels.meta.json")),
    "registry: open flow collections": _ingest("article.txt", GOOD.replace("Monday", "Sunday").encode(),
                                               registry=_seed("registry", "open-flow-collections.yaml")),
    "stix: nested 2,000 deep": _import(_seed("stix", "nested-2000-levels.json")),
    "stix: a good report, then a bad one": _import(_two_reports()),
    "web upload: binary text": _upload("a.txt", b"\x00\x01\x02", "t"),
    "web upload: unsupported type": _upload("a.exe", GOOD.encode(), "t"),
    "web upload: no token": _upload("a.txt", GOOD.replace("Monday", "Tuesday").encode(), None),
}


@pytest.mark.parametrize("kind", REJECTED)
def test_a_rejected_input_leaves_the_store_unchanged(kind, base_store, tmp_path):
    db = tmp_path / "store.db"
    shutil.copyfile(base_store, db)
    before = dump(db)
    REJECTED[kind](db, tmp_path)
    assert dump(db) == before
