"""A Mastodon account reads one account's mentions, and its token says which
(`GET /api/v1/accounts/verify_credentials` → `id`). The account kept only its server, so a
token of another account on that server, pasted by mistake, was taken: that account's
mentions came in under this one from the kept `since_id`, and replies to old conversations
went out as the other account. The account now keeps its id (and `acct`, for sentences);
another account's token is refused with the way out (a new account for it), a reissued
token of the same account is taken, and an account added before the id was kept gains it
on its next save without being refused."""

from __future__ import annotations

import json

import pytest

from inbox_app import secrets
from inbox_app.accounts import update_account
from inbox_app.sources import AccountSetup
from inbox_app.sources.poller import poll_once
from inbox_app.store import StoreError
from tests.servers import json_reply
from tests.sources.mastodon_standin import MENTIONS, TOKEN
from tests.sources.recorded import mastodon_json, mastodon_reply

NOW = 1_900_000_000
REISSUED = "token-issued-again-for-the-same-account"
OTHER = "token-of-the-shop-s-offers-account"
SHOP_ID = "117020457910412882"  # the recorded verify_credentials: @mastodonpy_test
OTHER_ID = "117020457910499999"
OTHER_MENTION_ID = "90"  # newer than the shop's recorded mention (21): read from its since_id


class TwoAccountsServer:
    """One Mastodon server with two of the shop's accounts on it: the recorded shop
    (@mastodonpy_test) and @offers; each token signs in as its own account and lists its
    own mentions, as Mastodon does."""

    def __init__(self, http_server):
        self.http = http_server
        base = http_server.base_url
        shop = mastodon_json("test_account.yaml", 0, base)
        other = {**shop, "id": OTHER_ID, "username": "offers", "acct": "offers",
                 "display_name": "Harbour Lane Offers", "url": f"{base}/@offers"}
        self.me = {TOKEN: shop, REISSUED: shop, OTHER: other}
        other_mention = mastodon_json(MENTIONS, 1, base)[0]
        other_mention["id"] = OTHER_MENTION_ID
        other_mention["status"]["id"] = "117020577157799999"
        other_mention["status"]["mentions"] = [{"id": OTHER_ID, "username": "offers",
                                                "acct": "offers", "url": other["url"]}]
        self.other_mentions = [other_mention]
        http_server.route("GET", "/api/v1/accounts/verify_credentials", self._verify)
        http_server.route("GET", "/api/v1/notifications", self._notifications)

    def _token(self, request) -> str | None:
        token = (request.header("Authorization") or "").removeprefix("Bearer ")
        return token if token in self.me else None

    def _verify(self, request):
        token = self._token(request)
        if token is None:
            return mastodon_reply("test_home_tl_anonymous_throws.yaml", 0, self.http.base_url)
        return json_reply(self.me[token])

    def _notifications(self, request):
        token = self._token(request)
        if token is None:
            return mastodon_reply("test_home_tl_anonymous_throws.yaml", 0, self.http.base_url)
        if token == OTHER:
            since = request.query.get("since_id", ["0"])[0]
            return json_reply([n for n in self.other_mentions if int(n["id"]) > int(since)])
        if "since_id" in request.query:
            return json_reply([])
        return mastodon_reply(MENTIONS, 1, self.http.base_url)

    def notification_requests(self, token: str) -> list:
        return [r for r in self.http.requests_to("/api/v1/notifications")
                if r.header("Authorization") == f"Bearer {token}"]


@pytest.fixture
def server(http_server, corpus) -> TwoAccountsServer:
    return TwoAccountsServer(http_server)


def refusal(host: str) -> str:
    return (f"That access token is @offers@{host}'s, not that of @mastodonpy_test@{host}, "
            f"which this account reads: add a new account for @offers@{host} (Accounts → Add "
            "account, or `inbox-app account add mastodon`).")


def added_and_read(run_cli, server) -> None:
    assert run_cli("account", "add", "mastodon", "--name", "Shop", "--server",
                   server.http.base_url, stdin=TOKEN + "\n")[0] == 0
    code, out, _ = run_cli("poll", "--once")
    assert (code, out.split("\n")[0]) == (0, "Shop: 1 new")


def config_of(run_cli, name: str = "Shop") -> dict:
    return {a["name"]: a for a in json.loads(run_cli("account", "list", "--json")[1])}[name][
        "config"]


def test_an_added_account_keeps_whose_mentions_it_reads(run_cli, server):
    added_and_read(run_cli, server)
    assert config_of(run_cli) == {"server": server.http.base_url, "account_id": SHOP_ID,
                                  "acct": "mastodonpy_test"}


def test_another_account_s_token_is_refused_and_the_account_keeps_reading_its_own(
        run_cli, server, store):
    added_and_read(run_cli, server)
    code, out, err = run_cli("account", "secret", "Shop", stdin=OTHER + "\n")
    assert (code, out) == (2, "")
    assert err.strip() == "inbox-app: " + refusal("127.0.0.1")
    assert secrets.get_secret("Shop") == TOKEN
    assert store.get_account("Shop").cursor == {"since_id": "21"}
    code, out, _ = run_cli("poll", "--once")
    assert server.notification_requests(OTHER) == []
    assert store.stats()["messages"] == 1


def test_a_token_issued_again_for_the_same_account_reads_on_from_the_cursor(run_cli, server,
                                                                            store):
    added_and_read(run_cli, server)
    code, out, _ = run_cli("account", "secret", "Shop", stdin=REISSUED + "\n")
    assert (code, out.strip()) == (0, "kept the new access token for Shop: signed in as "
                                      "@mastodonpy_test@127.0.0.1 (0 followers); it is read at "
                                      "the next poll")
    assert secrets.get_secret("Shop") == REISSUED
    assert run_cli("poll", "--once")[0] == 0
    assert server.notification_requests(REISSUED)[0].query["since_id"] == ["21"]


def test_a_token_kept_without_the_check_is_not_read(run_cli, server, store):
    """`account secret --no-check` signs in to nothing; the poll asks whose token it is
    before it reads anything with the account's place."""
    added_and_read(run_cli, server)
    assert run_cli("account", "secret", "Shop", "--no-check", stdin=OTHER + "\n")[0] == 0
    code, out, _ = run_cli("poll", "--once")
    assert code == 0  # the round ran
    assert out.split("\n")[0] == (
        "Shop: failed: The keyring holds the access token of @offers@127.0.0.1 for Shop, "
        "which reads @mastodonpy_test@127.0.0.1: enter that account's token (Accounts → Edit, "
        "or `inbox-app account secret 'Shop'`), or add a new account for @offers@127.0.0.1.")
    assert server.notification_requests(OTHER) == []
    assert store.get_account("Shop").cursor == {"since_id": "21"}
    assert store.stats()["messages"] == 1


def test_an_account_added_before_the_id_was_kept_reads_on_as_before(store, server):
    """Nothing to compare its token with yet: it is read as before, not refused."""
    store.add_account("Shop", "mastodon", {"server": server.http.base_url})
    store.set_cursor("Shop", {"since_id": "21"})
    secrets.set_secret("Shop", TOKEN)
    (result,) = poll_once(store, at=NOW)
    assert result.error is None
    assert store.get_account("Shop").cursor == {"since_id": "21"}


def test_an_account_added_before_the_id_was_kept_gains_it_when_saved(store, server):
    store.add_account("Shop", "mastodon", {"server": server.http.base_url})
    secrets.set_secret("Shop", TOKEN)
    kept = store.get_account("Shop")
    updated, said = update_account(store, kept, AccountSetup(kept.config, "Access token"),
                                   REISSUED)
    assert said.startswith("signed in as @mastodonpy_test@127.0.0.1")
    assert updated.config == {"server": server.http.base_url, "account_id": SHOP_ID,
                              "acct": "mastodonpy_test"}
    with pytest.raises(StoreError) as refused:
        update_account(store, updated, AccountSetup(updated.config, "Access token"), OTHER)
    assert str(refused.value) == refusal("127.0.0.1")
    assert secrets.get_secret("Shop") == REISSUED


def test_changing_the_interval_in_the_window_keeps_the_account_s_id(run_cli, server, store):
    """The window's form builds the settings from its fields, which do not show the id."""
    added_and_read(run_cli, server)
    kept = store.get_account("Shop")
    updated, _ = update_account(store, kept, AccountSetup({"server": server.http.base_url},
                                                          "Access token"), None, interval=600)
    assert updated.config["account_id"] == SHOP_ID
    code, _, err = run_cli("account", "secret", "Shop", stdin=OTHER + "\n")
    assert code == 2 and err.strip() == "inbox-app: " + refusal("127.0.0.1")


def test_another_server_is_another_account(run_cli, server, store):
    """Moving the account to another server keeps no id from the old one: the sign-in there
    says whose it is."""
    added_and_read(run_cli, server)
    kept = store.get_account("Shop")
    elsewhere = server.http.base_url.replace("127.0.0.1", "localhost")
    updated, _ = update_account(store, kept, AccountSetup({"server": elsewhere},
                                                          "Access token"), OTHER)
    assert updated.config == {"server": elsewhere, "account_id": OTHER_ID, "acct": "offers"}
