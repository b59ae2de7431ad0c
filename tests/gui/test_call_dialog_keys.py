"""Log a call by keyboard: Enter after the number goes on to the call's details.

Enter in the number field pressed Log the call, the dialog's default button: typed from
the caller ID while the phone still rang, the number alone was logged as an answered
incoming call before who called whom, the outcome or a summary was given.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from inbox_app.gui.calls import CallDialog
from inbox_app.gui.jobs import Jobs

CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def call_dialog(qtbot, store, db_path):
    jobs = Jobs(str(db_path))
    dialog = CallDialog(jobs)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.context_loaded)
    yield dialog
    jobs.wait()


@pytest.mark.parametrize("key", [Qt.Key.Key_Return, Qt.Key.Key_Enter])
def test_enter_in_the_number_and_name_goes_on_to_the_next_field(call_dialog, store, qtbot,
                                                                  key):
    ui = call_dialog.ui
    ui.numberEdit.setFocus()
    qtbot.keyClicks(ui.numberEdit, "207 555 0199")
    qtbot.keyClick(ui.numberEdit, key)
    qtbot.waitUntil(lambda: call_dialog.focusWidget() is ui.nameEdit)
    qtbot.keyClicks(ui.nameEdit, "Ann Lee")
    qtbot.keyClick(ui.nameEdit, key)
    qtbot.waitUntil(lambda: call_dialog.focusWidget() is ui.inboundRadio)

    assert call_dialog.isVisible()
    call_dialog.jobs.wait()
    assert store.latest_message_id() == 0


def test_then_enter_on_the_details_logs_the_call(call_dialog, store, qtbot):
    ui = call_dialog.ui
    qtbot.keyClicks(ui.numberEdit, "207 555 0199")
    qtbot.keyClick(ui.numberEdit, Qt.Key.Key_Return)
    qtbot.keyClick(ui.nameEdit, Qt.Key.Key_Return)
    ui.outboundRadio.setChecked(True)
    qtbot.keyClicks(ui.durationEdit, "4:30")
    with qtbot.waitSignal(call_dialog.logged, timeout=10000) as logged:
        qtbot.keyClick(ui.durationEdit, Qt.Key.Key_Return)

    assert logged.args[1] == "Logged an outgoing call (4 min 30 s) to (207) 555-0199."


@pytest.mark.parametrize("field", ["numberEdit", "nameEdit", "durationEdit"])
def test_ctrl_enter_logs_the_call_from_any_one_line_field(call_dialog, store, qtbot, field):
    ui = call_dialog.ui
    qtbot.keyClicks(ui.numberEdit, "207 555 0199")
    with qtbot.waitSignal(call_dialog.logged, timeout=10000) as logged:
        qtbot.keyClick(getattr(ui, field), Qt.Key.Key_Return, CTRL)

    assert logged.args[1] == "Logged an incoming call from (207) 555-0199."
