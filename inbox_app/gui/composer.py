"""The reply composer under the thread: a reply or an internal note, drafts autosaved.

Ctrl+Enter sends. A channel that cannot send yet says so plainly and keeps the
draft; a reply the channel refused stays in the thread, in red, with its reason.
Feed items (reviews, mentions) are answered on their own site: the composer says
so and offers "Open the original" instead of a Send button.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QKeyEvent

from inbox_app.core.kinds import KIND_LABELS
from inbox_app.gui.jobs import Jobs
from inbox_app.replies import CannotSend, ReplyResult, reply
from inbox_app.store import Store, StoreError

AUTOSAVE_MS = 700
ANSWERED_ELSEWHERE = ("feed",)


class Composer(QObject):
    """Wires the composer widgets of the conversation form.

    Signals: sent(conversation_id) after a reply or note is stored (sent or failed);
    escaped() when Escape leaves the composer; original_opened(url) when "Open the
    original" is pressed; templates_requested() for the Templates button.
    """

    sent = Signal(int)
    escaped = Signal()
    original_opened = Signal(str)
    templates_requested = Signal()

    def __init__(self, form, jobs: Jobs, parent: QObject | None = None):
        super().__init__(parent)
        self.form = form
        self.jobs = jobs
        self.staff: str | None = None
        self.conversation_id: int | None = None
        self.kind = ""
        self.sendable = True
        self.sending = False
        self.original_url: str | None = None
        self._dirty = False
        self._autosave = QTimer(self)
        self._autosave.setSingleShot(True)
        self._autosave.setInterval(AUTOSAVE_MS)
        self._autosave.timeout.connect(self.save_draft)
        form.composerEdit.textChanged.connect(self._on_text_changed)
        form.composerEdit.installEventFilter(self)
        form.sendButton.clicked.connect(self.send)
        form.openOriginalButton.clicked.connect(self.open_original)
        form.templateButton.clicked.connect(self.templates_requested)
        form.replyModeButton.toggled.connect(self._on_mode)
        self._on_mode()

    @property
    def note_mode(self) -> bool:
        return self.form.noteModeButton.isChecked()

    @property
    def text(self) -> str:
        return self.form.composerEdit.toPlainText()

    def attach(self, conversation_id: int, kind: str, draft: str, sendable: bool) -> None:
        """Shows a conversation's draft; the previous conversation's text is saved first."""
        switched = conversation_id != self.conversation_id
        if switched:
            self.save_draft()
            self.form.replyModeButton.setChecked(True)
        self.conversation_id, self.kind, self.sendable = conversation_id, kind, sendable
        if switched:
            edit = self.form.composerEdit
            edit.blockSignals(True)
            edit.setPlainText(draft)
            edit.blockSignals(False)
            self._dirty = False
            self._set_status("Draft restored." if draft else "")
        self._on_mode()

    def detach(self) -> None:
        self.save_draft()
        self.conversation_id = None
        self.form.composerEdit.blockSignals(True)
        self.form.composerEdit.clear()
        self.form.composerEdit.blockSignals(False)

    @property
    def answered_elsewhere(self) -> bool:
        """Feed items have no reply channel: they are answered where they were posted."""
        return self.kind in ANSWERED_ELSEWHERE

    def set_original(self, url: str | None) -> None:
        self.original_url = url
        self._on_mode()

    def open_original(self) -> None:
        if self.original_url:
            QDesktopServices.openUrl(QUrl(self.original_url))
            self.original_opened.emit(self.original_url)

    def insert_text(self, text: str) -> None:
        """Puts text (a filled template) at the cursor, replacing any selection."""
        edit = self.form.composerEdit
        edit.insertPlainText(text)
        edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def set_note_mode(self, note: bool) -> None:
        (self.form.noteModeButton if note else self.form.replyModeButton).setChecked(True)

    def focus(self) -> None:
        self.form.composerEdit.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def save_draft(self) -> None:
        """Writes the text as this conversation's draft (empty text removes it)."""
        self._autosave.stop()
        if not self._dirty or self.conversation_id is None:
            return
        self._dirty = False
        conversation_id, staff, text = self.conversation_id, self.staff, self.text
        self.jobs.run(lambda store: store.save_draft(conversation_id, staff, text))

    def send(self) -> None:
        text = self.text.strip()
        if self.sending or self.conversation_id is None:
            return
        if self.answered_elsewhere and not self.note_mode:
            self.save_draft()
            self._set_status("Feed items are answered on their own site: use Open the"
                             " original, or switch to Internal note. Your draft is kept.",
                             problem=True)
            return
        if not text:
            self._set_status("Write something first.", problem=True)
            return
        self.sending = True
        self.form.sendButton.setEnabled(False)
        conversation_id, staff, note = self.conversation_id, self.staff, self.note_mode
        self._set_status("Adding the note…" if note else "Sending…")

        def work(store: Store):
            if note:
                store.add_note(text, conversation_id=conversation_id, staff=staff)
                return None
            return reply(store, conversation_id, text, staff)

        self.jobs.run(work, lambda result: self._on_sent(conversation_id, result),
                      lambda error: self._on_send_failed(conversation_id, error))

    # Internals

    def _on_sent(self, conversation_id: int, result: ReplyResult | None) -> None:
        self.sending = False
        self.form.sendButton.setEnabled(True)
        if conversation_id == self.conversation_id:
            self.form.composerEdit.blockSignals(True)
            self.form.composerEdit.clear()
            self.form.composerEdit.blockSignals(False)
        staff = self.staff
        self.jobs.run(lambda store: store.save_draft(conversation_id, staff, ""))
        if result is None:
            self._set_status("Note added.")
        elif result.delivery == "failed":
            self._set_status(f"Not sent: {result.error} It stays in the thread; try again from"
                             " there.", problem=True)
        elif result.delivery == "queued":
            self._set_status("Queued; it will go out when the channel is reachable.")
        else:
            self._set_status("Sent.")
        self.sent.emit(conversation_id)

    def _on_send_failed(self, conversation_id: int, error: Exception) -> None:
        self.sending = False
        self.form.sendButton.setEnabled(True)
        if not isinstance(error, (CannotSend, StoreError)):
            self.jobs.failed.emit(error, "")
            return
        self._dirty = True
        if conversation_id == self.conversation_id:
            self.save_draft()
        self._set_status(str(error), problem=True)

    def _on_text_changed(self) -> None:
        self._dirty = True
        self._autosave.start()

    def _on_mode(self) -> None:
        note = self.note_mode
        frame = self.form.composerFrame
        frame.setProperty("noteMode", note)
        frame.style().unpolish(frame)
        frame.style().polish(frame)
        label = KIND_LABELS.get(self.kind, self.kind)
        elsewhere = self.answered_elsewhere and not note
        form = self.form
        form.sendButton.setVisible(not elsewhere)
        form.openOriginalButton.setVisible(elsewhere)
        form.openOriginalButton.setEnabled(bool(self.original_url))
        form.openOriginalButton.setToolTip(
            self.original_url or "This item came without a link to its page")
        form.templateButton.setVisible(not elsewhere)
        if note:
            form.composerEdit.setPlaceholderText("Write an internal note — only your team"
                                                 " sees it")
            form.sendButton.setText("Add note")
            form.channelHint.setText("")
        elif elsewhere:
            form.composerEdit.setPlaceholderText(
                "Reviews and mentions are answered where they were posted: open the original"
                " to reply there. Switch to Internal note to keep a record here.")
            form.channelHint.setText("Feed items are answered on their own site")
        else:
            form.composerEdit.setPlaceholderText(
                f"Reply by {label.lower()}…  (Ctrl+Enter sends)" if label else "Reply…")
            form.sendButton.setText("Send")
            form.channelHint.setText(
                "" if self.sendable or not label
                else "Can't send from the app yet — drafts are kept")

    def _set_status(self, text: str, problem: bool = False) -> None:
        label = self.form.composerStatus
        label.setText(text)
        label.setProperty("problem", problem)
        label.style().unpolish(label)
        label.style().polish(label)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.form.composerEdit and event.type() == QEvent.Type.KeyPress:
            key_event: QKeyEvent = event  # type: ignore[assignment]
            if key_event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and (
                key_event.modifiers() & Qt.KeyboardModifier.ControlModifier
            ):
                self.send()
                return True
            if key_event.key() == Qt.Key.Key_Escape:
                self.save_draft()
                self.escaped.emit()
                return True
        return super().eventFilter(watched, event)
