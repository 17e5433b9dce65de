"""Document readers: a file on disk becomes a `Document` (text plus title/source/author/published).

`read_document` checks the file itself (exists, is not a broken or looping link, is a readable
regular file, is not empty, is not too large) and dispatches on the extension; each format
module turns bytes into text and metadata. Every problem is an `InputError` naming the file,
so the user sees one clear line.

Size limits (in `proxyatlas.limits`): a file over `MAX_FILE_BYTES` is refused before it is
read (memory stays bounded whatever the file), and a text over `MAX_TEXT_CHARS` after reading
(spaCy's parser needs about 1 GB per 100,000 characters); split such a text into its articles.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

from ..errors import InputError
from ..limits import MAX_FILE_BYTES, MAX_TEXT_CHARS
from ..model import Document
from .dateline import detect_metadata, parse_date
from .html import read_html
from .pdf import read_pdf
from .txt import read_text

SUPPORTED = (".txt", ".md", ".html", ".htm", ".pdf")

__all__ = ["MAX_FILE_BYTES", "MAX_TEXT_CHARS", "SUPPORTED", "check_text", "detect_metadata", "parse_date",
           "read_document"]


def check_text(name: str, text: str) -> None:
    """Refuse, with an InputError naming it, a text over MAX_TEXT_CHARS or one holding a lone
    surrogate (a Python string can; no file can, and spaCy and the store cannot encode it)."""
    if len(text) > MAX_TEXT_CHARS:
        raise InputError(name, f"text too long ({len(text):,} characters; the limit is {MAX_TEXT_CHARS:,}, "
                               "a long report): split it into its articles")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise InputError(name, f"lone surrogate U+{ord(text[exc.start]):04X} at offset {exc.start}: not valid "
                               "Unicode text") from None


def _link_problem(p: Path) -> str | None:
    """Why a path that does not resolve cannot be read: a link loop, a broken link, or nothing there."""
    try:
        os.stat(p)
    except OSError as err:
        if err.errno == errno.ELOOP:
            return "symbolic link loop: the link never reaches a file"
        if p.is_symlink():
            return f"broken symbolic link (points to {os.readlink(p)}, which does not exist)"
        if err.errno in (errno.EACCES, errno.EPERM):
            return "permission denied; cannot reach the file"
    return None


def read_document(path: str | Path) -> Document:
    """Read a .txt, .md, .html/.htm or .pdf file; raise InputError("PATH: problem") if it can't be."""
    name = str(path)
    p = Path(path)
    if not p.exists():
        raise InputError(name, _link_problem(p) or "file not found")
    if p.is_dir():
        raise InputError(name, "is a directory, not a file")
    if not p.is_file():
        raise InputError(name, "not a regular file")
    ext = p.suffix.lower()
    if ext not in SUPPORTED:
        kind = f"'{ext}'" if ext else "(no extension)"
        raise InputError(name, f"unsupported file type {kind}; supported: {' '.join(SUPPORTED)}")
    try:
        size = p.stat().st_size
        if size > MAX_FILE_BYTES:
            raise InputError(name, f"file too large ({size / 2**20:.1f} MiB; the limit is {MAX_FILE_BYTES // 2**20} MiB, "
                                   "and a news article is far smaller): split it into its articles")
        data = p.read_bytes()
    except PermissionError:
        raise InputError(name, "permission denied; cannot read the file") from None
    except OSError as err:
        raise InputError(name, f"cannot read the file ({err.strerror or err})") from None
    if not data.strip():
        raise InputError(name, "empty document")
    if ext == ".pdf":
        document = read_pdf(name, data)
    elif ext in (".html", ".htm"):
        document = read_html(name, data)
    else:
        document = read_text(name, data, markdown=ext == ".md")
    check_text(name, document.text)
    return document
