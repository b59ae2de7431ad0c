"""The Insights page for a person who works by keys or listens to a screen reader: Tab
goes the views, the page's controls in reading order, then the toolbar; it leaves a table
instead of walking its cells for ever; every control it reaches has a name, and a chart
reads what it shows in words."""

from __future__ import annotations

from itertools import groupby

from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QApplication

from inbox_app.core.metrics import month_period
from tests.gui.conftest import settle
from tests.gui.test_accessible_names import unnamed_controls

MARCH = month_period("2026-03")


def on_insights(window, qtbot):
    window.ui.actionShowInsights.trigger()
    settle(qtbot, window)
    qtbot.waitUntil(lambda: window.dashboard.figures is not None, timeout=20000)
    return window.dashboard


def tab_round(qtbot, start, key=Qt.Key.Key_Tab, most=40) -> list[str]:
    """The object names Tab (or Shift+Tab) visits from `start` until it comes back."""
    start.setFocus(Qt.FocusReason.TabFocusReason)
    visited = []
    for _ in range(most):
        qtbot.keyClick(QApplication.focusWidget(), key)
        focus = QApplication.focusWidget()
        if focus is start:
            return visited
        visited.append(focus.objectName())
    raise AssertionError(f"Tab never came back to {start.objectName()}: {visited}")


def show_march(qtbot, view):
    with qtbot.waitSignal(view.figures_ready, timeout=20000) as blocker:
        view.set_period(MARCH)
    return blocker.args[0]


PAGE_ORDER = ["periodBox", "refreshButton", "exportButton", "ratioView", "volumeView",
              "responseView", "sentimentView", "customersTable", "valuableTable", "staffTable"]


def test_tab_goes_from_the_views_through_the_page_before_the_toolbar(window, qtbot):
    """Tab went from the views to the toolbar's staff button, then the page; and it never
    left the Top customers table (Tab walked its cells round and round)."""
    on_insights(window, qtbot)
    forward = tab_round(qtbot, window.ui.sidebarView)
    assert forward == [*PAGE_ORDER, "staffButton"]
    backward = tab_round(qtbot, window.ui.sidebarView, Qt.Key.Key_Backtab)
    assert backward == ["staffButton", *reversed(PAGE_ORDER)]


def test_a_range_of_days_is_tabbed_through_in_order_and_its_days_are_named(window, qtbot):
    view = on_insights(window, qtbot)
    view.ui.periodBox.setFocus()
    qtbot.keyClick(view.ui.periodBox, Qt.Key.Key_End)  # "Range of days…", by keys
    assert view.ui.fromEdit.isVisible()
    # Tab steps through a date's day, month and year before it leaves it (Qt's own way).
    forward = [name for name, _ in groupby(tab_round(qtbot, window.ui.sidebarView))]
    assert forward == ["periodBox", "fromEdit", "toEdit", *PAGE_ORDER[1:], "staffButton"]
    assert view.ui.fromEdit.accessibleName() and view.ui.toEdit.accessibleName()
    assert view.ui.fromEdit.accessibleName() != view.ui.toEdit.accessibleName()
    assert unnamed_controls(view) == []


def test_every_control_of_the_page_has_a_name_and_the_scroll_area_is_no_stop(window, qtbot):
    view = on_insights(window, qtbot)
    assert unnamed_controls(view) == []
    assert view.ui.scrollArea.focusPolicy() == Qt.FocusPolicy.NoFocus


def test_each_chart_is_named_by_its_title_and_reads_its_figures(qtbot, dashboard_on,
                                                                  march_location):
    """March: Ann emails twice, Bo calls, Cat posts on Mastodon; one of the three
    conversations is answered within the hour."""
    view = dashboard_on(march_location)
    show_march(qtbot, view)
    ui = view.ui
    for chart_view in (ui.ratioView, ui.volumeView, ui.responseView, ui.sentimentView):
        face = QAccessible.queryAccessibleInterface(chart_view)
        assert face.text(QAccessible.Text.Name) == chart_view.chart().title()
        assert face.text(QAccessible.Text.Description) == chart_view.accessibleDescription()
    ratio = ui.ratioView.accessibleDescription()
    assert "Phone : social 1.0 : 1" in ratio and "Email : social 2.0 : 1" in ratio
    assert "strategic companies 2 : 1" in ratio and "informal 4 : 1" in ratio
    volume = ui.volumeView.accessibleDescription()
    assert volume.startswith("4 inbound messages: Email 2 (50 %), Social 1 (25 %), "
                             "Phone 1 (25 %).")
    assert "2 Mar: 3 (Email 1, Social 1, Phone 1)" in volume
    assert "9 Mar: 1 (Email 1)" in volume
    assert ui.responseView.accessibleDescription() == (
        "4 conversations started; 1 answered: 1 in 1–4 h; 3 with no reply yet. "
        "Median first reply 1.0 h.")
    assert ui.sentimentView.accessibleDescription().startswith(
        "Mean compound +0.00 (neutral), 0 % negative. By week: 1 Mar no messages; "
        "2 Mar +0.00, 0 % negative; 9 Mar +0.00, 0 % negative; 16 Mar no messages;")


def test_a_shop_with_one_channel_reads_no_ratio_and_no_empty_families(qtbot, dashboard_on,
                                                                       db_path):
    from inbox_app.store import open_store
    from tests.store.helpers import msg

    store = open_store(db_path)
    store.save_messages([
        msg(f"p{n}", kind="phone", phone=f"+1 207 555 01{n:02d}", author=f"Caller {n}",
            at=f"2026-03-{n + 2:02d}T09:00:00Z") for n in range(3)])
    store.close()
    view = dashboard_on(str(db_path))
    show_march(qtbot, view)
    assert "no social messages" in view.ui.ratioView.accessibleDescription().lower()
    volume = view.ui.volumeView.accessibleDescription()
    assert volume.startswith("3 inbound messages: Phone 3 (100 %).")
    assert "Email" not in volume and "Social" not in volume


def test_a_month_nobody_wrote_in_reads_so(qtbot, dashboard_on, march_location):
    view = dashboard_on(march_location)
    with qtbot.waitSignal(view.figures_ready, timeout=20000):
        view.set_period(month_period("2025-01"))
    for chart_view in (view.ui.volumeView, view.ui.sentimentView):
        assert chart_view.accessibleDescription().startswith("No customer messages")
    assert view.ui.responseView.accessibleDescription().startswith(
        "No conversation started")


def test_tabbing_into_the_charts_from_the_toolbar_scrolls_them_into_view(qtbot, dashboard_on,
                                                                          march_location):
    """Read down to the tables, Shift+Tab back to the toolbar and Tab again: the focus was on
    the first chart, out of sight above."""
    view = dashboard_on(march_location)
    show_march(qtbot, view)
    view.resize(1024, 640)
    bar = view.ui.scrollArea.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0)
    bar.setValue(bar.maximum())
    view.ui.exportButton.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.keyClick(view.ui.exportButton, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is view.ui.ratioView
    chart = view.ui.ratioView
    shown = view.ui.scrollArea.viewport().rect()
    assert chart.height() < shown.height()
    assert shown.contains(chart.mapTo(view.ui.scrollArea.viewport(), chart.rect().topLeft()))
    assert shown.contains(chart.mapTo(view.ui.scrollArea.viewport(), chart.rect().bottomRight()))


def test_cards_at_a_large_text_size_go_two_to_a_row_instead_of_off_the_page(
        qtbot, dashboard_on, march_location):
    """With 14 pt text on a 1024 px laptop (the page about 750 px wide) four cards to a row
    did not fit: the fourth column was cut off behind a horizontal scroll bar."""
    app = QApplication.instance()
    was = app.font()
    font = app.font()
    font.setPointSizeF(14)
    app.setFont(font)
    try:
        view = dashboard_on(march_location)
        show_march(qtbot, view)
        for width in range(700, 1300, 50):
            view.resize(width, 800)
            qtbot.waitUntil(lambda: view.ui.scrollArea.widget().width()
                            <= view.ui.scrollArea.viewport().width(), timeout=15000)
            assert view.ui.scrollArea.horizontalScrollBar().maximum() == 0, width
            for card in view._cards:
                assert card.width() >= card.minimumSizeHint().width(), width
    finally:
        app.setFont(was)


def large_text(qtbot):
    app = QApplication.instance()
    was = app.font()
    font = app.font()
    font.setPointSizeF(14)
    app.setFont(font)
    return lambda: app.setFont(was)


def test_a_range_chosen_by_keys_on_a_narrow_page_keeps_the_page_as_wide_as_it_was(
        qtbot, dashboard_on, march_location):
    """With 14 pt text, "Range of days…" put two date boxes in the toolbar: the page, and
    the window with it, grew to about 1,000 px — wider than a 1024 px laptop's screen
    once the left bar is beside it."""
    restore = large_text(qtbot)
    try:
        view = dashboard_on(march_location)
        show_march(qtbot, view)
        view.resize(700, 800)
        qtbot.waitUntil(lambda: view.width() == 700)
        view.ui.periodBox.setFocus()
        qtbot.keyClick(view.ui.periodBox, Qt.Key.Key_End)
        assert view.ui.periodBox.currentData() == "range"
        qtbot.waitUntil(lambda: view.ui.fromEdit.isVisible())
        assert view.minimumSizeHint().width() <= 700
        QApplication.processEvents()
        assert view.width() == 700
        for control in (view.ui.fromEdit, view.ui.toEdit, view.ui.exportButton):
            right = control.mapTo(view, control.rect().topRight()).x()
            assert 0 < right < view.width(), control.objectName()
        view.resize(1500, 800)  # room for one row again: the days go back up beside it
        # In the toolbar's row (their tops may differ by a pixel or two: a button's padding,
        # after a test before this one styled the application, centres them differently).
        def beside() -> bool:
            period = view.ui.periodBox.geometry()
            return (view.ui.toolbarLayout.indexOf(view.ui.fromEdit) >= 0
                    and period.top() <= view.ui.fromEdit.geometry().center().y()
                    <= period.bottom())

        qtbot.waitUntil(beside, timeout=15000)
    finally:
        restore()


def test_a_long_sentence_in_the_status_wraps_instead_of_widening_the_page(
        qtbot, dashboard_on, march_location):
    view = dashboard_on(march_location)
    show_march(qtbot, view)
    view.resize(700, 800)
    qtbot.waitUntil(lambda: view.width() == 700)
    view.ui.statusLabel.setText("The store cannot be opened (unable to open database file): "
                                "is its folder there, and may this user read and write in it?")
    assert view.minimumSizeHint().width() <= 700
    QApplication.processEvents()
    assert view.width() == 700
