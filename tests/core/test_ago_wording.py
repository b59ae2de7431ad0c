"""`ago`: one wording for "when did that happen", in a refusal ("closed by Theo Brandt 2
minutes ago") and in an account's health ("The last check failed 10 minutes ago"). The
account health had its own, which said "on in 3 min" for a moment a fast clock put ahead
and "on Sun" for a check three hours before, just after midnight."""

from __future__ import annotations

import pytest

from inbox_app.core.timeutil import ago, parse_iso

# Wednesday 9 December 2026, 14:30 in UTC (the suite's zone)
NOW = parse_iso("2026-12-09T14:30:00Z")


@pytest.mark.parametrize(("moment", "said"), [
    ("2026-12-09T14:29:30Z", "a moment ago"),
    ("2026-12-09T14:33:00Z", "a moment ago"),  # a colleague's clock runs 3 minutes fast
    ("2026-12-09T14:29:00Z", "1 minute ago"),
    ("2026-12-09T14:10:00Z", "20 minutes ago"),
    ("2026-12-09T13:30:00Z", "1 hour ago"),
    ("2026-12-09T03:00:00Z", "11 hours ago"),
    ("2026-12-09T02:00:00Z", "today at 02:00"),
    ("2026-12-08T09:05:00Z", "yesterday at 09:05"),
    ("2026-12-03T14:05:00Z", "on Thu at 14:05"),
    ("2026-12-02T14:05:00Z", "on Wed 2 Dec at 14:05"),  # a week ago: "on Wed" would be today
    ("2025-03-12T09:05:00Z", "on Wed 12 Mar 2025 at 09:05"),
])
def test_the_past_is_said_as_a_sentence_wants_it(moment, said):
    assert ago(parse_iso(moment), NOW) == said


def test_hours_just_after_midnight_are_hours_not_a_weekday():
    just_after_midnight = parse_iso("2026-12-09T00:30:00Z")
    assert ago(just_after_midnight - 3 * 3600, just_after_midnight) == "3 hours ago"


def test_yesterday_is_the_local_day_before_across_a_change_of_summer_time(local_zone):
    local_zone("Europe/Berlin")  # the clocks went back at 3:00 on Sunday 25 October 2026
    monday_morning = parse_iso("2026-10-26T08:00:00+01:00")
    saturday_night = parse_iso("2026-10-24T23:30:00+02:00")
    sunday_evening = parse_iso("2026-10-25T19:00:00+01:00")
    assert ago(sunday_evening, monday_morning) == "yesterday at 19:00"
    assert ago(saturday_night, monday_morning) == "on Sat at 23:30"

