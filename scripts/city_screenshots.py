"""Pictures of the city level for docs/ (docs/city-*.png): the inbox, the consolidation with its charts, the
indicators and one task side by side, Settings → Counties, the county's export dialog showing the city's 退回, and the
rendered pages of the city's PDF summary.

    PYTHONPATH=. .venv/bin/python scripts/city_screenshots.py [--data DIR] [--out docs]

Data (kept in --data, default bench/.data/city-shots, reused when present; delete it to rebuild, ~5 minutes): the
small demo, copied for Zhengzhou's sixteen county-level divisions, each under its own office name and signing key,
varied so their figures differ (a different share of the open reports approved, a few indicator values of their
own), each exporting the demo's latest period; a city workspace with the sixteen registered. The city receives
thirteen of them: one returned (退回, with the receipt the county imports), one resubmitted (the first package
superseded), one first sent as a damaged copy (refused), three not sent yet. The Qt pictures are taken under Xvfb by
hpdesk.ui.city_screenshot_tour; the PDF pages by pdftoppm. Needs xvfb-run and pdftoppm.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DIVISIONS = ("中原区", "二七区", "管城回族区", "金水区", "上街区", "惠济区", "中牟县", "巩义市", "荥阳市", "新密市",
             "新郑市", "登封市", "郑东新区", "经开区", "高新区", "航空港区")
RETURNED, RESUBMITTED, DAMAGED = 4, 3, 5  # 上街区 returned; 金水区 sends twice; 惠济区's first copy is damaged
NOT_SENT = 3  # the last three have not sent theirs yet
CITY_PASSPHRASE = "city-demo"
RETURN_REASON = "A02-T001、A03-T002 缺少佐证材料，请补充活动照片和通知文件后重新报送。"
# A few indicators each county reports its own value for, so the verdicts differ: (code, low, high, unit text).
VARIED = (("I001", 28.0, 40.0, "%"), ("I011", 38.0, 50.0, "%"), ("I015", 17.0, 23.0, "%"),
          ("I025", 2.5, 5.0, "‰"), ("I028", 74.0, 92.0, "%"))


def log(message: str) -> None:
    print(f"[city-shots] {message}", file=sys.stderr, flush=True)


def _vary(workspace, rng: random.Random, period: str, year: int) -> None:  # type: ignore[no-untyped-def]
    from hpdesk.services.indicator_values import get_indicator_value, set_indicator_value
    from hpdesk.services.reports import list_reports
    from hpdesk.services.review import review_reports

    waiting = [report.id for report in list_reports(workspace, period, review_state="submitted")]
    share = rng.uniform(0.2, 0.95)
    chosen = [report_id for report_id in waiting if rng.random() < share]
    if chosen:
        review_reports(workspace, chosen, "approve")
    # A year's statistics come the next year: a county reports last year's value where it has no newer one.
    for number in range(1, 76):
        code = f"I{number:03d}"
        last_year = get_indicator_value(workspace, code, year - 1)
        if last_year is not None and last_year.value_text:
            set_indicator_value(workspace, code, year, last_year.value_text)
    for code, low, high, unit in VARIED:
        set_indicator_value(workspace, code, year, f"{rng.uniform(low, high):.1f}{unit}")


def build(data: Path) -> dict:  # type: ignore[type-arg]
    """The county packages, the receipt, and the city workspace holding what it received (see the docstring)."""
    from hpdesk.services.city.inbox import receive_packages
    from hpdesk.services.city.receipts import import_receipt, return_submission
    from hpdesk.services.city.registry import add_county, trust_certificate
    from hpdesk.services.demo.demo_builder import build_demo
    from hpdesk.services.demo.demo_small import DEMO_PASSPHRASE
    from hpdesk.services.exporting.submission import export_submission
    from hpdesk.services.identity import CERTIFICATE_FILE, create_identity
    from hpdesk.services.periods import list_periods
    from hpdesk.services.demo.demo_task_table import samples_dir
    from hpdesk.services.importing.plan_import import analyse_workbook, apply_import
    from hpdesk.services.periods import create_periods
    from hpdesk.services.workspace import OfficeChanges, open_workspace, set_up_office, update_office_profile

    done = data / "built.json"
    if done.is_file():
        return json.loads(done.read_text(encoding="utf-8"))
    shutil.rmtree(data, ignore_errors=True)
    template = data / "demo"
    log("building the small demo …")
    build_demo(template, size="small", seed=1)
    with open_workspace(template) as demo:
        periods = list_periods(demo)
        period, year = periods[-1].label, periods[-1].start_date.year
        first_year = periods[0].start_date.year
    rng = random.Random(15)
    counties = []
    for index, region in enumerate(DIVISIONS):
        root = data / "counties" / f"{index:02d}"
        shutil.copytree(template, root, ignore=shutil.ignore_patterns("*.lock", "tmp", "logs", "exports"))
        office = f"{region}卫生健康委员会"
        with open_workspace(root) as workspace:
            update_office_profile(workspace, OfficeChanges(region=region, name=office, short_name=f"{region}卫健委"))
            create_identity(workspace.identity_dir, office, DEMO_PASSPHRASE, replace=True, minimum_length=4)
            _vary(workspace, rng, period, year)
            log(f"exporting {office} {period} …")
            packages = [str(export_submission(workspace, period, root / "exports", DEMO_PASSPHRASE,
                                              str(index + 1)).package_path)]
            if index == RESUBMITTED:  # a corrected export after the first one went out
                packages.append(str(export_submission(workspace, period, root / "exports", DEMO_PASSPHRASE,
                                                      str(index + 1)).package_path))
        counties.append({"office": office, "region": region, "root": str(root), "packages": packages,
                         "certificate": str(root / "identity" / CERTIFICATE_FILE)})
    damaged = data / "damaged" / Path(counties[DAMAGED]["packages"][0]).name
    damaged.parent.mkdir(parents=True)
    body = bytearray(Path(counties[DAMAGED]["packages"][0]).read_bytes())
    body[len(body) // 2] ^= 0x01
    damaged.write_bytes(bytes(body))
    # The city starts empty, as a city office would: its own office, the same plan tables, the same periods.
    city = data / "city"
    with open_workspace(city, create=True) as workspace:
        set_up_office(workspace, region="郑州市", office="郑州市卫生健康委员会", level="city", short_name="郑州市卫健委",
                      doc_prefix="郑卫健")
        for name in ("zhengzhou_tasks.xlsx", "zhengzhou_indicators.xlsx"):
            apply_import(workspace, analyse_workbook(workspace, samples_dir() / name))
        create_periods(workspace, first_year, year)
        create_identity(workspace.identity_dir, "郑州市卫生健康委员会", CITY_PASSPHRASE, replace=True)
        for county in counties:
            add_county(workspace, county["office"], county["region"])
            trust_certificate(workspace, county["office"], Path(county["certificate"]))
        log("receiving …")
        sent = counties[:len(counties) - NOT_SENT]
        receive_packages(workspace, [damaged])
        first = receive_packages(workspace, [Path(county["packages"][0]) for county in sent]).outcomes
        returned = next(o for o in first if o.county == counties[RETURNED]["office"])
        receipt = return_submission(workspace, returned.package_id or 0, RETURN_REASON, data / "receipts",
                                    CITY_PASSPHRASE)
        receive_packages(workspace, [Path(counties[RESUBMITTED]["packages"][1])])
    with open_workspace(Path(counties[RETURNED]["root"])) as county_workspace:
        import_receipt(county_workspace, receipt.path or Path(), trust=city / "identity" / CERTIFICATE_FILE)
    built = {"period": period, "city": str(city), "returned_county": counties[RETURNED]["root"]}
    done.write_text(json.dumps(built, ensure_ascii=False, indent=2), encoding="utf-8")
    return built


def pdf_pages(built: dict, out: Path, scratch: Path) -> None:  # type: ignore[type-arg]
    """The city's PDF summary rendered: the letter's first page and the first page of each attachment."""
    from hpdesk.services.city.city_outputs import write_city_outputs
    from hpdesk.services.workspace import open_workspace

    with open_workspace(Path(built["city"])) as city:
        written = write_city_outputs(city, built["period"], scratch, doc_number="郑卫健〔2026〕31号")
    pages = subprocess.run(["pdfinfo", str(written.pdf)], capture_output=True, text=True, check=True).stdout
    count = int(next(line.split()[-1] for line in pages.splitlines() if line.startswith("Pages:")))
    texts = [subprocess.run(["pdftotext", "-f", str(n), "-l", str(n), str(written.pdf), "-"], capture_output=True,
                            text=True, check=True).stdout for n in range(1, count + 1)]
    wanted = {"city-summary-letter": 1,
              "city-summary-completeness": next(n for n, t in enumerate(texts, 1) if t.lstrip().startswith("附件1")),
              "city-summary-indicators": next(n for n, t in enumerate(texts, 1) if t.lstrip().startswith("附件2"))}
    for name, page in wanted.items():
        subprocess.run(["pdftoppm", "-png", "-r", "70", "-f", str(page), "-l", str(page), "-singlefile",
                        str(written.pdf), str(out / name)], check=True)
        log(f"wrote {out / name}.png")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT / "bench" / ".data" / "city-shots")
    parser.add_argument("--out", type=Path, default=ROOT / "docs")
    args = parser.parse_args()
    built = build(args.data)
    args.out.mkdir(parents=True, exist_ok=True)
    scratch = args.data / "outputs"
    pdf_pages(built, args.out, scratch)
    # The city's pages change the workspace only by opening it: the tour runs on a copy, so the data stays reusable.
    # Named as a clerk's folders would be: the status bar and the export dialog show the workspace's path.
    tour = Path(tempfile.mkdtemp(prefix="hpdesk-"))
    city_copy, county_copy = tour / "郑州市卫健委工作区", tour / "上街区卫健委工作区"
    for source, target in ((built["city"], city_copy), (built["returned_county"], county_copy)):
        shutil.rmtree(target, ignore_errors=True)
        shutil.copytree(source, target, ignore=shutil.ignore_patterns("*.lock"))
    subprocess.run(["xvfb-run", "-a", "-s", "-screen 0 1440x900x24", "env", "QT_QPA_PLATFORM=xcb", sys.executable,
                    "-m", "hpdesk.ui.city_screenshot_tour", "--workspace", str(city_copy), "--county",
                    str(county_copy), "--out", str(args.out)], check=True, cwd=ROOT)
    shutil.rmtree(tour, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
