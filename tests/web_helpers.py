"""One store for the web tests: the example articles plus a hostile document, ingested once per
session, and a server on a free loopback port for the browser tests."""

from __future__ import annotations

import shutil
import socket
import threading
import time
from pathlib import Path

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "articles"
XSS_TITLE = "Militia statement <script>alert('title')</script>"
XSS_TEXT = f"""{XSS_TITLE}

BEIRUT, 2024-05-02 — Hezbollah, the Lebanese group backed by Iran, posted <img src=x onerror="alert('xss')"> \
and <script>alert('body')</script> on its channel on Thursday, officials said.
"""
_STORE: dict[str, Path] = {}


def web_store(folder: Path) -> Path:
    """The store (built on first use in `folder`, reused afterwards)."""
    if "db" not in _STORE:
        from proxyatlas import api

        docs = folder / "docs"
        docs.mkdir(parents=True, exist_ok=True)
        for path in EXAMPLES.iterdir():
            shutil.copy(path, docs / path.name)
        (docs / "hostile.txt").write_text(XSS_TEXT, encoding="utf-8")
        db = folder / "web.db"
        report = api.ingest([docs], db=db)
        assert report.added >= 3, report
        _STORE["db"] = db
    return _STORE["db"]


def store_copy(db: Path, folder: Path) -> Path:
    """A private copy of a store (SQLite's online backup, WAL included) for tests that write to it."""
    import sqlite3

    target = folder / f"copy-{db.name}"
    source, copy = sqlite3.connect(db), sqlite3.connect(target)
    try:
        source.backup(copy)
    finally:
        source.close()
        copy.close()
    return target


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Server:
    """uvicorn in a thread on 127.0.0.1:PORT, stopped on `stop()`."""

    def __init__(self, db: Path, token: str | None = None) -> None:
        import uvicorn

        from proxyatlas.web import create_app

        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        config = uvicorn.Config(create_app(db, token), host="127.0.0.1", port=self.port, log_level="warning")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("the test server did not start")
            time.sleep(0.05)

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)
