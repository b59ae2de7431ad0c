"""A customer of years in the customer panel: the conversations it counts are all
reachable (it listed 30 under "CONVERSATIONS (45)" and the other 15 could not be opened
from it), and each of many identities can be read and copied whole (ten long addresses
were shortened alike, with only "Email" in their tooltip, and nothing copied them)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from inbox_app.store import open_store
from tests.gui.conftest import settle
from tests.store.helpers import msg

LONG = "a.very.long.address.number{}@accounts.example-company.co.uk"


def customer_of_years(location: str, conversations: int, addresses: int = 0) -> int:
    """One customer: `conversations` conversations by email, one an hour, and
    `addresses` more long addresses merged into them; their newest conversation's id."""
    store = open_store(location)
    try:
        store.save_messages([
            msg(f"c{i}", f"Question {i}", email="ann@example.com", author="Ann Lee",
                at=1767000000 + i * 3600, title=f"Order {1000 + i}")
            for i in range(conversations)])
        customer_id = store.find_customer("ann@example.com").id
        for i in range(addresses):
            store.save_messages([msg(f"a{i}", "Hi", email=LONG.format(i), author="Ann",
                                     at=1766000000 + i)])
            store.merge_customers(customer_id, store.find_customer(LONG.format(i)).id)
        return max(row["id"] for row in store.customer_conversations(customer_id))
    finally:
        store.close()


def opened_on_customer(make_window, qtbot, location: str, conversation_id: int):
    window = make_window(location)
    window.open_conversation(conversation_id)
    qtbot.waitUntil(lambda: window.customer.customer_id is not None, timeout=15000)
    settle(qtbot, window)
    return window


def test_every_conversation_counted_can_be_opened(make_window, qtbot, empty_location):
    newest = customer_of_years(empty_location, 45)
    window = opened_on_customer(make_window, qtbot, empty_location, newest)
    past = window.customer.ui.pastList
    assert window.customer.ui.pastTitle.text() == "CONVERSATIONS (45)"
    assert past.count() == 31
    last = past.item(30)
    assert last.text() == "Show 15 older"
    assert last.data(Qt.ItemDataRole.AccessibleTextRole) == "Show 15 older conversations"

    past.setFocus()
    past.setCurrentRow(30)
    with qtbot.assertNotEmitted(window.customer.conversation_opened):
        qtbot.keyClick(past, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: past.count() == 45)
    titles = [past.item(i).text().splitlines()[0] for i in range(past.count())]
    assert titles[30] == "Order 1014" and titles[-1] == "Order 1000"
    assert past.currentRow() == 30 and past.hasFocus()  # where the keyboard was

    oldest = past.item(44).data(Qt.ItemDataRole.UserRole)
    with qtbot.waitSignal(window.customer.conversation_opened) as opened:
        past.itemActivated.emit(past.item(44))
    assert opened.args == [oldest]


def test_the_rest_stay_shown_while_the_panel_is_shown_anew(make_window, qtbot,
                                                           empty_location):
    newest = customer_of_years(empty_location, 35)
    window = opened_on_customer(make_window, qtbot, empty_location, newest)
    panel, past = window.customer, window.customer.ui.pastList
    past.itemClicked.emit(past.item(30))
    qtbot.waitUntil(lambda: past.count() == 35)
    panel.reload()  # as a change anywhere in the store does
    settle(qtbot, window)
    assert past.count() == 35


def test_a_shortened_identity_is_whole_in_its_tooltip_and_copied_whole(
        make_window, qtbot, empty_location):
    newest = customer_of_years(empty_location, 1, addresses=3)
    window = opened_on_customer(make_window, qtbot, empty_location, newest)
    identities = window.customer.ui.identitiesList
    rows = [identities.item(i) for i in range(identities.count())]
    long_rows = [row for row in rows if row.text().startswith("a.very")]
    assert len(long_rows) == 3
    for row in long_rows:
        assert row.toolTip().startswith("Email: a.very.long.address.number")
        assert row.toolTip().endswith("@accounts.example-company.co.uk")
    row = long_rows[1]

    menu = window.customer.identity_menu(row)
    (copy,) = [action for action in menu.actions() if action.text() == "Copy the address"]
    QGuiApplication.clipboard().clear()
    copy.trigger()
    assert QGuiApplication.clipboard().text() == row.toolTip().removeprefix("Email: ")

    QGuiApplication.clipboard().clear()
    identities.setFocus()
    identities.setCurrentItem(long_rows[2])
    qtbot.keyClick(identities, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QGuiApplication.clipboard().text() == long_rows[2].toolTip().removeprefix("Email: ")
