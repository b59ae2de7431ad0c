"""What the composer says about a reply: the line under the text ("Draft restored.",
"Sending…", why it cannot go), the countdown of a reply waiting to go out with its Undo
button, and what became of a reply once it went — under it while its conversation is
shown, in the window (a notice or a problem) once another one is. A part of the composer
(gui/composer.py), which decides what happens to the reply; this only words it.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QRect, Qt
from PySide6.QtWidgets import QLabel

from inbox_app.gui.held_reply import PendingReply
from inbox_app.gui.theme import restyle
from inbox_app.replies import ReplyResult

OFFLINE_SEND = ("The store cannot be reached, so nothing can be sent right now; your text"
                " stays here and is kept on this computer until it is back.")
RETURNED = "Not sent — your reply is back here to change or send again."
RESTORED = "Draft restored."
STILL_SENDING = "Still sending the reply above — a moment."
OFFLINE_HELD = ("The store cannot be reached, so the reply was not sent; it is back in the"
                " composer.")
ANSWERED_ELSEWHERE_SEND = ("Feed items are answered on their own site: use Open the original,"
                           " or switch to Internal note. Your draft is kept.")


def outcome(result: ReplyResult | None, close: bool) -> tuple[str, bool]:
    """What became of a reply (`result` None: a note), and whether it is a problem to show
    in red; `close`: it was sent with "Send and close"."""
    closed = " The conversation is closed." if close else ""
    if result is not None and result.not_closed:
        closed = f" It could not be closed: {result.not_closed}"
    if result is None:
        return f"Note added.{closed}", False
    if result.delivery == "failed":
        still = " The conversation stays open." if close else ""
        return (f"Not sent: {result.error} It stays in the thread; try again from there."
                f"{still}", True)
    if result.unrecorded:  # it went: never to be offered as unsent
        return result.unrecorded, True
    if result.delivery == "queued":
        return ("Queued in the outbox: it goes out from a computer that can send for this"
                f" account.{closed}", False)
    sent = "Sent (demo: nothing left this computer)" if result.demo else "Sent"
    if not close:
        return f"{sent}.", False
    if result.not_closed:
        return f"{sent}.{closed}", False
    return ("Sent and closed (demo: nothing left this computer)." if result.demo
            else "Sent and closed."), False


def countdown(to: str, seconds: int | str, then: str) -> str:
    """The line while a reply waits: "Your reply to Ann goes out in 5 s; then …"."""
    return f"Your reply{to} goes out in {seconds}\u00a0s{then}."


class SteadyHeight(QObject):
    """Keeps a word-wrapped label as tall as the tallest of the texts it will show in turn
    (a countdown): "goes out in 14 s" took a second line where "13 s" did not, in a
    narrow pane, and the box under the thread grew and shrank every second.

    `reserve` is the tallest such text; the label is never lower than it would need at
    its width, worked out again when its width changes."""

    def __init__(self, label: QLabel):
        super().__init__(label)
        self.label = label
        self.reserved = ""
        label.installEventFilter(self)

    def reserve(self, text: str) -> None:
        self.reserved = text
        self.fit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and event.size().width() != \
                event.oldSize().width():
            self.fit()
        return super().eventFilter(watched, event)

    def fit(self) -> None:
        label = self.label
        lowest = 0
        if self.reserved and label.isVisible() and label.width() > 0:
            # Measured as QLabel measures itself; not by its heightForWidth, which counts
            # the minimum set here.
            margin = 2 * label.margin()
            room = label.contentsRect().width() - margin
            lowest = (self.text_height(self.reserved, room) + margin
                      + label.height() - label.contentsRect().height())
        if lowest != label.minimumHeight():
            label.setMinimumHeight(lowest)

    def text_height(self, text: str, room: int) -> int:
        flags = int(Qt.TextFlag.TextWordWrap) | int(self.label.alignment().value)
        return self.label.fontMetrics().boundingRect(QRect(0, 0, room, 100_000), flags,
                                                     text).height()


def widest_number(digits: int, label: QLabel) -> str:
    """The widest count of so many digits in the label's font (its digits need not all be
    as wide as one another)."""
    metrics = label.fontMetrics()
    return max("0123456789", key=metrics.horizontalAdvance) * digits


class StatusLine:
    """The composer's status line and the Undo button beside it. The line takes no room
    while it has nothing to say, so a narrow composer keeps its buttons whole.

    `notice` and `problem` say what became of a reply whose conversation is not shown."""

    def __init__(self, form, notice: Callable[[str], None], problem: Callable[[str], None]):
        self.form = form
        self.notice, self.problem = notice, problem
        self.counting = False  # the line shows the countdown of a reply waiting
        self.count_digits = 0  # the most digits the countdown has shown
        self.steady = SteadyHeight(form.composerStatus)

    @property
    def text(self) -> str:
        return self.form.composerStatus.text()

    def say(self, text: str, problem: bool = False, tallest: str = "") -> None:
        """`tallest`: of the texts that will follow this one (a countdown), the one
        needing the most lines; the line keeps its height meanwhile."""
        label = self.form.composerStatus
        label.setText(text)
        label.setVisible(bool(text))
        restyle(label, "problem", problem)
        self.steady.reserve(tallest)

    def show_hold(self, held: PendingReply | None, seconds_left: int, shown: bool) -> None:
        """The countdown and its Undo button, for the reply waiting to go out (if any);
        `shown`: that reply's conversation is the one on screen."""
        self.form.undoSendButton.setVisible(held is not None)
        if held is None:
            if self.counting:
                self.counting = False
                self.count_digits = 0
                self.say("")
            return
        self.counting = True
        self.count_digits = max(self.count_digits, len(str(seconds_left)))
        to = f" to {held.who}" if held.who and not shown else ""
        then = "; then the conversation closes" if held.close else ""
        widest = widest_number(self.count_digits, self.form.composerStatus)
        self.say(countdown(to, seconds_left, then), tallest=countdown(to, widest, then))

    def tell(self, sent: PendingReply, text: str, shown: bool, problem: bool = False) -> None:
        """What became of a reply: under it, or in the window when it is not shown."""
        if shown:
            self.say(text, problem=problem)
        else:
            to = f" to {sent.who}" if sent.who else ""
            (self.problem if problem else self.notice)(f"Your reply{to}: {text}")
