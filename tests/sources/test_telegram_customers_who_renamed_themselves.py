"""A Telegram customer changes their name or username in Telegram; their account's id stays.
The queue and the customer pane followed the name the person had when they first wrote,
forever. Now a newer message carries the new name to the customer (unless the shop named
the customer itself: a name typed or brought in from the shop's customer list stays) and to
the identity the pane lists; an older message read late does not bring the old name back."""

from __future__ import annotations

import pytest

from inbox_app.sources.poller import poll_once
from inbox_app.store import QueueQuery
from tests.sources.telegram_standin import empty_bot, shop_reading

pytestmark = pytest.mark.both_engines

ANN = 111111111
NOW = 1_900_000_000


@pytest.fixture
def api(http_server):
    return empty_bot(http_server)


@pytest.fixture
def shop(store, api, http_server):
    return shop_reading(store, http_server)


def write(api, update_id: int, at: int, text: str, *, first: str, last: str | None = None,
          username: str | None = None, edited: bool = False) -> None:
    person = {"id": ANN, "is_bot": False, "first_name": first,
              **({"last_name": last} if last else {}), **({"username": username} if username
                                                            else {})}
    message = {"message_id": update_id - 800_000, "date": at,
               "chat": {"id": ANN, "type": "private", "first_name": first}, "from": person,
               "text": text}
    if edited:
        message["edit_date"] = at + 60
    api.updates.append({"update_id": update_id,
                        "edited_message" if edited else "message": message})


def customer_of(store):
    (row,) = store.queue(QueueQuery(filter="all"))
    customer = store.get_customer(row.customer_id)
    by_id = {i.value: i.display for i in customer.identities if i.kind == "telegram"}
    return row.customer_name, customer.name, by_id


def test_a_new_name_and_username_reach_the_queue_and_the_customer(shop, api):
    write(api, 800_001, NOW - 7200, "Where is my order?", first="Ann", last="Lee",
          username="ann_lee")
    poll_once(shop, at=NOW)
    write(api, 800_002, NOW - 60, "Any news?", first="Ann", last="Smith",
          username="ann_smith")
    poll_once(shop, at=NOW)
    shown, name, identities = customer_of(shop)
    assert (shown, name) == ("Ann Smith", "Ann Smith")
    assert identities[str(ANN)] == "@ann_smith"
    assert {"ann_lee", "ann_smith"} <= set(identities)  # both usernames lead to her
    assert [c.name for c in shop.list_customers(search="Smith")] == ["Ann Smith"]


def test_a_name_changed_within_one_read_is_the_latest(shop, api):
    write(api, 800_001, NOW - 7200, "Where is my order?", first="Ann", last="Lee")
    write(api, 800_002, NOW - 60, "Any news?", first="Annie")
    poll_once(shop, at=NOW)
    shown, name, identities = customer_of(shop)
    assert (shown, name, identities[str(ANN)]) == ("Annie", "Annie", "Annie")


def test_a_name_the_shop_gave_the_customer_stays(shop, api):
    write(api, 800_001, NOW - 7200, "Where is my order?", first="Ann", last="Lee",
          username="ann_lee")
    poll_once(shop, at=NOW)
    (row,) = shop.queue(QueueQuery(filter="all"))
    shop.rename_customer(row.customer_id, "Ann Lee (wholesale, Harbour Café)")
    write(api, 800_002, NOW - 60, "Any news?", first="Ann", last="Smith",
          username="ann_smith")
    poll_once(shop, at=NOW)
    shown, name, identities = customer_of(shop)
    assert (shown, name) == ("Ann Lee (wholesale, Harbour Café)",) * 2
    assert identities[str(ANN)] == "@ann_smith"  # how Telegram knows her now


def test_the_shop_s_name_stays_even_when_it_was_the_telegram_name(shop, api):
    """A person who typed the name the customer had chose it."""
    write(api, 800_001, NOW - 7200, "Where is my order?", first="Ann", last="Lee")
    poll_once(shop, at=NOW)
    (row,) = shop.queue(QueueQuery(filter="all"))
    shop.rename_customer(row.customer_id, "Ann Lee")
    write(api, 800_002, NOW - 60, "Any news?", first="Annie")
    poll_once(shop, at=NOW)
    assert customer_of(shop)[:2] == ("Ann Lee", "Ann Lee")


def test_an_older_message_read_late_does_not_bring_the_old_name_back(shop, api):
    write(api, 800_002, NOW - 60, "Any news?", first="Ann", last="Smith")
    poll_once(shop, at=NOW)
    # an edit of a message written before the rename, read afterwards, carries the new name
    # (Telegram sends the person as they are now); a message dated earlier with the old one
    # (an import of an old chat, say) must not undo it
    write(api, 800_003, NOW - 7200, "Where is my order?", first="Ann", last="Lee")
    poll_once(shop, at=NOW)
    shown, name, identities = customer_of(shop)
    assert (shown, name, identities[str(ANN)]) == ("Ann Smith", "Ann Smith", "Ann Smith")
