"""Units fill in their own reports: fill-in workbooks out to every unit per period, and back in with a diff.

- `export.export_forms`: one workbook per unit with tasks in the period (workbook_out writes it);
- `analyse_files`: read returned workbooks (files, folders, zips) and compare them with what hpdesk holds
  (returned_files → workbook_in → preview); nothing is written;
- `apply_files`: apply the analysed files, all or the rows the clerk picked (apply), then drop the scratch copies.
The two phases keep a `FormsAnalysis` between them (the GUI shows it); unpacked zips live in the workspace's
scratch folder until the import is applied or discarded (and a killed process leaves them to the sweep on open).
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from hpdesk.domain.errors import UserError, register_messages
from hpdesk.domain.messages import Message
from hpdesk.services.forms.apply import FormImportResult, apply_return
from hpdesk.services.forms.preview import FormPreview, analyse_return
from hpdesk.services.forms.returned_files import collect
from hpdesk.services.progress import CancelToken, ProgressSink, check_cancelled, report
from hpdesk.services.workspace import Workspace

register_messages({
    "forms_two_versions": (
        "本次导入中有同一份填报表（表单 {code}）的两个不同文件：{first} 和 {second}。请只选其中正确的一份再导入。",
        "Two different files of the same form ({code}) were chosen: {first} and {second}. Choose the right one only.",
    ),
    # Which of the two is newer hpdesk cannot tell (a unit may send the correction first): the note says which one
    # is applied, and the preview's differences show what it changes.
    "forms_earlier_skipped": ("{earlier} 以前已经导入过，本次只导入同一表单的另一个文件 {file}；请核对下面列出的改动，"
                              "若 {file} 是较早的版本，请不要导入。",
                              "{earlier} was imported before; only the other file of the form, {file}, is imported. "
                              "Check the changes listed: if {file} is the older version, do not import it."),
    "forms_both_imported": ("{second} 与 {first} 以前都已导入过，本次不再导入。",
                            "{second} and {first} were both imported before; neither is imported again."),
    "forms_copy_skipped": ("{copy} 与 {file} 内容完全相同，只导入一次。",
                           "{copy} is the same file as {file}; it is imported once."),
})

__all__ = ["FormImportResult", "FormPreview", "FormsAnalysis", "analyse_files", "apply_files", "discard"]


@dataclass(frozen=True)
class FormsAnalysis:
    previews: tuple[FormPreview, ...]
    scratch: str  # where zips were unpacked; removed by apply_files or discard
    reason: str = ""


def analyse_files(workspace: Workspace, paths: Sequence[Path | str], *, period: str | None = None, reason: str = "",
                  progress: ProgressSink | None = None, cancel: CancelToken | None = None) -> FormsAnalysis:
    """Analyse every returned workbook in `paths`. Any file refused (UserError naming it) stops the whole analysis:
    the clerk sees which file is wrong before anything is applied."""
    workspace.temp_dir.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix="forms-", dir=workspace.temp_dir))
    try:
        files = collect([Path(p) for p in paths], scratch)
        previews = []
        for done, returned in enumerate(files):
            check_cancelled(cancel)
            report(progress, done, len(files), "progress_file", file=returned.shown_name)
            previews.append(analyse_return(workspace, returned, period=period, reason=reason))
        report(progress, len(files), len(files), "")
        return FormsAnalysis(_one_file_per_form(previews), str(scratch), reason)
    except BaseException:
        shutil.rmtree(scratch, ignore_errors=True)
        raise


def _one_file_per_form(previews: list[FormPreview]) -> tuple[FormPreview, ...]:
    """Each form once. Every preview was made against the workspace before the batch, so two files of one form would
    both be applied: a second copy of the same bytes failed on the database's one-return-per-file rule (an internal
    error after the first was imported), and two different versions left whichever came last in path order. A copy
    is dropped (noted on the file kept). Two versions both imported before are both no-ops: one is kept, noted. A
    version imported before beside one that was not (the unit's folder keeps its first file next to the correction)
    gives way to the one not imported, with a note asking the clerk to check its changes, as hpdesk cannot tell which
    file is newer. Two versions neither imported before are refused, naming both, before anything is written."""
    kept: dict[str, FormPreview] = {}
    for preview in previews:
        first = kept.get(preview.form_id)
        if first is None:
            kept[preview.form_id] = preview
        elif first.sha256 == preview.sha256:
            kept[preview.form_id] = replace(first, warnings=(*first.warnings, Message.of(
                "forms_copy_skipped", copy=preview.file, file=first.file)))
        elif first.already_imported and preview.already_imported:  # both no-ops: keep one, say so
            kept[preview.form_id] = replace(first, warnings=(*first.warnings, Message.of(
                "forms_both_imported", second=preview.file, first=first.file)))
        elif first.already_imported != preview.already_imported:
            new, earlier = (first, preview) if preview.already_imported else (preview, first)
            kept[preview.form_id] = replace(new, warnings=(*new.warnings, Message.of(
                "forms_earlier_skipped", earlier=earlier.file, file=new.file)))
        else:
            raise UserError("forms_two_versions", code=preview.form_code, first=first.file, second=preview.file)
    return tuple(kept.values())


def apply_files(workspace: Workspace, analysis: FormsAnalysis, *, accepted: dict[str, set[str]] | None = None,
                progress: ProgressSink | None = None, cancel: CancelToken | None = None) -> list[FormImportResult]:
    """Apply each analysed file in turn (each file is its own unit of work). `accepted` maps a preview's path to
    the row keys the clerk picked; a file not in it takes `chosen_rows`' default."""
    try:
        results = []
        for preview in analysis.previews:
            check_cancelled(cancel)
            keys = None if accepted is None else accepted.get(preview.path)
            results.append(apply_return(workspace, preview, accepted=keys, reason=analysis.reason,
                                        progress=progress, cancel=cancel))
        return results
    finally:
        discard(analysis)


def discard(analysis: FormsAnalysis) -> None:
    """Remove the scratch copies of an analysis that will not be applied."""
    shutil.rmtree(analysis.scratch, ignore_errors=True)
