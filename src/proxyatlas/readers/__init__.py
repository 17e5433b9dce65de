"""Document readers: a file on disk becomes a `Document` (text plus title/source/author/published).

`read_document` checks the file itself (exists, is a readable regular file, is not empty) and
dispatches on the extension; each format module turns bytes into text and metadata. Every
problem is an `InputError` naming the file, so the user sees one clear line.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import InputError
from ..model import Document
from .dateline import detect_metadata, parse_date
from .html import read_html
from .pdf import read_pdf
from .txt import read_text

SUPPORTED = (".txt", ".md", ".html", ".htm", ".pdf")

__all__ = ["SUPPORTED", "detect_metadata", "parse_date", "read_document"]


def read_document(path: str | Path) -> Document:
    """Read a .txt, .md, .html/.htm or .pdf file; raise InputError("PATH: problem") if it can't be."""
    name = str(path)
    p = Path(path)
    if not p.exists():
        raise InputError(name, "file not found")
    if p.is_dir():
        raise InputError(name, "is a directory, not a file")
    if not p.is_file():
        raise InputError(name, "not a regular file")
    ext = p.suffix.lower()
    if ext not in SUPPORTED:
        kind = f"'{ext}'" if ext else "(no extension)"
        raise InputError(name, f"unsupported file type {kind}; supported: {' '.join(SUPPORTED)}")
    try:
        data = p.read_bytes()
    except PermissionError:
        raise InputError(name, "permission denied; cannot read the file") from None
    except OSError as err:
        raise InputError(name, f"cannot read the file ({err.strerror or err})") from None
    if not data.strip():
        raise InputError(name, "empty document")
    if ext == ".pdf":
        return read_pdf(name, data)
    if ext in (".html", ".htm"):
        return read_html(name, data)
    return read_text(name, data, markdown=ext == ".md")
