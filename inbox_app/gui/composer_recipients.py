"""Whom an email reply will reach, above the text being written: "To: ann@example.com ·
Cc: bob@example.com, carla@example.com" — replies keep whom the customer copied in (reply
all), and the shop sees so before Send rather than after, as in Front or Help Scout.

Only for an email conversation in Reply mode (an internal note goes to nobody). The
addresses are read off the window's thread (`sources.mail_recipients`) each time the
conversation is shown or read again; a narrow pane names as many of the copied-in as fit
("and 3 more"), the tooltip all of them. A part of the composer (gui/composer.py).
"""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QSize, Qt
from PySide6.QtWidgets import QLabel

from inbox_app.gui.jobs import Jobs
from inbox_app.gui.theme import restyle
from inbox_app.replies import SendError
from inbox_app.store import Store, StoreError, StoreUnavailable

if TYPE_CHECKING:  # imported in the worker: the mail modules need not load with the window
    from inbox_app.sources.mail_recipients import ReplyRecipients

SHOWN_FOR = ("email",)
SEPARATOR = " \u00b7 "


def recipients_text(to: str, cc: Sequence[str], fits: Callable[[str], bool]) -> str:
    """The line naming everyone, or as many of the copied-in as `fits` ("and 2 more"), or
    only how many they are; the widget cuts what still does not fit."""
    whole = f"To: {to}" + (f"{SEPARATOR}Cc: {', '.join(cc)}" if cc else "")
    if not cc or fits(whole):
        return whole
    for named in range(len(cc) - 1, 0, -1):
        shorter = f"To: {to}{SEPARATOR}Cc: {', '.join(cc[:named])} and {len(cc) - named} more"
        if fits(shorter):
            return shorter
    return f"To: {to}{SEPARATOR}Cc: {len(cc)} {'person' if len(cc) == 1 else 'people'}"


def recipients_tip(to: str, cc: Sequence[str]) -> str:
    """Everyone, as rich text so a long list wraps instead of running off the screen."""
    copied = f"<br>Cc: {html.escape(', '.join(cc))}" if cc else ""
    return f"<p>The reply goes to {html.escape(to)}{copied}</p>"


class RecipientsLabel(QLabel):
    """One line naming the reply's recipients, fitted to its width; never wider than the
    pane gives it (a long Cc list must not widen the window)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("recipientsLine")
        self.setTextFormat(Qt.TextFormat.PlainText)  # addresses are what people typed
        self.setProperty("role", "hint")
        self.setContentsMargins(4, 0, 0, 0)  # in line with the text written under it
        self.to = ""
        self.cc: tuple[str, ...] = ()
        self.problem = ""

    def show_recipients(self, to: str, cc: Sequence[str]) -> None:
        self.to, self.cc, self.problem = to, tuple(cc), ""
        self.setToolTip(recipients_tip(to, cc))
        self.setAccessibleName(f"The reply goes to {to}" +
                               (f", copied to {', '.join(cc)}" if cc else ""))
        restyle(self, "role", "hint")
        self.updateGeometry()
        self._fit()

    def show_problem(self, sentence: str) -> None:
        """Why a reply cannot reach anyone (no address in the conversation)."""
        self.to, self.cc, self.problem = "", (), sentence
        self.setToolTip(sentence)
        self.setAccessibleName(sentence)
        restyle(self, "role", "problem")
        self.updateGeometry()
        self._fit()

    def full_text(self) -> str:
        return self.problem or recipients_text(self.to, self.cc, lambda _text: True)

    def sizeHint(self) -> QSize:
        width = self.fontMetrics().horizontalAdvance(self.full_text())
        return QSize(width + 2, super().sizeHint().height())

    def minimumSizeHint(self) -> QSize:
        return QSize(0, super().minimumSizeHint().height())

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit()

    def changeEvent(self, event) -> None:
        """A larger font (Settings, a theme) needs more room for the same names."""
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self.updateGeometry()
            self._fit()

    def _fit(self) -> None:
        room = self.contentsRect().width()
        metrics = self.fontMetrics()
        text = self.problem or recipients_text(
            self.to, self.cc, lambda candidate: metrics.horizontalAdvance(candidate) <= room)
        QLabel.setText(self, metrics.elidedText(text, Qt.TextElideMode.ElideRight, room))


class RecipientsLine(QObject):
    """The recipients line of the composer form, for the conversation it shows."""

    def __init__(self, form, jobs: Jobs, parent: QObject | None = None):
        super().__init__(parent)
        self.form = form
        self.jobs = jobs
        self.label = RecipientsLabel(form.composerFrame)
        self.label.setVisible(False)
        form.composerLayout.insertWidget(1, self.label)  # under Reply / Internal note
        self.conversation_id: int | None = None
        self.kind = ""
        self.known = False  # the label names this conversation's recipients (or why none)
        self._asked = 0  # the latest read: an earlier one answering late is not shown
        form.replyModeButton.toggled.connect(self._show)

    def attach(self, conversation_id: int, kind: str) -> None:
        """A conversation is shown, or read again (a new message may copy someone in)."""
        if conversation_id != self.conversation_id:
            self.known = False  # never the previous conversation's recipients meanwhile
        self.conversation_id, self.kind = conversation_id, kind
        self._asked += 1
        self._show()
        if kind not in SHOWN_FOR:
            return
        asked = self._asked

        def read(store: Store) -> ReplyRecipients:
            from inbox_app.sources.mail_recipients import reply_recipients

            return reply_recipients(store, conversation_id)

        self.jobs.run(read, lambda found: self._on_read(asked, found),
                      lambda error: self._on_failed(asked, error))

    def refresh(self) -> None:
        """Reads them again: the shop's own addresses changed (an alias added in Accounts),
        which the conversation shown does not."""
        if self.conversation_id is not None:
            self.attach(self.conversation_id, self.kind)

    def _on_read(self, asked: int, found: ReplyRecipients) -> None:
        if asked != self._asked:
            return
        self.label.show_recipients(found.to, found.cc)
        self.known = True
        self._show()

    def _on_failed(self, asked: int, error: Exception) -> None:
        if asked != self._asked:
            return
        if isinstance(error, SendError):
            self.label.show_problem(str(error))
            self.known = True
        elif isinstance(error, StoreUnavailable):
            pass  # the store is away: what was read stays, and sending says the rest
        elif isinstance(error, StoreError):
            self.known = False  # the conversation is gone, say: the window says so
        else:
            self.jobs.failed.emit(error, "")
        self._show()

    def _show(self) -> None:
        self.label.setVisible(self.known and self.kind in SHOWN_FOR
                              and self.form.replyModeButton.isChecked())
