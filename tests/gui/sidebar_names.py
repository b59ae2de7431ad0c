"""Painting the left bar's rows as they stand and noting the names cut to "…", and the
app's font as on a desktop of another size: what the sidebar and small-screen tests
check the bar with."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect
from PySide6.QtGui import QFontMetrics, QImage, QPainter
from PySide6.QtWidgets import QApplication, QStyle, QStyleOptionViewItem

from inbox_app.gui import delegates, theme
from inbox_app.gui.app import choose_font
from inbox_app.gui.models.sidebar_model import SidebarRole


class CutNames(QFontMetrics):
    """Font metrics that note every text the sidebar had to end in "…"."""

    cut: list[str] = []

    def elidedText(self, text, mode, width, flags=0):  # noqa: N802 — Qt's name
        shown = super().elidedText(text, mode, width, flags)
        if shown != text:
            CutNames.cut.append(text)
        return shown


def with_app_font(request, point_size: float) -> None:
    """The app's font as `inbox-app` chooses it on a desktop whose font is `point_size`,
    and the stylesheet scaled to it; put back after the test."""
    app = QApplication.instance()
    font = app.font()
    desktop = app.font()
    desktop.setPointSizeF(point_size)
    app.setFont(desktop)
    choose_font(app)
    theme.apply(app, "light")
    request.addfinalizer(lambda: (app.setFont(font), theme.apply(app, "light")))


def names_cut(view, monkeypatch) -> list[str]:
    """Paints every row of the bar as it stands, chosen (its name bold: the widest it
    gets), and returns the names that were cut to "…"."""
    model = view.model()
    monkeypatch.setattr(delegates, "QFontMetrics", CutNames)
    CutNames.cut = []
    canvas = QImage(view.viewport().size(), QImage.Format.Format_ARGB32)
    painter = QPainter(canvas)
    try:
        for row in range(model.rowCount()):
            index = model.index(row)
            if index.data(SidebarRole.IS_SECTION):
                continue
            option = QStyleOptionViewItem()
            option.rect = QRect(QPoint(0, 0), view.visualRect(index).size())
            option.font = view.font()
            option.state = QStyle.StateFlag.State_Enabled | QStyle.StateFlag.State_Selected
            view.itemDelegate().paint(painter, option, index)
    finally:
        painter.end()
    return list(CutNames.cut)
