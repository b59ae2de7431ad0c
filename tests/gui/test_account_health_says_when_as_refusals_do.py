"""An account's health says when its last check failed or worked in the words the refusals
use (core.timeutil.ago). It had its own wording, which said "failed on in 3 min" for a
failure a fast clock stamped ahead of this one."""

from __future__ import annotations

from inbox_app.core.models import Account
from inbox_app.core.timeutil import parse_iso
from inbox_app.gui.models.account_model import health_text

NOW = parse_iso("2026-12-09T14:30:00Z")


def test_an_accounts_health_says_it_as_the_refusals_do():
    account = Account(id=1, name="Social", kind="mastodon", config={}, watch=None,
                      enabled=True, poll_interval=300, cursor={}, last_poll_at=NOW,
                      last_success_at=NOW - 3 * 3600, last_error="The server had an error.",
                      last_error_at=NOW + 180, next_poll_at=None, failures=1,
                      created_at=NOW - 86400)
    assert health_text(account, at=NOW).startswith(
        "The last check failed a moment ago: The server had an error. It last worked"
        " 3 hours ago.")


def working(next_poll_at: int) -> Account:
    return Account(id=1, name="Shop mail", kind="email", config={}, watch=None, enabled=True,
                   poll_interval=300, cursor={}, last_poll_at=NOW - 60,
                   last_success_at=NOW - 60, last_error=None, last_error_at=None,
                   next_poll_at=next_poll_at, failures=0, created_at=NOW - 86400)


def test_a_working_account_says_when_it_is_checked_next():
    assert health_text(working(NOW + 180), at=NOW) == (
        "Working: last checked 1 minute ago. Next check in 3 min.")


def test_a_check_already_due_is_the_next_round_not_a_time_gone_by():
    """Due since the window was closed overnight, or a backlog read on: it said "Next
    check 2 min." or "Next check Tue."."""
    assert health_text(working(NOW - 120), at=NOW).endswith("Next check: the next round.")
    assert health_text(working(NOW - 3 * 86400), at=NOW).endswith(
        "Next check: the next round.")
