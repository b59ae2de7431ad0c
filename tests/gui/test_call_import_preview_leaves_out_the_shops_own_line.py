"""The import's preview shows a call with the shop's own line as left out, as the import
leaves it out; and Log a call says the number typed is the shop's own line."""

from __future__ import annotations

import pytest

from inbox_app.gui.call_import import CallImportDialog
from inbox_app.gui.calls import CallDialog
from inbox_app.gui.jobs import Jobs


@pytest.fixture
def jobs(store, db_path):
    store.set_setting("phone_region", "US")
    store.add_account("Shop line", "phone", {"number": "(207) 555-0100"})
    running = Jobs(str(db_path))
    yield running
    running.wait()


def test_the_preview_leaves_out_a_call_with_the_shops_own_line(qtbot, jobs, store, tmp_path):
    path = tmp_path / "calls.csv"
    path.write_text("Time,Number,Direction\n2026-03-02 09:15,(207) 555-0142,in\n"
                    "2026-03-02 09:20,207-555-0100,in\n", encoding="utf-8")
    dialog = CallImportDialog(jobs, str(path))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.ui.importButton.isEnabled())

    assert dialog.preview_model.index(1, 5).data() == (
        "left out: (207) 555-0100 is the shop's own line (Shop line), not a customer's number")
    with qtbot.waitSignal(dialog.imported, timeout=15000) as imported:
        dialog.ui.importButton.click()
    assert imported.args[0] == "Imported 1 call, 0 already logged, 1 call with no customer left out."


def test_log_a_call_says_the_number_is_the_shops_own_line(qtbot, jobs, store):
    dialog = CallDialog(jobs)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.context_loaded)
    qtbot.keyClicks(dialog.ui.numberEdit, "207 555 0100")

    dialog.ok_button.click()

    qtbot.waitUntil(lambda: "own line" in dialog.ui.problemLabel.text())
    assert dialog.ui.problemLabel.text() == (
        "(207) 555-0100 is the shop's own line (Shop line), not a customer's number.")
    assert dialog.isVisible() and store.latest_message_id() == 0
