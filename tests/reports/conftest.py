"""Small hand-made stores for the summary's tests; their docstrings hold the worked-out data."""

from __future__ import annotations

import pytest

from inbox_app.core.models import Sentiment
from inbox_app.core.timeutil import parse_iso as t
from tests.store.helpers import msg


def felt(item, compound: float):
    """The message with a sentiment chosen by hand instead of VADER's."""
    item.sentiment = Sentiment(compound, 0.0, 1.0, 0.0)
    return item



@pytest.fixture
def mix(store):
    """Thirteen inbound messages in March from six customers and one anonymous feed item.

    | message | kind     | when (March)    | who       | compound | week |
    |---------|----------|-----------------|-----------|----------|------|
    | e1      | email    | 1st 00:00:00    | Ann       |  0.6     | 0    |
    | p1      | phone    | 2nd             | bob Brown | -0.4     | 1    |
    | p2      | phone    | 3rd             | Cat Cole  | -0.8     | 1    |
    | e2      | email    | 9th             | Ann       | -0.05    | 2    |
    | p3      | phone    | 10th            | Cat Cole  |  0.3     | 2    |
    | p4      | phone    | 16th            | Zed Young |  0.1     | 3    |
    | m1      | mastodon | 17th            | Zed Young |  0.5     | 3    |
    | e5      | email    | 20th            | Ann       |  0.0     | 3    |
    | e6      | email    | 23rd            | Ann       |  0.0     | 4    |
    | b1      | bluesky  | 24th            | Dee Diaz  | -0.6     | 4    |
    | f1      | feed     | 25th            | (nobody)  |  0.2     | 4    |
    | t1      | telegram | 26th            | Eli Ek    |  0.0     | 4    |
    | e3      | email    | 31st 23:59:59   | bob Brown |  0.0     | 5    |

    Outside March: Ann wrote in December 2025 and on 28 February, Zed in February,
    Dan only in February, Eve only in April; one reply goes out in March.
    """
    store.set_setting("brand_terms", ["Harbour Lane"])
    store.set_setting("competitor_terms", ["Bean Barons", "Roastery Nine"])
    ann = {"email": "ann@x.org", "author": "Ann Adams"}
    bob_phone = "+1 207 555 0101"
    store.save_messages([
        felt(msg("e-old", email="ann@x.org", author="Ann Adams", at="2025-12-15T10:00:00Z"), 0.9),
        felt(msg("z0", kind="phone", phone="+1 207 555 0199", author="Zed Young",
                 at="2026-02-10T10:00:00Z"), 0.9),
        felt(msg("d0", email="dan@x.org", author="Dan Dunn", at="2026-02-11T10:00:00Z"), 0.9),
        felt(msg("e0", "Harbour Lane is lovely", **ann, at="2026-02-28T23:59:59Z"), 0.9),
        felt(msg("e1", "Love Harbour Lane coffee", **ann, at="2026-03-01T00:00:00Z"), 0.6),
        felt(msg("p1", kind="phone", phone=bob_phone, author="bob Brown",
                 at="2026-03-02T09:00:00Z"), -0.4),
        felt(msg("p2", kind="phone", phone="+1 207 555 0102", author="Cat Cole",
                 at="2026-03-03T09:00:00Z"), -0.8),
        felt(msg("e2", **ann, at="2026-03-09T12:00:00Z"), -0.05),
        msg("out1", "Thanks Ann", direction="out", thread="email::e2", staff="Maya",
            at="2026-03-09T13:00:00Z"),
        felt(msg("p3", kind="phone", phone="+1 207 555 0102", author="Cat Cole",
                 at="2026-03-10T09:00:00Z"), 0.3),
        felt(msg("p4", kind="phone", phone="+1 207 555 0199", author="Zed Young",
                 at="2026-03-16T09:00:00Z"), 0.1),
        felt(msg("m1", "Harbour Lane beats Bean Barons", kind="mastodon",
                 handle="@zed@mastodon.social", author="Zed Young",
                 at="2026-03-17T09:00:00Z"), 0.5),
        felt(msg("e5", **ann, at="2026-03-20T09:00:00Z"), 0.0),
        felt(msg("e6", **ann, at="2026-03-23T09:00:00Z"), 0.0),
        felt(msg("b1", kind="bluesky", handle="dee.bsky.social", author="Dee Diaz",
                 at="2026-03-24T09:00:00Z"), -0.6),
        felt(msg("f1", "Roastery Nine and Bean Barons are fine", kind="feed",
                 at="2026-03-25T09:00:00Z"), 0.2),
        felt(msg("t1", kind="telegram", handle="eli_ek", author="Eli Ek",
                 at="2026-03-26T09:00:00Z"), 0.0),
        felt(msg("e3", email="bob@x.org", phone=bob_phone, author="Bob B",
                 at="2026-03-31T23:59:59Z"), 0.0),
        felt(msg("e4", "Harbour Lane!", email="eve@x.org", author="Eve Evans",
                 at="2026-04-01T00:00:00Z"), 0.0),
    ])
    store.merge_customers(store.find_customer("+1 207 555 0199").id,
                          store.find_customer("@zed@mastodon.social").id)
    return store



@pytest.fixture
def desk(store):
    """Conversations A–H (times in UTC):

    A  in Mar 2 10:00, Maya replies 11:00 (1 h); closed Mar 4 10:00 by Maya.
    B  in Mar 3 09:00, Theo replies 09:30 (30 min); closed 12:00 by Theo; the customer
       writes again Mar 6 10:00 (reopens), Theo replies 11:00, closes again Mar 7 09:00.
    C  in Mar 31 23:00, Maya answers Apr 1 01:00 — after the month ends (2 h); closed Apr 2.
    D  in Mar 10 09:00, never answered; assigned to Maya, due Mar 20 (overdue on Apr 1).
    E  first in Feb 20 00:00, again Mar 5 09:00, Maya replies 10:00; closed Mar 6 00:00 by Maya.
    F  in Mar 12 10:00, a reply by Theo fails at 10:05, his resend goes out 14:00 (4 h);
       assigned to Theo, due May 1.
    G  Maya writes first Mar 14 08:00, the customer answers 09:00, Theo replies 09:10 (10 min);
       assigned to Maya without a due date.
    H  Maya writes Mar 20 (no customer message ever); closed Mar 21 by Maya.
    """
    for name in ("Maya", "Theo", "Priya", "Olga"):
        store.add_staff(name)
    store.set_staff_active("Olga", False)

    def inbound(key, at, who):
        return msg(f"{key}-{at}", thread=key, email=f"{who}@x.org", author=who.title(), at=at)

    def reply(key, at, staff):
        return msg(f"{key}-out-{at}", "Sorted!", thread=key, direction="out", staff=staff,
                   at=at)

    store.save_messages([
        inbound("E", "2026-02-20T00:00:00Z", "erin"),
        inbound("A", "2026-03-02T10:00:00Z", "ann"),
        reply("A", "2026-03-02T11:00:00Z", "Maya"),
        inbound("B", "2026-03-03T09:00:00Z", "bea"),
        reply("B", "2026-03-03T09:30:00Z", "Theo"),
        inbound("E", "2026-03-05T09:00:00Z", "erin"),
        reply("E", "2026-03-05T10:00:00Z", "Maya"),
        inbound("D", "2026-03-10T09:00:00Z", "dan"),
        inbound("F", "2026-03-12T10:00:00Z", "fay"),
        reply("G", "2026-03-14T08:00:00Z", "Maya"),
        inbound("G", "2026-03-14T09:00:00Z", "gus"),
        reply("G", "2026-03-14T09:10:00Z", "Theo"),
        reply("H", "2026-03-20T09:00:00Z", "Maya"),
        inbound("C", "2026-03-31T23:00:00Z", "cal"),
        reply("C", "2026-04-01T01:00:00Z", "Maya"),
    ])
    ids = store.conversation_ids_for_threads(list("ABCDEFGH"))
    store.add_outbound(ids["F"], "On its way", staff="Theo", delivery="failed",
                       error="SMTP said no", at=t("2026-03-12T10:05:00Z"))
    store.add_outbound(ids["F"], "On its way", staff="Theo", delivery="sent",
                       at=t("2026-03-12T14:00:00Z"))
    store.assign(ids["A"], "Theo")
    store.close_conversation(ids["A"], staff="Maya", at=t("2026-03-04T10:00:00Z"))
    store.close_conversation(ids["B"], staff="Theo", at=t("2026-03-03T12:00:00Z"))
    store.save_messages([inbound("B", "2026-03-06T10:00:00Z", "bea"),
                         reply("B", "2026-03-06T11:00:00Z", "Theo")])
    assert store.get_conversation(ids["B"]).status == "open"
    store.close_conversation(ids["B"], staff="Theo", at=t("2026-03-07T09:00:00Z"))
    store.close_conversation(ids["E"], staff="Maya", at=t("2026-03-06T00:00:00Z"))
    store.close_conversation(ids["H"], staff="Maya", at=t("2026-03-21T09:00:00Z"))
    store.close_conversation(ids["C"], staff="Maya", at=t("2026-04-02T09:00:00Z"))
    store.assign(ids["D"], "Maya", due_at=t("2026-03-20T17:00:00Z"))
    store.assign(ids["F"], "Theo", due_at=t("2026-05-01T17:00:00Z"))
    store.assign(ids["G"], "Maya")
    return store
