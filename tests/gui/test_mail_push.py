"""Email that lands while the window is open shows up without waiting for the next poll
(IMAP IDLE against the real dovecot; the real poller reads the account)."""

from __future__ import annotations

from inbox_app import secrets
from inbox_app.gui.mail_push import MailPush
from inbox_app.store import QueueQuery, open_store
from tests.pgserver import TcpProxy
from tests.sources.mail.samples import mail

WAIT_MS = 30000


def _email_account(location: str, dovecot, folder: str, name: str = "Shop mail") -> None:
    store = open_store(location)
    try:
        store.add_account(name, "email", dovecot.account_config(folder), poll_interval=3600)
    finally:
        store.close()
    secrets.set_secret(name, dovecot.password)


def test_new_mail_is_read_the_moment_it_arrives(make_window, demo_location, dovecot, qtbot):
    folder = dovecot.new_folder()
    _email_account(demo_location, dovecot, folder)
    window = make_window()  # the real poller; the account is not due for an hour
    push = window.poller.push
    qtbot.waitUntil(lambda: "Shop mail" in push.listening_to, timeout=WAIT_MS)
    assert push.accounts == ["Shop mail"]
    with qtbot.waitSignal(window.poller.poll_finished, timeout=WAIT_MS) as finished:
        dovecot.append(folder, mail(subject="Broken mug", text="It arrived in pieces. Again."))
    assert [(r.account, r.new, r.error) for r in finished.args[0]] == [("Shop mail", 1, None)]
    window.show_accounts()  # which says so beside the account
    dialog = window.last_dialog
    qtbot.waitUntil(lambda: dialog.model.row_of("Shop mail") is not None, timeout=WAIT_MS)
    dialog.show_account(dialog.model.account_at(dialog.model.row_of("Shop mail")))
    assert "new mail read as it arrives" in dialog.ui.detailKind.text()
    dialog.close()
    store = open_store(demo_location)
    try:
        found = store.queue(QueueQuery(filter="all", search="pieces"))
    finally:
        store.close()
    assert len(found) == 1
    window.close()
    assert push.accounts == [] and push.listening_to == set()


def test_a_dropped_line_is_listened_to_again_and_mail_landed_meanwhile_is_read(qtbot, dovecot):
    folder = dovecot.new_folder()
    relay = TcpProxy(dovecot.port)
    config = dovecot.account_config(folder, imap_port=relay.port)
    secrets.set_secret("Flaky", dovecot.password)
    push = MailPush(retry_first=0.2)
    arrived = []
    push.arrived.connect(arrived.append)
    try:
        push.watch([{"name": "Flaky", "kind": "email", "enabled": True, "config": config}])
        qtbot.waitUntil(lambda: "Flaky" in push.listening_to, timeout=WAIT_MS)
        with qtbot.waitSignal(push.stopped_listening, timeout=WAIT_MS):
            relay.cut()
        assert "Flaky" not in push.listening_to
        dovecot.append(folder, mail(subject="While you were away", text="Hello?"))
        relay.restore()
        qtbot.waitUntil(lambda: arrived == ["Flaky"], timeout=WAIT_MS)  # read on reconnecting
        assert "Flaky" in push.listening_to
        dovecot.append(folder, mail(subject="And again", text="Still there?"))
        qtbot.waitUntil(lambda: arrived == ["Flaky", "Flaky"], timeout=WAIT_MS)
    finally:
        push.stop()
        relay.close()


def test_after_listening_again_a_new_failure_starts_with_a_short_pause(qtbot, dovecot, caplog):
    import logging

    caplog.set_level(logging.INFO, logger="inbox_app.gui.mail_push")
    relay = TcpProxy(dovecot.port)
    config = dovecot.account_config(dovecot.new_folder(), imap_port=relay.port)
    secrets.set_secret("Patchy", dovecot.password)
    push = MailPush(retry_first=1.0)
    try:
        push.watch([{"name": "Patchy", "kind": "email", "enabled": True, "config": config}])
        qtbot.waitUntil(lambda: "Patchy" in push.listening_to, timeout=WAIT_MS)
        relay.cut()
        qtbot.waitUntil(lambda: "again in 2 s" in caplog.text, timeout=WAIT_MS)  # growing
        relay.restore()
        qtbot.waitUntil(lambda: "Patchy" in push.listening_to, timeout=WAIT_MS)
        caplog.clear()
        relay.cut()
        qtbot.waitUntil(lambda: "again in" in caplog.text, timeout=WAIT_MS)
        assert "again in 1 s" in caplog.text.splitlines()[0]
    finally:
        push.stop()
        relay.close()


def test_an_account_without_a_password_here_or_disabled_is_not_watched(qtbot, dovecot):
    folder = dovecot.new_folder()
    push = MailPush()
    config = dovecot.account_config(folder)
    push.watch([
        {"name": "Elsewhere", "kind": "email", "enabled": True, "config": config},  # no secret
        {"name": "Off", "kind": "email", "enabled": False, "config": config},
        {"name": "Feed", "kind": "feed", "enabled": True, "config": {}},
    ])
    assert push.accounts == ["Elsewhere"]
    thread = push._watching["Elsewhere"][2]
    thread.join(timeout=10)
    assert not thread.is_alive()  # its password lives on another computer
    push.stop()


def test_a_server_that_cannot_be_reached_is_tried_again_later(qtbot, dovecot):
    folder = dovecot.new_folder()
    config = {**dovecot.account_config(folder), "imap_port": 1}  # nothing listens there
    secrets.set_secret("Away", "pw")
    push = MailPush(retry_first=30)
    push.watch([{"name": "Away", "kind": "email", "enabled": True, "config": config}])
    thread = push._watching["Away"][2]
    thread.join(timeout=2)
    assert thread.is_alive()  # waiting to try again, not given up
    push.stop()
    thread.join(timeout=10)
    assert not thread.is_alive()


def test_an_account_whose_settings_cannot_be_used_stops_its_watch_quietly(qtbot, caplog):
    secrets.set_secret("Odd", "pw")
    push = MailPush()
    push.watch([{"name": "Odd", "kind": "email", "enabled": True, "config": {"address": "a@b"}}])
    thread = push._watching["Odd"][2]
    thread.join(timeout=10)
    assert not thread.is_alive()
    assert "waiting for new mail stopped" in caplog.text
    push.stop()
