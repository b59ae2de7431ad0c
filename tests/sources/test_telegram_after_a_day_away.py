"""Telegram keeps a bot's pending updates for 24 hours only: a laptop closed over a weekend
may come back to a bot whose older messages are gone for good.

The owner must be told plainly — the read itself still succeeds and stores what is
there — unless the updates waiting prove that nothing was dropped (their ids carry on
from the stored offset without a hole).
"""

from __future__ import annotations

import pytest

from inbox_app import secrets
from inbox_app.core.timeutil import now
from inbox_app.sources import telegram
from inbox_app.sources.http import make_session
from inbox_app.sources.poller import poll_once
from tests.sources.telegram_standin import TOKEN, BotApi

DAY = 86400


@pytest.fixture
def api(http_server):
    return BotApi(http_server)


@pytest.fixture
def shop(store, api, http_server):
    store.add_account("shop", "telegram", {"api": http_server.base_url})
    secrets.set_secret("shop", TOKEN)
    (first,) = poll_once(store)  # the recorded updates, confirmed: offset 500107
    assert first.error is None and store.get_account("shop").cursor == {"offset": 500107}
    return store


def _last_read(store, seconds_ago: int) -> None:
    moment = now() - seconds_ago
    store.record_poll_success("shop", cursor=None, at=moment, next_poll_at=moment + 60)


def _fetch(store):
    session = make_session()
    try:
        return telegram.fetch(store.get_account("shop"), TOKEN, session)
    finally:
        session.close()


def test_a_read_after_three_days_away_says_older_messages_may_be_lost(shop, api):
    _last_read(shop, 3 * DAY)
    api.queue_private_messages(2, first_id=500_150)  # 500107…500149 expired on Telegram
    fetched = _fetch(shop)
    assert len(fetched.items) == 2 and fetched.cursor == {"offset": 500_152}
    assert fetched.warning.startswith(
        "Telegram keeps a bot's messages for only 24 hours and this bot was last read on ")
    assert ", so any sent to it before " in fetched.warning
    assert fetched.warning.endswith(
        "did not reach the app and cannot be read now. Keep the app open, or run `inbox-app "
        "poll --once` from a scheduled task, at least once a day.")


def test_a_weekend_with_no_message_waiting_still_warns(shop, api):
    _last_read(shop, 2 * DAY)
    fetched = _fetch(shop)
    assert fetched.items == [] and fetched.warning


def test_updates_carrying_on_from_the_offset_prove_nothing_was_lost(shop, api):
    _last_read(shop, 3 * DAY)
    api.queue_private_messages(2, first_id=500_107)
    fetched = _fetch(shop)
    assert len(fetched.items) == 2 and getattr(fetched, "warning", None) is None


def test_a_read_within_a_day_does_not_warn(shop, api):
    _last_read(shop, DAY - 600)
    api.queue_private_messages(1, first_id=500_300)
    assert getattr(_fetch(shop), "warning", None) is None


def test_a_bot_that_never_had_a_message_before_warns_too(shop, api):
    """No offset stored yet (nothing came in before): nothing proves continuity."""
    moment = now() - 2 * DAY
    shop.record_poll_success("shop", cursor={}, at=moment, next_poll_at=moment + 60)
    api.queue_private_messages(1, first_id=500_300)
    fetched = _fetch(shop)
    assert fetched.items and fetched.warning


def test_poll_once_prints_the_warning_after_the_accounts_line(shop, api, db_path, capsys):
    from inbox_app.cli import main

    _last_read(shop, 3 * 86400)
    api.queue_private_messages(1, first_id=500_150)
    assert main(["--db", str(db_path), "poll", "--once"]) == 0
    out = capsys.readouterr().out
    assert "shop: 1 new" in out and "shop: warning: Telegram keeps" in out
