"""Telegram as a shop meets it after weeks: customers edit what they wrote, send a dice or
pin a message instead of words, and another service may hold the bot's webhook.

A shop owner expects the inbox to show what the customer's chat shows. An edit made
before the app read the message simply is the message; an edit of a message already in
the inbox comes in as a new message marked `[edited]` in the same conversation: nothing
the owner has read changes under their eyes, and the conversation comes back as unread
because the customer changed what they said. Things Telegram reports in a chat that
nobody wrote (a pinned message, a changed auto-delete timer, a live location moving)
are not messages, and a message with no words is never counted as an unhappy one.
"""

from __future__ import annotations

import pytest

from inbox_app.replies import reply
from inbox_app.sources.poller import poll_once
from inbox_app.sources.telegram import mapped_updates
from inbox_app.store import QueueQuery
from tests.servers import json_reply
from tests.sources.telegram_standin import TOKEN, empty_bot, method, shop_reading

NOW = 1_900_000_000
ZOE = 444555666
SENT_AT = 1_775_000_000


@pytest.fixture
def api(http_server):
    return empty_bot(http_server)


@pytest.fixture
def shop(store, api, http_server):
    return shop_reading(store, http_server)


def _message(message_id: int, **content) -> dict:
    return {"message_id": message_id, "date": SENT_AT + message_id,
            "chat": {"id": ZOE, "first_name": "Zoe", "type": "private"},
            "from": {"id": ZOE, "is_bot": False, "first_name": "Zoe"}, **content}


def _edited(message_id: int, edit_date: int, **content) -> dict:
    return {**_message(message_id, **content), "edit_date": edit_date}


def _messages(store) -> list:
    rows = store.queue(QueueQuery(filter="all"))
    return sorted((m for row in rows for m in store.messages(row.conversation_id)),
                  key=lambda m: (m.at, m.id))


def test_getupdates_asks_for_edits_too(shop, api):
    poll_once(shop, at=NOW)
    (request,) = api.requests("getUpdates")
    assert request.json()["allowed_updates"] == ["message", "edited_message"]


def test_an_edit_of_a_message_already_in_the_inbox_comes_in_beside_it(shop, api):
    api.updates = [{"update_id": 1, "message": _message(10, text="I want 3 cakes on Friday")}]
    poll_once(shop, at=NOW)
    (original,) = _messages(shop)
    shop.mark_read(original.conversation_id)

    api.updates = [{"update_id": 2, "edited_message": _edited(
        10, SENT_AT + 600, text="I want 4 cakes on Friday")}]
    (result,) = poll_once(shop, at=NOW + 60)
    assert (result.new, result.error) == (1, None)
    first, edit = _messages(shop)
    assert first.text == "I want 3 cakes on Friday"  # what was read stays as it was
    assert edit.text == "[edited] I want 4 cakes on Friday"
    assert edit.at == SENT_AT + 600
    assert edit.conversation_id == first.conversation_id
    assert edit.customer_id == first.customer_id
    assert shop.get_conversation(first.conversation_id).unread  # the customer changed it

    # Two edits read in one poll: the latest is the one that counts.
    api.updates = [{"update_id": 3 + n, "edited_message": _edited(
        10, SENT_AT + 600 + n * 60, text=f"I want {5 + n} cakes on Friday")} for n in (1, 0)]
    (both,) = poll_once(shop, at=NOW + 90)
    assert (both.new, both.skipped) == (1, 1)
    assert _messages(shop)[-1].text == "[edited] I want 6 cakes on Friday"

    # The same edit delivered again is stored once.
    api.updates = [{"update_id": 9, "edited_message": _edited(
        10, SENT_AT + 600, text="I want 4 cakes on Friday")}]
    (again,) = poll_once(shop, at=NOW + 120)
    assert (again.new, again.duplicates) == (0, 1)

    # A reply answers the message in the chat (which now shows the edited words).
    result = reply(shop, first.conversation_id, "Four it is!", None)
    assert result.delivery == "sent"
    assert api.requests("sendMessage")[0].json()["reply_parameters"]["message_id"] == 10


def test_an_edit_made_before_the_app_read_the_message_is_the_message(shop, api):
    api.updates = [
        {"update_id": 1, "message": _message(10, text="Hi, order #1401 is late")},
        {"update_id": 2, "edited_message": _edited(10, SENT_AT + 30,
                                                   text="Hi, order #1041 is late")},
        {"update_id": 3, "edited_message": _edited(10, SENT_AT + 90,
                                                   text="Hi, order #1041 is late (Zoe)")},
    ]
    (result,) = poll_once(shop, at=NOW)
    assert (result.new, result.skipped) == (1, 2)
    (message,) = _messages(shop)
    assert message.text == "Hi, order #1041 is late (Zoe)"
    assert message.at == SENT_AT + 10  # when it was sent


def test_a_live_location_moving_is_not_a_message(shop, api):
    place = {"latitude": 52.52, "longitude": 13.40, "live_period": 900}
    api.updates = [{"update_id": 1, "message": _message(10, location=place)}] + [
        {"update_id": 1 + n, "edited_message": _edited(
            10, SENT_AT + 30 * n, location={**place, "latitude": 52.52 + n / 1000})}
        for n in range(1, 6)]
    (result,) = poll_once(shop, at=NOW)
    assert result.new == 1
    api.updates = [{"update_id": 9, "edited_message": _edited(
        10, SENT_AT + 600, location={**place, "latitude": 52.6})}]
    (later,) = poll_once(shop, at=NOW + 60)
    assert later.new == 0
    assert [m.text for m in _messages(shop)] == ["[location: 52.52, 13.4]"]


@pytest.mark.parametrize("service", [
    {"pinned_message": {"message_id": 9, "date": SENT_AT, "chat": {"id": ZOE,
                                                                    "type": "private"}}},
    {"message_auto_delete_timer_changed": {"message_auto_delete_time": 86400}},
    {"chat_background_set": {"type": {"type": "fill", "fill": {"type": "solid", "color": 1},
                                      "dark_theme_dimming": 0}}},
    {"write_access_allowed": {"from_request": True}},
], ids=["pinned", "auto-delete timer", "background", "write access"])
def test_what_telegram_reports_in_a_chat_that_nobody_wrote_is_not_a_message(service):
    items, skipped = mapped_updates([{"update_id": 1, "message": _message(10, **service)}],
                                    "shop")
    assert (items, skipped) == ([], 1)


@pytest.mark.parametrize(("content", "shown"), [
    ({"dice": {"emoji": "🎲", "value": 3}}, "[dice: 3]"),
    ({"dice": {"emoji": "🎯", "value": 6}}, "[darts: 6]"),
    ({"story": {"chat": {"id": ZOE, "type": "private"}, "id": 3}}, "[story]"),
    ({"venue": {"location": {"latitude": 1.5, "longitude": 2.5}, "title": "Harbour Lane",
                "address": "1 Quay St"}, "location": {"latitude": 1.5, "longitude": 2.5}},
     "[place: Harbour Lane, 1 Quay St]"),
    ({"photo": [{"file_id": "a", "file_unique_id": "b", "width": 9, "height": 9}]}, "[photo]"),
    ({"voice": {"file_id": "a", "file_unique_id": "b", "duration": 12}}, "[voice message]"),
    ({"sticker": {"file_id": "a", "file_unique_id": "b", "type": "regular", "width": 9,
                  "height": 9, "is_animated": False, "is_video": False, "emoji": "😡"}},
     "[sticker 😡]"),
    ({"something_new": {"id": 1}}, "[a kind of message the app cannot show; see it in "
                                   "Telegram]"),
], ids=["dice", "darts", "story", "venue", "photo", "voice", "sticker", "unknown"])
def test_a_message_without_words_says_what_it_is_and_is_not_unhappy(content, shown):
    (message,), skipped = mapped_updates([{"update_id": 1, "message": _message(10, **content)}],
                                         "shop")
    assert (message.text, skipped) == (shown, 0)
    assert message.sentiment.compound == 0.0


def test_a_webhook_set_by_another_service_names_the_way_out(shop, http_server):
    http_server.route("POST", method("getUpdates"), lambda r: json_reply({
        "ok": False, "error_code": 409,
        "description": "Conflict: can't use getUpdates method while webhook is active; use "
                       "deleteWebhook to delete the webhook first"}, status=409))
    (result,) = poll_once(shop, at=NOW)
    assert result.error == (
        "Telegram sends this bot's messages to a webhook that another service set, so the app "
        "cannot read them: disconnect the bot from that service, or remove the webhook by "
        f"opening {http_server.base_url}/bot<the bot's token>/deleteWebhook in a browser.")
    assert TOKEN.split(":")[1] not in result.error
