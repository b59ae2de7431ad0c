"""Switching who you are at the window (the staff chooser) left the last person's waiting
notices — "Theo mentioned you…", "Follow up with … now" — to be opened by the new person,
and a check under way as the switch happened announced the old person's mentions to the
new one. Complaints are everyone's and stay."""

from __future__ import annotations

import pytest

from inbox_app.gui.notifications import Notice
from tests.gui.conftest import STAFF, settle

COLLEAGUE = "Theo Brandt"


@pytest.fixture
def notifier(window, qtbot):
    notifier = window.notifier
    qtbot.waitUntil(lambda: notifier.last_message_id is not None and not notifier.checking)
    settle(qtbot, window)
    return notifier


def test_the_last_persons_mentions_and_follow_ups_go_with_them(notifier, window, demo_store):
    notifier.pending = [
        Notice("Ann is unhappy (Email)", "…", conversation_id=1),
        Notice("Theo mentioned you", "#2: …", conversation_id=2, for_staff=STAFF),
        Notice("Follow up with Bo now", "#3: …", conversation_id=3, for_staff=STAFF),
    ]
    window.set_staff(COLLEAGUE)
    assert [notice.conversation_id for notice in notifier.pending] == [1]


def test_a_check_read_for_the_last_person_announces_nothing_of_theirs(notifier, qtbot,
                                                                      window, demo_store):
    conversation = window.queue_model.ids()[0]
    given: list[tuple] = []
    notifier.notified.connect(lambda *args: given.append(args))
    demo_store.add_note(f"@{STAFF} can you take this?", conversation_id=conversation,
                        staff=COLLEAGUE)
    notifier.check()  # read for STAFF…
    window.set_staff(COLLEAGUE)  # …who hands the window over before the answer
    qtbot.waitUntil(lambda: not notifier.checking, timeout=15000)
    assert not [args for args in given if "mentioned you" in args[0]]

