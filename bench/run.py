"""Throughput, memory and query latency of proxyatlas against bare spaCy, on one generated corpus.

    python bench/run.py [--docs 300] [--jobs 1 2] [--query-docs 10000] [--json]

Measured on the same texts (bench/corpus.py, fixed seed), each configuration in a fresh
subprocess so that its peak memory is its own:

  spacy    bare spaCy `nlp.pipe` with proxyatlas's model and components (the baseline)
  extract  `proxyatlas.api.extract_many` (spaCy plus every rule stage)
  ingest   `proxyatlas.api.ingest` of the corpus written as .txt/.html files into a fresh SQLite store

each with 1 and 2 processes (`--jobs`). Timing starts after the model is loaded and warm, and
covers generating/reading the texts, which every row shares. `ratio` is words/s over the
baseline's words/s with the same number of processes; `extract_ratio` and `ingest_ratio` are
the best of those. Peak RSS is the highest total resident memory of the configuration's
process tree (the main process plus spaCy's workers), sampled from /proc every 20 ms; "largest
proc" is the kernel's own peak for the biggest single process (wait4 rusage). Forked workers
share the model's pages, so the tree total counts them more than once.

Query latencies (p50/p95) of `show`, `relations --target`, `path` and `as-of` run against a
store of `--query-docs` short articles, built once with the generator and `ingest` and cached
in bench/.cache/ (rebuilt when the store's schema version or the corpus changes).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))  # bench/ is not a package: its corpus module is imported from here

import corpus

KINDS = ("spacy", "extract", "ingest")
LABELS = {
    "spacy": "bare spaCy nlp.pipe, the baseline",
    "extract": "proxyatlas.api.extract_many",
    "ingest": "proxyatlas.api.ingest into a fresh SQLite store",
}
QUERIES = ("show", "relations --target", "path", "as-of")
WARM_UP = "Kata'ib Hezbollah, an Iranian-backed militia, claimed the attack on Sunday, Reuters reported."
PAGE = os.sysconf("SC_PAGE_SIZE")


# --------------------------------------------------------------------------- workers (children)

class _Counted:
    """The corpus as a stream, counting documents and words as they go past."""

    def __init__(self, articles: Iterable[corpus.Article]) -> None:
        self.articles = articles
        self.docs = 0
        self.words = 0

    def __iter__(self) -> Iterator[corpus.Article]:
        for article in self.articles:
            self.docs += 1
            self.words += article.words
            yield article


def _work_spacy(args: argparse.Namespace) -> dict:
    from proxyatlas.nlp.pipeline import load_nlp

    nlp = load_nlp()
    nlp(WARM_UP)
    stream = _Counted(corpus.generate(args.docs, seed=args.seed))
    start = time.perf_counter()
    tokens = 0
    for doc in nlp.pipe((a.text for a in stream), n_process=args.jobs, batch_size=args.batch_size):
        tokens += len(doc)
    seconds = time.perf_counter() - start
    return {"docs": stream.docs, "words": stream.words, "seconds": seconds, "tokens": tokens}


def _work_extract(args: argparse.Namespace) -> dict:
    from proxyatlas.api import extract, extract_many
    from proxyatlas.model import Document

    extract(WARM_UP, published="2024-01-30")  # model, registry, gazetteer, lexicons
    stream = _Counted(corpus.generate(args.docs, seed=args.seed))
    documents = (Document(text=a.text, title=a.title, source=a.source, author=a.author, published=a.published)
                 for a in stream)
    found = dict.fromkeys(("entities", "relations", "events", "statements", "quantities"), 0)
    start = time.perf_counter()
    for result in extract_many(documents, jobs=args.jobs, batch_size=args.batch_size):
        for layer in found:
            found[layer] += len(getattr(result, layer))
    seconds = time.perf_counter() - start
    return {"docs": stream.docs, "words": stream.words, "seconds": seconds, "found": found}


def _work_ingest(args: argparse.Namespace) -> dict:
    from proxyatlas import api

    api.extract(WARM_UP, published="2024-01-30")
    with tempfile.TemporaryDirectory(prefix="proxyatlas-bench-") as tmp:
        folder = Path(tmp) / "corpus"
        words = corpus.write_corpus(folder, args.docs, seed=args.seed)  # not timed
        db = Path(tmp) / "store.db"
        start = time.perf_counter()
        report = api.ingest([folder], db=db, jobs=args.jobs)
        seconds = time.perf_counter() - start
        return {"docs": args.docs, "words": words, "seconds": seconds, "report": _plain(report)}


def _plain(value: object) -> object:
    """An IngestReport (dataclass or not) as JSON-able data, for the record."""
    import dataclasses

    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {k: _plain(v) for k, v in dataclasses.asdict(value).items() if not isinstance(v, list)}
    if isinstance(value, (int, float, str, bool)) or value is None:
        return value
    return str(value)


def _store_schema_version() -> int:
    from proxyatlas.store import open_store

    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(Path(tmp) / "probe.db")
        version = int(store.schema_version)
        close = getattr(store, "close", None)
        if close:
            close()
        return version


def _query_store(args: argparse.Namespace) -> tuple[Path, bool]:
    """The cached query store, built (or rebuilt) when missing or stale."""
    from proxyatlas import api

    key = {"docs": args.query_docs, "seed": args.seed, "schema": _store_schema_version(), "corpus": "short-v1"}
    folder = Path(args.cache) / f"query-store-{args.query_docs}"
    db = folder / "store.db"
    stamp = folder / "stamp.json"
    if db.exists() and stamp.exists() and json.loads(stamp.read_text()) == key:
        return db, False
    shutil.rmtree(folder, ignore_errors=True)
    texts = folder / "corpus"
    corpus.write_corpus(texts, args.query_docs, seed=args.seed, short=True)
    api.ingest([texts], db=db, jobs=max(args.jobs_list) if args.query_docs >= 500 else 1)
    shutil.rmtree(texts)
    stamp.write_text(json.dumps(key))
    return db, True


def _work_queries(args: argparse.Namespace) -> dict:
    from proxyatlas import api
    from proxyatlas.registry import load_registry

    start = time.perf_counter()
    db, built = _query_store(args)
    build_s = time.perf_counter() - start
    rng = random.Random(args.seed)
    # The actors the generator writes about most: armed groups, state bodies, countries, people.
    pool = [a.id for a in load_registry() if a.type in ("organization", "country", "person")]
    present = []
    for actor_id in rng.sample(pool, min(len(pool), 400)):
        try:
            api.show(actor_id, db=db)
        except Exception:  # not in the store
            continue
        present.append(actor_id)
        if len(present) >= args.queries:
            break
    if len(present) < 2:
        raise SystemExit(f"the query store {db} holds too few registry actors to query")
    dates = [f"{rng.randrange(2019, 2025)}-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}"
             for _ in range(args.queries)]
    calls = {
        "show": [lambda e=e: api.show(e, db=db) for e in present],
        "relations --target": [lambda e=e: api.relations(target=e, db=db) for e in present],
        "path": [lambda a=a, b=b: api.path(a, b, db=db)
                 for a, b in zip(present, present[1:] + present[:1], strict=True)],
        "as-of": [lambda d=d: api.as_of(d, db=db) for d in dates],
    }
    latencies: dict[str, dict] = {}
    for name, fns in calls.items():
        fns[0]()  # first call: connection and caches
        samples = []
        for fn in fns:
            t = time.perf_counter()
            fn()
            samples.append((time.perf_counter() - t) * 1000)
        latencies[name] = {"n": len(samples), "p50_ms": _percentile(samples, 50),
                           "p95_ms": _percentile(samples, 95)}
    return {"store_docs": args.query_docs, "built": built, "build_s": build_s, "latency": latencies}


def _percentile(samples: list[float], p: float) -> float:
    if len(samples) == 1:
        return samples[0]
    return statistics.quantiles(samples, n=100, method="inclusive")[int(p) - 1]


WORKERS = {"spacy": _work_spacy, "extract": _work_extract, "ingest": _work_ingest, "queries": _work_queries}


# --------------------------------------------------------------------------- measuring (parent)

def _tree(root: int) -> list[int]:
    """`root` and its descendants, from /proc."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as f:
                stat = f.read()
        except OSError:
            continue
        ppid = int(stat[stat.rindex(b")") + 2:].split()[1])
        children.setdefault(ppid, []).append(int(entry))
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo.extend(children.get(pid, ()))
    return found


def _rss(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/statm") as f:
            return int(f.read().split()[1]) * PAGE
    except (OSError, IndexError, ValueError):
        return 0


class _Sampler(threading.Thread):
    """Peak total RSS of a process tree."""

    def __init__(self, pid: int, interval: float = 0.02) -> None:
        super().__init__(daemon=True)
        self.pid, self.interval, self.peak = pid, interval, 0
        self.done = threading.Event()

    def run(self) -> None:
        while not self.done.is_set():
            self.peak = max(self.peak, sum(_rss(p) for p in _tree(self.pid)))
            self.done.wait(self.interval)


def measure(kind: str, args: argparse.Namespace, jobs: int) -> dict:
    """Run one configuration in a fresh interpreter; its figures plus peak memory."""
    cmd = [sys.executable, str(Path(__file__).resolve()), "--worker", kind, "--docs", str(args.docs),
           "--jobs", *map(str, args.jobs_list), "--worker-jobs", str(jobs), "--batch-size", str(args.batch_size),
           "--seed", str(args.seed), "--query-docs", str(args.query_docs), "--queries", str(args.queries),
           "--cache", str(args.cache)]
    with tempfile.TemporaryFile() as err:
        proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=err)
        sampler = _Sampler(proc.pid)
        sampler.start()
        assert proc.stdout is not None
        out = proc.stdout.read()
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
        sampler.done.set()
        sampler.join()
        if proc.returncode != 0:
            err.seek(0)
            sys.stderr.write(err.read().decode(errors="replace")[-4000:])
            raise SystemExit(f"bench: the {kind} run with {jobs} process(es) failed (exit {proc.returncode})")
    result = json.loads(out.decode().strip().splitlines()[-1])
    result["peak_rss_mb"] = round(sampler.peak / 2**20, 1)
    result["largest_proc_rss_mb"] = round(usage.ru_maxrss / 1024, 1)  # Linux: KiB
    return result


def _have_store() -> bool:
    from proxyatlas import api

    return all(hasattr(api, name) for name in ("ingest", "show", "relations", "path", "as_of"))


def run(args: argparse.Namespace) -> dict:
    kinds = [k for k in KINDS if k in args.only]
    if "ingest" in kinds and not _have_store():
        print("bench: proxyatlas.api has no ingest yet; skipping the ingest rows", file=sys.stderr)
        kinds.remove("ingest")
    figures: dict = {"docs": args.docs, "batch_size": args.batch_size, "cpus": os.cpu_count()}
    for kind in kinds:
        figures[kind] = {}
        for jobs in args.jobs_list:
            r = measure(kind, args, jobs)
            row = {
                "docs": r["docs"], "words": r["words"], "seconds": round(r["seconds"], 2),
                "docs_per_s": round(r["docs"] / r["seconds"], 2),
                "words_per_s": round(r["words"] / r["seconds"]),
                "peak_rss_mb": r["peak_rss_mb"], "largest_proc_rss_mb": r["largest_proc_rss_mb"],
            }
            for extra in ("found", "report"):
                if extra in r:
                    row[extra] = r[extra]
            figures[kind][str(jobs)] = row
            print(f"bench: {kind} x{jobs}: {row['words_per_s']:,} words/s, peak RSS {row['peak_rss_mb']} MB",
                  file=sys.stderr)
    for kind in kinds:
        for jobs, row in figures[kind].items():
            base = figures.get("spacy", {}).get(jobs)
            row["ratio"] = round(row["words_per_s"] / base["words_per_s"], 3) if base else None
    for kind in ("extract", "ingest"):
        ratios = [row["ratio"] for row in figures.get(kind, {}).values() if row["ratio"] is not None]
        figures[f"{kind}_ratio"] = max(ratios) if ratios else None
    if args.query_docs > 0 and "queries" in args.only and _have_store():
        q = measure("queries", args, max(args.jobs_list))
        figures["queries"] = {"store_docs": q["store_docs"], "store_built_now": q["built"],
                              "store_build_s": round(q["build_s"], 1), **{
                                  name: {k: round(v, 2) if isinstance(v, float) else v for k, v in lat.items()}
                                  for name, lat in q["latency"].items()}}
    return figures


def render(figures: dict) -> str:
    lines = [f"{figures['docs']} generated documents, batch size {figures['batch_size']}, "
             f"{figures['cpus']} CPUs", ""]
    head = (f"{'run':<9}{'jobs':>5}{'docs':>7}{'words':>10}{'seconds':>9}{'docs/s':>8}{'words/s':>9}"
            f"{'ratio':>7}{'peak RSS MB':>13}{'largest proc MB':>17}")
    lines += [head, "-" * len(head)]
    for kind in KINDS:
        for jobs, row in figures.get(kind, {}).items():
            ratio = f"{row['ratio']:.2f}" if row["ratio"] is not None else "-"
            lines.append(f"{kind:<9}{jobs:>5}{row['docs']:>7}{row['words']:>10,}{row['seconds']:>9.1f}"
                         f"{row['docs_per_s']:>8.2f}{row['words_per_s']:>9,}{ratio:>7}"
                         f"{row['peak_rss_mb']:>13.0f}{row['largest_proc_rss_mb']:>17.0f}")
    lines.append("")
    for kind in KINDS:
        if kind in figures:
            lines.append(f"  {kind:<8} {LABELS[kind]}")
    lines.append("")
    for kind in ("extract", "ingest"):
        value = figures.get(f"{kind}_ratio")
        if value is not None:
            lines.append(f"{kind}_ratio = {value:.2f}  (best of the process counts, each against the baseline "
                         "with as many processes)")
    if "queries" in figures:
        q = figures["queries"]
        built = f"built now in {q['store_build_s']:.0f} s" if q["store_built_now"] else "cached"
        lines += ["", f"query latency on a store of {q['store_docs']:,} short documents ({built})",
                  f"{'query':<20}{'n':>5}{'p50 ms':>9}{'p95 ms':>9}"]
        for name in QUERIES:
            lat = q[name]
            lines.append(f"{name:<20}{lat['n']:>5}{lat['p50_ms']:>9.2f}{lat['p95_ms']:>9.2f}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=300, help="documents in the throughput corpus")
    parser.add_argument("--jobs", dest="jobs_list", type=int, nargs="+", default=[1, 2],
                        help="process counts to measure (default: 1 2)")
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--query-docs", type=int, default=10_000,
                        help="short documents in the query-latency store (0: no query latencies)")
    parser.add_argument("--queries", type=int, default=200, help="calls per query type")
    parser.add_argument("--only", default=",".join((*KINDS, "queries")),
                        help="comma-separated subset of spacy,extract,ingest,queries")
    parser.add_argument("--seed", type=int, default=corpus.SEED)
    parser.add_argument("--cache", default=str(HERE / ".cache"), help="where the query store is kept")
    parser.add_argument("--json", action="store_true", help="print the figures as one JSON object")
    parser.add_argument("--worker", choices=sorted(WORKERS), help=argparse.SUPPRESS)
    parser.add_argument("--worker-jobs", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    args.only = {k.strip() for k in args.only.split(",") if k.strip()}
    if args.worker:
        args.jobs = args.worker_jobs
        result = WORKERS[args.worker](args)
        result["self_maxrss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        result["children_maxrss_mb"] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        print(json.dumps(result))
        return
    figures = run(args)
    print(json.dumps(figures, indent=1) if args.json else render(figures))


if __name__ == "__main__":
    main()
