"""The Insights dashboard: figures counted off the event loop, live charts, tables, export."""

from __future__ import annotations

import json
import zipfile

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QFileDialog

from inbox_app.core.metrics import month_period, range_period
from inbox_app.gui.dashboard import DashboardView
from inbox_app.gui.models.dashboard_models import (
    StaffModel,
    TopCustomersModel,
    ValuableCustomersModel,
)
from inbox_app.reports import as_json
from inbox_app.store import open_store
from tests.store.helpers import msg

MARCH = month_period("2026-03")


@pytest.fixture
def view(dashboard_on, march_location):
    return dashboard_on(march_location)


def show_march(qtbot, view):
    with qtbot.waitSignal(view.figures_ready, timeout=20000) as blocker:
        view.set_period(MARCH)
    return blocker.args[0]


def card_texts(view):
    return {card.label.text(): (card.number.text(), card.note.text()) for card in view._cards}


def test_the_chosen_month_is_counted_in_the_background_and_shown(qtbot, view):
    figures = show_march(qtbot, view)
    assert figures.period == MARCH
    assert view.ui.periodBox.currentData() == "2026-03"
    assert view.ui.titleLabel.text().startswith("March 2026")
    cards = card_texts(view)
    assert cards["Inbound messages"] == ("4", "email 2 · social 1 · phone 1")
    assert cards["First response, median"][0] == "1.0 h"
    assert cards["Active customers"] == ("3", "2 new · 1 returning")
    assert cards["Phone : social"] == ("1.0 : 1", "email : social 2.0 : 1")
    assert view.ui.exportButton.isEnabled()
    assert "Counted at" in view.ui.statusLabel.text()


def test_charts_are_live_qtcharts_of_the_period(qtbot, view):
    show_march(qtbot, view)
    volume = view.ui.volumeView.chart()
    assert volume.title() == "Inbound messages by week and channel"
    (stacked,) = volume.series()
    assert [bar_set.label() for bar_set in stacked.barSets()] == ["Email", "Social", "Phone"]
    # Weeks of March 2026: 1, 2–8, 9–15, …; e1 and p1, m1 fall in the week of 2 March.
    assert [bar_set.at(1) for bar_set in stacked.barSets()] == [1.0, 1.0, 1.0]
    ratio = view.ui.ratioView.chart()
    assert ratio.series()[0].barSets()[0].at(0) == 1.0
    # The bars, and each of the four references drawn on both sides of its bar (never
    # through the bar's label); one legend entry per kind of company.
    lines = ratio.series()[1:]
    assert len(lines) == 8
    bar_label_room = (-0.25, 0.25)  # around each category's centre
    for line in lines:
        start, end = sorted(point.x() - round(point.x()) for point in line.points())
        assert end <= bar_label_room[0] or start >= bar_label_room[1]
    shown = [m.label() for m in ratio.legend().markers() if m.isVisible()]
    assert shown == ["This period", "Strategic companies", "Informal companies"]
    assert view.ui.responseView.chart().title().startswith("Time to first reply")
    assert view.ui.sentimentView.chart().title() == "Sentiment by week"


def test_the_tables_and_their_models(qtbot, qtmodeltester, view):
    qtmodeltester.check(view.customers_model)
    qtmodeltester.check(view.staff_model)
    show_march(qtbot, view)
    qtmodeltester.check(view.customers_model)
    qtmodeltester.check(view.staff_model)
    customers = view.customers_model
    names = [customers.index(row, TopCustomersModel.Column.NAME).data()
             for row in range(customers.rowCount())]
    assert names == ["Ann Lee", "Bo Berg", "Cat Cole"]
    assert customers.index(0, TopCustomersModel.Column.MESSAGES).data() == "2"
    assert customers.index(0, TopCustomersModel.Column.SHARE).data() == "50 %"
    assert customers.headerData(TopCustomersModel.Column.SHARE, Qt.Orientation.Horizontal) == \
        "Share"
    staff = view.staff_model
    assert staff.rowCount() == 1
    assert [staff.index(0, column).data() for column in StaffModel.Column] == \
        ["Maya", "1", "0", "1.0 h", "0", "0"]


def test_the_most_valuable_customers_who_wrote_and_who_waits(qtbot, qtmodeltester, view,
                                                            march_location):
    show_march(qtbot, view)
    assert view.valuable_model.rowCount() == 0
    assert "File → Import customer list" in view.ui.valuableLabel.text()
    store = open_store(march_location)
    try:
        store.set_customer_value(store.find_customer("ann@x.org").id, 1250.0)
        store.set_customer_value(store.find_customer("+1 207 555 0100").id, 80.0)
        ann = store.find_customer("ann@x.org").id
    finally:
        store.close()
    show_march(qtbot, view)
    model = view.valuable_model
    qtmodeltester.check(model)
    rows = [[model.index(row, column).data() for column in ValuableCustomersModel.Column]
            for row in range(model.rowCount())]
    # Ann waits in two conversations: February's e0 and March's e2 (t1 was answered).
    assert rows == [["1", "Ann Lee", "1,250.00", "2", "+0.00", "2"],
                    ["2", "Bo Berg", "80.00", "1", "+0.00", "1"]]
    waiting = model.index(0, ValuableCustomersModel.Column.WAITING)
    assert waiting.data(Qt.ItemDataRole.ForegroundRole) is not None  # it wants an answer
    assert model.index(0, 0).data(ValuableCustomersModel.CUSTOMER_ROLE) == ann
    assert view.ui.valuableLabel.text() == (
        "The 2 customers of highest value who wrote in the period: 2 are waiting for an"
        " answer now.")
    store = open_store(march_location)
    try:
        store.set_setting("currency", "£")
    finally:
        store.close()
    show_march(qtbot, view)
    assert [model.index(row, ValuableCustomersModel.Column.VALUE).data() for row in (0, 1)] \
        == ["£1,250.00", "£80.00"]
    top = view.customers_model
    assert "£1,250.00" in [top.index(row, TopCustomersModel.Column.VALUE).data()
                           for row in range(top.rowCount())]
    table = view.ui.valuableTable
    table.scrollTo(model.index(0, 0))
    centre = table.visualRect(model.index(0, ValuableCustomersModel.Column.NAME)).center()
    with qtbot.waitSignal(view.customer_activated) as blocker:
        qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=centre)
        qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    assert blocker.args == [ann]


def test_a_double_clicked_customer_is_announced(qtbot, view):
    show_march(qtbot, view)
    table = view.ui.customersTable
    first = view.customers_model.index(0, TopCustomersModel.Column.NAME)
    centre = table.visualRect(first).center()
    with qtbot.waitSignal(view.customer_activated) as blocker:
        qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=centre)
        qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    store = open_store(view.store_location)
    try:
        assert blocker.args == [store.find_customer("ann@x.org").id]
    finally:
        store.close()


def test_a_range_of_days(qtbot, view):
    with qtbot.waitSignal(view.figures_ready, timeout=20000) as blocker:
        view.set_period(range_period("2026-03-03", "2026-03-04"))
    assert blocker.args[0].inbound["total"] == 2
    assert view.ui.periodBox.currentData() == "range"
    assert view.ui.fromEdit.isVisible() and view.ui.toEdit.isVisible()
    assert card_texts(view)["Inbound messages"][0] == "2"


def test_a_backwards_range_is_refused_without_counting(qtbot, view):
    show_march(qtbot, view)
    view.ui.periodBox.setCurrentIndex(view.ui.periodBox.findData("range"))
    view.ui.fromEdit.setDate(view.ui.toEdit.date().addDays(3))
    view.refresh()
    assert "ends" in view.ui.statusLabel.text() and "before it starts" in view.ui.statusLabel.text()
    assert view.figures.period == MARCH


@pytest.mark.parametrize(
    ("chosen_filter", "name", "check"),
    [
        ("PDF document (*.pdf)", "march.pdf", lambda p: p.read_bytes().startswith(b"%PDF-")),
        ("CSV files, zipped (*.zip)", "march",
         lambda p: "summary.csv" in zipfile.ZipFile(p).namelist()),
        ("JSON (*.json)", "march.json", lambda p: json.loads(p.read_text())["month"] == "2026-03"),
    ],
)
def test_export_summary_writes_the_chosen_format(qtbot, view, tmp_path, monkeypatch,
                                                 chosen_filter, name, check):
    show_march(qtbot, view)
    target = tmp_path / name
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *args, **kwargs: (str(target), chosen_filter)))
    with qtbot.waitSignal(view.export_finished, timeout=20000) as blocker:
        qtbot.mouseClick(view.ui.exportButton, Qt.MouseButton.LeftButton)
    written = tmp_path / blocker.args[0].rsplit("/", 1)[-1]
    assert written.exists() and check(written)
    assert "Saved" in view.ui.statusLabel.text()


def test_exported_json_matches_the_figures_on_screen(qtbot, view, tmp_path):
    figures = show_march(qtbot, view)
    path = view.export_summary(tmp_path / "m.json")
    assert json.loads(path.read_text()) == as_json(figures)


def test_an_export_that_cannot_be_written_says_why(qtbot, view, tmp_path):
    show_march(qtbot, view)
    with qtbot.waitSignal(view.export_failed) as blocker:
        assert view.export_summary(tmp_path / "missing" / "m.pdf") is None
    assert "does not exist" in blocker.args[0]
    assert "does not exist" in view.ui.statusLabel.text()


def test_a_missing_store_is_reported_not_created(qtbot, tmp_path):
    missing = tmp_path / "nowhere.db"
    widget = DashboardView(str(missing))  # the first count starts here, in a pool thread;
    qtbot.addWidget(widget)  # its report is queued for the event loop, which waitSignal runs
    with qtbot.waitSignal(widget.figures_failed, timeout=20000) as blocker:
        pass
    widget.shutdown()
    assert "There is no store at" in blocker.args[0]
    assert "There is no store at" in widget.ui.statusLabel.text()
    assert not widget.ui.exportButton.isEnabled()
    assert not missing.exists()


def test_f5_counts_again(qtbot, view):
    show_march(qtbot, view)
    with qtbot.waitSignal(view.figures_ready, timeout=20000):
        qtbot.keyClick(view.ui.customersTable, Qt.Key.Key_F5)
    assert view.figures.period == MARCH


def test_the_widget_never_touches_the_store_on_the_main_thread(qtbot, march_location, monkeypatch):
    import threading

    import inbox_app.gui.dashboard_parts as dashboard  # the counting worker opens it

    opened_on: list[str] = []
    real_open = dashboard.open_store

    def spy(*args, **kwargs):
        opened_on.append(threading.current_thread().name)
        return real_open(*args, **kwargs)

    monkeypatch.setattr(dashboard, "open_store", spy)
    widget = DashboardView(march_location)
    qtbot.addWidget(widget)
    with qtbot.waitSignal(widget.figures_ready, timeout=20000):
        widget.set_period(MARCH)
    widget.shutdown()
    assert opened_on and threading.main_thread().name not in opened_on


def test_cards_fill_a_grid_of_two_rows(qtbot, view):
    show_march(qtbot, view)
    positions = {(card.pos().y(), card.pos().x()) for card in view._cards}
    assert len({y for y, _ in positions}) == 2 and len(positions) == 8
    assert view._cards[0].mapTo(view, QPoint(0, 0)).y() < view.ui.ratioView.mapTo(
        view, QPoint(0, 0)).y()


def test_new_messages_reach_the_figures_on_screen_by_themselves(qtbot, view, march_location):
    show_march(qtbot, view)
    other = open_store(march_location)  # the poller, or another desktop
    try:
        other.save_messages([msg("e3", email="dan@x.org", author="Dan Do",
                                 at="2026-03-20T09:00:00Z")])
    finally:
        other.close()
    with qtbot.waitSignal(view.figures_ready, timeout=20000) as blocker:
        view.store_changed()
        view.store_changed()  # a burst of changes counts once
    assert blocker.args[0].inbound["total"] == 5
    assert card_texts(view)["Inbound messages"][0] == "5"


def test_hidden_the_dashboard_counts_again_only_when_shown(qtbot, view, march_location):
    show_march(qtbot, view)
    view.hide()
    view.store_changed()
    with qtbot.assertNotEmitted(view.figures_ready, wait=2500):
        pass
    with qtbot.waitSignal(view.figures_ready, timeout=20000):
        view.show()


def test_the_window_keeps_its_insights_live(qtbot, make_window, march_location):
    window = make_window(march_location)
    qtbot.waitUntil(lambda: window.jobs.pending == 0, timeout=15000)
    window.select_key("insights")
    dashboard = window.dashboard
    with qtbot.waitSignal(dashboard.figures_ready, timeout=20000):
        dashboard.set_period(MARCH)
    other = open_store(march_location)
    try:
        other.save_messages([msg("p2", kind="phone", phone="+1 207 555 0199",
                                 author="Eve Ek", at="2026-03-21T09:00:00Z")])
    finally:
        other.close()
    with qtbot.waitSignal(dashboard.figures_ready, timeout=20000) as blocker:
        pass  # the live listener sees the commit; the dashboard counts again
    assert blocker.args[0].inbound["phone"] == 2


def test_the_month_under_way_is_charted_up_to_this_week(qtbot, view):
    from datetime import date

    from inbox_app.core import metrics
    from inbox_app.core.timeutil import now

    today = date.today()
    month = month_period(f"{today:%Y-%m}")
    with qtbot.waitSignal(view.figures_ready, timeout=20000):
        view.set_period(month)
    begun = [week for week in metrics.weeks(month) if week.start <= now()]
    (stacked,) = view.ui.volumeView.chart().series()
    assert stacked.barSets()[0].count() == len(begun)
    if today < month.last:
        assert view.ui.titleLabel.text().endswith(" so far")
