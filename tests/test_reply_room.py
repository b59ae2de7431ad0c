"""`reply_room`, the one place that knows each channel's limit and how it counts, as the
composer's count, its Send check and the channels' senders use it."""

from __future__ import annotations

from inbox_app.replies import ReplyFrame, Room, reply_room, too_long


def test_each_channel_counts_its_own_way():
    assert reply_room("email", "x" * 5000) is None
    assert reply_room("bluesky", "👨‍👩‍👧 hi") == Room(300, 4)  # a family is one character
    assert reply_room("bluesky", "👨‍👩‍👧" * 200) == Room(3000, 3600, "bytes")  # 300 fit, bytes not
    assert reply_room("telegram", "🙂 hi") == Room(4096, 5)  # an emoji is two UTF-16 units
    assert reply_room("mastodon", "  hi  ") == Room(500, 2)  # as it goes: trimmed


def test_a_mastodon_reply_counts_what_goes_out_with_it():
    frame = ReplyFrame(handle="jo@far.example", warning="parcel", limit=1000)
    # "@jo " (the handle, counted without its domain) + "parcel" + the text
    assert reply_room("mastodon", "Sorry!", frame) == Room(1000, 4 + 6 + 6)
    named = reply_room("mastodon", "Sorry @jo@far.example!", frame)
    assert named == Room(1000, 6 + len("Sorry @jo!"))  # named already: not added again
    assert reply_room("mastodon", "see https://example.com/" + "a" * 200, frame).used == \
        4 + 6 + 4 + 23


def test_too_long_says_what_was_counted():
    frame = ReplyFrame(handle="admin", warning="order problem")
    assert too_long("mastodon", "x" * 480, frame) is None  # 7 + 13 + 480 = 500
    assert too_long("mastodon", "x" * 481, frame) == (
        "Mastodon replies can be at most 500 characters and this one has 501 with the"
        " customer's handle and the content warning: shorten it, then send.")
    assert too_long("mastodon", "@admin " + "x" * 494, ReplyFrame(handle="admin")) == (
        "Mastodon replies can be at most 500 characters and this one has 501: shorten it,"
        " then send.")  # the handle is the text's own: nothing else counted
