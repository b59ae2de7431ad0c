"""A feed's password is for a private feed and goes with a user name (HTTP Basic). Typed
without one it was kept in the keyring, never sent, and the account added as if it were:
the form now asks for the user name and shows where it goes."""

from __future__ import annotations

from inbox_app import secrets
from tests.servers import static

RSS = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>Members</title>
<item><title>Hello</title><guid>m1</guid><description>Hi</description></item></channel></rss>"""


def test_a_password_without_a_user_name_is_refused_and_the_field_shown(
        accounts_dialog, store, http_server, qtbot):
    http_server.route("GET", "/feed", static(RSS))
    accounts_dialog.start_add("feed")
    for key, value in {"name": "Members", "--url": f"{http_server.base_url}/feed",
                       "secret": "forum-password"}.items():
        accounts_dialog.set_field(key, value)
    assert not accounts_dialog.widgets["--username"].isVisibleTo(accounts_dialog)
    with qtbot.waitSignal(accounts_dialog.tested, timeout=10000) as tested:
        accounts_dialog.ui.saveButton.click()
    assert tested.args == ["A password goes with a user name: fill in User name, or leave "
                           "Password empty.", False]
    assert store.list_accounts() == [] and secrets.get_secret("Members") is None
    assert accounts_dialog.widgets["--username"].isVisibleTo(accounts_dialog)

    accounts_dialog.set_field("--username", "owner")
    with qtbot.waitSignal(accounts_dialog.changed, timeout=10000):
        accounts_dialog.ui.saveButton.click()
    assert store.get_account("Members").config["username"] == "owner"
    assert secrets.get_secret("Members") == "forum-password"
