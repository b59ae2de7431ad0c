"""A half-typed account form is not dropped by a click elsewhere in the Accounts dialog:
a click on another account in the list (to look up its server, say) tells once what is
unsaved and keeps the form as typed, the app password pasted in it too; a second click
goes where it was asked. Cancel goes back to the account shown before."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.gui.test_accounts_dialog_half_typed import typed_email


def _with_two_phone_lines(dialog, store, qtbot) -> None:
    store.add_account("Back office", "phone", {})
    store.add_account("Shop line", "phone", {})
    dialog.reload()
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 2)


def _click_row(dialog, qtbot, row: int) -> None:
    view = dialog.ui.accountList
    rect = view.visualRect(dialog.model.index(row))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.wait(20)


def _still_typed(dialog) -> bool:
    return dialog.ui.pages.currentWidget() is dialog.ui.editPage \
        and dialog.widgets["--address"].text() == "shop@example.com" \
        and dialog.widgets["secret"].text() == "app-password"


def test_a_click_on_another_account_keeps_the_half_typed_form_once(
        accounts_dialog, store, qtbot):
    _with_two_phone_lines(accounts_dialog, store, qtbot)
    typed_email(accounts_dialog)
    _click_row(accounts_dialog, qtbot, 0)
    assert _still_typed(accounts_dialog)
    assert accounts_dialog.ui.editResult.text() == (
        "Shop mail is not added yet: Add account keeps it, Cancel drops it; click again to"
        " leave it.")
    assert accounts_dialog.current_account() is None  # the list marks no other account
    accounts_dialog.set_field("--smtp-host", "smtp.example.com")  # typing on: told again
    _click_row(accounts_dialog, qtbot, 1)
    assert _still_typed(accounts_dialog)
    _click_row(accounts_dialog, qtbot, 1)
    assert accounts_dialog.ui.pages.currentWidget() is accounts_dialog.ui.detailPage
    assert accounts_dialog.ui.detailTitle.text() == "Shop line"


def test_changes_to_an_account_are_kept_from_a_click_on_another(accounts_dialog, store, qtbot):
    _with_two_phone_lines(accounts_dialog, store, qtbot)
    _click_row(accounts_dialog, qtbot, 1)
    accounts_dialog.start_edit()
    accounts_dialog.set_field("--number", "+1 207 555 0100")
    _click_row(accounts_dialog, qtbot, 0)
    assert accounts_dialog.ui.pages.currentWidget() is accounts_dialog.ui.editPage
    assert accounts_dialog.widgets["--number"].text() == "+1 207 555 0100"
    assert accounts_dialog.ui.editResult.text().startswith(
        "The changes to Shop line are not saved yet")
    assert accounts_dialog.current_account().name == "Shop line"  # the list marks it still


def test_an_untouched_form_goes_at_the_first_click(accounts_dialog, store, qtbot):
    _with_two_phone_lines(accounts_dialog, store, qtbot)
    accounts_dialog.start_add("email")
    _click_row(accounts_dialog, qtbot, 0)
    assert accounts_dialog.ui.pages.currentWidget() is accounts_dialog.ui.detailPage


def test_cancel_on_a_new_account_goes_back_to_the_account_shown_before(
        accounts_dialog, store, qtbot):
    _with_two_phone_lines(accounts_dialog, store, qtbot)
    _click_row(accounts_dialog, qtbot, 1)
    typed_email(accounts_dialog)
    accounts_dialog.ui.cancelButton.click()
    assert accounts_dialog.ui.pages.currentWidget() is accounts_dialog.ui.detailPage
    assert accounts_dialog.ui.detailTitle.text() == "Shop line"
    assert accounts_dialog.current_account().name == "Shop line"
