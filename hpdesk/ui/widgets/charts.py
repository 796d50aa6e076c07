"""Chart builders for the dashboard (QtCharts): completeness as horizontal stacked bars and verdicts as a donut.

Each builder takes plain numbers and labels and returns a QChartView, so the dashboard stays free of chart details
and tests can check the series without a window.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCharts import (
    QBarCategoryAxis, QBarSet, QChart, QChartView, QHorizontalStackedBarSeries, QPieSeries, QValueAxis,
)
from PySide6.QtCore import QMargins, Qt
from PySide6.QtGui import QColor, QFont, QPainter
from PySide6.QtWidgets import QApplication


def _chart(title: str) -> QChart:
    chart = QChart()
    chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)  # charts redraw on every period change
    title_font = QFont(QApplication.font())
    title_font.setPointSizeF(title_font.pointSizeF() + 1.5)
    title_font.setBold(True)
    chart.setTitle(title)
    chart.setTitleFont(title_font)
    chart.setBackgroundRoundness(6)
    chart.setMargins(QMargins(4, 4, 4, 4))
    chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
    chart.legend().setFont(QApplication.font())
    return chart


def _view(chart: QChart, minimum_height: int) -> QChartView:
    view = QChartView(chart)
    view.setRenderHint(QPainter.RenderHint.Antialiasing)
    view.setMinimumHeight(minimum_height)
    return view


def stacked_bar_chart(title: str, categories: Sequence[str], stacks: Sequence[tuple[str, QColor, Sequence[int]]],
                      empty_text: str) -> QChartView:
    """Horizontal stacked bars, one per category (the first category on top); `stacks` are (name, colour, values)."""
    chart = _chart(title)
    if not categories:
        chart.setTitle(f"{title}\n\n{empty_text}")
        return _view(chart, 160)
    series = QHorizontalStackedBarSeries()
    series.setBarWidth(0.7)
    for name, colour, values in stacks:
        bar_set = QBarSet(name)
        bar_set.setColor(colour)
        bar_set.setBorderColor(colour)
        # Qt draws the first category at the bottom; reverse so the list reads top-down like a table.
        bar_set.append([float(value) for value in reversed(values)])
        series.append(bar_set)
    chart.addSeries(series)
    category_axis = QBarCategoryAxis()
    category_axis.append([_shorten(category) for category in reversed(categories)])
    category_axis.setLabelsFont(QApplication.font())
    category_axis.setTruncateLabels(False)  # Chinese names are short; "…" for all of them helps nobody
    chart.addAxis(category_axis, Qt.AlignmentFlag.AlignLeft)
    series.attachAxis(category_axis)
    value_axis = QValueAxis()
    largest = max((sum(values[i] for _name, _colour, values in stacks) for i in range(len(categories))), default=0)
    value_axis.setRange(0, max(largest, 1))
    value_axis.setLabelFormat("%d")
    value_axis.applyNiceNumbers()
    if value_axis.max() <= 5:
        value_axis.setTickCount(int(value_axis.max()) + 1)  # whole numbers only: no "0.5 reports"
    value_axis.setLabelsFont(QApplication.font())
    chart.addAxis(value_axis, Qt.AlignmentFlag.AlignBottom)
    series.attachAxis(value_axis)
    return _view(chart, 110 + 26 * len(categories))


def donut_chart(title: str, slices: Sequence[tuple[str, QColor, int]], empty_text: str) -> QChartView:
    """A donut of counts with the count in each slice's legend entry; an explaining title when all are zero."""
    chart = _chart(title)
    series = QPieSeries()
    series.setHoleSize(0.45)
    total = sum(count for _name, _colour, count in slices)
    for name, colour, count in slices:
        if count:
            pie_slice = series.append(f"{name} {count}", count)
            pie_slice.setColor(colour)
            pie_slice.setBorderColor(QColor("white"))
    if total == 0:
        chart.setTitle(f"{title}\n\n{empty_text}")
    chart.addSeries(series)
    chart.legend().setAlignment(Qt.AlignmentFlag.AlignRight)
    return _view(chart, 260)


def _shorten(text: str, limit: int = 12) -> str:
    """Axis labels must stay one short line; the full name is in the table beside the chart."""
    return text if len(text) <= limit else text[:limit - 1] + "…"
