"""A Bluesky handle or a Telegram username given up by one person and taken by another:
the network's account id (DID, user id) says who writes, so the two stay two customers
(both engines)."""

from __future__ import annotations

from inbox_app.core.identity import identity_refs
from inbox_app.core.models import IdentityRef, IncomingMessage, Sentiment

CALM = Sentiment(0.0, 0.0, 1.0, 0.0)


def post(number: int, kind: str, account_id: str, handle: str) -> IncomingMessage:
    return IncomingMessage(
        kind=kind, external_id=f"{kind}-{number}", text=f"Message {number}",
        at=1_790_000_000 + number, author_name=handle, sentiment=CALM,
        identities=(IdentityRef(kind, account_id, handle),
                    *identity_refs(kind, handle=handle)))


def customer_of(store, kind: str, value: str) -> int:
    return store._scalar("SELECT customer_id FROM identities WHERE kind = ? AND value = ?",
                         (kind, value))


def test_a_bluesky_handle_taken_by_someone_else_makes_no_merge(store):
    store.save_messages([post(1, "bluesky", "did:plc:ann", "ann.bsky.social")])
    ann = customer_of(store, "bluesky", "did:plc:ann")
    # Ann moves to a new handle; it is still Ann.
    store.save_messages([post(2, "bluesky", "did:plc:ann", "ann-lee.bsky.social")])
    assert customer_of(store, "bluesky", "ann-lee.bsky.social") == ann
    # Someone else takes the handle Ann gave up.
    store.save_messages([post(3, "bluesky", "did:plc:zed", "ann.bsky.social")])
    zed = customer_of(store, "bluesky", "did:plc:zed")
    assert zed != ann
    assert customer_of(store, "bluesky", "ann.bsky.social") == zed
    assert store._scalar("SELECT merged_into FROM customers WHERE id = ?", (ann,)) is None
    counts = {row["customer_id"]: row["n"] for row in store._rows(
        "SELECT customer_id, COUNT(*) AS n FROM messages GROUP BY customer_id")}
    assert counts == {ann: 2, zed: 1}  # what Ann wrote stays Ann's
    assert store._scalar("SELECT message_count FROM customers WHERE id = ?", (ann,)) == 2


def test_a_telegram_username_taken_by_someone_else_makes_no_merge(store):
    store.save_messages([post(1, "telegram", "111", "kitchen_ann")])
    store.save_messages([post(2, "telegram", "222", "kitchen_ann")])
    first, second = customer_of(store, "telegram", "111"), customer_of(store, "telegram", "222")
    assert first != second
    assert store._scalar("SELECT COUNT(*) FROM customers WHERE merged_into IS NULL") == 2


def test_a_handle_known_without_an_account_id_is_still_the_same_person(store):
    """A customer list or an import knew only the handle: the first post from that
    handle, with its DID, is the same customer."""
    store.save_messages([IncomingMessage(
        kind="bluesky", external_id="imported-1", text="Hello", at=1_790_000_000,
        author_name="Sam", sentiment=CALM, identities=tuple(identity_refs(
            "bluesky", handle="sam.bsky.social")))])
    sam = customer_of(store, "bluesky", "sam.bsky.social")
    store.save_messages([post(2, "bluesky", "did:plc:sam", "sam.bsky.social")])
    assert customer_of(store, "bluesky", "did:plc:sam") == sam


def test_handle_passed_on_within_one_batch(store):
    store.save_messages([post(1, "bluesky", "did:plc:ann", "ann.bsky.social"),
                         post(2, "bluesky", "did:plc:zed", "ann.bsky.social")])
    assert customer_of(store, "bluesky", "did:plc:ann") != customer_of(
        store, "bluesky", "did:plc:zed")
    assert customer_of(store, "bluesky", "ann.bsky.social") == customer_of(
        store, "bluesky", "did:plc:zed")
