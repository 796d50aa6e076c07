"""Child process for figures that need their own peak memory: prints one JSON line {seconds, peak_rss_mb, ...}.

    python bench/measure_child.py export WORKSPACE PERIOD_LABEL OUT_DIR   hpdesk's export of one period
    python bench/measure_child.py pillow PHOTO_DIR                          the baseline: Pillow on the same photos

Peak memory is this process image's high-water RSS (see bench_timing.peak_rss_mb), interpreter and imports
included (about 30–60 MB).
"""

from __future__ import annotations

import io
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_timing import peak_rss_mb  # noqa: E402


def pillow_baseline(photo_dir: Path) -> dict[str, object]:
    from PIL import Image

    start = time.perf_counter()
    count = 0
    for path in sorted(photo_dir.glob("*.jpg")):
        with Image.open(path) as image:
            image.load()  # a full decode: no JPEG draft-mode shortcut
            image.thumbnail((1600, 1600))
            image.save(io.BytesIO(), "JPEG", quality=85)
        count += 1
    return {"seconds": round(time.perf_counter() - start, 3), "photos": count}


def hpdesk_export(workspace_root: Path, period_label: str, out_dir: Path) -> dict[str, object]:
    from bench_services import export_period

    start = time.perf_counter()
    written = export_period(workspace_root, period_label, out_dir)
    seconds = time.perf_counter() - start
    size = sum(path.stat().st_size for path in written.rglob("*") if path.is_file()) if written.is_dir() \
        else written.stat().st_size
    return {"seconds": round(seconds, 3), "output_mb": round(size / 1e6, 1)}


def main(argv: list[str]) -> int:
    job = argv[0]
    if job == "pillow":
        result = pillow_baseline(Path(argv[1]))
    elif job == "export":
        result = hpdesk_export(Path(argv[1]), argv[2], Path(argv[3]))
    else:
        raise SystemExit(f"unknown job {job}")
    result["peak_rss_mb"] = peak_rss_mb()
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
