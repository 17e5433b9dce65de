"""The actor registry: versioned YAML files of real actors and their aliases, validated on load.

A registry file looks like::

    schema: 1
    actors:
      - id: irgc-quds-force            # stable slug, unique across all files
        name: IRGC Quds Force          # canonical name
        type: organization             # person | organization | country | place
        category: state_body           # organizations only (see data/ontology.yaml)
        aliases: [Quds Force, Qods Force, IRGC-QF]
        country: IRN                   # ISO 3166 alpha-3, optional
        wikidata: Q1144530             # optional
        demonyms: [Iranian, Iranians]  # countries only: adjectives that stand for the country
        capital_of: iran               # places only: a capital used as metonym for its country
        coords: [35.69, 51.39]         # optional latitude, longitude (for maps)

Every problem is reported as a DataError naming the file, the entry and the problem.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from .errors import DataError
from .limits import MAX_REGISTRY_BYTES, check_nesting, check_size
from .normalize import exact_key, fold_key
from .ontology import load_ontology

SCHEMA_VERSION = 1
_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_ISO3 = re.compile(r"^[A-Z]{3}$")
_QID = re.compile(r"^Q[1-9][0-9]*$")
_FIELDS = {"id", "name", "type", "category", "aliases", "country", "wikidata", "demonyms", "capital_of",
           "coords", "description"}


@dataclass(frozen=True)
class Actor:
    id: str
    name: str
    type: str
    category: str | None = None
    aliases: tuple[str, ...] = ()
    country: str | None = None
    wikidata: str | None = None
    demonyms: tuple[str, ...] = ()
    capital_of: str | None = None
    coords: tuple[float, float] | None = None
    source_file: str = field(default="", compare=False)

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


class Registry:
    """All actors of the loaded files, with name look-up by exact and transliteration-folded key."""

    def __init__(self, actors: Iterable[Actor]) -> None:
        self.actors: dict[str, Actor] = {}
        self._exact: dict[str, set[str]] = defaultdict(set)
        self._fold: dict[str, set[str]] = defaultdict(set)
        for actor in actors:
            self.actors[actor.id] = actor
            for name in actor.names:
                self._exact[exact_key(name)].add(actor.id)
                # A one-word place is known only as spelled: folded, "Lubero" would be Liberia.
                if actor.type not in {"place", "country"} or " " in exact_key(name):
                    self._fold[fold_key(name)].add(actor.id)

    def __len__(self) -> int:
        return len(self.actors)

    def __iter__(self) -> Iterator[Actor]:
        return iter(self.actors.values())

    def get(self, actor_id: str) -> Actor | None:
        return self.actors.get(actor_id)

    def lookup(self, name: str, fold: bool = True) -> Actor | None:
        """The one actor this name denotes, or None when unknown or ambiguous."""
        ids = self._exact.get(exact_key(name))
        if not ids and fold:
            ids = self._fold.get(fold_key(name))
        if ids and len(ids) == 1:
            return self.actors[next(iter(ids))]
        return None

    def capital_of(self, country_id: str) -> Actor | None:
        return next((a for a in self.actors.values() if a.capital_of == country_id), None)


def _str_list(value: Any, path: str, entry: str, key: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise DataError(path, f"'{key}' must be a list of non-empty strings", entry)
    return tuple(v.strip() for v in value)


def _parse_actor(raw: Any, path: str, index: int) -> Actor:
    ontology = load_ontology()
    if not isinstance(raw, dict):
        raise DataError(path, f"actor #{index + 1} is not a mapping")
    entry = str(raw.get("id") or f"#{index + 1}")
    unknown = set(raw) - _FIELDS
    if unknown:
        raise DataError(path, f"unknown field(s) {sorted(unknown)}", entry)
    for key in ("id", "name", "type"):
        if not isinstance(raw.get(key), str) or not raw[key].strip():
            raise DataError(path, f"missing or empty '{key}'", entry)
    if not _ID.match(raw["id"]):
        raise DataError(path, "id must be a lowercase slug (letters, digits, single hyphens)", entry)
    etype = raw["type"]
    if etype not in ontology.entity_types:
        raise DataError(path, f"type {etype!r} is not one of {list(ontology.entity_types)}", entry)
    category = raw.get("category")
    if etype == "organization":
        if category not in ontology.categories:
            raise DataError(path, f"organization needs a category from {list(ontology.categories)}", entry)
    elif category is not None:
        raise DataError(path, f"only organizations have a category (this is a {etype})", entry)
    country = raw.get("country")
    if country is not None and not (isinstance(country, str) and _ISO3.match(country)):
        raise DataError(path, f"country {country!r} is not an ISO 3166 alpha-3 code", entry)
    wikidata = raw.get("wikidata")
    if wikidata is not None and not (isinstance(wikidata, str) and _QID.match(wikidata)):
        raise DataError(path, f"wikidata {wikidata!r} is not a QID such as Q42", entry)
    demonyms = _str_list(raw.get("demonyms"), path, entry, "demonyms")
    if demonyms and etype != "country":
        raise DataError(path, "only countries have demonyms", entry)
    capital_of = raw.get("capital_of")
    if capital_of is not None and not (isinstance(capital_of, str) and _ID.match(capital_of)):
        raise DataError(path, f"capital_of {capital_of!r} is not the id of a country", entry)
    if capital_of is not None and etype != "place":
        raise DataError(path, "only places can be the capital_of a country", entry)
    coords = raw.get("coords")
    if coords is not None:
        ok = (isinstance(coords, list) and len(coords) == 2 and all(isinstance(c, (int, float)) for c in coords)
              and -90 <= coords[0] <= 90 and -180 <= coords[1] <= 180)
        if not ok:
            raise DataError(path, "coords must be [latitude, longitude] in degrees", entry)
        coords = (float(coords[0]), float(coords[1]))
    return Actor(
        id=raw["id"], name=raw["name"].strip(), type=etype, category=category,
        aliases=_str_list(raw.get("aliases"), path, entry, "aliases"), country=country, wikidata=wikidata,
        demonyms=demonyms, capital_of=capital_of, coords=coords, source_file=path,
    )


def parse_registry_file(path: str | Path, text: str | None = None) -> list[Actor]:
    path = str(path)
    try:
        if text is None:
            check_size(path, Path(path).stat().st_size, MAX_REGISTRY_BYTES, "registry file")
            text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise DataError(path, "registry file not found") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise DataError(path, f"cannot read registry file: {exc}") from exc
    check_nesting(path, text, "registry file")
    try:
        raw = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f"line {mark.line + 1}: " if mark else ""
        problem = " ".join(str(getattr(exc, "problem", None) or exc).split())  # PyYAML's own spans lines
        raise DataError(path, f"{line}invalid YAML: {problem}") from exc
    except (ValueError, KeyError, AttributeError) as exc:
        # PyYAML's constructors fail so on a value whose tag or shape promises a type it is not:
        # 2001-13-45 (a timestamp), !!int x, !!bool x
        raise DataError(path, f"invalid YAML: a value cannot be read as the type its tag or form says "
                              f"({type(exc).__name__}: {exc}); quote it") from None
    except RecursionError:  # PyYAML composes nested collections recursively
        raise DataError(path, "invalid YAML: nested too deeply for a registry (an actor is a flat mapping)") from None
    if not isinstance(raw, dict) or not isinstance(raw.get("actors"), list):
        raise DataError(path, "a registry file is a mapping with an 'actors' list")
    if raw.get("schema") != SCHEMA_VERSION:
        raise DataError(path, f"schema must be {SCHEMA_VERSION} (found {raw.get('schema')!r})")
    return [_parse_actor(item, path, i) for i, item in enumerate(raw["actors"])]


def _bundled_files() -> list[Path]:
    folder = resources.files("proxyatlas") / "data" / "registry"
    return sorted(Path(str(p)) for p in folder.iterdir() if p.name.endswith(".yaml"))


def build_registry(paths: Iterable[str | Path]) -> Registry:
    actors: dict[str, Actor] = {}
    for path in paths:
        for actor in parse_registry_file(path):
            if actor.id in actors:
                first = actors[actor.id].source_file
                raise DataError(path, f"duplicate id (already defined in {first})", actor.id)
            actors[actor.id] = actor
    for actor in actors.values():
        target = actors.get(actor.capital_of) if actor.capital_of else None
        if actor.capital_of and (target is None or target.type != "country"):
            raise DataError(actor.source_file, f"capital_of {actor.capital_of!r} is not a known country", actor.id)
    return Registry(actors.values())


@lru_cache(maxsize=8)
def _cached(extra: tuple[str, ...]) -> Registry:
    return build_registry([*_bundled_files(), *extra])


def load_registry(extra_paths: Iterable[str | Path] = ()) -> Registry:
    """The bundled registry plus the user's own files (`--registry PATH`)."""
    return _cached(tuple(str(p) for p in extra_paths))
