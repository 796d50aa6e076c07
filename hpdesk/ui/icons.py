"""Icons from resources/icons through Qt's "icons:" search path (no rcc step, nothing generated to commit)."""

from __future__ import annotations

from PySide6.QtCore import QDir
from PySide6.QtGui import QIcon

from hpdesk import paths


def register_icon_path() -> None:
    """Make `icons:name.svg` resolve to resources/icons (call once, before the first icon is built)."""
    QDir.addSearchPath("icons", str(paths.resources_dir() / "icons"))


def icon(name: str) -> QIcon:
    """The icon `name` (without .svg); an empty icon when the file is missing, never an error."""
    if not QDir.searchPaths("icons"):
        register_icon_path()
    return QIcon(f"icons:{name}.svg")


def file_type_icon(media_type: str, file_name: str) -> QIcon:
    """A page with a coloured badge for the kind of file, used when a file has no thumbnail."""
    suffix = file_name.rsplit(".", 1)[-1].lower() if "." in file_name else ""
    if media_type == "application/pdf" or suffix == "pdf":
        return icon("file-pdf")
    if media_type.startswith("image/"):
        return icon("file-img")
    if suffix in {"xls", "xlsx", "et", "csv"} or "spreadsheet" in media_type or "excel" in media_type:
        return icon("file-xls")
    if suffix in {"doc", "docx", "wps", "ofd", "txt"} or "word" in media_type:
        return icon("file-doc")
    return icon("file")
