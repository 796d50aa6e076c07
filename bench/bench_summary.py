"""The rows of issue 13's table, read from one run's sections: each hpdesk figure, its same-run baseline, the ratio and
the goal. A row whose section did not run (or failed) is left out."""

from __future__ import annotations

from typing import Any

# (figure, section, hpdesk key, baseline key, goal ratio); "section.sub" reads a nested dict.
ROWS = (
    ("`hpdesk --help` (whole process) vs `python -c pass`", "process", "hpdesk_help_s", "baseline_python_pass_s", 5.0),
    ("`hpdesk import-plan` taian (whole process) vs `python -c \"openpyxl.load_workbook(…)\"`", "process",
     "hpdesk_import_plan_taian_s", "baseline_openpyxl_load_taian_s", 1.5),
    ("`hpdesk import-plan` taian (whole process), CPU seconds", "process", "hpdesk_import_plan_taian_cpu_s",
     "baseline_openpyxl_load_taian_cpu_s", 1.5),
    ("launch → first paint, large workspace vs empty PySide6 window", "first_paint", "hpdesk_first_paint_s",
     "baseline_empty_window_first_paint_s", 2.0),
    ("`check`, 50,000 blobs, in process vs SHA-256 of all blobs", "check", "hpdesk_check_s",
     "baseline_sha256_all_blobs_s", 1.2),
    ("`hpdesk check` command vs SHA-256 of all blobs", "check", "hpdesk_check_command_s",
     "baseline_sha256_all_blobs_s", 1.5),
    ("`check`, 50,000 blobs, in process, CPU seconds", "check", "hpdesk_check_cpu_s",
     "baseline_sha256_all_blobs_cpu_s", 1.2),
    ("`hpdesk check` command, CPU seconds", "check", "hpdesk_check_command_cpu_s", "baseline_sha256_all_blobs_cpu_s",
     1.5),
    ("import a 20,000-row table vs calamine read", "import.tasks_20000.xlsx", "hpdesk_total_s",
     "baseline_calamine_read_s", 2.0),
    ("import a 20,000-row table vs calamine read, CPU seconds", "import.tasks_20000.xlsx", "hpdesk_total_cpu_s",
     "baseline_calamine_read_cpu_s", 2.0),
    ("sign and write a 100 MB package vs SHA-256", "signing", "hpdesk_sign_and_write_s", "baseline_sha256_s", 1.2),
    ("verify a 100 MB package vs SHA-256", "signing", "hpdesk_verify_s", "baseline_sha256_s", 1.2),
    ("export 300 photos vs Pillow draft decode + downscale", "export", "hpdesk_export_s",
     "baseline_pillow_draft_decode_downscale_s", 1.3),
    # The floors under the rows whose goal is out of reach: what any implementation pays before hpdesk's own work
    # (goal None: not a target; its ratio is the least any implementation of the same work could reach).
    ("floor: a process importing SQLAlchemy's ORM and mapping hpdesk's records vs the openpyxl load", "process",
     "floor_sqlalchemy_orm_and_records_s", "baseline_openpyxl_load_taian_s", None),
    ("floor: the package format's own work (two SHA-256s, CRC-32, write; two threads) vs SHA-256", "signing",
     "floor_package_format_s", "baseline_sha256_s", None),
    ("sign and write a 100 MB package vs that floor", "signing", "hpdesk_sign_and_write_s", "floor_package_format_s",
     None),
)


def issue_table(results: dict[str, Any]) -> list[dict[str, Any]]:
    """[{figure, hpdesk_s, baseline_s, ratio, goal_ratio}] for every row whose figures this run has (goal_ratio None
    for a floor row)."""
    rows = []
    for figure, where, hpdesk_key, baseline_key, goal in ROWS:
        section_name, _, sub = where.partition(".")
        section = results.get(section_name) or {}
        if sub:
            section = section.get(sub) or {}
        if hpdesk_key == "hpdesk_sign_and_write_s" and hpdesk_key not in section and "hpdesk_sign_s" in section:
            # before the one-pass writer, signing and writing the zip were timed apart: their sum is comparable
            section = {**section, hpdesk_key: section["hpdesk_sign_s"] + section.get("hpdesk_write_package_s", 0)}
        hpdesk, baseline = section.get(hpdesk_key), section.get(baseline_key)
        if isinstance(hpdesk, int | float) and isinstance(baseline, int | float) and baseline > 0:
            rows.append({"figure": figure, "hpdesk_s": hpdesk, "baseline_s": baseline,
                         "ratio": round(hpdesk / baseline, 2), "goal_ratio": goal})
    return rows
