"""Working the queue: keys, assign with a due date, tags, snooze and waking up."""

from __future__ import annotations

import time

from PySide6.QtCore import Qt

from inbox_app.core.models import IdentityRef, IncomingMessage
from inbox_app.core.timeutil import end_of_day, now
from inbox_app.gui.models.queue_model import QueueRole
from tests.gui.conftest import STAFF, current, settle


def test_keyboard_flow_j_k_r_e(active, qtbot, demo_store):
    window = active
    view, model = window.ui.queueView, window.queue_model
    assert view.currentIndex().row() == 0
    qtbot.keyClick(view, Qt.Key.Key_J)
    qtbot.keyClick(view, Qt.Key.Key_J)
    assert view.currentIndex().row() == 2
    qtbot.keyClick(view, Qt.Key.Key_K)
    assert view.currentIndex().row() == 1
    chosen = current(window)
    settle(qtbot, window)
    assert window.conversation.conversation.id == chosen

    qtbot.keyClick(view, Qt.Key.Key_R)
    composer = window.conversation.ui.composerEdit
    assert composer.hasFocus()
    qtbot.keyClicks(composer, "jk typed here, not moving")
    assert current(window) == chosen
    qtbot.keyClick(composer, Qt.Key.Key_Escape)
    assert view.hasFocus()

    following = model.conversation_at(2).conversation_id
    qtbot.keyClick(view, Qt.Key.Key_E)
    settle(qtbot, window)
    assert demo_store.get_conversation(chosen).status == "closed"
    closed_by = [e for e in demo_store.history(chosen) if e["action"] == "closed"]
    assert closed_by[-1]["staff"] == STAFF
    assert chosen not in model.ids()
    assert current(window) == following


def later_today() -> int:
    """A moment later today, at least a minute ahead. In the day's last minutes there is
    none the test could finish before: it waits for the next day (a few seconds a day)."""
    left = end_of_day(now()) - now()
    if left < 180:
        time.sleep(left + 2)
    return max(end_of_day(now()) - 3600, now() + 60)


def test_assign_with_a_due_date_shows_in_mine_and_due_today(window, qtbot, demo_store):
    window.set_staff("Theo Brandt")
    window.select_key("view:unassigned")
    settle(qtbot, window)
    target = window.queue_model.conversation_at(0).conversation_id
    due = later_today()
    window.actions_.assign(target, "Theo Brandt", due)
    settle(qtbot, window)
    assert demo_store.get_conversation(target).assignee == "Theo Brandt"
    assert target not in window.queue_model.ids()
    for view in ("mine", "due"):
        window.select_key(f"view:{view}")
        settle(qtbot, window)
        assert target in window.queue_model.ids(), view
        row = window.queue_model.row_of(target)
        assert window.queue_model.index(row, 0).data(QueueRole.DUE_STATE) == "today"
    # Taking an unassigned conversation for yourself is a claim (race-free), then the date.
    events = [e for e in demo_store.history(target) if e["action"] in ("assigned", "due.set")]
    assert [(e["action"], e["staff"], e["data"]) for e in events[-2:]] == [
        ("assigned", "Theo Brandt", {"assignee": "Theo Brandt", "due_at": None, "claimed": True}),
        ("due.set", "Theo Brandt", {"due_at": due}),
    ]


def test_tagging_a_customer_shows_in_the_tag_view(window, qtbot, demo_store):
    conversation = window.conversation.conversation
    panel = window.customer
    assert panel.customer_id == conversation.customer_id
    panel.add_tag("rush-order")
    settle(qtbot, window)
    assert "rush-order" in demo_store.get_customer(conversation.customer_id).tags
    assert window.sidebar_model.row_of("tag:rush-order") is not None
    chips = [b.text() for b in panel.ui.tagsArea.findChildren(type(panel.ui.tagsArea))]
    assert chips is not None
    window.select_key("tag:rush-order")
    settle(qtbot, window)
    assert conversation.id in window.queue_model.ids()
    panel.remove_tag("rush-order")
    settle(qtbot, window)
    assert "rush-order" not in demo_store.get_customer(conversation.customer_id).tags


def test_snooze_hides_and_the_customers_new_message_wakes_it(window, qtbot, demo_store):
    target = current(window)
    conversation = demo_store.get_conversation(target)
    window.actions_.snooze(target, now() + 3 * 86400)
    settle(qtbot, window)
    assert target not in window.queue_model.ids()
    window.select_key("view:snoozed")
    settle(qtbot, window)
    assert target in window.queue_model.ids()

    # The store wakes a conversation for a message strictly after the snooze's second.
    first = demo_store.messages(target)[0]
    identities = tuple(IdentityRef(kind=i.kind, value=i.value)
                       for i in demo_store.get_customer(conversation.customer_id).identities)
    demo_store.save_messages([IncomingMessage(
        kind=conversation.kind, account=conversation.account, external_id="wake-up-1",
        text="Any news on this? Still waiting.", at=now() + 2, thread=conversation.thread_key,
        refs=(first.external_id,), author_name=conversation.customer_name,
        identities=identities[:1],
    )])
    window.refresh_all()
    settle(qtbot, window)
    assert target not in window.queue_model.ids()
    window.select_key("view:open")
    settle(qtbot, window)
    assert target in window.queue_model.ids()
    assert demo_store.get_conversation(target).status == "open"


def test_label_note_unread_and_reopen(window, qtbot, demo_store):
    target = current(window)
    acts = window.actions_
    acts.label(target, "billing")
    acts.note(target, "Called the courier, parcel is at the depot.")
    settle(qtbot, window)
    assert "billing" in demo_store.get_conversation(target).labels
    assert "Internal note" in window.conversation.ui.threadBrowser.toHtml()
    acts.mark_unread(target)
    settle(qtbot, window)
    assert demo_store.get_conversation(target).unread
    acts.close(target)
    settle(qtbot, window)
    acts.reopen(target)
    settle(qtbot, window)
    assert demo_store.get_conversation(target).status == "open"
    assert window.statusBar().currentMessage() == f"Reopened #{target}."


def test_reopening_an_open_conversation_says_it_was_open_already(window, qtbot, demo_store):
    """It said "Reopened #N." though nothing changed (the store records nothing)."""
    target = current(window)
    window.actions_.reopen(target)
    settle(qtbot, window)
    assert window.statusBar().currentMessage() == f"#{target} was open already."
    window.actions_.close(target)
    settle(qtbot, window)
    window.actions_.close(target)
    settle(qtbot, window)
    assert window.statusBar().currentMessage() == f"#{target} was closed already."


def test_a_refused_action_is_one_sentence_in_the_status_bar(window, qtbot):
    target = current(window)
    window.actions_.snooze(target, now() - 60)
    settle(qtbot, window)
    assert "future" in window.statusBar().currentMessage()
