"""The queue's filters and search, against what the store itself answers."""

from __future__ import annotations

from inbox_app.gui.models.queue_model import QueueRole
from inbox_app.store import QueueQuery
from tests.gui.conftest import STAFF, settle


def shown(window) -> list[int]:
    return window.queue_model.ids()


def test_each_view_shows_what_the_store_has(window, qtbot, demo_store):
    for view in ("open", "unassigned", "mine", "due", "negative", "snoozed", "closed"):
        window.select_key(f"view:{view}")
        settle(qtbot, window)
        expected = [row.conversation_id
                    for row in demo_store.queue(QueueQuery(filter=view, staff=STAFF))]
        assert shown(window) == expected, view
        assert window.queue_model.total == demo_store.queue_count(
            QueueQuery(filter=view, staff=STAFF))


def test_channel_tag_and_order(window, qtbot, demo_store):
    window.select_key("kind:email")
    settle(qtbot, window)
    model = window.queue_model
    assert model.rowCount() > 0
    assert {model.index(r, 0).data(QueueRole.KIND) for r in range(model.rowCount())} == {"email"}
    tag = demo_store.all_tags()[0]
    window.select_key(f"tag:{tag}")
    settle(qtbot, window)
    assert shown(window) == [r.conversation_id for r in demo_store.queue(QueueQuery(tag=tag))]
    window.select_key("view:open")
    window.ui.orderCombo.setCurrentIndex(1)
    settle(qtbot, window)
    assert shown(window) == [r.conversation_id for r in
                             demo_store.queue(QueueQuery(order="newest"))]


def test_search_filters_as_you_type(window, qtbot, demo_store):
    window.select_key("view:all")
    settle(qtbot, window)
    window.ui.actionSearch.trigger()
    assert window.ui.searchEdit.hasFocus() or window.ui.searchEdit.isVisible()
    qtbot.keyClicks(window.ui.searchEdit, "Lighthou")
    expected = [r.conversation_id for r in
                demo_store.queue(QueueQuery(filter="all", search="Lighthou"))]
    assert expected
    qtbot.waitUntil(lambda: shown(window) == expected, timeout=10000)
    qtbot.waitUntil(lambda: window.ui.countLabel.text()
                    == f"{len(expected)} conversation{'s' * (len(expected) != 1)} matching “Lighthou”",
                    timeout=10000)
    window.ui.searchEdit.clear()
    qtbot.waitUntil(lambda: window.queue_model.total == demo_store.queue_count(
        QueueQuery(filter="all")), timeout=10000)


def test_typing_fast_only_shows_the_last_search(window, qtbot, demo_store):
    window.select_key("view:all")
    settle(qtbot, window)
    for text in ("order", "order #1", "wholesale"):
        window.ui.searchEdit.setText(text)
        window.apply_query()
    settle(qtbot, window)
    expected = [r.conversation_id for r in
                demo_store.queue(QueueQuery(filter="all", search="wholesale"))]
    assert shown(window) == expected[:100]


def test_a_search_that_finds_nothing_says_so(window, qtbot):
    window.ui.searchEdit.setText("zzzqqqxxx")
    window.apply_query()
    settle(qtbot, window)
    assert window.queue_model.rowCount() == 0
    assert window.ui.countLabel.text().startswith("0 conversations")
    assert window.conversation.ui.pages.currentWidget() is window.conversation.ui.emptyPage
