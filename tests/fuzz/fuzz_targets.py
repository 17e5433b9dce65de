"""The fuzzed entry points and the property each must keep (issue 16).

Every entry point that reads outside data is a `Target`: a hypothesis strategy of inputs (bytes,
the way they arrive: a file's content, a JSON request spec) and a runner that feeds one input
to proxyatlas. `attempt` runs one input and says what went wrong, if anything:

- an exception other than `ProxyatlasError`, or one whose message spans lines or does not name
  the input;
- a run longer than `TIME_BOUND_S` (interrupted) or a peak memory more than `MEMORY_BOUND_MB`
  above what the process had before;
- a store whose dump changed although the input was rejected.

tests/fuzz/test_fuzz.py runs each target briefly under `make test` (the `ci` profile) and
replays the seed corpus in tests/fuzz/seeds/TARGET/; bench/fuzz.py runs them for minutes and
writes each failing input where it can become a seed.
"""

from __future__ import annotations

import base64
import json
import resource
import shutil
import signal
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

from hypothesis import HealthCheck, Phase, settings
from hypothesis import strategies as st

HERE = Path(__file__).resolve().parent
SEEDS = HERE / "seeds"
sys.path.insert(0, str(HERE.parent))  # store_helpers.dump, shared with the store tests

import fuzz_strategies as fs
from store_helpers import dump

from proxyatlas.errors import ProxyatlasError

TIME_BOUND_S = 60  # one input; the slowest legitimate one (a 200,000-character extract) takes ~10 s
MEMORY_BOUND_MB = 1500  # above the process's peak before the input; a 200,000-character parse peaks ~800 MB

_HEALTH = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much,
           HealthCheck.large_base_example]
# ci: a dozen inputs per target, the same on every run (make test must not depend on luck; the
# long runs of bench/fuzz.py explore), no shrinking (a failure's input is shown as found)
settings.register_profile("ci", max_examples=12, deadline=None, suppress_health_check=_HEALTH, database=None,
                          phases=[Phase.explicit, Phase.generate], derandomize=True)
settings.register_profile("long", max_examples=10**9, deadline=None, suppress_health_check=_HEALTH,
                          database=None, phases=[Phase.generate])


class Hang(Exception):
    """Raised in the runner when an input takes longer than TIME_BOUND_S."""


@dataclass
class Target:
    name: str
    suffix: str  # of a seed file: the input's bytes as they arrive
    strategy: st.SearchStrategy[bytes]
    run: Callable[[bytes, Path], str | None]  # (input, a work folder) -> a problem, or None


def _rejected_cleanly(exc: ProxyatlasError, name: str) -> str | None:
    message = str(exc)
    if "\n" in message:
        return f"ProxyatlasError over several lines: {message!r:.300}"
    if name not in message:
        return f"ProxyatlasError not naming {name}: {message!r:.300}"
    return None


# -- runners: each feeds one input to one entry point -------------------------------------------
def _reader(suffix: str) -> Callable[[bytes, Path], str | None]:
    def run(data: bytes, work: Path) -> str | None:
        from proxyatlas.readers import read_document

        path = work / f"input{suffix}"
        path.write_bytes(data)
        try:
            read_document(path)
        except ProxyatlasError as exc:
            return _rejected_cleanly(exc, str(path))
        return None

    return run


def _sidecar(data: bytes, work: Path) -> str | None:
    from proxyatlas.store.ingest import sidecar

    document = work / "article.txt"
    document.write_text("Iran backs Hezbollah, officials said.\n", encoding="utf-8")
    meta = work / "article.meta.json"
    meta.write_bytes(data)
    try:
        sidecar(str(document))
    except ProxyatlasError as exc:
        return _rejected_cleanly(exc, str(meta))
    return None


def _registry(data: bytes, work: Path) -> str | None:
    from proxyatlas.registry import build_registry

    path = work / "actors.yaml"
    path.write_bytes(data)
    try:
        build_registry([path])
    except ProxyatlasError as exc:
        return _rejected_cleanly(exc, str(path))
    return None


def _fresh_store(work: Path) -> Path:
    """A copy of a small store with two entities and a relation (built once per work folder)."""
    base = work / "base.db"
    if not base.exists():
        from proxyatlas import api

        seed = work / "base-bundle.json"
        seed.write_text(json.dumps(fs.BASE_BUNDLE), encoding="utf-8")
        api.import_stix(seed, db=base)
    db = work / "store.db"
    shutil.copyfile(base, db)
    return db


def _stix(data: bytes, work: Path) -> str | None:
    from proxyatlas import api

    db = _fresh_store(work)
    before = dump(db)
    path = work / "bundle.json"
    path.write_bytes(data)
    try:
        api.import_stix(path, db=db)
    except ProxyatlasError as exc:
        if dump(db) != before:
            return "the store changed although the bundle was rejected"
        return _rejected_cleanly(exc, str(path))
    return None


def _extract(data: bytes, work: Path) -> str | None:
    from proxyatlas import api

    text = json.loads(data)["text"]
    try:
        result = api.extract(text)
    except ProxyatlasError as exc:
        return _rejected_cleanly(exc, "<text>")
    json.dumps(result.to_json(), ensure_ascii=False).encode("utf-8")  # what the CLI prints
    return None


_clients: dict[Path, Any] = {}


def _web(data: bytes, work: Path) -> str | None:
    """One request (a JSON spec: method, path, params, files, form, token) to the web app."""
    from fastapi.testclient import TestClient

    from proxyatlas.web import create_app

    if work not in _clients:  # the app and its store live as long as the work folder
        _clients[work] = TestClient(create_app(_fresh_store(work), token=fs.TOKEN))
    client, db = _clients[work], work / "store.db"
    spec = json.loads(data)
    # as bytes: a client may send any octets in a header, not only ASCII
    headers = {"Authorization": f"Bearer {spec['token']}".encode()} if spec.get("token") is not None else {}
    if spec["method"] == "GET":  # a path segment percent-encoded, as any client sends it
        response = client.get(quote(spec["path"], safe="/"), params=spec.get("params", {}))
    else:
        before = dump(db)
        files = [("files", (name, base64.b64decode(content))) for name, content in spec.get("files", [])]
        response = client.post(spec["path"], files=files or None, data=spec.get("form", {}), headers=headers)
        added = response.status_code == 200 and response.json()["added"] > 0
        if not added and dump(db) != before:
            return f"the store changed although the upload was rejected ({response.status_code})"
    if response.status_code >= 500:
        return f"HTTP {response.status_code}: {response.text[:300]}"
    detail = response.json().get("detail") if response.status_code >= 400 else None
    if isinstance(detail, str) and "\n" in detail:
        return f"HTTP {response.status_code} with an error over several lines: {detail[:300]!r}"
    return None


TARGETS = {t.name: t for t in [
    Target("txt", ".txt", fs.plain_texts(), _reader(".txt")),
    Target("md", ".md", fs.markdown_texts(), _reader(".md")),
    Target("html", ".html", fs.html_pages(), _reader(".html")),
    Target("pdf", ".pdf", fs.pdf_files(), _reader(".pdf")),
    Target("sidecar", ".meta.json", fs.sidecars(), _sidecar),
    Target("registry", ".yaml", fs.registries(), _registry),
    Target("stix", ".json", fs.stix_bundles(), _stix),
    Target("web", ".json", fs.web_requests(), _web),
    Target("extract", ".json", fs.extract_texts(), _extract),
]}


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _alarm(signum: int, frame: object) -> None:
    raise Hang()


def attempt(target: Target, data: bytes, work: Path) -> str | None:
    """Run one input; the problem it shows (see the module docstring), or None."""
    before = _peak_mb()
    previous = signal.signal(signal.SIGALRM, _alarm)
    signal.alarm(TIME_BOUND_S)
    start = time.monotonic()
    try:
        problem = target.run(data, work)
    except Hang:
        problem = f"no answer within {TIME_BOUND_S} s"
    except Exception as exc:  # noqa: BLE001 - any other exception is what the fuzzer looks for
        problem = f"{type(exc).__name__}: {exc}"[:500]
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    if problem is None and _peak_mb() - before > MEMORY_BOUND_MB:
        problem = f"peak memory grew by {_peak_mb() - before:.0f} MB (bound {MEMORY_BOUND_MB} MB)"
    if problem is None and time.monotonic() - start > TIME_BOUND_S:
        problem = f"took {time.monotonic() - start:.0f} s (bound {TIME_BOUND_S} s)"
    return problem


def seeds(target: Target) -> list[Path]:
    folder = SEEDS / target.name
    return sorted(p for p in folder.iterdir() if p.name.endswith(target.suffix)) if folder.is_dir() else []
