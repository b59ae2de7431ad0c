"""A token copied from a web page often comes with a space or a line break around it. Pasted
so into the Accounts form it went to the server as it was ("The request to … failed
(InvalidHeader).") or into the keyring; now a token is taken without them, and a password
without the line break, as `inbox-app account add` reads one from stdin."""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication

from inbox_app import secrets
from tests.sources.mastodon_standin import TOKEN, MastodonServer


def _paste(field, text: str) -> None:
    QGuiApplication.clipboard().setText(text)
    field.setFocus()
    field.paste()


def test_an_access_token_pasted_with_spaces_and_a_line_break_signs_in(
        accounts_dialog, store, http_server, qtbot):
    MastodonServer(http_server)
    accounts_dialog.start_add("mastodon")
    accounts_dialog.set_field("name", "Shop on Mastodon")
    accounts_dialog.set_field("--server", http_server.base_url)
    _paste(accounts_dialog.widgets["secret"], f"  {TOKEN} \n")
    with qtbot.waitSignal(accounts_dialog.tested, timeout=10000) as tested:
        accounts_dialog.ui.saveButton.click()
    assert tested.args[1], tested.args
    assert secrets.get_secret("Shop on Mastodon") == TOKEN


def test_a_mail_password_keeps_its_spaces_but_not_the_line_break(accounts_dialog):
    accounts_dialog.start_add("email")
    _paste(accounts_dialog.widgets["secret"], " pass word \r\n")
    assert accounts_dialog.fields.secret() == " pass word "


def test_a_token_of_only_spaces_is_no_token(accounts_dialog, qtbot):
    accounts_dialog.start_add("telegram")
    accounts_dialog.set_field("name", "Shop bot")
    _paste(accounts_dialog.widgets["secret"], "   \n")
    with qtbot.waitSignal(accounts_dialog.tested) as tested:
        accounts_dialog.ui.saveButton.click()
    assert tested.args == ["Fill in the bot token.", False]
