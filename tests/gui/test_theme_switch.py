"""Switching the theme: the Insights charts follow at once, and the dark theme's check
boxes and radio buttons can be seen."""

from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtCharts import QChart
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QRadioButton,
    QStyle,
    QStyleOptionButton,
    QVBoxLayout,
    QWidget,
)

from inbox_app.gui import theme
from inbox_app.gui.models.sidebar_model import INSIGHTS_KEY
from tests.gui.conftest import settle

DARK_CHART = QChart.ChartTheme.ChartThemeDark


@pytest.fixture
def app():
    app = QApplication.instance()
    theme.apply(app, "light")
    yield app
    theme.apply(app, "light")  # as the other tests expect it


def charts_dark(dashboard) -> list[bool]:
    return [view.chart().theme() == DARK_CHART for view in dashboard._chart_views()]


def test_the_insights_charts_follow_a_theme_switch_without_counting_again(app, window, qtbot):
    window.select_key(INSIGHTS_KEY)
    dashboard = window.dashboard
    qtbot.waitUntil(lambda: dashboard.figures is not None, timeout=20000)
    settle(qtbot, window)
    assert charts_dark(dashboard) == [False] * 4
    counted = dashboard._request
    window.state.set_theme("dark")
    qtbot.waitUntil(lambda: charts_dark(dashboard) == [True] * 4, timeout=5000)
    window.state.set_theme("light")
    qtbot.waitUntil(lambda: charts_dark(dashboard) == [False] * 4, timeout=5000)
    assert dashboard._request == counted  # drawn again from the figures on screen


def contrast(first: QColor, second: QColor) -> float:
    """The WCAG contrast ratio of two colours."""
    def luminance(colour: QColor) -> float:
        def channel(value: float) -> float:
            return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4
        return (0.2126 * channel(colour.redF()) + 0.7152 * channel(colour.greenF())
                + 0.0722 * channel(colour.blueF()))
    lighter, darker = sorted((luminance(first), luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def indicator_contrast(widget: QWidget, element: QStyle.SubElement) -> float:
    """The strongest contrast between the indicator's pixels and the widget's background
    (its outline, drawn against what is around it)."""
    option = QStyleOptionButton()
    option.initFrom(widget)
    rect = widget.style().subElementRect(element, option, widget)
    image = widget.grab().toImage()
    background = image.pixelColor(image.width() - 1, image.height() // 2)
    return max(contrast(image.pixelColor(x, y), background)
               for x in range(rect.left(), rect.right() + 1)
               for y in range(rect.top(), rect.bottom() + 1))


def test_check_boxes_and_radio_buttons_can_be_seen_in_the_dark(app, qtbot):
    theme.apply(app, "dark")
    host = QWidget()
    qtbot.addWidget(host)
    layout = QVBoxLayout(host)
    boxes = [QCheckBox("Email", host), QRadioButton("They called us", host),
             QRadioButton("We called them", host)]
    boxes[1].setChecked(True)
    for box in boxes:
        layout.addWidget(box)
    host.show()
    qtbot.waitExposed(host)
    for box in boxes:
        element = (QStyle.SubElement.SE_CheckBoxIndicator if isinstance(box, QCheckBox)
                   else QStyle.SubElement.SE_RadioButtonIndicator)
        assert indicator_contrast(box, element) >= 3.0, box.text()  # WCAG's for controls


def test_the_rules_list_ticks_can_be_seen_in_the_dark(app, qtbot, demo_jobs):
    from inbox_app.gui.rules_dialog import RulesDialog

    theme.apply(app, "dark")
    dialog = RulesDialog(demo_jobs, staff="Maya Okafor")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.loaded and demo_jobs.pending == 0, timeout=15000)
    rules = dialog.ui.ruleList
    shown = [dialog.model.rule_at(row) for row in range(dialog.model.rowCount())]
    assert shown
    dialog.model.set_rules([replace(shown[0], enabled=False), *shown[1:]])  # an empty box
    rect = rules.visualRect(dialog.model.index(0, 0))
    image = rules.viewport().grab().toImage()
    background = image.pixelColor(rect.right() - 2, rect.bottom() - 1)
    box = range(rect.left(), rect.left() + rect.height())  # the tick box leads the row
    best = max(contrast(image.pixelColor(x, y), background)
               for x in box for y in range(rect.top(), rect.bottom() + 1))
    assert best >= 3.0
    dialog.reject()
