"""The packet as it will be signed, shown inside the app (QtPdf) with a print button.

The window fits the screen it opens on (a 768- or 900-pixel-high screen still shows 打印…), and printing shows a
progress bar page by page (a 52-page packet takes about 20 s to rasterise) with Cancel, then says what was sent.

The preview is the unsigned packet rendered from the same content the export freezes, so the clerk can read and
print it before entering the passphrase. Characters the bundled fonts cannot draw show as 〓 here (the export
itself refuses them and names where they are).
"""

from __future__ import annotations

from pathlib import Path

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QPainter, QPagedPaintDevice
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QProgressBar, QVBoxLayout, QWidget

from hpdesk.ui.theme import muted_label
from hpdesk.ui.window_size import fitting_size

PRINT_DPI = 300  # each page is rasterised for the printer at this resolution


class PdfPreviewDialog(QDialog):
    def __init__(self, pdf_path: Path, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.pdf_path = pdf_path
        self.setWindowTitle(title)
        self.resize(fitting_size(parent, 900, 1000))  # a whole A4 page where the screen has room
        self._cancelled = False
        layout = QVBoxLayout(self)
        self.document = QPdfDocument(self)
        self.document.load(str(pdf_path))
        self.view = QPdfView(self)
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        layout.addWidget(self.view, 1)
        self.page_label = muted_label(self.tr("{count} pages — unsigned preview; the exported file is signed").format(
            count=self.document.pageCount()), wrap=False)
        layout.addWidget(self.page_label)
        self.progress_bar = QProgressBar()
        self.progress_bar.hide()
        layout.addWidget(self.progress_bar)
        buttons = QDialogButtonBox()
        self.cancel_print_button = buttons.addButton(self.tr("Stop printing"), QDialogButtonBox.ButtonRole.ActionRole)
        self.cancel_print_button.clicked.connect(self._on_cancel_print_button_clicked)
        self.cancel_print_button.hide()
        self.print_button = buttons.addButton(self.tr("Print…"), QDialogButtonBox.ButtonRole.ActionRole)
        self.print_button.clicked.connect(self._on_print_button_clicked)
        buttons.addButton(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def _on_print_button_clicked(self) -> None:
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self.pdf_path.stem)
        chooser = QPrintDialog(printer, self)
        chooser.setMinMax(1, max(self.document.pageCount(), 1))
        if chooser.exec() == QDialog.DialogCode.Accepted:
            self.print_with_progress(printer, printer.printerName() or printer.outputFileName())

    def print_with_progress(self, device: QPagedPaintDevice, where: str = "") -> int:
        """Print every page with a progress bar and Stop; afterwards the label says how many pages went where."""
        total = self.document.pageCount()
        self._cancelled = False
        self.progress_bar.setRange(0, total)
        self.progress_bar.setValue(0)
        self.progress_bar.show()
        self.cancel_print_button.show()
        self.print_button.setEnabled(False)

        def on_page(done: int) -> bool:
            self.progress_bar.setValue(done)
            self.progress_bar.setFormat(self.tr("Printing page {done} of {total}").format(done=done, total=total))
            QCoreApplication.processEvents()  # paint the bar and let Stop be clicked between pages
            return not self._cancelled

        try:
            drawn = self.print_to(device, on_page)
        finally:
            self.progress_bar.hide()
            self.cancel_print_button.hide()
            self.print_button.setEnabled(True)
        if drawn < total:
            self.page_label.setText(self.tr("Printing stopped after {drawn} of {total} pages.").format(
                drawn=drawn, total=total))
        else:
            self.page_label.setText(self.tr("{total} pages sent to {printer}.").format(
                total=drawn, printer=where or self.tr("the printer")))
        return drawn

    def _on_cancel_print_button_clicked(self) -> None:
        self._cancelled = True

    def print_to(self, device: QPagedPaintDevice, on_page: Callable[[int], bool] | None = None) -> int:
        """Draw every page, scaled to fit the device's page and centred; returns the number of pages drawn.
        `on_page(done)` is called after each page; returning False stops there."""
        painter = QPainter()
        if not painter.begin(device):
            return 0
        drawn = 0
        try:
            for index in range(self.document.pageCount()):
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
                if on_page is not None and not on_page(drawn):
                    break
        finally:
            painter.end()
        return drawn


def show_preview(pdf_path: Path, title: str, parent: QWidget | None) -> PdfPreviewDialog:
    dialog = PdfPreviewDialog(pdf_path, title, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    return dialog
