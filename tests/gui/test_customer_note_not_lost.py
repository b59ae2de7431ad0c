"""A customer note the store does not keep comes back to its box with the reason: the box
was cleared as the note was sent, and the typed text was lost."""

from __future__ import annotations

from PySide6.QtCore import Qt

from inbox_app.store import SqliteStore, StoreError
from tests.gui.conftest import settle


def test_a_note_the_store_refuses_comes_back_to_its_box(window, qtbot, monkeypatch):
    def refuse(*_args, **_kwargs):
        raise StoreError("The store is busy; nothing was changed.")

    monkeypatch.setattr(SqliteStore, "add_note", refuse)
    panel = window.customer
    edit = panel.ui.noteEdit
    edit.setText("Prefers a call after 5 pm")
    with qtbot.waitSignal(panel.problem, timeout=10000) as said:
        qtbot.keyClick(edit, Qt.Key.Key_Return)
    assert said.args[0] == "The note was not kept: The store is busy; nothing was changed."
    assert edit.text() == "Prefers a call after 5 pm"
    settle(qtbot, window)
