"""Cue lexicons: versioned YAML files under data/cues/, loaded once and checked for shape."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from .errors import DataError


@lru_cache(maxsize=None)
def load_lexicon(name: str) -> dict[str, Any]:
    source = resources.files("proxyatlas") / "data" / "cues" / f"{name}.yaml"
    try:
        data = yaml.safe_load(source.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise DataError(str(source), f"cannot load cue lexicon: {exc}") from exc
    if not isinstance(data, dict) or not isinstance(data.get("version"), int):
        raise DataError(str(source), "a cue lexicon is a mapping with an integer 'version'")
    return data


def word_set(name: str, key: str) -> frozenset[str]:
    """A lexicon list as a set of lower-cased entries."""
    values = load_lexicon(name).get(key)
    if not isinstance(values, list):
        raise DataError(f"data/cues/{name}.yaml", f"'{key}' must be a list")
    return frozenset(str(v).lower() for v in values)
