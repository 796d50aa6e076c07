"""The evidence of a report as a grid of thumbnails (one tile per file), which accepts files dropped from the file
manager. Photos show their stored thumbnail; other files a page with a badge for their type."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractListModel, QCoreApplication, QModelIndex, QSize, Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent, QIcon, QPixmap
from PySide6.QtWidgets import QAbstractItemView, QListView, QWidget

from hpdesk.domain.evidence import describe_size
from hpdesk.services.evidence import EvidenceFileSummary, EvidenceSummary
from hpdesk.ui.i18n import EVIDENCE_KIND_LABELS, label
from hpdesk.ui.icons import file_type_icon
from hpdesk.ui.models.paged_table_model import Index

translate = QCoreApplication.translate  # lupdate extracts translate("Context", "literal") calls


THUMBNAIL_SIZE = QSize(120, 96)


@dataclass(frozen=True)
class EvidenceTile:
    evidence: EvidenceSummary
    file: EvidenceFileSummary | None  # None for evidence without files


class EvidenceListModel(QAbstractListModel):
    def __init__(self) -> None:
        super().__init__()
        self._tiles: list[EvidenceTile] = []
        self._icons: dict[str, QIcon] = {}

    def set_evidence(self, items: list[EvidenceSummary]) -> None:
        self.beginResetModel()
        self._tiles = [EvidenceTile(item, file) for item in items for file in (item.files or (None,))]
        self.endResetModel()

    def tile_at(self, row: int) -> EvidenceTile:
        return self._tiles[row]

    def evidence_count(self) -> int:
        return len({tile.evidence.id for tile in self._tiles})

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802 - Qt API
        return 0 if parent.isValid() else len(self._tiles)

    def _icon(self, file: EvidenceFileSummary | None) -> QIcon:
        if file is None:
            return file_type_icon("", "")
        if file.sha256 not in self._icons:
            thumbnail = file.thumbnail is not None and Path(file.thumbnail).exists()
            self._icons[file.sha256] = QIcon(QPixmap(str(file.thumbnail))) if thumbnail \
                else file_type_icon(file.media_type, file.file_name)
        return self._icons[file.sha256]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        tile = self._tiles[index.row()]
        evidence, file = tile.evidence, tile.file
        if role == Qt.ItemDataRole.DisplayRole:
            return evidence.title if len(evidence.title) <= 16 else evidence.title[:15] + "…"
        if role == Qt.ItemDataRole.DecorationRole:
            return self._icon(file)
        if role == Qt.ItemDataRole.ToolTipRole:
            lines = [f"<b>{evidence.title}</b>", label(EVIDENCE_KIND_LABELS, evidence.kind)]
            if evidence.event_date:
                lines.append(translate("EvidenceListView", "Date: {date}").format(date=evidence.event_date.isoformat()))
            if evidence.doc_number:
                lines.append(translate("EvidenceListView", "Document number: {number}").format(
                    number=evidence.doc_number))
            if file is not None:
                lines.append(f"{file.file_name} · {describe_size(file.size)}")
                if file.taken_on:
                    lines.append(translate("EvidenceListView", "Photo taken on {date}").format(
                        date=file.taken_on.isoformat()))
            else:
                lines.append(translate("EvidenceListView", "No file attached"))
            return "<br>".join(lines)
        return None


class EvidenceListView(QListView):
    """Emits `files_dropped` with the local files dropped on it (folders and URLs are ignored)."""

    files_dropped = Signal(list)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setViewMode(QListView.ViewMode.IconMode)
        self.setIconSize(THUMBNAIL_SIZE)
        self.setGridSize(QSize(THUMBNAIL_SIZE.width() + 24, THUMBNAIL_SIZE.height() + 44))
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setMovement(QListView.Movement.Static)
        self.setWordWrap(True)
        self.setUniformItemSizes(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setAcceptDrops(True)
        self.setDropIndicatorShown(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DropOnly)

    @staticmethod
    def local_files(event: QDropEvent | QDragEnterEvent | QDragMoveEvent) -> list[Path]:
        mime = event.mimeData()
        if not mime.hasUrls():
            return []
        paths = [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()]
        return [path for path in paths if path.is_file()]

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:  # noqa: N802 - Qt API
        if self.local_files(event):
            event.acceptProposedAction()
        else:
            event.ignore()

    dragEnterEvent = dragMoveEvent  # a QDragEnterEvent is a QDragMoveEvent: the same test as the drag enters

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 - Qt API
        files = self.local_files(event)
        if files:
            event.acceptProposedAction()
            self.files_dropped.emit(files)
        else:
            event.ignore()
