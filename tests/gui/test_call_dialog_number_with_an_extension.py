"""Log a call: a number typed with its extension ("ext. 12", "x12") must stay that
number. Formatting as it was typed dropped the letters and ran the extension's digits
into the number, which made a new customer of a caller the shop knows."""

from __future__ import annotations

import pytest

from inbox_app.gui.calls import CallDialog
from inbox_app.gui.jobs import Jobs
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


@pytest.mark.parametrize("typed", ["207 555 0142 ext. 12", "(207) 555-0142 x12",
                                   "+1 207 555 0142 ext 12"])
def test_a_typed_extension_keeps_the_caller_known(call_dialog, store, qtbot, typed):
    store.save_messages([msg("p1", "Asked about opening hours", kind="phone",
                             phone="+1 207 555 0142", author="Bo Chen",
                             thread="phone:+12075550142")])
    qtbot.keyClicks(call_dialog.ui.numberEdit, typed)
    shown = call_dialog.ui.numberEdit.text()
    assert shown.endswith("12") and "x" in shown  # the extension is still written as one
    qtbot.waitUntil(lambda: "Bo Chen" in call_dialog.ui.matchLabel.text())
    with qtbot.waitSignal(call_dialog.logged) as logged:
        call_dialog.ok_button.click()
    assert logged.args[1].endswith("from Bo Chen at (207) 555-0142.")
    assert len(store.messages(logged.args[0])) == 2


def test_digits_alone_are_still_formatted_as_typed(call_dialog, qtbot):
    qtbot.keyClicks(call_dialog.ui.numberEdit, "+442079460958")
    assert call_dialog.ui.numberEdit.text() == "+44 20 7946 0958"
