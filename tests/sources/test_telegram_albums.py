"""A customer sends three photos of a smashed parcel at once, with one angry caption: in
Telegram that is one message bubble (an album), but the Bot API sends each photo as a
message of its own, the caption on one of them. Stored so, the conversation's last
message was a bare `[photo]`: the queue's preview hid the caption and the conversation
was neither negative nor put first. An album read in one poll is one message now."""

from __future__ import annotations

import time

import pytest

from inbox_app.sources.poller import poll_once
from inbox_app.sources.telegram import mapped_updates
from inbox_app.store import QueueQuery
from tests.sources.telegram_standin import empty_bot, shop_reading

ZOE = 444555666
SENT_AT = int(time.time()) - 600  # just sent: a new account files older chats closed


@pytest.fixture
def api(http_server):
    return empty_bot(http_server)


@pytest.fixture
def shop(store, api, http_server):
    return shop_reading(store, http_server)


def _album_item(message_id: int, album: str = "13912345678901234", **content) -> dict:
    return {"update_id": 900_000 + message_id, "message": {
        "message_id": message_id, "date": SENT_AT, "media_group_id": album,
        "chat": {"id": ZOE, "first_name": "Zoe", "type": "private"},
        "from": {"id": ZOE, "is_bot": False, "first_name": "Zoe"}, **content}}


PHOTO = {"photo": [{"file_id": "AgAD", "file_unique_id": "AQAD", "width": 90, "height": 67}]}
ANGRY = "Arrived broken, the worst packing ever. I am really angry!"


def test_an_album_with_an_angry_caption_is_one_negative_message(shop, api):
    api.updates = [_album_item(20, caption=ANGRY, **PHOTO), _album_item(21, **PHOTO),
                   _album_item(22, **PHOTO)]
    (result,) = poll_once(shop)
    assert result.new == 1
    (row,) = shop.queue(QueueQuery(filter="negative"))
    assert row.preview.startswith("Arrived broken")
    (message,) = shop.messages(row.conversation_id)
    assert message.text == f"{ANGRY}\n[photo] ×3"
    assert message.external_id == f"{ZOE}:20"


def test_the_caption_may_be_on_any_photo_of_the_album():
    items, skipped = mapped_updates([_album_item(20, **PHOTO), _album_item(21, **PHOTO),
                                     _album_item(22, caption="the box, and the label", **PHOTO)],
                                    "shop")
    assert [(m.external_id, m.text) for m in items] == [
        (f"{ZOE}:20", "the box, and the label\n[photo] ×3")]
    assert skipped == 2


def test_files_of_an_album_are_each_named_and_two_albums_stay_two():
    items, _ = mapped_updates([
        _album_item(30, "A", document={"file_name": "invoice.pdf"}, caption="Invoice"),
        _album_item(31, "A", document={"file_name": "receipt.pdf"}),
        _album_item(32, "B", **PHOTO), _album_item(33, "B", **PHOTO),
    ], "shop")
    assert [m.text for m in items] == ["Invoice\n[file: invoice.pdf]\n[file: receipt.pdf]",
                                       "[photo] ×2"]


def test_reading_an_album_twice_stores_it_once(shop, api):
    """Its messages are confirmed only after they are stored: after a crash they come
    again, and the album is the same message."""
    album = [_album_item(20, caption=ANGRY, **PHOTO), _album_item(21, **PHOTO)]
    api.updates = list(album)
    poll_once(shop)
    shop.set_cursor("shop", {})
    api.updates = list(album)
    (result,) = poll_once(shop)
    assert (result.new, result.duplicates, result.error) == (0, 1, None)
    assert len(api.requests("getUpdates")) == 2
