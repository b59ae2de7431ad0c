"""What the composer says about a reply: the line under the text ("Draft restored.",
"Sending…", why it cannot go), the countdown of a reply waiting to go out with its Undo
button, and what became of a reply once it went — under it while its conversation is
shown, in the window (a notice or a problem) once another one is. A part of the composer
(gui/composer.py), which decides what happens to the reply; this only words it.
"""

from __future__ import annotations

from collections.abc import Callable

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


class StatusLine:
    """The composer's status line and the Undo button beside it. The line takes no room
    while it has nothing to say, so a narrow composer keeps its buttons whole.

    `notice` and `problem` say what became of a reply whose conversation is not shown."""

    def __init__(self, form, notice: Callable[[str], None], problem: Callable[[str], None]):
        self.form = form
        self.notice, self.problem = notice, problem
        self.counting = False  # the line shows the countdown of a reply waiting

    @property
    def text(self) -> str:
        return self.form.composerStatus.text()

    def say(self, text: str, problem: bool = False) -> None:
        label = self.form.composerStatus
        label.setText(text)
        label.setVisible(bool(text))
        restyle(label, "problem", problem)

    def show_hold(self, held: PendingReply | None, seconds_left: int, shown: bool) -> None:
        """The countdown and its Undo button, for the reply waiting to go out (if any);
        `shown`: that reply's conversation is the one on screen."""
        self.form.undoSendButton.setVisible(held is not None)
        if held is None:
            if self.counting:
                self.counting = False
                self.say("")
            return
        self.counting = True
        to = f" to {held.who}" if held.who and not shown else ""
        then = "; then the conversation closes" if held.close else ""
        self.say(f"Your reply{to} goes out in {seconds_left}\u00a0s{then}.")

    def tell(self, sent: PendingReply, text: str, shown: bool, problem: bool = False) -> None:
        """What became of a reply: under it, or in the window when it is not shown."""
        if shown:
            self.say(text, problem=problem)
        else:
            to = f" to {sent.who}" if sent.who else ""
            (self.problem if problem else self.notice)(f"Your reply{to}: {text}")
