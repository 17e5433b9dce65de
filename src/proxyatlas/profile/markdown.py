"""The profile as Markdown: a contents list, each sentence with its references as Markdown
footnotes ([^N]: outlet, date, title and the document page's address) followed by links to
its evidence sentences, and the static map inlined as an SVG data URI."""

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
            notes = "".join(f"[^{n}]" for n in sentence["notes"])
            spans = " ".join(f"[{r['n']}]({r['href']})" for r in sentence["refs"] if r["start"] is not None)
            lines.append(f"- {sentence['text']}{notes}" + (f" ({labels['evidence']}: {spans})" if spans else ""))
        lines.append("")
    lines += [f"## {labels['notes']}", ""]
    for note in profile["footnotes"]:
        lines.append(f"[^{note['n']}]: {note['text']}. <{note['href']}>")
    return "\n".join(lines) + "\n"
