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



def test_a_follow_up_notice_clicked_after_a_merge_opens_where_it_went(notifier, qtbot,
                                                                      window, demo_store):
    """A follow-up or a mention names only its conversation: merged since, the click opened
    the empty husk ("#694 · Merged", a composer under no messages)."""
    from inbox_app.core.timeutil import now
    from tests.store.helpers import msg

    result = demo_store.save_messages([
        msg("cy-1", "A question about beans", email="cy@example.com", thread="cy-first",
            at=now() - 3600),
        msg("cy-2", "And another", email="cy@example.com", thread="cy-second", at=now())])
    first, second = sorted(result.conversation_ids)
    demo_store.merge_conversations(first, second, staff=STAFF)

    notifier.open_notice(Notice("Follow up with Cy now", f"#{second}: …",
                                conversation_id=second, for_staff=STAFF))
    qtbot.waitUntil(lambda: window.conversation.snapshot is not None
                    and window.conversation.snapshot.conversation.id == first, timeout=15000)
    assert window.conversation.conversation_id == first


def test_old_complaints_stored_archived_are_said_to_be_in_closed(notifier, qtbot, window,
                                                                 demo_store):
    """A new feed's first read stores its old items closed (archived); the line said they
    were in the Negative view, which lists open conversations only, and showed none."""
    from inbox_app.core.timeutil import now
    from tests.store.helpers import msg

    given: list[tuple] = []
    notifier.notified.connect(lambda *args: given.append(args))
    months_ago = now() - 90 * 86400
    result = demo_store.save_messages([
        msg(f"old-review-{i}", "Terrible, the worst coffee ever.", kind="feed",
            author=f"Reviewer {i}", at=months_ago + i * 3600) for i in range(3)])
    demo_store.bulk_close(sorted(result.conversation_ids))
    notifier.check()
    qtbot.waitUntil(lambda: not notifier.checking, timeout=15000)
    assert given == []
    assert window.statusBar().currentMessage() == (
        "3 older negative messages came in, sent more than a day ago: not announced"
        " (archived: Closed view).")
