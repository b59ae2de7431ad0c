"""Reopening (both engines): only a closed or snoozed conversation is reopened."""

from __future__ import annotations

from inbox_app.core.timeutil import now
from inbox_app.store import QueueQuery

from .helpers import msg


def test_reopening_an_open_conversation_records_nothing_and_keeps_its_version(store):
    store.add_staff("Maya Okafor")
    store.save_messages([msg("ann", "Where is my order?", email="ann@x.org")])
    conversation = store.queue_ids(QueueQuery())[0]
    before = store.get_conversation(conversation).version
    assert store.reopen_conversation(conversation, staff="Maya Okafor") is False
    assert store.get_conversation(conversation).version == before
    assert "reopened" not in [entry["action"] for entry in store.history(conversation)]
    store.snooze(conversation, now() + 3600, staff="Maya Okafor")
    assert store.reopen_conversation(conversation, staff="Maya Okafor") is True
    assert store.get_conversation(conversation).status == "open"
    assert [entry["action"] for entry in store.history(conversation)][-1] == "reopened"
