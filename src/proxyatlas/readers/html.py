"""HTML pages: the article's main text and its metadata, via trafilatura.

Navigation, footers and other boilerplate are dropped by trafilatura's main-text extraction;
`Document.text` is that extracted text, so offsets point into it and not into the markup.
Title, author, date and site name come from the page's metadata (<title>, meta author,
article:published_time, og:site_name ...); a field the page lacks is looked for in the text's
own byline lines, as for plain text.
"""

from __future__ import annotations

import re

import trafilatura

from ..errors import InputError
from ..limits import check_html_depth
from ..model import Document
from .dateline import detect_metadata
from .txt import decode_text, normalize_text

_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:-]+)", re.IGNORECASE)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
_EDTF_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
# Date search confined to markup and metadata: a date guessed from the body text is not a
# publication date.
_DATE_PARAMS = {"original_date": True, "extensive_search": False}


def read_html(path: str, data: bytes) -> Document:
    """An .html/.htm file: main text plus title, author, date and site name."""
    markup = _decode(path, data)
    if not markup.strip():
        raise InputError(path, "empty document")
    root = _parsed(markup)
    if root is not None:
        check_html_depth(path, root)  # before trafilatura, whose tree walks recurse
    try:
        result = _extract(markup)
        if _text_of(result) is None:
            # trafilatura skips markup it finds dubious (a bare fragment, no <html>); a parsed
            # tree is accepted.
            result = _extract(_tree(markup))
    except Exception as err:  # trafilatura/lxml raise many kinds on broken markup
        raise InputError(path, f"cannot parse the HTML ({type(err).__name__})") from None
    text = _text_of(result) or ""
    # With no article in the page trafilatura falls back to whatever text there is, menus included.
    if not text.strip() or (len(text.split()) < 50 and not _has_prose(markup)):
        raise InputError(path, "no article text could be extracted from the HTML page")
    detected = detect_metadata(text)
    site = _clean(getattr(result, "sitename", None))
    title = _strip_site(_clean(getattr(result, "title", None)), site) or detected["title"]
    published = _clean(getattr(result, "date", None))
    if not (published and _EDTF_DAY.fullmatch(published)):
        published = detected["published"]
    return Document(
        text=text,
        title=title,
        source=site or detected["source"],
        author=_clean(getattr(result, "author", None)) or detected["author"],
        published=published,
        path=path,
    )


def _extract(markup: object) -> object:
    return trafilatura.bare_extraction(
        markup,  # type: ignore[arg-type]
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        date_extraction_params=_DATE_PARAMS,
    )


def _text_of(result: object) -> str | None:
    text = normalize_text(getattr(result, "text", None) or "")
    return text if text.strip() else None


def _tree(markup: str) -> object:
    """The page parsed by lxml, which refuses text that still carries an XML encoding declaration."""
    import lxml.html

    return lxml.html.document_fromstring(_XML_DECLARATION.sub("", markup, count=1))


def _parsed(markup: str) -> object | None:
    """The page parsed by lxml, or None where lxml finds no document in it."""
    try:
        return _tree(markup)
    except Exception:  # lxml raises several kinds on markup it cannot parse
        return None


def _has_prose(markup: str) -> bool:
    """Whether the page's body has any words outside links, menus, headers, footers and scripts."""
    root = _parsed(markup)
    if root is None:
        return False
    skip = "ancestor::a or ancestor::nav or ancestor::header or ancestor::footer or ancestor::aside"
    skip += " or ancestor::script or ancestor::style or ancestor::noscript or ancestor::head"
    texts = root.xpath(f"//text()[not({skip} or ancestor::title)]")
    return any(re.search(r"\w", t) for t in texts)


def _decode(path: str, data: bytes) -> str:
    """UTF-8, or the charset the page itself declares; never a guess."""
    try:
        return decode_text(path, data)
    except InputError as err:
        declared = _CHARSET.search(data[:4096])
        if b"\x00" in data or not declared:
            raise
        try:
            return normalize_text(data.decode(declared.group(1).decode("ascii")))
        except (LookupError, UnicodeDecodeError):
            raise err from None


def _clean(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    value = " ".join(value.split())
    return value or None


def _strip_site(title: str | None, site: str | None) -> str | None:
    """"Headline | Site" and "Headline - Site" page titles lose the site name."""
    if title and site:
        for sep in (" | ", " - ", " – ", " — ", " :: "):
            suffix = sep + site
            if title.casefold().endswith(suffix.casefold()) and len(title) > len(suffix):
                return title[: -len(suffix)].strip()
    return title
