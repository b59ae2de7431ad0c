"""Import calls…: the preview shows each call's outcome. The Outcome column could be
chosen, but a missed call with a note previewed exactly like an answered one, so the
choice showed no effect before the import."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from inbox_app.gui.call_import import CallImportDialog
from inbox_app.gui.jobs import Jobs

CALLS = """Time,Number,Direction,Result,Notes
2026-03-02 09:30,+1 207 555 0142,in,No Answer,Left word about the order
2026-03-02 10:05,+1 207 555 0199,out,Completed,Sent the price list
2026-03-02 11:00,+1 207 555 0142,in,Voicemail,
"""


@pytest.fixture
def jobs(store, db_path):
    made = Jobs(str(db_path))
    yield made
    made.wait()


def test_the_preview_says_missed_answered_or_voicemail(qtbot, jobs, tmp_path, qtmodeltester):
    path = tmp_path / "calls.csv"
    path.write_text(CALLS, encoding="utf-8")
    dialog = CallImportDialog(jobs, str(path))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.ui.importButton.isEnabled())
    model = dialog.preview_model
    header = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    outcome = header.index("Outcome")
    assert [model.index(r, outcome).data() for r in range(3)] == [
        "missed", "answered", "voicemail"]
    assert model.index(0, header.index("Notes")).data() == "Left word about the order"
    dialog.set_column("status", None)
    qtbot.waitUntil(lambda: model.index(0, outcome).data() == "answered")
    qtmodeltester.check(model)
