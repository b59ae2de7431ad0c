"""What the API channels (Mastodon, Bluesky, Telegram) share: error bodies, rate limits, times.

Each platform explains a refusal in its JSON body (`{"error": …}`, `{"error",
"message"}`, `{"ok": false, "description": …}`) and says when to come back in
its own header (`Retry-After`, Mastodon's `X-RateLimit-Reset` as a date,
Bluesky's `RateLimit-Reset` as epoch seconds, Telegram's
`parameters.retry_after`). `call()` hands 4xx answers back instead of raising,
so each channel can turn them into one sentence a shop owner can act on.
"""

from __future__ import annotations

import time
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

import requests

from inbox_app.core.timeutil import in_words
from inbox_app.replies import SendError
from inbox_app.secrets import KeyringUnavailable, get_secret
from inbox_app.sources import SourceError
from inbox_app.sources.http import (
    CONNECT_TIMEOUT,
    READ_TIMEOUT,
    FetchError,
    Response,
    check_url,
    parse_retry_after,
    request,
)

CLIENT_ERRORS = tuple(range(400, 500))
UNKNOWN_NAME = "the name is unknown"
# Longest wait we tell the poller to respect when a server names a time far away.
MAX_RATE_LIMIT_WAIT = 24 * 3600


def call(
    session: requests.Session,
    method: str,
    url: str,
    *,
    headers: dict[str, str] | None = None,
    params: dict[str, Any] | list[tuple[str, Any]] | None = None,
    json_body: Any = None,
    read_timeout: float = READ_TIMEOUT,
) -> Response:
    """One request with the app's limits; 4xx answers are returned for the caller to explain."""
    return request(session, method, url, headers=headers, params=params, json_body=json_body,
                   timeout=(CONNECT_TIMEOUT, read_timeout), ok_statuses=CLIENT_ERRORS)


def body_of(response: Response) -> dict[str, Any]:
    """The JSON object a platform sent, or {} when the body is something else."""
    try:
        value = response.json()
    except FetchError:
        return {}
    return value if isinstance(value, dict) else {}


def error_text(response: Response, *keys: str) -> str:
    """The platform's own words for a refusal (first of `keys` present), short and on one line."""
    body = body_of(response)
    for key in keys or ("error", "message", "description"):
        value = body.get(key)
        if isinstance(value, str) and value.strip():
            return " ".join(value.split())[:300]
    return ""


def retry_after(response: Response, body: dict[str, Any] | None = None) -> float | None:
    """Seconds until the server takes requests again, from whichever header or field it used."""
    seconds = parse_retry_after(response.header("Retry-After"))
    if seconds is None and body:
        parameters = body.get("parameters")
        if isinstance(parameters, dict) and isinstance(parameters.get("retry_after"), int | float):
            seconds = float(parameters["retry_after"])
    if seconds is None:
        seconds = _reset_header(response.header("X-RateLimit-Reset")
                                or response.header("RateLimit-Reset"))
    if seconds is None:
        return None
    return min(max(0.0, seconds), MAX_RATE_LIMIT_WAIT)


def _reset_header(value: str | None) -> float | None:
    """A reset given as an ISO date, as epoch seconds, or (IETF draft) as seconds from now."""
    if not value:
        return None
    value = value.strip()
    try:
        number = float(value)
    except ValueError:
        try:
            moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            return None
        if moment.tzinfo is None:
            return None
        return moment.timestamp() - time.time()
    if number > 1_000_000_000:
        return number - time.time()
    return number


class RateLimited(FetchError):
    """A server's "too many requests": a poll waits it out by itself, a reply is not sent
    again unless someone sends it, so the two say different things."""

    def __init__(self, service: str, wait: float | None):
        when = f"; the app waits at least {in_words(wait)} before asking again" if wait else \
            "; the app will ask again later"
        super().__init__(f"{service} says the app is asking too often{when}.", status=429,
                         retry_after=wait)
        self.service = service

    def for_reply(self) -> str:
        later = f" in {in_words(self.retry_after)} or later" if self.retry_after else " later"
        return f"{self.service} says the app is asking too often; send the reply again{later}."


def rate_limited(service: str, response: Response, body: dict[str, Any] | None = None
                 ) -> RateLimited:
    return RateLimited(service, retry_after(response, body))


def reply_refused(error: Exception) -> SendError:
    """A sender's failed request as its failed draft says it."""
    return SendError(error.for_reply() if isinstance(error, RateLimited) else str(error))


def unreachable(error: FetchError, service: str, address: str, option: str) -> FetchError:
    """A friendlier sentence when the server's name does not exist (a typo in the address)."""
    if error.status is None and UNKNOWN_NAME in str(error):
        return FetchError(f"No {service} server is known at {address}: check the address "
                          f"({option}).", retryable=True)
    return error


def base_url(raw: str, *, option: str) -> str:
    """`https://host[:port]` from what a person typed (`mastodon.social`, `https://x/`…)."""
    text = raw.strip().rstrip("/")
    if not text:
        raise SourceError(f"{option} needs an address, e.g. https://mastodon.social.")
    if "://" not in text:
        text = "https://" + text
    if any(character.isspace() for character in text) or "@" in urlsplit(text).netloc:
        # "mastodon .social", or a sign-in name in it ("https://@shop@mastodon.social")
        raise SourceError(f"{option} {raw.strip()!r} is not a server's address.")
    try:
        check_url(text)
    except FetchError as error:
        raise SourceError(str(error)) from None
    parts = urlsplit(text)
    return f"{parts.scheme}://{parts.netloc}{parts.path.rstrip('/')}"


def epoch(text: Any) -> int | None:
    """An ISO 8601 time from an API (`…Z`, fractions of a second) as epoch seconds."""
    if not isinstance(text, str) or not text.strip():
        return None
    try:
        moment = datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    if moment.tzinfo is None:
        return None
    return int(moment.timestamp())


def account_secret(account_name: str, label: str, *,
                   error: type[Exception] = SourceError) -> str:
    """The account's secret for a sender or a fetch (which run outside the poller), or
    `error` saying why there is none and how to enter it."""
    try:
        secret = get_secret(account_name)
    except KeyringUnavailable as unavailable:
        raise error(str(unavailable)) from None
    if not secret:
        raise error(f"The {label.lower()} for {account_name} is missing from the keyring; "
                          f"enter it again (Accounts → Edit, or `inbox-app account secret"
                          f" {account_name!r}`).")
    return secret


def reply_context(store, conversation_id: int, service: str):
    """The conversation a reply answers and the account it goes out from, or a SendError
    saying the account is gone (a reply is then kept as a failed draft)."""
    from inbox_app.replies import SendError

    conversation = store.get_conversation(conversation_id)
    return conversation, account_still_set_up(store, conversation.account, conversation.kind,
                                              service, error=SendError)


def account_still_set_up(store, name: str, kind: str, service: str, *, to: str = "reply",
                         error: type[Exception]):
    """The account of that name and kind something came in on, or `error` saying, in one
    sentence, that it was removed (or its name given to an account of another kind, whose
    secret must never go to this channel) and what to do to `to` again."""
    from inbox_app.store import StoreError

    if not name:  # imported without an `account`: there is no account to name
        article = "an" if service[:1].lower() in "aeiou" else "a"
        raise error(f"This conversation came in without {article} {service} account (imported"
                    f" without one), so there is no account to {to} from.")
    try:
        account = store.get_account(name)
    except StoreError:
        raise error(f"The {service} account {name!r} is no longer set up; add it again to"
                    f" {to}.") from None
    if account.kind != kind:
        raise error(renamed_account(service, name, account.kind, to))
    return account


def renamed_account(service: str, name: str, kind: str, to: str = "reply") -> str:
    """Why a reply cannot go out when the account it came in on was removed and its name
    given to an account of another kind (whose secret must never go to this channel)."""
    from inbox_app.core.kinds import KIND_LABELS

    return (f"The {service} account {name!r} is no longer set up (that name is now a "
            f"{KIND_LABELS.get(kind, kind)} account); add the {service} account again to {to}.")
