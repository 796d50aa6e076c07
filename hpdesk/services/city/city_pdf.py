"""The city's PDF summary for its own leaders: a GB/T 9704 cover letter (the county packet's layout, cover_letter.py),
then the tables — completeness per county, the indicators with their targets and how many counties meet them, and
who is missing or late. Built from a consolidation with the county export's building blocks (fonts, styles, tables,
page numbers); written to a temporary file beside the target and moved into place.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, NextPageTemplate, PageBreak, Spacer

from hpdesk.services.city.consolidation import MEETING, TOTAL, Consolidation
from hpdesk.services.exporting.content_builder import chinese_date
from hpdesk.services.exporting.cover_letter import TYPE_WIDTH, letter_flowable
from hpdesk.services.exporting.packet_content import CoverLetter
from hpdesk.services.exporting.pdf_packet import letter_document, page_number
from hpdesk.services.exporting.pdf_styles import GROUP_FILL, grid_table, make_styles, para
from hpdesk.services.fonts import register_pdf_fonts
from hpdesk.services.user_files import replacing

ATTACHMENTS = ("各县区报送完成情况表", "主要指标达标情况表")


def summary_letter(result: Consolidation, office: str, addressee: str, today: date, doc_number: str = "") -> CoverLetter:
    """The cover letter's words: what arrived, who has not sent, whose was returned, who sent late, the task totals,
    and the indicators in a few counts (each indicator's row is in attachment 2, not in the letter)."""
    city = result.city_total
    situation = standing(result)
    statuses = "，".join(f"{label}{count}项" for label, count in result.status_totals) or "无"
    paragraphs = (
        f"根据健康城市行动工作安排，各县区应于{chinese_date(date.fromisoformat(result.due[:10]))}前报送{result.period_name}工作进展。"
        f"本市登记县区{len(result.counties)}个，已接收经签名校验的报送{len(result.accepted)}个。{situation}",
        *((f"已接收报送中，县区承担任务合计{city.tasks}项，其中{statuses}。", _indicator_sentence(result))
          if result.accepted else ("尚无已接收的报送，暂无县区任务完成情况和指标数值可汇总。",)),  # not "合计0项，其中无"
        "各县区完成情况及指标达标情况详见附件。",
    )
    return CoverLetter(authority=office, doc_number=doc_number, title=f"关于{result.period_name}各县区健康城市行动"
                       "工作进展的汇总报告", addressee=addressee or "市健康城市行动推进委员会", paragraphs=paragraphs,
                       attachments=ATTACHMENTS, issuer=office, date_text=chinese_date(today))


def standing(result: Consolidation) -> str:
    """Who has not sent (and whether the due date has passed), whose submission was returned, who sent late — each
    county in one place only: a county that never sent is 未报送, not also 逾期报送."""
    cells = [cell for cell in result.by_period if cell.period == result.period]
    names = {state: "、".join(result.short(cell.county) for cell in cells if cell.state == state)
             for state in ("missing", "returned")}
    late = "、".join(result.short(cell.county) for cell in cells if cell.late and cell.state == "accepted")
    overdue = any(cell.late for cell in cells if cell.state == "missing")
    parts = [f"尚未报送的县区：{names['missing']}" + ("（已过截止日期）" if overdue else "") if names["missing"] else
             "各县区均已报送",
             f"已退回待重新报送的县区：{names['returned']}" if names["returned"] else "",
             f"逾期报送的县区：{late}" if late else "无逾期报送"]
    return "；".join(part for part in parts if part) + "。"


def _indicator_sentence(result: Consolidation) -> str:
    reported = [row for row in result.indicators if row.reported]
    if not reported:
        return f"主要指标方面：共{len(result.indicators)}项，已接收的报送均未填报指标数值。"
    values, met = sum(row.reported for row in reported), sum(row.met for row in reported)
    every = sum(1 for row in reported if row.met == row.reported)
    none = sum(1 for row in reported if row.met == 0)
    return (f"主要指标方面：共{len(result.indicators)}项，{len(reported)}项有县区填报数值；各县区填报{values}项次，"
            f"达标{met}项次（{met * 100 // values}%）。填报县区全部达标的指标{every}项，尚无县区达标的指标{none}项"
            "（结论为各县区报送时的判断，目标年之前以进度正常计为达标，详见附件2）。")


def write_city_summary_pdf(result: Consolidation, letter: CoverLetter, out_path: Path | str) -> Path:
    """Render the summary (cover letter, then the attachments' tables) to `out_path` atomically."""
    register_pdf_fonts()
    out_path = Path(out_path)

    def numbered(canvas, doc) -> None:
        page_number(canvas, doc.page)

    with replacing(out_path, ".pdf.tmp") as temporary:
        letter_document(temporary, numbered, numbered, title=letter.title,
                        author=letter.issuer).build(_story(result, letter))
    return out_path


def _story(result: Consolidation, letter: CoverLetter) -> list[Flowable]:
    styles = make_styles()
    story: list[Flowable] = [letter_flowable(letter)]
    cells = {cell.county: cell for cell in result.by_period if cell.period == result.period}
    rows: list[list[object]] = []
    for county in result.counties:
        cell = cells[county]
        counts = result.county_total(county).counts if county in result.accepted else ("—",) * 5
        rows.append([result.short(county), cell.state_label + ("（逾期）" if cell.late and cell.received_on else ""), *counts])
    city = result.city_total
    rows.append([TOTAL, f"已接收{len(result.accepted)}个", *city.counts])
    completeness = grid_table(["县区", "报送状态", "任务数", "已报送", "已完成", "推进中", "未报送"], rows,
                              [TYPE_WIDTH - 30 * mm - 5 * 16 * mm, 30 * mm, *([16 * mm] * 5)], styles,
                              centred={1, 2, 3, 4, 5, 6},
                              extra=[("BACKGROUND", (0, -1), (-1, -1), GROUP_FILL)])
    indicator_rows: list[list[object]] = []
    for row in result.indicators:
        short = "、".join(result.short(cell.county) for cell in row.cells if cell.value_text and cell.verdict not in (*MEETING, ""))
        indicator_rows.append([row.name + (f"（{row.unit}）" if row.unit else ""),
                               f"{row.target_text}" + (f"（{row.target_year}年）" if row.target_year else ""),
                               f"{row.reported}/{len(result.counties)}", row.met, short or "—"])
    indicators = grid_table(["指标", "目标值", "已填报", "达标县区数", "未达标或待判断的县区"], indicator_rows,
                            [TYPE_WIDTH * 0.28, TYPE_WIDTH * 0.17, TYPE_WIDTH * 0.1, TYPE_WIDTH * 0.12,
                             TYPE_WIDTH * 0.33], styles, centred={1, 2, 3})
    sections: tuple[list[Flowable], ...] = ([completeness, Spacer(1, 6), para(standing(result), styles.body)],
                [indicators])
    for number, (name, flowables) in enumerate(zip(ATTACHMENTS, sections, strict=True), start=1):
        story += [NextPageTemplate("body"), PageBreak(), para(f"附件{number}", styles.attachment_no),
                  para(f"{result.period_name}{name}", styles.title), *flowables]
    return story
