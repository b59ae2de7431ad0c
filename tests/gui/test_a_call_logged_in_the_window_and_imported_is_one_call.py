"""A call logged by hand in the window, and the same call in the phone system's export,
are one call, whichever came first.

Log a call shows When to the minute, but stored the seconds of the clock when the dialog
opened (10:42:37 for a call the person saw as 10:42). The export then listing the call
at 10:42 (to the minute) or at 10:42:15 (its real start) stored a second call; so did
logging it by hand after the export was imported.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QDate, QDateTime, QTime

from inbox_app.gui.calls import CallDialog
from inbox_app.gui.jobs import Jobs
from inbox_app.sources.call_log import import_call_csv

NUMBER = "+12075550142"


@pytest.fixture
def open_dialog(qtbot, db_path):
    jobs = Jobs(str(db_path))

    def open_it() -> CallDialog:
        dialog = CallDialog(jobs)
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitUntil(lambda: dialog.context_loaded)
        return dialog

    yield open_it
    jobs.wait()


def log_in_the_window(qtbot, dialog: CallDialog, day: QDate, clock: QTime) -> str:
    """Logs an incoming call from NUMBER at `clock` (with the seconds of a clock that
    went on ticking) as a person does; the dialog's closing line."""
    qtbot.keyClicks(dialog.ui.numberEdit, "(207) 555-0142")
    dialog.ui.whenEdit.setDateTime(QDateTime(day, clock))
    with qtbot.waitSignal(dialog.logged, timeout=10000) as logged:
        dialog.ok_button.click()
    return logged.args[1]


def import_export(store, tmp_path, header: str, written: str) -> str:
    path = tmp_path / "export.csv"
    path.write_text(f"{header},From,To,Direction,Duration\n"
                    f"{written},{NUMBER},+12075550100,inbound,185\n", encoding="utf-8")
    return import_call_csv(store, path).line()


def calls_stored(store) -> int:
    conversations = store.conversation_ids_for_threads([f"phone:{NUMBER}"])
    return sum(len(store.messages(c)) for c in conversations.values())


CASES = [
    # zone, the day and clock the window shows, the export's time column and cell
    ("America/New_York", (2026, 3, 2), (10, 42, 37), "Start Time", "3/2/2026 10:42"),
    ("America/New_York", (2026, 3, 2), (10, 42, 37), "Start Time", "2026-03-02 10:42:15"),
    ("America/New_York", (2026, 3, 2), (10, 42, 37), "Start Time (UTC)", "2026-03-02 15:42:15"),
    # Just after the clocks went forward in Berlin (02:00 → 03:00 on 29 March 2026).
    ("Europe/Berlin", (2026, 3, 29), (3, 5, 51), "Date", "29.03.2026 03:05"),
    ("Europe/Berlin", (2026, 3, 29), (3, 5, 51), "Start Time (UTC)", "2026-03-29 01:05:09"),
]


@pytest.mark.parametrize("zone, day, clock, header, written", CASES)
def test_the_export_imported_after_the_call_was_logged_by_hand_stores_it_once(
        qtbot, open_dialog, store, tmp_path, local_zone, zone, day, clock, header, written):
    local_zone(zone)
    log_in_the_window(qtbot, open_dialog(), QDate(*day), QTime(*clock))

    line = import_export(store, tmp_path, header, written)

    assert line == "imported 0, duplicates 1, errors 0"
    assert calls_stored(store) == 1


@pytest.mark.parametrize("zone, day, clock, header, written", CASES)
def test_a_call_logged_by_hand_after_the_export_was_imported_is_already_logged(
        qtbot, open_dialog, store, tmp_path, local_zone, zone, day, clock, header, written):
    local_zone(zone)
    assert import_export(store, tmp_path, header, written) == \
        "imported 1, duplicates 0, errors 0"

    line = log_in_the_window(qtbot, open_dialog(), QDate(*day), QTime(*clock))

    assert line == "That call with (207) 555-0142 is already logged."
    assert calls_stored(store) == 1


def test_two_calls_a_minute_apart_stay_two(qtbot, open_dialog, store, tmp_path):
    import_export(store, tmp_path, "Start Time", "2026-03-02 10:41:50")

    line = log_in_the_window(qtbot, open_dialog(), QDate(2026, 3, 2), QTime(10, 42, 5))

    assert line == "Logged an incoming call from (207) 555-0142."
    assert calls_stored(store) == 2
