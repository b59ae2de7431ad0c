"""An empty view says why it is empty, and shows no customer left over from before."""

from __future__ import annotations

from inbox_app.gui.window_queue import empty_view_text
from inbox_app.store import QueueQuery, open_store
from tests.gui.conftest import settle

EMPTY_TAG = "tag:mention:competitor:roastery nine"  # in the sidebar


def empty_page_says(window) -> tuple[str, str]:
    ui = window.conversation.ui
    assert ui.pages.currentWidget() is ui.emptyPage
    assert ui.emptyLabel.text() != "Select a conversation, or press J to start."
    hint = ui.emptyHint
    return ui.emptyLabel.text(), hint.text() if hint.isVisibleTo(ui.emptyPage) else ""


def assert_no_customer(window) -> None:
    panel = window.customer.ui
    assert not panel.customerPanel.isVisibleTo(window.customer)
    assert panel.customerName.text() == ""
    for figure in (panel.valueLabel, panel.influenceLabel, panel.activityLabel):
        assert figure.text() == "–"
    assert panel.identitiesList.count() == 0 and panel.pastList.count() == 0


def test_a_search_that_finds_nothing_says_so_and_offers_everything(window, qtbot):
    settle(qtbot, window)
    assert window.customer.ui.customerPanel.isVisibleTo(window.customer)
    assert window.customer.ui.activityLabel.text() != "–"  # a customer's figures shown
    window.ui.searchEdit.setText("xyzzyqqq")
    window.apply_query()
    settle(qtbot, window)
    assert window.queue_model.rowCount() == 0
    assert_no_customer(window)
    text, hint = empty_page_says(window)
    assert text == "No conversations match “xyzzyqqq” in All open."
    assert "Everything" in hint

    window.ui.searchEdit.clear()
    window.apply_query()
    settle(qtbot, window)
    assert window.conversation.ui.pages.currentWidget() is window.conversation.ui.threadPage
    assert window.customer.ui.customerPanel.isVisibleTo(window.customer)
    assert window.customer.ui.activityLabel.text() != "–"


def test_an_empty_tag_view_says_so(window, qtbot, demo_location):
    # The demo's newest mentions are open or closed by the hour of the day it is made at:
    # whatever it left open under the tag is closed first.
    store = open_store(demo_location)
    try:
        store.bulk_close(store.queue_ids(QueueQuery(tag=EMPTY_TAG.removeprefix("tag:"))))
    finally:
        store.close()
    settle(qtbot, window)
    window.select_key(EMPTY_TAG)
    settle(qtbot, window)
    assert window.current_key == EMPTY_TAG and window.queue_model.rowCount() == 0
    assert_no_customer(window)
    text, hint = empty_page_says(window)
    assert text == "Nothing in this view."
    assert "Everything" in hint


def test_the_words_for_each_empty_view():
    assert empty_view_text("All open", "refund", everything=False) == (
        "No conversations match “refund” in All open.",
        "Everything, in the left bar, searches closed and snoozed conversations too.")
    assert empty_view_text("Everything", "refund", everything=True) == (
        "No conversations match “refund”.", "Check the spelling, or try fewer words.")
    assert empty_view_text("Mine", "", everything=False) == (
        "Nothing in this view.",
        "Everything, in the left bar, lists every conversation, closed ones too.")
    assert empty_view_text("Everything", "", everything=True) == (
        "No conversations yet.",
        "Messages arrive here from the accounts you add (File → Accounts…).")


def test_a_long_tag_name_heads_its_view_cut_at_a_word_and_whole_in_its_tip(make_window, qtbot,
                                                                          tmp_path):
    from inbox_app.gui.main_window import TITLE_LENGTH
    from inbox_app.store import open_store
    from tests.store.helpers import msg

    tag = "customers who ordered the autumn tasting box and asked for a refund"
    location = str(tmp_path / "shop.db")
    store = open_store(location)
    store.save_messages([msg("a1", "Hello", email="ann@example.com")])
    store.tag_customer(store.find_customer("ann@example.com").id, tag)
    store.close()
    window = make_window(location, staff=None)
    qtbot.waitUntil(lambda: window.sidebar_model.row_of(f"tag:{tag}") is not None, timeout=15000)
    window.select_key(f"tag:{tag}")
    title = window.ui.viewTitle
    assert title.text() == "customers who ordered the autumn tasting box…"
    assert len(title.text()) <= TITLE_LENGTH and title.toolTip() == tag
    window.select_key("view:open")
    assert title.toolTip() == ""


def test_a_store_without_a_conversation_says_where_they_come_from_in_every_view(
        make_window, qtbot, empty_location):
    """Back from the demo, a new shop's All open said "Everything, in the left bar, lists
    every conversation" — and Everything was as empty."""
    store = open_store(empty_location)
    try:
        store.set_setting("business_name", "Harbour Lane")  # past the welcome
        store.add_staff("Maya Okafor")
    finally:
        store.close()
    window = make_window(empty_location, staff="Maya Okafor")
    qtbot.waitUntil(lambda: window.sidebar_model.row_of("view:all") is not None
                    and window.sidebar_model.entry(
                        window.sidebar_model.row_of("view:all")).count == 0, timeout=15000)
    for key in ("view:open", "view:mine", "view:all"):
        window.select_key(key)
        settle(qtbot, window)
        text, hint = empty_page_says(window)
        assert text == "No conversations yet.", key
        assert "File → Accounts…" in hint
