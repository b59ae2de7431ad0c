"""A colleague's reply that lands while someone writes theirs — from another computer, or
as someone else at this one: sending now would answer the customer a second time, so
Send says so once ("Theo Brandt replied 2 min ago…") and the next Send goes. A part of
the composer (gui/composer.py)."""

from __future__ import annotations

from dataclasses import dataclass

from inbox_app.core.models import Message
from inbox_app.core.timeutil import relative


@dataclass(frozen=True)
class LatestReply:
    """The newest reply in a thread: who wrote it and when."""

    message_id: int
    staff: str | None
    at: int


def latest_reply(entries) -> LatestReply | None:
    """A thread's newest reply, sent, on its way or queued (not one that failed)."""
    replies = [entry for entry in entries if isinstance(entry, Message)
               and entry.direction == "out" and entry.delivery != "failed"]
    if not replies:
        return None
    newest = max(replies, key=lambda message: message.id)
    return LatestReply(newest.id, newest.staff, newest.at)


class ReplyWatch:
    """The newest reply when the conversation was opened (or last told of), and now."""

    def __init__(self) -> None:
        self.seen: LatestReply | None = None
        self.latest: LatestReply | None = None

    def read(self, latest: LatestReply | None, *, opened: bool) -> None:
        """The thread as just read; `opened` when it is another conversation than before."""
        if opened:
            self.seen = latest
        self.latest = latest

    def warning(self, staff: str | None) -> str | None:
        """What Send says, once, when someone other than `staff` replied since; None when
        nobody did (or it was said already)."""
        latest, seen = self.latest, self.seen
        if latest is None or latest == seen or latest.staff in (None, staff):
            return None
        if seen is not None and latest.message_id <= seen.message_id:
            return None
        self.seen = latest  # told once: Send again sends
        return (f"{latest.staff} replied {relative(latest.at)} while you were writing — read"
                " it, then press Send again to send yours as well.")
