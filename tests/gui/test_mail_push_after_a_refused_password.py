"""A password the mail server refuses is not tried again and again by the window's wait for
new mail (IMAP IDLE): a server guarding against guessing (fail2ban) would ban the shop's
own address. The wait stops, the account's health says why, and it starts again once the
password is changed or a poll signs in with it (real dovecot; the real poller)."""

from __future__ import annotations

from dataclasses import asdict
from uuid import uuid4

import pytest
from imapclient import IMAPClient

from inbox_app import secrets
from inbox_app.core.timeutil import now
from inbox_app.gui.mail_push import MailPush
from inbox_app.sources.poller import poll_once
from inbox_app.store import open_store
from tests.sources.mail.test_a_login_the_server_could_not_check import (
    TEMPORARY,
    LoginAnswering,
)

WAIT_MS = 30000


@pytest.fixture
def logins(monkeypatch) -> list[str]:
    """The user names every IMAP login in this process tried, refused or not (a test
    clears it after making its folder, which signs in too)."""
    tried: list[str] = []
    real_login = IMAPClient.login

    def counted(client, username, password):
        tried.append(username)
        return real_login(client, username, password)

    monkeypatch.setattr(IMAPClient, "login", counted)
    return tried


def _account(name: str, config: dict, **health) -> dict:
    return {"name": name, "kind": "email", "enabled": True, "config": config, **health}


def _ended(push: MailPush, name: str) -> bool:
    thread = push._watching[name][2]
    thread.join(timeout=WAIT_MS / 1000)
    return not thread.is_alive()


def test_a_refused_password_is_tried_once_not_again_and_again(qtbot, dovecot, logins):
    config = dovecot.account_config(dovecot.new_folder())
    logins.clear()
    secrets.set_secret("Shop mail", "changed-on-the-server-since")
    push = MailPush(retry_first=0.05)
    try:
        with qtbot.waitSignal(push.password_refused, timeout=WAIT_MS) as refused:
            push.watch([_account("Shop mail", config)])
        assert refused.args[0] == "Shop mail"
        assert "refused the user name or password for shop" in refused.args[1]
        assert _ended(push, "Shop mail")  # not waiting to try the same password again
        assert push.refusals == {"Shop mail": refused.args[1]}
        assert "Shop mail" not in push.listening_to

        push.watch([_account("Shop mail", config)])  # the sidebar refreshed, the window
        push.stop()                                  # went offline and came back
        push.watch([_account("Shop mail", config)])
        assert _ended(push, "Shop mail")
        assert logins == ["shop"]  # the same password never went to the server again
    finally:
        push.stop()


def test_a_new_password_typed_here_starts_the_wait_again(qtbot, dovecot, logins):
    config = dovecot.account_config(dovecot.new_folder())
    logins.clear()
    secrets.set_secret("Shop mail", "changed-on-the-server-since")
    push = MailPush(retry_first=0.05)
    try:
        with qtbot.waitSignal(push.password_refused, timeout=WAIT_MS):
            push.watch([_account("Shop mail", config)])
        assert _ended(push, "Shop mail")
        secrets.set_secret("Shop mail", dovecot.password)  # Accounts → Edit, or `account secret`
        push.watch([_account("Shop mail", config)])
        qtbot.waitUntil(lambda: "Shop mail" in push.listening_to, timeout=WAIT_MS)
        assert push.refusals == {}
        assert logins == ["shop", "shop"]
    finally:
        push.stop()


def test_changed_settings_start_the_wait_again(qtbot, dovecot, logins):
    folder = dovecot.new_folder()
    logins.clear()
    secrets.set_secret("Shop mail", dovecot.password)
    push = MailPush(retry_first=0.05)
    try:
        with qtbot.waitSignal(push.password_refused, timeout=WAIT_MS):
            push.watch([_account("Shop mail", dovecot.account_config(folder, user="shopp"))])
        push.watch([_account("Shop mail", dovecot.account_config(folder))])  # typo mended
        qtbot.waitUntil(lambda: "Shop mail" in push.listening_to, timeout=WAIT_MS)
        assert logins == ["shopp", "shop"]
    finally:
        push.stop()


def test_a_poll_that_signed_in_since_the_refusal_starts_the_wait_again(
        qtbot, dovecot, store, logins):
    """The server's side was mended (here: the mailbox did not exist yet), the password in
    the keyring was right all along; F5 reads the account, and the wait follows."""
    late = f"late-{uuid4().hex[:8]}"  # a mailbox the session's dovecot does not have yet
    config = dovecot.account_config("INBOX", user=late, address=f"{late}@example.com")
    store.add_account("Late mail", "email", config, poll_interval=3600)
    secrets.set_secret("Late mail", "late-password")
    push = MailPush(retry_first=0.05)
    try:
        with qtbot.waitSignal(push.password_refused, timeout=WAIT_MS):
            push.watch([asdict(store.get_account("Late mail"))])
        assert _ended(push, "Late mail")
        refused_at = now()
        qtbot.waitUntil(lambda: now() > refused_at, timeout=WAIT_MS)  # a later second
        dovecot.add_user(late, "late-password")
        [result] = poll_once(store, account="Late mail")
        assert result.error is None
        push.watch([asdict(store.get_account("Late mail"))])
        qtbot.waitUntil(lambda: "Late mail" in push.listening_to, timeout=WAIT_MS)
        assert push.refusals == {}
    finally:
        push.stop()


def test_the_window_says_why_it_stopped_waiting_beside_the_account(
        make_window, demo_location, dovecot, qtbot):
    location_store = open_store(demo_location)
    try:
        location_store.add_account("Shop mail", "email",
                                   dovecot.account_config(dovecot.new_folder()),
                                   poll_interval=3600)
        location_store.record_poll_success("Shop mail", cursor=None, at=now(),
                                           next_poll_at=now() + 3600)  # read a minute ago
    finally:
        location_store.close()
    secrets.set_secret("Shop mail", "changed-on-the-server-since")
    window = make_window()
    push = window.poller.push
    with qtbot.waitSignal(window.poller.poll_finished, timeout=WAIT_MS,
                          check_params_cb=lambda results: [r.account for r in results]
                          == ["Shop mail"]) as finished:
        pass  # the refusal asks for one read, which records it as the account's health
    [result] = finished.args[0]
    assert "refused the user name or password" in result.error
    assert _ended(push, "Shop mail")
    store = open_store(demo_location)
    try:
        assert "refused the user name or password" in store.get_account("Shop mail").last_error
    finally:
        store.close()
    window.close()


def test_a_password_the_server_could_not_check_just_now_is_tried_again_later(qtbot):
    """dovecot's "[UNAVAILABLE] Temporary authentication failure": its password store is
    down, the password may well be right."""
    server = LoginAnswering(TEMPORARY)
    secrets.set_secret("Shop mail", "right")
    push = MailPush(retry_first=0.05)
    refused = []
    push.password_refused.connect(lambda name, _why: refused.append(name))
    try:
        push.watch([_account("Shop mail", server.config())])
        qtbot.waitUntil(lambda: server.logins >= 3, timeout=WAIT_MS)  # again, after a pause
        assert push._watching["Shop mail"][2].is_alive()
        assert refused == [] and push.refusals == {}
    finally:
        push.stop()
        server.close()
