"""`write_city_outputs`: the city's 汇总表 (xlsx) and PDF summary for one period, side by side in a folder."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from hpdesk.domain.errors import register_messages
from hpdesk.domain.evidence import safe_file_name
from hpdesk.services.city.city_pdf import summary_letter, write_city_summary_pdf
from hpdesk.services.city.city_workbook import write_city_workbook
from hpdesk.services.city.consolidation import consolidate, detail_rows
from hpdesk.services.exporting.content_builder import document_number
from hpdesk.services.exporting.package import make_shareable
from hpdesk.services.progress import CancelToken, ProgressSink, check_cancelled, report
from hpdesk.services.workspace import Workspace, office_profile
from hpdesk.storage.clock import today

register_messages({
    "progress_city_consolidating": ("汇总各县区报送", "Consolidating the counties' packages"),
    "progress_city_workbook": ("生成汇总表（Excel）", "Writing the summary workbook (Excel)"),
    "progress_city_pdf": ("生成汇总报告（PDF）", "Writing the summary report (PDF)"),
})


@dataclass(frozen=True)
class CityOutputs:
    workbook: Path
    pdf: Path


def write_city_outputs(workspace: Workspace, period: str, out_dir: Path | str, doc_number: str = "",
                       progress: ProgressSink | None = None, cancel: CancelToken | None = None) -> CityOutputs:
    """Write `<city>-<period>-汇总表.xlsx` and `…-汇总报告.pdf` into `out_dir` (each atomically; existing files of
    those names are replaced). `doc_number` as the county's export takes it (a serial, or a whole 文号). UserError
    for a period the city does not have or an unreadable 文号, before anything is written."""
    out_dir = Path(out_dir)
    profile = office_profile(workspace)
    # checked before anything is written: "12" is the city's own 郑卫健〔year〕12号, "abc" no 文号 at all
    doc_number = document_number(doc_number, profile.doc_prefix if profile else "", today().year)
    report(progress, 0, 3, "progress_city_consolidating")
    result = consolidate(workspace, period)
    office = profile.name if profile else ""
    stem = safe_file_name(f"{profile.short_name or office if profile else '市'}-{result.period}")
    check_cancelled(cancel)
    report(progress, 1, 3, "progress_city_workbook")
    workbook = write_city_workbook(result, detail_rows(workspace, result.period), out_dir / f"{stem}-汇总表.xlsx")
    check_cancelled(cancel)
    report(progress, 2, 3, "progress_city_pdf")
    letter = summary_letter(result, office, profile.addressee if profile else "", today(), doc_number)
    pdf = write_city_summary_pdf(result, letter, out_dir / f"{stem}-汇总报告.pdf")
    for written in (workbook, pdf):  # written through private temporary files: readable by their owner only
        make_shareable(written)
    report(progress, 3, 3, "")
    return CityOutputs(workbook, pdf)
