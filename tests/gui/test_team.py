"""Team mode in the window: Take next, claims, versions, live changes from other desktops,
the server going away and coming back, and the shared outbox — on SQLite and PostgreSQL."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest
from PySide6.QtCore import Qt, QUrl

from inbox_app import replies
from inbox_app.gui.app import window_title
from inbox_app.gui.local_drafts import FILE_NAME
from inbox_app.gui.models.queue_model import QueueRole
from inbox_app.replies import SendError, Sent, send_outbox
from inbox_app.store import QueueQuery, data_dir, display_location, open_store
from tests.gui.conftest import STAFF, settle
from tests.pgserver import TcpProxy
from tests.store.helpers import msg

ROOT = Path(__file__).resolve().parents[2]
COLLEAGUE = "Theo Brandt"


@contextmanager
def desktop(location: str):
    """Another computer's store on the same data."""
    store = open_store(location)
    try:
        yield store
    finally:
        store.close()


def cli(location: str, *args: str) -> str:
    """The command line in a process of its own, as a colleague (or cron) would run it."""
    done = subprocess.run(
        [sys.executable, "-m", "inbox_app", "--db", location, "--as", COLLEAGUE, *args],
        cwd=ROOT, capture_output=True, text=True, timeout=60,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def current_id(window) -> int | None:
    return window.ui.queueView.currentIndex().data(QueueRole.CONVERSATION_ID)


def reply_card(window, text: str) -> str:
    """The header, text and state line of the reply that says `text`, as shown."""
    lines = window.conversation.ui.threadBrowser.toPlainText().splitlines()
    at = max(i for i, line in enumerate(lines) if text in line)
    return "\n".join(lines[at - 1 : at + 2])


def status(window) -> str:
    return window.statusBar().currentMessage()


def mark_first_read(location: str, count: int = 6) -> None:
    """Opening the window marks the current conversation read: a write of its own. Tests
    that count reloads start from a quiet store."""
    with desktop(location) as store:
        for row in store.queue(QueueQuery(filter="open", limit=count)):
            store.mark_read(row.conversation_id)


def live_ready(qtbot, window) -> None:
    qtbot.waitUntil(lambda: window.live.wait_ready(0), timeout=10000)


# Take next and claims


def test_take_next_claims_the_top_and_keeps_it_open(make_window, team_location, qtbot):
    window = make_window(team_location)
    window.select_key("view:unassigned")
    settle(qtbot, window)
    top = window.queue_model.conversation_at(0).conversation_id
    assert window.ui.actionTakeNext.shortcut().toString() == "N"
    assert window.ui.actionNote.shortcut().toString() == "Shift+N"

    window.activateWindow()
    window.ui.queueView.setFocus()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window.ui.queueView, Qt.Key.Key_N)
    qtbot.waitUntil(lambda: top not in window.queue_model.ids(), timeout=15000)
    settle(qtbot, window)

    assert status(window).startswith(f"You took #{top}")
    assert status(window).endswith(".") and not status(window).endswith("..")  # "Olu M."
    with desktop(team_location) as store:
        assert store.get_conversation(top).assignee == STAFF
        assert store.history(top)[-1]["data"]["claimed"] is True
    # "Unassigned" no longer lists it, but it stays open for its new owner.
    assert window.conversation.conversation_id == top
    assert window.conversation.conversation.assignee == STAFF
    assert current_id(window) is None
    assert f"Assigned to <b>{STAFF}</b>" in window.conversation.ui.metaLabel.text()


def test_two_desktops_taking_at_once_get_different_conversations(make_window, team_location,
                                                                  qtbot):
    mine = make_window(team_location)
    theirs = make_window(team_location, staff=COLLEAGUE)
    mine.ui.actionTakeNext.trigger()
    theirs.ui.actionTakeNext.trigger()
    for window in (mine, theirs):
        qtbot.waitUntil(lambda w=window: w.actions_.taking is False
                        and status(w).startswith("You took #"), timeout=10000)
    taken = {mine.conversation.conversation_id, theirs.conversation.conversation_id}
    assert len(taken) == 2
    with desktop(team_location) as store:
        assert store.get_conversation(mine.conversation.conversation_id).assignee == STAFF
        assert store.get_conversation(theirs.conversation.conversation_id).assignee == COLLEAGUE


@pytest.mark.both_engines
def test_nothing_left_to_take_is_a_plain_message(store, store_location, make_window, qtbot):
    store.add_staff(STAFF)
    store.add_staff(COLLEAGUE)
    store.save_messages([msg("only", "Where is my parcel?", email="ann@example.org")])
    store.assign(1, COLLEAGUE)
    window = make_window(store_location)
    window.ui.actionTakeNext.trigger()
    qtbot.waitUntil(lambda: "Nothing is left to take" in status(window), timeout=15000)
    assert store.get_conversation(1).assignee == COLLEAGUE


def test_take_next_asks_who_you_are_first(make_window, demo_location, qtbot):
    window = make_window(demo_location, staff=None)
    window.ui.actionTakeNext.trigger()
    assert status(window).startswith("Choose who you are first")
    settle(qtbot, window)
    with desktop(demo_location) as store:
        assert store.queue_count(QueueQuery(filter="unassigned")) == \
            window.sidebar_model.entry(window.sidebar_model.row_of("view:unassigned")).count


def test_assigning_yourself_loses_cleanly_to_a_colleague(make_window, team_location, qtbot):
    window = make_window(team_location)
    window.select_key("view:unassigned")
    settle(qtbot, window)
    target = current_id(window)
    with desktop(team_location) as other:
        other.claim(target, COLLEAGUE)  # a moment before this window's assignment
        window.actions_.assign(target, STAFF, None)
        qtbot.waitUntil(lambda: f"already taken by {COLLEAGUE}" in status(window), timeout=15000)
        settle(qtbot, window)
        assert other.get_conversation(target).assignee == COLLEAGUE
    assert window.conversation.conversation_id == target
    assert f"Assigned to <b>{COLLEAGUE}</b>" in window.conversation.ui.metaLabel.text()


# No lost edits


def test_a_stale_edit_is_refused_and_what_was_typed_stays(make_window, team_location, qtbot):
    window = make_window(team_location)
    target = current_id(window)
    edit = window.conversation.ui.composerEdit
    qtbot.keyClicks(edit, "Half an answer, still thinking")
    with desktop(team_location) as other:
        other.assign(target, COLLEAGUE, staff=COLLEAGUE)  # changed elsewhere …
        window.ui.actionClose.trigger()  # … before this window heard of it
        qtbot.waitUntil(lambda: status(window) == (
            f"This conversation was taken by {COLLEAGUE} a moment ago — your change was not"
            " made; it now shows theirs."), timeout=15000)
        settle(qtbot, window)
        assert other.get_conversation(target).status == "open"
    qtbot.waitUntil(lambda: f"Assigned to <b>{COLLEAGUE}</b>"
                    in window.conversation.ui.metaLabel.text(), timeout=15000)
    assert edit.toPlainText() == "Half an answer, still thinking"
    assert window.conversation.conversation_id == target
    # Now that the window has read the new version, the same action goes through.
    window.ui.actionClose.trigger()
    settle(qtbot, window)
    with desktop(team_location) as other:
        assert other.get_conversation(target).status == "closed"


def test_actions_in_a_row_build_on_the_windows_own_changes(make_window, team_location, qtbot):
    window = make_window(team_location)
    target = current_id(window)
    window.actions_.assign(target, COLLEAGUE, None)
    next_month = int(time.time()) + 30 * 86400
    window.actions_.snooze(target, next_month)  # before the refresh of the first came back
    settle(qtbot, window)
    with desktop(team_location) as store:
        conversation = store.get_conversation(target)
    assert (conversation.assignee, conversation.status) == (COLLEAGUE, "snoozed")
    assert "changed by someone else" not in status(window)


# Live: changes from another desktop


def test_changes_elsewhere_show_without_moving_the_selection(make_window, team_location, qtbot,
                                                             tmp_path):
    window = make_window(team_location)
    live_ready(qtbot, window)
    window.ui.orderCombo.setCurrentIndex(1)  # newest first: a new message lands on top
    settle(qtbot, window)
    model = window.queue_model
    row = next(r for r in range(3, model.rowCount())
               if model.conversation_at(r).assignee is None)
    target = model.conversation_at(row).conversation_id
    window.ui.queueView.setCurrentIndex(model.index(row, 0))
    settle(qtbot, window)
    unassigned = window.sidebar_model.entry(window.sidebar_model.row_of("view:unassigned")).count
    qtbot.keyClicks(window.conversation.ui.composerEdit, "Typing while others work")

    cli(team_location, "assign", str(target), COLLEAGUE)  # another process, another computer
    qtbot.waitUntil(lambda: model.conversation_at(model.row_of(target)).assignee == COLLEAGUE,
                    timeout=15000)
    qtbot.waitUntil(lambda: f"Assigned to <b>{COLLEAGUE}</b>"
                    in window.conversation.ui.metaLabel.text(), timeout=15000)
    qtbot.waitUntil(lambda: window.sidebar_model.entry(
        window.sidebar_model.row_of("view:unassigned")).count == unassigned - 1, timeout=15000)
    assert current_id(window) == target

    feed = tmp_path / "new.jsonl"
    feed.write_text(json.dumps({"kind": "email", "id": "<live-1@x>", "text": "Is the shop open?",
                                "at": "2030-01-01T09:00:00Z", "email": "new@example.org",
                                "author_name": "Nia New"}) + "\n")
    cli(team_location, "import", str(feed))
    qtbot.waitUntil(lambda: model.conversation_at(0).customer_name == "Nia New", timeout=15000)
    assert current_id(window) == target
    assert window.ui.queueView.currentIndex().row() == row + 1

    following = model.conversation_at(row + 2).conversation_id
    cli(team_location, "close", str(target))
    qtbot.waitUntil(lambda: target not in model.ids(), timeout=15000)
    qtbot.waitUntil(lambda: window.conversation.conversation.status == "closed", timeout=15000)
    # Closed elsewhere: it stays on screen with what was typed; j goes on from there.
    assert window.conversation.conversation_id == target
    assert window.conversation.ui.composerEdit.toPlainText() == "Typing while others work"
    window.move(1)
    assert current_id(window) == following


def test_the_windows_own_change_is_loaded_once(make_window, team_location, qtbot, monkeypatch):
    mark_first_read(team_location)
    window = make_window(team_location)
    live_ready(qtbot, window)
    refreshes, renders, heard = [], [], []
    refresh, render = window.queue_model.refresh, window.conversation._render
    monkeypatch.setattr(window.queue_model, "refresh",
                        lambda **kw: (refreshes.append(kw), refresh(**kw)))
    monkeypatch.setattr(window.conversation, "_render",
                        lambda **kw: (renders.append(kw), render(**kw)))
    window.live.changed.connect(heard.append)
    window.actions_.label(current_id(window), "wholesale")
    qtbot.waitUntil(lambda: bool(heard), timeout=15000)  # the echo of the window's own change
    settle(qtbot, window)
    rendered = len(renders)
    assert rendered == 1  # the own change shows once …
    if team_location.startswith("postgresql"):
        assert len(refreshes) == 1  # … and its echo, naming the row, loads nothing again
    else:
        # SQLite only says "something changed": the queue is read again, but nothing
        # on screen is redrawn (the thread keeps the reader's place and selection).
        assert len(refreshes) == 2


def test_a_burst_elsewhere_is_one_refresh(make_window, team_location, qtbot, monkeypatch):
    mark_first_read(team_location)
    window = make_window(team_location)
    live_ready(qtbot, window)
    refreshes, loaded = [], []
    refresh = window.queue_model.refresh
    monkeypatch.setattr(window.queue_model, "refresh",
                        lambda **kw: (refreshes.append(kw), refresh(**kw)))
    window.live_refreshed.connect(loaded.append)
    with desktop(team_location) as other, other.transaction():
        other.save_messages([msg(f"burst-{i}", "Hello?", email=f"b{i}@example.org")
                             for i in range(30)])
    qtbot.waitUntil(lambda: bool(loaded), timeout=15000)
    settle(qtbot, window)
    assert len(loaded) == 1 and refreshes == [{"keep_current": True}]


# The server going away


@pytest.fixture
def proxied(pg_demo_location):
    """The demo shop reached through a TCP proxy that the test can cut; the URL carries a
    password (the test server trusts everyone) that must never be shown or stored."""
    parts = urlsplit(pg_demo_location)
    proxy = TcpProxy(parts.port)
    url = urlunsplit(parts._replace(
        netloc=f"{parts.username}:s3cret-pw@127.0.0.1:{proxy.port}"))
    yield url, pg_demo_location, proxy
    proxy.close()


@pytest.mark.postgres
def test_server_unreachable_read_only_then_back_by_itself(make_window, proxied, qtbot):
    url, direct, proxy = proxied
    window = make_window(url)
    live_ready(qtbot, window)
    model, composer = window.queue_model, window.conversation.ui.composerEdit
    first = current_id(window)
    second = model.conversation_at(1).conversation_id
    elsewhere = model.conversation_at(3).conversation_id
    rows = model.ids()
    qtbot.keyClicks(composer, "Dear Ann,")

    proxy.cut()
    with qtbot.waitSignal(window.went_offline, timeout=10000):
        window.connection.check_now()
    banner = window.ui.offlineText.text()
    assert window.ui.offlineBanner.isVisible()
    assert banner.startswith("Cannot reach the shared database postgresql://postgres@127.0.0.1")
    assert banner.endswith("read-only until it is back; drafts are kept on this computer.")
    assert banner.count(". ") == 0 and "s3cret" not in banner
    for action in (window.ui.actionClose, window.ui.actionAssign, window.ui.actionTakeNext,
                   window.ui.actionReply, window.ui.actionPoll, window.ui.actionSettings):
        assert not action.isEnabled(), action.text()
    assert not window.conversation.ui.sendButton.isEnabled()
    assert not window.customer.ui.noteEdit.isEnabled()
    assert model.ids() == rows  # the queue keeps what it had

    qtbot.keyClicks(composer, " we are on it.")
    qtbot.keyClick(composer, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert "nothing can be sent right now" in window.conversation.ui.composerStatus.text()
    assert composer.toPlainText() == "Dear Ann, we are on it."
    window.ui.queueView.setCurrentIndex(model.index(1, 0))  # reading on while it is away
    qtbot.waitUntil(lambda: window.conversation.ui.emptyLabel.text().startswith(
        "This conversation cannot be shown"), timeout=15000)
    kept = (data_dir() / FILE_NAME).read_text()
    assert "Dear Ann, we are on it." in kept and "s3cret" not in kept
    assert display_location(url) in json.loads(kept)

    with desktop(direct) as colleague:  # the server itself is fine: others keep working
        colleague.assign(elsewhere, COLLEAGUE, staff=COLLEAGUE)
        with qtbot.waitSignal(window.came_back, timeout=15000):
            proxy.restore()
        assert not window.ui.offlineBanner.isVisible()
        qtbot.waitUntil(lambda: colleague.draft(first, STAFF) == "Dear Ann, we are on it.",
                        timeout=15000)
        qtbot.waitUntil(lambda: model.conversation_at(model.row_of(elsewhere)).assignee
                        == COLLEAGUE, timeout=15000)
        qtbot.waitUntil(lambda: window.conversation.conversation is not None
                        and window.conversation.conversation.id == second, timeout=15000)
        settle(qtbot, window)
        assert window.local_drafts.pending() == []
        assert window.ui.actionClose.isEnabled() and window.conversation.ui.sendButton.isEnabled()
        # Live again: the next change elsewhere shows by itself.
        live_ready(qtbot, window)
        colleague.close_conversation(elsewhere, staff=COLLEAGUE)
        qtbot.waitUntil(lambda: elsewhere not in model.ids(), timeout=15000)


@pytest.mark.postgres
def test_the_store_location_is_shown_without_its_password(make_window, proxied):
    url, _direct, _proxy = proxied
    window = make_window(url)
    shown = window.store_label.text()
    assert shown == f"postgresql://postgres@127.0.0.1:{urlsplit(url).port}{urlsplit(url).path}"
    assert "s3cret" not in shown + window.store_label.toolTip() + window_title(url)
    assert window_title(url).endswith("(shared)")


def test_a_local_store_shows_its_path(make_window, demo_location):
    window = make_window(demo_location)
    assert window.store_label.text() == demo_location
    assert window_title(demo_location) == "Inbox — inbox.db"


def test_display_location_drops_every_password():
    assert display_location("postgresql://inbox:pw@shop-pc:5432/inbox?sslmode=require") == \
        "postgresql://inbox@shop-pc:5432/inbox"
    assert "pw" not in display_location("postgresql://inbox@shop-pc/inbox?password=pw")
    assert display_location("sqlite:/data/inbox.db") == "/data/inbox.db"


# Replies through the shared outbox


@pytest.fixture
def email_sender():
    import inbox_app.sources.mail  # noqa: F401  (registers the real sender first)

    previous = replies._SENDERS.get("email")

    def send(store, outgoing):
        if "fail" in outgoing.text:
            raise SendError("The mail server refused the recipient.")
        return Sent(external_id=f"<sent-{outgoing.message_id}@shop>")

    replies.register_sender("email", send)
    yield send
    replies._SENDERS["email"] = previous


@pytest.mark.postgres
def test_a_reply_without_the_secret_waits_in_the_outbox(make_window, pg_demo_location, qtbot,
                                                        email_sender):
    window = make_window(pg_demo_location)
    live_ready(qtbot, window)
    window.select_key("kind:email")
    settle(qtbot, window)
    target = current_id(window)
    thread = window.conversation.ui.threadBrowser
    composer = window.conversation.ui.composerEdit
    text = "Please fail once, then go"
    qtbot.keyClicks(composer, text)
    window.conversation.ui.sendButton.click()
    settle(qtbot, window)
    # This computer has no password for the mailbox: the reply waits for one that has.
    assert window.conversation.ui.composerStatus.text().startswith("Queued in the outbox")
    assert "Queued — waiting in the outbox" in reply_card(window, text)
    with desktop(pg_demo_location) as sender_desk:
        reply = sender_desk.queued_replies()[-1]
        assert (reply.conversation_id, reply.delivery) == (target, "queued")
        assert sender_desk.take_queued_reply(reply.id)
        qtbot.waitUntil(lambda: "Sending…" in reply_card(window, text), timeout=15000)
        replies.deliver(sender_desk, reply.id)
        qtbot.waitUntil(lambda: "Failed — The mail server refused the recipient."
                        in reply_card(window, text), timeout=15000)
        thread.anchorClicked.emit(QUrl(f"action:retry:{reply.id}"))  # "Try again"
        qtbot.waitUntil(lambda: sender_desk.get_message(reply.id).delivery == "queued",
                        timeout=15000)
        replies.register_sender("email", lambda store, outgoing: Sent(external_id="<ok@shop>"))
        result = send_outbox(sender_desk, has_secret=lambda kind, account: True)
        assert result.sent == [reply.id]
        qtbot.waitUntil(lambda: "✓ Sent" in reply_card(window, text), timeout=15000)
        assert "Queued" not in reply_card(window, text)


@pytest.mark.postgres
def test_a_reply_with_the_secret_here_is_sent_from_here(make_window, pg_demo_location, qtbot,
                                                        email_sender):
    from inbox_app.secrets import set_secret

    window = make_window(pg_demo_location)
    window.select_key("kind:email")
    settle(qtbot, window)
    set_secret(window.conversation.conversation.account, "app-password")
    qtbot.keyClicks(window.conversation.ui.composerEdit, "On its way today.")
    window.conversation.ui.sendButton.click()
    settle(qtbot, window)
    assert window.conversation.ui.composerStatus.text() == "Sent."
    assert "✓ Sent" in reply_card(window, "On its way today.")
