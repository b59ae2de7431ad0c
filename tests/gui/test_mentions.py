"""@mentions from the window: the Mentions view and its count, the desktop notice when a
colleague asks you in, and @ completing a colleague's name in a note."""

from __future__ import annotations

from inbox_app.demo import DEMO_MENTIONS
from inbox_app.gui.models.sidebar_model import SidebarRole
from inbox_app.store import QueueQuery
from tests.gui.conftest import STAFF, settle


def test_the_mentions_view_lists_where_colleagues_asked_you_in(window, qtbot, demo_store):
    asked = demo_store.queue(QueueQuery(filter="mentions", staff=STAFF))
    assert len(asked) == 1  # the demo shop: Theo asks Maya in once
    model = window.sidebar_model
    assert model.index(model.row_of("view:mentions")).data(SidebarRole.COUNT) == 1
    with qtbot.waitSignal(window.queue_model.loaded, timeout=10000):
        window.select_key("view:mentions")
    assert window.queue_model.ids() == [asked[0].conversation_id]
    assert window.ui.viewTitle.text() == "Mentions"

    demo_store.add_note("Done, thanks", conversation_id=asked[0].conversation_id, staff=STAFF)
    window.refresh_sidebar()
    qtbot.waitUntil(lambda: model.index(model.row_of("view:mentions")).data(
        SidebarRole.COUNT) == 0, timeout=10000)


def test_switching_who_you_are_shows_your_own_mentions(window, qtbot, demo_store):
    """The view kept listing the previous person's mentions, its count already the new
    person's."""
    with qtbot.waitSignal(window.queue_model.loaded, timeout=10000):
        window.select_key("view:mentions")
    priya = demo_store.queue(QueueQuery(filter="mentions", staff="Priya Raman"))
    assert window.queue_model.ids() != [row.conversation_id for row in priya]
    with qtbot.waitSignal(window.queue_model.loaded, timeout=10000):
        window.set_staff("Priya Raman")
    assert window.queue_model.ids() == [row.conversation_id for row in priya]


def test_a_colleague_asking_you_in_is_announced_and_can_be_switched_off(window, qtbot,
                                                                        demo_store):
    notifier = window.notifier
    qtbot.waitUntil(lambda: notifier.last_note_id is not None and not notifier.checking)
    settle(qtbot, window)
    target = window.queue_model.conversation_at(0).conversation_id
    demo_store.add_note("@priya can you take this?", conversation_id=target, staff=STAFF)
    demo_store.add_note("@Maya Okafor the customer called again", conversation_id=target,
                        staff="Theo Brandt")
    with qtbot.waitSignal(notifier.notified, timeout=15000) as shown:
        notifier.check()
    title, body, conversation_id = shown.args
    assert title.startswith("Theo Brandt mentioned you about ")
    assert body == f"#{target}: @Maya Okafor the customer called again"
    assert conversation_id == target
    qtbot.waitUntil(lambda: not notifier.checking)

    notifier.set_enabled("mentions", False)
    demo_store.add_note("@Maya and again", conversation_id=target, staff="Theo Brandt")
    with qtbot.assertNotEmitted(notifier.notified):
        notifier.check()
        qtbot.waitUntil(lambda: not notifier.checking)


def test_the_demo_asks_two_colleagues_in(demo_store):
    authors = {author for author, _ in DEMO_MENTIONS}
    rows = demo_store._rows("SELECT n.staff AS author, m.staff FROM note_mentions m"
                            " JOIN notes n ON n.id = m.note_id ORDER BY m.staff")
    assert [(row["author"], row["staff"]) for row in rows] == [
        ("Theo Brandt", "Maya Okafor"), ("Maya Okafor", "Priya Raman")]
    assert {row["author"] for row in rows} == authors


def test_at_in_a_note_offers_colleagues_and_enter_puts_the_name_in(window, qtbot):
    from PySide6.QtCore import Qt

    composer = window.conversation.composer
    edit = window.conversation.ui.composerEdit
    popup = composer.mentions.completer.popup()
    window.open_conversation(window.queue_model.conversation_at(0).conversation_id)
    settle(qtbot, window)
    composer.set_note_mode(False)
    edit.setFocus()
    qtbot.keyClicks(edit, "Hi @pr")
    assert not popup.isVisible()  # a reply goes to the customer: no colleagues offered
    edit.clear()
    composer.set_note_mode(True)
    qtbot.keyClicks(edit, "Can you check, @pr")
    qtbot.waitUntil(popup.isVisible, timeout=15000)
    shown = [popup.model().index(row, 0).data() for row in range(popup.model().rowCount())]
    assert shown == ["Priya Raman"]
    qtbot.keyClick(edit, Qt.Key.Key_Return)  # where the keys go without a grab (offscreen)
    assert edit.toPlainText() == "Can you check, @Priya Raman "
    assert not popup.isVisible()
    qtbot.keyClicks(edit, "and @")
    qtbot.waitUntil(popup.isVisible, timeout=15000)
    shown = sorted(popup.model().index(row, 0).data() for row in range(popup.model().rowCount()))
    assert shown == ["Priya Raman", "Theo Brandt"]  # not Maya herself
    qtbot.keyClick(edit, Qt.Key.Key_Escape)
    assert not popup.isVisible() and edit.hasFocus()
    assert edit.toPlainText() == "Can you check, @Priya Raman and @"
    qtbot.keyClicks(edit, "x@y")
    assert not popup.isVisible()  # an address, not a mention
    qtbot.keyClicks(edit, " https://mastodon.social/@ma")
    assert not popup.isVisible()  # nor in a link
    edit.clear()


def test_a_notes_mentions_of_colleagues_are_bold_in_the_thread(window, qtbot, demo_store):
    from inbox_app.gui.thread_html import note_to_html

    html = note_to_html("Ask @priya raman <now> or mail priya@shop.example",
                        ["Priya Raman", "Maya Okafor"], "#3a63e0")
    assert html == ('Ask <b style="color:#3a63e0;">@priya raman</b> &lt;now&gt; or mail'
                    ' priya@shop.example')
    (asked,) = demo_store.queue(QueueQuery(filter="mentions", staff=STAFF))
    window.open_conversation(asked.conversation_id)
    settle(qtbot, window)
    shown = window.conversation.ui.threadBrowser.toHtml()
    assert "@Maya" in shown and "font-weight:700" in shown.split("@Maya")[0][-200:]


def test_opening_a_mention_from_the_mentions_view_sees_it(window, qtbot, demo_store):
    model = window.sidebar_model

    def waiting() -> int:
        return model.index(model.row_of("view:mentions")).data(SidebarRole.COUNT)

    asked = demo_store.queue(QueueQuery(filter="mentions", staff=STAFF))[0].conversation_id
    settle(qtbot, window)
    assert waiting() == 1  # showing it in the open queue, or not, is not seeing it
    with qtbot.waitSignal(window.queue_model.loaded, timeout=10000):
        window.select_key("view:mentions")
    window.ui.queueView.setCurrentIndex(window.queue_model.index(0, 0))
    qtbot.waitUntil(lambda: waiting() == 0, timeout=10000)
    assert demo_store.waiting_mentions(STAFF) == 0
    assert window.queue_model.ids() == [asked]  # still listed, no longer counted
    demo_store.add_note(f"@{STAFF} one more thing", conversation_id=asked, staff="Theo Brandt")
    window.refresh_sidebar()
    qtbot.waitUntil(lambda: waiting() == 1, timeout=10000)
