"""The Accounts window says when a failing account is tried next, as `account list` does:
its error may speak of a server's pause; the next try is when the poller scheduled it."""

from __future__ import annotations

import pytest

from inbox_app.core.models import Account
from inbox_app.gui.models.account_model import health_text

AT = 1_800_000_000


def failing(next_poll_at: int | None) -> Account:
    return Account(id=1, name="Social", kind="mastodon", config={}, watch=None, enabled=True,
                   poll_interval=300, cursor={}, last_poll_at=AT - 60,
                   last_success_at=AT - 3600, last_error="The server had an error (502).",
                   last_error_at=AT - 60, next_poll_at=next_poll_at, failures=2,
                   created_at=AT - 86400)


@pytest.mark.parametrize(("next_poll_at", "said"), [
    (AT + 150, " Next try in 3 min."),
    (AT + 9000, " Next try in 2 h 30 min."),
    (None, " Next try at the next check."),
])
def test_a_failing_account_says_when_it_is_tried_next(next_poll_at, said):
    text = health_text(failing(next_poll_at), at=AT)
    assert text.startswith("The last check failed 1 minute ago: The server had an error (502).")
    assert text.endswith(said)


def test_a_feed_the_site_removed_says_it_waits_to_be_asked_not_a_date_years_away():
    from dataclasses import asdict

    from inbox_app.gui.models.sidebar_model import build_entries

    removed = failing(AT + 10 * 365 * 86400)
    assert health_text(removed, at=AT).endswith(
        " Not tried again on its own; F5 (Check now) reads it.")
    entry = next(e for e in build_entries({}, [], [asdict(removed)]) if e.key == "account:Social")
    assert "Not tried again on its own" in entry.tooltip and "Next poll" not in entry.tooltip


def test_a_feed_that_moved_for_good_shows_where_it_is_read_from():
    from dataclasses import replace

    from inbox_app.gui.accounts_dialog import AccountsDialog

    given = "https://old.example/reviews.rss"
    feed = replace(failing(None), kind="feed", config={"url": given},
                   cursor={"moved": {"from": given, "to": "https://new.example/reviews.rss"}})
    assert "Read from: <b>https://new.example/reviews.rss</b>" in \
        AccountsDialog._config_summary(feed)
    assert "Read from" not in AccountsDialog._config_summary(replace(feed, cursor={}))
