"""Whole-process figures: an `hpdesk` command from exec to exit, beside a plain Python process doing the part of the
work no program can skip. Interpreter start-up and imports count here, as they do for the person who typed it."""

from __future__ import annotations

import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench_timing import REPO_ROOT

TAIAN = "taian_task_breakdown.xlsx"


def _process_seconds(command: list[str], runs: int, setup: Any = None) -> float:
    """Median wall time of `command` from start to exit (each run after an untimed `setup()`); fails loudly."""
    return _process_wall_and_cpu(command, runs, setup)[0]


def _process_wall_and_cpu(command: list[str], runs: int, setup: Any = None) -> tuple[float, float]:
    """Median wall time and median CPU time (user + system, from the children's rusage) of `command`. CPU seconds
    move far less than wall seconds when other processes share the cores."""
    walls, cpus = [], []
    environment = {**os.environ, "HPDESK_LANG": "zh_CN"}
    for _ in range(runs):
        if setup is not None:
            setup()
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        completed = subprocess.run(command, capture_output=True, text=True, cwd=REPO_ROOT, env=environment)
        walls.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
        if completed.returncode != 0:
            raise RuntimeError(f"{command} failed ({completed.returncode}): {completed.stderr[-2000:]}")
    return round(statistics.median(walls), 4), round(statistics.median(cpus), 4)


def bench_process(runs: int, sample_dir: Path | None = None) -> dict[str, Any]:
    """`hpdesk --help`, `--version` and `hpdesk import-plan --help` beside `python -c pass`; `hpdesk import-plan` of
    the Taian sample into an empty workspace (and its `--dry-run`) beside `python -c "openpyxl.load_workbook(…)"` on
    the same file, and beside the floor under any command that opens a workspace (a process importing SQLAlchemy's
    ORM, and one also mapping hpdesk's records). One untimed run of each first (the page cache holds the interpreter
    and the libraries for all)."""
    from hpdesk.services.demo.demo_task_table import samples_dir
    from hpdesk.services.workspace import init_workspace

    python = sys.executable
    taian = (sample_dir or samples_dir()) / TAIAN
    plain = [python, "-c", "pass"]
    helps = [python, "-m", "hpdesk", "--help"]
    version = [python, "-m", "hpdesk", "--version"]
    command_help = [python, "-m", "hpdesk", "import-plan", "--help"]
    openpyxl_load = [python, "-c", f"import openpyxl; openpyxl.load_workbook({str(taian)!r})"]
    # the floor of any command that opens a workspace: SQLAlchemy's ORM, and it with hpdesk's records mapped
    orm_only = [python, "-c", "import sqlalchemy.orm"]
    orm_records = [python, "-c", "import sqlalchemy.orm, hpdesk.storage.records; sqlalchemy.orm.configure_mappers()"]
    with tempfile.TemporaryDirectory(prefix="bench-process-") as scratch:
        template, target = Path(scratch) / "template", Path(scratch) / "ws"
        init_workspace(template, region="泰安市", office="泰安市卫生健康委员会", actor="bench").close()

        def fresh_workspace() -> None:
            shutil.rmtree(target, ignore_errors=True)
            shutil.copytree(template, target)

        import_plan = [python, "-m", "hpdesk", "--workspace", str(target), "import-plan", str(taian), "--json"]
        dry_run = [*import_plan, "--dry-run"]
        for command in (plain, helps, openpyxl_load, orm_only, orm_records):  # warm-up
            _process_seconds(command, 1)
        _process_seconds(import_plan, 1, fresh_workspace)
        figures = {
            "hpdesk_help_s": _process_seconds(helps, runs),
            "hpdesk_version_s": _process_seconds(version, runs),
            "hpdesk_command_help_s": _process_seconds(command_help, runs),
            "baseline_python_pass_s": _process_seconds(plain, runs),
        }
        # interleaved, so drift in the machine's load hits hpdesk and the baseline alike
        timings: dict[str, list[tuple[float, float]]] = {"import_plan": [], "dry_run": [], "openpyxl": [], "orm": [],
                                                         "orm_records": []}
        for _ in range(runs):
            timings["import_plan"].append(_process_wall_and_cpu(import_plan, 1, fresh_workspace))
            timings["dry_run"].append(_process_wall_and_cpu(dry_run, 1, fresh_workspace))
            timings["openpyxl"].append(_process_wall_and_cpu(openpyxl_load, 1))
            timings["orm"].append(_process_wall_and_cpu(orm_only, 1))
            timings["orm_records"].append(_process_wall_and_cpu(orm_records, 1))
        for key, name in (("import_plan", "hpdesk_import_plan_taian"), ("dry_run", "hpdesk_import_plan_taian_dry_run"),
                          ("openpyxl", "baseline_openpyxl_load_taian"), ("orm", "floor_import_sqlalchemy_orm"),
                          ("orm_records", "floor_sqlalchemy_orm_and_records")):
            figures[f"{name}_s"] = round(statistics.median(wall for wall, _cpu in timings[key]), 4)
            figures[f"{name}_cpu_s"] = round(statistics.median(cpu for _wall, cpu in timings[key]), 4)
    return {**figures, "baseline_is": "`python -c pass` (interpreter start-up); `python -c \"import openpyxl; "
                                      "openpyxl.load_workbook(taian)\"` (start-up + reading the workbook)",
            "note": "whole processes, exec to exit, `python -m hpdesk` from the repository; import-plan into a fresh "
                    "copy of an empty workspace each run (the copy is not timed); *_cpu_s: user + system seconds of "
                    "the process (median); the import-plan/openpyxl/floor commands interleaved; floor_*: a process "
                    "that only imports sqlalchemy.orm (and maps hpdesk's records): what any command opening a "
                    "workspace pays before doing anything"}
