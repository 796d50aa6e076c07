"""Colours and the application style sheet: one place, so verdicts, review states and headings look the same in
every view and chart. Colours are chosen to be told apart by clerks with red-green colour weakness too (the verdict
text is always shown beside the colour)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from PySide6.QtCore import QAbstractItemModel, QSignalBlocker
from PySide6.QtGui import QColor, QIcon, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView, QApplication, QComboBox, QHBoxLayout, QLabel, QLayout, QPushButton, QStyleFactory, QTableView,
    QTableWidget, QTableWidgetItem, QWidget,
)

ACCENT = QColor("#1f6fb2")
MUTED_TEXT = QColor("#6b7280")
WINDOW = QColor("#f5f6f8")
FLAG = QColor("#fff4ce")  # a row the import asked the clerk to check

# Backgrounds (light, so black text stays readable) and strong colours (charts, badges) per verdict.
VERDICT_BACKGROUND = {
    "met": QColor("#d8f0dc"), "not_met": QColor("#f8d7d5"), "on_track": QColor("#dbe9f8"),
    "off_track": QColor("#fde5c8"), "needs_judgement": QColor("#ebe4f5"), "no_value": QColor("#eeeff1"),
}
VERDICT_STRONG = {
    "met": QColor("#2e8b47"), "not_met": QColor("#c0392b"), "on_track": QColor("#2f78c4"),
    "off_track": QColor("#e08a1e"), "needs_judgement": QColor("#8e6bbf"), "no_value": QColor("#b8bec7"),
}
REVIEW_STRONG = {
    "draft": QColor("#9ca3af"), "submitted": QColor("#2f78c4"), "returned": QColor("#c0392b"),
    "approved": QColor("#2e8b47"),
}
OVERDUE = QColor("#c0392b")

STYLE_SHEET = """
QToolBar#sectionBar { background: #243447; border: none; padding: 6px 2px; spacing: 4px; }
QToolBar#sectionBar QToolButton { color: #e5e9f0; border-radius: 6px; padding: 8px 4px; min-width: 64px; }
QToolBar#sectionBar QToolButton:hover { background: #2f4560; }
QToolBar#sectionBar QToolButton:checked { background: #1f6fb2; color: white; }
QToolBar#topBar { spacing: 8px; padding: 4px 8px; border-bottom: 1px solid #d9dde3; }
QLabel[role="pageTitle"] { font-size: 15pt; font-weight: bold; color: #1f2933; }
QLabel[role="muted"] { color: #6b7280; }
QLabel[role="cardValue"] { font-size: 20pt; font-weight: bold; color: #1f2933; }
QLabel[role="cardLabel"] { color: #6b7280; }
QFrame[role="card"] { background: white; border: 1px solid #dfe3e8; border-radius: 8px; }
QFrame[role="notice"] { background: #fff4ce; border: 1px solid #f0d77a; border-radius: 6px; }
QFrame[role="returned"] { background: #fbe3e1; border: 1px solid #eab0aa; border-radius: 6px; }
QTableView, QTreeView, QListView { background: white; alternate-background-color: #f7f9fb;
                                   selection-background-color: #cfe3f7; selection-color: #111827; }
QHeaderView::section { background: #eef1f5; border: none; border-right: 1px solid #dde1e6;
                       border-bottom: 1px solid #dde1e6; padding: 4px 6px; font-weight: bold; color: #374151; }
QTabWidget::pane { border: 1px solid #d9dde3; top: -1px; background: white; }
QPushButton[role="primary"] { background: #1f6fb2; color: white; border: 1px solid #174f80; border-radius: 4px;
                              padding: 5px 16px; }
QPushButton[role="primary"]:hover { background: #2a7fc7; }
QPushButton[role="primary"]:disabled { background: #9fbcd6; border-color: #9fbcd6; }
QLineEdit#searchEdit { border: 1px solid #c4cad3; border-radius: 14px; padding: 4px 10px; min-height: 20px; }
"""


def apply_style(app: QApplication) -> None:
    """Fusion with a light palette: the app looks the same on every Windows version and under Xvfb."""
    fusion = QStyleFactory.create("Fusion")
    if fusion is not None:
        app.setStyle(fusion)
    palette = app.palette()
    palette.setColor(QPalette.ColorRole.Window, WINDOW)
    palette.setColor(QPalette.ColorRole.Highlight, QColor("#cfe3f7"))
    palette.setColor(QPalette.ColorRole.HighlightedText, QColor("#111827"))
    palette.setColor(QPalette.ColorRole.Link, ACCENT)
    app.setPalette(palette)
    app.setStyleSheet(STYLE_SHEET)


def muted_label(text: str = "", *, wrap: bool = True) -> QLabel:
    """An explanatory label in the muted colour the style sheet gives `role="muted"`, word-wrapped unless `wrap` is
    False (a count or a key hint on one line beside a title)."""
    label = QLabel(text)
    label.setWordWrap(wrap)
    label.setProperty("role", "muted")
    return label


def page_title(text: str = "") -> QLabel:
    """A page's or dialog's heading in the large bold type of `role="pageTitle"`."""
    label = QLabel(text)
    label.setProperty("role", "pageTitle")
    return label


def hbox(*items: QWidget | QLayout | int | tuple | None) -> QHBoxLayout:
    """A row of `items` from left to right: a widget or a layout; None, a stretch; n, a stretch of factor n; a tuple,
    the arguments of addWidget (a widget and its stretch factor, and its alignment)."""
    row = QHBoxLayout()
    for item in items:
        if item is None or isinstance(item, int):
            row.addStretch(item or 0)
        elif isinstance(item, tuple):
            row.addWidget(*item)
        elif isinstance(item, QLayout):
            row.addLayout(item)
        else:
            row.addWidget(item)
    return row


def push_button(text: str, on_click: Callable[..., object], *, tip: str = "", primary: bool = False,
                icon: QIcon | None = None) -> QPushButton:
    """A button calling `on_click`, with `tip` as its tooltip; `primary` gives it the accent of `role="primary"`."""
    button = QPushButton(text) if icon is None else QPushButton(icon, text)
    button.clicked.connect(on_click)
    button.setToolTip(tip)
    if primary:
        button.setProperty("role", "primary")
    return button


def row_table(model: QAbstractItemModel, *,
              selection: QAbstractItemView.SelectionMode = QAbstractItemView.SelectionMode.SingleSelection,
              alternating: bool = True, word_wrap: bool = False) -> QTableView:
    """A table of records showing `model`: whole rows are selected, there are no row numbers; by default one row at
    a time, in alternating colours, each cell on one line. Tab leaves the table (arrows move in it): cell by cell
    it trapped the keyboard in the task list, the review queue and every other list of records."""
    table = QTableView()
    table.setModel(model)
    table.setTabKeyNavigation(False)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(selection)
    table.setAlternatingRowColors(alternating)
    table.setWordWrap(word_wrap)
    table.verticalHeader().setVisible(False)
    return table


def record_table(headers: list[str], *,
                 selection: QAbstractItemView.SelectionMode = QAbstractItemView.SelectionMode.SingleSelection
                 ) -> QTableWidget:
    """A read-only table widget under `headers` that selects whole rows (one at a time by default) and shows no row
    numbers; its rows are filled in as QTableWidgetItems."""
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.setTabKeyNavigation(False)  # Tab leaves the table, as in row_table
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(selection)
    table.verticalHeader().setVisible(False)
    return table


def fill_table(table: QTableWidget, rows: Sequence[Sequence[object]], headers: list[str] | None = None) -> None:
    """Show `rows` in a record table, each cell's text also as its tooltip (long answers are read there); `headers`
    replace the columns when given."""
    if headers is not None:
        table.setColumnCount(len(headers))
        table.setHorizontalHeaderLabels(headers)
    table.setRowCount(len(rows))
    for row_number, row in enumerate(rows):
        for column, value in enumerate(row):
            item = QTableWidgetItem(str(value))
            item.setToolTip(str(value))
            table.setItem(row_number, column, item)


def clear_layout(layout: QLayout) -> None:
    """Take every item out of `layout`, deleting its widgets (charts and rows rebuilt on each load)."""
    while (item := layout.takeAt(0)) is not None:
        if (widget := item.widget()) is not None:
            widget.deleteLater()


def item_combo(items: Iterable[tuple[str, object]], current: object = None) -> QComboBox:
    """A combo box of (text, data) items, on the item whose data is `current` (the first when none is)."""
    combo = QComboBox()
    refill_combo(combo, items, current)
    return combo


def refill_combo(combo: QComboBox, items: Iterable[tuple[str, object]], current: object = None) -> None:
    """Replace `combo`'s items with (text, data) items and go to the one whose data is `current` (the first when none
    is), without emitting the combo's signals: a reload is not the clerk's choice."""
    with QSignalBlocker(combo):
        combo.clear()
        for text, data in items:
            combo.addItem(text, data)
        combo.setCurrentIndex(max(combo.findData(current), 0))
