"""Text a reader selects in the thread (to copy an order number, an address) stays
selected while the window reloads the conversation for something the thread does not
show: their own draft saved, a tag on the customer. The whole thread was set again on
each such reload (the periodic refresh, every 30 seconds), and the selection went."""

from __future__ import annotations

import pytest

from inbox_app.store import open_store
from tests.gui.conftest import settle
from tests.store.helpers import msg

ORDER = "Order HL-20417"


@pytest.fixture
def thread(tmp_path) -> str:
    path = tmp_path / "thread.db"
    store = open_store(path)
    store.add_staff("Maya Okafor")
    store.save_messages([
        msg(str(number), f"{ORDER}: message {number} about the parcel.", email="ann@example.org",
            author="Ann Lee", thread="order-1", at=1_780_000_000 + number * 60)
        for number in range(5)])
    store.close()
    return str(path)


def select_order_number(browser) -> str:
    cursor = browser.document().find(ORDER)
    browser.setTextCursor(cursor)
    return browser.textCursor().selectedText()


def reloaded(window, qtbot) -> None:
    window.refresh_all(keep_current=True)
    settle(qtbot, window)


def test_saving_ones_draft_keeps_the_selection(make_window, thread, qtbot):
    window = make_window(thread)
    browser = window.conversation.ui.threadBrowser
    assert select_order_number(browser) == ORDER

    window.conversation.ui.composerEdit.setPlainText("Dear Ann, your parcel")
    window.conversation.composer.save_draft()
    settle(qtbot, window)
    reloaded(window, qtbot)

    assert browser.textCursor().selectedText() == ORDER


def test_a_tag_on_the_customer_keeps_the_selection(make_window, thread, qtbot):
    window = make_window(thread)
    browser = window.conversation.ui.threadBrowser
    select_order_number(browser)

    store = open_store(thread)
    store.tag_customer(window.conversation.conversation.customer_id, "VIP")
    store.close()
    reloaded(window, qtbot)

    assert browser.textCursor().selectedText() == ORDER


def test_a_new_message_is_shown_all_the_same(make_window, thread, qtbot):
    window = make_window(thread)
    browser = window.conversation.ui.threadBrowser
    select_order_number(browser)

    store = open_store(thread)
    store.save_messages([msg("new", "Any news on the parcel?", email="ann@example.org",
                             author="Ann Lee", thread="order-1", at=1_780_100_000)])
    store.close()
    reloaded(window, qtbot)

    assert "Any news on the parcel?" in browser.toPlainText()
