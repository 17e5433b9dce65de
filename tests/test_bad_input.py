"""Bad input (issue 7, item 1): one case per kind of bad document, through the API, the CLI and
a batch ingest.

A single bad file gives one line on stderr naming the file and the problem, and a non-zero exit
code; in a batch `ingest` the other documents are stored and the failure is listed in the
summary. The readers' own unit tests are in test_readers.py; this file drives the whole path.
"""

from __future__ import annotations

import io
import os
import tracemalloc
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner
from test_readers import make_pdf

from proxyatlas import api
from proxyatlas.cli import main
from proxyatlas.errors import DataError, InputError, ProxyatlasWarning
from proxyatlas.readers import MAX_FILE_BYTES, MAX_TEXT_CHARS, read_document

GOOD = "Militia news\n\nIran backs Hezbollah in Lebanon, officials said on Monday.\n"
FRENCH = (
    "Le Hezbollah, soutenu par l'Iran, a revendiqué dimanche l'attaque contre une base militaire près de la "
    "frontière, selon un communiqué publié par le groupe. Les responsables américains ont déclaré que trois "
    "soldats avaient été tués et que plus de quarante avaient été blessés. L'Iran a nié toute implication et "
    "affirmé que les milices agissent de manière indépendante, comme les Houthis au Yémen.\n"
)
MALFORMED_HTML = b"<html><<head><title>x</tite><body></div><p <<<>>> &&&; <a href='/'>Home</a></nav></bo"


def _big(tmp_path: Path) -> Path:
    """A 50 MB text file (news-like, so that only its size is wrong)."""
    path = tmp_path / "huge.txt"
    line = b"Iran backs Hezbollah in Lebanon, officials said on Monday.\n"
    with path.open("wb") as out:
        for _ in range(50 * 2**20 // (len(line) * 1000)):
            out.write(line * 1000)
    return path


def _encrypted_pdf(tmp_path: Path) -> Path:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    writer.append(PdfReader(io.BytesIO(make_pdf(["Secret text about the militia."]))))
    writer.encrypt(user_password="secret", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    path = tmp_path / "locked.pdf"
    path.write_bytes(out.getvalue())
    return path


def _symlink_loop(tmp_path: Path) -> Path:
    os.symlink(tmp_path / "loop-b.txt", tmp_path / "loop-a.txt")
    os.symlink(tmp_path / "loop-a.txt", tmp_path / "loop-b.txt")
    return tmp_path / "loop-a.txt"


def _unreadable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Root reads any file whatever its mode, so the refusal is simulated for this one file."""
    path = tmp_path / "secret.txt"
    path.write_text(GOOD, encoding="utf-8")
    real = Path.read_bytes

    def read_bytes(self: Path) -> bytes:
        if self.name == "secret.txt":
            raise PermissionError(13, "Permission denied", str(self))
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    return path


def _file(name: str, content: bytes) -> Callable[[Path], Path]:
    def make(tmp_path: Path) -> Path:
        path = tmp_path / name
        path.write_bytes(content)
        return path

    return make


def _folder_without_documents(tmp_path: Path) -> Path:
    folder = tmp_path / "notes"
    folder.mkdir()
    (folder / "readme.rst").write_text("not a document type proxyatlas reads\n")
    return folder


def _sidecar(tmp_path: Path) -> Path:
    path = tmp_path / "with-meta.txt"
    path.write_text(GOOD, encoding="utf-8")
    path.with_suffix(".meta.json").write_text('{"title": "A title",\n "source": }\n', encoding="utf-8")
    return path


# name -> (make the bad input, what the single-file error says, what the batch summary says)
CASES: dict[str, tuple[Callable[..., Path], str, str]] = {
    "missing file": (lambda t: t / "missing.txt", "file not found", "file not found"),
    "directory without documents": (_folder_without_documents, "is a directory", "no documents in this folder"),
    "empty file": (_file("empty.txt", b""), "empty document", "empty document"),
    "whitespace-only file": (_file("blank.md", b"  \n\t\r\n \n"), "empty document", "empty document"),
    "binary file": (_file("photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00"), "binary file", "binary file"),
    "invalid UTF-8": (_file("latin1.txt", "Caf\xe9 des milices\n".encode("latin-1")),
                      "not valid UTF-8 text (byte 0xe9 at offset 3)", "not valid UTF-8"),
    "50 MB text": (_big, f"file too large (50.0 MiB; the limit is {MAX_FILE_BYTES // 2**20} MiB",
                   "file too large"),
    "malformed HTML": (_file("broken.html", MALFORMED_HTML), "no article text could be extracted",
                       "no article text"),
    "corrupt PDF": (_file("damaged.pdf", b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >>\ngarbage\x00\x01"),
                    "corrupt PDF", "corrupt PDF"),
    "encrypted PDF": (_encrypted_pdf, "encrypted PDF; remove the password protection first", "encrypted PDF"),
    "symlink loop": (_symlink_loop, "symbolic link loop", "symbolic link loop"),
    "unreadable permissions": (_unreadable, "permission denied", "permission denied"),
    "malformed sidecar JSON": (_sidecar, "line 2, column 12: invalid JSON in the metadata sidecar",
                               "line 2, column 12: invalid JSON"),
}


def make_case(name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    make = CASES[name][0]
    return make(tmp_path, monkeypatch) if make is _unreadable else make(tmp_path)  # type: ignore[operator]


def cli(*args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(main, list(args))


# -- a single file: the API raises, the CLI prints one line and exits non-zero -----------------
SINGLE = [n for n in CASES if n != "malformed sidecar JSON"]  # `extract` reads no sidecar: see below


@pytest.mark.parametrize("name", SINGLE)
def test_single_file_through_the_api(name, tmp_path, monkeypatch):
    path = make_case(name, tmp_path, monkeypatch)
    with pytest.raises(InputError) as info:
        api.extract_file(path)
    assert str(info.value) == f"{path}: {info.value.problem}"
    assert CASES[name][1] in info.value.problem and "\n" not in str(info.value)


@pytest.mark.parametrize("name", SINGLE)
def test_single_file_through_the_cli(name, tmp_path, monkeypatch):
    path = make_case(name, tmp_path, monkeypatch)
    result = cli("extract", str(path))
    assert result.exit_code != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(f"proxyatlas: error: {path}: ") and CASES[name][1] in lines[0], lines[0]
    assert result.stdout == ""


def test_malformed_sidecar_of_a_single_file(tmp_path):
    """Sidecars belong to `ingest`: its summary names the document, then the sidecar, line and problem."""
    path = _sidecar(tmp_path)
    result = cli("ingest", str(path), "--db", str(tmp_path / "s.db"))
    assert result.exit_code == 1
    assert f"failed: {path}: {path.with_suffix('.meta.json')}: line 2, column 12: invalid JSON" in result.stderr


# -- a batch: the good documents are stored, each bad one is listed ----------------------------
@pytest.fixture(scope="module")
def batch(tmp_path_factory):
    """One ingest of a good document beside every bad input (one spaCy load for all)."""
    tmp_path = tmp_path_factory.mktemp("batch")
    monkeypatch = pytest.MonkeyPatch()
    paths = {}
    for name in CASES:
        folder = tmp_path / name.replace(" ", "-")
        folder.mkdir()
        paths[name] = make_case(name, folder, monkeypatch)
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "french.txt").write_text(FRENCH, encoding="utf-8")
    args = [str(tmp_path / "good.txt"), str(tmp_path / "french.txt"), *map(str, paths.values())]
    db = tmp_path / "batch.db"
    result = CliRunner().invoke(main, ["ingest", *args, "--db", str(db)])
    monkeypatch.undo()
    return paths, result, db


def test_batch_goes_on_and_lists_every_failure(batch):
    paths, result, db = batch
    assert result.exit_code == 1
    [summary] = result.stdout.splitlines()  # the counts on stdout, each failure on stderr
    assert summary.startswith(f"added 2, unchanged 0, failed {len(CASES)}; ")
    failures = [line for line in result.stderr.splitlines() if line.startswith("  failed: ")]
    assert len(failures) == len(CASES)
    for name, path in paths.items():
        line = next((s for s in failures if s.startswith(f"  failed: {path}: ")), None)
        assert line is not None and CASES[name][2] in line, (name, failures)
    assert {d["title"] for d in api.documents(db=db)} >= {"Militia news"}


def test_batch_through_the_api(tmp_path):
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    empty = _folder_without_documents(tmp_path)
    report = api.ingest([tmp_path / "good.txt", empty, tmp_path / "*.docx", tmp_path / "gone.txt"],
                        db=tmp_path / "s.db")
    assert report.added == 1
    assert dict(report.failed) == {
        str(empty): "no documents in this folder (.txt .md .html .htm .pdf)",
        str(tmp_path / "*.docx"): "no documents match this pattern (.txt .md .html .htm .pdf)",
        str(tmp_path / "gone.txt"): "file not found",
    }


def test_a_folder_with_a_link_loop_lists_it_and_stores_the_rest(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    loop = _symlink_loop(folder)
    os.symlink(folder, folder / "again")  # a link to the folder itself is not followed
    report = api.ingest([folder], db=tmp_path / "s.db")
    assert report.added == 1
    assert dict(report.failed)[str(loop)] == "symbolic link loop: the link never reaches a file"


# -- the items that need more than one line ------------------------------------------------------
def test_50_mb_text_is_refused_in_bounded_memory(tmp_path):
    path = _big(tmp_path)
    tracemalloc.start()
    try:
        with pytest.raises(InputError, match="file too large"):
            read_document(path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 1 * 2**20, peak  # the file is never read


def test_text_over_the_character_limit_is_refused(tmp_path):
    path = tmp_path / "long.txt"
    path.write_text("Iran backs Hezbollah. " * (MAX_TEXT_CHARS // 20), encoding="utf-8")
    with pytest.raises(InputError, match=f"text too long .*the limit is {MAX_TEXT_CHARS:,}"):
        api.extract_file(path)
    with pytest.raises(InputError, match="<text>: text too long"):
        api.extract("x" * (MAX_TEXT_CHARS + 1))


def test_non_english_text_keeps_entities_skips_patterns_and_warns(tmp_path):
    path = tmp_path / "french.txt"
    path.write_text(FRENCH, encoding="utf-8")
    with pytest.warns(ProxyatlasWarning, match="does not look like English"):
        result = api.extract_file(path)
    assert {"hezbollah", "houthis"} <= {e.id for e in result.entities}  # names need no English
    assert (result.relations, result.events, result.statements, result.quantities) == ([], [], [], [])
    run = cli("extract", str(path))
    assert run.exit_code == 0 and '"hezbollah"' in run.stdout
    [warning] = run.stderr.strip().splitlines()
    assert warning.startswith(f"proxyatlas: warning: {path}: the text does not look like English")
    assert "relation, event, statement and quantity patterns were skipped" in warning


def test_english_text_is_not_flagged(recwarn):
    result = api.extract("Iran backs Hezbollah in Lebanon, officials said on Monday. " * 5)
    assert result.relations and not [w for w in recwarn if issubclass(w.category, ProxyatlasWarning)]


def test_non_english_in_a_batch_is_stored_with_a_warning(batch):
    _, result, db = batch
    french = [d for d in api.documents(db=db) if "Hezbollah, soutenu" in api.document(d["id"], db=db)["text"]]
    assert len(french) == 1 and french[0]["entities"] >= 2 and french[0]["relations"] == 0
    assert "the text does not look like English" in result.stderr and "french.txt" in result.stderr


def test_malformed_html_with_prose_is_still_read(tmp_path):
    page = ("<html><head><title>Militia claims attack</title><body><div><p>Kata'ib Hezbollah, an Iranian-backed "
            "militia, claimed the drone attack on the base on Sunday, <b>according to a <i>statement</b></i> "
            "posted online.<p>Officials said three soldiers were killed and dozens wounded in the attack, which "
            "they blamed on the group.</span></div></bo")
    path = tmp_path / "soup.html"
    path.write_text(page, encoding="utf-8")
    doc = read_document(path)
    assert "claimed the drone attack" in doc.text and "<" not in doc.text


def test_malformed_registry_names_file_and_line(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text(GOOD, encoding="utf-8")
    registry = tmp_path / "mine.yaml"
    registry.write_text("schema: 1\nactors:\n  - id: my-group\n    name: [unclosed\n    type: organization\n")
    with pytest.raises(DataError, match=r"mine\.yaml: line \d+: invalid YAML"):
        api.extract_file(article, registry=[registry])
    for command in (["extract", str(article)], ["ingest", str(article), "--db", str(tmp_path / "s.db")]):
        run = cli(*command, "--registry", str(registry))
        assert run.exit_code == 1  # a registry applies to every document: a batch cannot go on without it
        [line] = run.stderr.strip().splitlines()
        assert line.startswith(f"proxyatlas: error: {registry}: line ") and "invalid YAML" in line
