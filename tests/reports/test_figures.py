"""Every figure of the monthly summary on small hand-made stores, expectations worked out by hand.

March 2026 (UTC in tests) starts on a Sunday, so its weeks are: Sun 1, Mon 2 – Sun 8,
9–15, 16–22, 23–29 and Mon 30 – Tue 31.
"""

from __future__ import annotations

import pytest

from inbox_app.core.metrics import month_period, range_period
from inbox_app.core.models import Sentiment
from inbox_app.core.timeutil import parse_iso as t
from inbox_app.reports.figures import as_json, compute_figures
from tests.store.helpers import msg

MARCH = month_period("2026-03")
AS_OF = t("2026-04-01T10:00:00Z")


def felt(item, compound: float):
    """The message with a sentiment chosen by hand instead of VADER's."""
    item.sentiment = Sentiment(compound, 0.0, 1.0, 0.0)
    return item


def figures(store, period=MARCH, **kw):
    return compute_figures(store, period, now_at=AS_OF, **kw)


# Volume, channel mix, sentiment, customers, top customers, mentions


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


def test_inbound_counts_each_family_and_kind_inside_the_month_only(mix):
    got = as_json(figures(mix))
    assert got["month"] == "2026-03"
    assert got["inbound"] == {"email": 5, "social": 4, "phone": 4, "total": 13}
    assert got["by_kind"] == {"email": 5, "mastodon": 1, "bluesky": 1, "telegram": 1, "feed": 1,
                              "phone": 4}


def test_channel_ratios_are_phone_and_email_over_social(mix):
    assert as_json(figures(mix))["ratios"] == {"phone_to_social": 1.0, "email_to_social": 1.25}


def test_sentiment_mean_and_negative_share_overall_and_per_family(mix):
    got = as_json(figures(mix))["sentiment"]
    # compounds sum: email 0.55, phone -0.8, social 0.1; negative: e2 (-0.05 exactly), p1, p2, b1.
    assert got["mean_compound"] == pytest.approx(-0.15 / 13)
    assert got["negative_share"] == pytest.approx(4 / 13)
    by_family = got["by_family"]
    assert by_family["email"] == pytest.approx({"mean_compound": 0.11, "negative_share": 0.2})
    assert by_family["phone"] == pytest.approx({"mean_compound": -0.2, "negative_share": 0.5})
    assert by_family["social"] == pytest.approx({"mean_compound": 0.025, "negative_share": 0.25})


def test_weeks_split_volume_by_family_and_sentiment(mix):
    weeks = figures(mix).weeks
    assert [w.week.label for w in weeks] == ["1 Mar", "2 Mar", "9 Mar", "16 Mar", "23 Mar",
                                             "30 Mar"]
    assert [tuple(w.inbound.values()) for w in weeks] == [
        (1, 0, 0), (0, 0, 2), (1, 0, 1), (1, 1, 1), (1, 3, 0), (1, 0, 0),
    ]  # (email, social, phone)
    assert [w.mood.mean_compound for w in weeks] == pytest.approx([0.6, -0.6, 0.125, 0.2, -0.1,
                                                                   0.0])
    assert [w.mood.negative_share for w in weeks] == pytest.approx([0, 1, 0.5, 0, 0.25, 0])


def test_new_customers_wrote_first_this_month_and_the_rest_return(mix):
    # Ann wrote first last year and Zed in February: returning. bob, Cat, Dee and Eli are new.
    # Dan (February only), Eve (April only) and the anonymous feed item are not customers of March.
    assert as_json(figures(mix))["customers"] == {"active": 6, "new": 4, "returning": 2}


def test_top_customers_by_inbound_with_ties_by_name(mix):
    got = as_json(figures(mix))
    names = [(c["name"], c["inbound"]) for c in got["top_customers"]]
    # Ties sort by name, ignoring case: "bob Brown" before "Cat Cole" before "Zed Young".
    assert names == [("Ann Adams", 4), ("bob Brown", 2), ("Cat Cole", 2), ("Zed Young", 2),
                     ("Dee Diaz", 1), ("Eli Ek", 1)]
    assert got["top_customers"][0]["customer"] == mix.find_customer("ann@x.org").id
    # The top ⌈0.2 · 6⌉ = 2 customers (Ann 4, one of the 2s) sent 6 of the 13 inbound.
    assert got["top20_share"] == pytest.approx(6 / 13)


def test_a_short_top_list_still_breaks_ties_by_name(mix):
    top = figures(mix, top=3).top_customers
    assert [c.name for c in top] == ["Ann Adams", "bob Brown", "Cat Cole"]


def test_share_of_conversation_counts_brand_over_brand_and_competitor_mentions(mix):
    # March: e1 brand, m1 brand + Bean Barons, f1 Roastery Nine + Bean Barons. e0 and e4 are
    # outside March.
    got = figures(mix)
    assert got.mentions == {"brand": 2, "competitor": 3}
    assert as_json(got)["share_of_conversation"] == pytest.approx(2 / 5)


def test_without_social_messages_the_ratios_are_null(store):
    store.save_messages([
        msg("a", email="a@x.org", at="2026-03-02T09:00:00Z"),
        msg("b", email="b@x.org", at="2026-03-03T09:00:00Z"),
        msg("c", kind="phone", phone="+1 207 555 0150", at="2026-03-04T09:00:00Z"),
        msg("s", kind="mastodon", handle="@s@m.example", at="2026-02-04T09:00:00Z"),
    ])
    got = as_json(figures(store))
    assert got["inbound"] == {"email": 2, "social": 0, "phone": 1, "total": 3}
    assert got["ratios"] == {"phone_to_social": None, "email_to_social": None}
    assert got["share_of_conversation"] is None


def test_an_empty_month_has_zeros_and_nulls_not_errors(store):
    got = as_json(figures(store))
    assert got["inbound"]["total"] == 0
    assert got["first_response_s"] == {"median": None, "p90": None, "count": 0, "unanswered": 0}
    assert got["resolution_s"] == {"median": None, "p90": None, "count": 0}
    assert got["sentiment"]["mean_compound"] is None
    assert got["sentiment"]["negative_share"] is None
    assert got["sentiment"]["by_family"]["email"] == {"mean_compound": None,
                                                      "negative_share": None}
    assert got["customers"] == {"active": 0, "new": 0, "returning": 0}
    assert got["top_customers"] == [] and got["top20_share"] is None
    assert got["staff"] == []


def test_json_has_exactly_the_contract_keys(mix):
    got = as_json(figures(mix))
    assert list(got) == ["month", "inbound", "by_kind", "ratios", "first_response_s",
                         "resolution_s", "sentiment", "customers", "top_customers",
                         "top20_share", "share_of_conversation", "staff"]
    assert set(got["sentiment"]) == {"mean_compound", "negative_share", "by_family"}
    assert set(got["sentiment"]["by_family"]) == {"email", "social", "phone"}
    assert set(got["top_customers"][0]) == {"customer", "name", "inbound"}


def test_a_date_range_is_labelled_as_an_interval(mix):
    got = as_json(figures(mix, range_period("2026-03-16", "2026-03-17")))
    assert got["month"] == "2026-03-16/2026-03-17"
    assert got["inbound"] == {"email": 0, "social": 1, "phone": 1, "total": 2}


# Response and resolution times, staff


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


def test_first_response_is_from_the_first_inbound_to_the_first_reply_that_went_out(desk):
    got = as_json(figures(desk))["first_response_s"]
    # A 3600, B 1800, C 7200 (answered in April still counts), F 14400 (the failed reply
    # does not count), G 600 (Maya's message before the customer's does not count).
    # E started in February; D is unanswered; H has no customer message.
    # Sorted [600, 1800, 3600, 7200, 14400]: median the 3rd, p90 the ⌈4.5⌉ = 5th.
    assert got == {"median": 3600, "p90": 14400, "count": 5, "unanswered": 1}


def test_first_response_distribution(desk):
    histogram = dict(figures(desk).first_response.histogram)
    assert histogram == {"under 15 min": 1, "15–60 min": 1, "1–4 h": 2, "4–24 h": 1,
                         "1–3 days": 0, "over 3 days": 0}


def test_resolution_is_from_the_first_inbound_to_the_close_in_the_month(desk):
    got = as_json(figures(desk))["resolution_s"]
    # A 2 days; B once, at its last close: Mar 3 09:00 → Mar 7 09:00 = 4 days;
    # E from its February start: 14 days. C closed in April; H never had a customer message.
    assert got == {"median": 4 * 86400, "p90": 14 * 86400, "count": 3}


def test_staff_replies_closes_first_responses_and_follow_ups(desk):
    got = as_json(figures(desk))["staff"]
    assert got == [
        # Replies in March: A, E, G (before the customer wrote), H. Closed: A, E, H.
        # First responses sent first: A 3600, C 7200 → median 5400.
        # Follow-ups: D (overdue since Mar 20) and G (no due date).
        {"name": "Maya", "replies": 4, "closed": 3, "first_response_median_s": 5400,
         "open_followups": 2, "overdue": 1},
        {"name": "Priya", "replies": 0, "closed": 0, "first_response_median_s": None,
         "open_followups": 0, "overdue": 0},
        # Replies: B twice, F once (its failed attempt is no reply), G. Closed: B (twice, one
        # conversation). First responses B 1800, F 14400, G 600 → median 1800. A was his
        # but is closed; F is due in May.
        {"name": "Theo", "replies": 4, "closed": 1, "first_response_median_s": 1800,
         "open_followups": 1, "overdue": 0},
    ]


def test_overdue_is_counted_at_the_moment_given(desk):
    early = compute_figures(desk, MARCH, now_at=t("2026-03-15T00:00:00Z"))
    assert [(s.name, s.overdue) for s in early.staff] == [("Maya", 0), ("Priya", 0), ("Theo", 0)]
