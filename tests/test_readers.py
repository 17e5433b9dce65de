"""Document readers: each format's text and metadata, the dateline rules, and every bad input."""

from __future__ import annotations

import io
import os
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from proxyatlas.errors import InputError
from proxyatlas.readers import read_document
from proxyatlas.readers.dateline import detect_metadata, find_dates, parse_date

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "articles"

ARTICLE = (
    "Militia drone strike kills three at border outpost\n"
    "By Jane Doe | Reuters | March 3, 2024\n"
    "\n"
    "The group said it carried out the attack, according to a statement.\n"
)


def write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_bytes(content.encode("utf-8"))
    return path


# --- formats ---------------------------------------------------------------------------------


def test_txt_text_and_metadata(tmp_path: Path) -> None:
    path = write(tmp_path, "a.txt", ARTICLE)
    doc = read_document(path)
    assert doc.text == ARTICLE
    assert doc.path == str(path)
    assert doc.title == "Militia drone strike kills three at border outpost"
    assert (doc.author, doc.source, doc.published) == ("Jane Doe", "Reuters", "2024-03-03")


def test_txt_crlf_and_bom_are_normalised_before_offsets(tmp_path: Path) -> None:
    raw = "\ufeff" + ARTICLE.replace("\n", "\r\n")
    doc = read_document(write(tmp_path, "a.txt", raw))
    assert doc.text == ARTICLE
    start = doc.text.index("according")
    assert doc.text[start : start + 9] == "according"


def test_accepts_str_path_and_upper_case_extension(tmp_path: Path) -> None:
    path = write(tmp_path, "A.TXT", ARTICLE)
    assert read_document(str(path)).text == ARTICLE


def test_md_keeps_text_as_written_and_heading_is_title(tmp_path: Path) -> None:
    md = (
        "# Houthis claim attack on cargo ship\n\n"
        "**Source:** Associated Press  \n"
        "**Published:** 2024-03-08\n\n"
        "The *group* said on Wednesday that it had fired missiles.\n"
    )
    doc = read_document(write(tmp_path, "a.md", md))
    assert doc.text == md
    assert doc.title == "Houthis claim attack on cargo ship"
    assert doc.source == "Associated Press"
    assert doc.published == "2024-03-08"


def test_md_front_matter(tmp_path: Path) -> None:
    md = "---\ntitle: \"Front title\"\nauthor: Jane Doe\ndate: 2024-05-01\n---\n\nBody text here.\n"
    doc = read_document(write(tmp_path, "a.md", md))
    assert doc.text == md
    assert (doc.title, doc.author, doc.published) == ("Front title", "Jane Doe", "2024-05-01")


HTML = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Iran-backed militia claims drone attack | Example Wire</title>
<meta name="author" content="Jane Doe">
<meta property="og:site_name" content="Example Wire">
<meta property="article:published_time" content="2024-01-29T10:00:00Z">
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/subscribe">Subscribe now</a></nav>
<article><h1>Iran-backed militia claims drone attack</h1>
<p>An Iran-backed militia claimed responsibility on Sunday for a drone attack on a base near
the border, according to a statement posted online by the group.</p>
<p>The Pentagon said three soldiers were killed and more than 40 were wounded in the attack,
which officials blamed on Kata'ib Hezbollah, a group they say is backed by Iran.</p>
<p>Iran denied any involvement and said the militias act independently of Tehran.</p>
</article>
<footer><p>Copyright Example Wire. All rights reserved. Privacy policy.</p></footer>
</body></html>
"""


def test_html_main_text_and_metadata(tmp_path: Path) -> None:
    doc = read_document(write(tmp_path, "a.html", HTML))
    assert "according to a statement" in doc.text
    assert "Iran denied any involvement" in doc.text
    assert "Subscribe now" not in doc.text and "Privacy policy" not in doc.text
    assert doc.title == "Iran-backed militia claims drone attack"
    assert doc.author == "Jane Doe"
    assert doc.source == "Example Wire"
    assert doc.published == "2024-01-29"


def test_htm_extension_and_declared_charset(tmp_path: Path) -> None:
    page = HTML.replace('charset="utf-8"', 'charset="windows-1252"')
    page = page.replace("Iran denied", "Iran d\u00e9nied")
    doc = read_document(write(tmp_path, "a.htm", page.encode("cp1252")))
    assert "Iran d\u00e9nied" in doc.text


def test_html_without_metadata_falls_back_to_byline(tmp_path: Path) -> None:
    page = (
        "<html><body><article><p>By Jane Doe, Associated Press, 09.01.2020</p>"
        "<p>The militia said on Tuesday that its fighters had withdrawn from the town after "
        "weeks of fighting, according to a statement carried by its media outlet.</p>"
        "</article></body></html>"
    )
    doc = read_document(write(tmp_path, "b.html", page))
    assert doc.published == "2020-01-09"
    assert doc.source == "Associated Press"


def make_pdf(lines: list[str], title: str | None = "PDF headline", author: str | None = "Jane Doe") -> bytes:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=12)
    if title:
        pdf.set_title(title)
    if author:
        pdf.set_author(author)
    pdf.set_creation_date(datetime(2021, 5, 17, 12, 0, tzinfo=UTC))
    for line in lines:
        pdf.multi_cell(0, 8, line, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def test_pdf_text_layer_and_metadata(tmp_path: Path) -> None:
    body = "The militia reportedly has about 2,500 fighters, according to officials."
    doc = read_document(write(tmp_path, "a.pdf", make_pdf(["Militia report", body])))
    assert "about 2,500 fighters" in doc.text
    assert (doc.title, doc.author, doc.published) == ("PDF headline", "Jane Doe", "2021-05-17")


def test_pdf_byline_date_beats_creation_date(tmp_path: Path) -> None:
    data = make_pdf(["Militia report", "CBN, 09.01.2020", "Body text of the report."], title=None)
    doc = read_document(write(tmp_path, "b.pdf", data))
    assert doc.published == "2020-01-09"
    assert doc.source == "CBN"
    assert doc.title == "Militia report"


# --- datelines and bylines -------------------------------------------------------------------

DATELINES = [
    # line, expected (source, author, published)
    ("CBN, 09.01.2020", ("CBN", None, "2020-01-09")),
    ("Julie Stahl, CBN, 09.01.2020", ("CBN", "Julie Stahl", "2020-01-09")),
    ("By Jane Doe | Reuters | March 3, 2024", ("Reuters", "Jane Doe", "2024-03-03")),
    ("WASHINGTON (Reuters) - The United States said on Tuesday it would respond.", ("Reuters", None, None)),
    ("BEIRUT, Lebanon, Jan. 9, 2020 (AP) — Hezbollah said", ("AP", None, "2020-01-09")),
    ("Published: 2024-03-03", (None, None, "2024-03-03")),
    ("By Jane Doe, Associated Press", ("Associated Press", "Jane Doe", None)),
    ("03/25/2024", (None, None, "2024-03-25")),  # 25 cannot be a month: month-first
    ("03/04/2024", (None, None, "2024-04-03")),  # ambiguous: day-first
    ("Tuesday, 3rd of March 2024 10:45 GMT", (None, None, "2024-03-03")),
    ("By JANE DOE and John Smith in Beirut", (None, "Jane Doe and John Smith", None)),
    ("Updated: 2024-03-05 | Published: 2024-03-03", (None, None, "2024-03-03")),
    ("By Staff Reporter | The National | 3 March 2024", ("The National", None, "2024-03-03")),
    # conservative: a lone name beside a date is not known to be a person or an outlet
    ("Jane Doe, 09.01.2020", (None, None, "2020-01-09")),
    ("BEIRUT, 09.01.2020", (None, None, "2020-01-09")),
    ("Middle East Eye, 09.01.2020", ("Middle East Eye", None, "2020-01-09")),
    ("Saudi Arabia, 09.01.2020", (None, None, "2020-01-09")),
    ("Posted on January 9, 2020 by Jane Doe", (None, "Jane Doe", "2020-01-09")),
    ("By the Associated Press", ("Associated Press", None, None)),
    ("By Hassan al-Masri, Al Jazeera, 3 March 2024", ("Al Jazeera", "Hassan al-Masri", "2024-03-03")),
    ("13.13.2020", (None, None, None)),
    ("Iran said on 09.01.2020 that it would respond", (None, None, None)),  # prose, not a dateline
]


@pytest.mark.parametrize(("line", "expected"), DATELINES)
def test_dateline_table(line: str, expected: tuple[str | None, str | None, str | None]) -> None:
    meta = detect_metadata(f"A headline about the war\n{line}\n\nBody text follows here.\n")
    assert (meta["source"], meta["author"], meta["published"]) == expected
    assert meta["title"] == "A headline about the war"


def test_byline_at_the_end() -> None:
    text = "Headline\n\n" + "Body sentence.\n" * 10 + "Julie Stahl, CBN, 09.01.2020\n"
    meta = detect_metadata(text)
    assert (meta["author"], meta["source"], meta["published"]) == ("Julie Stahl", "CBN", "2020-01-09")


def test_reuters_style_tail_credit() -> None:
    credit = "Reporting by Jane Doe in Beirut; Editing by John Smith\n"
    text = "Headline\n\n" + "Body sentence.\n" * 10 + credit
    assert detect_metadata(text)["author"] == "Jane Doe"


def test_dates_in_body_sentences_are_not_metadata() -> None:
    text = (
        "Headline\n\n"
        "The militia, backed by Iran, said on March 3, 2024, that it had fired rockets at the base.\n"
    )
    assert detect_metadata(text)["published"] is None


def test_dateline_first_line_is_not_a_title() -> None:
    meta = detect_metadata("WASHINGTON (Reuters) - The Pentagon said on Monday that three soldiers died.")
    assert meta["title"] is None and meta["source"] == "Reuters"


def test_lead_sentence_is_not_a_title() -> None:
    assert detect_metadata("The militia said it fired rockets.\nMore text.")["title"] is None


def test_long_first_line_is_not_a_title() -> None:
    assert detect_metadata("word " * 60 + "\nMore text.")["title"] is None


def test_parse_date_formats() -> None:
    assert parse_date("2024-03-03T10:00:00Z") == "2024-03-03"
    assert parse_date("Sept. 9, 2019") == "2019-09-09"
    assert parse_date("9 September 2019") == "2019-09-09"
    assert parse_date("31.12.2019") == "2019-12-31"
    assert parse_date("12.31.2019") == "2019-12-31"
    assert parse_date("31.02.2019") is None
    assert parse_date("March 3") is None  # no year: not a complete date


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_detect_metadata_never_crashes(text: str) -> None:
    meta = detect_metadata(text)
    assert set(meta) == {"title", "source", "author", "published"}
    for start, end, iso in find_dates(text):
        assert 0 <= start < end <= len(text) and len(iso) == 10


# --- bad input -------------------------------------------------------------------------------


def assert_input_error(path: Path, problem: str) -> None:
    with pytest.raises(InputError) as info:
        read_document(path)
    message = str(info.value)
    assert message.startswith(f"{path}: "), message
    assert problem in message, message


def test_missing_file(tmp_path: Path) -> None:
    assert_input_error(tmp_path / "nope.txt", "file not found")


def test_directory(tmp_path: Path) -> None:
    folder = tmp_path / "folder.txt"
    folder.mkdir()
    assert_input_error(folder, "directory")


@pytest.mark.parametrize("content", ["", "  \n\t\r\n  ", "\ufeff\n"])
def test_empty(tmp_path: Path, content: str) -> None:
    assert_input_error(write(tmp_path, "e.txt", content), "empty document")


def test_empty_pdf_and_html(tmp_path: Path) -> None:
    assert_input_error(write(tmp_path, "e.pdf", b""), "empty document")
    assert_input_error(write(tmp_path, "e.html", "   \n"), "empty document")


def test_binary(tmp_path: Path) -> None:
    assert_input_error(write(tmp_path, "b.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), "binary file")


def test_utf16_is_named(tmp_path: Path) -> None:
    assert_input_error(write(tmp_path, "u.txt", "Headline\n".encode("utf-16")), "UTF-16")


def test_invalid_utf8_names_byte_and_offset(tmp_path: Path) -> None:
    path = write(tmp_path, "l.txt", "Caf\u00e9 au lait\n".encode("latin-1"))
    assert_input_error(path, "not valid UTF-8 text (byte 0xe9 at offset 3); convert it to UTF-8")


def test_unsupported_extension(tmp_path: Path) -> None:
    path = write(tmp_path, "a.docx", b"PK\x03\x04")
    assert_input_error(path, "unsupported file type '.docx'; supported: .txt .md .html .htm .pdf")
    assert_input_error(write(tmp_path, "noext", "text"), "unsupported file type (no extension)")


def test_unreadable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path, "p.txt", ARTICLE)

    def denied(self: Path) -> bytes:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "read_bytes", denied)
    assert_input_error(path, "permission denied")


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads any file")
def test_unreadable_for_real(tmp_path: Path) -> None:
    path = write(tmp_path, "p.txt", ARTICLE)
    path.chmod(0)
    try:
        assert_input_error(path, "permission denied")
    finally:
        path.chmod(0o644)


def test_corrupt_pdf(tmp_path: Path) -> None:
    assert_input_error(write(tmp_path, "c.pdf", b"not a pdf at all"), "corrupt PDF")
    good = make_pdf(["Some text"])
    assert_input_error(write(tmp_path, "t.pdf", good[: len(good) // 3]), "corrupt PDF")


def test_encrypted_pdf(tmp_path: Path) -> None:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    writer.append(PdfReader(io.BytesIO(make_pdf(["Secret text"]))))
    writer.encrypt(user_password="secret", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    assert_input_error(write(tmp_path, "x.pdf", out.getvalue()), "encrypted PDF")


def test_pdf_without_text_layer(tmp_path: Path) -> None:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.rect(20, 20, 100, 50, style="F")  # a drawing, as a scan would be: no text
    assert_input_error(write(tmp_path, "s.pdf", bytes(pdf.output())), "no text layer")


def test_html_without_text(tmp_path: Path) -> None:
    page = "<html><head><title>Empty</title></head><body><nav><a href='/'>Home</a></nav></body></html>"
    assert_input_error(write(tmp_path, "n.html", page), "no article text")


# --- example articles ------------------------------------------------------------------------

EXAMPLE_FILES = sorted(EXAMPLES.glob("*"))


def test_there_are_four_examples_in_every_format() -> None:
    assert {p.suffix for p in EXAMPLE_FILES} == {".txt", ".md", ".html"}
    assert len(EXAMPLE_FILES) == 4


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=lambda p: p.name)
def test_example_articles_read(path: Path) -> None:
    doc = read_document(path)
    assert 300 <= len(doc.text.split()) <= 650
    assert doc.title and doc.source and doc.published
    assert len(doc.published) == 10
    assert "proxyatlas example desk" in doc.source.lower()
    if path.suffix == ".html":
        assert "Privacy policy" not in doc.text and "Most read" not in doc.text


def test_dateline_opening_the_first_paragraph() -> None:
    text = ("Militia drones hit base\n\nKHARTOUM, June 3, 2024 (AP) — The militia said on Monday that it "
            "had launched the drones, and officials confirmed the damage.\n")
    meta = detect_metadata(text)
    assert meta["published"] == "2024-06-03" and meta["source"] == "AP"
