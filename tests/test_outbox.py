"""The shared outbox: a reply written on a computer without the account's secret is sent,
exactly once, by a computer that has it (both engines)."""

from __future__ import annotations

import threading

import pytest

from inbox_app import replies
from inbox_app.replies import Sent, reply, send_outbox
from inbox_app.store import open_store
from tests.conftest import Channel
from tests.store.helpers import msg

pytestmark = pytest.mark.both_engines


def counter_pc_has_no_secret(kind, account):
    return False


def back_office_has_it(kind, account):
    return account == "shop mail"


@pytest.fixture
def conversation(store):
    store.add_staff("Maya")
    store.save_messages([msg("q1", "Where is my parcel?", email="ann@x.org",
                             account="shop mail")])
    return store.conversation_ids_for_threads(["email:shop mail:q1"])["email:shop mail:q1"]


def test_a_reply_without_the_secret_waits_in_the_outbox_until_a_desktop_sends_it(
    store, store_location, channel, conversation
):
    result = reply(store, conversation, "On its way!", "Maya",
                   has_secret=counter_pc_has_no_secret)
    assert result.delivery == "queued"
    assert channel.sent == []
    assert store.get_message(result.message_id).delivery == "queued"

    back_office = open_store(store_location)
    try:
        outbox = send_outbox(back_office, back_office_has_it)
    finally:
        back_office.close()
    assert outbox.sent == [result.message_id] and outbox.failed == []
    assert channel.sent == [(result.message_id, "On its way!")]
    stored = store.get_message(result.message_id)
    assert (stored.delivery, stored.external_id) == ("sent", f"<sent-{result.message_id}@shop>")
    assert store.get_conversation(conversation).awaiting_since is None
    assert send_outbox(store, back_office_has_it).sent == []  # nothing is sent twice


def test_a_desktop_with_the_secret_sends_at_once(store, channel, conversation):
    result = reply(store, conversation, "Sorted.", "Maya", has_secret=back_office_has_it)
    assert result.delivery == "sent"
    assert channel.sent == [(result.message_id, "Sorted.")]


def test_outbox_replies_for_other_accounts_are_left_for_others(store, channel, conversation):
    reply(store, conversation, "Hello", "Maya", has_secret=counter_pc_has_no_secret)
    result = send_outbox(store, counter_pc_has_no_secret)
    assert (result.sent, result.failed, result.left) == ([], [], 1)
    assert channel.sent == []


def test_a_refused_send_shows_as_failed_with_the_reason(store, monkeypatch, conversation):
    monkeypatch.setitem(replies._SENDERS, "email",
                        Channel(refuse="The mail server refused the login."))
    queued = reply(store, conversation, "Hi", "Maya", has_secret=counter_pc_has_no_secret)
    result = send_outbox(store, back_office_has_it)
    assert result.failed == [(queued.message_id, "The mail server refused the login.")]
    failed = store.get_message(queued.message_id)
    assert (failed.delivery, failed.error) == ("failed", "The mail server refused the login.")


def test_desktops_sending_the_outbox_at_once_send_each_reply_once(
    store, store_location, channel, conversation
):
    queued = [reply(store, conversation, f"Reply {n}", "Maya",
                    has_secret=counter_pc_has_no_secret).message_id for n in range(12)]
    start = threading.Barrier(4)
    errors = []

    def desk():
        mine = open_store(store_location)
        try:
            start.wait()
            send_outbox(mine, back_office_has_it)
        except Exception as error:
            errors.append(error)
        finally:
            mine.close()

    threads = [threading.Thread(target=desk) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert errors == []
    assert sorted(message_id for message_id, _ in channel.sent) == queued
    assert {store.get_message(m).delivery for m in queued} == {"sent"}


def test_try_again_without_the_secret_puts_a_failed_reply_back_in_the_outbox(
    store, channel, conversation
):
    channel.refuse = "The mail server refused the recipient."
    failed = reply(store, conversation, "Sorry for the wait", "Maya")
    assert failed.delivery == "failed"
    channel.refuse = None
    again = replies.retry_reply(store, failed.message_id, "Maya",
                                has_secret=counter_pc_has_no_secret)
    assert again.delivery == "queued" and channel.sent == []
    assert store.get_message(failed.message_id).error is None
    assert send_outbox(store, back_office_has_it).sent == [failed.message_id]
    assert channel.sent == [(failed.message_id, "Sorry for the wait")]
    # Trying a reply that is no longer failed sends nothing twice.
    assert replies.retry_reply(store, failed.message_id, "Maya").delivery == "sent"
    assert len(channel.sent) == 1


def test_try_again_with_the_secret_here_sends_at_once(store, channel, conversation):
    channel.refuse = "The mail server is down."
    failed = reply(store, conversation, "Here you go", "Maya", has_secret=back_office_has_it)
    channel.refuse = None
    assert replies.retry_reply(store, failed.message_id, "Maya",
                               has_secret=back_office_has_it).delivery == "sent"
    assert channel.sent == [(failed.message_id, "Here you go")]


def test_only_a_shared_store_checks_for_secrets(store):
    check = replies.team_secret_check(store)
    assert (check is replies.holds_secret) == (store.engine == "postgres")


def actions(store, conversation_id: int) -> list[str]:
    return [event["action"] for event in store.history(conversation_id)]


def test_send_and_close_closes_once_the_reply_has_gone(store, channel, conversation):
    result = reply(store, conversation, "Refund done.", "Maya", close=True)
    assert result.delivery == "sent" and channel.sent == [(result.message_id, "Refund done.")]
    assert store.get_conversation(conversation).status == "closed"
    assert actions(store, conversation)[-2:] == ["replied", "closed"]

    reply(store, conversation, "One more thing: the receipt is attached.", "Maya", close=True)
    assert actions(store, conversation).count("closed") == 1  # closed already: not again


def test_send_and_close_leaves_a_refused_reply_open(store, channel, conversation):
    channel.refuse = "The mail server refused the recipient."
    result = reply(store, conversation, "Refund done.", "Maya", close=True)
    assert result.delivery == "failed"
    assert store.get_conversation(conversation).status == "open"
    assert "closed" not in actions(store, conversation)


def test_a_reply_closed_while_queued_that_fails_opens_its_conversation_again(
    store, store_location, channel, conversation
):
    queued = reply(store, conversation, "Refund done.", "Maya", close=True,
                   has_secret=counter_pc_has_no_secret)
    assert queued.delivery == "queued"
    assert store.get_conversation(conversation).status == "closed"

    channel.refuse = "The mail server refused the login."
    back_office = open_store(store_location)
    try:
        assert send_outbox(back_office, back_office_has_it).failed == [
            (queued.message_id, "The mail server refused the login.")]
    finally:
        back_office.close()
    assert store.get_conversation(conversation).status == "open"
    reopened = store.history(conversation)[-1]
    assert reopened["action"] == "reopened"
    assert reopened["data"] == {"reason": "a reply was not sent"}


def test_a_failed_reply_in_an_open_conversation_changes_nothing_else(store, channel,
                                                                     conversation):
    channel.refuse = "The mail server is down."
    reply(store, conversation, "Hello", "Maya")
    assert store.get_conversation(conversation).status == "open"
    assert "reopened" not in actions(store, conversation)


def test_a_reply_sent_but_not_closed_is_still_sent_once(store, monkeypatch):
    """"Send and close" whose close failed after the reply went out raised, so the box
    said "not sent", gave the text back, and sending again reached the customer twice."""
    from inbox_app.store import QueueQuery, StoreError

    store.save_messages([msg("1", "Where is my order?", email="ann@x.org")])
    conversation = store.queue(QueueQuery(filter="all"))[0].conversation_id
    sent: list[str] = []
    monkeypatch.setitem(replies._SENDERS, "email",
                        lambda _store, out: sent.append(out.text) or Sent(f"<m{len(sent)}>"))

    def unreachable(*_args, **_kwargs):
        raise StoreError("The store stopped answering; nothing was changed.")

    monkeypatch.setattr(replies, "close_answered", unreachable)
    result = reply(store, conversation, "On its way today.", "Maya", close=True, sign=False)
    assert (result.delivery, result.not_closed) == (
        "sent", "The store stopped answering; nothing was changed.")
    assert sent == ["On its way today."]
    assert store.get_conversation(conversation).status == "open"
