#!/usr/bin/env python3
"""Fuzz every entry point that reads outside data for N minutes, split evenly between them.

    python bench/fuzz.py --minutes 10 [--targets html,pdf,...] [--out bench/.cache/fuzz-failures]

The targets, their structure-aware strategies and the property (a result or one clear
ProxyatlasError, within time and memory bounds, the store unchanged after a rejection) are the
test suite's (tests/fuzz/fuzz_targets.py). Prints a table of inputs tried and failures per entry
point; each failing input is written to OUT/TARGET/ under the name of its hash, with the problem
beside it (NAME.problem.txt): copy the input into tests/fuzz/seeds/TARGET/ to keep it as a
regression seed once fixed. Exit code 1 when any input failed.
"""

from __future__ import annotations

import argparse
import hashlib
import logging
import sys
import tempfile
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "fuzz"))

from fuzz_targets import TARGETS, Target, attempt
from hypothesis import given, settings
from hypothesis.errors import FlakyFailure


class _TimeUp(Exception):
    """Ends a target's hypothesis run when its share of the time is spent."""


def fuzz(target: Target, seconds: float, work: Path, out: Path) -> dict[str, float]:
    stats = {"inputs": 0, "failures": 0, "slowest": 0.0}
    end = time.monotonic() + seconds

    @settings(settings.get_profile("long"))
    @given(target.strategy)
    def run(data: bytes) -> None:
        if time.monotonic() >= end:
            raise _TimeUp
        start = time.monotonic()
        problem = attempt(target, data, work)
        stats["inputs"] += 1
        stats["slowest"] = max(stats["slowest"], time.monotonic() - start)
        if problem is not None:
            stats["failures"] += 1
            name = hashlib.sha1(data).hexdigest()[:16]
            folder = out / target.name
            folder.mkdir(parents=True, exist_ok=True)
            (folder / f"{name}{target.suffix}").write_bytes(data)
            (folder / f"{name}.problem.txt").write_text(problem + "\n", encoding="utf-8")
            print(f"{target.name}: {problem[:200]} -> {folder / (name + target.suffix)}", file=sys.stderr)

    try:
        run()
    except (_TimeUp, FlakyFailure):  # hypothesis replays the stopping call: flaky when time ran out meanwhile
        pass
    return stats


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--minutes", type=float, default=10.0, help="Total time, split evenly between targets.")
    parser.add_argument("--targets", default=",".join(TARGETS), help=f"Comma-separated, of: {', '.join(TARGETS)}.")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / ".cache" / "fuzz-failures",
                        help="Where failing inputs are written.")
    args = parser.parse_args()
    names = [n.strip() for n in args.targets.split(",") if n.strip()]
    unknown = sorted(set(names) - set(TARGETS))
    if unknown:
        parser.error(f"unknown target(s) {', '.join(unknown)}; known: {', '.join(TARGETS)}")
    share = args.minutes * 60 / len(names)
    warnings.simplefilter("ignore")  # non-English and similar warnings are expected outcomes, not findings
    logging.disable(logging.WARNING)  # pypdf logs every repair it makes to a damaged file
    rows = []
    with tempfile.TemporaryDirectory(prefix="proxyatlas-fuzz-") as tmp:
        for name in names:
            work = Path(tmp) / name
            work.mkdir()
            started = time.monotonic()
            stats = fuzz(TARGETS[name], share, work, args.out)
            rows.append((name, stats, time.monotonic() - started))
    print(f"{args.minutes:g} minutes over {len(names)} entry points\n")
    print(f"{'entry point':<12} {'inputs':>8} {'failures':>9} {'seconds':>8} {'slowest s':>10}  (slowest: one input, "
          "first-call imports included)")
    print("-" * 51)
    for name, stats, seconds in rows:
        print(f"{name:<12} {stats['inputs']:>8,} {stats['failures']:>9} {seconds:>8.0f} {stats['slowest']:>10.2f}")
    total = sum(s["inputs"] for _, s, _ in rows)
    failures = sum(s["failures"] for _, s, _ in rows)
    print("-" * 51)
    print(f"{'all':<12} {total:>8,} {failures:>9}")
    if failures:
        print(f"\nfailing inputs in {args.out}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
