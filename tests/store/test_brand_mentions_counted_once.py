"""Share of conversation counts a message naming the shop once: a Google Alert for the
brand (a feed added with `--watch brand`) brings items that also name the brand's watched
term, and a shop watching "Harbour Lane" and "Harbour Lane Coffee" sees both in one post."""

from __future__ import annotations

from inbox_app.core.metrics import month_period
from inbox_app.reports import compute_figures
from tests.store.helpers import msg

MARCH = month_period("2026-03")


def test_a_brand_alert_naming_the_brand_is_one_brand_mention(store):
    store.set_setting("brand_terms", ["Harbour Lane"])
    store.set_setting("competitor_terms", ["Bean Barons"])
    store.save_messages([
        msg("alert-1", "Harbour Lane opens a second shop", kind="feed",
            labels=("mention:brand",), at="2026-03-03T09:00:00Z"),
        msg("post-1", "Bean Barons raised their prices", kind="mastodon",
            handle="@cy@m.social", author="Cy", at="2026-03-04T09:00:00Z"),
    ])
    figures = compute_figures(store, MARCH)
    assert figures.mentions == {"brand": 1, "competitor": 1}
    assert figures.share_of_conversation == 0.5


def test_two_brand_terms_in_one_message_are_one_brand_mention(store):
    store.set_setting("brand_terms", ["Harbour Lane", "Harbour Lane Coffee"])
    store.set_setting("competitor_terms", ["Bean Barons", "Roastery Nine"])
    store.save_messages([
        msg("a", "Harbour Lane Coffee beats Bean Barons and Roastery Nine", kind="mastodon",
            handle="@ann@m.social", author="Ann", at="2026-03-05T09:00:00Z"),
    ])
    figures = compute_figures(store, MARCH)
    # Each competitor named counts (the summary compares the shop with each of them).
    assert figures.mentions == {"brand": 1, "competitor": 2}
