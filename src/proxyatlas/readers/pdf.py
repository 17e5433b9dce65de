"""PDF files: the text layer via pypdf, with the document-information title/author/date.

A PDF with no text layer (a scan) is refused with a hint to OCR it: the pipeline needs text
and offsets. Pages are joined with a blank line. A date stated in the text's own byline beats
the PDF creation date, which is often the day someone printed the page, not the day the
article appeared.
"""

from __future__ import annotations

import io
import re
from datetime import datetime

from ..errors import InputError
from ..limits import check_pdf_pages
from ..model import Document
from .dateline import detect_metadata
from .txt import normalize_text

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_LIGATURES = {"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl"}
# Titles that name the file or the authoring program rather than the article.
_JUNK_TITLE = re.compile(r"^(?:microsoft \w+ - |untitled$)|\.(?:docx?|pdf|odt|rtf|txt|html?)$", re.IGNORECASE)


def read_pdf(path: str, data: bytes) -> Document:
    """A .pdf file: its text layer and metadata; corrupt, encrypted and image-only PDFs are refused."""
    from pypdf import PdfReader
    from pypdf.errors import DependencyError

    if not data.lstrip().startswith(b"%PDF"):
        raise InputError(path, "corrupt PDF: no PDF header")
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            try:
                opened = reader.decrypt("")  # readable when only an owner password is set
            except DependencyError:
                opened = 0
            if not opened:
                raise InputError(path, "encrypted PDF; remove the password protection first")
        check_pdf_pages(path, len(reader.pages))
        pages = [page.extract_text() or "" for page in reader.pages]
    except InputError:
        raise
    except Exception as err:  # pypdf raises many kinds on damaged files
        raise InputError(path, f"corrupt PDF: cannot be parsed ({type(err).__name__})") from None
    text = normalize_text("\n\n".join(p.strip("\n") for p in pages))
    for ligature, letters in _LIGATURES.items():
        text = text.replace(ligature, letters)
    text = _CONTROL.sub("", text)
    if not text.strip():
        raise InputError(path, "PDF has no text layer (scanned images?); run OCR on it first")
    detected = detect_metadata(text)
    title, author, created = _info(reader)
    return Document(
        text=text,
        title=title or detected["title"],
        source=detected["source"],
        author=author or detected["author"],
        published=detected["published"] or created,
        path=path,
    )


def _info(reader: object) -> tuple[str | None, str | None, str | None]:
    """Title, author and creation day from the document information; damaged fields are skipped."""
    try:
        meta = reader.metadata  # type: ignore[attr-defined]
    except Exception:
        return None, None, None
    if meta is None:
        return None, None, None
    title = _field(lambda: meta.title)
    if title and _JUNK_TITLE.search(title):
        title = None
    author = _field(lambda: meta.author)
    created = None
    try:
        when = meta.creation_date
        if isinstance(when, datetime):
            created = when.date().isoformat()
    except Exception:
        pass
    return title, author, created


def _field(get: object) -> str | None:
    try:
        value = get()  # type: ignore[operator]
    except Exception:
        return None
    if not isinstance(value, str):
        return None
    value = " ".join(value.split())
    return value or None
