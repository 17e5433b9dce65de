"""The profile as one self-contained HTML file (inline CSS, no script): what the PDF is printed
from, and what `--format html` writes. Every sentence links its notes; every note links the
evidence sentence in its document page (`/document/ID?hl=START-END`). All text is escaped."""

from __future__ import annotations

from html import escape
from typing import Any

from .worldmap import map_svg

STYLE = """
@page { size: A4; margin: 20mm 18mm 22mm 18mm;
  @bottom-center { content: counter(page) " / " counter(pages); font-size: 9pt; color: #555; } }
body { font-family: "DejaVu Sans", sans-serif; font-size: 10pt; line-height: 1.45; color: #1d2733; max-width: 52em;
  margin: 0 auto; }
h1 { font-size: 20pt; margin: 0 0 4pt; } h2 { font-size: 13pt; margin: 16pt 0 6pt; border-bottom: 1px solid #ccd;
  page-break-after: avoid; }
.subtitle { color: #555; font-style: italic; }
nav.contents ol { padding-left: 1.2em; } nav.contents a { color: inherit; text-decoration: none; }
nav.contents a::after { content: leader('.') target-counter(attr(href), page); }
.facts p { margin: 0 0 4pt; }
sup a { text-decoration: none; color: #1a5fb4; }
figure { margin: 6pt 0; } figure img { width: 100%; height: auto; border: 1px solid #ccd; }
figcaption { font-size: 8.5pt; color: #555; }
ol.notes { font-size: 8.5pt; padding-left: 2.2em; } ol.notes li { margin-bottom: 3pt; }
ol.notes a { color: #1a5fb4; text-decoration: none; }
.hedge-alleged, .hedge-speculative, .hedge-denied { color: #7a3b00; }
"""


def render_html(profile: dict[str, Any], for_print: bool = False) -> str:
    """A sentence's reference numbers open its evidence sentences in their document pages, and
    each note its document. `for_print` (the PDF, read away from the server) leaves those links
    out: the numbers name the notes, and WeasyPrint lays out a page of links several times slower."""
    labels = profile["labels"]
    out = ['<!doctype html>', f'<html lang="{escape(profile["language"])}">', '<head><meta charset="utf-8">',
           f'<title>{escape(profile["title"])}</title><style>{STYLE}</style></head>', '<body>',
           f'<h1>{escape(profile["title"])}</h1>', f'<p class="subtitle">{escape(profile["subtitle"])}</p>',
           f'<nav class="contents"><h2>{escape(labels["contents"])}</h2><ol>']
    out += [f'<li><a href="#{s["id"]}">{escape(s["title"])}</a></li>' for s in profile["sections"]]
    out += [f'<li><a href="#notes">{escape(labels["notes"])}</a></li>', '</ol></nav>']
    for section in profile["sections"]:
        out.append(f'<section id="{section["id"]}"><h2>{escape(section["title"])}</h2>')
        if section["id"] == "areas":
            out.append(_figure(profile))
        out.append('<div class="facts">')
        for sentence in section["sentences"]:
            refs = _refs(sentence["refs"], for_print)
            hedge = f' class="hedge-{sentence["hedge"]}"' if sentence.get("hedge") else ""
            out.append(f'<p{hedge}>{escape(sentence["text"])}{refs}</p>')
        out.append('</div></section>')
    out.append(f'<section id="notes"><h2>{escape(labels["notes"])}</h2><ol class="notes">')
    for note in profile["footnotes"]:
        text = f'{escape(note["text"])}.'
        out.append(f'<li id="fn-{note["n"]}">' + (text if for_print else f'<a href="{escape(note["href"])}">{text}</a>')
                   + '</li>')
    out += ['</ol></section>', '</body></html>']
    return "\n".join(out) + "\n"


def _refs(refs: list[dict[str, Any]], for_print: bool) -> str:
    """One superscript per sentence, [3, 4], each number a link to its evidence unless for print."""
    if for_print:
        links = ", ".join(str(r["n"]) for r in refs)
    else:
        links = ", ".join(f'<a href="{escape(r["href"])}"' + (f' title="{escape(r["quote"])}"' if r["quote"] else "")
                          + f'>{r["n"]}</a>' for r in refs)
    return f"<sup>[{links}]</sup>" if refs else ""


def _figure(profile: dict[str, Any]) -> str:
    import base64

    svg = map_svg(profile["places"])
    if not svg:
        return ""
    data = base64.b64encode(svg.encode("utf-8")).decode("ascii")
    labels = profile["labels"]
    return (f'<figure><img src="data:image/svg+xml;base64,{data}" alt="{escape(labels["map_alt"])}">'
            f'<figcaption>{escape(labels["map_caption"])}.</figcaption></figure>')
