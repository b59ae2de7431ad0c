"""The daily backup is one per calendar day of the shop's own clock: opening the window a
little earlier than yesterday, the day after the clocks go forward, or on a computer whose
clock was wrong and then put right must still give that day its backup, and the week's
pruning must never delete the copy it has just made."""

from __future__ import annotations

from datetime import datetime

import pytest

from inbox_app.backup import backup_if_due, backups
from inbox_app.store import open_store

from .helpers import msg

pytestmark = pytest.mark.sqlite_only  # backups here are SQLite files beside the store


@pytest.fixture
def shop(db_path):
    store = open_store(db_path)
    store.save_messages([msg("1", "where is my parcel?", email="ann@example.com")])
    yield store
    store.close()


def at(text: str) -> float:
    """A moment of the local (test's) time zone, as the window's clock gives it."""
    return datetime.fromisoformat(text).timestamp()


def test_opening_a_little_earlier_than_yesterday_still_backs_up_today(shop, berlin):
    """Monday at 9:00, then Tuesday at 8:55: less than 24 hours apart, but another day."""
    monday = backup_if_due(shop, at=at("2026-03-02T09:00"))
    tuesday = backup_if_due(shop, at=at("2026-03-03T08:55"))
    assert monday is not None and tuesday is not None
    assert backup_if_due(shop, at=at("2026-03-03T17:30")) is None  # once a day
    assert backups(shop) == [monday, tuesday]


def test_the_day_the_clocks_go_forward_gets_its_backup(shop, berlin):
    """Saturday 9:00 CET to Sunday 9:00 CEST is 23 hours: Sunday is a day all the same."""
    made = [backup_if_due(shop, at=at(f"2026-03-{day}T09:00")) for day in (27, 28, 29, 30)]
    assert None not in made
    assert [path.name[6:14] for path in backups(shop)] == [
        "20260327", "20260328", "20260329", "20260330"]


def test_a_clock_that_was_ahead_gets_backups_again_once_put_right(shop, local_zone):
    """A week of backups dated next year (a clock a year ahead, then put right; or the
    real ones, seen from a clock a flat battery set back): backups go on today, and the
    copy just made is never pruned for ones its clock cannot place, nor are they."""
    local_zone("Europe/London")
    today = at("2026-06-15T09:00")
    ahead = [backup_if_due(shop, at=today + (365 + day) * 86400) for day in range(8)]
    assert None not in ahead
    dated_next_year = backups(shop)
    assert len(dated_next_year) == 7

    made = backup_if_due(shop, at=today)
    assert made is not None and made.exists()
    assert backups(shop) == [made, *dated_next_year]
    assert backup_if_due(shop, at=today + 3600) is None
    days = [backup_if_due(shop, at=today + day * 86400) for day in range(1, 9)]
    assert backups(shop) == [*days[-7:], *dated_next_year]  # a week of today's clock
