"""A throw-away PostgreSQL server for the store tests: initdb + pg_ctl in a temporary directory.

The server listens on a unix socket in that directory only (no TCP port, so parallel test runs on
one machine never collide), trusts local connections, and runs without fsync. PostgreSQL refuses
to run as root, so under root it runs as ``nobody``. ``start()`` returns None with the reason
when no server can be started (no binaries: install Debian's ``postgresql`` package; no psycopg:
install the "postgres" extra).
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from itertools import count
from pathlib import Path


@dataclass
class Server:
    directory: Path
    bin_dir: Path
    as_user: list[str]
    _names = count(1)

    def url(self, dbname: str) -> str:
        return f"postgresql://postgres@/{dbname}?host={self.directory}"

    def new_database(self) -> str:
        """A fresh, empty database; returns its URL."""
        import psycopg

        name = f"t{next(self._names)}"
        with psycopg.connect(self.url("postgres"), autocommit=True) as conn:
            conn.execute(f"CREATE DATABASE {name}")
        return self.url(name)

    def stop(self) -> None:
        self._ctl("stop", "-m", "immediate")
        shutil.rmtree(self.directory, ignore_errors=True)

    def _ctl(self, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [
                *self.as_user,
                str(self.bin_dir / "pg_ctl"),
                "-D",
                str(self.directory / "data"),
                *args,
            ],
            capture_output=True,
            text=True,
            timeout=120,
        )


def _bin_dir() -> Path | None:
    # Debian keeps initdb and pg_ctl out of PATH, under the major version.
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"))
    if found:
        return Path(found[-1]).parent
    on_path = shutil.which("pg_ctl")
    return Path(on_path).parent if on_path and shutil.which("initdb") else None


def start() -> Server | str:
    """A running server, or the reason there is none."""
    try:
        import psycopg  # noqa: F401
    except ImportError:
        return "psycopg is not installed (pip install -e '.[postgres]')"
    bin_dir = _bin_dir()
    if bin_dir is None:
        return "PostgreSQL is not installed (apt-get install postgresql; make test does it in CI)"
    directory = Path(tempfile.mkdtemp(prefix="detector-pg-"))
    as_user: list[str] = []
    if os.geteuid() == 0:
        runuser = shutil.which("runuser")
        if runuser is None:
            return "running as root and runuser is missing: PostgreSQL cannot run as root"
        as_user = [runuser, "-u", "nobody", "--"]
        shutil.chown(directory, "nobody")
    server = Server(directory, bin_dir, as_user)
    init = subprocess.run(
        [*as_user, str(bin_dir / "initdb"), "-D", str(directory / "data"), "-U", "postgres",
         "--auth=trust", "-E", "UTF8", "--no-sync"],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    if init.returncode != 0:
        shutil.rmtree(directory, ignore_errors=True)
        return f"initdb failed: {init.stderr.strip()[-500:]}"
    options = f"-c listen_addresses='' -c unix_socket_directories='{directory}' -c fsync=off"
    started = server._ctl("start", "-w", "-l", str(directory / "log"), "-o", options)
    if started.returncode != 0:
        log = (
            (directory / "log").read_text(errors="replace")[-500:]
            if (directory / "log").exists()
            else ""
        )
        shutil.rmtree(directory, ignore_errors=True)
        return f"pg_ctl start failed: {started.stderr.strip()[-300:]} {log}"
    return server
