"""The tray icon with the unread count, and desktop notifications.

Three kinds of notification, each switchable off (Settings → Notifications): a
new negative message from a customer, a follow-up falling due for the staff
member it is assigned to (whoever is working in this window), and a colleague's
note asking them in with an @mention. Only what happens
while the window is open is announced: the backlog at start is not.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QRectF, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QColor, QFont, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import QMenu, QSystemTrayIcon

from inbox_app.core.kinds import KIND_LABELS
from inbox_app.core.timeutil import now
from inbox_app.gui import icons
from inbox_app.store import Store

if TYPE_CHECKING:
    from inbox_app.gui.main_window import MainWindow

CHECK_MS = 30_000
MAX_SHOWN = 3
# New negative messages looked at in one check: enough to count a big poll's truthfully
# ("200 new negative messages", not the 20 the store hands out by default).
NEGATIVE_LOOKUP = 500
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


def read_digest(store: Store, staff: str | None, after_message_id: int | None,
                due_after: int | None, after_note_id: int | None = None) -> Digest:
    """What to announce since the last check (nothing on the first one)."""
    moment = now()
    digest = Digest(store.unread_count(), store.latest_message_id(), moment,
                    store.latest_note_id())
    if after_message_id is not None:
        found = store.negative_since(after_message_id, limit=NEGATIVE_LOOKUP)
        # Not an out-of-office reply, a read receipt or a bounce: they wake nothing else.
        digest.negative = [row for row in found if not row["automatic"]]
        digest.negative_capped = len(found) == NEGATIVE_LOOKUP
    if staff and due_after is not None:
        digest.due = store.falling_due(staff, due_after, moment)
    if staff and after_note_id is not None:
        digest.mentions = store.mentions_since(staff, after_note_id)
    return digest


def badge_icon(count: int, size: int = 64) -> QIcon:
    """The app icon with a red badge holding the unread count."""
    image = QPixmap(size, size)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.drawPixmap(0, 0, icons.pixmap("app", size, icons.BASE_STROKE, ratio=1.0))
    if count > 0:
        text = str(count) if count < 100 else "99+"
        diameter = size * (0.55 if len(text) < 3 else 0.62)
        rect = QRectF(size - diameter, 0, diameter, diameter)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor("#e5484d"))
        painter.drawEllipse(rect)
        font = QFont()
        font.setBold(True)
        font.setPixelSize(int(diameter * (0.55 if len(text) < 3 else 0.42)))
        painter.setFont(font)
        painter.setPen(QColor("#ffffff"))
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)
    painter.end()
    return QIcon(image)


class Notifier(QObject):
    """Signals: notified(title, body, conversation_id) for every notification (shown on
    the desktop when a tray exists); unread_changed(count)."""

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
        self.last_conversation: int | None = None
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
        self.show_window()
        if self.last_conversation is not None:
            self.window.open_conversation(self.last_conversation)

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
        self.window.jobs.run(
            lambda store: read_digest(store, staff, after, due_after, after_note),
            self._on_digest, self._on_failed)

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
        if self.enabled("negative") and digest.negative:
            self._announce_negative(digest.negative, digest.negative_capped)
        if self.enabled("due") and digest.due:
            self._announce_due(digest.due)
        if self.enabled("mentions") and digest.mentions:
            self._announce_mentions(digest.mentions)

    def _announce_negative(self, messages: list[dict[str, Any]], capped: bool = False) -> None:
        if len(messages) == 1 and not capped:
            message = messages[0]
            who = message["customer_name"] or "A customer"
            channel = KIND_LABELS.get(message["kind"], message["kind"])
            self._notify(f"{who} is unhappy ({channel})", message["preview"][:160],
                         message["conversation_id"])
            return
        names = list(dict.fromkeys(m["customer_name"] or "someone" for m in messages))
        shown = ", ".join(names[:MAX_SHOWN]) + (" and others" if len(names) > MAX_SHOWN else "")
        count = f"{len(messages)}+" if capped else str(len(messages))
        self._notify(f"{count} new negative messages", f"From {shown} (Negative view).",
                     messages[0]["conversation_id"])

    def _announce_due(self, conversations: list[dict[str, Any]]) -> None:
        self._announce_each(
            conversations,
            lambda c: (f"Follow up with {c['customer_name'] or 'a customer'} now",
                       f"#{c['id']}: {c['subject'] or c['preview'][:60] or 'a conversation'}",
                       c["id"]),
            "More follow-ups are due", "more are due now (Due view)", "id")

    def _announce_mentions(self, notes: list[dict[str, Any]]) -> None:
        self._announce_each(
            notes,
            lambda n: (f"{n['author'] or 'A colleague'} mentioned you"
                       + (f" about {n['customer_name']}" if n["customer_name"] else ""),
                       f"#{n['conversation_id']}: {n['preview'][:160]}", n["conversation_id"]),
            "More mentions", "more notes mention you (Mentions view)", "conversation_id")

    def _announce_each(self, items: list[dict[str, Any]],
                       notice: Callable[[dict[str, Any]], tuple[str, str, int]],
                       rest_title: str, rest_text: str, opens: str) -> None:
        """One notice for each of the first MAX_SHOWN items, one for the rest."""
        for item in items[:MAX_SHOWN]:
            self._notify(*notice(item))
        rest = len(items) - MAX_SHOWN
        if rest > 0:
            self._notify(rest_title, f"{rest} {rest_text}.", items[MAX_SHOWN][opens])

    def _notify(self, title: str, body: str, conversation_id: int) -> None:
        """On the desktop through the tray icon; where there is none (switched off in
        Settings, or a desktop without a tray) in the window's status bar, rather than
        nowhere: unticking the tray's unread count silenced every notice."""
        self.last_conversation = conversation_id
        if self.tray is not None and self.tray.isVisible() and self.tray.supportsMessages():
            self.tray.showMessage(title, body, QSystemTrayIcon.MessageIcon.Information, 8000)
        else:
            self.window.show_status(f"{title}: {body}")
        self.notified.emit(title, body, conversation_id)
