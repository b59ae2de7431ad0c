import pytest

from inbox_app.core.timeutil import now, parse_iso
from inbox_app.store import QueueQuery, StaleEdit, StoreError, UndoNotPossible

from .helpers import msg

NOW = parse_iso("2026-03-10T12:00:00Z")


@pytest.fixture
def shop(store):
    store.add_staff("Maya")
    store.add_staff("Theo")
    store.save_messages([
        msg("calm", "Could you tell me your opening hours?", email="calm@x.org", author="Calm Carl",
            at="2026-03-09T09:00:00Z"),
        msg("angry", "This is terrible, the worst service ever. I want a refund!",
            email="angry@x.org", author="Angry Ann", at="2026-03-10T09:00:00Z"),
        msg("old", "Hi, any news on wholesale prices?", email="old@x.org", author="Old Olga",
            at="2026-03-05T09:00:00Z"),
        msg("phone", "Called about a delivery", kind="phone", phone="207 555 0101",
            author="Phil", at="2026-03-10T10:00:00Z"),
    ])
    return store


def ids(store, **kw):
    return [r.customer_name for r in store.queue(QueueQuery(at=NOW, **kw))]


def test_priority_puts_the_long_waiting_and_the_angry_first(shop):
    assert ids(shop) == ["Old Olga", "Angry Ann", "Calm Carl", "Phil"]
    assert ids(shop, order="newest") == ["Phil", "Angry Ann", "Calm Carl", "Old Olga"]


def test_filters(shop):
    angry = shop.find_customer("angry@x.org")
    (row,) = [r for r in shop.queue(QueueQuery(at=NOW)) if r.customer_id == angry.id]
    assert ids(shop, filter="negative") == ["Angry Ann"]
    assert ids(shop, kind="phone") == ["Phil"]
    shop.assign(row.conversation_id, "Maya", due_at=parse_iso("2026-03-10T17:00:00Z"),
                staff="Theo")
    assert ids(shop, filter="mine", staff="Maya") == ["Angry Ann"]
    assert ids(shop, filter="mine", staff="Theo") == []
    assert ids(shop, filter="due") == ["Angry Ann"]
    assert "Angry Ann" not in ids(shop, filter="unassigned")
    shop.tag_customer(angry.id, "VIP")
    assert ids(shop, tag="VIP") == ["Angry Ann"]
    shop.close_conversation(row.conversation_id, staff="Maya")
    assert ids(shop, filter="closed") == ["Angry Ann"]
    assert "Angry Ann" not in ids(shop)
    with pytest.raises(StoreError, match="who you are"):
        ids(shop, filter="mine")


def test_counts_match_the_filters(shop):
    counts = shop.view_counts("Maya", at=NOW)
    for name in ("open", "unassigned", "negative", "closed", "all"):
        assert counts[name] == shop.queue_count(QueueQuery(filter=name, at=NOW)), name
    assert counts["kind:phone"] == 1


def test_search_finds_messages_customers_and_notes(shop):
    assert ids(shop, filter="all", search="refund") == ["Angry Ann"]
    assert ids(shop, filter="all", search="olg") == ["Old Olga"]  # prefix, as you type
    calm = shop.find_customer("calm@x.org")
    (row,) = [r for r in shop.queue(QueueQuery(at=NOW)) if r.customer_id == calm.id]
    shop.add_note("Promised a discount code next visit", conversation_id=row.conversation_id)
    assert ids(shop, filter="all", search="discount") == ["Calm Carl"]
    shop.add_note("Prefers oat milk", customer_id=calm.id)
    assert ids(shop, filter="all", search="oat milk") == ["Calm Carl"]
    # What a person types is text, never FTS syntax.
    assert ids(shop, filter="all", search='refund" OR "x') == []
    assert ids(shop, filter="all", search="AND NOT (*") == []
    assert ids(shop, filter="all", search="   ") == ids(shop, filter="all")


def test_everything_and_searches_lead_with_open_conversations_then_closed_latest_first(shop):
    def conversation_of(email: str) -> int:
        customer = shop.find_customer(email)
        (row,) = [r for r in shop.queue(QueueQuery(at=NOW, filter="all"))
                  if r.customer_id == customer.id]
        return row.conversation_id

    olga, carl = conversation_of("old@x.org"), conversation_of("calm@x.org")
    shop.close_conversation(olga, staff="Maya")  # the longest waiting: she led the queue
    shop.close_conversation(carl, staff="Maya")
    assert ids(shop, filter="all") == ["Angry Ann", "Phil", "Calm Carl", "Old Olga"]
    assert ids(shop, filter="closed") == ["Calm Carl", "Old Olga"]  # most recent first
    for email in ("old@x.org", "angry@x.org"):
        shop.add_note("Checked with the courier", conversation_id=conversation_of(email))
    assert ids(shop, filter="all", search="courier") == ["Angry Ann", "Old Olga"]
    shop.reopen_conversation(olga, staff="Maya")
    assert ids(shop, filter="all")[0] == "Old Olga"  # waiting again: first again
    shop.bulk_close([olga, conversation_of("angry@x.org")], staff="Maya")
    assert ids(shop, filter="all") == ["Phil", "Angry Ann", "Calm Carl", "Old Olga"]
    shop.bulk_snooze([olga], now() + 86400, staff="Maya")
    assert ids(shop, filter="all")[0] == "Old Olga"  # snoozed is not closed


def test_snooze_hides_until_the_time_or_until_the_customer_writes(shop):
    calm = shop.find_customer("calm@x.org")
    (row,) = [r for r in shop.queue(QueueQuery(at=NOW)) if r.customer_id == calm.id]
    import time

    until = int(time.time()) + 3600
    shop.snooze(row.conversation_id, until, staff="Maya")
    assert "Calm Carl" not in ids(shop)
    assert ids(shop, filter="snoozed") == ["Calm Carl"]
    assert shop.wake_snoozed(until + 1) == 1
    # Its version moved: the history says why (a script's --version N is refused after it).
    woke = shop.history(row.conversation_id)[-1]
    assert (woke["action"], woke["data"], woke["at"]) == (
        "reopened", {"reason": "the snooze ended"}, until + 1)
    shop.snooze(row.conversation_id, until, staff="Maya")
    shop.save_messages([msg("calm-2", "Hello? Anyone?", email="calm@x.org",
                            at=int(time.time()) + 5, thread=None)])
    # The new message started its own conversation; a reply in the same thread wakes it.
    shop.save_messages([msg("calm-3", "Following up", email="calm@x.org", at=int(time.time()) + 6,
                            thread=shop.get_conversation(row.conversation_id).thread_key)])
    assert shop.get_conversation(row.conversation_id).status == "open"


def test_a_follow_up_or_snooze_years_away_is_refused_as_a_typo(shop):
    import time

    row = shop.queue(QueueQuery(at=NOW))[0]
    conversation = row.conversation_id
    decades = int(time.time()) + 99_999 * 86400  # "+99999d"
    before = shop.get_conversation(conversation)
    for attempt in (lambda: shop.assign(conversation, "Maya", due_at=decades),
                    lambda: shop.set_due(conversation, decades),
                    lambda: shop.snooze(conversation, decades),
                    lambda: shop.bulk_assign([conversation], "Maya", due_at=decades),
                    lambda: shop.bulk_snooze([conversation], decades)):
        with pytest.raises(StoreError, match="more than five years ahead"):
            attempt()
    after = shop.get_conversation(conversation)
    assert (after.assignee, after.due_at, after.status, after.version) == \
        (before.assignee, before.due_at, before.status, before.version)
    next_year = int(time.time()) + 365 * 86400
    shop.assign(conversation, "Maya", due_at=next_year)
    assert shop.get_conversation(conversation).due_at == next_year


def test_a_stale_edit_is_refused(shop):
    row = shop.queue(QueueQuery(at=NOW))[0]
    seen = shop.get_conversation(row.conversation_id).version
    shop.assign(row.conversation_id, "Theo", staff="Maya", expected_version=seen)
    with pytest.raises(StaleEdit):
        shop.close_conversation(row.conversation_id, staff="Maya", expected_version=seen)
    assert shop.get_conversation(row.conversation_id).status == "open"


def test_every_action_is_an_event_with_who(shop):
    row = shop.queue(QueueQuery(at=NOW))[0]
    shop.assign(row.conversation_id, "Theo", staff="Maya")
    shop.label(row.conversation_id, "wholesale", staff="Theo")
    shop.add_note("call back Monday", conversation_id=row.conversation_id, staff="Theo")
    shop.close_conversation(row.conversation_id, staff="Theo")
    actions = [(e["action"], e["staff"]) for e in shop.history(row.conversation_id)]
    assert actions[-4:] == [("assigned", "Maya"), ("labelled", "Theo"), ("noted", "Theo"),
                            ("closed", "Theo")]


def test_merge_and_unmerge_customers(shop):
    calm, old = shop.find_customer("calm@x.org"), shop.find_customer("old@x.org")
    shop.tag_customer(old.id, "wholesale")
    event = shop.merge_customers(calm.id, old.id, staff="Maya")
    merged = shop.find_customer("old@x.org")
    assert merged.id == calm.id and "wholesale" in merged.tags and merged.messages == 2
    assert shop.stats()["customers"] == 3
    shop.unmerge_customers(event, staff="Maya")
    assert shop.find_customer("old@x.org").id == old.id
    assert shop.find_customer("old@x.org").tags == ("wholesale",)
    assert shop.find_customer("calm@x.org").tags == ()
    assert shop.stats()["customers"] == 4


def test_unmerging_gives_back_the_tags_both_customers_had(shop):
    calm, old = shop.find_customer("calm@x.org"), shop.find_customer("old@x.org")
    shop.tag_customer(calm.id, "VIP")
    shop.tag_customer(old.id, "vip")  # the shop's spelling: VIP
    shop.tag_customer(old.id, "wholesale")
    event = shop.merge_customers(calm.id, old.id, staff="Maya")
    assert shop.find_customer("calm@x.org").tags == ("VIP", "wholesale")
    shop.unmerge_customers(event, staff="Maya")
    assert shop.find_customer("old@x.org").tags == ("VIP", "wholesale")
    assert shop.find_customer("calm@x.org").tags == ("VIP",)


def test_a_conversation_moved_by_a_merge_takes_its_new_customers_influence(store):
    """Merged into a customer with more followers (whose own influence does not change),
    a conversation's priority is the one it would have had under that customer — and
    back again when the merge is undone or the identity split off."""
    store.save_messages([
        msg("big", "Your app keeps crashing", kind="mastodon", handle="@big@example.social",
            followers=50_000),
        msg("small", "Your app keeps crashing", kind="mastodon", handle="@small@example.social",
            followers=3, thread="other"),
    ])
    big = store.find_customer("@big@example.social")
    small = store.find_customer("@small@example.social")
    moved = next(r.conversation_id for r in store.queue(QueueQuery(filter="all"))
                 if r.customer_id == small.id)

    def priority_is_current() -> bool:
        before = store.get_conversation(moved).priority
        with store.transaction():
            store._refresh_priority([moved])
        return store.get_conversation(moved).priority == before

    alone = store.get_conversation(moved).priority
    event = store.merge_customers(big.id, small.id)
    assert priority_is_current() and store.get_conversation(moved).priority != alone
    store.unmerge_customers(event)
    assert priority_is_current() and store.get_conversation(moved).priority == alone


def test_merge_and_unmerge_conversations(shop):
    calm, old = (shop.find_customer(e).id for e in ("calm@x.org", "old@x.org"))
    rows = {r.customer_id: r.conversation_id for r in shop.queue(QueueQuery(at=NOW))}
    event = shop.merge_conversations(rows[calm], rows[old], staff="Maya")
    assert shop.get_conversation(rows[calm]).message_count == 2
    assert shop.queue_count(QueueQuery(filter="all", at=NOW)) == 3
    shop.unmerge_conversations(event, staff="Maya")
    assert shop.get_conversation(rows[calm]).message_count == 1
    assert shop.get_conversation(rows[old]).message_count == 1
    assert shop.queue_count(QueueQuery(filter="all", at=NOW)) == 4


def test_a_conversation_merge_is_undone_once(shop):
    """Two windows (or two computers) undoing the same merge: the second undo moved the
    messages and labels back again, taking what had come to the kept conversation since."""
    calm, old = (shop.find_customer(e).id for e in ("calm@x.org", "old@x.org"))
    rows = {r.customer_id: r.conversation_id for r in shop.queue(QueueQuery(at=NOW))}
    first = shop.merge_conversations(rows[calm], rows[old], staff="Maya")
    shop.unmerge_conversations(first, staff="Maya")
    with pytest.raises(UndoNotPossible, match="undone already"):
        shop.unmerge_conversations(first, staff="Theo")
    again = shop.merge_conversations(rows[calm], rows[old], staff="Maya")
    with pytest.raises(UndoNotPossible, match="undone already"):
        shop.unmerge_conversations(first, staff="Theo")  # the earlier merge's record
    assert shop.get_conversation(rows[calm]).message_count == 2  # nothing was changed
    shop.unmerge_conversations(again, staff="Maya")
    assert shop.get_conversation(rows[old]).message_count == 1


def test_replies_sent_count_and_failed_ones_do_not(shop):
    row = shop.queue(QueueQuery(at=NOW))[0]
    failed = shop.add_outbound(row.conversation_id, "Sorry!", staff="Maya", delivery="failed",
                               error="The mail server refused the login.")
    conversation = shop.get_conversation(row.conversation_id)
    assert conversation.awaiting_since is not None
    shop.set_delivery(failed, "sent", staff="Maya")
    assert shop.get_conversation(row.conversation_id).awaiting_since is None


def test_a_reply_whose_server_id_is_already_stored_is_still_recorded_as_sent(shop):
    """A poll may read a reply back before its sending is recorded; it must not leave the
    reply 'sending' for good (it was a UNIQUE constraint error)."""
    row = shop.queue(QueueQuery(at=NOW))[0]
    conversation = shop.get_conversation(row.conversation_id)
    first = shop.add_outbound(row.conversation_id, "On its way", staff="Maya", delivery="queued")
    shop.set_delivery(first, "sent", external_id="server-1", staff="Maya")
    second = shop.add_outbound(row.conversation_id, "On its way", staff="Maya",
                               delivery="queued")
    shop.set_delivery(second, "sent", external_id="server-1", staff="Maya")
    stored = shop.get_message(second)
    assert (stored.delivery, stored.meta["sent_as"]) == ("sent", "server-1")
    assert stored.external_id != "server-1" and conversation.kind == stored.kind
    assert shop.get_message(first).external_id == "server-1"


def test_closing_a_closed_conversation_again_changes_nothing(shop):
    row = shop.queue(QueueQuery(at=NOW))[0]
    assert shop.close_conversation(row.conversation_id, staff="Maya", at=NOW) is True
    closed = shop.get_conversation(row.conversation_id)
    assert shop.close_conversation(row.conversation_id, staff="Theo", at=NOW + 3600) is False
    again = shop.get_conversation(row.conversation_id)
    assert (again.closed_at, again.version) == (closed.closed_at, closed.version)
    closes = [e["staff"] for e in shop.history(row.conversation_id) if e["action"] == "closed"]
    assert closes == ["Maya"]


def test_a_merged_conversation_brings_its_assignee_and_follow_up_along(shop):
    """Merged into an unassigned one, a conversation Theo had with a follow-up due left
    both behind on the merged-away row: in nobody's Mine, in no Due view."""
    calm, old = (shop.find_customer(e).id for e in ("calm@x.org", "old@x.org"))
    rows = {r.customer_id: r.conversation_id for r in shop.queue(QueueQuery(at=NOW))}
    due = NOW + 86400
    shop.assign(rows[old], "Theo", due_at=due, staff="Maya")
    event = shop.merge_conversations(rows[calm], rows[old], staff="Maya")
    kept = shop.get_conversation(rows[calm])
    assert (kept.assignee, kept.due_at) == ("Theo", due)
    assert rows[calm] in {r.conversation_id for r in shop.queue(
        QueueQuery(filter="mine", staff="Theo", at=NOW))}
    shop.unmerge_conversations(event, staff="Maya")
    kept = shop.get_conversation(rows[calm])
    assert (kept.assignee, kept.due_at) == (None, None)
    assert shop.get_conversation(rows[old]).assignee == "Theo"


def test_a_merge_keeps_the_kept_conversations_own_assignee_and_earlier_follow_up(shop):
    calm, old = (shop.find_customer(e).id for e in ("calm@x.org", "old@x.org"))
    rows = {r.customer_id: r.conversation_id for r in shop.queue(QueueQuery(at=NOW))}
    shop.assign(rows[calm], "Maya", due_at=NOW + 3 * 86400, staff="Maya")
    shop.assign(rows[old], "Theo", due_at=NOW + 86400, staff="Maya")
    shop.merge_conversations(rows[calm], rows[old], staff="Maya")
    kept = shop.get_conversation(rows[calm])
    assert (kept.assignee, kept.due_at) == ("Maya", NOW + 86400)  # the earlier date
