"""Shared fixtures: one loaded spaCy pipeline and registry per test session."""

from __future__ import annotations

import pytest

from proxyatlas.api import extract
from proxyatlas.model import Extraction


@pytest.fixture(scope="session")
def run():
    """Extract a text and index the result by entity name for readable assertions."""

    def _run(text: str, published: str | None = None, **kwargs) -> Extraction:
        return extract(text, published=published, **kwargs)

    return _run


def entity_named(result: Extraction, name: str):
    """The entity whose name, alias or mention text is `name` (case-insensitive)."""
    wanted = name.casefold()
    for ent in result.entities:
        names = {ent.name, *ent.aliases, *(m.text for m in ent.mentions)}
        if wanted in {n.casefold() for n in names}:
            return ent
    raise AssertionError(f"no entity named {name!r} in {[e.name for e in result.entities]}")


def relation_set(result: Extraction) -> set[tuple[str, str, str]]:
    return {(r.type, r.source, r.target) for r in result.relations}
