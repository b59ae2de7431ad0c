"""What a screen reader reads: the queue's and the left bar's rows carry the text their
delegates paint, and every control a person can Tab to has a name — its own, its text, or
the label that is its buddy — in the window and in every dialog."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDialog,
    QLabel,
    QWidget,
)

from inbox_app.core.kinds import KIND_LABELS
from inbox_app.gui.models.queue_model import mood
from tests.gui.conftest import settle

ACCESSIBLE_TEXT = Qt.ItemDataRole.AccessibleTextRole


def accessible_name(widget: QWidget) -> str:
    face = QAccessible.queryAccessibleInterface(widget)
    return face.text(QAccessible.Text.Name) if face is not None else ""


def labelled(widget: QWidget) -> bool:
    face = QAccessible.queryAccessibleInterface(widget)
    return face is not None and bool(face.relations(QAccessible.RelationFlag.Label))


def is_inner_part(widget: QWidget) -> bool:
    """The line edit inside a combo or spin box: the reader announces its owner."""
    parent = widget.parentWidget()
    return isinstance(parent, QComboBox | QAbstractSpinBox)


def unnamed_controls(root: QWidget) -> list[str]:
    """Every control in `root` a person can Tab to that a screen reader would announce
    without a name. A combo box's own "name" is its current choice (on Linux), so it
    needs a buddy label or a name of its own."""
    found = []
    for widget in [root, *root.findChildren(QWidget)]:
        if not (widget.isVisibleTo(root) and widget.isEnabled()
                and widget.focusPolicy() & Qt.FocusPolicy.TabFocus) or is_inner_part(widget) \
                or widget.focusProxy() is not None:  # a tab widget hands focus to its tabs
            continue
        if isinstance(widget, QComboBox):
            named = bool(widget.accessibleName()) or labelled(widget)
        else:
            named = bool(accessible_name(widget).strip())
        if not named:
            found.append(f"{type(widget).__name__}#{widget.objectName()}")
    return found


def shown_modal(qtbot) -> QDialog:
    """The modal dialog once it is on screen with the keyboard focus."""
    def ready() -> bool:
        dialog, focus = QApplication.activeModalWidget(), QApplication.focusWidget()
        return isinstance(dialog, QDialog) and focus is not None and focus.window() is dialog

    qtbot.waitUntil(ready)
    return QApplication.activeModalWidget()


def with_modal(qtbot, open_it, look) -> list:
    """Runs `open_it` (which may block in exec()), calls `look(dialog)` once the dialog is on
    screen and closes it; returns what `look` returned."""
    seen = []

    def inspect():
        dialog = QApplication.activeModalWidget() or QApplication.activeWindow()  # History
        if not isinstance(dialog, QDialog) or not dialog.isVisible():
            QTimer.singleShot(10, inspect)
            return
        try:
            seen.append(look(dialog))
        finally:
            dialog.reject()

    QTimer.singleShot(0, inspect)
    open_it()
    qtbot.waitUntil(lambda: bool(seen))
    return seen


# The rows


def test_a_queue_row_reads_as_its_card(window):
    model = window.queue_model
    for row_number in range(min(model.rowCount(), 30)):
        index = model.index(row_number, 0)
        row = model.conversation_at(row_number)
        text = index.data(ACCESSIBLE_TEXT)
        assert text, row
        assert row.customer_name in text
        assert KIND_LABELS.get(row.kind, row.kind) in text
        assert (row.subject or row.preview).strip()[:20] in text
        assert ("unread" in text) == row.unread
        if mood(row.sentiment) != "neutral":
            assert mood(row.sentiment) in text
        if row.assignee:
            assert f"assigned to {row.assignee}" in text


def test_the_reader_gets_the_card_from_the_list_itself(window):
    face = QAccessible.queryAccessibleInterface(window.ui.queueView)
    row = window.queue_model.conversation_at(0)
    item = face.child(0)
    name = item.text(QAccessible.Text.Name)
    assert row.customer_name in name and (row.subject or row.preview)[:15] in name


def test_a_view_in_the_left_bar_reads_with_its_count(window):
    model = window.sidebar_model
    counted = [model.entry(r) for r in range(model.rowCount())
               if model.entry(r).count is not None and not model.entry(r).section]
    assert counted
    for entry in counted:
        text = model.index(model.row_of(entry.key)).data(ACCESSIBLE_TEXT)
        assert text.startswith(entry.label) and f"{entry.count:,}" in text


# The window


def test_every_control_of_the_window_has_a_name(window, qtbot):
    window.select_key("kind:email")
    settle(qtbot, window)
    assert window.conversation.ui.sendButton.isVisible()  # an email: the whole composer
    assert unnamed_controls(window) == []


def test_icon_only_buttons_say_what_they_do(window):
    for button in (window.conversation.ui.assignButton, window.conversation.ui.snoozeButton,
                   window.conversation.ui.closeButton, window.conversation.ui.labelButton,
                   window.conversation.ui.moreButton):
        assert accessible_name(button)
        assert button.toolTip(), button.text()


def test_the_composers_name_follows_its_mode(window):
    composer = window.conversation.composer
    edit = window.conversation.ui.composerEdit
    composer.set_note_mode(False)
    reply_name = accessible_name(edit)
    composer.set_note_mode(True)
    note_name = accessible_name(edit)
    assert "reply" in reply_name.lower() and "note" in note_name.lower()


# The dialogs


@pytest.mark.parametrize("action", ["actionAssign", "actionSnooze", "actionTag", "actionLabel",
                                    "actionCustomerValue", "actionSwitchStaff",
                                    "actionShortcuts", "actionHistory", "actionMergeCustomer"])
def test_the_prompts_name_their_controls(window, qtbot, action):
    window.select_key("kind:email")
    settle(qtbot, window)
    [unnamed] = with_modal(qtbot, getattr(window.ui, action).trigger, unnamed_controls)
    assert unnamed == []
    settle(qtbot, window)


@pytest.mark.parametrize("action", ["actionLogCall", "actionAccounts", "actionTemplates",
                                    "actionRules", "actionInsertTemplate"])
def test_the_menus_dialogs_name_their_controls(window, qtbot, action):
    window.select_key("kind:email")
    settle(qtbot, window)
    getattr(window.ui, action).trigger()
    dialog = shown_modal(qtbot)
    settle(qtbot, window)
    assert unnamed_controls(dialog) == []
    dialog.reject()


def test_every_settings_tab_names_its_controls(window, qtbot):
    window.ui.actionSettings.trigger()
    dialog = shown_modal(qtbot)
    tabs = dialog.ui.tabs
    for number in range(tabs.count()):
        tabs.setCurrentIndex(number)
        assert unnamed_controls(dialog) == [], tabs.tabText(number)
    dialog.reject()


def test_every_account_form_names_its_fields(window, qtbot):
    window.ui.actionAccounts.trigger()
    dialog = shown_modal(qtbot)
    settle(qtbot, window)
    from PySide6.QtWidgets import QPushButton

    kinds = [b for b in dialog.findChildren(QPushButton)
             if b.isVisible() and b.text() in ("Email", "Mastodon", "Bluesky", "Telegram",
                                                "Feed (reviews and mentions)", "Phone line")]
    assert len(kinds) == 6
    for number in range(len(kinds)):
        button = [b for b in dialog.findChildren(QPushButton)
                  if b.text() == kinds[number].text()][0]
        if not button.isVisible():
            dialog.ui.addButton.click()
        button.click()
        from PySide6.QtWidgets import QLineEdit

        assert any(edit.isVisible() and edit.accessibleName() == "Name"
                   for edit in dialog.findChildren(QLineEdit)), button.text()
        assert unnamed_controls(dialog) == [], button.text()
        cancel = [b for b in dialog.findChildren(QPushButton)
                  if b.isVisible() and b.text() in ("Cancel", "Back")]
        if cancel:
            cancel[0].click()
    dialog.reject()


def test_a_form_label_is_the_buddy_of_its_field_and_its_key_reaches_it(window, qtbot):
    """Alt+the underlined letter of a label puts the cursor in its field."""
    window.ui.actionLogCall.trigger()
    dialog = shown_modal(qtbot)
    labels = [label for label in dialog.findChildren(QLabel)
              if label.isVisible() and label.buddy() is not None]
    assert {label.objectName() for label in labels} >= {
        "numberLabel", "nameLabel", "statusLabel", "whenLabel", "durationLabel",
        "summaryLabel"}
    used = set()
    for label in labels:
        text = label.text()
        assert "&" in text, text
        letter = text[text.index("&") + 1].lower()
        assert letter not in used, text
        used.add(letter)
        qtbot.keyClick(dialog, letter, Qt.KeyboardModifier.AltModifier)
        assert QApplication.focusWidget() is label.buddy() or \
            QApplication.focusWidget().parentWidget() is label.buddy(), text
    dialog.reject()


CALL_LOG = """Date,Number,Type,Duration,Name,Notes
2026-03-02 09:30,+1 207 555 0142,incoming,125,Bo Chen,Asked about beans
"""


@pytest.mark.parametrize("kind", ["calls", "customers"])
def test_the_import_dialogs_name_their_controls(qtbot, demo_jobs, tmp_path, kind):
    from inbox_app.gui.call_import import CallImportDialog
    from inbox_app.gui.customer_import import CustomerImportDialog
    from tests.conftest import FIXTURES

    if kind == "calls":
        path = tmp_path / "calls.csv"
        path.write_text(CALL_LOG, encoding="utf-8")
        dialog = CallImportDialog(demo_jobs, str(path))
    else:
        path = sorted((FIXTURES / "customers").glob("*.csv"))[0]
        dialog = CustomerImportDialog(demo_jobs, str(path))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.file is not None and demo_jobs.pending == 0, timeout=15000)
    assert unnamed_controls(dialog) == []


def test_the_welcome_names_its_controls(qtbot, demo_jobs):
    from inbox_app.gui.welcome import WelcomeDialog

    dialog = WelcomeDialog(demo_jobs)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: demo_jobs.pending == 0)
    assert unnamed_controls(dialog) == []


def test_the_merge_conversations_dialog_names_its_choices(active, qtbot):
    window = active
    view = window.ui.queueView
    press_shift_down = (Qt.Key.Key_Down, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClick(view, *press_shift_down)
    assert window.bulk.active
    [unnamed] = with_modal(qtbot, lambda: qtbot.keyClick(view, Qt.Key.Key_M), unnamed_controls)
    assert unnamed == []
    settle(qtbot, window)


def test_the_composers_two_modes_say_what_they_send(window):
    """"Reply" and "Internal note" were read as their words alone: who a reply reaches and
    who reads a note is what a person choosing between them needs to hear."""
    form = window.conversation.ui
    assert "customer" in form.replyModeButton.accessibleDescription()
    assert "only the staff" in form.noteModeButton.accessibleDescription()
    assert form.replyModeButton.toolTip() and form.noteModeButton.toolTip()
