"""Shared fixtures: one loaded spaCy pipeline and registry per test session."""

from __future__ import annotations

import pytest

from proxyatlas.api import extract
from proxyatlas.model import Extraction, Relation


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


def rel(result: Extraction, rtype: str, source: str, target: str) -> Relation:
    """The relation (rtype, source, target) of a result; the assertion lists what was found instead."""
    for r in result.relations:
        if (r.type, r.source, r.target) == (rtype, source, target):
            return r
    raise AssertionError(f"no {rtype}({source}, {target}) in {sorted(relation_set(result))}")


# -- store backends: a test that takes `store_db` or `new_db` runs on SQLite and on PostgreSQL --
@pytest.fixture(scope="session")
def pg_server():
    """One throwaway PostgreSQL server for the session (tests/pg_server.py); skipped, with the
    reason, only where the binaries are absent."""
    from pg_server import Server, why_not

    reason = why_not()
    if reason:
        pytest.skip(reason)
    server = Server().start()
    yield server
    server.stop()


@pytest.fixture(params=["sqlite", "postgresql"])
def backend(request):
    return request.param


@pytest.fixture()
def new_db(request, backend, tmp_path):
    """new_db(name) -> the --db of a fresh, empty store on this test's backend."""
    if backend == "postgresql":
        server = request.getfixturevalue("pg_server")
        return lambda name="store": server.new_database()
    return lambda name="store": str(tmp_path / f"{name}.db")


@pytest.fixture()
def store_db(new_db):
    """The --db of a fresh, empty store: a SQLite file or a PostgreSQL database."""
    return new_db()
