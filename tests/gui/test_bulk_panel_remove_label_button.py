"""The bulk panel offered Label… but no way to take a label off: Remove label… was only
in the menus and on Shift+L, which the panel's buttons did not show. It is a button beside
the others, asks which of the selection's labels to take off, and is off while a bulk
action runs, as the others are. Merge the two… moved below, shown for two only."""

from __future__ import annotations

from inbox_app.store import open_store
from tests.gui.conftest import settle
from tests.gui.test_label_removed_in_the_window import (
    answer_prompt,
    labels_in_store,
    select_by_keys,
)


def test_the_panel_button_takes_a_label_off_the_selection(active, qtbot, demo_location):
    window = active
    chosen = select_by_keys(window, qtbot, 3)
    store = open_store(demo_location)
    try:
        for conversation_id in chosen:
            store.label(conversation_id, "compliant")
    finally:
        store.close()
    panel = window.bulk.panel.ui
    assert panel.unlabelButton.isVisible() and panel.unlabelButton.isEnabled()
    assert panel.unlabelButton.text() == "Remove label…"
    assert not panel.mergeButton.isVisible()  # three selected

    seen = answer_prompt(qtbot, window, panel.unlabelButton.click, "compliant")

    assert seen["title"] == "Remove label" and "compliant" in seen["offered"]
    assert not any("compliant" in labels_in_store(demo_location, i) for i in chosen)


def test_the_button_is_off_while_a_bulk_action_runs(active, qtbot):
    window = active
    select_by_keys(window, qtbot, 2)
    panel = window.bulk.panel.ui
    assert panel.mergeButton.isVisible()
    window.bulk._set_busy(True, "Closing…")
    assert not panel.unlabelButton.isEnabled()
    window.bulk._set_busy(False)
    settle(qtbot, window)
    assert panel.unlabelButton.isEnabled()


def test_tab_reaches_remove_label_between_close_all_and_merge(active):
    panel = active.bulk.panel.ui
    assert panel.closeButton.nextInFocusChain() is panel.unlabelButton
    assert panel.unlabelButton.nextInFocusChain() is panel.mergeButton
