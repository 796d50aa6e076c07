"""Child process for figures that need their own peak memory: prints one JSON line {seconds, cpu_s, peak_rss_mb, ...}.

    python bench/measure_child.py export WORKSPACE PERIOD_LABEL OUT_DIR   hpdesk's export of one period
    python bench/measure_child.py pillow PHOTO_DIR [draft]                  the baseline: Pillow on the same photos

Peak memory is this process image's high-water RSS (see bench_timing.peak_rss_mb), interpreter and imports
included (about 30–60 MB). `cpu_s` is the CPU time (user + system, every thread) of the timed part only: on a
shared machine it moves less with the load than `seconds` does.
"""

from __future__ import annotations

import io
import json
import sys
import time
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_timing import peak_rss_mb  # noqa: E402


def pillow_baseline(photo_dir: Path, draft: bool = False) -> dict[str, object]:
    """Decode, shrink to 1600 px and re-encode each photo. `draft=False`: a full decode; `draft=True`: libjpeg's
    reduced-scale decode (Image.draft), the shortcut hpdesk's packet uses."""
    from PIL import Image

    start, cpu = time.perf_counter(), time.process_time()
    count = 0
    for path in sorted(photo_dir.glob("*.jpg")):
        with Image.open(path) as image:
            if draft:  # ask for the scaled size with the photo's own aspect, as hpdesk does, or no scale fits
                longest = max(image.size)
                image.draft("RGB", (1600 * image.size[0] // longest, 1600 * image.size[1] // longest))
            image.load()
            image.thumbnail((1600, 1600))
            image.save(io.BytesIO(), "JPEG", quality=85)
        count += 1
    return {"seconds": round(time.perf_counter() - start, 3), "cpu_s": round(time.process_time() - cpu, 3),
            "photos": count}


def hpdesk_export(workspace_root: Path, period_label: str, out_dir: Path) -> dict[str, object]:
    from bench_services import export_period

    start, cpu = time.perf_counter(), time.process_time()
    result = export_period(workspace_root, period_label, out_dir)
    seconds, cpu_s = time.perf_counter() - start, time.process_time() - cpu
    package = Path(result.package_path)
    with zipfile.ZipFile(package) as archive:
        pdf_size = sum(info.file_size for info in archive.infolist() if info.filename.endswith(".pdf")
                       and "/" not in info.filename)
    return {"seconds": round(seconds, 3), "cpu_s": round(cpu_s, 3), "output_mb": round(package.stat().st_size / 1e6, 1),
            "pdf_mb": round(pdf_size / 1e6, 1), "evidence_files": result.evidence_files,
            "period_locked": result.period_locked}


def main(argv: list[str]) -> int:
    job = argv[0]
    if job == "pillow":
        result = pillow_baseline(Path(argv[1]), draft=argv[2:] == ["draft"])
    elif job == "export":
        result = hpdesk_export(Path(argv[1]), argv[2], Path(argv[3]))
    else:
        raise SystemExit(f"unknown job {job}")
    result["peak_rss_mb"] = peak_rss_mb()
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
