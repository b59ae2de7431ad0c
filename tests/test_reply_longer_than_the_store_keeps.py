"""A reply longer than the app keeps a message (100,000 characters) is refused before
anything is stored or sent — it was cut and sent to the customer with the app's own
"[… cut …]" mark in it, the draft left behind whole."""

from __future__ import annotations

import pytest

from inbox_app.core.text import MAX_TEXT
from inbox_app.replies import reply
from inbox_app.store import StoreError
from tests.store.helpers import msg

pytestmark = pytest.mark.both_engines


def test_a_reply_over_the_limit_is_refused_whole_and_sends_nothing(store, channel):
    store.add_staff("Maya")
    store.save_messages([msg("q1", "Your prices?", email="ann@x.org", account="shop mail")])
    conversation = store.conversation_ids_for_threads(["email:shop mail:q1"])[
        "email:shop mail:q1"]
    text = "Our price list:\n" + "espresso 2.80\n" * (MAX_TEXT // 14 + 1)
    with pytest.raises(StoreError, match=r"at most 100,000 characters and this one has "
                                         rf"{len(text.strip()):,}"):
        reply(store, conversation, text, "Maya", sign=False)
    assert channel.sent == []
    assert [m for m in store.messages(conversation) if m.direction == "out"] == []

    fits = "espresso 2.80\n" * (MAX_TEXT // 14)
    assert reply(store, conversation, fits, "Maya", sign=False).delivery == "sent"
    assert channel.sent[0][1] == fits.strip()


def test_the_composer_is_told_before_sending_what_each_channel_would_refuse():
    from inbox_app.replies import too_long

    assert too_long("email", "x" * (MAX_TEXT + 1)) == (
        "A reply can be at most 100,000 characters and this one has 100,001: shorten it,"
        " then send.")
    assert too_long("email", "x" * MAX_TEXT + "\n\n") is None
    assert too_long("mastodon", "x" * 600) is None  # each server has its own limit
    assert too_long("bluesky", "👍" * 300) is None
    assert too_long("bluesky", "👨‍👩‍👧" * 200) == (  # 200 characters, 3,600 bytes
        "Bluesky replies can be at most 3,000 bytes and this one has 3,600: shorten it, then"
        " send.")
    assert too_long("telegram", "🙂" * 2049) == (  # two UTF-16 units each, as Telegram counts
        "Telegram replies can be at most 4,096 characters, an emoji counting as two, and this"
        " one has 4,098: shorten it, then send.")
