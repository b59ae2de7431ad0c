"""Import call log… with a report that ends with its total line: the line is no call, so
the dialog neither counts it as a call with no customer nor calls the import partial."""

from __future__ import annotations

import pytest

from inbox_app.gui.call_import import CallImportDialog
from inbox_app.gui.jobs import Jobs

CALLS = """Start Time,From,To,Direction,Duration,Status
2026-03-02 09:30:00,+12075550142,+12075550100,inbound,125,completed
2026-03-02 09:40:00,anonymous,+12075550100,inbound,0,no-answer
2026-03-02 10:05:00,+12075550100,+12075550199,outbound-api,60,completed
Total: 3 calls,,,,185,
"""


@pytest.fixture
def jobs(store, db_path):
    made = Jobs(str(db_path))
    yield made
    made.wait()


def test_the_total_line_is_neither_a_skipped_row_nor_a_call_left_out(qtbot, jobs, tmp_path):
    path = tmp_path / "calls.csv"
    path.write_text(CALLS, encoding="utf-8")
    dialog = CallImportDialog(jobs, str(path), staff=None)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.file is not None and jobs.pending == 0)
    qtbot.waitUntil(dialog.ui.importButton.isEnabled)
    with qtbot.waitSignal(dialog.imported, timeout=30000) as imported:
        dialog.ui.importButton.click()
    assert imported.args[0] == (
        "Imported 2 calls, 0 already logged, 1 call with no customer left out.")
