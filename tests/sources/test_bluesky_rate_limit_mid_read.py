"""A Bluesky rate limit met on a later page of a read keeps the pages read before it.

Under a limit every request counts: the pages already read are stored with the
cursor moved to where reading stopped, the rest is read once the limit lifts, and
the read says when that is. A limit on the very first page is still a failed read
(nothing was read).
"""

from __future__ import annotations

import time

import pytest

from inbox_app.sources import bluesky
from inbox_app.sources.http import make_session
from inbox_app.sources.poller import poll_once
from tests.servers import json_reply
from tests.sources.bluesky_standin import PASSWORD, XRPC

NOW = 1_900_000_000
LIST = "app.bsky.notification.listNotifications"
OLD_MARK = {"indexed_at": "2023-08-31T00:00:00.000Z", "uris": []}


@pytest.fixture
def limited_at_100(bluesky_shop, pds, http_server):
    """Pages of 50; the page at cursor 100 is refused with a 429 while `limits` holds one."""
    bluesky_shop.set_cursor("shop", OLD_MARK)
    pds.page_size = 50
    pages = http_server.routes[("GET", XRPC + LIST)]
    limits = [True]

    def answer(request):
        if request.query.get("cursor") == ["100"] and limits[0]:
            return json_reply({"error": "RateLimitExceeded", "message": "Rate Limit Exceeded"},
                              status=429, headers={"ratelimit-remaining": "0",
                                                   "ratelimit-reset": str(int(time.time()) + 600)})
        return pages(request)

    http_server.route("GET", XRPC + LIST, answer)
    return limits


def _cursors(pds):
    return [(r.query.get("cursor") or [None])[0] for r in pds.requests(LIST)]


def test_pages_read_before_the_limit_are_stored_and_the_rest_read_after(bluesky_shop, pds,
                                                                        limited_at_100):
    (first,) = poll_once(bluesky_shop, at=NOW)
    assert first.error is None and first.new > 0
    cursor = bluesky_shop.get_account("shop").cursor
    assert cursor["indexed_at"] > OLD_MARK["indexed_at"]
    assert cursor["gaps"] == [{"cursor": "100", **OLD_MARK}]
    assert _cursors(pds) == [None, "50", "100"]

    limited_at_100[0] = False
    (later,) = poll_once(bluesky_shop, at=NOW + 900)
    assert (later.error, later.duplicates) == (None, 0)
    assert first.new + later.new == 24  # every mention, reply and quote, once
    assert _cursors(pds)[3:] == [None, "100", "150"]  # pages 0 and 50 not read again
    assert "gaps" not in bluesky_shop.get_account("shop").cursor


def test_the_read_says_when_the_limit_lifts(bluesky_shop, pds, limited_at_100):
    session = make_session()
    try:
        fetched = bluesky.fetch(bluesky_shop.get_account("shop"), PASSWORD, session)
    finally:
        session.close()
    assert fetched.items
    assert fetched.warning == ("Bluesky says the app is asking too often, so this read stopped "
                               "part way: what was read is kept, and the rest is read once the "
                               "limit lifts, in 10 min.")
    assert 590 <= fetched.retry_after <= 600


def test_a_limit_on_the_first_page_is_still_a_failed_read(bluesky_shop, pds, http_server):
    http_server.route("GET", XRPC + LIST, lambda r: json_reply(
        {"error": "RateLimitExceeded", "message": "Rate Limit Exceeded"}, status=429,
        headers={"retry-after": "120"}))
    (result,) = poll_once(bluesky_shop, at=NOW)
    assert result.error == ("Bluesky says the app is asking too often; the app waits at least "
                            "2 min before asking again.")
