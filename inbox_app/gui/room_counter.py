"""How much room a reply has left on its channel, shown as it is typed: under the text, on
the right of the "Signed: …" line (the composer's hint row).

Bluesky takes 300 characters, Telegram 4096 and a Mastodon server its own figure (500 on
a stock one), each counted its own way (`replies.reply_room`, which the channels' senders
use too). The writer sees "212 left" while they write, in a warning colour when little is
left, and "18 over" when the reply would be refused, so they shorten it before Send rather
than learn it after. Email has no practical limit and shows nothing, and nor does an
internal note. A part of the composer (gui/composer.py), which decides when to send.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QObject, QThreadPool

from inbox_app.core.kinds import KIND_LABELS
from inbox_app.gui.jobs import Jobs
from inbox_app.gui.theme import colors, restyle
from inbox_app.replies import LIMITED_KINDS, ReplyFrame, Room, reply_room, too_long
from inbox_app.store import Store, StoreError

NEAR_SHARE = 10  # the count turns to the warning colour with a tenth of the room left…
NEAR_AT_LEAST = 20  # …or 20 characters, whichever is more


def room_text(room: Room) -> str:
    """"212 left", "18 over" ("40 bytes over" where Bluesky's byte limit is the one hit)."""
    unit = " bytes" if room.unit == "bytes" else ""
    return f"{room.left:,}{unit} left" if room.left >= 0 else f"{-room.left:,}{unit} over"


def near_the_limit(room: Room) -> bool:
    return 0 <= room.left <= max(NEAR_AT_LEAST, room.limit // NEAR_SHARE)


def room_tip(kind: str, room: Room, frame: ReplyFrame) -> str:
    """How the channel counts, for the count's tooltip."""
    label = KIND_LABELS.get(kind, kind)
    if kind == "bluesky":
        return (f"{label} takes {room.limit:,} characters; an emoji counts as one"
                if room.unit != "bytes" else
                f"{label} takes {room.limit:,} bytes of text; emoji and accented letters take"
                " several")
    if kind == "telegram":
        return f"{label} takes {room.limit:,} characters; most emoji count as two"
    extras = " and ".join(part for part, there in (("the customer's handle", frame.handle),
                                                   ("the content warning", frame.warning))
                          if there)
    also = f", and {extras} count too" if extras else ""
    said = "" if frame.limit else " (the usual figure: the server did not say its own)"
    return (f"The shop's {label} server takes {room.limit:,} characters{said}; a link counts"
            f" as {frame.per_url}{also}")


class RoomCounter(QObject):
    """The count under the reply (right of the "Signed: …" line), for the conversation the
    composer shows.

    A Mastodon conversation's frame (the customer's handle and content warning the reply
    carries, the server's limit) is read off the window's thread when it is attached;
    until it is known the count uses the stock 500.
    """

    def __init__(self, label, jobs: Jobs, parent: QObject | None = None):
        super().__init__(parent)
        self.label = label
        self.jobs = jobs
        self.kind = ""
        self.conversation_id: int | None = None
        self.frame = ReplyFrame()
        self._text = ""
        self._shown = False
        # Asking a server its limit can take seconds: never in the pool the store's reads use.
        self._asking = QThreadPool(self)
        self._asking.setMaxThreadCount(1)

    def attach(self, conversation_id: int, kind: str) -> None:
        """A conversation is shown (or read again): its channel, and for Mastodon its frame."""
        if (conversation_id, kind) != (self.conversation_id, self.kind):
            self.frame = ReplyFrame()
        self.conversation_id, self.kind = conversation_id, kind
        if kind != "mastodon":
            return
        from inbox_app.sources.mastodon_reply import reply_account, reply_frame, status_limit

        def read(store: Store) -> tuple[ReplyFrame, dict | None]:
            frame = reply_frame(store, conversation_id, ask=False)
            account = reply_account(store, conversation_id)
            return frame, account.config if account is not None and frame.limit is None \
                else None

        def ask(config: dict) -> ReplyFrame | None:
            limit = status_limit(config)
            return None if limit is None else ReplyFrame(limit=limit.characters,
                                                         per_url=limit.per_url)

        def still_here() -> bool:
            return (self.conversation_id, self.kind) == (conversation_id, "mastodon")

        def known(read_now: tuple[ReplyFrame, dict | None]) -> None:
            frame, to_ask = read_now
            if not still_here():
                return
            self._use(frame)
            if to_ask is not None:  # the server's own figure, off the store's threads
                self.jobs.run(lambda: ask(to_ask), said, unknown, with_store=False,
                              pool=self._asking)

        def said(limit: ReplyFrame | None) -> None:
            if limit is not None and still_here():
                self._use(replace(self.frame, limit=limit.limit, per_url=limit.per_url))

        def unknown(error: Exception) -> None:
            if not isinstance(error, StoreError):
                self.jobs.failed.emit(error, "")
            # A store away: the stock figure serves, and sending says the rest.

        self.jobs.run(read, known, unknown)

    def _use(self, frame: ReplyFrame) -> None:
        self.frame = frame
        self.show(self._text, self._shown)

    def refusal(self, text: str) -> str | None:
        """Why Send must not start this reply on its way (too long), or None."""
        return too_long(self.kind, text, self.frame)

    def show(self, text: str, shown: bool) -> None:
        """Counts `text`; `shown` False (a note, a channel that cannot send) hides it."""
        self._text, self._shown = text, shown
        room = reply_room(self.kind, text, self.frame) if shown and \
            self.kind in LIMITED_KINDS else None
        self.label.setVisible(room is not None)
        if room is None:
            return
        said = room_text(room)
        self.label.setText(said)
        self.label.setToolTip(room_tip(self.kind, room, self.frame))
        self.label.setAccessibleName(f"Room left in the reply: {said}")
        # Over: the problem colour; near: the warning colour; else a quiet hint.
        restyle(self.label, "role", "problem" if room.left < 0 else "hint")
        self.label.setStyleSheet(f"color: {colors()['warning']}; font-weight: 600;"
                                 if near_the_limit(room) else "")
