"""What the window shows of a Mastodon or Bluesky post: its formatting when it has some
(`shown_formatting`), so whatever the text says of its photos, poll or quote must be in
the formatting too, or the shop owner never sees that the customer sent a photo of the
broken vase or quoted the shop's post.

Shapes as documented: Mastodon's Status `media_attachments` (entities/MediaAttachment:
`type`, `description` = alt text), `poll.options[].title` (entities/Poll); Bluesky's
`app.bsky.embed.recordWithMedia` with `media` (`app.bsky.embed.images`, `alt`) and `record`
(`app.bsky.embed.record`, a strongRef), and a mention facet (`app.bsky.richtext.facet`).
"""

from __future__ import annotations

from inbox_app.gui.thread_html import shown_formatting
from inbox_app.sources import bluesky
from inbox_app.sources.mastodon_parse import to_message
from inbox_app.store import QueueQuery

NOW = 1_900_000_000


def _shown(store, item) -> tuple[str, str]:
    store.save_messages([item])
    (row,) = store.queue(QueueQuery(filter="all"))
    (message,) = store.messages(row.conversation_id)
    return message.text, shown_formatting(message) or ""


def test_a_mastodon_photo_and_poll_show_in_the_window(store):
    status = {
        "id": "113000000000000001", "created_at": "2030-03-17T17:46:40.000Z",
        "visibility": "public", "url": "https://example.social/@anna/113000000000000001",
        "account": {"id": "42", "username": "anna", "acct": "anna@example.social",
                    "display_name": "Anna", "followers_count": 12},
        "content": "<p>The vase came like this</p>",
        "media_attachments": [{
            "id": "22345792", "type": "image",
            "url": "https://files.example.social/media_attachments/files/022/345/792/original/"
                   "57859aede991da25.jpeg",
            "preview_url": "https://files.example.social/media_attachments/files/022/345/792/"
                           "small/57859aede991da25.jpeg",
            "remote_url": None, "text_url": None, "meta": {},
            "description": "a blue vase in three pieces", "blurhash": None}],
        "poll": {"id": "34830", "expired": False, "multiple": False, "votes_count": 0,
                 "options": [{"title": "refund", "votes_count": 0},
                             {"title": "replace", "votes_count": 0}]},
    }
    message = to_message(status, {"server": "https://shop.social"}, "Mastodon")
    text, shown = _shown(store, message)
    assert "[image: a blue vase in three pieces]" in text
    assert "[image: a blue vase in three pieces]" in shown
    assert "[poll: refund / replace]" in shown
    assert shown.index("The vase came like this") < shown.index("[image:")


def test_a_bluesky_quote_with_a_photo_shows_both_in_the_window(store):
    text = "@shop.bsky.social look at this"
    item = {
        "uri": "at://did:plc:anna/app.bsky.feed.post/3kquote", "cid": "bafyquote",
        "reason": "quote", "isRead": False, "indexedAt": "2030-03-17T17:46:41.000Z",
        "author": {"did": "did:plc:anna", "handle": "anna.bsky.social", "displayName": "Anna"},
        "record": {
            "$type": "app.bsky.feed.post", "text": text,
            "createdAt": "2030-03-17T17:46:40.000Z",
            "facets": [{"index": {"byteStart": 0, "byteEnd": len("@shop.bsky.social")},
                        "features": [{"$type": "app.bsky.richtext.facet#mention",
                                      "did": "did:plc:shop"}]}],
            "embed": {
                "$type": "app.bsky.embed.recordWithMedia",
                "media": {"$type": "app.bsky.embed.images",
                          "images": [{"alt": "a blue vase in three pieces",
                                      "image": {"$type": "blob", "mimeType": "image/jpeg",
                                                "size": 1000,
                                                "ref": {"$link": "bafkreivase"}}}]},
                "record": {"$type": "app.bsky.embed.record",
                           "record": {"uri": "at://did:plc:shop/app.bsky.feed.post/3kshop",
                                      "cid": "bafyshop"}}}},
    }
    message = bluesky.to_message(item, "Bluesky")
    stored_text, shown = _shown(store, message)
    assert "[image: a blue vase in three pieces]" in stored_text
    assert "[image: a blue vase in three pieces]" in shown
    assert "[quoting https://bsky.app/profile/did:plc:shop/post/3kshop]" in shown
    assert "@shop.bsky.social" in shown
