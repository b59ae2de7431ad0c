"""A shop that has just opened its Bluesky account: the first polls find nothing at all.

The first read of an account takes one page only (older notifications are history),
but once a read has found the account empty, everything after it is new: a burst of
more than a page before the next poll (the shop's first post shared widely) must all
come in, not just its newest page.
"""

from __future__ import annotations

from inbox_app.sources.poller import poll_once
from tests.sources.bluesky_standin import Pds

NOW = 1_900_000_000


def test_a_burst_after_an_empty_first_read_comes_in_whole(bluesky_shop, pds: Pds):
    everything = pds.notifications["notifications"]
    pds.notifications["notifications"] = []
    (empty,) = poll_once(bluesky_shop, at=NOW)
    assert (empty.new, empty.error) == (0, None)

    pds.notifications["notifications"] = everything
    pds.page_size = 50
    (burst,) = poll_once(bluesky_shop, at=NOW + 300)
    assert burst.error is None
    assert bluesky_shop.stats()["messages"] == 24  # every mention, reply and quote of the 200

    (again,) = poll_once(bluesky_shop, at=NOW + 600)
    assert (again.new, again.error) == (0, None)


def test_the_first_read_of_an_account_with_history_still_takes_one_page(bluesky_shop, pds):
    pds.page_size = 50
    poll_once(bluesky_shop, at=NOW)
    assert len(pds.requests("app.bsky.notification.listNotifications")) == 1
