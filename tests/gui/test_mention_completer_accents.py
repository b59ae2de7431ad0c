"""@ in a note offers a colleague whose name has accents when it is typed without them,
as on a keyboard that has none: "@jose" offers José Álvarez, and Enter writes his name
as it is spelt (which is what asks him in). Before, "@jose" offered nobody, and a note
written on that way asked nobody in."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.gui.conftest import settle


def offered(popup) -> list[str] | None:
    if not popup.isVisible():
        return None
    return [popup.model().index(row, 0).data() for row in range(popup.model().rowCount())]


def test_a_name_typed_without_its_accents_is_offered_and_written_with_them(
        make_window, demo_store, qtbot):
    for name in ("José Álvarez", "Zoë Müller", "Zoe Moss"):
        demo_store.add_staff(name)
    window = make_window()
    composer = window.conversation.composer
    edit = window.conversation.ui.composerEdit
    popup = composer.mentions.completer.popup()
    settle(qtbot, window)
    composer.set_note_mode(True)
    edit.setFocus()
    qtbot.keyClicks(edit, "Can you call back, @jose")
    qtbot.waitUntil(popup.isVisible, timeout=15000)
    assert offered(popup) == ["José Álvarez"]
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    assert edit.toPlainText() == "Can you call back, @José Álvarez "
    qtbot.keyClicks(edit, "or @ZOE")
    qtbot.waitUntil(popup.isVisible, timeout=15000)
    assert sorted(offered(popup)) == ["Zoe Moss", "Zoë Müller"]
    edit.insertPlainText("\u0308")  # "ZOË" typed as E and a combining diaeresis
    assert sorted(offered(popup)) == ["Zoe Moss", "Zoë Müller"]
    chosen = popup.currentIndex().data()
    qtbot.keyClick(edit, Qt.Key.Key_Return)  # the whole "@ZOË" goes, and nothing before it
    assert edit.toPlainText() == f"Can you call back, @José Álvarez or @{chosen} "
    edit.clear()
