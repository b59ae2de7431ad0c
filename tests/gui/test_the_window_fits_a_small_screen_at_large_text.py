"""The window on a 1,024×768 laptop with a larger desktop font (10, 12 and 14 pt), in the
light and the dark theme: it fits the screen, every pane at least at its minimum.

At 14 pt the window could not be made narrower than 1,072 px: the left bar grew with its
names to 329 px on top of the queue's, the thread's and the customer's minimums, so the
window's right edge (the customer pane) stood off a 1,024-pixel screen. Now the bar gives
way to what the screen leaves (its names cut to "…", whole in their tooltip, every count in
sight); on a wider screen nothing changes."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import QApplication, QListView, QToolTip

from inbox_app.gui import window_state
from inbox_app.gui.delegates import SidebarDelegate
from inbox_app.gui.models.sidebar_model import INSIGHTS_KEY, SidebarEntry, SidebarModel
from tests.gui.conftest import settle
from tests.gui.sidebar_names import names_cut, with_app_font

POINT_SIZES = [10.0, 12.0, 14.0]


def on_a_screen(request, make_window, qtbot, monkeypatch, point_size: float, theme: str,
                screen: tuple[int, int]):
    """The window as `inbox-app` opens it on a desktop of `point_size` and a screen of
    `screen` (the offscreen platform's own is a nominal 800×600), made as large as it."""
    with_app_font(request, point_size)
    monkeypatch.setattr(window_state, "screen_width", lambda _window: screen[0],
                        raising=False)
    window = make_window()
    window.state.set_theme(theme)
    window.resize(*screen)
    settle(qtbot, window)
    QApplication.processEvents()
    QApplication.processEvents()
    return window


def panes_fit(window, screen: tuple[int, int]) -> None:
    """The window's and every pane's minimum against the screen, and each pane at least as
    wide as its own minimum (nothing cut at its right edge)."""
    ui = window.ui
    hint = window.minimumSizeHint()
    assert hint.width() <= screen[0], (hint, ui.sidebarView.minimumWidth())
    assert hint.height() <= screen[1]
    assert window.width() == screen[0]
    assert ui.mainSplitter.width() == screen[0]
    for pane in (ui.queuePane, ui.conversationHost, ui.customerHost):
        least = max(pane.minimumWidth(), pane.minimumSizeHint().width())
        assert pane.width() >= least, pane.objectName()
    view = ui.sidebarView
    assert view.width() >= view.minimumWidth()
    model = view.model()
    for row in range(model.rowCount()):  # every count in sight: no row wider than the bar
        assert view.visualRect(model.index(row)).right() < view.viewport().width()


@pytest.mark.parametrize("theme", ["light", "dark"])
@pytest.mark.parametrize("point_size", POINT_SIZES, ids=lambda p: f"{p:g}pt")
def test_the_window_fits_1024_by_768(request, make_window, qtbot, monkeypatch, point_size,
                                     theme):
    window = on_a_screen(request, make_window, qtbot, monkeypatch, point_size, theme,
                         (1024, 768))
    panes_fit(window, (1024, 768))
    view = window.ui.sidebarView
    least = window_state.sidebar_least(view.font())
    assert view.minimumWidth() >= least  # the bar gives way, never down to nothing
    if point_size == 10.0:  # as before: the design's font needs no name cut
        assert names_cut(view, monkeypatch) == []


def test_insights_at_14pt_still_fits_1024(request, make_window, qtbot, monkeypatch):
    window = on_a_screen(request, make_window, qtbot, monkeypatch, 14.0, "light", (1024, 768))
    window.select_key(INSIGHTS_KEY)
    settle(qtbot, window)
    qtbot.waitUntil(lambda: window.minimumSizeHint().width() <= 1024)
    window.select_key("view:open")
    settle(qtbot, window)
    QApplication.processEvents()
    panes_fit(window, (1024, 768))


@pytest.mark.parametrize("screen", [(1366, 768), (1440, 900), (1920, 1080)],
                         ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("point_size", POINT_SIZES, ids=lambda p: f"{p:g}pt")
def test_a_wider_screen_cuts_no_name(request, make_window, qtbot, monkeypatch, point_size,
                                     screen):
    window = on_a_screen(request, make_window, qtbot, monkeypatch, point_size, "light",
                         screen)
    panes_fit(window, screen)
    view = window.ui.sidebarView
    assert view.minimumWidth() == view.width() or view.width() > view.minimumWidth()
    assert names_cut(view, monkeypatch) == []
    need = window_state.sidebar_need(view) + window_state.sidebar_chrome(view)
    assert view.minimumWidth() == min(need, window_state.sidebar_most(view.font()))


def tooltip_over(view, row: int, qtbot) -> str:
    """What hovering the bar's row shows (the view asks its delegate, as on a real hover)."""
    QToolTip.hideText()
    qtbot.waitUntil(lambda: not QToolTip.isVisible())
    index = view.model().index(row)
    spot = view.visualRect(index).center()
    event = QHelpEvent(QEvent.Type.ToolTip, spot, view.viewport().mapToGlobal(spot))
    QApplication.sendEvent(view.viewport(), event)
    return QToolTip.text() if QToolTip.isVisible() else ""


def test_a_name_cut_to_fit_is_whole_in_its_tooltip(request, make_window, qtbot, monkeypatch):
    window = on_a_screen(request, make_window, qtbot, monkeypatch, 14.0, "light", (1024, 768))
    view, model = window.ui.sidebarView, window.sidebar_model
    cut = names_cut(view, monkeypatch)
    assert "Competitor: roastery nine" in cut
    rows = {model.index(row).data(): row for row in range(model.rowCount())}
    view.scrollTo(model.index(rows["Competitor: roastery nine"]))
    QApplication.processEvents()
    assert tooltip_over(view, rows["Competitor: roastery nine"], qtbot) == "Competitor: roastery nine"
    assert tooltip_over(view, rows["Email"], qtbot) == ""  # a whole name needs none


@pytest.mark.parametrize(("width", "shown"), [(160, "Shop mail (orders@harbourlane.example)\n"),
                                              (600, "")])
def test_an_accounts_tooltip_keeps_its_health_below_its_cut_name(qtbot, width, shown):
    health = "Last check failed: the server refused the password."
    model = SidebarModel()
    model.set_entries([SidebarEntry("account:Shop mail", "Shop mail (orders@harbourlane.example)",
                                    "channel-email", 3, error="refused", tooltip=health)])
    view = QListView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.setItemDelegate(SidebarDelegate(view))
    view.resize(width, 120)
    view.show()
    qtbot.waitExposed(view)
    assert tooltip_over(view, 0, qtbot) == shown + health


def test_the_customer_pane_gives_its_room_and_is_remembered(request, make_window, qtbot,
                                                            monkeypatch):
    """At 14 pt on 1,024 pixels every pane stands at its minimum (the queue's names cut to
    two letters); View → Customer pane hides the customer, which gives its room to the
    queue and the thread and the bar its names back, until it is shown again — also in the
    next window."""
    window = on_a_screen(request, make_window, qtbot, monkeypatch, 14.0, "light", (1024, 768))
    ui, action = window.ui, window.state.customer_pane_action
    before = ui.queuePane.width() + ui.conversationHost.width()
    assert action.isChecked() and ui.customerHost.isVisible()
    assert action in ui.menuView.actions()

    action.trigger()
    QApplication.processEvents()
    qtbot.waitUntil(lambda: names_cut(ui.sidebarView, monkeypatch) == [])
    assert not ui.customerHost.isVisible()
    assert ui.queuePane.width() + ui.conversationHost.width() > before + 150
    assert window.width() == 1024

    window.close()
    again = make_window()
    again.resize(1024, 768)
    settle(qtbot, again)
    QApplication.processEvents()
    assert not again.ui.customerHost.isVisible()
    assert not again.state.customer_pane_action.isChecked()

    again.state.customer_pane_action.trigger()
    QApplication.processEvents()
    QApplication.processEvents()
    assert again.ui.customerHost.isVisible()
    panes_fit(again, (1024, 768))

