"""Email read the moment it arrives while the window is open (IMAP IDLE).

One thread per enabled email account whose password is on this computer waits on the
server (sources.mail_idle) and, when mail lands, says so by `arrived(account)`; the
poller then reads that account at once instead of at its next turn. The connection
stays open between arrivals. One that fails is tried again after a pause growing to
RETRY_MAX_S (the regular polls report the problem beside the account), and once it
listens again the account is read (mail may have landed meanwhile); a server without
IDLE is left to the regular polls.

A password the server refuses is not tried again: a server guarding against guessing
(fail2ban) would soon ban the shop's own address. The wait ends, the account is read
once so that its health says why (unless it already reports a problem), and it starts
again only with other settings, another password in the keyring, or once a poll signed
in after the refusal (F5 asks for one).
"""

from __future__ import annotations

import hashlib
import logging
import os
import threading
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, Signal

log = logging.getLogger(__name__)

RETRY_FIRST_S = 15.0
RETRY_MAX_S = 15 * 60.0


@dataclass(frozen=True)
class Refusal:
    """A password the server refused, kept as a salted digest (never the password) so that
    a watch can tell whether the keyring holds another one since, without asking the
    server; `settings` and `at` tell whether the account was changed or read since."""

    sentence: str
    at: int
    password: bytes
    settings: str


class MailPush(QObject):
    """Signals: arrived(account_name); listening(account_name) once its server listens,
    stopped_listening(account_name) when that connection failed (it is tried again);
    password_refused(account_name, sentence) when the server refused the password (it is
    not tried again until the account changes or a poll signs in)."""

    arrived = Signal(str)
    listening = Signal(str)
    stopped_listening = Signal(str)
    password_refused = Signal(str, str)

    def __init__(self, parent: QObject | None = None, *, retry_first: float = RETRY_FIRST_S):
        super().__init__(parent)
        self.retry_first = retry_first
        self._watching: dict[str, tuple[str, threading.Event, threading.Thread]] = {}
        # Accounts whose watch ended as their password was not on this computer: watched
        # afresh at the next `watch`, as the password may have been typed here meanwhile.
        self._without_secret: set[str] = set()
        self._refusals: dict[str, Refusal] = {}
        self._refusals_lock = threading.Lock()
        self._salt = os.urandom(16)
        self.listening_to: set[str] = set()  # accounts whose server is listening now
        self.listening.connect(self._heard)
        self.stopped_listening.connect(self.listening_to.discard)

    def _heard(self, name: str) -> None:
        if name in self._watching:
            self.listening_to.add(name)

    @property
    def accounts(self) -> list[str]:
        return sorted(self._watching)

    def watch(self, accounts: list[dict[str, Any]]) -> None:
        """Watches these (the sidebar's account dicts: the enabled email ones), and no
        others; an account whose settings changed is watched afresh."""
        wanted = {a["name"]: repr(sorted(a.get("config", {}).items())) for a in accounts
                  if a.get("kind") == "email" and a.get("enabled", True)}
        forgiven = self._forgive(wanted, {a["name"]: a for a in accounts})
        for name in list(self._watching):
            if self._watching[name][0] != wanted.get(name) or name in forgiven \
                    or self._look_again(name):
                self._forget(name)
        for account in accounts:
            name = account["name"]
            if name in wanted and name not in self._watching:
                stop = threading.Event()
                thread = threading.Thread(
                    target=self._watch,
                    args=(name, dict(account["config"]), wanted[name],
                          bool(account.get("last_error")), stop),
                    name=f"inbox-app-idle-{name}", daemon=True)
                self._watching[name] = (wanted[name], stop, thread)
                thread.start()

    @property
    def refusals(self) -> dict[str, str]:
        """The accounts not waited on because their server refused the password: why."""
        with self._refusals_lock:
            return {name: refusal.sentence for name, refusal in self._refusals.items()}

    def _forgive(self, wanted: dict[str, str], accounts: dict[str, dict[str, Any]]
                 ) -> set[str]:
        """Drops the refusals that no longer hold, and names them: the account is gone or
        has other settings, or a poll signed in after the refusal (the server takes the
        password now)."""
        forgiven: set[str] = set()
        with self._refusals_lock:
            for name, refusal in list(self._refusals.items()):
                signed_in = (accounts.get(name) or {}).get("last_success_at") or 0
                if wanted.get(name) != refusal.settings or signed_in > refusal.at:
                    del self._refusals[name]
                    forgiven.add(name)
        return forgiven

    def _look_again(self, name: str) -> bool:
        """Whether to look again at the keyring for a password that was not there, or one
        other than the refused one (its watch has ended)."""
        with self._refusals_lock:
            refused = name in self._refusals
        return (name in self._without_secret or refused) \
            and not self._watching[name][2].is_alive()

    def _digest(self, secret: str) -> bytes:
        return hashlib.sha256(self._salt + secret.encode("utf-8", "surrogatepass")).digest()

    def _still_refused(self, name: str, secret: str, settings: str) -> bool:
        """Whether this is the password the server refused for these settings (then it is
        not tried again); a refusal of another password is dropped."""
        with self._refusals_lock:
            refusal = self._refusals.get(name)
            if refusal is None:
                return False
            if refusal.settings == settings and refusal.password == self._digest(secret):
                return True
            del self._refusals[name]
            return False

    def stop(self) -> None:
        for name in list(self._watching):
            self._forget(name)

    def _forget(self, name: str) -> None:
        _, stop, _ = self._watching.pop(name)
        self.listening_to.discard(name)
        self._without_secret.discard(name)
        stop.set()  # the thread sees it within a second and logs out

    def _watch(self, name: str, config: dict[str, Any], settings: str, failing: bool,
               stop: threading.Event) -> None:
        from inbox_app.core.timeutil import now
        from inbox_app.secrets import KeyringUnavailable, get_secret
        from inbox_app.sources import SourceError
        from inbox_app.sources.mail_connection import PasswordRefused
        from inbox_app.sources.mail_idle import IdleUnsupported, listen_for_mail

        pause = self.retry_first
        failed = False

        def listening() -> None:
            nonlocal pause, failed
            pause = self.retry_first  # the next failure is a new one: a short pause again
            self._emit(self.listening, name, stop)
            if failed:  # mail that landed while the connection was down
                failed = False
                self._emit(self.arrived, name, stop)

        while not stop.is_set():
            try:
                secret = get_secret(name)
                if not secret:  # its password is on another computer: that one watches it
                    if not stop.is_set():  # (still this account's watch, not one forgotten)
                        self._without_secret.add(name)
                    return
                if self._still_refused(name, secret, settings):
                    return
                listen_for_mail(config, secret, stop, lambda: self._emit(self.arrived, name, stop),
                                waiting=listening)
                return
            except IdleUnsupported:
                log.info("Email account %s: its server has no IDLE; read by polls only.", name)
                return
            except PasswordRefused as error:
                log.warning("Email account %s: %s New mail is not waited for until the "
                            "account changes or a poll signs in.", name, error)
                if stop.is_set():  # this watch was forgotten meanwhile (other settings)
                    return
                with self._refusals_lock:
                    self._refusals[name] = Refusal(str(error), now(), self._digest(secret),
                                                   settings)
                self._emit(self.stopped_listening, name, stop)
                self._emit(self.password_refused, name, stop, str(error))
                if not failing:  # read once: the poll records why as the account's health
                    self._emit(self.arrived, name, stop)
                return
            except (SourceError, KeyringUnavailable) as error:
                log.info("Email account %s: waiting for mail failed (%s); again in %.0f s.",
                         name, error, pause)
                self._emit(self.stopped_listening, name, stop)
                failed = True
                stop.wait(pause)
                pause = min(pause * 2, RETRY_MAX_S)
            except Exception:  # a settings mistake, say: the polls report the account's state
                log.exception("Email account %s: waiting for new mail stopped", name)
                return

    def _emit(self, signal, name: str, stop: threading.Event, *more: str) -> None:
        """Signals cross to the window's thread queued; none once the watch has ended."""
        if not stop.is_set():
            try:
                signal.emit(name, *more)
            except RuntimeError:  # the window (and this object) went away meanwhile
                stop.set()
