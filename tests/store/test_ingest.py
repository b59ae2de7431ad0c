import pytest

from inbox_app.core.sentiment import score
from inbox_app.store import QueueQuery

from .helpers import msg


def test_the_same_batch_twice_is_stored_once(store):
    batch = [msg("a", email="ann@x.org"), msg("b", email="bob@x.org"), msg("a", email="ann@x.org")]
    first = store.save_messages(batch)
    assert (first.imported, first.duplicates) == (2, 1)
    before = store.stats()
    second = store.save_messages(batch)
    assert (second.imported, second.duplicates) == (0, 3)
    assert store.stats() == before


def test_the_same_external_id_on_another_account_or_kind_is_a_different_message(store):
    result = store.save_messages([
        msg("1", account="shop"), msg("1", account="other"), msg("1", kind="phone", phone="555 0100"),
    ])
    assert result.imported == 3


def test_sentiment_is_scored_on_the_stored_text(store):
    store.save_messages([msg("a", "This is awful, I am furious", email="a@x.org")])
    row = store._row("SELECT text, compound, pos, neu, neg FROM messages")
    expected = score(row["text"])
    assert (row["compound"], row["pos"], row["neu"], row["neg"]) == (
        expected.compound, expected.pos, expected.neu, expected.neg)
    assert row["compound"] < -0.5


def test_identities_on_one_message_are_one_customer_and_chains_join(store):
    store.save_messages([msg("1", email="Ann@X.org", phone="(207) 555-0142", author="Ann")])
    store.save_messages([msg("2", kind="phone", phone="+1 207 555 0142")])
    store.save_messages([msg("3", kind="mastodon", handle="@ann@mastodon.social")])
    assert store.stats()["customers"] == 2
    # A message that carries the phone and the handle joins the chain into one customer.
    store.save_messages([msg("4", kind="phone", phone="207-555-0142")])
    store.save_messages([
        msg("5", kind="mastodon", handle="ann@Mastodon.Social", phone="2075550142"),
    ])
    assert store.stats()["customers"] == 1
    customer = store.find_customer("ann@x.org")
    assert {(i.kind, i.value) for i in customer.identities} == {
        ("email", "ann@x.org"), ("phone", "+12075550142"), ("mastodon", "ann@mastodon.social")}
    assert customer.messages == 5
    assert store.find_customer("@ann@mastodon.social").id == customer.id
    assert store.find_customer("(207) 555 0142").id == customer.id


def test_a_split_customer_is_not_merged_back_by_the_next_message(store):
    store.save_messages([msg("1", email="shared@x.org", phone="207 555 0100", author="Pat")])
    customer = store.find_customer("shared@x.org")
    phone_identity = next(i for i in customer.identities if i.kind == "phone")
    new_id = store.split_identity(phone_identity.id, staff=None, name="Pat's partner")
    assert store.find_customer("207 555 0100").id == new_id
    store.save_messages([msg("2", email="shared@x.org", phone="207 555 0100")])
    assert store.find_customer("207 555 0100").id == new_id
    assert store.find_customer("shared@x.org").id == customer.id


def test_thread_key_groups_messages_and_out_of_order_arrival_gives_the_same_result(store):
    store.save_messages([
        msg("2", "Thanks, sorted", direction="out", thread="t1", staff="Maya",
            at="2026-03-01T11:00:00Z"),
        msg("1", "Where is my order?", thread="t1", email="c@x.org", at="2026-03-01T10:00:00Z"),
    ])
    (row,) = store.queue(QueueQuery(filter="all"))
    conversation = store.get_conversation(row.conversation_id)
    assert conversation.message_count == 2
    assert conversation.awaiting_since is None
    assert conversation.first_at < conversation.last_at
    assert conversation.customer_id is not None


def test_refs_find_the_conversation_of_the_message_answered(store):
    store.save_messages([msg("root", "first", kind="mastodon", handle="a@b.c", account="m")])
    store.save_messages([msg("reply", "second", kind="mastodon", handle="a@b.c", account="m",
                             refs=("root",), at="2026-03-02T10:00:00Z")])
    assert store.stats()["conversations"] == 1


def test_a_new_inbound_message_reopens_a_closed_conversation(store):
    store.save_messages([msg("1", thread="t", email="c@x.org", at="2026-03-01T10:00:00Z")])
    (row,) = store.queue(QueueQuery(filter="all"))
    store.close_conversation(row.conversation_id, at=1772400000)
    assert store.get_conversation(row.conversation_id).status == "closed"
    store.save_messages([msg("2", thread="t", email="c@x.org", at="2026-03-02T10:00:00Z")])
    assert store.get_conversation(row.conversation_id).status == "open"


def test_watch_terms_label_mentions(store):
    store.set_setting("brand_terms", ["Harbour Lane"])
    store.set_setting("competitor_terms", ["Bean Barons"])
    store.save_messages([
        msg("1", "Love harbour lane coffee", kind="feed", author="A"),
        msg("2", "Bean Barons is cheaper", kind="feed", author="B"),
        msg("3", "harbour lanes", kind="feed", author="C"),
    ])
    labels = {r["label"] for r in store._rows("SELECT label FROM conversation_labels")}
    assert labels == {"mention:brand", "mention:competitor:bean barons"}
    mentions = store._rows("SELECT watch, term FROM message_mentions ORDER BY watch")
    assert [(m["watch"], m["term"]) for m in mentions] == [
        ("brand", "harbour lane"), ("competitor", "bean barons")]


def test_a_failed_batch_stores_nothing(store, monkeypatch):
    batch = [msg("1", email="a@x.org"), msg("2", email="b@x.org")]
    original = store._resolve_conversation
    calls = []

    def explode(item, customer_id, stamp):
        calls.append(item.external_id)
        if item.external_id == "2":
            raise RuntimeError("disk on fire")
        return original(item, customer_id, stamp)

    monkeypatch.setattr(store, "_resolve_conversation", explode)
    with pytest.raises(RuntimeError, match="disk on fire"):
        store.save_messages(batch)
    assert calls == ["1", "2"]
    assert store.stats()["messages"] == 0
    assert store.stats()["customers"] == 0


def test_new_conversations_summed_in_python_equal_the_sql_recomputation(store):
    """Conversations born in a batch take a fast path; it must agree with the SQL one."""
    from inbox_app.pipeline import import_jsonl
    from tests.benchmarks.synthetic import write_import_file

    def snapshot():
        return store._rows(
            "SELECT id, first_at, last_at, last_inbound_at, last_outbound_at, awaiting_since,"
            " message_count, last_compound, preview, priority, status, unread FROM conversations"
            " ORDER BY id")

    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "m.jsonl"
        write_import_file(source, 3000, customers=300, seed=4)
        import_jsonl(store, source, workers=0)
    fast = snapshot()
    ids = [row["id"] for row in fast]
    store.refresh_conversations(ids)
    assert snapshot() == fast
    assert any(row["message_count"] > 1 for row in fast)
    assert any(row["awaiting_since"] is None for row in fast)


def test_new_customers_counted_in_python_equal_the_sql_recomputation(store):
    import tempfile
    from pathlib import Path

    from inbox_app.pipeline import import_jsonl
    from tests.benchmarks.synthetic import write_import_file

    def snapshot():
        return store._rows("SELECT id, message_count, first_inbound_at, last_inbound_at,"
                           " influence FROM customers ORDER BY id")

    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "m.jsonl"
        write_import_file(source, 3000, customers=400, seed=9)
        import_jsonl(store, source, workers=0)
    fast = snapshot()
    store.refresh_customers([row["id"] for row in fast])
    assert snapshot() == fast
    assert any(row["influence"] for row in fast) and any(row["message_count"] > 3 for row in fast)


def _auto(message, kind="auto-reply"):
    from dataclasses import replace

    return replace(message, meta={"auto": kind})


def test_an_out_of_office_reply_wakes_nothing_but_a_bounce_does(store):
    """Stored in the thread, an auto-reply neither waits for an answer, nor reopens, nor
    marks unread, nor hides how the customer felt; a bounce (our reply never arrived) does."""
    store.save_messages([
        msg("q", "This is awful, my order is broken", email="ann@x.org", thread="t",
            at="2026-03-01T10:00:00Z"),
        msg("r", "So sorry, a new one is on its way", direction="out", staff="Maya",
            thread="t", at="2026-03-01T11:00:00Z"),
    ])
    conversation = store._scalar("SELECT id FROM conversations")
    felt = store.get_conversation(conversation).last_compound
    assert felt < -0.05
    from inbox_app.core.timeutil import parse_iso

    store.mark_read(conversation)
    store.close_conversation(conversation, at=parse_iso("2026-03-01T11:00:30Z"))
    store.save_messages([_auto(msg("ooo", "I am out of the office until Monday",
                                   email="ann@x.org", thread="t", at="2026-03-01T11:01:00Z"))])
    after = store.get_conversation(conversation)
    assert (after.status, after.unread, after.awaiting_since, after.last_compound) == (
        "closed", False, None, felt)
    assert after.message_count == 3
    store.save_messages([_auto(msg("bounce", "Delivery failed: mailbox full",
                                   email="ann@x.org", thread="t", at="2026-03-01T11:02:00Z"),
                               "bounce")])
    after = store.get_conversation(conversation)
    assert after.status == "open" and after.unread and after.awaiting_since is not None


def test_quiet_messages_summed_in_python_equal_the_sql_recomputation(store):
    store.save_messages([
        msg("a1", "Where is my parcel?", email="bo@x.org", thread="t1", at=1_800_000_000),
        msg("a2", "It left today", direction="out", staff="Maya", thread="t1",
            at=1_800_000_100),
        _auto(msg("a3", "Out of office", email="bo@x.org", thread="t1", at=1_800_000_200)),
        _auto(msg("b1", "Read: your invoice", email="cy@x.org", thread="t2", at=1_800_000_300),
              "read-receipt"),
    ])

    def snapshot():
        return store._rows(
            "SELECT id, last_inbound_at, awaiting_since, last_compound, unread, priority"
            " FROM conversations ORDER BY id")

    fast = snapshot()
    store.refresh_conversations([row["id"] for row in fast])
    assert snapshot() == fast
    assert [(row["awaiting_since"], row["unread"]) for row in fast] == [(None, 1), (None, 0)]


def test_a_re_import_scores_only_what_is_new(store, tmp_path, monkeypatch):
    """Lines already stored are recognized before VADER, in line and in worker processes."""
    from inbox_app.core import sentiment
    from inbox_app.pipeline import import_jsonl
    from tests.benchmarks.synthetic import write_import_file

    source = tmp_path / "m.jsonl"
    write_import_file(source, 4500, seed=6)
    scored: list[int] = []
    original = sentiment.score_batch

    def counting(texts):
        scored.append(len(texts))
        return original(texts)

    monkeypatch.setattr(sentiment, "score_batch", counting)
    lines = source.read_text().splitlines(keepends=True)
    head = tmp_path / "head.jsonl"
    head.write_text("".join(lines[:3000]))
    first = import_jsonl(store, head, workers=0)
    assert (first.imported, sum(scored)) == (3000, 3000)
    scored.clear()
    again = import_jsonl(store, source, workers=0)  # 3000 known, 1500 new
    assert (again.imported, again.duplicates, sum(scored)) == (1500, 3000, 1500)
    # Worker processes ask the store file themselves (their scoring is not seen here).
    last = import_jsonl(store, source, workers=1)
    assert (last.imported, last.duplicates, last.errors) == (0, 4500, [])


def test_a_message_joining_two_customers_new_in_the_same_batch(store):
    """The merge moves messages written earlier in the batch; search must already hold them
    (SQLite's FTS update trigger would otherwise delete words it never indexed)."""
    result = store.save_messages([
        msg("1", "where is my order", email="ann@x.org"),
        msg("2", "hello there", kind="phone", phone="207 555 0101"),
        msg("3", "it is me again", email="ann@x.org", phone="207 555 0101"),
    ])
    assert result.imported == 3
    assert store.stats()["customers"] == 1
    customer = store.find_customer("ann@x.org")
    assert store.find_customer("207 555 0101").id == customer.id and customer.messages == 3
    for word in ("order", "hello", "again"):
        found = store.queue(QueueQuery(filter="all", search=word))
        assert [c.customer_id for c in found] == [customer.id]


def test_follower_counts_follow_the_latest_message_and_unchanged_ones_write_nothing(store):
    def influence() -> tuple[int | None, int | None]:
        customer = store.find_customer("@ann@m.social")
        return customer.identities[0].followers, customer.influence

    store.save_messages([msg("1", kind="mastodon", handle="ann@m.social", followers=10)])
    assert influence() == (10, 10)
    writes = []
    real_exec = store._exec
    store._exec = lambda sql, params=(): (writes.append(sql), real_exec(sql, params))[1]
    store.save_messages([msg("2", kind="mastodon", handle="ann@m.social", followers=10),
                         msg("3", kind="mastodon", handle="ann@m.social", followers=10)])
    assert influence() == (10, 10)
    assert not [sql for sql in writes if sql.startswith("UPDATE identities SET followers")]
    store.save_messages([msg("4", kind="mastodon", handle="ann@m.social", followers=12),
                         msg("5", kind="mastodon", handle="ann@m.social", followers=15),
                         msg("6", kind="mastodon", handle="ann@m.social", followers=15)])
    assert influence() == (15, 15)
    assert len([sql for sql in writes if sql.startswith("UPDATE identities SET followers")]) == 2


def test_replies_imported_under_a_staff_members_short_name_are_theirs(store):
    store.add_staff("Maya Okafor")
    store.add_staff("Former Hand")
    store.set_staff_active("Former Hand", False)
    store.save_messages([
        msg("in-1", "Where is my order?", email="ann@example.com", thread="t1",
            at="2026-03-01T09:00:00Z"),
        msg("out-1", "On its way", direction="out", staff="maya", thread="t1",
            at="2026-03-01T10:00:00Z"),
        msg("out-2", "Tracking number attached", direction="out", staff="MAYA OKAFOR",
            thread="t1", at="2026-03-01T10:05:00Z"),
        msg("out-3", "From the old days", direction="out", staff="former hand", thread="t1",
            at="2026-03-01T10:10:00Z"),
        msg("out-4", "Temp help", direction="out", staff="Sam Temp", thread="t1",
            at="2026-03-01T10:20:00Z"),
    ])
    stored = [row["staff"] for row in store._rows(
        "SELECT staff FROM messages WHERE direction = 'out' ORDER BY at")]
    assert stored == ["Maya Okafor", "Maya Okafor", "Former Hand", "Sam Temp"]


def test_a_split_stays_when_the_customer_split_off_is_merged_into_a_third(store):
    """Pat's partner (split off Pat's phone) was later merged into Sam; a message naming
    Pat's address and Sam's address joined Pat and Sam, and with them the phone the
    person had split off."""
    store.save_messages([msg("1", email="shared@x.org", phone="207 555 0100", author="Pat"),
                         msg("2", email="sam@x.org", author="Sam")])
    pat = store.find_customer("shared@x.org")
    phone_identity = next(i for i in pat.identities if i.kind == "phone")
    partner = store.split_identity(phone_identity.id, staff=None, name="Pat's partner")
    sam = store.find_customer("sam@x.org")
    store.merge_customers(sam.id, partner)
    store.save_messages([msg("3", email="shared@x.org", phone="207 555 0100")])
    assert store.find_customer("shared@x.org").id == pat.id
    assert store.find_customer("207 555 0100").id == sam.id
    assert store.find_customer("sam@x.org").id == sam.id
