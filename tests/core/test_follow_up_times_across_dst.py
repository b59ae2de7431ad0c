"""Snooze and follow-up times typed in days keep the clock time across a change of summer
time: "in 2 days" said at 10:00 on the Saturday before the clocks go back is Monday 10:00,
not 9:00 (48 hours), and a snooze "tomorrow" is 9:00 that morning whatever the offset."""

from __future__ import annotations

from datetime import datetime

import pytest

from inbox_app.core.timeutil import parse_when


def local_moment(*fields: int) -> int:
    return int(datetime(*fields).astimezone().timestamp())


def wall_clock(epoch: int) -> tuple[int, ...]:
    moment = datetime.fromtimestamp(epoch)
    return moment.month, moment.day, moment.hour, moment.minute


@pytest.mark.parametrize(("typed", "expected"), [
    ("+2d", (10, 26, 10, 0)),
    ("in 2 days", (10, 26, 10, 0)),
    ("1w", (10, 31, 10, 0)),
    ("in 1 week", (10, 31, 10, 0)),
    ("+3h", (10, 24, 13, 0)),  # hours are hours
    ("+48h", (10, 26, 9, 0)),
    ("tomorrow", (10, 25, 9, 0)),
    ("monday 10:00", (10, 26, 10, 0)),
])
def test_days_keep_the_clock_time_when_summer_time_ends(berlin, typed, expected):
    saturday_ten = local_moment(2026, 10, 24, 10, 0)
    assert wall_clock(parse_when(typed, now_at=saturday_ten, end_of_date=False)) == expected


def test_days_keep_the_clock_time_when_summer_time_starts(local_zone):
    local_zone("America/New_York")  # clocks go forward on Sunday 8 March 2026
    saturday_ten = local_moment(2026, 3, 7, 10, 0)
    assert wall_clock(parse_when("+1d", now_at=saturday_ten)) == (3, 8, 10, 0)
    assert wall_clock(parse_when("in 3 days", now_at=saturday_ten)) == (3, 10, 10, 0)


def test_a_typo_of_many_days_is_still_a_time_the_store_refuses_not_a_crash(berlin):
    saturday_ten = local_moment(2026, 10, 24, 10, 0)
    assert parse_when("+99999999d", now_at=saturday_ten) > saturday_ten


def test_a_day_that_changes_the_clocks_ends_and_starts_at_local_midnight(berlin):
    """`replace(hour=23)` kept the morning's UTC offset: on the day the clocks went back
    "today" ended an hour early (22:59:59), on the day they went forward an hour late."""
    from datetime import datetime

    from inbox_app.core.timeutil import end_of_day, start_of_day

    for day in ((2026, 10, 25), (2026, 3, 29)):
        one_in_the_morning = int(datetime(*day, 1, 0).timestamp())
        ends = datetime.fromtimestamp(end_of_day(one_in_the_morning))
        starts = datetime.fromtimestamp(start_of_day(one_in_the_morning))
        assert (ends.date(), ends.time().isoformat()) == (datetime(*day).date(), "23:59:59")
        assert (starts.date(), starts.time().isoformat()) == (datetime(*day).date(), "00:00:00")
