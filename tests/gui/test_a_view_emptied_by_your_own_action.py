"""When the person's own action takes the last conversation out of the view they are on
(closing the last of Mine, snoozing the last Negative one, taking the last conversation's
label off in that label's view), the view stays: its title and the left bar agree, the
conversation pane says the view is done and names the next place with work in it, and the
keys go on working. It said "Select a conversation, or press J to start." (J did nothing)
and, in a label's view, the label left the bar while the heading still named it."""

from __future__ import annotations

from PySide6.QtCore import Qt

from inbox_app.gui.models.sidebar_model import SidebarEntry, build_entries
from inbox_app.store import QueueQuery, open_store
from tests.gui.conftest import STAFF, settle

LABEL = "tasting-booked"


def leave_one(location: str, query: QueueQuery) -> int:
    """Closes all but the top conversation of `query` (another program, before the window
    opens); the one left is returned."""
    store = open_store(location)
    try:
        first, *others = store.queue_ids(query)
        store.bulk_close(others)
        return first
    finally:
        store.close()


def open_count(location: str, view: str) -> int:
    store = open_store(location)
    try:
        return store.view_counts(STAFF)[view]
    finally:
        store.close()


def pane_says(window) -> tuple[str, str]:
    ui = window.conversation.ui
    assert ui.pages.currentWidget() is ui.emptyPage
    hint = ui.emptyHint.text() if ui.emptyHint.isVisibleTo(ui.emptyPage) else ""
    return ui.emptyLabel.text(), hint


def current_sidebar_entry(window) -> SidebarEntry:
    return window.sidebar_model.entry(window.ui.sidebarView.currentIndex().row())


def on_view(make_window, qtbot, key: str):
    window = make_window()
    window.select_key(key)
    settle(qtbot, window)
    assert window.current_key == key
    return window


def test_closing_the_last_of_mine_says_so_and_offers_to_take_the_next(make_window, qtbot,
                                                                     demo_location):
    last = leave_one(demo_location, QueueQuery(filter="mine", staff=STAFF))
    window = on_view(make_window, qtbot, "view:mine")
    assert window.queue_model.ids() == [last] and window.current_id() == last
    window.ui.queueView.setFocus()

    qtbot.keyClick(window.ui.queueView, Qt.Key.Key_E)
    settle(qtbot, window)

    waiting = open_count(demo_location, "unassigned")
    assert waiting > 1
    assert pane_says(window) == (
        "Nothing left in Mine.",
        f"{waiting} conversations in Unassigned wait for someone: N takes the top one.")
    assert window.ui.viewTitle.text() == "Mine"
    assert current_sidebar_entry(window).key == "view:mine"
    assert current_sidebar_entry(window).count == 0

    qtbot.keyClick(window.ui.queueView, Qt.Key.Key_J)  # nothing to move to: nothing moves
    qtbot.keyClick(window.ui.queueView, Qt.Key.Key_K)
    settle(qtbot, window)
    assert pane_says(window)[0] == "Nothing left in Mine."

    qtbot.keyClick(window.ui.queueView, Qt.Key.Key_N)  # as the pane says
    settle(qtbot, window)
    taken = window.current_id()
    assert taken is not None and taken != last
    assert window.queue_model.ids() == [taken]
    assert window.conversation.ui.pages.currentWidget() is window.conversation.ui.threadPage


def test_snoozing_the_last_negative_one_names_all_open(make_window, qtbot, demo_location):
    last = leave_one(demo_location, QueueQuery(filter="negative"))
    window = on_view(make_window, qtbot, "view:negative")
    assert window.queue_model.ids() == [last]

    (tomorrow, *_presets) = window.actions_.snooze_preset_actions()
    tomorrow.trigger()
    settle(qtbot, window)

    still_open = open_count(demo_location, "open")
    assert pane_says(window) == (
        "Nothing left in Negative.",
        f"All open, in the left bar, has {still_open} conversations.")
    assert window.ui.viewTitle.text() == "Negative"
    assert current_sidebar_entry(window).key == "view:negative"


def test_a_view_that_fills_again_shows_its_conversation_and_j_moves_on(make_window, qtbot,
                                                                      demo_location):
    last = leave_one(demo_location, QueueQuery(filter="mine", staff=STAFF))
    window = on_view(make_window, qtbot, "view:mine")
    window.actions_.close(last)
    settle(qtbot, window)
    assert pane_says(window)[0] == "Nothing left in Mine."

    store = open_store(demo_location)  # a colleague hands two to Maya
    try:
        handed = store.queue_ids(QueueQuery(filter="unassigned"))[:2]
        for conversation_id in handed:
            store.assign(conversation_id, STAFF)
    finally:
        store.close()
    window.refresh_all(keep_current=True)  # as the periodic refresh does
    settle(qtbot, window)

    assert sorted(window.queue_model.ids()) == sorted(handed)
    first = window.current_id()
    assert first in handed
    window.ui.queueView.setFocus()
    qtbot.keyClick(window.ui.queueView, Qt.Key.Key_J)
    settle(qtbot, window)
    assert window.current_id() in handed and window.current_id() != first


def chip_of(window, label: str):
    """The label's chip (the demo's conversation may carry a mention label beside it)."""
    return next(chip for chip in window.conversation.labels.chips()
                if chip.property("label") == label)


def labelled_alone(location: str) -> int:
    store = open_store(location)
    try:
        target = store.queue_ids(QueueQuery(filter="open"))[0]
        store.label(target, LABEL)
        return target
    finally:
        store.close()


def test_the_last_label_taken_off_in_its_view_keeps_the_view_till_you_leave(
        make_window, qtbot, demo_location):
    target = labelled_alone(demo_location)
    window = on_view(make_window, qtbot, f"tag:{LABEL}")
    assert window.queue_model.ids() == [target] and window.current_id() == target

    chip_of(window, LABEL).click()
    settle(qtbot, window)

    text, hint = pane_says(window)
    assert text == f"Nothing left in {LABEL}."
    assert hint.startswith("No conversation or customer has this label or tag now;"
                           " the left bar keeps it until you go elsewhere.")
    assert window.ui.viewTitle.text() == LABEL
    entry = current_sidebar_entry(window)
    assert (entry.key, entry.label, entry.count) == (f"tag:{LABEL}", LABEL, 0)
    window.refresh_all(keep_current=True)  # the periodic refresh keeps it too
    settle(qtbot, window)
    assert current_sidebar_entry(window).key == f"tag:{LABEL}"

    window.select_key("view:open")
    settle(qtbot, window)
    assert window.sidebar_model.row_of(f"tag:{LABEL}") is None
    assert current_sidebar_entry(window).key == "view:open"


def test_a_channel_whose_last_open_conversation_closes_stays_in_the_bar(make_window, qtbot,
                                                                        demo_location):
    """The demo has no accounts: a channel is listed while it has open conversations."""
    last = leave_one(demo_location, QueueQuery(filter="open", kind="telegram"))
    window = on_view(make_window, qtbot, "kind:telegram")
    window.actions_.close(last)
    settle(qtbot, window)
    assert pane_says(window)[0] == "Nothing left in Telegram."
    entry = current_sidebar_entry(window)
    assert (entry.key, entry.count) == ("kind:telegram", 0)


def test_the_kept_entry_sits_with_its_kind_of_entry():
    entries = build_entries({"open": 3, "tag:VIP": 1}, ["VIP"], [], kept="tag:wholesale-lead")
    keys = [entry.key for entry in entries]
    assert keys[-3:] == ["section:tags", "tag:VIP", "tag:wholesale-lead"]
    assert build_entries({}, [], [], kept="tag:Zed")[-2].key == "section:tags"
    accounts = build_entries({}, [], [], kept="account:Shop mail")
    assert [entry.key for entry in accounts[-2:]] == ["section:accounts", "account:Shop mail"]
    assert [entry.key for entry in build_entries({}, [], [], kept="kind:phone")[-2:]] == [
        "section:channels", "kind:phone"]
    # Another spelling of a tag still in use is that tag's entry, not a second one.
    assert [entry.key for entry in build_entries({"tag:VIP": 1}, ["VIP"], [],
                                                  kept="tag:vip")].count("tag:VIP") == 1


def test_closing_a_whole_view_selected_says_it_is_done_where_the_panel_was(window, qtbot,
                                                                          demo_location):
    window.select_key("view:negative")
    settle(qtbot, window)
    assert window.queue_model.rowCount() > 1
    window.ui.queueView.setFocus()
    window.ui.actionSelectAll.trigger()
    assert window.bulk.active

    window.ui.actionClose.trigger()
    settle(qtbot, window)

    assert window.queue_model.rowCount() == 0
    assert not window.bulk.panel.isVisible() and window.conversation.isVisible()
    assert pane_says(window)[0] == "Nothing left in Negative."


def test_a_colleague_taking_the_label_off_leaves_my_view_and_its_entry_in_place(
        make_window, team_location, qtbot):
    target = labelled_alone(team_location)
    mine = make_window(team_location)
    mine.select_key(f"tag:{LABEL}")
    settle(qtbot, mine)
    assert mine.current_id() == target
    theirs = make_window(team_location, staff="Theo Brandt")
    theirs.open_conversation(target)
    qtbot.waitUntil(lambda: bool(theirs.conversation.labels.chips()), timeout=15000)

    chip_of(theirs, LABEL).click()
    settle(qtbot, theirs)
    mine.refresh_all(keep_current=True)  # as its periodic refresh, or the change's notice
    settle(qtbot, mine)

    assert mine.queue_model.rowCount() == 0
    assert mine.conversation.conversation_id == target  # the reader is not moved on
    assert mine.ui.viewTitle.text() == LABEL
    entry = current_sidebar_entry(mine)
    assert (entry.key, entry.count) == (f"tag:{LABEL}", 0)
