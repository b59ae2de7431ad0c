"""A Mastodon account added before the app kept its account's id (`config.account_id`,
`acct`) gains it at its next poll, not only at its next save.

Until then nothing told its token from another account's: an owner who pasted a token of
the shop's other account with `account secret --no-check` had that account's mentions
filed under this one, read from this one's `since_id`, and replies posted as it — and an
account nobody edits is never saved again. The poll signs in anyway
(`verify_credentials`), so it hands the id it learns back to the poller
(`FetchResult.config`), which keeps it with the cursor, in the same transaction, on the
account as the poll read it.
"""

from __future__ import annotations

import json
from contextlib import closing

import pytest

from inbox_app import secrets
from inbox_app.accounts import update_account
from inbox_app.sources import AccountSetup, FetchResult
from inbox_app.sources.poller import poll_once
from inbox_app.store import open_store
from tests.servers import json_reply
from tests.sources.mastodon_standin import TOKEN
from tests.sources.test_mastodon_a_token_of_another_account import (
    OTHER,
    SHOP_ID,
    TwoAccountsServer,
)

pytestmark = pytest.mark.both_engines

NOW = 1_900_000_000
LEARNED = {"account_id": SHOP_ID, "acct": "mastodonpy_test"}


@pytest.fixture
def server(http_server, corpus) -> TwoAccountsServer:
    return TwoAccountsServer(http_server)


@pytest.fixture
def old_account(store, server):
    """The shop's account as a version before the id was kept left it: its server and its
    place in the shop's mentions (notification 21), its token in the keyring."""
    store.add_account("Shop", "mastodon", {"server": server.http.base_url})
    store.set_cursor("Shop", {"since_id": "21"})
    secrets.set_secret("Shop", TOKEN)
    return store.get_account("Shop")


def during_sign_in(server: TwoAccountsServer, change) -> None:
    """`change()` made while the poll asks whose token it holds, before it is answered."""
    answer = server.http.routes[("GET", "/api/v1/accounts/verify_credentials")]
    done: list[bool] = []

    def handle(request):
        if not done:
            done.append(True)
            change()
        return answer(request)

    server.http.route("GET", "/api/v1/accounts/verify_credentials", handle)


def at_the_other_desk(store_location, change):
    """`change(desk)` through a store of its own, as the window or another computer."""
    def make() -> None:
        with closing(open_store(store_location)) as desk:
            change(desk)

    return make


def test_the_next_poll_keeps_whose_token_it_read_with(store, old_account, server):
    (result,) = poll_once(store, at=NOW)
    assert (result.error, result.warning) == (None, None)
    account = store.get_account("Shop")
    assert account.config == {"server": server.http.base_url, **LEARNED}
    assert account.cursor == {"since_id": "21"}  # the id is a setting, not a place


def test_a_token_checked_once_is_not_asked_about_at_every_poll(store, old_account, server):
    """The window polls every few minutes: whose token it is, once known for this token,
    is not asked again in the same program; another token is."""
    for minutes in range(3):
        (result,) = poll_once(store, at=NOW + 300 * minutes)
        assert result.error is None
    assert len(server.http.requests_to("/api/v1/accounts/verify_credentials")) == 1

    secrets.set_secret("Shop", OTHER)
    (result,) = poll_once(store, at=NOW + 900)
    assert result.error is not None and "@offers@" in result.error
    assert len(server.http.requests_to("/api/v1/accounts/verify_credentials")) == 2


def test_then_another_account_s_token_kept_without_a_check_is_not_read(store, old_account,
                                                                       server):
    poll_once(store, at=NOW)
    secrets.set_secret("Shop", OTHER)  # what `account secret Shop --no-check` keeps

    (result,) = poll_once(store, at=NOW + 300)

    assert result.error == (
        "The keyring holds the access token of @offers@127.0.0.1 for Shop, which reads "
        "@mastodonpy_test@127.0.0.1: enter that account's token (Accounts → Edit, or "
        "`inbox-app account secret 'Shop'`), or add a new account for @offers@127.0.0.1.")
    assert server.notification_requests(OTHER) == []
    assert store.get_account("Shop").cursor == {"since_id": "21"}
    assert store.stats()["messages"] == 0


def test_the_poll_that_learned_the_id_is_no_edit_for_the_next(store, old_account, server):
    """The poller's own change to the settings is what the next poll reads: it reads on
    from the cursor, with no "changed while it was read" warning."""
    poll_once(store, at=NOW)
    (again,) = poll_once(store, at=NOW + 300)
    assert (again.error, again.warning, again.next_poll_at) == (None, None, NOW + 300 + 300)
    asked = server.notification_requests(TOKEN)
    assert [r.query.get("since_id") for r in asked] == [["21"], ["21"]]
    assert store.get_account("Shop").last_success_at == NOW + 300


def test_a_save_after_the_poll_keeps_the_id_and_the_cursor(store, old_account, server):
    """The window's form does not show the id, and the server stays: the place read stays
    too (the cursor is reset only for another server)."""
    poll_once(store, at=NOW)
    polled = store.get_account("Shop")
    updated, _ = update_account(store, polled, AccountSetup(
        {"server": server.http.base_url}, "Access token"), None, interval=600)
    assert updated.config == {"server": server.http.base_url, **LEARNED}
    assert updated.cursor == {"since_id": "21"}


def test_an_edit_page_opened_before_the_poll_keeps_the_id_it_learned(store, old_account,
                                                                      server):
    """Edit was opened on the account as it was; a poll learned the id meanwhile; the
    owner, at a computer that holds no token (team mode), changes only the interval."""
    opened_on = store.get_account("Shop")
    poll_once(store, at=NOW)
    secrets.delete_secret("Shop")
    updated, _ = update_account(store, opened_on, AccountSetup(
        {"server": server.http.base_url}, "Access token"), None, interval=600)
    assert updated.config == {"server": server.http.base_url, **LEARNED}
    assert updated.poll_interval == 600


def test_an_account_moved_to_another_server_mid_poll_keeps_no_id_from_the_old_one(
        store, store_location, old_account, server):
    """The id the old server gave is no account on the new one: kept there, it refused the
    right token at the new server."""
    elsewhere = server.http.base_url.replace("127.0.0.1", "localhost")

    def move(desk) -> None:
        desk.update_account("Shop", config={"server": elsewhere})

    during_sign_in(server, at_the_other_desk(store_location, move))
    (result,) = poll_once(store, at=NOW)
    assert result.warning == ("Its settings were changed while it was read; the new ones are"
                              " read next.")
    assert store.get_account("Shop").config == {"server": elsewhere}


def test_a_token_replaced_mid_poll_is_checked_against_the_one_the_cursor_was_read_with(
        store, old_account, server):
    """The cursor kept is a place in the mentions of the account the old token signs in
    as; the id kept with it is that account's, so the new token is checked against it."""
    during_sign_in(server, lambda: secrets.set_secret("Shop", OTHER))
    poll_once(store, at=NOW)
    assert store.get_account("Shop").config == {"server": server.http.base_url, **LEARNED}
    (result,) = poll_once(store, at=NOW + 300)
    assert result.error.startswith("The keyring holds the access token of @offers@127.0.0.1")
    assert server.notification_requests(OTHER) == []


def test_a_server_that_does_not_say_whose_token_it_is_is_read_and_asked_again(
        store, old_account, server, http_server):
    answer = http_server.routes[("GET", "/api/v1/accounts/verify_credentials")]
    http_server.route("GET", "/api/v1/accounts/verify_credentials",
                      lambda r: json_reply({"error": "Busy"}, status=503))
    (result,) = poll_once(store, at=NOW)
    assert (result.error, result.warning) == (None, None)
    assert store.get_account("Shop").config == {"server": server.http.base_url}

    http_server.route("GET", "/api/v1/accounts/verify_credentials", answer)
    poll_once(store, at=NOW + 300)
    assert store.get_account("Shop").config == {"server": server.http.base_url, **LEARNED}


def test_settings_learned_on_a_first_round_do_not_stop_the_next_round(store, monkeypatch):
    """A fetch that hands back settings and says there is more is read on at once: the
    poller's own change is not an edit made while the account was read."""
    import inbox_app.sources.poller as poller

    monkeypatch.setattr(poller, "pollable", lambda account: True)
    monkeypatch.setattr(poller, "source_module", lambda kind: None)
    store.add_account("Bot", "telegram", {"api": "https://api.telegram.org"})
    seen: list[tuple[dict, dict]] = []

    def fetch(account, secret):
        seen.append((account.config, account.cursor))
        if not account.cursor:
            return FetchResult([], {"offset": 1}, more=True, config={"bot_id": 42})
        return FetchResult([], {"offset": 2})

    (result,) = poll_once(store, at=NOW, fetcher=fetch)
    assert (result.error, result.warning) == (None, None)
    assert seen == [({"api": "https://api.telegram.org"}, {}),
                    ({"api": "https://api.telegram.org", "bot_id": 42}, {"offset": 1})]
    account = store.get_account("Bot")
    assert (account.config, account.cursor) == (
        {"api": "https://api.telegram.org", "bot_id": 42}, {"offset": 2})


def test_a_token_that_may_not_say_whose_it_is_still_reads_as_it_did(store, old_account,
                                                                    server, http_server):
    """A token made without the `read:accounts` permission was read all along, since
    reading asks nothing of it; asking whose it is must not now stop it."""
    http_server.route("GET", "/api/v1/accounts/verify_credentials", lambda r: json_reply(
        {"error": "This action is outside the authorized scopes"}, status=403))
    (result,) = poll_once(store, at=NOW)
    assert (result.error, result.warning) == (None, None)
    assert server.notification_requests(TOKEN)[0].query["since_id"] == ["21"]
    assert store.get_account("Shop").config == {"server": server.http.base_url}


def test_what_a_cron_job_sees(run_cli, db_path, server):
    """The owner's story on the command line: an old account polled by cron, then a token
    of the shop's other account kept with `--no-check` by mistake."""
    with closing(open_store(db_path)) as desk:
        desk.add_account("Shop", "mastodon", {"server": server.http.base_url})
    secrets.set_secret("Shop", TOKEN)
    code, out, _ = run_cli("poll", "--once")
    assert (code, out.split("\n")[0]) == (0, "Shop: 1 new")
    (listed,) = json.loads(run_cli("account", "list", "--json")[1])
    assert listed["config"] == {"server": server.http.base_url, **LEARNED}

    assert run_cli("account", "secret", "Shop", "--no-check", stdin=OTHER + "\n")[0] == 0
    code, out, _ = run_cli("poll", "--once")
    assert out.split("\n")[0].startswith(
        "Shop: failed: The keyring holds the access token of @offers@127.0.0.1 for Shop")
    assert server.notification_requests(OTHER) == []
