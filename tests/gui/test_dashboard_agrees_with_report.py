"""The Insights page: what it shows agrees with `inbox-app report` for the same period,
and the months it offers follow the calendar while the window stays open."""

from __future__ import annotations

import json
from datetime import date

import pytest

import inbox_app.gui.dashboard as dashboard_module
from inbox_app.cli import main
from inbox_app.core.metrics import month_period, range_period
from inbox_app.gui.dashboard import DashboardView
from inbox_app.gui.models.dashboard_models import StaffModel, TopCustomersModel
from inbox_app.reports import formatting as fmt
from inbox_app.reports.figures import compute_figures
from inbox_app.store import open_store


def report_json(location: str, *args: str, capsys) -> dict:
    capsys.readouterr()
    assert main(["--db", location, "report", *args, "--format", "json"]) == 0
    return json.loads(capsys.readouterr().out)


@pytest.fixture
def view(dashboard_on, demo_location):
    return dashboard_on(demo_location)


def shown(qtbot, view, period):
    with qtbot.waitSignal(view.figures_ready, timeout=20000) as blocker:
        view.set_period(period)
    return blocker.args[0]


def last_month() -> str:
    today = date.today()
    number = today.year * 12 + today.month - 2
    return f"{number // 12:04d}-{number % 12 + 1:02d}"


@pytest.mark.parametrize("which", ["last month", "this month", "a range"])
def test_the_page_shows_what_the_report_says(qtbot, view, demo_location, capsys, which):
    if which == "last month":
        args, period = ["--month", last_month()], month_period(last_month())
    elif which == "this month":
        args, period = ["--month", f"{date.today():%Y-%m}"], month_period(f"{date.today():%Y-%m}")
    else:
        first = date.today().replace(day=1)
        first = first.replace(month=first.month - 1) if first.month > 1 else first.replace(
            year=first.year - 1, month=12)
        args = ["--from", first.replace(day=10).isoformat(), "--to", date.today().isoformat()]
        period = range_period(first.replace(day=10), date.today())
    figures = shown(qtbot, view, period)
    report = report_json(demo_location, *args, capsys=capsys)
    assert report["month"] == period.label
    if which != "this month":  # (which may have just begun)
        assert report["inbound"]["total"] > 0  # the demo shop has figures to compare
    cards = {card.label.text(): (card.number.text(), card.note.text()) for card in view._cards}
    inbound = report["inbound"]
    assert cards["Inbound messages"] == (
        f"{inbound['total']:,}",
        f"email {inbound['email']:,} · social {inbound['social']:,} · phone {inbound['phone']:,}")
    assert cards["First response, median"][0] == fmt.seconds(report["first_response_s"]["median"])
    assert cards["Resolution, median"][0] == fmt.seconds(report["resolution_s"]["median"])
    assert cards["Sentiment"][0] == fmt.compound(report["sentiment"]["mean_compound"])
    assert cards["Active customers"] == (
        f"{report['customers']['active']:,}",
        f"{report['customers']['new']:,} new · {report['customers']['returning']:,} returning")
    assert cards["Top 20 % of customers"][0] == fmt.percent(report["top20_share"])
    assert cards["Share of conversation"][0] == fmt.percent(report["share_of_conversation"])
    assert cards["Phone : social"] == (
        fmt.ratio(report["ratios"]["phone_to_social"]),
        f"email : social {fmt.ratio(report['ratios']['email_to_social'])}")

    top = view.customers_model
    on_screen = [(top.index(row, TopCustomersModel.Column.NAME).data(),
                  top.index(row, TopCustomersModel.Column.MESSAGES).data())
                 for row in range(top.rowCount())]
    assert on_screen == [(c["name"], f"{c['inbound']:,}") for c in report["top_customers"]]
    staff = view.staff_model
    on_screen = [[staff.index(row, column).data() for column in StaffModel.Column]
                 for row in range(staff.rowCount())]
    assert on_screen == [
        [s["name"], f"{s['replies']:,}", f"{s['closed']:,}",
         fmt.seconds(s["first_response_median_s"]), f"{s['open_followups']:,}",
         f"{s['overdue']:,}"]
        for s in report["staff"]]
    volume = view.ui.volumeView.chart().series()[0]
    charted = sum(bar_set.sum() for bar_set in volume.barSets())
    assert charted == inbound["total"] == sum(w.total for w in figures.weeks)


class _Today:
    """`date.today()` as the test says, for the dashboard module only."""

    value = date(2026, 11, 30)

    @classmethod
    def install(cls, monkeypatch, day: date) -> None:
        cls.value = day

        class FakeDate(date):
            @classmethod
            def today(klass):
                return cls.value

        monkeypatch.setattr(dashboard_module, "date", FakeDate)


def test_a_page_left_open_into_a_new_month_offers_that_month(qtbot, demo_location,
                                                             monkeypatch):
    _Today.install(monkeypatch, date(2026, 11, 30))
    widget = DashboardView(demo_location)
    qtbot.addWidget(widget)
    try:
        box = widget.ui.periodBox
        assert (box.itemText(0), box.itemData(0)) == ("November 2026 (so far)", "2026-11")
        with qtbot.waitSignal(widget.figures_ready, timeout=20000):
            widget.set_period(month_period("2026-11"))
        _Today.value = date(2026, 12, 1)  # midnight passes with the window open
        with qtbot.waitSignal(widget.figures_ready, timeout=20000) as blocker:
            widget.refresh()
        assert (box.itemText(0), box.itemData(0)) == ("December 2026 (so far)", "2026-12")
        assert box.itemText(1) == "November 2026"
        # What the person was looking at stays on screen.
        assert box.currentData() == "2026-11" and blocker.args[0].period.label == "2026-11"
    finally:
        widget.shutdown()


def test_the_figures_of_a_store_that_changes_period_settle_on_the_chosen_one(
        qtbot, view, demo_location):
    """Choosing months one after another quickly: the page ends on the last choice."""
    periods = [month_period(f"{date.today():%Y-%m}"), month_period(last_month())]
    for period in periods:
        view.set_period(period)
    qtbot.waitUntil(lambda: view.figures is not None
                    and view.figures.period == periods[-1], timeout=20000)
    store = open_store(demo_location)
    try:
        expected = compute_figures(store, periods[-1], now_at=view.figures.generated_at)
    finally:
        store.close()
    assert view.figures.inbound == expected.inbound
    assert view.ui.titleLabel.text().startswith(periods[-1].title)


# The owner's days, far from UTC: each message is a few minutes inside or outside the
# month where the shop is, and the month has a change of summer time.
OWNERS_MONTHS = {
    "Pacific/Auckland": {  # summer time from 27 September, 02:00 (UTC+12 → +13)
        "month": "2026-09",
        "now": "2026-09-30T12:00:00Z",  # 1 October, 01:00 there: September is over
        "inside": ["2026-08-31T12:30:00Z",  # 1 September, 00:30
                   "2026-09-26T13:30:00Z",  # 27 September, 01:30, just before the change
                   "2026-09-30T10:30:00Z"],  # 30 September, 23:30
        "outside": ["2026-08-31T11:30:00Z",  # 31 August, 23:30
                    "2026-09-30T11:30:00Z",  # 1 October, 00:30
                    "2026-09-30T12:30:00Z"],  # 1 October, 01:30
        "heading": "September 2026  ·  1 Sep 2026 – 30 Sep 2026",
    },
    "America/Los_Angeles": {  # summer time ends 1 November, 02:00 (UTC−7 → −8)
        "month": "2026-11",
        "now": "2026-12-01T03:00:00Z",  # 30 November, 19:00 there: November is under way
        "inside": ["2026-11-01T07:30:00Z",  # 1 November, 00:30
                   "2026-11-01T09:30:00Z",  # 1 November, 01:30, the second time
                   "2026-12-01T02:00:00Z"],  # 30 November, 18:00: today
        "outside": ["2026-11-01T06:30:00Z",  # 31 October, 23:30
                    "2026-11-01T05:00:00Z"],  # 31 October, 22:00
        "heading": "November 2026  ·  1–30 November 2026 so far",
    },
}


@pytest.mark.parametrize("zone", sorted(OWNERS_MONTHS))
def test_the_page_and_the_report_count_the_owners_days(qtbot, dashboard_on, db_path,
                                                       local_zone, monkeypatch, capsys,
                                                       zone):
    import inbox_app.reports.figures as figures_module
    from inbox_app.core.timeutil import parse_iso
    from tests.store.helpers import msg

    case = OWNERS_MONTHS[zone]
    local_zone(zone)
    monkeypatch.setattr(figures_module, "now", lambda: parse_iso(case["now"]))
    store = open_store(db_path)
    store.save_messages([
        msg(f"m{index}", email=f"c{index}@x.org", author=f"Customer {index}", at=at)
        for index, at in enumerate(case["inside"] + case["outside"])])
    store.close()

    view = dashboard_on(str(db_path))
    figures = shown(qtbot, view, month_period(case["month"]))
    report = report_json(str(db_path), "--month", case["month"], capsys=capsys)
    assert figures.inbound["total"] == report["inbound"]["total"] == len(case["inside"])
    assert report["customers"]["active"] == len(case["inside"])
    assert view.ui.titleLabel.text() == case["heading"]
    volume = view.ui.volumeView.chart().series()[0]
    assert sum(bar_set.sum() for bar_set in volume.barSets()) == len(case["inside"])
