"""The composer says why a Telegram reply is too long in words the owner can count: Telegram
counts an emoji as two, so 2,049 emoji are "4,098", which no one gets by counting."""

from __future__ import annotations

from inbox_app.replies import too_long


def test_emoji_are_said_to_count_as_two():
    assert too_long("telegram", "😀" * 2049) == (
        "Telegram replies can be at most 4,096 characters, an emoji counting as two, and this"
        " one has 4,098: shorten it, then send.")


def test_plain_letters_are_counted_as_they_are():
    assert too_long("telegram", "a" * 4097) == (
        "Telegram replies can be at most 4,096 characters and this one has 4,097: shorten it,"
        " then send.")
    assert too_long("telegram", "😀" * 2048) is None
