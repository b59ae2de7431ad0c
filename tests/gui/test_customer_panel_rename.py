"""A customer's name can be changed in the panel (a double-click on it, or its menu): a
customer the inbox named after an address or a number ("+12075558429") kept that name
unless a customer list was imported, and Store.rename_customer had no way in."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QInputDialog

from tests.gui.conftest import settle


@pytest.fixture
def answers(monkeypatch):
    asked: list[tuple[str, str]] = []
    replies: list[tuple[str, bool]] = []

    def get_text(_parent, _title, label, _echo, text):
        asked.append((label, text))
        return replies.pop(0)

    monkeypatch.setattr(QInputDialog, "getText", staticmethod(get_text))
    return asked, replies


def test_a_double_click_on_the_name_renames_the_customer(window, qtbot, demo_store, answers):
    asked, replies = answers
    panel = window.customer
    customer_id = panel.customer_id
    before = demo_store.get_customer(customer_id).name
    replies.append(("  Ann   Marie\nLee ", True))
    qtbot.mouseDClick(panel.ui.customerName, Qt.MouseButton.LeftButton, pos=QPoint(5, 5))
    settle(qtbot, window)
    assert asked == [("The customer's name:", before)]
    assert demo_store.get_customer(customer_id).name == "Ann Marie Lee"
    assert panel.ui.customerName.text() == "Ann Marie Lee"
    assert demo_store.find_customer("ann marie lee").id == customer_id


def test_an_empty_name_is_refused_and_cancel_changes_nothing(window, qtbot, demo_store,
                                                             answers):
    _asked, replies = answers
    panel = window.customer
    before = demo_store.get_customer(panel.customer_id).name
    replies.append(("   ", True))
    panel.edit_name()
    settle(qtbot, window)
    assert window.statusBar().currentMessage() == \
        "A customer needs a name; the name stays as it was."
    replies.append(("Someone Else", False))
    panel.edit_name()
    settle(qtbot, window)
    assert demo_store.get_customer(panel.customer_id).name == before


def test_nothing_is_asked_while_the_store_is_away(window, qtbot, answers):
    asked, _replies = answers
    window.customer.set_read_only(True)
    window.customer.edit_name()
    assert asked == []
