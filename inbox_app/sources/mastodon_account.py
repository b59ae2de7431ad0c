"""Which Mastodon account an account of the app reads: its id and name, kept in its
settings (`settings_for_secret`, the hook accounts.py calls before saving; `_learned` at
a poll for an account added before), and how people write it. A part of
sources/mastodon.py, kept apart so that module stays readable."""

from __future__ import annotations

from typing import Any

from inbox_app.core.models import Account
from inbox_app.sources.mastodon_parse import server_domain

IDENTITY = ("account_id", "acct")


def identity_of(found: Any) -> tuple[str, str] | None:
    """(id, acct) of the account that `verify_credentials` answered, or that settings or a
    cursor keep (`account_id`, `acct`); None when it does not say."""
    if not isinstance(found, dict):
        return None
    number = found.get("account_id", found.get("id"))
    if not isinstance(number, (str, int)) or isinstance(number, bool) or not str(number):
        return None
    return str(number), str(found.get("acct") or "")


def written_as(config: dict[str, Any], identity: tuple[str, str]) -> str:
    """The account as people write it (`@shop@mastodon.social`), or by its id when its name
    is not known."""
    number, acct = identity
    if not acct:
        return f"the account with id {number}"
    return f"@{acct}" if "@" in acct else f"@{acct}@{server_domain(config)}"


def _same_server(one: dict[str, Any], other: dict[str, Any]) -> bool:
    def address(config: dict[str, Any]) -> str:
        return str(config.get("server") or "").strip().rstrip("/").casefold()

    return address(one) == address(other)


def settings_for_secret(config: dict[str, Any], secret: str | None,
                        account: Account | None = None) -> dict[str, Any]:
    """The settings to keep: for an existing account on the same server, the id of the
    account it reads (the window's form does not show it), so that signing in (`verify`)
    refuses another account's token — its mentions would be read from this account's
    `since_id` and replies posted as it. An account added before the id was kept gains it
    at its next poll (`learned`) or when it next signs in. Another server is another
    account: the sign-in there says whose."""
    settings = {key: value for key, value in config.items() if key not in IDENTITY}
    if account is None or not _same_server(account.config, config):
        return settings
    known = identity_of(account.config)
    if known is not None:
        settings["account_id"] = known[0]
        if known[1]:
            settings["acct"] = known[1]
    return settings


def learned(config: dict[str, Any], me: tuple[str, str] | None) -> dict[str, Any] | None:
    """Whose token the poll read with, for an account added before the app kept that
    (`verify` keeps it for the others): from its next poll on, another account's token
    is refused as for those, without waiting for the owner to save it."""
    if me is None or identity_of(config) is not None:
        return None
    return {"account_id": me[0], **({"acct": me[1]} if me[1] else {})}
