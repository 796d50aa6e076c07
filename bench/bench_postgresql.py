"""The `postgresql` section (issue 17): a shared workspace on PostgreSQL beside a workspace on SQLite, on the same
data, in the same run.

- import: the 20,000-row task table (bench_data.task_table) analysed and applied into an empty SQLite workspace, and
  into an empty shared workspace on PostgreSQL;
- completeness: the dashboard's `completeness()` on a demo workspace (the large demo's shape, without photos),
  and on PostgreSQL after `migrate_to_postgresql` copied that same workspace (the copy's time is reported too).
  The plain GROUP BY is timed on each back end as well (sqlite3; psycopg).

The server is a throwaway cluster (tests/pg_cluster.py: initdb + pg_ctl, as the `postgres` user when run as root),
on 127.0.0.1 over TCP, with fsync and full-page writes ON (unlike the tests' cluster), so its commits cost what an
office server's would; the network is the loopback, so a LAN adds its round trips on top. The SQLite figures are
the baseline. Skipped (with the reason) when the Debian package `postgresql` is not installed.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench_data import task_table
from bench_timing import REPO_ROOT, median_seconds

OFFICE = {"region": "管城回族区", "office": "管城回族区卫生健康委员会"}


def bench_postgresql(data_dir: Path, runs: int, reports: int = 100_000) -> dict[str, Any]:
    sys.path.insert(0, str(REPO_ROOT / "tests"))
    from pg_cluster import installed_bin_dir, start_cluster

    bin_dir = installed_bin_dir()
    if bin_dir is None:
        return {"skipped": "PostgreSQL is not installed (Debian package postgresql)"}
    cluster = start_cluster(bin_dir, durable=True)
    try:
        import psycopg

        with psycopg.connect(cluster.url()) as admin:
            version = admin.execute("SHOW server_version").fetchone()
        return {
            "server": f"PostgreSQL {version[0] if version else '?'} on 127.0.0.1 (fsync on), psycopg {psycopg.__version__}",
            "import": _import(cluster, task_table(data_dir), runs),
            "completeness": _completeness(cluster, data_dir, max(5, runs), reports),
        }
    finally:
        cluster.stop()


def _timed_import(workspace: Any, table: Path) -> tuple[float, float, int]:
    from hpdesk.services.importing.plan_import import analyse_workbook, apply_import

    start = time.perf_counter()
    preview = analyse_workbook(workspace, table)
    analysed = time.perf_counter()
    apply_import(workspace, preview)
    return analysed - start, time.perf_counter() - analysed, int(preview.counts().get("tasks") or 0)


def _import(cluster: Any, table: Path, runs: int) -> dict[str, Any]:
    """Median analyse and apply seconds of the table into an empty workspace, SQLite and PostgreSQL alternating."""
    from hpdesk.services.shared_workspace import init_shared_workspace
    from hpdesk.services.workspace import init_workspace

    times: dict[str, list[tuple[float, float]]] = {"sqlite": [], "postgresql": []}
    rows = 0
    for run in range(runs + 1):  # the first round warms the modules and the page cache: not counted
        with tempfile.TemporaryDirectory(prefix="bench-pg-import-") as scratch:
            with init_workspace(Path(scratch) / "sqlite", actor="bench", **OFFICE) as workspace:
                analyse, apply, rows = _timed_import(workspace, table)
            if run:
                times["sqlite"].append((analyse, apply))
            name = f"bench_import_{run}"
            url = cluster.create_database(name)
            workspace, _ = init_shared_workspace(Path(scratch) / "pg", url=url, attachments=Path(scratch) / "share",
                                                 actor="bench", **OFFICE)
            with workspace:
                analyse, apply, rows = _timed_import(workspace, table)
            cluster.drop_database(name)
            if run:
                times["postgresql"].append((analyse, apply))
    result: dict[str, Any] = {"rows": rows, "file": table.name}
    for backend, pairs in times.items():
        result[f"{backend}_analyse_s"] = round(statistics.median(a for a, _ in pairs), 3)
        result[f"{backend}_apply_s"] = round(statistics.median(b for _, b in pairs), 3)
        result[f"{backend}_total_s"] = round(statistics.median(a + b for a, b in pairs), 3)
    result["postgresql_over_sqlite"] = round(result["postgresql_total_s"] / result["sqlite_total_s"], 2)
    return result


def _demo_workspace(data_dir: Path, reports: int) -> tuple[Path, dict[str, Any]]:
    """The large demo's shape without photos (kept in data_dir between runs, like the large demo)."""
    from hpdesk.services.demo.demo_large import LargeDemoSize, build_large_demo
    from hpdesk.services.workspace import init_workspace

    root, marker = data_dir / f"pg-demo-{reports}", data_dir / f"pg-demo-{reports}.json"
    if marker.is_file() and (root / "hpdesk.sqlite").is_file():
        return root, {**json.loads(marker.read_text()), "built_in_this_run": False}
    shutil.rmtree(root, ignore_errors=True)
    started = time.perf_counter()
    with init_workspace(root, actor="bench", **OFFICE) as workspace:
        build_large_demo(workspace, size=LargeDemoSize(reports=reports, evidence_files=0))
    built = {"reports": reports, "seconds": round(time.perf_counter() - started, 1)}
    marker.write_text(json.dumps(built))
    return root, {**built, "built_in_this_run": True}


GROUP_BY = "SELECT period_id, review_state, count(*) FROM progress_report GROUP BY period_id, review_state"


def _completeness(cluster: Any, data_dir: Path, runs: int, reports: int) -> dict[str, Any]:
    import psycopg

    from bench_services import completeness_call

    from hpdesk.services.shared_workspace import migrate_to_postgresql
    from hpdesk.services.workspace import open_workspace

    source, built = _demo_workspace(data_dir, reports)
    result: dict[str, Any] = {"demo": built}
    with open_workspace(source, actor="bench") as workspace:
        call, result["query"] = completeness_call(workspace)
        call()  # warm the page cache and SQLAlchemy's statement cache, as a running app would have them
        result["sqlite_s"] = median_seconds(call, runs)
    database = source / "hpdesk.sqlite"
    with sqlite3.connect(f"file:{database.as_posix()}?mode=ro", uri=True) as plain:
        result["sqlite_group_by_s"] = median_seconds(lambda: plain.execute(GROUP_BY).fetchall(), runs)

    url = cluster.create_database("bench_completeness")
    with tempfile.TemporaryDirectory(prefix="bench-pg-demo-") as scratch:
        copy = Path(scratch) / "ws"
        shutil.copytree(source, copy)
        started = time.perf_counter()
        moved = migrate_to_postgresql(copy, url=url, attachments=Path(scratch) / "share", actor="bench")
        result["migrate_to_postgresql_s"] = round(time.perf_counter() - started, 1)
        result["rows_moved"] = sum(moved.rows_per_table.values())
        with psycopg.connect(url, autocommit=True) as plain:
            plain.execute("ANALYZE")  # what autovacuum does soon after a bulk load: the planner's statistics
            result["postgresql_group_by_s"] = median_seconds(lambda: plain.execute(GROUP_BY).fetchall(), runs)
        with open_workspace(copy, actor="bench") as workspace:
            call, _ = completeness_call(workspace)
            call()
            result["postgresql_s"] = median_seconds(call, runs)
    cluster.drop_database("bench_completeness")
    result["postgresql_over_sqlite"] = round(result["postgresql_s"] / result["sqlite_s"], 2)
    return result
