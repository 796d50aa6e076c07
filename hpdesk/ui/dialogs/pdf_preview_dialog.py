"""The packet as it will be signed, shown inside the app (QtPdf) with a print button.

The preview is the unsigned packet rendered from the same content the export freezes, so the clerk can read and
print it before entering the passphrase. Characters the bundled fonts cannot draw show as 〓 here (the export
itself refuses them and names where they are).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QPainter, QPagedPaintDevice
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

PRINT_DPI = 300  # each page is rasterised for the printer at this resolution


class PdfPreviewDialog(QDialog):
    """Never subclassed, so self.tr() takes the right context."""

    def __init__(self, pdf_path: Path, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.pdf_path = pdf_path
        self.setWindowTitle(title)
        self.resize(900, 1000)
        layout = QVBoxLayout(self)
        self.document = QPdfDocument(self)
        self.document.load(str(pdf_path))
        self.view = QPdfView(self)
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        layout.addWidget(self.view, 1)
        self.page_label = QLabel(self.tr("{count} pages — unsigned preview; the exported file is signed").format(
            count=self.document.pageCount()))
        self.page_label.setProperty("role", "muted")
        layout.addWidget(self.page_label)
        buttons = QDialogButtonBox()
        self.print_button = buttons.addButton(self.tr("Print…"), QDialogButtonBox.ButtonRole.ActionRole)
        self.print_button.clicked.connect(self._on_print_button_clicked)
        buttons.addButton(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def page_count(self) -> int:
        return self.document.pageCount()

    def _on_print_button_clicked(self) -> None:
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self.pdf_path.stem)
        chooser = QPrintDialog(printer, self)
        chooser.setMinMax(1, max(self.page_count(), 1))
        if chooser.exec() == QDialog.DialogCode.Accepted:
            self.print_to(printer)

    def print_to(self, device: QPagedPaintDevice) -> int:
        """Draw every page, scaled to fit the device's page and centred; returns the number of pages drawn."""
        painter = QPainter()
        if not painter.begin(device):
            return 0
        drawn = 0
        try:
            for index in range(self.page_count()):
                if index:
                    device.newPage()
                points = self.document.pagePointSize(index)
                pixels = QSize(round(points.width() / 72 * PRINT_DPI), round(points.height() / 72 * PRINT_DPI))
                image = self.document.render(index, pixels)
                target = QRectF(painter.viewport())
                scale = min(target.width() / image.width(), target.height() / image.height())
                size = QRectF(0, 0, image.width() * scale, image.height() * scale)
                size.moveCenter(target.center())
                painter.drawImage(size, image, QRectF(QPointF(0, 0), image.size().toSizeF()))
                drawn += 1
        finally:
            painter.end()
        return drawn


def show_preview(pdf_path: Path, title: str, parent: QWidget | None) -> PdfPreviewDialog:
    dialog = PdfPreviewDialog(pdf_path, title, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    return dialog
