"""On a computer with no keyring at all (a team-mode desk that reads nothing itself, a
headless Linux without a Secret Service) Accounts → Edit could not even change how often an
account is checked: Save said "No usable keyring…", though a new interval keeps no secret
and signs in to nothing — as on a computer whose keyring simply lacks the token. A change
that does need the secret (a new server) still says what to install."""

from __future__ import annotations

import keyring
from keyring.backends import fail

from inbox_app import secrets


def _saved(dialog, qtbot) -> list:
    with qtbot.waitSignal(dialog.tested, timeout=10000) as tested:
        dialog.ui.saveButton.click()
    qtbot.waitUntil(lambda: not dialog.busy)
    return tested.args


def test_the_interval_changes_without_a_keyring_and_a_new_server_says_what_to_install(
        accounts_dialog, store, http_server, qtbot):
    store.add_account("Shop", "mastodon", {"server": http_server.base_url})
    accounts_dialog.reload()
    qtbot.waitUntil(lambda: accounts_dialog.current_account() is not None)
    keyring.set_keyring(fail.Keyring())
    accounts_dialog.start_edit()
    accounts_dialog.set_field("interval", 15)
    assert _saved(accounts_dialog, qtbot) == ["Changes saved.", True]
    assert store.get_account("Shop").poll_interval == 900
    assert http_server.requests_to("/api/v1/accounts/verify_credentials") == []

    accounts_dialog.start_edit()
    accounts_dialog.set_field("--server", "https://mastodon.example")
    assert _saved(accounts_dialog, qtbot) == [secrets.NO_KEYRING, False]
    assert store.get_account("Shop").config == {"server": http_server.base_url}
