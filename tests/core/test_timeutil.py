"""Times as people type them for a follow-up or a snooze (the suite runs in UTC)."""

from __future__ import annotations

import pytest

from inbox_app.core.timeutil import TimeError, iso, parse_iso, parse_when

MONDAY_NOON = parse_iso("2026-12-07T12:00:00+00:00")


def when(text: str, **options) -> str:
    return iso(parse_when(text, now_at=MONDAY_NOON, **options))


@pytest.mark.parametrize(("typed", "due", "snooze"), [
    ("today", "2026-12-07T23:59:59Z", "2026-12-07T09:00:00Z"),
    ("tomorrow", "2026-12-08T23:59:59Z", "2026-12-08T09:00:00Z"),
    ("Friday", "2026-12-11T23:59:59Z", "2026-12-11T09:00:00Z"),
    ("fri", "2026-12-11T23:59:59Z", "2026-12-11T09:00:00Z"),
    ("monday", "2026-12-14T23:59:59Z", "2026-12-14T09:00:00Z"),  # never today: next week's
    ("2026-12-24", "2026-12-24T23:59:59Z", "2026-12-24T09:00:00Z"),
    ("next friday", "2026-12-11T23:59:59Z", "2026-12-11T09:00:00Z"),  # the earlier reading
    ("next week", "2026-12-14T23:59:59Z", "2026-12-14T09:00:00Z"),  # next Monday
])
def test_a_day_is_its_end_for_a_follow_up_and_its_morning_for_a_snooze(typed, due, snooze):
    assert when(typed) == due
    assert when(typed, end_of_date=False) == snooze


@pytest.mark.parametrize(("typed", "meant"), [
    ("tomorrow 9:00", "2026-12-08T09:00:00Z"),
    ("tomorrow 9", "2026-12-08T09:00:00Z"),
    ("friday 14:30", "2026-12-11T14:30:00Z"),
    ("Fri at 3pm", "2026-12-11T15:00:00Z"),
    ("thu 12am", "2026-12-10T00:00:00Z"),
    ("17:00", "2026-12-07T17:00:00Z"),  # later today
    ("9am", "2026-12-08T09:00:00Z"),  # already past today: tomorrow's
    ("today 8:00", "2026-12-07T08:00:00Z"),  # asked for today: today, even if past
    ("at 3pm", "2026-12-07T15:00:00Z"),
    ("at 11", "2026-12-08T11:00:00Z"),  # 11:00 has passed at noon: tomorrow's
    ("next tue at 10:15", "2026-12-08T10:15:00Z"),
    ("next week 8am", "2026-12-14T08:00:00Z"),
    ("+3h", "2026-12-07T15:00:00Z"),
    ("in 3 days", "2026-12-10T12:00:00Z"),
    ("in 90 minutes", "2026-12-07T13:30:00Z"),
    ("2 hours", "2026-12-07T14:00:00Z"),
    ("+1 week", "2026-12-14T12:00:00Z"),
    ("2d", "2026-12-09T12:00:00Z"),
    ("2026-12-24T16:00:00Z", "2026-12-24T16:00:00Z"),
])
def test_times_people_type(typed, meant):
    assert when(typed) == meant


@pytest.mark.parametrize("typed", ["next", "next tomorrow", "at", "in", "in 3", "3 fortnights",
                                   "next month", "t", "th", "friday 25:00", "13pm", "9:75",
                                   "soon", "2", "friday9", ""])
def test_what_is_not_a_time_is_one_sentence(typed):
    with pytest.raises(TimeError):
        when(typed)


def test_a_due_date_passed_reads_as_overdue_not_as_a_weekday_to_come():
    from inbox_app.core.timeutil import due_label

    three_days_ago = parse_iso("2026-12-04T12:00:00Z")
    in_four_days = parse_iso("2026-12-11T12:00:00Z")
    assert due_label(three_days_ago, MONDAY_NOON) == "overdue 3.0 d"
    assert due_label(in_four_days, MONDAY_NOON) == "due Fri"
    assert due_label(MONDAY_NOON - 1200, MONDAY_NOON) == "overdue 20 min"


def test_a_moment_is_spoken_in_local_time_weekday_first():
    from inbox_app.core.timeutil import spoken

    assert spoken(parse_iso("2026-12-11T23:59:59Z")) == "Fri 11 Dec 2026, 23:59"
