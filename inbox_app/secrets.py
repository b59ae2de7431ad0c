"""Account secrets in the OS keyring (service `inbox-app`), never anywhere else.

There is no plain-text fallback: when no keyring backend works (a headless Linux
without a Secret Service), the caller gets `KeyringUnavailable` with one
sentence on what to install.
"""

from __future__ import annotations

SERVICE = "inbox-app"

NO_KEYRING = (
    "No usable keyring was found to keep account secrets safe: on Linux install and unlock a "
    "Secret Service provider such as GNOME Keyring or KeePassXC (macOS Keychain and Windows "
    "Credential Locker work out of the box)."
)


class KeyringUnavailable(Exception):
    """The OS keyring cannot be used; the message says what to install."""


def _username(account: str, slot: str) -> str:
    return account if slot == "secret" else f"{account}#{slot}"


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


def set_secret(account: str, secret: str, slot: str = "secret") -> None:
    if not _backend_usable():
        raise KeyringUnavailable(NO_KEYRING)
    try:
        _keyring().set_password(SERVICE, _username(account, slot), secret)
    except Exception as error:  # not only KeyringError: see _unavailable
        raise _unavailable(error) from None


def get_secret(account: str, slot: str = "secret") -> str | None:
    if not _backend_usable():
        raise KeyringUnavailable(NO_KEYRING)
    try:
        return _keyring().get_password(SERVICE, _username(account, slot))
    except Exception as error:  # not only KeyringError: see _unavailable
        raise _unavailable(error) from None


def delete_secret(account: str, slot: str = "secret") -> None:
    """Removes a secret; a missing one is not an error."""
    if not _backend_usable():
        raise KeyringUnavailable(NO_KEYRING)
    try:
        _keyring().delete_password(SERVICE, _username(account, slot))
    except _keyring().errors.PasswordDeleteError:
        pass
    except Exception as error:  # not only KeyringError: see _unavailable
        raise _unavailable(error) from None


def delete_all(account: str, slots: tuple[str, ...] = ("secret", "session")) -> None:
    for slot in slots:
        delete_secret(account, slot)
