"""F5 (check for new messages) where no account can be read says so and where to add one;
"Nothing new" read as if the shop's accounts had been checked."""

from __future__ import annotations

import pytest

from inbox_app.store import open_store
from tests.gui.conftest import settle

WAIT_MS = 20000
FEED = {"url": "https://example.com/feed"}


def _press_f5(window, qtbot) -> str:
    with qtbot.waitSignal(window.poller.poll_finished, timeout=WAIT_MS):
        window.ui.actionPoll.trigger()
    settle(qtbot, window)
    return window.poll_label.text()


def _with_accounts(location, *accounts: tuple[str, str, bool]) -> None:
    store = open_store(location)
    try:
        for name, kind, enabled in accounts:
            store.add_account(name, kind, FEED if kind == "feed" else {})
            store.set_account_enabled(name, enabled)
    finally:
        store.close()


def test_f5_without_accounts_says_there_are_none_and_how_to_add_one(make_window, qtbot):
    window = make_window()  # the demo shop: its messages came from no account of its own
    assert _press_f5(window, qtbot) == (
        "No accounts to read yet: add one with File → Accounts… (Ctrl+Shift+A)")


@pytest.mark.parametrize("accounts, said", [
    ([("Reviews", "feed", False)],
     "Every account is paused: switch one back on in File → Accounts… (Ctrl+Shift+A)"),
    ([("Shop line", "phone", True)],
     "Phone lines are logged, not read: add an email, social or feed account with"
     " File → Accounts… (Ctrl+Shift+A)"),
])
def test_f5_with_only_paused_accounts_or_phone_lines_says_so(make_window, demo_location,
                                                             qtbot, accounts, said):
    _with_accounts(demo_location, *accounts)
    window = make_window()
    assert _press_f5(window, qtbot) == said


def test_the_timer_finding_no_account_due_still_says_nothing_new(make_window, qtbot):
    window = make_window()
    with qtbot.waitSignal(window.poller.poll_finished, timeout=WAIT_MS):
        window.poller.poll_now(due_only=True)
    settle(qtbot, window)
    assert window.poll_label.text() == "Nothing new"
