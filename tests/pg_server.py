"""A throwaway PostgreSQL server for the tests: Debian's binaries (`apt-get install postgresql`,
which `make test` does), a temporary data directory, a free port on 127.0.0.1, trust auth.

initdb refuses to run as root, so as root the server runs as the unprivileged `postgres`
user the Debian package creates, with the data directory owned by it.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import uuid
from pathlib import Path

USER = "proxyatlas"


def binaries() -> Path | None:
    """The newest /usr/lib/postgresql/*/bin holding initdb and pg_ctl, if any."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"),
                   key=lambda p: int(Path(p).parent.parent.name) if Path(p).parent.parent.name.isdigit() else 0)
    for initdb in reversed(found):
        if os.access(initdb, os.X_OK) and os.access(Path(initdb).with_name("pg_ctl"), os.X_OK):
            return Path(initdb).parent
    return None


def why_not() -> str | None:
    """Why no server can be started here, or None."""
    if binaries() is None:
        return "PostgreSQL binaries not found in /usr/lib/postgresql/*/bin (apt-get install -y postgresql)"
    if os.geteuid() == 0:
        try:
            pwd.getpwnam("postgres")
        except KeyError:
            return "running as root and there is no unprivileged 'postgres' user to run initdb as"
    return None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Server:
    def __init__(self) -> None:
        self.bin = binaries()
        assert self.bin is not None
        self.root = Path(tempfile.mkdtemp(prefix="proxyatlas-pg-"))
        self.data = self.root / "data"
        self.port = _free_port()
        self.as_root = os.geteuid() == 0

    def _run(self, *args: str) -> subprocess.CompletedProcess:
        cmd = list(args)
        if self.as_root:
            cmd = ["runuser", "-u", "postgres", "--", *cmd]
        return subprocess.run(cmd, check=True, capture_output=True, text=True, timeout=120)

    def start(self) -> Server:
        if self.as_root:
            entry = pwd.getpwnam("postgres")
            os.chown(self.root, entry.pw_uid, entry.pw_gid)
        os.chmod(self.root, 0o700)
        try:
            self._run(str(self.bin / "initdb"), "-D", str(self.data), "-U", USER, "--auth=trust", "--no-sync",
                      "--encoding=UTF8", "--locale=C")
            self._run(str(self.bin / "pg_ctl"), "-D", str(self.data), "-l", str(self.root / "log"), "-w", "-t", "60",
                      "-o", f"-p {self.port} -h 127.0.0.1 -k {self.root} -c fsync=off -c full_page_writes=off "
                            "-c synchronous_commit=off -c max_connections=100", "start")
        except subprocess.CalledProcessError as exc:
            log = (self.root / "log").read_text() if (self.root / "log").exists() else ""
            self.stop()
            raise RuntimeError(f"could not start PostgreSQL: {exc.stderr}\n{log}") from exc
        return self

    def url(self, dbname: str = "postgres") -> str:
        return f"postgresql://{USER}@127.0.0.1:{self.port}/{dbname}"

    def new_database(self) -> str:
        """A fresh empty database; its URL."""
        import psycopg

        name = "t_" + uuid.uuid4().hex[:12]
        with psycopg.connect(self.url(), autocommit=True) as conn:
            conn.execute(f"CREATE DATABASE {name}")
        return self.url(name)

    def stop(self) -> None:
        if (self.data / "postmaster.pid").exists():
            try:
                self._run(str(self.bin / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "-w", "stop")
            except (subprocess.CalledProcessError, subprocess.TimeoutExpired):
                pass
        shutil.rmtree(self.root, ignore_errors=True)
