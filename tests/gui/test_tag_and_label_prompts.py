"""T and L ask for a tag or a label with an empty field: Enter alone applies nothing, and
each offers its own kind (customer tags, conversation labels)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QComboBox, QInputDialog

from tests.gui.conftest import settle


@pytest.fixture
def active(window, qtbot):
    window.activateWindow()
    window.ui.queueView.setFocus()
    qtbot.waitUntil(window.isActiveWindow)
    settle(qtbot, window)
    return window


def prompt_after(qtbot, window, trigger, answer=None) -> dict:
    """Triggers the prompt, reads it, then presses Enter (typing `answer` first, if any)."""
    seen: dict = {}

    def look() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QInputDialog):
            QTimer.singleShot(50, look)
            return
        combo = dialog.findChild(QComboBox)
        seen.update(text=dialog.textValue(), offered=dialog.comboBoxItems(),
                    shown=combo.currentText() if combo is not None else None)
        field = combo.lineEdit() if combo is not None else dialog
        if answer:
            qtbot.keyClicks(field, answer)
        qtbot.keyClick(field, Qt.Key.Key_Return)

    QTimer.singleShot(0, look)
    trigger()
    qtbot.waitUntil(lambda: "text" in seen, timeout=10000)
    settle(qtbot, window)
    return seen


def test_the_tag_prompt_starts_empty_and_offers_customer_tags(active, qtbot, demo_store):
    window = active
    conversation = window.current_conversation()
    customer = demo_store.get_customer(conversation.customer_id)
    seen = prompt_after(qtbot, window, window.ui.actionTag.trigger)
    assert seen["text"] == "" and seen["shown"] == ""
    assert seen["offered"] == demo_store.all_tags()
    assert not any(tag.startswith("mention:") for tag in seen["offered"])
    assert demo_store.get_customer(customer.id).tags == customer.tags  # Enter alone: nothing

    seen = prompt_after(qtbot, window, window.ui.actionTag.trigger, "newsletter")
    assert "newsletter" in demo_store.get_customer(customer.id).tags


def test_the_label_prompt_starts_empty_and_offers_labels(active, qtbot, demo_store):
    window = active
    conversation = window.current_conversation()
    labels = demo_store.get_conversation(conversation.id).labels
    seen = prompt_after(qtbot, window, window.ui.actionLabel.trigger)
    assert seen["text"] == "" and seen["shown"] == ""
    assert seen["offered"] == demo_store.all_labels()
    assert demo_store.get_conversation(conversation.id).labels == labels

    prompt_after(qtbot, window, window.ui.actionLabel.trigger, "follow-up")
    assert "follow-up" in demo_store.get_conversation(conversation.id).labels


def test_the_bulk_prompts_start_empty_too(active, qtbot, demo_store):
    window = active
    window.ui.actionSelectAll.trigger()
    assert window.bulk.active
    seen = prompt_after(qtbot, window, window.ui.actionTag.trigger)
    assert seen["text"] == "" and seen["offered"] == demo_store.all_tags()
    seen = prompt_after(qtbot, window, window.ui.actionLabel.trigger)
    assert seen["text"] == "" and seen["offered"] == demo_store.all_labels()
