""""Try again" on a Bluesky reply whose answer was lost: the post may well have been made.

The record key is derived from the stored reply so that a second attempt can look for the
post the first one made. The window's "Try again" (`retry_reply`) puts the reply back in
the queue and takes it before sending, so by the time the sender runs the reply no longer
says "failed": the look must not depend on that, or the post is made twice (or, on a real
server, refused as a record that already exists, failing for good).
"""

from __future__ import annotations

from inbox_app.replies import reply, retry_reply
from inbox_app.sources.poller import poll_once
from inbox_app.store import QueueQuery
from tests.servers import Reply

NOW = 1_900_000_000
THANKS = "at://did:plc:wpmuup4caccl3a726wdni6wj/app.bsky.feed.post/3k6k4as23yu2g"


def _conversation_of(store, uri: str) -> int:
    for row in store.queue(QueueQuery(filter="all", limit=500)):
        if any(m.external_id == uri for m in store.messages(row.conversation_id)):
            return row.conversation_id
    raise AssertionError(uri)


def test_try_again_after_a_lost_answer_finds_the_post_instead_of_posting_twice(
        bluesky_shop, pds):
    poll_once(bluesky_shop, at=NOW)
    conversation = _conversation_of(bluesky_shop, THANKS)
    pds.create_record_answers.append(Reply(502, {}, b"bad gateway"))  # posted, answer lost
    first = reply(bluesky_shop, conversation, "We are checking.", None)
    assert first.delivery == "failed"

    again = retry_reply(bluesky_shop, first.message_id)

    assert (again.delivery, again.error) == ("sent", None)
    assert len(pds.requests("com.atproto.repo.createRecord")) == 1
    rkey = pds.requests("com.atproto.repo.createRecord")[0].json()["rkey"]
    assert bluesky_shop.get_message(first.message_id).external_id.endswith(rkey)


def test_try_again_after_a_refusal_posts_it_once(bluesky_shop, pds):
    poll_once(bluesky_shop, at=NOW)
    conversation = _conversation_of(bluesky_shop, THANKS)
    pds.create_record_answers.append(Reply(503, {}, b"down"))
    first = reply(bluesky_shop, conversation, "We are checking.", None)
    pds.records.clear()  # this time nothing was written

    assert retry_reply(bluesky_shop, first.message_id).delivery == "sent"
    assert len(pds.requests("com.atproto.repo.createRecord")) == 2
    assert len(pds.requests("com.atproto.repo.getRecord")) == 1
