"""The store's resolution rules for events and numbers: data/store/events.yaml, checked on load."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from ..errors import DataError

_FILE = "data/store/events.yaml"


@dataclass(frozen=True)
class EventRules:
    window_days: int
    family_of: dict[str, str]        # report type -> its family's name (a type of its own if unlisted)
    family_types: dict[str, tuple[str, ...]]
    casualty_types: frozenset[str]
    unit_group: dict[str, str]       # unit as written, lower case -> group
    casualty_groups: frozenset[str]

    def family(self, etype: str) -> str:
        return self.family_of.get(etype, etype)

    def group(self, unit: str) -> str:
        """The group a unit is counted in: personnel, fatalities, a currency code, or the unit itself."""
        return self.unit_group.get(unit.casefold(), unit if unit.isupper() else unit.casefold())


def _strings(value: Any, key: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise DataError(_FILE, f"'{key}' must be a list of words")
    return [v.strip().casefold() for v in value]


def parse(data: Any) -> EventRules:
    if not isinstance(data, dict) or not isinstance(data.get("version"), int):
        raise DataError(_FILE, "must be a mapping with an integer 'version'")
    window = data.get("window_days")
    if not isinstance(window, int) or isinstance(window, bool) or window < 0:
        raise DataError(_FILE, "'window_days' must be a whole number of days, 0 or more")
    families = data.get("families") or {}
    if not isinstance(families, dict):
        raise DataError(_FILE, "'families' must map a family name to its report types")
    family_of: dict[str, str] = {}
    family_types: dict[str, tuple[str, ...]] = {}
    for name, types in families.items():
        members = _strings(types, f"families.{name}")
        for etype in members:
            if etype in family_of:
                raise DataError(_FILE, f"report type {etype!r} is in two families", entry=str(name))
            family_of[etype] = str(name)
        family_types[str(name)] = tuple(members)
    unit_group: dict[str, str] = {}
    groups = data.get("unit_groups") or {}
    if not isinstance(groups, dict):
        raise DataError(_FILE, "'unit_groups' must map a group name to the units it counts")
    for name, units in groups.items():
        for unit in _strings(units, f"unit_groups.{name}"):
            if unit in unit_group:
                raise DataError(_FILE, f"unit {unit!r} is in two groups", entry=str(name))
            unit_group[unit] = str(name)
    casualty_groups = frozenset(_strings(data.get("casualty_groups", []), "casualty_groups"))
    unknown = casualty_groups - set(groups)
    if unknown:
        raise DataError(_FILE, f"'casualty_groups' names groups that 'unit_groups' lacks: {', '.join(sorted(unknown))}")
    return EventRules(window, family_of, family_types,
                      frozenset(_strings(data.get("casualty_types", []), "casualty_types")), unit_group,
                      casualty_groups)


@lru_cache(maxsize=1)
def load_rules() -> EventRules:
    source = resources.files("proxyatlas") / "data" / "store" / "events.yaml"
    try:
        data = yaml.safe_load(source.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise DataError(_FILE, f"cannot load the event rules: {exc}") from exc
    return parse(data)
