"""File → Export offered the home folder, and a name typed without an ending ("march")
was written as `march`, which no spreadsheet or phone opens by a double-click. The dialog
starts in the Documents folder (the home folder when there is none), and a name without an
ending gets the export's own."""

from __future__ import annotations

import csv

from PySide6.QtWidgets import QFileDialog

from tests.gui.conftest import settle


def test_a_name_without_an_ending_gets_the_exports(window, qtbot, tmp_path, monkeypatch):
    offered = []

    def save_as(_parent, _title, suggested, _filters):
        offered.append(suggested)
        return str(tmp_path / "march"), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(save_as))
    window.export("conversations", "csv")
    qtbot.waitUntil(lambda: (tmp_path / "march.csv").exists(), timeout=10000)
    settle(qtbot, window)
    assert not (tmp_path / "march").exists()
    rows = list(csv.DictReader((tmp_path / "march.csv").read_text(
        encoding="utf-8-sig").splitlines()))
    assert rows and "conversation" in rows[0]
    assert offered[0].endswith("inbox-conversations.csv")


def test_the_documents_folder_is_offered_where_there_is_one(tmp_path, monkeypatch):
    from PySide6.QtCore import QStandardPaths

    from inbox_app.gui.window_dialogs import export_folder

    documents = tmp_path / "Documents"
    documents.mkdir()
    monkeypatch.setattr(QStandardPaths, "writableLocation",
                        staticmethod(lambda _where: str(documents)))
    assert export_folder() == documents
    documents.rmdir()
    assert export_folder() != documents  # gone: the home folder
