"""A server refusing an account's token or password names the command that mends it,
`inbox-app account secret NAME`, with the account's own name: in the poll's output, in
`account list` (and so in the window, which shows the same sentence). While an account
is being added there is no account to name yet, so no such command is offered."""

from __future__ import annotations

import json

from tests.servers import json_reply
from tests.sources.bluesky_standin import HANDLE, PASSWORD, Pds
from tests.sources.mastodon_standin import TOKEN as MASTODON_TOKEN
from tests.sources.mastodon_standin import MastodonServer
from tests.sources.telegram_standin import TOKEN as BOT_TOKEN
from tests.sources.telegram_standin import BotApi, fixture, method


def last_error(run_cli, name: str) -> str:
    code, out, _ = run_cli("account", "list", "--json")
    assert code == 0
    return {a["name"]: a for a in json.loads(out)}[name]["last_error"]


def polled(run_cli, name: str) -> str:
    code, out, err = run_cli("poll", "--once", "--account", name)
    assert (code, err) == (0, "")
    return out.strip()


def test_a_revoked_mastodon_token_names_the_command_with_the_account(run_cli, http_server):
    mastodon = MastodonServer(http_server)
    assert run_cli("account", "add", "mastodon", "--name", "Café Social", "--server",
               http_server.base_url, stdin=MASTODON_TOKEN + "\n")[0] == 0
    mastodon.token = "a-new-token-made-in-the-shop-s-settings"
    expected = ("127.0.0.1 refused the access token (“The access token is invalid”): it was "
                "revoked or has expired; create a new token and enter it (Accounts → Edit, or "
                "`inbox-app account secret 'Café Social'`).")
    assert polled(run_cli, "café social") == f"Café Social: failed: {expected}"
    assert last_error(run_cli, "Café Social") == expected
    code, out, _ = run_cli("account", "list")
    assert out.rstrip().split("error: ", 1)[1].startswith(expected)
    # and the command it names mends it
    code, out, _ = run_cli("account", "secret", "Café Social", stdin=mastodon.token + "\n")
    assert code == 0
    assert polled(run_cli, "Café Social") == "Café Social: 1 new"


def test_a_mastodon_token_refused_while_adding_offers_no_account_to_mend(run_cli, http_server):
    MastodonServer(http_server)
    code, out, err = run_cli("account", "add", "mastodon", "--name", "Social", "--server",
                         http_server.base_url, stdin="not-the-token\n")
    assert (code, out) == (2, "")
    assert err.strip() == ("inbox-app: The account was not added: 127.0.0.1 refused the access "
                           "token (“The access token is invalid”): it was revoked or has "
                           "expired; create a new token.")


def test_a_revoked_bot_token_names_the_command_with_the_account(run_cli, http_server):
    BotApi(http_server)
    assert run_cli("account", "add", "telegram", "--name", "Bot", "--api", http_server.base_url,
               stdin=BOT_TOKEN + "\n")[0] == 0
    http_server.route("POST", method("getUpdates"),
                      lambda r: json_reply(fixture("error.unauthorized.json"), status=401))
    expected = ("Telegram refused the bot token (mistyped, or revoked in @BotFather): enter "
                "the bot's current token (Accounts → Edit, or `inbox-app account secret "
                "'Bot'`), or check the API address (--api 127.0.0.1).")
    assert polled(run_cli, "Bot") == f"Bot: failed: {expected}"
    assert last_error(run_cli, "Bot") == expected


def test_a_bot_token_refused_while_adding_offers_no_account_to_mend(run_cli, http_server):
    BotApi(http_server)
    code, _, err = run_cli("account", "add", "telegram", "--name", "Bot", "--api",
                       http_server.base_url, stdin="7012345678:AAHdqTcvCH1vGWJxfSeofSAs0K5PAL0000\n")
    assert code == 2
    assert err.strip() == ("inbox-app: The account was not added: Telegram refused the bot token "
                           "(mistyped, or revoked in @BotFather): use the bot's current token, "
                           "or check the API address (--api 127.0.0.1).")


def test_a_revoked_bluesky_app_password_names_the_command_with_the_account(run_cli, http_server):
    pds = Pds(http_server)
    assert run_cli("account", "add", "bluesky", "--name", "Sky", "--handle", HANDLE, "--service",
               http_server.base_url, stdin=PASSWORD + "\n")[0] == 0
    pds.password = "wxyz-wxyz-wxyz-wxyz"  # the old app password revoked, a new one made
    pds.valid_access.clear()  # and with it every session signed in with the old one
    expected = (f"Bluesky refused the app password for {HANDLE} (“Invalid identifier or "
                "password”): create a new app password and enter it (Accounts → Edit, or "
                "`inbox-app account secret 'Sky'`).")
    assert polled(run_cli, "Sky") == f"Sky: failed: {expected}"
    assert last_error(run_cli, "Sky") == expected
    assert run_cli("account", "secret", "Sky", stdin=pds.password + "\n")[0] == 0
    assert polled(run_cli, "Sky").startswith("Sky: 24 new")


def test_a_refused_bluesky_session_names_the_command_with_the_account(run_cli, http_server):
    pds = Pds(http_server)
    assert run_cli("account", "add", "bluesky", "--name", "Sky", "--handle", HANDLE, "--service",
               http_server.base_url, stdin=PASSWORD + "\n")[0] == 0
    http_server.route("GET", pds.path("app.bsky.notification.listNotifications"),
                      lambda r: json_reply({"error": "Unauthorized",
                                            "message": "Session revoked"}, status=401))
    assert last_error(run_cli, "Sky") is None
    polled(run_cli, "Sky")
    assert last_error(run_cli, "Sky") == (
        f"Bluesky refused the session for {HANDLE} (“Session revoked”): sign in again with "
        "its app password (Accounts → Edit, or `inbox-app account secret 'Sky'`).")


def test_a_bluesky_app_password_refused_while_adding_offers_no_account_to_mend(run_cli,
                                                                             http_server):
    Pds(http_server)
    code, _, err = run_cli("account", "add", "bluesky", "--name", "Sky", "--handle", HANDLE,
                       "--service", http_server.base_url, stdin="aaaa-bbbb-cccc-dddd\n")
    assert code == 2
    assert err.strip() == ("inbox-app: The account was not added: Bluesky refused the app "
                           f"password for {HANDLE} (“Invalid identifier or password”): create "
                           "a new app password.")
