"""A store restored from a backup (`inbox-app restore`, from a terminal) while the window
is open on it: the window shows the restored store, not what it had read before."""

from __future__ import annotations

from inbox_app.backup import restore
from inbox_app.core.models import IncomingMessage
from inbox_app.store import QueueQuery, open_store
from tests.gui.conftest import settle


def test_the_open_window_shows_the_restored_store(make_window, qtbot, tmp_path, demo_location):
    store = open_store(demo_location)
    backup = tmp_path / "backup.db"
    store.backup_to(backup)
    store.bulk_close(store.queue_ids(QueueQuery()))  # after the backup, everything closed
    store.close()
    window = make_window()
    assert window.queue_model.rowCount() == 0
    restore(demo_location, backup)
    qtbot.waitUntil(lambda: window.queue_model.rowCount() > 0, timeout=5000)


def test_a_conversation_the_backup_never_had_is_no_longer_shown(make_window, qtbot, tmp_path,
                                                                 demo_location):
    """The thread of a conversation that came in after the backup stayed on screen, to be
    answered, after the restore took it out of the store."""
    store = open_store(demo_location)
    backup = tmp_path / "backup.db"
    store.backup_to(backup)
    store.save_messages([IncomingMessage(
        kind="email", external_id="after-backup", text="Arrived after the backup",
        at=1_790_000_000, author_name="Late Larry")])
    newest = store._scalar("SELECT max(id) FROM conversations")
    store.close()
    window = make_window()
    failures = []
    window.jobs.failed.connect(lambda error, where: failures.append(error))
    window.open_conversation(newest)
    settle(qtbot, window)
    assert "Arrived after the backup" in window.conversation.ui.threadBrowser.toPlainText()

    restore(demo_location, backup)
    empty = window.conversation.ui.emptyPage
    qtbot.waitUntil(lambda: window.conversation.ui.pages.currentWidget() is empty
                    or window.conversation.conversation_id not in (None, newest), timeout=5000)
    settle(qtbot, window)
    assert window.conversation.conversation_id != newest
    assert "Late Larry" not in window.customer.ui.customerName.text()
    assert failures == []
