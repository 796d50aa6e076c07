"""`hpdesk evidence add | list` with real files."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

from PIL import Image

from hpdesk.cli import main


def test_add_and_list_evidence_with_a_photo_warning(capsys, workspace_dir: Path, sample_copy, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    w = ["--workspace", str(workspace_dir)]
    for args in (["import-plan", str(sample_copy("taian_task_breakdown.xlsx"))], ["unit", "add", "区卫生健康委"],
                 ["assign", "A01-T001", "--lead", "区卫生健康委"], ["period", "create", "2025H1"]):
        assert main([*w, *args]) == 0
    capsys.readouterr()
    photo = tmp_path / "义诊.jpg"
    exif = Image.Exif()
    exif.get_ifd(0x8769)[36867] = datetime(2024, 12, 30, 8, 0).strftime("%Y:%m:%d %H:%M:%S")
    Image.new("RGB", (320, 240), "white").save(photo, "JPEG", exif=exif)
    code = main([*w, "evidence", "add", "--task", "A01-T001", "--unit", "区卫生健康委", "--period", "2025H1",
                 "--kind", "photo", "--title", "义诊活动", "--date", "2025-03-01", "--doc-number", "管卫健[2025]3号",
                 str(photo), "--json"])
    assert code == 0
    added = json.loads(capsys.readouterr().out)
    assert added["evidence"]["doc_number"] == "管卫健〔2025〕3号"
    assert added["warnings"] and "2024-12-30" in added["warnings"][0]
    assert main([*w, "evidence", "list", "--task", "A01-T001", "--unit", "区卫生健康委", "--period", "2025H1",
                 "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert listed[0]["files"][0]["file_name"] == "义诊.jpg"
