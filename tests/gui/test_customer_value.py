"""The customer's value in the panel: V or a click on the Value tile asks for it."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog

from tests.gui.conftest import settle


@pytest.fixture
def answers(monkeypatch):
    """What the value prompt is answered with, and what it was asked with."""
    asked: list[tuple[str, str]] = []
    replies: list[tuple[str, bool]] = []

    def get_text(_parent, _title, label, _echo, text):
        asked.append((label, text))
        return replies.pop(0)

    monkeypatch.setattr(QInputDialog, "getText", staticmethod(get_text))
    return asked, replies


def test_v_sets_the_value_the_tile_shows_it_and_the_store_keeps_it(window, qtbot, demo_store,
                                                                  answers):
    asked, replies = answers
    panel = window.customer
    customer_id = panel.customer_id
    demo_store.set_customer_value(customer_id, None)
    panel.reload()
    settle(qtbot, window)
    assert panel.ui.valueLabel.text() == "–"

    replies.append(("$2,500.00", True))
    window.ui.actionCustomerValue.trigger()
    settle(qtbot, window)
    name = demo_store.get_customer(customer_id).name
    assert asked == [(f"What {name} has spent with you, in $ (e.g. 1250.50; empty if not"
                      " known):", "")]  # the demo shop counts in dollars
    assert demo_store.get_customer(customer_id).value == 2500.0
    assert panel.ui.valueLabel.text() == "$2,500"
    assert "Spent with you: $2,500.00" in panel.ui.valueTile.toolTip()

    replies.append(("", True))  # empty: not known
    qtbot.mouseClick(panel.ui.valueTile, Qt.MouseButton.LeftButton)
    settle(qtbot, window)
    assert asked[-1][1] == "2500.00"
    assert demo_store.get_customer(customer_id).value is None
    assert panel.ui.valueLabel.text() == "–"


def test_what_is_not_money_is_refused_in_the_status_bar(window, qtbot, demo_store, answers):
    _asked, replies = answers
    panel = window.customer
    before = demo_store.get_customer(panel.customer_id).value
    replies.append(("lots", True))
    window.ui.actionCustomerValue.trigger()
    settle(qtbot, window)
    assert window.statusBar().currentMessage() == (
        "'lots' is not an amount of money; the value stays as it was.")
    assert demo_store.get_customer(panel.customer_id).value == before
    replies.append(("999", False))  # Cancel
    window.ui.actionCustomerValue.trigger()
    settle(qtbot, window)
    assert demo_store.get_customer(panel.customer_id).value == before


def test_a_big_value_is_shortened_in_the_tile_and_whole_in_its_tooltip(window, qtbot, demo_store):
    panel = window.customer
    demo_store.set_customer_value(panel.customer_id, 1_234_567.8)
    panel.reload()
    settle(qtbot, window)
    assert panel.ui.valueLabel.text() == "$1.2M"
    assert "$1,234,567.80" in panel.ui.valueTile.toolTip()


def test_nothing_is_asked_while_the_store_is_away(window, qtbot, answers):
    asked, _replies = answers
    window.customer.set_read_only(True)
    window.customer.edit_value()
    assert asked == []



def test_the_shops_currency_set_in_settings_shows_with_the_value(window, qtbot, demo_store,
                                                                answers):
    from inbox_app.gui.settings_dialog import SettingsDialog

    asked, replies = answers
    panel = window.customer
    demo_store.set_customer_value(panel.customer_id, 2500)
    window.ui.actionSettings.trigger()
    dialog: SettingsDialog = window.last_dialog
    qtbot.waitUntil(lambda: dialog.loaded is not None)
    assert dialog.ui.currencyEdit.text() == "$"  # the demo shop's
    dialog.ui.currencyEdit.setText("12")
    dialog.save_button.click()
    settle(qtbot, window)  # the store refuses it, in its own words
    assert dialog.ui.problemLabel.text().startswith("'12' is not a currency")
    assert dialog.isVisible() and demo_store.get_setting("currency") == "$"

    dialog.ui.currencyEdit.setText("€")
    with qtbot.waitSignal(dialog.saved, timeout=10000):
        dialog.save_button.click()
    settle(qtbot, window)
    assert demo_store.get_setting("currency") == "€"
    assert panel.ui.valueLabel.text() == "€2,500"
    assert panel.ui.valueName.text() == "Value"
    assert "Spent with you: €2,500.00" in panel.ui.valueTile.toolTip()
    replies.append(("2,600", True))
    window.ui.actionCustomerValue.trigger()
    settle(qtbot, window)
    assert ", in € (e.g. 1250.50" in asked[-1][0]
    assert panel.ui.valueLabel.text() == "€2,600"

    # A code with letters would crowd the narrow tile: it goes in the tile's caption.
    demo_store.set_setting("currency", "CHF")
    window.refresh_sidebar()
    settle(qtbot, window)
    assert panel.ui.valueLabel.text() == "2,600"
    assert panel.ui.valueName.text() == "Value (CHF)"
    assert "Spent with you: CHF 2,600.00" in panel.ui.valueTile.toolTip()
    demo_store.set_customer_value(panel.customer_id, -123_456)
    panel.reload()
    settle(qtbot, window)
    assert panel.ui.valueLabel.text() == "-123k"


@pytest.mark.parametrize(("value", "currency", "shown"), [
    (250_000, "€", "€250k"), (-1_500_000, "£", "-£1.5M"), (12.4, "€", "€12"),
    (12.6, "", "13"), (99_999, "kr.", "99,999"), (None, "€", "–"),
])
def test_the_tile_keeps_a_sign_and_shortens_big_values(value, currency, shown):
    from inbox_app.gui.customer_panel import compact_money

    assert compact_money(value, currency) == shown
