"""Team mode in the window: a colleague's computer crashes while they are writing. Their
draft stays in the shared store (nothing told it otherwise), and "is writing" turns into
"left an unsent draft" by itself once they have been quiet two minutes — without any
other change arriving to reload the conversation."""

from __future__ import annotations

import pytest

from inbox_app.core.timeutil import now
from inbox_app.store import open_store
from tests.gui.conftest import settle
from tests.gui.test_drafting import drafting
from tests.gui.test_team import COLLEAGUE, live_ready

pytestmark = pytest.mark.postgres


def test_is_writing_goes_stale_when_their_computer_crashed(make_window, pg_demo_location,
                                                          qtbot, monkeypatch):
    window = make_window(pg_demo_location)
    live_ready(qtbot, window)
    target = window.conversation.conversation_id
    crashing = open_store(pg_demo_location)
    crashing.save_draft(target, COLLEAGUE, "Sorry about that, we will")
    qtbot.waitUntil(lambda: drafting(window) == f"{COLLEAGUE} is writing in this conversation.",
                    timeout=15000)
    # The computer goes down: its sessions end without a word.
    crashing.conn.pgconn.finish()

    three_minutes_on = now() + 180
    monkeypatch.setattr("inbox_app.gui.conversation_view.now", lambda: three_minutes_on)
    window._refresh_timer.timeout.emit()  # the periodic refresh, however long it waits
    settle(qtbot, window)
    assert drafting(window) == f"{COLLEAGUE} left an unsent draft here, saved 3 min ago."
