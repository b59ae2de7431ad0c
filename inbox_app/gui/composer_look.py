"""How the reply box presents what it is writing: a reply on the conversation's channel,
an internal note, or nothing to send (a feed item is answered on its own site); and the
signature line it will carry; and its buttons kept whole in a narrow box (`ComposerFit`).
A part of the composer (gui/composer.py), which decides."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QBoxLayout, QSizePolicy

from inbox_app.core.kinds import KIND_LABELS
from inbox_app.core.templates import TemplateValues, fill_signature
from inbox_app.replies import SIGNED_KINDS

SIGNATURE_TIP = "Added under your reply as it goes out; change it in Settings → Business"


def signature_hint(kind: str, signature: str, business: str, staff: str | None) -> str:
    """What the reply will be signed with, so nobody signs it by hand a second time."""
    if kind not in SIGNED_KINDS:
        return ""
    filled = fill_signature(signature, TemplateValues(business=business, staff=staff or ""))
    return f"Signed: {' · '.join(filled.splitlines())}" if filled.strip() else ""


def show_mode(form, *, note: bool, elsewhere: bool, kind: str, who: str, sendable: bool,
              original_url: str | None, signature: str) -> None:
    """The box's buttons, placeholder, hints and accessible name for its mode; `elsewhere`:
    a reply to a feed item, which is answered where it was posted."""
    label = KIND_LABELS.get(kind, kind)
    form.sendButton.setVisible(not elsewhere)
    form.sendCloseButton.setVisible(not elsewhere)
    form.openOriginalButton.setVisible(elsewhere)
    form.openOriginalButton.setEnabled(bool(original_url))
    form.openOriginalButton.setToolTip(original_url or "This item came without a link to its page")
    form.templateButton.setVisible(not elsewhere)
    # What a screen reader calls the box (the placeholder is only its description).
    form.composerEdit.setAccessibleName("Internal note" if note else
                                        f"Reply to {who}" if who else "Reply")
    if note:
        form.composerEdit.setPlaceholderText("Write an internal note — only your team sees it")
        form.sendButton.setText("Add note")
        form.sendCloseButton.setText("Add note and close")
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
        form.sendCloseButton.setText("Send and close")
        form.channelHint.setText(
            "" if sendable or not label else "Can't send from the app yet — drafts are kept")
    shown = "" if note or elsewhere or not sendable else signature
    form.signatureHint.setText(shown)
    form.signatureHint.setVisible(bool(shown))
    # Whole in its tooltip: a narrow box cuts it ("Signed: Maya Okafor · Harbour L…").
    form.signatureHint.setToolTip(f"{shown}\n{SIGNATURE_TIP}" if shown else SIGNATURE_TIP)


NAMED = Qt.ToolButtonStyle.ToolButtonTextBesideIcon
ICON_ONLY = Qt.ToolButtonStyle.ToolButtonIconOnly
NOTE_NAME = "Internal note"
NOTE_SHORT_NAME = "Note"  # where even Templates as an icon leaves too little room
SIDE_BY_SIDE = QBoxLayout.Direction.LeftToRight
STACKED = QBoxLayout.Direction.TopToBottom


def gaps(row: QBoxLayout) -> int:
    """The spacing a row puts between its items: none beside a spacer or a hidden widget
    (Qt counts both empty), and beside a hint with no words."""
    laid_out = sum(not row.itemAt(number).isEmpty() for number in range(row.count()))
    return row.spacing() * max(0, laid_out - 1)


class ComposerFit(QObject):
    """Keeps the box's buttons whole in the room it has: in a narrow pane (1,024 pixels, a
    14 pt desktop) "Internal note" read "Inte…note" and "Send and close" "end and clos".

    The row above the text gives way in steps: Templates shows its icon alone (what it does
    in the tooltip), then Internal note reads "Note" (a screen reader still hears its whole
    name; its tooltip says what it is). The send buttons sit side by side where they fit, else one above
    the other. Templates' width with its name is remembered while it is shown, as the
    toolbar does (window_state.fit_toolbar): measuring it by switching the name on and off
    would lay the box out again, and again."""

    def __init__(self, form):
        super().__init__(form.composerFrame)
        self.form = form
        self.named_width = 0
        self.icon_width = 0
        spacer = form.sendSpacer
        self._spacer_size = (spacer.sizeHint(), spacer.sizePolicy())
        form.composerFrame.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # A resize, or a change in what the row's buttons need (the stylesheet's padding,
        # a button's words: "Send" and "Add note").
        if event.type() in (QEvent.Type.Resize, QEvent.Type.LayoutRequest):
            self.fit()
        return super().eventFilter(watched, event)

    def room(self) -> int:
        """The width inside the box's margins."""
        margins = self.form.composerLayout.contentsMargins()
        return self.form.composerFrame.contentsRect().width() - margins.left() - margins.right()

    def fit(self) -> None:
        room = self.room()
        if room <= 0:
            return
        self.fit_mode_row(room)
        self.fit_send_row(room)

    def fit_mode_row(self, room: int) -> None:
        form, button, note = self.form, self.form.templateButton, self.form.noteModeButton
        if button.toolButtonStyle() == NAMED:
            self.named_width = button.sizeHint().width()
        else:
            self.icon_width = button.sizeHint().width()
        metrics = note.fontMetrics()
        note_whole = (note.sizeHint().width() - metrics.horizontalAdvance(note.text())
                      + metrics.horizontalAdvance(NOTE_NAME))
        modes = form.replyModeButton.sizeHint().width() + note_whole + gaps(form.modeRow)
        wanted = NAMED if modes + self.named_width <= room else ICON_ONLY
        if wanted != button.toolButtonStyle():
            button.setToolButtonStyle(wanted)  # the next fit knows its width and goes on
            return
        name = NOTE_NAME if wanted == NAMED or modes + self.icon_width <= room \
            else NOTE_SHORT_NAME
        if name != note.text():
            note.setText(name)
            note.setAccessibleName(NOTE_NAME)

    def fit_send_row(self, room: int) -> None:
        row = self.form.sendRow
        shown = [button for button in (self.form.openOriginalButton, self.form.sendCloseButton,
                                       self.form.sendButton) if not button.isHidden()]
        needed = sum(button.sizeHint().width() for button in shown) + gaps(row)
        wanted = SIDE_BY_SIDE if needed <= room else STACKED
        if wanted == row.direction():
            return
        size, policy = self._spacer_size
        if wanted == STACKED:  # no gap above the buttons; they take the box's width
            self.form.sendSpacer.changeSize(0, 0, QSizePolicy.Policy.Ignored,
                                            QSizePolicy.Policy.Fixed)
        else:
            self.form.sendSpacer.changeSize(size.width(), size.height(),
                                            policy.horizontalPolicy(), policy.verticalPolicy())
        row.setDirection(wanted)

