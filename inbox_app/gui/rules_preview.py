"""What a rule being written would touch: under the rules dialog's form, how many customer
messages, in how many conversations, its conditions as typed would have matched in the
last PREVIEW_DAYS days — the same days "Apply to open conversations" looks at.

The count runs in a worker a moment after the last key (one per keystroke would only
pile up on a big store); a count overtaken by newer typing, or finished after the dialog
was closed and deleted, is dropped.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer
from shiboken6 import isValid

from inbox_app.core.text import plural
from inbox_app.core.timeutil import now
from inbox_app.store import StoreError
from inbox_app.store.rules import RUN_DAYS

if TYPE_CHECKING:
    from inbox_app.gui.rules_dialog import RulesDialog

PREVIEW_DAYS = RUN_DAYS  # what "Apply to open conversations" would look at, too
PREVIEW_DELAY_MS = 300  # after the last key: a preview per keystroke would only pile up


def preview_text(messages: int, conversations: int) -> str:
    """The preview's sentence for what the count found."""
    if not messages:
        return f"In the last {PREVIEW_DAYS} days, no customer message would have matched."
    return (f"In the last {PREVIEW_DAYS} days, {plural(messages, 'customer message')}"
            f" in {plural(conversations, 'conversation')} would have matched.")


class RulePreview(QObject):
    """Counts what the dialog's form would have matched and says it in its preview line.

    The dialog calls `schedule()` whenever the form changes; nothing is counted before the
    dialog has `loaded` its rules and choices.
    """

    def __init__(self, dialog: RulesDialog):
        super().__init__(dialog)
        self.dialog = dialog
        self._generation = 0
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(PREVIEW_DELAY_MS)
        self._timer.timeout.connect(self.count)

    def schedule(self) -> None:
        """Counts again once the typing pauses."""
        self._timer.start()

    def count(self) -> None:
        """What the conditions as typed would have caught lately, counted in a worker."""
        dialog = self.dialog
        if not dialog.loaded:
            return
        self._generation += 1
        generation, rule = self._generation, dialog.form_rule()
        since = now() - PREVIEW_DAYS * 86400
        dialog.jobs.run(lambda store: store.rule_matches_since(rule, since),
                        lambda found: self._on_counted(generation, *found),
                        self._on_failed)

    def _label_gone(self) -> bool:
        """A count on a big store can end after the dialog was closed (and deleted)."""
        return not isValid(self.dialog.ui.previewLabel)

    def _on_failed(self, error: Exception) -> None:
        if self._label_gone():
            return
        self.dialog.ui.previewLabel.setText("")  # a preview is by the way; the store says the rest
        if not isinstance(error, StoreError):
            self.dialog.jobs.failed.emit(error, "")

    def _on_counted(self, generation: int, messages: int, conversations: int) -> None:
        if generation != self._generation or self._label_gone():
            return
        self.dialog.ui.previewLabel.setText(preview_text(messages, conversations))
