"""Pictures of the fill-in forms for docs/: a unit's form as LibreOffice prints it (headless LibreOffice → PDF →
pdftoppm PNG), and the import dialog's diff of a form that unit filled in (offscreen Qt grab).

    PYTHONPATH=. .venv/bin/python scripts/forms_screenshots.py [--out docs]

Builds a small demo workspace in a temporary folder; needs soffice (libreoffice-calc-nogui) and pdftoppm. LibreOffice
gets a fontconfig file naming the bundled fonts, so the Chinese renders without system CJK fonts.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import tempfile
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _fontconfig(scratch: Path) -> dict[str, str]:
    conf = scratch / "fonts.conf"
    conf.write_text(f"""<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig><include ignore_missing="yes">/etc/fonts/fonts.conf</include><dir>{ROOT / "resources" / "fonts"}</dir>
<cachedir>{scratch / "fc-cache"}</cachedir>
<alias><family>宋体</family><prefer><family>Noto Sans SC</family></prefer></alias></fontconfig>""", encoding="utf-8")
    return {**os.environ, "FONTCONFIG_FILE": str(conf)}


def _fill(source: Path, target: Path) -> None:
    """Fill the form as a unit might: two rows answered, one status typed by hand, one locked text edited."""
    import openpyxl

    from hpdesk.domain.fill_in_forms import COLUMNS, FORM_SHEET

    column = {name: index for index, (_h, name) in enumerate(COLUMNS, start=1)}
    workbook = openpyxl.load_workbook(source)
    sheet = workbook[FORM_SHEET]
    answers = [
        {"status": "已完成", "narrative": "上半年举办健康知识讲座6场，覆盖机关干部和社区居民1200人次；在辖区学校开设健康教育课。",
         "figures": "讲座场次=6场；覆盖人数=1200人次", "problems": "部分社区场地不足", "next_steps": "下半年进企业开展讲座",
         "evidence": "健康讲座通知.pdf\n讲座现场照片.jpg", "filled_by": "王芳", "phone": "0371-66660001"},
        {"status": "推进中", "narrative": "已制定工作方案，正在组织实施。", "figures": "培训人数=120人", "filled_by": "王芳"},
        {"status": "基本完成", "narrative": "已完成大部分工作。", "filled_by": "王芳"},
    ]
    for offset, answer in enumerate(answers):
        for name, text in answer.items():
            sheet.cell(5 + offset, column[name]).value = text
    sheet.cell(8, column["task_text"]).value = "（单位改写了任务内容）" + str(sheet.cell(8, column["task_text"]).value or "")
    sheet.cell(8, column["status"]).value = "已完成"
    workbook.save(target)
    (target.parent / "健康讲座通知.pdf").write_bytes(b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs")
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from hpdesk.services.demo.demo_builder import build_demo
    from hpdesk.services.forms.export import export_forms
    from hpdesk.services.periods import list_periods
    from hpdesk.services.workspace import open_workspace

    scratch = Path(tempfile.mkdtemp(prefix="hpdesk-forms-shots-"))
    root = scratch / "ws"
    build_demo(root, size="small", today=date(2026, 5, 10), actor="tour")
    with open_workspace(root, actor="tour") as workspace:
        period = next(p for p in reversed(list_periods(workspace)) if p.state == "open" and p.kind == "semiannual")
        forms = export_forms(workspace, period.label, scratch / "out").forms
    form = max(forms, key=lambda item: item.rows)
    returned = scratch / "back" / form.path.name
    returned.parent.mkdir()
    _fill(form.path, returned)
    env = _fontconfig(scratch)
    subprocess.run(["soffice", f"-env:UserInstallation={(scratch / 'lo').as_uri()}", "--headless", "--convert-to",
                    "pdf", "--outdir", str(scratch / "pdf"), str(returned)], check=True, env=env, capture_output=True)
    pdf = scratch / "pdf" / f"{returned.stem}.pdf"
    subprocess.run(["pdftoppm", "-png", "-r", "90", "-f", "1", "-l", "1", "-singlefile", str(pdf),
                    str(args.out / "forms-fill-in-libreoffice")], check=True)
    print(f"wrote {args.out / 'forms-fill-in-libreoffice.png'}")
    _dialog_shot(root, returned, args.out / "screenshot-forms-import.png")
    shutil.rmtree(scratch, ignore_errors=True)
    return 0


def _dialog_shot(root: Path, returned: Path, target: Path) -> None:
    from hpdesk.services.desk import Desk
    from hpdesk.services.workspace import open_workspace
    from hpdesk.ui.application import create_application
    from hpdesk.ui.dialogs.forms_import_dialog import FormsImportDialog
    from hpdesk.ui.i18n import install_translators
    from hpdesk.ui.jobs import JobRunner
    from hpdesk.ui.prompts import UserPrompts

    app, _stored = create_application(["hpdesk-forms-shots"])
    app._hpdesk_translators = install_translators(app, "zh_CN")  # type: ignore[attr-defined]
    with open_workspace(root, actor="tour") as workspace:
        dialog = FormsImportDialog(Desk(workspace), JobRunner(immediate=True), UserPrompts(), language="zh_CN")
        dialog.resize(1180, 720)
        dialog.show()
        dialog.add_paths([returned])
        app.processEvents()
        dialog.grab().save(str(target))
        dialog.close()
    print(f"wrote {target}")


if __name__ == "__main__":
    raise SystemExit(main())
