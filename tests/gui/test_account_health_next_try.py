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
    assert text.startswith("The last check failed 1 min ago: The server had an error (502).")
    assert text.endswith(said)
