"""Account secrets in the OS keyring (service `inbox-app`), never anywhere else.

There is no plain-text fallback: when no keyring backend works (a headless Linux
without a Secret Service), the caller gets `KeyringUnavailable` with one
sentence on what to install.

An account keeps its password or token in the slot `secret` and may keep more in
other slots (Bluesky's session, a JSON object); see `entry_name` for where each sits.
"""

from __future__ import annotations

import contextlib
import json
import logging

log = logging.getLogger(__name__)

SERVICE = "inbox-app"
SECRET_SLOT = "secret"
SLOTS = (SECRET_SLOT, "session")

NO_KEYRING = (
    "No usable keyring was found to keep account secrets safe: on Linux install and unlock a "
    "Secret Service provider such as GNOME Keyring or KeePassXC (macOS Keychain and Windows "
    "Credential Locker work out of the box)."
)


class KeyringUnavailable(Exception):
    """The OS keyring cannot be used; the message says what to install."""


def entry_name(account: str, slot: str = SECRET_SLOT) -> str:
    """The keyring entry (user name under the service `inbox-app`) of one account's slot.

    The account's name with each `#` doubled, then `#slot` for a slot other than the
    secret: so no name can spell another account's slot. (Before, the password of an
    account called "x#session" and account x's Bluesky session shared one entry.) A name
    without `#` keeps the entries it always had."""
    escaped = account.replace("#", "##")
    return escaped if slot == SECRET_SLOT else f"{escaped}#{slot}"


def _old_entry_name(account: str, slot: str) -> str | None:
    """Where an older version kept this slot, when that is not `entry_name` (a `#` in
    the name), else None."""
    old = account if slot == SECRET_SLOT else f"{account}#{slot}"
    return None if old == entry_name(account, slot) else old


def _fits_slot(slot: str, value: str) -> bool:
    """Whether a value found under an old entry name is this slot's: an old entry was
    shared by account x's session and the password of an account called "x#session",
    and only a session is a JSON object."""
    try:
        record = json.loads(value)
    except ValueError:
        record = None
    return isinstance(record, dict) != (slot == SECRET_SLOT)


def _keyring():
    """keyring, imported on first use (it costs a quarter of a second at start-up)."""
    import keyring

    return keyring


def _backend_usable() -> bool:
    """False for keyring's stand-ins that cannot store anything (fail, null, an empty chain)."""
    backend = _keyring().get_keyring()
    module = type(backend).__module__
    if module.startswith(("keyring.backends.fail", "keyring.backends.null")):
        return False
    return not (module.startswith("keyring.backends.chainer") and not backend.backends)


def _unavailable(error: Exception) -> KeyringUnavailable:
    """Any failure of the backend, not only keyring's own errors: the Secret Service's
    D-Bus errors (a keyring daemon that does not answer, a locked collection's prompt
    gone) reach us as secretstorage's and jeepney's own exceptions, and must be a
    sentence on the account, not a traceback in the window."""
    said = str(error).strip().rstrip(".") or type(error).__name__
    return KeyringUnavailable(f"{NO_KEYRING.removesuffix('.')}; the keyring said: {said}.")


def _check_backend() -> None:
    if not _backend_usable():
        raise KeyringUnavailable(NO_KEYRING)


def set_secret(account: str, secret: str, slot: str = SECRET_SLOT) -> None:
    """Keeps the secret; one an older version kept under another entry name goes."""
    _check_backend()
    try:
        _keyring().set_password(SERVICE, entry_name(account, slot), secret)
        _forget_old_entry(account, slot)
    except Exception as error:  # not only KeyringError: see _unavailable
        raise _unavailable(error) from None


def get_secret(account: str, slot: str = SECRET_SLOT) -> str | None:
    """The secret, or None; one kept by an older version under another entry name is
    moved to its entry now, so nobody has to type a password again."""
    _check_backend()
    try:
        found = _keyring().get_password(SERVICE, entry_name(account, slot))
        if found is None:
            found = _moved_from_old_entry(account, slot)
        return found
    except Exception as error:  # not only KeyringError: see _unavailable
        raise _unavailable(error) from None


def delete_secret(account: str, slot: str = SECRET_SLOT) -> None:
    """Removes a secret (and what an older version kept for it); a missing one is not an
    error."""
    _check_backend()
    try:
        _delete_entry(entry_name(account, slot))
        _forget_old_entry(account, slot)
    except Exception as error:  # not only KeyringError: see _unavailable
        raise _unavailable(error) from None


def delete_all(account: str, slots: tuple[str, ...] = SLOTS) -> None:
    for slot in slots:
        delete_secret(account, slot)


def _delete_entry(entry: str) -> None:
    with contextlib.suppress(_keyring().errors.PasswordDeleteError):
        _keyring().delete_password(SERVICE, entry)


def _old_value(account: str, slot: str) -> tuple[str, str] | None:
    """(old entry name, value) when an older version kept this slot elsewhere."""
    old = _old_entry_name(account, slot)
    if old is None:
        return None
    value = _keyring().get_password(SERVICE, old)
    if value is None or not _fits_slot(slot, value):
        return None
    return old, value


def _moved_from_old_entry(account: str, slot: str) -> str | None:
    found = _old_value(account, slot)
    if found is None:
        return None
    old, value = found
    try:
        _keyring().set_password(SERVICE, entry_name(account, slot), value)
        _delete_entry(old)
    except Exception:  # read again from the old entry next time
        log.warning("the keyring entry of %s could not be moved to its new name", account,
                    exc_info=True)
    return value


def _forget_old_entry(account: str, slot: str) -> None:
    found = _old_value(account, slot)
    if found is not None:
        _delete_entry(found[0])
