"""Which of Bluesky's notification reasons reach the inbox.

`app.bsky.notification.listNotifications` (lexicon in the shared corpus) lists `reason`
with knownValues like, repost, follow, mention, reply, quote, starterpack-joined,
verified, unverified, like-via-repost, repost-via-repost, subscribed-post and
contact-match; `record` is `unknown` (each reason's own record). A customer's words come
only as a mention, a reply or a quote. `subscribed-post` is a post too, but by an
account the shop chose to hear from, not one addressed to the shop. A server that does
not honour `reasons` lists everything; a reason invented later must be read past, not
stop the account.
"""

from __future__ import annotations

import pytest

from inbox_app.sources.poller import poll_once
from inbox_app.store import QueueQuery
from tests.sources.bluesky_standin import SHOP_DID

NOW = 1_900_000_000
SHOP_POST = f"at://{SHOP_DID}/app.bsky.feed.post/3kahesw26il2z"
SHOP_REPOST = f"at://{SHOP_DID}/app.bsky.feed.repost/3kahesw26rp2z"
STRONG_REF = {"uri": SHOP_POST, "cid": "bafyreier7l7l33k23invvoeth2ed2hkwlxlv3igbhp3536hmmeouob7mzi"}


@pytest.fixture
def shop(bluesky_shop):
    return bluesky_shop


def _notification(number: int, reason: str, collection: str, record: dict,
                  **extra) -> dict:
    did = f"did:plc:customer{number}"
    at = f"2024-05-01T10:00:{number:02d}.000Z"
    return {"uri": f"at://{did}/{collection}/3kq{number}", "cid": f"bafyrei{number:04d}",
            "author": {"did": did, "handle": f"customer{number}.bsky.social"},
            "reason": reason, "isRead": False, "indexedAt": at, "labels": [],
            "record": {"$type": collection, "createdAt": at, **record}, **extra}


def _page() -> list[dict]:
    post = "app.bsky.feed.post"
    return [
        _notification(1, "like-via-repost", "app.bsky.feed.like",
                      {"subject": STRONG_REF, "via": {"uri": SHOP_REPOST, "cid": "bafyvia"}},
                      reasonSubject=SHOP_REPOST),
        _notification(2, "repost-via-repost", "app.bsky.feed.repost",
                      {"subject": STRONG_REF, "via": {"uri": SHOP_REPOST, "cid": "bafyvia"}},
                      reasonSubject=SHOP_REPOST),
        _notification(3, "subscribed-post", post, {"text": "New stock in our shop too!"}),
        _notification(4, "verified", "app.bsky.graph.verification",
                      {"subject": SHOP_DID, "handle": "shinyakato.dev",
                       "displayName": "Shinya"}),
        _notification(5, "unverified", "app.bsky.graph.verification",
                      {"subject": SHOP_DID, "handle": "shinyakato.dev",
                       "displayName": "Shinya"}),
        _notification(6, "starterpack-joined", "app.bsky.graph.follow",
                      {"subject": SHOP_DID}),
        _notification(7, "contact-match", "app.bsky.graph.follow", {"subject": SHOP_DID}),
        _notification(8, "a-reason-from-next-year", post, {"text": "what is this?"}),
        _notification(9, "quote", post, {
            "text": "this company ruined my order",
            "embed": {"$type": "app.bsky.embed.record", "record": STRONG_REF}},
            reasonSubject=SHOP_POST),
    ][::-1]  # newest first, as Bluesky lists them


def test_only_mentions_replies_and_quotes_come_in_and_the_rest_is_read_past(shop, pds):
    pds.notifications["notifications"] = _page()
    (result,) = poll_once(shop, at=NOW)
    assert (result.new, result.error) == (1, None)
    (row,) = shop.queue(QueueQuery(filter="all"))
    (message,) = shop.messages(row.conversation_id)
    assert message.text == ("this company ruined my order\n"
                            f"[quoting https://bsky.app/profile/{SHOP_DID}/post/3kahesw26il2z]")
    assert message.meta["reason"] == "quote"
    assert shop.get_account("shop").cursor["indexed_at"] == "2024-05-01T10:00:09.000Z"
    (again,) = poll_once(shop, at=NOW + 300)
    assert (again.new, again.error) == (0, None)
