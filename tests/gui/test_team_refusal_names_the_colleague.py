"""A change the window could not make, because a colleague changed the conversation first,
says who and what in the status bar — and says no one's name when no one did it."""

from __future__ import annotations

import time

from inbox_app.store import open_store
from tests.gui.conftest import settle
from tests.gui.test_team import COLLEAGUE, current_id, status


def test_a_refused_close_names_the_colleague_and_their_change(make_window, team_location,
                                                              qtbot):
    window = make_window(team_location)
    target = current_id(window)
    other = open_store(team_location)
    try:
        other.assign(target, "Priya Raman", staff=COLLEAGUE)  # before this window heard
        window.ui.actionClose.trigger()
        expected = ("This conversation was assigned to Priya Raman by Theo Brandt a moment"
                    " ago — your change was not made; it now shows theirs.")
        qtbot.waitUntil(lambda: status(window) == expected, timeout=15000)
        settle(qtbot, window)
        assert other.get_conversation(target).status == "open"
    finally:
        other.close()
    assert window.conversation.conversation_id == target


def test_a_refusal_after_a_snooze_ended_names_no_one(make_window, team_location, qtbot):
    window = make_window(team_location)
    target = current_id(window)
    other = open_store(team_location)
    try:
        until = int(time.time()) + 60
        other.snooze(target, until, staff=COLLEAGUE)
        window.refresh_all(keep_current=True)  # the window saw it snoozed …
        settle(qtbot, window)
        other.wake_snoozed(at=until + 1)  # … and the clock woke it before the next refresh
        window.ui.actionClose.trigger()
        expected = ("This conversation came back from its snooze a moment ago — your change"
                    " was not made; it now shows the conversation as it is.")
        qtbot.waitUntil(lambda: status(window) == expected, timeout=15000)
        settle(qtbot, window)
    finally:
        other.close()
