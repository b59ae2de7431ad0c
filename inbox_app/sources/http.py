"""HTTP for every channel: timeouts, a size cap, a deadline, retries, plain-word errors.

A read timeout alone does not stop a server that drips one byte a second
forever, so every request also has a total deadline; a body larger than the cap
(after decompression — so a gzip bomb stops at the cap) is an error, never a
memory blow-up. Plain `http://` is allowed only to loopback addresses; TLS is
verified.
"""

from __future__ import annotations

import ipaddress
import json
import time
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.parse import urlsplit

import requests

from inbox_app import __version__

USER_AGENT = f"inbox-app/{__version__} (a shop's shared inbox)"
CONNECT_TIMEOUT = 10.0
READ_TIMEOUT = 30.0
DEADLINE = 60.0
MAX_BYTES = 10 * 1024 * 1024
RETRIES = 2
RETRY_AFTER_MAX_WAIT = 5.0
CHUNK = 64 * 1024


class FetchError(Exception):
    """A request that failed, said in one sentence; `retry_after` when the server asked."""

    def __init__(self, message: str, *, status: int | None = None,
                 retry_after: float | None = None, retryable: bool | None = None):
        super().__init__(message)
        self.status = status
        self.retry_after = retry_after
        if retryable is None:
            retryable = status is None or status == 429 or status >= 500
        self.retryable = retryable

    def __reduce__(self):
        """Whole across processes: the parsing helper hands its refusals back."""
        return _fetch_error, (str(self), self.status, self.retry_after, self.retryable)


def _fetch_error(message: str, status: int | None, retry_after: float | None,
                 retryable: bool) -> FetchError:
    return FetchError(message, status=status, retry_after=retry_after, retryable=retryable)


@dataclass
class Response:
    url: str
    status: int
    headers: dict[str, str]
    body: bytes
    elapsed: float = 0.0
    history: list[int] = field(default_factory=list)

    def json(self, option: str | None = None) -> Any:
        """The body's JSON; a FetchError in plain words when it is none (`option` names the
        setting holding the address, for a web page where JSON should be)."""
        try:
            return json.loads(self.body.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError):
            raise FetchError(not_json(host_of(self.url), self.body, option)) from None

    def header(self, name: str) -> str | None:
        lowered = name.lower()
        for key, value in self.headers.items():
            if key.lower() == lowered:
                return value
        return None


def not_json(host: str, body: bytes, option: str | None = None) -> str:
    """Why an answer that should be JSON is not, in words a person can act on: a web page
    (a wrong address, a server down for maintenance), nothing at all, or something else."""
    start = body[:1024].lstrip().lower()
    if not start:
        return f"{host} sent an empty answer where the app expected JSON data."
    if start.startswith((b"<!doctype html", b"<html", b"<head", b"<body")) or b"<html" in start:
        where = f" ({option})" if option else ""
        return (f"{host} sent a web page where the app expected JSON data: check the "
                f"address{where}, or try again later if the server is down for maintenance.")
    return f"{host} sent something that is not JSON data."


def host_of(url: str) -> str:
    return urlsplit(url).hostname or url


def is_loopback(host: str | None) -> bool:
    if not host:
        return False
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def check_url(url: str) -> str:
    """The URL if it may be fetched: https anywhere, http only on this computer."""
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise FetchError(f"{url!r} is not a web address (it should start with https://).")
    if parts.scheme == "http" and not is_loopback(parts.hostname):
        raise FetchError(
            f"{url} uses plain http; use https:// (plain http is allowed only for this computer)."
        )
    return url.strip()


def make_session() -> requests.Session:
    session = requests.Session()
    session.headers["User-Agent"] = USER_AGENT
    session.trust_env = False  # never route a shop's traffic through an ambient proxy setting
    return session


LONGEST_WAIT_ASKED = 7 * 86400  # a server's Retry-After is honoured up to a week


def parse_retry_after(value: str | None) -> float | None:
    """A server's Retry-After in seconds, honoured up to LONGEST_WAIT_ASKED: a value of 20
    digits overflowed the next try's date and stopped the whole round."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return min(float(value), LONGEST_WAIT_ASKED)
    try:
        moment = parsedate_to_datetime(value)
    except (TypeError, ValueError, OverflowError):
        return None
    return min(max(0.0, moment.timestamp() - time.time()), LONGEST_WAIT_ASKED)


def _status_error(response: requests.Response, url: str) -> FetchError:
    host = host_of(url)
    status = response.status_code
    retry_after = parse_retry_after(response.headers.get("Retry-After"))
    if status == 429:
        wait = f" (it asks to wait {int(retry_after)} s)" if retry_after else ""
        message = f"{host} says we are asking too often{wait}."
    elif status in (401, 403):
        message = f"{host} refused access ({status}): check the account's password or token."
    elif status == 404:
        message = f"{host} has nothing at {urlsplit(url).path or '/'} (404): check the address."
    elif status == 410:
        message = f"{host} says {urlsplit(url).path} is gone for good (410)."
    elif 500 <= status < 600:
        message = f"{host} had a server error ({status}); it will be retried later."
    else:
        message = f"{host} answered {status} {response.reason or ''}".strip() + "."
    return FetchError(message, status=status, retry_after=retry_after)


def request(
    session: requests.Session,
    method: str,
    url: str,
    *,
    headers: dict[str, str] | None = None,
    params: dict[str, Any] | list[tuple[str, Any]] | None = None,
    json_body: Any = None,
    data: Any = None,
    max_bytes: int = MAX_BYTES,
    deadline: float = DEADLINE,
    timeout: tuple[float, float] = (CONNECT_TIMEOUT, READ_TIMEOUT),
    retries: int | None = None,
    ok_statuses: tuple[int, ...] = (),
) -> Response:
    """One request with the app's limits. 304 and `ok_statuses` are returned, not raised.

    GETs are retried on connection errors and 5xx/429 (honouring a short
    Retry-After); other methods are not retried, so nothing is posted twice.
    """
    check_url(url)
    started = time.monotonic()
    attempts = (RETRIES if method == "GET" else 0) if retries is None else retries
    delay = 0.5
    for attempt in range(attempts + 1):
        try:
            return _request_once(session, method, url, headers, params, json_body, data,
                                 max_bytes, started + deadline, timeout, ok_statuses)
        except FetchError as error:
            wait = error.retry_after if error.retry_after is not None else delay
            out_of_time = time.monotonic() - started + wait >= deadline
            if attempt >= attempts or not error.retryable or wait > RETRY_AFTER_MAX_WAIT \
                    or out_of_time:
                raise
            time.sleep(wait)
            delay *= 2
    raise AssertionError("unreachable")


MAX_REDIRECTS = 5


def _request_once(session, method, url, headers, params, json_body, data, max_bytes,
                  deadline_at, timeout, ok_statuses) -> Response:
    """Follows redirects by hand so every hop passes `check_url` before it is fetched."""
    hops: list[int] = []
    for _ in range(MAX_REDIRECTS + 1):
        response = _send(session, method, url, headers, params, json_body, data, timeout)
        if response.is_redirect and response.headers.get("Location"):
            hops.append(response.status_code)
            target = requests.compat.urljoin(response.url, response.headers["Location"])
            response.close()
            if headers and _origin(target) != _origin(url):
                # Credentials are for the server they were given to, never where it points.
                headers = {key: value for key, value in headers.items()
                           if key.lower() not in ("authorization", "cookie")}
            url = check_url(target)
            params = None
            if response.status_code in (301, 302, 303) and method != "HEAD":
                method, json_body, data = "GET", None, None
            continue
        return _read(response, url, hops, max_bytes, deadline_at, ok_statuses)
    raise FetchError(f"{host_of(url)} redirected too many times.", retryable=False)


def _origin(url: str) -> tuple[str, str, int | None]:
    parts = urlsplit(url)
    return parts.scheme.lower(), (parts.hostname or "").lower(), parts.port


def _send(session, method, url, headers, params, json_body, data, timeout):
    host = host_of(url)
    try:
        return session.request(method, url, headers=headers, params=params, json=json_body,
                               data=data, timeout=timeout, stream=True, allow_redirects=False)
    except requests.exceptions.SSLError:
        raise FetchError(f"{host}'s security certificate could not be verified.") from None
    except requests.exceptions.ConnectTimeout:
        raise FetchError(f"{host} did not answer in time.") from None
    except requests.exceptions.ReadTimeout:
        raise FetchError(f"{host} stopped answering.") from None
    except requests.exceptions.ConnectionError as error:
        reason = "the name is unknown" if "Name or service not known" in str(error) or \
            "nodename nor servname" in str(error) else "the connection failed"
        raise FetchError(f"Could not reach {host} ({reason}).") from None
    except requests.exceptions.RequestException as error:
        raise FetchError(f"The request to {host} failed ({type(error).__name__}).") from None


def _read(response, url, hops, max_bytes, deadline_at, ok_statuses) -> Response:
    host = host_of(url)
    with response:
        if response.status_code >= 400 and response.status_code not in ok_statuses:
            error = _status_error(response, url)
            raise error
        declared = response.headers.get("Content-Length")
        if declared and declared.isdigit() and int(declared) > max_bytes and \
                "gzip" not in response.headers.get("Content-Encoding", ""):
            raise _too_big(host, max_bytes)
        body = bytearray()
        try:
            for chunk in response.iter_content(CHUNK):
                body.extend(chunk)
                if len(body) > max_bytes:
                    raise _too_big(host, max_bytes)
                if time.monotonic() > deadline_at:
                    raise _too_slow(host)
        except requests.exceptions.ConnectionError:
            if time.monotonic() > deadline_at:
                raise _too_slow(host) from None
            raise FetchError(f"{host} stopped answering mid-way.") from None
        except requests.exceptions.RequestException as error:
            raise FetchError(f"{host} sent a broken response ({type(error).__name__}).") from None
        if time.monotonic() > deadline_at:
            raise _too_slow(host)
        return Response(
            url=response.url,
            status=response.status_code,
            headers=dict(response.headers),
            body=bytes(body),
            elapsed=response.elapsed.total_seconds(),
            history=hops,
        )


def _too_big(host: str, max_bytes: int) -> FetchError:
    return FetchError(f"{host} sent more than {max_bytes // (1024 * 1024)} MB; the app stopped "
                      "reading it.", retryable=False)


def _too_slow(host: str) -> FetchError:
    return FetchError(f"{host} took too long to send its answer; the app gave up.",
                      retryable=False)
