"""How hpdesk scales: every figure beside a baseline measured in the same run on the same data.

    python bench/run.py --json                  all benchmarks, one JSON object on stdout
    python bench/run.py --data DIR --only check,import

Generated data (the large demo workspace, a 20,000-row task table, 300 phone-sized photos and a small demo workspace
holding them, a 100 MB package) is kept in --data (default bench/.data, git-ignored) and reused on the next run;
delete it to regenerate. Progress goes to stderr. A section that fails reports {"error": ...} and the others still
run. A full run from nothing takes about 6 minutes on 2 cores (under 4 with the data already there).

Figures are wall-clock seconds (median of --runs runs unless noted) and peak resident memory in MB (VmHWM) measured
in a child process. See bench/README.md for what each figure and baseline is.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_timing import BENCH_DIR, machine  # noqa: E402

SECTIONS = ("process", "first_paint", "import", "completeness", "export", "signing", "check", "forms", "postgresql")


def log(message: str) -> None:
    sys.stderr.write(f"[bench {time.strftime('%H:%M:%S')}] {message}\n")
    sys.stderr.flush()


def run_section(name: str, function: Callable[[], dict[str, Any]]) -> dict[str, Any]:
    log(f"{name} …")
    start = time.perf_counter()
    load_before = _load_average()
    try:
        result = function()
    except Exception as error:  # one broken section must not hide the others' figures
        traceback.print_exc(file=sys.stderr)
        result = {"error": f"{type(error).__name__}: {error}"}
    # How busy the machine was (runnable processes, 1-minute average): on 2 shared cores it moves every figure.
    result["load_average_before_after"] = [load_before, _load_average()]
    log(f"{name} done in {time.perf_counter() - start:.1f}s")
    return result


def _child_bytecode_cache() -> tempfile.TemporaryDirectory[str] | None:
    """hpdesk ships compiled (PyInstaller bundles bytecode), but where PYTHONDONTWRITEBYTECODE is set every child
    process would compile hpdesk's sources again (~75 modules, about 0.1 s CPU), a cost no clerk pays. The children
    write and reuse bytecode in a folder of this run instead; each section's untimed warm-up fills it, for hpdesk
    and the baselines alike."""
    if not os.environ.pop("PYTHONDONTWRITEBYTECODE", None) or "PYTHONPYCACHEPREFIX" in os.environ:
        return None
    folder = tempfile.TemporaryDirectory(prefix="bench-pycache-")
    os.environ["PYTHONPYCACHEPREFIX"] = folder.name
    return folder


def _load_average() -> float | None:
    try:
        return round(os.getloadavg()[0], 2)
    except (AttributeError, OSError):  # Windows has no load average
        return None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--json", action="store_true", help="print one JSON object (default: indented text)")
    parser.add_argument("--data", type=Path, default=BENCH_DIR / ".data", help="where generated data is kept")
    parser.add_argument("--only", default=",".join(SECTIONS), help=f"comma-separated subset of {','.join(SECTIONS)}")
    parser.add_argument("--runs", type=int, default=3, help="runs per timing (median reported)")
    parser.add_argument("--samples", type=Path, default=None,
                        help="folder with the four sample workbooks (default: the copies bundled in resources/samples)")
    args = parser.parse_args(argv)
    wanted = [name.strip() for name in args.only.split(",") if name.strip()]
    unknown = set(wanted) - set(SECTIONS)
    if unknown:
        parser.error(f"unknown sections: {sorted(unknown)}")
    args.data.mkdir(parents=True, exist_ok=True)
    bytecode = _child_bytecode_cache()

    import bench_sections as sections
    from bench_data import large_workspace
    from bench_forms import bench_forms
    from bench_postgresql import bench_postgresql
    from bench_process import bench_process
    from bench_summary import issue_table

    results: dict[str, Any] = {"machine": machine(), "runs_per_timing": args.runs,
                               "child_bytecode": "cached for this run" if bytecode else "as the environment says"}
    needs_large = {"first_paint", "completeness", "check"} & set(wanted)
    large = None
    if needs_large:
        log("large demo workspace …")
        large, build = large_workspace(args.data)
        results["large_workspace"] = {**sections.workspace_counts(large), "build": build}
    table = {
        "process": lambda: bench_process(max(5, args.runs), args.samples),
        "first_paint": lambda: sections.bench_first_paint(large, max(5, args.runs)),
        "import": lambda: sections.bench_imports(args.data, args.runs, args.samples),
        "completeness": lambda: sections.bench_completeness(large, max(5, args.runs)),
        "export": lambda: sections.bench_export(args.data),
        "signing": lambda: sections.bench_signing(args.data, args.runs),
        "check": lambda: sections.bench_check(large, args.runs),
        "forms": lambda: bench_forms(args.data, args.runs),
        "postgresql": lambda: bench_postgresql(args.data, args.runs),
    }
    for name in wanted:
        results[name] = run_section(name, table[name])
    results["issue_13"] = issue_table(results)  # each figure over its same-run baseline
    if bytecode is not None:
        bytecode.cleanup()
    if args.json:
        sys.stdout.write(json.dumps(results, ensure_ascii=False) + "\n")
    else:
        sys.stdout.write(json.dumps(results, ensure_ascii=False, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
