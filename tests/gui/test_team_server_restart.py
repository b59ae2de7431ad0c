"""Team mode in the window: the database server restarted under it (every connection
ended by the server, as `pg_ctl restart` does), not only the network cut."""

from __future__ import annotations

import pytest

from tests.gui.conftest import settle
from tests.gui.test_team import COLLEAGUE, cli, current_id, desktop, live_ready


def end_every_other_connection(location: str) -> int:
    """What a server restart does to this database's sessions (57P01 on each)."""
    with desktop(location) as store:
        return store._scalar(
            "SELECT COUNT(pg_terminate_backend(pid)) AS n FROM pg_stat_activity"
            " WHERE datname = current_database() AND pid != pg_backend_pid()")


@pytest.mark.postgres
def test_after_a_server_restart_the_window_acts_and_hears_again(make_window, pg_demo_location,
                                                                 qtbot):
    window = make_window(pg_demo_location)
    live_ready(qtbot, window)
    model = window.queue_model
    target = current_id(window)
    assert end_every_other_connection(pg_demo_location) >= 1

    # The next action reconnects by itself: the restart was over before it.
    window.actions_.label(target, "after-restart")
    qtbot.waitUntil(lambda: "after-restart" in window.conversation.conversation.labels,
                    timeout=15000)
    assert not window.ui.offlineBanner.isVisible()

    # And a colleague's change shows again, by the listener's reconnect.
    other = next(model.conversation_at(r).conversation_id for r in range(1, model.rowCount())
                 if model.conversation_at(r).assignee is None)
    cli(pg_demo_location, "assign", str(other), COLLEAGUE)
    qtbot.waitUntil(lambda: model.conversation_at(model.row_of(other)).assignee == COLLEAGUE,
                    timeout=20000)
    settle(qtbot, window)
    assert current_id(window) == target
