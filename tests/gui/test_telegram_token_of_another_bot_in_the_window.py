"""Accounts → Edit on a Telegram account: a token of the same bot, issued again by
@BotFather, is kept; another bot's token is refused in one sentence (the account would read
that bot's messages with this bot's cursor) and the token kept before stays."""

from __future__ import annotations

from inbox_app import secrets
from tests.sources.telegram_standin import TOKEN, BotApi

OTHER_BOT = "7099999999:AAOtherBotOfTheShopQuiteDifferent"
REISSUED = "7012345678:AAGnewlyIssuedByBotFatherZZ9q"


def _added(accounts_dialog, http_server, qtbot) -> None:
    BotApi(http_server)
    BotApi(http_server, token=REISSUED)
    accounts_dialog.start_add("telegram")
    accounts_dialog.set_field("name", "Shop bot")
    accounts_dialog.set_field("--api", http_server.base_url)
    accounts_dialog.set_field("secret", TOKEN)
    with qtbot.waitSignal(accounts_dialog.tested, timeout=10000) as tested:
        accounts_dialog.ui.saveButton.click()
    assert tested.args[1], tested.args


def _saved_with(accounts_dialog, token: str, qtbot) -> list:
    qtbot.waitUntil(lambda: accounts_dialog.current_account() is not None)
    accounts_dialog.start_edit()
    assert accounts_dialog.editing is not None
    accounts_dialog.set_field("secret", token)
    with qtbot.waitSignal(accounts_dialog.tested, timeout=10000) as tested:
        accounts_dialog.ui.saveButton.click()
    return tested.args


def test_another_bot_s_token_is_refused_and_the_same_bot_s_new_one_kept(
        accounts_dialog, store, http_server, qtbot):
    _added(accounts_dialog, http_server, qtbot)
    assert _saved_with(accounts_dialog, OTHER_BOT, qtbot) == [
        "That token is another bot's (id 7099999999), not the one Shop bot reads (id "
        "7012345678): add a new account for that bot (Accounts → Add account, or `inbox-app "
        "account add telegram --name NAME`).", False]
    assert secrets.get_secret("Shop bot") == TOKEN
    accounts_dialog.set_field("secret", REISSUED)  # the form stays, as it was typed
    with qtbot.waitSignal(accounts_dialog.tested, timeout=10000) as tested:
        accounts_dialog.ui.saveButton.click()
    args = tested.args
    assert args[1], args
    assert secrets.get_secret("Shop bot") == REISSUED
    assert store.get_account("Shop bot").config["bot_id"] == 7012345678
