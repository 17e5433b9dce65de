"""Ingest throughput: local `--jobs 2` against `--dask local` (and, given a server, PostgreSQL).

    python bench/dask_compare.py [--docs 300] [--workers 2] [--pg postgresql://user@host/db] [--json]

One generated corpus (bench/corpus.py, fixed seed) written as files, then each configuration in
a fresh subprocess ingesting it into a fresh store, timed from the `api.ingest` call to its
return: reading, extraction (the workers' pipeline loading included) and writing.

  local jobs=1            `proxyatlas ingest DIR`
  local jobs=N            `proxyatlas ingest DIR --jobs N` (a process pool, one writer)
  dask local (cold)       `proxyatlas ingest DIR --dask local --jobs N`: starting the LocalCluster
                          and loading the pipeline on its workers counted
  dask local (warm)       the same on a LocalCluster already started and loaded, as on a cluster
                          that outlives one ingest (`--dask tcp://scheduler:8786`)
  ... -> PostgreSQL       the same into a PostgreSQL database (`--pg URL`, emptied first)
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import corpus  # bench/ is not a package

WARM_UP = "Kata'ib Hezbollah, an Iranian-backed militia, claimed the attack on Sunday, Reuters reported."


def _empty_pg(url: str) -> None:
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("DROP SCHEMA public CASCADE")
        conn.execute("CREATE SCHEMA public")


def _one(config: dict) -> dict:
    """Run one configuration (in a child process); what it measured."""
    from proxyatlas import api

    db = config["db"]
    if db.startswith("postgresql://"):
        _empty_pg(db)
    api.extract(WARM_UP, published="2024-01-30")  # this process's model and registry, as bench/run.py
    if config["mode"] == "dask-warm":
        import logging

        from distributed import Client, LocalCluster

        from proxyatlas.scale.dask_ingest import ingest_dask
        from proxyatlas.store import open_store

        with LocalCluster(n_workers=config["workers"], threads_per_worker=1, processes=True, dashboard_address=None,
                          scheduler_kwargs={"dashboard_address": ":0"}, silence_logs=logging.ERROR) as cluster, \
                Client(cluster) as client, open_store(db) as store:
            with tempfile.TemporaryDirectory() as tmp:  # start the workers and load their pipeline
                (Path(tmp) / "w.txt").write_text(WARM_UP + "\n")
                with open_store(Path(tmp) / "w.db") as warm:
                    ingest_dask(warm, [tmp], client=client)
            start = time.perf_counter()
            report = ingest_dask(store, [config["corpus"]], client=client)
            seconds = time.perf_counter() - start
    else:
        start = time.perf_counter()
        report = api.ingest([config["corpus"]], db=db, jobs=config["jobs"],
                            dask="local" if config["mode"] == "dask" else None)
        seconds = time.perf_counter() - start
    return {"seconds": seconds, "added": report.added, "failed": len(report.failed)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=int, default=300)
    parser.add_argument("--workers", type=int, default=2, help="--jobs for local, workers for Dask")
    parser.add_argument("--seed", type=int, default=corpus.SEED)
    parser.add_argument("--pg", help="a PostgreSQL database to ingest into as well (emptied first!)")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--one", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(_one(json.loads(args.one))))
        return
    n = args.workers
    rows = []
    with tempfile.TemporaryDirectory(prefix="proxyatlas-dask-bench-") as tmp:
        folder = Path(tmp) / "corpus"
        words = corpus.write_corpus(folder, args.docs, seed=args.seed)
        configs = [("local jobs=1", "local", 1, "sqlite"), (f"local jobs={n}", "local", n, "sqlite"),
                   (f"dask local, {n} workers (cold)", "dask", n, "sqlite"),
                   (f"dask local, {n} workers (warm)", "dask-warm", n, "sqlite")]
        if args.pg:
            configs += [(f"local jobs={n} -> PostgreSQL", "local", n, "pg"),
                        (f"dask local, {n} workers (warm) -> PostgreSQL", "dask-warm", n, "pg")]
        for i, (label, mode, jobs, backend) in enumerate(configs):
            db = args.pg if backend == "pg" else str(Path(tmp) / f"store{i}.db")
            config = {"mode": mode, "jobs": jobs, "workers": n, "db": db, "corpus": str(folder)}
            out = subprocess.run([sys.executable, __file__, "--one", json.dumps(config)], check=True,
                                 capture_output=True, text=True)
            result = json.loads(out.stdout.strip().splitlines()[-1])
            rows.append({"config": label, "docs": result["added"], "failed": result["failed"],
                         "seconds": round(result["seconds"], 2), "words_per_s": round(words / result["seconds"])})
    if args.json:
        print(json.dumps({"docs": args.docs, "words": words, "rows": rows}, indent=1))
        return
    print(f"{args.docs} documents, {words:,} words\n")
    print("| configuration | seconds | words/s |")
    print("|---|---:|---:|")
    for row in rows:
        print(f"| {row['config']} | {row['seconds']:.1f} | {row['words_per_s']:,} |")


if __name__ == "__main__":
    main()
