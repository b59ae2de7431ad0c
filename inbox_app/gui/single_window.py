"""One window per store on this computer: starting the app again brings it forward.

Two windows on one store would each poll every account (twice the rate limits spent,
two IMAP connections held), announce each new message twice and save over each
other's drafts — and a shop owner who double-clicks the icon a second time only wants
the window back. A lock file says a window is open on the store (Qt notices when its
process has died, even by `kill -9`); a local socket (a named pipe on Windows) lets the
second start ask that window to come forward. Other stores (`--db`, `--demo`) open side
by side. The socket is opened once the window is up (QtNetwork is not needed before).
A second start with `--as NAME` also makes the open window work as NAME.
"""

from __future__ import annotations

import getpass
import hashlib
import logging
import time
from enum import Enum
from pathlib import Path

from PySide6.QtCore import QLockFile, QObject, Qt, QThread, QTimer, Signal
from PySide6.QtWidgets import QApplication, QMessageBox

from inbox_app.store import data_dir, display_location, is_postgres

log = logging.getLogger("inbox_app")
REQUEST = b"forward\n"
REQUEST_AS = b"forward as "  # then the staff member's name in UTF-8 and a newline
ANSWER = b"forwarded\n"
CONNECT_WAIT_S = 5.0  # the first window opens its socket once it is up
CONNECT_RETRY_MS = 100
ANSWER_WAIT_MS = 3_000
LISTEN_AFTER_QUEUE_MS = 300
LISTEN_LATEST_MS = 3_000  # a queue slow to load still lets a second start find the window


class Claim(Enum):
    FIRST = "first"          # no other window on this store: open ours
    FORWARDED = "forwarded"  # the open window came forward: nothing to open
    SILENT = "silent"        # a window holds the store but did not answer
    UNGUARDED = "unguarded"  # the lock could not be written: open without one


def store_key(location: str) -> str:
    """One name per person and store; the store's address is hashed (a PostgreSQL
    address may carry a password, and socket names must be short)."""
    where = location if is_postgres(location) else str(Path(location).expanduser().resolve())
    try:
        user = getpass.getuser()
    except (KeyError, OSError):
        user = "?"
    return hashlib.sha256(f"{user}\0{where}".encode()).hexdigest()[:24]


class SingleWindow(QObject):
    """Held by the first window's process for as long as it runs."""

    forward_requested = Signal(str)  # who the second start asked to work as ("": anyone)

    def __init__(self, location: str, *, folder: Path | None = None,
                 as_staff: str | None = None) -> None:
        super().__init__()
        self.as_staff = as_staff
        key = store_key(location)
        self.store_name = display_location(location)
        self.server_name = f"inbox-app-{key}"
        self.lock_path = (folder or data_dir()) / f"window-{key}.lock"
        self.lock: QLockFile | None = None
        self.server = None  # a QLocalServer once listening
        self.holder_pid = 0  # the process holding the window, from its lock file

    def claim(self) -> Claim:
        try:
            self.lock_path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            log.warning("No single-window lock (%s): %s", self.lock_path, error)
            return Claim.UNGUARDED
        lock = QLockFile(str(self.lock_path))
        lock.setStaleLockTime(0)  # a window open for weeks is not stale; a dead process is
        if lock.tryLock(0):
            self.lock = lock
            return Claim.FIRST
        if lock.error() != QLockFile.LockError.LockFailedError:
            log.warning("No single-window lock (%s): %s", self.lock_path, lock.error().name)
            return Claim.UNGUARDED
        self.holder_pid = int(lock.getLockInfo()[0])  # 0 when the file cannot be read
        return Claim.FORWARDED if self._ask_forward() else Claim.SILENT

    def release(self) -> None:
        if self.server is not None:
            self.server.close()
            self.server = None
        if self.lock is not None:
            self.lock.unlock()
            self.lock = None

    def answer_second_starts(self, window) -> None:
        """A second start brings `window` forward; the socket it asks on opens once the
        queue has painted (or after a few seconds), not while the window starts
        (QtNetwork's import alone is ~10 ms)."""
        self.forward_requested.connect(lambda name: bring_forward(window, name))
        window.queue_ready.connect(lambda: QTimer.singleShot(LISTEN_AFTER_QUEUE_MS, self.listen),
                                   Qt.ConnectionType.SingleShotConnection)
        QTimer.singleShot(LISTEN_LATEST_MS, self.listen)

    def listen(self) -> None:
        """Lets a second start reach this window (call once the window is up)."""
        from PySide6.QtNetwork import QLocalServer

        if self.lock is None or self.server is not None:
            return
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        QLocalServer.removeServer(self.server_name)  # left behind by a process that died
        if not server.listen(self.server_name):
            log.warning("A second start cannot reach this window: %s", server.errorString())
            return
        server.newConnection.connect(self._answer_waiting)
        self.server = server
        log.info("A second start on %s brings this window forward", self.store_name)

    def _answer_waiting(self) -> None:
        while self.server is not None and self.server.hasPendingConnections():
            connection = self.server.nextPendingConnection()
            connection.readyRead.connect(lambda connection=connection: self._answer(connection))
            connection.disconnected.connect(connection.deleteLater)
            if connection.bytesAvailable():
                self._answer(connection)

    def _answer(self, connection) -> None:
        if not connection.canReadLine():
            return
        line = bytes(connection.readLine().data())
        asked_as = line.startswith(REQUEST_AS)
        if line == REQUEST or asked_as:
            name = line[len(REQUEST_AS):].decode("utf-8", "replace").strip() if asked_as else ""
            log.info("Started again on %s: the window comes forward", self.store_name)
            self.forward_requested.emit(name)
            connection.write(ANSWER)
            connection.flush()
        connection.disconnectFromServer()

    def _ask_forward(self) -> bool:
        """Blocking, but only in a second start that has no window yet."""
        from PySide6.QtNetwork import QLocalSocket

        socket = QLocalSocket()
        deadline = time.monotonic() + CONNECT_WAIT_S
        while True:
            socket.connectToServer(self.server_name)
            if socket.waitForConnected(ANSWER_WAIT_MS):
                break
            if time.monotonic() >= deadline:
                return False
            QThread.msleep(CONNECT_RETRY_MS)
        name = " ".join((self.as_staff or "").split())  # one line, whatever was typed
        socket.write(REQUEST_AS + name.encode() + b"\n" if name else REQUEST)
        if not socket.waitForBytesWritten(ANSWER_WAIT_MS):
            return False
        answer = b""
        while not answer.endswith(b"\n") and socket.waitForReadyRead(ANSWER_WAIT_MS):
            answer += bytes(socket.readAll().data())
        socket.disconnectFromServer()
        return answer == ANSWER


def claim_the_window(location: str, as_staff: str | None = None) -> SingleWindow | int:
    """This store's single-window guard, or an exit code when no window should open here
    (the open one came forward, or the person chose not to open a second). `as_staff`
    (`--as`): who the open window should work as when it comes forward."""
    guard = SingleWindow(location, as_staff=as_staff)
    claim = guard.claim()
    if claim == Claim.FORWARDED:
        print("inbox-app: the window is already open on this store; it was brought to the "
              "front.")
        return 0
    if claim == Claim.SILENT:
        process = f" (process {guard.holder_pid})" if guard.holder_pid else ""
        box = QMessageBox(QMessageBox.Icon.Warning, "Inbox is already open",
                          f"Inbox is already open on this store{process}, but its window does "
                          "not answer; it may be busy. Wait a moment and start it again, or "
                          "open a second window (both will check for new messages).")
        second = box.addButton("Open a second window", QMessageBox.ButtonRole.AcceptRole)
        box.setDefaultButton(box.addButton(QMessageBox.StandardButton.Cancel))
        box.exec()
        if box.clickedButton() is not second:
            return 1
    return guard


def bring_forward(window, as_staff: str = "") -> None:
    if as_staff:
        window.state.work_as(as_staff)
    if window.isMinimized():
        window.showNormal()
    window.show()
    window.raise_()
    window.activateWindow()
    QApplication.alert(window)  # where the window manager refuses to raise it: flash it
