"""File → Accounts by keyboard, half way through a form: Escape (or the window's ✕) does
not throw away an email account typed field by field — it says once what is unsaved,
and a second Escape lets it go — and Edit… puts the cursor in the first field that can
be changed (the name cannot), not back in the list."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication


def typed_email(dialog) -> None:
    dialog.start_add("email")
    for key, value in {"name": "Shop mail", "--address": "shop@example.com",
                       "--imap-host": "imap.example.com", "secret": "app-password"}.items():
        dialog.set_field(key, value)


def focus_on(dialog, qtbot) -> None:
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)


def test_escape_on_a_half_typed_form_warns_once_then_closes(accounts_dialog, qtbot):
    focus_on(accounts_dialog, qtbot)
    typed_email(accounts_dialog)
    qtbot.keyClick(accounts_dialog.widgets["--imap-host"], Qt.Key.Key_Escape)
    assert accounts_dialog.isVisible()
    assert accounts_dialog.ui.pages.currentWidget() is accounts_dialog.ui.editPage
    assert accounts_dialog.widgets["secret"].text() == "app-password"
    assert accounts_dialog.ui.editResult.text() == (
        "Shop mail is not added yet: Add account keeps it, Cancel drops it; press Escape"
        " again to close without it.")
    qtbot.keyClick(accounts_dialog.widgets["--imap-host"], Qt.Key.Key_Escape)
    assert not accounts_dialog.isVisible()


def test_escape_on_an_untouched_form_or_the_list_closes_at_once(accounts_dialog, qtbot):
    focus_on(accounts_dialog, qtbot)
    accounts_dialog.start_add("feed")
    qtbot.keyClick(accounts_dialog.widgets["name"], Qt.Key.Key_Escape)
    assert not accounts_dialog.isVisible()


def test_typing_again_after_the_warning_warns_again(accounts_dialog, qtbot):
    focus_on(accounts_dialog, qtbot)
    typed_email(accounts_dialog)
    accounts_dialog.reject()
    accounts_dialog.set_field("--smtp-host", "smtp.example.com")
    assert accounts_dialog.ui.editResult.text() == ""
    accounts_dialog.reject()
    assert accounts_dialog.isVisible()


def test_edit_puts_the_cursor_in_the_first_field_that_can_change(accounts_dialog, store, qtbot):
    store.add_account("Shop line", "phone", {"number": "+12075550100"})
    accounts_dialog.reload()
    qtbot.waitUntil(lambda: accounts_dialog.current_account() is not None)
    focus_on(accounts_dialog, qtbot)
    accounts_dialog.ui.editButton.setFocus()
    qtbot.keyClick(accounts_dialog.ui.editButton, Qt.Key.Key_Space)
    assert accounts_dialog.ui.pages.currentWidget() is accounts_dialog.ui.editPage
    assert QApplication.focusWidget() is accounts_dialog.widgets["--number"]
