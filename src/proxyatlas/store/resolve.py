"""Cross-document entity resolution: each document-level entity becomes one stored entity.

In order: a registry id is the entity; else a stored alias with the same normalised name and
type; else the same transliteration-folded name (capitalised names only); else a fuzzy match
(rapidfuzz `ratio` / `token_sort_ratio` >= 90, names of at least 8 characters and similar
length, persons with the same number of words, and a clear winner); else a one-word person
name is the one stored person with that surname, if there is exactly one. What matches
nothing is a new entity. Corrections (merges and splits) are applied to the result.
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from typing import Any

from rapidfuzz import fuzz, process

from ..normalize import exact_key, fold_key, words
from ..registry import Registry
from .curation import Corrections

FUZZY_MIN = 90.0
FUZZY_MIN_LENGTH = 8
FUZZY_MARGIN = 3.0  # the best entity must beat the next one by this much


class EntityIndex:
    """The stored entities' names, in memory, for resolving one document after another."""

    def __init__(self) -> None:
        self.types: dict[str, str] = {}
        self.exact: dict[tuple[str, str], set[str]] = defaultdict(set)
        self.fold: dict[tuple[str, str], set[str]] = defaultdict(set)
        self.keys: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))  # type -> key -> ids
        self.surnames: dict[str, set[str]] = defaultdict(set)

    @classmethod
    def load(cls, conn: sqlite3.Connection) -> EntityIndex:
        index = cls()
        index.types = dict(conn.execute("SELECT id, type FROM entities").fetchall())
        for entity, alias in conn.execute("SELECT entity, alias FROM aliases"):
            index.add_alias(entity, index.types[entity], alias)
        return index

    def add_entity(self, entity: str, etype: str) -> None:
        self.types[entity] = etype

    def add_alias(self, entity: str, etype: str, alias: str) -> None:
        key = exact_key(alias)
        if not key:
            return
        self.exact[(etype, key)].add(entity)
        if alias[:1].isupper():
            self.fold[(etype, fold_key(alias))].add(entity)
        self.keys[etype][key].add(entity)
        ws = key.split()
        if etype == "person" and len(ws) >= 2:
            self.surnames[ws[-1]].add(entity)

    def _unique(self, ids: set[str] | None) -> str | None:
        return next(iter(ids)) if ids and len(ids) == 1 else None

    def match(self, names: list[str], etype: str) -> str | None:
        """The one stored entity these spellings of one document-level entity denote, or None."""
        for name in names:
            found = self._unique(self.exact.get((etype, exact_key(name))))
            if found:
                return found
        for name in names:
            if name[:1].isupper():
                found = self._unique(self.fold.get((etype, fold_key(name))))
                if found:
                    return found
        return self._fuzzy(names[0], etype) or self._surname(names[0], etype)

    def _fuzzy(self, name: str, etype: str) -> str | None:
        key = exact_key(name)
        choices = self.keys.get(etype)
        if len(key) < FUZZY_MIN_LENGTH or not choices:
            return None
        scores: dict[str, float] = {}
        for scorer in (fuzz.ratio, fuzz.token_sort_ratio):
            for choice, score, _ in process.extract(key, list(choices), scorer=scorer, score_cutoff=FUZZY_MIN,
                                                    limit=10):
                if not 0.8 <= len(choice) / len(key) <= 1.25:
                    continue
                if etype == "person" and len(choice.split()) != len(key.split()):
                    continue
                for entity in choices[choice]:
                    scores[entity] = max(scores.get(entity, 0.0), score)
        ranked = sorted(scores.items(), key=lambda item: (-item[1], item[0]))
        if not ranked or (len(ranked) > 1 and ranked[0][1] - ranked[1][1] < FUZZY_MARGIN):
            return None
        return ranked[0][0]

    def _surname(self, name: str, etype: str) -> str | None:
        ws = words(name)
        if etype != "person" or len(ws) != 1:
            return None
        return self._unique(self.surnames.get(ws[0]))


def spellings(local: dict[str, Any]) -> list[str]:
    """How the document wrote this entity: its name first, then its mention texts."""
    return list(dict.fromkeys([local["name"], *(m["text"] for m in local.get("mentions", []))]))


def resolve_entity(local: dict[str, Any], index: EntityIndex, registry: Registry,
                   corrections: Corrections) -> str | None:
    """The stored entity id of a document-level entity, or None when it is a new entity."""
    names = spellings(local)
    actor = registry.get(local["id"])
    if actor is not None:
        found: str | None = local["id"]
    else:
        found = index.match(names, local["type"])
    if found is None:
        return None
    found = corrections.canon(found)
    return corrections.split_target(found, {exact_key(n) for n in names})


def new_entity_id(local: dict[str, Any], index: EntityIndex) -> str:
    base = local["id"]
    if base not in index.types:
        return base
    base = f"{base}-{local['type']}"
    candidate, n = base, 2
    while candidate in index.types:
        candidate, n = f"{base}-{n}", n + 1
    return candidate
