"""A mail server refusing an account's password names the command that mends it,
`inbox-app account secret NAME`, with the account's name (not its login user name);
while an account is checked before it exists, there is no account to name."""

from __future__ import annotations

import pytest

from inbox_app import secrets
from inbox_app.replies import reply
from inbox_app.sources import SourceError
from inbox_app.sources.mail_imap import imap_session
from inbox_app.sources.poller import poll_once
from tests.sources.mail.samples import mail

NAME = "Shop mail"
ADVICE = "(Accounts → Edit, or `inbox-app account secret 'Shop mail'`)"


def conversation_of(store, external_id):
    return store._scalar("SELECT conversation_id FROM messages WHERE external_id = ?",
                         (external_id,))


@pytest.fixture
def answered(store, dovecot, folder, mail_account):
    """A conversation to reply in, read from the account `Shop mail` (login user `shop`)."""
    mail_account(NAME)
    dovecot.deliver(folder, mail())
    assert poll_once(store, account=NAME)[0].new == 1
    return conversation_of(store, "<m1@example.com>")


def test_a_password_the_smtp_server_refuses_names_the_account(store, answered):
    secrets.set_secret(NAME, "changed-on-the-server-since")
    result = reply(store, answered, "We are on it.", None)
    assert (result.delivery, result.error) == (
        "failed", "The mail server 127.0.0.1 refused the user name or password for shop; enter "
                  f"the account's current password {ADVICE}.")


def test_a_password_missing_from_the_keyring_names_the_account(store, answered):
    secrets.delete_all(NAME)
    result = reply(store, answered, "We are on it.", None)
    assert (result.delivery, result.error) == (
        "failed", f"The password for {NAME} is missing from the keyring; enter it again "
                  f"{ADVICE}.")


def test_a_password_the_imap_server_refuses_names_the_account(store, dovecot, folder,
                                                              mail_account):
    config = mail_account(NAME).config
    with pytest.raises(SourceError) as refused, \
            imap_session(config, "changed-on-the-server-since", account_name=NAME):
        pass
    assert str(refused.value) == ("The mail server 127.0.0.1 refused the user name or password "
                                  f"for shop; enter the account's current password {ADVICE}.")


def test_without_an_account_the_refusal_names_no_command(dovecot, folder, smtp_server):
    config = dovecot.account_config(folder, smtp_port=smtp_server.port)
    with pytest.raises(SourceError) as refused, imap_session(config, "a-guess"):
        pass
    assert str(refused.value) == ("The mail server 127.0.0.1 refused the user name or password "
                                  "for shop.")
