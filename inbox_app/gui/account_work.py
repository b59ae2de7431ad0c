"""What the Accounts window asks of a pool thread: signing in once, reading a kept
secret, adding or changing an account as `inbox-app account add` does (inbox_app.accounts),
every problem as one sentence (ConnectionProblem) for the form to show."""

from __future__ import annotations

from typing import Any

from inbox_app import accounts, secrets
from inbox_app.core.models import Account
from inbox_app.core.text import sentence
from inbox_app.gui.account_forms import in_form_words, needs_secret, secret_label
from inbox_app.secrets import KeyringUnavailable
from inbox_app.sources import AccountSetup, SourceError, source_module
from inbox_app.store import Store


class ConnectionProblem(Exception):
    """A test or save that did not get through; the message is one sentence."""


def verify(kind: str, config: dict[str, Any], secret: str | None) -> str:
    """Signs in once with `config` and `secret` (a pool thread); one sentence either way.
    A feed is read in the window's parsing helper, as a poll reads it."""
    from inbox_app.sources import parse_worker
    from inbox_app.sources.http import FetchError

    parse_worker.start()

    if not hasattr(source_module(kind), "verify"):
        return "Nothing to test: a phone line is only a name for logged calls."
    # A private feed's user name goes with its password, as `account add feed` asks for it.
    if (needs_secret(kind) or config.get("username")) and not secret:
        raise ConnectionProblem(f"Fill in the {(secret_label(kind) or 'password').lower()}"
                                " first.")
    try:
        return sentence(accounts.check_sign_in(kind, config, secret) or "")
    except (SourceError, FetchError) as error:
        raise ConnectionProblem(sentence(in_form_words(str(error), kind))) from None
    except OSError as error:
        raise ConnectionProblem(f"Could not reach the server: {error.strerror or error}.") \
            from None


def verify_as_saved(store: Store, kind: str, setup: AccountSetup, secret: str | None,
                    account: Account | None) -> str:
    """Test connection on the form: signs in with the settings Save would keep, refused as
    Save refuses them (StoreError), so the test never passes what Save then turns down."""
    try:
        kept = accounts.settings_to_keep(store, kind, setup, secret, account)
    except KeyringUnavailable as error:
        raise ConnectionProblem(str(error)) from None
    return verify(kind, kept.config, secret)


def stored_secret(name: str) -> str | None:
    try:
        return secrets.get_secret(name)
    except KeyringUnavailable as error:
        raise ConnectionProblem(str(error)) from None


def add_account(store: Store, kind: str, name: str, setup: AccountSetup, secret: str | None,
                interval: int | None, staff: str | None) -> tuple[Account, str | None]:
    """What `inbox-app account add` does (inbox_app.accounts), its problems as sentences."""
    try:
        return accounts.add_account(
            store, kind, name, setup, secret, interval=interval, staff=staff,
            sign_in=verify if hasattr(source_module(kind), "verify") else None)
    except KeyringUnavailable as error:
        raise ConnectionProblem(str(error)) from None


def update_account(store: Store, account: Account, setup: AccountSetup, secret: str | None,
                   interval: int | None, staff: str | None) -> tuple[Account, str | None]:
    """What inbox_app.accounts does to change an account, its problems as sentences."""
    try:
        return accounts.update_account(
            store, account, setup, secret, interval=interval, staff=staff,
            sign_in=verify if hasattr(source_module(account.kind), "verify") else None)
    except KeyringUnavailable as error:
        raise ConnectionProblem(str(error)) from None
