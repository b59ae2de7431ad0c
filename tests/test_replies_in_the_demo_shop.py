"""Replying in the demo shop: a person trying the demo answers a made-up customer and sees
the whole flow — the reply is recorded as sent, marked as the demo's, and nothing leaves
the computer. A shop's own store, and a real account added to a demo store, still send for
real (both engines)."""

from __future__ import annotations

import socket

import pytest

from inbox_app import demo
from inbox_app.replies import reply, retry_reply, send_outbox
from inbox_app.store import QueueQuery, open_store

pytestmark = pytest.mark.both_engines

NOW = 1_780_000_000
STAFF = "Maya Okafor"


@pytest.fixture
def no_network(monkeypatch):
    """Any attempt to look up a host or open a connection fails the test."""
    def refused(*args, **kwargs):
        raise AssertionError(f"the demo tried to reach the network: {args!r}")

    monkeypatch.setattr(socket, "getaddrinfo", refused)
    monkeypatch.setattr(socket, "create_connection", refused)
    monkeypatch.setattr(socket.socket, "connect", refused)


@pytest.fixture
def demo_shop(store):
    """A small demo shop, made as `inbox-app demo` and the demo window make it."""
    demo.fill(store, seed=3, now_at=NOW, customers=40, as_demo=True)
    return store


def open_conversation(store, kind: str) -> int:
    """An open conversation of `kind` in the demo shop, else its newest one of that kind."""
    for filter in ("open", "all"):
        found = [row.conversation_id for row in store.queue(
            QueueQuery(filter=filter, kind=kind, order="newest", limit=1))]
        if found:
            return found[0]
    raise AssertionError(f"the demo shop has no {kind} conversation")


@pytest.mark.parametrize("kind", ["email", "mastodon", "bluesky", "telegram"])
def test_a_reply_on_each_channel_is_recorded_as_sent_and_nothing_leaves(
        demo_shop, no_network, kind):
    conversation_id = open_conversation(demo_shop, kind)

    result = reply(demo_shop, conversation_id, "Thanks, sorted!", STAFF)

    assert (result.delivery, result.error) == ("sent", None)
    assert result.demo
    stored = demo_shop.get_message(result.message_id)
    assert (stored.delivery, stored.text, stored.staff) == ("sent", "Thanks, sorted!", STAFF)
    assert stored.meta.get("demo") is True
    assert stored.external_id == f"demo:{result.message_id}"
    assert demo_shop.get_conversation(conversation_id).awaiting_since is None


def test_send_and_close_closes_the_conversation(demo_shop, no_network):
    conversation_id = open_conversation(demo_shop, "email")

    result = reply(demo_shop, conversation_id, "All done.", STAFF, close=True)

    assert (result.delivery, result.not_closed) == ("sent", None)
    assert demo_shop.get_conversation(conversation_id).status == "closed"
    assert result.demo


def test_a_template_reply_carries_the_signature_once(demo_shop, no_network):
    from inbox_app.core.templates import TemplateValues, fill

    demo_shop.set_setting("email_signature", "{staff} at {business}\nharbourlane.example")
    conversation_id = open_conversation(demo_shop, "email")
    body = next(t["body"] for t in demo_shop.list_templates() if t["name"] == "Order on its way")
    values = TemplateValues(customer_name="Ann Lee", staff=STAFF, business=demo.BUSINESS)
    text = fill(body, values)

    result = reply(demo_shop, conversation_id, text, STAFF)

    assert result.delivery == "sent"
    sign_off = fill("{staff} at {business}", values)
    assert demo_shop.get_message(result.message_id).text == (
        f"{text}\n\n{sign_off}\nharbourlane.example")


def test_on_a_shared_database_a_demo_reply_does_not_wait_for_a_secret(demo_shop, no_network):
    """No computer holds a made-up account's secret: the reply must not sit in the outbox."""
    conversation_id = open_conversation(demo_shop, "mastodon")

    result = reply(demo_shop, conversation_id, "On its way.", STAFF,
                   has_secret=lambda kind, account: False)

    assert result.delivery == "sent"
    assert result.demo


def test_the_outbox_and_try_again_finish_demo_replies_left_behind(demo_shop, no_network):
    """Replies a demo store kept queued or failed (from before demo replies were recorded)
    go through when the outbox runs or a person presses Try again."""
    queued_in = open_conversation(demo_shop, "email")
    failed_in = open_conversation(demo_shop, "bluesky")
    queued = demo_shop.add_outbound(queued_in, "Queued one", staff=STAFF, delivery="queued")
    failed = demo_shop.add_outbound(failed_in, "Failed one", staff=STAFF, delivery="failed",
                                    error="The Bluesky account is no longer set up.")

    outbox = send_outbox(demo_shop, lambda kind, account: False)
    retried = retry_reply(demo_shop, failed, STAFF)

    assert (outbox.sent, outbox.failed, outbox.left) == ([queued], [], 0)
    assert [demo_shop.get_message(m).delivery for m in (queued, failed)] == ["sent", "sent"]
    assert retried.demo


def test_a_reply_too_long_for_its_channel_is_refused_as_the_channel_would(
        demo_shop, no_network):
    conversation_id = open_conversation(demo_shop, "bluesky")

    result = reply(demo_shop, conversation_id, "so good " * 50, STAFF)

    assert result.delivery == "failed"
    assert "Bluesky replies can be at most 300 characters" in result.error
    assert demo_shop.get_conversation(conversation_id).status == "open"


def test_a_call_back_note_is_logged_as_in_any_shop(demo_shop, no_network):
    conversation_id = open_conversation(demo_shop, "phone")

    result = reply(demo_shop, conversation_id, "Called back, all fine.", STAFF)

    assert (result.delivery, result.demo) == ("sent", False)
    assert demo_shop.get_message(result.message_id).meta.get("call_note") is True


def test_a_real_account_added_under_a_made_up_name_sends_for_real(demo_shop, channel):
    conversation_id = open_conversation(demo_shop, "email")
    demo_shop.add_account("hello@harbourlane.example", "email", {"address": "hello@x.org"})

    result = reply(demo_shop, conversation_id, "Real one.", STAFF)

    assert (result.delivery, result.demo) == ("sent", False)
    assert channel.sent == [(result.message_id, "Real one.")]


def test_a_store_not_made_as_the_demo_is_not_treated_as_one(store, no_network):
    """The made-up shop without the demo's mark (as tests and benchmarks fill it) stands in
    for a real shop: its replies go to the channel, which knows no such account."""
    demo.fill(store, seed=3, now_at=NOW, customers=40)
    conversation_id = open_conversation(store, "email")

    result = reply(store, conversation_id, "Hello.", STAFF)

    assert (result.delivery, result.demo) == ("failed", False)
    assert "is no longer set up" in result.error


@pytest.mark.sqlite_only
def test_the_command_line_reply_in_a_demo_store_says_it_was_sent(db_path, run_cli):
    store = open_store(db_path)
    try:
        demo.fill(store, seed=3, now_at=NOW, customers=40, as_demo=True)
        conversation_id = open_conversation(store, "email")
    finally:
        store.close()

    code, out, err = run_cli("reply", str(conversation_id), "--text-file", "-", "--close",
                             stdin="Thanks, a new bag is on its way.", as_staff="Maya")

    assert (code, err) == (0, "")
    assert out.startswith(f"reply sent in #{conversation_id} (message ")
    assert "(demo: nothing left this computer)" in out
    assert out.rstrip().endswith(f"#{conversation_id} closed")


@pytest.mark.sqlite_only
def test_the_demo_mark_is_no_setting_a_person_can_set(db_path, run_cli):
    open_store(db_path).close()

    code, out, err = run_cli("settings", demo.MADE_UP_ACCOUNTS, '["hello@shop.example"]')

    assert code == 2 and out == ""
    assert "is not a setting" in err
    store = open_store(db_path)
    try:
        assert store.get_setting(demo.MADE_UP_ACCOUNTS) is None
    finally:
        store.close()


@pytest.mark.sqlite_only
def test_inbox_app_demo_makes_a_demo_store(db_path, run_cli):
    code, _, _ = run_cli("demo")
    assert code == 0
    store = open_store(db_path)
    try:
        assert demo.is_made_up(store, demo.ACCOUNT_OF_KIND["email"])
    finally:
        store.close()


@pytest.mark.sqlite_only
def test_the_demo_window_s_store_is_a_demo_store(tmp_path, monkeypatch):
    """"Explore the demo" and `inbox-app --demo` open `demo.create_store()`'s store."""
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    store = open_store(demo.create_store())
    try:
        assert all(demo.is_made_up(store, account)
                   for account in demo.ACCOUNT_OF_KIND.values())
    finally:
        store.close()
