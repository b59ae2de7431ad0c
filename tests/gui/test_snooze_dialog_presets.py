"""The Snooze dialog's ready-made times, as staff read them at any hour.

Each preset's time followed its name after a tab, which a list does not line up: "Next
MondayMon 09 Mar, 09:00" ran together, "This evening (18:00)" pushed its time a column
further than the rest. On a Monday "Next Monday" and "In a week" were the same moment
twice; and past midnight the only morning offered was the next day's, 32 hours off, so a
person working late who meant "when the shop opens" hid it for a whole working day."""

from __future__ import annotations

from datetime import datetime

import pytest
from PySide6.QtCore import Qt

from inbox_app.gui import dialogs


def moment(text: str) -> int:
    return int(datetime.fromisoformat(text).timestamp())


def clock(epoch: int) -> str:
    return datetime.fromtimestamp(epoch).strftime("%a %d %b %H:%M")


@pytest.fixture
def open_dialog(qtbot, monkeypatch):
    def make(at: int) -> dialogs.SnoozeDialog:
        monkeypatch.setattr(dialogs, "now", lambda: at)
        dialog = dialogs.SnoozeDialog()
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        return dialog
    return make


def shown_rows(dialog: dialogs.SnoozeDialog) -> list[tuple[str, str, int, int, int]]:
    """Each row as drawn: its name, its time, how wide the name's cell and its text are,
    and where the time starts."""
    view = dialog.ui.presetList
    model = view.model()
    metrics = view.fontMetrics()
    rows = []
    for row in range(model.rowCount()):
        name_index, time_index = model.index(row, 0), model.index(row, 1)
        name = name_index.data(Qt.ItemDataRole.DisplayRole)
        rows.append((name, time_index.data(Qt.ItemDataRole.DisplayRole) or "",
                     view.visualRect(name_index).width(), metrics.horizontalAdvance(name),
                     view.visualRect(time_index).left()))
    return rows


def test_each_time_stands_in_one_column_after_its_whole_name(local_zone, open_dialog):
    local_zone("Europe/London")
    dialog = open_dialog(moment("2026-03-02T10:00:00+00:00"))  # a Monday morning

    rows = shown_rows(dialog)

    assert [(name, when) for name, when, *_ in rows] == [
        ("In 3 hours", "Mon 2 Mar, 13:00"),
        ("This evening (18:00)", "Mon 2 Mar, 18:00"),
        ("Tomorrow morning", "Tue 3 Mar, 09:00"),
        ("Next Monday", "Mon 9 Mar, 09:00"),
        ("In a month", "Wed 1 Apr, 09:00"),
    ]
    assert all(text_width < cell_width for _n, _w, cell_width, text_width, _x in rows)
    assert len({time_left for *_rest, time_left in rows}) == 1


def test_no_two_presets_are_the_same_moment(local_zone):
    local_zone("America/New_York")
    for day in range(1, 8):  # every weekday, 10:00
        presets = dialogs.snooze_presets(moment(f"2026-06-0{day}T10:00:00"))
        assert len({until for _name, until in presets}) == len(presets), presets


@pytest.mark.parametrize(("zone", "at", "this_morning", "tomorrow_morning"), [
    # The night the clocks go forward: 00:30 on Sunday 8 March in New York.
    ("America/New_York", "2026-03-08T00:30:00", "Sun 08 Mar 09:00", "Mon 09 Mar 09:00"),
    ("Europe/London", "2026-10-25T01:30:00+01:00", "Sun 25 Oct 09:00", "Mon 26 Oct 09:00"),
    ("Europe/London", "2026-12-08T06:59:00", "Tue 08 Dec 09:00", "Wed 09 Dec 09:00"),
])
def test_in_the_small_hours_the_coming_morning_is_offered(
        local_zone, zone, at, this_morning, tomorrow_morning):
    local_zone(zone)
    presets = dict(dialogs.snooze_presets(moment(at)))
    assert clock(presets["This morning (09:00)"]) == this_morning
    assert clock(presets["Tomorrow morning"]) == tomorrow_morning


def test_this_morning_is_not_offered_once_the_day_has_begun(local_zone):
    local_zone("Europe/London")
    at_seven = moment("2026-12-08T07:00:00")
    assert "This morning (09:00)" not in dict(dialogs.snooze_presets(at_seven))


def test_late_in_the_evening_tomorrow_is_the_next_date(local_zone, open_dialog):
    """23:50 on Saturday: "Tomorrow morning" is Sunday's, and its row says so."""
    local_zone("Europe/London")
    dialog = open_dialog(moment("2026-03-28T23:50:00"))
    names = {name: when for name, when, *_ in shown_rows(dialog)}
    assert names["Tomorrow morning"] == "Sun 29 Mar, 09:00"
    assert "This morning (09:00)" not in names and "This evening (18:00)" not in names


def test_the_chosen_preset_is_the_snooze_time(local_zone, open_dialog, qtbot):
    local_zone("America/New_York")
    at = moment("2026-03-07T15:00:00")  # Saturday; the clocks go forward that night
    dialog = open_dialog(at)
    expected = dict(dialogs.snooze_presets(at))["Tomorrow morning"]
    view = dialog.ui.presetList
    row = next(row for row, (name, *_rest) in enumerate(shown_rows(dialog))
               if name == "Tomorrow morning")
    view.setCurrentIndex(view.model().index(row, 0))
    assert dialog.until == expected
    assert clock(dialog.until) == "Sun 08 Mar 09:00"
