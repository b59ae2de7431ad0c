"""The shop's Bluesky handle as people paste it: from the address bar of its profile page,
or copied off a web page with an invisible character stuck to it.

Bluesky's sign-in takes the handle as given, so a pasted profile address was refused as
a wrong app password: the owner made a new app password that did not help either.
"""

from __future__ import annotations

import argparse

import pytest

from inbox_app.sources.bluesky import handle_argument


@pytest.mark.parametrize("pasted, handle", [
    ("https://bsky.app/profile/Shop.bsky.social", "shop.bsky.social"),
    ("bsky.app/profile/shop.bsky.social/", "shop.bsky.social"),
    ("https://bsky.app/profile/did:plc:iijrtk7ocored6zuziwmqq3c",
     "did:plc:iijrtk7ocored6zuziwmqq3c"),
    ("https://bsky.app/profile/shop.bsky.social/post/3k2la4z5cnf2x", "shop.bsky.social"),
    ("shop.bsky.social\u200b", "shop.bsky.social"),
    ("\u2066@shop.example.com\u2069", "shop.example.com"),
])
def test_a_pasted_profile_address_or_invisible_characters_give_the_handle(pasted, handle):
    assert handle_argument(pasted) == handle


@pytest.mark.parametrize("typed", ["https://example.com/shop", "shop.bsky.social/extra",
                                   "https://bsky.app/profile/"])
def test_another_address_is_refused_plainly(typed):
    with pytest.raises(argparse.ArgumentTypeError, match="is not a Bluesky handle"):
        handle_argument(typed)
