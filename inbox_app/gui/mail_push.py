"""Email read the moment it arrives while the window is open (IMAP IDLE).

One thread per enabled email account whose password is on this computer waits on the
server (sources.mail_idle) and, when mail lands, says so by `arrived(account)`; the
poller then reads that account at once instead of at its next turn. The connection
stays open between arrivals. One that fails is tried again after a pause growing to
RETRY_MAX_S (the regular polls report the problem beside the account), and once it
listens again the account is read (mail may have landed meanwhile); a server without
IDLE is left to the regular polls.
"""

from __future__ import annotations

import logging
import threading
from typing import Any

from PySide6.QtCore import QObject, Signal

log = logging.getLogger(__name__)

RETRY_FIRST_S = 15.0
RETRY_MAX_S = 15 * 60.0


class MailPush(QObject):
    """Signals: arrived(account_name); listening(account_name) once its server listens,
    stopped_listening(account_name) when that connection failed (it is tried again)."""

    arrived = Signal(str)
    listening = Signal(str)
    stopped_listening = Signal(str)

    def __init__(self, parent: QObject | None = None, *, retry_first: float = RETRY_FIRST_S):
        super().__init__(parent)
        self.retry_first = retry_first
        self._watching: dict[str, tuple[str, threading.Event, threading.Thread]] = {}
        # Accounts whose watch ended as their password was not on this computer: watched
        # afresh at the next `watch`, as the password may have been typed here meanwhile.
        self._without_secret: set[str] = set()
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
        for name in list(self._watching):
            if self._watching[name][0] != wanted.get(name) or self._secret_came(name):
                self._forget(name)
        for account in accounts:
            name = account["name"]
            if name in wanted and name not in self._watching:
                stop = threading.Event()
                thread = threading.Thread(
                    target=self._watch, args=(name, dict(account["config"]), stop),
                    name=f"inbox-app-idle-{name}", daemon=True)
                self._watching[name] = (wanted[name], stop, thread)
                thread.start()

    def _secret_came(self, name: str) -> bool:
        """Whether to look again for a password that was not here (its watch has ended)."""
        return name in self._without_secret and not self._watching[name][2].is_alive()

    def stop(self) -> None:
        for name in list(self._watching):
            self._forget(name)

    def _forget(self, name: str) -> None:
        _, stop, _ = self._watching.pop(name)
        self.listening_to.discard(name)
        self._without_secret.discard(name)
        stop.set()  # the thread sees it within a second and logs out

    def _watch(self, name: str, config: dict[str, Any], stop: threading.Event) -> None:
        from inbox_app.secrets import KeyringUnavailable, get_secret
        from inbox_app.sources import SourceError
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
                listen_for_mail(config, secret, stop, lambda: self._emit(self.arrived, name, stop),
                                waiting=listening)
                return
            except IdleUnsupported:
                log.info("Email account %s: its server has no IDLE; read by polls only.", name)
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

    def _emit(self, signal, name: str, stop: threading.Event) -> None:
        """Signals cross to the window's thread queued; none once the watch has ended."""
        if not stop.is_set():
            try:
                signal.emit(name)
            except RuntimeError:  # the window (and this object) went away meanwhile
                stop.set()
