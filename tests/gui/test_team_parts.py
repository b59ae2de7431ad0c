"""The parts of team mode in the window that need no window: drafts kept on this
computer, recognising the window's own echoes, and how a reply's state is drawn."""

from __future__ import annotations

import json
from collections import Counter

from inbox_app.core.models import Conversation, Message
from inbox_app.gui import theme
from inbox_app.gui.live import EVERYTHING, OwnChanges
from inbox_app.gui.local_drafts import FILE_NAME, LocalDrafts
from inbox_app.gui.thread_html import render_thread
from inbox_app.store import Change

SHARED = "postgresql://inbox@shop-pc:5432/inbox"


def test_local_drafts_survive_a_restart_and_are_kept_per_store(tmp_path):
    drafts = LocalDrafts(tmp_path, SHARED)
    drafts.put(12, "Maya", "Dear Ann, we are on it.")
    drafts.put(12, "Theo", "Theo's own words")
    LocalDrafts(tmp_path, "/home/maya/inbox.db").put(12, "Maya", "another store")

    again = LocalDrafts(tmp_path, SHARED)  # the app was closed while the server was away
    assert again.get(12, "Maya") == "Dear Ann, we are on it."
    assert again.get(13, "Maya") is None
    assert sorted(d.staff for d in again.pending()) == ["Maya", "Theo"]
    on_disk = json.loads((tmp_path / FILE_NAME).read_text())
    assert set(on_disk) == {SHARED, "/home/maya/inbox.db"}


def test_a_local_draft_is_forgotten_only_when_the_store_has_that_text(tmp_path):
    drafts = LocalDrafts(tmp_path, SHARED)
    drafts.put(7, None, "first words")
    drafts.put(7, None, "first words, and more")  # typed on while the first was saved
    drafts.discard(7, None, "first words")
    assert drafts.get(7, None) == "first words, and more"
    drafts.discard(7, None, "first words, and more")
    assert drafts.pending() == []
    assert json.loads((tmp_path / FILE_NAME).read_text()) == {}


def test_an_unreadable_drafts_file_is_set_aside_not_lost(tmp_path):
    (tmp_path / FILE_NAME).write_text("{ half a file")
    drafts = LocalDrafts(tmp_path, SHARED)
    assert drafts.pending() == []
    assert (tmp_path / "unsaved-drafts.unreadable.json").read_text() == "{ half a file"
    drafts.put(1, "Maya", "new")
    assert LocalDrafts(tmp_path, SHARED).get(1, "Maya") == "new"


def test_own_echoes_are_used_up_one_notification_each():
    own = OwnChanges()
    mine = Change("conversations", 5)
    own.expect(mine)
    # The echo and a colleague's change to the same conversation arrive together.
    assert own.without_echoes(Counter({mine: 2, Change("customers", 9): 1})) == Counter(
        {mine: 1, Change("customers", 9): 1})
    assert own.without_echoes(Counter({mine: 1})) == Counter({mine: 1})  # used up
    own.expect(mine)
    assert own.without_echoes(Counter({mine: 1})) == Counter()
    own.expect(mine)
    own.forget(mine)  # refused after all
    assert own.without_echoes(Counter({mine: 1})) == Counter({mine: 1})


def test_nothing_is_recognised_in_an_anything_changed_batch_or_after_the_echo_lapsed():
    clock = [100.0]
    own = OwnChanges(seconds=3, clock=lambda: clock[0])
    own.expect(Change("conversations", 1))
    assert own.without_echoes(Counter({EVERYTHING: 1})) == Counter({EVERYTHING: 1})
    clock[0] += 3.5  # the echo never came (the write changed nothing): it lapses
    assert own.without_echoes(Counter({Change("conversations", 1): 1})) == Counter(
        {Change("conversations", 1): 1})


def _conversation() -> Conversation:
    return Conversation(
        id=3, thread_key="t", kind="email", account="Shop mail", customer_id=1,
        customer_name="Ann Lee", subject="Order 1041", status="open", assignee=None,
        due_at=None, snoozed_until=None, first_at=1_700_000_000, last_at=1_700_000_000,
        last_inbound_at=1_700_000_000, awaiting_since=None, closed_at=None,
        last_compound=None, preview="", unread=False, message_count=5, priority=0, version=1,
        labels=(),
    )


def _reply(message_id: int, text: str, delivery: str, *, error: str | None = None,
           meta: dict | None = None, kind: str = "email") -> Message:
    return Message(
        id=message_id, conversation_id=3, customer_id=1, kind=kind, account="Shop mail",
        external_id=f"local:{message_id}", direction="out", at=1_700_000_000 + message_id,
        text=text, author_name="Maya", staff="Maya", title=None, html=None, url=None,
        full_text=None, sentiment=None, delivery=delivery, error=error, meta=meta or {},
    )


def test_each_reply_says_what_became_of_it():
    entries = [
        _reply(1, "queued one", "queued"),
        _reply(2, "sending one", "sending",
               meta={"sending_by": "counter-pc (process 4242)", "sending_since": 1}),
        _reply(3, "sent one", "sent"),
        _reply(4, "failed one", "failed", error="The mail server refused the recipient."),
        _reply(5, "call back", "sent", kind="phone"),
    ]
    page = render_thread(_conversation(), entries, theme.LIGHT)
    cards = page.split('<table width="100%" cellspacing="0"')[1:]
    assert "<b>Queued</b> — waiting in the outbox" in cards[0]
    assert "<b>Sending</b>… from counter-pc" in cards[1] and "4242" not in cards[1]
    assert "✓ Sent" in cards[2] and "Queued" not in cards[2]
    assert "<b>Failed</b> — The mail server refused the recipient." in cards[3]
    assert 'href="action:retry:4"' in cards[3] and theme.LIGHT["danger_soft"] in cards[3]
    assert "✓ Logged" in cards[4]
