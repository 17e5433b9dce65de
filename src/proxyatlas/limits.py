"""Bounds on what proxyatlas reads from outside, and the checks that enforce them.

Documents, sidecars, STIX bundles and uploads are written by strangers. Every bound below keeps
time and memory finite whatever arrives; each check refuses with an `InputError` naming the
file and the limit, one line. The README lists them all ("Size limits").
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from itertools import accumulate
from pathlib import Path
from typing import Any

from .errors import InputError

# A news article or analysis piece is 2,000-100,000 characters.
MAX_FILE_BYTES = 20 * 1024 * 1024  # a document on disk, markup and images included
MAX_TEXT_CHARS = 200_000  # a document's text: about 30,000 words; spaCy needs ~1 GB per 100,000
MAX_UPLOAD_BYTES = MAX_FILE_BYTES  # one web upload request, all its files together
MAX_PDF_PAGES = 500  # a long report is 100 pages; each page costs pypdf time even without text
MAX_HTML_DEPTH = 200  # elements inside elements; real pages nest 10-40 deep, libxml2 stops at 256
# JSON arrays/objects and YAML flow collections ([ ], { }): a sidecar is 1 level deep, a STIX
# bundle 5, a registry 2; deeper data only exists to crash recursive parsers (json, stix2, PyYAML,
# whose scanner also slows quadratically with open flow collections).
MAX_NESTING_DEPTH = 64
MAX_REGISTRY_BYTES = 5 * 1024 * 1024  # 25 times the bundled registry; PyYAML reads ~200 KB/s
MAX_STIX_BYTES = 100 * 1024 * 1024  # about 20,000 exported articles with their evidence
MAX_STIX_OBJECTS = 100_000  # stix2 validates about 4,000 objects/s: 25 s at the limit

_JSON_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"', re.DOTALL)
_NOT_BRACKET = re.compile(r"[^\[\]{}]+")
_STEP = {"[": 1, "{": 1, "]": -1, "}": -1}
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F][0-9a-fA-F]{2}")


def nesting_depth(text: str) -> int:
    """How deep [ ] and { } nest in a JSON or YAML text, outside double-quoted strings, without
    parsing it (no recursion; YAML's other quotes and comments are counted too, which only errs
    on the safe side)."""
    brackets = _NOT_BRACKET.sub("", _JSON_STRING.sub('""', text))
    return max(accumulate(map(_STEP.__getitem__, brackets)), default=0)


def check_nesting(path: str | Path, text: str, what: str) -> None:
    depth = nesting_depth(text)
    if depth > MAX_NESTING_DEPTH:
        raise InputError(path, f"{what} nested {depth:,} levels deep; the limit is {MAX_NESTING_DEPTH}")


def check_size(path: str | Path, size: int, limit: int, what: str) -> None:
    """Refuse `size` bytes over `limit` before reading them."""
    if size > limit:
        raise InputError(path, f"{what} too large ({size / 2**20:.1f} MiB; the limit is {limit / 2**20:g} MiB)")


def load_json(path: str | Path, text: str, what: str) -> Any:
    """Parse `text` (the JSON `what` read from `path`): nested at most MAX_NESTING_DEPTH deep, and
    every string valid Unicode (a lone surrogate escape such as \\ud800 cannot be stored)."""
    check_nesting(path, text, what)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(path, f"line {exc.lineno}, column {exc.colno}: invalid JSON in the {what} ({exc.msg})") \
            from None
    # Only an escape can make a lone surrogate (the text was decoded strictly), so most files skip the walk.
    if _SURROGATE_ESCAPE.search(text):
        for value in _strings(data):
            try:
                value.encode("utf-8")
            except UnicodeEncodeError as exc:
                raise InputError(path, f"the {what} holds a lone surrogate {value[exc.start]!r}, not a character; "
                                       "fix its \\u escapes") from None
    return data


def _strings(data: Any) -> Iterator[str]:
    """Every string (keys too) in parsed JSON, walked without recursion."""
    stack = [data]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            yield item
        elif isinstance(item, dict):
            stack += item.keys()
            stack += item.values()
        elif isinstance(item, list):
            stack += item


def check_html_depth(path: str | Path, root: Any) -> None:
    """Refuse an lxml tree nested deeper than MAX_HTML_DEPTH (walked without recursion)."""
    from lxml import etree

    depth = 0
    for event, _ in etree.iterwalk(root, events=("start", "end")):
        depth += 1 if event == "start" else -1
        if depth > MAX_HTML_DEPTH:
            raise InputError(path, f"HTML elements nested more than {MAX_HTML_DEPTH} deep (the limit); "
                                   "not an article page")


def check_pdf_pages(path: str | Path, pages: int) -> None:
    if pages > MAX_PDF_PAGES:
        raise InputError(path, f"PDF of {pages:,} pages; the limit is {MAX_PDF_PAGES}: split it into its articles")
