"""Desktop notices of new negative messages: one notice for a burst, with its true count;
none for machine-written mail or for someone unhappy with a competitor."""

from __future__ import annotations

import dataclasses

import pytest

from inbox_app.core.timeutil import now
from tests.gui.conftest import STAFF, settle
from tests.store.helpers import msg

ANGRY = "This is terrible, the worst service ever."


@pytest.fixture
def notices(window, qtbot):
    """The window's notifier, past its first check (which announces nothing), and the
    notices it gives from then on."""
    notifier = window.notifier
    qtbot.waitUntil(lambda: notifier.last_message_id is not None and not notifier.checking)
    settle(qtbot, window)
    given: list[tuple[str, str, int]] = []
    notifier.notified.connect(lambda *args: given.append(args))
    return notifier, given


def check(notifier, qtbot) -> None:
    notifier.check()
    qtbot.waitUntil(lambda: not notifier.checking, timeout=15000)


def test_a_burst_of_two_hundred_is_one_notice_with_its_true_count(notices, qtbot, demo_store):
    """It said "20 new negative messages": the store hands out at most 20 by default."""
    notifier, given = notices
    demo_store.save_messages([
        msg(f"burst-{i}", ANGRY, email=f"angry{i}@example.com", author=f"Angry {i}",
            at=now() - 60 + i % 60)
        for i in range(200)])
    check(notifier, qtbot)
    [(title, body, _conversation)] = given
    assert title == "200 new negative messages"
    assert body.endswith("and others (Negative view).")


def test_auto_replies_bounces_and_competitor_mentions_are_not_announced(
        notices, qtbot, demo_store):
    """An out-of-office reply ("unfortunately I am away…") and a bounce were announced as an
    unhappy customer, and so was a stranger complaining about a competitor the shop
    watches."""
    notifier, given = notices
    away = msg("away-1", "Unfortunately I am away and cannot help. Sorry, terrible timing.",
               email="kim@example.com", author="Kim Away")
    bounce = msg("bounce-1", "Delivery failed: the address was rejected. Permanent failure.",
                 email="mailer-daemon@example.com", author="Mail Delivery System")
    demo_store.save_messages([
        dataclasses.replace(away, at=now(), meta={"auto": "auto-reply"}),
        dataclasses.replace(bounce, at=now(), meta={"auto": "bounce"}),
        msg("rival-1", "Bean Barons coffee is awful, worst beans ever.", kind="feed",
            author="Reddit user", at=now(), labels=("mention:competitor:bean barons",)),
    ])
    check(notifier, qtbot)
    assert given == []
    demo_store.save_messages([msg("real-1", ANGRY, email="fran@example.com",
                                  author="Fran Tic", at=now())])
    check(notifier, qtbot)
    [(title, body, _conversation)] = given
    assert title == "Fran Tic is unhappy (Email)" and body.startswith("This is terrible")


def test_without_the_tray_icon_a_notice_shows_in_the_window(notices, qtbot, demo_store, window):
    """Unticking "Show the unread count in the system tray" (or a desktop with no tray)
    silenced every notice, though "Tell me about new negative messages" stayed ticked."""
    notifier, given = notices
    notifier.set_enabled("tray", False)
    demo_store.save_messages([msg("real-2", ANGRY, email="fran@example.com",
                                  author="Fran Tic", at=now())])
    check(notifier, qtbot)
    assert len(given) == 1
    assert window.statusBar().currentMessage() == (
        "Fran Tic is unhappy (Email): This is terrible, the worst service ever.")


def test_the_backlog_of_a_new_mailbox_is_counted_not_announced(notices, qtbot, demo_store,
                                                               window):
    """The first read of a mailbox added today brought in months of old mail, and the
    desktop announced "42 new negative messages" about complaints long dealt with."""
    notifier, given = notices
    months_ago = now() - 90 * 86400
    demo_store.save_messages([
        msg(f"old-{i}", ANGRY, email=f"old{i}@example.com", author=f"Old {i}",
            at=months_ago + i * 3600)
        for i in range(42)])
    check(notifier, qtbot)
    assert given == []
    assert window.statusBar().currentMessage() == (
        "42 older negative messages came in, sent more than a day ago: not announced"
        " (Negative view).")

    # In the same read, one that is news still is.
    demo_store.save_messages([
        msg("old-again", ANGRY, email="older@example.com", author="Old Again",
            at=months_ago),
        msg("fresh-1", ANGRY, email="fresh@example.com", author="Fresh Lee", at=now() - 600)])
    check(notifier, qtbot)
    [(title, _body, _conversation)] = given
    assert title == "Fresh Lee is unhappy (Email)"


def test_without_the_tray_several_notices_at_once_all_show_in_the_window(
        notices, qtbot, demo_store, window):
    """Two follow-ups falling due and a complaint, with no tray: the status bar holds one
    line, and each notice overwrote the one before, so only the last was ever seen."""
    notifier, given = notices
    notifier.set_enabled("tray", False)
    first, second = window.queue_model.ids()[:2]
    demo_store.assign(first, STAFF, due_at=now() - 2)
    demo_store.assign(second, STAFF, due_at=now() - 1)
    demo_store.save_messages([msg("real-3", ANGRY, email="fran@example.com",
                                  author="Fran Tic", at=now())])
    notifier.last_due_check = now() - 10
    check(notifier, qtbot)
    assert len(given) == 3
    line = window.statusBar().currentMessage()
    assert line.startswith("3 notices: ")
    for title, _body, _conversation in given:
        assert title in line
