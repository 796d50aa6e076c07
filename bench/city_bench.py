"""The city's end (issue 15): receiving and consolidating 20 county packages of the demo's size, beside verifying them
alone.

    python bench/city_bench.py [--data DIR] [--runs N] [--json]

Data (kept in --data, default bench/.data/city, reused on the next run; delete it to regenerate): the small demo
workspace (`hpdesk demo`), copied 20 times, each copy renamed to its own county office with its own signing key and
exporting the demo's latest period (the demo's full GB/T 9704 packet with its evidence photos); and a city workspace
made from the same demo database (the same plan and periods) with the 20 counties registered and their certificates
trusted.

Figures (wall-clock seconds, median of --runs):
- baseline `verify_alone`: `verify_package` of the 20 packages, each against its own county's certificate;
- `receive`: `receive_packages` of the 20 into a fresh copy of the city workspace, opened before the clock starts
  (copy into received/, manifest read, the same verification, data.json parsed, one transaction);
- `consolidate`: `consolidate` + `detail_rows` of the period over the 20 accepted packages;
- `outputs`: the 汇总表 workbook and the PDF summary;
and the ratio receive / verify_alone. Progress goes to stderr.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench_timing import BENCH_DIR, machine, median_seconds  # noqa: E402

COUNTIES = 20


def log(message: str) -> None:
    sys.stderr.write(f"[city-bench {time.strftime('%H:%M:%S')}] {message}\n")
    sys.stderr.flush()


def build(data: Path) -> dict:  # type: ignore[type-arg]
    """The 20 packages and the city template (see the module docstring); reused when present."""
    from hpdesk.services.city.registry import add_county, trust_certificate
    from hpdesk.services.demo.demo_builder import build_demo
    from hpdesk.services.demo.demo_small import DEMO_PASSPHRASE
    from hpdesk.services.exporting.submission import export_submission
    from hpdesk.services.identity import CERTIFICATE_FILE, create_identity
    from hpdesk.services.periods import list_periods
    from hpdesk.services.workspace import OfficeChanges, open_workspace, update_office_profile

    done = data / "built.json"
    if done.is_file():
        return json.loads(done.read_text(encoding="utf-8"))
    shutil.rmtree(data, ignore_errors=True)
    template = data / "demo"
    log("building the small demo …")
    build_demo(template, size="small", seed=1)
    with open_workspace(template) as demo:
        period = list_periods(demo)[-1].label
    counties = []
    for index in range(COUNTIES):
        root = data / f"county-{index:02d}"
        shutil.copytree(template, root, ignore=shutil.ignore_patterns("*.lock", "tmp", "logs"))
        region = f"第{index + 1}区"
        office = f"{region}卫生健康委员会"
        with open_workspace(root) as workspace:
            update_office_profile(workspace, OfficeChanges(region=region, name=office))
            create_identity(workspace.identity_dir, office, DEMO_PASSPHRASE, replace=True, minimum_length=4)
            log(f"exporting {office} {period} …")
            result = export_submission(workspace, period, data / "packages" / f"{index:02d}", DEMO_PASSPHRASE,
                                       str(index + 1), reissue=False)
        counties.append({"office": office, "region": region, "package": str(result.package_path),
                         "certificate": str(root / "identity" / CERTIFICATE_FILE)})
    city = data / "city"
    shutil.copytree(template, city, ignore=shutil.ignore_patterns("*.lock", "tmp", "logs", "blobs", "exports"))
    with open_workspace(city) as workspace:
        update_office_profile(workspace, OfficeChanges(region="演示市", name="演示市卫生健康委员会", level="city"))
        for county in counties:
            add_county(workspace, county["office"], county["region"])
            trust_certificate(workspace, county["office"], Path(county["certificate"]))
    built = {"period": period, "counties": counties, "city": str(city)}
    done.write_text(json.dumps(built, ensure_ascii=False, indent=2), encoding="utf-8")
    return built


def measure(built: dict, runs: int, scratch: Path) -> dict:  # type: ignore[type-arg]
    from hpdesk.services.city.city_outputs import write_city_outputs
    from hpdesk.services.city.consolidation import consolidate, detail_rows
    from hpdesk.services.city.inbox import receive_packages
    from hpdesk.services.exporting.verification import verify_package
    from hpdesk.services.identity import load_certificate_file
    from hpdesk.services.workspace import open_workspace

    packages = [Path(county["package"]) for county in built["counties"]]
    certificates = [load_certificate_file(county["certificate"]) for county in built["counties"]]
    sizes = [package.stat().st_size for package in packages]

    def verify_alone() -> None:
        for package, trusted in zip(packages, certificates, strict=True):
            assert verify_package(package, trusted).ok

    def fresh_city() -> Path:
        target = scratch / "city"
        shutil.rmtree(target, ignore_errors=True)
        shutil.copytree(built["city"], target, ignore=shutil.ignore_patterns("*.lock", "received"))
        return target

    opened: list = []  # type: ignore[type-arg]  # the fresh city of the current run, opened untimed

    def open_fresh_city() -> None:
        while opened:
            opened.pop().close()
        opened.append(open_workspace(fresh_city()))

    def receive() -> None:
        report = receive_packages(opened[0], packages)
        assert report.count("accepted") == len(packages), [o.reasons for o in report.outcomes]

    log("verify alone …")
    verify_seconds = median_seconds(verify_alone, runs)
    log("receive …")
    receive_seconds = median_seconds(receive, runs, setup=open_fresh_city)
    while opened:
        opened.pop().close()
    with open_workspace(fresh_city()) as city:
        receive_packages(city, packages)
        log("consolidate …")
        consolidate_seconds = median_seconds(
            lambda: (consolidate(city, built["period"]), detail_rows(city, built["period"])), runs)
        log("outputs …")
        outputs_seconds = median_seconds(lambda: write_city_outputs(city, built["period"], scratch / "out"), runs)
        result = consolidate(city, built["period"])
    return {
        "packages": len(packages), "package_mb_each": round(sum(sizes) / len(sizes) / 1e6, 2),
        "tasks_consolidated": result.city_total.tasks, "verify_alone_s": round(verify_seconds, 3),
        "receive_s": round(receive_seconds, 3), "receive_over_verify": round(receive_seconds / verify_seconds, 2),
        "consolidate_s": round(consolidate_seconds, 3), "outputs_s": round(outputs_seconds, 3),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=BENCH_DIR / ".data" / "city")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    started = time.perf_counter()
    built = build(args.data)
    figures = measure(built, args.runs, args.data / "scratch")
    figures["machine"] = machine()
    figures["seconds_total"] = round(time.perf_counter() - started, 1)
    print(json.dumps(figures, ensure_ascii=False, indent=2) if args.json else
          "\n".join(f"{key}: {value}" for key, value in figures.items() if key != "machine"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
