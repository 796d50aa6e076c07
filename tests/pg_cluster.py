"""A throwaway PostgreSQL cluster for the tests and the benchmark: initdb + pg_ctl in a temporary folder.

initdb and postgres refuse to run as root, and CI (like this machine) runs as root: then every server command runs
as the `postgres` user that the Debian package creates (`runuser -u postgres`), and the cluster's folder is handed to
that user. On a developer's normal account the commands simply run as that account. Authentication is `trust` on
127.0.0.1 only, on a free port; the cluster is stopped and its folder removed when the fixture ends.

`installed_bin_dir()` is None when the Debian package `postgresql` is not installed; the tests then skip (or fail
under CI=true, like every missing input).
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

SUPERUSER = "hpdesk_admin"


def installed_bin_dir() -> Path | None:
    """The newest /usr/lib/postgresql/<n>/bin holding initdb (Debian's layout), else initdb on the PATH."""
    candidates = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"), key=lambda path: int(path.parts[-3]))
    if candidates:
        return candidates[-1].parent
    found = shutil.which("initdb")
    return Path(found).parent if found else None


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class Cluster:
    """A running server; `url(database)` is a SQLAlchemy URL for its superuser."""

    bin_dir: Path
    folder: Path
    port: int
    run_as: str | None  # the OS user running the server commands (None: this process's user)
    durable: bool = False  # fsync and full-page writes on, as on an office's server (the benchmark)

    @property
    def data_dir(self) -> Path:
        return self.folder / "data"

    def url(self, database: str = "postgres", user: str = SUPERUSER) -> str:
        return f"postgresql://{user}@127.0.0.1:{self.port}/{database}"

    def _run(self, *command: str) -> None:
        prefix = ["runuser", "-u", self.run_as, "--"] if self.run_as else []
        subprocess.run([*prefix, *command], check=True, capture_output=True, timeout=120)

    def start(self) -> None:
        self._run(
            str(self.bin_dir / "initdb"), "-D", str(self.data_dir), "-U", SUPERUSER, "--auth=trust",
            "-E", "UTF8", "--locale=C.UTF-8", "--no-sync",
        )
        options = f"-p {self.port} -c listen_addresses=127.0.0.1 -k {self.folder} -c max_connections=60"
        if not self.durable:  # tests: nothing survives the run, so nothing needs to reach the disk
            options += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        self._run(
            str(self.bin_dir / "pg_ctl"), "-D", str(self.data_dir), "-l", str(self.folder / "server.log"),
            "-o", options, "-w", "start",
        )

    def stop(self) -> None:
        try:
            self._run(str(self.bin_dir / "pg_ctl"), "-D", str(self.data_dir), "-m", "immediate", "-w", "stop")
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)

    def create_database(self, name: str, template: str | None = None) -> str:
        """A new database, empty or a copy of `template` (which nobody may be connected to); returns its URL."""
        import psycopg

        with psycopg.connect(self.url(), autocommit=True) as admin:
            # FILE_COPY (PostgreSQL 15+): copying a small template's files is faster than WAL-logging every block
            strategy = " STRATEGY FILE_COPY" if template and admin.info.server_version >= 150000 else ""
            admin.execute(f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"{strategy}' if template else ""))
        return self.url(name)

    def drop_database(self, name: str) -> None:
        import psycopg

        with psycopg.connect(self.url(), autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def start_cluster(bin_dir: Path, *, durable: bool = False) -> Cluster:
    """initdb + start a cluster in a new temporary folder (as `postgres` when we are root); `durable` keeps fsync on."""
    run_as = "postgres" if os.geteuid() == 0 else None
    folder = Path(tempfile.mkdtemp(prefix="hpdesk-pg-"))
    if run_as:
        shutil.chown(folder, user=run_as)
    cluster = Cluster(bin_dir, folder, _free_port(), run_as, durable)
    try:
        cluster.start()
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    return cluster
