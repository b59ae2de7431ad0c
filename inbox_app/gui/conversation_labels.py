"""The conversation's labels in its header: a chip per label, each taken off with a click,
Space or Delete, as the customer panel's tag chips are (gui/customer_tags.py). A label put
on by a rule, or typed wrong ("compliant"), was otherwise only seen, never taken off.

What taking one off means to the store is the window's business (gui/actions.py): this
module only says which label was asked for, and keeps the focus among the chips as they
are made anew for the conversation read back.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QInputDialog, QToolButton, QWidget

from inbox_app.core.watch import shown_label
from inbox_app.gui.customer_tags import CHIP_MARK, as_button_text, fit_chip
from inbox_app.gui.flow_layout import FlowLayout

CHIP_LABEL = "label"  # a chip's property: the label as stored (a mention's in its own words)
REMOVE_KEYS = (Qt.Key.Key_Delete, Qt.Key.Key_Backspace)


class LabelChips(QObject):
    """The chips laid out in `area` (hidden while the conversation has no label), next
    after `follows` for Tab (the header's last button: the chips sit under the buttons).

    Signals: remove_requested(label) when a chip is clicked, or Space, Delete or Backspace
    pressed on it; once per label until the labels are shown anew."""

    remove_requested = Signal(str)

    def __init__(self, area: QWidget, follows: QWidget):
        super().__init__(area)
        self.area = area
        self.follows = follows  # also where the focus goes once the last chip is gone
        self.layout = FlowLayout(area)
        self.conversation_id: int | None = None
        self.labels: tuple[str, ...] = ()
        self.editable = True
        self._asked: set[str] = set()  # taken off, not yet read back
        area.installEventFilter(self)

    def show_labels(self, conversation_id: int, labels: Sequence[str]) -> None:
        """A chip per label. Shown again for the same conversation, the focus stays among
        the chips (on the one after a chip taken off, the one before when it was the last,
        else the header's last button): made anew, the focused chip went and the focus
        with it, so the next Tab started over from the window's first stop."""
        labels = tuple(labels)
        same = conversation_id == self.conversation_id
        self.conversation_id = conversation_id
        if same and labels == self.labels:
            self._asked.clear()  # read back unchanged: a click may ask again
            return
        place = self.focused_place() if same else None
        while (item := self.layout.takeAt(0)) is not None:
            if item.widget():
                item.widget().hide()
                item.widget().deleteLater()
        self.labels = labels
        self._asked.clear()
        follows = self.follows
        for label in labels:
            chip = self._chip(label)
            self.layout.addWidget(chip)
            QWidget.setTabOrder(follows, chip)
            follows = chip
        self.area.setVisible(bool(labels))
        self.set_editable(self.editable)
        self.shorten()
        if place is not None:
            self._focus_place(place)

    def _chip(self, label: str) -> QToolButton:
        shown = shown_label(label)
        chip = QToolButton(self.area)
        chip.setProperty("role", "chip")
        chip.ensurePolished()  # the stylesheet's font, which the shortening measures
        chip.setProperty(CHIP_LABEL, label)
        chip.setMinimumWidth(1)  # as wide as shorten() makes it: never the pane's width
        chip.setText(as_button_text(f"{shown}{CHIP_MARK}"))
        chip.setToolTip(f"Remove the label {shown}")
        chip.setAccessibleName(f"Label {shown}, remove")
        chip.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        chip.setCursor(Qt.CursorShape.PointingHandCursor)
        chip.clicked.connect(lambda _checked=False: self._ask(label))
        chip.installEventFilter(self)
        return chip

    def _ask(self, label: str) -> None:
        if not self.editable or label in self._asked:
            return  # a second click before the conversation is read back
        self._asked.add(label)
        self.remove_requested.emit(label)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Delete and Backspace take a focused chip's label off, as Space does; the chips
        are shortened again when the pane's width changes."""
        if (event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent)
                and event.key() in REMOVE_KEYS and watched.property(CHIP_LABEL)
                and event.modifiers() == Qt.KeyboardModifier.NoModifier):
            self._ask(watched.property(CHIP_LABEL))
            return True
        if watched is self.area and event.type() == QEvent.Type.Resize \
                and event.size().width() != event.oldSize().width():
            self.shorten()
        return super().eventFilter(watched, event)

    def chips(self) -> list[QToolButton]:
        """The chips in the order they read (and Tab goes)."""
        items = (self.layout.itemAt(i) for i in range(self.layout.count()))
        return [item.widget() for item in items if item is not None and item.widget()]

    def shorten(self) -> None:
        """Each chip shortened to the room the header has ("…", the whole label in its
        tooltip), at most CHIP_TEXT_WIDTH of text; the area as tall as its rows."""
        width = self.area.width()
        for chip in self.chips():
            fit_chip(chip, shown_label(chip.property(CHIP_LABEL)), width)
        self.area.setMinimumHeight(self.layout.heightForWidth(max(width, 1))
                                   if self.labels else 0)

    def set_editable(self, editable: bool) -> None:
        """While the store is away the chips stay readable but take nothing off."""
        self.editable = editable
        for chip in self.chips():
            chip.setEnabled(editable)

    def focused_place(self) -> int | None:
        return next((place for place, chip in enumerate(self.chips()) if chip.hasFocus()),
                    None)

    def _focus_place(self, place: int) -> None:
        chips = self.chips()
        target = chips[min(place, len(chips) - 1)] if chips else self.follows
        if target is not None and target.isEnabled():
            target.show()  # the layout would show it later: too late for focus
            target.setFocus(Qt.FocusReason.OtherFocusReason)


def ask_label_to_remove(parent: QWidget, title: str, text: str,
                        labels: Sequence[str]) -> str | None:
    """One of `labels` to take off, chosen from a list (none typed: only a label that is
    there can come off), in the words the chips use; None when cancelled."""
    shown = [shown_label(label) for label in labels]
    dialog = QInputDialog(parent)
    dialog.setWindowTitle(title)
    dialog.setLabelText(text)
    dialog.setComboBoxEditable(False)
    dialog.setComboBoxItems(shown)
    dialog.setOkButtonText("Remove")
    if not dialog.exec():
        return None
    chosen = dialog.textValue()
    return labels[shown.index(chosen)] if chosen in shown else None
