"""Bluesky posts as they reach a shop over weeks: quotes with a photo written by other
clients, and authors whose handle Bluesky cannot verify (`handle.invalid`)."""

from __future__ import annotations

import pytest

from inbox_app.sources import bluesky
from inbox_app.sources.poller import poll_once
from inbox_app.store import QueueQuery
from tests.sources.bluesky_standin import SHOP_DID

NOW = 1_900_000_000
SHOP_POST = f"at://{SHOP_DID}/app.bsky.feed.post/3kahesw26il2z"


def _notification(did: str, handle: str, rkey: str, record: dict, *, name: str = "",
                  reason: str = "quote") -> dict:
    at = "2024-05-01T10:00:00.000Z"
    return {"uri": f"at://{did}/app.bsky.feed.post/{rkey}", "cid": f"bafyrei{rkey}",
            "author": {"did": did, "handle": handle, "displayName": name},
            "reason": reason, "isRead": False, "indexedAt": at, "labels": [],
            "record": {"$type": "app.bsky.feed.post", "createdAt": at, **record}}


def test_a_quote_with_a_photo_names_the_quoted_post_whichever_client_wrote_it():
    """`recordWithMedia.record` is a plain ref in the lexicon, so its `$type` is optional:
    the Bluesky app writes it, other clients may not."""
    quoted = {"uri": SHOP_POST, "cid": "bafyreier7l7l33k23invvoeth2ed2hkwlxlv3igbhp3536hmmeouob7mzi"}
    photo = {"$type": "app.bsky.embed.images", "images": [{"alt": "the mug, cracked"}]}
    for record in ({"record": quoted}, {"$type": "app.bsky.embed.record", "record": quoted}):
        item = _notification("did:plc:ann", "ann.bsky.social", "3kq1", {
            "text": "Look what arrived 😞",
            "embed": {"$type": "app.bsky.embed.recordWithMedia", "media": photo,
                      "record": record}})
        message = bluesky.to_message(item, "shop")
        assert message.text.splitlines() == [
            "Look what arrived 😞", "[image: the mug, cracked]",
            f"[quoting https://bsky.app/profile/{SHOP_DID}/post/3kahesw26il2z]"]


@pytest.fixture
def shop(bluesky_shop):
    return bluesky_shop


def test_an_author_whose_handle_bluesky_cannot_verify_is_not_called_handle_invalid(shop, pds):
    """Bluesky shows `handle.invalid` while a handle's DNS or well-known check fails; the
    customer is the DID (their handle comes back with a later post)."""
    pds.notifications["notifications"] = [_notification(
        "did:plc:nodisplayname", "handle.invalid", "3kq2",
        {"text": "@shinyakato.dev is the shop open on Sunday?"}, reason="mention")]
    (result,) = poll_once(shop, at=NOW)
    assert (result.new, result.error) == (1, None)
    (row,) = shop.queue(QueueQuery(filter="all"))
    (message,) = shop.messages(row.conversation_id)
    assert message.author_name == "did:plc:nodisplayname"
    customer = shop.get_customer(message.customer_id)
    assert customer.name == "did:plc:nodisplayname"
    assert [(i.kind, i.value, i.display) for i in customer.identities] == [
        ("bluesky", "did:plc:nodisplayname", "did:plc:nodisplayname")]
