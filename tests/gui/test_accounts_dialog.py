"""The accounts dialog against real local servers: add, test, refuse, switch off, remove."""

from __future__ import annotations

import keyring
import pytest
from keyring.backends import fail

from inbox_app import secrets
from tests.servers import json_reply, static

GOOD_TOKEN = "good-token-from-preferences"
RSS = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>Reviews</title>
<item><title>Lovely beans</title><link>https://reviews.example/1</link><guid>r1</guid>
<description>Great coffee</description></item></channel></rss>"""


@pytest.fixture
def mastodon(http_server):
    def verify(request):
        if request.header("Authorization") == f"Bearer {GOOD_TOKEN}":
            return json_reply({"id": "1", "acct": "shop", "followers_count": 12})
        return json_reply({"error": "The access token is invalid"}, status=401)

    http_server.route("GET", "/api/v1/accounts/verify_credentials", verify)
    return http_server


def fill(dialog, kind, **fields):
    dialog.start_add(kind)
    for key, value in fields.items():
        dialog.set_field(key, value)


def test_adding_a_mastodon_account_signs_in_and_keeps_the_token_in_the_keyring(
        accounts_dialog, store, mastodon, qtbot, qtmodeltester):
    fill(accounts_dialog, "mastodon", name="Shop on Mastodon", **{"--server": mastodon.base_url},
         secret=GOOD_TOKEN)
    with qtbot.waitSignal(accounts_dialog.changed, timeout=10000):
        accounts_dialog.ui.saveButton.click()
    account = store.get_account("Shop on Mastodon")
    assert account.config == {"server": mastodon.base_url, "account_id": "1", "acct": "shop"}
    assert secrets.get_secret("Shop on Mastodon") == GOOD_TOKEN
    assert GOOD_TOKEN not in str(account.config)
    qtbot.waitUntil(lambda: accounts_dialog.model.rowCount() == 1)
    assert accounts_dialog.ui.pages.currentWidget() is accounts_dialog.ui.detailPage
    said = accounts_dialog.ui.detailResult.text()
    assert "Signed in as @shop@127.0.0.1 (12 followers)" in said or \
        "signed in as @shop@127.0.0.1 (12 followers)" in said
    assert "Not checked yet" in accounts_dialog.ui.healthLabel.text()
    qtmodeltester.check(accounts_dialog.model)

    with qtbot.waitSignal(accounts_dialog.tested, timeout=10000) as tested:
        accounts_dialog.ui.detailTestButton.click()
    assert tested.args == ["Signed in as @shop@127.0.0.1 (12 followers).", True]


def test_an_invalid_server_address_is_refused_before_anything_is_sent(
        accounts_dialog, store, mastodon, qtbot):
    fill(accounts_dialog, "mastodon", name="Shop", **{"--server": "http://mastodon.example"},
         secret=GOOD_TOKEN)
    with qtbot.waitSignal(accounts_dialog.tested) as tested:
        accounts_dialog.ui.editTestButton.click()
    text, ok = tested.args
    assert not ok
    assert text.startswith("Server: http://mastodon.example uses plain http; use https://")
    accounts_dialog.ui.saveButton.click()
    assert "plain http" in accounts_dialog.ui.editResult.text()
    assert store.list_accounts() == [] and mastodon.requests == []


def test_a_wrong_token_from_the_server_is_one_sentence_and_stores_nothing(
        accounts_dialog, store, mastodon, qtbot):
    fill(accounts_dialog, "mastodon", name="Shop", **{"--server": mastodon.base_url},
         secret="wrong")
    with qtbot.waitSignal(accounts_dialog.tested, timeout=10000) as tested:
        accounts_dialog.ui.saveButton.click()
    text, ok = tested.args
    assert not ok
    assert text.startswith("127.0.0.1 refused the access token (“The access token is invalid”)")
    assert text.count(". ") == 0 and text.endswith(".")
    assert accounts_dialog.ui.editResult.text() == text
    assert store.list_accounts() == []
    assert secrets.get_secret("Shop") is None


def test_a_missing_secret_and_a_missing_name_are_refused(accounts_dialog, store, mastodon, qtbot):
    fill(accounts_dialog, "mastodon", name="Shop", **{"--server": mastodon.base_url})
    with qtbot.waitSignal(accounts_dialog.tested) as tested:
        accounts_dialog.ui.saveButton.click()
    assert tested.args == ["Fill in the access token.", False]
    fill(accounts_dialog, "mastodon", name="  ", **{"--server": mastodon.base_url},
         secret=GOOD_TOKEN)
    with qtbot.waitSignal(accounts_dialog.tested) as tested:
        accounts_dialog.ui.saveButton.click()
    assert tested.args[0].startswith("Give the account a name")
    assert store.list_accounts() == []


def test_without_a_keyring_it_says_what_to_install_and_stores_nothing(
        accounts_dialog, store, mastodon, qtbot):
    keyring.set_keyring(fail.Keyring())
    fill(accounts_dialog, "mastodon", name="Shop", **{"--server": mastodon.base_url},
         secret=GOOD_TOKEN)
    with qtbot.waitSignal(accounts_dialog.tested, timeout=10000) as tested:
        accounts_dialog.ui.saveButton.click()
    text, ok = tested.args
    assert not ok and text == secrets.NO_KEYRING
    assert store.list_accounts() == []


def test_switch_off_on_and_remove(accounts_dialog, store, mastodon, qtbot):
    store.add_account("Shop", "mastodon", {"server": mastodon.base_url})
    secrets.set_secret("Shop", GOOD_TOKEN)
    store.record_poll_failure("Shop", error="127.0.0.1 answered 503.", at=1_900_000_000,
                              next_poll_at=1_900_000_300)
    accounts_dialog.reload()
    qtbot.waitUntil(lambda: accounts_dialog.ui.detailTitle.text() == "Shop")
    assert "The last check failed" in accounts_dialog.ui.healthLabel.text()
    assert "answered 503" in accounts_dialog.ui.healthLabel.text()
    with qtbot.waitSignal(accounts_dialog.changed):
        accounts_dialog.ui.enableButton.click()
    assert not store.get_account("Shop").enabled
    qtbot.waitUntil(lambda: accounts_dialog.ui.enableButton.text() == "Switch on")
    assert "Switched off" in accounts_dialog.ui.healthLabel.text()
    with qtbot.waitSignal(accounts_dialog.changed):
        accounts_dialog.ui.enableButton.click()
    assert store.get_account("Shop").enabled
    with qtbot.waitSignal(accounts_dialog.changed):
        accounts_dialog.remove(confirm=False)
    assert store.list_accounts() == []
    assert secrets.get_secret("Shop") is None
    qtbot.waitUntil(
        lambda: accounts_dialog.ui.pages.currentWidget() is accounts_dialog.ui.emptyPage)


def test_a_competitor_feed_is_read_once_then_its_watch_can_be_cleared(
        accounts_dialog, store, http_server, qtbot):
    http_server.route("GET", "/reviews.xml", static(RSS, "application/rss+xml"))
    url = http_server.url("/reviews.xml")
    fill(accounts_dialog, "feed", name="Dockside reviews", **{"--url": url, "--watch": "competitor",
                                                     "--term": "Dockside Roasters"})
    assert accounts_dialog.rows["--term"].isVisibleTo(accounts_dialog)
    with qtbot.waitSignal(accounts_dialog.changed, timeout=10000):
        accounts_dialog.ui.saveButton.click()
    account = store.get_account("Dockside reviews")
    assert (account.watch, account.config) == ("competitor",
                                               {"url": url, "term": "Dockside Roasters"})
    assert "found the feed 'Reviews' with 1 item" in accounts_dialog.ui.detailResult.text()
    from inbox_app.sources import parse_worker

    assert parse_worker.in_process()  # read by the helper, not in the window's process
    qtbot.waitUntil(lambda: accounts_dialog.current_account() is not None)
    accounts_dialog.start_edit()
    assert accounts_dialog.widgets["--term"].text() == "Dockside Roasters"
    accounts_dialog.set_field("--watch", "")
    assert not accounts_dialog.rows["--term"].isVisibleTo(accounts_dialog)
    with qtbot.waitSignal(accounts_dialog.changed, timeout=10000):
        accounts_dialog.ui.saveButton.click()
    account = store.get_account("Dockside reviews")
    assert account.watch is None and account.config == {"url": url}


def test_editing_signs_in_with_the_kept_token_and_a_wrong_new_one_changes_nothing(
        accounts_dialog, store, mastodon, qtbot):
    fill(accounts_dialog, "mastodon", name="Shop", **{"--server": mastodon.base_url},
         secret=GOOD_TOKEN)
    with qtbot.waitSignal(accounts_dialog.changed, timeout=10000):
        accounts_dialog.ui.saveButton.click()
    qtbot.waitUntil(lambda: accounts_dialog.current_account() is not None)
    accounts_dialog.start_edit()
    accounts_dialog.set_field("interval", 15)
    # No token typed: the kept one signs in.
    with qtbot.waitSignal(accounts_dialog.changed, timeout=10000):
        accounts_dialog.ui.saveButton.click()
    assert store.get_account("Shop").poll_interval == 900
    assert secrets.get_secret("Shop") == GOOD_TOKEN

    qtbot.waitUntil(lambda: not accounts_dialog.busy)
    accounts_dialog.start_edit()
    accounts_dialog.set_field("interval", 30)
    accounts_dialog.set_field("secret", "a-revoked-token")
    accounts_dialog.ui.saveButton.click()
    qtbot.waitUntil(lambda: "access token is invalid" in accounts_dialog.ui.editResult.text(),
                    timeout=10000)
    assert store.get_account("Shop").poll_interval == 900
    assert secrets.get_secret("Shop") == GOOD_TOKEN


def test_a_phone_line_needs_no_test(accounts_dialog, store, qtbot):
    fill(accounts_dialog, "phone", name="Shop line", **{"--number": "+1 207 555 0100"})
    assert not accounts_dialog.ui.editTestButton.isVisibleTo(accounts_dialog)
    assert "secret" not in accounts_dialog.widgets
    with qtbot.waitSignal(accounts_dialog.changed):
        accounts_dialog.ui.saveButton.click()
    assert store.get_account("Shop line").config == {"number": "+1 207 555 0100"}
    assert "Phone lines are not checked" in accounts_dialog.ui.healthLabel.text()


def test_every_kind_has_a_form_with_its_options(accounts_dialog, qtbot):
    for kind in ("email", "mastodon", "bluesky", "telegram", "feed", "phone"):
        accounts_dialog.start_add(kind)
        assert accounts_dialog.ui.pages.currentWidget() is accounts_dialog.ui.editPage
    accounts_dialog.start_add("email")
    accounts_dialog.set_field("name", "Mail")
    for key, value in {"--address": "Hello@Shop.example", "--imap-host": "imap.shop.example",
                       "--smtp-host": "smtp.shop.example"}.items():
        accounts_dialog.set_field(key, value)
    qtbot.keyClicks(accounts_dialog.widgets["--imap-port"], "abc")
    assert accounts_dialog.widgets["--imap-port"].text() == ""  # only digits can be typed
    name, setup, secret, interval = accounts_dialog._typed()
    assert setup.config["address"] == "hello@shop.example"
    assert setup.config["imap_port"] == 993 and setup.config["smtp_port"] == 587
    assert interval == 300 and secret is None


def test_a_taken_name_is_refused_before_the_other_accounts_token_is_touched(
        accounts_dialog, store, mastodon, qtbot):
    store.add_account("Shop on Mastodon", "mastodon", {"server": mastodon.base_url})
    secrets.set_secret("Shop on Mastodon", "the-first-accounts-token")
    fill(accounts_dialog, "mastodon", name="shop on mastodon", **{"--server": mastodon.base_url},
         secret=GOOD_TOKEN)
    with qtbot.waitSignal(accounts_dialog.tested, timeout=10000) as tested:
        accounts_dialog.ui.saveButton.click()
    assert tested.args == ["There is already an account called shop on mastodon.", False]
    assert secrets.get_secret("Shop on Mastodon") == "the-first-accounts-token"
    assert mastodon.requests_to("/api/v1/accounts/verify_credentials") == []
