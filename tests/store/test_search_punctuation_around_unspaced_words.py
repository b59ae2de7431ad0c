"""A Chinese, Japanese or Thai word, or an emoji, is found with the punctuation a person
types or pastes around it: quotes, 「brackets」, a question mark from the input method.

Such words are looked for inside the text (the word index cannot split them), so the
punctuation around a typed word used to be looked for too, and nothing was found."""

from __future__ import annotations

import pytest

from inbox_app.store import QueueQuery

from .helpers import msg


@pytest.fixture
def shop(store):
    store.save_messages([
        msg("1", "商品がまだ届きません。注文番号は1041です", email="jp@x.jp", author="山田 花子"),
        msg("2", "สั่งเสื้อไปสองตัวแต่ได้รับแค่ตัวเดียว", email="som@x.th", author="Somchai"),
        msg("3", "Great coffee ☕️ and the barista was lovely 😍", kind="mastodon",
            handle="@fan@m.social", author="Fan"),
        msg("4", "Still waiting 😡😡 for my refund", email="angry@x.org", author="Angry Al"),
        msg("5", "Loved it ❤ thanks", email="love@x.org", author="Lou"),
        msg("6", "Everything arrived, thank you", email="calm@x.org", author="Cal"),
    ])
    return store


def found(store, typed: str) -> list[str]:
    return sorted(r.customer_name for r in store.queue(QueueQuery(filter="all", search=typed)))


@pytest.mark.parametrize(("typed", "expected"), [
    ("商品", ["山田 花子"]),
    ('"商品"', ["山田 花子"]),  # quoted
    ("“商品”", ["山田 花子"]),
    ("「商品」", ["山田 花子"]),  # Japanese quotation brackets
    ("商品？", ["山田 花子"]),  # a full-width question mark from the input method
    ("商品?", ["山田 花子"]),
    ("商品、届き", ["山田 花子"]),  # both words, wherever they are
    ('"商品 届き"', ["山田 花子"]),
    ("(届き)", ["山田 花子"]),
    ("商品、返金", []),  # every word must still appear
    ("「เสื้อ」", ["Somchai"]),  # Thai: its vowel marks are no punctuation
    ("เสื้อ?", ["Somchai"]),
    ("refund？", ["Angry Al"]),  # a Latin word with a full-width mark: the word index
    ("注文番号は1041", ["山田 花子"]),
    ("「」", []),  # punctuation alone finds nothing, and is no error
    ("？！", []),
    ("商品 ?", ["山田 花子"]),  # a mark typed apart from the word
    ("- 商品", ["山田 花子"]),
])
def test_punctuation_around_an_unspaced_word_is_not_looked_for(shop, typed, expected):
    assert found(shop, typed) == expected


@pytest.mark.parametrize(("typed", "expected"), [
    ("☕", ["Fan"]),  # the text has it with its emoji presentation selector
    ("☕️", ["Fan"]),
    ("😡", ["Angry Al"]),
    ("😡 refund", ["Angry Al"]),
    ("😍 barista", ["Fan"]),
    ("❤️", ["Lou"]),  # typed with the selector, written without
    ('"😡"', ["Angry Al"]),
    ("😡 thanks", []),
    ("🙂", []),
    ("😡 !", ["Angry Al"]),
])
def test_an_emoji_finds_the_messages_that_hold_it(shop, typed, expected):
    assert found(shop, typed) == expected


def test_customers_are_found_by_a_quoted_name_in_an_unspaced_script(shop):
    assert [c.name for c in shop.list_customers(search="「山田」")] == ["山田 花子"]
