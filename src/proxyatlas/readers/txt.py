"""Plain text and Markdown: strict UTF-8 decoding, and the text kept exactly as written.

Every offset the pipeline produces points into `Document.text`, so the only changes made to
the file's characters are the ones that must precede everything else: a UTF-8 byte-order mark
is dropped and line endings become "\\n". Markdown is not rendered or stripped; its decoration
stays in the text (the metadata detector looks through it).
"""

from __future__ import annotations

import codecs
import re

from ..errors import InputError
from ..model import Document
from .dateline import detect_metadata, parse_date

_FRONT_MATTER = re.compile(r"\A---\n(?P<body>.*?\n)(?:---|\.\.\.)\n", re.DOTALL)
_FRONT_KEYS = {
    "title": "title", "author": "author", "authors": "author", "source": "source",
    "publisher": "source", "site_name": "source", "date": "published", "published": "published",
}  # fmt: skip


def normalize_text(text: str) -> str:
    """Drop a byte-order mark and make every line end in "\\n" (\\r\\n and lone \\r alike)."""
    text = text.removeprefix("\ufeff")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def decode_text(path: str, data: bytes) -> str:
    """UTF-8 bytes to normalised text; anything else is refused, never guessed at."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise InputError(path, "UTF-16 encoded text; convert it to UTF-8")
    if b"\x00" in data:
        raise InputError(path, "binary file, not a text document")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        raise InputError(
            path,
            f"not valid UTF-8 text (byte 0x{data[err.start]:02x} at offset {err.start}); convert it to UTF-8",
        ) from None
    return normalize_text(text)


def read_text(path: str, data: bytes, markdown: bool = False) -> Document:
    """A .txt or .md file: its text, with title/source/author/date read from its own lines."""
    text = decode_text(path, data)
    if not text.strip():
        raise InputError(path, "empty document")
    body, front = text, {}
    if markdown:
        body, front = _split_front_matter(text)
    meta = detect_metadata(body)
    meta.update({k: v for k, v in front.items() if v})
    return Document(
        text=text,
        title=meta.get("title"),
        source=meta.get("source"),
        author=meta.get("author"),
        published=meta.get("published"),
        path=path,
    )


def _split_front_matter(text: str) -> tuple[str, dict[str, str | None]]:
    """YAML-style front matter ("---" ... "---") of a Markdown file, read as simple key: value lines."""
    m = _FRONT_MATTER.match(text)
    if not m:
        return text, {}
    front: dict[str, str | None] = {}
    for line in m.group("body").split("\n"):
        key, sep, value = line.partition(":")
        field = _FRONT_KEYS.get(key.strip().lower())
        value = value.strip().strip("\"'")
        if not sep or not field or not value or field in front:
            continue
        front[field] = parse_date(value) if field == "published" else value
    return text[m.end():], front
