"""The rules dialog closed while its preview is still being counted (a big store takes a
while): the count that comes back afterwards finds the dialog gone and says nothing. It
raised "Internal C++ object already deleted" into the event loop."""

from __future__ import annotations

import threading

from shiboken6 import delete

from inbox_app.gui.rules_dialog import RulesDialog
from inbox_app.store import Store


def test_a_preview_counted_after_the_dialog_closed_is_dropped(qtbot, demo_jobs, monkeypatch):
    dialog = RulesDialog(demo_jobs, staff="Maya Okafor")
    dialog.show()
    qtbot.waitUntil(lambda: dialog.loaded and demo_jobs.pending == 0, timeout=15000)
    counted = Store.rule_matches_since
    gate = threading.Event()

    def slow(store, rule, since):
        gate.wait(10)
        return counted(store, rule, since)

    monkeypatch.setattr(Store, "rule_matches_since", slow)
    dialog.preview.count()  # as typing in the form starts it
    dialog.close()
    delete(dialog)  # deleted, as WA_DeleteOnClose does
    gate.set()
    qtbot.waitUntil(lambda: demo_jobs.pending == 0, timeout=15000)
    qtbot.wait(50)  # the job's outcome is delivered: nothing may be raised there
