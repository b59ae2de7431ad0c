"""The window used by a person who never touches the mouse: every key goes to the widget
that has the focus, as it would from a keyboard, and the focus is followed from there."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from tests.gui.conftest import current, email_view, settle

SHIFT = Qt.KeyboardModifier.ShiftModifier
CTRL = Qt.KeyboardModifier.ControlModifier
# Every one-key shortcut the README documents, typed as text.
SHORTCUT_TEXT = "jkraetlsunvhcm/?JKNEIM"


def focused() -> QWidget | None:
    return QApplication.focusWidget()


def press(qtbot, key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    """A key press as the keyboard delivers it: to the widget that has the focus."""
    qtbot.keyClick(focused(), key, modifier)


def type_text(qtbot, text: str) -> None:
    qtbot.keyClicks(focused(), text)


def tab_chain(start: QWidget, limit: int = 60, backwards: bool = False) -> list[QWidget]:
    """The widgets Tab (or Shift+Tab) visits from `start` until it comes back round."""
    from PySide6.QtTest import QTest

    start.setFocus(Qt.FocusReason.TabFocusReason)
    visited = [start]
    for _ in range(limit):
        QTest.keyClick(focused(), Qt.Key.Key_Backtab if backwards else Qt.Key.Key_Tab)
        widget = focused()
        if widget is start or widget is None:
            break
        if widget is not visited[-1]:  # a date edit's sections: Tab walks them first
            visited.append(widget)
    return visited


def in_pane(widget: QWidget, pane: QWidget) -> bool:
    return widget is pane or pane.isAncestorOf(widget)


def modal(qtbot) -> QDialog:
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), QDialog)
                    and focused() is not None and focused().window() is
                    QApplication.activeModalWidget())
    return QApplication.activeModalWidget()


def answer_later(qtbot, answer) -> list:
    """Runs `answer(dialog)` once a modal dialog opened by the next key has the focus."""
    done = []

    def look():
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QDialog) or focused() is None or focused().window() is not dialog:
            QTimer.singleShot(10, look)
            return
        answer(dialog)
        done.append(dialog)

    QTimer.singleShot(0, look)
    return done


def refocused(window) -> QWidget | None:
    """The widget that has the focus once the closed dialog's window manager hands the
    window back (what Qt gives the focus to when the window is active again); offscreen
    there is no window manager to do that."""
    window.activateWindow()
    return window.focusWidget()


# Typing text never runs a shortcut


@pytest.mark.parametrize("where", ["composer", "search", "note", "tag"])
def test_shortcut_letters_typed_into_text_are_text(active, qtbot, demo_store, where):
    window = active
    window.select_key("kind:email")
    settle(qtbot, window)
    before = current(window)
    fields = {"composer": window.conversation.ui.composerEdit, "search": window.ui.searchEdit,
              "note": window.customer.ui.noteEdit, "tag": window.customer._tag_edit}
    field = fields[where]
    if where == "composer":
        press(qtbot, Qt.Key.Key_R)
        assert focused() is field
    else:
        qtbot.waitUntil(lambda: window.customer._tag_edit.isVisible())  # made per customer
        field = fields[where] if where != "tag" else window.customer._tag_edit
        field.setFocus(Qt.FocusReason.TabFocusReason)
    assert focused() is field
    type_text(qtbot, SHORTCUT_TEXT)
    text = field.toPlainText() if where == "composer" else field.text()
    assert text.endswith(SHORTCUT_TEXT)
    assert focused() is field
    assert QApplication.activeModalWidget() is None
    if where != "search":
        assert current(window) == before
        assert demo_store.get_conversation(before).status == "open"
    settle(qtbot, window)


# The search box


def test_escape_leaves_the_search_box_for_the_queue_keeping_the_search(active, qtbot):
    window = active
    press(qtbot, Qt.Key.Key_Slash)
    assert focused() is window.ui.searchEdit
    type_text(qtbot, "thank")
    press(qtbot, Qt.Key.Key_Escape)
    assert focused() is window.ui.queueView
    assert window.ui.searchEdit.text() == "thank"
    qtbot.waitUntil(lambda: window.queue_model.query.search == "thank")
    settle(qtbot, window)
    assert current(window) is not None  # j, k, e… act on what was found
    press(qtbot, Qt.Key.Key_J)
    assert window.ui.queueView.currentIndex().row() == 1


def test_enter_in_the_search_box_shows_the_first_match_in_the_queue(active, qtbot):
    window = active
    press(qtbot, Qt.Key.Key_Slash)
    type_text(qtbot, "thank")
    press(qtbot, Qt.Key.Key_Return)
    assert focused() is window.ui.queueView
    settle(qtbot, window)
    assert window.queue_model.query.search == "thank"
    assert window.ui.queueView.currentIndex().row() == 0


# Shortcuts from wherever the focus is


@pytest.mark.parametrize("where", ["sidebar", "thread", "identities", "past", "order",
                                   "assign_button"])
def test_j_and_k_move_the_queue_from_every_pane(active, qtbot, where):
    window = active
    widgets = {"sidebar": window.ui.sidebarView, "thread": window.conversation.ui.threadBrowser,
               "identities": window.customer.ui.identitiesList,
               "past": window.customer.ui.pastList, "order": window.ui.orderCombo,
               "assign_button": window.conversation.ui.assignButton}
    widgets[where].setFocus(Qt.FocusReason.TabFocusReason)
    assert focused() is widgets[where]
    press(qtbot, Qt.Key.Key_J)
    assert window.ui.queueView.currentIndex().row() == 1
    press(qtbot, Qt.Key.Key_K)
    assert window.ui.queueView.currentIndex().row() == 0
    assert window.current_key == "view:open"
    settle(qtbot, window)


# Tab order


def test_tab_goes_round_the_window_in_reading_order(active, qtbot):
    """Left bar, the queue's order (beside its title) and search, the queue, the conversation (its buttons,
    the thread, the composer), the customer, then the staff button in the toolbar."""
    window = active
    window.select_key("kind:email")
    settle(qtbot, window)
    chain = tab_chain(window.ui.sidebarView)
    panes = []
    for widget in chain:
        for name, pane in (("views", window.ui.sidebarView),
                           ("queue", window.ui.queuePane),
                           ("conversation", window.conversation),
                           ("customer", window.customer),
                           ("toolbar", window.ui.mainToolBar)):
            if in_pane(widget, pane):
                if not panes or panes[-1] != name:
                    panes.append(name)
                break
        else:
            raise AssertionError(f"Tab reached {widget!r} outside the panes")
    assert panes == ["views", "queue", "conversation", "customer", "toolbar"]
    queue_part = [w for w in chain if in_pane(w, window.ui.queuePane)]
    assert queue_part == [window.ui.orderCombo, window.ui.searchEdit, window.ui.queueView]
    ui = window.conversation.ui
    conversation_part = [w for w in chain if in_pane(w, window.conversation)]
    assert conversation_part.index(ui.assignButton) < conversation_part.index(ui.threadBrowser) \
        < conversation_part.index(ui.composerEdit) < conversation_part.index(ui.sendButton)
    # Shift+Tab goes the same way back.
    assert tab_chain(window.ui.sidebarView, backwards=True) == [chain[0], *reversed(chain[1:])]
    settle(qtbot, window)


def test_tab_in_the_customer_panel_follows_the_panel_top_down(active, qtbot):
    window = active
    window.select_key("kind:email")
    settle(qtbot, window)
    panel = window.customer
    qtbot.waitUntil(lambda: panel._tag_edit.isVisible())  # made per customer
    chain = [w for w in tab_chain(window.ui.sidebarView) if in_pane(w, panel)]
    tops = [w.mapTo(panel, QPoint(0, 0)).y() for w in chain]
    assert chain and tops == sorted(tops), [w.objectName() or w.accessibleName() for w in chain]
    assert panel.ui.customerScroll not in chain  # no invisible stop on the scroll area
    settle(qtbot, window)


def test_tab_in_the_templates_dialog_goes_list_then_form(active, qtbot):
    window = active
    window.ui.actionTemplates.trigger()
    dialog = modal(qtbot)
    settle(qtbot, window)
    ui = dialog.ui
    chain = tab_chain(ui.filterEdit)
    names = [w.objectName() or w.text() for w in chain]
    order = [chain.index(w) for w in (ui.filterEdit, ui.templateList, ui.nameEdit, ui.bodyEdit)]
    assert order == sorted(order), names
    inserts = [w for w in chain if w.objectName() == "" and w.text().startswith("{")]
    assert inserts, names
    assert all(chain.index(ui.bodyEdit) < chain.index(w) < chain.index(ui.saveButton)
               for w in inserts), names
    dialog.reject()


# Escape and Enter in dialogs, and where the focus goes after them


def test_a_dialog_closed_with_escape_gives_the_focus_back(active, qtbot):
    window = active
    done = answer_later(qtbot, lambda dialog: press(qtbot, Qt.Key.Key_Escape))
    press(qtbot, Qt.Key.Key_A)
    qtbot.waitUntil(lambda: bool(done) and QApplication.activeModalWidget() is None)
    assert refocused(window) is window.ui.queueView
    qtbot.waitUntil(lambda: focused() is window.ui.queueView)
    press(qtbot, Qt.Key.Key_J)  # and the keys work on at once
    assert window.ui.queueView.currentIndex().row() == 1
    settle(qtbot, window)


def test_enter_in_the_assign_dialog_assigns(active, qtbot, demo_store):
    window = active
    chosen = current(window)

    def answer(dialog):
        combo = dialog.ui.staffCombo
        assert focused() is combo
        combo.setCurrentIndex(combo.findData("Priya Raman"))
        press(qtbot, Qt.Key.Key_Return)

    done = answer_later(qtbot, answer)
    press(qtbot, Qt.Key.Key_A)
    qtbot.waitUntil(lambda: bool(done))
    settle(qtbot, window)
    assert demo_store.get_conversation(chosen).assignee == "Priya Raman"
    assert refocused(window) is window.ui.queueView


def test_a_menu_dialog_closed_with_escape_gives_the_focus_back(active, qtbot):
    window = active
    window.ui.actionSettings.trigger()
    modal(qtbot)
    press(qtbot, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is None)
    assert refocused(window) is window.ui.queueView
    settle(qtbot, window)


def test_the_focus_follows_a_conversation_that_a_logged_call_opens(active, qtbot):
    window = active
    press(qtbot, Qt.Key.Key_C)
    dialog = modal(qtbot)
    type_text(qtbot, "(207) 555-0199")
    while focused() is not dialog.ui.summaryEdit:
        press(qtbot, Qt.Key.Key_Tab)
    type_text(qtbot, "Asked about beans")
    press(qtbot, Qt.Key.Key_Tab)  # to "Log the call"
    with qtbot.waitSignal(dialog.logged, timeout=10000) as logged:
        press(qtbot, Qt.Key.Key_Return)
    settle(qtbot, window)
    assert current(window) == logged.args[0]
    assert refocused(window) is window.ui.queueView
    settle(qtbot, window)


# Sending


def test_send_and_close_leaves_the_focus_on_the_queue_not_in_the_next_reply(
        make_window, settings, qtbot, sender):
    window = email_view(make_window, settings, qtbot, 0)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.ui.queueView.setFocus()
    answered = current(window)
    press(qtbot, Qt.Key.Key_R)
    type_text(qtbot, "Thanks, it is on its way.")
    press(qtbot, Qt.Key.Key_Return, CTRL | SHIFT)
    assert current(window) != answered
    assert focused() is window.ui.queueView
    following = current(window)
    type_text(qtbot, "j")  # a key meant for the queue moves it, and types nothing
    settle(qtbot, window)
    assert current(window) != following
    assert window.conversation.ui.composerEdit.toPlainText() == ""


def test_after_a_send_the_composer_keeps_the_focus_for_more(make_window, settings, qtbot,
                                                             sender):
    window = email_view(make_window, settings, qtbot, 0)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.ui.queueView.setFocus()
    press(qtbot, Qt.Key.Key_R)
    type_text(qtbot, "Thanks!")
    press(qtbot, Qt.Key.Key_Return, CTRL)
    settle(qtbot, window)
    assert focused() is window.conversation.ui.composerEdit
    press(qtbot, Qt.Key.Key_Escape)
    assert focused() is window.ui.queueView


# Bulk actions


def test_several_selected_tab_reaches_the_bulk_actions_and_select_all_in_view(active, qtbot):
    window = active
    window.select_key("view:all")
    settle(qtbot, window)
    window.ui.queueView.setFocus()
    press(qtbot, Qt.Key.Key_A, CTRL)
    panel = window.bulk.panel
    assert panel.isVisible()
    press(qtbot, Qt.Key.Key_Tab)
    assert focused() is panel.ui.scopeLabel  # "The 100 loaded so far are selected…"
    press(qtbot, Qt.Key.Key_Tab)  # Qt's way with a label's links: the next Tab is the link
    assert focused() is panel.ui.scopeLabel  # "Select all 700 in this view"
    press(qtbot, Qt.Key.Key_Return)
    assert window.bulk.whole_view
    chain = tab_chain(window.ui.queueView)
    buttons = [panel.ui.assignButton, panel.ui.tagButton, panel.ui.labelButton,
               panel.ui.snoozeButton, panel.ui.closeButton]
    assert chain[2:2 + len(buttons)] == buttons
    settle(qtbot, window)


# Seeing where the focus is


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_the_focus_can_be_seen_on_every_kind_of_control(active, qtbot, theme):
    window = active
    window.state.set_theme(theme)
    window.select_key("kind:email")
    settle(qtbot, window)
    conversation, customer = window.conversation.ui, window.customer.ui
    qtbot.waitUntil(lambda: window.customer._tag_edit.isVisible())
    controls = {"queue": window.ui.queueView, "views": window.ui.sidebarView,
                "order": window.ui.orderCombo, "search": window.ui.searchEdit,
                "assign": conversation.assignButton, "more": conversation.moreButton,
                "thread": conversation.threadBrowser, "reply mode": conversation.replyModeButton,
                "templates": conversation.templateButton, "send": conversation.sendButton,
                "send and close": conversation.sendCloseButton,
                "identities": customer.identitiesList, "note": customer.noteEdit,
                "past": customer.pastList, "merge": window.customer.merge_button,
                "tag": window.customer._tag_edit, "staff": window.state.staff_button}
    unseen = []
    for name, widget in controls.items():
        window.ui.mainToolBar.setFocus()  # nothing of the above
        window.ui.mainToolBar.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        window.ui.mainToolBar.setFocus()
        assert not widget.hasFocus()
        without = widget.grab().toImage()
        widget.setFocus(Qt.FocusReason.TabFocusReason)
        assert widget.hasFocus(), name
        with_focus = widget.grab().toImage()
        if with_focus == without:
            unseen.append(name)
    assert unseen == []
    settle(qtbot, window)


def test_escape_elsewhere_leaves_the_search_alone(active, qtbot):
    """Only the search box's Escape runs the search: the composer's Escape leaves the
    composer, and the queue stays as it was (it used to re-run the query, and the current
    conversation jumped to the top)."""
    window = active
    press(qtbot, Qt.Key.Key_J)
    press(qtbot, Qt.Key.Key_J)
    chosen = current(window)
    press(qtbot, Qt.Key.Key_R)
    with qtbot.assertNotEmitted(window.queue_model.modelReset, wait=100):
        press(qtbot, Qt.Key.Key_Escape)
    assert focused() is window.ui.queueView and current(window) == chosen


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_the_reply_box_shows_the_focus_on_its_frame(active, qtbot, theme):
    """The text field draws no frame of its own: only its cursor said the focus was there."""
    window = active
    window.state.set_theme(theme)
    window.select_key("kind:email")
    settle(qtbot, window)
    frame, edit = window.conversation.ui.composerFrame, window.conversation.ui.composerEdit
    window.ui.queueView.setFocus()
    qtbot.waitUntil(lambda: not edit.hasFocus())
    without = frame.grab().toImage()
    edit.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(lambda: frame.property("focused") is True)
    assert frame.grab().toImage() != without
    window.ui.queueView.setFocus()
    qtbot.waitUntil(lambda: frame.property("focused") is False)
