"""Which Bluesky account an account of the app reads: its DID, kept in its settings
(`settings_for_secret`, the hook accounts.py calls before saving), and how two accounts'
settings compare (`WhichAccount`). A part of sources/bluesky.py, kept apart so that
module stays readable."""

from __future__ import annotations

import json
from typing import Any

from inbox_app import secrets
from inbox_app.core.models import Account
from inbox_app.sources.bluesky_session import SESSION_SLOT


def settings_for_secret(config: dict[str, Any], secret: str | None,
                        account: Account | None = None) -> dict[str, Any]:
    """The settings to keep: for an existing account, the DID it reads (the form does not
    show it), so that a handle the shop has changed is the same account and signing in
    (`verify`) refuses another account's app password. An account added before the DID was
    kept is told by the session it keeps, else gains it when it next signs in. A DID typed
    as the handle is the DID."""
    settings = {key: value for key, value in config.items() if key != "did"}
    did = (_did_of(account) if account is not None else None) or \
        _as_did(settings.get("handle"))
    if did:
        settings["did"] = did
    return settings


def _as_did(value: Any) -> str | None:
    text = str(value or "").strip()
    return text if text.startswith("did:") else None


def _did_of(account: Account) -> str | None:
    """The DID an existing account reads: kept in its settings, or in the session it signed
    in with (with the handle it keeps, on its server)."""
    kept = _as_did(account.config.get("did"))
    if kept:
        return kept
    try:
        raw = secrets.get_secret(account.name, slot=SESSION_SLOT)
        session = json.loads(raw) if raw else None
    except (secrets.KeyringUnavailable, json.JSONDecodeError):
        return None
    if not isinstance(session, dict) or session.get("service") != account.config.get("service") \
            or session.get("login") != account.config.get("handle"):
        return None
    return _as_did(session.get("did"))


class WhichAccount:
    """A Bluesky account as two accounts' settings compare: by DID where both keep one (a
    handle changes, the DID stays; one account on any server), else by handle and server
    (an account added before the DID was kept, or one not signed in yet)."""

    __hash__ = None  # type: ignore[assignment]  # equal by DID or by handle: no one hash

    def __init__(self, config: dict[str, Any]):
        handle = str(config.get("handle") or "").strip().casefold()
        self.did = _as_did(config.get("did")) or _as_did(handle)
        self.handle = handle
        self.service = str(config.get("service") or "").strip().rstrip(".").casefold()

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, WhichAccount):
            return NotImplemented
        if self.did and other.did:
            return self.did == other.did
        return (self.handle, self.service) == (other.handle, other.service)

    def __repr__(self) -> str:
        return f"WhichAccount(did={self.did!r}, handle={self.handle!r}, service={self.service!r})"
