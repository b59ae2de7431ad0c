"""A tag with an ampersand ("B&B", "Food & Drink") is shown as written on its chip: the
chip's text made the "&" a mnemonic, so the chip read "BB" with the second B underlined,
and Alt+B, pressed anywhere in the window, clicked it and removed the tag."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from tests.gui.conftest import settle


def chip_of(panel, tag: str):
    (chip,) = [panel._chips.itemAt(i).widget() for i in range(panel._chips.count())
               if panel._chips.itemAt(i).widget().property("tag") == tag]
    return chip


@pytest.mark.parametrize("tag", ["B&B", "Food & Drink", "R&&D"])
def test_an_ampersand_in_a_tag_is_shown_and_makes_no_shortcut(window, qtbot, demo_store, tag):
    panel = window.customer
    customer_id = panel.customer_id
    demo_store.tag_customer(customer_id, tag)
    panel.reload()
    settle(qtbot, window)
    chip = chip_of(panel, tag)
    assert chip.shortcut().isEmpty()
    assert chip.text().replace("&&", "&") == f"{tag}  ×"

    panel.ui.noteEdit.setFocus()
    qtbot.keyClick(window.windowHandle(), Qt.Key.Key_B, Qt.KeyboardModifier.AltModifier)
    qtbot.wait(300)  # a button's shortcut clicks it after 100 ms
    settle(qtbot, window)
    assert tag in demo_store.get_customer(customer_id).tags
