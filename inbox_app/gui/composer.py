"""The reply composer under the thread: a reply or an internal note, drafts autosaved.

Ctrl+Enter sends; Ctrl+Shift+Enter sends and closes the conversation ("Send and close",
which moves on to the next). A channel that cannot send yet says so plainly and keeps the
draft; a reply the channel refused stays in the thread, in red, with its reason. Feed
items (reviews, mentions) are answered on their own site: the composer says so and offers
"Open the original" instead of a Send button.

While the store cannot be reached the composer stays open for typing but cannot send;
drafts then wait on this computer (`draft_keeper.py`) and reach the store when it is back,
as do drafts the store refused; one kept back comes back when its conversation is opened,
and is asked about before the window closes. On a shared store a reply for an account
whose secret this computer lacks waits in the shared outbox. A reply waits a few seconds
before it goes out, so it can be taken back (`held_reply.py`). Under the text, the room
left on the channel counts down as one types (`room_counter.py`); a reply over it is not
sent, and says why. Above it, an email reply names whom it reaches, Cc'd included
(`composer_recipients.py`). What it says under the text, and of a reply once it went, is
worded in `composer_status.py`.
"""

from __future__ import annotations

from collections import Counter

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QKeyEvent, QTextCursor

from inbox_app.gui import composer_status
from inbox_app.gui.colleague_reply import LatestReply, ReplyWatch
from inbox_app.gui.composer_look import ComposerFit, show_mode, signature_hint
from inbox_app.gui.composer_recipients import RecipientsLine
from inbox_app.gui.draft_keeper import KEPT_LOCALLY, DraftKeeper, DraftKey, joined
from inbox_app.gui.held_reply import PendingReply, ReplyHold
from inbox_app.gui.jobs import Jobs
from inbox_app.gui.mention_completer import MentionCompleter
from inbox_app.gui.room_counter import RoomCounter
from inbox_app.gui.theme import restyle
from inbox_app.replies import CannotSend, ReplyResult, send_written
from inbox_app.store import Store, StoreError

AUTOSAVE_MS = 700
ANSWERED_ELSEWHERE = ("feed",)
SEND_TIP = "Send (Ctrl+Enter)"
SEND_CLOSE_TIP = "Send, close the conversation and go on to the next (Ctrl+Shift+Enter)"


class Composer(QObject):
    """Wires the composer widgets of the conversation form.

    Signals: sent(conversation_id) after a reply or note is stored (sent or failed);
    escaped() when Escape leaves the composer; original_opened(url) when "Open the
    original" is pressed; templates_requested() for the Templates button;
    reopen(conversation_id) when a reply taken back belongs to a conversation not shown;
    done_with(conversation_id) when "Send and close" leaves it, to go on to the next;
    notice(text) / problem(text) for what became of a reply whose conversation is not
    shown any more.
    """

    sent = Signal(int)
    escaped = Signal()
    original_opened = Signal(str)
    templates_requested = Signal()
    reopen = Signal(int)
    done_with = Signal(int)
    notice = Signal(str)
    problem = Signal(str)

    def __init__(self, form, jobs: Jobs, parent: QObject | None = None):
        super().__init__(parent)
        self.replies = ReplyWatch()
        self.form, self.jobs = form, jobs
        self._staff: str | None = None
        self.conversation_id: int | None = None
        self.kind, self.who = "", ""  # the channel, the customer's name
        self.signature = ""  # the email signature as set in Settings, placeholders unfilled
        self.business = ""
        self.hold_for = 0  # seconds a reply waits before it goes out (Undo send)
        self.status = composer_status.StatusLine(form, self.notice.emit, self.problem.emit)
        self.hold = ReplyHold(self)
        self.hold.ticked.connect(self._show_hold)
        self.hold.released.connect(self._send_held)
        # Replies taken back (or not sent) for conversations not shown, by (conversation,
        # staff): put back in their composer when the conversation is opened.
        self._returned: dict[DraftKey, str] = {}
        self.sendable = True
        # Replies and notes on their way to the store, by conversation: only there does
        # Send wait for them (a slow mail server holds up no other conversation).
        self._sends: Counter[int] = Counter()
        self.original_url: str | None = None
        self.drafts = DraftKeeper(jobs, self._on_draft_kept)
        self.room = RoomCounter(form.roomLabel, jobs, self)
        self.recipients = RecipientsLine(form, jobs, self)
        self.offline = self._dirty = False
        self._autosave = QTimer(self)
        self._autosave.setSingleShot(True)
        self._autosave.setInterval(AUTOSAVE_MS)
        self._autosave.timeout.connect(self.save_draft)
        form.composerEdit.textChanged.connect(self._on_text_changed)
        form.composerEdit.installEventFilter(self)
        self.templates_fit = ComposerFit(form)
        self.mentions = MentionCompleter(form.composerEdit, lambda: self.note_mode, self)
        form.sendButton.clicked.connect(self.send)
        form.sendCloseButton.clicked.connect(self.send_and_close)
        form.undoSendButton.clicked.connect(self.take_back)
        form.openOriginalButton.clicked.connect(self.open_original)
        form.templateButton.clicked.connect(self.templates_requested)
        form.replyModeButton.toggled.connect(self._on_mode)
        self._on_mode()

    @property
    def sending(self) -> bool:
        """A reply or note is on its way in the conversation shown."""
        return self._sends[self.conversation_id] > 0 if self.conversation_id else False

    @property
    def staff(self) -> str | None:
        return self._staff

    @staff.setter
    def staff(self, staff: str | None) -> None:
        """Who is writing. Drafts are per person: switching shows the new person's draft
        here, and the previous person's text stays theirs."""
        if staff == self._staff:
            return
        self.save_draft()
        self._staff = staff
        conversation_id = self.conversation_id
        if conversation_id is None:
            return
        self._let_go()

        def shown(draft: str) -> None:
            if (conversation_id, staff) == (self.conversation_id, self._staff):
                self._show_draft(joined(draft, self.text) if self.text.strip() else draft)

        self.jobs.run(lambda store: store.draft(conversation_id, staff), shown,
                      lambda _error: shown(""))  # a store away: the copy here, if any
        self._show_hold()

    @property
    def note_mode(self) -> bool:
        return self.form.noteModeButton.isChecked()

    @property
    def text(self) -> str:
        return self.form.composerEdit.toPlainText()

    def attach(self, conversation_id: int, kind: str, draft: str, sendable: bool,
               who: str = "", latest_reply: LatestReply | None = None) -> None:
        """Shows a conversation's draft; the previous conversation's text is saved first.
        `latest_reply` is the newest reply in the thread as read now (gui/colleague_reply)."""
        switched = conversation_id != self.conversation_id
        if switched:
            self.save_draft()
            self.form.replyModeButton.setChecked(True)
        self.replies.read(latest_reply, opened=switched)
        self.conversation_id, self.kind, self.who = conversation_id, kind, who
        self.sendable = sendable
        self.room.attach(conversation_id, kind)
        self.recipients.attach(conversation_id, kind)
        if switched:
            self._show_draft(draft)
        self._on_mode()
        self._enable_sending()
        self._show_hold()

    def _show_draft(self, draft: str) -> None:
        """Shows the draft of the conversation and person now attached: the store's
        `draft`, or one kept back on this computer, after a reply that did not go out."""
        key = (self.conversation_id, self.staff)
        kept = self.drafts.kept(key)
        text = draft if kept is None else kept
        held = self.hold.held
        if held is not None and self._is_current(held) and text.strip() == held.text:
            text = ""  # the draft is the reply about to go out, not a new one
        returned = self._returned.pop(key, None)
        if returned is not None:
            text = joined(returned, text)
        self._show_text(text)
        self.form.composerEdit.moveCursor(QTextCursor.MoveOperation.End)  # to go on writing
        # A draft kept on this computer is newer than the store's: save it there next.
        self._dirty = kept is not None or returned is not None
        if self._dirty:
            self._autosave.start()
        self._set_status(composer_status.RETURNED if returned is not None else
                         composer_status.RESTORED if text else "")

    def detach(self) -> None:
        self.save_draft()
        self.conversation_id = None
        self._show_text("")

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
        """Puts text (a filled template) at the cursor, replacing any selection; after a
        word or a full stop typed just before, a space first ("Hello." and a template ran
        together as "Hello.Thanks Keiko!")."""
        edit = self.form.composerEdit
        probe = QTextCursor(edit.textCursor())
        probe.setPosition(probe.selectionStart())
        probe.movePosition(QTextCursor.MoveOperation.PreviousCharacter,
                           QTextCursor.MoveMode.KeepAnchor)
        before = probe.selectedText()  # a line break reads as U+2029, a space
        if before and not before.isspace() and text and not text[0].isspace():
            text = " " + text
        edit.insertPlainText(text)
        edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def set_note_mode(self, note: bool) -> None:
        (self.form.noteModeButton if note else self.form.replyModeButton).setChecked(True)

    def focus(self) -> None:
        self.form.composerEdit.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def save_draft(self) -> None:
        """Writes the text as this conversation's draft (empty text removes it); to this
        computer's file while the store cannot be reached or refuses it."""
        self._autosave.stop()
        if not self._dirty or self.conversation_id is None:
            return
        self._dirty = False
        key = (self.conversation_id, self.staff)
        if self.offline:
            self.drafts.keep_locally(key, self.text, None)
        else:
            self.drafts.save(key, self.text)

    def retry_kept(self) -> None:
        """Tries the store again with the drafts it refused (a full disk), now and then and
        not only when their conversation is opened: space may have been freed since. Quiet:
        the refusal was said when it happened."""
        if self.offline:
            return
        for key, text in self.drafts.to_retry().items():
            if key == (self.conversation_id, self.staff):
                self._dirty = True  # what is on screen is the newest text
                self.save_draft()
            else:
                self.drafts.save(key, text, quiet=True)

    def save_all_and_wait(self) -> dict[DraftKey, str]:
        """Saves what is typed, any draft kept back and any save not answered yet, and
        waits for the answer (before the window closes, or the store is restored).
        Returns the drafts nothing could keep."""
        self._autosave.stop()
        waiting = self.drafts.take_pending()
        if self._dirty and self.conversation_id is not None:
            self._dirty = False
            waiting[(self.conversation_id, self.staff)] = self.text
        returned = {key: text for key, text in self._returned.items() if key not in waiting}
        waiting.update(returned)
        if self.offline:
            return self.drafts.keep_all_locally(waiting)
        return self.drafts.save_all_and_wait(waiting, set(returned))

    def set_offline(self, offline: bool) -> None:
        """Read-only while the store is away: typing goes on, sending waits."""
        self.offline = offline
        self._enable_sending()
        self.form.sendButton.setToolTip(composer_status.OFFLINE_SEND if offline else SEND_TIP)
        self.form.sendCloseButton.setToolTip(
            composer_status.OFFLINE_SEND if offline else SEND_CLOSE_TIP)
        if offline and self._dirty:
            self.save_draft()
        if not offline and self.status.text in (KEPT_LOCALLY, composer_status.OFFLINE_SEND):
            self._set_status("")  # it spoke of an outage that is over
        if not offline:
            self.drafts.record_sent_replies()  # sent meanwhile, not recorded: recorded now

    def send_and_close(self) -> None:
        self.send(close=True)

    def send(self, close: bool = False) -> None:
        """Sends (or holds, for Undo send) the reply or note; `close` closes the
        conversation once it has gone and moves on to the next one now."""
        text = self.text.strip()
        if self.conversation_id is None:
            return
        if self.sending:
            self._set_status(composer_status.STILL_SENDING)
            return
        if self.offline:
            self._dirty = True
            self.save_draft()
            self._set_status(composer_status.OFFLINE_SEND, problem=True)
            return
        if self.answered_elsewhere and not self.note_mode:
            self.save_draft()
            self._set_status(composer_status.ANSWERED_ELSEWHERE_SEND, problem=True)
            return
        if not text:
            self._set_status("Write something first.", problem=True)
            return
        refused = None if self.note_mode or not self.sendable else self.room.refusal(text)
        if refused:
            self._set_status(refused, problem=True)
            return
        if not self.note_mode and (warning := self.replies.warning(self.staff)) is not None:
            self._set_status(warning, problem=True)
            return
        pending = PendingReply(self.conversation_id, self.staff, text, self.who, close)
        if self.note_mode or not self.sendable or self.hold_for <= 0:
            moving_on = close and (self.note_mode or self.sendable)
            if moving_on:
                self._let_go()  # not to be saved as the draft when the next one is opened
            else:
                # The text on screen is what goes: no autosave of it may land after the
                # draft is cleared, nor when another conversation is opened meanwhile.
                self._autosave.stop()
                self._dirty = False
            self._start_send(pending, note=self.note_mode, drafted_before=True)
            if moving_on:
                self.done_with.emit(pending.conversation_id)
            return
        # The text leaves the composer now and waits; the draft keeps it meanwhile, so a
        # window killed in these seconds loses nothing and sends nothing.
        self._let_go()
        self.drafts.save((pending.conversation_id, pending.staff), text)
        self.hold.hold(pending, self.hold_for)
        if close:
            self.done_with.emit(pending.conversation_id)

    def take_back(self) -> None:
        """Undo send: the waiting reply goes back to its composer instead of out."""
        held = self.hold.take_back()
        if held is None:
            return
        self._return_text(held)
        if not self._is_current(held):
            self.reopen.emit(held.conversation_id)
        self._set_status(composer_status.RETURNED)
        self.form.composerEdit.setFocus(Qt.FocusReason.OtherFocusReason)

    def send_held_now(self) -> None:
        """The waiting reply goes out at once (the window closes, the store is replaced)."""
        self.hold.release()

    def _send_held(self, held: PendingReply) -> None:
        # Its save under way must not bring the reply back as a draft.
        self.drafts.drop_save((held.conversation_id, held.staff), held.text)
        if self.offline:
            self._return_text(held)
            self._tell(held, composer_status.OFFLINE_HELD, problem=True)
            return
        self._start_send(held, note=False)

    def _start_send(self, sent: PendingReply, *, note: bool, drafted_before: bool = False
                    ) -> None:
        """`drafted_before`: sent straight from the editor, so the draft the store holds
        now is an earlier state of this very text (autosaved while it was typed), to be
        cleared with it; a reply that waited may have a new draft typed behind it."""
        self._sends[sent.conversation_id] += 1
        self._enable_sending()
        conversation_id, staff, text = sent.conversation_id, sent.staff, sent.text
        if conversation_id == self.conversation_id:
            self._set_status("Adding the note…" if note else "Sending…")

        def work(store: Store) -> ReplyResult | None:
            return send_written(store, conversation_id, staff, text, note=note,
                                close=sent.close, drafted_before=drafted_before)

        self.jobs.run(work, lambda result: self._on_sent(sent, result),
                      lambda error: self._on_send_failed(sent, error))

    # Internals

    def _is_current(self, held: PendingReply) -> bool:
        return (held.conversation_id, held.staff) == (self.conversation_id, self.staff)

    def _let_go(self) -> None:
        """Empties the editor of text that is on its way, without saving it as a draft."""
        self._autosave.stop()
        self._dirty = False
        self._show_text("")

    def _show_text(self, text: str) -> None:
        """Puts `text` in the editor without it counting as typing (no autosave)."""
        edit = self.form.composerEdit
        edit.blockSignals(True)
        edit.setPlainText(text)
        edit.blockSignals(False)
        self._count()

    def _return_text(self, held: PendingReply) -> None:
        """Puts a reply that did not go out back in its composer, before anything typed
        there since; or keeps it for when its conversation is opened."""
        key = (held.conversation_id, held.staff)
        if not self._is_current(held):
            self._returned[key] = joined(held.text, self._returned.get(key, ""))
            return
        if self.text.strip() == held.text:
            return
        self._show_text(joined(held.text, self.text))
        self.form.composerEdit.moveCursor(QTextCursor.MoveOperation.End)
        self._dirty = True
        self.save_draft()

    def _show_hold(self) -> None:
        """The countdown and its Undo button, whichever conversation is shown."""
        held = self.hold.held
        self.status.show_hold(held, self.hold.seconds_left(),
                              held is not None and self._is_current(held))

    def _tell(self, sent: PendingReply, text: str, problem: bool = False) -> None:
        self.status.tell(sent, text, sent.conversation_id == self.conversation_id, problem)

    def _on_sent(self, sent: PendingReply, result: ReplyResult | None) -> None:
        self._sends[sent.conversation_id] -= 1
        self._enable_sending()
        if self._is_current(sent) and self.text.strip() == sent.text:
            self._let_go()
        self.drafts.sent((sent.conversation_id, sent.staff), sent.text)
        text, problem = composer_status.outcome(result, sent.close)
        self._tell(sent, text, problem=problem)
        self._show_hold()
        self.sent.emit(sent.conversation_id)

    def _on_send_failed(self, sent: PendingReply, error: Exception) -> None:
        self._sends[sent.conversation_id] -= 1
        self._enable_sending()
        self._return_text(sent)
        if not isinstance(error, (CannotSend, StoreError)):
            self.jobs.failed.emit(error, "")
            return
        if self._is_current(sent):
            self._dirty = True
            self.save_draft()
        self._tell(sent, str(error), problem=True)

    def _on_draft_kept(self, key: DraftKey, text: str, problem: bool) -> None:
        if key[0] == self.conversation_id:
            self._set_status(text, problem=problem)

    def _on_text_changed(self) -> None:
        self._dirty = True
        self._autosave.start()
        self._count()
        if not self.text and self.status.text in (composer_status.RETURNED,
                                                  composer_status.RESTORED):
            self._set_status("")  # it spoke of text that is gone now

    def _on_mode(self) -> None:
        note = self.note_mode
        restyle(self.form.composerFrame, "noteMode", note)
        hint = "" if note else signature_hint(self.kind, self.signature, self.business,
                                              self.staff)
        show_mode(self.form, note=note, elsewhere=self.answered_elsewhere and not note,
                  kind=self.kind, who=self.who, sendable=self.sendable,
                  original_url=self.original_url, signature=hint)
        self._count()

    def _count(self) -> None:
        """The room left on the channel, for a reply that can go from here."""
        self.room.show(self.text, self.conversation_id is not None and not self.note_mode
                       and self.sendable and not self.answered_elsewhere)

    def set_signature(self, signature: str, business: str) -> None:
        self.signature, self.business = signature, business
        self._on_mode()

    def _enable_sending(self) -> None:
        able = not self.offline and not self.sending
        self.form.sendButton.setEnabled(able)
        self.form.sendCloseButton.setEnabled(able)

    def _set_status(self, text: str, problem: bool = False) -> None:
        self.status.say(text, problem)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.form.composerEdit and event.type() in (QEvent.Type.FocusIn,
                                                                  QEvent.Type.FocusOut):
            # The text field draws no frame of its own: the box around it shows the focus.
            restyle(self.form.composerFrame, "focused", event.type() == QEvent.Type.FocusIn)
        if watched is self.form.composerEdit and event.type() == QEvent.Type.KeyPress:
            key_event: QKeyEvent = event  # type: ignore[assignment]
            if key_event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and (
                key_event.modifiers() & Qt.KeyboardModifier.ControlModifier
            ):
                self.send(close=bool(key_event.modifiers() & Qt.KeyboardModifier.ShiftModifier))
                return True
            if key_event.key() == Qt.Key.Key_Escape:
                self.save_draft()
                self.escaped.emit()
                return True
        return super().eventFilter(watched, event)

