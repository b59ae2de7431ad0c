"""Replying on Bluesky days after the poll: the customer's post may be gone, or its author
may block the shop, or allow no replies. Bluesky's server takes such a reply anyway (a
post names its parent; nothing checks that the parent is still there) and the customer
never sees it, so the app looks at the post first and keeps the reply as a failed draft
with the reason. Answers are shaped as Bluesky's AppView sends them: a deleted post is a
400 `NotFound` ("Post not found: at://…"), a block is a `#blockedPost` thread.
"""

from __future__ import annotations

import pytest

from inbox_app.cli import main
from inbox_app.replies import deliver, reply
from inbox_app.sources.poller import poll_once
from inbox_app.store import QueueQuery
from tests.servers import Reply, json_reply
from tests.sources.bluesky_standin import SHOP_DID
from tests.sources.recorded import bluesky_json

NOW = 1_900_000_000
THANKS = "at://did:plc:wpmuup4caccl3a726wdni6wj/app.bsky.feed.post/3k6k4as23yu2g"
DELETED = "The customer's post has been deleted; there is nothing to reply to."


@pytest.fixture
def shop(bluesky_shop):
    poll_once(bluesky_shop, at=NOW)
    return bluesky_shop


def _conversation_of(store, uri: str) -> int:
    for row in store.queue(QueueQuery(filter="all", limit=500)):
        if any(m.external_id == uri for m in store.messages(row.conversation_id)):
            return row.conversation_id
    raise AssertionError(uri)


def _thread_answers(pds, answer) -> None:
    pds.route("GET", "app.bsky.feed.getPostThread", lambda request: answer, auth=True)


def _post_not_found(uri: str) -> Reply:
    return json_reply({"error": "NotFound", "message": f"Post not found: {uri}"}, status=400)


def _thread_of(uri: str, **viewer) -> dict:
    """The recorded thread answer, made the answer for `uri` (the stand-in's one thread)."""
    answer = bluesky_json("app.bsky.feed.getPostThread.json")
    answer["thread"]["post"]["uri"] = uri
    answer["thread"]["post"]["viewer"] = viewer
    return answer


def test_a_reply_to_a_post_deleted_since_the_poll_is_refused_and_kept(shop, pds):
    conversation = _conversation_of(shop, THANKS)
    _thread_answers(pds, _post_not_found(THANKS))
    result = reply(shop, conversation, "Glad to help!", None)
    assert (result.delivery, result.error) == ("failed", DELETED)
    assert pds.requests("com.atproto.repo.createRecord") == []
    (failed,) = shop.failed_replies(conversation)
    assert (failed.text, failed.error) == ("Glad to help!", DELETED)


def test_the_reply_command_says_so_in_one_sentence(shop, pds, db_path, tmp_path, capsys):
    conversation = _conversation_of(shop, THANKS)
    _thread_answers(pds, _post_not_found(THANKS))
    text = tmp_path / "reply.txt"
    text.write_text("Glad to help!", encoding="utf-8")
    code = main(["--db", str(db_path), "reply", str(conversation), "--text-file", str(text)])
    err = capsys.readouterr().err
    assert code == 1
    assert err.startswith(f"inbox-app: the reply was not sent: {DELETED}")
    assert "Traceback" not in err
    assert pds.requests("com.atproto.repo.createRecord") == []


def test_a_customer_who_blocks_the_shop_gets_no_invisible_reply(shop, pds):
    conversation = _conversation_of(shop, THANKS)
    _thread_answers(pds, json_reply({"thread": {
        "$type": "app.bsky.feed.defs#blockedPost", "uri": THANKS, "blocked": True,
        "author": {"did": "did:plc:wpmuup4caccl3a726wdni6wj",
                   "viewer": {"blockedBy": True}}}}))
    result = reply(shop, conversation, "Glad to help!", None)
    assert (result.delivery, result.error) == (
        "failed", "The customer's post cannot be answered: one of the accounts blocks the "
                  "other.")
    assert pds.requests("com.atproto.repo.createRecord") == []


def test_a_thread_that_allows_the_shop_no_reply_is_said_plainly(shop, pds):
    conversation = _conversation_of(shop, THANKS)
    _thread_answers(pds, json_reply(_thread_of(THANKS, replyDisabled=True)))
    result = reply(shop, conversation, "Glad to help!", None)
    assert result.delivery == "failed"
    assert result.error == ("The customer's post does not accept replies from the shop (its "
                            "author chose who may reply).")
    assert pds.requests("com.atproto.repo.createRecord") == []


def test_a_post_still_there_is_answered_in_its_own_thread(shop, pds):
    conversation = _conversation_of(shop, THANKS)
    _thread_answers(pds, json_reply(_thread_of(THANKS)))
    assert reply(shop, conversation, "Glad to help!", None).delivery == "sent"
    (lookup,) = pds.requests("app.bsky.feed.getPostThread")
    assert lookup.query == {"uri": [THANKS], "depth": ["0"], "parentHeight": ["0"]}
    record = pds.requests("com.atproto.repo.createRecord")[0].json()["record"]
    assert record["reply"]["parent"]["uri"] == THANKS  # the stored refs, as polled


def test_when_the_look_cannot_be_had_the_reply_still_goes(shop, pds):
    """Bluesky's AppView (which answers the look) down is no reason to hold a reply the
    account's own server can post: the stored refs are enough."""
    conversation = _conversation_of(shop, THANKS)
    _thread_answers(pds, Reply(502, {}, b"bad gateway"))
    assert reply(shop, conversation, "Glad to help!", None).delivery == "sent"
    assert len(pds.requests("com.atproto.repo.createRecord")) == 1


def test_a_retry_finds_the_post_it_made_even_if_the_customer_deleted_theirs_since(shop, pds):
    conversation = _conversation_of(shop, THANKS)
    pds.create_record_answers.append(Reply(502, {}, b"bad gateway"))  # posted, answer lost
    first = reply(shop, conversation, "We are checking.", None)
    assert first.delivery == "failed"
    _thread_answers(pds, _post_not_found(THANKS))
    again = deliver(shop, first.message_id)
    assert (again.delivery, again.error) == ("sent", None)
    assert len(pds.requests("com.atproto.repo.createRecord")) == 1
    assert shop.get_message(first.message_id).external_id.startswith(f"at://{SHOP_DID}/")


def test_without_stored_refs_a_look_that_fails_holds_the_reply(shop, pds):
    """An imported post has no refs: nothing can be posted until Bluesky says where it is."""
    from inbox_app.core.models import IncomingMessage

    uri = "at://did:plc:imported/app.bsky.feed.post/3kimport"
    shop.save_messages([IncomingMessage(kind="bluesky", external_id=uri, text="hi", at=NOW,
                                        account="shop", meta={"uri": uri})])
    _thread_answers(pds, Reply(502, {}, b"bad gateway"))
    result = reply(shop, _conversation_of(shop, uri), "Hello", None)
    assert result.delivery == "failed"
    assert "server error (502)" in result.error
    assert pds.requests("com.atproto.repo.createRecord") == []
