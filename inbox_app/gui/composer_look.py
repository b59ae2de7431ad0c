"""How the reply box presents what it is writing: a reply on the conversation's channel,
an internal note, or nothing to send (a feed item is answered on its own site); and the
signature line it will carry. A part of the composer (gui/composer.py), which decides."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt

from inbox_app.core.kinds import KIND_LABELS
from inbox_app.core.templates import TemplateValues, fill_signature
from inbox_app.replies import SIGNED_KINDS


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



NAMED = Qt.ToolButtonStyle.ToolButtonTextBesideIcon
ICON_ONLY = Qt.ToolButtonStyle.ToolButtonIconOnly


class TemplatesButtonFit(QObject):
    """Templates shows its name where the row above the text has room for it, and its icon
    alone (what it does in the tooltip) in a narrow window, where the name squeezed
    "Internal note" to "Inter… note". Its width with the name is remembered while it is
    shown, as the toolbar does (window_state.fit_toolbar): measuring it by switching the
    name on and off would lay the box out again, and again."""

    def __init__(self, form):
        super().__init__(form.composerFrame)
        self.form = form
        self.named_width = 0
        form.composerFrame.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # A resize, or a change in what the row's buttons need (the stylesheet's padding).
        if event.type() in (QEvent.Type.Resize, QEvent.Type.LayoutRequest):
            self.fit()
        return super().eventFilter(watched, event)

    def fit(self) -> None:
        form, button = self.form, self.form.templateButton
        if button.toolButtonStyle() == NAMED:
            self.named_width = button.sizeHint().width()
        modes = [form.replyModeButton, form.noteModeButton]
        needed = sum(mode.sizeHint().width() for mode in modes) + self.named_width
        needed += form.modeRow.spacing() * len(modes)
        margins = form.composerLayout.contentsMargins()
        room = form.composerFrame.contentsRect().width() - margins.left() - margins.right()
        wanted = NAMED if needed <= room else ICON_ONLY
        if wanted != button.toolButtonStyle():
            button.setToolButtonStyle(wanted)
