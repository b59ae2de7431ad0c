"""Reading on while another program holds the store's write lock (a big import, a cron
`poll --once`): each conversation opened is marked read, a write that waits for the
lock; those waits took every worker and the next conversation's reading queued behind
them, though SQLite lets reads through while someone writes."""

from __future__ import annotations

import sqlite3

from PySide6.QtCore import Qt

from tests.gui.conftest import current, settle


def test_conversations_open_while_another_program_holds_the_write_lock(
        active, qtbot, demo_location):
    window = active
    holder = sqlite3.connect(demo_location, isolation_level=None, check_same_thread=False)
    holder.execute("BEGIN IMMEDIATE")  # the lock a writer holds for a batch
    try:
        for _ in range(5):  # five conversations, each marked read as it is opened
            qtbot.keyClick(window.ui.queueView, Qt.Key.Key_J)
        wanted = current(window)
        # Read while the lock is still held: nothing here waits for it.
        qtbot.waitUntil(lambda: window.conversation.conversation_id == wanted
                        and window.conversation.snapshot is not None
                        and window.conversation.snapshot.conversation.id == wanted,
                        timeout=10000)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    settle(qtbot, window)
