"""Cue lexicons: versioned YAML files under data/cues/, loaded once and checked for shape."""

from __future__ import annotations

import re
from functools import cache
from importlib import resources
from typing import Any

import yaml

from .errors import DataError


class _CueLoader(yaml.SafeLoader):
    """YAML for word lists: "on", "off", "no", "yes" stay words (YAML 1.1 would read them as
    booleans), and a key given twice is an error, not a silent overwrite."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: set[Any] = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if key in seen:
                raise yaml.constructor.ConstructorError(None, None, f"duplicate key {key!r}", key_node.start_mark)
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


_CueLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()}
_CueLoader.add_implicit_resolver("tag:yaml.org,2002:bool", re.compile(r"^(?:true|false)$"),
                                 list("tf"))


def _one_line(exc: Exception) -> str:
    """A YAML error as one line: the problem and where it is."""
    mark = getattr(exc, "problem_mark", None)
    problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    return f"{problem} (line {mark.line + 1})" if mark is not None else problem


@cache
def load_lexicon(name: str) -> dict[str, Any]:
    source = resources.files("proxyatlas") / "data" / "cues" / f"{name}.yaml"
    try:
        text = source.read_text(encoding="utf-8")
    except OSError as exc:
        raise DataError(str(source), f"cannot load cue lexicon: {exc}") from exc
    return read_lexicon(text, str(source))


def read_lexicon(text: str, source: str) -> dict[str, Any]:
    """A cue lexicon's YAML text, checked: a mapping with an integer 'version', no key twice."""
    try:
        data = yaml.load(text, Loader=_CueLoader)  # a SafeLoader subclass
    except yaml.YAMLError as exc:
        raise DataError(source, f"cannot load cue lexicon: {_one_line(exc)}") from exc
    if not isinstance(data, dict) or not isinstance(data.get("version"), int):
        raise DataError(source, "a cue lexicon is a mapping with an integer 'version'")
    return data


def word_set(name: str, key: str) -> frozenset[str]:
    """A lexicon list as a set of lower-cased entries."""
    values = load_lexicon(name).get(key)
    if not isinstance(values, list):
        raise DataError(f"data/cues/{name}.yaml", f"'{key}' must be a list")
    return frozenset(str(v).lower() for v in values)
