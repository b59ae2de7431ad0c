"""Dialogs open big enough for what they hold: never below their layout's size hint, so
nothing in them overlaps; the History dialog's times are shown whole."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QTimer
from PySide6.QtWidgets import QApplication, QCheckBox, QDialog, QHeaderView

from inbox_app.gui import theme
from tests.gui.conftest import settle

DIALOG_ACTIONS = ("actionRules", "actionHistory", "actionAccounts", "actionTemplates",
                  "actionSettings", "actionLogCall", "actionAssign", "actionSnooze",
                  "actionSwitchStaff", "actionShortcuts", "actionMergeCustomer",
                  "actionInsertTemplate")


@pytest.fixture(autouse=True)
def styled():
    """As `inbox-app` starts: its stylesheet on (it makes some forms taller)."""
    theme.apply(QApplication.instance(), "light")


def opened_by(qtbot, window, action_name: str) -> dict:
    """Triggers the action and reads the dialog it opens (by exec, open or show)."""
    seen: dict = {}
    before = {id(w) for w in QApplication.topLevelWidgets() if w.isVisible()}

    def look() -> None:
        dialog = QApplication.activeModalWidget() or next(
            (w for w in QApplication.topLevelWidgets()
             if isinstance(w, QDialog) and w.isVisible() and id(w) not in before), None)
        if not isinstance(dialog, QDialog) or window.jobs.pending:  # open, and filled
            QTimer.singleShot(50, look)
            return
        # A layout request the results' arrival posted is handled first (the dialog grows
        # to fit them), as the person would see it a moment later.
        QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
        seen.update(type=type(dialog).__name__, size=dialog.size(),
                    hint=dialog.sizeHint(), least=dialog.minimumSizeHint(),
                    minimum=dialog.minimumSize())
        dialog.reject()

    QTimer.singleShot(0, look)
    getattr(window.ui, action_name).trigger()
    qtbot.waitUntil(lambda: "size" in seen, timeout=10000)
    settle(qtbot, window)
    return seen


@pytest.mark.parametrize("action_name", DIALOG_ACTIONS)
def test_a_dialog_opens_at_least_at_its_size_hint(window, qtbot, action_name):
    # An email (a feed item has no templates to insert: which one tops the demo's queue
    # depends on the hour it is generated).
    window.select_key("kind:email")
    settle(qtbot, window)
    seen = opened_by(qtbot, window, action_name)
    size, hint, least = seen["size"], seen["hint"], seen["least"]
    assert size.width() >= hint.width() and size.height() >= hint.height(), seen
    # …and it cannot be made smaller than its contents need, either.
    assert seen["minimum"].width() >= least.width(), seen
    assert seen["minimum"].height() >= least.height(), seen


def test_the_rules_channels_do_not_overlap(window, qtbot):
    from inbox_app.gui.rules_dialog import RulesDialog

    settle(qtbot, window)
    window.show_rules()
    dialog = window.last_dialog
    assert isinstance(dialog, RulesDialog)
    qtbot.waitExposed(dialog)
    qtbot.waitUntil(lambda: dialog.loaded, timeout=10000)
    boxes = sorted((b for b in dialog.channel_boxes.values()), key=lambda b: b.y())
    rows = sorted({b.y() for b in boxes})
    assert len(rows) == 2
    first = [b for b in boxes if b.y() == rows[0]]
    assert rows[1] >= rows[0] + max(b.sizeHint().height() for b in first)
    assert all(isinstance(b, QCheckBox) for b in boxes)
    dialog.reject()
    settle(qtbot, window)


def test_history_shows_when_whole_and_leaves_no_empty_column(window, qtbot, demo_store):
    from inbox_app.gui.merging import HistoryDialog

    settle(qtbot, window)
    eventful = next(conversation_id for conversation_id in window.queue_model.ids()
                    if demo_store.history(conversation_id))
    dialog = HistoryDialog(window.jobs, eventful, [], window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    tree = dialog.ui.eventTree
    qtbot.waitUntil(lambda: tree.topLevelItemCount() > 0, timeout=10000)
    settle(qtbot, window)
    header = tree.header()
    assert header.sectionSize(0) >= tree.sizeHintForColumn(0) > 0  # "Wed 25 Nov 2026, 16:05"
    assert header.sectionSize(1) >= tree.sizeHintForColumn(1)
    assert tree.isColumnHidden(3) or header.sectionResizeMode(3) == \
        QHeaderView.ResizeMode.ResizeToContents
    assert header.sectionResizeMode(2) == QHeaderView.ResizeMode.Stretch


def test_history_closed_before_it_has_been_read_is_no_error(window, qtbot):
    settle(qtbot, window)
    window.ui.actionHistory.trigger()
    dialog = window.last_dialog
    dialog.close()  # Esc at once: the dialog is deleted before its history arrives
    settle(qtbot, window)  # an exception on the way would fail the test (pytest-qt)
