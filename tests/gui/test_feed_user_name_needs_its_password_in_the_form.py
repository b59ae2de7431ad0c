"""A private feed's user name goes with its password (HTTP Basic), as `inbox-app account
add feed --username` asks for one. In the Accounts dialog a user name typed without a
password was saved ("Changes saved: found the feed…", the feed being readable without
one), and every poll after failed: "The password for … is missing from the keyring"."""

from __future__ import annotations

from inbox_app import secrets
from tests.servers import static

RSS = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>Members</title>
<item><title>Hello</title><guid>m1</guid><description>Hi</description></item></channel></rss>"""
ASKED = ["Fill in the password first.", False]


def _clicked(dialog, button, qtbot) -> list:
    with qtbot.waitSignal(dialog.tested, timeout=10000) as tested:
        button.click()
    return tested.args


def test_a_user_name_given_to_a_public_feed_asks_for_its_password(
        accounts_dialog, store, http_server, qtbot):
    http_server.route("GET", "/feed", static(RSS))
    store.add_account("Members", "feed", {"url": http_server.url("/feed")})
    accounts_dialog.reload()
    qtbot.waitUntil(lambda: accounts_dialog.current_account() is not None)
    accounts_dialog.start_edit()
    accounts_dialog.fields.show_more_options()
    accounts_dialog.set_field("--username", "owner")
    assert _clicked(accounts_dialog, accounts_dialog.ui.editTestButton, qtbot) == ASKED
    assert _clicked(accounts_dialog, accounts_dialog.ui.saveButton, qtbot) == ASKED
    assert store.get_account("Members").config == {"url": http_server.url("/feed")}

    accounts_dialog.set_field("secret", "forum-password")
    said, ok = _clicked(accounts_dialog, accounts_dialog.ui.saveButton, qtbot)
    assert ok, said
    assert store.get_account("Members").config["username"] == "owner"
    assert secrets.get_secret("Members") == "forum-password"


def test_a_private_feed_added_without_its_password_is_refused(
        accounts_dialog, store, http_server, qtbot):
    http_server.route("GET", "/feed", static(RSS))
    accounts_dialog.start_add("feed")
    for key, value in {"name": "Members", "--url": http_server.url("/feed"),
                       "--username": "owner"}.items():
        accounts_dialog.set_field(key, value)
    assert _clicked(accounts_dialog, accounts_dialog.ui.saveButton, qtbot) == ASKED
    assert store.list_accounts() == []


def test_a_private_feed_s_kept_password_is_enough_to_change_its_address(
        accounts_dialog, store, http_server, qtbot):
    http_server.route("GET", "/feed", static(RSS))
    http_server.route("GET", "/members.rss", static(RSS))
    store.add_account("Members", "feed", {"url": http_server.url("/feed"),
                                          "username": "owner"})
    secrets.set_secret("Members", "forum-password")
    accounts_dialog.reload()
    qtbot.waitUntil(lambda: accounts_dialog.current_account() is not None)
    accounts_dialog.start_edit()
    accounts_dialog.set_field("--url", http_server.url("/members.rss"))
    said, ok = _clicked(accounts_dialog, accounts_dialog.ui.saveButton, qtbot)
    assert ok, said
    assert http_server.requests_to("/members.rss")[-1].header("Authorization")
