"""The tray icon with the unread count, and desktop notifications.

Three kinds of notification, each switchable off (Settings → Notifications): a
new negative message from a customer, a follow-up falling due for the staff
member it is assigned to (whoever is working in this window), and a colleague's
note asking them in with an @mention. Only what happens
while the window is open is announced: the backlog at start is not, and neither is
old mail brought in later (the first read of a mailbox just added): a message is news
when it was sent within the last day (RECENT_SECONDS), the rest is only counted.

The tray's messageClicked says that a notice was clicked, never which one (on Linux
and macOS several stay on screen or in the notification centre), so the notices not
yet opened are kept: a click with one of them out opens it, with several the window
asks which.
"""

from __future__ import annotations

import dataclasses
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QRectF, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QColor, QFont, QFontMetricsF, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import QMenu, QSystemTrayIcon

from inbox_app.core.kinds import KIND_LABELS
from inbox_app.core.text import shortened
from inbox_app.core.timeutil import now
from inbox_app.gui import icons
from inbox_app.gui.models.sidebar_model import VIEW_TITLES
from inbox_app.store import Store

if TYPE_CHECKING:
    from inbox_app.gui.main_window import MainWindow

CHECK_MS = 30_000
MAX_SHOWN = 3
# New negative messages looked at in one check: enough to count a big poll's truthfully
# ("200 new negative messages", not the 20 the store hands out by default).
NEGATIVE_LOOKUP = 500
# A message sent longer ago than this is history, not news. A day, not "since the last
# check": a poll can lag (the computer was asleep, the account was failing), a sender's
# clock can be off, and a phone call is logged after it ended; a mailbox's backlog is
# months old.
RECENT_SECONDS = 86_400
MAX_PENDING = 10  # notices kept for a click to open
# A name as a notice gives it: a feed's author or a customer's display name can be a
# sentence, and the desktop cuts a long title off before "is unhappy" is read.
NAME_LENGTH = 40
SUBJECT_LENGTH = 60
# Unicode's first-strong isolate and its end: a right-to-left name set between them
# leaves the sentence around it reading left to right.
FSI, PDI = "\u2068", "\u2069"
RIGHT_TO_LEFT = frozenset({"R", "AL"})
# Explicit direction marks and overrides, invisible in a name, that would turn the rest
# of the line round (or close the isolate early).
DIRECTION_CONTROLS = frozenset({"LRE", "RLE", "LRO", "RLO", "PDF", "LRI", "RLI", "FSI",
                                "PDI"})
# The sizes the tray icon is drawn in: trays ask for 16-24 pixels (twice that on a
# high-density screen).
BADGE_SIDES = (16, 20, 22, 24, 32, 44, 48, 64, 128)
BADGE_SHARE_SMALL = 0.75  # of the icon's height, for the badge in a tray-sized icon
BADGE_SHARE = 0.55
KEYS = {"negative": "notify/negative", "due": "notify/due", "mentions": "notify/mentions",
        "tray": "notify/tray"}


@dataclass
class Digest:
    unread: int
    latest_message_id: int
    checked_at: int
    latest_note_id: int = 0
    negative: list[dict[str, Any]] = field(default_factory=list)
    due: list[dict[str, Any]] = field(default_factory=list)
    mentions: list[dict[str, Any]] = field(default_factory=list)
    negative_capped: bool = False  # more new negative messages than were looked at
    older_negative: int = 0  # new to the store, but sent more than RECENT_SECONDS ago
    older_negative_closed: int = 0  # of those, stored closed (archived: not in Negative)
    staff: str | None = None  # whose follow-ups and mentions `due` and `mentions` are


@dataclass(frozen=True)
class Notice:
    """A notice given, and what a click on it opens: its conversation, or the view it
    names (a burst)."""

    title: str
    body: str  # a notice naming a view gets the view's name added when shown
    conversation_id: int | None = None
    view: str | None = None
    # The message announced: where it is now is what a click opens (a merge moves it).
    message_id: int | None = None
    for_staff: str | None = None  # a follow-up or a mention: that person's, no one else's


def quoted(text: str, length: int = NAME_LENGTH) -> str:
    """A name or subject as people typed it, fit for the middle of a notice's sentence:
    on one line, at most `length` characters, without direction controls, and isolated
    when it is written right to left, so that "שרה כהן is unhappy (Email)" does not
    read ":is unhappy (Email) שרה כהן"."""
    text = "".join(char for char in " ".join(text.split())
                   if unicodedata.bidirectional(char) not in DIRECTION_CONTROLS)
    text = shortened(text, length, at_word=True)
    if any(unicodedata.bidirectional(char) in RIGHT_TO_LEFT for char in text):
        return FSI + text + PDI
    return text


def read_digest(store: Store, staff: str | None, after_message_id: int | None,
                due_after: int | None, after_note_id: int | None = None) -> Digest:
    """What to announce since the last check (nothing on the first one)."""
    moment = now()
    digest = Digest(store.unread_count(), store.latest_message_id(), moment,
                    store.latest_note_id(), staff=staff)
    if after_message_id is not None:
        found = store.negative_since(after_message_id, limit=NEGATIVE_LOOKUP)
        # Not an out-of-office reply, a read receipt or a bounce: they wake nothing else.
        by_people = [row for row in found if not row["automatic"]]
        news_from = moment - RECENT_SECONDS
        for row in by_people:
            if row["at"] >= news_from:
                digest.negative.append(row)
            else:
                digest.older_negative += 1
                digest.older_negative_closed += row.get("status") == "closed"
        digest.negative_capped = len(found) == NEGATIVE_LOOKUP
    if staff and due_after is not None:
        digest.due = store.falling_due(staff, due_after, moment)
    if staff and after_note_id is not None:
        digest.mentions = store.mentions_since(staff, after_note_id)
    return digest


def badge_icon(count: int) -> QIcon:
    """The app icon with a red badge holding the unread count, drawn for each size a tray
    asks for: shrunk from one large drawing, the count was a red dot in a 22-pixel tray."""
    icon = QIcon()
    for side in BADGE_SIDES:
        icon.addPixmap(_badge_pixmap(count, side))
    return icon


def _badge_pixmap(count: int, side: int) -> QPixmap:
    """At tray sizes the badge takes most of the icon; at larger ones, its corner. A count
    too wide for a circle gets a rounded bar, never digits spilling over the edge."""
    image = QPixmap(side, side)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.drawPixmap(0, 0, icons.pixmap("app", side, icons.BASE_STROKE, ratio=1.0))
    if count > 0:
        text = str(count) if count < 100 else "99+"
        height = side * (BADGE_SHARE_SMALL if side < 32 else BADGE_SHARE)
        font = QFont()
        font.setBold(True)
        font.setPixelSize(max(1, round(height * 0.6)))
        width = min(float(side), max(height, QFontMetricsF(font).horizontalAdvance(text)
                                     + height * 0.3))
        rect = QRectF(side - width, 0, width, height)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor("#e5484d"))
        painter.drawRoundedRect(rect, height / 2, height / 2)
        painter.setFont(font)
        painter.setPen(QColor("#ffffff"))
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)
    painter.end()
    return image


class Notifier(QObject):
    """Signals: notified(title, body, conversation_id) for every notification (shown on
    the desktop when a tray exists; conversation_id 0 for one that opens a view);
    unread_changed(count)."""

    notified = Signal(str, str, int)
    unread_changed = Signal(int)

    def __init__(self, window: MainWindow, settings: QSettings):
        super().__init__(window)
        self.window = window
        self.settings = settings
        self.unread = -1
        self.last_message_id: int | None = None
        self.last_due_check: int | None = None
        self.last_note_id: int | None = None
        self.pending: list[Notice] = []  # given and not opened yet, the newest last
        self.chooser: QMenu | None = None
        self._window_lines: list[tuple[str, str]] = []  # (short, in full) for the status bar
        self.checking = False
        self.tray: QSystemTrayIcon | None = None
        self.timer = QTimer(self, interval=CHECK_MS)
        self.timer.timeout.connect(self.check)
        self._build_tray()

    # Preferences (this desktop's, like the theme)

    def enabled(self, which: str) -> bool:
        value = self.settings.value(KEYS[which], True)
        return value not in (False, "false", "0", 0)

    def set_enabled(self, which: str, on: bool) -> None:
        self.settings.setValue(KEYS[which], bool(on))
        if which == "tray":
            self._apply_tray()

    # The tray

    def _build_tray(self) -> None:
        tray = QSystemTrayIcon(badge_icon(0), self)
        menu = QMenu(self.window)
        show = QAction("Show the inbox", menu)
        show.triggered.connect(self.show_window)
        menu.addAction(show)
        menu.addAction(self.window.ui.actionPoll)
        menu.addAction(self.window.ui.actionLogCall)
        menu.addSeparator()
        menu.addAction(self.window.ui.actionQuit)
        tray.setContextMenu(menu)
        tray.activated.connect(self._on_activated)
        tray.messageClicked.connect(self._on_message_clicked)
        tray.setToolTip("Inbox")
        self.tray = tray
        self._apply_tray()

    def _apply_tray(self) -> None:
        if self.tray is None:
            return
        wanted = self.enabled("tray") and QSystemTrayIcon.isSystemTrayAvailable()
        self.tray.setVisible(wanted)

    def _on_activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason in (QSystemTrayIcon.ActivationReason.Trigger,
                      QSystemTrayIcon.ActivationReason.DoubleClick):
            self.show_window()

    def show_window(self) -> None:
        window = self.window
        window.showNormal() if window.isMinimized() else window.show()
        window.raise_()
        window.activateWindow()

    def _on_message_clicked(self) -> None:
        """A notice was clicked, which one the tray does not say: the only one out is
        opened; of several, the window asks (opening the newest would be a guess)."""
        self.show_window()
        if len(self.pending) == 1:
            self.open_notice(self.pending[0])
        elif self.pending:
            self._ask_which()

    def open_notice(self, notice: Notice) -> None:
        if notice in self.pending:
            self.pending.remove(notice)
        self.show_window()
        if notice.view is not None:
            self.window.select_key(notice.view)
        elif notice.message_id is not None:
            # Merged into another conversation since (or split back out): opened where
            # the message is now, not the empty conversation it left.
            message_id = notice.message_id
            self.window.jobs.run(
                lambda store: store.get_message(message_id).conversation_id,
                self.window.open_conversation,
                lambda _error: self._open_given(notice))
        elif notice.conversation_id is not None:
            conversation_id = notice.conversation_id  # merged since: where it went
            self.window.jobs.run(lambda store: store.conversation_now(conversation_id),
                                 self.window.open_conversation,
                                 lambda _error: self._open_given(notice))

    def _open_given(self, notice: Notice) -> None:
        """The conversation as it was announced, when where its message went cannot be
        read (the store away for a moment)."""
        if notice.conversation_id is not None:
            self.window.open_conversation(notice.conversation_id)

    def _ask_which(self) -> None:
        if self.chooser is not None:
            self.chooser.close()
            self.chooser.deleteLater()
        menu = QMenu(self.window)
        heading = menu.addAction("Open which notice?")
        heading.setEnabled(False)
        for notice in reversed(self.pending):
            action = menu.addAction(notice.title.replace("&", "&&"))
            action.setToolTip(notice.body)
            action.triggered.connect(lambda _checked=False, n=notice: self.open_notice(n))
        menu.setToolTipsVisible(True)
        self.chooser = menu
        self.window.show_status(f"{len(self.pending)} notices are out and the desktop"
                                " cannot tell which one was clicked: pick it from the list.")
        window = self.window
        menu.popup(window.mapToGlobal(window.rect().center()))

    def stop(self) -> None:
        self.timer.stop()
        if self.tray is not None:
            self.tray.hide()

    # Checking

    def start(self) -> None:
        self.timer.start()
        self.check()

    def check(self) -> None:
        if self.checking:
            return
        self.checking = True
        staff, after, due_after = self.window.staff, self.last_message_id, self.last_due_check
        after_note = self.last_note_id
        if after is None:
            # A first check, or the window put another store in place (the demo shop, a
            # backup) and forgot the newest message seen: what that store holds is no
            # news, its notes and follow-ups no more than its messages, and notices given
            # about the old store would open the wrong conversations.
            due_after = after_note = None
            self.pending.clear()
        self.window.jobs.run(
            lambda store: read_digest(store, staff, after, due_after, after_note),
            self._on_digest, self._on_failed)

    def staff_changed(self, staff: str | None) -> None:
        """Someone else at the window: the last person's follow-ups and mentions waiting
        for a click are theirs, not the new person's to open (complaints are everyone's)."""
        self.pending = [notice for notice in self.pending
                        if notice.for_staff is None or notice.for_staff == staff]

    def _on_failed(self, _error: Exception) -> None:
        self.checking = False  # the next check tries again; the window shows store trouble

    def _on_digest(self, digest: Digest) -> None:
        self.checking = False
        self.last_message_id = digest.latest_message_id
        self.last_due_check = digest.checked_at
        self.last_note_id = digest.latest_note_id
        if digest.unread != self.unread:
            self.unread = digest.unread
            if self.tray is not None:
                self.tray.setIcon(badge_icon(digest.unread))
                self.tray.setToolTip(f"Inbox — {digest.unread} unread" if digest.unread
                                     else "Inbox — nothing unread")
            self.unread_changed.emit(digest.unread)
        self._window_lines = []
        if self.enabled("negative") and digest.older_negative:
            self._count_older_negative(digest.older_negative, digest.negative_capped,
                                       digest.older_negative_closed)
        if self.enabled("negative") and digest.negative:
            self._announce_negative(digest.negative, digest.negative_capped)
        # Read for whoever the window was then: announced to nobody else.
        mine = digest.staff == self.window.staff
        if mine and self.enabled("due") and digest.due:
            self._announce_due(digest.due)
        if mine and self.enabled("mentions") and digest.mentions:
            self._announce_mentions(digest.mentions)
        self._show_in_window()

    def _show_in_window(self) -> None:
        """The notices of one check that the window shows, on one line: the status bar
        holds one, and each would wipe out the one before."""
        lines, self._window_lines = self._window_lines, []
        if len(lines) == 1:
            self.window.show_status(lines[0][1])
        elif lines:
            self.window.show_status(f"{len(lines)} notices: "
                                    + " · ".join(short for short, _full in lines))

    def _on_screen(self, conversation_id: int | None) -> bool:
        """Whether that conversation is the one being read in the window in front: a
        desktop notice over the thread that shows it, waiting for a click that opens
        what is open, is noise; the status bar says it instead."""
        window = self.window
        return (conversation_id is not None
                and window.conversation.conversation_id == conversation_id
                and window.isActiveWindow() and not window.isMinimized()
                and window.queue_shown())

    def _count_older_negative(self, count: int, capped: bool, closed: int = 0) -> None:
        """Old mail (a new mailbox's backlog) is no news for the desktop: a line in the
        window says how much came in, and where it is — a feed's old items are stored
        closed, and Negative, which lists open conversations, showed none of them."""
        many = f"{count}+" if capped else str(count)
        what = "older negative message" if many == "1" else "older negative messages"
        if closed >= count:
            where = "archived: Closed view"
        elif closed:
            where = f"Negative view; {closed} archived, in Closed"
        else:
            where = "Negative view"
        self._window_lines.append((
            f"{many} {what} came in (not announced)",
            f"{many} {what} came in, sent more than a day ago: not announced ({where})."))

    def _announce_negative(self, messages: list[dict[str, Any]], capped: bool = False) -> None:
        if len(messages) == 1 and not capped:
            message = messages[0]
            who = quoted(message["customer_name"]) or "A customer"
            channel = KIND_LABELS.get(message["kind"], message["kind"])
            self._notify(Notice(f"{who} is unhappy ({channel})", message["preview"][:160],
                                conversation_id=message["conversation_id"],
                                message_id=message["id"]))
            return
        names = list(dict.fromkeys(quoted(m["customer_name"]) or "someone"
                                   for m in messages))
        shown = ", ".join(names[:MAX_SHOWN]) + (" and others" if len(names) > MAX_SHOWN else "")
        count = f"{len(messages)}+" if capped else str(len(messages))
        self._notify(Notice(f"{count} new negative messages",
                            f"From {shown}",
                            view="view:negative"))

    def _announce_due(self, conversations: list[dict[str, Any]]) -> None:
        self._announce_each(
            conversations,
            lambda c: Notice(
                f"Follow up with {quoted(c['customer_name'] or '') or 'a customer'} now",
                f"#{c['id']}: "
                + (quoted(c["subject"] or c["preview"] or "", SUBJECT_LENGTH)
                   or "a conversation"),
                conversation_id=c["id"], for_staff=self.window.staff),
            Notice("More follow-ups are due", "{rest} more are due now",
                   view="view:due", for_staff=self.window.staff))

    def _announce_mentions(self, notes: list[dict[str, Any]]) -> None:
        self._announce_each(
            notes,
            lambda n: Notice(
                f"{quoted(n['author'] or '') or 'A colleague'} mentioned you"
                + (f" about {quoted(n['customer_name'])}" if n["customer_name"] else ""),
                f"#{n['conversation_id']}: {n['preview'][:160]}",
                conversation_id=n["conversation_id"], for_staff=self.window.staff),
            Notice("More mentions", "{rest} more notes mention you",
                   view="view:mentions", for_staff=self.window.staff))

    def _announce_each(self, items: list[dict[str, Any]],
                       notice: Callable[[dict[str, Any]], Notice], rest: Notice) -> None:
        """One notice for each of the first MAX_SHOWN items, one for the rest (its body
        says how many: `{rest}`)."""
        for item in items[:MAX_SHOWN]:
            self._notify(notice(item))
        left = len(items) - MAX_SHOWN
        if left > 0:
            self._notify(dataclasses.replace(rest, body=rest.body.format(rest=left)))

    def _notify(self, notice: Notice) -> None:
        """On the desktop through the tray icon; where there is none (switched off in
        Settings, or a desktop without a tray), or about the conversation being read, in
        the window's status bar, rather than nowhere: unticking the tray's unread count
        silenced every notice."""
        on_desktop = (self.tray is not None and self.tray.isVisible()
                      and self.tray.supportsMessages()
                      and not self._on_screen(notice.conversation_id))
        body = notice.body
        if notice.view is not None:  # said, as a click opens no one conversation
            name = VIEW_TITLES.get(notice.view, notice.view)
            body += f". Click to open the {name} view." if on_desktop else f" ({name} view)."
        if on_desktop:
            # A newer notice for the same conversation or view stands for the older one.
            self.pending = [given for given in self.pending
                            if (given.conversation_id, given.view)
                            != (notice.conversation_id, notice.view)][-(MAX_PENDING - 1):]
            self.pending.append(notice)
            self.tray.showMessage(notice.title, body,
                                  QSystemTrayIcon.MessageIcon.Information, 8000)
        else:
            self._window_lines.append((notice.title, f"{notice.title}: {body}"))
        self.notified.emit(notice.title, body, notice.conversation_id or 0)
