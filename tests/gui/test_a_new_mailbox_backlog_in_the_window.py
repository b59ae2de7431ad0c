"""A new email account whose mailbox holds more than one step of a poll reads (500 mails)
is read whole by the window's next poll, step after step in the background, and the status
bar counts all of it — not one step a poll interval (real dovecot; the real poller)."""

from __future__ import annotations

from inbox_app import secrets
from inbox_app.store import open_store
from tests.sources.mail.samples import mail

WAIT_MS = 60000


def test_the_window_reads_a_new_mailbox_backlog_in_one_poll(
        make_window, demo_location, dovecot, qtbot):
    folder = dovecot.new_folder()
    for number in range(35):
        dovecot.deliver(folder, mail(message_id=f"<w{number}@ann>", subject=f"Order {number}",
                                     text=f"Has order {number} left the shop yet?"))
    store = open_store(demo_location)
    try:
        store.add_account("Shop mail", "email",
                          dovecot.account_config(folder, max_per_poll=10), poll_interval=3600)
    finally:
        store.close()
    secrets.set_secret("Shop mail", dovecot.password)
    window = make_window()

    with qtbot.waitSignal(window.poller.poll_finished, timeout=WAIT_MS,
                          check_params_cb=lambda results: [r.account for r in results]
                          == ["Shop mail"]) as finished:
        qtbot.waitUntil(lambda: window.poller.poll_now(account="Shop mail"), timeout=WAIT_MS)

    [result] = finished.args[0]
    assert (result.new, result.error) == (35, None)
    assert window.poll_label.text().startswith("35 new messages")
    store = open_store(demo_location)
    try:
        assert store._scalar("SELECT COUNT(*) FROM messages WHERE account = 'Shop mail'") == 35
    finally:
        store.close()
    window.close()
