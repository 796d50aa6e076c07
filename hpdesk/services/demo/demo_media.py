"""Files for the demo: event photos (real JPEGs with EXIF dates) and PDFs (a 红头 notice with its 文号, tables).

Photos are drawn with Pillow as simple scenes (a lecture hall, a meeting, an outdoor campaign, a clinic, a sports day)
with the red banner and the 水印相机-style stamp that county work photos carry; Chinese text uses the bundled
`resources/fonts/NotoSansSC-GBK.ttf` and is left out when that font is missing (never tofu). PDFs are drawn with
reportlab, embedding the same font when present, otherwise naming the built-in STSong-Light CID font.

All functions are pure apart from reading the font file: same arguments, same bytes.
"""

from __future__ import annotations

import io
import random
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter, ImageFont

from hpdesk import paths

BUNDLED_FONT_NAME = "NotoSansSC-GBK.ttf"
_WEEKDAYS = "一二三四五六日"


def _font_file(font_path: Path | None | str) -> str | None:
    """The font file to draw Chinese with: `font_path`, or for "bundled" the bundled CJK font when this build has
    it; None leaves Chinese text out of photos."""
    if font_path == "bundled":
        candidate = paths.fonts_dir() / BUNDLED_FONT_NAME
        return str(candidate) if candidate.is_file() else None
    return str(font_path) if font_path else None


@lru_cache(maxsize=64)
def _truetype(font_path: str, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(font_path, size)


# --------------------------------------------------------------------------------------------------------------------
# Photos


def _person(draw: ImageDraw.ImageDraw, x: float, y: float, scale: float, rng: random.Random, *,
            coat: tuple[int, int, int] | None = None, seated: bool = False) -> None:
    """A figure whose feet (or seat) are at (x, y), `scale` pixels tall, seen from the front or behind."""
    skin = rng.choice([(233, 196, 166), (222, 184, 150), (205, 164, 128)])
    hair = rng.choice([(25, 22, 20), (40, 32, 28), (60, 55, 50), (150, 150, 150)])
    coat = coat or rng.choice([(35, 45, 80), (60, 60, 65), (120, 30, 35), (200, 200, 205), (70, 95, 60),
                               (150, 110, 70), (30, 90, 150), (190, 150, 60)])
    head = scale * 0.13
    body_top = y - scale * (0.55 if seated else 0.78)
    draw.rounded_rectangle(
        (x - scale * 0.16, body_top, x + scale * 0.16, y - (0 if seated else scale * 0.38)),
        radius=max(1, int(scale * 0.06)), fill=coat,
    )
    if not seated:
        for offset in (-0.07, 0.07):
            draw.rectangle((x + scale * (offset - 0.04), y - scale * 0.4, x + scale * (offset + 0.04), y),
                           fill=(40, 40, 48))
    head_y = body_top - head * 0.9
    draw.ellipse((x - head, head_y - head, x + head, head_y + head), fill=skin)
    draw.chord((x - head * 1.05, head_y - head * 1.1, x + head * 1.05, head_y + head * 0.6), 180, 360, fill=hair)


def _tree(draw: ImageDraw.ImageDraw, x: float, ground: float, height: float, rng: random.Random) -> None:
    draw.rectangle((x - height * 0.04, ground - height * 0.45, x + height * 0.04, ground), fill=(95, 70, 45))
    green = (rng.randint(40, 70), rng.randint(100, 140), rng.randint(40, 70))
    for dx, dy, r in ((0, -0.62, 0.3), (-0.18, -0.5, 0.22), (0.18, -0.5, 0.22), (0, -0.82, 0.2)):
        draw.ellipse((x + dx * height - r * height, ground + dy * height - r * height,
                      x + dx * height + r * height, ground + dy * height + r * height), fill=green)


def _banner(image: Image.Image, box: tuple[int, int, int, int], text: str, font_path: str | None) -> None:
    """A red cloth banner with yellow characters centred in it (characters only when a CJK font is available)."""
    draw = ImageDraw.Draw(image)
    draw.rectangle(box, fill=(196, 24, 30))
    draw.rectangle(box, outline=(150, 15, 20), width=max(1, (box[3] - box[1]) // 20))
    if not font_path or not text:
        return
    height = box[3] - box[1]
    size = max(8, int(height * 0.62))
    font = _truetype(font_path, size)
    width = draw.textlength(text, font=font)
    if width > (box[2] - box[0]) * 0.94:
        size = max(8, int(size * (box[2] - box[0]) * 0.94 / width))
        font = _truetype(font_path, size)
        width = draw.textlength(text, font=font)
    draw.text(((box[0] + box[2] - width) / 2, box[1] + (height - size) / 2 - size * 0.08), text,
              font=font, fill=(255, 226, 90))


def _scene(scene: str, size: tuple[int, int], banner: str, rng: random.Random, font_path: str | None) -> Image.Image:
    width, height = size
    image = Image.new("RGB", size)
    draw = ImageDraw.Draw(image)
    indoor = scene in {"lecture", "meeting"}
    horizon = int(height * (0.58 if indoor else 0.5))
    top, bottom = ((236, 230, 214), (214, 205, 186)) if indoor else ((120, 170, 225), (200, 222, 240))
    for row in range(horizon):  # wall or sky gradient
        t = row / max(1, horizon)
        draw.line((0, row, width, row), fill=tuple(int(a + (b - a) * t) for a, b in zip(top, bottom)))
    ground = (150, 110, 80) if indoor else rng.choice([(170, 170, 165), (120, 150, 90)])

    def box(left: float, top: float, right: float, bottom: float) -> tuple[int, int, int, int]:
        """A rectangle given as fractions of the picture."""
        return int(width * left), int(height * top), int(width * right), int(height * bottom)

    draw.rectangle((0, horizon, width, height), fill=ground)
    if indoor:
        for column in range(0, width, max(8, width // 12)):  # floor boards
            draw.line((column, horizon, column - width * 0.1, height), fill=(135, 98, 70),
                      width=max(1, width // 600))
        _banner(image, box(0.12, 0.06, 0.88, 0.16), banner, font_path)
        if scene == "lecture":
            draw.rectangle(box(0.3, 0.2, 0.7, 0.48), fill=(248, 248, 250))  # projector screen
            draw.rectangle(box(0.33, 0.24, 0.67, 0.3), fill=(60, 110, 170))  # the slide's title bar
            draw.rectangle(box(0.76, 0.42, 0.86, 0.62), fill=(120, 70, 40))  # lectern
            _person(draw, width * 0.81, height * 0.6, height * 0.3, rng, coat=(240, 240, 240))
            for row_index, row_y in enumerate((0.78, 0.9, 1.02)):
                for column in range(9 + row_index):
                    _person(draw, width * (0.04 + column * 0.105 + rng.uniform(-0.01, 0.01)), height * row_y,
                            height * (0.32 + row_index * 0.06), rng, seated=True)
        else:
            draw.ellipse(box(0.1, 0.55, 0.9, 0.9), fill=(110, 65, 35))  # conference table
            for index in range(8):
                angle_x = 0.16 + index * 0.095
                _person(draw, width * angle_x, height * 0.6, height * 0.28, rng, seated=True)
                draw.rectangle(box(angle_x - 0.03, 0.62, angle_x + 0.03, 0.66), fill=(250, 250, 250))  # name card
    else:
        for index in range(rng.randint(3, 6)):
            _tree(draw, width * rng.uniform(0.0, 1.0), horizon + height * 0.02, height * rng.uniform(0.3, 0.45),
                  rng)
        _banner(image, box(0.18, 0.3, 0.82, 0.4), banner, font_path)
        for post in (0.18, 0.82):
            draw.rectangle((int(width * post) - 3, int(height * 0.3), int(width * post) + 3, horizon + 20),
                           fill=(90, 90, 90))
        if scene == "clinic":
            for table in range(3):
                left = width * (0.1 + table * 0.3)
                tent = [(left, height * 0.52), (left + width * 0.12, height * 0.44),
                        (left + width * 0.24, height * 0.52)]
                draw.polygon(tent, fill=(40, 100, 170))
                draw.rectangle((left, height * 0.62, left + width * 0.24, height * 0.7), fill=(245, 245, 245))
                _person(draw, left + width * 0.12, height * 0.64, height * 0.25, rng, coat=(245, 245, 245), seated=True)
        crowd = 14 if scene == "sports" else 10
        shirt = rng.choice([(200, 30, 40), (250, 200, 40), (30, 120, 200)]) if scene == "sports" else None
        feet = sorted((rng.uniform(0.75, 1.0), rng.uniform(0.03, 0.97)) for _ in range(crowd))
        for foot_y, foot_x in feet:  # back to front, so nearer people overlap farther ones
            _person(draw, width * foot_x, height * foot_y, height * (0.3 + (foot_y - 0.75) * 0.5), rng, coat=shirt)
    return image


def _watermark(image: Image.Image, taken_at: datetime, location: str, font_path: str | None) -> None:
    """The stamp a 水印相机 app puts on work photos: big time, date and weekday, place."""
    draw = ImageDraw.Draw(image)
    width, height = image.size
    unit = max(10, height // 18)
    left, base = int(width * 0.03), int(height * 0.97)
    draw.rectangle((left, base - unit * 2.6, left + unit * 0.18, base - unit * 0.2), fill=(255, 200, 40))
    draw.text((left + unit * 0.4, base - unit * 2.75), taken_at.strftime("%H:%M"),
              font=ImageFont.load_default(size=int(unit * 1.3)), fill=(255, 255, 255))
    small = int(unit * 0.55)
    font = _truetype(font_path, small) if font_path else ImageFont.load_default(size=small)
    weekday = f" 星期{_WEEKDAYS[taken_at.weekday()]}" if font_path else ""  # the weekday and place need a CJK font
    draw.text((left + unit * 0.4, base - unit * 1.3), f"{taken_at:%Y-%m-%d}{weekday}", font=font, fill=(255, 255, 255))
    if font_path:
        draw.text((left + unit * 0.4, base - unit * 0.7), location, font=font, fill=(255, 255, 255))


_NOISE_MARGIN = 96


@lru_cache(maxsize=2)
def _noise_field(size: tuple[int, int], grain: float) -> Image.Image:
    """Sensor-like noise a little larger than `size`, made once per process (generating it costs more than drawing
    the photo); each photo crops it at its own offset."""
    padded = (size[0] + _NOISE_MARGIN, size[1] + _NOISE_MARGIN)
    return Image.merge("RGB", [Image.effect_noise(padded, 60 * grain) for _ in range(3)])


def _exif(taken_at: datetime) -> bytes:
    exif = Image.Exif()
    stamp = taken_at.strftime("%Y:%m:%d %H:%M:%S")
    exif[0x010F] = "HUAWEI"  # Make
    exif[0x0110] = "VOG-AL00"  # Model
    exif[0x0132] = stamp  # DateTime
    sub_ifd = exif.get_ifd(0x8769)  # Exif IFD: the dates viewers and hpdesk read as "taken on"
    sub_ifd[0x9003] = stamp  # DateTimeOriginal
    sub_ifd[0x9004] = stamp  # DateTimeDigitized
    return exif.tobytes()


def event_photo_jpeg(
    *, scene: str, banner: str, taken_at: datetime, location: str, seed: int, size: tuple[int, int] = (1600, 1200),
    grain: float = 0.0, quality: int = 85, font_path: Path | None | str = "bundled",
) -> bytes:
    """A JPEG of an event scene with EXIF DateTimeOriginal = `taken_at`.

    `grain` (0–1) adds sensor-like noise, which is what makes a real phone photo weigh 3–5 MB at 4000×3000; 0 gives
    small files. `font_path="bundled"` uses the bundled CJK font if present; None leaves Chinese text out.
    """
    font = _font_file(font_path)
    rng = random.Random(seed)
    # Draw at a modest size and scale up: primitives are cheap, and the blur/upscale softens them like a lens.
    draw_size = (min(size[0], 1600), min(size[1], 1200))
    image = _scene(scene, draw_size, banner, rng, font)
    _watermark(image, taken_at, location, font)
    if draw_size != size:
        image = image.resize(size, Image.Resampling.BILINEAR)
    image = image.filter(ImageFilter.BoxBlur(radius=max(0.6, size[0] / 2400)))
    if grain > 0:
        dx, dy = rng.randint(0, _NOISE_MARGIN), rng.randint(0, _NOISE_MARGIN)
        noise = _noise_field(size, grain).crop((dx, dy, dx + size[0], dy + size[1]))
        image = Image.blend(image, noise, 0.12 * grain)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=quality, exif=_exif(taken_at))
    return buffer.getvalue()


class TinyPhotoFactory:
    """Many small, all-different JPEGs fast (the large demo's 50,000 files): a few drawn scenes, each copy stamped
    with its own number and date so no two files share a hash."""

    def __init__(self, seed: int, size: tuple[int, int] = (320, 240)) -> None:
        rng = random.Random(seed)
        self._bases = [
            _scene(scene, size, "", rng, None) for scene in ("lecture", "meeting", "outdoor", "clinic", "sports")
        ]
        self._stamp_font = ImageFont.load_default(size=max(10, size[1] // 14))

    def photo(self, serial: int, taken_at: datetime) -> bytes:
        image = self._bases[serial % len(self._bases)].copy()
        draw = ImageDraw.Draw(image)
        draw.text((6, image.size[1] - image.size[1] // 10), f"{taken_at:%Y-%m-%d %H:%M}  #{serial}",
                  font=self._stamp_font, fill=(255, 255, 255))
        buffer = io.BytesIO()
        image.save(buffer, "JPEG", quality=70, exif=_exif(taken_at))
        return buffer.getvalue()


# --------------------------------------------------------------------------------------------------------------------
# PDFs


@lru_cache(maxsize=4)
def _pdf_font(font_path: str | None) -> str:
    """Register the font with reportlab once per process; returns its reportlab name."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfbase.ttfonts import TTFont

    if font_path:
        pdfmetrics.registerFont(TTFont("HpdeskDemoSans", font_path))
        return "HpdeskDemoSans"
    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    return "STSong-Light"


def _wrap(text: str, font: str, size: float, width: float) -> list[str]:
    """Break Chinese text into lines no wider than `width` points (character by character: no spaces to break at)."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    lines, line = [], ""
    for character in text:
        if stringWidth(line + character, font, size) > width:
            lines.append(line)
            line = character
        else:
            line += character
    return lines + [line] if line else lines


def notice_pdf(
    *, issuer: str, doc_number: str, title: str, paragraphs: list[str], issued_on: date, signer: str,
    font_path: Path | None | str = "bundled",
) -> bytes:
    """A one-page 红头文件 notice: red issuer line, 文号, red rule, title, body, signature, date and a red seal."""
    from reportlab.lib.colors import Color
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen.canvas import Canvas

    font = _pdf_font(_font_file(font_path))
    red = Color(0.8, 0.05, 0.08)
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4, invariant=1)
    canvas.setTitle(title)
    canvas.setAuthor(issuer)
    canvas.setCreator("WPS 文字")
    # The file's own date is the day it was issued (invariant=1 would otherwise stamp 2000-01-01).
    canvas.setDateFormatter(lambda *_now: f"D:{issued_on:%Y%m%d}093000+08'00'")
    page_width, page_height = A4
    margin = 78
    canvas.setFillColor(red)
    canvas.setFont(font, 30)
    canvas.drawCentredString(page_width / 2, page_height - 130, f"{issuer}文件")
    canvas.setFillColorRGB(0, 0, 0)
    canvas.setFont(font, 14)
    canvas.drawCentredString(page_width / 2, page_height - 175, doc_number)
    canvas.setStrokeColor(red)
    canvas.setLineWidth(2)
    canvas.line(margin, page_height - 188, page_width - margin, page_height - 188)
    y = page_height - 235
    canvas.setFont(font, 18)
    for line in _wrap(title, font, 18, page_width - 2 * margin):
        canvas.drawCentredString(page_width / 2, y, line)
        y -= 28
    y -= 10
    canvas.setFont(font, 13)
    for paragraph in paragraphs:
        for line in _wrap(paragraph, font, 13, page_width - 2 * margin):
            canvas.drawString(margin, y, line)
            y -= 22
    y -= 30
    canvas.drawRightString(page_width - margin - 20, y, signer)
    canvas.drawRightString(page_width - margin - 20, y - 24, f"{issued_on.year}年{issued_on.month}月{issued_on.day}日")
    canvas.setStrokeColor(red)
    canvas.setLineWidth(2.5)
    canvas.circle(page_width - margin - 70, y - 8, 48, stroke=1, fill=0)
    canvas.setFillColor(red)
    canvas.setFont(font, 26)
    canvas.drawCentredString(page_width - margin - 70, y - 17, "★")
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def table_pdf(
    *, title: str, subtitle: str, header: list[str], rows: list[list[str]], font_path: Path | None | str = "bundled",
) -> bytes:
    """A one-page table (a sign-in sheet, a ledger, minutes' attendance): title, subtitle, ruled grid."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen.canvas import Canvas

    font = _pdf_font(_font_file(font_path))
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4, invariant=1)
    canvas.setTitle(title)
    page_width, page_height = A4
    margin = 60
    canvas.setFont(font, 18)
    canvas.drawCentredString(page_width / 2, page_height - 80, title)
    canvas.setFont(font, 11)
    canvas.drawCentredString(page_width / 2, page_height - 105, subtitle)
    column_width = (page_width - 2 * margin) / len(header)
    row_height = 24
    y = page_height - 130
    for index, cells in enumerate([header, *rows]):
        canvas.rect(margin, y - row_height, page_width - 2 * margin, row_height)
        for column, cell in enumerate(cells):
            canvas.line(margin + column * column_width, y, margin + column * column_width, y - row_height)
            canvas.setFont(font, 11 if index else 12)
            canvas.drawString(margin + column * column_width + 5, y - 16, str(cell)[:18])
        y -= row_height
        if y < 80:
            break
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()
