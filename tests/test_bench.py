"""Smoke test of the benchmark (bench/run.py) on a tiny corpus: it runs, and its JSON and its
table carry every figure. No timing assertions: speed is what the benchmark reports."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parent.parent / "bench"
sys.path.insert(0, str(BENCH))

import corpus
import run as bench_run


def test_corpus_is_seeded_streamed_and_realistic(tmp_path: Path) -> None:
    first = list(corpus.generate(30))
    assert [a.text for a in first] == [a.text for a in corpus.generate(30)]  # fixed seed
    assert [a.text for a in corpus.generate(10, start=20)] == [a.text for a in first[20:]]  # article i is fixed
    assert all(200 <= a.words <= 800 for a in first)
    assert all(40 <= a.words <= 120 for a in corpus.generate(30, short=True))
    assert any(a.markup for a in first) and any(a.markup is None for a in first)
    text = " ".join(a.text for a in first)
    for cue in ("-backed militia", "according to", "reportedly", "denied", "fighters"):
        assert cue in text
    assert corpus.write_corpus(tmp_path, 5) == sum(a.words for a in first[:5])
    assert len(list(tmp_path.iterdir())) == 5


@pytest.fixture(scope="module")
def figures(tmp_path_factory: pytest.TempPathFactory) -> dict:
    cache = tmp_path_factory.mktemp("bench-cache")
    out = subprocess.run(
        [sys.executable, str(BENCH / "run.py"), "--docs", "4", "--jobs", "1", "2", "--query-docs", "20",
         "--queries", "5", "--cache", str(cache), "--json"],
        capture_output=True, text=True, timeout=300, check=False)
    assert out.returncode == 0, out.stderr[-3000:]
    return json.loads(out.stdout)


def test_json_has_every_row_column_and_ratio(figures: dict) -> None:
    for kind in ("spacy", "extract", "ingest"):
        for jobs in ("1", "2"):
            row = figures[kind][jobs]
            assert row["docs"] == 4 and row["words"] > 0
            for column in ("seconds", "docs_per_s", "words_per_s", "ratio", "peak_rss_mb", "largest_proc_rss_mb"):
                assert row[column] > 0, (kind, jobs, column)
    assert figures["extract_ratio"] == max(figures["extract"][j]["ratio"] for j in ("1", "2"))
    assert figures["ingest_ratio"] == max(figures["ingest"][j]["ratio"] for j in ("1", "2"))
    assert figures["extract"]["1"]["found"]["relations"] > 0
    for query in bench_run.QUERIES:
        assert figures["queries"][query]["p95_ms"] >= figures["queries"][query]["p50_ms"] > 0


def test_table_renders_the_same_figures(figures: dict) -> None:
    table = bench_run.render(figures)
    for word in ("spacy", "extract", "ingest", "extract_ratio", "ingest_ratio", "peak RSS MB", *bench_run.QUERIES):
        assert word in table
