"""A customer's first direct message to the shop, on a Mastodon server of 4.3 or later.

Mastodon's default notification policy files private mentions from people the shop does
not follow away as "notification requests" (`for_private_mentions: filter`, as the
recorded 4.6 server answers): `/api/v1/notifications` leaves them out unless asked with
`include_filtered=true`. A shop follows few of its customers, so without it their direct
messages never reached the inbox.
"""

from __future__ import annotations

import pytest

from inbox_app import secrets
from inbox_app.sources.poller import poll_once
from inbox_app.store import QueueQuery
from tests.servers import json_reply
from tests.sources.mastodon_standin import MENTIONS, TOKEN
from tests.sources.recorded import mastodon_json

NOW = 1_900_000_000
DIRECT_STATUS = "117020579056402558"  # "@admin please follow me - 600!", visibility direct


@pytest.fixture
def shop(store, http_server, corpus):
    store.add_account("shop", "mastodon", {"server": http_server.base_url})
    secrets.set_secret("shop", TOKEN)
    return store


def _server_with_default_policy(http_server) -> None:
    """Lists a public mention always and a stranger's direct message only when the
    filtered notifications are asked for, as Mastodon does under its default policy."""
    base = http_server.base_url
    public = mastodon_json(MENTIONS, 1, base)[0]
    direct = mastodon_json(MENTIONS, 1, base)[0]
    direct.update(id="22", status=mastodon_json("test_notification_requests_accept.yaml", 8,
                                                base))

    def notifications(request):
        if request.query.get("include_filtered") == ["true"]:
            return json_reply([direct, public])
        return json_reply([public])

    http_server.route("GET", "/api/v1/notifications", notifications)


def test_a_direct_message_from_someone_the_shop_does_not_follow_comes_in(shop, http_server):
    _server_with_default_policy(http_server)
    (result,) = poll_once(shop, at=NOW)
    assert (result.new, result.error) == (2, None)
    stored = {}
    for row in shop.queue(QueueQuery(filter="all")):
        for message in shop.messages(row.conversation_id):
            stored[message.external_id] = message
    direct = stored[DIRECT_STATUS]
    assert direct.text == "@admin please follow me - 600!"
    assert direct.meta["visibility"] == "direct"
    assert shop.get_account("shop").cursor == {"since_id": "22"}

