"""j after a change that re-sorts the current conversation away: the one that followed it."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from inbox_app.gui.window_queue import moved_among
from tests.gui.conftest import current, settle


def row_visible(window, row: int) -> bool:
    view = window.ui.queueView
    rect = view.visualRect(window.queue_model.index(row, 0))
    return view.viewport().rect().contains(rect)


def test_after_a_reply_j_goes_to_the_conversation_that_followed_it(active, qtbot, sender):
    window = active
    window.select_key("kind:email")  # answered here, not on a feed's own site
    settle(qtbot, window)
    model, view = window.queue_model, window.ui.queueView
    view.setFocus()
    before = model.ids()
    answered = current(window)
    assert answered == before[0] and len(before) > 5
    settle(qtbot, window)
    edit = window.conversation.ui.composerEdit
    qtbot.keyClicks(edit, "Thanks, your order is on its way.")
    qtbot.keyClick(edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    settle(qtbot, window)
    qtbot.waitUntil(lambda: model.row_of(answered) not in (None, 0), timeout=10000)
    settle(qtbot, window)
    row = model.row_of(answered)
    assert row > 1, "the demo's answered conversation no longer sorts below the next one"
    assert current(window) == answered  # still selected where it went…
    assert row_visible(window, row)  # …and the list shows it there

    qtbot.keyClick(edit, Qt.Key.Key_Escape)
    assert view.hasFocus()
    qtbot.keyClick(view, Qt.Key.Key_J)
    assert current(window) == before[1]  # the one below it before the reply, not skipped
    assert row_visible(window, model.row_of(before[1]))
    qtbot.keyClick(view, Qt.Key.Key_J)
    assert current(window) == model.conversation_at(model.row_of(before[1]) + 1).conversation_id


def test_k_after_the_re_sort_goes_to_the_conversation_that_was_above_it(active, qtbot):
    window = active
    model, view = window.queue_model, window.ui.queueView
    qtbot.keyClick(view, Qt.Key.Key_J)
    qtbot.keyClick(view, Qt.Key.Key_J)
    settle(qtbot, window)
    before = model.ids()
    moved = current(window)
    assert moved == before[2]
    # What a refresh that puts the current conversation last does (a reply, a change
    # elsewhere): the model re-sorts and the selection goes along with it.
    rows = [model.conversation_at(i) for i in range(model.rowCount())]
    reordered = [r for r in rows if r.conversation_id != moved] + [rows[2]]
    model._on_refresh(model._generation, (reordered, model.total, len(reordered)))
    assert current(window) == moved and model.row_of(moved) == len(reordered) - 1
    qtbot.keyClick(view, Qt.Key.Key_K)
    assert current(window) == before[1]


def test_j_moves_on_as_usual_when_the_current_conversation_keeps_its_place(active, qtbot):
    window = active
    model, view = window.queue_model, window.ui.queueView
    rows = [model.conversation_at(i) for i in range(model.rowCount())]
    # A conversation arriving just below the current one is the next one.
    reordered = [rows[0], rows[-1], *rows[1:-1]]
    model._on_refresh(model._generation, (reordered, model.total, len(reordered)))
    assert current(window) == rows[0].conversation_id
    qtbot.keyClick(view, Qt.Key.Key_J)
    assert current(window) == rows[-1].conversation_id


@pytest.mark.parametrize(("before", "after", "moved", "expected"), [
    ([1, 2, 3, 4], [2, 3, 4, 1], 1, (None, 2)),  # answered at the top, gone to the bottom
    ([1, 2, 3, 4], [3, 1, 2, 4], 3, (2, 4)),  # moved up: the neighbours it had
    ([1, 2, 3, 4], [1, 3, 2, 4], 1, None),  # the others swapped; 1 kept its place
    ([1, 2, 3, 4], [1, 5, 2, 3, 4], 1, None),  # one arrived just below it: kept its place
    ([1, 2, 3, 4], [2, 4, 1], 1, (None, 2)),  # 3 left meanwhile
    ([1, 2, 3, 4], [2, 4, 1], 3, None),  # gone itself
    ([1, 2, 3, 4], [1, 2, 4], 2, None),
])
def test_moved_among_names_the_neighbours_a_moved_conversation_had(before, after, moved,
                                                                   expected):
    assert moved_among(before, after, moved) == expected
