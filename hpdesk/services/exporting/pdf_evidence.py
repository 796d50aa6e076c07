"""Evidence in the PDF packet: print-size images, thumbnails, PDF attachments' pages, and the list of other files.

Memory stays flat however many photos a period has (a 300-photo period must stay under 500 MB):
- `prepare_evidence` decodes one image at a time — JPEGs at reduced scale through `Image.draft` — turns it upright
  (EXIF orientation), shrinks it to at most 1600 px and writes a small JPEG plus a 240 px thumbnail into the
  scratch folder; nothing decoded is kept. reportlab later embeds those JPEG files as they are (no re-decoding);
- reportlab holds every embedded image in memory until the whole PDF is written (about three times the PDF's size
  at its peak), and the signed PDF is as big as its images: so the print JPEGs share a total byte budget
  (PRINT_BUDGET_BYTES). Each is first made at full print size; only when they add up to more than the budget are the
  largest made again at fewer pixels (never below MIN_PRINT_PIXELS), down to a common cap that leaves the smaller
  ones as they are (`_fit_print_budget`). Every photo is laid out at the same size whatever its pixels, so the
  pages are the same whatever the budget; the originals are in the package untouched;
- PDF attachments are only opened to count and measure their pages; `merge_pdf_pages` then draws each page into
  the placeholder slot the layout reserved for it, one source file at a time (pypdf);
- originals are never changed: they travel byte for byte in the package.
Images Pillow cannot read (HEIC, damaged files, decompression bombs) and PDFs pypdf cannot open (encrypted,
damaged) are listed with name, size and SHA-256 like any other file, with the reason.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from PIL import Image as PILImage
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, Image, KeepTogether, Paragraph, Spacer

from hpdesk.domain.errors import UserError, register_messages
from hpdesk.domain.evidence import describe_size
from hpdesk.services.exporting.cover_letter import TYPE_WIDTH
from hpdesk.services.exporting.packet_content import EvidenceFile, PacketContent
from hpdesk.services.exporting.pdf_styles import Styles, grid_table, para
from hpdesk.services.exporting.pdf_text import markup
from hpdesk.services.images import fitted_size, normalised, normalised_size
from hpdesk.services.progress import CancelToken, ProgressSink, check_cancelled, report
from hpdesk.storage.attachment_store import AttachmentStore

register_messages({
    "progress_export_evidence": ("处理佐证材料 {file}", "Processing evidence {file}"),
    "progress_export_layout": ("排版报送材料", "Laying out the packet"),
    "progress_export_pdf_pages": ("插入 PDF 佐证材料页面", "Inserting the pages of PDF evidence"),
    "export_evidence_missing": ("佐证材料文件“{name}”在本机存储中找不到（{sha256}），请运行 hpdesk check。",
                                "The evidence file {name} is missing from the store ({sha256}); run hpdesk check."),
})

PRINT_PIXELS = 1600
THUMB_PIXELS = 240
JPEG_QUALITY = 80
PRINT_BUDGET_BYTES = 36 * 1024 * 1024  # all print JPEGs of one packet together: bounds the PDF and its memory
MIN_PRINT_PIXELS = 480  # the budget never shrinks a print image below this (longest side)
# Beyond this many photos a period's packet lists the rest like other files: with the budget's floor this bounds the
# PDF, and so the export's memory, however many photos there are (1,200 photos measured at 346 MB peak).
MAX_PRINTED_IMAGES = 1500
LOW_JPEG_QUALITY = 60  # used at MIN_PRINT_PIXELS when even that is over the budget's cap (_fit_print_budget)
MAX_DECODED_PIXELS = 40_000_000  # non-JPEG images above this are listed, not decoded (≈120 MB as RGB)
INDEX_FILES_PER_ROW = 8  # files named in one evidence-index row; more would make the row taller than a page
MAX_PDF_PAGES = 100  # pages of one PDF attachment shown in the packet; the rest are in the package
PHOTO_WORKERS = min(4, os.cpu_count() or 1)  # JPEG photos prepared at once (each a draft decode: tens of MB)


@dataclass(frozen=True)
class PreparedFile:
    kind: str  # image | pdf | listed
    image: Path | None = None  # print-size JPEG in the scratch folder
    thumbnail: Path | None = None
    pixels: tuple[int, int] = (0, 0)  # the layout size: at most PRINT_PIXELS, before the budget shrinks `image`
    pdf: Path | None = None  # the stored original (read-only)
    page_sizes: tuple[tuple[float, float], ...] = ()  # (width, height) in points of the pages shown
    page_count: int = 0
    note: str = ""  # why a file is only listed, or what was left out
    thumb_pixels: tuple[int, int] = (0, 0)  # the thumbnail's size


@dataclass
class PdfSlot:
    """Where one attachment page goes: filled in by `PdfPageSlot.drawOn` while the packet is laid out."""

    source: Path
    page_index: int
    page_number: int = -1  # zero-based page of the packet
    box: tuple[float, float, float, float] = (0, 0, 0, 0)  # x, y, width, height in points


SlotRegistry = list[PdfSlot]  # every slot laid out, once, in the order it was first drawn


def prepare_evidence(content: PacketContent, store: AttachmentStore, scratch: Path,
                     progress: ProgressSink | None = None, cancel: CancelToken | None = None) -> dict[str, PreparedFile]:
    """sha256 → how each distinct evidence file appears in the packet (`EvidencePreparation`, waited for)."""
    with EvidencePreparation(content, store, scratch, progress, cancel) as evidence:
        return evidence.finish()


class EvidencePreparation:
    """The evidence files prepared for the packet, started: JPEG photos go on threads, the rest is done at once.

    Reads the stored blobs; writes only into `scratch`. Raises UserError('export_evidence_missing') for a blob that
    is not in the store, and OperationCancelled. JPEG photos are prepared on a few threads at once (Pillow releases
    the GIL while it decodes, resamples and encodes, so they use every core; each holds one draft-decoded photo, a
    few tens of MB at most). Other images, which may decode at full size, and PDFs are prepared one at a time on
    the calling thread, as before.

    `layout` (sha256 → PreparedFile) is there at once: a photo as it will come out, read from its header (its size
    after draft decoding, shrinking and turning upright; `images.normalised_size`), so the packet can be laid out
    while the photos are being made. `thumbnail_ready` and `print_ready` wait until a photo's file is written and
    say whether it came out as `layout` said (False for a photo that turned out damaged: lay out again with
    `finish()`). `finish()` waits for all, fits the prints into the budget, and returns what was prepared. The
    result does not depend on the number of threads: each print JPEG depends on its own photo and on the sizes of
    all of them (the budget's cap), never on which finished first. Use it as a context manager (the threads)."""

    def __init__(self, content: PacketContent, store: AttachmentStore, scratch: Path,
                 progress: ProgressSink | None = None, cancel: CancelToken | None = None) -> None:
        self._progress, self._cancel = progress, cancel
        self._pool = ThreadPoolExecutor(max_workers=PHOTO_WORKERS, thread_name_prefix="evidence-photo")
        self._photos: dict[str, tuple[str, Future[PreparedFile]]] = {}
        self._finished: dict[str, PreparedFile] | None = None
        self.layout: dict[str, PreparedFile] = {}
        try:
            self._start(content, store, scratch)
        except BaseException:
            self.close()
            raise

    def _start(self, content: PacketContent, store: AttachmentStore, scratch: Path) -> None:
        distinct: dict[str, EvidenceFile] = {}
        for file in content.evidence_files:
            distinct.setdefault(file.sha256, file)
        printed_images = 0
        predicted: dict[str, PreparedFile] = {}
        counted: set[str] = set()
        for sha256, file in distinct.items():  # start the photos first, so they run while the rest is done here
            if file.media_type == "image/jpeg" and printed_images < MAX_PRINTED_IMAGES:
                printed_images += 1
                counted.add(sha256)
                source = stored_file(store, file)
                expected = _predicted_image(source, scratch / sha256[:16])
                if expected is not None:  # else its header is unreadable: it fails at once, on this thread
                    predicted[sha256] = expected
                    self._photos[sha256] = (file.name, self._pool.submit(_prepare_image, source,
                                                                         scratch / sha256[:16]))
        for done, (sha256, file) in enumerate(distinct.items()):
            check_cancelled(self._cancel)
            if sha256 in predicted:
                self.layout[sha256] = predicted[sha256]
                continue
            report(self._progress, done, len(distinct), "progress_export_evidence", file=file.name)
            source = stored_file(store, file)
            if sha256 in counted:
                self.layout[sha256] = _prepare_image(source, scratch / sha256[:16])
            elif file.media_type.startswith("image/") and printed_images >= MAX_PRINTED_IMAGES:
                self.layout[sha256] = PreparedFile("listed", note=f"本期照片超过 {MAX_PRINTED_IMAGES} 张，此后的照片只列清单，"
                                                                  "原件在电子报送包中")
            elif file.media_type.startswith("image/"):
                printed_images += 1
                self.layout[sha256] = _prepare_image(source, scratch / sha256[:16])
            elif file.media_type == "application/pdf":
                self.layout[sha256] = _prepare_pdf(source)
            else:
                self.layout[sha256] = PreparedFile("listed")

    def thumbnail_ready(self, sha256: str) -> bool:
        """Wait until the thumbnail of `sha256` is written; whether the photo came out as `layout` says."""
        if sha256 not in self._photos:
            return True
        name, future = self._photos[sha256]
        report(self._progress, list(self._photos).index(sha256), len(self._photos), "progress_export_evidence",
               file=name)
        return self._result(future) == self.layout[sha256]

    def print_ready(self, sha256: str) -> bool:
        """Wait until the print JPEG of `sha256` is final (every photo made, the budget fitted: `finish`)."""
        return self.finish()[sha256] == self.layout[sha256]

    def finish(self) -> dict[str, PreparedFile]:
        """sha256 → how each distinct evidence file was prepared, once every photo is made and the prints fit the
        budget."""
        if self._finished is None:
            prepared = {sha256: self._result(self._photos[sha256][1]) if sha256 in self._photos else ready
                        for sha256, ready in self.layout.items()}
            _fit_print_budget(prepared, self._pool, self._cancel)
            report(self._progress, len(self._photos), len(self._photos), "")
            self._finished = prepared
        return self._finished

    def _result(self, future: Future[PreparedFile]) -> PreparedFile:
        while True:  # this thread stays responsive to cancelling while a photo is made
            try:
                return future.result(timeout=0.25)
            except TimeoutError:
                check_cancelled(self._cancel)

    def close(self) -> None:
        """Stop: photos not started yet are dropped; running ones finish."""
        self._pool.shutdown(cancel_futures=True)

    def __enter__(self) -> EvidencePreparation:
        return self

    def __exit__(self, *_exception: object) -> None:
        self.close()


def stored_file(store: AttachmentStore, file: EvidenceFile) -> Path:
    """Where `file` is in `store`; UserError('export_evidence_missing') when it is not there."""
    source = store.path_for(file.sha256)
    if not source.is_file():
        raise UserError("export_evidence_missing", name=file.name, sha256=file.sha256[:12])
    return source


def _fit_print_budget(prepared: dict[str, PreparedFile], pool: ThreadPoolExecutor,
                      cancel: CancelToken | None) -> None:
    """Bring the print JPEGs within PRINT_BUDGET_BYTES together. When their total is over it, each print larger than
    a common cap — the largest size at which the prints, each cut to it, add up to the budget — is made again from
    its own print JPEG to fit the cap (`_print_jpeg`: fewer pixels), on `pool`; the prints under the cap stay as
    they are. The cap depends only on the sizes, so the result does not depend on the order the photos finished."""
    prints = [ready.image for ready in prepared.values() if ready.kind == "image" and ready.image is not None]
    sizes = [printed.stat().st_size for printed in prints]
    cap = budget_cap(sizes, PRINT_BUDGET_BYTES)
    if cap is None:
        return
    refits = [pool.submit(_refit_print, printed, cap) for printed, size in zip(prints, sizes) if size > cap]
    for refit in refits:
        check_cancelled(cancel)
        refit.result()


def budget_cap(sizes: list[int], budget: int) -> int | None:
    """The cap that fits `sizes` into `budget` cutting only the largest: the largest c with sum(min(s, c)) <=
    `budget` (at least 1); None when they fit as they are."""
    if sum(sizes) <= budget:
        return None
    ordered = sorted(sizes)
    below = 0  # the sizes smaller than the cap, kept whole
    for index, size in enumerate(ordered):
        cap = (budget - below) // (len(ordered) - index)  # the rest cut to one common size
        if size > cap:
            return max(1, cap)
        below += size
    raise AssertionError("unreachable: the sizes add up to more than the budget")


def _refit_print(printed: Path, cap: int) -> None:
    """Make the print JPEG `printed` again, from itself, in at most `cap` bytes (fewer pixels; see `_print_jpeg`).
    Starting from the print (not the original) costs a small decode instead of a photo's; one more JPEG
    generation is not visible at print size."""
    data = printed.read_bytes()
    with PILImage.open(printed) as opened:
        opened.load()
        smaller = _print_jpeg(opened, cap, data)
    if smaller is not data:
        printed.write_bytes(smaller)


def _predicted_image(source: Path, stem: Path) -> PreparedFile | None:
    """What `_prepare_image` gives for the JPEG `source`, from its header (nothing decoded); None when the header
    cannot be read."""
    try:
        with PILImage.open(source) as opened:
            if opened.format != "JPEG":
                return None
            pixels = normalised_size(opened, PRINT_PIXELS)
    except Exception:  # Pillow raises many types for damaged files; `_prepare_image` says which
        return None
    return PreparedFile("image", stem.with_suffix(".print.jpg"), stem.with_suffix(".thumb.jpg"), pixels,
                        thumb_pixels=fitted_size(pixels, THUMB_PIXELS))


def _prepare_image(source: Path, stem: Path) -> PreparedFile:
    try:
        with PILImage.open(source) as opened:
            width, height = opened.size
            if opened.format != "JPEG" and width * height > MAX_DECODED_PIXELS:
                return PreparedFile("listed", note=f"图片过大（{width}×{height} 像素），未缩印")
            image = normalised(opened, PRINT_PIXELS)
            pixels = image.size
            printed = stem.with_suffix(".print.jpg")
            printed.write_bytes(_print_jpeg(image, PRINT_BUDGET_BYTES))  # the budget is shared: _fit_print_budget
            image.thumbnail((THUMB_PIXELS, THUMB_PIXELS))
            thumb_pixels = image.size
            thumbnail = stem.with_suffix(".thumb.jpg")
            image.save(thumbnail, "JPEG", quality=75)
            image.close()
    except PILImage.DecompressionBombError:
        return PreparedFile("listed", note="图片像素过多，未缩印")
    except Exception as error:  # Pillow raises many types for damaged or unsupported files
        return PreparedFile("listed", note=f"无法识别的图片，未缩印（{type(error).__name__}）")
    return PreparedFile("image", printed, thumbnail, pixels, thumb_pixels=thumb_pixels)


def _print_jpeg(image: PILImage.Image, budget: int, data: bytes | None = None) -> bytes:
    """`image` as JPEG in at most `budget` bytes: shrunk (a few tries, each aimed by the last one's size) as far as
    MIN_PRINT_PIXELS, then at LOW_JPEG_QUALITY; what that gives is kept even when still over. `data`: `image`
    already encoded at JPEG_QUALITY (returned as it is when it fits)."""
    import io

    def encoded(picture: PILImage.Image, quality: int) -> bytes:
        # optimize: Huffman tables fitted to this picture. Lossless (the same pixels at the same quality) and
        # 10–15 % smaller for photos, so most fit their share of the budget at full size without a second resample
        # (for a 4000×3000 photo a resample costs 5× the extra Huffman pass)
        buffer = io.BytesIO()
        picture.save(buffer, "JPEG", quality=quality, optimize=True)
        return buffer.getvalue()

    if data is None:
        data = encoded(image, JPEG_QUALITY)
    longest = max(image.size)
    for _ in range(4):
        if len(data) <= budget or longest <= MIN_PRINT_PIXELS:
            break
        longest = max(MIN_PRINT_PIXELS, int(longest * (budget / len(data)) ** 0.5 * 0.95))
        smaller = image.copy()
        smaller.thumbnail((longest, longest))
        data = encoded(smaller, JPEG_QUALITY)
        if len(data) > budget and longest <= MIN_PRINT_PIXELS:
            data = encoded(smaller, LOW_JPEG_QUALITY)
        smaller.close()
    return data


def _prepare_pdf(source: Path) -> PreparedFile:
    from pypdf import PdfReader

    try:
        with open(source, "rb") as stream:
            reader = PdfReader(stream, strict=False)
            if reader.is_encrypted and not reader.decrypt(""):
                return PreparedFile("listed", note="PDF 已加密，无法展开")
            count = len(reader.pages)
            sizes = []
            for page in list(reader.pages)[:MAX_PDF_PAGES]:
                box = page.cropbox
                rotated = int(page.get("/Rotate", 0) or 0) % 180 == 90
                width, height = float(box.width), float(box.height)
                sizes.append((height, width) if rotated else (width, height))
    except Exception as error:  # pypdf raises many types for damaged files
        # printed in the packet the city reads: what it means, not pypdf's class name (PdfStreamError, …)
        return PreparedFile("listed", note="PDF 已损坏或不完整，无法展开，原件见报送包")
    if count == 0 or any(w <= 0 or h <= 0 for w, h in sizes):
        return PreparedFile("listed", note="PDF 没有可显示的页面")
    note = f"共{count}页，此处展示前{MAX_PDF_PAGES}页，其余见报送包中的原件" if count > MAX_PDF_PAGES else ""
    return PreparedFile("pdf", pdf=source, page_sizes=tuple(sizes), page_count=count, note=note)


class _SlotFlowable(Flowable):
    """A place `merge_pdf_pages` draws an attachment page into: records where it landed, in page coordinates (a
    frame draws at page coordinates, a table cell inside a translated canvas, so the position is taken from the
    canvas's current transformation), and outlines it in grey."""

    def __init__(self, slot: PdfSlot, registry: SlotRegistry) -> None:
        super().__init__()
        self.slot, self.registry = slot, registry

    def drawOn(self, canvas, x: float, y: float, _sW: float = 0) -> None:
        left, bottom = canvas.absolutePosition(x, y)
        self.slot.page_number = canvas.getPageNumber() - 1
        self.slot.box = (left, bottom, self.width, self.height)
        if not any(known is self.slot for known in self.registry):
            self.registry.append(self.slot)
        super().drawOn(canvas, x, y, _sW)  # type: ignore[call-arg]  # the stubs omit reportlab's _sW

    def _outline(self, line_width: float, x: float, y: float, width: float, height: float) -> None:
        self.canv.saveState()
        self.canv.setStrokeColorRGB(0.75, 0.75, 0.75)
        self.canv.setLineWidth(line_width)
        self.canv.rect(x, y, width, height)
        self.canv.restoreState()


class PdfPageSlot(_SlotFlowable):
    """Reserves the rest of the frame for one page of a PDF attachment."""

    def __init__(self, slot: PdfSlot, registry: SlotRegistry, page_size: tuple[float, float]) -> None:
        super().__init__(slot, registry)
        self.page_size = page_size

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width, self.height = available_width, available_height - 1
        return self.width, self.height

    def draw(self) -> None:
        width, height = self.page_size
        scale = min(self.width / width, self.height / height)
        self._outline(0.5, (self.width - width * scale) / 2, self.height - height * scale, width * scale,
                      height * scale)


class PdfThumbnailSlot(_SlotFlowable):
    """A thumbnail of a PDF attachment's first page in the evidence index."""

    def __init__(self, slot: PdfSlot, registry: SlotRegistry, page_size: tuple[float, float]) -> None:
        super().__init__(slot, registry)
        scale = THUMB_BOX / max(page_size)
        self.width, self.height = page_size[0] * scale, page_size[1] * scale

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        self._outline(0.4, 0, 0, self.width, self.height)


def image_size_for(prepared: PreparedFile, max_width: float, max_height: float) -> tuple[float, float]:
    """Print size in points for a prepared image: fit the box, and never larger than 150 dpi would give."""
    pixel_width, pixel_height = prepared.pixels
    natural = (pixel_width * 72 / 150, pixel_height * 72 / 150)
    scale = min(max_width / natural[0], max_height / natural[1], 1.0)
    return natural[0] * scale, natural[1] * scale


# --- the evidence index and the evidence pages ---------------------------------------------------------------------

INDEX_WIDTHS = [w * mm for w in (12, 25, 50, 26, 43)]
THUMB_BOX = 21 * mm
IMAGE_MAX_HEIGHT_SHARE = 0.40  # an item heading and two landscape photos with captions fit on one page


def evidence_index(content: PacketContent, prepared: dict[str, PreparedFile], styles: Styles,
                   registry: SlotRegistry, evidence: EvidencePreparation | None = None) -> list[Flowable]:
    """The 佐证材料目录: number, thumbnail (a photo's, else a PDF's first page), what it is, task and unit, files
    with sizes. `evidence`: where the photos in `prepared` are still being made (their thumbnails are drawn once
    written)."""
    if not content.evidence:
        return [para("本期没有纳入报送的佐证材料。", styles.body)]
    rows: list[list[object]] = []
    for item in content.evidence:
        ready = [prepared[f.sha256] for f in item.files if f.sha256 in prepared]
        thumbnail = next((f.sha256 for f in item.files if f.sha256 in prepared and prepared[f.sha256].thumbnail),
                         None)
        first_pdf = next((r for r in ready if r.kind == "pdf" and r.pdf is not None and r.page_sizes), None)
        picture: object
        if thumbnail:
            picture = _thumbnail(thumbnail, prepared[thumbnail], evidence)
        elif first_pdf is not None:
            picture = PdfThumbnailSlot(PdfSlot(first_pdf.pdf, 0), registry, first_pdf.page_sizes[0])  # type: ignore[arg-type]
        else:
            picture = _file_badge(item.files, prepared, styles)
        about = [f"<b>{markup(item.title)}</b>", markup(item.kind_label)]
        if item.event_date:
            about.append(f"日期：{item.event_date}")
        if item.doc_number:
            about.append(f"文号：{markup(item.doc_number)}")
        # A table row cannot break across pages: an item with many files lists the first few here; every file
        # still follows in the evidence pages and travels in the package.
        shown = item.files[:INDEX_FILES_PER_ROW]
        files = "<br/>".join(f"{markup(f.name)}<br/><font color='#666666'>{describe_size(f.size)}</font>"
                             for f in shown) or "（无文件）"
        if len(item.files) > len(shown):
            files += f"<br/>……另 {len(item.files) - len(shown)} 个文件，共 " \
                     f"{describe_size(sum(f.size for f in item.files))}"
        rows.append([item.number, picture, Paragraph("<br/>".join(about), styles.cell),
                     Paragraph(f"{markup(item.task_code)}<br/>{markup(item.unit)}", styles.cell),
                     Paragraph(files, styles.cell)])
    return [grid_table(["编号", "缩略图", "材料", "任务 / 单位", "文件"], rows, INDEX_WIDTHS, styles, centred={0, 1},
                       extra=[("ALIGN", (1, 1), (1, -1), "CENTER")])]


def evidence_pages(content: PacketContent, prepared: dict[str, PreparedFile], styles: Styles, frame_height: float,
                   registry: SlotRegistry, evidence: EvidencePreparation | None = None) -> list[Flowable]:
    """Each evidence item: a heading with its facts, then its files — images at print size, the pages of PDF
    attachments (slots filled by `merge_pdf_pages`), and other files listed with size and SHA-256. `evidence`:
    where the photos in `prepared` are still being made (their prints are drawn once final)."""
    story: list[Flowable] = []
    for item in content.evidence:
        facts = [item.kind_label, f"任务 {item.task_code}", item.unit]
        if item.event_date:
            facts.append(f"日期 {item.event_date}")
        if item.doc_number:
            facts.append(f"文号 {item.doc_number}")
        needed = 50 + (_first_file_height(item.files[0], prepared, frame_height) if item.files else 0)
        story += [CondPageBreak(min(needed, frame_height * 0.9)),
                  Bookmark(item.number, f"{item.number} {item.title}", level=1),
                  para(f"{item.number}　{item.title}", styles.task_heading), para("　".join(facts), styles.small)]
        if item.description:
            story.append(para(item.description, styles.small))
        for file in item.files:
            story.extend(_file_flowables(file, prepared.get(file.sha256, PreparedFile("listed")), styles,
                                         frame_height, registry, evidence))
    return story


def _first_file_height(file: EvidenceFile, prepared: dict[str, PreparedFile], frame_height: float) -> float:
    """About how tall the first thing shown for `file` is, so an item's heading never ends a page alone."""
    ready = prepared.get(file.sha256, PreparedFile("listed"))
    if ready.kind == "image" and ready.image is not None:
        return image_size_for(ready, TYPE_WIDTH, frame_height * IMAGE_MAX_HEIGHT_SHARE)[1] + 30
    if ready.kind == "pdf" and ready.page_sizes:
        return frame_height * 0.55
    return 30


def _file_flowables(file: EvidenceFile, ready: PreparedFile, styles: Styles, frame_height: float,
                    registry: SlotRegistry, evidence: EvidencePreparation | None) -> list[Flowable]:
    caption = f"{file.name}　{describe_size(file.size)}　SHA-256 {file.sha256[:16]}…　包内：{file.package_path}"
    if ready.kind == "image" and ready.image is not None:
        width, height = image_size_for(ready, TYPE_WIDTH, frame_height * IMAGE_MAX_HEIGHT_SHARE)
        taken = f"　拍摄日期 {file.taken_on}" if file.taken_on else ""
        waited = None if evidence is None else functools.partial(evidence.print_ready, file.sha256)
        return [KeepTogether([Spacer(1, 4), PreparedImage(ready.image, width, height, waited),
                              para(caption + taken, styles.caption)])]
    if ready.kind == "pdf" and ready.pdf is not None:
        flowables: list[Flowable] = []
        for index, size in enumerate(ready.page_sizes):
            page_caption = f"{file.name}　第{index + 1}页／共{ready.page_count}页　包内：{file.package_path}"
            flowables += [CondPageBreak(frame_height * 0.55), para(page_caption, styles.caption),
                          PdfPageSlot(PdfSlot(ready.pdf, index), registry, size)]
        if ready.note:
            flowables.append(para(ready.note, styles.note))
        return flowables if ready.page_sizes else [para(caption, styles.small)]
    listed = f"文件：{file.name}　大小：{describe_size(file.size)}（{file.size}字节）　SHA-256：{file.sha256}" \
             f"　包内：{file.package_path}"
    if ready.note:
        listed += f"　（{ready.note}）"
    return [para(listed, styles.small), Spacer(1, 4)]


def _thumbnail(sha256: str, ready: PreparedFile, evidence: EvidencePreparation | None) -> Image:
    assert ready.thumbnail is not None
    width, height = ready.thumb_pixels
    scale = THUMB_BOX / max(width, height)
    waited = None if evidence is None else functools.partial(evidence.thumbnail_ready, sha256)
    return PreparedImage(ready.thumbnail, width * scale, height * scale, waited)


class PreparedImage(Image):
    """A JPEG from the scratch folder, laid out at the size given — the file need not exist yet. `ready` (when
    given) is called before drawing: it waits until the file is written and says whether it is as laid out;
    when not, nothing is drawn (the packet is laid out again: see `EvidencePreparation`). Drawn as reportlab's
    Image draws it (the JPEG embedded as it is)."""

    def __init__(self, path: Path, width: float, height: float, ready: Callable[[], bool] | None = None) -> None:
        # not Image.__init__: it reads the JPEG's header at once
        self.hAlign, self._mask, self._drawing, self._dpi, self._img = "CENTER", "auto", None, False, None
        self._file = self.filename = str(path)
        self._lazy, self._kind, self._width, self._height = 0, "direct", width, height
        self.imageWidth, self.imageHeight = round(width), round(height)  # not read: the size is given ("direct")
        self.drawWidth, self.drawHeight = width, height
        self._ready = ready

    def draw(self) -> None:
        if self._ready is None or self._ready():
            super().draw()


def _file_badge(files, prepared: dict[str, PreparedFile], styles: Styles) -> Paragraph:
    kinds = {prepared[f.sha256].kind if f.sha256 in prepared else "listed" for f in files}
    label = "PDF" if kinds == {"pdf"} else "文件"
    return Paragraph(f"<font color='#666666'>{label}</font>", styles.cell_centre)


class Bookmark(Flowable):
    """An invisible entry in the PDF's outline (the viewer's bookmarks pane)."""

    def __init__(self, key: str, title: str, level: int = 0) -> None:
        super().__init__()
        self.key, self.title, self.level = key, title, level
        self.width = self.height = 0

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        self.canv.bookmarkPage(self.key)
        self.canv.addOutlineEntry(self.title, self.key, level=self.level, closed=self.level > 0)
