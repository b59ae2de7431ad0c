"""Undo send: a reply waits a few seconds in the window before it goes out.

A reply sent in haste (the wrong customer, a missing line) can be taken back while it
waits. One reply waits at a time: sending another lets the waiting one go at once. The
composer saves the text as the conversation's draft before it waits, so a window killed
in those seconds has sent nothing and lost nothing; closing the window sends it at once.
The wait belongs to this desktop (the window's settings), like the notifications.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass

from PySide6.QtCore import QObject, QSettings, QTimer, Signal

HOLD_KEY = "compose/undo_send_seconds"
HOLD_CHOICES = (0, 5, 10, 20, 30)
DEFAULT_HOLD = 5
TICK_MS = 250


def hold_seconds(settings: QSettings) -> int:
    """The wait chosen in Settings; an unreadable value is the default."""
    try:
        seconds = int(settings.value(HOLD_KEY, DEFAULT_HOLD))
    except (TypeError, ValueError):
        return DEFAULT_HOLD
    return seconds if seconds in HOLD_CHOICES else DEFAULT_HOLD


def hold_label(seconds: int) -> str:
    return "Off — replies go out at once" if seconds <= 0 else f"{seconds} seconds"


@dataclass(frozen=True)
class PendingReply:
    """A reply (or note) on its way: waiting here, or being sent."""

    conversation_id: int
    staff: str | None
    text: str
    who: str  # the customer's name, for the notice while it waits
    close: bool = False  # Send and close: the conversation closes once it has gone


class ReplyHold(QObject):
    """The reply waiting to go out, if any.

    Signals: ticked() while one waits (for the countdown), and once more when it stops
    waiting; released(PendingReply) when its time is up or it is let go early.
    """

    ticked = Signal()
    released = Signal(object)

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.held: PendingReply | None = None
        self._due = 0.0
        self._timer = QTimer(self, singleShot=True)
        self._timer.timeout.connect(self.release)
        self._tick = QTimer(self, interval=TICK_MS)
        self._tick.timeout.connect(self.ticked)

    def hold(self, reply: PendingReply, seconds: float) -> None:
        """Makes `reply` wait `seconds`; one already waiting goes out first."""
        self.release()
        self.held = reply
        self._due = time.monotonic() + seconds
        self._timer.start(max(0, round(seconds * 1000)))
        self._tick.start()
        self.ticked.emit()

    def seconds_left(self) -> int:
        if self.held is None:
            return 0
        return max(0, math.ceil(self._due - time.monotonic()))

    def take_back(self) -> PendingReply | None:
        """Undo: the waiting reply does not go out; returns it (None: nothing waits)."""
        held = self._stop()
        if held is not None:
            self.ticked.emit()
        return held

    def release(self) -> None:
        """The waiting reply goes out now (its time is up, or the window closes)."""
        held = self._stop()
        if held is not None:
            self.ticked.emit()
            self.released.emit(held)

    def _stop(self) -> PendingReply | None:
        held, self.held = self.held, None
        self._timer.stop()
        self._tick.stop()
        return held
