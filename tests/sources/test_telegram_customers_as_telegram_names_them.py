"""Telegram customers as the Bot API describes them: a shared own contact whose number some
Telegram apps send without its `+`, and the sentences a shop owner reads about replies.

A customer who taps "Share my phone number" must become the customer the shop already
knows by that number (their phone calls, their customer-list row): Telegram account numbers
are always international, so `4915112345678` is +49 1511 2345678 whatever the shop's
phone region, never a number of the shop's own country.
"""

from __future__ import annotations

import time

import pytest

from inbox_app.replies import reply
from inbox_app.sources.poller import poll_once
from inbox_app.sources.telegram import mapped_updates
from inbox_app.store import QueueQuery
from tests.sources.telegram_standin import empty_bot, shop_reading

PAUL = 515151515


def _from_paul(message_id: int, **content) -> dict:
    paul = {"id": PAUL, "is_bot": False, "first_name": "Paul"}
    return {"update_id": 700_000 + message_id, "message": {
        "message_id": message_id, "date": int(time.time()) - 600 + message_id,
        "chat": {"id": PAUL, "first_name": "Paul", "type": "private"}, "from": paul,
        **content}}


def _phones(message) -> set[str]:
    return {ref.value for ref in message.identities if ref.kind == "phone"}


@pytest.fixture
def api(http_server):
    return empty_bot(http_server)


@pytest.fixture
def shop(store, api, http_server):
    return shop_reading(store, http_server)


@pytest.mark.parametrize("sent", ["4915112345678", "+4915112345678", "+49 1511 2345678"])
def test_a_shared_own_number_is_international_with_or_without_its_plus(sent):
    (message,), _ = mapped_updates([_from_paul(3, contact={
        "phone_number": sent, "first_name": "Paul", "user_id": PAUL})], "shop")
    assert _phones(message) == {"+4915112345678"}


def test_someone_else_s_contact_is_not_the_customer_s_number():
    (message,), _ = mapped_updates([_from_paul(3, contact={
        "phone_number": "4915199999999", "first_name": "Mia", "user_id": 42})], "shop")
    assert _phones(message) == set()


def test_the_customer_who_called_is_the_one_who_shares_the_number_on_telegram(shop, api,
                                                                               run_cli):
    code, _, err = run_cli("call", "log", "--phone", "+49 1511 2345678", "--name", "Paul Weber",
                           "--summary", "Asked about the Friday delivery")
    assert code == 0, err
    api.updates = [_from_paul(3, contact={"phone_number": "4915112345678",
                                          "first_name": "Paul", "user_id": PAUL})]
    (result,) = poll_once(shop)
    assert (result.new, result.error) == (1, None)
    customers = {row.customer_id for row in shop.queue(QueueQuery(filter="all"))}
    assert len(customers) == 1
    assert shop.stats()["customers"] == 1


def test_a_reply_too_long_for_its_emoji_says_how_telegram_counts_them(shop, api):
    """2,049 emoji are 4,098 of Telegram's characters: a number the owner could not find
    by counting what they typed, unless the sentence says why."""
    api.updates = [_from_paul(1, text="Do you have birthday cakes?")]
    poll_once(shop)
    (row,) = shop.queue(QueueQuery(filter="all"))
    result = reply(shop, row.conversation_id, "🎂" * 2049, None)
    assert (result.delivery, result.error) == (
        "failed", "Telegram messages can be at most 4096 characters, an emoji counting as two, "
                  "and this reply has 4098; shorten it and send it again (the text is kept).")
    assert api.requests("sendMessage") == []


@pytest.mark.parametrize(("origin", "shown"), [
    ({"type": "user", "date": 1_775_000_000,
      "sender_user": {"id": 77, "is_bot": False, "first_name": "Dana", "last_name": "Kaye"}},
     "[forwarded from Dana Kaye]"),
    ({"type": "hidden_user", "date": 1_775_000_000, "sender_user_name": "Courier Max"},
     "[forwarded from Courier Max]"),
    ({"type": "channel", "date": 1_775_000_000, "message_id": 5,
      "chat": {"id": -100123, "type": "channel", "title": "Harbour Lane news"}},
     "[forwarded from Harbour Lane news]"),
    ({"type": "chat", "date": 1_775_000_000,
      "sender_chat": {"id": -100456, "type": "supergroup", "title": "Parcel Express"}},
     "[forwarded from Parcel Express]"),
    ({"type": "something_new", "date": 1_775_000_000}, "[forwarded]"),
], ids=["user", "hidden user", "channel", "chat", "unknown"])
def test_a_forwarded_message_says_whose_words_they_are(origin, shown):
    """A customer who forwards the courier's angry note, or the shop's own announcement,
    did not write it: the chat shows "Forwarded from …", and so must the inbox."""
    (message,), _ = mapped_updates([_from_paul(4, forward_origin=origin,
                                               text="Delivery failed, nobody home")], "shop")
    assert message.text == f"{shown}\nDelivery failed, nobody home"
    assert message.author_name == "Paul"


def test_a_forwarded_photo_without_words_says_both():
    (message,), _ = mapped_updates([_from_paul(5, forward_origin={
        "type": "hidden_user", "date": 1_775_000_000, "sender_user_name": "Courier Max"},
        photo=[{"file_id": "a", "file_unique_id": "b", "width": 9, "height": 9}])], "shop")
    assert message.text == "[forwarded from Courier Max]\n[photo]"
