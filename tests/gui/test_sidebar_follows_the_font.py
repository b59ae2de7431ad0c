"""The left bar is as wide as its names need in the app's font: at the design's 10 pt in a
1,024-pixel window, and at 14 pt (a desktop set to larger text, which `choose_font` follows).

The bar had a fixed minimum of 256 px, enough for "Competitor: roastery nine" and its count
at 10 pt; at 14 pt it cut it to "Competitor: roa…" again. A name longer than the bar's cap
(which grows with the font) is still cut, rather than squeeze the queue and the
conversation."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect, QSize
from PySide6.QtGui import QFontMetrics, QImage, QPainter
from PySide6.QtWidgets import QApplication, QStyle, QStyleOptionViewItem

from inbox_app.gui import delegates, window_state
from inbox_app.gui.models.sidebar_model import SidebarEntry, SidebarModel
from tests.gui.conftest import settle
from tests.gui.sidebar_names import CutNames, names_cut, with_app_font

LONG_TAG = "Competitor: the roastery that opened on the high street beside the station"


def shown_at(make_window, qtbot, width: int, height: int):
    window = make_window()
    window.resize(width, height)
    qtbot.waitUntil(lambda: window.width() == width and window.height() == height)
    settle(qtbot, window)
    QApplication.processEvents()
    return window


def rows_cut_at(width: int, entry: SidebarEntry, font, monkeypatch) -> list[str]:
    model = SidebarModel()
    model.set_entries([entry])
    index = model.index(0)
    option = QStyleOptionViewItem()
    option.rect = QRect(0, 0, width, 32)
    option.font = font
    option.state = QStyle.StateFlag.State_Enabled | QStyle.StateFlag.State_Selected
    monkeypatch.setattr(delegates, "QFontMetrics", CutNames)
    CutNames.cut = []
    canvas = QImage(QSize(width, 32), QImage.Format.Format_ARGB32)
    painter = QPainter(canvas)
    try:
        delegates.SidebarDelegate().paint(painter, option, index)
    finally:
        painter.end()
    return list(CutNames.cut)


@pytest.mark.parametrize("point_size", [10.0, 14.0])
@pytest.mark.parametrize("entry", [
    SidebarEntry("tag:c", "Competitor: roastery nine", "tag", 1),
    SidebarEntry("view:closed", "Closed", "closed", 12_345),
    SidebarEntry("account:Shop mail", "Shop mail (orders@)", "channel-email", 3,
                 error="The server refused the password."),
], ids=["tag", "big count", "failing account"])
def test_a_rows_size_hint_is_the_width_it_needs_whole(qapp, request, monkeypatch, point_size,
                                                     entry):
    """Painted at its hint's width the name is whole; a little narrower, it is cut: the
    hint is what the row needs, neither a guess nor a fixed 180."""
    with_app_font(request, point_size)
    font = QApplication.instance().font()
    model = SidebarModel()
    model.set_entries([entry])
    option = QStyleOptionViewItem()
    option.font = font
    hint = delegates.SidebarDelegate().sizeHint(option, model.index(0))
    assert rows_cut_at(hint.width(), entry, font, monkeypatch) == []
    assert rows_cut_at(hint.width() - 3, entry, font, monkeypatch) == [entry.label]
    assert hint.height() >= QFontMetrics(font).height() + 8


@pytest.mark.parametrize(("point_size", "size"), [(10.0, (1024, 768)), (14.0, (1600, 1000))],
                         ids=["10pt-1024", "14pt-1600"])
def test_no_sidebar_name_is_cut(request, make_window, qtbot, monkeypatch, point_size, size):
    with_app_font(request, point_size)
    window = shown_at(make_window, qtbot, *size)
    view = window.ui.sidebarView
    names = [view.model().index(row).data() for row in range(view.model().rowCount())]
    assert "Competitor: roastery nine" in names  # the demo's longest
    assert names_cut(view, monkeypatch) == []
    assert window.width() == size[0]  # the window was not pushed wider to make room

    # Dragged wider, then as narrow as it goes, the bar stops where its names are whole.
    splitter = window.ui.mainSplitter
    total = sum(splitter.sizes())
    wide = view.width() + 40
    splitter.setSizes([wide, total - wide])
    qtbot.waitUntil(lambda: view.width() == wide)
    splitter.setSizes([0, total])
    qtbot.waitUntil(lambda: view.width() == view.minimumWidth())
    QApplication.processEvents()
    assert names_cut(view, monkeypatch) == []


def test_the_bar_widens_for_a_longer_name_up_to_its_most(request, make_window, qtbot,
                                                          demo_store, monkeypatch):
    """A tag added later widens the bar when its rows are filled again; one too long for
    the bar's most is cut there (each count still in sight), and the window can still be
    made 1,024 pixels wide."""
    with_app_font(request, 10.0)
    window = shown_at(make_window, qtbot, 1440, 900)
    view = window.ui.sidebarView
    customer_id = window.customer.customer_id
    narrow = view.width()

    demo_store.tag_customer(customer_id, "Competitor: Harbour Roasters")
    window.refresh_all()
    settle(qtbot, window)
    QApplication.processEvents()
    assert view.width() > narrow
    assert names_cut(view, monkeypatch) == []

    demo_store.tag_customer(customer_id, LONG_TAG)
    window.refresh_all()
    settle(qtbot, window)
    QApplication.processEvents()
    assert names_cut(view, monkeypatch) == [LONG_TAG]
    assert view.minimumWidth() == window_state.SIDEBAR_MOST
    model = view.model()
    for row in range(model.rowCount()):  # no row laid out wider than the bar shows
        assert view.visualRect(model.index(row)).right() < view.viewport().width()

    window.resize(1024, 768)
    QApplication.processEvents()
    qtbot.waitUntil(lambda: window.width() == 1024)
