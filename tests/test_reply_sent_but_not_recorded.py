"""A reply the channel took while the store would not record it has gone: the command
line and the outbox must never say it failed (a person or a cron job would send it again),
nor send it again themselves; this computer keeps it and records it once the store takes
writes (both engines)."""

from __future__ import annotations

import pytest

import inbox_app.sources.mail  # noqa: F401  (registers the real sender before `channel`)
from inbox_app.replies import (
    record_unrecorded,
    reply,
    retry_reply,
    send_outbox,
    send_written,
    unrecorded_replies,
)
from inbox_app.secrets import set_secret
from inbox_app.store import StoreBusy, StoreUnavailable
from inbox_app.store.outbound import OutboundMixin
from inbox_app.unrecorded_replies import unrecorded_key
from tests.store.helpers import msg

pytestmark = pytest.mark.both_engines

TEXT = "Your refund went out this morning."


@pytest.fixture
def conversation(store):
    set_secret("shop mail", "app-password")  # this computer sends for the shared account
    store.add_staff("Maya")
    store.save_messages([msg("q1", "Where is my refund?", email="ann@x.org",
                             account="shop mail")])
    return store.conversation_ids_for_threads(["email:shop mail:q1"])["email:shop mail:q1"]


@pytest.fixture
def unrecordable(monkeypatch):
    """Recording a reply's outcome fails until `undo()`; other writes go through. (The
    shared database's own retries, two minutes long, are cut short.)"""
    monkeypatch.setattr("inbox_app.store.pg_locks.RECORD_DELIVERY_SECONDS", 0.0)
    patch = pytest.MonkeyPatch()

    def out_of_reach(self, message_id, delivery, **details):
        raise StoreUnavailable("Cannot reach the shared database (connection refused).")

    patch.setattr(OutboundMixin, "set_delivery", out_of_reach)
    yield patch
    patch.undo()


def out_texts(store, conversation_id: int) -> list[tuple[str, str]]:
    return [(m.text, m.delivery) for m in store.messages(conversation_id) if m.direction == "out"]


def test_a_reply_sent_but_not_recorded_says_sent_and_is_recorded_by_the_next(
        store, channel, conversation, unrecordable):
    first = reply(store, conversation, TEXT, "Maya")
    assert (first.delivery, first.error) == ("sent", None)
    assert first.unrecorded.startswith("Sent, but not recorded yet: the store cannot be"
                                       " reached.")
    assert out_texts(store, conversation) == [(TEXT, "sending")]
    assert [kept.message_id for kept in unrecorded_replies(store.location)] == [
        first.message_id]

    unrecordable.undo()
    second = reply(store, conversation, "And the receipt is attached.", "Maya")
    assert second.delivery == "sent" and second.unrecorded is None
    assert out_texts(store, conversation) == [
        (TEXT, "sent"), ("And the receipt is attached.", "sent")]
    assert store.get_message(first.message_id).external_id == f"<sent-{first.message_id}@shop>"
    assert unrecorded_replies(store.location) == []
    assert [text for _id, text in channel.sent] == [TEXT, "And the receipt is attached."]


def test_try_again_on_a_reply_called_stalled_records_it_instead_of_sending_it_twice(
        store, channel, conversation, unrecordable):
    first = reply(store, conversation, TEXT, "Maya")
    unrecordable.undo()
    # Ten minutes on, the outbox calls it stalled and the thread offers Try again.
    store.release_stalled_replies(older_than=-60)
    assert store.get_message(first.message_id).delivery == "failed"

    again = retry_reply(store, first.message_id, "Maya")
    assert again.delivery == "sent"
    assert out_texts(store, conversation) == [(TEXT, "sent")]
    assert len(channel.sent) == 1


def test_the_outbox_records_before_it_calls_anything_stalled(
        store, channel, conversation, unrecordable):
    first = reply(store, conversation, TEXT, "Maya")
    unrecordable.undo()
    outbox = send_outbox(store, lambda kind, account: True)
    assert outbox.sent == [] and outbox.failed == []
    assert out_texts(store, conversation) == [(TEXT, "sent")]
    assert unrecorded_replies(store.location) == []
    assert store.get_message(first.message_id).delivery == "sent"


def test_send_and_close_closes_when_the_reply_is_recorded(
        store, channel, conversation, unrecordable):
    def busy(*_args, **_kwargs):
        raise StoreBusy("Another program has held the store busy.")

    unrecordable.setattr(type(store), "close_conversation", busy)
    result = send_written(store, conversation, "Maya", TEXT, note=False, close=True,
                          drafted_before=False)
    assert result.delivery == "sent" and result.unrecorded
    assert "closed when the reply is recorded" in result.not_closed
    assert store.get_conversation(conversation).status == "open"

    unrecordable.undo()
    assert record_unrecorded(store) == [result.message_id]
    assert store.get_conversation(conversation).status == "closed"
    assert out_texts(store, conversation) == [(TEXT, "sent")]
    assert len(channel.sent) == 1


def test_the_draft_it_was_is_cleared_when_it_is_recorded_and_a_newer_one_kept(
        store, channel, conversation, unrecordable, monkeypatch):
    store.save_draft(conversation, "Maya", TEXT)
    store_save_draft = type(store).save_draft

    def refused(*_args, **_kwargs):
        raise StoreBusy("Another program has held the store busy.")

    monkeypatch.setattr(type(store), "save_draft", refused)
    result = send_written(store, conversation, "Maya", TEXT, note=False, close=False,
                          drafted_before=True)
    assert result.unrecorded
    monkeypatch.setattr(type(store), "save_draft", store_save_draft)
    assert store.draft(conversation, "Maya") == TEXT  # what the window must not offer

    unrecordable.undo()
    record_unrecorded(store)
    assert store.draft(conversation, "Maya") == ""

    # Another one, whose draft was written anew before the store took writes again.
    unrecordable.setattr(OutboundMixin, "set_delivery", lambda *a, **k: (_ for _ in ()).throw(
        StoreBusy("busy")))
    send_written(store, conversation, "Maya", "Second", note=False, close=False,
                 drafted_before=True)
    store.save_draft(conversation, "Maya", "A newer draft")
    unrecordable.undo()
    record_unrecorded(store)
    assert store.draft(conversation, "Maya") == "A newer draft"


def test_kept_replies_belong_to_their_store_however_it_is_named(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert unrecorded_key("shop.db") == unrecorded_key(
        f"sqlite:{tmp_path / 'shop.db'}")
    assert unrecorded_key("postgresql://maya:secret@db.local/shop") == \
        "postgresql://maya@db.local/shop"
