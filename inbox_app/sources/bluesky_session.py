"""Bluesky's session and XRPC calls.

The app signs in once with the handle and an app password
(`com.atproto.server.createSession`, which Bluesky limits tightly) and keeps the
session's tokens in the keyring (slot `session`). Every later call uses the access
token; when it has expired (`ExpiredToken`) the refresh token gets a new pair
(`refreshSession`), and only when that too is refused does the app sign in again.
Sign-in goes to `--service` (Bluesky's entryway); every call after it goes to the
account's own server, named by the session's DID document.

An account is its DID, which stays when the shop changes its handle: an account that
keeps its DID (`config["did"]`) takes no session of another, and a sign-in the old handle
no longer gets falls back to the DID.
"""

from __future__ import annotations

import json
import logging
import threading
from typing import Any
from urllib.parse import urlsplit

import requests

from inbox_app.secrets import KeyringUnavailable, get_secret, set_secret
from inbox_app.sources import SourceError
from inbox_app.sources.apis import base_url, body_of, call, error_text, rate_limited, unreachable
from inbox_app.sources.http import FetchError, Response

INVALID_HANDLE = "handle.invalid"  # Bluesky's word for a handle it cannot verify just now

log = logging.getLogger(__name__)

SERVICE = "Bluesky"
SESSION_SLOT = "session"

# Sessions created while verifying a new account, handed to its first poll in this process.
_verified_sessions: dict[tuple[str, str], dict[str, Any]] = {}
_account_locks: dict[str, threading.Lock] = {}
_locks_guard = threading.Lock()


class SignedInAsAnother(SourceError):
    """A sign-in answered for another DID than the account's: that account's mentions must
    not be read from this one's place, nor replies posted as it."""

    def __init__(self, message: str, *, did: str, handle: str, known: str):
        super().__init__(message)
        self.did, self.handle, self.known = did, handle, known


class Refused(FetchError):
    """Bluesky's refusal of one call, with the error name it gave (`NotFound`…), for a
    caller that tells one refusal from another."""

    def __init__(self, message: str, *, name: str, status: int):
        super().__init__(message, status=status, retryable=False)
        self.name = name


def keep_for_first_poll(config: dict[str, Any], created: dict[str, Any]) -> None:
    """A session made while adding an account spares its first poll a second sign-in."""
    with _locks_guard:
        _verified_sessions[(config["service"], config["handle"])] = created


def keep_for_account(account_name: str, config: dict[str, Any]) -> None:
    """The session made while adding the account goes to its keyring entry, so that a poll
    in another process (`poll --once` from cron, the window opened later) uses it instead
    of signing in again."""
    with _locks_guard:
        session = _verified_sessions.pop((config["service"], config["handle"]), None)
    if session is None:
        return
    try:
        set_secret(account_name, json.dumps(session), slot=SESSION_SLOT)
    except KeyringUnavailable:  # the first poll signs in again
        log.info("the new session for %s could not be kept in the keyring", account_name)


def _lock_for(account_name: str) -> threading.Lock:
    with _locks_guard:
        return _account_locks.setdefault(account_name.lower(), threading.Lock())


class Client:
    """XRPC calls with a cached session: refreshed when it expires, re-created only if refused."""

    def __init__(self, http: requests.Session, config: dict[str, Any], password: str,
                 account_name: str | None):
        self.http = http
        self.service = config["service"]
        self.handle = config["handle"]
        self.known_did = str(config.get("did") or "") or None
        self.named = self.handle  # the handle the account has now, as sessions tell it
        self.password = password
        self.account_name = account_name
        self.session: dict[str, Any] | None = None

    # Session

    @property
    def did(self) -> str:
        return str(self._current()["did"])

    def _current(self) -> dict[str, Any]:
        if self.session is None:
            lock = _lock_for(self.account_name) if self.account_name else threading.Lock()
            with lock:
                self.session = self._stored() or self._handed_over() or self.sign_in()
            self._learn(self.session)
        return self.session

    def _learn(self, session: dict[str, Any] | None) -> None:
        """The account's handle as a session names it: messages name the account so."""
        handle = (session or {}).get("handle")
        if isinstance(handle, str) and handle and handle != INVALID_HANDLE:
            self.named = handle

    def _its_own(self, session: dict[str, Any]) -> bool:
        """A session this account may use: signed in on its server, and as its DID when it
        keeps one (a handle it has since given up may name another account), else with the
        handle it reads."""
        if session.get("service") != self.service or not session.get("accessJwt"):
            return False
        if self.known_did:
            return session.get("did") == self.known_did
        return session.get("login") == self.handle

    def _stored(self) -> dict[str, Any] | None:
        if not self.account_name:
            return None
        try:
            raw = get_secret(self.account_name, slot=SESSION_SLOT)
        except KeyringUnavailable as error:
            raise SourceError(str(error)) from None
        if not raw:
            return None
        try:
            stored = json.loads(raw)
        except json.JSONDecodeError:
            return None
        if not isinstance(stored, dict) or not self._its_own(stored):
            return None
        return stored

    def _handed_over(self) -> dict[str, Any] | None:
        with _locks_guard:
            session = _verified_sessions.pop((self.service, self.handle), None)
        if session is None or not self._its_own(session):
            return None
        self._save(session)
        return session

    def _save(self, session: dict[str, Any]) -> None:
        if not self.account_name:
            return
        try:
            set_secret(self.account_name, json.dumps(session), slot=SESSION_SLOT)
        except KeyringUnavailable as error:
            raise SourceError(str(error)) from None

    def _keep(self, answer: dict[str, Any], previous: dict[str, Any] | None = None
              ) -> dict[str, Any]:
        missing = [k for k in ("accessJwt", "refreshJwt", "did") if not answer.get(k)]
        if missing:
            raise FetchError(f"{self._host} sent a session without {', '.join(missing)}.",
                             retryable=False)
        known = (previous or {}).get("did") or self.known_did
        if known and answer["did"] != known:
            raise SignedInAsAnother(
                f"Bluesky signed in as {answer['did']}, not as the account "
                f"{self.account_name or self.named} reads ({known}): enter the app password "
                f"of @{self.named} {self._where_to_enter_it()}, or add a new account for the "
                "other one.", did=str(answer["did"]), handle=str(answer.get("handle") or ""),
                known=known)
        self._learn(answer)
        if answer.get("active") is False:
            state = answer.get("status") or "inactive"
            raise SourceError(f"Bluesky says the account {self.named} is {state}; "
                              f"{_STATE_ADVICE.get(state, 'it cannot be used until it is active again')}.")
        session = {key: answer.get(key) for key in ("accessJwt", "refreshJwt", "did", "handle")}
        session.update(service=self.service, login=self.handle,
                       pds=_pds_of(answer) or (previous or {}).get("pds"))
        self._save(session)
        return session

    def sign_in(self, previous: dict[str, Any] | None = None) -> dict[str, Any]:
        """`createSession` with the app password (rate-limited by Bluesky: used sparingly).
        After a session (`previous`) a refused handle is tried once more as the account's
        DID: the shop may have changed its handle meanwhile (the DID stays), and the old
        one no longer signs in; so is it for an account that keeps its DID. The handle goes
        first: the lexicon leaves it to each server which other identifiers it takes.
        SignedInAsAnother when the answer is another DID's."""
        self._learn(previous)
        response = self._send("POST", "com.atproto.server.createSession", None,
                              {"identifier": self.handle, "password": self.password})
        did = (previous or {}).get("did") or self.known_did
        if response.status in (400, 401) and did and did != self.handle and \
                _error_name(response) not in _NOT_THE_IDENTIFIER:
            response = self._send("POST", "com.atproto.server.createSession", None,
                                  {"identifier": did, "password": self.password})
        if response.status >= 400:
            raise self._refusal("com.atproto.server.createSession", response, signing_in=True)
        return self._keep(response.json("--service"), previous)

    def _refresh(self, stale: dict[str, Any]) -> dict[str, Any]:
        lock = _lock_for(self.account_name) if self.account_name else threading.Lock()
        with lock:
            current = self._stored()
            if current and current.get("accessJwt") != stale.get("accessJwt"):
                return current  # another thread refreshed it meanwhile
            response = self._send("POST", "com.atproto.server.refreshSession",
                                  stale.get("refreshJwt"), None, to=stale.get("pds"))
            if response.status >= 400:
                if _error_name(response) in ("ExpiredToken", "InvalidToken") or \
                        response.status == 401:
                    return self.sign_in(stale)
                raise self._refusal("com.atproto.server.refreshSession", response)
            return self._keep(response.json(), stale)

    # Calls

    @property
    def _host(self) -> str:
        return urlsplit(self.service).hostname or self.service

    def _send(self, method: str, nsid: str, token: str | None, body: Any,
              params: Any = None, *, to: str | None = None) -> Response:
        """A call on `to` (the account's own server, once signed in), else on --service."""
        server = to or self.service
        headers = {"Accept": "application/json"}
        if token:
            headers["Authorization"] = f"Bearer {token}"
        try:
            return call(self.http, method, f"{server}/xrpc/{nsid}", headers=headers,
                        params=params, json_body=body)
        except FetchError as error:
            raise unreachable(error, SERVICE, server, "--service") from None

    def xrpc(self, method: str, nsid: str, *, params: Any = None, body: Any = None
             ) -> dict[str, Any]:
        """A query (GET) or procedure (POST) with the session; refreshes it once if expired."""
        answer = self.answer(method, nsid, params=params, body=body).json()
        if not isinstance(answer, dict):
            raise FetchError(f"{self._host} sent an answer to {nsid} the app does not understand.",
                             retryable=False)
        return answer

    def answer(self, method: str, nsid: str, *, params: Any = None, body: Any = None
               ) -> Response:
        """`xrpc` before its JSON is decoded: for pages the parsing helper decodes."""
        session = self._current()
        response = self._send(method, nsid, session["accessJwt"], body, params,
                              to=session.get("pds"))
        if response.status >= 400:
            name = _error_name(response)
            if name == "ExpiredToken":
                self.session = session = self._refresh(session)
            elif response.status == 401 and name in ("InvalidToken", "AuthenticationRequired",
                                                     "AuthMissing"):
                self.session = session = self.sign_in(session)  # the session was revoked
            else:
                raise self._refusal(nsid, response)
            response = self._send(method, nsid, session["accessJwt"], body, params,
                                  to=session.get("pds"))
            if response.status >= 400:
                raise self._refusal(nsid, response)
        return response

    def _refusal(self, nsid: str, response: Response, *, signing_in: bool = False
                 ) -> Exception:
        name = _error_name(response)
        said = error_text(response, "message", "error")
        quoted = f" (“{said}”)" if said else ""
        if response.status == 429 or name == "RateLimitExceeded":
            return rate_limited("Bluesky", response)
        if name == "AccountTakedown":
            return SourceError(f"Bluesky says the account {self.named} has been taken down "
                               "(suspended by its moderators); it cannot be read or used to reply.")
        if name in ("AccountDeactivated", "AccountSuspended"):
            state = "deactivated" if name == "AccountDeactivated" else "suspended"
            return SourceError(f"Bluesky says the account {self.named} is {state}; "
                               f"{_STATE_ADVICE[state]}.")
        if name == "AuthFactorTokenRequired":
            return SourceError(f"Bluesky wants an email code to sign in as {self.named}: use an "
                               "app password (Settings → Privacy and security → App passwords), "
                               "not the account's main password.")
        if signing_in and response.status in (400, 401):
            return SourceError(f"Bluesky refused the app password for {self.named}{quoted}: "
                               "create a new app password" + (
                                   f" and enter it {self._where_to_enter_it()}."
                                   if self.account_name else "."))
        if response.status == 401:
            return SourceError(f"Bluesky refused the session for {self.named}{quoted}: sign in "
                               f"again with its app password {self._where_to_enter_it()}.")
        if response.status == 404 and name in ("", "XRPCNotSupported", "MethodNotImplemented"):
            return FetchError(f"{self._host} does not answer Bluesky requests ({nsid}): check the "
                              "address (--service).", status=404, retryable=False)
        return Refused(f"Bluesky refused {nsid}{quoted}.", name=name, status=response.status)

    def _where_to_enter_it(self) -> str:
        """Entering the app password again signs in afresh and keeps the new session."""
        return (f"(Accounts → Edit, or `inbox-app account secret {self.account_name!r}`)"
                if self.account_name else "(Accounts → Edit)")


def _pds_of(answer: dict[str, Any]) -> str | None:
    """The account's own server from the session's DID document (`#atproto_pds`).

    Bluesky's sign-in address is an entryway in front of many servers, and an account on
    a self-hosted server lives elsewhere again: reads and writes go to the server the DID
    document names. One that is not a safe address (plain http off this computer, say)
    is ignored and the sign-in address used instead."""
    document = answer.get("didDoc")
    services = document.get("service") if isinstance(document, dict) else None
    for service in services if isinstance(services, list) else []:
        if not isinstance(service, dict) or service.get("type") != "AtprotoPersonalDataServer" \
                or not str(service.get("id", "")).endswith("#atproto_pds"):
            continue
        endpoint = service.get("serviceEndpoint")
        if not isinstance(endpoint, str) or "://" not in endpoint:
            return None
        try:
            return base_url(endpoint, option="the DID document's server")
        except SourceError:
            log.warning("Ignoring the DID document's server %r: not a safe address", endpoint)
            return None
    return None


# Refusals of a sign-in that another name for the same account would not change.
_NOT_THE_IDENTIFIER = ("AccountTakedown", "AccountDeactivated", "AccountSuspended",
                       "AuthFactorTokenRequired", "RateLimitExceeded")

_STATE_ADVICE = {
    "deactivated": "reactivate it in Bluesky to read and reply",
    "suspended": "it cannot be read or used to reply until Bluesky lifts the suspension",
    "takendown": "it cannot be read or used to reply",
}


def _error_name(response: Response) -> str:
    name = body_of(response).get("error")
    return name if isinstance(name, str) else ""
