"""The ontology as data: entity types, categories, relation types (with the ends each may join)
and hedges."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from .errors import DataError


@dataclass(frozen=True)
class EndKind:
    """One admissible kind of relation end: an entity type, narrowed to one organization category
    when `category` is set ("armed_group" is an organization whose category is armed_group)."""

    type: str
    category: str | None = None

    def admits(self, etype: str, category: str | None) -> bool:
        return etype == self.type and (self.category is None or category == self.category)


@dataclass(frozen=True)
class EndPair:
    source: tuple[EndKind, ...]
    target: tuple[EndKind, ...]

    def admits(self, source: tuple[str, str | None], target: tuple[str, str | None]) -> bool:
        return any(k.admits(*source) for k in self.source) and any(k.admits(*target) for k in self.target)


@dataclass(frozen=True)
class RelationType:
    name: str
    symmetric: bool
    allow: tuple[EndPair, ...]

    def admits(self, source: tuple[str, str | None], target: tuple[str, str | None]) -> bool:
        """Whether a relation may join these ends, each an (entity type, category) pair:
        leads admits (("person", None), ("organization", "armed_group")), not the reverse."""
        if any(pair.admits(source, target) for pair in self.allow):
            return True
        return self.symmetric and any(pair.admits(target, source) for pair in self.allow)


@dataclass(frozen=True)
class Ontology:
    version: int
    entity_types: tuple[str, ...]
    categories: tuple[str, ...]
    relation_types: dict[str, RelationType]
    event_types: tuple[str, ...]
    hedges: tuple[str, ...]


def _end_kinds(names: Any, entity_types: tuple[str, ...], categories: tuple[str, ...], where: str,
               relation: str) -> tuple[EndKind, ...]:
    """["person", "armed_group"] -> a person, or an organization of category armed_group."""
    if not isinstance(names, list) or not names:
        raise DataError(where, f"a non-empty list of entity types or categories, not {names!r}", relation)
    kinds = []
    for name in names:
        if name in entity_types:
            kinds.append(EndKind(name))
        elif name in categories:
            kinds.append(EndKind("organization", name))
        else:
            raise DataError(where, f"{name!r} is neither an entity type {list(entity_types)} "
                                   f"nor an organization category {list(categories)}", relation)
    return tuple(kinds)


def _relation_type(name: str, spec: Any, entity_types: tuple[str, ...], categories: tuple[str, ...],
                   where: str) -> RelationType:
    if not isinstance(spec, dict) or set(spec) != {"symmetric", "allow"}:
        raise DataError(where, "a relation type needs exactly the keys 'symmetric' and 'allow'", name)
    if not isinstance(spec["allow"], list) or not spec["allow"]:
        raise DataError(where, "'allow' must be a non-empty list of {source: [...], target: [...]}", name)
    pairs = []
    for pair in spec["allow"]:
        if not isinstance(pair, dict) or set(pair) != {"source", "target"}:
            raise DataError(where, f"an 'allow' entry needs exactly 'source' and 'target', not {pair!r}", name)
        pairs.append(EndPair(_end_kinds(pair["source"], entity_types, categories, where, name),
                             _end_kinds(pair["target"], entity_types, categories, where, name)))
    return RelationType(name, bool(spec["symmetric"]), tuple(pairs))


def parse_ontology(raw: Any, where: str) -> Ontology:
    """The ontology in `raw` (ontology.yaml, parsed); DataError naming the entry at fault."""
    try:
        entity_types = tuple(raw["entity_types"])
        categories = tuple(raw["categories"])
        relation_types = {name: _relation_type(name, spec, entity_types, categories, where)
                          for name, spec in raw["relation_types"].items()}
        return Ontology(
            version=int(raw["version"]),
            entity_types=entity_types,
            categories=categories,
            relation_types=relation_types,
            event_types=tuple(raw["event_types"]),
            hedges=tuple(raw["hedges"]),
        )
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise DataError(where, f"malformed ontology: {exc!r}") from exc


@lru_cache(maxsize=1)
def load_ontology() -> Ontology:
    source = resources.files("proxyatlas") / "data" / "ontology.yaml"
    return parse_ontology(yaml.safe_load(source.read_text(encoding="utf-8")), str(source))
