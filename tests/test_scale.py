"""Scale-out: extraction on a Dask LocalCluster, one writer, and the same store as local ingest,
on SQLite and on PostgreSQL; worker failures retried or reported, never half-written."""

from __future__ import annotations

import logging
from functools import partial
from pathlib import Path

import pytest
from click.testing import CliRunner
from store_helpers import ARTICLE_A, ARTICLE_B, content, write

from proxyatlas import api
from proxyatlas.cli import main
from proxyatlas.store import open_store

distributed = pytest.importorskip("distributed", reason="the Dask tests need the dask extra: pip install '.[dask]'")
from dask_helpers import crash_once, fail_when

from proxyatlas.scale.dask_ingest import ingest_dask

DEV = Path(__file__).resolve().parents[2] / "shared" / "eval" / "dev"
SHORT = {
    "lead.txt": ("Soleimani's end\n\nQasem Soleimani, the late head of the IRGC Quds Force, was killed on "
                 "January 3, 2020. The Quds Force is now under the command of Esmail Qaani.\n"),
    "deny.txt": "Denial\n\nIran denied arming the Houthis.\n",
    "speech.txt": ("Speech\n\nHassan Nasrallah, the leader of Hezbollah, spoke on Monday. Iran backs Hezbollah in "
                   "Lebanon, officials said.\n"),
    "poison.txt": "Yemen\n\nIran supports the Houthis, a separate investigation found. POISON\n",
}
META = {"lead.txt": ("CBN", "2020-01-09"), "deny.txt": ("Outlet B", "2021-02-02"),
        "speech.txt": ("Outlet A", "2021-02-03"), "poison.txt": ("Third", "2021-03-01")}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> list[str]:
    folder = tmp_path_factory.mktemp("corpus")
    write(folder, "a.txt", ARTICLE_A, source="Outlet A", published="2019-05-01")
    write(folder, "b.txt", ARTICLE_B, source="Outlet B", published="2019-06-01")
    for name, text in SHORT.items():
        write(folder, name, text, source=META[name][0], published=META[name][1])
    return [str(folder)] + ([str(DEV)] if DEV.is_dir() else [])


@pytest.fixture(scope="module")
def client():
    """A LocalCluster of two worker processes; a task may kill one worker once and be rescheduled."""
    import dask
    from distributed import Client, LocalCluster

    with dask.config.set({"distributed.scheduler.allowed-failures": 1}), \
            LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                         scheduler_kwargs={"dashboard_address": ":0"}, silence_logs=logging.CRITICAL) as cluster, \
            Client(cluster) as dask_client:
        yield dask_client


@pytest.fixture(scope="module")
def local_store(corpus, tmp_path_factory) -> dict:
    db = str(tmp_path_factory.mktemp("local") / "local.db")
    report = api.ingest(corpus, db=db)
    assert report.failed == [] and report.added == len(SHORT) + 2 + (2 if DEV.is_dir() else 0)
    return content(db)


def _dask(db: str, corpus: list[str], client, **kwargs):
    with open_store(db) as store:
        return ingest_dask(store, corpus, client=client, partition_size=2, **kwargs)


def test_dask_ingest_gives_exactly_the_local_store(corpus, client, local_store, tmp_path):
    db = str(tmp_path / "dask.db")
    report = _dask(db, corpus, client)
    assert report.failed == [] and report.added == len(local_store["documents"])
    assert content(db) == local_store
    again = _dask(db, corpus, client)
    assert (again.added, again.unchanged, again.failed) == (0, len(local_store["documents"]), [])
    assert content(db) == local_store


def test_cli_ingest_on_a_scheduler_address(corpus, client, local_store, tmp_path):
    db = str(tmp_path / "cli.db")
    result = CliRunner().invoke(main, ["ingest", *corpus, "--dask", client.scheduler.address, "--db", db])
    assert result.exit_code == 0, result.output
    assert f"added {len(local_store['documents'])}, unchanged 0, failed 0" in result.output
    assert content(db) == local_store


def test_a_worker_killed_mid_batch_is_replaced_and_its_partition_rerun(corpus, client, local_store, tmp_path):
    db = str(tmp_path / "killed.db")
    marker = tmp_path / "killed-one-worker"
    report = _dask(db, corpus, client, task=partial(crash_once, marker=str(marker)))
    assert marker.exists()  # a worker process did die
    assert report.failed == [] and content(db) == local_store


def test_a_partition_that_keeps_failing_is_reported_and_nothing_of_it_written(corpus, client, local_store, tmp_path):
    db = str(tmp_path / "poisoned.db")
    report = _dask(db, corpus, client, retries=1, task=partial(fail_when, text="POISON"))
    failed = dict(report.failed)
    assert len(failed) == 2 and any(path.endswith("poison.txt") for path in failed)  # its partition of two
    assert all(reason.startswith("Dask task failed (after up to 1 retries): RuntimeError: poisoned partition")
               for reason in failed.values())
    assert report.added == len(local_store["documents"]) - 2
    stored = {d["path"] for d in api.documents(db=db)}
    assert not stored & set(failed)
    rerun = _dask(db, corpus, client)  # the fixed rerun stores what failed, and only that
    assert (rerun.added, rerun.failed) == (2, [])
    assert {d["path"] for d in api.documents(db=db)} == stored | set(failed)


def _counts(db: str) -> tuple[int, int, int]:
    with open_store(db) as store:
        row = store.conn.execute("SELECT (SELECT COUNT(*) FROM entities), (SELECT COUNT(*) FROM relations), "
                                 "(SELECT COUNT(*) FROM evidence)").fetchone()
    return int(row[0]), int(row[1]), int(row[2])


def test_local_dask_local_and_postgresql_give_identical_counts(corpus, local_store, pg_server, tmp_path):
    """The issue's check: local, `--dask local` and PostgreSQL ingest of one corpus give the same
    entities, relations and evidence (and, beyond the counts, the same rows)."""
    local = str(tmp_path / "local.db")
    api.ingest(corpus, db=local)
    dask_local = str(tmp_path / "dask-local.db")
    api.ingest(corpus, db=dask_local, dask="local", jobs=2)
    postgres = pg_server.new_database()
    api.ingest(corpus, db=postgres)
    postgres_dask = pg_server.new_database()
    result = CliRunner().invoke(main, ["ingest", *corpus, "--dask", "local", "--jobs", "2", "--db", postgres_dask])
    assert result.exit_code == 0, result.output
    counts = {db: _counts(db) for db in (local, dask_local, postgres, postgres_dask)}
    assert len(set(counts.values())) == 1 and min(counts[local]) > 0, counts
    for db in (dask_local, postgres, postgres_dask):
        assert content(db) == local_store
