"""Log a call closed while the typed number is still being looked up.

The look-up's answer came back to a dialog already deleted and set the text of its
gone "matches" label: a RuntimeError in the event loop ("Internal C++ object already
deleted"), seen in a full test run where a dialog of one test answered in the next.
"""

from __future__ import annotations

import threading

from shiboken6 import isValid

from inbox_app.gui import calls
from inbox_app.gui.calls import CallDialog
from inbox_app.gui.jobs import Jobs


def test_an_answer_for_a_closed_dialog_is_dropped(qtbot, store, db_path, monkeypatch):
    answer = threading.Event()
    looked_up = threading.Event()
    real = calls.match_caller

    def slow_match(store, number):
        looked_up.set()
        answer.wait(10)
        return real(store, number)

    monkeypatch.setattr(calls, "match_caller", slow_match)
    jobs = Jobs(str(db_path))
    dialog = CallDialog(jobs)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.context_loaded)
    dialog.ui.numberEdit.setText("207 555 0199")
    dialog.look_up()
    assert looked_up.wait(10)

    dialog.deleteLater()
    qtbot.waitUntil(lambda: not isValid(dialog))
    answer.set()
    jobs.wait()
    qtbot.wait(50)  # the answer's signal is delivered here; pytest-qt fails on an error

    assert jobs.pending == 0
