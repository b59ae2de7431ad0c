"""A Bluesky reply on its way out: which post it answers, the `reply.root` and
`reply.parent` refs it carries, whether that post can still be answered, and the
`com.atproto.repo.createRecord` that posts it. Kept apart from reading notifications
(sources/bluesky.py, which signs in, registers the sender and turns a failed request
into the failed draft's sentence) so each side stays small.

Its record key is derived from the stored reply (bluesky_text.py `record_key`), so a
retry after a timeout finds the post it already made instead of posting twice.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from inbox_app.replies import SendError, Sent
from inbox_app.sources.bluesky_session import Client, Refused
from inbox_app.sources.bluesky_text import link_facets, post_url
from inbox_app.sources.http import FetchError

POST = "app.bsky.feed.post"

_DELETED = "The customer's post has been deleted; there is nothing to reply to."


def strong_ref(value: Any) -> dict[str, str] | None:
    """`{uri, cid}` when `value` names one version of a post: what a reply points at."""
    if isinstance(value, dict) and isinstance(value.get("uri"), str) and \
            isinstance(value.get("cid"), str):
        return {"uri": value["uri"], "cid": value["cid"]}
    return None


def reply_target(messages) -> Any:
    for message in reversed(messages):
        if message.direction == "in" and message.kind == "bluesky" and message.meta.get("uri"):
            return message
    return None


def thread_refs(client: Client, uri: str, *, needed: bool = True
                ) -> tuple[dict[str, str], dict[str, str]] | None:
    """(parent, root) for replying to `uri`, read from `app.bsky.feed.getPostThread`; a
    SendError when the post is gone, blocked or closed to the shop's replies (Bluesky's
    server would take the reply all the same, and the customer would never see it). When
    the refs are not `needed` (they were stored), a server that cannot answer just now
    gives None: the look is a safeguard, not a reason to hold the reply."""
    try:
        answer = client.xrpc("GET", "app.bsky.feed.getPostThread",
                             params={"uri": uri, "depth": 0, "parentHeight": 0})
    except Refused as refused:
        if refused.name == "NotFound":
            raise SendError(_DELETED) from None
        raise
    except FetchError as error:
        if error.retryable and not needed:
            return None
        raise
    thread = answer.get("thread") if isinstance(answer.get("thread"), dict) else {}
    kind = str(thread.get("$type") or "")
    if kind.endswith("#notFoundPost") or thread.get("notFound"):
        raise SendError(_DELETED)
    if kind.endswith("#blockedPost") or thread.get("blocked"):
        raise SendError("The customer's post cannot be answered: one of the accounts blocks the "
                        "other.")
    post = thread.get("post") if isinstance(thread.get("post"), dict) else {}
    viewer = post.get("viewer") if isinstance(post.get("viewer"), dict) else {}
    if viewer.get("replyDisabled") is True:
        raise SendError("The customer's post does not accept replies from the shop (its "
                        "author chose who may reply).")
    parent = strong_ref(post)
    if parent is None:
        raise SendError("Bluesky did not say which version of the post to reply to.")
    record = post.get("record") if isinstance(post.get("record"), dict) else {}
    reply = record.get("reply") if isinstance(record.get("reply"), dict) else {}
    root = strong_ref(reply.get("root")) or parent
    return parent, root


def already_posted(client: Client, rkey: str) -> dict[str, str] | None:
    """The post a previous attempt made with this record key, if it did."""
    try:
        answer = client.xrpc("GET", "com.atproto.repo.getRecord",
                             params={"repo": client.did, "collection": POST, "rkey": rkey})
    except FetchError as error:
        if error.status in (400, 404):
            return None
        raise
    return strong_ref(answer)


def reply_record(text: str, parent: dict[str, str] | None, root: dict[str, str] | None
                 ) -> dict[str, Any]:
    """The `app.bsky.feed.post` record of a reply: its text, links as facets, its refs."""
    record: dict[str, Any] = {
        "$type": POST,
        "text": text,
        "createdAt": datetime.now(UTC).isoformat(timespec="milliseconds").replace(
            "+00:00", "Z"),
        "reply": {"root": root, "parent": parent},
    }
    facets = link_facets(text)
    if facets:
        record["facets"] = facets
    return record


def post_reply(client: Client, target_meta: dict[str, Any], text: str, rkey: str, *,
               retried: bool) -> Sent:
    """Posts `text` as a reply to the post `target_meta` describes, under record key `rkey`;
    a `retried` reply (one that failed before) is first looked for, in case the failed
    attempt did post it. Raises FetchError (or SendError) for the caller to word."""
    if retried:
        earlier = already_posted(client, rkey)
        if earlier:
            return Sent(earlier["uri"], {**earlier, "rkey": rkey, "url": post_url(earlier["uri"])})
    parent = strong_ref(target_meta)
    root = strong_ref(target_meta.get("root"))
    # The post is looked at even when its refs are stored: it may be gone since the poll.
    looked = thread_refs(client, target_meta["uri"], needed=parent is None or root is None)
    if looked is not None and (parent is None or root is None):
        parent, root = looked
    answer = client.xrpc("POST", "com.atproto.repo.createRecord", body={
        "repo": client.did, "collection": POST, "rkey": rkey,
        "record": reply_record(text, parent, root)})
    created = strong_ref(answer)
    if created is None:
        raise SendError("Bluesky accepted the reply but did not say which post it became.")
    return Sent(created["uri"], {**created, "rkey": rkey, "url": post_url(created["uri"])})
