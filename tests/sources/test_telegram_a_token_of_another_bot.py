"""A Telegram account reads one bot. A token is `<bot id>:<secret>`: one that @BotFather
revoked and issued again keeps the bot's id, and the account reads on from its cursor; a
token of another bot pasted into the account would read another bot's updates with the
first bot's offset (its messages confirmed away unread, or read into the wrong account),
so it is refused with the way out: a new account for that bot."""

from __future__ import annotations

import json

from inbox_app import secrets
from inbox_app.accounts import update_account
from inbox_app.sources import AccountSetup
from inbox_app.sources.poller import poll_once
from inbox_app.store import StoreError
from tests.servers import json_reply
from tests.sources.telegram_standin import TOKEN, BotApi, fixture

NOW = 1_900_000_000
REISSUED = "7012345678:AAGnewlyIssuedByBotFatherZZ9q"
OTHER_BOT = "7099999999:AAOtherBotOfTheShopQuiteDifferent"


def another_bot(http_server) -> BotApi:
    """A second bot on the same Bot API server: its own id and username."""
    other = BotApi(http_server, token=OTHER_BOT)
    me = fixture("getMe.json")
    me["result"].update(id=7099999999, username="HarbourLaneOffersBot",
                        first_name="Harbour Lane Offers")
    http_server.route("POST", other.path("getMe"), lambda r: json_reply(me))
    other.updates = []
    return other


def reissued(http_server) -> BotApi:
    """The shop's own bot after its token was revoked and issued again."""
    bot = BotApi(http_server, token=REISSUED)
    bot.updates = []
    return bot


def added_and_read(run_cli, http_server) -> None:
    BotApi(http_server)
    assert run_cli("account", "add", "telegram", "--name", "Bot", "--api",
                   http_server.base_url, stdin=TOKEN + "\n")[0] == 0
    code, out, _ = run_cli("poll", "--once")
    assert (code, out.split("\n")[0]) == (0, "Bot: 4 new (3 not for the queue)")


def account(run_cli, name: str = "Bot") -> dict:
    return {a["name"]: a for a in json.loads(run_cli("account", "list", "--json")[1])}[name]


def test_another_bot_s_token_is_refused_and_the_account_keeps_reading_its_own(
        run_cli, http_server, store):
    added_and_read(run_cli, http_server)
    another_bot(http_server)
    code, out, err = run_cli("account", "secret", "Bot", stdin=OTHER_BOT + "\n")
    assert (code, out) == (2, "")
    assert err.strip() == (
        "inbox-app: That token is another bot's (id 7099999999), not the one Bot reads (id "
        "7012345678): add a new account for that bot (Accounts → Add account, or `inbox-app "
        "account add telegram --name NAME`).")
    assert secrets.get_secret("Bot") == TOKEN
    assert store.get_account("Bot").cursor == {"offset": 500107}


def test_without_the_check_another_bot_s_token_is_refused_all_the_same(run_cli, http_server):
    added_and_read(run_cli, http_server)
    code, _, err = run_cli("account", "secret", "Bot", "--no-check", stdin=OTHER_BOT + "\n")
    assert code == 2 and "That token is another bot's (id 7099999999)" in err
    assert secrets.get_secret("Bot") == TOKEN


def test_a_token_issued_again_for_the_same_bot_reads_on_from_the_cursor(run_cli, http_server,
                                                                       store):
    added_and_read(run_cli, http_server)
    bot = reissued(http_server)
    code, out, _ = run_cli("account", "secret", "Bot", stdin=REISSUED + "\n")
    assert code == 0
    assert out.strip() == ("kept the new bot token for Bot: connected to @HarbourLaneBot "
                           "(Harbour Lane); it is read at the next poll")
    assert secrets.get_secret("Bot") == REISSUED
    bot.queue_private_messages(1, first_id=500107)
    code, out, _ = run_cli("poll", "--once")
    assert out.split("\n")[0].startswith("Bot: 1 new")
    assert bot.requests("getUpdates")[0].json()["offset"] == 500107


def test_an_account_added_before_the_app_kept_the_bot_s_id_is_guarded_by_its_token(
        store, http_server):
    """Accounts added by earlier versions keep no bot id; the token in the keyring tells."""
    store.add_account("Bot", "telegram", {"api": http_server.base_url})
    secrets.set_secret("Bot", TOKEN)
    kept = store.get_account("Bot")
    try:
        update_account(store, kept, AccountSetup(kept.config, "Bot token"), OTHER_BOT,
                       sign_in=None)
    except StoreError as error:
        assert str(error).startswith("That token is another bot's (id 7099999999)")
    else:
        raise AssertionError("another bot's token was kept")
    assert secrets.get_secret("Bot") == TOKEN
    updated, _ = update_account(store, kept, AccountSetup(kept.config, "Bot token"), REISSUED,
                                sign_in=None)
    assert updated.config["bot_id"] == 7012345678


def test_changing_the_interval_in_the_window_keeps_the_bot_s_id(run_cli, http_server, store):
    """The window's form builds the settings from its fields, which do not show the id."""
    added_and_read(run_cli, http_server)
    kept = store.get_account("Bot")
    updated, _ = update_account(store, kept, AccountSetup({"api": http_server.base_url},
                                                          "Bot token"), None, interval=600)
    assert updated.config == {"api": http_server.base_url, "bot_id": 7012345678}
    code, _, err = run_cli("account", "secret", "Bot", "--no-check", stdin=OTHER_BOT + "\n")
    assert code == 2 and "That token is another bot's (id 7099999999)" in err


def test_a_second_account_for_the_same_bot_is_refused(run_cli, http_server):
    """Two accounts reading one bot take each other's updates (and Telegram answers one of
    two calls at once with a conflict)."""
    added_and_read(run_cli, http_server)
    code, out, err = run_cli("account", "add", "telegram", "--name", "Bot again", "--api",
                             http_server.base_url, stdin=REISSUED + "\n")
    assert (code, out) == (2, "")
    assert err.strip() == ("inbox-app: Bot already reads the bot with id 7012345678: two "
                           "accounts on one bot would take each other's messages.")
    another_bot(http_server)
    code, out, _ = run_cli("account", "add", "telegram", "--name", "Offers", "--api",
                           http_server.base_url, stdin=OTHER_BOT + "\n")
    assert code == 0 and "connected to @HarbourLaneOffersBot" in out
    assert account(run_cli, "Offers")["config"]["bot_id"] == 7099999999


def test_a_keyring_holding_another_bot_s_token_is_not_read(store, http_server):
    """A token put in the keyring by hand (or by another program) is not trusted with the
    account's cursor either."""
    store.add_account("Bot", "telegram", {"api": http_server.base_url, "bot_id": 7012345678})
    store.set_cursor("Bot", {"offset": 500107})
    secrets.set_secret("Bot", OTHER_BOT)
    other = another_bot(http_server)
    (result,) = poll_once(store, at=NOW)
    assert result.error == (
        "The keyring holds another bot's token (id 7099999999) for Bot, which reads the bot "
        "with id 7012345678: enter this bot's token (Accounts → Edit, or `inbox-app account secret "
        "'Bot'`), or add a new account for the other bot.")
    assert other.requests("getUpdates") == []
    assert store.get_account("Bot").cursor == {"offset": 500107}


