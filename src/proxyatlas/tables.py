"""Output of the store's queries in the three formats every command offers: table, json, csv.

A query returns dicts; a list of them prints as rows of chosen columns (table, csv) or as it
is (json). Nested results (`show`, `path`, `graph-stats`, ...) have their own table layout and
print their main list as csv.
"""

from __future__ import annotations

import csv
import io
import json
import textwrap
from collections.abc import Callable, Sequence
from typing import Any

Column = tuple[str, Callable[[dict[str, Any]], Any]]
MAX_WIDTH = 48


def to_json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (list, tuple)):
        return "; ".join(_cell(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    return " ".join(str(value).split())


def table(items: Sequence[dict[str, Any]], columns: Sequence[Column]) -> str:
    if not items:
        return "(none)"
    rows = [[_cell(get(item)) for _, get in columns] for item in items]
    widths = [min(MAX_WIDTH, max(len(h), *(len(r[i]) for r in rows))) for i, (h, _) in enumerate(columns)]

    def line(cells: Sequence[str]) -> str:
        return "  ".join(textwrap.shorten(c, w, placeholder="…").ljust(w) if len(c) > w else c.ljust(w)
                         for c, w in zip(cells, widths, strict=True)).rstrip()

    return "\n".join([line([h for h, _ in columns]), line(["-" * w for w in widths]), *(line(r) for r in rows)])


def csv_rows(items: Sequence[dict[str, Any]], columns: Sequence[Column]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([h for h, _ in columns])
    for item in items:
        writer.writerow([_cell(get(item)) for _, get in columns])
    return out.getvalue().rstrip("\n")


def render(data: Any, fmt: str, columns: Sequence[Column], items: Sequence[dict[str, Any]] | None = None,
           layout: Callable[[Any], str] | None = None) -> str:
    """`data` as json; else `items` (default: data itself) as csv rows, or `layout(data)` as a table."""
    if fmt == "json":
        return to_json(data)
    rows = data if items is None else items
    if fmt == "csv":
        return csv_rows(rows, columns)
    return layout(data) if layout else table(rows, columns)


def key(name: str) -> Callable[[dict[str, Any]], Any]:
    return lambda item: item.get(name)


def first_evidence(item: dict[str, Any]) -> str:
    evidence = item.get("evidence") or []
    return evidence[0]["text"] if evidence else ""


ENTITY_COLUMNS: list[Column] = [("id", key("id")), ("name", key("name")), ("type", key("type")),
                                ("category", key("category")), ("documents", key("documents")),
                                ("aliases", key("aliases"))]
RELATION_COLUMNS: list[Column] = [
    ("id", key("id")), ("type", key("type")), ("source", key("source_name")), ("target", key("target_name")),
    ("hedge", key("hedge")), ("documents", key("documents")), ("sources", key("sources")),
    ("valid_from", key("valid_from")), ("valid_to", key("valid_to")), ("first_seen", key("first_seen")),
    ("last_seen", key("last_seen")), ("checked_by", key("confirmed_by")), ("evidence", first_evidence)]


def event_sentence(event: dict[str, Any]) -> str:
    """The first sentence that reports a resolved event."""
    return event["evidence"][0]["sentence"] if event["evidence"] else ""


def _names_of(role: str) -> Callable[[dict[str, Any]], Any]:
    def get(event: dict[str, Any]) -> Any:
        ids = event[role] if isinstance(event[role], list) else [event[role]] if event[role] else []
        return [event["names"].get(i, i) for i in ids]
    return get


EVENT_COLUMNS: list[Column] = [
    ("id", key("id")), ("date", key("date")), ("type", key("type")), ("agents", _names_of("agents")),
    ("targets", _names_of("targets")), ("place", _names_of("place")), ("hedge", key("hedge")),
    ("fatalities", key("fatalities")), ("documents", key("documents")), ("sources", key("sources")),
    ("outlets", lambda e: sorted({ev["outlet"] for ev in e["evidence"] if ev["outlet"]})), ("sentence", event_sentence)]
NUMBER_COLUMNS: list[Column] = [
    ("group", key("group")), ("date", key("date")),
    ("value", lambda n: f"{n['value']}-{n['value_max']}" if n["value_max"] is not None else n["value"]),
    ("unit", key("unit")), ("approximate", key("approximate")), ("claimant", key("claimant_name")),
    ("outlet", key("outlet")), ("document", lambda n: n["document"][:12]), ("sentence", key("sentence"))]
TIMELINE_COLUMNS: list[Column] = [
    ("date", key("date")), ("kind", key("kind")),
    ("what", lambda i: i.get("type") or i.get("speaker_name")),
    ("text", lambda i: i["text"] if i["kind"] == "statement" else event_sentence(i)),
    ("source", key("source")), ("published", key("published")), ("document", lambda i: i["document"][:12])]
SOURCE_COLUMNS: list[Column] = [("source", lambda i: i["source"] or "(unknown outlet)"),
                                ("documents", key("documents")), ("claims", key("claims")),
                                ("corroborated", key("corroborated"))]
DOCUMENT_COLUMNS: list[Column] = [("id", lambda i: i["id"][:12]), ("title", key("title")), ("source", key("source")),
                                  ("author", key("author")), ("published", key("published")),
                                  ("entities", key("entities")), ("relations", key("relations")), ("path", key("path"))]
CONFLICT_COLUMNS: list[Column] = [
    ("kind", key("kind")),
    ("what", lambda c: (f"{c['relation']['type']} {c['relation']['source_name']} -> {c['relation']['target_name']}"
                        if c["kind"] == "denied" else f"leads {c['office_name']}")),
    ("claimed / holders", lambda c: c["claimed_by"] if c["kind"] == "denied"
     else [f"{h['source_name']} ({h['valid_from'] or h['first_seen'] or '..'}/{h['valid_to'] or '..'})"
           for h in c["holders"]]),
    ("denied by / overlap", lambda c: c["denied_by"] if c["kind"] == "denied" else "/".join(
        x or ".." for x in c["overlap"])),
    ("relation ids", lambda c: c["relation"]["id"] if c["kind"] == "denied" else [h["id"] for h in c["holders"]])]
CORRECTION_COLUMNS: list[Column] = [
    ("id", key("id")), ("kind", key("kind")), ("author", key("author")), ("created", key("created")),
    ("entity", key("entity")), ("other", key("other")), ("alias", key("alias")), ("new_id", key("new_id")),
    ("relation", key("relation")),
    ("change", lambda c: c.get("to_type") and "/".join(filter(None, (c["to_type"], c.get("to_category"))))
     or c.get("hedge") or c.get("correction")),
    ("reason", key("reason")), ("undone_by", key("undone_by"))]
REVIEW_COLUMNS: list[Column] = [
    ("id", key("id")), ("score", key("score")), ("type", key("type")), ("source", key("source_name")),
    ("target", key("target_name")), ("hedge", key("hedge")), ("sources", key("sources")),
    ("reasons", lambda r: [x["text"] for x in r["reasons"]]), ("evidence", first_evidence)]


def relation_line(rel: dict[str, Any]) -> str:
    valid = f" valid {rel['valid_from'] or '..'}/{rel['valid_to'] or '..'}" if rel["valid_from"] or rel["valid_to"] \
        else ""
    return (f"{rel['source_name']} -{rel['type']}-> {rel['target_name']}  [{rel['hedge']}, "
            f"{rel['documents']} doc(s), {rel['sources']} source(s){valid}]  {rel['id']}"
            + (f"  checked by {rel['confirmed_by']}" if rel.get("confirmed_by") else ""))


def show_layout(data: dict[str, Any]) -> str:
    ent = data["entity"]
    cat = f", {ent['category']}" if ent["category"] else ""
    lines = [f"{ent['name']}  ({ent['id']}: {ent['type']}{cat}; {ent['documents']} document(s))",
             "aliases: " + (", ".join(ent["aliases"]) or "(none)")]
    for title, rels in (("relations out", data["relations_out"]), ("relations in", data["relations_in"])):
        lines += ["", f"{title} ({len(rels)})"]
        for rel in rels:
            lines.append("  " + relation_line(rel))
            lines.append("      " + textwrap.shorten(first_evidence(rel), 100, placeholder=" …"))
    lines += ["", f"statements ({len(data['statements'])})"]
    lines += [f"  {s['date'] or '?'}  {textwrap.shorten(s['text'], 100, placeholder=' …')}  ({s['source'] or '-'})"
              for s in data["statements"]]
    lines += ["", f"events ({len(data['events'])})"]
    lines += [f"  {e['date'] or '?'}  {e['type']}: {textwrap.shorten(event_sentence(e), 80, placeholder=' …')}"
              f"  [{e['documents']} doc(s), {e['sources']} source(s)]" for e in data["events"]]
    lines += ["", f"quantities ({len(data['quantities'])})"]
    lines += [f"  {q['value']}{'-' + str(q['value_max']) if q['value_max'] else ''} {q['unit']}"
              f"{' (approx.)' if q['approximate'] else ''}  ({q['source'] or '-'})" for q in data["quantities"]]
    lines += ["", f"corrections ({len(data['corrections'])})"]
    lines += [f"  {c['created']}  {c['kind']} by {c['author']}: "
              + ", ".join(f"{k}={c[k]}" for k in ("entity", "other", "alias", "new_id", "relation") if c.get(k))
              for c in data["corrections"]]
    return "\n".join(lines)


def as_of_layout(data: dict[str, Any]) -> str:
    """A page of the relations valid on a day, then which page of how many it is."""
    rels, first = data["relations"], data["offset"] + 1
    shown = f"{first}-{first + len(rels) - 1}" if rels else "none"
    more = "; --offset N for another page, --all for every one" if len(rels) < data["total"] else ""
    return (f"{table(rels, RELATION_COLUMNS)}\n\n{shown} of {data['total']:,} relations valid on "
            f"{data['date']}, best corroborated first{more}")


def path_layout(paths: list[list[dict[str, Any]]]) -> str:
    if not paths:
        return "(no path)"
    lines = []
    for n, hops in enumerate(paths, 1):
        lines.append(f"path {n} ({len(hops)} hop(s))")
        for rel in hops:
            lines.append("  " + relation_line(rel))
            lines.append("      " + textwrap.shorten(first_evidence(rel), 100, placeholder=" …"))
    return "\n".join(lines)


def _tree(node: dict[str, Any], depth: int, lines: list[str], limit: int = 6) -> None:
    via = f" ({node['via']})" if node["via"] else ""
    lines.append("  " * (depth + 1) + f"{node['name']}{via}")
    if depth < limit:
        for child in node["children"]:
            _tree(child, depth + 1, lines, limit)


def graph_layout(stats: dict[str, Any]) -> str:
    lines = [(f"entities {stats['entities']} ({stats['connected_entities']} connected), relations "
              f"{stats['relations']}, components {stats['components']}, density {stats['density']}"),
             "relation types: " + ", ".join(f"{k} {v}" for k, v in stats["relation_types"].items()), "",
             "most central", table(stats["central"], [("id", key("id")), ("name", key("name")),
                                                     ("degree", key("degree")), ("betweenness", key("betweenness"))]),
             "", "who backs whom (supports, part_of)"]
    for tree in stats["backer_trees"][:10]:
        _tree(tree, 0, lines)
    lines += ["", "communities"]
    lines += [f"  {c['size']}: " + ", ".join(m["name"] for m in c["members"]) for c in stats["communities"]]
    return "\n".join(lines)
