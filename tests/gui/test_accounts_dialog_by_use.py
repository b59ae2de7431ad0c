"""The accounts dialog used as a shop owner uses it, inside the window and against the
local stand-in servers: a password typed on a computer that did not hold it, a keyring
that fails its own way, what the dialog shows while it stays open."""

from __future__ import annotations

import keyring
import pytest

from inbox_app import secrets
from inbox_app.store import open_store
from tests.test_keyring_that_fails_its_own_way import SilentSecretService

WAIT_MS = 30000


def _add_email_account(location: str, dovecot, smtp_server, name: str = "Shop mail") -> None:
    """An email account as another computer (or an old laptop) added it: its settings in the
    store, its password in that computer's keyring, not in this one."""
    store = open_store(location)
    try:
        store.add_account(name, "email", dovecot.account_config(
            dovecot.new_folder(), smtp_port=smtp_server.port),
                          poll_interval=3600)
    finally:
        store.close()


def _accounts_dialog(window, qtbot):
    window.show_accounts()
    dialog = window.last_dialog
    qtbot.waitUntil(lambda: dialog.current_account() is not None, timeout=WAIT_MS)
    return dialog


def test_a_password_typed_here_starts_waiting_for_new_mail_at_once(
        make_window, demo_location, dovecot, smtp_server, qtbot):
    _add_email_account(demo_location, dovecot, smtp_server)
    window = make_window()
    push = window.poller.push
    thread = push._watching["Shop mail"][2]
    thread.join(timeout=10)  # nothing to sign in with on this computer
    assert push.listening_to == set()

    dialog = _accounts_dialog(window, qtbot)
    dialog.start_edit()
    dialog.set_field("secret", dovecot.password)
    with qtbot.waitSignal(dialog.changed, timeout=WAIT_MS):
        dialog.ui.saveButton.click()
    qtbot.waitUntil(lambda: "Shop mail" in push.listening_to, timeout=WAIT_MS)
    dialog.close()


def test_a_keyring_that_does_not_answer_is_a_sentence_in_the_dialog_not_a_crash(
        make_window, demo_location, dovecot, smtp_server, qtbot, monkeypatch):
    _add_email_account(demo_location, dovecot, smtp_server)
    window = make_window()
    crashes = []
    monkeypatch.setattr("sys.excepthook", lambda *exc: crashes.append(exc))
    keyring.set_keyring(SilentSecretService())
    dialog = _accounts_dialog(window, qtbot)

    with qtbot.waitSignal(dialog.tested, timeout=WAIT_MS) as tested:
        dialog.ui.detailTestButton.click()
    assert tested.args[1] is False and tested.args[0].startswith(
        secrets.NO_KEYRING.removesuffix("."))
    dialog.start_edit()
    dialog.set_field("secret", dovecot.password)
    with qtbot.waitSignal(dialog.tested, timeout=WAIT_MS) as tested:
        dialog.ui.saveButton.click()
    assert tested.args[1] is False and "the keyring said" in tested.args[0]
    assert dialog.ui.editResult.text() == tested.args[0]
    assert crashes == []
    dialog.close()


RSS = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>Reviews</title>
<item><title>Lovely beans</title><link>https://reviews.example/1</link><guid>r1</guid>
<description>Great coffee</description></item></channel></rss>"""


def test_the_health_shown_follows_the_background_checks_while_the_dialog_is_open(
        make_window, demo_location, http_server, qtbot):
    from tests.servers import Reply, static

    http_server.route("GET", "/reviews.xml", static(RSS, "application/rss+xml"))
    store = open_store(demo_location)
    try:
        store.add_account("Reviews", "feed", {"url": http_server.url("/reviews.xml")})
    finally:
        store.close()
    window = make_window()
    dialog = _accounts_dialog(window, qtbot)
    assert dialog.ui.healthLabel.text().startswith("Not checked yet")

    with qtbot.waitSignal(window.poller.poll_finished, timeout=WAIT_MS):
        window.poller.poll_now(due_only=True)  # the window's timer, while the dialog is open
    qtbot.waitUntil(lambda: dialog.ui.healthLabel.text().startswith(
        "Working: last checked a moment ago."), timeout=WAIT_MS)
    assert dialog.model.index(0).data().endswith(" · working")

    http_server.route("GET", "/reviews.xml", lambda request: Reply(503, {}, b"down"))
    with qtbot.waitSignal(window.poller.poll_finished, timeout=WAIT_MS):
        window.poller.poll_now()
    qtbot.waitUntil(lambda: dialog.ui.healthLabel.text().startswith(
        "The last check failed a moment ago:"), timeout=WAIT_MS)
    assert dialog.ui.pages.currentWidget() is dialog.ui.detailPage
    dialog.close()


GOOD_TOKEN = "good-token-from-preferences"


@pytest.fixture
def slow_mastodon(http_server):
    """A Mastodon server that answers the sign-in only once `answer` is set."""
    import threading

    from tests.servers import json_reply

    answer = threading.Event()

    def verify(request):
        answer.wait(20)
        if request.header("Authorization") == f"Bearer {GOOD_TOKEN}":
            return json_reply({"id": "1", "acct": "shop", "followers_count": 12})
        return json_reply({"error": "The access token is invalid"}, status=401)

    http_server.route("GET", "/api/v1/accounts/verify_credentials", verify)
    http_server.answer = answer
    yield http_server
    answer.set()


def _click_row(qtbot, dialog, row: int) -> None:
    from PySide6.QtCore import Qt

    view = dialog.ui.accountList
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton,
                     pos=view.visualRect(dialog.model.index(row)).center())


def test_typing_a_new_account_is_not_interrupted_by_the_background_checks(
        accounts_dialog, store, qtbot):
    store.add_account("Shop line", "phone", {})
    accounts_dialog.reload()
    qtbot.waitUntil(lambda: accounts_dialog.current_account() is not None)
    accounts_dialog.start_add("mastodon")
    accounts_dialog.set_field("name", "Shop on Mastodon")
    store.record_poll_failure("Shop line", error="x", at=1_900_000_000,
                              next_poll_at=1_900_000_300)  # what a poll meanwhile changes
    qtbot.waitUntil(lambda: accounts_dialog.model.account_at(0).last_error == "x", timeout=WAIT_MS)
    assert accounts_dialog.ui.pages.currentWidget() is accounts_dialog.ui.editPage
    assert accounts_dialog.widgets["name"].text() == "Shop on Mastodon"


def test_a_refusal_that_takes_a_while_is_still_shown_on_the_form(
        accounts_dialog, store, slow_mastodon, qtbot):
    store.add_account("Shop line", "phone", {})
    store.add_account("Workshop line", "phone", {})
    accounts_dialog.reload()
    qtbot.waitUntil(lambda: accounts_dialog.current_account() is not None)
    accounts_dialog.start_add("mastodon")
    for key, value in {"name": "Shop", "--server": slow_mastodon.base_url,
                       "secret": "a-mistyped-token"}.items():
        accounts_dialog.set_field(key, value)
    accounts_dialog.ui.saveButton.click()
    qtbot.waitUntil(lambda: bool(slow_mastodon.requests_to(
        "/api/v1/accounts/verify_credentials")))
    _click_row(qtbot, accounts_dialog, 1)  # the person looks at another account meanwhile
    with qtbot.waitSignal(accounts_dialog.tested, timeout=WAIT_MS) as tested:
        slow_mastodon.answer.set()
    assert tested.args[1] is False
    assert accounts_dialog.ui.pages.currentWidget() is accounts_dialog.ui.editPage
    assert accounts_dialog.ui.editResult.text() == tested.args[0]
    assert accounts_dialog.widgets["secret"].text() == "a-mistyped-token"


def test_changes_cancelled_while_they_are_checked_are_not_called_an_added_account(
        accounts_dialog, store, slow_mastodon, qtbot):
    store.add_account("Shop", "mastodon", {"server": slow_mastodon.base_url})
    secrets.set_secret("Shop", GOOD_TOKEN)
    accounts_dialog.reload()
    qtbot.waitUntil(lambda: accounts_dialog.current_account() is not None)
    accounts_dialog.start_edit()
    accounts_dialog.set_field("interval", 15)
    accounts_dialog.ui.saveButton.click()
    accounts_dialog.ui.cancelButton.click()
    with qtbot.waitSignal(accounts_dialog.tested, timeout=WAIT_MS) as tested:
        slow_mastodon.answer.set()
    assert tested.args[0].startswith("Changes saved: signed in as @shop")
    assert store.get_account("Shop").poll_interval == 900


def test_a_wrong_server_is_named_by_the_field_the_person_sees_not_a_command_option(
        accounts_dialog, store, http_server, qtbot):
    accounts_dialog.start_add("mastodon")  # a web server, but no Mastodon there: 404
    for key, value in {"name": "Shop", "--server": http_server.base_url,
                       "secret": GOOD_TOKEN}.items():
        accounts_dialog.set_field(key, value)
    with qtbot.waitSignal(accounts_dialog.tested, timeout=WAIT_MS) as tested:
        accounts_dialog.ui.saveButton.click()
    assert tested.args == ["127.0.0.1 does not look like a Mastodon server: check the address "
                           "(Server).", False]

    accounts_dialog.start_add("feed")
    for key, value in {"name": "Forum", "--url": "https://owner:pw@forum.example/feed"}.items():
        accounts_dialog.set_field(key, value)
    with qtbot.waitSignal(accounts_dialog.tested, timeout=WAIT_MS) as tested:
        accounts_dialog.ui.saveButton.click()
    assert "--" not in tested.args[0] and "User name" in tested.args[0]
    assert store.list_accounts() == []


def test_on_a_computer_without_the_token_the_interval_can_still_be_changed(
        accounts_dialog, store, http_server, qtbot):
    """Team mode: the token is in another computer's keyring. Settings that stay as they
    were need no sign-in; new server settings do, and say what to type."""
    store.add_account("Shop", "mastodon", {"server": http_server.base_url})
    accounts_dialog.reload()
    qtbot.waitUntil(lambda: accounts_dialog.current_account() is not None)
    accounts_dialog.start_edit()
    accounts_dialog.set_field("interval", 15)
    with qtbot.waitSignal(accounts_dialog.changed, timeout=WAIT_MS):
        accounts_dialog.ui.saveButton.click()
    assert store.get_account("Shop").poll_interval == 900
    assert accounts_dialog.ui.detailResult.text() == "Changes saved."
    assert secrets.get_secret("Shop") is None and http_server.requests_to(
        "/api/v1/accounts/verify_credentials") == []

    qtbot.waitUntil(lambda: not accounts_dialog.busy)
    accounts_dialog.start_edit()
    accounts_dialog.set_field("--server", "https://mastodon.example")
    with qtbot.waitSignal(accounts_dialog.tested, timeout=WAIT_MS) as tested:
        accounts_dialog.ui.saveButton.click()
    assert tested.args == ["Fill in the access token first.", False]
    assert store.get_account("Shop").config == {"server": http_server.base_url}


def test_a_change_made_while_a_check_runs_leaves_check_now_off(window, qtbot):
    """Saving an account switched "Check for new messages" back on in the middle of a
    running check (a second one could be started over it)."""
    window.poller.running = True
    window.ui.actionPoll.setEnabled(False)
    try:
        window.show_accounts()
        window.last_dialog.changed.emit()
        assert not window.ui.actionPoll.isEnabled()
    finally:
        window.poller.running = False
        window.last_dialog.reject()
