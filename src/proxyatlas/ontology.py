"""The ontology as data: entity types, categories, relation types and hedges."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from .errors import DataError


@dataclass(frozen=True)
class RelationType:
    name: str
    symmetric: bool
    source_types: tuple[str, ...]
    target_types: tuple[str, ...]


@dataclass(frozen=True)
class Ontology:
    version: int
    entity_types: tuple[str, ...]
    categories: tuple[str, ...]
    relation_types: dict[str, RelationType]
    event_types: tuple[str, ...]
    hedges: tuple[str, ...]


def _parse(raw: Any, where: str) -> Ontology:
    try:
        relation_types = {
            name: RelationType(name, bool(spec["symmetric"]), tuple(spec["source"]), tuple(spec["target"]))
            for name, spec in raw["relation_types"].items()
        }
        return Ontology(
            version=int(raw["version"]),
            entity_types=tuple(raw["entity_types"]),
            categories=tuple(raw["categories"]),
            relation_types=relation_types,
            event_types=tuple(raw["event_types"]),
            hedges=tuple(raw["hedges"]),
        )
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise DataError(where, f"malformed ontology: {exc!r}") from exc


@lru_cache(maxsize=1)
def load_ontology() -> Ontology:
    source = resources.files("proxyatlas") / "data" / "ontology.yaml"
    return _parse(yaml.safe_load(source.read_text(encoding="utf-8")), str(source))
