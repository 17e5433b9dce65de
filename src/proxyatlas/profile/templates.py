"""The wording of actor profiles: one YAML file per section and language under data/profile/LANG/,
plus common.yaml for what every section shares (hedge frames, likelihood phrases, periods).

A team changes its house style by editing those files. Each is checked on load against the
shape below: every key present, no unknown key, and only the placeholders a template's
sentence can fill, so a typo fails at once with the file, the entry and the problem.
"""

from __future__ import annotations

import string
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml

from ..errors import DataError, ProxyatlasError
from ..export.base import CONFIDENCE

SCHEMA = 1
HEDGES = ("asserted", "reported", "alleged", "speculative", "denied")
_CLAIM = frozenset({"source", "target"})  # a relation clause names its two ends

# file -> key -> the placeholders that key's template may use
COMMON: dict[str, frozenset[str]] = {
    "subtitle": frozenset({"documents", "as_of", "min_sources"}), "as_of": frozenset({"date"}),
    "min_sources": frozenset({"n"}), "contents": frozenset(), "notes": frozenset(), "evidence": frozenset(), "map_alt": frozenset({"name"}),
    "and": frozenset(), "unnamed": frozenset(), "rated": frozenset({"claim", "likelihood", "sources"}),
    "sources_one": frozenset(), "sources_many": frozenset({"n"}), "documents_one": frozenset(),
    "documents_many": frozenset({"n"}), "footnote": frozenset({"outlet", "date", "title"}),
    "no_outlet": frozenset(), "no_date": frozenset(), "no_title": frozenset(),
}
COMMON_GROUPS: dict[str, dict[str, frozenset[str]]] = {
    "hedges": {hedge: frozenset({"clause", "claimants"}) for hedge in HEDGES},
    "likelihoods": {degree: frozenset() for degree in CONFIDENCE},
    "periods": {"from_to": frozenset({"start", "end"}), "from": frozenset({"start"}), "to": frozenset({"end"})},
}
SECTIONS: dict[str, dict[str, frozenset[str]]] = {
    "summary": {"identity": frozenset({"name", "kind", "country"}), "country": frozenset({"country"}),
                "aliases": frozenset({"aliases"}), "reports": frozenset({"documents", "first", "last"})},
    "leadership": {"leads": _CLAIM, "leads_ended": _CLAIM, "succession": frozenset({"target", "leaders"}),
                   "then": frozenset()},
    "backing": {"supports": _CLAIM, "trains": _CLAIM, "created": _CLAIM},
    "structure": {"part_of": _CLAIM, "member_of": _CLAIM},
    "areas": {"operates_in": _CLAIM, "map_caption": frozenset({"name"})},
    "alignment": {"opposes": _CLAIM, "allied_with": _CLAIM},
    "timeline": {"dated": frozenset({"date", "clause"}), "undated": frozenset({"clause"}),
                 "place": frozenset({"place"}),
                 **{kind: frozenset({"agents", "targets", "participants", "place", "quote"})
                    for kind in ("attack", "killing", "appointment", "meeting", "other")}},
    "statements": {"quote": frozenset({"speaker", "date", "via", "text"}),
                   "paraphrase": frozenset({"speaker", "date", "via", "text"}),
                   "date": frozenset({"date"}), "via": frozenset({"via"})},
    "numbers": {"claimed": frozenset({"claimant", "subject", "value", "unit", "date"}), "date": frozenset({"date"}),
                "approximate": frozenset({"value"}), "range": frozenset({"value", "value_max"})},
    "contested": {"denied": frozenset({"claimed_by", "denied_by", "clause"}),
                  "office": frozenset({"holders", "office", "overlap"})},
    "sources": {"outlet": frozenset({"outlet", "documents", "first", "last"})},
}
# summary.yaml also names each kind of actor: entity types and organisation categories
KINDS = ("person", "country", "place", "organization", "state_body", "armed_group", "political", "media",
         "research", "other")


@dataclass(frozen=True)
class Section:
    title: str
    sentences: dict[str, str]


@dataclass(frozen=True)
class Templates:
    language: str
    common: dict[str, Any]
    sections: dict[str, Section]
    kinds: dict[str, str]

    def say(self, section: str, key: str, **fields: Any) -> str:
        return self.sections[section].sentences[key].format(**fields)

    def common_say(self, key: str, **fields: Any) -> str:
        return str(self.common[key]).format(**fields)


def languages(root: Any = None) -> list[str]:
    root = root or resources.files("proxyatlas") / "data" / "profile"
    return sorted(p.name for p in root.iterdir() if p.is_dir())


@cache
def load_templates(language: str = "en", root: Any = None) -> Templates:
    """The templates of `language` (in the package, or in folder `root`/LANG), validated;
    DataError names the file, entry and problem."""
    root = root or resources.files("proxyatlas") / "data" / "profile"
    if language not in languages(root):
        raise ProxyatlasError(f"no profile templates for language {language!r}; "
                              f"available: {', '.join(languages(root))}")
    folder = root / language
    common_data = _read(folder / "common.yaml")
    _check_keys(str(folder / "common.yaml"), common_data, {*COMMON, *COMMON_GROUPS, "schema"}, None)
    for key, allowed in COMMON.items():
        _check_template(str(folder / "common.yaml"), key, common_data[key], allowed)
    for group, spec in COMMON_GROUPS.items():
        where = str(folder / "common.yaml")
        _check_keys(where, common_data[group], set(spec), group)
        for key, allowed in spec.items():
            _check_template(where, f"{group}.{key}", common_data[group][key], allowed)
    sections: dict[str, Section] = {}
    kinds: dict[str, str] = {}
    for name, spec in SECTIONS.items():
        where = str(folder / f"{name}.yaml")
        data = _read(folder / f"{name}.yaml")
        _check_keys(where, data, {"schema", "title", "sentences"} | ({"kinds"} if name == "summary" else set()), None)
        _check_template(where, "title", data["title"], frozenset())
        _check_keys(where, data["sentences"], set(spec), "sentences")
        for key, allowed in spec.items():
            _check_template(where, f"sentences.{key}", data["sentences"][key], allowed)
        if name == "summary":
            _check_keys(where, data["kinds"], set(KINDS), "kinds")
            kinds = {k: _check_template(where, f"kinds.{k}", v, frozenset()) for k, v in data["kinds"].items()}
        sections[name] = Section(data["title"], dict(data["sentences"]))
    return Templates(language, common_data, sections, kinds)


def _read(path: Any) -> dict[str, Any]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise DataError(str(path), "missing: every section needs its template file") from exc
    except (OSError, yaml.YAMLError) as exc:
        raise DataError(str(path), f"cannot load profile templates: {exc}") from exc
    if not isinstance(data, dict) or data.get("schema") != SCHEMA:
        raise DataError(str(path), f"profile templates are a mapping with 'schema: {SCHEMA}'")
    return data


def _check_keys(where: str, data: Any, wanted: set[str], entry: str | None) -> None:
    if not isinstance(data, dict):
        raise DataError(where, "must be a mapping", entry)
    missing, unknown = wanted - set(data), set(data) - wanted
    if missing:
        raise DataError(where, f"missing key(s) {', '.join(sorted(missing))}", entry)
    if unknown:
        raise DataError(where, f"unknown key(s) {', '.join(sorted(unknown))}; expected {', '.join(sorted(wanted))}",
                        entry)


def _check_template(where: str, key: str, value: Any, allowed: frozenset[str]) -> str:
    if not isinstance(value, str):
        raise DataError(where, f"must be a string, not {type(value).__name__}", key)
    try:
        used = {field for _, field, _, _ in string.Formatter().parse(value) if field is not None}
    except ValueError as exc:
        raise DataError(where, f"malformed template ({exc})", key) from exc
    bad = used - allowed
    if bad:
        allowed_text = ", ".join("{" + a + "}" for a in sorted(allowed)) or "none"
        raise DataError(where, f"unknown placeholder(s) {', '.join('{' + b + '}' for b in sorted(bad))}; "
                               f"allowed: {allowed_text}", key)
    return value
