"""Adding and removing an account, for the command line and the window alike: the store
refuses first, then the sign-in check, then the keyring, then the store — so a secret
never lands under another account's name, and a refused account leaves no secret."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import replace

from inbox_app import secrets
from inbox_app.core.models import Account
from inbox_app.sources import AccountSetup, source_module
from inbox_app.store import NotFound, Store, StoreError

SignIn = Callable[[str, dict, str | None], str | None]


def check_sign_in(kind: str, config: dict, secret: str | None) -> str | None:
    """Signs in once with the settings; the channel's one-sentence answer, or None for a
    kind with nothing to sign in to. Raises the channel's SourceError/FetchError."""
    from inbox_app.sources.http import make_session

    module = source_module(kind)
    if module is None or not hasattr(module, "verify"):
        return None
    session = make_session()
    try:
        return module.verify(config, secret, session)
    finally:
        session.close()


def add_account(store: Store, kind: str, name: str, setup: AccountSetup, secret: str | None,
                *, interval: int | None = None, staff: str | None = None,
                sign_in: SignIn | None = check_sign_in) -> tuple[Account, str | None]:
    """The account with its secret in the keyring, and what signing in said (None when
    not checked). KeyringUnavailable when the secret cannot be kept."""
    name = name.strip()
    store.check_new_account(name, kind, watch=setup.watch, poll_interval=interval)
    setup = settings_to_keep(store, kind, setup, secret)
    verified = sign_in(kind, setup.config, secret) if sign_in else None
    # Signing in may name what the account reads (a Bluesky DID behind a new handle).
    check_not_read_twice(store, kind, setup.config)
    # What a removed account of this name left behind (its keyring locked when it went)
    # is not the new account's: a feed added without a password would have sent it.
    with contextlib.suppress(secrets.KeyringUnavailable):
        secrets.delete_all(name)
    if secret:
        secrets.set_secret(name, secret)
    try:
        account = store.add_account(name, kind, setup.config, watch=setup.watch,
                                    poll_interval=interval, staff=staff)
    except StoreError:
        if secret and not _exists(store, name):  # taken meanwhile by another desktop: keep
            with contextlib.suppress(secrets.KeyringUnavailable):
                secrets.delete_all(name)
        raise
    _adopt_session(account, verified)
    return account, verified


def update_account(store: Store, account: Account, setup: AccountSetup, secret: str | None,
                   *, interval: int | None = None, staff: str | None = None,
                   sign_in: SignIn | None = check_sign_in) -> tuple[Account, str | None]:
    """New settings (and a new secret, when one is given) for an existing account: signed
    in with first (with the kept secret when no new one is given), so settings that do not
    work are never stored. Where no secret is kept (team mode: it is in another computer's
    keyring) and the server settings stay as they were, there is nothing new to sign in
    with, and the interval or watch changes as asked. KeyringUnavailable when the secret
    cannot be read or kept (a change that needs no secret is made without a keyring)."""
    with contextlib.suppress(NotFound):
        current = store.get_account(account.name)
        if (current.id, current.created_at) == (account.id, account.created_at):
            account = current  # what a poll learned since the form was opened (an id) stays
    no_keyring: secrets.KeyringUnavailable | None = None
    try:
        kept = secret or (secrets.get_secret(account.name) if setup.secret_label else None)
    except secrets.KeyringUnavailable as error:  # as in team mode: no secret kept here
        kept, no_keyring = None, error
    setup = settings_to_keep(store, account.kind, setup, kept, account)
    nothing_to_check = not kept and setup.secret_label and setup.config == account.config
    if no_keyring is not None and not nothing_to_check:
        raise no_keyring
    verified = sign_in(account.kind, setup.config, kept) if sign_in and not nothing_to_check \
        else None
    check_not_read_twice(store, account.kind, setup.config, besides=account.name)
    before = _secret_replaced(account.name, secret)
    try:
        with store.transaction():
            reads, will_read = (_where_it_reads(account.kind, config)
                                for config in (account.config, setup.config))
            if None not in (reads, will_read) and reads != will_read:
                store.set_cursor(account.name, {})  # the old source's place means nothing
            updated = store.update_account(account.name, config=setup.config,
                                           watch=setup.watch or "", poll_interval=interval,
                                           staff=staff)
    except StoreError:
        before()
        raise
    _adopt_session(updated, verified)
    return updated, verified


def _secret_replaced(name: str, secret: str | None) -> Callable[[], None]:
    """Keeps a new secret for the account, and what puts back the one it replaced: a store
    that then refuses the change (the account removed meanwhile at another computer) leaves
    no secret that belongs to nothing, nor one the kept settings do not go with."""
    if not secret:
        return lambda: None
    previous = secrets.get_secret(name)
    secrets.set_secret(name, secret)

    def put_back() -> None:
        with contextlib.suppress(secrets.KeyringUnavailable):
            if previous is None:
                secrets.delete_secret(name)
            else:
                secrets.set_secret(name, previous)

    return put_back


def settings_to_keep(store: Store, kind: str, setup: AccountSetup, secret: str | None,
                     account: Account | None = None) -> AccountSetup:
    """The settings adding (or, for `account`, saving) would keep with this secret, refused
    as adding or saving refuses them: Test connection signs in with these, so it never says
    "connected" where Save then refuses (another bot's token for a Telegram account, what
    another account already reads). StoreError with the refusal."""
    setup = _with_secret(kind, setup, secret, account)
    check_not_read_twice(store, kind, setup.config,
                         besides=account.name if account is not None else None)
    return setup


def _with_secret(kind: str, setup: AccountSetup, secret: str | None,
                 account: Account | None) -> AccountSetup:
    """The settings as the channel keeps them with this secret (Telegram: the id of the bot
    the token belongs to, refusing another bot's token for an existing account)."""
    settle = getattr(source_module(kind), "settings_for_secret", None)
    if settle is None:
        return setup
    return replace(setup, config=settle(setup.config, secret, account))


def check_not_read_twice(store: Store, kind: str, config: dict, *,
                         besides: str | None = None) -> None:
    """StoreError when another account already reads what this one would: a message is
    stored once per account, so two accounts on one mailbox, feed or Bluesky handle
    brought every message in twice. Another folder of the same mailbox is its own."""
    source = _what_it_reads(kind, config)
    if source is None:
        return
    for other in store.list_accounts():
        if other.name != besides and other.kind == kind \
                and _what_it_reads(kind, other.config) == source:
            what = "message" if kind != "feed" else "item"
            harm = ("two accounts on one bot would take each other's messages"
                    if kind == "telegram" else f"a second account would bring every {what} in"
                    " twice")
            raise StoreError(f"{other.name} already reads {_described(kind, other.config)}:"
                             f" {harm}.")


def _what_it_reads(kind: str, config: dict) -> tuple | None:
    """What an account reads, as two accounts reading the same thing compare (case and a
    host's final dot aside; a Bluesky account by its DID where both keep one); None for a
    kind where that cannot be told from its settings (a Mastodon account is its token,
    which only the keyring holds; a Telegram account added before the app kept its bot's
    id)."""
    def host(value: object) -> str:
        return str(value or "").strip().rstrip(".").casefold()

    if kind == "email":
        return (str(config.get("user") or config.get("address") or "").casefold(),
                host(config.get("imap_host")), config.get("folder") or "INBOX")
    if kind == "feed":
        return (str(config.get("url") or "").strip(), config.get("username") or "")
    if kind == "bluesky":  # its DID where both keep one: a handle changes, the DID stays
        return (source_module("bluesky").WhichAccount(config),)
    if kind == "telegram" and isinstance(config.get("bot_id"), int):
        return (config["bot_id"],)  # one bot, whichever Bot API server reads it
    return None


def _where_it_reads(kind: str, config: dict) -> tuple | None:
    """The source an account's cursor is a place in: another feed, mailbox, Bluesky
    account, bot or Mastodon server starts with none (a feed's Last-Modified sent to a new
    address had it answer "not modified"; one mailbox's UIDs skipped another's mail). None
    where the settings cannot tell (a Telegram account from before its bot's id was kept:
    its first save gains the id, and reads the same bot on)."""
    if kind == "mastodon":
        return (str(config.get("server") or "").strip().rstrip("/").casefold(),)
    return _what_it_reads(kind, config)


def _described(kind: str, config: dict) -> str:
    if kind == "email":
        return (f"the {config.get('folder') or 'INBOX'} of "
                f"{config.get('user') or config.get('address')} on {config.get('imap_host')}")
    if kind == "bluesky":  # the handle the shop knows, and the DID that stays
        handle, did = str(config.get("handle") or ""), config.get("did")
        if handle.startswith("did:"):
            return handle
        return f"@{handle}" + (f" ({did})" if did else "")
    if kind == "telegram":
        return f"the bot with id {config.get('bot_id')}"
    return str(config.get("url"))


def _adopt_session(account: Account, verified: str | None) -> None:
    """A channel that signed in to check the account (Bluesky) keeps that session for it."""
    adopt = getattr(source_module(account.kind), "account_added", None)
    if verified is not None and callable(adopt):
        adopt(account)


def remove_account(store: Store, name: str, *, staff: str | None = None) -> Account:
    """The account goes (its messages stay), and its secrets with it."""
    account = store.remove_account(name, staff=staff)
    with contextlib.suppress(secrets.KeyringUnavailable):
        secrets.delete_all(account.name)
    return account


def _exists(store: Store, name: str) -> bool:
    """An account of exactly this name, whose secret sits where this one went: one taken
    meanwhile in another case ("SHOP" for "shop") keeps its secret under its own name."""
    try:
        return store.get_account(name).name == name
    except NotFound:
        return False
