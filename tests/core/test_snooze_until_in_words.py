"""When a snooze ends, as the queue's tooltip, the thread's header and the status bar
should say it. They said `Snoozed until {relative(until)}`, which reads "Snoozed until in
3 h", "Snoozed until tomorrow" or "Snoozed until Tue": no time, and once in broken words."""

from __future__ import annotations

from datetime import datetime

import pytest

from inbox_app.core.timeutil import until_in_words


def moment(text: str) -> int:
    return int(datetime.fromisoformat(text).timestamp())


@pytest.mark.parametrize(("until", "said"), [
    ("2026-03-07T23:55:00", "23:55"),  # later today: the time alone
    ("2026-03-08T09:00:00", "tomorrow 09:00"),  # the clocks go forward that night
    ("2026-03-10T09:00:00", "Tue 09:00"),
    ("2026-03-13T18:00:00", "Fri 18:00"),
    ("2026-03-14T09:00:00", "Sat 14 Mar 09:00"),  # a week on: a weekday would mislead
    ("2027-01-04T09:00:00", "Mon 4 Jan 2027 09:00"),
    ("2026-03-07T23:00:00", "23:00"),  # just passed, not woken yet
])
def test_a_snooze_ends_at_a_time_people_read_at_a_glance(local_zone, until, said):
    local_zone("America/New_York")
    assert until_in_words(moment(until), moment("2026-03-07T23:50:00")) == said


def test_tomorrow_is_the_next_local_date_across_the_end_of_summer_time(local_zone):
    local_zone("Europe/London")
    saturday_night = moment("2026-10-24T23:50:00+01:00")
    assert until_in_words(moment("2026-10-25T09:00:00+00:00"), saturday_night) \
        == "tomorrow 09:00"


def test_a_day_already_past_is_said_with_its_date(local_zone):
    """A snooze that ended while no one read the queue, on an earlier date."""
    local_zone("Europe/London")
    assert until_in_words(moment("2026-03-05T09:00:00"), moment("2026-03-07T10:00:00")) \
        == "Thu 5 Mar 09:00"
