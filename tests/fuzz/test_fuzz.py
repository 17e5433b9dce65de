"""Fuzzing every entry point that reads outside data (issue 16): a short hypothesis run per
target and a replay of the seed corpus (tests/fuzz/seeds/TARGET/, regression seeds included).

The run's size comes from the hypothesis profile in $PROXYATLAS_FUZZ_PROFILE (`ci`, the default:
a dozen inputs per target; bench/fuzz.py runs for minutes). The property is `attempt`'s, in
fuzz_targets.py.
"""

from __future__ import annotations

import os

import pytest
from fuzz_targets import TARGETS, attempt, seeds
from hypothesis import given, settings

PROFILE = settings.get_profile(os.environ.get("PROXYATLAS_FUZZ_PROFILE", "ci"))
SEED_FILES = [(name, path) for name, target in TARGETS.items() for path in seeds(target)]


@pytest.mark.parametrize("name", sorted(TARGETS))
def test_fuzzed_inputs_give_a_result_or_one_clear_error(name, tmp_path_factory):
    target = TARGETS[name]
    work = tmp_path_factory.mktemp(f"fuzz-{name}")

    @PROFILE
    @given(target.strategy)
    def check(data: bytes) -> None:
        problem = attempt(target, data, work)
        assert problem is None, problem

    check()


@pytest.mark.parametrize(("name", "path"), SEED_FILES, ids=[f"{n}/{p.name}" for n, p in SEED_FILES])
def test_seed_inputs_give_a_result_or_one_clear_error(name, path, tmp_path):
    problem = attempt(TARGETS[name], path.read_bytes(), tmp_path)
    assert problem is None, problem


def test_every_target_has_seeds():
    assert {name for name, _ in SEED_FILES} == set(TARGETS)
