"""Import call log… as a shop uses it: a phone line to choose, a long export, and an
import that stops on an error in the app."""

from __future__ import annotations

import pytest

from inbox_app.gui.call_import import CallImportDialog
from inbox_app.gui.jobs import Jobs
from inbox_app.sources import call_log

CALLS = """Start Time,From,To,Direction,Duration,Status
2026-03-02 09:30:00,+12075550142,+12075550100,inbound,125,completed
2026-03-02 10:05:00,+12075550100,+12075550199,outbound-api,60,completed
"""


@pytest.fixture
def jobs(store, db_path):
    made = Jobs(str(db_path))
    yield made
    made.wait()


def open_dialog(qtbot, jobs, path) -> CallImportDialog:
    dialog = CallImportDialog(jobs, str(path), staff=None)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.file is not None and jobs.pending == 0)
    return dialog


def test_the_phone_line_choice_shows_its_whole_text(qtbot, jobs, store, tmp_path):
    """The combo was sized while still empty, before the file was read: it showed
    "No partic"."""
    store.add_account("Shop line", "phone", {})
    path = tmp_path / "calls.csv"
    path.write_text(CALLS, encoding="utf-8")
    dialog = open_dialog(qtbot, jobs, path)
    combo = dialog.ui.lineCombo
    assert combo.isVisible() and combo.currentText() == "No particular line"
    needed = combo.fontMetrics().horizontalAdvance("No particular line")
    assert combo.width() > needed


def test_an_import_that_stops_on_an_error_in_the_app_is_not_left_importing(
        qtbot, jobs, tmp_path, monkeypatch):
    path = tmp_path / "calls.csv"
    path.write_text(CALLS, encoding="utf-8")
    dialog = open_dialog(qtbot, jobs, path)
    qtbot.waitUntil(dialog.ui.importButton.isEnabled)

    def broken(*_args, **_kwargs):
        raise RuntimeError("a bug")

    monkeypatch.setattr(call_log, "import_call_csv", broken)
    with qtbot.waitSignal(jobs.failed):  # the window's error dialog shows the details
        dialog.ui.importButton.click()
    assert "Importing" not in dialog.ui.resultLabel.text()
    assert "did not finish" in dialog.ui.resultLabel.text()
    assert dialog.ui.importButton.isEnabled()  # importing again adds only what is missing


def test_a_long_export_is_counted_with_thousands_separated(qtbot, jobs, store, tmp_path):
    rows = "".join(f"2026-03-02 {9 + i // 3600:02d}:{i // 60 % 60:02d}:{i % 60:02d},"
                   f"+1207555{i:04d},+12075550100,inbound,60,completed\n" for i in range(1200))
    path = tmp_path / "calls.csv"
    path.write_text(CALLS.splitlines(keepends=True)[0] + rows, encoding="utf-8")
    dialog = open_dialog(qtbot, jobs, path)
    qtbot.waitUntil(dialog.ui.importButton.isEnabled)
    with qtbot.waitSignal(dialog.imported, timeout=30000) as imported:
        dialog.ui.importButton.click()
    assert imported.args[0] == "Imported 1,200 calls, 0 already logged."
