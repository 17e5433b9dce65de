"""Structure-aware hypothesis strategies: inputs that look almost right, then go wrong.

Each strategy gives the bytes an entry point receives. Most inputs are built from the format's
own structure (a bundle of known STIX objects with wrong types and dangling references, HTML
nested hundreds deep under a declared charset that lies, a PDF whose xref table is cut or whose
page tree loops) so that they reach deep into the parser; a share are then damaged byte-wise
(truncated, spliced, flipped), and a few are plain random bytes.
"""

from __future__ import annotations

import base64
import json
import re
from functools import lru_cache
from typing import Any

import yaml
from hypothesis import strategies as st

from proxyatlas.export.stix import EXTENSION_ID
from proxyatlas.model import HEDGES, Document
from proxyatlas.ontology import load_ontology

TOKEN = "fuzz-token"
SENTENCES = [
    "Iran backs Hezbollah in Lebanon, officials said on Monday.",
    "Kata'ib Hezbollah, an Iranian-backed militia, claimed the drone attack on Sunday.",
    "Qassem Soleimani, the commander of the Quds Force, met commanders in Baghdad last month.",
    "The Houthis reportedly received about 2,000 missiles, according to the report.",
    "Hamas denied that it trains fighters in Gaza.",
]
# characters that break naive text handling: controls, bidi marks, BOMs, joiners, line separators
ODD = ["\x00", "\x07", "\x1b", "\x7f", "\x85", "\u200b", "\u200d", "\u200e", "\u200f", "\u202e", "\u2066",
       "\u2028", "\u2029", "\ufeff", "\ufffd", "\ufffe", "\U0001f4a3", "\u0301", "ـ", "ﷺ", "\r", "\r\n", "\t"]
SURROGATES = ["\ud800", "\udbff", "\udc00", "\udfff"]
JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12,
)


def _sometimes(draw: st.DrawFn, good: Any, bad: st.SearchStrategy[Any] = JSON_VALUES) -> Any:
    """Mostly the right value, sometimes any JSON value (a wrong type, a missing field)."""
    return draw(bad) if draw(st.integers(0, 5)) == 0 else good


@st.composite
def words(draw: st.DrawFn) -> str:
    """News-like text glued with odd characters, very long tokens and text without sentence breaks."""
    pieces = draw(st.lists(st.one_of(
        st.sampled_from(SENTENCES), st.sampled_from(ODD), st.text(max_size=12),
        st.builds(lambda c, n: c * n, st.sampled_from(["A", "ب", "-", ".", " ", "\n"]), st.integers(100, 10_000)),
        st.just(" ".join(["militia"] * 300)),  # no sentence break
    ), min_size=1, max_size=12))
    return draw(st.sampled_from([" ", "", "\n", "\n\n"])).join(pieces)


@st.composite
def damaged(draw: st.DrawFn, data: bytes) -> bytes:
    """The bytes as they are, or truncated, spliced with random bytes, or with a few bytes flipped."""
    how = draw(st.sampled_from(["keep", "keep", "keep", "truncate", "splice", "flip"]))
    if how == "keep" or not data:
        return data
    at = draw(st.integers(0, len(data) - 1))
    if how == "truncate":
        return data[:at]
    if how == "splice":
        return data[:at] + draw(st.binary(min_size=1, max_size=64)) + data[at:]
    flipped = bytearray(data)
    for _ in range(draw(st.integers(1, 8))):
        flipped[draw(st.integers(0, len(data) - 1))] = draw(st.integers(0, 255))
    return bytes(flipped)


@st.composite
def encoded(draw: st.DrawFn, text: str) -> bytes:
    """UTF-8 mostly; else another encoding (replacing what it cannot hold), or with a BOM."""
    how = draw(st.sampled_from(["utf-8", "utf-8", "utf-8", "utf-8-sig", "latin-1", "cp1256", "utf-16", "gb18030"]))
    return text.encode(how, errors="replace") if how != "utf-8" else text.encode("utf-8", errors="surrogatepass")


def plain_texts() -> st.SearchStrategy[bytes]:
    return st.one_of(words().flatmap(encoded).flatmap(damaged), st.binary(max_size=200))


@st.composite
def _front_matter(draw: st.DrawFn) -> str:
    keys = st.sampled_from(["title", "author", "authors", "source", "date", "published", "site_name", "x", ""])
    lines = draw(st.lists(st.tuples(keys, st.one_of(st.text(max_size=30), st.sampled_from(
        ["2024-01-30", "30.01.2024", "'2024'", "\"Jan 30, 2024\"", "9999-99-99", "[a, b]", ":::"]))), max_size=6))
    end = draw(st.sampled_from(["---", "...", "", "--- "]))
    return "---\n" + "".join(f"{k}: {v}\n" for k, v in lines) + end + "\n"


def markdown_texts() -> st.SearchStrategy[bytes]:
    return st.tuples(_front_matter(), words()).map("".join).flatmap(encoded).flatmap(damaged)


# -- HTML ------------------------------------------------------------------------------------------
TAGS = ["div", "p", "span", "b", "i", "article", "section", "main", "table", "tr", "td", "ul", "li", "a", "nav",
        "header", "footer", "aside", "script", "style", "noscript", "iframe", "svg", "math", "template", "select",
        "font", "h1", "blockquote", "pre", "object", "frameset", "xmp", "plaintext"]
CHARSETS = ["utf-8", "UTF-8", "iso-8859-1", "windows-1256", "shift_jis", "utf-16", "utf-7", "x-unknown", "", "..",
            "a" * 300, "'><script>", "cp65001", "ascii"]
HEADS = ["", "<!DOCTYPE html>", "<?xml version='1.0' encoding='latin-1'?>", "<!-- x -->", "<![CDATA[x]]>",
         "<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0 Strict//EN\" \"x\">", "\ufeff"]


@st.composite
def html_pages(draw: st.DrawFn) -> bytes:
    depth = draw(st.one_of(st.integers(0, 30), st.integers(150, 600)))
    tags = draw(st.lists(st.sampled_from(TAGS), min_size=1, max_size=6))
    attr = draw(st.sampled_from(["", " class='content'", " id=x", " style='display:none'", " onerror=alert(1)",
                                 " a=\"unclosed", " lang=ar dir=rtl"]))
    opened = [tags[i % len(tags)] for i in range(depth)]
    closing = draw(st.sampled_from(["all", "none", "wrong"]))
    closes = {"all": opened[::-1], "none": [], "wrong": opened}[closing]
    meta = draw(st.lists(st.sampled_from([
        "<title>{}</title>", "<meta name='author' content='{}'>",
        "<meta property='article:published_time' content='{}'>", "<meta property='og:site_name' content='{}'>",
        "<meta charset='{}'>",
    ]), max_size=4))
    head = "".join(m.format(draw(st.one_of(st.sampled_from(CHARSETS), st.text(max_size=20)))) for m in meta)
    body = "".join(f"<p>{draw(words())}</p>" for _ in range(draw(st.integers(0, 3))))
    body += draw(st.sampled_from(["", "&amp;&#0;&#x110000;&#99999999;&bogus;", "<![if x]>", "</body></html>" * 3]))
    page = (draw(st.sampled_from(HEADS)) + f"<html><head>{head}</head><body>"
            + "".join(f"<{t}{attr}>" for t in opened) + body + "".join(f"</{t}>" for t in closes))
    return draw(damaged(draw(encoded(page))))


# -- PDF -------------------------------------------------------------------------------------------
@lru_cache(maxsize=1)
def _base_pdfs() -> tuple[bytes, ...]:
    """A one-page article, a three-page one, and one of 501 empty pages (over the page limit)."""
    from fpdf import FPDF

    out = []
    for pages, lines in ((1, SENTENCES), (3, SENTENCES * 4), (501, [])):
        pdf = FPDF()
        pdf.compress = False  # the mutations below edit the objects as text
        pdf.set_font("Helvetica", size=11)
        pdf.set_title("Militia report")
        for _ in range(pages):
            pdf.add_page()
            for line in lines:
                pdf.multi_cell(0, 8, line, new_x="LMARGIN", new_y="NEXT")
        out.append(bytes(pdf.output()))
    return tuple(out)


PDF_EDITS = [
    (rb"xref\n.*", b"xref\n0 3\n0000000000 65535 f \n"),  # xref table cut short, no trailer
    (rb"startxref\n\d+", b"startxref\n999999999"),  # startxref pointing past the end
    (rb"startxref\n\d+", b"startxref\n-5"),
    (rb"\d{10} 00000 n", b"0000000009 00000 n"),  # every xref offset wrong
    (rb"/Count \d+", b"/Count 2147483647"),
    (rb"/Kids \[[^\]]*\]", b"/Kids [1 0 R 1 0 R]"),  # the page tree loops back to its root
    (rb"/Length \d+", b"/Length 99999999"),
    (rb"/Length \d+", b"/Length -1"),
    (rb"/Root \d+ 0 R", b"/Root 999 0 R"),
    (rb"%%EOF\s*$", b""),
    (rb"/Type /Page\b", b"/Type /Pages"),
    (rb"\(([^)]*)\) Tj", b"<FEFF D800> Tj"),
    (rb"stream\n", b"stream\n\xff\xfe\x00"),
    (rb"/Encrypt", b"/Encrypt 5 0 R"),
    (rb"trailer\s*<<", b"trailer\n<< /Encrypt << /Filter /Standard /V 9 /R 9 /O <> /U <> /P -1 >> "),
]


@st.composite
def pdf_files(draw: st.DrawFn) -> bytes:
    data = draw(st.sampled_from(_base_pdfs()))
    for pattern, replacement in draw(st.lists(st.sampled_from(PDF_EDITS), max_size=3)):
        data = re.sub(pattern, replacement, data, count=draw(st.integers(0, 3)), flags=re.DOTALL)
    if draw(st.booleans()):  # a truncated xref table or trailer
        cut = data.rfind(b"xref")
        data = data[: cut + draw(st.integers(0, max(0, len(data) - cut)))]
    return draw(damaged(data))


# -- JSON: sidecars, STIX bundles, request specs ------------------------------------------------
@st.composite
def json_text(draw: st.DrawFn, value: Any) -> bytes:
    """JSON of `value`, sometimes nested thousands deep, with lone surrogate escapes, or not JSON at all."""
    how = draw(st.sampled_from(["plain", "plain", "plain", "deep", "surrogate", "broken"]))
    text = json.dumps(value)
    if how == "deep":
        n = draw(st.sampled_from([63, 65, 1000, 100_000]))
        text = text[:-1] + f', "deep": {"[" * n}{"]" * n}}}' if text.startswith("{") and text != "{}" \
            else "[" * n + text + "]" * n
    elif how == "surrogate":
        text = text.replace('"', f'"{draw(st.sampled_from(SURROGATES)).encode("unicode_escape").decode()}', 2)
        text = text.replace("\\\\u", "\\u")
    elif how == "broken":
        text = text[: draw(st.integers(0, len(text)))] + draw(st.sampled_from(["", "}", ",", "\x00", "\"", "NaN"]))
    return draw(damaged(text.encode("utf-8", errors="surrogatepass")))


DATES = st.one_of(st.sampled_from(["2024-01-30", "2024-01", "2024", "30.01.2024", "January 30, 2024", "2024-02-30",
                                   "0000-00-00", "99999-01-01", "2024-01-30T25:00", "yesterday", "", "2024/13/45",
                                   "1e400", "-1", "2024-01-30/..", "2024-XX-XX", "20240130"]), st.text(max_size=20))


@st.composite
def sidecars(draw: st.DrawFn) -> bytes:
    keys = ["title", "source", "author", "published"]
    meta = {k: _sometimes(draw, draw(DATES) if k == "published" else draw(st.text(max_size=40)))
            for k in keys if draw(st.booleans())}
    meta |= draw(st.dictionaries(st.text(max_size=8), JSON_VALUES, max_size=2))
    return draw(json_text(draw(st.one_of(st.just(meta), JSON_VALUES))))


@st.composite
def stix_object(draw: st.DrawFn, kind: str, refs: list[str], text: str) -> dict[str, Any]:
    ontology = load_ontology()
    oid = f"{kind}--{draw(st.uuids(version=4))}"
    obj: dict[str, Any] = {"type": kind, "spec_version": "2.1", "id": _sometimes(draw, oid),
                           "created": "2024-01-30T00:00:00.000Z", "modified": "2024-01-30T00:00:00.000Z"}
    name = _sometimes(draw, draw(st.sampled_from(["Hezbollah", "Iran", "Kata'ib Hezbollah", "", "!!", "Baghdad"])))
    span = st.fixed_dictionaries({"start": st.integers(-2, 40), "end": st.integers(-2, 60)})
    if kind in ("identity", "threat-actor", "intrusion-set", "location"):
        obj["name"] = name
        obj |= {"identity": {"identity_class": _sometimes(draw, "organization"), "sectors": _sometimes(draw, [])},
                "threat-actor": {"threat_actor_types": _sometimes(draw, ["nation-state"])},
                "intrusion-set": {}, "location": {"country": _sometimes(draw, "IR")}}[kind]
        obj["aliases"] = _sometimes(draw, ["Hizbullah"])
        if draw(st.booleans()):
            obj["extensions"] = {EXTENSION_ID: {
                "extension_type": "property-extension", "entity_id": _sometimes(draw, draw(st.sampled_from(
                    ["hezbollah", "iran", "x", ""]))),
                "entity_type": _sometimes(draw, draw(st.sampled_from([*ontology.entity_types, "alien"]))),
                "category": _sometimes(draw, draw(st.sampled_from([None, *ontology.categories, "cult"]))),
                "aliases": _sometimes(draw, [])}}
    elif kind == "relationship":
        obj |= {"relationship_type": _sometimes(draw, draw(st.sampled_from(["located-at", "uses", "x-proxyatlas-supports"]))),
                "source_ref": _sometimes(draw, draw(st.sampled_from(refs + ["identity--0"]))),
                "target_ref": _sometimes(draw, draw(st.sampled_from(refs + ["identity--0"]))),
                "confidence": _sometimes(draw, draw(st.integers(-5, 105)))}
        if draw(st.booleans()):
            evidence = draw(st.lists(st.builds(
                lambda s, h, d: {**s, "text": text[max(0, s["start"]):s["end"]], "hedge": h, "document": d},
                span, st.sampled_from([*HEDGES, "maybe"]), st.sampled_from([Document(text).id, "nope"]),
            ).flatmap(lambda ev: st.just(ev) | JSON_VALUES), max_size=3))
            obj["extensions"] = {EXTENSION_ID: {
                "extension_type": "property-extension", "evidence": evidence,
                "relation_type": _sometimes(draw, draw(st.sampled_from([*ontology.relation_types, "hates"])))}}
    elif kind == "report":
        obj |= {"name": name, "published": "2024-01-30T00:00:00Z", "object_refs": _sometimes(draw, refs or [oid])}
        if draw(st.booleans()):
            mentions = draw(st.lists(st.builds(lambda s, e: {**s, "entity": e}, span, st.sampled_from(
                ["hezbollah", "iran", 5])), max_size=3))
            obj["extensions"] = {EXTENSION_ID: {
                "extension_type": "property-extension", "text": _sometimes(draw, text),
                "document_id": _sometimes(draw, Document(text).id), "mentions": mentions}}
    else:  # types the import does not read, known to stix2 or not
        obj |= draw(st.dictionaries(st.sampled_from(["name", "created_by_ref", "labels", "x_custom"]), JSON_VALUES))
    return obj


@st.composite
def stix_bundles(draw: st.DrawFn) -> bytes:
    text = draw(st.sampled_from(SENTENCES))
    kinds = draw(st.lists(st.sampled_from(["identity", "threat-actor", "intrusion-set", "location", "relationship",
                                           "report", "note", "malware", "x-custom-thing"]), max_size=8))
    refs: list[str] = []
    objects = []
    for kind in kinds:
        obj = draw(stix_object(kind, refs, text))
        objects.append(obj)
        if isinstance(obj.get("id"), str):
            refs.append(obj["id"])
    bundle = {"type": _sometimes(draw, "bundle"), "id": f"bundle--{draw(st.uuids(version=4))}",
              "objects": _sometimes(draw, objects)}
    return draw(json_text(bundle))


BASE_BUNDLE = {"type": "bundle", "id": "bundle--7c1f8a52-1c9a-4d0b-9f53-0c9f3f1c2b01", "objects": [
    {"type": "identity", "spec_version": "2.1", "id": "identity--1c4f1a0e-8a5e-4b8e-9d4e-2f0e6a6b7c01",
     "created": "2024-01-30T00:00:00.000Z", "modified": "2024-01-30T00:00:00.000Z", "name": "Hezbollah",
     "identity_class": "organization"},
    {"type": "location", "spec_version": "2.1", "id": "location--1c4f1a0e-8a5e-4b8e-9d4e-2f0e6a6b7c02",
     "created": "2024-01-30T00:00:00.000Z", "modified": "2024-01-30T00:00:00.000Z", "name": "Lebanon",
     "country": "LB"},
    {"type": "relationship", "spec_version": "2.1", "id": "relationship--1c4f1a0e-8a5e-4b8e-9d4e-2f0e6a6b7c03",
     "created": "2024-01-30T00:00:00.000Z", "modified": "2024-01-30T00:00:00.000Z", "relationship_type":
     "located-at", "source_ref": "identity--1c4f1a0e-8a5e-4b8e-9d4e-2f0e6a6b7c01",
     "target_ref": "location--1c4f1a0e-8a5e-4b8e-9d4e-2f0e6a6b7c02"},
]}


# -- registry YAML -------------------------------------------------------------------------------
@st.composite
def registries(draw: st.DrawFn) -> bytes:
    ontology = load_ontology()
    actors = []
    for _ in range(draw(st.integers(0, 4))):
        actor = {"id": _sometimes(draw, draw(st.sampled_from(["my-group", "My Group", "x", "a--b", ""]))),
                 "name": _sometimes(draw, "My Group"),
                 "type": _sometimes(draw, draw(st.sampled_from([*ontology.entity_types, "alien"])))}
        for key, good in [("category", draw(st.sampled_from(ontology.categories))), ("aliases", ["MG"]),
                          ("country", "IRN"), ("wikidata", "Q42"), ("demonyms", ["Mine"]), ("capital_of", "iran"),
                          ("coords", [33.3, 44.4]), ("description", "x"), ("unknown", 1)]:
            if draw(st.booleans()):
                actor[key] = _sometimes(draw, good)
        actors.append(actor)
    raw = {"schema": _sometimes(draw, 1), "actors": _sometimes(draw, actors)}
    text = yaml.safe_dump(raw, allow_unicode=True)
    how = draw(st.sampled_from(["plain", "plain", "plain", "deep", "alias", "tag", "text"]))
    if how == "deep":
        n = draw(st.sampled_from([50, 2000, 50_000]))
        text += f"extra: {'[' * n}{']' * n}\n"
    elif how == "alias":  # a billion-laughs style alias chain
        text = "a: &a [x, x, x, x, x, x, x, x]\n" + "".join(
            f"{c}: &{c} [{', '.join(['*' + chr(ord(c) - 1)] * 8)}]\n" for c in "bcdefghi") + text
    elif how == "tag":
        text = text.replace("My Group", draw(st.sampled_from(["!!python/object:os.system x", "!!binary AAAA",
                                                             "!!timestamp x", "!custom x", "*undefined"])), 1)
    elif how == "text":
        text = draw(st.text(max_size=200))
    return draw(damaged(text.encode("utf-8", errors="surrogatepass")))


# -- the web API ---------------------------------------------------------------------------------
ENDPOINTS = {
    "/api/home": ["latest"], "/api/search": ["q", "limit"], "/api/entities": ["type", "category", "name", "limit",
                                                                               "offset"],
    "/api/entity/{x}": ["evidence"], "/api/relations": ["type", "source", "target", "min_sources", "hedge", "as_of",
                                                       "limit"],
    "/api/neighbourhood": ["entity", "hops", "type", "hedge", "min_sources", "category", "as_of", "max_nodes",
                           "max_edges"],
    "/api/path": ["a", "b", "max_hops"], "/api/timeline": ["entity", "limit"], "/api/as_of": ["date", "limit"],
    "/api/sources": [], "/api/conflicts": [], "/api/documents": ["source", "limit", "offset"],
    "/api/document/{x}": [], "/api/document/{x}/context": ["start", "end", "pad"], "/api/graph_stats": [],
    "/api/config": [],
}
PARAM_VALUES = st.one_of(
    st.sampled_from(["hezbollah", "lebanon", "Hezbollah", "2024", "2024-01-30", "2024-13-45", "..", "-1", "0", "1",
                     "99999999999999999999", "1e3", "NaN", "asserted", "supports", "%", "_", "*", "'", "\"",
                     "' OR 1=1 --", "../../etc/passwd", "a" * 5000, "<script>", "2024-01-30/..", "..2024"]),
    st.text(max_size=30),
)


@st.composite
def web_requests(draw: st.DrawFn) -> bytes:
    if draw(st.integers(0, 3)):
        route = draw(st.sampled_from(sorted(ENDPOINTS)))
        path = route.replace("{x}", draw(PARAM_VALUES.filter(lambda v: "/" not in v and "?" not in v and "#" not in v
                                                                  and v not in ("", ".", ".."))))
        keys = ENDPOINTS[route] + ["x"]
        params = draw(st.dictionaries(st.sampled_from(keys), PARAM_VALUES, max_size=4))
        spec: dict[str, Any] = {"method": "GET", "path": path, "params": params}
    else:
        names = st.one_of(st.sampled_from(["a.txt", "b.html", "c.pdf", "d.md", "e.docx", "../../x.txt", ".txt",
                                           "noext", "x" * 300 + ".txt", "ش.txt", "a\\b.txt", "a\x00.txt"]),
                          st.text(max_size=20))
        contents = st.one_of(plain_texts(), html_pages(), st.binary(max_size=100))
        files = draw(st.lists(st.tuples(names, contents.map(lambda b: base64.b64encode(b).decode())), max_size=3))
        form = draw(st.dictionaries(st.sampled_from(["source", "published", "x"]), st.one_of(DATES, st.text(max_size=20)),
                                    max_size=2))
        token = draw(st.sampled_from([TOKEN, TOKEN, None, "wrong", "", TOKEN + "x", "ş"]))
        spec = {"method": "POST", "path": "/api/ingest", "files": files, "form": form, "token": token}
    return json.dumps(spec).encode("utf-8")


@st.composite
def extract_texts(draw: st.DrawFn) -> bytes:
    """Arbitrary Unicode (lone surrogates included) mixed with news text, as a JSON {"text": ...}."""
    text = draw(st.one_of(words(), st.text(st.characters(codec=None, exclude_categories=()), max_size=200)))
    if draw(st.integers(0, 4)) == 0:
        at = draw(st.integers(0, len(text)))
        text = text[:at] + draw(st.sampled_from(SURROGATES)) + text[at:]
    return json.dumps({"text": text}).encode("utf-8")
