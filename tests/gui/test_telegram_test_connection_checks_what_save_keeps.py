"""Accounts → Edit on a Telegram account, Test connection: it answers as Save would.
Another bot's token signed in fine, so the test said "connected" where Save then refused
it; the test refuses it in the same sentence, and a reissued token of the same bot, or a
test with no new token, still signs in."""

from __future__ import annotations

from tests.gui.test_telegram_token_of_another_bot_in_the_window import OTHER_BOT, REISSUED
from tests.sources.telegram_standin import TOKEN, BotApi

REFUSAL = ("That token is another bot's (id 7099999999), not the one Shop bot reads (id "
           "7012345678): add a new account for that bot (Accounts → Add account, or "
           "`inbox-app account add telegram --name NAME`).")


def _clicked(accounts_dialog, button, qtbot) -> list:
    with qtbot.waitSignal(accounts_dialog.tested, timeout=10000) as tested:
        button.click()
    return tested.args


def _editing_shop_bot(accounts_dialog, http_server, qtbot) -> None:
    for token in (TOKEN, REISSUED, OTHER_BOT):
        BotApi(http_server, token=token)  # every token signs in: only its bot differs
    accounts_dialog.start_add("telegram")
    accounts_dialog.set_field("name", "Shop bot")
    accounts_dialog.set_field("--api", http_server.base_url)
    accounts_dialog.set_field("secret", TOKEN)
    assert _clicked(accounts_dialog, accounts_dialog.ui.saveButton, qtbot)[1]
    qtbot.waitUntil(lambda: accounts_dialog.current_account() is not None)
    accounts_dialog.start_edit()


def test_another_bot_s_token_is_refused_by_test_connection_as_by_save(
        accounts_dialog, store, http_server, qtbot):
    _editing_shop_bot(accounts_dialog, http_server, qtbot)
    accounts_dialog.set_field("secret", OTHER_BOT)
    assert _clicked(accounts_dialog, accounts_dialog.ui.editTestButton, qtbot) == [
        REFUSAL, False]
    assert _clicked(accounts_dialog, accounts_dialog.ui.saveButton, qtbot) == [REFUSAL, False]


def test_the_same_bot_s_reissued_token_and_the_kept_one_still_sign_in(
        accounts_dialog, store, http_server, qtbot):
    _editing_shop_bot(accounts_dialog, http_server, qtbot)
    said, ok = _clicked(accounts_dialog, accounts_dialog.ui.editTestButton, qtbot)
    assert ok, said
    accounts_dialog.set_field("secret", REISSUED)
    said, ok = _clicked(accounts_dialog, accounts_dialog.ui.editTestButton, qtbot)
    assert ok, said
    assert store.get_account("Shop bot").config["bot_id"] == 7012345678
