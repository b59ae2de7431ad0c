"""Every figure of the monthly summary on small hand-made stores, expectations worked out by hand.

The stores (`mix`, `desk`) are in conftest.py, each with a table of what it holds.
March 2026 (UTC in tests) starts on a Sunday, so its weeks are: Sun 1, Mon 2 – Sun 8,
9–15, 16–22, 23–29 and Mon 30 – Tue 31.
"""

from __future__ import annotations

import pytest

from inbox_app.core.metrics import month_period, range_period
from inbox_app.core.timeutil import parse_iso as t
from inbox_app.reports.figures import as_json, compute_figures
from tests.store.helpers import msg

MARCH = month_period("2026-03")
AS_OF = t("2026-04-01T10:00:00Z")


def figures(store, period=MARCH, **kw):
    return compute_figures(store, period, now_at=AS_OF, **kw)


# Volume, channel mix, sentiment, customers, top customers, mentions


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
                         "top20_share", "share_of_conversation", "staff",
                         "valuable_customers", "currency"]
    assert set(got["sentiment"]) == {"mean_compound", "negative_share", "by_family"}
    assert set(got["sentiment"]["by_family"]) == {"email", "social", "phone"}
    assert set(got["top_customers"][0]) == {"customer", "name", "inbound"}


def test_a_date_range_is_labelled_as_an_interval(mix):
    got = as_json(figures(mix, range_period("2026-03-16", "2026-03-17")))
    assert got["month"] == "2026-03-16/2026-03-17"
    assert got["inbound"] == {"email": 0, "social": 1, "phone": 1, "total": 2}


# Response and resolution times, staff


def test_first_response_is_from_the_first_inbound_to_the_first_reply_that_went_out(desk):
    got = as_json(figures(desk))["first_response_s"]
    # A 3600, B 1800, C 7200 (answered in April still counts), F 14400 (the failed reply
    # does not count), G 600 (Maya's message before the customer's does not count).
    # E started in February; D is unanswered; H has no customer message.
    # Sorted [600, 1800, 3600, 7200, 14400]: median the 3rd, p90 the ⌈4.5⌉ = 5th.
    assert got == {"median": 3600, "p90": 14400, "count": 5, "unanswered": 1}


def test_first_response_distribution(desk):
    histogram = dict(figures(desk).first_response.histogram)
    assert histogram == {"0–15 min": 1, "15–60 min": 1, "1–4 h": 2, "4–24 h": 1,
                         "1–3 days": 0, "3+ days": 0}


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


# The most valuable customers who wrote


def test_the_most_valuable_customers_who_wrote_with_their_mood_and_who_waits(mix):
    """Values: Ann 900, Cat 2,500, Dee 40, Dan 5,000 (he wrote only in February: not in
    March's list), bob none. Each message of `mix` is a conversation of its own and none is
    closed, so what waits for an answer is every inbound one but e2 (answered on the 9th):
    Cat's two calls (−0.8, 0.3), Ann's e-old, e0, e1, e5 and e6 (her March mood: 0.6,
    −0.05, 0.0, 0.0), Dee's one post (−0.6)."""
    for reference, value in (("ann@x.org", 900.0), ("+1 207 555 0102", 2500.0),
                             ("Dee Diaz", 40.0), ("dan@x.org", 5000.0)):
        mix.set_customer_value(mix.find_customer(reference).id, value)
    got = figures(mix)
    rows = [(c.name, c.value, c.inbound, round(c.mean_compound, 4), c.waiting)
            for c in got.valuable_customers]
    assert rows == [("Cat Cole", 2500.0, 2, -0.25, 2),
                    ("Ann Adams", 900.0, 4, 0.1375, 5),
                    ("Dee Diaz", 40.0, 1, -0.6, 1)]
    assert as_json(got)["valuable_customers"][0] == {
        "customer": mix.find_customer("Cat Cole").id, "name": "Cat Cole", "value": 2500.0,
        "inbound": 2, "mean_compound": pytest.approx(-0.25), "waiting": 2}
    from inbox_app.reports import formatting as fmt

    assert fmt.valuable_sentence(got) == (
        "The 3 customers of highest value who wrote in the period: 2 sounded unhappy on average"
        " and 3 are waiting for an answer now.")
    assert figures(mix, top=2).valuable_customers[-1].name == "Ann Adams"  # the top ones only


def test_without_values_the_list_is_empty_and_says_where_values_come_from(mix):
    from inbox_app.reports import formatting as fmt

    got = figures(mix)
    assert got.valuable_customers == [] and as_json(got)["valuable_customers"] == []
    assert "File → Import customer list" in fmt.valuable_sentence(got)


def test_a_month_under_way_is_charted_and_headed_up_to_the_day_it_was_counted(mix):
    from inbox_app.reports.formatting import period_heading, so_far

    counted_mid_march = compute_figures(mix, MARCH, now_at=t("2026-03-10T12:00:00Z"))
    # The weeks that have begun: Sun 1, Mon 2 – Sun 8, Mon 9 – …; the rest are not drawn.
    assert [w.week.label for w in so_far(counted_mid_march).weeks] == ["1 Mar", "2 Mar", "9 Mar"]
    assert len(counted_mid_march.weeks) == 6  # the figures themselves keep every week
    assert period_heading(counted_mid_march) == "March 2026  ·  1–10 March 2026 so far"
    done = figures(mix)
    assert so_far(done) is done
    assert period_heading(done) == "March 2026  ·  1 Mar 2026 – 31 Mar 2026"
