"""A profile's fact sheet: the "Label: value" lines that open an actor profile, about the
organisation its title names last.

    Actor Profile: The Southern Transitional Council (STC)
    Base: Aden, southern Yemen
    Founded: 11 May 2017
    Leader: Aidarous al-Zubaidi

A sheet is two fields or more under a title of a few words; it ends at the first line of prose,
so a colon inside a paragraph is no field. Each
field is known by the last word of its label ("Main foreign backer" is a backer); what a label
means is the reader's business (relations, events). `profiled_organisation` reads the title alone:
in an actor profile an office said bare ("has been emir since 2014") is the profiled group's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span

from .resolve import Resolved

_FIELD = re.compile(r"^(?P<label>[A-Z][A-Za-z' -]{1,40}):[ \t]+(?P<value>\S.*)$")
_HEADER_LINES = 20  # a fact sheet opens the document
_PROSE_WORDS = 15  # a line this long is prose, not a title or a field: the fact sheet is over
_MIN_FIELDS = 2  # one "Label: value" line may be anything


@dataclass(frozen=True)
class Field:
    label: str  # the label's last word, lower case: "backer"
    value: Span


@dataclass(frozen=True)
class FactSheet:
    subject: str  # the profiled organisation's entity id
    fields: tuple[Field, ...]

    def values(self, labels: frozenset[str] | set[str]) -> list[Field]:
        """The fields whose label (or its singular) is one of `labels`."""
        return [f for f in self.fields if f.label in labels or f.label.removesuffix("s") in labels]


def read_fact_sheet(doc: Doc, resolved: Resolved) -> FactSheet | None:
    lines = _lines(doc.text)
    if not lines or len(lines[0][1].split()) >= _PROSE_WORDS:
        return None
    subject = _profiled(doc, resolved, *lines[0])
    if subject is None:
        return None
    fields = []
    for start, text in lines[1:_HEADER_LINES]:
        if len(text.split()) >= _PROSE_WORDS:
            break
        match = _FIELD.match(text)
        value = match and doc.char_span(start + match.start("value"), start + match.end("value"),
                                        alignment_mode="expand")
        if value:
            fields.append(Field(match["label"].split()[-1].lower(), value))
    return FactSheet(subject, tuple(fields)) if len(fields) >= _MIN_FIELDS else None


def profiled_organisation(doc: Doc, resolved: Resolved, labels: frozenset[str]) -> str | None:
    """The organisation an actor profile is about: a title opening with one of `labels` ("Actor
    profile: Harakat al-Shabaab al-Mujahideen (al-Shabaab)") names it last."""
    lines = _lines(doc.text)
    if not lines or ":" not in lines[0][1] or len(lines[0][1].split()) >= _PROSE_WORDS:
        return None
    start, title = lines[0]
    return _profiled(doc, resolved, start, title) if title.split(":", 1)[0].strip().lower() in labels else None


def _lines(text: str) -> list[tuple[int, str]]:
    """(offset, text) of each non-blank line."""
    out, offset = [], 0
    for line in text.split("\n"):
        if line.strip():
            out.append((offset, line.rstrip()))
        offset += len(line) + 1
    return out


def _profiled(doc: Doc, resolved: Resolved, start: int, title: str) -> str | None:
    """The organisation the title names last: "Actor profile: Harakat al-Shabaab (al-Shabaab)"."""
    span = doc.char_span(start, start + len(title), alignment_mode="expand")
    if span is None:
        return None
    named = [e for t in span if (e := resolved.entity_at(t.i)) and resolved.entities[e].type == "organization"]
    return named[-1] if named else None
