"""Settings by keyboard: every labelled field of the Business tab is reached with Alt and
its underlined letter — the currency too, which had no letter — and no two share one."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QLabel


def test_each_business_field_has_its_own_alt_letter(window, qtbot):
    window.ui.actionSettings.trigger()
    dialog = window.last_dialog
    qtbot.waitUntil(lambda: dialog.loaded is not None)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    labels = [label for label in dialog.ui.businessTab.findChildren(QLabel) if label.buddy()]
    letters = {}
    for label in labels:
        mnemonic = QKeySequence.mnemonic(label.text())
        assert not mnemonic.isEmpty(), f"{label.text()!r} has no Alt letter"
        letters.setdefault(mnemonic.toString(), []).append(label.text())
        qtbot.keyClick(dialog.focusWidget(), mnemonic[0].key(), Qt.KeyboardModifier.AltModifier)
        assert dialog.focusWidget() is label.buddy()
    assert all(len(same) == 1 for same in letters.values()), letters
    assert dialog.ui.currencyEdit in [label.buddy() for label in labels]
