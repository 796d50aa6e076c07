"""Build the CJK fonts hpdesk bundles in resources/fonts/ (run by hand; the outputs are committed).

Why: PDFs hpdesk signs and archives must embed their fonts (never the viewer-supplied STSong-Light), and the UI must
not depend on fonts installed on the PC. reportlab can only embed TrueType (glyf) outlines, while every free CJK font
with the faces we need (Noto CJK, Fandol) is CFF-based OpenType; so each face is subset and its outlines converted
from cubic CFF to quadratic TrueType (fontTools' Cu2QuPen + TTGlyphPen, as in fontTools' Snippets/otf2ttf.py).
TECH_NOTES §2 has the measurements behind these choices.

Needs:
  * Debian packages `fonts-noto-cjk` (NotoSansCJK-Regular/Bold.ttc, NotoSerifCJK-Bold.ttc) and
    `texlive-lang-chinese` (Fandol OTFs). They are used from the system when installed, otherwise fetched with
    `apt-get download` and unpacked with `dpkg-deb -x` into --sources (texlive is never installed).
  * Python: fontTools and reportlab (both in hpdesk's venv). `pdffonts` (poppler-utils) is used by --check if present.

Produces (in resources/fonts/):
  NotoSansSC-GBK.ttf, NotoSansSC-GBK-Bold.ttf   Noto Sans CJK SC, data text and UI (family "Noto Sans SC GBK")
  NotoSerifSC-Bold-GBK.ttf                      Noto Serif CJK SC Bold, titles: 小标宋 substitute ("Noto Serif SC GBK")
  FandolFang-Regular.ttf                        GB/T 9704 仿宋 body text ("FandolFang")
  FandolKai-Regular.ttf                         楷体 headings; only with --include-optional (+8.2 MB, over budget)
  OFL.txt, FANDOL-LICENSE.txt, README.md        licences and provenance (README is generated with sizes and counts)

The Noto files are subset to the whole GBK repertoire (21k hanzi + symbols) plus ASCII/Latin, pinyin, general and
CJK punctuation, full-width forms and common symbols; the Fandol files to the same repertoire as far as Fandol covers
it (≈GB2312 + 1.2k). `layout_features=[]`: reportlab does no OpenType shaping, and the GSUB closure (vertical and
JP/KR/TC variants) would double the size. Output is deterministic: head.modified is kept from the source font.

    .venv/bin/python installer/build_fonts.py [--sources build/font-sources] [--only NAME ...]
                                              [--include-optional] [--check]

Takes about 90 s on two cores; every build ends with --check: each output is registered in reportlab and drawn on
build/fonts-check/fonts-specimen.pdf (look at it with `pdftoppm -png`), and `pdffonts` must show `emb yes`.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import os
import shutil
import subprocess
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from fontTools import subset
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTFont, newTable

ROOT = Path(__file__).resolve().parent.parent
FONTS_DIR = ROOT / "resources" / "fonts"
NOTO_DIR = Path("usr/share/fonts/opentype/noto")
FANDOL_DIR = Path("usr/share/texlive/texmf-dist/fonts/opentype/public/fandol")
NOTO_PACKAGE = "fonts-noto-cjk"
FANDOL_PACKAGE = "texlive-lang-chinese"
# Cubic→quadratic approximation error in font units (UPM 1000): invisible at print sizes, and the fontTools default.
MAX_CURVE_ERROR = 1.0
# Names characters often need but GBK lacks are *not* added: missing_glyphs() in hpdesk/services/fonts.py reports them.
RARE_NAME_SAMPLE = "喆堃珺镕昇犇淼焱垚赟"


@dataclass(frozen=True)
class FontSpec:
    """One bundled face: where it comes from and what it is called after conversion."""

    output: str
    package: str
    source: Path  # relative to the unpacked package root
    face_index: int  # in a .ttc; 0 for a plain .otf
    face_name_must_contain: str  # guards against a reordered collection
    family: str
    style: str  # "Regular" or "Bold"
    postscript_name: str
    licence: str  # "OFL-1.1" or "GPL-3.0-with-font-exception"
    exclude: frozenset[int] = frozenset()  # code points whose glyph in the source is wrong
    optional: bool = False  # built only with --include-optional (size budget)


# Fandol 1.300 maps U+FFE5 FULLWIDTH YEN SIGN to the outline of ＄; leaving it out makes missing_glyphs() report it.
FANDOL_WRONG_GLYPHS = frozenset({0xFFE5})

FONT_SPECS = [
    FontSpec("NotoSansSC-GBK.ttf", NOTO_PACKAGE, NOTO_DIR / "NotoSansCJK-Regular.ttc", 2, "CJK SC",
             "Noto Sans SC GBK", "Regular", "NotoSansSC-GBK-Regular", "OFL-1.1"),
    FontSpec("NotoSansSC-GBK-Bold.ttf", NOTO_PACKAGE, NOTO_DIR / "NotoSansCJK-Bold.ttc", 2, "CJK SC Bold",
             "Noto Sans SC GBK", "Bold", "NotoSansSC-GBK-Bold", "OFL-1.1"),
    FontSpec("NotoSerifSC-Bold-GBK.ttf", NOTO_PACKAGE, NOTO_DIR / "NotoSerifCJK-Bold.ttc", 2, "CJK SC Bold",
             "Noto Serif SC GBK", "Bold", "NotoSerifSC-GBK-Bold", "OFL-1.1"),
    FontSpec("FandolFang-Regular.ttf", FANDOL_PACKAGE, FANDOL_DIR / "FandolFang-Regular.otf", 0, "FandolFang",
             "FandolFang", "Regular", "FandolFang-Regular", "GPL-3.0-with-font-exception", FANDOL_WRONG_GLYPHS),
    # 8.2 MB: with it the bundle is 39 MB, over the ~35 MB budget, so it is opt-in until GB/T 9704 export needs it.
    FontSpec("FandolKai-Regular.ttf", FANDOL_PACKAGE, FANDOL_DIR / "FandolKai-Regular.otf", 0, "FandolKai",
             "FandolKai", "Regular", "FandolKai-Regular", "GPL-3.0-with-font-exception", FANDOL_WRONG_GLYPHS,
             optional=True),
]

# Code point ranges kept besides GBK: Latin incl. pinyin tone letters, Greek/Cyrillic, punctuation, symbols used in
# reports (≥ ≤ ‰ ℃ ① ㎡ ✓ ★ …), CJK punctuation (〔〕《》、。), enclosed CJK and full-width forms.
EXTRA_RANGES = [
    (0x0020, 0x007E), (0x00A0, 0x024F), (0x02C6, 0x02DD), (0x0370, 0x03FF), (0x0400, 0x045F),
    (0x1E3E, 0x1E3F), (0x2000, 0x206F), (0x2070, 0x209F), (0x20A0, 0x20CF), (0x2100, 0x218F),
    (0x2190, 0x21FF), (0x2200, 0x22FF), (0x2300, 0x23FF), (0x2460, 0x24FF), (0x2500, 0x257F),
    (0x2580, 0x259F), (0x25A0, 0x25FF), (0x2600, 0x26FF), (0x2700, 0x27BF), (0x2E80, 0x2EFF),
    (0x2F00, 0x2FDF), (0x3000, 0x303F), (0x3040, 0x30FF), (0x3100, 0x312F), (0x31C0, 0x31EF),
    (0x3200, 0x32FF), (0x3300, 0x33FF), (0x4E00, 0x9FFF), (0xFE10, 0xFE1F), (0xFE30, 0xFE4F),
    (0xFE50, 0xFE6F), (0xFF00, 0xFFEF), (0xFFFD, 0xFFFD),
]


def gbk_repertoire() -> set[int]:
    """Every character Python's GBK codec decodes from a double-byte code, minus the private use area."""
    code_points = set()
    for lead in range(0x81, 0xFF):
        for trail in range(0x40, 0xFF):
            if trail == 0x7F:
                continue
            try:
                text = bytes([lead, trail]).decode("gbk")
            except UnicodeDecodeError:
                continue
            if len(text) == 1 and not 0xE000 <= ord(text) <= 0xF8FF:
                code_points.add(ord(text))
    return code_points


def gb2312_hanzi() -> set[int]:
    """The 6,763 hanzi of GB 2312 (rows 16–87)."""
    code_points = set()
    for lead in range(0xB0, 0xF8):
        for trail in range(0xA1, 0xFF):
            try:
                code_points.add(ord(bytes([lead, trail]).decode("gb2312")))
            except UnicodeDecodeError:
                continue
    return code_points


def wanted_code_points() -> set[int]:
    wanted = gbk_repertoire()
    for first, last in EXTRA_RANGES:
        wanted.update(range(first, last + 1))
    return wanted


# --- sources -----------------------------------------------------------------------------------------------------


def package_root(package: str, marker: Path, sources_dir: Path) -> tuple[Path, str]:
    """The root under which `marker` exists for `package`, and the package version; fetches the .deb if needed."""
    if (Path("/") / marker).exists():
        version = subprocess.run(["dpkg-query", "-W", "-f=${Version}", package], capture_output=True,
                                 text=True).stdout.strip()
        return Path("/"), version or "installed (version unknown)"
    unpacked = sources_dir / package
    debs = sorted(sources_dir.glob(f"{package}_*.deb"))
    if not debs:
        sources_dir.mkdir(parents=True, exist_ok=True)
        print(f"fetching {package} with apt-get download …", flush=True)
        subprocess.run(["apt-get", "download", package], cwd=sources_dir, check=True)
        debs = sorted(sources_dir.glob(f"{package}_*.deb"))
    if not (unpacked / marker).exists():
        subprocess.run(["dpkg-deb", "-x", str(debs[-1]), str(unpacked)], check=True)
    version = subprocess.run(["dpkg-deb", "-f", str(debs[-1]), "Version"], capture_output=True,
                             text=True, check=True).stdout.strip()
    return unpacked, version


# --- conversion ----------------------------------------------------------------------------------------------------


def subset_face(font: TTFont, code_points: set[int]) -> None:
    options = subset.Options()
    options.layout_features = []
    options.hinting = False
    options.desubroutinize = True
    options.notdef_outline = True
    options.glyph_names = False
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.name_legacy = True
    # Vertical metrics and layout tables serve shaping engines and vertical text, neither of which hpdesk uses.
    options.drop_tables += ["VORG", "BASE", "GSUB", "GPOS", "GDEF", "vhea", "vmtx", "DSIG"]
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=sorted(code_points & set(font.getBestCmap())))
    subsetter.subset(font)


def cff_to_truetype(font: TTFont) -> None:
    """Replace the CFF outlines by quadratic glyf outlines in place (the otf2ttf approach)."""
    glyph_order = font.getGlyphOrder()
    glyph_set = font.getGlyphSet()
    quadratic = {}
    for name in glyph_order:
        tt_pen = TTGlyphPen(glyph_set)
        # CFF contours run counter-clockwise, TrueType's clockwise.
        glyph_set[name].draw(Cu2QuPen(tt_pen, MAX_CURVE_ERROR, reverse_direction=True))
        quadratic[name] = tt_pen.glyph()
    font["loca"] = newTable("loca")
    font["glyf"] = glyf = newTable("glyf")
    glyf.glyphOrder = glyph_order
    glyf.glyphs = quadratic
    del font["CFF "]
    glyf.compile(font)
    hmtx = font["hmtx"]
    for name, glyph in glyf.glyphs.items():
        # TrueType rasterisers position glyphs by lsb == xMin; CFF fonts need not have kept them equal.
        hmtx[name] = (hmtx[name][0], getattr(glyph, "xMin", 0))
    font["maxp"] = maxp = newTable("maxp")
    maxp.tableVersion = 0x00010000
    for field in ("maxZones",):
        setattr(maxp, field, 1)
    for field in ("maxTwilightPoints", "maxStorage", "maxFunctionDefs", "maxInstructionDefs",
                  "maxStackElements", "maxSizeOfInstructions"):
        setattr(maxp, field, 0)
    maxp.maxComponentElements = max((len(getattr(g, "components", []) or []) for g in glyf.glyphs.values()),
                                    default=0)
    maxp.compile(font)
    post = font["post"]
    # Format 3 carries no glyph names: nothing reads them, and 21k names cost ~200 KB.
    post.formatType = 3.0
    post.extraNames = []
    post.mapping = {}
    post.glyphOrder = glyph_order
    font["gasp"] = gasp = newTable("gasp")
    gasp.version = 1
    gasp.gaspRange = {0xFFFF: 0x000A}  # unhinted: grayscale + symmetric smoothing at every size
    font.sfntVersion = "\x00\x01\x00\x00"


def rename_face(font: TTFont, spec: FontSpec, description: str) -> None:
    """Give the converted face its own names (so it never shadows an installed original) and a modification note."""
    name_table = font["name"]
    for name_id in (1, 2, 3, 4, 6, 10, 16, 17, 18, 21, 22):
        name_table.removeNames(nameID=name_id)
    full_name = spec.family if spec.style == "Regular" else f"{spec.family} {spec.style}"
    version = name_table.getDebugName(5) or ""
    for name_id, text in ((1, spec.family), (2, spec.style), (3, f"{spec.postscript_name};{version}"),
                          (4, full_name), (6, spec.postscript_name), (10, description)):
        name_table.setName(text, name_id, 3, 1, 0x409)
        name_table.setName(text, name_id, 1, 0, 0)
    # The style bits must agree with the names, or Qt and Windows pair Regular/Bold wrongly.
    bold = spec.style == "Bold"
    os2 = font["OS/2"]
    os2.fsSelection = (os2.fsSelection & ~0b1100001) | (0b100000 if bold else 0b1000000)
    font["head"].macStyle = 1 if bold else 0


def build_face(spec: FontSpec, source_path: Path, output_path: Path, package_version: str) -> dict:
    """Subset, convert and write one face (atomically); returns facts for the README."""
    started = time.monotonic()
    font = TTFont(source_path, fontNumber=spec.face_index if source_path.suffix == ".ttc" else -1,
                  recalcTimestamp=False)
    source_face = font["name"].getDebugName(4) or ""
    if spec.face_name_must_contain not in source_face:
        raise SystemExit(f"{source_path} face {spec.face_index} is {source_face!r}, "
                         f"expected {spec.face_name_must_contain!r}")
    subset_face(font, wanted_code_points() - spec.exclude)
    cff_to_truetype(font)
    description = (f"Modified by hpdesk installer/build_fonts.py from {source_path.name} ({source_face}, "
                   f"Debian {spec.package} {package_version}): subset to GBK + symbols, no layout features, "
                   f"CFF outlines converted to TrueType.")
    rename_face(font, spec, description)
    temporary = output_path.with_suffix(".tmp")
    font.save(temporary)
    os.replace(temporary, output_path)
    cmap = set(TTFont(output_path, lazy=True).getBestCmap())
    gbk_hanzi = {cp for cp in gbk_repertoire() if 0x4E00 <= cp <= 0x9FFF or 0xF900 <= cp <= 0xFAFF}
    return {
        "output": spec.output, "source": f"{source_path.name} face {spec.face_index} ({source_face})",
        "package": f"{spec.package} {package_version}", "version": font["name"].getDebugName(5),
        "family": spec.family, "style": spec.style, "licence": spec.licence,
        "glyphs": font["maxp"].numGlyphs, "size": output_path.stat().st_size,
        "gb2312": len(cmap & gb2312_hanzi()), "gbk_hanzi": len(cmap & gbk_hanzi),
        "rare": "".join(ch for ch in RARE_NAME_SAMPLE if ord(ch) in cmap),
        "sha256": hashlib.sha256(output_path.read_bytes()).hexdigest(), "seconds": time.monotonic() - started,
    }


# --- licences and README -------------------------------------------------------------------------------------------

NOTO_COPYRIGHT = "Copyright 2014-2021 Adobe (http://www.adobe.com/), with Reserved Font Name 'Source'."
# The FSF's font exception, which the Fandol README names ("GPL + GPL font exception"); extended to our modified
# version as it allows, so documents embedding these fonts are not covered by the GPL.
FONT_EXCEPTION = """\
As a special exception, if you create a document which uses this font, and embed this font or unaltered portions of
this font into the document, this font does not by itself cause the resulting document to be covered by the GNU
General Public License. This exception does not however invalidate any other reasons why the document might be
covered by the GNU General Public License. If you modify this font, you may extend this exception to your version of
the font, but you are not obligated to do so. If you do not wish to do so, delete this exception statement from your
version."""


def write_licences(noto_root: Path | None, fandol_root: Path | None) -> None:
    if noto_root is not None:
        copyright_text = (noto_root / "usr/share/doc/fonts-noto-cjk/copyright").read_text(encoding="utf-8")
        body = copyright_text.split("License: SIL-1.1\n", 2)[-1].split("\nLicense: ", 1)[0]
        lines = [line[1:] if line.startswith(" ") else line for line in body.splitlines()]
        ofl = "\n".join("" if line == "." else line for line in lines).strip("\n")
        (FONTS_DIR / "OFL.txt").write_text(f"{NOTO_COPYRIGHT}\n\n{ofl}\n", encoding="utf-8")
    if fandol_root is not None:
        gpl_path = fandol_root / "usr/share/doc/texlive-doc/fonts/fandol/COPYING.gz"
        gpl = gzip.decompress(gpl_path.read_bytes()).decode("utf-8")
        header = ("Fandol fonts (FandolFang, FandolKai), Copyright © 2012-2013, the Fandol team (Clerk Ma, Jie Su).\n"
                  "https://ctan.org/pkg/fandol — licensed under the GNU GPL version 3 with the font exception below.\n"
                  "The files in this folder are modified versions (see README.md); the exception is extended to them."
                  "\n\n" + FONT_EXCEPTION + "\n\n" + "=" * 78 + "\n\n")
        (FONTS_DIR / "FANDOL-LICENSE.txt").write_text(header + gpl, encoding="utf-8")


README_HEAD = """\
# Bundled fonts

Generated by `installer/build_fonts.py` — edit that script, not this file, and re-run it to rebuild everything here.
Every face is a subset of a CFF OpenType font whose outlines were converted to TrueType (`glyf`) so that reportlab can
embed it (`pdffonts` shows `TrueType … emb yes sub yes`); OpenType layout features were dropped (`layout_features=[]`,
reportlab does no shaping). hpdesk registers them through `hpdesk/services/fonts.py` (reportlab) and
`hpdesk/ui/application.py` (Qt), so nothing depends on the fonts installed on the PC and nothing uses STSong-Light.

Subset: the whole GBK repertoire (all GBK hanzi and symbols) plus ASCII/Latin-1/Latin Extended (pinyin),
Greek, Cyrillic, general and CJK punctuation (〔〕《》、，。“”‘’—…), letterlike symbols and number forms (℃ № Ⅰ),
arrows, mathematical operators (≥ ≤ ±), enclosed alphanumerics (① ⑴ ⒈), box drawing, geometric shapes and misc
symbols (★ ○ ✓), enclosed CJK (㈠), CJK compatibility units (㎡ ㎏) and full-width forms. Characters outside it
(e.g. CJK Extension A/B name characters such as 䶮) are **not** covered: check text with
`hpdesk.services.fonts.missing_glyphs()` before exporting. Fandol covers only ≈GB2312 plus ~1,200 hanzi and lacks
common name characters: use it for fixed official-document text only, never for data from the database. Fandol's
U+FFE5 ￥ is drawn as ＄ upstream, so it is left out (missing_glyphs reports it). `FandolKai-Regular.ttf` (楷体, +8.2 MB)
is built only with `--include-optional`: with it the bundle would exceed the ~35 MB budget.

| file | family / style | use | source | glyphs | GB2312 hanzi /6763 | GBK hanzi /{gbk_total} | 喆堃珺镕昇犇淼焱垚赟 | size | licence |
|---|---|---|---|---|---|---|---|---|---|
"""

USES = {
    "NotoSansSC-GBK.ttf": "data text, tables, UI, signature stamp (黑体 substitute)",
    "NotoSansSC-GBK-Bold.ttf": "bold data text and headings",
    "NotoSerifSC-Bold-GBK.ttf": "document titles (小标宋 substitute)",
    "FandolFang-Regular.ttf": "GB/T 9704 body text (仿宋)",
    "FandolKai-Regular.ttf": "GB/T 9704 second-level headings (楷体)",
}

README_TAIL = """
Licences:

- **Noto Sans/Serif CJK** — SIL Open Font License 1.1, full text with the copyright notice in `OFL.txt`
  "{noto_copyright}" The only Reserved Font Name is "Source", which these files do not use. The OFL allows bundling
  and modification; the fonts may not be sold by themselves and the licence text must travel with them.
  Source: https://github.com/notofonts/noto-cjk, via Debian `fonts-noto-cjk`.
- **Fandol** — GPL v3 with the FSF font exception (per Fandol's README: "GPL + GPL font exception"), text in
  `FANDOL-LICENSE.txt`. Documents embedding the fonts are not covered by the GPL. The fonts are separate files shipped
  alongside hpdesk (aggregation); their corresponding source is the upstream OTF (https://ctan.org/pkg/fandol,
  Debian `texlive-lang-chinese`) plus `installer/build_fonts.py`, which must stay available to recipients.

Versions and checksums (SHA-256):

{checksums}
"""


def write_readme(results: list[dict]) -> None:
    gbk_total = len({cp for cp in gbk_repertoire() if 0x4E00 <= cp <= 0x9FFF or 0xF900 <= cp <= 0xFAFF})
    rows = []
    for result in sorted(results, key=lambda r: [s.output for s in FONT_SPECS].index(r["output"])):
        rows.append(f"| `{result['output']}` | {result['family']} / {result['style']} | {USES[result['output']]} | "
                    f"{result['source']}, Debian `{result['package']}` | {result['glyphs']:,} | {result['gb2312']:,} | "
                    f"{result['gbk_hanzi']:,} | {result['rare'] or '—'} | {result['size'] / 1e6:.2f} MB | "
                    f"{result['licence']} |")
    total = sum(r["size"] for r in results)
    rows.append(f"| **total** | | | | | | | | **{total / 1e6:.2f} MB** | |")
    checksums = "\n".join(f"- `{r['output']}` ({r['version']}): `{r['sha256']}`" for r in results)
    text = (README_HEAD.format(gbk_total=f"{gbk_total:,}") + "\n".join(rows) + "\n"
            + README_TAIL.format(noto_copyright=NOTO_COPYRIGHT, checksums=checksums))
    (FONTS_DIR / "README.md").write_text(text, encoding="utf-8")


# --- check ---------------------------------------------------------------------------------------------------------

SPECIMEN_LINES = [
    "某某县卫生健康局关于健康城市建设工作进展情况的报告",
    "某卫发〔2025〕3号 《健康中国行动》、，。；：？！“引号”‘单’（括号）——……",
    "≥92.3% ≤5‰ 36.5℃ ①②③⑩ ⑴⒈ ㈠ Ⅰ Ⅻ № ㎡ ㎏ ★☆○●□■△✓ ±×÷ ￥ € 〇",
    "ABCabc 0123456789 āáǎà ēéěè ǖǘǚǜ ü Ωαβ 喆堃珺镕昇犇淼焱垚赟",
    "鑫 龑 龘 ￥ 㐀 (Ext A: expected as a box)",
]


def check_outputs(check_dir: Path) -> Path:
    """Register every built TTF in reportlab and draw a specimen page with each; prints pdffonts if available."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont as ReportlabTTFont
    from reportlab.pdfgen import canvas

    check_dir.mkdir(parents=True, exist_ok=True)
    pdf_path = check_dir / "fonts-specimen.pdf"
    pdf = canvas.Canvas(str(pdf_path), pagesize=A4)
    y = A4[1] - 50
    for spec in FONT_SPECS:
        font_path = FONTS_DIR / spec.output
        if not font_path.exists():
            continue
        name = f"Check-{spec.postscript_name}"
        pdfmetrics.registerFont(ReportlabTTFont(name, str(font_path)))
        pdf.setFont("Helvetica", 8)
        pdf.drawString(40, y, spec.output)
        y -= 18
        for line in SPECIMEN_LINES:
            pdf.setFont(name, 12)
            pdf.drawString(40, y, line)
            y -= 17
        y -= 10
    pdf.save()
    print(f"specimen: {pdf_path}")
    if shutil.which("pdffonts"):
        print(subprocess.run(["pdffonts", str(pdf_path)], capture_output=True, text=True).stdout)
    return pdf_path


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sources", type=Path, default=ROOT / "build" / "font-sources",
                        help="where .deb files are downloaded and unpacked when the packages are not installed")
    parser.add_argument("--only", nargs="*", help="output file names to rebuild (default: all non-optional)")
    parser.add_argument("--include-optional", action="store_true", help="also build the optional faces (FandolKai)")
    parser.add_argument("--check", action="store_true", help="only register the outputs and draw a specimen PDF")
    parser.add_argument("--check-dir", type=Path, default=ROOT / "build" / "fonts-check")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args()
    if args.check:
        check_outputs(args.check_dir)
        return 0
    FONTS_DIR.mkdir(parents=True, exist_ok=True)
    if args.only:
        specs = [s for s in FONT_SPECS if s.output in args.only]
    else:
        specs = [s for s in FONT_SPECS if args.include_optional or not s.optional]
    roots: dict[str, tuple[Path, str]] = {}
    for spec in specs:
        if spec.package not in roots:
            roots[spec.package] = package_root(spec.package, spec.source, args.sources)
    started = time.monotonic()
    with ProcessPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        futures = [pool.submit(build_face, spec, roots[spec.package][0] / spec.source, FONTS_DIR / spec.output,
                               roots[spec.package][1]) for spec in specs]
        results = [future.result() for future in futures]
    for result in results:
        print(f"{result['output']}: {result['glyphs']} glyphs, {result['size'] / 1e6:.2f} MB, "
              f"{result['seconds']:.0f} s")
    write_licences(roots.get(NOTO_PACKAGE, (None,))[0], roots.get(FANDOL_PACKAGE, (None,))[0])
    if not args.only:
        write_readme(results)
    else:
        print("README.md not rewritten (partial build); run without --only to refresh it")
    print(f"done in {time.monotonic() - started:.0f} s; total "
          f"{sum(p.stat().st_size for p in FONTS_DIR.glob('*.ttf')) / 1e6:.2f} MB in {FONTS_DIR}")
    check_outputs(args.check_dir)
    return 0


if __name__ == "__main__":
    sys.exit(main())
