"""A direct or followers-only post that names the shop and someone else: the reply must
reach that someone too, as Mastodon's own reply box addresses it.

Only the people a direct message mentions can read it, and a followers-only reply reaches
the customer's companion only by naming them. The reply named the author alone, so a
customer's "@shop @partner our order never came" got an answer the partner never saw.
"""

from __future__ import annotations

import pytest

from inbox_app import secrets
from inbox_app.replies import reply, reply_room
from inbox_app.sources.mastodon_reply import reply_frame
from inbox_app.sources.poller import poll_once
from inbox_app.store import QueueQuery
from tests.servers import json_reply
from tests.sources.mastodon_standin import MENTIONS, TOKEN
from tests.sources.recorded import mastodon_json, mastodon_reply

NOW = 1_900_000_000
SHOP_ID = "117020565966271181"  # @mastodonpy_test, whom the recorded mention names
PARTNER = {"id": "117020566092212359", "username": "lee", "acct": "lee@harbour.example",
           "url": "https://harbour.example/@lee"}


@pytest.fixture
def shop(store, http_server, corpus):
    store.add_account("shop", "mastodon", {"server": http_server.base_url})
    secrets.set_secret("shop", TOKEN)
    me = mastodon_json("test_account.yaml", 0, http_server.base_url)
    me["id"] = SHOP_ID
    http_server.route("GET", "/api/v1/accounts/verify_credentials", lambda r: json_reply(me))
    http_server.route("POST", "/api/v1/statuses", lambda r: mastodon_reply(
        "test_status_reply.yaml", 2, http_server.base_url))
    return store


def _poll_mention(store, http_server, visibility: str) -> int:
    """Polls admin's mention of the shop and of @lee, with that visibility; its conversation."""
    mention = mastodon_json(MENTIONS, 1, http_server.base_url)[0]
    mention["status"]["visibility"] = visibility
    mention["status"]["mentions"].append(PARTNER)
    http_server.route("GET", "/api/v1/notifications", lambda r: json_reply([mention]))
    poll_once(store, at=NOW)
    return store.queue(QueueQuery(filter="all"))[0].conversation_id


@pytest.mark.parametrize("visibility", ["direct", "private"])
def test_the_reply_names_everyone_the_customer_addressed_but_the_shop(shop, http_server,
                                                                      visibility):
    conversation = _poll_mention(shop, http_server, visibility)
    result = reply(shop, conversation, "Sorry, it goes out today.", None)
    assert (result.delivery, result.error) == ("sent", None)
    (posted,) = http_server.requests_to("/api/v1/statuses")
    assert posted.json()["status"] == "@admin @lee@harbour.example Sorry, it goes out today."
    assert posted.json()["visibility"] == visibility


def test_a_public_reply_answers_the_author_alone(shop, http_server):
    conversation = _poll_mention(shop, http_server, "public")
    asked_by_the_poll = len(http_server.requests_to("/api/v1/accounts/verify_credentials"))
    reply(shop, conversation, "Sorry, it goes out today.", None)
    (posted,) = http_server.requests_to("/api/v1/statuses")
    assert posted.json()["status"] == "@admin Sorry, it goes out today."
    # The reply asks nothing of whose token it is (the poll learned the account's id).
    assert len(http_server.requests_to("/api/v1/accounts/verify_credentials")) == \
        asked_by_the_poll


def test_the_room_left_counts_every_name_the_reply_starts_with(shop, http_server):
    conversation = _poll_mention(shop, http_server, "direct")
    frame = reply_frame(shop, conversation, ask=False)
    text = "Sorry, it goes out today."
    assert reply_room("mastodon", text, frame).used == len("@admin @lee " + text)


def test_a_name_the_reply_already_holds_is_not_added_again(shop, http_server):
    conversation = _poll_mention(shop, http_server, "direct")
    reply(shop, conversation, "@lee@harbour.example your parcel left today", None)
    (posted,) = http_server.requests_to("/api/v1/statuses")
    assert posted.json()["status"] == "@admin @lee@harbour.example your parcel left today"
