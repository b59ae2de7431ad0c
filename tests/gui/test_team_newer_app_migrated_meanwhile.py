"""Team mode in the window: a newer app on another computer migrated the shared database
while this window had it open. The window says to update, turns read-only (an older app
writing into a newer schema could damage it) and keeps what is typed on this computer."""

from __future__ import annotations

import psycopg
import pytest

from inbox_app.store.pg_migrations import MIGRATIONS_TABLE
from tests.gui.conftest import settle
from tests.gui.test_team import current_id, live_ready

pytestmark = pytest.mark.postgres


def test_the_window_says_to_update_and_changes_nothing(make_window, pg_demo_location, qtbot):
    window = make_window(pg_demo_location)
    live_ready(qtbot, window)
    target = current_id(window)
    qtbot.keyClicks(window.conversation.ui.composerEdit, "Half a reply")
    with psycopg.connect(pg_demo_location, autocommit=True) as newer:
        newer.execute(f"INSERT INTO {MIGRATIONS_TABLE} (name, applied_at)"
                      " VALUES ('m999_from_a_newer_app', 0)")

    with qtbot.waitSignal(window.went_offline, timeout=10000):
        window.connection.check_now()
    banner = window.ui.offlineText.text()
    assert window.ui.offlineBanner.isVisible()
    assert "newer version of inbox_app" in banner and "update the app on this computer" in banner
    assert "until it is back" not in banner  # it will not come back by waiting
    assert not window.ui.actionClose.isEnabled()
    assert not window.conversation.ui.sendButton.isEnabled()
    assert window.conversation.ui.composerEdit.toPlainText() == "Half a reply"

    # It does not come and go: the next check says the same, quietly.
    window.connection.check_now()
    qtbot.waitUntil(lambda: window.connection._in_flight is None, timeout=10000)
    settle(qtbot, window)
    assert window.ui.offlineBanner.isVisible()
    with psycopg.connect(pg_demo_location) as look:
        assert look.execute("SELECT status FROM conversations WHERE id = %s",
                            (target,)).fetchone() == ("open",)
