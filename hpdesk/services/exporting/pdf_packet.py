"""The PDF packet: the GB/T 9704 cover letter, then 附件1 summary (with the sign-off block), 附件2 every county task,
附件3 the indicator table, 附件4 the evidence index and the evidence itself.

`render_packet_pdf` renders PacketContent only — no database, no clock — so the same content gives the same pages:
reportlab runs with invariant=1 and the creation date taken from the content; PDF attachments' pages are merged
in afterwards with a file identifier derived from the content hash. Every page shows the period and the packet
fingerprint (the first 64 bits of the content's SHA-256, also in the manifest and the Excel). Only the bundled
fonts are embedded; text they cannot draw makes `render_packet_pdf` refuse (UserError) unless `preview=True`,
which draws 〓 instead. The result says where the sign-off block's signature box landed, for signing.py.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate, CondPageBreak, Flowable, Frame, KeepTogether, NextPageTemplate, PageBreak, PageTemplate,
    Paragraph, Spacer,
)

from hpdesk import __version__
from hpdesk.domain.errors import UserError
from hpdesk.services.exporting.cover_letter import (
    BOTTOM_MARGIN, LEFT_MARGIN, PAGE_HEIGHT, PAGE_NUMBER_SIZE, PAGE_WIDTH, TOP_MARGIN, TYPE_HEIGHT, TYPE_WIDTH,
    letter_flowable,
)
from hpdesk.services.exporting.packet_content import PacketContent, TaskSection
from hpdesk.services.exporting.pdf_evidence import (
    Bookmark, EvidencePreparation, PreparedFile, SlotRegistry, evidence_index, evidence_pages,
)
from hpdesk.services.exporting.pdf_merge import merge_pdf_pages
from hpdesk.services.exporting.pdf_styles import (
    GROUP_FILL, MUTED, VERDICT_COLOURS, Styles, grid_table, make_styles, para,
)
from hpdesk.services.exporting.pdf_text import (
    FANG, SANS, SANS_BOLD, describe_problems, glyph_problems, mark_missing, markup,
)
from hpdesk.services.fonts import pdf_font_name, register_pdf_fonts
from hpdesk.services.progress import CancelToken, ProgressSink, check_cancelled, report
from hpdesk.services.user_files import replacing
from hpdesk.storage.attachment_store import AttachmentStore

SIGNATURE_BOX = (250.0, 66.0)  # width, height in points: three 8 pt lines of signer, time, certificate fingerprint


@dataclass(frozen=True)
class RenderedPacket:
    path: Path
    page_count: int
    signature_page: int  # zero-based page of the sign-off block
    signature_box: tuple[float, float, float, float]  # (x1, y1, x2, y2) in points, for the visible signature


def render_packet_pdf(content: PacketContent, out_path: Path | str, store: AttachmentStore, *, preview: bool = False,
                      progress: ProgressSink | None = None, cancel: CancelToken | None = None) -> RenderedPacket:
    """Write the unsigned packet for `content` to `out_path` (atomically). Evidence files are read from `store`.

    Raises UserError('export_glyphs_missing') for undrawable text unless `preview`, and OperationCancelled.
    """
    register_pdf_fonts()
    problems = glyph_problems(content)
    if problems and not preview:
        raise UserError("export_glyphs_missing", details=describe_problems(problems))
    fingerprint = content.fingerprint  # of the content as stored, even when the preview marks characters
    shown = mark_missing(content) if problems else content
    out_path = Path(out_path)
    out_path.parent.mkdir(parents=True, exist_ok=True)
    # Beside the output (the export's scratch folder inside the workspace), never in the system's temp folder
    with tempfile.TemporaryDirectory(prefix=".hpdesk-packet-", dir=out_path.parent) as scratch_text:
        scratch = Path(scratch_text)
        laid_out = scratch / "packet-layout.pdf"
        # The photos are made on other threads while this one lays the packet out from their headers' sizes; in
        # the rare case one comes out otherwise (damaged past its header), the packet is laid out again.
        with EvidencePreparation(shown, store, scratch, progress, cancel) as evidence:
            check_cancelled(cancel)
            report(progress, 0, 1, "progress_export_layout")
            registry, sign_off, page_count = _lay_out(shown, evidence.layout, laid_out, fingerprint, preview,
                                                      evidence)
            prepared = evidence.finish()
        if prepared != evidence.layout:
            registry, sign_off, page_count = _lay_out(shown, prepared, laid_out, fingerprint, preview, None)
        check_cancelled(cancel)
        if registry:
            report(progress, 0, 1, "progress_export_pdf_pages")
            merged = scratch / "packet-merged.pdf"
            merge_pdf_pages(laid_out, registry, merged, content.sha256, cancel)
            laid_out = merged
        with replacing(out_path, ".pdf.tmp") as temporary:
            shutil.copyfile(laid_out, temporary)
    x, y = sign_off.signature_origin
    return RenderedPacket(out_path, page_count, sign_off.signature_page,
                          (x, y, x + SIGNATURE_BOX[0], y + SIGNATURE_BOX[1]))


# --- document and page furniture -----------------------------------------------------------------------------------


def _lay_out(content: PacketContent, prepared: dict[str, PreparedFile], path: Path, fingerprint: str, preview: bool,
             evidence: EvidencePreparation | None) -> tuple[SlotRegistry, SignOffBlock, int]:
    """Lay the packet out into `path`; returns the attachment slots, the sign-off block (where the signature goes)
    and the page count. Nothing of the layout is kept (freed before pypdf reads the packet)."""
    registry = SlotRegistry()
    sign_off = SignOffBlock(content, preview)
    story = _story(content, prepared, registry, sign_off, evidence)
    return registry, sign_off, _build(_document(path, content, fingerprint), story, content.generated_at)


def _build(document: BaseDocTemplate, story: list[Flowable], generated_at: str) -> int:
    """Lay out and write the packet; returns its page count. reportlab keeps every embedded image in memory until
    the file is written: they are kept as the JPEG bytes (no ASCII85 text, a quarter larger), and the document with
    all its objects is dropped as soon as it is written."""
    from reportlab import rl_config

    a85 = rl_config.useA85
    rl_config.useA85 = 0
    try:
        document.build(story, canvasmaker=_canvas_maker(generated_at))
    finally:
        rl_config.useA85 = a85
    page_count = document.page
    document.__dict__.pop("canv", None)
    return page_count


def _canvas_maker(generated_at: str):
    """A reportlab Canvas whose creation date is the content's, not the clock's (with invariant=1)."""
    moment = datetime.fromisoformat(generated_at)
    offset = moment.utcoffset()
    minutes = int(offset.total_seconds() // 60) if offset else 0
    stamp = moment.strftime("D:%Y%m%d%H%M%S") + f"{'+' if minutes >= 0 else '-'}{abs(minutes) // 60:02d}'" \
        f"{abs(minutes) % 60:02d}'"

    class PacketCanvas(Canvas):
        def __init__(self, *args, **kwargs) -> None:
            super().__init__(*args, **kwargs)
            self.setDateFormatter(lambda *_parts: stamp)

    return PacketCanvas


def letter_document(path: Path, letter_page: Callable, body_page: Callable, **metadata: Any) -> BaseDocTemplate:
    """An A4 document on the letter's type area with the page templates "letter" and "body" (drawn by `letter_page`
    and `body_page`); `metadata` (title, author…) goes to reportlab as it is."""
    document = BaseDocTemplate(
        str(path), pagesize=(PAGE_WIDTH, PAGE_HEIGHT), leftMargin=LEFT_MARGIN, topMargin=TOP_MARGIN,
        rightMargin=PAGE_WIDTH - LEFT_MARGIN - TYPE_WIDTH, bottomMargin=BOTTOM_MARGIN, invariant=1,
        creator=f"hpdesk {__version__}", lang="zh-CN",
        # reportlab's page preamble otherwise selects Helvetica, which every page would then list as a font
        # without embedding it: start each page in a bundled, embedded font.
        initialFontName=pdf_font_name(SANS), initialFontSize=10, initialLeading=12, **metadata)
    # The letter's frame is exactly the type area: its flowable is whole grid lines. A hair of slack absorbs
    # floating-point error in 22 × 28.99 pt.
    letter_frame = Frame(LEFT_MARGIN, BOTTOM_MARGIN - 0.2, TYPE_WIDTH, TYPE_HEIGHT + 0.2, leftPadding=0,
                         rightPadding=0, topPadding=0, bottomPadding=0, id="letter")
    body_frame = Frame(LEFT_MARGIN, BOTTOM_MARGIN, TYPE_WIDTH, TYPE_HEIGHT, leftPadding=0, rightPadding=0,
                       topPadding=0, bottomPadding=0, id="body")
    document.addPageTemplates([PageTemplate("letter", [letter_frame], onPage=letter_page),
                               PageTemplate("body", [body_frame], onPage=body_page)])
    return document


def _document(path: Path, content: PacketContent, fingerprint: str) -> BaseDocTemplate:
    period_line = f"{content.period.name}报送材料　材料指纹 {fingerprint}"
    header_left = f"{content.office.name}　{content.period.name}报送材料"  # the period's name, never "2025H1"

    def letter_page(canvas, doc) -> None:
        page_number(canvas, doc.page)
        _small_text(canvas, PAGE_WIDTH / 2, 12 * mm, period_line, centre=True)

    def body_page(canvas, doc) -> None:
        page_number(canvas, doc.page)
        top = PAGE_HEIGHT - TOP_MARGIN + 9 * mm
        _small_text(canvas, LEFT_MARGIN, top, header_left)
        _small_text(canvas, LEFT_MARGIN + TYPE_WIDTH, top, f"材料指纹 {fingerprint}", right=True)
        canvas.saveState()
        canvas.setStrokeColor(MUTED)
        canvas.setLineWidth(0.4)
        canvas.line(LEFT_MARGIN, top - 2.5 * mm, LEFT_MARGIN + TYPE_WIDTH, top - 2.5 * mm)
        canvas.restoreState()

    return letter_document(path, letter_page, body_page, pageCompression=1, title=content.cover.title,
                           author=content.office.name, subject=f"{content.period.name}报送材料　材料指纹 {fingerprint}",
                           keywords=[f"hpdesk-content-sha256:{content.sha256}"])


def page_number(canvas, number: int) -> None:
    """GB/T 9704: 4号 half-width numerals between em dashes, 7 mm below the type area; odd pages right, even pages
    left, one character in from the edge of the type area."""
    text = f"— {number} —"
    font = pdf_font_name(FANG)
    width = stringWidth(text, font, PAGE_NUMBER_SIZE)
    baseline = BOTTOM_MARGIN - 7 * mm - 0.3 * PAGE_NUMBER_SIZE
    x = LEFT_MARGIN + TYPE_WIDTH - PAGE_NUMBER_SIZE - width if number % 2 else LEFT_MARGIN + PAGE_NUMBER_SIZE
    canvas.saveState()
    canvas.setFont(font, PAGE_NUMBER_SIZE)
    canvas.drawString(x, baseline, text)
    canvas.restoreState()


def _small_text(canvas, x: float, y: float, text: str, *, centre: bool = False, right: bool = False) -> None:
    canvas.saveState()
    canvas.setFont(pdf_font_name(SANS), 7.5)
    canvas.setFillColor(MUTED)
    if centre:
        canvas.drawCentredString(x, y, text)
    elif right:
        canvas.drawRightString(x, y, text)
    else:
        canvas.drawString(x, y, text)
    canvas.restoreState()


# --- the story -----------------------------------------------------------------------------------------------------


def _story(content: PacketContent, prepared: dict[str, PreparedFile], registry: SlotRegistry,
           sign_off: SignOffBlock, evidence: EvidencePreparation | None) -> list[Flowable]:
    styles = make_styles()
    names = content.cover.attachments
    story: list[Flowable] = [Bookmark("letter", "报送函"), letter_flowable(content.cover)]
    sections = [(_summary_section(content, styles) + [Spacer(1, 10), sign_off]),
                _task_section(content, styles),
                _indicator_section(content, styles),
                evidence_index(content, prepared, styles, registry, evidence)
                + evidence_pages(content, prepared, styles, TYPE_HEIGHT, registry, evidence)]
    for number, (name, flowables) in enumerate(zip(names, sections), start=1):
        story += [NextPageTemplate("body"), PageBreak(), Bookmark(f"attachment{number}", f"附件{number}　{name}"),
                  para(f"附件{number}", styles.attachment_no), para(name, styles.title), *flowables]
    return story


def _summary_section(content: PacketContent, styles: Styles) -> list[Flowable]:
    summary, period = content.summary, content.period
    facts = [["报送单位", content.office.name], ["报送期", f"{period.name}（{period.start} 至 {period.end}）"],
             ["报送截止日期", period.due], ["行动计划", "、".join(p.title for p in content.plans)],
             ["统计日期", summary.as_of], ["材料指纹", content.fingerprint]]
    story: list[Flowable] = [grid_table(["项目", "内容"], facts, [TYPE_WIDTH * 0.25, TYPE_WIDTH * 0.75], styles)]
    statuses = "，".join(f"{c.label}{c.count}项" for c in summary.status_counts) or "无"
    story += [para("一、任务完成情况", styles.heading),
              para(f"本期县区承担任务{summary.task_count}项：{statuses}。县区的完成情况由审核通过的各单位填报汇总而成；"
                   f"未审核通过的填报不纳入。", styles.body)]
    count_header = ["应报", "已报", "审核通过", "退回", "逾期"]
    widths = [TYPE_WIDTH - 5 * 17 * mm] + [17 * mm] * 5
    for heading, first, lines in (("二、分专项行动填报情况", "专项行动", summary.by_action),
                                  ("三、分责任单位填报情况", "责任单位", summary.by_unit)):
        rows = [[line.key, line.expected, line.reported, line.approved, line.returned, line.overdue]
                for line in (*lines, summary.total)]
        story += [para(heading, styles.heading),
                  grid_table([first, *count_header], rows, widths, styles, centred={1, 2, 3, 4, 5},
                             extra=[("BACKGROUND", (0, -1), (-1, -1), GROUP_FILL)])]
    story.append(para("四、逾期未报事项", styles.heading))
    if summary.overdue:
        rows = [[item.task_code, item.task_text, item.unit, item.review_label] for item in summary.overdue]
        story.append(grid_table(["任务", "任务内容", "责任单位", "状态"], rows,
                                [20 * mm, TYPE_WIDTH - 70 * mm, 30 * mm, 20 * mm], styles, centred={0, 3}))
        if summary.overdue_more:
            story.append(para(f"另有{summary.overdue_more}项逾期未列出，详见报送表。", styles.note))
    else:
        story.append(para(f"截至{summary.as_of}，没有逾期未报的事项。", styles.body))
    verdict_rows = [[item.label, item.count] for item in summary.verdict_counts] + [["合计", summary.indicator_count]]
    story += [KeepTogether([para(f"五、{period.year}年指标评估结论", styles.heading),
                            grid_table(["结论", "指标数"], verdict_rows, [TYPE_WIDTH * 0.5, TYPE_WIDTH * 0.2],
                                       styles, centred={1}, extra=[("BACKGROUND", (0, -1), (-1, -1), GROUP_FILL)])]),
              Spacer(1, 6)]
    story.append(para(f"佐证材料{summary.evidence_count}项，文件{summary.file_count}个，目录见附件4。"
                      + (f"锁定后修改过填报的任务{summary.changed_after_lock}项，已在附件2中注明。"
                         if summary.changed_after_lock else ""), styles.body))
    return story


def _task_section(content: PacketContent, styles: Styles) -> list[Flowable]:
    if not content.tasks:
        return [para("本期没有由县区承担的任务。", styles.body)]
    return [flowable for task in content.tasks for flowable in _task_flowables(task, styles)]


def _task_flowables(task: TaskSection, styles: Styles) -> list[Flowable]:
    serial = task.serial_label.strip()
    heading = f"{task.code}　{task.action_label}" + (
        (f"　第{serial}项" if serial.isdigit() else f"　序号 {serial}") if serial else "")
    city = [("任务内容", task.task_text or task.basic_content), ("推进措施", task.measures),
            ("工作计划（佐证要求）", task.work_plan), ("工作推进要求", task.reporting_note),
            ("牵头单位", task.lead_text), ("责任单位", task.responsible_text)]
    head: list[Flowable] = [CondPageBreak(60 * mm), Bookmark(task.code, heading, level=1),
                            para(heading, styles.task_heading),
                            *(_labelled(f"{label}（市）", text, styles) for label, text in city if text.strip()),
                            _labelled("县区完成情况", task.status_label, styles)]
    story: list[Flowable] = [KeepTogether(head)]
    if any(part.changed_after_lock for part in task.units):
        story.append(para("注意：本任务有单位在报送期锁定后修改过填报，修改记录保存在系统操作记录中。", styles.flag))
    answer = (("工作开展情况", task.narrative), ("存在问题", task.problems), ("下一步计划", task.next_steps))
    story += [_labelled(label, text, styles) for label, text in answer if text.strip()]
    if task.figures:
        story.append(_labelled("主要数据", "；".join(f"{f.name} {f.text}" for f in task.figures), styles))
    if task.units:
        rows = [[part.unit, part.role_label, part.status_label or "—", part.review_label, part.filled_by or "—",
                 "是" if part.changed_after_lock else ""] for part in task.units]
        story += [para("各单位填报", styles.label),
                  grid_table(["责任单位", "角色", "完成情况", "审核", "填报人", "锁定后修改"], rows,
                             [w * mm for w in (44, 12, 20, 34, 24, 22)], styles, centred={1, 2, 3, 4, 5})]
    else:
        story.append(para("本任务尚未分派到责任单位。", styles.note))
    evidence = "；".join(f"{item.number} {item.kind_label}：{item.title}" + (f"（{item.event_date}）"
                                                                          if item.event_date else "")
                        for item in task.evidence)
    story.append(_labelled("佐证材料", evidence or "无", styles))
    return story


def _labelled(label: str, text: str, styles: Styles) -> Flowable:
    return Paragraph(f"<b>{markup(label)}：</b>{markup(text)}", styles.body)


def _indicator_section(content: PacketContent, styles: Styles) -> list[Flowable]:
    if not content.indicators:
        return [para("没有导入指标。", styles.body)]
    year = content.period.year
    rows: list[list[object]] = []
    extra: list[tuple] = []
    action = None
    for line in content.indicators:
        if line.action_label != action:
            action = line.action_label
            extra += [("SPAN", (0, len(rows) + 1), (-1, len(rows) + 1)),
                      ("BACKGROUND", (0, len(rows) + 1), (-1, len(rows) + 1), GROUP_FILL)]
            rows.append([action or "未分类", "", "", "", "", "", ""])
        target = f"{line.target_year}年：{line.target_text}" if line.target_year else line.target_text
        name = line.name + (f"（{line.unit}）" if line.unit else "")
        colour = VERDICT_COLOURS.get(line.verdict, colors.black).hexval()[2:]
        verdict = Paragraph(f"<font color='#{colour}'>{markup(line.verdict_label)}</font>", styles.cell_centre)
        rows.append([line.serial_label or line.code, name, line.baseline_text, target, line.value_text or "未填",
                     verdict, line.reason])
    return [para(f"数值为{year}年县区数值；结论依据目标值自动判断，尚无数值的注明“未填报”，无法自动判断的注明“需人工判断”"
                 "或采用经办人记录的判断。",
                 styles.note), Spacer(1, 4),
            grid_table(["序号", "指标", "基线", "目标", f"{year}年\n数值", "结论", "判断理由"], rows,
                       [w * mm for w in (9, 38, 15, 22, 16, 19, 37)], styles, centred={0, 2, 4, 5}, extra=extra)]


class SignOffBlock(Flowable):
    """填报人 / 审核人 / 单位负责人 / 联系电话 / 报送日期, the area for the office's seal, and the box where the
    visible electronic signature is drawn (its page and position are recorded while the packet is laid out)."""

    ROW = 26.0
    HEIGHT = 3 * ROW + 16 + SIGNATURE_BOX[1]

    def __init__(self, content: PacketContent, preview: bool) -> None:
        super().__init__()
        self.sign_off, self.preview = content.sign_off, preview
        self.signature_page = -1
        self.signature_origin = (0.0, 0.0)

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return TYPE_WIDTH, self.HEIGHT

    def drawOn(self, canvas, x: float, y: float, _sW: float = 0) -> None:
        self.signature_page = canvas.getPageNumber() - 1
        self.signature_origin = (x, y)  # the signature box sits at the block's bottom-left corner
        super().drawOn(canvas, x, y, _sW)  # type: ignore[call-arg]  # the stubs omit reportlab's _sW

    def draw(self) -> None:
        canvas, names = self.canv, self.sign_off
        sans, bold = pdf_font_name(SANS), pdf_font_name(SANS_BOLD)
        grid_width = TYPE_WIDTH * 0.62
        top = self.HEIGHT
        cells = [("填报人", names.filled_by), ("审核人", names.reviewer), ("单位负责人", names.head),
                 ("联系电话", names.phone), ("报送日期", names.date_text)]
        canvas.setStrokeColor(colors.Color(0.3, 0.3, 0.3))
        canvas.setLineWidth(0.6)
        label_width = 20 * mm
        for index, (label, value) in enumerate(cells):
            row, column = divmod(index, 2)
            x = column * grid_width / 2
            y = top - (row + 1) * self.ROW
            width = grid_width if index == len(cells) - 1 else grid_width / 2  # the date spans the last row
            canvas.rect(x, y, width, self.ROW)
            canvas.setFont(bold, 9)
            canvas.drawString(x + 3, y + 9, label)
            canvas.line(x + label_width, y, x + label_width, y + self.ROW)
            canvas.setFont(sans, 10)
            canvas.drawString(x + label_width + 4, y + 8.5, value)
        seal_x = grid_width + 6 * mm
        canvas.setDash(2, 2)
        canvas.rect(seal_x, top - 3 * self.ROW, TYPE_WIDTH - seal_x, 3 * self.ROW)
        canvas.setDash()
        canvas.setFont(sans, 9)
        canvas.setFillColor(MUTED)
        canvas.drawCentredString(seal_x + (TYPE_WIDTH - seal_x) / 2, top - 3 * self.ROW + 6, "（单位盖章）")
        canvas.drawString(0, SIGNATURE_BOX[1] + 4, "电子签名（报送包和本文件均以本单位证书签名；签名时间为本机时间）：")
        canvas.setStrokeColor(colors.Color(0.7, 0.7, 0.7))
        canvas.rect(0, 0, SIGNATURE_BOX[0], SIGNATURE_BOX[1])
        if self.preview:
            canvas.drawCentredString(SIGNATURE_BOX[0] / 2, SIGNATURE_BOX[1] / 2 - 3, "（预览：导出时在此加电子签名）")
