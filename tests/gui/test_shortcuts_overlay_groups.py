"""The shortcuts overlay (`?`) lists its keys in groups, in the order a person looks for
them — moving around, answering, the conversation, the customer, the shop — where it
listed them in the order the window happened to make its actions (F5, Ctrl+Shift+S, C, V,
Ctrl+Shift+A…, J and K near the end)."""

from __future__ import annotations

from PySide6.QtGui import QAction, QKeySequence

from inbox_app.gui.keys import OTHER_KEYS, shortcut_groups


def keyed_actions(window) -> list[QAction]:
    return [action for action in window.findChildren(QAction)
            if not action.shortcut().isEmpty()]


def test_the_window_s_keys_are_grouped_as_a_day_s_work_goes(window):
    groups = shortcut_groups(window.findChildren(QAction))
    titles = [title for title, _rows in groups]
    assert titles == ["Moving around", "Answering", "The conversation", "The customer",
                      "The shop"]
    keys = {title: [key for key, _text in rows] for title, rows in groups}
    assert keys["Moving around"][:3] == ["J", "K", "N"]
    assert keys["Answering"][:2] == ["R", "Shift+N"]
    assert {"Ctrl+Enter", "Ctrl+Shift+Enter", "Alt+U", "Esc"} <= set(keys["Answering"])
    assert {"A", "S", "E", "Shift+E"} <= set(keys["The conversation"])
    assert {"T", "V"} <= set(keys["The customer"])
    assert {"F5", "Ctrl+Q", "?"} <= set(keys["The shop"])


def test_every_key_is_listed_once(window):
    listed = [key for _title, rows in shortcut_groups(window.findChildren(QAction))
              for key, _text in rows]
    assert len(listed) == len(set(listed))
    for action in keyed_actions(window):
        key = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        assert key in listed, action.objectName()


def test_a_key_no_group_names_is_still_listed(window):
    extra = QAction("Print the thread", window)
    extra.setObjectName("actionPrintThread")
    extra.setShortcut(QKeySequence("Ctrl+P"))
    title, rows = shortcut_groups(window.findChildren(QAction))[-1]
    assert title == OTHER_KEYS and rows == [("Ctrl+P", "Print the thread")]


def test_the_overlay_shows_the_groups_in_order(window, qtbot):
    from inbox_app.gui.dialogs import ShortcutsDialog

    dialog = ShortcutsDialog(window.findChildren(QAction), window)
    qtbot.addWidget(dialog)
    table = dialog.ui.shortcutsTable
    first_column = [table.item(row, 0).text() for row in range(table.rowCount())]
    assert first_column[:4] == ["Moving around", "J", "K", "N"]
    assert first_column.index("Answering") < first_column.index("The shop")


def test_f1_opens_the_overlay_as_question_mark_does(window):
    keys = [key.toString() for key in window.ui.actionShortcuts.shortcuts()]
    assert keys == ["?", "F1"]
