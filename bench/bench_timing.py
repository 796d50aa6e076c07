"""Timing and machine facts shared by the benchmark scripts. Wall-clock `perf_counter`; medians of a few runs."""

from __future__ import annotations

import json
import os
import platform
import resource
import sqlite3
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parent.parent
BENCH_DIR = REPO_ROOT / "bench"


def machine() -> dict[str, Any]:
    """CPU model, core count, memory, OS and versions: the figures mean nothing without them."""
    cpu, sha_extensions = "", None
    try:
        cpuinfo = Path("/proc/cpuinfo").read_text()
        for line in cpuinfo.splitlines():
            if line.startswith("model name") and not cpu:
                cpu = line.split(":", 1)[1].strip()
            if line.startswith("flags") and sha_extensions is None:
                sha_extensions = "sha_ni" in line.split()  # SHA-256 in hardware: it sets every hashing figure
    except OSError:
        cpu = platform.processor()
    memory_gb = None
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                memory_gb = round(int(line.split()[1]) / 1024 / 1024, 1)
    except OSError:
        pass
    return {
        "cpu": cpu, "cpu_sha_extensions": sha_extensions, "nproc": os.cpu_count(), "memory_gb": memory_gb,
        "os": _os_name(), "platform": platform.platform(), "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version, "libraries": _library_versions(),
    }


def _os_name() -> str:
    try:
        for line in Path("/etc/os-release").read_text().splitlines():
            if line.startswith("PRETTY_NAME="):
                return line.split("=", 1)[1].strip().strip('"')
    except OSError:
        pass
    return f"{platform.system()} {platform.release()}"


def _library_versions() -> dict[str, str]:
    from importlib import metadata

    versions = {}
    for name in ("PySide6_Essentials", "Pillow", "openpyxl", "python-calamine", "SQLAlchemy", "reportlab", "pyHanko",
                 "cryptography"):
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            pass
    return versions


def median_seconds(function: Callable[[], object], runs: int = 3, setup: Callable[[], object] | None = None) -> float:
    """The median wall time of `runs` calls of `function` (each after an untimed `setup`, if given)."""
    times = []
    for _ in range(runs):
        if setup is not None:
            setup()
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return round(statistics.median(times), 4)


def median_wall_and_cpu(function: Callable[[], object], runs: int = 3,
                        setup: Callable[[], object] | None = None) -> tuple[float, float]:
    """(median wall seconds, median CPU seconds of this process, all threads) of `runs` calls (each after an untimed
    `setup`, if given). On a shared machine the CPU time shows how much work a figure is, whatever share of the
    cores the process got."""
    walls, cpus = [], []
    for _ in range(runs):
        if setup is not None:
            setup()
        start, cpu = time.perf_counter(), time.process_time()
        function()
        walls.append(time.perf_counter() - start)
        cpus.append(time.process_time() - cpu)
    return round(statistics.median(walls), 4), round(statistics.median(cpus), 4)


def run_child(args: list[str], *, env: dict[str, str] | None = None, timeout: float = 1800) -> dict[str, Any]:
    """Run a bench child script (Python, same interpreter) and parse the JSON object on its last stdout line."""
    completed = subprocess.run(
        [sys.executable, *args], capture_output=True, text=True, timeout=timeout, cwd=REPO_ROOT,
        env={**os.environ, **(env or {})},
    )
    if completed.returncode != 0:
        raise RuntimeError(f"{args[0]} failed ({completed.returncode}): {completed.stderr[-2000:]}")
    return json.loads(completed.stdout.strip().splitlines()[-1])


def peak_rss_mb() -> float:
    """This process's peak resident set in MB.

    Linux keeps ru_maxrss across fork and exec: a child started by a big parent (the bench runner, after building
    a workspace in-process) reports at least the parent's size. VmHWM in /proc/self/status belongs to the current
    process image only, so it is used where it exists; ru_maxrss (KiB on Linux) elsewhere.
    """
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        pass
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
