"""Plain-text tables of an extraction, for `--format table`."""

from __future__ import annotations

import textwrap

from .model import Evidence, Extraction

_WIDTH = 100


def _table(headers: list[str], rows: list[list[str]]) -> str:
    if not rows:
        return "  (none)"
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(headers)]
    widths = [min(w, 40) for w in widths]

    def line(cells: list[str]) -> str:
        return "  " + "  ".join(c[:w].ljust(w) for c, w in zip(cells, widths)).rstrip()

    return "\n".join([line(headers), line(["-" * w for w in widths]), *(line(r) for r in rows)])


def _snippet(evidence: list[Evidence]) -> str:
    if not evidence:
        return ""
    text = " ".join(evidence[0].text.split())
    return textwrap.shorten(text, width=_WIDTH - 6, placeholder=" …")


def _number(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,}"


def _section(title: str, count: int) -> str:
    return f"\n{title} ({count})"


def render_table(result: Extraction) -> str:
    doc = result.document
    names = {e.id: e.name for e in result.entities}

    def name(eid: str | None) -> str:
        return "" if eid is None else names.get(eid, eid)

    out = [f"Document  {doc.title or '(untitled)'}",
           f"          source: {doc.source or '-'}   author: {doc.author or '-'}   published: {doc.published or '-'}",
           f"          id: {doc.id[:16]}…"]
    out.append(_section("Entities", len(result.entities)))
    out.append(_table(["id", "name", "type", "category", "mentions"],
                      [[e.id, e.name, e.type, e.category or "", str(len(e.mentions))] for e in result.entities]))
    out.append(_section("Relations", len(result.relations)))
    for r in result.relations:
        validity = f" [{r.valid_from or '..'}/{r.valid_to or '..'}]" if r.valid_from or r.valid_to else ""
        source = f" according to {name(r.attributed_to)}" if r.attributed_to else ""
        out.append(f"  {name(r.source)} --{r.type}--> {name(r.target)}  ({r.hedge}{source}){validity}")
        out.append(f"      “{_snippet(r.evidence)}”")
    out.append(_section("Events", len(result.events)))
    for e in result.events:
        who = ", ".join(map(name, e.agents)) or "?"
        whom = ", ".join(map(name, e.targets)) or "?"
        place = f" in {name(e.place)}" if e.place else ""
        out.append(f"  {e.date or 'undated'}  {e.type}: {who} -> {whom}{place}  ({e.hedge})")
        out.append(f"      “{_snippet(e.evidence)}”")
    out.append(_section("Statements", len(result.statements)))
    for s in result.statements:
        via = f" via {name(s.via)}" if s.via else ""
        kind = "quote" if s.direct else "paraphrase"
        out.append(f"  {s.date or 'undated'}  {name(s.speaker)} ({kind}{via}):")
        out.append(f"      “{textwrap.shorten(' '.join(s.text.split()), width=_WIDTH - 6, placeholder=' …')}”")
    out.append(_section("Quantities", len(result.quantities)))
    for q in result.quantities:
        approx = "~" if q.approximate else ""
        top = f"–{_number(q.value_max)}" if q.value_max is not None else ""
        source = f" according to {name(q.attributed_to)}" if q.attributed_to else ""
        out.append(f"  {name(q.subject)}: {approx}{_number(q.value)}{top} {q.unit}{source}  ({q.date or 'undated'})")
    return "\n".join(out)
