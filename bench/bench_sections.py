"""The benchmark sections. Each returns a dict of figures, hpdesk's beside a baseline on the same data."""

from __future__ import annotations

import hashlib
import queue
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import zlib
from pathlib import Path
from typing import Any

from bench_data import package_members, photos, task_table
from bench_timing import BENCH_DIR, REPO_ROOT, median_seconds, median_wall_and_cpu, run_child

SAMPLE_FILES = ("taian_task_breakdown.xlsx", "zhengzhou_tasks.xlsx", "zhengzhou_indicators.xlsx",
                "guancheng_indicators.xlsx")


def workspace_counts(root: Path) -> dict[str, Any]:
    from hpdesk.services.maintenance import count_summary
    from hpdesk.services.workspace import open_workspace

    with open_workspace(root, actor="bench") as workspace:
        counts = count_summary(workspace)
    blobs = [path for path in (root / "blobs").rglob("*") if path.is_file()]
    keep = ("tasks", "units", "assignments", "periods", "reports", "evidence", "attachments", "indicator_values",
            "submissions", "audit_events")
    return {**{key: counts[key] for key in keep},
            "database_mb": round((root / "hpdesk.sqlite").stat().st_size / 1e6, 1),
            "blob_mb": round(sum(path.stat().st_size for path in blobs) / 1e6, 1)}


# --------------------------------------------------------------------------------------------------------------------
# Launch to first paint


def _first_paint_seconds(command: list[str], env: dict[str, str], key: str = "painted_at") -> float:
    """Seconds from starting `command` to the painted_at it prints (same clock: time.time on one machine)."""
    return _paint_times(command, env)[key]


def _paint_times(command: list[str], env: dict[str, str]) -> dict[str, float]:
    """Seconds from starting `command` to each moment it prints (same clock: time.time on one machine)."""
    import json
    import os

    launched = time.time()
    completed = subprocess.run(command, capture_output=True, text=True, timeout=300, cwd=REPO_ROOT,
                               env={**os.environ, "QT_QPA_PLATFORM": "offscreen", **env})
    if completed.returncode != 0:
        raise RuntimeError(f"{command} failed: {completed.stderr[-2000:]}")
    painted = [json.loads(line) for line in completed.stdout.splitlines() if line.startswith("{")][-1]
    return {key: value - launched for key, value in painted.items() if key.endswith("_at") and value is not None}


def _launch_to_exit_seconds(command: list[str], env: dict[str, str]) -> float:
    import os

    launched = time.perf_counter()
    completed = subprocess.run(command, capture_output=True, text=True, timeout=300, cwd=REPO_ROOT,
                               env={**os.environ, "QT_QPA_PLATFORM": "offscreen", **env})
    if completed.returncode != 0:
        raise RuntimeError(f"{command} failed: {completed.stderr[-2000:]}")
    return time.perf_counter() - launched


def _app_has_first_paint_switch() -> bool:
    application = REPO_ROOT / "hpdesk" / "ui" / "application.py"
    return application.is_file() and "HPDESK_EXIT_AFTER_FIRST_PAINT" in application.read_text(encoding="utf-8")


def bench_first_paint(large: Path, runs: int) -> dict[str, Any]:
    """Two views of launch time on the large workspace, each beside an empty PySide6 window measured the same way:
    the first paint event (bench/first_paint.py runs run_application and reports the first frame of any window, the
    main window's first frame and the pages loaded), and `hpdesk gui` with HPDESK_EXIT_AFTER_FIRST_PAINT=1 from
    launch to process exit (after the main window is shown)."""
    empty = [sys.executable, str(BENCH_DIR / "first_paint.py"), "empty"]
    launcher = [sys.executable, str(BENCH_DIR / "first_paint.py"), "hpdesk", str(large)]
    gui = [sys.executable, "-m", "hpdesk", "--workspace", str(large), "gui"]
    # Qt settings (window layout, last period, language) in a folder of their own, not the user's.
    settings = {"XDG_CONFIG_HOME": str(large.parent / "qt-settings")}
    switch = {"HPDESK_EXIT_AFTER_FIRST_PAINT": "1", **settings}
    _first_paint_seconds(empty, settings)  # warm the OS file cache for the Qt libraries, for both
    _paint_times(launcher, settings)  # and hpdesk's own modules (and their bytecode, see run.py)
    figures: dict[str, list[float]] = {"paint": [], "paint_empty": [], "exit": [], "exit_empty": [], "loaded": [],
                                       "main": []}
    for _ in range(runs):  # interleaved, so drift in machine load hits hpdesk and the baseline alike
        times = _paint_times(launcher, settings)
        figures["paint"].append(times["painted_at"])
        if "main_painted_at" in times:
            figures["main"].append(times["main_painted_at"])
        if "loaded_at" in times:
            figures["loaded"].append(times["loaded_at"])
        figures["paint_empty"].append(_first_paint_seconds(empty, settings))
        if _app_has_first_paint_switch():
            figures["exit"].append(_launch_to_exit_seconds(gui, switch))
            figures["exit_empty"].append(_launch_to_exit_seconds(empty, settings))
    result: dict[str, Any] = {
        "hpdesk_first_paint_s": round(statistics.median(figures["paint"]), 3),
        "baseline_empty_window_first_paint_s": round(statistics.median(figures["paint_empty"]), 3),
    }
    if figures["main"]:
        result["hpdesk_main_window_painted_s"] = round(statistics.median(figures["main"]), 3)
    if figures["loaded"]:
        result["hpdesk_pages_loaded_s"] = round(statistics.median(figures["loaded"]), 3)
    if figures["exit"]:
        result["hpdesk_gui_launch_to_exit_s"] = round(statistics.median(figures["exit"]), 3)
        result["baseline_empty_window_launch_to_exit_s"] = round(statistics.median(figures["exit_empty"]), 3)
    return result


# --------------------------------------------------------------------------------------------------------------------
# Import


def _read_with_openpyxl(path: Path) -> int:
    from openpyxl import load_workbook

    workbook = load_workbook(path)  # full mode: merged ranges are only known there
    cells = 0
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows(values_only=True):
            cells += len(row)
    workbook.close()
    return cells


def _read_with_calamine(path: Path) -> int:
    from python_calamine import CalamineWorkbook

    workbook = CalamineWorkbook.from_path(str(path))
    return sum(len(row) for name in workbook.sheet_names for row in workbook.get_sheet_by_name(name).to_python())


def _hpdesk_import_seconds(path: Path, template: Path, runs: int) -> tuple[float, float, float, dict[str, int]]:
    """Median (analyse, apply, analyse + apply CPU) seconds into a fresh copy of an empty workspace, and the
    preview counts."""
    from hpdesk.services.importing.plan_import import analyse_workbook, apply_import
    from hpdesk.services.workspace import open_workspace

    analyse_times, apply_times, cpu_times, counts = [], [], [], {}
    for run in range(runs):
        with tempfile.TemporaryDirectory(prefix="bench-import-") as scratch:
            root = Path(scratch) / "ws"
            shutil.copytree(template, root)
            with open_workspace(root, actor="bench") as workspace:
                start, cpu = time.perf_counter(), time.process_time()
                preview = analyse_workbook(workspace, path)
                analysed = time.perf_counter()
                apply_import(workspace, preview)
                applied = time.perf_counter()
                cpu_times.append(time.process_time() - cpu)
            analyse_times.append(analysed - start)
            apply_times.append(applied - analysed)
            counts = preview.counts()
    return (round(statistics.median(analyse_times), 4), round(statistics.median(apply_times), 4),
            round(statistics.median(cpu_times), 4), counts)


def bench_imports(data_dir: Path, runs: int, sample_dir: Path | None = None) -> dict[str, Any]:
    """Each sample workbook (the bundled copies unless `sample_dir` is given) and the generated 20,000-row table:
    hpdesk's analyse (read + preview) and apply (write the plan) into an empty workspace, beside a plain read."""
    from hpdesk.services.demo.demo_task_table import samples_dir
    from hpdesk.services.workspace import init_workspace

    sample_dir = sample_dir or samples_dir()
    files = [sample_dir / name for name in SAMPLE_FILES] + [task_table(data_dir)]
    results: dict[str, Any] = {"samples_from": str(sample_dir)}
    with tempfile.TemporaryDirectory(prefix="bench-template-") as scratch:
        template = Path(scratch) / "template"
        init_workspace(template, region="管城回族区", office="管城回族区卫生健康委员会", actor="bench").close()
        # Warm up: load the modules and fill the page cache, so no figure carries a one-off import cost.
        _read_with_openpyxl(files[0])
        _read_with_calamine(files[0])
        _hpdesk_import_seconds(files[0], template, 1)
        for path in files:
            analyse, apply, cpu, counts = _hpdesk_import_seconds(path, template, runs)
            phases = _hpdesk_import_phases(path, template) if path == files[-1] else None
            calamine, calamine_cpu = median_wall_and_cpu(lambda: _read_with_calamine(path), runs)
            results[path.name] = {
                "rows": counts.get("tasks") or counts.get("indicators"),
                "file_kb": round(path.stat().st_size / 1024, 1),
                "hpdesk_analyse_s": analyse,
                "hpdesk_apply_s": apply,
                "hpdesk_total_s": round(analyse + apply, 4),
                "hpdesk_total_cpu_s": cpu,
                "baseline_openpyxl_read_s": median_seconds(lambda: _read_with_openpyxl(path), runs),
                "baseline_calamine_read_s": calamine,
                "baseline_calamine_read_cpu_s": calamine_cpu,
            }
            if phases:
                results[path.name]["hpdesk_phases_wall_cpu_s"] = phases
    return results


# The import's phases, by the functions that do them ('module:attribute', the names plan_import calls them by).
_IMPORT_PHASES = {
    "guard": "hpdesk.services.importing.plan_import:guard_workbook",
    "read_into_grid": "hpdesk.services.importing.workbook_reader:SheetReader.read",
    "parse": "hpdesk.services.importing.plan_import:parse_table",
    "write_rows": "hpdesk.storage.plan_import_store:write_import",
    "of_which_inserts": "hpdesk.storage.plan_import_store:_insert_rows",
    "commit": "sqlalchemy.engine.default:DefaultDialect.do_commit",
}


def _hpdesk_import_phases(path: Path, template: Path) -> dict[str, list[float]]:
    """[wall, CPU] seconds of each phase of one analyse + apply of `path` into a fresh copy of `template` (each
    phase's function wrapped for that run; the rest is the preview, matching and the audit event)."""
    import importlib
    from contextlib import ExitStack
    from unittest import mock

    from hpdesk.services.importing.plan_import import analyse_workbook, apply_import
    from hpdesk.services.workspace import open_workspace

    spent: dict[str, list[float]] = {name: [0.0, 0.0] for name in _IMPORT_PHASES}

    def timed(name: str, function: Any) -> Any:
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            wall, cpu = time.perf_counter(), time.process_time()
            try:
                return function(*args, **kwargs)
            finally:
                spent[name][0] += time.perf_counter() - wall
                spent[name][1] += time.process_time() - cpu
        return wrapper

    with tempfile.TemporaryDirectory(prefix="bench-import-") as scratch, ExitStack() as patches:
        root = Path(scratch) / "ws"
        shutil.copytree(template, root)
        for name, where in _IMPORT_PHASES.items():
            module_name, dotted = where.split(":")
            owner: Any = importlib.import_module(module_name)
            *classes, attribute = dotted.split(".")
            for class_name in classes:
                owner = getattr(owner, class_name)
            patches.enter_context(mock.patch.object(owner, attribute, timed(name, getattr(owner, attribute))))
        with open_workspace(root, actor="bench") as workspace:
            wall, cpu = time.perf_counter(), time.process_time()
            apply_import(workspace, analyse_workbook(workspace, path))
            spent["total"] = [time.perf_counter() - wall, time.process_time() - cpu]
    return {name: [round(wall, 4), round(cpu, 4)] for name, (wall, cpu) in spent.items()}


# --------------------------------------------------------------------------------------------------------------------
# Dashboard completeness


def _sql_group_by(database: Path) -> list[tuple[Any, ...]]:
    connection = sqlite3.connect(f"file:{database.as_posix()}?mode=ro", uri=True)
    try:
        return connection.execute(
            "SELECT period_id, review_state, count(*) FROM progress_report GROUP BY period_id, review_state"
        ).fetchall()
    finally:
        connection.close()


def bench_completeness(large: Path, runs: int) -> dict[str, Any]:
    from hpdesk.services.workspace import open_workspace

    from bench_services import completeness_call

    database = large / "hpdesk.sqlite"
    with open_workspace(large, actor="bench") as workspace:
        call, described = completeness_call(workspace)
        call()  # warm the page cache and SQLAlchemy's statement cache, as a running app would have them
        hpdesk = median_seconds(call, runs)
    _sql_group_by(database)
    return {
        "hpdesk_s": hpdesk,
        "query": described,
        "baseline_sqlite_group_by_s": median_seconds(lambda: _sql_group_by(database), runs),
        "baseline_is": "one GROUP BY period, review_state over progress_report with the sqlite3 module",
    }


# --------------------------------------------------------------------------------------------------------------------
# Export of a period with 300 photos


def bench_export(data_dir: Path) -> dict[str, Any]:
    """One export (it is long and it locks the period) of a fresh copy of the template, in a child process."""
    from bench_services import fresh_copy, period_state, prepare_export_workspace

    template, period_label, photo_paths = prepare_export_workspace(
        data_dir, lambda start, end: photos(data_dir, start, end))
    workspace_root = fresh_copy(template, data_dir / "export-run")
    out_dir = data_dir / "export-out"
    shutil.rmtree(out_dir, ignore_errors=True)
    state_before = period_state(workspace_root, period_label)[0]
    exported = run_child([str(BENCH_DIR / "measure_child.py"), "export", str(workspace_root), period_label,
                          str(out_dir)])
    state_after, submissions = period_state(workspace_root, period_label)
    shutil.rmtree(out_dir, ignore_errors=True)  # a 1 GB package, and the copy that made it: not kept
    shutil.rmtree(workspace_root, ignore_errors=True)
    photo_dir = str(photo_paths[0].parent)
    baseline = run_child([str(BENCH_DIR / "measure_child.py"), "pillow", photo_dir])
    draft = run_child([str(BENCH_DIR / "measure_child.py"), "pillow", photo_dir, "draft"])
    return {
        "period": period_label,
        "photos": len(photo_paths),
        "photos_mb": round(sum(path.stat().st_size for path in photo_paths) / 1e6, 1),
        "evidence_files_in_package": exported.get("evidence_files"),
        "hpdesk_export_s": exported["seconds"],
        "hpdesk_export_cpu_s": exported.get("cpu_s"),
        "hpdesk_export_peak_rss_mb": exported["peak_rss_mb"],
        "hpdesk_export_output_mb": exported.get("output_mb"),
        "hpdesk_export_pdf_mb": exported.get("pdf_mb"),
        "period_state_before_after": [state_before, state_after],
        "submissions_recorded": submissions,
        "baseline_pillow_decode_downscale_s": baseline["seconds"],
        "baseline_pillow_peak_rss_mb": baseline["peak_rss_mb"],
        "baseline_pillow_draft_decode_downscale_s": draft["seconds"],
        "baseline_pillow_draft_cpu_s": draft.get("cpu_s"),
        "baseline_pillow_draft_peak_rss_mb": draft["peak_rss_mb"],
        "baseline_is": "Pillow, one photo at a time: open, decode (full; and with JPEG draft mode, as hpdesk's "
                       "packet does), thumbnail to 1600 px, JPEG re-encode",
        "note": "one run of each (an export locks its period); both in child processes, peak RSS = VmHWM; "
                "cpu_s = user + system time of every thread of the timed part",
    }


# --------------------------------------------------------------------------------------------------------------------
# Signing a 100 MB package


def _sha256_of(path: Path, chunk_size: int = 1024 * 1024) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as stream:
        for chunk in iter(lambda: stream.read(chunk_size), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _copy_while_hashing(members: list[Path], target: Path) -> None:
    """Read each file once, hash it and append it to `target` (a new file: the caller deletes it untimed): the least
    any hashed package writer can do."""
    with open(target, "wb") as sink:
        for path in members:
            digest = hashlib.sha256()
            with open(path, "rb") as stream:
                for chunk in iter(lambda: stream.read(256 * 1024), b""):
                    digest.update(chunk)
                    sink.write(chunk)
            digest.hexdigest()


def _package_format_floor(members: list[Path], target: Path) -> None:
    """The least any writer of hpdesk's package format can do, on two threads: each member read once, its SHA-256
    (listed in the signed manifest) and CRC-32 (the zip's) taken and its bytes written to `target`, while a second
    thread takes the SHA-256 of the written bytes (the package's own hash, which the city inbox and receipts use)
    from the same chunks. No zip headers, manifest, signature or key unlock: those are hpdesk's on top."""
    pending: queue.Queue[bytes | None] = queue.Queue(maxsize=16)
    file_digest = hashlib.sha256()

    def hash_written_bytes() -> None:
        for chunk in iter(pending.get, None):
            file_digest.update(chunk)

    hasher = threading.Thread(target=hash_written_bytes)
    hasher.start()
    try:
        with open(target, "wb") as sink:
            for path in members:
                member_digest, crc = hashlib.sha256(), 0
                with open(path, "rb") as stream:
                    for chunk in iter(lambda: stream.read(256 * 1024), b""):
                        member_digest.update(chunk)
                        crc = zlib.crc32(chunk, crc)
                        sink.write(chunk)
                        pending.put(chunk)
                member_digest.hexdigest()
    finally:
        pending.put(None)
        hasher.join()
    file_digest.hexdigest()


def bench_signing(data_dir: Path, runs: int) -> dict[str, Any]:
    from bench_services import sign_and_verify_calls

    members = package_members(data_dir)
    with tempfile.TemporaryDirectory(prefix="bench-sign-") as scratch:
        calls = sign_and_verify_calls(Path(scratch), members)
        package = calls["sign_and_write"]()
        sign_seconds, sign_cpu = median_wall_and_cpu(calls["sign_and_write"], runs, setup=calls["discard"])
        verify_seconds, verify_cpu = median_wall_and_cpu(calls["verify"], runs)
        # The baseline is the faster of 1 MiB reads (as first measured) and 256 KiB reads (the chunk hpdesk copies
        # with, which stays in the core's cache): hpdesk's own chunk size must not flatter its ratio.
        sha_1m, sha_1m_cpu = median_wall_and_cpu(lambda: _sha256_of(package), runs)
        sha_256k, sha_256k_cpu = median_wall_and_cpu(lambda: _sha256_of(package, 256 * 1024), runs)
        sha_seconds, sha_cpu = min(sha_1m, sha_256k), min(sha_1m_cpu, sha_256k_cpu)
        member_bytes = sum(path.stat().st_size for path in members)
        copy_target = Path(scratch) / "copy.bin"
        return {
            "package_mb": round(package.stat().st_size / 1e6, 1),
            "members": len(members),
            "members_mb": round(member_bytes / 1e6, 1),
            "hpdesk_sign_and_write_s": sign_seconds,
            "hpdesk_sign_and_write_cpu_s": sign_cpu,
            "hpdesk_unlock_identity_s": median_seconds(calls["unlock"], runs),  # part of it, fixed per export
            "hpdesk_verify_s": verify_seconds,
            "hpdesk_verify_cpu_s": verify_cpu,
            "how": calls["how"],
            "baseline_sha256_s": sha_seconds,
            "baseline_sha256_cpu_s": sha_cpu,
            "baseline_sha256_1mib_reads_s": sha_1m,
            "baseline_sha256_256kib_reads_s": sha_256k,
            "baseline_copy_while_hashing_s": median_seconds(lambda: _copy_while_hashing(members, copy_target), runs,
                                                            setup=lambda: copy_target.unlink(missing_ok=True)),
            "floor_package_format_s": median_seconds(lambda: _package_format_floor(members, copy_target), runs,
                                                     setup=lambda: copy_target.unlink(missing_ok=True)),
            "baseline_is": "SHA-256 of the package file's bytes, the faster of 1 MiB and 256 KiB reads; and each "
                           "member read once, hashed and written to a new file (a hashed copy, no zip, no signature)",
            "floor_is": "the package format's own work on two threads: each member read once, its SHA-256 and "
                        "CRC-32 taken and written, the written bytes' SHA-256 on a second thread (no zip headers, "
                        "manifest, signature or unlock)",
        }


# --------------------------------------------------------------------------------------------------------------------
# hpdesk check


def bench_check(large: Path, runs: int) -> dict[str, Any]:
    """`check_workspace` in-process (with its phases) and `hpdesk check` as a command, beside hashing every blob.
    One untimed round of each first (a warm page cache and the command's bytecode written, see run.py), then the
    three interleaved round by round, so drift in the machine's load hits hpdesk and the baseline alike."""
    import os
    import resource

    from hpdesk.services.maintenance import check_workspace
    from hpdesk.services.workspace import open_workspace

    blobs = sorted(path for path in (large / "blobs").rglob("*") if path.is_file())
    outcome: dict[str, Any] = {}

    def hash_all() -> None:
        for path in blobs:
            _sha256_of(path)

    def check() -> None:
        phases = _PhaseClock()
        phases.update(0, 0, "open")
        with open_workspace(large, actor="bench") as workspace:
            outcome["sound"] = check_workspace(workspace, progress=phases).sound
        phases.update(0, 0, "closed")
        outcome["phases"] = phases.seconds()

    def check_command() -> None:
        completed = subprocess.run([sys.executable, "-m", "hpdesk", "--workspace", str(large), "check"],
                                   capture_output=True, text=True, cwd=REPO_ROOT,
                                   env={**os.environ, "HPDESK_LANG": "en"})
        outcome["command_exit_code"] = completed.returncode

    def children_cpu() -> float:
        used = resource.getrusage(resource.RUSAGE_CHILDREN)
        return used.ru_utime + used.ru_stime

    hash_all()
    check()
    check_command()
    times: dict[str, list[float]] = {name: [] for name in ("check", "check_cpu", "command", "command_cpu", "sha",
                                                            "sha_cpu")}
    for _ in range(runs):
        for name, function, cpu_clock in (("check", check, time.process_time), ("sha", hash_all, time.process_time),
                                          ("command", check_command, children_cpu)):
            start, cpu = time.perf_counter(), cpu_clock()
            function()
            times[name].append(time.perf_counter() - start)
            times[f"{name}_cpu"].append(cpu_clock() - cpu)
    median = {name: round(statistics.median(values), 4) for name, values in times.items()}
    return {
        "blobs": len(blobs),
        "blob_mb": round(sum(path.stat().st_size for path in blobs) / 1e6, 1),
        "hpdesk_check_s": median["check"],
        "hpdesk_check_cpu_s": median["check_cpu"],
        "hpdesk_check_sound": outcome.get("sound"),
        "hpdesk_check_phases_last_run_s": outcome.get("phases"),
        "hpdesk_check_command_s": median["command"],
        "hpdesk_check_command_cpu_s": median["command_cpu"],
        "hpdesk_check_command_exit_code": outcome.get("command_exit_code"),
        "baseline_sha256_all_blobs_s": median["sha"],
        "baseline_sha256_all_blobs_cpu_s": median["sha_cpu"],
        "baseline_is": "SHA-256 of every blob file, one after another, 1 MB reads",
        "note": "hpdesk_check_s: check_workspace in-process (open, integrity_check + foreign keys, every blob "
                "re-hashed against its row and the store listed for orphans, audit chain); hpdesk_check_command_s: "
                "the `hpdesk check` command, interpreter start-up included; CPU seconds: all threads of the process "
                "(the command's from the children's rusage)",
    }


class _PhaseClock:
    """A progress sink that notes when `hpdesk check` moves on: opening the workspace (lock, migrations, sweeping
    partial blob files), the database checks beside the re-hashing of the attachments (and the store's listing for
    orphans), the audit chain with the seal, schema and package checks, then closing."""

    PHASES = ("open", "database_and_attachments", "audit_and_integrity", "finish", "closed")
    _STEPS = {"progress_check_database": "database_and_attachments", "progress_check_audit": "audit_and_integrity"}

    def __init__(self) -> None:
        self._marks: dict[str, float] = {}

    def update(self, done: int, total: int, message: Any = "") -> None:
        code = getattr(message, "code", message)  # check_workspace reports Messages; the bench marks plain names
        phase = self._STEPS.get(code, code) if code else ("finish" if total and done == total == 3 else "")
        if phase in self.PHASES:
            self._marks.setdefault(phase, time.perf_counter())

    def seconds(self) -> dict[str, float]:
        order = [phase for phase in self.PHASES if phase in self._marks]
        return {phase: round(self._marks[following] - self._marks[phase], 3)
                for phase, following in zip(order, order[1:])}
