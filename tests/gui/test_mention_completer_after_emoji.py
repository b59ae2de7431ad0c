"""The @ completer in a note whose line holds an emoji before the cursor: Qt counts the
cursor's place in UTF-16 units, Python counts characters, and "@pr" was not found (or
the wrong text replaced) when written in the middle of such a line."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor

from tests.gui.conftest import settle


def test_at_after_an_emoji_in_the_middle_of_a_line_offers_and_puts_the_name_in(window,
                                                                               qtbot):
    composer = window.conversation.composer
    edit = window.conversation.ui.composerEdit
    popup = composer.mentions.completer.popup()
    settle(qtbot, window)
    composer.set_note_mode(True)
    edit.setFocus()
    edit.setPlainText("👍👍 thanks — can you check the courier?")
    cursor = edit.textCursor()
    cursor.setPosition(len("👍👍 thanks ".encode("utf-16-le")) // 2)
    edit.setTextCursor(cursor)
    qtbot.keyClicks(edit, "@pr")
    qtbot.waitUntil(popup.isVisible, timeout=15000)
    assert [popup.model().index(row, 0).data()
            for row in range(popup.model().rowCount())] == ["Priya Raman"]
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    assert edit.toPlainText() == "👍👍 thanks @Priya Raman — can you check the courier?"
    edit.moveCursor(QTextCursor.MoveOperation.End)
    edit.clear()
