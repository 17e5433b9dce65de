"""The profile as Markdown: a contents list, numbered notes as Markdown footnotes ([^N]) that
name the outlet, date, title and evidence sentence and give the document page's address,
and the static map inlined as an SVG data URI."""

from __future__ import annotations

import base64
import re
from typing import Any

from .worldmap import map_svg


def anchor(title: str) -> str:
    """The heading anchor GitHub and most Markdown renderers give `## title`."""
    return re.sub(r"[^\w\- ]", "", title.lower()).strip().replace(" ", "-")


def render_markdown(profile: dict[str, Any]) -> str:
    labels = profile["labels"]
    lines = [f"# {profile['title']}", "", f"_{profile['subtitle']}_", "", f"## {labels['contents']}", ""]
    lines += [f"- [{s['title']}](#{anchor(s['title'])})" for s in profile["sections"]]
    lines += [f"- [{labels['notes']}](#{anchor(labels['notes'])})", ""]
    for section in profile["sections"]:
        lines += [f"## {section['title']}", ""]
        if section["id"] == "areas":
            svg = map_svg(profile["places"])
            if svg:
                data = base64.b64encode(svg.encode("utf-8")).decode("ascii")
                lines += [f"![{labels['map_alt']}](data:image/svg+xml;base64,{data})", "",
                          f"_{labels['map_caption']}._", ""]
        for sentence in section["sentences"]:
            refs = "".join(f"[^{n}]" for n in sentence["notes"])
            lines.append(f"- {sentence['text']}{refs}")
        lines.append("")
    lines += [f"## {labels['notes']}", ""]
    for note in profile["footnotes"]:
        quote = f" {note['quote']}" if note["quote"] else ""
        lines.append(f"[^{note['n']}]: {note['text']}.{quote} <{note['href']}>")
    return "\n".join(lines) + "\n"
