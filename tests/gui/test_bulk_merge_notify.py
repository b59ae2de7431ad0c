"""Bulk actions stay off the UI thread; merge, split and undo; notifications; exports."""

from __future__ import annotations

import csv
import html
import threading
from dataclasses import replace

import pytest
from PySide6.QtCore import QObject, QTimer, QUrl, Slot
from PySide6.QtGui import QDesktopServices

from inbox_app.core.timeutil import now
from inbox_app.gui.merging import CustomerMergeDialog, HistoryDialog
from inbox_app.gui.models.queue_model import QueueRole
from inbox_app.store import QueueQuery, open_store
from inbox_app.store.bulk import BulkMixin
from tests.gui.conftest import STAFF, settle
from tests.store.helpers import msg


@pytest.fixture
def five_hundred(tmp_path):
    location = str(tmp_path / "many.db")
    store = open_store(location)
    store.add_staff(STAFF)
    store.save_messages([
        msg(f"e{i}", f"Question number {i}", email=f"c{i}@example.com", author=f"Customer {i}",
            thread=f"t{i}", at=now() - 86400 + i)
        for i in range(500)
    ])
    store.close()
    return location


def test_closing_500_selected_runs_in_one_job_while_the_window_keeps_ticking(
        make_window, five_hundred, qtbot, monkeypatch):
    window = make_window(five_hundred)
    calls = []
    original = BulkMixin.bulk_close
    job_started, ticked_meanwhile = threading.Event(), threading.Event()

    def recording(store, ids, **kwargs):
        # The job waits for the UI thread to tick once: if the job ran on the UI thread,
        # or the UI thread were blocked, no tick could come and the wait would time out.
        job_started.set()
        free = ticked_meanwhile.wait(timeout=10)
        calls.append((threading.current_thread() is threading.main_thread(), len(ids), free))
        return original(store, ids, **kwargs)

    monkeypatch.setattr(BulkMixin, "bulk_close", recording)
    window.ui.queueView.setFocus()
    window.ui.actionSelectAll.trigger()
    assert window.bulk.active and window.bulk.panel.isVisible()
    assert "Select all 500 in this view" in window.bulk.panel.ui.scopeLabel.text()
    window.bulk.panel.ui.scopeLabel.linkActivated.emit("all")
    assert window.bulk.panel.ui.countTitle.text() == "500 conversations selected"

    timer = QTimer(interval=5)
    timer.timeout.connect(lambda: ticked_meanwhile.set() if job_started.is_set() else None)
    timer.start()
    window.ui.actionClose.trigger()          # E, on a selection: one bulk job
    assert window.bulk.running
    assert not window.bulk.panel.ui.closeButton.isEnabled()
    qtbot.waitUntil(lambda: not window.bulk.running, timeout=20000)
    timer.stop()
    settle(qtbot, window)
    assert calls == [(False, 500, True)]
    assert window.statusBar().currentMessage() == "Closed 500 conversations. Ctrl+Z undoes it."
    store = open_store(five_hundred)
    try:
        assert store.queue_count(QueueQuery(filter="closed")) == 500
        events = store._rows("SELECT staff FROM events WHERE action = 'closed'")
        assert len(events) == 500 and {e["staff"] for e in events} == {STAFF}
    finally:
        store.close()
    assert window.queue_model.total == 0


def test_bulk_assign_label_and_tag_on_a_few(window, qtbot, demo_store):
    model, view = window.queue_model, window.ui.queueView
    from PySide6.QtCore import QItemSelection, QItemSelectionModel

    selection = QItemSelection(model.index(0, 0), model.index(4, 0))
    view.selectionModel().select(selection, QItemSelectionModel.SelectionFlag.ClearAndSelect)
    ids = window.bulk.selected_ids()
    assert len(ids) == 5 and window.bulk.panel.ui.countTitle.text() == "5 conversations selected"
    window.bulk.label("wholesale-order")
    qtbot.waitUntil(lambda: not window.bulk.running)
    settle(qtbot, window)  # the rows reloaded, with the versions the label gave them
    view.selectionModel().select(selection, QItemSelectionModel.SelectionFlag.ClearAndSelect)
    window.bulk.assign("Theo Brandt", None)
    qtbot.waitUntil(lambda: not window.bulk.running)
    settle(qtbot, window)
    for conversation_id in ids:
        conversation = demo_store.get_conversation(conversation_id)
        assert "wholesale-order" in conversation.labels
        assert conversation.assignee == "Theo Brandt"


def test_bulk_assign_leaves_alone_what_a_colleague_changed_after_the_selection(
        window, qtbot, demo_location):
    from PySide6.QtCore import QItemSelection, QItemSelectionModel

    model, view = window.queue_model, window.ui.queueView
    view.selectionModel().select(QItemSelection(model.index(0, 0), model.index(3, 0)),
                                 QItemSelectionModel.SelectionFlag.ClearAndSelect)
    ids = window.bulk.selected_ids()
    colleague = open_store(demo_location)  # another desktop takes one meanwhile
    try:
        colleague.assign(ids[1], "Priya Raman")
    finally:
        colleague.close()
    with qtbot.waitSignal(window.bulk.problem) as problem:
        window.bulk.assign("Theo Brandt", None)
    assert "Assigned 3; 1 was changed by someone else" in problem.args[0]
    qtbot.waitUntil(lambda: not window.bulk.running)
    settle(qtbot, window)
    assert "changed by someone else" in window.statusBar().currentMessage()
    store = open_store(demo_location)
    try:
        assignees = [store.get_conversation(c).assignee for c in ids]
    finally:
        store.close()
    assert assignees == ["Theo Brandt", "Priya Raman", "Theo Brandt", "Theo Brandt"]
    assert model.row_of(ids[1]) is None or model.conversation_at(
        model.row_of(ids[1])).assignee == "Priya Raman"


def two_conversations_of(store):
    """Two open conversations of different customers, oldest first."""
    rows = store.queue(QueueQuery(filter="open", kind="email", limit=50))
    first = rows[0]
    second = next(r for r in rows if r.customer_id != first.customer_id)
    return first.conversation_id, second.conversation_id


def test_merge_two_conversations_then_undo_from_the_history(window, qtbot, demo_store):
    keep, other = two_conversations_of(demo_store)
    moved = [m.id for m in demo_store.messages(other)]
    window.merging.merge_conversations(keep, other)
    settle(qtbot, window)
    assert demo_store.get_conversation(other).status == "merged"
    assert {m.id for m in demo_store.messages(keep)} >= set(moved)
    assert window.ui.actionUndoMerge.isEnabled()
    assert window.ui.actionUndoMerge.text() == f"Undo: Merged #{other} into #{keep}"
    assert window.current_id() == keep

    window.merging.show_history()
    history: HistoryDialog = window.last_dialog
    qtbot.waitUntil(lambda: history.snapshot is not None)
    tree = history.ui.eventTree
    texts = [tree.topLevelItem(i).text(2) for i in range(tree.topLevelItemCount())]
    assert f"merged conversation #{other} into this one" in texts
    row = texts.index(f"merged conversation #{other} into this one")
    undo = tree.itemWidget(tree.topLevelItem(row), 3)
    assert undo is not None and undo.text() == "Undo"
    undo.click()
    settle(qtbot, window)
    assert demo_store.get_conversation(other).status != "merged"
    assert [m.id for m in demo_store.messages(other)] == moved
    assert not window.ui.actionUndoMerge.isEnabled()
    qtbot.waitUntil(lambda: any("undid the merge" in tree.topLevelItem(i).text(2)
                                for i in range(tree.topLevelItemCount())))
    history.close()


def test_the_m_key_merges_the_two_selected(window, qtbot, demo_store):
    model, view = window.queue_model, window.ui.queueView
    from PySide6.QtCore import QItemSelectionModel

    view.selectionModel().select(model.index(0, 0), QItemSelectionModel.SelectionFlag.Select)
    view.selectionModel().select(model.index(1, 0), QItemSelectionModel.SelectionFlag.Select)
    first, second = (model.index(r, 0).data(QueueRole.CONVERSATION_ID) for r in (0, 1))
    assert window.bulk.panel.ui.mergeButton.isVisible()
    QTimer.singleShot(0, lambda: None)
    opened = []

    def accept_when_open():
        dialog = window.last_dialog
        if dialog is not None and dialog.isVisible() and hasattr(dialog, "keep"):
            opened.append((dialog.keep, dialog.other))
            dialog.accept()
        else:
            QTimer.singleShot(20, accept_when_open)

    QTimer.singleShot(20, accept_when_open)
    window.ui.actionMergeConversations.trigger()
    qtbot.waitUntil(lambda: bool(opened))
    settle(qtbot, window)
    keep, other = opened[0]
    assert {keep, other} == {first, second}
    assert demo_store.get_conversation(other).status == "merged"
    window.ui.actionUndoMerge.trigger()
    settle(qtbot, window)
    assert demo_store.get_conversation(other).status != "merged"


def test_merge_customers_split_an_identity_and_undo_both(window, qtbot, demo_store,
                                                         qtmodeltester):
    keep_conversation, other_conversation = two_conversations_of(demo_store)
    keep = demo_store.get_conversation(keep_conversation).customer_id
    other = demo_store.get_conversation(other_conversation).customer_id
    other_customer = demo_store.get_customer(other)

    dialog = CustomerMergeDialog(window.jobs, demo_store.get_customer(keep), window)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.model.rowCount() > 0)
    qtmodeltester.check(dialog.model)
    qtbot.keyClicks(dialog.ui.searchEdit, other_customer.name)
    qtbot.waitUntil(lambda: dialog.chosen is not None and dialog.chosen.id == other,
                    timeout=15000)
    assert html.escape(other_customer.name) in dialog.ui.detailLabel.text()  # rich text

    window.merging.merge_customers(keep, other, other_customer.name)
    settle(qtbot, window)
    merged = demo_store.get_customer(keep)
    assert {i.id for i in other_customer.identities} <= {i.id for i in merged.identities}
    assert demo_store.get_conversation(other_conversation).customer_id == keep

    identity = other_customer.identities[0]
    window.merging.split_identity(identity.id, identity.value)
    settle(qtbot, window)
    new = demo_store._scalar("SELECT customer_id FROM identities WHERE id = ?", (identity.id,))
    assert new not in (keep, other)
    assert [e.kind for e in window.merging.undo_stack] == ["customers", "split"]

    window.ui.actionUndoMerge.trigger()      # the split
    settle(qtbot, window)
    assert demo_store._scalar("SELECT customer_id FROM identities WHERE id = ?",
                              (identity.id,)) == keep
    window.ui.actionUndoMerge.trigger()      # the merge
    settle(qtbot, window)
    assert demo_store.get_customer(other).id == other
    assert demo_store.get_conversation(other_conversation).customer_id == other
    assert demo_store._scalar("SELECT customer_id FROM identities WHERE id = ?",
                              (identity.id,)) == other
    history = demo_store.customer_history(keep)
    assert [e["action"] for e in history][-4:] == [
        "customer.merged", "customer.split", "customer.merged", "customer.unmerged"]


def test_negative_messages_and_due_follow_ups_are_announced_and_can_be_switched_off(
        window, qtbot, demo_store):
    notifier = window.notifier
    qtbot.waitUntil(lambda: notifier.last_message_id is not None and not notifier.checking)
    settle(qtbot, window)
    notifier.check()
    qtbot.waitUntil(lambda: not notifier.checking)
    assert notifier.unread == demo_store.unread_count()
    demo_store.save_messages([msg("angry-1", "This is terrible, the worst service ever.",
                                  email="furious@example.com", author="Fran Tic", at=now())])
    with qtbot.waitSignal(notifier.notified, timeout=15000) as shown:
        notifier.check()
    title, body, conversation_id = shown.args
    assert title == "Fran Tic is unhappy (Email)"
    assert body.startswith("This is terrible")
    assert demo_store.get_conversation(conversation_id).customer_name == "Fran Tic"
    settle(qtbot, window)
    assert notifier.unread == demo_store.unread_count()
    assert notifier.tray.toolTip() == f"Inbox — {notifier.unread} unread"

    target = window.queue_model.conversation_at(0).conversation_id
    demo_store.assign(target, STAFF, due_at=now() - 1)
    notifier.last_due_check = now() - 10
    with qtbot.waitSignal(notifier.notified, timeout=15000) as shown:
        notifier.check()
    assert shown.args[0].startswith("Follow up with ") and shown.args[2] == target
    qtbot.waitUntil(lambda: not notifier.checking)

    notifier.set_enabled("negative", False)
    demo_store.save_messages([msg("angry-2", "Awful, broken and useless.",
                                  email="furious@example.com", author="Fran Tic", at=now())])
    with qtbot.assertNotEmitted(notifier.notified):
        notifier.check()
        qtbot.waitUntil(lambda: not notifier.checking)
    assert not notifier.enabled("negative") and notifier.enabled("due")


class UrlCatcher(QObject):
    def __init__(self):
        super().__init__()
        self.urls: list[str] = []

    @Slot(QUrl)
    def catch(self, url: QUrl) -> None:
        self.urls.append(url.toString())


def test_a_feed_item_is_answered_on_its_site(window, qtbot, demo_store):
    demo_store.save_messages([replace(
        msg("review-real", "Lovely beans", kind="feed", account="Google reviews",
            author="Ann", at=now() - 60),
        url="https://reviews.example.com/harbour-lane/1")])
    conversation_id = demo_store.conversation_ids_for_threads(
        ["feed:Google reviews:review-real"])["feed:Google reviews:review-real"]
    window.select_key("kind:feed")
    settle(qtbot, window)
    window.open_conversation(conversation_id)
    settle(qtbot, window)
    composer = window.conversation.composer
    form = window.conversation.ui
    assert composer.kind == "feed"
    assert form.openOriginalButton.isVisible() and not form.sendButton.isVisible()
    assert form.channelHint.text() == "Feed items are answered on their own site"
    assert composer.original_url == "https://reviews.example.com/harbour-lane/1"
    catcher = UrlCatcher()
    QDesktopServices.setUrlHandler("https", catcher, "catch")
    try:
        form.openOriginalButton.click()
    finally:
        QDesktopServices.unsetUrlHandler("https")
    assert catcher.urls == [composer.original_url]
    form.noteModeButton.click()
    assert form.sendButton.isVisible() and not form.openOriginalButton.isVisible()


def test_customer_since_is_the_first_message(window, qtbot, demo_store):
    from datetime import datetime

    customer = window.customer.snapshot.customer
    first = demo_store.customer_first_seen(customer.id)
    expected = datetime.fromtimestamp(first).astimezone().strftime("%b %Y")
    assert window.customer.ui.customerSince.text() == f"Customer since {expected}"


def test_exporting_the_view_and_the_customers(window, qtbot, demo_store, tmp_path):
    window.select_key("view:negative")
    settle(qtbot, window)
    out = tmp_path / "negative.csv"
    window.export_to("conversations", "csv", str(out))
    settle(qtbot, window)
    rows = list(csv.DictReader(out.read_text(encoding="utf-8-sig").splitlines()))
    assert len(rows) == window.queue_model.total > 0
    assert "first_response_minutes" in rows[0]
    vcf = tmp_path / "customers.vcf"
    window.export_to("customers", "vcard", str(vcf))
    settle(qtbot, window)
    assert vcf.read_text(encoding="utf-8").count("BEGIN:VCARD") == demo_store.stats()["customers"]
    assert window.statusBar().currentMessage().startswith("Exported ")


def test_the_history_says_which_rule_did_it():
    from inbox_app.gui.merge_history import describe

    assert describe({"action": "assigned", "data": {"assignee": "Priya Raman", "due_at": None,
                                                    "rule": "Refunds"}}) == \
        "assigned to Priya Raman (rule Refunds)"
    assert describe({"action": "labelled", "data": {"label": "vip"}}) == "labelled vip"


def test_the_history_says_why_a_conversation_went_back_or_woke():
    from inbox_app.gui.merge_history import describe

    assert describe({"action": "assigned", "data": {"assignee": None, "due_at": None,
                                                    "left": "Theo Brandt"}}) == \
        "unassigned: Theo Brandt left the staff list"
    assert describe({"action": "reopened", "data": {"reason": "the snooze ended"}}) == \
        "reopened: the snooze ended"


def test_a_feed_item_the_demo_made_up_offers_no_page_to_open(window, qtbot):
    """Its link is under the reserved .example domain, on no server: the thread says so,
    and Open the original is off rather than sending the browser to fail."""
    window.select_key("kind:feed")
    settle(qtbot, window)
    form = window.conversation.ui
    assert window.conversation.composer.original_url is None
    assert form.openOriginalButton.isVisible() and not form.openOriginalButton.isEnabled()
