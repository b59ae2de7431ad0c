"""Handles in a customer list written as links to the person's profile, as people copy
them from the browser: read as the handle the channel's messages carry."""

from __future__ import annotations

import pytest

from inbox_app.core.csv_table import RowError
from inbox_app.core.customer_list import parse_customer_list, read_customer_list


def identities(header: str, cell: str):
    data = f'Name,{header}\nAnn,"{cell}"\n'.encode()
    (record,) = parse_customer_list(read_customer_list(data, "list.csv"))
    assert not isinstance(record, RowError), record
    return [(ref.kind, ref.value) for ref in record.identities]


@pytest.mark.parametrize(("header", "cell", "expected"), [
    ("Mastodon", "https://mastodon.social/@Ann", ("mastodon", "ann@mastodon.social")),
    ("Mastodon", "mastodon.social/@ann/", ("mastodon", "ann@mastodon.social")),
    ("Mastodon", "https://fosstodon.org/@ann@mastodon.social",
     ("mastodon", "ann@mastodon.social")),
    ("Bluesky", "https://bsky.app/profile/ann.bsky.social", ("bluesky", "ann.bsky.social")),
    ("Telegram", "https://t.me/ann_chen", ("telegram", "ann_chen")),
    ("Telegram", "t.me/ann_chen", ("telegram", "ann_chen")),
    ("Social", "mastodon:https://mastodon.social/@ann", ("mastodon", "ann@mastodon.social")),
    ("Mastodon", "@ann@mastodon.social", ("mastodon", "ann@mastodon.social")),
])
def test_a_profile_link_is_read_as_the_handle(header, cell, expected):
    """The link itself was kept as the handle: it never matched a message, and the vCard
    made "https://ann/@https://mastodon.social/" of it."""
    assert identities(header, cell) == [expected]
