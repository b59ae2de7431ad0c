"""`watch scan` (both engines): a competitor watched from today is found in what customers
wrote over the last months, recorded and labelled exactly as if it had been watched when
they wrote — and, as `rule run`, nothing twice and no label back that a person took off."""

from __future__ import annotations

from inbox_app.core.timeutil import parse_iso
from inbox_app.store.watch_scan import WatchScan

from .helpers import msg

MARCH = parse_iso("2026-03-01T00:00:00Z")


def customer_messages(prefix: str) -> list:
    """One of each kind of message a scan must read as ingest reads it."""
    quiet = msg(f"{prefix}-away", "Out of office. Bean Barons orders go to Bo.",
                email=f"away-{prefix}@example.com", at="2026-03-02T09:00:00Z")
    quiet.meta = {"auto": "auto-reply"}
    return [
        msg(f"{prefix}-text", "Bean Barons sell this cheaper, you know",
            email=f"ann-{prefix}@example.com", at="2026-03-02T10:00:00Z"),
        msg(f"{prefix}-title", "Where is my parcel?", title="Harbour Lane order never came",
            email=f"bo-{prefix}@example.com", at="2026-03-03T10:00:00Z"),
        msg(f"{prefix}-re", "Thanks, got it!", title="Re: Your Harbour Lane order #1041",
            email=f"cy-{prefix}@example.com", at="2026-03-04T10:00:00Z"),
        msg(f"{prefix}-toot", "#HarbourLane beats @beanbarons any day", kind="mastodon",
            handle=f"@dee{prefix}@m.social", at="2026-03-05T10:00:00Z"),
        msg(f"{prefix}-link", "See https://beanbarons.example/harbour-lane please",
            email=f"eve-{prefix}@example.com", at="2026-03-06T10:00:00Z"),
        msg(f"{prefix}-ours", "Harbour Lane here: sorry, Bean Barons were faster",
            direction="out", staff="Maya", email=f"ann-{prefix}@example.com",
            at="2026-03-06T11:00:00Z"),
        quiet,
    ]


def recorded(store, prefix: str) -> tuple[set, set]:
    """The mention rows and conversation labels of the messages named `prefix-…`, by the
    part of their id after the prefix."""
    rows = store._rows(
        "SELECT m.external_id, mm.watch, mm.term FROM message_mentions mm"
        " JOIN messages m ON m.id = mm.message_id WHERE m.external_id LIKE ?", (f"{prefix}-%",))
    labels = store._rows(
        "SELECT m.external_id, l.label FROM messages m JOIN conversation_labels l"
        " ON l.conversation_id = m.conversation_id WHERE m.external_id LIKE ?",
        (f"{prefix}-%",))
    cut = len(prefix) + 1
    return ({(row["external_id"][cut:], row["watch"], row["term"]) for row in rows},
            {(row["external_id"][cut:], row["label"]) for row in labels})


def conversation_of(store, external_id: str) -> int:
    return store._row("SELECT conversation_id FROM messages WHERE external_id = ?",
                      (external_id,))["conversation_id"]


def watching(store) -> None:
    store.set_setting("brand_terms", ["Harbour Lane"])
    store.set_setting("competitor_terms", ["Bean Barons"])


def test_a_scan_records_what_ingest_records_for_a_term_watched_from_the_start(store):
    store.save_messages(customer_messages("before"))  # nothing watched yet
    watching(store)
    store.save_messages(customer_messages("after"))  # labelled as they arrive

    scan = store.scan_watches(since=MARCH, staff="Maya")

    mentions, labels = recorded(store, "before")
    # Ingest also labels a customer's out-of-office (automatic words: a signature naming
    # the company they work at); a scan reads what customers wrote, as rules do.
    arrived, arrived_labels = recorded(store, "after")
    assert (mentions, labels) == ({row for row in arrived if row[0] != "away"},
                                  {row for row in arrived_labels if row[0] != "away"})
    assert mentions == {("text", "competitor", "bean barons"),
                        ("title", "brand", "harbour lane"),
                        ("toot", "brand", "harbour lane"),
                        ("toot", "competitor", "bean barons")}
    assert labels == {("text", "mention:competitor:bean barons"),
                      ("title", "mention:brand"),
                      ("toot", "mention:brand"), ("toot", "mention:competitor:bean barons")}
    # Both halves' customer messages are read (not the reply, not the out-of-office); the
    # second half's were recorded as they came in.
    assert scan == WatchScan(messages=10, brand=4, competitor=4, recorded=4, labelled=3)


def test_a_scan_run_again_does_nothing_twice(store):
    store.save_messages(customer_messages("old"))
    watching(store)
    first = store.scan_watches(since=MARCH)
    events = store._scalar("SELECT COUNT(*) FROM events WHERE action = 'labelled'")
    versions = store._rows("SELECT id, version FROM conversations ORDER BY id")

    again = store.scan_watches(since=MARCH, staff="Theo")

    assert (first.recorded, first.labelled, events) == (4, 3, 4)
    assert again == WatchScan(messages=5, brand=2, competitor=2, recorded=0, labelled=0)
    assert store._scalar("SELECT COUNT(*) FROM events WHERE action = 'labelled'") == 4
    assert store._rows("SELECT id, version FROM conversations ORDER BY id") == versions
    assert [row["staff"] for row in store._rows(
        "SELECT staff FROM events WHERE action = 'watch.scan' ORDER BY id")] == [None, "Theo"]


def test_a_label_a_person_took_off_is_not_put_back(store):
    store.save_messages([
        msg("s1", "Is Bean Barons' blend the same as yours?", email="sam@example.com"),
        msg("t1", "Bean Barons, no thanks. Your house blend, please", email="tia@example.com"),
        msg("t2", "And I said Bean Barons again", email="tia@example.com",
            thread="tia-later"),
    ])
    sam, tia, tia_later = (conversation_of(store, ref) for ref in ("s1", "t1", "t2"))
    # Sam's was labelled once (a feed's label, say) and Theo judged it wrong; Tia's later
    # conversation lost it too, and was then merged into her first one.
    store.label(sam, "mention:competitor:bean barons", staff="Theo")
    store.unlabel(sam, "Mention:Competitor:Bean Barons", staff="Theo")
    store.label(tia_later, "mention:competitor:bean barons", staff="Theo")
    store.unlabel(tia_later, "mention:competitor:bean barons", staff="Theo")
    store.merge_conversations(tia, tia_later, staff="Theo")
    store.set_setting("competitor_terms", ["Bean Barons"])

    scan = store.scan_watches(since=0)

    assert store.get_conversation(sam).labels == ()
    assert store.get_conversation(tia).labels == ()
    assert (scan.competitor, scan.labelled) == (3, 0)
    # The messages still mention the competitor, as those arriving with it watched do.
    assert scan.recorded == 3


def test_a_label_there_in_another_case_is_not_added_again(store):
    store.save_messages([msg("a1", "Harbour Lane rocks", email="ann@example.com")])
    ann = conversation_of(store, "a1")
    store._exec("INSERT INTO conversation_labels (conversation_id, label, created_at)"
                " VALUES (?, 'Mention:Brand', 0)", (ann,))
    store.set_setting("brand_terms", ["harbour lane"])

    scan = store.scan_watches(since=0)

    assert store.get_conversation(ann).labels == ("Mention:Brand",)
    assert (scan.brand, scan.recorded, scan.labelled) == (1, 1, 0)


def test_the_scan_is_recorded_in_each_conversations_history(store):
    store.save_messages([msg("a1", "Bean Barons or Harbour Lane?", email="ann@example.com")])
    ann = conversation_of(store, "a1")
    watching(store)
    version = store.get_conversation(ann).version

    store.scan_watches(since=0, staff="Maya")

    assert [(event["staff"], event["action"], event["data"]) for event in store.history(ann)
            if event["action"] == "labelled"] == [
        (None, "labelled", {"label": "mention:brand", "watch": "scan"}),
        (None, "labelled", {"label": "mention:competitor:bean barons", "watch": "scan"})]
    assert store.get_conversation(ann).version == version + 1


def test_only_the_days_asked_for_are_read(store):
    store.save_messages([
        msg("old", "Bean Barons, back in January", email="ann@example.com",
            at="2026-01-15T10:00:00Z"),
        msg("new", "Bean Barons, in March", email="bo@example.com", at="2026-03-01T00:00:00Z"),
    ])
    store.set_setting("competitor_terms", ["Bean Barons"])

    scan = store.scan_watches(since=MARCH)

    assert (scan.messages, scan.competitor, scan.labelled) == (1, 1, 1)
    assert store.get_conversation(conversation_of(store, "old")).labels == ()


def test_every_message_is_read_once_in_pages_sharing_a_second(store):
    """Pages end between messages written in the same second (an import gives many the
    same time): each page starts after the last one read, never skipping or repeating."""
    store.save_messages([
        msg(f"m{n}", f"note {n}" + (" about Bean Barons" if n % 3 == 0 else ""),
            email=f"c{n}@example.com", at="2026-03-02T10:00:00Z" if n < 7
            else "2026-03-02T10:00:01Z")
        for n in range(11)])
    store.set_setting("competitor_terms", ["Bean Barons"])

    scan = store.scan_watches(since=0, page=2)

    assert (scan.messages, scan.competitor, scan.recorded, scan.labelled) == (11, 4, 4, 4)


def test_with_no_term_watched_nothing_is_read(store):
    store.save_messages([msg("a1", "Bean Barons", email="ann@example.com")])
    assert store.scan_watches(since=0) == WatchScan(0, 0, 0, 0, 0)
