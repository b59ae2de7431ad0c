"""Export summary… writes what the typed file name asks for. The dialog opens on PDF; a
person who types "march.csv" wants the CSV files (zipped, as the page writes them), and one
who types "march.html" the HTML page the command line writes — not a PDF named
march.csv.pdf or march.html.pdf."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QFileDialog

import inbox_app.gui.dashboard as dashboard_module
from inbox_app.core.metrics import month_period


@pytest.mark.parametrize("typed, written, starts", [
    ("march.csv", "march.csv.zip", b"PK"),
    ("march.CSV", "march.CSV.zip", b"PK"),
    ("march.html", "march.html", b"<!DOCTYPE html>"),
    ("march.htm", "march.htm", b"<!DOCTYPE html>"),
    ("march", "march.pdf", b"%PDF"),
])
def test_a_typed_extension_wins_over_the_dialogs_pdf_filter(
        qtbot, dashboard_on, march_location, tmp_path, monkeypatch, typed, written, starts):
    view = dashboard_on(march_location)
    with qtbot.waitSignal(view.figures_ready, timeout=20000):
        view.set_period(month_period("2026-03"))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(
        lambda *args, **kwargs: (str(tmp_path / typed), dashboard_module.EXPORT_FILTERS["pdf"])))

    with qtbot.waitSignal(view.export_finished, timeout=20000) as blocker:
        view.ui.exportButton.click()

    assert blocker.args[0] == str(tmp_path / written)
    assert (tmp_path / written).read_bytes().startswith(starts)
    assert sorted(path.name for path in tmp_path.iterdir() if path.name.startswith("march")) \
        == [written]
