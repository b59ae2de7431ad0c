"""The item models pass Qt's model tester, and the left bar's rows are built right."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QModelIndex

from inbox_app.core.timeutil import now
from inbox_app.gui.models.queue_model import Column, QueueModel, QueueRole, due_state, mood
from inbox_app.gui.models.sidebar_model import SidebarModel, SidebarRole, build_entries
from inbox_app.store import QueueQuery
from tests.gui.conftest import settle


def test_queue_model_passes_the_model_tester_while_paging(qtmodeltester, qtbot, demo_location):
    """On its own: a view would fetch more pages by itself whenever its viewport has room."""
    from inbox_app.gui.jobs import Jobs

    jobs = Jobs(demo_location)
    model = QueueModel(jobs)
    with qtbot.waitSignal(model.loaded, timeout=10000):
        model.set_query(QueueQuery(filter="all"))
    assert model.rowCount() == 100 and model.canFetchMore(QModelIndex())
    qtmodeltester.check(model)
    qtbot.waitUntil(lambda: jobs.pending == 0)  # Qt's tester calls fetchMore itself
    before = model.rowCount()
    assert before in (100, 200)
    model.fetchMore(QModelIndex())
    qtbot.waitUntil(lambda: jobs.pending == 0)
    assert model.rowCount() == before + 100
    qtmodeltester.check(model)
    jobs.wait()


def test_queue_model_on_its_own_store_jobs(qtmodeltester, qtbot, demo_location):
    from inbox_app.gui.jobs import Jobs

    jobs = Jobs(demo_location)
    model = QueueModel(jobs)
    with qtbot.waitSignal(model.loaded, timeout=10000):
        model.set_query(QueueQuery(filter="closed"))
    qtmodeltester.check(model)
    row = model.conversation_at(0)
    index = model.index(0, Column.CUSTOMER)
    assert index.data() == row.customer_name
    assert model.index(0, Column.SENTIMENT).data() == mood(row.sentiment)
    assert index.data(QueueRole.CONVERSATION_ID) == row.conversation_id
    assert index.data(QueueRole.STATUS) == "closed"
    jobs.wait()


@pytest.fixture
def held_count(demo_location, monkeypatch):
    """A QueueModel on the demo store whose count job waits until `counting` is set."""
    import threading

    from inbox_app.gui.jobs import Jobs
    from inbox_app.store import Store

    counting = threading.Event()
    count = Store.queue_count

    def slow_count(store, query):
        counting.wait(timeout=20)
        return count(store, query)

    monkeypatch.setattr(Store, "queue_count", slow_count)
    jobs = Jobs(demo_location)
    yield QueueModel(jobs), counting
    counting.set()
    jobs.wait()


def test_a_new_querys_rows_show_before_every_match_is_counted(qtbot, held_count):
    """Counting a big view's matches takes longer than reading its first page: the rows are
    shown as soon as they arrive, and `loaded` (with the total) follows the count."""
    model, counting = held_count
    loaded = []
    model.loaded.connect(loaded.append)
    model.set_query(QueueQuery(filter="all"))
    qtbot.waitUntil(lambda: model.rowCount() > 0, timeout=10000)
    assert model.loading and loaded == []
    with qtbot.waitSignal(model.loaded, timeout=10000):
        counting.set()
    assert loaded == [model.total] and model.total >= model.rowCount() and not model.loading


def test_a_short_first_page_is_every_match_so_it_is_loaded_without_the_count(
        qtbot, held_count):
    from inbox_app.gui.models.queue_model import PAGE

    model, counting = held_count
    with qtbot.waitSignal(model.loaded, timeout=10000) as blocker:
        model.set_query(QueueQuery(filter="all", search="Lighthou"))
    assert 0 < model.rowCount() < PAGE
    assert blocker.args == [model.rowCount()] and model.total == model.rowCount()
    counting.set()
    model.jobs.wait()
    assert model.total == model.rowCount() and not model.loading


def test_a_refresh_keeps_the_selection_on_the_same_conversation(qtmodeltester, window, qtbot,
                                                               demo_store):
    view, model = window.ui.queueView, window.queue_model
    view.setCurrentIndex(model.index(5, 0))
    chosen = model.conversation_at(5).conversation_id
    first = model.conversation_at(0).conversation_id
    demo_store.close_conversation(first)
    with qtbot.waitSignal(model.refreshed, timeout=10000):
        model.refresh()
    qtmodeltester.check(model)
    assert first not in model.ids()
    assert view.currentIndex().data(QueueRole.CONVERSATION_ID) == chosen


def test_sidebar_model_passes_the_model_tester(qtmodeltester, window):
    qtmodeltester.check(window.sidebar_model)
    keys = [window.sidebar_model.entry(r).key for r in range(window.sidebar_model.rowCount())]
    assert keys[:9] == [f"view:{v}" for v in
                        ("open", "unassigned", "mine", "mentions", "due", "negative", "snoozed",
                         "closed", "all")]
    assert "insights" in keys and "kind:email" in keys and any(k.startswith("tag:") for k in keys)


def test_sidebar_counts_match_the_store(window, demo_store):
    counts = demo_store.view_counts("Maya Okafor")
    model = window.sidebar_model
    for key in ("open", "mine", "mentions", "due", "negative", "closed"):
        row = model.row_of(f"view:{key}")
        assert model.index(row).data(SidebarRole.COUNT) == counts[key]


def test_an_account_whose_last_poll_failed_is_marked_with_its_error(qtmodeltester):
    accounts = [
        {"name": "Shop mail", "kind": "email", "enabled": 1, "last_success_at": 100,
         "last_error": "The server refused the password.", "last_error_at": 200,
         "next_poll_at": None},
        {"name": "Reviews", "kind": "feed", "enabled": 1, "last_success_at": 300,
         "last_error": "Timed out.", "last_error_at": 200, "next_poll_at": None},
    ]
    entries = build_entries({"open": 3, "account:Shop mail": 2}, ["VIP"], accounts)
    model = SidebarModel()
    model.set_entries(entries)
    qtmodeltester.check(model)
    failing = model.index(model.row_of("account:Shop mail"))
    healthy = model.index(model.row_of("account:Reviews"))
    assert failing.data(SidebarRole.ERROR) == "The server refused the password."
    assert "refused the password" in failing.data(0x03)  # ToolTipRole
    assert healthy.data(SidebarRole.ERROR) is None
    assert failing.data(SidebarRole.COUNT) == 2
    assert model.index(model.row_of("section:accounts")).data(SidebarRole.IS_SECTION)


def test_due_states():
    moment = now()
    assert due_state(None, moment) is None
    assert due_state(moment - 60, moment) == "overdue"
    assert due_state(moment + 8 * 86400, moment) == "later"


def test_accounts_show_their_health_from_the_store(window, qtbot, demo_store):
    demo_store.add_account("Shop mail", "email", {"host": "127.0.0.1"})
    demo_store.add_account("Reviews", "feed", {"url": "http://127.0.0.1/feed"})
    moment = now()
    demo_store.record_poll_success("Reviews", cursor=None, at=moment - 600,
                                   next_poll_at=moment + 300)
    demo_store.record_poll_failure("Shop mail", error="The server refused the password.",
                                   at=moment - 60, next_poll_at=moment + 600)
    window.refresh_sidebar()
    settle(qtbot, window)
    model = window.sidebar_model
    failing = model.index(model.row_of("account:Shop mail"))
    assert failing.data(SidebarRole.ERROR) == "The server refused the password."
    assert model.index(model.row_of("account:Reviews")).data(SidebarRole.ERROR) is None


def test_a_tag_in_two_spellings_is_one_row_counting_both(store):
    """Stores from before tags and labels ignored case may hold "VIP" and "vip"."""
    from inbox_app.gui.loaders import load_sidebar
    from tests.store.helpers import msg

    store.save_messages([msg("a1", "Hello", email="ann@example.com"),
                         msg("b1", "Hello", email="ben@example.com"),
                         msg("c1", "Hello", email="cy@example.com")])
    ann, ben, cy = (store.find_customer(f"{name}@example.com").id
                    for name in ("ann", "ben", "cy"))
    store.tag_customer(ann, "VIP")
    store._exec("INSERT INTO customer_tags (customer_id, tag, created_at) VALUES (?, 'vip', 0)",
                (ben,))
    conversation = store._scalar("SELECT id AS n FROM conversations WHERE customer_id = ?", (cy,))
    store._exec("INSERT INTO conversation_labels (conversation_id, label, created_at)"
                " VALUES (?, 'Vip', 0)", (conversation,))
    snapshot = load_sidebar(store, None)
    assert snapshot.tags == ["VIP"]
    entries = build_entries(snapshot.counts, snapshot.tags, [])
    assert [(e.key, e.count) for e in entries if e.key.startswith("tag:")] == [("tag:VIP", 3)]


def test_mention_labels_read_as_words_in_the_left_bar_sorted_as_shown():
    entries = build_entries({"tag:mention:brand": 4, "tag:mention:competitor:bean barons": 2},
                            ["complaint", "mention:brand", "mention:competitor:bean barons",
                             "VIP"], [])
    tags = [(e.key, e.label, e.count) for e in entries if e.key.startswith("tag:")]
    assert tags == [("tag:mention:brand", "Brand mention", 4),
                    ("tag:mention:competitor:bean barons", "Competitor: bean barons", 2),
                    ("tag:complaint", "complaint", 0), ("tag:VIP", "VIP", 0)]
