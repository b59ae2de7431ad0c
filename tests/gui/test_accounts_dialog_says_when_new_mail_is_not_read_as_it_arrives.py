"""When the mail server refuses the password, the window stops waiting for new mail on that
account (IMAP IDLE) and does not try again by itself: the Accounts window said nothing of
it, so the owner could not tell why mail now came in only every hour. Its details say so,
and what to do, until the wait listens again (real dovecot)."""

from __future__ import annotations

import pytest

from inbox_app import secrets
from inbox_app.gui.accounts_dialog import AccountsDialog
from inbox_app.gui.jobs import Jobs
from inbox_app.gui.mail_push import MailPush
from inbox_app.store import open_store

WAIT_MS = 30000
NOT_PUSHED = ("New mail is not read as it arrives: the server refused the password. Enter "
              "the current one (Edit), or press F5 (Check now) once the server takes it again.")


@pytest.fixture
def shop_mail(dovecot, empty_location) -> dict:
    """An email account, as the sidebar gives it to the mail push."""
    config = dovecot.account_config(dovecot.new_folder())
    store = open_store(empty_location)
    try:
        store.add_account("Shop mail", "email", config, poll_interval=3600)
    finally:
        store.close()
    return {"name": "Shop mail", "kind": "email", "enabled": True, "config": config}


def open_dialog(qtbot, location: str, push: MailPush) -> AccountsDialog:
    dialog = AccountsDialog(Jobs(location), push=push)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.current_account() is not None, timeout=WAIT_MS)
    return dialog


def test_a_refused_password_is_said_in_the_account_details_until_it_listens_again(
        qtbot, dovecot, empty_location, shop_mail):
    secrets.set_secret("Shop mail", "changed-on-the-server-since")
    push = MailPush(retry_first=0.05)
    try:
        with qtbot.waitSignal(push.password_refused, timeout=WAIT_MS):
            push.watch([shop_mail])
        dialog = open_dialog(qtbot, empty_location, push)

        health = dialog.ui.healthLabel
        assert health.text().endswith(NOT_PUSHED)
        assert health.property("role") == "problem"
        assert "as it arrives" not in dialog.ui.detailKind.text()

        secrets.set_secret("Shop mail", dovecot.password)  # typed in Edit, say
        push.watch([shop_mail])
        qtbot.waitUntil(lambda: "Shop mail" in push.listening_to, timeout=WAIT_MS)
        qtbot.waitUntil(lambda: NOT_PUSHED not in health.text(), timeout=WAIT_MS)
        assert dialog.ui.detailKind.text().startswith(
            "Email · new mail read as it arrives, and checked every 60 min")
        assert health.property("role") is None
        dialog.close()
    finally:
        push.stop()


def test_a_switched_off_account_says_only_that_it_is_off(qtbot, empty_location, shop_mail,
                                                         dovecot):
    secrets.set_secret("Shop mail", "changed-on-the-server-since")
    push = MailPush(retry_first=0.05)
    try:
        with qtbot.waitSignal(push.password_refused, timeout=WAIT_MS):
            push.watch([shop_mail])
        store = open_store(empty_location)
        try:
            store.set_account_enabled("Shop mail", False)
        finally:
            store.close()
        dialog = open_dialog(qtbot, empty_location, push)

        assert dialog.ui.healthLabel.text() == (
            "Switched off: it is not checked until you switch it on again.")
        dialog.close()
    finally:
        push.stop()
