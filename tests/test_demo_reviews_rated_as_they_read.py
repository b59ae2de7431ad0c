"""The demo shop's reviews: the stars agree with the words. A review saying "Really
disappointed with @harbourlane today, rude service at the counter." showed ★★★★☆ 4/5
beside its red "negative" mark, the first conversation a new owner saw in the demo."""

from __future__ import annotations

from inbox_app.demo import FEED_ACCOUNTS, generate
from inbox_app.demo_texts import SOCIAL_TEXT

COMPLAINTS = {*SOCIAL_TEXT["cafe_complaint"], *SOCIAL_TEXT["late_order"]}
PRAISE = set(SOCIAL_TEXT["praise"])


def reviews(seed: int) -> list[tuple[str, int]]:
    """(text, stars) of every review the demo makes with `seed`."""
    return [(message["text"], message["meta"]["rating"]["value"])
            for plan in generate(seed, now_at=1_796_000_000, customers=10)
            for message in plan["messages"]
            if message.get("account") == FEED_ACCOUNTS[0]]


def test_a_complaint_is_a_one_or_two_star_review():
    found = [(text, stars) for seed in (3, 7, 11) for text, stars in reviews(seed)
             if text in COMPLAINTS]
    assert found
    assert [(text, stars) for text, stars in found if stars > 2] == []


def test_praise_is_a_five_star_review():
    found = [stars for seed in (3, 7) for text, stars in reviews(seed) if text in PRAISE]
    assert found and set(found) == {5}


def test_the_title_says_the_stars_the_rating_gives():
    for plan in generate(7, now_at=1_796_000_000, customers=10):
        message = plan["messages"][0]
        if message.get("account") == FEED_ACCOUNTS[0]:
            assert message["title"] == f"{message['meta']['rating']['value']}★ review"
