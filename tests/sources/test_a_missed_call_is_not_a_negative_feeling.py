"""A call logged without a summary carries no feeling: "Missed call" is the app's own
words, not the customer's, and must not put the caller among the negative ones."""

from __future__ import annotations

from inbox_app.sources import phone
from inbox_app.store.queue import QueueQuery


def test_a_missed_call_without_a_summary_is_neutral(store):
    calls = [phone.Call("+1 415 555 0199", 1_780_000_000, status="missed"),
             phone.Call("+1 415 555 0198", 1_780_000_000, direction="out")]
    store.save_messages([phone.call_message(call, region="US") for call in calls])
    moods = [m.sentiment.compound for c in (1, 2) for m in store.messages(c)]
    assert moods == [0.0, 0.0]  # not -0.296 ("missed") nor +0.296 ("outgoing")
    negative = store.queue(QueueQuery(filter="negative"))
    assert [row.id for row in negative] == []


def test_a_summary_is_still_scored():
    call = phone.Call("+1 415 555 0199", 1_780_000_000, status="missed",
                      notes="Furious: the grinder broke again, wants a refund")
    message = phone.call_message(call, region="US")
    assert message.sentiment is None  # scored by the store, on the customer's words
