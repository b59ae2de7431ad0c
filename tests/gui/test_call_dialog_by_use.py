"""Log a call as staff at the counter use it: a time set later than now, a number the
as-you-type formatter cannot format, Escape with a summary typed, the store going away
while the dialog is open, and a caller whose customer is named by the number alone."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QDateTime, Qt

from inbox_app.gui.calls import CallDialog
from inbox_app.gui.jobs import Jobs
from inbox_app.store import StoreUnavailable
from tests.store.helpers import msg


@pytest.fixture
def call_dialog(qtbot, store, db_path):
    jobs = Jobs(str(db_path))
    dialog = CallDialog(jobs, staff=None)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.context_loaded)
    yield dialog
    jobs.wait()


def test_a_call_set_later_than_now_is_refused_as_the_command_line_refuses_it(
        call_dialog, store, qtbot):
    """The clock set to 16:30 at 16:00 (yesterday's call, the day left as today) was stored
    half an hour ahead, on top of the queue and before the call-back that answered it."""
    qtbot.keyClicks(call_dialog.ui.numberEdit, "207 555 0199")
    call_dialog.ui.whenEdit.setDateTime(QDateTime.currentDateTime().addSecs(30 * 60))
    call_dialog.ok_button.click()
    qtbot.waitUntil(lambda: call_dialog.jobs.pending == 0)  # a save would have run by now
    assert store.latest_message_id() == 0
    assert call_dialog.isVisible()
    assert "in the future" in call_dialog.ui.problemLabel.text()


@pytest.mark.parametrize("typed", ["0044 20 7946 0958", "+44 (0)20 7946 0958"])
def test_a_number_the_formatter_cannot_format_keeps_its_spaces(call_dialog, store, qtbot,
                                                                typed):
    """In a US shop, the formatter gives up on 0044… or +44 (0)… and returns the bare
    digits: each space was taken out as it was typed, and the new customer was named
    `00442079460958`."""
    qtbot.keyClicks(call_dialog.ui.numberEdit, typed)
    shown = call_dialog.ui.numberEdit.text()
    assert shown.split() == typed.replace("(0)", "0").split() or shown == typed
    with qtbot.waitSignal(call_dialog.logged) as logged:
        call_dialog.ok_button.click()
    (call,) = store.messages(logged.args[0])
    assert call.meta["call"]["number"] == "+442079460958"
    assert store.get_customer(store.get_conversation(logged.args[0]).customer_id).name == shown


def test_escape_with_a_summary_typed_says_once_that_the_call_is_not_logged(
        call_dialog, store, qtbot):
    qtbot.keyClicks(call_dialog.ui.numberEdit, "207 555 0199")
    qtbot.keyClicks(call_dialog.ui.summaryEdit, "Wants the grinder repaired by Friday")
    qtbot.keyClick(call_dialog.ui.summaryEdit, Qt.Key.Key_Escape)
    assert call_dialog.isVisible()
    assert "not logged yet" in call_dialog.ui.problemLabel.text()
    assert call_dialog.ui.summaryEdit.toPlainText() == "Wants the grinder repaired by Friday"
    qtbot.keyClick(call_dialog.ui.summaryEdit, Qt.Key.Key_Escape)
    assert not call_dialog.isVisible()
    assert store.latest_message_id() == 0


def test_escape_on_an_untouched_dialog_and_cancel_close_at_once(qtbot, store, db_path):
    jobs = Jobs(str(db_path))
    for typed, close in (("", lambda d: qtbot.keyClick(d.ui.numberEdit, Qt.Key.Key_Escape)),
                         ("207 555 0199", lambda d: d.ui.buttonBox.rejected.emit())):
        dialog = CallDialog(jobs)
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitUntil(lambda d=dialog: d.context_loaded)
        qtbot.keyClicks(dialog.ui.numberEdit, typed)
        close(dialog)
        assert not dialog.isVisible()
    jobs.wait()


def test_the_store_going_away_while_logging_says_the_call_is_kept_here(call_dialog, qtbot):
    qtbot.keyClicks(call_dialog.ui.numberEdit, "207 555 0199")
    call_dialog._on_failed(StoreUnavailable("The store /media/usb/inbox.db cannot be read "
                                            "(it is not there)."))
    said = call_dialog.ui.problemLabel.text()
    assert "The call is not logged yet" in said
    assert "cannot be read" in said
    assert call_dialog.ui.numberEdit.text() == "(207) 555-0199"


def test_a_customer_known_only_by_the_number_does_not_become_the_callers_name(
        call_dialog, store, qtbot):
    store.save_messages([msg("p1", "Missed call", kind="phone", phone="(207) 555-0142",
                             thread="phone:+12075550142")])
    qtbot.keyClicks(call_dialog.ui.numberEdit, "2075550142")
    qtbot.waitUntil(lambda: "Matches" in call_dialog.ui.matchLabel.text())
    assert call_dialog.ui.nameEdit.text() == ""
