"""The data the benchmarks run on, generated once into a data folder and reused while it is there.

    <data>/large/                      the large demo workspace (`hpdesk demo --size large`)
    <data>/tables/tasks_20000.xlsx      a 20,000-row task table in the Zhengzhou layout
    <data>/photos-<start>/IMG_*.jpg    300 phone-sized photos (4000×3000, 3–5 MB, EXIF-dated in the exported period)
    <data>/package-members/IMG_*.jpg   100 MB of incompressible evidence-like files for the signing benchmark
"""

from __future__ import annotations

import json
import os
import random
import shutil
import subprocess
import sys
import time as clock
from datetime import date, datetime, time, timedelta
from pathlib import Path

from bench_timing import REPO_ROOT

PHOTO_COUNT = 300
TASK_TABLE_ROWS = 20_000
PACKAGE_BYTES = 100 * 1024 * 1024
MEMBER_BYTES = 4 * 1024 * 1024


def large_workspace(data_dir: Path, seed: int = 1) -> tuple[Path, dict[str, object]]:
    """The large demo workspace, built by `hpdesk demo --size large` unless a finished one is there; returns it and
    how its build went ({"seconds": wall time of the command, "built_in_this_run": ...}, and the command's report).
    A folder without the marker (an interrupted build) is removed and built again."""
    root = data_dir / "large"
    marker = data_dir / "large-built.json"
    if marker.is_file() and (root / "hpdesk.sqlite").is_file():
        return root, {**json.loads(marker.read_text()), "built_in_this_run": False}
    marker.unlink(missing_ok=True)
    shutil.rmtree(root, ignore_errors=True)
    started = clock.perf_counter()
    completed = subprocess.run(
        [sys.executable, "-m", "hpdesk", "--workspace", str(root), "demo", "--size", "large", "--seed", str(seed),
         "--json"],
        check=True, cwd=REPO_ROOT, capture_output=True, text=True,
    )
    reported = json.loads(completed.stdout)
    built = {"seconds": round(clock.perf_counter() - started, 1), "builder_seconds": reported.get("seconds"),
             "seed": seed, "built_on": date.today().isoformat()}
    marker.write_text(json.dumps(built))
    return root, {**built, "built_in_this_run": True}


def task_table(data_dir: Path, rows: int = TASK_TABLE_ROWS) -> Path:
    from hpdesk.services.demo.demo_task_table import write_task_table

    path = data_dir / "tables" / f"tasks_{rows}.xlsx"
    if not path.is_file():
        write_task_table(path, rows)
    return path


def photos(data_dir: Path, start: date, end: date, count: int = PHOTO_COUNT) -> list[Path]:
    """`count` distinct 4000×3000 JPEGs of 3–5 MB with EXIF dates spread between `start` and `end`."""
    from hpdesk.services.demo.demo_media import event_photo_jpeg

    folder = data_dir / f"photos-{start:%Y%m%d}"
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(7)
    scenes = ("lecture", "meeting", "outdoor", "clinic", "sports")
    banners = ("健康知识讲座进社区", "世界无烟日宣传活动", "全民健身健步走活动", "老年健康宣传周义诊", "中小学生近视筛查")
    paths = []
    for index in range(count):
        day = start + timedelta(days=rng.randint(0, max(0, (end - start).days - 1)))
        taken = datetime.combine(day, time(8, 30)) + timedelta(minutes=rng.randint(0, 540))
        path = folder / f"IMG_{taken:%Y%m%d_%H%M%S}_{index:03d}.jpg"
        if not path.is_file():
            data = event_photo_jpeg(scene=scenes[index % 5], banner=banners[index % 5], taken_at=taken,
                                    location="郑州市·管城回族区", seed=index, size=(4000, 3000), grain=1.0,
                                    quality=90 + index % 5)
            partial = path.with_suffix(".part")
            partial.write_bytes(data)
            os.replace(partial, path)
        paths.append(path)
    return paths


def package_members(data_dir: Path, size: int = PACKAGE_BYTES) -> list[Path]:
    """About `size` bytes of evidence-like files (random, so incompressible like JPEGs), 4 MB each."""
    folder = data_dir / "package-members"
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(11)
    paths = []
    for index in range(-(-size // MEMBER_BYTES)):
        path = folder / f"IMG_{index:04d}.jpg"
        data = rng.randbytes(MEMBER_BYTES)  # drawn even when cached, so every run sees the same bytes
        if not path.is_file():
            partial = path.with_suffix(".part")
            partial.write_bytes(data)
            os.replace(partial, path)
        paths.append(path)
    return paths
